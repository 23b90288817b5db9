/* SPDX-License-Identifier: MIT */
/*
 * fuzz_common.c - platform, test driver, message builder and invariants of
 * the core's fuzz targets (see fuzz_common.h).
 */
#include "fuzz_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vpci_internal.h"
#include "vpci_relay.h"

/* ------------------------------------------------------------------ */
/* Input                                                               */
/* ------------------------------------------------------------------ */

uint8_t fz_u8(struct fz_in *in)
{
    if (!in->n)
        return 0;
    in->n--;
    return *in->p++;
}

uint16_t fz_u16(struct fz_in *in)
{
    return (uint16_t)(fz_u8(in) | (fz_u8(in) << 8));
}

uint32_t fz_u32(struct fz_in *in)
{
    uint32_t lo = fz_u16(in);
    return lo | ((uint32_t)fz_u16(in) << 16);
}

uint64_t fz_u64(struct fz_in *in)
{
    uint64_t lo = fz_u32(in);
    return lo | ((uint64_t)fz_u32(in) << 32);
}

bool fz_more(const struct fz_in *in)
{
    return in->n > 0;
}

void fz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "FUZZ INVARIANT violated at %s:%d: %s: ", file, line, cond);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

/* ------------------------------------------------------------------ */
/* Platform operations                                                 */
/* ------------------------------------------------------------------ */

static unsigned writes_outstanding(const struct fz *f)
{
    unsigned n = 0;
    for (unsigned i = 0; i < f->npend; i++)
        n += f->pend[i].req.dir == VPCI_DMA_WRITE;
    return n;
}

/* Perform request @r on driver memory and complete it with @st (or the
 * failure the address implies). */
static void do_complete(struct fz *f, struct vpci_dma_req r, enum vpci_dma_status st)
{
    if (st == VPCI_DMA_OK && r.addr < f->fail_hi && r.addr + r.len > f->fail_lo)
        st = VPCI_DMA_ERROR;
    if (st == VPCI_DMA_OK)
        st = vpci_dma_arena_serve(&f->arena, &r);
    vpci_dma_complete(f->core, r.tag, st);
}

static void op_dma(void *o, const struct vpci_dma_req *r)
{
    struct fz *f = o;

    FZ_CHECK(r->len >= 1 && r->len <= VPCI_MAX_MSG_SIZE, "DMA len %u", r->len);
    FZ_CHECK(r->buf != NULL, "DMA without buffer");
    FZ_CHECK(r->dir == VPCI_DMA_READ || r->dir == VPCI_DMA_WRITE, "DMA dir %d", r->dir);
    FZ_CHECK(vpci_bus_master(f->core), "DMA issued with COMMAND.BUS_MASTER=0");
    for (unsigned i = 0; i < f->npend; i++)
        FZ_CHECK(f->pend[i].req.tag != r->tag, "DMA tag %u reused while outstanding", r->tag);
    FZ_CHECK(f->npend < FZ_MAX_PENDING, "more than %u DMA requests outstanding", FZ_MAX_PENDING);
    /* Touch the whole buffer so ASan checks the core handed a valid one. */
    if (r->dir == VPCI_DMA_WRITE) {
        volatile uint8_t sink = 0;
        for (uint32_t i = 0; i < r->len; i += 64)
            sink ^= ((const uint8_t *)r->buf)[i];
        sink ^= ((const uint8_t *)r->buf)[r->len - 1];
        (void)sink;
    }
    if (f->verbose)
        fprintf(stderr, "dma: tag %u %s 0x%llx len %u%s\n", r->tag,
                r->dir == VPCI_DMA_WRITE ? "write" : "read", (unsigned long long)r->addr, r->len,
                f->auto_dma ? " (completed at once)" : "");
    if (f->auto_dma) {
        do_complete(f, *r, f->dma_fail_all ? VPCI_DMA_ERROR : VPCI_DMA_OK);
        return;
    }
    f->pend[f->npend].req = *r;
    f->pend[f->npend].order = f->dma_order++;
    f->npend++;
}

static void check_msi_order(struct fz *f, uint16_t vector)
{
    if (f->verbose)
        fprintf(stderr, "msi: vector %u, %u DMA write(s) outstanding, INT_CAUSE 0x%x ERROR_INFO 0x%x\n",
                vector, writes_outstanding(f),
                vpci_csr_get(f->core, VPCI_REG_ADAPTER_INT_CAUSE), f->core->adapter.error_info);
    FZ_CHECK(vector < f->p.msix_vectors, "MSI-X vector %u >= MSIX_VECTORS %u", vector,
             f->p.msix_vectors);
    FZ_CHECK(writes_outstanding(f) == 0 || f->relax_msi_order,
             "MSI-X vector %u issued while %u earlier DMA write(s) are outstanding", vector,
             writes_outstanding(f));
    FZ_CHECK(vpci_bus_master(f->core), "MSI-X issued with COMMAND.BUS_MASTER=0");
    f->msis++;
}

static void op_msi(void *o, uint16_t vector, uint64_t addr, uint32_t data)
{
    struct fz *f = o;

    (void)addr;
    (void)data;
    FZ_CHECK(f->p.msix_mode == VPCI_MSIX_INTERNAL, "->msi in external MSI-X mode");
    check_msi_order(f, vector);
}

static void op_irq(void *o, uint16_t vector)
{
    struct fz *f = o;

    FZ_CHECK(f->p.msix_mode == VPCI_MSIX_EXTERNAL, "->irq in internal MSI-X mode");
    check_msi_order(f, vector);
}

static struct fz_res_rec *rec_of(struct fz *f, uint64_t cookie)
{
    FZ_CHECK(cookie >= 1 && cookie <= f->nres, "unknown resource cookie %llu",
             (unsigned long long)cookie);
    return &f->res[cookie - 1];
}

static void op_notify(void *o, enum vpci_notify_kind kind, uint16_t vq, uint64_t cookie)
{
    struct fz *f = o;
    struct fz_res_rec *r = rec_of(f, cookie);

    FZ_CHECK(kind == VPCI_NOTIFY_CALL || kind == VPCI_NOTIFY_ERR || kind == VPCI_NOTIFY_LOG,
             "notify kind %d", kind);
    if (kind != VPCI_NOTIFY_LOG)
        FZ_CHECK(vq < f->p.num_vqs, "notify vq %u >= NUM_VQS %u", vq, f->p.num_vqs);
    FZ_CHECK(r->state == FZ_RES_CORE, "notify through resource %llu in state %d",
             (unsigned long long)cookie, r->state);
    FZ_CHECK(r->kind == VPCI_RES_NOTIFIER, "notify through resource of kind %d", r->kind);
    f->notifies++;
}

static void op_send(void *o, enum vpci_channel chan, const void *msg, size_t len)
{
    struct fz *f = o;
    const uint8_t *m = msg;

    FZ_CHECK(chan == VPCI_CHAN_MASTER || chan == VPCI_CHAN_BACKEND, "send chan %d", chan);
    FZ_CHECK(len >= VPCI_MSG_HDR_SIZE && len <= VPCI_MAX_MSG_SIZE, "send len %zu", len);
    FZ_CHECK(f->connected && !f->closing, "send with no master session (connected %d closing %d)",
             f->connected, f->closing);
    uint32_t req = vpci_le32(m), flags = vpci_le32(m + 4), size = vpci_le32(m + 8);
    FZ_CHECK(size == len - VPCI_MSG_HDR_SIZE, "sent hdr.size %u for len %zu", size, len);
    FZ_CHECK((flags & VPCI_VU_FLAG_VERSION_MASK) == VPCI_VU_FLAG_VERSION, "sent flags 0x%x", flags);
    if (chan == VPCI_CHAN_MASTER) {
        FZ_CHECK(flags & VPCI_VU_FLAG_REPLY, "reply to master without REPLY flag (req %u)", req);
        if (req == VPCI_VU_REQ_GET_PROTOCOL_FEATURES && size == 8) /* masked */
            FZ_CHECK((vpci_le64(m + 12) & ~VPCI_PROTO_PASS_ALL) == 0,
                     "GET_PROTOCOL_FEATURES reply 0x%llx not masked",
                     (unsigned long long)vpci_le64(m + 12));
        if (req == VPCI_VU_REQ_GET_QUEUE_NUM && size == 8) /* clamped */
            FZ_CHECK(vpci_le64(m + 12) <= f->p.num_vqs, "GET_QUEUE_NUM reply %llu",
                     (unsigned long long)vpci_le64(m + 12));
    } else {
        FZ_CHECK(!(flags & VPCI_VU_FLAG_REPLY), "backend request with REPLY flag (req %u)", req);
    }
    f->sends++;
}

static void op_close(void *o, enum vpci_close_reason reason, const char *why)
{
    struct fz *f = o;

    FZ_CHECK(reason == VPCI_CLOSE_REFUSED || reason == VPCI_CLOSE_DRIVER_RESET, "close reason %d",
             reason);
    FZ_CHECK(why != NULL, "close without reason text");
    FZ_CHECK(f->connected, "close without a master session");
    f->closes++;
    f->closing = true;
    if (f->auto_disconnect)
        fz_disconnect(f);
}

static void op_release(void *o, const struct vpci_res *res)
{
    struct fz *f = o;
    struct fz_res_rec *r = rec_of(f, res->cookie);

    FZ_CHECK(r->state == FZ_RES_CORE, "resource %llu released in state %d (double release?)",
             (unsigned long long)res->cookie, r->state);
    FZ_CHECK(res->kind == r->kind, "resource %llu released as kind %d, handed as %d",
             (unsigned long long)res->cookie, res->kind, r->kind);
    if (r->kind == VPCI_RES_MEM)
        FZ_CHECK(res->host == r->buf && res->size == r->size,
                 "memory resource %llu released with other host/size",
                 (unsigned long long)res->cookie);
    free(r->buf); /* later use by the core: heap-use-after-free */
    r->buf = NULL;
    r->state = FZ_RES_RELEASED;
    f->releases++;
}

static void op_log(void *o, const char *line)
{
    struct fz *f = o;

    FZ_CHECK(line != NULL && strlen(line) < 1024, "log line");
    if (f->verbose)
        fprintf(stderr, "core: %s\n", line);
}

/* Model events: typed, named, with a line; refusals carry what ERROR_INFO gets. */
static void op_event(void *o, const struct vpci_event *ev)
{
    struct fz *f = o;

    FZ_CHECK(strcmp(vpci_event_name(ev->code), "?") != 0, "event code %d", ev->code);
    FZ_CHECK(strcmp(vpci_event_reason_name(ev->code, ev->reason), "?") != 0,
             "event %s reason %u", vpci_event_name(ev->code), ev->reason);
    FZ_CHECK(ev->text != NULL && strlen(ev->text) < 256, "event text");
    if (ev->code == VPCI_EV_GUEST_ERROR)
        FZ_CHECK(ev->cause && !(ev->cause & VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_MASK),
                 "guest error cause 0x%x", ev->cause);
    if (ev->code == VPCI_EV_MASTER_REFUSED)
        FZ_CHECK(ev->cause == VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_MASK &&
                     (ev->err_code == VPCI_ERROR_CODE_MASTER_REFUSED ||
                      ev->err_code == VPCI_ERROR_CODE_WIN_FULL),
                 "refusal cause 0x%x code %u", ev->cause, ev->err_code);
    if (f->verbose)
        fprintf(stderr, "event: %s %s\n", vpci_event_name(ev->code), ev->text);
}

static const struct vpci_driver_ops fz_ops_drv = {
    .dma = op_dma,
    .msi = op_msi,
    .irq = op_irq,
};

static const struct vpci_master_ops fz_ops_mst = {
    .notify = op_notify,
    .send = op_send,
    .close = op_close,
    .release = op_release,
    .log = op_log,
};

void fz_params(struct fz_in *in, struct vpci_params *p)
{
    uint8_t a = fz_u8(in), b = fz_u8(in);
    static const uint16_t vqs[8] = {1, 2, 4, 8, 64, 255, 256, 3};
    static const uint16_t vecs[8] = {1, 2, 3, 65, 512, 8, 257, 4};

    vpci_params_default(p);
    p->num_vqs = vqs[a & 7];
    p->msix_vectors = vecs[(a >> 3) & 7];
    p->msix_mode = (a & 0x40) ? VPCI_MSIX_EXTERNAL : VPCI_MSIX_INTERNAL;
    p->win_mode = (a & 0x80) ? VPCI_WIN_PERSISTENT : VPCI_WIN_TRAPPED;
    p->mem_win_log2 = VPCI_PARAM_MEM_WIN_LOG2_MIN + (b & 3);        /* 1..8 MiB   */
    p->log_win_log2 = VPCI_PARAM_LOG_WIN_LOG2_MIN + ((b >> 2) & 7); /* 4..512 KiB */
}

bool fz_init(struct fz *f, const struct vpci_params *p)
{
    memset(f, 0, sizeof(*f));
    f->p = *p;
    f->mem = calloc(1, FZ_MEM_SIZE);
    vpci_dma_arena_init(&f->arena, FZ_MEM_BASE, f->mem, FZ_MEM_SIZE);
    f->auto_dma = true;
    f->auto_disconnect = true;
    f->verbose = getenv("FUZZ_VERBOSE") != NULL;
    /* Known-bug switch for long campaigns: skip the MSI-X ordering check. */
    f->relax_msi_order = getenv("FUZZ_RELAX_MSI_ORDER") != NULL;
    f->core = vpci_core_create(p, &fz_ops_drv, f, &fz_ops_mst, f);
    FZ_CHECK(f->core != NULL, "vpci_core_create failed for valid parameters");
    vpci_core_set_event_sink(f->core, op_event, f);
    return true;
}

void fz_fini(struct fz *f)
{
    /* Late completions for whatever is still outstanding, then destroy. */
    fz_dma_complete_all(f);
    vpci_core_destroy(f->core);
    f->core = NULL;
    for (unsigned i = 0; i < f->nres; i++) {
        /* VPCI_RES_NONE stands for no fd: the core need not release it. */
        FZ_CHECK(f->res[i].state != FZ_RES_CORE || f->res[i].kind == VPCI_RES_NONE,
                 "resource %u (kind %d) never released", i + 1,
                 f->res[i].kind);
        free(f->res[i].buf);
    }
    free(f->mem);
}

/* ------------------------------------------------------------------ */
/* DMA control                                                         */
/* ------------------------------------------------------------------ */

void fz_dma_complete_idx(struct fz *f, unsigned idx, enum vpci_dma_status st)
{
    if (idx >= f->npend)
        return;
    struct vpci_dma_req r = f->pend[idx].req;
    memmove(&f->pend[idx], &f->pend[idx + 1], (f->npend - idx - 1) * sizeof(f->pend[0]));
    f->npend--;
    do_complete(f, r, st);
}

void fz_dma_complete_all(struct fz *f)
{
    /* Completions may issue new requests; bounded so a livelock is a finding. */
    for (unsigned n = 0; f->npend; n++) {
        FZ_CHECK(n < 100000, "DMA never quiesces");
        fz_dma_complete_idx(f, 0, VPCI_DMA_OK);
    }
}

/* ------------------------------------------------------------------ */
/* Invariants                                                          */
/* ------------------------------------------------------------------ */

void fz_check_state(struct fz *f)
{
    const struct vpci_core *c = f->core;

    for (unsigned i = 0; i < 2; i++) {
        const struct vpci_msgq *q = &c->q[i];
        if (q->enabled && !q->error)
            FZ_CHECK((uint16_t)(q->tail - q->head) <= (1u << q->log2),
                     "%s HEAD %u beyond TAIL %u (ring 2^%u)", i ? "S2M" : "M2S", q->head, q->tail,
                     q->log2);
        FZ_CHECK(q->log2 <= VPCI_RING_LOG2_MAX, "queue %u log2 %u", i, q->log2);
    }
    FZ_CHECK(vpci_dma_outstanding(c) <= VPCI_DMA_SLOTS, "DMA slots");
    FZ_CHECK(c->fifo.count <= VPCI_FIFO_DEPTH && c->fifo.head < VPCI_FIFO_DEPTH,
             "wait FIFO count %u head %u", c->fifo.count, c->fifo.head);
    unsigned core_pending = 0;
    for (unsigned i = 0; i < VPCI_DMA_SLOTS; i++)
        core_pending += c->dma.slot[i].busy;
    FZ_CHECK(core_pending == f->npend, "core holds %u DMA slots, platform %u outstanding",
             core_pending, f->npend);
    /* The platform's and the core's view of the session agree. */
    if (f->connected && !f->closing)
        FZ_CHECK(vpci_relay_connected(c), "core dropped the session without ->close()");
    if (!f->connected)
        FZ_CHECK(!vpci_relay_connected(c), "core has a session the platform never opened");
}

/* ------------------------------------------------------------------ */
/* Master face                                                         */
/* ------------------------------------------------------------------ */

void fz_connect(struct fz *f)
{
    bool was = f->connected && !f->closing;
    int rc = vpci_master_connect(f->core);

    if (!f->connected)
        FZ_CHECK(rc == VPCI_OK, "connect with no session returned %d", rc);
    if (was)
        FZ_CHECK(rc == VPCI_EINVAL, "second connect returned %d", rc);
    if (rc == VPCI_OK) {
        f->connected = true;
        f->closing = false;
    }
}

void fz_disconnect(struct fz *f)
{
    vpci_master_disconnect(f->core);
    f->connected = false;
    f->closing = false;
}

/* A new resource record; NULL when the table is full. */
static struct vpci_res new_res(struct fz *f, enum vpci_res_kind kind, uint64_t size, bool *ok)
{
    struct vpci_res r = {0};

    if (f->nres >= FZ_MAX_RES || (kind == VPCI_RES_MEM && size > FZ_MAX_MEM_RES)) {
        *ok = false;
        return r;
    }
    struct fz_res_rec *rec = &f->res[f->nres++];
    rec->state = FZ_RES_FREE;
    rec->kind = kind;
    rec->size = kind == VPCI_RES_MEM ? size : 0;
    if (kind == VPCI_RES_MEM) {
        rec->buf = malloc(size ? size : 1);
        memset(rec->buf, 0xa5, size < 64 ? size : 64);
    }
    r.kind = kind;
    /* Persistent windows take memory only from the platform's window file. */
    if (kind == VPCI_RES_MEM && f->p.win_mode == VPCI_WIN_PERSISTENT)
        r.flags = VPCI_RES_F_WINDOW_FILE;
    r.host = rec->buf;
    r.size = rec->size;
    r.cookie = f->nres;
    return r;
}

/* Append a new resource to res[nres]; clears ok when the table is full. */
#define ADD_RES(kind, size)                                                                        \
    do {                                                                                           \
        struct vpci_res r_ = new_res(f, (kind), (size), &ok);                                      \
        if (ok)                                                                                    \
            res[nres++] = r_;                                                                      \
    } while (0)

/* Hand @n resources over with a message and account for the result. */
static int send_msg(struct fz *f, enum vpci_channel chan, const uint8_t *msg, size_t len,
                    struct vpci_res *res, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        f->res[res[i].cookie - 1].state = FZ_RES_CORE;
    int rc = vpci_master_msg(f->core, chan, msg, len, n ? res : NULL, n);
    FZ_CHECK(rc == VPCI_OK || rc == VPCI_EAGAIN || rc == VPCI_EREFUSED || rc == VPCI_ENOTCONN ||
                 rc == VPCI_EINVAL,
             "vpci_master_msg returned %d", rc);
    if (rc == VPCI_EREFUSED)
        FZ_CHECK(f->closes > 0, "message refused without ->close()");
    if (rc == VPCI_EAGAIN || rc == VPCI_EINVAL || rc == VPCI_ENOTCONN) {
        /* Still ours: the core must not have released any of them. */
        for (unsigned i = 0; i < n; i++) {
            struct fz_res_rec *r = &f->res[res[i].cookie - 1];
            FZ_CHECK(r->state == FZ_RES_CORE, "resource released although the call returned %d",
                     rc);
            r->state = FZ_RES_RELEASED;
            free(r->buf);
            r->buf = NULL;
        }
    }
    return rc;
}

/* Region sizes the builder picks from (the window is 1..8 MiB). */
static uint64_t pick_size(struct fz_in *in)
{
    static const uint64_t sz[16] = {4096,          65536,   1u << 20, 2u << 20, (2u << 20) + 4096,
                                    0,             1,       8192,     4096,     65536,
                                    3u << 20,      4u << 20, 12288,   4096,     (1u << 20) - 4096,
                                    1ull << 40};
    uint8_t s = fz_u8(in);
    return (s & 0x80) ? (uint64_t)(s & 0x7f) * 4096 : sz[s & 15];
}

/* Resource size of a region: usually its size, sometimes not. */
static uint64_t pick_res_size(struct fz_in *in, uint64_t region)
{
    uint8_t s = fz_u8(in);
    if ((s & 7) == 7)
        return region > 4096 ? region - 4096 : 0;
    if ((s & 7) == 6)
        return region + 4096;
    return region;
}

static void put_region(uint8_t *p, struct fz_in *in, uint64_t size, unsigned idx)
{
    uint8_t mode = fz_u8(in);
    uint64_t gpa = (mode & 1) ? fz_u64(in) : (uint64_t)idx << 30;
    uint64_t uaddr = (mode & 2) ? fz_u64(in) : 0x7f0000000000ull + ((uint64_t)idx << 30);

    vpci_put_le64(p, gpa);
    vpci_put_le64(p + 8, size);
    vpci_put_le64(p + 16, uaddr);
    vpci_put_le64(p + 24, (mode & 4) ? fz_u64(in) : 0);
}

void fz_master_msg(struct fz *f, struct fz_in *in)
{
    uint8_t buf[VPCI_MAX_MSG_SIZE + 64];
    struct vpci_res res[12];
    unsigned nres = 0;
    bool ok = true;
    uint8_t sel = fz_u8(in);
    uint8_t mut = fz_u8(in);
    enum vpci_channel chan = (mut & 0x80) && (mut & 0x40) ? VPCI_CHAN_BACKEND : VPCI_CHAN_MASTER;
    uint32_t request = chan == VPCI_CHAN_BACKEND ? sel % (VPCI_RELAY_BACKEND_MAX + 2)
                                                 : sel % (VPCI_RELAY_FRONTEND_MAX + 4);
    const struct vpci_relay_entry *e =
        vpci_relay_lookup(chan == VPCI_CHAN_BACKEND, request);
    uint32_t flags = VPCI_VU_FLAG_VERSION | (chan == VPCI_CHAN_BACKEND ? VPCI_VU_FLAG_REPLY : 0);
    uint8_t *pl = buf + VPCI_MSG_HDR_SIZE;
    uint32_t size = 0;
    uint64_t rsize[VPCI_VU_MEM_REGIONS_MAX];
    unsigned nreg = 0;
    enum vpci_payload payload = e ? e->payload : VPCI_PL_ANY;

    memset(buf, 0, sizeof(buf));
    if (mut & 1)
        flags |= VPCI_VU_FLAG_NEED_REPLY;
    if (mut & 0x80 && !(mut & 0x40))
        flags ^= fz_u8(in); /* bad flags */

    switch (payload) {
    case VPCI_PL_NONE:
        size = (mut & 2) ? 8 : 0;
        break;
    case VPCI_PL_U64:
        vpci_put_le64(pl, fz_u64(in));
        size = 8;
        break;
    case VPCI_PL_VRING_STATE:
        vpci_put_le32(pl, (mut & 2) ? fz_u32(in) : fz_u8(in) % (f->p.num_vqs + 1));
        vpci_put_le32(pl + 4, fz_u32(in));
        size = 8;
        break;
    case VPCI_PL_VRING_ADDR:
        vpci_put_le32(pl, (mut & 2) ? fz_u32(in) : fz_u8(in) % (f->p.num_vqs + 1));
        for (unsigned i = 4; i < 40; i += 4)
            vpci_put_le32(pl + i, (mut & 4) ? fz_u32(in) : 0);
        size = 40;
        break;
    case VPCI_PL_VRING_FD: {
        uint64_t v = fz_u8(in) % (f->p.num_vqs + 1);
        if (mut & 2)
            v |= VPCI_VU_VRING_NOFD;
        if ((mut & 0x3c) == 0x3c)
            v = fz_u64(in);
        vpci_put_le64(pl, v);
        size = 8;
        break;
    }
    case VPCI_PL_MEM_TABLE: {
        uint8_t n = fz_u8(in);
        nreg = (n & 0x80) ? n % 12 : 1 + n % VPCI_VU_MEM_REGIONS_MAX;
        vpci_put_le32(pl, nreg);
        for (unsigned i = 0; i < nreg && i < VPCI_VU_MEM_REGIONS_MAX; i++) {
            rsize[i] = pick_size(in);
            put_region(pl + 8 + 32 * i, in, rsize[i], i);
        }
        size = 8 + 32 * (nreg < VPCI_VU_MEM_REGIONS_MAX ? nreg : VPCI_VU_MEM_REGIONS_MAX);
        if (nreg > VPCI_VU_MEM_REGIONS_MAX)
            nreg = VPCI_VU_MEM_REGIONS_MAX;
        break;
    }
    case VPCI_PL_LOG:
        rsize[0] = (fz_u8(in) % 16 + 1) * 4096ull;
        if (mut & 4)
            rsize[0] = fz_u64(in) & 0x3fffffff;
        vpci_put_le64(pl, rsize[0]);
        vpci_put_le64(pl + 8, (mut & 2) ? fz_u64(in) : 0);
        size = 16;
        nreg = 1;
        break;
    case VPCI_PL_MEM_REG:
        rsize[0] = pick_size(in);
        put_region(pl + 8, in, rsize[0], fz_u8(in) & 3);
        size = 40;
        nreg = 1;
        break;
    case VPCI_PL_IOTLB:
        size = 26 + fz_u8(in) % 7;
        for (uint32_t i = 0; i < size; i++)
            pl[i] = fz_u8(in);
        break;
    case VPCI_PL_CONFIG: {
        uint32_t csz = (mut & 2) ? fz_u32(in) : fz_u8(in);
        vpci_put_le32(pl, fz_u8(in));
        vpci_put_le32(pl + 4, csz);
        vpci_put_le32(pl + 8, 0);
        size = 12 + (csz <= 300 ? csz : 4);
        break;
    }
    case VPCI_PL_ANY:
    default:
        size = fz_u8(in) * 4u;
        for (uint32_t i = 0; i < size && i < 64; i++)
            pl[i] = fz_u8(in);
        break;
    }

    /* Resources for the fds. */
    enum vpci_fds fds = e ? e->fds : VPCI_FD_0;
    enum vpci_res_kind kind = e ? (enum vpci_res_kind)e->res_kind : VPCI_RES_NOTIFIER;
    if (fds == VPCI_FD_REGIONS || payload == VPCI_PL_LOG || payload == VPCI_PL_MEM_REG) {
        for (unsigned i = 0; i < nreg && ok; i++)
            ADD_RES(VPCI_RES_MEM, pick_res_size(in, rsize[i]));
    } else if (fds == VPCI_FD_1 || (fds == VPCI_FD_VRING && !(mut & 2)) ||
               (fds == VPCI_FD_0_OR_1 && (mut & 8))) {
        ADD_RES(kind == VPCI_RES_NONE ? VPCI_RES_NOTIFIER : kind, 4096);
    }
    /* Mutations: extra or missing resources, wrong kind, bad size field. */
    if ((mut & 0x30) == 0x30 && nres < 12 && ok)
        ADD_RES((enum vpci_res_kind)(fz_u8(in) % 5), 4096);
    if ((mut & 0x30) == 0x20 && nres > 0 && ok) {
        /* dropped fd: the platform closes it itself */
        nres--;
        f->res[res[nres].cookie - 1].state = FZ_RES_RELEASED;
    }
    if (!ok) {
        /* table full: give up the message, free what was made */
        for (unsigned i = 0; i < nres; i++) {
            struct fz_res_rec *r = &f->res[res[i].cookie - 1];
            r->state = FZ_RES_RELEASED;
            free(r->buf);
            r->buf = NULL;
        }
        return;
    }
    uint32_t hsize = size;
    size_t len = VPCI_MSG_HDR_SIZE + size;
    if ((mut & 0x0c) == 0x0c && (mut & 0x80)) {
        /* truncated or padded message, or a lying size field */
        uint8_t how = fz_u8(in);
        if (how & 1)
            hsize = fz_u16(in);
        if (how & 2)
            len = fz_u16(in) % (VPCI_MAX_MSG_SIZE + 16);
    }
    vpci_put_le32(buf, request);
    vpci_put_le32(buf + 4, flags);
    vpci_put_le32(buf + 8, hsize);
    send_msg(f, chan, buf, len, res, nres);
}

void fz_master_raw(struct fz *f, struct fz_in *in)
{
    uint8_t buf[VPCI_MAX_MSG_SIZE + 16];
    struct vpci_res res[10];
    unsigned nres = fz_u8(in) % 10;
    size_t len = fz_u16(in) % sizeof(buf);
    enum vpci_channel chan = fz_u8(in) & 1;
    bool ok = true;

    memset(buf, 0, sizeof(buf));
    for (size_t i = 0; i < len && fz_more(in); i++)
        buf[i] = fz_u8(in);
    unsigned want = nres;
    nres = 0;
    for (unsigned i = 0; i < want && ok; i++) {
        uint8_t k = fz_u8(in);
        ADD_RES((enum vpci_res_kind)(k % 5), (k >> 3) * 4096ull);
    }
    if (!ok) {
        for (unsigned i = 0; i < nres; i++) {
            struct fz_res_rec *r = &f->res[res[i].cookie - 1];
            r->state = FZ_RES_RELEASED;
            free(r->buf);
            r->buf = NULL;
        }
        return;
    }
    send_msg(f, chan, buf, len, res, nres);
}

void fz_window_ptr(struct fz *f, struct fz_in *in)
{
    unsigned bar = (fz_u8(in) & 1) ? 4 : 2;
    uint64_t off = (uint64_t)fz_u16(in) * 4096 + fz_u16(in);
    uint64_t len = fz_u16(in) + 1;
    uint8_t *p = vpci_window_ptr(f->core, bar, off, len);

    if (!p)
        return;
    for (unsigned i = 0; i < f->nres; i++) {
        struct fz_res_rec *r = &f->res[i];
        if (r->state == FZ_RES_CORE && r->kind == VPCI_RES_MEM && p >= r->buf &&
            p + len <= r->buf + r->size) {
            volatile uint8_t x = p[0];
            x ^= p[len - 1];
            (void)x;
            return;
        }
    }
    FZ_CHECK(0, "vpci_window_ptr(bar %u, 0x%llx, %llu) points outside every live region", bar,
             (unsigned long long)off, (unsigned long long)len);
}

/* ------------------------------------------------------------------ */
/* Driver                                                              */
/* ------------------------------------------------------------------ */

uint32_t fz_rd32(struct fz *f, uint32_t off)
{
    return (uint32_t)vpci_mmio_read(f->core, 0, off, 4);
}

void fz_wr32(struct fz *f, uint32_t off, uint32_t val)
{
    vpci_mmio_write(f->core, 0, off, 4, val);
}

static uint8_t *dmem(struct fz *f, uint64_t addr)
{
    uint8_t *p = vpci_dma_arena_ptr(&f->arena, addr, 1);

    FZ_CHECK(p != NULL, "driver address 0x%llx", (unsigned long long)addr);
    return p;
}

#define QREG(q, name) ((q) + (VPCI_M2S_##name##_OFFSET - VPCI_M2S_RB_TYPE_OFFSET))

static void ring_setup(struct fz *f, uint32_t qbase, struct fz_ring *r, uint64_t at, unsigned log2)
{
    unsigned n = 1u << log2;

    r->desc = at;
    r->cpl = at + 16ull * n;
    r->log2 = log2;
    r->tail = 0;
    r->seen = 0;
    memset(dmem(f, r->desc), 0, 32ull * n);
    fz_wr32(f, QREG(qbase, RING_BASE_LO), (uint32_t)r->desc);
    fz_wr32(f, QREG(qbase, RING_BASE_HI), (uint32_t)(r->desc >> 32));
    fz_wr32(f, QREG(qbase, CPL_BASE_LO), (uint32_t)r->cpl);
    fz_wr32(f, QREG(qbase, CPL_BASE_HI), (uint32_t)(r->cpl >> 32));
    fz_wr32(f, QREG(qbase, SIZE), log2);
    fz_wr32(f, QREG(qbase, CTRL), VPCI_M2S_CTRL_ENABLE_MASK);
}

static void put_desc(struct fz *f, struct fz_ring *r, uint64_t addr, uint32_t len, uint16_t id,
                     uint8_t flags, uint8_t session)
{
    uint8_t *d = dmem(f, r->desc + 16ull * (r->tail & ((1u << r->log2) - 1)));

    vpci_put_le64(d, addr);
    vpci_put_le32(d + 8, len);
    vpci_put_le16(d + 12, id);
    d[14] = flags;
    d[15] = session;
    r->tail++;
}

bool fz_driver_init(struct fz *f, struct fz_in *in)
{
    struct fz_driver *d = &f->drv;
    uint8_t cfg = fz_u8(in);
    unsigned log2 = cfg % (FZ_MAX_RING_LOG2 + 1);
    unsigned n = 1u << log2;

    memset(d, 0, sizeof(*d));
    f->poked = false;
    d->m2s_buf_len = (cfg & 0x80) ? 16u + fz_u8(in) * 16u : VPCI_MAX_MSG_SIZE;
    uint16_t cmd = (uint16_t)vpci_cfg_read(f->core, VPCI_CFG_COMMAND_OFFSET, 2);
    vpci_cfg_write(f->core, VPCI_CFG_COMMAND_OFFSET, 2,
                   cmd | VPCI_CFG_COMMAND_MEM_EN_MASK | VPCI_CFG_COMMAND_BUS_MASTER_MASK);
    FZ_CHECK(fz_rd32(f, VPCI_ADAPTER_MAGIC_OFFSET) == VPCI_MAGIC, "MAGIC");
    fz_wr32(f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    /* Reset completes once stale DMA drains (RESET_BUSY). */
    fz_dma_complete_all(f);
    fz_wr32(f, VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_MASK);
    uint64_t feat = 0;
    for (uint32_t w = 0; w < 2; w++) {
        fz_wr32(f, VPCI_ADAPTER_DEV_FEATURES_SEL_OFFSET, w);
        feat |= (uint64_t)fz_rd32(f, VPCI_ADAPTER_DEV_FEATURES_OFFSET) << (32 * w);
    }
    if (cfg & 0x40)
        feat &= ~(uint64_t)(fz_u8(in) & 7); /* drop BACKEND_CHAN/LOG_WIN/KICK_LATCH */
    d->features = feat;
    for (uint32_t w = 0; w < 2; w++) {
        fz_wr32(f, VPCI_ADAPTER_DRV_FEATURES_SEL_OFFSET, w);
        fz_wr32(f, VPCI_ADAPTER_DRV_FEATURES_OFFSET, (uint32_t)(feat >> (32 * w)));
    }
    fz_wr32(f, VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_FEATURES_OK_MASK);
    FZ_CHECK(fz_rd32(f, VPCI_ADAPTER_STATUS_OFFSET) & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK,
             "offered features 0x%llx refused", (unsigned long long)feat);

    uint64_t at = FZ_MEM_BASE;
    ring_setup(f, VPCI_M2S_RB_TYPE_OFFSET, &d->m2s, at, log2);
    at += 32ull * n;
    ring_setup(f, VPCI_S2M_RB_TYPE_OFFSET, &d->s2m, at, log2);
    at += 32ull * n;
    d->m2s_buf = (at + 4095) & ~4095ull;
    d->s2m_buf = d->m2s_buf + 4096ull * n;
    FZ_CHECK(d->s2m_buf + 4096ull * n <= FZ_MEM_BASE + FZ_MEM_SIZE - 4096, "driver memory");
    for (unsigned i = 0; i < n; i++)
        put_desc(f, &d->m2s, d->m2s_buf + 4096ull * i, d->m2s_buf_len, (uint16_t)i, 0, 0);
    fz_wr32(f, VPCI_M2S_TAIL_OFFSET, d->m2s.tail);

    /* MSI-X: table entries point at the last page of driver memory. */
    if (f->p.msix_mode == VPCI_MSIX_INTERNAL) {
        unsigned nv = f->p.msix_vectors < 8 ? f->p.msix_vectors : 8;
        for (unsigned v = 0; v < nv; v++) {
            uint32_t e = VPCI_MSIX_TBL_OFFSET + 16 * v;
            fz_wr32(f, e, (uint32_t)(FZ_MEM_BASE + FZ_MEM_SIZE - 4096 + 4 * v));
            fz_wr32(f, e + 4, (uint32_t)((FZ_MEM_BASE + FZ_MEM_SIZE) >> 32));
            fz_wr32(f, e + 8, v);
            fz_wr32(f, e + 12, (cfg & 0x20) && v == 1); /* vector 1 may stay masked */
        }
    } else {
        for (unsigned v = 0; v < 8; v++)
            vpci_msix_ext_mask(f->core, (uint16_t)v, (cfg & 0x20) && v == 1);
    }
    uint16_t mc = (uint16_t)vpci_cfg_read(f->core, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2);
    vpci_cfg_write(f->core, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, mc | VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
    fz_wr32(f, VPCI_ADAPTER_INT_VECTOR_OFFSET, 0);
    fz_wr32(f, VPCI_ADAPTER_INT_ENABLE_OFFSET, 0xf);
    unsigned nq = f->p.num_vqs < 8 ? f->p.num_vqs : 8;
    for (unsigned q = 0; q < nq; q++) {
        fz_wr32(f, VPCI_VQ_SEL_OFFSET, q);
        fz_wr32(f, VPCI_VQ_VECTOR_OFFSET, f->p.msix_vectors > 1 ? 1 + q % (f->p.msix_vectors - 1) : 0);
    }
    fz_wr32(f, VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_OK_MASK);
    d->up = (fz_rd32(f, VPCI_ADAPTER_LINK_OFFSET) & VPCI_ADAPTER_LINK_DRIVER_READY_MASK) != 0;
    FZ_CHECK(d->up, "DRIVER_READY not set after bring-up");
    return d->up;
}

/* The next completion of ring @r if its phase says it is new. */
static uint8_t *next_cpl(struct fz *f, struct fz_ring *r)
{
    unsigned n = 1u << r->log2;
    uint8_t *cpl = dmem(f, r->cpl + 16ull * (r->seen & (n - 1)));
    uint8_t phase = (uint8_t)(((r->seen / n) & 1) ? 0 : 1);

    if ((cpl[7] & 1) != phase)
        return NULL;
    r->seen++;
    return cpl;
}

/* Front-end requests the driver answers: those whose relay table entry names a
 * driver reply, and any with NEED_REPLY. */
static bool wants_reply(const struct vpci_relay_entry *e, uint32_t flags)
{
    if (e && e->reply != VPCI_REPLY_ACK_ONLY && e->reply != VPCI_REPLY_ADAPTER &&
        e->reply != VPCI_REPLY_NONE)
        return true;
    return (flags & VPCI_VU_FLAG_NEED_REPLY) != 0;
}

static void s2m_post(struct fz *f, const uint8_t *msg, uint32_t len, uint8_t chan, uint8_t session)
{
    struct fz_driver *d = &f->drv;
    unsigned n = 1u << d->s2m.log2;

    if ((uint16_t)(d->s2m.tail - d->s2m.seen) >= n)
        return; /* ring full: the driver waits */
    unsigned slot = d->s2m.tail & (n - 1);
    uint64_t buf = d->s2m_buf + 4096ull * slot;
    memcpy(dmem(f, buf), msg, len <= 4096 ? len : 4096);
    put_desc(f, &d->s2m, buf, len, (uint16_t)slot, chan, session);
    fz_wr32(f, VPCI_S2M_TAIL_OFFSET, d->s2m.tail);
}

void fz_driver_poll(struct fz *f, struct fz_in *in)
{
    struct fz_driver *d = &f->drv;
    uint8_t *cpl;
    unsigned n;

    if (!d->up)
        return;
    /* Interrupt handler order of spec §4.6: clear the causes, then serve. */
    fz_wr32(f, VPCI_ADAPTER_INT_CAUSE_OFFSET, fz_rd32(f, VPCI_ADAPTER_INT_CAUSE_OFFSET));
    n = 1u << d->m2s.log2;
    for (unsigned guard = 0; guard < 4 * n && (cpl = next_cpl(f, &d->m2s)) != NULL; guard++) {
        uint32_t len = vpci_le32(cpl);
        uint16_t id = vpci_le16(cpl + 4);
        uint8_t st = cpl[6], chan = (cpl[7] >> 1) & 1, session = cpl[8];

        if (f->poked) {
            /* Descriptors may be garbage: only look, then repost. */
        } else if (id >= n) {
            FZ_CHECK(0, "M2S completion id %u, ring of %u", id, n);
        } else if (st == VPCI_CPL_STATUS_OK) {
            FZ_CHECK(len >= VPCI_MSG_HDR_SIZE && len <= d->m2s_buf_len,
                     "M2S OK completion len %u (buffer %u)", len, d->m2s_buf_len);
            const uint8_t *m = dmem(f, d->m2s_buf + 4096ull * id);
            uint32_t req = vpci_le32(m), flags = vpci_le32(m + 4), size = vpci_le32(m + 8);
            FZ_CHECK(size == len - VPCI_MSG_HDR_SIZE, "delivered hdr.size %u, len %u", size, len);
            FZ_CHECK((flags & VPCI_VU_FLAG_VERSION_MASK) == VPCI_VU_FLAG_VERSION,
                     "delivered flags 0x%x", flags);
            if (chan == VPCI_CHAN_MASTER && req == VPCI_VU_REQ_SET_MEM_TABLE && size >= 8) {
                uint32_t nr = vpci_le32(m + 12);
                FZ_CHECK(nr >= 1 && nr <= VPCI_VU_MEM_REGIONS_MAX && size == 8 + 32 * nr,
                         "relayed %u regions", nr);
                for (uint32_t i = 0; i < nr; i++) {
                    uint64_t mo = vpci_le64(m + 12 + 8 + 32 * i + 24);
                    uint64_t sz = vpci_le64(m + 12 + 8 + 32 * i + 8);
                    /* First fit places at WIN_ALIGN; identity placement (persistent
                     * windows, spec §8.2) keeps the window file offset as it is. */
                    bool aligned = f->p.win_mode == VPCI_WIN_PERSISTENT || mo % VPCI_WIN_ALIGN == 0;
                    FZ_CHECK(aligned && sz && mo + sz <= (1ull << f->p.mem_win_log2),
                             "relayed region %u at window offset 0x%llx size 0x%llx", i,
                             (unsigned long long)mo, (unsigned long long)sz);
                }
            }
            if (chan == VPCI_CHAN_MASTER && req == VPCI_VU_REQ_SET_LOG_BASE && size == 16)
                FZ_CHECK(vpci_le64(m + 20) == 0, "relayed log offset not rewritten to 0");
            const struct vpci_relay_entry *e = vpci_relay_lookup(0, req);
            if (chan == VPCI_CHAN_MASTER && wants_reply(e, flags) && fz_u8(in) != 0xff) {
                uint8_t rep[12 + 8];
                vpci_put_le32(rep, req);
                vpci_put_le32(rep + 4, VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY);
                vpci_put_le32(rep + 8, 8);
                vpci_put_le64(rep + 12, fz_u64(in));
                uint32_t rlen = 20;
                if (e && e->reply == VPCI_REPLY_VRING_STATE)
                    vpci_put_le32(rep + 12, 0);
                if (e && e->reply == VPCI_REPLY_CONFIG) { /* a 12-byte config header, no data */
                    vpci_put_le32(rep + 8, 12);
                    rlen = 24;
                }
                uint8_t full[24] = {0};
                memcpy(full, rep, sizeof(rep));
                s2m_post(f, full, rlen, 0, session);
            }
        } else {
            FZ_CHECK(st == VPCI_CPL_STATUS_TOO_SMALL || st == VPCI_CPL_STATUS_DMA_ERR,
                     "M2S completion status %u", st);
        }
        /* Repost the consumed buffer. */
        unsigned slot = d->m2s.tail & (n - 1);
        put_desc(f, &d->m2s, d->m2s_buf + 4096ull * slot, d->m2s_buf_len, (uint16_t)slot, 0, 0);
        fz_wr32(f, VPCI_M2S_TAIL_OFFSET, d->m2s.tail);
    }
    n = 1u << d->s2m.log2;
    for (unsigned guard = 0; guard < 4 * n && (cpl = next_cpl(f, &d->s2m)) != NULL; guard++) {
        uint8_t st = cpl[6];
        FZ_CHECK(f->poked || (st <= VPCI_CPL_STATUS_NO_PEER && st != VPCI_CPL_STATUS_TOO_SMALL),
                 "S2M completion status %u", st);
    }
}

void fz_driver_s2m(struct fz *f, struct fz_in *in)
{
    uint8_t msg[VPCI_MAX_MSG_SIZE + 16];
    uint8_t mode = fz_u8(in);
    uint32_t req = fz_u8(in) % 48;
    uint8_t chan = mode & 1;
    uint8_t session = (mode & 2) ? fz_u8(in) : vpci_relay_session(f->core);
    uint32_t size = (mode & 4) ? fz_u16(in) % 64 : 8;
    uint32_t flags = VPCI_VU_FLAG_VERSION | (chan ? 0 : VPCI_VU_FLAG_REPLY);
    uint32_t len;

    if (!f->drv.up)
        return;
    memset(msg, 0, sizeof(msg));
    if (mode & 8)
        flags = fz_u32(in);
    vpci_put_le32(msg, req);
    vpci_put_le32(msg + 4, flags);
    vpci_put_le32(msg + 8, size);
    for (uint32_t i = 0; i < size && i < 64; i++)
        msg[12 + i] = fz_u8(in);
    len = 12 + size;
    if (mode & 0x10)
        len = fz_u16(in) % (VPCI_MAX_MSG_SIZE + 8);
    s2m_post(f, msg, len, chan, session);
}
