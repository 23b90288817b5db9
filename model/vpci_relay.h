/* SPDX-License-Identifier: MIT */
/*
 * vpci_relay.h - the relay table of docs/spec.md §6 as data: one entry per
 * vhost-user request code of the pinned revision (front-end requests on the
 * master channel, back-end requests on the backend channel), with the class,
 * the payload and fd layout the master face checks, and the reply it
 * expects. relay.c drives everything from these tables; tests walk them.
 * Internal to the core (like vpci_internal.h).
 */
#ifndef VPCI_RELAY_H
#define VPCI_RELAY_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Classes of spec §6.1. */
enum vpci_relay_class {
    VPCI_CLASS_REFUSE = 0,  /* not relayed; master: session ended; backend: REFUSED */
    VPCI_CLASS_RELAY = 1,   /* relayed as received                              */
    VPCI_CLASS_XLATE = 2,   /* relayed after resource translation               */
    VPCI_CLASS_ADAPTER = 3, /* answered by the adapter                          */
};

/* Payload layouts (hdr.size rules, spec §6.2 and §6.5 step 4). */
enum vpci_payload {
    VPCI_PL_NONE = 0,    /* 0 B (8 B of any content also accepted)               */
    VPCI_PL_U64,         /* 8 B                                                  */
    VPCI_PL_VRING_STATE, /* 8 B, u32 index (vq checked) + u32 num                */
    VPCI_PL_VRING_ADDR,  /* 40 B, u32 index (vq checked) first                   */
    VPCI_PL_VRING_FD,    /* 8 B u64: vq bits 7:0, NOFD bit 8, bits 63:9 zero     */
    VPCI_PL_MEM_TABLE,   /* 8 + 32n B, n = nregions 1..8                         */
    VPCI_PL_LOG,         /* 16 B: mmap size, mmap offset                         */
    VPCI_PL_MEM_REG,     /* 40 B: 8 B padding + one region                       */
    VPCI_PL_IOTLB,       /* 26..32 B                                             */
    VPCI_PL_CONFIG,      /* 12 + size B, size (payload u32 at 4) <= 256          */
    VPCI_PL_ANY,         /* anything up to MAX_MSG_SIZE - 12                     */
};

/* fds a request carries, as resource descriptors (spec §6.5 step 5). */
enum vpci_fds {
    VPCI_FD_0 = 0,     /* none                                         */
    VPCI_FD_1,         /* exactly one, of kind res_kind                */
    VPCI_FD_REGIONS,   /* one VPCI_RES_MEM per region                  */
    VPCI_FD_VRING,     /* one of kind res_kind, or none with NOFD      */
    VPCI_FD_0_OR_1,    /* REM_MEM_REG: none or one (closed unused)     */
};

/* Reply the master waits for (spec §6.2 "reply path", §5.6 step 8). */
enum vpci_reply {
    VPCI_REPLY_ACK_ONLY = 0, /* only with NEED_REPLY + REPLY_ACK: u64        */
    VPCI_REPLY_U64,          /* driver's u64 on S2M channel 0                 */
    VPCI_REPLY_VRING_STATE,  /* driver's 8 B vring state                      */
    VPCI_REPLY_CONFIG,       /* driver's 12 + size (<= asked) or 0 B          */
    VPCI_REPLY_ANY,          /* driver's reply, any size                      */
    VPCI_REPLY_ADAPTER,      /* the adapter answers (u64)                     */
    VPCI_REPLY_NONE,         /* refused: never answered                       */
};

/* Preconditions on negotiated features (spec §6.2), bit set. */
#define VPCI_NEED_LOG_WIN 0x1u      /* adapter feature LOG_WIN accepted        */
#define VPCI_NEED_LOG_SHMFD 0x2u    /* protocol feature LOG_SHMFD negotiated   */
#define VPCI_NEED_BACKEND_CHAN 0x4u /* adapter feature BACKEND_CHAN accepted   */
#define VPCI_NEED_BACKEND_REQ 0x8u  /* protocol feature BACKEND_REQ negotiated */

/* Rewrite done on the relayed payload. */
enum vpci_rewrite {
    VPCI_RW_NONE = 0,
    VPCI_RW_MMAP_OFFSETS, /* every region's mmap offset := its window offset */
    VPCI_RW_LOG_OFFSET,   /* log offset := 0                                 */
    VPCI_RW_REPLY_MASK,   /* reply u64 &= pass mask                          */
    VPCI_RW_REPLY_CLAMP,  /* reply u64 := min(reply, NUM_VQS)                */
};

struct vpci_relay_entry {
    uint32_t request;             /* vhost-user request code           */
    const char *name;             /* name in the pinned revision        */
    enum vpci_relay_class cls;
    enum vpci_payload payload;
    enum vpci_fds fds;
    uint8_t res_kind;             /* enum vpci_res_kind for its fds     */
    uint8_t need;                 /* VPCI_NEED_* bits                   */
    enum vpci_reply reply;
    enum vpci_rewrite rewrite;
};

/* Highest request code of the pinned revision, per table. */
#define VPCI_RELAY_FRONTEND_MAX 43u
#define VPCI_RELAY_BACKEND_MAX 8u

/* Protocol feature bits the adapter can pass (spec §6.4), before the
 * adapter-feature dependent removals of LOG_SHMFD and BACKEND_REQ. */
#define VPCI_PROTO_PASS_ALL 0x1a2ffull
#define VPCI_PROTO_F_LOG_SHMFD 1u
#define VPCI_PROTO_F_REPLY_ACK 3u
#define VPCI_PROTO_F_BACKEND_REQ 5u

/* vhost-user header flag bits (spec §5.3). */
#define VPCI_VU_VERSION_MASK 0x3u
#define VPCI_VU_VERSION 0x1u
#define VPCI_VU_REPLY 0x4u
#define VPCI_VU_NEED_REPLY 0x8u

/* Front-end entries, index = request code (0 unused: code 0 is unknown). */
extern const struct vpci_relay_entry vpci_relay_frontend[VPCI_RELAY_FRONTEND_MAX + 1];
/* Backend-channel entries, index = request code (0 unused). */
extern const struct vpci_relay_entry vpci_relay_backend[VPCI_RELAY_BACKEND_MAX + 1];

/* Entry for a front-end (@backend = 0) or backend-channel request code, or
 * NULL when the code is unknown (refused). */
const struct vpci_relay_entry *vpci_relay_lookup(int backend, uint32_t request);

struct vpci_core;
/* Pass mask of protocol features for this instance's accepted adapter features. */
uint64_t vpci_relay_pass_mask(const struct vpci_core *c);

#ifdef __cplusplus
}
#endif

#endif /* VPCI_RELAY_H */
