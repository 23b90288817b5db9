/* SPDX-License-Identifier: MIT */
/*
 * blk.c - virtio-blk backend on the firmware library (see blk.h).
 *
 * Request layout (virtio 1.x §5.2.6): a 16-byte header {type, ioprio,
 * sector} in the device-readable part, the data (readable for OUT, DISCARD,
 * WRITE_ZEROES; writable for IN, GET_ID), and the status byte as the last
 * writable byte. The header is copied once into local memory before it is
 * looked at (the master may change its rings at any time).
 */
#define _GNU_SOURCE
#include "blk.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

_Static_assert(sizeof(struct vpf_blk_config) == 96, "virtio_blk_config is 96 bytes");
_Static_assert(offsetof(struct vpf_blk_config, blk_size) == 20, "blk_size at 20");
_Static_assert(offsetof(struct vpf_blk_config, num_queues) == 34, "num_queues at 34");
_Static_assert(offsetof(struct vpf_blk_config, max_discard_sectors) == 36, "discard at 36");
_Static_assert(offsetof(struct vpf_blk_config, max_write_zeroes_sectors) == 48, "wz at 48");
_Static_assert(offsetof(struct vpf_blk_config, write_zeroes_may_unmap) == 56, "unmap at 56");
_Static_assert(sizeof(struct vpf_blk_dwz) == 16, "discard segment is 16 bytes");

#define HDR_BYTES 16u
#define ZERO_CHUNK 65536u

struct vpf_blk {
    struct vpf_blk_opts o;
    struct vpf_dev *dev;
    uint8_t *ram;               /* RAM disk, or NULL                */
    int fd;                     /* file disk, or -1                 */
    uint64_t bytes;             /* capacity in bytes                */
    uint64_t features;          /* acked                            */
    struct vpf_blk_config cfg;
    struct vpf_elem el;         /* one chain at a time (large)      */
    uint8_t zeros[ZERO_CHUNK];  /* source for file write-zeroes     */
    uint8_t bounce[ZERO_CHUNK]; /* file I/O of segments without a host
                                 * pointer (window accessor mode)  */
    struct vpf_blk_stats st;
};

/* ---- storage ---- */

/* Copy [off, off + len) of the disk into / from @p. 0 or -1 (I/O error). */
static int disk_rw(struct vpf_blk *b, bool write, uint64_t off, void *p, size_t len)
{
    if (b->ram) {
        if (write)
            memcpy(b->ram + off, p, len);
        else
            memcpy(p, b->ram + off, len);
        return 0;
    }
    uint8_t *q = p;
    while (len) {
        ssize_t n = write ? pwrite(b->fd, q, len, (off_t)off) : pread(b->fd, q, len, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || (n == 0 && write))
            return -1;
        if (n == 0) { /* past the end of a file that shrank: reads zeros */
            memset(q, 0, len);
            return 0;
        }
        q += n;
        off += (uint64_t)n;
        len -= (size_t)n;
    }
    return 0;
}

/* Zero [off, off + len) of the disk (discard and write-zeroes). */
static int disk_zero(struct vpf_blk *b, uint64_t off, uint64_t len, bool punch)
{
    if (b->ram) {
        memset(b->ram + off, 0, len);
        return 0;
    }
#ifdef FALLOC_FL_PUNCH_HOLE
    int mode = punch ? FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE : FALLOC_FL_ZERO_RANGE;
    if (fallocate(b->fd, mode, (off_t)off, (off_t)len) == 0)
        return 0;
#else
    (void)punch;
#endif
    while (len) { /* fallback: write zeros */
        size_t n = len < ZERO_CHUNK ? (size_t)len : ZERO_CHUNK;
        if (disk_rw(b, true, off, b->zeros, n) != 0)
            return -1;
        off += n;
        len -= n;
    }
    return 0;
}

/* Move @len bytes between the disk at @off and byte @ioff of segment @seg,
 * which has no host pointer (window accessor mode): the RAM disk directly,
 * a file through the bounce buffer. 0 or -1 (I/O error). */
static int disk_seg_access(struct vpf_blk *b, bool write, uint64_t off, const struct vpf_iov *seg,
                           size_t ioff, size_t len)
{
    if (b->ram) {
        if (write)
            vpf_iov_to_buf(seg, 1, ioff, b->ram + off, len);
        else
            vpf_iov_from_buf(seg, 1, ioff, b->ram + off, len);
        return 0;
    }
    while (len) {
        size_t k = len < sizeof(b->bounce) ? len : sizeof(b->bounce);
        if (write)
            vpf_iov_to_buf(seg, 1, ioff, b->bounce, k);
        if (disk_rw(b, write, off, b->bounce, k) != 0)
            return -1;
        if (!write)
            vpf_iov_from_buf(seg, 1, ioff, b->bounce, k);
        off += k;
        ioff += k;
        len -= k;
    }
    return 0;
}

/* Move @len bytes between the disk at @off and the segments @iov starting at
 * byte @ioff (window memory of the master: by pointer, or through the
 * window accessors when a segment has none). */
static int disk_iov(struct vpf_blk *b, bool write, uint64_t off, const struct vpf_iov *iov,
                    unsigned n, size_t ioff, size_t len)
{
    for (unsigned i = 0; i < n && len; i++) {
        if (ioff >= iov[i].len) {
            ioff -= iov[i].len;
            continue;
        }
        size_t k = iov[i].len - ioff;
        if (k > len)
            k = len;
        int rc = iov[i].base ? disk_rw(b, write, off, (uint8_t *)iov[i].base + ioff, k)
                             : disk_seg_access(b, write, off, &iov[i], ioff, k);
        if (rc != 0)
            return -1;
        off += k;
        len -= k;
        ioff = 0;
    }
    return len ? -1 : 0;
}

/* ---- requests ---- */

static bool range_ok(const struct vpf_blk *b, uint64_t sector, uint64_t bytes)
{
    uint64_t cap = b->bytes / VPF_BLK_SECTOR;
    return sector <= cap && bytes / VPF_BLK_SECTOR <= cap - sector;
}

static bool negotiated(const struct vpf_blk *b, unsigned bit)
{
    return (b->features >> bit) & 1;
}

/* DISCARD / WRITE_ZEROES: segments in the readable part after the header. */
static uint8_t do_dwz(struct vpf_blk *b, uint32_t type, const struct vpf_elem *e)
{
    bool wz = type == VPF_BLK_T_WRITE_ZEROES;
    if (!negotiated(b, wz ? VPF_BLK_F_WRITE_ZEROES : VPF_BLK_F_DISCARD))
        return VPF_BLK_S_UNSUPP;
    uint64_t bytes = e->out_len - HDR_BYTES;
    uint32_t max_seg = wz ? b->cfg.max_write_zeroes_seg : b->cfg.max_discard_seg;
    uint32_t max_sec = wz ? b->cfg.max_write_zeroes_sectors : b->cfg.max_discard_sectors;
    if (bytes == 0 || bytes % sizeof(struct vpf_blk_dwz) || bytes / sizeof(struct vpf_blk_dwz) > max_seg)
        return VPF_BLK_S_IOERR;
    if (b->o.read_only)
        return VPF_BLK_S_IOERR;
    unsigned nseg = (unsigned)(bytes / sizeof(struct vpf_blk_dwz));
    struct vpf_blk_dwz seg[64];
    if (nseg > 64)
        return VPF_BLK_S_IOERR;
    vpf_iov_to_buf(e->iov, e->out_num, HDR_BYTES, seg, nseg * sizeof(seg[0]));
    /* Check every segment before touching the disk. */
    for (unsigned i = 0; i < nseg; i++) {
        uint32_t allowed = wz ? VPF_BLK_WZ_F_UNMAP : 0;
        if (seg[i].flags & ~allowed)
            return VPF_BLK_S_UNSUPP;
        if (seg[i].num_sectors > max_sec ||
            !range_ok(b, seg[i].sector, (uint64_t)seg[i].num_sectors * VPF_BLK_SECTOR))
            return VPF_BLK_S_IOERR;
    }
    for (unsigned i = 0; i < nseg; i++) {
        uint64_t off = seg[i].sector * VPF_BLK_SECTOR;
        uint64_t len = (uint64_t)seg[i].num_sectors * VPF_BLK_SECTOR;
        bool punch = !wz || (seg[i].flags & VPF_BLK_WZ_F_UNMAP);
        if (len && disk_zero(b, off, len, punch) != 0)
            return VPF_BLK_S_IOERR;
    }
    if (wz)
        b->st.write_zeroes++;
    else
        b->st.discards++;
    return VPF_BLK_S_OK;
}

/* Serve one chain; returns the used length, or -1 if the layout is bad. */
static int64_t do_request(struct vpf_blk *b, const struct vpf_elem *e)
{
    uint8_t hdr[HDR_BYTES];
    uint8_t status = VPF_BLK_S_OK;
    uint32_t used = 1;

    if (e->out_len < HDR_BYTES || e->in_len < 1)
        return -1;
    vpf_iov_to_buf(e->iov, e->out_num, 0, hdr, HDR_BYTES);
    uint32_t type;
    uint64_t sector;
    memcpy(&type, hdr, 4);
    memcpy(&sector, hdr + 8, 8);
    const struct vpf_iov *win = e->iov + e->out_num; /* writable segments */
    uint64_t wdata = e->in_len - 1;                    /* writable bytes before status */
    uint64_t rdata = e->out_len - HDR_BYTES;           /* readable bytes after header  */

    switch (type) {
    case VPF_BLK_T_IN:
        if (wdata % VPF_BLK_SECTOR || !range_ok(b, sector, wdata)) {
            status = VPF_BLK_S_IOERR;
            break;
        }
        if (disk_iov(b, false, sector * VPF_BLK_SECTOR, win, e->in_num, 0, wdata) != 0) {
            status = VPF_BLK_S_IOERR;
            break;
        }
        used = (uint32_t)wdata + 1;
        b->st.reads++;
        b->st.bytes_read += wdata;
        break;
    case VPF_BLK_T_OUT:
        if (b->o.read_only || rdata % VPF_BLK_SECTOR || !range_ok(b, sector, rdata)) {
            status = VPF_BLK_S_IOERR;
            break;
        }
        if (disk_iov(b, true, sector * VPF_BLK_SECTOR, e->iov, e->out_num, HDR_BYTES, rdata) != 0) {
            status = VPF_BLK_S_IOERR;
            break;
        }
        b->st.writes++;
        b->st.bytes_written += rdata;
        break;
    case VPF_BLK_T_FLUSH:
        if (b->fd >= 0 && fdatasync(b->fd) != 0 && errno != EINVAL && errno != EROFS)
            status = VPF_BLK_S_IOERR;
        b->st.flushes++;
        break;
    case VPF_BLK_T_GET_ID: {
        uint32_t n = wdata < VPF_BLK_ID_BYTES ? (uint32_t)wdata : VPF_BLK_ID_BYTES;
        vpf_iov_from_buf(win, e->in_num, 0, b->o.serial, n);
        used = n + 1;
        b->st.get_ids++;
        break;
    }
    case VPF_BLK_T_DISCARD:
    case VPF_BLK_T_WRITE_ZEROES:
        status = do_dwz(b, type, e);
        break;
    default:
        status = VPF_BLK_S_UNSUPP;
        break;
    }
    if (status != VPF_BLK_S_OK)
        used = 1; /* nothing written but the status */
    if (status == VPF_BLK_S_IOERR)
        b->st.ioerr++;
    else if (status == VPF_BLK_S_UNSUPP)
        b->st.unsupp++;
    vpf_iov_from_buf(win, e->in_num, e->in_len - 1, &status, 1);
    b->st.reqs++;
    return used;
}

/* ---- library callbacks ---- */

static uint64_t blk_get_features(void *ctx)
{
    struct vpf_blk *b = ctx;
    uint64_t f = (1ull << VPF_BLK_F_SEG_MAX) | (1ull << VPF_BLK_F_BLK_SIZE) |
                 (1ull << VPF_BLK_F_FLUSH);
    if (b->o.num_queues > 1)
        f |= 1ull << VPF_BLK_F_MQ;
    if (b->o.read_only)
        f |= 1ull << VPF_BLK_F_RO;
    if (b->o.discard)
        f |= 1ull << VPF_BLK_F_DISCARD;
    if (b->o.write_zeroes)
        f |= 1ull << VPF_BLK_F_WRITE_ZEROES;
    return f;
}

static void blk_set_features(void *ctx, uint64_t f)
{
    struct vpf_blk *b = ctx;
    b->features = f;
}

static unsigned blk_get_queue_num(void *ctx)
{
    struct vpf_blk *b = ctx;
    return b->o.num_queues;
}

static int blk_get_config(void *ctx, uint8_t *buf, uint32_t off, uint32_t len)
{
    struct vpf_blk *b = ctx;
    if (off > sizeof(b->cfg) || len > sizeof(b->cfg) - off)
        return -1;
    memcpy(buf, (const uint8_t *)&b->cfg + off, len);
    return 0;
}

static int blk_set_config(void *ctx, const uint8_t *d, uint32_t off, uint32_t len, uint32_t fl)
{
    (void)ctx, (void)d, (void)off, (void)len, (void)fl;
    return -1; /* CONFIG_WCE is not offered: nothing is writable */
}

static void blk_queue(void *ctx, struct vpf_vq *vq)
{
    struct vpf_blk *b = ctx;
    /* A disabled ring keeps its requests until it is enabled: every request
     * has a side effect, failing one included (spec §9.4). */
    if (!vpf_vq_enabled(vq))
        return;
    for (;;) {
        int r = vpf_vq_pop(vq, &b->el);
        if (r <= 0)
            break;
        int64_t used = do_request(b, &b->el);
        if (used < 0) {
            b->st.bad_layout++;
            vpf_vq_fail(vq, "virtio-blk request without header or status");
            break;
        }
        vpf_vq_push(vq, &b->el, (uint32_t)used);
    }
    vpf_vq_notify(vq);
}

static const struct vpf_device_ops blk_ops = {
    .get_features = blk_get_features,
    .set_features = blk_set_features,
    .get_queue_num = blk_get_queue_num,
    .get_config = blk_get_config,
    .set_config = blk_set_config,
    .queue_handler = blk_queue,
};

/* ---- runner ---- */

struct vpf_blk *vpf_blk_create(const struct vpci_hal *hal, const struct vpf_blk_opts *o)
{
    struct vpf_blk_opts op = *o;
    uint64_t bytes = op.capacity;

    if (op.num_queues == 0)
        op.num_queues = 1;
    if (op.blk_size == 0)
        op.blk_size = VPF_BLK_SECTOR;
    if (op.max_dwz_sectors == 0)
        op.max_dwz_sectors = 32768;
    if (op.max_dwz_seg == 0)
        op.max_dwz_seg = 8;
    if (op.max_dwz_seg > 64 || op.blk_size % VPF_BLK_SECTOR ||
        (op.blk_size & (op.blk_size - 1)))
        return NULL;
    if (op.fd >= 0) {
        struct stat sb;
        if (fstat(op.fd, &sb) != 0)
            return NULL;
        if (bytes == 0)
            bytes = (uint64_t)sb.st_size & ~(uint64_t)(VPF_BLK_SECTOR - 1);
        else if ((uint64_t)sb.st_size < bytes && ftruncate(op.fd, (off_t)bytes) != 0)
            return NULL;
    }
    if (bytes == 0 || bytes % VPF_BLK_SECTOR)
        return NULL;

    struct vpf_blk *b = calloc(1, sizeof(*b));
    if (!b)
        return NULL;
    b->o = op;
    b->fd = op.fd;
    b->bytes = bytes;
    if (op.fd < 0) {
        b->ram = calloc(1, bytes);
        if (!b->ram) {
            free(b);
            return NULL;
        }
    }
    struct vpf_blk_config *c = &b->cfg;
    c->capacity = bytes / VPF_BLK_SECTOR;
    c->seg_max = VPF_ELEM_MAX_IOV - 2; /* header and status take one each */
    c->blk_size = op.blk_size;
    c->num_queues = (uint16_t)op.num_queues;
    c->max_discard_sectors = op.max_dwz_sectors;
    c->max_discard_seg = op.max_dwz_seg;
    c->discard_sector_alignment = op.blk_size / VPF_BLK_SECTOR;
    c->max_write_zeroes_sectors = op.max_dwz_sectors;
    c->max_write_zeroes_seg = op.max_dwz_seg;
    c->write_zeroes_may_unmap = 1;

    struct vpf_config cfg = {
        .ops = &blk_ops,
        .ctx = b,
        .mode = op.mode,
        .num_queues = op.num_queues,
        .m2s_log2 = op.m2s_log2,
        .s2m_log2 = op.s2m_log2,
        .idle_spins = op.idle_spins,
    };
    b->dev = vpf_create(hal, &cfg);
    if (!b->dev) {
        free(b->ram);
        free(b);
        return NULL;
    }
    return b;
}

void vpf_blk_destroy(struct vpf_blk *b)
{
    if (!b)
        return;
    vpf_destroy(b->dev);
    free(b->ram);
    free(b);
}

enum vpf_status vpf_blk_start(struct vpf_blk *b) { return vpf_start(b->dev); }
int vpf_blk_step(struct vpf_blk *b, uint32_t timeout_ms) { return vpf_process(b->dev, timeout_ms); }
struct vpf_dev *vpf_blk_dev(struct vpf_blk *b) { return b->dev; }
uint64_t vpf_blk_sectors(const struct vpf_blk *b) { return b->bytes / VPF_BLK_SECTOR; }
uint8_t *vpf_blk_ram(struct vpf_blk *b) { return b->ram; }
void vpf_blk_get_stats(const struct vpf_blk *b, struct vpf_blk_stats *s) { *s = b->st; }
