/* SPDX-License-Identifier: MIT */
/*
 * session_rec.c - the session recorder (session_rec.h); the file format is
 * session_fmt.h, documented in docs/session-trace.md.
 */
#include "session_rec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session_fmt.h"
#include "vhost_pci_requests.h"
#include "vhost_pci_regs.h"

#define REC_MAX_REGIONS 64u
#define REC_MAX_VQS 256u
#define REC_DESC_F_NEXT 1u
#define REC_DESC_F_WRITE 2u
#define REC_DESC_F_INDIRECT 4u
#define REC_F_INDIRECT_DESC 28
#define REC_F_EVENT_IDX 29
#define REC_F_RING_PACKED 34
#define REC_MAX_BUF (16u << 20) /* one buffer's capture; longer ones are noted */

struct rec_region {
    bool live;
    uint64_t gpa, size, uva;
    const uint8_t *host;
    uint64_t cookie;
};

struct rec_vring {
    bool have_addr, stopped, noted;
    uint32_t num;
    uint64_t desc_uva, avail_uva, used_uva;
    uint16_t cap; /* next avail index to capture */
};

struct vb_rec {
    FILE *f;
    struct vb_rec_stats st;
    struct rec_region reg[REC_MAX_REGIONS];
    struct rec_vring vr[REC_MAX_VQS];
    uint64_t features;
    bool packed_noted;
};

/* ------------------------------------------------------------------ */
/* writing                                                             */
/* ------------------------------------------------------------------ */

static void put(struct vb_rec *r, const void *p, size_t n)
{
    if (r->st.failed || !n)
        return;
    if (fwrite(p, 1, n, r->f) != n)
        r->st.failed = true;
    else
        r->st.bytes += n;
}

static void put_hdr(struct vb_rec *r, enum vb_rec_type type, uint8_t a, uint16_t b, uint32_t len)
{
    uint8_t h[VB_REC_HDR_SIZE] = {(uint8_t)type, a, (uint8_t)b, (uint8_t)(b >> 8),
                                  (uint8_t)len, (uint8_t)(len >> 8), (uint8_t)(len >> 16),
                                  (uint8_t)(len >> 24)};
    put(r, h, sizeof(h));
    r->st.records++;
}

static void put_u64(struct vb_rec *r, uint64_t v)
{
    uint8_t b[8];
    for (unsigned i = 0; i < 8; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    put(r, b, 8);
}

static void put_u32(struct vb_rec *r, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    put(r, b, 4);
}

__attribute__((format(printf, 2, 3))) static void note(struct vb_rec *r, const char *fmt, ...)
{
    char text[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof(text))
        n = sizeof(text) - 1;
    put_hdr(r, VB_REC_NOTE, 0, 0, (uint32_t)n);
    put(r, text, (size_t)n);
}

/* ------------------------------------------------------------------ */
/* master memory                                                       */
/* ------------------------------------------------------------------ */

static const struct rec_region *by_gpa(const struct vb_rec *r, uint64_t gpa)
{
    for (unsigned i = 0; i < REC_MAX_REGIONS; i++) {
        const struct rec_region *g = &r->reg[i];
        if (g->live && gpa >= g->gpa && gpa - g->gpa < g->size)
            return g;
    }
    return NULL;
}

static const struct rec_region *by_uva(const struct vb_rec *r, uint64_t uva)
{
    for (unsigned i = 0; i < REC_MAX_REGIONS; i++) {
        const struct rec_region *g = &r->reg[i];
        if (g->live && uva >= g->uva && uva - g->uva < g->size)
            return g;
    }
    return NULL;
}

/* Host pointer of [gpa, gpa + len) if it lies in one region, else NULL. */
static const uint8_t *host_of(const struct vb_rec *r, uint64_t gpa, uint64_t len)
{
    const struct rec_region *g = by_gpa(r, gpa);
    if (!g || len > g->size - (gpa - g->gpa))
        return NULL;
    return g->host + (gpa - g->gpa);
}

/* User address -> guest physical address; false if outside every region. */
static bool uva_to_gpa(const struct vb_rec *r, uint64_t uva, uint64_t *gpa)
{
    const struct rec_region *g = by_uva(r, uva);
    if (!g)
        return false;
    *gpa = g->gpa + (uva - g->uva);
    return true;
}

/* MEM records for [gpa, gpa + len), split at region boundaries. False if a
 * part lies outside the memory table (nothing more is written). */
static bool capture(struct vb_rec *r, uint64_t gpa, uint64_t len)
{
    while (len) {
        const struct rec_region *g = by_gpa(r, gpa);
        if (!g)
            return false;
        uint64_t off = gpa - g->gpa, n = g->size - off;
        if (n > len)
            n = len;
        put_hdr(r, VB_REC_MEM, 0, 0, (uint32_t)(8 + n));
        put_u64(r, gpa);
        put(r, g->host + off, (size_t)n);
        r->st.mem_bytes += n;
        gpa += n;
        len -= n;
    }
    return true;
}

struct rec_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
};

static void load_desc(const uint8_t *p, struct rec_desc *d)
{
    memcpy(&d->addr, p, 8);
    memcpy(&d->len, p + 8, 4);
    memcpy(&d->flags, p + 12, 2);
    memcpy(&d->next, p + 14, 2);
}

/* A device-readable buffer's contents. */
static bool capture_buf(struct vb_rec *r, unsigned vq, const struct rec_desc *d)
{
    if (d->flags & REC_DESC_F_WRITE)
        return true;
    if (d->len > REC_MAX_BUF) {
        note(r, "vq %u: buffer of %u bytes at 0x%llx not captured", vq, d->len,
             (unsigned long long)d->addr);
        r->st.skipped++;
        return true;
    }
    if (!capture(r, d->addr, d->len)) {
        note(r, "vq %u: buffer at 0x%llx (+%u) outside the memory table", vq,
             (unsigned long long)d->addr, d->len);
        r->st.skipped++;
        return false;
    }
    return true;
}

/* An indirect table: the table, then its chain's readable buffers. */
static bool capture_indirect(struct vb_rec *r, unsigned vq, const struct rec_desc *d)
{
    uint32_t n = d->len / 16;
    const uint8_t *t = host_of(r, d->addr, d->len);
    if (!t || d->len % 16 || !n || !capture(r, d->addr, d->len)) {
        note(r, "vq %u: indirect table at 0x%llx (+%u) not followed", vq,
             (unsigned long long)d->addr, d->len);
        r->st.skipped++;
        return false;
    }
    uint32_t i = 0;
    for (uint32_t k = 0; k < n; k++) {
        struct rec_desc e;
        load_desc(t + 16u * i, &e);
        if (!capture_buf(r, vq, &e))
            return false;
        if (!(e.flags & REC_DESC_F_NEXT))
            return true;
        if (e.next >= n)
            break;
        i = e.next;
    }
    note(r, "vq %u: indirect chain at 0x%llx loops or leaves its table", vq,
         (unsigned long long)d->addr);
    r->st.skipped++;
    return false;
}

/* The chain starting at descriptor @head: its descriptors and buffers. */
static void capture_chain(struct vb_rec *r, unsigned vq, const uint8_t *desc, uint64_t desc_gpa,
                          uint16_t head)
{
    struct rec_vring *v = &r->vr[vq];
    uint32_t i = head;
    for (uint32_t k = 0; k < v->num; k++) {
        if (i >= v->num)
            break;
        struct rec_desc d;
        load_desc(desc + 16u * i, &d);
        capture(r, desc_gpa + 16u * i, 16);
        bool ok = (d.flags & REC_DESC_F_INDIRECT) ? capture_indirect(r, vq, &d)
                                                  : capture_buf(r, vq, &d);
        if (!ok)
            return;
        if (!(d.flags & REC_DESC_F_NEXT)) {
            r->st.chains++;
            return;
        }
        i = d.next;
    }
    note(r, "vq %u: chain at head %u loops or leaves the ring", vq, head);
    r->st.skipped++;
}

/* Capture the new avail entries of @vq. */
static void walk(struct vb_rec *r, unsigned vq)
{
    struct rec_vring *v = &r->vr[vq];
    if (!v->have_addr || v->stopped || !v->num || r->st.failed)
        return;
    if (r->features & (1ull << REC_F_RING_PACKED)) {
        if (!r->packed_noted)
            note(r, "packed virtqueues: master memory not captured");
        r->packed_noted = true;
        return;
    }
    uint64_t desc_gpa, avail_gpa, used_gpa;
    uint64_t avail_len = 4 + 2ull * v->num + 2;
    const uint8_t *desc = NULL, *avail = NULL, *used = NULL;
    if (uva_to_gpa(r, v->desc_uva, &desc_gpa) && uva_to_gpa(r, v->avail_uva, &avail_gpa) &&
        uva_to_gpa(r, v->used_uva, &used_gpa)) {
        desc = host_of(r, desc_gpa, 16ull * v->num);
        avail = host_of(r, avail_gpa, avail_len);
        used = host_of(r, used_gpa, 4);
    }
    if (!desc || !avail || !used) {
        if (!v->noted)
            note(r, "vq %u: ring outside the memory table: not captured", vq);
        v->noted = true;
        return;
    }
    v->noted = false;
    uint16_t idx = __atomic_load_n((const uint16_t *)(const void *)(avail + 2), __ATOMIC_ACQUIRE);
    uint16_t used_idx = __atomic_load_n((const uint16_t *)(const void *)(used + 2), __ATOMIC_ACQUIRE);
    int16_t ahead = (int16_t)(uint16_t)(used_idx - v->cap);
    if (ahead > 0) {
        r->st.late += (uint64_t)ahead;
        note(r, "vq %u: %d entries used before they were captured", vq, ahead);
    }
    uint16_t n = (uint16_t)(idx - v->cap);
    if (!n)
        return;
    if (n > v->num) {
        note(r, "vq %u: avail idx %u is %u entries ahead of %u (ring of %u): not captured", vq,
             idx, n, v->cap, v->num);
        r->st.skipped++;
        v->cap = idx;
        return;
    }
    capture(r, avail_gpa, 4); /* flags, idx */
    uint32_t s0 = v->cap % v->num, first = n;
    if (s0 + first > v->num)
        first = v->num - s0;
    capture(r, avail_gpa + 4 + 2ull * s0, 2ull * first);
    if (first < n)
        capture(r, avail_gpa + 4, 2ull * (n - first));
    if (r->features & (1ull << REC_F_EVENT_IDX))
        capture(r, avail_gpa + 4 + 2ull * v->num, 2); /* used_event */
    for (uint16_t k = 0; k < n; k++) {
        uint16_t head;
        memcpy(&head, avail + 4 + 2u * ((v->cap + k) % v->num), 2);
        capture_chain(r, vq, desc, desc_gpa, head);
    }
    v->cap = idx;
}

/* ------------------------------------------------------------------ */
/* the API                                                             */
/* ------------------------------------------------------------------ */

struct vb_rec *vb_rec_open(const char *path, const char *info, char *err, size_t errlen)
{
    struct vb_rec *r = calloc(1, sizeof(*r));
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    r->f = fopen(path, "wb");
    if (!r->f) {
        snprintf(err, errlen, "cannot create %s: %m", path);
        free(r);
        return NULL;
    }
    size_t n = info ? strlen(info) : 0;
    static const char magic[8] = VB_REC_MAGIC;
    put(r, magic, 8);
    put_u32(r, VB_REC_VERSION);
    put_u32(r, (uint32_t)n);
    put(r, info, n);
    if (r->st.failed || fflush(r->f) != 0) {
        snprintf(err, errlen, "cannot write %s: %m", path);
        fclose(r->f);
        free(r);
        return NULL;
    }
    return r;
}

void vb_rec_close(struct vb_rec *r)
{
    if (!r)
        return;
    fclose(r->f);
    free(r);
}

void vb_rec_connect(struct vb_rec *r)
{
    put_hdr(r, VB_REC_CONNECT, 0, 0, 0);
}

void vb_rec_disconnect(struct vb_rec *r)
{
    vb_rec_capture(r);
    put_hdr(r, VB_REC_DISCONNECT, 0, 0, 0);
    memset(r->reg, 0, sizeof(r->reg));
    memset(r->vr, 0, sizeof(r->vr));
    r->features = 0;
    r->packed_noted = false;
    vb_rec_flush(r);
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

void vb_rec_msg(struct vb_rec *r, enum vpci_channel chan, const void *msg, size_t len,
                const struct vpci_res *res, unsigned nres)
{
    const uint8_t *m = msg;
    vb_rec_capture(r);
    put_hdr(r, VB_REC_MSG, (uint8_t)chan, (uint16_t)nres,
            (uint32_t)(nres * VB_REC_RES_SIZE + len));
    for (unsigned i = 0; i < nres; i++) {
        put_u32(r, (uint32_t)res[i].kind);
        put_u32(r, res[i].flags);
        put_u64(r, res[i].kind == VPCI_RES_MEM ? res[i].size : 0);
    }
    put(r, msg, len);
    if (chan != VPCI_CHAN_MASTER || len < VPCI_MSG_HDR_SIZE)
        return;
    uint32_t req = rd32(m);
    const uint8_t *p = m + VPCI_MSG_HDR_SIZE;
    size_t plen = len - VPCI_MSG_HDR_SIZE;
    if (req == VPCI_VU_REQ_SET_FEATURES && plen >= 8) {
        r->features = rd64(p);
        return;
    }
    if (plen < 8)
        return;
    uint32_t vq = rd32(p);
    if (vq >= REC_MAX_VQS)
        return;
    struct rec_vring *v = &r->vr[vq];
    switch (req) {
    case VPCI_VU_REQ_SET_VRING_NUM:
        v->num = rd32(p + 4);
        break;
    case VPCI_VU_REQ_SET_VRING_BASE:
        v->cap = (uint16_t)rd32(p + 4);
        v->stopped = false;
        break;
    case VPCI_VU_REQ_SET_VRING_ADDR:
        if (plen >= 40) {
            v->desc_uva = rd64(p + 8);
            v->used_uva = rd64(p + 16);
            v->avail_uva = rd64(p + 24);
            v->have_addr = true;
            v->stopped = false;
        }
        break;
    case VPCI_VU_REQ_GET_VRING_BASE:
        v->stopped = true; /* captured above; the ring stops now */
        break;
    default:
        break;
    }
}

/* One region of a memory table: guest address, size, user address, mmap
 * offset (32 bytes). */
static void add_region(struct vb_rec *r, const uint8_t *p, const struct vpci_res *res)
{
    if (!res || res->kind != VPCI_RES_MEM || !res->host)
        return;
    for (unsigned i = 0; i < REC_MAX_REGIONS; i++) {
        struct rec_region *g = &r->reg[i];
        if (g->live)
            continue;
        g->live = true;
        g->gpa = rd64(p);
        g->size = rd64(p + 8);
        g->uva = rd64(p + 16);
        if (g->size > res->size)
            g->size = res->size;
        g->host = res->host;
        g->cookie = res->cookie;
        return;
    }
    note(r, "more than %u memory regions: the rest is not captured", REC_MAX_REGIONS);
}

void vb_rec_msg_done(struct vb_rec *r, const void *msg, size_t len, const struct vpci_res *res,
                     unsigned nres, int rc)
{
    const uint8_t *m = msg;
    if (rc != VPCI_OK || len < VPCI_MSG_HDR_SIZE)
        return;
    uint32_t req = rd32(m);
    const uint8_t *p = m + VPCI_MSG_HDR_SIZE;
    size_t plen = len - VPCI_MSG_HDR_SIZE;
    if (req == VPCI_VU_REQ_SET_MEM_TABLE && plen >= 8) {
        memset(r->reg, 0, sizeof(r->reg));
        uint32_t n = rd32(p);
        for (uint32_t i = 0; i < n && i < nres && 8 + 32ull * (i + 1) <= plen; i++)
            add_region(r, p + 8 + 32u * i, &res[i]);
    } else if (req == VPCI_VU_REQ_ADD_MEM_REG && plen >= 40 && nres >= 1) {
        add_region(r, p + 8, &res[0]);
    } else if (req == VPCI_VU_REQ_REM_MEM_REG && plen >= 40) {
        uint64_t gpa = rd64(p + 8);
        for (unsigned i = 0; i < REC_MAX_REGIONS; i++)
            if (r->reg[i].live && r->reg[i].gpa == gpa)
                r->reg[i].live = false;
    }
}

void vb_rec_kick(struct vb_rec *r, uint16_t vq)
{
    vb_rec_capture(r);
    put_hdr(r, VB_REC_KICK, 0, vq, 0);
}

void vb_rec_send(struct vb_rec *r, enum vpci_channel chan, const void *msg, size_t len)
{
    put_hdr(r, VB_REC_SEND, (uint8_t)chan, 0, (uint32_t)len);
    put(r, msg, len);
}

void vb_rec_notify(struct vb_rec *r, enum vpci_notify_kind kind, uint16_t vq)
{
    put_hdr(r, VB_REC_NOTIFY, (uint8_t)kind, vq, 0);
}

void vb_rec_channel_gone(struct vb_rec *r)
{
    put_hdr(r, VB_REC_CHANNEL_GONE, 0, 0, 0);
}

void vb_rec_release(struct vb_rec *r, const struct vpci_res *res)
{
    if (res->kind != VPCI_RES_MEM)
        return;
    for (unsigned i = 0; i < REC_MAX_REGIONS; i++)
        if (r->reg[i].live && r->reg[i].cookie == res->cookie)
            r->reg[i].live = false;
}

void vb_rec_capture(struct vb_rec *r)
{
    for (unsigned vq = 0; vq < REC_MAX_VQS; vq++)
        walk(r, vq);
}

void vb_rec_flush(struct vb_rec *r)
{
    if (!r->st.failed && fflush(r->f) != 0)
        r->st.failed = true;
}

void vb_rec_get_stats(const struct vb_rec *r, struct vb_rec_stats *s)
{
    *s = r->st;
}
