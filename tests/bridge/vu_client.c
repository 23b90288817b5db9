/* SPDX-License-Identifier: MIT */
/*
 * vu_client.c - raw vhost-user test client (see vu_client.h).
 */
#define _GNU_SOURCE
#include "vu_client.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "vhost_pci_regs.h"
#include "vhost_pci_requests.h"

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int vc_connect(const char *path, int timeout_ms)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof(a.sun_path), "%s", path);
    uint64_t end = now_ms() + (uint64_t)timeout_ms;
    do {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return -1;
        if (connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0)
            return fd;
        close(fd);
        usleep(10000);
    } while (now_ms() < end);
    return -1;
}

int vc_listen(const char *path)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof(a.sun_path), "%s", path);
    unlink(path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, 4) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int vc_accept(int lfd, int timeout_ms)
{
    struct pollfd p = {.fd = lfd, .events = POLLIN};
    if (poll(&p, 1, timeout_ms) != 1)
        return -1;
    return accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
}

int vc_send_raw(int fd, const void *buf, size_t len, const int *fds, unsigned nfds)
{
    union {
        char b[CMSG_SPACE(sizeof(int) * 32)];
        struct cmsghdr align;
    } u;
    struct iovec iov = {(void *)buf, len};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
    if (nfds) {
        if (nfds > 32)
            return -1;
        memset(&u, 0, sizeof(u));
        mh.msg_control = u.b;
        mh.msg_controllen = CMSG_SPACE(sizeof(int) * nfds);
        struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
        cm->cmsg_level = SOL_SOCKET;
        cm->cmsg_type = SCM_RIGHTS;
        cm->cmsg_len = CMSG_LEN(sizeof(int) * nfds);
        memcpy(CMSG_DATA(cm), fds, sizeof(int) * nfds);
    }
    ssize_t n = sendmsg(fd, &mh, MSG_NOSIGNAL);
    return n == (ssize_t)len ? 0 : -1;
}

int vc_send(int fd, uint32_t request, uint32_t flags, const void *payload, uint32_t size,
            const int *fds, unsigned nfds)
{
    uint8_t buf[VPCI_MSG_HDR_SIZE + 4096];
    if (size > 4096)
        return -1;
    memcpy(buf, &request, 4);
    memcpy(buf + 4, &flags, 4);
    memcpy(buf + 8, &size, 4);
    if (size)
        memcpy(buf + VPCI_MSG_HDR_SIZE, payload, size);
    return vc_send_raw(fd, buf, VPCI_MSG_HDR_SIZE + size, fds, nfds);
}

static int read_full(int fd, void *buf, size_t len, uint64_t end)
{
    size_t have = 0;
    while (have < len) {
        int left = (int)(end > now_ms() ? end - now_ms() : 0);
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, left) != 1)
            return -1;
        ssize_t n = recv(fd, (uint8_t *)buf + have, len - have, 0);
        if (n == 0)
            return 0;
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            return errno == ECONNRESET ? 0 : -1;
        }
        have += (size_t)n;
    }
    return 1;
}

int vc_recv(int fd, struct vc_msg *m, int timeout_ms)
{
    uint64_t end = now_ms() + (uint64_t)timeout_ms;
    uint8_t hdr[VPCI_MSG_HDR_SIZE];
    int rc = read_full(fd, hdr, VPCI_MSG_HDR_SIZE, end);
    if (rc <= 0)
        return rc;
    memcpy(&m->request, hdr, 4);
    memcpy(&m->flags, hdr + 4, 4);
    memcpy(&m->size, hdr + 8, 4);
    if (m->size > sizeof(m->payload))
        return -1;
    return m->size ? read_full(fd, m->payload, m->size, end) : 1;
}

bool vc_wait_eof(int fd, int timeout_ms)
{
    uint64_t end = now_ms() + (uint64_t)timeout_ms;
    uint8_t buf[4096];
    for (;;) {
        int left = (int)(end > now_ms() ? end - now_ms() : 0);
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, left) != 1)
            return false;
        ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno == ECONNRESET))
            return true;
    }
}

int vc_count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    if (!d)
        return -1;
    while (readdir(d))
        n++;
    closedir(d);
    return n - 3; /* ".", "..", the DIR's own fd */
}

int vc_count_maps(const char *needle)
{
    FILE *f = fopen("/proc/self/maps", "re");
    char line[512];
    int n = 0;
    if (!f)
        return -1;
    while (fgets(line, sizeof(line), f))
        if (strstr(line, needle))
            n++;
    fclose(f);
    return n;
}

int vc_memfd(const char *name, uint64_t size)
{
    int fd = memfd_create(name, MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    if (ftruncate(fd, (off_t)size) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int vc_eventfd(void)
{
    return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

/* ---- the QEMU-like session ---- */

#define GPA_BASE 0x100000000ull
#define MEM_SIZE (2u << 20)

bool vc_session_init(struct vc_session *s, const char *memname)
{
    memset(s, 0, sizeof(*s));
    s->mem_size = MEM_SIZE;
    s->memfd = vc_memfd(memname, MEM_SIZE);
    if (s->memfd < 0)
        return false;
    s->mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, s->memfd, 0);
    if (s->mem == MAP_FAILED)
        return false;
    for (int i = 0; i < 2; i++) {
        s->kick[i] = vc_eventfd();
        s->call[i] = vc_eventfd();
    }
    s->nsteps = 22;
    return true;
}

bool vc_session_init_file(struct vc_session *s, const char *path)
{
    memset(s, 0, sizeof(*s));
    s->mem_size = MEM_SIZE;
    s->memfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (s->memfd < 0 || ftruncate(s->memfd, MEM_SIZE) < 0)
        return false;
    s->mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, s->memfd, 0);
    if (s->mem == MAP_FAILED)
        return false;
    memset(s->mem, 0, MEM_SIZE);
    for (int i = 0; i < 2; i++) {
        s->kick[i] = vc_eventfd();
        s->call[i] = vc_eventfd();
    }
    s->nsteps = 22;
    return true;
}

void vc_session_fini(struct vc_session *s)
{
    if (s->mem && s->mem != MAP_FAILED)
        munmap(s->mem, s->mem_size);
    if (s->memfd >= 0)
        close(s->memfd);
    for (int i = 0; i < 2; i++) {
        close(s->kick[i]);
        close(s->call[i]);
    }
}

static bool expect_u64(int fd, uint32_t req, uint64_t *v, int timeout_ms)
{
    struct vc_msg m;
    if (vc_recv(fd, &m, timeout_ms) != 1 || m.request != req || !(m.flags & VPCI_VU_FLAG_REPLY) ||
        m.size != 8)
        return false;
    if (v)
        memcpy(v, m.payload, 8);
    return true;
}

/* One step of the session; false on failure. */
static bool step(struct vc_session *s, int fd, unsigned i, int to)
{
    uint64_t v;
    uint8_t p[64];
    memset(p, 0, sizeof(p));
    unsigned vq = 0;
    switch (i) {
    case 0:
        return vc_send(fd, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, NULL, 0, NULL, 0) == 0 &&
               expect_u64(fd, VPCI_VU_REQ_GET_FEATURES, &s->features, to);
    case 1:
        return vc_send(fd, VPCI_VU_REQ_SET_OWNER, VPCI_VU_FLAG_VERSION, NULL, 0, NULL, 0) == 0;
    case 2:
        return vc_send(fd, VPCI_VU_REQ_GET_PROTOCOL_FEATURES, VPCI_VU_FLAG_VERSION, NULL, 0, NULL,
                       0) == 0 &&
               expect_u64(fd, VPCI_VU_REQ_GET_PROTOCOL_FEATURES, &s->proto, to);
    case 3:
        v = s->proto &
            ((1ull << VPCI_PROTO_F_REPLY_ACK) | (1ull << VPCI_PROTO_F_CONFIGURE_MEM_SLOTS));
        return vc_send(fd, VPCI_VU_REQ_SET_PROTOCOL_FEATURES, VPCI_VU_FLAG_VERSION, &v, 8, NULL,
                       0) == 0;
    case 4:
        return vc_send(fd, VPCI_VU_REQ_GET_MAX_MEM_SLOTS, VPCI_VU_FLAG_VERSION, NULL, 0, NULL, 0) ==
                   0 &&
               expect_u64(fd, VPCI_VU_REQ_GET_MAX_MEM_SLOTS, &v, to) && v == 32;
    case 5:
        v = s->features & ((1ull << 32) | (1ull << VPCI_VU_F_PROTOCOL_FEATURES) | (1ull << 29));
        return vc_send(fd, VPCI_VU_REQ_SET_FEATURES, VPCI_VU_FLAG_VERSION, &v, 8, NULL, 0) == 0;
    case 6: {
        uint32_t n = 1;
        uint64_t r[4] = {GPA_BASE, MEM_SIZE, (uint64_t)(uintptr_t)s->mem, 0};
        memcpy(p, &n, 4);
        memcpy(p + 8, r, 32);
        return vc_send(fd, VPCI_VU_REQ_SET_MEM_TABLE,
                       VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_NEED_REPLY, p, 40, &s->memfd, 1) == 0 &&
               expect_u64(fd, VPCI_VU_REQ_SET_MEM_TABLE, &v, to) && v == 0;
    }
    case 7: case 8: case 9: case 10: case 11:
    case 12: case 13: case 14: case 15: case 16: {
        vq = i >= 12;
        unsigned k = (i - 7) % 5;
        uint64_t ua = (uint64_t)(uintptr_t)s->mem + 0x10000 * (vq + 1);
        switch (k) {
        case 0: {
            uint32_t st[2] = {vq, 256};
            return vc_send(fd, VPCI_VU_REQ_SET_VRING_NUM, VPCI_VU_FLAG_VERSION, st, 8, NULL, 0) ==
                   0;
        }
        case 1: {
            uint32_t st[2] = {vq, 0};
            return vc_send(fd, VPCI_VU_REQ_SET_VRING_BASE, VPCI_VU_FLAG_VERSION, st, 8, NULL, 0) ==
                   0;
        }
        case 2: {
            uint32_t idx = vq, fl = 0;
            uint64_t d = ua, av = ua + 4096, us = ua + 8192, log = 0;
            memcpy(p, &idx, 4);
            memcpy(p + 4, &fl, 4);
            memcpy(p + 8, &d, 8);
            memcpy(p + 16, &us, 8);
            memcpy(p + 24, &av, 8);
            memcpy(p + 32, &log, 8);
            return vc_send(fd, VPCI_VU_REQ_SET_VRING_ADDR, VPCI_VU_FLAG_VERSION, p, 40, NULL, 0) ==
                   0;
        }
        case 3:
            v = vq;
            return vc_send(fd, VPCI_VU_REQ_SET_VRING_CALL, VPCI_VU_FLAG_VERSION, &v, 8,
                           &s->call[vq], 1) == 0;
        case 4:
            v = vq;
            return vc_send(fd, VPCI_VU_REQ_SET_VRING_KICK, VPCI_VU_FLAG_VERSION, &v, 8,
                           &s->kick[vq], 1) == 0;
        }
        return false;
    }
    case 17: case 18: {
        uint32_t st[2] = {i - 17, 1};
        return vc_send(fd, VPCI_VU_REQ_SET_VRING_ENABLE, VPCI_VU_FLAG_VERSION, st, 8, NULL, 0) == 0;
    }
    case 19: case 20: {
        uint32_t st[2] = {i - 19, 0}, got[2];
        struct vc_msg m;
        if (vc_send(fd, VPCI_VU_REQ_GET_VRING_BASE, VPCI_VU_FLAG_VERSION, st, 8, NULL, 0) != 0)
            return false;
        if (vc_recv(fd, &m, to) != 1 || m.request != VPCI_VU_REQ_GET_VRING_BASE || m.size != 8)
            return false;
        memcpy(got, m.payload, 8);
        return got[0] == i - 19;
    }
    case 21: {
        /* REPLY_ACK round trip at the end: SET_FEATURES with NEED_REPLY. */
        v = s->features & ((1ull << 32) | (1ull << VPCI_VU_F_PROTOCOL_FEATURES) | (1ull << 29));
        return vc_send(fd, VPCI_VU_REQ_SET_FEATURES, VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_NEED_REPLY,
                       &v, 8, NULL, 0) == 0 &&
               expect_u64(fd, VPCI_VU_REQ_SET_FEATURES, &v, to) && v == 0;
    }
    }
    return false;
}

unsigned vc_session_run(struct vc_session *s, int fd, unsigned upto, int timeout_ms)
{
    unsigned i;
    for (i = 0; i < upto && i < s->nsteps; i++)
        if (!step(s, fd, i, timeout_ms))
            break;
    return i;
}

/* ---- traffic on the session's split rings (layout of step()) ---- */

struct vc_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
};

static uint8_t *ring_base(struct vc_session *s, unsigned vq)
{
    return s->mem + 0x10000 * (vq + 1);
}

/* Put one buffer [gpa, +len) on the avail ring of @vq (descriptor @slot). */
static void post_buf(struct vc_session *s, unsigned vq, uint16_t slot, uint64_t gpa,
                     uint32_t len, bool writable)
{
    uint8_t *r = ring_base(s, vq);
    struct vc_desc d = {.addr = gpa, .len = len, .flags = writable ? 2 : 0, .next = 0};
    memcpy(r + 16u * (slot % 256), &d, sizeof(d));
    uint16_t idx;
    memcpy(&idx, r + 4096 + 2, 2);
    uint16_t head = slot % 256;
    memcpy(r + 4096 + 4 + 2u * (idx % 256), &head, 2);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    idx++;
    __atomic_store_n((uint16_t *)(void *)(r + 4096 + 2), idx, __ATOMIC_RELEASE);
}

static uint16_t used_idx(struct vc_session *s, unsigned vq)
{
    return __atomic_load_n((uint16_t *)(void *)(ring_base(s, vq) + 8192 + 2), __ATOMIC_ACQUIRE);
}

unsigned vc_session_reflect(struct vc_session *s, unsigned frames, int timeout_ms)
{
    enum { HDR = 12, LEN = 64, RXBUF = 0x100000, TXBUF = 0x80000 };
    unsigned ok = 0;
    for (unsigned i = 0; i < frames; i++) {
        uint16_t rx_before = used_idx(s, 0);
        uint8_t *rx = s->mem + RXBUF + 2048u * (i % 64);
        uint8_t *tx = s->mem + TXBUF + 2048u * (i % 64);
        memset(rx, 0, 2048);
        memset(tx, 0, HDR);
        for (unsigned k = 0; k < LEN; k++)
            tx[HDR + k] = (uint8_t)(k < 6 ? 0x10 + k : k < 12 ? 0x20 + k : i + k);
        post_buf(s, 0, (uint16_t)i, GPA_BASE + RXBUF + 2048u * (i % 64), 2048, true);
        post_buf(s, 1, (uint16_t)i, GPA_BASE + TXBUF + 2048u * (i % 64), HDR + LEN, false);
        uint64_t one = 1;
        if (write(s->kick[0], &one, 8) != 8 || write(s->kick[1], &one, 8) != 8)
            return ok;
        bool got = false;
        for (int t = 0; t < timeout_ms && !got; t++) {
            got = used_idx(s, 0) != rx_before;
            if (!got)
                usleep(1000);
        }
        if (!got)
            return ok;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        bool same = true;
        for (unsigned k = 0; k < LEN; k++) {
            /* reflect swaps destination and source MAC */
            unsigned from = k < 6 ? k + 6 : k < 12 ? k - 6 : k;
            same &= rx[HDR + k] == tx[HDR + from];
        }
        if (!same)
            return ok;
        ok++;
    }
    return ok;
}
