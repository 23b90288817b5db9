/* SPDX-License-Identifier: MIT */
/*
 * msix.c - the MSI-X block of the adapter (docs/spec.md §2.3, §2.5, §3.1,
 * §3.2, §5.7 rule 2, §7.3, §7.4): the vector table and the pending bit array
 * in BAR0, per-vector and function masks, the external MSI-X mode, and the
 * ordering rule that an MSI-X message never overtakes a DMA write issued
 * before it.
 *
 * Sending vector v (§7.3):
 *   1. MSI-X disabled: dropped (no INTx), the PBA is not changed;
 *   2. function or vector masked, or COMMAND.BUS_MASTER = 0: PBA bit v := 1;
 *   3. otherwise the message is sent once every DMA write issued before it
 *      has completed. Until then the vector "waits" (internal state, not the
 *      PBA), and the DMA engine issues no new write (a write fence: dma.c
 *      asks vpci_msix_waiting()), so "every write outstanding when the
 *      message goes out was issued before it" holds and nothing can starve
 *      the message. A second send of a waiting vector is covered by the same
 *      message. When no write is outstanding, steps 1 and 2 are applied again
 *      with the state of that moment (the entry is read at send time), then
 *      the message goes out.
 * A pending (PBA) vector is sent through step 3, and its PBA bit cleared,
 * when it becomes deliverable (unmask, FUNC_MASK cleared, BUS_MASTER set,
 * MSI-X enabled again). Several sends while masked collapse into one.
 * Vectors go out in vector order within one pass; the spec orders MSI-X
 * messages against DMA writes only.
 *
 * External mode (§7.4): the table window in BAR0 reads and writes as plain
 * storage without effect on delivery. Steps 1 and 2 use the enable, function
 * mask and vector masks the platform reported (vpci_msix_ext_state,
 * vpci_msix_ext_mask; enabled and unmasked until reported otherwise; not
 * touched by resets, the platform owns that state); the adapter keeps the
 * PBA and raises ->irq(vector) instead of ->msi().
 */
#include "vpci_internal.h"

#define MSIX_ENTRY_SIZE 16u
#define MSIX_W_ADDR_LO 0u
#define MSIX_W_ADDR_HI 1u
#define MSIX_W_DATA 2u
#define MSIX_W_CTRL 3u
#define MSIX_CTRL_MASK 0x1u     /* vector control: only MASK is implemented */
#define MSIX_ADDR_LO_MASK 0xfffffffcu /* address bits 1:0 read 0 */

/* BAR0 MSIX block layout, relative to the table (what vpci_msix_read gets). */
#define MSIX_TBL_BYTES (VPCI_MAX_MSIX_VECTORS * MSIX_ENTRY_SIZE)
#define MSIX_PBA_START (VPCI_MSIX_PBA_OFFSET - VPCI_MSIX_TBL_OFFSET)
#define MSIX_PBA_BYTES (VPCI_MAX_MSIX_VECTORS / 8)
#define PBA_WORDS (VPCI_MAX_MSIX_VECTORS / 32)

static bool external(const struct vpci_core *c)
{
    return c->p.msix_mode == VPCI_MSIX_EXTERNAL;
}

static uint32_t msgctl(const struct vpci_core *c)
{
    return vpci_csr_get(c, VPCI_REG_MSIX_CAP_MSGCTL);
}

/* Step 1: MSI-X enabled (else sends are dropped). */
static bool msix_enabled(const struct vpci_core *c)
{
    if (external(c))
        return !c->msix.ext_disabled;
    return (msgctl(c) & VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK) != 0;
}

/* Step 2: function or vector @v masked, or no bus mastering (else sent). */
static bool held(const struct vpci_core *c, unsigned v)
{
    if (!vpci_bus_master(c))
        return true;
    if (external(c))
        return c->msix.ext_func_masked || ((c->msix.ext_mask[v / 32] >> (v % 32)) & 1u);
    return (msgctl(c) & VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_MASK) ||
           (c->msix.table[v * 4 + MSIX_W_CTRL] & MSIX_CTRL_MASK);
}

/* Bits of a PBA-sized word @w that belong to implemented vectors. */
static uint32_t valid_bits(const struct vpci_core *c, unsigned w)
{
    unsigned n = c->p.msix_vectors;

    if (n >= 32 * (w + 1))
        return 0xffffffffu;
    if (n <= 32 * w)
        return 0;
    return (1u << (n - 32 * w)) - 1;
}

/* Reset the table (every vector masked, fields 0), the PBA and waiting sends. */
void vpci_msix_reset(struct vpci_core *c)
{
    struct vpci_msix *m = &c->msix;

    for (unsigned v = 0; v < VPCI_MAX_MSIX_VECTORS; v++) {
        m->table[v * 4 + MSIX_W_ADDR_LO] = 0;
        m->table[v * 4 + MSIX_W_ADDR_HI] = 0;
        m->table[v * 4 + MSIX_W_DATA] = 0;
        m->table[v * 4 + MSIX_W_CTRL] = MSIX_CTRL_MASK;
    }
    for (unsigned w = 0; w < PBA_WORDS; w++) {
        m->pba[w] = 0;
        m->wait[w] = 0;
    }
    /* ext_* mirror the platform's state: reported by the platform, not reset here. */
}

/* The 32-bit word of the MSIX block containing byte @off (0 for holes). */
static uint32_t block_word(const struct vpci_core *c, uint32_t off)
{
    if (off < MSIX_TBL_BYTES) {
        unsigned v = off / MSIX_ENTRY_SIZE;
        if (v >= c->p.msix_vectors)
            return 0;
        return c->msix.table[v * 4 + (off % MSIX_ENTRY_SIZE) / 4];
    }
    if (off >= MSIX_PBA_START && off - MSIX_PBA_START < MSIX_PBA_BYTES) {
        unsigned w = (off - MSIX_PBA_START) / 4;
        return c->msix.pba[w] & valid_bits(c, w);
    }
    return 0;
}

/* Read @size (1, 2 or 4, naturally aligned) bytes at @off of the MSIX block. */
uint32_t vpci_msix_read(struct vpci_core *c, uint32_t off, unsigned size)
{
    uint32_t word = block_word(c, off & ~3u);
    unsigned sh = 8 * (off & 3u);

    if (size >= 4)
        return word;
    return (word >> sh) & ((1u << (8 * size)) - 1);
}

/* Write @size (1, 2 or 4, naturally aligned) bytes at @off of the MSIX block. */
void vpci_msix_write(struct vpci_core *c, uint32_t off, unsigned size, uint32_t val)
{
    if (off >= MSIX_TBL_BYTES)
        return; /* PBA is read-only; the rest of the block is a hole */
    unsigned v = off / MSIX_ENTRY_SIZE;
    if (v >= c->p.msix_vectors)
        return; /* entries >= MSIX_VECTORS are holes */

    unsigned w = (off % MSIX_ENTRY_SIZE) / 4;
    unsigned sh = 8 * (off & 3u);
    uint32_t bm = (size >= 4 ? 0xffffffffu : ((1u << (8 * size)) - 1)) << sh;
    uint32_t *p = &c->msix.table[v * 4 + w];
    uint32_t old = *p;
    uint32_t nv = (old & ~bm) | ((val << sh) & bm);

    if (w == MSIX_W_CTRL)
        nv &= MSIX_CTRL_MASK;
    else if (w == MSIX_W_ADDR_LO)
        nv &= MSIX_ADDR_LO_MASK;
    *p = nv;
    if (w == MSIX_W_CTRL && (old & MSIX_CTRL_MASK) && !(nv & MSIX_CTRL_MASK))
        vpci_kick_engines(c); /* unmasked: a pending message may go */
}

/* Step 3: vector @v waits for every DMA write issued so far. */
static void start_wait(struct vpci_core *c, unsigned v)
{
    c->msix.wait[v / 32] |= 1u << (v % 32);
    vpci_kick_engines(c);
}

bool vpci_msix_waiting(const struct vpci_core *c)
{
    for (unsigned w = 0; w < PBA_WORDS; w++)
        if (c->msix.wait[w])
            return true;
    return false;
}

/* Send @vector (NO_VECTOR or beyond the table: nothing), steps 1-3 of §7.3. */
void vpci_msix_signal(struct vpci_core *c, uint16_t vector)
{
    if (vector == VPCI_NO_VECTOR || vector >= c->p.msix_vectors)
        return;
    if (!msix_enabled(c))
        return; /* dropped: no INTx fallback */
    if (held(c, vector)) {
        c->msix.pba[vector / 32] |= 1u << (vector % 32);
        return;
    }
    start_wait(c, vector);
}

static void deliver(struct vpci_core *c, unsigned v)
{
    c->stats.msi_sent++;
    if (external(c)) {
        c->drv.irq(c->drv_opaque, (uint16_t)v);
        return;
    }
    const uint32_t *e = &c->msix.table[v * 4];
    uint64_t addr = (uint64_t)e[MSIX_W_ADDR_LO] | ((uint64_t)e[MSIX_W_ADDR_HI] << 32);
    c->drv.msi(c->drv_opaque, (uint16_t)v, addr, e[MSIX_W_DATA]);
}

/*
 * Move deliverable PBA bits to waiting, and send every waiting vector whose
 * barrier has passed. Reads live state at each step: a platform callback may
 * re-enter the core (complete DMA, write config) while a message goes out.
 */
void vpci_msix_update(struct vpci_core *c)
{
    struct vpci_msix *m = &c->msix;

    for (unsigned w = 0; w < PBA_WORDS; w++) {
        if (!((m->pba[w] | m->wait[w]) & valid_bits(c, w)))
            continue;
        for (unsigned b = 0; b < 32; b++) {
            uint32_t bit = 1u << b;
            unsigned v = 32 * w + b;

            if ((m->pba[w] & valid_bits(c, w) & bit) && msix_enabled(c) && !held(c, v)) {
                m->pba[w] &= ~bit;
                start_wait(c, v);
            }
            if (!(m->wait[w] & valid_bits(c, w) & bit) ||
                !vpci_dma_writes_done(c, vpci_dma_write_seq(c)))
                continue;
            m->wait[w] &= ~bit;
            vpci_kick_engines(c); /* the write fence may have held an engine */
            if (!msix_enabled(c))
                continue; /* disabled meanwhile: dropped (step 1) */
            if (held(c, v)) {
                m->pba[w] |= bit; /* masked meanwhile: pending (step 2) */
                continue;
            }
            deliver(c, v);
        }
    }
}

/* External MSI-X: the platform's table masked or unmasked @vector. */
void vpci_msix_ext_mask(struct vpci_core *c, uint16_t vector, int masked)
{
    if (vector >= c->p.msix_vectors)
        return;
    vpci_enter(c);
    if (masked)
        c->msix.ext_mask[vector / 32] |= 1u << (vector % 32);
    else
        c->msix.ext_mask[vector / 32] &= ~(1u << (vector % 32));
    vpci_kick_engines(c);
    vpci_leave(c);
}

/* External MSI-X: the platform's MSI-X enable and function mask. */
void vpci_msix_ext_state(struct vpci_core *c, int enabled, int func_masked)
{
    vpci_enter(c);
    c->msix.ext_disabled = !enabled;
    c->msix.ext_func_masked = func_masked != 0;
    vpci_kick_engines(c);
    vpci_leave(c);
}
