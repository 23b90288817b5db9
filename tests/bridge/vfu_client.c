/* SPDX-License-Identifier: MIT */
/*
 * vfu_client.c - raw vfio-user test client (see vfu_client.h).
 */
#define _GNU_SOURCE
#include "vfu_client.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vu_client.h"

static uint16_t next_id = 1;
static struct vfc_mem *default_mem;

void vfc_set_default_mem(struct vfc_mem *mem) { default_mem = mem; }

int vfc_send(int fd, uint16_t id, uint16_t cmd, uint32_t flags, const void *payload, size_t len,
             const int *fds, unsigned nfds)
{
    uint8_t buf[16 + 65536 + 64];
    if (len > sizeof(buf) - 16)
        return -1;
    uint32_t size = (uint32_t)(16 + len), err = 0;
    memcpy(buf, &id, 2);
    memcpy(buf + 2, &cmd, 2);
    memcpy(buf + 4, &size, 4);
    memcpy(buf + 8, &flags, 4);
    memcpy(buf + 12, &err, 4);
    if (len)
        memcpy(buf + 16, payload, len);
    return vc_send_raw(fd, buf, 16 + len, fds, nfds);
}

static int read_full(int fd, uint8_t *p, size_t n, int timeout_ms)
{
    size_t got = 0;
    while (got < n) {
        struct pollfd pf = {.fd = fd, .events = POLLIN};
        if (poll(&pf, 1, timeout_ms) <= 0)
            return -1;
        ssize_t r = recv(fd, p + got, n - got, 0);
        if (r == 0)
            return 0;
        if (r < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            return errno == ECONNRESET ? 0 : -1;
        }
        got += (size_t)r;
    }
    return 1;
}

int vfc_recv(int fd, struct vfc_msg *m, int timeout_ms)
{
    uint8_t h[16];
    int rc = read_full(fd, h, 16, timeout_ms);
    if (rc <= 0)
        return rc;
    memcpy(&m->id, h, 2);
    memcpy(&m->cmd, h + 2, 2);
    memcpy(&m->size, h + 4, 4);
    memcpy(&m->flags, h + 8, 4);
    memcpy(&m->error, h + 12, 4);
    if (m->size < 16 || m->size - 16 > sizeof(m->payload))
        return -1;
    m->len = m->size - 16;
    if (m->len == 0)
        return 1;
    return read_full(fd, m->payload, m->len, timeout_ms);
}

/* Serve a DMA_READ/DMA_WRITE command @m of the server from @mem. */
static int serve(int fd, const struct vfc_msg *m, struct vfc_mem *mem)
{
    uint64_t addr, count;
    if (!mem || m->len < 16)
        return -1;
    memcpy(&addr, m->payload, 8);
    memcpy(&count, m->payload + 8, 8);
    bool inside = addr >= mem->base && count <= mem->size && addr - mem->base <= mem->size - count;
    uint8_t out[16 + 65536];
    memcpy(out, &addr, 8);
    memcpy(out + 8, &count, 8);
    if (!inside || count > 65536)
        return vfc_send(fd, m->id, m->cmd, 0x1 | 0x20, NULL, 0, NULL, 0);
    if (m->cmd == 11) { /* DMA_READ */
        memcpy(out + 16, mem->buf + (addr - mem->base), count);
        mem->reads++;
        return vfc_send(fd, m->id, m->cmd, 0x1, out, 16 + count, NULL, 0);
    }
    if (m->len != 16 + count)
        return -1;
    memcpy(mem->buf + (addr - mem->base), m->payload + 16, count);
    mem->writes++;
    return vfc_send(fd, m->id, m->cmd, 0x1, out, 12, NULL, 0);
}

int vfc_serve_one(int fd, struct vfc_mem *mem, int timeout_ms)
{
    struct vfc_msg *m = malloc(sizeof(*m));
    if (!m)
        return -1;
    int rc = vfc_recv(fd, m, timeout_ms);
    if (rc == 1 && ((m->flags & 0xf) != 0 || serve(fd, m, mem) < 0))
        rc = -1;
    free(m);
    return rc;
}

int vfc_wait_reply(int fd, uint16_t id, struct vfc_msg *m, struct vfc_mem *mem, int timeout_ms)
{
    for (;;) {
        int rc = vfc_recv(fd, m, timeout_ms);
        if (rc <= 0)
            return rc;
        if ((m->flags & 0xf) == 1)
            return m->id == id ? 1 : -1;
        if (serve(fd, m, mem) < 0)
            return -1;
    }
}

static int call(int fd, uint16_t cmd, const void *p, size_t n, const int *fds, unsigned nfds,
                struct vfc_msg *m)
{
    uint16_t id = next_id++;
    if (vfc_send(fd, id, cmd, 0, p, n, fds, nfds) < 0)
        return -1;
    if (vfc_wait_reply(fd, id, m, default_mem, 3000) != 1)
        return -1;
    return (m->flags & 0x20) ? -1 : 0;
}

int vfc_open(const char *path, int timeout_ms)
{
    int fd = vc_connect(path, timeout_ms);
    if (fd < 0)
        return -1;
    static const char caps[] =
        "{\"capabilities\":{\"max_msg_fds\":16,\"max_data_xfer_size\":1048576,"
        "\"pgsizes\":4096,\"max_dma_maps\":65535,\"migration\":{\"pgsize\":4096,"
        "\"max_bitmap_size\":1048576},\"write_multiple\":true}}";
    uint8_t p[4 + sizeof(caps)] = {0};
    memcpy(p + 4, caps, sizeof(caps));
    struct vfc_msg *m = malloc(sizeof(*m));
    int rc = m ? call(fd, 1, p, sizeof(p), NULL, 0, m) : -1;
    free(m);
    if (rc < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int vfc_read(int fd, uint32_t region, uint64_t off, uint32_t count, void *out)
{
    uint8_t p[16];
    memcpy(p, &off, 8);
    memcpy(p + 8, &region, 4);
    memcpy(p + 12, &count, 4);
    struct vfc_msg *m = malloc(sizeof(*m));
    int rc = m ? call(fd, 9, p, sizeof(p), NULL, 0, m) : -1;
    if (rc == 0 && m->len != 16 + count)
        rc = -1;
    if (rc == 0)
        memcpy(out, m->payload + 16, count);
    free(m);
    return rc;
}

int vfc_write(int fd, uint32_t region, uint64_t off, uint32_t count, const void *data, bool posted)
{
    uint8_t p[16 + 4096];
    if (count > 4096)
        return -1;
    memcpy(p, &off, 8);
    memcpy(p + 8, &region, 4);
    memcpy(p + 12, &count, 4);
    memcpy(p + 16, data, count);
    if (posted)
        return vfc_send(fd, next_id++, 10, 0x10, p, 16 + count, NULL, 0);
    struct vfc_msg *m = malloc(sizeof(*m));
    int rc = m ? call(fd, 10, p, 16 + count, NULL, 0, m) : -1;
    free(m);
    return rc;
}

uint32_t vfc_read32(int fd, uint32_t region, uint64_t off)
{
    uint32_t v = 0xdeadbeef;
    if (vfc_read(fd, region, off, 4, &v) < 0)
        return 0xdeadbeef;
    return v;
}

int vfc_write32(int fd, uint32_t region, uint64_t off, uint32_t v)
{
    return vfc_write(fd, region, off, 4, &v, false);
}

int vfc_dma_map(int fd, uint64_t addr, uint64_t size, uint64_t offset, int memfd)
{
    uint8_t p[32];
    uint32_t argsz = 32, flags = 3;
    memcpy(p, &argsz, 4);
    memcpy(p + 4, &flags, 4);
    memcpy(p + 8, &offset, 8);
    memcpy(p + 16, &addr, 8);
    memcpy(p + 24, &size, 8);
    struct vfc_msg *m = malloc(sizeof(*m));
    int rc = m ? call(fd, 2, p, sizeof(p), memfd >= 0 ? &memfd : NULL, memfd >= 0, m) : -1;
    free(m);
    return rc;
}

int vfc_set_irqs(int fd, uint32_t start, uint32_t count, const int *efds, unsigned nfds)
{
    uint8_t p[20];
    uint32_t argsz = 20, flags = 4 | 32, index = 2; /* DATA_EVENTFD | ACTION_TRIGGER, MSI-X */
    memcpy(p, &argsz, 4);
    memcpy(p + 4, &flags, 4);
    memcpy(p + 8, &index, 4);
    memcpy(p + 12, &start, 4);
    memcpy(p + 16, &count, 4);
    struct vfc_msg *m = malloc(sizeof(*m));
    int rc = m ? call(fd, 8, p, sizeof(p), efds, nfds, m) : -1;
    free(m);
    return rc;
}
