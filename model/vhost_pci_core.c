/* SPDX-License-Identifier: MIT */
/*
 * vhost_pci_core.c - a vhost-pci adapter instance: creation, resets, the run
 * loop that advances the queue engines, BAR routing, the ADAPTER register
 * block (features, status, link, interrupt causes, errors) and the dispatch
 * of register side effects to the other blocks.
 *
 * docs/spec.md: §2.6 (FLR, PCI reset), §3.2 and §3.3 (BAR access rules),
 * §4.2 (feature negotiation), §4.4 (status, reset), §4.5 (link), §4.6
 * (interrupts), §4.7 and §11.3 (errors), §10 (session end), §12.1 (API).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vpci_internal.h"

/* Adapter feature words offered to the driver (spec §4.2). */
static uint64_t dev_features(const struct vpci_core *c)
{
    uint64_t f = (1ull << VPCI_ADAPTER_FEATURE_BACKEND_CHAN) |
                 (1ull << VPCI_ADAPTER_FEATURE_LOG_WIN) |
                 (1ull << VPCI_ADAPTER_FEATURE_KICK_LATCH) |
                 (1ull << VPCI_ADAPTER_FEATURE_VERSION_1);

    if (c->p.msix_mode == VPCI_MSIX_EXTERNAL)
        f |= 1ull << VPCI_ADAPTER_FEATURE_EXT_MSIX;
    if (c->p.win_mode == VPCI_WIN_PERSISTENT)
        f |= 1ull << VPCI_ADAPTER_FEATURE_PERSISTENT_WIN;
    return f;
}

void vpci_params_default(struct vpci_params *p)
{
    memset(p, 0, sizeof(*p));
    p->num_vqs = VPCI_PARAM_NUM_VQS_DEFAULT;
    p->msix_vectors = VPCI_PARAM_MSIX_VECTORS_DEFAULT;
    p->mem_win_log2 = VPCI_PARAM_MEM_WIN_LOG2_DEFAULT;
    p->log_win_log2 = VPCI_PARAM_LOG_WIN_LOG2_DEFAULT;
    p->msix_mode = VPCI_MSIX_INTERNAL;
    p->win_mode = VPCI_WIN_TRAPPED;
}

static bool params_valid(const struct vpci_params *p)
{
    return p->num_vqs >= VPCI_PARAM_NUM_VQS_MIN && p->num_vqs <= VPCI_PARAM_NUM_VQS_MAX &&
           p->msix_vectors >= VPCI_PARAM_MSIX_VECTORS_MIN &&
           p->msix_vectors <= VPCI_PARAM_MSIX_VECTORS_MAX &&
           p->mem_win_log2 >= VPCI_PARAM_MEM_WIN_LOG2_MIN &&
           p->mem_win_log2 <= VPCI_PARAM_MEM_WIN_LOG2_MAX &&
           p->log_win_log2 >= VPCI_PARAM_LOG_WIN_LOG2_MIN &&
           p->log_win_log2 <= VPCI_PARAM_LOG_WIN_LOG2_MAX &&
           (p->msix_mode == VPCI_MSIX_INTERNAL || p->msix_mode == VPCI_MSIX_EXTERNAL) &&
           (p->win_mode == VPCI_WIN_TRAPPED || p->win_mode == VPCI_WIN_PERSISTENT);
}

static bool master_ops_valid(const struct vpci_master_ops *m)
{
    return m->notify && m->send && m->close && m->release;
}

static void pci_reset(struct vpci_core *c);

struct vpci_core *vpci_core_create(const struct vpci_params *p,
                                   const struct vpci_driver_ops *drv, void *drv_opaque,
                                   const struct vpci_master_ops *mst, void *mst_opaque)
{
    struct vpci_params def;

    if (!p) {
        vpci_params_default(&def);
        p = &def;
    }
    if (!drv || !params_valid(p) || !drv->dma)
        return NULL;
    if (p->msix_mode == VPCI_MSIX_INTERNAL ? !drv->msi : !drv->irq)
        return NULL;
    if (mst && !master_ops_valid(mst))
        return NULL;

    struct vpci_core *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    c->p = *p;
    c->drv = *drv;
    c->drv_opaque = drv_opaque;
    if (mst) {
        c->mst = *mst;
        c->mst_opaque = mst_opaque;
        c->has_master = true;
    }
    pci_reset(c);
    return c;
}

int vpci_core_set_master(struct vpci_core *c, const struct vpci_master_ops *mst, void *opaque)
{
    if (vpci_relay_connected(c) || (mst && !master_ops_valid(mst)))
        return VPCI_EINVAL;
    if (mst) {
        c->mst = *mst;
        c->mst_opaque = opaque;
        c->has_master = true;
    } else {
        memset(&c->mst, 0, sizeof(c->mst));
        c->mst_opaque = NULL;
        c->has_master = false;
    }
    return VPCI_OK;
}

void vpci_core_destroy(struct vpci_core *c)
{
    if (!c)
        return;
    vpci_enter(c);
    vpci_session_end(c, VPCI_SESSION_END_DESTROY);
    c->depth = 0; /* no deferred work after destruction */
    free(c);
}

/* PCI-level reset of config space and adapter (creation, FLR, PCI reset). */
static void pci_reset(struct vpci_core *c)
{
    vpci_enter(c);
    vpci_csr_reset(c, VPCI_SPACE_CFG);
    vpci_cfg_reset(c);
    vpci_adapter_reset(c);
    vpci_leave(c);
}

void vpci_core_pci_reset(struct vpci_core *c)
{
    vpci_eventf(c, &(struct vpci_event){.code = VPCI_EV_RESET, .reason = VPCI_RESET_PCI}, false,
                "PCI reset");
    pci_reset(c);
}

const struct vpci_params *vpci_core_params(const struct vpci_core *c)
{
    return &c->p;
}

uint64_t vpci_bar_size(const struct vpci_core *c, unsigned bar)
{
    switch (bar) {
    case 0:
        return VPCI_BAR0_SIZE;
    case 2:
        return 1ull << c->p.mem_win_log2;
    case 4:
        return 1ull << c->p.log_win_log2;
    default:
        return 0;
    }
}

void vpci_core_stats(const struct vpci_core *c, struct vpci_stats *s)
{
    *s = c->stats;
}

/* ------------------------------------------------------------------ */
/* Run loop                                                            */
/* ------------------------------------------------------------------ */

static bool reset_busy(const struct vpci_core *c)
{
    return vpci_csr_get(c, VPCI_REG_ADAPTER_CONTROL) & VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK;
}

void vpci_enter(struct vpci_core *c)
{
    c->depth++;
}

void vpci_kick_engines(struct vpci_core *c)
{
    c->run_pending = true;
}

void vpci_leave(struct vpci_core *c)
{
    if (c->depth > 1) {
        c->depth--;
        return;
    }
    /*
     * Outermost call: advance the engines until nothing moves. Callbacks
     * made from here that re-enter the core see depth 1 and only queue work.
     */
    while (c->run_pending) {
        c->run_pending = false;
        if (reset_busy(c) && vpci_dma_writes_done(c, c->adapter.reset_seq))
            vpci_csr_set(c, VPCI_REG_ADAPTER_CONTROL,
                         vpci_csr_get(c, VPCI_REG_ADAPTER_CONTROL) &
                             ~VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK);
        while (vpci_msgq_run(c))
            ;
        vpci_msix_update(c);
    }
    c->depth = 0;
}

/* ------------------------------------------------------------------ */
/* Events (spec §12.1)                                                 */
/* ------------------------------------------------------------------ */

void vpci_core_set_event_sink(struct vpci_core *c, vpci_event_sink_fn sink, void *opaque)
{
    c->sink = sink;
    c->sink_opaque = sink ? opaque : NULL;
}

/* vpci_eventf() with a va_list. */
static void eventv(struct vpci_core *c, const struct vpci_event *ev, bool log, const char *fmt,
                   va_list ap)
{
    bool to_log = log && c->mst.log;
    struct vpci_event out = *ev;
    char line[256];

    if (!c->sink && !to_log)
        return;
    vsnprintf(line, sizeof(line), fmt, ap);
    out.session = vpci_relay_session(c);
    out.text = line;
    if (c->sink)
        c->sink(c->sink_opaque, &out);
    if (to_log)
        c->mst.log(c->mst_opaque, line);
}

void vpci_eventf(struct vpci_core *c, const struct vpci_event *ev, bool log, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    eventv(c, ev, log, fmt, ap);
    va_end(ap);
}

const char *vpci_event_name(enum vpci_event_code code)
{
    static const char *const names[] = {
        [VPCI_EV_GUEST_ERROR] = "GUEST_ERROR",
        [VPCI_EV_MASTER_REFUSED] = "MASTER_REFUSED",
        [VPCI_EV_SESSION_CONNECTED] = "SESSION_CONNECTED",
        [VPCI_EV_SESSION_ENDED] = "SESSION_ENDED",
        [VPCI_EV_LINK_CHANGE] = "LINK_CHANGE",
        [VPCI_EV_STATUS] = "STATUS",
        [VPCI_EV_NEEDS_RESET] = "NEEDS_RESET",
        [VPCI_EV_RESET] = "RESET",
    };

    if ((unsigned)code >= sizeof(names) / sizeof(names[0]) || !names[code])
        return "?";
    return names[code];
}

const char *vpci_event_reason_name(enum vpci_event_code code, uint32_t reason)
{
    static const char *const refuse[] = {
        [VPCI_REFUSE_TRUNCATED] = "TRUNCATED",
        [VPCI_REFUSE_TOO_MANY_FDS] = "TOO_MANY_FDS",
        [VPCI_REFUSE_TOO_LONG] = "TOO_LONG",
        [VPCI_REFUSE_VERSION] = "VERSION",
        [VPCI_REFUSE_REPLY_FLAG] = "REPLY_FLAG",
        [VPCI_REFUSE_SIZE] = "SIZE",
        [VPCI_REFUSE_UNKNOWN] = "UNKNOWN",
        [VPCI_REFUSE_NOT_RELAYED] = "NOT_RELAYED",
        [VPCI_REFUSE_ADAPTER_FEATURE] = "ADAPTER_FEATURE",
        [VPCI_REFUSE_PROTOCOL_FEATURE] = "PROTOCOL_FEATURE",
        [VPCI_REFUSE_PAYLOAD] = "PAYLOAD",
        [VPCI_REFUSE_FDS] = "FDS",
        [VPCI_REFUSE_VQ_RANGE] = "VQ_RANGE",
        [VPCI_REFUSE_RESERVED_BITS] = "RESERVED_BITS",
        [VPCI_REFUSE_MASKED_FEATURES] = "MASKED_FEATURES",
        [VPCI_REFUSE_REGION_ZERO] = "REGION_ZERO",
        [VPCI_REFUSE_REGION_WRAPS] = "REGION_WRAPS",
        [VPCI_REFUSE_REGION_UNMAPPED] = "REGION_UNMAPPED",
        [VPCI_REFUSE_REGION_BEYOND_FD] = "REGION_BEYOND_FD",
        [VPCI_REFUSE_NOT_WINDOW_FILE] = "NOT_WINDOW_FILE",
        [VPCI_REFUSE_OVERLAP_GUEST] = "OVERLAP_GUEST",
        [VPCI_REFUSE_OVERLAP_USER] = "OVERLAP_USER",
        [VPCI_REFUSE_OVERLAP_WINDOW] = "OVERLAP_WINDOW",
        [VPCI_REFUSE_TOO_MANY_REGIONS] = "TOO_MANY_REGIONS",
        [VPCI_REFUSE_WIN_FULL] = "WIN_FULL",
        [VPCI_REFUSE_NO_MATCH] = "NO_MATCH",
        [VPCI_REFUSE_LOG_MISMATCH] = "LOG_MISMATCH",
        [VPCI_REFUSE_LOG_FULL] = "LOG_FULL",
        [VPCI_REFUSE_MALFORMED_REPLY] = "MALFORMED_REPLY",
        [VPCI_REFUSE_UNEXPECTED_REPLY] = "UNEXPECTED_REPLY",
    };
    static const char *const session_end[] = {
        [VPCI_SESSION_END_DISCONNECT] = "DISCONNECT",
        [VPCI_SESSION_END_REFUSED] = "REFUSED",
        [VPCI_SESSION_END_RESET] = "RESET",
        [VPCI_SESSION_END_DRIVER_FAILED] = "DRIVER_FAILED",
        [VPCI_SESSION_END_DESTROY] = "DESTROY",
    };
    static const char *const reset[] = {
        [VPCI_RESET_ADAPTER] = "ADAPTER",
        [VPCI_RESET_FLR] = "FLR",
        [VPCI_RESET_PCI] = "PCI",
    };
    const char *const *names;
    size_t n;

    switch (code) {
    case VPCI_EV_MASTER_REFUSED:
        names = refuse;
        n = sizeof(refuse) / sizeof(refuse[0]);
        break;
    case VPCI_EV_SESSION_ENDED:
        names = session_end;
        n = sizeof(session_end) / sizeof(session_end[0]);
        break;
    case VPCI_EV_RESET:
        names = reset;
        n = sizeof(reset) / sizeof(reset[0]);
        break;
    default:
        return "";
    }
    return reason < n && names[reason] ? names[reason] : "?";
}

/* ------------------------------------------------------------------ */
/* Adapter block                                                       */
/* ------------------------------------------------------------------ */

static uint32_t link_read(const struct vpci_core *c);

bool vpci_driver_ready(const struct vpci_core *c)
{
    return (c->adapter.status & VPCI_ADAPTER_STATUS_DRIVER_OK_MASK) &&
           !(c->adapter.status &
             (VPCI_ADAPTER_STATUS_NEEDS_RESET_MASK | VPCI_ADAPTER_STATUS_FAILED_MASK));
}

uint64_t vpci_adapter_features(const struct vpci_core *c)
{
    if (!(c->adapter.status & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK))
        return 0;
    return c->adapter.drv_features[0] | ((uint64_t)c->adapter.drv_features[1] << 32);
}

void vpci_adapter_needs_reset(struct vpci_core *c, unsigned queue)
{
    uint32_t old = c->adapter.status;

    c->adapter.status |= VPCI_ADAPTER_STATUS_NEEDS_RESET_MASK;
    vpci_eventf(c, &(struct vpci_event){.code = VPCI_EV_NEEDS_RESET, .queue = queue,
                                        .old_status = old, .status = c->adapter.status},
                true, "%s ring DMA failed: adapter needs reset", queue ? "S2M" : "M2S");
}

bool vpci_bus_master(const struct vpci_core *c)
{
    return vpci_csr_get(c, VPCI_REG_CFG_COMMAND) & VPCI_CFG_COMMAND_BUS_MASTER_MASK;
}

void vpci_raise(struct vpci_core *c, uint32_t cause_bits)
{
    uint32_t en = vpci_csr_get(c, VPCI_REG_ADAPTER_INT_ENABLE);
    uint32_t before = vpci_csr_get(c, VPCI_REG_ADAPTER_INT_CAUSE) & en;

    vpci_csr_hw_set(c, VPCI_REG_ADAPTER_INT_CAUSE, cause_bits);
    /* A message on each 0->1 change of a bit of INT_CAUSE & INT_ENABLE (spec §4.6). */
    if (cause_bits & en & ~before)
        vpci_msix_signal(c, (uint16_t)vpci_csr_get(c, VPCI_REG_ADAPTER_INT_VECTOR));
}

/* ERROR_CAUSE, ERROR_INFO and INT_CAUSE.ERROR of an error (spec §4.7). */
static void record_error(struct vpci_core *c, uint32_t cause_mask, uint32_t code, uint32_t detail)
{
    vpci_csr_hw_set(c, VPCI_REG_ADAPTER_ERROR_CAUSE, cause_mask);
    c->adapter.error_info = (code & 0xffu) | ((detail & 0xffffffu) << 8);
    vpci_raise(c, VPCI_ADAPTER_INT_CAUSE_ERROR_MASK);
}

/* The VPCI_EV_GUEST_ERROR event of an error (DETAIL as ERROR_INFO holds it). */
static struct vpci_event guest_error_event(uint32_t cause_mask, uint32_t code, uint32_t detail)
{
    return (struct vpci_event){.code = VPCI_EV_GUEST_ERROR, .cause = cause_mask,
                               .err_code = code & 0xffu, .detail = detail & 0xffffffu};
}

void vpci_error(struct vpci_core *c, uint32_t cause_mask, uint32_t code, uint32_t detail)
{
    struct vpci_event ev = guest_error_event(cause_mask, code, detail);

    vpci_eventf(c, &ev, false, "error code %u detail 0x%x (ERROR_CAUSE 0x%x)", ev.err_code,
                ev.detail, cause_mask);
    record_error(c, cause_mask, code, detail);
}

void vpci_error_logf(struct vpci_core *c, uint32_t cause_mask, uint32_t code, uint32_t detail,
                     const char *fmt, ...)
{
    struct vpci_event ev = guest_error_event(cause_mask, code, detail);
    va_list ap;

    va_start(ap, fmt);
    eventv(c, &ev, true, fmt, ap);
    va_end(ap);
    record_error(c, cause_mask, code, detail);
}

void vpci_error_refused(struct vpci_core *c, uint32_t code, uint32_t detail)
{
    record_error(c, VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_MASK, code, detail);
}

void vpci_link_change(struct vpci_core *c)
{
    vpci_eventf(c, &(struct vpci_event){.code = VPCI_EV_LINK_CHANGE, .link = link_read(c)}, false,
                "link change: LINK 0x%08x", link_read(c));
    vpci_raise(c, VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_MASK);
}

void vpci_adapter_reset(struct vpci_core *c)
{
    vpci_enter(c);
    /*
     * A bound session's vhost-user state lived in the driver: end it and have
     * the platform close the connection. An unbound session (nothing reached
     * a driver yet) survives with its waiting messages, so a master that
     * connected before the driver initialized is served (spec §4.4, §9.3).
     * The session counter survives every reset.
     */
    bool keep = vpci_relay_connected(c) && !vpci_relay_bound(c);
    bool ended = vpci_relay_connected(c) && !keep;

    if (ended)
        vpci_session_end(c, VPCI_SESSION_END_RESET);
    uint64_t seq = vpci_dma_write_seq(c);

    vpci_csr_reset(c, VPCI_SPACE_BAR0);
    memset(&c->adapter, 0, sizeof(c->adapter));
    /* DMA writes issued before the reset may still land: RESET_BUSY until they did (§4.4). */
    if (!vpci_dma_writes_done(c, seq)) {
        c->adapter.reset_seq = seq;
        vpci_csr_hw_set(c, VPCI_REG_ADAPTER_CONTROL, VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK);
    }
    vpci_dma_reset(c);
    vpci_msgq_reset(c);
    vpci_msix_reset(c);
    vpci_vq_reset(c);
    if (!keep) {
        vpci_window_reset(c);
    } else {
        /* Translations stay pending for the waiting messages; the WINDOW
         * registers still return to their reset values (nothing is armed in
         * an unbound session). */
        vpci_window_reset_registers(c);
    }
    vpci_relay_reset(c);
    /*
     * Close last: the platform may disconnect and connect a new master from
     * inside ->close; that session's LINK_CHANGE must survive the register
     * reset above.
     */
    if (ended && !vpci_relay_connected(c))
        c->mst.close(c->mst_opaque, VPCI_CLOSE_DRIVER_RESET, "adapter reset ended the session");
    vpci_leave(c);
}

/* STATUS.FAILED 0 -> 1 with a bound session: ended as by a reset (spec §4.4,
 * §10.4), registers untouched. */
static void failed_ends_session(struct vpci_core *c)
{
    if (!vpci_relay_connected(c) || !vpci_relay_bound(c))
        return;
    vpci_session_end(c, VPCI_SESSION_END_DRIVER_FAILED);
    vpci_link_change(c);
    if (!vpci_relay_connected(c))
        c->mst.close(c->mst_opaque, VPCI_CLOSE_DRIVER_RESET, "driver failed; session ended");
}

/* STATUS written: bits are write-1-to-set (spec §4.4). */
static void status_write(struct vpci_core *c, uint32_t val)
{
    uint32_t set = val & (VPCI_ADAPTER_STATUS_DRIVER_MASK | VPCI_ADAPTER_STATUS_FEATURES_OK_MASK |
                          VPCI_ADAPTER_STATUS_DRIVER_OK_MASK | VPCI_ADAPTER_STATUS_FAILED_MASK);
    uint32_t st = c->adapter.status;
    bool features_refused = false;

    if ((set & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK) &&
        !(st & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK)) {
        uint64_t drv = c->adapter.drv_features[0] | ((uint64_t)c->adapter.drv_features[1] << 32);
        /* Needs DRIVER (before or in this write) and the check of §4.2. */
        if (!((st | set) & VPCI_ADAPTER_STATUS_DRIVER_MASK) ||
            !(drv & (1ull << VPCI_ADAPTER_FEATURE_VERSION_1)) || (drv & ~dev_features(c))) {
            set &= ~VPCI_ADAPTER_STATUS_FEATURES_OK_MASK;
            features_refused = true;
            vpci_error(c, VPCI_ADAPTER_ERROR_CAUSE_FEATURES_MASK, VPCI_ERROR_CODE_FEATURES, 0);
        }
    }
    if ((set & VPCI_ADAPTER_STATUS_DRIVER_OK_MASK) &&
        !((st | set) & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK)) {
        set &= ~VPCI_ADAPTER_STATUS_DRIVER_OK_MASK;
        /* The refusal of the features in the same write is the error to show. */
        if (!features_refused)
            vpci_error(c, VPCI_ADAPTER_ERROR_CAUSE_FEATURES_MASK, VPCI_ERROR_CODE_FEATURES, 1);
    }
    c->adapter.status = st | set;
    /* DRIVER_OK starts relaying; LINK_CHANGE is for master connect and
     * disconnect only (spec §4.5). */
    bool ready = (set & VPCI_ADAPTER_STATUS_DRIVER_OK_MASK) &&
                 !(st & VPCI_ADAPTER_STATUS_DRIVER_OK_MASK);
    if (c->adapter.status != st) {
        struct vpci_event ev = {.code = VPCI_EV_STATUS, .old_status = st,
                                .status = c->adapter.status};
        if (ready)
            vpci_eventf(c, &ev, true, "driver ready");
        else
            vpci_eventf(c, &ev, false, "status 0x%02x -> 0x%02x", st, c->adapter.status);
    }
    if (ready)
        vpci_kick_engines(c);
    if ((set & VPCI_ADAPTER_STATUS_FAILED_MASK) && !(st & VPCI_ADAPTER_STATUS_FAILED_MASK))
        failed_ends_session(c);
}

static uint32_t link_read(const struct vpci_core *c)
{
    uint32_t v = 0;

    if (vpci_relay_connected(c))
        v |= VPCI_ADAPTER_LINK_MASTER_UP_MASK;
    if (vpci_driver_ready(c))
        v |= VPCI_ADAPTER_LINK_DRIVER_READY_MASK;
    if (vpci_relay_chan_armed(c))
        v |= VPCI_ADAPTER_LINK_BACKEND_CHAN_MASK;
    v = vpci_adapter_link_session_set(v, vpci_relay_session(c));
    return v;
}

static uint32_t adapter_ext_read(struct vpci_core *c, unsigned id)
{
    uint32_t sel;

    switch (id) {
    case VPCI_REG_ADAPTER_CAPS: {
        uint32_t v = vpci_adapter_caps_num_vqs_set(0, c->p.num_vqs);
        v = vpci_adapter_caps_msix_vectors_set(v, c->p.msix_vectors);
        return vpci_adapter_caps_ext_msix_set(v, c->p.msix_mode == VPCI_MSIX_EXTERNAL);
    }
    case VPCI_REG_ADAPTER_DEV_FEATURES:
        sel = vpci_csr_get(c, VPCI_REG_ADAPTER_DEV_FEATURES_SEL);
        return sel < 2 ? (uint32_t)(dev_features(c) >> (32 * sel)) : 0;
    case VPCI_REG_ADAPTER_DRV_FEATURES:
        sel = vpci_csr_get(c, VPCI_REG_ADAPTER_DRV_FEATURES_SEL);
        return sel < 2 ? c->adapter.drv_features[sel] : 0;
    case VPCI_REG_ADAPTER_STATUS:
        return c->adapter.status;
    case VPCI_REG_ADAPTER_LINK:
        return link_read(c);
    case VPCI_REG_ADAPTER_ERROR_INFO:
        return c->adapter.error_info;
    case VPCI_REG_ADAPTER_WIN_INFO: {
        uint32_t v = vpci_adapter_win_info_mem_win_log2_set(0, c->p.mem_win_log2);
        v = vpci_adapter_win_info_log_win_log2_set(v, c->p.log_win_log2);
        v = vpci_adapter_win_info_max_regions_set(v, VPCI_MAX_REGIONS);
        return vpci_adapter_win_info_persistent_set(v, c->p.win_mode == VPCI_WIN_PERSISTENT);
    }
    default:
        return 0;
    }
}

static void adapter_ext_write(struct vpci_core *c, unsigned id, uint32_t val, uint32_t bytemask)
{
    uint32_t sel;

    switch (id) {
    case VPCI_REG_ADAPTER_DRV_FEATURES:
        sel = vpci_csr_get(c, VPCI_REG_ADAPTER_DRV_FEATURES_SEL);
        /* Writable while DRIVER = 1 and FEATURES_OK = 0 (spec §4.2). */
        if (sel < 2 && (c->adapter.status & VPCI_ADAPTER_STATUS_DRIVER_MASK) &&
            !(c->adapter.status & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK))
            c->adapter.drv_features[sel] =
                (c->adapter.drv_features[sel] & ~bytemask) | (val & bytemask);
        break;
    case VPCI_REG_ADAPTER_STATUS:
        status_write(c, val & bytemask);
        break;
    default:
        break; /* read-only external registers */
    }
}

/* ------------------------------------------------------------------ */
/* Register dispatch                                                   */
/* ------------------------------------------------------------------ */

static bool in_range(unsigned id, unsigned first, unsigned count)
{
    return id >= first && id < first + count;
}

uint32_t vpci_ext_read(struct vpci_core *c, const struct vpci_reg_desc *r)
{
    unsigned id = r->id;

    if (in_range(id, VPCI_REG_CFG_BAR_0, 6))
        return vpci_cfg_bar_read(c, id - VPCI_REG_CFG_BAR_0);
    if (in_range(id, VPCI_REG_ADAPTER_RB_TYPE, VPCI_REG_M2S_RB_TYPE - VPCI_REG_ADAPTER_RB_TYPE))
        return adapter_ext_read(c, id);
    if (in_range(id, VPCI_REG_M2S_RB_TYPE, VPCI_REG_VQ_RB_TYPE - VPCI_REG_M2S_RB_TYPE))
        return vpci_msgq_ext_read(c, id);
    if (in_range(id, VPCI_REG_VQ_RB_TYPE, VPCI_REG_WINDOW_RB_TYPE - VPCI_REG_VQ_RB_TYPE))
        return vpci_vq_ext_read(c, id);
    if (in_range(id, VPCI_REG_WINDOW_RB_TYPE, VPCI_REG_DBINFO_RB_TYPE - VPCI_REG_WINDOW_RB_TYPE))
        return vpci_window_ext_read(c, id);
    return 0;
}

void vpci_ext_write(struct vpci_core *c, const struct vpci_reg_desc *r, uint32_t val,
                    uint32_t bytemask)
{
    unsigned id = r->id;

    if (in_range(id, VPCI_REG_CFG_BAR_0, 6))
        vpci_cfg_bar_write(c, id - VPCI_REG_CFG_BAR_0, val, bytemask);
    else if (in_range(id, VPCI_REG_ADAPTER_RB_TYPE,
                      VPCI_REG_M2S_RB_TYPE - VPCI_REG_ADAPTER_RB_TYPE))
        adapter_ext_write(c, id, val, bytemask);
    else if (id == VPCI_REG_VQ_VECTOR)
        vpci_vq_ext_write(c, id, (val & bytemask) |
                                     (vpci_vq_ext_read(c, id) & ~bytemask));
}

void vpci_reg_written(struct vpci_core *c, const struct vpci_reg_desc *r, uint32_t old,
                      uint32_t val, uint32_t pulse)
{
    unsigned id = r->id;

    switch (id) {
    case VPCI_REG_CFG_COMMAND:
        if ((old ^ val) & (VPCI_CFG_COMMAND_BUS_MASTER_MASK | VPCI_CFG_COMMAND_MEM_EN_MASK))
            vpci_kick_engines(c);
        return;
    case VPCI_REG_PCIE_CAP_DEVCTL:
        if (pulse & VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK) {
            /* FLR leaves LINKCTL and LINKCTL2 unchanged (spec §2.6). */
            uint32_t lc = vpci_csr_get(c, VPCI_REG_PCIE_CAP_LINKCTL);
            uint32_t lc2 = vpci_csr_get(c, VPCI_REG_PCIE_CAP_LINKCTL2);
            vpci_eventf(c, &(struct vpci_event){.code = VPCI_EV_RESET, .reason = VPCI_RESET_FLR},
                        true, "function level reset");
            pci_reset(c);
            vpci_csr_set(c, VPCI_REG_PCIE_CAP_LINKCTL, lc);
            vpci_csr_set(c, VPCI_REG_PCIE_CAP_LINKCTL2, lc2);
        }
        return;
    case VPCI_REG_MSIX_CAP_MSGCTL:
        vpci_kick_engines(c);
        return;
    case VPCI_REG_ADAPTER_CONTROL:
        if (pulse & VPCI_ADAPTER_CONTROL_RESET_MASK) {
            vpci_eventf(c, &(struct vpci_event){.code = VPCI_EV_RESET,
                                                .reason = VPCI_RESET_ADAPTER},
                        true, "adapter reset");
            vpci_adapter_reset(c);
        }
        return;
    case VPCI_REG_ADAPTER_INT_ENABLE: {
        /* Enabling a cause that is already set signals it. */
        uint32_t cause = vpci_csr_get(c, VPCI_REG_ADAPTER_INT_CAUSE);
        if (cause & val & ~old)
            vpci_msix_signal(c, (uint16_t)vpci_csr_get(c, VPCI_REG_ADAPTER_INT_VECTOR));
        return;
    }
    case VPCI_REG_ADAPTER_INT_VECTOR:
        if ((val & 0xffffu) != VPCI_NO_VECTOR && val >= c->p.msix_vectors) {
            vpci_csr_set(c, id, old);
            vpci_error(c, VPCI_ADAPTER_ERROR_CAUSE_VQ_RANGE_MASK, VPCI_ERROR_CODE_VECTOR_RANGE,
                       val);
        }
        return;
    default:
        break;
    }
    if (in_range(id, VPCI_REG_M2S_RB_TYPE, VPCI_REG_VQ_RB_TYPE - VPCI_REG_M2S_RB_TYPE))
        vpci_msgq_written(c, id);
    else if (in_range(id, VPCI_REG_VQ_RB_TYPE, VPCI_REG_WINDOW_RB_TYPE - VPCI_REG_VQ_RB_TYPE))
        vpci_vq_written(c, id, old, val);
}

/* ------------------------------------------------------------------ */
/* Config space and BAR accesses                                       */
/* ------------------------------------------------------------------ */

static bool size_ok(unsigned size, unsigned max)
{
    return (size == 1 || size == 2 || size == 4 || size == 8) && size <= max;
}

uint32_t vpci_cfg_read(struct vpci_core *c, uint32_t off, unsigned size)
{
    uint32_t v = 0;

    if (!size_ok(size, 4) || (off & (size - 1)) || off >= VPCI_CFG_SPACE_SIZE)
        return 0xffffffffu >> (32 - 8 * (size_ok(size, 4) ? size : 4));
    vpci_enter(c);
    vpci_cfg_sync(c);
    vpci_csr_read(c, VPCI_SPACE_CFG, off, size, &v);
    vpci_leave(c);
    return v;
}

void vpci_cfg_write(struct vpci_core *c, uint32_t off, unsigned size, uint32_t val)
{
    if (!size_ok(size, 4) || (off & (size - 1)) || off >= VPCI_CFG_SPACE_SIZE)
        return;
    vpci_enter(c);
    vpci_csr_write(c, VPCI_SPACE_CFG, off, size, val);
    vpci_leave(c);
}

static uint64_t ones(unsigned size)
{
    return size >= 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

/* A BAR0 access of 1, 2 or 4 bytes, aligned and in range. */
static uint32_t bar0_read32(struct vpci_core *c, uint32_t off, unsigned size)
{
    uint32_t v = 0;

    /* While RESET_BUSY only CONTROL answers (spec §3.2). */
    if (reset_busy(c) && (off & ~3u) != VPCI_ADAPTER_CONTROL_OFFSET)
        return 0;
    if (off < VPCI_DOORBELL_CALL_BASE)
        vpci_csr_read(c, VPCI_SPACE_BAR0, off, size, &v); /* holes read 0 */
    else if (off >= VPCI_MSIX_TBL_OFFSET && off < VPCI_MSIX_PBA_OFFSET + VPCI_MSIX_PBA_SIZE)
        v = vpci_msix_read(c, off - VPCI_MSIX_TBL_OFFSET, size);
    /* doorbell page and reserved space read 0 */
    return v;
}

static void bar0_write32(struct vpci_core *c, uint32_t off, unsigned size, uint32_t val)
{
    if (reset_busy(c) && (off & ~3u) != VPCI_ADAPTER_CONTROL_OFFSET)
        return;
    if (off < VPCI_DOORBELL_CALL_BASE)
        vpci_csr_write(c, VPCI_SPACE_BAR0, off, size, val);
    else if (off < VPCI_MSIX_TBL_OFFSET)
        vpci_doorbell_write(c, off - VPCI_DOORBELL_CALL_BASE, size);
    else if (off < VPCI_MSIX_PBA_OFFSET + VPCI_MSIX_PBA_SIZE)
        vpci_msix_write(c, off - VPCI_MSIX_TBL_OFFSET, size, val);
}

/* DETAIL of REG_UNALIGNED / REG_RANGE (spec §11.3): bits 14:0 offset,
 * bits 19:16 access size, bit 20 write. */
static uint32_t reg_detail(uint64_t off, unsigned size, bool write)
{
    return ((uint32_t)off & 0x7fffu) | ((size & 0xfu) << 16) | ((write ? 1u : 0u) << 20);
}

/* Checks common to every BAR access; records REG_ACCESS errors. */
static bool bar_access_ok(struct vpci_core *c, unsigned bar, uint64_t off, unsigned size,
                          bool write)
{
    uint64_t bsize = vpci_bar_size(c, bar);

    /* Windows take any alignment (spec §3.3); BAR0 needs natural alignment (§3.2). */
    if (!size_ok(size, 8) || (bar == 0 && (off & (size - 1)))) {
        vpci_error(c, VPCI_ADAPTER_ERROR_CAUSE_REG_ACCESS_MASK, VPCI_ERROR_CODE_REG_UNALIGNED,
                   reg_detail(off, size, write));
        return false;
    }
    if (!bsize || off >= bsize || size > bsize - off) {
        vpci_error(c, VPCI_ADAPTER_ERROR_CAUSE_REG_ACCESS_MASK, VPCI_ERROR_CODE_REG_RANGE,
                   reg_detail(off, size, write));
        return false;
    }
    return true;
}

uint64_t vpci_mmio_read(struct vpci_core *c, unsigned bar, uint64_t off, unsigned size)
{
    uint64_t v = ones(size_ok(size, 8) ? size : 8);

    if (!vpci_cfg_mem_enabled(c))
        return v;
    vpci_enter(c);
    if (bar_access_ok(c, bar, off, size, false)) {
        if (bar == 0 && size == 8)
            v = bar0_read32(c, (uint32_t)off, 4) |
                ((uint64_t)bar0_read32(c, (uint32_t)off + 4, 4) << 32);
        else if (bar == 0)
            v = bar0_read32(c, (uint32_t)off, size);
        else if (!reset_busy(c)) /* RESET_BUSY: absent, no error (spec §4.4 step 1) */
            v = vpci_window_read(c, bar, off, size);
    }
    vpci_leave(c);
    return v;
}

void vpci_mmio_write(struct vpci_core *c, unsigned bar, uint64_t off, unsigned size, uint64_t val)
{
    if (!vpci_cfg_mem_enabled(c))
        return;
    vpci_enter(c);
    if (bar_access_ok(c, bar, off, size, true)) {
        if (bar == 0 && size == 8) {
            bar0_write32(c, (uint32_t)off, 4, (uint32_t)val);
            bar0_write32(c, (uint32_t)off + 4, 4, (uint32_t)(val >> 32));
        } else if (bar == 0) {
            bar0_write32(c, (uint32_t)off, size, (uint32_t)val);
        } else if (!reset_busy(c)) { /* RESET_BUSY: dropped, no error (spec §4.4) */
            vpci_window_write(c, bar, off, size, val);
        }
    }
    vpci_leave(c);
}

void *vpci_window_ptr(struct vpci_core *c, unsigned bar, uint64_t off, uint64_t len)
{
    /* No direct access while the BAR is disabled (spec §2.5) or during
     * RESET_BUSY (spec §4.4 step 1). */
    if (!vpci_cfg_mem_enabled(c) || reset_busy(c))
        return NULL;
    return vpci_window_map(c, bar, off, len);
}

void *vpci_window_span(struct vpci_core *c, unsigned bar, uint64_t off, uint64_t *start,
                       uint64_t *len)
{
    /* Same conditions as vpci_window_ptr(). */
    if (!vpci_cfg_mem_enabled(c) || reset_busy(c))
        return NULL;
    return vpci_window_map_span(c, bar, off, start, len);
}

/* ------------------------------------------------------------------ */
/* Master face                                                         */
/* ------------------------------------------------------------------ */

int vpci_master_connect(struct vpci_core *c)
{
    if (vpci_relay_connected(c) || !c->has_master)
        return VPCI_EINVAL;
    vpci_enter(c);
    vpci_relay_connect(c);
    vpci_link_change(c);
    vpci_kick_engines(c);
    vpci_leave(c);
    return VPCI_OK;
}

void vpci_master_disconnect(struct vpci_core *c)
{
    if (!vpci_relay_connected(c))
        return;
    vpci_enter(c);
    vpci_session_end(c, VPCI_SESSION_END_DISCONNECT);
    vpci_link_change(c);
    vpci_leave(c);
}

int vpci_master_msg(struct vpci_core *c, enum vpci_channel chan, const void *msg, size_t len,
                    const struct vpci_res *res, unsigned nres)
{
    int rc;

    vpci_enter(c);
    rc = vpci_relay_master_msg(c, chan, msg, len, res, nres);
    if (rc == VPCI_OK)
        vpci_kick_engines(c);
    vpci_leave(c);
    return rc;
}

void vpci_master_backend_gone(struct vpci_core *c, uint64_t cookie)
{
    if (!vpci_relay_connected(c))
        return;
    vpci_enter(c);
    vpci_relay_backend_gone(c, cookie);
    vpci_leave(c);
}

void vpci_master_kick(struct vpci_core *c, uint16_t vq)
{
    vpci_enter(c);
    vpci_vq_kick(c, vq);
    vpci_leave(c);
}
