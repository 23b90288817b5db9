/* SPDX-License-Identifier: MIT */
/*
 * vpf.h - the vhost-pci firmware library: a vhost-user backend library in
 * the spirit of QEMU's libvhost-user that talks to a vhost-pci adapter
 * (docs/spec.md) through a HAL (firmware/hal/vpci_hal.h) instead of a socket.
 *
 * One struct vpf_dev drives one adapter. A device (virtio-blk, virtio-net,
 * a test device) plugs in through struct vpf_device_ops; the library runs the
 * adapter init procedure (spec §9), relays the vhost-user session, keeps the
 * master's memory table (reached through the memory window with strict
 * bounds checks, by pointer or through the HAL's window accessors), runs
 * split virtqueues with event-idx and calls the device's queue handler when
 * a virtqueue has work. Everything runs in the caller's thread: call
 * vpf_process() in a loop.
 *
 * Layouts: little-endian hosts only (vhost-user uses host order; spec §1.2).
 */
#ifndef VPF_H
#define VPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vhost_pci_requests.h"
#include "vpci_hal.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- vhost-user constants ----
 * Request codes (VPCI_VU_REQ_*), protocol feature bits (VPCI_PROTO_F_*) and
 * message constants (VPCI_VU_FLAG_*, VPCI_VU_VRING_NOFD,
 * VPCI_VU_F_PROTOCOL_FEATURES, VPCI_VU_MEM_REGIONS_MAX) of the pinned revision
 * come from the request table (vhost_pci_requests.h, generated from
 * regs/vhost_user_requests.yaml). */

/* Virtio feature bits the library itself implements (ring layer). */
#define VPF_VIRTIO_F_INDIRECT_DESC 28
#define VPF_VIRTIO_F_EVENT_IDX 29
#define VPF_VIRTIO_F_VERSION_1 32
/* VIRTIO_F_ACCESS_PLATFORM (old name IOMMU_PLATFORM): offered by the library
 * when the backend channel is available; acked, ring and descriptor
 * addresses are IOVAs translated through the device IOTLB (spec §8.8). */
#define VPF_VIRTIO_F_ACCESS_PLATFORM 33
#define VPF_VHOST_F_LOG_ALL 26
/* Ring features the library offers on top of the device's (see get_features). */
#define VPF_RING_FEATURES ((1ull << VPF_VIRTIO_F_INDIRECT_DESC) | (1ull << VPF_VIRTIO_F_EVENT_IDX) | \
                           (1ull << VPF_VIRTIO_F_VERSION_1) | (1ull << VPCI_VU_F_PROTOCOL_FEATURES))

/* ---- status codes ---- */

/*
 * What the library's calls report (vpf_strerror() gives a line of text).
 * vpf_start() fails with one of the init codes and leaves the state FAILED
 * (the adapter's STATUS.FAILED is set where noted: the adapter refused us).
 */
enum vpf_status {
    VPF_OK = 0,
    /* vpf_start: identity and block list (spec §4.1) */
    VPF_E_MAGIC = -1,          /* ADAPTER.MAGIC is not VPCI_MAGIC: no adapter      */
    VPF_E_SPEC_VERSION = -2,   /* SPEC_VERSION major is not 1                       */
    VPF_E_FIRST_BLOCK = -3,    /* the block at offset 0 is not the ADAPTER block    */
    VPF_E_BLOCK_LIST = -4,     /* RB_NEXT unaligned, beyond 0xfff or not increasing */
    VPF_E_BLOCK_MISSING = -5,  /* ADAPTER not at 0, or no M2S, S2M, VQ or DBINFO    */
    /* vpf_start: the init procedure (spec §9) */
    VPF_E_RESET_TIMEOUT = -10, /* CONTROL.RESET_BUSY stayed set                     */
    VPF_E_QUEUES = -11,        /* num_queues > CAPS.NUM_VQS (STATUS.FAILED)         */
    VPF_E_NO_VERSION_1 = -12,  /* adapter feature VERSION_1 missing (STATUS.FAILED) */
    VPF_E_FEATURES = -13,      /* FEATURES_OK not kept (STATUS.FAILED)              */
    VPF_E_RINGS = -14,         /* M2S/S2M ring memory or enable failed (STATUS.FAILED) */
    VPF_E_DRIVER_READY = -15,  /* LINK.DRIVER_READY not set after DRIVER_OK (STATUS.FAILED) */
    /* while running */
    VPF_E_NOT_RUNNING = -20,   /* the state is not RUNNING (vpf_process, sends)     */
    VPF_E_NOT_NEGOTIATED = -21, /* backend channel (BACKEND_REQ, SET_BACKEND_REQ_FD)
                                 * or CONFIG not negotiated                         */
    VPF_E_MSG_SIZE = -22,      /* message shorter than its header or payload above 4084 bytes */
    VPF_E_QUEUE_FULL = -23,    /* the S2M ring stayed full: the message was not queued */
};

/* A line of text for @status (never NULL; "unknown status" for other values). */
const char *vpf_strerror(int status);

/* ---- library objects ---- */

struct vpf_dev;
struct vpf_vq;

/* How the library waits for work (vpf_config.mode). */
enum vpf_mode {
    VPF_MODE_INTERRUPT = 0, /* sleep on MSI-X; kicks via KICK_PENDING          */
    VPF_MODE_POLL = 1,      /* never sleep; poll rings and INT_CAUSE           */
    VPF_MODE_ADAPTIVE = 2,  /* poll while busy, sleep on MSI-X after idle_spins */
};

/*
 * One buffer segment of a descriptor chain in the master's memory, reached
 * through the memory window: by the host pointer @base when the HAL mapped
 * the window (pointer mode), else (@base NULL, accessor mode) at window
 * offset @win through @hal's win_read/win_write. vpf_iov_to_buf() and
 * vpf_iov_from_buf() handle both; a device that dereferences @base itself
 * needs the other path when it is NULL.
 */
struct vpf_iov {
    void *base;                 /* host address, or NULL (accessor mode) */
    size_t len;
    uint64_t win;               /* offset in the memory window (BAR 2)  */
    const struct vpci_hal *hal; /* the HAL whose window holds it        */
};

#define VPF_ELEM_MAX_IOV 128u /* segments per chain (a descriptor crossing
                                 regions takes one per region) */

/*
 * A descriptor chain popped from a virtqueue: iov[0, out_num) are the
 * device-readable (driver "out") segments, iov[out_num, out_num + in_num)
 * the device-writable ones. Pointers are valid until the chain is pushed or
 * the session ends.
 */
struct vpf_elem {
    uint16_t index;        /* head descriptor index, for vpf_vq_push      */
    unsigned out_num, in_num;
    uint64_t out_len, in_len; /* bytes in the readable / writable segments */
    struct vpf_iov iov[VPF_ELEM_MAX_IOV];
};

/*
 * The device: callbacks of a virtio device built on the library. @ctx is
 * vpf_config.ctx. Every callback is optional unless stated otherwise.
 */
struct vpf_device_ops {
    /* Virtio feature bits offered in GET_FEATURES (the library adds
     * VPF_RING_FEATURES and VHOST_USER_F_PROTOCOL_FEATURES). Required. */
    uint64_t (*get_features)(void *ctx);
    /* Features the master acked (SET_FEATURES). */
    void (*set_features)(void *ctx, uint64_t features);
    /* Extra protocol features the device supports (e.g. MQ, CONFIG, MTU,
     * RARP); the library offers REPLY_ACK, BACKEND_REQ, CONFIGURE_MEM_SLOTS,
     * RESET_DEVICE, STATUS itself and CONFIG when get_config is set. */
    uint64_t (*get_protocol_features)(void *ctx);
    /* Number of virtqueues (GET_QUEUE_NUM); 0 means vpf_config.num_queues. */
    unsigned (*get_queue_num)(void *ctx);
    /* Fill @buf with @len bytes of config space from @offset. 0 on success. */
    int (*get_config)(void *ctx, uint8_t *buf, uint32_t offset, uint32_t len);
    /* Config write from the master. 0 on success. */
    int (*set_config)(void *ctx, const uint8_t *data, uint32_t offset, uint32_t len,
                      uint32_t flags);
    /* A virtqueue has work (kick, or polling found new buffers). */
    void (*queue_handler)(void *ctx, struct vpf_vq *vq);
    /* Virtqueue @idx started (true) or stopped (false: GET_VRING_BASE,
     * session end, reset). */
    void (*queue_set_started)(void *ctx, unsigned idx, bool started);
    /* Requests the library does not handle itself (SEND_RARP, NET_SET_MTU,
     * crypto, ...): return true if handled; fill *@reply (u64)
     * for requests that have a reply. Unhandled: success, reply 0. */
    bool (*process_msg)(void *ctx, uint32_t request, const uint8_t *payload, uint32_t size,
                        uint64_t *reply);
    /* SET_STATUS value (GET_STATUS returns the last one). */
    void (*set_status)(void *ctx, uint8_t status);
    /* Backend state must be dropped: master gone, new session, RESET_OWNER,
     * RESET_DEVICE, vpf_stop. Virtqueues are already stopped. */
    void (*reset)(void *ctx);
    /* Reply of the master on the backend channel (M2S channel 1). */
    void (*backend_reply)(void *ctx, uint32_t request, uint64_t value);
};

/* Parameters of vpf_create(). */
struct vpf_config {
    const struct vpf_device_ops *ops;
    void *ctx;
    enum vpf_mode mode;
    unsigned num_queues;   /* virtqueues the device serves (<= NUM_VQS)  */
    unsigned m2s_log2;     /* M2S ring entries log2 (0: 4 = 16 entries)  */
    unsigned s2m_log2;     /* S2M ring entries log2 (0: 4)               */
    unsigned idle_spins;   /* ADAPTIVE: empty polls before sleeping (0: 64) */
    bool no_backend_chan;  /* do not accept the BACKEND_CHAN adapter feature */
    /* Device IOTLB: how long a queue waits for the master's answer to an
     * IOTLB miss before it fails (ERR doorbell), HAL clock. 0: 2000 ms. */
    unsigned iotlb_timeout_ms;
    /* Optional: one line about something the library could not do (a reply
     * that could not be queued, ...); called with ctx. NULL: stderr. */
    void (*log)(void *ctx, const char *line);
};

/* Library state, for tests and logs. */
enum vpf_state {
    VPF_STATE_DOWN = 0,    /* created or stopped                     */
    VPF_STATE_RUNNING,     /* DRIVER_OK: relaying                    */
    VPF_STATE_FAILED,      /* init failed or NEEDS_RESET: vpf_start() again */
};

/* Counters. */
struct vpf_stats {
    uint64_t msgs;             /* M2S messages handled              */
    uint64_t msgs_stale;       /* M2S messages of an old session dropped */
    uint64_t replies;          /* S2M messages completed OK         */
    uint64_t replies_dropped;  /* replies that could not be queued (S2M
                                * stayed full): the master waits for them */
    uint64_t s2m_errors;       /* S2M completions not OK            */
    uint64_t sessions;         /* sessions seen                     */
    uint64_t session_resets;   /* backend state dropped             */
    uint64_t kicks;            /* kicks seen (interrupt or latch)   */
    uint64_t calls;            /* CALL doorbells written            */
    uint64_t calls_suppressed; /* pushes that needed no call        */
    uint64_t chains;           /* chains popped                     */
    uint64_t bad_chains;       /* chains rejected (vq broken)       */
    uint64_t bad_msgs;         /* master messages rejected          */
    uint64_t irqs;             /* vectors received                  */
    /* device IOTLB (spec §8.8) */
    uint64_t iotlb_misses;     /* IOTLB misses sent to the master   */
    uint64_t iotlb_updates;    /* IOTLB_MSG updates taken           */
    uint64_t iotlb_invalidations; /* IOTLB_MSG invalidations taken  */
    uint64_t iotlb_faults;     /* accesses the entry did not permit,
                                * or translations outside the table  */
    uint64_t iotlb_timeouts;   /* misses never answered (queue failed) */
};

/*
 * Create a library instance on @hal. Allocates host memory for its state (no
 * DMA yet). Returns NULL on bad parameters or allocation failure.
 */
struct vpf_dev *vpf_create(const struct vpci_hal *hal, const struct vpf_config *cfg);
/* Stop (if running) and free the instance. */
void vpf_destroy(struct vpf_dev *dev);

/*
 * Run the adapter init procedure of spec §9 up to DRIVER_OK: enable the
 * function, find MAGIC/SPEC_VERSION and walk the block list, reset, negotiate
 * adapter features, set up and enable the M2S/S2M rings, post M2S buffers,
 * set up MSI-X (interrupt and adaptive modes), INT_ENABLE and the virtqueue
 * vectors, set DRIVER_OK. Returns VPF_OK, or one of the vpf_start codes of
 * enum vpf_status (state FAILED).
 */
enum vpf_status vpf_start(struct vpf_dev *dev);
/* Teardown: drop the session state, CONTROL.RESET, free the rings. */
void vpf_stop(struct vpf_dev *dev);

/*
 * One iteration of the main loop: collect interrupts (waiting up to
 * @timeout_ms in INTERRUPT mode, and in ADAPTIVE mode once idle), handle
 * link changes, relay master messages, serve virtqueues with work. POLL mode
 * never waits. Returns the number of things done (0: idle), or
 * VPF_E_NOT_RUNNING (negative) when the library is not running.
 */
int vpf_process(struct vpf_dev *dev, uint32_t timeout_ms);

enum vpf_state vpf_state(const struct vpf_dev *dev);
/* Current session tag and whether a master is connected (LINK, spec §4.5). */
uint8_t vpf_session(const struct vpf_dev *dev);
bool vpf_master_up(const struct vpf_dev *dev);
/* Features the master acked (0 before SET_FEATURES). */
uint64_t vpf_features(const struct vpf_dev *dev);
uint64_t vpf_protocol_features(const struct vpf_dev *dev);
void vpf_get_stats(const struct vpf_dev *dev, struct vpf_stats *s);
/* Number of adapter virtqueues (CAPS.NUM_VQS) and the device's. */
unsigned vpf_num_queues(const struct vpf_dev *dev);

/* ---- virtqueues ---- */

/* Virtqueue @idx (NULL if out of range). */
struct vpf_vq *vpf_get_vq(struct vpf_dev *dev, unsigned idx);
unsigned vpf_vq_index(const struct vpf_vq *vq);
/* The device owning @vq and its ctx. */
struct vpf_dev *vpf_vq_dev(const struct vpf_vq *vq);
/* Started (kick set, not stopped) and not broken: the ring is processed. It
 * may be disabled (vpf_vq_enabled): then the device processes it without
 * side effects (spec §9.4: net discards TX and fills no RX buffer, blk
 * leaves its requests in the ring). */
bool vpf_vq_ready(const struct vpf_vq *vq);
/* Enabled (SET_VRING_ENABLE 1, or SET_FEATURES without
 * VHOST_USER_F_PROTOCOL_FEATURES; spec §9.4), started or not. */
bool vpf_vq_enabled(const struct vpf_vq *vq);
/* The master declared a chain invalid; the vq is stopped until the next
 * SET_VRING_* of a new session or vring restart. */
bool vpf_vq_broken(const struct vpf_vq *vq);
/* Ring size (SET_VRING_NUM). */
unsigned vpf_vq_size(const struct vpf_vq *vq);

/*
 * Take the next available chain into @elem. Returns 1 with a chain, 0 when
 * the ring is empty, -1 when the ring or chain is invalid (untrusted master:
 * loop, length, indirect table, address outside the regions, bad index):
 * the vq is then marked broken, the master's ERR doorbell is rung, and
 * nothing more is taken from it.
 */
int vpf_vq_pop(struct vpf_vq *vq, struct vpf_elem *elem);
/* Return a chain with @len bytes written into its writable segments. */
void vpf_vq_push(struct vpf_vq *vq, const struct vpf_elem *elem, uint32_t len);
/* vpf_vq_push without publishing used->idx yet (batching: the master's
 * cache line is written once per batch); vpf_vq_flush, vpf_vq_notify or the
 * next vpf_vq_push publishes every deferred entry. */
void vpf_vq_push_deferred(struct vpf_vq *vq, const struct vpf_elem *elem, uint32_t len);
void vpf_vq_flush(struct vpf_vq *vq);
/* Put a popped chain back (it will be popped again). */
void vpf_vq_unpop(struct vpf_vq *vq);
/* Signal the master (CALL doorbell) if pushes happened and the master wants
 * notifications (event-idx or NO_INTERRUPT). Returns true if rung. */
bool vpf_vq_notify(struct vpf_vq *vq);
/* Convenience: push then notify. */
void vpf_vq_push_notify(struct vpf_vq *vq, const struct vpf_elem *elem, uint32_t len);
/* Ask for kicks (true) or suppress them (false) (VRING_USED_F_NO_NOTIFY /
 * avail_event). Returns true if new buffers arrived meanwhile (re-check). */
bool vpf_vq_set_notification(struct vpf_vq *vq, bool enable);
/* True if available chains are waiting. */
bool vpf_vq_has_work(const struct vpf_vq *vq);

/* Copy helpers over a segment list (pointer or accessor mode). Return bytes
 * copied. */
size_t vpf_iov_to_buf(const struct vpf_iov *iov, unsigned n, size_t off, void *buf, size_t len);
size_t vpf_iov_from_buf(const struct vpf_iov *iov, unsigned n, size_t off, const void *buf,
                        size_t len);

/*
 * Translate a guest physical address range of the master to a segment
 * (either mode, for vpf_iov_to_buf / vpf_iov_from_buf); false unless
 * [gpa, gpa + len) lies inside one region. For devices that find addresses
 * in their own data structures.
 */
bool vpf_gpa_to_iov(struct vpf_dev *dev, uint64_t gpa, uint64_t len, struct vpf_iov *iov);
/*
 * The same as a host pointer; NULL unless [gpa, gpa + len) lies inside one
 * region that the HAL mapped (always NULL in accessor mode).
 */
void *vpf_gpa_to_host(struct vpf_dev *dev, uint64_t gpa, uint64_t len);

/* ---- backend channel ---- */

/* Send BACKEND_CONFIG_CHANGE_MSG (needs BACKEND_REQ and CONFIG negotiated).
 * With @need_reply (and REPLY_ACK) the master's answer arrives through
 * ops->backend_reply. Returns VPF_OK if posted, else VPF_E_NOT_NEGOTIATED,
 * VPF_E_NOT_RUNNING or VPF_E_QUEUE_FULL. */
enum vpf_status vpf_config_changed(struct vpf_dev *dev, bool need_reply);
/* Send any backend-channel request (payload <= 4084 bytes). Returns VPF_OK
 * if posted, else VPF_E_NOT_NEGOTIATED, VPF_E_MSG_SIZE, VPF_E_NOT_RUNNING or
 * VPF_E_QUEUE_FULL. */
enum vpf_status vpf_backend_send(struct vpf_dev *dev, uint32_t request, const void *payload,
                                 uint32_t size, bool need_reply);
/* Ring the master's ERR doorbell of @vq (device-detected ring error). */
void vpf_vq_error(struct vpf_vq *vq);
/* Device-detected violation of the device's request layout by the master
 * (e.g. a virtio-blk chain without header or status byte): mark @vq broken
 * exactly as vpf_vq_pop does for ring errors (ERR rung once, nothing more
 * taken until a ring restart). @why is for logs. */
void vpf_vq_fail(struct vpf_vq *vq, const char *why);

#ifdef __cplusplus
}
#endif

#endif /* VPF_H */
