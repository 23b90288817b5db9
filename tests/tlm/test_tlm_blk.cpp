// SPDX-License-Identifier: MIT
// test_tlm_blk.cpp - the virtio-blk firmware on the virtual platform (TLM
// module, TLM HAL port in an SC_THREAD, test master beside it): the blk
// scenario runs to completion, and gives the same messages to the master,
// the same notifications and the same disk as on the core alone (direct HAL
// port); in DMI (pointer) and accessor window modes; and every MSI-X write
// on the adapter's initiator socket begins after every earlier DMA write of
// the adapter has returned (spec §5.7 rule 2, §12.2).
#include <gtest/gtest.h>

#include "sc_test.h"
#include "vp_run.h"

namespace {

constexpr unsigned kReqs = 48;
constexpr uint64_t kSeed = 0x7e57b1c;

vp::config BlkConfig()
{
    vp::config c;
    c.params = vprun::blk_params();
    return c;
}

void ExpectSameAsCoreAlone(const vprun::result &vp)
{
    vprun::result direct = vprun::blk_direct(VPF_MODE_INTERRUPT, kReqs, kSeed);
    ASSERT_EQ(direct.err, "");
    ASSERT_EQ(vp.err, "");
    EXPECT_GT(direct.t.events.size(), 20u);
    EXPECT_EQ(vp.t.events.size(), direct.t.events.size());
    for (size_t i = 0; i < vp.t.events.size() && i < direct.t.events.size(); i++) {
        ASSERT_EQ(vp.t.events[i], direct.t.events[i])
            << "messages and notifications to the master differ at #" << i;
    }
    EXPECT_TRUE(vp.t.disk == direct.t.disk) << "disk contents";
    EXPECT_GT(vp.msis, 0u);
    EXPECT_GT(vp.sim_seconds, 0.0);
}

TEST(TlmBlk, ScenarioWithDmiMatchesTheCoreAlone)
{
    sctest::RequireFirstElaboration();
    vprun::result vp = vprun::blk_vp(BlkConfig(), VPF_MODE_INTERRUPT, true, kReqs, kSeed);
    ExpectSameAsCoreAlone(vp);
    EXPECT_GT(vp.cpu.win_maps, 0u) << "the firmware used DMI pointers";
    EXPECT_EQ(vp.cpu.win_reads + vp.cpu.win_writes, 0u);
    EXPECT_GT(vp.adapter.dmi_grants, 0u);
    EXPECT_GT(vp.adapter.dmi_invalidations, 0u) << "the disconnect withdrew the translations";
}

TEST(TlmBlk, ScenarioWithWindowAccessorsMatchesTheCoreAlone)
{
    sctest::RequireFirstElaboration();
    vprun::result vp = vprun::blk_vp(BlkConfig(), VPF_MODE_INTERRUPT, false, kReqs, kSeed);
    ExpectSameAsCoreAlone(vp);
    EXPECT_EQ(vp.cpu.win_maps, 0u);
    EXPECT_GT(vp.cpu.win_reads, 0u) << "window reads went through b_transport";
    EXPECT_GT(vp.cpu.win_writes, 0u);
}

TEST(TlmBlk, MsiWritesBeginAfterEveryEarlierDmaWriteReturned)
{
    sctest::RequireFirstElaboration();
    std::vector<vp::router::trace_rec> trace;
    vprun::hooks h;
    h.setup = [&](vp::platform &plat, test_master &) {
        plat.bus.on_transaction = [&](const vp::router::trace_rec &r) { trace.push_back(r); };
    };
    vprun::result vp = vprun::blk_vp(BlkConfig(), VPF_MODE_INTERRUPT, true, 16, kSeed, h);
    EXPECT_EQ(vp.err, ""); // the order is checked on whatever ran
    constexpr unsigned kAdapter = 1; // the adapter's DMA socket is the router's initiator 1
    unsigned msis = 0, dma_writes = 0, checked = 0;
    for (const auto &m : trace) {
        if (m.initiator != kAdapter || m.addr < vp::kMsiBase || m.addr >= vp::kMsiBase + vp::kMsiSize)
            continue;
        msis++;
        EXPECT_TRUE(m.write);
        EXPECT_EQ(m.len, 4u);
        for (const auto &d : trace) {
            bool dma_write = d.initiator == kAdapter && d.write && d.addr >= vp::kRamBase &&
                             d.addr < vp::kRamBase + (16ull << 20);
            if (!dma_write || d.seq_begin > m.seq_begin)
                continue;
            checked++;
            EXPECT_LT(d.seq_end, m.seq_begin) << "DMA write at 0x" << std::hex << d.addr
                                              << " still in flight when the MSI-X write began";
            EXPECT_LE(d.end, m.begin) << "MSI-X write annotated before an earlier DMA write ended";
        }
    }
    for (const auto &d : trace)
        dma_writes += d.initiator == kAdapter && d.write && d.addr >= vp::kRamBase;
    EXPECT_GT(msis, 10u);
    EXPECT_GT(dma_writes, msis);
    EXPECT_GT(checked, 0u);
}

} // namespace
