/* SPDX-License-Identifier: MIT */
/*
 * vu_msg.c - pure intake checks of vhost-user messages (see vu_msg.h).
 * docs/spec.md §6.2 (layouts, fds), §6.5 (master-face validation), §8.5
 * (region checks). No syscalls: the fuzz target fuzz/fuzz_vu_msg.c drives it.
 */
#include "vu_msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Payload layouts (hdr.size), mirroring the relay table of spec §6.2. */
enum layout {
    L_REFUSE = 0, /* REFUSE class: the core refuses it, fds closed here */
    L_NONE,       /* 0 B, or 8 B of any content                         */
    L_U64,        /* 8 B                                                */
    L_VRING_ADDR, /* 40 B                                               */
    L_VRING_FD,   /* 8 B u64: vq 7:0, NOFD bit 8, bits 63:9 zero        */
    L_MEM_TABLE,  /* 8 + 32n B, n = 1..8                                */
    L_LOG,        /* 16 B: mmap size, mmap offset                       */
    L_MEM_REG,    /* 40 B: 8 B padding + one region                     */
    L_IOTLB,      /* 26..32 B                                           */
    L_CONFIG,     /* 12 + size B, size <= 256                           */
    L_ANY,        /* up to 4084 B                                       */
};

/* fds a request carries. */
enum fds { F0 = 0, F1, FREG, FVRING, F0OR1 };

struct req_info {
    const char *name;
    enum layout layout;
    enum fds fds;
    enum vu_fd_kind kind;
};

#define R(code, nm, lay, f, k) [code] = {#nm, L_##lay, f, VU_FD_##k}
static const struct req_info frontend[VU_REQUEST_MAX + 1] = {
    R(1, GET_FEATURES, NONE, F0, CLOSE),
    R(2, SET_FEATURES, U64, F0, CLOSE),
    R(3, SET_OWNER, NONE, F0, CLOSE),
    R(4, RESET_OWNER, NONE, F0, CLOSE),
    R(5, SET_MEM_TABLE, MEM_TABLE, FREG, MEM),
    R(6, SET_LOG_BASE, LOG, F1, MEM),
    R(7, SET_LOG_FD, NONE, F1, NOTIFIER),
    R(8, SET_VRING_NUM, U64, F0, CLOSE),
    R(9, SET_VRING_ADDR, VRING_ADDR, F0, CLOSE),
    R(10, SET_VRING_BASE, U64, F0, CLOSE),
    R(11, GET_VRING_BASE, U64, F0, CLOSE),
    R(12, SET_VRING_KICK, VRING_FD, FVRING, KICK),
    R(13, SET_VRING_CALL, VRING_FD, FVRING, NOTIFIER),
    R(14, SET_VRING_ERR, VRING_FD, FVRING, NOTIFIER),
    R(15, GET_PROTOCOL_FEATURES, NONE, F0, CLOSE),
    R(16, SET_PROTOCOL_FEATURES, U64, F0, CLOSE),
    R(17, GET_QUEUE_NUM, NONE, F0, CLOSE),
    R(18, SET_VRING_ENABLE, U64, F0, CLOSE),
    R(19, SEND_RARP, U64, F0, CLOSE),
    R(20, NET_SET_MTU, U64, F0, CLOSE),
    R(21, SET_BACKEND_REQ_FD, NONE, F1, SOCKET),
    R(22, IOTLB_MSG, IOTLB, F0, CLOSE),
    R(23, SET_VRING_ENDIAN, U64, F0, CLOSE),
    R(24, GET_CONFIG, CONFIG, F0, CLOSE),
    R(25, SET_CONFIG, CONFIG, F0, CLOSE),
    R(26, CREATE_CRYPTO_SESSION, ANY, F0, CLOSE),
    R(27, CLOSE_CRYPTO_SESSION, U64, F0, CLOSE),
    R(28, POSTCOPY_ADVISE, REFUSE, F0, CLOSE),
    R(29, POSTCOPY_LISTEN, REFUSE, F0, CLOSE),
    R(30, POSTCOPY_END, REFUSE, F0, CLOSE),
    R(31, GET_INFLIGHT_FD, REFUSE, F0, CLOSE),
    R(32, SET_INFLIGHT_FD, REFUSE, F0, CLOSE),
    R(33, GPU_SET_SOCKET, REFUSE, F0, CLOSE),
    R(34, RESET_DEVICE, NONE, F0, CLOSE),
    R(35, VRING_KICK, REFUSE, F0, CLOSE),
    R(36, GET_MAX_MEM_SLOTS, NONE, F0, CLOSE),
    R(37, ADD_MEM_REG, MEM_REG, F1, MEM),
    R(38, REM_MEM_REG, MEM_REG, F0OR1, CLOSE),
    R(39, SET_STATUS, U64, F0, CLOSE),
    R(40, GET_STATUS, NONE, F0, CLOSE),
    R(41, GET_SHARED_OBJECT, REFUSE, F0, CLOSE),
    R(42, SET_DEVICE_STATE_FD, REFUSE, F0, CLOSE),
    R(43, CHECK_DEVICE_STATE, REFUSE, F0, CLOSE),
};

static const char *const backend_names[] = {
    NULL,
    "BACKEND_IOTLB_MSG",
    "BACKEND_CONFIG_CHANGE_MSG",
    "BACKEND_VRING_HOST_NOTIFIER_MSG",
    "BACKEND_VRING_CALL",
    "BACKEND_VRING_ERR",
    "BACKEND_SHARED_OBJECT_ADD",
    "BACKEND_SHARED_OBJECT_REMOVE",
    "BACKEND_SHARED_OBJECT_LOOKUP",
};

const char *vu_request_name(int backend, uint32_t request)
{
    if (backend)
        return request > 0 && request < sizeof(backend_names) / sizeof(backend_names[0])
                   ? backend_names[request]
                   : "?";
    return request > 0 && request <= VU_REQUEST_MAX ? frontend[request].name : "?";
}

static uint32_t le32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint64_t le64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static int fail(char *why, size_t whylen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *why, size_t whylen, const char *fmt, ...)
{
    if (why && whylen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, whylen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int vu_hdr_check(const uint8_t *hdr, enum vu_chan chan, char *why, size_t whylen)
{
    uint32_t flags = le32(hdr + 4), size = le32(hdr + 8);

    if ((flags & VU_FLAG_VERSION_MASK) != VU_FLAG_VERSION)
        return fail(why, whylen, "header version %u (must be 1)", flags & VU_FLAG_VERSION_MASK);
    if (chan == VU_CHAN_MASTER && (flags & VU_FLAG_REPLY))
        return fail(why, whylen, "reply flag set on a request");
    if (chan == VU_CHAN_BACKEND && !(flags & VU_FLAG_REPLY))
        return fail(why, whylen, "request from the master on the backend channel");
    if (size > VU_MAX_PAYLOAD)
        return fail(why, whylen, "payload size %u exceeds %u", size, VU_MAX_PAYLOAD);
    return 0;
}

/* One region as sent: guest address, size, user address, mmap offset. */
struct region {
    uint64_t gpa, size, uaddr, off;
};

static struct region region_at(const uint8_t *p)
{
    return (struct region){le64(p), le64(p + 8), le64(p + 16), le64(p + 24)};
}

static int region_check(const struct region *r, unsigned i, char *why, size_t whylen)
{
    if (r->size == 0)
        return fail(why, whylen, "region %u has size 0", i);
    if (r->gpa + r->size < r->gpa || r->uaddr + r->size < r->uaddr ||
        r->off + r->size < r->off)
        return fail(why, whylen, "region %u wraps around (gpa 0x%llx uaddr 0x%llx off 0x%llx "
                    "size 0x%llx)", i, (unsigned long long)r->gpa,
                    (unsigned long long)r->uaddr, (unsigned long long)r->off,
                    (unsigned long long)r->size);
    return 0;
}

static int overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
    return a < b + bs && b < a + as;
}

static int payload_check(const struct req_info *ri, const uint8_t *p, uint32_t size,
                         char *why, size_t whylen)
{
    int ok;

    switch (ri->layout) {
    case L_NONE:
        ok = size == 0 || size == 8;
        break;
    case L_U64:
    case L_VRING_FD:
        ok = size == 8;
        break;
    case L_VRING_ADDR:
    case L_MEM_REG:
        ok = size == 40;
        break;
    case L_LOG:
        ok = size == 16;
        break;
    case L_MEM_TABLE: {
        uint32_t n = size >= 8 ? le32(p) : 0;
        if (size >= 8 && (n == 0 || n > VU_MAX_MEM_TABLE))
            return fail(why, whylen, "SET_MEM_TABLE with %u regions (1..%u)", n,
                        VU_MAX_MEM_TABLE);
        ok = size >= 8 && size == 8 + 32u * n;
        break;
    }
    case L_IOTLB:
        ok = size >= 26 && size <= 32;
        break;
    case L_CONFIG: {
        uint32_t cs = size >= 12 ? le32(p + 4) : 0;
        ok = size >= 12 && cs <= VU_MAX_CONFIG && size == 12 + cs;
        break;
    }
    default:
        ok = 1;
        break;
    }
    if (!ok)
        return fail(why, whylen, "%s payload of %u bytes does not match its layout", ri->name,
                    size);
    return 0;
}

int vu_msg_check(const uint8_t *msg, size_t len, unsigned nfds, enum vu_chan chan,
                 struct vu_plan *plan, char *why, size_t whylen)
{
    memset(plan, 0, sizeof(*plan));
    plan->vq = -1;
    if (len < VU_HDR_SIZE)
        return fail(why, whylen, "truncated message of %zu bytes", len);
    if (vu_hdr_check(msg, chan, why, whylen))
        return -1;
    plan->request = le32(msg);
    plan->flags = le32(msg + 4);
    plan->size = le32(msg + 8);
    if (len != VU_HDR_SIZE + (size_t)plan->size)
        return fail(why, whylen, "header size %u does not match the %zu-byte message",
                    plan->size, len);
    if (nfds > VU_MAX_FDS)
        return fail(why, whylen, "%u fds (at most %u)", nfds, VU_MAX_FDS);

    const uint8_t *p = msg + VU_HDR_SIZE;
    uint32_t size = plan->size;

    if (chan == VU_CHAN_BACKEND) {
        /* A master reply to a backend-channel request: a u64, no fds. */
        if (nfds)
            return fail(why, whylen, "%u fds on a backend-channel reply", nfds);
        if (size != 8)
            return fail(why, whylen, "backend-channel reply of %u bytes (must be 8)", size);
        return 0;
    }

    const struct req_info *ri =
        plan->request > 0 && plan->request <= VU_REQUEST_MAX ? &frontend[plan->request] : NULL;
    if (!ri || ri->layout == L_REFUSE) {
        /* Not relayed: the core refuses it and ends the session with the
         * reason; its fds are closed unused here. */
        plan->pass_bare = 1;
        plan->nfds = nfds;
        return 0;
    }
    if (payload_check(ri, p, size, why, whylen))
        return -1;

    unsigned want_lo = 0, want_hi = 0;
    switch (ri->fds) {
    case F0:
        break;
    case F1:
        want_lo = want_hi = 1;
        break;
    case FREG:
        want_lo = want_hi = le32(p);
        break;
    case FVRING: {
        uint64_t v = le64(p);
        if (v & ~(VU_VRING_IDX_MASK | VU_VRING_NOFD))
            return fail(why, whylen, "%s: reserved bits set in 0x%llx", ri->name,
                        (unsigned long long)v);
        plan->vq = (int)(v & VU_VRING_IDX_MASK);
        want_lo = want_hi = (v & VU_VRING_NOFD) ? 0 : 1;
        break;
    }
    case F0OR1:
        want_hi = 1;
        break;
    }
    if (nfds < want_lo || nfds > want_hi)
        return fail(why, whylen, "%s with %u fds (expected %u%s)", ri->name, nfds, want_lo,
                    want_lo != want_hi ? " or 1" : "");
    plan->nfds = nfds;
    for (unsigned i = 0; i < nfds; i++)
        plan->fd[i].kind = ri->kind;

    switch (ri->layout) {
    case L_MEM_TABLE: {
        uint32_t n = le32(p);
        struct region rg[VU_MAX_MEM_TABLE];
        for (uint32_t i = 0; i < n; i++) {
            rg[i] = region_at(p + 8 + 32u * i);
            if (region_check(&rg[i], i, why, whylen))
                return -1;
            for (uint32_t j = 0; j < i; j++) {
                if (overlap(rg[i].gpa, rg[i].size, rg[j].gpa, rg[j].size))
                    return fail(why, whylen, "regions %u and %u overlap in guest space", j, i);
                if (overlap(rg[i].uaddr, rg[i].size, rg[j].uaddr, rg[j].size))
                    return fail(why, whylen, "regions %u and %u overlap in user space", j, i);
            }
            plan->fd[i].offset = rg[i].off;
            plan->fd[i].size = rg[i].size;
        }
        break;
    }
    case L_MEM_REG: {
        struct region r = region_at(p + 8);
        if (region_check(&r, 0, why, whylen))
            return -1;
        if (nfds == 1 && ri->kind == VU_FD_MEM) {
            plan->fd[0].offset = r.off;
            plan->fd[0].size = r.size;
        }
        break;
    }
    case L_LOG: {
        uint64_t lsize = le64(p), loff = le64(p + 8);
        if (lsize == 0)
            return fail(why, whylen, "SET_LOG_BASE with a 0-byte log");
        if (loff + lsize < loff)
            return fail(why, whylen, "SET_LOG_BASE offset 0x%llx + size 0x%llx wraps",
                        (unsigned long long)loff, (unsigned long long)lsize);
        plan->fd[0].offset = loff;
        plan->fd[0].size = lsize;
        break;
    }
    default:
        break;
    }
    return 0;
}
