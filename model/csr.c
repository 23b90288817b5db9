/* SPDX-License-Identifier: MIT */
/*
 * csr.c - the CSR file: every register of the generated decode table, with
 * the software access semantics of its fields (reggen names: ro rw wo rc rw1c
 * rw1s rw0c r0w1c). Config space and the BAR0 register blocks both go through
 * here; external (hwext) registers are forwarded to their block.
 *
 * An access may cover several registers (a 4-byte config read at 0x08 spans
 * REVISION_ID and the three class bytes) or part of one (a byte of a 32-bit
 * register): it is split by register and carried out with byte enables.
 */
#include "vpci_internal.h"

/* Byte-enable mask, in register bit positions, for bytes [lo, lo + n). */
static uint32_t lane_mask(unsigned lo, unsigned n)
{
    uint64_t m = ((1ull << (8 * n)) - 1) << (8 * lo);
    return (uint32_t)m;
}

void vpci_csr_reset(struct vpci_core *c, unsigned space)
{
    for (unsigned i = 0; i < VPCI_REG_COUNT; i++) {
        const struct vpci_reg_desc *r = &vpci_regs[i];
        if (r->space == space)
            c->csr.val[i] = r->reset;
    }
}

static uint32_t reg_read(struct vpci_core *c, const struct vpci_reg_desc *r, uint32_t bytemask)
{
    uint32_t v;

    if (r->flags & VPCI_REG_F_HWEXT) {
        v = vpci_ext_read(c, r);
    } else {
        v = c->csr.val[r->id];
        /* rc: the bits read are cleared by the read */
        c->csr.val[r->id] &= ~(r->rc_mask & bytemask);
    }
    return v & r->rd_mask;
}

static void reg_write(struct vpci_core *c, const struct vpci_reg_desc *r, uint32_t val,
                      uint32_t bytemask)
{
    if (r->flags & VPCI_REG_F_HWEXT) {
        vpci_ext_write(c, r, val, bytemask);
        return;
    }

    uint32_t old = c->csr.val[r->id];
    uint32_t v = old;
    uint32_t m;

    m = r->wr_mask & bytemask;
    v = (v & ~m) | (val & m);
    v &= ~(val & r->w1c_mask & bytemask);
    v |= val & r->w1s_mask & bytemask;
    v &= ~(~val & r->w0c_mask & bytemask);
    c->csr.val[r->id] = v;

    uint32_t pulse = val & r->pulse_mask & bytemask;
    if (v != old || pulse || (r->flags & VPCI_REG_F_HWQE))
        vpci_reg_written(c, r, old, v, pulse);
}

/*
 * Walk the bytes of [off, off + size) register by register, calling @fn once
 * per register with the part of the access that falls into it.
 */
typedef void (*csr_part_fn)(struct vpci_core *c, const struct vpci_reg_desc *r,
                            unsigned reg_byte, unsigned acc_byte, unsigned n, void *arg);

static bool csr_walk(struct vpci_core *c, unsigned space, uint32_t off, unsigned size,
                     csr_part_fn fn, void *arg)
{
    bool hit = false;
    unsigned i = 0;

    while (i < size) {
        uint32_t o = off + i;
        unsigned slot = (o >> 2) % VPCI_CSR_LOOKUP_SLOTS;
        uint32_t key = ((o << 2) | space) + 1;
        const struct vpci_reg_desc *r;
        if (c->csr.lk_key[slot] == key) {
            r = c->csr.lk_reg[slot];
        } else {
            r = vpci_reg_lookup(space, o);
            if (r) {
                c->csr.lk_key[slot] = key;
                c->csr.lk_reg[slot] = r;
            }
        }
        if (!r) {
            i++;
            continue;
        }
        unsigned reg_byte = off + i - r->offset;
        unsigned n = r->size - reg_byte;
        if (n > size - i)
            n = size - i;
        fn(c, r, reg_byte, i, n, arg);
        hit = true;
        i += n;
    }
    return hit;
}

static void read_part(struct vpci_core *c, const struct vpci_reg_desc *r, unsigned reg_byte,
                      unsigned acc_byte, unsigned n, void *arg)
{
    uint32_t *out = arg;
    uint32_t bm = lane_mask(reg_byte, n);
    uint32_t v = reg_read(c, r, bm) & bm;

    *out |= (v >> (8 * reg_byte)) << (8 * acc_byte);
}

struct write_arg {
    uint32_t val;
};

static void write_part(struct vpci_core *c, const struct vpci_reg_desc *r, unsigned reg_byte,
                       unsigned acc_byte, unsigned n, void *arg)
{
    const struct write_arg *w = arg;
    uint32_t bytes = (uint32_t)((uint64_t)w->val >> (8 * acc_byte));

    reg_write(c, r, bytes << (8 * reg_byte), lane_mask(reg_byte, n));
}

bool vpci_csr_read(struct vpci_core *c, unsigned space, uint32_t off, unsigned size, uint32_t *val)
{
    *val = 0;
    return csr_walk(c, space, off, size, read_part, val);
}

bool vpci_csr_write(struct vpci_core *c, unsigned space, uint32_t off, unsigned size, uint32_t val)
{
    struct write_arg w = {val};
    return csr_walk(c, space, off, size, write_part, &w);
}
