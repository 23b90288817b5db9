// SPDX-License-Identifier: MIT
// hal_tlm.cpp - the TLM HAL port (hal_tlm.h): the firmware library's HAL ops
// as TLM-2.0 transactions of a CPU on the platform bus.
#include "hal_tlm.h"

#include <cstring>

#include "vhost_pci_regs.h"

namespace vpci {

hal_tlm::hal_tlm(sc_core::sc_module_name name, const hal_tlm_map &map, hal_tlm_irq_source *irq)
    : sc_module(name), socket("socket"), map_(map), irq_(irq)
{
    static const vpci_hal_ops ops = {
        op_mmio_read, op_mmio_write, op_cfg_read,  op_cfg_write, op_dma_alloc,
        op_dma_free,  op_win_map,    op_win_read,  op_win_write, op_irq_setup,
        op_irq_wait,  op_irq_poll,   op_now_ns,
    };
    hal_.ops = &ops;
    hal_.ctx = this;
    socket.register_invalidate_direct_mem_ptr(this, &hal_tlm::invalidate_direct_mem_ptr);
}

// One blocking transaction at platform address @addr; the delay goes to the
// quantum keeper, which yields when the quantum is used up.
void hal_tlm::transact(tlm::tlm_command cmd, uint64_t addr, void *data, unsigned len)
{
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(static_cast<unsigned char *>(data));
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time delay = qk_.get_local_time();
    socket->b_transport(gp, delay);
    qk_.set(delay);
    if (qk_.need_sync())
        qk_.sync();
    if (!gp.is_response_ok())
        SC_REPORT_ERROR("vpci/hal_tlm", "bus error response (unmapped address?)");

}

void hal_tlm::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end)
{
    st_.invalidations++;
    for (size_t i = 0; i < dmi_.size();) {
        if (dmi_[i].start <= end && start <= dmi_[i].end)
            dmi_.erase(dmi_.begin() + (long)i);
        else
            i++;
    }
    if (ram_ && map_.ram_base <= end && start < map_.ram_base + map_.ram_size)
        ram_ = nullptr; // asked again on the next allocation
}

uint8_t *hal_tlm::ram_ptr()
{
    if (ram_)
        return ram_;
    tlm::tlm_generic_payload gp;
    tlm::tlm_dmi dmi;
    gp.set_command(tlm::TLM_READ_COMMAND);
    gp.set_address(map_.ram_base);
    if (socket->get_direct_mem_ptr(gp, dmi) && dmi.get_start_address() <= map_.ram_base &&
        dmi.get_end_address() >= map_.ram_base + map_.ram_size - 1 && dmi.is_read_write_allowed())
        ram_ = dmi.get_dmi_ptr() + (map_.ram_base - dmi.get_start_address());
    return ram_;
}

void hal_tlm::enumerate()
{
    // As a BIOS: BAR registers (64-bit, pairs), then the library sets COMMAND.
    for (unsigned bar = 0; bar <= 4; bar += 2) {
        uint64_t a = map_.bar_base[bar];
        op_cfg_write(this, VPCI_CFG_BAR_OFFSET(bar), 4, (uint32_t)a);
        op_cfg_write(this, VPCI_CFG_BAR_OFFSET(bar + 1), 4, (uint32_t)(a >> 32));
    }
}

uint64_t hal_tlm::op_mmio_read(void *ctx, unsigned bar, uint64_t off, unsigned size)
{
    auto *h = static_cast<hal_tlm *>(ctx);
    uint64_t v = 0;
    h->st_.mmio++;
    h->transact(tlm::TLM_READ_COMMAND, h->map_.bar_base[bar] + off, &v, size);
    return v;
}

void hal_tlm::op_mmio_write(void *ctx, unsigned bar, uint64_t off, unsigned size, uint64_t val)
{
    auto *h = static_cast<hal_tlm *>(ctx);
    h->st_.mmio++;
    h->transact(tlm::TLM_WRITE_COMMAND, h->map_.bar_base[bar] + off, &val, size);
}

uint32_t hal_tlm::op_cfg_read(void *ctx, uint32_t off, unsigned size)
{
    auto *h = static_cast<hal_tlm *>(ctx);
    uint32_t v = 0;
    h->st_.mmio++;
    h->transact(tlm::TLM_READ_COMMAND, h->map_.cfg_base + off, &v, size);
    return v;
}

void hal_tlm::op_cfg_write(void *ctx, uint32_t off, unsigned size, uint32_t val)
{
    auto *h = static_cast<hal_tlm *>(ctx);
    h->st_.mmio++;
    h->transact(tlm::TLM_WRITE_COMMAND, h->map_.cfg_base + off, &val, size);
}

void *hal_tlm::op_dma_alloc(void *ctx, size_t size, size_t align, uint64_t *bus)
{
    auto *h = static_cast<hal_tlm *>(ctx);
    uint8_t *ram = h->ram_ptr();
    if (!ram)
        return nullptr;
    if (align < 8)
        align = 8;
    if (align & (align - 1))
        return nullptr;
    size_t at = (h->brk_ + align - 1) & ~(align - 1);
    if (at > h->map_.ram_size || size > h->map_.ram_size - at)
        return nullptr;
    h->brk_ = at + size;
    memset(ram + at, 0, size);
    *bus = h->map_.ram_base + at;
    return ram + at;
}

void hal_tlm::op_dma_free(void *ctx, void *ptr, size_t size)
{
    auto *h = static_cast<hal_tlm *>(ctx);
    // Bump allocator: freeing the most recent block(s) rewinds.
    if (ptr && h->ram_ && static_cast<uint8_t *>(ptr) + size == h->ram_ + h->brk_)
        h->brk_ = (size_t)(static_cast<uint8_t *>(ptr) - h->ram_);
}

void *hal_tlm::op_win_map(void *ctx, unsigned bar, uint64_t off, uint64_t len)
{
    auto *h = static_cast<hal_tlm *>(ctx);
    if (!h->win_pointers_ || bar != 2 || len == 0) {
        h->st_.win_map_denied++;
        return nullptr;
    }
    uint64_t a = h->map_.bar_base[2] + off, last = a + len - 1;
    for (const dmi_grant &g : h->dmi_) {
        if (g.start <= a && last <= g.end) {
            h->st_.win_maps++;
            return g.ptr + (a - g.start);
        }
    }
    tlm::tlm_generic_payload gp;
    tlm::tlm_dmi dmi;
    gp.set_command(tlm::TLM_READ_COMMAND);
    gp.set_address(a);
    if (h->socket->get_direct_mem_ptr(gp, dmi) && dmi.is_read_write_allowed() &&
        dmi.get_start_address() <= a && last <= dmi.get_end_address()) {
        h->dmi_.push_back(dmi_grant{dmi.get_start_address(), dmi.get_end_address(), dmi.get_dmi_ptr()});
        h->st_.win_maps++;
        return dmi.get_dmi_ptr() + (a - dmi.get_start_address());
    }
    h->st_.win_map_denied++;
    return nullptr;
}

void hal_tlm::op_win_read(void *ctx, unsigned bar, uint64_t off, void *dst, size_t len)
{
    auto *h = static_cast<hal_tlm *>(ctx);
    h->st_.win_reads++;
    h->transact(tlm::TLM_READ_COMMAND, h->map_.bar_base[bar] + off, dst, (unsigned)len);
}

void hal_tlm::op_win_write(void *ctx, unsigned bar, uint64_t off, const void *src, size_t len)
{
    auto *h = static_cast<hal_tlm *>(ctx);
    h->st_.win_writes++;
    // The payload's data pointer is not const; a write does not modify it.
    h->transact(tlm::TLM_WRITE_COMMAND, h->map_.bar_base[bar] + off, const_cast<void *>(src),
                (unsigned)len);
}

unsigned hal_tlm::op_irq_setup(void *ctx, unsigned nvec)
{
    auto *h = static_cast<hal_tlm *>(ctx);
    uint32_t msgctl = op_cfg_read(h, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2);
    unsigned tsize = ((msgctl & VPCI_MSIX_CAP_MSGCTL_TABLE_SIZE_MASK) >>
                      VPCI_MSIX_CAP_MSGCTL_TABLE_SIZE_SHIFT) + 1;
    if (nvec > tsize)
        nvec = tsize;
    if (nvec == 0) {
        op_cfg_write(h, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, msgctl & ~(uint32_t)VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
        return 0;
    }
    // The table's place comes from the capability (BIR in bits 2:0), as an OS finds it.
    uint32_t tbl = op_cfg_read(h, VPCI_MSIX_CAP_TBL_OFFSET, 4);
    unsigned bir = tbl & 7u;
    uint64_t base = tbl & ~7u;
    op_cfg_write(h, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2,
                 msgctl | VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_MASK | VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
    for (unsigned v = 0; v < nvec; v++) {
        uint64_t e = base + 16ull * v;
        op_mmio_write(h, bir, e + 0, 4, (uint32_t)h->map_.msi_addr);
        op_mmio_write(h, bir, e + 4, 4, (uint32_t)(h->map_.msi_addr >> 32));
        op_mmio_write(h, bir, e + 8, 4, v);
        op_mmio_write(h, bir, e + 12, 4, 0); // unmask
    }
    msgctl = op_cfg_read(h, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2);
    op_cfg_write(h, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2,
                 (msgctl | VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK) &
                     ~(uint32_t)VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_MASK);
    return nvec;
}

unsigned hal_tlm::op_irq_wait(void *ctx, uint32_t timeout_ms, uint64_t *pending, unsigned nwords)
{
    auto *h = static_cast<hal_tlm *>(ctx);
    h->st_.irq_waits++;
    h->qk_.sync(); // interrupts are seen at the current simulated time
    unsigned n = h->irq_->take(pending, nwords);
    if (n)
        return n;
    if (timeout_ms)
        sc_core::wait(sc_core::sc_time((double)timeout_ms, sc_core::SC_MS), h->irq_->irq_event());
    else
        sc_core::wait(sc_core::sc_time(100, sc_core::SC_NS)); // a zero wait still lets time pass
    return h->irq_->take(pending, nwords);
}

unsigned hal_tlm::op_irq_poll(void *ctx, uint64_t *pending, unsigned nwords)
{
    auto *h = static_cast<hal_tlm *>(ctx);
    // A poll costs time, so a polling loop lets the rest of the platform run.
    h->qk_.inc(sc_core::sc_time(50, sc_core::SC_NS));
    if (h->qk_.need_sync())
        h->qk_.sync();
    return h->irq_->take(pending, nwords);
}

uint64_t hal_tlm::op_now_ns(void *ctx)
{
    auto *h = static_cast<hal_tlm *>(ctx);
    return (uint64_t)((sc_core::sc_time_stamp() + h->qk_.get_local_time()).value() /
                      (sc_core::sc_time(1, sc_core::SC_NS).value()));
}

} // namespace vpci
