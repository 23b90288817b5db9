/* SPDX-License-Identifier: MIT */
/*
 * msgq.c - the driver side of the M2S and S2M message queues (spec §5),
 * layer 2 of the library (see vpf_internal.h): ring allocation and enable,
 * M2S buffers posted and re-posted, completions read by phase bit (§5.2)
 * and returned to the caller with their session tag (§5.5), S2M messages
 * posted with the current session tag.
 */
#include <string.h>

#include "vpf_internal.h"

#define MSG VPCI_MAX_MSG_SIZE

static void ring_free(struct vpf_dev *d, struct vpf_ring *r)
{
    const struct vpci_hal_ops *o = d->hal->ops;
    /* Reverse order of allocation (lets bump allocators rewind). */
    if (r->bufs)
        o->dma_free(d->hal->ctx, r->bufs, (size_t)MSG * r->n);
    if (r->desc)
        o->dma_free(d->hal->ctx, r->desc, 32u * r->n);
    r->bufs = r->desc = r->cpl = NULL;
}

static int ring_setup(struct vpf_dev *d, struct vpf_ring *r, uint32_t base, unsigned log2)
{
    const struct vpci_hal_ops *o = d->hal->ops;
    uint64_t bus;

    memset(r, 0, sizeof(*r));
    r->base = base;
    r->log2 = log2;
    r->n = 1u << log2;
    /* Descriptor ring then completion ring, both RING_ALIGN aligned. */
    r->desc = o->dma_alloc(d->hal->ctx, 32u * r->n, VPCI_RING_ALIGN, &bus);
    if (!r->desc)
        return -1;
    r->desc_bus = bus;
    r->cpl = r->desc + 16u * r->n;
    r->cpl_bus = bus + 16u * r->n;
    r->bufs = o->dma_alloc(d->hal->ctx, (size_t)MSG * r->n, 64, &r->bufs_bus);
    if (!r->bufs)
        return -1;
    memset(r->cpl, 0, 16u * r->n); /* zeroed before enable (phase) */
    vpf_wr(d, base + VPF_REG(M2S, RING_BASE_LO), (uint32_t)r->desc_bus);
    vpf_wr(d, base + VPF_REG(M2S, RING_BASE_HI), (uint32_t)(r->desc_bus >> 32));
    vpf_wr(d, base + VPF_REG(M2S, CPL_BASE_LO), (uint32_t)r->cpl_bus);
    vpf_wr(d, base + VPF_REG(M2S, CPL_BASE_HI), (uint32_t)(r->cpl_bus >> 32));
    vpf_wr(d, base + VPF_REG(M2S, SIZE), log2);
    vpf_wr(d, base + VPF_REG(M2S, CTRL), VPCI_M2S_CTRL_ENABLE_BIT);
    uint32_t qs = vpf_rd(d, base + VPF_REG(M2S, QSTATUS));
    if (!(qs & VPCI_M2S_QSTATUS_ENABLED_BIT) || (qs & VPCI_M2S_QSTATUS_ERROR_BIT))
        return -1;
    return 0;
}

static void put_desc(struct vpf_ring *r, uint64_t addr, uint32_t len, uint16_t id, uint8_t flags,
                     uint8_t session)
{
    uint8_t *e = r->desc + 16u * (r->tail & (r->n - 1));

    vpci_desc_addr_store(e, addr);
    vpci_desc_len_store(e, len);
    vpci_desc_id_store(e, id);
    vpci_desc_flags_store(e, flags);
    vpci_desc_session_store(e, session);
    r->tail++;
}

enum vpf_status vpf_msgq_setup(struct vpf_dev *d)
{
    if (ring_setup(d, &d->m2s, d->blk_m2s, d->cfg.m2s_log2) < 0 ||
        ring_setup(d, &d->s2m, d->blk_s2m, d->cfg.s2m_log2) < 0) {
        vpf_msgq_free(d);
        return VPF_E_RINGS;
    }
    /* Every M2S slot gets a MAX_MSG_SIZE buffer; ID = slot. */
    for (unsigned i = 0; i < d->m2s.n; i++)
        put_desc(&d->m2s, d->m2s.bufs_bus + (uint64_t)MSG * i, MSG, (uint16_t)i, 0, 0);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    vpf_wr(d, d->m2s.base + VPF_REG(M2S, TAIL), d->m2s.tail);
    return VPF_OK;
}

void vpf_msgq_free(struct vpf_dev *d)
{
    ring_free(d, &d->s2m);
    ring_free(d, &d->m2s);
}

/* The completion at the read position if its phase says it is new. */
static const uint8_t *next_cpl(const struct vpf_ring *r)
{
    if (!r->cpl)
        return NULL;
    const uint8_t *c = r->cpl + 16u * (r->seen & (r->n - 1));
    uint8_t phase = (uint8_t)(((r->seen >> r->log2) & 1) ? 0 : 1);
    uint8_t flags = __atomic_load_n(&c[VPCI_CPL_FLAGS_OFFSET], __ATOMIC_ACQUIRE);

    return (flags & 1) == phase ? c : NULL;
}

bool vpf_msgq_m2s_ready(const struct vpf_dev *d)
{
    return next_cpl(&d->m2s) != NULL;
}

bool vpf_msgq_m2s_next(struct vpf_dev *d, struct vpf_m2s_msg *m)
{
    const uint8_t *c = next_cpl(&d->m2s);

    if (!c)
        return false;
    uint32_t len = vpci_cpl_len_load(c);
    uint16_t id = vpci_cpl_id_load(c);
    uint8_t status = vpci_cpl_status_load(c);
    d->m2s.seen++;
    /* TOO_SMALL cannot happen with MAX_MSG_SIZE buffers; DMA_ERR keeps the
     * message pending: the caller re-posts the slot in every case. */
    m->ok = status == VPCI_CPL_STATUS_OK && id < d->m2s.n && len >= VPCI_MSG_HDR_SIZE &&
            len <= MSG;
    m->chan = (vpci_cpl_flags_load(c) >> 1) & 1;
    m->session = vpci_cpl_session_load(c);
    m->buf = m->ok ? d->m2s.bufs + (size_t)MSG * id : NULL;
    m->len = m->ok ? len : 0;
    return true;
}

void vpf_msgq_m2s_repost(struct vpf_dev *d)
{
    if (!d->m2s.desc)
        return;
    unsigned slot = d->m2s.tail & (d->m2s.n - 1);
    put_desc(&d->m2s, d->m2s.bufs_bus + (uint64_t)MSG * slot, MSG, (uint16_t)slot, 0, 0);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    vpf_wr(d, d->m2s.base + VPF_REG(M2S, TAIL), d->m2s.tail);
}

int vpf_msgq_s2m_reap(struct vpf_dev *d)
{
    int n = 0;
    const uint8_t *c;

    while ((c = next_cpl(&d->s2m)) != NULL) {
        uint8_t status = vpci_cpl_status_load(c);
        d->s2m.seen++;
        n++;
        if (status == VPCI_CPL_STATUS_OK)
            d->st.replies++;
        else
            d->st.s2m_errors++; /* STALE/NO_PEER during disconnects, else a bug */
    }
    return n;
}

enum vpf_status vpf_msgq_s2m_send(struct vpf_dev *d, uint8_t chan, const void *msg, uint32_t len)
{
    struct vpf_ring *r = &d->s2m;

    if (d->state != VPF_STATE_RUNNING || !r->desc)
        return VPF_E_NOT_RUNNING;
    if (len < VPCI_MSG_HDR_SIZE || len > MSG)
        return VPF_E_MSG_SIZE;
    vpf_msgq_s2m_reap(d);
    if ((uint16_t)(r->tail - r->seen) >= r->n) {
        /* Ring full: the adapter waits for the master (back-pressure). Give
         * the platform a chance, then give up on this message. */
        for (unsigned i = 0; i < 64 && (uint16_t)(r->tail - r->seen) >= r->n; i++) {
            vpf_wait_platform(d);
            vpf_msgq_s2m_reap(d);
        }
        if ((uint16_t)(r->tail - r->seen) >= r->n)
            return VPF_E_QUEUE_FULL;
    }
    unsigned slot = r->tail & (r->n - 1);
    memcpy(r->bufs + (size_t)MSG * slot, msg, len);
    put_desc(r, r->bufs_bus + (uint64_t)MSG * slot, len, (uint16_t)slot, chan, d->session);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    vpf_wr(d, r->base + VPF_REG(S2M, TAIL), r->tail);
    vpf_msgq_s2m_reap(d);
    return VPF_OK;
}
