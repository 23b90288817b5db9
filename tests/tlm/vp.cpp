// SPDX-License-Identifier: MIT
// vp.cpp - the virtual platform of vp.h.
#include "vp.h"

#include <cstdio>
#include <cstring>

namespace vp {

// ---- router ----

router::router(sc_core::sc_module_name name) : sc_module(name), in("in"), out("out")
{
    in.register_b_transport(this, &router::b_transport);
    in.register_transport_dbg(this, &router::transport_dbg);
    in.register_get_direct_mem_ptr(this, &router::get_direct_mem_ptr);
    out.register_invalidate_direct_mem_ptr(this, &router::invalidate_direct_mem_ptr);
}

void router::map(uint64_t base, uint64_t size, unsigned port)
{
    map_.push_back(entry{base, size, port});
}

const router::entry *router::decode(uint64_t addr) const
{
    for (const entry &e : map_)
        if (addr >= e.base && addr - e.base < e.size)
            return &e;
    return nullptr;
}

void router::b_transport(int id, tlm::tlm_generic_payload &gp, sc_core::sc_time &delay)
{
    uint64_t addr = gp.get_address();
    const entry *e = decode(addr);
    if (!e || gp.get_data_length() > e->size - (addr - e->base)) {
        gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    trace_rec r{(unsigned)id, gp.get_command() == tlm::TLM_WRITE_COMMAND, addr,
                gp.get_data_length(), sc_core::sc_time_stamp() + delay, {}, seq_++, 0};
    gp.set_address(addr - e->base);
    out[e->port]->b_transport(gp, delay);
    gp.set_address(addr);
    r.end = sc_core::sc_time_stamp() + delay;
    r.seq_end = seq_++;
    if (on_transaction)
        on_transaction(r);
}

unsigned int router::transport_dbg(int, tlm::tlm_generic_payload &gp)
{
    uint64_t addr = gp.get_address();
    const entry *e = decode(addr);
    if (!e)
        return 0;
    gp.set_address(addr - e->base);
    unsigned n = out[e->port]->transport_dbg(gp);
    gp.set_address(addr);
    return n;
}

bool router::get_direct_mem_ptr(int, tlm::tlm_generic_payload &gp, tlm::tlm_dmi &dmi)
{
    uint64_t addr = gp.get_address();
    const entry *e = decode(addr);
    if (!e)
        return false;
    gp.set_address(addr - e->base);
    bool ok = out[e->port]->get_direct_mem_ptr(gp, dmi);
    gp.set_address(addr);
    // Back to platform addresses, clipped to the mapping.
    uint64_t s = dmi.get_start_address(), end = dmi.get_end_address();
    if (end > e->size - 1)
        end = e->size - 1;
    if (ok && s > end)
        return false;
    dmi.set_start_address(e->base + s);
    dmi.set_end_address(e->base + end);
    return ok;
}

void router::invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end)
{
    for (const entry &e : map_) {
        if ((int)e.port != port || start >= e.size)
            continue;
        uint64_t last = end < e.size - 1 ? end : e.size - 1;
        for (unsigned i = 0; i < in.size(); i++)
            in[i]->invalidate_direct_mem_ptr(e.base + start, e.base + last);
    }
}

// ---- memory ----

memory::memory(sc_core::sc_module_name name, uint64_t size)
    : sc_module(name), socket("socket"), mem_(size, 0)
{
    socket.register_b_transport(this, &memory::b_transport);
    socket.register_transport_dbg(this, &memory::transport_dbg);
    socket.register_get_direct_mem_ptr(this, &memory::get_direct_mem_ptr);
}

void memory::b_transport(tlm::tlm_generic_payload &gp, sc_core::sc_time &delay)
{
    uint64_t a = gp.get_address();
    unsigned len = gp.get_data_length();
    if (a >= mem_.size() || len > mem_.size() - a || gp.get_byte_enable_ptr() ||
        gp.get_streaming_width() < len) {
        gp.set_response_status(a >= mem_.size() ? tlm::TLM_ADDRESS_ERROR_RESPONSE
                                                : tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    if (gp.is_write())
        memcpy(&mem_[a], gp.get_data_ptr(), len);
    else if (gp.is_read())
        memcpy(gp.get_data_ptr(), &mem_[a], len);
    delay += latency;
    gp.set_dmi_allowed(true);
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned int memory::transport_dbg(tlm::tlm_generic_payload &gp)
{
    uint64_t a = gp.get_address();
    unsigned len = gp.get_data_length();
    if (a >= mem_.size())
        return 0;
    if (len > mem_.size() - a)
        len = (unsigned)(mem_.size() - a);
    if (gp.is_write())
        memcpy(&mem_[a], gp.get_data_ptr(), len);
    else if (gp.is_read())
        memcpy(gp.get_data_ptr(), &mem_[a], len);
    return len;
}

bool memory::get_direct_mem_ptr(tlm::tlm_generic_payload &, tlm::tlm_dmi &dmi)
{
    dmi.set_dmi_ptr(mem_.data());
    dmi.set_start_address(0);
    dmi.set_end_address(mem_.size() - 1);
    dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_READ_WRITE);
    dmi.set_read_latency(latency);
    dmi.set_write_latency(latency);
    return true;
}

// ---- MSI controller ----

msi_intc::msi_intc(sc_core::sc_module_name name) : sc_module(name), socket("socket")
{
    socket.register_b_transport(this, &msi_intc::b_transport);
}

void msi_intc::b_transport(tlm::tlm_generic_payload &gp, sc_core::sc_time &delay)
{
    uint32_t v = 0;
    if (gp.is_write() && gp.get_data_length() == 4 && !gp.get_byte_enable_ptr()) {
        memcpy(&v, gp.get_data_ptr(), 4);
        if (v < 64 * 8) {
            pending_[v / 64] |= 1ull << (v % 64);
            received_++;
            log_.push_back(v);
            ev_.notify(delay); // seen by the CPU at the write's time
        } else {
            bad_++;
        }
    } else {
        bad_++;
    }
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned msi_intc::take(uint64_t *pending, unsigned nwords)
{
    unsigned n = 0;
    for (unsigned w = 0; w < 8 && w < nwords; w++) {
        if (!pending_[w])
            continue;
        pending[w] |= pending_[w];
        n += (unsigned)__builtin_popcountll(pending_[w]);
        pending_[w] = 0;
    }
    return n;
}

// ---- platform ----

namespace {

vpci::hal_tlm_map cpu_map(const config &cfg)
{
    vpci::hal_tlm_map m{};
    m.cfg_base = kCfgBase;
    m.bar_base[0] = kBar0Base;
    m.bar_base[2] = kBar2Base;
    m.bar_base[4] = kBar4Base;
    m.ram_base = kRamBase;
    m.ram_size = cfg.ram_size;
    m.msi_addr = kMsiBase;
    return m;
}

} // namespace

platform::platform(sc_core::sc_module_name name, const config &cfg)
    : sc_module(name), bus("bus"), ram("ram", cfg.ram_size), intc("intc"),
      adapter("adapter", &cfg.params, cfg.timing), cpu("cpu", cpu_map(cfg), &intc)
{
    tlm::tlm_global_quantum::instance().set(cfg.quantum);
    cpu.socket.bind(bus.in);              // initiator 0
    adapter.dma_socket.bind(bus.in);      // initiator 1
    bus.out.bind(ram.socket);             // port 0
    bus.out.bind(intc.socket);            // port 1
    bus.out.bind(adapter.cfg_socket);     // port 2
    bus.out.bind(adapter.bar0_socket);    // port 3
    bus.out.bind(adapter.bar2_socket);    // port 4
    bus.out.bind(adapter.bar4_socket);    // port 5
    bus.map(kRamBase, cfg.ram_size, 0);
    bus.map(kMsiBase, kMsiSize, 1);
    bus.map(kCfgBase, 0x1000, 2);
    bus.map(kBar0Base, adapter.bar_size(0), 3);
    bus.map(kBar2Base, adapter.bar_size(2), 4);
    bus.map(kBar4Base, adapter.bar_size(4), 5);
}

// ---- reports ----

namespace {

unsigned g_reports = 0;

void count_reports(const sc_core::sc_report &rep, const sc_core::sc_actions &actions)
{
    if (rep.get_severity() >= sc_core::SC_WARNING) {
        g_reports++;
        fprintf(stderr, "SystemC %s counted as a test failure: %s\n",
                rep.get_severity() == sc_core::SC_WARNING ? "warning" : "error", rep.get_msg());
    }
    sc_core::sc_report_handler::default_handler(rep, actions);
}

} // namespace

void install_report_handler()
{
    sc_core::sc_report_handler::set_handler(count_reports);
    // Errors stop the simulation (an exception out of sc_start), warnings
    // are displayed and counted.
    sc_core::sc_report_handler::set_actions(sc_core::SC_ERROR, sc_core::SC_DISPLAY | sc_core::SC_THROW);
    sc_core::sc_report_handler::set_actions(sc_core::SC_WARNING, sc_core::SC_DISPLAY);
}

unsigned reports()
{
    return g_reports;
}

} // namespace vp
