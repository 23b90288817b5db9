/* SPDX-License-Identifier: MIT */
/*
 * dma.c - the adapter's DMA request unit (bus master interface): the tags of
 * the requests the queue engines issue into driver memory, their completion
 * routing, and the write sequence numbers behind the MSI-X ordering rule.
 *
 * docs/spec.md: §2.5 (BUS_MASTER gates DMA; STATUS.RCVD_MASTER_ABORT on a
 * failed request), §4.4 (reset: responses of an older reset generation are
 * discarded), §5.7 rule 2 (an MSI-X message is issued only after every
 * earlier DMA write has completed), §12 (request/completion platform seam).
 *
 * Each request occupies a slot until the platform completes it, even across
 * a reset: the slot owns the request's buffer (bounce), so a late completion
 * of a stale request can never write into memory the core has reused, and
 * pending DMA writes issued before a reset stay visible to the write
 * ordering check. A completion is matched by its full tag (slot index plus a
 * serial number); a tag that matches no busy slot is ignored.
 *
 * A failed request records ERROR_INFO = DMA with DETAIL = its source (spec
 * §11.3: 1..6; 7, MSI-X write, is not a DMA request in this model) and
 * ERROR_CAUSE.DMA_ERR, plus M2S_ERR/S2M_ERR for ring accesses (descriptor
 * reads and completion writes, sources 1, 3, 4, 6).
 */
#include <string.h>

#include "vpci_internal.h"

/* Serial numbers wrap so that serial * VPCI_DMA_SLOTS + slot fits a tag. */
#define DMA_SERIAL_WRAP (UINT32_MAX / VPCI_DMA_SLOTS)

/* Forget every request: later completions of them are stale. */
void vpci_dma_reset(struct vpci_core *c)
{
    /*
     * Slots stay busy until the platform completes them (their buffers are
     * still in use there); bumping the generation makes them stale.
     */
    c->dma.gen++;
}

/* Issue a DMA request for @source (see vpci_internal.h). */
bool vpci_dma_issue(struct vpci_core *c, enum vpci_dma_source source, enum vpci_dma_dir dir,
                    uint64_t addr, uint32_t len, void *buf)
{
    struct vpci_dma *d = &c->dma;
    struct vpci_dma_slot *s = NULL;
    unsigned idx;

    if (!vpci_bus_master(c) || len == 0 || len > VPCI_MAX_MSG_SIZE || !buf)
        return false;
    /* Write fence: a waiting MSI-X message goes out before any later write. */
    if (dir == VPCI_DMA_WRITE && vpci_msix_waiting(c))
        return false;
    for (idx = 0; idx < VPCI_DMA_SLOTS; idx++) {
        if (!d->slot[idx].busy) {
            s = &d->slot[idx];
            break;
        }
    }
    if (!s)
        return false;

    d->next_tag = (d->next_tag + 1) % DMA_SERIAL_WRAP;
    s->busy = true;
    s->source = (uint8_t)source;
    s->dir = dir;
    s->gen = d->gen;
    s->tag = d->next_tag * VPCI_DMA_SLOTS + idx;
    s->seq = 0;
    s->dst = NULL;
    if (dir == VPCI_DMA_WRITE) {
        memcpy(s->bounce, buf, len);
        s->seq = ++d->wr_seq;
    } else {
        s->dst = buf;
        memset(s->bounce, 0, len);
    }
    s->req.tag = s->tag;
    s->req.dir = dir;
    s->req.addr = addr;
    s->req.len = len;
    s->req.buf = s->bounce;
    c->stats.dma_reqs++;
    /* May complete at once (re-entering vpci_dma_complete); the slot is ready. */
    c->drv.dma(c->drv_opaque, &s->req);
    return true;
}

/* Sequence number of the most recent DMA write issued. */
uint64_t vpci_dma_write_seq(const struct vpci_core *c)
{
    return c->dma.wr_seq;
}

/* True when no DMA write with sequence <= @seq is still outstanding. */
bool vpci_dma_writes_done(const struct vpci_core *c, uint64_t seq)
{
    for (unsigned i = 0; i < VPCI_DMA_SLOTS; i++) {
        const struct vpci_dma_slot *s = &c->dma.slot[i];
        if (s->busy && s->dir == VPCI_DMA_WRITE && s->seq <= seq)
            return false;
    }
    return true;
}

/* Requests issued and not yet completed, stale ones included. */
unsigned vpci_dma_outstanding(const struct vpci_core *c)
{
    unsigned n = 0;

    for (unsigned i = 0; i < VPCI_DMA_SLOTS; i++)
        n += c->dma.slot[i].busy;
    return n;
}

/* Public API: the platform completed request @tag (vhost_pci_core.h). */
void vpci_dma_complete(struct vpci_core *c, uint32_t tag, enum vpci_dma_status status)
{
    struct vpci_dma_slot *s = &c->dma.slot[tag % VPCI_DMA_SLOTS];
    bool ok = status == VPCI_DMA_OK;

    /* Unknown tag, or one completed already: nothing to do. */
    if (!s->busy || s->tag != tag)
        return;
    vpci_enter(c);
    s->busy = false;
    if (s->gen != c->dma.gen) {
        /*
         * Issued before a reset: discarded (spec §4.4). Completing it may
         * still release an MSI-X message or RESET_BUSY waiting for writes.
         */
        vpci_kick_engines(c);
        vpci_leave(c);
        return;
    }
    if (ok && s->dir == VPCI_DMA_READ && s->dst)
        memcpy(s->dst, s->bounce, s->req.len);
    unsigned src = s->source;
    bool m2s = src >= VPCI_DMA_SRC_M2S_DESC && src <= VPCI_DMA_SRC_M2S_CPL;
    bool s2m = src >= VPCI_DMA_SRC_S2M_DESC && src <= VPCI_DMA_SRC_S2M_CPL;
    if (!ok) {
        uint32_t cause = VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_MASK;
        bool ring = src == VPCI_DMA_SRC_M2S_DESC || src == VPCI_DMA_SRC_M2S_CPL ||
                    src == VPCI_DMA_SRC_S2M_DESC || src == VPCI_DMA_SRC_S2M_CPL;

        if (ring)
            cause |= m2s ? VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_MASK
                         : VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_MASK;
        c->stats.dma_errors++;
        vpci_csr_hw_set(c, VPCI_REG_CFG_STATUS, VPCI_CFG_STATUS_RCVD_MASTER_ABORT_MASK);
        vpci_error(c, cause, VPCI_ERROR_CODE_DMA, src);
    }
    if (m2s || s2m)
        vpci_msgq_dma_done(c, s2m ? 1u : 0u, ok ? VPCI_DMA_OK : VPCI_DMA_ERROR);
    vpci_kick_engines(c);
    vpci_leave(c);
}
