/* SPDX-License-Identifier: MIT */
/*
 * trace.c - log and trace lines of the bridge (format in trace.h).
 */
#define _GNU_SOURCE
#include "trace.h"

#include <stdarg.h>
#include <string.h>
#include <time.h>

#include "vu_msg.h"

uint64_t vb_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void vb_trace_init(struct vb_trace *t, FILE *out, enum vb_level level, bool trace)
{
    t->out = out;
    t->level = level;
    t->trace = trace;
    t->t0_ns = vb_now_ns();
}

int vb_level_parse(const char *s)
{
    static const char *const names[] = {"error", "warn", "info", "debug"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(s, names[i]))
            return i;
    return -1;
}

static double secs(const struct vb_trace *t)
{
    return (double)(vb_now_ns() - t->t0_ns) / 1e9;
}

void vb_log(const struct vb_trace *t, enum vb_level lvl, const char *who, const char *fmt, ...)
{
    static const char *const names[] = {"error", "warn", "info", "debug"};
    char text[768], line[1024];
    va_list ap;

    if (lvl > t->level)
        return;
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    snprintf(line, sizeof(line), "%.6f %s %s: %s\n", secs(t), who, names[lvl], text);
    fputs(line, t->out ? t->out : stderr);
    fflush(t->out ? t->out : stderr);
}

void vb_trace_msg(const struct vb_trace *t, const char *who, bool to_master, int chan,
                  const uint8_t *msg, size_t len, unsigned nfds)
{
    char line[512], detail[128] = "";
    uint32_t req = 0, flags = 0, size = 0;

    if (!t->trace)
        return;
    if (len >= VPCI_MSG_HDR_SIZE) {
        memcpy(&req, msg, 4);
        memcpy(&flags, msg + 4, 4);
        memcpy(&size, msg + 8, 4);
    }
    /* Requests on ch0 towards the adapter and on ch1 towards the master are
     * requests; the other direction carries replies of the same table. */
    bool backend_table = chan == 1;
    const uint8_t *p = msg + VPCI_MSG_HDR_SIZE;
    size_t pl = len > VPCI_MSG_HDR_SIZE ? len - VPCI_MSG_HDR_SIZE : 0;
    int n = 0;
    if (!backend_table && req == VPCI_VU_REQ_SET_MEM_TABLE && pl >= 8 &&
        !(flags & VPCI_VU_FLAG_REPLY)) {
        uint32_t nr;
        memcpy(&nr, p, 4);
        n = snprintf(detail, sizeof(detail), " regions=%u", nr);
    } else if (pl == 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        n = snprintf(detail, sizeof(detail), " u64=0x%llx", (unsigned long long)v);
    } else if (!backend_table && req == VPCI_VU_REQ_SET_VRING_ADDR && pl >= 4) {
        uint32_t vq;
        memcpy(&vq, p, 4);
        n = snprintf(detail, sizeof(detail), " vq=%u", vq);
    }
    if (n >= 0 && (size_t)n < sizeof(detail)) {
        if (flags & VPCI_VU_FLAG_REPLY)
            strncat(detail, " REPLY", sizeof(detail) - strlen(detail) - 1);
        if (flags & VPCI_VU_FLAG_NEED_REPLY)
            strncat(detail, " NEED_REPLY", sizeof(detail) - strlen(detail) - 1);
    }
    snprintf(line, sizeof(line), "%.6f %s %s ch%d %s(%u) flags=0x%x size=%u fds=%u%s\n",
             secs(t), who, to_master ? "A>M" : "M>A", chan, vu_request_name(backend_table, req),
             req, flags, size, nfds, detail);
    fputs(line, t->out ? t->out : stderr);
    fflush(t->out ? t->out : stderr);
}
