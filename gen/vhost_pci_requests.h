/*
 * GENERATED FILE - DO NOT EDIT.
 * vhost-user request table, generated from regs/vhost_user_requests.yaml by tools/regs_gen.py:
 *   /usr/bin/python3 tools/regs_gen.py --out-dir gen --docs docs/registers.md
 * Edit the YAML (schema: regs/README.md) and rerun that command.
 *
 * The relay table of docs/spec.md §6 as data: one entry per request code of the
 * pinned revision (QEMU docs/interop/vhost-user.rst at commit f6b615b52d1d92f02103596a30df95f31138a2e4),
 * front-end requests on the master channel, back-end requests on the backend
 * channel, with the class, the payload and fd rules the master face checks, the
 * features a request needs, the reply the master waits for and what is rewritten.
 */
#ifndef VPCI_REQUESTS_H
#define VPCI_REQUESTS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Front-end requests (the master's main socket, spec §6.2). */
enum vpci_vu_frontend_req {
    VPCI_VU_REQ_GET_FEATURES = 1,
    VPCI_VU_REQ_SET_FEATURES = 2,
    VPCI_VU_REQ_SET_OWNER = 3,
    VPCI_VU_REQ_RESET_OWNER = 4,
    VPCI_VU_REQ_SET_MEM_TABLE = 5,
    VPCI_VU_REQ_SET_LOG_BASE = 6,
    VPCI_VU_REQ_SET_LOG_FD = 7,
    VPCI_VU_REQ_SET_VRING_NUM = 8,
    VPCI_VU_REQ_SET_VRING_ADDR = 9,
    VPCI_VU_REQ_SET_VRING_BASE = 10,
    VPCI_VU_REQ_GET_VRING_BASE = 11,
    VPCI_VU_REQ_SET_VRING_KICK = 12,
    VPCI_VU_REQ_SET_VRING_CALL = 13,
    VPCI_VU_REQ_SET_VRING_ERR = 14,
    VPCI_VU_REQ_GET_PROTOCOL_FEATURES = 15,
    VPCI_VU_REQ_SET_PROTOCOL_FEATURES = 16,
    VPCI_VU_REQ_GET_QUEUE_NUM = 17,
    VPCI_VU_REQ_SET_VRING_ENABLE = 18,
    VPCI_VU_REQ_SEND_RARP = 19,
    VPCI_VU_REQ_NET_SET_MTU = 20,
    VPCI_VU_REQ_SET_BACKEND_REQ_FD = 21,
    VPCI_VU_REQ_IOTLB_MSG = 22,
    VPCI_VU_REQ_SET_VRING_ENDIAN = 23,
    VPCI_VU_REQ_GET_CONFIG = 24,
    VPCI_VU_REQ_SET_CONFIG = 25,
    VPCI_VU_REQ_CREATE_CRYPTO_SESSION = 26,
    VPCI_VU_REQ_CLOSE_CRYPTO_SESSION = 27,
    VPCI_VU_REQ_POSTCOPY_ADVISE = 28,
    VPCI_VU_REQ_POSTCOPY_LISTEN = 29,
    VPCI_VU_REQ_POSTCOPY_END = 30,
    VPCI_VU_REQ_GET_INFLIGHT_FD = 31,
    VPCI_VU_REQ_SET_INFLIGHT_FD = 32,
    VPCI_VU_REQ_GPU_SET_SOCKET = 33,
    VPCI_VU_REQ_RESET_DEVICE = 34,
    VPCI_VU_REQ_VRING_KICK = 35,
    VPCI_VU_REQ_GET_MAX_MEM_SLOTS = 36,
    VPCI_VU_REQ_ADD_MEM_REG = 37,
    VPCI_VU_REQ_REM_MEM_REG = 38,
    VPCI_VU_REQ_SET_STATUS = 39,
    VPCI_VU_REQ_GET_STATUS = 40,
    VPCI_VU_REQ_GET_SHARED_OBJECT = 41,
    VPCI_VU_REQ_SET_DEVICE_STATE_FD = 42,
    VPCI_VU_REQ_CHECK_DEVICE_STATE = 43,
};
/* Highest request code (the table has no holes: 1..max). */
#define VPCI_RELAY_FRONTEND_MAX 43u

/* Back-end requests (the backend channel, spec §6.3). */
enum vpci_vu_backend_req {
    VPCI_VU_REQ_BACKEND_IOTLB_MSG = 1,
    VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG = 2,
    VPCI_VU_REQ_BACKEND_VRING_HOST_NOTIFIER_MSG = 3,
    VPCI_VU_REQ_BACKEND_VRING_CALL = 4,
    VPCI_VU_REQ_BACKEND_VRING_ERR = 5,
    VPCI_VU_REQ_BACKEND_SHARED_OBJECT_ADD = 6,
    VPCI_VU_REQ_BACKEND_SHARED_OBJECT_REMOVE = 7,
    VPCI_VU_REQ_BACKEND_SHARED_OBJECT_LOOKUP = 8,
};
/* Highest request code (the table has no holes: 1..max). */
#define VPCI_RELAY_BACKEND_MAX 8u

/* Protocol features (VHOST_USER_PROTOCOL_F_*, spec §6.4). */
enum vpci_proto_feature {
    VPCI_PROTO_F_MQ = 0, /* PASS */
    VPCI_PROTO_F_LOG_SHMFD = 1, /* PASS: Removed from the pass mask unless LOG_WIN is accepted. */
    VPCI_PROTO_F_RARP = 2, /* PASS */
    VPCI_PROTO_F_REPLY_ACK = 3, /* PASS */
    VPCI_PROTO_F_MTU = 4, /* PASS */
    VPCI_PROTO_F_BACKEND_REQ = 5, /* PASS: Removed from the pass mask unless BACKEND_CHAN is accepted. */
    VPCI_PROTO_F_CROSS_ENDIAN = 6, /* PASS */
    VPCI_PROTO_F_CRYPTO_SESSION = 7, /* PASS */
    VPCI_PROTO_F_PAGEFAULT = 8, /* MASK */
    VPCI_PROTO_F_CONFIG = 9, /* PASS */
    VPCI_PROTO_F_BACKEND_SEND_FD = 10, /* MASK */
    VPCI_PROTO_F_HOST_NOTIFIER = 11, /* MASK */
    VPCI_PROTO_F_INFLIGHT_SHMFD = 12, /* MASK */
    VPCI_PROTO_F_RESET_DEVICE = 13, /* PASS */
    VPCI_PROTO_F_INBAND_NOTIFICATIONS = 14, /* MASK */
    VPCI_PROTO_F_CONFIGURE_MEM_SLOTS = 15, /* PASS */
    VPCI_PROTO_F_STATUS = 16, /* PASS */
    VPCI_PROTO_F_XEN_MMAP = 17, /* MASK */
    VPCI_PROTO_F_SHARED_OBJECT = 18, /* MASK */
    VPCI_PROTO_F_DEVICE_STATE = 19, /* MASK */
};
/* Protocol feature bits with decision PASS (the pass mask before the removals
 * that depend on the accepted adapter features). */
#define VPCI_PROTO_PASS_ALL 0x1a2ffull

/* Message-level constants of vhost-user (spec §5.3, §6.2, §6.5). */
#define VPCI_VU_FLAG_VERSION_MASK 0x3u /* hdr.flags: the version bits */
#define VPCI_VU_FLAG_VERSION 0x1u /* hdr.flags: the version of the protocol (in the version bits) */
#define VPCI_VU_FLAG_REPLY 0x4u /* hdr.flags: the message is a reply */
#define VPCI_VU_FLAG_NEED_REPLY 0x8u /* hdr.flags: the sender asks for a reply (REPLY_ACK) */
#define VPCI_VU_VRING_INDEX_MASK 0xffull /* SET_VRING_KICK/CALL/ERR u64: the vring index bits */
#define VPCI_VU_VRING_NOFD 0x100ull /* SET_VRING_KICK/CALL/ERR u64: no fd (polling), the bit above the index */
#define VPCI_VU_FDS_MAX 8u /* fds one message may carry */
#define VPCI_VU_MEM_REGIONS_MAX 8u /* regions of one memory table (SET_MEM_TABLE) */
#define VPCI_VU_F_PROTOCOL_FEATURES 30u /* virtio feature bit VHOST_USER_F_PROTOCOL_FEATURES */

/* Classes (spec §6.1). */
enum vpci_relay_class {
    VPCI_CLASS_REFUSE = 0, /* not relayed; master: session ended; backend: REFUSED */
    VPCI_CLASS_RELAY = 1, /* relayed as received */
    VPCI_CLASS_XLATE = 2, /* relayed after resource translation */
    VPCI_CLASS_ADAPTER = 3, /* answered by the adapter */
};

/* fds a request carries, as resource descriptors (spec §6.5 step 5). */
enum vpci_fds {
    VPCI_FD_0 = 0, /* none */
    VPCI_FD_1 = 1, /* exactly one, of the request's resource kind */
    VPCI_FD_REGIONS = 2, /* one of the resource kind per region of the payload */
    VPCI_FD_VRING = 3, /* one of the resource kind, or none with NOFD */
    VPCI_FD_0_OR_1 = 4, /* none or one (the platform closes it unused) */
};

/* Resource kind made from a request's fds (the model's enum vpci_res_kind). */
enum vpci_relay_res {
    VPCI_RELAY_RES_NONE = 0, /* no resource */
    VPCI_RELAY_RES_MEM = 1, /* memory region or log: host mapping */
    VPCI_RELAY_RES_NOTIFIER = 2, /* call/err/log eventfd: signalled by the platform */
    VPCI_RELAY_RES_KICK = 3, /* kick eventfd: watched by the platform */
    VPCI_RELAY_RES_CHANNEL = 4, /* backend channel socket */
};

/* Reply the master waits for (spec §6.2 reply path, §5.6 step 8). */
enum vpci_reply {
    VPCI_REPLY_ACK_ONLY = 0, /* only with NEED_REPLY + REPLY_ACK: u64 */
    VPCI_REPLY_U64 = 1, /* driver's u64 on S2M channel 0 */
    VPCI_REPLY_VRING_STATE = 2, /* driver's 8 B vring state */
    VPCI_REPLY_CONFIG = 3, /* driver's 12 + size (<= asked) or 0 B */
    VPCI_REPLY_ANY = 4, /* driver's reply, any size */
    VPCI_REPLY_ADAPTER = 5, /* the adapter answers (u64) */
    VPCI_REPLY_NONE = 6, /* refused: never answered */
};

/* Rewrite done on the relayed payload or on the reply. */
enum vpci_rewrite {
    VPCI_RW_NONE = 0, /* nothing rewritten */
    VPCI_RW_MMAP_OFFSETS = 1, /* every region's mmap offset := its window offset */
    VPCI_RW_LOG_OFFSET = 2, /* log offset := 0 */
    VPCI_RW_REPLY_MASK = 3, /* reply u64 &= pass mask */
    VPCI_RW_REPLY_CLAMP = 4, /* reply u64 := min(reply, NUM_VQS) */
};

/* Payload layouts: size rules of hdr.size (spec §6.2 and §6.5 step 4). */
enum vpci_payload {
    VPCI_PL_NONE = 0, /* 0 B; from the master also 8 B of any content (an unused u64). */
    VPCI_PL_U64 = 1, /* 8 B u64. */
    VPCI_PL_VRING_STATE = 2, /* 8 B: u32 index (vq checked) + u32 num. */
    VPCI_PL_VRING_ADDR = 3, /* 40 B vring address, u32 index (vq checked) first. */
    VPCI_PL_VRING_FD = 4, /* 8 B u64: vq in bits 7:0, NOFD bit 8, bits 63:9 zero. */
    VPCI_PL_MEM_TABLE = 5, /* 8 + 32n B, n = nregions (u32 at 0) 1..8. */
    VPCI_PL_LOG = 6, /* 16 B log description: mmap size, mmap offset. */
    VPCI_PL_MEM_REG = 7, /* 40 B: 8 B padding + one region. */
    VPCI_PL_IOTLB = 8, /* struct vhost_iotlb_msg: 26 B used, up to 6 B padding. */
    VPCI_PL_CONFIG = 9, /* 12 + size B: offset, size (u32 at 4, <= 256), flags, config bytes. */
    VPCI_PL_ANY = 10, /* Anything up to MAX_MSG_SIZE - 12 B, not checked. */
};
#define VPCI_PL_COUNT 11u
#define VPCI_PL_NONE_SIZE_MIN 0u
#define VPCI_PL_NONE_SIZE_MAX 0u
#define VPCI_PL_U64_SIZE_MIN 8u
#define VPCI_PL_U64_SIZE_MAX 8u
#define VPCI_PL_VRING_STATE_SIZE_MIN 8u
#define VPCI_PL_VRING_STATE_SIZE_MAX 8u
#define VPCI_PL_VRING_ADDR_SIZE_MIN 40u
#define VPCI_PL_VRING_ADDR_SIZE_MAX 40u
#define VPCI_PL_VRING_FD_SIZE_MIN 8u
#define VPCI_PL_VRING_FD_SIZE_MAX 8u
#define VPCI_PL_MEM_TABLE_SIZE_MIN 40u
#define VPCI_PL_MEM_TABLE_SIZE_MAX 264u
#define VPCI_PL_MEM_TABLE_BASE 8u
#define VPCI_PL_MEM_TABLE_UNIT 32u
#define VPCI_PL_MEM_TABLE_COUNT_AT 0u
#define VPCI_PL_MEM_TABLE_COUNT_MIN 1u
#define VPCI_PL_MEM_TABLE_COUNT_MAX 8u
#define VPCI_PL_LOG_SIZE_MIN 16u
#define VPCI_PL_LOG_SIZE_MAX 16u
#define VPCI_PL_MEM_REG_SIZE_MIN 40u
#define VPCI_PL_MEM_REG_SIZE_MAX 40u
#define VPCI_PL_IOTLB_SIZE_MIN 26u
#define VPCI_PL_IOTLB_SIZE_MAX 32u
#define VPCI_PL_CONFIG_SIZE_MIN 12u
#define VPCI_PL_CONFIG_SIZE_MAX 268u
#define VPCI_PL_CONFIG_BASE 12u
#define VPCI_PL_CONFIG_UNIT 1u
#define VPCI_PL_CONFIG_COUNT_AT 4u
#define VPCI_PL_CONFIG_COUNT_MIN 0u
#define VPCI_PL_CONFIG_COUNT_MAX 256u
#define VPCI_PL_ANY_SIZE_MIN 0u
#define VPCI_PL_ANY_SIZE_MAX 4084u

/* Preconditions on negotiated features (spec §6.2), entry.need bits; each names
 * the adapter feature (accepted by the driver) or protocol feature (negotiated). */
#define VPCI_NEED_LOG_WIN 0x1u /* The driver accepted adapter feature LOG_WIN. */
#define VPCI_NEED_LOG_WIN_ADAPTER_FEATURE 1u /* adapter feature LOG_WIN */
#define VPCI_NEED_LOG_SHMFD 0x2u /* Protocol feature LOG_SHMFD negotiated. */
#define VPCI_NEED_LOG_SHMFD_PROTOCOL_FEATURE 1u /* protocol feature LOG_SHMFD */
#define VPCI_NEED_BACKEND_CHAN 0x4u /* The driver accepted adapter feature BACKEND_CHAN. */
#define VPCI_NEED_BACKEND_CHAN_ADAPTER_FEATURE 0u /* adapter feature BACKEND_CHAN */
#define VPCI_NEED_BACKEND_REQ 0x8u /* Protocol feature BACKEND_REQ negotiated. */
#define VPCI_NEED_BACKEND_REQ_PROTOCOL_FEATURE 5u /* protocol feature BACKEND_REQ */

/* One request: index = code in vpci_relay_frontend[] / vpci_relay_backend[]. */
struct vpci_relay_entry {
    uint32_t request;             /* vhost-user request code          */
    const char *name;             /* name in the pinned revision      */
    enum vpci_relay_class cls;
    enum vpci_payload payload;
    enum vpci_fds fds;
    uint8_t res_kind;             /* enum vpci_relay_res for its fds   */
    uint8_t need;                 /* VPCI_NEED_* bits                  */
    enum vpci_reply reply;
    enum vpci_rewrite rewrite;
};

/* Size rule of a payload layout: hdr.size in [size_min, size_max]; a counted
 * layout (unit != 0) also needs size = base + unit * count, with the u32 count
 * (little-endian, at byte count_at) in [count_min, count_max]. */
struct vpci_payload_rule {
    const char *name;
    uint16_t size_min, size_max;
    uint16_t base, unit, count_at;
    uint32_t count_min, count_max;
    uint8_t unused_u64;           /* 1: from the master also 8 B of any content */
};

/* Front-end entries, index = request code (0 unused: code 0 is unknown). */
extern const struct vpci_relay_entry vpci_relay_frontend[VPCI_RELAY_FRONTEND_MAX + 1];
/* Back-end entries, index = request code (0 unused). */
extern const struct vpci_relay_entry vpci_relay_backend[VPCI_RELAY_BACKEND_MAX + 1];
/* Size rules, indexed by enum vpci_payload. */
extern const struct vpci_payload_rule vpci_payload_rules[VPCI_PL_COUNT];

/* Entry of a front-end (@backend = 0) or back-end request code, or NULL when the
 * code is unknown (refused). */
const struct vpci_relay_entry *vpci_relay_lookup(int backend, uint32_t request);

/* 1 when @size payload bytes at @p (readable up to @size) follow the size rule of
 * @payload; @from_master: the message came from the master (an unused u64 is
 * accepted where the layout allows it). */
int vpci_payload_size_ok(enum vpci_payload payload, const uint8_t *p, uint32_t size, int from_master);

#ifdef __cplusplus
}
#endif

#endif /* VPCI_REQUESTS_H */
