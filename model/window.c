/* SPDX-License-Identifier: MIT */
/*
 * window.c - the memory window (BAR2) and the log window (BAR4) of the
 * adapter: the translation table of MAX_REGIONS entries that places the
 * master's memory regions in the memory window, the log mapped at offset 0
 * of the log window, the defined result of an access to an absent or
 * withdrawn translation, and the WINDOW register block.
 *
 * docs/spec.md: §2.5 (MEM_EN), §3.3 (BAR2/BAR4 access rules), §4.4 (no
 * window access during RESET_BUSY), §4.8 (WINDOW block), §6.2
 * (SET_MEM_TABLE, ADD/REM_MEM_REG, SET_LOG_BASE), §8.2 (first-fit and
 * identity placement), §8.3-§8.6 (memory and log windows), §8.7
 * (persistent platforms).
 *
 * A translation goes FREE -> PENDING (placed when its message is accepted) ->
 * ARMED (the message's completion was written) -> REMOVING (armed, and a
 * REM_MEM_REG for it is queued) -> FREE (that message's completion was
 * written). Only ARMED and REMOVING entries serve accesses: the driver sees
 * an entry exactly from the completion of the message that added it until
 * the completion of the message that removed it.
 */
#include <string.h>

#include "vpci_internal.h"

/* Bit 63 of ABSENT_ADDR marks an access to the log window (spec §3.3). */
#define ABSENT_LOG_BIT (1ull << 63)

static uint64_t mem_win_size(const struct vpci_core *c)
{
    return 1ull << c->p.mem_win_log2;
}

static uint64_t log_win_size(const struct vpci_core *c)
{
    return 1ull << c->p.log_win_log2;
}

static bool xlat_live(const struct vpci_xlat *x)
{
    return x->state == VPCI_XLAT_ARMED || x->state == VPCI_XLAT_REMOVING;
}

/* Bytes of translation @x that can be served: its size, bounded by its mapping. */
static uint64_t xlat_extent(const struct vpci_xlat *x)
{
    return x->size < x->res.size ? x->size : x->res.size;
}

void vpci_window_reset(struct vpci_core *c)
{
    /* Normally empty here (the session end withdrew everything); never leak. */
    vpci_window_withdraw_all(c, true);
    memset(&c->win, 0, sizeof(c->win));
}

void vpci_window_reset_registers(struct vpci_core *c)
{
    c->win.absent_addr = 0;
    c->win.gen = 0;
}

/* Number of translations the driver can use (ARMED or REMOVING). */
static unsigned armed_count(const struct vpci_core *c)
{
    unsigned n = 0;

    for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++)
        n += xlat_live(&c->win.xlat[i]);
    return n;
}

uint32_t vpci_window_ext_read(struct vpci_core *c, unsigned id)
{
    const struct vpci_window *w = &c->win;
    uint32_t sel = vpci_csr_get(c, VPCI_REG_WINDOW_XLAT_SEL);
    const struct vpci_xlat *x = NULL;

    /* The XLAT view shows armed entries only: pending ones are not the driver's yet. */
    if (sel < VPCI_MAX_REGIONS && xlat_live(&w->xlat[sel]))
        x = &w->xlat[sel];

    switch (id) {
    case VPCI_REG_WINDOW_MEM_STATUS: {
        unsigned n = armed_count(c);
        uint32_t v = vpci_window_mem_status_valid_set(0, n != 0);
        v = vpci_window_mem_status_regions_set(v, n);
        return vpci_window_mem_status_gen_set(v, w->gen);
    }
    case VPCI_REG_WINDOW_LOG_STATUS:
        return vpci_window_log_status_valid_set(0, w->log_armed);
    case VPCI_REG_WINDOW_LOG_SIZE_LO:
        return w->log_armed ? (uint32_t)w->log_size : 0;
    case VPCI_REG_WINDOW_LOG_SIZE_HI:
        return w->log_armed ? (uint32_t)(w->log_size >> 32) : 0;
    case VPCI_REG_WINDOW_XLAT_STATUS:
        return vpci_window_xlat_status_valid_set(0, x != NULL);
    case VPCI_REG_WINDOW_XLAT_WIN_OFF_LO:
        return x ? (uint32_t)x->win_off : 0;
    case VPCI_REG_WINDOW_XLAT_WIN_OFF_HI:
        return x ? (uint32_t)(x->win_off >> 32) : 0;
    case VPCI_REG_WINDOW_XLAT_SIZE_LO:
        return x ? (uint32_t)x->size : 0;
    case VPCI_REG_WINDOW_XLAT_SIZE_HI:
        return x ? (uint32_t)(x->size >> 32) : 0;
    case VPCI_REG_WINDOW_XLAT_GPA_LO:
        return x ? (uint32_t)x->gpa : 0;
    case VPCI_REG_WINDOW_XLAT_GPA_HI:
        return x ? (uint32_t)(x->gpa >> 32) : 0;
    case VPCI_REG_WINDOW_XLAT_UADDR_LO:
        return x ? (uint32_t)x->uaddr : 0;
    case VPCI_REG_WINDOW_XLAT_UADDR_HI:
        return x ? (uint32_t)(x->uaddr >> 32) : 0;
    case VPCI_REG_WINDOW_ABSENT_ADDR_LO:
        return (uint32_t)w->absent_addr;
    case VPCI_REG_WINDOW_ABSENT_ADDR_HI:
        return (uint32_t)(w->absent_addr >> 32);
    default:
        return 0;
    }
}

/*
 * Host byte for window offset @off of BAR @bar, or NULL when the byte is
 * absent. *@run receives how many bytes from @off are contiguous in the same
 * mapping (at least 1 when a pointer is returned).
 */
static uint8_t *lookup(struct vpci_core *c, unsigned bar, uint64_t off, uint64_t *run)
{
    if (bar == 4) {
        struct vpci_window *w = &c->win;
        uint64_t ext = w->log_size < w->log.size ? w->log_size : w->log.size;

        if (!w->log_armed || !w->log.host || off >= ext)
            return NULL;
        *run = ext - off;
        return (uint8_t *)w->log.host + off;
    }
    for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++) {
        struct vpci_xlat *x = &c->win.xlat[i];
        uint64_t ext = xlat_extent(x);

        if (!xlat_live(x) || !x->res.host || off < x->win_off || off - x->win_off >= ext)
            continue;
        *run = ext - (off - x->win_off);
        return (uint8_t *)x->res.host + (off - x->win_off);
    }
    return NULL;
}

/* Record an absent access whose first absent byte is at @off (spec §3.3);
 * DETAIL: bit 0 write, bit 1 log window (spec §11.3). */
static void absent(struct vpci_core *c, unsigned bar, uint64_t off, bool write)
{
    c->win.absent_addr = off | (bar == 4 ? ABSENT_LOG_BIT : 0);
    c->stats.win_absent++;
    vpci_error(c, VPCI_ADAPTER_ERROR_CAUSE_WIN_ABSENT_MASK, VPCI_ERROR_CODE_WIN_ABSENT,
               (write ? 1u : 0u) | (bar == 4 ? 2u : 0u));
}

/*
 * Copy @size bytes between the window and @buf, byte by byte through the
 * translation covering each byte. Absent bytes read 0xff and drop writes.
 * Log window writes OR into the log (spec §8.6). Returns true if any byte
 * was absent; *@first gets the first absent offset.
 */
static bool access(struct vpci_core *c, unsigned bar, uint64_t off, unsigned size, uint8_t *buf,
                   bool write, uint64_t *first)
{
    bool miss = false;
    unsigned i = 0;

    while (i < size) {
        uint64_t run = 0;
        uint8_t *p = lookup(c, bar, off + i, &run);

        if (!p) {
            if (!miss)
                *first = off + i;
            miss = true;
            if (!write)
                buf[i] = 0xff;
            i++;
            continue;
        }
        unsigned n = size - i;
        if (run < n)
            n = (unsigned)run;
        if (write && bar == 4) {
            for (unsigned k = 0; k < n; k++)
                p[k] |= buf[i + k];
        } else if (write)
            memcpy(p, buf + i, n);
        else
            memcpy(buf + i, p, n);
        i += n;
    }
    return miss;
}

static bool window_bar(const struct vpci_core *c, unsigned bar, uint64_t off, unsigned size)
{
    uint64_t bsize;

    if (bar == 2)
        bsize = mem_win_size(c);
    else if (bar == 4)
        bsize = log_win_size(c);
    else
        return false;
    return size >= 1 && size <= 8 && off < bsize && size <= bsize - off;
}

uint64_t vpci_window_read(struct vpci_core *c, unsigned bar, uint64_t off, unsigned size)
{
    uint8_t buf[8];
    uint64_t first = 0, v = 0;

    if (!window_bar(c, bar, off, size))
        return size >= 8 ? ~0ull : (1ull << (8 * (size ? size : 8))) - 1;
    if (access(c, bar, off, size, buf, false, &first))
        absent(c, bar, first, false);
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)buf[i] << (8 * i);
    return v;
}

void vpci_window_write(struct vpci_core *c, unsigned bar, uint64_t off, unsigned size, uint64_t val)
{
    uint8_t buf[8];
    uint64_t first = 0;

    if (!window_bar(c, bar, off, size))
        return;
    for (unsigned i = 0; i < size; i++)
        buf[i] = (uint8_t)(val >> (8 * i));
    if (access(c, bar, off, size, buf, true, &first))
        absent(c, bar, first, true);
}

void *vpci_window_map(struct vpci_core *c, unsigned bar, uint64_t off, uint64_t len)
{
    uint64_t run = 0;
    uint8_t *p;

    /* The log window is always trapped: its writes are OR operations (spec §8.6). */
    if (len == 0 || bar != 2)
        return NULL;
    p = lookup(c, bar, off, &run);
    return p && len <= run ? p : NULL;
}

void *vpci_window_map_span(struct vpci_core *c, unsigned bar, uint64_t off, uint64_t *start,
                           uint64_t *len)
{
    /* Memory window only: the log window is always trapped (spec §8.6). */
    if (bar != 2)
        return NULL;
    for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++) {
        struct vpci_xlat *x = &c->win.xlat[i];
        uint64_t ext = xlat_extent(x);

        if (!xlat_live(x) || !x->res.host || off < x->win_off || off - x->win_off >= ext)
            continue;
        *start = x->win_off;
        *len = ext;
        return x->res.host;
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Translation table                                                   */
/* ------------------------------------------------------------------ */

static uint64_t align_up(uint64_t v)
{
    return (v + VPCI_WIN_ALIGN - 1) & ~(uint64_t)(VPCI_WIN_ALIGN - 1);
}

/* Does translation @x count as placed (it occupies window space)? With
 * @after_removals, entries whose removal is queued count as gone. */
static bool occupies(const struct vpci_xlat *x, bool after_removals)
{
    if (x->state == VPCI_XLAT_FREE)
        return false;
    return !(after_removals && (x->state == VPCI_XLAT_REMOVING || x->rm_queued));
}

/* Bytes a placed translation occupies: first fit reserves round_up(size,
 * WIN_ALIGN); identity placement exactly its size. */
static uint64_t occupied_span(const struct vpci_core *c, const struct vpci_xlat *x)
{
    return c->p.win_mode == VPCI_WIN_PERSISTENT ? x->size : align_up(x->size);
}

/* True if [off, off + span) collides with no placed translation. */
static bool gap_free(const struct vpci_core *c, uint64_t off, uint64_t span, bool after_removals)
{
    for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++) {
        const struct vpci_xlat *x = &c->win.xlat[i];

        if (!occupies(x, after_removals))
            continue;
        if (off < x->win_off + occupied_span(c, x) && x->win_off < off + span)
            return false;
    }
    return true;
}

/*
 * First fit (spec §8.2): the lowest WIN_ALIGN multiple with
 * round_up(size, WIN_ALIGN) free bytes, or UINT64_MAX. The candidates are
 * offset 0 and the aligned end of every placed region.
 */
static uint64_t first_fit(const struct vpci_core *c, uint64_t size, bool after_removals)
{
    uint64_t win = mem_win_size(c), best = UINT64_MAX, span = align_up(size);

    if (size == 0 || size > win)
        return UINT64_MAX;
    for (int i = -1; i < (int)VPCI_MAX_REGIONS; i++) {
        uint64_t off = 0;

        if (i >= 0) {
            const struct vpci_xlat *x = &c->win.xlat[i];
            if (!occupies(x, after_removals))
                continue;
            off = x->win_off + align_up(x->size);
        }
        if (off >= best || off > win || span > win - off ||
            !gap_free(c, off, span, after_removals))
            continue;
        best = off;
    }
    return best;
}

static int free_slot(const struct vpci_core *c)
{
    for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++)
        if (c->win.xlat[i].state == VPCI_XLAT_FREE)
            return (int)i;
    return -1;
}

static int install(struct vpci_core *c, int slot, uint64_t win_off, uint64_t gpa, uint64_t size,
                   uint64_t uaddr, const struct vpci_res *res)
{
    struct vpci_xlat *x = &c->win.xlat[slot];

    memset(x, 0, sizeof(*x));
    x->state = VPCI_XLAT_PENDING;
    x->win_off = win_off;
    x->size = size;
    x->gpa = gpa;
    x->uaddr = uaddr;
    x->res = *res;
    return slot;
}

/* Place a region first fit (trapped platforms, spec §8.2). */
int vpci_window_place(struct vpci_core *c, uint64_t gpa, uint64_t size, uint64_t uaddr,
                      const struct vpci_res *res)
{
    int slot = free_slot(c);
    uint64_t off;

    if (slot < 0)
        return -1;
    off = first_fit(c, size, false);
    if (off == UINT64_MAX)
        return -1;
    return install(c, slot, off, gpa, size, uaddr, res);
}

/* Place a region at @win_off (identity placement, persistent platforms, spec §8.2). */
int vpci_window_place_at(struct vpci_core *c, uint64_t win_off, uint64_t gpa, uint64_t size,
                         uint64_t uaddr, const struct vpci_res *res)
{
    uint64_t win = mem_win_size(c);
    int slot = free_slot(c);

    if (slot < 0 || size == 0 || win_off > win || size > win - win_off)
        return -1;
    if (!gap_free(c, win_off, size, false))
        return -2;
    return install(c, slot, win_off, gpa, size, uaddr, res);
}

/* Would the region fit once the queued removals are done (B3 back-pressure)? */
bool vpci_window_fits_after_removals(const struct vpci_core *c, uint64_t win_off, uint64_t size)
{
    uint64_t win = mem_win_size(c);

    if (win_off == UINT64_MAX)
        return first_fit(c, size, true) != UINT64_MAX;
    return size != 0 && win_off <= win && size <= win - win_off &&
           gap_free(c, win_off, size, true);
}

/* Placed, and no REM_MEM_REG for it queued: a region the master still has. */
static bool live_for_master(const struct vpci_xlat *x)
{
    return x->state != VPCI_XLAT_FREE && x->state != VPCI_XLAT_REMOVING && !x->rm_queued;
}

int vpci_window_find_same(const struct vpci_core *c, uint64_t gpa, uint64_t size, uint64_t uaddr,
                          const void *host, const uint64_t *win_off,
                          const bool skip[VPCI_MAX_REGIONS])
{
    for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++) {
        const struct vpci_xlat *x = &c->win.xlat[i];

        if (!live_for_master(x) || skip[i])
            continue;
        if (x->gpa == gpa && x->size == size && x->uaddr == uaddr && x->res.host == host &&
            (!win_off || x->win_off == *win_off))
            return (int)i;
    }
    return -1;
}

int vpci_window_overlap(const struct vpci_core *c, uint64_t gpa, uint64_t size, uint64_t uaddr,
                        bool *in_guest)
{
    for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++) {
        const struct vpci_xlat *x = &c->win.xlat[i];

        /* A region whose removal is queued may be replaced by an overlapping one. */
        if (!live_for_master(x))
            continue;
        *in_guest = vpci_ranges_overlap(gpa, size, x->gpa, x->size);
        if (*in_guest || vpci_ranges_overlap(uaddr, size, x->uaddr, x->size))
            return (int)i;
    }
    return -1;
}

void vpci_window_usage(const struct vpci_core *c, unsigned *placed, unsigned *removing,
                       uint64_t *live_bytes)
{
    *placed = 0;
    *removing = 0;
    *live_bytes = 0;
    for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++) {
        const struct vpci_xlat *x = &c->win.xlat[i];

        if (x->state == VPCI_XLAT_FREE)
            continue;
        (*placed)++;
        if (live_for_master(x))
            *live_bytes += x->size;
        else
            (*removing)++;
    }
}

bool vpci_window_placed(const struct vpci_core *c, unsigned idx)
{
    return idx < VPCI_MAX_REGIONS && c->win.xlat[idx].state != VPCI_XLAT_FREE;
}

bool vpci_window_pending(const struct vpci_core *c, unsigned idx)
{
    return idx < VPCI_MAX_REGIONS && c->win.xlat[idx].state == VPCI_XLAT_PENDING;
}

uint64_t vpci_window_offset(const struct vpci_core *c, unsigned idx)
{
    return idx < VPCI_MAX_REGIONS ? c->win.xlat[idx].win_off : 0;
}

void vpci_window_queue_removal(struct vpci_core *c, unsigned idx)
{
    struct vpci_xlat *x;

    if (idx >= VPCI_MAX_REGIONS)
        return;
    x = &c->win.xlat[idx];
    x->rm_queued = true;
    if (x->state == VPCI_XLAT_ARMED)
        x->state = VPCI_XLAT_REMOVING;
}

void vpci_window_cancel_removal(struct vpci_core *c, unsigned idx)
{
    struct vpci_xlat *x;

    if (idx >= VPCI_MAX_REGIONS)
        return;
    x = &c->win.xlat[idx];
    x->rm_queued = false;
    if (x->state == VPCI_XLAT_REMOVING)
        x->state = VPCI_XLAT_ARMED;
}

int vpci_window_find(const struct vpci_core *c, uint64_t gpa, uint64_t size, uint64_t uaddr)
{
    for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++) {
        const struct vpci_xlat *x = &c->win.xlat[i];

        if (!live_for_master(x))
            continue;
        if (x->gpa == gpa && x->size == size && x->uaddr == uaddr)
            return (int)i;
    }
    return -1;
}

void vpci_window_arm(struct vpci_core *c, unsigned idx)
{
    struct vpci_xlat *x;

    if (idx >= VPCI_MAX_REGIONS)
        return;
    x = &c->win.xlat[idx];
    if (x->state != VPCI_XLAT_PENDING)
        return;
    /* A REM_MEM_REG accepted while the entry was pending: armed, removal queued. */
    x->state = x->rm_queued ? VPCI_XLAT_REMOVING : VPCI_XLAT_ARMED;
    c->win.gen++;
}

void vpci_window_withdraw(struct vpci_core *c, unsigned idx)
{
    struct vpci_xlat *x;

    if (idx >= VPCI_MAX_REGIONS)
        return;
    x = &c->win.xlat[idx];
    if (x->state == VPCI_XLAT_FREE)
        return;
    if (xlat_live(x)) {
        c->win.gen++;
        /* Direct pointers into it (DMI) are revoked before the resource is
         * released (spec §8.7, §12.2). */
        if (c->drv.unmap)
            c->drv.unmap(c->drv_opaque, 2, x->win_off, xlat_extent(x));
    }
    /* Free the entry before ->release, which may re-enter the core. */
    struct vpci_res res = x->res;
    memset(x, 0, sizeof(*x));
    vpci_res_release(c, &res);
}

void vpci_window_withdraw_all(struct vpci_core *c, bool include_log)
{
    for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++)
        vpci_window_withdraw(c, i);
    if (include_log)
        vpci_window_withdraw_log(c);
}

bool vpci_window_set_log(struct vpci_core *c, uint64_t size, const struct vpci_res *res)
{
    if (size == 0 || size > log_win_size(c))
        return false;
    /* The new log replaces the old one; the old one is released last, as
     * ->release may re-enter the core (and withdraw the new one). */
    struct vpci_res old = c->win.log;
    c->win.log = *res;
    c->win.log_size = size;
    c->win.log_armed = false;
    c->win.log_pending = true;
    vpci_res_release(c, &old);
    return true;
}

void vpci_window_arm_log(struct vpci_core *c)
{
    if (!c->win.log_pending)
        return;
    c->win.log_pending = false;
    c->win.log_armed = true;
}

void vpci_window_withdraw_log(struct vpci_core *c)
{
    struct vpci_res res = c->win.log;

    memset(&c->win.log, 0, sizeof(c->win.log));
    c->win.log_armed = false;
    c->win.log_pending = false;
    c->win.log_size = 0;
    vpci_res_release(c, &res);
}
