/* SPDX-License-Identifier: MIT */
/*
 * vfu_msg.h - pure checks of one vfio-user message (QEMU
 * docs/interop/vfio-user.rst, protocol 0.0), the driver face of the bridge's
 * vfio-user server (vfu_server.c, docs/spec.md §12.4).
 *
 * No syscalls: the parser looks at the bytes and the number of fds that came
 * with them and fills a struct vfu_req (commands of the client) or a struct
 * vfu_reply (replies of the client to the server's DMA_READ/DMA_WRITE). The
 * capabilities JSON of VERSION is read and written with json-c. A libFuzzer
 * target (fuzz/fuzz_vfu_msg.c) drives it.
 *
 * Three outcomes for a command:
 *   VFU_OK          well formed: the server acts on it;
 *   VFU_UNSUPPORTED a command this server does not implement but QEMU may
 *                   send (GET_REGION_IO_FDS, DEVICE_FEATURE, MIG_DATA_*):
 *                   answered with an error reply (ENOTSUP), the client stays;
 *   VFU_VIOLATION   a protocol violation (bad header, a size the command
 *                   does not allow, an fd count that does not match the
 *                   command, a count above max_data_xfer_size, an unknown or
 *                   server-to-client command): the reason is given, the
 *                   server closes every fd of the message and drops the client.
 * Semantic errors (region index out of range, overlapping DMA maps...) are
 * the server's: it answers them with an error reply.
 */
#ifndef VB_VFU_MSG_H
#define VB_VFU_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VFU_HDR_SIZE 16u
#define VFU_MAX_XFER 65536u                          /* our max_data_xfer_size       */
#define VFU_MAX_MSG (VFU_HDR_SIZE + 16u + VFU_MAX_XFER) /* largest message accepted */
#define VFU_MAX_FDS 16u                              /* our max_msg_fds              */
#define VFU_PGSIZE 4096u                             /* pgsizes                      */
#define VFU_MAX_DMA_MAPS 4096u                       /* max_dma_maps                 */
#define VFU_MULTI_MAX 256u                           /* WRITE_MULTI entries at most  */

/* Commands (vfio-user.rst "Commands"). */
enum vfu_cmd {
    VFU_CMD_VERSION = 1,
    VFU_CMD_DMA_MAP = 2,
    VFU_CMD_DMA_UNMAP = 3,
    VFU_CMD_DEVICE_GET_INFO = 4,
    VFU_CMD_DEVICE_GET_REGION_INFO = 5,
    VFU_CMD_DEVICE_GET_REGION_IO_FDS = 6,
    VFU_CMD_DEVICE_GET_IRQ_INFO = 7,
    VFU_CMD_DEVICE_SET_IRQS = 8,
    VFU_CMD_REGION_READ = 9,
    VFU_CMD_REGION_WRITE = 10,
    VFU_CMD_DMA_READ = 11,
    VFU_CMD_DMA_WRITE = 12,
    VFU_CMD_DEVICE_RESET = 13,
    VFU_CMD_REGION_WRITE_MULTI = 15,
    VFU_CMD_DEVICE_FEATURE = 16,
    VFU_CMD_MIG_DATA_READ = 17,
    VFU_CMD_MIG_DATA_WRITE = 18,
};

/* Header flags. */
#define VFU_F_TYPE_MASK 0xfu
#define VFU_F_TYPE_COMMAND 0x0u
#define VFU_F_TYPE_REPLY 0x1u
#define VFU_F_NO_REPLY 0x10u
#define VFU_F_ERROR 0x20u

/* VFIO constants used on the wire (linux/vfio.h values). */
#define VFU_DMA_F_READ 1u
#define VFU_DMA_F_WRITE 2u
#define VFU_DMA_UNMAP_F_ALL 2u
#define VFU_DEV_F_RESET 1u
#define VFU_DEV_F_PCI 2u
#define VFU_REGION_F_READ 1u
#define VFU_REGION_F_WRITE 2u
#define VFU_REGION_F_MMAP 4u
#define VFU_PCI_BAR0 0u
#define VFU_PCI_ROM 6u
#define VFU_PCI_CONFIG 7u
#define VFU_PCI_NUM_REGIONS 9u
#define VFU_IRQ_INTX 0u
#define VFU_IRQ_MSI 1u
#define VFU_IRQ_MSIX 2u
#define VFU_PCI_NUM_IRQS 5u
#define VFU_IRQ_INFO_EVENTFD 1u
#define VFU_IRQ_INFO_MASKABLE 2u
#define VFU_IRQ_SET_DATA_NONE 1u
#define VFU_IRQ_SET_DATA_BOOL 2u
#define VFU_IRQ_SET_DATA_EVENTFD 4u
#define VFU_IRQ_SET_ACTION_MASK 8u
#define VFU_IRQ_SET_ACTION_UNMASK 16u
#define VFU_IRQ_SET_ACTION_TRIGGER 32u
#define VFU_IRQ_SET_COUNT_MAX 2048u

enum vfu_parse {
    VFU_OK = 0,
    VFU_UNSUPPORTED = 1,
    VFU_VIOLATION = -1,
};

struct vfu_hdr {
    uint16_t id;
    uint16_t cmd;
    uint32_t size;  /* whole message, header included */
    uint32_t flags;
    uint32_t error;
};

/* The client's capabilities (VERSION), defaults where absent. */
struct vfu_caps {
    uint32_t max_msg_fds;        /* default 1       */
    uint64_t max_data_xfer_size; /* default 1 MiB   */
    uint64_t max_dma_maps;       /* default 65535   */
    uint64_t pgsizes;            /* default 4096    */
    bool write_multiple;
    bool twin_socket;
};

/* One region access of REGION_READ/WRITE or one entry of WRITE_MULTI. */
struct vfu_rw {
    uint64_t offset;
    uint32_t region;
    uint32_t count;
    const uint8_t *data; /* writes: @count bytes inside the message */
};

/* A parsed command; pointers point into the message. */
struct vfu_req {
    struct vfu_hdr hdr;
    bool no_reply;
    unsigned nfds;
    union {
        struct {
            uint16_t major, minor;
            struct vfu_caps caps;
        } version;
        struct {
            uint32_t argsz, flags;
            uint64_t offset, addr, size;
        } dma_map;
        struct {
            uint32_t argsz, flags;
            uint64_t addr, size;
        } dma_unmap;
        struct {
            uint32_t argsz, index; /* index: region or irq (GET_*_INFO) */
        } info;
        struct {
            uint32_t argsz, flags, index, start, count;
            const uint8_t *bools; /* DATA_BOOL: @count bytes */
        } set_irqs;
        struct vfu_rw rw;
        struct {
            uint32_t n;
            const uint8_t *wrs; /* n entries of 24 bytes: vfu_multi_entry() */
        } multi;
    } u;
};

/* A parsed reply of the client to a server command. */
struct vfu_reply {
    struct vfu_hdr hdr;
    bool error;            /* ERROR flag set                     */
    uint64_t addr, count;  /* DMA_READ/DMA_WRITE (absent on error) */
    const uint8_t *data;   /* DMA_READ: @count bytes              */
};

/* Decode the 16 header bytes (no checks). */
void vfu_hdr_decode(const uint8_t *p, struct vfu_hdr *h);
/* Encode @h into 16 bytes. */
void vfu_hdr_encode(uint8_t *p, const struct vfu_hdr *h);

/* Check a header: size within [16, VFU_MAX_MSG], type command or reply.
 * 0 or -1 with a reason. */
int vfu_hdr_check(const uint8_t *hdr, char *why, size_t whylen);

/* Parse a complete command of @len bytes that came with @nfds fds.
 * Returns enum vfu_parse; @why names the reason unless VFU_OK. */
int vfu_msg_parse(const uint8_t *msg, size_t len, unsigned nfds, struct vfu_req *r, char *why,
                  size_t whylen);

/* Parse a complete reply (REPLY type) of @len bytes with @nfds fds: 0, or -1
 * (violation) with a reason. A reply must carry no fds; a DMA_READ reply
 * without ERROR carries address, count and exactly count data bytes; a
 * DMA_WRITE reply at least address and a 4-byte count. */
int vfu_reply_parse(const uint8_t *msg, size_t len, unsigned nfds, struct vfu_reply *r,
                    char *why, size_t whylen);

/* Entry @i of a parsed WRITE_MULTI. */
void vfu_multi_entry(const struct vfu_req *r, uint32_t i, struct vfu_rw *w);

/* Build the VERSION reply payload (major, minor, capabilities JSON with its
 * NUL) into @out of @cap bytes, no longer than @limit bytes (the client sizes
 * its receive buffer from its request): the full capabilities if they fit,
 * else "{}", else none. Returns the payload length. */
size_t vfu_version_reply(uint8_t *out, size_t cap, size_t limit);

/* Name of a command ("DMA_MAP"), "?" if unknown. */
const char *vfu_cmd_name(uint32_t cmd);

#ifdef __cplusplus
}
#endif

#endif /* VB_VFU_MSG_H */
