/*
 * GENERATED FILE - DO NOT EDIT.
 * vhost-user request table, generated from regs/vhost_user_requests.yaml by tools/regs_gen.py:
 *   /usr/bin/python3 tools/regs_gen.py --out-dir gen --docs docs/registers.md
 * Edit the YAML (schema: regs/README.md) and rerun that command.
 */
#include "vhost_pci_requests.h"

#include <stddef.h>

const struct vpci_relay_entry vpci_relay_frontend[VPCI_RELAY_FRONTEND_MAX + 1] = {
    [VPCI_VU_REQ_GET_FEATURES] =
        {.request = VPCI_VU_REQ_GET_FEATURES, .name = "GET_FEATURES",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_NONE, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_U64, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_SET_FEATURES] =
        {.request = VPCI_VU_REQ_SET_FEATURES, .name = "SET_FEATURES",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_U64, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_SET_OWNER] =
        {.request = VPCI_VU_REQ_SET_OWNER, .name = "SET_OWNER",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_NONE, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_RESET_OWNER] =
        {.request = VPCI_VU_REQ_RESET_OWNER, .name = "RESET_OWNER",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_NONE, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_SET_MEM_TABLE] =
        {.request = VPCI_VU_REQ_SET_MEM_TABLE, .name = "SET_MEM_TABLE",
         .cls = VPCI_CLASS_XLATE, .payload = VPCI_PL_MEM_TABLE, .fds = VPCI_FD_REGIONS, .res_kind = VPCI_RELAY_RES_MEM,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_MMAP_OFFSETS},
    [VPCI_VU_REQ_SET_LOG_BASE] =
        {.request = VPCI_VU_REQ_SET_LOG_BASE, .name = "SET_LOG_BASE",
         .cls = VPCI_CLASS_XLATE, .payload = VPCI_PL_LOG, .fds = VPCI_FD_1, .res_kind = VPCI_RELAY_RES_MEM,
         .need = VPCI_NEED_LOG_WIN | VPCI_NEED_LOG_SHMFD, .reply = VPCI_REPLY_U64, .rewrite = VPCI_RW_LOG_OFFSET},
    [VPCI_VU_REQ_SET_LOG_FD] =
        {.request = VPCI_VU_REQ_SET_LOG_FD, .name = "SET_LOG_FD",
         .cls = VPCI_CLASS_XLATE, .payload = VPCI_PL_NONE, .fds = VPCI_FD_1, .res_kind = VPCI_RELAY_RES_NOTIFIER,
         .need = VPCI_NEED_LOG_WIN, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_SET_VRING_NUM] =
        {.request = VPCI_VU_REQ_SET_VRING_NUM, .name = "SET_VRING_NUM",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_VRING_STATE, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_SET_VRING_ADDR] =
        {.request = VPCI_VU_REQ_SET_VRING_ADDR, .name = "SET_VRING_ADDR",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_VRING_ADDR, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_SET_VRING_BASE] =
        {.request = VPCI_VU_REQ_SET_VRING_BASE, .name = "SET_VRING_BASE",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_VRING_STATE, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_GET_VRING_BASE] =
        {.request = VPCI_VU_REQ_GET_VRING_BASE, .name = "GET_VRING_BASE",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_VRING_STATE, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_VRING_STATE, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_SET_VRING_KICK] =
        {.request = VPCI_VU_REQ_SET_VRING_KICK, .name = "SET_VRING_KICK",
         .cls = VPCI_CLASS_XLATE, .payload = VPCI_PL_VRING_FD, .fds = VPCI_FD_VRING, .res_kind = VPCI_RELAY_RES_KICK,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_SET_VRING_CALL] =
        {.request = VPCI_VU_REQ_SET_VRING_CALL, .name = "SET_VRING_CALL",
         .cls = VPCI_CLASS_XLATE, .payload = VPCI_PL_VRING_FD, .fds = VPCI_FD_VRING, .res_kind = VPCI_RELAY_RES_NOTIFIER,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_SET_VRING_ERR] =
        {.request = VPCI_VU_REQ_SET_VRING_ERR, .name = "SET_VRING_ERR",
         .cls = VPCI_CLASS_XLATE, .payload = VPCI_PL_VRING_FD, .fds = VPCI_FD_VRING, .res_kind = VPCI_RELAY_RES_NOTIFIER,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_GET_PROTOCOL_FEATURES] =
        {.request = VPCI_VU_REQ_GET_PROTOCOL_FEATURES, .name = "GET_PROTOCOL_FEATURES",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_NONE, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_U64, .rewrite = VPCI_RW_REPLY_MASK},
    [VPCI_VU_REQ_SET_PROTOCOL_FEATURES] =
        {.request = VPCI_VU_REQ_SET_PROTOCOL_FEATURES, .name = "SET_PROTOCOL_FEATURES",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_U64, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_GET_QUEUE_NUM] =
        {.request = VPCI_VU_REQ_GET_QUEUE_NUM, .name = "GET_QUEUE_NUM",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_NONE, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_U64, .rewrite = VPCI_RW_REPLY_CLAMP},
    [VPCI_VU_REQ_SET_VRING_ENABLE] =
        {.request = VPCI_VU_REQ_SET_VRING_ENABLE, .name = "SET_VRING_ENABLE",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_VRING_STATE, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_SEND_RARP] =
        {.request = VPCI_VU_REQ_SEND_RARP, .name = "SEND_RARP",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_U64, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_NET_SET_MTU] =
        {.request = VPCI_VU_REQ_NET_SET_MTU, .name = "NET_SET_MTU",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_U64, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_SET_BACKEND_REQ_FD] =
        {.request = VPCI_VU_REQ_SET_BACKEND_REQ_FD, .name = "SET_BACKEND_REQ_FD",
         .cls = VPCI_CLASS_XLATE, .payload = VPCI_PL_NONE, .fds = VPCI_FD_1, .res_kind = VPCI_RELAY_RES_CHANNEL,
         .need = VPCI_NEED_BACKEND_CHAN | VPCI_NEED_BACKEND_REQ, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_IOTLB_MSG] =
        {.request = VPCI_VU_REQ_IOTLB_MSG, .name = "IOTLB_MSG",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_IOTLB, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_U64, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_SET_VRING_ENDIAN] =
        {.request = VPCI_VU_REQ_SET_VRING_ENDIAN, .name = "SET_VRING_ENDIAN",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_VRING_STATE, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_GET_CONFIG] =
        {.request = VPCI_VU_REQ_GET_CONFIG, .name = "GET_CONFIG",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_CONFIG, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_CONFIG, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_SET_CONFIG] =
        {.request = VPCI_VU_REQ_SET_CONFIG, .name = "SET_CONFIG",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_CONFIG, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_CREATE_CRYPTO_SESSION] =
        {.request = VPCI_VU_REQ_CREATE_CRYPTO_SESSION, .name = "CREATE_CRYPTO_SESSION",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ANY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_CLOSE_CRYPTO_SESSION] =
        {.request = VPCI_VU_REQ_CLOSE_CRYPTO_SESSION, .name = "CLOSE_CRYPTO_SESSION",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_U64, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_POSTCOPY_ADVISE] =
        {.request = VPCI_VU_REQ_POSTCOPY_ADVISE, .name = "POSTCOPY_ADVISE",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_POSTCOPY_LISTEN] =
        {.request = VPCI_VU_REQ_POSTCOPY_LISTEN, .name = "POSTCOPY_LISTEN",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_POSTCOPY_END] =
        {.request = VPCI_VU_REQ_POSTCOPY_END, .name = "POSTCOPY_END",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_GET_INFLIGHT_FD] =
        {.request = VPCI_VU_REQ_GET_INFLIGHT_FD, .name = "GET_INFLIGHT_FD",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_SET_INFLIGHT_FD] =
        {.request = VPCI_VU_REQ_SET_INFLIGHT_FD, .name = "SET_INFLIGHT_FD",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_GPU_SET_SOCKET] =
        {.request = VPCI_VU_REQ_GPU_SET_SOCKET, .name = "GPU_SET_SOCKET",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_RESET_DEVICE] =
        {.request = VPCI_VU_REQ_RESET_DEVICE, .name = "RESET_DEVICE",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_NONE, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_VRING_KICK] =
        {.request = VPCI_VU_REQ_VRING_KICK, .name = "VRING_KICK",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_GET_MAX_MEM_SLOTS] =
        {.request = VPCI_VU_REQ_GET_MAX_MEM_SLOTS, .name = "GET_MAX_MEM_SLOTS",
         .cls = VPCI_CLASS_ADAPTER, .payload = VPCI_PL_NONE, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ADAPTER, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_ADD_MEM_REG] =
        {.request = VPCI_VU_REQ_ADD_MEM_REG, .name = "ADD_MEM_REG",
         .cls = VPCI_CLASS_XLATE, .payload = VPCI_PL_MEM_REG, .fds = VPCI_FD_1, .res_kind = VPCI_RELAY_RES_MEM,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_MMAP_OFFSETS},
    [VPCI_VU_REQ_REM_MEM_REG] =
        {.request = VPCI_VU_REQ_REM_MEM_REG, .name = "REM_MEM_REG",
         .cls = VPCI_CLASS_XLATE, .payload = VPCI_PL_MEM_REG, .fds = VPCI_FD_0_OR_1, .res_kind = VPCI_RELAY_RES_MEM,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_MMAP_OFFSETS},
    [VPCI_VU_REQ_SET_STATUS] =
        {.request = VPCI_VU_REQ_SET_STATUS, .name = "SET_STATUS",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_U64, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_GET_STATUS] =
        {.request = VPCI_VU_REQ_GET_STATUS, .name = "GET_STATUS",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_NONE, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_U64, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_GET_SHARED_OBJECT] =
        {.request = VPCI_VU_REQ_GET_SHARED_OBJECT, .name = "GET_SHARED_OBJECT",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_SET_DEVICE_STATE_FD] =
        {.request = VPCI_VU_REQ_SET_DEVICE_STATE_FD, .name = "SET_DEVICE_STATE_FD",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_CHECK_DEVICE_STATE] =
        {.request = VPCI_VU_REQ_CHECK_DEVICE_STATE, .name = "CHECK_DEVICE_STATE",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
};

const struct vpci_relay_entry vpci_relay_backend[VPCI_RELAY_BACKEND_MAX + 1] = {
    [VPCI_VU_REQ_BACKEND_IOTLB_MSG] =
        {.request = VPCI_VU_REQ_BACKEND_IOTLB_MSG, .name = "BACKEND_IOTLB_MSG",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_IOTLB, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG] =
        {.request = VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG, .name = "BACKEND_CONFIG_CHANGE_MSG",
         .cls = VPCI_CLASS_RELAY, .payload = VPCI_PL_NONE, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_ACK_ONLY, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_BACKEND_VRING_HOST_NOTIFIER_MSG] =
        {.request = VPCI_VU_REQ_BACKEND_VRING_HOST_NOTIFIER_MSG, .name = "BACKEND_VRING_HOST_NOTIFIER_MSG",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_BACKEND_VRING_CALL] =
        {.request = VPCI_VU_REQ_BACKEND_VRING_CALL, .name = "BACKEND_VRING_CALL",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_BACKEND_VRING_ERR] =
        {.request = VPCI_VU_REQ_BACKEND_VRING_ERR, .name = "BACKEND_VRING_ERR",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_BACKEND_SHARED_OBJECT_ADD] =
        {.request = VPCI_VU_REQ_BACKEND_SHARED_OBJECT_ADD, .name = "BACKEND_SHARED_OBJECT_ADD",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_BACKEND_SHARED_OBJECT_REMOVE] =
        {.request = VPCI_VU_REQ_BACKEND_SHARED_OBJECT_REMOVE, .name = "BACKEND_SHARED_OBJECT_REMOVE",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
    [VPCI_VU_REQ_BACKEND_SHARED_OBJECT_LOOKUP] =
        {.request = VPCI_VU_REQ_BACKEND_SHARED_OBJECT_LOOKUP, .name = "BACKEND_SHARED_OBJECT_LOOKUP",
         .cls = VPCI_CLASS_REFUSE, .payload = VPCI_PL_ANY, .fds = VPCI_FD_0, .res_kind = VPCI_RELAY_RES_NONE,
         .need = 0, .reply = VPCI_REPLY_NONE, .rewrite = VPCI_RW_NONE},
};

const struct vpci_payload_rule vpci_payload_rules[VPCI_PL_COUNT] = {
    [VPCI_PL_NONE] = {"NONE", 0, 0, 0, 0, 0, 0u, 0u, 1},
    [VPCI_PL_U64] = {"U64", 8, 8, 0, 0, 0, 0u, 0u, 0},
    [VPCI_PL_VRING_STATE] = {"VRING_STATE", 8, 8, 0, 0, 0, 0u, 0u, 0},
    [VPCI_PL_VRING_ADDR] = {"VRING_ADDR", 40, 40, 0, 0, 0, 0u, 0u, 0},
    [VPCI_PL_VRING_FD] = {"VRING_FD", 8, 8, 0, 0, 0, 0u, 0u, 0},
    [VPCI_PL_MEM_TABLE] = {"MEM_TABLE", 40, 264, 8, 32, 0, 1u, 8u, 0},
    [VPCI_PL_LOG] = {"LOG", 16, 16, 0, 0, 0, 0u, 0u, 0},
    [VPCI_PL_MEM_REG] = {"MEM_REG", 40, 40, 0, 0, 0, 0u, 0u, 0},
    [VPCI_PL_IOTLB] = {"IOTLB", 26, 32, 0, 0, 0, 0u, 0u, 0},
    [VPCI_PL_CONFIG] = {"CONFIG", 12, 268, 12, 1, 4, 0u, 256u, 0},
    [VPCI_PL_ANY] = {"ANY", 0, 4084, 0, 0, 0, 0u, 0u, 0},
};

const struct vpci_relay_entry *vpci_relay_lookup(int backend, uint32_t request)
{
    if (backend)
        return request >= 1 && request <= VPCI_RELAY_BACKEND_MAX ? &vpci_relay_backend[request] : NULL;
    return request >= 1 && request <= VPCI_RELAY_FRONTEND_MAX ? &vpci_relay_frontend[request] : NULL;
}

int vpci_payload_size_ok(enum vpci_payload payload, const uint8_t *p, uint32_t size, int from_master)
{
    const struct vpci_payload_rule *r;
    uint32_t n;

    if ((unsigned)payload >= VPCI_PL_COUNT)
        return 0;
    r = &vpci_payload_rules[payload];
    if (from_master && r->unused_u64 && size == 8)
        return 1;
    if (size < r->size_min || size > r->size_max)
        return 0;
    if (!r->unit)
        return 1;
    /* size >= size_min >= base >= count_at + 4: the count is inside the payload. */
    n = (uint32_t)p[r->count_at] | (uint32_t)p[r->count_at + 1] << 8 |
        (uint32_t)p[r->count_at + 2] << 16 | (uint32_t)p[r->count_at + 3] << 24;
    return n >= r->count_min && n <= r->count_max && size == r->base + r->unit * n;
}
