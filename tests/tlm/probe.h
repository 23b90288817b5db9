// SPDX-License-Identifier: MIT
// probe.h - a test initiator on the platform bus: b_transport without
// waiting (zero delay), DMI requests with a grant cache that
// invalidate_direct_mem_ptr empties, and a shared event log that records
// each invalidation (tests compare it with the master's releases).
#ifndef VPCI_TLM_PROBE_H
#define VPCI_TLM_PROBE_H

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

namespace sctest {

class probe : public sc_core::sc_module {
public:
    tlm_utils::simple_initiator_socket<probe> socket;
    std::vector<std::string> *log = nullptr; // "inval <start> <end>" appended
    unsigned dmi_reads = 0;                  // reads served from a cached grant
    sc_core::sc_time last_delay;             // annotation of the last transact()

    explicit probe(sc_core::sc_module_name name) : sc_module(name), socket("socket")
    {
        socket.register_invalidate_direct_mem_ptr(this, &probe::invalidate);
    }
    // One b_transport of @len bytes (optionally with byte enables).
    tlm::tlm_response_status transact(bool write, uint64_t addr, void *data, unsigned len,
                                      const uint8_t *be = nullptr, unsigned be_len = 0)
    {
        tlm::tlm_generic_payload gp;
        gp.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
        gp.set_address(addr);
        gp.set_data_ptr(static_cast<unsigned char *>(data));
        gp.set_data_length(len);
        gp.set_streaming_width(len);
        gp.set_byte_enable_ptr(const_cast<uint8_t *>(be));
        gp.set_byte_enable_length(be_len);
        gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        sc_core::sc_time t = sc_core::SC_ZERO_TIME;
        socket->b_transport(gp, t);
        last_delay = t;
        return gp.get_response_status();
    }
    uint64_t rd(uint64_t addr, unsigned len)
    {
        uint64_t v = 0;
        transact(false, addr, &v, len);
        return v;
    }
    void wr(uint64_t addr, unsigned len, uint64_t v) { transact(true, addr, &v, len); }
    // transport_dbg read.
    uint64_t dbg_rd(uint64_t addr, unsigned len)
    {
        uint64_t v = 0;
        tlm::tlm_generic_payload gp;
        gp.set_command(tlm::TLM_READ_COMMAND);
        gp.set_address(addr);
        gp.set_data_ptr(reinterpret_cast<unsigned char *>(&v));
        gp.set_data_length(len);
        gp.set_streaming_width(len);
        socket->transport_dbg(gp);
        return v;
    }
    // Ask for DMI at @addr; on a grant it is cached. Returns the pointer for
    // @addr or nullptr.
    uint8_t *dmi(uint64_t addr, tlm::tlm_dmi *out = nullptr)
    {
        tlm::tlm_generic_payload gp;
        tlm::tlm_dmi d;
        gp.set_command(tlm::TLM_READ_COMMAND);
        gp.set_address(addr);
        if (!socket->get_direct_mem_ptr(gp, d))
            return nullptr;
        grants_.push_back(d);
        if (out)
            *out = d;
        return d.get_dmi_ptr() + (addr - d.get_start_address());
    }
    // Read through a cached grant if there is one, else b_transport (a
    // correct initiator never uses a pointer after its invalidation).
    void read(uint64_t addr, void *dst, unsigned len)
    {
        for (const tlm::tlm_dmi &d : grants_) {
            if (d.get_start_address() <= addr && addr + len - 1 <= d.get_end_address()) {
                memcpy(dst, d.get_dmi_ptr() + (addr - d.get_start_address()), len);
                dmi_reads++;
                return;
            }
        }
        transact(false, addr, dst, len);
    }
    size_t cached() const { return grants_.size(); }

private:
    void invalidate(sc_dt::uint64 start, sc_dt::uint64 end)
    {
        if (log)
            log->push_back("inval " + std::to_string(start) + " " + std::to_string(end));
        for (size_t i = 0; i < grants_.size();) {
            if (grants_[i].get_start_address() <= end && start <= grants_[i].get_end_address())
                grants_.erase(grants_.begin() + (long)i);
            else
                i++;
        }
    }
    std::vector<tlm::tlm_dmi> grants_;
};

} // namespace sctest

#endif // VPCI_TLM_PROBE_H
