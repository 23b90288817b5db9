/* SPDX-License-Identifier: MIT */
/*
 * hal_vfio.c - HAL port over Linux VFIO type1 (see hal_vfio.h): the firmware
 * in a process of the backend VM, owning the adapter through vfio-pci.
 */
#define _GNU_SOURCE
#include "hal_vfio.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/vfio.h>

#include "dma_arena.h"

#define MAX_VECTORS 64u             /* eventfds this port installs at most */
#define DEFAULT_DMA_SIZE (4u << 20)
#define DEFAULT_DMA_IOVA 0x10000000ull

struct bar {
    bool present;
    uint64_t size;
    uint64_t offset;                /* region offset on the device fd */
    uint32_t flags;                 /* VFIO_REGION_INFO_FLAG_*        */
    volatile uint8_t *map;          /* mmap of the whole BAR, or NULL */
};

struct vpci_hal_vfio {
    struct vpci_hal hal;
    int container, group, device;
    int group_id;
    struct bar bar[6];
    uint64_t cfg_offset;
    struct vpci_dma_arena dma;      /* the DMA buffer at its IOVA      */
    size_t brk;                     /* bump allocator into dma.mem     */
    bool dma_mapped;
    int efd[MAX_VECTORS];
    unsigned nvec;                  /* eventfds installed               */
    enum vpci_hal_vfio_win_mode win_mode;
    struct vpci_hal_vfio_stats st;
    char desc[256];
};

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* A failed pread/pwrite: counted, the first one logged. */
static void io_error(struct vpci_hal_vfio *hv, const char *what, uint64_t off)
{
    if (hv->st.io_errors++ == 0)
        fprintf(stderr, "hal_vfio: %s at 0x%" PRIx64 " failed: %s (further errors counted)\n",
                what, off, strerror(errno));
}

/* ---- BAR access ---- */

static uint64_t map_read(volatile uint8_t *p, unsigned size)
{
    switch (size) {
    case 1: return *p;
    case 2: return *(volatile uint16_t *)p;
    case 4: return *(volatile uint32_t *)p;
    default: return *(volatile uint64_t *)p;
    }
}

static void map_write(volatile uint8_t *p, unsigned size, uint64_t v)
{
    switch (size) {
    case 1: *p = (uint8_t)v; break;
    case 2: *(volatile uint16_t *)p = (uint16_t)v; break;
    case 4: *(volatile uint32_t *)p = (uint32_t)v; break;
    default: *(volatile uint64_t *)p = v; break;
    }
}

/* One access of @size bytes at @off of BAR @b; all-ones when the BAR or the
 * range does not exist. */
static uint64_t bar_read(struct vpci_hal_vfio *hv, unsigned b, uint64_t off, unsigned size)
{
    struct bar *bar = b < 6 ? &hv->bar[b] : NULL;
    uint64_t v = 0;

    if (!bar || !bar->present || off > bar->size || size > bar->size - off)
        return size >= 8 ? UINT64_MAX : (1ull << (8 * size)) - 1;
    if (bar->map)
        return map_read(bar->map + off, size);
    if (pread(hv->device, &v, size, (off_t)(bar->offset + off)) != (ssize_t)size) {
        io_error(hv, "BAR read", off);
        return size >= 8 ? UINT64_MAX : (1ull << (8 * size)) - 1;
    }
    return v;
}

static void bar_write(struct vpci_hal_vfio *hv, unsigned b, uint64_t off, unsigned size, uint64_t v)
{
    struct bar *bar = b < 6 ? &hv->bar[b] : NULL;

    if (!bar || !bar->present || off > bar->size || size > bar->size - off)
        return;
    if (bar->map) {
        map_write(bar->map + off, size, v);
        return;
    }
    if (pwrite(hv->device, &v, size, (off_t)(bar->offset + off)) != (ssize_t)size)
        io_error(hv, "BAR write", off);
}

static uint64_t hal_mmio_read(void *ctx, unsigned bar, uint64_t off, unsigned size)
{
    struct vpci_hal_vfio *hv = ctx;
    hv->st.mmio_reads++;
    return bar_read(hv, bar, off, size);
}

static void hal_mmio_write(void *ctx, unsigned bar, uint64_t off, unsigned size, uint64_t val)
{
    struct vpci_hal_vfio *hv = ctx;
    hv->st.mmio_writes++;
    bar_write(hv, bar, off, size, val);
}

/* ---- config space ---- */

static uint32_t hal_cfg_read(void *ctx, uint32_t off, unsigned size)
{
    struct vpci_hal_vfio *hv = ctx;
    uint32_t v = 0;

    if (pread(hv->device, &v, size, (off_t)(hv->cfg_offset + off)) != (ssize_t)size) {
        io_error(hv, "config read", off);
        return UINT32_MAX;
    }
    return v;
}

static void hal_cfg_write(void *ctx, uint32_t off, unsigned size, uint32_t val)
{
    struct vpci_hal_vfio *hv = ctx;

    if (pwrite(hv->device, &val, size, (off_t)(hv->cfg_offset + off)) != (ssize_t)size)
        io_error(hv, "config write", off);
}

/* ---- DMA memory ---- */

static void *hal_dma_alloc(void *ctx, size_t size, size_t align, uint64_t *bus)
{
    struct vpci_hal_vfio *hv = ctx;

    if (align < 8)
        align = 8;
    if (align & (align - 1))
        return NULL;
    size_t at = (hv->brk + align - 1) & ~(align - 1);
    if (at > hv->dma.size || size > hv->dma.size - at)
        return NULL;
    hv->brk = at + size;
    memset(hv->dma.mem + at, 0, size);
    *bus = hv->dma.bus_base + at;
    return hv->dma.mem + at;
}

static void hal_dma_free(void *ctx, void *ptr, size_t size)
{
    struct vpci_hal_vfio *hv = ctx;

    /* Bump allocator: freeing the most recent block(s) rewinds. */
    if (ptr && (uint8_t *)ptr + size == hv->dma.mem + hv->brk)
        hv->brk = (size_t)((uint8_t *)ptr - hv->dma.mem);
}

/* ---- windows ---- */

static void *hal_win_map(void *ctx, unsigned bar, uint64_t off, uint64_t len)
{
    struct vpci_hal_vfio *hv = ctx;
    struct bar *b = bar < 6 ? &hv->bar[bar] : NULL;

    if (hv->win_mode != VPCI_HAL_VFIO_WIN_POINTER || !b || !b->map || off > b->size ||
        len > b->size - off)
        return NULL;
    return (void *)(uintptr_t)(b->map + off);
}

/* win_read / win_write: through the BAR mapping with naturally aligned
 * accesses of up to 8 bytes (each one trapped by the hypervisor when the BAR
 * is not memory), or pread/pwrite of the device fd (the kernel splits them). */
static void hal_win_read(void *ctx, unsigned bar, uint64_t off, void *dst, size_t len)
{
    struct vpci_hal_vfio *hv = ctx;
    struct bar *b = bar < 6 ? &hv->bar[bar] : NULL;
    uint8_t *p = dst;

    hv->st.win_reads++;
    hv->st.win_bytes += len;
    if (!b || !b->present || off > b->size || len > b->size - off) {
        memset(dst, 0xff, len);
        return;
    }
    if (!b->map) {
        if (pread(hv->device, dst, len, (off_t)(b->offset + off)) != (ssize_t)len) {
            io_error(hv, "window read", off);
            memset(dst, 0xff, len);
        }
        return;
    }
    while (len) {
        unsigned n = vpci_hal_win_chunk(off, len);
        uint64_t v = map_read(b->map + off, n);
        memcpy(p, &v, n); /* little-endian host: the low n bytes */
        p += n;
        off += n;
        len -= n;
    }
}

static void hal_win_write(void *ctx, unsigned bar, uint64_t off, const void *src, size_t len)
{
    struct vpci_hal_vfio *hv = ctx;
    struct bar *b = bar < 6 ? &hv->bar[bar] : NULL;
    const uint8_t *p = src;

    hv->st.win_writes++;
    hv->st.win_bytes += len;
    if (!b || !b->present || off > b->size || len > b->size - off)
        return;
    if (!b->map) {
        if (pwrite(hv->device, src, len, (off_t)(b->offset + off)) != (ssize_t)len)
            io_error(hv, "window write", off);
        return;
    }
    while (len) {
        unsigned n = vpci_hal_win_chunk(off, len);
        uint64_t v = 0;
        memcpy(&v, p, n);
        map_write(b->map + off, n, v);
        p += n;
        off += n;
        len -= n;
    }
}

/* ---- MSI-X ---- */

/* VFIO_DEVICE_SET_IRQS on the MSI-X index: @n eventfds from vector 0, or
 * (n = 0) MSI-X off. */
static int set_msix(struct vpci_hal_vfio *hv, unsigned n)
{
    size_t sz = sizeof(struct vfio_irq_set) + n * sizeof(int32_t);
    struct vfio_irq_set *s = calloc(1, sz);
    int rc;

    if (!s)
        return -1;
    s->argsz = (uint32_t)sz;
    s->index = VFIO_PCI_MSIX_IRQ_INDEX;
    s->start = 0;
    s->count = n;
    s->flags = VFIO_IRQ_SET_ACTION_TRIGGER |
               (n ? VFIO_IRQ_SET_DATA_EVENTFD : VFIO_IRQ_SET_DATA_NONE);
    for (unsigned i = 0; i < n; i++)
        ((int32_t *)s->data)[i] = hv->efd[i];
    rc = ioctl(hv->device, VFIO_DEVICE_SET_IRQS, s);
    free(s);
    return rc;
}

static void close_vectors(struct vpci_hal_vfio *hv)
{
    for (unsigned i = 0; i < hv->nvec; i++) {
        close(hv->efd[i]);
        hv->efd[i] = -1;
    }
    hv->nvec = 0;
}

static unsigned hal_irq_setup(void *ctx, unsigned nvec)
{
    struct vpci_hal_vfio *hv = ctx;
    struct vfio_irq_info ii = {.argsz = sizeof(ii), .index = VFIO_PCI_MSIX_IRQ_INDEX};

    if (hv->nvec) {
        set_msix(hv, 0);
        close_vectors(hv);
    }
    if (nvec == 0)
        return 0;
    if (ioctl(hv->device, VFIO_DEVICE_GET_IRQ_INFO, &ii) < 0 ||
        !(ii.flags & VFIO_IRQ_INFO_EVENTFD) || ii.count == 0) {
        fprintf(stderr, "hal_vfio: no MSI-X with eventfds (%s): polling\n",
                errno ? strerror(errno) : "count 0");
        return 0;
    }
    if (nvec > ii.count)
        nvec = ii.count;
    if (nvec > MAX_VECTORS)
        nvec = MAX_VECTORS;
    for (unsigned i = 0; i < nvec; i++) {
        hv->efd[i] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (hv->efd[i] < 0) {
            hv->nvec = i;
            close_vectors(hv);
            return 0;
        }
        hv->nvec = i + 1;
    }
    if (set_msix(hv, nvec) < 0) {
        fprintf(stderr, "hal_vfio: VFIO_DEVICE_SET_IRQS (MSI-X, %u eventfds): %s: polling\n",
                nvec, strerror(errno));
        close_vectors(hv);
        return 0;
    }
    return nvec;
}

/* Read every signalled eventfd; set its bit. */
static unsigned take_fired(struct vpci_hal_vfio *hv, const struct pollfd *pfd, uint64_t *pending,
                           unsigned nwords)
{
    unsigned n = 0;

    for (unsigned i = 0; i < hv->nvec; i++) {
        uint64_t cnt;
        if (pfd && !(pfd[i].revents & POLLIN))
            continue;
        if (read(hv->efd[i], &cnt, sizeof(cnt)) != sizeof(cnt))
            continue;
        hv->st.irqs++;
        if (i / 64 < nwords) {
            pending[i / 64] |= 1ull << (i % 64);
            n++;
        }
    }
    return n;
}

static unsigned hal_irq_poll(void *ctx, uint64_t *pending, unsigned nwords)
{
    return take_fired(ctx, NULL, pending, nwords);
}

static unsigned hal_irq_wait(void *ctx, uint32_t timeout_ms, uint64_t *pending, unsigned nwords)
{
    struct vpci_hal_vfio *hv = ctx;
    struct pollfd pfd[MAX_VECTORS];

    hv->st.irq_waits++;
    if (!hv->nvec) {
        struct timespec ts = {.tv_sec = timeout_ms / 1000, .tv_nsec = (long)(timeout_ms % 1000) * 1000000};
        nanosleep(&ts, NULL);
        return 0;
    }
    for (unsigned i = 0; i < hv->nvec; i++)
        pfd[i] = (struct pollfd){.fd = hv->efd[i], .events = POLLIN};
    int r = poll(pfd, hv->nvec, timeout_ms > INT_MAX ? INT_MAX : (int)timeout_ms);
    if (r <= 0)
        return 0;
    return take_fired(hv, pfd, pending, nwords);
}

static uint64_t hal_now_ns(void *ctx)
{
    struct timespec ts;
    (void)ctx;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
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

/* ---- open / close ---- */

/* The IOMMU group number of PCI function @pci (sysfs iommu_group link). */
static int group_of(const char *pci, char *err, size_t errlen)
{
    char path[PATH_MAX], link[PATH_MAX];
    snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group", pci);
    ssize_t n = readlink(path, link, sizeof(link) - 1);
    if (n < 0) {
        set_err(err, errlen, "%s: %s (no such function, or no IOMMU: intel_iommu=on and "
                "an IOMMU in the VM?)", path, strerror(errno));
        return -1;
    }
    link[n] = 0;
    const char *base = strrchr(link, '/');
    return atoi(base ? base + 1 : link);
}

static int region_info(struct vpci_hal_vfio *hv, unsigned index, struct vfio_region_info *ri)
{
    memset(ri, 0, sizeof(*ri));
    ri->argsz = sizeof(*ri);
    ri->index = index;
    return ioctl(hv->device, VFIO_DEVICE_GET_REGION_INFO, ri);
}

static bool open_regions(struct vpci_hal_vfio *hv, char *err, size_t errlen)
{
    struct vfio_region_info ri;
    size_t at = strlen(hv->desc);

    if (region_info(hv, VFIO_PCI_CONFIG_REGION_INDEX, &ri) < 0) {
        set_err(err, errlen, "config region info: %s", strerror(errno));
        return false;
    }
    hv->cfg_offset = ri.offset;
    for (unsigned b = 0; b < 6; b++) {
        struct bar *bar = &hv->bar[b];
        if (region_info(hv, VFIO_PCI_BAR0_REGION_INDEX + b, &ri) < 0 || ri.size == 0)
            continue;
        bar->present = true;
        bar->size = ri.size;
        bar->offset = ri.offset;
        bar->flags = ri.flags;
        if (ri.flags & VFIO_REGION_INFO_FLAG_MMAP) {
            void *m = mmap(NULL, ri.size, PROT_READ | PROT_WRITE, MAP_SHARED, hv->device,
                           (off_t)ri.offset);
            if (m != MAP_FAILED)
                bar->map = m;
        }
        at += (size_t)snprintf(hv->desc + at, sizeof(hv->desc) - at, " bar%u=0x%" PRIx64 "(%s)",
                               b, (uint64_t)ri.size, bar->map ? "mmap" : "pread");
        if (at >= sizeof(hv->desc))
            at = sizeof(hv->desc) - 1;
    }
    if (!hv->bar[0].present) {
        set_err(err, errlen, "the function has no BAR0");
        return false;
    }
    return true;
}

struct vpci_hal_vfio *vpci_hal_vfio_open(const struct vpci_hal_vfio_opts *o, char *err,
                                         size_t errlen)
{
    struct vpci_hal_vfio *hv;
    char path[64];

    if (!o || !o->pci) {
        set_err(err, errlen, "no PCI address");
        return NULL;
    }
    hv = calloc(1, sizeof(*hv));
    if (!hv) {
        set_err(err, errlen, "out of memory");
        return NULL;
    }
    hv->container = hv->group = hv->device = -1;
    for (unsigned i = 0; i < MAX_VECTORS; i++)
        hv->efd[i] = -1;
    hv->hal.ops = &hal_ops;
    hv->hal.ctx = hv;
    hv->win_mode = o->win_mode;

    hv->group_id = group_of(o->pci, err, errlen);
    if (hv->group_id < 0)
        goto fail;
    hv->container = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
    if (hv->container < 0) {
        set_err(err, errlen, "/dev/vfio/vfio: %s (modules vfio, vfio_iommu_type1 loaded?)",
                strerror(errno));
        goto fail;
    }
    if (ioctl(hv->container, VFIO_GET_API_VERSION) != VFIO_API_VERSION) {
        set_err(err, errlen, "unknown VFIO API version");
        goto fail;
    }
    int iommu = ioctl(hv->container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) > 0
                    ? VFIO_TYPE1v2_IOMMU
                    : ioctl(hv->container, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU) > 0
                          ? VFIO_TYPE1_IOMMU : -1;
    if (iommu < 0) {
        set_err(err, errlen, "VFIO type1 IOMMU not supported (load vfio_iommu_type1)");
        goto fail;
    }
    snprintf(path, sizeof(path), "/dev/vfio/%d", hv->group_id);
    hv->group = open(path, O_RDWR | O_CLOEXEC);
    if (hv->group < 0) {
        set_err(err, errlen, "%s: %s (is %s bound to vfio-pci?)", path, strerror(errno), o->pci);
        goto fail;
    }
    struct vfio_group_status gs = {.argsz = sizeof(gs)};
    if (ioctl(hv->group, VFIO_GROUP_GET_STATUS, &gs) < 0 || !(gs.flags & VFIO_GROUP_FLAGS_VIABLE)) {
        set_err(err, errlen, "group %d is not viable (every function of the group must be "
                "bound to vfio-pci or no driver)", hv->group_id);
        goto fail;
    }
    if (ioctl(hv->group, VFIO_GROUP_SET_CONTAINER, &hv->container) < 0) {
        set_err(err, errlen, "VFIO_GROUP_SET_CONTAINER: %s", strerror(errno));
        goto fail;
    }
    if (ioctl(hv->container, VFIO_SET_IOMMU, iommu) < 0) {
        set_err(err, errlen, "VFIO_SET_IOMMU(type1%s): %s", iommu == VFIO_TYPE1v2_IOMMU ? "v2" : "",
                strerror(errno));
        goto fail;
    }
    hv->device = ioctl(hv->group, VFIO_GROUP_GET_DEVICE_FD, o->pci);
    if (hv->device < 0) {
        set_err(err, errlen, "VFIO_GROUP_GET_DEVICE_FD(%s): %s", o->pci, strerror(errno));
        goto fail;
    }
    snprintf(hv->desc, sizeof(hv->desc), "%s group=%d iommu=type1%s", o->pci, hv->group_id,
             iommu == VFIO_TYPE1v2_IOMMU ? "v2" : "");
    if (!open_regions(hv, err, errlen))
        goto fail;

    /* The DMA buffer: pinned and mapped at its IOVA by the IOMMU driver. */
    size_t dsz = o->dma_size ? (o->dma_size + 4095) & ~(size_t)4095 : DEFAULT_DMA_SIZE;
    uint64_t iova = o->dma_iova ? o->dma_iova : DEFAULT_DMA_IOVA;
    void *mem = mmap(NULL, dsz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
                     -1, 0);
    if (mem == MAP_FAILED) {
        set_err(err, errlen, "DMA buffer of %zu bytes: %s", dsz, strerror(errno));
        goto fail;
    }
    vpci_dma_arena_init(&hv->dma, iova, mem, dsz);
    struct vfio_iommu_type1_dma_map dm = {
        .argsz = sizeof(dm),
        .flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
        .vaddr = (uint64_t)(uintptr_t)mem,
        .iova = iova,
        .size = dsz,
    };
    if (ioctl(hv->container, VFIO_IOMMU_MAP_DMA, &dm) < 0) {
        set_err(err, errlen, "VFIO_IOMMU_MAP_DMA(iova 0x%" PRIx64 ", %zu bytes): %s", iova, dsz,
                strerror(errno));
        goto fail;
    }
    hv->dma_mapped = true;
    size_t at = strlen(hv->desc);
    snprintf(hv->desc + at, sizeof(hv->desc) - at, " dma=0x%zx@iova0x%" PRIx64 " win=%s", dsz,
             iova, hv->win_mode == VPCI_HAL_VFIO_WIN_POINTER ? "pointer" : "accessor");
    return hv;

fail:
    vpci_hal_vfio_close(hv);
    return NULL;
}

void vpci_hal_vfio_close(struct vpci_hal_vfio *hv)
{
    if (!hv)
        return;
    if (hv->nvec && hv->device >= 0)
        set_msix(hv, 0);
    close_vectors(hv);
    if (hv->dma_mapped) {
        struct vfio_iommu_type1_dma_unmap du = {.argsz = sizeof(du), .iova = hv->dma.bus_base,
                                                .size = hv->dma.size};
        ioctl(hv->container, VFIO_IOMMU_UNMAP_DMA, &du);
    }
    if (hv->dma.mem)
        munmap(hv->dma.mem, hv->dma.size);
    for (unsigned b = 0; b < 6; b++)
        if (hv->bar[b].map)
            munmap((void *)(uintptr_t)hv->bar[b].map, hv->bar[b].size);
    if (hv->device >= 0)
        close(hv->device);
    if (hv->group >= 0)
        close(hv->group);
    if (hv->container >= 0)
        close(hv->container);
    free(hv);
}

const struct vpci_hal *vpci_hal_vfio_hal(struct vpci_hal_vfio *hv)
{
    return &hv->hal;
}

const char *vpci_hal_vfio_describe(const struct vpci_hal_vfio *hv)
{
    return hv->desc;
}

void vpci_hal_vfio_stats(const struct vpci_hal_vfio *hv, struct vpci_hal_vfio_stats *s)
{
    *s = hv->st;
}
