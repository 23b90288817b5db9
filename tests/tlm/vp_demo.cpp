// SPDX-License-Identifier: MIT
// vp_demo.cpp - the virtual-platform scenario as a program (scripts/run-demo.sh
// --vp): the firmware's virtio-blk backend and its virtio-net backend
// (reflect port), each on the SystemC virtual platform of vp.h with the test
// master driving the adapter's master face; prints what happened and
// "vp result: PASS|FAIL".
//
// Usage: vpci-vp-demo [blk|net] [--reqs N] [--frames N]   (default: both,
// each in its own process: one SystemC elaboration per process)
#include <cstdio>
#include <cstdlib>
#include <string>

#include <systemc>

#include "vp_run.h"

namespace {

void Report(const char *what, const vprun::result &r)
{
    std::printf("%s: %s; simulated %.3f ms; adapter %llu DMA, %llu MSI-X writes, %llu DMI grants, "
                "%llu DMI invalidations; cpu %llu MMIO/config transactions, %llu window maps; "
                "%zu messages/notifications to the master\n",
                what, r.err.empty() ? "completed" : r.err.c_str(), r.sim_seconds * 1e3,
                (unsigned long long)r.adapter.dma_reqs, (unsigned long long)r.adapter.msi_writes,
                (unsigned long long)r.adapter.dmi_grants,
                (unsigned long long)r.adapter.dmi_invalidations, (unsigned long long)r.cpu.mmio,
                (unsigned long long)r.cpu.win_maps, r.t.events.size());
}

} // namespace

int sc_main(int argc, char **argv)
{
    std::string what;
    unsigned reqs = 500, frames = 200;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        if (a == "blk" || a == "net")
            what = a;
        else if (a == "--reqs" && i + 1 < argc)
            reqs = (unsigned)std::strtoul(argv[++i], nullptr, 0);
        else if (a == "--frames" && i + 1 < argc)
            frames = (unsigned)std::strtoul(argv[++i], nullptr, 0);
        else {
            std::printf("usage: vpci-vp-demo [blk|net] [--reqs N] [--frames N]\n");
            return a == "--help" || a == "-h" ? 0 : 2;
        }
    }
    sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
    if (what.empty()) {
        std::string base = std::string(argv[0]) + " --reqs " + std::to_string(reqs) +
                           " --frames " + std::to_string(frames);
        int a = std::system((base + " blk").c_str());
        int b = std::system((base + " net").c_str());
        bool ok = a == 0 && b == 0;
        std::printf("vp result: %s\n", ok ? "PASS" : "FAIL");
        return ok ? 0 : 1;
    }
    vprun::result r;
    if (what == "blk") {
        vp::config cfg;
        cfg.params = vprun::blk_params();
        r = vprun::blk_vp(cfg, VPF_MODE_INTERRUPT, true, reqs, 1);
        Report("blk scenario (seeded reads/writes checked against a shadow disk)", r);
    } else {
        vp::config cfg;
        cfg.params.num_vqs = 2;
        cfg.params.msix_vectors = 3;
        cfg.params.mem_win_log2 = 24;
        r = vprun::net_vp(cfg, VPF_MODE_INTERRUPT, frames);
        Report("net scenario (frames reflected, payload checked)", r);
    }
    return r.err.empty() ? 0 : 1;
}
