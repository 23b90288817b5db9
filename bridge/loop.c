/* SPDX-License-Identifier: MIT */
/*
 * loop.c - epoll event loop with timers, posted work and a step hook (see
 * loop.h).
 */
#define _GNU_SOURCE
#include "loop.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "trace.h"

#define MAX_EVENTS 64

struct vb_loop {
    int epfd;
    int stopfd;
    atomic_bool stop;
    struct vb_watch stopw;
    struct vb_timer *timers;
    struct vb_work *work_head, *work_tail;
    vb_step_cb step;
    void *step_opaque;
    uint32_t idle_ms;
    bool busy;
    /* Events of the batch being dispatched: vb_loop_del() clears entries. */
    struct epoll_event ev[MAX_EVENTS];
    int nev, cur;
    void **defer;
    unsigned ndefer, cap_defer;
};

static void stop_cb(void *o, uint32_t events)
{
    struct vb_loop *l = o;
    uint64_t v;
    (void)events;
    if (read(l->stopfd, &v, sizeof(v)) < 0) {
        /* EAGAIN: nothing to consume */
    }
    atomic_store(&l->stop, true);
}

struct vb_loop *vb_loop_create(void)
{
    struct vb_loop *l = calloc(1, sizeof(*l));
    if (!l)
        return NULL;
    l->epfd = epoll_create1(EPOLL_CLOEXEC);
    l->stopfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    l->idle_ms = 100;
    if (l->epfd < 0 || l->stopfd < 0 ||
        vb_loop_add(l, &l->stopw, l->stopfd, EPOLLIN, stop_cb, l) < 0) {
        if (l->epfd >= 0)
            close(l->epfd);
        if (l->stopfd >= 0)
            close(l->stopfd);
        free(l);
        return NULL;
    }
    return l;
}

static void flush_defer(struct vb_loop *l)
{
    for (unsigned i = 0; i < l->ndefer; i++)
        free(l->defer[i]);
    l->ndefer = 0;
}

void vb_loop_destroy(struct vb_loop *l)
{
    if (!l)
        return;
    flush_defer(l);
    free(l->defer);
    close(l->stopfd);
    close(l->epfd);
    free(l);
}

int vb_loop_add(struct vb_loop *l, struct vb_watch *w, int fd, uint32_t events, vb_fd_cb cb,
                void *opaque)
{
    struct epoll_event ev = {.events = events, .data.ptr = w};
    w->fd = fd;
    w->events = events;
    w->cb = cb;
    w->opaque = opaque;
    if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
        w->active = false;
        return -errno;
    }
    w->active = true;
    return 0;
}

int vb_loop_mod(struct vb_loop *l, struct vb_watch *w, uint32_t events)
{
    if (!w->active)
        return -EINVAL;
    if (w->events == events)
        return 0;
    struct epoll_event ev = {.events = events, .data.ptr = w};
    if (epoll_ctl(l->epfd, EPOLL_CTL_MOD, w->fd, &ev) < 0)
        return -errno;
    w->events = events;
    return 0;
}

void vb_loop_del(struct vb_loop *l, struct vb_watch *w)
{
    if (!w->active)
        return;
    epoll_ctl(l->epfd, EPOLL_CTL_DEL, w->fd, NULL);
    w->active = false;
    for (int i = l->cur; i < l->nev; i++)
        if (l->ev[i].data.ptr == w)
            l->ev[i].data.ptr = NULL;
}

void vb_loop_defer_free(struct vb_loop *l, void *p)
{
    /* Never at once: a caller up the stack (a callback that ended a session,
     * posted work, the step hook) may still hold @p. Freed when the current
     * phase of vb_loop_once() returns, or by vb_loop_destroy(). */
    if (!p)
        return;
    if (l->ndefer == l->cap_defer) {
        unsigned cap = l->cap_defer ? 2 * l->cap_defer : 64;
        void **d = realloc(l->defer, cap * sizeof(*d));
        if (!d) {
            free(p); /* out of memory: the old behaviour */
            return;
        }
        l->defer = d;
        l->cap_defer = cap;
    }
    l->defer[l->ndefer++] = p;
}

void vb_timer_arm(struct vb_loop *l, struct vb_timer *t, uint32_t delay_ms, vb_timer_cb cb,
                  void *opaque)
{
    vb_timer_cancel(l, t);
    t->deadline_ns = vb_now_ns() + (uint64_t)delay_ms * 1000000ull;
    t->cb = cb;
    t->opaque = opaque;
    t->armed = true;
    t->next = l->timers;
    l->timers = t;
}

void vb_timer_cancel(struct vb_loop *l, struct vb_timer *t)
{
    if (!t->armed)
        return;
    for (struct vb_timer **pp = &l->timers; *pp; pp = &(*pp)->next)
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    t->armed = false;
    t->next = NULL;
}

void vb_loop_post(struct vb_loop *l, struct vb_work *w, vb_timer_cb cb, void *opaque)
{
    if (w->queued)
        return;
    w->queued = true;
    w->cb = cb;
    w->opaque = opaque;
    w->next = NULL;
    if (l->work_tail)
        l->work_tail->next = w;
    else
        l->work_head = w;
    l->work_tail = w;
}

void vb_loop_cancel(struct vb_loop *l, struct vb_work *w)
{
    if (!w->queued)
        return;
    struct vb_work *prev = NULL;
    for (struct vb_work *x = l->work_head; x; prev = x, x = x->next)
        if (x == w) {
            if (prev)
                prev->next = w->next;
            else
                l->work_head = w->next;
            if (l->work_tail == w)
                l->work_tail = prev;
            break;
        }
    w->queued = false;
    w->next = NULL;
}

/* Run the queued work, including work posted meanwhile. */
static void run_work(struct vb_loop *l)
{
    struct vb_work *w;
    while ((w = l->work_head) != NULL) {
        l->work_head = w->next;
        if (!l->work_head)
            l->work_tail = NULL;
        w->queued = false;
        w->next = NULL;
        w->cb(w->opaque); /* may post or cancel any work, @w included */
    }
}

void vb_loop_set_step(struct vb_loop *l, vb_step_cb cb, void *opaque)
{
    l->step = cb;
    l->step_opaque = opaque;
}

void vb_loop_set_idle_ms(struct vb_loop *l, uint32_t ms)
{
    l->idle_ms = ms ? ms : 1;
}

static int timer_timeout(struct vb_loop *l, int cap)
{
    uint64_t now = vb_now_ns();
    int to = cap;
    for (struct vb_timer *t = l->timers; t; t = t->next) {
        if (t->deadline_ns <= now)
            return 0;
        uint64_t ms = (t->deadline_ns - now + 999999) / 1000000;
        if (to < 0 || ms < (uint64_t)to)
            to = (int)ms;
    }
    return to;
}

static void run_timers(struct vb_loop *l)
{
    uint64_t now = vb_now_ns();
    bool again = true;
    while (again) {
        again = false;
        for (struct vb_timer *t = l->timers; t; t = t->next) {
            if (t->deadline_ns <= now) {
                vb_timer_cancel(l, t);
                t->cb(t->opaque); /* may re-arm or cancel any timer */
                again = true;
                break;
            }
        }
    }
}

int vb_loop_once(struct vb_loop *l, int timeout_ms)
{
    int to = timer_timeout(l, timeout_ms);
    int n = epoll_wait(l->epfd, l->ev, MAX_EVENTS, to);
    if (n < 0) {
        if (errno == EINTR)
            n = 0;
        else
            return -errno;
    }
    l->nev = n;
    for (l->cur = 0; l->cur < l->nev; l->cur++) {
        struct vb_watch *w = l->ev[l->cur].data.ptr;
        if (w && w->active)
            w->cb(w->opaque, l->ev[l->cur].events);
    }
    l->nev = l->cur = 0;
    flush_defer(l);
    run_timers(l);
    run_work(l);
    flush_defer(l);
    l->busy = l->step ? l->step(l->step_opaque) : false;
    run_work(l);
    flush_defer(l);
    l->busy |= l->work_head != NULL;
    return n;
}

int vb_loop_run(struct vb_loop *l)
{
    while (!atomic_load(&l->stop)) {
        int rc = vb_loop_once(l, l->busy || l->work_head ? 0 : (int)l->idle_ms);
        if (rc < 0)
            return rc;
    }
    return 0;
}

void vb_loop_stop(struct vb_loop *l)
{
    uint64_t one = 1;
    atomic_store(&l->stop, true);
    if (write(l->stopfd, &one, sizeof(one)) < 0) {
        /* counter full: the loop wakes anyway */
    }
}

bool vb_loop_stopping(const struct vb_loop *l)
{
    return atomic_load(&l->stop);
}
