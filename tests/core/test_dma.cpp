// SPDX-License-Identifier: MIT
// Tests of model/dma.c: request tags, the reset generation, write sequence
// numbers (MSI-X ordering, spec §5.7 rule 2), BUS_MASTER gating (§2.5) and
// the error path of vpci_dma_complete (RCVD_MASTER_ABORT, ERROR_CAUSE.DMA_ERR).
#include <gtest/gtest.h>

#include <cstring>
#include <memory>

#include "fake_platform.h"
extern "C" {
#include "vpci_internal.h"
}

namespace {

class Dma : public ::testing::Test {
protected:
    void SetUp() override
    {
        fake_init(&f, nullptr);
        ASSERT_NE(f.core, nullptr);
        c = f.core;
        fake_pci_enable(&f);
        f.defer_dma = true;
    }
    void TearDown() override { fake_fini(&f); }

    // Issue a request of source 0 (no queue engine): dma.c routes nothing
    // for it, so these tests see dma.c alone.
    bool issue(enum vpci_dma_dir dir, uint64_t addr, uint32_t len, void *buf)
    {
        vpci_enter(c);
        bool ok = vpci_dma_issue(c, (enum vpci_dma_source)0, dir, addr, len, buf);
        vpci_leave(c);
        return ok;
    }
    uint32_t last_tag() const { return f.pending[f.npending - 1].tag; }
    uint32_t cfg_status() { return vpci_cfg_read(c, VPCI_CFG_STATUS_OFFSET, 2); }
    uint32_t error_cause() { return fake_rd32(&f, VPCI_ADAPTER_ERROR_CAUSE_OFFSET); }

    // On the heap: the platform's event log is large.
    std::unique_ptr<fake_platform> fp = std::make_unique<fake_platform>();
    fake_platform &f = *fp;
    vpci_core *c = nullptr;
    vpci_stats st{};
};

TEST_F(Dma, NoRequestWhileBusMasterIsOff)
{
    uint8_t buf[16] = {};
    uint32_t cmd = vpci_cfg_read(c, VPCI_CFG_COMMAND_OFFSET, 2);
    vpci_cfg_write(c, VPCI_CFG_COMMAND_OFFSET, 2, cmd & ~VPCI_CFG_COMMAND_BUS_MASTER_MASK);
    EXPECT_FALSE(issue(VPCI_DMA_READ, FAKE_MEM_BASE, 16, buf));
    EXPECT_EQ(fake_count(&f, FAKE_EV_DMA_ISSUE), 0u);
    vpci_cfg_write(c, VPCI_CFG_COMMAND_OFFSET, 2, cmd);
    EXPECT_TRUE(issue(VPCI_DMA_READ, FAKE_MEM_BASE, 16, buf));
    EXPECT_EQ(fake_count(&f, FAKE_EV_DMA_ISSUE), 1u);
}

TEST_F(Dma, RejectsBadLengthsAndRunsOutOfSlots)
{
    uint8_t buf[VPCI_MAX_MSG_SIZE + 1] = {};
    EXPECT_FALSE(issue(VPCI_DMA_READ, FAKE_MEM_BASE, 0, buf));
    EXPECT_FALSE(issue(VPCI_DMA_READ, FAKE_MEM_BASE, VPCI_MAX_MSG_SIZE + 1, buf));
    for (unsigned i = 0; i < VPCI_DMA_SLOTS; i++)
        EXPECT_TRUE(issue(VPCI_DMA_READ, FAKE_MEM_BASE, 8, buf));
    EXPECT_FALSE(issue(VPCI_DMA_READ, FAKE_MEM_BASE, 8, buf));
    EXPECT_EQ(vpci_dma_outstanding(c), VPCI_DMA_SLOTS);
    fake_complete_one(&f);
    EXPECT_EQ(vpci_dma_outstanding(c), VPCI_DMA_SLOTS - 1);
    EXPECT_TRUE(issue(VPCI_DMA_READ, FAKE_MEM_BASE, 8, buf));
}

TEST_F(Dma, ReadDataArrivesInCallerBufferOnlyOnCompletion)
{
    uint8_t buf[8] = {};
    memcpy(fake_ptr(&f, FAKE_MEM_BASE + 64), "ABCDEFGH", 8);
    ASSERT_TRUE(issue(VPCI_DMA_READ, FAKE_MEM_BASE + 64, 8, buf));
    EXPECT_EQ(buf[0], 0);
    fake_complete_all(&f);
    EXPECT_EQ(memcmp(buf, "ABCDEFGH", 8), 0);
}

TEST_F(Dma, WriteDataIsCapturedAtIssue)
{
    uint8_t buf[8];
    memcpy(buf, "12345678", 8);
    ASSERT_TRUE(issue(VPCI_DMA_WRITE, FAKE_MEM_BASE + 128, 8, buf));
    memcpy(buf, "xxxxxxxx", 8); // the source is reused before the platform copies
    fake_complete_all(&f);
    EXPECT_EQ(memcmp(fake_ptr(&f, FAKE_MEM_BASE + 128), "12345678", 8), 0);
}

TEST_F(Dma, UnknownAndRepeatedTagsAreIgnored)
{
    uint8_t buf[8] = {};
    ASSERT_TRUE(issue(VPCI_DMA_READ, FAKE_MEM_BASE, 8, buf));
    uint32_t tag = last_tag();
    vpci_dma_complete(c, tag + VPCI_DMA_SLOTS, VPCI_DMA_ERROR); // same slot, other serial
    vpci_dma_complete(c, 0xffffffffu, VPCI_DMA_ERROR);
    EXPECT_EQ(vpci_dma_outstanding(c), 1u);
    EXPECT_EQ(error_cause(), 0u);
    fake_complete_all(&f);
    EXPECT_EQ(vpci_dma_outstanding(c), 0u);
    // The same tag again, after its slot was reused: the new request survives.
    ASSERT_TRUE(issue(VPCI_DMA_READ, FAKE_MEM_BASE, 8, buf));
    vpci_dma_complete(c, tag, VPCI_DMA_ERROR);
    EXPECT_EQ(vpci_dma_outstanding(c), 1u);
    EXPECT_EQ(error_cause(), 0u);
}

TEST_F(Dma, ErrorSetsMasterAbortAndDmaErrCause)
{
    uint8_t buf[8] = {};
    f.fail_lo = FAKE_MEM_BASE;
    f.fail_hi = FAKE_MEM_BASE + 4096;
    ASSERT_TRUE(issue(VPCI_DMA_WRITE, FAKE_MEM_BASE, 8, buf));
    EXPECT_EQ(cfg_status() & VPCI_CFG_STATUS_RCVD_MASTER_ABORT_MASK, 0u);
    fake_complete_all(&f);
    EXPECT_NE(cfg_status() & VPCI_CFG_STATUS_RCVD_MASTER_ABORT_MASK, 0u);
    EXPECT_NE(error_cause() & VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_MASK, 0u);
    EXPECT_EQ(fake_rd32(&f, VPCI_ADAPTER_ERROR_INFO_OFFSET) & 0xffu, VPCI_ERROR_CODE_DMA);
    vpci_core_stats(c, &st);
    EXPECT_EQ(st.dma_errors, 1u);
    // RCVD_MASTER_ABORT is rw1c.
    vpci_cfg_write(c, VPCI_CFG_STATUS_OFFSET, 2, VPCI_CFG_STATUS_RCVD_MASTER_ABORT_MASK);
    EXPECT_EQ(cfg_status() & VPCI_CFG_STATUS_RCVD_MASTER_ABORT_MASK, 0u);
}

TEST_F(Dma, StaleCompletionAfterResetIsDiscarded)
{
    uint8_t buf[8] = {};
    memcpy(fake_ptr(&f, FAKE_MEM_BASE), "OLDOLDOL", 8);
    f.fail_lo = FAKE_MEM_BASE;
    f.fail_hi = FAKE_MEM_BASE + 8;
    ASSERT_TRUE(issue(VPCI_DMA_READ, FAKE_MEM_BASE, 8, buf));
    fake_wr32(&f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    // Still outstanding on the platform: counted until it completes.
    EXPECT_EQ(vpci_dma_outstanding(c), 1u);
    fake_complete_all(&f); // fails, but it is stale: no error recorded
    EXPECT_EQ(vpci_dma_outstanding(c), 0u);
    EXPECT_EQ(error_cause(), 0u);
    EXPECT_EQ(cfg_status() & VPCI_CFG_STATUS_RCVD_MASTER_ABORT_MASK, 0u);
    EXPECT_EQ(buf[0], 0); // stale read data never reaches the caller
}

TEST_F(Dma, LateStaleReadDoesNotCorruptANewRequestOnTheSameBuffer)
{
    uint8_t buf[8] = {};
    memcpy(fake_ptr(&f, FAKE_MEM_BASE), "OLDOLDOL", 8);
    memcpy(fake_ptr(&f, FAKE_MEM_BASE + 64), "NEWNEWNE", 8);
    ASSERT_TRUE(issue(VPCI_DMA_READ, FAKE_MEM_BASE, 8, buf));
    fake_wr32(&f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    fake_pci_enable(&f);
    ASSERT_TRUE(issue(VPCI_DMA_READ, FAKE_MEM_BASE + 64, 8, buf));
    ASSERT_EQ(f.npending, 2u);
    EXPECT_NE(f.pending[0].buf, f.pending[1].buf); // each request owns its buffer
    // Complete the new one first, then the stale one (out of order).
    struct vpci_dma_req stale = f.pending[0];
    f.pending[0] = f.pending[1];
    f.pending[1] = stale;
    fake_complete_all(&f);
    EXPECT_EQ(memcmp(buf, "NEWNEWNE", 8), 0);
}

TEST_F(Dma, WritesDoneFollowsWriteSequenceInAnyCompletionOrder)
{
    uint8_t buf[8] = {};
    EXPECT_TRUE(vpci_dma_writes_done(c, vpci_dma_write_seq(c)));
    ASSERT_TRUE(issue(VPCI_DMA_WRITE, FAKE_MEM_BASE, 8, buf));
    uint64_t s1 = vpci_dma_write_seq(c);
    ASSERT_TRUE(issue(VPCI_DMA_READ, FAKE_MEM_BASE, 8, buf)); // reads do not count
    uint64_t s_read = vpci_dma_write_seq(c);
    ASSERT_TRUE(issue(VPCI_DMA_WRITE, FAKE_MEM_BASE + 8, 8, buf));
    uint64_t s2 = vpci_dma_write_seq(c);
    EXPECT_EQ(s_read, s1);
    EXPECT_GT(s2, s1);
    EXPECT_TRUE(vpci_dma_writes_done(c, s1 - 1));
    EXPECT_FALSE(vpci_dma_writes_done(c, s1));
    // Complete the second write first: the first one still holds s1 and s2.
    struct vpci_dma_req w1 = f.pending[0];
    f.pending[0] = f.pending[2];
    f.pending[2] = w1;
    fake_complete_one(&f);
    EXPECT_FALSE(vpci_dma_writes_done(c, s1));
    EXPECT_FALSE(vpci_dma_writes_done(c, s2));
    fake_complete_one(&f); // the read
    EXPECT_FALSE(vpci_dma_writes_done(c, s1));
    fake_complete_one(&f);
    EXPECT_TRUE(vpci_dma_writes_done(c, s2));
}

TEST_F(Dma, WritesIssuedBeforeResetStillBlockOrderingUntilComplete)
{
    uint8_t buf[8] = {};
    ASSERT_TRUE(issue(VPCI_DMA_WRITE, FAKE_MEM_BASE, 8, buf));
    uint64_t s = vpci_dma_write_seq(c);
    fake_wr32(&f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    EXPECT_FALSE(vpci_dma_writes_done(c, s));
    EXPECT_GE(vpci_dma_write_seq(c), s); // sequence numbers never go back
    fake_complete_all(&f);
    EXPECT_TRUE(vpci_dma_writes_done(c, s));
}

TEST_F(Dma, SynchronousCompletionFromInsideTheDmaCallback)
{
    uint8_t buf[8] = {};
    f.defer_dma = false;
    memcpy(fake_ptr(&f, FAKE_MEM_BASE), "SYNCSYNC", 8);
    ASSERT_TRUE(issue(VPCI_DMA_READ, FAKE_MEM_BASE, 8, buf));
    EXPECT_EQ(memcmp(buf, "SYNCSYNC", 8), 0);
    EXPECT_EQ(vpci_dma_outstanding(c), 0u);
    vpci_core_stats(c, &st);
    EXPECT_EQ(st.dma_reqs, 1u);
}

} // namespace
