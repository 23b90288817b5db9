// SPDX-License-Identifier: MIT
// vhost_pci_tlm.h - SystemC TLM-2.0 module of the vhost-pci adapter: the C
// golden model (vhost_pci_core.h) behind target sockets for config space and
// each BAR, with a DMA initiator socket (docs/spec.md §12.2, guide:
// docs/tlm.md).
//
//   cfg_socket   config space, offsets 0..4095; 1/2/4-byte accesses (§2.4)
//   bar0_socket  BAR0 (registers, doorbells, MSI-X table and PBA), offsets
//   bar2_socket  BAR2, the memory window: b_transport, transport_dbg, DMI
//   bar4_socket  BAR4, the log window: b_transport, transport_dbg (no DMI)
//   dma_socket   initiator: the adapter's DMA requests and, in internal MSI-X
//                mode, the MSI-X messages (4-byte writes), in request order
//
// Target sockets may stay unbound (a platform without BAR4, say); the DMA
// socket must be bound. Target sockets take offsets inside their BAR (the platform's router
// subtracts the BAR base). Every BAR and config access returns
// TLM_OK_RESPONSE (spec §3.2): errors are reported through ERROR_CAUSE.
// Byte enables and streaming width are honoured. transport_dbg on the memory
// window copies through the translations without recording WIN_ABSENT.
//
// The master face (vhost-user messages, kicks) is the core's: attach it to
// core() with vpci_core_set_master() (e.g. the test master's tm_attach()) and
// call vpci_master_*() from an SC_THREAD. Those calls, like socket accesses,
// may issue DMA; DMA is served by the module's own thread.
#ifndef VHOST_PCI_TLM_H
#define VHOST_PCI_TLM_H

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "vhost_pci_core.h"

namespace vpci {

// Timing annotations, one per operation, added to the delay of each
// transaction (loosely timed). Defaults are plausible PCIe figures.
struct tlm_timing {
    sc_core::sc_time cfg_access{100, sc_core::SC_NS};  // one config access
    sc_core::sc_time bar0_read{200, sc_core::SC_NS};   // one BAR0 read (non-posted)
    sc_core::sc_time bar0_write{20, sc_core::SC_NS};   // one BAR0 write (posted)
    sc_core::sc_time win_access{40, sc_core::SC_NS};   // one window b_transport; also DMI latency
    sc_core::sc_time win_per_8_bytes{1, sc_core::SC_NS}; // window data beat
    sc_core::sc_time dma_request{100, sc_core::SC_NS}; // adapter's DMA issue cost
    sc_core::sc_time msi{50, sc_core::SC_NS};          // MSI-X message / vector signal
};

// Counters of the module (tests, benchmark).
struct tlm_stats {
    uint64_t dmi_grants;        // get_direct_mem_ptr calls answered with a pointer
    uint64_t dmi_denials;       // ... answered without one
    uint64_t dmi_invalidations; // invalidate_direct_mem_ptr calls made
    uint64_t dma_reqs;          // DMA transactions issued on dma_socket
    uint64_t dma_errors;        // ... that returned an error response
    uint64_t msi_writes;        // internal MSI-X writes issued on dma_socket
    uint64_t irqs;              // external MSI-X vectors signalled
};

// The adapter as a TLM-2.0 module around one C core instance.
class vhost_pci_tlm : public sc_core::sc_module {
public:
    // Tags of the tagged target sockets: BAR number, or kCfgTag.
    static constexpr int kCfgTag = 0x100;

    tlm_utils::simple_target_socket_tagged_optional<vhost_pci_tlm> cfg_socket;
    tlm_utils::simple_target_socket_tagged_optional<vhost_pci_tlm> bar0_socket;
    tlm_utils::simple_target_socket_tagged_optional<vhost_pci_tlm> bar2_socket;
    tlm_utils::simple_target_socket_tagged_optional<vhost_pci_tlm> bar4_socket;
    tlm_utils::simple_initiator_socket<vhost_pci_tlm> dma_socket;

    SC_HAS_PROCESS(vhost_pci_tlm);
    // Creates the core with @p (nullptr: defaults, internal MSI-X, trapped
    // windows) in PCI reset state. Throws std::invalid_argument if the core
    // refuses the parameters.
    vhost_pci_tlm(sc_core::sc_module_name name, const vpci_params *p = nullptr,
                  const tlm_timing &t = tlm_timing());
    // Destroys the core: every resource it still holds goes back through the
    // master face's ->release (detach the master face first if its host is
    // gone); no DMI invalidation is sent any more.
    ~vhost_pci_tlm() override;

    // The core: master face (vpci_core_set_master, vpci_master_*), stats.
    vpci_core *core() const { return core_; }
    // Size of BAR @bar (0, 2, 4) as the core reports it.
    uint64_t bar_size(unsigned bar) const { return vpci_bar_size(core_, bar); }

    // Replace the timing annotations (between transactions).
    void set_timing(const tlm_timing &t) { timing_ = t; }
    // The timing annotations in use.
    const tlm_timing &timing() const { return timing_; }

    // External MSI-X mode: @handler is called with each vector the adapter
    // signals (from the module's DMA thread, after earlier DMA writes
    // completed); irq_event() is notified and last_irq() holds the vector.
    void set_irq_handler(std::function<void(uint16_t)> handler) { irq_handler_ = std::move(handler); }
    // Notified (delta) for each external MSI-X vector signalled.
    const sc_core::sc_event &irq_event() const { return irq_event_; }
    // The last external MSI-X vector signalled (0xffff: none yet).
    uint16_t last_irq() const { return last_irq_; }
    // External MSI-X: the platform's table masked or unmasked @vector.
    void msix_ext_mask(uint16_t vector, bool masked);
    // External MSI-X: the platform's MSI-X enable and function mask.
    void msix_ext_state(bool enabled, bool func_masked);

    // PCI reset of the function (hot reset, link down): spec §2.6.
    void pci_reset();
    // Counters.
    const tlm_stats &stats() const { return st_; }
    // True when no DMA request or MSI-X message waits in the module.
    bool dma_idle() const { return queue_.empty() && !busy_; }

private:
    struct work {
        enum kind_t { DMA, MSI, IRQ } kind;
        vpci_dma_req req; // DMA
        uint64_t addr;    // MSI
        uint32_t data;    // MSI
        uint16_t vector;  // MSI, IRQ
    };
    struct grant {
        uint64_t start, len;
        void *host;
    };

    // Target socket handlers (tag: BAR number or kCfgTag).
    void b_transport(int tag, tlm::tlm_generic_payload &gp, sc_core::sc_time &delay);
    unsigned int transport_dbg(int tag, tlm::tlm_generic_payload &gp);
    bool get_direct_mem_ptr(int tag, tlm::tlm_generic_payload &gp, tlm::tlm_dmi &dmi);
    // One access of a transaction: the core's result for @len bytes at @off.
    void access(int tag, uint64_t off, uint8_t *data, unsigned len, bool write);
    void access_enabled(int tag, uint64_t off, uint8_t *data, unsigned len, bool write,
                        const uint8_t *be, unsigned be_len, unsigned be_pos);
    void serve(int tag, tlm::tlm_generic_payload &gp);
    // Drop DMI grants that no longer have a direct pointer behind them.
    void revalidate_dmi();
    void invalidate(const grant &g);
    // The DMA thread: serves queue_ in order.
    void dma_thread();
    void push(const work &w);

    // Driver-face callbacks of the core.
    static void op_dma(void *o, const vpci_dma_req *req);
    static void op_msi(void *o, uint16_t vector, uint64_t addr, uint32_t data);
    static void op_irq(void *o, uint16_t vector);
    static void op_unmap(void *o, unsigned bar, uint64_t off, uint64_t len);

    vpci_core *core_ = nullptr;
    tlm_timing timing_;
    tlm_stats st_{};
    std::deque<work> queue_;
    bool busy_ = false;
    bool destroying_ = false; // in the destructor: no callbacks into the platform
    sc_core::sc_event work_event_;
    sc_core::sc_event irq_event_;
    uint16_t last_irq_ = 0xffff;
    std::function<void(uint16_t)> irq_handler_;
    std::vector<grant> grants_;
    tlm_utils::tlm_quantumkeeper qk_;
};

} // namespace vpci

#endif // VHOST_PCI_TLM_H
