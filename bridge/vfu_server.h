/* SPDX-License-Identifier: MIT */
/*
 * vfu_server.h - the driver face of one adapter core as a vfio-user server
 * (QEMU docs/interop/vfio-user.rst; docs/spec.md §12.4): the backend VM's
 * QEMU (-device vfio-user-pci) connects to a UNIX socket and drives the
 * modeled adapter as a PCI function.
 *
 * The server creates the core with its own driver ops (external MSI-X mode)
 * and serves:
 *  - VERSION (capabilities JSON, json-c), DEVICE_GET_INFO,
 *    DEVICE_GET_REGION_INFO (config space, BAR0/2/4 with vpci_bar_size, the
 *    rest empty; nothing mmap-able), DEVICE_GET_IRQ_INFO (MSI-X only);
 *  - REGION_READ/WRITE and REGION_WRITE_MULTI to vpci_cfg_* / vpci_mmio_*,
 *    split into naturally aligned accesses of at most 4 (config) or 8 bytes;
 *    NO_REPLY (posted) commands are never answered; every command is handled
 *    whole, in socket order, before the next is read;
 *  - DMA_MAP/DMA_UNMAP: a map with an fd is mmap'ed (after fstat checks) and
 *    the core's DMA requests into it complete at once by memory copy; a map
 *    without an fd is served by DMA_READ/DMA_WRITE messages to the client,
 *    asynchronously (the request completes when the reply arrives; commands
 *    keep being served meanwhile); an address no map covers fails the request;
 *  - DEVICE_SET_IRQS: MSI-X vectors -> eventfds in (start, count) chunks; a
 *    vector without an eventfd is reported masked to the core (its PBA bit
 *    holds it) until one is installed;
 *  - DEVICE_RESET: vpci_core_pci_reset.
 * One client at a time; others wait in the listen backlog. When the client
 * goes (or is dropped for a protocol violation, with the reason logged), the
 * core gets a PCI reset (a bound master session ends, an unbound one stays,
 * spec §4.4), pending message DMA fails, every DMA map is unmapped, every
 * eventfd closed, and the server listens again.
 *
 * Everything runs in the bridge's one event loop; nothing blocks.
 */
#ifndef VB_VFU_SERVER_H
#define VB_VFU_SERVER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "loop.h"
#include "trace.h"
#include "vhost_pci_core.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vfu_server_opts {
    char socket[108]; /* UNIX socket path the client connects to */
};

struct vfu_server_stats {
    uint64_t clients;       /* clients accepted                          */
    uint64_t msgs_in;       /* commands and replies read                 */
    uint64_t msgs_out;      /* replies and DMA commands written          */
    uint64_t posted;        /* NO_REPLY commands handled                 */
    uint64_t region_reads, region_writes;
    uint64_t dma_maps;      /* DMA maps live now                         */
    uint64_t dma_direct;    /* core DMA requests served by memory copy   */
    uint64_t dma_msgs;      /* DMA_READ/DMA_WRITE messages sent          */
    uint64_t dma_failed;    /* core DMA requests failed                  */
    uint64_t irqs;          /* vectors signalled on an eventfd           */
    uint64_t resets;        /* DEVICE_RESET commands                     */
    uint64_t violations;    /* clients dropped for a protocol violation  */
    uint64_t errors;        /* error replies                             */
    bool connected;
    char last_drop[256];    /* reason of the last dropped client         */
};

struct vfu_server;

/* Create the server and its core (@p with msix_mode forced to external;
 * the core has no master face yet). NULL with @err on failure. */
struct vfu_server *vfu_server_create(struct vb_loop *loop, struct vb_trace *tr, const char *name,
                                     const struct vpci_params *p,
                                     const struct vfu_server_opts *o, char *err, size_t errlen);
/* The core this server drives. */
struct vpci_core *vfu_server_core(struct vfu_server *s);
/* Listen on the socket. 0 or -errno. */
int vfu_server_open(struct vfu_server *s);
/* Drop the client (as a disconnect) and close the listening socket. */
void vfu_server_close(struct vfu_server *s);
/* Close, then destroy the core and free everything. */
void vfu_server_destroy(struct vfu_server *s);
/* Counters. */
void vfu_server_get_stats(const struct vfu_server *s, struct vfu_server_stats *st);
/* One report line "<name> vfio_user=PATH ..." (bridge/README.md). */
void vfu_server_report(const struct vfu_server *s, const char *name, FILE *f);

#ifdef __cplusplus
}
#endif

#endif /* VB_VFU_SERVER_H */
