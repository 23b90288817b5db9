/* SPDX-License-Identifier: MIT */
/*
 * adapter.h - one vhost-pci adapter instance inside the bridge, composed of
 * three parts that do not know each other:
 *  - the adapter core (model/vhost_pci_core.h) on the direct HAL port
 *    (firmware/hal/ports/hal_core.h), created with the interrupt and window modes
 *    asked for;
 *  - its master face, the vhost-user socket (vu_face.h);
 *  - its driver, the in-process firmware (fw_host.h), a backend VM through
 *    the vfio-user server (vfu_server.h, --vfio-user PATH: the server creates
 *    the core with its own driver face), or none (--no-firmware: the driver
 *    face waits for a driver hosted elsewhere).
 * This file wires them (the face's release hooks to the firmware) and
 * writes the adapter's report.
 *
 * Everything runs in the bridge's one event loop; nothing blocks.
 */
#ifndef VB_ADAPTER_H
#define VB_ADAPTER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "fw_host.h"
#include "loop.h"
#include "trace.h"
#include "vu_face.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vpf_net_switch;

/* The bridge's version (--version, query-version, recordings). */
#define VPCI_BRIDGE_VERSION "1.0"


struct vb_adapter_opts {
    char socket[108];        /* UNIX socket path                          */
    bool client;             /* connect to a listening master             */
    enum vb_backend backend;
    char disk[256];          /* blk: file ("" = RAM disk)                 */
    uint64_t ram_disk;       /* blk: RAM disk bytes (default 64 MiB)      */
    bool read_only;          /* blk                                       */
    unsigned queues;         /* blk request queues / net queue pairs (1)  */
    uint8_t mac[6];          /* net: config MAC (default 02:00:00:00:00:i+1) */
    bool mac_set;
    uint32_t txonly_len;     /* txonly: frame bytes (default 64)          */
    uint64_t txonly_count;   /* txonly: frames (0 = unlimited)            */
    bool no_check;           /* rxonly: no per-frame payload check        */
    bool no_firmware;        /* no in-process firmware (driver elsewhere) */
    bool msix_external;      /* core in external MSI-X mode (spec §5.8)   */
    bool win_persistent;     /* persistent windows (spec §8.7)            */
    char window_file[256];   /* persistent: the master's RAM file         */
    char record[256];        /* record the sessions into this file ("" none) */
    char vfio_user[108];     /* vfio-user socket of the driver face ("" none);
                              * implies no_firmware and external MSI-X     */
};

/* Process-wide settings every adapter shares. */
struct vb_env {
    struct vb_loop *loop;
    struct vb_trace *tr;
    enum vpf_mode mode;
    uint32_t reconnect_ms;   /* client mode: retry interval               */
    uint32_t mem_win_log2;   /* 0: default (30 = 1 GiB)                   */
};


struct vb_adapter;

/* Create adapter @index (name "adapter<index>") with its core, its face and
 * (unless o->no_firmware) its firmware. Net backends become ports of @sw.
 * NULL with @err on failure. */
struct vb_adapter *vb_adapter_create(const struct vb_env *env, const struct vb_adapter_opts *o,
                                     unsigned index, struct vpf_net_switch *sw, char *err,
                                     size_t errlen);
/* Open the socket: listen (server) or start connecting (client). 0 or -errno. */
int vb_adapter_open(struct vb_adapter *a);
/* Start the firmware of a blk adapter (net ports start with their switch);
 * 0 without firmware. */
int vb_adapter_start_fw(struct vb_adapter *a);
/* Mark the firmware as started (net ports, after vpf_net_switch_start). */
void vb_adapter_fw_started(struct vb_adapter *a);
/* Step a blk adapter's firmware without waiting (net ports are stepped by
 * their switch). Returns the work done. */
int vb_adapter_step_fw(struct vb_adapter *a);
/* Before the firmware steps: the recorder (--record) captures the master
 * memory that became readable. */
void vb_adapter_pre_step(struct vb_adapter *a);
/* After the firmware steps: the face retries a held message and unmaps
 * quarantined memory (@fw_idle: no firmware had work in this step).
 * Returns true if work was done. */
bool vb_adapter_post(struct vb_adapter *a, bool fw_idle);
/* Close the master connection and the socket (no reconnect). */
void vb_adapter_close(struct vb_adapter *a);
/* The firmware is gone: blk destroyed here; net ports were destroyed with
 * their switch (call after vpf_net_switch_destroy). */
void vb_adapter_fw_gone(struct vb_adapter *a);
/* Take this adapter's firmware out while the bridge runs: a net port leaves
 * the running switch @sw, a blk device is destroyed. */
void vb_adapter_remove_fw(struct vb_adapter *a, struct vpf_net_switch *sw);
/* Close, destroy the firmware (blk) and the core, free everything. Net
 * adapters: destroy the switch first and call vb_adapter_fw_gone(), or take
 * the port out with vb_adapter_remove_fw(). */
void vb_adapter_destroy(struct vb_adapter *a);

const char *vb_adapter_name(const struct vb_adapter *a);
enum vb_backend vb_adapter_backend(const struct vb_adapter *a);
/* The firmware device (NULL without firmware or once it is gone). */
struct vpf_dev *vb_adapter_dev(struct vb_adapter *a);
struct vpci_core *vb_adapter_core(struct vb_adapter *a);
/* The options the adapter was created with. */
const struct vb_adapter_opts *vb_adapter_opts(const struct vb_adapter *a);
/* The vfio-user server of the driver face (NULL without --vfio-user). */
struct vfu_server;
struct vfu_server *vb_adapter_vfu(struct vb_adapter *a);
/* The firmware device's key counters (fw_host_counters); 0 without firmware. */
unsigned vb_adapter_fw_counters(struct vb_adapter *a, const char **names, uint64_t *vals,
                                unsigned max);
/* The counters of the adapter's vhost-user face. */
void vb_adapter_get_stats(const struct vb_adapter *a, struct vu_face_stats *s);
/* Report lines (key=value) for this adapter. */
void vb_adapter_report(struct vb_adapter *a, FILE *f);

#ifdef __cplusplus
}
#endif

#endif /* VB_ADAPTER_H */
