// SPDX-License-Identifier: MIT
// Tests of model/vq.c (docs/spec.md §4.8 VQ, §5.7 rules 3 and 6; brief
// "Resources and gating"): per-vq vectors behind SEL, vector and index range
// checks, VSTATUS, the KICK_PENDING latch, kicks, arming and withdrawal.
#include <gtest/gtest.h>

#include "core_fixture.h"

#include <vector>

extern "C" {
#include "fake_platform.h"
#include "vpci_internal.h"
}

namespace {

class VqTest : public CoreTest {
protected:
    void init_with(uint32_t num_vqs, uint32_t vectors)
    {
        vpci_params p;
        vpci_params_default(&p);
        p.num_vqs = num_vqs;
        p.msix_vectors = vectors;
        init(&p);
    }
    void arm(vpci_action_op op, uint16_t vq, vpci_res_kind kind, uint64_t cookie)
    {
        vpci_res r{};
        r.kind = kind;
        r.cookie = cookie;
        vpci_enter(f.core);
        vpci_vq_arm(f.core, op, vq, &r);
        vpci_leave(f.core);
    }
    void set_vector(uint32_t vq, uint32_t v)
    {
        fake_wr32(&f, VPCI_VQ_SEL_OFFSET, vq);
        fake_wr32(&f, VPCI_VQ_VECTOR_OFFSET, v);
    }
    uint32_t vector(uint32_t vq)
    {
        fake_wr32(&f, VPCI_VQ_SEL_OFFSET, vq);
        return fake_rd32(&f, VPCI_VQ_VECTOR_OFFSET);
    }
    uint32_t vstatus(uint32_t vq)
    {
        fake_wr32(&f, VPCI_VQ_SEL_OFFSET, vq);
        return fake_rd32(&f, VPCI_VQ_VSTATUS_OFFSET);
    }
    uint32_t kick_pending(unsigned w) { return fake_rd32(&f, VPCI_VQ_KICK_PENDING_OFFSET(w)); }
    // MSI-X on, every vector unmasked with data = vector number.
    void msix_on(unsigned nvec)
    {
        vpci_cfg_write(f.core, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
        for (unsigned v = 0; v < nvec; v++) {
            fake_wr32(&f, VPCI_MSIX_TBL_OFFSET + 16 * v, 0xfee00000u);
            fake_wr32(&f, VPCI_MSIX_TBL_OFFSET + 16 * v + 8, v);
            fake_wr32(&f, VPCI_MSIX_TBL_OFFSET + 16 * v + 12, 0);
        }
    }
    std::vector<uint32_t> msi_vectors()
    {
        std::vector<uint32_t> v;
        for (unsigned i = 0; i < f.nev; i++)
            if (f.ev[i].type == FAKE_EV_MSI)
                v.push_back(f.ev[i].c);
        return v;
    }
    uint32_t error_cause() { return fake_rd32(&f, VPCI_ADAPTER_ERROR_CAUSE_OFFSET); }
    uint32_t error_info() { return fake_rd32(&f, VPCI_ADAPTER_ERROR_INFO_OFFSET); }
    vpci_stats stats()
    {
        vpci_stats s;
        vpci_core_stats(f.core, &s);
        return s;
    }
};

TEST_F(VqTest, EveryVectorResetsToNoVector)
{
    for (uint32_t vq = 0; vq < VPCI_PARAM_NUM_VQS_DEFAULT; vq++)
        EXPECT_EQ(vector(vq), VPCI_NO_VECTOR) << vq;
}

TEST_F(VqTest, VectorIsStoredPerSelectedVq)
{
    for (uint32_t vq = 0; vq < 64; vq++)
        set_vector(vq, vq % 65);
    for (uint32_t vq = 0; vq < 64; vq++)
        EXPECT_EQ(vector(vq), vq % 65) << vq;
    set_vector(10, VPCI_NO_VECTOR);
    EXPECT_EQ(vector(10), VPCI_NO_VECTOR);
    EXPECT_EQ(vector(11), 11u);
    EXPECT_EQ(error_cause(), 0u);
}

TEST_F(VqTest, VectorBeyondMsixVectorsIsDroppedWithVectorRange)
{
    set_vector(3, 7);
    set_vector(3, VPCI_PARAM_MSIX_VECTORS_DEFAULT); // 65: one past the table
    EXPECT_EQ(vector(3), 7u);
    EXPECT_EQ(error_cause(), VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_MASK);
    EXPECT_EQ(error_info(), VPCI_ERROR_CODE_VECTOR_RANGE | (65u << 8));
    set_vector(3, 0xfffe);
    EXPECT_EQ(vector(3), 7u);
    EXPECT_EQ(error_info(), VPCI_ERROR_CODE_VECTOR_RANGE | (0xfffeu << 8));
    // Upper half of the register is not part of the field.
    set_vector(3, 0xabcd0002u);
    EXPECT_EQ(vector(3), 2u);
}

TEST_F(VqTest, ByteWriteOfVectorMergesWithTheCurrentValue)
{
    set_vector(1, 0x0010);
    fake_wr32(&f, VPCI_VQ_SEL_OFFSET, 1);
    vpci_mmio_write(f.core, 0, VPCI_VQ_VECTOR_OFFSET, 1, 0x20);
    EXPECT_EQ(vector(1), 0x20u);
    // From NO_VECTOR a low byte alone gives 0xff20: out of range, dropped.
    set_vector(1, VPCI_NO_VECTOR);
    vpci_mmio_write(f.core, 0, VPCI_VQ_VECTOR_OFFSET, 1, 0x20);
    EXPECT_EQ(vector(1), VPCI_NO_VECTOR);
    EXPECT_EQ(error_info() & 0xffu, VPCI_ERROR_CODE_VECTOR_RANGE);
}

TEST_F(VqTest, SelBeyondNumVqsRecordsVqRangeAndGatesVector)
{
    set_vector(63, 5);
    fake_wr32(&f, VPCI_VQ_SEL_OFFSET, 64);
    EXPECT_EQ(error_cause(), VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_MASK);
    EXPECT_EQ(error_info(), VPCI_ERROR_CODE_VQ_RANGE | (64u << 8));
    EXPECT_EQ(fake_rd32(&f, VPCI_VQ_SEL_OFFSET), 64u); // SEL keeps the value
    EXPECT_EQ(fake_rd32(&f, VPCI_VQ_VECTOR_OFFSET), VPCI_NO_VECTOR);
    EXPECT_EQ(fake_rd32(&f, VPCI_VQ_VSTATUS_OFFSET), 0u);
    fake_wr32(&f, VPCI_ADAPTER_ERROR_CAUSE_OFFSET, 0xffffffffu);
    fake_wr32(&f, VPCI_VQ_VECTOR_OFFSET, 1);
    EXPECT_EQ(error_cause(), VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_MASK);
    EXPECT_EQ(error_info(), VPCI_ERROR_CODE_VQ_RANGE | (64u << 8));
    EXPECT_EQ(vector(63), 5u); // nothing aliased onto a real vq
    fake_wr32(&f, VPCI_VQ_SEL_OFFSET, 0xffff);
    fake_wr32(&f, VPCI_VQ_VECTOR_OFFSET, 1);
    for (uint32_t vq = 0; vq < 63; vq++)
        EXPECT_EQ(vector(vq), VPCI_NO_VECTOR);
}

TEST_F(VqTest, VstatusShowsArmedResourcesAndPollingDeclarations)
{
    EXPECT_EQ(vstatus(2), 0u);
    arm(VPCI_ACT_ARM_KICK, 2, VPCI_RES_KICK, 1);
    EXPECT_EQ(vstatus(2), VPCI_VQ_VSTATUS_KICK_MASK);
    arm(VPCI_ACT_ARM_CALL, 2, VPCI_RES_NOTIFIER, 2);
    arm(VPCI_ACT_ARM_ERR, 2, VPCI_RES_NOTIFIER, 3);
    EXPECT_EQ(vstatus(2), VPCI_VQ_VSTATUS_KICK_MASK | VPCI_VQ_VSTATUS_CALL_MASK |
                              VPCI_VQ_VSTATUS_ERR_MASK);
    arm(VPCI_ACT_ARM_KICK, 2, VPCI_RES_NONE, 0);
    arm(VPCI_ACT_ARM_CALL, 2, VPCI_RES_NONE, 0);
    EXPECT_EQ(vstatus(2), VPCI_VQ_VSTATUS_ERR_MASK | VPCI_VQ_VSTATUS_KICK_NOFD_MASK |
                              VPCI_VQ_VSTATUS_CALL_NOFD_MASK);
    EXPECT_EQ(vstatus(3), 0u);
    fake_wr32(&f, VPCI_VQ_VSTATUS_OFFSET, 0xffffffffu); // read-only
    EXPECT_EQ(vstatus(3), 0u);
}

TEST_F(VqTest, ArmingReplacesAndReleasesThePreviousResource)
{
    arm(VPCI_ACT_ARM_KICK, 0, VPCI_RES_KICK, 0xa);
    EXPECT_EQ(f.releases, 0u);
    arm(VPCI_ACT_ARM_KICK, 0, VPCI_RES_KICK, 0xb);
    ASSERT_EQ(f.releases, 1u);
    EXPECT_EQ(f.ev[f.nev - 1].type, FAKE_EV_RELEASE);
    EXPECT_EQ(f.ev[f.nev - 1].a, 0xau);
    arm(VPCI_ACT_ARM_KICK, 0, VPCI_RES_NONE, 0); // NOFD replaces it too
    EXPECT_EQ(f.releases, 2u);
    EXPECT_EQ(f.ev[f.nev - 1].a, 0xbu);
}

TEST_F(VqTest, ArmingAnOutOfRangeVqReleasesTheResource)
{
    arm(VPCI_ACT_ARM_CALL, 64, VPCI_RES_NOTIFIER, 0x64);
    EXPECT_EQ(f.releases, 1u);
    EXPECT_EQ(fake_rd32(&f, VPCI_ADAPTER_ERROR_CAUSE_OFFSET), 0u);
}

TEST_F(VqTest, ArmedKickLatchesAndSendsItsVector)
{
    msix_on(65);
    set_vector(5, 2);
    arm(VPCI_ACT_ARM_KICK, 5, VPCI_RES_KICK, 5);
    vpci_master_kick(f.core, 5);
    EXPECT_EQ(kick_pending(0), 1u << 5);
    EXPECT_EQ(msi_vectors(), std::vector<uint32_t>{2});
    EXPECT_EQ(stats().kicks, 1u);
    EXPECT_EQ(stats().msi_sent, 1u);
}

TEST_F(VqTest, KickLatchIsSetBeforeTheVectorIsSent)
{
    // The MSI is held (vector masked); the latch is already visible.
    msix_on(65);
    fake_wr32(&f, VPCI_MSIX_TBL_OFFSET + 16 * 2 + 12, 1);
    set_vector(5, 2);
    arm(VPCI_ACT_ARM_KICK, 5, VPCI_RES_KICK, 5);
    vpci_master_kick(f.core, 5);
    EXPECT_TRUE(msi_vectors().empty());
    EXPECT_EQ(kick_pending(0), 1u << 5);
    EXPECT_EQ(fake_rd32(&f, VPCI_MSIX_PBA_OFFSET), 1u << 2);
}

TEST_F(VqTest, KickWithNoVectorOnlyLatches)
{
    msix_on(65);
    arm(VPCI_ACT_ARM_KICK, 40, VPCI_RES_KICK, 40);
    vpci_master_kick(f.core, 40);
    EXPECT_EQ(kick_pending(1), 1u << 8);
    EXPECT_TRUE(msi_vectors().empty());
}

TEST_F(VqTest, KickOfUnarmedOrOutOfRangeVqIsDroppedAndCounted)
{
    msix_on(65);
    set_vector(1, 1);
    vpci_master_kick(f.core, 1);     // not armed yet (gating)
    vpci_master_kick(f.core, 64);    // beyond NUM_VQS
    vpci_master_kick(f.core, 0xffff);
    arm(VPCI_ACT_ARM_KICK, 1, VPCI_RES_NONE, 0); // polling: no kick source
    vpci_master_kick(f.core, 1);
    for (unsigned w = 0; w < 8; w++)
        EXPECT_EQ(kick_pending(w), 0u);
    EXPECT_TRUE(msi_vectors().empty());
    EXPECT_EQ(stats().kicks_dropped, 4u);
    EXPECT_EQ(stats().kicks, 0u);
    EXPECT_EQ(error_cause(), 0u);
}

TEST_F(VqTest, KickPendingIsWriteOneToClear)
{
    for (uint16_t vq : {0, 1, 31, 32, 63}) {
        arm(VPCI_ACT_ARM_KICK, vq, VPCI_RES_KICK, vq);
        vpci_master_kick(f.core, vq);
    }
    EXPECT_EQ(kick_pending(0), 0x80000003u);
    EXPECT_EQ(kick_pending(1), 0x80000001u);
    fake_wr32(&f, VPCI_VQ_KICK_PENDING_OFFSET(0), 0x2u);
    EXPECT_EQ(kick_pending(0), 0x80000001u);
    fake_wr32(&f, VPCI_VQ_KICK_PENDING_OFFSET(1), 0);
    EXPECT_EQ(kick_pending(1), 0x80000001u);
    vpci_mmio_write(f.core, 0, VPCI_VQ_KICK_PENDING_OFFSET(1) + 3, 1, 0x80);
    EXPECT_EQ(kick_pending(1), 0x1u);
}

TEST_F(VqTest, MoreVirtqueuesThanVectorsShareVectorsAndKickPendingTellsWhich)
{
    init_with(16, 2); // 16 vqs, vectors 0 (adapter) and 1 (all kicks)
    msix_on(2);
    for (uint16_t vq = 0; vq < 16; vq++) {
        set_vector(vq, 1);
        arm(VPCI_ACT_ARM_KICK, vq, VPCI_RES_KICK, vq);
    }
    set_vector(3, 2); // no third vector
    EXPECT_EQ(error_info(), VPCI_ERROR_CODE_VECTOR_RANGE | (2u << 8));
    EXPECT_EQ(vector(3), 1u);

    // Mask vector 1 so both kicks land in one pending message.
    fake_wr32(&f, VPCI_MSIX_TBL_OFFSET + 16 + 12, 1);
    vpci_master_kick(f.core, 3);
    vpci_master_kick(f.core, 12);
    fake_wr32(&f, VPCI_MSIX_TBL_OFFSET + 16 + 12, 0);
    EXPECT_EQ(msi_vectors(), std::vector<uint32_t>{1});
    // The driver finds the vqs from the latch, then clears what it serves.
    uint32_t kp = kick_pending(0);
    EXPECT_EQ(kp, (1u << 3) | (1u << 12));
    fake_wr32(&f, VPCI_VQ_KICK_PENDING_OFFSET(0), kp);
    EXPECT_EQ(kick_pending(0), 0u);
    // Unmasked: each kick sends the shared vector.
    vpci_master_kick(f.core, 7);
    vpci_master_kick(f.core, 15);
    EXPECT_EQ(msi_vectors(), (std::vector<uint32_t>{1, 1, 1}));
    EXPECT_EQ(kick_pending(0), (1u << 7) | (1u << 15));
}

TEST_F(VqTest, LargestInstanceLatchesEveryVq)
{
    init_with(VPCI_MAX_VQS, 1);
    for (unsigned vq = 0; vq < VPCI_MAX_VQS; vq++) {
        arm(VPCI_ACT_ARM_KICK, (uint16_t)vq, VPCI_RES_KICK, vq);
        vpci_master_kick(f.core, (uint16_t)vq);
    }
    for (unsigned w = 0; w < 8; w++)
        EXPECT_EQ(kick_pending(w), 0xffffffffu);
    EXPECT_EQ(stats().kicks, VPCI_MAX_VQS);
}

TEST_F(VqTest, WithdrawAllReleasesResourcesButKeepsVectorsAndLatch)
{
    set_vector(2, 4);
    arm(VPCI_ACT_ARM_KICK, 2, VPCI_RES_KICK, 0x21);
    arm(VPCI_ACT_ARM_CALL, 2, VPCI_RES_NOTIFIER, 0x22);
    arm(VPCI_ACT_ARM_ERR, 9, VPCI_RES_NOTIFIER, 0x92);
    arm(VPCI_ACT_ARM_CALL, 9, VPCI_RES_NONE, 0);
    vpci_master_kick(f.core, 2);
    vpci_enter(f.core);
    vpci_vq_withdraw_all(f.core);
    vpci_leave(f.core);
    EXPECT_EQ(f.releases, 3u);
    EXPECT_EQ(vstatus(2), 0u);
    EXPECT_EQ(vstatus(9), 0u);
    EXPECT_EQ(vector(2), 4u);
    EXPECT_EQ(kick_pending(0), 1u << 2);
    vpci_master_kick(f.core, 2);
    EXPECT_EQ(stats().kicks_dropped, 1u);
    // Nothing left to release a second time.
    vpci_enter(f.core);
    vpci_vq_withdraw_all(f.core);
    vpci_leave(f.core);
    EXPECT_EQ(f.releases, 3u);
}

TEST_F(VqTest, AdapterResetClearsVectorsLatchAndResources)
{
    set_vector(2, 4);
    arm(VPCI_ACT_ARM_KICK, 2, VPCI_RES_KICK, 0x21);
    vpci_master_kick(f.core, 2);
    fake_wr32(&f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    EXPECT_EQ(fake_rd32(&f, VPCI_VQ_SEL_OFFSET), 0u);
    EXPECT_EQ(vector(2), VPCI_NO_VECTOR);
    EXPECT_EQ(kick_pending(0), 0u);
    EXPECT_EQ(vstatus(2), 0u);
    EXPECT_EQ(f.releases, 1u);
}

TEST_F(VqTest, WritesAndKicksDuringResetBusyAreDropped)
{
    static uint8_t buf[4];
    msix_on(65);
    set_vector(2, 4);
    arm(VPCI_ACT_ARM_KICK, 2, VPCI_RES_KICK, 0x21);
    f.defer_dma = true;
    vpci_enter(f.core);
    ASSERT_TRUE(vpci_dma_issue(f.core, VPCI_DMA_SRC_M2S_DATA, VPCI_DMA_WRITE, FAKE_MEM_BASE, 4, buf));
    vpci_leave(f.core);
    fake_wr32(&f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    ASSERT_NE(fake_rd32(&f, VPCI_ADAPTER_CONTROL_OFFSET) & VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK, 0u);
    fake_wr32(&f, VPCI_VQ_SEL_OFFSET, 2);
    fake_wr32(&f, VPCI_VQ_VECTOR_OFFSET, 5);
    fake_wr32(&f, VPCI_VQ_SEL_OFFSET, 300); // would be VQ_RANGE if it arrived
    vpci_master_kick(f.core, 2);            // resources were withdrawn by the reset
    EXPECT_EQ(fake_rd32(&f, VPCI_VQ_KICK_PENDING_OFFSET(0)), 0u); // reads 0 while busy
    fake_complete_all(&f);
    EXPECT_EQ(fake_rd32(&f, VPCI_ADAPTER_CONTROL_OFFSET), 0u);
    EXPECT_EQ(fake_rd32(&f, VPCI_VQ_SEL_OFFSET), 0u);
    EXPECT_EQ(vector(2), VPCI_NO_VECTOR);
    EXPECT_EQ(kick_pending(0), 0u);
    EXPECT_EQ(error_cause(), 0u);
    EXPECT_EQ(stats().kicks_dropped, 1u);
    EXPECT_TRUE(msi_vectors().empty());
}

TEST_F(VqTest, WritesDuringFlrWindowDoNotReachTheVqBlock)
{
    set_vector(2, 4);
    vpci_cfg_write(f.core, VPCI_PCIE_CAP_DEVCTL_OFFSET, 2, VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK);
    fake_wr32(&f, VPCI_VQ_SEL_OFFSET, 2); // MEM_EN is 0 after FLR: dropped
    fake_wr32(&f, VPCI_VQ_VECTOR_OFFSET, 6);
    fake_pci_enable(&f);
    EXPECT_EQ(fake_rd32(&f, VPCI_VQ_SEL_OFFSET), 0u);
    EXPECT_EQ(vector(2), VPCI_NO_VECTOR);
    EXPECT_EQ(error_cause(), 0u);
}


TEST_F(VqTest, RepeatedOutOfRangeSelWriteRecordsVqRangeEachTime)
{
    // L1: SEL is hwqe, so writing the same out-of-range value again (no
    // change of the stored value) still records VQ_RANGE.
    uint32_t bad = vpci_core_params(f.core)->num_vqs + 3;
    vpci_mmio_write(f.core, 0, VPCI_VQ_SEL_OFFSET, 4, bad);
    vpci_mmio_write(f.core, 0, VPCI_ADAPTER_ERROR_CAUSE_OFFSET, 4, ~0u);
    vpci_mmio_write(f.core, 0, VPCI_ADAPTER_ERROR_INFO_OFFSET, 4, 0);
    ASSERT_EQ(vpci_mmio_read(f.core, 0, VPCI_ADAPTER_ERROR_CAUSE_OFFSET, 4), 0u);
    vpci_mmio_write(f.core, 0, VPCI_VQ_SEL_OFFSET, 4, bad);
    EXPECT_TRUE(vpci_mmio_read(f.core, 0, VPCI_ADAPTER_ERROR_CAUSE_OFFSET, 4) &
                VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_MASK);
    EXPECT_EQ(vpci_mmio_read(f.core, 0, VPCI_ADAPTER_ERROR_INFO_OFFSET, 4),
              (uint32_t)VPCI_ERROR_CODE_VQ_RANGE | (bad << 8));
}

} // namespace
