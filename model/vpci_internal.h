/* SPDX-License-Identifier: MIT */
/*
 * vpci_internal.h - state of a vhost-pci core instance and the interfaces
 * between its hardware blocks. Not a public header: platforms use
 * vhost_pci_core.h only.
 *
 * One file per block:
 *   vhost_pci_core.c  instance, reset, run loop, adapter block (features,
 *                     status, link, interrupts, errors), register dispatch
 *   csr.c             generic CSR file driven by the generated decode table
 *   cfg.c             config space: BARs and sizing, command, FLR
 *   msix.c            MSI-X table, PBA, masks, external mode, ordering
 *   doorbell.c        doorbell page and its gating
 *   vq.c              VQ block: kick vectors, resource status, kick latch
 *   dma.c             DMA request tags, completion routing, write ordering
 *   msgq.c            M2S and S2M queue engines
 *   fifo.c            M2S wait FIFO of master messages
 *   relay.c           master face: session, validation, relay table, resources
 *   window.c          memory and log windows, translation table
 */
#ifndef VPCI_INTERNAL_H
#define VPCI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vhost_pci_core.h"
#include "vhost_pci_regs.h"
#include "vhost_pci_regs_decode.h"

/* Messages waiting for the driver (spec §11: wait FIFO depth). */
#define VPCI_FIFO_DEPTH 64u
/* Resource actions one relayed message can carry (8 regions, or one fd). */
#define VPCI_MAX_ACTIONS 8u
/* Master requests whose reply is still owed by the driver. */
#define VPCI_MAX_PENDING_REPLIES 64u
/*
 * DMA request slots. Each queue engine has at most one request of the current
 * reset generation outstanding; a request issued before a reset keeps its slot
 * (and its bounce buffer) until the platform completes it, so the spare slots
 * absorb stale requests. When every slot is busy an engine waits.
 */
#define VPCI_DMA_SLOTS 4u
/* vpci_relay_s2m(): not a CPL_STATUS; the message waits (back-pressure, spec §5.10). */
#define VPCI_S2M_HOLD 0xffu

/* ---------------------------------------------------------------- */
/* Resource actions: performed when a message's completion is written */
/* ---------------------------------------------------------------- */
enum vpci_action_op {
    VPCI_ACT_NONE = 0,
    VPCI_ACT_ARM_XLAT,     /* arg = translation index                  */
    VPCI_ACT_WITHDRAW_XLAT, /* arg = translation index (REM_MEM_REG)   */
    VPCI_ACT_ARM_LOG,      /* res = log memory                         */
    VPCI_ACT_ARM_CALL,     /* arg = vq, res = notifier (NONE: NOFD)    */
    VPCI_ACT_ARM_ERR,      /* arg = vq, res = notifier (NONE: NOFD)    */
    VPCI_ACT_ARM_KICK,     /* arg = vq, res = kick (NONE: NOFD)        */
    VPCI_ACT_ARM_LOGFD,    /* res = notifier                           */
    VPCI_ACT_ARM_CHANNEL,  /* res = backend channel                    */
};

struct vpci_action {
    enum vpci_action_op op;
    uint32_t arg;
    struct vpci_res res;
};

/* A message waiting in the M2S wait FIFO. */
struct vpci_msg_slot {
    uint32_t len;            /* header + payload bytes            */
    uint8_t chan;            /* enum vpci_channel                 */
    uint8_t session;
    uint8_t nact;
    struct vpci_action act[VPCI_MAX_ACTIONS];
    uint8_t data[VPCI_MAX_MSG_SIZE];
};

/* ---------------------------------------------------------------- */
/* Blocks                                                            */
/* ---------------------------------------------------------------- */

/* CSR storage for every register of the decode table that is not hwext. */
#define VPCI_CSR_LOOKUP_SLOTS 16u

struct vpci_csr {
    uint32_t val[VPCI_REG_COUNT];
    /* Decode cache of csr_walk (a firmware polling a few registers pays the
     * binary search of vpci_reg_lookup once): key = (offset << 2 | space) + 1,
     * 0 = empty; the descriptors are the generated constant table. */
    uint32_t lk_key[VPCI_CSR_LOOKUP_SLOTS];
    const struct vpci_reg_desc *lk_reg[VPCI_CSR_LOOKUP_SLOTS];
};

/* Config space state beyond the CSR storage. */
struct vpci_cfg {
    uint32_t bar[6];         /* raw BAR register values */
};

struct vpci_msix {
    uint32_t table[VPCI_MAX_MSIX_VECTORS * 4]; /* addr lo, addr hi, data, ctrl */
    uint32_t pba[VPCI_MAX_MSIX_VECTORS / 32];  /* PBA: signalled while masked */
    uint32_t wait[VPCI_MAX_MSIX_VECTORS / 32]; /* sent, waiting for earlier DMA writes */
    /* External mode: state the platform reported (zero = enabled, unmasked). */
    uint32_t ext_mask[VPCI_MAX_MSIX_VECTORS / 32];
    bool ext_disabled, ext_func_masked;
};

/* Per-virtqueue resources (spec §7). */
struct vpci_vq {
    uint16_t vector;         /* VQ.VECTOR, NO_VECTOR when none      */
    bool kick_armed, call_armed, err_armed;
    bool kick_nofd, call_nofd, err_nofd;
    struct vpci_res kick, call, err;
};

struct vpci_dma_slot {
    bool busy;
    uint8_t source;          /* enum vpci_dma_source               */
    enum vpci_dma_dir dir;
    uint32_t tag;
    uint64_t seq;            /* write sequence (writes only)       */
    struct vpci_dma_req req;
    uint32_t gen;            /* dma.gen at issue; older: stale (dma.c) */
    void *dst;               /* READ: where the data goes on completion */
    uint8_t bounce[VPCI_MAX_MSG_SIZE]; /* req.buf: owned until completion */
};

/* What a DMA request is for: the DETAIL of a DMA error (spec §11.3). */
enum vpci_dma_source {
    VPCI_DMA_SRC_M2S_DESC = 1, /* M2S descriptor read   */
    VPCI_DMA_SRC_M2S_DATA = 2, /* M2S message data write */
    VPCI_DMA_SRC_M2S_CPL = 3,  /* M2S completion write   */
    VPCI_DMA_SRC_S2M_DESC = 4, /* S2M descriptor read   */
    VPCI_DMA_SRC_S2M_DATA = 5, /* S2M message data read  */
    VPCI_DMA_SRC_S2M_CPL = 6,  /* S2M completion write   */
    /* 7 (MSI-X write) is not a DMA request here: ->msi has no completion. */
};

struct vpci_dma {
    struct vpci_dma_slot slot[VPCI_DMA_SLOTS];
    uint32_t gen;            /* bumped on reset: stale tags are ignored */
    uint64_t wr_seq;         /* last write sequence issued           */
    uint32_t next_tag;
};

/* States of one queue engine. */
enum vpci_q_state {
    VPCI_Q_IDLE = 0,
    VPCI_Q_DESC,             /* descriptor read outstanding   */
    VPCI_Q_DATA,             /* data read/write outstanding   */
    VPCI_Q_CPL,              /* completion write outstanding  */
};

struct vpci_msgq {
    bool s2m;
    bool enabled;
    bool error;
    enum vpci_q_state state;
    uint16_t head;           /* HEAD register                 */
    uint16_t tail;           /* TAIL register                 */
    uint8_t desc_buf[16];
    uint8_t cpl_buf[16];
    uint8_t s2m_buf[VPCI_MAX_MSG_SIZE];
    uint32_t cpl_status;     /* status of the completion being written */
    uint32_t cpl_len;
    uint32_t cpl_request;
    uint8_t cpl_chan, cpl_session;
    bool cpl_consumes_msg;   /* M2S: completion delivers the FIFO head */
    bool dma_failed;
    bool s2m_hold;           /* S2M: data read, waiting to be relayed (§5.10) */
    /* msgq.c engine bookkeeping */
    uint64_t desc_base, cpl_base; /* sampled at enable              */
    uint8_t log2;            /* sampled at enable                  */
    bool outstanding;        /* request of @state issued           */
    bool done;               /* ... and its completion arrived     */
    bool drop;               /* ... which is to be ignored         */
    uint32_t epoch;          /* bumped by reset/enable/disable/stop */
    uint32_t msg_head;       /* M2S: FIFO index of the message     */
    uint32_t err_cause, err_code, err_detail; /* recorded with the completion */
};

/* Wait FIFO of master messages (ring of slots); fifo.c only. */
struct vpci_fifo {
    struct vpci_msg_slot slot[VPCI_FIFO_DEPTH];
    uint32_t head, count;
};

/* One translation of the memory window (spec §8.2). */
enum vpci_xlat_state {
    VPCI_XLAT_FREE = 0,
    VPCI_XLAT_PENDING,       /* installed, message not yet visible */
    VPCI_XLAT_ARMED,
    VPCI_XLAT_REMOVING,      /* REM_MEM_REG relayed, not yet consumed */
};

struct vpci_xlat {
    enum vpci_xlat_state state;
    uint64_t win_off, size, gpa, uaddr;
    struct vpci_res res;
    bool rm_queued;          /* a REM_MEM_REG for it is queued (relay.c) */
};

struct vpci_window {
    struct vpci_xlat xlat[VPCI_MAX_REGIONS];
    uint16_t gen;            /* WINDOW.MEM_STATUS.GEN */
    bool log_armed, log_pending;
    uint64_t log_size;
    struct vpci_res log;
    uint64_t absent_addr;
};

struct vpci_pending_reply {
    uint32_t request;
    uint8_t session;
    uint8_t chan;
    uint32_t arg;            /* GET_CONFIG: config size asked (reply bound) */
};

/* Master-face state (relay.c). */
struct vpci_relay {
    bool connected;
    bool bound;                  /* a message of this session reached the driver */
    uint8_t session;
    uint64_t proto_features;     /* acked by SET_PROTOCOL_FEATURES */
    bool chan_armed;             /* backend channel usable          */
    struct vpci_res chan;
    bool logfd_armed;
    struct vpci_res logfd;
    /* Reply-wait lists (spec §5.10), oldest first: master requests awaiting
     * the driver's or adapter's reply, and backend requests awaiting the
     * master's reply. */
    struct vpci_pending_reply replies[VPCI_MAX_PENDING_REPLIES];
    uint32_t rep_count;
    struct vpci_pending_reply breplies[VPCI_MAX_PENDING_REPLIES];
    uint32_t brep_count;
};

/* Adapter block state (vhost_pci_core.c). */
struct vpci_adapter {
    uint32_t drv_features[2];
    uint32_t status;             /* ADAPTER.STATUS */
    uint32_t error_info;
    uint64_t reset_seq;          /* CONTROL.RESET_BUSY until writes up to here complete */
};

struct vpci_core {
    struct vpci_params p;
    struct vpci_driver_ops drv;  /* driver face (always present)      */
    void *drv_opaque;
    struct vpci_master_ops mst;  /* master face (zeroed when detached) */
    void *mst_opaque;
    bool has_master;
    vpci_event_sink_fn sink;     /* event observer (neither face), or NULL */
    void *sink_opaque;

    struct vpci_csr csr;
    struct vpci_cfg cfg;
    struct vpci_adapter adapter;
    struct vpci_msix msix;
    struct vpci_vq vq[VPCI_MAX_VQS];
    struct vpci_dma dma;
    struct vpci_msgq q[2];       /* [0] M2S, [1] S2M */
    struct vpci_fifo fifo;
    struct vpci_window win;
    struct vpci_relay relay;
    struct vpci_stats stats;

    unsigned depth;              /* API nesting: defer work while > 0 */
    bool run_pending;
};

/* ---------------------------------------------------------------- */
/* vhost_pci_core.c                                                  */
/* ---------------------------------------------------------------- */

/* Enter/leave an API call; leave runs deferred work at the outermost level. */
void vpci_enter(struct vpci_core *c);
void vpci_leave(struct vpci_core *c);
/* Ask for the engines to run when the outermost API call returns. */
void vpci_kick_engines(struct vpci_core *c);

/* Record a driver-side error: ERROR_CAUSE bit(s) @cause_mask, ERROR_INFO
 * code/detail, INT_CAUSE.ERROR (and its interrupt); reported as
 * VPCI_EV_GUEST_ERROR. */
void vpci_error(struct vpci_core *c, uint32_t cause_mask, uint32_t code, uint32_t detail);
/* vpci_error() whose event has the line formatted from @fmt, also logged. */
void vpci_error_logf(struct vpci_core *c, uint32_t cause_mask, uint32_t code, uint32_t detail,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Record the error of a refused master message (ERROR_CAUSE.MASTER_REFUSED,
 * ERROR_INFO @code/@detail); the relay reports it as VPCI_EV_MASTER_REFUSED. */
void vpci_error_refused(struct vpci_core *c, uint32_t code, uint32_t detail);
/* A link event (master connect or disconnect, spec §4.5): reported as
 * VPCI_EV_LINK_CHANGE, then INT_CAUSE.LINK_CHANGE is set. */
void vpci_link_change(struct vpci_core *c);
/* Set INT_CAUSE bits; sends INT_VECTOR when a newly set bit is enabled. */
void vpci_raise(struct vpci_core *c, uint32_t cause_bits);
/* Adapter reset (CONTROL.RESET, FLR): everything but config space. */
void vpci_adapter_reset(struct vpci_core *c);
/* True when STATUS.DRIVER_OK is set and the adapter relays. */
bool vpci_driver_ready(const struct vpci_core *c);
/* Adapter features the driver accepted (0 until FEATURES_OK, spec §4.2). */
uint64_t vpci_adapter_features(const struct vpci_core *c);
/* The ring DMA of queue @queue (0 M2S, 1 S2M) failed: STATUS.NEEDS_RESET
 * (spec §11.4), reported as VPCI_EV_NEEDS_RESET. The queues are msgq.c's. */
void vpci_adapter_needs_reset(struct vpci_core *c, unsigned queue);
/* True when COMMAND.BUS_MASTER allows DMA and MSI. */
bool vpci_bus_master(const struct vpci_core *c);
/*
 * Report event @ev (code and its arguments; session and text are filled in on
 * a copy) with the line formatted from @fmt: to the event sink, and with @log
 * also to the master face's ->log. Formats nothing when nobody listens.
 */
void vpci_eventf(struct vpci_core *c, const struct vpci_event *ev, bool log, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Read/write an external (hwext) register; dispatches by register id. */
uint32_t vpci_ext_read(struct vpci_core *c, const struct vpci_reg_desc *r);
void vpci_ext_write(struct vpci_core *c, const struct vpci_reg_desc *r, uint32_t val, uint32_t bytemask);
/* A non-external register was written (old -> new); @pulse holds r0w1c bits written 1. */
void vpci_reg_written(struct vpci_core *c, const struct vpci_reg_desc *r, uint32_t old,
                      uint32_t val, uint32_t pulse);

/* ---------------------------------------------------------------- */
/* csr.c                                                             */
/* ---------------------------------------------------------------- */

/* Reset every CSR of @space to its YAML reset value. */
void vpci_csr_reset(struct vpci_core *c, unsigned space);
/* Access @size bytes at @off in @space through the decode table. Returns false
 * when no register covers the access (a hole). */
bool vpci_csr_read(struct vpci_core *c, unsigned space, uint32_t off, unsigned size, uint32_t *val);
bool vpci_csr_write(struct vpci_core *c, unsigned space, uint32_t off, unsigned size, uint32_t val);
/* Storage of register @id (non-hwext). */
static inline uint32_t vpci_csr_get(const struct vpci_core *c, unsigned id) { return c->csr.val[id]; }
static inline void vpci_csr_set(struct vpci_core *c, unsigned id, uint32_t v) { c->csr.val[id] = v; }
/* Hardware sets bits in a rw1c/hwo register (e.g. INT_CAUSE). */
static inline void vpci_csr_hw_set(struct vpci_core *c, unsigned id, uint32_t bits) { c->csr.val[id] |= bits; }

/* ---------------------------------------------------------------- */
/* cfg.c                                                             */
/* ---------------------------------------------------------------- */

void vpci_cfg_reset(struct vpci_core *c);
uint32_t vpci_cfg_bar_read(struct vpci_core *c, unsigned idx);
void vpci_cfg_bar_write(struct vpci_core *c, unsigned idx, uint32_t val, uint32_t bytemask);
/* COMMAND.MEM_EN */
bool vpci_cfg_mem_enabled(const struct vpci_core *c);
/* Refresh hardware-written config fields (DEVSTA.TRANS_PENDING) before a read. */
void vpci_cfg_sync(struct vpci_core *c);

/* ---------------------------------------------------------------- */
/* msix.c                                                            */
/* ---------------------------------------------------------------- */

void vpci_msix_reset(struct vpci_core *c);
uint32_t vpci_msix_read(struct vpci_core *c, uint32_t off, unsigned size);  /* BAR0 MSIX block */
void vpci_msix_write(struct vpci_core *c, uint32_t off, unsigned size, uint32_t val);
/* Signal @vector (NO_VECTOR: nothing). Honours enable, masks, PBA, ordering. */
void vpci_msix_signal(struct vpci_core *c, uint16_t vector);
/* MSI-X enable or function mask changed, or DMA writes completed: deliver what can go. */
void vpci_msix_update(struct vpci_core *c);
/* True while an MSI-X message waits for DMA writes: no new write may be issued
 * (the write fence of spec §5.7 rule 2). */
bool vpci_msix_waiting(const struct vpci_core *c);

/* ---------------------------------------------------------------- */
/* doorbell.c                                                        */
/* ---------------------------------------------------------------- */

/* A write of @size bytes at @off inside the doorbell page. */
void vpci_doorbell_write(struct vpci_core *c, uint32_t off, unsigned size);

/* ---------------------------------------------------------------- */
/* vq.c                                                              */
/* ---------------------------------------------------------------- */

void vpci_vq_reset(struct vpci_core *c);
uint32_t vpci_vq_ext_read(struct vpci_core *c, unsigned id);
void vpci_vq_ext_write(struct vpci_core *c, unsigned id, uint32_t val);
/* A stored VQ register was written (SEL >= NUM_VQS records VQ_RANGE). */
void vpci_vq_written(struct vpci_core *c, unsigned id, uint32_t old, uint32_t val);
/* The doorbell target of @vq: its armed call (or, with @err, err) notifier,
 * or NULL; *@nofd tells whether the master declared polling (NOFD). */
const struct vpci_res *vpci_vq_notifier(const struct vpci_core *c, uint16_t vq, bool err,
                                        bool *nofd);
/* Kick of @vq from the master. */
void vpci_vq_kick(struct vpci_core *c, uint16_t vq);
/* Disarm every resource of every vq, releasing them (session end). */
void vpci_vq_withdraw_all(struct vpci_core *c);
/* Arm a resource (action of a delivered message); releases what it replaces. */
void vpci_vq_arm(struct vpci_core *c, enum vpci_action_op op, uint16_t vq, const struct vpci_res *res);

/* ---------------------------------------------------------------- */
/* dma.c                                                             */
/* ---------------------------------------------------------------- */

void vpci_dma_reset(struct vpci_core *c);
/* Issue a request for @source; returns false if BUS_MASTER is off or no slot. */
bool vpci_dma_issue(struct vpci_core *c, enum vpci_dma_source source, enum vpci_dma_dir dir,
                    uint64_t addr, uint32_t len, void *buf);
/* Sequence number of the most recent DMA write issued. */
uint64_t vpci_dma_write_seq(const struct vpci_core *c);
/* True when every DMA write with sequence <= @seq has completed. */
bool vpci_dma_writes_done(const struct vpci_core *c, uint64_t seq);
/* Number of outstanding requests (DEVSTA.TRANS_PENDING). */
unsigned vpci_dma_outstanding(const struct vpci_core *c);

/* ---------------------------------------------------------------- */
/* msgq.c                                                            */
/* ---------------------------------------------------------------- */

void vpci_msgq_reset(struct vpci_core *c);
uint32_t vpci_msgq_ext_read(struct vpci_core *c, unsigned id);
/* Queue register written (non-hwext: CTRL, TAIL, bases, size). */
void vpci_msgq_written(struct vpci_core *c, unsigned id);
/* Completion of a DMA request of engine @q. */
void vpci_msgq_dma_done(struct vpci_core *c, unsigned q, enum vpci_dma_status st);
/* Advance both engines as far as possible; returns true on progress. */
bool vpci_msgq_run(struct vpci_core *c);

/* ---------------------------------------------------------------- */
/* fifo.c                                                            */
/* ---------------------------------------------------------------- */

/* Messages waiting. */
uint32_t vpci_fifo_count(const struct vpci_core *c);
/* True when no message can be appended. */
bool vpci_fifo_full(const struct vpci_core *c);
/* The @i-th oldest waiting message (0: the head), or NULL if fewer wait. */
struct vpci_msg_slot *vpci_fifo_at(struct vpci_core *c, uint32_t i);
/* Ring position of the head message: identifies it while it stays the head. */
uint32_t vpci_fifo_head_pos(const struct vpci_core *c);
/* The free slot after the newest message, actions cleared, for the relay to
 * build a message in; NULL when full. Not waiting until vpci_fifo_push(). */
struct vpci_msg_slot *vpci_fifo_tail(struct vpci_core *c);
/* Append the message built in the vpci_fifo_tail() slot. */
void vpci_fifo_push(struct vpci_core *c);
/* Remove the head message (delivered). */
void vpci_fifo_pop(struct vpci_core *c);
/* Remove every message (their resources were discarded by the caller). */
void vpci_fifo_clear(struct vpci_core *c);

/* ---------------------------------------------------------------- */
/* relay.c                                                           */
/* ---------------------------------------------------------------- */

void vpci_relay_reset(struct vpci_core *c);
/* Master-face entry points (see vhost_pci_core.h). */
int vpci_relay_master_msg(struct vpci_core *c, enum vpci_channel chan, const void *msg, size_t len,
                          const struct vpci_res *res, unsigned nres);
/* The M2S engine wrote the completion of @slot: arm its resources. */
void vpci_relay_delivered(struct vpci_core *c, struct vpci_msg_slot *slot);
/* Release the resources of a message that will never be delivered. */
void vpci_relay_discard(struct vpci_core *c, struct vpci_msg_slot *slot);
/* Validate and send an S2M message; returns a CPL_STATUS value, or
 * VPCI_S2M_HOLD when it must wait (backend-reply list full). */
uint8_t vpci_relay_s2m(struct vpci_core *c, uint8_t chan, uint8_t session, const uint8_t *msg,
                       uint32_t len);
/* A master connected: a new session (connected, unbound, nothing owed,
 * SESSION + 1), reported as VPCI_EV_SESSION_CONNECTED. Returns its tag. */
uint8_t vpci_relay_connect(struct vpci_core *c);
/* A session exists (LINK.MASTER_UP). */
bool vpci_relay_connected(const struct vpci_core *c);
/* A message of the session reached the driver (spec §4.4 bound session). */
bool vpci_relay_bound(const struct vpci_core *c);
/* Tag of the current session, or of the last one (LINK.SESSION). */
uint8_t vpci_relay_session(const struct vpci_core *c);
/* The backend channel is armed (LINK.BACKEND_CHAN). */
bool vpci_relay_chan_armed(const struct vpci_core *c);
/* The backend-channel socket of resource @cookie closed (spec §10.6). */
void vpci_relay_backend_gone(struct vpci_core *c, uint64_t cookie);
/* The armed notifier of the LOG doorbell, or NULL. */
const struct vpci_res *vpci_relay_logfd(const struct vpci_core *c);
/*
 * End the session, for every cause (spec §10.2, §10.4): no session from here
 * on (a callback re-entering disconnect is a no-op), undelivered messages
 * discarded, every master-face resource withdrawn, VPCI_EV_SESSION_ENDED
 * reported with @reason (logged for a disconnect and a driver failure).
 * Without a session only the withdrawal is done. LINK_CHANGE and ->close
 * are the caller's: their order differs per cause.
 */
void vpci_session_end(struct vpci_core *c, enum vpci_session_end_reason reason);
/* Release a resource through the master face's ->release (NONE kinds are ignored). */
void vpci_res_release(struct vpci_core *c, struct vpci_res *res);

/* ---------------------------------------------------------------- */
/* window.c                                                          */
/* ---------------------------------------------------------------- */

void vpci_window_reset(struct vpci_core *c);
/* WINDOW registers (GEN, ABSENT_ADDR) to their reset values, translations
 * kept (a reset keeping an unbound session, spec §4.4). */
void vpci_window_reset_registers(struct vpci_core *c);
uint32_t vpci_window_ext_read(struct vpci_core *c, unsigned id);
/* Accesses to BAR2 (memory window) and BAR4 (log window). */
uint64_t vpci_window_read(struct vpci_core *c, unsigned bar, uint64_t off, unsigned size);
void vpci_window_write(struct vpci_core *c, unsigned bar, uint64_t off, unsigned size, uint64_t val);
void *vpci_window_map(struct vpci_core *c, unsigned bar, uint64_t off, uint64_t len);
/* The live translation of BAR 2 covering @off: host pointer of its first
 * byte, its window offset and extent; NULL if @off is absent. */
void *vpci_window_map_span(struct vpci_core *c, unsigned bar, uint64_t off, uint64_t *start,
                           uint64_t *len);
/* Place a region first fit; returns the translation index or -1 if it does not fit. */
int vpci_window_place(struct vpci_core *c, uint64_t gpa, uint64_t size, uint64_t uaddr,
                      const struct vpci_res *res);
/* Place a region at window offset @win_off (identity placement, spec §8.2);
 * returns the index, -1 if no slot is free or it does not fit the window,
 * -2 if it overlaps a placed translation. */
int vpci_window_place_at(struct vpci_core *c, uint64_t win_off, uint64_t gpa, uint64_t size,
                         uint64_t uaddr, const struct vpci_res *res);
/* Would a region of @size (at @win_off, identity; UINT64_MAX: first fit) fit
 * once every translation whose removal is queued is gone? */
bool vpci_window_fits_after_removals(const struct vpci_core *c, uint64_t win_off, uint64_t size);
/* Find the armed/pending translation matching a REM_MEM_REG region. */
int vpci_window_find(const struct vpci_core *c, uint64_t gpa, uint64_t size, uint64_t uaddr);
/* A translation SET_MEM_TABLE may keep for a region (spec §8.3): placed, no
 * removal queued, not in @skip, same guest address, size, user address and
 * mapping @host, and at *@win_off unless @win_off is NULL. Index or -1. */
int vpci_window_find_same(const struct vpci_core *c, uint64_t gpa, uint64_t size, uint64_t uaddr,
                          const void *host, const uint64_t *win_off,
                          const bool skip[VPCI_MAX_REGIONS]);
/* The first placed translation without a queued removal that overlaps a
 * region in guest addresses (*@in_guest = true, checked first) or in user
 * addresses; -1 if none (ADD_MEM_REG, spec §8.4). */
int vpci_window_overlap(const struct vpci_core *c, uint64_t gpa, uint64_t size, uint64_t uaddr,
                        bool *in_guest);
/* Placed translations, how many of them have a removal queued, and the
 * bytes of the others. */
void vpci_window_usage(const struct vpci_core *c, unsigned *placed, unsigned *removing,
                       uint64_t *live_bytes);
/* Translation @idx is placed (not FREE). */
bool vpci_window_placed(const struct vpci_core *c, unsigned idx);
/* Translation @idx is placed and not yet armed. */
bool vpci_window_pending(const struct vpci_core *c, unsigned idx);
/* Window offset of translation @idx (what the relayed region table says). */
uint64_t vpci_window_offset(const struct vpci_core *c, unsigned idx);
/* A REM_MEM_REG for translation @idx was accepted: its removal is queued
 * (an armed entry serves accesses as REMOVING until the withdrawal). */
void vpci_window_queue_removal(struct vpci_core *c, unsigned idx);
/* That REM_MEM_REG was discarded undelivered: the removal never happens. */
void vpci_window_cancel_removal(struct vpci_core *c, unsigned idx);
void vpci_window_arm(struct vpci_core *c, unsigned idx);
void vpci_window_withdraw(struct vpci_core *c, unsigned idx);
/* Drop every translation and the log (SET_MEM_TABLE, session end). */
void vpci_window_withdraw_all(struct vpci_core *c, bool include_log);
/* Install the log (pending until armed); false if larger than the log window. */
bool vpci_window_set_log(struct vpci_core *c, uint64_t size, const struct vpci_res *res);
void vpci_window_arm_log(struct vpci_core *c);
/* Drop the log (armed or pending), releasing its resource. */
void vpci_window_withdraw_log(struct vpci_core *c);

/* [a, a + as) and [b, b + bs) share a byte. */
static inline bool vpci_ranges_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
    return a < b + bs && b < a + as;
}

/* Little-endian helpers for in-memory formats. */
static inline uint16_t vpci_le16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static inline uint32_t vpci_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline uint64_t vpci_le64(const uint8_t *p)
{
    return (uint64_t)vpci_le32(p) | ((uint64_t)vpci_le32(p + 4) << 32);
}
static inline void vpci_put_le16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void vpci_put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static inline void vpci_put_le64(uint8_t *p, uint64_t v)
{
    vpci_put_le32(p, (uint32_t)v);
    vpci_put_le32(p + 4, (uint32_t)(v >> 32));
}

#endif /* VPCI_INTERNAL_H */
