/* SPDX-License-Identifier: MIT */
/*
 * hal_core.h - the direct HAL port: the firmware library and the C core of
 * the adapter (model/vhost_pci_core.h) in the same process and thread.
 *
 * The port serves the core's driver face only (struct vpci_driver_ops): it
 * creates the core, owns the "driver memory" arena that the core's DMA
 * reaches (bus addresses from VPCI_HAL_CORE_BUS_BASE), completes DMA at once
 * and records MSI-X messages (internal writes or external vectors) as pending
 * vectors for irq_wait/irq_poll. Whoever hosts the master (a test master, the
 * bridge's vhost-user face) attaches the core's master face itself with
 * vpci_core_set_master(). irq_wait calls an idle hook while no vector is
 * pending, so that the master side makes progress in the same thread; time
 * is virtual.
 *
 * Windows: win_map gives pointers into the core's armed translations
 * (vpci_window_ptr, pointer mode); win_read/win_write go through the core's
 * MMIO path on BAR 2/4 as a trapped BAR would (naturally aligned accesses of
 * 8/4/2/1 bytes). In accessor mode win_map returns NULL, so the library
 * reaches every window byte through the accessors.
 */
#ifndef VPCI_HAL_CORE_H
#define VPCI_HAL_CORE_H

#include <stdbool.h>

#include "vhost_pci_core.h"
#include "vpci_hal.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VPCI_HAL_CORE_BUS_BASE 0x80000000ull /* bus address of the arena */
#define VPCI_HAL_CORE_MSI_ADDR 0xfee00000ull /* MSI address programmed  */

/* Called by irq_wait while nothing is pending; returns true if the master
 * side did something (irq_wait then checks again). */
typedef bool (*vpci_hal_core_idle_fn)(void *opaque);

struct vpci_hal_core;

/*
 * Create a core with @p (NULL: defaults), its driver face served by this
 * port, no master face attached, and a driver-memory arena of @arena_size
 * bytes (0: 4 MiB). Returns NULL on failure.
 */
struct vpci_hal_core *vpci_hal_core_create(const struct vpci_params *p, size_t arena_size);
/* Destroy the port and its core. */
void vpci_hal_core_destroy(struct vpci_hal_core *hc);
/* The HAL to hand to the library. */
const struct vpci_hal *vpci_hal_core_hal(struct vpci_hal_core *hc);
/* The core behind the port (the master side attaches its face to it with
 * vpci_core_set_master() and drives it with vpci_master_*). */
struct vpci_core *vpci_hal_core_core(struct vpci_hal_core *hc);
/* Set (or, with @idle NULL, clear) the hook irq_wait calls while idle. */
void vpci_hal_core_set_idle(struct vpci_hal_core *hc, vpci_hal_core_idle_fn idle, void *opaque);
/* Counters of the port. */
struct vpci_hal_core_stats {
    uint64_t msi;          /* MSI-X messages received          */
    uint64_t bad_msi;      /* MSI writes to an unexpected address */
    uint64_t dma_bad;      /* DMA outside the arena (failed)     */
    uint64_t idle_calls;
    uint64_t win_reads;    /* win_read calls (accessor mode)     */
    uint64_t win_writes;   /* win_write calls (accessor mode)    */
};
void vpci_hal_core_stats(const struct vpci_hal_core *hc, struct vpci_hal_core_stats *s);

/* How the port offers the windows to the library. */
enum vpci_hal_core_win_mode {
    VPCI_HAL_CORE_WIN_AUTO = 0,     /* ACCESSOR if the environment has
                                     * VPCI_HAL_WIN_MODE=accessor, else POINTER */
    VPCI_HAL_CORE_WIN_POINTER = 1,  /* win_map gives pointers where it can      */
    VPCI_HAL_CORE_WIN_ACCESSOR = 2, /* win_map returns NULL: win_read/win_write  */
};
/* Choose the window mode (default AUTO); it applies to the following
 * win_map calls (the library maps a region when its message arrives). */
void vpci_hal_core_set_win_mode(struct vpci_hal_core *hc, enum vpci_hal_core_win_mode mode);

#ifdef __cplusplus
}
#endif

#endif /* VPCI_HAL_CORE_H */
