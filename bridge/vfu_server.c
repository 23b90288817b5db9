/* SPDX-License-Identifier: MIT */
/*
 * vfu_server.c - the vfio-user server: the driver face of one adapter core
 * (see vfu_server.h; docs/spec.md §12.4; QEMU docs/interop/vfio-user.rst).
 */
#define _GNU_SOURCE
#include "vfu_server.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "res.h"
#include "vfu_msg.h"
#include "vu_conn.h"

#define VFU_TX_LIMIT (2u * VFU_MAX_MSG) /* bytes queued towards the client at most */
#define VFU_MSGS_PER_TURN 64u           /* messages handled per readable event     */
#define VFU_OPS 16u                     /* core DMA requests served by messages   */
#define VFU_CHUNKS 64u                  /* DMA_READ/WRITE messages outstanding     */
#define VFU_CFG_SIZE 4096u

/* One DMA_MAP entry: fd-backed (host != NULL) or served by messages. */
struct vfu_map {
    uint64_t addr, size;
    uint32_t flags;   /* VFU_DMA_F_READ / VFU_DMA_F_WRITE */
    uint8_t *host;    /* first byte of the map, NULL: no fd */
    void *map;        /* the whole mapping (page-aligned)   */
    size_t map_len;
};

/* A core DMA request served by DMA_READ/DMA_WRITE messages. */
struct vfu_op {
    bool busy;
    bool failed;
    uint32_t tag;
    enum vpci_dma_dir dir;
    uint8_t *buf;          /* the core's bounce buffer, valid until completion */
    unsigned outstanding;  /* chunks without a reply                          */
};

/* One DMA_READ/DMA_WRITE message waiting for its reply. */
struct vfu_chunk {
    bool busy;
    uint16_t id, cmd;
    unsigned op;
    uint64_t addr;
    uint32_t off, count;
};

struct vfu_server {
    struct vb_loop *loop;
    struct vb_trace *tr;
    char name[32];
    struct vfu_server_opts o;
    struct vpci_core *core;
    unsigned nvec;
    int *irq_fd;          /* per MSI-X vector: eventfd or -1          */
    bool *client_masked;  /* per vector: masked by SET_IRQS MASK      */
    int lfd;
    struct vb_watch lw;
    int cfd;
    struct vb_watch cw;
    /* receive: one message */
    uint8_t *rx;
    size_t rx_have;
    int rx_fds[VFU_MAX_FDS];
    unsigned rx_nfds;
    /* transmit */
    uint8_t *tx;
    size_t tx_len, tx_cap;
    uint8_t *scratch;     /* reply under construction (VFU_MAX_MSG)   */
    uint8_t *dmamsg;      /* DMA_READ/WRITE under construction: a core
                           * call inside a command may issue DMA       */
    /* session with the client */
    bool version_done;
    struct vfu_caps caps;
    struct vfu_map *maps;
    unsigned nmaps, maps_cap;
    struct vfu_op ops[VFU_OPS];
    struct vfu_chunk chunks[VFU_CHUNKS];
    uint16_t next_id;
    bool broken;          /* a drop is posted (asked for inside a core call) */
    char broken_why[256];
    struct vb_work drop_work;
    struct vfu_server_stats st;
};

static void srv_log(struct vfu_server *s, enum vb_level lvl, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void srv_log(struct vfu_server *s, enum vb_level lvl, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    vb_log(s->tr, lvl, s->name, "vfio-user: %s", line);
}

static void trace_msg(struct vfu_server *s, bool out, const uint8_t *msg, unsigned nfds)
{
    if (!s->tr->trace)
        return;
    struct vfu_hdr h;
    vfu_hdr_decode(msg, &h);
    vb_log(s->tr, VB_INFO, s->name, "%s %s(%u) id=%u flags=0x%x size=%u fds=%u%s%s",
           out ? "A>V" : "V>A", vfu_cmd_name(h.cmd), h.cmd, h.id, h.flags, h.size, nfds,
           (h.flags & VFU_F_TYPE_MASK) == VFU_F_TYPE_REPLY ? " REPLY" : "",
           h.flags & VFU_F_NO_REPLY ? " NO_REPLY" : "");
}

/* ------------------------------------------------------------------ */
/* transmit                                                             */
/* ------------------------------------------------------------------ */

static void update_out_watch(struct vfu_server *s)
{
    if (s->cfd < 0)
        return;
    uint32_t ev = EPOLLIN | (s->tx_len ? EPOLLOUT : 0);
    if (s->cw.events != ev)
        vb_loop_mod(s->loop, &s->cw, ev);
}

static int tx_flush(struct vfu_server *s)
{
    while (s->tx_len) {
        ssize_t n = send(s->cfd, s->tx, s->tx_len, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            if (errno == EINTR)
                continue;
            return -1;
        }
        memmove(s->tx, s->tx + n, s->tx_len - (size_t)n);
        s->tx_len -= (size_t)n;
    }
    update_out_watch(s);
    return 0;
}

/* Queue one message; -1 when the client does not read (limit) or failed. */
static int tx_msg(struct vfu_server *s, const uint8_t *msg, size_t len)
{
    if (s->cfd < 0 || s->tx_len + len > VFU_TX_LIMIT)
        return -1;
    if (s->tx_len + len > s->tx_cap) {
        size_t cap = s->tx_cap ? s->tx_cap : 4096;
        while (cap < s->tx_len + len)
            cap *= 2;
        uint8_t *t = realloc(s->tx, cap);
        if (!t)
            return -1;
        s->tx = t;
        s->tx_cap = cap;
    }
    memcpy(s->tx + s->tx_len, msg, len);
    s->tx_len += len;
    s->st.msgs_out++;
    trace_msg(s, true, msg, 0);
    return tx_flush(s);
}

/* ------------------------------------------------------------------ */
/* client lifetime                                                      */
/* ------------------------------------------------------------------ */

static void update_mask(struct vfu_server *s, unsigned v)
{
    vpci_msix_ext_mask(s->core, (uint16_t)v, s->irq_fd[v] < 0 || s->client_masked[v]);
}

static void set_irq_fd(struct vfu_server *s, unsigned v, int fd)
{
    if (s->irq_fd[v] >= 0)
        close(s->irq_fd[v]);
    s->irq_fd[v] = fd;
    update_mask(s, v);
}

static void unmap_one(struct vfu_map *m)
{
    if (m->map)
        munmap(m->map, m->map_len);
    m->map = NULL;
}

static void unmap_all(struct vfu_server *s)
{
    for (unsigned i = 0; i < s->nmaps; i++)
        unmap_one(&s->maps[i]);
    s->nmaps = 0;
    s->st.dma_maps = 0;
}

static void close_rx_fds(struct vfu_server *s)
{
    for (unsigned i = 0; i < s->rx_nfds; i++)
        if (s->rx_fds[i] >= 0)
            close(s->rx_fds[i]);
    s->rx_nfds = 0;
}

static void on_listen(void *o, uint32_t events);

/* The client is gone (EOF, error, violation or close): spec §12.4. */
static void client_gone(struct vfu_server *s, bool violation, const char *why)
{
    if (s->cfd < 0)
        return;
    srv_log(s, violation ? VB_WARN : VB_INFO, "client %s: %s",
            violation ? "dropped" : "disconnected", why);
    snprintf(s->st.last_drop, sizeof(s->st.last_drop), "%s", why);
    if (violation)
        s->st.violations++;
    vb_loop_del(s->loop, &s->cw);
    close(s->cfd);
    s->cfd = -1;
    close_rx_fds(s);
    s->rx_have = 0;
    s->tx_len = 0;
    vb_loop_cancel(s->loop, &s->drop_work);
    s->broken = false;
    /* The backend VM is gone: its device is reset (a bound master session
     * ends, an unbound one stays); DMA still waiting for a reply completes
     * (stale after the reset: only the core's slot is freed). */
    vpci_core_pci_reset(s->core);
    for (unsigned i = 0; i < VFU_CHUNKS; i++)
        s->chunks[i].busy = false;
    for (unsigned i = 0; i < VFU_OPS; i++)
        if (s->ops[i].busy) {
            s->ops[i].busy = false;
            vpci_dma_complete(s->core, s->ops[i].tag, VPCI_DMA_ERROR);
        }
    unmap_all(s);
    for (unsigned v = 0; v < s->nvec; v++) {
        s->client_masked[v] = false;
        set_irq_fd(s, v, -1);
    }
    s->version_done = false;
    if (s->lfd >= 0)
        vb_loop_add(s->loop, &s->lw, s->lfd, EPOLLIN, on_listen, s);
}

static void drop_work_cb(void *o)
{
    struct vfu_server *s = o;
    if (s->broken)
        client_gone(s, true, s->broken_why);
}

/* A drop asked for inside a core callback: done after the current batch. */
static void post_drop(struct vfu_server *s, const char *why)
{
    if (s->broken || s->cfd < 0)
        return;
    s->broken = true;
    snprintf(s->broken_why, sizeof(s->broken_why), "%s", why);
    vb_loop_post(s->loop, &s->drop_work, drop_work_cb, s);
}

/* ------------------------------------------------------------------ */
/* driver face of the core                                              */
/* ------------------------------------------------------------------ */

static struct vfu_map *find_map(struct vfu_server *s, uint64_t addr)
{
    for (unsigned i = 0; i < s->nmaps; i++)
        if (addr - s->maps[i].addr < s->maps[i].size)
            return &s->maps[i];
    return NULL;
}

static void dma_fail(struct vfu_server *s, uint32_t tag)
{
    s->st.dma_failed++;
    vpci_dma_complete(s->core, tag, VPCI_DMA_ERROR);
}

/* Serve a request through DMA_READ/DMA_WRITE messages; false if it could
 * not be issued (then nothing was sent). */
static bool dma_by_msgs(struct vfu_server *s, const struct vpci_dma_req *r)
{
    unsigned op = 0;
    while (op < VFU_OPS && s->ops[op].busy)
        op++;
    uint64_t chunk = s->caps.max_data_xfer_size < VFU_MAX_XFER ? s->caps.max_data_xfer_size
                                                                : VFU_MAX_XFER;
    if (op == VFU_OPS || chunk == 0)
        return false;
    unsigned need = (unsigned)((r->len + chunk - 1) / chunk), freec = 0;
    for (unsigned i = 0; i < VFU_CHUNKS; i++)
        freec += !s->chunks[i].busy;
    if (need > freec)
        return false;
    struct vfu_op *o = &s->ops[op];
    *o = (struct vfu_op){.busy = true, .tag = r->tag, .dir = r->dir, .buf = r->buf};
    unsigned ci = 0;
    for (uint32_t off = 0; off < r->len; off += (uint32_t)chunk) {
        uint32_t count = r->len - off < chunk ? r->len - off : (uint32_t)chunk;
        while (s->chunks[ci].busy)
            ci++;
        struct vfu_chunk *c = &s->chunks[ci];
        uint16_t cmd = r->dir == VPCI_DMA_READ ? VFU_CMD_DMA_READ : VFU_CMD_DMA_WRITE;
        *c = (struct vfu_chunk){.busy = true, .id = s->next_id++, .cmd = cmd, .op = op,
                                .addr = r->addr + off, .off = off, .count = count};
        size_t plen = 16 + (r->dir == VPCI_DMA_WRITE ? count : 0);
        struct vfu_hdr h = {.id = c->id, .cmd = cmd, .size = (uint32_t)(VFU_HDR_SIZE + plen),
                            .flags = VFU_F_TYPE_COMMAND};
        uint8_t *m = s->dmamsg;
        uint64_t cnt64 = count;
        vfu_hdr_encode(m, &h);
        memcpy(m + 16, &c->addr, 8);
        memcpy(m + 24, &cnt64, 8);
        if (r->dir == VPCI_DMA_WRITE)
            memcpy(m + 32, r->buf + off, count);
        o->outstanding++;
        s->st.dma_msgs++;
        if (tx_msg(s, m, VFU_HDR_SIZE + plen) < 0) {
            /* The client does not read: it is dropped after this batch,
             * which completes the request (as failed). */
            o->failed = true;
            post_drop(s, "client does not read (DMA messages pile up)");
            break;
        }
    }
    return true;
}

/* ->dma: fd-backed maps by memory copy at once, fd-less ones by messages. */
static void drv_dma(void *opaque, const struct vpci_dma_req *r)
{
    struct vfu_server *s = opaque;
    uint32_t need = r->dir == VPCI_DMA_READ ? VFU_DMA_F_READ : VFU_DMA_F_WRITE;
    uint64_t end = r->addr + r->len;
    bool direct = true;
    if (s->cfd < 0 || s->broken || r->len == 0 || end < r->addr) {
        dma_fail(s, r->tag);
        return;
    }
    /* Every byte must lie in a map that allows the access. */
    for (uint64_t a = r->addr; a < end;) {
        struct vfu_map *m = find_map(s, a);
        if (!m || !(m->flags & need)) {
            srv_log(s, VB_DEBUG, "DMA %s [0x%llx, +%u): 0x%llx is %s",
                    r->dir == VPCI_DMA_READ ? "read" : "write", (unsigned long long)r->addr,
                    r->len, (unsigned long long)a, m ? "not permitted" : "not mapped");
            dma_fail(s, r->tag);
            return;
        }
        direct &= m->host != NULL;
        uint64_t mend = m->addr + m->size;
        a = mend < end && mend > a ? mend : end;
    }
    if (!direct) {
        if (!dma_by_msgs(s, r))
            dma_fail(s, r->tag);
        return;
    }
    for (uint64_t a = r->addr; a < end;) {
        struct vfu_map *m = find_map(s, a);
        uint64_t mend = m->addr + m->size;
        uint64_t stop = mend < end && mend > a ? mend : end;
        uint8_t *host = m->host + (a - m->addr);
        uint8_t *buf = (uint8_t *)r->buf + (a - r->addr);
        if (r->dir == VPCI_DMA_READ)
            memcpy(buf, host, (size_t)(stop - a));
        else
            memcpy(host, buf, (size_t)(stop - a));
        a = stop;
    }
    if (r->dir == VPCI_DMA_WRITE)
        __atomic_thread_fence(__ATOMIC_RELEASE);
    s->st.dma_direct++;
    vpci_dma_complete(s->core, r->tag, VPCI_DMA_OK);
}

/* ->irq (external MSI-X): write the vector's eventfd. */
static void drv_irq(void *opaque, uint16_t vector)
{
    struct vfu_server *s = opaque;
    if (vector >= s->nvec || s->irq_fd[vector] < 0)
        return; /* masked in the core while no fd: not reached */
    uint64_t one = 1;
    if (write(s->irq_fd[vector], &one, sizeof(one)) == (ssize_t)sizeof(one))
        s->st.irqs++;
}

static const struct vpci_driver_ops drv_ops = {.dma = drv_dma, .irq = drv_irq};

/* ------------------------------------------------------------------ */
/* commands                                                             */
/* ------------------------------------------------------------------ */

static void reply(struct vfu_server *s, const struct vfu_req *q, const void *payload, size_t n)
{
    if (q->no_reply)
        return;
    struct vfu_hdr h = {.id = q->hdr.id, .cmd = q->hdr.cmd, .size = (uint32_t)(VFU_HDR_SIZE + n),
                        .flags = VFU_F_TYPE_REPLY};
    uint8_t *m = s->scratch;
    if (payload != m + VFU_HDR_SIZE && n)
        memmove(m + VFU_HDR_SIZE, payload, n);
    vfu_hdr_encode(m, &h);
    if (tx_msg(s, m, VFU_HDR_SIZE + n) < 0)
        post_drop(s, "client does not read its replies");
}

static void reply_error(struct vfu_server *s, const struct vfu_req *q, int err, const char *why)
{
    s->st.errors++;
    srv_log(s, VB_DEBUG, "%s(%u) id=%u: error %d: %s", vfu_cmd_name(q->hdr.cmd), q->hdr.cmd,
            q->hdr.id, err, why);
    if (q->no_reply)
        return;
    struct vfu_hdr h = {.id = q->hdr.id, .cmd = q->hdr.cmd, .size = VFU_HDR_SIZE,
                        .flags = VFU_F_TYPE_REPLY | VFU_F_ERROR, .error = (uint32_t)err};
    uint8_t m[VFU_HDR_SIZE];
    vfu_hdr_encode(m, &h);
    if (tx_msg(s, m, sizeof(m)) < 0)
        post_drop(s, "client does not read its replies");
}

static uint64_t region_size(struct vfu_server *s, uint32_t region)
{
    if (region == VFU_PCI_CONFIG)
        return VFU_CFG_SIZE;
    if (region == 0 || region == 2 || region == 4)
        return vpci_bar_size(s->core, region);
    return 0;
}

/* One region access split into naturally aligned pieces (config: at most
 * 4 bytes, spec §2.4; BARs: at most 8, spec §3.2, §3.3). */
static void region_access(struct vfu_server *s, uint32_t region, uint64_t off, uint32_t count,
                          uint8_t *data, bool write)
{
    unsigned maxsz = region == VFU_PCI_CONFIG ? 4 : 8;
    uint32_t done = 0;
    while (done < count) {
        uint64_t at = off + done;
        unsigned sz = maxsz;
        while (sz > 1 && (at % sz || sz > count - done))
            sz /= 2;
        uint64_t v = 0;
        if (write) {
            memcpy(&v, data + done, sz);
            if (region == VFU_PCI_CONFIG)
                vpci_cfg_write(s->core, (uint32_t)at, sz, (uint32_t)v);
            else
                vpci_mmio_write(s->core, region, at, sz, v);
        } else {
            if (region == VFU_PCI_CONFIG)
                v = vpci_cfg_read(s->core, (uint32_t)at, sz);
            else
                v = vpci_mmio_read(s->core, region, at, sz);
            memcpy(data + done, &v, sz);
        }
        done += sz;
    }
}

/* Check the range of an access; true if it is served. */
static bool region_ok(struct vfu_server *s, const struct vfu_rw *w)
{
    uint64_t size = region_size(s, w->region);
    return size && w->offset < size && w->count <= size - w->offset;
}

static void do_version(struct vfu_server *s, const struct vfu_req *q)
{
    s->caps = q->u.version.caps;
    s->version_done = true;
    size_t n = vfu_version_reply(s->scratch + VFU_HDR_SIZE, VFU_MAX_MSG - VFU_HDR_SIZE,
                                 q->hdr.size - VFU_HDR_SIZE);
    srv_log(s, VB_INFO, "client version %u.%u, max_msg_fds %u, max_data_xfer_size %llu",
            q->u.version.major, q->u.version.minor, s->caps.max_msg_fds,
            (unsigned long long)s->caps.max_data_xfer_size);
    reply(s, q, s->scratch + VFU_HDR_SIZE, n);
}

static void do_dma_map(struct vfu_server *s, const struct vfu_req *q)
{
    uint64_t addr = q->u.dma_map.addr, size = q->u.dma_map.size, off = q->u.dma_map.offset;
    uint32_t fl = q->u.dma_map.flags;
    int fd = q->nfds ? s->rx_fds[0] : -1;
    if (fl & ~(VFU_DMA_F_READ | VFU_DMA_F_WRITE) || !fl) {
        reply_error(s, q, EINVAL, "bad flags");
        return;
    }
    if (size == 0 || addr + size < addr || (fd >= 0 && off + size < off)) {
        reply_error(s, q, EINVAL, "empty or wrapping range");
        return;
    }
    for (unsigned i = 0; i < s->nmaps; i++) {
        const struct vfu_map *m = &s->maps[i];
        if (addr < m->addr + m->size && m->addr < addr + size) {
            reply_error(s, q, EEXIST, "overlaps an existing map");
            return;
        }
    }
    if (s->nmaps >= VFU_MAX_DMA_MAPS) {
        reply_error(s, q, ENOSPC, "too many maps");
        return;
    }
    if (s->nmaps == s->maps_cap) {
        unsigned cap = s->maps_cap ? 2 * s->maps_cap : 64;
        struct vfu_map *m = realloc(s->maps, cap * sizeof(*m));
        if (!m) {
            reply_error(s, q, ENOMEM, "out of memory");
            return;
        }
        s->maps = m;
        s->maps_cap = cap;
    }
    struct vfu_map m = {.addr = addr, .size = size, .flags = fl};
    if (fd >= 0) {
        struct stat st;
        if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
            reply_error(s, q, EINVAL, "fd is not a regular file");
            return;
        }
        if (off % VFU_PGSIZE || off + size > (uint64_t)st.st_size) {
            reply_error(s, q, EINVAL, "offset not page-aligned or range beyond the file");
            return;
        }
        size_t len = (size_t)((size + VFU_PGSIZE - 1) & ~(uint64_t)(VFU_PGSIZE - 1));
        int prot = (fl & VFU_DMA_F_READ ? PROT_READ : 0) | (fl & VFU_DMA_F_WRITE ? PROT_WRITE : 0);
        void *p = mmap(NULL, len, prot, MAP_SHARED, fd, (off_t)off);
        if (p == MAP_FAILED) {
            int e = errno;
            reply_error(s, q, e, "mmap failed");
            return;
        }
        m.map = p;
        m.map_len = len;
        m.host = p;
    }
    s->maps[s->nmaps++] = m;
    s->st.dma_maps = s->nmaps;
    srv_log(s, VB_DEBUG, "DMA map [0x%llx, +0x%llx) %s%s %s", (unsigned long long)addr,
            (unsigned long long)size, fl & VFU_DMA_F_READ ? "r" : "", fl & VFU_DMA_F_WRITE ? "w" : "",
            fd >= 0 ? "mapped" : "by messages");
    reply(s, q, NULL, 0);
}

static void do_dma_unmap(struct vfu_server *s, const struct vfu_req *q, const uint8_t *payload)
{
    uint32_t fl = q->u.dma_unmap.flags;
    if (fl & ~VFU_DMA_UNMAP_F_ALL) {
        reply_error(s, q, EINVAL, "bad flags");
        return;
    }
    if (fl & VFU_DMA_UNMAP_F_ALL) {
        unmap_all(s);
    } else {
        unsigned i = 0;
        while (i < s->nmaps &&
               (s->maps[i].addr != q->u.dma_unmap.addr || s->maps[i].size != q->u.dma_unmap.size))
            i++;
        if (i == s->nmaps) {
            reply_error(s, q, EINVAL, "no map with this address and size");
            return;
        }
        unmap_one(&s->maps[i]);
        s->maps[i] = s->maps[--s->nmaps];
        s->st.dma_maps = s->nmaps;
    }
    reply(s, q, payload, 24); /* the original entry */
}

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

static void do_get_info(struct vfu_server *s, const struct vfu_req *q)
{
    if (q->u.info.argsz < 16) {
        reply_error(s, q, EINVAL, "argsz below 16");
        return;
    }
    uint8_t p[16];
    put32(p, 16);
    put32(p + 4, VFU_DEV_F_RESET | VFU_DEV_F_PCI);
    put32(p + 8, VFU_PCI_NUM_REGIONS);
    put32(p + 12, VFU_PCI_NUM_IRQS);
    reply(s, q, p, sizeof(p));
}

static void do_region_info(struct vfu_server *s, const struct vfu_req *q)
{
    uint32_t idx = q->u.info.index;
    if (q->u.info.argsz < 32 || idx >= VFU_PCI_NUM_REGIONS) {
        reply_error(s, q, EINVAL, "argsz below 32 or no such region");
        return;
    }
    uint64_t size = region_size(s, idx);
    uint8_t p[32] = {0};
    put32(p, 32);
    put32(p + 4, size ? VFU_REGION_F_READ | VFU_REGION_F_WRITE : 0);
    put32(p + 8, idx);
    put64(p + 16, size);
    reply(s, q, p, sizeof(p));
}

static void do_irq_info(struct vfu_server *s, const struct vfu_req *q)
{
    uint32_t idx = q->u.info.index;
    if (q->u.info.argsz < 16 || idx >= VFU_PCI_NUM_IRQS) {
        reply_error(s, q, EINVAL, "argsz below 16 or no such interrupt index");
        return;
    }
    uint8_t p[16];
    put32(p, 16);
    put32(p + 4, idx == VFU_IRQ_MSIX ? VFU_IRQ_INFO_EVENTFD : 0);
    put32(p + 8, idx);
    put32(p + 12, idx == VFU_IRQ_MSIX ? s->nvec : 0);
    reply(s, q, p, sizeof(p));
}

static void do_set_irqs(struct vfu_server *s, const struct vfu_req *q)
{
    uint32_t idx = q->u.set_irqs.index, start = q->u.set_irqs.start, count = q->u.set_irqs.count;
    uint32_t data = q->u.set_irqs.flags & 7u, action = q->u.set_irqs.flags & 0x38u;
    if (idx >= VFU_PCI_NUM_IRQS) {
        reply_error(s, q, EINVAL, "no such interrupt index");
        return;
    }
    if (idx != VFU_IRQ_MSIX || (count == 0 && data == VFU_IRQ_SET_DATA_NONE)) {
        if (count != 0) {
            reply_error(s, q, EINVAL, "only MSI-X has vectors");
            return;
        }
        if (idx == VFU_IRQ_MSIX && action == VFU_IRQ_SET_ACTION_TRIGGER)
            for (unsigned v = 0; v < s->nvec; v++)
                set_irq_fd(s, v, -1); /* disable all */
        reply(s, q, NULL, 0);
        return;
    }
    if (start > s->nvec || count > s->nvec - start) {
        reply_error(s, q, EINVAL, "vectors beyond the table");
        return;
    }
    if (data == VFU_IRQ_SET_DATA_EVENTFD) {
        if (action != VFU_IRQ_SET_ACTION_TRIGGER) {
            reply_error(s, q, EINVAL, "mask/unmask eventfds are not supported");
            return;
        }
        struct vb_res r;
        char why[128];
        for (unsigned i = 0; i < q->nfds; i++)
            if (vb_res_eventfd(&r, s->rx_fds[i], VU_FD_NOTIFIER, why, sizeof(why)) < 0) {
                reply_error(s, q, EINVAL, why);
                return;
            }
        for (unsigned i = 0; i < count; i++) {
            int fd = q->nfds ? s->rx_fds[i] : -1;
            if (q->nfds)
                s->rx_fds[i] = -1; /* taken */
            set_irq_fd(s, start + i, fd);
        }
        reply(s, q, NULL, 0);
        return;
    }
    for (unsigned i = 0; i < count; i++) {
        if (data == VFU_IRQ_SET_DATA_BOOL && !q->u.set_irqs.bools[i])
            continue;
        unsigned v = start + i;
        if (action == VFU_IRQ_SET_ACTION_TRIGGER) {
            drv_irq(s, (uint16_t)v);
        } else {
            s->client_masked[v] = action == VFU_IRQ_SET_ACTION_MASK;
            update_mask(s, v);
        }
    }
    reply(s, q, NULL, 0);
}

static void do_region_rw(struct vfu_server *s, const struct vfu_req *q)
{
    const struct vfu_rw *w = &q->u.rw;
    bool write = q->hdr.cmd == VFU_CMD_REGION_WRITE;
    if (!region_ok(s, w)) {
        reply_error(s, q, EINVAL, "access outside the region");
        return;
    }
    uint8_t *p = s->scratch + VFU_HDR_SIZE;
    put64(p, w->offset);
    put32(p + 8, w->region);
    put32(p + 12, w->count);
    if (write) {
        s->st.region_writes++;
        region_access(s, w->region, w->offset, w->count, (uint8_t *)w->data, true);
        reply(s, q, p, 16);
    } else {
        s->st.region_reads++;
        region_access(s, w->region, w->offset, w->count, p + 16, false);
        reply(s, q, p, 16 + (size_t)w->count);
    }
}

static void do_write_multi(struct vfu_server *s, const struct vfu_req *q)
{
    for (uint32_t i = 0; i < q->u.multi.n; i++) {
        struct vfu_rw w;
        vfu_multi_entry(q, i, &w);
        if (!region_ok(s, &w)) {
            srv_log(s, VB_DEBUG, "REGION_WRITE_MULTI write %u outside region %u", i, w.region);
            continue;
        }
        s->st.region_writes++;
        region_access(s, w.region, w.offset, w.count, (uint8_t *)w.data, true);
    }
    uint8_t p[8];
    put64(p, q->u.multi.n);
    reply(s, q, p, sizeof(p));
}

/* A reply of the client to one of our DMA messages. */
static int handle_reply(struct vfu_server *s, char *why, size_t whylen)
{
    struct vfu_reply r;
    if (vfu_reply_parse(s->rx, s->rx_have, s->rx_nfds, &r, why, whylen) < 0)
        return -1;
    unsigned i = 0;
    while (i < VFU_CHUNKS &&
           !(s->chunks[i].busy && s->chunks[i].id == r.hdr.id && s->chunks[i].cmd == r.hdr.cmd))
        i++;
    if (i == VFU_CHUNKS) {
        snprintf(why, whylen, "reply to %s id %u that nobody waits for", vfu_cmd_name(r.hdr.cmd),
                 r.hdr.id);
        return -1;
    }
    struct vfu_chunk *c = &s->chunks[i];
    struct vfu_op *o = &s->ops[c->op];
    if (r.error) {
        o->failed = true;
    } else if (r.hdr.cmd == VFU_CMD_DMA_READ) {
        if (r.addr != c->addr || r.count != c->count) {
            snprintf(why, whylen, "DMA_READ reply for [0x%llx, +%llu), asked [0x%llx, +%u)",
                     (unsigned long long)r.addr, (unsigned long long)r.count,
                     (unsigned long long)c->addr, c->count);
            return -1;
        }
        memcpy(o->buf + c->off, r.data, c->count);
    }
    c->busy = false;
    if (--o->outstanding == 0) {
        o->busy = false;
        if (o->failed)
            dma_fail(s, o->tag);
        else
            vpci_dma_complete(s->core, o->tag, VPCI_DMA_OK);
    }
    return 0;
}

/* Handle the complete message in rx. -1: violation (reason in @why). */
static int handle_msg(struct vfu_server *s, char *why, size_t whylen)
{
    struct vfu_hdr h;
    vfu_hdr_decode(s->rx, &h);
    trace_msg(s, false, s->rx, s->rx_nfds);
    if ((h.flags & VFU_F_TYPE_MASK) == VFU_F_TYPE_REPLY)
        return handle_reply(s, why, whylen);
    struct vfu_req q;
    int rc = vfu_msg_parse(s->rx, s->rx_have, s->rx_nfds, &q, why, whylen);
    if (rc == VFU_VIOLATION)
        return -1;
    if (!s->version_done && q.hdr.cmd != VFU_CMD_VERSION) {
        snprintf(why, whylen, "%s(%u) before VERSION", vfu_cmd_name(q.hdr.cmd), q.hdr.cmd);
        return -1;
    }
    if (q.no_reply)
        s->st.posted++;
    if (rc == VFU_UNSUPPORTED) {
        reply_error(s, &q, ENOTSUP, why);
        return 0;
    }
    switch (q.hdr.cmd) {
    case VFU_CMD_VERSION:
        if (s->version_done) {
            snprintf(why, whylen, "VERSION twice");
            return -1;
        }
        if (q.u.version.major != 0) {
            snprintf(why, whylen, "VERSION %u.%u: only major 0 is supported", q.u.version.major,
                     q.u.version.minor);
            return -1;
        }
        do_version(s, &q);
        break;
    case VFU_CMD_DMA_MAP:
        do_dma_map(s, &q);
        break;
    case VFU_CMD_DMA_UNMAP:
        do_dma_unmap(s, &q, s->rx + VFU_HDR_SIZE);
        break;
    case VFU_CMD_DEVICE_GET_INFO:
        do_get_info(s, &q);
        break;
    case VFU_CMD_DEVICE_GET_REGION_INFO:
        do_region_info(s, &q);
        break;
    case VFU_CMD_DEVICE_GET_IRQ_INFO:
        do_irq_info(s, &q);
        break;
    case VFU_CMD_DEVICE_SET_IRQS:
        do_set_irqs(s, &q);
        break;
    case VFU_CMD_REGION_READ:
    case VFU_CMD_REGION_WRITE:
        do_region_rw(s, &q);
        break;
    case VFU_CMD_REGION_WRITE_MULTI:
        do_write_multi(s, &q);
        break;
    case VFU_CMD_DEVICE_RESET:
        s->st.resets++;
        srv_log(s, VB_INFO, "DEVICE_RESET");
        vpci_core_pci_reset(s->core);
        reply(s, &q, NULL, 0);
        break;
    default:
        break;
    }
    return 0;
}

/* Read towards one complete message: 1 complete, 0 more needed, -1 gone
 * (@violation set for a protocol violation), reason in @why. */
static int rx_read(struct vfu_server *s, bool *violation, char *why, size_t whylen)
{
    for (;;) {
        size_t want;
        if (s->rx_have < VFU_HDR_SIZE) {
            want = VFU_HDR_SIZE - s->rx_have;
        } else {
            struct vfu_hdr h;
            vfu_hdr_decode(s->rx, &h);
            want = h.size - s->rx_have;
            if (want == 0)
                return 1;
        }
        bool too_many = false;
        ssize_t n = vb_recv_fds(s->cfd, s->rx + s->rx_have, want, s->rx_fds, &s->rx_nfds,
                                VFU_MAX_FDS, &too_many);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 0;
            snprintf(why, whylen, "recvmsg: %s", strerror(errno));
            return -1;
        }
        if (too_many) {
            *violation = true;
            snprintf(why, whylen, "more than %u fds on one message", VFU_MAX_FDS);
            return -1;
        }
        if (n == 0) {
            snprintf(why, whylen, s->rx_have ? "client closed in the middle of a message"
                                             : "client closed the socket");
            return -1;
        }
        s->rx_have += (size_t)n;
        if (s->rx_have == VFU_HDR_SIZE && vfu_hdr_check(s->rx, why, whylen)) {
            *violation = true;
            return -1;
        }
    }
}

static void on_client(void *o, uint32_t events)
{
    struct vfu_server *s = o;
    char why[256];
    if ((events & EPOLLOUT) && tx_flush(s) < 0) {
        client_gone(s, false, "send failed");
        return;
    }
    if (!(events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
        return;
    for (unsigned k = 0; k < VFU_MSGS_PER_TURN && s->cfd >= 0 && !s->broken; k++) {
        bool violation = false;
        int rc = rx_read(s, &violation, why, sizeof(why));
        if (rc == 0)
            return;
        if (rc < 0) {
            client_gone(s, violation, why);
            return;
        }
        s->st.msgs_in++;
        why[0] = '\0';
        if (handle_msg(s, why, sizeof(why)) < 0) {
            client_gone(s, true, why);
            return;
        }
        close_rx_fds(s); /* fds the command did not take */
        s->rx_have = 0;
    }
}

static void on_listen(void *o, uint32_t events)
{
    struct vfu_server *s = o;
    (void)events;
    if (s->cfd >= 0)
        return;
    int fd = vb_unix_accept(s->lfd);
    if (fd < 0)
        return;
    s->cfd = fd;
    s->rx_have = 0;
    s->tx_len = 0;
    s->st.clients++;
    vb_loop_del(s->loop, &s->lw); /* one client at a time: others wait */
    vb_loop_add(s->loop, &s->cw, fd, EPOLLIN, on_client, s);
    srv_log(s, VB_INFO, "client connected on %s", s->o.socket);
}

/* ------------------------------------------------------------------ */
/* public                                                               */
/* ------------------------------------------------------------------ */

struct vfu_server *vfu_server_create(struct vb_loop *loop, struct vb_trace *tr, const char *name,
                                     const struct vpci_params *p,
                                     const struct vfu_server_opts *o, char *err, size_t errlen)
{
    struct vfu_server *s = calloc(1, sizeof(*s));
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->loop = loop;
    s->tr = tr;
    s->o = *o;
    s->lfd = s->cfd = -1;
    snprintf(s->name, sizeof(s->name), "%s", name);
    struct vpci_params pp;
    if (p)
        pp = *p;
    else
        vpci_params_default(&pp);
    pp.msix_mode = VPCI_MSIX_EXTERNAL;
    s->nvec = pp.msix_vectors;
    s->rx = malloc(VFU_MAX_MSG);
    s->scratch = malloc(VFU_MAX_MSG);
    s->dmamsg = malloc(VFU_MAX_MSG);
    s->irq_fd = malloc(s->nvec * sizeof(*s->irq_fd));
    s->client_masked = calloc(s->nvec, sizeof(*s->client_masked));
    s->core = vpci_core_create(&pp, &drv_ops, s, NULL, NULL);
    if (!s->rx || !s->scratch || !s->dmamsg || !s->irq_fd || !s->client_masked || !s->core) {
        snprintf(err, errlen, "%s: cannot create the vfio-user server's core", name);
        vfu_server_destroy(s);
        return NULL;
    }
    for (unsigned v = 0; v < s->nvec; v++) {
        s->irq_fd[v] = -1;
        update_mask(s, v); /* no eventfd yet: held in the PBA */
    }
    s->caps = (struct vfu_caps){.max_msg_fds = 1, .max_data_xfer_size = 1u << 20,
                                .max_dma_maps = 65535, .pgsizes = 4096};
    return s;
}

struct vpci_core *vfu_server_core(struct vfu_server *s) { return s->core; }

int vfu_server_open(struct vfu_server *s)
{
    int fd = vb_unix_listen(s->o.socket);
    if (fd < 0)
        return fd;
    s->lfd = fd;
    int rc = vb_loop_add(s->loop, &s->lw, fd, EPOLLIN, on_listen, s);
    if (rc < 0) {
        close(fd);
        s->lfd = -1;
        return rc;
    }
    srv_log(s, VB_INFO, "listening on %s (the backend VM's QEMU connects here)", s->o.socket);
    return 0;
}

void vfu_server_close(struct vfu_server *s)
{
    if (!s)
        return;
    int lfd = s->lfd;
    s->lfd = -1; /* client_gone must not listen again */
    client_gone(s, false, "bridge closes the adapter");
    if (lfd >= 0) {
        vb_loop_del(s->loop, &s->lw);
        close(lfd);
        unlink(s->o.socket);
    }
}

void vfu_server_destroy(struct vfu_server *s)
{
    if (!s)
        return;
    vfu_server_close(s);
    vb_loop_cancel(s->loop, &s->drop_work);
    if (s->core)
        vpci_core_destroy(s->core);
    if (s->irq_fd)
        for (unsigned v = 0; v < s->nvec; v++)
            if (s->irq_fd[v] >= 0)
                close(s->irq_fd[v]);
    unmap_all(s);
    free(s->maps);
    free(s->irq_fd);
    free(s->client_masked);
    free(s->rx);
    free(s->tx);
    free(s->scratch);
    free(s->dmamsg);
    vb_loop_defer_free(s->loop, s);
}

void vfu_server_get_stats(const struct vfu_server *s, struct vfu_server_stats *st)
{
    *st = s->st;
    st->connected = s->cfd >= 0;
}

void vfu_server_report(const struct vfu_server *s, const char *name, FILE *f)
{
    const struct vfu_server_stats *t = &s->st;
    fprintf(f,
            "%s vfio_user=%s connected=%d clients=%llu vfu_msgs_in=%llu vfu_msgs_out=%llu "
            "posted=%llu region_reads=%llu region_writes=%llu dma_maps=%llu dma_direct=%llu "
            "dma_msgs=%llu dma_failed=%llu irqs=%llu resets=%llu vfu_violations=%llu "
            "vfu_errors=%llu\n",
            name, s->o.socket, s->cfd >= 0, (unsigned long long)t->clients,
            (unsigned long long)t->msgs_in, (unsigned long long)t->msgs_out,
            (unsigned long long)t->posted, (unsigned long long)t->region_reads,
            (unsigned long long)t->region_writes, (unsigned long long)t->dma_maps,
            (unsigned long long)t->dma_direct, (unsigned long long)t->dma_msgs,
            (unsigned long long)t->dma_failed, (unsigned long long)t->irqs,
            (unsigned long long)t->resets, (unsigned long long)t->violations,
            (unsigned long long)t->errors);
}
