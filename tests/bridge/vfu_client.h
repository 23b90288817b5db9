/* SPDX-License-Identifier: MIT */
/*
 * vfu_client.h - a raw vfio-user client for the bridge tests: hand-made
 * commands (any header, payload and fds) to the bridge's vfio-user server,
 * replies read with a timeout, and a small "guest memory" that serves the
 * server's DMA_READ/DMA_WRITE commands (maps without an fd).
 */
#ifndef VFU_CLIENT_H
#define VFU_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One received message (header fields and payload). */
struct vfc_msg {
    uint16_t id, cmd;
    uint32_t size, flags, error;
    uint8_t payload[65536 + 64];
    uint32_t len; /* payload bytes */
};

/* Memory the client serves by message (DMA_READ/DMA_WRITE of the server). */
struct vfc_mem {
    uint64_t base;
    uint8_t *buf;
    uint64_t size;
    unsigned reads, writes; /* requests served */
};

/* Send one message with a header built from the arguments (size = 16 + @len). */
int vfc_send(int fd, uint16_t id, uint16_t cmd, uint32_t flags, const void *payload, size_t len,
             const int *fds, unsigned nfds);
/* Receive one message within @timeout_ms: 1 got one, 0 EOF, -1 timeout/error. */
int vfc_recv(int fd, struct vfc_msg *m, int timeout_ms);
/* Receive the reply to @id; server DMA commands that come first are served
 * from @mem (may be NULL: then they fail the call). 1, 0 EOF, -1. */
int vfc_wait_reply(int fd, uint16_t id, struct vfc_msg *m, struct vfc_mem *mem, int timeout_ms);
/* Serve one server DMA command from @mem if one arrives within @timeout_ms. */
int vfc_serve_one(int fd, struct vfc_mem *mem, int timeout_ms);

/* Memory that the helpers below (vfc_read, ...) serve DMA commands from
 * while they wait for their reply (NULL: such a command fails them). */
void vfc_set_default_mem(struct vfc_mem *mem);
/* Connect and negotiate VERSION (capabilities of QEMU 11). fd or -1. */
int vfc_open(const char *path, int timeout_ms);
/* REGION_READ / REGION_WRITE (@posted: NO_REPLY, no answer awaited).
 * 0, or -1 (error reply, EOF, timeout). */
int vfc_read(int fd, uint32_t region, uint64_t off, uint32_t count, void *out);
int vfc_write(int fd, uint32_t region, uint64_t off, uint32_t count, const void *data,
              bool posted);
uint32_t vfc_read32(int fd, uint32_t region, uint64_t off);
int vfc_write32(int fd, uint32_t region, uint64_t off, uint32_t v);
/* DMA_MAP of [addr, addr + size) from @memfd at @offset (-1: no fd). */
int vfc_dma_map(int fd, uint64_t addr, uint64_t size, uint64_t offset, int memfd);
/* SET_IRQS on MSI-X: @nfds eventfds for vectors [start, start + count). */
int vfc_set_irqs(int fd, uint32_t start, uint32_t count, const int *efds, unsigned nfds);

#ifdef __cplusplus
}
#endif

#endif /* VFU_CLIENT_H */
