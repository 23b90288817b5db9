/* SPDX-License-Identifier: MIT */
/*
 * hw.c - layer 1 of the library (see vpf_internal.h): BAR0 register access,
 * doorbells (spec §7.1), waiting for the platform and log lines. Calls the
 * HAL only. Also the text of the library's status codes.
 */
#include <stdarg.h>
#include <stdio.h>

#include "vpf_internal.h"

uint32_t vpf_rd(struct vpf_dev *d, uint32_t off)
{
    return vpci_hal_rd32(d->hal, 0, off);
}

void vpf_wr(struct vpf_dev *d, uint32_t off, uint32_t v)
{
    vpci_hal_wr32(d->hal, 0, off, v);
}

void vpf_wait_platform(struct vpf_dev *d)
{
    d->hal->ops->irq_wait(d->hal->ctx, 1, d->saved_pend, VPF_PENDING_WORDS);
}

void vpf_doorbell(struct vpf_dev *d, enum vpf_doorbell_kind kind, unsigned vq)
{
    uint32_t off = d->db_base, *val;

    if (kind == VPF_DB_LOG) {
        off += d->db_log;
        val = &d->db_log_val;
    } else {
        if (vq >= VPF_MAX_VQS)
            return;
        off += d->db_stride * vq + (kind == VPF_DB_ERR ? 4u : 0u);
        val = &d->db_val[kind == VPF_DB_ERR][vq];
    }
    /* A value different from the previous one on this doorbell, so that a
     * platform that polls the doorbell page as memory sees every ring
     * (spec §7.1): a per-doorbell counter, starting at 1. */
    ++*val;
    /* The window writes (used ring) before the doorbell: the MMIO write is
     * ordered after them by the release fence (spec §5.7 rule 5). */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    vpf_wr(d, off, *val);
}

void vpf_log(struct vpf_dev *d, const char *fmt, ...)
{
    char line[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (d->cfg.log)
        d->cfg.log(d->cfg.ctx, line);
    else
        fprintf(stderr, "vpf: %s\n", line);
}

const char *vpf_strerror(int status)
{
    switch (status) {
    case VPF_OK: return "success";
    case VPF_E_MAGIC: return "no vhost-pci adapter: ADAPTER.MAGIC does not match";
    case VPF_E_SPEC_VERSION: return "adapter SPEC_VERSION major is not 1";
    case VPF_E_FIRST_BLOCK: return "the register block at offset 0 is not the ADAPTER block";
    case VPF_E_BLOCK_LIST: return "corrupt register block list (RB_NEXT)";
    case VPF_E_BLOCK_MISSING: return "a required register block is missing";
    case VPF_E_RESET_TIMEOUT: return "adapter reset did not finish (RESET_BUSY stayed set)";
    case VPF_E_QUEUES: return "more queues configured than the adapter has (NUM_VQS)";
    case VPF_E_NO_VERSION_1: return "adapter does not offer feature VERSION_1";
    case VPF_E_FEATURES: return "adapter refused the driver features (FEATURES_OK)";
    case VPF_E_RINGS: return "message queue rings could not be set up";
    case VPF_E_DRIVER_READY: return "adapter did not report DRIVER_READY after DRIVER_OK";
    case VPF_E_NOT_RUNNING: return "library not running";
    case VPF_E_NOT_NEGOTIATED: return "backend channel or CONFIG not negotiated";
    case VPF_E_MSG_SIZE: return "message size out of range";
    case VPF_E_QUEUE_FULL: return "S2M queue full: message not queued";
    default: return "unknown status";
    }
}
