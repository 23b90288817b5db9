/* SPDX-License-Identifier: MIT */
/*
 * iotlb.c - the device IOTLB of a master with a vIOMMU (spec §8.8).
 *
 * With VIRTIO_F_ACCESS_PLATFORM negotiated, ring and descriptor addresses
 * are IOVAs. The master fills this table with IOTLB_MSG updates (IOVA range
 * -> master user address, with a permission) and takes entries back with
 * invalidations; a lookup that finds nothing is a miss, which the library
 * reports on the backend channel (BACKEND_IOTLB_MSG, VHOST_IOTLB_MISS) and
 * waits for. The user address is then resolved through the memory table
 * like any other (virtq.c).
 *
 * A small fully associative table, searched linearly from the last hit;
 * when full, entries are replaced round-robin (the master answers the next
 * miss again). Entries never overlap: an update first drops what it covers.
 *
 * Layer 2 of the library (see vpf_internal.h): called by virtq.c for
 * lookups and by vhost.c for the master's messages; misses go out through
 * msgq.c.
 */
#include <string.h>

#include "vpf_internal.h"

void vpf_iotlb_reset(struct vpf_iotlb *t)
{
    memset(t, 0, sizeof(*t));
}

/* True if [a, a + an) and [b, b + bn) share a byte (sizes > 0, no wrap). */
static bool overlaps(uint64_t a, uint64_t an, uint64_t b, uint64_t bn)
{
    return a <= b + (bn - 1) && b <= a + (an - 1);
}

/* Clamp @size so that [iova, iova + size) does not wrap; 0 stays 0. */
static uint64_t clamp_size(uint64_t iova, uint64_t size)
{
    if (size && iova + (size - 1) < iova)
        size = 0 - iova; /* up to the end of the address space (iova > 0 here) */
    return size;
}

unsigned vpf_iotlb_invalidate(struct vpf_iotlb *t, uint64_t iova, uint64_t size)
{
    unsigned n = 0;

    size = clamp_size(iova, size);
    if (size == 0)
        return 0;
    for (unsigned i = 0; i < VPF_IOTLB_ENTRIES; i++) {
        struct vpf_iotlb_entry *e = &t->e[i];
        if (e->size && overlaps(e->iova, e->size, iova, size)) {
            e->size = 0;
            n++;
        }
    }
    t->used -= n;
    return n;
}

bool vpf_iotlb_update(struct vpf_iotlb *t, uint64_t iova, uint64_t size, uint64_t uaddr,
                      uint8_t perm)
{
    if (size == 0 || iova + (size - 1) < iova || uaddr + (size - 1) < uaddr ||
        (perm & ~VPF_IOTLB_PERM_RW) || perm == 0)
        return false;
    vpf_iotlb_invalidate(t, iova, size);
    unsigned slot = VPF_IOTLB_ENTRIES;
    for (unsigned i = 0; i < VPF_IOTLB_ENTRIES && slot == VPF_IOTLB_ENTRIES; i++) {
        if (t->e[i].size == 0)
            slot = i;
    }
    if (slot == VPF_IOTLB_ENTRIES) {
        slot = t->victim; /* full: round-robin replacement */
        t->victim = (t->victim + 1) % VPF_IOTLB_ENTRIES;
        t->evictions++;
    } else {
        t->used++;
    }
    t->e[slot] = (struct vpf_iotlb_entry){iova, size, uaddr, perm};
    t->hint = slot;
    return true;
}

enum vpf_xlate vpf_iotlb_lookup(struct vpf_iotlb *t, uint64_t iova, uint8_t perm, uint64_t *uaddr,
                                uint64_t *avail)
{
    for (unsigned k = 0; k < VPF_IOTLB_ENTRIES; k++) {
        unsigned i = (t->hint + k) % VPF_IOTLB_ENTRIES;
        const struct vpf_iotlb_entry *e = &t->e[i];
        if (e->size == 0 || iova < e->iova || iova - e->iova >= e->size)
            continue;
        t->hint = i;
        if ((e->perm & perm) != perm)
            return VPF_XLATE_FAULT;
        *uaddr = e->uaddr + (iova - e->iova);
        *avail = e->size - (iova - e->iova);
        return VPF_XLATE_OK;
    }
    return VPF_XLATE_MISS;
}

enum vpf_status vpf_iotlb_send_miss(struct vpf_dev *d, uint64_t iova, uint8_t perm)
{
    uint8_t buf[VPCI_MSG_HDR_SIZE + VPF_IOTLB_MSG_SIZE] = {0};
    uint8_t *p = buf + VPCI_MSG_HDR_SIZE;

    if (!d->backend_chan || !((d->proto >> VPCI_PROTO_F_BACKEND_REQ) & 1))
        return VPF_E_NOT_NEGOTIATED;
    vpf_st32(buf, VPCI_VU_REQ_BACKEND_IOTLB_MSG);
    vpf_st32(buf + 4, VPCI_VU_FLAG_VERSION); /* no reply: the update is the answer */
    vpf_st32(buf + 8, VPF_IOTLB_MSG_SIZE);
    vpf_st64(p, iova);      /* size and uaddr 0 */
    p[24] = perm;
    p[25] = VPF_IOTLB_MISS;
    enum vpf_status st = vpf_msgq_s2m_send(d, 1, buf, sizeof(buf));
    if (st == VPF_OK)
        d->st.iotlb_misses++;
    return st;
}
