/* SPDX-License-Identifier: MIT */
/*
 * consumer.c - an outside user of the installed vhost-pci: builds against the
 * installed headers and libraries only (find_package or pkg-config), creates
 * an adapter core on the direct HAL port, reads its MAGIC register through
 * BAR0, checks it against the generated register header, and calls into the
 * firmware library (link check of every installed library).
 */
#include <stdio.h>

#include "hal_core.h"
#include "vhost_pci_core.h"
#include "vhost_pci_regs.h"
#include "vpf.h"

int main(void)
{
    struct vpci_hal_core *hc = vpci_hal_core_create(NULL, 0);
    if (!hc) {
        fprintf(stderr, "consumer: cannot create a core\n");
        return 1;
    }
    struct vpci_core *core = vpci_hal_core_core(hc);
    /* Memory decoding on, as a PCI enumerator does, then BAR0's MAGIC. */
    vpci_cfg_write(core, VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK);
    uint64_t magic = vpci_mmio_read(core, 0, VPCI_ADAPTER_MAGIC_OFFSET, 4);
    int rc = magic == VPCI_MAGIC ? 0 : 1;
    printf("consumer: MAGIC=0x%08llx (%s), vpf_strerror(0)=\"%s\"\n", (unsigned long long)magic,
           rc ? "wrong" : "ok", vpf_strerror(0));
    vpci_hal_core_destroy(hc);
    return rc;
}
