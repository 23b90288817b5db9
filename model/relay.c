/* SPDX-License-Identifier: MIT */
/*
 * relay.c - the master face of the adapter: the hardware block that takes
 * vhost-user messages (with the resources the platform made from their fds)
 * from the master, validates them against the relay table, builds and
 * translates resources, queues them in the M2S wait FIFO, matches the
 * driver's S2M replies to the master's requests, and ends the session when
 * the master breaks the contract.
 *
 * docs/spec.md: §4.4 (bound and unbound sessions), §5.6 (S2M validation),
 * §5.9 (wait FIFO), §5.10 (reply-wait lists), §6 (relay table, protocol
 * features, master-face validation), §7.5 (gating), §8.2-§8.6 (placement,
 * memory tables, log), §10.2 (session end).
 *
 * Every platform callback (->send, ->release, ->close, ...) may re-enter the
 * core and end the session: state is made consistent before each callback
 * (reply-wait entries popped or pushed, resources moved out of their slots)
 * and nothing of the old session is touched after one.
 *
 * Resources are built when a message is accepted (translations PENDING, fd
 * resources held in the message's slot) and armed by vpci_relay_delivered()
 * when the M2S engine has written the message's completion (gating).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vpci_internal.h"
#include "vpci_relay.h"

/* ------------------------------------------------------------------ */
/* The relay table (spec §6.2, §6.3)                                   */
/* ------------------------------------------------------------------ */

/* The table is generated (vhost_pci_requests.h, vpci_relay_lookup()); its
 * resource kinds are the core's. */
#define SAME_RES(k) ((int)VPCI_RELAY_RES_##k == (int)VPCI_RES_##k)
_Static_assert(SAME_RES(NONE) && SAME_RES(MEM) && SAME_RES(NOTIFIER) && SAME_RES(KICK) &&
                   SAME_RES(CHANNEL),
               "relay table resource kinds");

#define REGION_SIZE VPCI_PL_MEM_TABLE_UNIT /* gpa, size, uaddr, mmap offset */
#define HDR VPCI_MSG_HDR_SIZE
#define BACKEND_REPLY_DETAIL (1u << 23) /* MASTER_REFUSED of a backend-channel reply */

uint64_t vpci_relay_pass_mask(const struct vpci_core *c)
{
    uint64_t m = VPCI_PROTO_PASS_ALL, f = vpci_adapter_features(c);

    if (!(f & (1ull << VPCI_ADAPTER_FEATURE_LOG_WIN)))
        m &= ~(1ull << VPCI_PROTO_F_LOG_SHMFD);
    if (!(f & (1ull << VPCI_ADAPTER_FEATURE_BACKEND_CHAN)))
        m &= ~(1ull << VPCI_PROTO_F_BACKEND_REQ);
    return m;
}

static bool proto_has(const struct vpci_core *c, unsigned bit)
{
    return (c->relay.proto_features >> bit) & 1;
}

/* ------------------------------------------------------------------ */
/* Resources                                                           */
/* ------------------------------------------------------------------ */

void vpci_res_release(struct vpci_core *c, struct vpci_res *res)
{
    struct vpci_res r = *res;

    if (r.kind == VPCI_RES_NONE)
        return;
    /* Cleared before the callback: a re-entrant session end never sees it. */
    memset(res, 0, sizeof(*res));
    c->mst.release(c->mst_opaque, &r);
}

/* Release a copy of every resource in @res[0..n) (caller's array is const). */
static void release_all(struct vpci_core *c, const struct vpci_res *res, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        struct vpci_res r = res[i];
        vpci_res_release(c, &r);
    }
}

/* ------------------------------------------------------------------ */
/* Reply-wait lists (spec §5.10): one per channel, oldest first        */
/* ------------------------------------------------------------------ */

/* The list of @chan: master requests (VPCI_CHAN_MASTER) or backend requests. */
static struct vpci_pending_reply *rep_list(struct vpci_core *c, uint8_t chan, uint32_t **count)
{
    if (chan == VPCI_CHAN_BACKEND) {
        *count = &c->relay.brep_count;
        return c->relay.breplies;
    }
    *count = &c->relay.rep_count;
    return c->relay.replies;
}

static bool rep_full(struct vpci_core *c, uint8_t chan)
{
    uint32_t *n;

    rep_list(c, chan, &n);
    return *n >= VPCI_MAX_PENDING_REPLIES;
}

static void rep_push(struct vpci_core *c, uint32_t request, uint8_t chan, uint32_t arg)
{
    uint32_t *n;
    struct vpci_pending_reply *l = rep_list(c, chan, &n);

    if (*n >= VPCI_MAX_PENDING_REPLIES)
        return; /* callers check rep_full() first */
    l[(*n)++] = (struct vpci_pending_reply){.request = request, .session = c->relay.session,
                                            .chan = chan, .arg = arg};
}

/* The oldest entry of @chan's list (index 0), or NULL. */
static const struct vpci_pending_reply *rep_oldest(struct vpci_core *c, uint8_t chan)
{
    uint32_t *n;
    struct vpci_pending_reply *l = rep_list(c, chan, &n);

    return *n ? &l[0] : NULL;
}

/* Pop the oldest entry of @chan's list (nothing if empty). */
static void rep_pop(struct vpci_core *c, uint8_t chan)
{
    uint32_t *n;
    struct vpci_pending_reply *l = rep_list(c, chan, &n);

    if (*n == 0 || *n > VPCI_MAX_PENDING_REPLIES)
        return;
    memmove(&l[0], &l[1], (*n - 1) * sizeof(l[0]));
    (*n)--;
}

/* Answer ADAPTER requests that became the oldest on the master channel. Each
 * entry is popped before ->send, which may re-enter the core. */
static void flush_adapter_replies(struct vpci_core *c)
{
    const struct vpci_pending_reply *w;

    while ((w = rep_oldest(c, VPCI_CHAN_MASTER)) != NULL) {
        const struct vpci_relay_entry *e = vpci_relay_lookup(0, w->request);
        uint8_t m[HDR + 8];

        if (!e || e->reply != VPCI_REPLY_ADAPTER)
            return;
        rep_pop(c, VPCI_CHAN_MASTER);
        /* GET_MAX_MEM_SLOTS is the only ADAPTER request (spec §6.2). */
        vpci_put_le32(m, e->request);
        vpci_put_le32(m + 4, VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY);
        vpci_put_le32(m + 8, 8);
        vpci_put_le64(m + HDR, VPCI_MAX_REGIONS);
        c->stats.adapter_replies++;
        c->mst.send(c->mst_opaque, VPCI_CHAN_MASTER, m, sizeof(m));
    }
}

/* ------------------------------------------------------------------ */
/* Session end, refusal                                                */
/* ------------------------------------------------------------------ */

void vpci_relay_discard(struct vpci_core *c, struct vpci_msg_slot *slot)
{
    for (unsigned i = 0; i < slot->nact && i < VPCI_MAX_ACTIONS; i++) {
        struct vpci_action *a = &slot->act[i];

        switch (a->op) {
        case VPCI_ACT_ARM_XLAT:
            vpci_window_withdraw(c, a->arg); /* never armed: drop the pending entry */
            break;
        case VPCI_ACT_WITHDRAW_XLAT:
            vpci_window_cancel_removal(c, a->arg); /* the removal never happens */
            break;
        default:
            break; /* fd resources (log, notifiers, channel) are in a->res */
        }
        vpci_res_release(c, &a->res);
        a->op = VPCI_ACT_NONE;
    }
    slot->nact = 0;
}

/* ------------------------------------------------------------------ */
/* Session (spec §4.5, §10)                                            */
/* ------------------------------------------------------------------ */

uint8_t vpci_relay_connect(struct vpci_core *c)
{
    struct vpci_relay *r = &c->relay;

    r->connected = true;
    r->bound = false;
    /* Nothing of an earlier session is owed in the new one (spec §10.3). */
    r->rep_count = 0;
    r->brep_count = 0;
    r->proto_features = 0;
    r->session++;
    vpci_eventf(c, &(struct vpci_event){.code = VPCI_EV_SESSION_CONNECTED}, true,
                "master connected, session %u", r->session);
    return r->session;
}

bool vpci_relay_connected(const struct vpci_core *c)
{
    return c->relay.connected;
}

bool vpci_relay_bound(const struct vpci_core *c)
{
    return c->relay.bound;
}

uint8_t vpci_relay_session(const struct vpci_core *c)
{
    return c->relay.session;
}

bool vpci_relay_chan_armed(const struct vpci_core *c)
{
    return c->relay.chan_armed;
}

void vpci_relay_backend_gone(struct vpci_core *c, uint64_t cookie)
{
    struct vpci_relay *r = &c->relay;

    /* Held: its SET_BACKEND_REQ_FD arms nothing (it still withdraws the
     * channel it replaces at its completion). */
    for (uint32_t i = 0; i < vpci_fifo_count(c); i++) {
        struct vpci_msg_slot *s = vpci_fifo_at(c, i);
        for (unsigned j = 0; j < s->nact && j < VPCI_MAX_ACTIONS; j++) {
            struct vpci_action *a = &s->act[j];
            if (a->op == VPCI_ACT_ARM_CHANNEL && a->res.kind == VPCI_RES_CHANNEL &&
                a->res.cookie == cookie)
                vpci_res_release(c, &a->res); /* leaves an empty resource */
        }
    }
    if (!r->chan_armed || r->chan.cookie != cookie)
        return;
    /* Armed: withdrawn; no backend reply can come (spec §10.6). */
    r->chan_armed = false;
    r->brep_count = 0;
    vpci_kick_engines(c); /* an S2M request held for the list completes NO_PEER */
    vpci_res_release(c, &r->chan);
}

const struct vpci_res *vpci_relay_logfd(const struct vpci_core *c)
{
    return c->relay.logfd_armed ? &c->relay.logfd : NULL;
}

/* Discard undelivered messages and withdraw every resource of the master
 * face: what a session end leaves behind, also for an idle face. */
static void withdraw_session(struct vpci_core *c)
{
    struct vpci_relay *r = &c->relay;

    for (uint32_t i = 0; i < vpci_fifo_count(c); i++)
        vpci_relay_discard(c, vpci_fifo_at(c, i));
    vpci_fifo_clear(c);
    r->rep_count = 0;
    r->brep_count = 0;
    r->proto_features = 0;
    r->logfd_armed = false;
    r->chan_armed = false;
    vpci_window_withdraw_all(c, true);
    vpci_vq_withdraw_all(c);
    vpci_res_release(c, &r->logfd);
    vpci_res_release(c, &r->chan);
    /* An S2M message held for the backend-reply list now completes NO_PEER. */
    vpci_kick_engines(c);
}

void vpci_session_end(struct vpci_core *c, enum vpci_session_end_reason reason)
{
    static const char *const why[] = {
        [VPCI_SESSION_END_DISCONNECT] = "master disconnected, session %u ended",
        [VPCI_SESSION_END_REFUSED] = "session %u ended: master message refused",
        [VPCI_SESSION_END_RESET] = "session %u ended: adapter reset",
        [VPCI_SESSION_END_DRIVER_FAILED] = "driver failed: session %u ended",
        [VPCI_SESSION_END_DESTROY] = "session %u ended: core destroyed",
    };
    bool ended = c->relay.connected;
    const char *fmt = (unsigned)reason < sizeof(why) / sizeof(why[0]) && why[reason]
                          ? why[reason]
                          : "session %u ended";

    /* Not connected from here on: callbacks that re-enter disconnect are no-ops. */
    c->relay.connected = false;
    withdraw_session(c);
    if (ended)
        vpci_eventf(c, &(struct vpci_event){.code = VPCI_EV_SESSION_ENDED, .reason = reason},
                    reason == VPCI_SESSION_END_DISCONNECT ||
                        reason == VPCI_SESSION_END_DRIVER_FAILED,
                    fmt, c->relay.session);
}

void vpci_relay_reset(struct vpci_core *c)
{
    /*
     * The session counter is per instance and monotonic: never reset. A
     * connected session is the caller's to end (vpci_adapter_reset ends it
     * before calling us); an idle master face is brought to its clean state.
     */
    if (!c->relay.connected)
        withdraw_session(c);
}

/* What a refusal reports besides its line: the message's channel and request
 * code, ERROR_INFO code and detail, and why (VPCI_EV_MASTER_REFUSED). */
struct refusal {
    enum vpci_channel chan;
    uint32_t request, code, detail;
    enum vpci_refuse_reason reason;
    uint64_t value;
};

/* Refuse a master message (spec §6.1, §6.5): release its resources, end the
 * session, record MASTER_REFUSED, report it, close the master connection. */
static int refuse_with(struct vpci_core *c, const struct refusal *rf, const struct vpci_res *res,
                       unsigned nres, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int refuse_with(struct vpci_core *c, const struct refusal *rf, const struct vpci_res *res,
                       unsigned nres, const char *fmt, ...)
{
    const struct vpci_relay_entry *e = vpci_relay_lookup(0, rf->request);
    char why[160], line[224];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    snprintf(line, sizeof(line), "vhost-pci: %s (request %u %s); session %u closed", why,
             rf->request, e ? e->name : "unknown", c->relay.session);

    c->stats.refused++;
    vpci_session_end(c, VPCI_SESSION_END_REFUSED);
    release_all(c, res, nres);
    vpci_error_refused(c, rf->code, rf->detail);
    vpci_link_change(c);
    vpci_eventf(c, &(struct vpci_event){.code = VPCI_EV_MASTER_REFUSED, .chan = rf->chan,
                                        .request = rf->request, .reason = rf->reason,
                                        .value = rf->value,
                                        .cause = VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_MASK,
                                        .err_code = rf->code & 0xffu,
                                        .detail = rf->detail & 0xffffffu},
                true, "%s", line);
    /* A platform that already connected a new master from a callback above
     * has replaced the refused connection: nothing left to close. */
    if (!c->relay.connected)
        c->mst.close(c->mst_opaque, VPCI_CLOSE_REFUSED, line);
    return VPCI_EREFUSED;
}

/* Refusal of a front-end request with ERROR_INFO @code / DETAIL @detail. */
#define refuse_detail(c, request, code, detail, res, nres, reason, value, ...)                  \
    refuse_with(c,                                                                             \
                &(struct refusal){VPCI_CHAN_MASTER, request, code, detail, reason, value},     \
                res, nres, __VA_ARGS__)
/* Refusal with ERROR_INFO = MASTER_REFUSED / DETAIL = request code. */
#define refuse(c, request, code, res, nres, reason, value, ...)                                 \
    refuse_detail(c, request, code, request, res, nres, reason, value, __VA_ARGS__)

/* DETAIL of WIN_FULL: a size in MiB (or KiB), saturated at 24 bits (spec §8.5, §11.3). */
static uint32_t sat24(uint64_t v)
{
    return v > 0xffffffu ? 0xffffffu : (uint32_t)v;
}

/* ------------------------------------------------------------------ */
/* Master-face validation (spec §6.5)                                  */
/* ------------------------------------------------------------------ */

static bool res_kind_ok(const struct vpci_res *r, uint8_t kind)
{
    return r->kind == kind;
}

/* fd count and kinds (spec §6.5 step 5). */
static bool fds_ok(const struct vpci_relay_entry *e, const uint8_t *p, const struct vpci_res *res,
                   unsigned nres)
{
    switch (e->fds) {
    case VPCI_FD_0:
        return nres == 0;
    case VPCI_FD_1:
        return nres == 1 && res_kind_ok(&res[0], e->res_kind);
    case VPCI_FD_REGIONS:
        if (nres != vpci_le32(p))
            return false;
        for (unsigned i = 0; i < nres; i++)
            if (!res_kind_ok(&res[i], e->res_kind))
                return false;
        return true;
    case VPCI_FD_VRING:
        if (vpci_le64(p) & VPCI_VU_VRING_NOFD)
            return nres == 0;
        return nres == 1 && res_kind_ok(&res[0], e->res_kind);
    case VPCI_FD_0_OR_1:
        return nres == 0 || (nres == 1 && res_kind_ok(&res[0], e->res_kind));
    }
    return false;
}

/* A master region as sent: guest address, size, user address, mmap offset. */
struct region {
    uint64_t gpa, size, uaddr, mmap_off;
};

static struct region region_at(const uint8_t *p)
{
    return (struct region){vpci_le64(p), vpci_le64(p + 8), vpci_le64(p + 16), vpci_le64(p + 24)};
}

/* Checks of one region against its resource (spec §8.5): the refusal reason,
 * 0 if the region is good. */
static enum vpci_refuse_reason region_bad(const struct vpci_core *c, const struct region *rg,
                                          const struct vpci_res *r)
{
    if (rg->size == 0)
        return VPCI_REFUSE_REGION_ZERO;
    if (rg->gpa + rg->size < rg->gpa || rg->uaddr + rg->size < rg->uaddr)
        return VPCI_REFUSE_REGION_WRAPS;
    if (!r->host)
        return VPCI_REFUSE_REGION_UNMAPPED;
    if (r->size < rg->size)
        return VPCI_REFUSE_REGION_BEYOND_FD;
    /* Identity placement maps the window file only (spec §8.2, §8.7). */
    if (c->p.win_mode == VPCI_WIN_PERSISTENT && !(r->flags & VPCI_RES_F_WINDOW_FILE))
        return VPCI_REFUSE_NOT_WINDOW_FILE;
    return 0;
}

/* The log's words for a region_bad() reason. */
static const char *region_bad_text(enum vpci_refuse_reason why)
{
    switch (why) {
    case VPCI_REFUSE_REGION_ZERO:
        return "zero-size region";
    case VPCI_REFUSE_REGION_WRAPS:
        return "region wraps around the address space";
    case VPCI_REFUSE_REGION_UNMAPPED:
        return "region resource has no mapping";
    case VPCI_REFUSE_REGION_BEYOND_FD:
        return "region extends beyond its fd mapping";
    default:
        return "region fd is not the window file (persistent window)";
    }
}

static bool persistent(const struct vpci_core *c)
{
    return c->p.win_mode == VPCI_WIN_PERSISTENT;
}

/* Identity placement: the region's mmap offset lies within the window. */
static bool identity_fits(const struct vpci_core *c, const struct region *rg)
{
    uint64_t win = 1ull << c->p.mem_win_log2;

    return rg->mmap_off <= win && rg->size <= win - rg->mmap_off;
}

static uint64_t mib_up(uint64_t v)
{
    return (v >> 20) + ((v & 0xfffff) != 0);
}

/* Translation @idx was just withdrawn (SET_MEM_TABLE replaced it): queued
 * messages must not arm or withdraw whatever reuses the index later. */
static void scrub_fifo(struct vpci_core *c, unsigned idx)
{
    for (uint32_t i = 0; i < vpci_fifo_count(c); i++) {
        struct vpci_msg_slot *s = vpci_fifo_at(c, i);
        for (unsigned j = 0; j < s->nact && j < VPCI_MAX_ACTIONS; j++)
            if ((s->act[j].op == VPCI_ACT_ARM_XLAT || s->act[j].op == VPCI_ACT_WITHDRAW_XLAT) &&
                s->act[j].arg == idx)
                s->act[j].op = VPCI_ACT_NONE;
    }
}

static void add_action(struct vpci_msg_slot *s, enum vpci_action_op op, uint32_t arg,
                       const struct vpci_res *res)
{
    struct vpci_action *a = &s->act[s->nact++];

    a->op = op;
    a->arg = arg;
    if (res)
        a->res = *res;
    else
        memset(&a->res, 0, sizeof(a->res));
}

/* Total size in MiB (rounded up) of the regions of a SET_MEM_TABLE payload. */
static uint64_t table_mib(const uint8_t *p)
{
    uint64_t total = 0;

    for (uint32_t i = 0; i < vpci_le32(p); i++) {
        uint64_t sz = vpci_le64(p + 8 + REGION_SIZE * i + 8);
        total = total + sz < total ? UINT64_MAX : total + sz;
    }
    return mib_up(total);
}

/*
 * SET_MEM_TABLE (spec §8.3), regions already checked: keep live translations
 * equal to a new region (same guest address, size, user address and
 * mapping), withdraw every other one, place the rest first fit, rewrite every
 * region's mmap offset to its window offset.
 */
static int xlate_mem_table(struct vpci_core *c, struct vpci_msg_slot *s, const struct vpci_res *res,
                           unsigned nres)
{
    uint8_t *p = s->data + HDR;
    uint32_t n = vpci_le32(p);
    int keep[VPCI_VU_MEM_REGIONS_MAX];
    bool kept[VPCI_MAX_REGIONS] = {false};

    for (uint32_t i = 0; i < n; i++) {
        struct region rg = region_at(p + 8 + REGION_SIZE * i);

        /* Identity placement keeps a translation only at the same offset. */
        keep[i] = vpci_window_find_same(c, rg.gpa, rg.size, rg.uaddr, res[i].host,
                                        persistent(c) ? &rg.mmap_off : NULL, kept);
        if (keep[i] >= 0)
            kept[keep[i]] = true;
    }
    /* Everything else goes before the message becomes visible. */
    for (unsigned j = 0; j < VPCI_MAX_REGIONS; j++) {
        if (vpci_window_placed(c, j) && !kept[j]) {
            vpci_window_withdraw(c, j);
            scrub_fifo(c, j);
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        uint8_t *rp = p + 8 + REGION_SIZE * i;
        struct region rg = region_at(rp);
        int idx = keep[i];

        if (idx >= 0) {
            struct vpci_res dup = res[i]; /* same mapping as the kept translation */
            vpci_res_release(c, &dup);
        } else if (persistent(c)) {
            /* Identity (spec §8.2): checked to fit and not to overlap above. */
            idx = vpci_window_place_at(c, rg.mmap_off, rg.gpa, rg.size, rg.uaddr, &res[i]);
        } else {
            idx = vpci_window_place(c, rg.gpa, rg.size, rg.uaddr, &res[i]);
        }
        if (idx < 0) {
            /* Placed and kept translations die with the session; the rest is released here. */
            uint64_t win = 1ull << c->p.mem_win_log2, mib = table_mib(p);
            return refuse_detail(c, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_ERROR_CODE_WIN_FULL,
                                 sat24(mib), res + i, nres - i, VPCI_REFUSE_WIN_FULL, mib,
                                 "master memory %llu MiB does not fit the %llu MiB window "
                                 "(MEM_WIN_LOG2=%u)",
                                 (unsigned long long)mib, (unsigned long long)(win >> 20),
                                 c->p.mem_win_log2);
        }
        vpci_put_le64(rp + 24, vpci_window_offset(c, (unsigned)idx));
        if (vpci_window_pending(c, (unsigned)idx))
            add_action(s, VPCI_ACT_ARM_XLAT, (uint32_t)idx, NULL);
    }
    return VPCI_OK;
}

static int check_mem_table(struct vpci_core *c, const uint8_t *p, const struct vpci_res *res,
                           unsigned nres)
{
    uint32_t n = vpci_le32(p);

    for (uint32_t i = 0; i < n; i++) {
        struct region a = region_at(p + 8 + REGION_SIZE * i);
        enum vpci_refuse_reason bad = region_bad(c, &a, &res[i]);

        if (bad)
            return refuse(c, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_ERROR_CODE_MASTER_REFUSED, res, nres,
                          bad, i, "region %u: %s", i, region_bad_text(bad));
        for (uint32_t j = 0; j < i; j++) {
            struct region b = region_at(p + 8 + REGION_SIZE * j);
            if (vpci_ranges_overlap(a.gpa, a.size, b.gpa, b.size))
                return refuse(c, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_ERROR_CODE_MASTER_REFUSED, res,
                              nres, VPCI_REFUSE_OVERLAP_GUEST, i,
                              "regions %u and %u overlap in guest addresses", j, i);
            if (vpci_ranges_overlap(a.uaddr, a.size, b.uaddr, b.size))
                return refuse(c, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_ERROR_CODE_MASTER_REFUSED, res,
                              nres, VPCI_REFUSE_OVERLAP_USER, i,
                              "regions %u and %u overlap in user addresses", j, i);
            if (persistent(c) && vpci_ranges_overlap(a.mmap_off, a.size, b.mmap_off, b.size))
                return refuse(c, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_ERROR_CODE_MASTER_REFUSED, res,
                              nres, VPCI_REFUSE_OVERLAP_WINDOW, a.mmap_off,
                              "regions %u and %u overlap in the window file", j, i);
        }
        if (persistent(c) && !identity_fits(c, &a)) {
            uint64_t win = 1ull << c->p.mem_win_log2, end_mib = mib_up(a.mmap_off + a.size);
            if (a.mmap_off + a.size < a.mmap_off)
                end_mib = UINT64_MAX;
            return refuse_detail(c, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_ERROR_CODE_WIN_FULL,
                                 sat24(end_mib), res, nres, VPCI_REFUSE_WIN_FULL, end_mib,
                                 "region %u at window file offset 0x%llx size 0x%llx does not "
                                 "fit the %llu MiB window (MEM_WIN_LOG2=%u)",
                                 i, (unsigned long long)a.mmap_off, (unsigned long long)a.size,
                                 (unsigned long long)(win >> 20), c->p.mem_win_log2);
        }
    }
    return VPCI_OK;
}

/* ADD_MEM_REG (spec §8.4): one more translation. */
static int xlate_add_mem_reg(struct vpci_core *c, struct vpci_msg_slot *s,
                             const struct vpci_res *res)
{
    uint8_t *rp = s->data + HDR + 8;
    struct region rg = region_at(rp);
    enum vpci_refuse_reason bad = region_bad(c, &rg, &res[0]);
    uint64_t win = 1ull << c->p.mem_win_log2, total = rg.size;
    uint64_t end_mib = rg.mmap_off + rg.size < rg.mmap_off ? UINT64_MAX
                                                            : mib_up(rg.mmap_off + rg.size);
    unsigned used, removing;
    uint64_t live;
    bool in_guest;
    int hit;

    if (bad)
        return refuse(c, VPCI_VU_REQ_ADD_MEM_REG, VPCI_ERROR_CODE_MASTER_REFUSED, res, 1, bad, 0,
                      "%s", region_bad_text(bad));
    if (persistent(c) && !identity_fits(c, &rg))
        return refuse_detail(c, VPCI_VU_REQ_ADD_MEM_REG, VPCI_ERROR_CODE_WIN_FULL,
                             sat24(end_mib), res, 1, VPCI_REFUSE_WIN_FULL, end_mib,
                             "region at window file offset 0x%llx size 0x%llx does not fit the "
                             "%llu MiB window (MEM_WIN_LOG2=%u)",
                             (unsigned long long)rg.mmap_off, (unsigned long long)rg.size,
                             (unsigned long long)(win >> 20), c->p.mem_win_log2);
    /* A region whose removal is queued may be replaced by an overlapping one. */
    hit = vpci_window_overlap(c, rg.gpa, rg.size, rg.uaddr, &in_guest);
    if (hit >= 0 && in_guest)
        return refuse(c, VPCI_VU_REQ_ADD_MEM_REG, VPCI_ERROR_CODE_MASTER_REFUSED, res, 1,
                      VPCI_REFUSE_OVERLAP_GUEST, hit,
                      "region overlaps translation %d in guest addresses", hit);
    if (hit >= 0)
        return refuse(c, VPCI_VU_REQ_ADD_MEM_REG, VPCI_ERROR_CODE_MASTER_REFUSED, res, 1,
                      VPCI_REFUSE_OVERLAP_USER, hit,
                      "region overlaps translation %d in user addresses", hit);
    vpci_window_usage(c, &used, &removing, &live);
    total += live;
    if (used >= VPCI_MAX_REGIONS && used - removing < VPCI_MAX_REGIONS)
        return VPCI_EAGAIN; /* a queued REM_MEM_REG frees a slot at its completion */
    if (used >= VPCI_MAX_REGIONS)
        return refuse(c, VPCI_VU_REQ_ADD_MEM_REG, VPCI_ERROR_CODE_MASTER_REFUSED, res, 1,
                      VPCI_REFUSE_TOO_MANY_REGIONS, VPCI_MAX_REGIONS,
                      "more than %u memory regions", VPCI_MAX_REGIONS);
    int idx = persistent(c)
                  ? vpci_window_place_at(c, rg.mmap_off, rg.gpa, rg.size, rg.uaddr, &res[0])
                  : vpci_window_place(c, rg.gpa, rg.size, rg.uaddr, &res[0]);
    if (idx < 0 && removing &&
        vpci_window_fits_after_removals(c, persistent(c) ? rg.mmap_off : UINT64_MAX, rg.size))
        return VPCI_EAGAIN; /* only queued removals are in the way */
    if (idx == -2)
        return refuse(c, VPCI_VU_REQ_ADD_MEM_REG, VPCI_ERROR_CODE_MASTER_REFUSED, res, 1,
                      VPCI_REFUSE_OVERLAP_WINDOW, rg.mmap_off,
                      "region overlaps another in the window file");
    if (idx < 0)
        return refuse_detail(c, VPCI_VU_REQ_ADD_MEM_REG, VPCI_ERROR_CODE_WIN_FULL,
                             sat24(mib_up(total)), res, 1, VPCI_REFUSE_WIN_FULL, mib_up(total),
                             "master memory %llu MiB does not fit the %llu MiB window "
                             "(MEM_WIN_LOG2=%u)",
                             (unsigned long long)mib_up(total), (unsigned long long)(win >> 20),
                             c->p.mem_win_log2);
    vpci_put_le64(rp + 24, vpci_window_offset(c, (unsigned)idx));
    add_action(s, VPCI_ACT_ARM_XLAT, (uint32_t)idx, NULL);
    return VPCI_OK;
}

/* REM_MEM_REG (spec §8.4): withdrawn when its completion is written. */
static int xlate_rem_mem_reg(struct vpci_core *c, struct vpci_msg_slot *s,
                             const struct vpci_res *res, unsigned nres)
{
    uint8_t *rp = s->data + HDR + 8;
    struct region rg = region_at(rp);
    int idx = vpci_window_find(c, rg.gpa, rg.size, rg.uaddr);

    if (idx < 0)
        return refuse(c, VPCI_VU_REQ_REM_MEM_REG, VPCI_ERROR_CODE_MASTER_REFUSED, res, nres,
                      VPCI_REFUSE_NO_MATCH, rg.gpa,
                      "no live region matches guest 0x%llx size 0x%llx user 0x%llx",
                      (unsigned long long)rg.gpa, (unsigned long long)rg.size,
                      (unsigned long long)rg.uaddr);
    vpci_window_queue_removal(c, (unsigned)idx);
    vpci_put_le64(rp + 24, vpci_window_offset(c, (unsigned)idx));
    add_action(s, VPCI_ACT_WITHDRAW_XLAT, (uint32_t)idx, NULL);
    release_all(c, res, nres); /* its fd is closed unused */
    return VPCI_OK;
}

/* SET_LOG_BASE (spec §8.6): log at offset 0 of the log window. */
static int xlate_log_base(struct vpci_core *c, struct vpci_msg_slot *s, const struct vpci_res *res)
{
    uint8_t *p = s->data + HDR;
    uint64_t size = vpci_le64(p), lwin = 1ull << c->p.log_win_log2;

    if (size == 0 || !res[0].host || res[0].size < size)
        return refuse(c, VPCI_VU_REQ_SET_LOG_BASE, VPCI_ERROR_CODE_MASTER_REFUSED, res, 1,
                      VPCI_REFUSE_LOG_MISMATCH, size,
                      "log of %llu bytes does not match its fd mapping",
                      (unsigned long long)size);
    if (size > lwin)
        return refuse_detail(c, VPCI_VU_REQ_SET_LOG_BASE, VPCI_ERROR_CODE_WIN_FULL,
                             sat24((size + 1023) >> 10), res, 1, VPCI_REFUSE_LOG_FULL,
                             (size + 1023) >> 10,
                             "log %llu KiB does not fit the %llu KiB log window (LOG_WIN_LOG2=%u)",
                             (unsigned long long)((size + 1023) >> 10),
                             (unsigned long long)(lwin >> 10), c->p.log_win_log2);
    /* The new log replaces the old one at this message's completion (spec §8.6). */
    vpci_put_le64(p + 8, 0);
    add_action(s, VPCI_ACT_ARM_LOG, (uint32_t)size, &res[0]);
    return VPCI_OK;
}

/* Does this accepted request put an entry in the reply-wait list? */
static bool expects_reply(const struct vpci_core *c, const struct vpci_relay_entry *e,
                          uint32_t flags)
{
    if (e->reply == VPCI_REPLY_NONE)
        return false;
    if (e->reply != VPCI_REPLY_ACK_ONLY)
        return true;
    return (flags & VPCI_VU_FLAG_NEED_REPLY) && proto_has(c, VPCI_PROTO_F_REPLY_ACK);
}

/* Tag the message built in the FIFO's tail slot @s and append it. */
static void fifo_commit(struct vpci_core *c, struct vpci_msg_slot *s, uint32_t len, uint8_t chan)
{
    s->len = len;
    s->chan = chan;
    s->session = c->relay.session;
    vpci_fifo_push(c);
}

/* A master reply on the backend channel (spec §5.10): M2S channel 1. */
static int backend_reply(struct vpci_core *c, const uint8_t *m, size_t len,
                         const struct vpci_res *res, unsigned nres)
{
    uint32_t request = vpci_le32(m), flags = vpci_le32(m + 4), size = vpci_le32(m + 8);
    const struct vpci_pending_reply *w = rep_oldest(c, VPCI_CHAN_BACKEND);

    struct refusal rf = {VPCI_CHAN_BACKEND, request, VPCI_ERROR_CODE_MASTER_REFUSED,
                         (request & 0x7fffffu) | BACKEND_REPLY_DETAIL, VPCI_REFUSE_FDS, nres};

    if (nres)
        return refuse_with(c, &rf, res, nres, "fds on a backend-channel reply");
    rf.value = 0;
    if ((flags & VPCI_VU_FLAG_VERSION_MASK) != VPCI_VU_FLAG_VERSION ||
        !(flags & VPCI_VU_FLAG_REPLY) || size != 8 || len != HDR + 8) {
        rf.reason = VPCI_REFUSE_MALFORMED_REPLY;
        return refuse_with(c, &rf, res, nres, "malformed backend-channel reply");
    }
    if (!w || w->request != request) {
        rf.reason = VPCI_REFUSE_UNEXPECTED_REPLY;
        return refuse_with(c, &rf, res, nres, "unexpected backend-channel reply");
    }
    if (vpci_fifo_full(c))
        return VPCI_EAGAIN;
    rep_pop(c, VPCI_CHAN_BACKEND);
    vpci_kick_engines(c); /* an S2M request may wait for this entry (spec §5.10) */
    struct vpci_msg_slot *s = vpci_fifo_tail(c);
    memcpy(s->data, m, len);
    fifo_commit(c, s, (uint32_t)len, VPCI_CHAN_BACKEND);
    return VPCI_OK;
}

int vpci_relay_master_msg(struct vpci_core *c, enum vpci_channel chan, const void *msg, size_t len,
                          const struct vpci_res *res, unsigned nres)
{
    const uint8_t *m = msg;
    const struct vpci_relay_entry *e;
    uint32_t request, flags, size;
    const uint8_t *p;
    int rc;

    if ((!msg && len) || (!res && nres) || (chan != VPCI_CHAN_MASTER && chan != VPCI_CHAN_BACKEND))
        return VPCI_EINVAL;
    if (!c->relay.connected)
        return VPCI_ENOTCONN;
    request = len >= 4 ? vpci_le32(m) : 0;
    /* Framing checks of either channel: DETAIL = request code. */
    struct refusal rf = {chan, request, VPCI_ERROR_CODE_MASTER_REFUSED, request,
                         VPCI_REFUSE_TRUNCATED, len};
    if (len < HDR)
        return refuse_with(c, &rf, res, nres, "truncated message of %zu bytes", len);
    rf.reason = VPCI_REFUSE_TOO_MANY_FDS;
    rf.value = nres;
    if (nres > VPCI_MAX_ACTIONS)
        return refuse_with(c, &rf, res, nres, "%u fds (at most %u)", nres, VPCI_MAX_ACTIONS);
    rf.reason = VPCI_REFUSE_TOO_LONG;
    rf.value = len;
    if (len > VPCI_MAX_MSG_SIZE)
        return refuse_with(c, &rf, res, nres, "message of %zu bytes exceeds %u", len,
                           VPCI_MAX_MSG_SIZE);
    if (chan == VPCI_CHAN_BACKEND)
        return backend_reply(c, m, len, res, nres);
    flags = vpci_le32(m + 4);
    size = vpci_le32(m + 8);
    p = m + HDR;

    /* 1. header flags */
    if ((flags & VPCI_VU_FLAG_VERSION_MASK) != VPCI_VU_FLAG_VERSION)
        return refuse(c, request, VPCI_ERROR_CODE_MASTER_REFUSED, res, nres,
                      VPCI_REFUSE_VERSION, flags & VPCI_VU_FLAG_VERSION_MASK,
                      "header version %u", flags & VPCI_VU_FLAG_VERSION_MASK);
    if (flags & VPCI_VU_FLAG_REPLY)
        return refuse(c, request, VPCI_ERROR_CODE_MASTER_REFUSED, res, nres,
                      VPCI_REFUSE_REPLY_FLAG, flags,
                      "reply flag set on a request");
    /* 2. size */
    if (size > VPCI_MAX_MSG_SIZE - HDR || len != HDR + size)
        return refuse(c, request, VPCI_ERROR_CODE_MASTER_REFUSED, res, nres,
                      VPCI_REFUSE_SIZE, size,
                      "header size %u does not match the %zu-byte message", size, len);
    /* 3. class and feature preconditions */
    e = vpci_relay_lookup(0, request);
    if (!e)
        return refuse(c, request, VPCI_ERROR_CODE_MASTER_REFUSED, res, nres,
                      VPCI_REFUSE_UNKNOWN, 0,
                      "unknown request code");
    if (e->cls == VPCI_CLASS_REFUSE)
        return refuse(c, request, VPCI_ERROR_CODE_MASTER_REFUSED, res, nres,
                      VPCI_REFUSE_NOT_RELAYED, 0,
                      "not relayed by this adapter (relay table)");
    uint64_t drv = vpci_adapter_features(c);
    if (((e->need & VPCI_NEED_LOG_WIN) && !(drv & (1ull << VPCI_ADAPTER_FEATURE_LOG_WIN))) ||
        ((e->need & VPCI_NEED_BACKEND_CHAN) &&
         !(drv & (1ull << VPCI_ADAPTER_FEATURE_BACKEND_CHAN))))
        return refuse(c, request, VPCI_ERROR_CODE_MASTER_REFUSED, res, nres,
                      VPCI_REFUSE_ADAPTER_FEATURE, drv,
                      "the driver did not accept the adapter feature it needs");
    if (((e->need & VPCI_NEED_LOG_SHMFD) && !proto_has(c, VPCI_PROTO_F_LOG_SHMFD)) ||
        ((e->need & VPCI_NEED_BACKEND_REQ) && !proto_has(c, VPCI_PROTO_F_BACKEND_REQ)))
        return refuse(c, request, VPCI_ERROR_CODE_MASTER_REFUSED, res, nres,
                      VPCI_REFUSE_PROTOCOL_FEATURE, c->relay.proto_features,
                      "protocol feature not negotiated");
    /* 4. payload size */
    if (!vpci_payload_size_ok(e->payload, p, size, true))
        return refuse(c, request, VPCI_ERROR_CODE_MASTER_REFUSED, res, nres,
                      VPCI_REFUSE_PAYLOAD, size,
                      "payload of %u bytes does not match the request's layout", size);
    /* 5. fds */
    if (!fds_ok(e, p, res, nres))
        return refuse(c, request, VPCI_ERROR_CODE_MASTER_REFUSED, res, nres,
                      VPCI_REFUSE_FDS, nres,
                      "%u fds of the wrong number or kind", nres);
    /* 6. vq index, reserved bits */
    if (e->payload == VPCI_PL_VRING_STATE || e->payload == VPCI_PL_VRING_ADDR) {
        uint32_t vq = vpci_le32(p);
        if (vq >= c->p.num_vqs)
            return refuse(c, request, VPCI_ERROR_CODE_MASTER_REFUSED, res, nres,
                          VPCI_REFUSE_VQ_RANGE, vq, "vq %u >= NUM_VQS %u", vq, c->p.num_vqs);
    }
    if (e->payload == VPCI_PL_VRING_FD) {
        uint64_t v = vpci_le64(p);
        if (v & ~(VPCI_VU_VRING_INDEX_MASK | VPCI_VU_VRING_NOFD))
            return refuse(c, request, VPCI_ERROR_CODE_MASTER_REFUSED, res, nres,
                          VPCI_REFUSE_RESERVED_BITS, v,
                          "reserved bits set in 0x%llx", (unsigned long long)v);
        if ((v & VPCI_VU_VRING_INDEX_MASK) >= c->p.num_vqs)
            return refuse(c, request, VPCI_ERROR_CODE_MASTER_REFUSED, res, nres,
                          VPCI_REFUSE_VQ_RANGE, v & VPCI_VU_VRING_INDEX_MASK,
                          "vq %u >= NUM_VQS %u", (unsigned)(v & VPCI_VU_VRING_INDEX_MASK),
                          c->p.num_vqs);
    }
    if (request == VPCI_VU_REQ_SET_PROTOCOL_FEATURES) {
        uint64_t want = vpci_le64(p), masked = want & ~vpci_relay_pass_mask(c);
        if (masked)
            return refuse(c, request, VPCI_ERROR_CODE_MASTER_REFUSED, res, nres,
                          VPCI_REFUSE_MASKED_FEATURES, masked,
                          "masked protocol features 0x%llx", (unsigned long long)masked);
    }
    /* 7. region checks that need no state change (SET_MEM_TABLE) */
    if (request == VPCI_VU_REQ_SET_MEM_TABLE && (rc = check_mem_table(c, p, res, nres)) != VPCI_OK)
        return rc;

    /* Accepted: back-pressure before any state changes. */
    bool want_reply = expects_reply(c, e, flags);
    if (want_reply && rep_full(c, VPCI_CHAN_MASTER))
        return VPCI_EAGAIN;
    if (e->cls == VPCI_CLASS_ADAPTER) {
        rep_push(c, request, VPCI_CHAN_MASTER, 0);
        flush_adapter_replies(c);
        return VPCI_OK;
    }
    struct vpci_msg_slot *s = vpci_fifo_tail(c);
    if (!s)
        return VPCI_EAGAIN; /* FIFO full */
    memcpy(s->data, m, len);
    rc = VPCI_OK;
    switch (request) {
    case VPCI_VU_REQ_SET_MEM_TABLE:
        rc = xlate_mem_table(c, s, res, nres);
        break;
    case VPCI_VU_REQ_ADD_MEM_REG:
        rc = xlate_add_mem_reg(c, s, res);
        break;
    case VPCI_VU_REQ_REM_MEM_REG:
        rc = xlate_rem_mem_reg(c, s, res, nres);
        break;
    case VPCI_VU_REQ_SET_LOG_BASE:
        rc = xlate_log_base(c, s, res);
        break;
    case VPCI_VU_REQ_SET_LOG_FD:
        add_action(s, VPCI_ACT_ARM_LOGFD, 0, &res[0]);
        break;
    case VPCI_VU_REQ_SET_VRING_KICK:
    case VPCI_VU_REQ_SET_VRING_CALL:
    case VPCI_VU_REQ_SET_VRING_ERR: {
        static const enum vpci_action_op ops[] = {VPCI_ACT_ARM_KICK, VPCI_ACT_ARM_CALL,
                                                  VPCI_ACT_ARM_ERR};
        uint64_t v = vpci_le64(p);
        add_action(s, ops[request - VPCI_VU_REQ_SET_VRING_KICK],
                   (uint32_t)(v & VPCI_VU_VRING_INDEX_MASK),
                   (v & VPCI_VU_VRING_NOFD) ? NULL : &res[0]);
        break;
    }
    case VPCI_VU_REQ_SET_BACKEND_REQ_FD:
        add_action(s, VPCI_ACT_ARM_CHANNEL, 0, &res[0]);
        break;
    case VPCI_VU_REQ_SET_PROTOCOL_FEATURES:
        /* Negotiated from the next request on (spec §5.10, §6.2). */
        c->relay.proto_features = vpci_le64(p);
        break;
    default:
        break;
    }
    if (rc != VPCI_OK)
        return rc;
    if (want_reply)
        rep_push(c, request, VPCI_CHAN_MASTER,
                 e->reply == VPCI_REPLY_CONFIG ? vpci_le32(p + 4) : 0);
    fifo_commit(c, s, (uint32_t)len, VPCI_CHAN_MASTER);
    return VPCI_OK;
}

/* ------------------------------------------------------------------ */
/* Delivery (gating, spec §5.7 rule 3, §7.5)                           */
/* ------------------------------------------------------------------ */

/* Arm @res (backend channel, LOG doorbell notifier) in @slot; what it
 * replaces is released last, as ->release may re-enter the core and end the
 * session (withdrawing the new one). */
static void arm_res(struct vpci_core *c, struct vpci_res *slot, bool *armed,
                    const struct vpci_res *res)
{
    struct vpci_res old = *slot;
    bool was_armed = *armed;

    *slot = *res;
    *armed = res->kind != VPCI_RES_NONE;
    if (was_armed)
        vpci_res_release(c, &old);
}

void vpci_relay_delivered(struct vpci_core *c, struct vpci_msg_slot *slot)
{
    struct vpci_relay *r = &c->relay;

    r->bound = true; /* a driver has seen this session now (spec §4.4) */
    /*
     * Each action is taken out of the slot before it is performed: arming
     * releases what it replaces, and ->release may re-enter the core and end
     * the session, which discards this slot (nact = 0 ends the loop) and
     * withdraws what was armed so far.
     */
    for (unsigned i = 0; i < slot->nact && i < VPCI_MAX_ACTIONS; i++) {
        struct vpci_action a = slot->act[i];

        slot->act[i].op = VPCI_ACT_NONE;
        memset(&slot->act[i].res, 0, sizeof(slot->act[i].res));
        switch (a.op) {
        case VPCI_ACT_ARM_XLAT:
            vpci_window_arm(c, a.arg);
            break;
        case VPCI_ACT_WITHDRAW_XLAT:
            vpci_window_withdraw(c, a.arg);
            break;
        case VPCI_ACT_ARM_LOG:
            /* Replaces (and releases) the previous log atomically. */
            if (vpci_window_set_log(c, a.arg, &a.res))
                vpci_window_arm_log(c);
            else
                vpci_res_release(c, &a.res);
            break;
        case VPCI_ACT_ARM_CALL:
        case VPCI_ACT_ARM_ERR:
        case VPCI_ACT_ARM_KICK:
            /* The VQ block owns call/err/kick. */
            vpci_vq_arm(c, a.op, (uint16_t)a.arg, &a.res);
            break;
        case VPCI_ACT_ARM_LOGFD:
            arm_res(c, &r->logfd, &r->logfd_armed, &a.res);
            break;
        case VPCI_ACT_ARM_CHANNEL:
            arm_res(c, &r->chan, &r->chan_armed, &a.res);
            break;
        case VPCI_ACT_NONE:
        default:
            vpci_res_release(c, &a.res);
            break;
        }
    }
    slot->nact = 0;
}

/* ------------------------------------------------------------------ */
/* S2M: driver messages to the master (spec §5.6)                      */
/* ------------------------------------------------------------------ */

/*
 * A refused or malformed S2M message. The error (S2M_MSG / S2M_REFUSED) is
 * recorded by the queue engine once the message's completion is written, so
 * its interrupt cannot overtake that completion write (spec §5.7).
 */
static uint8_t s2m_fail(struct vpci_core *c, uint8_t status)
{
    if (status == VPCI_CPL_STATUS_BAD_MSG || status == VPCI_CPL_STATUS_REFUSED)
        c->stats.refused++;
    return status;
}

/* Reply payload size check of spec §5.6 step 8. */
static bool reply_size_ok(const struct vpci_relay_entry *e, const struct vpci_pending_reply *w,
                          const uint8_t *p, uint32_t size)
{
    switch (e->reply) {
    case VPCI_REPLY_VRING_STATE:
    case VPCI_REPLY_U64:
    case VPCI_REPLY_ACK_ONLY:
        return size == 8;
    case VPCI_REPLY_CONFIG:
        if (size == 0) /* the backend's error reply (libvhost-user sends 0 bytes) */
            return true;
        /* The config space asked for, exactly (spec §5.6 step 8). */
        return size == 12 + w->arg && vpci_le32(p + 4) == w->arg;
    case VPCI_REPLY_ANY:
        return true;
    default:
        return false;
    }
}

uint8_t vpci_relay_s2m(struct vpci_core *c, uint8_t chan, uint8_t session, const uint8_t *msg,
                       uint32_t len)
{
    uint8_t out[VPCI_MAX_MSG_SIZE];
    uint32_t request, flags, size;

    if (!msg || len < HDR || len > VPCI_MAX_MSG_SIZE || chan > VPCI_CHAN_BACKEND)
        return s2m_fail(c, VPCI_CPL_STATUS_BAD_MSG);
    request = vpci_le32(msg);
    flags = vpci_le32(msg + 4);
    size = vpci_le32(msg + 8);
    if (!c->relay.connected)
        return VPCI_CPL_STATUS_NO_PEER;
    if (session != c->relay.session)
        return VPCI_CPL_STATUS_STALE;
    if ((flags & VPCI_VU_FLAG_VERSION_MASK) != VPCI_VU_FLAG_VERSION || size != len - HDR ||
        (chan == VPCI_CHAN_MASTER && !(flags & VPCI_VU_FLAG_REPLY)) ||
        (chan == VPCI_CHAN_BACKEND && (flags & VPCI_VU_FLAG_REPLY)))
        return s2m_fail(c, VPCI_CPL_STATUS_BAD_MSG);

    if (chan == VPCI_CHAN_BACKEND) {
        const struct vpci_relay_entry *e = vpci_relay_lookup(1, request);
        bool ack = (flags & VPCI_VU_FLAG_NEED_REPLY) && proto_has(c, VPCI_PROTO_F_REPLY_ACK);

        if (!c->relay.chan_armed)
            return VPCI_CPL_STATUS_NO_PEER;
        if (!e || e->cls == VPCI_CLASS_REFUSE)
            return s2m_fail(c, VPCI_CPL_STATUS_REFUSED);
        if (!vpci_payload_size_ok(e->payload, msg + HDR, size, false))
            return s2m_fail(c, VPCI_CPL_STATUS_BAD_MSG);
        if (ack && rep_full(c, VPCI_CHAN_BACKEND))
            return VPCI_S2M_HOLD; /* back-pressure until the master answers one */
        /* The entry goes in before ->send, which may re-enter and end the session. */
        if (ack)
            rep_push(c, request, VPCI_CHAN_BACKEND, 0);
        memcpy(out, msg, len);
        /* The adapter's flags: NEED_REPLY only with an entry (without
         * REPLY_ACK no reply is owed, QEMU would answer it anyway and match
         * no entry), no other bit of the driver's (spec §5.6 step 9). */
        vpci_put_le32(out + 4, VPCI_VU_FLAG_VERSION | (ack ? VPCI_VU_FLAG_NEED_REPLY : 0));
        c->stats.s2m_msgs++;
        c->mst.send(c->mst_opaque, VPCI_CHAN_BACKEND, out, len);
        return VPCI_CPL_STATUS_OK;
    }

    const struct vpci_pending_reply *w = rep_oldest(c, VPCI_CHAN_MASTER);
    if (!w || w->request != request)
        return s2m_fail(c, VPCI_CPL_STATUS_BAD_MSG);
    const struct vpci_relay_entry *e = vpci_relay_lookup(0, request);
    if (!e || e->reply == VPCI_REPLY_ADAPTER || !reply_size_ok(e, w, msg + HDR, size))
        return s2m_fail(c, VPCI_CPL_STATUS_BAD_MSG);

    memcpy(out, msg, len);
    /* Exactly version | REPLY: QEMU drops a reply with any other flag bit
     * (spec §5.6 step 9). */
    vpci_put_le32(out + 4, VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY);
    if (e->rewrite == VPCI_RW_REPLY_MASK) {
        vpci_put_le64(out + HDR, vpci_le64(out + HDR) & vpci_relay_pass_mask(c));
    } else if (e->rewrite == VPCI_RW_REPLY_CLAMP) {
        uint64_t v = vpci_le64(out + HDR);
        vpci_put_le64(out + HDR, v < c->p.num_vqs ? v : c->p.num_vqs);
    }
    /* The entry is popped before ->send, which may re-enter and end the session. */
    rep_pop(c, VPCI_CHAN_MASTER);
    c->stats.s2m_msgs++;
    c->mst.send(c->mst_opaque, VPCI_CHAN_MASTER, out, len);
    flush_adapter_replies(c);
    return VPCI_CPL_STATUS_OK;
}
