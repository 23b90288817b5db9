/* SPDX-License-Identifier: MIT */
/* test_master.c - test vhost-user master for the firmware tests (see test_master.h). */
#define _GNU_SOURCE
#include "test_master.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vpf.h"

#define GIB (1ull << 30)
#define COOKIE_MEM 0x1000000000ull

bool tm_init(struct test_master *m, unsigned nregions, uint64_t size)
{
    memset(m, 0, sizeof(*m));
    if (nregions == 0 || nregions > TM_MAX_REGIONS)
        return false;
    for (unsigned i = 0; i < nregions; i++) {
        struct tm_region *r = &m->reg[i];
        r->fd = memfd_create("tm-guest", MFD_CLOEXEC);
        if (r->fd < 0 || ftruncate(r->fd, (off_t)size) != 0)
            return false;
        r->va = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, r->fd, 0);
        if (r->va == MAP_FAILED)
            return false;
        r->gpa = (uint64_t)i * GIB;
        r->size = size;
        m->nregions++;
    }
    m->brk = 0x1000;
    m->next_cookie = 1;
    return true;
}

bool tm_init_window_file(struct test_master *m, unsigned nregions, uint64_t size)
{
    memset(m, 0, sizeof(*m));
    if (nregions == 0 || nregions > TM_MAX_REGIONS)
        return false;
    int fd = memfd_create("tm-window", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, (off_t)(size * nregions)) != 0)
        return false;
    m->window_file = true;
    for (unsigned i = 0; i < nregions; i++) {
        struct tm_region *r = &m->reg[i];
        r->fd = i == 0 ? fd : dup(fd); /* one fd per region, one file */
        r->file_off = (uint64_t)i * size;
        r->va = r->fd < 0 ? MAP_FAILED
                          : mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, r->fd,
                                 (off_t)r->file_off);
        if (r->va == MAP_FAILED)
            return false;
        r->gpa = (uint64_t)i * GIB;
        r->size = size;
        m->nregions++;
    }
    m->brk = 0x1000;
    m->next_cookie = 1;
    return true;
}

void tm_fini(struct test_master *m)
{
    for (unsigned i = 0; i < m->nmaps; i++)
        munmap(m->maps[i].addr, m->maps[i].len);
    for (unsigned i = 0; i < m->nregions; i++) {
        munmap(m->reg[i].va, m->reg[i].size);
        close(m->reg[i].fd);
    }
    m->nmaps = m->nregions = 0;
}

/* ---- callbacks from the port ---- */

static void cb_notify(void *o, enum vpci_notify_kind kind, uint16_t vq, uint64_t cookie)
{
    struct test_master *m = o;
    (void)cookie;
    if (m->on_notify)
        m->on_notify(m->observe_ctx, kind, vq);
    if (kind == VPCI_NOTIFY_CALL)
        m->calls[vq & 255]++;
    else if (kind == VPCI_NOTIFY_ERR)
        m->errs[vq & 255]++;
    else
        m->logs++;
}

static void cb_send(void *o, enum vpci_channel chan, const void *msg, size_t len)
{
    struct test_master *m = o;
    struct tm_msg *t;

    if (m->on_message)
        m->on_message(m->observe_ctx, chan, msg, len);
    if (len > sizeof(t->data))
        return;
    if (chan == VPCI_CHAN_MASTER) {
        if (m->in_count >= TM_INBOX)
            return;
        t = &m->inbox[(m->in_head + m->in_count++) % TM_INBOX];
    } else {
        if (m->be_count >= TM_INBOX)
            return;
        t = &m->backend[m->be_count++];
    }
    t->chan = chan;
    t->len = (uint32_t)len;
    memcpy(t->data, msg, len);
}

static void cb_close(void *o, enum vpci_close_reason reason, const char *why)
{
    struct test_master *m = o;
    m->closes++;
    m->close_reason = reason;
    snprintf(m->close_why, sizeof(m->close_why), "%s", why ? why : "");
    if (m->connected) {
        m->connected = false;
        vpci_master_disconnect(m->core); /* the connection is gone */
    }
}

static void cb_release(void *o, const struct vpci_res *res)
{
    struct test_master *m = o;
    if (m->on_release)
        m->on_release(m->observe_ctx, res);
    m->releases++;
    bool known = false;
    for (unsigned i = m->nres; i-- > 0;) {
        if (m->res[i].cookie == res->cookie) {
            m->res[i].releases++;
            known = true;
            break;
        }
    }
    if (!known)
        m->unknown_releases++;
    if (res->kind != VPCI_RES_MEM)
        return;
    for (unsigned i = 0; i < m->nmaps; i++) {
        struct tm_map *p = &m->maps[i];
        if (p->cookie != res->cookie || p->released)
            continue;
        /* Keep the address valid: anonymous memory that reads all-ones. */
        void *a = mmap(p->addr, p->len, PROT_READ | PROT_WRITE,
                       MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (a != MAP_FAILED)
            memset(a, 0xff, p->len);
        p->released = true;
        m->mem_releases++;
    }
}

static void cb_log(void *o, const char *line)
{
    struct test_master *m = o;
    snprintf(m->last_log, sizeof(m->last_log), "%s", line);
}

static const struct vpci_master_ops tm_master_ops = {
    .notify = cb_notify,
    .send = cb_send,
    .close = cb_close,
    .release = cb_release,
    .log = cb_log,
};

int tm_attach(struct test_master *m, struct vpci_core *core)
{
    m->core = core;
    return vpci_core_set_master(core, &tm_master_ops, m);
}

/* ---- connection and resources ---- */

void tm_res_forget(struct test_master *m)
{
    m->nres = 0;
    m->res_overflow = 0;
    m->unknown_releases = 0;
}

unsigned tm_reclaim(struct test_master *m)
{
    unsigned n = 0, j = 0;
    for (unsigned i = 0; i < m->nmaps; i++) {
        if (m->maps[i].released) {
            munmap(m->maps[i].addr, m->maps[i].len);
            n++;
        } else {
            m->maps[j++] = m->maps[i];
        }
    }
    m->nmaps = j;
    return n;
}

static void res_record(struct test_master *m, uint32_t request, const struct vpci_res *res,
                       unsigned nres)
{
    for (unsigned i = 0; i < nres; i++) {
        if (res[i].kind == VPCI_RES_NONE)
            continue;
        if (m->nres >= TM_MAX_RES) {
            m->res_overflow++;
            continue;
        }
        struct tm_res_rec *r = &m->res[m->nres++];
        r->cookie = res[i].cookie;
        r->kind = res[i].kind;
        r->request = request;
        r->releases = 0;
    }
}

int tm_connect(struct test_master *m)
{
    m->in_count = m->in_head = 0;
    m->be_count = 0;
    int rc = vpci_master_connect(m->core);
    m->connected = rc == VPCI_OK;
    return rc;
}

void tm_disconnect(struct test_master *m)
{
    if (!m->connected)
        return;
    m->connected = false;
    vpci_master_disconnect(m->core);
}

struct vpci_res tm_res_mem(struct test_master *m, unsigned region)
{
    struct vpci_res r = {VPCI_RES_NONE, NULL, 0, 0};
    const struct tm_region *g = &m->reg[region];

    if (region >= m->nregions || m->nmaps >= TM_MAX_MAPS)
        return r;
    void *a = mmap(NULL, g->size, PROT_READ | PROT_WRITE, MAP_SHARED, g->fd, (off_t)g->file_off);
    if (a == MAP_FAILED)
        return r;
    struct tm_map *p = &m->maps[m->nmaps++];
    p->addr = a;
    p->len = g->size;
    p->cookie = COOKIE_MEM + m->next_cookie++;
    p->released = false;
    r.kind = VPCI_RES_MEM;
    r.host = a;
    r.size = g->size;
    r.cookie = p->cookie;
    r.flags = m->window_file ? VPCI_RES_F_WINDOW_FILE : 0;
    return r;
}

static struct vpci_res simple_res(struct test_master *m, enum vpci_res_kind k)
{
    struct vpci_res r = {k, NULL, 0, m->next_cookie++};
    return r;
}

struct vpci_res tm_res_notifier(struct test_master *m) { return simple_res(m, VPCI_RES_NOTIFIER); }
struct vpci_res tm_res_kick(struct test_master *m) { return simple_res(m, VPCI_RES_KICK); }
struct vpci_res tm_res_channel(struct test_master *m) { return simple_res(m, VPCI_RES_CHANNEL); }

/* ---- messages ---- */

static unsigned limit(const struct test_master *m)
{
    return m->pump_limit ? m->pump_limit : 1000;
}

static void pump(struct test_master *m)
{
    if (m->pump)
        m->pump(m->pump_ctx);
}

int tm_send(struct test_master *m, uint32_t request, uint32_t flags, const void *payload,
            uint32_t size, const struct vpci_res *res, unsigned nres)
{
    uint8_t buf[4096];
    uint32_t fl = VPCI_VU_FLAG_VERSION | flags;

    if (size > sizeof(buf) - 12)
        return VPCI_EINVAL;
    memcpy(buf, &request, 4);
    memcpy(buf + 4, &fl, 4);
    memcpy(buf + 8, &size, 4);
    if (size)
        memcpy(buf + 12, payload, size);
    int rc = VPCI_EAGAIN;
    for (unsigned i = 0; i < limit(m) && m->connected; i++) {
        /* Recorded before the call: the core may release during it. */
        unsigned mark = m->nres;
        res_record(m, request, res, nres);
        rc = vpci_master_msg(m->core, VPCI_CHAN_MASTER, buf, 12 + size, res, nres);
        if (rc != VPCI_OK && rc != VPCI_EREFUSED) {
            /* Still the caller's: a release of them now was wrong. */
            for (unsigned j = mark; j < m->nres; j++)
                m->unknown_releases += m->res[j].releases;
            m->nres = mark;
        }
        if (rc != VPCI_EAGAIN)
            break;
        m->eagain++;
        pump(m);
    }
    if (rc == VPCI_OK) {
        m->sent++;
        if (m->on_sent)
            m->on_sent(m->on_sent_ctx, request);
    }
    return rc;
}

unsigned tm_replies(const struct test_master *m)
{
    return m->in_count;
}

bool tm_wait_reply(struct test_master *m, uint32_t request, void *payload, uint32_t cap,
                   uint32_t *size)
{
    for (unsigned i = 0; i < limit(m) && !m->in_count && m->connected; i++)
        pump(m);
    if (!m->in_count)
        return false;
    struct tm_msg *t = &m->inbox[m->in_head];
    m->in_head = (m->in_head + 1) % TM_INBOX;
    m->in_count--;
    uint32_t req, fl, sz;
    memcpy(&req, t->data, 4);
    memcpy(&fl, t->data + 4, 4);
    memcpy(&sz, t->data + 8, 4);
    if (req != request || !(fl & VPCI_VU_FLAG_REPLY) || 12 + sz != t->len)
        return false;
    if (payload)
        memcpy(payload, t->data + 12, sz < cap ? sz : cap);
    if (size)
        *size = sz;
    return true;
}

bool tm_get_u64(struct test_master *m, uint32_t request, uint64_t *v)
{
    uint32_t sz = 0;
    *v = 0;
    if (tm_send(m, request, 0, NULL, 0, NULL, 0) != VPCI_OK)
        return false;
    return tm_wait_reply(m, request, v, 8, &sz) && sz == 8;
}

bool tm_set_u64(struct test_master *m, uint32_t request, uint64_t v, bool ack)
{
    if (tm_send(m, request, ack ? VPCI_VU_FLAG_NEED_REPLY : 0, &v, 8, NULL, 0) != VPCI_OK)
        return false;
    if (!ack)
        return true;
    uint64_t r = ~0ull;
    uint32_t sz = 0;
    return tm_wait_reply(m, request, &r, 8, &sz) && sz == 8 && r == 0;
}

static bool ack_wanted(const struct test_master *m)
{
    return (m->proto >> VPCI_PROTO_F_REPLY_ACK) & 1;
}

/* A request with a payload and resources, acked when REPLY_ACK is on. */
static bool tm_req(struct test_master *m, uint32_t request, const void *p, uint32_t size,
                   const struct vpci_res *res, unsigned nres)
{
    bool ack = ack_wanted(m);
    if (tm_send(m, request, ack ? VPCI_VU_FLAG_NEED_REPLY : 0, p, size, res, nres) != VPCI_OK)
        return false;
    if (!ack)
        return true;
    uint64_t r = ~0ull;
    uint32_t sz = 0;
    return tm_wait_reply(m, request, &r, 8, &sz) && sz == 8 && r == 0;
}

bool tm_negotiate(struct test_master *m, uint64_t want_features, uint64_t want_proto)
{
    uint64_t f, pf, qn, slots;

    if (!tm_get_u64(m, VPCI_VU_REQ_GET_FEATURES, &f))
        return false;
    if (!(f & (1ull << VPCI_VU_F_PROTOCOL_FEATURES)))
        return false;
    if (!tm_get_u64(m, VPCI_VU_REQ_GET_PROTOCOL_FEATURES, &pf))
        return false;
    m->proto = pf & want_proto;
    if (!tm_set_u64(m, VPCI_VU_REQ_SET_PROTOCOL_FEATURES, m->proto, false))
        return false;
    if ((m->proto >> VPCI_PROTO_F_MQ) & 1) {
        if (!tm_get_u64(m, VPCI_VU_REQ_GET_QUEUE_NUM, &qn) || qn == 0)
            return false;
    }
    if ((m->proto >> VPCI_PROTO_F_CONFIGURE_MEM_SLOTS) & 1) {
        if (!tm_get_u64(m, VPCI_VU_REQ_GET_MAX_MEM_SLOTS, &slots) || slots == 0)
            return false;
    }
    if (!tm_req(m, VPCI_VU_REQ_SET_OWNER, NULL, 0, NULL, 0))
        return false;
    if ((m->proto >> VPCI_PROTO_F_BACKEND_REQ) & 1) {
        struct vpci_res ch = tm_res_channel(m);
        if (!tm_req(m, VPCI_VU_REQ_SET_BACKEND_REQ_FD, NULL, 0, &ch, 1))
            return false;
    }
    m->features = f & (want_features | (1ull << VPCI_VU_F_PROTOCOL_FEATURES));
    return tm_req(m, VPCI_VU_REQ_SET_FEATURES, &m->features, 8, NULL, 0);
}

bool tm_set_mem_table(struct test_master *m, bool ack)
{
    uint8_t p[8 + 32 * TM_MAX_REGIONS];
    struct vpci_res res[TM_MAX_REGIONS];
    uint32_t n = m->nregions, pad = 0;

    memcpy(p, &n, 4);
    memcpy(p + 4, &pad, 4);
    for (unsigned i = 0; i < n; i++) {
        uint64_t v[4] = {m->reg[i].gpa, m->reg[i].size, (uint64_t)(uintptr_t)m->reg[i].va,
                         m->reg[i].file_off};
        memcpy(p + 8 + 32 * i, v, 32);
        res[i] = tm_res_mem(m, i);
    }
    if (!ack)
        return tm_send(m, VPCI_VU_REQ_SET_MEM_TABLE, 0, p, 8 + 32 * n, res, n) == VPCI_OK;
    return tm_req(m, VPCI_VU_REQ_SET_MEM_TABLE, p, 8 + 32 * n, res, n);
}

uint64_t tm_alloc(struct test_master *m, uint64_t size, uint64_t align)
{
    uint64_t at = (m->brk + align - 1) & ~(align - 1);
    if (at + size > m->reg[0].size)
        return ~0ull;
    m->brk = at + size;
    memset(m->reg[0].va + at, 0, size);
    return m->reg[0].gpa + at;
}

void *tm_gpa(struct test_master *m, uint64_t gpa)
{
    for (unsigned i = 0; i < m->nregions; i++) {
        if (gpa >= m->reg[i].gpa && gpa - m->reg[i].gpa < m->reg[i].size)
            return m->reg[i].va + (gpa - m->reg[i].gpa);
    }
    return NULL;
}

uint64_t tm_uva(struct test_master *m, uint64_t gpa)
{
    return (uint64_t)(uintptr_t)tm_gpa(m, gpa);
}

static bool vring_state(struct test_master *m, uint32_t request, unsigned vq, uint32_t num)
{
    uint32_t s[2] = {vq, num};
    return tm_req(m, request, s, 8, NULL, 0);
}

bool tm_vring_start(struct test_master *m, unsigned vq, unsigned num, bool kick_fd, bool call_fd)
{
    if (vq >= TM_MAX_VQS)
        return false;
    struct tm_vring *r = &m->vr[vq];
    memset(r, 0, sizeof(*r));
    r->num = num;
    r->desc_gpa = tm_alloc(m, 16ull * num, 16);
    r->avail_gpa = tm_alloc(m, 6 + 2ull * num, 2);
    r->used_gpa = tm_alloc(m, 6 + 8ull * num, 4);
    r->kick_fd = kick_fd;
    r->call_fd = call_fd;
    r->event_idx = (m->features >> VPF_VIRTIO_F_EVENT_IDX) & 1;
    if (r->used_gpa == ~0ull)
        return false;
    /* QEMU order: NUM, BASE, ADDR, KICK, CALL (ERR at init), ENABLE. */
    uint64_t err = vq;
    struct vpci_res er = tm_res_notifier(m);
    if (!tm_req(m, VPCI_VU_REQ_SET_VRING_ERR, &err, 8, &er, 1))
        return false;
    if (!vring_state(m, VPCI_VU_REQ_SET_VRING_NUM, vq, num) ||
        !vring_state(m, VPCI_VU_REQ_SET_VRING_BASE, vq, 0))
        return false;
    struct {
        uint32_t index, flags;
        uint64_t desc, used, avail, log;
    } a = {vq, 0, tm_uva(m, r->desc_gpa), tm_uva(m, r->used_gpa), tm_uva(m, r->avail_gpa), 0};
    if (m->dma_addr) {
        a.desc = m->dma_addr(m->dma_ctx, r->desc_gpa);
        a.used = m->dma_addr(m->dma_ctx, r->used_gpa);
        a.avail = m->dma_addr(m->dma_ctx, r->avail_gpa);
    }
    if (!tm_req(m, VPCI_VU_REQ_SET_VRING_ADDR, &a, 40, NULL, 0))
        return false;
    uint64_t k = vq | (kick_fd ? 0 : VPCI_VU_VRING_NOFD);
    struct vpci_res kr = tm_res_kick(m);
    if (!tm_req(m, VPCI_VU_REQ_SET_VRING_KICK, &k, 8, &kr, kick_fd ? 1 : 0))
        return false;
    uint64_t c = vq | (call_fd ? 0 : VPCI_VU_VRING_NOFD);
    struct vpci_res cr = tm_res_notifier(m);
    if (!tm_req(m, VPCI_VU_REQ_SET_VRING_CALL, &c, 8, &cr, call_fd ? 1 : 0))
        return false;
    return vring_state(m, VPCI_VU_REQ_SET_VRING_ENABLE, vq, 1);
}

bool tm_vring_stop(struct test_master *m, unsigned vq, uint32_t *base)
{
    if (!vring_state(m, VPCI_VU_REQ_SET_VRING_ENABLE, vq, 0))
        return false;
    uint32_t s[2] = {vq, 0}, r[2] = {0, 0};
    uint32_t sz = 0;
    if (tm_send(m, VPCI_VU_REQ_GET_VRING_BASE, 0, s, 8, NULL, 0) != VPCI_OK)
        return false;
    if (!tm_wait_reply(m, VPCI_VU_REQ_GET_VRING_BASE, r, 8, &sz) || sz != 8 || r[0] != vq)
        return false;
    if (base)
        *base = r[1];
    return true;
}

/* ---- virtio driver side ---- */

void tm_vq_desc(struct test_master *m, unsigned vq, uint16_t i, uint64_t addr, uint32_t len,
                uint16_t flags, uint16_t next)
{
    struct tm_vring *r = &m->vr[vq];
    uint8_t *d = (uint8_t *)tm_gpa(m, r->desc_gpa) + 16u * (i % r->num);
    memcpy(d, &addr, 8);
    memcpy(d + 8, &len, 4);
    memcpy(d + 12, &flags, 2);
    memcpy(d + 14, &next, 2);
}

uint16_t tm_vq_add(struct test_master *m, unsigned vq, const struct tm_buf *b, unsigned n)
{
    struct tm_vring *r = &m->vr[vq];
    uint16_t head = (uint16_t)(r->next_desc % r->num);

    for (unsigned i = 0; i < n; i++) {
        uint16_t idx = (uint16_t)((r->next_desc + i) % r->num);
        uint16_t next = (uint16_t)((r->next_desc + i + 1) % r->num);
        uint16_t fl = (uint16_t)((b[i].write ? 2 : 0) | (i + 1 < n ? 1 : 0));
        uint64_t addr = m->dma_addr ? m->dma_addr(m->dma_ctx, b[i].gpa) : b[i].gpa;
        tm_vq_desc(m, vq, idx, addr, b[i].len, fl, i + 1 < n ? next : 0);
    }
    r->next_desc = (uint16_t)(r->next_desc + n);
    tm_vq_publish(m, vq, head);
    return head;
}

void tm_vq_publish(struct test_master *m, unsigned vq, uint16_t head)
{
    struct tm_vring *r = &m->vr[vq];
    uint8_t *avail = tm_gpa(m, r->avail_gpa);
    memcpy(avail + 4 + 2u * (r->avail_idx % r->num), &head, 2);
    r->avail_idx++;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    memcpy(avail + 2, &r->avail_idx, 2);
}

bool tm_vq_kick(struct test_master *m, unsigned vq, bool force)
{
    struct tm_vring *r = &m->vr[vq];
    uint8_t *used = tm_gpa(m, r->used_gpa);
    bool need;

    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (r->event_idx) {
        uint16_t ev;
        memcpy(&ev, used + 4 + 8u * r->num, 2); /* avail_event */
        uint16_t now = r->avail_idx, old = r->kicked_idx;
        need = (uint16_t)(now - ev - 1) < (uint16_t)(now - old);
    } else {
        uint16_t fl;
        memcpy(&fl, used, 2);
        need = !(fl & 1);
    }
    r->kicked_idx = r->avail_idx;
    if (!(need || force) || !r->kick_fd || !m->connected)
        return false;
    vpci_master_kick(m->core, (uint16_t)vq);
    return true;
}

bool tm_vq_used(struct test_master *m, unsigned vq, uint32_t *id, uint32_t *len)
{
    struct tm_vring *r = &m->vr[vq];
    uint8_t *used = tm_gpa(m, r->used_gpa);
    uint16_t idx;

    memcpy(&idx, used + 2, 2);
    if (idx == r->last_used)
        return false;
    const uint8_t *e = used + 4 + 8u * (r->last_used % r->num);
    memcpy(id, e, 4);
    memcpy(len, e + 4, 4);
    r->last_used++;
    /* used_event: call me when the next one is used. */
    uint8_t *avail = tm_gpa(m, r->avail_gpa);
    memcpy(avail + 4 + 2u * r->num, &r->last_used, 2);
    return true;
}

/* ---- virtio-blk / virtio-net driver side ---- */

uint16_t tm_blk_submit(struct test_master *m, unsigned vq, uint32_t type, uint64_t sector,
                       uint64_t hdr_gpa, const struct tm_buf *data, unsigned ndata)
{
    struct tm_buf b[TM_MAX_MAPS / 2];
    uint8_t *h = tm_gpa(m, hdr_gpa);
    uint32_t prio = 0;

    memcpy(h, &type, 4);
    memcpy(h + 4, &prio, 4);
    memcpy(h + 8, &sector, 8);
    h[16] = 0xee;
    if (ndata + 2 > sizeof(b) / sizeof(b[0]))
        return 0xffff;
    b[0] = (struct tm_buf){hdr_gpa, 16, false};
    for (unsigned i = 0; i < ndata; i++)
        b[1 + i] = data[i];
    b[1 + ndata] = (struct tm_buf){hdr_gpa + 16, 1, true};
    return tm_vq_add(m, vq, b, ndata + 2);
}

uint8_t tm_blk_status(struct test_master *m, uint64_t hdr_gpa)
{
    return ((uint8_t *)tm_gpa(m, hdr_gpa))[16];
}

uint16_t tm_net_tx(struct test_master *m, unsigned vq, uint64_t gpa, unsigned hdr_len,
                   const void *frame, uint32_t len)
{
    uint8_t *p = tm_gpa(m, gpa);
    memset(p, 0, hdr_len);
    memcpy(p + hdr_len, frame, len);
    struct tm_buf b = {gpa, hdr_len + len, false};
    return tm_vq_add(m, vq, &b, 1);
}

uint16_t tm_net_rx_post(struct test_master *m, unsigned vq, uint64_t gpa, uint32_t len)
{
    memset(tm_gpa(m, gpa), 0xcc, len);
    struct tm_buf b = {gpa, len, true};
    return tm_vq_add(m, vq, &b, 1);
}
