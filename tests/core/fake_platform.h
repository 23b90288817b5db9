/* SPDX-License-Identifier: MIT */
/*
 * fake_platform.h - a test platform for the core: driver memory as a byte
 * array at a bus address, DMA completed at once or later (or failed), and a
 * record of everything the core did towards the platform, in order. Plus a
 * minimal test driver (bring-up, ring handling) on top of it.
 *
 * This is a test double for unit tests of the core's blocks; the real
 * platforms (bridge, TLM, RTL testbench) are tested against real peers.
 */
#ifndef FAKE_PLATFORM_H
#define FAKE_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

#include "dma_arena.h"
#include "vhost_pci_core.h"
#include "vhost_pci_regs.h"
#include "vhost_pci_requests.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FAKE_MEM_BASE 0x100000000ull /* bus address of driver memory */
#define FAKE_MEM_SIZE (4u << 20)
#define FAKE_MAX_EVENTS 8192u
#define FAKE_MAX_PENDING 64u
#define FAKE_MAX_SENT 256u
#define FAKE_MAX_MEVENTS 1024u       /* model events kept: the latest ones */

enum fake_ev_type {
    FAKE_EV_DMA_ISSUE = 1, /* a = addr, b = len, c = dir         */
    FAKE_EV_DMA_DONE,      /* a = addr, b = len, c = dir, d = status */
    FAKE_EV_MSI,           /* a = addr, c = vector, d = data     */
    FAKE_EV_IRQ,           /* c = vector                          */
    FAKE_EV_NOTIFY,        /* a = cookie, c = kind, d = vq        */
    FAKE_EV_SEND,          /* c = chan, d = request, b = len      */
    FAKE_EV_CLOSE,         /* c = reason                          */
    FAKE_EV_RELEASE,       /* a = cookie, c = kind                */
};

struct fake_event {
    enum fake_ev_type type;
    uint64_t a, b;
    uint32_t c, d;
};

/* A model event as the core's event sink reported it (text copied). */
struct fake_mevent {
    struct vpci_event ev;         /* ev.text points at text */
    char text[256];
};

struct fake_sent {
    uint32_t chan;
    uint32_t len;
    uint8_t data[4096];
};

struct fake_platform {
    struct vpci_core *core;
    uint8_t *mem;                 /* FAKE_MEM_SIZE bytes at FAKE_MEM_BASE */
    struct vpci_dma_arena arena;  /* mem as bus addresses: DMA is served here */
    bool defer_dma;               /* complete only in fake_complete_*()   */
    uint64_t fail_lo, fail_hi;    /* DMA touching [lo, hi) fails          */
    struct vpci_dma_req pending[FAKE_MAX_PENDING];
    unsigned npending;
    struct fake_event ev[FAKE_MAX_EVENTS];
    unsigned nev;
    struct fake_sent sent[FAKE_MAX_SENT];
    unsigned nsent;
    unsigned closes, releases;
    bool auto_disconnect;         /* ->close calls vpci_master_disconnect */
    char last_log[256];
    unsigned nlogs;
    /* Model events (vpci_core_set_event_sink): a ring of the latest
     * FAKE_MAX_MEVENTS; event number n is mev[n % FAKE_MAX_MEVENTS]. */
    struct fake_mevent mev[FAKE_MAX_MEVENTS];
    unsigned nmev;                /* events reported in total */
    unsigned nmev_logged;         /* ... of which ->log received the text */
    /* Re-entrancy probe: after an op of type @hook_on was recorded (inside
     * the callback), call @hook while @hook_left > 0 (decremented first). */
    void (*hook)(struct fake_platform *f);
    enum fake_ev_type hook_on;
    unsigned hook_left;
};

/* Create the core with @p (NULL: defaults) on a fresh fake platform. */
void fake_init(struct fake_platform *f, const struct vpci_params *p);
void fake_fini(struct fake_platform *f);
/* Complete the oldest deferred DMA request (returns false if none). */
bool fake_complete_one(struct fake_platform *f);
/* Complete every deferred request, including ones issued meanwhile. */
void fake_complete_all(struct fake_platform *f);
/* Count events of @type. */
unsigned fake_count(const struct fake_platform *f, enum fake_ev_type type);
/* Any code, for fake_mev_last() and fake_mev_count(). */
#define FAKE_MEV_ANY ((enum vpci_event_code)0)
/* Model event number @n (0 = the first reported), or NULL if not kept. */
const struct fake_mevent *fake_mev_at(const struct fake_platform *f, unsigned n);
/* The latest kept model event of @code (FAKE_MEV_ANY: of any code), or NULL. */
const struct fake_mevent *fake_mev_last(const struct fake_platform *f, enum vpci_event_code code);
/* Number of kept model events of @code (FAKE_MEV_ANY: of any code). */
unsigned fake_mev_count(const struct fake_platform *f, enum vpci_event_code code);
/* Pointer into driver memory for bus address @addr (asserts range in tests). */
uint8_t *fake_ptr(struct fake_platform *f, uint64_t addr);

/* Test driver ----------------------------------------------------------- */

/* Rings of one message queue in driver memory. */
struct fake_ring {
    uint64_t desc, cpl;           /* bus addresses */
    unsigned log2;
    uint16_t tail;                /* next descriptor to post */
    uint16_t seen;                /* next completion to read */
};

struct fake_driver {
    struct fake_platform *f;
    struct fake_ring m2s, s2m;
    uint64_t buf_base;            /* M2S buffers: 4096 each, per ring slot */
    uint64_t s2m_buf_base;
};

/* COMMAND.MEM_EN | BUS_MASTER. */
void fake_pci_enable(struct fake_platform *f);
uint32_t fake_rd32(struct fake_platform *f, uint32_t off);
void fake_wr32(struct fake_platform *f, uint32_t off, uint32_t val);
/*
 * Full init per spec §9 up to DRIVER_OK with rings of 2^@log2 entries; posts
 * every M2S buffer. Returns false if a step failed.
 */
bool fake_driver_init(struct fake_driver *d, struct fake_platform *f, unsigned log2);
/* Re-post M2S descriptor for the slot just consumed and bump TAIL. */
void fake_driver_repost(struct fake_driver *d, unsigned n);
/* Read the next M2S completion if present: copies the message (up to @cap). */
bool fake_driver_m2s_next(struct fake_driver *d, uint8_t *msg, uint32_t cap, uint32_t *len,
                          uint8_t *status, uint8_t *chan, uint8_t *session);
/* Post an S2M message; returns the descriptor index. */
uint16_t fake_driver_s2m_post(struct fake_driver *d, const void *msg, uint32_t len, uint8_t chan,
                              uint8_t session);
/* Read the next S2M completion status (false if none yet). */
bool fake_driver_s2m_next(struct fake_driver *d, uint8_t *status);

/* vhost-user message helpers ------------------------------------------- */

/* Build a message: header (request, flags = version 1 | @flags, size) + payload. */
uint32_t fake_vu_msg(uint8_t *buf, uint32_t request, uint32_t flags, const void *payload,
                     uint32_t size);

#ifdef __cplusplus
}
#endif

#endif /* FAKE_PLATFORM_H */
