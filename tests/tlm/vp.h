// SPDX-License-Identifier: MIT
// vp.h - a small SystemC virtual platform around the vhost-pci TLM module:
//
//   cpu (hal_tlm: the firmware's HAL) --+                 +--> ram     (DMA memory)
//                                       +--> router ------+--> intc    (MSI writes)
//   adapter.dma_socket -----------------+                 +--> adapter cfg, BAR0, BAR2, BAR4
//
// The router decodes the address map below, translates addresses to target
// offsets, forwards DMI requests and maps invalidations back to platform
// addresses. The interrupt controller turns MSI writes (data = vector) into
// pending vectors and an event. The master side (test master, master
// memory) is the test's: it drives adapter.core() from its own SC_THREAD.
#ifndef VPCI_VP_H
#define VPCI_VP_H

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "hal_tlm.h"
#include "tlm/vhost_pci_tlm.h"

namespace vp {

// Platform address map.
constexpr uint64_t kRamBase = 0x80000000ull;
constexpr uint64_t kCfgBase = 0xe0000000ull;
constexpr uint64_t kMsiBase = 0xfee00000ull;
constexpr uint64_t kMsiSize = 0x1000ull;
constexpr uint64_t kBar0Base = 0xf0000000ull;
constexpr uint64_t kBar2Base = 0x100000000ull;
constexpr uint64_t kBar4Base = 0x200000000ull;

// Address decoder between initiators (multi target socket) and targets.
class router : public sc_core::sc_module {
public:
    tlm_utils::multi_passthrough_target_socket<router> in;
    tlm_utils::multi_passthrough_initiator_socket<router> out;

    // One observed transaction (for ordering checks).
    struct trace_rec {
        unsigned initiator; // index of the binding on `in`
        bool write;
        uint64_t addr;
        unsigned len;
        sc_core::sc_time begin, end; // local times (timestamp + annotation)
        uint64_t seq_begin, seq_end; // one counter for every begin and end
    };

    // An empty address map; bind initiators to `in`, targets to `out`.
    explicit router(sc_core::sc_module_name name);
    // Map [base, base + size) to target @port (binding order on `out`).
    void map(uint64_t base, uint64_t size, unsigned port);
    // Called after each b_transport that was routed.
    std::function<void(const trace_rec &)> on_transaction;

private:
    struct entry {
        uint64_t base, size;
        unsigned port;
    };
    const entry *decode(uint64_t addr) const;
    void b_transport(int id, tlm::tlm_generic_payload &gp, sc_core::sc_time &delay);
    unsigned int transport_dbg(int id, tlm::tlm_generic_payload &gp);
    bool get_direct_mem_ptr(int id, tlm::tlm_generic_payload &gp, tlm::tlm_dmi &dmi);
    void invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end);
    std::vector<entry> map_;
    uint64_t seq_ = 0;
};

// Plain RAM with DMI.
class memory : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<memory> socket;
    // @size bytes of zeroed RAM.
    memory(sc_core::sc_module_name name, uint64_t size);
    // The backing store (offset 0 = the mapping's base).
    uint8_t *data() { return mem_.data(); }
    // Its size in bytes.
    uint64_t size() const { return mem_.size(); }
    // Annotation per access, also the DMI latency.
    sc_core::sc_time latency{10, sc_core::SC_NS};

private:
    void b_transport(tlm::tlm_generic_payload &gp, sc_core::sc_time &delay);
    unsigned int transport_dbg(tlm::tlm_generic_payload &gp);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload &gp, tlm::tlm_dmi &dmi);
    std::vector<uint8_t> mem_;
};

// MSI controller: a 4-byte write of data = vector at any offset makes the
// vector pending. Other writes are counted as bad and ignored.
class msi_intc : public sc_core::sc_module, public vpci::hal_tlm_irq_source {
public:
    tlm_utils::simple_target_socket<msi_intc> socket;
    explicit msi_intc(sc_core::sc_module_name name);
    // Move the pending vectors into @pending (hal_tlm_irq_source).
    unsigned take(uint64_t *pending, unsigned nwords) override;
    // Notified at the time of each MSI write.
    const sc_core::sc_event &irq_event() const override { return ev_; }
    // MSI writes accepted.
    uint64_t received() const { return received_; }
    // Writes that were not a 4-byte vector number (and reads).
    uint64_t bad() const { return bad_; }
    // Vectors received so far, in order.
    const std::vector<uint32_t> &log() const { return log_; }

private:
    void b_transport(tlm::tlm_generic_payload &gp, sc_core::sc_time &delay);
    uint64_t pending_[8] = {};
    uint64_t received_ = 0, bad_ = 0;
    std::vector<uint32_t> log_;
    sc_core::sc_event ev_;
};

// Platform parameters.
struct config {
    vpci_params params;          // adapter (default: vpci_params_default)
    uint64_t ram_size = 16ull << 20;
    vpci::tlm_timing timing;
    sc_core::sc_time quantum{1, sc_core::SC_US};
    config() { vpci_params_default(&params); }
};

// The platform: bus, RAM, MSI controller, the adapter and the CPU's HAL.
class platform : public sc_core::sc_module {
public:
    router bus;
    memory ram;
    msi_intc intc;
    vpci::vhost_pci_tlm adapter;
    vpci::hal_tlm cpu;

    // Builds and binds everything; sets the global quantum.
    platform(sc_core::sc_module_name name, const config &cfg = config());
    // The firmware's HAL.
    const vpci_hal *hal() const { return cpu.hal(); }
};

// Fail on SystemC warnings and errors: installs a report handler that counts
// them (and displays them); reports() is the count so far.
void install_report_handler();
unsigned reports();

} // namespace vp

#endif // VPCI_VP_H
