/* SPDX-License-Identifier: MIT */
/*
 * vfu_msg.c - pure checks of vfio-user messages (see vfu_msg.h).
 */
#define _GNU_SOURCE
#include "vfu_msg.h"

#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int fail(char *why, size_t whylen, int rc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(char *why, size_t whylen, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
    return rc;
}

static uint16_t rd16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}
static uint32_t rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}
static uint64_t rd64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

void vfu_hdr_decode(const uint8_t *p, struct vfu_hdr *h)
{
    h->id = rd16(p);
    h->cmd = rd16(p + 2);
    h->size = rd32(p + 4);
    h->flags = rd32(p + 8);
    h->error = rd32(p + 12);
}

void vfu_hdr_encode(uint8_t *p, const struct vfu_hdr *h)
{
    memcpy(p, &h->id, 2);
    memcpy(p + 2, &h->cmd, 2);
    memcpy(p + 4, &h->size, 4);
    memcpy(p + 8, &h->flags, 4);
    memcpy(p + 12, &h->error, 4);
}

const char *vfu_cmd_name(uint32_t cmd)
{
    static const char *const names[] = {
        [VFU_CMD_VERSION] = "VERSION",
        [VFU_CMD_DMA_MAP] = "DMA_MAP",
        [VFU_CMD_DMA_UNMAP] = "DMA_UNMAP",
        [VFU_CMD_DEVICE_GET_INFO] = "DEVICE_GET_INFO",
        [VFU_CMD_DEVICE_GET_REGION_INFO] = "DEVICE_GET_REGION_INFO",
        [VFU_CMD_DEVICE_GET_REGION_IO_FDS] = "DEVICE_GET_REGION_IO_FDS",
        [VFU_CMD_DEVICE_GET_IRQ_INFO] = "DEVICE_GET_IRQ_INFO",
        [VFU_CMD_DEVICE_SET_IRQS] = "DEVICE_SET_IRQS",
        [VFU_CMD_REGION_READ] = "REGION_READ",
        [VFU_CMD_REGION_WRITE] = "REGION_WRITE",
        [VFU_CMD_DMA_READ] = "DMA_READ",
        [VFU_CMD_DMA_WRITE] = "DMA_WRITE",
        [VFU_CMD_DEVICE_RESET] = "DEVICE_RESET",
        [VFU_CMD_REGION_WRITE_MULTI] = "REGION_WRITE_MULTI",
        [VFU_CMD_DEVICE_FEATURE] = "DEVICE_FEATURE",
        [VFU_CMD_MIG_DATA_READ] = "MIG_DATA_READ",
        [VFU_CMD_MIG_DATA_WRITE] = "MIG_DATA_WRITE",
    };
    if (cmd < sizeof(names) / sizeof(names[0]) && names[cmd])
        return names[cmd];
    return "?";
}

int vfu_hdr_check(const uint8_t *hdr, char *why, size_t whylen)
{
    struct vfu_hdr h;
    vfu_hdr_decode(hdr, &h);
    if (h.size < VFU_HDR_SIZE)
        return fail(why, whylen, -1, "message size %u is shorter than the header", h.size);
    if (h.size > VFU_MAX_MSG)
        return fail(why, whylen, -1, "%s(%u) message size %u exceeds %u bytes",
                    vfu_cmd_name(h.cmd), h.cmd, h.size, VFU_MAX_MSG);
    uint32_t type = h.flags & VFU_F_TYPE_MASK;
    if (type != VFU_F_TYPE_COMMAND && type != VFU_F_TYPE_REPLY)
        return fail(why, whylen, -1, "message type %u is neither command nor reply", type);
    return 0;
}

/* The capabilities of a VERSION message (json-c; depth and size bounded). */
static int parse_caps(const char *json, size_t len, struct vfu_caps *c, char *why, size_t whylen)
{
    *c = (struct vfu_caps){.max_msg_fds = 1, .max_data_xfer_size = 1u << 20,
                           .max_dma_maps = 65535, .pgsizes = 4096};
    if (len == 0)
        return 0;
    struct json_tokener *tok = json_tokener_new_ex(8);
    if (!tok)
        return fail(why, whylen, -1, "VERSION: out of memory for the JSON parser");
    struct json_object *root = json_tokener_parse_ex(tok, json, (int)len);
    enum json_tokener_error jerr = json_tokener_get_error(tok);
    size_t end = json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
    int rc = 0;
    if (!root || jerr != json_tokener_success || end != len) {
        rc = fail(why, whylen, -1, "VERSION: capabilities are not one JSON value (%s)",
                  json_tokener_error_desc(jerr));
        goto out;
    }
    if (!json_object_is_type(root, json_type_object)) {
        rc = fail(why, whylen, -1, "VERSION: capabilities JSON is not an object");
        goto out;
    }
    struct json_object *caps;
    if (!json_object_object_get_ex(root, "capabilities", &caps))
        goto out;
    if (!json_object_is_type(caps, json_type_object)) {
        rc = fail(why, whylen, -1, "VERSION: \"capabilities\" is not an object");
        goto out;
    }
    json_object_object_foreach(caps, key, val)
    {
        uint64_t *u = NULL;
        uint64_t fds = 0;
        if (!strcmp(key, "max_msg_fds"))
            u = &fds;
        else if (!strcmp(key, "max_data_xfer_size"))
            u = &c->max_data_xfer_size;
        else if (!strcmp(key, "max_dma_maps"))
            u = &c->max_dma_maps;
        else if (!strcmp(key, "pgsizes"))
            u = &c->pgsizes;
        if (u) {
            if (!json_object_is_type(val, json_type_int) || json_object_get_int64(val) < 0) {
                rc = fail(why, whylen, -1, "VERSION: \"%s\" is not a non-negative integer", key);
                goto out;
            }
            *u = json_object_get_uint64(val);
            if (u == &fds)
                c->max_msg_fds = fds > 1024 ? 1024u : (uint32_t)fds;
        } else if (!strcmp(key, "write_multiple")) {
            if (!json_object_is_type(val, json_type_boolean)) {
                rc = fail(why, whylen, -1, "VERSION: \"write_multiple\" is not a boolean");
                goto out;
            }
            c->write_multiple = json_object_get_boolean(val);
        } else if (!strcmp(key, "twin_socket")) {
            struct json_object *sup;
            if (!json_object_is_type(val, json_type_object)) {
                rc = fail(why, whylen, -1, "VERSION: \"twin_socket\" is not an object");
                goto out;
            }
            c->twin_socket = json_object_object_get_ex(val, "supported", &sup) &&
                             json_object_is_type(sup, json_type_boolean) &&
                             json_object_get_boolean(sup);
        }
        /* others (migration, ...) are not used by this server: ignored */
    }
out:
    json_object_put(root);
    return rc;
}

size_t vfu_version_reply(uint8_t *out, size_t cap, size_t limit)
{
    uint16_t major = 0, minor = 0;
    if (limit > cap)
        limit = cap;
    if (limit < 4)
        return 0;
    memcpy(out, &major, 2);
    memcpy(out + 2, &minor, 2);
    /* Full capabilities, written by json-c. */
    struct json_object *root = json_object_new_object(), *caps = json_object_new_object();
    size_t written = 0;
    if (root && caps) {
        json_object_object_add(caps, "max_msg_fds", json_object_new_int(VFU_MAX_FDS));
        json_object_object_add(caps, "max_data_xfer_size", json_object_new_int(VFU_MAX_XFER));
        json_object_object_add(caps, "pgsizes", json_object_new_int(VFU_PGSIZE));
        json_object_object_add(caps, "max_dma_maps", json_object_new_int(VFU_MAX_DMA_MAPS));
        json_object_object_add(root, "capabilities", caps);
        caps = NULL;
        const char *js = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PLAIN);
        size_t jl = js ? strlen(js) : 0;
        if (js && 4 + jl + 1 <= limit) {
            memcpy(out + 4, js, jl + 1);
            written = 4 + jl + 1;
        }
    }
    json_object_put(caps);
    json_object_put(root);
    if (written)
        return written;
    if (limit >= 4 + 3) {
        memcpy(out + 4, "{}", 3);
        return 7;
    }
    return 4;
}

int vfu_msg_parse(const uint8_t *msg, size_t len, unsigned nfds, struct vfu_req *r, char *why,
                  size_t whylen)
{
    memset(r, 0, sizeof(*r));
    why[0] = '\0';
    if (len < VFU_HDR_SIZE)
        return fail(why, whylen, VFU_VIOLATION, "message of %zu bytes is shorter than the header",
                    len);
    if (vfu_hdr_check(msg, why, whylen))
        return VFU_VIOLATION;
    vfu_hdr_decode(msg, &r->hdr);
    if ((r->hdr.flags & VFU_F_TYPE_MASK) != VFU_F_TYPE_COMMAND)
        return fail(why, whylen, VFU_VIOLATION, "not a command (flags 0x%x)", r->hdr.flags);
    if (r->hdr.size != len)
        return fail(why, whylen, VFU_VIOLATION, "header size %u but %zu bytes", r->hdr.size, len);
    if (nfds > VFU_MAX_FDS)
        return fail(why, whylen, VFU_VIOLATION, "%u fds on one message (at most %u)", nfds,
                    VFU_MAX_FDS);
    r->no_reply = (r->hdr.flags & VFU_F_NO_REPLY) != 0;
    r->nfds = nfds;
    const uint8_t *p = msg + VFU_HDR_SIZE;
    size_t n = len - VFU_HDR_SIZE;
    const char *name = vfu_cmd_name(r->hdr.cmd);
    unsigned fds_ok = 0; /* fds this command may carry */

#define NEED_SIZE(cond)                                                                      \
    do {                                                                                     \
        if (!(cond))                                                                         \
            return fail(why, whylen, VFU_VIOLATION, "%s: payload of %zu bytes", name, n);     \
    } while (0)

    switch (r->hdr.cmd) {
    case VFU_CMD_VERSION: {
        NEED_SIZE(n >= 4);
        r->u.version.major = rd16(p);
        r->u.version.minor = rd16(p + 2);
        size_t jl = n - 4;
        if (jl && p[n - 1] != '\0')
            return fail(why, whylen, VFU_VIOLATION, "VERSION: capabilities not NUL-terminated");
        if (jl)
            jl = strnlen((const char *)p + 4, jl);
        if (parse_caps((const char *)p + 4, jl, &r->u.version.caps, why, whylen))
            return VFU_VIOLATION;
        break;
    }
    case VFU_CMD_DMA_MAP:
        NEED_SIZE(n == 32);
        r->u.dma_map.argsz = rd32(p);
        r->u.dma_map.flags = rd32(p + 4);
        r->u.dma_map.offset = rd64(p + 8);
        r->u.dma_map.addr = rd64(p + 16);
        r->u.dma_map.size = rd64(p + 24);
        fds_ok = nfds <= 1 ? nfds : 1;
        break;
    case VFU_CMD_DMA_UNMAP:
        NEED_SIZE(n == 24);
        r->u.dma_unmap.argsz = rd32(p);
        r->u.dma_unmap.flags = rd32(p + 4);
        r->u.dma_unmap.addr = rd64(p + 8);
        r->u.dma_unmap.size = rd64(p + 16);
        break;
    case VFU_CMD_DEVICE_GET_INFO:
        NEED_SIZE(n == 16);
        r->u.info.argsz = rd32(p);
        break;
    case VFU_CMD_DEVICE_GET_REGION_INFO:
        NEED_SIZE(n == 32);
        r->u.info.argsz = rd32(p);
        r->u.info.index = rd32(p + 8);
        break;
    case VFU_CMD_DEVICE_GET_IRQ_INFO:
        NEED_SIZE(n == 16);
        r->u.info.argsz = rd32(p);
        r->u.info.index = rd32(p + 8);
        break;
    case VFU_CMD_DEVICE_SET_IRQS: {
        NEED_SIZE(n >= 20);
        r->u.set_irqs.argsz = rd32(p);
        uint32_t f = r->u.set_irqs.flags = rd32(p + 4);
        r->u.set_irqs.index = rd32(p + 8);
        r->u.set_irqs.start = rd32(p + 12);
        uint32_t count = r->u.set_irqs.count = rd32(p + 16);
        uint32_t data = f & 7u, action = f & 0x38u;
        if ((f & ~0x3fu) || (data & (data - 1)) || !data || (action & (action - 1)) || !action)
            return fail(why, whylen, VFU_VIOLATION, "SET_IRQS: bad flags 0x%x", f);
        if (count > VFU_IRQ_SET_COUNT_MAX)
            return fail(why, whylen, VFU_VIOLATION, "SET_IRQS: count %u", count);
        if (data == VFU_IRQ_SET_DATA_BOOL) {
            NEED_SIZE(n == 20 + (size_t)count);
            r->u.set_irqs.bools = p + 20;
        } else {
            NEED_SIZE(n == 20);
        }
        if (data == VFU_IRQ_SET_DATA_EVENTFD) {
            if (nfds != 0 && nfds != count)
                return fail(why, whylen, VFU_VIOLATION,
                            "SET_IRQS: %u fds for a count of %u (0 or count)", nfds, count);
            fds_ok = nfds;
        }
        break;
    }
    case VFU_CMD_REGION_READ:
    case VFU_CMD_REGION_WRITE: {
        NEED_SIZE(n >= 16);
        r->u.rw.offset = rd64(p);
        r->u.rw.region = rd32(p + 8);
        r->u.rw.count = rd32(p + 12);
        if (r->u.rw.count == 0 || r->u.rw.count > VFU_MAX_XFER)
            return fail(why, whylen, VFU_VIOLATION, "%s: count %u (1..%u)", name, r->u.rw.count,
                        VFU_MAX_XFER);
        if (r->hdr.cmd == VFU_CMD_REGION_READ) {
            NEED_SIZE(n == 16);
        } else {
            NEED_SIZE(n == 16 + (size_t)r->u.rw.count);
            r->u.rw.data = p + 16;
        }
        break;
    }
    case VFU_CMD_REGION_WRITE_MULTI: {
        NEED_SIZE(n >= 8);
        uint64_t cnt = rd64(p);
        if (cnt == 0 || cnt > VFU_MULTI_MAX)
            return fail(why, whylen, VFU_VIOLATION, "REGION_WRITE_MULTI: %llu writes (1..%u)",
                        (unsigned long long)cnt, VFU_MULTI_MAX);
        NEED_SIZE(n == 8 + 24 * (size_t)cnt);
        r->u.multi.n = (uint32_t)cnt;
        r->u.multi.wrs = p + 8;
        for (uint32_t i = 0; i < r->u.multi.n; i++) {
            uint32_t c = rd32(p + 8 + 24 * (size_t)i + 12);
            if (c == 0 || c > 8)
                return fail(why, whylen, VFU_VIOLATION,
                            "REGION_WRITE_MULTI: write %u has count %u (1..8)", i, c);
        }
        break;
    }
    case VFU_CMD_DEVICE_RESET:
        NEED_SIZE(n == 0);
        break;
    case VFU_CMD_DEVICE_GET_REGION_IO_FDS:
    case VFU_CMD_DEVICE_FEATURE:
    case VFU_CMD_MIG_DATA_READ:
    case VFU_CMD_MIG_DATA_WRITE:
        if (nfds)
            return fail(why, whylen, VFU_VIOLATION, "%s with %u fds", name, nfds);
        return fail(why, whylen, VFU_UNSUPPORTED, "%s is not supported", name);
    case VFU_CMD_DMA_READ:
    case VFU_CMD_DMA_WRITE:
        return fail(why, whylen, VFU_VIOLATION, "%s is a server-to-client command", name);
    default:
        return fail(why, whylen, VFU_VIOLATION, "unknown command %u", r->hdr.cmd);
    }
#undef NEED_SIZE
    if (nfds != fds_ok)
        return fail(why, whylen, VFU_VIOLATION, "%s with %u fds", name, nfds);
    return VFU_OK;
}

void vfu_multi_entry(const struct vfu_req *r, uint32_t i, struct vfu_rw *w)
{
    const uint8_t *e = r->u.multi.wrs + 24 * (size_t)i;
    w->offset = rd64(e);
    w->region = rd32(e + 8);
    w->count = rd32(e + 12);
    w->data = e + 16;
}

int vfu_reply_parse(const uint8_t *msg, size_t len, unsigned nfds, struct vfu_reply *r,
                    char *why, size_t whylen)
{
    memset(r, 0, sizeof(*r));
    why[0] = '\0';
    if (len < VFU_HDR_SIZE)
        return fail(why, whylen, -1, "reply of %zu bytes is shorter than the header", len);
    if (vfu_hdr_check(msg, why, whylen))
        return -1;
    vfu_hdr_decode(msg, &r->hdr);
    if ((r->hdr.flags & VFU_F_TYPE_MASK) != VFU_F_TYPE_REPLY)
        return fail(why, whylen, -1, "not a reply (flags 0x%x)", r->hdr.flags);
    if (r->hdr.size != len)
        return fail(why, whylen, -1, "reply header size %u but %zu bytes", r->hdr.size, len);
    if (nfds)
        return fail(why, whylen, -1, "reply with %u fds", nfds);
    r->error = (r->hdr.flags & VFU_F_ERROR) != 0;
    if (r->error)
        return 0;
    const uint8_t *p = msg + VFU_HDR_SIZE;
    size_t n = len - VFU_HDR_SIZE;
    switch (r->hdr.cmd) {
    case VFU_CMD_DMA_READ:
        if (n < 16)
            return fail(why, whylen, -1, "DMA_READ reply: payload of %zu bytes", n);
        r->addr = rd64(p);
        r->count = rd64(p + 8);
        if (r->count != n - 16)
            return fail(why, whylen, -1, "DMA_READ reply: count %llu but %zu data bytes",
                        (unsigned long long)r->count, n - 16);
        r->data = p + 16;
        return 0;
    case VFU_CMD_DMA_WRITE:
        if (n < 12)
            return fail(why, whylen, -1, "DMA_WRITE reply: payload of %zu bytes", n);
        r->addr = rd64(p);
        r->count = rd32(p + 8);
        return 0;
    default:
        return fail(why, whylen, -1, "reply to %s(%u), which this server never sends",
                    vfu_cmd_name(r->hdr.cmd), r->hdr.cmd);
    }
}
