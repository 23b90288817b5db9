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

const char *vu_request_name(int backend, uint32_t request)
{
    const struct vpci_relay_entry *e = vpci_relay_lookup(backend, request);

    return e ? e->name : "?";
}

/* What the bridge makes of the fds of a request (REM_MEM_REG's is closed unused). */
static enum vu_fd_kind fd_kind(const struct vpci_relay_entry *e)
{
    if (e->fds == VPCI_FD_0_OR_1)
        return VU_FD_CLOSE;
    switch (e->res_kind) {
    case VPCI_RELAY_RES_MEM:
        return VU_FD_MEM;
    case VPCI_RELAY_RES_NOTIFIER:
        return VU_FD_NOTIFIER;
    case VPCI_RELAY_RES_KICK:
        return VU_FD_KICK;
    case VPCI_RELAY_RES_CHANNEL:
        return VU_FD_SOCKET;
    default:
        return VU_FD_CLOSE;
    }
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

    if ((flags & VPCI_VU_FLAG_VERSION_MASK) != VPCI_VU_FLAG_VERSION)
        return fail(why, whylen, "header version %u (must be 1)",
                    flags & VPCI_VU_FLAG_VERSION_MASK);
    if (chan == VU_CHAN_MASTER && (flags & VPCI_VU_FLAG_REPLY))
        return fail(why, whylen, "reply flag set on a request");
    if (chan == VU_CHAN_BACKEND && !(flags & VPCI_VU_FLAG_REPLY))
        return fail(why, whylen, "request from the master on the backend channel");
    if (size > VPCI_MAX_MSG_SIZE - VPCI_MSG_HDR_SIZE)
        return fail(why, whylen, "payload size %u exceeds %u", size,
                    VPCI_MAX_MSG_SIZE - VPCI_MSG_HDR_SIZE);
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

static int payload_check(const struct vpci_relay_entry *e, const uint8_t *p, uint32_t size,
                         char *why, size_t whylen)
{
    if (e->payload == VPCI_PL_MEM_TABLE && size >= 8) {
        uint32_t n = le32(p);
        if (n == 0 || n > VPCI_PL_MEM_TABLE_COUNT_MAX)
            return fail(why, whylen, "SET_MEM_TABLE with %u regions (1..%u)", n,
                        VPCI_PL_MEM_TABLE_COUNT_MAX);
    }
    if (!vpci_payload_size_ok(e->payload, p, size, 1))
        return fail(why, whylen, "%s payload of %u bytes does not match its layout", e->name,
                    size);
    return 0;
}

int vu_msg_check(const uint8_t *msg, size_t len, unsigned nfds, enum vu_chan chan,
                 struct vu_plan *plan, char *why, size_t whylen)
{
    memset(plan, 0, sizeof(*plan));
    plan->vq = -1;
    if (len < VPCI_MSG_HDR_SIZE)
        return fail(why, whylen, "truncated message of %zu bytes", len);
    if (vu_hdr_check(msg, chan, why, whylen))
        return -1;
    plan->request = le32(msg);
    plan->flags = le32(msg + 4);
    plan->size = le32(msg + 8);
    if (len != VPCI_MSG_HDR_SIZE + (size_t)plan->size)
        return fail(why, whylen, "header size %u does not match the %zu-byte message",
                    plan->size, len);
    if (nfds > VPCI_VU_FDS_MAX)
        return fail(why, whylen, "%u fds (at most %u)", nfds, VPCI_VU_FDS_MAX);

    const uint8_t *p = msg + VPCI_MSG_HDR_SIZE;
    uint32_t size = plan->size;

    if (chan == VU_CHAN_BACKEND) {
        /* A master reply to a backend-channel request: a u64, no fds. */
        if (nfds)
            return fail(why, whylen, "%u fds on a backend-channel reply", nfds);
        if (size != 8)
            return fail(why, whylen, "backend-channel reply of %u bytes (must be 8)", size);
        return 0;
    }

    const struct vpci_relay_entry *e = vpci_relay_lookup(0, plan->request);
    if (!e || e->cls == VPCI_CLASS_REFUSE) {
        /* Not relayed: the core refuses it and ends the session with the
         * reason; its fds are closed unused here. */
        plan->pass_bare = 1;
        plan->nfds = nfds;
        return 0;
    }
    if (payload_check(e, p, size, why, whylen))
        return -1;

    unsigned want_lo = 0, want_hi = 0;
    switch (e->fds) {
    case VPCI_FD_0:
        break;
    case VPCI_FD_1:
        want_lo = want_hi = 1;
        break;
    case VPCI_FD_REGIONS:
        want_lo = want_hi = le32(p);
        break;
    case VPCI_FD_VRING: {
        uint64_t v = le64(p);
        if (v & ~(VPCI_VU_VRING_INDEX_MASK | VPCI_VU_VRING_NOFD))
            return fail(why, whylen, "%s: reserved bits set in 0x%llx", e->name,
                        (unsigned long long)v);
        plan->vq = (int)(v & VPCI_VU_VRING_INDEX_MASK);
        want_lo = want_hi = (v & VPCI_VU_VRING_NOFD) ? 0 : 1;
        break;
    }
    case VPCI_FD_0_OR_1:
        want_hi = 1;
        break;
    }
    if (nfds < want_lo || nfds > want_hi)
        return fail(why, whylen, "%s with %u fds (expected %u%s)", e->name, nfds, want_lo,
                    want_lo != want_hi ? " or 1" : "");
    enum vu_fd_kind kind = fd_kind(e);
    plan->nfds = nfds;
    for (unsigned i = 0; i < nfds; i++)
        plan->fd[i].kind = kind;

    switch (e->payload) {
    case VPCI_PL_MEM_TABLE: {
        uint32_t n = le32(p);
        struct region rg[VPCI_PL_MEM_TABLE_COUNT_MAX];
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
    case VPCI_PL_MEM_REG: {
        struct region r = region_at(p + 8);
        if (region_check(&r, 0, why, whylen))
            return -1;
        if (nfds == 1 && kind == VU_FD_MEM) {
            plan->fd[0].offset = r.off;
            plan->fd[0].size = r.size;
        }
        break;
    }
    case VPCI_PL_LOG: {
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
