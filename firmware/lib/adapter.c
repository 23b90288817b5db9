/* SPDX-License-Identifier: MIT */
/*
 * adapter.c - the top layer of the library (see vpf_internal.h): adapter
 * bring-up and teardown (spec §9, §4.1-§4.6), the main loop (interrupts,
 * link changes, master messages taken from the ring layer and handed to the
 * vhost-user layer, kicks) and the session reset of spec §10.
 */
#include <stdlib.h>
#include <string.h>

#include "vpf_internal.h"

#define RESET_POLLS 1000u
#define MAX_BLOCKS 64u

struct vpf_dev *vpf_create(const struct vpci_hal *hal, const struct vpf_config *cfg)
{
    if (!hal || !hal->ops || !cfg || !cfg->ops || !cfg->ops->get_features)
        return NULL;
    if (cfg->num_queues == 0 || cfg->num_queues > VPF_MAX_VQS)
        return NULL;
    if (cfg->m2s_log2 > VPCI_RING_LOG2_MAX || cfg->s2m_log2 > VPCI_RING_LOG2_MAX)
        return NULL;
    struct vpf_dev *d = calloc(1, sizeof(*d));
    if (!d)
        return NULL;
    d->hal = hal;
    d->cfg = *cfg;
    d->ops = cfg->ops;
    if (!d->cfg.m2s_log2)
        d->cfg.m2s_log2 = 4;
    if (!d->cfg.s2m_log2)
        d->cfg.s2m_log2 = 4;
    if (!d->cfg.idle_spins)
        d->cfg.idle_spins = 64;
    for (unsigned i = 0; i < VPF_MAX_VQS; i++) {
        d->vq[i].dev = d;
        d->vq[i].idx = i;
        vpf_vq_reset_state(&d->vq[i]);
    }
    return d;
}

void vpf_destroy(struct vpf_dev *d)
{
    if (!d)
        return;
    vpf_stop(d);
    free(d);
}

/* Step 1: identity and block list walk (spec §4.1). */
static enum vpf_status walk_blocks(struct vpf_dev *d)
{
    if (vpf_rd(d, VPCI_ADAPTER_MAGIC_OFFSET) != VPCI_MAGIC)
        return VPF_E_MAGIC;
    uint32_t ver = vpf_rd(d, VPCI_ADAPTER_SPEC_VERSION_OFFSET);
    if (vpci_adapter_spec_version_major_get(ver) != 1)
        return VPF_E_SPEC_VERSION;
    d->blk_adapter = d->blk_m2s = d->blk_s2m = d->blk_vq = d->blk_window = d->blk_dbinfo = ~0u;
    uint32_t off = 0;
    bool ended = false;
    for (unsigned n = 0; n < MAX_BLOCKS && !ended; n++) {
        uint32_t type = vpf_rd(d, off + VPF_REG(ADAPTER, RB_TYPE));
        uint32_t rbver = vpf_rd(d, off + VPF_REG(ADAPTER, RB_VER));
        uint32_t next = vpf_rd(d, off + VPF_REG(ADAPTER, RB_NEXT));
        if (n == 0 && type != VPCI_ADAPTER_RB_TYPE_ID)
            return VPF_E_FIRST_BLOCK;
        if ((rbver >> 16) == 1) { /* major versions we know */
            switch (type) {
            case VPCI_ADAPTER_RB_TYPE_ID: d->blk_adapter = off; break;
            case VPCI_M2S_RB_TYPE_ID:
                if (vpf_rd(d, off + VPF_REG(M2S, DIR)) & VPCI_M2S_DIR_S2M_BIT)
                    d->blk_s2m = off;
                else
                    d->blk_m2s = off;
                break;
            case VPCI_VQ_RB_TYPE_ID: d->blk_vq = off; break;
            case VPCI_WINDOW_RB_TYPE_ID: d->blk_window = off; break;
            case VPCI_DBINFO_RB_TYPE_ID: d->blk_dbinfo = off; break;
            default: break; /* unknown types are skipped */
            }
        }
        if (next == 0) {
            ended = true;
            break;
        }
        if ((next & 3) || next > 0xfff || next <= off)
            return VPF_E_BLOCK_LIST; /* corrupt list (spec §4.1) */
        off = next;
    }
    if (!ended)
        return VPF_E_BLOCK_LIST; /* 64 blocks and no end (spec §4.1) */
    if (d->blk_adapter != 0 || d->blk_m2s == ~0u || d->blk_s2m == ~0u || d->blk_vq == ~0u ||
        d->blk_dbinfo == ~0u)
        return VPF_E_BLOCK_MISSING;
    return VPF_OK;
}

static uint32_t areg(struct vpf_dev *d, uint32_t r) { return d->blk_adapter + r; }

static int adapter_reset(struct vpf_dev *d)
{
    vpf_wr(d, areg(d, VPF_REG(ADAPTER, CONTROL)), VPCI_ADAPTER_CONTROL_RESET_BIT);
    for (unsigned i = 0; i < RESET_POLLS; i++) {
        if (!(vpf_rd(d, areg(d, VPF_REG(ADAPTER, CONTROL))) & VPCI_ADAPTER_CONTROL_RESET_BUSY_BIT))
            return 0;
        vpf_wait_platform(d);
    }
    return -1;
}

/* The adapter refused us: STATUS.FAILED (spec §9), state FAILED; returns @why. */
static enum vpf_status set_failed(struct vpf_dev *d, enum vpf_status why)
{
    vpf_wr(d, areg(d, VPF_REG(ADAPTER, STATUS)), VPCI_ADAPTER_STATUS_FAILED_BIT);
    d->state = VPF_STATE_FAILED;
    return why;
}

/* Kick vector of virtqueue @i: 1 + i, shared when vectors are short. */
static uint16_t vq_vector(const struct vpf_dev *d, unsigned i)
{
    if (d->nvec == 0 || d->cfg.mode == VPF_MODE_POLL)
        return (uint16_t)VPCI_NO_VECTOR;
    if (d->nvec == 1)
        return VPF_ADAPTER_VECTOR;
    return (uint16_t)(1 + i % (d->nvec - 1));
}

enum vpf_status vpf_start(struct vpf_dev *d)
{
    const struct vpci_hal_ops *o = d->hal->ops;
    enum vpf_status rc;

    if (d->state == VPF_STATE_RUNNING)
        vpf_stop(d);
    d->state = VPF_STATE_FAILED;
    /* Enable memory decoding and bus mastering (what an OS does first). */
    if (o->cfg_write && o->cfg_read) {
        uint32_t cmd = o->cfg_read(d->hal->ctx, VPCI_CFG_COMMAND_OFFSET, 2);
        o->cfg_write(d->hal->ctx, VPCI_CFG_COMMAND_OFFSET, 2,
                     cmd | VPCI_CFG_COMMAND_MEM_EN_BIT | VPCI_CFG_COMMAND_BUS_MASTER_BIT);
    }
    /* 1: identity and blocks. A corrupt or incomplete block list fails the
     * driver (STATUS.FAILED, spec §4.1): the ADAPTER block is at offset 0
     * once the walk got past it (a wrong MAGIC or first block: not our
     * function, nothing is written). */
    if ((rc = walk_blocks(d)) != VPF_OK) {
        if (rc == VPF_E_BLOCK_LIST || rc == VPF_E_BLOCK_MISSING) {
            d->blk_adapter = 0;
            return set_failed(d, rc);
        }
        return rc;
    }
    /* 2: reset, bounded (about 1 s); giving up sets FAILED (spec §9.1). */
    if (adapter_reset(d) < 0)
        return set_failed(d, VPF_E_RESET_TIMEOUT);
    uint32_t caps = vpf_rd(d, areg(d, VPF_REG(ADAPTER, CAPS)));
    d->nvqs_hw = vpci_adapter_caps_num_vqs_get(caps);
    d->msix_hw = vpci_adapter_caps_msix_vectors_get(caps);
    if (d->cfg.num_queues > d->nvqs_hw)
        return set_failed(d, VPF_E_QUEUES);
    d->db_base = vpf_rd(d, d->blk_dbinfo + VPF_REG(DBINFO, DB_BASE));
    d->db_stride = vpf_rd(d, d->blk_dbinfo + VPF_REG(DBINFO, DB_STRIDE));
    d->db_log = vpf_rd(d, d->blk_dbinfo + VPF_REG(DBINFO, DB_LOG));
    /* 3: DRIVER. */
    vpf_wr(d, areg(d, VPF_REG(ADAPTER, STATUS)), VPCI_ADAPTER_STATUS_DRIVER_BIT);
    /* 4: adapter features. */
    uint64_t dev_f = 0;
    for (uint32_t w = 0; w < 2; w++) {
        vpf_wr(d, areg(d, VPF_REG(ADAPTER, DEV_FEATURES_SEL)), w);
        dev_f |= (uint64_t)vpf_rd(d, areg(d, VPF_REG(ADAPTER, DEV_FEATURES))) << (32 * w);
    }
    uint64_t want = (1ull << VPCI_ADAPTER_FEATURE_VERSION_1) |
                    (1ull << VPCI_ADAPTER_FEATURE_KICK_LATCH) |
                    (1ull << VPCI_ADAPTER_FEATURE_EXT_MSIX) |
                    (1ull << VPCI_ADAPTER_FEATURE_PERSISTENT_WIN);
    if (!d->cfg.no_backend_chan)
        want |= 1ull << VPCI_ADAPTER_FEATURE_BACKEND_CHAN;
    if (!(dev_f & (1ull << VPCI_ADAPTER_FEATURE_VERSION_1)))
        return set_failed(d, VPF_E_NO_VERSION_1);
    d->adapter_features = dev_f & want;
    for (uint32_t w = 0; w < 2; w++) {
        vpf_wr(d, areg(d, VPF_REG(ADAPTER, DRV_FEATURES_SEL)), w);
        vpf_wr(d, areg(d, VPF_REG(ADAPTER, DRV_FEATURES)), (uint32_t)(d->adapter_features >> (32 * w)));
    }
    vpf_wr(d, areg(d, VPF_REG(ADAPTER, STATUS)), VPCI_ADAPTER_STATUS_FEATURES_OK_BIT);
    if (!(vpf_rd(d, areg(d, VPF_REG(ADAPTER, STATUS))) & VPCI_ADAPTER_STATUS_FEATURES_OK_BIT))
        return set_failed(d, VPF_E_FEATURES);
    /* 5: rings and M2S buffers. */
    if ((rc = vpf_msgq_setup(d)) != VPF_OK)
        return set_failed(d, rc);
    /* 6: MSI-X, adapter interrupts, kick vectors. */
    d->nvec = 0;
    if (d->cfg.mode != VPF_MODE_POLL && o->irq_setup) {
        unsigned want_vec = 1 + d->cfg.num_queues;
        if (want_vec > d->msix_hw)
            want_vec = d->msix_hw;
        d->nvec = o->irq_setup(d->hal->ctx, want_vec);
    }
    if (d->nvec) {
        vpf_wr(d, areg(d, VPF_REG(ADAPTER, INT_VECTOR)), VPF_ADAPTER_VECTOR);
        vpf_wr(d, areg(d, VPF_REG(ADAPTER, INT_ENABLE)),
               VPCI_ADAPTER_INT_ENABLE_LINK_CHANGE_BIT | VPCI_ADAPTER_INT_ENABLE_M2S_CPL_BIT |
                   VPCI_ADAPTER_INT_ENABLE_S2M_CPL_BIT | VPCI_ADAPTER_INT_ENABLE_ERROR_BIT);
    }
    for (unsigned i = 0; i < d->cfg.num_queues; i++) {
        d->vq[i].vector = vq_vector(d, i);
        vpf_wr(d, d->blk_vq + VPF_REG(VQ, SEL), i);
        vpf_wr(d, d->blk_vq + VPF_REG(VQ, VECTOR), d->vq[i].vector);
    }
    /* 7: DRIVER_OK. */
    vpf_wr(d, areg(d, VPF_REG(ADAPTER, STATUS)), VPCI_ADAPTER_STATUS_DRIVER_OK_BIT);
    if (!(vpf_rd(d, areg(d, VPF_REG(ADAPTER, LINK))) & VPCI_ADAPTER_LINK_DRIVER_READY_BIT)) {
        set_failed(d, VPF_E_DRIVER_READY);
        vpf_msgq_free(d);
        return VPF_E_DRIVER_READY;
    }
    d->state = VPF_STATE_RUNNING;
    d->have_state = false;
    uint32_t link = vpf_rd(d, areg(d, VPF_REG(ADAPTER, LINK)));
    d->session = (uint8_t)vpci_adapter_link_session_get(link);
    d->master_up = (link & VPCI_ADAPTER_LINK_MASTER_UP_BIT) != 0;
    return VPF_OK;
}

/* Drop every piece of vhost-user state of the session (spec §10). */
static void session_reset(struct vpf_dev *d)
{
    for (unsigned i = 0; i < VPF_MAX_VQS; i++) {
        struct vpf_vq *vq = &d->vq[i];
        if (vq->started)
            vpf_vq_stop(vq);
        vpf_vq_reset_state(vq);
    }
    memset(d->reg, 0, sizeof(d->reg));
    memset(d->kick_pending, 0, sizeof(d->kick_pending));
    vpf_iotlb_reset(&d->iotlb);
    d->log = NULL;
    d->log_size = 0;
    d->features = 0;
    d->proto = 0;
    d->owner = false;
    d->vstatus = 0;
    d->backend_chan = false;
    if (d->have_state) {
        d->st.session_resets++;
        if (d->ops->reset)
            d->ops->reset(d->cfg.ctx);
    }
    d->have_state = false;
}

void vpf_stop(struct vpf_dev *d)
{
    if (d->state == VPF_STATE_DOWN)
        return;
    session_reset(d);
    if (d->blk_adapter == 0)
        adapter_reset(d);
    if (d->hal->ops->irq_setup && d->nvec)
        d->hal->ops->irq_setup(d->hal->ctx, 0);
    d->nvec = 0;
    vpf_msgq_free(d);
    d->state = VPF_STATE_DOWN;
}

/* Re-read LINK; drop backend state if the session changed or the master left. */
static void link_update(struct vpf_dev *d)
{
    uint32_t link = vpf_rd(d, areg(d, VPF_REG(ADAPTER, LINK)));
    uint8_t s = (uint8_t)vpci_adapter_link_session_get(link);
    bool up = (link & VPCI_ADAPTER_LINK_MASTER_UP_BIT) != 0;

    if (s != d->session || !up) {
        /* A new session, or the master left: its state is gone (spec §10). */
        session_reset(d);
    }
    if (s != d->session && up)
        d->st.sessions++;
    d->session = s;
    d->master_up = up;
}

/* Adapter event vector: clear causes first, then serve them (spec §4.6). */
static int adapter_events(struct vpf_dev *d)
{
    uint32_t cause = vpf_rd(d, areg(d, VPF_REG(ADAPTER, INT_CAUSE)));
    int n = 0;

    if (cause)
        vpf_wr(d, areg(d, VPF_REG(ADAPTER, INT_CAUSE)), cause);
    if (cause & VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_BIT) {
        link_update(d);
        n++;
    }
    if (cause & VPCI_ADAPTER_INT_CAUSE_ERROR_BIT) {
        uint32_t st = vpf_rd(d, areg(d, VPF_REG(ADAPTER, STATUS)));
        uint32_t ec = vpf_rd(d, areg(d, VPF_REG(ADAPTER, ERROR_CAUSE)));
        if (ec)
            vpf_wr(d, areg(d, VPF_REG(ADAPTER, ERROR_CAUSE)), ec);
        if (st & VPCI_ADAPTER_STATUS_NEEDS_RESET_BIT)
            d->state = VPF_STATE_FAILED;
        n++;
    }
    return n;
}

/* Latch kicks: clear KICK_PENDING words, then remember the vqs to serve. */
static int scan_kick_latch(struct vpf_dev *d)
{
    int n = 0;
    unsigned words = (d->cfg.num_queues + 31) / 32;

    for (unsigned w = 0; w < words; w++) {
        uint32_t off = d->blk_vq + (VPCI_VQ_KICK_PENDING_BASE - VPCI_VQ_BLOCK_BASE) + VPCI_VQ_KICK_PENDING_STRIDE * w;
        uint32_t bits = vpf_rd(d, off);
        if (!bits)
            continue;
        vpf_wr(d, off, bits);
        for (unsigned b = 0; b < 32; b++) {
            if (bits & (1u << b)) {
                unsigned q = 32 * w + b;
                d->kick_pending[q / 64] |= 1ull << (q % 64);
                d->st.kicks++;
                n++;
            }
        }
    }
    return n;
}

/*
 * Take every new M2S message from the ring layer: messages of the current
 * session go to the vhost-user layer, those of an ended session are dropped;
 * each buffer is re-posted at once. Returns the number of completions taken.
 */
static int serve_messages(struct vpf_dev *d)
{
    struct vpf_m2s_msg m;
    int n = 0;

    while (d->state == VPF_STATE_RUNNING && vpf_msgq_m2s_next(d, &m)) {
        n++;
        if (m.ok) {
            if (m.session != d->session)
                link_update(d); /* LINK_CHANGE not yet served */
            if (m.session == d->session && d->master_up) {
                d->st.msgs++;
                d->have_state = true;
                vpf_vhost_handle(d, m.chan, m.buf, m.len);
            } else {
                d->st.msgs_stale++; /* a message of an ended session */
            }
        }
        if (d->state == VPF_STATE_RUNNING)
            vpf_msgq_m2s_repost(d);
    }
    return n;
}

static int serve_vqs(struct vpf_dev *d, bool poll_all)
{
    int n = 0;

    for (unsigned i = 0; i < d->cfg.num_queues; i++) {
        struct vpf_vq *vq = &d->vq[i];
        bool kicked = (d->kick_pending[i / 64] >> (i % 64)) & 1;
        d->kick_pending[i / 64] &= ~(1ull << (i % 64));
        if (!vpf_vq_ready(vq))
            continue;
        bool poll = poll_all || vq->kick_nofd;
        if (!kicked && !(poll && vpf_vq_has_work(vq)))
            continue;
        if (d->ops->queue_handler)
            d->ops->queue_handler(d->cfg.ctx, vq);
        n++;
    }
    return n;
}

int vpf_process(struct vpf_dev *d, uint32_t timeout_ms)
{
    const struct vpci_hal_ops *o = d->hal->ops;
    uint64_t pend[VPF_PENDING_WORDS] = {0};
    unsigned fired = 0;
    int n = 0;

    if (d->state != VPF_STATE_RUNNING)
        return VPF_E_NOT_RUNNING;
    bool polling = d->cfg.mode == VPF_MODE_POLL || d->nvec == 0;
    for (unsigned w = 0; w < VPF_PENDING_WORDS; w++) {
        pend[w] = d->saved_pend[w];
        d->saved_pend[w] = 0;
    }
    if (polling) {
        n += adapter_events(d); /* INT_CAUSE read: link changes and errors */
        n += scan_kick_latch(d);
    } else {
        bool may_sleep = d->cfg.mode == VPF_MODE_INTERRUPT || d->idle >= d->cfg.idle_spins;
        /* Work already visible in memory must not wait for an interrupt. */
        for (unsigned w = 0; w < VPF_PENDING_WORDS; w++)
            may_sleep = may_sleep && !pend[w];
        if (vpf_msgq_m2s_ready(d))
            may_sleep = false;
        if (may_sleep && timeout_ms)
            fired = o->irq_wait(d->hal->ctx, timeout_ms, pend, VPF_PENDING_WORDS);
        else
            fired = o->irq_poll(d->hal->ctx, pend, VPF_PENDING_WORDS);
        d->st.irqs += fired;
        if (pend[0] & 1)
            n += adapter_events(d);
        bool kick_vec = (pend[0] & ~1ull) != 0;
        for (unsigned w = 1; w < VPF_PENDING_WORDS; w++)
            kick_vec |= pend[w] != 0;
        if (kick_vec || (d->nvec == 1 && (pend[0] & 1)))
            n += scan_kick_latch(d);
    }
    if (d->state != VPF_STATE_RUNNING)
        return n;
    n += serve_messages(d);
    n += vpf_msgq_s2m_reap(d);
    vpf_vq_iotlb_expire(d);
    bool poll_all = polling || d->cfg.mode == VPF_MODE_ADAPTIVE;
    n += serve_vqs(d, poll_all);
    if (d->cfg.mode == VPF_MODE_ADAPTIVE)
        d->idle = n ? 0 : d->idle + 1;
    return n;
}

enum vpf_state vpf_state(const struct vpf_dev *d) { return d->state; }
uint8_t vpf_session(const struct vpf_dev *d) { return d->session; }
bool vpf_master_up(const struct vpf_dev *d) { return d->master_up; }
uint64_t vpf_features(const struct vpf_dev *d) { return d->features; }
uint64_t vpf_protocol_features(const struct vpf_dev *d) { return d->proto; }
void vpf_get_stats(const struct vpf_dev *d, struct vpf_stats *s) { *s = d->st; }
unsigned vpf_num_queues(const struct vpf_dev *d) { return d->cfg.num_queues; }
