// SPDX-License-Identifier: MIT
// test_ring_restart.cpp - a ring stopped and started again within one
// vhost-user session, with other virtio features the second time: what QEMU
// does when the firmware's driver (SeaBIOS: no EVENT_IDX, polls the used
// ring) hands the disk to the Linux driver (EVENT_IDX + INDIRECT_DESC,
// interrupt-driven). QEMU 7.2 on the virtio reset: SET_VRING_ENABLE 0,
// GET_VRING_BASE; on DRIVER_OK: SET_FEATURES, SET_VRING_NUM, SET_VRING_BASE
// (0 after the reset: virtio core's last_avail_idx is reset with the
// device), SET_VRING_ADDR (fresh rings), SET_VRING_KICK, SET_VRING_CALL,
// SET_VRING_ENABLE 1. Nothing of the ring's first run may leak into the
// second: every request of the new driver is served AND signalled (a call
// the driver never gets is a hung disk probe). Also the same ring resumed at
// the base GET_VRING_BASE returned (a stop/start without a reset).
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <tuple>
#include <vector>

#include "blk.h"
#include "hal_core.h"
#include "test_master.h"
#include "vpf.h"

namespace {

constexpr uint64_t kRegion = 16ull << 20;
constexpr uint64_t kDisk = 1ull << 20;
constexpr unsigned kRing = 128;
constexpr uint64_t kBlkFeatures = (1ull << VPF_BLK_F_SEG_MAX) | (1ull << VPF_BLK_F_BLK_SIZE) |
                                  (1ull << VPF_BLK_F_FLUSH) | (1ull << VPF_VIRTIO_F_VERSION_1);
constexpr uint64_t kEvtIndirect = (1ull << VPF_VIRTIO_F_EVENT_IDX) |
                                  (1ull << VPF_VIRTIO_F_INDIRECT_DESC);
constexpr uint64_t kProto = (1ull << VPCI_PROTO_F_MQ) | (1ull << VPCI_PROTO_F_REPLY_ACK) |
                            (1ull << VPCI_PROTO_F_CONFIG) | (1ull << VPCI_PROTO_F_CONFIGURE_MEM_SLOTS) |
                            (1ull << VPCI_PROTO_F_STATUS);
constexpr uint16_t kAvailNoInterrupt = 1;
constexpr uint16_t kDescNext = 1, kDescWrite = 2, kDescIndirect = 4;

const char *ModeName(enum vpf_mode m)
{
    return m == VPF_MODE_INTERRUPT ? "Interrupt" : m == VPF_MODE_POLL ? "Poll" : "Adaptive";
}

// How the second run starts: QEMU after a virtio reset (fresh rings, base
// 0), or the same rings resumed at the base GET_VRING_BASE returned.
enum class Restart { kFreshRings, kSameRings };

// Parameters: firmware mode, how the ring restarts, indirect tables in the
// second run, requests the first run serves (the second run's first batch
// is as large: its used index then lands where the first run's last call
// decision left it, 1 being what SeaBIOS does: it reads the MBR).
using Param = std::tuple<enum vpf_mode, Restart, bool, unsigned>;

class RingRestart : public ::testing::TestWithParam<Param> {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(tm_init(&m, 1, kRegion));
        struct vpci_params p;
        vpci_params_default(&p);
        p.num_vqs = 2;
        p.msix_vectors = 3;
        p.mem_win_log2 = 24;
        hc = vpci_hal_core_create(&p, 0);
        ASSERT_NE(hc, nullptr);
        tm_attach(&m, vpci_hal_core_core(hc));
        m.pump = [](void *ctx) { static_cast<RingRestart *>(ctx)->Step(); };
        m.pump_ctx = this;
        struct vpf_blk_opts o = {};
        o.mode = std::get<0>(GetParam());
        o.fd = -1;
        o.capacity = kDisk;
        b = vpf_blk_create(vpci_hal_core_hal(hc), &o);
        ASSERT_NE(b, nullptr);
        uint8_t *ram = vpf_blk_ram(b);
        for (uint64_t i = 0; i < kDisk; i++)
            ram[i] = (uint8_t)(i * 7 + i / 512);
        ASSERT_EQ(vpf_blk_start(b), 0);
        ASSERT_EQ(tm_connect(&m), VPCI_OK);
    }
    void TearDown() override
    {
        vpf_blk_destroy(b);
        vpci_hal_core_destroy(hc);
        tm_fini(&m);
    }
    void Step()
    {
        if (vpf_state(vpf_blk_dev(b)) == VPF_STATE_RUNNING)
            vpf_blk_step(b, 0);
    }
    bool VringState(uint32_t request, uint32_t num)
    {
        return tm_set_u64(&m, request, (uint64_t)num << 32 | 0u, true);
    }
    // The same rings again, at @base, with the features now acked.
    bool RestartSameRings(uint32_t base)
    {
        struct tm_vring *r = &m.vr[0];
        r->event_idx = (m.features >> VPF_VIRTIO_F_EVENT_IDX) & 1;
        r->kicked_idx = r->avail_idx;
        if (!VringState(VPCI_VU_REQ_SET_VRING_NUM, r->num) || !VringState(VPCI_VU_REQ_SET_VRING_BASE, base))
            return false;
        struct {
            uint32_t index, flags;
            uint64_t desc, used, avail, log;
        } a = {0, 0, tm_uva(&m, r->desc_gpa), tm_uva(&m, r->used_gpa), tm_uva(&m, r->avail_gpa), 0};
        if (tm_send(&m, VPCI_VU_REQ_SET_VRING_ADDR, 0, &a, 40, nullptr, 0) != VPCI_OK)
            return false;
        uint64_t k = 0;
        struct vpci_res kr = tm_res_kick(&m);
        if (tm_send(&m, VPCI_VU_REQ_SET_VRING_KICK, 0, &k, 8, &kr, 1) != VPCI_OK)
            return false;
        uint64_t c = 0;
        struct vpci_res cr = tm_res_notifier(&m);
        if (tm_send(&m, VPCI_VU_REQ_SET_VRING_CALL, 0, &c, 8, &cr, 1) != VPCI_OK)
            return false;
        return VringState(VPCI_VU_REQ_SET_VRING_ENABLE, 1);
    }
    uint16_t *AvailFlags() { return static_cast<uint16_t *>(tm_gpa(&m, m.vr[0].avail_gpa)); }
    // A 512-byte read of @sector into @buf; the header is at @hdr, the
    // status byte at @hdr + 16. With @indirect, through an indirect table.
    uint16_t Read(uint64_t sector, uint64_t hdr, uint64_t buf, bool indirect)
    {
        struct tm_buf d = {buf, 512, true};
        if (!indirect)
            return tm_blk_submit(&m, 0, VPF_BLK_T_IN, sector, hdr, &d, 1);
        uint8_t *h = static_cast<uint8_t *>(tm_gpa(&m, hdr));
        uint32_t type = VPF_BLK_T_IN, prio = 0;
        memcpy(h, &type, 4);
        memcpy(h + 4, &prio, 4);
        memcpy(h + 8, &sector, 8);
        h[16] = 0xee;
        uint64_t tbl = tm_alloc(&m, 48, 16);
        uint8_t *t = static_cast<uint8_t *>(tm_gpa(&m, tbl));
        auto put = [&](unsigned i, uint64_t addr, uint32_t len, uint16_t fl, uint16_t next) {
            memcpy(t + 16 * i, &addr, 8);
            memcpy(t + 16 * i + 8, &len, 4);
            memcpy(t + 16 * i + 12, &fl, 2);
            memcpy(t + 16 * i + 14, &next, 2);
        };
        put(0, hdr, 16, kDescNext, 1);
        put(1, buf, 512, kDescWrite | kDescNext, 2);
        put(2, hdr + 16, 1, kDescWrite, 0);
        struct tm_vring *r = &m.vr[0];
        uint16_t head = (uint16_t)(r->next_desc++ % r->num);
        tm_vq_desc(&m, 0, head, tbl, 48, kDescIndirect, 0);
        tm_vq_publish(&m, 0, head);
        return head;
    }
    // A polling driver (SeaBIOS): pump until the used ring moves.
    bool PollOne(uint16_t head)
    {
        for (int i = 0; i < 200; i++) {
            Step();
            uint32_t id, len;
            if (tm_vq_used(&m, 0, &id, &len))
                return id == head && len == 513;
        }
        return false;
    }
    // An interrupt-driven driver (Linux): it looks at the used ring only
    // when a call arrives; true if @heads were all completed then.
    bool IrqWait(const std::vector<uint16_t> &heads)
    {
        unsigned calls = m.calls[0];
        for (int i = 0; i < 200 && m.calls[0] == calls; i++)
            Step();
        if (m.calls[0] == calls)
            return false;
        for (uint16_t head : heads) {
            uint32_t id, len;
            if (!tm_vq_used(&m, 0, &id, &len) || id != head || len != 513)
                return false;
        }
        return true;
    }
    bool IrqOne(uint16_t head) { return IrqWait({head}); }
    bool SectorMatches(uint64_t sector, uint64_t buf)
    {
        return memcmp(tm_gpa(&m, buf), vpf_blk_ram(b) + sector * 512, 512) == 0;
    }

    struct test_master m = {};
    struct vpci_hal_core *hc = nullptr;
    struct vpf_blk *b = nullptr;
};

TEST_P(RingRestart, RequestsAfterARestartWithEventIdxAreServedAndSignalled)
{
    const Restart how = std::get<1>(GetParam());
    const bool indirect = std::get<2>(GetParam());
    const unsigned first = std::get<3>(GetParam());

    // Run 1, SeaBIOS: no EVENT_IDX, no INDIRECT, interrupts off, polls.
    ASSERT_TRUE(tm_negotiate(&m, kBlkFeatures, kProto));
    ASSERT_TRUE(tm_set_mem_table(&m, true));
    ASSERT_TRUE(tm_vring_start(&m, 0, kRing, true, true));
    *AvailFlags() = kAvailNoInterrupt;
    uint64_t hdr = tm_alloc(&m, 32, 16), buf = tm_alloc(&m, 512, 512);
    ASSERT_NE(buf, ~0ull);
    for (unsigned i = 0; i < first; i++) {
        uint16_t head = Read(i, hdr, buf, false);
        tm_vq_kick(&m, 0, false);
        ASSERT_TRUE(PollOne(head)) << "run 1 request " << i;
        EXPECT_EQ(tm_blk_status(&m, hdr), VPF_BLK_S_OK);
        EXPECT_TRUE(SectorMatches(i, buf));
    }
    EXPECT_EQ(m.calls[0], 0u); // NO_INTERRUPT honoured

    // The driver resets the device: QEMU stops the ring.
    uint32_t base = 0xffff;
    ASSERT_TRUE(tm_vring_stop(&m, 0, &base));
    EXPECT_EQ(base, first);

    // Run 2, Linux: EVENT_IDX + INDIRECT_DESC, interrupt-driven.
    m.features |= kEvtIndirect;
    ASSERT_TRUE(tm_set_u64(&m, VPCI_VU_REQ_SET_FEATURES, m.features, true));
    if (how == Restart::kFreshRings) {
        ASSERT_TRUE(tm_vring_start(&m, 0, kRing, true, true)); // base 0, new rings
    } else {
        ASSERT_TRUE(RestartSameRings(base));
        *AvailFlags() = 0; // interrupts wanted again (used_event rules now)
    }
    ASSERT_TRUE(m.vr[0].event_idx);
    EXPECT_TRUE(vpf_features(vpf_blk_dev(b)) & (1ull << VPF_VIRTIO_F_EVENT_IDX));
    // The first batch: @first requests, one kick, one call expected.
    std::vector<uint64_t> hdrs, bufs;
    std::vector<uint16_t> heads;
    for (unsigned i = 0; i < first; i++) {
        hdrs.push_back(tm_alloc(&m, 32, 16));
        bufs.push_back(tm_alloc(&m, 512, 512));
        ASSERT_NE(bufs.back(), ~0ull);
        heads.push_back(Read(50 + i, hdrs[i], bufs[i], indirect));
    }
    tm_vq_kick(&m, 0, false);
    ASSERT_TRUE(IrqWait(heads)) << "run 2 first batch: not served or not signalled";
    for (unsigned i = 0; i < first; i++) {
        EXPECT_EQ(tm_blk_status(&m, hdrs[i]), VPF_BLK_S_OK);
        EXPECT_TRUE(SectorMatches(50 + i, bufs[i]));
    }
    for (unsigned i = 0; i < 20; i++) {
        uint64_t sector = 100 + i;
        uint16_t head = Read(sector, hdr, buf, indirect && (i % 2 == 0));
        tm_vq_kick(&m, 0, false);
        ASSERT_TRUE(IrqOne(head)) << "run 2 request " << i << ": not served or not signalled";
        EXPECT_EQ(tm_blk_status(&m, hdr), VPF_BLK_S_OK);
        EXPECT_TRUE(SectorMatches(sector, buf));
    }
    struct vpf_stats st;
    vpf_get_stats(vpf_blk_dev(b), &st);
    EXPECT_EQ(st.bad_chains, 0u);
    EXPECT_EQ(m.errs[0], 0u);

    // And once more: a second stop/start keeps working.
    ASSERT_TRUE(tm_vring_stop(&m, 0, &base));
    if (how == Restart::kFreshRings)
        EXPECT_EQ(base, first + 20u);
    else
        EXPECT_EQ(base, 2 * first + 20u);
    if (how == Restart::kFreshRings) {
        ASSERT_TRUE(tm_vring_start(&m, 0, kRing, true, true));
    } else {
        ASSERT_TRUE(RestartSameRings(base));
    }
    uint16_t head = Read(7, hdr, buf, indirect);
    tm_vq_kick(&m, 0, false);
    ASSERT_TRUE(IrqOne(head)) << "run 3: not served or not signalled";
    EXPECT_TRUE(SectorMatches(7, buf));
}

INSTANTIATE_TEST_SUITE_P(
    Modes, RingRestart,
    ::testing::Combine(::testing::Values(VPF_MODE_INTERRUPT, VPF_MODE_POLL, VPF_MODE_ADAPTIVE),
                       ::testing::Values(Restart::kFreshRings, Restart::kSameRings),
                       ::testing::Bool(), ::testing::Values(1u, 3u)),
    [](const ::testing::TestParamInfo<Param> &i) {
        return std::string(ModeName(std::get<0>(i.param))) +
               (std::get<1>(i.param) == Restart::kFreshRings ? "FreshRings" : "SameRings") +
               (std::get<2>(i.param) ? "Indirect" : "Direct") + "After" +
               std::to_string(std::get<3>(i.param));
    });

} // namespace
