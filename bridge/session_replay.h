/* SPDX-License-Identifier: MIT */
/*
 * session_replay.h - replays a recorded session (vhost-pci-bridge --record,
 * docs/session-trace.md) into the master face of an adapter core: another
 * host of the master face, beside the vhost-user socket (vu_face.h) and the
 * test master. It needs nothing but the core: whoever hosts the driver (the
 * firmware on the direct HAL port, a virtual platform) runs it through the
 * two host callbacks.
 *
 * The replay re-creates the master's memory regions (one sparse memfd per
 * memory resource of the recording, mapped by the replayer), writes the
 * recorded master memory into them when the recording says the master had
 * published it, and hands the core the messages and kicks in their order.
 * Like the master it stands for, it waits for every reply the recording
 * shows before it sends the next message. After every step it lets the
 * driver settle, so the result does not depend on how fast the driver's
 * platform is: the core alone and a virtual platform see the same inputs at
 * the same points of their work.
 *
 * What the replay produced (messages to the master, notifications) goes to
 * the observers; the messages are also compared with the recorded ones.
 */
#ifndef VPCI_SESSION_REPLAY_H
#define VPCI_SESSION_REPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "vhost_pci_core.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vpci_replay;

/* What the driver's host does for the replay. */
struct vpci_replay_host {
    /* Run the driver until it is idle: every effect of what the replay did
     * so far has happened (required). */
    void (*settle)(void *opaque);
    /* Let the driver make some progress (waiting for a reply; required). */
    void (*pump)(void *opaque);
    void *opaque;
    /* Optional observers of what the replay produced. */
    void (*on_message)(void *ctx, enum vpci_channel chan, const void *msg, size_t len);
    void (*on_notify)(void *ctx, enum vpci_notify_kind kind, uint16_t vq);
    void *observe_ctx;
    /* Pumps a reply may take before the replay fails (0: 100000). */
    unsigned reply_pumps;
};

struct vpci_replay_stats {
    uint64_t sessions;        /* CONNECT records replayed                   */
    uint64_t msgs;            /* messages handed to the core                */
    uint64_t kicks;
    uint64_t mem_records, mem_bytes;
    uint64_t sends, sends_recorded;       /* messages to the master: replayed, recorded */
    uint64_t send_mismatches;             /* replayed != recorded (same index, channel) */
    uint64_t notifies, notifies_recorded; /* calls/errs/logs: replayed, recorded */
    uint64_t refused;         /* messages the core refused                  */
    uint64_t closes;          /* sessions the core closed (->close)         */
    uint64_t notes;           /* recorder remarks in the file               */
    uint64_t regions;         /* memory regions re-created                  */
};

/* Read and check the whole recording at @path (header, every record's
 * framing). NULL with a reason in @err. */
struct vpci_replay *vpci_replay_open(const char *path, char *err, size_t errlen);
/* The recording's header text (key=value lines). */
const char *vpci_replay_info(const struct vpci_replay *r);
/* The value of @key in the header text into @buf ("" and -1 if absent). */
int vpci_replay_info_get(const struct vpci_replay *r, const char *key, char *buf, size_t len);
/* Serve @core's master face (vpci_core_set_master) with @host. VPCI_OK or
 * vpci_core_set_master()'s error. */
int vpci_replay_attach(struct vpci_replay *r, struct vpci_core *core,
                       const struct vpci_replay_host *host);
/* Replay every record. 0 when the replay ran to its end with every
 * recorded reply produced and equal (stats say what differed), -1 with the
 * reason in @err when it could not go on (a reply that never came, memory
 * outside the re-created regions, a resource that cannot be made). */
int vpci_replay_run(struct vpci_replay *r, char *err, size_t errlen);
/* First mismatch between a replayed and a recorded message ("" if none). */
const char *vpci_replay_first_mismatch(const struct vpci_replay *r);
void vpci_replay_get_stats(const struct vpci_replay *r, struct vpci_replay_stats *s);
/* End the session if one is open, detach from the core, unmap and free.
 * Stop the driver first: the master memory it may point into goes here. */
void vpci_replay_close(struct vpci_replay *r);

#ifdef __cplusplus
}
#endif

#endif /* VPCI_SESSION_REPLAY_H */
