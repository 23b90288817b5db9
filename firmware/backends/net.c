/* SPDX-License-Identifier: MIT */
/*
 * net.c - virtio-net backend on the firmware library: an L2 learning switch
 * between the ports of several adapters, and the rxonly / txonly / reflect
 * benchmark modes (see net.h). Device layout: virtio 1.x §5.1 (receiveq1 =
 * vq 0, transmitq1 = vq 1, struct virtio_net_hdr before every frame).
 *
 * Every TX frame is copied once out of the master's ring into the port's own
 * buffer before it is looked at or forwarded (the master may change its
 * memory at any time), then copied into the RX chains of the destination.
 */
#include "net.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(struct vpf_net_config) == 12, "virtio_net_config prefix is 12 bytes");

#define MAC_PROBE 8u
#define TX_BATCH 32u /* TX chains per used->idx publication */

enum deliver_rc { DELIVERED, NO_ROOM, NOT_READY, DROPPED };

struct mac_ent {
    uint8_t mac[6];
    bool valid;
    uint8_t port;
    uint64_t stamp;
};

struct vpf_net_port {
    struct vpf_net_switch *sw;
    unsigned idx;
    struct vpf_net_opts o;
    struct vpf_dev *dev;
    uint64_t features;
    struct vpf_net_config cfg;
    bool tx_wait;               /* TX chain put back: destination full */
    unsigned wait_dst;
    uint64_t seq;               /* txonly frames generated             */
    uint32_t frame_len;
    struct vpf_net_port_stats st;
    struct vpf_elem tx_el, rx_first, rx_el;
    /* RXONLY payload check: the first frame of each length is its template. */
    unsigned ntpl;
    bool tpl_stale;             /* the session of the templates ended (they stay
                                 * visible in the report until the next frame) */
    uint32_t tpl_len[VPF_NET_CHECK_TEMPLATES];
    uint8_t *tpl[VPF_NET_CHECK_TEMPLATES];
    uint8_t frame[VPF_NET_MAX_FRAME];
};

struct vpf_net_switch {
    unsigned nports;
    struct vpf_net_port *port[VPF_NET_MAX_PORTS];
    unsigned table_n;
    struct mac_ent *table;
    uint64_t clock;
};

/* ---- MAC learning table ---- */

static unsigned mac_hash(const struct vpf_net_switch *sw, const uint8_t *mac)
{
    uint32_t h = 2166136261u;
    for (unsigned i = 0; i < 6; i++)
        h = (h ^ mac[i]) * 16777619u;
    return h % sw->table_n;
}

static bool mac_unicast(const uint8_t *mac)
{
    static const uint8_t zero[6];
    return !(mac[0] & 1) && memcmp(mac, zero, 6) != 0;
}

static void mac_learn(struct vpf_net_switch *sw, const uint8_t *mac, unsigned port)
{
    unsigned h = mac_hash(sw, mac), victim = h;
    uint64_t oldest = UINT64_MAX;

    sw->clock++;
    for (unsigned i = 0; i < MAC_PROBE; i++) {
        struct mac_ent *e = &sw->table[(h + i) % sw->table_n];
        if (e->valid && memcmp(e->mac, mac, 6) == 0) {
            e->port = (uint8_t)port; /* a station that moved */
            e->stamp = sw->clock;
            return;
        }
        uint64_t age = e->valid ? e->stamp : 0;
        if (age < oldest) {
            oldest = age;
            victim = (h + i) % sw->table_n;
        }
    }
    struct mac_ent *e = &sw->table[victim];
    memcpy(e->mac, mac, 6);
    e->valid = true;
    e->port = (uint8_t)port;
    e->stamp = sw->clock;
}

int vpf_net_switch_lookup(const struct vpf_net_switch *sw, const uint8_t mac[6])
{
    unsigned h = mac_hash(sw, mac);
    for (unsigned i = 0; i < MAC_PROBE; i++) {
        const struct mac_ent *e = &sw->table[(h + i) % sw->table_n];
        if (e->valid && memcmp(e->mac, mac, 6) == 0)
            return e->port;
    }
    return -1;
}

static void mac_forget_port(struct vpf_net_switch *sw, unsigned port)
{
    for (unsigned i = 0; i < sw->table_n; i++)
        if (sw->table[i].valid && sw->table[i].port == port)
            sw->table[i].valid = false;
}

/* ---- frames ---- */

static unsigned hdr_len(const struct vpf_net_port *p)
{
    bool v1 = (p->features >> VPF_VIRTIO_F_VERSION_1) & 1;
    bool mrg = (p->features >> VPF_NET_F_MRG_RXBUF) & 1;
    return v1 || mrg ? VPF_NET_HDR_LEN : VPF_NET_HDR_LEN_LEGACY;
}

/*
 * Copy @len bytes of @frame into RX chains of port @q: a zero virtio_net_hdr
 * then the frame, over one chain (or several with MRG_RXBUF). Nothing is
 * pushed unless the whole frame fits.
 */
static enum deliver_rc deliver(struct vpf_net_port *q, const uint8_t *frame, uint32_t len)
{
    struct vpf_vq *rx = vpf_get_vq(q->dev, VPF_NET_RXQ);
    unsigned hl = hdr_len(q);
    bool mrg = (q->features >> VPF_NET_F_MRG_RXBUF) & 1;
    uint16_t idx[VPF_NET_MAX_FRAME / 64 + 2];
    uint32_t ulen[VPF_NET_MAX_FRAME / 64 + 2];
    unsigned n = 0;
    uint32_t pos = 0;

    if (!rx || !vpf_vq_ready(rx) || !vpf_vq_enabled(rx))
        return NOT_READY; /* a disabled RX ring gets no frame (spec §9.4) */
    while (n == 0 || pos < len) {
        struct vpf_elem *e = n == 0 ? &q->rx_first : &q->rx_el;
        int r = vpf_vq_pop(rx, e);
        if (r < 0) {
            q->st.bad_layout++;
            return NOT_READY;
        }
        if (r == 0 || n == sizeof(idx) / sizeof(idx[0])) {
            /* Every buffer of the ring taken and still no room: it never fits. */
            bool never = r > 0 || n >= vpf_vq_size(rx);
            if (r > 0)
                n++;
            while (n--)
                vpf_vq_unpop(rx);
            if (never) {
                q->st.drop_no_buf++;
                return DROPPED;
            }
            return NO_ROOM;
        }
        if (e->out_num != 0 || e->in_len < (n == 0 ? hl : 1u)) {
            q->st.bad_layout++;
            vpf_vq_fail(rx, "virtio-net RX chain with readable part or without header room");
            return NOT_READY;
        }
        uint64_t room = e->in_len - (n == 0 ? hl : 0);
        uint32_t k = room < len - pos ? (uint32_t)room : len - pos;
        if (!mrg && k < len - pos) { /* one chain must hold the frame */
            vpf_vq_unpop(rx);
            q->st.drop_no_buf++;
            return DROPPED;
        }
        vpf_iov_from_buf(e->iov, e->in_num, n == 0 ? hl : 0, frame + pos, k);
        idx[n] = e->index;
        ulen[n] = k + (n == 0 ? hl : 0);
        pos += k;
        n++;
    }
    uint8_t hdr[VPF_NET_HDR_LEN] = {0};
    uint16_t nb = (uint16_t)n;
    memcpy(hdr + 10, &nb, 2); /* num_buffers (absent in the 10-byte header) */
    vpf_iov_from_buf(q->rx_first.iov, q->rx_first.in_num, 0, hdr, hl);
    for (unsigned i = 0; i < n; i++) {
        q->rx_el.index = idx[i];
        vpf_vq_push(rx, &q->rx_el, ulen[i]);
    }
    q->st.rx_frames++;
    q->st.rx_bytes += len;
    q->st.rx_chains += n;
    return DELIVERED;
}

static bool port_switching(const struct vpf_net_port *p)
{
    return p->o.port_mode == VPF_NET_PORT_SWITCH;
}

/*
 * RXONLY check: compare p->frame with the template of its length (the first
 * frame of that length this port copied out in the current session: a new
 * master, such as a testpmd that picked a new random MAC, brings new
 * templates). Sources that send one template per length, like testpmd
 * txonly, must match byte for byte.
 */
static void check_frame(struct vpf_net_port *p)
{
    uint32_t len = p->frame_len;
    if (p->tpl_stale)
        vpf_net_port_reset_check(p);
    for (unsigned i = 0; i < p->ntpl; i++) {
        if (p->tpl_len[i] != len)
            continue;
        if (memcmp(p->tpl[i], p->frame, len) == 0) {
            p->st.frames_ok++;
        } else {
            if (!p->st.frames_bad)
                p->st.first_bad = p->st.tx_frames; /* index of this frame */
            p->st.frames_bad++;
        }
        return;
    }
    if (p->ntpl < VPF_NET_CHECK_TEMPLATES) {
        uint8_t *t = malloc(len);
        if (t) {
            memcpy(t, p->frame, len);
            p->tpl[p->ntpl] = t;
            p->tpl_len[p->ntpl++] = len;
            p->st.templates++;
            p->st.frames_ok++; /* a template matches itself */
            return;
        }
    }
    p->st.frames_unchecked++;
}

void vpf_net_port_reset_check(struct vpf_net_port *p)
{
    for (unsigned i = 0; i < p->ntpl; i++)
        free(p->tpl[i]);
    p->ntpl = 0;
    p->tpl_stale = false;
}

const uint8_t *vpf_net_port_template(const struct vpf_net_port *p, unsigned i, uint32_t *len)
{
    if (i >= p->ntpl)
        return NULL;
    *len = p->tpl_len[i];
    return p->tpl[i];
}

/* Forward p->frame; false if the TX chain must wait for room. */
static bool forward(struct vpf_net_port *p)
{
    struct vpf_net_switch *sw = p->sw;
    uint8_t *f = p->frame;
    enum deliver_rc rc;

    switch (p->o.port_mode) {
    case VPF_NET_PORT_RXONLY:
        if (!p->o.no_check)
            check_frame(p);
        return true;
    case VPF_NET_PORT_TXONLY:
        return true;
    case VPF_NET_PORT_REFLECT: {
        uint8_t t[6];
        memcpy(t, f, 6);
        memcpy(f, f + 6, 6);
        memcpy(f + 6, t, 6);
        rc = deliver(p, f, p->frame_len);
        if (rc == NO_ROOM) {
            memcpy(f + 6, f, 6); /* undo: the chain is read again later */
            memcpy(f, t, 6);
            p->wait_dst = p->idx;
            return false;
        }
        return true;
    }
    case VPF_NET_PORT_SWITCH:
        break;
    }
    if (mac_unicast(f + 6))
        mac_learn(sw, f + 6, p->idx);
    int dst = mac_unicast(f) ? vpf_net_switch_lookup(sw, f) : -1;
    if (dst >= 0) {
        if ((unsigned)dst == p->idx) {
            p->st.drop_bad++; /* to its own port: filtered */
            return true;
        }
        rc = deliver(sw->port[dst], f, p->frame_len);
        if (rc == NO_ROOM) {
            p->wait_dst = (unsigned)dst;
            return false;
        }
        if (rc == NOT_READY)
            p->st.drop_no_buf++;
        return true;
    }
    p->st.flooded++;
    for (unsigned i = 0; i < sw->nports; i++) {
        struct vpf_net_port *q = sw->port[i];
        if (q == p || !port_switching(q))
            continue;
        rc = deliver(q, f, p->frame_len);
        if (rc == NO_ROOM || rc == NOT_READY)
            p->st.drop_no_buf++;
    }
    return true;
}

static void notify_rx_all(struct vpf_net_port *p)
{
    struct vpf_net_switch *sw = p->sw;
    for (unsigned i = 0; i < sw->nports; i++) {
        struct vpf_vq *rx = vpf_get_vq(sw->port[i]->dev, VPF_NET_RXQ);
        if (rx)
            vpf_vq_notify(rx);
    }
}

/* Drain the TX queue of @p (until empty or a destination is full). */
static void tx_service(struct vpf_net_port *p)
{
    struct vpf_vq *tx = vpf_get_vq(p->dev, VPF_NET_TXQ);
    unsigned hl = hdr_len(p);
    unsigned batch = 0;

    p->tx_wait = false;
    if (!vpf_vq_enabled(tx)) {
        /* Disabled: every chain is taken and returned, its frame goes
         * nowhere (spec §9.4). */
        while (vpf_vq_pop(tx, &p->tx_el) > 0) {
            p->st.tx_disabled++;
            vpf_vq_push_deferred(tx, &p->tx_el, 0);
        }
        vpf_vq_notify(tx);
        return;
    }
    for (;;) {
        int r = vpf_vq_pop(tx, &p->tx_el);
        if (r <= 0)
            break;
        /* used->idx is published every TX_BATCH chains (and at the end) */
        if (++batch % TX_BATCH == 0)
            vpf_vq_flush(tx);
        if (p->tx_el.out_len < hl) {
            p->st.bad_layout++;
            vpf_vq_fail(tx, "virtio-net TX chain shorter than its header");
            break;
        }
        uint64_t flen = p->tx_el.out_len - hl;
        if (flen < VPF_NET_MIN_FRAME || flen > VPF_NET_MAX_FRAME) {
            p->st.drop_bad++;
            vpf_vq_push_deferred(tx, &p->tx_el, 0);
            continue;
        }
        p->frame_len = (uint32_t)flen;
        vpf_iov_to_buf(p->tx_el.iov, p->tx_el.out_num, hl, p->frame, flen);
        if (!forward(p)) {
            vpf_vq_unpop(tx);
            p->tx_wait = true;
            p->st.tx_waits++;
            break;
        }
        p->st.tx_frames++;
        p->st.tx_bytes += flen;
        vpf_vq_push_deferred(tx, &p->tx_el, 0);
    }
    vpf_vq_notify(tx); /* publishes the deferred used entries */
    notify_rx_all(p);
}

/* TXONLY: fill RX buffers with generated frames. */
static void txonly_fill(struct vpf_net_port *p)
{
    static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    static const uint8_t zero[6];
    uint32_t len = p->o.txonly_len;
    uint8_t *f = p->frame;

    while (p->o.txonly_count == 0 || p->seq < p->o.txonly_count) {
        memcpy(f, memcmp(p->o.txonly_dst, zero, 6) ? p->o.txonly_dst : bcast, 6);
        memcpy(f + 6, p->cfg.mac, 6);
        f[12] = 0x88; /* local experimental ethertype */
        f[13] = 0xb5;
        memcpy(f + 14, &p->seq, 8);
        for (uint32_t i = 22; i < len; i++)
            f[i] = (uint8_t)(p->seq + i);
        if (deliver(p, f, len) != DELIVERED)
            break;
        p->seq++;
    }
    vpf_vq_notify(vpf_get_vq(p->dev, VPF_NET_RXQ));
}

/* Retry TX queues waiting for @q's RX buffers (or for any, q == NULL). */
static int retry_waiting(struct vpf_net_switch *sw, const struct vpf_net_port *q)
{
    int n = 0;
    for (unsigned i = 0; i < sw->nports; i++) {
        struct vpf_net_port *p = sw->port[i];
        if (!p->tx_wait || (q && p->wait_dst != q->idx))
            continue;
        struct vpf_vq *rx = vpf_get_vq(sw->port[p->wait_dst]->dev, VPF_NET_RXQ);
        if (vpf_vq_ready(rx) && !vpf_vq_has_work(rx))
            continue; /* still full */
        tx_service(p);
        n++;
    }
    return n;
}

/* ---- library callbacks ---- */

static uint64_t net_get_features(void *ctx)
{
    struct vpf_net_port *p = ctx;
    uint64_t f = (1ull << VPF_NET_F_MAC) | (1ull << VPF_NET_F_STATUS);
    if (!p->o.no_mrg_rxbuf)
        f |= 1ull << VPF_NET_F_MRG_RXBUF;
    return f;
}

static void net_set_features(void *ctx, uint64_t f)
{
    struct vpf_net_port *p = ctx;
    p->features = f;
}

static unsigned net_get_queue_num(void *ctx)
{
    (void)ctx;
    return 2;
}

static int net_get_config(void *ctx, uint8_t *buf, uint32_t off, uint32_t len)
{
    struct vpf_net_port *p = ctx;
    if (off > sizeof(p->cfg) || len > sizeof(p->cfg) - off)
        return -1;
    memcpy(buf, (const uint8_t *)&p->cfg + off, len);
    return 0;
}

static int net_set_config(void *ctx, const uint8_t *d, uint32_t off, uint32_t len, uint32_t fl)
{
    (void)ctx, (void)d, (void)off, (void)len, (void)fl;
    return -1; /* VIRTIO_NET_F_CTRL_MAC_ADDR is not offered: read-only */
}

static void net_queue(void *ctx, struct vpf_vq *vq)
{
    struct vpf_net_port *p = ctx;
    if (vpf_vq_index(vq) == VPF_NET_TXQ) {
        tx_service(p);
        return;
    }
    /* RX buffers arrived. */
    if (p->o.port_mode == VPF_NET_PORT_TXONLY)
        txonly_fill(p);
    else
        retry_waiting(p->sw, p);
}

static void net_started(void *ctx, unsigned idx, bool on)
{
    struct vpf_net_port *p = ctx;
    if (idx == VPF_NET_TXQ && !on)
        p->tx_wait = false;
}

static bool net_msg(void *ctx, uint32_t req, const uint8_t *payload, uint32_t size, uint64_t *reply)
{
    struct vpf_net_port *p = ctx;
    (void)reply;
    if (req == VPCI_VU_REQ_SEND_RARP && size >= 6 && port_switching(p) && mac_unicast(payload)) {
        mac_learn(p->sw, payload, p->idx); /* the guest announces its MAC here */
        return true;
    }
    return req == VPCI_VU_REQ_NET_SET_MTU || req == VPCI_VU_REQ_SEND_RARP;
}

static void net_reset(void *ctx)
{
    struct vpf_net_port *p = ctx;
    p->tx_wait = false;
    p->features = 0;
    mac_forget_port(p->sw, p->idx);
    p->tpl_stale = true; /* the next session's first frames are its own templates */
}

static const struct vpf_device_ops net_ops = {
    .get_features = net_get_features,
    .set_features = net_set_features,
    .get_queue_num = net_get_queue_num,
    .get_config = net_get_config,
    .set_config = net_set_config,
    .queue_handler = net_queue,
    .queue_set_started = net_started,
    .process_msg = net_msg,
    .reset = net_reset,
};

/* ---- runner ---- */

struct vpf_net_switch *vpf_net_switch_create(const struct vpf_net_switch_opts *o)
{
    unsigned n = o && o->mac_table ? o->mac_table : 256;
    if (n > 4096)
        return NULL;
    struct vpf_net_switch *sw = calloc(1, sizeof(*sw));
    if (!sw)
        return NULL;
    sw->table_n = n;
    sw->table = calloc(n, sizeof(*sw->table));
    if (!sw->table) {
        free(sw);
        return NULL;
    }
    return sw;
}

void vpf_net_switch_destroy(struct vpf_net_switch *sw)
{
    if (!sw)
        return;
    for (unsigned i = 0; i < sw->nports; i++) {
        vpf_destroy(sw->port[i]->dev);
        vpf_net_port_reset_check(sw->port[i]);
        free(sw->port[i]);
    }
    free(sw->table);
    free(sw);
}

struct vpf_net_port *vpf_net_switch_add_port(struct vpf_net_switch *sw, const struct vpci_hal *hal,
                                             const struct vpf_net_opts *o)
{
    if (sw->nports >= VPF_NET_MAX_PORTS || o->port_mode > VPF_NET_PORT_REFLECT)
        return NULL;
    struct vpf_net_port *p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    p->sw = sw;
    p->idx = sw->nports;
    p->o = *o;
    if (p->o.txonly_len == 0)
        p->o.txonly_len = 64;
    if (p->o.txonly_len < 22)
        p->o.txonly_len = 22; /* Ethernet header + sequence number */
    if (p->o.txonly_len > VPF_NET_MAX_FRAME)
        p->o.txonly_len = VPF_NET_MAX_FRAME;
    memcpy(p->cfg.mac, o->mac, 6);
    p->cfg.status = VPF_NET_S_LINK_UP;
    p->cfg.max_virtqueue_pairs = 1;
    p->cfg.mtu = o->mtu ? o->mtu : 1500;
    struct vpf_config cfg = {
        .ops = &net_ops,
        .ctx = p,
        .mode = o->mode,
        .num_queues = 2,
        .m2s_log2 = o->m2s_log2,
        .s2m_log2 = o->s2m_log2,
        .idle_spins = o->idle_spins,
    };
    p->dev = vpf_create(hal, &cfg);
    if (!p->dev) {
        free(p);
        return NULL;
    }
    sw->port[sw->nports++] = p;
    return p;
}

int vpf_net_switch_remove_port(struct vpf_net_switch *sw, struct vpf_net_port *p)
{
    unsigned k = 0;
    while (k < sw->nports && sw->port[k] != p)
        k++;
    if (k == sw->nports)
        return -1;
    vpf_destroy(p->dev);
    vpf_net_port_reset_check(p);
    free(p);
    for (unsigned i = k + 1; i < sw->nports; i++) {
        sw->port[i - 1] = sw->port[i];
        sw->port[i - 1]->idx = i - 1;
    }
    sw->nports--;
    /* Stations learned on it are forgotten, later ports move down by one. */
    for (unsigned i = 0; i < sw->table_n; i++) {
        struct mac_ent *e = &sw->table[i];
        if (!e->valid)
            continue;
        if (e->port == k)
            e->valid = false;
        else if (e->port > k)
            e->port--;
    }
    /* A TX queue waiting for room on it stops waiting: the chain it put
     * back is served again now (its destination is unknown: flooded). */
    for (unsigned i = 0; i < sw->nports; i++) {
        struct vpf_net_port *q = sw->port[i];
        if (q->tx_wait && q->wait_dst > k)
            q->wait_dst--;
        else if (q->tx_wait && q->wait_dst == k)
            tx_service(q);
    }
    return 0;
}

enum vpf_status vpf_net_switch_start(struct vpf_net_switch *sw)
{
    enum vpf_status rc = VPF_OK;
    for (unsigned i = 0; i < sw->nports; i++) {
        if (vpf_state(sw->port[i]->dev) == VPF_STATE_RUNNING)
            continue;
        enum vpf_status st = vpf_start(sw->port[i]->dev);
        if (st != VPF_OK)
            rc = st;
    }
    return rc;
}

int vpf_net_switch_step(struct vpf_net_switch *sw, uint32_t timeout_ms)
{
    int n = 0;
    bool waiting = false;

    for (unsigned i = 0; i < sw->nports; i++) {
        int r = vpf_process(sw->port[i]->dev, 0);
        if (r > 0)
            n += r;
    }
    n += retry_waiting(sw, NULL);
    for (unsigned i = 0; i < sw->nports; i++)
        waiting |= sw->port[i]->tx_wait;
    if (n == 0 && timeout_ms && !waiting && sw->nports) {
        uint32_t per = timeout_ms / sw->nports ? timeout_ms / sw->nports : 1;
        for (unsigned i = 0; i < sw->nports; i++) {
            int r = vpf_process(sw->port[i]->dev, per);
            if (r > 0)
                n += r;
        }
    }
    return n;
}

unsigned vpf_net_switch_ports(const struct vpf_net_switch *sw) { return sw->nports; }
struct vpf_net_port *vpf_net_switch_port(struct vpf_net_switch *sw, unsigned i)
{
    return i < sw->nports ? sw->port[i] : NULL;
}
struct vpf_dev *vpf_net_port_dev(struct vpf_net_port *p) { return p->dev; }
void vpf_net_port_get_stats(const struct vpf_net_port *p, struct vpf_net_port_stats *s) { *s = p->st; }
const uint8_t *vpf_net_port_last_frame(const struct vpf_net_port *p, uint32_t *len)
{
    *len = p->frame_len;
    return p->frame;
}
