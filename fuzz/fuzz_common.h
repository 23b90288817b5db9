/* SPDX-License-Identifier: MIT */
/*
 * fuzz_common.h - the platform, test driver, message builder and invariant
 * checks shared by the libFuzzer targets of the core (fuzz_master_msg.c,
 * fuzz_mmio_dma.c).
 *
 * The platform is white-box on purpose: besides the public API it reads a
 * few fields of struct vpci_core (model/vpci_internal.h) to check
 * invariants cheaply after every operation (queue indices, outstanding DMA).
 *
 * Memory resources handed to the core are heap buffers of exactly the
 * declared size, freed when the core releases them, so ASan reports any
 * access by the core outside a region or after its release.
 *
 * A violated invariant prints "FUZZ INVARIANT: <what>" and aborts, which
 * libFuzzer records as a crash with its reproducer.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dma_arena.h"
#include "vhost_pci_core.h"
#include "vhost_pci_regs.h"

/* Driver memory: one buffer at a fixed bus address. */
#define FZ_MEM_BASE 0x100000000ull
#define FZ_MEM_SIZE (160u << 10)
/* Outstanding DMA requests the platform can hold (the core has 4 slots). */
#define FZ_MAX_PENDING 64u
/* Resources handed to the core in one input. */
#define FZ_MAX_RES 1024u
/* Largest memory resource allocated (a region's declared size). */
#define FZ_MAX_MEM_RES (4u << 20)
/* Largest ring the test driver uses (2^4 entries). */
#define FZ_MAX_RING_LOG2 4u

/* Byte source over the fuzz input; reads past the end return zeros. */
struct fz_in {
    const uint8_t *p;
    size_t n;
};

uint8_t fz_u8(struct fz_in *in);
uint16_t fz_u16(struct fz_in *in);
uint32_t fz_u32(struct fz_in *in);
uint64_t fz_u64(struct fz_in *in);
bool fz_more(const struct fz_in *in);

/* State of a resource record. */
enum fz_res_state {
    FZ_RES_FREE = 0,
    FZ_RES_CORE,     /* handed to the core, not yet released */
    FZ_RES_RELEASED, /* returned by ->release                */
};

struct fz_res_rec {
    enum fz_res_state state;
    enum vpci_res_kind kind;
    uint8_t *buf;    /* VPCI_RES_MEM: heap buffer of @size bytes */
    uint64_t size;
};

struct fz_dma {
    struct vpci_dma_req req;
    uint64_t order;  /* issue order */
};

struct fz_ring {
    uint64_t desc, cpl;  /* bus addresses */
    unsigned log2;
    uint16_t tail, seen;
};

/* The test driver (spec §9 bring-up, M2S consumption, S2M replies). */
struct fz_driver {
    bool up;             /* bring-up reached DRIVER_OK          */
    struct fz_ring m2s, s2m;
    uint64_t m2s_buf, s2m_buf; /* buffers: 4096 per ring slot    */
    uint32_t m2s_buf_len;      /* length posted in M2S descriptors */
    uint64_t features;
    uint32_t replies_owed;     /* master requests awaiting a reply  */
    uint32_t owed_req[64];
};

struct fz {
    struct vpci_core *core;
    struct vpci_params p;
    uint8_t *mem;                /* FZ_MEM_SIZE bytes at FZ_MEM_BASE */
    struct vpci_dma_arena arena; /* mem as bus addresses: DMA is served here */
    bool auto_dma;               /* complete DMA inside ->dma()       */
    bool dma_fail_all;           /* auto completions fail             */
    uint64_t fail_lo, fail_hi;   /* DMA touching [lo, hi) fails       */
    struct fz_dma pend[FZ_MAX_PENDING];
    unsigned npend;
    uint64_t dma_order;
    bool connected;              /* platform view: master connected  */
    bool closing;                /* ->close() called, not yet disconnected */
    bool auto_disconnect;        /* ->close() disconnects at once     */
    unsigned sends, closes, msis, notifies, releases;
    struct fz_res_rec res[FZ_MAX_RES];
    unsigned nres;
    struct fz_driver drv;
    bool poked;                  /* rings written behind the driver: skip content checks */
    bool verbose;                /* FUZZ_VERBOSE: trace to stderr     */
    bool relax_msi_order;        /* FUZZ_RELAX_MSI_ORDER: skip that check */
};

/* Abort with a message when @cond is false. */
#define FZ_CHECK(cond, ...)                                                                        \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__);                                       \
    } while (0)
void fz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 4, 5)));

/* Create the core with @p on a fresh platform (false if creation failed). */
bool fz_init(struct fz *f, const struct vpci_params *p);
/* Destroy the core, check every resource was released, free everything. */
void fz_fini(struct fz *f);
/* Parameters from two input bytes (small windows so regions fit in RAM). */
void fz_params(struct fz_in *in, struct vpci_params *p);

/* DMA control. */
void fz_dma_complete_idx(struct fz *f, unsigned idx, enum vpci_dma_status st);
void fz_dma_complete_all(struct fz *f);

/* Invariants that are cheap to check after every operation. */
void fz_check_state(struct fz *f);

/* Master face. */
void fz_connect(struct fz *f);
void fz_disconnect(struct fz *f);
/* Build a master message from the input and send it to the core. */
void fz_master_msg(struct fz *f, struct fz_in *in);
/* Same with a raw (unstructured) message and random resources. */
void fz_master_raw(struct fz *f, struct fz_in *in);
/* Window pointer lookup; checks the result lies inside a live resource. */
void fz_window_ptr(struct fz *f, struct fz_in *in);

/* Driver. */
uint32_t fz_rd32(struct fz *f, uint32_t off);
void fz_wr32(struct fz *f, uint32_t off, uint32_t val);
/* Full bring-up per spec §9 with rings of 2^@log2 entries. */
bool fz_driver_init(struct fz *f, struct fz_in *in);
/* Consume M2S completions (replying to requests), reap S2M completions. */
void fz_driver_poll(struct fz *f, struct fz_in *in);
/* Post one S2M message built from the input. */
void fz_driver_s2m(struct fz *f, struct fz_in *in);

#endif /* FUZZ_COMMON_H */
