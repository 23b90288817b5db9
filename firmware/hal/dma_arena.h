/* SPDX-License-Identifier: MIT */
/*
 * dma_arena.h - DMA-able driver memory as one host buffer at a bus address:
 * the "arena" that a HAL port (firmware/hal/ports/hal_core.c), a test platform
 * (tests/core/fake_platform.c), a fuzz platform (fuzz/fuzz_common.c) or a
 * benchmark (bench/bench_core.c) serves the core's DMA requests from.
 *
 * Every bound check is overflow-safe: a range is inside the arena only if it
 * starts at or after the bus base and ends at or before base + size, with no
 * intermediate sum that can wrap (addresses near UINT64_MAX, lengths larger
 * than the arena). A zero-length range is inside when its address is in
 * [base, base + size]; nothing is copied for it.
 */
#ifndef VPCI_DMA_ARENA_H
#define VPCI_DMA_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vhost_pci_core.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vpci_dma_arena {
    uint64_t bus_base; /* bus address of mem[0]    */
    uint8_t *mem;      /* host memory, @size bytes */
    size_t size;
};

/* Describe @size bytes at host @mem as bus addresses from @bus_base. A
 * @bus_base + @size beyond 2^64 is cut at the top of the bus address space. */
void vpci_dma_arena_init(struct vpci_dma_arena *a, uint64_t bus_base, void *mem, size_t size);

/* True if the bus range [@addr, @addr + @len) lies inside the arena. */
bool vpci_dma_arena_contains(const struct vpci_dma_arena *a, uint64_t addr, uint64_t len);

/* Host pointer for bus address @addr if [@addr, @addr + @len) lies inside the
 * arena, else NULL. */
void *vpci_dma_arena_ptr(const struct vpci_dma_arena *a, uint64_t addr, uint64_t len);

/* Perform DMA request @req on the arena (READ: arena -> req->buf, WRITE:
 * req->buf -> arena). Returns VPCI_DMA_OK, or VPCI_DMA_ERROR (nothing
 * copied) when the range is not inside the arena. Does not complete the
 * request: the caller passes the status to vpci_dma_complete(). */
enum vpci_dma_status vpci_dma_arena_serve(const struct vpci_dma_arena *a,
                                          const struct vpci_dma_req *req);

#ifdef __cplusplus
}
#endif

#endif /* VPCI_DMA_ARENA_H */
