// SPDX-License-Identifier: MIT
// Tests of model/cfg.c and the config-space side of the core (docs/spec.md §2):
// identity, BAR sizing masks and type bits, MSI-X TABLE_SIZE, COMMAND.MEM_EN,
// DEVSTA.TRANS_PENDING, FLR and PCI reset, access rules.
#include <gtest/gtest.h>

#include "core_fixture.h"

extern "C" {
#include "fake_platform.h"
#include "vpci_internal.h"
}

namespace {

class CfgTest : public CoreTest {
protected:
    // Config-space tests start from the reset COMMAND (memory space off).
    void SetUp() override { init(nullptr); }
    void init(const vpci_params *p) { CoreTest::init(p, false); }
    uint32_t rd(uint32_t off, unsigned size) { return vpci_cfg_read(f.core, off, size); }
    void wr(uint32_t off, unsigned size, uint32_t v) { vpci_cfg_write(f.core, off, size, v); }
    uint32_t bar(unsigned i) { return rd(VPCI_CFG_BAR_OFFSET(i), 4); }
    uint32_t size_bar(unsigned i)
    {
        wr(VPCI_CFG_BAR_OFFSET(i), 4, 0xffffffffu);
        return bar(i);
    }
};

TEST_F(CfgTest, IdentityAndCapabilityChainReadTheirResetValues)
{
    EXPECT_EQ(rd(0x00, 4), 0x01101b36u);
    EXPECT_EQ(rd(0x08, 4), 0x05800001u); // class 0x058000, revision 1
    EXPECT_EQ(rd(0x0e, 1), 0x00u);       // type 0 header
    EXPECT_EQ(rd(0x2c, 4), 0x01101b36u);
    EXPECT_EQ(rd(0x34, 1), 0x40u);
    EXPECT_EQ(rd(0x3d, 1), 0x00u);       // no INTx
    EXPECT_EQ(rd(0x06, 2) & 0x10u, 0x10u); // capability list
    EXPECT_EQ(rd(0x40, 2), 0x8010u);     // PCIe cap, next 0x80
    EXPECT_EQ(rd(0x80, 2), 0x0011u);     // MSI-X cap, end of list
    EXPECT_EQ(rd(0x84, 4), 0x00002000u); // table BIR 0 offset 0x2000
    EXPECT_EQ(rd(0x88, 4), 0x00004000u); // PBA BIR 0 offset 0x4000
    EXPECT_EQ(rd(0x100, 4), 0u);         // empty extended list
}

TEST_F(CfgTest, BarsResetToTypeBitsOnly)
{
    EXPECT_EQ(bar(0), 0x4u); // 64-bit, non-prefetchable
    EXPECT_EQ(bar(1), 0u);
    EXPECT_EQ(bar(2), 0xcu); // 64-bit, prefetchable
    EXPECT_EQ(bar(3), 0u);
    EXPECT_EQ(bar(4), 0xcu);
    EXPECT_EQ(bar(5), 0u);
}

TEST_F(CfgTest, Bar0SizingReturns32KiBNonPrefetchable64Bit)
{
    EXPECT_EQ(size_bar(0), 0xffff8004u);
    EXPECT_EQ(size_bar(1), 0xffffffffu);
    EXPECT_EQ(vpci_bar_size(f.core, 0), 0x8000u);
}

TEST_F(CfgTest, Bar2SizingFollowsMemWinLog2)
{
    EXPECT_EQ(size_bar(2), 0xc000000cu); // default 1 GiB
    EXPECT_EQ(size_bar(3), 0xffffffffu);

    vpci_params p;
    vpci_params_default(&p);
    p.mem_win_log2 = 34; // 16 GiB: the size reaches into the upper dword
    init(&p);
    EXPECT_EQ(size_bar(2), 0x0000000cu);
    EXPECT_EQ(size_bar(3), 0xfffffffcu);

    p.mem_win_log2 = 21; // 2 MiB, the minimum (one WIN_ALIGN granule)
    init(&p);
    EXPECT_EQ(size_bar(2), 0xffe0000cu);
}

TEST_F(CfgTest, Bar4SizingFollowsLogWinLog2)
{
    EXPECT_EQ(size_bar(4), 0xfff0000cu); // default 1 MiB
    EXPECT_EQ(size_bar(5), 0xffffffffu);

    vpci_params p;
    vpci_params_default(&p);
    p.log_win_log2 = 12;
    init(&p);
    EXPECT_EQ(size_bar(4), 0xfffff00cu);
}

TEST_F(CfgTest, BarTypeBitsAreReadOnly)
{
    for (unsigned i : {0u, 2u, 4u})
        wr(VPCI_CFG_BAR_OFFSET(i), 4, 0);
    EXPECT_EQ(bar(0), 0x4u);
    EXPECT_EQ(bar(2), 0xcu);
    EXPECT_EQ(bar(4), 0xcu);
    wr(VPCI_CFG_BAR_OFFSET(0), 1, 0x0b); // low byte: only type bits there, all ro
    EXPECT_EQ(bar(0), 0x4u);
}

TEST_F(CfgTest, BarProgrammedAddressReadsBackAlignedToItsSize)
{
    wr(VPCI_CFG_BAR_OFFSET(0), 4, 0x12345678u);
    wr(VPCI_CFG_BAR_OFFSET(1), 4, 0x00000001u);
    EXPECT_EQ(bar(0), 0x12340004u);
    EXPECT_EQ(bar(1), 0x1u);
    wr(VPCI_CFG_BAR_OFFSET(2), 4, 0x80000000u);
    wr(VPCI_CFG_BAR_OFFSET(3), 4, 0x2u);
    EXPECT_EQ(bar(2), 0x8000000cu);
    EXPECT_EQ(bar(3), 0x2u);
}

TEST_F(CfgTest, BarByteWritesChangeOnlyTheirBytes)
{
    wr(VPCI_CFG_BAR_OFFSET(0), 4, 0xfe000000u);
    wr(VPCI_CFG_BAR_OFFSET(0) + 2, 1, 0x11);
    EXPECT_EQ(bar(0), 0xfe110004u);
    wr(VPCI_CFG_BAR_OFFSET(0) + 2, 2, 0xabcd);
    EXPECT_EQ(bar(0), 0xabcd0004u);
}

TEST_F(CfgTest, MsixTableSizeIsMsixVectorsMinusOne)
{
    EXPECT_EQ(rd(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2) & 0x7ffu, 64u);
    for (uint32_t n : {1u, 2u, 100u, 512u}) {
        vpci_params p;
        vpci_params_default(&p);
        p.msix_vectors = n;
        init(&p);
        EXPECT_EQ(rd(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2) & 0x7ffu, n - 1) << n;
        // Read-only for software, and it survives resets.
        wr(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, 0x07ffu);
        EXPECT_EQ(rd(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2) & 0x7ffu, n - 1) << n;
        vpci_core_pci_reset(f.core);
        EXPECT_EQ(rd(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2) & 0x7ffu, n - 1) << n;
    }
}

TEST_F(CfgTest, MsixEnableAndFunctionMaskAreReadWrite)
{
    wr(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, 0xc000u);
    EXPECT_EQ(rd(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2), 0xc040u);
    wr(VPCI_MSIX_CAP_MSGCTL_OFFSET + 1, 1, 0x80u); // upper byte only: ENABLE stays, FUNC_MASK off
    EXPECT_EQ(rd(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2), 0x8040u);
}

TEST_F(CfgTest, MemEnOffMakesBarsReadAllOnesAndDropWrites)
{
    EXPECT_FALSE(vpci_cfg_mem_enabled(f.core));
    EXPECT_EQ(vpci_mmio_read(f.core, 0, VPCI_ADAPTER_MAGIC_OFFSET, 4), 0xffffffffu);
    EXPECT_EQ(vpci_mmio_read(f.core, 0, VPCI_ADAPTER_MAGIC_OFFSET, 8), ~0ull);
    vpci_mmio_write(f.core, 0, VPCI_ADAPTER_DEV_FEATURES_SEL_OFFSET, 4, 1);
    vpci_mmio_write(f.core, 0, VPCI_MSIX_TBL_OFFSET + 8, 4, 0x1234);
    wr(VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK);
    EXPECT_TRUE(vpci_cfg_mem_enabled(f.core));
    EXPECT_EQ(vpci_mmio_read(f.core, 0, VPCI_ADAPTER_MAGIC_OFFSET, 4), VPCI_MAGIC);
    EXPECT_EQ(vpci_mmio_read(f.core, 0, VPCI_ADAPTER_DEV_FEATURES_SEL_OFFSET, 4), 0u);
    EXPECT_EQ(vpci_mmio_read(f.core, 0, VPCI_MSIX_TBL_OFFSET + 8, 4), 0u);
    // No error was recorded for the disabled accesses (§2.5).
    EXPECT_EQ(vpci_mmio_read(f.core, 0, VPCI_ADAPTER_ERROR_CAUSE_OFFSET, 4), 0u);
    // Turning MEM_EN off again keeps register contents.
    vpci_mmio_write(f.core, 0, VPCI_ADAPTER_DEV_FEATURES_SEL_OFFSET, 4, 1);
    wr(VPCI_CFG_COMMAND_OFFSET, 2, 0);
    EXPECT_EQ(vpci_mmio_read(f.core, 0, VPCI_ADAPTER_DEV_FEATURES_SEL_OFFSET, 4), 0xffffffffu);
    wr(VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK);
    EXPECT_EQ(vpci_mmio_read(f.core, 0, VPCI_ADAPTER_DEV_FEATURES_SEL_OFFSET, 4), 1u);
}

TEST_F(CfgTest, CommandIoEnIsHardwiredZero)
{
    wr(VPCI_CFG_COMMAND_OFFSET, 2, 0xffffu);
    EXPECT_EQ(rd(VPCI_CFG_COMMAND_OFFSET, 2), 0x0546u); // MEM_EN BUS_MASTER PERR SERR INTX_DIS
}

TEST_F(CfgTest, TransPendingShowsOutstandingDma)
{
    static uint8_t buf[16];
    fake_pci_enable(&f);
    f.defer_dma = true;
    EXPECT_EQ(rd(VPCI_PCIE_CAP_DEVSTA_OFFSET, 2) & VPCI_PCIE_CAP_DEVSTA_TRANS_PENDING_MASK, 0u);
    vpci_enter(f.core);
    ASSERT_TRUE(vpci_dma_issue(f.core, VPCI_DMA_SRC_M2S_DATA, VPCI_DMA_WRITE, FAKE_MEM_BASE, 16, buf));
    vpci_leave(f.core);
    EXPECT_EQ(rd(VPCI_PCIE_CAP_DEVSTA_OFFSET, 2) & VPCI_PCIE_CAP_DEVSTA_TRANS_PENDING_MASK,
              VPCI_PCIE_CAP_DEVSTA_TRANS_PENDING_MASK);
    // Read-only: writing 1 neither clears nor sets it.
    wr(VPCI_PCIE_CAP_DEVSTA_OFFSET, 2, 0xffffu);
    EXPECT_NE(rd(VPCI_PCIE_CAP_DEVSTA_OFFSET, 2) & VPCI_PCIE_CAP_DEVSTA_TRANS_PENDING_MASK, 0u);
    fake_complete_all(&f);
    EXPECT_EQ(rd(VPCI_PCIE_CAP_DEVSTA_OFFSET, 2) & VPCI_PCIE_CAP_DEVSTA_TRANS_PENDING_MASK, 0u);
}

TEST_F(CfgTest, FlrResetsConfigSpaceButKeepsLinkControl)
{
    wr(VPCI_CFG_COMMAND_OFFSET, 2, 0x0006u);
    wr(VPCI_CFG_BAR_OFFSET(0), 4, 0xfe000000u);
    wr(VPCI_CFG_BAR_OFFSET(2), 4, 0x80000000u);
    wr(VPCI_CFG_CACHE_LINE_OFFSET, 1, 0x10);
    wr(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, 0xc000u);
    wr(VPCI_PCIE_CAP_LINKCTL_OFFSET, 2, 0x0041u); // ASPM L0s + common clock
    wr(VPCI_PCIE_CAP_LINKCTL2_OFFSET, 2, 0x0001u);
    wr(VPCI_PCIE_CAP_DEVCTL2_OFFSET, 2, 0x0005u);
    // A 4-byte write covering DEVCTL (FLR) and DEVSTA.
    wr(VPCI_PCIE_CAP_DEVCTL_OFFSET, 4, VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK | 0x000f0000u);

    EXPECT_EQ(rd(VPCI_CFG_COMMAND_OFFSET, 2), 0u);
    EXPECT_EQ(bar(0), 0x4u);
    EXPECT_EQ(bar(2), 0xcu);
    EXPECT_EQ(rd(VPCI_CFG_CACHE_LINE_OFFSET, 1), 0u);
    EXPECT_EQ(rd(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2), 0x0040u);
    EXPECT_EQ(rd(VPCI_PCIE_CAP_DEVCTL_OFFSET, 2), VPCI_PCIE_CAP_DEVCTL_RESET);
    EXPECT_EQ(rd(VPCI_PCIE_CAP_DEVCTL2_OFFSET, 2), 0u);
    EXPECT_EQ(rd(VPCI_PCIE_CAP_LINKCTL_OFFSET, 2), 0x0041u);
    EXPECT_EQ(rd(VPCI_PCIE_CAP_LINKCTL2_OFFSET, 2), 0x0001u);

    // A conventional PCI reset resets the link control registers too.
    vpci_core_pci_reset(f.core);
    EXPECT_EQ(rd(VPCI_PCIE_CAP_LINKCTL_OFFSET, 2), VPCI_PCIE_CAP_LINKCTL_RESET);
    EXPECT_EQ(rd(VPCI_PCIE_CAP_LINKCTL2_OFFSET, 2), VPCI_PCIE_CAP_LINKCTL2_RESET);
}

TEST_F(CfgTest, FlrReadsZeroFromInitiateFlr)
{
    wr(VPCI_PCIE_CAP_DEVCTL_OFFSET, 2, VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK);
    EXPECT_EQ(rd(VPCI_PCIE_CAP_DEVCTL_OFFSET, 2) & VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK, 0u);
}

TEST_F(CfgTest, UnalignedOrBadlySizedAccessReadsAllOnesAndDropsWrites)
{
    EXPECT_EQ(rd(0x01, 2), 0xffffu);
    EXPECT_EQ(rd(0x02, 4), 0xffffffffu);
    EXPECT_EQ(rd(0x00, 3), 0xffffffffu);
    EXPECT_EQ(rd(0x1000, 4), 0xffffffffu);
    wr(VPCI_CFG_COMMAND_OFFSET - 1, 2, 0x0600u); // would set MEM_EN/BUS_MASTER bytes
    wr(VPCI_CFG_BAR_OFFSET(0) + 2, 4, 0xffffffffu);
    EXPECT_EQ(rd(VPCI_CFG_COMMAND_OFFSET, 2), 0u);
    EXPECT_EQ(bar(0), 0x4u);
}

TEST_F(CfgTest, HolesReadZeroAndIgnoreWrites)
{
    for (uint32_t off : {0x38u, 0xc0u, 0x200u, 0xffcu}) {
        wr(off, 4, 0xffffffffu);
        EXPECT_EQ(rd(off, 4), 0u) << off;
    }
}

TEST_F(CfgTest, WritesDuringResetWindowAreDroppedUntilMemEnIsRestored)
{
    // After an FLR the function is back at reset: MEM_EN = 0, so BAR writes a
    // driver issues before restoring config space are dropped without effect.
    fake_pci_enable(&f);
    vpci_mmio_write(f.core, 0, VPCI_VQ_VECTOR_OFFSET, 4, 3);
    wr(VPCI_PCIE_CAP_DEVCTL_OFFSET, 2, VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK);
    vpci_mmio_write(f.core, 0, VPCI_VQ_VECTOR_OFFSET, 4, 4);
    vpci_mmio_write(f.core, 0, VPCI_MSIX_TBL_OFFSET + 12, 4, 0);
    wr(VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK);
    EXPECT_EQ(vpci_mmio_read(f.core, 0, VPCI_VQ_VECTOR_OFFSET, 4), VPCI_NO_VECTOR);
    EXPECT_EQ(vpci_mmio_read(f.core, 0, VPCI_MSIX_TBL_OFFSET + 12, 4), 1u);
    EXPECT_EQ(vpci_mmio_read(f.core, 0, VPCI_ADAPTER_ERROR_CAUSE_OFFSET, 4), 0u);
}

} // namespace
