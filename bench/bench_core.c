/* SPDX-License-Identifier: MIT */
/*
 * bench_core.c - throughput of the C golden model with the core in process
 * (issue 3 "Benchmark"):
 *   register accesses/s   MMIO reads and writes of a plain BAR0 register;
 *   messages relayed/s    master message -> M2S delivery (descriptor read,
 *                         data write, completion write, MSI-X) -> the driver
 *                         reads the completion and the message, reposts;
 *   kick -> MSI-X/s       master kick of an armed virtqueue -> KICK_PENDING
 *                         and its MSI-X message.
 * DMA completes inside the platform callback (a unit-test style platform).
 * Each figure is also given as a ratio to a baseline measured in the same
 * invocation (a plain function-call / memcpy loop doing equivalent work),
 * because absolute numbers on shared machines are noisy.
 *
 * Usage: bench_core [--iters N] [--quick] [--help]
 * Exit status 0 when every figure is sane (positive, finite, counters agree).
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime under -std=c11 */

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dma_arena.h"
#include "vhost_pci_core.h"
#include "vhost_pci_regs.h"
#include "vhost_pci_requests.h"

#define MEM_BASE 0x100000000ull
#define RING_LOG2 8u
#define RING_N (1u << RING_LOG2)
#define MEM_SIZE (2u * RING_N * 4096u + 64u * RING_N + 8192u)

struct plat {
    struct vpci_core *core;
    uint8_t *mem;
    struct vpci_dma_arena arena; /* mem at MEM_BASE: DMA is served here */
    uint64_t msis, sends, dma_errors;
};

struct drv {
    uint64_t desc, cpl, bufs;
    uint16_t tail, seen;
};

static void op_dma(void *o, const struct vpci_dma_req *r)
{
    struct plat *p = o;
    enum vpci_dma_status st = vpci_dma_arena_serve(&p->arena, r);

    if (st != VPCI_DMA_OK)
        p->dma_errors++;
    vpci_dma_complete(p->core, r->tag, st);
}

static void op_msi(void *o, uint16_t v, uint64_t a, uint32_t d)
{
    (void)v;
    (void)a;
    (void)d;
    ((struct plat *)o)->msis++;
}

static void op_irq(void *o, uint16_t v)
{
    (void)v;
    ((struct plat *)o)->msis++;
}

static void op_notify(void *o, enum vpci_notify_kind k, uint16_t vq, uint64_t c)
{
    (void)o; (void)k; (void)vq; (void)c;
}

static void op_send(void *o, enum vpci_channel ch, const void *m, size_t l)
{
    (void)ch; (void)m; (void)l;
    ((struct plat *)o)->sends++;
}

static void op_close(void *o, enum vpci_close_reason r, const char *why)
{
    (void)r;
    fprintf(stderr, "bench: unexpected session close: %s\n", why);
    vpci_master_disconnect(((struct plat *)o)->core);
}

static void op_release(void *o, const struct vpci_res *r)
{
    (void)o; (void)r;
}

static const struct vpci_driver_ops drv_ops = {
    .dma = op_dma, .msi = op_msi, .irq = op_irq,
};

static const struct vpci_master_ops mst_ops = {
    .notify = op_notify, .send = op_send, .close = op_close, .release = op_release,
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint32_t rd32(struct plat *p, uint32_t off) { return (uint32_t)vpci_mmio_read(p->core, 0, off, 4); }
static void wr32(struct plat *p, uint32_t off, uint32_t v) { vpci_mmio_write(p->core, 0, off, 4, v); }

static void put_le(uint8_t *b, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        b[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *b, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)b[i] << (8 * i);
    return v;
}

#define QREG(q, name) ((q) + (VPCI_M2S_##name##_OFFSET - VPCI_M2S_RB_TYPE_OFFSET))

static void ring(struct plat *p, uint32_t q, uint64_t desc, uint64_t cpl)
{
    wr32(p, QREG(q, RING_BASE_LO), (uint32_t)desc);
    wr32(p, QREG(q, RING_BASE_HI), (uint32_t)(desc >> 32));
    wr32(p, QREG(q, CPL_BASE_LO), (uint32_t)cpl);
    wr32(p, QREG(q, CPL_BASE_HI), (uint32_t)(cpl >> 32));
    wr32(p, QREG(q, SIZE), RING_LOG2);
    wr32(p, QREG(q, CTRL), VPCI_M2S_CTRL_ENABLE_MASK);
}

static void post(struct plat *p, struct drv *d)
{
    unsigned slot = d->tail & (RING_N - 1);
    uint8_t *e = p->mem + (d->desc - MEM_BASE) + 16u * slot;

    put_le(e, d->bufs + 4096ull * slot, 8);
    put_le(e + 8, 4096, 4);
    put_le(e + 12, slot, 2);
    e[14] = e[15] = 0;
    d->tail++;
}

/* Spec §9 bring-up; M2S ring with every buffer posted; MSI-X vectors 0, 1. */
static bool bring_up(struct plat *p, struct drv *d)
{
    memset(d, 0, sizeof(*d));
    vpci_cfg_write(p->core, VPCI_CFG_COMMAND_OFFSET, 2,
                   VPCI_CFG_COMMAND_MEM_EN_MASK | VPCI_CFG_COMMAND_BUS_MASTER_MASK);
    if (rd32(p, VPCI_ADAPTER_MAGIC_OFFSET) != VPCI_MAGIC)
        return false;
    wr32(p, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    wr32(p, VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_MASK);
    for (uint32_t w = 0; w < 2; w++) {
        wr32(p, VPCI_ADAPTER_DEV_FEATURES_SEL_OFFSET, w);
        uint32_t f = rd32(p, VPCI_ADAPTER_DEV_FEATURES_OFFSET);
        wr32(p, VPCI_ADAPTER_DRV_FEATURES_SEL_OFFSET, w);
        wr32(p, VPCI_ADAPTER_DRV_FEATURES_OFFSET, f);
    }
    wr32(p, VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_FEATURES_OK_MASK);
    if (!(rd32(p, VPCI_ADAPTER_STATUS_OFFSET) & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK))
        return false;
    d->desc = MEM_BASE;
    d->cpl = MEM_BASE + 16u * RING_N;
    ring(p, VPCI_M2S_RB_TYPE_OFFSET, d->desc, d->cpl);
    ring(p, VPCI_S2M_RB_TYPE_OFFSET, MEM_BASE + 32u * RING_N, MEM_BASE + 48u * RING_N);
    d->bufs = MEM_BASE + 8192u + 64u * RING_N;
    for (unsigned i = 0; i < RING_N; i++)
        post(p, d);
    wr32(p, VPCI_M2S_TAIL_OFFSET, d->tail);
    for (unsigned v = 0; v < 2; v++) {
        uint32_t e = VPCI_MSIX_TBL_OFFSET + 16 * v;
        wr32(p, e, (uint32_t)(MEM_BASE + 4096 + 4 * v));
        wr32(p, e + 4, (uint32_t)(MEM_BASE >> 32));
        wr32(p, e + 8, v);
        wr32(p, e + 12, 0);
    }
    vpci_cfg_write(p->core, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
    wr32(p, VPCI_ADAPTER_INT_VECTOR_OFFSET, 0);
    wr32(p, VPCI_ADAPTER_INT_ENABLE_OFFSET, VPCI_ADAPTER_INT_CAUSE_M2S_CPL_MASK);
    wr32(p, VPCI_VQ_SEL_OFFSET, 0);
    wr32(p, VPCI_VQ_VECTOR_OFFSET, 1);
    wr32(p, VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_OK_MASK);
    return (rd32(p, VPCI_ADAPTER_LINK_OFFSET) & VPCI_ADAPTER_LINK_DRIVER_READY_MASK) != 0;
}

/* Driver side of one delivered message: completion, message bytes, repost.
 * Returns the message length, 0 if no completion is there. */
static uint32_t consume(struct plat *p, struct drv *d, uint8_t *out)
{
    unsigned slot = d->seen & (RING_N - 1);
    const uint8_t *c = p->mem + (d->cpl - MEM_BASE) + 16u * slot;
    uint8_t phase = ((d->seen / RING_N) & 1) ? 0 : 1;

    if ((c[7] & 1) != phase || c[6] != VPCI_CPL_STATUS_OK)
        return 0;
    uint32_t len = (uint32_t)get_le(c, 4);
    uint16_t id = (uint16_t)get_le(c + 4, 2);
    memcpy(out, p->mem + (d->bufs - MEM_BASE) + 4096ull * id, len);
    d->seen++;
    post(p, d);
    wr32(p, VPCI_M2S_TAIL_OFFSET, d->tail);
    return len;
}

static uint32_t vu_msg(uint8_t *b, uint32_t req, uint64_t payload)
{
    put_le(b, req, 4);
    put_le(b + 4, VPCI_VU_FLAG_VERSION, 4);
    put_le(b + 8, 8, 4);
    put_le(b + VPCI_MSG_HDR_SIZE, payload, 8);
    return VPCI_MSG_HDR_SIZE + 8;
}

/* ---------------------------------------------------------------- baselines */

/* A trivial register file behind a non-inlined call: bounds check + index. */
struct base_regs {
    uint32_t r[0x400 / 4];
};

__attribute__((noinline)) static uint64_t base_read(struct base_regs *b, uint64_t off, unsigned size)
{
    if (size != 4 || (off & 3) || off >= sizeof(b->r))
        return ~0ull;
    return b->r[off / 4];
}

__attribute__((noinline)) static void base_write(struct base_regs *b, uint64_t off, unsigned size,
                                                 uint64_t v)
{
    if (size != 4 || (off & 3) || off >= sizeof(b->r))
        return;
    b->r[off / 4] = (uint32_t)v;
}

/* Message baseline: the data movement of one relay (message into the
 * buffer, completion into the ring, the driver copying the message out). */
__attribute__((noinline)) static uint32_t base_relay(uint8_t *buf, uint8_t *cpl, const uint8_t *msg,
                                                     uint32_t len, uint8_t *out, uint16_t n)
{
    memcpy(buf, msg, len);
    put_le(cpl, len, 4);
    put_le(cpl + 4, n, 2);
    cpl[6] = 0;
    cpl[7] = 1;
    uint32_t l = (uint32_t)get_le(cpl, 4);
    memcpy(out, buf, l);
    return l;
}

/* Kick baseline: set the latch bit and call the interrupt callback. */
struct base_kick {
    uint32_t pending[8];
    void (*msi)(void *, uint16_t, uint64_t, uint32_t);
    void *opaque;
};

__attribute__((noinline)) static void base_kick(struct base_kick *k, uint16_t vq)
{
    k->pending[vq / 32] |= 1u << (vq % 32);
    k->msi(k->opaque, 1, MEM_BASE, 1);
}

/* ---------------------------------------------------------------- main */

struct row {
    const char *name;
    uint64_t ops;
    double secs, base_secs;
};

static void usage(FILE *o)
{
    fprintf(o,
            "usage: bench_core [--iters N] [--quick] [--help]\n"
            "  Throughput of the vhost-pci C golden model, core in process:\n"
            "  register accesses/s, messages relayed/s, kick -> MSI-X/s, each also as a\n"
            "  ratio to a baseline loop measured in the same run.\n"
            "  --iters N  operations per figure (default 2000000; messages and kicks N/4),\n"
            "             split in 5 rounds alternating core and baseline; the fastest\n"
            "             round of each is reported (ops and seconds are per round)\n"
            "  --quick    tiny run (smoke test: checks it runs and prints sane numbers)\n");
}

int main(int argc, char **argv)
{
    uint64_t iters = 2000000;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--quick")) {
            iters = 4000;
        } else if (!strcmp(argv[i], "--iters") && i + 1 < argc) {
            iters = strtoull(argv[++i], NULL, 0);
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (iters < 8)
        iters = 8;

    struct plat p = {0};
    struct drv d;
    struct vpci_params prm;
    vpci_params_default(&prm);
    p.mem = calloc(1, MEM_SIZE);
    vpci_dma_arena_init(&p.arena, MEM_BASE, p.mem, MEM_SIZE);
    p.core = vpci_core_create(&prm, &drv_ops, &p, &mst_ops, &p);
    if (!p.mem || !p.core || !bring_up(&p, &d) || vpci_master_connect(p.core) != VPCI_OK) {
        fprintf(stderr, "bench: bring-up failed\n");
        return 1;
    }
    struct row rows[3];
    bool ok = true;
    double t;
    volatile uint64_t sink = 0;
    /* Core and baseline loops alternate over ROUNDS rounds; the fastest
     * round of each counts (the least disturbed by other load). */
    enum { ROUNDS = 5 };
#define BEST(var, expr)                                                                            \
    do {                                                                                           \
        t = now();                                                                                 \
        expr;                                                                                      \
        double d_ = now() - t;                                                                     \
        if (var == 0 || d_ < var)                                                                  \
            var = d_;                                                                              \
    } while (0)

    memset(rows, 0, sizeof(rows));
    /* 1. register accesses: a write and a read of DRV_FEATURES_SEL per step. */
    {
        uint64_t n = iters / 2 / ROUNDS;
        uint32_t off = VPCI_ADAPTER_DRV_FEATURES_SEL_OFFSET;
        struct base_regs *b = calloc(1, sizeof(*b));
        for (unsigned r = 0; r < ROUNDS; r++) {
            BEST(rows[0].secs, for (uint64_t i = 0; i < n; i++) {
                vpci_mmio_write(p.core, 0, off, 4, i & 1);
                sink += vpci_mmio_read(p.core, 0, off, 4);
            });
            BEST(rows[0].base_secs, for (uint64_t i = 0; i < n; i++) {
                base_write(b, off, 4, i & 1);
                sink += base_read(b, off, 4);
            });
        }
        free(b);
        rows[0].name = "register accesses";
        rows[0].ops = 2 * n;
    }

    /* 2. messages relayed: SET_VRING_NUM(vq 0) master -> driver. */
    {
        uint64_t n = iters / 4 / ROUNDS;
        uint8_t msg[64], out[4096];
        uint32_t len = vu_msg(msg, VPCI_VU_REQ_SET_VRING_NUM, 256ull << 32); /* vq 0, num 256 */
        struct vpci_stats s0, s1;
        uint64_t got = 0;
        uint8_t *buf = malloc(4096), cpl[16];
        vpci_core_stats(p.core, &s0);
        for (unsigned r = 0; r < ROUNDS; r++) {
            BEST(rows[1].secs, for (uint64_t i = 0; i < n; i++) {
                if (vpci_master_msg(p.core, VPCI_CHAN_MASTER, msg, len, NULL, 0) != VPCI_OK)
                    break;
                got += consume(&p, &d, out) == len;
            });
            BEST(rows[1].base_secs, for (uint64_t i = 0; i < n; i++)
                sink += base_relay(buf, cpl, msg, len, out, (uint16_t)i));
        }
        free(buf);
        vpci_core_stats(p.core, &s1);
        if (got != n * ROUNDS || s1.m2s_msgs - s0.m2s_msgs != n * ROUNDS) {
            fprintf(stderr, "bench: %llu of %llu messages delivered\n", (unsigned long long)got,
                    (unsigned long long)(n * ROUNDS));
            ok = false;
        }
        rows[1].name = "messages relayed";
        rows[1].ops = n;
    }

    /* 3. kick -> MSI-X: arm vq 0's kick source, then kick it. */
    {
        uint64_t n = iters / 4 / ROUNDS;
        uint8_t msg[64], out[4096];
        struct vpci_res kick = {.kind = VPCI_RES_KICK, .cookie = 1};
        uint32_t len = vu_msg(msg, VPCI_VU_REQ_SET_VRING_KICK, 0);
        if (vpci_master_msg(p.core, VPCI_CHAN_MASTER, msg, len, &kick, 1) != VPCI_OK ||
            consume(&p, &d, out) != len) {
            fprintf(stderr, "bench: SET_VRING_KICK not delivered\n");
            ok = false;
        }
        uint64_t m0 = p.msis;
        struct base_kick k = {.msi = op_msi, .opaque = &p};
        uint64_t base_msis = 0;
        for (unsigned r = 0; r < ROUNDS; r++) {
            BEST(rows[2].secs, for (uint64_t i = 0; i < n; i++) vpci_master_kick(p.core, 0));
            uint64_t b0 = p.msis;
            BEST(rows[2].base_secs, for (uint64_t i = 0; i < n; i++) base_kick(&k, 0));
            base_msis += p.msis - b0;
        }
        if (p.msis - m0 - base_msis != n * ROUNDS) {
            fprintf(stderr, "bench: %llu MSI-X for %llu kicks\n",
                    (unsigned long long)(p.msis - m0 - base_msis), (unsigned long long)(n * ROUNDS));
            ok = false;
        }
        rows[2].name = "kick -> MSI-X";
        rows[2].ops = n;
    }
    (void)sink;

    printf("%-20s %10s %9s %14s %14s %10s\n", "figure", "ops/round", "seconds", "ops/s",
           "baseline ops/s", "ratio");
    for (unsigned i = 0; i < 3; i++) {
        struct row *r = &rows[i];
        double rate = r->secs > 0 ? (double)r->ops / r->secs : 0;
        double brate = r->base_secs > 0 ? (double)r->ops / r->base_secs : 0;
        double ratio = brate > 0 && rate > 0 ? brate / rate : 0;
        printf("%-20s %10llu %9.4f %14.0f %14.0f %9.1fx\n", r->name, (unsigned long long)r->ops,
               r->secs, rate, brate, ratio);
        if (!(rate > 0) || !isfinite(rate) || !(brate > 0) || !isfinite(brate))
            ok = false;
    }
    printf("(ratio = core time per operation / baseline time per operation; "
           "baseline = plain function-call/memcpy loop doing equivalent work)\n");
    if (p.dma_errors) {
        fprintf(stderr, "bench: %llu DMA errors\n", (unsigned long long)p.dma_errors);
        ok = false;
    }
    vpci_core_destroy(p.core);
    free(p.mem);
    printf("bench: %s\n", ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
