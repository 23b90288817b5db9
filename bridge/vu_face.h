/* SPDX-License-Identifier: MIT */
/*
 * vu_face.h - the master face of one adapter core as a vhost-user server
 * (or client): the UNIX socket, the intake checks (vu_msg.c), fd -> resource
 * (res.c), kick watches, call/err/log signalling, replies and the backend
 * channel. It serves the core's struct vpci_master_ops and drives the core
 * with vpci_master_*; it knows nothing of whoever drives the adapter (the
 * in-process firmware, a backend VM over vfio-user, nobody).
 *
 * Memory the core releases (spec §8.7) is unmapped at once, unless the
 * driver side holds pointers into it (the in-process firmware on the direct
 * HAL port does, in pointer mode): then the release hooks say so, and the
 * mapping is replaced in place by anonymous memory (reads zeros, never
 * reaches the master's memory) and unmapped once the
 * hooks report that the driver has moved past it (quarantine).
 *
 * Everything runs in the bridge's one event loop; nothing blocks. Drops that
 * the core asks for from inside its callbacks are posted work of the loop
 * (vb_loop_post), never re-entry into the face's own callers.
 */
#ifndef VB_VU_FACE_H
#define VB_VU_FACE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "loop.h"
#include "trace.h"
#include "vhost_pci_core.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vu_face_opts {
    char socket[108];        /* UNIX socket path                               */
    bool client;             /* connect to a listening master (retried)        */
    uint32_t reconnect_ms;   /* client mode: retry interval (0: 200)           */
    /* Persistent windows (spec §8.7): memory fds that are this file
     * (st_dev/st_ino) are handed to the core as VPCI_RES_F_WINDOW_FILE. */
    bool window_file_set;
    dev_t window_dev;
    ino_t window_ino;
};

/*
 * Release hooks: how the driver side tells the face whether memory the core
 * released may still be read through pointers. Without hooks (NULL) the
 * driver reaches master memory only through the core, and a released mapping
 * goes at once.
 */
struct vu_face_release_hooks {
    /* At release: true if the driver may still hold pointers into master
     * memory; then *epoch is a token of the driver's current session. */
    bool (*driver_holds)(void *opaque, uint64_t *epoch);
    /* Later: true once the driver is past @epoch (the mapping may go).
     * @driver_idle: the driver had no work in the last step. */
    bool (*driver_past)(void *opaque, uint64_t epoch, bool driver_idle);
    void *opaque;
};

struct vu_face_stats {
    uint64_t sessions;        /* masters connected                 */
    uint64_t msgs_in;         /* messages read from the master     */
    uint64_t msgs_out;        /* messages written to the master    */
    uint64_t violations;      /* connections dropped by the intake */
    uint64_t refused;         /* sessions ended by the core        */
    uint64_t kicks;           /* kick eventfd events               */
    uint64_t notifies;        /* call / err / log eventfd writes   */
    uint64_t eagain;          /* messages held for back-pressure   */
    uint64_t maps, unmaps;    /* memory mappings made / removed    */
    uint64_t live_res;        /* resources now held                */
    uint64_t quarantined;     /* released mappings waiting for the driver */
    bool connected;
    char last_drop[256];      /* reason of the last dropped connection */
};

struct vu_face;

/* Create the face of @core (named @name in logs) and attach it as the core's
 * master face (vpci_core_set_master). NULL with @err on failure. */
struct vu_face *vu_face_create(struct vb_loop *loop, struct vb_trace *tr, const char *name,
                               struct vpci_core *core, const struct vu_face_opts *o, char *err,
                               size_t errlen);
/* Set (or with NULL clear) the release hooks. */
void vu_face_set_release_hooks(struct vu_face *f, const struct vu_face_release_hooks *h);
/* Record the master face's traffic into @rec (session_rec.h; NULL: stop).
 * The recorder stays the caller's. */
struct vb_rec;
void vu_face_set_recorder(struct vu_face *f, struct vb_rec *rec);
/* Capture the master memory that became readable since the last capture
 * (before a driver step; nothing without a recorder or session). */
void vu_face_capture(struct vu_face *f);
/* Listen (server) or start connecting (client). 0 or -errno. */
int vu_face_open(struct vu_face *f);
/* Per loop turn: offer a message held by back-pressure again, unmap
 * quarantined memory the driver is past. Returns true if work was done. */
bool vu_face_poll(struct vu_face *f, bool driver_idle);
/* Close the master connection and the socket (no reconnect). */
void vu_face_close(struct vu_face *f);
/* Unmap whatever is still quarantined (the driver is gone). */
void vu_face_flush(struct vu_face *f);
/* Close, give back every resource, detach nothing (destroy the core after
 * this, or before it: the core's ->release calls come back here while the
 * face lives). */
void vu_face_destroy(struct vu_face *f);

void vu_face_get_stats(const struct vu_face *f, struct vu_face_stats *s);

#ifdef __cplusplus
}
#endif

#endif /* VB_VU_FACE_H */
