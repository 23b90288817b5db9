/* SPDX-License-Identifier: MIT */
/*
 * fuzz_master_msg.c - libFuzzer target for the master face of the core
 * (issue 3 "Fuzzing"): the input is a sequence of connect / disconnect /
 * kick / vhost-user message (with resources) operations against a core
 * whose driver side is brought up and served by the fuzz-local test driver
 * of fuzz_common.c (it consumes M2S messages and replies on S2M).
 *
 * Input layout: 2 bytes of parameters, 1 byte of setup, then operations
 * (one opcode byte each, followed by the bytes that operation consumes).
 * Memory regions are heap buffers of exactly their declared size, so an
 * out-of-bounds window access by the core is an ASan report; invariants are
 * checked after every operation (fuzz_common.c).
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"

enum {
    OP_MSG = 0,       /* 0..7: structured master message (most common) */
    OP_RAW = 8,
    OP_CONNECT,
    OP_DISCONNECT,
    OP_KICK,
    OP_DOORBELL,
    OP_WINDOW,
    OP_WINDOW_PTR,
    OP_S2M,
    OP_DRIVER,        /* bring the driver up (again)                 */
    OP_RESET,
    OP_COUNT,
};

/* A window access through BAR2 or BAR4 (exercises the translations). */
static void window_access(struct fz *f, struct fz_in *in)
{
    uint8_t m = fz_u8(in);
    unsigned bar = (m & 1) ? 4 : 2;
    static const unsigned sizes[4] = {1, 2, 4, 8};
    unsigned size = sizes[(m >> 1) & 3];
    uint64_t off = ((uint64_t)(fz_u8(in) & 7) << 21) + fz_u16(in) * 64ull + (m >> 3) * size;

    off &= vpci_bar_size(f->core, bar) - 1;
    off &= ~(uint64_t)(size - 1);
    if (m & 0x80)
        vpci_mmio_write(f->core, bar, off, size, fz_u64(in));
    else
        (void)vpci_mmio_read(f->core, bar, off, size);
}

static void doorbell(struct fz *f, struct fz_in *in)
{
    uint8_t m = fz_u8(in);
    uint32_t vq = fz_u8(in) % (f->p.num_vqs + 1);
    uint32_t off = (m & 3) == 3 ? VPCI_DOORBELL_LOG_OFFSET
                                : VPCI_DOORBELL_CALL_BASE + 8 * vq + 4 * (m & 1);
    fz_wr32(f, off, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz_in in = {data, size};
    static struct fz f; /* large: keep it off the stack; reset per input */
    struct vpci_params p;

    fz_params(&in, &p);
    fz_init(&f, &p);
    uint8_t setup = fz_u8(&in);
    f.auto_disconnect = !(setup & 1);
    if (setup & 2) { /* master first: its messages wait for DRIVER_OK */
        fz_connect(&f);
    } else {
        fz_driver_init(&f, &in);
        fz_connect(&f);
    }
    fz_check_state(&f);

    for (unsigned n = 0; n < 512 && fz_more(&in); n++) {
        uint8_t op = fz_u8(&in) % OP_COUNT;
        switch (op) {
        case OP_RAW:
            fz_master_raw(&f, &in);
            break;
        case OP_CONNECT:
            fz_connect(&f);
            break;
        case OP_DISCONNECT:
            fz_disconnect(&f);
            break;
        case OP_KICK: {
            uint8_t k = fz_u8(&in);
            vpci_master_kick(f.core, (k & 0x80) ? fz_u16(&in) : (uint16_t)(k % (p.num_vqs + 1)));
            break;
        }
        case OP_DOORBELL:
            doorbell(&f, &in);
            break;
        case OP_WINDOW:
            window_access(&f, &in);
            break;
        case OP_WINDOW_PTR:
            fz_window_ptr(&f, &in);
            break;
        case OP_S2M:
            fz_driver_s2m(&f, &in);
            break;
        case OP_DRIVER:
            if (!f.drv.up || (fz_u8(&in) & 7) == 0)
                fz_driver_init(&f, &in);
            break;
        case OP_RESET:
            if ((fz_u8(&in) & 3) == 0) {
                fz_wr32(&f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
                f.drv.up = false;
            }
            break;
        default:
            fz_master_msg(&f, &in);
            break;
        }
        fz_dma_complete_all(&f);
        fz_driver_poll(&f, &in);
        fz_check_state(&f);
    }
    fz_fini(&f);
    return 0;
}
