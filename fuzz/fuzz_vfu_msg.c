/* SPDX-License-Identifier: MIT */
/*
 * fuzz_vfu_msg.c - libFuzzer target on the bridge's vfio-user message checker
 * (bridge/vfu_msg.c, docs/spec.md §12.4): commands, replies and the VERSION
 * capabilities JSON (json-c). Input: byte 0 = fd count (mod 20), byte 1 bit 0
 * = parse as a reply, the rest = the message as read from the socket.
 * Invariants when a command is accepted: the header fields match the bytes,
 * the size is the length and within VFU_MAX_MSG, the fd count is allowed for
 * the command, every data pointer lies inside the message with its count,
 * and a VERSION reply built for the request never exceeds it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vfu_msg.h"

static void inside(const uint8_t *base, size_t len, const uint8_t *p, size_t n)
{
    if (p < base || (size_t)(p - base) > len || n > len - (size_t)(p - base))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned nfds = data[0] % 20u;
    int as_reply = data[1] & 1;
    size_t len = size - 2;
    char why[256];
    /* A private copy, so reads past the message end are caught by ASan. */
    uint8_t *m = malloc(len ? len : 1);
    if (!m)
        return 0;
    memcpy(m, data + 2, len);
    if (len >= VFU_HDR_SIZE)
        (void)vfu_hdr_check(m, why, sizeof(why));
    if (as_reply) {
        struct vfu_reply r;
        if (vfu_reply_parse(m, len, nfds, &r, why, sizeof(why)) == 0) {
            if (nfds || r.hdr.size != len)
                abort();
            if (r.data)
                inside(m, len, r.data, (size_t)r.count);
        } else if (!why[0]) {
            abort();
        }
        free(m);
        return 0;
    }
    struct vfu_req r;
    int rc = vfu_msg_parse(m, len, nfds, &r, why, sizeof(why));
    if (rc == VFU_OK) {
        struct vfu_hdr h;
        vfu_hdr_decode(m, &h);
        if (h.id != r.hdr.id || h.cmd != r.hdr.cmd || h.size != len || len > VFU_MAX_MSG ||
            nfds > VFU_MAX_FDS || r.nfds != nfds)
            abort();
        switch (r.hdr.cmd) {
        case VFU_CMD_DMA_MAP:
            if (nfds > 1)
                abort();
            break;
        case VFU_CMD_DEVICE_SET_IRQS:
            if (nfds && nfds != r.u.set_irqs.count)
                abort();
            if (r.u.set_irqs.bools)
                inside(m, len, r.u.set_irqs.bools, r.u.set_irqs.count);
            break;
        case VFU_CMD_REGION_WRITE:
            if (r.u.rw.count == 0 || r.u.rw.count > VFU_MAX_XFER)
                abort();
            inside(m, len, r.u.rw.data, r.u.rw.count);
            break;
        case VFU_CMD_REGION_READ:
            if (r.u.rw.count == 0 || r.u.rw.count > VFU_MAX_XFER)
                abort();
            break;
        case VFU_CMD_REGION_WRITE_MULTI:
            for (uint32_t i = 0; i < r.u.multi.n; i++) {
                struct vfu_rw w;
                vfu_multi_entry(&r, i, &w);
                if (w.count == 0 || w.count > 8)
                    abort();
                inside(m, len, w.data, w.count);
            }
            break;
        case VFU_CMD_VERSION: {
            uint8_t out[512];
            size_t n = vfu_version_reply(out, sizeof(out), len - VFU_HDR_SIZE);
            if (n > len - VFU_HDR_SIZE && n > 0)
                abort();
            break;
        }
        default:
            if (nfds)
                abort();
            break;
        }
        (void)vfu_cmd_name(r.hdr.cmd);
    } else if (!why[0]) {
        abort(); /* every refusal names its reason */
    }
    free(m);
    return 0;
}
