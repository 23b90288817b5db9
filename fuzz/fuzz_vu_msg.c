/* SPDX-License-Identifier: MIT */
/*
 * fuzz_vu_msg.c - libFuzzer target on the bridge's vhost-user intake checker
 * (bridge/vu_msg.c, docs/spec.md §6.5). Input: byte 0 = fd count (mod 12),
 * byte 1 bit 0 = channel, the rest = the message as read from the socket.
 * Invariants when a message is accepted: the plan's fd count is the fd count
 * given, every memory plan is non-empty and does not wrap, a vring index is
 * within 0..255, and the header fields match the bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vu_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned nfds = data[0] % 12u;
    enum vu_chan chan = (data[1] & 1) ? VU_CHAN_BACKEND : VU_CHAN_MASTER;
    const uint8_t *msg = data + 2;
    size_t len = size - 2;
    struct vu_plan plan;
    char why[256];

    if (len >= VPCI_MSG_HDR_SIZE)
        (void)vu_hdr_check(msg, chan, why, sizeof(why));
    /* A private copy, so reads past the message end are caught by ASan. */
    uint8_t *copy = malloc(len ? len : 1);
    if (!copy)
        return 0;
    memcpy(copy, msg, len);
    int rc = vu_msg_check(copy, len, nfds, chan, &plan, why, sizeof(why));
    if (rc == 0) {
        uint32_t req, flags, sz;
        memcpy(&req, copy, 4);
        memcpy(&flags, copy + 4, 4);
        memcpy(&sz, copy + 8, 4);
        if (plan.request != req || plan.flags != flags || plan.size != sz ||
            len != VPCI_MSG_HDR_SIZE + (size_t)sz || sz > VPCI_MAX_MSG_SIZE - VPCI_MSG_HDR_SIZE ||
            nfds > VPCI_VU_FDS_MAX)
            abort();
        if (chan == VU_CHAN_BACKEND && (nfds != 0 || sz != 8))
            abort();
        if (chan == VU_CHAN_MASTER && plan.nfds != nfds)
            abort();
        for (unsigned i = 0; i < plan.nfds; i++)
            if (plan.fd[i].kind == VU_FD_MEM &&
                (plan.fd[i].size == 0 || plan.fd[i].offset + plan.fd[i].size < plan.fd[i].offset))
                abort();
        if (plan.vq > 255)
            abort();
        (void)vu_request_name(chan == VU_CHAN_BACKEND, req);
    } else if (strlen(why) == 0) {
        abort(); /* every refusal names its reason */
    }
    free(copy);
    return 0;
}
