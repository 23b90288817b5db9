// SPDX-License-Identifier: MIT
// Tests of model/msgq.c: the M2S and S2M queue engines (docs/spec.md §5):
// ring layout and phase, message framing, TOO_SMALL, bad rings, DMA failures
// on every step, late completions, TAIL overflow, enable/disable in flight,
// reset, BUS_MASTER, the ordering rules of §5.7 and malformed S2M messages.
//
// M2S messages are pushed into the wait FIFO directly (push_msg) so the
// engine is tested without the relay; the end-to-end tests at the bottom go
// through vpci_master_msg.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <vector>

#include "fake_platform.h"
extern "C" {
#include "vpci_internal.h"
}

namespace {

constexpr uint32_t kMsiAddr = 0xfee00000u;
constexpr uint32_t kMsiData = 0x4321u;

struct Cpl {
    uint32_t len;
    uint16_t id;
    uint8_t status, flags, session;
    uint32_t request;
};

class Msgq : public ::testing::Test {
protected:
    void SetUp() override
    {
        fake_init(&f, nullptr);
        ASSERT_NE(f.core, nullptr);
        c = f.core;
    }
    void TearDown() override { fake_fini(&f); }

    void init(unsigned log2 = 3) { ASSERT_TRUE(fake_driver_init(&d, &f, log2)); }

    // Test-only producer of the wait FIFO (relay.c's side of it).
    void push_msg(uint32_t request, uint32_t payload, uint8_t chan = 0, uint8_t session = 0)
    {
        vpci_msg_slot *slot = vpci_fifo_tail(c);
        ASSERT_NE(slot, nullptr);
        vpci_msg_slot &s = *slot;
        s.len = VPCI_MSG_HDR_SIZE + payload;
        s.chan = chan;
        s.session = session;
        uint32_t flags = VPCI_VU_FLAG_VERSION;
        memcpy(s.data, &request, 4);
        memcpy(s.data + 4, &flags, 4);
        memcpy(s.data + 8, &payload, 4);
        for (uint32_t i = 0; i < payload; i++)
            s.data[VPCI_MSG_HDR_SIZE + i] = (uint8_t)(request * 7 + i);
        vpci_fifo_push(c);
        vpci_enter(c);
        vpci_kick_engines(c);
        vpci_leave(c);
    }

    Cpl cpl_at(const fake_ring &r, unsigned idx)
    {
        const uint8_t *p = fake_ptr(&f, r.cpl + 16ull * (idx & ((1u << r.log2) - 1)));
        Cpl x;
        x.len = vpci_le32(p);
        x.id = vpci_le16(p + 4);
        x.status = p[6];
        x.flags = p[7];
        x.session = p[8];
        x.request = vpci_le32(p + 12);
        EXPECT_EQ(p[9], 0);
        EXPECT_EQ(vpci_le16(p + 10), 0);
        return x;
    }

    // Post one M2S descriptor of @len bytes at @addr (does not write TAIL).
    void put_m2s_desc(uint64_t addr, uint32_t len, uint16_t id)
    {
        uint8_t *p = fake_ptr(&f, d.m2s.desc + 16ull * (d.m2s.tail & ((1u << d.m2s.log2) - 1)));
        memset(p, 0, 16);
        vpci_put_le64(p, addr);
        vpci_put_le32(p + 8, len);
        vpci_put_le16(p + 12, id);
        d.m2s.tail++;
    }
    void put_s2m_desc(uint64_t addr, uint32_t len, uint16_t id, uint8_t flags, uint8_t session)
    {
        uint8_t *p = fake_ptr(&f, d.s2m.desc + 16ull * (d.s2m.tail & ((1u << d.s2m.log2) - 1)));
        vpci_put_le64(p, addr);
        vpci_put_le32(p + 8, len);
        vpci_put_le16(p + 12, id);
        p[14] = flags;
        p[15] = session;
        d.s2m.tail++;
    }

    uint32_t rd(uint32_t off) { return fake_rd32(&f, off); }
    void wr(uint32_t off, uint32_t v) { fake_wr32(&f, off, v); }
    uint32_t qstatus(bool s2m) { return rd(s2m ? VPCI_S2M_QSTATUS_OFFSET : VPCI_M2S_QSTATUS_OFFSET); }
    uint32_t head(bool s2m) { return rd(s2m ? VPCI_S2M_HEAD_OFFSET : VPCI_M2S_HEAD_OFFSET); }
    uint32_t err_code() { return rd(VPCI_ADAPTER_ERROR_INFO_OFFSET) & 0xffu; }
    uint32_t err_detail() { return rd(VPCI_ADAPTER_ERROR_INFO_OFFSET) >> 8; }
    uint32_t err_cause() { return rd(VPCI_ADAPTER_ERROR_CAUSE_OFFSET); }
    uint32_t int_cause() { return rd(VPCI_ADAPTER_INT_CAUSE_OFFSET); }

    // MSI-X vector 0 for adapter events, M2S_CPL and S2M_CPL enabled.
    void setup_msix()
    {
        wr(VPCI_MSIX_TBL_OFFSET + 0, kMsiAddr);
        wr(VPCI_MSIX_TBL_OFFSET + 4, 0);
        wr(VPCI_MSIX_TBL_OFFSET + 8, kMsiData);
        wr(VPCI_MSIX_TBL_OFFSET + 12, 0);
        uint32_t mc = vpci_cfg_read(c, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2);
        vpci_cfg_write(c, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, mc | VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
        wr(VPCI_ADAPTER_INT_VECTOR_OFFSET, 0);
        wr(VPCI_ADAPTER_INT_ENABLE_OFFSET,
           VPCI_ADAPTER_INT_ENABLE_M2S_CPL_MASK | VPCI_ADAPTER_INT_ENABLE_S2M_CPL_MASK);
    }

    // Complete deferred request @i (not necessarily the oldest).
    void complete_at(unsigned i)
    {
        ASSERT_LT(i, f.npending);
        struct vpci_dma_req r = f.pending[i];
        f.pending[i] = f.pending[0];
        f.pending[0] = r;
        // keep the others in order
        if (i > 1) {
            struct vpci_dma_req moved = f.pending[i];
            memmove(&f.pending[2], &f.pending[1], (i - 1) * sizeof(f.pending[0]));
            f.pending[1] = moved;
        }
        fake_complete_one(&f);
    }
    int pending_to(uint64_t addr)
    {
        for (unsigned i = 0; i < f.npending; i++)
            if (f.pending[i].addr == addr)
                return (int)i;
        return -1;
    }
    unsigned fifo_count() const { return vpci_fifo_count(c); }
    void bus_master(bool on)
    {
        uint32_t cmd = vpci_cfg_read(c, VPCI_CFG_COMMAND_OFFSET, 2);
        cmd = on ? cmd | VPCI_CFG_COMMAND_BUS_MASTER_MASK : cmd & ~VPCI_CFG_COMMAND_BUS_MASTER_MASK;
        vpci_cfg_write(c, VPCI_CFG_COMMAND_OFFSET, 2, cmd);
    }
    unsigned ev_index(enum fake_ev_type t, uint64_t addr, unsigned from = 0)
    {
        for (unsigned i = from; i < f.nev; i++)
            if (f.ev[i].type == t && (t == FAKE_EV_MSI || f.ev[i].a == addr))
                return i;
        return ~0u;
    }

    // On the heap: the platform's event log is large.
    std::unique_ptr<fake_platform> fp = std::make_unique<fake_platform>();
    fake_platform &f = *fp;
    fake_driver d;
    vpci_core *c = nullptr;
};

// ---------------------------------------------------------------------------
// M2S delivery and framing (spec §5.1, §5.4)
// ---------------------------------------------------------------------------

TEST_F(Msgq, M2sDeliversMessageAndCompletionFields)
{
    init();
    push_msg(1, 8, 1, 7);
    Cpl x = cpl_at(d.m2s, 0);
    EXPECT_EQ(x.status, VPCI_CPL_STATUS_OK);
    EXPECT_EQ(x.len, 20u);
    EXPECT_EQ(x.id, 0u);
    EXPECT_EQ(x.flags, 0x1 | 0x2); // PHASE 1, CHANNEL 1
    EXPECT_EQ(x.session, 7);
    EXPECT_EQ(x.request, 1u);
    const uint8_t *buf = fake_ptr(&f, d.buf_base);
    EXPECT_EQ(vpci_le32(buf), 1u);
    EXPECT_EQ(vpci_le32(buf + 8), 8u);
    for (unsigned i = 0; i < 8; i++)
        EXPECT_EQ(buf[12 + i], (uint8_t)(7 + i));
    EXPECT_EQ(head(false), 1u);
    EXPECT_EQ(fifo_count(), 0u);
    EXPECT_NE(int_cause() & VPCI_ADAPTER_INT_CAUSE_M2S_CPL_MASK, 0u);
    vpci_stats st;
    vpci_core_stats(c, &st);
    EXPECT_EQ(st.m2s_msgs, 1u);
}

TEST_F(Msgq, M2sWritesExactlyTheMessageBytes)
{
    init();
    memset(fake_ptr(&f, d.buf_base), 0xee, 4096);
    push_msg(2, 4);
    const uint8_t *buf = fake_ptr(&f, d.buf_base);
    EXPECT_EQ(buf[15], (uint8_t)(14 + 3));
    EXPECT_EQ(buf[16], 0xee); // nothing beyond 12 + size
}

TEST_F(Msgq, M2sMaximumSizeMessage)
{
    init();
    push_msg(3, VPCI_MAX_MSG_SIZE - VPCI_MSG_HDR_SIZE);
    Cpl x = cpl_at(d.m2s, 0);
    EXPECT_EQ(x.status, VPCI_CPL_STATUS_OK);
    EXPECT_EQ(x.len, VPCI_MAX_MSG_SIZE);
    EXPECT_EQ(fake_ptr(&f, d.buf_base)[4095], (uint8_t)(21 + 4083));
}

TEST_F(Msgq, M2sWaitsForDriverOkAndForMessages)
{
    init(2); // lays out rings and posted buffers; then bring up again by hand
    wr(VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_MASK);
    wr(VPCI_ADAPTER_DRV_FEATURES_SEL_OFFSET, 1);
    wr(VPCI_ADAPTER_DRV_FEATURES_OFFSET, 1u << (VPCI_ADAPTER_FEATURE_VERSION_1 - 32));
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_FEATURES_OK_MASK);
    ASSERT_NE(rd(VPCI_ADAPTER_STATUS_OFFSET) & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK, 0u);
    wr(VPCI_M2S_RING_BASE_LO_OFFSET, (uint32_t)d.m2s.desc);
    wr(VPCI_M2S_RING_BASE_HI_OFFSET, (uint32_t)(d.m2s.desc >> 32));
    wr(VPCI_M2S_CPL_BASE_LO_OFFSET, (uint32_t)d.m2s.cpl);
    wr(VPCI_M2S_CPL_BASE_HI_OFFSET, (uint32_t)(d.m2s.cpl >> 32));
    wr(VPCI_M2S_SIZE_OFFSET, 2);
    wr(VPCI_M2S_CTRL_OFFSET, VPCI_M2S_CTRL_ENABLE_MASK);
    wr(VPCI_M2S_TAIL_OFFSET, 4);
    push_msg(1, 0);
    EXPECT_EQ(fake_count(&f, FAKE_EV_DMA_ISSUE), 0u);
    EXPECT_EQ(head(false), 0u);
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_OK_MASK);
    EXPECT_EQ(cpl_at(d.m2s, 0).flags & 1, 1);
    EXPECT_EQ(head(false), 1u);
    // Posted buffers stay posted while no message is pending (spec §5.4).
    unsigned issued = fake_count(&f, FAKE_EV_DMA_ISSUE);
    wr(VPCI_M2S_TAIL_OFFSET, 4);
    EXPECT_EQ(fake_count(&f, FAKE_EV_DMA_ISSUE), issued);
    EXPECT_EQ(head(false), 1u);
}

class MsgqRing : public Msgq, public ::testing::WithParamInterface<unsigned> {};

TEST_P(MsgqRing, PhaseAndSlotAcrossWrapAround)
{
    unsigned log2 = GetParam(), n = 1u << log2;
    init(log2);
    uint8_t msg[64];
    uint32_t len = 0;
    uint8_t status = 0, chan = 0, session = 0;
    unsigned total = 3 * n + 1;
    for (unsigned i = 0; i < total; i++) {
        push_msg(100 + i, i % 5);
        unsigned slot = i % n;
        const uint8_t *p = fake_ptr(&f, d.m2s.cpl + 16ull * slot);
        EXPECT_EQ(p[7] & 1, ((i / n) & 1) ? 0 : 1) << "index " << i;
        EXPECT_EQ(vpci_le32(p + 12), 100 + i);
        EXPECT_EQ(vpci_le16(p + 4), slot); // descriptor id = ring slot in the fake driver
        ASSERT_TRUE(fake_driver_m2s_next(&d, msg, sizeof(msg), &len, &status, &chan, &session));
        EXPECT_EQ(status, VPCI_CPL_STATUS_OK);
        EXPECT_EQ(len, 12u + i % 5);
        EXPECT_EQ(vpci_le32(msg), 100 + i);
        EXPECT_FALSE(fake_driver_m2s_next(&d, msg, sizeof(msg), &len, &status, &chan, &session));
        fake_driver_repost(&d, 1);
        EXPECT_EQ(head(false), (i + 1) & 0xffffu);
    }
}

TEST_P(MsgqRing, S2mPhaseAcrossWrapAround)
{
    unsigned log2 = GetParam(), n = 1u << log2;
    init(log2);
    uint8_t msg[12];
    uint8_t status;
    fake_vu_msg(msg, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_REPLY, nullptr, 0);
    for (unsigned i = 0; i < 2 * n + 1; i++) {
        fake_driver_s2m_post(&d, msg, sizeof(msg), 0, 0);
        const uint8_t *p = fake_ptr(&f, d.s2m.cpl + 16ull * (i % n));
        EXPECT_EQ(p[7] & 1, ((i / n) & 1) ? 0 : 1) << "index " << i;
        ASSERT_TRUE(fake_driver_s2m_next(&d, &status));
        EXPECT_EQ(status, VPCI_CPL_STATUS_NO_PEER); // no master connected
        EXPECT_EQ(head(true), i + 1);
    }
}

INSTANTIATE_TEST_SUITE_P(Sizes, MsgqRing, ::testing::Values(0u, 1u, 2u, 5u));

TEST_F(Msgq, PhaseAtLargestRingAndSixteenBitIndexWrap)
{
    // 2^16 is a multiple of 2N: after 65536 completions HEAD wraps to 0 and
    // the phase is 1 again. Use N = 4 (fast) and drive 65536 + 3 messages.
    init(2);
    uint8_t msg[16];
    uint32_t len;
    uint8_t status, chan, session;
    for (unsigned i = 0; i < 65536 + 3; i++) {
        push_msg(1, 0);
        ASSERT_TRUE(fake_driver_m2s_next(&d, msg, sizeof(msg), &len, &status, &chan, &session))
            << i;
        fake_driver_repost(&d, 1);
    }
    EXPECT_EQ(head(false), 3u);
    EXPECT_EQ(qstatus(false), VPCI_M2S_QSTATUS_ENABLED_MASK);
}

// ---------------------------------------------------------------------------
// Buffer too small (spec §5.4)
// ---------------------------------------------------------------------------

TEST_F(Msgq, M2sBufferTooSmallThenRecoversWithBiggerBuffer)
{
    init(2);
    // Replace the posted 4096-byte buffers: disable, re-enable, post a small one.
    wr(VPCI_M2S_CTRL_OFFSET, 0);
    memset(fake_ptr(&f, d.m2s.cpl), 0, 16 * 4);
    wr(VPCI_M2S_CTRL_OFFSET, VPCI_M2S_CTRL_ENABLE_MASK);
    d.m2s.tail = 0;
    memset(fake_ptr(&f, d.buf_base), 0xaa, 64);
    put_m2s_desc(d.buf_base, 16, 0x55);
    wr(VPCI_M2S_TAIL_OFFSET, d.m2s.tail);
    push_msg(9, 20, 0, 3);
    Cpl x = cpl_at(d.m2s, 0);
    EXPECT_EQ(x.status, VPCI_CPL_STATUS_TOO_SMALL);
    EXPECT_EQ(x.len, 32u); // bytes needed
    EXPECT_EQ(x.id, 0x55);
    EXPECT_EQ(x.request, 9u);
    EXPECT_EQ(x.session, 3);
    EXPECT_EQ(fake_ptr(&f, d.buf_base)[0], 0xaa); // nothing written
    EXPECT_EQ(head(false), 1u);
    EXPECT_EQ(fifo_count(), 1u); // still pending
    EXPECT_NE(err_cause() & VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_MASK, 0u);
    EXPECT_EQ(err_code(), VPCI_ERROR_CODE_BUF_SMALL);
    EXPECT_EQ(err_detail(), 32u);
    EXPECT_NE(int_cause() & VPCI_ADAPTER_INT_CAUSE_M2S_CPL_MASK, 0u);
    // Exactly big enough.
    put_m2s_desc(d.buf_base + 4096, 32, 0x66);
    wr(VPCI_M2S_TAIL_OFFSET, d.m2s.tail);
    x = cpl_at(d.m2s, 1);
    EXPECT_EQ(x.status, VPCI_CPL_STATUS_OK);
    EXPECT_EQ(x.len, 32u);
    EXPECT_EQ(x.id, 0x66);
    EXPECT_EQ(fifo_count(), 0u);
    EXPECT_EQ(vpci_le32(fake_ptr(&f, d.buf_base + 4096)), 9u);
}

// ---------------------------------------------------------------------------
// Enable checks (spec §5.2)
// ---------------------------------------------------------------------------

class MsgqEnable : public Msgq {
protected:
    void SetUp() override
    {
        Msgq::SetUp();
        fake_pci_enable(&f);
    }
    void program(uint32_t qbase, uint64_t ring, uint64_t cpl, uint32_t log2)
    {
        uint32_t o = qbase - VPCI_M2S_BLOCK_BASE;
        wr(VPCI_M2S_RING_BASE_LO_OFFSET + o, (uint32_t)ring);
        wr(VPCI_M2S_RING_BASE_HI_OFFSET + o, (uint32_t)(ring >> 32));
        wr(VPCI_M2S_CPL_BASE_LO_OFFSET + o, (uint32_t)cpl);
        wr(VPCI_M2S_CPL_BASE_HI_OFFSET + o, (uint32_t)(cpl >> 32));
        wr(VPCI_M2S_SIZE_OFFSET + o, log2);
        wr(VPCI_M2S_CTRL_OFFSET + o, VPCI_M2S_CTRL_ENABLE_MASK);
    }
    void expect_ring_bad(bool s2m)
    {
        EXPECT_EQ(qstatus(s2m), VPCI_M2S_QSTATUS_ERROR_MASK);
        EXPECT_NE(err_cause() & (s2m ? VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_MASK
                                     : VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_MASK),
                  0u);
        EXPECT_EQ(err_code(), VPCI_ERROR_CODE_RING_BAD);
        EXPECT_EQ(err_detail(), s2m ? 1u : 0u);
        EXPECT_EQ(fake_count(&f, FAKE_EV_DMA_ISSUE), 0u);
    }
};

TEST_F(MsgqEnable, ZeroDescriptorRingBaseIsRejected)
{
    program(VPCI_M2S_BLOCK_BASE, 0, FAKE_MEM_BASE, 2);
    expect_ring_bad(false);
}

TEST_F(MsgqEnable, ZeroCompletionRingBaseIsRejected)
{
    program(VPCI_S2M_BLOCK_BASE, FAKE_MEM_BASE, 0, 2);
    expect_ring_bad(true);
}

TEST_F(MsgqEnable, RingLargerThanRingLog2MaxIsRejected)
{
    program(VPCI_M2S_BLOCK_BASE, FAKE_MEM_BASE, FAKE_MEM_BASE + 0x10000, VPCI_RING_LOG2_MAX + 1);
    expect_ring_bad(false);
}

TEST_F(MsgqEnable, RingWrappingTheAddressSpaceIsRejected)
{
    // 2^3 entries of 16 bytes from 2^64 - 64 run past the top; 2^2 would just fit.
    program(VPCI_M2S_BLOCK_BASE, 0xffffffffffffffc0ull, FAKE_MEM_BASE, 3);
    expect_ring_bad(false);
}

TEST_F(MsgqEnable, RingBaseLowBitsAreHardwiredSoRingsAreAligned)
{
    wr(VPCI_M2S_RING_BASE_LO_OFFSET, 0x1234567f);
    EXPECT_EQ(rd(VPCI_M2S_RING_BASE_LO_OFFSET), 0x12345640u);
    wr(VPCI_S2M_CPL_BASE_LO_OFFSET, 0x3f);
    EXPECT_EQ(rd(VPCI_S2M_CPL_BASE_LO_OFFSET), 0u);
}

TEST_F(MsgqEnable, GoodRingEnablesAndADisableEnableClearsTheError)
{
    program(VPCI_M2S_BLOCK_BASE, 0, FAKE_MEM_BASE, 2);
    ASSERT_EQ(qstatus(false), VPCI_M2S_QSTATUS_ERROR_MASK);
    wr(VPCI_M2S_CTRL_OFFSET, 0);
    EXPECT_EQ(qstatus(false), VPCI_M2S_QSTATUS_ERROR_MASK); // disable keeps ERROR
    program(VPCI_M2S_BLOCK_BASE, FAKE_MEM_BASE, FAKE_MEM_BASE + 0x1000, VPCI_RING_LOG2_MAX);
    EXPECT_EQ(qstatus(false), VPCI_M2S_QSTATUS_ENABLED_MASK);
}

TEST_F(Msgq, EnableRestartsHeadAndTailAndSamplesBases)
{
    init(2);
    push_msg(1, 0);
    push_msg(2, 0);
    ASSERT_EQ(head(false), 2u);
    // Changing a base while enabled has no effect until the next enable.
    wr(VPCI_M2S_RING_BASE_LO_OFFSET, 0);
    wr(VPCI_M2S_RING_BASE_HI_OFFSET, 0);
    push_msg(3, 0);
    EXPECT_EQ(head(false), 3u);
    wr(VPCI_M2S_CTRL_OFFSET, 0);
    EXPECT_EQ(qstatus(false), 0u);
    wr(VPCI_M2S_RING_BASE_LO_OFFSET, (uint32_t)d.m2s.desc);
    wr(VPCI_M2S_RING_BASE_HI_OFFSET, (uint32_t)(d.m2s.desc >> 32));
    wr(VPCI_M2S_TAIL_OFFSET, 3); // ignored while disabled
    wr(VPCI_M2S_CTRL_OFFSET, VPCI_M2S_CTRL_ENABLE_MASK);
    EXPECT_EQ(head(false), 0u);
    EXPECT_EQ(rd(VPCI_M2S_TAIL_OFFSET), 0u);
    EXPECT_EQ(qstatus(false), VPCI_M2S_QSTATUS_ENABLED_MASK);
}

// ---------------------------------------------------------------------------
// TAIL overflow (spec §5.2)
// ---------------------------------------------------------------------------

TEST_F(Msgq, TailMoreThanRingSizeAheadStopsQueue)
{
    init(2); // N = 4, all 4 posted, HEAD 0
    wr(VPCI_M2S_TAIL_OFFSET, 5);
    EXPECT_EQ(qstatus(false), VPCI_M2S_QSTATUS_ERROR_MASK);
    EXPECT_EQ(err_code(), VPCI_ERROR_CODE_QUEUE_OVERFLOW);
    EXPECT_EQ(err_detail(), 0u);
    EXPECT_NE(err_cause() & VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_MASK, 0u);
    push_msg(1, 0);
    EXPECT_EQ(head(false), 0u); // stopped: nothing delivered
    EXPECT_EQ(fifo_count(), 1u);
    // A TAIL behind HEAD is an overflow too (S2M).
    wr(VPCI_S2M_TAIL_OFFSET, 0xffff);
    EXPECT_EQ(qstatus(true), VPCI_M2S_QSTATUS_ERROR_MASK);
    EXPECT_EQ(err_detail(), 1u);
    // Recovery: disable + enable.
    wr(VPCI_M2S_CTRL_OFFSET, 0);
    wr(VPCI_M2S_CTRL_OFFSET, VPCI_M2S_CTRL_ENABLE_MASK);
    EXPECT_EQ(qstatus(false), VPCI_M2S_QSTATUS_ENABLED_MASK);
    wr(VPCI_M2S_TAIL_OFFSET, 4); // exactly N ahead is fine
    EXPECT_EQ(qstatus(false), VPCI_M2S_QSTATUS_ENABLED_MASK);
    EXPECT_EQ(head(false), 1u);
}

// ---------------------------------------------------------------------------
// DMA failures on each step (spec §5.4, §5.6, §4.4 NEEDS_RESET)
// ---------------------------------------------------------------------------

TEST_F(Msgq, DescriptorReadErrorStopsBothQueuesAndNeedsReset)
{
    init(2);
    f.fail_lo = d.m2s.desc;
    f.fail_hi = d.m2s.desc + 16;
    push_msg(1, 0);
    EXPECT_EQ(qstatus(false), VPCI_M2S_QSTATUS_ERROR_MASK);
    EXPECT_EQ(qstatus(true), VPCI_M2S_QSTATUS_ERROR_MASK);
    EXPECT_NE(rd(VPCI_ADAPTER_STATUS_OFFSET) & VPCI_ADAPTER_STATUS_NEEDS_RESET_MASK, 0u);
    EXPECT_EQ(rd(VPCI_ADAPTER_LINK_OFFSET) & VPCI_ADAPTER_LINK_DRIVER_READY_MASK, 0u);
    EXPECT_NE(err_cause() & VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_MASK, 0u);
    EXPECT_EQ(err_code(), VPCI_ERROR_CODE_DMA);
    EXPECT_NE(vpci_cfg_read(c, VPCI_CFG_STATUS_OFFSET, 2) & VPCI_CFG_STATUS_RCVD_MASTER_ABORT_MASK,
              0u);
    EXPECT_EQ(fifo_count(), 1u); // not lost
    EXPECT_EQ(head(false), 0u);
    // Reset and re-init: the adapter works again.
    f.fail_lo = f.fail_hi = 0;
    ASSERT_TRUE(fake_driver_init(&d, &f, 2));
    EXPECT_EQ(rd(VPCI_ADAPTER_STATUS_OFFSET) & VPCI_ADAPTER_STATUS_NEEDS_RESET_MASK, 0u);
}

TEST_F(Msgq, CompletionWriteErrorStopsQueueAndKeepsMessage)
{
    init(2);
    f.fail_lo = d.m2s.cpl;
    f.fail_hi = d.m2s.cpl + 16;
    push_msg(1, 0);
    EXPECT_EQ(qstatus(false), VPCI_M2S_QSTATUS_ERROR_MASK);
    EXPECT_NE(rd(VPCI_ADAPTER_STATUS_OFFSET) & VPCI_ADAPTER_STATUS_NEEDS_RESET_MASK, 0u);
    EXPECT_EQ(head(false), 0u);
    EXPECT_EQ(fifo_count(), 1u);
    EXPECT_EQ(int_cause() & VPCI_ADAPTER_INT_CAUSE_M2S_CPL_MASK, 0u);
    vpci_stats st;
    vpci_core_stats(c, &st);
    EXPECT_EQ(st.m2s_msgs, 0u);
}

TEST_F(Msgq, M2sBufferWriteErrorCompletesDmaErrAndRetriesNextDescriptor)
{
    init(2);
    f.fail_lo = d.buf_base;
    f.fail_hi = d.buf_base + 4096;
    push_msg(5, 4, 0, 2);
    Cpl x = cpl_at(d.m2s, 0);
    EXPECT_EQ(x.status, VPCI_CPL_STATUS_DMA_ERR);
    EXPECT_EQ(x.len, 0u);
    EXPECT_EQ(x.request, 5u);
    // Delivered into the next buffer.
    x = cpl_at(d.m2s, 1);
    EXPECT_EQ(x.status, VPCI_CPL_STATUS_OK);
    EXPECT_EQ(x.id, 1u);
    EXPECT_EQ(x.session, 2);
    EXPECT_EQ(fifo_count(), 0u);
    EXPECT_EQ(head(false), 2u);
    EXPECT_EQ(qstatus(false), VPCI_M2S_QSTATUS_ENABLED_MASK);
    EXPECT_EQ(rd(VPCI_ADAPTER_STATUS_OFFSET) & VPCI_ADAPTER_STATUS_NEEDS_RESET_MASK, 0u);
    EXPECT_NE(err_cause() & VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_MASK, 0u);
}

TEST_F(Msgq, S2mMessageReadErrorCompletesDmaErrAndContinues)
{
    init(2);
    uint8_t msg[12];
    uint8_t status;
    fake_vu_msg(msg, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_REPLY, nullptr, 0);
    f.fail_lo = d.s2m_buf_base;
    f.fail_hi = d.s2m_buf_base + 4096;
    fake_driver_s2m_post(&d, msg, 12, 0, 0);
    Cpl x = cpl_at(d.s2m, 0);
    EXPECT_EQ(x.status, VPCI_CPL_STATUS_DMA_ERR);
    EXPECT_EQ(x.request, 0u);
    EXPECT_EQ(x.len, 0u);
    EXPECT_EQ(err_code(), VPCI_ERROR_CODE_DMA);
    f.fail_lo = f.fail_hi = 0;
    fake_driver_s2m_post(&d, msg, 12, 0, 0);
    ASSERT_TRUE(fake_driver_s2m_next(&d, &status));
    ASSERT_TRUE(fake_driver_s2m_next(&d, &status));
    EXPECT_EQ(status, VPCI_CPL_STATUS_NO_PEER);
    EXPECT_EQ(qstatus(true), VPCI_M2S_QSTATUS_ENABLED_MASK);
}

TEST_F(Msgq, S2mDescriptorAndCompletionErrorsNeedReset)
{
    init(2);
    uint8_t msg[12];
    fake_vu_msg(msg, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_REPLY, nullptr, 0);
    f.fail_lo = d.s2m.cpl;
    f.fail_hi = d.s2m.cpl + 16;
    fake_driver_s2m_post(&d, msg, 12, 0, 0);
    EXPECT_EQ(qstatus(true), VPCI_M2S_QSTATUS_ERROR_MASK);
    EXPECT_EQ(qstatus(false), VPCI_M2S_QSTATUS_ERROR_MASK);
    EXPECT_NE(rd(VPCI_ADAPTER_STATUS_OFFSET) & VPCI_ADAPTER_STATUS_NEEDS_RESET_MASK, 0u);
    EXPECT_EQ(head(true), 0u);
}

// ---------------------------------------------------------------------------
// S2M malformed messages (spec §5.6 steps 1 and 3)
// ---------------------------------------------------------------------------

TEST_F(Msgq, S2mLengthOutOfRangeIsBadMsgWithoutReadingIt)
{
    init(2);
    for (uint32_t len : {0u, 11u, VPCI_MAX_MSG_SIZE + 1, 0xffffffffu}) {
        unsigned before = fake_count(&f, FAKE_EV_DMA_ISSUE);
        uint16_t idx = d.s2m.tail;
        put_s2m_desc(d.s2m_buf_base, len, 0x77, 1, 0);
        wr(VPCI_S2M_TAIL_OFFSET, d.s2m.tail);
        Cpl x = cpl_at(d.s2m, idx);
        EXPECT_EQ(x.status, VPCI_CPL_STATUS_BAD_MSG) << len;
        EXPECT_EQ(x.len, 0u);
        EXPECT_EQ(x.request, 0u);
        EXPECT_EQ(x.id, 0x77);
        EXPECT_EQ(x.flags & 2, 2); // CHANNEL copied
        // Descriptor read and completion write only.
        EXPECT_EQ(fake_count(&f, FAKE_EV_DMA_ISSUE) - before, 2u);
        EXPECT_EQ(err_code(), VPCI_ERROR_CODE_S2M_MSG);
        EXPECT_EQ(err_detail(), 0u);
        EXPECT_NE(err_cause() & VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_MASK, 0u);
        wr(VPCI_ADAPTER_ERROR_CAUSE_OFFSET, 0xffffffffu);
    }
    EXPECT_EQ(qstatus(true), VPCI_M2S_QSTATUS_ENABLED_MASK);
    EXPECT_EQ(f.nsent, 0u);
}

TEST_F(Msgq, S2mReservedFlagBitsAreBadMsgAndNotSent)
{
    init(2);
    ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
    uint8_t msg[20];
    uint64_t v = 0;
    uint32_t len = fake_vu_msg(msg, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_REPLY, &v, 8);
    uint8_t sess = (uint8_t)vpci_adapter_link_session_get(rd(VPCI_ADAPTER_LINK_OFFSET));
    fake_driver_s2m_post(&d, msg, len, 0x80, sess);
    Cpl x = cpl_at(d.s2m, 0);
    EXPECT_EQ(x.status, VPCI_CPL_STATUS_BAD_MSG);
    EXPECT_EQ(x.request, VPCI_VU_REQ_GET_FEATURES);
    EXPECT_EQ(err_code(), VPCI_ERROR_CODE_S2M_MSG);
    EXPECT_EQ(err_detail(), VPCI_VU_REQ_GET_FEATURES);
    EXPECT_EQ(f.nsent, 0u);
}

// Found by fuzz_mmio_dma (fuzz/findings/): the error interrupt of a message
// the relay refuses must not overtake that message's completion write
// (spec §5.7 rule 2); the error is recorded when the completion is written.
TEST_F(Msgq, S2mRelayErrorComesWithItsCompletionNeverBefore)
{
    init(2);
    setup_msix();
    wr(VPCI_ADAPTER_INT_ENABLE_OFFSET, VPCI_ADAPTER_INT_ENABLE_ERROR_MASK);
    ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
    wr(VPCI_ADAPTER_INT_CAUSE_OFFSET, 0xffffffffu);
    f.defer_dma = true;
    // A reply (GET_FEATURES) to a request the master never sent: BAD_MSG by the relay.
    uint8_t msg[20];
    uint64_t v = 7;
    uint32_t len = fake_vu_msg(msg, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_REPLY, &v, 8);
    uint8_t sess = (uint8_t)vpci_adapter_link_session_get(rd(VPCI_ADAPTER_LINK_OFFSET));
    fake_driver_s2m_post(&d, msg, len, 0, sess);
    ASSERT_TRUE(fake_complete_one(&f)); // descriptor read
    ASSERT_TRUE(fake_complete_one(&f)); // message read -> relay -> completion write issued
    ASSERT_EQ(f.npending, 1u);
    EXPECT_EQ(f.pending[0].dir, VPCI_DMA_WRITE);
    EXPECT_EQ(fake_count(&f, FAKE_EV_MSI), 0u);
    EXPECT_EQ(err_cause(), 0u); // not yet: reported with the completion
    ASSERT_TRUE(fake_complete_one(&f));
    EXPECT_EQ(fake_count(&f, FAKE_EV_MSI), 1u);
    EXPECT_EQ(err_code(), VPCI_ERROR_CODE_S2M_MSG);
    EXPECT_EQ(err_detail(), 1u);
    EXPECT_EQ(cpl_at(d.s2m, 0).status, VPCI_CPL_STATUS_BAD_MSG);
    // Whole-log rule: every MSI comes after every DMA write issued before it.
    unsigned open_writes = 0;
    for (unsigned i = 0; i < f.nev; i++) {
        if (f.ev[i].type == FAKE_EV_DMA_ISSUE && f.ev[i].c == VPCI_DMA_WRITE)
            open_writes++;
        if (f.ev[i].type == FAKE_EV_DMA_DONE && f.ev[i].c == VPCI_DMA_WRITE)
            open_writes--;
        if (f.ev[i].type == FAKE_EV_MSI) {
            EXPECT_EQ(open_writes, 0u) << "MSI at event " << i;
        }
    }
}

TEST_F(Msgq, S2mCompletionCopiesSessionChannelAndId)
{
    init(2);
    uint8_t msg[12];
    fake_vu_msg(msg, 3, 0, nullptr, 0);
    put_s2m_desc(d.s2m_buf_base, 12, 0xbeef, 1, 0x5a);
    memcpy(fake_ptr(&f, d.s2m_buf_base), msg, 12);
    wr(VPCI_S2M_TAIL_OFFSET, d.s2m.tail);
    Cpl x = cpl_at(d.s2m, 0);
    EXPECT_EQ(x.id, 0xbeef);
    EXPECT_EQ(x.session, 0x5a);
    EXPECT_EQ(x.flags, 0x3);
    EXPECT_EQ(x.request, 3u);
    EXPECT_EQ(x.status, VPCI_CPL_STATUS_NO_PEER);
    EXPECT_NE(int_cause() & VPCI_ADAPTER_INT_CAUSE_S2M_CPL_MASK, 0u);
}

// ---------------------------------------------------------------------------
// Deferred DMA: late completions, out of order, enable/disable, reset
// ---------------------------------------------------------------------------

TEST_F(Msgq, OneRequestOutstandingPerEngine)
{
    init(2);
    f.defer_dma = true;
    push_msg(1, 0);
    push_msg(2, 0);
    EXPECT_EQ(f.npending, 1u);
    fake_complete_one(&f); // descriptor
    EXPECT_EQ(f.npending, 1u); // data
    EXPECT_EQ(f.pending[0].dir, VPCI_DMA_WRITE);
    fake_complete_all(&f);
    EXPECT_EQ(head(false), 2u);
    EXPECT_EQ(fifo_count(), 0u);
}

TEST_F(Msgq, EnginesCompleteOutOfOrderIndependently)
{
    init(2);
    f.defer_dma = true;
    uint8_t msg[12];
    fake_vu_msg(msg, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_REPLY, nullptr, 0);
    push_msg(1, 0);
    fake_driver_s2m_post(&d, msg, 12, 0, 0);
    ASSERT_EQ(f.npending, 2u);
    complete_at(1); // S2M descriptor first
    complete_at(1); // S2M data
    complete_at(1); // S2M completion
    EXPECT_EQ(head(true), 1u);
    EXPECT_EQ(head(false), 0u);
    fake_complete_all(&f);
    EXPECT_EQ(head(false), 1u);
}

TEST_F(Msgq, DisableDuringDescriptorFetchDropsItAndKeepsMessage)
{
    init(2);
    f.defer_dma = true;
    push_msg(1, 0);
    ASSERT_EQ(f.npending, 1u);
    wr(VPCI_M2S_CTRL_OFFSET, 0);
    // Ring memory is still in use: ENABLED stays 1 until the fetch returns.
    EXPECT_EQ(qstatus(false), VPCI_M2S_QSTATUS_ENABLED_MASK);
    fake_complete_all(&f);
    EXPECT_EQ(qstatus(false), 0u);
    EXPECT_EQ(f.npending, 0u);
    EXPECT_EQ(head(false), 0u);
    EXPECT_EQ(fifo_count(), 1u);
    EXPECT_EQ(cpl_at(d.m2s, 0).flags, 0); // no completion written
}

TEST_F(Msgq, DisableDuringDataWriteFinishesTheTransfer)
{
    init(2);
    f.defer_dma = true;
    push_msg(4, 0);
    fake_complete_one(&f); // descriptor
    ASSERT_EQ(f.npending, 1u);
    wr(VPCI_M2S_CTRL_OFFSET, 0);
    fake_complete_all(&f); // data, then the completion
    EXPECT_EQ(cpl_at(d.m2s, 0).status, VPCI_CPL_STATUS_OK);
    EXPECT_EQ(cpl_at(d.m2s, 0).flags & 1, 1);
    EXPECT_EQ(head(false), 1u);
    EXPECT_EQ(fifo_count(), 0u);
    EXPECT_EQ(qstatus(false), 0u);
    push_msg(5, 0); // held while disabled
    EXPECT_EQ(f.npending, 0u);
    EXPECT_EQ(fifo_count(), 1u);
}

TEST_F(Msgq, ReenableDuringTransferAbandonsItAndIgnoresItsCompletion)
{
    init(2);
    f.defer_dma = true;
    push_msg(4, 0);
    fake_complete_one(&f); // descriptor; data write now outstanding
    memset(fake_ptr(&f, d.m2s.cpl), 0, 64);
    wr(VPCI_M2S_CTRL_OFFSET, 0);
    wr(VPCI_M2S_CTRL_OFFSET, VPCI_M2S_CTRL_ENABLE_MASK);
    EXPECT_EQ(head(false), 0u);
    fake_complete_all(&f); // old data write lands; its completion is ignored
    EXPECT_EQ(cpl_at(d.m2s, 0).flags, 0);
    EXPECT_EQ(fifo_count(), 1u); // not delivered: stays pending
    // Post again: delivered into the restarted ring at index 0.
    d.m2s.tail = 0;
    put_m2s_desc(d.buf_base, 4096, 9);
    wr(VPCI_M2S_TAIL_OFFSET, d.m2s.tail);
    fake_complete_all(&f);
    EXPECT_EQ(cpl_at(d.m2s, 0).status, VPCI_CPL_STATUS_OK);
    EXPECT_EQ(cpl_at(d.m2s, 0).id, 9u);
    EXPECT_EQ(fifo_count(), 0u);
}

TEST_F(Msgq, ResetDropsEverythingAndLateCompletionsAreIgnored)
{
    init(2);
    f.defer_dma = true;
    push_msg(1, 0);
    uint8_t msg[12];
    fake_vu_msg(msg, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_REPLY, nullptr, 0);
    fake_driver_s2m_post(&d, msg, 12, 0, 0);
    fake_complete_one(&f); // M2S descriptor; data write issued
    ASSERT_EQ(f.npending, 2u);
    wr(VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    EXPECT_EQ(qstatus(false), 0u);
    EXPECT_EQ(qstatus(true), 0u);
    EXPECT_EQ(head(false), 0u);
    unsigned issued = fake_count(&f, FAKE_EV_DMA_ISSUE);
    // Writes during the reset, before the late completions arrive: while a
    // DMA write issued before the reset is outstanding, RESET_BUSY is set and
    // only CONTROL answers (spec §3.2, §4.4).
    EXPECT_EQ(rd(VPCI_ADAPTER_CONTROL_OFFSET), VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK);
    wr(VPCI_M2S_TAIL_OFFSET, 3);
    wr(VPCI_S2M_TAIL_OFFSET, 1);
    EXPECT_EQ(rd(VPCI_M2S_TAIL_OFFSET), 0u); // dropped while RESET_BUSY
    EXPECT_EQ(rd(VPCI_ADAPTER_MAGIC_OFFSET), 0u);
    fake_complete_all(&f);
    EXPECT_EQ(rd(VPCI_ADAPTER_CONTROL_OFFSET), 0u);
    EXPECT_EQ(rd(VPCI_ADAPTER_MAGIC_OFFSET), VPCI_MAGIC);
    wr(VPCI_M2S_TAIL_OFFSET, 3);
    EXPECT_EQ(rd(VPCI_M2S_TAIL_OFFSET), 3u); // stored, no effect while disabled
    EXPECT_EQ(fake_count(&f, FAKE_EV_DMA_ISSUE), issued); // nothing followed them
    EXPECT_EQ(cpl_at(d.m2s, 0).flags, 0);
    EXPECT_EQ(cpl_at(d.s2m, 0).flags, 0);
    EXPECT_EQ(int_cause(), 0u);
    EXPECT_EQ(vpci_dma_outstanding(c), 0u);
    // The adapter works normally after the driver re-initializes it.
    f.defer_dma = false;
    ASSERT_TRUE(fake_driver_init(&d, &f, 2));
    push_msg(2, 0);
    EXPECT_EQ(cpl_at(d.m2s, 0).status, VPCI_CPL_STATUS_OK);
}

TEST_F(Msgq, ResetFromInsideTheDmaCallbackIsSafe)
{
    // A platform that completes synchronously and whose completion causes a
    // reset in the middle of the engine's step.
    init(2);
    f.defer_dma = true;
    push_msg(1, 0);
    fake_complete_one(&f); // descriptor
    ASSERT_EQ(f.npending, 1u);
    vpci_enter(c);          // as if inside a platform callback
    fake_complete_one(&f);  // data write done (deferred to the outer leave)
    wr(VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    vpci_leave(c);
    EXPECT_EQ(f.npending, 0u);
    EXPECT_EQ(head(false), 0u);
    EXPECT_EQ(cpl_at(d.m2s, 0).flags, 0);
}

TEST_F(Msgq, BusMasterOffHoldsWorkUntilSet)
{
    init(2);
    bus_master(false);
    push_msg(1, 0);
    EXPECT_EQ(fake_count(&f, FAKE_EV_DMA_ISSUE), 0u);
    EXPECT_EQ(head(false), 0u);
    bus_master(true);
    EXPECT_EQ(head(false), 1u);
    // Cleared between two steps of a transfer: the transfer waits, then finishes.
    f.defer_dma = true;
    push_msg(2, 0);
    fake_complete_one(&f); // descriptor; data write issued
    bus_master(false);
    fake_complete_one(&f); // data write done; completion write must wait
    EXPECT_EQ(f.npending, 0u);
    EXPECT_EQ(head(false), 1u);
    bus_master(true);
    fake_complete_all(&f);
    EXPECT_EQ(head(false), 2u);
}

// ---------------------------------------------------------------------------
// Ordering (spec §5.7)
// ---------------------------------------------------------------------------

TEST_F(Msgq, DataThenCompletionThenHeadThenMsi)
{
    init(2);
    setup_msix();
    f.defer_dma = true;
    push_msg(1, 4);
    fake_complete_one(&f); // descriptor
    uint64_t buf = d.buf_base, cpl = d.m2s.cpl;
    ASSERT_EQ(f.npending, 1u);
    EXPECT_EQ(f.pending[0].addr, buf);
    EXPECT_EQ(pending_to(cpl), -1); // completion not issued before the data completes
    fake_complete_one(&f);
    ASSERT_EQ(f.npending, 1u);
    EXPECT_EQ(f.pending[0].addr, cpl);
    EXPECT_EQ(head(false), 0u); // HEAD moves only after the completion write completes
    EXPECT_EQ(fake_count(&f, FAKE_EV_MSI), 0u);
    EXPECT_EQ(int_cause() & VPCI_ADAPTER_INT_CAUSE_M2S_CPL_MASK, 0u);
    fake_complete_one(&f);
    EXPECT_EQ(head(false), 1u);
    ASSERT_EQ(fake_count(&f, FAKE_EV_MSI), 1u);
    unsigned done_data = ev_index(FAKE_EV_DMA_DONE, buf);
    unsigned issue_cpl = ev_index(FAKE_EV_DMA_ISSUE, cpl);
    unsigned done_cpl = ev_index(FAKE_EV_DMA_DONE, cpl);
    unsigned msi = ev_index(FAKE_EV_MSI, 0);
    EXPECT_LT(done_data, issue_cpl);
    EXPECT_LT(done_cpl, msi);
    EXPECT_EQ(f.ev[msi].a, kMsiAddr);
    EXPECT_EQ(f.ev[msi].d, kMsiData);
}

TEST_F(Msgq, MsiNeverOvertakesAnEarlierDmaWriteOfTheOtherEngine)
{
    init(2);
    setup_msix();
    f.defer_dma = true;
    uint8_t msg[12];
    fake_vu_msg(msg, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_REPLY, nullptr, 0);
    // S2M gets to its completion write and leaves it outstanding.
    fake_driver_s2m_post(&d, msg, 12, 0, 0);
    complete_at(0); // descriptor
    complete_at(0); // message read
    int s2m_cpl = pending_to(d.s2m.cpl);
    ASSERT_GE(s2m_cpl, 0);
    // Meanwhile an M2S message goes all the way through.
    push_msg(1, 0);
    while (f.npending > 1) {
        int i = pending_to(d.s2m.cpl) == 0 ? 1 : 0;
        complete_at((unsigned)i);
    }
    EXPECT_EQ(head(false), 1u);
    EXPECT_NE(int_cause() & VPCI_ADAPTER_INT_CAUSE_M2S_CPL_MASK, 0u);
    // The M2S_CPL message waits for the earlier S2M completion write.
    EXPECT_EQ(fake_count(&f, FAKE_EV_MSI), 0u);
    fake_complete_all(&f);
    EXPECT_GE(fake_count(&f, FAKE_EV_MSI), 1u);
    EXPECT_LT(ev_index(FAKE_EV_DMA_DONE, d.s2m.cpl), ev_index(FAKE_EV_MSI, 0));
    // In the whole log, no MSI precedes the completion of a write issued before it.
    for (unsigned i = 0; i < f.nev; i++) {
        if (f.ev[i].type != FAKE_EV_MSI)
            continue;
        for (unsigned j = 0; j < i; j++) {
            if (f.ev[j].type != FAKE_EV_DMA_ISSUE || f.ev[j].c != VPCI_DMA_WRITE)
                continue;
            EXPECT_LT(ev_index(FAKE_EV_DMA_DONE, f.ev[j].a, j), i);
        }
    }
}

// ---------------------------------------------------------------------------
// Session end while a message is in flight
// ---------------------------------------------------------------------------

TEST_F(Msgq, MessageDiscardedDuringDataWriteGetsNoCompletion)
{
    init(2);
    f.defer_dma = true;
    push_msg(1, 0, 0, 1);
    fake_complete_one(&f); // descriptor; data write outstanding
    vpci_fifo_clear(c);    // relay discarded it (session ended)
    fake_complete_all(&f);
    EXPECT_EQ(cpl_at(d.m2s, 0).flags, 0);
    EXPECT_EQ(head(false), 0u);
    vpci_stats st;
    vpci_core_stats(c, &st);
    EXPECT_EQ(st.m2s_msgs, 0u);
    // The next session's message uses the same descriptor.
    push_msg(2, 0, 0, 2);
    fake_complete_all(&f);
    EXPECT_EQ(cpl_at(d.m2s, 0).request, 2u);
    EXPECT_EQ(cpl_at(d.m2s, 0).session, 2);
    EXPECT_EQ(fifo_count(), 0u);
}

TEST_F(Msgq, MessageDiscardedDuringCompletionWriteIsNotPoppedTwice)
{
    init(2);
    f.defer_dma = true;
    push_msg(1, 0, 0, 1);
    fake_complete_one(&f); // descriptor
    fake_complete_one(&f); // data; completion write outstanding
    vpci_fifo_clear(c);    // relay discarded it
    push_msg(2, 0, 0, 2);  // next session's message at the same FIFO index
    fake_complete_one(&f); // completion lands: HEAD moves, the new message stays
    EXPECT_EQ(head(false), 1u);
    EXPECT_EQ(fifo_count(), 1u);
    fake_complete_all(&f);
    EXPECT_EQ(cpl_at(d.m2s, 1).request, 2u);
    EXPECT_EQ(fifo_count(), 0u);
}

// ---------------------------------------------------------------------------
// End to end through the master face (relay.c) and the driver rings
// ---------------------------------------------------------------------------

class MsgqE2e : public Msgq {
protected:
    void SetUp() override
    {
        Msgq::SetUp();
        init(2);
        ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
        session = (uint8_t)(rd(VPCI_ADAPTER_LINK_OFFSET) >> VPCI_ADAPTER_LINK_SESSION_SHIFT);
    }
    int master(uint32_t request, const void *payload, uint32_t size,
               const vpci_res *res = nullptr, unsigned nres = 0)
    {
        uint8_t m[64];
        uint32_t len = fake_vu_msg(m, request, 0, payload, size);
        return vpci_master_msg(c, VPCI_CHAN_MASTER, m, len, res, nres);
    }
    uint8_t session = 0;
};

TEST_F(MsgqE2e, MasterRequestAndDriverReplyRoundTrip)
{
    ASSERT_EQ(master(VPCI_VU_REQ_GET_FEATURES, nullptr, 0), VPCI_OK);
    uint8_t msg[64];
    uint32_t len;
    uint8_t status, chan, sess;
    ASSERT_TRUE(fake_driver_m2s_next(&d, msg, sizeof(msg), &len, &status, &chan, &sess));
    EXPECT_EQ(status, VPCI_CPL_STATUS_OK);
    EXPECT_EQ(len, 12u);
    EXPECT_EQ(chan, 0);
    EXPECT_EQ(sess, session);
    EXPECT_EQ(vpci_le32(msg), 1u);
    // The driver's reply on S2M channel 0.
    uint64_t features = 1ull << 32;
    uint8_t reply[20];
    uint32_t rlen = fake_vu_msg(reply, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_REPLY, &features, 8);
    fake_driver_s2m_post(&d, reply, rlen, 0, session);
    ASSERT_TRUE(fake_driver_s2m_next(&d, &status));
    EXPECT_EQ(status, VPCI_CPL_STATUS_OK);
    Cpl x = cpl_at(d.s2m, 0);
    EXPECT_EQ(x.len, 20u);
    EXPECT_EQ(x.request, VPCI_VU_REQ_GET_FEATURES);
    EXPECT_EQ(x.session, session);
    ASSERT_EQ(f.nsent, 1u);
    EXPECT_EQ(f.sent[0].chan, (uint32_t)VPCI_CHAN_MASTER);
    EXPECT_EQ(f.sent[0].len, 20u);
    EXPECT_EQ(memcmp(f.sent[0].data + 12, &features, 8), 0);
    // A second reply has no request to answer: BAD_MSG from the relay, not sent.
    fake_driver_s2m_post(&d, reply, rlen, 0, session);
    ASSERT_TRUE(fake_driver_s2m_next(&d, &status));
    EXPECT_EQ(status, VPCI_CPL_STATUS_BAD_MSG);
    EXPECT_EQ(f.nsent, 1u);
}

TEST_F(MsgqE2e, StaleSessionReplyIsNotSent)
{
    ASSERT_EQ(master(VPCI_VU_REQ_GET_FEATURES, nullptr, 0), VPCI_OK);
    uint64_t v = 0;
    uint8_t reply[20], status;
    uint32_t rlen = fake_vu_msg(reply, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_REPLY, &v, 8);
    fake_driver_s2m_post(&d, reply, rlen, 0, (uint8_t)(session + 1));
    ASSERT_TRUE(fake_driver_s2m_next(&d, &status));
    EXPECT_EQ(status, VPCI_CPL_STATUS_STALE);
    EXPECT_EQ(f.nsent, 0u);
}

TEST_F(MsgqE2e, ResourceIsArmedOnlyWhenTheCompletionWriteCompletes)
{
    f.defer_dma = true;
    vpci_res call = {VPCI_RES_NOTIFIER, nullptr, 0, 0xca11};
    uint64_t vq = 0;
    ASSERT_EQ(master(VPCI_VU_REQ_SET_VRING_CALL, &vq, 8, &call, 1), VPCI_OK);
    fake_complete_one(&f); // descriptor
    fake_complete_one(&f); // message data: visible in the buffer, not yet completed
    ASSERT_EQ(f.npending, 1u);
    ASSERT_EQ(f.pending[0].addr, d.m2s.cpl);
    wr(VPCI_DOORBELL_CALL_OFFSET(0), 1);
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 0u); // gated
    EXPECT_EQ(err_code(), VPCI_ERROR_CODE_DB_ABSENT);
    fake_complete_one(&f); // completion written: armed
    wr(VPCI_DOORBELL_CALL_OFFSET(0), 1);
    ASSERT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 1u);
    EXPECT_EQ(fifo_count(), 0u);
}

TEST_F(MsgqE2e, DisconnectDuringDataWriteDiscardsTheMessage)
{
    f.defer_dma = true;
    vpci_res call = {VPCI_RES_NOTIFIER, nullptr, 0, 0xca11};
    uint64_t vq = 0;
    ASSERT_EQ(master(VPCI_VU_REQ_SET_VRING_CALL, &vq, 8, &call, 1), VPCI_OK);
    fake_complete_one(&f); // descriptor; data write outstanding
    vpci_master_disconnect(c);
    EXPECT_EQ(fifo_count(), 0u);
    EXPECT_EQ(f.releases, 1u); // the notifier went back to the platform
    fake_complete_all(&f);
    EXPECT_EQ(cpl_at(d.m2s, 0).flags, 0); // never completed
    EXPECT_EQ(head(false), 0u);
    // Reconnect: the new session's first message takes the same descriptor.
    ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
    ASSERT_EQ(master(VPCI_VU_REQ_GET_FEATURES, nullptr, 0), VPCI_OK);
    fake_complete_all(&f);
    Cpl x = cpl_at(d.m2s, 0);
    EXPECT_EQ(x.request, VPCI_VU_REQ_GET_FEATURES);
    EXPECT_EQ(x.session, (uint8_t)(session + 1));
    wr(VPCI_DOORBELL_CALL_OFFSET(0), 1);
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 0u); // the old notifier never armed
}


// ---------------------------------------------------------------------------
// DMA error DETAIL (spec §11.3) and S2M back-pressure (§5.10)
// ---------------------------------------------------------------------------

class MsgqDmaSource : public MsgqE2e, public ::testing::WithParamInterface<unsigned> {};

TEST_P(MsgqDmaSource, DmaErrorDetailNamesItsSourceAndRingErrorsTheirQueue)
{
    unsigned src = GetParam();
    bool s2m = src >= 4, ring = src != 2 && src != 5;
    uint64_t addr = 0;
    switch (src) {
    case 1: addr = d.m2s.desc; break;
    case 2: addr = d.buf_base; break;
    case 3: addr = d.m2s.cpl; break;
    case 4: addr = d.s2m.desc; break;
    case 5: addr = d.s2m_buf_base; break;
    default: addr = d.s2m.cpl; break;
    }
    f.fail_lo = addr;
    f.fail_hi = addr + 16;
    wr(VPCI_ADAPTER_ERROR_CAUSE_OFFSET, ~0u);
    if (!s2m) {
        ASSERT_EQ(master(VPCI_VU_REQ_GET_FEATURES, nullptr, 0), VPCI_OK);
    } else {
        uint64_t v = 0;
        uint8_t reply[20];
        uint32_t rlen = fake_vu_msg(reply, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_REPLY, &v, 8);
        fake_driver_s2m_post(&d, reply, rlen, 0, session);
    }
    EXPECT_EQ(err_code(), (uint32_t)VPCI_ERROR_CODE_DMA);
    EXPECT_EQ(err_detail(), src);
    uint32_t cause = rd(VPCI_ADAPTER_ERROR_CAUSE_OFFSET);
    EXPECT_TRUE(cause & VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_MASK);
    uint32_t qerr = s2m ? VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_MASK
                        : VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_MASK;
    EXPECT_EQ((cause & qerr) != 0, ring);
    EXPECT_EQ((rd(VPCI_ADAPTER_STATUS_OFFSET) & VPCI_ADAPTER_STATUS_NEEDS_RESET_MASK) != 0, ring);
}

INSTANTIATE_TEST_SUITE_P(Sources, MsgqDmaSource, ::testing::Values(1u, 2u, 3u, 4u, 5u, 6u));

TEST_F(MsgqE2e, BackendRequestWaitsInTheS2mQueueWhileTheBackendReplyListIsFull)
{
    // L2: the descriptor stays pending (no completion, no BAD_MSG) until the
    // master answers a backend request; then it is sent and completes OK.
    c->relay.proto_features = 1ull << 3; // REPLY_ACK
    vpci_res ch{};
    ch.kind = VPCI_RES_CHANNEL;
    ch.cookie = 0xc4;
    c->relay.chan = ch;
    c->relay.chan_armed = true;
    for (unsigned i = 0; i < VPCI_MAX_PENDING_REPLIES; i++)
        c->relay.breplies[c->relay.brep_count++] = {2, session, 1, 0};
    uint8_t req[12], st;
    uint32_t len = fake_vu_msg(req, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG, VPCI_VU_FLAG_NEED_REPLY,
                               nullptr, 0);
    fake_driver_s2m_post(&d, req, len, 1, session);
    EXPECT_FALSE(fake_driver_s2m_next(&d, &st));
    EXPECT_EQ(f.nsent, 0u);
    EXPECT_TRUE(rd(VPCI_S2M_QSTATUS_OFFSET) & VPCI_M2S_QSTATUS_ENABLED_MASK);
    EXPECT_EQ(rd(VPCI_S2M_HEAD_OFFSET), 0u);
    // The master answers the oldest backend request.
    uint64_t v = 0;
    uint8_t rep[20];
    uint32_t rl =
        fake_vu_msg(rep, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG, VPCI_VU_FLAG_REPLY, &v, 8);
    ASSERT_EQ(vpci_master_msg(c, VPCI_CHAN_BACKEND, rep, rl, nullptr, 0), VPCI_OK);
    ASSERT_TRUE(fake_driver_s2m_next(&d, &st));
    EXPECT_EQ(st, VPCI_CPL_STATUS_OK);
    EXPECT_EQ(f.nsent, 1u);
    // Held again, then the session ends: NO_PEER.
    fake_driver_s2m_post(&d, req, len, 1, session);
    EXPECT_FALSE(fake_driver_s2m_next(&d, &st));
    vpci_master_disconnect(c);
    ASSERT_TRUE(fake_driver_s2m_next(&d, &st));
    EXPECT_EQ(st, VPCI_CPL_STATUS_NO_PEER);
}

TEST_F(MsgqE2e, DisablingTheS2mQueueForgetsAHeldMessage)
{
    c->relay.proto_features = 1ull << 3;
    vpci_res ch{};
    ch.kind = VPCI_RES_CHANNEL;
    ch.cookie = 0xc5;
    c->relay.chan = ch;
    c->relay.chan_armed = true;
    c->relay.brep_count = VPCI_MAX_PENDING_REPLIES;
    uint8_t req[12], st;
    uint32_t len = fake_vu_msg(req, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG, VPCI_VU_FLAG_NEED_REPLY,
                               nullptr, 0);
    fake_driver_s2m_post(&d, req, len, 1, session);
    wr(VPCI_S2M_CTRL_OFFSET, 0);
    EXPECT_EQ(rd(VPCI_S2M_QSTATUS_OFFSET) & VPCI_M2S_QSTATUS_ENABLED_MASK, 0u);
    EXPECT_FALSE(fake_driver_s2m_next(&d, &st));
    EXPECT_EQ(f.nsent, 0u);
}

} // namespace
