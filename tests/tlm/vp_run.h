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

// The blk scenario on the core alone (hal_core).
result blk_direct(enum vpf_mode mode, unsigned nreq, uint64_t seed);
// The blk scenario on the VP; @win_pointers: HAL pointer (DMI) or accessor mode.
result blk_vp(const vp::config &cfg, enum vpf_mode mode, bool win_pointers, unsigned nreq,
              uint64_t seed, const hooks &h = hooks());
// The net scenario (REFLECT port) on the VP.
result net_vp(const vp::config &cfg, enum vpf_mode mode, unsigned nframes);

} // namespace vprun

#endif // VPCI_TLM_VP_RUN_H
