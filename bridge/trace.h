/* SPDX-License-Identifier: MIT */
/*
 * trace.h - log lines and the message trace of the bridge.
 *
 * Log line:   "<seconds> <adapter> <level>: <text>"
 * Trace line: "<seconds> <adapter> <dir> <chan> <REQUEST>(<code>) flags=0x<f> size=<n> fds=<k>[ <detail>]"
 *   dir  "M>A" master -> adapter (read from the socket), "A>M" adapter -> master;
 *   chan "ch0" master channel, "ch1" backend channel;
 *   detail: "u64=0x..." for 8-byte payloads, "vq=<n>" for vring requests,
 *           "regions=<n>" for SET_MEM_TABLE, "REPLY" / "NEED_REPLY" flags.
 * Lines go to one FILE (stderr by default), each written with one fputs.
 */
#ifndef VB_TRACE_H
#define VB_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

enum vb_level { VB_ERROR = 0, VB_WARN = 1, VB_INFO = 2, VB_DEBUG = 3 };

struct vb_trace {
    FILE *out;         /* NULL: stderr                   */
    enum vb_level level;
    bool trace;        /* one line per message           */
    uint64_t t0_ns;    /* time origin (monotonic)        */
};

/* Initialise with a time origin of now. */
void vb_trace_init(struct vb_trace *t, FILE *out, enum vb_level level, bool trace);
/* Parse "error|warn|info|debug"; -1 if unknown. */
int vb_level_parse(const char *s);
/* Monotonic nanoseconds. */
uint64_t vb_now_ns(void);
/* A log line for @who (adapter name or "bridge") if @lvl <= the level. */
void vb_log(const struct vb_trace *t, enum vb_level lvl, const char *who, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A trace line for a message (no-op unless tracing); @to_master: A>M. */
void vb_trace_msg(const struct vb_trace *t, const char *who, bool to_master, int chan,
                  const uint8_t *msg, size_t len, unsigned nfds);

#ifdef __cplusplus
}
#endif

#endif /* VB_TRACE_H */
