/* SPDX-License-Identifier: MIT */
/*
 * vhost_pci_core.h - public API of the vhost-pci golden model.
 *
 * The core is a deterministic, single-threaded state machine that models the
 * whole adapter of docs/spec.md: PCI config space, the CSR file, the M2S/S2M
 * queue DMA engine, doorbells, MSI-X table and PBA, memory and log windows,
 * and the adapter state machine. It does no I/O, keeps no global state and
 * does not allocate after vpci_core_create().
 *
 * Two faces:
 *   driver face  - config/MMIO accesses in (vpci_cfg_*, vpci_mmio_*), DMA
 *                  requests and MSI-X messages out (struct vpci_driver_ops),
 *                  DMA completions in (vpci_dma_complete);
 *   master face  - vhost-user messages with resource descriptors, kicks,
 *                  connect/disconnect in (vpci_master_*); notifications,
 *                  messages to the master and session closes out
 *                  (struct vpci_master_ops).
 * Each face has its own ops table and opaque; either host may be absent.
 *
 * Re-entrancy: a platform callback may call back into the same core. Every
 * op except ->log may call vpci_dma_complete(), vpci_master_connect(),
 * vpci_master_disconnect(), vpci_master_backend_gone(), vpci_master_kick(), vpci_msix_ext_mask(),
 * vpci_msix_ext_state(), vpci_mmio_*() and vpci_cfg_*() (including
 * CONTROL.RESET and FLR) and vpci_core_pci_reset(); typical uses are
 * completing a DMA request from inside ->dma() and disconnecting from inside
 * ->close(), ->send() or ->release(). The core makes its state consistent
 * before each callback and defers engine work until the outermost call
 * returns, so such calls never recurse into the engines. vpci_master_msg()
 * should not be called from a callback (it works, but the message may be
 * answered from inside the callback), vpci_core_destroy() never; ->log and
 * the event sink (vpci_core_set_event_sink()) must not call into the core.
 * While vpci_core_destroy() runs, ->release must not call into the core
 * either.
 */
#ifndef VHOST_PCI_CORE_H
#define VHOST_PCI_CORE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct vpci_core;

/* Where the MSI-X table lives (spec §7.4). */
enum vpci_msix_mode {
    VPCI_MSIX_INTERNAL = 0, /* table in BAR0; the core issues MSI writes   */
    VPCI_MSIX_EXTERNAL = 1, /* table outside (QEMU, hard IP); ->irq(vector) */
};

/* Whether the platform can revoke a window mapping (spec §8.2, §8.7). */
enum vpci_win_mode {
    VPCI_WIN_TRAPPED = 0,    /* every window access goes through the core */
    VPCI_WIN_PERSISTENT = 1, /* the platform maps windows directly: identity
                              * placement in its window file (spec §8.2)  */
};

/* Creation-time parameters (regs/vhost_pci_regs.yaml "params"). */
struct vpci_params {
    uint32_t num_vqs;      /* 1..VPCI_MAX_VQS                        */
    uint32_t msix_vectors; /* 1..VPCI_MAX_MSIX_VECTORS               */
    uint32_t mem_win_log2; /* VPCI_PARAM_MEM_WIN_LOG2_MIN..MAX       */
    uint32_t log_win_log2; /* VPCI_PARAM_LOG_WIN_LOG2_MIN..MAX       */
    enum vpci_msix_mode msix_mode;
    enum vpci_win_mode win_mode;
};

/* Kinds of master notification the driver can trigger (doorbells). */
enum vpci_notify_kind {
    VPCI_NOTIFY_CALL = 0, /* vring call of a virtqueue */
    VPCI_NOTIFY_ERR = 1,  /* vring err of a virtqueue  */
    VPCI_NOTIFY_LOG = 2,  /* log changed (vq unused)   */
};

/* Message channels, as tagged in descriptors and completions (spec §5.5). */
enum vpci_channel {
    VPCI_CHAN_MASTER = 0,  /* front-end requests and their replies         */
    VPCI_CHAN_BACKEND = 1, /* backend-channel requests and their replies   */
};

/* Why the core asks the platform to close the master session. */
enum vpci_close_reason {
    VPCI_CLOSE_REFUSED = 1,     /* master message refused (spec §6)         */
    VPCI_CLOSE_DRIVER_RESET = 2, /* driver or PCI reset ended the session   */
};

/* DMA request issued by the core into driver memory. */
enum vpci_dma_dir {
    VPCI_DMA_READ = 0,  /* driver memory -> buf */
    VPCI_DMA_WRITE = 1, /* buf -> driver memory */
};

struct vpci_dma_req {
    uint32_t tag;           /* echo in vpci_dma_complete()                 */
    enum vpci_dma_dir dir;
    uint64_t addr;          /* bus address                                  */
    uint32_t len;           /* bytes, 1..VPCI_MAX_MSG_SIZE                  */
    void *buf;              /* core-owned; valid until the completion       */
};

/* Status of a completed DMA request. */
enum vpci_dma_status {
    VPCI_DMA_OK = 0,
    VPCI_DMA_ERROR = 1, /* unmapped address, IOMMU fault, bus error */
};

/*
 * A resource the platform made from a file descriptor of a master message
 * (spec §6.5, §7, §8). The core never dereferences anything but ->host of
 * memory resources, and only inside [host, host + size).
 */
enum vpci_res_kind {
    VPCI_RES_NONE = 0,
    VPCI_RES_MEM = 1,      /* memory region or log: host mapping      */
    VPCI_RES_NOTIFIER = 2, /* call/err/log eventfd: signalled by the platform */
    VPCI_RES_KICK = 3,     /* kick eventfd: watched by the platform   */
    VPCI_RES_CHANNEL = 4,  /* backend channel socket                  */
};

struct vpci_res {
    enum vpci_res_kind kind;
    /* VPCI_RES_MEM: host address of the first byte the message describes: the
     * fd's mapping plus the region's mmap offset (memory regions) or plus the
     * log offset (SET_LOG_BASE). */
    void *host;
    uint64_t size;   /* VPCI_RES_MEM: bytes mapped at host                           */
    uint64_t cookie; /* platform handle, returned in ->notify() and ->release()      */
    uint32_t flags;  /* VPCI_RES_F_*; 0 when unused                                 */
};

/* VPCI_RES_MEM: the fd is the platform's window file (persistent windows,
 * spec §8.2, §8.7). In VPCI_WIN_PERSISTENT mode a memory region without it
 * is refused (MASTER_REFUSED). */
#define VPCI_RES_F_WINDOW_FILE 1u

/*
 * The core's platform operations form two faces, each its own table with its
 * own opaque (spec §12.1): the driver face is served by whatever hosts the
 * driver (a HAL port, a TLM initiator, an AXI testbench, a vfio-user server),
 * the master face by whatever hosts the master (a vhost-user socket, a
 * replayed recording, a testbench stream). A platform may serve one face and
 * not the other. All ops are called from inside a core API call, never
 * asynchronously. Pointers passed to them are valid only during the call
 * unless stated otherwise.
 */

/* Driver face: what the core does to the driver's side of the bus. */
struct vpci_driver_ops {
    /* Issue a DMA request; complete it with vpci_dma_complete(), now or later. */
    void (*dma)(void *opaque, const struct vpci_dma_req *req);
    /* Internal MSI-X: write @data to @addr. Issued only after every earlier
     * DMA write has completed (spec §5.7 rule 2). */
    void (*msi)(void *opaque, uint16_t vector, uint64_t addr, uint32_t data);
    /* External MSI-X: raise @vector; same ordering rule as ->msi. */
    void (*irq)(void *opaque, uint16_t vector);
    /* Optional: the live translation at window offsets [@off, @off + @len) of
     * BAR @bar (2) is being withdrawn; called before its resource is released
     * (->release), so a platform that handed out direct pointers into it
     * (vpci_window_ptr(), vpci_window_span(): TLM DMI) revokes them here.
     * Must not call into the core. */
    void (*unmap)(void *opaque, unsigned bar, uint64_t off, uint64_t len);
};

/* Master face: what the core does to the master's side (the session). */
struct vpci_master_ops {
    /* Signal the master's call/err/log notifier identified by @cookie. */
    void (*notify)(void *opaque, enum vpci_notify_kind kind, uint16_t vq, uint64_t cookie);
    /* Send a complete vhost-user message to the master on @chan. Never
     * "busy": the platform buffers messages to the master (bounded) and
     * closes a master that stops reading (spec §5.6, §12.1). */
    void (*send)(void *opaque, enum vpci_channel chan, const void *msg, size_t len);
    /* Close the master session (the platform calls vpci_master_disconnect()
     * once the connection is gone, possibly from inside this callback). */
    void (*close)(void *opaque, enum vpci_close_reason reason, const char *why);
    /* A resource handed in with a master message is no longer used. For a
     * VPCI_RES_MEM resource this is the point where pointers into its window
     * range (vpci_window_ptr(), DMI, mappings) become invalid: the platform
     * drops them here, before the resource is unmapped. */
    void (*release)(void *opaque, const struct vpci_res *res);
    /* Optional: one human-readable line about what the core did or refused
     * (also for driver-face events: the log belongs to whoever reports). */
    void (*log)(void *opaque, const char *line);
};

/*
 * Model events (spec §12.1). Alongside the optional ->log line of the master
 * face, the core reports what it did as typed events to an observer sink
 * that belongs to neither face (a test, a trace, a bridge's report). Every
 * ->log line is the text of exactly one event; events whose text is not
 * logged exist too (every guest error, status change, link change...).
 *
 * Fields are zero unless the code's description names them; @session is
 * LINK.SESSION (the current session, or the last one) for every code.
 */
enum vpci_event_code {
    /* A driver-side error was recorded (spec §4.7, §11.3): @cause = the
     * ERROR_CAUSE bit(s) set, @err_code / @detail = ERROR_INFO.CODE /
     * DETAIL (VPCI_ERROR_CODE_*; DETAIL decodes per §11.3: BAR offset, vq,
     * DMA source, queue, request code, ...). Logged for RING_BAD and
     * QUEUE_OVERFLOW. */
    VPCI_EV_GUEST_ERROR = 1,
    /* A master message was refused (spec §6.5, §8.5); the session ends
     * (VPCI_EV_SESSION_ENDED before it). @chan, @request = its channel and
     * vhost-user request code (0 if shorter than 4 bytes), @reason = enum
     * vpci_refuse_reason, @value = the offending value the reason names,
     * @cause / @err_code / @detail = the ERROR_CAUSE bit and ERROR_INFO
     * recorded (MASTER_REFUSED or WIN_FULL). Logged. */
    VPCI_EV_MASTER_REFUSED = 2,
    /* A master connected: session @session started. Logged. */
    VPCI_EV_SESSION_CONNECTED = 3,
    /* Session @session ended, @reason = enum vpci_session_end_reason. Logged
     * for VPCI_SESSION_END_DISCONNECT and VPCI_SESSION_END_DRIVER_FAILED. */
    VPCI_EV_SESSION_ENDED = 4,
    /* INT_CAUSE.LINK_CHANGE was set (spec §4.5): @link = LINK then. */
    VPCI_EV_LINK_CHANGE = 5,
    /* A driver write changed ADAPTER.STATUS from @old_status to @status.
     * Logged ("driver ready") when it set DRIVER_OK. */
    VPCI_EV_STATUS = 6,
    /* The adapter set STATUS.NEEDS_RESET (spec §11.4): the ring DMA of queue
     * @queue (0 M2S, 1 S2M) failed; STATUS @old_status -> @status. Logged. */
    VPCI_EV_NEEDS_RESET = 7,
    /* A reset began, @reason = enum vpci_reset_kind. Logged for
     * CONTROL.RESET and FLR. */
    VPCI_EV_RESET = 8,
};

/* Why a master message was refused (VPCI_EV_MASTER_REFUSED @reason; the
 * checks of spec §6.5, §8.5, §8.6 and §5.10), with what @value holds. */
enum vpci_refuse_reason {
    VPCI_REFUSE_TRUNCATED = 1,        /* shorter than the header; value = length    */
    VPCI_REFUSE_TOO_MANY_FDS = 2,     /* more than 8 fds; value = fd count          */
    VPCI_REFUSE_TOO_LONG = 3,         /* over MAX_MSG_SIZE; value = length          */
    VPCI_REFUSE_VERSION = 4,          /* step 1: header version; value = version    */
    VPCI_REFUSE_REPLY_FLAG = 5,       /* step 1: REPLY set; value = header flags    */
    VPCI_REFUSE_SIZE = 6,             /* step 2: hdr.size; value = hdr.size         */
    VPCI_REFUSE_UNKNOWN = 7,          /* step 3: request code not in the table      */
    VPCI_REFUSE_NOT_RELAYED = 8,      /* step 3: class REFUSE (relay table)         */
    VPCI_REFUSE_ADAPTER_FEATURE = 9,  /* step 3: driver did not accept LOG_WIN or
                                       * BACKEND_CHAN; value = accepted features    */
    VPCI_REFUSE_PROTOCOL_FEATURE = 10, /* step 3: LOG_SHMFD / BACKEND_REQ not
                                        * negotiated; value = negotiated features   */
    VPCI_REFUSE_PAYLOAD = 11,         /* step 4: payload layout; value = hdr.size   */
    VPCI_REFUSE_FDS = 12,             /* step 5 (also fds on a backend-channel
                                       * reply); value = fd count                   */
    VPCI_REFUSE_VQ_RANGE = 13,        /* step 6: vq >= NUM_VQS; value = vq          */
    VPCI_REFUSE_RESERVED_BITS = 14,   /* step 6: KICK/CALL/ERR u64; value = the u64 */
    VPCI_REFUSE_MASKED_FEATURES = 15, /* SET_PROTOCOL_FEATURES; value = masked bits */
    VPCI_REFUSE_REGION_ZERO = 16,     /* §8.5: region of size 0; value = region     */
    VPCI_REFUSE_REGION_WRAPS = 17,    /* region wraps the address space; value = region */
    VPCI_REFUSE_REGION_UNMAPPED = 18, /* region resource has no mapping; value = region */
    VPCI_REFUSE_REGION_BEYOND_FD = 19, /* region beyond its fd mapping; value = region */
    VPCI_REFUSE_NOT_WINDOW_FILE = 20, /* persistent window: fd is not the window
                                       * file; value = region                       */
    VPCI_REFUSE_OVERLAP_GUEST = 21,   /* regions overlap in guest addresses;
                                       * value = the later region (or translation)  */
    VPCI_REFUSE_OVERLAP_USER = 22,    /* ... in user addresses; value as above      */
    VPCI_REFUSE_OVERLAP_WINDOW = 23,  /* ... in the window file; value = the
                                       * region's window file offset               */
    VPCI_REFUSE_TOO_MANY_REGIONS = 24, /* more than MAX_REGIONS; value = MAX_REGIONS */
    VPCI_REFUSE_WIN_FULL = 25,        /* memory does not fit the window (WIN_FULL);
                                       * value = MiB needed, unsaturated (identity:
                                       * the region's end in the window file)       */
    VPCI_REFUSE_NO_MATCH = 26,        /* REM_MEM_REG: no live region; value = guest addr */
    VPCI_REFUSE_LOG_MISMATCH = 27,    /* SET_LOG_BASE: log vs fd mapping; value = size */
    VPCI_REFUSE_LOG_FULL = 28,        /* log does not fit the log window (WIN_FULL);
                                       * value = log size in KiB                    */
    VPCI_REFUSE_MALFORMED_REPLY = 29, /* backend-channel reply malformed (§5.10)    */
    VPCI_REFUSE_UNEXPECTED_REPLY = 30, /* backend-channel reply nobody waits for    */
};

/* How a session ended (VPCI_EV_SESSION_ENDED @reason). */
enum vpci_session_end_reason {
    VPCI_SESSION_END_DISCONNECT = 1,    /* vpci_master_disconnect()                  */
    VPCI_SESSION_END_REFUSED = 2,       /* a master message was refused             */
    VPCI_SESSION_END_RESET = 3,         /* a reset (CONTROL.RESET, FLR, PCI) of a
                                         * bound session                            */
    VPCI_SESSION_END_DRIVER_FAILED = 4, /* STATUS.FAILED with a bound session      */
    VPCI_SESSION_END_DESTROY = 5,       /* vpci_core_destroy()                      */
};

/* Kind of reset (VPCI_EV_RESET @reason). */
enum vpci_reset_kind {
    VPCI_RESET_ADAPTER = 1, /* CONTROL.RESET                       */
    VPCI_RESET_FLR = 2,     /* function level reset (DEVCTL)       */
    VPCI_RESET_PCI = 3,     /* vpci_core_pci_reset()               */
};

struct vpci_event {
    enum vpci_event_code code;
    uint8_t session;       /* LINK.SESSION when the event happened             */
    uint32_t reason;       /* MASTER_REFUSED, SESSION_ENDED, RESET: see code    */
    enum vpci_channel chan; /* MASTER_REFUSED                                   */
    uint32_t request;      /* MASTER_REFUSED: vhost-user request code          */
    uint64_t value;        /* MASTER_REFUSED: what @reason names               */
    uint32_t cause;        /* GUEST_ERROR, MASTER_REFUSED: ERROR_CAUSE bits     */
    uint32_t err_code;     /* GUEST_ERROR, MASTER_REFUSED: ERROR_INFO.CODE      */
    uint32_t detail;       /* GUEST_ERROR, MASTER_REFUSED: ERROR_INFO.DETAIL    */
    uint32_t queue;        /* NEEDS_RESET: 0 M2S, 1 S2M                         */
    uint32_t old_status;   /* STATUS, NEEDS_RESET: ADAPTER.STATUS before        */
    uint32_t status;       /* STATUS, NEEDS_RESET: ADAPTER.STATUS after         */
    uint32_t link;         /* LINK_CHANGE: the LINK register                    */
    /* One human-readable line (never NULL); for a logged event the very line
     * ->log receives. Valid during the sink call only. */
    const char *text;
};

/* Observer of model events; like ->log it must not call into the core. */
typedef void (*vpci_event_sink_fn)(void *opaque, const struct vpci_event *ev);

/*
 * Attach (or, with @sink NULL, detach) the event sink; at any time but from
 * a callback. Each event is passed to @sink when it happens, inside the core
 * call that caused it (also inside vpci_core_destroy(), for the end of a
 * session that still exists). ->log is unaffected.
 */
void vpci_core_set_event_sink(struct vpci_core *c, vpci_event_sink_fn sink, void *opaque);

/* Name of an event code ("GUEST_ERROR", ...), "?" if unknown. */
const char *vpci_event_name(enum vpci_event_code code);

/* Name of @reason of an event with code @code (a refusal reason, a session
 * end reason or a reset kind: "VQ_RANGE", "DISCONNECT", "FLR", ...), "" for
 * codes without a reason, "?" if unknown. */
const char *vpci_event_reason_name(enum vpci_event_code code, uint32_t reason);

/* Results of master-face calls. */
enum vpci_result {
    VPCI_OK = 0,
    VPCI_EAGAIN = -1,   /* back-pressure (wait FIFO or reply-wait list full, or
                         * an ADD_MEM_REG waiting for a queued REM_MEM_REG):
                         * offer the message again after the next M2S completion */
    VPCI_EREFUSED = -2, /* refused; ->close() was called, resources released  */
    VPCI_ENOTCONN = -3, /* no master session; resources stay the caller's     */
    VPCI_EINVAL = -4,   /* bad argument from the platform                      */
};

/* Fill @p with the YAML defaults, internal MSI-X and trapped windows. */
void vpci_params_default(struct vpci_params *p);

/*
 * Create an adapter instance in its PCI reset state.
 * @p: parameters (copied); NULL means defaults.
 * @drv, @drv_opaque: driver-face operations (copied); ->dma is required, and
 * ->msi for internal or ->irq for external MSI-X.
 * @mst, @mst_opaque: master-face operations (copied), or NULL to attach them
 * later with vpci_core_set_master(); ->notify, ->send, ->close and ->release
 * are required, ->log is optional.
 * Returns NULL if a parameter is out of range, a required op is missing or
 * memory is short.
 */
struct vpci_core *vpci_core_create(const struct vpci_params *p,
                                   const struct vpci_driver_ops *drv, void *drv_opaque,
                                   const struct vpci_master_ops *mst, void *mst_opaque);

/*
 * Attach (or, with @mst NULL, detach) the master face. Only while no master
 * session exists; a core without a master face refuses vpci_master_connect().
 * Returns VPCI_OK, or VPCI_EINVAL (nothing changes) if a session exists or a
 * required op is missing.
 */
int vpci_core_set_master(struct vpci_core *c, const struct vpci_master_ops *mst, void *opaque);

/*
 * Destroy an instance; releases every resource it still holds via ->release
 * (no ->close: the platform closes the master itself). Not to be called from
 * a callback; callbacks made during it must not call into the core. Pending
 * DMA requests are forgotten: the platform must not complete them after.
 */
void vpci_core_destroy(struct vpci_core *c);

/* PCI-level reset (power-on / hot reset, vfio-user DEVICE_RESET): config space
 * and adapter, as FLR (spec §2.6). Ends a bound session (->close) and keeps an
 * unbound one (spec §4.4, §10.4). */
void vpci_core_pci_reset(struct vpci_core *c);

/* The parameters an instance was created with. */
const struct vpci_params *vpci_core_params(const struct vpci_core *c);

/* Size in bytes of BAR @bar (0, 2 or 4), 0 for an unimplemented BAR. */
uint64_t vpci_bar_size(const struct vpci_core *c, unsigned bar);

/*
 * Config space access. @size is 1, 2 or 4 and @off naturally aligned and
 * < 4096; other accesses read all-ones and drop writes (spec §2.4).
 */
uint32_t vpci_cfg_read(struct vpci_core *c, uint32_t off, unsigned size);
void vpci_cfg_write(struct vpci_core *c, uint32_t off, unsigned size, uint32_t val);

/*
 * Memory access to BAR @bar at offset @off, @size 1, 2, 4 or 8 bytes.
 * Unaligned, out-of-range or disabled (COMMAND.MEM_EN=0) accesses have the
 * defined results of spec §3.2, §3.3 and §2.5: reads return all-ones, writes
 * are dropped.
 */
uint64_t vpci_mmio_read(struct vpci_core *c, unsigned bar, uint64_t off, unsigned size);
void vpci_mmio_write(struct vpci_core *c, unsigned bar, uint64_t off, unsigned size, uint64_t val);

/*
 * Direct pointer into the memory window (the DMI of TLM, the mmap of VFIO):
 * returns a host pointer for [off, off + len) of BAR @bar if @bar is 2 (the
 * log window is always trapped), the whole range lies in one armed
 * translation, COMMAND.MEM_EN = 1 and CONTROL.RESET_BUSY = 0; else NULL.
 * The pointer stays valid until ->release of the translation's VPCI_RES_MEM
 * resource (withdrawal, session end, reset); platforms that keep it drop it
 * there (spec §8.7).
 */
void *vpci_window_ptr(struct vpci_core *c, unsigned bar, uint64_t off, uint64_t len);

/*
 * The whole armed translation of BAR @bar covering window offset @off, for a
 * platform that grants direct access per translation (TLM DMI, spec §12.2):
 * returns the host pointer of the translation's first byte and stores its
 * window offset in *@start and its length in *@len; NULL (nothing stored)
 * under the conditions where vpci_window_ptr() returns NULL. The range stays
 * valid exactly as long as vpci_window_ptr() pointers into it: until ->release
 * of the translation's resource (the host range [ret, ret + *len) lies inside
 * that resource's [host, host + size)), or until MEM_EN = 0 or RESET_BUSY = 1.
 */
void *vpci_window_span(struct vpci_core *c, unsigned bar, uint64_t off, uint64_t *start,
                       uint64_t *len);

/* Complete DMA request @tag with @status; READ data must be in req->buf.
 * A tag of a request issued before a reset, already completed or unknown is
 * ignored (spec §4.4). */
void vpci_dma_complete(struct vpci_core *c, uint32_t tag, enum vpci_dma_status status);

/* External MSI-X: the platform's table masked or unmasked @vector; vectors
 * >= MSIX_VECTORS are ignored. */
void vpci_msix_ext_mask(struct vpci_core *c, uint16_t vector, int masked);

/*
 * External MSI-X: the platform's MSI-X enable and function mask (spec §7.4).
 * Until the platform reports otherwise, MSI-X counts as enabled and nothing
 * as masked (a platform that cannot observe them never calls these).
 */
void vpci_msix_ext_state(struct vpci_core *c, int enabled, int func_masked);

/* A master connected: starts a new session (LINK.SESSION++, LINK_CHANGE).
 * Returns VPCI_EINVAL (nothing changes) if a session exists already or no
 * master face is attached. */
int vpci_master_connect(struct vpci_core *c);

/* The master is gone: ends the session, withdraws every resource (spec §10.2).
 * No ->close (the platform knows); nothing if no session exists. */
void vpci_master_disconnect(struct vpci_core *c);

/*
 * One complete vhost-user message from the master on @chan (front-end request
 * on VPCI_CHAN_MASTER, reply to a backend request on VPCI_CHAN_BACKEND), with
 * the resources the platform made from its fds, in fd order. The core takes
 * ownership of the resources on VPCI_OK and VPCI_EREFUSED (returned through
 * ->release), not on VPCI_EAGAIN, VPCI_ENOTCONN or VPCI_EINVAL.
 */
int vpci_master_msg(struct vpci_core *c, enum vpci_channel chan, const void *msg, size_t len,
                    const struct vpci_res *res, unsigned nres);

/*
 * The backend-channel socket of the VPCI_RES_CHANNEL resource with @cookie
 * was closed (by the master, or by the platform because the master stopped
 * reading it) while the session goes on (spec §10.6): if it is armed,
 * LINK.BACKEND_CHAN becomes 0, the backend-reply list is discarded and S2M
 * channel-1 requests complete NO_PEER; if its SET_BACKEND_REQ_FD is still
 * held, that message arms nothing. The resource comes back through
 * ->release (possibly from inside this call). Nothing if no session exists
 * or no resource of the session has @cookie.
 */
void vpci_master_backend_gone(struct vpci_core *c, uint64_t cookie);

/* The master kicked virtqueue @vq (its kick fd fired). */
void vpci_master_kick(struct vpci_core *c, uint16_t vq);

/* Counters for tests, benchmarks and reports. */
struct vpci_stats {
    uint64_t m2s_msgs;      /* messages delivered to the driver    */
    uint64_t s2m_msgs;      /* messages sent to the master         */
    uint64_t adapter_replies; /* requests answered by the adapter  */
    uint64_t refused;       /* master or driver messages refused   */
    uint64_t kicks;         /* kicks accepted                      */
    uint64_t kicks_dropped; /* kicks of unarmed virtqueues         */
    uint64_t doorbells;     /* doorbells forwarded to the master   */
    uint64_t doorbells_dropped;
    uint64_t msi_sent;      /* MSI writes or external vector signals */
    uint64_t dma_reqs;
    uint64_t dma_errors;
    uint64_t win_absent;    /* window accesses with no translation */
};

/* Copy the instance's counters to @s. */
void vpci_core_stats(const struct vpci_core *c, struct vpci_stats *s);

#ifdef __cplusplus
}
#endif

#endif /* VHOST_PCI_CORE_H */
