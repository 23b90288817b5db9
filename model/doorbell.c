/* SPDX-License-Identifier: MIT */
/*
 * doorbell.c - the doorbell page of BAR0 (docs/spec.md §3.1, §3.2, §4.8
 * DBINFO, §5.7 rule 5, §7.1): the driver's
 * notifications towards the master.
 *
 *   CALL[vq] at page offset 8*vq, ERR[vq] at 8*vq + 4 (vq < MAX_VQS), LOG at
 *   0x800. Any write of 1, 2 or 4 bytes inside a doorbell's 4-byte slot rings
 *   it; the value is ignored. Reads of the page return 0 (BAR0 routing).
 *
 * Ringing a doorbell whose resource is armed forwards it to the master
 * (->notify with the resource's cookie). Otherwise it is dropped:
 *   - vq >= NUM_VQS: ERROR_CAUSE.DB_ABSENT, code DB_RANGE, DETAIL = vq;
 *   - the master declared polling (NOFD) for that call/err: silently;
 *   - no armed resource (before its message's completion, after a
 *     disconnect): ERROR_CAUSE.DB_ABSENT, code DB_ABSENT, DETAIL = vq in
 *     bits 15:0 and the kind in bits 17:16 (0 CALL, 1 ERR, 2 LOG; vq 0 for
 *     LOG) (§7.1, §11.3).
 * Window writes are performed synchronously by the core, so every window
 * write received before a doorbell is already in the master's memory when
 * the doorbell is forwarded (§5.7 rule 5).
 */
#include "vpci_internal.h"

#define DB_STRIDE 8u                 /* DBINFO.DB_STRIDE */
#define DB_LOG_OFF 0x800u            /* DBINFO.DB_LOG    */
#define DB_SLOT 4u
#define DB_KIND_SHIFT 16u            /* DB_ABSENT DETAIL: kind in bits 17:16 */

static void dropped(struct vpci_core *c, uint32_t code, uint32_t detail)
{
    c->stats.doorbells_dropped++;
    vpci_error(c, VPCI_ADAPTER_ERROR_CAUSE_DB_ABSENT_MASK, code, detail);
}

static void forward(struct vpci_core *c, enum vpci_notify_kind kind, uint16_t vq,
                    const struct vpci_res *res)
{
    c->stats.doorbells++;
    c->mst.notify(c->mst_opaque, kind, vq, res->cookie);
}

/* A write of @size bytes at @off (relative to the page) rings a doorbell. */
void vpci_doorbell_write(struct vpci_core *c, uint32_t off, unsigned size)
{
    (void)size; /* natural alignment keeps every access inside one slot */

    if (off >= DB_LOG_OFF) {
        if (off >= DB_LOG_OFF + DB_SLOT)
            return; /* reserved: a hole */
        const struct vpci_res *logfd = vpci_relay_logfd(c);
        if (logfd)
            forward(c, VPCI_NOTIFY_LOG, 0, logfd);
        else
            dropped(c, VPCI_ERROR_CODE_DB_ABSENT, (uint32_t)VPCI_NOTIFY_LOG << DB_KIND_SHIFT);
        return;
    }

    uint16_t vq = (uint16_t)(off / DB_STRIDE);
    bool err = (off % DB_STRIDE) >= DB_SLOT;

    if (vq >= c->p.num_vqs) {
        dropped(c, VPCI_ERROR_CODE_DB_RANGE, vq);
        return;
    }
    enum vpci_notify_kind kind = err ? VPCI_NOTIFY_ERR : VPCI_NOTIFY_CALL;
    bool nofd = false;
    const struct vpci_res *res = vpci_vq_notifier(c, vq, err, &nofd);

    if (res)
        forward(c, kind, vq, res);
    else if (nofd)
        c->stats.doorbells_dropped++; /* the master polls: nothing to signal */
    else
        dropped(c, VPCI_ERROR_CODE_DB_ABSENT, vq | ((uint32_t)kind << DB_KIND_SHIFT));
}
