/* SPDX-License-Identifier: MIT */
/*
 * vpci_hal.h - the hardware abstraction layer the vhost-pci firmware library
 * (firmware/lib, firmware/include/vpf.h) is written against.
 *
 * One HAL instance stands for one adapter function. A port implements the
 * ops table for its platform: direct calls into the C core (ports/hal_core.c),
 * later SystemC TLM, the RTL testbench, Linux VFIO, vfio-user.
 *
 * Rules every port follows:
 *  - mmio_read/mmio_write: BAR @bar at byte offset @off, @size 1, 2, 4 or 8;
 *    the access reaches the adapter as one access of that size (spec §3.2).
 *  - cfg_read/cfg_write: config space (1/2/4 bytes). A port whose OS owns
 *    config space (VFIO) may implement only what the library uses: COMMAND.
 *  - dma_alloc returns zeroed, DMA-able memory of @size bytes aligned to
 *    @align, with its bus address in *@bus; NULL when out of memory.
 *  - The windows (BAR 2, BAR 4) are reached in one of two ways; a port
 *    provides win_map, the accessors, or both (an op it lacks is NULL):
 *  - win_map returns a host pointer for [off, off + len) of a window BAR (2 or
 *    4), or NULL if the port has no pointer for the range. The library calls it
 *    once per memory region (when the region's message arrives) and then
 *    translates with plain arithmetic (pointer mode). The pointer stays valid
 *    (never faults) until the library's next reset, even if the adapter
 *    withdraws the window: the platform's release handler (the bridge, the
 *    test master) then replaces the mapping with memory that is not the
 *    master's (reads all-ones in the test master, zeros in the bridge; spec
 *    §8.7); the library notices the link change and stops using it.
 *  - win_read / win_write copy @len bytes between window BAR @bar at @off and
 *    host memory, for platforms that cannot give such a pointer (a trapped
 *    VFIO BAR, a TLM window without DMI, an RTL window datapath). The library
 *    uses them for a region win_map gave no pointer for (accessor mode).
 *    Any @off and @len (the port splits them into accesses it can make);
 *    bytes of an absent or withdrawn window read 0xff and writes to them are
 *    dropped, as the adapter answers them (spec §3.3, §8.7). They never fail.
 *  - irq_setup enables MSI-X with @nvec vectors (vector v of the adapter is
 *    reported as bit v) and returns the number of vectors granted (0: no
 *    interrupts, the library polls). It programs the MSI-X table as an OS does.
 *  - irq_wait waits up to @timeout_ms for interrupts, ORs the vectors that
 *    fired into @pending (a bitmap of @nwords 64-bit words) and returns how
 *    many fired (0 on timeout). irq_poll is the same without waiting.
 *  - now_ns: a monotonic clock (a virtual one in deterministic ports).
 * All ops are called from one thread; none may call back into the library.
 */
#ifndef VPCI_HAL_H
#define VPCI_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct vpci_hal_ops {
    uint64_t (*mmio_read)(void *ctx, unsigned bar, uint64_t off, unsigned size);
    void (*mmio_write)(void *ctx, unsigned bar, uint64_t off, unsigned size, uint64_t val);
    uint32_t (*cfg_read)(void *ctx, uint32_t off, unsigned size);
    void (*cfg_write)(void *ctx, uint32_t off, unsigned size, uint32_t val);
    void *(*dma_alloc)(void *ctx, size_t size, size_t align, uint64_t *bus);
    void (*dma_free)(void *ctx, void *ptr, size_t size);
    void *(*win_map)(void *ctx, unsigned bar, uint64_t off, uint64_t len);
    void (*win_read)(void *ctx, unsigned bar, uint64_t off, void *dst, size_t len);
    void (*win_write)(void *ctx, unsigned bar, uint64_t off, const void *src, size_t len);
    unsigned (*irq_setup)(void *ctx, unsigned nvec);
    unsigned (*irq_wait)(void *ctx, uint32_t timeout_ms, uint64_t *pending, unsigned nwords);
    unsigned (*irq_poll)(void *ctx, uint64_t *pending, unsigned nwords);
    uint64_t (*now_ns)(void *ctx);
};

/* A HAL instance: the ops of a port and that port's context. */
struct vpci_hal {
    const struct vpci_hal_ops *ops;
    void *ctx;
};

/* Convenience wrappers (the library uses these). */
static inline uint32_t vpci_hal_rd32(const struct vpci_hal *h, unsigned bar, uint64_t off)
{
    return (uint32_t)h->ops->mmio_read(h->ctx, bar, off, 4);
}
static inline void vpci_hal_wr32(const struct vpci_hal *h, unsigned bar, uint64_t off, uint32_t v)
{
    h->ops->mmio_write(h->ctx, bar, off, 4, v);
}
/* Window read through the accessor; all-ones (absent) if the port has none. */
static inline void vpci_hal_win_read(const struct vpci_hal *h, unsigned bar, uint64_t off,
                                     void *dst, size_t len)
{
    if (h->ops->win_read)
        h->ops->win_read(h->ctx, bar, off, dst, len);
    else
        __builtin_memset(dst, 0xff, len);
}
/* Window write through the accessor; dropped (absent) if the port has none. */
static inline void vpci_hal_win_write(const struct vpci_hal *h, unsigned bar, uint64_t off,
                                      const void *src, size_t len)
{
    if (h->ops->win_write)
        h->ops->win_write(h->ctx, bar, off, src, len);
}
/* True if the port has both window accessors. */
static inline bool vpci_hal_has_win_access(const struct vpci_hal *h)
{
    return h->ops->win_read != NULL && h->ops->win_write != NULL;
}

#ifdef __cplusplus
}
#endif

/* For ports whose window accessors split a range into register-sized accesses:
 * the largest naturally aligned access (8, 4, 2 or 1 bytes) at @off within @len. */
static inline unsigned vpci_hal_win_chunk(uint64_t off, size_t len)
{
    unsigned n = 8;
    while (n > 1 && ((off & (n - 1)) || n > len))
        n /= 2;
    return n;
}

#endif /* VPCI_HAL_H */
