/* SPDX-License-Identifier: MIT */
/*
 * vu_conn.c - non-blocking vhost-user connections (see vu_conn.h).
 */
#define _GNU_SOURCE
#include "vu_conn.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

void vb_conn_init(struct vb_conn *c, int fd, enum vu_chan chan)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0 && !(fl & O_NONBLOCK))
        fcntl(fd, F_SETFL, fl | O_NONBLOCK);
    memset(c, 0, sizeof(*c));
    c->fd = fd;
    c->chan = chan;
}

static void close_fds(int *fds, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (fds[i] >= 0)
            close(fds[i]);
}

void vb_conn_drop_rx(struct vb_conn *c)
{
    close_fds(c->rx_fds, c->rx_nfds);
    c->rx_nfds = 0;
    c->rx_have = 0;
    c->rx_complete = false;
    c->held = false;
}

void vb_conn_consume(struct vb_conn *c)
{
    c->rx_nfds = 0;
    c->rx_have = 0;
    c->rx_complete = false;
    c->held = false;
}

int vb_conn_read(struct vb_conn *c, char *why, size_t whylen)
{
    if (c->rx_complete)
        return 1;
    for (;;) {
        size_t want;
        if (c->rx_have < VPCI_MSG_HDR_SIZE) {
            want = VPCI_MSG_HDR_SIZE - c->rx_have;
        } else {
            uint32_t size;
            memcpy(&size, c->rx + 8, 4);
            want = VPCI_MSG_HDR_SIZE + size - c->rx_have;
        }
        if (want == 0) {
            c->rx_complete = true;
            c->msgs_in++;
            return 1;
        }
        bool too_many = false;
        ssize_t n = vb_recv_fds(c->fd, c->rx + c->rx_have, want, c->rx_fds, &c->rx_nfds,
                                VB_CONN_RX_FDS, &too_many);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 0;
            snprintf(why, whylen, "recvmsg: %s", strerror(errno));
            return -1;
        }
        if (too_many || c->rx_nfds > VPCI_VU_FDS_MAX) {
            snprintf(why, whylen, "more than %u fds on one message", VPCI_VU_FDS_MAX);
            return -1;
        }
        if (n == 0) {
            snprintf(why, whylen, c->rx_have ? "peer closed in the middle of a message"
                                             : "peer closed");
            return -1;
        }
        c->rx_have += (size_t)n;
        c->bytes_in += (uint64_t)n;
        if (c->rx_have == VPCI_MSG_HDR_SIZE && vu_hdr_check(c->rx, c->chan, why, whylen))
            return -1;
    }
}

ssize_t vb_recv_fds(int sock, void *buf, size_t len, int *fds, unsigned *nfds, unsigned max,
                    bool *overflow)
{
    union {
        char buf[CMSG_SPACE(sizeof(int) * VB_RECV_FDS_CAP)];
        struct cmsghdr align;
    } u;
    struct iovec iov = {buf, len};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
                        .msg_controllen = sizeof(u.buf)};
    ssize_t n;
    do
        n = recvmsg(sock, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return -1;
    /* Take every fd that arrived before judging anything. */
    for (struct cmsghdr *cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm)) {
        if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
            continue;
        unsigned k = (unsigned)((cm->cmsg_len - CMSG_LEN(0)) / sizeof(int));
        for (unsigned i = 0; i < k; i++) {
            int fd;
            memcpy(&fd, CMSG_DATA(cm) + i * sizeof(int), sizeof(int));
            if (*nfds < max) {
                fds[(*nfds)++] = fd;
            } else {
                close(fd);
                *overflow = true;
            }
        }
    }
    if (mh.msg_flags & MSG_CTRUNC)
        *overflow = true;
    return n;
}

int vb_conn_flush(struct vb_conn *c)
{
    while (c->tx_len) {
        ssize_t n = send(c->fd, c->tx, c->tx_len, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 0;
            if (errno == EINTR)
                continue;
            return -1;
        }
        memmove(c->tx, c->tx + n, c->tx_len - (size_t)n);
        c->tx_len -= (size_t)n;
        c->bytes_out += (uint64_t)n;
    }
    return 0;
}

int vb_conn_send(struct vb_conn *c, const void *msg, size_t len)
{
    if (c->fd < 0)
        return -1;
    if (c->tx_len + len > VB_CONN_TX_LIMIT)
        return -1;
    if (c->tx_len + len > c->tx_cap) {
        size_t cap = c->tx_cap ? c->tx_cap : 4096;
        while (cap < c->tx_len + len)
            cap *= 2;
        uint8_t *t = realloc(c->tx, cap);
        if (!t)
            return -1;
        c->tx = t;
        c->tx_cap = cap;
    }
    memcpy(c->tx + c->tx_len, msg, len);
    c->tx_len += len;
    c->msgs_out++;
    return vb_conn_flush(c);
}

void vb_conn_close(struct vb_conn *c)
{
    vb_conn_drop_rx(c);
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    free(c->tx);
    c->tx = NULL;
    c->tx_len = c->tx_cap = 0;
}

static int fill_addr(struct sockaddr_un *a, const char *path)
{
    memset(a, 0, sizeof(*a));
    a->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof(a->sun_path))
        return -ENAMETOOLONG;
    strcpy(a->sun_path, path);
    return 0;
}

int vb_unix_listen(const char *path)
{
    struct sockaddr_un a;
    struct stat st;
    int rc = fill_addr(&a, path);
    if (rc)
        return rc;
    /* A stale socket of an earlier run: replace it (never other files, and
     * never a socket someone still listens on: this or another process). */
    if (lstat(path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode))
            return -EEXIST;
        int probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (probe >= 0 && connect(probe, (struct sockaddr *)&a, sizeof(a)) == 0) {
            close(probe);
            return -EADDRINUSE;
        }
        if (probe >= 0)
            close(probe);
        unlink(path);
    }
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -errno;
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, 4) < 0) {
        rc = -errno;
        close(fd);
        return rc;
    }
    return fd;
}

int vb_unix_accept(int lfd)
{
    int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    return fd < 0 ? -errno : fd;
}

int vb_unix_connect(const char *path)
{
    struct sockaddr_un a;
    int rc = fill_addr(&a, path);
    if (rc)
        return rc;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -errno;
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
        rc = -errno;
        close(fd);
        return rc;
    }
    return fd;
}
