/* SPDX-License-Identifier: MIT */
/*
 * vu_face.c - the vhost-user master face of one adapter core (see
 * vu_face.h). docs/spec.md §6 (relay, master-face validation), §7
 * (resources), §8 (windows), §10 (disconnect and reconnect), §12.1 (the
 * master face of the core API seam).
 */
#define _GNU_SOURCE
#include "vu_face.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "res.h"
#include "session_rec.h"
#include "vu_conn.h"
#include "vu_msg.h"

#define READ_BURST 32 /* messages read per event before other peers get a turn */

struct vu_face {
    struct vb_loop *loop;
    struct vb_trace *tr;
    char name[32];
    struct vpci_core *core;
    struct vu_face_opts o;
    struct vu_face_release_hooks hooks;
    bool have_hooks;
    /* master socket */
    int lfd;
    struct vb_watch lw;
    struct vb_conn conn;
    bool connected;
    struct vb_timer retry;
    bool retry_logged;
    /* message offered to the core and held back (VPCI_EAGAIN) */
    struct vpci_res held_res[VPCI_VU_FDS_MAX];
    struct vb_res *held_obj[VPCI_VU_FDS_MAX];
    unsigned held_n;
    /* a drop requested from inside a callback: posted work */
    bool drop_pending;
    bool drop_violation;
    char drop_why[256];
    struct vb_work drop_work;
    struct vb_work read_work; /* read on after a held message was taken */
    /* resources */
    struct vb_res *live;
    struct vb_res *quar;
    struct vb_res *chan; /* the backend channel in use */
    struct vb_rec *rec;  /* session recorder (--record), or NULL */
    struct vu_face_stats st;
};

/* ------------------------------------------------------------------ */
/* helpers                                                             */
/* ------------------------------------------------------------------ */

static void update_events(struct vu_face *f);
static void finish_drop(void *o);

/* Ask for the master connection to be dropped once the current callback
 * chain has returned (posted work). The first reason wins. */
static void schedule_drop(struct vu_face *f, bool violation, const char *why)
{
    if (f->drop_pending)
        return;
    f->drop_pending = true;
    f->drop_violation = violation;
    /* Truncates long reasons (a deliberate cut, not a -Wformat-truncation case). */
    size_t n = strnlen(why, sizeof(f->drop_why) - 1);
    memcpy(f->drop_why, why, n);
    f->drop_why[n] = '\0';
    vb_loop_post(f->loop, &f->drop_work, finish_drop, f);
}

static void list_remove(struct vb_res **head, struct vb_res *r)
{
    for (struct vb_res **pp = head; *pp; pp = &(*pp)->next)
        if (*pp == r) {
            *pp = r->next;
            r->next = NULL;
            return;
        }
}

static void chan_close(struct vu_face *f, struct vb_res *r)
{
    if (!r->chan)
        return;
    vb_loop_del(f->loop, &r->chan->w);
    vb_conn_close(r->chan);
    /* deliver() may be using it up the stack (the core ended the session
     * inside vpci_master_msg): freed at the end of the loop phase. */
    vb_loop_defer_free(f->loop, r->chan);
    r->chan = NULL;
}

/* The backend channel of @r is dead (the master closed it, or it failed or
 * stopped being read): close it and tell the core (spec §10.6), which
 * gives the resource back through ->release, possibly at once. */
static void chan_gone(struct vu_face *f, struct vb_res *r)
{
    chan_close(f, r);
    if (f->connected) {
        if (f->rec)
            vb_rec_channel_gone(f->rec);
        vpci_master_backend_gone(f->core, r->core.cookie);
    }
}

/* Give a resource back (from the core's ->release, or never handed over). */
static void res_release(struct vu_face *f, struct vb_res *r)
{
    list_remove(&f->live, r);
    f->st.live_res--;
    switch (r->kind) {
    case VU_FD_MEM:
        f->st.unmaps++;
        if (r->map && f->have_hooks && f->hooks.driver_holds(f->hooks.opaque, &r->epoch)) {
            /* The driver may still hold pointers into it until it sees the
             * session end or the new table: anonymous memory meanwhile. */
            vb_res_mem_poison(r);
            r->next = f->quar;
            f->quar = r;
            f->st.quarantined++;
            return;
        }
        vb_res_close(r);
        break;
    case VU_FD_KICK:
        vb_loop_del(f->loop, &r->w);
        vb_res_close(r);
        break;
    case VU_FD_SOCKET:
        if (f->chan == r)
            f->chan = NULL;
        chan_close(f, r);
        vb_res_close(r);
        break;
    default:
        vb_res_close(r);
        break;
    }
    vb_loop_defer_free(f->loop, r);
}

/* Unmap quarantined memory the driver is past (@all: everything). */
static bool quarantine_flush(struct vu_face *f, bool all, bool driver_idle)
{
    bool work = false;
    for (struct vb_res **pp = &f->quar; *pp;) {
        struct vb_res *r = *pp;
        if (all || !f->have_hooks ||
            f->hooks.driver_past(f->hooks.opaque, r->epoch, driver_idle)) {
            *pp = r->next;
            vb_res_close(r);
            free(r);
            f->st.quarantined--;
            work = true;
        } else {
            pp = &r->next;
        }
    }
    return work;
}

/* ------------------------------------------------------------------ */
/* the core's master face (struct vpci_master_ops)                     */
/* ------------------------------------------------------------------ */

static void m_notify(void *o, enum vpci_notify_kind kind, uint16_t vq, uint64_t cookie)
{
    struct vu_face *f = o;
    struct vb_res *r = (struct vb_res *)(uintptr_t)cookie;
    if (f->rec)
        vb_rec_notify(f->rec, kind, vq);
    if (r) {
        vb_res_signal(r);
        f->st.notifies++;
    }
}

static void m_send(void *o, enum vpci_channel chan, const void *msg, size_t len)
{
    struct vu_face *f = o;

    vb_trace_msg(f->tr, f->name, true, (int)chan, msg, len, 0);
    if (f->rec)
        vb_rec_send(f->rec, chan, msg, len);
    if (chan == VPCI_CHAN_MASTER) {
        if (f->conn.fd < 0 || f->drop_pending)
            return;
        if (vb_conn_send(&f->conn, msg, len) < 0) {
            char why[128];
            snprintf(why, sizeof(why), "master does not read its replies (%zu bytes queued, "
                     "limit %u) or its socket failed", f->conn.tx_len, VB_CONN_TX_LIMIT);
            schedule_drop(f, true, why);
            return;
        }
        f->st.msgs_out++;
        update_events(f);
        return;
    }
    struct vb_res *r = f->chan;
    if (!r || !r->chan) {
        vb_log(f->tr, VB_WARN, f->name, "backend channel gone: %s dropped",
               vu_request_name(1, len >= 4 ? *(const uint32_t *)msg : 0));
        return;
    }
    if (vb_conn_send(r->chan, msg, len) < 0) {
        vb_log(f->tr, VB_WARN, f->name, "backend channel not read by the master: closed");
        chan_gone(f, r); /* re-enters the core: allowed from ->send */
        return;
    }
    f->st.msgs_out++;
    if (r->chan->w.active)
        vb_loop_mod(f->loop, &r->chan->w,
                    EPOLLIN | (vb_conn_tx_pending(r->chan) ? EPOLLOUT : 0));
}

static void m_close(void *o, enum vpci_close_reason reason, const char *why)
{
    struct vu_face *f = o;
    char line[320];
    if (reason == VPCI_CLOSE_REFUSED)
        f->st.refused++;
    snprintf(line, sizeof(line), "%s: %s",
             reason == VPCI_CLOSE_REFUSED ? "master refused" : "driver reset ended the session",
             why ? why : "");
    schedule_drop(f, false, line);
}

static void m_release(void *o, const struct vpci_res *res)
{
    struct vu_face *f = o;
    struct vb_res *r = (struct vb_res *)(uintptr_t)res->cookie;
    if (f->rec)
        vb_rec_release(f->rec, res);
    if (r)
        res_release(f, r);
}

static void m_log(void *o, const char *line)
{
    struct vu_face *f = o;
    vb_log(f->tr, VB_INFO, f->name, "core: %s", line);
}

static const struct vpci_master_ops master_ops = {
    .notify = m_notify, .send = m_send, .close = m_close, .release = m_release, .log = m_log,
};

/* ------------------------------------------------------------------ */
/* kicks and the backend channel                                       */
/* ------------------------------------------------------------------ */

static void kick_cb(void *o, uint32_t events)
{
    struct vb_res *r = o;
    struct vu_face *f = r->owner;
    (void)events;
    if (vb_res_drain_kick(r) && r->vq >= 0) {
        f->st.kicks++;
        if (f->rec)
            vb_rec_kick(f->rec, (uint16_t)r->vq);
        vpci_master_kick(f->core, (uint16_t)r->vq);
    }
}

static int deliver(struct vu_face *f, struct vb_conn *c, enum vu_chan chan);

static void chan_cb(void *o, uint32_t events)
{
    struct vb_res *r = o;
    struct vu_face *f = r->owner;
    struct vb_conn *c = r->chan;
    char why[256];

    if (!c)
        return;
    if ((events & EPOLLOUT) && vb_conn_flush(c) < 0) {
        vb_log(f->tr, VB_WARN, f->name, "backend channel write failed: closed");
        chan_gone(f, r);
        return;
    }
    for (int k = 0; k < READ_BURST && r->chan && !c->held && !f->drop_pending; k++) {
        int rc = vb_conn_read(c, why, sizeof(why));
        if (rc < 0) {
            if (!strncmp(why, "peer closed", 11)) {
                vb_log(f->tr, VB_INFO, f->name, "backend channel closed by the master");
                chan_gone(f, r);
            } else {
                f->st.violations++;
                schedule_drop(f, true, why);
            }
            break;
        }
        if (rc == 0)
            break;
        if (deliver(f, c, VU_CHAN_BACKEND) <= 0)
            break;
    }
    if (r->chan)
        vb_loop_mod(f->loop, &c->w,
                    (c->held ? 0 : EPOLLIN) | (vb_conn_tx_pending(c) ? EPOLLOUT : 0));
}

/* ------------------------------------------------------------------ */
/* intake: check, build resources, hand to the core                    */
/* ------------------------------------------------------------------ */

static void release_held(struct vu_face *f)
{
    for (unsigned i = 0; i < f->held_n; i++)
        res_release(f, f->held_obj[i]);
    f->held_n = 0;
}

/* A failed build(): give back @r (NULL, or one that owns no fd or owns
 * fds[from - 1]), close the fds not taken yet (from @from on), release the
 * resources already built. Returns -1. */
static int build_fail(struct vu_face *f, struct vb_res *r, const int *fds, unsigned from,
                      unsigned n)
{
    if (r) {
        vb_res_close(r);
        free(r);
    }
    for (unsigned j = from; j < n; j++)
        close(fds[j]);
    release_held(f);
    return -1;
}

/* Build the resources of the message in @c per @plan; the fds are taken
 * from @c. Returns 0, or -1 (every fd closed, reason in @why). */
static int build(struct vu_face *f, struct vb_conn *c, const struct vu_plan *plan, char *why,
                 size_t whylen)
{
    int fds[VB_CONN_RX_FDS];
    unsigned n = c->rx_nfds;
    memcpy(fds, c->rx_fds, n * sizeof(int));
    c->rx_nfds = 0; /* ours now */
    f->held_n = 0;
    if (plan->pass_bare) {
        for (unsigned i = 0; i < n; i++)
            close(fds[i]);
        return 0;
    }
    for (unsigned i = 0; i < n; i++) {
        struct vb_res *r = calloc(1, sizeof(*r));
        int rc = -1;
        if (!r) {
            snprintf(why, whylen, "out of memory");
        } else {
            switch (plan->fd[i].kind) {
            case VU_FD_MEM:
                rc = vb_res_mem(r, fds[i], plan->fd[i].offset, plan->fd[i].size, why, whylen);
                if (rc == 0) {
                    f->st.maps++;
                    if (f->o.window_file_set && r->dev == f->o.window_dev &&
                        r->ino == f->o.window_ino)
                        r->core.flags |= VPCI_RES_F_WINDOW_FILE;
                }
                break;
            case VU_FD_NOTIFIER:
            case VU_FD_KICK:
                rc = vb_res_eventfd(r, fds[i], plan->fd[i].kind, why, whylen);
                break;
            case VU_FD_SOCKET:
                rc = vb_res_socket(r, fds[i], why, whylen);
                break;
            case VU_FD_CLOSE:
                /* REM_MEM_REG's optional fd: closed unused (spec §6.2) */
                close(fds[i]);
                free(r);
                continue;
            }
        }
        if (rc < 0)
            return build_fail(f, r, fds, i, n); /* fds[i] was not taken */
        r->owner = f;
        r->vq = plan->vq;
        r->request = plan->request;
        if (r->kind == VU_FD_KICK &&
            vb_loop_add(f->loop, &r->w, r->fd, EPOLLIN, kick_cb, r) < 0) {
            snprintf(why, whylen, "cannot watch the kick fd");
            return build_fail(f, r, fds, i + 1, n);
        }
        if (r->kind == VU_FD_SOCKET) {
            r->chan = calloc(1, sizeof(*r->chan));
            if (!r->chan) {
                snprintf(why, whylen, "out of memory");
                return build_fail(f, r, fds, i + 1, n);
            }
            vb_conn_init(r->chan, r->fd, VU_CHAN_BACKEND);
            r->fd = -1; /* the connection owns it */
            vb_loop_add(f->loop, &r->chan->w, r->chan->fd, EPOLLIN, chan_cb, r);
            f->chan = r; /* the channel in use: S2M channel 1 goes there (a newer
                          * one replaces it; res_release forgets it) */
        }
        r->next = f->live;
        f->live = r;
        f->st.live_res++;
        f->held_obj[f->held_n] = r;
        f->held_res[f->held_n] = r->core;
        f->held_n++;
    }
    return 0;
}

/* Offer the complete message in @c to the core. 1 accepted, 0 held
 * (back-pressure), -1 refused or dropped. */
static int deliver(struct vu_face *f, struct vb_conn *c, enum vu_chan chan)
{
    char why[256];
    struct vu_plan plan;
    bool master = chan == VU_CHAN_MASTER;

    if (!c->held) {
        vb_trace_msg(f->tr, f->name, false, (int)chan, c->rx, c->rx_have, c->rx_nfds);
        if (master)
            f->st.msgs_in++;
        if (vu_msg_check(c->rx, c->rx_have, c->rx_nfds, chan, &plan, why, sizeof(why)) < 0) {
            char line[320];
            snprintf(line, sizeof(line), "%s(%u) rejected at intake: %s",
                     vu_request_name(!master, plan.request), plan.request, why);
            f->st.violations++;
            vb_conn_drop_rx(c);
            schedule_drop(f, true, line);
            return -1;
        }
        if (master) {
            if (build(f, c, &plan, why, sizeof(why)) < 0) {
                char line[320];
                snprintf(line, sizeof(line), "%s(%u) refused: %s", vu_request_name(0, plan.request),
                         plan.request, why);
                f->st.violations++;
                vb_conn_drop_rx(c);
                schedule_drop(f, true, line);
                return -1;
            }
        }
    }
    enum vpci_channel vchan = master ? VPCI_CHAN_MASTER : VPCI_CHAN_BACKEND;
    const struct vpci_res *res = master ? f->held_res : NULL;
    unsigned nres = master ? f->held_n : 0;
    if (f->rec && !c->held)
        vb_rec_msg(f->rec, vchan, c->rx, c->rx_have, res, nres);
    int rc = vpci_master_msg(f->core, vchan, c->rx, c->rx_have, res, nres);
    if (rc == VPCI_EAGAIN) {
        if (!c->held)
            f->st.eagain++;
        c->held = true;
        return 0;
    }
    c->held = false;
    if (f->rec && master)
        vb_rec_msg_done(f->rec, c->rx, c->rx_have, res, nres, rc);
    vb_conn_consume(c);
    unsigned n = master ? f->held_n : 0;
    if (master)
        f->held_n = 0;
    if (rc == VPCI_OK)
        return 1;
    if (rc == VPCI_EREFUSED)
        return -1; /* ->close() scheduled the drop; ->release() took the resources */
    /* Not taken by the core (no session): ours to give back. */
    for (unsigned i = 0; i < n; i++)
        res_release(f, f->held_obj[i]);
    schedule_drop(f, false, "the core has no session for this connection");
    return -1;
}

/* ------------------------------------------------------------------ */
/* the master connection                                               */
/* ------------------------------------------------------------------ */

static void listen_cb(void *o, uint32_t events);
static void retry_cb(void *o);

static void update_events(struct vu_face *f)
{
    if (f->conn.fd < 0 || !f->conn.w.active)
        return;
    vb_loop_mod(f->loop, &f->conn.w,
                (f->conn.held ? 0 : EPOLLIN) | (vb_conn_tx_pending(&f->conn) ? EPOLLOUT : 0));
}

/* Posted work of schedule_drop(): close the master connection, end the
 * session in the core (which releases every resource), wait for the next. */
static void finish_drop(void *o)
{
    struct vu_face *f = o;
    if (!f->drop_pending)
        return;
    f->drop_pending = false;
    vb_loop_cancel(f->loop, &f->drop_work);
    vb_loop_cancel(f->loop, &f->read_work);
    vb_log(f->tr, f->drop_violation ? VB_WARN : VB_INFO, f->name, "master connection closed: %s",
           f->drop_why);
    snprintf(f->st.last_drop, sizeof(f->st.last_drop), "%s", f->drop_why);
    if (f->conn.fd >= 0) {
        vb_loop_del(f->loop, &f->conn.w);
        vb_conn_flush(&f->conn); /* best effort: replies already queued */
        vb_conn_close(&f->conn);
    }
    if (f->held_n)
        release_held(f);
    if (f->connected) {
        f->connected = false;
        if (f->rec)
            vb_rec_disconnect(f->rec);
        vpci_master_disconnect(f->core); /* releases every resource (spec §10.2) */
    }
    /* Resources the core had not taken (none expected) go too. */
    while (f->live)
        res_release(f, f->live);
    if (!f->o.client) {
        if (f->lfd >= 0 && !f->lw.active)
            vb_loop_add(f->loop, &f->lw, f->lfd, EPOLLIN, listen_cb, f);
    } else {
        f->retry_logged = false;
        vb_timer_arm(f->loop, &f->retry, f->o.reconnect_ms, retry_cb, f);
    }
}

static void master_cb(void *o, uint32_t events)
{
    struct vu_face *f = o;
    struct vb_conn *c = &f->conn;
    char why[256];

    if ((events & EPOLLOUT) && vb_conn_flush(c) < 0)
        schedule_drop(f, false, "master socket write failed");
    if ((events & (EPOLLHUP | EPOLLERR)) && c->held)
        schedule_drop(f, false, "peer closed while its message waited");
    for (int k = 0; k < READ_BURST && c->fd >= 0 && !c->held && !f->drop_pending; k++) {
        int rc = vb_conn_read(c, why, sizeof(why));
        if (rc < 0) {
            bool eof = strcmp(why, "peer closed") == 0;
            if (!eof)
                f->st.violations++;
            schedule_drop(f, !eof, why);
            break;
        }
        if (rc == 0)
            break;
        if (deliver(f, c, VU_CHAN_MASTER) <= 0)
            break;
    }
    update_events(f);
}

/* Posted work: read on what the socket buffer already holds after a held
 * message was taken (epoll reports nothing new for it). */
static void read_more(void *o)
{
    struct vu_face *f = o;
    if (f->conn.fd >= 0 && !f->drop_pending)
        master_cb(f, 0);
}

static void start_session(struct vu_face *f, int fd)
{
    vb_conn_init(&f->conn, fd, VU_CHAN_MASTER);
    if (vb_loop_add(f->loop, &f->conn.w, fd, EPOLLIN, master_cb, f) < 0) {
        vb_conn_close(&f->conn);
        return;
    }
    f->connected = true;
    f->st.sessions++;
    if (f->rec)
        vb_rec_connect(f->rec);
    vpci_master_connect(f->core);
    vb_log(f->tr, VB_INFO, f->name, "master connected (session %llu)",
           (unsigned long long)f->st.sessions);
}

static void listen_cb(void *o, uint32_t events)
{
    struct vu_face *f = o;
    (void)events;
    int fd = vb_unix_accept(f->lfd);
    if (fd < 0)
        return;
    if (f->connected) {
        close(fd);
        return;
    }
    /* One master per adapter: further masters wait in the backlog. */
    vb_loop_del(f->loop, &f->lw);
    start_session(f, fd);
}

static void retry_cb(void *o)
{
    struct vu_face *f = o;
    if (f->connected)
        return;
    int fd = vb_unix_connect(f->o.socket);
    if (fd < 0) {
        if (!f->retry_logged)
            vb_log(f->tr, VB_INFO, f->name, "waiting for a master to listen on %s (%s)",
                   f->o.socket, strerror(-fd));
        f->retry_logged = true;
        vb_timer_arm(f->loop, &f->retry, f->o.reconnect_ms, retry_cb, f);
        return;
    }
    start_session(f, fd);
}

/* ------------------------------------------------------------------ */
/* life cycle                                                          */
/* ------------------------------------------------------------------ */

struct vu_face *vu_face_create(struct vb_loop *loop, struct vb_trace *tr, const char *name,
                               struct vpci_core *core, const struct vu_face_opts *o, char *err,
                               size_t errlen)
{
    struct vu_face *f = calloc(1, sizeof(*f));
    if (!f) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    f->loop = loop;
    f->tr = tr;
    f->core = core;
    f->o = *o;
    if (!f->o.reconnect_ms)
        f->o.reconnect_ms = 200;
    f->lfd = -1;
    f->conn.fd = -1;
    snprintf(f->name, sizeof(f->name), "%s", name);
    if (vpci_core_set_master(core, &master_ops, f) != VPCI_OK) {
        snprintf(err, errlen, "%s: the core refuses a master face now", f->name);
        free(f);
        return NULL;
    }
    return f;
}

void vu_face_set_release_hooks(struct vu_face *f, const struct vu_face_release_hooks *h)
{
    f->have_hooks = h && h->driver_holds && h->driver_past;
    if (f->have_hooks)
        f->hooks = *h;
    else
        memset(&f->hooks, 0, sizeof(f->hooks));
}

void vu_face_set_recorder(struct vu_face *f, struct vb_rec *rec)
{
    f->rec = rec;
}

void vu_face_capture(struct vu_face *f)
{
    if (f->rec && f->connected)
        vb_rec_capture(f->rec);
}

int vu_face_open(struct vu_face *f)
{
    if (f->o.client) {
        retry_cb(f);
        return 0;
    }
    f->lfd = vb_unix_listen(f->o.socket);
    if (f->lfd < 0)
        return f->lfd;
    return vb_loop_add(f->loop, &f->lw, f->lfd, EPOLLIN, listen_cb, f);
}

bool vu_face_poll(struct vu_face *f, bool driver_idle)
{
    bool work = false;

    if (f->conn.fd >= 0 && f->conn.held && !f->drop_pending) {
        int rc = deliver(f, &f->conn, VU_CHAN_MASTER);
        if (rc != 0) {
            work = true;
            if (rc > 0)
                vb_loop_post(f->loop, &f->read_work, read_more, f);
        }
        update_events(f);
    }
    if (f->chan && f->chan->chan && f->chan->chan->held && !f->drop_pending) {
        struct vb_res *r = f->chan;
        if (deliver(f, r->chan, VU_CHAN_BACKEND) != 0) {
            work = true;
            if (r->chan)
                vb_loop_mod(f->loop, &r->chan->w, EPOLLIN);
        }
    }
    if (f->quar)
        work |= quarantine_flush(f, false, driver_idle);
    return work || f->drop_pending;
}

void vu_face_close(struct vu_face *f)
{
    vb_timer_cancel(f->loop, &f->retry);
    f->o.client = false; /* no reconnect */
    if (f->lw.active)
        vb_loop_del(f->loop, &f->lw);
    if (f->lfd >= 0) {
        close(f->lfd);
        unlink(f->o.socket);
        f->lfd = -1;
    }
    if (f->connected || f->conn.fd >= 0) {
        schedule_drop(f, false, "bridge shutting down");
        finish_drop(f);
    }
}

void vu_face_flush(struct vu_face *f)
{
    quarantine_flush(f, true, true);
}

void vu_face_destroy(struct vu_face *f)
{
    if (!f)
        return;
    vu_face_close(f);
    vb_loop_cancel(f->loop, &f->drop_work);
    vb_loop_cancel(f->loop, &f->read_work);
    f->have_hooks = false; /* the driver may be gone already */
    while (f->live)
        res_release(f, f->live);
    quarantine_flush(f, true, true);
    free(f);
}

void vu_face_get_stats(const struct vu_face *f, struct vu_face_stats *s)
{
    *s = f->st;
    s->connected = f->connected;
}
