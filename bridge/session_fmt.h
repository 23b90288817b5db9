/* SPDX-License-Identifier: MIT */
/*
 * session_fmt.h - the recorded-session file format (docs/session-trace.md):
 * what the bridge writes with --record (session_rec.c) and what the replayer
 * (session_replay.c) reads. Little-endian throughout.
 *
 *   file    := header record*
 *   header  := "VPCIREC\0" u32 version(1) u32 info_len info[info_len]
 *   record  := u8 type  u8 a  u16 b  u32 len  payload[len]
 *
 * Types and their fields (a, b, payload):
 *   CONNECT     -, -, empty                 a master connected
 *   DISCONNECT  -, -, empty                 the session ended
 *   MSG         chan, nres, nres x res + message bytes   master -> adapter
 *   KICK        -, vq, empty                the master kicked vq
 *   MEM         -, -, u64 gpa + bytes        master memory as the device may
 *                                           read it from now on
 *   SEND        chan, -, message bytes      adapter -> master (expected)
 *   NOTIFY      kind, vq, empty             call / err / log (expected)
 *   NOTE        -, -, text                  a recorder remark
 *   CHANNEL_GONE -, -, empty                the backend channel (the last
 *                                           channel resource) was closed
 *   res         := u32 kind (enum vpci_res_kind) u32 flags u64 size
 */
#ifndef VB_SESSION_FMT_H
#define VB_SESSION_FMT_H

#include <stdint.h>

#define VB_REC_MAGIC "VPCIREC"   /* 8 bytes with the NUL */
#define VB_REC_VERSION 1u
#define VB_REC_HDR_SIZE 8u        /* type, a, b, len */
#define VB_REC_RES_SIZE 16u       /* kind, flags, size */
#define VB_REC_MAX_PAYLOAD (64u << 20) /* a reader refuses longer records */

enum vb_rec_type {
    VB_REC_CONNECT = 1,
    VB_REC_DISCONNECT = 2,
    VB_REC_MSG = 3,
    VB_REC_KICK = 4,
    VB_REC_MEM = 5,
    VB_REC_SEND = 6,
    VB_REC_NOTIFY = 7,
    VB_REC_NOTE = 8,
    VB_REC_CHANNEL_GONE = 9,
};

#endif /* VB_SESSION_FMT_H */
