// SPDX-License-Identifier: MIT
// Tests of model/msix.c (docs/spec.md §2.3, §2.5, §3.1, §3.2, §5.7 rule 2):
// the MSI-X table and PBA in BAR0, vector and function masks, enable, bus
// master gating, external mode, and the rule that an MSI-X message never
// overtakes an earlier DMA write.
#include <gtest/gtest.h>

#include "core_fixture.h"

#include <vector>

extern "C" {
#include "fake_platform.h"
#include "vpci_internal.h"
}

namespace {

constexpr uint32_t TBL = VPCI_MSIX_TBL_OFFSET;
constexpr uint32_t PBA = VPCI_MSIX_PBA_OFFSET;

class MsixTest : public CoreTest {
protected:
    uint32_t rd(uint32_t off, unsigned size = 4)
    {
        return (uint32_t)vpci_mmio_read(f.core, 0, off, size);
    }
    void wr(uint32_t off, uint32_t v, unsigned size = 4) { vpci_mmio_write(f.core, 0, off, size, v); }
    void msgctl(uint16_t v) { vpci_cfg_write(f.core, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, v); }
    void enable() { msgctl(VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK); }
    // Program entry @v with a recognisable address/data and unmask it.
    void program(unsigned v, bool unmask = true)
    {
        wr(TBL + 16 * v + 0, 0xfee00000u + 4 * v);
        wr(TBL + 16 * v + 4, 0);
        wr(TBL + 16 * v + 8, 0x4000u + v);
        wr(TBL + 16 * v + 12, unmask ? 0 : 1);
    }
    void signal(uint16_t v)
    {
        vpci_enter(f.core);
        vpci_msix_signal(f.core, v);
        vpci_leave(f.core);
    }
    bool pending(unsigned v) { return (rd(PBA + 4 * (v / 32)) >> (v % 32)) & 1u; }
    std::vector<fake_event> msis()
    {
        std::vector<fake_event> out;
        for (unsigned i = 0; i < f.nev; i++)
            if (f.ev[i].type == FAKE_EV_MSI || f.ev[i].type == FAKE_EV_IRQ)
                out.push_back(f.ev[i]);
        return out;
    }
    // Issue a DMA write of 4 bytes at driver memory offset @off (deferred).
    void dma_write(uint32_t off)
    {
        static uint8_t buf[4] = {1, 2, 3, 4};
        vpci_enter(f.core);
        ASSERT_TRUE(vpci_dma_issue(f.core, VPCI_DMA_SRC_M2S_DATA, VPCI_DMA_WRITE, FAKE_MEM_BASE + off, 4,
                                   buf));
        vpci_leave(f.core);
    }
    int index_of(fake_ev_type t, unsigned nth = 0)
    {
        for (unsigned i = 0; i < f.nev; i++)
            if (f.ev[i].type == t && nth-- == 0)
                return (int)i;
        return -1;
    }
    uint64_t msi_sent()
    {
        vpci_stats s;
        vpci_core_stats(f.core, &s);
        return s.msi_sent;
    }
};

TEST_F(MsixTest, TableResetsWithEveryVectorMaskedAndPbaClear)
{
    for (unsigned v = 0; v < VPCI_PARAM_MSIX_VECTORS_DEFAULT; v++) {
        EXPECT_EQ(rd(TBL + 16 * v + 0), 0u);
        EXPECT_EQ(rd(TBL + 16 * v + 4), 0u);
        EXPECT_EQ(rd(TBL + 16 * v + 8), 0u);
        EXPECT_EQ(rd(TBL + 16 * v + 12), 1u) << v;
    }
    for (unsigned w = 0; w < 16; w++)
        EXPECT_EQ(rd(PBA + 4 * w), 0u);
}

TEST_F(MsixTest, TableEntriesReadBackWhatWasWritten)
{
    program(7, false);
    EXPECT_EQ(rd(TBL + 16 * 7 + 0), 0xfee0001cu);
    EXPECT_EQ(rd(TBL + 16 * 7 + 4), 0u);
    EXPECT_EQ(rd(TBL + 16 * 7 + 8), 0x4007u);
    EXPECT_EQ(rd(TBL + 16 * 7 + 12), 1u);
    // Neighbours untouched (no aliasing between entries).
    EXPECT_EQ(rd(TBL + 16 * 6 + 8), 0u);
    EXPECT_EQ(rd(TBL + 16 * 8 + 8), 0u);
}

TEST_F(MsixTest, AddressBitsOneAndZeroReadZero)
{
    wr(TBL + 16 * 2, 0xfee0000fu);
    EXPECT_EQ(rd(TBL + 16 * 2), 0xfee0000cu);
    wr(TBL + 16 * 2, 0x3, 1);
    EXPECT_EQ(rd(TBL + 16 * 2), 0xfee00000u);
}

TEST_F(MsixTest, VectorControlKeepsOnlyTheMaskBit)
{
    wr(TBL + 12, 0xfffffffeu);
    EXPECT_EQ(rd(TBL + 12), 0u);
    wr(TBL + 12, 0xffffffffu);
    EXPECT_EQ(rd(TBL + 12), 1u);
}

TEST_F(MsixTest, ByteAndHalfwordAccessesActOnTheirBytes)
{
    wr(TBL + 8, 0x11223344u);
    wr(TBL + 9, 0xaa, 1);
    EXPECT_EQ(rd(TBL + 8), 0x1122aa44u);
    wr(TBL + 10, 0xbbcc, 2);
    EXPECT_EQ(rd(TBL + 8), 0xbbccaa44u);
    EXPECT_EQ(rd(TBL + 11, 1), 0xbbu);
    EXPECT_EQ(rd(TBL + 8, 2), 0xaa44u);
}

TEST_F(MsixTest, EightByteAccessWritesAddressLowThenHigh)
{
    vpci_mmio_write(f.core, 0, TBL + 16 * 3, 8, 0x0000000123456780ull);
    EXPECT_EQ(rd(TBL + 16 * 3), 0x23456780u);
    EXPECT_EQ(rd(TBL + 16 * 3 + 4), 0x1u);
    EXPECT_EQ(vpci_mmio_read(f.core, 0, TBL + 16 * 3, 8), 0x0000000123456780ull);
}

TEST_F(MsixTest, EntriesAtOrAboveMsixVectorsAreHoles)
{
    vpci_params p;
    vpci_params_default(&p);
    p.msix_vectors = 4;
    init(&p);
    wr(TBL + 16 * 4 + 8, 0x55u);
    wr(TBL + 16 * 511 + 8, 0x55u);
    EXPECT_EQ(rd(TBL + 16 * 4 + 8), 0u);
    EXPECT_EQ(rd(TBL + 16 * 4 + 12), 0u); // not even the reset mask bit
    EXPECT_EQ(rd(TBL + 16 * 511 + 8), 0u);
    EXPECT_EQ(rd(TBL + 16 * 3 + 12), 1u);
    EXPECT_EQ(rd(VPCI_ADAPTER_ERROR_CAUSE_OFFSET), 0u); // holes: no error
    // A signal of a vector beyond the table goes nowhere.
    enable();
    signal(4);
    signal(VPCI_NO_VECTOR);
    EXPECT_EQ(rd(PBA), 0u);
    EXPECT_TRUE(msis().empty());
}

TEST_F(MsixTest, PbaIsReadOnlyAndReservedSpaceReadsZero)
{
    enable();
    signal(0); // masked at reset: pending
    ASSERT_TRUE(pending(0));
    wr(PBA, 0);
    wr(PBA + 4, 0xffffffffu);
    EXPECT_EQ(rd(PBA), 1u);
    EXPECT_EQ(rd(PBA + 4), 0u);
    EXPECT_EQ(rd(PBA + 0x40), 0u);
    EXPECT_EQ(rd(PBA + 0xffc), 0u);
}

TEST_F(MsixTest, UnmaskedVectorIsSentWithItsAddressAndData)
{
    enable();
    program(5);
    signal(5);
    auto m = msis();
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].type, FAKE_EV_MSI);
    EXPECT_EQ(m[0].c, 5u);
    EXPECT_EQ(m[0].a, 0xfee00014u);
    EXPECT_EQ(m[0].d, 0x4005u);
    EXPECT_FALSE(pending(5));
    EXPECT_EQ(msi_sent(), 1u);
}

TEST_F(MsixTest, DisabledMsixDropsTheSignal)
{
    program(2);
    signal(2);
    EXPECT_FALSE(pending(2));
    enable();
    EXPECT_TRUE(msis().empty()); // dropped, not deferred: no INTx, no later message
    EXPECT_EQ(msi_sent(), 0u);
}

TEST_F(MsixTest, MaskedVectorSetsPbaAndUnmaskSendsItOnce)
{
    enable();
    program(9, false);
    signal(9);
    signal(9); // coalesces: still one pending bit
    EXPECT_TRUE(msis().empty());
    EXPECT_TRUE(pending(9));
    wr(TBL + 16 * 9 + 12, 0);
    auto m = msis();
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].c, 9u);
    EXPECT_FALSE(pending(9));
}

TEST_F(MsixTest, FunctionMaskHoldsEveryVectorUntilCleared)
{
    msgctl(VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK | VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_MASK);
    program(1);
    program(40);
    signal(1);
    signal(40);
    EXPECT_TRUE(msis().empty());
    EXPECT_TRUE(pending(1));
    EXPECT_TRUE(pending(40));
    enable(); // FUNC_MASK cleared
    auto m = msis();
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(m[0].c, 1u);
    EXPECT_EQ(m[1].c, 40u);
    EXPECT_EQ(rd(PBA), 0u);
    EXPECT_EQ(rd(PBA + 4), 0u);
}

TEST_F(MsixTest, PendingVectorWaitsWhileMsixIsDisabledAgain)
{
    enable();
    program(3, false);
    signal(3);
    msgctl(0);                // disable
    wr(TBL + 16 * 3 + 12, 0); // unmask while disabled: nothing goes
    EXPECT_TRUE(msis().empty());
    EXPECT_TRUE(pending(3));
    enable();
    EXPECT_EQ(msis().size(), 1u);
}

TEST_F(MsixTest, BusMasterOffKeepsTheMessagePendingUntilSet)
{
    enable();
    program(4);
    vpci_cfg_write(f.core, VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK);
    signal(4);
    EXPECT_TRUE(msis().empty());
    EXPECT_TRUE(pending(4));
    fake_pci_enable(&f); // BUS_MASTER on
    auto m = msis();
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].c, 4u);
    EXPECT_FALSE(pending(4));
}

TEST_F(MsixTest, MsiNeverOvertakesAnEarlierDmaWrite)
{
    enable();
    program(6);
    f.defer_dma = true;
    dma_write(0x100);
    dma_write(0x200);
    signal(6);
    EXPECT_TRUE(msis().empty());
    EXPECT_FALSE(pending(6)); // waiting for DMA is not "pending": the PBA is for masks
    ASSERT_TRUE(fake_complete_one(&f));
    EXPECT_TRUE(msis().empty()); // the second write is still outstanding
    ASSERT_TRUE(fake_complete_one(&f));
    ASSERT_EQ(msis().size(), 1u);
    // Event order: both DMA completions precede the MSI write.
    int msi = index_of(FAKE_EV_MSI);
    EXPECT_GT(msi, index_of(FAKE_EV_DMA_DONE, 0));
    EXPECT_GT(msi, index_of(FAKE_EV_DMA_DONE, 1));
    EXPECT_FALSE(pending(6));
}

TEST_F(MsixTest, WaitingMsiFencesLaterDmaWrites)
{
    // spec §5.7 rule 2: while an MSI-X message waits for earlier writes, no
    // new DMA write is issued, so the message cannot be overtaken or starved.
    static uint8_t buf[4];
    enable();
    program(6);
    f.defer_dma = true;
    dma_write(0x100);
    signal(6);
    EXPECT_EQ(msis().size(), 0u);
    vpci_enter(f.core);
    EXPECT_FALSE(vpci_dma_issue(f.core, VPCI_DMA_SRC_M2S_DATA, VPCI_DMA_WRITE,
                                FAKE_MEM_BASE + 0x200, 4, buf)); // fenced
    EXPECT_TRUE(vpci_dma_issue(f.core, VPCI_DMA_SRC_S2M_DATA, VPCI_DMA_READ,
                               FAKE_MEM_BASE + 0x300, 4, buf)); // reads are not
    vpci_leave(f.core);
    ASSERT_TRUE(fake_complete_one(&f)); // the earlier write lands
    EXPECT_EQ(msis().size(), 1u);
    dma_write(0x200); // the fence is gone with the message
    fake_complete_all(&f);
}

TEST_F(MsixTest, OutstandingDmaReadsDoNotHoldMsi)
{
    static uint8_t buf[8];
    enable();
    program(6);
    f.defer_dma = true;
    vpci_enter(f.core);
    ASSERT_TRUE(vpci_dma_issue(f.core, VPCI_DMA_SRC_S2M_DATA, VPCI_DMA_READ, FAKE_MEM_BASE, 8, buf));
    vpci_leave(f.core);
    signal(6);
    EXPECT_EQ(msis().size(), 1u);
    fake_complete_all(&f);
}

TEST_F(MsixTest, DmaCompletedWithErrorStillReleasesTheMsi)
{
    enable();
    program(2);
    f.defer_dma = true;
    f.fail_lo = FAKE_MEM_BASE;
    f.fail_hi = FAKE_MEM_BASE + 0x1000;
    dma_write(0x10);
    signal(2);
    EXPECT_TRUE(msis().empty());
    fake_complete_all(&f);
    EXPECT_EQ(msis().size(), 1u);
}

TEST_F(MsixTest, UnmaskAfterDmaStillWaitsForTheBarrier)
{
    enable();
    program(8, false);
    f.defer_dma = true;
    dma_write(0x40);
    signal(8);
    wr(TBL + 16 * 8 + 12, 0); // unmasked while the write is outstanding
    EXPECT_TRUE(msis().empty());
    fake_complete_all(&f);
    EXPECT_EQ(msis().size(), 1u);
}

TEST_F(MsixTest, VectorMaskedWhileWaitingForDmaBecomesPending)
{
    enable();
    program(8);
    f.defer_dma = true;
    dma_write(0x40);
    signal(8);
    wr(TBL + 16 * 8 + 12, 1); // masked before the write completes
    fake_complete_all(&f);
    EXPECT_TRUE(msis().empty());
    EXPECT_TRUE(pending(8));
    wr(TBL + 16 * 8 + 12, 0);
    EXPECT_EQ(msis().size(), 1u);
    EXPECT_FALSE(pending(8));
}

TEST_F(MsixTest, MsixDisabledWhileWaitingForDmaDropsTheMessage)
{
    enable();
    program(8);
    f.defer_dma = true;
    dma_write(0x40);
    signal(8);
    msgctl(0);
    fake_complete_all(&f);
    EXPECT_FALSE(pending(8));
    enable();
    EXPECT_TRUE(msis().empty());
}

TEST_F(MsixTest, EntryIsReadAtSendTime)
{
    enable();
    program(8);
    f.defer_dma = true;
    dma_write(0x40);
    signal(8);
    wr(TBL + 16 * 8 + 8, 0x7777u); // new data before the message goes out
    fake_complete_all(&f);
    auto m = msis();
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].d, 0x7777u);
}

TEST_F(MsixTest, AdapterResetClearsTableAndPba)
{
    enable();
    program(3, false);
    signal(3);
    ASSERT_TRUE(pending(3));
    wr(VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    EXPECT_FALSE(pending(3));
    EXPECT_EQ(rd(TBL + 16 * 3 + 0), 0u);
    EXPECT_EQ(rd(TBL + 16 * 3 + 8), 0u);
    EXPECT_EQ(rd(TBL + 16 * 3 + 12), 1u);
    wr(TBL + 16 * 3 + 12, 0);
    EXPECT_TRUE(msis().empty()); // the pending message died with the reset
}

TEST_F(MsixTest, ResetDropsAMessageWaitingForDmaAndTableWritesDuringResetBusy)
{
    enable();
    program(3);
    f.defer_dma = true;
    dma_write(0x40);
    signal(3); // waits for the write
    wr(VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    // The pre-reset write is still outstanding: RESET_BUSY, table writes dropped.
    ASSERT_EQ(rd(VPCI_ADAPTER_CONTROL_OFFSET) & VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK,
              VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK);
    wr(TBL + 16 * 3 + 12, 0);
    wr(TBL + 16 * 3 + 8, 0x99);
    EXPECT_EQ(rd(TBL + 16 * 3 + 12), 0u); // reads 0 while busy
    fake_complete_all(&f);
    EXPECT_EQ(rd(VPCI_ADAPTER_CONTROL_OFFSET), 0u);
    EXPECT_EQ(rd(TBL + 16 * 3 + 12), 1u);
    EXPECT_EQ(rd(TBL + 16 * 3 + 8), 0u);
    EXPECT_TRUE(msis().empty()); // the waiting message died with the reset
    EXPECT_FALSE(pending(3));
}

TEST_F(MsixTest, FlrClearsEnableAndPending)
{
    enable();
    program(3, false);
    signal(3);
    vpci_cfg_write(f.core, VPCI_PCIE_CAP_DEVCTL_OFFSET, 2, VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK);
    EXPECT_EQ(vpci_cfg_read(f.core, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2), 0x40u);
    fake_pci_enable(&f);
    EXPECT_FALSE(pending(3));
    EXPECT_EQ(rd(TBL + 16 * 3 + 12), 1u);
}

TEST_F(MsixTest, SignalsDuringAMessageCallbackAreDelivered)
{
    // The MSI of vector 1 arrives while a DMA write is outstanding; when the
    // platform completes it, a second signal raised meanwhile goes too.
    enable();
    program(1);
    program(2);
    f.defer_dma = true;
    dma_write(0);
    signal(1);
    signal(2);
    EXPECT_TRUE(msis().empty());
    fake_complete_all(&f);
    auto m = msis();
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(msi_sent(), 2u);
}

// Checks that MSI event @k of @f's log comes after the completion of every
// DMA write issued before event @signal_at (the signal that caused it).
// Issues and completions are matched by address, length and direction.
// Returns the number of DMA writes that had to complete first.
static unsigned expect_after_writes(const fake_platform &f, unsigned k, unsigned signal_at)
{
    unsigned n = 0;
    for (unsigned i = 0; i < signal_at && i < k; i++) {
        const fake_event &is = f.ev[i];
        if (is.type != FAKE_EV_DMA_ISSUE || is.c != VPCI_DMA_WRITE)
            continue;
        n++;
        bool done = false;
        for (unsigned j = i + 1; j < k && !done; j++)
            done = f.ev[j].type == FAKE_EV_DMA_DONE && f.ev[j].a == is.a &&
                   f.ev[j].b == is.b && f.ev[j].c == is.c;
        EXPECT_TRUE(done) << "MSI event " << k << " overtook the DMA write issued at event " << i
                          << " (addr 0x" << std::hex << is.a << ")";
    }
    return n;
}

TEST_F(MsixTest, QueueEngineCompletionMsiNeverOvertakesItsDmaWrites)
{
    // A master message relayed through the M2S engine: data write, completion
    // write, then INT_CAUSE.M2S_CPL and its MSI-X message. DMA is deferred and
    // completed one request at a time.
    fake_driver d;
    ASSERT_TRUE(fake_driver_init(&d, &f, 2));
    enable();
    program(0);
    fake_wr32(&f, VPCI_ADAPTER_INT_VECTOR_OFFSET, 0);
    fake_wr32(&f, VPCI_ADAPTER_INT_ENABLE_OFFSET, VPCI_ADAPTER_INT_CAUSE_M2S_CPL_MASK);
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    f.defer_dma = true;
    uint8_t msg[64];
    for (uint32_t n = 0; n < 3; n++) {
        uint32_t len = fake_vu_msg(msg, VPCI_VU_REQ_GET_FEATURES, 0, nullptr, 0);
        ASSERT_EQ(vpci_master_msg(f.core, VPCI_CHAN_MASTER, msg, len, nullptr, 0), VPCI_OK);
    }
    // A kick whose vector is raised while an M2S DMA write is outstanding:
    // the kick's MSI must wait for that write too (the engine's own
    // data -> completion -> interrupt sequence does not cover it).
    program(1);
    fake_wr32(&f, VPCI_VQ_SEL_OFFSET, 0);
    fake_wr32(&f, VPCI_VQ_VECTOR_OFFSET, 1);
    vpci_res kick{};
    kick.kind = VPCI_RES_KICK;
    vpci_enter(f.core);
    vpci_vq_arm(f.core, VPCI_ACT_ARM_KICK, 0, &kick);
    vpci_leave(f.core);
    bool kicked = false;
    unsigned kick_at = 0;
    for (unsigned guard = 0; guard < 64; guard++) {
        bool write_pending = false;
        for (unsigned i = 0; i < f.npending; i++)
            write_pending |= f.pending[i].dir == VPCI_DMA_WRITE;
        if (write_pending && !kicked) {
            kick_at = f.nev;
            vpci_master_kick(f.core, 0);
            kicked = true;
            EXPECT_EQ(fake_count(&f, FAKE_EV_MSI), 0u);
        }
        if (!fake_complete_one(&f))
            break;
    }
    ASSERT_TRUE(kicked);
    unsigned kick_msis = 0, cpl_msis = 0;
    for (unsigned k = 0; k < f.nev; k++) {
        if (f.ev[k].type != FAKE_EV_MSI)
            continue;
        if (f.ev[k].c == 1) {
            // The kick's message waits for every write issued before the kick.
            EXPECT_GE(expect_after_writes(f, k, kick_at), 1u);
            kick_msis++;
            continue;
        }
        // A completion interrupt is signalled once its completion write is
        // done: every write issued before that completion must be done too.
        unsigned last_done = 0;
        for (unsigned j = 0; j < k; j++)
            if (f.ev[j].type == FAKE_EV_DMA_DONE && f.ev[j].c == VPCI_DMA_WRITE)
                last_done = j;
        EXPECT_GE(expect_after_writes(f, k, last_done), 2u); // data + completion at least
        cpl_msis++;
    }
    EXPECT_EQ(kick_msis, 1u);
    EXPECT_GE(cpl_msis, 1u);
    uint8_t buf[64], st = 0, ch = 0, se = 0;
    uint32_t got = 0;
    ASSERT_TRUE(fake_driver_m2s_next(&d, buf, sizeof(buf), &got, &st, &ch, &se));
    EXPECT_EQ(st, VPCI_CPL_STATUS_OK);
}

class MsixExternalTest : public MsixTest {
protected:
    void SetUp() override
    {
        vpci_params p;
        vpci_params_default(&p);
        p.msix_mode = VPCI_MSIX_EXTERNAL;
        init(&p);
    }
};

TEST_F(MsixExternalTest, VectorIsSignalledToThePlatformNotWritten)
{
    // The platform owns the table and capability: MSGCTL.ENABLE is not consulted.
    signal(12);
    auto m = msis();
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].type, FAKE_EV_IRQ);
    EXPECT_EQ(m[0].c, 12u);
    EXPECT_EQ(fake_count(&f, FAKE_EV_MSI), 0u);
    EXPECT_EQ(msi_sent(), 1u);
}

TEST_F(MsixExternalTest, PlatformMaskKeepsPbaInTheAdapter)
{
    vpci_msix_ext_mask(f.core, 12, 1);
    signal(12);
    EXPECT_TRUE(msis().empty());
    EXPECT_TRUE(pending(12));
    vpci_msix_ext_mask(f.core, 12, 0);
    auto m = msis();
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].c, 12u);
    EXPECT_FALSE(pending(12));
    vpci_msix_ext_mask(f.core, 600, 1); // out of range: ignored, no crash
}

TEST_F(MsixExternalTest, ReportedDisableDropsAndFunctionMaskHolds)
{
    vpci_msix_ext_state(f.core, 0, 0);
    signal(5);
    EXPECT_FALSE(pending(5));
    vpci_msix_ext_state(f.core, 1, 1);
    EXPECT_TRUE(msis().empty()); // the dropped send does not come back
    signal(5);
    EXPECT_TRUE(msis().empty());
    EXPECT_TRUE(pending(5));
    vpci_msix_ext_state(f.core, 1, 0);
    auto m = msis();
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].c, 5u);
    EXPECT_FALSE(pending(5));
}

TEST_F(MsixExternalTest, ReportedStateSurvivesResets)
{
    vpci_msix_ext_mask(f.core, 7, 1);
    wr(VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    vpci_core_pci_reset(f.core);
    fake_pci_enable(&f);
    signal(7);
    EXPECT_TRUE(msis().empty());
    EXPECT_TRUE(pending(7));
    signal(6);
    EXPECT_EQ(msis().size(), 1u);
}

TEST_F(MsixExternalTest, TableInBar0StillReadsAndWritesAsMemory)
{
    wr(TBL + 16 * 2 + 8, 0xabcdu);
    EXPECT_EQ(rd(TBL + 16 * 2 + 8), 0xabcdu);
    // Its mask bit does not gate external signals.
    EXPECT_EQ(rd(TBL + 16 * 2 + 12), 1u);
    signal(2);
    EXPECT_EQ(msis().size(), 1u);
}

TEST_F(MsixExternalTest, IrqNeverOvertakesAnEarlierDmaWrite)
{
    f.defer_dma = true;
    dma_write(0x80);
    signal(3);
    EXPECT_TRUE(msis().empty());
    fake_complete_all(&f);
    ASSERT_EQ(msis().size(), 1u);
    EXPECT_GT(index_of(FAKE_EV_IRQ), index_of(FAKE_EV_DMA_DONE));
}

TEST_F(MsixExternalTest, BusMasterOffHoldsTheIrq)
{
    vpci_cfg_write(f.core, VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK);
    signal(3);
    EXPECT_TRUE(msis().empty());
    EXPECT_TRUE(pending(3));
    fake_pci_enable(&f);
    EXPECT_EQ(msis().size(), 1u);
}

} // namespace
