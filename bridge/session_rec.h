/* SPDX-License-Identifier: MIT */
/*
 * session_rec.h - records what crosses one adapter's master face into a
 * session file (session_fmt.h, docs/session-trace.md): connects and
 * disconnects, every message in both directions with its resources, kicks,
 * notifications, and the master memory a replay needs. The memory is
 * captured by walking the split virtqueues the master set up: whenever the
 * recorder is asked to capture (before every message, before every kick,
 * before every firmware step), each new avail entry is written out with its
 * descriptor chain (indirect tables too) and the contents of every
 * device-readable buffer, as MEM records ahead of the event they precede.
 * Device-writable buffers need no contents: the device fills them.
 *
 * The recorder only reads master memory through mappings the face made, and
 * only inside the regions of the live memory table; a ring or chain that
 * points elsewhere is noted (NOTE record) and skipped, never followed.
 * If the device used an entry before the recorder had captured it (a master
 * that published and had it consumed inside one firmware step), the
 * capture came late and its contents may be newer than what the device
 * read: counted in `late` and noted.
 */
#ifndef VB_SESSION_REC_H
#define VB_SESSION_REC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vhost_pci_core.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vb_rec;

struct vb_rec_stats {
    uint64_t records;        /* records written                        */
    uint64_t bytes;          /* file bytes written                     */
    uint64_t chains;         /* descriptor chains captured             */
    uint64_t mem_bytes;      /* master memory bytes captured           */
    uint64_t late;           /* entries used before they were captured */
    uint64_t skipped;        /* rings or chains not followed (noted)   */
    bool failed;             /* a write failed: recording stopped      */
};

/* Create @path (truncated) and write the header with @info (key=value
 * lines, informational). NULL with @err on failure. */
struct vb_rec *vb_rec_open(const char *path, const char *info, char *err, size_t errlen);
/* Flush and close; NULL is fine. */
void vb_rec_close(struct vb_rec *r);

/* A master connected / the session ended (forgets rings and memory). */
void vb_rec_connect(struct vb_rec *r);
void vb_rec_disconnect(struct vb_rec *r);
/* A message from the master about to be offered to the core for the first
 * time, with the resources built from its fds: captures the rings first,
 * then writes MSG and follows vring state (num, base, addresses, stop). */
void vb_rec_msg(struct vb_rec *r, enum vpci_channel chan, const void *msg, size_t len,
                const struct vpci_res *res, unsigned nres);
/* The core took that message (@rc = vpci_master_msg()'s result, not
 * VPCI_EAGAIN): on VPCI_OK a memory table or region becomes readable. */
void vb_rec_msg_done(struct vb_rec *r, const void *msg, size_t len, const struct vpci_res *res,
                     unsigned nres, int rc);
/* The master kicked @vq: capture, then KICK. */
void vb_rec_kick(struct vb_rec *r, uint16_t vq);
/* A message to the master / a notification (->send, ->notify). */
void vb_rec_send(struct vb_rec *r, enum vpci_channel chan, const void *msg, size_t len);
void vb_rec_notify(struct vb_rec *r, enum vpci_notify_kind kind, uint16_t vq);
/* The backend channel was closed while the session goes on
 * (vpci_master_backend_gone). */
void vb_rec_channel_gone(struct vb_rec *r);
/* A resource is released (->release): memory of it is no longer read. */
void vb_rec_release(struct vb_rec *r, const struct vpci_res *res);
/* Capture every live ring's new avail entries (before a firmware step). */
void vb_rec_capture(struct vb_rec *r);
/* Flush buffered records to the file. */
void vb_rec_flush(struct vb_rec *r);

void vb_rec_get_stats(const struct vb_rec *r, struct vb_rec_stats *s);

#ifdef __cplusplus
}
#endif

#endif /* VB_SESSION_REC_H */
