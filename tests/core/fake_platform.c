/* SPDX-License-Identifier: MIT */
/* fake_platform.c - test platform and test driver for core unit tests. */
#include "fake_platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_ev(struct fake_platform *f, enum fake_ev_type t, uint64_t a, uint64_t b,
                   uint32_t c, uint32_t d)
{
    if (f->nev < FAKE_MAX_EVENTS)
        f->ev[f->nev++] = (struct fake_event){t, a, b, c, d};
}

/* Run the re-entrancy hook if it is armed for @t. */
static void fire(struct fake_platform *f, enum fake_ev_type t)
{
    if (f->hook && f->hook_on == t && f->hook_left > 0) {
        f->hook_left--;
        f->hook(f);
    }
}

static void do_complete(struct fake_platform *f, const struct vpci_dma_req *r)
{
    enum vpci_dma_status st = VPCI_DMA_ERROR;

    /* Requests touching [fail_lo, fail_hi) fail; the others are served. */
    if (!(r->addr < f->fail_hi && r->addr + r->len > f->fail_lo))
        st = vpci_dma_arena_serve(&f->arena, r);
    add_ev(f, FAKE_EV_DMA_DONE, r->addr, r->len, r->dir, st);
    vpci_dma_complete(f->core, r->tag, st);
}

static void op_dma(void *o, const struct vpci_dma_req *r)
{
    struct fake_platform *f = o;

    add_ev(f, FAKE_EV_DMA_ISSUE, r->addr, r->len, r->dir, 0);
    fire(f, FAKE_EV_DMA_ISSUE);
    if (f->defer_dma) {
        if (f->npending < FAKE_MAX_PENDING)
            f->pending[f->npending++] = *r;
        else
            abort(); /* the core issued more than any test expects */
        return;
    }
    do_complete(f, r);
}

static void op_msi(void *o, uint16_t vector, uint64_t addr, uint32_t data)
{
    add_ev(o, FAKE_EV_MSI, addr, 0, vector, data);
    fire(o, FAKE_EV_MSI);
}

static void op_irq(void *o, uint16_t vector)
{
    add_ev(o, FAKE_EV_IRQ, 0, 0, vector, 0);
    fire(o, FAKE_EV_IRQ);
}

static void op_notify(void *o, enum vpci_notify_kind kind, uint16_t vq, uint64_t cookie)
{
    add_ev(o, FAKE_EV_NOTIFY, cookie, 0, kind, vq);
    fire(o, FAKE_EV_NOTIFY);
}

static void op_send(void *o, enum vpci_channel chan, const void *msg, size_t len)
{
    struct fake_platform *f = o;
    uint32_t req = 0;

    if (len >= 4)
        memcpy(&req, msg, 4);
    add_ev(f, FAKE_EV_SEND, 0, len, chan, req);
    if (f->nsent < FAKE_MAX_SENT && len <= sizeof(f->sent[0].data)) {
        f->sent[f->nsent].chan = chan;
        f->sent[f->nsent].len = (uint32_t)len;
        memcpy(f->sent[f->nsent].data, msg, len);
        f->nsent++;
    }
    fire(f, FAKE_EV_SEND);
}

static void op_close(void *o, enum vpci_close_reason reason, const char *why)
{
    struct fake_platform *f = o;

    (void)why;
    f->closes++;
    add_ev(f, FAKE_EV_CLOSE, 0, 0, reason, 0);
    if (f->auto_disconnect)
        vpci_master_disconnect(f->core);
    fire(f, FAKE_EV_CLOSE);
}

static void op_release(void *o, const struct vpci_res *res)
{
    struct fake_platform *f = o;

    f->releases++;
    add_ev(f, FAKE_EV_RELEASE, res->cookie, 0, res->kind, 0);
    fire(f, FAKE_EV_RELEASE);
}

static void op_log(void *o, const char *line)
{
    struct fake_platform *f = o;

    snprintf(f->last_log, sizeof(f->last_log), "%s", line);
    f->nlogs++;
    /* A logged line is the text of the event reported just before it. */
    if (f->nmev && strcmp(f->mev[(f->nmev - 1) % FAKE_MAX_MEVENTS].text, line) == 0)
        f->nmev_logged++;
}

static void op_event(void *o, const struct vpci_event *ev)
{
    struct fake_platform *f = o;
    struct fake_mevent *m = &f->mev[f->nmev % FAKE_MAX_MEVENTS];

    m->ev = *ev;
    snprintf(m->text, sizeof(m->text), "%s", ev->text ? ev->text : "");
    m->ev.text = m->text;
    f->nmev++;
}

static const struct vpci_driver_ops fake_ops_drv = {
    .dma = op_dma,
    .msi = op_msi,
    .irq = op_irq,
};

static const struct vpci_master_ops fake_ops_mst = {
    .notify = op_notify,
    .send = op_send,
    .close = op_close,
    .release = op_release,
    .log = op_log,
};

void fake_init(struct fake_platform *f, const struct vpci_params *p)
{
    memset(f, 0, sizeof(*f));
    f->mem = calloc(1, FAKE_MEM_SIZE);
    vpci_dma_arena_init(&f->arena, FAKE_MEM_BASE, f->mem, FAKE_MEM_SIZE);
    f->auto_disconnect = true;
    f->core = vpci_core_create(p, &fake_ops_drv, f, &fake_ops_mst, f);
    if (f->core)
        vpci_core_set_event_sink(f->core, op_event, f);
}

void fake_fini(struct fake_platform *f)
{
    vpci_core_destroy(f->core);
    f->core = NULL;
    free(f->mem);
    f->mem = NULL;
    vpci_dma_arena_init(&f->arena, FAKE_MEM_BASE, NULL, 0);
}

bool fake_complete_one(struct fake_platform *f)
{
    if (!f->npending)
        return false;
    struct vpci_dma_req r = f->pending[0];
    memmove(&f->pending[0], &f->pending[1], (f->npending - 1) * sizeof(f->pending[0]));
    f->npending--;
    do_complete(f, &r);
    return true;
}

void fake_complete_all(struct fake_platform *f)
{
    while (fake_complete_one(f))
        ;
}

unsigned fake_count(const struct fake_platform *f, enum fake_ev_type type)
{
    unsigned n = 0;
    for (unsigned i = 0; i < f->nev; i++)
        n += f->ev[i].type == type;
    return n;
}

const struct fake_mevent *fake_mev_at(const struct fake_platform *f, unsigned n)
{
    if (n >= f->nmev || f->nmev - n > FAKE_MAX_MEVENTS)
        return NULL;
    return &f->mev[n % FAKE_MAX_MEVENTS];
}

const struct fake_mevent *fake_mev_last(const struct fake_platform *f, enum vpci_event_code code)
{
    unsigned kept = f->nmev < FAKE_MAX_MEVENTS ? f->nmev : FAKE_MAX_MEVENTS;

    for (unsigned k = 1; k <= kept; k++) {
        const struct fake_mevent *m = &f->mev[(f->nmev - k) % FAKE_MAX_MEVENTS];
        if (code == 0 || m->ev.code == code)
            return m;
    }
    return NULL;
}

unsigned fake_mev_count(const struct fake_platform *f, enum vpci_event_code code)
{
    unsigned kept = f->nmev < FAKE_MAX_MEVENTS ? f->nmev : FAKE_MAX_MEVENTS, n = 0;

    for (unsigned k = 1; k <= kept; k++)
        n += code == 0 || f->mev[(f->nmev - k) % FAKE_MAX_MEVENTS].ev.code == code;
    return n;
}

uint8_t *fake_ptr(struct fake_platform *f, uint64_t addr)
{
    uint8_t *p = vpci_dma_arena_ptr(&f->arena, addr, 1);

    if (!p)
        abort();
    return p;
}

/* ---------------------------------------------------------------------- */

void fake_pci_enable(struct fake_platform *f)
{
    uint32_t cmd = vpci_cfg_read(f->core, VPCI_CFG_COMMAND_OFFSET, 2);
    vpci_cfg_write(f->core, VPCI_CFG_COMMAND_OFFSET, 2,
                   cmd | VPCI_CFG_COMMAND_MEM_EN_MASK | VPCI_CFG_COMMAND_BUS_MASTER_MASK);
}

uint32_t fake_rd32(struct fake_platform *f, uint32_t off)
{
    return (uint32_t)vpci_mmio_read(f->core, 0, off, 4);
}

void fake_wr32(struct fake_platform *f, uint32_t off, uint32_t val)
{
    vpci_mmio_write(f->core, 0, off, 4, val);
}

/* Offsets of a queue block's registers relative to its base. */
#define QREG(q, name) ((q) + (VPCI_M2S_##name##_OFFSET - VPCI_M2S_RB_TYPE_OFFSET))

static void ring_setup(struct fake_platform *f, uint32_t qbase, struct fake_ring *r, uint64_t at,
                       unsigned log2)
{
    unsigned n = 1u << log2;

    r->desc = at;
    /* Each ring RING_ALIGN aligned, also for rings smaller than that. */
    r->cpl = at + (16ull * n < VPCI_RING_ALIGN ? VPCI_RING_ALIGN : 16ull * n);
    r->log2 = log2;
    r->tail = 0;
    r->seen = 0;
    memset(fake_ptr(f, r->desc), 0, 2 * (r->cpl - r->desc));
    fake_wr32(f, QREG(qbase, RING_BASE_LO), (uint32_t)r->desc);
    fake_wr32(f, QREG(qbase, RING_BASE_HI), (uint32_t)(r->desc >> 32));
    fake_wr32(f, QREG(qbase, CPL_BASE_LO), (uint32_t)r->cpl);
    fake_wr32(f, QREG(qbase, CPL_BASE_HI), (uint32_t)(r->cpl >> 32));
    fake_wr32(f, QREG(qbase, SIZE), log2);
    fake_wr32(f, QREG(qbase, CTRL), VPCI_M2S_CTRL_ENABLE_MASK);
}

static void put_desc(struct fake_platform *f, struct fake_ring *r, uint64_t addr, uint32_t len,
                     uint16_t id, uint8_t flags, uint8_t session)
{
    uint8_t *d = fake_ptr(f, r->desc + 16ull * (r->tail & ((1u << r->log2) - 1)));

    for (int i = 0; i < 8; i++)
        d[i] = (uint8_t)(addr >> (8 * i));
    for (int i = 0; i < 4; i++)
        d[8 + i] = (uint8_t)(len >> (8 * i));
    d[12] = (uint8_t)id;
    d[13] = (uint8_t)(id >> 8);
    d[14] = flags;
    d[15] = session;
    r->tail++;
}

bool fake_driver_init(struct fake_driver *d, struct fake_platform *f, unsigned log2)
{
    unsigned n = 1u << log2;

    memset(d, 0, sizeof(*d));
    d->f = f;
    fake_pci_enable(f);
    if (fake_rd32(f, VPCI_ADAPTER_MAGIC_OFFSET) != VPCI_MAGIC)
        return false;
    fake_wr32(f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    fake_wr32(f, VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_MASK);
    uint64_t feat = 0;
    for (uint32_t w = 0; w < 2; w++) {
        fake_wr32(f, VPCI_ADAPTER_DEV_FEATURES_SEL_OFFSET, w);
        feat |= (uint64_t)fake_rd32(f, VPCI_ADAPTER_DEV_FEATURES_OFFSET) << (32 * w);
    }
    for (uint32_t w = 0; w < 2; w++) {
        fake_wr32(f, VPCI_ADAPTER_DRV_FEATURES_SEL_OFFSET, w);
        fake_wr32(f, VPCI_ADAPTER_DRV_FEATURES_OFFSET, (uint32_t)(feat >> (32 * w)));
    }
    fake_wr32(f, VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_FEATURES_OK_MASK);
    if (!(fake_rd32(f, VPCI_ADAPTER_STATUS_OFFSET) & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK))
        return false;

    /* Layout in driver memory: M2S rings, S2M rings, M2S buffers, S2M buffers. */
    uint64_t at = FAKE_MEM_BASE;
    ring_setup(f, VPCI_M2S_RB_TYPE_OFFSET, &d->m2s, at, log2);
    at += 2 * (d->m2s.cpl - d->m2s.desc);
    ring_setup(f, VPCI_S2M_RB_TYPE_OFFSET, &d->s2m, at, log2);
    at += 2 * (d->s2m.cpl - d->s2m.desc);
    d->buf_base = (at + 4095) & ~4095ull;
    d->s2m_buf_base = d->buf_base + 4096ull * n;
    if (d->s2m_buf_base + 4096ull * n > FAKE_MEM_BASE + FAKE_MEM_SIZE)
        return false;
    for (unsigned i = 0; i < n; i++)
        put_desc(f, &d->m2s, d->buf_base + 4096ull * i, 4096, (uint16_t)i, 0, 0);
    fake_wr32(f, VPCI_M2S_TAIL_OFFSET, d->m2s.tail);
    fake_wr32(f, VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_OK_MASK);
    return (fake_rd32(f, VPCI_ADAPTER_LINK_OFFSET) & VPCI_ADAPTER_LINK_DRIVER_READY_MASK) != 0;
}

void fake_driver_repost(struct fake_driver *d, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        unsigned slot = d->m2s.tail & ((1u << d->m2s.log2) - 1);
        put_desc(d->f, &d->m2s, d->buf_base + 4096ull * slot, 4096, (uint16_t)slot, 0, 0);
    }
    fake_wr32(d->f, VPCI_M2S_TAIL_OFFSET, d->m2s.tail);
}

/* The completion at the ring's read position, if its phase says it is new. */
static uint8_t *next_cpl(struct fake_driver *d, struct fake_ring *r)
{
    unsigned n = 1u << r->log2;
    uint8_t *cpl = fake_ptr(d->f, r->cpl + 16ull * (r->seen & (n - 1)));
    uint8_t phase = (uint8_t)(((r->seen / n) & 1) ? 0 : 1);

    if ((cpl[7] & 1) != phase)
        return NULL;
    r->seen++;
    return cpl;
}

bool fake_driver_m2s_next(struct fake_driver *d, uint8_t *msg, uint32_t cap, uint32_t *len,
                          uint8_t *status, uint8_t *chan, uint8_t *session)
{
    uint8_t *cpl = next_cpl(d, &d->m2s);

    if (!cpl)
        return false;
    uint32_t l = (uint32_t)cpl[0] | ((uint32_t)cpl[1] << 8) | ((uint32_t)cpl[2] << 16) |
                 ((uint32_t)cpl[3] << 24);
    uint16_t id = (uint16_t)(cpl[4] | (cpl[5] << 8));
    *len = l;
    *status = cpl[6];
    *chan = (cpl[7] >> 1) & 1;
    *session = cpl[8];
    if (*status == 0 && msg)
        memcpy(msg, fake_ptr(d->f, d->buf_base + 4096ull * id), l < cap ? l : cap);
    return true;
}

uint16_t fake_driver_s2m_post(struct fake_driver *d, const void *msg, uint32_t len, uint8_t chan,
                              uint8_t session)
{
    unsigned slot = d->s2m.tail & ((1u << d->s2m.log2) - 1);
    uint64_t buf = d->s2m_buf_base + 4096ull * slot;

    memcpy(fake_ptr(d->f, buf), msg, len <= 4096 ? len : 4096);
    put_desc(d->f, &d->s2m, buf, len, (uint16_t)slot, chan, session);
    fake_wr32(d->f, VPCI_S2M_TAIL_OFFSET, d->s2m.tail);
    return (uint16_t)slot;
}

bool fake_driver_s2m_next(struct fake_driver *d, uint8_t *status)
{
    uint8_t *cpl = next_cpl(d, &d->s2m);

    if (!cpl)
        return false;
    *status = cpl[6];
    return true;
}

uint32_t fake_vu_msg(uint8_t *buf, uint32_t request, uint32_t flags, const void *payload,
                     uint32_t size)
{
    uint32_t fl = VPCI_VU_FLAG_VERSION | flags;

    memcpy(buf, &request, 4);
    memcpy(buf + 4, &fl, 4);
    memcpy(buf + 8, &size, 4);
    if (size)
        memcpy(buf + VPCI_MSG_HDR_SIZE, payload, size);
    return VPCI_MSG_HDR_SIZE + size;
}
