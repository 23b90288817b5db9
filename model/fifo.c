/* SPDX-License-Identifier: MIT */
/*
 * fifo.c - the M2S wait FIFO: master messages accepted by the relay and
 * waiting for the M2S engine to deliver them (docs/spec.md §5.9: at least 64
 * held messages; §10.2 and §10.4: discarded at a session end, kept across a
 * reset of an unbound session).
 *
 * A ring of VPCI_FIFO_DEPTH message slots. The relay builds a message in the
 * free slot at the tail (vpci_fifo_tail) and appends it (vpci_fifo_push); the
 * M2S engine reads the oldest (vpci_fifo_at(c, 0)), remembers its position
 * (vpci_fifo_head_pos) while it transfers it, and removes it once its
 * completion is written (vpci_fifo_pop). Nothing else indexes the ring.
 */
#include "vpci_internal.h"

uint32_t vpci_fifo_count(const struct vpci_core *c)
{
    return c->fifo.count;
}

bool vpci_fifo_full(const struct vpci_core *c)
{
    return c->fifo.count >= VPCI_FIFO_DEPTH;
}

struct vpci_msg_slot *vpci_fifo_at(struct vpci_core *c, uint32_t i)
{
    struct vpci_fifo *f = &c->fifo;

    if (i >= f->count || i >= VPCI_FIFO_DEPTH)
        return NULL;
    return &f->slot[(f->head + i) % VPCI_FIFO_DEPTH];
}

uint32_t vpci_fifo_head_pos(const struct vpci_core *c)
{
    return c->fifo.head;
}

struct vpci_msg_slot *vpci_fifo_tail(struct vpci_core *c)
{
    struct vpci_fifo *f = &c->fifo;
    struct vpci_msg_slot *s;

    if (f->count >= VPCI_FIFO_DEPTH)
        return NULL;
    s = &f->slot[(f->head + f->count) % VPCI_FIFO_DEPTH];
    s->nact = 0;
    return s;
}

void vpci_fifo_push(struct vpci_core *c)
{
    if (c->fifo.count < VPCI_FIFO_DEPTH)
        c->fifo.count++;
}

void vpci_fifo_pop(struct vpci_core *c)
{
    struct vpci_fifo *f = &c->fifo;

    if (!f->count)
        return;
    f->head = (f->head + 1) % VPCI_FIFO_DEPTH;
    f->count--;
}

void vpci_fifo_clear(struct vpci_core *c)
{
    c->fifo.count = 0;
}
