/* SPDX-License-Identifier: MIT */
/*
 * fuzz_mmio_dma.c - libFuzzer target for the driver face of the core (issue
 * 3 "Fuzzing"): sequences of config-space and MMIO reads/writes of every
 * size at any offset of every BAR, DMA completions in any order, with
 * errors or late (after resets), resets of every kind, writes into driver
 * memory (adversarial descriptors), interleaved with master messages.
 *
 * Input layout: 2 bytes of parameters, then operations (one opcode byte,
 * then the bytes the operation consumes). DMA is deferred by default: the
 * input decides when and how each request completes. Invariants are
 * checked after every operation (fuzz_common.c).
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"

enum {
    OP_MMIO_RD = 0,
    OP_MMIO_WR,
    OP_MMIO_WR2,      /* writes are more interesting than reads */
    OP_CFG_RD,
    OP_CFG_WR,
    OP_DMA_ONE,       /* complete one pending request (any, OK/error) */
    OP_DMA_ALL,
    OP_DMA_MODE,      /* auto-complete on/off, fail-all, fail range  */
    OP_DMA_BOGUS,     /* completion of a tag nobody issued           */
    OP_RESET,         /* CONTROL.RESET, FLR or PCI reset             */
    OP_CONNECT,
    OP_DISCONNECT,
    OP_MSG,
    OP_KICK,
    OP_DRIVER_INIT,
    OP_DRIVER_POLL,
    OP_S2M,
    OP_POKE,          /* write bytes into driver memory              */
    OP_EXT_MASK,
    OP_WINDOW_PTR,
    OP_COUNT,
};

static const unsigned sizes[8] = {4, 1, 2, 8, 4, 3, 0, 16};

/* A BAR and offset, biased towards the interesting parts of each BAR. */
static void pick_bar_off(struct fz *f, struct fz_in *in, unsigned *bar, uint64_t *off)
{
    uint8_t m = fz_u8(in);
    static const unsigned bars[8] = {0, 0, 0, 0, 2, 4, 1, 6};

    *bar = bars[m & 7];
    switch ((m >> 3) & 7) {
    case 0: case 1: case 2:
        *off = fz_u16(in) % 0x400; /* register blocks */
        break;
    case 3:
        *off = 0x1000 + fz_u16(in) % 0x1000; /* doorbells */
        break;
    case 4:
        *off = 0x2000 + fz_u16(in) % 0x3000; /* MSI-X table and PBA */
        break;
    case 5:
        *off = fz_u16(in) * 8ull; /* anywhere in BAR0, reserved, beyond */
        break;
    case 6:
        *off = vpci_bar_size(f->core, *bar) - 16 + fz_u8(in) % 32; /* the end */
        break;
    default:
        *off = fz_u64(in);
        break;
    }
}

static void reset(struct fz *f, uint8_t how)
{
    switch (how % 3) {
    case 0:
        fz_wr32(f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
        break;
    case 1:
        vpci_cfg_write(f->core, VPCI_PCIE_CAP_DEVCTL_OFFSET, 2,
                       vpci_cfg_read(f->core, VPCI_PCIE_CAP_DEVCTL_OFFSET, 2) |
                           VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK);
        break;
    default:
        vpci_core_pci_reset(f->core);
        break;
    }
    f->drv.up = false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz_in in = {data, size};
    static struct fz f;
    struct vpci_params p;

    fz_params(&in, &p);
    fz_init(&f, &p);
    f.auto_dma = false;

    for (unsigned n = 0; n < 1024 && fz_more(&in); n++) {
        uint8_t op = fz_u8(&in) % OP_COUNT;
        unsigned bar;
        uint64_t off;

        switch (op) {
        case OP_MMIO_RD:
            pick_bar_off(&f, &in, &bar, &off);
            (void)vpci_mmio_read(f.core, bar, off, sizes[fz_u8(&in) & 7]);
            break;
        case OP_MMIO_WR:
        case OP_MMIO_WR2:
            pick_bar_off(&f, &in, &bar, &off);
            vpci_mmio_write(f.core, bar, off, sizes[fz_u8(&in) & 7], fz_u64(&in));
            break;
        case OP_CFG_RD:
            (void)vpci_cfg_read(f.core, fz_u16(&in) % 0x1100, sizes[fz_u8(&in) & 7]);
            break;
        case OP_CFG_WR: {
            uint8_t m = fz_u8(&in);
            /* mostly the header and capabilities */
            uint32_t o = (m & 1) ? fz_u16(&in) % 0x1100 : fz_u8(&in) % 0xa0;
            vpci_cfg_write(f.core, o, sizes[(m >> 1) & 7], fz_u32(&in));
            break;
        }
        case OP_DMA_ONE: {
            uint8_t m = fz_u8(&in);
            if (f.npend)
                fz_dma_complete_idx(&f, (m & 0x7f) % f.npend,
                                    (m & 0x80) ? VPCI_DMA_ERROR : VPCI_DMA_OK);
            break;
        }
        case OP_DMA_ALL:
            fz_dma_complete_all(&f);
            break;
        case OP_DMA_MODE: {
            uint8_t m = fz_u8(&in);
            f.auto_dma = m & 1;
            f.dma_fail_all = (m & 6) == 6;
            if (m & 8) {
                f.fail_lo = FZ_MEM_BASE + fz_u16(&in) * 16ull;
                f.fail_hi = f.fail_lo + fz_u16(&in);
            } else {
                f.fail_lo = f.fail_hi = 0;
            }
            if (f.auto_dma)
                fz_dma_complete_all(&f);
            break;
        }
        case OP_DMA_BOGUS: {
            uint32_t tag = fz_u32(&in);
            bool known = false;
            for (unsigned i = 0; i < f.npend; i++)
                known |= f.pend[i].req.tag == tag;
            if (!known)
                vpci_dma_complete(f.core, tag, fz_u8(&in) & 1);
            break;
        }
        case OP_RESET:
            reset(&f, fz_u8(&in));
            break;
        case OP_CONNECT:
            fz_connect(&f);
            break;
        case OP_DISCONNECT:
            fz_disconnect(&f);
            break;
        case OP_MSG:
            if (fz_u8(&in) & 0x10)
                fz_master_raw(&f, &in);
            else
                fz_master_msg(&f, &in);
            break;
        case OP_KICK:
            vpci_master_kick(f.core, fz_u16(&in) % (p.num_vqs + 2));
            break;
        case OP_DRIVER_INIT: {
            /* Bring-up itself completes its DMA, without injected errors. */
            bool a = f.auto_dma, fa = f.dma_fail_all;
            uint64_t lo = f.fail_lo, hi = f.fail_hi;
            f.auto_dma = true;
            f.dma_fail_all = false;
            f.fail_lo = f.fail_hi = 0;
            fz_dma_complete_all(&f);
            fz_driver_init(&f, &in);
            f.auto_dma = a;
            f.dma_fail_all = fa;
            f.fail_lo = lo;
            f.fail_hi = hi;
            break;
        }
        case OP_DRIVER_POLL:
            fz_driver_poll(&f, &in);
            break;
        case OP_S2M:
            fz_driver_s2m(&f, &in);
            break;
        case OP_POKE: {
            uint32_t at = fz_u16(&in) * 4u % FZ_MEM_SIZE;
            uint8_t len = fz_u8(&in) % 32;
            for (uint8_t i = 0; i < len && at + i < FZ_MEM_SIZE; i++)
                f.mem[at + i] = fz_u8(&in);
            f.poked = true;
            break;
        }
        case OP_EXT_MASK:
            if (p.msix_mode == VPCI_MSIX_EXTERNAL)
                vpci_msix_ext_mask(f.core, fz_u16(&in) % (p.msix_vectors + 2), fz_u8(&in) & 1);
            break;
        case OP_WINDOW_PTR:
            fz_window_ptr(&f, &in);
            break;
        default:
            break;
        }
        fz_check_state(&f);
    }
    fz_fini(&f);
    return 0;
}
