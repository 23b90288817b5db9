/* SPDX-License-Identifier: MIT */
/*
 * test_master.h - a test vhost-user master (front-end) for the firmware
 * tests. It feeds the core's master face the way a real front-end (QEMU
 * with a vhost-user device) and the platform around it would:
 *  - guest memory in memfds, mapped MAP_SHARED by the master; the platform
 *    side maps each fd again for the resource it hands to the core, and on
 *    ->release replaces that mapping with MAP_FIXED anonymous 0xff pages so
 *    pointers the firmware still holds stay valid (spec §8.5);
 *  - the message sequence QEMU sends, with replies read from ->send;
 *  - split vrings built in guest memory as a virtio driver would, kicks
 *    through vpci_master_kick(), calls and errs counted from ->notify.
 * Single-threaded: blocking calls pump the firmware through a callback.
 */
#ifndef TEST_MASTER_H
#define TEST_MASTER_H

#include <stdbool.h>
#include <stdint.h>

#include "hal_core.h"
#include "vhost_pci_core.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TM_MAX_REGIONS 4u
#define TM_MAX_MAPS 256u
#define TM_INBOX 64u
#define TM_MAX_VQS 8u
#define TM_MAX_RES 1024u

/* A resource handed to the core (vpci_master_msg() returned VPCI_OK or
 * VPCI_EREFUSED: the core owns it) and how often ->release returned it. */
struct tm_res_rec {
    uint64_t cookie;
    int kind;               /* enum vpci_res_kind */
    uint32_t request;       /* the message that carried it */
    unsigned releases;
};

struct tm_region {
    int fd;
    uint64_t gpa, size;
    uint64_t file_off;      /* offset of the region in its fd (mmap offset) */
    uint8_t *va;            /* master's own mapping; also its "user address" */
};

struct tm_map {             /* a platform mapping handed to the core */
    uint8_t *addr;
    uint64_t len;
    uint64_t cookie;
    bool released;
};

struct tm_msg {
    uint32_t chan, len;
    uint8_t data[4096];
};

struct tm_vring {
    unsigned num;
    uint64_t desc_gpa, avail_gpa, used_gpa;
    uint16_t avail_idx;     /* driver's avail idx */
    uint16_t last_used;
    uint16_t next_desc;     /* descriptors handed out in order */
    uint16_t kicked_idx;    /* avail idx at the last kick decision */
    bool kick_fd, call_fd;  /* false: NOFD */
    bool event_idx;
};

struct test_master {
    struct vpci_core *core;
    bool connected;
    unsigned closes;
    int close_reason;
    char close_why[256];
    struct tm_region reg[TM_MAX_REGIONS];
    unsigned nregions;
    bool window_file;       /* regions live in one window file (tm_init_window_file) */
    uint64_t brk;           /* bump allocator over region 0 (gpa) */
    struct tm_map maps[TM_MAX_MAPS];
    unsigned nmaps;
    uint64_t next_cookie;
    unsigned releases, mem_releases;
    struct tm_msg inbox[TM_INBOX]; /* channel-0 replies */
    unsigned in_head, in_count;
    struct tm_msg backend[TM_INBOX]; /* channel-1 requests from the driver */
    unsigned be_count;
    unsigned calls[256], errs[256], logs;
    unsigned sent, eagain;
    struct tm_vring vr[TM_MAX_VQS];
    uint64_t features;      /* acked virtio features */
    uint64_t proto;         /* acked protocol features */
    /* Pump the firmware once (set by the test). */
    void (*pump)(void *ctx);
    void *pump_ctx;
    unsigned pump_limit;    /* pumps before a blocking call gives up (0: 1000) */
    char last_log[256];
    /* Optional hook, called after every message tm_send() handed to the core
     * (VPCI_OK), before anything is pumped: a test may disconnect, reset the
     * driver or pump there (session-boundary tests). Others leave it NULL. */
    void (*on_sent)(void *ctx, uint32_t request);
    void *on_sent_ctx;
    /* Resource ledger (tm_send records, ->release counts); tm_res_forget()
     * clears it. Releases of cookies not in the ledger count as unknown. */
    struct tm_res_rec res[TM_MAX_RES];
    unsigned nres, res_overflow, unknown_releases;
    /* Optional observers (transcripts, ordering checks), called first in
     * ->send, ->notify and ->release with @observe_ctx; NULL: none. */
    void (*on_message)(void *ctx, enum vpci_channel chan, const void *msg, size_t len);
    void (*on_notify)(void *ctx, enum vpci_notify_kind kind, uint16_t vq);
    void (*on_release)(void *ctx, const struct vpci_res *res);
    void *observe_ctx;
    /* Optional: the driver's DMA address of guest address @gpa (a master
     * with a vIOMMU and VIRTIO_F_ACCESS_PLATFORM: an IOVA). When set, ring
     * addresses (SET_VRING_ADDR) and descriptor addresses are its results;
     * NULL: user addresses for rings, guest addresses in descriptors. */
    uint64_t (*dma_addr)(void *ctx, uint64_t gpa);
    void *dma_ctx;
};

/* Guest memory: @nregions memfds of @size bytes at gpa i * 1 GiB. */
bool tm_init(struct test_master *m, unsigned nregions, uint64_t size);
/*
 * Guest memory as ONE window file (spec §8.7, persistent windows): region i
 * at file offset i * @size of a single memfd, handed to the core with
 * VPCI_RES_F_WINDOW_FILE so it is placed at that offset of the window.
 */
bool tm_init_window_file(struct test_master *m, unsigned nregions, uint64_t size);
void tm_fini(struct test_master *m);
/* Serve the master face of @core: attach the test master's callbacks
 * (notify/send/close/release/log) with @m as their opaque, and set m->core.
 * Returns vpci_core_set_master()'s result. */
int tm_attach(struct test_master *m, struct vpci_core *core);

/* Resource ledger: forget every record (after the test checked them). */
void tm_res_forget(struct test_master *m);
/* Unmap the platform mappings the core released (only once the firmware
 * dropped the session, or its stale pointers would fault); returns how many. */
unsigned tm_reclaim(struct test_master *m);

/* Connection. */
int tm_connect(struct test_master *m);
void tm_disconnect(struct test_master *m);

/* Resources, as the platform builds them from fds. */
struct vpci_res tm_res_mem(struct test_master *m, unsigned region);
struct vpci_res tm_res_notifier(struct test_master *m);
struct vpci_res tm_res_kick(struct test_master *m);
struct vpci_res tm_res_channel(struct test_master *m);

/* Send one message (retries on VPCI_EAGAIN after pumping). Returns the
 * vpci_master_msg() result. */
int tm_send(struct test_master *m, uint32_t request, uint32_t flags, const void *payload,
            uint32_t size, const struct vpci_res *res, unsigned nres);
/* Wait (pumping) for the next channel-0 reply; checks its request code and
 * REPLY flag; copies the payload (up to @cap) and its size. */
bool tm_wait_reply(struct test_master *m, uint32_t request, void *payload, uint32_t cap,
                   uint32_t *size);
/* Pending channel-0 replies. */
unsigned tm_replies(const struct test_master *m);
/* Request with a u64 reply (GET_FEATURES...). */
bool tm_get_u64(struct test_master *m, uint32_t request, uint64_t *v);
/* Request with a u64 payload; with @ack, NEED_REPLY and wait for the ack
 * (returns ack == 0). */
bool tm_set_u64(struct test_master *m, uint32_t request, uint64_t v, bool ack);

/* QEMU's device start-up: GET_FEATURES .. SET_BACKEND_REQ_FD, SET_FEATURES
 * (offered & @want). Returns false on any failure. */
bool tm_negotiate(struct test_master *m, uint64_t want_features, uint64_t want_proto);
/* SET_MEM_TABLE with every region. */
bool tm_set_mem_table(struct test_master *m, bool ack);
/* Allocate rings for @vq of @num entries and send NUM/BASE/ADDR/ERR/KICK/CALL/ENABLE. */
bool tm_vring_start(struct test_master *m, unsigned vq, unsigned num, bool kick_fd, bool call_fd);
/* SET_VRING_ENABLE 0 + GET_VRING_BASE; *@base gets the ring position. */
bool tm_vring_stop(struct test_master *m, unsigned vq, uint32_t *base);

/* Guest memory helpers. */
uint64_t tm_alloc(struct test_master *m, uint64_t size, uint64_t align);
void *tm_gpa(struct test_master *m, uint64_t gpa);
uint64_t tm_uva(struct test_master *m, uint64_t gpa);

/* Virtio driver side. */
struct tm_buf {
    uint64_t gpa;
    uint32_t len;
    bool write;
};
/* Add a chain of @n buffers; returns the head descriptor index. */
uint16_t tm_vq_add(struct test_master *m, unsigned vq, const struct tm_buf *b, unsigned n);
/* Write raw descriptor @i. */
void tm_vq_desc(struct test_master *m, unsigned vq, uint16_t i, uint64_t addr, uint32_t len,
                uint16_t flags, uint16_t next);
/* Publish @head in the avail ring (avail idx++). */
void tm_vq_publish(struct test_master *m, unsigned vq, uint16_t head);
/* Kick if the device wants it (event idx / NO_NOTIFY) or @force; returns true if kicked. */
bool tm_vq_kick(struct test_master *m, unsigned vq, bool force);
/* Next used element; false if none. */
bool tm_vq_used(struct test_master *m, unsigned vq, uint32_t *id, uint32_t *len);

/* virtio-blk driver side (test_blk.cpp). A request: 16-byte header at
 * @hdr_gpa (readable), the @ndata data buffers, then the status byte at
 * @hdr_gpa + 16 (writable; preset to 0xee). Returns the head index. */
uint16_t tm_blk_submit(struct test_master *m, unsigned vq, uint32_t type, uint64_t sector,
                       uint64_t hdr_gpa, const struct tm_buf *data, unsigned ndata);
/* Status byte of the request whose header is at @hdr_gpa. */
uint8_t tm_blk_status(struct test_master *m, uint64_t hdr_gpa);

/* virtio-net driver side (test_net.cpp). TX: a zero virtio_net_hdr of
 * @hdr_len bytes then @frame at @gpa, one readable descriptor. RX: post one
 * writable buffer. Both return the head index (no kick). */
uint16_t tm_net_tx(struct test_master *m, unsigned vq, uint64_t gpa, unsigned hdr_len,
                   const void *frame, uint32_t len);
uint16_t tm_net_rx_post(struct test_master *m, unsigned vq, uint64_t gpa, uint32_t len);

#ifdef __cplusplus
}
#endif

#endif /* TEST_MASTER_H */
