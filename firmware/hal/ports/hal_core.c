/* SPDX-License-Identifier: MIT */
/*
 * hal_core.c - direct HAL port: the firmware talks to the C core by function
 * calls. Driver memory is an arena of this port; DMA requests of the core are
 * served from it at once (the core defers re-entrant work, see
 * vhost_pci_core.h); MSI-X messages become pending vectors. See hal_core.h.
 */
#include "hal_core.h"

#include <stdlib.h>
#include <string.h>

#include "dma_arena.h"

#include "vhost_pci_regs.h"

#define PENDING_WORDS (VPCI_MAX_MSIX_VECTORS / 64)
#define IDLE_ROUNDS 64u /* idle hook calls per irq_wait before it times out */

struct vpci_hal_core {
    struct vpci_core *core;
    struct vpci_hal hal;
    vpci_hal_core_idle_fn idle;        /* master side's hook for irq_wait */
    void *idle_opaque;
    uint8_t *arena;
    size_t arena_size;
    size_t brk;                        /* bump allocator; dma_free is a no-op */
    uint64_t pending[PENDING_WORDS];   /* vectors fired, not yet reported */
    unsigned nvec;                     /* vectors granted by irq_setup */
    uint64_t now_ns;                   /* virtual clock */
    struct vpci_hal_core_stats st;
    enum vpci_hal_core_win_mode win_mode;
};

/* ---- platform side: what the core calls ---- */

static void plat_dma(void *o, const struct vpci_dma_req *r)
{
    struct vpci_hal_core *hc = o;
    struct vpci_dma_arena arena;
    enum vpci_dma_status st;

    vpci_dma_arena_init(&arena, VPCI_HAL_CORE_BUS_BASE, hc->arena, hc->arena_size);
    st = vpci_dma_arena_serve(&arena, r);
    if (st != VPCI_DMA_OK)
        hc->st.dma_bad++;
    vpci_dma_complete(hc->core, r->tag, st);
}

static void fire(struct vpci_hal_core *hc, uint16_t vector)
{
    if (vector < VPCI_MAX_MSIX_VECTORS) {
        hc->pending[vector / 64] |= 1ull << (vector % 64);
        hc->st.msi++;
    }
}

static void plat_msi(void *o, uint16_t vector, uint64_t addr, uint32_t data)
{
    struct vpci_hal_core *hc = o;

    (void)vector;
    /* The port programmed addr = MSI_ADDR, data = vector (irq_setup). */
    if (addr != VPCI_HAL_CORE_MSI_ADDR || data >= VPCI_MAX_MSIX_VECTORS) {
        hc->st.bad_msi++;
        return;
    }
    fire(hc, (uint16_t)data);
}

static void plat_irq(void *o, uint16_t vector)
{
    fire(o, vector);
}

static const struct vpci_driver_ops plat_ops = {
    .dma = plat_dma,
    .msi = plat_msi,
    .irq = plat_irq,
};

/* ---- HAL side: what the library calls ---- */

static uint64_t hal_mmio_read(void *ctx, unsigned bar, uint64_t off, unsigned size)
{
    struct vpci_hal_core *hc = ctx;
    return vpci_mmio_read(hc->core, bar, off, size);
}

static void hal_mmio_write(void *ctx, unsigned bar, uint64_t off, unsigned size, uint64_t val)
{
    struct vpci_hal_core *hc = ctx;
    vpci_mmio_write(hc->core, bar, off, size, val);
}

static uint32_t hal_cfg_read(void *ctx, uint32_t off, unsigned size)
{
    struct vpci_hal_core *hc = ctx;
    return vpci_cfg_read(hc->core, off, size);
}

static void hal_cfg_write(void *ctx, uint32_t off, unsigned size, uint32_t val)
{
    struct vpci_hal_core *hc = ctx;
    vpci_cfg_write(hc->core, off, size, val);
}

static void *hal_dma_alloc(void *ctx, size_t size, size_t align, uint64_t *bus)
{
    struct vpci_hal_core *hc = ctx;

    if (align < 8)
        align = 8;
    if (align & (align - 1))
        return NULL;
    size_t at = (hc->brk + align - 1) & ~(align - 1);
    if (at > hc->arena_size || size > hc->arena_size - at)
        return NULL;
    hc->brk = at + size;
    memset(hc->arena + at, 0, size);
    *bus = VPCI_HAL_CORE_BUS_BASE + at;
    return hc->arena + at;
}

static void hal_dma_free(void *ctx, void *ptr, size_t size)
{
    struct vpci_hal_core *hc = ctx;

    /* Bump allocator: freeing the most recent block(s) rewinds; a full
     * teardown (everything freed in reverse order) returns to empty. */
    if (ptr && (uint8_t *)ptr + size == hc->arena + hc->brk)
        hc->brk = (size_t)((uint8_t *)ptr - hc->arena);
}

/* True if win_map hands out pointers (see enum vpci_hal_core_win_mode). */
static bool win_pointers(const struct vpci_hal_core *hc)
{
    if (hc->win_mode != VPCI_HAL_CORE_WIN_AUTO)
        return hc->win_mode == VPCI_HAL_CORE_WIN_POINTER;
    const char *e = getenv("VPCI_HAL_WIN_MODE");
    return !(e && strcmp(e, "accessor") == 0);
}

static void *hal_win_map(void *ctx, unsigned bar, uint64_t off, uint64_t len)
{
    struct vpci_hal_core *hc = ctx;
    return win_pointers(hc) ? vpci_window_ptr(hc->core, bar, off, len) : NULL;
}

/* win_read / win_write: the window through the core's MMIO path, as a
 * trapped BAR: absent bytes read 0xff and drop writes (the core records
 * WIN_ABSENT). */
static void hal_win_read(void *ctx, unsigned bar, uint64_t off, void *dst, size_t len)
{
    struct vpci_hal_core *hc = ctx;
    uint8_t *p = dst;

    hc->st.win_reads++;
    while (len) {
        unsigned n = vpci_hal_win_chunk(off, len);
        uint64_t v = vpci_mmio_read(hc->core, bar, off, n);
        memcpy(p, &v, n); /* little-endian host: the low n bytes */
        p += n;
        off += n;
        len -= n;
    }
}

static void hal_win_write(void *ctx, unsigned bar, uint64_t off, const void *src, size_t len)
{
    struct vpci_hal_core *hc = ctx;
    const uint8_t *p = src;

    hc->st.win_writes++;
    while (len) {
        unsigned n = vpci_hal_win_chunk(off, len);
        uint64_t v = 0;
        memcpy(&v, p, n);
        vpci_mmio_write(hc->core, bar, off, n, v);
        p += n;
        off += n;
        len -= n;
    }
}

static unsigned hal_irq_setup(void *ctx, unsigned nvec)
{
    struct vpci_hal_core *hc = ctx;
    uint32_t msgctl = vpci_cfg_read(hc->core, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2);
    unsigned tsize = ((msgctl & VPCI_MSIX_CAP_MSGCTL_TABLE_SIZE_MASK) >>
                      VPCI_MSIX_CAP_MSGCTL_TABLE_SIZE_SHIFT) + 1;

    if (nvec > tsize)
        nvec = tsize;
    if (nvec == 0) {
        vpci_cfg_write(hc->core, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2,
                       msgctl & ~(uint32_t)VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
        hc->nvec = 0;
        return 0;
    }
    /* As an OS does: mask the function, program the entries, enable, unmask. */
    vpci_cfg_write(hc->core, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2,
                   msgctl | VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_MASK | VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
    for (unsigned v = 0; v < nvec; v++) {
        uint64_t e = VPCI_MSIX_TBL_OFFSET + 16ull * v;
        vpci_mmio_write(hc->core, 0, e + 0, 4, (uint32_t)VPCI_HAL_CORE_MSI_ADDR);
        vpci_mmio_write(hc->core, 0, e + 4, 4, (uint32_t)(VPCI_HAL_CORE_MSI_ADDR >> 32));
        vpci_mmio_write(hc->core, 0, e + 8, 4, v);
        vpci_mmio_write(hc->core, 0, e + 12, 4, 0); /* unmask */
    }
    msgctl = vpci_cfg_read(hc->core, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2);
    vpci_cfg_write(hc->core, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2,
                   (msgctl | VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK) &
                       ~(uint32_t)VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_MASK);
    hc->nvec = nvec;
    return nvec;
}

static unsigned take_pending(struct vpci_hal_core *hc, uint64_t *pending, unsigned nwords)
{
    unsigned n = 0;

    for (unsigned w = 0; w < PENDING_WORDS; w++) {
        uint64_t bits = hc->pending[w];
        if (!bits)
            continue;
        if (w < nwords) {
            pending[w] |= bits;
            n += (unsigned)__builtin_popcountll(bits);
            hc->pending[w] = 0;
        }
    }
    return n;
}

static unsigned hal_irq_poll(void *ctx, uint64_t *pending, unsigned nwords)
{
    return take_pending(ctx, pending, nwords);
}

static unsigned hal_irq_wait(void *ctx, uint32_t timeout_ms, uint64_t *pending, unsigned nwords)
{
    struct vpci_hal_core *hc = ctx;
    unsigned n = take_pending(hc, pending, nwords);

    for (unsigned round = 0; !n && round < IDLE_ROUNDS; round++) {
        bool progress = false;
        if (hc->idle) {
            hc->st.idle_calls++;
            progress = hc->idle(hc->idle_opaque);
        }
        n = take_pending(hc, pending, nwords);
        if (!progress)
            break;
    }
    /* Virtual time: a wait that found nothing took its whole timeout. */
    hc->now_ns += n ? 1000u : (uint64_t)timeout_ms * 1000000u;
    return n;
}

static uint64_t hal_now_ns(void *ctx)
{
    struct vpci_hal_core *hc = ctx;
    return hc->now_ns++;
}

static const struct vpci_hal_ops hal_ops = {
    .mmio_read = hal_mmio_read,
    .mmio_write = hal_mmio_write,
    .cfg_read = hal_cfg_read,
    .cfg_write = hal_cfg_write,
    .dma_alloc = hal_dma_alloc,
    .dma_free = hal_dma_free,
    .win_map = hal_win_map,
    .win_read = hal_win_read,
    .win_write = hal_win_write,
    .irq_setup = hal_irq_setup,
    .irq_wait = hal_irq_wait,
    .irq_poll = hal_irq_poll,
    .now_ns = hal_now_ns,
};

struct vpci_hal_core *vpci_hal_core_create(const struct vpci_params *p, size_t arena_size)
{
    struct vpci_hal_core *hc = calloc(1, sizeof(*hc));

    if (!hc)
        return NULL;
    hc->arena_size = arena_size ? arena_size : (4u << 20);
    hc->arena = calloc(1, hc->arena_size);
    hc->hal.ops = &hal_ops;
    hc->hal.ctx = hc;
    if (hc->arena)
        hc->core = vpci_core_create(p, &plat_ops, hc, NULL, NULL);
    if (!hc->core) {
        free(hc->arena);
        free(hc);
        return NULL;
    }
    /* The platform (firmware/BIOS) assigns the BARs and enables the function;
     * the direct port has no address space, so only COMMAND matters. */
    return hc;
}

void vpci_hal_core_destroy(struct vpci_hal_core *hc)
{
    if (!hc)
        return;
    vpci_core_destroy(hc->core);
    free(hc->arena);
    free(hc);
}

const struct vpci_hal *vpci_hal_core_hal(struct vpci_hal_core *hc)
{
    return &hc->hal;
}

struct vpci_core *vpci_hal_core_core(struct vpci_hal_core *hc)
{
    return hc->core;
}

void vpci_hal_core_set_idle(struct vpci_hal_core *hc, vpci_hal_core_idle_fn idle, void *opaque)
{
    hc->idle = idle;
    hc->idle_opaque = idle ? opaque : NULL;
}

void vpci_hal_core_stats(const struct vpci_hal_core *hc, struct vpci_hal_core_stats *s)
{
    *s = hc->st;
}

void vpci_hal_core_set_win_mode(struct vpci_hal_core *hc, enum vpci_hal_core_win_mode mode)
{
    hc->win_mode = mode;
}
