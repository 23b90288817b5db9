// SPDX-License-Identifier: MIT
// test_tlm_replay.cpp - recorded sessions of real masters (tests/tlm/sessions:
// DPDK testpmd into the bridge's rxonly sink, a QEMU master VM on the blk
// backend; docs/session-trace.md) replayed on the core alone and on the
// virtual platform. Each replay must reproduce what the recording bridge
// reported (frames and their check, blk requests, the disk, every message
// to the master byte for byte), and the two platforms must give the same
// transcript: messages to the master and notifications, in order.
#include <cstdio>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "replay_run.h"
#include "sc_test.h"
#include "session_fmt.h"

namespace {

constexpr const char *kNet = "testpmd-rxonly.vpcirec";
constexpr const char *kBlk = "qemu-blk.vpcirec";

uint64_t U(const std::map<std::string, std::string> &kv, const char *k)
{
    auto it = kv.find(k);
    return it == kv.end() ? ~0ull : std::stoull(it->second);
}

// The replay reproduced the recording: every message, the device's figures.
void ExpectReproduces(const replay::outcome &o, const char *name)
{
    auto want = replay::read_expect(name);
    ASSERT_FALSE(want.empty()) << "no .expect file for " << name;
    ASSERT_EQ(o.err, "");
    EXPECT_EQ(o.st.send_mismatches, 0u) << o.mismatch;
    EXPECT_EQ(o.st.sends, o.st.sends_recorded);
    EXPECT_EQ(o.st.msgs, U(want, "msgs_in")) << "messages from the master";
    EXPECT_EQ(o.st.sends, U(want, "msgs_out")) << "messages to the master";
    EXPECT_EQ(o.st.sessions, 1u);
    EXPECT_EQ(o.st.refused, 0u);
    for (const auto &kv : want) {
        if (kv.first.rfind("msgs_", 0) == 0 || kv.first == "kicks" || kv.first == "disk_bytes" ||
            kv.first == "disk_fnv")
            continue;
        if (kv.first == "last_frame" || kv.first.rfind("template", 0) == 0) {
            auto f = o.frames.find(kv.first);
            ASSERT_NE(f, o.frames.end()) << "the firmware reports no " << kv.first;
            EXPECT_EQ(f->second, kv.second) << "frame contents: " << kv.first;
            continue;
        }
        auto got = o.counters.find(kv.first);
        ASSERT_NE(got, o.counters.end()) << "the firmware has no counter " << kv.first;
        EXPECT_EQ(std::to_string(got->second), kv.second) << kv.first;
    }
    if (want.count("disk_fnv")) {
        EXPECT_EQ(o.disk.size(), U(want, "disk_bytes"));
        EXPECT_EQ(replay::fnv64(o.disk), want["disk_fnv"]) << "the disk after the replay";
    }
}

void ExpectSameTranscript(const replay::outcome &vp, const replay::outcome &direct)
{
    ASSERT_EQ(vp.err, "");
    ASSERT_EQ(direct.err, "");
    EXPECT_GT(direct.t.events.size(), 5u);
    EXPECT_EQ(vp.t.events.size(), direct.t.events.size());
    for (size_t i = 0; i < vp.t.events.size() && i < direct.t.events.size(); i++)
        ASSERT_EQ(vp.t.events[i], direct.t.events[i])
            << "messages and notifications to the master differ at #" << i;
    EXPECT_EQ(vp.counters, direct.counters);
    EXPECT_EQ(vp.frames, direct.frames);
    EXPECT_TRUE(vp.disk == direct.disk) << "disk contents";
    EXPECT_GT(vp.sim_seconds, 0.0);
}

TEST(TlmReplay, TestpmdSessionOnTheCoreAloneReproducesTheRecording)
{
    replay::outcome o = replay::run_direct(replay::session_path(kNet));
    ExpectReproduces(o, kNet);
    EXPECT_GT(o.st.mem_records, 64u) << "frames and rings came from the recording";
}

TEST(TlmReplay, TestpmdSessionOnTheVpMatchesTheCoreAlone)
{
    sctest::RequireFirstElaboration();
    replay::outcome vp = replay::run_vp(replay::session_path(kNet), false);
    ExpectReproduces(vp, kNet);
    EXPECT_GT(vp.cpu.win_reads, 0u) << "window accessors: reads went through b_transport";
    ExpectSameTranscript(vp, replay::run_direct(replay::session_path(kNet)));
}

TEST(TlmReplay, QemuBlkSessionOnTheCoreAloneReproducesTheRecording)
{
    replay::outcome o = replay::run_direct(replay::session_path(kBlk));
    ExpectReproduces(o, kBlk);
}

TEST(TlmReplay, QemuBlkSessionOnTheVpMatchesTheCoreAlone)
{
    sctest::RequireFirstElaboration();
    replay::outcome vp = replay::run_vp(replay::session_path(kBlk), true);
    ExpectReproduces(vp, kBlk);
    EXPECT_GT(vp.adapter.dmi_grants, 0u) << "the firmware read master memory through DMI";
    EXPECT_GT(vp.adapter.dmi_invalidations, 0u) << "the session end withdrew the translations";
    ExpectSameTranscript(vp, replay::run_direct(replay::session_path(kBlk)));
}

// The checks above can fail: one byte of the guest's written data changed
// in the recording changes the replayed disk.
TEST(TlmReplay, ATamperedRecordingGivesAnotherDisk)
{
    std::ifstream in(replay::session_path(kBlk), std::ios::binary);
    std::vector<char> d((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(d.size(), 16u);
    // The last MEM record of 4 KiB or more: write data of the guest's pattern.
    size_t off = 16 + static_cast<size_t>(static_cast<uint8_t>(d[12]) |
                                          static_cast<uint8_t>(d[13]) << 8);
    size_t target = 0;
    while (off + VB_REC_HDR_SIZE <= d.size()) {
        uint32_t n = static_cast<uint8_t>(d[off + 4]) | static_cast<uint8_t>(d[off + 5]) << 8 |
                     static_cast<uint8_t>(d[off + 6]) << 16 |
                     static_cast<uint32_t>(static_cast<uint8_t>(d[off + 7])) << 24;
        if (d[off] == VB_REC_MEM && n >= 8 + 4096)
            target = off + VB_REC_HDR_SIZE + 8 + 100;
        off += VB_REC_HDR_SIZE + n;
    }
    ASSERT_NE(target, 0u);
    d[target] ^= 0x5a;
    std::string path = testing::TempDir() + "tampered.vpcirec";
    std::ofstream(path, std::ios::binary).write(d.data(), static_cast<std::streamsize>(d.size()));
    replay::outcome o = replay::run_direct(path);
    ASSERT_EQ(o.err, "");
    EXPECT_NE(replay::fnv64(o.disk), replay::read_expect(kBlk)["disk_fnv"]);
    std::remove(path.c_str());
}

TEST(TlmReplay, ACutRecordingIsRefusedWithItsOffset)
{
    std::ifstream in(replay::session_path(kNet), std::ios::binary);
    std::vector<char> d((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string path = testing::TempDir() + "cut.vpcirec";
    std::ofstream(path, std::ios::binary).write(d.data(), static_cast<std::streamsize>(d.size() - 3));
    replay::outcome o = replay::run_direct(path);
    EXPECT_NE(o.err.find("at offset"), std::string::npos) << o.err;
    static const char kNotOurs[20] = "VPCIXXX"; // 20 bytes: a header's size, wrong magic
    std::ofstream(path, std::ios::binary).write(kNotOurs, sizeof(kNotOurs));
    o = replay::run_direct(path);
    EXPECT_NE(o.err.find("not a vhost-pci session recording"), std::string::npos) << o.err;
    std::remove(path.c_str());
}

} // namespace
