// SPDX-License-Identifier: MIT
// Tests of model/doorbell.c (docs/spec.md §3.1, §3.2, §4.8 DBINFO; brief
// "Resources and gating"): CALL/ERR/LOG doorbells, gating before arming,
// polling (NOFD) virtqueues, out-of-range virtqueues, access sizes.
#include <gtest/gtest.h>

#include "core_fixture.h"

extern "C" {
#include "fake_platform.h"
#include "vpci_internal.h"
}

namespace {

class DoorbellTest : public CoreTest {
protected:
    void after_init() override
    {
        db = fake_rd32(&f, VPCI_DBINFO_DB_BASE_OFFSET);
        stride = fake_rd32(&f, VPCI_DBINFO_DB_STRIDE_OFFSET);
        log = db + fake_rd32(&f, VPCI_DBINFO_DB_LOG_OFFSET);
    }
    void arm(vpci_action_op op, uint16_t vq, vpci_res_kind kind, uint64_t cookie)
    {
        vpci_res r{};
        r.kind = kind;
        r.cookie = cookie;
        vpci_enter(f.core);
        if (op == VPCI_ACT_ARM_LOGFD) {
            // The LOG doorbell's notifier is the relay's: armed when the
            // SET_LOG_FD that carried it is delivered.
            static vpci_msg_slot slot;
            slot.nact = 1;
            slot.act[0] = vpci_action{op, vq, r};
            vpci_relay_delivered(f.core, &slot);
        } else {
            vpci_vq_arm(f.core, op, vq, &r);
        }
        vpci_leave(f.core);
    }
    uint32_t call(unsigned vq) { return db + stride * vq; }
    uint32_t err(unsigned vq) { return db + stride * vq + 4; }
    void ring(uint32_t off, unsigned size = 4) { vpci_mmio_write(f.core, 0, off, size, 0xdeadbeef); }
    uint32_t error_cause() { return fake_rd32(&f, VPCI_ADAPTER_ERROR_CAUSE_OFFSET); }
    uint32_t error_info() { return fake_rd32(&f, VPCI_ADAPTER_ERROR_INFO_OFFSET); }
    void clear_errors()
    {
        fake_wr32(&f, VPCI_ADAPTER_ERROR_CAUSE_OFFSET, 0xffffffffu);
        fake_wr32(&f, VPCI_ADAPTER_INT_CAUSE_OFFSET, 0xffffffffu);
    }
    vpci_stats stats()
    {
        vpci_stats s;
        vpci_core_stats(f.core, &s);
        return s;
    }
    const fake_event *last_notify()
    {
        for (unsigned i = f.nev; i-- > 0;)
            if (f.ev[i].type == FAKE_EV_NOTIFY)
                return &f.ev[i];
        return nullptr;
    }
    uint32_t db = 0, stride = 0, log = 0;
};

TEST_F(DoorbellTest, DbinfoDescribesThePage)
{
    EXPECT_EQ(db, 0x1000u);
    EXPECT_EQ(stride, 8u);
    EXPECT_EQ(log, 0x1800u);
}

TEST_F(DoorbellTest, ArmedCallDoorbellNotifiesTheMaster)
{
    arm(VPCI_ACT_ARM_CALL, 3, VPCI_RES_NOTIFIER, 0x33);
    ring(call(3));
    const fake_event *e = last_notify();
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->c, (uint32_t)VPCI_NOTIFY_CALL);
    EXPECT_EQ(e->d, 3u);
    EXPECT_EQ(e->a, 0x33u);
    EXPECT_EQ(stats().doorbells, 1u);
    EXPECT_EQ(error_cause(), 0u);
}

TEST_F(DoorbellTest, ArmedErrDoorbellNotifiesTheMaster)
{
    arm(VPCI_ACT_ARM_ERR, 63, VPCI_RES_NOTIFIER, 0xe63);
    ring(err(63));
    const fake_event *e = last_notify();
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->c, (uint32_t)VPCI_NOTIFY_ERR);
    EXPECT_EQ(e->d, 63u);
    EXPECT_EQ(e->a, 0xe63u);
}

TEST_F(DoorbellTest, AnyOneTwoOrFourByteWriteInTheSlotRings)
{
    arm(VPCI_ACT_ARM_CALL, 1, VPCI_RES_NOTIFIER, 1);
    ring(call(1), 4);
    ring(call(1) + 0, 1);
    ring(call(1) + 1, 1);
    ring(call(1) + 3, 1);
    ring(call(1) + 2, 2);
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 5u);
    EXPECT_EQ(stats().doorbells, 5u);
}

TEST_F(DoorbellTest, EightByteWriteRingsCallThenErr)
{
    arm(VPCI_ACT_ARM_CALL, 2, VPCI_RES_NOTIFIER, 0xc2);
    arm(VPCI_ACT_ARM_ERR, 2, VPCI_RES_NOTIFIER, 0xe2);
    vpci_mmio_write(f.core, 0, call(2), 8, 0);
    ASSERT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 2u);
    unsigned n = 0;
    for (unsigned i = 0; i < f.nev; i++) {
        if (f.ev[i].type != FAKE_EV_NOTIFY)
            continue;
        EXPECT_EQ(f.ev[i].c, n == 0 ? (uint32_t)VPCI_NOTIFY_CALL : (uint32_t)VPCI_NOTIFY_ERR);
        n++;
    }
}

TEST_F(DoorbellTest, DoorbellBeforeArmingIsDroppedWithDbAbsent)
{
    ring(call(5));
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 0u);
    EXPECT_EQ(error_cause(), VPCI_ADAPTER_ERROR_CAUSE_DB_ABSENT_MASK);
    EXPECT_EQ(error_info(), VPCI_ERROR_CODE_DB_ABSENT | (5u << 8));
    EXPECT_NE(fake_rd32(&f, VPCI_ADAPTER_INT_CAUSE_OFFSET) & VPCI_ADAPTER_INT_CAUSE_ERROR_MASK, 0u);
    EXPECT_EQ(stats().doorbells_dropped, 1u);
    // The call of vq 5 being armed does not arm its err doorbell.
    arm(VPCI_ACT_ARM_CALL, 5, VPCI_RES_NOTIFIER, 5);
    clear_errors();
    ring(err(5));
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 0u);
    EXPECT_EQ(error_info(), VPCI_ERROR_CODE_DB_ABSENT | ((5u | 1u << 16) << 8)); // kind ERR
    ring(call(5));
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 1u);
}

TEST_F(DoorbellTest, DoorbellBeyondNumVqsIsDroppedWithDbRange)
{
    vpci_params p;
    vpci_params_default(&p);
    p.num_vqs = 4;
    init(&p);
    ring(call(4));
    EXPECT_EQ(error_cause(), VPCI_ADAPTER_ERROR_CAUSE_DB_ABSENT_MASK);
    EXPECT_EQ(error_info(), VPCI_ERROR_CODE_DB_RANGE | (4u << 8));
    ring(err(255));
    EXPECT_EQ(error_info(), VPCI_ERROR_CODE_DB_RANGE | (255u << 8));
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 0u);
    EXPECT_EQ(stats().doorbells_dropped, 2u);
}

TEST_F(DoorbellTest, PollingVirtqueueDropsItsCallSilently)
{
    arm(VPCI_ACT_ARM_CALL, 7, VPCI_RES_NONE, 0);
    arm(VPCI_ACT_ARM_ERR, 7, VPCI_RES_NONE, 0);
    ring(call(7));
    ring(err(7));
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 0u);
    EXPECT_EQ(error_cause(), 0u);
    EXPECT_EQ(stats().doorbells_dropped, 2u);
    fake_wr32(&f, VPCI_VQ_SEL_OFFSET, 7);
    EXPECT_EQ(fake_rd32(&f, VPCI_VQ_VSTATUS_OFFSET), VPCI_VQ_VSTATUS_CALL_NOFD_MASK);
}

TEST_F(DoorbellTest, LogDoorbellNeedsTheLogFd)
{
    ring(log);
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 0u);
    EXPECT_EQ(error_cause(), VPCI_ADAPTER_ERROR_CAUSE_DB_ABSENT_MASK);
    EXPECT_EQ(error_info(), VPCI_ERROR_CODE_DB_ABSENT | ((2u << 16) << 8)); // kind LOG, vq 0
    clear_errors();
    arm(VPCI_ACT_ARM_LOGFD, 0, VPCI_RES_NOTIFIER, 0x106);
    ring(log);
    ring(log + 2, 2);
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 2u);
    const fake_event *e = last_notify();
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->c, (uint32_t)VPCI_NOTIFY_LOG);
    EXPECT_EQ(e->a, 0x106u);
    EXPECT_EQ(error_cause(), 0u);
}

TEST_F(DoorbellTest, ReservedPartOfThePageIsAHole)
{
    for (uint32_t off : {0x804u, 0x808u, 0xffcu})
        ring(db + off);
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 0u);
    EXPECT_EQ(error_cause(), 0u);
    EXPECT_EQ(stats().doorbells_dropped, 0u);
}

TEST_F(DoorbellTest, PageReadsZeroWithoutSideEffects)
{
    arm(VPCI_ACT_ARM_CALL, 0, VPCI_RES_NOTIFIER, 9);
    EXPECT_EQ(fake_rd32(&f, call(0)), 0u);
    EXPECT_EQ(fake_rd32(&f, log), 0u);
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 0u);
}

TEST_F(DoorbellTest, UnalignedDoorbellWriteIsDroppedAsRegAccess)
{
    arm(VPCI_ACT_ARM_CALL, 0, VPCI_RES_NOTIFIER, 9);
    ring(call(0) + 1, 2);
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 0u);
    EXPECT_EQ(error_cause(), VPCI_ADAPTER_ERROR_CAUSE_REG_ACCESS_MASK);
}

TEST_F(DoorbellTest, DoorbellsWorkWithoutBusMasterButNotWithoutMemEn)
{
    arm(VPCI_ACT_ARM_CALL, 0, VPCI_RES_NOTIFIER, 9);
    vpci_cfg_write(f.core, VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK);
    ring(call(0));
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 1u);
    vpci_cfg_write(f.core, VPCI_CFG_COMMAND_OFFSET, 2, 0);
    ring(call(0));
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 1u);
}

TEST_F(DoorbellTest, WithdrawnDoorbellIsAbsentAgain)
{
    arm(VPCI_ACT_ARM_CALL, 4, VPCI_RES_NOTIFIER, 0x44);
    vpci_enter(f.core);
    vpci_vq_withdraw_all(f.core);
    vpci_leave(f.core);
    ring(call(4));
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 0u);
    EXPECT_EQ(error_info(), VPCI_ERROR_CODE_DB_ABSENT | (4u << 8));
}

TEST_F(DoorbellTest, AdapterResetWithdrawsDoorbells)
{
    arm(VPCI_ACT_ARM_CALL, 4, VPCI_RES_NOTIFIER, 0x44);
    fake_wr32(&f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    ring(call(4));
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 0u);
    EXPECT_EQ(error_info(), VPCI_ERROR_CODE_DB_ABSENT | (4u << 8));
}

TEST_F(DoorbellTest, DoorbellsDuringResetBusyAreDroppedWithoutError)
{
    static uint8_t buf[4];
    arm(VPCI_ACT_ARM_CALL, 4, VPCI_RES_NOTIFIER, 0x44);
    f.defer_dma = true;
    vpci_enter(f.core);
    ASSERT_TRUE(vpci_dma_issue(f.core, VPCI_DMA_SRC_M2S_DATA, VPCI_DMA_WRITE, FAKE_MEM_BASE, 4, buf));
    vpci_leave(f.core);
    fake_wr32(&f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    ASSERT_NE(fake_rd32(&f, VPCI_ADAPTER_CONTROL_OFFSET) & VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK, 0u);
    ring(call(4));
    ring(call(70));
    ring(log);
    fake_complete_all(&f);
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 0u);
    EXPECT_EQ(error_cause(), 0u);
    EXPECT_EQ(stats().doorbells_dropped, 0u); // never reached the doorbell block
}

TEST_F(DoorbellTest, EveryDoorbellOfTheLargestInstanceRoutesToItsVq)
{
    vpci_params p;
    vpci_params_default(&p);
    p.num_vqs = VPCI_MAX_VQS;
    init(&p);
    for (unsigned vq = 0; vq < VPCI_MAX_VQS; vq++) {
        arm(VPCI_ACT_ARM_CALL, (uint16_t)vq, VPCI_RES_NOTIFIER, 0x1000 + vq);
        arm(VPCI_ACT_ARM_ERR, (uint16_t)vq, VPCI_RES_NOTIFIER, 0x2000 + vq);
    }
    for (unsigned vq = 0; vq < VPCI_MAX_VQS; vq++) {
        ring(call(vq));
        const fake_event *e = last_notify();
        ASSERT_NE(e, nullptr);
        EXPECT_EQ(e->a, 0x1000u + vq);
        ring(err(vq));
        e = last_notify();
        EXPECT_EQ(e->a, 0x2000u + vq);
        EXPECT_EQ(e->d, vq);
    }
    EXPECT_EQ(error_cause(), 0u);
}

} // namespace
