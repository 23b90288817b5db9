/*
 * GENERATED FILE - DO NOT EDIT.
 * C register header, generated from regs/vhost_pci_regs.yaml by tools/regs_gen.py:
 *   /usr/bin/python3 tools/regs_gen.py --out-dir gen --docs docs/registers.md
 * Edit the YAML (schema: regs/README.md) and rerun that command.
 */
#ifndef VPCI_REGS_H
#define VPCI_REGS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define VPCI_STATIC_ASSERT(c, m) static_assert(c, m)
#else
#define VPCI_STATIC_ASSERT(c, m) _Static_assert(c, m)
#endif
#if defined(__GNUC__) || defined(__clang__)
#define VPCI_PACKED __attribute__((packed))
#else
#define VPCI_PACKED
#endif

/* ---- Creation-time parameters ---- */
/* Number of virtqueues the adapter serves (call/err doorbells, kick sources). */
#define VPCI_PARAM_NUM_VQS_DEFAULT 0x40u
#define VPCI_PARAM_NUM_VQS_MIN 0x1u
#define VPCI_PARAM_NUM_VQS_MAX 0x100u
/* Number of MSI-X table entries (vector 0 is conventionally the adapter-event vector). */
#define VPCI_PARAM_MSIX_VECTORS_DEFAULT 0x41u
#define VPCI_PARAM_MSIX_VECTORS_MIN 0x1u
#define VPCI_PARAM_MSIX_VECTORS_MAX 0x200u
/* log2 of the memory window (BAR2) size in bytes. */
#define VPCI_PARAM_MEM_WIN_LOG2_DEFAULT 0x1eu
#define VPCI_PARAM_MEM_WIN_LOG2_MIN 0x15u
#define VPCI_PARAM_MEM_WIN_LOG2_MAX 0x22u
/* log2 of the log window (BAR4) size in bytes. */
#define VPCI_PARAM_LOG_WIN_LOG2_DEFAULT 0x14u
#define VPCI_PARAM_LOG_WIN_LOG2_MIN 0xcu
#define VPCI_PARAM_LOG_WIN_LOG2_MAX 0x18u

/* ---- Constants ---- */
#define VPCI_MAX_VQS 0x100u /* Largest NUM_VQS any instance can have (doorbell page capacity). */
#define VPCI_MAX_MSIX_VECTORS 0x200u /* Largest MSI-X table (MSIX_TABLE window capacity). */
#define VPCI_MAX_REGIONS 0x20u /* Entries in the memory window translation table. */
#define VPCI_MAX_MSG_SIZE 0x1000u /* Largest relayed message, VhostUserMsg header (12 bytes) included. */
#define VPCI_MSG_HDR_SIZE 0xcu /* Size of the VhostUserMsg header (request, flags, size). */
#define VPCI_NO_VECTOR 0xffffu /* Vector number meaning 'no MSI-X vector assigned'. */
#define VPCI_WIN_ALIGN 0x200000u /* Alignment of every region placed in the memory window (2 MiB). */
#define VPCI_RING_ALIGN 0x40u /* Required alignment of message queue descriptor and completion rings. */
#define VPCI_RING_LOG2_MAX 0xcu /* Largest message queue ring: 2^12 entries. */
#define VPCI_MAGIC 0x56504349u /* ADAPTER.MAGIC value, ASCII 'VPCI'. */

/* ---- Enumerations ---- */
/* CPL_STATUS: Completion status codes. */
#define VPCI_CPL_STATUS_OK 0x0u /* Message transferred. */
#define VPCI_CPL_STATUS_TOO_SMALL 0x1u /* M2S: buffer too small; LEN holds the size needed; the message stays pending. */
#define VPCI_CPL_STATUS_DMA_ERR 0x2u /* A DMA transfer of the buffer failed. */
#define VPCI_CPL_STATUS_BAD_MSG 0x3u /* S2M: malformed message (header, size or flags); not sent. */
#define VPCI_CPL_STATUS_REFUSED 0x4u /* S2M: request the adapter does not relay (relay table); not sent. */
#define VPCI_CPL_STATUS_STALE 0x5u /* S2M: session tag of an earlier master session; not sent. */
#define VPCI_CPL_STATUS_NO_PEER 0x6u /* S2M: no master or no backend channel; not sent. */
/* ADAPTER_FEATURE: Bit numbers of the 64-bit adapter feature words (DEV_FEATURES / DRV_FEATURES, word = bit / 32). */
#define VPCI_ADAPTER_FEATURE_BACKEND_CHAN 0x0u /* Backend channel: S2M channel 1 requests and M2S channel 1 replies. */
#define VPCI_ADAPTER_FEATURE_LOG_WIN 0x1u /* Log window (BAR4) and LOG doorbell. */
#define VPCI_ADAPTER_FEATURE_KICK_LATCH 0x2u /* VQ.KICK_PENDING kick latch registers. */
#define VPCI_ADAPTER_FEATURE_EXT_MSIX 0x3u /* Informational: external MSI-X mode (CAPS.EXT_MSIX). */
#define VPCI_ADAPTER_FEATURE_PERSISTENT_WIN 0x4u /* Informational: windows are mapped directly and cannot be revoked (WIN_INFO.PERSISTENT). */
#define VPCI_ADAPTER_FEATURE_VERSION_1 0x20u /* This specification, version 1. The driver must accept it. */
/* ERROR_CODE: ADAPTER.ERROR_INFO.CODE values (the most recent error). */
#define VPCI_ERROR_CODE_NONE 0x0u /* No error recorded. */
#define VPCI_ERROR_CODE_REG_UNALIGNED 0x1u /* Unaligned or badly sized BAR access; DETAIL: bits 14:0 offset, 19:16 size, bit 20 write (spec §11.3). */
#define VPCI_ERROR_CODE_REG_RANGE 0x2u /* Access beyond the end of a BAR. */
#define VPCI_ERROR_CODE_DB_ABSENT 0x3u /* Doorbell written while its resource is absent; DETAIL: bits 15:0 vq, 17:16 kind (0 CALL, 1 ERR, 2 LOG). */
#define VPCI_ERROR_CODE_DB_RANGE 0x4u /* Doorbell of a virtqueue >= NUM_VQS; DETAIL = vq. */
#define VPCI_ERROR_CODE_WIN_ABSENT 0x5u /* Window access with no armed translation; DETAIL: bit 0 write, bit 1 log window; address in WINDOW.ABSENT_ADDR. */
#define VPCI_ERROR_CODE_DMA 0x6u /* A DMA request completed with an error; DETAIL: source (spec §11.3). */
#define VPCI_ERROR_CODE_RING_BAD 0x7u /* Queue enabled with a bad base address or size; DETAIL = queue (0 M2S, 1 S2M). */
#define VPCI_ERROR_CODE_BUF_SMALL 0x8u /* M2S buffer smaller than the message. */
#define VPCI_ERROR_CODE_S2M_MSG 0x9u /* Malformed S2M message; DETAIL = request code (low 24 bits). */
#define VPCI_ERROR_CODE_S2M_REFUSED 0xau /* S2M request refused by the relay table; DETAIL = request code. */
#define VPCI_ERROR_CODE_VQ_RANGE 0xbu /* VQ_SEL beyond NUM_VQS; DETAIL = selected index. */
#define VPCI_ERROR_CODE_VECTOR_RANGE 0xcu /* Vector number beyond MSIX_VECTORS; DETAIL = vector. */
#define VPCI_ERROR_CODE_MASTER_REFUSED 0xdu /* Master message refused; the session was closed; DETAIL = request code. */
#define VPCI_ERROR_CODE_WIN_FULL 0xeu /* Master memory or log does not fit its window; the session was closed; DETAIL: size in MiB (log: KiB). */
#define VPCI_ERROR_CODE_FEATURES 0xfu /* DETAIL 0: driver features refused (FEATURES_OK stays 0); 1: DRIVER_OK written before FEATURES_OK. */
#define VPCI_ERROR_CODE_QUEUE_OVERFLOW 0x10u /* TAIL moved more than the ring size ahead of HEAD; DETAIL = queue. */

/* ---- Base address registers ---- */
/* BAR0 CTRL: Control BAR. Register blocks, doorbell page, MSI-X table and PBA. */
#define VPCI_BAR_CTRL 0u
#define VPCI_BAR0_IS64 1u
#define VPCI_BAR0_PREFETCHABLE 0u
#define VPCI_BAR0_SIZE 0x8000u
/* BAR2 MEMWIN: Memory window. The master's memory regions, placed through the translation table. */
#define VPCI_BAR_MEMWIN 2u
#define VPCI_BAR2_IS64 1u
#define VPCI_BAR2_PREFETCHABLE 1u
#define VPCI_BAR2_SIZE_LOG2_DEFAULT VPCI_PARAM_MEM_WIN_LOG2_DEFAULT
#define VPCI_BAR2_SIZE_LOG2_MIN VPCI_PARAM_MEM_WIN_LOG2_MIN
#define VPCI_BAR2_SIZE_LOG2_MAX VPCI_PARAM_MEM_WIN_LOG2_MAX
#define VPCI_BAR2_SIZE_DEFAULT 0x40000000u
#define VPCI_BAR2_SIZE(log2) (1ull << (log2))
/* BAR4 LOGWIN: Log window. The master's dirty log (SET_LOG_BASE), from offset 0. Always trapped; a write ORs its bits into the log (spec §8.6). */
#define VPCI_BAR_LOGWIN 4u
#define VPCI_BAR4_IS64 1u
#define VPCI_BAR4_PREFETCHABLE 1u
#define VPCI_BAR4_SIZE_LOG2_DEFAULT VPCI_PARAM_LOG_WIN_LOG2_DEFAULT
#define VPCI_BAR4_SIZE_LOG2_MIN VPCI_PARAM_LOG_WIN_LOG2_MIN
#define VPCI_BAR4_SIZE_LOG2_MAX VPCI_PARAM_LOG_WIN_LOG2_MAX
#define VPCI_BAR4_SIZE_DEFAULT 0x100000u
#define VPCI_BAR4_SIZE(log2) (1ull << (log2))

/* ---- Spaces ---- */
#define VPCI_CFG_SPACE_SIZE 0x1000u /* PCI Express configuration space of the function. */
#define VPCI_BAR0_SPACE_SIZE 0x8000u /* Control BAR (BAR0/1). */

/* ==== cfg space, block CFG @ 0x0000: Type 0 configuration header. ==== */
#define VPCI_CFG_BLOCK_BASE 0x0u

/* CFG.VENDOR_ID: Vendor ID (provisional, see docs/spec.md). */
#define VPCI_CFG_VENDOR_ID_OFFSET 0x0u
#define VPCI_CFG_VENDOR_ID_SIZE 2u
#define VPCI_CFG_VENDOR_ID_RESET 0x1b36u
#define VPCI_CFG_VENDOR_ID_VAL_SHIFT 0u
#define VPCI_CFG_VENDOR_ID_VAL_WIDTH 16u
#define VPCI_CFG_VENDOR_ID_VAL_MASK 0xffffu
#define VPCI_CFG_VENDOR_ID_VAL_RESET 0x1b36u
static inline uint32_t vpci_cfg_vendor_id_val_get(uint32_t v) { return (v & VPCI_CFG_VENDOR_ID_VAL_MASK) >> VPCI_CFG_VENDOR_ID_VAL_SHIFT; }
static inline uint32_t vpci_cfg_vendor_id_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_VENDOR_ID_VAL_MASK) | ((field << VPCI_CFG_VENDOR_ID_VAL_SHIFT) & VPCI_CFG_VENDOR_ID_VAL_MASK); }

/* CFG.DEVICE_ID: Device ID (provisional, see docs/spec.md). */
#define VPCI_CFG_DEVICE_ID_OFFSET 0x2u
#define VPCI_CFG_DEVICE_ID_SIZE 2u
#define VPCI_CFG_DEVICE_ID_RESET 0x110u
#define VPCI_CFG_DEVICE_ID_VAL_SHIFT 0u
#define VPCI_CFG_DEVICE_ID_VAL_WIDTH 16u
#define VPCI_CFG_DEVICE_ID_VAL_MASK 0xffffu
#define VPCI_CFG_DEVICE_ID_VAL_RESET 0x110u
static inline uint32_t vpci_cfg_device_id_val_get(uint32_t v) { return (v & VPCI_CFG_DEVICE_ID_VAL_MASK) >> VPCI_CFG_DEVICE_ID_VAL_SHIFT; }
static inline uint32_t vpci_cfg_device_id_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_DEVICE_ID_VAL_MASK) | ((field << VPCI_CFG_DEVICE_ID_VAL_SHIFT) & VPCI_CFG_DEVICE_ID_VAL_MASK); }

/* CFG.COMMAND: Command register. */
#define VPCI_CFG_COMMAND_OFFSET 0x4u
#define VPCI_CFG_COMMAND_SIZE 2u
#define VPCI_CFG_COMMAND_RESET 0x0u
#define VPCI_CFG_COMMAND_IO_EN_SHIFT 0u
#define VPCI_CFG_COMMAND_IO_EN_WIDTH 1u
#define VPCI_CFG_COMMAND_IO_EN_MASK 0x1u
#define VPCI_CFG_COMMAND_IO_EN_RESET 0x0u
#define VPCI_CFG_COMMAND_IO_EN_BIT 0x1u
static inline uint32_t vpci_cfg_command_io_en_get(uint32_t v) { return (v & VPCI_CFG_COMMAND_IO_EN_MASK) >> VPCI_CFG_COMMAND_IO_EN_SHIFT; }
static inline uint32_t vpci_cfg_command_io_en_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_COMMAND_IO_EN_MASK) | ((field << VPCI_CFG_COMMAND_IO_EN_SHIFT) & VPCI_CFG_COMMAND_IO_EN_MASK); }
#define VPCI_CFG_COMMAND_MEM_EN_SHIFT 1u
#define VPCI_CFG_COMMAND_MEM_EN_WIDTH 1u
#define VPCI_CFG_COMMAND_MEM_EN_MASK 0x2u
#define VPCI_CFG_COMMAND_MEM_EN_RESET 0x0u
#define VPCI_CFG_COMMAND_MEM_EN_BIT 0x2u
static inline uint32_t vpci_cfg_command_mem_en_get(uint32_t v) { return (v & VPCI_CFG_COMMAND_MEM_EN_MASK) >> VPCI_CFG_COMMAND_MEM_EN_SHIFT; }
static inline uint32_t vpci_cfg_command_mem_en_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_COMMAND_MEM_EN_MASK) | ((field << VPCI_CFG_COMMAND_MEM_EN_SHIFT) & VPCI_CFG_COMMAND_MEM_EN_MASK); }
#define VPCI_CFG_COMMAND_BUS_MASTER_SHIFT 2u
#define VPCI_CFG_COMMAND_BUS_MASTER_WIDTH 1u
#define VPCI_CFG_COMMAND_BUS_MASTER_MASK 0x4u
#define VPCI_CFG_COMMAND_BUS_MASTER_RESET 0x0u
#define VPCI_CFG_COMMAND_BUS_MASTER_BIT 0x4u
static inline uint32_t vpci_cfg_command_bus_master_get(uint32_t v) { return (v & VPCI_CFG_COMMAND_BUS_MASTER_MASK) >> VPCI_CFG_COMMAND_BUS_MASTER_SHIFT; }
static inline uint32_t vpci_cfg_command_bus_master_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_COMMAND_BUS_MASTER_MASK) | ((field << VPCI_CFG_COMMAND_BUS_MASTER_SHIFT) & VPCI_CFG_COMMAND_BUS_MASTER_MASK); }
#define VPCI_CFG_COMMAND_PARITY_ERR_RESP_SHIFT 6u
#define VPCI_CFG_COMMAND_PARITY_ERR_RESP_WIDTH 1u
#define VPCI_CFG_COMMAND_PARITY_ERR_RESP_MASK 0x40u
#define VPCI_CFG_COMMAND_PARITY_ERR_RESP_RESET 0x0u
#define VPCI_CFG_COMMAND_PARITY_ERR_RESP_BIT 0x40u
static inline uint32_t vpci_cfg_command_parity_err_resp_get(uint32_t v) { return (v & VPCI_CFG_COMMAND_PARITY_ERR_RESP_MASK) >> VPCI_CFG_COMMAND_PARITY_ERR_RESP_SHIFT; }
static inline uint32_t vpci_cfg_command_parity_err_resp_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_COMMAND_PARITY_ERR_RESP_MASK) | ((field << VPCI_CFG_COMMAND_PARITY_ERR_RESP_SHIFT) & VPCI_CFG_COMMAND_PARITY_ERR_RESP_MASK); }
#define VPCI_CFG_COMMAND_SERR_EN_SHIFT 8u
#define VPCI_CFG_COMMAND_SERR_EN_WIDTH 1u
#define VPCI_CFG_COMMAND_SERR_EN_MASK 0x100u
#define VPCI_CFG_COMMAND_SERR_EN_RESET 0x0u
#define VPCI_CFG_COMMAND_SERR_EN_BIT 0x100u
static inline uint32_t vpci_cfg_command_serr_en_get(uint32_t v) { return (v & VPCI_CFG_COMMAND_SERR_EN_MASK) >> VPCI_CFG_COMMAND_SERR_EN_SHIFT; }
static inline uint32_t vpci_cfg_command_serr_en_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_COMMAND_SERR_EN_MASK) | ((field << VPCI_CFG_COMMAND_SERR_EN_SHIFT) & VPCI_CFG_COMMAND_SERR_EN_MASK); }
#define VPCI_CFG_COMMAND_INTX_DIS_SHIFT 10u
#define VPCI_CFG_COMMAND_INTX_DIS_WIDTH 1u
#define VPCI_CFG_COMMAND_INTX_DIS_MASK 0x400u
#define VPCI_CFG_COMMAND_INTX_DIS_RESET 0x0u
#define VPCI_CFG_COMMAND_INTX_DIS_BIT 0x400u
static inline uint32_t vpci_cfg_command_intx_dis_get(uint32_t v) { return (v & VPCI_CFG_COMMAND_INTX_DIS_MASK) >> VPCI_CFG_COMMAND_INTX_DIS_SHIFT; }
static inline uint32_t vpci_cfg_command_intx_dis_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_COMMAND_INTX_DIS_MASK) | ((field << VPCI_CFG_COMMAND_INTX_DIS_SHIFT) & VPCI_CFG_COMMAND_INTX_DIS_MASK); }

/* CFG.STATUS: Status register. */
#define VPCI_CFG_STATUS_OFFSET 0x6u
#define VPCI_CFG_STATUS_SIZE 2u
#define VPCI_CFG_STATUS_RESET 0x10u
#define VPCI_CFG_STATUS_CAP_LIST_SHIFT 4u
#define VPCI_CFG_STATUS_CAP_LIST_WIDTH 1u
#define VPCI_CFG_STATUS_CAP_LIST_MASK 0x10u
#define VPCI_CFG_STATUS_CAP_LIST_RESET 0x1u
#define VPCI_CFG_STATUS_CAP_LIST_BIT 0x10u
static inline uint32_t vpci_cfg_status_cap_list_get(uint32_t v) { return (v & VPCI_CFG_STATUS_CAP_LIST_MASK) >> VPCI_CFG_STATUS_CAP_LIST_SHIFT; }
static inline uint32_t vpci_cfg_status_cap_list_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_STATUS_CAP_LIST_MASK) | ((field << VPCI_CFG_STATUS_CAP_LIST_SHIFT) & VPCI_CFG_STATUS_CAP_LIST_MASK); }
#define VPCI_CFG_STATUS_RCVD_MASTER_ABORT_SHIFT 13u
#define VPCI_CFG_STATUS_RCVD_MASTER_ABORT_WIDTH 1u
#define VPCI_CFG_STATUS_RCVD_MASTER_ABORT_MASK 0x2000u
#define VPCI_CFG_STATUS_RCVD_MASTER_ABORT_RESET 0x0u
#define VPCI_CFG_STATUS_RCVD_MASTER_ABORT_BIT 0x2000u
static inline uint32_t vpci_cfg_status_rcvd_master_abort_get(uint32_t v) { return (v & VPCI_CFG_STATUS_RCVD_MASTER_ABORT_MASK) >> VPCI_CFG_STATUS_RCVD_MASTER_ABORT_SHIFT; }
static inline uint32_t vpci_cfg_status_rcvd_master_abort_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_STATUS_RCVD_MASTER_ABORT_MASK) | ((field << VPCI_CFG_STATUS_RCVD_MASTER_ABORT_SHIFT) & VPCI_CFG_STATUS_RCVD_MASTER_ABORT_MASK); }
#define VPCI_CFG_STATUS_SIG_SYSTEM_ERR_SHIFT 14u
#define VPCI_CFG_STATUS_SIG_SYSTEM_ERR_WIDTH 1u
#define VPCI_CFG_STATUS_SIG_SYSTEM_ERR_MASK 0x4000u
#define VPCI_CFG_STATUS_SIG_SYSTEM_ERR_RESET 0x0u
#define VPCI_CFG_STATUS_SIG_SYSTEM_ERR_BIT 0x4000u
static inline uint32_t vpci_cfg_status_sig_system_err_get(uint32_t v) { return (v & VPCI_CFG_STATUS_SIG_SYSTEM_ERR_MASK) >> VPCI_CFG_STATUS_SIG_SYSTEM_ERR_SHIFT; }
static inline uint32_t vpci_cfg_status_sig_system_err_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_STATUS_SIG_SYSTEM_ERR_MASK) | ((field << VPCI_CFG_STATUS_SIG_SYSTEM_ERR_SHIFT) & VPCI_CFG_STATUS_SIG_SYSTEM_ERR_MASK); }
#define VPCI_CFG_STATUS_DETECTED_PARITY_ERR_SHIFT 15u
#define VPCI_CFG_STATUS_DETECTED_PARITY_ERR_WIDTH 1u
#define VPCI_CFG_STATUS_DETECTED_PARITY_ERR_MASK 0x8000u
#define VPCI_CFG_STATUS_DETECTED_PARITY_ERR_RESET 0x0u
#define VPCI_CFG_STATUS_DETECTED_PARITY_ERR_BIT 0x8000u
static inline uint32_t vpci_cfg_status_detected_parity_err_get(uint32_t v) { return (v & VPCI_CFG_STATUS_DETECTED_PARITY_ERR_MASK) >> VPCI_CFG_STATUS_DETECTED_PARITY_ERR_SHIFT; }
static inline uint32_t vpci_cfg_status_detected_parity_err_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_STATUS_DETECTED_PARITY_ERR_MASK) | ((field << VPCI_CFG_STATUS_DETECTED_PARITY_ERR_SHIFT) & VPCI_CFG_STATUS_DETECTED_PARITY_ERR_MASK); }

/* CFG.REVISION_ID: - */
#define VPCI_CFG_REVISION_ID_OFFSET 0x8u
#define VPCI_CFG_REVISION_ID_SIZE 1u
#define VPCI_CFG_REVISION_ID_RESET 0x1u
#define VPCI_CFG_REVISION_ID_VAL_SHIFT 0u
#define VPCI_CFG_REVISION_ID_VAL_WIDTH 8u
#define VPCI_CFG_REVISION_ID_VAL_MASK 0xffu
#define VPCI_CFG_REVISION_ID_VAL_RESET 0x1u
static inline uint32_t vpci_cfg_revision_id_val_get(uint32_t v) { return (v & VPCI_CFG_REVISION_ID_VAL_MASK) >> VPCI_CFG_REVISION_ID_VAL_SHIFT; }
static inline uint32_t vpci_cfg_revision_id_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_REVISION_ID_VAL_MASK) | ((field << VPCI_CFG_REVISION_ID_VAL_SHIFT) & VPCI_CFG_REVISION_ID_VAL_MASK); }

/* CFG.CLASS_PROG_IF: - */
#define VPCI_CFG_CLASS_PROG_IF_OFFSET 0x9u
#define VPCI_CFG_CLASS_PROG_IF_SIZE 1u
#define VPCI_CFG_CLASS_PROG_IF_RESET 0x0u
#define VPCI_CFG_CLASS_PROG_IF_VAL_SHIFT 0u
#define VPCI_CFG_CLASS_PROG_IF_VAL_WIDTH 8u
#define VPCI_CFG_CLASS_PROG_IF_VAL_MASK 0xffu
#define VPCI_CFG_CLASS_PROG_IF_VAL_RESET 0x0u
static inline uint32_t vpci_cfg_class_prog_if_val_get(uint32_t v) { return (v & VPCI_CFG_CLASS_PROG_IF_VAL_MASK) >> VPCI_CFG_CLASS_PROG_IF_VAL_SHIFT; }
static inline uint32_t vpci_cfg_class_prog_if_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_CLASS_PROG_IF_VAL_MASK) | ((field << VPCI_CFG_CLASS_PROG_IF_VAL_SHIFT) & VPCI_CFG_CLASS_PROG_IF_VAL_MASK); }

/* CFG.CLASS_SUB: Sub-class 0x80 (other). */
#define VPCI_CFG_CLASS_SUB_OFFSET 0xau
#define VPCI_CFG_CLASS_SUB_SIZE 1u
#define VPCI_CFG_CLASS_SUB_RESET 0x80u
#define VPCI_CFG_CLASS_SUB_VAL_SHIFT 0u
#define VPCI_CFG_CLASS_SUB_VAL_WIDTH 8u
#define VPCI_CFG_CLASS_SUB_VAL_MASK 0xffu
#define VPCI_CFG_CLASS_SUB_VAL_RESET 0x80u
static inline uint32_t vpci_cfg_class_sub_val_get(uint32_t v) { return (v & VPCI_CFG_CLASS_SUB_VAL_MASK) >> VPCI_CFG_CLASS_SUB_VAL_SHIFT; }
static inline uint32_t vpci_cfg_class_sub_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_CLASS_SUB_VAL_MASK) | ((field << VPCI_CFG_CLASS_SUB_VAL_SHIFT) & VPCI_CFG_CLASS_SUB_VAL_MASK); }

/* CFG.CLASS_BASE: Base class 0x05 (memory controller). */
#define VPCI_CFG_CLASS_BASE_OFFSET 0xbu
#define VPCI_CFG_CLASS_BASE_SIZE 1u
#define VPCI_CFG_CLASS_BASE_RESET 0x5u
#define VPCI_CFG_CLASS_BASE_VAL_SHIFT 0u
#define VPCI_CFG_CLASS_BASE_VAL_WIDTH 8u
#define VPCI_CFG_CLASS_BASE_VAL_MASK 0xffu
#define VPCI_CFG_CLASS_BASE_VAL_RESET 0x5u
static inline uint32_t vpci_cfg_class_base_val_get(uint32_t v) { return (v & VPCI_CFG_CLASS_BASE_VAL_MASK) >> VPCI_CFG_CLASS_BASE_VAL_SHIFT; }
static inline uint32_t vpci_cfg_class_base_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_CLASS_BASE_VAL_MASK) | ((field << VPCI_CFG_CLASS_BASE_VAL_SHIFT) & VPCI_CFG_CLASS_BASE_VAL_MASK); }

/* CFG.CACHE_LINE: - */
#define VPCI_CFG_CACHE_LINE_OFFSET 0xcu
#define VPCI_CFG_CACHE_LINE_SIZE 1u
#define VPCI_CFG_CACHE_LINE_RESET 0x0u
#define VPCI_CFG_CACHE_LINE_VAL_SHIFT 0u
#define VPCI_CFG_CACHE_LINE_VAL_WIDTH 8u
#define VPCI_CFG_CACHE_LINE_VAL_MASK 0xffu
#define VPCI_CFG_CACHE_LINE_VAL_RESET 0x0u
static inline uint32_t vpci_cfg_cache_line_val_get(uint32_t v) { return (v & VPCI_CFG_CACHE_LINE_VAL_MASK) >> VPCI_CFG_CACHE_LINE_VAL_SHIFT; }
static inline uint32_t vpci_cfg_cache_line_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_CACHE_LINE_VAL_MASK) | ((field << VPCI_CFG_CACHE_LINE_VAL_SHIFT) & VPCI_CFG_CACHE_LINE_VAL_MASK); }

/* CFG.LATENCY_TIMER: - */
#define VPCI_CFG_LATENCY_TIMER_OFFSET 0xdu
#define VPCI_CFG_LATENCY_TIMER_SIZE 1u
#define VPCI_CFG_LATENCY_TIMER_RESET 0x0u
#define VPCI_CFG_LATENCY_TIMER_VAL_SHIFT 0u
#define VPCI_CFG_LATENCY_TIMER_VAL_WIDTH 8u
#define VPCI_CFG_LATENCY_TIMER_VAL_MASK 0xffu
#define VPCI_CFG_LATENCY_TIMER_VAL_RESET 0x0u
static inline uint32_t vpci_cfg_latency_timer_val_get(uint32_t v) { return (v & VPCI_CFG_LATENCY_TIMER_VAL_MASK) >> VPCI_CFG_LATENCY_TIMER_VAL_SHIFT; }
static inline uint32_t vpci_cfg_latency_timer_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_LATENCY_TIMER_VAL_MASK) | ((field << VPCI_CFG_LATENCY_TIMER_VAL_SHIFT) & VPCI_CFG_LATENCY_TIMER_VAL_MASK); }

/* CFG.HEADER_TYPE: - */
#define VPCI_CFG_HEADER_TYPE_OFFSET 0xeu
#define VPCI_CFG_HEADER_TYPE_SIZE 1u
#define VPCI_CFG_HEADER_TYPE_RESET 0x0u
#define VPCI_CFG_HEADER_TYPE_VAL_SHIFT 0u
#define VPCI_CFG_HEADER_TYPE_VAL_WIDTH 8u
#define VPCI_CFG_HEADER_TYPE_VAL_MASK 0xffu
#define VPCI_CFG_HEADER_TYPE_VAL_RESET 0x0u
static inline uint32_t vpci_cfg_header_type_val_get(uint32_t v) { return (v & VPCI_CFG_HEADER_TYPE_VAL_MASK) >> VPCI_CFG_HEADER_TYPE_VAL_SHIFT; }
static inline uint32_t vpci_cfg_header_type_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_HEADER_TYPE_VAL_MASK) | ((field << VPCI_CFG_HEADER_TYPE_VAL_SHIFT) & VPCI_CFG_HEADER_TYPE_VAL_MASK); }

/* CFG.BIST: - */
#define VPCI_CFG_BIST_OFFSET 0xfu
#define VPCI_CFG_BIST_SIZE 1u
#define VPCI_CFG_BIST_RESET 0x0u
#define VPCI_CFG_BIST_VAL_SHIFT 0u
#define VPCI_CFG_BIST_VAL_WIDTH 8u
#define VPCI_CFG_BIST_VAL_MASK 0xffu
#define VPCI_CFG_BIST_VAL_RESET 0x0u
static inline uint32_t vpci_cfg_bist_val_get(uint32_t v) { return (v & VPCI_CFG_BIST_VAL_MASK) >> VPCI_CFG_BIST_VAL_SHIFT; }
static inline uint32_t vpci_cfg_bist_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_BIST_VAL_MASK) | ((field << VPCI_CFG_BIST_VAL_SHIFT) & VPCI_CFG_BIST_VAL_MASK); }

/* CFG.BAR [6 x, stride 0x4]: Base address registers. BAR0/1, BAR2/3 and BAR4/5 are three 64-bit memory BARs; the writable bits follow each BAR's size (sizing: write all-ones, read back the mask). Implemented by the core (hwext). */
#define VPCI_CFG_BAR_BASE 0x10u
#define VPCI_CFG_BAR_COUNT 6u
#define VPCI_CFG_BAR_STRIDE 0x4u
#define VPCI_CFG_BAR_OFFSET(n) (VPCI_CFG_BAR_BASE + (uint32_t)(n) * VPCI_CFG_BAR_STRIDE)
#define VPCI_CFG_BAR_SIZE 4u
#define VPCI_CFG_BAR_RESET 0x0u
#define VPCI_CFG_BAR_VAL_SHIFT 0u
#define VPCI_CFG_BAR_VAL_WIDTH 32u
#define VPCI_CFG_BAR_VAL_MASK 0xffffffffu
#define VPCI_CFG_BAR_VAL_RESET 0x0u
static inline uint32_t vpci_cfg_bar_val_get(uint32_t v) { return (v & VPCI_CFG_BAR_VAL_MASK) >> VPCI_CFG_BAR_VAL_SHIFT; }
static inline uint32_t vpci_cfg_bar_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_BAR_VAL_MASK) | ((field << VPCI_CFG_BAR_VAL_SHIFT) & VPCI_CFG_BAR_VAL_MASK); }

/* CFG.CARDBUS_CIS: - */
#define VPCI_CFG_CARDBUS_CIS_OFFSET 0x28u
#define VPCI_CFG_CARDBUS_CIS_SIZE 4u
#define VPCI_CFG_CARDBUS_CIS_RESET 0x0u
#define VPCI_CFG_CARDBUS_CIS_VAL_SHIFT 0u
#define VPCI_CFG_CARDBUS_CIS_VAL_WIDTH 32u
#define VPCI_CFG_CARDBUS_CIS_VAL_MASK 0xffffffffu
#define VPCI_CFG_CARDBUS_CIS_VAL_RESET 0x0u
static inline uint32_t vpci_cfg_cardbus_cis_val_get(uint32_t v) { return (v & VPCI_CFG_CARDBUS_CIS_VAL_MASK) >> VPCI_CFG_CARDBUS_CIS_VAL_SHIFT; }
static inline uint32_t vpci_cfg_cardbus_cis_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_CARDBUS_CIS_VAL_MASK) | ((field << VPCI_CFG_CARDBUS_CIS_VAL_SHIFT) & VPCI_CFG_CARDBUS_CIS_VAL_MASK); }

/* CFG.SUBSYS_VENDOR_ID: - */
#define VPCI_CFG_SUBSYS_VENDOR_ID_OFFSET 0x2cu
#define VPCI_CFG_SUBSYS_VENDOR_ID_SIZE 2u
#define VPCI_CFG_SUBSYS_VENDOR_ID_RESET 0x1b36u
#define VPCI_CFG_SUBSYS_VENDOR_ID_VAL_SHIFT 0u
#define VPCI_CFG_SUBSYS_VENDOR_ID_VAL_WIDTH 16u
#define VPCI_CFG_SUBSYS_VENDOR_ID_VAL_MASK 0xffffu
#define VPCI_CFG_SUBSYS_VENDOR_ID_VAL_RESET 0x1b36u
static inline uint32_t vpci_cfg_subsys_vendor_id_val_get(uint32_t v) { return (v & VPCI_CFG_SUBSYS_VENDOR_ID_VAL_MASK) >> VPCI_CFG_SUBSYS_VENDOR_ID_VAL_SHIFT; }
static inline uint32_t vpci_cfg_subsys_vendor_id_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_SUBSYS_VENDOR_ID_VAL_MASK) | ((field << VPCI_CFG_SUBSYS_VENDOR_ID_VAL_SHIFT) & VPCI_CFG_SUBSYS_VENDOR_ID_VAL_MASK); }

/* CFG.SUBSYS_ID: - */
#define VPCI_CFG_SUBSYS_ID_OFFSET 0x2eu
#define VPCI_CFG_SUBSYS_ID_SIZE 2u
#define VPCI_CFG_SUBSYS_ID_RESET 0x110u
#define VPCI_CFG_SUBSYS_ID_VAL_SHIFT 0u
#define VPCI_CFG_SUBSYS_ID_VAL_WIDTH 16u
#define VPCI_CFG_SUBSYS_ID_VAL_MASK 0xffffu
#define VPCI_CFG_SUBSYS_ID_VAL_RESET 0x110u
static inline uint32_t vpci_cfg_subsys_id_val_get(uint32_t v) { return (v & VPCI_CFG_SUBSYS_ID_VAL_MASK) >> VPCI_CFG_SUBSYS_ID_VAL_SHIFT; }
static inline uint32_t vpci_cfg_subsys_id_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_SUBSYS_ID_VAL_MASK) | ((field << VPCI_CFG_SUBSYS_ID_VAL_SHIFT) & VPCI_CFG_SUBSYS_ID_VAL_MASK); }

/* CFG.EXP_ROM: No expansion ROM. */
#define VPCI_CFG_EXP_ROM_OFFSET 0x30u
#define VPCI_CFG_EXP_ROM_SIZE 4u
#define VPCI_CFG_EXP_ROM_RESET 0x0u
#define VPCI_CFG_EXP_ROM_VAL_SHIFT 0u
#define VPCI_CFG_EXP_ROM_VAL_WIDTH 32u
#define VPCI_CFG_EXP_ROM_VAL_MASK 0xffffffffu
#define VPCI_CFG_EXP_ROM_VAL_RESET 0x0u
static inline uint32_t vpci_cfg_exp_rom_val_get(uint32_t v) { return (v & VPCI_CFG_EXP_ROM_VAL_MASK) >> VPCI_CFG_EXP_ROM_VAL_SHIFT; }
static inline uint32_t vpci_cfg_exp_rom_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_EXP_ROM_VAL_MASK) | ((field << VPCI_CFG_EXP_ROM_VAL_SHIFT) & VPCI_CFG_EXP_ROM_VAL_MASK); }

/* CFG.CAP_PTR: - */
#define VPCI_CFG_CAP_PTR_OFFSET 0x34u
#define VPCI_CFG_CAP_PTR_SIZE 1u
#define VPCI_CFG_CAP_PTR_RESET 0x40u
#define VPCI_CFG_CAP_PTR_VAL_SHIFT 0u
#define VPCI_CFG_CAP_PTR_VAL_WIDTH 8u
#define VPCI_CFG_CAP_PTR_VAL_MASK 0xffu
#define VPCI_CFG_CAP_PTR_VAL_RESET 0x40u
static inline uint32_t vpci_cfg_cap_ptr_val_get(uint32_t v) { return (v & VPCI_CFG_CAP_PTR_VAL_MASK) >> VPCI_CFG_CAP_PTR_VAL_SHIFT; }
static inline uint32_t vpci_cfg_cap_ptr_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_CAP_PTR_VAL_MASK) | ((field << VPCI_CFG_CAP_PTR_VAL_SHIFT) & VPCI_CFG_CAP_PTR_VAL_MASK); }

/* CFG.INT_LINE: - */
#define VPCI_CFG_INT_LINE_OFFSET 0x3cu
#define VPCI_CFG_INT_LINE_SIZE 1u
#define VPCI_CFG_INT_LINE_RESET 0x0u
#define VPCI_CFG_INT_LINE_VAL_SHIFT 0u
#define VPCI_CFG_INT_LINE_VAL_WIDTH 8u
#define VPCI_CFG_INT_LINE_VAL_MASK 0xffu
#define VPCI_CFG_INT_LINE_VAL_RESET 0x0u
static inline uint32_t vpci_cfg_int_line_val_get(uint32_t v) { return (v & VPCI_CFG_INT_LINE_VAL_MASK) >> VPCI_CFG_INT_LINE_VAL_SHIFT; }
static inline uint32_t vpci_cfg_int_line_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_INT_LINE_VAL_MASK) | ((field << VPCI_CFG_INT_LINE_VAL_SHIFT) & VPCI_CFG_INT_LINE_VAL_MASK); }

/* CFG.INT_PIN: No INTx. */
#define VPCI_CFG_INT_PIN_OFFSET 0x3du
#define VPCI_CFG_INT_PIN_SIZE 1u
#define VPCI_CFG_INT_PIN_RESET 0x0u
#define VPCI_CFG_INT_PIN_VAL_SHIFT 0u
#define VPCI_CFG_INT_PIN_VAL_WIDTH 8u
#define VPCI_CFG_INT_PIN_VAL_MASK 0xffu
#define VPCI_CFG_INT_PIN_VAL_RESET 0x0u
static inline uint32_t vpci_cfg_int_pin_val_get(uint32_t v) { return (v & VPCI_CFG_INT_PIN_VAL_MASK) >> VPCI_CFG_INT_PIN_VAL_SHIFT; }
static inline uint32_t vpci_cfg_int_pin_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_INT_PIN_VAL_MASK) | ((field << VPCI_CFG_INT_PIN_VAL_SHIFT) & VPCI_CFG_INT_PIN_VAL_MASK); }

/* CFG.MIN_GNT: - */
#define VPCI_CFG_MIN_GNT_OFFSET 0x3eu
#define VPCI_CFG_MIN_GNT_SIZE 1u
#define VPCI_CFG_MIN_GNT_RESET 0x0u
#define VPCI_CFG_MIN_GNT_VAL_SHIFT 0u
#define VPCI_CFG_MIN_GNT_VAL_WIDTH 8u
#define VPCI_CFG_MIN_GNT_VAL_MASK 0xffu
#define VPCI_CFG_MIN_GNT_VAL_RESET 0x0u
static inline uint32_t vpci_cfg_min_gnt_val_get(uint32_t v) { return (v & VPCI_CFG_MIN_GNT_VAL_MASK) >> VPCI_CFG_MIN_GNT_VAL_SHIFT; }
static inline uint32_t vpci_cfg_min_gnt_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_MIN_GNT_VAL_MASK) | ((field << VPCI_CFG_MIN_GNT_VAL_SHIFT) & VPCI_CFG_MIN_GNT_VAL_MASK); }

/* CFG.MAX_LAT: - */
#define VPCI_CFG_MAX_LAT_OFFSET 0x3fu
#define VPCI_CFG_MAX_LAT_SIZE 1u
#define VPCI_CFG_MAX_LAT_RESET 0x0u
#define VPCI_CFG_MAX_LAT_VAL_SHIFT 0u
#define VPCI_CFG_MAX_LAT_VAL_WIDTH 8u
#define VPCI_CFG_MAX_LAT_VAL_MASK 0xffu
#define VPCI_CFG_MAX_LAT_VAL_RESET 0x0u
static inline uint32_t vpci_cfg_max_lat_val_get(uint32_t v) { return (v & VPCI_CFG_MAX_LAT_VAL_MASK) >> VPCI_CFG_MAX_LAT_VAL_SHIFT; }
static inline uint32_t vpci_cfg_max_lat_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_CFG_MAX_LAT_VAL_MASK) | ((field << VPCI_CFG_MAX_LAT_VAL_SHIFT) & VPCI_CFG_MAX_LAT_VAL_MASK); }

/* ==== cfg space, block PCIE_CAP @ 0x0040: PCI Express capability (version 2, endpoint). ==== */
#define VPCI_PCIE_CAP_BLOCK_BASE 0x40u

/* PCIE_CAP.CAP_HDR: - */
#define VPCI_PCIE_CAP_CAP_HDR_OFFSET 0x40u
#define VPCI_PCIE_CAP_CAP_HDR_SIZE 2u
#define VPCI_PCIE_CAP_CAP_HDR_RESET 0x8010u
#define VPCI_PCIE_CAP_CAP_HDR_ID_SHIFT 0u
#define VPCI_PCIE_CAP_CAP_HDR_ID_WIDTH 8u
#define VPCI_PCIE_CAP_CAP_HDR_ID_MASK 0xffu
#define VPCI_PCIE_CAP_CAP_HDR_ID_RESET 0x10u
static inline uint32_t vpci_pcie_cap_cap_hdr_id_get(uint32_t v) { return (v & VPCI_PCIE_CAP_CAP_HDR_ID_MASK) >> VPCI_PCIE_CAP_CAP_HDR_ID_SHIFT; }
static inline uint32_t vpci_pcie_cap_cap_hdr_id_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_CAP_HDR_ID_MASK) | ((field << VPCI_PCIE_CAP_CAP_HDR_ID_SHIFT) & VPCI_PCIE_CAP_CAP_HDR_ID_MASK); }
#define VPCI_PCIE_CAP_CAP_HDR_NEXT_SHIFT 8u
#define VPCI_PCIE_CAP_CAP_HDR_NEXT_WIDTH 8u
#define VPCI_PCIE_CAP_CAP_HDR_NEXT_MASK 0xff00u
#define VPCI_PCIE_CAP_CAP_HDR_NEXT_RESET 0x80u
static inline uint32_t vpci_pcie_cap_cap_hdr_next_get(uint32_t v) { return (v & VPCI_PCIE_CAP_CAP_HDR_NEXT_MASK) >> VPCI_PCIE_CAP_CAP_HDR_NEXT_SHIFT; }
static inline uint32_t vpci_pcie_cap_cap_hdr_next_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_CAP_HDR_NEXT_MASK) | ((field << VPCI_PCIE_CAP_CAP_HDR_NEXT_SHIFT) & VPCI_PCIE_CAP_CAP_HDR_NEXT_MASK); }

/* PCIE_CAP.CAPS: - */
#define VPCI_PCIE_CAP_CAPS_OFFSET 0x42u
#define VPCI_PCIE_CAP_CAPS_SIZE 2u
#define VPCI_PCIE_CAP_CAPS_RESET 0x2u
#define VPCI_PCIE_CAP_CAPS_VERSION_SHIFT 0u
#define VPCI_PCIE_CAP_CAPS_VERSION_WIDTH 4u
#define VPCI_PCIE_CAP_CAPS_VERSION_MASK 0xfu
#define VPCI_PCIE_CAP_CAPS_VERSION_RESET 0x2u
static inline uint32_t vpci_pcie_cap_caps_version_get(uint32_t v) { return (v & VPCI_PCIE_CAP_CAPS_VERSION_MASK) >> VPCI_PCIE_CAP_CAPS_VERSION_SHIFT; }
static inline uint32_t vpci_pcie_cap_caps_version_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_CAPS_VERSION_MASK) | ((field << VPCI_PCIE_CAP_CAPS_VERSION_SHIFT) & VPCI_PCIE_CAP_CAPS_VERSION_MASK); }
#define VPCI_PCIE_CAP_CAPS_PORT_TYPE_SHIFT 4u
#define VPCI_PCIE_CAP_CAPS_PORT_TYPE_WIDTH 4u
#define VPCI_PCIE_CAP_CAPS_PORT_TYPE_MASK 0xf0u
#define VPCI_PCIE_CAP_CAPS_PORT_TYPE_RESET 0x0u
static inline uint32_t vpci_pcie_cap_caps_port_type_get(uint32_t v) { return (v & VPCI_PCIE_CAP_CAPS_PORT_TYPE_MASK) >> VPCI_PCIE_CAP_CAPS_PORT_TYPE_SHIFT; }
static inline uint32_t vpci_pcie_cap_caps_port_type_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_CAPS_PORT_TYPE_MASK) | ((field << VPCI_PCIE_CAP_CAPS_PORT_TYPE_SHIFT) & VPCI_PCIE_CAP_CAPS_PORT_TYPE_MASK); }

/* PCIE_CAP.DEVCAP: - */
#define VPCI_PCIE_CAP_DEVCAP_OFFSET 0x44u
#define VPCI_PCIE_CAP_DEVCAP_SIZE 4u
#define VPCI_PCIE_CAP_DEVCAP_RESET 0x10008001u
#define VPCI_PCIE_CAP_DEVCAP_MAX_PAYLOAD_SHIFT 0u
#define VPCI_PCIE_CAP_DEVCAP_MAX_PAYLOAD_WIDTH 3u
#define VPCI_PCIE_CAP_DEVCAP_MAX_PAYLOAD_MASK 0x7u
#define VPCI_PCIE_CAP_DEVCAP_MAX_PAYLOAD_RESET 0x1u
static inline uint32_t vpci_pcie_cap_devcap_max_payload_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVCAP_MAX_PAYLOAD_MASK) >> VPCI_PCIE_CAP_DEVCAP_MAX_PAYLOAD_SHIFT; }
static inline uint32_t vpci_pcie_cap_devcap_max_payload_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVCAP_MAX_PAYLOAD_MASK) | ((field << VPCI_PCIE_CAP_DEVCAP_MAX_PAYLOAD_SHIFT) & VPCI_PCIE_CAP_DEVCAP_MAX_PAYLOAD_MASK); }
#define VPCI_PCIE_CAP_DEVCAP_ROLE_BASED_ERR_SHIFT 15u
#define VPCI_PCIE_CAP_DEVCAP_ROLE_BASED_ERR_WIDTH 1u
#define VPCI_PCIE_CAP_DEVCAP_ROLE_BASED_ERR_MASK 0x8000u
#define VPCI_PCIE_CAP_DEVCAP_ROLE_BASED_ERR_RESET 0x1u
#define VPCI_PCIE_CAP_DEVCAP_ROLE_BASED_ERR_BIT 0x8000u
static inline uint32_t vpci_pcie_cap_devcap_role_based_err_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVCAP_ROLE_BASED_ERR_MASK) >> VPCI_PCIE_CAP_DEVCAP_ROLE_BASED_ERR_SHIFT; }
static inline uint32_t vpci_pcie_cap_devcap_role_based_err_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVCAP_ROLE_BASED_ERR_MASK) | ((field << VPCI_PCIE_CAP_DEVCAP_ROLE_BASED_ERR_SHIFT) & VPCI_PCIE_CAP_DEVCAP_ROLE_BASED_ERR_MASK); }
#define VPCI_PCIE_CAP_DEVCAP_FLR_SHIFT 28u
#define VPCI_PCIE_CAP_DEVCAP_FLR_WIDTH 1u
#define VPCI_PCIE_CAP_DEVCAP_FLR_MASK 0x10000000u
#define VPCI_PCIE_CAP_DEVCAP_FLR_RESET 0x1u
#define VPCI_PCIE_CAP_DEVCAP_FLR_BIT 0x10000000u
static inline uint32_t vpci_pcie_cap_devcap_flr_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVCAP_FLR_MASK) >> VPCI_PCIE_CAP_DEVCAP_FLR_SHIFT; }
static inline uint32_t vpci_pcie_cap_devcap_flr_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVCAP_FLR_MASK) | ((field << VPCI_PCIE_CAP_DEVCAP_FLR_SHIFT) & VPCI_PCIE_CAP_DEVCAP_FLR_MASK); }

/* PCIE_CAP.DEVCTL: - */
#define VPCI_PCIE_CAP_DEVCTL_OFFSET 0x48u
#define VPCI_PCIE_CAP_DEVCTL_SIZE 2u
#define VPCI_PCIE_CAP_DEVCTL_RESET 0x2810u
#define VPCI_PCIE_CAP_DEVCTL_CORR_ERR_EN_SHIFT 0u
#define VPCI_PCIE_CAP_DEVCTL_CORR_ERR_EN_WIDTH 1u
#define VPCI_PCIE_CAP_DEVCTL_CORR_ERR_EN_MASK 0x1u
#define VPCI_PCIE_CAP_DEVCTL_CORR_ERR_EN_RESET 0x0u
#define VPCI_PCIE_CAP_DEVCTL_CORR_ERR_EN_BIT 0x1u
static inline uint32_t vpci_pcie_cap_devctl_corr_err_en_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVCTL_CORR_ERR_EN_MASK) >> VPCI_PCIE_CAP_DEVCTL_CORR_ERR_EN_SHIFT; }
static inline uint32_t vpci_pcie_cap_devctl_corr_err_en_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVCTL_CORR_ERR_EN_MASK) | ((field << VPCI_PCIE_CAP_DEVCTL_CORR_ERR_EN_SHIFT) & VPCI_PCIE_CAP_DEVCTL_CORR_ERR_EN_MASK); }
#define VPCI_PCIE_CAP_DEVCTL_NONFATAL_ERR_EN_SHIFT 1u
#define VPCI_PCIE_CAP_DEVCTL_NONFATAL_ERR_EN_WIDTH 1u
#define VPCI_PCIE_CAP_DEVCTL_NONFATAL_ERR_EN_MASK 0x2u
#define VPCI_PCIE_CAP_DEVCTL_NONFATAL_ERR_EN_RESET 0x0u
#define VPCI_PCIE_CAP_DEVCTL_NONFATAL_ERR_EN_BIT 0x2u
static inline uint32_t vpci_pcie_cap_devctl_nonfatal_err_en_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVCTL_NONFATAL_ERR_EN_MASK) >> VPCI_PCIE_CAP_DEVCTL_NONFATAL_ERR_EN_SHIFT; }
static inline uint32_t vpci_pcie_cap_devctl_nonfatal_err_en_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVCTL_NONFATAL_ERR_EN_MASK) | ((field << VPCI_PCIE_CAP_DEVCTL_NONFATAL_ERR_EN_SHIFT) & VPCI_PCIE_CAP_DEVCTL_NONFATAL_ERR_EN_MASK); }
#define VPCI_PCIE_CAP_DEVCTL_FATAL_ERR_EN_SHIFT 2u
#define VPCI_PCIE_CAP_DEVCTL_FATAL_ERR_EN_WIDTH 1u
#define VPCI_PCIE_CAP_DEVCTL_FATAL_ERR_EN_MASK 0x4u
#define VPCI_PCIE_CAP_DEVCTL_FATAL_ERR_EN_RESET 0x0u
#define VPCI_PCIE_CAP_DEVCTL_FATAL_ERR_EN_BIT 0x4u
static inline uint32_t vpci_pcie_cap_devctl_fatal_err_en_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVCTL_FATAL_ERR_EN_MASK) >> VPCI_PCIE_CAP_DEVCTL_FATAL_ERR_EN_SHIFT; }
static inline uint32_t vpci_pcie_cap_devctl_fatal_err_en_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVCTL_FATAL_ERR_EN_MASK) | ((field << VPCI_PCIE_CAP_DEVCTL_FATAL_ERR_EN_SHIFT) & VPCI_PCIE_CAP_DEVCTL_FATAL_ERR_EN_MASK); }
#define VPCI_PCIE_CAP_DEVCTL_UNSUP_REQ_EN_SHIFT 3u
#define VPCI_PCIE_CAP_DEVCTL_UNSUP_REQ_EN_WIDTH 1u
#define VPCI_PCIE_CAP_DEVCTL_UNSUP_REQ_EN_MASK 0x8u
#define VPCI_PCIE_CAP_DEVCTL_UNSUP_REQ_EN_RESET 0x0u
#define VPCI_PCIE_CAP_DEVCTL_UNSUP_REQ_EN_BIT 0x8u
static inline uint32_t vpci_pcie_cap_devctl_unsup_req_en_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVCTL_UNSUP_REQ_EN_MASK) >> VPCI_PCIE_CAP_DEVCTL_UNSUP_REQ_EN_SHIFT; }
static inline uint32_t vpci_pcie_cap_devctl_unsup_req_en_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVCTL_UNSUP_REQ_EN_MASK) | ((field << VPCI_PCIE_CAP_DEVCTL_UNSUP_REQ_EN_SHIFT) & VPCI_PCIE_CAP_DEVCTL_UNSUP_REQ_EN_MASK); }
#define VPCI_PCIE_CAP_DEVCTL_RELAXED_ORDER_SHIFT 4u
#define VPCI_PCIE_CAP_DEVCTL_RELAXED_ORDER_WIDTH 1u
#define VPCI_PCIE_CAP_DEVCTL_RELAXED_ORDER_MASK 0x10u
#define VPCI_PCIE_CAP_DEVCTL_RELAXED_ORDER_RESET 0x1u
#define VPCI_PCIE_CAP_DEVCTL_RELAXED_ORDER_BIT 0x10u
static inline uint32_t vpci_pcie_cap_devctl_relaxed_order_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVCTL_RELAXED_ORDER_MASK) >> VPCI_PCIE_CAP_DEVCTL_RELAXED_ORDER_SHIFT; }
static inline uint32_t vpci_pcie_cap_devctl_relaxed_order_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVCTL_RELAXED_ORDER_MASK) | ((field << VPCI_PCIE_CAP_DEVCTL_RELAXED_ORDER_SHIFT) & VPCI_PCIE_CAP_DEVCTL_RELAXED_ORDER_MASK); }
#define VPCI_PCIE_CAP_DEVCTL_MAX_PAYLOAD_SHIFT 5u
#define VPCI_PCIE_CAP_DEVCTL_MAX_PAYLOAD_WIDTH 3u
#define VPCI_PCIE_CAP_DEVCTL_MAX_PAYLOAD_MASK 0xe0u
#define VPCI_PCIE_CAP_DEVCTL_MAX_PAYLOAD_RESET 0x0u
static inline uint32_t vpci_pcie_cap_devctl_max_payload_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVCTL_MAX_PAYLOAD_MASK) >> VPCI_PCIE_CAP_DEVCTL_MAX_PAYLOAD_SHIFT; }
static inline uint32_t vpci_pcie_cap_devctl_max_payload_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVCTL_MAX_PAYLOAD_MASK) | ((field << VPCI_PCIE_CAP_DEVCTL_MAX_PAYLOAD_SHIFT) & VPCI_PCIE_CAP_DEVCTL_MAX_PAYLOAD_MASK); }
#define VPCI_PCIE_CAP_DEVCTL_NO_SNOOP_SHIFT 11u
#define VPCI_PCIE_CAP_DEVCTL_NO_SNOOP_WIDTH 1u
#define VPCI_PCIE_CAP_DEVCTL_NO_SNOOP_MASK 0x800u
#define VPCI_PCIE_CAP_DEVCTL_NO_SNOOP_RESET 0x1u
#define VPCI_PCIE_CAP_DEVCTL_NO_SNOOP_BIT 0x800u
static inline uint32_t vpci_pcie_cap_devctl_no_snoop_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVCTL_NO_SNOOP_MASK) >> VPCI_PCIE_CAP_DEVCTL_NO_SNOOP_SHIFT; }
static inline uint32_t vpci_pcie_cap_devctl_no_snoop_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVCTL_NO_SNOOP_MASK) | ((field << VPCI_PCIE_CAP_DEVCTL_NO_SNOOP_SHIFT) & VPCI_PCIE_CAP_DEVCTL_NO_SNOOP_MASK); }
#define VPCI_PCIE_CAP_DEVCTL_MAX_READ_REQ_SHIFT 12u
#define VPCI_PCIE_CAP_DEVCTL_MAX_READ_REQ_WIDTH 3u
#define VPCI_PCIE_CAP_DEVCTL_MAX_READ_REQ_MASK 0x7000u
#define VPCI_PCIE_CAP_DEVCTL_MAX_READ_REQ_RESET 0x2u
static inline uint32_t vpci_pcie_cap_devctl_max_read_req_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVCTL_MAX_READ_REQ_MASK) >> VPCI_PCIE_CAP_DEVCTL_MAX_READ_REQ_SHIFT; }
static inline uint32_t vpci_pcie_cap_devctl_max_read_req_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVCTL_MAX_READ_REQ_MASK) | ((field << VPCI_PCIE_CAP_DEVCTL_MAX_READ_REQ_SHIFT) & VPCI_PCIE_CAP_DEVCTL_MAX_READ_REQ_MASK); }
#define VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_SHIFT 15u
#define VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_WIDTH 1u
#define VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK 0x8000u
#define VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_RESET 0x0u
#define VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_BIT 0x8000u
static inline uint32_t vpci_pcie_cap_devctl_initiate_flr_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK) >> VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_SHIFT; }
static inline uint32_t vpci_pcie_cap_devctl_initiate_flr_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK) | ((field << VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_SHIFT) & VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK); }

/* PCIE_CAP.DEVSTA: - */
#define VPCI_PCIE_CAP_DEVSTA_OFFSET 0x4au
#define VPCI_PCIE_CAP_DEVSTA_SIZE 2u
#define VPCI_PCIE_CAP_DEVSTA_RESET 0x0u
#define VPCI_PCIE_CAP_DEVSTA_CORR_ERR_SHIFT 0u
#define VPCI_PCIE_CAP_DEVSTA_CORR_ERR_WIDTH 1u
#define VPCI_PCIE_CAP_DEVSTA_CORR_ERR_MASK 0x1u
#define VPCI_PCIE_CAP_DEVSTA_CORR_ERR_RESET 0x0u
#define VPCI_PCIE_CAP_DEVSTA_CORR_ERR_BIT 0x1u
static inline uint32_t vpci_pcie_cap_devsta_corr_err_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVSTA_CORR_ERR_MASK) >> VPCI_PCIE_CAP_DEVSTA_CORR_ERR_SHIFT; }
static inline uint32_t vpci_pcie_cap_devsta_corr_err_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVSTA_CORR_ERR_MASK) | ((field << VPCI_PCIE_CAP_DEVSTA_CORR_ERR_SHIFT) & VPCI_PCIE_CAP_DEVSTA_CORR_ERR_MASK); }
#define VPCI_PCIE_CAP_DEVSTA_NONFATAL_ERR_SHIFT 1u
#define VPCI_PCIE_CAP_DEVSTA_NONFATAL_ERR_WIDTH 1u
#define VPCI_PCIE_CAP_DEVSTA_NONFATAL_ERR_MASK 0x2u
#define VPCI_PCIE_CAP_DEVSTA_NONFATAL_ERR_RESET 0x0u
#define VPCI_PCIE_CAP_DEVSTA_NONFATAL_ERR_BIT 0x2u
static inline uint32_t vpci_pcie_cap_devsta_nonfatal_err_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVSTA_NONFATAL_ERR_MASK) >> VPCI_PCIE_CAP_DEVSTA_NONFATAL_ERR_SHIFT; }
static inline uint32_t vpci_pcie_cap_devsta_nonfatal_err_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVSTA_NONFATAL_ERR_MASK) | ((field << VPCI_PCIE_CAP_DEVSTA_NONFATAL_ERR_SHIFT) & VPCI_PCIE_CAP_DEVSTA_NONFATAL_ERR_MASK); }
#define VPCI_PCIE_CAP_DEVSTA_FATAL_ERR_SHIFT 2u
#define VPCI_PCIE_CAP_DEVSTA_FATAL_ERR_WIDTH 1u
#define VPCI_PCIE_CAP_DEVSTA_FATAL_ERR_MASK 0x4u
#define VPCI_PCIE_CAP_DEVSTA_FATAL_ERR_RESET 0x0u
#define VPCI_PCIE_CAP_DEVSTA_FATAL_ERR_BIT 0x4u
static inline uint32_t vpci_pcie_cap_devsta_fatal_err_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVSTA_FATAL_ERR_MASK) >> VPCI_PCIE_CAP_DEVSTA_FATAL_ERR_SHIFT; }
static inline uint32_t vpci_pcie_cap_devsta_fatal_err_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVSTA_FATAL_ERR_MASK) | ((field << VPCI_PCIE_CAP_DEVSTA_FATAL_ERR_SHIFT) & VPCI_PCIE_CAP_DEVSTA_FATAL_ERR_MASK); }
#define VPCI_PCIE_CAP_DEVSTA_UNSUP_REQ_SHIFT 3u
#define VPCI_PCIE_CAP_DEVSTA_UNSUP_REQ_WIDTH 1u
#define VPCI_PCIE_CAP_DEVSTA_UNSUP_REQ_MASK 0x8u
#define VPCI_PCIE_CAP_DEVSTA_UNSUP_REQ_RESET 0x0u
#define VPCI_PCIE_CAP_DEVSTA_UNSUP_REQ_BIT 0x8u
static inline uint32_t vpci_pcie_cap_devsta_unsup_req_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVSTA_UNSUP_REQ_MASK) >> VPCI_PCIE_CAP_DEVSTA_UNSUP_REQ_SHIFT; }
static inline uint32_t vpci_pcie_cap_devsta_unsup_req_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVSTA_UNSUP_REQ_MASK) | ((field << VPCI_PCIE_CAP_DEVSTA_UNSUP_REQ_SHIFT) & VPCI_PCIE_CAP_DEVSTA_UNSUP_REQ_MASK); }
#define VPCI_PCIE_CAP_DEVSTA_TRANS_PENDING_SHIFT 5u
#define VPCI_PCIE_CAP_DEVSTA_TRANS_PENDING_WIDTH 1u
#define VPCI_PCIE_CAP_DEVSTA_TRANS_PENDING_MASK 0x20u
#define VPCI_PCIE_CAP_DEVSTA_TRANS_PENDING_RESET 0x0u
#define VPCI_PCIE_CAP_DEVSTA_TRANS_PENDING_BIT 0x20u
static inline uint32_t vpci_pcie_cap_devsta_trans_pending_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVSTA_TRANS_PENDING_MASK) >> VPCI_PCIE_CAP_DEVSTA_TRANS_PENDING_SHIFT; }
static inline uint32_t vpci_pcie_cap_devsta_trans_pending_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVSTA_TRANS_PENDING_MASK) | ((field << VPCI_PCIE_CAP_DEVSTA_TRANS_PENDING_SHIFT) & VPCI_PCIE_CAP_DEVSTA_TRANS_PENDING_MASK); }

/* PCIE_CAP.LINKCAP: - */
#define VPCI_PCIE_CAP_LINKCAP_OFFSET 0x4cu
#define VPCI_PCIE_CAP_LINKCAP_SIZE 4u
#define VPCI_PCIE_CAP_LINKCAP_RESET 0x11u
#define VPCI_PCIE_CAP_LINKCAP_MAX_SPEED_SHIFT 0u
#define VPCI_PCIE_CAP_LINKCAP_MAX_SPEED_WIDTH 4u
#define VPCI_PCIE_CAP_LINKCAP_MAX_SPEED_MASK 0xfu
#define VPCI_PCIE_CAP_LINKCAP_MAX_SPEED_RESET 0x1u
static inline uint32_t vpci_pcie_cap_linkcap_max_speed_get(uint32_t v) { return (v & VPCI_PCIE_CAP_LINKCAP_MAX_SPEED_MASK) >> VPCI_PCIE_CAP_LINKCAP_MAX_SPEED_SHIFT; }
static inline uint32_t vpci_pcie_cap_linkcap_max_speed_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_LINKCAP_MAX_SPEED_MASK) | ((field << VPCI_PCIE_CAP_LINKCAP_MAX_SPEED_SHIFT) & VPCI_PCIE_CAP_LINKCAP_MAX_SPEED_MASK); }
#define VPCI_PCIE_CAP_LINKCAP_MAX_WIDTH_SHIFT 4u
#define VPCI_PCIE_CAP_LINKCAP_MAX_WIDTH_WIDTH 6u
#define VPCI_PCIE_CAP_LINKCAP_MAX_WIDTH_MASK 0x3f0u
#define VPCI_PCIE_CAP_LINKCAP_MAX_WIDTH_RESET 0x1u
static inline uint32_t vpci_pcie_cap_linkcap_max_width_get(uint32_t v) { return (v & VPCI_PCIE_CAP_LINKCAP_MAX_WIDTH_MASK) >> VPCI_PCIE_CAP_LINKCAP_MAX_WIDTH_SHIFT; }
static inline uint32_t vpci_pcie_cap_linkcap_max_width_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_LINKCAP_MAX_WIDTH_MASK) | ((field << VPCI_PCIE_CAP_LINKCAP_MAX_WIDTH_SHIFT) & VPCI_PCIE_CAP_LINKCAP_MAX_WIDTH_MASK); }

/* PCIE_CAP.LINKCTL: - */
#define VPCI_PCIE_CAP_LINKCTL_OFFSET 0x50u
#define VPCI_PCIE_CAP_LINKCTL_SIZE 2u
#define VPCI_PCIE_CAP_LINKCTL_RESET 0x0u
#define VPCI_PCIE_CAP_LINKCTL_ASPM_SHIFT 0u
#define VPCI_PCIE_CAP_LINKCTL_ASPM_WIDTH 2u
#define VPCI_PCIE_CAP_LINKCTL_ASPM_MASK 0x3u
#define VPCI_PCIE_CAP_LINKCTL_ASPM_RESET 0x0u
static inline uint32_t vpci_pcie_cap_linkctl_aspm_get(uint32_t v) { return (v & VPCI_PCIE_CAP_LINKCTL_ASPM_MASK) >> VPCI_PCIE_CAP_LINKCTL_ASPM_SHIFT; }
static inline uint32_t vpci_pcie_cap_linkctl_aspm_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_LINKCTL_ASPM_MASK) | ((field << VPCI_PCIE_CAP_LINKCTL_ASPM_SHIFT) & VPCI_PCIE_CAP_LINKCTL_ASPM_MASK); }
#define VPCI_PCIE_CAP_LINKCTL_RCB_SHIFT 3u
#define VPCI_PCIE_CAP_LINKCTL_RCB_WIDTH 1u
#define VPCI_PCIE_CAP_LINKCTL_RCB_MASK 0x8u
#define VPCI_PCIE_CAP_LINKCTL_RCB_RESET 0x0u
#define VPCI_PCIE_CAP_LINKCTL_RCB_BIT 0x8u
static inline uint32_t vpci_pcie_cap_linkctl_rcb_get(uint32_t v) { return (v & VPCI_PCIE_CAP_LINKCTL_RCB_MASK) >> VPCI_PCIE_CAP_LINKCTL_RCB_SHIFT; }
static inline uint32_t vpci_pcie_cap_linkctl_rcb_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_LINKCTL_RCB_MASK) | ((field << VPCI_PCIE_CAP_LINKCTL_RCB_SHIFT) & VPCI_PCIE_CAP_LINKCTL_RCB_MASK); }
#define VPCI_PCIE_CAP_LINKCTL_COMMON_CLOCK_SHIFT 6u
#define VPCI_PCIE_CAP_LINKCTL_COMMON_CLOCK_WIDTH 1u
#define VPCI_PCIE_CAP_LINKCTL_COMMON_CLOCK_MASK 0x40u
#define VPCI_PCIE_CAP_LINKCTL_COMMON_CLOCK_RESET 0x0u
#define VPCI_PCIE_CAP_LINKCTL_COMMON_CLOCK_BIT 0x40u
static inline uint32_t vpci_pcie_cap_linkctl_common_clock_get(uint32_t v) { return (v & VPCI_PCIE_CAP_LINKCTL_COMMON_CLOCK_MASK) >> VPCI_PCIE_CAP_LINKCTL_COMMON_CLOCK_SHIFT; }
static inline uint32_t vpci_pcie_cap_linkctl_common_clock_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_LINKCTL_COMMON_CLOCK_MASK) | ((field << VPCI_PCIE_CAP_LINKCTL_COMMON_CLOCK_SHIFT) & VPCI_PCIE_CAP_LINKCTL_COMMON_CLOCK_MASK); }

/* PCIE_CAP.LINKSTA: - */
#define VPCI_PCIE_CAP_LINKSTA_OFFSET 0x52u
#define VPCI_PCIE_CAP_LINKSTA_SIZE 2u
#define VPCI_PCIE_CAP_LINKSTA_RESET 0x11u
#define VPCI_PCIE_CAP_LINKSTA_SPEED_SHIFT 0u
#define VPCI_PCIE_CAP_LINKSTA_SPEED_WIDTH 4u
#define VPCI_PCIE_CAP_LINKSTA_SPEED_MASK 0xfu
#define VPCI_PCIE_CAP_LINKSTA_SPEED_RESET 0x1u
static inline uint32_t vpci_pcie_cap_linksta_speed_get(uint32_t v) { return (v & VPCI_PCIE_CAP_LINKSTA_SPEED_MASK) >> VPCI_PCIE_CAP_LINKSTA_SPEED_SHIFT; }
static inline uint32_t vpci_pcie_cap_linksta_speed_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_LINKSTA_SPEED_MASK) | ((field << VPCI_PCIE_CAP_LINKSTA_SPEED_SHIFT) & VPCI_PCIE_CAP_LINKSTA_SPEED_MASK); }
#define VPCI_PCIE_CAP_LINKSTA_WIDTH_SHIFT 4u
#define VPCI_PCIE_CAP_LINKSTA_WIDTH_WIDTH 6u
#define VPCI_PCIE_CAP_LINKSTA_WIDTH_MASK 0x3f0u
#define VPCI_PCIE_CAP_LINKSTA_WIDTH_RESET 0x1u
static inline uint32_t vpci_pcie_cap_linksta_width_get(uint32_t v) { return (v & VPCI_PCIE_CAP_LINKSTA_WIDTH_MASK) >> VPCI_PCIE_CAP_LINKSTA_WIDTH_SHIFT; }
static inline uint32_t vpci_pcie_cap_linksta_width_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_LINKSTA_WIDTH_MASK) | ((field << VPCI_PCIE_CAP_LINKSTA_WIDTH_SHIFT) & VPCI_PCIE_CAP_LINKSTA_WIDTH_MASK); }

/* PCIE_CAP.DEVCAP2: - */
#define VPCI_PCIE_CAP_DEVCAP2_OFFSET 0x64u
#define VPCI_PCIE_CAP_DEVCAP2_SIZE 4u
#define VPCI_PCIE_CAP_DEVCAP2_RESET 0x10u
#define VPCI_PCIE_CAP_DEVCAP2_CPL_TIMEOUT_DIS_SHIFT 4u
#define VPCI_PCIE_CAP_DEVCAP2_CPL_TIMEOUT_DIS_WIDTH 1u
#define VPCI_PCIE_CAP_DEVCAP2_CPL_TIMEOUT_DIS_MASK 0x10u
#define VPCI_PCIE_CAP_DEVCAP2_CPL_TIMEOUT_DIS_RESET 0x1u
#define VPCI_PCIE_CAP_DEVCAP2_CPL_TIMEOUT_DIS_BIT 0x10u
static inline uint32_t vpci_pcie_cap_devcap2_cpl_timeout_dis_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVCAP2_CPL_TIMEOUT_DIS_MASK) >> VPCI_PCIE_CAP_DEVCAP2_CPL_TIMEOUT_DIS_SHIFT; }
static inline uint32_t vpci_pcie_cap_devcap2_cpl_timeout_dis_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVCAP2_CPL_TIMEOUT_DIS_MASK) | ((field << VPCI_PCIE_CAP_DEVCAP2_CPL_TIMEOUT_DIS_SHIFT) & VPCI_PCIE_CAP_DEVCAP2_CPL_TIMEOUT_DIS_MASK); }

/* PCIE_CAP.DEVCTL2: - */
#define VPCI_PCIE_CAP_DEVCTL2_OFFSET 0x68u
#define VPCI_PCIE_CAP_DEVCTL2_SIZE 2u
#define VPCI_PCIE_CAP_DEVCTL2_RESET 0x0u
#define VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_SHIFT 0u
#define VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_WIDTH 4u
#define VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_MASK 0xfu
#define VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_RESET 0x0u
static inline uint32_t vpci_pcie_cap_devctl2_cpl_timeout_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_MASK) >> VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_SHIFT; }
static inline uint32_t vpci_pcie_cap_devctl2_cpl_timeout_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_MASK) | ((field << VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_SHIFT) & VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_MASK); }
#define VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_DIS_SHIFT 4u
#define VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_DIS_WIDTH 1u
#define VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_DIS_MASK 0x10u
#define VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_DIS_RESET 0x0u
#define VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_DIS_BIT 0x10u
static inline uint32_t vpci_pcie_cap_devctl2_cpl_timeout_dis_get(uint32_t v) { return (v & VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_DIS_MASK) >> VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_DIS_SHIFT; }
static inline uint32_t vpci_pcie_cap_devctl2_cpl_timeout_dis_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_DIS_MASK) | ((field << VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_DIS_SHIFT) & VPCI_PCIE_CAP_DEVCTL2_CPL_TIMEOUT_DIS_MASK); }

/* PCIE_CAP.LINKCAP2: - */
#define VPCI_PCIE_CAP_LINKCAP2_OFFSET 0x6cu
#define VPCI_PCIE_CAP_LINKCAP2_SIZE 4u
#define VPCI_PCIE_CAP_LINKCAP2_RESET 0x2u
#define VPCI_PCIE_CAP_LINKCAP2_SPEEDS_SHIFT 1u
#define VPCI_PCIE_CAP_LINKCAP2_SPEEDS_WIDTH 7u
#define VPCI_PCIE_CAP_LINKCAP2_SPEEDS_MASK 0xfeu
#define VPCI_PCIE_CAP_LINKCAP2_SPEEDS_RESET 0x1u
static inline uint32_t vpci_pcie_cap_linkcap2_speeds_get(uint32_t v) { return (v & VPCI_PCIE_CAP_LINKCAP2_SPEEDS_MASK) >> VPCI_PCIE_CAP_LINKCAP2_SPEEDS_SHIFT; }
static inline uint32_t vpci_pcie_cap_linkcap2_speeds_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_LINKCAP2_SPEEDS_MASK) | ((field << VPCI_PCIE_CAP_LINKCAP2_SPEEDS_SHIFT) & VPCI_PCIE_CAP_LINKCAP2_SPEEDS_MASK); }

/* PCIE_CAP.LINKCTL2: - */
#define VPCI_PCIE_CAP_LINKCTL2_OFFSET 0x70u
#define VPCI_PCIE_CAP_LINKCTL2_SIZE 2u
#define VPCI_PCIE_CAP_LINKCTL2_RESET 0x1u
#define VPCI_PCIE_CAP_LINKCTL2_TARGET_SPEED_SHIFT 0u
#define VPCI_PCIE_CAP_LINKCTL2_TARGET_SPEED_WIDTH 4u
#define VPCI_PCIE_CAP_LINKCTL2_TARGET_SPEED_MASK 0xfu
#define VPCI_PCIE_CAP_LINKCTL2_TARGET_SPEED_RESET 0x1u
static inline uint32_t vpci_pcie_cap_linkctl2_target_speed_get(uint32_t v) { return (v & VPCI_PCIE_CAP_LINKCTL2_TARGET_SPEED_MASK) >> VPCI_PCIE_CAP_LINKCTL2_TARGET_SPEED_SHIFT; }
static inline uint32_t vpci_pcie_cap_linkctl2_target_speed_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_PCIE_CAP_LINKCTL2_TARGET_SPEED_MASK) | ((field << VPCI_PCIE_CAP_LINKCTL2_TARGET_SPEED_SHIFT) & VPCI_PCIE_CAP_LINKCTL2_TARGET_SPEED_MASK); }

/* ==== cfg space, block MSIX_CAP @ 0x0080: MSI-X capability. ==== */
#define VPCI_MSIX_CAP_BLOCK_BASE 0x80u

/* MSIX_CAP.CAP_HDR: - */
#define VPCI_MSIX_CAP_CAP_HDR_OFFSET 0x80u
#define VPCI_MSIX_CAP_CAP_HDR_SIZE 2u
#define VPCI_MSIX_CAP_CAP_HDR_RESET 0x11u
#define VPCI_MSIX_CAP_CAP_HDR_ID_SHIFT 0u
#define VPCI_MSIX_CAP_CAP_HDR_ID_WIDTH 8u
#define VPCI_MSIX_CAP_CAP_HDR_ID_MASK 0xffu
#define VPCI_MSIX_CAP_CAP_HDR_ID_RESET 0x11u
static inline uint32_t vpci_msix_cap_cap_hdr_id_get(uint32_t v) { return (v & VPCI_MSIX_CAP_CAP_HDR_ID_MASK) >> VPCI_MSIX_CAP_CAP_HDR_ID_SHIFT; }
static inline uint32_t vpci_msix_cap_cap_hdr_id_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_MSIX_CAP_CAP_HDR_ID_MASK) | ((field << VPCI_MSIX_CAP_CAP_HDR_ID_SHIFT) & VPCI_MSIX_CAP_CAP_HDR_ID_MASK); }
#define VPCI_MSIX_CAP_CAP_HDR_NEXT_SHIFT 8u
#define VPCI_MSIX_CAP_CAP_HDR_NEXT_WIDTH 8u
#define VPCI_MSIX_CAP_CAP_HDR_NEXT_MASK 0xff00u
#define VPCI_MSIX_CAP_CAP_HDR_NEXT_RESET 0x0u
static inline uint32_t vpci_msix_cap_cap_hdr_next_get(uint32_t v) { return (v & VPCI_MSIX_CAP_CAP_HDR_NEXT_MASK) >> VPCI_MSIX_CAP_CAP_HDR_NEXT_SHIFT; }
static inline uint32_t vpci_msix_cap_cap_hdr_next_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_MSIX_CAP_CAP_HDR_NEXT_MASK) | ((field << VPCI_MSIX_CAP_CAP_HDR_NEXT_SHIFT) & VPCI_MSIX_CAP_CAP_HDR_NEXT_MASK); }

/* MSIX_CAP.MSGCTL: Message control. TABLE_SIZE reports MSIX_VECTORS - 1 (set by hardware at reset). */
#define VPCI_MSIX_CAP_MSGCTL_OFFSET 0x82u
#define VPCI_MSIX_CAP_MSGCTL_SIZE 2u
#define VPCI_MSIX_CAP_MSGCTL_RESET 0x40u
#define VPCI_MSIX_CAP_MSGCTL_TABLE_SIZE_SHIFT 0u
#define VPCI_MSIX_CAP_MSGCTL_TABLE_SIZE_WIDTH 11u
#define VPCI_MSIX_CAP_MSGCTL_TABLE_SIZE_MASK 0x7ffu
#define VPCI_MSIX_CAP_MSGCTL_TABLE_SIZE_RESET 0x40u
static inline uint32_t vpci_msix_cap_msgctl_table_size_get(uint32_t v) { return (v & VPCI_MSIX_CAP_MSGCTL_TABLE_SIZE_MASK) >> VPCI_MSIX_CAP_MSGCTL_TABLE_SIZE_SHIFT; }
static inline uint32_t vpci_msix_cap_msgctl_table_size_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_MSIX_CAP_MSGCTL_TABLE_SIZE_MASK) | ((field << VPCI_MSIX_CAP_MSGCTL_TABLE_SIZE_SHIFT) & VPCI_MSIX_CAP_MSGCTL_TABLE_SIZE_MASK); }
#define VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_SHIFT 14u
#define VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_WIDTH 1u
#define VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_MASK 0x4000u
#define VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_RESET 0x0u
#define VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_BIT 0x4000u
static inline uint32_t vpci_msix_cap_msgctl_func_mask_get(uint32_t v) { return (v & VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_MASK) >> VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_SHIFT; }
static inline uint32_t vpci_msix_cap_msgctl_func_mask_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_MASK) | ((field << VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_SHIFT) & VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_MASK); }
#define VPCI_MSIX_CAP_MSGCTL_ENABLE_SHIFT 15u
#define VPCI_MSIX_CAP_MSGCTL_ENABLE_WIDTH 1u
#define VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK 0x8000u
#define VPCI_MSIX_CAP_MSGCTL_ENABLE_RESET 0x0u
#define VPCI_MSIX_CAP_MSGCTL_ENABLE_BIT 0x8000u
static inline uint32_t vpci_msix_cap_msgctl_enable_get(uint32_t v) { return (v & VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK) >> VPCI_MSIX_CAP_MSGCTL_ENABLE_SHIFT; }
static inline uint32_t vpci_msix_cap_msgctl_enable_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK) | ((field << VPCI_MSIX_CAP_MSGCTL_ENABLE_SHIFT) & VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK); }

/* MSIX_CAP.TBL: Table BIR and offset (BAR0 + 0x2000). */
#define VPCI_MSIX_CAP_TBL_OFFSET 0x84u
#define VPCI_MSIX_CAP_TBL_SIZE 4u
#define VPCI_MSIX_CAP_TBL_RESET 0x2000u
#define VPCI_MSIX_CAP_TBL_BIR_SHIFT 0u
#define VPCI_MSIX_CAP_TBL_BIR_WIDTH 3u
#define VPCI_MSIX_CAP_TBL_BIR_MASK 0x7u
#define VPCI_MSIX_CAP_TBL_BIR_RESET 0x0u
static inline uint32_t vpci_msix_cap_tbl_bir_get(uint32_t v) { return (v & VPCI_MSIX_CAP_TBL_BIR_MASK) >> VPCI_MSIX_CAP_TBL_BIR_SHIFT; }
static inline uint32_t vpci_msix_cap_tbl_bir_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_MSIX_CAP_TBL_BIR_MASK) | ((field << VPCI_MSIX_CAP_TBL_BIR_SHIFT) & VPCI_MSIX_CAP_TBL_BIR_MASK); }
#define VPCI_MSIX_CAP_TBL_OFFSET_SHIFT 3u
#define VPCI_MSIX_CAP_TBL_OFFSET_WIDTH 29u
#define VPCI_MSIX_CAP_TBL_OFFSET_MASK 0xfffffff8u
#define VPCI_MSIX_CAP_TBL_OFFSET_RESET 0x400u
static inline uint32_t vpci_msix_cap_tbl_offset_get(uint32_t v) { return (v & VPCI_MSIX_CAP_TBL_OFFSET_MASK) >> VPCI_MSIX_CAP_TBL_OFFSET_SHIFT; }
static inline uint32_t vpci_msix_cap_tbl_offset_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_MSIX_CAP_TBL_OFFSET_MASK) | ((field << VPCI_MSIX_CAP_TBL_OFFSET_SHIFT) & VPCI_MSIX_CAP_TBL_OFFSET_MASK); }

/* MSIX_CAP.PBA: PBA BIR and offset (BAR0 + 0x4000). */
#define VPCI_MSIX_CAP_PBA_OFFSET 0x88u
#define VPCI_MSIX_CAP_PBA_SIZE 4u
#define VPCI_MSIX_CAP_PBA_RESET 0x4000u
#define VPCI_MSIX_CAP_PBA_BIR_SHIFT 0u
#define VPCI_MSIX_CAP_PBA_BIR_WIDTH 3u
#define VPCI_MSIX_CAP_PBA_BIR_MASK 0x7u
#define VPCI_MSIX_CAP_PBA_BIR_RESET 0x0u
static inline uint32_t vpci_msix_cap_pba_bir_get(uint32_t v) { return (v & VPCI_MSIX_CAP_PBA_BIR_MASK) >> VPCI_MSIX_CAP_PBA_BIR_SHIFT; }
static inline uint32_t vpci_msix_cap_pba_bir_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_MSIX_CAP_PBA_BIR_MASK) | ((field << VPCI_MSIX_CAP_PBA_BIR_SHIFT) & VPCI_MSIX_CAP_PBA_BIR_MASK); }
#define VPCI_MSIX_CAP_PBA_OFFSET_SHIFT 3u
#define VPCI_MSIX_CAP_PBA_OFFSET_WIDTH 29u
#define VPCI_MSIX_CAP_PBA_OFFSET_MASK 0xfffffff8u
#define VPCI_MSIX_CAP_PBA_OFFSET_RESET 0x800u
static inline uint32_t vpci_msix_cap_pba_offset_get(uint32_t v) { return (v & VPCI_MSIX_CAP_PBA_OFFSET_MASK) >> VPCI_MSIX_CAP_PBA_OFFSET_SHIFT; }
static inline uint32_t vpci_msix_cap_pba_offset_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_MSIX_CAP_PBA_OFFSET_MASK) | ((field << VPCI_MSIX_CAP_PBA_OFFSET_SHIFT) & VPCI_MSIX_CAP_PBA_OFFSET_MASK); }

/* ==== cfg space, block EXT_CAP @ 0x0100: PCI Express extended configuration space. ==== */
#define VPCI_EXT_CAP_BLOCK_BASE 0x100u

/* EXT_CAP.HDR: Empty extended capability list. */
#define VPCI_EXT_CAP_HDR_OFFSET 0x100u
#define VPCI_EXT_CAP_HDR_SIZE 4u
#define VPCI_EXT_CAP_HDR_RESET 0x0u
#define VPCI_EXT_CAP_HDR_VAL_SHIFT 0u
#define VPCI_EXT_CAP_HDR_VAL_WIDTH 32u
#define VPCI_EXT_CAP_HDR_VAL_MASK 0xffffffffu
#define VPCI_EXT_CAP_HDR_VAL_RESET 0x0u
static inline uint32_t vpci_ext_cap_hdr_val_get(uint32_t v) { return (v & VPCI_EXT_CAP_HDR_VAL_MASK) >> VPCI_EXT_CAP_HDR_VAL_SHIFT; }
static inline uint32_t vpci_ext_cap_hdr_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_EXT_CAP_HDR_VAL_MASK) | ((field << VPCI_EXT_CAP_HDR_VAL_SHIFT) & VPCI_EXT_CAP_HDR_VAL_MASK); }

/* ==== bar0 space, block ADAPTER @ 0x0000: Adapter identity, negotiation, status, link state, interrupts and errors. ==== */
#define VPCI_ADAPTER_BLOCK_BASE 0x0u
#define VPCI_ADAPTER_RB_TYPE_ID 0x1u
#define VPCI_ADAPTER_RB_VERSION 0x10000u

/* ADAPTER.RB_TYPE: Register block type. */
#define VPCI_ADAPTER_RB_TYPE_OFFSET 0x0u
#define VPCI_ADAPTER_RB_TYPE_SIZE 4u
#define VPCI_ADAPTER_RB_TYPE_RESET 0x1u
#define VPCI_ADAPTER_RB_TYPE_VAL_SHIFT 0u
#define VPCI_ADAPTER_RB_TYPE_VAL_WIDTH 32u
#define VPCI_ADAPTER_RB_TYPE_VAL_MASK 0xffffffffu
#define VPCI_ADAPTER_RB_TYPE_VAL_RESET 0x1u
static inline uint32_t vpci_adapter_rb_type_val_get(uint32_t v) { return (v & VPCI_ADAPTER_RB_TYPE_VAL_MASK) >> VPCI_ADAPTER_RB_TYPE_VAL_SHIFT; }
static inline uint32_t vpci_adapter_rb_type_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_RB_TYPE_VAL_MASK) | ((field << VPCI_ADAPTER_RB_TYPE_VAL_SHIFT) & VPCI_ADAPTER_RB_TYPE_VAL_MASK); }

/* ADAPTER.RB_VER: Register block version (major.minor in 16:16). */
#define VPCI_ADAPTER_RB_VER_OFFSET 0x4u
#define VPCI_ADAPTER_RB_VER_SIZE 4u
#define VPCI_ADAPTER_RB_VER_RESET 0x10000u
#define VPCI_ADAPTER_RB_VER_VAL_SHIFT 0u
#define VPCI_ADAPTER_RB_VER_VAL_WIDTH 32u
#define VPCI_ADAPTER_RB_VER_VAL_MASK 0xffffffffu
#define VPCI_ADAPTER_RB_VER_VAL_RESET 0x10000u
static inline uint32_t vpci_adapter_rb_ver_val_get(uint32_t v) { return (v & VPCI_ADAPTER_RB_VER_VAL_MASK) >> VPCI_ADAPTER_RB_VER_VAL_SHIFT; }
static inline uint32_t vpci_adapter_rb_ver_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_RB_VER_VAL_MASK) | ((field << VPCI_ADAPTER_RB_VER_VAL_SHIFT) & VPCI_ADAPTER_RB_VER_VAL_MASK); }

/* ADAPTER.RB_NEXT: BAR0 offset of the next register block, 0 at the end of the list. */
#define VPCI_ADAPTER_RB_NEXT_OFFSET 0x8u
#define VPCI_ADAPTER_RB_NEXT_SIZE 4u
#define VPCI_ADAPTER_RB_NEXT_RESET 0x100u
#define VPCI_ADAPTER_RB_NEXT_VAL_SHIFT 0u
#define VPCI_ADAPTER_RB_NEXT_VAL_WIDTH 32u
#define VPCI_ADAPTER_RB_NEXT_VAL_MASK 0xffffffffu
#define VPCI_ADAPTER_RB_NEXT_VAL_RESET 0x100u
static inline uint32_t vpci_adapter_rb_next_val_get(uint32_t v) { return (v & VPCI_ADAPTER_RB_NEXT_VAL_MASK) >> VPCI_ADAPTER_RB_NEXT_VAL_SHIFT; }
static inline uint32_t vpci_adapter_rb_next_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_RB_NEXT_VAL_MASK) | ((field << VPCI_ADAPTER_RB_NEXT_VAL_SHIFT) & VPCI_ADAPTER_RB_NEXT_VAL_MASK); }

/* ADAPTER.MAGIC: Identifies a vhost-pci control BAR: ASCII 'VPCI'. */
#define VPCI_ADAPTER_MAGIC_OFFSET 0xcu
#define VPCI_ADAPTER_MAGIC_SIZE 4u
#define VPCI_ADAPTER_MAGIC_RESET 0x56504349u
#define VPCI_ADAPTER_MAGIC_VAL_SHIFT 0u
#define VPCI_ADAPTER_MAGIC_VAL_WIDTH 32u
#define VPCI_ADAPTER_MAGIC_VAL_MASK 0xffffffffu
#define VPCI_ADAPTER_MAGIC_VAL_RESET 0x56504349u
static inline uint32_t vpci_adapter_magic_val_get(uint32_t v) { return (v & VPCI_ADAPTER_MAGIC_VAL_MASK) >> VPCI_ADAPTER_MAGIC_VAL_SHIFT; }
static inline uint32_t vpci_adapter_magic_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_MAGIC_VAL_MASK) | ((field << VPCI_ADAPTER_MAGIC_VAL_SHIFT) & VPCI_ADAPTER_MAGIC_VAL_MASK); }

/* ADAPTER.SPEC_VERSION: Version of docs/spec.md the adapter implements. */
#define VPCI_ADAPTER_SPEC_VERSION_OFFSET 0x10u
#define VPCI_ADAPTER_SPEC_VERSION_SIZE 4u
#define VPCI_ADAPTER_SPEC_VERSION_RESET 0x10000u
#define VPCI_ADAPTER_SPEC_VERSION_MINOR_SHIFT 0u
#define VPCI_ADAPTER_SPEC_VERSION_MINOR_WIDTH 16u
#define VPCI_ADAPTER_SPEC_VERSION_MINOR_MASK 0xffffu
#define VPCI_ADAPTER_SPEC_VERSION_MINOR_RESET 0x0u
static inline uint32_t vpci_adapter_spec_version_minor_get(uint32_t v) { return (v & VPCI_ADAPTER_SPEC_VERSION_MINOR_MASK) >> VPCI_ADAPTER_SPEC_VERSION_MINOR_SHIFT; }
static inline uint32_t vpci_adapter_spec_version_minor_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_SPEC_VERSION_MINOR_MASK) | ((field << VPCI_ADAPTER_SPEC_VERSION_MINOR_SHIFT) & VPCI_ADAPTER_SPEC_VERSION_MINOR_MASK); }
#define VPCI_ADAPTER_SPEC_VERSION_MAJOR_SHIFT 16u
#define VPCI_ADAPTER_SPEC_VERSION_MAJOR_WIDTH 16u
#define VPCI_ADAPTER_SPEC_VERSION_MAJOR_MASK 0xffff0000u
#define VPCI_ADAPTER_SPEC_VERSION_MAJOR_RESET 0x1u
static inline uint32_t vpci_adapter_spec_version_major_get(uint32_t v) { return (v & VPCI_ADAPTER_SPEC_VERSION_MAJOR_MASK) >> VPCI_ADAPTER_SPEC_VERSION_MAJOR_SHIFT; }
static inline uint32_t vpci_adapter_spec_version_major_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_SPEC_VERSION_MAJOR_MASK) | ((field << VPCI_ADAPTER_SPEC_VERSION_MAJOR_SHIFT) & VPCI_ADAPTER_SPEC_VERSION_MAJOR_MASK); }

/* ADAPTER.CAPS: Creation-time parameters of this instance. */
#define VPCI_ADAPTER_CAPS_OFFSET 0x14u
#define VPCI_ADAPTER_CAPS_SIZE 4u
#define VPCI_ADAPTER_CAPS_RESET 0x410040u
#define VPCI_ADAPTER_CAPS_NUM_VQS_SHIFT 0u
#define VPCI_ADAPTER_CAPS_NUM_VQS_WIDTH 16u
#define VPCI_ADAPTER_CAPS_NUM_VQS_MASK 0xffffu
#define VPCI_ADAPTER_CAPS_NUM_VQS_RESET 0x40u
static inline uint32_t vpci_adapter_caps_num_vqs_get(uint32_t v) { return (v & VPCI_ADAPTER_CAPS_NUM_VQS_MASK) >> VPCI_ADAPTER_CAPS_NUM_VQS_SHIFT; }
static inline uint32_t vpci_adapter_caps_num_vqs_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_CAPS_NUM_VQS_MASK) | ((field << VPCI_ADAPTER_CAPS_NUM_VQS_SHIFT) & VPCI_ADAPTER_CAPS_NUM_VQS_MASK); }
#define VPCI_ADAPTER_CAPS_MSIX_VECTORS_SHIFT 16u
#define VPCI_ADAPTER_CAPS_MSIX_VECTORS_WIDTH 12u
#define VPCI_ADAPTER_CAPS_MSIX_VECTORS_MASK 0xfff0000u
#define VPCI_ADAPTER_CAPS_MSIX_VECTORS_RESET 0x41u
static inline uint32_t vpci_adapter_caps_msix_vectors_get(uint32_t v) { return (v & VPCI_ADAPTER_CAPS_MSIX_VECTORS_MASK) >> VPCI_ADAPTER_CAPS_MSIX_VECTORS_SHIFT; }
static inline uint32_t vpci_adapter_caps_msix_vectors_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_CAPS_MSIX_VECTORS_MASK) | ((field << VPCI_ADAPTER_CAPS_MSIX_VECTORS_SHIFT) & VPCI_ADAPTER_CAPS_MSIX_VECTORS_MASK); }
#define VPCI_ADAPTER_CAPS_EXT_MSIX_SHIFT 31u
#define VPCI_ADAPTER_CAPS_EXT_MSIX_WIDTH 1u
#define VPCI_ADAPTER_CAPS_EXT_MSIX_MASK 0x80000000u
#define VPCI_ADAPTER_CAPS_EXT_MSIX_RESET 0x0u
#define VPCI_ADAPTER_CAPS_EXT_MSIX_BIT 0x80000000u
static inline uint32_t vpci_adapter_caps_ext_msix_get(uint32_t v) { return (v & VPCI_ADAPTER_CAPS_EXT_MSIX_MASK) >> VPCI_ADAPTER_CAPS_EXT_MSIX_SHIFT; }
static inline uint32_t vpci_adapter_caps_ext_msix_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_CAPS_EXT_MSIX_MASK) | ((field << VPCI_ADAPTER_CAPS_EXT_MSIX_SHIFT) & VPCI_ADAPTER_CAPS_EXT_MSIX_MASK); }

/* ADAPTER.DEV_FEATURES_SEL: Selects which 32-bit word of the device features DEV_FEATURES shows. */
#define VPCI_ADAPTER_DEV_FEATURES_SEL_OFFSET 0x18u
#define VPCI_ADAPTER_DEV_FEATURES_SEL_SIZE 4u
#define VPCI_ADAPTER_DEV_FEATURES_SEL_RESET 0x0u
#define VPCI_ADAPTER_DEV_FEATURES_SEL_VAL_SHIFT 0u
#define VPCI_ADAPTER_DEV_FEATURES_SEL_VAL_WIDTH 32u
#define VPCI_ADAPTER_DEV_FEATURES_SEL_VAL_MASK 0xffffffffu
#define VPCI_ADAPTER_DEV_FEATURES_SEL_VAL_RESET 0x0u
static inline uint32_t vpci_adapter_dev_features_sel_val_get(uint32_t v) { return (v & VPCI_ADAPTER_DEV_FEATURES_SEL_VAL_MASK) >> VPCI_ADAPTER_DEV_FEATURES_SEL_VAL_SHIFT; }
static inline uint32_t vpci_adapter_dev_features_sel_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_DEV_FEATURES_SEL_VAL_MASK) | ((field << VPCI_ADAPTER_DEV_FEATURES_SEL_VAL_SHIFT) & VPCI_ADAPTER_DEV_FEATURES_SEL_VAL_MASK); }

/* ADAPTER.DEV_FEATURES: Adapter features, word DEV_FEATURES_SEL (ADAPTER_FEATURE bit numbers). */
#define VPCI_ADAPTER_DEV_FEATURES_OFFSET 0x1cu
#define VPCI_ADAPTER_DEV_FEATURES_SIZE 4u
#define VPCI_ADAPTER_DEV_FEATURES_RESET 0x0u
#define VPCI_ADAPTER_DEV_FEATURES_VAL_SHIFT 0u
#define VPCI_ADAPTER_DEV_FEATURES_VAL_WIDTH 32u
#define VPCI_ADAPTER_DEV_FEATURES_VAL_MASK 0xffffffffu
#define VPCI_ADAPTER_DEV_FEATURES_VAL_RESET 0x0u
static inline uint32_t vpci_adapter_dev_features_val_get(uint32_t v) { return (v & VPCI_ADAPTER_DEV_FEATURES_VAL_MASK) >> VPCI_ADAPTER_DEV_FEATURES_VAL_SHIFT; }
static inline uint32_t vpci_adapter_dev_features_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_DEV_FEATURES_VAL_MASK) | ((field << VPCI_ADAPTER_DEV_FEATURES_VAL_SHIFT) & VPCI_ADAPTER_DEV_FEATURES_VAL_MASK); }

/* ADAPTER.DRV_FEATURES_SEL: Selects which 32-bit word of the driver features DRV_FEATURES accesses. */
#define VPCI_ADAPTER_DRV_FEATURES_SEL_OFFSET 0x20u
#define VPCI_ADAPTER_DRV_FEATURES_SEL_SIZE 4u
#define VPCI_ADAPTER_DRV_FEATURES_SEL_RESET 0x0u
#define VPCI_ADAPTER_DRV_FEATURES_SEL_VAL_SHIFT 0u
#define VPCI_ADAPTER_DRV_FEATURES_SEL_VAL_WIDTH 32u
#define VPCI_ADAPTER_DRV_FEATURES_SEL_VAL_MASK 0xffffffffu
#define VPCI_ADAPTER_DRV_FEATURES_SEL_VAL_RESET 0x0u
static inline uint32_t vpci_adapter_drv_features_sel_val_get(uint32_t v) { return (v & VPCI_ADAPTER_DRV_FEATURES_SEL_VAL_MASK) >> VPCI_ADAPTER_DRV_FEATURES_SEL_VAL_SHIFT; }
static inline uint32_t vpci_adapter_drv_features_sel_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_DRV_FEATURES_SEL_VAL_MASK) | ((field << VPCI_ADAPTER_DRV_FEATURES_SEL_VAL_SHIFT) & VPCI_ADAPTER_DRV_FEATURES_SEL_VAL_MASK); }

/* ADAPTER.DRV_FEATURES: Features accepted by the driver, word DRV_FEATURES_SEL. */
#define VPCI_ADAPTER_DRV_FEATURES_OFFSET 0x24u
#define VPCI_ADAPTER_DRV_FEATURES_SIZE 4u
#define VPCI_ADAPTER_DRV_FEATURES_RESET 0x0u
#define VPCI_ADAPTER_DRV_FEATURES_VAL_SHIFT 0u
#define VPCI_ADAPTER_DRV_FEATURES_VAL_WIDTH 32u
#define VPCI_ADAPTER_DRV_FEATURES_VAL_MASK 0xffffffffu
#define VPCI_ADAPTER_DRV_FEATURES_VAL_RESET 0x0u
static inline uint32_t vpci_adapter_drv_features_val_get(uint32_t v) { return (v & VPCI_ADAPTER_DRV_FEATURES_VAL_MASK) >> VPCI_ADAPTER_DRV_FEATURES_VAL_SHIFT; }
static inline uint32_t vpci_adapter_drv_features_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_DRV_FEATURES_VAL_MASK) | ((field << VPCI_ADAPTER_DRV_FEATURES_VAL_SHIFT) & VPCI_ADAPTER_DRV_FEATURES_VAL_MASK); }

/* ADAPTER.STATUS: Device status (virtio-like). Bits are set by writing 1 and cleared only by a reset (CONTROL.RESET, FLR). */
#define VPCI_ADAPTER_STATUS_OFFSET 0x28u
#define VPCI_ADAPTER_STATUS_SIZE 4u
#define VPCI_ADAPTER_STATUS_RESET 0x0u
#define VPCI_ADAPTER_STATUS_DRIVER_SHIFT 0u
#define VPCI_ADAPTER_STATUS_DRIVER_WIDTH 1u
#define VPCI_ADAPTER_STATUS_DRIVER_MASK 0x1u
#define VPCI_ADAPTER_STATUS_DRIVER_RESET 0x0u
#define VPCI_ADAPTER_STATUS_DRIVER_BIT 0x1u
static inline uint32_t vpci_adapter_status_driver_get(uint32_t v) { return (v & VPCI_ADAPTER_STATUS_DRIVER_MASK) >> VPCI_ADAPTER_STATUS_DRIVER_SHIFT; }
static inline uint32_t vpci_adapter_status_driver_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_STATUS_DRIVER_MASK) | ((field << VPCI_ADAPTER_STATUS_DRIVER_SHIFT) & VPCI_ADAPTER_STATUS_DRIVER_MASK); }
#define VPCI_ADAPTER_STATUS_FEATURES_OK_SHIFT 1u
#define VPCI_ADAPTER_STATUS_FEATURES_OK_WIDTH 1u
#define VPCI_ADAPTER_STATUS_FEATURES_OK_MASK 0x2u
#define VPCI_ADAPTER_STATUS_FEATURES_OK_RESET 0x0u
#define VPCI_ADAPTER_STATUS_FEATURES_OK_BIT 0x2u
static inline uint32_t vpci_adapter_status_features_ok_get(uint32_t v) { return (v & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK) >> VPCI_ADAPTER_STATUS_FEATURES_OK_SHIFT; }
static inline uint32_t vpci_adapter_status_features_ok_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_STATUS_FEATURES_OK_MASK) | ((field << VPCI_ADAPTER_STATUS_FEATURES_OK_SHIFT) & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK); }
#define VPCI_ADAPTER_STATUS_DRIVER_OK_SHIFT 2u
#define VPCI_ADAPTER_STATUS_DRIVER_OK_WIDTH 1u
#define VPCI_ADAPTER_STATUS_DRIVER_OK_MASK 0x4u
#define VPCI_ADAPTER_STATUS_DRIVER_OK_RESET 0x0u
#define VPCI_ADAPTER_STATUS_DRIVER_OK_BIT 0x4u
static inline uint32_t vpci_adapter_status_driver_ok_get(uint32_t v) { return (v & VPCI_ADAPTER_STATUS_DRIVER_OK_MASK) >> VPCI_ADAPTER_STATUS_DRIVER_OK_SHIFT; }
static inline uint32_t vpci_adapter_status_driver_ok_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_STATUS_DRIVER_OK_MASK) | ((field << VPCI_ADAPTER_STATUS_DRIVER_OK_SHIFT) & VPCI_ADAPTER_STATUS_DRIVER_OK_MASK); }
#define VPCI_ADAPTER_STATUS_NEEDS_RESET_SHIFT 6u
#define VPCI_ADAPTER_STATUS_NEEDS_RESET_WIDTH 1u
#define VPCI_ADAPTER_STATUS_NEEDS_RESET_MASK 0x40u
#define VPCI_ADAPTER_STATUS_NEEDS_RESET_RESET 0x0u
#define VPCI_ADAPTER_STATUS_NEEDS_RESET_BIT 0x40u
static inline uint32_t vpci_adapter_status_needs_reset_get(uint32_t v) { return (v & VPCI_ADAPTER_STATUS_NEEDS_RESET_MASK) >> VPCI_ADAPTER_STATUS_NEEDS_RESET_SHIFT; }
static inline uint32_t vpci_adapter_status_needs_reset_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_STATUS_NEEDS_RESET_MASK) | ((field << VPCI_ADAPTER_STATUS_NEEDS_RESET_SHIFT) & VPCI_ADAPTER_STATUS_NEEDS_RESET_MASK); }
#define VPCI_ADAPTER_STATUS_FAILED_SHIFT 7u
#define VPCI_ADAPTER_STATUS_FAILED_WIDTH 1u
#define VPCI_ADAPTER_STATUS_FAILED_MASK 0x80u
#define VPCI_ADAPTER_STATUS_FAILED_RESET 0x0u
#define VPCI_ADAPTER_STATUS_FAILED_BIT 0x80u
static inline uint32_t vpci_adapter_status_failed_get(uint32_t v) { return (v & VPCI_ADAPTER_STATUS_FAILED_MASK) >> VPCI_ADAPTER_STATUS_FAILED_SHIFT; }
static inline uint32_t vpci_adapter_status_failed_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_STATUS_FAILED_MASK) | ((field << VPCI_ADAPTER_STATUS_FAILED_SHIFT) & VPCI_ADAPTER_STATUS_FAILED_MASK); }

/* ADAPTER.CONTROL: - */
#define VPCI_ADAPTER_CONTROL_OFFSET 0x2cu
#define VPCI_ADAPTER_CONTROL_SIZE 4u
#define VPCI_ADAPTER_CONTROL_RESET 0x0u
#define VPCI_ADAPTER_CONTROL_RESET_SHIFT 0u
#define VPCI_ADAPTER_CONTROL_RESET_WIDTH 1u
#define VPCI_ADAPTER_CONTROL_RESET_MASK 0x1u
#define VPCI_ADAPTER_CONTROL_RESET_RESET 0x0u
#define VPCI_ADAPTER_CONTROL_RESET_BIT 0x1u
static inline uint32_t vpci_adapter_control_reset_get(uint32_t v) { return (v & VPCI_ADAPTER_CONTROL_RESET_MASK) >> VPCI_ADAPTER_CONTROL_RESET_SHIFT; }
static inline uint32_t vpci_adapter_control_reset_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_CONTROL_RESET_MASK) | ((field << VPCI_ADAPTER_CONTROL_RESET_SHIFT) & VPCI_ADAPTER_CONTROL_RESET_MASK); }
#define VPCI_ADAPTER_CONTROL_RESET_BUSY_SHIFT 1u
#define VPCI_ADAPTER_CONTROL_RESET_BUSY_WIDTH 1u
#define VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK 0x2u
#define VPCI_ADAPTER_CONTROL_RESET_BUSY_RESET 0x0u
#define VPCI_ADAPTER_CONTROL_RESET_BUSY_BIT 0x2u
static inline uint32_t vpci_adapter_control_reset_busy_get(uint32_t v) { return (v & VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK) >> VPCI_ADAPTER_CONTROL_RESET_BUSY_SHIFT; }
static inline uint32_t vpci_adapter_control_reset_busy_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK) | ((field << VPCI_ADAPTER_CONTROL_RESET_BUSY_SHIFT) & VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK); }

/* ADAPTER.LINK: Link state. */
#define VPCI_ADAPTER_LINK_OFFSET 0x30u
#define VPCI_ADAPTER_LINK_SIZE 4u
#define VPCI_ADAPTER_LINK_RESET 0x0u
#define VPCI_ADAPTER_LINK_MASTER_UP_SHIFT 0u
#define VPCI_ADAPTER_LINK_MASTER_UP_WIDTH 1u
#define VPCI_ADAPTER_LINK_MASTER_UP_MASK 0x1u
#define VPCI_ADAPTER_LINK_MASTER_UP_RESET 0x0u
#define VPCI_ADAPTER_LINK_MASTER_UP_BIT 0x1u
static inline uint32_t vpci_adapter_link_master_up_get(uint32_t v) { return (v & VPCI_ADAPTER_LINK_MASTER_UP_MASK) >> VPCI_ADAPTER_LINK_MASTER_UP_SHIFT; }
static inline uint32_t vpci_adapter_link_master_up_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_LINK_MASTER_UP_MASK) | ((field << VPCI_ADAPTER_LINK_MASTER_UP_SHIFT) & VPCI_ADAPTER_LINK_MASTER_UP_MASK); }
#define VPCI_ADAPTER_LINK_DRIVER_READY_SHIFT 1u
#define VPCI_ADAPTER_LINK_DRIVER_READY_WIDTH 1u
#define VPCI_ADAPTER_LINK_DRIVER_READY_MASK 0x2u
#define VPCI_ADAPTER_LINK_DRIVER_READY_RESET 0x0u
#define VPCI_ADAPTER_LINK_DRIVER_READY_BIT 0x2u
static inline uint32_t vpci_adapter_link_driver_ready_get(uint32_t v) { return (v & VPCI_ADAPTER_LINK_DRIVER_READY_MASK) >> VPCI_ADAPTER_LINK_DRIVER_READY_SHIFT; }
static inline uint32_t vpci_adapter_link_driver_ready_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_LINK_DRIVER_READY_MASK) | ((field << VPCI_ADAPTER_LINK_DRIVER_READY_SHIFT) & VPCI_ADAPTER_LINK_DRIVER_READY_MASK); }
#define VPCI_ADAPTER_LINK_BACKEND_CHAN_SHIFT 2u
#define VPCI_ADAPTER_LINK_BACKEND_CHAN_WIDTH 1u
#define VPCI_ADAPTER_LINK_BACKEND_CHAN_MASK 0x4u
#define VPCI_ADAPTER_LINK_BACKEND_CHAN_RESET 0x0u
#define VPCI_ADAPTER_LINK_BACKEND_CHAN_BIT 0x4u
static inline uint32_t vpci_adapter_link_backend_chan_get(uint32_t v) { return (v & VPCI_ADAPTER_LINK_BACKEND_CHAN_MASK) >> VPCI_ADAPTER_LINK_BACKEND_CHAN_SHIFT; }
static inline uint32_t vpci_adapter_link_backend_chan_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_LINK_BACKEND_CHAN_MASK) | ((field << VPCI_ADAPTER_LINK_BACKEND_CHAN_SHIFT) & VPCI_ADAPTER_LINK_BACKEND_CHAN_MASK); }
#define VPCI_ADAPTER_LINK_SESSION_SHIFT 8u
#define VPCI_ADAPTER_LINK_SESSION_WIDTH 8u
#define VPCI_ADAPTER_LINK_SESSION_MASK 0xff00u
#define VPCI_ADAPTER_LINK_SESSION_RESET 0x0u
static inline uint32_t vpci_adapter_link_session_get(uint32_t v) { return (v & VPCI_ADAPTER_LINK_SESSION_MASK) >> VPCI_ADAPTER_LINK_SESSION_SHIFT; }
static inline uint32_t vpci_adapter_link_session_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_LINK_SESSION_MASK) | ((field << VPCI_ADAPTER_LINK_SESSION_SHIFT) & VPCI_ADAPTER_LINK_SESSION_MASK); }

/* ADAPTER.INT_CAUSE: Adapter event causes, signalled on INT_VECTOR when enabled in INT_ENABLE. */
#define VPCI_ADAPTER_INT_CAUSE_OFFSET 0x34u
#define VPCI_ADAPTER_INT_CAUSE_SIZE 4u
#define VPCI_ADAPTER_INT_CAUSE_RESET 0x0u
#define VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_SHIFT 0u
#define VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_WIDTH 1u
#define VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_MASK 0x1u
#define VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_RESET 0x0u
#define VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_BIT 0x1u
static inline uint32_t vpci_adapter_int_cause_link_change_get(uint32_t v) { return (v & VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_MASK) >> VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_SHIFT; }
static inline uint32_t vpci_adapter_int_cause_link_change_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_MASK) | ((field << VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_SHIFT) & VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_MASK); }
#define VPCI_ADAPTER_INT_CAUSE_M2S_CPL_SHIFT 1u
#define VPCI_ADAPTER_INT_CAUSE_M2S_CPL_WIDTH 1u
#define VPCI_ADAPTER_INT_CAUSE_M2S_CPL_MASK 0x2u
#define VPCI_ADAPTER_INT_CAUSE_M2S_CPL_RESET 0x0u
#define VPCI_ADAPTER_INT_CAUSE_M2S_CPL_BIT 0x2u
static inline uint32_t vpci_adapter_int_cause_m2s_cpl_get(uint32_t v) { return (v & VPCI_ADAPTER_INT_CAUSE_M2S_CPL_MASK) >> VPCI_ADAPTER_INT_CAUSE_M2S_CPL_SHIFT; }
static inline uint32_t vpci_adapter_int_cause_m2s_cpl_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_INT_CAUSE_M2S_CPL_MASK) | ((field << VPCI_ADAPTER_INT_CAUSE_M2S_CPL_SHIFT) & VPCI_ADAPTER_INT_CAUSE_M2S_CPL_MASK); }
#define VPCI_ADAPTER_INT_CAUSE_S2M_CPL_SHIFT 2u
#define VPCI_ADAPTER_INT_CAUSE_S2M_CPL_WIDTH 1u
#define VPCI_ADAPTER_INT_CAUSE_S2M_CPL_MASK 0x4u
#define VPCI_ADAPTER_INT_CAUSE_S2M_CPL_RESET 0x0u
#define VPCI_ADAPTER_INT_CAUSE_S2M_CPL_BIT 0x4u
static inline uint32_t vpci_adapter_int_cause_s2m_cpl_get(uint32_t v) { return (v & VPCI_ADAPTER_INT_CAUSE_S2M_CPL_MASK) >> VPCI_ADAPTER_INT_CAUSE_S2M_CPL_SHIFT; }
static inline uint32_t vpci_adapter_int_cause_s2m_cpl_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_INT_CAUSE_S2M_CPL_MASK) | ((field << VPCI_ADAPTER_INT_CAUSE_S2M_CPL_SHIFT) & VPCI_ADAPTER_INT_CAUSE_S2M_CPL_MASK); }
#define VPCI_ADAPTER_INT_CAUSE_ERROR_SHIFT 3u
#define VPCI_ADAPTER_INT_CAUSE_ERROR_WIDTH 1u
#define VPCI_ADAPTER_INT_CAUSE_ERROR_MASK 0x8u
#define VPCI_ADAPTER_INT_CAUSE_ERROR_RESET 0x0u
#define VPCI_ADAPTER_INT_CAUSE_ERROR_BIT 0x8u
static inline uint32_t vpci_adapter_int_cause_error_get(uint32_t v) { return (v & VPCI_ADAPTER_INT_CAUSE_ERROR_MASK) >> VPCI_ADAPTER_INT_CAUSE_ERROR_SHIFT; }
static inline uint32_t vpci_adapter_int_cause_error_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_INT_CAUSE_ERROR_MASK) | ((field << VPCI_ADAPTER_INT_CAUSE_ERROR_SHIFT) & VPCI_ADAPTER_INT_CAUSE_ERROR_MASK); }

/* ADAPTER.INT_ENABLE: - */
#define VPCI_ADAPTER_INT_ENABLE_OFFSET 0x38u
#define VPCI_ADAPTER_INT_ENABLE_SIZE 4u
#define VPCI_ADAPTER_INT_ENABLE_RESET 0x0u
#define VPCI_ADAPTER_INT_ENABLE_LINK_CHANGE_SHIFT 0u
#define VPCI_ADAPTER_INT_ENABLE_LINK_CHANGE_WIDTH 1u
#define VPCI_ADAPTER_INT_ENABLE_LINK_CHANGE_MASK 0x1u
#define VPCI_ADAPTER_INT_ENABLE_LINK_CHANGE_RESET 0x0u
#define VPCI_ADAPTER_INT_ENABLE_LINK_CHANGE_BIT 0x1u
static inline uint32_t vpci_adapter_int_enable_link_change_get(uint32_t v) { return (v & VPCI_ADAPTER_INT_ENABLE_LINK_CHANGE_MASK) >> VPCI_ADAPTER_INT_ENABLE_LINK_CHANGE_SHIFT; }
static inline uint32_t vpci_adapter_int_enable_link_change_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_INT_ENABLE_LINK_CHANGE_MASK) | ((field << VPCI_ADAPTER_INT_ENABLE_LINK_CHANGE_SHIFT) & VPCI_ADAPTER_INT_ENABLE_LINK_CHANGE_MASK); }
#define VPCI_ADAPTER_INT_ENABLE_M2S_CPL_SHIFT 1u
#define VPCI_ADAPTER_INT_ENABLE_M2S_CPL_WIDTH 1u
#define VPCI_ADAPTER_INT_ENABLE_M2S_CPL_MASK 0x2u
#define VPCI_ADAPTER_INT_ENABLE_M2S_CPL_RESET 0x0u
#define VPCI_ADAPTER_INT_ENABLE_M2S_CPL_BIT 0x2u
static inline uint32_t vpci_adapter_int_enable_m2s_cpl_get(uint32_t v) { return (v & VPCI_ADAPTER_INT_ENABLE_M2S_CPL_MASK) >> VPCI_ADAPTER_INT_ENABLE_M2S_CPL_SHIFT; }
static inline uint32_t vpci_adapter_int_enable_m2s_cpl_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_INT_ENABLE_M2S_CPL_MASK) | ((field << VPCI_ADAPTER_INT_ENABLE_M2S_CPL_SHIFT) & VPCI_ADAPTER_INT_ENABLE_M2S_CPL_MASK); }
#define VPCI_ADAPTER_INT_ENABLE_S2M_CPL_SHIFT 2u
#define VPCI_ADAPTER_INT_ENABLE_S2M_CPL_WIDTH 1u
#define VPCI_ADAPTER_INT_ENABLE_S2M_CPL_MASK 0x4u
#define VPCI_ADAPTER_INT_ENABLE_S2M_CPL_RESET 0x0u
#define VPCI_ADAPTER_INT_ENABLE_S2M_CPL_BIT 0x4u
static inline uint32_t vpci_adapter_int_enable_s2m_cpl_get(uint32_t v) { return (v & VPCI_ADAPTER_INT_ENABLE_S2M_CPL_MASK) >> VPCI_ADAPTER_INT_ENABLE_S2M_CPL_SHIFT; }
static inline uint32_t vpci_adapter_int_enable_s2m_cpl_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_INT_ENABLE_S2M_CPL_MASK) | ((field << VPCI_ADAPTER_INT_ENABLE_S2M_CPL_SHIFT) & VPCI_ADAPTER_INT_ENABLE_S2M_CPL_MASK); }
#define VPCI_ADAPTER_INT_ENABLE_ERROR_SHIFT 3u
#define VPCI_ADAPTER_INT_ENABLE_ERROR_WIDTH 1u
#define VPCI_ADAPTER_INT_ENABLE_ERROR_MASK 0x8u
#define VPCI_ADAPTER_INT_ENABLE_ERROR_RESET 0x0u
#define VPCI_ADAPTER_INT_ENABLE_ERROR_BIT 0x8u
static inline uint32_t vpci_adapter_int_enable_error_get(uint32_t v) { return (v & VPCI_ADAPTER_INT_ENABLE_ERROR_MASK) >> VPCI_ADAPTER_INT_ENABLE_ERROR_SHIFT; }
static inline uint32_t vpci_adapter_int_enable_error_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_INT_ENABLE_ERROR_MASK) | ((field << VPCI_ADAPTER_INT_ENABLE_ERROR_SHIFT) & VPCI_ADAPTER_INT_ENABLE_ERROR_MASK); }

/* ADAPTER.INT_VECTOR: MSI-X vector of adapter events; NO_VECTOR (0xffff) disables it. */
#define VPCI_ADAPTER_INT_VECTOR_OFFSET 0x3cu
#define VPCI_ADAPTER_INT_VECTOR_SIZE 4u
#define VPCI_ADAPTER_INT_VECTOR_RESET 0xffffu
#define VPCI_ADAPTER_INT_VECTOR_VAL_SHIFT 0u
#define VPCI_ADAPTER_INT_VECTOR_VAL_WIDTH 16u
#define VPCI_ADAPTER_INT_VECTOR_VAL_MASK 0xffffu
#define VPCI_ADAPTER_INT_VECTOR_VAL_RESET 0xffffu
static inline uint32_t vpci_adapter_int_vector_val_get(uint32_t v) { return (v & VPCI_ADAPTER_INT_VECTOR_VAL_MASK) >> VPCI_ADAPTER_INT_VECTOR_VAL_SHIFT; }
static inline uint32_t vpci_adapter_int_vector_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_INT_VECTOR_VAL_MASK) | ((field << VPCI_ADAPTER_INT_VECTOR_VAL_SHIFT) & VPCI_ADAPTER_INT_VECTOR_VAL_MASK); }

/* ADAPTER.ERROR_CAUSE: Sticky error causes. ERROR_INFO holds the detail of the most recent one. */
#define VPCI_ADAPTER_ERROR_CAUSE_OFFSET 0x40u
#define VPCI_ADAPTER_ERROR_CAUSE_SIZE 4u
#define VPCI_ADAPTER_ERROR_CAUSE_RESET 0x0u
#define VPCI_ADAPTER_ERROR_CAUSE_REG_ACCESS_SHIFT 0u
#define VPCI_ADAPTER_ERROR_CAUSE_REG_ACCESS_WIDTH 1u
#define VPCI_ADAPTER_ERROR_CAUSE_REG_ACCESS_MASK 0x1u
#define VPCI_ADAPTER_ERROR_CAUSE_REG_ACCESS_RESET 0x0u
#define VPCI_ADAPTER_ERROR_CAUSE_REG_ACCESS_BIT 0x1u
static inline uint32_t vpci_adapter_error_cause_reg_access_get(uint32_t v) { return (v & VPCI_ADAPTER_ERROR_CAUSE_REG_ACCESS_MASK) >> VPCI_ADAPTER_ERROR_CAUSE_REG_ACCESS_SHIFT; }
static inline uint32_t vpci_adapter_error_cause_reg_access_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_ERROR_CAUSE_REG_ACCESS_MASK) | ((field << VPCI_ADAPTER_ERROR_CAUSE_REG_ACCESS_SHIFT) & VPCI_ADAPTER_ERROR_CAUSE_REG_ACCESS_MASK); }
#define VPCI_ADAPTER_ERROR_CAUSE_DB_ABSENT_SHIFT 1u
#define VPCI_ADAPTER_ERROR_CAUSE_DB_ABSENT_WIDTH 1u
#define VPCI_ADAPTER_ERROR_CAUSE_DB_ABSENT_MASK 0x2u
#define VPCI_ADAPTER_ERROR_CAUSE_DB_ABSENT_RESET 0x0u
#define VPCI_ADAPTER_ERROR_CAUSE_DB_ABSENT_BIT 0x2u
static inline uint32_t vpci_adapter_error_cause_db_absent_get(uint32_t v) { return (v & VPCI_ADAPTER_ERROR_CAUSE_DB_ABSENT_MASK) >> VPCI_ADAPTER_ERROR_CAUSE_DB_ABSENT_SHIFT; }
static inline uint32_t vpci_adapter_error_cause_db_absent_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_ERROR_CAUSE_DB_ABSENT_MASK) | ((field << VPCI_ADAPTER_ERROR_CAUSE_DB_ABSENT_SHIFT) & VPCI_ADAPTER_ERROR_CAUSE_DB_ABSENT_MASK); }
#define VPCI_ADAPTER_ERROR_CAUSE_WIN_ABSENT_SHIFT 2u
#define VPCI_ADAPTER_ERROR_CAUSE_WIN_ABSENT_WIDTH 1u
#define VPCI_ADAPTER_ERROR_CAUSE_WIN_ABSENT_MASK 0x4u
#define VPCI_ADAPTER_ERROR_CAUSE_WIN_ABSENT_RESET 0x0u
#define VPCI_ADAPTER_ERROR_CAUSE_WIN_ABSENT_BIT 0x4u
static inline uint32_t vpci_adapter_error_cause_win_absent_get(uint32_t v) { return (v & VPCI_ADAPTER_ERROR_CAUSE_WIN_ABSENT_MASK) >> VPCI_ADAPTER_ERROR_CAUSE_WIN_ABSENT_SHIFT; }
static inline uint32_t vpci_adapter_error_cause_win_absent_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_ERROR_CAUSE_WIN_ABSENT_MASK) | ((field << VPCI_ADAPTER_ERROR_CAUSE_WIN_ABSENT_SHIFT) & VPCI_ADAPTER_ERROR_CAUSE_WIN_ABSENT_MASK); }
#define VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_SHIFT 3u
#define VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_WIDTH 1u
#define VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_MASK 0x8u
#define VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_RESET 0x0u
#define VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_BIT 0x8u
static inline uint32_t vpci_adapter_error_cause_dma_err_get(uint32_t v) { return (v & VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_MASK) >> VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_SHIFT; }
static inline uint32_t vpci_adapter_error_cause_dma_err_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_MASK) | ((field << VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_SHIFT) & VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_MASK); }
#define VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_SHIFT 4u
#define VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_WIDTH 1u
#define VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_MASK 0x10u
#define VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_RESET 0x0u
#define VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_BIT 0x10u
static inline uint32_t vpci_adapter_error_cause_m2s_err_get(uint32_t v) { return (v & VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_MASK) >> VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_SHIFT; }
static inline uint32_t vpci_adapter_error_cause_m2s_err_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_MASK) | ((field << VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_SHIFT) & VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_MASK); }
#define VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_SHIFT 5u
#define VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_WIDTH 1u
#define VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_MASK 0x20u
#define VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_RESET 0x0u
#define VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_BIT 0x20u
static inline uint32_t vpci_adapter_error_cause_s2m_err_get(uint32_t v) { return (v & VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_MASK) >> VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_SHIFT; }
static inline uint32_t vpci_adapter_error_cause_s2m_err_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_MASK) | ((field << VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_SHIFT) & VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_MASK); }
#define VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_SHIFT 6u
#define VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_WIDTH 1u
#define VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_MASK 0x40u
#define VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_RESET 0x0u
#define VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_BIT 0x40u
static inline uint32_t vpci_adapter_error_cause_vq_range_get(uint32_t v) { return (v & VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_MASK) >> VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_SHIFT; }
static inline uint32_t vpci_adapter_error_cause_vq_range_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_MASK) | ((field << VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_SHIFT) & VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_MASK); }
#define VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_SHIFT 7u
#define VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_WIDTH 1u
#define VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_MASK 0x80u
#define VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_RESET 0x0u
#define VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_BIT 0x80u
static inline uint32_t vpci_adapter_error_cause_master_refused_get(uint32_t v) { return (v & VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_MASK) >> VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_SHIFT; }
static inline uint32_t vpci_adapter_error_cause_master_refused_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_MASK) | ((field << VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_SHIFT) & VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_MASK); }
#define VPCI_ADAPTER_ERROR_CAUSE_FEATURES_SHIFT 8u
#define VPCI_ADAPTER_ERROR_CAUSE_FEATURES_WIDTH 1u
#define VPCI_ADAPTER_ERROR_CAUSE_FEATURES_MASK 0x100u
#define VPCI_ADAPTER_ERROR_CAUSE_FEATURES_RESET 0x0u
#define VPCI_ADAPTER_ERROR_CAUSE_FEATURES_BIT 0x100u
static inline uint32_t vpci_adapter_error_cause_features_get(uint32_t v) { return (v & VPCI_ADAPTER_ERROR_CAUSE_FEATURES_MASK) >> VPCI_ADAPTER_ERROR_CAUSE_FEATURES_SHIFT; }
static inline uint32_t vpci_adapter_error_cause_features_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_ERROR_CAUSE_FEATURES_MASK) | ((field << VPCI_ADAPTER_ERROR_CAUSE_FEATURES_SHIFT) & VPCI_ADAPTER_ERROR_CAUSE_FEATURES_MASK); }

/* ADAPTER.ERROR_INFO: Detail of the most recent error. */
#define VPCI_ADAPTER_ERROR_INFO_OFFSET 0x44u
#define VPCI_ADAPTER_ERROR_INFO_SIZE 4u
#define VPCI_ADAPTER_ERROR_INFO_RESET 0x0u
#define VPCI_ADAPTER_ERROR_INFO_CODE_SHIFT 0u
#define VPCI_ADAPTER_ERROR_INFO_CODE_WIDTH 8u
#define VPCI_ADAPTER_ERROR_INFO_CODE_MASK 0xffu
#define VPCI_ADAPTER_ERROR_INFO_CODE_RESET 0x0u
static inline uint32_t vpci_adapter_error_info_code_get(uint32_t v) { return (v & VPCI_ADAPTER_ERROR_INFO_CODE_MASK) >> VPCI_ADAPTER_ERROR_INFO_CODE_SHIFT; }
static inline uint32_t vpci_adapter_error_info_code_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_ERROR_INFO_CODE_MASK) | ((field << VPCI_ADAPTER_ERROR_INFO_CODE_SHIFT) & VPCI_ADAPTER_ERROR_INFO_CODE_MASK); }
#define VPCI_ADAPTER_ERROR_INFO_DETAIL_SHIFT 8u
#define VPCI_ADAPTER_ERROR_INFO_DETAIL_WIDTH 24u
#define VPCI_ADAPTER_ERROR_INFO_DETAIL_MASK 0xffffff00u
#define VPCI_ADAPTER_ERROR_INFO_DETAIL_RESET 0x0u
static inline uint32_t vpci_adapter_error_info_detail_get(uint32_t v) { return (v & VPCI_ADAPTER_ERROR_INFO_DETAIL_MASK) >> VPCI_ADAPTER_ERROR_INFO_DETAIL_SHIFT; }
static inline uint32_t vpci_adapter_error_info_detail_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_ERROR_INFO_DETAIL_MASK) | ((field << VPCI_ADAPTER_ERROR_INFO_DETAIL_SHIFT) & VPCI_ADAPTER_ERROR_INFO_DETAIL_MASK); }

/* ADAPTER.WIN_INFO: Window geometry of this instance. */
#define VPCI_ADAPTER_WIN_INFO_OFFSET 0x48u
#define VPCI_ADAPTER_WIN_INFO_SIZE 4u
#define VPCI_ADAPTER_WIN_INFO_RESET 0x20141eu
#define VPCI_ADAPTER_WIN_INFO_MEM_WIN_LOG2_SHIFT 0u
#define VPCI_ADAPTER_WIN_INFO_MEM_WIN_LOG2_WIDTH 8u
#define VPCI_ADAPTER_WIN_INFO_MEM_WIN_LOG2_MASK 0xffu
#define VPCI_ADAPTER_WIN_INFO_MEM_WIN_LOG2_RESET 0x1eu
static inline uint32_t vpci_adapter_win_info_mem_win_log2_get(uint32_t v) { return (v & VPCI_ADAPTER_WIN_INFO_MEM_WIN_LOG2_MASK) >> VPCI_ADAPTER_WIN_INFO_MEM_WIN_LOG2_SHIFT; }
static inline uint32_t vpci_adapter_win_info_mem_win_log2_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_WIN_INFO_MEM_WIN_LOG2_MASK) | ((field << VPCI_ADAPTER_WIN_INFO_MEM_WIN_LOG2_SHIFT) & VPCI_ADAPTER_WIN_INFO_MEM_WIN_LOG2_MASK); }
#define VPCI_ADAPTER_WIN_INFO_LOG_WIN_LOG2_SHIFT 8u
#define VPCI_ADAPTER_WIN_INFO_LOG_WIN_LOG2_WIDTH 8u
#define VPCI_ADAPTER_WIN_INFO_LOG_WIN_LOG2_MASK 0xff00u
#define VPCI_ADAPTER_WIN_INFO_LOG_WIN_LOG2_RESET 0x14u
static inline uint32_t vpci_adapter_win_info_log_win_log2_get(uint32_t v) { return (v & VPCI_ADAPTER_WIN_INFO_LOG_WIN_LOG2_MASK) >> VPCI_ADAPTER_WIN_INFO_LOG_WIN_LOG2_SHIFT; }
static inline uint32_t vpci_adapter_win_info_log_win_log2_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_WIN_INFO_LOG_WIN_LOG2_MASK) | ((field << VPCI_ADAPTER_WIN_INFO_LOG_WIN_LOG2_SHIFT) & VPCI_ADAPTER_WIN_INFO_LOG_WIN_LOG2_MASK); }
#define VPCI_ADAPTER_WIN_INFO_MAX_REGIONS_SHIFT 16u
#define VPCI_ADAPTER_WIN_INFO_MAX_REGIONS_WIDTH 8u
#define VPCI_ADAPTER_WIN_INFO_MAX_REGIONS_MASK 0xff0000u
#define VPCI_ADAPTER_WIN_INFO_MAX_REGIONS_RESET 0x20u
static inline uint32_t vpci_adapter_win_info_max_regions_get(uint32_t v) { return (v & VPCI_ADAPTER_WIN_INFO_MAX_REGIONS_MASK) >> VPCI_ADAPTER_WIN_INFO_MAX_REGIONS_SHIFT; }
static inline uint32_t vpci_adapter_win_info_max_regions_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_WIN_INFO_MAX_REGIONS_MASK) | ((field << VPCI_ADAPTER_WIN_INFO_MAX_REGIONS_SHIFT) & VPCI_ADAPTER_WIN_INFO_MAX_REGIONS_MASK); }
#define VPCI_ADAPTER_WIN_INFO_PERSISTENT_SHIFT 24u
#define VPCI_ADAPTER_WIN_INFO_PERSISTENT_WIDTH 1u
#define VPCI_ADAPTER_WIN_INFO_PERSISTENT_MASK 0x1000000u
#define VPCI_ADAPTER_WIN_INFO_PERSISTENT_RESET 0x0u
#define VPCI_ADAPTER_WIN_INFO_PERSISTENT_BIT 0x1000000u
static inline uint32_t vpci_adapter_win_info_persistent_get(uint32_t v) { return (v & VPCI_ADAPTER_WIN_INFO_PERSISTENT_MASK) >> VPCI_ADAPTER_WIN_INFO_PERSISTENT_SHIFT; }
static inline uint32_t vpci_adapter_win_info_persistent_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_WIN_INFO_PERSISTENT_MASK) | ((field << VPCI_ADAPTER_WIN_INFO_PERSISTENT_SHIFT) & VPCI_ADAPTER_WIN_INFO_PERSISTENT_MASK); }

/* ADAPTER.MAX_MSG: Largest message the adapter relays, header included. */
#define VPCI_ADAPTER_MAX_MSG_OFFSET 0x4cu
#define VPCI_ADAPTER_MAX_MSG_SIZE 4u
#define VPCI_ADAPTER_MAX_MSG_RESET 0x1000u
#define VPCI_ADAPTER_MAX_MSG_VAL_SHIFT 0u
#define VPCI_ADAPTER_MAX_MSG_VAL_WIDTH 32u
#define VPCI_ADAPTER_MAX_MSG_VAL_MASK 0xffffffffu
#define VPCI_ADAPTER_MAX_MSG_VAL_RESET 0x1000u
static inline uint32_t vpci_adapter_max_msg_val_get(uint32_t v) { return (v & VPCI_ADAPTER_MAX_MSG_VAL_MASK) >> VPCI_ADAPTER_MAX_MSG_VAL_SHIFT; }
static inline uint32_t vpci_adapter_max_msg_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_ADAPTER_MAX_MSG_VAL_MASK) | ((field << VPCI_ADAPTER_MAX_MSG_VAL_SHIFT) & VPCI_ADAPTER_MAX_MSG_VAL_MASK); }

/* ==== bar0 space, block M2S @ 0x0100: Master-to-slave message queue. ==== */
#define VPCI_M2S_BLOCK_BASE 0x100u
#define VPCI_M2S_RB_TYPE_ID 0x2u
#define VPCI_M2S_RB_VERSION 0x10000u

/* M2S.RB_TYPE: - */
#define VPCI_M2S_RB_TYPE_OFFSET 0x100u
#define VPCI_M2S_RB_TYPE_SIZE 4u
#define VPCI_M2S_RB_TYPE_RESET 0x2u
#define VPCI_M2S_RB_TYPE_VAL_SHIFT 0u
#define VPCI_M2S_RB_TYPE_VAL_WIDTH 32u
#define VPCI_M2S_RB_TYPE_VAL_MASK 0xffffffffu
#define VPCI_M2S_RB_TYPE_VAL_RESET 0x2u
static inline uint32_t vpci_m2s_rb_type_val_get(uint32_t v) { return (v & VPCI_M2S_RB_TYPE_VAL_MASK) >> VPCI_M2S_RB_TYPE_VAL_SHIFT; }
static inline uint32_t vpci_m2s_rb_type_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_M2S_RB_TYPE_VAL_MASK) | ((field << VPCI_M2S_RB_TYPE_VAL_SHIFT) & VPCI_M2S_RB_TYPE_VAL_MASK); }

/* M2S.RB_VER: - */
#define VPCI_M2S_RB_VER_OFFSET 0x104u
#define VPCI_M2S_RB_VER_SIZE 4u
#define VPCI_M2S_RB_VER_RESET 0x10000u
#define VPCI_M2S_RB_VER_VAL_SHIFT 0u
#define VPCI_M2S_RB_VER_VAL_WIDTH 32u
#define VPCI_M2S_RB_VER_VAL_MASK 0xffffffffu
#define VPCI_M2S_RB_VER_VAL_RESET 0x10000u
static inline uint32_t vpci_m2s_rb_ver_val_get(uint32_t v) { return (v & VPCI_M2S_RB_VER_VAL_MASK) >> VPCI_M2S_RB_VER_VAL_SHIFT; }
static inline uint32_t vpci_m2s_rb_ver_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_M2S_RB_VER_VAL_MASK) | ((field << VPCI_M2S_RB_VER_VAL_SHIFT) & VPCI_M2S_RB_VER_VAL_MASK); }

/* M2S.RB_NEXT: - */
#define VPCI_M2S_RB_NEXT_OFFSET 0x108u
#define VPCI_M2S_RB_NEXT_SIZE 4u
#define VPCI_M2S_RB_NEXT_RESET 0x140u
#define VPCI_M2S_RB_NEXT_VAL_SHIFT 0u
#define VPCI_M2S_RB_NEXT_VAL_WIDTH 32u
#define VPCI_M2S_RB_NEXT_VAL_MASK 0xffffffffu
#define VPCI_M2S_RB_NEXT_VAL_RESET 0x140u
static inline uint32_t vpci_m2s_rb_next_val_get(uint32_t v) { return (v & VPCI_M2S_RB_NEXT_VAL_MASK) >> VPCI_M2S_RB_NEXT_VAL_SHIFT; }
static inline uint32_t vpci_m2s_rb_next_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_M2S_RB_NEXT_VAL_MASK) | ((field << VPCI_M2S_RB_NEXT_VAL_SHIFT) & VPCI_M2S_RB_NEXT_VAL_MASK); }

/* M2S.DIR: Queue direction. */
#define VPCI_M2S_DIR_OFFSET 0x10cu
#define VPCI_M2S_DIR_SIZE 4u
#define VPCI_M2S_DIR_RESET 0x0u
#define VPCI_M2S_DIR_S2M_SHIFT 0u
#define VPCI_M2S_DIR_S2M_WIDTH 1u
#define VPCI_M2S_DIR_S2M_MASK 0x1u
#define VPCI_M2S_DIR_S2M_RESET 0x0u
#define VPCI_M2S_DIR_S2M_BIT 0x1u
static inline uint32_t vpci_m2s_dir_s2m_get(uint32_t v) { return (v & VPCI_M2S_DIR_S2M_MASK) >> VPCI_M2S_DIR_S2M_SHIFT; }
static inline uint32_t vpci_m2s_dir_s2m_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_M2S_DIR_S2M_MASK) | ((field << VPCI_M2S_DIR_S2M_SHIFT) & VPCI_M2S_DIR_S2M_MASK); }

/* M2S.RING_BASE_LO: Descriptor ring bus address, bits 31:0 (RING_ALIGN aligned). */
#define VPCI_M2S_RING_BASE_LO_OFFSET 0x110u
#define VPCI_M2S_RING_BASE_LO_SIZE 4u
#define VPCI_M2S_RING_BASE_LO_RESET 0x0u
#define VPCI_M2S_RING_BASE_LO_VAL_SHIFT 6u
#define VPCI_M2S_RING_BASE_LO_VAL_WIDTH 26u
#define VPCI_M2S_RING_BASE_LO_VAL_MASK 0xffffffc0u
#define VPCI_M2S_RING_BASE_LO_VAL_RESET 0x0u
static inline uint32_t vpci_m2s_ring_base_lo_val_get(uint32_t v) { return (v & VPCI_M2S_RING_BASE_LO_VAL_MASK) >> VPCI_M2S_RING_BASE_LO_VAL_SHIFT; }
static inline uint32_t vpci_m2s_ring_base_lo_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_M2S_RING_BASE_LO_VAL_MASK) | ((field << VPCI_M2S_RING_BASE_LO_VAL_SHIFT) & VPCI_M2S_RING_BASE_LO_VAL_MASK); }

/* M2S.RING_BASE_HI: - */
#define VPCI_M2S_RING_BASE_HI_OFFSET 0x114u
#define VPCI_M2S_RING_BASE_HI_SIZE 4u
#define VPCI_M2S_RING_BASE_HI_RESET 0x0u
#define VPCI_M2S_RING_BASE_HI_VAL_SHIFT 0u
#define VPCI_M2S_RING_BASE_HI_VAL_WIDTH 32u
#define VPCI_M2S_RING_BASE_HI_VAL_MASK 0xffffffffu
#define VPCI_M2S_RING_BASE_HI_VAL_RESET 0x0u
static inline uint32_t vpci_m2s_ring_base_hi_val_get(uint32_t v) { return (v & VPCI_M2S_RING_BASE_HI_VAL_MASK) >> VPCI_M2S_RING_BASE_HI_VAL_SHIFT; }
static inline uint32_t vpci_m2s_ring_base_hi_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_M2S_RING_BASE_HI_VAL_MASK) | ((field << VPCI_M2S_RING_BASE_HI_VAL_SHIFT) & VPCI_M2S_RING_BASE_HI_VAL_MASK); }

/* M2S.CPL_BASE_LO: Completion ring bus address, bits 31:0 (RING_ALIGN aligned). */
#define VPCI_M2S_CPL_BASE_LO_OFFSET 0x118u
#define VPCI_M2S_CPL_BASE_LO_SIZE 4u
#define VPCI_M2S_CPL_BASE_LO_RESET 0x0u
#define VPCI_M2S_CPL_BASE_LO_VAL_SHIFT 6u
#define VPCI_M2S_CPL_BASE_LO_VAL_WIDTH 26u
#define VPCI_M2S_CPL_BASE_LO_VAL_MASK 0xffffffc0u
#define VPCI_M2S_CPL_BASE_LO_VAL_RESET 0x0u
static inline uint32_t vpci_m2s_cpl_base_lo_val_get(uint32_t v) { return (v & VPCI_M2S_CPL_BASE_LO_VAL_MASK) >> VPCI_M2S_CPL_BASE_LO_VAL_SHIFT; }
static inline uint32_t vpci_m2s_cpl_base_lo_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_M2S_CPL_BASE_LO_VAL_MASK) | ((field << VPCI_M2S_CPL_BASE_LO_VAL_SHIFT) & VPCI_M2S_CPL_BASE_LO_VAL_MASK); }

/* M2S.CPL_BASE_HI: - */
#define VPCI_M2S_CPL_BASE_HI_OFFSET 0x11cu
#define VPCI_M2S_CPL_BASE_HI_SIZE 4u
#define VPCI_M2S_CPL_BASE_HI_RESET 0x0u
#define VPCI_M2S_CPL_BASE_HI_VAL_SHIFT 0u
#define VPCI_M2S_CPL_BASE_HI_VAL_WIDTH 32u
#define VPCI_M2S_CPL_BASE_HI_VAL_MASK 0xffffffffu
#define VPCI_M2S_CPL_BASE_HI_VAL_RESET 0x0u
static inline uint32_t vpci_m2s_cpl_base_hi_val_get(uint32_t v) { return (v & VPCI_M2S_CPL_BASE_HI_VAL_MASK) >> VPCI_M2S_CPL_BASE_HI_VAL_SHIFT; }
static inline uint32_t vpci_m2s_cpl_base_hi_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_M2S_CPL_BASE_HI_VAL_MASK) | ((field << VPCI_M2S_CPL_BASE_HI_VAL_SHIFT) & VPCI_M2S_CPL_BASE_HI_VAL_MASK); }

/* M2S.SIZE: Ring size, 2^LOG2 entries in both rings. Values above RING_LOG2_MAX fail at enable. */
#define VPCI_M2S_SIZE_OFFSET 0x120u
#define VPCI_M2S_SIZE_SIZE 4u
#define VPCI_M2S_SIZE_RESET 0x0u
#define VPCI_M2S_SIZE_LOG2_SHIFT 0u
#define VPCI_M2S_SIZE_LOG2_WIDTH 4u
#define VPCI_M2S_SIZE_LOG2_MASK 0xfu
#define VPCI_M2S_SIZE_LOG2_RESET 0x0u
static inline uint32_t vpci_m2s_size_log2_get(uint32_t v) { return (v & VPCI_M2S_SIZE_LOG2_MASK) >> VPCI_M2S_SIZE_LOG2_SHIFT; }
static inline uint32_t vpci_m2s_size_log2_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_M2S_SIZE_LOG2_MASK) | ((field << VPCI_M2S_SIZE_LOG2_SHIFT) & VPCI_M2S_SIZE_LOG2_MASK); }

/* M2S.CTRL: - */
#define VPCI_M2S_CTRL_OFFSET 0x124u
#define VPCI_M2S_CTRL_SIZE 4u
#define VPCI_M2S_CTRL_RESET 0x0u
#define VPCI_M2S_CTRL_ENABLE_SHIFT 0u
#define VPCI_M2S_CTRL_ENABLE_WIDTH 1u
#define VPCI_M2S_CTRL_ENABLE_MASK 0x1u
#define VPCI_M2S_CTRL_ENABLE_RESET 0x0u
#define VPCI_M2S_CTRL_ENABLE_BIT 0x1u
static inline uint32_t vpci_m2s_ctrl_enable_get(uint32_t v) { return (v & VPCI_M2S_CTRL_ENABLE_MASK) >> VPCI_M2S_CTRL_ENABLE_SHIFT; }
static inline uint32_t vpci_m2s_ctrl_enable_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_M2S_CTRL_ENABLE_MASK) | ((field << VPCI_M2S_CTRL_ENABLE_SHIFT) & VPCI_M2S_CTRL_ENABLE_MASK); }

/* M2S.QSTATUS: - */
#define VPCI_M2S_QSTATUS_OFFSET 0x128u
#define VPCI_M2S_QSTATUS_SIZE 4u
#define VPCI_M2S_QSTATUS_RESET 0x0u
#define VPCI_M2S_QSTATUS_ENABLED_SHIFT 0u
#define VPCI_M2S_QSTATUS_ENABLED_WIDTH 1u
#define VPCI_M2S_QSTATUS_ENABLED_MASK 0x1u
#define VPCI_M2S_QSTATUS_ENABLED_RESET 0x0u
#define VPCI_M2S_QSTATUS_ENABLED_BIT 0x1u
static inline uint32_t vpci_m2s_qstatus_enabled_get(uint32_t v) { return (v & VPCI_M2S_QSTATUS_ENABLED_MASK) >> VPCI_M2S_QSTATUS_ENABLED_SHIFT; }
static inline uint32_t vpci_m2s_qstatus_enabled_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_M2S_QSTATUS_ENABLED_MASK) | ((field << VPCI_M2S_QSTATUS_ENABLED_SHIFT) & VPCI_M2S_QSTATUS_ENABLED_MASK); }
#define VPCI_M2S_QSTATUS_ERROR_SHIFT 1u
#define VPCI_M2S_QSTATUS_ERROR_WIDTH 1u
#define VPCI_M2S_QSTATUS_ERROR_MASK 0x2u
#define VPCI_M2S_QSTATUS_ERROR_RESET 0x0u
#define VPCI_M2S_QSTATUS_ERROR_BIT 0x2u
static inline uint32_t vpci_m2s_qstatus_error_get(uint32_t v) { return (v & VPCI_M2S_QSTATUS_ERROR_MASK) >> VPCI_M2S_QSTATUS_ERROR_SHIFT; }
static inline uint32_t vpci_m2s_qstatus_error_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_M2S_QSTATUS_ERROR_MASK) | ((field << VPCI_M2S_QSTATUS_ERROR_SHIFT) & VPCI_M2S_QSTATUS_ERROR_MASK); }

/* M2S.TAIL: Driver producer index (free-running, 16 bits). Writing it is the queue doorbell. */
#define VPCI_M2S_TAIL_OFFSET 0x12cu
#define VPCI_M2S_TAIL_SIZE 4u
#define VPCI_M2S_TAIL_RESET 0x0u
#define VPCI_M2S_TAIL_VAL_SHIFT 0u
#define VPCI_M2S_TAIL_VAL_WIDTH 16u
#define VPCI_M2S_TAIL_VAL_MASK 0xffffu
#define VPCI_M2S_TAIL_VAL_RESET 0x0u
static inline uint32_t vpci_m2s_tail_val_get(uint32_t v) { return (v & VPCI_M2S_TAIL_VAL_MASK) >> VPCI_M2S_TAIL_VAL_SHIFT; }
static inline uint32_t vpci_m2s_tail_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_M2S_TAIL_VAL_MASK) | ((field << VPCI_M2S_TAIL_VAL_SHIFT) & VPCI_M2S_TAIL_VAL_MASK); }

/* M2S.HEAD: Adapter consumer index (free-running, 16 bits); completions written up to here. */
#define VPCI_M2S_HEAD_OFFSET 0x130u
#define VPCI_M2S_HEAD_SIZE 4u
#define VPCI_M2S_HEAD_RESET 0x0u
#define VPCI_M2S_HEAD_VAL_SHIFT 0u
#define VPCI_M2S_HEAD_VAL_WIDTH 16u
#define VPCI_M2S_HEAD_VAL_MASK 0xffffu
#define VPCI_M2S_HEAD_VAL_RESET 0x0u
static inline uint32_t vpci_m2s_head_val_get(uint32_t v) { return (v & VPCI_M2S_HEAD_VAL_MASK) >> VPCI_M2S_HEAD_VAL_SHIFT; }
static inline uint32_t vpci_m2s_head_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_M2S_HEAD_VAL_MASK) | ((field << VPCI_M2S_HEAD_VAL_SHIFT) & VPCI_M2S_HEAD_VAL_MASK); }

/* ==== bar0 space, block S2M @ 0x0140: Slave-to-master message queue (same layout as M2S). ==== */
#define VPCI_S2M_BLOCK_BASE 0x140u
#define VPCI_S2M_RB_TYPE_ID 0x2u
#define VPCI_S2M_RB_VERSION 0x10000u

/* S2M.RB_TYPE: - */
#define VPCI_S2M_RB_TYPE_OFFSET 0x140u
#define VPCI_S2M_RB_TYPE_SIZE 4u
#define VPCI_S2M_RB_TYPE_RESET 0x2u
#define VPCI_S2M_RB_TYPE_VAL_SHIFT 0u
#define VPCI_S2M_RB_TYPE_VAL_WIDTH 32u
#define VPCI_S2M_RB_TYPE_VAL_MASK 0xffffffffu
#define VPCI_S2M_RB_TYPE_VAL_RESET 0x2u
static inline uint32_t vpci_s2m_rb_type_val_get(uint32_t v) { return (v & VPCI_S2M_RB_TYPE_VAL_MASK) >> VPCI_S2M_RB_TYPE_VAL_SHIFT; }
static inline uint32_t vpci_s2m_rb_type_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_S2M_RB_TYPE_VAL_MASK) | ((field << VPCI_S2M_RB_TYPE_VAL_SHIFT) & VPCI_S2M_RB_TYPE_VAL_MASK); }

/* S2M.RB_VER: - */
#define VPCI_S2M_RB_VER_OFFSET 0x144u
#define VPCI_S2M_RB_VER_SIZE 4u
#define VPCI_S2M_RB_VER_RESET 0x10000u
#define VPCI_S2M_RB_VER_VAL_SHIFT 0u
#define VPCI_S2M_RB_VER_VAL_WIDTH 32u
#define VPCI_S2M_RB_VER_VAL_MASK 0xffffffffu
#define VPCI_S2M_RB_VER_VAL_RESET 0x10000u
static inline uint32_t vpci_s2m_rb_ver_val_get(uint32_t v) { return (v & VPCI_S2M_RB_VER_VAL_MASK) >> VPCI_S2M_RB_VER_VAL_SHIFT; }
static inline uint32_t vpci_s2m_rb_ver_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_S2M_RB_VER_VAL_MASK) | ((field << VPCI_S2M_RB_VER_VAL_SHIFT) & VPCI_S2M_RB_VER_VAL_MASK); }

/* S2M.RB_NEXT: - */
#define VPCI_S2M_RB_NEXT_OFFSET 0x148u
#define VPCI_S2M_RB_NEXT_SIZE 4u
#define VPCI_S2M_RB_NEXT_RESET 0x200u
#define VPCI_S2M_RB_NEXT_VAL_SHIFT 0u
#define VPCI_S2M_RB_NEXT_VAL_WIDTH 32u
#define VPCI_S2M_RB_NEXT_VAL_MASK 0xffffffffu
#define VPCI_S2M_RB_NEXT_VAL_RESET 0x200u
static inline uint32_t vpci_s2m_rb_next_val_get(uint32_t v) { return (v & VPCI_S2M_RB_NEXT_VAL_MASK) >> VPCI_S2M_RB_NEXT_VAL_SHIFT; }
static inline uint32_t vpci_s2m_rb_next_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_S2M_RB_NEXT_VAL_MASK) | ((field << VPCI_S2M_RB_NEXT_VAL_SHIFT) & VPCI_S2M_RB_NEXT_VAL_MASK); }

/* S2M.DIR: Queue direction. */
#define VPCI_S2M_DIR_OFFSET 0x14cu
#define VPCI_S2M_DIR_SIZE 4u
#define VPCI_S2M_DIR_RESET 0x1u
#define VPCI_S2M_DIR_S2M_SHIFT 0u
#define VPCI_S2M_DIR_S2M_WIDTH 1u
#define VPCI_S2M_DIR_S2M_MASK 0x1u
#define VPCI_S2M_DIR_S2M_RESET 0x1u
#define VPCI_S2M_DIR_S2M_BIT 0x1u
static inline uint32_t vpci_s2m_dir_s2m_get(uint32_t v) { return (v & VPCI_S2M_DIR_S2M_MASK) >> VPCI_S2M_DIR_S2M_SHIFT; }
static inline uint32_t vpci_s2m_dir_s2m_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_S2M_DIR_S2M_MASK) | ((field << VPCI_S2M_DIR_S2M_SHIFT) & VPCI_S2M_DIR_S2M_MASK); }

/* S2M.RING_BASE_LO: Descriptor ring bus address, bits 31:0 (RING_ALIGN aligned). */
#define VPCI_S2M_RING_BASE_LO_OFFSET 0x150u
#define VPCI_S2M_RING_BASE_LO_SIZE 4u
#define VPCI_S2M_RING_BASE_LO_RESET 0x0u
#define VPCI_S2M_RING_BASE_LO_VAL_SHIFT 6u
#define VPCI_S2M_RING_BASE_LO_VAL_WIDTH 26u
#define VPCI_S2M_RING_BASE_LO_VAL_MASK 0xffffffc0u
#define VPCI_S2M_RING_BASE_LO_VAL_RESET 0x0u
static inline uint32_t vpci_s2m_ring_base_lo_val_get(uint32_t v) { return (v & VPCI_S2M_RING_BASE_LO_VAL_MASK) >> VPCI_S2M_RING_BASE_LO_VAL_SHIFT; }
static inline uint32_t vpci_s2m_ring_base_lo_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_S2M_RING_BASE_LO_VAL_MASK) | ((field << VPCI_S2M_RING_BASE_LO_VAL_SHIFT) & VPCI_S2M_RING_BASE_LO_VAL_MASK); }

/* S2M.RING_BASE_HI: - */
#define VPCI_S2M_RING_BASE_HI_OFFSET 0x154u
#define VPCI_S2M_RING_BASE_HI_SIZE 4u
#define VPCI_S2M_RING_BASE_HI_RESET 0x0u
#define VPCI_S2M_RING_BASE_HI_VAL_SHIFT 0u
#define VPCI_S2M_RING_BASE_HI_VAL_WIDTH 32u
#define VPCI_S2M_RING_BASE_HI_VAL_MASK 0xffffffffu
#define VPCI_S2M_RING_BASE_HI_VAL_RESET 0x0u
static inline uint32_t vpci_s2m_ring_base_hi_val_get(uint32_t v) { return (v & VPCI_S2M_RING_BASE_HI_VAL_MASK) >> VPCI_S2M_RING_BASE_HI_VAL_SHIFT; }
static inline uint32_t vpci_s2m_ring_base_hi_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_S2M_RING_BASE_HI_VAL_MASK) | ((field << VPCI_S2M_RING_BASE_HI_VAL_SHIFT) & VPCI_S2M_RING_BASE_HI_VAL_MASK); }

/* S2M.CPL_BASE_LO: Completion ring bus address, bits 31:0 (RING_ALIGN aligned). */
#define VPCI_S2M_CPL_BASE_LO_OFFSET 0x158u
#define VPCI_S2M_CPL_BASE_LO_SIZE 4u
#define VPCI_S2M_CPL_BASE_LO_RESET 0x0u
#define VPCI_S2M_CPL_BASE_LO_VAL_SHIFT 6u
#define VPCI_S2M_CPL_BASE_LO_VAL_WIDTH 26u
#define VPCI_S2M_CPL_BASE_LO_VAL_MASK 0xffffffc0u
#define VPCI_S2M_CPL_BASE_LO_VAL_RESET 0x0u
static inline uint32_t vpci_s2m_cpl_base_lo_val_get(uint32_t v) { return (v & VPCI_S2M_CPL_BASE_LO_VAL_MASK) >> VPCI_S2M_CPL_BASE_LO_VAL_SHIFT; }
static inline uint32_t vpci_s2m_cpl_base_lo_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_S2M_CPL_BASE_LO_VAL_MASK) | ((field << VPCI_S2M_CPL_BASE_LO_VAL_SHIFT) & VPCI_S2M_CPL_BASE_LO_VAL_MASK); }

/* S2M.CPL_BASE_HI: - */
#define VPCI_S2M_CPL_BASE_HI_OFFSET 0x15cu
#define VPCI_S2M_CPL_BASE_HI_SIZE 4u
#define VPCI_S2M_CPL_BASE_HI_RESET 0x0u
#define VPCI_S2M_CPL_BASE_HI_VAL_SHIFT 0u
#define VPCI_S2M_CPL_BASE_HI_VAL_WIDTH 32u
#define VPCI_S2M_CPL_BASE_HI_VAL_MASK 0xffffffffu
#define VPCI_S2M_CPL_BASE_HI_VAL_RESET 0x0u
static inline uint32_t vpci_s2m_cpl_base_hi_val_get(uint32_t v) { return (v & VPCI_S2M_CPL_BASE_HI_VAL_MASK) >> VPCI_S2M_CPL_BASE_HI_VAL_SHIFT; }
static inline uint32_t vpci_s2m_cpl_base_hi_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_S2M_CPL_BASE_HI_VAL_MASK) | ((field << VPCI_S2M_CPL_BASE_HI_VAL_SHIFT) & VPCI_S2M_CPL_BASE_HI_VAL_MASK); }

/* S2M.SIZE: Ring size, 2^LOG2 entries in both rings. Values above RING_LOG2_MAX fail at enable. */
#define VPCI_S2M_SIZE_OFFSET 0x160u
#define VPCI_S2M_SIZE_SIZE 4u
#define VPCI_S2M_SIZE_RESET 0x0u
#define VPCI_S2M_SIZE_LOG2_SHIFT 0u
#define VPCI_S2M_SIZE_LOG2_WIDTH 4u
#define VPCI_S2M_SIZE_LOG2_MASK 0xfu
#define VPCI_S2M_SIZE_LOG2_RESET 0x0u
static inline uint32_t vpci_s2m_size_log2_get(uint32_t v) { return (v & VPCI_S2M_SIZE_LOG2_MASK) >> VPCI_S2M_SIZE_LOG2_SHIFT; }
static inline uint32_t vpci_s2m_size_log2_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_S2M_SIZE_LOG2_MASK) | ((field << VPCI_S2M_SIZE_LOG2_SHIFT) & VPCI_S2M_SIZE_LOG2_MASK); }

/* S2M.CTRL: - */
#define VPCI_S2M_CTRL_OFFSET 0x164u
#define VPCI_S2M_CTRL_SIZE 4u
#define VPCI_S2M_CTRL_RESET 0x0u
#define VPCI_S2M_CTRL_ENABLE_SHIFT 0u
#define VPCI_S2M_CTRL_ENABLE_WIDTH 1u
#define VPCI_S2M_CTRL_ENABLE_MASK 0x1u
#define VPCI_S2M_CTRL_ENABLE_RESET 0x0u
#define VPCI_S2M_CTRL_ENABLE_BIT 0x1u
static inline uint32_t vpci_s2m_ctrl_enable_get(uint32_t v) { return (v & VPCI_S2M_CTRL_ENABLE_MASK) >> VPCI_S2M_CTRL_ENABLE_SHIFT; }
static inline uint32_t vpci_s2m_ctrl_enable_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_S2M_CTRL_ENABLE_MASK) | ((field << VPCI_S2M_CTRL_ENABLE_SHIFT) & VPCI_S2M_CTRL_ENABLE_MASK); }

/* S2M.QSTATUS: - */
#define VPCI_S2M_QSTATUS_OFFSET 0x168u
#define VPCI_S2M_QSTATUS_SIZE 4u
#define VPCI_S2M_QSTATUS_RESET 0x0u
#define VPCI_S2M_QSTATUS_ENABLED_SHIFT 0u
#define VPCI_S2M_QSTATUS_ENABLED_WIDTH 1u
#define VPCI_S2M_QSTATUS_ENABLED_MASK 0x1u
#define VPCI_S2M_QSTATUS_ENABLED_RESET 0x0u
#define VPCI_S2M_QSTATUS_ENABLED_BIT 0x1u
static inline uint32_t vpci_s2m_qstatus_enabled_get(uint32_t v) { return (v & VPCI_S2M_QSTATUS_ENABLED_MASK) >> VPCI_S2M_QSTATUS_ENABLED_SHIFT; }
static inline uint32_t vpci_s2m_qstatus_enabled_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_S2M_QSTATUS_ENABLED_MASK) | ((field << VPCI_S2M_QSTATUS_ENABLED_SHIFT) & VPCI_S2M_QSTATUS_ENABLED_MASK); }
#define VPCI_S2M_QSTATUS_ERROR_SHIFT 1u
#define VPCI_S2M_QSTATUS_ERROR_WIDTH 1u
#define VPCI_S2M_QSTATUS_ERROR_MASK 0x2u
#define VPCI_S2M_QSTATUS_ERROR_RESET 0x0u
#define VPCI_S2M_QSTATUS_ERROR_BIT 0x2u
static inline uint32_t vpci_s2m_qstatus_error_get(uint32_t v) { return (v & VPCI_S2M_QSTATUS_ERROR_MASK) >> VPCI_S2M_QSTATUS_ERROR_SHIFT; }
static inline uint32_t vpci_s2m_qstatus_error_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_S2M_QSTATUS_ERROR_MASK) | ((field << VPCI_S2M_QSTATUS_ERROR_SHIFT) & VPCI_S2M_QSTATUS_ERROR_MASK); }

/* S2M.TAIL: Driver producer index (free-running, 16 bits). Writing it is the queue doorbell. */
#define VPCI_S2M_TAIL_OFFSET 0x16cu
#define VPCI_S2M_TAIL_SIZE 4u
#define VPCI_S2M_TAIL_RESET 0x0u
#define VPCI_S2M_TAIL_VAL_SHIFT 0u
#define VPCI_S2M_TAIL_VAL_WIDTH 16u
#define VPCI_S2M_TAIL_VAL_MASK 0xffffu
#define VPCI_S2M_TAIL_VAL_RESET 0x0u
static inline uint32_t vpci_s2m_tail_val_get(uint32_t v) { return (v & VPCI_S2M_TAIL_VAL_MASK) >> VPCI_S2M_TAIL_VAL_SHIFT; }
static inline uint32_t vpci_s2m_tail_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_S2M_TAIL_VAL_MASK) | ((field << VPCI_S2M_TAIL_VAL_SHIFT) & VPCI_S2M_TAIL_VAL_MASK); }

/* S2M.HEAD: Adapter consumer index (free-running, 16 bits); completions written up to here. */
#define VPCI_S2M_HEAD_OFFSET 0x170u
#define VPCI_S2M_HEAD_SIZE 4u
#define VPCI_S2M_HEAD_RESET 0x0u
#define VPCI_S2M_HEAD_VAL_SHIFT 0u
#define VPCI_S2M_HEAD_VAL_WIDTH 16u
#define VPCI_S2M_HEAD_VAL_MASK 0xffffu
#define VPCI_S2M_HEAD_VAL_RESET 0x0u
static inline uint32_t vpci_s2m_head_val_get(uint32_t v) { return (v & VPCI_S2M_HEAD_VAL_MASK) >> VPCI_S2M_HEAD_VAL_SHIFT; }
static inline uint32_t vpci_s2m_head_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_S2M_HEAD_VAL_MASK) | ((field << VPCI_S2M_HEAD_VAL_SHIFT) & VPCI_S2M_HEAD_VAL_MASK); }

/* ==== bar0 space, block VQ @ 0x0200: Per-virtqueue kick vectors and resource status. ==== */
#define VPCI_VQ_BLOCK_BASE 0x200u
#define VPCI_VQ_RB_TYPE_ID 0x3u
#define VPCI_VQ_RB_VERSION 0x10000u

/* VQ.RB_TYPE: - */
#define VPCI_VQ_RB_TYPE_OFFSET 0x200u
#define VPCI_VQ_RB_TYPE_SIZE 4u
#define VPCI_VQ_RB_TYPE_RESET 0x3u
#define VPCI_VQ_RB_TYPE_VAL_SHIFT 0u
#define VPCI_VQ_RB_TYPE_VAL_WIDTH 32u
#define VPCI_VQ_RB_TYPE_VAL_MASK 0xffffffffu
#define VPCI_VQ_RB_TYPE_VAL_RESET 0x3u
static inline uint32_t vpci_vq_rb_type_val_get(uint32_t v) { return (v & VPCI_VQ_RB_TYPE_VAL_MASK) >> VPCI_VQ_RB_TYPE_VAL_SHIFT; }
static inline uint32_t vpci_vq_rb_type_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_VQ_RB_TYPE_VAL_MASK) | ((field << VPCI_VQ_RB_TYPE_VAL_SHIFT) & VPCI_VQ_RB_TYPE_VAL_MASK); }

/* VQ.RB_VER: - */
#define VPCI_VQ_RB_VER_OFFSET 0x204u
#define VPCI_VQ_RB_VER_SIZE 4u
#define VPCI_VQ_RB_VER_RESET 0x10000u
#define VPCI_VQ_RB_VER_VAL_SHIFT 0u
#define VPCI_VQ_RB_VER_VAL_WIDTH 32u
#define VPCI_VQ_RB_VER_VAL_MASK 0xffffffffu
#define VPCI_VQ_RB_VER_VAL_RESET 0x10000u
static inline uint32_t vpci_vq_rb_ver_val_get(uint32_t v) { return (v & VPCI_VQ_RB_VER_VAL_MASK) >> VPCI_VQ_RB_VER_VAL_SHIFT; }
static inline uint32_t vpci_vq_rb_ver_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_VQ_RB_VER_VAL_MASK) | ((field << VPCI_VQ_RB_VER_VAL_SHIFT) & VPCI_VQ_RB_VER_VAL_MASK); }

/* VQ.RB_NEXT: - */
#define VPCI_VQ_RB_NEXT_OFFSET 0x208u
#define VPCI_VQ_RB_NEXT_SIZE 4u
#define VPCI_VQ_RB_NEXT_RESET 0x300u
#define VPCI_VQ_RB_NEXT_VAL_SHIFT 0u
#define VPCI_VQ_RB_NEXT_VAL_WIDTH 32u
#define VPCI_VQ_RB_NEXT_VAL_MASK 0xffffffffu
#define VPCI_VQ_RB_NEXT_VAL_RESET 0x300u
static inline uint32_t vpci_vq_rb_next_val_get(uint32_t v) { return (v & VPCI_VQ_RB_NEXT_VAL_MASK) >> VPCI_VQ_RB_NEXT_VAL_SHIFT; }
static inline uint32_t vpci_vq_rb_next_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_VQ_RB_NEXT_VAL_MASK) | ((field << VPCI_VQ_RB_NEXT_VAL_SHIFT) & VPCI_VQ_RB_NEXT_VAL_MASK); }

/* VQ.SEL: Selects the virtqueue that VECTOR and VSTATUS show. */
#define VPCI_VQ_SEL_OFFSET 0x210u
#define VPCI_VQ_SEL_SIZE 4u
#define VPCI_VQ_SEL_RESET 0x0u
#define VPCI_VQ_SEL_VAL_SHIFT 0u
#define VPCI_VQ_SEL_VAL_WIDTH 16u
#define VPCI_VQ_SEL_VAL_MASK 0xffffu
#define VPCI_VQ_SEL_VAL_RESET 0x0u
static inline uint32_t vpci_vq_sel_val_get(uint32_t v) { return (v & VPCI_VQ_SEL_VAL_MASK) >> VPCI_VQ_SEL_VAL_SHIFT; }
static inline uint32_t vpci_vq_sel_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_VQ_SEL_VAL_MASK) | ((field << VPCI_VQ_SEL_VAL_SHIFT) & VPCI_VQ_SEL_VAL_MASK); }

/* VQ.VECTOR: MSI-X vector raised on a kick of the selected virtqueue; NO_VECTOR disables it. Vectors may be shared. */
#define VPCI_VQ_VECTOR_OFFSET 0x214u
#define VPCI_VQ_VECTOR_SIZE 4u
#define VPCI_VQ_VECTOR_RESET 0xffffu
#define VPCI_VQ_VECTOR_VAL_SHIFT 0u
#define VPCI_VQ_VECTOR_VAL_WIDTH 16u
#define VPCI_VQ_VECTOR_VAL_MASK 0xffffu
#define VPCI_VQ_VECTOR_VAL_RESET 0xffffu
static inline uint32_t vpci_vq_vector_val_get(uint32_t v) { return (v & VPCI_VQ_VECTOR_VAL_MASK) >> VPCI_VQ_VECTOR_VAL_SHIFT; }
static inline uint32_t vpci_vq_vector_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_VQ_VECTOR_VAL_MASK) | ((field << VPCI_VQ_VECTOR_VAL_SHIFT) & VPCI_VQ_VECTOR_VAL_MASK); }

/* VQ.VSTATUS: Resources of the selected virtqueue (set once their message is visible to the driver). */
#define VPCI_VQ_VSTATUS_OFFSET 0x218u
#define VPCI_VQ_VSTATUS_SIZE 4u
#define VPCI_VQ_VSTATUS_RESET 0x0u
#define VPCI_VQ_VSTATUS_KICK_SHIFT 0u
#define VPCI_VQ_VSTATUS_KICK_WIDTH 1u
#define VPCI_VQ_VSTATUS_KICK_MASK 0x1u
#define VPCI_VQ_VSTATUS_KICK_RESET 0x0u
#define VPCI_VQ_VSTATUS_KICK_BIT 0x1u
static inline uint32_t vpci_vq_vstatus_kick_get(uint32_t v) { return (v & VPCI_VQ_VSTATUS_KICK_MASK) >> VPCI_VQ_VSTATUS_KICK_SHIFT; }
static inline uint32_t vpci_vq_vstatus_kick_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_VQ_VSTATUS_KICK_MASK) | ((field << VPCI_VQ_VSTATUS_KICK_SHIFT) & VPCI_VQ_VSTATUS_KICK_MASK); }
#define VPCI_VQ_VSTATUS_CALL_SHIFT 1u
#define VPCI_VQ_VSTATUS_CALL_WIDTH 1u
#define VPCI_VQ_VSTATUS_CALL_MASK 0x2u
#define VPCI_VQ_VSTATUS_CALL_RESET 0x0u
#define VPCI_VQ_VSTATUS_CALL_BIT 0x2u
static inline uint32_t vpci_vq_vstatus_call_get(uint32_t v) { return (v & VPCI_VQ_VSTATUS_CALL_MASK) >> VPCI_VQ_VSTATUS_CALL_SHIFT; }
static inline uint32_t vpci_vq_vstatus_call_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_VQ_VSTATUS_CALL_MASK) | ((field << VPCI_VQ_VSTATUS_CALL_SHIFT) & VPCI_VQ_VSTATUS_CALL_MASK); }
#define VPCI_VQ_VSTATUS_ERR_SHIFT 2u
#define VPCI_VQ_VSTATUS_ERR_WIDTH 1u
#define VPCI_VQ_VSTATUS_ERR_MASK 0x4u
#define VPCI_VQ_VSTATUS_ERR_RESET 0x0u
#define VPCI_VQ_VSTATUS_ERR_BIT 0x4u
static inline uint32_t vpci_vq_vstatus_err_get(uint32_t v) { return (v & VPCI_VQ_VSTATUS_ERR_MASK) >> VPCI_VQ_VSTATUS_ERR_SHIFT; }
static inline uint32_t vpci_vq_vstatus_err_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_VQ_VSTATUS_ERR_MASK) | ((field << VPCI_VQ_VSTATUS_ERR_SHIFT) & VPCI_VQ_VSTATUS_ERR_MASK); }
#define VPCI_VQ_VSTATUS_KICK_NOFD_SHIFT 3u
#define VPCI_VQ_VSTATUS_KICK_NOFD_WIDTH 1u
#define VPCI_VQ_VSTATUS_KICK_NOFD_MASK 0x8u
#define VPCI_VQ_VSTATUS_KICK_NOFD_RESET 0x0u
#define VPCI_VQ_VSTATUS_KICK_NOFD_BIT 0x8u
static inline uint32_t vpci_vq_vstatus_kick_nofd_get(uint32_t v) { return (v & VPCI_VQ_VSTATUS_KICK_NOFD_MASK) >> VPCI_VQ_VSTATUS_KICK_NOFD_SHIFT; }
static inline uint32_t vpci_vq_vstatus_kick_nofd_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_VQ_VSTATUS_KICK_NOFD_MASK) | ((field << VPCI_VQ_VSTATUS_KICK_NOFD_SHIFT) & VPCI_VQ_VSTATUS_KICK_NOFD_MASK); }
#define VPCI_VQ_VSTATUS_CALL_NOFD_SHIFT 4u
#define VPCI_VQ_VSTATUS_CALL_NOFD_WIDTH 1u
#define VPCI_VQ_VSTATUS_CALL_NOFD_MASK 0x10u
#define VPCI_VQ_VSTATUS_CALL_NOFD_RESET 0x0u
#define VPCI_VQ_VSTATUS_CALL_NOFD_BIT 0x10u
static inline uint32_t vpci_vq_vstatus_call_nofd_get(uint32_t v) { return (v & VPCI_VQ_VSTATUS_CALL_NOFD_MASK) >> VPCI_VQ_VSTATUS_CALL_NOFD_SHIFT; }
static inline uint32_t vpci_vq_vstatus_call_nofd_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_VQ_VSTATUS_CALL_NOFD_MASK) | ((field << VPCI_VQ_VSTATUS_CALL_NOFD_SHIFT) & VPCI_VQ_VSTATUS_CALL_NOFD_MASK); }

/* VQ.KICK_PENDING [8 x, stride 0x4]: Kick latch, one bit per virtqueue (word n holds vq 32n..32n+31). Set by every kick of an armed virtqueue, write 1 to clear. */
#define VPCI_VQ_KICK_PENDING_BASE 0x240u
#define VPCI_VQ_KICK_PENDING_COUNT 8u
#define VPCI_VQ_KICK_PENDING_STRIDE 0x4u
#define VPCI_VQ_KICK_PENDING_OFFSET(n) (VPCI_VQ_KICK_PENDING_BASE + (uint32_t)(n) * VPCI_VQ_KICK_PENDING_STRIDE)
#define VPCI_VQ_KICK_PENDING_SIZE 4u
#define VPCI_VQ_KICK_PENDING_RESET 0x0u
#define VPCI_VQ_KICK_PENDING_VAL_SHIFT 0u
#define VPCI_VQ_KICK_PENDING_VAL_WIDTH 32u
#define VPCI_VQ_KICK_PENDING_VAL_MASK 0xffffffffu
#define VPCI_VQ_KICK_PENDING_VAL_RESET 0x0u
static inline uint32_t vpci_vq_kick_pending_val_get(uint32_t v) { return (v & VPCI_VQ_KICK_PENDING_VAL_MASK) >> VPCI_VQ_KICK_PENDING_VAL_SHIFT; }
static inline uint32_t vpci_vq_kick_pending_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_VQ_KICK_PENDING_VAL_MASK) | ((field << VPCI_VQ_KICK_PENDING_VAL_SHIFT) & VPCI_VQ_KICK_PENDING_VAL_MASK); }

/* ==== bar0 space, block WINDOW @ 0x0300: Memory and log window state, and a read-only view of the translation table. ==== */
#define VPCI_WINDOW_BLOCK_BASE 0x300u
#define VPCI_WINDOW_RB_TYPE_ID 0x4u
#define VPCI_WINDOW_RB_VERSION 0x10000u

/* WINDOW.RB_TYPE: - */
#define VPCI_WINDOW_RB_TYPE_OFFSET 0x300u
#define VPCI_WINDOW_RB_TYPE_SIZE 4u
#define VPCI_WINDOW_RB_TYPE_RESET 0x4u
#define VPCI_WINDOW_RB_TYPE_VAL_SHIFT 0u
#define VPCI_WINDOW_RB_TYPE_VAL_WIDTH 32u
#define VPCI_WINDOW_RB_TYPE_VAL_MASK 0xffffffffu
#define VPCI_WINDOW_RB_TYPE_VAL_RESET 0x4u
static inline uint32_t vpci_window_rb_type_val_get(uint32_t v) { return (v & VPCI_WINDOW_RB_TYPE_VAL_MASK) >> VPCI_WINDOW_RB_TYPE_VAL_SHIFT; }
static inline uint32_t vpci_window_rb_type_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_RB_TYPE_VAL_MASK) | ((field << VPCI_WINDOW_RB_TYPE_VAL_SHIFT) & VPCI_WINDOW_RB_TYPE_VAL_MASK); }

/* WINDOW.RB_VER: - */
#define VPCI_WINDOW_RB_VER_OFFSET 0x304u
#define VPCI_WINDOW_RB_VER_SIZE 4u
#define VPCI_WINDOW_RB_VER_RESET 0x10000u
#define VPCI_WINDOW_RB_VER_VAL_SHIFT 0u
#define VPCI_WINDOW_RB_VER_VAL_WIDTH 32u
#define VPCI_WINDOW_RB_VER_VAL_MASK 0xffffffffu
#define VPCI_WINDOW_RB_VER_VAL_RESET 0x10000u
static inline uint32_t vpci_window_rb_ver_val_get(uint32_t v) { return (v & VPCI_WINDOW_RB_VER_VAL_MASK) >> VPCI_WINDOW_RB_VER_VAL_SHIFT; }
static inline uint32_t vpci_window_rb_ver_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_RB_VER_VAL_MASK) | ((field << VPCI_WINDOW_RB_VER_VAL_SHIFT) & VPCI_WINDOW_RB_VER_VAL_MASK); }

/* WINDOW.RB_NEXT: - */
#define VPCI_WINDOW_RB_NEXT_OFFSET 0x308u
#define VPCI_WINDOW_RB_NEXT_SIZE 4u
#define VPCI_WINDOW_RB_NEXT_RESET 0x380u
#define VPCI_WINDOW_RB_NEXT_VAL_SHIFT 0u
#define VPCI_WINDOW_RB_NEXT_VAL_WIDTH 32u
#define VPCI_WINDOW_RB_NEXT_VAL_MASK 0xffffffffu
#define VPCI_WINDOW_RB_NEXT_VAL_RESET 0x380u
static inline uint32_t vpci_window_rb_next_val_get(uint32_t v) { return (v & VPCI_WINDOW_RB_NEXT_VAL_MASK) >> VPCI_WINDOW_RB_NEXT_VAL_SHIFT; }
static inline uint32_t vpci_window_rb_next_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_RB_NEXT_VAL_MASK) | ((field << VPCI_WINDOW_RB_NEXT_VAL_SHIFT) & VPCI_WINDOW_RB_NEXT_VAL_MASK); }

/* WINDOW.MEM_STATUS: - */
#define VPCI_WINDOW_MEM_STATUS_OFFSET 0x310u
#define VPCI_WINDOW_MEM_STATUS_SIZE 4u
#define VPCI_WINDOW_MEM_STATUS_RESET 0x0u
#define VPCI_WINDOW_MEM_STATUS_VALID_SHIFT 0u
#define VPCI_WINDOW_MEM_STATUS_VALID_WIDTH 1u
#define VPCI_WINDOW_MEM_STATUS_VALID_MASK 0x1u
#define VPCI_WINDOW_MEM_STATUS_VALID_RESET 0x0u
#define VPCI_WINDOW_MEM_STATUS_VALID_BIT 0x1u
static inline uint32_t vpci_window_mem_status_valid_get(uint32_t v) { return (v & VPCI_WINDOW_MEM_STATUS_VALID_MASK) >> VPCI_WINDOW_MEM_STATUS_VALID_SHIFT; }
static inline uint32_t vpci_window_mem_status_valid_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_MEM_STATUS_VALID_MASK) | ((field << VPCI_WINDOW_MEM_STATUS_VALID_SHIFT) & VPCI_WINDOW_MEM_STATUS_VALID_MASK); }
#define VPCI_WINDOW_MEM_STATUS_REGIONS_SHIFT 8u
#define VPCI_WINDOW_MEM_STATUS_REGIONS_WIDTH 8u
#define VPCI_WINDOW_MEM_STATUS_REGIONS_MASK 0xff00u
#define VPCI_WINDOW_MEM_STATUS_REGIONS_RESET 0x0u
static inline uint32_t vpci_window_mem_status_regions_get(uint32_t v) { return (v & VPCI_WINDOW_MEM_STATUS_REGIONS_MASK) >> VPCI_WINDOW_MEM_STATUS_REGIONS_SHIFT; }
static inline uint32_t vpci_window_mem_status_regions_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_MEM_STATUS_REGIONS_MASK) | ((field << VPCI_WINDOW_MEM_STATUS_REGIONS_SHIFT) & VPCI_WINDOW_MEM_STATUS_REGIONS_MASK); }
#define VPCI_WINDOW_MEM_STATUS_GEN_SHIFT 16u
#define VPCI_WINDOW_MEM_STATUS_GEN_WIDTH 16u
#define VPCI_WINDOW_MEM_STATUS_GEN_MASK 0xffff0000u
#define VPCI_WINDOW_MEM_STATUS_GEN_RESET 0x0u
static inline uint32_t vpci_window_mem_status_gen_get(uint32_t v) { return (v & VPCI_WINDOW_MEM_STATUS_GEN_MASK) >> VPCI_WINDOW_MEM_STATUS_GEN_SHIFT; }
static inline uint32_t vpci_window_mem_status_gen_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_MEM_STATUS_GEN_MASK) | ((field << VPCI_WINDOW_MEM_STATUS_GEN_SHIFT) & VPCI_WINDOW_MEM_STATUS_GEN_MASK); }

/* WINDOW.LOG_STATUS: - */
#define VPCI_WINDOW_LOG_STATUS_OFFSET 0x314u
#define VPCI_WINDOW_LOG_STATUS_SIZE 4u
#define VPCI_WINDOW_LOG_STATUS_RESET 0x0u
#define VPCI_WINDOW_LOG_STATUS_VALID_SHIFT 0u
#define VPCI_WINDOW_LOG_STATUS_VALID_WIDTH 1u
#define VPCI_WINDOW_LOG_STATUS_VALID_MASK 0x1u
#define VPCI_WINDOW_LOG_STATUS_VALID_RESET 0x0u
#define VPCI_WINDOW_LOG_STATUS_VALID_BIT 0x1u
static inline uint32_t vpci_window_log_status_valid_get(uint32_t v) { return (v & VPCI_WINDOW_LOG_STATUS_VALID_MASK) >> VPCI_WINDOW_LOG_STATUS_VALID_SHIFT; }
static inline uint32_t vpci_window_log_status_valid_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_LOG_STATUS_VALID_MASK) | ((field << VPCI_WINDOW_LOG_STATUS_VALID_SHIFT) & VPCI_WINDOW_LOG_STATUS_VALID_MASK); }

/* WINDOW.LOG_SIZE_LO: - */
#define VPCI_WINDOW_LOG_SIZE_LO_OFFSET 0x318u
#define VPCI_WINDOW_LOG_SIZE_LO_SIZE 4u
#define VPCI_WINDOW_LOG_SIZE_LO_RESET 0x0u
#define VPCI_WINDOW_LOG_SIZE_LO_VAL_SHIFT 0u
#define VPCI_WINDOW_LOG_SIZE_LO_VAL_WIDTH 32u
#define VPCI_WINDOW_LOG_SIZE_LO_VAL_MASK 0xffffffffu
#define VPCI_WINDOW_LOG_SIZE_LO_VAL_RESET 0x0u
static inline uint32_t vpci_window_log_size_lo_val_get(uint32_t v) { return (v & VPCI_WINDOW_LOG_SIZE_LO_VAL_MASK) >> VPCI_WINDOW_LOG_SIZE_LO_VAL_SHIFT; }
static inline uint32_t vpci_window_log_size_lo_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_LOG_SIZE_LO_VAL_MASK) | ((field << VPCI_WINDOW_LOG_SIZE_LO_VAL_SHIFT) & VPCI_WINDOW_LOG_SIZE_LO_VAL_MASK); }

/* WINDOW.LOG_SIZE_HI: - */
#define VPCI_WINDOW_LOG_SIZE_HI_OFFSET 0x31cu
#define VPCI_WINDOW_LOG_SIZE_HI_SIZE 4u
#define VPCI_WINDOW_LOG_SIZE_HI_RESET 0x0u
#define VPCI_WINDOW_LOG_SIZE_HI_VAL_SHIFT 0u
#define VPCI_WINDOW_LOG_SIZE_HI_VAL_WIDTH 32u
#define VPCI_WINDOW_LOG_SIZE_HI_VAL_MASK 0xffffffffu
#define VPCI_WINDOW_LOG_SIZE_HI_VAL_RESET 0x0u
static inline uint32_t vpci_window_log_size_hi_val_get(uint32_t v) { return (v & VPCI_WINDOW_LOG_SIZE_HI_VAL_MASK) >> VPCI_WINDOW_LOG_SIZE_HI_VAL_SHIFT; }
static inline uint32_t vpci_window_log_size_hi_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_LOG_SIZE_HI_VAL_MASK) | ((field << VPCI_WINDOW_LOG_SIZE_HI_VAL_SHIFT) & VPCI_WINDOW_LOG_SIZE_HI_VAL_MASK); }

/* WINDOW.XLAT_SEL: Selects the translation table entry shown by the XLAT registers. */
#define VPCI_WINDOW_XLAT_SEL_OFFSET 0x320u
#define VPCI_WINDOW_XLAT_SEL_SIZE 4u
#define VPCI_WINDOW_XLAT_SEL_RESET 0x0u
#define VPCI_WINDOW_XLAT_SEL_VAL_SHIFT 0u
#define VPCI_WINDOW_XLAT_SEL_VAL_WIDTH 8u
#define VPCI_WINDOW_XLAT_SEL_VAL_MASK 0xffu
#define VPCI_WINDOW_XLAT_SEL_VAL_RESET 0x0u
static inline uint32_t vpci_window_xlat_sel_val_get(uint32_t v) { return (v & VPCI_WINDOW_XLAT_SEL_VAL_MASK) >> VPCI_WINDOW_XLAT_SEL_VAL_SHIFT; }
static inline uint32_t vpci_window_xlat_sel_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_XLAT_SEL_VAL_MASK) | ((field << VPCI_WINDOW_XLAT_SEL_VAL_SHIFT) & VPCI_WINDOW_XLAT_SEL_VAL_MASK); }

/* WINDOW.XLAT_STATUS: - */
#define VPCI_WINDOW_XLAT_STATUS_OFFSET 0x324u
#define VPCI_WINDOW_XLAT_STATUS_SIZE 4u
#define VPCI_WINDOW_XLAT_STATUS_RESET 0x0u
#define VPCI_WINDOW_XLAT_STATUS_VALID_SHIFT 0u
#define VPCI_WINDOW_XLAT_STATUS_VALID_WIDTH 1u
#define VPCI_WINDOW_XLAT_STATUS_VALID_MASK 0x1u
#define VPCI_WINDOW_XLAT_STATUS_VALID_RESET 0x0u
#define VPCI_WINDOW_XLAT_STATUS_VALID_BIT 0x1u
static inline uint32_t vpci_window_xlat_status_valid_get(uint32_t v) { return (v & VPCI_WINDOW_XLAT_STATUS_VALID_MASK) >> VPCI_WINDOW_XLAT_STATUS_VALID_SHIFT; }
static inline uint32_t vpci_window_xlat_status_valid_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_XLAT_STATUS_VALID_MASK) | ((field << VPCI_WINDOW_XLAT_STATUS_VALID_SHIFT) & VPCI_WINDOW_XLAT_STATUS_VALID_MASK); }

/* WINDOW.XLAT_WIN_OFF_LO: - */
#define VPCI_WINDOW_XLAT_WIN_OFF_LO_OFFSET 0x328u
#define VPCI_WINDOW_XLAT_WIN_OFF_LO_SIZE 4u
#define VPCI_WINDOW_XLAT_WIN_OFF_LO_RESET 0x0u
#define VPCI_WINDOW_XLAT_WIN_OFF_LO_VAL_SHIFT 0u
#define VPCI_WINDOW_XLAT_WIN_OFF_LO_VAL_WIDTH 32u
#define VPCI_WINDOW_XLAT_WIN_OFF_LO_VAL_MASK 0xffffffffu
#define VPCI_WINDOW_XLAT_WIN_OFF_LO_VAL_RESET 0x0u
static inline uint32_t vpci_window_xlat_win_off_lo_val_get(uint32_t v) { return (v & VPCI_WINDOW_XLAT_WIN_OFF_LO_VAL_MASK) >> VPCI_WINDOW_XLAT_WIN_OFF_LO_VAL_SHIFT; }
static inline uint32_t vpci_window_xlat_win_off_lo_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_XLAT_WIN_OFF_LO_VAL_MASK) | ((field << VPCI_WINDOW_XLAT_WIN_OFF_LO_VAL_SHIFT) & VPCI_WINDOW_XLAT_WIN_OFF_LO_VAL_MASK); }

/* WINDOW.XLAT_WIN_OFF_HI: - */
#define VPCI_WINDOW_XLAT_WIN_OFF_HI_OFFSET 0x32cu
#define VPCI_WINDOW_XLAT_WIN_OFF_HI_SIZE 4u
#define VPCI_WINDOW_XLAT_WIN_OFF_HI_RESET 0x0u
#define VPCI_WINDOW_XLAT_WIN_OFF_HI_VAL_SHIFT 0u
#define VPCI_WINDOW_XLAT_WIN_OFF_HI_VAL_WIDTH 32u
#define VPCI_WINDOW_XLAT_WIN_OFF_HI_VAL_MASK 0xffffffffu
#define VPCI_WINDOW_XLAT_WIN_OFF_HI_VAL_RESET 0x0u
static inline uint32_t vpci_window_xlat_win_off_hi_val_get(uint32_t v) { return (v & VPCI_WINDOW_XLAT_WIN_OFF_HI_VAL_MASK) >> VPCI_WINDOW_XLAT_WIN_OFF_HI_VAL_SHIFT; }
static inline uint32_t vpci_window_xlat_win_off_hi_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_XLAT_WIN_OFF_HI_VAL_MASK) | ((field << VPCI_WINDOW_XLAT_WIN_OFF_HI_VAL_SHIFT) & VPCI_WINDOW_XLAT_WIN_OFF_HI_VAL_MASK); }

/* WINDOW.XLAT_SIZE_LO: - */
#define VPCI_WINDOW_XLAT_SIZE_LO_OFFSET 0x330u
#define VPCI_WINDOW_XLAT_SIZE_LO_SIZE 4u
#define VPCI_WINDOW_XLAT_SIZE_LO_RESET 0x0u
#define VPCI_WINDOW_XLAT_SIZE_LO_VAL_SHIFT 0u
#define VPCI_WINDOW_XLAT_SIZE_LO_VAL_WIDTH 32u
#define VPCI_WINDOW_XLAT_SIZE_LO_VAL_MASK 0xffffffffu
#define VPCI_WINDOW_XLAT_SIZE_LO_VAL_RESET 0x0u
static inline uint32_t vpci_window_xlat_size_lo_val_get(uint32_t v) { return (v & VPCI_WINDOW_XLAT_SIZE_LO_VAL_MASK) >> VPCI_WINDOW_XLAT_SIZE_LO_VAL_SHIFT; }
static inline uint32_t vpci_window_xlat_size_lo_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_XLAT_SIZE_LO_VAL_MASK) | ((field << VPCI_WINDOW_XLAT_SIZE_LO_VAL_SHIFT) & VPCI_WINDOW_XLAT_SIZE_LO_VAL_MASK); }

/* WINDOW.XLAT_SIZE_HI: - */
#define VPCI_WINDOW_XLAT_SIZE_HI_OFFSET 0x334u
#define VPCI_WINDOW_XLAT_SIZE_HI_SIZE 4u
#define VPCI_WINDOW_XLAT_SIZE_HI_RESET 0x0u
#define VPCI_WINDOW_XLAT_SIZE_HI_VAL_SHIFT 0u
#define VPCI_WINDOW_XLAT_SIZE_HI_VAL_WIDTH 32u
#define VPCI_WINDOW_XLAT_SIZE_HI_VAL_MASK 0xffffffffu
#define VPCI_WINDOW_XLAT_SIZE_HI_VAL_RESET 0x0u
static inline uint32_t vpci_window_xlat_size_hi_val_get(uint32_t v) { return (v & VPCI_WINDOW_XLAT_SIZE_HI_VAL_MASK) >> VPCI_WINDOW_XLAT_SIZE_HI_VAL_SHIFT; }
static inline uint32_t vpci_window_xlat_size_hi_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_XLAT_SIZE_HI_VAL_MASK) | ((field << VPCI_WINDOW_XLAT_SIZE_HI_VAL_SHIFT) & VPCI_WINDOW_XLAT_SIZE_HI_VAL_MASK); }

/* WINDOW.XLAT_GPA_LO: - */
#define VPCI_WINDOW_XLAT_GPA_LO_OFFSET 0x338u
#define VPCI_WINDOW_XLAT_GPA_LO_SIZE 4u
#define VPCI_WINDOW_XLAT_GPA_LO_RESET 0x0u
#define VPCI_WINDOW_XLAT_GPA_LO_VAL_SHIFT 0u
#define VPCI_WINDOW_XLAT_GPA_LO_VAL_WIDTH 32u
#define VPCI_WINDOW_XLAT_GPA_LO_VAL_MASK 0xffffffffu
#define VPCI_WINDOW_XLAT_GPA_LO_VAL_RESET 0x0u
static inline uint32_t vpci_window_xlat_gpa_lo_val_get(uint32_t v) { return (v & VPCI_WINDOW_XLAT_GPA_LO_VAL_MASK) >> VPCI_WINDOW_XLAT_GPA_LO_VAL_SHIFT; }
static inline uint32_t vpci_window_xlat_gpa_lo_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_XLAT_GPA_LO_VAL_MASK) | ((field << VPCI_WINDOW_XLAT_GPA_LO_VAL_SHIFT) & VPCI_WINDOW_XLAT_GPA_LO_VAL_MASK); }

/* WINDOW.XLAT_GPA_HI: - */
#define VPCI_WINDOW_XLAT_GPA_HI_OFFSET 0x33cu
#define VPCI_WINDOW_XLAT_GPA_HI_SIZE 4u
#define VPCI_WINDOW_XLAT_GPA_HI_RESET 0x0u
#define VPCI_WINDOW_XLAT_GPA_HI_VAL_SHIFT 0u
#define VPCI_WINDOW_XLAT_GPA_HI_VAL_WIDTH 32u
#define VPCI_WINDOW_XLAT_GPA_HI_VAL_MASK 0xffffffffu
#define VPCI_WINDOW_XLAT_GPA_HI_VAL_RESET 0x0u
static inline uint32_t vpci_window_xlat_gpa_hi_val_get(uint32_t v) { return (v & VPCI_WINDOW_XLAT_GPA_HI_VAL_MASK) >> VPCI_WINDOW_XLAT_GPA_HI_VAL_SHIFT; }
static inline uint32_t vpci_window_xlat_gpa_hi_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_XLAT_GPA_HI_VAL_MASK) | ((field << VPCI_WINDOW_XLAT_GPA_HI_VAL_SHIFT) & VPCI_WINDOW_XLAT_GPA_HI_VAL_MASK); }

/* WINDOW.XLAT_UADDR_LO: - */
#define VPCI_WINDOW_XLAT_UADDR_LO_OFFSET 0x340u
#define VPCI_WINDOW_XLAT_UADDR_LO_SIZE 4u
#define VPCI_WINDOW_XLAT_UADDR_LO_RESET 0x0u
#define VPCI_WINDOW_XLAT_UADDR_LO_VAL_SHIFT 0u
#define VPCI_WINDOW_XLAT_UADDR_LO_VAL_WIDTH 32u
#define VPCI_WINDOW_XLAT_UADDR_LO_VAL_MASK 0xffffffffu
#define VPCI_WINDOW_XLAT_UADDR_LO_VAL_RESET 0x0u
static inline uint32_t vpci_window_xlat_uaddr_lo_val_get(uint32_t v) { return (v & VPCI_WINDOW_XLAT_UADDR_LO_VAL_MASK) >> VPCI_WINDOW_XLAT_UADDR_LO_VAL_SHIFT; }
static inline uint32_t vpci_window_xlat_uaddr_lo_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_XLAT_UADDR_LO_VAL_MASK) | ((field << VPCI_WINDOW_XLAT_UADDR_LO_VAL_SHIFT) & VPCI_WINDOW_XLAT_UADDR_LO_VAL_MASK); }

/* WINDOW.XLAT_UADDR_HI: - */
#define VPCI_WINDOW_XLAT_UADDR_HI_OFFSET 0x344u
#define VPCI_WINDOW_XLAT_UADDR_HI_SIZE 4u
#define VPCI_WINDOW_XLAT_UADDR_HI_RESET 0x0u
#define VPCI_WINDOW_XLAT_UADDR_HI_VAL_SHIFT 0u
#define VPCI_WINDOW_XLAT_UADDR_HI_VAL_WIDTH 32u
#define VPCI_WINDOW_XLAT_UADDR_HI_VAL_MASK 0xffffffffu
#define VPCI_WINDOW_XLAT_UADDR_HI_VAL_RESET 0x0u
static inline uint32_t vpci_window_xlat_uaddr_hi_val_get(uint32_t v) { return (v & VPCI_WINDOW_XLAT_UADDR_HI_VAL_MASK) >> VPCI_WINDOW_XLAT_UADDR_HI_VAL_SHIFT; }
static inline uint32_t vpci_window_xlat_uaddr_hi_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_XLAT_UADDR_HI_VAL_MASK) | ((field << VPCI_WINDOW_XLAT_UADDR_HI_VAL_SHIFT) & VPCI_WINDOW_XLAT_UADDR_HI_VAL_MASK); }

/* WINDOW.ABSENT_ADDR_LO: BAR offset of the most recent window access with no translation (bit 63 selects the log window). */
#define VPCI_WINDOW_ABSENT_ADDR_LO_OFFSET 0x348u
#define VPCI_WINDOW_ABSENT_ADDR_LO_SIZE 4u
#define VPCI_WINDOW_ABSENT_ADDR_LO_RESET 0x0u
#define VPCI_WINDOW_ABSENT_ADDR_LO_VAL_SHIFT 0u
#define VPCI_WINDOW_ABSENT_ADDR_LO_VAL_WIDTH 32u
#define VPCI_WINDOW_ABSENT_ADDR_LO_VAL_MASK 0xffffffffu
#define VPCI_WINDOW_ABSENT_ADDR_LO_VAL_RESET 0x0u
static inline uint32_t vpci_window_absent_addr_lo_val_get(uint32_t v) { return (v & VPCI_WINDOW_ABSENT_ADDR_LO_VAL_MASK) >> VPCI_WINDOW_ABSENT_ADDR_LO_VAL_SHIFT; }
static inline uint32_t vpci_window_absent_addr_lo_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_ABSENT_ADDR_LO_VAL_MASK) | ((field << VPCI_WINDOW_ABSENT_ADDR_LO_VAL_SHIFT) & VPCI_WINDOW_ABSENT_ADDR_LO_VAL_MASK); }

/* WINDOW.ABSENT_ADDR_HI: - */
#define VPCI_WINDOW_ABSENT_ADDR_HI_OFFSET 0x34cu
#define VPCI_WINDOW_ABSENT_ADDR_HI_SIZE 4u
#define VPCI_WINDOW_ABSENT_ADDR_HI_RESET 0x0u
#define VPCI_WINDOW_ABSENT_ADDR_HI_VAL_SHIFT 0u
#define VPCI_WINDOW_ABSENT_ADDR_HI_VAL_WIDTH 32u
#define VPCI_WINDOW_ABSENT_ADDR_HI_VAL_MASK 0xffffffffu
#define VPCI_WINDOW_ABSENT_ADDR_HI_VAL_RESET 0x0u
static inline uint32_t vpci_window_absent_addr_hi_val_get(uint32_t v) { return (v & VPCI_WINDOW_ABSENT_ADDR_HI_VAL_MASK) >> VPCI_WINDOW_ABSENT_ADDR_HI_VAL_SHIFT; }
static inline uint32_t vpci_window_absent_addr_hi_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_WINDOW_ABSENT_ADDR_HI_VAL_MASK) | ((field << VPCI_WINDOW_ABSENT_ADDR_HI_VAL_SHIFT) & VPCI_WINDOW_ABSENT_ADDR_HI_VAL_MASK); }

/* ==== bar0 space, block DBINFO @ 0x0380: Where the doorbells are. ==== */
#define VPCI_DBINFO_BLOCK_BASE 0x380u
#define VPCI_DBINFO_RB_TYPE_ID 0x5u
#define VPCI_DBINFO_RB_VERSION 0x10000u

/* DBINFO.RB_TYPE: - */
#define VPCI_DBINFO_RB_TYPE_OFFSET 0x380u
#define VPCI_DBINFO_RB_TYPE_SIZE 4u
#define VPCI_DBINFO_RB_TYPE_RESET 0x5u
#define VPCI_DBINFO_RB_TYPE_VAL_SHIFT 0u
#define VPCI_DBINFO_RB_TYPE_VAL_WIDTH 32u
#define VPCI_DBINFO_RB_TYPE_VAL_MASK 0xffffffffu
#define VPCI_DBINFO_RB_TYPE_VAL_RESET 0x5u
static inline uint32_t vpci_dbinfo_rb_type_val_get(uint32_t v) { return (v & VPCI_DBINFO_RB_TYPE_VAL_MASK) >> VPCI_DBINFO_RB_TYPE_VAL_SHIFT; }
static inline uint32_t vpci_dbinfo_rb_type_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_DBINFO_RB_TYPE_VAL_MASK) | ((field << VPCI_DBINFO_RB_TYPE_VAL_SHIFT) & VPCI_DBINFO_RB_TYPE_VAL_MASK); }

/* DBINFO.RB_VER: - */
#define VPCI_DBINFO_RB_VER_OFFSET 0x384u
#define VPCI_DBINFO_RB_VER_SIZE 4u
#define VPCI_DBINFO_RB_VER_RESET 0x10000u
#define VPCI_DBINFO_RB_VER_VAL_SHIFT 0u
#define VPCI_DBINFO_RB_VER_VAL_WIDTH 32u
#define VPCI_DBINFO_RB_VER_VAL_MASK 0xffffffffu
#define VPCI_DBINFO_RB_VER_VAL_RESET 0x10000u
static inline uint32_t vpci_dbinfo_rb_ver_val_get(uint32_t v) { return (v & VPCI_DBINFO_RB_VER_VAL_MASK) >> VPCI_DBINFO_RB_VER_VAL_SHIFT; }
static inline uint32_t vpci_dbinfo_rb_ver_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_DBINFO_RB_VER_VAL_MASK) | ((field << VPCI_DBINFO_RB_VER_VAL_SHIFT) & VPCI_DBINFO_RB_VER_VAL_MASK); }

/* DBINFO.RB_NEXT: End of the register block list. */
#define VPCI_DBINFO_RB_NEXT_OFFSET 0x388u
#define VPCI_DBINFO_RB_NEXT_SIZE 4u
#define VPCI_DBINFO_RB_NEXT_RESET 0x0u
#define VPCI_DBINFO_RB_NEXT_VAL_SHIFT 0u
#define VPCI_DBINFO_RB_NEXT_VAL_WIDTH 32u
#define VPCI_DBINFO_RB_NEXT_VAL_MASK 0xffffffffu
#define VPCI_DBINFO_RB_NEXT_VAL_RESET 0x0u
static inline uint32_t vpci_dbinfo_rb_next_val_get(uint32_t v) { return (v & VPCI_DBINFO_RB_NEXT_VAL_MASK) >> VPCI_DBINFO_RB_NEXT_VAL_SHIFT; }
static inline uint32_t vpci_dbinfo_rb_next_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_DBINFO_RB_NEXT_VAL_MASK) | ((field << VPCI_DBINFO_RB_NEXT_VAL_SHIFT) & VPCI_DBINFO_RB_NEXT_VAL_MASK); }

/* DBINFO.DB_BASE: BAR0 offset of the doorbell page. */
#define VPCI_DBINFO_DB_BASE_OFFSET 0x390u
#define VPCI_DBINFO_DB_BASE_SIZE 4u
#define VPCI_DBINFO_DB_BASE_RESET 0x1000u
#define VPCI_DBINFO_DB_BASE_VAL_SHIFT 0u
#define VPCI_DBINFO_DB_BASE_VAL_WIDTH 32u
#define VPCI_DBINFO_DB_BASE_VAL_MASK 0xffffffffu
#define VPCI_DBINFO_DB_BASE_VAL_RESET 0x1000u
static inline uint32_t vpci_dbinfo_db_base_val_get(uint32_t v) { return (v & VPCI_DBINFO_DB_BASE_VAL_MASK) >> VPCI_DBINFO_DB_BASE_VAL_SHIFT; }
static inline uint32_t vpci_dbinfo_db_base_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_DBINFO_DB_BASE_VAL_MASK) | ((field << VPCI_DBINFO_DB_BASE_VAL_SHIFT) & VPCI_DBINFO_DB_BASE_VAL_MASK); }

/* DBINFO.DB_STRIDE: Bytes between the doorbells of consecutive virtqueues (CALL at +0, ERR at +4). */
#define VPCI_DBINFO_DB_STRIDE_OFFSET 0x394u
#define VPCI_DBINFO_DB_STRIDE_SIZE 4u
#define VPCI_DBINFO_DB_STRIDE_RESET 0x8u
#define VPCI_DBINFO_DB_STRIDE_VAL_SHIFT 0u
#define VPCI_DBINFO_DB_STRIDE_VAL_WIDTH 32u
#define VPCI_DBINFO_DB_STRIDE_VAL_MASK 0xffffffffu
#define VPCI_DBINFO_DB_STRIDE_VAL_RESET 0x8u
static inline uint32_t vpci_dbinfo_db_stride_val_get(uint32_t v) { return (v & VPCI_DBINFO_DB_STRIDE_VAL_MASK) >> VPCI_DBINFO_DB_STRIDE_VAL_SHIFT; }
static inline uint32_t vpci_dbinfo_db_stride_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_DBINFO_DB_STRIDE_VAL_MASK) | ((field << VPCI_DBINFO_DB_STRIDE_VAL_SHIFT) & VPCI_DBINFO_DB_STRIDE_VAL_MASK); }

/* DBINFO.DB_LOG: Offset of the LOG doorbell inside the doorbell page. */
#define VPCI_DBINFO_DB_LOG_OFFSET 0x398u
#define VPCI_DBINFO_DB_LOG_SIZE 4u
#define VPCI_DBINFO_DB_LOG_RESET 0x800u
#define VPCI_DBINFO_DB_LOG_VAL_SHIFT 0u
#define VPCI_DBINFO_DB_LOG_VAL_WIDTH 32u
#define VPCI_DBINFO_DB_LOG_VAL_MASK 0xffffffffu
#define VPCI_DBINFO_DB_LOG_VAL_RESET 0x800u
static inline uint32_t vpci_dbinfo_db_log_val_get(uint32_t v) { return (v & VPCI_DBINFO_DB_LOG_VAL_MASK) >> VPCI_DBINFO_DB_LOG_VAL_SHIFT; }
static inline uint32_t vpci_dbinfo_db_log_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_DBINFO_DB_LOG_VAL_MASK) | ((field << VPCI_DBINFO_DB_LOG_VAL_SHIFT) & VPCI_DBINFO_DB_LOG_VAL_MASK); }

/* ==== bar0 space, block DOORBELL @ 0x1000: Doorbell page. Any write of 1, 2 or 4 bytes inside a doorbell's 4-byte slot rings it; reads return 0. Drivers write a changing value (a counter) so that a platform polling a mapped page sees every ring (spec §7.1). ==== */
#define VPCI_DOORBELL_BLOCK_BASE 0x1000u

/* DOORBELL.CALL [256 x, stride 0x8]: Vring call doorbell of virtqueue n; signals the master's call fd. */
#define VPCI_DOORBELL_CALL_BASE 0x1000u
#define VPCI_DOORBELL_CALL_COUNT 256u
#define VPCI_DOORBELL_CALL_STRIDE 0x8u
#define VPCI_DOORBELL_CALL_OFFSET(n) (VPCI_DOORBELL_CALL_BASE + (uint32_t)(n) * VPCI_DOORBELL_CALL_STRIDE)
#define VPCI_DOORBELL_CALL_SIZE 4u
#define VPCI_DOORBELL_CALL_RESET 0x0u
#define VPCI_DOORBELL_CALL_VAL_SHIFT 0u
#define VPCI_DOORBELL_CALL_VAL_WIDTH 32u
#define VPCI_DOORBELL_CALL_VAL_MASK 0xffffffffu
#define VPCI_DOORBELL_CALL_VAL_RESET 0x0u
static inline uint32_t vpci_doorbell_call_val_get(uint32_t v) { return (v & VPCI_DOORBELL_CALL_VAL_MASK) >> VPCI_DOORBELL_CALL_VAL_SHIFT; }
static inline uint32_t vpci_doorbell_call_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_DOORBELL_CALL_VAL_MASK) | ((field << VPCI_DOORBELL_CALL_VAL_SHIFT) & VPCI_DOORBELL_CALL_VAL_MASK); }

/* DOORBELL.ERR [256 x, stride 0x8]: Vring err doorbell of virtqueue n; signals the master's err fd. */
#define VPCI_DOORBELL_ERR_BASE 0x1004u
#define VPCI_DOORBELL_ERR_COUNT 256u
#define VPCI_DOORBELL_ERR_STRIDE 0x8u
#define VPCI_DOORBELL_ERR_OFFSET(n) (VPCI_DOORBELL_ERR_BASE + (uint32_t)(n) * VPCI_DOORBELL_ERR_STRIDE)
#define VPCI_DOORBELL_ERR_SIZE 4u
#define VPCI_DOORBELL_ERR_RESET 0x0u
#define VPCI_DOORBELL_ERR_VAL_SHIFT 0u
#define VPCI_DOORBELL_ERR_VAL_WIDTH 32u
#define VPCI_DOORBELL_ERR_VAL_MASK 0xffffffffu
#define VPCI_DOORBELL_ERR_VAL_RESET 0x0u
static inline uint32_t vpci_doorbell_err_val_get(uint32_t v) { return (v & VPCI_DOORBELL_ERR_VAL_MASK) >> VPCI_DOORBELL_ERR_VAL_SHIFT; }
static inline uint32_t vpci_doorbell_err_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_DOORBELL_ERR_VAL_MASK) | ((field << VPCI_DOORBELL_ERR_VAL_SHIFT) & VPCI_DOORBELL_ERR_VAL_MASK); }

/* DOORBELL.LOG: Log changed doorbell; signals the master's log fd (SET_LOG_FD). */
#define VPCI_DOORBELL_LOG_OFFSET 0x1800u
#define VPCI_DOORBELL_LOG_SIZE 4u
#define VPCI_DOORBELL_LOG_RESET 0x0u
#define VPCI_DOORBELL_LOG_VAL_SHIFT 0u
#define VPCI_DOORBELL_LOG_VAL_WIDTH 32u
#define VPCI_DOORBELL_LOG_VAL_MASK 0xffffffffu
#define VPCI_DOORBELL_LOG_VAL_RESET 0x0u
static inline uint32_t vpci_doorbell_log_val_get(uint32_t v) { return (v & VPCI_DOORBELL_LOG_VAL_MASK) >> VPCI_DOORBELL_LOG_VAL_SHIFT; }
static inline uint32_t vpci_doorbell_log_val_set(uint32_t v, uint32_t field)
{ return (v & ~(uint32_t)VPCI_DOORBELL_LOG_VAL_MASK) | ((field << VPCI_DOORBELL_LOG_VAL_SHIFT) & VPCI_DOORBELL_LOG_VAL_MASK); }

/* ==== bar0 space, block MSIX @ 0x2000: MSI-X table and pending bit array. ==== */
#define VPCI_MSIX_BLOCK_BASE 0x2000u
/* window MSIX.TBL (rw): MSI-X table, MAX_MSIX_VECTORS entries of 16 bytes (address low, address high, data, vector control with mask bit 0, reset 1). Entries at or above MSIX_VECTORS read 0 and ignore writes. */
#define VPCI_MSIX_TBL_OFFSET 0x2000u
#define VPCI_MSIX_TBL_SIZE 0x2000u
/* window MSIX.PBA (ro): Pending bit array, one bit per vector. */
#define VPCI_MSIX_PBA_OFFSET 0x4000u
#define VPCI_MSIX_PBA_SIZE 0x1000u

/* ---- In-memory structures (little-endian, packed) ---- */

/* struct vpci_desc: Message queue descriptor, written by the driver into the descriptor ring (M2S and S2M). */
struct vpci_desc {
    uint64_t addr; /* Bus address of the message buffer. */
    uint32_t len; /* Buffer length in bytes (M2S: capacity; S2M: message length). */
    uint16_t id; /* Driver cookie, returned in the completion. */
    uint8_t flags; /* S2M: bit 0 CHANNEL (0 master channel reply, 1 backend channel request). M2S: zero. */
    uint8_t session; /* S2M: session tag (LINK.SESSION) the message belongs to. M2S: zero. */
} VPCI_PACKED;
#define VPCI_DESC_SIZE 16u
VPCI_STATIC_ASSERT(sizeof(struct vpci_desc) == 16, "struct vpci_desc size");
#define VPCI_DESC_ADDR_OFFSET 0u
#define VPCI_DESC_ADDR_BITS 64u
VPCI_STATIC_ASSERT(offsetof(struct vpci_desc, addr) == 0, "vpci_desc.addr offset");
#define VPCI_DESC_LEN_OFFSET 8u
#define VPCI_DESC_LEN_BITS 32u
VPCI_STATIC_ASSERT(offsetof(struct vpci_desc, len) == 8, "vpci_desc.len offset");
#define VPCI_DESC_ID_OFFSET 12u
#define VPCI_DESC_ID_BITS 16u
VPCI_STATIC_ASSERT(offsetof(struct vpci_desc, id) == 12, "vpci_desc.id offset");
#define VPCI_DESC_FLAGS_OFFSET 14u
#define VPCI_DESC_FLAGS_BITS 8u
VPCI_STATIC_ASSERT(offsetof(struct vpci_desc, flags) == 14, "vpci_desc.flags offset");
#define VPCI_DESC_SESSION_OFFSET 15u
#define VPCI_DESC_SESSION_BITS 8u
VPCI_STATIC_ASSERT(offsetof(struct vpci_desc, session) == 15, "vpci_desc.session offset");
static inline uint64_t vpci_desc_addr_load(const void *buf)
{ const uint8_t *b = (const uint8_t *)buf; return (uint64_t)(((uint64_t)b[0] << 0) | ((uint64_t)b[1] << 8) | ((uint64_t)b[2] << 16) | ((uint64_t)b[3] << 24) | ((uint64_t)b[4] << 32) | ((uint64_t)b[5] << 40) | ((uint64_t)b[6] << 48) | ((uint64_t)b[7] << 56)); }
static inline void vpci_desc_addr_store(void *buf, uint64_t v)
{ uint8_t *b = (uint8_t *)buf; b[0] = (uint8_t)(v >> 0); b[1] = (uint8_t)(v >> 8); b[2] = (uint8_t)(v >> 16); b[3] = (uint8_t)(v >> 24); b[4] = (uint8_t)(v >> 32); b[5] = (uint8_t)(v >> 40); b[6] = (uint8_t)(v >> 48); b[7] = (uint8_t)(v >> 56); }
static inline uint32_t vpci_desc_len_load(const void *buf)
{ const uint8_t *b = (const uint8_t *)buf; return (uint32_t)(((uint32_t)b[8] << 0) | ((uint32_t)b[9] << 8) | ((uint32_t)b[10] << 16) | ((uint32_t)b[11] << 24)); }
static inline void vpci_desc_len_store(void *buf, uint32_t v)
{ uint8_t *b = (uint8_t *)buf; b[8] = (uint8_t)(v >> 0); b[9] = (uint8_t)(v >> 8); b[10] = (uint8_t)(v >> 16); b[11] = (uint8_t)(v >> 24); }
static inline uint16_t vpci_desc_id_load(const void *buf)
{ const uint8_t *b = (const uint8_t *)buf; return (uint16_t)(((uint16_t)b[12] << 0) | ((uint16_t)b[13] << 8)); }
static inline void vpci_desc_id_store(void *buf, uint16_t v)
{ uint8_t *b = (uint8_t *)buf; b[12] = (uint8_t)(v >> 0); b[13] = (uint8_t)(v >> 8); }
static inline uint8_t vpci_desc_flags_load(const void *buf)
{ const uint8_t *b = (const uint8_t *)buf; return (uint8_t)(((uint8_t)b[14] << 0)); }
static inline void vpci_desc_flags_store(void *buf, uint8_t v)
{ uint8_t *b = (uint8_t *)buf; b[14] = (uint8_t)(v >> 0); }
static inline uint8_t vpci_desc_session_load(const void *buf)
{ const uint8_t *b = (const uint8_t *)buf; return (uint8_t)(((uint8_t)b[15] << 0)); }
static inline void vpci_desc_session_store(void *buf, uint8_t v)
{ uint8_t *b = (uint8_t *)buf; b[15] = (uint8_t)(v >> 0); }

/* struct vpci_cpl: Message queue completion, written by the adapter into the completion ring. */
struct vpci_cpl {
    uint32_t len; /* M2S: message bytes written (TOO_SMALL: bytes needed). S2M: bytes consumed. */
    uint16_t id; /* ID of the descriptor this completes. */
    uint8_t status; /* Completion status, see CPL_STATUS. */
    uint8_t flags; /* bit 0 PHASE (flips every ring pass, 1 on the first); bit 1 CHANNEL (0 master channel, 1 backend channel). */
    uint8_t session; /* Session tag of the message. */
    uint8_t rsvd0; /* Reserved, zero. */
    uint16_t rsvd1; /* Reserved, zero. */
    uint32_t request; /* vhost-user request code of the message (copy of its header). */
} VPCI_PACKED;
#define VPCI_CPL_SIZE 16u
VPCI_STATIC_ASSERT(sizeof(struct vpci_cpl) == 16, "struct vpci_cpl size");
#define VPCI_CPL_LEN_OFFSET 0u
#define VPCI_CPL_LEN_BITS 32u
VPCI_STATIC_ASSERT(offsetof(struct vpci_cpl, len) == 0, "vpci_cpl.len offset");
#define VPCI_CPL_ID_OFFSET 4u
#define VPCI_CPL_ID_BITS 16u
VPCI_STATIC_ASSERT(offsetof(struct vpci_cpl, id) == 4, "vpci_cpl.id offset");
#define VPCI_CPL_STATUS_OFFSET 6u
#define VPCI_CPL_STATUS_BITS 8u
VPCI_STATIC_ASSERT(offsetof(struct vpci_cpl, status) == 6, "vpci_cpl.status offset");
#define VPCI_CPL_FLAGS_OFFSET 7u
#define VPCI_CPL_FLAGS_BITS 8u
VPCI_STATIC_ASSERT(offsetof(struct vpci_cpl, flags) == 7, "vpci_cpl.flags offset");
#define VPCI_CPL_SESSION_OFFSET 8u
#define VPCI_CPL_SESSION_BITS 8u
VPCI_STATIC_ASSERT(offsetof(struct vpci_cpl, session) == 8, "vpci_cpl.session offset");
#define VPCI_CPL_RSVD0_OFFSET 9u
#define VPCI_CPL_RSVD0_BITS 8u
VPCI_STATIC_ASSERT(offsetof(struct vpci_cpl, rsvd0) == 9, "vpci_cpl.rsvd0 offset");
#define VPCI_CPL_RSVD1_OFFSET 10u
#define VPCI_CPL_RSVD1_BITS 16u
VPCI_STATIC_ASSERT(offsetof(struct vpci_cpl, rsvd1) == 10, "vpci_cpl.rsvd1 offset");
#define VPCI_CPL_REQUEST_OFFSET 12u
#define VPCI_CPL_REQUEST_BITS 32u
VPCI_STATIC_ASSERT(offsetof(struct vpci_cpl, request) == 12, "vpci_cpl.request offset");
static inline uint32_t vpci_cpl_len_load(const void *buf)
{ const uint8_t *b = (const uint8_t *)buf; return (uint32_t)(((uint32_t)b[0] << 0) | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24)); }
static inline void vpci_cpl_len_store(void *buf, uint32_t v)
{ uint8_t *b = (uint8_t *)buf; b[0] = (uint8_t)(v >> 0); b[1] = (uint8_t)(v >> 8); b[2] = (uint8_t)(v >> 16); b[3] = (uint8_t)(v >> 24); }
static inline uint16_t vpci_cpl_id_load(const void *buf)
{ const uint8_t *b = (const uint8_t *)buf; return (uint16_t)(((uint16_t)b[4] << 0) | ((uint16_t)b[5] << 8)); }
static inline void vpci_cpl_id_store(void *buf, uint16_t v)
{ uint8_t *b = (uint8_t *)buf; b[4] = (uint8_t)(v >> 0); b[5] = (uint8_t)(v >> 8); }
static inline uint8_t vpci_cpl_status_load(const void *buf)
{ const uint8_t *b = (const uint8_t *)buf; return (uint8_t)(((uint8_t)b[6] << 0)); }
static inline void vpci_cpl_status_store(void *buf, uint8_t v)
{ uint8_t *b = (uint8_t *)buf; b[6] = (uint8_t)(v >> 0); }
static inline uint8_t vpci_cpl_flags_load(const void *buf)
{ const uint8_t *b = (const uint8_t *)buf; return (uint8_t)(((uint8_t)b[7] << 0)); }
static inline void vpci_cpl_flags_store(void *buf, uint8_t v)
{ uint8_t *b = (uint8_t *)buf; b[7] = (uint8_t)(v >> 0); }
static inline uint8_t vpci_cpl_session_load(const void *buf)
{ const uint8_t *b = (const uint8_t *)buf; return (uint8_t)(((uint8_t)b[8] << 0)); }
static inline void vpci_cpl_session_store(void *buf, uint8_t v)
{ uint8_t *b = (uint8_t *)buf; b[8] = (uint8_t)(v >> 0); }
static inline uint8_t vpci_cpl_rsvd0_load(const void *buf)
{ const uint8_t *b = (const uint8_t *)buf; return (uint8_t)(((uint8_t)b[9] << 0)); }
static inline void vpci_cpl_rsvd0_store(void *buf, uint8_t v)
{ uint8_t *b = (uint8_t *)buf; b[9] = (uint8_t)(v >> 0); }
static inline uint16_t vpci_cpl_rsvd1_load(const void *buf)
{ const uint8_t *b = (const uint8_t *)buf; return (uint16_t)(((uint16_t)b[10] << 0) | ((uint16_t)b[11] << 8)); }
static inline void vpci_cpl_rsvd1_store(void *buf, uint16_t v)
{ uint8_t *b = (uint8_t *)buf; b[10] = (uint8_t)(v >> 0); b[11] = (uint8_t)(v >> 8); }
static inline uint32_t vpci_cpl_request_load(const void *buf)
{ const uint8_t *b = (const uint8_t *)buf; return (uint32_t)(((uint32_t)b[12] << 0) | ((uint32_t)b[13] << 8) | ((uint32_t)b[14] << 16) | ((uint32_t)b[15] << 24)); }
static inline void vpci_cpl_request_store(void *buf, uint32_t v)
{ uint8_t *b = (uint8_t *)buf; b[12] = (uint8_t)(v >> 0); b[13] = (uint8_t)(v >> 8); b[14] = (uint8_t)(v >> 16); b[15] = (uint8_t)(v >> 24); }

#endif /* VPCI_REGS_H */
