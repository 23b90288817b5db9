// SPDX-License-Identifier: MIT
// hal_tlm.h - the TLM HAL port: the firmware library (vpf.h) runs in an
// SC_THREAD of a SystemC virtual platform and reaches the adapter like a CPU
// does, through one TLM-2.0 initiator socket on the platform's bus:
//  - config space at map.cfg_base (ECAM-like), BAR n at map.bar_base[n]; every
//    mmio/cfg access is one b_transport (loosely timed, tlm_quantumkeeper);
//  - windows: win_map gives the DMI pointer of the memory window where the
//    adapter grants DMI (pointer mode), else NULL; win_read/win_write are one
//    b_transport each (the adapter answers absent bytes, spec §3.3);
//    invalidate_direct_mem_ptr drops the cached grants;
//  - DMA memory: the platform RAM at map.ram_base (through its DMI pointer),
//    bump-allocated; bus address = platform address;
//  - interrupts: irq_setup programs the MSI-X table with map.msi_addr and
//    data = vector; irq_wait waits on the platform's interrupt controller
//    (struct hal_tlm_irq_source) with a simulated-time timeout;
//  - now_ns: simulated time including the quantum keeper's local time.
#ifndef VPCI_HAL_TLM_H
#define VPCI_HAL_TLM_H

#include <cstdint>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "vpci_hal.h"

namespace vpci {

// Where the HAL finds things on the platform bus.
struct hal_tlm_map {
    uint64_t cfg_base;    // config space (4 KiB)
    uint64_t bar_base[6]; // BARs 0, 2, 4 (others unused)
    uint64_t ram_base;    // DMA-able RAM
    uint64_t ram_size;
    uint64_t msi_addr;    // MSI-X address programmed into the table
};

// The interrupt controller the HAL waits on (the platform's MSI target).
class hal_tlm_irq_source {
public:
    virtual ~hal_tlm_irq_source() = default;
    // Move the pending vectors into @pending (bitmap of @nwords words);
    // returns how many were moved.
    virtual unsigned take(uint64_t *pending, unsigned nwords) = 0;
    // Notified when a vector becomes pending.
    virtual const sc_core::sc_event &irq_event() const = 0;
};

// Counters of the port.
struct hal_tlm_stats {
    uint64_t mmio;            // mmio and cfg transactions
    uint64_t win_maps;        // win_map calls answered with a DMI pointer
    uint64_t win_map_denied;  // ... answered NULL
    uint64_t win_reads, win_writes; // accessor transactions
    uint64_t invalidations;   // invalidate_direct_mem_ptr received
    uint64_t irq_waits;
};

// The TLM HAL port (a CPU's view of the adapter).
class hal_tlm : public sc_core::sc_module {
public:
    tlm_utils::simple_initiator_socket<hal_tlm> socket;

    // @irq: the platform's MSI controller (not owned).
    hal_tlm(sc_core::sc_module_name name, const hal_tlm_map &map, hal_tlm_irq_source *irq);
    // The HAL to hand to the library (vpf_*_create).
    const vpci_hal *hal() const { return &hal_; }
    // Pointer mode (true, default): win_map asks for DMI; false: always NULL.
    void set_win_pointers(bool on) { win_pointers_ = on; }
    // BIOS role: program the BAR registers with the map's addresses.
    void enumerate();
    // Counters.
    const hal_tlm_stats &stats() const { return st_; }
    // Flush the quantum keeper's local time (call before waiting elsewhere).
    void sync() { qk_.sync(); }

private:
    struct dmi_grant {
        uint64_t start, end;
        uint8_t *ptr;
    };
    void transact(tlm::tlm_command cmd, uint64_t addr, void *data, unsigned len);
    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);
    uint8_t *ram_ptr();

    // HAL ops (ctx = this).
    static uint64_t op_mmio_read(void *ctx, unsigned bar, uint64_t off, unsigned size);
    static void op_mmio_write(void *ctx, unsigned bar, uint64_t off, unsigned size, uint64_t val);
    static uint32_t op_cfg_read(void *ctx, uint32_t off, unsigned size);
    static void op_cfg_write(void *ctx, uint32_t off, unsigned size, uint32_t val);
    static void *op_dma_alloc(void *ctx, size_t size, size_t align, uint64_t *bus);
    static void op_dma_free(void *ctx, void *ptr, size_t size);
    static void *op_win_map(void *ctx, unsigned bar, uint64_t off, uint64_t len);
    static void op_win_read(void *ctx, unsigned bar, uint64_t off, void *dst, size_t len);
    static void op_win_write(void *ctx, unsigned bar, uint64_t off, const void *src, size_t len);
    static unsigned op_irq_setup(void *ctx, unsigned nvec);
    static unsigned op_irq_wait(void *ctx, uint32_t timeout_ms, uint64_t *pending, unsigned nwords);
    static unsigned op_irq_poll(void *ctx, uint64_t *pending, unsigned nwords);
    static uint64_t op_now_ns(void *ctx);

    hal_tlm_map map_;
    hal_tlm_irq_source *irq_;
    vpci_hal hal_;
    tlm_utils::tlm_quantumkeeper qk_;
    std::vector<dmi_grant> dmi_;
    uint8_t *ram_ = nullptr;
    size_t brk_ = 0;
    bool win_pointers_ = true;
    hal_tlm_stats st_{};
};

} // namespace vpci

#endif // VPCI_HAL_TLM_H
