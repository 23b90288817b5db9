// SPDX-License-Identifier: MIT
// test_blk.cpp - the virtio-blk backend (firmware/backends/blk.h) on the C
// core through the direct HAL port, driven by the test master acting as a
// virtio-blk driver on its vrings: seeded randomized I/O with per-block
// checksums against a shadow disk (RAM and file disks, interrupt / polling /
// adaptive), flush, get-id, config space, discard and write-zeroes, requests
// out of range or malformed, multiqueue, and a master disconnect in the
// middle of I/O followed by a reconnect.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <tuple>
#include <unistd.h>
#include <vector>

#include "blk.h"
#include "hal_core.h"
#include "test_master.h"
#include "vpf.h"

namespace {

constexpr uint64_t kRegion = 16ull << 20;
constexpr uint64_t kDisk = 8ull << 20; // 16384 sectors
constexpr unsigned kRing = 128;
constexpr unsigned kSlots = 16;
constexpr uint32_t kSlotBytes = 64 * 1024;
constexpr uint64_t kRingFeatures = (1ull << VPF_VIRTIO_F_EVENT_IDX) |
                                   (1ull << VPF_VIRTIO_F_INDIRECT_DESC) |
                                   (1ull << VPF_VIRTIO_F_VERSION_1);
constexpr uint64_t kBlkFeatures = (1ull << VPF_BLK_F_SEG_MAX) | (1ull << VPF_BLK_F_BLK_SIZE) |
                                  (1ull << VPF_BLK_F_FLUSH) | (1ull << VPF_BLK_F_MQ) |
                                  (1ull << VPF_BLK_F_DISCARD) | (1ull << VPF_BLK_F_WRITE_ZEROES) |
                                  (1ull << VPF_BLK_F_RO);
constexpr uint64_t kProto = (1ull << VPCI_PROTO_F_MQ) | (1ull << VPCI_PROTO_F_REPLY_ACK) |
                            (1ull << VPCI_PROTO_F_BACKEND_REQ) | (1ull << VPCI_PROTO_F_CONFIG) |
                            (1ull << VPCI_PROTO_F_CONFIGURE_MEM_SLOTS) | (1ull << VPCI_PROTO_F_STATUS);

uint64_t Fnv(const uint8_t *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

uint64_t SeedFromEnv(uint64_t dflt)
{
    const char *s = getenv("VPCI_TEST_SEED");
    return s ? strtoull(s, nullptr, 0) : dflt;
}

// One request of the test driver.
struct Req {
    uint16_t head;
    uint32_t type;
    uint64_t sector;
    uint32_t bytes;
    unsigned slot;
    std::vector<uint64_t> expect; // IN: per-sector checksums of the shadow
};

class BlkEnv : public ::testing::Test {
public: // the idle hooks of BlkSleep reach in
    void Init(enum vpf_mode mode, bool file, struct vpf_blk_opts *custom = nullptr)
    {
        ASSERT_TRUE(tm_init(&m, 2, kRegion));
        struct vpci_params p;
        vpci_params_default(&p);
        p.num_vqs = 4;
        p.msix_vectors = 5;
        p.mem_win_log2 = 26; // 64 MiB: both regions
        hc = vpci_hal_core_create(&p, 0);
        ASSERT_NE(hc, nullptr);
        tm_attach(&m, vpci_hal_core_core(hc));
        m.pump = [](void *ctx) { static_cast<BlkEnv *>(ctx)->Step(); };
        m.pump_ctx = this;
        struct vpf_blk_opts o = {};
        if (custom)
            o = *custom;
        o.mode = mode;
        o.fd = -1;
        if (!o.capacity)
            o.capacity = kDisk;
        memcpy(o.serial, "vpci-test-serial-001", 20);
        if (file) {
            char path[] = "/tmp/vpci-blk-XXXXXX";
            fd = mkstemp(path);
            ASSERT_GE(fd, 0);
            unlink(path); // the backend never sees a path
            o.fd = fd;
        }
        b = vpf_blk_create(vpci_hal_core_hal(hc), &o);
        ASSERT_NE(b, nullptr);
        shadow.assign(o.capacity, 0);
        ASSERT_EQ(vpf_blk_start(b), 0);
        ASSERT_EQ(tm_connect(&m), VPCI_OK);
    }
    void TearDown() override
    {
        vpf_blk_destroy(b);
        vpci_hal_core_destroy(hc);
        tm_fini(&m);
        if (fd >= 0)
            close(fd);
    }
    void Step()
    {
        if (vpf_state(vpf_blk_dev(b)) == VPF_STATE_RUNNING)
            vpf_blk_step(b, 0);
    }
    // Negotiation, memory table, @nq request queues; buffers for kSlots
    // requests (headers in region 0, data in region 1).
    void Session(unsigned nq = 1, uint64_t feat = kBlkFeatures | kRingFeatures)
    {
        ASSERT_TRUE(tm_negotiate(&m, feat, kProto));
        ASSERT_TRUE(tm_set_mem_table(&m, true));
        for (unsigned q = 0; q < nq; q++)
            ASSERT_TRUE(tm_vring_start(&m, q, kRing, true, true));
        for (unsigned s = 0; s < kSlots; s++) {
            hdr[s] = tm_alloc(&m, 32, 16);
            ASSERT_NE(hdr[s], ~0ull);
            data[s] = m.reg[1].gpa + (uint64_t)s * kSlotBytes;
        }
        for (int i = 0; i < 4; i++)
            Step();
    }
    uint8_t *Data(unsigned s) { return static_cast<uint8_t *>(tm_gpa(&m, data[s])); }
    // Submit a request using slot @s; data split into @nseg descriptors.
    uint16_t Submit(unsigned q, unsigned s, uint32_t type, uint64_t sector, uint32_t bytes,
                    bool dev_writes, unsigned nseg = 1)
    {
        struct tm_buf d[4];
        unsigned n = 0;
        uint32_t off = 0;
        for (unsigned i = 0; i < nseg && off < bytes; i++) {
            uint32_t left = bytes - off;
            uint32_t len = i + 1 == nseg ? left : 1 + (uint32_t)(rng() % left);
            d[n++] = {data[s] + off, len, dev_writes};
            off += len;
        }
        return tm_blk_submit(&m, q, type, sector, hdr[s], d, n);
    }
    // Pump until @n completions arrived on @q; they are returned in order.
    std::vector<std::pair<uint32_t, uint32_t>> Wait(unsigned q, unsigned n, bool kick = true)
    {
        std::vector<std::pair<uint32_t, uint32_t>> got;
        if (kick)
            tm_vq_kick(&m, q, false);
        for (unsigned i = 0; i < 200 && got.size() < n; i++) {
            Step();
            uint32_t id, len;
            while (tm_vq_used(&m, q, &id, &len))
                got.emplace_back(id, len);
        }
        return got;
    }
    // One synchronous request; returns the status (0xff: no completion).
    uint8_t Do(uint32_t type, uint64_t sector, uint32_t bytes, bool dev_writes, uint32_t *used = nullptr,
               unsigned q = 0)
    {
        uint16_t head = Submit(q, 0, type, sector, bytes, dev_writes, bytes ? 2 : 0);
        auto got = Wait(q, 1);
        if (got.size() != 1 || got[0].first != head)
            return 0xff;
        if (used)
            *used = got[0].second;
        return tm_blk_status(&m, hdr[0]);
    }
    uint8_t Dwz(uint32_t type, const std::vector<struct vpf_blk_dwz> &segs)
    {
        uint32_t bytes = (uint32_t)(segs.size() * sizeof(segs[0]));
        memcpy(Data(0), segs.data(), bytes);
        return Do(type, 0, bytes, false);
    }
    // Seeded random reads and writes in batches; returns corrupt sectors.
    uint64_t RandomIo(uint64_t seed, unsigned nreq, unsigned nq = 1)
    {
        printf("[ seed ] RandomIo seed=%llu (set VPCI_TEST_SEED to replay)\n",
               (unsigned long long)seed);
        ::testing::Test::RecordProperty("seed", std::to_string(seed));
        rng.seed(seed);
        uint64_t corrupt = 0, sectors = shadow.size() / VPF_BLK_SECTOR;
        unsigned done = 0;
        while (done < nreq) {
            unsigned q = (unsigned)(rng() % nq);
            unsigned batch = 1 + (unsigned)(rng() % 8);
            std::vector<Req> reqs;
            for (unsigned i = 0; i < batch; i++) {
                Req r;
                r.slot = i;
                r.type = rng() % 2 ? VPF_BLK_T_OUT : VPF_BLK_T_IN;
                uint32_t ns = 1 + (uint32_t)(rng() % 32);
                r.sector = rng() % (sectors - ns + 1);
                r.bytes = ns * VPF_BLK_SECTOR;
                uint8_t *p = Data(i);
                uint8_t *sh = shadow.data() + r.sector * VPF_BLK_SECTOR;
                if (r.type == VPF_BLK_T_OUT) {
                    for (uint32_t k = 0; k < r.bytes; k += 8) {
                        uint64_t v = rng();
                        memcpy(p + k, &v, 8);
                    }
                    memcpy(sh, p, r.bytes); // served in order: later reads see it
                } else {
                    memset(p, 0xa5, r.bytes);
                    for (uint32_t k = 0; k < ns; k++)
                        r.expect.push_back(Fnv(sh + k * VPF_BLK_SECTOR, VPF_BLK_SECTOR));
                }
                r.head = Submit(q, i, r.type, r.sector, r.bytes, r.type == VPF_BLK_T_IN,
                                1 + (unsigned)(rng() % 3));
                reqs.push_back(std::move(r));
            }
            auto got = Wait(q, batch);
            EXPECT_EQ(got.size(), batch);
            if (got.size() != batch)
                return ~0ull;
            for (unsigned i = 0; i < batch; i++) {
                const Req &r = reqs[i];
                EXPECT_EQ(got[i].first, r.head);
                EXPECT_EQ(tm_blk_status(&m, hdr[i]), VPF_BLK_S_OK);
                EXPECT_EQ(got[i].second, r.type == VPF_BLK_T_IN ? r.bytes + 1 : 1u);
                for (size_t k = 0; k < r.expect.size(); k++)
                    corrupt += Fnv(Data(i) + k * VPF_BLK_SECTOR, VPF_BLK_SECTOR) != r.expect[k];
            }
            done += batch;
        }
        return corrupt;
    }
    // Read the whole disk back through the rings; corrupt sectors.
    uint64_t ReadBack(unsigned q = 0)
    {
        uint64_t corrupt = 0, sectors = shadow.size() / VPF_BLK_SECTOR;
        const uint32_t chunk = kSlotBytes / VPF_BLK_SECTOR;
        for (uint64_t s = 0; s < sectors; s += chunk) {
            uint32_t ns = (uint32_t)std::min<uint64_t>(chunk, sectors - s);
            memset(Data(0), 0x5a, ns * VPF_BLK_SECTOR);
            if (Do(VPF_BLK_T_IN, s, ns * VPF_BLK_SECTOR, true, nullptr, q) != VPF_BLK_S_OK)
                return ~0ull;
            for (uint32_t k = 0; k < ns; k++)
                corrupt += Fnv(Data(0) + k * VPF_BLK_SECTOR, VPF_BLK_SECTOR) !=
                           Fnv(shadow.data() + (s + k) * VPF_BLK_SECTOR, VPF_BLK_SECTOR);
        }
        return corrupt;
    }
    // The disk's own bytes (RAM array or file) against the shadow.
    bool BackingMatches()
    {
        std::vector<uint8_t> disk(shadow.size());
        if (fd >= 0) {
            if (pread(fd, disk.data(), disk.size(), 0) != (ssize_t)disk.size())
                return false;
        } else {
            memcpy(disk.data(), vpf_blk_ram(b), disk.size());
        }
        return disk == shadow;
    }

    test_master m = {}; // zeroed: TearDown runs tm_fini even for a test that never calls Init
    struct vpci_hal_core *hc = nullptr;
    struct vpf_blk *b = nullptr;
    int fd = -1;
    std::vector<uint8_t> shadow;
    uint64_t hdr[kSlots] = {}, data[kSlots] = {};
    std::mt19937_64 rng{1};
};

const char *ModeName(enum vpf_mode m)
{
    return m == VPF_MODE_INTERRUPT ? "Interrupt" : m == VPF_MODE_POLL ? "Poll" : "Adaptive";
}

class BlkModes : public BlkEnv,
                 public ::testing::WithParamInterface<std::tuple<enum vpf_mode, bool>> {
protected:
    void SetUp() override
    {
        struct vpf_blk_opts o = {};
        o.discard = true;
        o.write_zeroes = true;
        Init(std::get<0>(GetParam()), std::get<1>(GetParam()), &o);
    }
};

TEST_P(BlkModes, RandomizedIoKeepsEveryBlockIntact)
{
    Session();
    uint64_t seed = SeedFromEnv(0x5eed0000u + (unsigned)std::get<0>(GetParam()) * 2 +
                                std::get<1>(GetParam()));
    EXPECT_EQ(RandomIo(seed, 3000), 0u) << "seed " << seed;
    EXPECT_EQ(ReadBack(), 0u);
    EXPECT_TRUE(BackingMatches());
    struct vpf_blk_stats st;
    vpf_blk_get_stats(b, &st);
    EXPECT_GE(st.reads + st.writes, 3000u);
    EXPECT_EQ(st.ioerr + st.unsupp + st.bad_layout, 0u);
    struct vpf_stats ls;
    vpf_get_stats(vpf_blk_dev(b), &ls);
    EXPECT_EQ(ls.bad_chains, 0u);
    if (std::get<0>(GetParam()) == VPF_MODE_INTERRUPT) {
        EXPECT_GT(ls.kicks, 0u);
        EXPECT_GT(m.calls[0], 0u);
    }
}

TEST_P(BlkModes, FlushGetIdDiscardWriteZeroesAndErrors)
{
    Session();
    uint64_t cap = kDisk / VPF_BLK_SECTOR;
    uint32_t used = 0;
    // Write a pattern over sectors 0..63.
    for (uint32_t i = 0; i < 64 * VPF_BLK_SECTOR; i++)
        Data(0)[i] = (uint8_t)(i * 13 + 1);
    memcpy(shadow.data(), Data(0), 64 * VPF_BLK_SECTOR);
    ASSERT_EQ(Do(VPF_BLK_T_OUT, 0, 64 * VPF_BLK_SECTOR, false), VPF_BLK_S_OK);
    // FLUSH and GET_ID.
    EXPECT_EQ(Do(VPF_BLK_T_FLUSH, 0, 0, false, &used), VPF_BLK_S_OK);
    EXPECT_EQ(used, 1u);
    memset(Data(0), 0, 32);
    EXPECT_EQ(Do(VPF_BLK_T_GET_ID, 0, 32, true, &used), VPF_BLK_S_OK);
    EXPECT_EQ(used, 21u);
    EXPECT_EQ(0, memcmp(Data(0), "vpci-test-serial-001", 20));
    // WRITE_ZEROES of sectors 8..15, DISCARD of 20..23 (this device zeroes).
    EXPECT_EQ(Dwz(VPF_BLK_T_WRITE_ZEROES, {{8, 8, 0}}), VPF_BLK_S_OK);
    EXPECT_EQ(Dwz(VPF_BLK_T_DISCARD, {{20, 4, 0}, {30, 2, 0}}), VPF_BLK_S_OK);
    EXPECT_EQ(Dwz(VPF_BLK_T_WRITE_ZEROES, {{40, 1, VPF_BLK_WZ_F_UNMAP}}), VPF_BLK_S_OK);
    memset(shadow.data() + 8 * 512, 0, 8 * 512);
    memset(shadow.data() + 20 * 512, 0, 4 * 512);
    memset(shadow.data() + 30 * 512, 0, 2 * 512);
    memset(shadow.data() + 40 * 512, 0, 512);
    // Errors: flags, ranges, segment counts; nothing is touched.
    EXPECT_EQ(Dwz(VPF_BLK_T_DISCARD, {{0, 1, VPF_BLK_WZ_F_UNMAP}}), VPF_BLK_S_UNSUPP);
    EXPECT_EQ(Dwz(VPF_BLK_T_WRITE_ZEROES, {{0, 1, 0x80}}), VPF_BLK_S_UNSUPP);
    EXPECT_EQ(Dwz(VPF_BLK_T_DISCARD, {{cap - 1, 2, 0}}), VPF_BLK_S_IOERR);
    EXPECT_EQ(Dwz(VPF_BLK_T_WRITE_ZEROES, {{0, 1, 0}, {~0ull, 1, 0}}), VPF_BLK_S_IOERR);
    EXPECT_EQ(Dwz(VPF_BLK_T_DISCARD, std::vector<struct vpf_blk_dwz>(9, {0, 1, 0})),
              VPF_BLK_S_IOERR); // more than max_discard_seg (8)
    EXPECT_EQ(Do(VPF_BLK_T_DISCARD, 0, 8, false), VPF_BLK_S_IOERR); // not a whole segment
    // IN/OUT beyond the capacity, overflowing sector numbers, partial sectors.
    EXPECT_EQ(Do(VPF_BLK_T_IN, cap - 1, 2 * 512, true, &used), VPF_BLK_S_IOERR);
    EXPECT_EQ(used, 1u);
    EXPECT_EQ(Do(VPF_BLK_T_OUT, cap, 512, false), VPF_BLK_S_IOERR);
    EXPECT_EQ(Do(VPF_BLK_T_OUT, ~0ull - 1, 1024, false), VPF_BLK_S_IOERR);
    EXPECT_EQ(Do(VPF_BLK_T_IN, 0, 100, true), VPF_BLK_S_IOERR);
    EXPECT_EQ(Do(VPF_BLK_T_IN, cap - 1, 512, true), VPF_BLK_S_OK); // last sector is fine
    // Unknown and unsupported types.
    EXPECT_EQ(Do(99, 0, 0, false), VPF_BLK_S_UNSUPP);
    EXPECT_EQ(Do(VPF_BLK_T_GET_LIFETIME, 0, 16, true), VPF_BLK_S_UNSUPP);
    EXPECT_EQ(Do(VPF_BLK_T_SECURE_ERASE, 0, 16, false), VPF_BLK_S_UNSUPP);
    EXPECT_EQ(ReadBack(), 0u);
    EXPECT_TRUE(BackingMatches());
    struct vpf_blk_stats st;
    vpf_blk_get_stats(b, &st);
    EXPECT_EQ(st.flushes, 1u);
    EXPECT_EQ(st.get_ids, 1u);
    EXPECT_EQ(st.discards, 1u); // one request with two segments
    EXPECT_EQ(st.write_zeroes, 2u);
    EXPECT_EQ(st.bad_layout, 0u);
    EXPECT_FALSE(vpf_vq_broken(vpf_get_vq(vpf_blk_dev(b), 0)));
}

INSTANTIATE_TEST_SUITE_P(
    ModesAndDisks, BlkModes,
    ::testing::Combine(::testing::Values(VPF_MODE_INTERRUPT, VPF_MODE_POLL, VPF_MODE_ADAPTIVE),
                       ::testing::Bool()),
    [](const ::testing::TestParamInfo<std::tuple<enum vpf_mode, bool>> &i) {
        return std::string(ModeName(std::get<0>(i.param))) +
               (std::get<1>(i.param) ? "File" : "Ram");
    });

class Blk : public BlkEnv {};

TEST_F(Blk, ConfigSpaceDescribesTheDisk)
{
    struct vpf_blk_opts o = {};
    o.blk_size = 4096;
    o.discard = true;
    o.write_zeroes = true;
    o.num_queues = 2;
    Init(VPF_MODE_INTERRUPT, false, &o);
    Session();
    uint64_t f = 0;
    // GET_FEATURES again: the offered virtio-blk bits.
    ASSERT_TRUE(tm_get_u64(&m, VPCI_VU_REQ_GET_FEATURES, &f));
    EXPECT_TRUE(f & (1ull << VPF_VIRTIO_F_VERSION_1));
    EXPECT_TRUE(f & (1ull << VPF_VIRTIO_F_EVENT_IDX));
    EXPECT_TRUE(f & (1ull << VPF_BLK_F_BLK_SIZE));
    EXPECT_TRUE(f & (1ull << VPF_BLK_F_SEG_MAX));
    EXPECT_TRUE(f & (1ull << VPF_BLK_F_FLUSH));
    EXPECT_TRUE(f & (1ull << VPF_BLK_F_DISCARD));
    EXPECT_TRUE(f & (1ull << VPF_BLK_F_WRITE_ZEROES));
    EXPECT_TRUE(f & (1ull << VPF_BLK_F_MQ));
    EXPECT_FALSE(f & (1ull << VPF_BLK_F_RO));
    uint64_t qn = 0;
    ASSERT_TRUE(tm_get_u64(&m, VPCI_VU_REQ_GET_QUEUE_NUM, &qn));
    EXPECT_EQ(qn, 2u);
    uint8_t gc[12 + sizeof(struct vpf_blk_config)] = {};
    uint32_t len = sizeof(struct vpf_blk_config);
    memcpy(gc + 4, &len, 4);
    ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_GET_CONFIG, 0, gc, sizeof(gc), nullptr, 0), VPCI_OK);
    uint8_t rep[sizeof(gc)] = {};
    uint32_t sz = 0;
    ASSERT_TRUE(tm_wait_reply(&m, VPCI_VU_REQ_GET_CONFIG, rep, sizeof(rep), &sz));
    ASSERT_EQ(sz, sizeof(gc));
    struct vpf_blk_config c;
    memcpy(&c, rep + 12, sizeof(c));
    EXPECT_EQ(c.capacity, kDisk / 512);
    EXPECT_EQ(c.blk_size, 4096u);
    EXPECT_EQ(c.seg_max, VPF_ELEM_MAX_IOV - 2);
    EXPECT_EQ(c.num_queues, 2u);
    EXPECT_EQ(c.max_discard_seg, 8u);
    EXPECT_EQ(c.max_write_zeroes_sectors, 32768u);
    EXPECT_EQ(c.discard_sector_alignment, 8u);
    EXPECT_EQ(c.write_zeroes_may_unmap, 1u);
    // A read beyond the config space fails with an empty reply.
    uint32_t off = 90;
    len = 16;
    memcpy(gc, &off, 4);
    memcpy(gc + 4, &len, 4);
    ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_GET_CONFIG, 0, gc, 12 + 16, nullptr, 0), VPCI_OK);
    ASSERT_TRUE(tm_wait_reply(&m, VPCI_VU_REQ_GET_CONFIG, rep, sizeof(rep), &sz));
    EXPECT_EQ(sz, 0u);
    // SET_CONFIG is refused (no CONFIG_WCE): failed ack.
    uint8_t sc[13] = {};
    off = 32;
    len = 1;
    memcpy(sc, &off, 4);
    memcpy(sc + 4, &len, 4);
    ASSERT_EQ(tm_send(&m, VPCI_VU_REQ_SET_CONFIG, VPCI_VU_FLAG_NEED_REPLY, sc, 13, nullptr, 0), VPCI_OK);
    uint64_t ack = 0;
    ASSERT_TRUE(tm_wait_reply(&m, VPCI_VU_REQ_SET_CONFIG, &ack, 8, &sz));
    EXPECT_NE(ack, 0u);
}

TEST_F(Blk, DiscardAndWriteZeroesNotNegotiatedAreUnsupported)
{
    struct vpf_blk_opts o = {};
    o.discard = true;
    o.write_zeroes = true;
    Init(VPF_MODE_POLL, false, &o);
    Session(1, kRingFeatures | (1ull << VPF_BLK_F_FLUSH)); // the master acks neither
    EXPECT_EQ(Dwz(VPF_BLK_T_DISCARD, {{0, 1, 0}}), VPF_BLK_S_UNSUPP);
    EXPECT_EQ(Dwz(VPF_BLK_T_WRITE_ZEROES, {{0, 1, 0}}), VPF_BLK_S_UNSUPP);
    EXPECT_EQ(Do(VPF_BLK_T_FLUSH, 0, 0, false), VPF_BLK_S_OK);
}

TEST_F(Blk, NotOfferedWhenNotConfigured)
{
    Init(VPF_MODE_POLL, false);
    Session(); // the master wants everything; the device offered no discard
    EXPECT_FALSE(vpf_features(vpf_blk_dev(b)) & (1ull << VPF_BLK_F_DISCARD));
    EXPECT_EQ(Dwz(VPF_BLK_T_DISCARD, {{0, 1, 0}}), VPF_BLK_S_UNSUPP);
}

TEST_F(Blk, ReadOnlyDiskRefusesWrites)
{
    struct vpf_blk_opts o = {};
    o.read_only = true;
    o.write_zeroes = true;
    Init(VPF_MODE_INTERRUPT, false, &o);
    Session();
    EXPECT_TRUE(vpf_features(vpf_blk_dev(b)) & (1ull << VPF_BLK_F_RO));
    EXPECT_EQ(Do(VPF_BLK_T_OUT, 0, 512, false), VPF_BLK_S_IOERR);
    EXPECT_EQ(Dwz(VPF_BLK_T_WRITE_ZEROES, {{0, 1, 0}}), VPF_BLK_S_IOERR);
    EXPECT_EQ(Do(VPF_BLK_T_IN, 0, 512, true), VPF_BLK_S_OK);
}

TEST_F(Blk, FileSizeGivesTheCapacity)
{
    char path[] = "/tmp/vpci-blk-XXXXXX";
    int f = mkstemp(path);
    ASSERT_GE(f, 0);
    unlink(path);
    ASSERT_EQ(ftruncate(f, 1 << 20), 0);
    ASSERT_TRUE(tm_init(&m, 1, kRegion));
    hc = vpci_hal_core_create(nullptr, 0);
    ASSERT_NE(hc, nullptr);
    struct vpf_blk_opts o = {};
    o.fd = f;
    b = vpf_blk_create(vpci_hal_core_hal(hc), &o);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(vpf_blk_sectors(b), 2048u);
    EXPECT_EQ(vpf_blk_ram(b), nullptr);
    // Bad options are refused.
    o.fd = -1;
    o.capacity = 0;
    EXPECT_EQ(vpf_blk_create(vpci_hal_core_hal(hc), &o), nullptr); // RAM without size
    o.capacity = 1000;
    EXPECT_EQ(vpf_blk_create(vpci_hal_core_hal(hc), &o), nullptr); // not whole sectors
    close(f);
}

TEST_F(Blk, MultiqueueIoOnEveryQueue)
{
    struct vpf_blk_opts o = {};
    o.num_queues = 3;
    Init(VPF_MODE_ADAPTIVE, false, &o);
    Session(3);
    uint64_t seed = SeedFromEnv(0x3a3a);
    EXPECT_EQ(RandomIo(seed, 600, 3), 0u) << "seed " << seed;
    EXPECT_EQ(ReadBack(2), 0u);
    struct vpf_stats ls;
    vpf_get_stats(vpf_blk_dev(b), &ls);
    EXPECT_EQ(ls.bad_chains, 0u);
}

TEST_F(Blk, WithoutEventIdxOrIndirectTheRingsStillWork)
{
    Init(VPF_MODE_INTERRUPT, false);
    Session(1, kBlkFeatures | (1ull << VPF_VIRTIO_F_VERSION_1));
    EXPECT_FALSE(vpf_features(vpf_blk_dev(b)) & (1ull << VPF_VIRTIO_F_EVENT_IDX));
    uint64_t seed = SeedFromEnv(0x7e7e);
    EXPECT_EQ(RandomIo(seed, 300), 0u) << "seed " << seed;
    EXPECT_EQ(ReadBack(), 0u);
}

class BlkSleep : public BlkEnv, public ::testing::WithParamInterface<enum vpf_mode> {};

TEST_P(BlkSleep, IdleFirmwareSleepsOnTheInterruptAndWakesOnTheKick)
{
    Init(GetParam(), false);
    Session();
    // The master submits only while the firmware sleeps in irq_wait (the
    // direct port runs the idle hook there).
    static BlkEnv *self;
    static unsigned submitted;
    self = this;
    submitted = 0;
    vpci_hal_core_set_idle(hc, [](void *) -> bool {
        if (submitted >= 3)
            return false;
        unsigned s = submitted++;
        memset(self->Data(s), 0x30 + s, 512);
        memcpy(self->shadow.data() + s * 512, self->Data(s), 512);
        self->Submit(0, s, VPF_BLK_T_OUT, s, 512, false);
        tm_vq_kick(&self->m, 0, false);
        return true;
    }, nullptr);
    unsigned got = 0;
    for (int i = 0; i < 200 && got < 3; i++) {
        vpf_blk_step(b, 10);
        uint32_t id, len;
        while (tm_vq_used(&m, 0, &id, &len))
            got++;
    }
    EXPECT_EQ(got, 3u);
    struct vpci_hal_core_stats hs;
    vpci_hal_core_stats(hc, &hs);
    EXPECT_GT(hs.idle_calls, 0u);
    struct vpf_stats ls;
    vpf_get_stats(vpf_blk_dev(b), &ls);
    EXPECT_GT(ls.kicks, 0u);
    EXPECT_GT(ls.irqs, 0u);
    vpci_hal_core_set_idle(hc, nullptr, nullptr); // no more idle hook
    EXPECT_TRUE(BackingMatches());
}

INSTANTIATE_TEST_SUITE_P(Modes, BlkSleep, ::testing::Values(VPF_MODE_INTERRUPT, VPF_MODE_ADAPTIVE),
                         [](const ::testing::TestParamInfo<enum vpf_mode> &i) {
                             return std::string(ModeName(i.param));
                         });

// Malformed requests: the queue is broken (ERR rung once), the device and the
// other queues keep working.
class BlkBadLayout : public BlkEnv {
protected:
    void SetUp() override
    {
        struct vpf_blk_opts o = {};
        o.num_queues = 2;
        Init(VPF_MODE_INTERRUPT, false, &o);
        Session(2);
    }
    void ExpectBroken()
    {
        tm_vq_kick(&m, 0, true);
        for (int i = 0; i < 8; i++)
            Step();
        EXPECT_TRUE(vpf_vq_broken(vpf_get_vq(vpf_blk_dev(b), 0)));
        EXPECT_EQ(m.errs[0], 1u);
        uint32_t id, len;
        EXPECT_FALSE(tm_vq_used(&m, 0, &id, &len));
        struct vpf_blk_stats st;
        vpf_blk_get_stats(b, &st);
        EXPECT_EQ(st.bad_layout, 1u);
        EXPECT_EQ(Do(VPF_BLK_T_IN, 0, 512, true, nullptr, 1), VPF_BLK_S_OK);
        EXPECT_EQ(vpf_state(vpf_blk_dev(b)), VPF_STATE_RUNNING);
    }
};

TEST_F(BlkBadLayout, ChainWithoutStatusByteBreaksTheQueue)
{
    struct tm_buf d[2] = {{hdr[0], 16, false}, {data[0], 512, false}};
    uint32_t t = VPF_BLK_T_OUT;
    memcpy(tm_gpa(&m, hdr[0]), &t, 4);
    tm_vq_add(&m, 0, d, 2);
    ExpectBroken();
}

TEST_F(BlkBadLayout, ShortHeaderBreaksTheQueue)
{
    struct tm_buf d[2] = {{hdr[0], 8, false}, {hdr[0] + 16, 1, true}};
    tm_vq_add(&m, 0, d, 2);
    ExpectBroken();
}

TEST_F(BlkBadLayout, OnlyWritableDescriptorsBreakTheQueue)
{
    struct tm_buf d[1] = {{data[0], 4096, true}};
    tm_vq_add(&m, 0, d, 1);
    ExpectBroken();
}

TEST_F(BlkBadLayout, HeaderSplitOverDescriptorsIsFine)
{
    // Not an error: the header may span descriptors (virtio 1.x has no
    // framing requirement); the request is served.
    uint32_t t = VPF_BLK_T_GET_ID;
    memcpy(tm_gpa(&m, hdr[0]), &t, 4);
    memset(static_cast<uint8_t *>(tm_gpa(&m, hdr[0])) + 4, 0, 12);
    struct tm_buf d[4] = {{hdr[0], 5, false}, {hdr[0] + 5, 11, false}, {data[0], 20, true},
                          {hdr[0] + 16, 1, true}};
    uint16_t head = tm_vq_add(&m, 0, d, 4);
    auto got = Wait(0, 1);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].first, head);
    EXPECT_EQ(got[0].second, 21u);
    EXPECT_EQ(tm_blk_status(&m, hdr[0]), VPF_BLK_S_OK);
    EXPECT_EQ(0, memcmp(Data(0), "vpci-test-serial-001", 20));
}

// A master that disconnects in the middle of I/O and reconnects: the requests
// served before the disconnect are on the disk, the ones published but not
// served are not, nothing is torn, and the new session continues.
class BlkDisconnect : public BlkEnv, public ::testing::WithParamInterface<enum vpf_mode> {};

TEST_P(BlkDisconnect, DisconnectMidIoThenReconnectKeepsTheDiskConsistent)
{
    Init(GetParam(), true);
    Session();
    uint64_t seed = SeedFromEnv(0xd15c);
    EXPECT_EQ(RandomIo(seed, 200), 0u) << "seed " << seed;
    // Batch 1 is served; batch 2 is published and kicked but the master goes
    // away before the firmware runs again.
    for (unsigned s = 0; s < 4; s++) {
        memset(Data(s), 0x10 + s, 4096);
        Submit(0, s, VPF_BLK_T_OUT, 100 + 8 * s, 4096, false, 2);
        memcpy(shadow.data() + (100 + 8 * s) * 512, Data(s), 4096);
    }
    ASSERT_EQ(Wait(0, 4).size(), 4u);
    for (unsigned s = 4; s < 8; s++) {
        memset(Data(s), 0x20 + s, 4096);
        Submit(0, s, VPF_BLK_T_OUT, 100 + 8 * s, 4096, false, 2);
    }
    tm_vq_kick(&m, 0, true);
    uint8_t s1 = vpf_session(vpf_blk_dev(b));
    tm_disconnect(&m);
    for (int i = 0; i < 4; i++)
        Step();
    EXPECT_FALSE(vpf_master_up(vpf_blk_dev(b)));
    EXPECT_FALSE(vpf_vq_ready(vpf_get_vq(vpf_blk_dev(b), 0)));
    EXPECT_EQ(tm_blk_status(&m, hdr[4]), 0xee); // never served
    EXPECT_TRUE(BackingMatches());
    // Reconnect: a new session from its first message; the disk is the same.
    ASSERT_EQ(tm_connect(&m), VPCI_OK);
    for (int i = 0; i < 4; i++)
        Step();
    EXPECT_NE(vpf_session(vpf_blk_dev(b)), s1);
    m.brk = 0x1000;
    Session();
    EXPECT_EQ(ReadBack(), 0u);
    EXPECT_EQ(RandomIo(seed + 1, 300), 0u) << "seed " << seed + 1;
    EXPECT_EQ(ReadBack(), 0u);
    EXPECT_TRUE(BackingMatches());
    EXPECT_EQ(m.closes, 0u);
}

TEST_P(BlkDisconnect, DisconnectAtEveryRequestBoundaryOfABatch)
{
    Init(GetParam(), false);
    for (unsigned cut = 0; cut < 4; cut++) {
        m.brk = 0x1000;
        Session();
        // @cut requests are served, then one more is published and the
        // master disconnects.
        for (unsigned s = 0; s < cut; s++) {
            memset(Data(s), (int)(0x40 + cut * 4 + s), 512);
            memcpy(shadow.data() + (cut * 8 + s) * 512, Data(s), 512);
            Submit(0, s, VPF_BLK_T_OUT, cut * 8 + s, 512, false);
            ASSERT_EQ(Wait(0, 1).size(), 1u);
        }
        memset(Data(cut), 0x99, 512);
        Submit(0, cut, VPF_BLK_T_OUT, cut * 8 + cut, 512, false);
        tm_disconnect(&m);
        for (int i = 0; i < 4; i++)
            Step();
        EXPECT_TRUE(BackingMatches()) << "cut " << cut;
        ASSERT_EQ(tm_connect(&m), VPCI_OK);
        for (int i = 0; i < 4; i++)
            Step();
    }
    m.brk = 0x1000;
    Session();
    EXPECT_EQ(ReadBack(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Modes, BlkDisconnect,
                         ::testing::Values(VPF_MODE_INTERRUPT, VPF_MODE_POLL, VPF_MODE_ADAPTIVE),
                         [](const ::testing::TestParamInfo<enum vpf_mode> &i) {
                             return std::string(ModeName(i.param));
                         });

} // namespace
