/* SPDX-License-Identifier: MIT */
/*
 * virtq.c - the master's memory table and split virtqueues (virtio 1.x
 * "split virtqueue" layout, with VIRTIO_F_EVENT_IDX and indirect tables).
 *
 * Guest memory is reached through the memory window (spec §8): each region
 * was mapped once (win_map) when its message arrived, or, where the HAL gives
 * no pointer, is reached through its window accessors; translation is plain
 * arithmetic with strict bounds either way (struct vpf_mref). With
 * VIRTIO_F_ACCESS_PLATFORM the addresses are IOVAs: the device IOTLB
 * (iotlb.c) turns them into user addresses first, and a miss holds the
 * queue until the master answers (spec §8.8). The master is
 * untrusted: every index, length and address read from its rings is checked
 * before use, every descriptor is read once into a local copy, and a bad
 * chain breaks only its virtqueue (ERR doorbell), never the library.
 */
#include <string.h>

#include "vpf_internal.h"

#define DESC_F_NEXT 1u
#define DESC_F_WRITE 2u
#define DESC_F_INDIRECT 4u
#define USED_F_NO_NOTIFY 1u
#define AVAIL_F_NO_INTERRUPT 1u
#define MAX_INDIRECT 65536u

/* Region containing [addr, addr + len): by guest address or user address. */
static const struct vpf_region *find(const struct vpf_dev *d, uint64_t addr, uint64_t len, bool uva,
                                     uint64_t *off)
{
    for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++) {
        const struct vpf_region *r = &d->reg[i];
        if (!r->valid)
            continue;
        uint64_t start = uva ? r->uaddr : r->gpa;
        if (addr < start || addr - start >= r->size)
            continue;
        *off = addr - start;
        if (len > r->size - *off)
            return NULL; /* crosses the end of the region */
        return r;
    }
    return NULL;
}

/* Byte @off of region @r. */
static struct vpf_mref region_ref(const struct vpf_region *r, uint64_t off)
{
    return (struct vpf_mref){r->host ? r->host + off : NULL, r->win_off + off};
}

/*
 * The address spaces of the master's addresses: descriptors carry guest
 * addresses and rings user addresses, unless VIRTIO_F_ACCESS_PLATFORM was
 * acked: then both are IOVAs, translated by the device IOTLB to user
 * addresses first (spec §8.8).
 */
enum addr_space { AS_GPA, AS_UVA, AS_IOVA };

bool vpf_iova_mode(const struct vpf_dev *d)
{
    return (d->features >> VPF_VIRTIO_F_ACCESS_PLATFORM) & 1;
}

static enum addr_space ring_space(const struct vpf_dev *d)
{
    return vpf_iova_mode(d) ? AS_IOVA : AS_UVA;
}

static enum addr_space desc_space(const struct vpf_dev *d)
{
    return vpf_iova_mode(d) ? AS_IOVA : AS_GPA;
}

/* Remember that @iova (its page) missed, for wait_for_iotlb. */
static void note_miss(struct vpf_dev *d, uint64_t iova, uint8_t perm)
{
    uint64_t page = iova & ~(uint64_t)(VPF_IOTLB_PAGE - 1);
    for (unsigned i = 0; i < d->nmiss; i++) {
        if ((d->miss_iova[i] & ~(uint64_t)(VPF_IOTLB_PAGE - 1)) == page) {
            d->miss_perm[i] |= perm;
            return;
        }
    }
    if (d->nmiss < VPF_MISS_BATCH) {
        d->miss_iova[d->nmiss] = iova;
        d->miss_perm[d->nmiss++] = perm;
    }
}

/*
 * The first contiguous piece of [addr, addr + len) (len > 0) in @as: its
 * place *@out and length *@chunk (<= len), which ends where the region or
 * the IOTLB entry ends. @perm: the access needed (IOVAs only).
 */
static enum vpf_xlate xlate_piece(struct vpf_dev *d, enum addr_space as, uint64_t addr,
                                  uint64_t len, uint8_t perm, struct vpf_mref *out,
                                  uint64_t *chunk)
{
    if (as == AS_IOVA) {
        uint64_t ua, avail;
        enum vpf_xlate r = vpf_iotlb_lookup(&d->iotlb, addr, perm, &ua, &avail);
        if (r == VPF_XLATE_MISS)
            note_miss(d, addr, perm);
        if (r == VPF_XLATE_FAULT)
            d->st.iotlb_faults++;
        if (r != VPF_XLATE_OK)
            return r;
        if (len > avail)
            len = avail;
        addr = ua;
    }
    uint64_t off;
    const struct vpf_region *r = find(d, addr, 1, as != AS_GPA, &off);
    if (!r) {
        if (as == AS_IOVA)
            d->st.iotlb_faults++; /* the master's translation is outside its table */
        return VPF_XLATE_BAD;
    }
    *chunk = r->size - off < len ? r->size - off : len;
    *out = region_ref(r, off);
    return VPF_XLATE_OK;
}

/* Translate [addr, addr + len) (len > 0) as one contiguous place: inside one
 * region; IOVAs may span IOTLB entries whose places follow each other. */
static enum vpf_xlate to_ref(struct vpf_dev *d, enum addr_space as, uint64_t addr, uint64_t len,
                             uint8_t perm, struct vpf_mref *out)
{
    struct vpf_mref first = {0}, m;
    uint64_t done = 0, chunk;

    if (addr + (len - 1) < addr)
        return VPF_XLATE_BAD;
    while (done < len) {
        enum vpf_xlate r = xlate_piece(d, as, addr + done, len - done, perm, &m, &chunk);
        if (r != VPF_XLATE_OK)
            return r;
        if (done == 0) {
            first = m;
        } else if (m.win != first.win + done ||
                   m.host != (first.host ? first.host + done : NULL)) {
            return VPF_XLATE_BAD; /* not contiguous */
        }
        if (as != AS_IOVA && chunk < len)
            return VPF_XLATE_BAD; /* crosses the end of the region */
        done += chunk;
    }
    *out = first;
    return VPF_XLATE_OK;
}

/* One segment of the master's memory, in either mode. */
static struct vpf_iov to_iov(const struct vpf_dev *d, struct vpf_mref m, uint64_t len)
{
    return (struct vpf_iov){m.host, (size_t)len, m.win, d->hal};
}

bool vpf_gpa_to_iov(struct vpf_dev *d, uint64_t gpa, uint64_t len, struct vpf_iov *iov)
{
    struct vpf_mref m;
    if (len == 0 || to_ref(d, AS_GPA, gpa, len, 0, &m) != VPF_XLATE_OK)
        return false;
    *iov = to_iov(d, m, len);
    return true;
}

void *vpf_gpa_to_host(struct vpf_dev *d, uint64_t gpa, uint64_t len)
{
    struct vpf_mref m;
    return len && to_ref(d, AS_GPA, gpa, len, 0, &m) == VPF_XLATE_OK ? m.host : NULL;
}

/* Map [addr, addr + len) of @as into segments, splitting at region (and
 * IOTLB entry) boundaries. After an IOTLB miss the rest of the range is
 * still looked up page by page, so that its misses go out together; the
 * result is then MISS. */
static enum vpf_xlate map_range(struct vpf_dev *d, enum addr_space as, uint64_t addr, uint32_t len,
                                uint8_t perm, struct vpf_elem *e, unsigned *n)
{
    bool missed = false;

    while (len) {
        struct vpf_mref m;
        uint64_t chunk;
        enum vpf_xlate r = xlate_piece(d, as, addr, len, perm, &m, &chunk);
        if (r == VPF_XLATE_MISS) {
            missed = true;
            if (d->nmiss >= VPF_MISS_BATCH)
                return r;
            chunk = VPF_IOTLB_PAGE - (addr & (VPF_IOTLB_PAGE - 1));
            if (chunk > len)
                chunk = len;
        } else if (r != VPF_XLATE_OK) {
            return r;
        } else if (!missed) {
            if (*n >= VPF_ELEM_MAX_IOV)
                return VPF_XLATE_BAD;
            e->iov[(*n)++] = to_iov(d, m, chunk);
        }
        len -= (uint32_t)chunk;
        addr += chunk;
        if (addr == 0 && len)
            return VPF_XLATE_BAD; /* wrapped around */
    }
    return missed ? VPF_XLATE_MISS : VPF_XLATE_OK; /* zero-length descriptors carry nothing */
}

/* HAL clock in ns (0 without one: IOTLB waits then never time out). */
static uint64_t now_ns(const struct vpf_dev *d)
{
    return d->hal->ops->now_ns ? d->hal->ops->now_ns(d->hal->ctx) : 0;
}

/* The last translation of @vq missed in the IOTLB: hold the queue and ask
 * the master for every page that missed (once while waiting; the queue
 * resumes when the last one asked for is answered). */
static void wait_for_iotlb(struct vpf_vq *vq)
{
    struct vpf_dev *d = vq->dev;

    if (d->nmiss == 0)
        return; /* cannot happen: every MISS notes its page */
    uint64_t last = d->miss_iova[d->nmiss - 1];
    if (vq->xlate_wait && vq->wait_iova == last)
        return;
    if (!vq->xlate_wait)
        vq->wait_since_ns = now_ns(d);
    vq->xlate_wait = true;
    vq->wait_iova = last;
    for (unsigned i = 0; i < d->nmiss; i++) {
        enum vpf_status st = vpf_iotlb_send_miss(d, d->miss_iova[i], d->miss_perm[i]);
        if (st != VPF_OK)
            vpf_log(d, "vq %u: IOTLB miss for 0x%llx not sent: %s", vq->idx,
                    (unsigned long long)d->miss_iova[i], vpf_strerror(st));
    }
}

/* True if the IOTLB now holds the IOVA @vq waits for (any access). */
static bool wait_answered(struct vpf_vq *vq)
{
    uint64_t ua, avail;
    return vq->xlate_wait &&
           vpf_iotlb_lookup(&vq->dev->iotlb, vq->wait_iova, 0, &ua, &avail) != VPF_XLATE_MISS;
}

void vpf_vq_iotlb_changed(struct vpf_dev *d, bool invalidated)
{
    for (unsigned i = 0; i < d->cfg.num_queues; i++) {
        struct vpf_vq *vq = &d->vq[i];
        /* An update for another IOVA leaves the wait (and its timeout) alone. */
        bool answered = wait_answered(vq);
        if (answered)
            vq->xlate_wait = false;
        if (!vq->started || vq->broken)
            continue; /* a ring start translates again */
        bool was_mapped = vq->mapped;
        if ((answered && !was_mapped) || (invalidated && was_mapped)) {
            if (!vpf_vq_map(vq)) {
                if (!vq->xlate_wait)
                    vpf_vq_fail(vq, "ring translation");
                continue;
            }
            if (!was_mapped)
                vpf_vq_set_notification(vq, d->cfg.mode != VPF_MODE_POLL);
        }
        if (answered)
            d->kick_pending[i / 64] |= 1ull << (i % 64); /* retry the held chain */
    }
}

void vpf_vq_iotlb_expire(struct vpf_dev *d)
{
    uint64_t limit = (uint64_t)(d->cfg.iotlb_timeout_ms ? d->cfg.iotlb_timeout_ms : 2000) * 1000000u;
    uint64_t now = 0;
    bool have_now = false;

    for (unsigned i = 0; i < d->cfg.num_queues; i++) {
        struct vpf_vq *vq = &d->vq[i];
        if (!vq->xlate_wait)
            continue;
        if (!have_now) {
            now = now_ns(d);
            have_now = true;
        }
        if (now - vq->wait_since_ns <= limit)
            continue;
        vq->xlate_wait = false;
        d->st.iotlb_timeouts++;
        vpf_log(d, "vq %u: IOTLB miss for 0x%llx not answered", i,
                (unsigned long long)vq->wait_iova);
        vpf_vq_fail(vq, "IOTLB miss not answered");
    }
}

static bool event_idx(const struct vpf_vq *vq)
{
    return (vq->dev->features >> VPF_VIRTIO_F_EVENT_IDX) & 1;
}

bool vpf_vq_map(struct vpf_vq *vq)
{
    struct vpf_dev *d = vq->dev;
    uint64_t n = vq->num;

    vq->mapped = false;
    if (!vq->addr_set || n == 0)
        return false;
    if ((vq->desc_ua & 15) || (vq->avail_ua & 1) || (vq->used_ua & 3))
        return false;
    /* The device reads the used index when the ring starts: used is RW.
     * All three are looked up, so that their misses go out together. */
    enum addr_space as = ring_space(d);
    d->nmiss = 0;
    enum vpf_xlate rd = to_ref(d, as, vq->desc_ua, 16 * n, VPF_IOTLB_PERM_RO, &vq->desc);
    enum vpf_xlate ra = to_ref(d, as, vq->avail_ua, 6 + 2 * n, VPF_IOTLB_PERM_RO, &vq->avail);
    enum vpf_xlate ru = to_ref(d, as, vq->used_ua, 6 + 8 * n, VPF_IOTLB_PERM_RW, &vq->used);
    enum vpf_xlate r = rd != VPF_XLATE_OK ? rd : ra != VPF_XLATE_OK ? ra : ru;
    if (r == VPF_XLATE_MISS && (ra == VPF_XLATE_BAD || ra == VPF_XLATE_FAULT))
        r = ra;
    if (r == VPF_XLATE_MISS && (ru == VPF_XLATE_BAD || ru == VPF_XLATE_FAULT))
        r = ru;
    if (r == VPF_XLATE_MISS)
        wait_for_iotlb(vq);
    vq->mapped = r == VPF_XLATE_OK;
    if (vq->mapped && vq->sync_used) {
        /* The used index lives in the ring: resume from there. */
        vq->used_idx = vpf_mem_ld16(d, vq->used, 2);
        vq->sync_used = false;
    }
    return vq->mapped;
}

void vpf_vq_reset_state(struct vpf_vq *vq)
{
    struct vpf_dev *d = vq->dev;
    unsigned idx = vq->idx;
    uint16_t vector = vq->vector;

    memset(vq, 0, sizeof(*vq));
    vq->dev = d;
    vq->idx = idx;
    vq->vector = vector;
}

void vpf_vq_new_run(struct vpf_vq *vq)
{
    /* signalled_used is an index of the previous run: kept, the event-idx
     * test (now - used_event - 1) < (now - old) compares the new run's used
     * index against it and suppresses calls the driver waits for (a driver
     * restarting at used index 0 after a reset never gets its first call
     * when the previous run ended with that same index). */
    vq->signalled_valid = false;
    vq->signalled_used = 0;
    vq->pushed = false;
    vq->inflight = 0;       /* chains of the old run are the master's again */
    vq->avail_ready = 0;    /* counted against the old last_avail */
}

void vpf_vq_stop(struct vpf_vq *vq)
{
    struct vpf_dev *d = vq->dev;

    if (!vq->started)
        return;
    vq->started = false;
    vq->xlate_wait = false;
    if (d->ops->queue_set_started)
        d->ops->queue_set_started(d->cfg.ctx, vq->idx, false);
    /* The device stopped (every ring): its IOTLB is dropped, the master
     * fills it again for the next start (spec §8.8). */
    bool any = false;
    for (unsigned i = 0; i < d->cfg.num_queues && !any; i++)
        any = d->vq[i].started;
    if (!any)
        vpf_iotlb_reset(&d->iotlb);
}

void vpf_vq_fail(struct vpf_vq *vq, const char *why)
{
    (void)why;
    if (vq->broken)
        return;
    vq->broken = true;
    vq->dev->st.bad_chains++;
    vpf_vq_error(vq);
}

void vpf_vq_error(struct vpf_vq *vq)
{
    struct vpf_dev *d = vq->dev;
    if (vq->err_set && d->state == VPF_STATE_RUNNING)
        vpf_doorbell(d, VPF_DB_ERR, vq->idx);
}

struct vpf_vq *vpf_get_vq(struct vpf_dev *d, unsigned idx)
{
    return idx < d->cfg.num_queues ? &d->vq[idx] : NULL;
}

unsigned vpf_vq_index(const struct vpf_vq *vq) { return vq->idx; }
struct vpf_dev *vpf_vq_dev(const struct vpf_vq *vq) { return vq->dev; }
bool vpf_vq_broken(const struct vpf_vq *vq) { return vq->broken; }
unsigned vpf_vq_size(const struct vpf_vq *vq) { return vq->num; }

bool vpf_vq_enabled(const struct vpf_vq *vq) { return vq->enabled; }

bool vpf_vq_ready(const struct vpf_vq *vq)
{
    /* Enabled or not: a started, disabled ring is processed without side
     * effects, which is the device's part (spec §9.4). */
    return vq->started && !vq->broken && vq->mapped &&
           vq->dev->state == VPF_STATE_RUNNING;
}

static uint16_t avail_idx(const struct vpf_vq *vq)
{
    return vpf_mem_ld16_acquire(vq->dev, vq->avail, 2);
}

bool vpf_vq_has_work(const struct vpf_vq *vq)
{
    /* A queue held for the IOTLB has nothing to do until the answer. */
    return vpf_vq_ready(vq) && !vq->xlate_wait &&
           (vq->avail_ready || avail_idx(vq) != vq->last_avail);
}

/* Walk the chain at @head into @e: BAD if the master broke a rule, MISS or
 * FAULT from the IOTLB. */
static enum vpf_xlate walk_chain(struct vpf_vq *vq, uint16_t head, struct vpf_elem *e)
{
    struct vpf_dev *d = vq->dev;
    struct vpf_mref tbl = vq->desc;
    uint32_t max = vq->num, count = 0, i = head;
    bool indirect = false;
    uint64_t total = 0;
    unsigned n = 0;
    enum addr_space as = desc_space(d);
    enum vpf_xlate r;
    bool missed = false;   /* a buffer missed: the walk goes on for the others' misses */
    bool writable = false; /* a non-empty device-writable descriptor was seen */

    e->index = head;
    e->out_num = e->in_num = 0;
    e->out_len = e->in_len = 0;
    for (;;) {
        uint8_t raw[16];
        vpf_mem_read(d, tbl, 16u * i, raw, 16); /* read once: the master may change it */
        uint64_t addr = vpf_ld64(raw);
        uint32_t len = vpf_ld32(raw + 8);
        uint16_t flags = vpf_ld16(raw + 12), next = vpf_ld16(raw + 14);

        if (flags & DESC_F_INDIRECT) {
            if (indirect || count != 0 || (flags & DESC_F_NEXT) ||
                !((d->features >> VPF_VIRTIO_F_INDIRECT_DESC) & 1))
                return VPF_XLATE_BAD; /* nested, mid-chain, or not negotiated */
            if (len == 0 || len % 16 || len / 16 > MAX_INDIRECT)
                return VPF_XLATE_BAD;
            r = to_ref(d, as, addr, len, VPF_IOTLB_PERM_RO, &tbl);
            if (r != VPF_XLATE_OK)
                return r;
            indirect = true;
            max = len / 16;
            i = 0;
            continue;
        }
        if (++count > max)
            return VPF_XLATE_BAD; /* longer than the table: a loop */
        total += len;
        if (total > UINT32_MAX)
            return VPF_XLATE_BAD;
        if (flags & DESC_F_WRITE) {
            unsigned before = n;
            writable |= len != 0; /* as in_num != 0 without misses */
            r = map_range(d, as, addr, len, VPF_IOTLB_PERM_WO, e, &n);
            if (r == VPF_XLATE_MISS && d->nmiss < VPF_MISS_BATCH)
                missed = true;
            else if (r != VPF_XLATE_OK)
                return r;
            e->in_num += n - before;
            e->in_len += len;
        } else {
            if (writable)
                return VPF_XLATE_BAD; /* readable after writable */
            unsigned before = n;
            r = map_range(d, as, addr, len, VPF_IOTLB_PERM_RO, e, &n);
            if (r == VPF_XLATE_MISS && d->nmiss < VPF_MISS_BATCH)
                missed = true;
            else if (r != VPF_XLATE_OK)
                return r;
            e->out_num += n - before;
            e->out_len += len;
        }
        if (!(flags & DESC_F_NEXT))
            return missed ? VPF_XLATE_MISS : VPF_XLATE_OK;
        if (next >= max)
            return VPF_XLATE_BAD;
        i = next;
    }
}

int vpf_vq_pop(struct vpf_vq *vq, struct vpf_elem *e)
{
    if (vq->xlate_wait)
        return 0; /* held until the master answers the IOTLB miss */
    if (!vpf_vq_ready(vq))
        return vq->broken ? -1 : 0;
    if (vq->avail_ready == 0) {
        /* avail->idx is read once per batch: the master's cache line is not
         * pulled over for every chain (the entries below are read anyway). */
        uint16_t ai = avail_idx(vq);
        if ((uint16_t)(ai - vq->last_avail) > vq->num) {
            vpf_vq_fail(vq, "avail index moved too far");
            return -1;
        }
        if (ai == vq->last_avail)
            return 0;
        vq->avail_ready = (uint16_t)(ai - vq->last_avail);
    }
    struct vpf_dev *d = vq->dev;
    uint16_t head = vpf_mem_ld16(d, vq->avail, 4 + 2u * (vq->last_avail % vq->num));
    d->nmiss = 0;
    enum vpf_xlate r = head < vq->num ? walk_chain(vq, head, e) : VPF_XLATE_BAD;
    if (r == VPF_XLATE_MISS) {
        wait_for_iotlb(vq); /* the chain stays in the ring until the answer */
        return 0;
    }
    if (r != VPF_XLATE_OK) {
        vpf_vq_fail(vq, "bad descriptor chain");
        return -1;
    }
    vq->last_avail++;
    vq->avail_ready--;
    vq->inflight++;
    d->st.chains++;
    if (event_idx(vq) && vq->notify_on)
        vpf_mem_st16(d, vq->used, 4 + 8u * vq->num, vq->last_avail); /* avail_event */
    return 1;
}

void vpf_vq_unpop(struct vpf_vq *vq)
{
    if (vq->inflight) {
        vq->last_avail--;
        vq->avail_ready++;
        vq->inflight--;
    }
}

void vpf_vq_push_deferred(struct vpf_vq *vq, const struct vpf_elem *e, uint32_t len)
{
    if (!vpf_vq_ready(vq) || e->index >= vq->num)
        return;
    uint64_t u = 4 + 8u * (vq->used_idx % vq->num);
    vpf_mem_st32(vq->dev, vq->used, u, e->index);
    vpf_mem_st32(vq->dev, vq->used, u + 4, len);
    vq->used_idx++;
    if (vq->inflight)
        vq->inflight--;
    vq->pushed = true;
    vq->used_unpub = true;
}

void vpf_vq_flush(struct vpf_vq *vq)
{
    if (!vq->used_unpub)
        return;
    vq->used_unpub = false;
    /* Also on a ring broken since the pushes (they were done): the master
     * gets back every chain the firmware finished, as with vpf_vq_push. */
    if (vq->started && vq->mapped && vq->dev->state == VPF_STATE_RUNNING)
        vpf_mem_st16_release(vq->dev, vq->used, 2, vq->used_idx);
}

void vpf_vq_push(struct vpf_vq *vq, const struct vpf_elem *e, uint32_t len)
{
    vpf_vq_push_deferred(vq, e, len);
    vpf_vq_flush(vq);
}

bool vpf_vq_notify(struct vpf_vq *vq)
{
    struct vpf_dev *d = vq->dev;

    vpf_vq_flush(vq);
    if (!vpf_vq_ready(vq) || !vq->pushed)
        return false;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    bool need;
    uint16_t old = vq->signalled_used, now = vq->used_idx;
    if (event_idx(vq)) {
        uint16_t ev = vpf_mem_ld16(d, vq->avail, 4 + 2u * vq->num); /* used_event */
        need = !vq->signalled_valid || (uint16_t)(now - ev - 1) < (uint16_t)(now - old);
    } else {
        need = !(vpf_mem_ld16(d, vq->avail, 0) & AVAIL_F_NO_INTERRUPT);
    }
    vq->signalled_used = now;
    vq->signalled_valid = true;
    vq->pushed = false;
    if (!need || !vq->call_set || vq->call_nofd) {
        d->st.calls_suppressed++;
        return false;
    }
    vpf_doorbell(d, VPF_DB_CALL, vq->idx);
    d->st.calls++;
    return true;
}

void vpf_vq_push_notify(struct vpf_vq *vq, const struct vpf_elem *e, uint32_t len)
{
    vpf_vq_push(vq, e, len);
    vpf_vq_notify(vq);
}

bool vpf_vq_set_notification(struct vpf_vq *vq, bool enable)
{
    if (!vq->mapped)
        return false;
    vq->notify_on = enable;
    if (event_idx(vq)) {
        if (enable)
            vpf_mem_st16(vq->dev, vq->used, 4 + 8u * vq->num, avail_idx(vq));
    } else {
        vpf_mem_st16(vq->dev, vq->used, 0, enable ? 0 : USED_F_NO_NOTIFY);
    }
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    return vpf_vq_has_work(vq);
}

size_t vpf_iov_to_buf(const struct vpf_iov *iov, unsigned n, size_t off, void *buf, size_t len)
{
    size_t done = 0;
    for (unsigned i = 0; i < n && done < len; i++) {
        if (off >= iov[i].len) {
            off -= iov[i].len;
            continue;
        }
        size_t c = iov[i].len - off;
        if (c > len - done)
            c = len - done;
        if (iov[i].base)
            memcpy((uint8_t *)buf + done, (const uint8_t *)iov[i].base + off, c);
        else
            vpci_hal_win_read(iov[i].hal, VPCI_BAR_MEMWIN, iov[i].win + off,
                              (uint8_t *)buf + done, c);
        done += c;
        off = 0;
    }
    return done;
}

size_t vpf_iov_from_buf(const struct vpf_iov *iov, unsigned n, size_t off, const void *buf,
                        size_t len)
{
    size_t done = 0;
    for (unsigned i = 0; i < n && done < len; i++) {
        if (off >= iov[i].len) {
            off -= iov[i].len;
            continue;
        }
        size_t c = iov[i].len - off;
        if (c > len - done)
            c = len - done;
        if (iov[i].base)
            memcpy((uint8_t *)iov[i].base + off, (const uint8_t *)buf + done, c);
        else
            vpci_hal_win_write(iov[i].hal, VPCI_BAR_MEMWIN, iov[i].win + off,
                               (const uint8_t *)buf + done, c);
        done += c;
        off = 0;
    }
    return done;
}
