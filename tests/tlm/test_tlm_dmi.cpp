// SPDX-License-Identifier: MIT
// test_tlm_dmi.cpp - DMI on the memory window (spec §8.7, §12.2): a grant
// covers one armed translation; it is invalidated when MEM_EN is cleared and
// when the master's session ends, before the master's release of the
// translation's memory; afterwards the initiator's stale pointer is never
// used (its cache is empty, new requests are denied) and window accesses get
// the absent result (0xff, WIN_ABSENT) through b_transport.
#include <gtest/gtest.h>

#include <memory>

#include "probe.h"
#include "sc_test.h"
#include "vhost_pci_regs.h"
#include "vp_run.h"

namespace {

std::vector<std::string> *g_log; // the test's event log (master releases)

TEST(TlmDmi, WithdrawalInvalidatesBeforeReleaseAndStalePointersAreNeverUsed)
{
    sctest::RequireFirstElaboration();
    vp::config cfg;
    cfg.params = vprun::blk_params();
    std::vector<std::string> log;
    sctest::probe *pr = nullptr;
    std::unique_ptr<sctest::probe> owner;
    size_t log_at_disconnect = 0;
    uint64_t absent_before = 0;
    bool checked_after = false;

    vprun::hooks h;
    h.setup = [&](vp::platform &plat, test_master &m) {
        owner.reset(new sctest::probe("probe"));
        pr = owner.get();
        pr->socket.bind(plat.bus.in); // initiator 2
        pr->log = &log;
        // observe_ctx belongs to the scenario's transcript: the log is reached
        // through g_log.
        g_log = &log;
        m.on_release = [](void *, const vpci_res *r) {
            if (r->kind == VPCI_RES_MEM)
                g_log->push_back("release mem");
        };
    };
    h.phase = [&](vp::platform &plat, test_master &m, const char *phase) -> std::string {
        const uint64_t win = vp::kBar2Base;
        if (std::string(phase) == "before_disconnect") {
            tlm::tlm_dmi d;
            uint8_t *p = pr->dmi(win, &d);
            EXPECT_NE(p, nullptr);
            if (!p)
                return "no DMI grant on an armed translation";
            // One grant = the whole translation of region 0 (first fit: offset 0).
            EXPECT_EQ(d.get_start_address(), win);
            EXPECT_EQ(d.get_end_address(), win + vprun::kRegion - 1);
            EXPECT_TRUE(d.is_read_write_allowed());
            // The pointer reaches the master's memory (gpa 0x800, unused by the rings).
            memcpy(p + 0x800, "dmi!", 4);
            EXPECT_EQ(memcmp(tm_gpa(&m, 0x800), "dmi!", 4), 0);
            // MEM_EN = 0 takes direct access away: invalidated, denied, all-ones.
            uint64_t cmd = pr->rd(vp::kCfgBase + VPCI_CFG_COMMAND_OFFSET, 2);
            size_t n = log.size();
            pr->wr(vp::kCfgBase + VPCI_CFG_COMMAND_OFFSET, 2, cmd & ~(uint64_t)VPCI_CFG_COMMAND_MEM_EN_MASK);
            EXPECT_GT(log.size(), n) << "no invalidation when MEM_EN was cleared";
            EXPECT_EQ(pr->cached(), 0u);
            EXPECT_EQ(pr->dmi(win), nullptr);
            EXPECT_EQ(pr->rd(win + 0x800, 4), 0xffffffffu);
            pr->wr(vp::kCfgBase + VPCI_CFG_COMMAND_OFFSET, 2, cmd);
            EXPECT_NE(pr->dmi(win, &d), nullptr);
            uint32_t v = 0;
            pr->read(win + 0x800, &v, 4);
            EXPECT_EQ(memcmp(&v, "dmi!", 4), 0);
            EXPECT_EQ(pr->dmi_reads, 1u);
            vpci_stats st;
            vpci_core_stats(plat.adapter.core(), &st);
            absent_before = st.win_absent;
            log_at_disconnect = log.size();
        } else {
            checked_after = true;
            // Every release of master memory came after an invalidation of the
            // window, and the probe's grant went with the first one.
            std::vector<std::string> tail(log.begin() + (long)log_at_disconnect, log.end());
            size_t first_release = tail.size(), first_inval = tail.size();
            for (size_t i = 0; i < tail.size(); i++) {
                if (tail[i] == "release mem" && first_release == tail.size())
                    first_release = i;
                if (tail[i].rfind("inval ", 0) == 0 && first_inval == tail.size())
                    first_inval = i;
            }
            EXPECT_LT(first_release, tail.size()) << "no memory release at disconnect";
            EXPECT_LT(first_inval, first_release) << "memory released before DMI was invalidated";
            EXPECT_EQ(pr->cached(), 0u) << "the probe still holds a grant";
            // The stale pointer is not handed out again, and accesses are absent.
            EXPECT_EQ(pr->dmi(win), nullptr);
            uint32_t v = 0;
            pr->read(win + 0x800, &v, 4);
            EXPECT_EQ(v, 0xffffffffu);
            EXPECT_EQ(pr->dmi_reads, 1u) << "a read after the invalidation used DMI";
            vpci_stats st;
            vpci_core_stats(plat.adapter.core(), &st);
            EXPECT_GT(st.win_absent, absent_before) << "the read did not reach the adapter";
            EXPECT_TRUE(pr->rd(vp::kBar0Base + VPCI_ADAPTER_ERROR_CAUSE_OFFSET, 4) &
                        VPCI_ADAPTER_ERROR_CAUSE_WIN_ABSENT_MASK);
        }
        return "";
    };
    vprun::result r = vprun::blk_vp(cfg, VPF_MODE_INTERRUPT, true, 8, 3, h);
    EXPECT_EQ(r.err, "");
    EXPECT_TRUE(checked_after);
    EXPECT_GE(r.adapter.dmi_invalidations, 2u);
}

} // namespace

namespace {

// transport_dbg on the memory window reaches the translation and leaves no
// trace for absent bytes (no WIN_ABSENT), unlike b_transport.
TEST(TlmDmi, DebugAccessOfTheWindowLeavesNoTrace)
{
    sctest::RequireFirstElaboration();
    vp::config cfg;
    cfg.params = vprun::blk_params();
    std::unique_ptr<sctest::probe> pr;
    vprun::hooks h;
    h.setup = [&](vp::platform &plat, test_master &) {
        pr.reset(new sctest::probe("probe"));
        pr->socket.bind(plat.bus.in);
    };
    h.phase = [&](vp::platform &plat, test_master &m, const char *phase) -> std::string {
        if (std::string(phase) != "before_disconnect")
            return "";
        memcpy(tm_gpa(&m, 0x900), "dbg!", 4);
        uint32_t v = (uint32_t)pr->dbg_rd(vp::kBar2Base + 0x900, 4);
        EXPECT_EQ(memcmp(&v, "dbg!", 4), 0);
        vpci_stats st;
        vpci_core_stats(plat.adapter.core(), &st);
        uint64_t absent = st.win_absent;
        // Window offset 40 MiB is absent: region 0 sits at 0, region 1 at 8 MiB
        // (first fit, 8 MiB each) in the 64 MiB window.
        EXPECT_EQ(pr->dbg_rd(vp::kBar2Base + (40ull << 20), 4), 0xffffffffu);
        vpci_core_stats(plat.adapter.core(), &st);
        EXPECT_EQ(st.win_absent, absent) << "a debug read recorded WIN_ABSENT";
        EXPECT_EQ(pr->rd(vp::kBar2Base + (40ull << 20), 4), 0xffffffffu);
        vpci_core_stats(plat.adapter.core(), &st);
        EXPECT_EQ(st.win_absent, absent + 1) << "b_transport did not record WIN_ABSENT";
        pr->wr(vp::kBar0Base + VPCI_ADAPTER_ERROR_CAUSE_OFFSET, 4, ~0u);
        return "";
    };
    vprun::result r = vprun::blk_vp(cfg, VPF_MODE_INTERRUPT, true, 4, 5, h);
    EXPECT_EQ(r.err, "");
}

} // namespace
