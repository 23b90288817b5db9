// SPDX-License-Identifier: MIT
// test_lib.cpp - the firmware library (vpf.h) on the C core through the
// direct HAL port, driven by the test master (test_master.h): init in both
// start orders, every relayed message answered, the vring round trip in
// interrupt, polling and adaptive mode, driver reset, master disconnect and
// reconnect, and an untrusted master's bad rings rejected cleanly.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <vector>

#include "echo_dev.h"
#include "hal_core.h"
#include "test_master.h"
#include "vpf.h"
#include "vhost_pci_regs.h"

namespace {

constexpr uint64_t kRegion = 4ull << 20;
constexpr unsigned kQueues = 2;

// The test device is EchoDev (echo_dev.h).
bool echo_msg(void *c, uint32_t req, const uint8_t *, uint32_t, uint64_t *)
{
    if (req == VPCI_VU_REQ_SEND_RARP)
        static_cast<EchoDev *>(c)->rarp++;
    return true;
}
void echo_status(void *c, uint8_t s) { static_cast<EchoDev *>(c)->status = s; }
void echo_breply(void *c, uint32_t, uint64_t) { static_cast<EchoDev *>(c)->backend_replies++; }
uint64_t echo_proto(void *) { return (1ull << VPCI_PROTO_F_RARP) | (1ull << VPCI_PROTO_F_MTU); }

const struct vpf_device_ops kEchoOps = {
    .get_features = echo_get_features,
    .set_features = echo_set_features,
    .get_protocol_features = echo_proto,
    .get_queue_num = nullptr,
    .get_config = echo_get_config,
    .set_config = echo_set_config,
    .queue_handler = echo_queue,
    .queue_set_started = echo_started,
    .process_msg = echo_msg,
    .set_status = echo_status,
    .reset = echo_reset,
    .backend_reply = echo_breply,
};

constexpr uint64_t kAllProto = (1ull << VPCI_PROTO_F_MQ) | (1ull << VPCI_PROTO_F_REPLY_ACK) |
                               (1ull << VPCI_PROTO_F_BACKEND_REQ) | (1ull << VPCI_PROTO_F_CONFIG) |
                               (1ull << VPCI_PROTO_F_RESET_DEVICE) |
                               (1ull << VPCI_PROTO_F_CONFIGURE_MEM_SLOTS) |
                               (1ull << VPCI_PROTO_F_STATUS) | (1ull << VPCI_PROTO_F_RARP) |
                               (1ull << VPCI_PROTO_F_MTU);
constexpr uint64_t kRingFeatures = (1ull << VPF_VIRTIO_F_EVENT_IDX) |
                                   (1ull << VPF_VIRTIO_F_INDIRECT_DESC) |
                                   (1ull << VPF_VIRTIO_F_VERSION_1);

class Fw : public ::testing::Test {
protected:
    void Init(enum vpf_mode mode, enum vpci_msix_mode msix = VPCI_MSIX_INTERNAL,
              enum vpci_win_mode win = VPCI_WIN_TRAPPED)
    {
        if (win == VPCI_WIN_PERSISTENT)
            ASSERT_TRUE(tm_init_window_file(&m, 2, kRegion));
        else
            ASSERT_TRUE(tm_init(&m, 2, kRegion));
        struct vpci_params p;
        vpci_params_default(&p);
        p.num_vqs = 8;
        p.msix_vectors = 9;
        p.mem_win_log2 = 24; // 16 MiB window
        p.msix_mode = msix;
        p.win_mode = win;
        hc = vpci_hal_core_create(&p, 0);
        ASSERT_NE(hc, nullptr);
        tm_attach(&m, vpci_hal_core_core(hc));
        m.pump = [](void *ctx) {
            auto *self = static_cast<Fw *>(ctx);
            if (vpf_state(self->dev) == VPF_STATE_RUNNING)
                vpf_process(self->dev, 0);
        };
        m.pump_ctx = this;
        memset(echo.config, 0, sizeof(echo.config));
        for (unsigned i = 0; i < sizeof(echo.config); i++)
            echo.config[i] = (uint8_t)(0xc0 + i);
        struct vpf_config cfg = {};
        cfg.ops = &kEchoOps;
        cfg.ctx = &echo;
        cfg.mode = mode;
        cfg.num_queues = kQueues;
        cfg.log = echo_log;
        dev = vpf_create(vpci_hal_core_hal(hc), &cfg);
        ASSERT_NE(dev, nullptr);
    }
    void TearDown() override
    {
        vpf_destroy(dev);
        vpci_hal_core_destroy(hc);
        tm_fini(&m);
    }
    uint32_t Rd(uint32_t off) { return (uint32_t)vpci_mmio_read(m.core, 0, off, 4); }
    void Pump(unsigned n = 4)
    {
        for (unsigned i = 0; i < n; i++)
            m.pump(this);
    }
    // Negotiation, memory table and both vrings.
    void Session(bool kick_fd = true, bool call_fd = true, uint64_t ring = kRingFeatures)
    {
        ASSERT_TRUE(tm_negotiate(&m, ring, kAllProto)); {
        ASSERT_TRUE(tm_set_mem_table(&m, true));
    }
        for (unsigned q = 0; q < kQueues; q++)
            ASSERT_TRUE(tm_vring_start(&m, q, 16, kick_fd, call_fd));
        Pump();
    }
    // One request through vq @q; returns true if the echo is right.
    bool RoundTrip(unsigned q, uint32_t len, uint8_t seed, bool kick = true)
    {
        uint64_t out = tm_alloc(&m, len, 8), in = tm_alloc(&m, len, 8);
        if (out == ~0ull || in == ~0ull)
            return false;
        auto *o = static_cast<uint8_t *>(tm_gpa(&m, out));
        for (uint32_t i = 0; i < len; i++)
            o[i] = (uint8_t)(seed + i * 7);
        struct tm_buf b[2] = {{out, len, false}, {in, len, true}};
        uint16_t head = tm_vq_add(&m, q, b, 2);
        if (kick)
            tm_vq_kick(&m, q, false);
        uint32_t id = 0, ul = 0;
        bool got = false;
        for (unsigned i = 0; i < 50 && !got; i++) {
            Pump(1);
            got = tm_vq_used(&m, q, &id, &ul);
        }
        if (!got || id != head || ul != len)
            return false;
        auto *r = static_cast<uint8_t *>(tm_gpa(&m, in));
        for (uint32_t i = 0; i < len; i++)
            if (r[i] != (uint8_t)(o[i] ^ 0x5a))
                return false;
        return true;
    }

    test_master m = {}; // zeroed: TearDown runs tm_fini even for a test that never calls Init
    struct vpci_hal_core *hc = nullptr;
    struct vpf_dev *dev = nullptr;
    EchoDev echo;
};

TEST_F(Fw, DriverFirstInitReachesDriverReadyAndServesTheMasterThatConnectsLater)
{
    Init(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_start(dev), 0);
    EXPECT_EQ(vpf_state(dev), VPF_STATE_RUNNING);
    EXPECT_TRUE(Rd(VPCI_ADAPTER_LINK_OFFSET) & VPCI_ADAPTER_LINK_DRIVER_READY_BIT);
    EXPECT_FALSE(vpf_master_up(dev));
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Pump();
    EXPECT_TRUE(vpf_master_up(dev));
    EXPECT_EQ(vpf_session(dev), (uint8_t)vpci_adapter_link_session_get(Rd(VPCI_ADAPTER_LINK_OFFSET)));
    Session();
    EXPECT_TRUE(RoundTrip(0, 100, 1));
    EXPECT_TRUE(RoundTrip(1, 3000, 2));
}

TEST_F(Fw, MasterFirstInitDeliversTheMessagesWaitingInTheAdapter)
{
    Init(VPF_MODE_INTERRUPT);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_GET_FEATURES, 0, nullptr, 0, nullptr, 0), VPCI_OK);
    Pump();
    EXPECT_EQ(tm_replies(&m), 0u); // blocked on its first reply until DRIVER_OK
    ASSERT_EQ(vpf_start(dev), 0);
    uint64_t f = 0;
    uint32_t sz = 0;
    // Spec §4.4 step 3: the reset of init step 2 keeps an unbound session.
    ASSERT_TRUE(m.connected) << "adapter reset closed an unbound session: " << m.close_why;
    ASSERT_TRUE(tm_wait_reply(&m, VPCI_VU_REQ_GET_FEATURES, &f, 8, &sz));
    EXPECT_EQ(sz, 8u);
    EXPECT_TRUE(f & (1ull << VPCI_VU_F_PROTOCOL_FEATURES));
    EXPECT_TRUE(f & (1ull << VPF_VIRTIO_F_EVENT_IDX));
    Session();
    EXPECT_TRUE(RoundTrip(0, 64, 3));
}

TEST_F(Fw, MasterFirstWithReconnectGetsServedAfterTheResetOfInit)
{
    // A master with reconnect support (QEMU reconnect=N) whose first session
    // may be closed by the reset of init step 2 comes back and is served.
    Init(VPF_MODE_INTERRUPT);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_GET_FEATURES, 0, nullptr, 0, nullptr, 0), VPCI_OK);
    ASSERT_EQ(vpf_start(dev), 0);
    if (!m.connected) {
        EXPECT_EQ(m.close_reason, VPCI_CLOSE_DRIVER_RESET);
        ASSERT_EQ(tm_connect(&m), VPCI_OK);
        ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_GET_FEATURES, 0, nullptr, 0, nullptr, 0), VPCI_OK);
    }
    uint64_t f = 0;
    uint32_t sz = 0;
    ASSERT_TRUE(tm_wait_reply(&m, VPCI_VU_REQ_GET_FEATURES, &f, 8, &sz));
    EXPECT_TRUE(f & (1ull << VPCI_VU_F_PROTOCOL_FEATURES));
    Session();
    EXPECT_TRUE(RoundTrip(0, 64, 4));
}

TEST_F(Fw, EveryMessageOfTheTestMasterIsRelayedAndAnswered)
{
    Init(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_start(dev), 0);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Session();
    struct vpf_stats st0;
    vpf_get_stats(dev, &st0);
    unsigned sent0 = m.sent;
    ASSERT_TRUE(m.proto & (1ull << VPCI_PROTO_F_REPLY_ACK));

    // GET_CONFIG: the device's bytes, request header echoed.
    uint8_t gc[12 + 16] = {};
    uint32_t off = 4, len = 16, fl = 0;
    memcpy(gc, &off, 4);
    memcpy(gc + 4, &len, 4);
    memcpy(gc + 8, &fl, 4);
    ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_GET_CONFIG, 0, gc, sizeof(gc), nullptr, 0), VPCI_OK);
    uint8_t rep[64] = {};
    uint32_t sz = 0;
    ASSERT_TRUE(tm_wait_reply(&m, VPCI_VU_REQ_GET_CONFIG, rep, sizeof(rep), &sz));
    ASSERT_EQ(sz, 28u);
    for (unsigned i = 0; i < 16; i++)
        EXPECT_EQ(rep[12 + i], 0xc4 + i);
    // SET_CONFIG with an ack, then read back.
    uint8_t sc[12 + 4] = {};
    off = 0;
    len = 4;
    memcpy(sc, &off, 4);
    memcpy(sc + 4, &len, 4);
    memcpy(sc + 12, "\x11\x22\x33\x44", 4);
    ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_SET_CONFIG, VPCI_VU_FLAG_NEED_REPLY, sc, sizeof(sc), nullptr, 0),
              VPCI_OK);
    uint64_t ack = ~0ull;
    ASSERT_TRUE(tm_wait_reply(&m, VPCI_VU_REQ_SET_CONFIG, &ack, 8, &sz));
    EXPECT_EQ(ack, 0u);
    EXPECT_EQ(echo.config[0], 0x11);
    EXPECT_EQ(echo.config[3], 0x44);
    // Status.
    EXPECT_TRUE(tm_set_u64(&m, VPCI_VU_REQ_SET_STATUS, 0x0f, true));
    uint64_t s = 0;
    ASSERT_TRUE(tm_get_u64(&m, VPCI_VU_REQ_GET_STATUS, &s));
    EXPECT_EQ(s, 0x0fu);
    EXPECT_EQ(echo.status, 0x0f);
    // Net requests go to the device's process_msg.
    EXPECT_TRUE(tm_set_u64(&m, VPCI_VU_REQ_SEND_RARP, 0x665544332211ull, true));
    EXPECT_EQ(echo.rarp, 1u);
    EXPECT_TRUE(tm_set_u64(&m, VPCI_VU_REQ_NET_SET_MTU, 1500, true));
    // SET_VRING_ENDIAN little-endian is accepted.
    uint32_t vs[2] = {0, 0};
    ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_SET_VRING_ENDIAN, VPCI_VU_FLAG_NEED_REPLY, vs, 8, nullptr, 0),
              VPCI_OK);
    ASSERT_TRUE(tm_wait_reply(&m, VPCI_VU_REQ_SET_VRING_ENDIAN, &ack, 8, &sz));
    EXPECT_EQ(ack, 0u);
    // ADD_MEM_REG of region 1 again is a second mapping; REM_MEM_REG removes it.
    uint8_t mr[40] = {};
    uint64_t r1[4] = {m.reg[1].gpa + kRegion * 0, m.reg[1].size, (uint64_t)(uintptr_t)m.reg[1].va, 0};
    memcpy(mr + 8, r1, 32);
    // Remove region 1 first, then add it back.
    ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_REM_MEM_REG, VPCI_VU_FLAG_NEED_REPLY, mr, 40, nullptr, 0), VPCI_OK);
    ASSERT_TRUE(tm_wait_reply(&m, VPCI_VU_REQ_REM_MEM_REG, &ack, 8, &sz));
    EXPECT_EQ(ack, 0u);
    struct vpf_iov seg;
    EXPECT_FALSE(vpf_gpa_to_iov(dev, m.reg[1].gpa, 16, &seg));
    struct vpci_res mres = tm_res_mem(&m, 1);
    ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_ADD_MEM_REG, VPCI_VU_FLAG_NEED_REPLY, mr, 40, &mres, 1), VPCI_OK);
    ASSERT_TRUE(tm_wait_reply(&m, VPCI_VU_REQ_ADD_MEM_REG, &ack, 8, &sz));
    EXPECT_EQ(ack, 0u);
    EXPECT_TRUE(vpf_gpa_to_iov(dev, m.reg[1].gpa, 16, &seg));
    // Data in region 1 is reached through the new translation.
    static_cast<uint8_t *>(m.reg[1].va)[5] = 0xab;
    uint8_t seen[16] = {};
    ASSERT_TRUE(vpf_gpa_to_iov(dev, m.reg[1].gpa, 16, &seg));
    ASSERT_EQ(vpf_iov_to_buf(&seg, 1, 0, seen, sizeof(seen)), sizeof(seen));
    EXPECT_EQ(seen[5], 0xab);
    // RESET_DEVICE stops the rings and resets the device.
    unsigned resets = echo.resets;
    EXPECT_TRUE(tm_set_u64(&m, VPCI_VU_REQ_RESET_DEVICE, 0, true));
    EXPECT_EQ(echo.resets, resets + 1);
    EXPECT_FALSE(vpf_vq_ready(vpf_get_vq(dev, 0)));

    struct vpf_stats st1;
    vpf_get_stats(dev, &st1);
    EXPECT_EQ(st1.msgs - st0.msgs, m.sent - sent0);
    EXPECT_EQ(st1.bad_msgs, 0u);
    EXPECT_EQ(st1.s2m_errors, 0u);
    EXPECT_EQ(m.closes, 0u);
}

// A request with NEED_REPLY (REPLY_ACK negotiated): true if acked 0.
bool Acked(test_master *m, uint32_t req, const void *p, uint32_t size,
           const struct vpci_res *res = nullptr, unsigned nres = 0)
{
    if (tm_send(m, req, VPCI_VU_FLAG_NEED_REPLY, p, size, res, nres) != VPCI_OK)
        return false;
    uint64_t ack = ~0ull;
    uint32_t sz = 0;
    return tm_wait_reply(m, req, &ack, 8, &sz) && sz == 8 && ack == 0;
}

bool VringState(test_master *m, uint32_t req, uint32_t vq, uint32_t num)
{
    uint32_t st[2] = {vq, num};
    return Acked(m, req, st, 8);
}

// Ring enable rules (spec §9.4, vhost-user "Ring states"): SET_FEATURES
// without VHOST_USER_F_PROTOCOL_FEATURES enables every ring at once, those
// already started and those not yet set up.
TEST_F(Fw, SetFeaturesWithoutProtocolFeaturesEnablesEveryRing)
{
    Init(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_start(dev), 0);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Session();
    ASSERT_TRUE(VringState(&m, VPCI_VU_REQ_SET_VRING_ENABLE, 0, 0));
    ASSERT_TRUE(VringState(&m, VPCI_VU_REQ_SET_VRING_ENABLE, 1, 0));
    EXPECT_FALSE(vpf_vq_enabled(vpf_get_vq(dev, 0)));
    EXPECT_FALSE(vpf_vq_enabled(vpf_get_vq(dev, 1)));
    uint64_t f = m.features & ~(1ull << VPCI_VU_F_PROTOCOL_FEATURES);
    ASSERT_TRUE(Acked(&m, VPCI_VU_REQ_SET_FEATURES, &f, 8));
    EXPECT_TRUE(vpf_vq_enabled(vpf_get_vq(dev, 0)));
    EXPECT_TRUE(vpf_vq_enabled(vpf_get_vq(dev, 1)));
    EXPECT_TRUE(RoundTrip(0, 40, 1));
    EXPECT_TRUE(RoundTrip(1, 40, 2));
    // SET_FEATURES with the bit never disables a ring.
    f |= 1ull << VPCI_VU_F_PROTOCOL_FEATURES;
    ASSERT_TRUE(Acked(&m, VPCI_VU_REQ_SET_FEATURES, &f, 8));
    EXPECT_TRUE(vpf_vq_enabled(vpf_get_vq(dev, 0)));
}

// SET_VRING_KICK starts a ring and never enables it, even before any
// SET_FEATURES was received; the enabled state survives a stop.
TEST_F(Fw, KickStartsARingButNeverEnablesIt)
{
    Init(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_start(dev), 0);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    uint64_t pf = 0;
    ASSERT_TRUE(tm_get_u64(&m, VPCI_VU_REQ_GET_PROTOCOL_FEATURES, &pf));
    m.proto = pf & kAllProto;
    ASSERT_TRUE(tm_set_u64(&m, VPCI_VU_REQ_SET_PROTOCOL_FEATURES, m.proto, false));
    ASSERT_TRUE(tm_set_mem_table(&m, true));
    // No SET_FEATURES yet: the ring is set up, enabled, disabled and stopped.
    ASSERT_TRUE(tm_vring_start(&m, 0, 16, true, true));
    ASSERT_TRUE(VringState(&m, VPCI_VU_REQ_SET_VRING_ENABLE, 0, 0));
    uint32_t st[2] = {0, 0};
    ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_GET_VRING_BASE, 0, st, 8, nullptr, 0), VPCI_OK);
    uint32_t sz = 0;
    ASSERT_TRUE(tm_wait_reply(&m, VPCI_VU_REQ_GET_VRING_BASE, st, 8, &sz));
    // Started again by its kick: still disabled.
    uint64_t k = 0;
    struct vpci_res kr = tm_res_kick(&m);
    ASSERT_TRUE(Acked(&m, VPCI_VU_REQ_SET_VRING_KICK, &k, 8, &kr, 1));
    EXPECT_FALSE(vpf_vq_enabled(vpf_get_vq(dev, 0)));
    uint64_t f = (1ull << VPF_VIRTIO_F_VERSION_1) | (1ull << VPCI_VU_F_PROTOCOL_FEATURES);
    ASSERT_TRUE(Acked(&m, VPCI_VU_REQ_SET_FEATURES, &f, 8));
    EXPECT_FALSE(vpf_vq_enabled(vpf_get_vq(dev, 0)));
    ASSERT_TRUE(VringState(&m, VPCI_VU_REQ_SET_VRING_ENABLE, 0, 1));
    EXPECT_TRUE(vpf_vq_enabled(vpf_get_vq(dev, 0)));
    EXPECT_TRUE(RoundTrip(0, 40, 3));
}

// Requests outside what was negotiated are refused with a failed ack and
// change nothing (spec §9.4): a feature bit never offered, ADD/REM_MEM_REG
// without CONFIGURE_MEM_SLOTS, RESET_DEVICE without RESET_DEVICE.
TEST_F(Fw, RequestsOutsideTheNegotiationAreRefused)
{
    Init(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_start(dev), 0);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    ASSERT_TRUE(tm_negotiate(&m, kRingFeatures,
                             kAllProto & ~((1ull << VPCI_PROTO_F_CONFIGURE_MEM_SLOTS) |
                                           (1ull << VPCI_PROTO_F_RESET_DEVICE))));
    ASSERT_TRUE(tm_set_mem_table(&m, true));
    for (unsigned q = 0; q < kQueues; q++)
        ASSERT_TRUE(tm_vring_start(&m, q, 16, true, true));
    ASSERT_TRUE(RoundTrip(0, 16, 1));
    uint64_t before = vpf_features(dev);
    uint64_t f = m.features | (1ull << 40); // never offered
    EXPECT_FALSE(Acked(&m, VPCI_VU_REQ_SET_FEATURES, &f, 8));
    EXPECT_EQ(vpf_features(dev), before);
    // REM_MEM_REG of region 1: refused, the region stays.
    uint8_t mr[40] = {};
    uint64_t r1[4] = {m.reg[1].gpa, m.reg[1].size, (uint64_t)(uintptr_t)m.reg[1].va, 0};
    memcpy(mr + 8, r1, 32);
    EXPECT_FALSE(Acked(&m, VPCI_VU_REQ_REM_MEM_REG, mr, 40));
    struct vpf_iov seg;
    EXPECT_TRUE(vpf_gpa_to_iov(dev, m.reg[1].gpa, 16, &seg));
    // ADD_MEM_REG of a third region: refused, not mapped.
    uint64_t r2[4] = {m.reg[1].gpa + (1ull << 30), m.reg[1].size, 0x7e0000000000ull, 0};
    memcpy(mr + 8, r2, 32);
    struct vpci_res mres = tm_res_mem(&m, 1);
    EXPECT_FALSE(Acked(&m, VPCI_VU_REQ_ADD_MEM_REG, mr, 40, &mres, 1));
    EXPECT_FALSE(vpf_gpa_to_iov(dev, r2[0], 16, &seg));
    // RESET_DEVICE: refused, the rings keep running.
    unsigned resets = echo.resets;
    EXPECT_FALSE(Acked(&m, VPCI_VU_REQ_RESET_DEVICE, nullptr, 0));
    EXPECT_EQ(echo.resets, resets);
    EXPECT_TRUE(vpf_vq_ready(vpf_get_vq(dev, 0)));
    EXPECT_TRUE(RoundTrip(0, 16, 2));
    EXPECT_EQ(m.closes, 0u);
}

TEST_F(Fw, ExternalMsixAndPersistentWindowsServeTheSameSession)
{
    Init(VPF_MODE_INTERRUPT, VPCI_MSIX_EXTERNAL, VPCI_WIN_PERSISTENT);
    ASSERT_EQ(vpf_start(dev), 0);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Session();
    for (unsigned i = 0; i < 8; i++)
        ASSERT_TRUE(RoundTrip(i % kQueues, 77, (uint8_t)i)) << i;
    struct vpf_stats st;
    vpf_get_stats(dev, &st);
    EXPECT_GT(st.irqs, 0u); // vectors signalled through ->irq
    EXPECT_GT(st.kicks, 0u);
}

TEST_F(Fw, BackendChannelCarriesConfigChangeAndTheMastersReply)
{
    Init(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_start(dev), 0);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Session();
    EXPECT_TRUE(Rd(VPCI_ADAPTER_LINK_OFFSET) & VPCI_ADAPTER_LINK_BACKEND_CHAN_BIT);
    ASSERT_EQ(vpf_config_changed(dev, true), 0);
    Pump();
    ASSERT_EQ(m.be_count, 1u);
    uint32_t req, flags;
    memcpy(&req, m.backend[0].data, 4);
    memcpy(&flags, m.backend[0].data + 4, 4);
    EXPECT_EQ(req, (uint32_t)VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG);
    EXPECT_TRUE(flags & VPCI_VU_FLAG_NEED_REPLY);
    // The master answers on the backend channel.
    uint8_t r[20];
    uint32_t rf = VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, rs = 8;
    uint64_t v = 0;
    memcpy(r, &req, 4);
    memcpy(r + 4, &rf, 4);
    memcpy(r + 8, &rs, 4);
    memcpy(r + 12, &v, 8);
    ASSERT_EQ(vpci_master_msg(m.core, VPCI_CHAN_BACKEND, r, 20, nullptr, 0), VPCI_OK);
    Pump();
    EXPECT_EQ(echo.backend_replies, 1u);
}

TEST_F(Fw, AReplyTheFullS2MQueueCannotTakeIsCountedAndLogged)
{
    Init(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_start(dev), VPF_OK);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Session();
    // The master never answers backend requests: after 64 of them (spec
    // §5.10, backend-reply list full) the next one waits at the head of the
    // S2M queue and the ring fills up behind it.
    enum vpf_status st = VPF_OK;
    unsigned posted = 0;
    while (posted < 200 && (st = vpf_config_changed(dev, true)) == VPF_OK)
        posted++;
    EXPECT_EQ(st, VPF_E_QUEUE_FULL);
    EXPECT_EQ(posted, 64u + 16u); // 64 sent, 16 in the ring (s2m_log2 4)
    struct vpf_stats st0;
    vpf_get_stats(dev, &st0);
    EXPECT_EQ(st0.replies_dropped, 0u);
    unsigned logs = echo.logs;
    // A request with a reply: the reply cannot be queued.
    ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_GET_FEATURES, 0, nullptr, 0, nullptr, 0), VPCI_OK);
    Pump();
    struct vpf_stats st1;
    vpf_get_stats(dev, &st1);
    EXPECT_EQ(st1.msgs, st0.msgs + 1);
    EXPECT_EQ(st1.replies_dropped, 1u);
    EXPECT_EQ(echo.logs, logs + 1);
    EXPECT_NE(strstr(echo.last_log, "dropped"), nullptr) << echo.last_log;
    EXPECT_EQ(tm_replies(&m), 0u);
}

// The master closes the backend channel after 64 unanswered requests held
// the S2M engine (spec §10.6): the held request completes NO_PEER and the
// reply behind it reaches the master.
TEST_F(Fw, BackendChannelGoneReleasesTheHeldS2MQueue)
{
    Init(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_start(dev), VPF_OK);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Session();
    unsigned posted = 0;
    while (posted < 70 && vpf_config_changed(dev, true) == VPF_OK)
        posted++;
    ASSERT_EQ(posted, 70u);
    ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_GET_FEATURES, 0, nullptr, 0, nullptr, 0), VPCI_OK);
    Pump();
    EXPECT_EQ(tm_replies(&m), 0u); // behind the held backend request
    uint64_t chan = 0;
    for (unsigned i = 0; i < m.nres; i++)
        if (m.res[i].kind == VPCI_RES_CHANNEL)
            chan = m.res[i].cookie;
    ASSERT_NE(chan, 0u);
    vpci_master_backend_gone(m.core, chan);
    EXPECT_FALSE(Rd(VPCI_ADAPTER_LINK_OFFSET) & VPCI_ADAPTER_LINK_BACKEND_CHAN_BIT);
    uint64_t f = 0;
    uint32_t sz = 0;
    EXPECT_TRUE(tm_wait_reply(&m, VPCI_VU_REQ_GET_FEATURES, &f, 8, &sz));
    EXPECT_EQ(m.be_count, 64u);
    EXPECT_EQ(m.closes, 0u);
    EXPECT_TRUE(RoundTrip(0, 32, 5));
}

TEST_F(Fw, StartWithMoreQueuesThanTheAdapterHasFailsWithItsStatus)
{
    Init(VPF_MODE_POLL);
    struct vpf_config cfg = {};
    cfg.ops = &kEchoOps;
    cfg.ctx = &echo;
    cfg.num_queues = 9; // the adapter has NUM_VQS 8
    struct vpf_dev *big = vpf_create(vpci_hal_core_hal(hc), &cfg);
    ASSERT_NE(big, nullptr);
    EXPECT_EQ(vpf_start(big), VPF_E_QUEUES);
    EXPECT_EQ(vpf_state(big), VPF_STATE_FAILED);
    EXPECT_TRUE(Rd(VPCI_ADAPTER_STATUS_OFFSET) & VPCI_ADAPTER_STATUS_FAILED_BIT);
    EXPECT_EQ(vpf_process(big, 0), VPF_E_NOT_RUNNING);
    vpf_destroy(big);
}

// A HAL in front of the direct port: records doorbell-page writes and may
// override BAR0 reads (a corrupt block list, a reset that never finishes).
struct SpyHal {
    struct vpci_hal hal;
    struct vpci_hal_ops ops;
    const struct vpci_hal *inner;
    std::vector<std::pair<uint32_t, uint64_t>> db_writes; // offset, value
    std::function<bool(uint64_t off, uint64_t *val)> read_hook;

    explicit SpyHal(const struct vpci_hal *in) : inner(in)
    {
        ops = *in->ops;
        ops.mmio_read = [](void *ctx, unsigned bar, uint64_t off, unsigned size) -> uint64_t {
            auto *s = static_cast<SpyHal *>(ctx);
            uint64_t v;
            if (bar == 0 && s->read_hook && s->read_hook(off, &v))
                return v;
            return s->inner->ops->mmio_read(s->inner->ctx, bar, off, size);
        };
        ops.mmio_write = [](void *ctx, unsigned bar, uint64_t off, unsigned size, uint64_t val) {
            auto *s = static_cast<SpyHal *>(ctx);
            if (bar == 0 && off >= 0x1000 && off < 0x2000)
                s->db_writes.push_back({(uint32_t)off, val});
            s->inner->ops->mmio_write(s->inner->ctx, bar, off, size, val);
        };
#define FWD(name, ret, sig, args)                                                              \
    ops.name = [] sig -> ret {                                                                 \
        auto *s = static_cast<SpyHal *>(ctx);                                                  \
        return s->inner->ops->name args;                                                       \
    };
        FWD(cfg_read, uint32_t, (void *ctx, uint32_t off, unsigned size), (s->inner->ctx, off, size))
        FWD(cfg_write, void, (void *ctx, uint32_t off, unsigned size, uint32_t v),
            (s->inner->ctx, off, size, v))
        FWD(dma_alloc, void *, (void *ctx, size_t size, size_t align, uint64_t *bus),
            (s->inner->ctx, size, align, bus))
        FWD(dma_free, void, (void *ctx, void *p, size_t size), (s->inner->ctx, p, size))
        FWD(irq_setup, unsigned, (void *ctx, unsigned n), (s->inner->ctx, n))
        FWD(irq_wait, unsigned, (void *ctx, uint32_t t, uint64_t *p, unsigned n),
            (s->inner->ctx, t, p, n))
        FWD(irq_poll, unsigned, (void *ctx, uint64_t *p, unsigned n), (s->inner->ctx, p, n))
#undef FWD
        if (in->ops->win_map)
            ops.win_map = [](void *ctx, unsigned bar, uint64_t off, uint64_t len) -> void * {
                auto *s = static_cast<SpyHal *>(ctx);
                return s->inner->ops->win_map(s->inner->ctx, bar, off, len);
            };
        if (in->ops->win_read)
            ops.win_read = [](void *ctx, unsigned bar, uint64_t off, void *dst, size_t len) {
                auto *s = static_cast<SpyHal *>(ctx);
                s->inner->ops->win_read(s->inner->ctx, bar, off, dst, len);
            };
        if (in->ops->win_write)
            ops.win_write = [](void *ctx, unsigned bar, uint64_t off, const void *src, size_t len) {
                auto *s = static_cast<SpyHal *>(ctx);
                s->inner->ops->win_write(s->inner->ctx, bar, off, src, len);
            };
        if (in->ops->now_ns)
            ops.now_ns = [](void *ctx) -> uint64_t {
                auto *s = static_cast<SpyHal *>(ctx);
                return s->inner->ops->now_ns(s->inner->ctx);
            };
        hal = {&ops, this};
    }
};

// Spec §7.1: every ring of a doorbell writes a value different from the
// previous one written to it (a platform polling the page sees each ring).
TEST_F(Fw, EveryDoorbellRingWritesANewValue)
{
    Init(VPF_MODE_INTERRUPT);
    SpyHal spy(vpci_hal_core_hal(hc));
    struct vpf_config cfg = {};
    cfg.ops = &kEchoOps;
    cfg.ctx = &echo;
    cfg.mode = VPF_MODE_INTERRUPT;
    cfg.num_queues = kQueues;
    cfg.log = echo_log;
    vpf_destroy(dev);
    dev = vpf_create(&spy.hal, &cfg);
    ASSERT_NE(dev, nullptr);
    ASSERT_EQ(vpf_start(dev), 0);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Session(true, true, 1ull << VPF_VIRTIO_F_VERSION_1); // no EVENT_IDX: a call per push
    for (unsigned i = 0; i < 6; i++)
        ASSERT_TRUE(RoundTrip(i % kQueues, 20, (uint8_t)i));
    std::map<uint32_t, std::vector<uint64_t>> per;
    for (auto &w : spy.db_writes)
        per[w.first].push_back(w.second);
    ASSERT_GE(per[0x1000].size(), 2u); // CALL[0] rung more than once
    for (auto &[off, vals] : per)
        for (size_t i = 1; i < vals.size(); i++)
            EXPECT_NE(vals[i], vals[i - 1]) << "doorbell 0x" << std::hex << off << " ring " << i;
    vpf_destroy(dev); // before the spy goes
    dev = nullptr;
}

// Spec §4.1: the walk stops at 64 blocks or at a corrupt RB_NEXT, and the
// driver fails with STATUS.FAILED; §9.1: so does a reset that never ends.
TEST_F(Fw, CorruptBlockListAndResetTimeoutSetFailed)
{
    Init(VPF_MODE_POLL);
    struct vpf_config cfg = {};
    cfg.ops = &kEchoOps;
    cfg.ctx = &echo;
    cfg.mode = VPF_MODE_POLL;
    cfg.num_queues = kQueues;
    cfg.log = echo_log;
    auto failed = [&] {
        return (Rd(VPCI_ADAPTER_STATUS_OFFSET) & VPCI_ADAPTER_STATUS_FAILED_BIT) != 0;
    };
    struct Case {
        const char *name;
        std::function<bool(uint64_t, uint64_t *)> hook;
        int want;
    } cases[] = {
        {"unaligned next",
         [](uint64_t off, uint64_t *v) {
             if (off != VPCI_ADAPTER_RB_NEXT_OFFSET)
                 return false;
             *v = 0x102;
             return true;
         },
         VPF_E_BLOCK_LIST},
        {"64 blocks without an end",
         [](uint64_t off, uint64_t *v) {
             // The list goes on in the reserved range: a block every 0x10
             // bytes from 0x400, unknown type 0x77, v1.0.
             if (off == VPCI_ADAPTER_RB_NEXT_OFFSET) {
                 *v = 0x400;
                 return true;
             }
             if (off < 0x400 || off >= 0x1000 || (off & 0xf) > 8)
                 return false;
             switch (off & 0xf) {
             case 0: *v = 0x77; return true;
             case 4: *v = 0x10000; return true;
             case 8: *v = (off & ~0xfull) + 0x10; return true;
             }
             return false;
         },
         VPF_E_BLOCK_LIST},
        {"reset never ends",
         [](uint64_t off, uint64_t *v) {
             if (off != VPCI_ADAPTER_CONTROL_OFFSET)
                 return false;
             *v = VPCI_ADAPTER_CONTROL_RESET_BUSY_BIT;
             return true;
         },
         VPF_E_RESET_TIMEOUT},
    };
    for (auto &k : cases) {
        SCOPED_TRACE(k.name);
        vpci_core_pci_reset(m.core); // STATUS back to 0
        SpyHal spy(vpci_hal_core_hal(hc));
        spy.read_hook = k.hook;
        struct vpf_dev *d = vpf_create(&spy.hal, &cfg);
        ASSERT_NE(d, nullptr);
        EXPECT_EQ(vpf_start(d), k.want);
        EXPECT_EQ(vpf_state(d), VPF_STATE_FAILED);
        EXPECT_TRUE(failed()) << "STATUS.FAILED not set";
        spy.read_hook = nullptr;
        vpf_destroy(d);
    }
}

TEST_F(Fw, StatusCodesHaveTexts)
{
    EXPECT_STREQ(vpf_strerror(VPF_OK), "success");
    for (int s : {VPF_E_MAGIC, VPF_E_SPEC_VERSION, VPF_E_FIRST_BLOCK, VPF_E_BLOCK_LIST,
                  VPF_E_BLOCK_MISSING, VPF_E_RESET_TIMEOUT, VPF_E_QUEUES, VPF_E_NO_VERSION_1,
                  VPF_E_FEATURES, VPF_E_RINGS, VPF_E_DRIVER_READY, VPF_E_NOT_RUNNING,
                  VPF_E_NOT_NEGOTIATED, VPF_E_MSG_SIZE, VPF_E_QUEUE_FULL})
        EXPECT_STRNE(vpf_strerror(s), vpf_strerror(-1000)) << s;
    EXPECT_STREQ(vpf_strerror(-1000), "unknown status");
}

TEST_F(Fw, GetConfigTheDeviceCannotServeStillGetsAReply)
{
    Init(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_start(dev), 0);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Session();
    uint8_t gc[12 + 64] = {};
    uint32_t off = 0, len = 64; // the device has 32 bytes
    memcpy(gc, &off, 4);
    memcpy(gc + 4, &len, 4);
    ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_GET_CONFIG, 0, gc, sizeof(gc), nullptr, 0), VPCI_OK);
    uint32_t sz = 99;
    ASSERT_TRUE(tm_wait_reply(&m, VPCI_VU_REQ_GET_CONFIG, nullptr, 0, &sz));
    EXPECT_EQ(sz, 0u); // error: empty reply, the master does not hang
    EXPECT_TRUE(RoundTrip(0, 16, 1));
}

TEST_F(Fw, IrqWaitLetsTheMasterSideRunThroughTheIdleHook)
{
    Init(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_start(dev), 0);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Session();
    // The master publishes and kicks only when the firmware sleeps.
    struct Ctx {
        test_master *m;
        uint64_t out, in;
        bool done;
    } ctx = {&m, tm_alloc(&m, 8, 8), tm_alloc(&m, 8, 8), false};
    memcpy(tm_gpa(&m, ctx.out), "12345678", 8);
    vpci_hal_core_set_idle(hc, [](void *o) -> bool {
        auto *c = static_cast<Ctx *>(o);
        if (c->done)
            return false;
        struct tm_buf b[2] = {{c->out, 8, false}, {c->in, 8, true}};
        tm_vq_add(c->m, 0, b, 2);
        tm_vq_kick(c->m, 0, false);
        c->done = true;
        return true;
    }, &ctx);
    unsigned calls = m.calls[0];
    int n = 0;
    for (int i = 0; i < 4 && m.calls[0] == calls; i++)
        n += vpf_process(dev, 10);
    EXPECT_TRUE(ctx.done);
    EXPECT_GT(n, 0);
    EXPECT_EQ(m.calls[0], calls + 1);
    uint32_t id, ul;
    ASSERT_TRUE(tm_vq_used(&m, 0, &id, &ul));
    EXPECT_EQ(static_cast<uint8_t *>(tm_gpa(&m, ctx.in))[0], (uint8_t)('1' ^ 0x5a));
}

class FwMode : public Fw, public ::testing::WithParamInterface<enum vpf_mode> {};

TEST_P(FwMode, KickInterruptCallRoundTrip)
{
    Init(GetParam());
    ASSERT_EQ(vpf_start(dev), 0);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Session();
    for (unsigned i = 0; i < 40; i++)
        ASSERT_TRUE(RoundTrip(i % kQueues, 1 + 37 * i, (uint8_t)i)) << i;
    struct vpf_stats st;
    vpf_get_stats(dev, &st);
    EXPECT_EQ(st.bad_chains, 0u);
    EXPECT_EQ(echo.handled, 40u);
    // Calls reached the master through the CALL doorbells.
    EXPECT_GT(m.calls[0] + m.calls[1], 0u);
    if (GetParam() == VPF_MODE_INTERRUPT) {
        EXPECT_GT(st.kicks, 0u);
        EXPECT_GT(st.irqs, 0u);
    }
    uint32_t base = 0;
    ASSERT_TRUE(tm_vring_stop(&m, 0, &base));
    EXPECT_EQ(base, 20u); // GET_VRING_BASE: where the ring stopped
    EXPECT_EQ(echo.stopped[0], 1u);
}

TEST_P(FwMode, PollingVringsWithoutKickOrCallFds)
{
    Init(GetParam());
    ASSERT_EQ(vpf_start(dev), 0);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Session(false, false);
    for (unsigned i = 0; i < 10; i++)
        ASSERT_TRUE(RoundTrip(0, 64, (uint8_t)i, false)) << i;
    EXPECT_EQ(m.calls[0], 0u); // CALL_NOFD: the master polls the used ring
}

TEST_P(FwMode, WithoutEventIdxTheNoInterruptFlagsAreHonoured)
{
    Init(GetParam());
    ASSERT_EQ(vpf_start(dev), 0);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Session(true, true, 1ull << VPF_VIRTIO_F_VERSION_1);
    EXPECT_FALSE(vpf_features(dev) & (1ull << VPF_VIRTIO_F_EVENT_IDX));
    ASSERT_TRUE(RoundTrip(0, 10, 1));
    unsigned calls = m.calls[0];
    // The driver asks for no interrupts: pushes no longer ring CALL.
    uint16_t fl = 1;
    memcpy(tm_gpa(&m, m.vr[0].avail_gpa), &fl, 2);
    ASSERT_TRUE(RoundTrip(0, 10, 2));
    EXPECT_EQ(m.calls[0], calls);
}

INSTANTIATE_TEST_SUITE_P(Modes, FwMode,
                         ::testing::Values(VPF_MODE_INTERRUPT, VPF_MODE_POLL, VPF_MODE_ADAPTIVE));

// The direct port's window modes (issue 8): in pointer mode the library never
// calls the window accessors; in accessor mode win_map gives no pointer and
// every access to the master's memory goes through them, with the same
// results. AUTO follows VPCI_HAL_WIN_MODE as the <test>.accessor
// registrations set it: it checks that those really run in accessor mode.
class FwWinMode : public Fw,
                  public ::testing::WithParamInterface<enum vpci_hal_core_win_mode> {};

TEST_P(FwWinMode, AccessorModeReachesTheMastersMemoryOnlyThroughTheAccessors)
{
    Init(VPF_MODE_INTERRUPT);
    enum vpci_hal_core_win_mode mode = GetParam();
    vpci_hal_core_set_win_mode(hc, mode);
    if (mode == VPCI_HAL_CORE_WIN_AUTO) {
        const char *e = getenv("VPCI_HAL_WIN_MODE");
        mode = e && strcmp(e, "accessor") == 0 ? VPCI_HAL_CORE_WIN_ACCESSOR
                                               : VPCI_HAL_CORE_WIN_POINTER;
    }
    ASSERT_EQ(vpf_start(dev), VPF_OK);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Session();
    for (unsigned i = 0; i < 4; i++)
        ASSERT_TRUE(RoundTrip(i % kQueues, 100 + i, (uint8_t)i)) << i;
    struct vpci_hal_core_stats hs;
    vpci_hal_core_stats(hc, &hs);
    if (mode == VPCI_HAL_CORE_WIN_ACCESSOR) {
        EXPECT_GT(hs.win_reads, 0u);
        EXPECT_GT(hs.win_writes, 0u);
        EXPECT_EQ(vpf_gpa_to_host(dev, m.reg[0].gpa, 16), nullptr);
    } else {
        EXPECT_EQ(hs.win_reads, 0u);
        EXPECT_EQ(hs.win_writes, 0u);
        EXPECT_NE(vpf_gpa_to_host(dev, m.reg[0].gpa, 16), nullptr);
    }
    struct vpf_iov seg;
    EXPECT_TRUE(vpf_gpa_to_iov(dev, m.reg[0].gpa, 16, &seg));
}

INSTANTIATE_TEST_SUITE_P(WinModes, FwWinMode,
                         ::testing::Values(VPCI_HAL_CORE_WIN_AUTO, VPCI_HAL_CORE_WIN_POINTER,
                                           VPCI_HAL_CORE_WIN_ACCESSOR));

TEST_F(Fw, DriverResetEndsTheSessionAndTheMasterReconnects)
{
    Init(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_start(dev), 0);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Session();
    ASSERT_TRUE(RoundTrip(0, 32, 9));
    uint8_t s1 = vpf_session(dev);
    vpf_stop(dev);
    EXPECT_EQ(m.closes, 1u);
    EXPECT_EQ(m.close_reason, VPCI_CLOSE_DRIVER_RESET);
    EXPECT_FALSE(m.connected);
    EXPECT_GT(m.mem_releases, 0u);
    EXPECT_EQ(echo.resets, 1u);
    ASSERT_EQ(vpf_start(dev), 0);
    ASSERT_EQ(tm_connect(&m), VPCI_OK); // reconnect: a new session
    Pump();
    EXPECT_NE(vpf_session(dev), s1);
    m.brk = 0x1000;
    Session();
    EXPECT_TRUE(RoundTrip(0, 32, 10));
    EXPECT_TRUE(RoundTrip(1, 32, 11));
}

// Master disconnect at several points of a session, then a full new session.
class FwDisconnect : public Fw, public ::testing::WithParamInterface<int> {};

TEST_P(FwDisconnect, DisconnectAtStepThenReconnectServesANewSession)
{
    Init(VPF_MODE_INTERRUPT);
    ASSERT_EQ(vpf_start(dev), 0);
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    int step = GetParam();
    // Steps: 0 nothing, 1 negotiated, 2 mem table, 3 vring 0 started,
    // 4 traffic, 5 a request in flight (published, kicked, not served).
    if (step >= 1) {
        ASSERT_TRUE(tm_negotiate(&m, kRingFeatures, kAllProto));
    }
    if (step >= 2) {
        ASSERT_TRUE(tm_set_mem_table(&m, true));
    }
    if (step >= 3) {
        ASSERT_TRUE(tm_vring_start(&m, 0, 16, true, true));
    }
    if (step >= 4) {
        ASSERT_TRUE(RoundTrip(0, 128, 5));
    }
    if (step >= 5) {
        uint64_t b = tm_alloc(&m, 64, 8);
        struct tm_buf bb[1] = {{b, 64, false}};
        tm_vq_add(&m, 0, bb, 1);
        // Sent but not served: the master is gone before the firmware runs.
        ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_GET_STATUS, 0, nullptr, 0, nullptr, 0), VPCI_OK);
    }
    uint8_t s1 = vpf_session(dev);
    tm_disconnect(&m);
    Pump();
    EXPECT_FALSE(vpf_master_up(dev));
    EXPECT_FALSE(vpf_vq_ready(vpf_get_vq(dev, 0)));
    if (step >= 2) {
        EXPECT_GT(m.mem_releases, 0u);
        // The translations are gone: what the firmware mapped reads all-ones.
        struct vpf_iov seg;
        EXPECT_FALSE(vpf_gpa_to_iov(dev, 0, 1, &seg));
    }
    // Reconnect: new session, everything from the first message.
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    Pump();
    EXPECT_TRUE(vpf_master_up(dev));
    EXPECT_NE(vpf_session(dev), s1);
    m.brk = 0x1000;
    Session();
    EXPECT_TRUE(RoundTrip(0, 200, 6));
    EXPECT_TRUE(RoundTrip(1, 200, 7));
    struct vpf_stats st;
    vpf_get_stats(dev, &st);
    EXPECT_EQ(st.bad_chains, 0u);
    EXPECT_EQ(m.closes, 0u);
}

INSTANTIATE_TEST_SUITE_P(Steps, FwDisconnect, ::testing::Range(0, 6));

// Untrusted master ----------------------------------------------------------

class FwUntrusted : public Fw {
protected:
    void SetUp() override
    {
        Init(VPF_MODE_INTERRUPT);
        ASSERT_EQ(vpf_start(dev), 0);
        ASSERT_EQ(tm_connect(&m), VPCI_OK);
        Session();
    }
    // After the bad chain on vq 0: vq 0 broken with one ERR, vq 1 still works.
    void ExpectRejected()
    {
        tm_vq_kick(&m, 0, true);
        Pump(8);
        EXPECT_TRUE(vpf_vq_broken(vpf_get_vq(dev, 0)));
        EXPECT_EQ(m.errs[0], 1u);
        uint32_t id, len;
        EXPECT_FALSE(tm_vq_used(&m, 0, &id, &len));
        EXPECT_TRUE(RoundTrip(1, 50, 1));
        EXPECT_EQ(vpf_state(dev), VPF_STATE_RUNNING);
        // A restart of the ring (new KICK) clears the broken state.
    }
};

TEST_F(FwUntrusted, ChainThatLoopsIsRejected)
{
    uint64_t b = tm_alloc(&m, 16, 8);
    tm_vq_desc(&m, 0, 0, b, 16, 1 /* NEXT */, 1);
    tm_vq_desc(&m, 0, 1, b, 16, 1, 0); // back to 0
    tm_vq_publish(&m, 0, 0);
    ExpectRejected();
}

TEST_F(FwUntrusted, AddressOutsideTheRegionsIsRejected)
{
    tm_vq_desc(&m, 0, 0, 0x7000000000ull, 64, 0, 0);
    tm_vq_publish(&m, 0, 0);
    ExpectRejected();
}

TEST_F(FwUntrusted, BufferRunningPastTheEndOfItsRegionIsRejected)
{
    tm_vq_desc(&m, 0, 0, m.reg[0].gpa + kRegion - 8, 64, 0, 0);
    tm_vq_publish(&m, 0, 0);
    ExpectRejected();
}

TEST_F(FwUntrusted, HeadIndexBeyondTheRingIsRejected)
{
    tm_vq_publish(&m, 0, 16);
    ExpectRejected();
}

TEST_F(FwUntrusted, NextIndexBeyondTheRingIsRejected)
{
    uint64_t b = tm_alloc(&m, 16, 8);
    tm_vq_desc(&m, 0, 0, b, 16, 1, 999);
    tm_vq_publish(&m, 0, 0);
    ExpectRejected();
}

TEST_F(FwUntrusted, AvailIndexJumpIsRejected)
{
    uint16_t idx = 100;
    memcpy(static_cast<uint8_t *>(tm_gpa(&m, m.vr[0].avail_gpa)) + 2, &idx, 2);
    ExpectRejected();
}

TEST_F(FwUntrusted, ReadableAfterWritableIsRejected)
{
    uint64_t b = tm_alloc(&m, 32, 8);
    tm_vq_desc(&m, 0, 0, b, 16, 1 | 2, 1);
    tm_vq_desc(&m, 0, 1, b + 16, 16, 0, 0);
    tm_vq_publish(&m, 0, 0);
    ExpectRejected();
}

TEST_F(FwUntrusted, IndirectTableWithBadLengthIsRejected)
{
    uint64_t t = tm_alloc(&m, 64, 16);
    tm_vq_desc(&m, 0, 0, t, 20 /* not a multiple of 16 */, 4, 0);
    tm_vq_publish(&m, 0, 0);
    ExpectRejected();
}

TEST_F(FwUntrusted, IndirectTableThatLoopsIsRejected)
{
    uint64_t t = tm_alloc(&m, 32, 16), b = tm_alloc(&m, 16, 8);
    uint8_t *p = static_cast<uint8_t *>(tm_gpa(&m, t));
    for (int i = 0; i < 2; i++) {
        uint32_t len = 16;
        uint16_t fl = 1, nx = (uint16_t)(1 - i);
        memcpy(p + 16 * i, &b, 8);
        memcpy(p + 16 * i + 8, &len, 4);
        memcpy(p + 16 * i + 12, &fl, 2);
        memcpy(p + 16 * i + 14, &nx, 2);
    }
    tm_vq_desc(&m, 0, 0, t, 32, 4, 0);
    tm_vq_publish(&m, 0, 0);
    ExpectRejected();
}

TEST_F(FwUntrusted, NestedIndirectTableIsRejected)
{
    uint64_t t = tm_alloc(&m, 16, 16);
    uint8_t *p = static_cast<uint8_t *>(tm_gpa(&m, t));
    uint32_t len = 16;
    uint16_t fl = 4, nx = 0;
    memcpy(p, &t, 8);
    memcpy(p + 8, &len, 4);
    memcpy(p + 12, &fl, 2);
    memcpy(p + 14, &nx, 2);
    tm_vq_desc(&m, 0, 0, t, 16, 4, 0);
    tm_vq_publish(&m, 0, 0);
    ExpectRejected();
}

TEST_F(FwUntrusted, ValidIndirectChainIsServed)
{
    uint64_t t = tm_alloc(&m, 32, 16), o = tm_alloc(&m, 8, 8), in = tm_alloc(&m, 8, 8);
    memcpy(tm_gpa(&m, o), "abcdefgh", 8);
    uint8_t *p = static_cast<uint8_t *>(tm_gpa(&m, t));
    uint32_t len = 8;
    uint16_t f0 = 1, n0 = 1, f1 = 2, n1 = 0;
    memcpy(p, &o, 8);
    memcpy(p + 8, &len, 4);
    memcpy(p + 12, &f0, 2);
    memcpy(p + 14, &n0, 2);
    memcpy(p + 16, &in, 8);
    memcpy(p + 24, &len, 4);
    memcpy(p + 28, &f1, 2);
    memcpy(p + 30, &n1, 2);
    tm_vq_desc(&m, 0, 0, t, 32, 4, 0);
    tm_vq_publish(&m, 0, 0);
    tm_vq_kick(&m, 0, true);
    Pump(4);
    uint32_t id = 9, ul = 0;
    ASSERT_TRUE(tm_vq_used(&m, 0, &id, &ul));
    EXPECT_EQ(id, 0u);
    EXPECT_EQ(ul, 8u);
    EXPECT_EQ(static_cast<uint8_t *>(tm_gpa(&m, in))[0], (uint8_t)('a' ^ 0x5a));
    EXPECT_FALSE(vpf_vq_broken(vpf_get_vq(dev, 0)));
}

TEST_F(FwUntrusted, RingOutsideTheRegionsIsRefusedWithAFailedAck)
{
    struct {
        uint32_t index, flags;
        uint64_t desc, used, avail, log;
    } a = {1, 0, 0x10, 0x20, 0x40, 0}; // user addresses no region covers
    ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_SET_VRING_ADDR, VPCI_VU_FLAG_NEED_REPLY, &a, 40, nullptr, 0),
              VPCI_OK);
    uint64_t ack = 0;
    uint32_t sz = 0;
    ASSERT_TRUE(tm_wait_reply(&m, VPCI_VU_REQ_SET_VRING_ADDR, &ack, 8, &sz));
    EXPECT_NE(ack, 0u);
    EXPECT_FALSE(vpf_vq_ready(vpf_get_vq(dev, 1)));
    EXPECT_EQ(vpf_state(dev), VPF_STATE_RUNNING);
}

TEST_F(FwUntrusted, WithdrawnMemoryReadsAllOnesAndNeverFaults)
{
    // The firmware's segment of region 0 (a pointer, or a window offset in
    // accessor mode) outlives the session.
    struct vpf_iov seg;
    ASSERT_TRUE(vpf_gpa_to_iov(dev, m.reg[0].gpa, 64, &seg));
    tm_disconnect(&m);
    uint8_t b = 0;
    ASSERT_EQ(vpf_iov_to_buf(&seg, 1, 0, &b, 1), 1u);
    EXPECT_EQ(b, 0xff); // replacement mapping (spec §8.5) or absent window (§3.3)
    Pump();
    EXPECT_FALSE(vpf_vq_ready(vpf_get_vq(dev, 0)));
}

} // namespace
