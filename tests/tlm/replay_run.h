// SPDX-License-Identifier: MIT
// replay_run.h - replay a recorded session (docs/session-trace.md) on the
// core alone (direct HAL port, one thread) or on the virtual platform (the
// firmware in the CPU's SC_THREAD through the TLM HAL port, the replayer in
// the master's SC_THREAD). The firmware is the bridge's own (fw_host.c),
// built from the recording's header as the recording bridge built it; a blk
// device serves a zeroed temporary disk file of the recorded size.
#ifndef VPCI_TLM_REPLAY_RUN_H
#define VPCI_TLM_REPLAY_RUN_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "scenario.h"
#include "session_replay.h"
#include "vp.h"

namespace replay {

struct outcome {
    std::string err;                         // "" when the replay ran to its end
    scenario::transcript t;                  // messages to the master, notifications
    vpci_replay_stats st{};
    std::string mismatch;                    // first replayed != recorded message
    std::map<std::string, uint64_t> counters; // the firmware device's (fw_host_counters)
    std::vector<uint8_t> disk;               // blk: the disk at the end
    // Frames of the device's report (fw_host_report): "last_frame" and
    // "template<i>" (rxonly check templates) -> their bytes in hex.
    std::map<std::string, std::string> frames;
    double sim_seconds = 0;                  // VP: simulated time at the end
    vpci::tlm_stats adapter{};               // VP
    vpci::hal_tlm_stats cpu{};               // VP
};

// A recording by file name: in $VPCI_SESSIONS_DIR if set (a fresh capture),
// else the checked-in ones of tests/tlm/sessions/.
std::string session_path(const std::string &name);
// Its expectations file (<name without .vpcirec>.expect: key=value lines).
std::map<std::string, std::string> read_expect(const std::string &name);

// Replay @path on the core alone.
outcome run_direct(const std::string &path);
// Replay @path on the virtual platform; @win_pointers: DMI or window accessors.
outcome run_vp(const std::string &path, bool win_pointers);

// FNV-1a 64 of @d as 16 hex digits (the .expect files' disk_fnv).
std::string fnv64(const std::vector<uint8_t> &d);

} // namespace replay

#endif // VPCI_TLM_REPLAY_RUN_H
