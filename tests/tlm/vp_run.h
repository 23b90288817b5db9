// SPDX-License-Identifier: MIT
// vp_run.h - run the scenarios of scenario.h on the virtual platform (the
// firmware in the CPU's SC_THREAD through the TLM HAL port, the test master
// in another SC_THREAD) or on the core alone (direct HAL port, one thread).
// A VP run elaborates and simulates: once per process.
#ifndef VPCI_TLM_VP_RUN_H
#define VPCI_TLM_VP_RUN_H

#include <functional>
#include <string>

#include "scenario.h"
#include "vp.h"

namespace vprun {

// Adapter parameters both platforms use for the blk scenario.
vpci_params blk_params();
constexpr uint64_t kRegion = 8ull << 20; // master memory: two regions

struct result {
    std::string err;          // "" on success
    scenario::transcript t;
    double sim_seconds = 0;   // simulated time at the end (VP)
    vpci::tlm_stats adapter{};
    vpci::hal_tlm_stats cpu{};
    uint64_t msis = 0;        // MSI writes received by the controller (VP)
};

// Hooks into a VP run: called after elaboration of the platform (router
// trace, timing), and with the platform at the end (checks).
struct hooks {
    std::function<void(vp::platform &, test_master &)> setup;
    std::function<void(vp::platform &, test_master &)> finish;
    // In the master's thread, see scenario::run_blk().
    std::function<std::string(vp::platform &, test_master &, const char *phase)> phase;
};

// The two threads of a VP run: the firmware on the CPU (start, then steps
// until the master side is done, then stop), the master beside it; the
// simulation stops when both are done. err = what the master side returned.
class session : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(session);
    session(sc_core::sc_module_name name, vp::platform &plat, std::function<void()> fw_start,
            std::function<void()> fw_step, std::function<void()> fw_stop,
            std::function<std::string()> master)
        : sc_module(name), plat_(plat), fw_start_(std::move(fw_start)),
          fw_step_(std::move(fw_step)), fw_stop_(std::move(fw_stop)), master_(std::move(master))
    {
        SC_THREAD(firmware);
        SC_THREAD(master_side);
    }
    std::string err;

private:
    void firmware()
    {
        plat_.cpu.enumerate();
        fw_start_();
        started_ = true;
        started_ev_.notify(sc_core::SC_ZERO_TIME);
        while (!stop_)
            fw_step_();
        fw_stop_(); // the firmware's teardown makes transactions: in this thread
        stopped_ev_.notify(sc_core::SC_ZERO_TIME);
    }
    void master_side()
    {
        if (!started_)
            sc_core::wait(started_ev_);
        err = master_();
        stop_ = true;
        sc_core::wait(stopped_ev_);
        sc_core::sc_stop();
    }
    vp::platform &plat_;
    std::function<void()> fw_start_, fw_step_, fw_stop_;
    std::function<std::string()> master_;
    bool started_ = false, stop_ = false;
    sc_core::sc_event started_ev_, stopped_ev_;
};

// The blk scenario on the core alone (hal_core).
result blk_direct(enum vpf_mode mode, unsigned nreq, uint64_t seed);
// The blk scenario on the VP; @win_pointers: HAL pointer (DMI) or accessor mode.
result blk_vp(const vp::config &cfg, enum vpf_mode mode, bool win_pointers, unsigned nreq,
              uint64_t seed, const hooks &h = hooks());
// The net scenario (REFLECT port) on the VP.
result net_vp(const vp::config &cfg, enum vpf_mode mode, unsigned nframes);

} // namespace vprun

#endif // VPCI_TLM_VP_RUN_H
