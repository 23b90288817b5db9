// SPDX-License-Identifier: MIT
// test_net.cpp - the virtio-net backend (firmware/backends/net.h): an L2
// switch between ports of several adapters (one C core + direct HAL port +
// test master per port), MAC learning, flooding of unknown and broadcast
// destinations, unicast, payloads checked in both directions, mergeable RX
// buffers, back-pressure, the rxonly / txonly / reflect benchmark modes, and
// a port whose master leaves and comes back; in interrupt, polling and
// adaptive mode.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <memory>
#include <vector>

#include "hal_core.h"
#include "net.h"
#include "test_master.h"
#include "vpf.h"

namespace {

constexpr uint64_t kRegion = 8ull << 20;
constexpr unsigned kRing = 128;
constexpr uint32_t kBuf = 2048;
constexpr uint64_t kRingFeatures = (1ull << VPF_VIRTIO_F_EVENT_IDX) |
                                   (1ull << VPF_VIRTIO_F_INDIRECT_DESC) |
                                   (1ull << VPF_VIRTIO_F_VERSION_1);
constexpr uint64_t kNetFeatures = (1ull << VPF_NET_F_MAC) | (1ull << VPF_NET_F_STATUS) |
                                  (1ull << VPF_NET_F_MRG_RXBUF);
constexpr uint64_t kProto = (1ull << VPCI_PROTO_F_MQ) | (1ull << VPCI_PROTO_F_REPLY_ACK) |
                            (1ull << VPCI_PROTO_F_CONFIG) | (1ull << VPCI_PROTO_F_RARP) |
                            (1ull << VPCI_PROTO_F_CONFIGURE_MEM_SLOTS);

using Frame = std::vector<uint8_t>;

struct Mac {
    uint8_t b[6];
};
const Mac kBcast = {{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
Mac PortMac(unsigned i) { return Mac{{0x02, 0, 0, 0, 0, (uint8_t)(0x10 + i)}}; }

Frame MakeFrame(const Mac &dst, const Mac &src, uint32_t len, uint32_t tag)
{
    Frame f(len);
    memcpy(f.data(), dst.b, 6);
    memcpy(f.data() + 6, src.b, 6);
    f[12] = 0x08;
    f[13] = 0x00;
    for (uint32_t i = 14; i < len; i++)
        f[i] = (uint8_t)(tag * 31 + i * 7);
    return f;
}

// One port: an adapter (core + HAL), its test master and its rings.
struct Port {
    std::unique_ptr<test_master> m{new test_master()};
    struct vpci_hal_core *hc = nullptr;
    struct vpf_net_port *p = nullptr;
    unsigned hdr = VPF_NET_HDR_LEN;
    bool mrg = true;
    std::map<uint16_t, std::pair<uint64_t, uint32_t>> rx; // head -> buffer
    uint64_t txpool = 0;
    unsigned txnext = 0;
    uint32_t rxlen = kBuf;
};

class NetEnv : public ::testing::Test {
public: // idle hooks reach in
    void SetUp() override { sw = vpf_net_switch_create(nullptr); }
    void TearDown() override
    {
        vpf_net_switch_destroy(sw);
        for (auto &pt : ports) {
            vpci_hal_core_destroy(pt->hc);
            tm_fini(pt->m.get());
        }
    }
    Port &Add(enum vpf_mode mode, enum vpf_net_port_mode pm = VPF_NET_PORT_SWITCH,
              struct vpf_net_opts *custom = nullptr)
    {
        ports.emplace_back(new Port());
        Port &pt = *ports.back();
        EXPECT_TRUE(tm_init(pt.m.get(), 1, kRegion));
        struct vpci_params p;
        vpci_params_default(&p);
        p.num_vqs = 2;
        p.msix_vectors = 3;
        p.mem_win_log2 = 24;
        pt.hc = vpci_hal_core_create(&p, 0);
        EXPECT_NE(pt.hc, nullptr);
        tm_attach(pt.m.get(), vpci_hal_core_core(pt.hc));
        pt.m->pump = [](void *ctx) { static_cast<NetEnv *>(ctx)->Step(); };
        pt.m->pump_ctx = this;
        struct vpf_net_opts o = {};
        if (custom)
            o = *custom;
        o.mode = mode;
        o.port_mode = pm;
        Mac mac = PortMac((unsigned)ports.size() - 1);
        memcpy(o.mac, mac.b, 6);
        pt.p = vpf_net_switch_add_port(sw, vpci_hal_core_hal(pt.hc), &o);
        EXPECT_NE(pt.p, nullptr);
        return pt;
    }
    void Step() { vpf_net_switch_step(sw, 0); }
    void Pump(unsigned n = 8)
    {
        for (unsigned i = 0; i < n; i++)
            Step();
    }
    // Connect and run a session on port @i: negotiation, memory, both rings,
    // @nrx RX buffers of @rxlen bytes posted.
    void Up(unsigned i, unsigned nrx = 32, uint64_t feat = kNetFeatures | kRingFeatures,
            uint32_t rxlen = kBuf)
    {
        Port &pt = *ports[i];
        test_master *m = pt.m.get();
        ASSERT_EQ(tm_connect(m), VPCI_OK);
        m->brk = 0x1000;
        ASSERT_TRUE(tm_negotiate(m, feat, kProto));
        ASSERT_TRUE(tm_set_mem_table(m, true));
        ASSERT_TRUE(tm_vring_start(m, VPF_NET_RXQ, kRing, true, true));
        ASSERT_TRUE(tm_vring_start(m, VPF_NET_TXQ, kRing, true, true));
        bool v1 = (m->features >> VPF_VIRTIO_F_VERSION_1) & 1;
        pt.mrg = (m->features >> VPF_NET_F_MRG_RXBUF) & 1;
        pt.hdr = v1 || pt.mrg ? VPF_NET_HDR_LEN : VPF_NET_HDR_LEN_LEGACY;
        pt.rx.clear();
        pt.rxlen = rxlen;
        pt.txpool = tm_alloc(m, 64ull * 4096, 64);
        ASSERT_NE(pt.txpool, ~0ull);
        Post(i, nrx);
        Pump();
    }
    void Post(unsigned i, unsigned n)
    {
        Port &pt = *ports[i];
        for (unsigned k = 0; k < n; k++) {
            uint64_t g = tm_alloc(pt.m.get(), pt.rxlen, 64);
            ASSERT_NE(g, ~0ull);
            uint16_t h = tm_net_rx_post(pt.m.get(), VPF_NET_RXQ, g, pt.rxlen);
            pt.rx[h] = {g, pt.rxlen};
        }
        tm_vq_kick(pt.m.get(), VPF_NET_RXQ, false);
    }
    void Send(unsigned i, const Frame &f, bool pump = true)
    {
        Port &pt = *ports[i];
        uint64_t g = pt.txpool + 4096ull * (pt.txnext++ % 64);
        tm_net_tx(pt.m.get(), VPF_NET_TXQ, g, pt.hdr, f.data(), (uint32_t)f.size());
        tm_vq_kick(pt.m.get(), VPF_NET_TXQ, false);
        if (pump)
            Pump();
    }
    // Frames received on port @i since the last call (headers checked).
    std::vector<Frame> Recv(unsigned i)
    {
        Port &pt = *ports[i];
        std::vector<Frame> out;
        uint32_t id, len;
        while (tm_vq_used(pt.m.get(), VPF_NET_RXQ, &id, &len)) {
            auto it = pt.rx.find((uint16_t)id);
            EXPECT_NE(it, pt.rx.end());
            if (it == pt.rx.end())
                break;
            const uint8_t *b = static_cast<const uint8_t *>(tm_gpa(pt.m.get(), it->second.first));
            EXPECT_GE(len, pt.hdr);
            EXPECT_LE(len, it->second.second);
            for (unsigned k = 0; k < 10; k++)
                EXPECT_EQ(b[k], 0) << "virtio_net_hdr byte " << k;
            uint16_t nb = 1;
            if (pt.hdr == VPF_NET_HDR_LEN)
                memcpy(&nb, b + 10, 2);
            EXPECT_GE(nb, 1u);
            EXPECT_TRUE(pt.mrg || nb == 1);
            Frame f(b + pt.hdr, b + len);
            for (unsigned k = 1; k < nb; k++) {
                uint32_t id2, len2;
                EXPECT_TRUE(tm_vq_used(pt.m.get(), VPF_NET_RXQ, &id2, &len2));
                auto it2 = pt.rx.find((uint16_t)id2);
                if (it2 == pt.rx.end())
                    break;
                const uint8_t *b2 =
                    static_cast<const uint8_t *>(tm_gpa(pt.m.get(), it2->second.first));
                f.insert(f.end(), b2, b2 + len2);
            }
            out.push_back(std::move(f));
        }
        return out;
    }
    struct vpf_net_port_stats Stats(unsigned i)
    {
        struct vpf_net_port_stats s;
        vpf_net_port_get_stats(ports[i]->p, &s);
        return s;
    }
    int Lookup(const Mac &m) { return vpf_net_switch_lookup(sw, m.b); }

    struct vpf_net_switch *sw = nullptr;
    std::vector<std::unique_ptr<Port>> ports;
};

const char *ModeName(enum vpf_mode m)
{
    return m == VPF_MODE_INTERRUPT ? "Interrupt" : m == VPF_MODE_POLL ? "Poll" : "Adaptive";
}

class NetModes : public NetEnv, public ::testing::WithParamInterface<enum vpf_mode> {};

TEST_P(NetModes, SwitchLearnsFloodsAndForwardsUnicast)
{
    for (int i = 0; i < 3; i++)
        Add(GetParam());
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    for (unsigned i = 0; i < 3; i++)
        Up(i);
    Mac a = PortMac(0), b = PortMac(1), c = PortMac(2);
    EXPECT_EQ(Lookup(a), -1);
    // A -> B (unknown): flooded to B and C; A is learned.
    Frame f1 = MakeFrame(b, a, 100, 1);
    Send(0, f1);
    EXPECT_EQ(Lookup(a), 0);
    auto rb = Recv(1), rc = Recv(2), ra = Recv(0);
    ASSERT_EQ(rb.size(), 1u);
    ASSERT_EQ(rc.size(), 1u);
    EXPECT_EQ(ra.size(), 0u); // never back to its own port
    EXPECT_EQ(rb[0], f1);
    EXPECT_EQ(rc[0], f1);
    // B -> A: A is known: unicast to A only; B learned.
    Frame f2 = MakeFrame(a, b, 1514, 2);
    Send(1, f2);
    EXPECT_EQ(Lookup(b), 1);
    ra = Recv(0);
    ASSERT_EQ(ra.size(), 1u);
    EXPECT_EQ(ra[0], f2);
    EXPECT_TRUE(Recv(2).empty());
    // A -> B now unicast; C sees nothing.
    Frame f3 = MakeFrame(b, a, 60, 3);
    Send(0, f3);
    rb = Recv(1);
    ASSERT_EQ(rb.size(), 1u);
    EXPECT_EQ(rb[0], f3);
    EXPECT_TRUE(Recv(2).empty());
    // C broadcasts: A and B get it; C learned.
    Frame f4 = MakeFrame(kBcast, c, 342, 4);
    Send(2, f4);
    EXPECT_EQ(Lookup(c), 2);
    ra = Recv(0);
    rb = Recv(1);
    ASSERT_EQ(ra.size(), 1u);
    ASSERT_EQ(rb.size(), 1u);
    EXPECT_EQ(ra[0], f4);
    EXPECT_EQ(rb[0], f4);
    EXPECT_TRUE(Recv(2).empty());
    // Multicast floods too.
    Mac mc = {{0x01, 0x00, 0x5e, 0, 0, 1}};
    Send(0, MakeFrame(mc, a, 80, 5));
    EXPECT_EQ(Recv(1).size(), 1u);
    EXPECT_EQ(Recv(2).size(), 1u);
    // Many frames both directions, payloads intact and in order.
    std::vector<Frame> ab, ba;
    for (unsigned i = 0; i < 100; i++) {
        ab.push_back(MakeFrame(b, a, 60 + (i * 37) % 1400, 100 + i));
        ba.push_back(MakeFrame(a, b, 60 + (i * 53) % 1400, 300 + i));
        Send(0, ab.back(), false);
        Send(1, ba.back(), false);
        if (i % 8 == 7) {
            Pump();
            auto x = Recv(1), y = Recv(0);
            ASSERT_EQ(x.size(), 8u) << i;
            ASSERT_EQ(y.size(), 8u) << i;
            for (unsigned k = 0; k < 8; k++) {
                EXPECT_EQ(x[k], ab[i - 7 + k]);
                EXPECT_EQ(y[k], ba[i - 7 + k]);
            }
            Post(0, 8);
            Post(1, 8);
        }
    }
    Pump();
    Recv(0);
    Recv(1);
    EXPECT_TRUE(Recv(2).empty());
    auto s0 = Stats(0), s1 = Stats(1), s2 = Stats(2);
    EXPECT_EQ(s0.tx_frames, 3u + 100u);
    EXPECT_EQ(s1.tx_frames, 1u + 100u);
    EXPECT_EQ(s2.tx_frames, 1u);
    EXPECT_EQ(s0.flooded + s1.flooded + s2.flooded, 3u);
    EXPECT_EQ(s2.rx_frames, 2u);
    EXPECT_EQ(s0.drop_no_buf + s1.drop_no_buf + s2.drop_no_buf, 0u);
    EXPECT_EQ(s0.bad_layout + s1.bad_layout + s2.bad_layout, 0u);
    if (GetParam() == VPF_MODE_INTERRUPT) {
        EXPECT_GT(ports[0]->m->calls[VPF_NET_RXQ], 0u);
        EXPECT_GT(ports[1]->m->calls[VPF_NET_TXQ], 0u);
    }
}

TEST_P(NetModes, RxonlyCopiesAndCountsEveryFrame)
{
    Add(GetParam(), VPF_NET_PORT_RXONLY);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    Up(0);
    uint64_t bytes = 0;
    for (unsigned i = 0; i < 300; i++) {
        Frame f = MakeFrame(kBcast, PortMac(0), 60 + i % 1000, i);
        bytes += f.size();
        Send(0, f, i % 16 == 15);
    }
    Pump();
    auto s = Stats(0);
    EXPECT_EQ(s.tx_frames, 300u);
    EXPECT_EQ(s.tx_bytes, bytes);
    EXPECT_EQ(s.rx_frames, 0u);
    uint32_t len = 0;
    const uint8_t *last = vpf_net_port_last_frame(ports[0]->p, &len);
    Frame want = MakeFrame(kBcast, PortMac(0), 60 + 299 % 1000, 299);
    ASSERT_EQ(len, want.size());
    EXPECT_EQ(0, memcmp(last, want.data(), len));
    // Every TX chain came back used.
    unsigned used = 0;
    uint32_t id, l;
    while (tm_vq_used(ports[0]->m.get(), VPF_NET_TXQ, &id, &l))
        used++;
    EXPECT_EQ(used, 300u);
    EXPECT_TRUE(Recv(0).empty());
}

TEST_P(NetModes, RxonlyPayloadCheckFindsTheOneDifferentFrame)
{
    Add(GetParam(), VPF_NET_PORT_RXONLY);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    Up(0);
    Frame a = MakeFrame(kBcast, PortMac(0), 64, 7);     // template of 64 B
    Frame b = MakeFrame(kBcast, PortMac(0), 1518, 7);   // template of 1518 B
    for (unsigned i = 0; i < 40; i++) {
        Frame f = i % 2 ? b : a;
        if (i == 21)
            f[f.size() - 1] ^= 0x01; // one flipped payload bit in a 1518 B frame
        Send(0, f, i % 8 == 7);
    }
    Pump();
    auto s = Stats(0);
    EXPECT_EQ(s.tx_frames, 40u);
    EXPECT_EQ(s.templates, 2u);
    EXPECT_EQ(s.frames_bad, 1u);
    EXPECT_EQ(s.first_bad, 21u);
    EXPECT_EQ(s.frames_ok, 39u);
    EXPECT_EQ(s.frames_unchecked, 0u);
    uint32_t len = 0;
    const uint8_t *t = vpf_net_port_template(ports[0]->p, 1, &len);
    ASSERT_NE(t, nullptr);
    ASSERT_EQ(len, 1518u);
    EXPECT_EQ(0, memcmp(t, b.data(), len));
    EXPECT_EQ(vpf_net_port_template(ports[0]->p, 2, &len), nullptr);
}

// The payload check's templates belong to a session: a second master that
// sends other frames of the same length (testpmd picks a new random MAC at
// each start) is checked against its own first frame, not the first
// session's (issue 12: two clean testpmd sessions showed frames_bad for the
// whole second one).
TEST_P(NetModes, RxonlyTemplatesArePerSession)
{
    Add(GetParam(), VPF_NET_PORT_RXONLY);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    Up(0);
    Frame a = MakeFrame(kBcast, PortMac(0), 64, 1);
    for (unsigned i = 0; i < 5; i++)
        Send(0, a);
    tm_disconnect(ports[0]->m.get());
    Pump();
    Up(0);
    Frame b = MakeFrame(kBcast, Mac{{0x02, 0x99, 0, 0, 0, 1}}, 64, 2); // same length
    for (unsigned i = 0; i < 5; i++)
        Send(0, b);
    auto s = Stats(0);
    EXPECT_EQ(s.tx_frames, 10u);
    EXPECT_EQ(s.frames_bad, 0u) << "the second session was checked against the first's frame";
    EXPECT_EQ(s.frames_ok, 10u);
    EXPECT_EQ(s.templates, 2u);
    uint32_t len = 0;
    const uint8_t *t = vpf_net_port_template(ports[0]->p, 0, &len);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(0, memcmp(t, b.data(), len)) << "the template is the second session's frame";
}

TEST_P(NetModes, TxonlyFillsEveryRxBufferUpToItsCount)
{
    struct vpf_net_opts o = {};
    o.txonly_len = 200;
    o.txonly_count = 50;
    Add(GetParam(), VPF_NET_PORT_TXONLY, &o);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    Up(0, 20);
    auto r = Recv(0);
    ASSERT_EQ(r.size(), 20u);
    Post(0, 40);
    Pump();
    auto r2 = Recv(0);
    ASSERT_EQ(r2.size(), 30u); // the count stops it
    r.insert(r.end(), r2.begin(), r2.end());
    for (uint64_t i = 0; i < r.size(); i++) {
        ASSERT_EQ(r[i].size(), 200u);
        uint64_t seq;
        memcpy(&seq, r[i].data() + 14, 8);
        EXPECT_EQ(seq, i);
        EXPECT_EQ(0, memcmp(r[i].data(), kBcast.b, 6));
        EXPECT_EQ(0, memcmp(r[i].data() + 6, PortMac(0).b, 6));
        EXPECT_EQ(r[i][199], (uint8_t)(i + 199));
    }
    EXPECT_EQ(Stats(0).rx_frames, 50u);
    // TX frames are consumed and counted.
    Send(0, MakeFrame(kBcast, PortMac(0), 64, 1));
    EXPECT_EQ(Stats(0).tx_frames, 1u);
}

TEST_P(NetModes, ReflectSendsEveryFrameBackWithMacsSwapped)
{
    Add(GetParam(), VPF_NET_PORT_REFLECT);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    Up(0, 16);
    Mac peer = {{0x02, 0xaa, 0, 0, 0, 1}};
    std::vector<Frame> sent;
    for (unsigned i = 0; i < 40; i++) {
        sent.push_back(MakeFrame(peer, PortMac(0), 64 + 20 * i, i));
        Send(0, sent.back(), false);
    }
    Pump();
    auto r = Recv(0);
    ASSERT_EQ(r.size(), 16u); // the rest waits for buffers (back-pressure)
    EXPECT_GT(Stats(0).tx_waits, 0u);
    Post(0, 24);
    Pump();
    auto r2 = Recv(0);
    ASSERT_EQ(r2.size(), 24u);
    r.insert(r.end(), r2.begin(), r2.end());
    for (unsigned i = 0; i < 40; i++) {
        Frame want = sent[i];
        memcpy(want.data(), PortMac(0).b, 6);
        memcpy(want.data() + 6, peer.b, 6);
        EXPECT_EQ(r[i], want) << i;
    }
    EXPECT_EQ(Stats(0).tx_frames, 40u);
    EXPECT_EQ(Stats(0).rx_frames, 40u);
}

INSTANTIATE_TEST_SUITE_P(Modes, NetModes,
                         ::testing::Values(VPF_MODE_INTERRUPT, VPF_MODE_POLL, VPF_MODE_ADAPTIVE),
                         [](const ::testing::TestParamInfo<enum vpf_mode> &i) {
                             return std::string(ModeName(i.param));
                         });

class Net : public NetEnv {};

// A started but disabled ring is processed without side effects (spec §9.4,
// vhost-user "Ring states"): TX chains are taken and returned, their frames
// go nowhere; a disabled RX ring gets no frame.
TEST_F(Net, DisabledRingsDiscardTxAndFillNoRx)
{
    Add(VPF_MODE_INTERRUPT);
    Add(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    Up(0);
    Up(1);
    auto enable = [&](unsigned port, unsigned vq, uint32_t on) {
        uint32_t st[2] = {vq, on};
        ASSERT_EQ(tm_send(ports[port]->m.get(), VPCI_VU_REQ_SET_VRING_ENABLE,
                          VPCI_VU_FLAG_NEED_REPLY, st, 8, nullptr, 0),
                  VPCI_OK);
        uint64_t ack = ~0ull;
        uint32_t sz = 0;
        ASSERT_TRUE(tm_wait_reply(ports[port]->m.get(), VPCI_VU_REQ_SET_VRING_ENABLE, &ack, 8, &sz));
        EXPECT_EQ(ack, 0u);
    };
    Mac a = PortMac(0), b = PortMac(1);
    enable(0, VPF_NET_TXQ, 0);
    for (unsigned i = 0; i < 3; i++)
        Send(0, MakeFrame(b, a, 100, i));
    unsigned used = 0;
    uint32_t id, len;
    while (tm_vq_used(ports[0]->m.get(), VPF_NET_TXQ, &id, &len)) {
        EXPECT_EQ(len, 0u);
        used++;
    }
    EXPECT_EQ(used, 3u) << "TX chains of a disabled ring not returned";
    EXPECT_TRUE(Recv(1).empty());
    EXPECT_EQ(Stats(0).tx_frames, 0u);
    EXPECT_EQ(Stats(0).tx_disabled, 3u);
    EXPECT_EQ(Lookup(a), -1); // nothing learned from a discarded frame
    // Enabled again: frames flow; a disabled RX ring receives none.
    enable(0, VPF_NET_TXQ, 1);
    Frame f = MakeFrame(b, a, 100, 9);
    Send(0, f);
    auto r = Recv(1);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0], f);
    enable(1, VPF_NET_RXQ, 0);
    Send(0, MakeFrame(b, a, 100, 10));
    EXPECT_TRUE(Recv(1).empty());
    EXPECT_EQ(Stats(1).rx_frames, 1u);
}

TEST_F(Net, MergeableRxBuffersCarryALargeFrame)
{
    Add(VPF_MODE_INTERRUPT);
    Add(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    Up(0);
    Up(1, 64, kNetFeatures | kRingFeatures, 256); // small buffers on B
    Frame big = MakeFrame(kBcast, PortMac(0), 9000, 7);
    Send(0, big);
    auto r = Recv(1);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0], big);
    EXPECT_EQ(Stats(1).rx_chains, (9000u + 12 + 255) / 256);
}

TEST_F(Net, WithoutMergeableBuffersAFrameTooBigForOneBufferIsDropped)
{
    Add(VPF_MODE_POLL);
    Add(VPF_MODE_POLL);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    Up(0);
    Up(1, 8, (1ull << VPF_NET_F_MAC) | kRingFeatures, 256);
    EXPECT_FALSE(vpf_features(vpf_net_port_dev(ports[1]->p)) & (1ull << VPF_NET_F_MRG_RXBUF));
    Send(0, MakeFrame(kBcast, PortMac(0), 1000, 1));
    EXPECT_TRUE(Recv(1).empty());
    EXPECT_EQ(Stats(1).drop_no_buf, 1u);
    Frame small = MakeFrame(kBcast, PortMac(0), 200, 2);
    Send(0, small);
    auto r = Recv(1);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0], small);
}

TEST_F(Net, LegacyHeaderWithoutVersion1IsTenBytes)
{
    Add(VPF_MODE_INTERRUPT);
    Add(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    Up(0, 8, (1ull << VPF_NET_F_MAC) | (1ull << VPF_VIRTIO_F_EVENT_IDX));
    Up(1, 8, kNetFeatures | kRingFeatures);
    EXPECT_EQ(ports[0]->hdr, VPF_NET_HDR_LEN_LEGACY);
    Frame f = MakeFrame(kBcast, PortMac(0), 77, 3);
    Send(0, f); // 10-byte header on A
    auto r = Recv(1);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0], f);
    Frame g = MakeFrame(PortMac(0), PortMac(1), 99, 4);
    Send(1, g); // 12-byte header on B, 10 on A
    auto ra = Recv(0);
    ASSERT_EQ(ra.size(), 1u);
    EXPECT_EQ(ra[0], g);
}

TEST_F(Net, UnicastToAFullPortWaitsAndFloodsToAFullPortAreDropped)
{
    for (int i = 0; i < 3; i++)
        Add(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    Up(0);
    Up(1, 0); // B has no RX buffers
    Up(2);
    Send(1, MakeFrame(kBcast, PortMac(1), 60, 0)); // B learned
    Recv(0);
    Recv(2);
    // Flood from C reaches A; B has no room: dropped.
    Send(2, MakeFrame(kBcast, PortMac(2), 60, 1));
    EXPECT_EQ(Recv(0).size(), 1u);
    EXPECT_EQ(Stats(2).drop_no_buf, 1u);
    // Unicast A -> B waits (back-pressure), nothing lost.
    std::vector<Frame> sent;
    for (unsigned i = 0; i < 5; i++) {
        sent.push_back(MakeFrame(PortMac(1), PortMac(0), 100 + i, 10 + i));
        Send(0, sent.back());
    }
    EXPECT_GT(Stats(0).tx_waits, 0u);
    EXPECT_EQ(Stats(0).tx_frames, 0u);
    uint32_t id, len;
    EXPECT_FALSE(tm_vq_used(ports[0]->m.get(), VPF_NET_TXQ, &id, &len)); // still queued
    Post(1, 8);
    Pump();
    auto r = Recv(1);
    ASSERT_EQ(r.size(), 5u);
    for (unsigned i = 0; i < 5; i++)
        EXPECT_EQ(r[i], sent[i]);
    EXPECT_EQ(Stats(0).tx_frames, 5u);
    EXPECT_TRUE(Recv(2).empty());
}

TEST_F(Net, ConfigSpaceCarriesTheMacAndLinkUp)
{
    Add(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    Up(0);
    test_master *m = ports[0]->m.get();
    uint8_t gc[12 + 12] = {};
    uint32_t len = 12;
    memcpy(gc + 4, &len, 4);
    ASSERT_EQ(tm_send(m, VPCI_VU_REQ_GET_CONFIG, 0, gc, sizeof(gc), nullptr, 0), VPCI_OK);
    uint8_t rep[24] = {};
    uint32_t sz = 0;
    ASSERT_TRUE(tm_wait_reply(m, VPCI_VU_REQ_GET_CONFIG, rep, sizeof(rep), &sz));
    ASSERT_EQ(sz, 24u);
    struct vpf_net_config c;
    memcpy(&c, rep + 12, sizeof(c));
    EXPECT_EQ(0, memcmp(c.mac, PortMac(0).b, 6));
    EXPECT_EQ(c.status, VPF_NET_S_LINK_UP);
    EXPECT_TRUE(m->features & (1ull << VPF_NET_F_STATUS));
    EXPECT_TRUE(m->features & (1ull << VPF_NET_F_MAC));
}

TEST_F(Net, RuntAndHeaderlessTxChains)
{
    Add(VPF_MODE_INTERRUPT);
    Add(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    Up(0);
    Up(1);
    // A runt (shorter than an Ethernet header) is dropped, the chain returned.
    uint8_t runt[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    Send(0, Frame(runt, runt + 8));
    EXPECT_EQ(Stats(0).drop_bad, 1u);
    uint32_t id, len;
    EXPECT_TRUE(tm_vq_used(ports[0]->m.get(), VPF_NET_TXQ, &id, &len));
    EXPECT_TRUE(Recv(1).empty());
    // A chain shorter than the virtio_net_hdr breaks the TX queue (ERR).
    Port &pt = *ports[0];
    struct tm_buf b = {pt.txpool, 4, false};
    tm_vq_add(pt.m.get(), VPF_NET_TXQ, &b, 1);
    tm_vq_kick(pt.m.get(), VPF_NET_TXQ, true);
    Pump();
    EXPECT_TRUE(vpf_vq_broken(vpf_get_vq(vpf_net_port_dev(pt.p), VPF_NET_TXQ)));
    EXPECT_EQ(pt.m->errs[VPF_NET_TXQ], 1u);
    EXPECT_EQ(Stats(0).bad_layout, 1u);
    // The other port still switches.
    Frame f = MakeFrame(kBcast, PortMac(1), 64, 9);
    Send(1, f);
    auto r = Recv(0);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0], f);
}

TEST_F(Net, PortWhoseMasterLeavesIsForgottenAndServedAfterReconnect)
{
    for (int i = 0; i < 3; i++)
        Add(VPF_MODE_ADAPTIVE);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    for (unsigned i = 0; i < 3; i++)
        Up(i);
    Send(1, MakeFrame(kBcast, PortMac(1), 60, 0));
    EXPECT_EQ(Lookup(PortMac(1)), 1);
    Recv(0);
    Recv(2);
    // B's master leaves: its MAC is forgotten; traffic to it is flooded and
    // reaches only C.
    tm_disconnect(ports[1]->m.get());
    Pump();
    EXPECT_FALSE(vpf_master_up(vpf_net_port_dev(ports[1]->p)));
    EXPECT_EQ(Lookup(PortMac(1)), -1);
    Frame f = MakeFrame(PortMac(1), PortMac(0), 120, 1);
    Send(0, f);
    EXPECT_EQ(Recv(2).size(), 1u);
    EXPECT_EQ(Stats(0).drop_no_buf, 1u); // B not ready
    // B comes back: new session, learned again, unicast works.
    Up(1);
    Send(1, MakeFrame(PortMac(0), PortMac(1), 70, 2));
    EXPECT_EQ(Recv(0).size(), 1u);
    Send(0, f);
    auto r = Recv(1);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0], f);
    EXPECT_TRUE(Recv(2).empty());
}

TEST_F(Net, IdleSwitchStepSleepsAndWakesOnATxKick)
{
    Add(VPF_MODE_INTERRUPT);
    Add(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    Up(0);
    Up(1);
    // Port 0's master sends only while the switch sleeps in irq_wait.
    static NetEnv *self;
    static bool sent;
    self = this;
    sent = false;
    vpci_hal_core_set_idle(ports[0]->hc, [](void *) -> bool {
        if (sent)
            return false;
        sent = true;
        self->Send(0, MakeFrame(kBcast, PortMac(0), 128, 77), false);
        return true;
    }, nullptr);
    std::vector<Frame> r;
    for (int i = 0; i < 50 && r.empty(); i++) {
        vpf_net_switch_step(sw, 20);
        r = Recv(1);
    }
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0], MakeFrame(kBcast, PortMac(0), 128, 77));
    struct vpf_stats ls;
    vpf_get_stats(vpf_net_port_dev(ports[0]->p), &ls);
    EXPECT_GT(ls.irqs, 0u);
    vpci_hal_core_set_idle(ports[0]->hc, nullptr, nullptr); // no more idle hook
}

TEST_F(Net, RarpTeachesTheSwitchTheGuestMac)
{
    Add(VPF_MODE_INTERRUPT);
    Add(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    Up(0);
    Up(1);
    Mac g = {{0x02, 0x77, 0, 0, 0, 9}};
    uint64_t v = 0;
    memcpy(&v, g.b, 6);
    ASSERT_TRUE(tm_set_u64(ports[1]->m.get(), VPCI_VU_REQ_SEND_RARP, v, true));
    EXPECT_EQ(Lookup(g), 1);
}

} // namespace

namespace {

// A port removed from a running switch (the bridge's remove-adapter): its
// stations are forgotten, the ports after it move down one index, and the
// others keep switching; a port added while the switch runs starts with it.
TEST_F(Net, PortRemovedFromARunningSwitchIsForgottenAndTheOthersKeepSwitching)
{
    for (int i = 0; i < 3; i++)
        Add(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    for (unsigned i = 0; i < 3; i++)
        Up(i);
    Mac a = PortMac(0), b = PortMac(1), c = PortMac(2);
    Send(0, MakeFrame(kBcast, a, 60, 1));
    Send(1, MakeFrame(kBcast, b, 60, 2));
    Send(2, MakeFrame(kBcast, c, 60, 3));
    for (unsigned i = 0; i < 3; i++)
        Recv(i);
    ASSERT_EQ(Lookup(b), 1);
    ASSERT_EQ(Lookup(c), 2);

    ASSERT_EQ(vpf_net_switch_remove_port(sw, ports[1]->p), 0);
    EXPECT_EQ(vpf_net_switch_remove_port(sw, ports[1]->p), -1) << "removed twice";
    ports[1]->p = nullptr;
    EXPECT_EQ(vpf_net_switch_ports(sw), 2u);
    EXPECT_EQ(Lookup(b), -1);
    EXPECT_EQ(Lookup(a), 0);
    EXPECT_EQ(Lookup(c), 1) << "the port after the removed one moves down";
    // Unicast A -> C still reaches C only; a frame to the removed station
    // is flooded to the remaining port.
    Frame f = MakeFrame(c, a, 200, 4);
    Send(0, f);
    auto rc = Recv(2);
    ASSERT_EQ(rc.size(), 1u);
    EXPECT_EQ(rc[0], f);
    Frame g = MakeFrame(b, c, 90, 5);
    Send(2, g);
    auto ra = Recv(0);
    ASSERT_EQ(ra.size(), 1u);
    EXPECT_EQ(ra[0], g);
    EXPECT_TRUE(Recv(1).empty()) << "the removed port still got a frame";

    // A new port joins the running switch.
    Port &d = Add(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_net_switch_start(sw), 0);
    Up(3);
    Frame h = MakeFrame(PortMac(3), a, 120, 6);
    Send(0, h);
    auto rd = Recv(3);
    ASSERT_EQ(rd.size(), 1u) << "flooded to the new port";
    EXPECT_EQ(rd[0], h);
    (void)d;
}

} // namespace
