// SPDX-License-Identifier: MIT
// test_session_boundaries.cpp - issue 4's "a driver reset, and a master
// disconnect at every message boundary of a session, each followed by
// reconnect", taken literally.
//
// The complete message sequence of one QEMU-like session of the test master
// (negotiation, owner, backend channel, features, memory table, every vring
// message of 2 queues, enable, config, status, traffic, GET_VRING_BASE stop)
// is recorded first: N messages. Then, for every k in 0..N, a fresh session
// is interrupted right after its message k (k = 0: right after the connect)
//   - by a master disconnect or by a driver reset (vpf_stop + vpf_start,
//     i.e. CONTROL.RESET),
//   - before the firmware ran (message k handed to the core, not processed),
//     or after the firmware processed everything it had,
// and a complete session with traffic on both queues must then work. Each
// iteration checks: the session really ended (or, for a reset before any
// message was delivered, was kept as spec §4.4 says for an unbound session),
// every resource the master handed to the core released exactly once, no
// bad chains, no ERR doorbell, nothing refused, and the process's fd count
// unchanged. One adapter and one library instance serve all iterations.
#include <gtest/gtest.h>

#include <dirent.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "echo_dev.h"
#include "hal_core.h"
#include "test_master.h"
#include "vpf.h"
#include "vhost_pci_regs.h"

namespace {

constexpr uint64_t kRegion = 1ull << 20;
constexpr unsigned kQueues = 2;
constexpr unsigned kTripsPerQueue = 2;

// The test device is EchoDev (echo_dev.h).

const struct vpf_device_ops kEchoOps = {
    .get_features = echo_get_features,
    .set_features = nullptr,
    .get_protocol_features = nullptr,
    .get_queue_num = nullptr,
    .get_config = echo_get_config,
    .set_config = nullptr,
    .queue_handler = echo_queue,
    .queue_set_started = nullptr,
    .process_msg = nullptr,
    .set_status = nullptr,
    .reset = echo_reset,
    .backend_reply = nullptr,
};

constexpr uint64_t kAllProto = (1ull << VPCI_PROTO_F_MQ) | (1ull << VPCI_PROTO_F_REPLY_ACK) |
                               (1ull << VPCI_PROTO_F_BACKEND_REQ) | (1ull << VPCI_PROTO_F_CONFIG) |
                               (1ull << VPCI_PROTO_F_RESET_DEVICE) |
                               (1ull << VPCI_PROTO_F_CONFIGURE_MEM_SLOTS) |
                               (1ull << VPCI_PROTO_F_STATUS);
constexpr uint64_t kRingFeatures = (1ull << VPF_VIRTIO_F_EVENT_IDX) |
                                   (1ull << VPF_VIRTIO_F_INDIRECT_DESC) |
                                   (1ull << VPF_VIRTIO_F_VERSION_1);

unsigned FdCount()
{
    unsigned n = 0;
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return 0;
    while (struct dirent *e = readdir(d))
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n; // includes the directory's own fd, the same every time
}

enum class Action { Disconnect, Reset };
enum class When { BeforeProcessed, AfterProcessed };

struct Case {
    Action action;
    When when;
    enum vpf_mode mode;
};

void PrintTo(const Case &c, std::ostream *os)
{
    *os << (c.action == Action::Disconnect ? "disconnect" : "driver reset") << ", "
        << (c.when == When::BeforeProcessed ? "before" : "after") << " the firmware ran, mode "
        << c.mode;
}

std::string CaseName(const ::testing::TestParamInfo<Case> &i)
{
    std::string s = i.param.action == Action::Disconnect ? "Disconnect" : "DriverReset";
    s += i.param.when == When::BeforeProcessed ? "BeforeFirmwareRuns" : "AfterFirmwareProcessed";
    s += i.param.mode == VPF_MODE_INTERRUPT ? "Interrupt"
         : i.param.mode == VPF_MODE_POLL    ? "Poll"
                                            : "Adaptive";
    return s;
}

class FwBoundary : public ::testing::TestWithParam<Case> {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(tm_init(&m, 2, kRegion));
        struct vpci_params p;
        vpci_params_default(&p);
        p.num_vqs = 8;
        p.msix_vectors = 9;
        p.mem_win_log2 = 24;
        hc = vpci_hal_core_create(&p, 0);
        ASSERT_NE(hc, nullptr);
        tm_attach(&m, vpci_hal_core_core(hc));
        m.pump = [](void *ctx) {
            auto *self = static_cast<FwBoundary *>(ctx);
            if (vpf_state(self->dev) == VPF_STATE_RUNNING)
                vpf_process(self->dev, 0);
        };
        m.pump_ctx = this;
        m.pump_limit = 200;
        for (unsigned i = 0; i < sizeof(echo.config); i++)
            echo.config[i] = (uint8_t)(0xc0 + i);
        struct vpf_config cfg = {};
        cfg.ops = &kEchoOps;
        cfg.ctx = &echo;
        cfg.mode = GetParam().mode;
        cfg.num_queues = kQueues;
        dev = vpf_create(vpci_hal_core_hal(hc), &cfg);
        ASSERT_NE(dev, nullptr);
        ASSERT_EQ(vpf_start(dev), 0);
        m.on_sent = [](void *ctx, uint32_t req) { static_cast<FwBoundary *>(ctx)->OnSent(req); };
        m.on_sent_ctx = this;
    }
    void TearDown() override
    {
        vpf_destroy(dev);
        vpci_hal_core_destroy(hc);
        tm_fini(&m);
    }

    // Run the firmware until it has nothing left to do.
    void PumpIdle()
    {
        for (unsigned i = 0, idle = 0; i < 200 && idle < 3; i++) {
            int r = vpf_state(dev) == VPF_STATE_RUNNING ? vpf_process(dev, 0) : 0;
            idle = r > 0 ? 0 : idle + 1;
        }
    }
    uint64_t FwMsgs()
    {
        struct vpf_stats s;
        vpf_get_stats(dev, &s);
        return s.msgs + s.msgs_stale;
    }
    uint64_t FwHandled()
    {
        struct vpf_stats s;
        vpf_get_stats(dev, &s);
        return s.msgs;
    }
    uint64_t CoreDelivered()
    {
        struct vpci_stats s;
        vpci_core_stats(m.core, &s);
        return s.m2s_msgs;
    }

    // The boundary action: the session is cut at message `cut_at`.
    void Act()
    {
        fired = true;
        if (GetParam().when == When::AfterProcessed) {
            uint64_t before = FwMsgs();
            PumpIdle();
            // Message k reached the firmware (adapter-answered requests never do).
            if (cut_at > 0 && last_req != VPCI_VU_REQ_GET_MAX_MEM_SLOTS) {
                EXPECT_GT(FwMsgs(), before) << "k=" << cut_at << ": message not processed";
            }
        }
        bound_at_cut = CoreDelivered() > delivered_at_connect;
        had_state_at_cut = FwHandled() > handled_at_connect;
        if (GetParam().action == Action::Disconnect) {
            tm_disconnect(&m);
        } else {
            vpf_stop(dev);
            EXPECT_EQ(vpf_start(dev), 0) << "k=" << cut_at;
        }
    }
    void OnSent(uint32_t req)
    {
        sent_in_session++;
        last_req = req;
        if (recording)
            recorded.push_back(req);
        if (!fired && cut_at >= 0 && sent_in_session == (unsigned)cut_at)
            Act();
    }

    bool Connect()
    {
        if (tm_connect(&m) != VPCI_OK)
            return false;
        sent_in_session = 0;
        delivered_at_connect = CoreDelivered();
        handled_at_connect = FwHandled();
        return true;
    }

    bool Stop() const { return fired; }

    // One request through vq @q, echoed XOR 0x5a.
    bool RoundTrip(unsigned q, uint32_t len, uint8_t seed)
    {
        uint64_t out = tm_alloc(&m, len, 8), in = tm_alloc(&m, len, 8);
        if (out == ~0ull || in == ~0ull)
            return false;
        auto *o = static_cast<uint8_t *>(tm_gpa(&m, out));
        for (uint32_t i = 0; i < len; i++)
            o[i] = (uint8_t)(seed + i * 7);
        struct tm_buf b[2] = {{out, len, false}, {in, len, true}};
        uint16_t head = tm_vq_add(&m, q, b, 2);
        tm_vq_kick(&m, q, false);
        uint32_t id = 0, ul = 0;
        bool got = false;
        for (unsigned i = 0; i < 50 && !got; i++) {
            m.pump(this);
            got = tm_vq_used(&m, q, &id, &ul);
        }
        if (!got || id != head || ul != len)
            return false;
        auto *r = static_cast<uint8_t *>(tm_gpa(&m, in));
        for (uint32_t i = 0; i < len; i++)
            if (r[i] != (uint8_t)(o[i] ^ 0x5a))
                return false;
        trips++;
        return true;
    }

    // A complete QEMU-like session on the current connection. Returns false
    // on the first failure (or once the boundary action fired).
    bool FullSession(std::string *why)
    {
        m.brk = 0x1000;
        memset(m.vr, 0, sizeof(m.vr));
        if (Stop()) {
            *why = "cut before the first message";
            return false;
        }
#define STEP(x)                                                                              \
    do {                                                                                     \
        if (!(x) || Stop()) {                                                                \
            *why = #x;                                                                       \
            return false;                                                                    \
        }                                                                                    \
    } while (0)
        STEP(tm_negotiate(&m, kRingFeatures, kAllProto));
        STEP(tm_set_mem_table(&m, true));
        for (unsigned q = 0; q < kQueues; q++)
            STEP(tm_vring_start(&m, q, 16, true, true));
        // Config space (GET_CONFIG) and the driver status (QEMU: SET_STATUS).
        uint8_t gc[12 + 16] = {};
        uint32_t off = 4, len = 16, sz = 0;
        memcpy(gc, &off, 4);
        memcpy(gc + 4, &len, 4);
        STEP(tm_send(&m, VPCI_VU_REQ_GET_CONFIG, 0, gc, sizeof(gc), nullptr, 0) == VPCI_OK);
        uint8_t rep[64] = {};
        STEP(tm_wait_reply(&m, VPCI_VU_REQ_GET_CONFIG, rep, sizeof(rep), &sz) && sz == 28);
        STEP(rep[12] == 0xc4 && rep[27] == 0xd3);
        STEP(tm_set_u64(&m, VPCI_VU_REQ_SET_STATUS, 0x0f, true));
        // Traffic on both queues.
        for (unsigned i = 0; i < kQueues * kTripsPerQueue; i++)
            STEP(RoundTrip(i % kQueues, 64 + 40 * i, (uint8_t)(i + sessions)));
        // Stop: SET_VRING_ENABLE 0 + GET_VRING_BASE per queue.
        for (unsigned q = 0; q < kQueues; q++) {
            uint32_t base = ~0u;
            STEP(tm_vring_stop(&m, q, &base));
            STEP(base == kTripsPerQueue);
        }
#undef STEP
        sessions++;
        return true;
    }

    // Every resource the master handed in since the ledger was cleared was
    // released exactly once; then forget them and unmap released memory.
    void CheckResourcesReleased(const char *where, int k)
    {
        unsigned mem = 0;
        EXPECT_EQ(m.res_overflow, 0u);
        EXPECT_EQ(m.unknown_releases, 0u) << where << " k=" << k;
        for (unsigned i = 0; i < m.nres; i++) {
            const tm_res_rec &r = m.res[i];
            if (r.kind == VPCI_RES_MEM)
                mem++;
            EXPECT_EQ(r.releases, 1u)
                << where << " k=" << k << ": resource kind " << r.kind << " of request "
                << r.request << " (cookie " << r.cookie << ") released " << r.releases << "x";
        }
        for (unsigned i = 0; i < m.nmaps; i++)
            EXPECT_TRUE(m.maps[i].released) << where << " k=" << k << ": a mapping kept";
        EXPECT_EQ(tm_reclaim(&m), mem) << where << " k=" << k;
        EXPECT_EQ(m.nmaps, 0u);
        tm_res_forget(&m);
    }

    // After the session ended: the firmware holds nothing of it.
    void CheckFirmwareDropped(const char *where, int k)
    {
        EXPECT_EQ(vpf_state(dev), VPF_STATE_RUNNING) << where << " k=" << k;
        EXPECT_FALSE(vpf_master_up(dev)) << where << " k=" << k;
        for (unsigned q = 0; q < kQueues; q++)
            EXPECT_FALSE(vpf_vq_ready(vpf_get_vq(dev, q))) << where << " k=" << k << " vq " << q;
        struct vpf_iov seg;
        EXPECT_FALSE(vpf_gpa_to_iov(dev, 0, 1, &seg)) << where << " k=" << k;
        EXPECT_FALSE(vpf_gpa_to_iov(dev, 1ull << 30, 1, &seg)) << where << " k=" << k;
    }

    void CheckClean(const char *where, int k)
    {
        struct vpf_stats st;
        vpf_get_stats(dev, &st);
        struct vpci_stats cs;
        vpci_core_stats(m.core, &cs);
        EXPECT_EQ(st.bad_chains, 0u) << where << " k=" << k;
        EXPECT_EQ(st.bad_msgs, 0u) << where << " k=" << k;
        EXPECT_EQ(echo.bad, 0u) << where << " k=" << k;
        EXPECT_EQ(cs.refused, 0u) << where << " k=" << k << ": " << m.last_log;
        unsigned errs = 0;
        for (unsigned e : m.errs)
            errs += e;
        EXPECT_EQ(errs, 0u) << where << " k=" << k;
    }

    // End the (complete) session of an iteration: the master leaves.
    void EndSession(int k)
    {
        tm_disconnect(&m);
        PumpIdle();
        CheckFirmwareDropped("end of the complete session", k);
        CheckResourcesReleased("end of the complete session", k);
    }

    test_master m = {}; // zeroed: TearDown runs tm_fini even for a test that never calls Init
    struct vpci_hal_core *hc = nullptr;
    struct vpf_dev *dev = nullptr;
    EchoDev echo;
    // Boundary state.
    int cut_at = -1;
    bool fired = false, recording = false, bound_at_cut = false, had_state_at_cut = false;
    unsigned sent_in_session = 0, sessions = 0, trips = 0;
    uint32_t last_req = 0;
    uint64_t delivered_at_connect = 0, handled_at_connect = 0;
    std::vector<uint32_t> recorded;
};

TEST_P(FwBoundary, CutAtEveryMessageBoundaryThenACompleteSessionWorks)
{
    const Case c = GetParam();
    std::string why;

    // 1. Record the complete sequence of one full session.
    ASSERT_TRUE(Connect());
    recording = true;
    ASSERT_TRUE(FullSession(&why)) << why << " " << m.last_log;
    recording = false;
    const unsigned n = (unsigned)recorded.size();
    std::string seq;
    for (uint32_t r : recorded)
        seq += std::to_string(r) + " ";
    RecordProperty("messages", (int)n);
    // negotiation 8 + mem table 1 + 2 x 7 vring + GET_CONFIG + SET_STATUS + 2 x 2 stop
    EXPECT_EQ(n, 29u) << "sequence: " << seq;
    EndSession(-1);
    CheckClean("recording", -1);
    ASSERT_FALSE(HasFailure()) << "sequence: " << seq;
    const unsigned fds0 = FdCount();

    // 2. Every boundary k = 0..N.
    for (unsigned k = 0; k <= n; k++) {
        SCOPED_TRACE("k=" + std::to_string(k) + " (after " +
                     (k ? "request " + std::to_string(recorded[k - 1]) : std::string("connect")) +
                     ")");
        const uint8_t s1 = (uint8_t)vpci_adapter_link_session_get(
            (uint32_t)vpci_mmio_read(m.core, 0, VPCI_ADAPTER_LINK_OFFSET, 4));
        const unsigned closes0 = m.closes, resets0 = echo.resets;
        fired = false;
        cut_at = (int)k;
        ASSERT_TRUE(Connect());
        if (k == 0)
            Act();
        why.clear();
        bool done = FullSession(&why);
        EXPECT_FALSE(done) << "the session ran to its end without being cut";
        ASSERT_TRUE(fired) << "boundary " << k << " never reached: " << why;
        EXPECT_EQ(sent_in_session, k) << "messages sent after the cut";
        cut_at = -1;
        PumpIdle();

        // The cut: what the master and the firmware see.
        bool kept = false;
        if (c.action == Action::Disconnect) {
            EXPECT_EQ(m.closes, closes0);
            EXPECT_FALSE(m.connected);
        } else if (bound_at_cut) {
            // Spec §4.4 step 3 / §10.4: a bound session is closed by the reset.
            EXPECT_EQ(m.closes, closes0 + 1);
            EXPECT_EQ(m.close_reason, VPCI_CLOSE_DRIVER_RESET);
            EXPECT_FALSE(m.connected);
        } else {
            // Nothing delivered yet: the unbound session is kept (§4.4, §9.3).
            EXPECT_EQ(k, 0u) << "a message was sent but none delivered";
            EXPECT_EQ(m.closes, closes0);
            EXPECT_TRUE(m.connected);
            kept = m.connected;
        }
        if (!kept) {
            CheckFirmwareDropped("after the cut", (int)k);
            CheckResourcesReleased("after the cut", (int)k);
            // A firmware that had handled a message of the session reset the device.
            if (had_state_at_cut) {
                EXPECT_GT(echo.resets, resets0) << "device reset not called";
            }
            // Reconnect: a new session, served from its first message.
            ASSERT_TRUE(Connect());
        }
        PumpIdle();
        EXPECT_TRUE(vpf_master_up(dev));
        const uint8_t s2 = vpf_session(dev);
        EXPECT_NE(s2, s1);
        EXPECT_EQ(s2, (uint8_t)vpci_adapter_link_session_get(
                          (uint32_t)vpci_mmio_read(m.core, 0, VPCI_ADAPTER_LINK_OFFSET, 4)));

        // The complete session after the cut.
        fired = false;
        const unsigned closes1 = m.closes;
        why.clear();
        EXPECT_TRUE(FullSession(&why)) << "new session failed at " << why << "; core: "
                                       << m.last_log;
        EXPECT_EQ(m.closes, closes1) << m.close_why;
        EXPECT_TRUE(m.connected);
        CheckClean("complete session", (int)k);
        EndSession((int)k);
        EXPECT_EQ(FdCount(), fds0) << "fd leak";
        if (HasFatalFailure())
            return;
    }
    // Every chain of every session was served once; n + 2 complete sessions.
    EXPECT_EQ(echo.handled, trips);
    EXPECT_EQ(sessions, n + 2);
}

INSTANTIATE_TEST_SUITE_P(
    Boundaries, FwBoundary,
    ::testing::Values(Case{Action::Disconnect, When::BeforeProcessed, VPF_MODE_INTERRUPT},
                      Case{Action::Disconnect, When::AfterProcessed, VPF_MODE_INTERRUPT},
                      Case{Action::Reset, When::BeforeProcessed, VPF_MODE_INTERRUPT},
                      Case{Action::Reset, When::AfterProcessed, VPF_MODE_INTERRUPT},
                      Case{Action::Disconnect, When::BeforeProcessed, VPF_MODE_POLL},
                      Case{Action::Reset, When::AfterProcessed, VPF_MODE_POLL},
                      Case{Action::Disconnect, When::AfterProcessed, VPF_MODE_ADAPTIVE},
                      Case{Action::Reset, When::BeforeProcessed, VPF_MODE_ADAPTIVE}),
    CaseName);

} // namespace
