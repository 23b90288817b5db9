// SPDX-License-Identifier: MIT
// test_dma_arena.cpp - the DMA arena of the HAL port, the core's test and
// fuzz platforms and the benchmark (firmware/hal/dma_arena.h): bound checks
// that never wrap (addresses near UINT64_MAX, lengths that make addr + len
// wrap, lengths larger than the arena, zero lengths), and the copies.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

extern "C" {
#include "dma_arena.h"
}

namespace {

constexpr uint64_t BASE = 0x100000000ull;
constexpr uint64_t SIZE = 4096;

// The check bench/bench_core.c had (error when true): addr - BASE + len can
// wrap to a small value and pass.
bool old_bench_error(uint64_t base, uint64_t size, uint64_t addr, uint64_t len)
{
    return addr < base || addr - base + len > size;
}

struct Case {
    uint64_t base, addr, len;
    bool inside;
    bool wraps_old_check; // the old bench check accepts it (wrongly)
};

TEST(DmaArena, BoundsNeverWrap)
{
    std::vector<uint8_t> mem(SIZE);
    const Case cases[] = {
        // Inside, edges, zero length.
        {BASE, BASE, SIZE, true, false},
        {BASE, BASE + SIZE - 1, 1, true, false},
        {BASE, BASE, 0, true, false},
        {BASE, BASE + SIZE, 0, true, false}, // the empty range at the end
        {BASE, BASE + SIZE, 1, false, false},
        {BASE, BASE + SIZE + 1, 0, false, false},
        {BASE, BASE - 1, 1, false, false},
        {BASE, BASE - 1, 0, false, false},
        {BASE, 0, 8, false, false},
        // Longer than the arena.
        {BASE, BASE, SIZE + 1, false, false},
        {BASE, BASE, UINT64_MAX, false, false},
        // addr - base + len wraps.
        {BASE, BASE + 16, UINT64_MAX - 8, false, true},
        {BASE, BASE + SIZE, UINT64_MAX - SIZE + 1, false, true},
        // Addresses near UINT64_MAX, addr + len wraps (arena at bus 0).
        {0, UINT64_MAX - 3, 8, false, true},
        {0, UINT64_MAX, 1, false, false},
        {0, UINT64_MAX, 2, false, true},
        {0, UINT64_MAX - SIZE + 1, SIZE, false, false},
        {0, 0, SIZE, true, false},
        {BASE, UINT64_MAX - 3, 8, false, false},
    };
    for (const Case &k : cases) {
        SCOPED_TRACE(::testing::Message() << std::hex << "base 0x" << k.base << " addr 0x"
                                          << k.addr << " len 0x" << k.len);
        vpci_dma_arena a;
        vpci_dma_arena_init(&a, k.base, mem.data(), mem.size());
        EXPECT_EQ(vpci_dma_arena_contains(&a, k.addr, k.len), k.inside);
        void *p = vpci_dma_arena_ptr(&a, k.addr, k.len);
        if (k.inside) {
            EXPECT_EQ(p, mem.data() + (k.addr - k.base));
        } else {
            EXPECT_EQ(p, nullptr);
        }
        // This test fails with the old bench check: it accepts these.
        if (k.wraps_old_check) {
            EXPECT_FALSE(old_bench_error(k.base, SIZE, k.addr, k.len));
        }
    }
}

TEST(DmaArena, ServeRefusesAWrappingRequestAndTouchesNothing)
{
    std::vector<uint8_t> mem(SIZE, 0x5a);
    uint8_t buf[8];
    memset(buf, 0xa5, sizeof(buf));
    vpci_dma_arena a;
    vpci_dma_arena_init(&a, 0, mem.data(), mem.size());
    for (vpci_dma_dir dir : {VPCI_DMA_READ, VPCI_DMA_WRITE}) {
        vpci_dma_req r{1, dir, UINT64_MAX - 3, 8, buf};
        EXPECT_EQ(vpci_dma_arena_serve(&a, &r), VPCI_DMA_ERROR);
    }
    for (uint8_t b : buf)
        EXPECT_EQ(b, 0xa5);
    for (uint8_t b : mem)
        EXPECT_EQ(b, 0x5a);
}

TEST(DmaArena, ServeCopiesBothWays)
{
    std::vector<uint8_t> mem(SIZE, 0);
    vpci_dma_arena a;
    vpci_dma_arena_init(&a, BASE, mem.data(), mem.size());
    uint8_t out[4] = {1, 2, 3, 4}, in[4] = {};
    vpci_dma_req w{1, VPCI_DMA_WRITE, BASE + SIZE - 4, 4, out};
    ASSERT_EQ(vpci_dma_arena_serve(&a, &w), VPCI_DMA_OK);
    EXPECT_EQ(memcmp(mem.data() + SIZE - 4, out, 4), 0);
    vpci_dma_req rd{2, VPCI_DMA_READ, BASE + SIZE - 4, 4, in};
    ASSERT_EQ(vpci_dma_arena_serve(&a, &rd), VPCI_DMA_OK);
    EXPECT_EQ(memcmp(in, out, 4), 0);
    vpci_dma_req zero{3, VPCI_DMA_READ, BASE + SIZE, 0, nullptr}; // nothing to copy
    EXPECT_EQ(vpci_dma_arena_serve(&a, &zero), VPCI_DMA_OK);
    vpci_dma_req past{4, VPCI_DMA_READ, BASE + SIZE - 3, 4, in};
    EXPECT_EQ(vpci_dma_arena_serve(&a, &past), VPCI_DMA_ERROR);
}

TEST(DmaArena, ArenaAtTheTopOfTheBusIsCutAtUint64Max)
{
    std::vector<uint8_t> mem(2 * SIZE);
    vpci_dma_arena a;
    vpci_dma_arena_init(&a, UINT64_MAX - (SIZE - 1), mem.data(), mem.size());
    EXPECT_EQ(a.size, SIZE); // the rest has no bus address
    EXPECT_TRUE(vpci_dma_arena_contains(&a, UINT64_MAX, 1));
    EXPECT_TRUE(vpci_dma_arena_contains(&a, UINT64_MAX - (SIZE - 1), SIZE));
    EXPECT_FALSE(vpci_dma_arena_contains(&a, UINT64_MAX - 1, 8)); // would wrap the bus
    EXPECT_FALSE(vpci_dma_arena_contains(&a, UINT64_MAX - (SIZE - 1), SIZE + 1));
}

TEST(DmaArena, WithoutMemoryNothingIsServed)
{
    vpci_dma_arena a;
    vpci_dma_arena_init(&a, BASE, nullptr, 0);
    uint8_t b = 0;
    vpci_dma_req r{1, VPCI_DMA_READ, BASE, 1, &b};
    EXPECT_EQ(vpci_dma_arena_ptr(&a, BASE, 0), nullptr);
    EXPECT_EQ(vpci_dma_arena_serve(&a, &r), VPCI_DMA_ERROR);
    EXPECT_FALSE(vpci_dma_arena_contains(&a, BASE, 1));
}

} // namespace
