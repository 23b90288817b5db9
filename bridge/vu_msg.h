/* SPDX-License-Identifier: MIT */
/*
 * vu_msg.h - pure intake checks of one vhost-user message against the
 * vhost-user protocol (QEMU docs/interop/vhost-user.rst at the revision
 * pinned in docs/spec.md §6.1) and the relay table's layouts (§6.2, §6.5), read
 * from the generated request table (vpci_relay_lookup(), vpci_payload_size_ok()).
 *
 * No syscalls and no allocation: the checker only looks at the bytes and the
 * number of fds that came with them, and produces a plan that tells the
 * bridge what resource to build from each fd (bridge/res.c) before the core
 * sees the message. A libFuzzer target (fuzz/fuzz_vu_msg.c) drives it.
 *
 * What is checked here (a violation drops the connection, spec §6.5, last item):
 *   - header: 12 bytes, version bits = 1, REPLY clear on requests (set on
 *     backend-channel replies), hdr.size <= 4096 - 12 and = payload bytes;
 *   - payload size exactly as the request's layout requires;
 *   - fd count as the request requires (at most VPCI_VU_FDS_MAX on any message);
 *   - SET_MEM_TABLE: 1..8 regions, one fd per region; every region (also
 *     ADD/REM_MEM_REG) non-empty, not wrapping, mmap offset + size not
 *     wrapping; no two regions of a table overlapping in guest or user space;
 *   - KICK/CALL/ERR: reserved bits 63:9 zero, NOFD <=> no fd;
 *   - SET_LOG_BASE: non-empty log, offset + size not wrapping.
 * What is left to the core (it refuses with MASTER_REFUSED and a logged
 * reason, spec §6.5): REFUSE-class and unknown request codes (the bridge
 * closes their fds and hands the message over without resources), vq
 * indexes against NUM_VQS, feature preconditions, window fit.
 */
#ifndef VB_VU_MSG_H
#define VB_VU_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "vhost_pci_regs.h"     /* VPCI_MSG_HDR_SIZE, VPCI_MAX_MSG_SIZE */
#include "vhost_pci_requests.h" /* request codes, layouts and message constants
                                  (regs/vhost_user_requests.yaml) */

#ifdef __cplusplus
extern "C" {
#endif

/* Which channel a message came on. */
enum vu_chan {
    VU_CHAN_MASTER = 0,  /* front-end requests (the master's main socket) */
    VU_CHAN_BACKEND = 1, /* master replies on the backend-channel socket  */
};

/* What the bridge makes of one fd. */
enum vu_fd_kind {
    VU_FD_CLOSE = 0,   /* close it unused (REM_MEM_REG fd, refused requests) */
    VU_FD_MEM = 1,     /* mmap [offset, offset + size) of a regular file     */
    VU_FD_NOTIFIER = 2,/* call / err / log eventfd, signalled by the bridge  */
    VU_FD_KICK = 3,    /* kick eventfd, watched by the bridge                */
    VU_FD_SOCKET = 4,  /* backend-channel socket                             */
};

struct vu_fd_plan {
    enum vu_fd_kind kind;
    uint64_t offset;   /* VU_FD_MEM: file offset of the first byte used */
    uint64_t size;     /* VU_FD_MEM: bytes used                         */
};

struct vu_plan {
    uint32_t request, flags, size;  /* header fields                          */
    int vq;                         /* vring index for KICK/CALL/ERR, else -1 */
    int pass_bare;                  /* 1: hand to the core without resources
                                       (REFUSE class / unknown: the core refuses) */
    unsigned nfds;
    struct vu_fd_plan fd[VPCI_VU_FDS_MAX];
};

/*
 * Check the header only (the first 12 bytes): version, reply flag for
 * @chan, size bound. Returns 0 or -1 with a reason in @why.
 */
int vu_hdr_check(const uint8_t *hdr, enum vu_chan chan, char *why, size_t whylen);

/*
 * Check a complete message (@len = 12 + hdr.size bytes) that arrived with
 * @nfds fds and fill @plan. Returns 0 when the bridge may build resources
 * and hand the message to the core, -1 on a violation (reason in @why).
 */
int vu_msg_check(const uint8_t *msg, size_t len, unsigned nfds, enum vu_chan chan,
                 struct vu_plan *plan, char *why, size_t whylen);

/* Name of a front-end (@backend 0) or backend-channel request (the request
 * table's), "?" if unknown. */
const char *vu_request_name(int backend, uint32_t request);

#ifdef __cplusplus
}
#endif

#endif /* VB_VU_MSG_H */
