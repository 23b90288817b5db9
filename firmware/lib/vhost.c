/* SPDX-License-Identifier: MIT */
/*
 * vhost.c - the vhost-user backend logic of the library: one handler per
 * request relayed on M2S (spec §6.2), replies on S2M channel 0 in request
 * order (§5.10), REPLY_ACK, the memory table through the memory window
 * (§8.3: each region's mmap offset is its window offset), and the master's
 * replies on the backend channel (M2S channel 1, §6.3).
 *
 * The master is untrusted: every payload is length-checked here again even
 * though the adapter checked it (§6.5), and every request that expects a
 * reply gets exactly one, so the master never hangs on a malformed request.
 */
#include <string.h>

#include "vpf_internal.h"

#define HDR VPCI_MSG_HDR_SIZE

/* Protocol features the library implements itself. */
#define LIB_PROTO ((1ull << VPF_VU_PF_REPLY_ACK) | (1ull << VPF_VU_PF_BACKEND_REQ) | \
                   (1ull << VPF_VU_PF_CONFIGURE_MEM_SLOTS) | (1ull << VPF_VU_PF_RESET_DEVICE) | \
                   (1ull << VPF_VU_PF_STATUS) | (1ull << VPF_VU_PF_MQ))

struct msg {
    uint32_t request, flags, size;
    const uint8_t *p;
};

static void send_reply(struct vpf_dev *d, uint32_t request, const void *payload, uint32_t size)
{
    uint8_t buf[VPCI_MAX_MSG_SIZE];

    if (size > sizeof(buf) - HDR)
        size = 0;
    vpf_st32(buf, request);
    vpf_st32(buf + 4, VPF_VU_FLAG_VERSION | VPF_VU_FLAG_REPLY);
    vpf_st32(buf + 8, size);
    if (size)
        memcpy(buf + HDR, payload, size);
    vpf_msgq_s2m_send(d, 0, buf, HDR + size);
}

static void reply_u64(struct vpf_dev *d, uint32_t request, uint64_t v)
{
    uint8_t b[8];
    vpf_st64(b, v);
    send_reply(d, request, b, 8);
}

static uint64_t offered_proto(struct vpf_dev *d)
{
    uint64_t p = LIB_PROTO;

    if (d->ops->get_config)
        p |= 1ull << VPF_VU_PF_CONFIG;
    if (d->ops->get_protocol_features)
        p |= d->ops->get_protocol_features(d->cfg.ctx);
    if (!(d->adapter_features & (1ull << VPCI_ADAPTER_FEATURE_BACKEND_CHAN)))
        p &= ~(1ull << VPF_VU_PF_BACKEND_REQ);
    /* No dirty log support yet: LOG_WIN is not accepted, LOG_SHMFD not offered. */
    p &= ~(1ull << VPF_VU_PF_LOG_SHMFD);
    return p;
}

static struct vpf_vq *msg_vq(struct vpf_dev *d, const struct msg *m)
{
    if (m->size < 4)
        return NULL;
    uint32_t idx;
    if (m->request == VPF_VU_SET_VRING_KICK || m->request == VPF_VU_SET_VRING_CALL ||
        m->request == VPF_VU_SET_VRING_ERR)
        idx = (uint32_t)(vpf_ld64(m->p) & 0xff);
    else
        idx = vpf_ld32(m->p);
    if (idx >= d->cfg.num_queues)
        return NULL;
    return &d->vq[idx];
}

/* Map one region descriptor (gpa, size, uaddr, window offset) into @r. */
static bool map_region(struct vpf_dev *d, struct vpf_region *r, const uint8_t *desc)
{
    r->gpa = vpf_ld64(desc);
    r->size = vpf_ld64(desc + 8);
    r->uaddr = vpf_ld64(desc + 16);
    r->win_off = vpf_ld64(desc + 24);
    r->valid = false;
    if (r->size == 0 || r->gpa + r->size < r->gpa || r->uaddr + r->size < r->uaddr)
        return false;
    r->host = d->hal->ops->win_map(d->hal->ctx, VPCI_BAR_MEMWIN, r->win_off, r->size);
    r->valid = r->host != NULL;
    return r->valid;
}

/* Rings point into regions: recompute after any table change. */
static void remap_vqs(struct vpf_dev *d)
{
    for (unsigned i = 0; i < d->cfg.num_queues; i++) {
        struct vpf_vq *vq = &d->vq[i];
        if (vq->started && !vpf_vq_map(vq))
            vpf_vq_fail(vq, "ring outside the memory table");
    }
}

/* Returns true on success; *@reply_payload etc. for requests with replies. */
static bool handle(struct vpf_dev *d, const struct msg *m, bool *replied)
{
    struct vpf_vq *vq;
    const uint8_t *p = m->p;

    switch (m->request) {
    case VPF_VU_GET_FEATURES:
        reply_u64(d, m->request, d->ops->get_features(d->cfg.ctx) | VPF_RING_FEATURES);
        *replied = true;
        return true;
    case VPF_VU_SET_FEATURES:
        if (m->size < 8)
            return false;
        d->features = vpf_ld64(p);
        if (d->ops->set_features)
            d->ops->set_features(d->cfg.ctx, d->features);
        return true;
    case VPF_VU_GET_PROTOCOL_FEATURES:
        reply_u64(d, m->request, offered_proto(d));
        *replied = true;
        return true;
    case VPF_VU_SET_PROTOCOL_FEATURES:
        if (m->size < 8)
            return false;
        d->proto = vpf_ld64(p) & offered_proto(d);
        return true;
    case VPF_VU_SET_OWNER:
        d->owner = true;
        return true;
    case VPF_VU_RESET_OWNER:
    case VPF_VU_RESET_DEVICE:
        for (unsigned i = 0; i < d->cfg.num_queues; i++) {
            vpf_vq_stop(&d->vq[i]);
            vpf_vq_reset_state(&d->vq[i]);
        }
        d->features = 0;
        d->vstatus = 0;
        if (d->ops->reset)
            d->ops->reset(d->cfg.ctx);
        return true;
    case VPF_VU_GET_QUEUE_NUM: {
        unsigned n = d->ops->get_queue_num ? d->ops->get_queue_num(d->cfg.ctx) : 0;
        if (n == 0 || n > d->cfg.num_queues)
            n = d->cfg.num_queues;
        reply_u64(d, m->request, n);
        *replied = true;
        return true;
    }
    case VPF_VU_GET_MAX_MEM_SLOTS: /* the adapter answers; defensive */
        reply_u64(d, m->request, VPCI_MAX_REGIONS);
        *replied = true;
        return true;
    case VPF_VU_SET_MEM_TABLE: {
        /* The whole table is replaced (spec §8.3). */
        memset(d->reg, 0, sizeof(d->reg));
        if (m->size < 8)
            return false;
        uint32_t n = vpf_ld32(p);
        if (n == 0 || n > VPF_VU_MAX_MEM_TABLE || m->size < 8 + 32 * n) {
            remap_vqs(d);
            return false;
        }
        bool ok = true;
        for (uint32_t i = 0; i < n; i++)
            ok = map_region(d, &d->reg[i], p + 8 + 32 * i) && ok;
        if (!ok)
            memset(d->reg, 0, sizeof(d->reg));
        remap_vqs(d);
        return ok;
    }
    case VPF_VU_ADD_MEM_REG: {
        if (m->size < 40)
            return false;
        for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++) {
            if (!d->reg[i].valid)
                return map_region(d, &d->reg[i], p + 8);
        }
        return false;
    }
    case VPF_VU_REM_MEM_REG: {
        if (m->size < 40)
            return false;
        uint64_t gpa = vpf_ld64(p + 8), size = vpf_ld64(p + 16), ua = vpf_ld64(p + 24);
        for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++) {
            struct vpf_region *r = &d->reg[i];
            if (r->valid && r->gpa == gpa && r->size == size && r->uaddr == ua) {
                memset(r, 0, sizeof(*r));
                remap_vqs(d);
                return true;
            }
        }
        return false;
    }
    case VPF_VU_SET_LOG_BASE:
        /* Not offered (no LOG_SHMFD); answer so the master does not hang. */
        reply_u64(d, m->request, 1);
        *replied = true;
        return false;
    case VPF_VU_SET_LOG_FD:
        return true;
    case VPF_VU_SET_VRING_NUM: {
        if (m->size < 8 || !(vq = msg_vq(d, m)))
            return false;
        uint32_t num = vpf_ld32(p + 4);
        if (num == 0 || num > 32768 || (num & (num - 1)))
            return false;
        vq->num = num;
        return true;
    }
    case VPF_VU_SET_VRING_ADDR:
        if (m->size < 40 || !(vq = msg_vq(d, m)))
            return false;
        vq->addr_flags = vpf_ld32(p + 4);
        vq->desc_ua = vpf_ld64(p + 8);
        vq->used_ua = vpf_ld64(p + 16);
        vq->avail_ua = vpf_ld64(p + 24);
        vq->addr_set = true;
        if (!vpf_vq_map(vq))
            return false;
        /* The used index lives in the ring: resume from there. */
        vq->used_idx = vpf_ld16(vq->used + 2);
        if (!vq->started)
            vpf_vq_new_run(vq); /* (a running ring only changes its log flag) */
        return true;
    case VPF_VU_SET_VRING_BASE:
        if (m->size < 8 || !(vq = msg_vq(d, m)))
            return false;
        vq->last_avail = (uint16_t)vpf_ld32(p + 4);
        vq->avail_ready = 0;
        vpf_vq_new_run(vq);
        return true;
    case VPF_VU_GET_VRING_BASE: {
        uint8_t st[8];
        vq = msg_vq(d, m);
        vpf_st32(st, m->size >= 4 ? vpf_ld32(p) : 0);
        vpf_st32(st + 4, vq ? vq->last_avail : 0);
        if (vq) {
            vpf_vq_stop(vq);
            vq->kick_set = false;
            vq->call_set = vq->err_set = false;
        }
        send_reply(d, m->request, st, 8);
        *replied = true;
        return vq != NULL;
    }
    case VPF_VU_SET_VRING_KICK:
        if (m->size < 8 || !(vq = msg_vq(d, m)))
            return false;
        vq->kick_set = true;
        vq->kick_nofd = (vpf_ld64(p) & VPF_VU_VRING_NOFD) != 0;
        if (!(d->features & (1ull << VPF_VU_F_PROTOCOL_FEATURES)))
            vq->enabled = true;
        if (vq->addr_set && vq->num && vpf_vq_map(vq)) {
            vq->broken = false; /* a ring restart gives the master a new chance */
            if (!vq->started) {
                vpf_vq_new_run(vq); /* nothing of a previous run carries over */
                vq->started = true;
                if (d->ops->queue_set_started)
                    d->ops->queue_set_started(d->cfg.ctx, vq->idx, true);
            }
            vpf_vq_set_notification(vq, d->cfg.mode != VPF_MODE_POLL);
            /* Buffers may already be waiting: serve them. */
            d->kick_pending[vq->idx / 64] |= 1ull << (vq->idx % 64);
        }
        return true;
    case VPF_VU_SET_VRING_CALL:
        if (m->size < 8 || !(vq = msg_vq(d, m)))
            return false;
        vq->call_set = true;
        vq->call_nofd = (vpf_ld64(p) & VPF_VU_VRING_NOFD) != 0;
        return true;
    case VPF_VU_SET_VRING_ERR:
        if (m->size < 8 || !(vq = msg_vq(d, m)))
            return false;
        vq->err_set = !(vpf_ld64(p) & VPF_VU_VRING_NOFD);
        return true;
    case VPF_VU_SET_VRING_ENABLE:
        if (m->size < 8 || !(vq = msg_vq(d, m)))
            return false;
        vq->enabled = vpf_ld32(p + 4) != 0;
        if (vq->enabled)
            d->kick_pending[vq->idx / 64] |= 1ull << (vq->idx % 64);
        return true;
    case VPF_VU_SET_VRING_ENDIAN:
        /* Little-endian rings only (VHOST_VRING_LITTLE_ENDIAN = 0). */
        return m->size >= 8 && msg_vq(d, m) && vpf_ld32(p + 4) == 0;
    case VPF_VU_SET_BACKEND_REQ_FD:
        d->backend_chan = true;
        return true;
    case VPF_VU_GET_CONFIG: {
        uint8_t out[VPCI_MAX_MSG_SIZE - HDR];
        if (m->size < 12) {
            send_reply(d, m->request, NULL, 0);
            *replied = true;
            return false;
        }
        uint32_t off = vpf_ld32(p), len = vpf_ld32(p + 4);
        *replied = true;
        if (len > sizeof(out) - 12 || m->size < 12 + len || !d->ops->get_config ||
            d->ops->get_config(d->cfg.ctx, out + 12, off, len) != 0) {
            send_reply(d, m->request, NULL, 0);
            return false;
        }
        memcpy(out, p, 12);
        send_reply(d, m->request, out, 12 + len);
        return true;
    }
    case VPF_VU_SET_CONFIG: {
        if (m->size < 12)
            return false;
        uint32_t off = vpf_ld32(p), len = vpf_ld32(p + 4), fl = vpf_ld32(p + 8);
        if (m->size < 12 + len || !d->ops->set_config)
            return false;
        return d->ops->set_config(d->cfg.ctx, p + 12, off, len, fl) == 0;
    }
    case VPF_VU_SET_STATUS:
        if (m->size < 8)
            return false;
        d->vstatus = (uint8_t)vpf_ld64(p);
        if (d->ops->set_status)
            d->ops->set_status(d->cfg.ctx, d->vstatus);
        return true;
    case VPF_VU_GET_STATUS:
        reply_u64(d, m->request, d->vstatus);
        *replied = true;
        return true;
    default: {
        uint64_t r = 0;
        bool ok = true;
        if (d->ops->process_msg)
            ok = d->ops->process_msg(d->cfg.ctx, m->request, p, m->size, &r) || true;
        if (m->request == VPF_VU_IOTLB_MSG) {
            reply_u64(d, m->request, r);
            *replied = true;
        } else if (m->request == VPF_VU_CREATE_CRYPTO_SESSION) {
            send_reply(d, m->request, p, m->size); /* no crypto: echo the request */
            *replied = true;
        }
        return ok;
    }
    }
}

void vpf_vhost_handle(struct vpf_dev *d, uint8_t chan, const uint8_t *buf, uint32_t len)
{
    struct msg m = {
        .request = vpf_ld32(buf),
        .flags = vpf_ld32(buf + 4),
        .size = vpf_ld32(buf + 8),
        .p = buf + HDR,
    };

    if (m.size > len - HDR)
        m.size = len - HDR; /* never read beyond what was delivered */
    if (chan == 1) {
        /* The master's reply to one of our backend-channel requests. */
        if (d->ops->backend_reply)
            d->ops->backend_reply(d->cfg.ctx, m.request, m.size >= 8 ? vpf_ld64(m.p) : 0);
        return;
    }
    bool replied = false;
    bool ok = handle(d, &m, &replied);
    if (!ok)
        d->st.bad_msgs++;
    if (!replied && (m.flags & VPF_VU_FLAG_NEED_REPLY) &&
        (d->proto & (1ull << VPF_VU_PF_REPLY_ACK)))
        reply_u64(d, m.request, ok ? 0 : 1);
}

int vpf_backend_send(struct vpf_dev *d, uint32_t request, const void *payload, uint32_t size,
                     bool need_reply)
{
    uint8_t buf[VPCI_MAX_MSG_SIZE];

    if (!d->backend_chan || !(d->proto & (1ull << VPF_VU_PF_BACKEND_REQ)) ||
        size > sizeof(buf) - HDR)
        return -1;
    uint32_t fl = VPF_VU_FLAG_VERSION;
    if (need_reply && (d->proto & (1ull << VPF_VU_PF_REPLY_ACK)))
        fl |= VPF_VU_FLAG_NEED_REPLY;
    vpf_st32(buf, request);
    vpf_st32(buf + 4, fl);
    vpf_st32(buf + 8, size);
    if (size)
        memcpy(buf + HDR, payload, size);
    return vpf_msgq_s2m_send(d, 1, buf, HDR + size);
}

int vpf_config_changed(struct vpf_dev *d, bool need_reply)
{
    if (!(d->proto & (1ull << VPF_VU_PF_CONFIG)))
        return -1;
    return vpf_backend_send(d, VPF_VU_BACKEND_CONFIG_CHANGE_MSG, NULL, 0, need_reply);
}
