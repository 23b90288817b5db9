// SPDX-License-Identifier: MIT
// consumer_tlm.cpp - an outside SystemC user of the installed TLM module
// (find_package(vhost_pci) -> vhost_pci::tlm, or pkg-config vhost-pci-tlm):
// instantiates it with a memory target on its DMA socket and an initiator on
// config space and BAR0, turns memory decoding on, reads MAGIC through
// b_transport and checks it against the generated register header.
#include <cstdio>
#include <cstring>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "vhost_pci_regs.h"
#include "vhost_pci_tlm.h"

struct Memory : sc_core::sc_module {
    tlm_utils::simple_target_socket<Memory> socket{"socket"};
    explicit Memory(sc_core::sc_module_name n) : sc_module(n)
    {
        socket.register_b_transport(this, &Memory::b_transport);
    }
    void b_transport(tlm::tlm_generic_payload &gp, sc_core::sc_time &)
    {
        gp.set_response_status(tlm::TLM_OK_RESPONSE); // a sink: nothing to keep
    }
};

struct Cpu : sc_core::sc_module {
    tlm_utils::simple_initiator_socket<Cpu> cfg{"cfg"}, bar0{"bar0"};
    uint32_t magic = 0;
    SC_HAS_PROCESS(Cpu);
    explicit Cpu(sc_core::sc_module_name n) : sc_module(n) { SC_THREAD(run); }
    void access(tlm_utils::simple_initiator_socket<Cpu> &s, bool write, uint64_t off,
                uint32_t *v, unsigned len)
    {
        tlm::tlm_generic_payload gp;
        sc_core::sc_time t = sc_core::SC_ZERO_TIME;
        gp.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
        gp.set_address(off);
        gp.set_data_ptr(reinterpret_cast<unsigned char *>(v));
        gp.set_data_length(len);
        gp.set_streaming_width(len);
        gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        s->b_transport(gp, t);
    }
    void run()
    {
        uint32_t cmd = VPCI_CFG_COMMAND_MEM_EN_MASK;
        access(cfg, true, VPCI_CFG_COMMAND_OFFSET, &cmd, 2);
        access(bar0, false, VPCI_ADAPTER_MAGIC_OFFSET, &magic, 4);
    }
};

int sc_main(int, char *[])
{
    vpci::vhost_pci_tlm adapter("adapter");
    Memory mem("mem");
    Cpu cpu("cpu");
    adapter.dma_socket.bind(mem.socket);
    cpu.cfg.bind(adapter.cfg_socket);
    cpu.bar0.bind(adapter.bar0_socket);
    sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_US));
    std::printf("consumer_tlm: MAGIC=0x%08x (%s)\n", cpu.magic,
                cpu.magic == VPCI_MAGIC ? "ok" : "wrong");
    return cpu.magic == VPCI_MAGIC ? 0 : 1;
}
