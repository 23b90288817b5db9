/* SPDX-License-Identifier: MIT */
/*
 * vq.c - the VQ register block and the per-virtqueue resources (docs/spec.md
 * §4.8 VQ, §5.7 rules 3 and 6, §7.2):
 *
 *   SEL           selects the virtqueue VECTOR and VSTATUS show; a write of
 *                 a value >= NUM_VQS records VQ_RANGE (the value is kept);
 *   VECTOR        (hwext) MSI-X vector of the selected virtqueue's kicks,
 *                 NO_VECTOR for none; vectors may be shared between vqs.
 *                 SEL >= NUM_VQS: reads NO_VECTOR, writes dropped (VQ_RANGE,
 *                 code VQ_RANGE). A value >= MSIX_VECTORS other than
 *                 NO_VECTOR: write dropped (VQ_RANGE, code VECTOR_RANGE);
 *   VSTATUS       (hwext) armed resources and NOFD declarations of the
 *                 selected virtqueue (0 when SEL >= NUM_VQS);
 *   KICK_PENDING  rw1c kick latch, one bit per vq, set by every accepted
 *                 kick before its MSI-X message (§5.7 rule 6).
 *
 * Resources (kick source, call and err doorbells) are armed when the
 * completion of the message that carried them is written (§5.7 rule 3);
 * arming replaces and releases the previous one. A NONE resource means the
 * master declared polling (NOFD): nothing is armed, VSTATUS shows *_NOFD.
 */
#include "vpci_internal.h"

static uint32_t vq_sel(const struct vpci_core *c)
{
    return vpci_csr_get(c, VPCI_REG_VQ_SEL) & VPCI_VQ_SEL_VAL_MASK;
}

static uint32_t vstatus(const struct vpci_vq *q)
{
    uint32_t v = 0;

    if (q->kick_armed)
        v |= VPCI_VQ_VSTATUS_KICK_MASK;
    if (q->call_armed)
        v |= VPCI_VQ_VSTATUS_CALL_MASK;
    if (q->err_armed)
        v |= VPCI_VQ_VSTATUS_ERR_MASK;
    if (q->kick_nofd)
        v |= VPCI_VQ_VSTATUS_KICK_NOFD_MASK;
    if (q->call_nofd)
        v |= VPCI_VQ_VSTATUS_CALL_NOFD_MASK;
    return v;
}

/* Mark one resource slot absent, then release what it held (->release may
 * re-enter the core: the slot is already clean then). */
static void drop_res(struct vpci_core *c, struct vpci_res *res, bool *armed, bool *nofd)
{
    struct vpci_res old = *res;
    bool was_armed = *armed;

    *res = (struct vpci_res){0};
    *armed = false;
    *nofd = false;
    if (was_armed)
        vpci_res_release(c, &old);
}

/* Disarm every resource of every virtqueue, releasing them (session end).
 * Vectors and KICK_PENDING are driver state and are kept. */
void vpci_vq_withdraw_all(struct vpci_core *c)
{
    for (unsigned i = 0; i < VPCI_MAX_VQS; i++) {
        struct vpci_vq *q = &c->vq[i];
        drop_res(c, &q->kick, &q->kick_armed, &q->kick_nofd);
        drop_res(c, &q->call, &q->call_armed, &q->call_nofd);
        drop_res(c, &q->err, &q->err_armed, &q->err_nofd);
    }
}

/* Adapter reset: resources withdrawn, every vector back to NO_VECTOR.
 * KICK_PENDING is CSR storage and was reset with BAR0. */
void vpci_vq_reset(struct vpci_core *c)
{
    vpci_vq_withdraw_all(c);
    for (unsigned i = 0; i < VPCI_MAX_VQS; i++)
        c->vq[i].vector = VPCI_NO_VECTOR;
}

/* Read of an external VQ register (VECTOR, VSTATUS) for the selected vq. */
uint32_t vpci_vq_ext_read(struct vpci_core *c, unsigned id)
{
    uint32_t sel = vq_sel(c);

    switch (id) {
    case VPCI_REG_VQ_VECTOR:
        return sel < c->p.num_vqs ? c->vq[sel].vector : VPCI_NO_VECTOR;
    case VPCI_REG_VQ_VSTATUS:
        return sel < c->p.num_vqs ? vstatus(&c->vq[sel]) : 0;
    default:
        return 0;
    }
}

/* Write of an external VQ register; @val already merged under byte enables. */
void vpci_vq_ext_write(struct vpci_core *c, unsigned id, uint32_t val)
{
    uint32_t sel = vq_sel(c);
    uint32_t vec = val & VPCI_VQ_VECTOR_VAL_MASK;

    if (id != VPCI_REG_VQ_VECTOR)
        return; /* VSTATUS is read-only */
    if (sel >= c->p.num_vqs) {
        vpci_error(c, VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_MASK, VPCI_ERROR_CODE_VQ_RANGE, sel);
        return;
    }
    if (vec != VPCI_NO_VECTOR && vec >= c->p.msix_vectors) {
        vpci_error(c, VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_MASK, VPCI_ERROR_CODE_VECTOR_RANGE, vec);
        return;
    }
    c->vq[sel].vector = (uint16_t)vec;
}

/* A stored (non-external) VQ register changed: SEL beyond NUM_VQS is an error. */
void vpci_vq_written(struct vpci_core *c, unsigned id, uint32_t old, uint32_t val)
{
    (void)old;
    if (id == VPCI_REG_VQ_SEL && (val & VPCI_VQ_SEL_VAL_MASK) >= c->p.num_vqs)
        vpci_error(c, VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_MASK, VPCI_ERROR_CODE_VQ_RANGE,
                   val & VPCI_VQ_SEL_VAL_MASK);
}

/* The armed call or err notifier of @vq, or NULL (*@nofd: the master polls). */
const struct vpci_res *vpci_vq_notifier(const struct vpci_core *c, uint16_t vq, bool err,
                                        bool *nofd)
{
    const struct vpci_vq *q;

    *nofd = false;
    if (vq >= c->p.num_vqs)
        return NULL;
    q = &c->vq[vq];
    *nofd = err ? q->err_nofd : q->call_nofd;
    if (err)
        return q->err_armed ? &q->err : NULL;
    return q->call_armed ? &q->call : NULL;
}

/* Kick of @vq from the master: latch it and send its vector, if armed. */
void vpci_vq_kick(struct vpci_core *c, uint16_t vq)
{
    if (vq >= c->p.num_vqs || !c->vq[vq].kick_armed) {
        c->stats.kicks_dropped++;
        return;
    }
    c->stats.kicks++;
    vpci_csr_hw_set(c, VPCI_REG_VQ_KICK_PENDING_0 + vq / 32u, 1u << (vq % 32u));
    vpci_msix_signal(c, c->vq[vq].vector); /* NO_VECTOR: nothing */
}

/* Arm @res in @slot, releasing what it replaces; NONE (or NULL) = NOFD. */
static void arm_slot(struct vpci_core *c, struct vpci_res *slot, bool *armed, bool *nofd,
                     const struct vpci_res *res)
{
    struct vpci_res old = *slot;
    bool was_armed = *armed;

    /* Install the new state first, release the old one last: ->release may
     * re-enter the core and end the session (withdrawing the new one). */
    if (!res || res->kind == VPCI_RES_NONE) {
        *slot = (struct vpci_res){0};
        *armed = false;
        *nofd = true;
    } else {
        *slot = *res;
        *armed = true;
        *nofd = false;
    }
    if (was_armed)
        vpci_res_release(c, &old);
}

/* Arm a resource (the action of a delivered message); releases what it replaces.
 * Handles ARM_KICK, ARM_CALL and ARM_ERR (per vq). */
void vpci_vq_arm(struct vpci_core *c, enum vpci_action_op op, uint16_t vq,
                 const struct vpci_res *res)
{
    struct vpci_vq *q = vq < c->p.num_vqs ? &c->vq[vq] : NULL;

    switch (op) {
    case VPCI_ACT_ARM_KICK:
        if (q) {
            arm_slot(c, &q->kick, &q->kick_armed, &q->kick_nofd, res);
            return;
        }
        break;
    case VPCI_ACT_ARM_CALL:
        if (q) {
            arm_slot(c, &q->call, &q->call_armed, &q->call_nofd, res);
            return;
        }
        break;
    case VPCI_ACT_ARM_ERR:
        if (q) {
            arm_slot(c, &q->err, &q->err_armed, &q->err_nofd, res);
            return;
        }
        break;
    default:
        break;
    }
    /* Not ours, or vq out of range (the relay refuses those): don't leak it. */
    if (res && res->kind != VPCI_RES_NONE) {
        struct vpci_res tmp = *res;
        vpci_res_release(c, &tmp);
    }
}
