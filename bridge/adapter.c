/* SPDX-License-Identifier: MIT */
/*
 * adapter.c - one adapter of the bridge: core + direct HAL port + firmware
 * device, and the master face (vhost-user socket) in front of the core.
 * docs/spec.md §6 (relay, master-face validation), §7 (resources), §8
 * (windows), §10 (disconnect and reconnect), §12.1 (core API seam).
 */
#define _GNU_SOURCE
#include "adapter.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "blk.h"
#include "hal_core.h"
#include "net.h"
#include "res.h"
#include "vu_conn.h"
#include "vu_msg.h"

#define READ_BURST 32 /* messages read per event before other peers get a turn */

struct vb_adapter {
    struct vb_env env;
    struct vb_adapter_opts o;
    unsigned index;
    char name[32];
    struct vpci_hal_core *hc;
    struct vpci_core *core;
    struct vpf_blk *blk;
    struct vpf_net_port *port;
    int disk_fd;
    bool fw_started;
    bool fw_failed_logged;
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
    /* a drop requested from inside a callback, done when it returns */
    bool drop_pending;
    bool drop_violation;
    char drop_why[256];
    /* resources */
    struct vb_res *live;
    struct vb_res *quar;
    struct vb_res *chan; /* the backend channel in use */
    struct vb_adapter_stats st;
};

/* ------------------------------------------------------------------ */
/* helpers                                                             */
/* ------------------------------------------------------------------ */

static void update_events(struct vb_adapter *a);

static void schedule_drop(struct vb_adapter *a, bool violation, const char *why)
{
    if (a->drop_pending)
        return;
    a->drop_pending = true;
    a->drop_violation = violation;
    /* Truncates long reasons (a deliberate cut, not a -Wformat-truncation case). */
    size_t n = strnlen(why, sizeof(a->drop_why) - 1);
    memcpy(a->drop_why, why, n);
    a->drop_why[n] = '\0';
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

static bool fw_running(const struct vb_adapter *a)
{
    struct vpf_dev *d = vb_adapter_dev((struct vb_adapter *)a);
    return a->fw_started && d && vpf_state(d) == VPF_STATE_RUNNING;
}

static void chan_close(struct vb_adapter *a, struct vb_res *r)
{
    if (!r->chan)
        return;
    vb_loop_del(a->env.loop, &r->chan->w);
    vb_conn_close(r->chan);
    free(r->chan);
    r->chan = NULL;
}

/* Give a resource back (from the core's ->release, or never handed over). */
static void res_release(struct vb_adapter *a, struct vb_res *r)
{
    list_remove(&a->live, r);
    a->st.live_res--;
    switch (r->kind) {
    case VU_FD_MEM:
        a->st.unmaps++;
        if (fw_running(a) && r->map) {
            /* The firmware may still hold pointers into it until it sees the
             * session end or the new table: all-ones memory meanwhile. */
            vb_res_mem_poison(r);
            r->session = vpf_session(vb_adapter_dev(a));
            r->next = a->quar;
            a->quar = r;
            return;
        }
        vb_res_close(r);
        break;
    case VU_FD_KICK:
        vb_loop_del(a->env.loop, &r->w);
        vb_res_close(r);
        break;
    case VU_FD_SOCKET:
        if (a->chan == r)
            a->chan = NULL;
        chan_close(a, r);
        vb_res_close(r);
        break;
    default:
        vb_res_close(r);
        break;
    }
    vb_loop_defer_free(a->env.loop, r);
}

static void quarantine_flush(struct vb_adapter *a, bool all)
{
    struct vpf_dev *d = vb_adapter_dev(a);
    bool running = fw_running(a);
    for (struct vb_res **pp = &a->quar; *pp;) {
        struct vb_res *r = *pp;
        if (all || !running || !vpf_master_up(d) || vpf_session(d) != r->session) {
            *pp = r->next;
            vb_res_close(r);
            free(r);
        } else {
            pp = &r->next;
        }
    }
}

/* ------------------------------------------------------------------ */
/* master-side callbacks of the direct HAL port                        */
/* ------------------------------------------------------------------ */

static void m_notify(void *o, enum vpci_notify_kind kind, uint16_t vq, uint64_t cookie)
{
    struct vb_adapter *a = o;
    struct vb_res *r = (struct vb_res *)(uintptr_t)cookie;
    (void)kind;
    (void)vq;
    if (r) {
        vb_res_signal(r);
        a->st.notifies++;
    }
}

static void m_send(void *o, enum vpci_channel chan, const void *msg, size_t len)
{
    struct vb_adapter *a = o;

    vb_trace_msg(a->env.tr, a->name, true, (int)chan, msg, len, 0);
    if (chan == VPCI_CHAN_MASTER) {
        if (a->conn.fd < 0 || a->drop_pending)
            return;
        if (vb_conn_send(&a->conn, msg, len) < 0) {
            char why[128];
            snprintf(why, sizeof(why), "master does not read its replies (%zu bytes queued, "
                     "limit %u) or its socket failed", a->conn.tx_len, VB_CONN_TX_LIMIT);
            schedule_drop(a, true, why);
            return;
        }
        a->st.msgs_out++;
        update_events(a);
        return;
    }
    struct vb_res *r = a->chan;
    if (!r || !r->chan) {
        vb_log(a->env.tr, VB_WARN, a->name, "backend channel gone: %s dropped",
               vu_request_name(1, len >= 4 ? *(const uint32_t *)msg : 0));
        return;
    }
    if (vb_conn_send(r->chan, msg, len) < 0) {
        vb_log(a->env.tr, VB_WARN, a->name, "backend channel not read by the master: closed");
        chan_close(a, r);
        return;
    }
    a->st.msgs_out++;
    if (r->chan->w.active)
        vb_loop_mod(a->env.loop, &r->chan->w,
                    EPOLLIN | (vb_conn_tx_pending(r->chan) ? EPOLLOUT : 0));
}

static void m_close(void *o, enum vpci_close_reason reason, const char *why)
{
    struct vb_adapter *a = o;
    char line[320];
    if (reason == VPCI_CLOSE_REFUSED)
        a->st.refused++;
    snprintf(line, sizeof(line), "%s: %s",
             reason == VPCI_CLOSE_REFUSED ? "master refused" : "driver reset ended the session",
             why ? why : "");
    schedule_drop(a, false, line);
}

static void m_release(void *o, const struct vpci_res *res)
{
    struct vb_adapter *a = o;
    struct vb_res *r = (struct vb_res *)(uintptr_t)res->cookie;
    if (r)
        res_release(a, r);
}

static void m_log(void *o, const char *line)
{
    struct vb_adapter *a = o;
    vb_log(a->env.tr, VB_INFO, a->name, "core: %s", line);
}

/* ------------------------------------------------------------------ */
/* kicks and the backend channel                                       */
/* ------------------------------------------------------------------ */

static void kick_cb(void *o, uint32_t events)
{
    struct vb_res *r = o;
    struct vb_adapter *a = r->owner;
    (void)events;
    if (vb_res_drain_kick(r) && r->vq >= 0) {
        a->st.kicks++;
        vpci_master_kick(a->core, (uint16_t)r->vq);
    }
}

static int deliver(struct vb_adapter *a, struct vb_conn *c, enum vu_chan chan);

static void chan_cb(void *o, uint32_t events)
{
    struct vb_res *r = o;
    struct vb_adapter *a = r->owner;
    struct vb_conn *c = r->chan;
    char why[256];

    if (!c)
        return;
    if ((events & EPOLLOUT) && vb_conn_flush(c) < 0) {
        vb_log(a->env.tr, VB_WARN, a->name, "backend channel write failed: closed");
        chan_close(a, r);
        return;
    }
    for (int k = 0; k < READ_BURST && r->chan && !c->held && !a->drop_pending; k++) {
        int rc = vb_conn_read(c, why, sizeof(why));
        if (rc < 0) {
            if (!strncmp(why, "peer closed", 11)) {
                vb_log(a->env.tr, VB_INFO, a->name, "backend channel closed by the master");
                chan_close(a, r);
            } else {
                a->st.violations++;
                schedule_drop(a, true, why);
            }
            break;
        }
        if (rc == 0)
            break;
        if (deliver(a, c, VU_CHAN_BACKEND) <= 0)
            break;
    }
    if (r->chan)
        vb_loop_mod(a->env.loop, &c->w,
                    (c->held ? 0 : EPOLLIN) | (vb_conn_tx_pending(c) ? EPOLLOUT : 0));
    if (a->drop_pending)
        vb_adapter_post(a, false);
}

/* ------------------------------------------------------------------ */
/* intake: check, build resources, hand to the core                    */
/* ------------------------------------------------------------------ */

static void release_held(struct vb_adapter *a)
{
    for (unsigned i = 0; i < a->held_n; i++)
        res_release(a, a->held_obj[i]);
    a->held_n = 0;
}

/* Build the resources of the message in @c per @plan; the fds are taken
 * from @c. Returns 0, or -1 (every fd closed, reason in @why). */
static int build(struct vb_adapter *a, struct vb_conn *c, const struct vu_plan *plan, char *why,
                 size_t whylen)
{
    int fds[VB_CONN_RX_FDS];
    unsigned n = c->rx_nfds;
    memcpy(fds, c->rx_fds, n * sizeof(int));
    c->rx_nfds = 0; /* ours now */
    a->held_n = 0;
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
                if (rc == 0)
                    a->st.maps++;
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
        if (rc < 0) {
            free(r);
            for (unsigned j = i; j < n; j++)
                close(fds[j]);
            release_held(a);
            return -1;
        }
        r->owner = a;
        r->vq = plan->vq;
        r->request = plan->request;
        if (r->kind == VU_FD_KICK &&
            vb_loop_add(a->env.loop, &r->w, r->fd, EPOLLIN, kick_cb, r) < 0) {
            snprintf(why, whylen, "cannot watch the kick fd");
            vb_res_close(r);
            free(r);
            for (unsigned j = i + 1; j < n; j++)
                close(fds[j]);
            release_held(a);
            return -1;
        }
        if (r->kind == VU_FD_SOCKET) {
            r->chan = calloc(1, sizeof(*r->chan));
            if (!r->chan) {
                snprintf(why, whylen, "out of memory");
                vb_res_close(r);
                free(r);
                for (unsigned j = i + 1; j < n; j++)
                    close(fds[j]);
                release_held(a);
                return -1;
            }
            vb_conn_init(r->chan, r->fd, VU_CHAN_BACKEND);
            r->fd = -1; /* the connection owns it */
            vb_loop_add(a->env.loop, &r->chan->w, r->chan->fd, EPOLLIN, chan_cb, r);
        }
        r->next = a->live;
        a->live = r;
        a->st.live_res++;
        a->held_obj[a->held_n] = r;
        a->held_res[a->held_n] = r->core;
        a->held_n++;
    }
    return 0;
}

/* Offer the complete message in @c to the core. 1 accepted, 0 held
 * (back-pressure), -1 refused or dropped. */
static int deliver(struct vb_adapter *a, struct vb_conn *c, enum vu_chan chan)
{
    char why[256];
    struct vu_plan plan;
    bool master = chan == VU_CHAN_MASTER;

    if (!c->held) {
        vb_trace_msg(a->env.tr, a->name, false, (int)chan, c->rx, c->rx_have, c->rx_nfds);
        if (master)
            a->st.msgs_in++;
        if (vu_msg_check(c->rx, c->rx_have, c->rx_nfds, chan, &plan, why, sizeof(why)) < 0) {
            char line[320];
            snprintf(line, sizeof(line), "%s(%u) rejected at intake: %s",
                     vu_request_name(!master, plan.request), plan.request, why);
            a->st.violations++;
            vb_conn_drop_rx(c);
            schedule_drop(a, true, line);
            return -1;
        }
        if (master) {
            if (build(a, c, &plan, why, sizeof(why)) < 0) {
                char line[320];
                snprintf(line, sizeof(line), "%s(%u) refused: %s", vu_request_name(0, plan.request),
                         plan.request, why);
                a->st.violations++;
                vb_conn_drop_rx(c);
                schedule_drop(a, true, line);
                return -1;
            }
        }
    }
    int rc = vpci_master_msg(a->core, master ? VPCI_CHAN_MASTER : VPCI_CHAN_BACKEND, c->rx,
                             c->rx_have, master ? a->held_res : NULL, master ? a->held_n : 0);
    if (rc == VPCI_EAGAIN) {
        if (!c->held)
            a->st.eagain++;
        c->held = true;
        return 0;
    }
    c->held = false;
    vb_conn_consume(c);
    unsigned n = master ? a->held_n : 0;
    if (master)
        a->held_n = 0;
    if (rc == VPCI_OK)
        return 1;
    if (rc == VPCI_EREFUSED)
        return -1; /* ->close() scheduled the drop; ->release() took the resources */
    /* Not taken by the core (no session): ours to give back. */
    for (unsigned i = 0; i < n; i++)
        res_release(a, a->held_obj[i]);
    schedule_drop(a, false, "the core has no session for this connection");
    return -1;
}

/* ------------------------------------------------------------------ */
/* the master connection                                               */
/* ------------------------------------------------------------------ */

static void listen_cb(void *o, uint32_t events);
static void retry_cb(void *o);

static void update_events(struct vb_adapter *a)
{
    if (a->conn.fd < 0 || !a->conn.w.active)
        return;
    vb_loop_mod(a->env.loop, &a->conn.w,
                (a->conn.held ? 0 : EPOLLIN) | (vb_conn_tx_pending(&a->conn) ? EPOLLOUT : 0));
}

static void finish_drop(struct vb_adapter *a)
{
    if (!a->drop_pending)
        return;
    a->drop_pending = false;
    vb_log(a->env.tr, a->drop_violation ? VB_WARN : VB_INFO, a->name,
           "master connection closed: %s", a->drop_why);
    snprintf(a->st.last_drop, sizeof(a->st.last_drop), "%s", a->drop_why);
    if (a->conn.fd >= 0) {
        vb_loop_del(a->env.loop, &a->conn.w);
        vb_conn_flush(&a->conn); /* best effort: replies already queued */
        vb_conn_close(&a->conn);
    }
    if (a->held_n)
        release_held(a);
    if (a->connected) {
        a->connected = false;
        vpci_master_disconnect(a->core); /* releases every resource (spec §10.2) */
    }
    /* Resources the core had not taken (none expected) go too. */
    while (a->live)
        res_release(a, a->live);
    if (!a->o.client) {
        if (a->lfd >= 0 && !a->lw.active)
            vb_loop_add(a->env.loop, &a->lw, a->lfd, EPOLLIN, listen_cb, a);
    } else {
        a->retry_logged = false;
        vb_timer_arm(a->env.loop, &a->retry, a->env.reconnect_ms, retry_cb, a);
    }
}

static void master_cb(void *o, uint32_t events)
{
    struct vb_adapter *a = o;
    struct vb_conn *c = &a->conn;
    char why[256];

    if ((events & EPOLLOUT) && vb_conn_flush(c) < 0)
        schedule_drop(a, false, "master socket write failed");
    if ((events & (EPOLLHUP | EPOLLERR)) && c->held)
        schedule_drop(a, false, "peer closed while its message waited");
    for (int k = 0; k < READ_BURST && c->fd >= 0 && !c->held && !a->drop_pending; k++) {
        int rc = vb_conn_read(c, why, sizeof(why));
        if (rc < 0) {
            bool eof = !strncmp(why, "peer closed", 11) && strcmp(why, "peer closed") == 0;
            if (!eof)
                a->st.violations++;
            schedule_drop(a, !eof, why);
            break;
        }
        if (rc == 0)
            break;
        if (deliver(a, c, VU_CHAN_MASTER) <= 0)
            break;
    }
    if (a->drop_pending)
        finish_drop(a);
    else
        update_events(a);
}

static void start_session(struct vb_adapter *a, int fd)
{
    vb_conn_init(&a->conn, fd, VU_CHAN_MASTER);
    if (vb_loop_add(a->env.loop, &a->conn.w, fd, EPOLLIN, master_cb, a) < 0) {
        vb_conn_close(&a->conn);
        return;
    }
    a->connected = true;
    a->st.sessions++;
    vpci_master_connect(a->core);
    vb_log(a->env.tr, VB_INFO, a->name, "master connected (session %llu)",
           (unsigned long long)a->st.sessions);
}

static void listen_cb(void *o, uint32_t events)
{
    struct vb_adapter *a = o;
    (void)events;
    int fd = vb_unix_accept(a->lfd);
    if (fd < 0)
        return;
    if (a->connected) {
        close(fd);
        return;
    }
    /* One master per adapter: further masters wait in the backlog. */
    vb_loop_del(a->env.loop, &a->lw);
    start_session(a, fd);
}

static void retry_cb(void *o)
{
    struct vb_adapter *a = o;
    if (a->connected)
        return;
    int fd = vb_unix_connect(a->o.socket);
    if (fd < 0) {
        if (!a->retry_logged)
            vb_log(a->env.tr, VB_INFO, a->name, "waiting for a master to listen on %s (%s)",
                   a->o.socket, strerror(-fd));
        a->retry_logged = true;
        vb_timer_arm(a->env.loop, &a->retry, a->env.reconnect_ms, retry_cb, a);
        return;
    }
    start_session(a, fd);
}

/* ------------------------------------------------------------------ */
/* life cycle                                                          */
/* ------------------------------------------------------------------ */

const char *vb_backend_name(enum vb_backend b)
{
    static const char *const n[] = {"net", "rxonly", "txonly", "reflect", "blk"};
    return (unsigned)b < 5 ? n[b] : "?";
}

int vb_backend_parse(const char *s)
{
    for (int i = 0; i < 5; i++)
        if (!strcmp(s, vb_backend_name((enum vb_backend)i)))
            return i;
    return -1;
}

struct vb_adapter *vb_adapter_create(const struct vb_env *env, const struct vb_adapter_opts *o,
                                     unsigned index, struct vpf_net_switch *sw, char *err,
                                     size_t errlen)
{
    struct vb_adapter *a = calloc(1, sizeof(*a));
    if (!a) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    a->env = *env;
    a->o = *o;
    a->index = index;
    a->lfd = -1;
    a->disk_fd = -1;
    a->conn.fd = -1;
    snprintf(a->name, sizeof(a->name), "adapter%u", index);
    unsigned q = o->queues ? o->queues : 1;

    struct vpci_params p;
    vpci_params_default(&p);
    p.num_vqs = o->backend == VB_BE_BLK ? q : 2 * q;
    p.msix_vectors = p.num_vqs + 1;
    if (env->mem_win_log2)
        p.mem_win_log2 = env->mem_win_log2;
    static const struct vpci_master_ops master_ops = {
        .notify = m_notify, .send = m_send, .close = m_close, .release = m_release,
        .log = m_log,
    };
    a->hc = vpci_hal_core_create(&p, 0);
    if (!a->hc) {
        snprintf(err, errlen, "%s: cannot create the adapter core", a->name);
        free(a);
        return NULL;
    }
    a->core = vpci_hal_core_core(a->hc);
    vpci_core_set_master(a->core, &master_ops, a);
    const struct vpci_hal *hal = vpci_hal_core_hal(a->hc);

    if (o->backend == VB_BE_BLK) {
        struct vpf_blk_opts bo = {.mode = env->mode, .fd = -1, .num_queues = q,
                                  .read_only = o->read_only, .discard = true,
                                  .write_zeroes = true};
        snprintf(bo.serial, sizeof(bo.serial), "vhost-pci-%u", index);
        if (o->disk[0]) {
            a->disk_fd = open(o->disk, (o->read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
            if (a->disk_fd < 0) {
                snprintf(err, errlen, "%s: %s: %s", a->name, o->disk, strerror(errno));
                vb_adapter_destroy(a);
                return NULL;
            }
            bo.fd = a->disk_fd;
        } else {
            bo.capacity = o->ram_disk ? o->ram_disk : (64ull << 20);
        }
        a->blk = vpf_blk_create(hal, &bo);
        if (!a->blk) {
            snprintf(err, errlen, "%s: cannot create the blk device (capacity a multiple of "
                     "512? file size?)", a->name);
            vb_adapter_destroy(a);
            return NULL;
        }
    } else {
        static const enum vpf_net_port_mode pm[] = {VPF_NET_PORT_SWITCH, VPF_NET_PORT_RXONLY,
                                                    VPF_NET_PORT_TXONLY, VPF_NET_PORT_REFLECT};
        struct vpf_net_opts no = {.mode = env->mode, .port_mode = pm[o->backend],
                                  .txonly_len = o->txonly_len, .txonly_count = o->txonly_count,
                                  .no_check = o->no_check};
        if (o->mac_set)
            memcpy(no.mac, o->mac, 6);
        else {
            uint8_t mac[6] = {0x02, 0, 0, 0, (uint8_t)(index >> 8), (uint8_t)(index + 1)};
            memcpy(no.mac, mac, 6);
        }
        a->port = sw ? vpf_net_switch_add_port(sw, hal, &no) : NULL;
        if (!a->port) {
            snprintf(err, errlen, "%s: cannot add a net port (at most %u)", a->name,
                     VPF_NET_MAX_PORTS);
            vb_adapter_destroy(a);
            return NULL;
        }
    }
    return a;
}

int vb_adapter_open(struct vb_adapter *a)
{
    if (a->o.client) {
        retry_cb(a);
        return 0;
    }
    a->lfd = vb_unix_listen(a->o.socket);
    if (a->lfd < 0)
        return a->lfd;
    int rc = vb_loop_add(a->env.loop, &a->lw, a->lfd, EPOLLIN, listen_cb, a);
    vb_log(a->env.tr, VB_INFO, a->name, "listening on %s (backend %s)", a->o.socket,
           vb_backend_name(a->o.backend));
    return rc;
}

int vb_adapter_start_fw(struct vb_adapter *a)
{
    if (!a->blk)
        return 0;
    int rc = vpf_blk_start(a->blk);
    a->fw_started = rc == 0;
    return rc;
}

void vb_adapter_fw_started(struct vb_adapter *a)
{
    a->fw_started = true;
}

int vb_adapter_step_fw(struct vb_adapter *a)
{
    int work = 0;
    if (!a->blk || !a->fw_started)
        return 0;
    for (int i = 0; i < 16; i++) {
        int n = vpf_blk_step(a->blk, 0);
        if (n <= 0)
            break;
        work += n;
    }
    return work;
}

bool vb_adapter_post(struct vb_adapter *a, bool fw_idle)
{
    bool work = false;
    struct vpf_dev *d = vb_adapter_dev(a);

    finish_drop(a);
    if (a->conn.fd >= 0 && a->conn.held) {
        int rc = deliver(a, &a->conn, VU_CHAN_MASTER);
        if (rc != 0) {
            work = true;
            if (rc > 0 && a->conn.fd >= 0)
                master_cb(a, 0); /* continue with what is already buffered */
        }
        finish_drop(a);
        update_events(a);
    }
    if (a->chan && a->chan->chan && a->chan->chan->held) {
        struct vb_res *r = a->chan;
        if (deliver(a, r->chan, VU_CHAN_BACKEND) != 0) {
            work = true;
            if (r->chan)
                vb_loop_mod(a->env.loop, &r->chan->w, EPOLLIN);
        }
        finish_drop(a);
    }
    if (a->quar)
        quarantine_flush(a, fw_idle);
    if (a->fw_started && d && vpf_state(d) == VPF_STATE_FAILED && !a->fw_failed_logged) {
        vb_log(a->env.tr, VB_ERROR, a->name, "firmware failed (adapter NEEDS_RESET or init "
               "refused); restart the bridge");
        a->fw_failed_logged = true;
    }
    return work;
}

void vb_adapter_close(struct vb_adapter *a)
{
    vb_timer_cancel(a->env.loop, &a->retry);
    a->o.client = false; /* no reconnect */
    if (a->lw.active)
        vb_loop_del(a->env.loop, &a->lw);
    if (a->lfd >= 0) {
        close(a->lfd);
        unlink(a->o.socket);
        a->lfd = -1;
    }
    if (a->connected || a->conn.fd >= 0) {
        schedule_drop(a, false, "bridge shutting down");
        finish_drop(a);
    }
}

void vb_adapter_fw_gone(struct vb_adapter *a)
{
    if (a->blk)
        vpf_blk_destroy(a->blk);
    a->blk = NULL;
    a->port = NULL;
    a->fw_started = false;
}

void vb_adapter_destroy(struct vb_adapter *a)
{
    if (!a)
        return;
    vb_adapter_close(a);
    /* The firmware first (it may still use windows), then the core. */
    vb_adapter_fw_gone(a);
    quarantine_flush(a, true);
    vpci_hal_core_destroy(a->hc);
    while (a->live)
        res_release(a, a->live);
    quarantine_flush(a, true);
    if (a->disk_fd >= 0)
        close(a->disk_fd);
    free(a);
}

const char *vb_adapter_name(const struct vb_adapter *a) { return a->name; }
enum vb_backend vb_adapter_backend(const struct vb_adapter *a) { return a->o.backend; }
struct vpci_core *vb_adapter_core(struct vb_adapter *a) { return a->core; }

struct vpf_dev *vb_adapter_dev(struct vb_adapter *a)
{
    if (a->blk)
        return vpf_blk_dev(a->blk);
    if (a->port)
        return vpf_net_port_dev(a->port);
    return NULL;
}

void vb_adapter_get_stats(const struct vb_adapter *a, struct vb_adapter_stats *s)
{
    *s = a->st;
    s->connected = a->connected;
}

/* One report line "<name> <what> len=<len> hex=<first max bytes>". */
static void report_hex(FILE *f, const char *name, const char *what, const uint8_t *p,
                       uint32_t len, uint32_t max)
{
    fprintf(f, "%s %s len=%u hex=", name, what, len);
    for (uint32_t i = 0; i < len && i < max; i++)
        fprintf(f, "%02x", p[i]);
    fputc('\n', f);
}

void vb_adapter_report(struct vb_adapter *a, FILE *f)
{
    struct vpci_stats cs;
    vpci_core_stats(a->core, &cs);
    fprintf(f,
            "%s backend=%s socket=%s sessions=%llu msgs_in=%llu msgs_out=%llu m2s=%llu s2m=%llu "
            "adapter_replies=%llu refused=%llu violations=%llu kicks=%llu doorbells=%llu "
            "notifies=%llu maps=%llu unmaps=%llu\n",
            a->name, vb_backend_name(a->o.backend), a->o.socket,
            (unsigned long long)a->st.sessions, (unsigned long long)a->st.msgs_in,
            (unsigned long long)a->st.msgs_out, (unsigned long long)cs.m2s_msgs,
            (unsigned long long)cs.s2m_msgs, (unsigned long long)cs.adapter_replies,
            (unsigned long long)cs.refused, (unsigned long long)a->st.violations,
            (unsigned long long)cs.kicks, (unsigned long long)cs.doorbells,
            (unsigned long long)a->st.notifies, (unsigned long long)a->st.maps,
            (unsigned long long)a->st.unmaps);
    if (a->port) {
        struct vpf_net_port_stats ns;
        vpf_net_port_get_stats(a->port, &ns);
        fprintf(f,
                "%s frames tx_frames=%llu tx_bytes=%llu rx_frames=%llu rx_bytes=%llu "
                "drop_no_buf=%llu drop_bad=%llu bad_layout=%llu\n",
                a->name, (unsigned long long)ns.tx_frames, (unsigned long long)ns.tx_bytes,
                (unsigned long long)ns.rx_frames, (unsigned long long)ns.rx_bytes,
                (unsigned long long)ns.drop_no_buf, (unsigned long long)ns.drop_bad,
                (unsigned long long)ns.bad_layout);
        uint32_t len = 0;
        const uint8_t *fr = vpf_net_port_last_frame(a->port, &len);
        if (fr && len)
            report_hex(f, a->name, "last_frame", fr, len, 128);
        if (a->o.backend == VB_BE_RXONLY && !a->o.no_check) {
            fprintf(f, "%s check frames_ok=%llu frames_bad=%llu frames_unchecked=%llu templates=%llu",
                    a->name, (unsigned long long)ns.frames_ok, (unsigned long long)ns.frames_bad,
                    (unsigned long long)ns.frames_unchecked, (unsigned long long)ns.templates);
            if (ns.frames_bad)
                fprintf(f, " first_bad=%llu", (unsigned long long)ns.first_bad);
            fputc('\n', f);
            uint32_t tl;
            const uint8_t *t;
            for (unsigned i = 0; (t = vpf_net_port_template(a->port, i, &tl)) != NULL; i++) {
                char what[24];
                snprintf(what, sizeof(what), "template%u", i);
                report_hex(f, a->name, what, t, tl, 64);
            }
        }
    }
    if (a->blk) {
        struct vpf_blk_stats bs;
        vpf_blk_get_stats(a->blk, &bs);
        fprintf(f,
                "%s blocks reqs=%llu reads=%llu writes=%llu flushes=%llu bytes_read=%llu "
                "bytes_written=%llu ioerr=%llu unsupp=%llu\n",
                a->name, (unsigned long long)bs.reqs, (unsigned long long)bs.reads,
                (unsigned long long)bs.writes, (unsigned long long)bs.flushes,
                (unsigned long long)bs.bytes_read, (unsigned long long)bs.bytes_written,
                (unsigned long long)bs.ioerr, (unsigned long long)bs.unsupp);
    }
}
