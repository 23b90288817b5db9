// SPDX-License-Identifier: MIT
// test_iotlb.cpp - the device IOTLB (spec §8.8) on the direct HAL port: a
// test master with a vIOMMU acks VIRTIO_F_ACCESS_PLATFORM, gives IOVAs for
// its rings and descriptors and answers the firmware's IOTLB misses
// (BACKEND_IOTLB_MSG, VHOST_IOTLB_MISS) with one 4 KiB update each, as QEMU
// does (vhost_device_iotlb_miss). The virtio-blk backend serves it:
//  - seeded I/O checked against a shadow disk while the master unmaps and
//    remaps data buffers at new IOVAs and invalidates the rings' entries;
//  - a write into a page mapped read-only, a read from a page mapped
//    write-only: permission faults fail only that queue;
//  - a miss never answered fails only that queue after the timeout (held,
//    not failed, before it);
//  - a translation outside the memory table fails only that queue.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <random>
#include <vector>

#include "blk.h"
#include "hal_core.h"
#include "test_master.h"
#include "vpf.h"

namespace {

constexpr uint64_t kRegion = 16ull << 20;
constexpr uint64_t kDisk = 4ull << 20;
constexpr unsigned kRing = 128;
constexpr unsigned kSlots = 8;
constexpr uint32_t kSlotBytes = 16 * 1024; // 4 pages
constexpr uint64_t kPage = 4096;
constexpr uint64_t kIovaFixed = 0x7f0000000000ull; // region 0 (rings, headers): gpa + this
constexpr uint64_t kIovaData = 0x100000000000ull;  // data slots: a fresh range per mapping
constexpr uint8_t kRO = 1, kWO = 2, kRW = 3;
constexpr uint64_t kFeatures = (1ull << VPF_VIRTIO_F_EVENT_IDX) | (1ull << VPF_VIRTIO_F_INDIRECT_DESC) |
                               (1ull << VPF_VIRTIO_F_VERSION_1) | (1ull << VPF_BLK_F_MQ) |
                               (1ull << VPF_BLK_F_FLUSH) | (1ull << VPF_VIRTIO_F_ACCESS_PLATFORM);
constexpr uint64_t kProto = (1ull << VPCI_PROTO_F_MQ) | (1ull << VPCI_PROTO_F_REPLY_ACK) |
                            (1ull << VPCI_PROTO_F_BACKEND_REQ) | (1ull << VPCI_PROTO_F_CONFIG);

struct IotlbMsg {
    uint64_t iova, size, uaddr;
    uint8_t perm, type;
    uint8_t pad[6];
};
static_assert(sizeof(IotlbMsg) == 32, "struct vhost_iotlb_msg");

struct Pte {
    uint64_t gpa; // page
    uint8_t perm;
};

class Iotlb : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(tm_init(&m, 2, kRegion));
        struct vpci_params p;
        vpci_params_default(&p);
        p.num_vqs = 4;
        p.msix_vectors = 5;
        p.mem_win_log2 = 26;
        hc = vpci_hal_core_create(&p, 0);
        ASSERT_NE(hc, nullptr);
        tm_attach(&m, vpci_hal_core_core(hc));
        m.pump = [](void *ctx) { static_cast<Iotlb *>(ctx)->Step(); };
        m.pump_ctx = this;
        struct vpf_blk_opts o = {};
        o.mode = VPF_MODE_INTERRUPT;
        o.fd = -1;
        o.capacity = kDisk;
        o.num_queues = 3;
        b = vpf_blk_create(vpci_hal_core_hal(hc), &o);
        ASSERT_NE(b, nullptr);
        ASSERT_EQ(vpf_blk_start(b), 0);
        ASSERT_EQ(tm_connect(&m), VPCI_OK);
        shadow.assign(kDisk, 0);
    }
    void TearDown() override
    {
        vpf_blk_destroy(b);
        vpci_hal_core_destroy(hc);
        tm_fini(&m);
    }
    void Step() { vpf_blk_step(b, step_ms); }
    struct vpf_stats Stats()
    {
        struct vpf_stats s;
        vpf_get_stats(vpf_blk_dev(b), &s);
        return s;
    }

    // ---- the master's vIOMMU ----
    static uint64_t DmaAddr(void *ctx, uint64_t gpa)
    {
        auto *t = static_cast<Iotlb *>(ctx);
        uint64_t r1 = t->m.reg[1].gpa;
        if (gpa >= r1 && gpa - r1 < kSlots * kSlotBytes) {
            unsigned s = (unsigned)((gpa - r1) / kSlotBytes);
            return t->slot_iova[s] + (gpa - r1) % kSlotBytes;
        }
        return gpa + kIovaFixed;
    }
    // Map @s at a new IOVA range with @perm (the old one, if any, invalidated).
    void MapSlot(unsigned s, uint8_t perm)
    {
        if (slot_iova[s])
            UnmapSlot(s);
        slot_iova[s] = next_iova;
        next_iova += kSlotBytes + kPage; // a hole between mappings
        for (uint64_t o = 0; o < kSlotBytes; o += kPage)
            pt[slot_iova[s] + o] = {data[s] + o, perm};
    }
    // The driver unmaps @s: page table entries gone, device IOTLB invalidated.
    void UnmapSlot(unsigned s)
    {
        for (uint64_t o = 0; o < kSlotBytes; o += kPage)
            pt.erase(slot_iova[s] + o);
        Invalidate(slot_iova[s], kSlotBytes);
        slot_iova[s] = 0;
    }
    bool IotlbReq(const IotlbMsg &msg)
    {
        if (tm_send(&m, VPCI_VU_REQ_IOTLB_MSG, VPCI_VU_FLAG_NEED_REPLY, &msg, sizeof(msg), nullptr, 0) !=
            VPCI_OK)
            return false;
        uint64_t r = ~0ull;
        uint32_t sz = 0;
        return tm_wait_reply(&m, VPCI_VU_REQ_IOTLB_MSG, &r, 8, &sz) && sz == 8 && r == 0;
    }
    void Invalidate(uint64_t iova, uint64_t size)
    {
        IotlbMsg msg = {iova, size, 0, 0, 3, {}};
        ASSERT_TRUE(IotlbReq(msg));
        invalidations++;
    }
    // Answer the IOTLB misses the firmware sent (QEMU: one page per miss);
    // unmapped IOVAs get no answer. @bad_uaddr: answer with that instead.
    void ServeMisses()
    {
        std::vector<tm_msg> got(m.backend, m.backend + m.be_count);
        m.be_count = 0;
        for (const tm_msg &t : got) {
            uint32_t req, size;
            memcpy(&req, t.data, 4);
            memcpy(&size, t.data + 8, 4);
            ASSERT_EQ(req, (uint32_t)VPCI_VU_REQ_BACKEND_IOTLB_MSG);
            ASSERT_EQ(size, 32u);
            IotlbMsg miss;
            memcpy(&miss, t.data + 12, 32);
            ASSERT_EQ(miss.type, 1u);
            misses++;
            miss_perms.push_back(miss.perm);
            uint64_t page = miss.iova & ~(kPage - 1);
            auto it = pt.find(page);
            if (it == pt.end()) {
                unanswered.push_back(miss.iova);
                continue;
            }
            uint64_t ua = bad_uaddr ? bad_uaddr : tm_uva(&m, it->second.gpa);
            IotlbMsg up = {page, kPage, ua, it->second.perm, 2, {}};
            ASSERT_TRUE(IotlbReq(up));
            updates++;
        }
    }
    void MapFixed()
    {
        // Region 0 (rings and request headers) read-write at gpa + kIovaFixed.
        for (uint64_t o = 0; o < (1u << 20); o += kPage)
            pt[m.reg[0].gpa + o + kIovaFixed] = {m.reg[0].gpa + o, kRW};
    }
    void Session(unsigned nq)
    {
        uint64_t f = 0;
        ASSERT_TRUE(tm_get_u64(&m, VPCI_VU_REQ_GET_FEATURES, &f));
        ASSERT_TRUE((f >> VPF_VIRTIO_F_ACCESS_PLATFORM) & 1) << "ACCESS_PLATFORM offered";
        ASSERT_TRUE(tm_negotiate(&m, kFeatures, kProto));
        ASSERT_TRUE((m.features >> VPF_VIRTIO_F_ACCESS_PLATFORM) & 1);
        ASSERT_TRUE(tm_set_mem_table(&m, true));
        for (unsigned s = 0; s < kSlots; s++) {
            hdr[s] = tm_alloc(&m, 32, 16);
            data[s] = m.reg[1].gpa + (uint64_t)s * kSlotBytes;
        }
        MapFixed();
        for (unsigned s = 0; s < kSlots; s++)
            MapSlot(s, kRW);
        invalidations = 0;
        m.dma_addr = DmaAddr;
        m.dma_ctx = this;
        for (unsigned q = 0; q < nq; q++)
            ASSERT_TRUE(tm_vring_start(&m, q, kRing, true, true));
        for (int i = 0; i < 8; i++) {
            Step();
            ServeMisses();
        }
    }
    uint8_t *Data(unsigned s) { return static_cast<uint8_t *>(tm_gpa(&m, data[s])); }
    uint16_t Submit(unsigned q, unsigned s, uint32_t type, uint64_t sector, uint32_t bytes)
    {
        struct tm_buf d = {data[s], bytes, type == VPF_BLK_T_IN};
        return tm_blk_submit(&m, q, type, sector, hdr[s], &d, 1);
    }
    // Pump (answering misses) until @n completions arrived on @q.
    std::vector<uint32_t> Wait(unsigned q, unsigned n, unsigned rounds = 400)
    {
        std::vector<uint32_t> ids;
        tm_vq_kick(&m, q, false);
        for (unsigned i = 0; i < rounds && ids.size() < n; i++) {
            Step();
            ServeMisses();
            uint32_t id, len;
            while (tm_vq_used(&m, q, &id, &len))
                ids.push_back(id);
        }
        return ids;
    }
    // One write and read-back of @bytes at @sector through slot @s on @q.
    bool WriteRead(unsigned q, unsigned s, uint64_t sector, uint32_t bytes)
    {
        for (uint32_t i = 0; i < bytes; i++)
            Data(s)[i] = (uint8_t)rng();
        memcpy(shadow.data() + sector * 512, Data(s), bytes);
        Submit(q, s, VPF_BLK_T_OUT, sector, bytes);
        if (Wait(q, 1).size() != 1 || tm_blk_status(&m, hdr[s]) != 0)
            return false;
        memset(Data(s), 0x5a, bytes);
        Submit(q, s, VPF_BLK_T_IN, sector, bytes);
        if (Wait(q, 1).size() != 1 || tm_blk_status(&m, hdr[s]) != 0)
            return false;
        return memcmp(Data(s), shadow.data() + sector * 512, bytes) == 0;
    }

    struct test_master m = {};
    struct vpci_hal_core *hc = nullptr;
    struct vpf_blk *b = nullptr;
    uint32_t step_ms = 0;
    std::map<uint64_t, Pte> pt; // IOVA page -> guest page
    uint64_t slot_iova[kSlots] = {};
    uint64_t next_iova = kIovaData;
    uint64_t hdr[kSlots] = {}, data[kSlots] = {};
    uint64_t bad_uaddr = 0;
    unsigned misses = 0, updates = 0, invalidations = 0;
    std::vector<uint8_t> miss_perms;
    std::vector<uint64_t> unanswered;
    std::vector<uint8_t> shadow;
    std::mt19937_64 rng{11};
};

// Seeded writes and read-backs in batches while the master unmaps and
// remaps every buffer it used at a new IOVA, and invalidates the rings'
// entries (the firmware misses them again and goes on).
TEST_F(Iotlb, IoWhileTheMasterMapsUnmapsAndRemaps)
{
    Session(1);
    const uint64_t sectors = kDisk / 512;
    unsigned ok = 0;
    for (unsigned round = 0; round < 40; round++) {
        unsigned batch = 1 + (unsigned)(rng() % kSlots);
        std::vector<uint64_t> sec(batch);
        std::vector<uint32_t> len(batch);
        // Writes of the whole batch in flight at once.
        for (unsigned s = 0; s < batch; s++) {
            len[s] = (uint32_t)(1 + rng() % (kSlotBytes / 512)) * 512;
            sec[s] = (s * (sectors / kSlots)) + rng() % (sectors / kSlots - len[s] / 512);
            for (uint32_t i = 0; i < len[s]; i++)
                Data(s)[i] = (uint8_t)rng();
            memcpy(shadow.data() + sec[s] * 512, Data(s), len[s]);
            Submit(0, s, VPF_BLK_T_OUT, sec[s], len[s]);
        }
        // Under running I/O: an idle slot is remapped, the rings' entries invalidated.
        if (batch < kSlots)
            MapSlot(kSlots - 1, kRW);
        if (round % 7 == 3)
            Invalidate(kIovaFixed, 1u << 20);
        ASSERT_EQ(Wait(0, batch).size(), batch) << "round " << round;
        for (unsigned s = 0; s < batch; s++) {
            ASSERT_EQ(tm_blk_status(&m, hdr[s]), 0) << "write, round " << round;
            MapSlot(s, kRW); // unmapped after use, mapped again elsewhere
            memset(Data(s), 0x5a, len[s]);
            Submit(0, s, VPF_BLK_T_IN, sec[s], len[s]);
        }
        ASSERT_EQ(Wait(0, batch).size(), batch) << "round " << round;
        for (unsigned s = 0; s < batch; s++) {
            ASSERT_EQ(tm_blk_status(&m, hdr[s]), 0) << "read, round " << round;
            EXPECT_EQ(memcmp(Data(s), shadow.data() + sec[s] * 512, len[s]), 0) << "round " << round;
            MapSlot(s, kRW);
            ok++;
        }
    }
    struct vpf_stats st = Stats();
    printf("[ iotlb ] %u requests ok, misses=%llu updates=%llu invalidations=%llu\n", 2 * ok,
           (unsigned long long)st.iotlb_misses, (unsigned long long)st.iotlb_updates,
           (unsigned long long)st.iotlb_invalidations);
    EXPECT_EQ(st.bad_chains, 0u);
    EXPECT_EQ(m.errs[0], 0u);
    EXPECT_EQ(st.iotlb_misses, misses);
    EXPECT_EQ(st.iotlb_updates, updates);
    EXPECT_EQ(st.iotlb_invalidations, invalidations);
    EXPECT_EQ(st.iotlb_faults, 0u);
    EXPECT_TRUE(unanswered.empty());
    // Every buffer was remapped before reuse: each request missed again.
    EXPECT_GE(st.iotlb_misses, 2u * ok);
    // Writable buffers were asked for with write access, readable ones read.
    bool wo = false, ro = false;
    for (uint8_t p : miss_perms) {
        wo |= p == kWO;
        ro |= p == kRO;
    }
    EXPECT_TRUE(wo && ro);
}

// The pages of one chain that miss are asked for together (one round trip,
// not one per page), each once; the chain completes after one answer round.
TEST_F(Iotlb, MissesOfOneChainGoOutTogether)
{
    Session(1);
    MapSlot(0, kRW); // a fresh IOVA range: its 4 pages miss
    Submit(0, 0, VPF_BLK_T_OUT, 0, kSlotBytes);
    tm_vq_kick(&m, 0, false);
    for (int i = 0; i < 4; i++)
        Step(); // no answers yet
    std::vector<uint64_t> asked;
    for (unsigned i = 0; i < m.be_count; i++) {
        uint64_t iova;
        memcpy(&iova, m.backend[i].data + 12, 8);
        asked.push_back(iova & ~(kPage - 1));
    }
    std::vector<uint64_t> want;
    for (uint64_t o = 0; o < kSlotBytes; o += kPage)
        want.push_back(slot_iova[0] + o);
    EXPECT_EQ(asked, want) << "each page of the buffer once, in order, before any answer";
    ServeMisses();
    std::vector<uint32_t> done;
    for (int i = 0; i < 4; i++) {
        Step();
        uint32_t id, len;
        while (tm_vq_used(&m, 0, &id, &len))
            done.push_back(id);
    }
    EXPECT_EQ(done.size(), 1u) << "served after one round of answers";
    EXPECT_EQ(m.be_count, 0u) << "no further miss";
    EXPECT_EQ(tm_blk_status(&m, hdr[0]), 0);
}

// A page mapped read-only that the device must write, and one mapped
// write-only that it must read: each fails its queue alone (ERR), the
// third queue goes on.
TEST_F(Iotlb, PermissionFaultsFailOnlyTheirQueue)
{
    Session(3);
    MapSlot(0, kRO);
    MapSlot(1, kWO);
    Submit(0, 0, VPF_BLK_T_IN, 0, 4096); // device writes into a read-only page
    Submit(1, 1, VPF_BLK_T_OUT, 8, 4096); // device reads a write-only page
    Wait(0, 1, 50);
    Wait(1, 1, 50);
    EXPECT_EQ(m.errs[0], 1u);
    EXPECT_EQ(m.errs[1], 1u);
    EXPECT_TRUE(vpf_vq_broken(vpf_get_vq(vpf_blk_dev(b), 0)));
    EXPECT_TRUE(vpf_vq_broken(vpf_get_vq(vpf_blk_dev(b), 1)));
    EXPECT_GE(Stats().iotlb_faults, 2u);
    EXPECT_TRUE(WriteRead(2, 2, 100, 8192));
    EXPECT_EQ(m.errs[2], 0u);
}

// A miss the master never answers holds its queue (no ERR, not broken)
// while another queue is served; after the timeout (2 s, HAL clock) only
// that queue fails.
TEST_F(Iotlb, MissNeverAnsweredFailsOnlyThatQueue)
{
    Session(2);
    // Slot 0's buffer at an IOVA the vIOMMU has no entry for.
    for (uint64_t o = 0; o < kSlotBytes; o += kPage)
        pt.erase(slot_iova[0] + o);
    Submit(0, 0, VPF_BLK_T_OUT, 0, 4096);
    Wait(0, 1, 20);
    ASSERT_EQ(unanswered.size(), 1u);
    EXPECT_EQ(unanswered[0], slot_iova[0]);
    EXPECT_EQ(m.errs[0], 0u);
    EXPECT_FALSE(vpf_vq_broken(vpf_get_vq(vpf_blk_dev(b), 0)));
    EXPECT_TRUE(WriteRead(1, 1, 64, 4096)) << "the other queue is served meanwhile";
    EXPECT_EQ(Stats().iotlb_timeouts, 0u);
    step_ms = 100; // idle waits now take virtual time
    for (unsigned i = 0; i < 40 && !m.errs[0]; i++) {
        Step();
        ServeMisses();
    }
    EXPECT_EQ(m.errs[0], 1u);
    EXPECT_TRUE(vpf_vq_broken(vpf_get_vq(vpf_blk_dev(b), 0)));
    EXPECT_EQ(Stats().iotlb_timeouts, 1u);
    EXPECT_EQ(unanswered.size(), 1u) << "one miss per IOVA, not one per pump";
    step_ms = 0;
    EXPECT_TRUE(WriteRead(1, 1, 72, 4096));
    EXPECT_EQ(m.errs[1], 0u);
}

// An answer that translates outside the master's memory table fails only
// that queue; a malformed update is refused (reply 1).
TEST_F(Iotlb, BadTranslationFailsOnlyThatQueue)
{
    Session(2);
    IotlbMsg bad = {kIovaData, kPage, 0x1000, 0 /* no access */, 2, {}};
    EXPECT_FALSE(IotlbReq(bad));
    MapSlot(0, kRW);
    bad_uaddr = 0x10000; // not a user address of any region
    Submit(0, 0, VPF_BLK_T_OUT, 0, 4096);
    Wait(0, 1, 20);
    bad_uaddr = 0;
    EXPECT_EQ(m.errs[0], 1u);
    EXPECT_TRUE(vpf_vq_broken(vpf_get_vq(vpf_blk_dev(b), 0)));
    EXPECT_GE(Stats().iotlb_faults, 1u);
    EXPECT_TRUE(WriteRead(1, 1, 64, 4096));
    EXPECT_EQ(m.errs[1], 0u);
}

} // namespace
