// SPDX-License-Identifier: MIT
// test_window.cpp - the memory window (BAR2), the log window (BAR4) and the
// WINDOW register block (model/window.c; docs/spec.md §3.3, §4.8, §8).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include <cstdlib>
#include <cstring>
#include <vector>

extern "C" {
#include "fake_platform.h"
#include "vpci_internal.h"
}

namespace {

constexpr uint64_t MiB = 1ull << 20;

class Window : public ::testing::Test {
protected:
    fake_platform f{};
    std::vector<void *> bufs;
    uint64_t next_cookie = 100;

    void SetUp() override { init(24); }

    void init(unsigned mem_log2, unsigned log_log2 = 16)
    {
        vpci_params p;
        vpci_params_default(&p);
        p.mem_win_log2 = mem_log2;
        p.log_win_log2 = log_log2;
        fake_init(&f, &p);
        ASSERT_NE(f.core, nullptr);
        fake_pci_enable(&f);
    }

    void TearDown() override
    {
        if (f.core)
            fake_fini(&f);
        for (void *b : bufs)
            free(b);
    }

    vpci_res mem(uint64_t size, uint8_t fill = 0)
    {
        void *b = malloc(size);
        memset(b, fill, size);
        bufs.push_back(b);
        vpci_res r{};
        r.kind = VPCI_RES_MEM;
        r.host = b;
        r.size = size;
        r.cookie = next_cookie++;
        return r;
    }

    int place_armed(uint64_t gpa, uint64_t size, vpci_res r)
    {
        int idx = vpci_window_place(f.core, gpa, size, 0x7f0000000000ull + gpa, &r);
        if (idx >= 0)
            vpci_window_arm(f.core, (unsigned)idx);
        return idx;
    }

    uint32_t reg(uint32_t off) { return (uint32_t)vpci_mmio_read(f.core, 0, off, 4); }
    unsigned releases_of(uint64_t cookie)
    {
        unsigned n = 0;
        for (unsigned i = 0; i < f.nev; i++)
            n += f.ev[i].type == FAKE_EV_RELEASE && f.ev[i].a == cookie;
        return n;
    }
    uint32_t error_info() { return reg(VPCI_ADAPTER_ERROR_INFO_OFFSET); }
    uint32_t error_cause() { return reg(VPCI_ADAPTER_ERROR_CAUSE_OFFSET); }
    void clear_errors() { vpci_mmio_write(f.core, 0, VPCI_ADAPTER_ERROR_CAUSE_OFFSET, 4, ~0u); }
    uint64_t absent_addr()
    {
        return reg(VPCI_WINDOW_ABSENT_ADDR_LO_OFFSET) |
               ((uint64_t)reg(VPCI_WINDOW_ABSENT_ADDR_HI_OFFSET) << 32);
    }
};

TEST_F(Window, FirstFitPlacesRegionsAtAlignedOffsetsInMessageOrder)
{
    int a = vpci_window_place(f.core, 0, 1 * MiB, 0, &(const vpci_res &)mem(1 * MiB));
    int b = vpci_window_place(f.core, 0x100000, 3 * MiB, 0x100000, &(const vpci_res &)mem(3 * MiB));
    int c = vpci_window_place(f.core, 0x400000, 2 * MiB, 0x400000, &(const vpci_res &)mem(2 * MiB));
    ASSERT_GE(a, 0);
    ASSERT_GE(b, 0);
    ASSERT_GE(c, 0);
    EXPECT_EQ(f.core->win.xlat[a].win_off, 0u);
    EXPECT_EQ(f.core->win.xlat[b].win_off, 2 * MiB);
    EXPECT_EQ(f.core->win.xlat[c].win_off, 6 * MiB);
    EXPECT_EQ(f.core->win.xlat[a].state, VPCI_XLAT_PENDING);
}

TEST_F(Window, FirstFitReusesTheLowestFreedGap)
{
    int a = place_armed(0, 2 * MiB, mem(2 * MiB));
    int b = place_armed(2 * MiB, 4 * MiB, mem(4 * MiB));
    int c = place_armed(6 * MiB, 2 * MiB, mem(2 * MiB));
    ASSERT_EQ(f.core->win.xlat[c].win_off, 6 * MiB);
    vpci_window_withdraw(f.core, (unsigned)b);
    int d = place_armed(9 * MiB, 1 * MiB, mem(1 * MiB));
    ASSERT_GE(d, 0);
    EXPECT_EQ(f.core->win.xlat[d].win_off, 2 * MiB); // first fit in the freed 4 MiB gap
    int e = place_armed(10 * MiB, 2 * MiB, mem(2 * MiB));
    EXPECT_EQ(f.core->win.xlat[e].win_off, 4 * MiB);
    (void)a;
}

TEST_F(Window, PlacementFailsWithoutSideEffectsWhenNothingFits)
{
    // 16 MiB window: 14 MiB fits at 0, then a 4 MiB region needs 4 free aligned MiB.
    ASSERT_GE(place_armed(0, 14 * MiB, mem(14 * MiB)), 0);
    vpci_res r = mem(4 * MiB);
    uint16_t gen = f.core->win.gen;
    EXPECT_EQ(vpci_window_place(f.core, 0x10000000, 4 * MiB, 0, &r), -1);
    EXPECT_EQ(f.core->win.gen, gen);
    // A region that needs one aligned granule still fits in the last 2 MiB.
    EXPECT_GE(place_armed(0x20000000, 2 * MiB, mem(2 * MiB)), 0);
    // Zero-size and larger-than-window regions never fit.
    EXPECT_EQ(vpci_window_place(f.core, 0, 0, 0, &r), -1);
    EXPECT_EQ(vpci_window_place(f.core, 0, 32 * MiB, 0, &r), -1);
    EXPECT_EQ(releases_of(r.cookie), 0u); // place never takes a resource it refused
}

TEST_F(Window, TableHoldsAtMostMaxRegions)
{
    fake_fini(&f);
    init(30);
    for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++)
        ASSERT_GE(place_armed(i * 4 * MiB, 4096, mem(4096)), 0) << i;
    vpci_res r = mem(4096);
    EXPECT_EQ(vpci_window_place(f.core, 1ull << 40, 4096, 0, &r), -1);
    EXPECT_EQ(vpci_window_ext_read(f.core, VPCI_REG_WINDOW_MEM_STATUS) &
                  VPCI_WINDOW_MEM_STATUS_REGIONS_MASK,
              VPCI_MAX_REGIONS << VPCI_WINDOW_MEM_STATUS_REGIONS_SHIFT);
}

TEST_F(Window, PendingTranslationIsAbsentUntilArmed)
{
    vpci_res r = mem(2 * MiB, 0x5a);
    int idx = vpci_window_place(f.core, 0, 2 * MiB, 0, &r);
    ASSERT_GE(idx, 0);
    EXPECT_EQ(vpci_mmio_read(f.core, 2, 0x1000, 4), 0xffffffffu);
    EXPECT_TRUE(error_cause() & VPCI_ADAPTER_ERROR_CAUSE_WIN_ABSENT_MASK);
    EXPECT_EQ(error_info() & 0xff, VPCI_ERROR_CODE_WIN_ABSENT);
    EXPECT_EQ(absent_addr(), 0x1000u);
    vpci_stats s;
    vpci_core_stats(f.core, &s);
    EXPECT_EQ(s.win_absent, 1u);

    vpci_window_arm(f.core, (unsigned)idx);
    EXPECT_EQ(vpci_mmio_read(f.core, 2, 0x1000, 4), 0x5a5a5a5au);
    vpci_mmio_write(f.core, 2, 0x2000, 8, 0x1122334455667788ull);
    EXPECT_EQ(memcmp((uint8_t *)r.host + 0x2000, "\x88\x77\x66\x55\x44\x33\x22\x11", 8), 0);
    vpci_core_stats(f.core, &s);
    EXPECT_EQ(s.win_absent, 1u);
}

TEST_F(Window, AbsentWriteIsDroppedAndRecordedAsWrite)
{
    vpci_res r = mem(2 * MiB, 0);
    place_armed(0, 2 * MiB, r);
    clear_errors();
    vpci_mmio_write(f.core, 2, 4 * MiB + 8, 4, 0xdeadbeef);
    EXPECT_EQ(absent_addr(), 4 * MiB + 8);
    EXPECT_EQ(error_info(), VPCI_ERROR_CODE_WIN_ABSENT | (1u << 8)); // DETAIL bit 0: write
    for (unsigned i = 0; i < 2 * MiB; i += 4096)
        ASSERT_EQ(((uint8_t *)r.host)[i], 0);
}

TEST_F(Window, AccessIsBoundedByTheMappingSize)
{
    // Region claims 2 MiB but its mapping has 1 MiB: bytes beyond are absent.
    vpci_res r = mem(1 * MiB, 0x11);
    int idx = vpci_window_place(f.core, 0, 2 * MiB, 0, &r);
    f.core->win.xlat[idx].res.size = 1 * MiB;
    vpci_window_arm(f.core, (unsigned)idx);
    EXPECT_EQ(vpci_mmio_read(f.core, 2, 1 * MiB - 4, 4), 0x11111111u);
    EXPECT_EQ(vpci_mmio_read(f.core, 2, 1 * MiB, 4), 0xffffffffu);
    EXPECT_EQ(absent_addr(), 1 * MiB);
}

TEST_F(Window, AccessAcrossTwoTranslationsIsSplitPerByte)
{
    vpci_res a = mem(2 * MiB, 0xaa), b = mem(2 * MiB, 0xbb);
    place_armed(0, 2 * MiB, a);
    place_armed(8 * MiB, 2 * MiB, b);
    EXPECT_EQ(vpci_mmio_read(f.core, 2, 2 * MiB - 4, 8), 0xbbbbbbbbaaaaaaaaull);
    vpci_mmio_write(f.core, 2, 2 * MiB - 2, 4, 0x44332211u);
    EXPECT_EQ(((uint8_t *)a.host)[2 * MiB - 2], 0x11);
    EXPECT_EQ(((uint8_t *)a.host)[2 * MiB - 1], 0x22);
    EXPECT_EQ(((uint8_t *)b.host)[0], 0x33);
    EXPECT_EQ(((uint8_t *)b.host)[1], 0x44);
}

TEST_F(Window, PartlyAbsentReadReturnsFfForTheAbsentBytesOnly)
{
    vpci_res a = mem(2 * MiB - 2, 0x42);
    place_armed(0, 2 * MiB - 2, a);
    clear_errors();
    EXPECT_EQ(vpci_mmio_read(f.core, 2, 2 * MiB - 4, 4), 0xffff4242u);
    EXPECT_EQ(absent_addr(), 2 * MiB - 2);
    EXPECT_TRUE(error_cause() & VPCI_ADAPTER_ERROR_CAUSE_WIN_ABSENT_MASK);
}

TEST_F(Window, WithdrawMakesTheRangeAbsentAndReleasesOnce)
{
    vpci_res r = mem(2 * MiB, 1);
    int idx = place_armed(0, 2 * MiB, r);
    EXPECT_EQ(vpci_mmio_read(f.core, 2, 0, 1), 1u);
    vpci_window_withdraw(f.core, (unsigned)idx);
    vpci_window_withdraw(f.core, (unsigned)idx); // second time: nothing
    EXPECT_EQ(vpci_mmio_read(f.core, 2, 0, 1), 0xffu);
    EXPECT_EQ(releases_of(r.cookie), 1u);
    EXPECT_EQ(vpci_window_map(f.core, 2, 0, 1), nullptr);
}

TEST_F(Window, RemovingTranslationStaysAccessibleUntilWithdrawn)
{
    vpci_res r = mem(2 * MiB, 7);
    int idx = place_armed(0, 2 * MiB, r);
    f.core->win.xlat[idx].state = VPCI_XLAT_REMOVING;
    f.core->win.xlat[idx].rm_queued = true;
    EXPECT_EQ(vpci_mmio_read(f.core, 2, 16, 1), 7u);
    EXPECT_EQ(vpci_window_find(f.core, 0, 2 * MiB, 0x7f0000000000ull), -1); // not live any more
    vpci_window_withdraw(f.core, (unsigned)idx);
    EXPECT_EQ(vpci_mmio_read(f.core, 2, 16, 1), 0xffu);
}

TEST_F(Window, ArmingAnEntryWithQueuedRemovalMakesItRemoving)
{
    vpci_res r = mem(2 * MiB, 7);
    int idx = vpci_window_place(f.core, 0, 2 * MiB, 0x1000, &r);
    EXPECT_EQ(vpci_window_find(f.core, 0, 2 * MiB, 0x1000), idx);
    f.core->win.xlat[idx].rm_queued = true;
    EXPECT_EQ(vpci_window_find(f.core, 0, 2 * MiB, 0x1000), -1);
    vpci_window_arm(f.core, (unsigned)idx);
    EXPECT_EQ(f.core->win.xlat[idx].state, VPCI_XLAT_REMOVING);
    EXPECT_EQ(vpci_mmio_read(f.core, 2, 0, 1), 7u);
}

TEST_F(Window, RegisterViewShowsArmedEntriesOnly)
{
    vpci_res a = mem(2 * MiB), b = mem(1 * MiB);
    int ia = vpci_window_place(f.core, 0x1000000, 2 * MiB, 0x7f0000001000ull, &a);
    int ib = vpci_window_place(f.core, 0x2000000, 1 * MiB, 0x7f0000002000ull, &b);
    uint32_t st = reg(VPCI_WINDOW_MEM_STATUS_OFFSET);
    EXPECT_EQ(st, 0u); // nothing armed, GEN 0

    vpci_window_arm(f.core, (unsigned)ib);
    st = reg(VPCI_WINDOW_MEM_STATUS_OFFSET);
    EXPECT_EQ(vpci_window_mem_status_valid_get(st), 1u);
    EXPECT_EQ(vpci_window_mem_status_regions_get(st), 1u);
    EXPECT_EQ(vpci_window_mem_status_gen_get(st), 1u);

    vpci_mmio_write(f.core, 0, VPCI_WINDOW_XLAT_SEL_OFFSET, 4, (uint32_t)ia);
    EXPECT_EQ(reg(VPCI_WINDOW_XLAT_STATUS_OFFSET), 0u); // pending: not shown
    EXPECT_EQ(reg(VPCI_WINDOW_XLAT_SIZE_LO_OFFSET), 0u);
    vpci_mmio_write(f.core, 0, VPCI_WINDOW_XLAT_SEL_OFFSET, 4, (uint32_t)ib);
    EXPECT_EQ(reg(VPCI_WINDOW_XLAT_STATUS_OFFSET), 1u);
    EXPECT_EQ(reg(VPCI_WINDOW_XLAT_WIN_OFF_LO_OFFSET), 2 * MiB);
    EXPECT_EQ(reg(VPCI_WINDOW_XLAT_WIN_OFF_HI_OFFSET), 0u);
    EXPECT_EQ(reg(VPCI_WINDOW_XLAT_SIZE_LO_OFFSET), 1 * MiB);
    EXPECT_EQ(reg(VPCI_WINDOW_XLAT_GPA_LO_OFFSET), 0x2000000u);
    EXPECT_EQ(reg(VPCI_WINDOW_XLAT_UADDR_LO_OFFSET), 0x00002000u);
    EXPECT_EQ(reg(VPCI_WINDOW_XLAT_UADDR_HI_OFFSET), 0x7f00u);
    vpci_mmio_write(f.core, 0, VPCI_WINDOW_XLAT_SEL_OFFSET, 4, 200); // beyond MAX_REGIONS
    EXPECT_EQ(reg(VPCI_WINDOW_XLAT_STATUS_OFFSET), 0u);
    EXPECT_EQ(reg(VPCI_WINDOW_XLAT_GPA_LO_OFFSET), 0u);

    vpci_window_arm(f.core, (unsigned)ia);
    vpci_window_withdraw(f.core, (unsigned)ib);
    st = reg(VPCI_WINDOW_MEM_STATUS_OFFSET);
    EXPECT_EQ(vpci_window_mem_status_regions_get(st), 1u);
    EXPECT_EQ(vpci_window_mem_status_gen_get(st), 3u); // arm, arm, withdraw
}

TEST_F(Window, LogWindowWritesAreOrOperations)
{
    vpci_res r = mem(4096, 0);
    ((uint8_t *)r.host)[10] = 0x01;
    ASSERT_TRUE(vpci_window_set_log(f.core, 4096, &r));
    EXPECT_EQ(reg(VPCI_WINDOW_LOG_STATUS_OFFSET), 0u); // pending
    EXPECT_EQ(vpci_mmio_read(f.core, 4, 8, 4), 0xffffffffu);
    EXPECT_EQ(absent_addr(), (1ull << 63) | 8);
    EXPECT_EQ(error_info(), VPCI_ERROR_CODE_WIN_ABSENT | (2u << 8)); // DETAIL bit 1: log

    vpci_window_arm_log(f.core);
    EXPECT_EQ(reg(VPCI_WINDOW_LOG_STATUS_OFFSET), 1u);
    EXPECT_EQ(reg(VPCI_WINDOW_LOG_SIZE_LO_OFFSET), 4096u);
    EXPECT_EQ(reg(VPCI_WINDOW_LOG_SIZE_HI_OFFSET), 0u);
    vpci_mmio_write(f.core, 4, 10, 1, 0x80);
    EXPECT_EQ(((uint8_t *)r.host)[10], 0x81);
    vpci_mmio_write(f.core, 4, 8, 4, 0x00000400u);
    EXPECT_EQ(vpci_mmio_read(f.core, 4, 8, 4), 0x00810400u);
    EXPECT_EQ(((uint8_t *)r.host)[9], 0x04);
    EXPECT_EQ(((uint8_t *)r.host)[10], 0x81);
    // At or beyond the log size: absent; the log window is never directly mapped.
    clear_errors();
    EXPECT_EQ(vpci_mmio_read(f.core, 4, 4096, 4), 0xffffffffu);
    EXPECT_EQ(absent_addr(), (1ull << 63) | 4096);
    EXPECT_EQ(vpci_window_map(f.core, 4, 0, 4), nullptr);
}

TEST_F(Window, LogLargerThanTheLogWindowIsRejected)
{
    vpci_res r = mem(128 * 1024);
    EXPECT_FALSE(vpci_window_set_log(f.core, 128 * 1024, &r)); // window is 64 KiB
    EXPECT_FALSE(vpci_window_set_log(f.core, 0, &r));
    EXPECT_EQ(releases_of(r.cookie), 0u);
    r = mem(64 * 1024);
    EXPECT_TRUE(vpci_window_set_log(f.core, 64 * 1024, &r));
}

TEST_F(Window, NewLogReplacesAndReleasesTheOldOne)
{
    vpci_res a = mem(4096, 1), b = mem(8192, 2);
    vpci_window_set_log(f.core, 4096, &a);
    vpci_window_arm_log(f.core);
    vpci_window_set_log(f.core, 8192, &b);
    vpci_window_arm_log(f.core);
    EXPECT_EQ(releases_of(a.cookie), 1u);
    EXPECT_EQ(vpci_mmio_read(f.core, 4, 4100, 1), 2u);
    vpci_window_withdraw_log(f.core);
    EXPECT_EQ(releases_of(b.cookie), 1u);
    EXPECT_EQ(reg(VPCI_WINDOW_LOG_STATUS_OFFSET), 0u);
    EXPECT_EQ(reg(VPCI_WINDOW_LOG_SIZE_LO_OFFSET), 0u);
}

TEST_F(Window, MapGivesDirectPointersInsideOneArmedTranslation)
{
    vpci_res a = mem(2 * MiB), b = mem(2 * MiB);
    place_armed(0, 2 * MiB, a);
    int ib = vpci_window_place(f.core, 2 * MiB, 2 * MiB, 0, &b);
    EXPECT_EQ(vpci_window_map(f.core, 2, 0x100, 0x200), (uint8_t *)a.host + 0x100);
    EXPECT_EQ(vpci_window_ptr(f.core, 2, 2 * MiB - 8, 8), (uint8_t *)a.host + 2 * MiB - 8);
    EXPECT_EQ(vpci_window_map(f.core, 2, 2 * MiB - 8, 16), nullptr); // crosses the end
    EXPECT_EQ(vpci_window_map(f.core, 2, 2 * MiB, 8), nullptr);      // pending
    vpci_window_arm(f.core, (unsigned)ib);
    EXPECT_EQ(vpci_window_map(f.core, 2, 2 * MiB, 8), b.host);
    EXPECT_EQ(vpci_window_map(f.core, 2, 0, 0), nullptr);
    EXPECT_EQ(vpci_window_map(f.core, 2, ~0ull, 2), nullptr);
    EXPECT_EQ(vpci_window_map(f.core, 0, 0, 4), nullptr);
}

TEST_F(Window, WithdrawAllReleasesEveryTranslationAndTheLogOnce)
{
    std::vector<vpci_res> rs;
    for (unsigned i = 0; i < 4; i++) {
        rs.push_back(mem(1 * MiB));
        if (i % 2)
            place_armed(i * 2 * MiB, 1 * MiB, rs.back());
        else
            vpci_window_place(f.core, i * 2 * MiB, 1 * MiB, 0, &rs.back());
    }
    vpci_res log = mem(4096);
    vpci_window_set_log(f.core, 4096, &log);
    uint16_t gen = f.core->win.gen;
    vpci_window_withdraw_all(f.core, false);
    EXPECT_EQ(releases_of(log.cookie), 0u);
    EXPECT_EQ(f.core->win.gen, gen + 2); // the two armed ones were visible
    vpci_window_withdraw_all(f.core, true);
    for (auto &r : rs)
        EXPECT_EQ(releases_of(r.cookie), 1u);
    EXPECT_EQ(releases_of(log.cookie), 1u);
}

TEST_F(Window, OutOfRangeIndicesAreIgnored)
{
    vpci_window_arm(f.core, VPCI_MAX_REGIONS);
    vpci_window_withdraw(f.core, 1000);
    EXPECT_EQ(f.core->win.gen, 0u);
}

TEST_F(Window, AdapterResetWithdrawsTheWindows)
{
    vpci_res r = mem(2 * MiB, 3);
    place_armed(0, 2 * MiB, r);
    vpci_mmio_write(f.core, 0, VPCI_ADAPTER_CONTROL_OFFSET, 4, VPCI_ADAPTER_CONTROL_RESET_MASK);
    EXPECT_EQ(releases_of(r.cookie), 1u);
    EXPECT_EQ(vpci_mmio_read(f.core, 2, 0, 1), 0xffu);
}

TEST_F(Window, SmallestWindowIsOneWinAlignGranuleAndHoldsOneRegion)
{
    // spec §8.1/§8.2: a region needs round_up(size, 2 MiB) free bytes, so the
    // smallest window (MEM_WIN_LOG2 = 21) holds exactly one small region; a
    // 1 MiB window, which could hold none, cannot be created.
    EXPECT_EQ(VPCI_PARAM_MEM_WIN_LOG2_MIN, 21u);
    vpci_params p;
    vpci_params_default(&p);
    p.mem_win_log2 = 20;
    auto g = std::make_unique<fake_platform>();
    fake_init(g.get(), &p);
    EXPECT_EQ(g->core, nullptr);
    fake_fini(g.get());
    fake_fini(&f);
    init(21);
    vpci_res r = mem(4096), r2 = mem(4096);
    EXPECT_EQ(vpci_window_place(f.core, 0, 4096, 0, &r), 0);
    EXPECT_EQ(vpci_window_place(f.core, 0x10000, 4096, 0x10000, &r2), -1);
}

} // namespace

// vpci_window_span (spec §12.1/§12.2): the whole translation covering an
// offset, for per-translation DMI; NULL where vpci_window_ptr gives NULL.
TEST(WindowSpan, GivesTheWholeArmedTranslationOrNothing)
{
    fake_platform f{};
    vpci_params p;
    vpci_params_default(&p);
    p.mem_win_log2 = 24;
    fake_init(&f, &p);
    ASSERT_NE(f.core, nullptr);
    fake_pci_enable(&f);
    std::vector<uint8_t> a(3 * MiB, 1), b(1 * MiB, 2);
    vpci_res ra{VPCI_RES_MEM, a.data(), a.size(), 1, 0};
    vpci_res rb{VPCI_RES_MEM, b.data(), b.size(), 2, 0};
    int ia = vpci_window_place(f.core, 0, a.size(), 0x1000, &ra);
    int ib = vpci_window_place(f.core, 1ull << 32, b.size(), 0x9000000, &rb);
    ASSERT_GE(ia, 0);
    ASSERT_GE(ib, 0);
    uint64_t start = 7, len = 7;
    // Pending: absent.
    EXPECT_EQ(vpci_window_span(f.core, 2, 5, &start, &len), nullptr);
    EXPECT_EQ(start, 7u);
    vpci_window_arm(f.core, (unsigned)ia);
    vpci_window_arm(f.core, (unsigned)ib);
    EXPECT_EQ(vpci_window_span(f.core, 2, 3 * MiB - 1, &start, &len), a.data());
    EXPECT_EQ(start, 0u);
    EXPECT_EQ(len, 3 * MiB);
    // b was placed at the next 2 MiB granule after a's 4 MiB.
    EXPECT_EQ(vpci_window_span(f.core, 2, 4 * MiB + 100, &start, &len), b.data());
    EXPECT_EQ(start, 4 * MiB);
    EXPECT_EQ(len, 1 * MiB);
    // Gap between a's end and b, beyond b, the log window: nothing.
    EXPECT_EQ(vpci_window_span(f.core, 2, 3 * MiB, &start, &len), nullptr);
    EXPECT_EQ(vpci_window_span(f.core, 2, 5 * MiB, &start, &len), nullptr);
    EXPECT_EQ(vpci_window_span(f.core, 4, 0, &start, &len), nullptr);
    // MEM_EN = 0: nothing (as vpci_window_ptr).
    uint32_t cmd = vpci_cfg_read(f.core, 4, 2);
    vpci_cfg_write(f.core, 4, 2, cmd & ~2u);
    EXPECT_EQ(vpci_window_span(f.core, 2, 0, &start, &len), nullptr);
    vpci_cfg_write(f.core, 4, 2, cmd);
    EXPECT_EQ(vpci_window_span(f.core, 2, 0, &start, &len), a.data());
    // Withdrawn: nothing.
    vpci_window_withdraw(f.core, (unsigned)ia);
    EXPECT_EQ(vpci_window_span(f.core, 2, 0, &start, &len), nullptr);
    fake_fini(&f);
}

// The optional driver-face ->unmap (spec §12.1): called for a live
// translation being withdrawn, with its window range, before the master
// face's ->release of its resource; not for a translation never armed.
struct UnmapLog {
    std::vector<std::string> ev;
};
TEST(WindowUnmap, ComesBeforeReleaseForLiveTranslationsOnly)
{
    static UnmapLog log;
    log.ev.clear();
    vpci_driver_ops drv{};
    drv.dma = [](void *, const vpci_dma_req *) {};
    drv.msi = [](void *, uint16_t, uint64_t, uint32_t) {};
    drv.unmap = [](void *, unsigned bar, uint64_t off, uint64_t len) {
        log.ev.push_back("unmap " + std::to_string(bar) + " " + std::to_string(off) + " " +
                         std::to_string(len));
    };
    vpci_master_ops mst{};
    mst.notify = [](void *, vpci_notify_kind, uint16_t, uint64_t) {};
    mst.send = [](void *, vpci_channel, const void *, size_t) {};
    mst.close = [](void *, vpci_close_reason, const char *) {};
    mst.release = [](void *, const vpci_res *r) {
        log.ev.push_back("release " + std::to_string(r->cookie));
    };
    vpci_params p;
    vpci_params_default(&p);
    p.mem_win_log2 = 24;
    vpci_core *c = vpci_core_create(&p, &drv, nullptr, &mst, nullptr);
    ASSERT_NE(c, nullptr);
    std::vector<uint8_t> a(3 * MiB), b(1 * MiB);
    vpci_res ra{VPCI_RES_MEM, a.data(), a.size(), 1, 0};
    vpci_res rb{VPCI_RES_MEM, b.data(), b.size(), 2, 0};
    int ia = vpci_window_place(c, 0, a.size(), 0x1000, &ra);
    int ib = vpci_window_place(c, 1ull << 32, b.size(), 0x9000000, &rb);
    ASSERT_GE(ia, 0);
    ASSERT_GE(ib, 0);
    vpci_window_arm(c, (unsigned)ia);
    vpci_window_withdraw(c, (unsigned)ib); // pending: never visible, no unmap
    vpci_window_withdraw(c, (unsigned)ia);
    std::vector<std::string> want = {"release 2", "unmap 2 0 3145728", "release 1"};
    EXPECT_EQ(log.ev, want);
    vpci_core_destroy(c);
}
