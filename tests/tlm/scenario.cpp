// SPDX-License-Identifier: MIT
// scenario.cpp - the blk and net scenarios of scenario.h.
#include "scenario.h"

#include <cstdio>
#include <cstring>
#include <map>
#include <random>

#include "net.h"
#include "vpf.h"

namespace scenario {

namespace {

constexpr uint64_t kRingFeatures = (1ull << VPF_VIRTIO_F_EVENT_IDX) |
                                   (1ull << VPF_VIRTIO_F_INDIRECT_DESC) |
                                   (1ull << VPF_VIRTIO_F_VERSION_1);
constexpr uint64_t kBlkFeatures = (1ull << VPF_BLK_F_SEG_MAX) | (1ull << VPF_BLK_F_BLK_SIZE) |
                                  (1ull << VPF_BLK_F_FLUSH);
constexpr uint64_t kProto = (1ull << VPCI_PROTO_F_MQ) | (1ull << VPCI_PROTO_F_REPLY_ACK) |
                            (1ull << VPCI_PROTO_F_CONFIG) | (1ull << VPCI_PROTO_F_CONFIGURE_MEM_SLOTS);
constexpr unsigned kRing = 64;
constexpr unsigned kWaitPumps = 200000;

std::string Hex(const void *p, size_t n)
{
    static const char d[] = "0123456789abcdef";
    std::string s;
    const uint8_t *b = static_cast<const uint8_t *>(p);
    for (size_t i = 0; i < n; i++) {
        s += d[b[i] >> 4];
        s += d[b[i] & 15];
    }
    return s;
}

void Pump(test_master *m)
{
    m->pump(m->pump_ctx);
}

// Pump until the next used element of @vq; false if none came.
bool WaitUsed(test_master *m, unsigned vq, uint32_t *id, uint32_t *len)
{
    for (unsigned i = 0; i < kWaitPumps; i++) {
        if (tm_vq_used(m, vq, id, len))
            return true;
        Pump(m);
    }
    return false;
}

// As an interrupt-driven virtio driver: pump until the device's call for
// @vq (beyond *@calls seen), then take the next used element. The master
// touches the used ring only after the call, so the device's EVENT_IDX
// decision never races with it and the notifications are the same on every
// platform.
bool WaitCallThenUsed(test_master *m, unsigned vq, unsigned *calls, uint32_t *id, uint32_t *len)
{
    for (unsigned i = 0; i < kWaitPumps && m->calls[vq] == *calls; i++)
        Pump(m);
    if (m->calls[vq] == *calls)
        return false;
    *calls = m->calls[vq];
    return tm_vq_used(m, vq, id, len);
}

} // namespace

void on_message(void *ctx, enum vpci_channel chan, const void *msg, size_t len)
{
    static_cast<transcript *>(ctx)->events.push_back("msg chan=" + std::to_string(chan) + " " +
                                                     Hex(msg, len));
}

void on_notify(void *ctx, enum vpci_notify_kind kind, uint16_t vq)
{
    static_cast<transcript *>(ctx)->events.push_back("notify kind=" + std::to_string(kind) +
                                                     " vq=" + std::to_string(vq));
}

void record(test_master *m, transcript *t)
{
    m->on_message = on_message;
    m->on_notify = on_notify;
    m->observe_ctx = t;
}

vpf_blk_opts blk_opts(enum vpf_mode mode)
{
    vpf_blk_opts o{};
    o.mode = mode;
    o.fd = -1;
    o.capacity = kBlkDisk;
    memcpy(o.serial, "vpci-tlm-serial-0001", 20);
    return o;
}

std::string run_blk(test_master *m, vpf_blk *b, unsigned nreq, uint64_t seed, transcript *t,
                    const std::function<std::string(const char *phase)> &hook)
{
    record(m, t);
    if (!m->pump_limit)
        m->pump_limit = kWaitPumps;
    if (tm_connect(m) != VPCI_OK)
        return "connect";
    if (!tm_negotiate(m, kBlkFeatures | kRingFeatures, kProto))
        return "negotiation";
    if (!tm_set_mem_table(m, true))
        return "SET_MEM_TABLE";
    if (!tm_vring_start(m, 0, kRing, true, true))
        return "ring start";
    uint64_t hdr = tm_alloc(m, 32, 16);
    uint64_t data = m->reg[1].gpa;
    uint8_t *buf = static_cast<uint8_t *>(tm_gpa(m, data));
    std::vector<uint8_t> shadow(kBlkDisk, 0);
    std::mt19937_64 rng(seed);
    const uint64_t sectors = kBlkDisk / VPF_BLK_SECTOR;
    unsigned calls = m->calls[0];

    for (unsigned r = 0; r < nreq; r++) {
        bool write = rng() % 2;
        uint32_t ns = 1 + (uint32_t)(rng() % 16);
        uint64_t sector = rng() % (sectors - ns + 1);
        uint32_t bytes = ns * VPF_BLK_SECTOR;
        uint8_t *sh = shadow.data() + sector * VPF_BLK_SECTOR;
        if (write) {
            for (uint32_t k = 0; k < bytes; k++)
                buf[k] = (uint8_t)(rng() >> 11);
            memcpy(sh, buf, bytes);
        } else {
            memset(buf, 0xa5, bytes);
        }
        uint32_t split = 1 + (uint32_t)(rng() % bytes);
        struct tm_buf d[2] = {{data, split, !write}, {data + split, bytes - split, !write}};
        uint16_t head = tm_blk_submit(m, 0, write ? VPF_BLK_T_OUT : VPF_BLK_T_IN, sector, hdr, d,
                                      split == bytes ? 1u : 2u);
        tm_vq_kick(m, 0, false);
        uint32_t id, len;
        if (!WaitCallThenUsed(m, 0, &calls, &id, &len))
            return "request " + std::to_string(r) + ": no completion";
        if (id != head || tm_blk_status(m, hdr) != VPF_BLK_S_OK ||
            len != (write ? 1u : bytes + 1))
            return "request " + std::to_string(r) + ": bad completion";
        if (!write && memcmp(buf, sh, bytes) != 0)
            return "request " + std::to_string(r) + ": read data differs from the shadow disk";
    }
    // GET_ID and FLUSH.
    struct tm_buf id_buf = {data, 32, true};
    memset(buf, 0, 32);
    uint16_t head = tm_blk_submit(m, 0, VPF_BLK_T_GET_ID, 0, hdr, &id_buf, 1);
    tm_vq_kick(m, 0, false);
    uint32_t id, len;
    if (!WaitCallThenUsed(m, 0, &calls, &id, &len) || id != head ||
        memcmp(buf, "vpci-tlm-serial-0001", 20))
        return "GET_ID";
    head = tm_blk_submit(m, 0, VPF_BLK_T_FLUSH, 0, hdr, nullptr, 0);
    tm_vq_kick(m, 0, false);
    if (!WaitCallThenUsed(m, 0, &calls, &id, &len) || id != head ||
        tm_blk_status(m, hdr) != VPF_BLK_S_OK)
        return "FLUSH";
    uint32_t base = 0;
    if (!tm_vring_stop(m, 0, &base))
        return "ring stop";
    t->events.push_back("vring base " + std::to_string(base));
    std::string e = hook ? hook("before_disconnect") : "";
    if (!e.empty())
        return e;
    tm_disconnect(m);
    e = hook ? hook("after_disconnect") : "";
    if (!e.empty())
        return e;
    if (b)
        t->disk.assign(vpf_blk_ram(b), vpf_blk_ram(b) + kBlkDisk);
    if (b && t->disk != shadow)
        return "disk contents differ from the shadow disk";
    return "";
}

std::string run_net_reflect(test_master *m, unsigned nframes, transcript *t)
{
    constexpr uint64_t kNet = (1ull << VPF_NET_F_MAC) | (1ull << VPF_NET_F_STATUS);
    constexpr uint64_t kNetProto = (1ull << VPCI_PROTO_F_MQ) | (1ull << VPCI_PROTO_F_REPLY_ACK) |
                                   (1ull << VPCI_PROTO_F_CONFIG);
    constexpr uint32_t kBuf = 2048;
    const unsigned hdr = VPF_NET_HDR_LEN;

    record(m, t);
    if (!m->pump_limit)
        m->pump_limit = kWaitPumps;
    if (tm_connect(m) != VPCI_OK)
        return "connect";
    if (!tm_negotiate(m, kNet | kRingFeatures, kNetProto))
        return "negotiation";
    if (!tm_set_mem_table(m, true))
        return "SET_MEM_TABLE";
    if (!tm_vring_start(m, VPF_NET_RXQ, kRing, true, true) ||
        !tm_vring_start(m, VPF_NET_TXQ, kRing, true, true))
        return "ring start";
    std::map<uint16_t, uint64_t> rx;
    for (unsigned k = 0; k < 32; k++) {
        uint64_t g = tm_alloc(m, kBuf, 64);
        rx[tm_net_rx_post(m, VPF_NET_RXQ, g, kBuf)] = g;
    }
    tm_vq_kick(m, VPF_NET_RXQ, false);
    uint64_t txpool = tm_alloc(m, 8 * 4096ull, 64);
    for (unsigned f = 0; f < nframes; f++) {
        uint32_t flen = 60 + (f * 97) % 1400;
        std::vector<uint8_t> frame(flen);
        const uint8_t dst[6] = {0x02, 0, 0, 0, 0, 0x20}, src[6] = {0x02, 0, 0, 0, 0, 0x10};
        memcpy(frame.data(), dst, 6);
        memcpy(frame.data() + 6, src, 6);
        frame[12] = 0x08;
        for (uint32_t i = 14; i < flen; i++)
            frame[i] = (uint8_t)(f * 31 + i * 7);
        tm_net_tx(m, VPF_NET_TXQ, txpool + 4096ull * (f % 8), hdr, frame.data(), flen);
        tm_vq_kick(m, VPF_NET_TXQ, false);
        uint32_t id, len;
        if (!WaitUsed(m, VPF_NET_RXQ, &id, &len))
            return "frame " + std::to_string(f) + ": not reflected";
        auto it = rx.find((uint16_t)id);
        if (it == rx.end() || len != hdr + flen)
            return "frame " + std::to_string(f) + ": bad RX completion";
        const uint8_t *p = static_cast<const uint8_t *>(tm_gpa(m, it->second));
        // REFLECT swaps source and destination MAC.
        std::vector<uint8_t> want = frame;
        memcpy(want.data(), src, 6);
        memcpy(want.data() + 6, dst, 6);
        if (memcmp(p + hdr, want.data(), flen) != 0)
            return "frame " + std::to_string(f) + ": payload differs";
        // Re-post the buffer; reap the TX completion.
        uint64_t g = it->second;
        rx.erase(it);
        rx[tm_net_rx_post(m, VPF_NET_RXQ, g, kBuf)] = g;
        tm_vq_kick(m, VPF_NET_RXQ, false);
        if (!WaitUsed(m, VPF_NET_TXQ, &id, &len))
            return "frame " + std::to_string(f) + ": no TX completion";
    }
    tm_disconnect(m);
    return "";
}

} // namespace scenario
