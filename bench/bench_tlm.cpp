// SPDX-License-Identifier: MIT
// bench_tlm.cpp - cost of the SystemC TLM-2.0 module (issue 9 "Benchmark"),
// each figure against a baseline measured in the same invocation:
//   regs    BAR0 register reads through b_transport (an initiator bound
//           straight to bar0_socket) vs. vpci_mmio_read() on a core alone;
//   window  memory window reads of 4 KiB: b_transport vs. through the DMI
//           pointer vs. memcpy from the same host buffer;
//   blk     the firmware blk scenario on the virtual platform (tests/tlm):
//           simulated time vs. wall time.
// The window translation is placed and armed with the core's internal
// functions (as the core's unit tests do) so no master session is needed.
//
// Usage: bench_tlm [micro|blk] [--iters N] [--reqs N]   (default: both)
// One SystemC elaboration per process: scripts/bench.sh tlm runs `micro`
// and `blk` as two processes.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "tlm/vhost_pci_tlm.h"
#include "vhost_pci_regs.h"
#include "vp_run.h"

extern "C" {
#include "vpci_internal.h"
}

namespace {

using clk = std::chrono::steady_clock;

double Seconds(clk::time_point a, clk::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

volatile uint64_t g_sink; // keeps the measured loops

constexpr uint64_t kWin = 8ull << 20; // one 8 MiB translation
constexpr unsigned kChunk = 4096;

// An initiator bound to the module's BAR0 and BAR2 sockets; DMA goes to a sink.
class bench_top : public sc_core::sc_module {
public:
    tlm_utils::simple_initiator_socket<bench_top> bar0, bar2;
    tlm_utils::simple_target_socket<bench_top> dma_sink;
    vpci::vhost_pci_tlm dut;
    SC_HAS_PROCESS(bench_top);
    bench_top(sc_core::sc_module_name n, unsigned long iters)
        : sc_module(n), bar0("bar0"), bar2("bar2"), dma_sink("dma_sink"), dut("dut", params()),
          iters_(iters)
    {
        bar0.bind(dut.bar0_socket);
        bar2.bind(dut.bar2_socket);
        dut.dma_socket.bind(dma_sink);
        dma_sink.register_b_transport(this, &bench_top::sink);
        SC_THREAD(run);
    }
    bool ok = true;

private:
    static const vpci_params *params()
    {
        static vpci_params p;
        vpci_params_default(&p);
        p.mem_win_log2 = 24;
        return &p;
    }
    void sink(tlm::tlm_generic_payload &gp, sc_core::sc_time &)
    {
        gp.set_response_status(tlm::TLM_OK_RESPONSE);
    }
    void run();
    unsigned long iters_;
};

// Direct core: the same register read as a function call.
double DirectRegReads(unsigned long n)
{
    vpci_driver_ops ops{};
    ops.dma = [](void *, const vpci_dma_req *) {};
    ops.msi = [](void *, uint16_t, uint64_t, uint32_t) {};
    vpci_core *c = vpci_core_create(nullptr, &ops, nullptr, nullptr, nullptr);
    vpci_cfg_write(c, VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK);
    uint64_t acc = 0;
    auto t0 = clk::now();
    for (unsigned long i = 0; i < n; i++)
        acc += vpci_mmio_read(c, 0, VPCI_ADAPTER_MAGIC_OFFSET, 4);
    auto t1 = clk::now();
    g_sink = acc;
    if (acc != (uint64_t)VPCI_MAGIC * n)
        std::fprintf(stderr, "bench: direct read returned a wrong value\n");
    vpci_core_destroy(c);
    return (double)n / Seconds(t0, t1);
}

void bench_top::run()
{
    // Registers.
    double direct = DirectRegReads(iters_);
    vpci_cfg_write(dut.core(), VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK);
    uint32_t v = 0;
    tlm::tlm_generic_payload gp;
    gp.set_data_ptr(reinterpret_cast<unsigned char *>(&v));
    gp.set_data_length(4);
    gp.set_streaming_width(4);
    gp.set_address(VPCI_ADAPTER_MAGIC_OFFSET);
    uint64_t acc = 0;
    sc_core::sc_time delay;
    auto t0 = clk::now();
    for (unsigned long i = 0; i < iters_; i++) {
        gp.set_command(tlm::TLM_READ_COMMAND);
        gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        delay = sc_core::SC_ZERO_TIME;
        bar0->b_transport(gp, delay);
        acc += v;
    }
    auto t1 = clk::now();
    g_sink = acc;
    ok &= acc == (uint64_t)VPCI_MAGIC * iters_;
    double tlm_rate = (double)iters_ / Seconds(t0, t1);
    std::printf("register read   direct %10.3g /s   b_transport %10.3g /s   ratio %.2f (target >= 0.25)\n",
                direct, tlm_rate, tlm_rate / direct);

    // Window: one armed 8 MiB translation at offset 0.
    std::vector<uint8_t> host(kWin), dst(kChunk);
    for (size_t i = 0; i < host.size(); i++)
        host[i] = (uint8_t)(i * 7);
    // A master face that ignores everything (the withdrawal releases through it).
    static const vpci_master_ops mst = [] {
        vpci_master_ops o{};
        o.notify = [](void *, vpci_notify_kind, uint16_t, uint64_t) {};
        o.send = [](void *, vpci_channel, const void *, size_t) {};
        o.close = [](void *, vpci_close_reason, const char *) {};
        o.release = [](void *, const vpci_res *) {};
        return o;
    }();
    vpci_core_set_master(dut.core(), &mst, nullptr);
    vpci_res res{VPCI_RES_MEM, host.data(), kWin, 1, 0};
    int idx = vpci_window_place(dut.core(), 0, kWin, 0x10000, &res);
    if (idx < 0) {
        ok = false;
        return;
    }
    vpci_window_arm(dut.core(), (unsigned)idx);
    unsigned passes = (unsigned)(iters_ / 4000 + 1);
    double bytes = (double)passes * (double)kWin;
    // memcpy baseline.
    t0 = clk::now();
    for (unsigned p = 0; p < passes; p++)
        for (uint64_t o = 0; o < kWin; o += kChunk) {
            memcpy(dst.data(), host.data() + o, kChunk);
            g_sink = dst[o % kChunk];
        }
    t1 = clk::now();
    double mc = bytes / Seconds(t0, t1);
    // b_transport, 4 KiB per transaction.
    gp.set_data_ptr(dst.data());
    gp.set_data_length(kChunk);
    gp.set_streaming_width(kChunk);
    t0 = clk::now();
    for (unsigned p = 0; p < passes; p++)
        for (uint64_t o = 0; o < kWin; o += kChunk) {
            gp.set_command(tlm::TLM_READ_COMMAND);
            gp.set_address(o);
            gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
            delay = sc_core::SC_ZERO_TIME;
            bar2->b_transport(gp, delay);
            g_sink = dst[o % kChunk];
        }
    t1 = clk::now();
    double bt = bytes / Seconds(t0, t1);
    ok &= memcmp(dst.data(), host.data() + kWin - kChunk, kChunk) == 0;
    // DMI.
    tlm::tlm_dmi dmi;
    gp.set_address(0);
    if (!bar2->get_direct_mem_ptr(gp, dmi) || dmi.get_end_address() != kWin - 1) {
        ok = false;
        return;
    }
    unsigned char *p0 = dmi.get_dmi_ptr();
    t0 = clk::now();
    for (unsigned p = 0; p < passes; p++)
        for (uint64_t o = 0; o < kWin; o += kChunk) {
            memcpy(dst.data(), p0 + o, kChunk);
            g_sink = dst[o % kChunk];
        }
    t1 = clk::now();
    double dm = bytes / Seconds(t0, t1);
    std::printf("window 4K reads memcpy %7.2f GB/s   DMI %7.2f GB/s (%.2fx)   b_transport %7.2f GB/s (%.2fx) (target DMI >= 0.5x)\n",
                mc / 1e9, dm / 1e9, dm / mc, bt / 1e9, bt / mc);
    ok &= std::isfinite(dm) && dm > 0 && bt > 0 && tlm_rate > 0;
    vpci_window_withdraw(dut.core(), (unsigned)idx);
    ok &= dut.stats().dmi_invalidations == 1;
}

int Micro(unsigned long iters)
{
    bench_top top("bench", iters);
    sc_core::sc_start();
    std::printf("bench: %s\n", top.ok ? "ok" : "FAILED");
    return top.ok ? 0 : 1;
}

int Blk(unsigned reqs)
{
    vp::config cfg;
    cfg.params = vprun::blk_params();
    auto t0 = clk::now();
    vprun::result r = vprun::blk_vp(cfg, VPF_MODE_INTERRUPT, true, reqs, 1, vprun::hooks());
    auto t1 = clk::now();
    double wall = Seconds(t0, t1);
    std::printf("blk scenario    %u requests   simulated %.3f ms   wall %.3f s   sim/wall %.4f   %.0f requests/s wall\n",
                reqs, r.sim_seconds * 1e3, wall, r.sim_seconds / wall, reqs / wall);
    std::printf("                adapter: %llu DMA, %llu MSI-X writes, %llu DMI grants; cpu: %llu MMIO/config transactions\n",
                (unsigned long long)r.adapter.dma_reqs, (unsigned long long)r.adapter.msi_writes,
                (unsigned long long)r.adapter.dmi_grants, (unsigned long long)r.cpu.mmio);
    std::printf("bench: %s\n", r.err.empty() ? "ok" : ("FAILED: " + r.err).c_str());
    return r.err.empty() ? 0 : 1;
}

} // namespace

int sc_main(int argc, char **argv)
{
    std::string what = "micro";
    unsigned long iters = 2000000;
    unsigned reqs = 2000;
    bool both = true;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        if (a == "micro" || a == "blk") {
            what = a;
            both = false;
        } else if (a == "--iters" && i + 1 < argc) {
            iters = std::strtoul(argv[++i], nullptr, 0);
        } else if (a == "--reqs" && i + 1 < argc) {
            reqs = (unsigned)std::strtoul(argv[++i], nullptr, 0);
        } else {
            std::printf("usage: bench_tlm [micro|blk] [--iters N] [--reqs N]\n");
            return a == "--help" || a == "-h" ? 0 : 2;
        }
    }
    sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
    if (both) {
        // One elaboration per process: run the blk part in a child process.
        std::string cmd = std::string(argv[0]) + " blk --reqs " + std::to_string(reqs);
        int rc = Micro(iters);
        std::fflush(stdout);
        return rc | (std::system(cmd.c_str()) != 0);
    }
    return what == "blk" ? Blk(reqs) : Micro(iters);
}
