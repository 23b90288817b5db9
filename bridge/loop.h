/* SPDX-License-Identifier: MIT */
/*
 * loop.h - the bridge's single event loop: epoll over fds with callbacks,
 * one-shot timers, posted work (a callback run once after the current
 * batch, so that code called back from deep inside another component never
 * re-enters its caller), a "step" hook run after every batch of events (the
 * firmware is stepped there without blocking), and a thread-safe stop.
 *
 * Watches and timers are owned by their users (embedded in long-lived
 * objects). An object whose watch may still have an event queued in the
 * current batch is freed with vb_loop_defer_free(), never directly.
 */
#ifndef VB_LOOP_H
#define VB_LOOP_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct vb_loop;

typedef void (*vb_fd_cb)(void *opaque, uint32_t events);
typedef void (*vb_timer_cb)(void *opaque);
/* Returns true if it did work (the loop then polls again without sleeping). */
typedef bool (*vb_step_cb)(void *opaque);

struct vb_watch {
    int fd;
    uint32_t events;   /* EPOLLIN / EPOLLOUT ... currently requested */
    bool active;
    vb_fd_cb cb;
    void *opaque;
};

struct vb_timer {
    uint64_t deadline_ns;
    bool armed;
    vb_timer_cb cb;
    void *opaque;
    struct vb_timer *next;
};

/* Posted work: queued at most once, run in posting order after the current
 * batch of events and timers, before the step hook; the loop does not sleep
 * while work is queued. Owned by its user like a watch. */
struct vb_work {
    bool queued;
    vb_timer_cb cb;
    void *opaque;
    struct vb_work *next;
};

/* Create / destroy (the loop does not close watched fds). */
struct vb_loop *vb_loop_create(void);
void vb_loop_destroy(struct vb_loop *l);

/* Watch @fd for @events; calls @cb(opaque, revents). 0 or -errno. */
int vb_loop_add(struct vb_loop *l, struct vb_watch *w, int fd, uint32_t events, vb_fd_cb cb,
                void *opaque);
/* Change the events of an active watch. */
int vb_loop_mod(struct vb_loop *l, struct vb_watch *w, uint32_t events);
/* Stop watching (safe inside callbacks; pending events of @w are dropped). */
void vb_loop_del(struct vb_loop *l, struct vb_watch *w);
/* free(@p) once the current phase of the loop turn (the batch of events,
 * the timers and posted work, the step) has returned, never at once: a
 * caller up the stack may still hold @p. */
void vb_loop_defer_free(struct vb_loop *l, void *p);

/* Arm @t to fire once after @delay_ms (re-arming moves it). */
void vb_timer_arm(struct vb_loop *l, struct vb_timer *t, uint32_t delay_ms, vb_timer_cb cb,
                  void *opaque);
void vb_timer_cancel(struct vb_loop *l, struct vb_timer *t);

/* Queue @w to run @cb(@opaque) once after the current batch (a no-op while
 * @w is already queued). Safe inside any callback, including posted work. */
void vb_loop_post(struct vb_loop *l, struct vb_work *w, vb_timer_cb cb, void *opaque);
/* Unqueue @w if it is queued (call before freeing its owner). */
void vb_loop_cancel(struct vb_loop *l, struct vb_work *w);

/* Hook run after every batch; when it returns true the loop does not sleep. */
void vb_loop_set_step(struct vb_loop *l, vb_step_cb cb, void *opaque);
/* Longest sleep when idle (ms; default 100). */
void vb_loop_set_idle_ms(struct vb_loop *l, uint32_t ms);

/* Run until vb_loop_stop(). 0, or -errno on an epoll failure. */
int vb_loop_run(struct vb_loop *l);
/* Run one iteration waiting at most @timeout_ms. Returns events handled. */
int vb_loop_once(struct vb_loop *l, int timeout_ms);
/* Ask the loop to return (thread- and signal-safe). */
void vb_loop_stop(struct vb_loop *l);
bool vb_loop_stopping(const struct vb_loop *l);

#ifdef __cplusplus
}
#endif

#endif /* VB_LOOP_H */
