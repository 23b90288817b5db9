/* SPDX-License-Identifier: MIT */
/*
 * res.c - fd -> resource checks, mappings and signalling (see res.h).
 * docs/spec.md §6.2 (which fd is what), §8.5 (a region beyond its fd is
 * refused), §8.7 (withdrawn windows: the firmware's pointers never reach the
 * master's memory again).
 */
#define _GNU_SOURCE
#include "res.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(char *why, size_t whylen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *why, size_t whylen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
    return -1;
}

static void res_init(struct vb_res *r, enum vu_fd_kind kind)
{
    memset(r, 0, sizeof(*r));
    r->kind = kind;
    r->fd = -1;
    r->vq = -1;
    r->core.cookie = (uint64_t)(uintptr_t)r;
}

int vb_res_mem(struct vb_res *r, int fd, uint64_t off, uint64_t size, char *why, size_t whylen)
{
    struct stat st;
    res_init(r, VU_FD_MEM);
    if (fstat(fd, &st) < 0)
        return fail(why, whylen, "fstat of memory fd: %s", strerror(errno));
    if (!S_ISREG(st.st_mode))
        return fail(why, whylen, "memory fd is not a regular file (mode 0%o)",
                    (unsigned)st.st_mode);
    if (size == 0 || off + size < off || st.st_size < 0 || off + size > (uint64_t)st.st_size)
        return fail(why, whylen,
                    "memory area [0x%llx, +0x%llx) lies beyond its file of 0x%llx bytes",
                    (unsigned long long)off, (unsigned long long)size,
                    (unsigned long long)st.st_size);
    uint64_t align = (uint64_t)sysconf(_SC_PAGESIZE);
    /* hugetlbfs files report their page size as block size. */
    if (st.st_blksize > 0 && ((uint64_t)st.st_blksize & ((uint64_t)st.st_blksize - 1)) == 0 &&
        (uint64_t)st.st_blksize > align && (uint64_t)st.st_blksize <= (1ull << 30))
        align = (uint64_t)st.st_blksize;
    uint64_t base = off & ~(align - 1), delta = off - base;
    uint64_t len = (delta + size + align - 1) & ~(align - 1);
    if (len < size || len > SIZE_MAX)
        return fail(why, whylen, "memory area of 0x%llx bytes too large",
                    (unsigned long long)size);
    void *m = mmap(NULL, (size_t)len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)base);
    if (m == MAP_FAILED)
        return fail(why, whylen, "mmap of 0x%llx bytes at 0x%llx: %s", (unsigned long long)len,
                    (unsigned long long)base, strerror(errno));
    close(fd);
    r->dev = st.st_dev;
    r->ino = st.st_ino;
    r->map = m;
    r->map_len = (size_t)len;
    r->core.kind = VPCI_RES_MEM;
    r->core.host = (uint8_t *)m + delta;
    r->core.size = size;
    return 0;
}

static bool is_eventfd(int fd)
{
    char path[64], link[64];
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(path, link, sizeof(link) - 1);
    if (n < 0)
        return false;
    link[n] = 0;
    return strcmp(link, "anon_inode:[eventfd]") == 0;
}

int vb_res_eventfd(struct vb_res *r, int fd, enum vu_fd_kind kind, char *why, size_t whylen)
{
    res_init(r, kind);
    if (!is_eventfd(fd))
        return fail(why, whylen, "%s fd is not an eventfd", kind == VU_FD_KICK ? "kick" : "notifier");
    /* The master shares this file description; vhost-user masters use
     * non-blocking eventfds anyway. */
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || (!(fl & O_NONBLOCK) && fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0))
        return fail(why, whylen, "eventfd: cannot make it non-blocking");
    r->fd = fd;
    r->core.kind = kind == VU_FD_KICK ? VPCI_RES_KICK : VPCI_RES_NOTIFIER;
    return 0;
}

int vb_res_socket(struct vb_res *r, int fd, char *why, size_t whylen)
{
    struct stat st;
    res_init(r, VU_FD_SOCKET);
    if (fstat(fd, &st) < 0 || !S_ISSOCK(st.st_mode))
        return fail(why, whylen, "backend channel fd is not a socket");
    r->fd = fd;
    r->core.kind = VPCI_RES_CHANNEL;
    return 0;
}

void vb_res_signal(struct vb_res *r)
{
    uint64_t one = 1;
    /* O_NONBLOCK since creation: a counter at its maximum (a master can set
     * it so) means a notification is already pending, never a stall. */
    if (r->fd >= 0 && write(r->fd, &one, sizeof(one)) < 0) {
        /* EAGAIN */
    }
}

bool vb_res_drain_kick(struct vb_res *r)
{
    uint64_t v;
    return r->fd >= 0 && read(r->fd, &v, sizeof(v)) == (ssize_t)sizeof(v) && v != 0;
}

int vb_res_mem_poison(struct vb_res *r)
{
    if (!r->map)
        return 0;
    /* Not filled: a fill touches every page of the region (about 0.8 s and
     * as much memory per GiB) inside the core's session end, which then
     * reaches the core and the firmware that much later. Zero pages are as
     * good a poison: the firmware drops the session's state on LINK_CHANGE
     * before it looks at them. */
    void *m = mmap(r->map, r->map_len, PROT_READ | PROT_WRITE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) {
        munmap(r->map, r->map_len);
        r->map = NULL;
        return -1;
    }
    return 0;
}

void vb_res_close(struct vb_res *r)
{
    if (r->map) {
        munmap(r->map, r->map_len);
        r->map = NULL;
    }
    if (r->fd >= 0) {
        close(r->fd);
        r->fd = -1;
    }
}
