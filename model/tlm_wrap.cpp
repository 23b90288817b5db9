// SPDX-License-Identifier: MIT
// tlm_wrap.cpp - the SystemC TLM-2.0 module of the vhost-pci adapter around
// the C core (tlm/vhost_pci_tlm.h; docs/spec.md §12.2; docs/tlm.md).
#include "tlm/vhost_pci_tlm.h"

#include <cstring>
#include <stdexcept>

namespace vpci {

namespace {

// Largest naturally aligned access (8, 4, 2, 1 bytes) at @off within @len.
unsigned natural_chunk(uint64_t off, uint64_t len)
{
    unsigned n = 8;
    while (n > 1 && ((off & (n - 1)) || n > len))
        n /= 2;
    return n;
}

} // namespace

vhost_pci_tlm::vhost_pci_tlm(sc_core::sc_module_name name, const vpci_params *p,
                             const tlm_timing &t)
    : sc_module(name), cfg_socket("cfg_socket"), bar0_socket("bar0_socket"),
      bar2_socket("bar2_socket"), bar4_socket("bar4_socket"), dma_socket("dma_socket"),
      timing_(t)
{
    static const vpci_driver_ops ops = [] {
        vpci_driver_ops o{};
        o.dma = op_dma;
        o.msi = op_msi;
        o.irq = op_irq;
        o.unmap = op_unmap;
        return o;
    }();
    core_ = vpci_core_create(p, &ops, this, nullptr, nullptr);
    if (!core_)
        throw std::invalid_argument("vhost_pci_tlm: the core refused the parameters");

    struct {
        tlm_utils::simple_target_socket_tagged_optional<vhost_pci_tlm> *s;
        int tag;
    } socks[] = {{&cfg_socket, kCfgTag}, {&bar0_socket, 0}, {&bar2_socket, 2}, {&bar4_socket, 4}};
    for (auto &s : socks) {
        s.s->register_b_transport(this, &vhost_pci_tlm::b_transport, s.tag);
        s.s->register_transport_dbg(this, &vhost_pci_tlm::transport_dbg, s.tag);
    }
    // DMI: the memory window only; the log window is always trapped (§8.6).
    bar2_socket.register_get_direct_mem_ptr(this, &vhost_pci_tlm::get_direct_mem_ptr, 2);
    SC_THREAD(dma_thread);
}

vhost_pci_tlm::~vhost_pci_tlm()
{
    // Pending DMA is forgotten with the core (vpci_core_destroy()). The
    // platform around may already be gone: no invalidations any more.
    destroying_ = true;
    grants_.clear();
    queue_.clear();
    vpci_core_destroy(core_);
}

// ---- driver face: what the core asks of the bus ----

void vhost_pci_tlm::push(const work &w)
{
    if (destroying_)
        return;
    queue_.push_back(w);
    work_event_.notify(sc_core::SC_ZERO_TIME);
}

void vhost_pci_tlm::op_dma(void *o, const vpci_dma_req *req)
{
    work w{};
    w.kind = work::DMA;
    w.req = *req;
    static_cast<vhost_pci_tlm *>(o)->push(w);
}

void vhost_pci_tlm::op_msi(void *o, uint16_t vector, uint64_t addr, uint32_t data)
{
    work w{};
    w.kind = work::MSI;
    w.vector = vector;
    w.addr = addr;
    w.data = data;
    static_cast<vhost_pci_tlm *>(o)->push(w);
}

void vhost_pci_tlm::op_irq(void *o, uint16_t vector)
{
    work w{};
    w.kind = work::IRQ;
    w.vector = vector;
    static_cast<vhost_pci_tlm *>(o)->push(w);
}

void vhost_pci_tlm::op_unmap(void *o, unsigned bar, uint64_t off, uint64_t len)
{
    auto *m = static_cast<vhost_pci_tlm *>(o);
    if (bar != 2 || len == 0 || m->destroying_)
        return;
    // Called before the translation's resource is released: every grant
    // inside the withdrawn range is revoked now (spec §12.2).
    for (size_t i = 0; i < m->grants_.size();) {
        const grant &g = m->grants_[i];
        if (g.start < off + len && off < g.start + g.len) {
            grant copy = g;
            m->grants_.erase(m->grants_.begin() + (long)i);
            m->invalidate(copy);
        } else {
            i++;
        }
    }
}

// Requests are served one at a time, in the order the core issued them: a
// DMA write is complete when its b_transport returned, so an MSI-X message
// (issued by the core only after earlier writes completed) is ordered after
// them (spec §5.7 rule 2).
void vhost_pci_tlm::dma_thread()
{
    qk_.reset();
    for (;;) {
        while (queue_.empty()) {
            if (qk_.get_local_time() != sc_core::SC_ZERO_TIME) {
                qk_.sync(); // going idle: catch up first (work may arrive meanwhile)
                continue;
            }
            sc_core::wait(work_event_);
        }
        work w = queue_.front();
        queue_.pop_front();
        busy_ = true;
        tlm::tlm_generic_payload gp;
        sc_core::sc_time delay = qk_.get_local_time();
        uint8_t msi_data[4];
        switch (w.kind) {
        case work::DMA:
            delay += timing_.dma_request;
            gp.set_command(w.req.dir == VPCI_DMA_WRITE ? tlm::TLM_WRITE_COMMAND
                                                       : tlm::TLM_READ_COMMAND);
            gp.set_address(w.req.addr);
            gp.set_data_ptr(static_cast<unsigned char *>(w.req.buf));
            gp.set_data_length(w.req.len);
            gp.set_streaming_width(w.req.len);
            gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
            dma_socket->b_transport(gp, delay);
            qk_.set(delay);
            st_.dma_reqs++;
            if (!gp.is_response_ok())
                st_.dma_errors++;
            vpci_dma_complete(core_, w.req.tag, gp.is_response_ok() ? VPCI_DMA_OK : VPCI_DMA_ERROR);
            break;
        case work::MSI:
            delay += timing_.msi;
            for (unsigned i = 0; i < 4; i++)
                msi_data[i] = (uint8_t)(w.data >> (8 * i));
            gp.set_command(tlm::TLM_WRITE_COMMAND);
            gp.set_address(w.addr);
            gp.set_data_ptr(msi_data);
            gp.set_data_length(4);
            gp.set_streaming_width(4);
            gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
            dma_socket->b_transport(gp, delay);
            qk_.set(delay);
            st_.msi_writes++;
            break;
        case work::IRQ:
            qk_.inc(timing_.msi);
            qk_.sync(); // the vector is an event: signal it at its time
            st_.irqs++;
            last_irq_ = w.vector;
            if (irq_handler_)
                irq_handler_(w.vector);
            irq_event_.notify(sc_core::SC_ZERO_TIME);
            break;
        }
        busy_ = false;
        if (qk_.need_sync())
            qk_.sync();
    }
}

// ---- target sockets ----

void vhost_pci_tlm::access(int tag, uint64_t off, uint8_t *data, unsigned len, bool write)
{
    if (tag == kCfgTag || tag == 0) {
        // Registers: one core access per naturally sized piece (8-byte BAR0
        // accesses are split by the core, §3.2; odd sizes get the core's
        // defined result for them: all-ones, write dropped).
        unsigned max = tag == kCfgTag ? 4 : 8;
        while (len) {
            unsigned n = len;
            if (n > max)
                n = (len % 4 == 0 && off % 4 == 0) ? 4 : max;
            uint64_t v = 0;
            if (write) {
                memcpy(&v, data, n);
                if (tag == kCfgTag)
                    vpci_cfg_write(core_, (uint32_t)off, n, (uint32_t)v);
                else
                    vpci_mmio_write(core_, 0, off, n, v);
            } else {
                v = tag == kCfgTag ? vpci_cfg_read(core_, (uint32_t)off, n)
                                   : vpci_mmio_read(core_, 0, off, n);
                memcpy(data, &v, n);
            }
            data += n;
            off += n;
            len -= n;
        }
        return;
    }
    // Windows: a fully armed memory window range is one copy; otherwise the
    // core's access path byte range by byte range (absent bytes, log OR).
    if (tag == 2) {
        if (void *p = vpci_window_ptr(core_, 2, off, len)) {
            if (write)
                memcpy(p, data, len);
            else
                memcpy(data, p, len);
            return;
        }
    }
    while (len) {
        unsigned n = natural_chunk(off, len);
        uint64_t v = 0;
        if (write) {
            memcpy(&v, data, n);
            vpci_mmio_write(core_, (unsigned)tag, off, n, v);
        } else {
            v = vpci_mmio_read(core_, (unsigned)tag, off, n);
            memcpy(data, &v, n);
        }
        data += n;
        off += n;
        len -= n;
    }
}

// Byte enables: each run of enabled bytes is one access of its own (spec
// §3.2: a partial access acts on those bytes only); disabled bytes of a read
// are left as they are.
void vhost_pci_tlm::access_enabled(int tag, uint64_t off, uint8_t *data, unsigned len, bool write,
                                   const uint8_t *be, unsigned be_len, unsigned be_pos)
{
    if (!be) {
        access(tag, off, data, len, write);
        return;
    }
    unsigned i = 0;
    while (i < len) {
        if (be[(be_pos + i) % be_len] != TLM_BYTE_ENABLED) {
            i++;
            continue;
        }
        unsigned j = i;
        while (j < len && be[(be_pos + j) % be_len] == TLM_BYTE_ENABLED)
            j++;
        access(tag, off + i, data + i, j - i, write);
        i = j;
    }
}

void vhost_pci_tlm::serve(int tag, tlm::tlm_generic_payload &gp)
{
    tlm::tlm_command cmd = gp.get_command();
    uint8_t *data = gp.get_data_ptr();
    unsigned len = gp.get_data_length();
    unsigned sw = gp.get_streaming_width();
    const uint8_t *be = gp.get_byte_enable_ptr();
    unsigned be_len = gp.get_byte_enable_length();

    if (be && be_len == 0)
        be = nullptr;
    if (sw == 0 || sw > len)
        sw = len;
    if (cmd != tlm::TLM_IGNORE_COMMAND) {
        // Streaming: each beat of @sw bytes at the same address.
        for (unsigned done = 0; done < len; done += sw) {
            unsigned n = len - done < sw ? len - done : sw;
            access_enabled(tag, gp.get_address(), data + done, n, cmd == tlm::TLM_WRITE_COMMAND, be,
                           be_len, done);
        }
    }
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

void vhost_pci_tlm::b_transport(int tag, tlm::tlm_generic_payload &gp, sc_core::sc_time &delay)
{
    bool write = gp.get_command() == tlm::TLM_WRITE_COMMAND;
    serve(tag, gp);
    if (tag == kCfgTag) {
        delay += timing_.cfg_access;
    } else if (tag == 0) {
        delay += write ? timing_.bar0_write : timing_.bar0_read;
    } else {
        delay += timing_.win_access + timing_.win_per_8_bytes * ((gp.get_data_length() + 7) / 8);
    }
    if (tag == 2) {
        uint64_t s, l;
        gp.set_dmi_allowed(vpci_window_span(core_, 2, gp.get_address(), &s, &l) != nullptr);
    }
    // MEM_EN, FLR (config) and CONTROL.RESET (BAR0) can take pointers away
    // without a withdrawal.
    if (write && (tag == kCfgTag || tag == 0))
        revalidate_dmi();
}

unsigned int vhost_pci_tlm::transport_dbg(int tag, tlm::tlm_generic_payload &gp)
{
    // Debug access: no time; config, BAR0 and the log window as b_transport
    // (their reads have no side effects but an error record for a malformed
    // access); the memory window below.
    unsigned len = gp.get_data_length();
    bool write = gp.get_command() == tlm::TLM_WRITE_COMMAND;
    if (tag == 2 && gp.get_command() != tlm::TLM_IGNORE_COMMAND) {
        // Memory window: straight through the translations, absent bytes
        // 0xff / dropped without recording WIN_ABSENT (a debugger's access
        // leaves no trace).
        uint8_t *data = gp.get_data_ptr();
        uint64_t off = gp.get_address();
        for (unsigned i = 0; i < len;) {
            uint64_t s = 0, l = 0;
            auto *host = static_cast<uint8_t *>(vpci_window_span(core_, 2, off + i, &s, &l));
            unsigned n = 1;
            if (host) {
                uint64_t run = s + l - (off + i);
                n = run < len - i ? (unsigned)run : len - i;
                if (write)
                    memcpy(host + (off + i - s), data + i, n);
                else
                    memcpy(data + i, host + (off + i - s), n);
            } else if (!write) {
                data[i] = 0xff;
            }
            i += n;
        }
        gp.set_response_status(tlm::TLM_OK_RESPONSE);
        return len;
    }
    serve(tag, gp);
    if (write && (tag == kCfgTag || tag == 0))
        revalidate_dmi();
    return gp.get_command() == tlm::TLM_IGNORE_COMMAND ? 0 : len;
}

bool vhost_pci_tlm::get_direct_mem_ptr(int tag, tlm::tlm_generic_payload &gp, tlm::tlm_dmi &dmi)
{
    uint64_t off = gp.get_address(), start = 0, len = 0;
    void *host = tag == 2 ? vpci_window_span(core_, 2, off, &start, &len) : nullptr;

    if (!host) {
        // Denied for this address only: it may become a translation later.
        dmi.set_start_address(off);
        dmi.set_end_address(off);
        dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_NONE);
        st_.dmi_denials++;
        return false;
    }
    dmi.set_dmi_ptr(static_cast<unsigned char *>(host));
    dmi.set_start_address(start);
    dmi.set_end_address(start + len - 1);
    dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_READ_WRITE);
    dmi.set_read_latency(timing_.win_access);
    dmi.set_write_latency(timing_.win_access);
    bool known = false;
    for (const grant &g : grants_)
        known |= g.start == start && g.len == len && g.host == host;
    if (!known)
        grants_.push_back(grant{start, len, host});
    st_.dmi_grants++;
    return true;
}

void vhost_pci_tlm::invalidate(const grant &g)
{
    st_.dmi_invalidations++;
    bar2_socket->invalidate_direct_mem_ptr(g.start, g.start + g.len - 1);
}

void vhost_pci_tlm::revalidate_dmi()
{
    for (size_t i = 0; i < grants_.size();) {
        const grant &g = grants_[i];
        uint64_t s = 0, l = 0;
        if (vpci_window_span(core_, 2, g.start, &s, &l) == g.host && s == g.start && l == g.len) {
            i++;
            continue;
        }
        grant copy = g;
        grants_.erase(grants_.begin() + (long)i);
        invalidate(copy);
    }
}

// ---- platform inputs ----

void vhost_pci_tlm::msix_ext_mask(uint16_t vector, bool masked)
{
    vpci_msix_ext_mask(core_, vector, masked ? 1 : 0);
}

void vhost_pci_tlm::msix_ext_state(bool enabled, bool func_masked)
{
    vpci_msix_ext_state(core_, enabled ? 1 : 0, func_masked ? 1 : 0);
}

void vhost_pci_tlm::pci_reset()
{
    vpci_core_pci_reset(core_);
    revalidate_dmi();
}

} // namespace vpci
