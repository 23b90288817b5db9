/* SPDX-License-Identifier: MIT */
/*
 * bridge.h - the vhost-pci bridge process as a library: command-line
 * options, one event loop, the adapters, the shared net switch, the report.
 * bridge/main.c is a thin wrapper; tests run a bridge in a thread.
 */
#ifndef VB_BRIDGE_H
#define VB_BRIDGE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "adapter.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VB_MAX_ADAPTERS 16u

struct vb_opts {
    struct vb_adapter_opts ad[VB_MAX_ADAPTERS];
    unsigned nad;
    enum vpf_mode mode;          /* default VPF_MODE_INTERRUPT */
    bool trace;
    enum vb_level level;         /* default VB_INFO */
    char log_file[256];          /* "" = stderr */
    uint32_t start_delay_ms;
    uint32_t reconnect_ms;       /* default 200 */
    uint32_t mem_win_log2;       /* 0 = default */
    uint32_t report_interval_s;  /* 0 = only at exit */
    uint64_t exit_after_sessions;/* 0 = run until stopped */
    bool quiet_ready;            /* do not print the ready line */
    char control[108];           /* control socket path ("" = none) */
};

/* The --help text. */
void vb_usage(FILE *f);
/* Parse argv (argv[0] is skipped). Returns 0, 1 when --help/--version was
 * printed to @out, -1 on an error (message in @err). */
int vb_opts_parse(struct vb_opts *o, int argc, char *const *argv, FILE *out, char *err,
                  size_t errlen);

struct vb_bridge;
struct json_object;

/* Create everything and open the sockets. NULL with @err on failure. */
struct vb_bridge *vb_bridge_create(const struct vb_opts *o, char *err, size_t errlen);
/* Run the event loop until vb_bridge_stop() (or exit_after_sessions). */
int vb_bridge_run(struct vb_bridge *b);
/* Thread- and signal-safe stop request. */
void vb_bridge_stop(struct vb_bridge *b);
/* Report (key=value lines, see bridge/README.md). Call from the loop's
 * thread or after vb_bridge_run() returned. */
void vb_bridge_report(struct vb_bridge *b, FILE *f);
void vb_bridge_destroy(struct vb_bridge *b);

/* Add an adapter while the bridge runs (or at creation): create it, open
 * its socket, start its firmware if the firmware already runs. Returns its
 * slot (vb_bridge_adapter), or -1 with @err. Loop thread only. */
int vb_bridge_add_adapter(struct vb_bridge *b, const struct vb_adapter_opts *ao, char *err,
                          size_t errlen);
/* Remove adapter @name ("adapter<N>"): end its session (the master sees its
 * socket close), take its firmware out, free it. 0, or -1 with @err. */
int vb_bridge_remove_adapter(struct vb_bridge *b, const char *name, char *err, size_t errlen);
/* Run one control-socket command (ctl.h's vb_ctl_cmd_fn; also for tests). */
struct json_object *vb_bridge_command(void *bridge, const char *cmd, struct json_object *args,
                                      const char **err_class, char *err, size_t errlen);

/* Slots in use (some may be NULL after a removal). */
unsigned vb_bridge_adapters(const struct vb_bridge *b);
struct vb_adapter *vb_bridge_adapter(struct vb_bridge *b, unsigned i);
struct vb_loop *vb_bridge_loop(struct vb_bridge *b);

#ifdef __cplusplus
}
#endif

#endif /* VB_BRIDGE_H */
