/* SPDX-License-Identifier: MIT */
/*
 * hal_vfio.h - HAL port for a Linux (guest) process that owns the adapter
 * through VFIO type1 (vfio-pci bound to the function, an IOMMU group, a
 * container): the backend VM of issue 13, where the adapter is a vfio-user
 * device of QEMU behind intel-iommu.
 *
 *  - BARs: mmap'ed when VFIO reports the region mmap-able (accessed with
 *    volatile loads/stores of the asked size), else pread/pwrite on the
 *    device fd at the region's offset.
 *  - Config space: pread/pwrite on the config region (the library only sets
 *    COMMAND.MEM_EN and BUS_MASTER; vfio-pci virtualises the rest).
 *  - Windows: win_read/win_write always (8-byte accesses through the BAR
 *    mapping, or pread/pwrite); win_map gives pointers only in
 *    VPCI_HAL_VFIO_WIN_POINTER mode, for a BAR2 that is plain memory in the
 *    guest (vfio-user persistent windows: QEMU maps the window file).
 *  - DMA: one anonymous buffer of the process, pinned and mapped with
 *    VFIO_IOMMU_MAP_DMA at a chosen IOVA (bus address = IOVA); a bump
 *    allocator hands it out (dma_free rewinds the most recent blocks).
 *  - MSI-X: one eventfd per vector through VFIO_DEVICE_SET_IRQS; irq_wait is
 *    poll(2) on them.
 */
#ifndef VPCI_HAL_VFIO_H
#define VPCI_HAL_VFIO_H

#include <stddef.h>
#include <stdint.h>

#include "vpci_hal.h"

#ifdef __cplusplus
extern "C" {
#endif

enum vpci_hal_vfio_win_mode {
    VPCI_HAL_VFIO_WIN_ACCESSOR = 0, /* win_map returns NULL (trapped BAR2)  */
    VPCI_HAL_VFIO_WIN_POINTER,      /* win_map returns pointers into BAR2   */
};

/* What to open (zeroed fields take the defaults given). */
struct vpci_hal_vfio_opts {
    const char *pci;           /* PCI address, e.g. "0000:00:03.0" (required) */
    size_t dma_size;           /* DMA buffer bytes (0: 4 MiB)                 */
    uint64_t dma_iova;         /* its IOVA (0: 0x10000000)                    */
    enum vpci_hal_vfio_win_mode win_mode;
};

/* Counters of the port. */
struct vpci_hal_vfio_stats {
    uint64_t mmio_reads, mmio_writes;   /* BAR0 accesses                  */
    uint64_t win_reads, win_writes;     /* accessor calls                  */
    uint64_t win_bytes;                 /* bytes through the accessors     */
    uint64_t irq_waits, irqs;           /* waits, eventfd signals read     */
    uint64_t io_errors;                 /* failed pread/pwrite (logged once) */
};

/* One opened function: everything the port holds. */
struct vpci_hal_vfio;

/* Open the function at @o->pci through VFIO type1: its IOMMU group, a
 * container, the device fd, the BAR and config regions, the DMA buffer
 * mapped at its IOVA. NULL on failure, with the reason in @err. */
struct vpci_hal_vfio *vpci_hal_vfio_open(const struct vpci_hal_vfio_opts *o, char *err,
                                         size_t errlen);
/* Disable MSI-X, unmap and close everything. */
void vpci_hal_vfio_close(struct vpci_hal_vfio *hv);
/* The HAL instance (valid until vpci_hal_vfio_close). */
const struct vpci_hal *vpci_hal_vfio_hal(struct vpci_hal_vfio *hv);
/* One line describing what was opened (group, regions, mapped or not). */
const char *vpci_hal_vfio_describe(const struct vpci_hal_vfio *hv);
/* The port's counters. */
void vpci_hal_vfio_stats(const struct vpci_hal_vfio *hv, struct vpci_hal_vfio_stats *s);

#ifdef __cplusplus
}
#endif

#endif /* VPCI_HAL_VFIO_H */
