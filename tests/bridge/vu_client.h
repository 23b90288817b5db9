/* SPDX-License-Identifier: MIT */
/*
 * vu_client.h - a raw vhost-user client for the bridge tests: sends
 * hand-made messages (any header, any payload, any fds) over a UNIX socket
 * and reads replies with a timeout. Also the pieces of a QEMU-like session
 * (memfd guest memory, eventfds, the message sequence of a net device).
 */
#ifndef VU_CLIENT_H
#define VU_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct vc_msg {
    uint32_t request, flags, size;
    uint8_t payload[4096];
};

/* Connect to @path, retrying up to @timeout_ms. fd or -1. */
int vc_connect(const char *path, int timeout_ms);
/* Listen on @path (client-mode tests). fd or -1. */
int vc_listen(const char *path);
/* Accept with a timeout. fd or -1. */
int vc_accept(int lfd, int timeout_ms);
/* Send raw bytes with @nfds fds. 0 or -1. */
int vc_send_raw(int fd, const void *buf, size_t len, const int *fds, unsigned nfds);
/* Send one message (header built from the arguments). 0 or -1. */
int vc_send(int fd, uint32_t request, uint32_t flags, const void *payload, uint32_t size,
            const int *fds, unsigned nfds);
/* Receive one message within @timeout_ms: 1 got one, 0 EOF (peer closed),
 * -1 timeout or error. */
int vc_recv(int fd, struct vc_msg *m, int timeout_ms);
/* Wait for EOF within @timeout_ms, discarding replies: true if closed. */
bool vc_wait_eof(int fd, int timeout_ms);
/* Open fds of this process. */
int vc_count_fds(void);
/* Mappings of this process whose name contains @needle. */
int vc_count_maps(const char *needle);
/* memfd named @name of @size bytes (0 on failure: -1). */
int vc_memfd(const char *name, uint64_t size);
int vc_eventfd(void);

/* A QEMU-like net session: memory, rings, the message list. */
#define VC_SESSION_MAX 32
struct vc_session {
    int memfd;          /* guest memory (2 MiB) */
    uint8_t *mem;
    uint64_t mem_size;
    int kick[2], call[2];
    unsigned nsteps;    /* messages in the full session */
    uint64_t features, proto;
};
bool vc_session_init(struct vc_session *s, const char *memname);
/* The same with guest memory in the regular file @path (created or grown to
 * the session's size): the master's RAM file of persistent windows. */
bool vc_session_init_file(struct vc_session *s, const char *path);
void vc_session_fini(struct vc_session *s);
/* Run steps [0, @upto) of the session on @fd (replies read and checked).
 * Returns the number of steps done (== upto on success). */
unsigned vc_session_run(struct vc_session *s, int fd, unsigned upto, int timeout_ms);
/* Steps before the session stops its rings (GET_VRING_BASE): run this many,
 * then traffic, then the rest. */
#define VC_SESSION_RUNNING_STEPS 19u
/* On a session run up to VC_SESSION_RUNNING_STEPS, with a reflect backend: @frames times, post a receive
 * buffer on vring 0 and a 64-byte frame on vring 1, kick both, and wait for
 * the frame to come back in the receive buffer with its MACs swapped.
 * Returns the frames that came back intact. */
unsigned vc_session_reflect(struct vc_session *s, unsigned frames, int timeout_ms);

#ifdef __cplusplus
}
#endif

#endif /* VU_CLIENT_H */
