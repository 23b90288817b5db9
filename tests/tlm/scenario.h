// SPDX-License-Identifier: MIT
// scenario.h - the blk and net scenarios the TLM tests run: one session of
// the test master (tests/firmware/test_master.h) against a firmware device,
// on any platform. The caller attached the test master to the core, set its
// pump (how the firmware makes progress while the master waits) and runs
// the firmware; the scenario records what the master observes.
#ifndef VPCI_TLM_SCENARIO_H
#define VPCI_TLM_SCENARIO_H

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "blk.h"
#include "test_master.h"

namespace scenario {

// What the master saw: every message to it (channel, bytes), every
// notification (kind, vq), in order; and the disk at the end (blk).
struct transcript {
    std::vector<std::string> events;
    std::vector<uint8_t> disk;
};

// Observers that append to the transcript @ctx (also the replay's).
void on_message(void *ctx, enum vpci_channel chan, const void *msg, size_t len);
void on_notify(void *ctx, enum vpci_notify_kind kind, uint16_t vq);

// Start recording into @t (sets m's observers).
void record(test_master *m, transcript *t);

// Disk of the blk scenario and device options for it (RAM disk, @mode).
constexpr uint64_t kBlkDisk = 1ull << 20;
vpf_blk_opts blk_opts(enum vpf_mode mode);

// The blk scenario: connect, negotiate, memory table, one request queue;
// @nreq seeded reads and writes (one at a time, reads checked against a
// shadow disk), GET_ID, FLUSH, stop the ring, disconnect. Returns "" on
// success, else what went wrong. @b: the device (for its disk). @hook, if
// set, runs in the master's context with "before_disconnect" and
// "after_disconnect"; a non-empty answer fails the scenario.
std::string run_blk(test_master *m, vpf_blk *b, unsigned nreq, uint64_t seed, transcript *t,
                    const std::function<std::string(const char *phase)> &hook = {});

// The net scenario against a REFLECT port: connect, negotiate, memory
// table, RX and TX rings, RX buffers; @nframes frames of varying length sent
// and each received back with source and destination MAC swapped. Returns
// "" on success.
std::string run_net_reflect(test_master *m, unsigned nframes, transcript *t);

} // namespace scenario

#endif // VPCI_TLM_SCENARIO_H
