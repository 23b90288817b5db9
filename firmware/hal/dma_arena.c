/* SPDX-License-Identifier: MIT */
/* dma_arena.c - DMA-able driver memory at a bus address (see dma_arena.h). */
#include "dma_arena.h"

#include <string.h>

void vpci_dma_arena_init(struct vpci_dma_arena *a, uint64_t bus_base, void *mem, size_t size)
{
    uint64_t last = UINT64_MAX - bus_base; /* highest offset with a bus address */

    a->bus_base = bus_base;
    a->mem = mem;
    /* Cut at UINT64_MAX, so that no range inside wraps the bus address
     * space (base 0: every size fits, and last + 1 is never computed). */
    a->size = size && (uint64_t)size - 1 > last ? (size_t)(last + 1) : size;
}

bool vpci_dma_arena_contains(const struct vpci_dma_arena *a, uint64_t addr, uint64_t len)
{
    /* offset = addr - base, only once addr >= base; then both comparisons
     * are against the size, never of a sum. */
    return addr >= a->bus_base && len <= a->size && addr - a->bus_base <= a->size - len;
}

void *vpci_dma_arena_ptr(const struct vpci_dma_arena *a, uint64_t addr, uint64_t len)
{
    if (!a->mem || !vpci_dma_arena_contains(a, addr, len))
        return NULL;
    return a->mem + (addr - a->bus_base);
}

enum vpci_dma_status vpci_dma_arena_serve(const struct vpci_dma_arena *a,
                                          const struct vpci_dma_req *req)
{
    uint8_t *p = vpci_dma_arena_ptr(a, req->addr, req->len);

    if (!p)
        return VPCI_DMA_ERROR;
    if (!req->len)
        return VPCI_DMA_OK;
    if (req->dir == VPCI_DMA_READ)
        memcpy(req->buf, p, req->len);
    else
        memcpy(p, req->buf, req->len);
    return VPCI_DMA_OK;
}
