/* SPDX-License-Identifier: MIT */
/*
 * ctl.h - the bridge's control socket: newline-delimited JSON over a UNIX
 * stream socket, in the spirit of QMP (bridge/README.md, "Control socket").
 *
 * A client gets a greeting line, then sends one command object per line:
 *   {"execute": "<command>", "arguments": {...}, "id": <any>}
 * and gets one reply line per command, in order:
 *   {"return": <value>, "id": <id>}   or
 *   {"error": {"class": "<class>", "desc": "<text>"}, "id": <id>}
 * This file owns the sockets, framing, limits and error replies; the
 * commands themselves are the bridge's (a dispatch callback).
 *
 * Limits: a line longer than VB_CTL_LINE_MAX gets an error and is skipped to
 * its newline; a client that does not read its replies is closed once
 * VB_CTL_TX_LIMIT bytes wait for it; at most VB_CTL_CLIENTS clients at once
 * (a further one gets an error line and is closed). Nothing blocks the loop.
 */
#ifndef VB_CTL_H
#define VB_CTL_H

#include <stddef.h>

#include "loop.h"
#include "trace.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VB_CTL_LINE_MAX 8192u
#define VB_CTL_TX_LIMIT (256u * 1024u)
#define VB_CTL_CLIENTS 8u

struct json_object;
struct vb_ctl;

/*
 * Run command @cmd with @args (a JSON object, never NULL). Returns the
 * "return" value (a new reference; NULL means an empty object), or sets
 * @err_class and @err (then the return value is ignored and should be NULL).
 */
typedef struct json_object *(*vb_ctl_cmd_fn)(void *opaque, const char *cmd,
                                             struct json_object *args, const char **err_class,
                                             char *err, size_t errlen);

/* Listen on @path (an existing socket file is replaced). NULL with @err. */
struct vb_ctl *vb_ctl_create(struct vb_loop *loop, struct vb_trace *tr, const char *path,
                             vb_ctl_cmd_fn cmd, void *opaque, char *err, size_t errlen);
/* Close every client and the socket; unlink the path. NULL is a no-op. */
void vb_ctl_destroy(struct vb_ctl *c);

#ifdef __cplusplus
}
#endif

#endif /* VB_CTL_H */
