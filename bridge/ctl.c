/* SPDX-License-Identifier: MIT */
/*
 * ctl.c - the bridge's control socket (see ctl.h). JSON by Debian's json-c.
 */
#define _GNU_SOURCE
#include "ctl.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "adapter.h" /* VPCI_BRIDGE_VERSION */
#include "vu_conn.h"

struct ctl_client {
    struct vb_ctl *ctl;
    int fd;                       /* -1: slot free */
    struct vb_watch w;
    char rx[VB_CTL_LINE_MAX + 1]; /* a line and its newline */
    size_t rx_len;
    bool skipping;                /* discarding an oversized line up to its newline */
    char *tx;
    size_t tx_len, tx_cap;
};

struct vb_ctl {
    struct vb_loop *loop;
    struct vb_trace *tr;
    char path[108];
    int lfd;
    struct vb_watch lw;
    vb_ctl_cmd_fn cmd;
    void *opaque;
    struct ctl_client cl[VB_CTL_CLIENTS];
};

static void client_close(struct ctl_client *k, const char *why)
{
    if (k->fd < 0)
        return;
    if (why)
        vb_log(k->ctl->tr, VB_INFO, "control", "client closed: %s", why);
    vb_loop_del(k->ctl->loop, &k->w);
    close(k->fd);
    k->fd = -1;
    free(k->tx);
    k->tx = NULL;
    k->tx_len = k->tx_cap = 0;
    k->rx_len = 0;
    k->skipping = false;
}

static void client_events(struct ctl_client *k)
{
    if (k->fd >= 0)
        vb_loop_mod(k->ctl->loop, &k->w, EPOLLIN | (k->tx_len ? EPOLLOUT : 0));
}

/* Write what is queued; false if the client had to be closed. */
static bool client_flush(struct ctl_client *k)
{
    while (k->tx_len) {
        ssize_t n = send(k->fd, k->tx, k->tx_len, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0) {
            client_close(k, "write failed");
            return false;
        }
        memmove(k->tx, k->tx + n, k->tx_len - (size_t)n);
        k->tx_len -= (size_t)n;
    }
    client_events(k);
    return true;
}

/* Queue one line (object + newline); a client that lets VB_CTL_TX_LIMIT
 * bytes pile up is closed instead. */
static bool client_send(struct ctl_client *k, struct json_object *o)
{
    const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
    size_t n = strlen(s);
    if (k->tx_len + n + 1 > VB_CTL_TX_LIMIT) {
        client_close(k, "it does not read its replies");
        return false;
    }
    if (k->tx_len + n + 1 > k->tx_cap) {
        size_t cap = k->tx_cap ? k->tx_cap : 4096;
        while (cap < k->tx_len + n + 1)
            cap *= 2;
        char *t = realloc(k->tx, cap);
        if (!t) {
            client_close(k, "out of memory");
            return false;
        }
        k->tx = t;
        k->tx_cap = cap;
    }
    memcpy(k->tx + k->tx_len, s, n);
    k->tx[k->tx_len + n] = '\n';
    k->tx_len += n + 1;
    return client_flush(k);
}

static bool send_error(struct ctl_client *k, struct json_object *id, const char *cls,
                       const char *desc)
{
    struct json_object *r = json_object_new_object(), *e = json_object_new_object();
    json_object_object_add(e, "class", json_object_new_string(cls));
    json_object_object_add(e, "desc", json_object_new_string(desc));
    json_object_object_add(r, "error", e);
    if (id)
        json_object_object_add(r, "id", json_object_get(id));
    bool ok = client_send(k, r);
    json_object_put(r);
    return ok;
}

/* One complete line: parse, check the shape, dispatch, reply. */
static bool handle_line(struct ctl_client *k, const char *line, size_t len)
{
    struct vb_ctl *c = k->ctl;
    enum json_tokener_error jerr = json_tokener_success;
    struct json_tokener *tok = json_tokener_new_ex(32);
    if (!tok)
        return send_error(k, NULL, "GenericError", "out of memory");
    struct json_object *req = json_tokener_parse_ex(tok, line, (int)len);
    jerr = json_tokener_get_error(tok);
    size_t used = json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
    if (!req || jerr != json_tokener_success) {
        char d[160];
        snprintf(d, sizeof(d), "malformed JSON: %s",
                 jerr == json_tokener_continue ? "incomplete object"
                                               : json_tokener_error_desc(jerr));
        json_object_put(req);
        return send_error(k, NULL, "GenericError", d);
    }
    for (size_t i = used; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
            json_object_put(req);
            return send_error(k, NULL, "GenericError", "trailing data after the object");
        }
    struct json_object *id = NULL, *ex = NULL, *args = NULL;
    bool ok;
    if (!json_object_is_type(req, json_type_object)) {
        ok = send_error(k, NULL, "GenericError", "a command is a JSON object");
        json_object_put(req);
        return ok;
    }
    json_object_object_get_ex(req, "id", &id);
    if (!json_object_object_get_ex(req, "execute", &ex) ||
        !json_object_is_type(ex, json_type_string) ||
        strlen(json_object_get_string(ex)) != (size_t)json_object_get_string_len(ex)) {
        ok = send_error(k, id, "GenericError", "\"execute\" (a string) is missing");
        json_object_put(req);
        return ok;
    }
    bool own_args = false;
    if (!json_object_object_get_ex(req, "arguments", &args) || !args) {
        args = json_object_new_object();
        own_args = true;
    } else if (!json_object_is_type(args, json_type_object)) {
        ok = send_error(k, id, "GenericError", "\"arguments\" must be an object");
        json_object_put(req);
        return ok;
    }
    const char *cls = NULL;
    char err[256] = "";
    struct json_object *ret =
        c->cmd(c->opaque, json_object_get_string(ex), args, &cls, err, sizeof(err));
    if (cls) {
        json_object_put(ret);
        ok = send_error(k, id, cls, err);
    } else {
        struct json_object *r = json_object_new_object();
        json_object_object_add(r, "return", ret ? ret : json_object_new_object());
        if (id)
            json_object_object_add(r, "id", json_object_get(id));
        ok = client_send(k, r);
        json_object_put(r);
    }
    if (own_args)
        json_object_put(args);
    json_object_put(req);
    return ok;
}

static void client_cb(void *o, uint32_t events)
{
    struct ctl_client *k = o;
    if ((events & EPOLLOUT) && !client_flush(k))
        return;
    if (!(events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
        return;
    /* One buffer's worth per event: a flooding client cannot hold the loop. */
    ssize_t n = recv(k->fd, k->rx + k->rx_len, VB_CTL_LINE_MAX + 1 - k->rx_len, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return;
    if (n <= 0) {
        /* A last command without its newline is still answered. */
        if (n == 0 && k->rx_len && !k->skipping && handle_line(k, k->rx, k->rx_len))
            client_flush(k);
        client_close(k, n == 0 ? "end of stream" : "read failed");
        return;
    }
    k->rx_len += (size_t)n;
    size_t start = 0;
    for (size_t i = 0; i < k->rx_len && k->fd >= 0; i++) {
        if (k->rx[i] != '\n')
            continue;
        if (k->skipping) {
            k->skipping = false; /* the end of the oversized line */
        } else if (i > start && !handle_line(k, k->rx + start, i - start)) {
            return; /* closed */
        }
        start = i + 1;
    }
    if (k->fd < 0)
        return;
    memmove(k->rx, k->rx + start, k->rx_len - start);
    k->rx_len -= start;
    if (k->rx_len == VB_CTL_LINE_MAX + 1) {
        /* No newline after VB_CTL_LINE_MAX bytes: the line is too long. */
        k->rx_len = 0;
        if (!k->skipping) {
            k->skipping = true;
            char d[96];
            snprintf(d, sizeof(d), "command line longer than %u bytes", VB_CTL_LINE_MAX);
            /* the newline-less line is dropped; what follows up to its end too */
            send_error(k, NULL, "LineTooLong", d);
        }
    }
}

static void listen_cb(void *o, uint32_t events)
{
    struct vb_ctl *c = o;
    (void)events;
    int fd = vb_unix_accept(c->lfd);
    if (fd < 0)
        return;
    struct ctl_client *k = NULL;
    for (unsigned i = 0; i < VB_CTL_CLIENTS && !k; i++)
        if (c->cl[i].fd < 0)
            k = &c->cl[i];
    if (!k) {
        static const char busy[] = "{\"error\":{\"class\":\"TooManyClients\",\"desc\":"
                                   "\"at most 8 control clients\"}}\n";
        if (send(fd, busy, sizeof(busy) - 1, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
            /* best effort */
        }
        close(fd);
        return;
    }
    k->fd = fd;
    k->rx_len = 0;
    k->skipping = false;
    if (vb_loop_add(c->loop, &k->w, fd, EPOLLIN, client_cb, k) < 0) {
        close(fd);
        k->fd = -1;
        return;
    }
    struct json_object *g = json_object_new_object(), *v = json_object_new_object();
    json_object_object_add(v, "version", json_object_new_string(VPCI_BRIDGE_VERSION));
    json_object_object_add(v, "spec", json_object_new_int(1));
    json_object_object_add(g, "vhost-pci-bridge", v);
    client_send(k, g);
    json_object_put(g);
}

struct vb_ctl *vb_ctl_create(struct vb_loop *loop, struct vb_trace *tr, const char *path,
                             vb_ctl_cmd_fn cmd, void *opaque, char *err, size_t errlen)
{
    struct vb_ctl *c = calloc(1, sizeof(*c));
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    c->loop = loop;
    c->tr = tr;
    c->cmd = cmd;
    c->opaque = opaque;
    snprintf(c->path, sizeof(c->path), "%s", path);
    for (unsigned i = 0; i < VB_CTL_CLIENTS; i++) {
        c->cl[i].fd = -1;
        c->cl[i].ctl = c;
    }
    c->lfd = vb_unix_listen(path);
    if (c->lfd < 0) {
        snprintf(err, errlen, "control socket %s: %s", path, strerror(-c->lfd));
        free(c);
        return NULL;
    }
    if (vb_loop_add(loop, &c->lw, c->lfd, EPOLLIN, listen_cb, c) < 0) {
        snprintf(err, errlen, "control socket %s: cannot watch it", path);
        close(c->lfd);
        unlink(path);
        free(c);
        return NULL;
    }
    vb_log(tr, VB_INFO, "control", "listening on %s", path);
    return c;
}

void vb_ctl_destroy(struct vb_ctl *c)
{
    if (!c)
        return;
    for (unsigned i = 0; i < VB_CTL_CLIENTS; i++)
        client_close(&c->cl[i], NULL);
    vb_loop_del(c->loop, &c->lw);
    close(c->lfd);
    unlink(c->path);
    free(c);
}
