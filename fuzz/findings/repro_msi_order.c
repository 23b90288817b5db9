/* Reproducer: MSI-X issued while an earlier DMA write (S2M completion) is outstanding. */
#include <stdio.h>
#include <string.h>
#include "fake_platform.h"

int main(void)
{
    static struct fake_platform f;
    static struct fake_driver d;
    fake_init(&f, NULL);
    if (!fake_driver_init(&d, &f, 2)) { puts("init failed"); return 2; }
    /* MSI-X: vector 0 unmasked, enabled; adapter interrupts on vector 0. */
    fake_wr32(&f, VPCI_MSIX_TBL_OFFSET + 0, (uint32_t)(FAKE_MEM_BASE + 0x3ff000));
    fake_wr32(&f, VPCI_MSIX_TBL_OFFSET + 4, (uint32_t)(FAKE_MEM_BASE >> 32));
    fake_wr32(&f, VPCI_MSIX_TBL_OFFSET + 8, 0);
    fake_wr32(&f, VPCI_MSIX_TBL_OFFSET + 12, 0);
    vpci_cfg_write(f.core, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
    fake_wr32(&f, VPCI_ADAPTER_INT_VECTOR_OFFSET, 0);
    fake_wr32(&f, VPCI_ADAPTER_INT_ENABLE_OFFSET, 0xf);
    vpci_master_connect(f.core);
    fake_wr32(&f, VPCI_ADAPTER_INT_CAUSE_OFFSET, 0xf); /* clear: next cause -> new MSI */
    f.defer_dma = true;
    f.nev = 0;
    uint8_t msg[20] = {0};               /* request 0: not a valid reply -> BAD_MSG */
    uint32_t flags = 1 | 4, size = 8;    /* version 1, REPLY */
    memcpy(msg + 4, &flags, 4);
    memcpy(msg + 8, &size, 4);
    fake_driver_s2m_post(&d, msg, sizeof(msg), 0, (uint8_t)(fake_rd32(&f, VPCI_ADAPTER_LINK_OFFSET) >> 8));
    fake_complete_all(&f);
    int open_writes = 0, bad = 0;
    for (unsigned i = 0; i < f.nev; i++) {
        struct fake_event *e = &f.ev[i];
        if (e->type == FAKE_EV_DMA_ISSUE && e->c == VPCI_DMA_WRITE) open_writes++;
        if (e->type == FAKE_EV_DMA_DONE && e->c == VPCI_DMA_WRITE) open_writes--;
        if (e->type == FAKE_EV_MSI) {
            printf("MSI vector %u with %d earlier DMA write(s) outstanding\n", e->c, open_writes);
            bad |= open_writes != 0;
        }
    }
    printf("ERROR_INFO 0x%x\n", fake_rd32(&f, VPCI_ADAPTER_ERROR_INFO_OFFSET));
    fake_fini(&f);
    puts(bad ? "BUG: MSI-X overtook a DMA write (spec 5.7 rule 2)" : "ok");
    return bad;
}
