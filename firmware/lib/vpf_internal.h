/* SPDX-License-Identifier: MIT */
/*
 * vpf_internal.h - state of a firmware library instance and the interfaces
 * between its files. Not public: devices use vpf.h.
 *
 * Layers, lowest first. A file calls only its own layer and the ones below;
 * nothing calls up (the device's callbacks, struct vpf_device_ops, are the
 * device's, not a library layer):
 *   1 hw.c       register access, doorbells, waiting for the platform, log
 *                lines: the HAL and nothing else
 *   2 msgq.c     M2S/S2M rings: buffers, completions by phase, S2M send
 *                (spec §5). Received messages are RETURNED to the caller
 *                (vpf_msgq_m2s_next), never handed up.
 *     iotlb.c    the device IOTLB (IOVA -> user address) and IOTLB misses
 *                (spec §8.8)
 *     virtq.c    memory table translation and split virtqueues
 *   3 vhost.c    vhost-user backend logic: one handler per request (spec §6)
 *   4 adapter.c  init procedure and teardown (spec §9), interrupts, link and
 *                session changes, the main loop that takes M2S messages from
 *                layer 2 and gives them to layer 3 (spec §4.5, §4.6, §10)
 */
#ifndef VPF_INTERNAL_H
#define VPF_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "vhost_pci_regs.h"
#include "vpf.h"

#define VPF_MAX_VQS VPCI_MAX_VQS
#define VPF_PENDING_WORDS (VPCI_MAX_MSIX_VECTORS / 64)
#define VPF_ADAPTER_VECTOR 0u

/* Register offset inside its block (the block base is found by the walk). */
#define VPF_REG(block, reg) (VPCI_##block##_##reg##_OFFSET - VPCI_##block##_BLOCK_BASE)

/* One ring pair of a message queue (spec §5.1). */
struct vpf_ring {
    uint32_t base;          /* BAR0 offset of the queue block  */
    unsigned log2, n;
    uint8_t *desc, *cpl;    /* host pointers (DMA memory)      */
    uint64_t desc_bus, cpl_bus;
    uint8_t *bufs;          /* n buffers of MAX_MSG_SIZE       */
    uint64_t bufs_bus;
    uint16_t tail;          /* next descriptor index to post   */
    uint16_t seen;          /* next completion to read         */
};

/* A region of the master's memory table (spec §8.3). */
struct vpf_region {
    bool valid;
    uint64_t gpa, size, uaddr, win_off;
    uint8_t *host;          /* win_map(BAR2, win_off, size); NULL: accessor mode */
};

/*
 * A place in the master's memory (spec §8): a host pointer when the HAL
 * mapped its region (pointer mode), else only its memory window offset,
 * reached through the HAL's win_read/win_write (accessor mode). The
 * vpf_mem_* helpers below access it either way.
 */
struct vpf_mref {
    uint8_t *host;          /* NULL: accessor mode             */
    uint64_t win;           /* BAR2 offset of the same byte    */
};

/* What translating a master address found (virtq.c, iotlb.c). */
enum vpf_xlate {
    VPF_XLATE_OK = 0,
    VPF_XLATE_BAD,          /* outside the memory table, or a rule broken */
    VPF_XLATE_MISS,         /* IOVA not in the IOTLB: ask the master       */
    VPF_XLATE_FAULT,        /* IOTLB entry without the access needed       */
};

/* Access rights of an IOTLB entry and of an access (VHOST_ACCESS_*). */
#define VPF_IOTLB_PERM_RO 1u
#define VPF_IOTLB_PERM_WO 2u
#define VPF_IOTLB_PERM_RW 3u
/* struct vhost_iotlb_msg: iova, size, uaddr (u64), perm, type (u8). */
#define VPF_IOTLB_MSG_SIZE 32u
#define VPF_IOTLB_MISS 1u
#define VPF_IOTLB_UPDATE 2u
#define VPF_IOTLB_INVALIDATE 3u
#define VPF_IOTLB_ACCESS_FAIL 4u
#define VPF_IOTLB_ENTRIES 512u
/* Misses of one chain sent at once (the S2M ring keeps room for replies). */
#define VPF_MISS_BATCH 8u
#define VPF_IOTLB_PAGE 4096u /* miss granularity: the next miss of a buffer
                              * is asked for at the next page */

/* One translation of the device IOTLB; size 0: free. */
struct vpf_iotlb_entry {
    uint64_t iova, size, uaddr;
    uint8_t perm;
};

struct vpf_iotlb {
    struct vpf_iotlb_entry e[VPF_IOTLB_ENTRIES];
    unsigned used;          /* entries with size > 0               */
    unsigned hint;          /* last hit: searched first            */
    unsigned victim;        /* next entry replaced when full       */
    uint64_t evictions;
};

struct vpf_vq {
    struct vpf_dev *dev;
    unsigned idx;
    uint16_t vector;
    /* master-provided state */
    unsigned num;           /* SET_VRING_NUM                   */
    uint32_t addr_flags;
    uint64_t desc_ua, avail_ua, used_ua;
    bool addr_set;
    bool kick_set, kick_nofd, call_nofd, call_set, err_set;
    bool started, enabled, broken;
    /* ring */
    bool mapped;            /* desc, avail, used translated     */
    struct vpf_mref desc, avail, used; /* checked ranges         */
    uint16_t last_avail, used_idx, signalled_used;
    bool signalled_valid;
    uint16_t inflight;      /* popped, not pushed                */
    bool notify_on;         /* kicks requested                   */
    bool pushed;            /* pushes since the last notify      */
    uint16_t avail_ready;   /* entries known available past last_avail
                             * (avail->idx read once per batch)  */
    bool used_unpub;        /* used entries written, used->idx not yet */
    /* device IOTLB (spec §8.8): the ring waits for the master's answer */
    bool xlate_wait;        /* an IOTLB miss is outstanding: held  */
    uint64_t wait_iova;     /* the IOVA asked for                  */
    uint64_t wait_since_ns; /* HAL clock when the wait began       */
    bool sync_used;         /* read used->idx when the rings map   */
};

struct vpf_dev {
    const struct vpci_hal *hal;
    struct vpf_config cfg;
    const struct vpf_device_ops *ops;
    enum vpf_state state;
    /* discovered blocks (spec §4.1) */
    uint32_t blk_adapter, blk_m2s, blk_s2m, blk_vq, blk_window, blk_dbinfo;
    uint32_t db_base, db_stride, db_log;
    unsigned nvqs_hw, msix_hw, nvec;
    uint64_t adapter_features;
    struct vpf_ring m2s, s2m;
    /* link / session */
    uint8_t session;
    bool master_up;
    bool have_state;        /* backend state exists for this session */
    /* vhost-user session state */
    uint64_t features;      /* acked virtio features             */
    uint64_t proto;         /* acked protocol features           */
    bool owner;
    uint8_t vstatus;
    struct vpf_region reg[VPCI_MAX_REGIONS];
    uint8_t *log;           /* log window mapping                */
    uint64_t log_size;
    bool backend_chan;      /* SET_BACKEND_REQ_FD delivered      */
    struct vpf_vq vq[VPF_MAX_VQS];
    struct vpf_iotlb iotlb; /* with ACCESS_PLATFORM (spec §8.8)   */
    /* IOTLB misses of the translation in progress (pages; sent together) */
    uint64_t miss_iova[VPF_MISS_BATCH];
    uint8_t miss_perm[VPF_MISS_BATCH];
    unsigned nmiss;
    unsigned idle;          /* adaptive mode: empty iterations    */
    uint64_t saved_pend[VPF_PENDING_WORDS]; /* vectors seen while waiting elsewhere */
    uint64_t kick_pending[VPF_MAX_VQS / 64]; /* vqs to serve      */
    /* Last value written to each doorbell: every ring writes a new one
     * (spec §7.1). [0] CALL, [1] ERR per vq; db_log_val the LOG doorbell. */
    uint32_t db_val[2][VPF_MAX_VQS];
    uint32_t db_log_val;
    struct vpf_stats st;
};

/* hw.c (layer 1) */
uint32_t vpf_rd(struct vpf_dev *d, uint32_t off);
void vpf_wr(struct vpf_dev *d, uint32_t off, uint32_t v);
/* Wait a little for the platform (keeps vectors for vpf_process). */
void vpf_wait_platform(struct vpf_dev *d);
/* Doorbells of the doorbell page (spec §7.1). */
enum vpf_doorbell_kind {
    VPF_DB_CALL = 0,
    VPF_DB_ERR = 1,
    VPF_DB_LOG = 2, /* @vq unused */
};
/* Ring doorbell @kind of virtqueue @vq (after a release fence: window
 * writes before it are visible first, spec §5.7 rule 5). */
void vpf_doorbell(struct vpf_dev *d, enum vpf_doorbell_kind kind, unsigned vq);
/* One log line (printf format) through vpf_config.log, or stderr. */
void vpf_log(struct vpf_dev *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* msgq.c (layer 2) */
enum vpf_status vpf_msgq_setup(struct vpf_dev *d);
void vpf_msgq_free(struct vpf_dev *d);
/* An M2S completion as the ring layer found it. */
struct vpf_m2s_msg {
    bool ok;                /* status OK with a sane ID and length        */
    uint8_t chan;           /* 0: master request, 1: backend-channel reply */
    uint8_t session;        /* the session tag of the message             */
    const uint8_t *buf;     /* the message (header included), if ok       */
    uint32_t len;
};
/* Take the next new M2S completion into *@m; false if there is none. The
 * message stays in its buffer until vpf_msgq_m2s_repost(). */
bool vpf_msgq_m2s_next(struct vpf_dev *d, struct vpf_m2s_msg *m);
/* Hand the buffer of the last message taken back to the adapter. */
void vpf_msgq_m2s_repost(struct vpf_dev *d);
/* Reap S2M completions; returns the number reaped. */
int vpf_msgq_s2m_reap(struct vpf_dev *d);
/* Post one S2M message (header included) on @chan for the current session:
 * VPF_OK, VPF_E_NOT_RUNNING, VPF_E_MSG_SIZE or VPF_E_QUEUE_FULL (the ring
 * stayed full while the platform was given 64 chances to drain it). */
enum vpf_status vpf_msgq_s2m_send(struct vpf_dev *d, uint8_t chan, const void *msg, uint32_t len);
/* True if new M2S completions are waiting (ring memory only, no MMIO). */
bool vpf_msgq_m2s_ready(const struct vpf_dev *d);

/* iotlb.c (layer 2) */
void vpf_iotlb_reset(struct vpf_iotlb *t);
/* Add [iova, iova + size) -> uaddr with @perm (replacing what it overlaps);
 * false if the entry is malformed (empty, wrapping, bad perm). */
bool vpf_iotlb_update(struct vpf_iotlb *t, uint64_t iova, uint64_t size, uint64_t uaddr,
                      uint8_t perm);
/* Drop every entry overlapping [iova, iova + size); returns how many. */
unsigned vpf_iotlb_invalidate(struct vpf_iotlb *t, uint64_t iova, uint64_t size);
/* The user address of @iova for an access needing @perm, and the bytes the
 * entry covers from there: OK, MISS or FAULT (entry lacks @perm). */
enum vpf_xlate vpf_iotlb_lookup(struct vpf_iotlb *t, uint64_t iova, uint8_t perm, uint64_t *uaddr,
                                uint64_t *avail);
/* Send BACKEND_IOTLB_MSG (VHOST_IOTLB_MISS for @iova, @perm) on S2M
 * channel 1; VPF_E_NOT_NEGOTIATED without the backend channel. */
enum vpf_status vpf_iotlb_send_miss(struct vpf_dev *d, uint64_t iova, uint8_t perm);

/* vhost.c (layer 3) */
/* Handle one M2S message of the current session on @chan. */
void vpf_vhost_handle(struct vpf_dev *d, uint8_t chan, const uint8_t *msg, uint32_t len);

/* virtq.c (layer 2) */
/* (Re)compute the ring pointers of @vq; false if they do not translate. */
bool vpf_vq_map(struct vpf_vq *vq);
void vpf_vq_stop(struct vpf_vq *vq);
/* Forget what a previous run of the ring decided (call suppression state,
 * chains in flight, avail entries counted): the master (re)defined the ring
 * position (SET_VRING_BASE / SET_VRING_ADDR) or started the ring. */
void vpf_vq_new_run(struct vpf_vq *vq);
void vpf_vq_reset_state(struct vpf_vq *vq);
/* Mark broken, ring ERR. */
void vpf_vq_fail(struct vpf_vq *vq, const char *why);
/* True if the master acked VIRTIO_F_ACCESS_PLATFORM: ring and descriptor
 * addresses are IOVAs (spec §8.8). */
bool vpf_iova_mode(const struct vpf_dev *d);
/* The IOTLB changed (update or invalidation): rings that waited for it or
 * were translated through it are translated again, held queues resume. */
void vpf_vq_iotlb_changed(struct vpf_dev *d, bool invalidated);
/* Fail the queues whose IOTLB miss stayed unanswered for the timeout. */
void vpf_vq_iotlb_expire(struct vpf_dev *d);

static inline uint16_t vpf_ld16(const void *p) { uint16_t v; __builtin_memcpy(&v, p, 2); return v; }
static inline uint32_t vpf_ld32(const void *p) { uint32_t v; __builtin_memcpy(&v, p, 4); return v; }
static inline uint64_t vpf_ld64(const void *p) { uint64_t v; __builtin_memcpy(&v, p, 8); return v; }
static inline void vpf_st16(void *p, uint16_t v) { __builtin_memcpy(p, &v, 2); }
static inline void vpf_st32(void *p, uint32_t v) { __builtin_memcpy(p, &v, 4); }
static inline void vpf_st64(void *p, uint64_t v) { __builtin_memcpy(p, &v, 8); }

/* ---- master memory (layer 1): pointer mode inline, accessor mode through the HAL ---- */

/* Copy @len bytes at @r + @off of the master's memory to @dst. */
static inline void vpf_mem_read(const struct vpf_dev *d, struct vpf_mref r, uint64_t off,
                                void *dst, size_t len)
{
    if (__builtin_expect(r.host != NULL, 1))
        __builtin_memcpy(dst, r.host + off, len);
    else
        vpci_hal_win_read(d->hal, VPCI_BAR_MEMWIN, r.win + off, dst, len);
}
/* Copy @len bytes from @src to @r + @off of the master's memory. */
static inline void vpf_mem_write(const struct vpf_dev *d, struct vpf_mref r, uint64_t off,
                                 const void *src, size_t len)
{
    if (__builtin_expect(r.host != NULL, 1))
        __builtin_memcpy(r.host + off, src, len);
    else
        vpci_hal_win_write(d->hal, VPCI_BAR_MEMWIN, r.win + off, src, len);
}
static inline uint16_t vpf_mem_ld16(const struct vpf_dev *d, struct vpf_mref r, uint64_t off)
{
    uint16_t v;
    vpf_mem_read(d, r, off, &v, 2);
    return v;
}
static inline void vpf_mem_st16(const struct vpf_dev *d, struct vpf_mref r, uint64_t off,
                                uint16_t v)
{
    vpf_mem_write(d, r, off, &v, 2);
}
static inline void vpf_mem_st32(const struct vpf_dev *d, struct vpf_mref r, uint64_t off,
                                uint32_t v)
{
    vpf_mem_write(d, r, off, &v, 4);
}
/* A 16-bit index the master publishes (avail->idx): a load-acquire. */
static inline uint16_t vpf_mem_ld16_acquire(const struct vpf_dev *d, struct vpf_mref r,
                                            uint64_t off)
{
    if (__builtin_expect(r.host != NULL, 1))
        return __atomic_load_n((const uint16_t *)(const void *)(r.host + off), __ATOMIC_ACQUIRE);
    uint16_t v;
    vpci_hal_win_read(d->hal, VPCI_BAR_MEMWIN, r.win + off, &v, 2);
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    return v;
}
/* A 16-bit index the device publishes (used->idx): a store-release. */
static inline void vpf_mem_st16_release(const struct vpf_dev *d, struct vpf_mref r, uint64_t off,
                                        uint16_t v)
{
    if (__builtin_expect(r.host != NULL, 1)) {
        __atomic_store_n((uint16_t *)(void *)(r.host + off), v, __ATOMIC_RELEASE);
        return;
    }
    __atomic_thread_fence(__ATOMIC_RELEASE);
    vpci_hal_win_write(d->hal, VPCI_BAR_MEMWIN, r.win + off, &v, 2);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "vpf: little-endian hosts only (spec §1.2)"
#endif

#endif /* VPF_INTERNAL_H */
