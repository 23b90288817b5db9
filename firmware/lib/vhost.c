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
 * The one exception is a reply the S2M ring cannot take (it stayed full):
 * that one is counted (vpf_stats.replies_dropped) and logged.
 *
 * Layer 3 of the library (see vpf_internal.h): requests come from the main
 * loop (adapter.c); a table indexed by request code names the handler of
 * each request.
 */
#include <string.h>

#include "vpf_internal.h"

#define HDR VPCI_MSG_HDR_SIZE

/* Protocol features the library implements itself. */
#define LIB_PROTO ((1ull << VPCI_PROTO_F_REPLY_ACK) | (1ull << VPCI_PROTO_F_BACKEND_REQ) | \
                   (1ull << VPCI_PROTO_F_CONFIGURE_MEM_SLOTS) | (1ull << VPCI_PROTO_F_RESET_DEVICE) | \
                   (1ull << VPCI_PROTO_F_STATUS) | (1ull << VPCI_PROTO_F_MQ))

struct msg {
    uint32_t request, flags, size;
    const uint8_t *p;
    struct vpf_vq *vq;      /* vring requests: the virtqueue it names (checked) */
};

/* Queue the reply to @request on S2M channel 0. A reply that cannot be
 * queued is counted (replies_dropped) and logged: the master still waits. */
static void send_reply(struct vpf_dev *d, uint32_t request, const void *payload, uint32_t size)
{
    uint8_t buf[VPCI_MAX_MSG_SIZE];

    if (size > sizeof(buf) - HDR)
        size = 0;
    vpf_st32(buf, request);
    vpf_st32(buf + 4, VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY);
    vpf_st32(buf + 8, size);
    if (size)
        memcpy(buf + HDR, payload, size);
    enum vpf_status st = vpf_msgq_s2m_send(d, 0, buf, HDR + size);
    if (st != VPF_OK) {
        d->st.replies_dropped++;
        vpf_log(d, "reply to vhost-user request %u dropped: %s", request, vpf_strerror(st));
    }
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
        p |= 1ull << VPCI_PROTO_F_CONFIG;
    if (d->ops->get_protocol_features)
        p |= d->ops->get_protocol_features(d->cfg.ctx);
    if (!(d->adapter_features & (1ull << VPCI_ADAPTER_FEATURE_BACKEND_CHAN)))
        p &= ~(1ull << VPCI_PROTO_F_BACKEND_REQ);
    /* No dirty log support yet: LOG_WIN is not accepted, LOG_SHMFD not offered. */
    p &= ~(1ull << VPCI_PROTO_F_LOG_SHMFD);
    return p;
}

/* The virtqueue a vring request names; NULL if the payload is shorter than
 * @min_size (at least the index) or the index is out of range. */
static struct vpf_vq *msg_vq(struct vpf_dev *d, const struct msg *m, uint32_t min_size)
{
    if (m->size < 4 || m->size < min_size)
        return NULL;
    uint32_t idx;
    if (m->request == VPCI_VU_REQ_SET_VRING_KICK || m->request == VPCI_VU_REQ_SET_VRING_CALL ||
        m->request == VPCI_VU_REQ_SET_VRING_ERR)
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
    const struct vpci_hal_ops *o = d->hal->ops;
    r->host = o->win_map ? o->win_map(d->hal->ctx, VPCI_BAR_MEMWIN, r->win_off, r->size) : NULL;
    /* Without a pointer the region is reached through the window accessors
     * (accessor mode); the adapter answers bytes outside its translations
     * with all-ones (spec §3.3). */
    r->valid = r->host != NULL ||
               (vpci_hal_has_win_access(d->hal) && r->win_off + r->size > r->win_off);
    return r->valid;
}

/* Rings point into regions: recompute after any table change. */
static void remap_vqs(struct vpf_dev *d)
{
    for (unsigned i = 0; i < d->cfg.num_queues; i++) {
        struct vpf_vq *vq = &d->vq[i];
        if (vq->started && !vpf_vq_map(vq) && !vq->xlate_wait)
            vpf_vq_fail(vq, "ring outside the memory table");
    }
}

/* ---- request handlers: one per request, true = success (REPLY_ACK 0) ---- */

/* VIRTIO_F_ACCESS_PLATFORM: offered when IOTLB misses can reach the master
 * (the adapter's backend channel; spec §8.8). */
static uint64_t iommu_features(const struct vpf_dev *d)
{
    if (!(d->adapter_features & (1ull << VPCI_ADAPTER_FEATURE_BACKEND_CHAN)))
        return 0;
    return 1ull << VPF_VIRTIO_F_ACCESS_PLATFORM;
}

/* The virtio and vhost feature bits GET_FEATURES offers. */
static uint64_t offered_features(struct vpf_dev *d)
{
    return d->ops->get_features(d->cfg.ctx) | VPF_RING_FEATURES | iommu_features(d);
}

static bool proto_negotiated(const struct vpf_dev *d, unsigned bit)
{
    return (d->proto >> bit) & 1;
}

static bool h_get_features(struct vpf_dev *d, const struct msg *m)
{
    reply_u64(d, m->request, offered_features(d));
    return true;
}

static bool h_set_features(struct vpf_dev *d, const struct msg *m)
{
    if (m->size < 8)
        return false;
    /* A bit never offered: refused, nothing changes (spec §9.4). */
    if (vpf_ld64(m->p) & ~offered_features(d))
        return false;
    d->features = vpf_ld64(m->p);
    if (d->ops->set_features)
        d->ops->set_features(d->cfg.ctx, d->features);
    /* Without VHOST_USER_F_PROTOCOL_FEATURES every ring is enabled at once,
     * started or not; SET_FEATURES never disables one (spec §9.4). */
    if (!(d->features & (1ull << VPCI_VU_F_PROTOCOL_FEATURES))) {
        for (unsigned i = 0; i < d->cfg.num_queues; i++) {
            d->vq[i].enabled = true;
            d->kick_pending[i / 64] |= 1ull << (i % 64); /* buffers may be waiting */
        }
    }
    return true;
}

static bool h_get_protocol_features(struct vpf_dev *d, const struct msg *m)
{
    reply_u64(d, m->request, offered_proto(d));
    return true;
}

static bool h_set_protocol_features(struct vpf_dev *d, const struct msg *m)
{
    if (m->size < 8)
        return false;
    d->proto = vpf_ld64(m->p) & offered_proto(d);
    return true;
}

static bool h_set_owner(struct vpf_dev *d, const struct msg *m)
{
    (void)m;
    d->owner = true;
    return true;
}

/* RESET_OWNER and RESET_DEVICE: rings stopped, features and status gone. */
static bool h_reset(struct vpf_dev *d, const struct msg *m)
{
    /* RESET_DEVICE is only valid with its protocol feature (spec §9.4). */
    if (m->request == VPCI_VU_REQ_RESET_DEVICE &&
        !proto_negotiated(d, VPCI_PROTO_F_RESET_DEVICE))
        return false;
    for (unsigned i = 0; i < d->cfg.num_queues; i++) {
        vpf_vq_stop(&d->vq[i]);
        vpf_vq_reset_state(&d->vq[i]);
    }
    d->features = 0;
    d->vstatus = 0;
    vpf_iotlb_reset(&d->iotlb);
    if (d->ops->reset)
        d->ops->reset(d->cfg.ctx);
    return true;
}

static bool h_get_queue_num(struct vpf_dev *d, const struct msg *m)
{
    unsigned n = d->ops->get_queue_num ? d->ops->get_queue_num(d->cfg.ctx) : 0;
    if (n == 0 || n > d->cfg.num_queues)
        n = d->cfg.num_queues;
    reply_u64(d, m->request, n);
    return true;
}

static bool h_get_max_mem_slots(struct vpf_dev *d, const struct msg *m)
{
    reply_u64(d, m->request, VPCI_MAX_REGIONS); /* the adapter answers; defensive */
    return true;
}

static bool h_set_mem_table(struct vpf_dev *d, const struct msg *m)
{
    /* The whole table is replaced (spec §8.3). */
    memset(d->reg, 0, sizeof(d->reg));
    if (m->size < 8)
        return false;
    uint32_t n = vpf_ld32(m->p);
    if (n == 0 || n > VPCI_VU_MEM_REGIONS_MAX || m->size < 8 + 32 * n) {
        remap_vqs(d);
        return false;
    }
    bool ok = true;
    for (uint32_t i = 0; i < n; i++)
        ok = map_region(d, &d->reg[i], m->p + 8 + 32 * i) && ok;
    if (!ok)
        memset(d->reg, 0, sizeof(d->reg));
    remap_vqs(d);
    return ok;
}

static bool h_add_mem_reg(struct vpf_dev *d, const struct msg *m)
{
    /* Only with CONFIGURE_MEM_SLOTS negotiated (spec §9.4). */
    if (m->size < 40 || !proto_negotiated(d, VPCI_PROTO_F_CONFIGURE_MEM_SLOTS))
        return false;
    for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++) {
        if (!d->reg[i].valid)
            return map_region(d, &d->reg[i], m->p + 8);
    }
    return false;
}

static bool h_rem_mem_reg(struct vpf_dev *d, const struct msg *m)
{
    if (m->size < 40 || !proto_negotiated(d, VPCI_PROTO_F_CONFIGURE_MEM_SLOTS))
        return false;
    uint64_t gpa = vpf_ld64(m->p + 8), size = vpf_ld64(m->p + 16), ua = vpf_ld64(m->p + 24);
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

static bool h_set_log_base(struct vpf_dev *d, const struct msg *m)
{
    /* Not offered (no LOG_SHMFD); answer so the master does not hang. */
    reply_u64(d, m->request, 1);
    return false;
}

static bool h_set_log_fd(struct vpf_dev *d, const struct msg *m)
{
    (void)d, (void)m;
    return true;
}

static bool h_set_vring_num(struct vpf_dev *d, const struct msg *m)
{
    struct vpf_vq *vq = m->vq;
    (void)d;
    uint32_t num = vpf_ld32(m->p + 4);
    if (num == 0 || num > 32768 || (num & (num - 1)))
        return false;
    vq->num = num;
    return true;
}

static bool h_set_vring_addr(struct vpf_dev *d, const struct msg *m)
{
    struct vpf_vq *vq = m->vq;
    (void)d;
    vq->addr_flags = vpf_ld32(m->p + 4);
    vq->desc_ua = vpf_ld64(m->p + 8);
    vq->used_ua = vpf_ld64(m->p + 16);
    vq->avail_ua = vpf_ld64(m->p + 24);
    vq->addr_set = true;
    /* The used index lives in the ring: resume from there, when the ring
     * translates (IOVA rings may wait for the IOTLB, spec §8.8). */
    vq->sync_used = true;
    if (!vpf_vq_map(vq) && !vq->xlate_wait)
        return false;
    if (!vq->started)
        vpf_vq_new_run(vq); /* (a running ring only changes its log flag) */
    return true;
}

static bool h_set_vring_base(struct vpf_dev *d, const struct msg *m)
{
    struct vpf_vq *vq = m->vq;
    (void)d;
    vq->last_avail = (uint16_t)vpf_ld32(m->p + 4);
    vq->avail_ready = 0;
    vpf_vq_new_run(vq);
    return true;
}

static bool h_get_vring_base(struct vpf_dev *d, const struct msg *m)
{
    uint8_t st[8];
    struct vpf_vq *vq = msg_vq(d, m, 4);
    vpf_st32(st, m->size >= 4 ? vpf_ld32(m->p) : 0);
    vpf_st32(st + 4, vq ? vq->last_avail : 0);
    if (vq) {
        vpf_vq_stop(vq);
        vq->kick_set = false;
        vq->call_set = vq->err_set = false;
    }
    send_reply(d, m->request, st, 8);
    return vq != NULL;
}

static bool h_set_vring_kick(struct vpf_dev *d, const struct msg *m)
{
    struct vpf_vq *vq = m->vq;
    vq->kick_set = true;
    vq->kick_nofd = (vpf_ld64(m->p) & VPCI_VU_VRING_NOFD) != 0;
    /* Starts the ring; only SET_VRING_ENABLE and SET_FEATURES enable it (spec §9.4). */
    if (vq->addr_set && vq->num && (vpf_vq_map(vq) || vq->xlate_wait)) {
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
}

static bool h_set_vring_call(struct vpf_dev *d, const struct msg *m)
{
    struct vpf_vq *vq = m->vq;
    (void)d;
    vq->call_set = true;
    vq->call_nofd = (vpf_ld64(m->p) & VPCI_VU_VRING_NOFD) != 0;
    return true;
}

static bool h_set_vring_err(struct vpf_dev *d, const struct msg *m)
{
    struct vpf_vq *vq = m->vq;
    (void)d;
    vq->err_set = !(vpf_ld64(m->p) & VPCI_VU_VRING_NOFD);
    return true;
}

static bool h_set_vring_enable(struct vpf_dev *d, const struct msg *m)
{
    struct vpf_vq *vq = m->vq;
    vq->enabled = vpf_ld32(m->p + 4) != 0;
    if (vq->enabled)
        d->kick_pending[vq->idx / 64] |= 1ull << (vq->idx % 64);
    return true;
}

static bool h_set_vring_endian(struct vpf_dev *d, const struct msg *m)
{
    (void)d;
    /* Little-endian rings only (VHOST_VRING_LITTLE_ENDIAN = 0). */
    return vpf_ld32(m->p + 4) == 0;
}

static bool h_set_backend_req_fd(struct vpf_dev *d, const struct msg *m)
{
    (void)m;
    d->backend_chan = true;
    return true;
}

static bool h_get_config(struct vpf_dev *d, const struct msg *m)
{
    uint8_t out[VPCI_MAX_MSG_SIZE - HDR];
    if (m->size < 12) {
        send_reply(d, m->request, NULL, 0);
        return false;
    }
    uint32_t off = vpf_ld32(m->p), len = vpf_ld32(m->p + 4);
    if (len > sizeof(out) - 12 || m->size < 12 + len || !d->ops->get_config ||
        d->ops->get_config(d->cfg.ctx, out + 12, off, len) != 0) {
        send_reply(d, m->request, NULL, 0);
        return false;
    }
    memcpy(out, m->p, 12);
    send_reply(d, m->request, out, 12 + len);
    return true;
}

static bool h_set_config(struct vpf_dev *d, const struct msg *m)
{
    if (m->size < 12)
        return false;
    uint32_t off = vpf_ld32(m->p), len = vpf_ld32(m->p + 4), fl = vpf_ld32(m->p + 8);
    if (m->size < 12 + len || !d->ops->set_config)
        return false;
    return d->ops->set_config(d->cfg.ctx, m->p + 12, off, len, fl) == 0;
}

static bool h_set_status(struct vpf_dev *d, const struct msg *m)
{
    if (m->size < 8)
        return false;
    d->vstatus = (uint8_t)vpf_ld64(m->p);
    if (d->ops->set_status)
        d->ops->set_status(d->cfg.ctx, d->vstatus);
    return true;
}

static bool h_get_status(struct vpf_dev *d, const struct msg *m)
{
    reply_u64(d, m->request, d->vstatus);
    return true;
}

/* The device's process_msg (its result does not change the ack); *@r is
 * its u64 reply, 0 if it gives none. */
static uint64_t device_msg(struct vpf_dev *d, const struct msg *m)
{
    uint64_t r = 0;
    if (d->ops->process_msg)
        d->ops->process_msg(d->cfg.ctx, m->request, m->p, m->size, &r);
    return r;
}

/* Requests the library leaves to the device (SEND_RARP, NET_SET_MTU,
 * CLOSE_CRYPTO_SESSION, codes it does not know). */
static bool h_device(struct vpf_dev *d, const struct msg *m)
{
    device_msg(d, m);
    return true;
}

/* IOTLB_MSG: an update or invalidation of the device IOTLB (spec §8.8);
 * the reply is 0 on success. */
static bool iotlb_msg(struct vpf_dev *d, const struct msg *m)
{
    if (m->size < 26)
        return false;
    uint64_t iova = vpf_ld64(m->p), size = vpf_ld64(m->p + 8), uaddr = vpf_ld64(m->p + 16);
    uint8_t perm = m->p[24], type = m->p[25];
    if (type == VPF_IOTLB_UPDATE) {
        if (!vpf_iotlb_update(&d->iotlb, iova, size, uaddr, perm))
            return false;
        d->st.iotlb_updates++;
        vpf_vq_iotlb_changed(d, false);
        return true;
    }
    if (type == VPF_IOTLB_INVALIDATE) {
        d->st.iotlb_invalidations++;
        if (vpf_iotlb_invalidate(&d->iotlb, iova, size))
            vpf_vq_iotlb_changed(d, true);
        return true;
    }
    return false; /* MISS and ACCESS_FAIL travel the other way */
}

static bool h_iotlb_msg(struct vpf_dev *d, const struct msg *m)
{
    bool ok = iotlb_msg(d, m);
    reply_u64(d, m->request, ok ? 0 : 1);
    return ok;
}

static bool h_create_crypto_session(struct vpf_dev *d, const struct msg *m)
{
    device_msg(d, m);
    send_reply(d, m->request, m->p, m->size); /* no crypto: echo the request */
    return true;
}

/* How the library serves one request code. */
struct vu_request {
    bool (*handle)(struct vpf_dev *d, const struct msg *m);
    bool replies;        /* the handler sends the request's reply itself (then no REPLY_ACK) */
    uint32_t vring_size; /* non-zero: a vring request; with a shorter payload or an
                          * index beyond the device's queues it fails without the
                          * handler, else the handler gets the virtqueue in m->vq */
};

/* Indexed by request code; codes without an entry go to the device (h_device). */
static const struct vu_request requests[] = {
    [VPCI_VU_REQ_GET_FEATURES] = {h_get_features, true},
    [VPCI_VU_REQ_SET_FEATURES] = {h_set_features, false},
    [VPCI_VU_REQ_SET_OWNER] = {h_set_owner, false},
    [VPCI_VU_REQ_RESET_OWNER] = {h_reset, false},
    [VPCI_VU_REQ_SET_MEM_TABLE] = {h_set_mem_table, false},
    [VPCI_VU_REQ_SET_LOG_BASE] = {h_set_log_base, true},
    [VPCI_VU_REQ_SET_LOG_FD] = {h_set_log_fd, false},
    [VPCI_VU_REQ_SET_VRING_NUM] = {h_set_vring_num, false, VPCI_PL_VRING_STATE_SIZE_MIN},
    [VPCI_VU_REQ_SET_VRING_ADDR] = {h_set_vring_addr, false, VPCI_PL_VRING_ADDR_SIZE_MIN},
    [VPCI_VU_REQ_SET_VRING_BASE] = {h_set_vring_base, false, VPCI_PL_VRING_STATE_SIZE_MIN},
    [VPCI_VU_REQ_GET_VRING_BASE] = {h_get_vring_base, true},
    [VPCI_VU_REQ_SET_VRING_KICK] = {h_set_vring_kick, false, VPCI_PL_VRING_FD_SIZE_MIN},
    [VPCI_VU_REQ_SET_VRING_CALL] = {h_set_vring_call, false, VPCI_PL_VRING_FD_SIZE_MIN},
    [VPCI_VU_REQ_SET_VRING_ERR] = {h_set_vring_err, false, VPCI_PL_VRING_FD_SIZE_MIN},
    [VPCI_VU_REQ_GET_PROTOCOL_FEATURES] = {h_get_protocol_features, true},
    [VPCI_VU_REQ_SET_PROTOCOL_FEATURES] = {h_set_protocol_features, false},
    [VPCI_VU_REQ_GET_QUEUE_NUM] = {h_get_queue_num, true},
    [VPCI_VU_REQ_SET_VRING_ENABLE] = {h_set_vring_enable, false, VPCI_PL_VRING_STATE_SIZE_MIN},
    [VPCI_VU_REQ_SET_BACKEND_REQ_FD] = {h_set_backend_req_fd, false},
    [VPCI_VU_REQ_IOTLB_MSG] = {h_iotlb_msg, true},
    [VPCI_VU_REQ_SET_VRING_ENDIAN] = {h_set_vring_endian, false, VPCI_PL_VRING_STATE_SIZE_MIN},
    [VPCI_VU_REQ_GET_CONFIG] = {h_get_config, true},
    [VPCI_VU_REQ_SET_CONFIG] = {h_set_config, false},
    [VPCI_VU_REQ_CREATE_CRYPTO_SESSION] = {h_create_crypto_session, true},
    [VPCI_VU_REQ_RESET_DEVICE] = {h_reset, false},
    [VPCI_VU_REQ_GET_MAX_MEM_SLOTS] = {h_get_max_mem_slots, true},
    [VPCI_VU_REQ_ADD_MEM_REG] = {h_add_mem_reg, false},
    [VPCI_VU_REQ_REM_MEM_REG] = {h_rem_mem_reg, false},
    [VPCI_VU_REQ_SET_STATUS] = {h_set_status, false},
    [VPCI_VU_REQ_GET_STATUS] = {h_get_status, true},
};

static const struct vu_request *find_request(uint32_t code)
{
    static const struct vu_request device = {h_device, false};

    if (code < sizeof(requests) / sizeof(requests[0]) && requests[code].handle)
        return &requests[code];
    return &device;
}

void vpf_vhost_handle(struct vpf_dev *d, uint8_t chan, const uint8_t *buf, uint32_t len)
{
    struct msg m = {
        .request = vpf_ld32(buf),
        .flags = vpf_ld32(buf + 4),
        .size = vpf_ld32(buf + 8),
        .p = buf + HDR,
        .vq = NULL,
    };

    if (m.size > len - HDR)
        m.size = len - HDR; /* never read beyond what was delivered */
    if (chan == 1) {
        /* The master's reply to one of our backend-channel requests. */
        if (d->ops->backend_reply)
            d->ops->backend_reply(d->cfg.ctx, m.request, m.size >= 8 ? vpf_ld64(m.p) : 0);
        return;
    }
    const struct vu_request *req = find_request(m.request);
    bool ok;
    if (req->vring_size) {
        m.vq = msg_vq(d, &m, req->vring_size);
        ok = m.vq && req->handle(d, &m);
    } else {
        ok = req->handle(d, &m);
    }
    if (!ok)
        d->st.bad_msgs++;
    if (!req->replies && (m.flags & VPCI_VU_FLAG_NEED_REPLY) &&
        (d->proto & (1ull << VPCI_PROTO_F_REPLY_ACK)))
        reply_u64(d, m.request, ok ? 0 : 1);
}

enum vpf_status vpf_backend_send(struct vpf_dev *d, uint32_t request, const void *payload,
                                 uint32_t size, bool need_reply)
{
    uint8_t buf[VPCI_MAX_MSG_SIZE];

    if (!d->backend_chan || !(d->proto & (1ull << VPCI_PROTO_F_BACKEND_REQ)))
        return VPF_E_NOT_NEGOTIATED;
    if (size > sizeof(buf) - HDR)
        return VPF_E_MSG_SIZE;
    uint32_t fl = VPCI_VU_FLAG_VERSION;
    if (need_reply && (d->proto & (1ull << VPCI_PROTO_F_REPLY_ACK)))
        fl |= VPCI_VU_FLAG_NEED_REPLY;
    vpf_st32(buf, request);
    vpf_st32(buf + 4, fl);
    vpf_st32(buf + 8, size);
    if (size)
        memcpy(buf + HDR, payload, size);
    return vpf_msgq_s2m_send(d, 1, buf, HDR + size);
}

enum vpf_status vpf_config_changed(struct vpf_dev *d, bool need_reply)
{
    if (!(d->proto & (1ull << VPCI_PROTO_F_CONFIG)))
        return VPF_E_NOT_NEGOTIATED;
    return vpf_backend_send(d, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG, NULL, 0, need_reply);
}
