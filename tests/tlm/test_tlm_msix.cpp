// SPDX-License-Identifier: MIT
// test_tlm_msix.cpp - MSI-X through the TLM sockets (spec §2.3, §7.3, §7.4):
// the table and the PBA are found where the capability says; a masked
// vector sets its PBA bit and writes nothing; reading the PBA (b_transport
// and transport_dbg) changes nothing and issues no transaction; PBA writes
// are ignored; unmasking the entry or the function delivers the pending
// vector once as a 4-byte write on the adapter's initiator socket; byte
// enables and 8-byte accesses reach the table. External mode: the vector
// signal (callback and event) with platform-reported masks. Timing
// annotations per operation.
#include <gtest/gtest.h>

#include <memory>

#include "probe.h"
#include "sc_test.h"
#include "vhost_pci_regs.h"
#include "vp.h"

namespace {

constexpr uint64_t kCfg = vp::kCfgBase;
constexpr uint64_t kBar0 = vp::kBar0Base;

// The driver's steps, through the probe (b_transport, no wait).
struct Driver {
    sctest::probe &p;
    uint64_t cfg(uint32_t off, unsigned n) { return p.rd(kCfg + off, n); }
    void cfg_w(uint32_t off, unsigned n, uint64_t v) { p.wr(kCfg + off, n, v); }
    uint32_t rd(uint64_t off) { return (uint32_t)p.rd(kBar0 + off, 4); }
    void wr(uint64_t off, uint32_t v) { p.wr(kBar0 + off, 4, v); }
    // An unaligned BAR0 read records a REG_ACCESS error: INT_CAUSE.ERROR.
    void raise_error() { EXPECT_EQ(p.rd(kBar0 + 1, 4), 0xffffffffu); }
    void clear_causes()
    {
        wr(VPCI_ADAPTER_ERROR_CAUSE_OFFSET, ~0u);
        wr(VPCI_ADAPTER_INT_CAUSE_OFFSET, ~0u);
    }
};

void Settle()
{
    sc_core::wait(sc_core::sc_time(10, sc_core::SC_US)); // the adapter's DMA thread runs
}

TEST(TlmMsix, TableAndPbaThroughTheSocketsWithMasking)
{
    sctest::RequireFirstElaboration();
    vp::config cfg;
    cfg.params.msix_vectors = 4;
    vp::platform plat("vp", cfg);
    sctest::probe pr("probe");
    pr.socket.bind(plat.bus.in);
    std::vector<vp::router::trace_rec> trace;
    plat.bus.on_transaction = [&](const vp::router::trace_rec &r) { trace.push_back(r); };
    bool ran = false;
    sctest::thread t("test", [&] {
        Driver d{pr};
        auto adapter_tx = [&] {
            unsigned n = 0;
            for (const auto &r : trace)
                n += r.initiator == 1;
            return n;
        };
        d.cfg_w(VPCI_CFG_COMMAND_OFFSET, 2,
                VPCI_CFG_COMMAND_MEM_EN_MASK | VPCI_CFG_COMMAND_BUS_MASTER_MASK);
        // Table and PBA from the capability (BIR in bits 2:0).
        uint32_t tbl = (uint32_t)d.cfg(VPCI_MSIX_CAP_TBL_OFFSET, 4);
        uint32_t pba = (uint32_t)d.cfg(VPCI_MSIX_CAP_PBA_OFFSET, 4);
        ASSERT_EQ(tbl & 7u, 0u);
        ASSERT_EQ(pba & 7u, 0u);
        uint64_t T = tbl & ~7u, P = pba & ~7u;
        EXPECT_EQ(T, 0x2000u); // spec §2.3
        EXPECT_EQ(P, 0x4000u);
        uint16_t msgctl = (uint16_t)d.cfg(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2);
        EXPECT_EQ(msgctl & 0x7ffu, 3u); // TABLE_SIZE = vectors - 1
        d.cfg_w(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);

        // Entry 1: address as one 8-byte write, data with byte enables, masked.
        EXPECT_EQ(d.rd(T + 16 + 12), 1u) << "vector control resets masked";
        pr.wr(kBar0 + T + 16, 8, vp::kMsiBase + 0x40);
        EXPECT_EQ(pr.rd(kBar0 + T + 16, 8), vp::kMsiBase + 0x40);
        d.wr(T + 16 + 8, 0x11111111u);
        uint32_t data = 0x22222201u; // only byte 0 enabled: data becomes 0x11111101
        const uint8_t be[4] = {TLM_BYTE_ENABLED, TLM_BYTE_DISABLED, TLM_BYTE_DISABLED,
                               TLM_BYTE_DISABLED};
        pr.transact(true, kBar0 + T + 16 + 8, &data, 4, be, 4);
        EXPECT_EQ(d.rd(T + 16 + 8), 0x11111101u);
        d.wr(T + 16 + 8, 1); // data = vector 1 for the controller
        // Entries at or above MSIX_VECTORS are holes.
        d.wr(T + 16 * 4 + 8, 0x55);
        EXPECT_EQ(d.rd(T + 16 * 4 + 8), 0u);

        // Adapter events on vector 1, ERROR enabled while its cause is set.
        d.wr(VPCI_ADAPTER_INT_VECTOR_OFFSET, 1);
        d.raise_error();
        unsigned before = adapter_tx();
        d.wr(VPCI_ADAPTER_INT_ENABLE_OFFSET, VPCI_ADAPTER_INT_ENABLE_ERROR_MASK);
        Settle();
        EXPECT_EQ(plat.intc.received(), 0u) << "a masked vector was written";
        EXPECT_EQ(adapter_tx(), before);
        // PBA: bit 1 pending; reading it (any buffer contents, debug too)
        // writes nothing, clears nothing, sends nothing.
        for (int i = 0; i < 3; i++) {
            uint32_t v = i == 0 ? 0u : 0xffffffffu;
            pr.transact(false, kBar0 + P, &v, 4);
            EXPECT_EQ(v, 2u);
        }
        EXPECT_EQ(pr.dbg_rd(kBar0 + P, 4), 2u);
        EXPECT_EQ(pr.rd(kBar0 + P, 8), 2u);
        d.wr(P, 0);          // read-only: ignored
        d.wr(P, 0xffffffff); // no new bits either
        EXPECT_EQ(d.rd(P), 2u);
        Settle();
        EXPECT_EQ(plat.intc.received(), 0u);
        EXPECT_EQ(adapter_tx(), before) << "PBA accesses made the adapter issue transactions";

        // Unmask the entry: delivered once, as a 4-byte write of its data.
        d.wr(T + 16 + 12, 0);
        Settle();
        EXPECT_EQ(plat.intc.received(), 1u);
        EXPECT_EQ(d.rd(P), 0u);
        const vp::router::trace_rec *last = nullptr;
        for (const auto &r : trace)
            if (r.initiator == 1)
                last = &r;
        ASSERT_NE(last, nullptr);
        const auto &w = *last;
        EXPECT_TRUE(w.write);
        EXPECT_EQ(w.addr, vp::kMsiBase + 0x40);
        EXPECT_EQ(w.len, 4u);
        ASSERT_EQ(plat.intc.log().size(), 1u);
        EXPECT_EQ(plat.intc.log()[0], 1u);

        // Function mask: pending, then delivered when cleared; several sends
        // while masked collapse into one.
        d.cfg_w(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2,
                VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK | VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_MASK);
        for (int i = 0; i < 3; i++) {
            d.clear_causes();
            d.raise_error();
        }
        Settle();
        EXPECT_EQ(plat.intc.received(), 1u);
        EXPECT_EQ(d.rd(P), 2u);
        d.cfg_w(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
        Settle();
        EXPECT_EQ(plat.intc.received(), 2u);
        EXPECT_EQ(d.rd(P), 0u);
        EXPECT_EQ(plat.intc.bad(), 0u);
        ran = true;
    });
    sc_core::sc_start();
    EXPECT_TRUE(ran);
}

TEST(TlmMsix, ExternalModeSignalsVectorsWithPlatformMasks)
{
    sctest::RequireFirstElaboration();
    vp::config cfg;
    cfg.params.msix_vectors = 4;
    cfg.params.msix_mode = VPCI_MSIX_EXTERNAL;
    vp::platform plat("vp", cfg);
    sctest::probe pr("probe");
    pr.socket.bind(plat.bus.in);
    std::vector<uint16_t> got;
    plat.adapter.set_irq_handler([&](uint16_t v) { got.push_back(v); });
    unsigned events = 0;
    bool ran = false;
    sctest::thread watcher("watcher", [&] {
        for (;;) {
            sc_core::wait(plat.adapter.irq_event());
            events++;
        }
    });
    sctest::thread t("test", [&] {
        Driver d{pr};
        d.cfg_w(VPCI_CFG_COMMAND_OFFSET, 2,
                VPCI_CFG_COMMAND_MEM_EN_MASK | VPCI_CFG_COMMAND_BUS_MASTER_MASK);
        d.wr(VPCI_ADAPTER_INT_VECTOR_OFFSET, 2);
        plat.adapter.msix_ext_mask(2, true);
        d.raise_error();
        d.wr(VPCI_ADAPTER_INT_ENABLE_OFFSET, VPCI_ADAPTER_INT_ENABLE_ERROR_MASK);
        Settle();
        EXPECT_TRUE(got.empty()) << "a vector the platform masked was signalled";
        EXPECT_EQ(d.rd(VPCI_MSIX_PBA_OFFSET), 4u);
        plat.adapter.msix_ext_mask(2, false);
        Settle();
        ASSERT_EQ(got.size(), 1u);
        EXPECT_EQ(got[0], 2u);
        EXPECT_EQ(plat.adapter.last_irq(), 2u);
        EXPECT_EQ(events, 1u);
        EXPECT_EQ(plat.intc.received(), 0u) << "external mode wrote to memory";
        EXPECT_EQ(plat.adapter.stats().irqs, 1u);
        ran = true;
    });
    sc_core::sc_start();
    EXPECT_TRUE(ran);
}

} // namespace

namespace {

// Each operation adds its own configurable annotation (loosely timed); the
// window adds a per-beat cost; set_timing() takes effect at once.
TEST(TlmTiming, AnnotationsArePerOperationAndConfigurable)
{
    sctest::RequireFirstElaboration();
    vp::config cfg;
    cfg.timing.cfg_access = sc_core::sc_time(7, sc_core::SC_NS);
    cfg.timing.bar0_read = sc_core::sc_time(11, sc_core::SC_NS);
    cfg.timing.bar0_write = sc_core::sc_time(3, sc_core::SC_NS);
    cfg.timing.win_access = sc_core::sc_time(5, sc_core::SC_NS);
    cfg.timing.win_per_8_bytes = sc_core::sc_time(2, sc_core::SC_NS);
    vp::platform plat("vp", cfg);
    sctest::probe pr("probe");
    pr.socket.bind(plat.bus.in);
    bool ran = false;
    sctest::thread t("test", [&] {
        using sc_core::sc_time;
        using sc_core::SC_NS;
        pr.rd(kCfg + VPCI_CFG_COMMAND_OFFSET, 2);
        EXPECT_EQ(pr.last_delay, sc_time(7, SC_NS));
        pr.wr(kCfg + VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK);
        EXPECT_EQ(pr.last_delay, sc_time(7, SC_NS));
        pr.rd(kBar0 + VPCI_ADAPTER_MAGIC_OFFSET, 4);
        EXPECT_EQ(pr.last_delay, sc_time(11, SC_NS));
        pr.wr(kBar0 + VPCI_ADAPTER_INT_ENABLE_OFFSET, 4, 0);
        EXPECT_EQ(pr.last_delay, sc_time(3, SC_NS));
        uint8_t buf[64];
        pr.transact(false, vp::kBar2Base, buf, sizeof(buf)); // absent: still timed
        EXPECT_EQ(pr.last_delay, sc_time(5 + 8 * 2, SC_NS));
        vpci::tlm_timing tt = plat.adapter.timing();
        tt.bar0_read = sc_time(1, sc_core::SC_US);
        plat.adapter.set_timing(tt);
        pr.rd(kBar0 + VPCI_ADAPTER_MAGIC_OFFSET, 4);
        EXPECT_EQ(pr.last_delay, sc_time(1, sc_core::SC_US));
        ran = true;
    });
    sc_core::sc_start();
    EXPECT_TRUE(ran);
}

} // namespace
