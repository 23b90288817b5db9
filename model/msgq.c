/* SPDX-License-Identifier: MIT */
/*
 * msgq.c - the M2S and S2M message queue engines: the two queue register
 * blocks (RING_BASE, CPL_BASE, SIZE, CTRL, QSTATUS, TAIL, HEAD), descriptor
 * fetch, message data transfer, completion write with the phase bit, and the
 * interrupt that follows it.
 *
 * docs/spec.md: §5.1 (rings, DESC and CPL), §5.2 (registers, enable checks,
 * overflow, phase), §5.4 (M2S delivery, TOO_SMALL), §5.5 (channel and
 * session tags), §5.6 (S2M steps 1-3; steps 4-9 are relay.c's), §5.7
 * (ordering: data, then completion, then HEAD and interrupt), §5.9 (relaying
 * only while DRIVER_READY), §4.4 (NEEDS_RESET stops both queues; reset).
 *
 * Each engine has one DMA request outstanding at most. A step issues the
 * request of its phase (DESC read, DATA read/write, CPL write); the
 * completion only records its status (vpci_msgq_dma_done), and the run loop
 * (vpci_msgq_run) takes the next step, so synchronous completions from
 * inside ops->dma never recurse. Any callback the engine makes (DMA issue,
 * relay, interrupt) may re-enter the core and reset, disable or stop the
 * queue: the engine's epoch changes and the step ends there.
 *
 * Disable (CTRL.ENABLE 1 -> 0) lets a transfer that has started (message data
 * or completion phase) finish with its completion and interrupt (spec §5.2);
 * a descriptor fetch still in flight is dropped. QSTATUS.ENABLED reads 1
 * until the engine has nothing outstanding.
 */
#include <string.h>

#include "vpci_internal.h"

/* Register ids of queue @qi (0 M2S, 1 S2M): same layout in both blocks. */
#define QREG(qi, name) \
    ((unsigned)((qi) ? VPCI_REG_S2M_##name : VPCI_REG_M2S_##name))

static unsigned q_index(const struct vpci_core *c, const struct vpci_msgq *q)
{
    return (unsigned)(q - c->q);
}

static uint32_t q_err_cause(unsigned qi)
{
    return qi ? VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_MASK : VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_MASK;
}

static bool q_running(const struct vpci_msgq *q)
{
    return q->enabled && !q->error;
}

/* Abandon the current transfer: an outstanding completion will be ignored. */
static void q_abandon(struct vpci_msgq *q)
{
    if (q->outstanding)
        q->drop = true;
    q->state = VPCI_Q_IDLE;
    q->s2m_hold = false;
    q->epoch++;
}

/* Stop the queue with QSTATUS.ERROR (spec §5.2). */
static void q_stop(struct vpci_msgq *q)
{
    q->error = true;
    q_abandon(q);
}

/* Reset both queue engines (adapter reset): everything in flight is dropped. */
void vpci_msgq_reset(struct vpci_core *c)
{
    for (unsigned i = 0; i < 2; i++) {
        struct vpci_msgq *q = &c->q[i];
        uint32_t epoch = q->epoch;

        /* Outstanding requests became stale in dma.c (generation). */
        memset(q, 0, sizeof(*q));
        q->s2m = i == 1;
        q->epoch = epoch + 1;
    }
}

/* hwext registers of the queue blocks: QSTATUS and HEAD. */
uint32_t vpci_msgq_ext_read(struct vpci_core *c, unsigned id)
{
    for (unsigned i = 0; i < 2; i++) {
        const struct vpci_msgq *q = &c->q[i];

        if (id == QREG(i, QSTATUS)) {
            uint32_t v = 0;
            /* ENABLED stays 1 while a request is in flight (ring memory in use). */
            if (q_running(q) || q->state != VPCI_Q_IDLE || q->outstanding)
                v |= VPCI_M2S_QSTATUS_ENABLED_MASK;
            if (q->error)
                v |= VPCI_M2S_QSTATUS_ERROR_MASK;
            return v;
        }
        if (id == QREG(i, HEAD))
            return q->head;
    }
    return 0;
}

/* CTRL.ENABLE 0 -> 1: sample and check the rings (spec §5.2). */
static void q_enable(struct vpci_core *c, unsigned qi)
{
    struct vpci_msgq *q = &c->q[qi];
    uint64_t desc = vpci_csr_get(c, QREG(qi, RING_BASE_LO)) |
                    ((uint64_t)vpci_csr_get(c, QREG(qi, RING_BASE_HI)) << 32);
    uint64_t cpl = vpci_csr_get(c, QREG(qi, CPL_BASE_LO)) |
                   ((uint64_t)vpci_csr_get(c, QREG(qi, CPL_BASE_HI)) << 32);
    uint32_t log2 = vpci_m2s_size_log2_get(vpci_csr_get(c, QREG(qi, SIZE)));

    /* A transfer still draining from the previous enable is abandoned. */
    q_abandon(q);
    q->head = 0;
    q->tail = 0;
    vpci_csr_set(c, QREG(qi, TAIL), 0);
    q->enabled = true;
    q->error = false;

    bool bad = desc == 0 || cpl == 0 || log2 > VPCI_RING_LOG2_MAX ||
               (desc % VPCI_RING_ALIGN) != 0 || (cpl % VPCI_RING_ALIGN) != 0;
    if (!bad) {
        /* A ring must not wrap around the 64-bit bus address space. */
        uint64_t bytes = (uint64_t)VPCI_DESC_SIZE << log2;
        bad = desc > UINT64_MAX - bytes + 1 || cpl > UINT64_MAX - bytes + 1;
    }
    if (bad) {
        q->error = true;
        vpci_error_logf(c, q_err_cause(qi), VPCI_ERROR_CODE_RING_BAD, qi,
                        "%s ring rejected at enable", qi ? "S2M" : "M2S");
        return;
    }
    q->desc_base = desc;
    q->cpl_base = cpl;
    q->log2 = (uint8_t)log2;
    vpci_kick_engines(c);
}

/* A queue register was written (spec §5.2). */
void vpci_msgq_written(struct vpci_core *c, unsigned id)
{
    for (unsigned qi = 0; qi < 2; qi++) {
        struct vpci_msgq *q = &c->q[qi];

        if (id == QREG(qi, CTRL)) {
            bool en = vpci_csr_get(c, id) & VPCI_M2S_CTRL_ENABLE_MASK;
            if (en && !q->enabled) {
                q_enable(c, qi);
            } else if (!en && q->enabled) {
                /* QSTATUS.ERROR stays until the next successful enable. */
                q->enabled = false;
                q->epoch++;
                /* A descriptor fetch has not started a transfer: drop it. So is
                 * an S2M message waiting to be relayed: nothing was sent. */
                if (q->state == VPCI_Q_DESC || q->state == VPCI_Q_IDLE || q->s2m_hold)
                    q_abandon(q);
                vpci_kick_engines(c);
            }
            return;
        }
        if (id == QREG(qi, TAIL)) {
            uint16_t tail = (uint16_t)vpci_csr_get(c, id);
            if (!q_running(q))
                return; /* sampled as 0 at the next enable */
            if ((uint16_t)(tail - q->head) > (1u << q->log2)) {
                uint16_t head = q->head;
                q_stop(q);
                vpci_error_logf(c, q_err_cause(qi), VPCI_ERROR_CODE_QUEUE_OVERFLOW, qi,
                                "%s TAIL %u overflows HEAD %u", qi ? "S2M" : "M2S", tail, head);
                return;
            }
            q->tail = tail;
            vpci_kick_engines(c);
            return;
        }
    }
    /* Bases and SIZE are sampled at enable. */
}

/* The engine's request completed (called by dma.c). */
void vpci_msgq_dma_done(struct vpci_core *c, unsigned qi, enum vpci_dma_status st)
{
    struct vpci_msgq *q;

    if (qi > 1)
        return;
    q = &c->q[qi];
    if (!q->outstanding || q->done)
        return; /* no request of this engine in flight */
    q->done = true;
    q->dma_failed = st != VPCI_DMA_OK;
    vpci_kick_engines(c);
}

/* Issue the request of the current phase; false if it must wait. */
static bool q_issue(struct vpci_core *c, struct vpci_msgq *q, enum vpci_dma_dir dir,
                    uint64_t addr, uint32_t len, void *buf)
{
    /* DMA error source of spec §11.3: descriptor, data or completion, per queue. */
    unsigned src = q->state == VPCI_Q_DESC ? 1u : q->state == VPCI_Q_DATA ? 2u : 3u;

    q->outstanding = true;
    q->done = false;
    q->drop = false;
    q->dma_failed = false;
    if (!vpci_dma_issue(c, (enum vpci_dma_source)(src + (q->s2m ? 3u : 0u)), dir, addr, len,
                        buf)) {
        q->outstanding = false;
        return false;
    }
    return true;
}

static uint64_t slot_addr(const struct vpci_msgq *q, uint64_t base)
{
    return base + (uint64_t)VPCI_DESC_SIZE * (q->head & ((1u << q->log2) - 1));
}

/* Build the completion of descriptor HEAD into cpl_buf (spec §5.1). */
static void build_cpl(struct vpci_msgq *q)
{
    uint8_t phase = (uint8_t)(1u ^ ((unsigned)(q->head >> q->log2) & 1u));

    memset(q->cpl_buf, 0, sizeof(q->cpl_buf));
    vpci_put_le32(q->cpl_buf + VPCI_CPL_LEN_OFFSET, q->cpl_len);
    vpci_put_le16(q->cpl_buf + VPCI_CPL_ID_OFFSET, vpci_desc_id_load(q->desc_buf));
    q->cpl_buf[VPCI_CPL_STATUS_OFFSET] = (uint8_t)q->cpl_status;
    q->cpl_buf[VPCI_CPL_FLAGS_OFFSET] = (uint8_t)(phase | ((q->cpl_chan & 1u) << 1));
    q->cpl_buf[VPCI_CPL_SESSION_OFFSET] = q->cpl_session;
    vpci_put_le32(q->cpl_buf + VPCI_CPL_REQUEST_OFFSET, q->cpl_request);
}

/* Record an error to be reported with the completion. */
static void defer_error(struct vpci_msgq *q, uint32_t cause, uint32_t code, uint32_t detail)
{
    q->err_cause = cause;
    q->err_code = code;
    q->err_detail = detail;
}

/* The M2S message the engine works on is still the FIFO head. */
static bool m2s_msg_current(struct vpci_core *c, const struct vpci_msgq *q)
{
    const struct vpci_msg_slot *m = vpci_fifo_at(c, 0);

    /* Discarded (session end) if gone, moved, or of another session. */
    return m && vpci_fifo_head_pos(c) == q->msg_head && m->session == q->cpl_session;
}

/* Ring memory failed: the adapter needs a reset (spec §4.4, §11.4). */
static void ring_dma_error(struct vpci_core *c, unsigned qi)
{
    q_stop(&c->q[0]);
    q_stop(&c->q[1]);
    vpci_adapter_needs_reset(c, qi);
    /* The DMA error itself was recorded by dma.c (DMA_ERR, code DMA). */
}

/* Can an idle engine start on descriptor HEAD? */
static bool can_start(const struct vpci_core *c, const struct vpci_msgq *q)
{
    if (!q_running(q) || q->tail == q->head || !vpci_driver_ready(c))
        return false;
    return q->s2m || vpci_fifo_count(c) > 0;
}

/* Descriptor read completed. */
static void desc_done(struct vpci_core *c, struct vpci_msgq *q)
{
    uint32_t dlen = vpci_desc_len_load(q->desc_buf);

    q->err_cause = 0;
    if (!q->s2m) {
        const struct vpci_msg_slot *m;

        m = vpci_fifo_at(c, 0);
        if (!m) {
            q->state = VPCI_Q_IDLE; /* message discarded meanwhile; descriptor stays */
            return;
        }
        q->msg_head = vpci_fifo_head_pos(c);
        q->cpl_chan = m->chan & 1u;
        q->cpl_session = m->session;
        q->cpl_request = m->len >= 4 ? vpci_le32(m->data) : 0;
        q->cpl_len = m->len;
        q->cpl_consumes_msg = false;
        if (dlen < m->len) {
            q->cpl_status = VPCI_CPL_STATUS_TOO_SMALL;
            defer_error(q, VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_MASK, VPCI_ERROR_CODE_BUF_SMALL,
                        m->len);
            q->state = VPCI_Q_CPL;
        } else {
            q->cpl_status = VPCI_CPL_STATUS_OK;
            q->state = VPCI_Q_DATA;
        }
        return;
    }
    uint8_t flags = vpci_desc_flags_load(q->desc_buf);
    q->cpl_chan = flags & 1u;
    q->cpl_session = vpci_desc_session_load(q->desc_buf);
    q->cpl_request = 0;
    q->cpl_len = 0;
    if (dlen < VPCI_MSG_HDR_SIZE || dlen > VPCI_MAX_MSG_SIZE) {
        /* Step 1 of §5.6: nothing is read. */
        q->cpl_status = VPCI_CPL_STATUS_BAD_MSG;
        defer_error(q, VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_MASK, VPCI_ERROR_CODE_S2M_MSG, 0);
        q->state = VPCI_Q_CPL;
    } else {
        q->state = VPCI_Q_DATA;
    }
}

/*
 * Hand the S2M message in s2m_buf to the relay (spec §5.6 steps 4-9). If the
 * relay holds it (backend-reply list full, §5.10) the engine stays in the
 * DATA phase with s2m_hold set and retries when the engines run again.
 * Returns false if a callback changed the queue.
 */
static bool s2m_relay(struct vpci_core *c, struct vpci_msgq *q)
{
    uint32_t dlen = vpci_desc_len_load(q->desc_buf);
    uint32_t epoch = q->epoch;
    uint8_t st = vpci_relay_s2m(c, q->cpl_chan, q->cpl_session, q->s2m_buf, dlen);

    if (q->epoch != epoch)
        return false;
    if (st == VPCI_S2M_HOLD) {
        q->state = VPCI_Q_DATA;
        q->s2m_hold = true;
        return true;
    }
    q->s2m_hold = false;
    q->state = VPCI_Q_CPL;
    q->cpl_status = st;
    q->cpl_len = st == VPCI_CPL_STATUS_OK ? dlen : 0;
    /* Reported with the completion, never before it (spec §5.7, §11.3). */
    if (st == VPCI_CPL_STATUS_BAD_MSG)
        defer_error(q, VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_MASK, VPCI_ERROR_CODE_S2M_MSG,
                    q->cpl_request & 0xffffffu);
    else if (st == VPCI_CPL_STATUS_REFUSED)
        defer_error(q, VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_MASK, VPCI_ERROR_CODE_S2M_REFUSED,
                    q->cpl_request & 0xffffffu);
    return true;
}

/* Message data transferred. Returns false if a callback changed the queue. */
static bool data_done(struct vpci_core *c, struct vpci_msgq *q, bool failed)
{
    if (!q->s2m) {
        if (!m2s_msg_current(c, q)) {
            /* Discarded while being written: no completion, descriptor stays. */
            q->state = VPCI_Q_IDLE;
            return true;
        }
        if (failed) {
            /* Message stays pending for the next descriptor (spec §5.4). */
            q->cpl_status = VPCI_CPL_STATUS_DMA_ERR;
            q->cpl_len = 0;
        } else {
            q->cpl_consumes_msg = true;
        }
        q->state = VPCI_Q_CPL;
        return true;
    }
    uint8_t flags = vpci_desc_flags_load(q->desc_buf);

    q->state = VPCI_Q_CPL;
    if (failed) {
        q->cpl_status = VPCI_CPL_STATUS_DMA_ERR;
        return true;
    }
    q->cpl_request = vpci_le32(q->s2m_buf);
    if (flags & ~1u) {
        q->cpl_status = VPCI_CPL_STATUS_BAD_MSG;
        defer_error(q, VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_MASK, VPCI_ERROR_CODE_S2M_MSG,
                    q->cpl_request & 0xffffffu);
        return true;
    }
    return s2m_relay(c, q);
}

/* Completion written: HEAD++, deliver, interrupt (spec §5.7 rule 1). */
static void cpl_done(struct vpci_core *c, struct vpci_msgq *q)
{
    unsigned qi = q_index(c, q);
    uint32_t epoch = q->epoch;

    q->head++;
    q->state = VPCI_Q_IDLE;
    if (!q->s2m && q->cpl_consumes_msg && m2s_msg_current(c, q)) {
        /* Arm the message's resources while it still occupies its slot. */
        vpci_relay_delivered(c, vpci_fifo_at(c, 0));
        if (q->epoch != epoch)
            return;
        if (m2s_msg_current(c, q))
            vpci_fifo_pop(c);
        c->stats.m2s_msgs++;
    }
    if (q->err_cause) {
        uint32_t cause = q->err_cause;
        q->err_cause = 0;
        vpci_error(c, cause, q->err_code, q->err_detail);
        if (q->epoch != epoch)
            return;
    }
    vpci_raise(c, qi ? VPCI_ADAPTER_INT_CAUSE_S2M_CPL_MASK : VPCI_ADAPTER_INT_CAUSE_M2S_CPL_MASK);
}

/* One step of engine @q; true on progress. */
static bool q_step(struct vpci_core *c, struct vpci_msgq *q)
{
    if (q->outstanding) {
        if (!q->done)
            return false;
        q->outstanding = false;
        q->done = false;
        if (q->drop) {
            q->drop = false;
            return true;
        }
        switch (q->state) {
        case VPCI_Q_DESC:
            if (q->dma_failed)
                ring_dma_error(c, q_index(c, q));
            else if (!q_running(q))
                q->state = VPCI_Q_IDLE;
            else
                desc_done(c, q);
            return true;
        case VPCI_Q_DATA:
            data_done(c, q, q->dma_failed);
            return true;
        case VPCI_Q_CPL:
            if (q->dma_failed)
                ring_dma_error(c, q_index(c, q));
            else
                cpl_done(c, q);
            return true;
        default:
            return true;
        }
    }

    switch (q->state) {
    case VPCI_Q_IDLE:
        if (!can_start(c, q))
            return false;
        q->state = VPCI_Q_DESC;
        if (!q_issue(c, q, VPCI_DMA_READ, slot_addr(q, q->desc_base), VPCI_DESC_SIZE,
                     q->desc_buf)) {
            q->state = VPCI_Q_IDLE;
            return false;
        }
        return true;
    case VPCI_Q_DESC:
        q->state = VPCI_Q_IDLE; /* not issued: start again */
        return true;
    case VPCI_Q_DATA:
        if (q->s2m_hold) {
            /* Retry the held S2M message; no progress while it still waits. */
            s2m_relay(c, q);
            return !q->s2m_hold;
        }
        if (!q->s2m) {
            if (!m2s_msg_current(c, q)) {
                q->state = VPCI_Q_IDLE;
                return true;
            }
            struct vpci_msg_slot *m = vpci_fifo_at(c, 0); /* current: the head */
            uint32_t len = m->len <= VPCI_MAX_MSG_SIZE ? m->len : VPCI_MAX_MSG_SIZE;
            if (len == 0) {
                /* Nothing to write: straight to the completion. */
                q->cpl_consumes_msg = true;
                q->state = VPCI_Q_CPL;
                return true;
            }
            return q_issue(c, q, VPCI_DMA_WRITE, vpci_desc_addr_load(q->desc_buf), len,
                           m->data);
        }
        return q_issue(c, q, VPCI_DMA_READ, vpci_desc_addr_load(q->desc_buf),
                       vpci_desc_len_load(q->desc_buf), q->s2m_buf);
    case VPCI_Q_CPL:
        build_cpl(q);
        return q_issue(c, q, VPCI_DMA_WRITE, slot_addr(q, q->cpl_base), VPCI_CPL_SIZE,
                       q->cpl_buf);
    default:
        q->state = VPCI_Q_IDLE;
        return true;
    }
}

/* Advance both engines as far as they can go without waiting. */
bool vpci_msgq_run(struct vpci_core *c)
{
    bool progress = false;

    for (unsigned i = 0; i < 2; i++)
        progress |= q_step(c, &c->q[i]);
    return progress;
}
