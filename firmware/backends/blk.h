/* SPDX-License-Identifier: MIT */
/*
 * blk.h - virtio-blk device backend on the firmware library (vpf.h).
 *
 * A virtio 1.x block device (virtio spec "Block Device") served to the
 * vhost-user master through a vhost-pci adapter: a RAM disk or a disk on a
 * file descriptor the creator opened (pread/pwrite; the backend does no path
 * handling). Requests IN, OUT, FLUSH, GET_ID, and DISCARD / WRITE_ZEROES
 * when offered and negotiated; config space through GET_CONFIG. Every
 * request is validated as coming from an untrusted master: a chain without
 * room for the 16-byte header or the status byte breaks the virtqueue
 * (library policy, vpf_vq_fail); a sector range beyond the capacity, a data
 * length that is not a multiple of 512, a write to a read-only disk complete
 * with VIRTIO_BLK_S_IOERR; unknown or not-negotiated types with
 * VIRTIO_BLK_S_UNSUPP.
 *
 * Runner:
 *     struct vpf_blk_opts o = { .mode = VPF_MODE_ADAPTIVE, .capacity = 64 << 20,
 *                               .fd = -1, .discard = true, .write_zeroes = true };
 *     struct vpf_blk *b = vpf_blk_create(hal, &o);
 *     vpf_blk_start(b);
 *     for (;;) vpf_blk_step(b, 100);
 *     vpf_blk_destroy(b);
 * All calls from one thread. Requests are served synchronously inside the
 * step, so a master disconnect never leaves a request half-done.
 */
#ifndef VPF_BLK_H
#define VPF_BLK_H

#include <stdbool.h>
#include <stdint.h>

#include "vpf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* virtio-blk feature bits (virtio 1.x §5.2.3). */
#define VPF_BLK_F_SIZE_MAX 1
#define VPF_BLK_F_SEG_MAX 2
#define VPF_BLK_F_GEOMETRY 4
#define VPF_BLK_F_RO 5
#define VPF_BLK_F_BLK_SIZE 6
#define VPF_BLK_F_FLUSH 9
#define VPF_BLK_F_TOPOLOGY 10
#define VPF_BLK_F_CONFIG_WCE 11
#define VPF_BLK_F_MQ 12
#define VPF_BLK_F_DISCARD 13
#define VPF_BLK_F_WRITE_ZEROES 14

/* Request types (struct virtio_blk_req.type). */
#define VPF_BLK_T_IN 0u
#define VPF_BLK_T_OUT 1u
#define VPF_BLK_T_FLUSH 4u
#define VPF_BLK_T_GET_ID 8u
#define VPF_BLK_T_GET_LIFETIME 10u
#define VPF_BLK_T_DISCARD 11u
#define VPF_BLK_T_WRITE_ZEROES 13u
#define VPF_BLK_T_SECURE_ERASE 14u

/* Status byte values. */
#define VPF_BLK_S_OK 0u
#define VPF_BLK_S_IOERR 1u
#define VPF_BLK_S_UNSUPP 2u

#define VPF_BLK_SECTOR 512u          /* unit of capacity and sector numbers */
#define VPF_BLK_ID_BYTES 20u         /* GET_ID answer (no NUL if 20 chars)  */
#define VPF_BLK_WZ_F_UNMAP 1u        /* write-zeroes segment flag           */

/* struct virtio_blk_config (virtio 1.x, little-endian), 96 bytes. */
struct vpf_blk_config {
    uint64_t capacity;             /* in 512-byte sectors */
    uint32_t size_max;
    uint32_t seg_max;
    uint16_t cylinders;
    uint8_t heads, sectors;
    uint32_t blk_size;
    uint8_t physical_block_exp, alignment_offset;
    uint16_t min_io_size;
    uint32_t opt_io_size;
    uint8_t writeback, unused0;
    uint16_t num_queues;
    uint32_t max_discard_sectors;
    uint32_t max_discard_seg;
    uint32_t discard_sector_alignment;
    uint32_t max_write_zeroes_sectors;
    uint32_t max_write_zeroes_seg;
    uint8_t write_zeroes_may_unmap, unused1[3];
    uint32_t max_secure_erase_sectors;
    uint32_t max_secure_erase_seg;
    uint32_t secure_erase_sector_alignment;
    uint8_t zoned[24];
} __attribute__((packed));

/* Discard / write-zeroes segment (struct virtio_blk_discard_write_zeroes). */
struct vpf_blk_dwz {
    uint64_t sector;
    uint32_t num_sectors;
    uint32_t flags;
} __attribute__((packed));

/* Creation options (zeroed fields take the defaults given). */
struct vpf_blk_opts {
    enum vpf_mode mode;          /* polling, interrupt or adaptive          */
    int fd;                      /* >= 0: file-backed disk on this fd (the
                                    creator keeps it open; not closed here);
                                    < 0: RAM disk                           */
    uint64_t capacity;           /* bytes (multiple of 512). RAM: required;
                                    file: 0 = the file's size at create     */
    uint32_t blk_size;           /* logical block size reported (0: 512)    */
    unsigned num_queues;         /* request queues (0: 1); > 1 offers MQ    */
    bool read_only;              /* offer VIRTIO_BLK_F_RO, refuse writes     */
    bool discard;                /* offer VIRTIO_BLK_F_DISCARD               */
    bool write_zeroes;           /* offer VIRTIO_BLK_F_WRITE_ZEROES          */
    uint32_t max_dwz_sectors;    /* per segment (0: 32768)                  */
    uint32_t max_dwz_seg;        /* segments per request (0: 8)             */
    char serial[VPF_BLK_ID_BYTES]; /* GET_ID answer (0-padded)              */
    unsigned m2s_log2, s2m_log2, idle_spins; /* passed to vpf_config        */
};

/* Counters. */
struct vpf_blk_stats {
    uint64_t reqs;              /* requests completed (any status)       */
    uint64_t reads, writes, flushes, get_ids, discards, write_zeroes;
    uint64_t bytes_read, bytes_written;
    uint64_t ioerr;             /* completed with IOERR                   */
    uint64_t unsupp;            /* completed with UNSUPP                  */
    uint64_t bad_layout;        /* chains rejected (virtqueue broken)     */
};

struct vpf_blk;

/* Create the device and its library instance on @hal. A file shorter than
 * a given capacity is extended (ftruncate). NULL on bad options (RAM disk
 * without capacity, capacity not a multiple of 512, an fd that cannot be
 * sized) or allocation failure. */
struct vpf_blk *vpf_blk_create(const struct vpci_hal *hal, const struct vpf_blk_opts *o);
/* Stop and free (the fd stays open). */
void vpf_blk_destroy(struct vpf_blk *b);
/* Adapter init (vpf_start): VPF_OK or a vpf_start code of enum vpf_status. */
enum vpf_status vpf_blk_start(struct vpf_blk *b);
/* One main-loop iteration (vpf_process). */
int vpf_blk_step(struct vpf_blk *b, uint32_t timeout_ms);
/* The library instance (state, session, stats, vpf_stop/vpf_start). */
struct vpf_dev *vpf_blk_dev(struct vpf_blk *b);
/* Capacity in sectors; the RAM disk's memory (NULL for a file disk). */
uint64_t vpf_blk_sectors(const struct vpf_blk *b);
uint8_t *vpf_blk_ram(struct vpf_blk *b);
void vpf_blk_get_stats(const struct vpf_blk *b, struct vpf_blk_stats *s);

#ifdef __cplusplus
}
#endif

#endif /* VPF_BLK_H */
