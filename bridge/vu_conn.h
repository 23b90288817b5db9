/* SPDX-License-Identifier: MIT */
/*
 * vu_conn.h - one non-blocking vhost-user stream connection: message
 * framing with SCM_RIGHTS fds on receive, a bounded transmit buffer, and the
 * UNIX socket helpers for server mode (listen/accept) and client mode
 * (connect, retried by the adapter).
 *
 * Receive reads at most one message at a time (header, then exactly its
 * payload), so fds are always attributed to the message they came with. A
 * half message stays in the buffer until the rest arrives; nothing blocks.
 * Transmit appends to a buffer flushed when the socket is writable; a peer
 * that does not read lets it grow up to VB_CONN_TX_LIMIT, then the
 * connection is reported as broken (the adapter drops it with a log).
 */
#ifndef VB_VU_CONN_H
#define VB_VU_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "loop.h"
#include "vu_msg.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VB_CONN_TX_LIMIT (256u * 1024u) /* bytes queued towards a peer at most */
#define VB_CONN_RX_FDS 16u             /* fd slots per message (more: violation) */
#define VB_RECV_FDS_CAP 24u            /* fds vb_recv_fds() can see on one recvmsg */

struct vb_conn {
    int fd;                       /* -1: closed                          */
    enum vu_chan chan;
    struct vb_watch w;
    /* receive: one message */
    uint8_t rx[VPCI_MAX_MSG_SIZE];
    size_t rx_have;
    int rx_fds[VB_CONN_RX_FDS];
    unsigned rx_nfds;
    bool rx_complete;             /* rx holds a complete message          */
    bool held;                    /* offered to the core, not yet accepted */
    /* transmit */
    uint8_t *tx;
    size_t tx_len, tx_cap;
    uint64_t msgs_in, msgs_out, bytes_in, bytes_out;
};

/* Start using connected socket @fd (set non-blocking here). */
void vb_conn_init(struct vb_conn *c, int fd, enum vu_chan chan);
/*
 * Read towards one complete message. Returns 1 when rx holds a complete
 * message (rx, rx_have bytes, rx_fds/rx_nfds), 0 when more bytes are needed
 * (nothing more to read now), -1 on EOF (why = "peer closed") or on a
 * violation/error (reason in @why).
 */
int vb_conn_read(struct vb_conn *c, char *why, size_t whylen);
/* The complete message was taken (its fds now belong to the taker). */
void vb_conn_consume(struct vb_conn *c);
/* Close every fd of the message being received and reset the receiver. */
void vb_conn_drop_rx(struct vb_conn *c);
/* Queue @len bytes; tries to write at once. 0, or -1 when the buffer limit
 * would be exceeded or the socket failed. */
int vb_conn_send(struct vb_conn *c, const void *msg, size_t len);
/* Write queued bytes. 0 (maybe some left: vb_conn_tx_pending), -1 on error. */
int vb_conn_flush(struct vb_conn *c);
static inline bool vb_conn_tx_pending(const struct vb_conn *c) { return c->tx_len != 0; }
/* Close the socket and every fd held; free the buffers. Safe twice. */
void vb_conn_close(struct vb_conn *c);

/* UNIX socket helpers (non-blocking, close-on-exec). Return fd or -errno.
 * vb_unix_listen replaces a stale socket file, but fails with -EADDRINUSE
 * when something still accepts on it and -EEXIST for any other file. */
/* One non-blocking recvmsg of at most @len bytes into @buf on @sock. Every
 * fd that came with them is taken (close-on-exec) into fds[*nfds], up to
 * @max in all; further ones are closed. Returns the bytes read (0: the peer
 * closed) or -1 with errno (EAGAIN: nothing now; EINTR is retried); sets
 * *@overflow when fds were closed or the control data was cut. */
ssize_t vb_recv_fds(int sock, void *buf, size_t len, int *fds, unsigned *nfds, unsigned max,
                    bool *overflow);
int vb_unix_listen(const char *path);
int vb_unix_accept(int lfd);
int vb_unix_connect(const char *path);

#ifdef __cplusplus
}
#endif

#endif /* VB_VU_CONN_H */
