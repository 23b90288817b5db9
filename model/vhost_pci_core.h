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
 * vpci_master_disconnect(), vpci_master_kick(), vpci_msix_ext_mask(),
 * vpci_msix_ext_state(), vpci_mmio_*() and vpci_cfg_*() (including
 * CONTROL.RESET and FLR) and vpci_core_pci_reset(); typical uses are
 * completing a DMA request from inside ->dma() and disconnecting from inside
 * ->close(), ->send() or ->release(). The core makes its state consistent
 * before each callback and defers engine work until the outermost call
 * returns, so such calls never recurse into the engines. vpci_master_msg()
 * should not be called from a callback (it works, but the message may be
 * answered from inside the callback), vpci_core_destroy() never; ->log must
 * not call into the core. While vpci_core_destroy() runs, ->release must not
 * call into the core either.
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
