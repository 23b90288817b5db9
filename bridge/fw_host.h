/* SPDX-License-Identifier: MIT */
/*
 * fw_host.h - the vhost-pci firmware hosted inside the bridge process: one
 * firmware device (virtio-blk, or a port of the shared virtio-net switch) on
 * the driver face of an adapter core, through the direct HAL port
 * (firmware/hal/ports/hal_core.h), stepped by the bridge's loop without blocking.
 *
 * It knows nothing of vhost-user: the master face is vu_face.c's. What the
 * face needs from the driver side it gets through fw_host_driver_holds() and
 * fw_host_driver_past() (its release hooks, wired by adapter.c).
 */
#ifndef VB_FW_HOST_H
#define VB_FW_HOST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "trace.h"
#include "vpci_hal.h"
#include "vpf.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vpf_net_switch;

enum vb_backend {
    VB_BE_NET = 0,   /* virtio-net port of the L2 switch        */
    VB_BE_RXONLY,    /* virtio-net sink: counts frames          */
    VB_BE_TXONLY,    /* virtio-net source: generated frames     */
    VB_BE_REFLECT,   /* virtio-net: frames back, MACs swapped   */
    VB_BE_BLK,       /* virtio-blk on a RAM disk or a file      */
};

struct fw_host_opts {
    enum vb_backend backend;
    enum vpf_mode mode;
    const char *disk;        /* blk: file (NULL or "" = RAM disk)         */
    uint64_t ram_disk;       /* blk: RAM disk bytes (0: 64 MiB)           */
    bool read_only;          /* blk                                       */
    unsigned queues;         /* blk request queues / net queue pairs (1)  */
    const uint8_t *mac;      /* net: config MAC (NULL: 02:00:00:00:i>>8:i+1) */
    uint32_t txonly_len;     /* txonly: frame bytes (0: 64)               */
    uint64_t txonly_count;   /* txonly: frames (0 = unlimited)            */
    bool no_check;           /* rxonly: no per-frame payload check        */
};

struct fw_host;

/* Create the firmware device of adapter @index (named @name) on @hal. Net
 * backends become ports of @sw. NULL with @err on failure. */
struct fw_host *fw_host_create(const struct fw_host_opts *o, const struct vpci_hal *hal,
                               unsigned index, const char *name, struct vpf_net_switch *sw,
                               struct vb_trace *tr, char *err, size_t errlen);
/* Start a blk device's firmware (net ports start with their switch):
 * 0 or the library's negative status. */
int fw_host_start(struct fw_host *h);
/* Mark a net port's firmware as started (after vpf_net_switch_start). */
void fw_host_started(struct fw_host *h);
/* Step a blk device's firmware without waiting (net ports are stepped by
 * their switch). Returns the work done. Logs once if the firmware failed. */
int fw_host_step(struct fw_host *h);
/* The switch destroyed a net port: forget it (blk: destroys the device). */
void fw_host_gone(struct fw_host *h);
/* Take a net port out of its running switch (vpf_net_switch_remove_port) or
 * destroy a blk device: the firmware of this adapter alone goes. */
void fw_host_remove(struct fw_host *h, struct vpf_net_switch *sw);
/* Key counters of the device for the control socket: names and values,
 * at most @max; returns how many. */
unsigned fw_host_counters(struct fw_host *h, const char **names, uint64_t *vals, unsigned max);
/* Destroy (blk device, disk file). */
void fw_host_destroy(struct fw_host *h);

/* The firmware device (NULL once gone). */
struct vpf_dev *fw_host_dev(struct fw_host *h);
enum vb_backend fw_host_backend(const struct fw_host *h);

/* Release hook: true while the running firmware may hold pointers into
 * master memory; *epoch is its current session then. */
bool fw_host_driver_holds(void *h, uint64_t *epoch);
/* Release hook: true once the firmware is past @epoch: it stopped, the
 * master is down for it, or it serves another session (and, for the memory
 * of a still-current session, @driver_idle: it finished the step in which it
 * might have used it). */
bool fw_host_driver_past(void *h, uint64_t epoch, bool driver_idle);

/* Report lines of the device (frames, blocks) for adapter @name. */
void fw_host_report(struct fw_host *h, const char *name, FILE *f);

const char *vb_backend_name(enum vb_backend b);
int vb_backend_parse(const char *s);

#ifdef __cplusplus
}
#endif

#endif /* VB_FW_HOST_H */
