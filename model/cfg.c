/* SPDX-License-Identifier: MIT */
/*
 * cfg.c - the PCI configuration space of the function (docs/spec.md §2):
 * the part of it that the generic CSR engine (csr.c) cannot hold by itself.
 *
 *   - the three 64-bit memory BARs (§2.2) with their sizing masks: BAR0/1
 *     control, 32 KiB, non-prefetchable; BAR2/3 memory window and BAR4/5 log
 *     window, prefetchable, sized 2^MEM_WIN_LOG2 and 2^LOG_WIN_LOG2. The type
 *     bits (3:0) are read-only; address bits below the size read 0;
 *   - MSI-X MSGCTL.TABLE_SIZE = MSIX_VECTORS - 1 (§2.3), a hardware-written
 *     field whose CSR storage is set at reset from the instance parameter;
 *   - DEVSTA.TRANS_PENDING (§2.3), mirrored from the DMA engine's count of
 *     outstanding requests before every config read;
 *   - COMMAND.MEM_EN (§2.5) as seen by the BAR decoders.
 *
 * Everything else in config space (header, PCIe and MSI-X capabilities) is
 * plain CSR storage driven by the generated decode table.
 */
#include "vpci_internal.h"

/* Memory BAR type bits (PCI Local Bus 3.0 §6.2.5.1). */
#define BAR_TYPE_64 0x4u       /* bits 2:1 = 10b: 64-bit decoder */
#define BAR_PREFETCHABLE 0x8u  /* bit 3 */
#define BAR_LO_ADDR_MASK 0xfffffff0u

/* Read-only type bits of the low dword of the pair starting at @lo. */
static uint32_t pair_type(unsigned lo)
{
    switch (lo) {
    case 0:
        return BAR_TYPE_64 | (VPCI_BAR0_PREFETCHABLE ? BAR_PREFETCHABLE : 0);
    case 2:
        return BAR_TYPE_64 | (VPCI_BAR2_PREFETCHABLE ? BAR_PREFETCHABLE : 0);
    default:
        return BAR_TYPE_64 | (VPCI_BAR4_PREFETCHABLE ? BAR_PREFETCHABLE : 0);
    }
}

/* Writable address bits of BAR register @idx (0..5). */
static uint32_t bar_wr_mask(const struct vpci_core *c, unsigned idx)
{
    uint64_t size = vpci_bar_size(c, idx & ~1u);
    uint64_t addr_mask = ~(size - 1); /* size is a power of two >= 4 KiB */

    if (idx & 1)
        return (uint32_t)(addr_mask >> 32);
    return (uint32_t)addr_mask & BAR_LO_ADDR_MASK;
}

/* Reset the state this file owns; the CSR storage was reset by the caller. */
void vpci_cfg_reset(struct vpci_core *c)
{
    for (unsigned i = 0; i < 6; i++)
        c->cfg.bar[i] = 0;
    /* TABLE_SIZE is written by hardware: it holds MSIX_VECTORS - 1 from reset on. */
    uint32_t msgctl = vpci_csr_get(c, VPCI_REG_MSIX_CAP_MSGCTL);
    vpci_csr_set(c, VPCI_REG_MSIX_CAP_MSGCTL,
                 vpci_msix_cap_msgctl_table_size_set(msgctl, c->p.msix_vectors - 1));
    vpci_cfg_sync(c);
}

/* Bring hardware-written config fields up to date (before a config read). */
void vpci_cfg_sync(struct vpci_core *c)
{
    uint32_t devsta = vpci_csr_get(c, VPCI_REG_PCIE_CAP_DEVSTA);

    devsta = vpci_pcie_cap_devsta_trans_pending_set(devsta, vpci_dma_outstanding(c) != 0);
    vpci_csr_set(c, VPCI_REG_PCIE_CAP_DEVSTA, devsta);
}

/* Value of BAR register @idx: the programmed address bits and the type bits. */
uint32_t vpci_cfg_bar_read(struct vpci_core *c, unsigned idx)
{
    if (idx >= 6)
        return 0;
    uint32_t v = c->cfg.bar[idx] & bar_wr_mask(c, idx);
    if (!(idx & 1))
        v |= pair_type(idx);
    return v;
}

/* Write the bytes of BAR register @idx selected by @bytemask. */
void vpci_cfg_bar_write(struct vpci_core *c, unsigned idx, uint32_t val, uint32_t bytemask)
{
    if (idx >= 6)
        return;
    uint32_t v = (c->cfg.bar[idx] & ~bytemask) | (val & bytemask);
    c->cfg.bar[idx] = v & bar_wr_mask(c, idx);
}

/* COMMAND.MEM_EN: the BARs decode memory accesses. */
bool vpci_cfg_mem_enabled(const struct vpci_core *c)
{
    return (vpci_csr_get(c, VPCI_REG_CFG_COMMAND) & VPCI_CFG_COMMAND_MEM_EN_MASK) != 0;
}
