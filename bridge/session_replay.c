/* SPDX-License-Identifier: MIT */
/*
 * session_replay.c - replays a recorded session into an adapter core's
 * master face (session_replay.h; format: session_fmt.h,
 * docs/session-trace.md).
 */
#define _GNU_SOURCE
#include "session_replay.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "session_fmt.h"
#include "vhost_pci_regs.h"
#include "vhost_pci_requests.h"

#define RP_MAX_MAPS 256u
#define RP_MAX_REGIONS 64u
#define RP_MAX_FILE (512ull << 20)

struct rp_map {              /* a memory resource the replay made */
    uint8_t *addr;
    size_t len;
    uint64_t cookie;
    bool released;
};

struct rp_region {
    bool live;
    uint64_t gpa, size;
    uint8_t *host;
    uint64_t cookie;
};

struct rp_msgs {             /* messages to the master, one channel */
    uint8_t **msg;
    size_t *len;
    size_t n, cap;
};

struct vpci_replay {
    uint8_t *data;
    size_t len, pos;
    char *info;
    struct vpci_core *core;
    struct vpci_replay_host host;
    bool attached, connected;
    struct rp_map maps[RP_MAX_MAPS];
    unsigned nmaps;
    struct rp_region reg[RP_MAX_REGIONS];
    uint64_t next_cookie;
    uint64_t channel_cookie; /* the last backend-channel resource made */
    struct rp_msgs got[2], want[2];
    char mismatch[256];
    struct vpci_replay_stats st;
};

/* ------------------------------------------------------------------ */
/* helpers                                                             */
/* ------------------------------------------------------------------ */

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t rd32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static uint64_t rd64(const uint8_t *p) { return rd32(p) | (uint64_t)rd32(p + 4) << 32; }

__attribute__((format(printf, 3, 4))) static int fail(char *err, size_t errlen, const char *fmt,
                                                      ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

static bool msgs_add(struct rp_msgs *m, const void *msg, size_t len)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 64;
        uint8_t **nm = realloc(m->msg, cap * sizeof(*nm));
        if (!nm)
            return false;
        m->msg = nm;
        size_t *nl = realloc(m->len, cap * sizeof(*nl));
        if (!nl)
            return false;
        m->len = nl;
        m->cap = cap;
    }
    uint8_t *c = malloc(len ? len : 1);
    if (!c)
        return false;
    memcpy(c, msg, len);
    m->msg[m->n] = c;
    m->len[m->n] = len;
    m->n++;
    return true;
}

static void msgs_free(struct rp_msgs *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->msg[i]);
    free(m->msg);
    free(m->len);
    memset(m, 0, sizeof(*m));
}

/* Compare replayed message @k of @chan with the recorded one, if both exist. */
static void compare(struct vpci_replay *r, unsigned chan, size_t k)
{
    struct rp_msgs *g = &r->got[chan], *w = &r->want[chan];
    if (k >= g->n || k >= w->n)
        return;
    if (g->len[k] == w->len[k] && !memcmp(g->msg[k], w->msg[k], g->len[k]))
        return;
    r->st.send_mismatches++;
    if (!r->mismatch[0])
        snprintf(r->mismatch, sizeof(r->mismatch),
                 "ch%u message #%zu: replayed request %u (%zu bytes), recorded request %u "
                 "(%zu bytes)", chan, k, g->len[k] >= 4 ? rd32(g->msg[k]) : 0, g->len[k],
                 w->len[k] >= 4 ? rd32(w->msg[k]) : 0, w->len[k]);
}

/* ------------------------------------------------------------------ */
/* the master face                                                     */
/* ------------------------------------------------------------------ */

static void m_notify(void *o, enum vpci_notify_kind kind, uint16_t vq, uint64_t cookie)
{
    struct vpci_replay *r = o;
    (void)cookie;
    r->st.notifies++;
    if (r->host.on_notify)
        r->host.on_notify(r->host.observe_ctx, kind, vq);
}

static void m_send(void *o, enum vpci_channel chan, const void *msg, size_t len)
{
    struct vpci_replay *r = o;
    unsigned c = chan == VPCI_CHAN_BACKEND ? 1 : 0;
    r->st.sends++;
    if (r->host.on_message)
        r->host.on_message(r->host.observe_ctx, chan, msg, len);
    if (!msgs_add(&r->got[c], msg, len)) {
        r->st.send_mismatches++;
        return;
    }
    compare(r, c, r->got[c].n - 1);
}

static void m_close(void *o, enum vpci_close_reason reason, const char *why)
{
    struct vpci_replay *r = o;
    (void)reason;
    (void)why;
    r->st.closes++;
}

static void m_release(void *o, const struct vpci_res *res)
{
    struct vpci_replay *r = o;
    if (res->kind != VPCI_RES_MEM)
        return;
    for (unsigned i = 0; i < RP_MAX_REGIONS; i++)
        if (r->reg[i].live && r->reg[i].cookie == res->cookie)
            r->reg[i].live = false;
    for (unsigned i = 0; i < r->nmaps; i++) {
        struct rp_map *m = &r->maps[i];
        if (m->cookie != res->cookie || m->released)
            continue;
        /* The driver may still hold pointers into it (direct HAL port):
         * private anonymous memory in place of the master's, so a late
         * read sees nothing of it and never faults; unmapped at the end. */
        if (mmap(m->addr, m->len, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0) == MAP_FAILED)
            munmap(m->addr, m->len);
        m->released = true;
    }
}

static const struct vpci_master_ops replay_ops = {
    .notify = m_notify, .send = m_send, .close = m_close, .release = m_release,
};

/* ------------------------------------------------------------------ */
/* records                                                             */
/* ------------------------------------------------------------------ */

/* A memory resource of @size bytes: a sparse memfd, mapped shared. */
static int make_mem(struct vpci_replay *r, uint64_t size, struct vpci_res *res, char *err,
                    size_t errlen)
{
    if (!size || size > (1ull << 40))
        return fail(err, errlen, "memory resource of %llu bytes", (unsigned long long)size);
    if (r->nmaps == RP_MAX_MAPS)
        return fail(err, errlen, "more than %u memory resources", RP_MAX_MAPS);
    int fd = memfd_create("vpci-replay", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, (off_t)size) < 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return fail(err, errlen, "memfd of %llu bytes: %s", (unsigned long long)size,
                    strerror(e));
    }
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return fail(err, errlen, "mmap of %llu bytes: %m", (unsigned long long)size);
    struct rp_map *m = &r->maps[r->nmaps++];
    m->addr = p;
    m->len = size;
    m->cookie = ++r->next_cookie;
    m->released = false;
    res->kind = VPCI_RES_MEM;
    res->host = p;
    res->size = size;
    res->cookie = m->cookie;
    r->st.regions++;
    return 0;
}

/* Memory regions of a message the core took (SET_MEM_TABLE, ADD_MEM_REG,
 * REM_MEM_REG): where MEM records of guest addresses go. */
static void adopt_regions(struct vpci_replay *r, const uint8_t *m, size_t len,
                          const struct vpci_res *res, unsigned nres)
{
    uint32_t req = rd32(m);
    const uint8_t *p = m + VPCI_MSG_HDR_SIZE;
    size_t plen = len - VPCI_MSG_HDR_SIZE;
    const uint8_t *regs[8];
    unsigned n = 0;
    if (req == VPCI_VU_REQ_SET_MEM_TABLE && plen >= 8) {
        for (unsigned i = 0; i < RP_MAX_REGIONS; i++)
            r->reg[i].live = false;
        uint32_t k = rd32(p);
        for (uint32_t i = 0; i < k && i < 8 && i < nres && 8 + 32ull * (i + 1) <= plen; i++)
            regs[n++] = p + 8 + 32u * i;
    } else if (req == VPCI_VU_REQ_ADD_MEM_REG && plen >= 40 && nres >= 1) {
        regs[n++] = p + 8;
    } else if (req == VPCI_VU_REQ_REM_MEM_REG && plen >= 40) {
        uint64_t gpa = rd64(p + 8);
        for (unsigned i = 0; i < RP_MAX_REGIONS; i++)
            if (r->reg[i].live && r->reg[i].gpa == gpa)
                r->reg[i].live = false;
        return;
    }
    for (unsigned i = 0; i < n; i++) {
        if (res[i].kind != VPCI_RES_MEM)
            continue;
        for (unsigned j = 0; j < RP_MAX_REGIONS; j++) {
            struct rp_region *g = &r->reg[j];
            if (g->live)
                continue;
            g->live = true;
            g->gpa = rd64(regs[i]);
            g->size = rd64(regs[i] + 8);
            if (g->size > res[i].size)
                g->size = res[i].size;
            g->host = res[i].host;
            g->cookie = res[i].cookie;
            break;
        }
    }
}

/* Write a MEM record's bytes at guest address @gpa. */
static int put_mem(struct vpci_replay *r, uint64_t gpa, const uint8_t *b, size_t n, char *err,
                   size_t errlen)
{
    r->st.mem_records++;
    r->st.mem_bytes += n;
    while (n) {
        const struct rp_region *g = NULL;
        for (unsigned i = 0; i < RP_MAX_REGIONS && !g; i++)
            if (r->reg[i].live && gpa >= r->reg[i].gpa && gpa - r->reg[i].gpa < r->reg[i].size)
                g = &r->reg[i];
        if (!g)
            return fail(err, errlen, "memory at guest address 0x%llx lies in no region",
                        (unsigned long long)gpa);
        uint64_t off = gpa - g->gpa, k = g->size - off;
        if (k > n)
            k = n;
        memcpy(g->host + off, b, (size_t)k);
        gpa += k;
        b += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Pump until the replay produced as many messages to the master as recorded
 * so far, on both channels (the master waits for its replies, and answers
 * a backend request only once it came). */
static int wait_replies(struct vpci_replay *r, char *err, size_t errlen)
{
    unsigned limit = r->host.reply_pumps ? r->host.reply_pumps : 100000;
    for (unsigned c = 0; c < 2; c++)
        for (unsigned i = 0; r->got[c].n < r->want[c].n; i++) {
            if (i == limit || !r->connected)
                return fail(err, errlen, "recorded message #%zu to the master on channel %u "
                            "(request %u) was not replayed%s", r->got[c].n, c,
                            rd32(r->want[c].msg[r->got[c].n]),
                            r->connected ? "" : " before the session ended");
            r->host.pump(r->host.opaque);
        }
    return 0;
}

static int do_msg(struct vpci_replay *r, uint8_t chan, uint16_t nres, const uint8_t *p,
                  uint32_t n, char *err, size_t errlen)
{
    struct vpci_res res[VPCI_VU_FDS_MAX];
    if (nres > VPCI_VU_FDS_MAX || (uint64_t)nres * VB_REC_RES_SIZE + VPCI_MSG_HDR_SIZE > n)
        return fail(err, errlen, "MSG record with %u resources in %u bytes", nres, n);
    if (wait_replies(r, err, errlen) < 0)
        return -1;
    memset(res, 0, sizeof(res));
    for (unsigned i = 0; i < nres; i++) {
        const uint8_t *d = p + VB_REC_RES_SIZE * i;
        uint32_t kind = rd32(d);
        if (kind == VPCI_RES_MEM) {
            if (make_mem(r, rd64(d + 8), &res[i], err, errlen) < 0)
                return -1;
        } else if (kind == VPCI_RES_NOTIFIER || kind == VPCI_RES_KICK ||
                   kind == VPCI_RES_CHANNEL) {
            res[i].kind = (enum vpci_res_kind)kind;
            res[i].cookie = ++r->next_cookie;
            if (kind == VPCI_RES_CHANNEL)
                r->channel_cookie = res[i].cookie;
        } else {
            return fail(err, errlen, "MSG record with a resource of kind %u", kind);
        }
    }
    const uint8_t *m = p + VB_REC_RES_SIZE * nres;
    size_t len = n - VB_REC_RES_SIZE * nres;
    enum vpci_channel c = chan ? VPCI_CHAN_BACKEND : VPCI_CHAN_MASTER;
    unsigned limit = r->host.reply_pumps ? r->host.reply_pumps : 100000;
    int rc;
    for (unsigned i = 0; (rc = vpci_master_msg(r->core, c, m, len, res, nres)) == VPCI_EAGAIN;
         i++) {
        if (i == limit)
            return fail(err, errlen, "the core kept refusing request %u for back-pressure",
                        rd32(m));
        r->host.pump(r->host.opaque);
    }
    r->st.msgs++;
    if (rc == VPCI_EREFUSED)
        r->st.refused++;
    else if (rc == VPCI_OK && c == VPCI_CHAN_MASTER)
        adopt_regions(r, m, len, res, nres);
    else if (rc != VPCI_OK) /* not taken: give the memory back ourselves */
        for (unsigned i = 0; i < nres; i++)
            if (res[i].kind == VPCI_RES_MEM)
                m_release(r, &res[i]);
    r->host.settle(r->host.opaque);
    return 0;
}

/* ------------------------------------------------------------------ */
/* the API                                                             */
/* ------------------------------------------------------------------ */

struct vpci_replay *vpci_replay_open(const char *path, char *err, size_t errlen)
{
    struct vpci_replay *r = calloc(1, sizeof(*r));
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!r || !f || fstat(fileno(f), &st) < 0) {
        fail(err, errlen, "%s: %s", path, r ? strerror(errno) : "out of memory");
        goto bad;
    }
    if ((uint64_t)st.st_size > RP_MAX_FILE || st.st_size < 16) {
        fail(err, errlen, "%s: %lld bytes: not a recording", path, (long long)st.st_size);
        goto bad;
    }
    r->len = (size_t)st.st_size;
    r->data = malloc(r->len);
    if (!r->data || fread(r->data, 1, r->len, f) != r->len) {
        fail(err, errlen, "%s: cannot read", path);
        goto bad;
    }
    fclose(f);
    f = NULL;
    if (memcmp(r->data, VB_REC_MAGIC, 8) != 0) {
        fail(err, errlen, "%s: not a vhost-pci session recording (magic)", path);
        goto bad;
    }
    if (rd32(r->data + 8) != VB_REC_VERSION) {
        fail(err, errlen, "%s: recording version %u, this replayer reads %u", path,
             rd32(r->data + 8), VB_REC_VERSION);
        goto bad;
    }
    uint32_t ilen = rd32(r->data + 12);
    if (ilen > r->len - 16) {
        fail(err, errlen, "%s: header text runs past the end", path);
        goto bad;
    }
    r->info = strndup((const char *)r->data + 16, ilen);
    if (!r->info) {
        fail(err, errlen, "out of memory");
        goto bad;
    }
    r->pos = 16 + ilen;
    /* Check every record's framing now, so a replay never stops midway on
     * a cut file. */
    for (size_t off = r->pos; off < r->len;) {
        if (r->len - off < VB_REC_HDR_SIZE) {
            fail(err, errlen, "%s: record header at offset %zu cut short", path, off);
            goto bad;
        }
        uint8_t t = r->data[off];
        uint32_t n = rd32(r->data + off + 4);
        if (t < VB_REC_CONNECT || t > VB_REC_CHANNEL_GONE || n > VB_REC_MAX_PAYLOAD ||
            n > r->len - off - VB_REC_HDR_SIZE ||
            (t == VB_REC_MEM && n < 8) || (t == VB_REC_MSG && n < VPCI_MSG_HDR_SIZE) ||
            (t == VB_REC_SEND && n < VPCI_MSG_HDR_SIZE)) {
            fail(err, errlen, "%s: bad record at offset %zu (type %u, %u bytes)", path, off, t,
                 n);
            goto bad;
        }
        off += VB_REC_HDR_SIZE + n;
    }
    return r;
bad:
    if (f)
        fclose(f);
    if (r) {
        free(r->data);
        free(r->info);
        free(r);
    }
    return NULL;
}

const char *vpci_replay_info(const struct vpci_replay *r)
{
    return r->info;
}

int vpci_replay_info_get(const struct vpci_replay *r, const char *key, char *buf, size_t len)
{
    size_t k = strlen(key);
    for (const char *l = r->info; l && *l;) {
        const char *e = strchr(l, '\n');
        size_t n = e ? (size_t)(e - l) : strlen(l);
        if (n > k && !strncmp(l, key, k) && l[k] == '=') {
            snprintf(buf, len, "%.*s", (int)(n - k - 1), l + k + 1);
            return 0;
        }
        l = e ? e + 1 : NULL;
    }
    if (len)
        buf[0] = 0;
    return -1;
}

int vpci_replay_attach(struct vpci_replay *r, struct vpci_core *core,
                       const struct vpci_replay_host *host)
{
    if (!host || !host->settle || !host->pump)
        return VPCI_EINVAL;
    int rc = vpci_core_set_master(core, &replay_ops, r);
    if (rc != VPCI_OK)
        return rc;
    r->core = core;
    r->host = *host;
    r->attached = true;
    return VPCI_OK;
}

int vpci_replay_run(struct vpci_replay *r, char *err, size_t errlen)
{
    if (!r->attached)
        return fail(err, errlen, "not attached to a core");
    bool mem_pending = false;
    while (r->pos < r->len) {
        const uint8_t *h = r->data + r->pos;
        uint8_t t = h[0], a = h[1];
        uint16_t b = rd16(h + 2);
        uint32_t n = rd32(h + 4);
        const uint8_t *p = h + VB_REC_HDR_SIZE;
        r->pos += VB_REC_HDR_SIZE + n;
        if (mem_pending && t != VB_REC_MEM) {
            r->host.settle(r->host.opaque);
            mem_pending = false;
        }
        switch (t) {
        case VB_REC_CONNECT:
            if (r->connected || vpci_master_connect(r->core) != VPCI_OK)
                return fail(err, errlen, "the core refused a master connection");
            r->connected = true;
            r->st.sessions++;
            r->host.settle(r->host.opaque);
            break;
        case VB_REC_DISCONNECT:
            if (wait_replies(r, err, errlen) < 0)
                return -1;
            if (r->connected)
                vpci_master_disconnect(r->core);
            r->connected = false;
            r->host.settle(r->host.opaque);
            break;
        case VB_REC_MSG:
            if (!r->connected)
                return fail(err, errlen, "a message outside a session");
            if (do_msg(r, a, b, p, n, err, errlen) < 0)
                return -1;
            break;
        case VB_REC_KICK:
            if (r->connected) {
                vpci_master_kick(r->core, b);
                r->st.kicks++;
                r->host.settle(r->host.opaque);
            }
            break;
        case VB_REC_MEM:
            if (put_mem(r, rd64(p), p + 8, n - 8, err, errlen) < 0)
                return -1;
            mem_pending = true;
            break;
        case VB_REC_SEND: {
            unsigned c = a ? 1 : 0;
            r->st.sends_recorded++;
            if (!msgs_add(&r->want[c], p, n))
                return fail(err, errlen, "out of memory");
            compare(r, c, r->want[c].n - 1);
            break;
        }
        case VB_REC_NOTIFY:
            r->st.notifies_recorded++;
            break;
        case VB_REC_NOTE:
            r->st.notes++;
            break;
        case VB_REC_CHANNEL_GONE:
            if (r->connected && r->channel_cookie) {
                vpci_master_backend_gone(r->core, r->channel_cookie);
                r->host.settle(r->host.opaque);
            }
            break;
        default:
            break;
        }
    }
    if (mem_pending)
        r->host.settle(r->host.opaque);
    for (unsigned c = 0; c < 2; c++)
        if (r->got[c].n != r->want[c].n) {
            r->st.send_mismatches++;
            if (!r->mismatch[0])
                snprintf(r->mismatch, sizeof(r->mismatch),
                         "ch%u: %zu messages replayed, %zu recorded", c, r->got[c].n,
                         r->want[c].n);
        }
    return 0;
}

const char *vpci_replay_first_mismatch(const struct vpci_replay *r)
{
    return r->mismatch;
}

void vpci_replay_get_stats(const struct vpci_replay *r, struct vpci_replay_stats *s)
{
    *s = r->st;
}

void vpci_replay_close(struct vpci_replay *r)
{
    if (!r)
        return;
    if (r->attached) {
        if (r->connected)
            vpci_master_disconnect(r->core);
        vpci_core_set_master(r->core, NULL, NULL);
    }
    for (unsigned i = 0; i < r->nmaps; i++)
        munmap(r->maps[i].addr, r->maps[i].len);
    for (unsigned c = 0; c < 2; c++) {
        msgs_free(&r->got[c]);
        msgs_free(&r->want[c]);
    }
    free(r->data);
    free(r->info);
    free(r);
}
