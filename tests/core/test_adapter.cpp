// SPDX-License-Identifier: MIT
// test_adapter.cpp - the ADAPTER block and instance life cycle
// (model/vhost_pci_core.c): creation parameters, feature negotiation (spec
// §4.2), status bits and reset (§4.4) including RESET_BUSY and the unbound
// session rule, link state and sessions (§4.5), adapter interrupts (§4.6),
// BAR access errors (§3.2).
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <vector>

extern "C" {
#include "fake_platform.h"
#include "vpci_internal.h"
}

namespace {

class Adapter : public ::testing::Test {
protected:
    // The fake platform is large: keep it on the heap.
    std::unique_ptr<fake_platform> fp{new fake_platform};
    fake_platform &f = *fp;
    fake_driver d{};

    void SetUp() override { fake_init(&f, nullptr); ASSERT_NE(f.core, nullptr); }
    void TearDown() override { fake_fini(&f); }

    uint32_t rd(uint32_t off) { return fake_rd32(&f, off); }
    void wr(uint32_t off, uint32_t v) { fake_wr32(&f, off, v); }
    uint32_t status() { return rd(VPCI_ADAPTER_STATUS_OFFSET); }
    uint32_t link() { return rd(VPCI_ADAPTER_LINK_OFFSET); }

    void write_drv_features(uint64_t feat)
    {
        for (uint32_t w = 0; w < 2; w++) {
            wr(VPCI_ADAPTER_DRV_FEATURES_SEL_OFFSET, w);
            wr(VPCI_ADAPTER_DRV_FEATURES_OFFSET, (uint32_t)(feat >> (32 * w)));
        }
    }

    uint64_t dev_features()
    {
        uint64_t feat = 0;
        for (uint32_t w = 0; w < 2; w++) {
            wr(VPCI_ADAPTER_DEV_FEATURES_SEL_OFFSET, w);
            feat |= (uint64_t)rd(VPCI_ADAPTER_DEV_FEATURES_OFFSET) << (32 * w);
        }
        return feat;
    }

    void send_get_features()
    {
        uint8_t msg[12];
        uint32_t len = fake_vu_msg(msg, VPCI_VU_REQ_GET_FEATURES, 0, nullptr, 0);
        ASSERT_EQ(vpci_master_msg(f.core, VPCI_CHAN_MASTER, msg, len, nullptr, 0), VPCI_OK);
    }
};

TEST(AdapterCreate, RejectsParametersOutsideTheYamlRanges)
{
    vpci_driver_ops ops{};
    vpci_master_ops mops{};
    ops.dma = [](void *, const vpci_dma_req *) {};
    ops.msi = [](void *, uint16_t, uint64_t, uint32_t) {};
    mops.notify = [](void *, vpci_notify_kind, uint16_t, uint64_t) {};
    mops.send = [](void *, vpci_channel, const void *, size_t) {};
    mops.close = [](void *, vpci_close_reason, const char *) {};
    mops.release = [](void *, const vpci_res *) {};
    vpci_params p;

    vpci_params_default(&p);
    vpci_core *c = vpci_core_create(&p, &ops, nullptr, &mops, nullptr);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(vpci_bar_size(c, 0), (uint64_t)VPCI_BAR0_SIZE);
    EXPECT_EQ(vpci_bar_size(c, 2), 1ull << VPCI_PARAM_MEM_WIN_LOG2_DEFAULT);
    EXPECT_EQ(vpci_bar_size(c, 4), 1ull << VPCI_PARAM_LOG_WIN_LOG2_DEFAULT);
    EXPECT_EQ(vpci_bar_size(c, 1), 0u);
    vpci_core_destroy(c);

    const struct {
        uint32_t vpci_params::*field;
        uint32_t bad;
    } cases[] = {
        {&vpci_params::num_vqs, 0},
        {&vpci_params::num_vqs, VPCI_MAX_VQS + 1},
        {&vpci_params::msix_vectors, 0},
        {&vpci_params::msix_vectors, VPCI_MAX_MSIX_VECTORS + 1},
        {&vpci_params::mem_win_log2, VPCI_PARAM_MEM_WIN_LOG2_MIN - 1},
        {&vpci_params::mem_win_log2, VPCI_PARAM_MEM_WIN_LOG2_MAX + 1},
        {&vpci_params::log_win_log2, VPCI_PARAM_LOG_WIN_LOG2_MAX + 1},
    };
    for (const auto &k : cases) {
        vpci_params_default(&p);
        p.*k.field = k.bad;
        EXPECT_EQ(vpci_core_create(&p, &ops, nullptr, &mops, nullptr), nullptr) << k.bad;
    }
    // Internal MSI-X needs ->msi, external needs ->irq.
    vpci_params_default(&p);
    p.msix_mode = VPCI_MSIX_EXTERNAL;
    EXPECT_EQ(vpci_core_create(&p, &ops, nullptr, &mops, nullptr), nullptr);
    ops.irq = [](void *, uint16_t) {};
    c = vpci_core_create(&p, &ops, nullptr, &mops, nullptr);
    ASSERT_NE(c, nullptr);
    vpci_core_destroy(c);
}

TEST(AdapterCreate, TwoFacesEachWithItsOwnOpaque)
{
    // A core can exist with only its driver face; the master face is attached
    // later, only while no session exists, and only complete.
    struct Seen {
        int drv_dma = 0, mst_send = 0;
    } seen;
    vpci_driver_ops ops{};
    vpci_master_ops mops{};
    ops.dma = [](void *o, const vpci_dma_req *) { static_cast<Seen *>(o)->drv_dma++; };
    ops.msi = [](void *, uint16_t, uint64_t, uint32_t) {};
    mops.notify = [](void *, vpci_notify_kind, uint16_t, uint64_t) {};
    mops.send = [](void *o, vpci_channel, const void *, size_t) {
        static_cast<Seen *>(o)->mst_send++;
    };
    mops.close = [](void *, vpci_close_reason, const char *) {};
    vpci_params p;
    vpci_params_default(&p);

    // Incomplete master ops are refused at creation.
    EXPECT_EQ(vpci_core_create(&p, &ops, nullptr, &mops, nullptr), nullptr);
    vpci_core *c = vpci_core_create(&p, &ops, &seen, nullptr, nullptr);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(vpci_master_connect(c), VPCI_EINVAL) << "no master face attached";
    EXPECT_EQ(vpci_core_set_master(c, &mops, &seen), VPCI_EINVAL) << "->release missing";
    mops.release = [](void *, const vpci_res *) {};
    ASSERT_EQ(vpci_core_set_master(c, &mops, &seen), VPCI_OK);
    ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
    EXPECT_EQ(vpci_core_set_master(c, nullptr, nullptr), VPCI_EINVAL) << "session exists";
    // The adapter answers GET_MAX_MEM_SLOTS itself: the reply goes out on the
    // master face with the master face's opaque.
    uint8_t msg[12] = {36, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
    EXPECT_EQ(vpci_master_msg(c, VPCI_CHAN_MASTER, msg, sizeof(msg), nullptr, 0), VPCI_OK);
    EXPECT_EQ(seen.mst_send, 1);
    vpci_master_disconnect(c);
    EXPECT_EQ(vpci_core_set_master(c, nullptr, nullptr), VPCI_OK);
    EXPECT_EQ(vpci_master_connect(c), VPCI_EINVAL);
    vpci_core_destroy(c);
}

TEST(AdapterCreate, InstancesAreIndependent)
{
    std::unique_ptr<fake_platform> a{new fake_platform}, b{new fake_platform};
    vpci_params p;
    vpci_params_default(&p);
    p.num_vqs = 2;
    fake_init(a.get(), &p);
    fake_init(b.get(), nullptr);
    fake_pci_enable(a.get());
    fake_pci_enable(b.get());
    uint32_t caps_a = fake_rd32(a.get(), VPCI_ADAPTER_CAPS_OFFSET);
    uint32_t caps_b = fake_rd32(b.get(), VPCI_ADAPTER_CAPS_OFFSET);
    EXPECT_EQ(vpci_adapter_caps_num_vqs_get(caps_a), 2u);
    EXPECT_EQ(vpci_adapter_caps_num_vqs_get(caps_b), (uint32_t)VPCI_PARAM_NUM_VQS_DEFAULT);
    fake_wr32(a.get(), VPCI_ADAPTER_INT_VECTOR_OFFSET, 3);
    EXPECT_EQ(fake_rd32(b.get(), VPCI_ADAPTER_INT_VECTOR_OFFSET), (uint32_t)VPCI_NO_VECTOR);
    fake_fini(a.get());
    fake_fini(b.get());
}

TEST_F(Adapter, IdentityAndBlockListWalk)
{
    fake_pci_enable(&f);
    EXPECT_EQ(rd(VPCI_ADAPTER_MAGIC_OFFSET), (uint32_t)VPCI_MAGIC);
    EXPECT_EQ(vpci_adapter_spec_version_major_get(rd(VPCI_ADAPTER_SPEC_VERSION_OFFSET)), 1u);
    // Walk the register block list as a driver does (spec §4.1).
    uint32_t types[8] = {}, offs[8] = {};
    unsigned n = 0;
    for (uint32_t off = 0, guard = 0; guard < 16; guard++) {
        types[n] = rd(off);
        offs[n] = off;
        n++;
        off = rd(off + 8);
        if (!off)
            break;
        ASSERT_LT(n, 8u);
    }
    ASSERT_EQ(n, 6u);
    const uint32_t want_types[] = {1, 2, 2, 3, 4, 5};
    const uint32_t want_offs[] = {0x000, 0x100, 0x140, 0x200, 0x300, 0x380};
    for (unsigned i = 0; i < n; i++) {
        EXPECT_EQ(types[i], want_types[i]) << i;
        EXPECT_EQ(offs[i], want_offs[i]) << i;
    }
}

TEST_F(Adapter, FeaturesMustIncludeVersion1AndNothingUnknown)
{
    fake_pci_enable(&f);
    uint64_t dev = dev_features();
    EXPECT_TRUE(dev & (1ull << VPCI_ADAPTER_FEATURE_VERSION_1));
    EXPECT_TRUE(dev & (1ull << VPCI_ADAPTER_FEATURE_BACKEND_CHAN));
    EXPECT_FALSE(dev & (1ull << VPCI_ADAPTER_FEATURE_EXT_MSIX));
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_MASK); // spec §4.2: DRV_FEATURES needs DRIVER

    // Without VERSION_1: FEATURES_OK does not stick, FEATURES error recorded.
    write_drv_features(dev & ~(1ull << VPCI_ADAPTER_FEATURE_VERSION_1));
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_FEATURES_OK_MASK);
    EXPECT_EQ(status() & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK, 0u);
    EXPECT_TRUE(rd(VPCI_ADAPTER_ERROR_CAUSE_OFFSET) & VPCI_ADAPTER_ERROR_CAUSE_FEATURES_MASK);
    EXPECT_EQ(vpci_adapter_error_info_code_get(rd(VPCI_ADAPTER_ERROR_INFO_OFFSET)),
              (uint32_t)VPCI_ERROR_CODE_FEATURES);

    // An unknown bit is refused too.
    write_drv_features(dev | (1ull << 40));
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_FEATURES_OK_MASK);
    EXPECT_EQ(status() & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK, 0u);

    // DRIVER_OK before FEATURES_OK is refused (DETAIL 1).
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_OK_MASK);
    EXPECT_EQ(status() & VPCI_ADAPTER_STATUS_DRIVER_OK_MASK, 0u);
    EXPECT_EQ(vpci_adapter_error_info_detail_get(rd(VPCI_ADAPTER_ERROR_INFO_OFFSET)), 1u);

    // The offered set is accepted, and then frozen.
    write_drv_features(dev);
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_FEATURES_OK_MASK);
    EXPECT_TRUE(status() & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK);
    write_drv_features(0);
    wr(VPCI_ADAPTER_DRV_FEATURES_SEL_OFFSET, 1);
    EXPECT_EQ(rd(VPCI_ADAPTER_DRV_FEATURES_OFFSET), (uint32_t)(dev >> 32));
}

TEST_F(Adapter, StatusBitsAreWriteOneToSetAndOnlyResetClearsThem)
{
    fake_pci_enable(&f);
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_MASK);
    wr(VPCI_ADAPTER_STATUS_OFFSET, 0);
    EXPECT_EQ(status(), (uint32_t)VPCI_ADAPTER_STATUS_DRIVER_MASK);
    wr(VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    EXPECT_EQ(status(), 0u);
    EXPECT_EQ(rd(VPCI_ADAPTER_CONTROL_OFFSET), 0u); // RESET reads 0, nothing busy
}

TEST_F(Adapter, FailedClearsDriverReady)
{
    ASSERT_TRUE(fake_driver_init(&d, &f, 2));
    EXPECT_TRUE(link() & VPCI_ADAPTER_LINK_DRIVER_READY_MASK);
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_FAILED_MASK);
    EXPECT_FALSE(link() & VPCI_ADAPTER_LINK_DRIVER_READY_MASK);
}

TEST_F(Adapter, InterruptOnEachRisingEdgeOfCauseAndEnable)
{
    ASSERT_TRUE(fake_driver_init(&d, &f, 2));
    // Program vector 0 of the internal table and enable MSI-X.
    wr(VPCI_MSIX_TBL_OFFSET + 0, 0xfee00000);
    wr(VPCI_MSIX_TBL_OFFSET + 8, 0x41);
    wr(VPCI_MSIX_TBL_OFFSET + 12, 0);
    uint32_t mc = vpci_cfg_read(f.core, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2);
    vpci_cfg_write(f.core, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, mc | VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
    wr(VPCI_ADAPTER_INT_VECTOR_OFFSET, 0);
    wr(VPCI_ADAPTER_INT_CAUSE_OFFSET, ~0u);
    wr(VPCI_ADAPTER_INT_ENABLE_OFFSET, VPCI_ADAPTER_INT_ENABLE_LINK_CHANGE_MASK);
    unsigned before = fake_count(&f, FAKE_EV_MSI);

    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    EXPECT_EQ(fake_count(&f, FAKE_EV_MSI), before + 1);
    // The cause is still set: a second link change is no new edge.
    vpci_master_disconnect(f.core);
    EXPECT_EQ(fake_count(&f, FAKE_EV_MSI), before + 1);
    // Acknowledge, then the next change signals again.
    wr(VPCI_ADAPTER_INT_CAUSE_OFFSET, VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_MASK);
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    EXPECT_EQ(fake_count(&f, FAKE_EV_MSI), before + 2);
    // A disabled cause never signals; enabling a set cause does.
    wr(VPCI_ADAPTER_INT_CAUSE_OFFSET, ~0u);
    wr(VPCI_ADAPTER_INT_ENABLE_OFFSET, 0);
    vpci_master_disconnect(f.core);
    EXPECT_EQ(fake_count(&f, FAKE_EV_MSI), before + 2);
    wr(VPCI_ADAPTER_INT_ENABLE_OFFSET, VPCI_ADAPTER_INT_ENABLE_LINK_CHANGE_MASK);
    EXPECT_EQ(fake_count(&f, FAKE_EV_MSI), before + 3);
}

TEST_F(Adapter, IntVectorOutOfRangeIsRefused)
{
    fake_pci_enable(&f);
    wr(VPCI_ADAPTER_INT_VECTOR_OFFSET, 2);
    wr(VPCI_ADAPTER_INT_VECTOR_OFFSET, VPCI_PARAM_MSIX_VECTORS_DEFAULT);
    EXPECT_EQ(rd(VPCI_ADAPTER_INT_VECTOR_OFFSET), 2u);
    EXPECT_EQ(vpci_adapter_error_info_code_get(rd(VPCI_ADAPTER_ERROR_INFO_OFFSET)),
              (uint32_t)VPCI_ERROR_CODE_VECTOR_RANGE);
    wr(VPCI_ADAPTER_INT_VECTOR_OFFSET, VPCI_NO_VECTOR);
    EXPECT_EQ(rd(VPCI_ADAPTER_INT_VECTOR_OFFSET), (uint32_t)VPCI_NO_VECTOR);
}

TEST_F(Adapter, SessionCounterAndLinkState)
{
    fake_pci_enable(&f);
    EXPECT_EQ(link(), 0u);
    for (unsigned i = 1; i <= 3; i++) {
        ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
        EXPECT_EQ(vpci_master_connect(f.core), VPCI_EINVAL); // one master at a time
        EXPECT_TRUE(link() & VPCI_ADAPTER_LINK_MASTER_UP_MASK);
        EXPECT_EQ(vpci_adapter_link_session_get(link()), i);
        vpci_master_disconnect(f.core);
        EXPECT_FALSE(link() & VPCI_ADAPTER_LINK_MASTER_UP_MASK);
    }
    // No reset clears the session counter (spec §4.5).
    wr(VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    vpci_core_pci_reset(f.core);
    fake_pci_enable(&f);
    EXPECT_EQ(vpci_adapter_link_session_get(link()), 3u);
}

TEST_F(Adapter, ResetKeepsAnUnboundSessionWithItsWaitingMessages)
{
    // Master first (spec §9.3): it connects and sends GET_FEATURES before any driver.
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    send_get_features();
    // The driver's init resets the adapter: the unbound session survives...
    ASSERT_TRUE(fake_driver_init(&d, &f, 2));
    EXPECT_EQ(f.closes, 0u);
    EXPECT_TRUE(link() & VPCI_ADAPTER_LINK_MASTER_UP_MASK);
    // ...and its message reaches the driver.
    uint8_t msg[64], status, chan, session;
    uint32_t len;
    ASSERT_TRUE(fake_driver_m2s_next(&d, msg, sizeof(msg), &len, &status, &chan, &session));
    EXPECT_EQ(status, VPCI_CPL_STATUS_OK);
    EXPECT_EQ(len, 12u);
    uint32_t req;
    memcpy(&req, msg, 4);
    EXPECT_EQ(req, VPCI_VU_REQ_GET_FEATURES);
}

TEST_F(Adapter, ResetEndsABoundSession)
{
    ASSERT_TRUE(fake_driver_init(&d, &f, 2));
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    send_get_features();
    uint8_t msg[64], status, chan, session;
    uint32_t len;
    ASSERT_TRUE(fake_driver_m2s_next(&d, msg, sizeof(msg), &len, &status, &chan, &session));
    // The driver saw the session: its reset ends it and the master is closed.
    wr(VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    EXPECT_EQ(f.closes, 1u);
    EXPECT_FALSE(link() & VPCI_ADAPTER_LINK_MASTER_UP_MASK);
    // A new master is served as a new session.
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    EXPECT_EQ(vpci_adapter_link_session_get(link()), 2u);
}

TEST_F(Adapter, ResetBusyUntilEarlierDmaWritesLand)
{
    ASSERT_TRUE(fake_driver_init(&d, &f, 2));
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    f.defer_dma = true;
    send_get_features();
    ASSERT_TRUE(fake_complete_one(&f)); // descriptor read; data write now outstanding
    wr(VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    EXPECT_EQ(rd(VPCI_ADAPTER_CONTROL_OFFSET), (uint32_t)VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK);
    EXPECT_EQ(rd(VPCI_ADAPTER_MAGIC_OFFSET), 0u);
    fake_complete_all(&f);
    EXPECT_EQ(rd(VPCI_ADAPTER_CONTROL_OFFSET), 0u);
    EXPECT_EQ(rd(VPCI_ADAPTER_MAGIC_OFFSET), (uint32_t)VPCI_MAGIC);
}

TEST_F(Adapter, BarAccessErrorsHaveDefinedResults)
{
    fake_pci_enable(&f);
    // Unaligned: all-ones, REG_UNALIGNED.
    EXPECT_EQ(vpci_mmio_read(f.core, 0, 2, 4), 0xffffffffull);
    EXPECT_EQ(vpci_adapter_error_info_code_get(rd(VPCI_ADAPTER_ERROR_INFO_OFFSET)),
              (uint32_t)VPCI_ERROR_CODE_REG_UNALIGNED);
    // Beyond BAR0: all-ones, REG_RANGE; a write there changes nothing.
    EXPECT_EQ(vpci_mmio_read(f.core, 0, VPCI_BAR0_SIZE, 4), 0xffffffffull);
    EXPECT_EQ(vpci_adapter_error_info_code_get(rd(VPCI_ADAPTER_ERROR_INFO_OFFSET)),
              (uint32_t)VPCI_ERROR_CODE_REG_RANGE);
    vpci_mmio_write(f.core, 0, VPCI_BAR0_SIZE - 2, 4, 0);
    EXPECT_TRUE(rd(VPCI_ADAPTER_ERROR_CAUSE_OFFSET) & VPCI_ADAPTER_ERROR_CAUSE_REG_ACCESS_MASK);
    // Bad size; unimplemented BAR.
    EXPECT_EQ(vpci_mmio_read(f.core, 0, 0, 3), ~0ull);
    EXPECT_EQ(vpci_mmio_read(f.core, 1, 0, 4), 0xffffffffull);
    // Holes read 0 without error.
    wr(VPCI_ADAPTER_ERROR_CAUSE_OFFSET, ~0u);
    EXPECT_EQ(rd(0x3c0), 0u);
    EXPECT_EQ(rd(0x5000), 0u);
    EXPECT_EQ(rd(VPCI_ADAPTER_ERROR_CAUSE_OFFSET), 0u);
    // 8-byte access = two 4-byte accesses, low first.
    uint64_t v = vpci_mmio_read(f.core, 0, VPCI_ADAPTER_RB_TYPE_OFFSET, 8);
    EXPECT_EQ((uint32_t)v, 1u);
    EXPECT_EQ((uint32_t)(v >> 32), rd(VPCI_ADAPTER_RB_VER_OFFSET));
    // Memory space disabled: all-ones, no error recorded.
    vpci_cfg_write(f.core, VPCI_CFG_COMMAND_OFFSET, 2, 0);
    EXPECT_EQ(vpci_mmio_read(f.core, 0, VPCI_ADAPTER_MAGIC_OFFSET, 4), 0xffffffffull);
    fake_pci_enable(&f);
    EXPECT_EQ(rd(VPCI_ADAPTER_ERROR_CAUSE_OFFSET), 0u);
}

TEST_F(Adapter, ConfigAccessRules)
{
    EXPECT_EQ(vpci_cfg_read(f.core, VPCI_CFG_VENDOR_ID_OFFSET, 4),
              (uint32_t)VPCI_CFG_VENDOR_ID_RESET | ((uint32_t)VPCI_CFG_DEVICE_ID_RESET << 16));
    EXPECT_EQ(vpci_cfg_read(f.core, 1, 2), 0xffffu);      // unaligned
    EXPECT_EQ(vpci_cfg_read(f.core, 0x1000, 4), ~0u);    // beyond config space
    EXPECT_EQ(vpci_cfg_read(f.core, 0, 3), ~0u);         // bad size
    EXPECT_EQ(vpci_cfg_read(f.core, 0x200, 4), 0u);      // hole
}


// ---------------------------------------------------------------------------
// Review fixes (S2, M2, M3, M4, M8, L5, L6, L7, resets, session tags)
// ---------------------------------------------------------------------------

class AdapterSession : public Adapter {
protected:
    void SetUp() override
    {
        Adapter::SetUp();
        ASSERT_TRUE(fake_driver_init(&d, &f, 2));
        ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    }
    // A message of the session reaches the driver: the session is bound.
    void bind()
    {
        send_get_features();
        uint8_t st, ch, se;
        uint32_t len;
        ASSERT_TRUE(fake_driver_m2s_next(&d, nullptr, 0, &len, &st, &ch, &se));
        ASSERT_TRUE(vpci_relay_bound(f.core));
    }
    bool master_up() { return link() & VPCI_ADAPTER_LINK_MASTER_UP_MASK; }
    uint32_t cause() { return rd(VPCI_ADAPTER_INT_CAUSE_OFFSET); }
};

TEST_F(AdapterSession, FailedEndsABoundSessionAsAResetDoes)
{
    bind();
    send_get_features(); // held in the adapter
    wr(VPCI_ADAPTER_INT_CAUSE_OFFSET, ~0u);
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_FAILED_MASK);
    EXPECT_FALSE(master_up());
    EXPECT_FALSE(vpci_relay_connected(f.core));
    EXPECT_EQ(f.closes, 1u);
    EXPECT_EQ(f.ev[f.nev - 1].c, (uint32_t)VPCI_CLOSE_DRIVER_RESET);
    EXPECT_TRUE(cause() & VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_MASK);
    EXPECT_EQ(vpci_fifo_count(f.core), 0u);
    // Registers are not reset.
    EXPECT_TRUE(status() & VPCI_ADAPTER_STATUS_DRIVER_OK_MASK);
    EXPECT_FALSE(link() & VPCI_ADAPTER_LINK_DRIVER_READY_MASK);
}

TEST_F(AdapterSession, FailedKeepsAnUnboundSession)
{
    ASSERT_FALSE(vpci_relay_bound(f.core)); // nothing delivered yet
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_FAILED_MASK);
    EXPECT_TRUE(master_up());
    EXPECT_EQ(f.closes, 0u);
}

TEST_F(AdapterSession, DriverOkRaisesNoLinkChange)
{
    // spec §4.5: only master connect and disconnect set LINK_CHANGE.
    wr(VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK); // unbound: kept
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_MASK);
    write_drv_features(dev_features() & ~(1ull << VPCI_ADAPTER_FEATURE_EXT_MSIX));
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_FEATURES_OK_MASK);
    wr(VPCI_ADAPTER_INT_CAUSE_OFFSET, ~0u);
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_OK_MASK);
    ASSERT_TRUE(link() & VPCI_ADAPTER_LINK_DRIVER_READY_MASK);
    EXPECT_EQ(cause() & VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_MASK, 0u);
}

TEST_F(AdapterSession, FlrAndPciResetEndABoundSessionAndKeepAnUnboundOne)
{
    // Unbound: kept across FLR and PCI reset.
    wr(VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK); // driver not ready
    send_get_features(); // held
    ASSERT_FALSE(vpci_relay_bound(f.core));
    vpci_cfg_write(f.core, VPCI_PCIE_CAP_DEVCTL_OFFSET, 2, VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK);
    EXPECT_TRUE(vpci_relay_connected(f.core));
    vpci_core_pci_reset(f.core);
    EXPECT_TRUE(vpci_relay_connected(f.core));
    EXPECT_EQ(f.closes, 0u);
    EXPECT_EQ(vpci_fifo_count(f.core), 1u);
    // Bound: ended by FLR ...
    ASSERT_TRUE(fake_driver_init(&d, &f, 2));
    uint8_t st, ch, se;
    uint32_t len;
    ASSERT_TRUE(fake_driver_m2s_next(&d, nullptr, 0, &len, &st, &ch, &se));
    vpci_cfg_write(f.core, VPCI_PCIE_CAP_DEVCTL_OFFSET, 2, VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK);
    EXPECT_FALSE(vpci_relay_connected(f.core));
    EXPECT_EQ(f.closes, 1u);
    // ... and by a PCI reset.
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    ASSERT_TRUE(fake_driver_init(&d, &f, 2));
    bind();
    vpci_core_pci_reset(f.core);
    EXPECT_FALSE(vpci_relay_connected(f.core));
    EXPECT_EQ(f.closes, 2u);
}

TEST_F(AdapterSession, ResetKeepingAnUnboundSessionStillResetsWindowRegisters)
{
    // L5: ABSENT_ADDR and MEM_STATUS.GEN return to their reset values even
    // when the unbound session (and its pending translations) is kept.
    f.core->win.gen = 7;
    (void)vpci_mmio_read(f.core, 2, 0x1234, 4); // absent
    ASSERT_EQ(rd(VPCI_WINDOW_ABSENT_ADDR_LO_OFFSET), 0x1234u);
    ASSERT_FALSE(vpci_relay_bound(f.core));
    wr(VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    ASSERT_TRUE(vpci_relay_connected(f.core));
    EXPECT_EQ(rd(VPCI_WINDOW_ABSENT_ADDR_LO_OFFSET), 0u);
    EXPECT_EQ(vpci_window_mem_status_gen_get(rd(VPCI_WINDOW_MEM_STATUS_OFFSET)), 0u);
}

TEST_F(AdapterSession, ReconnectFromInsideCloseKeepsItsLinkChange)
{
    // L6: ->close comes after the register reset.
    bind();
    f.hook = [](fake_platform *p) { vpci_master_connect(p->core); };
    f.hook_on = FAKE_EV_CLOSE;
    f.hook_left = 1;
    uint32_t session = link() >> VPCI_ADAPTER_LINK_SESSION_SHIFT;
    wr(VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    EXPECT_EQ(f.closes, 1u);
    EXPECT_TRUE(master_up());
    EXPECT_EQ(link() >> VPCI_ADAPTER_LINK_SESSION_SHIFT, (session + 1) & 0xff);
    EXPECT_TRUE(cause() & VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_MASK);
}

TEST_F(AdapterSession, SessionTagWrapsAt256AndOldTagsStayStaleAcrossTheWrap)
{
    uint8_t first = vpci_relay_session(f.core);
    for (unsigned i = 0; i < 255; i++) {
        vpci_master_disconnect(f.core);
        ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    }
    uint8_t before = vpci_relay_session(f.core); // first + 255
    EXPECT_EQ(before, (uint8_t)(first + 255));
    vpci_master_disconnect(f.core);
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    EXPECT_EQ(vpci_relay_session(f.core), first); // wrapped
    EXPECT_EQ(link() >> VPCI_ADAPTER_LINK_SESSION_SHIFT, first);
    // A reply tagged with the session just before the wrap is STALE.
    send_get_features();
    uint8_t reply[20];
    uint64_t v = 1ull << 32;
    uint32_t rlen = fake_vu_msg(reply, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_REPLY, &v, 8);
    uint8_t st;
    fake_driver_s2m_post(&d, reply, rlen, 0, before);
    ASSERT_TRUE(fake_driver_s2m_next(&d, &st));
    EXPECT_EQ(st, VPCI_CPL_STATUS_STALE);
    fake_driver_s2m_post(&d, reply, rlen, 0, first);
    ASSERT_TRUE(fake_driver_s2m_next(&d, &st));
    EXPECT_EQ(st, VPCI_CPL_STATUS_OK);
}

TEST_F(Adapter, FeaturesOkAndDrvFeaturesRequireDriver)
{
    // M3, spec §4.2/§4.4.
    fake_pci_enable(&f);
    uint64_t dev = dev_features();
    write_drv_features(dev); // dropped: DRIVER = 0
    wr(VPCI_ADAPTER_DRV_FEATURES_SEL_OFFSET, 1);
    EXPECT_EQ(rd(VPCI_ADAPTER_DRV_FEATURES_OFFSET), 0u);
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_MASK);
    write_drv_features(dev);
    f.core->adapter.status &= ~VPCI_ADAPTER_STATUS_DRIVER_MASK; // features kept, DRIVER not
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_FEATURES_OK_MASK);
    EXPECT_EQ(status() & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK, 0u);
    EXPECT_EQ(vpci_adapter_error_info_code_get(rd(VPCI_ADAPTER_ERROR_INFO_OFFSET)),
              (uint32_t)VPCI_ERROR_CODE_FEATURES);
    // DRIVER in the same write is enough.
    wr(VPCI_ADAPTER_STATUS_OFFSET,
       VPCI_ADAPTER_STATUS_DRIVER_MASK | VPCI_ADAPTER_STATUS_FEATURES_OK_MASK);
    EXPECT_TRUE(status() & VPCI_ADAPTER_STATUS_FEATURES_OK_MASK);
}

TEST_F(Adapter, FeaturesRefusalDetailSurvivesDriverOkInTheSameWrite)
{
    // L7: the refusal of the features is the error ERROR_INFO shows (DETAIL 0).
    fake_pci_enable(&f);
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_MASK);
    write_drv_features(0); // no VERSION_1
    wr(VPCI_ADAPTER_STATUS_OFFSET,
       VPCI_ADAPTER_STATUS_FEATURES_OK_MASK | VPCI_ADAPTER_STATUS_DRIVER_OK_MASK);
    EXPECT_EQ(status() & (VPCI_ADAPTER_STATUS_FEATURES_OK_MASK | VPCI_ADAPTER_STATUS_DRIVER_OK_MASK),
              0u);
    uint32_t info = rd(VPCI_ADAPTER_ERROR_INFO_OFFSET);
    EXPECT_EQ(vpci_adapter_error_info_code_get(info), (uint32_t)VPCI_ERROR_CODE_FEATURES);
    EXPECT_EQ(vpci_adapter_error_info_detail_get(info), 0u);
}

TEST_F(Adapter, RegAccessErrorDetailEncodesOffsetSizeAndWrite)
{
    // M2, spec §11.3: bits 14:0 offset, 19:16 size, bit 20 write.
    fake_pci_enable(&f);
    auto detail = [&] { return vpci_adapter_error_info_detail_get(rd(VPCI_ADAPTER_ERROR_INFO_OFFSET)); };
    auto code = [&] { return vpci_adapter_error_info_code_get(rd(VPCI_ADAPTER_ERROR_INFO_OFFSET)); };
    (void)vpci_mmio_read(f.core, 0, 0x102, 4);
    EXPECT_EQ(code(), (uint32_t)VPCI_ERROR_CODE_REG_UNALIGNED);
    EXPECT_EQ(detail(), 0x102u | (4u << 16));
    vpci_mmio_write(f.core, 0, 0x7ffc, 8, 0);
    EXPECT_EQ(code(), (uint32_t)VPCI_ERROR_CODE_REG_UNALIGNED);
    EXPECT_EQ(detail(), 0x7ffcu | (8u << 16) | (1u << 20));
    vpci_mmio_write(f.core, 0, 0x8000, 2, 0);
    EXPECT_EQ(code(), (uint32_t)VPCI_ERROR_CODE_REG_RANGE);
    EXPECT_EQ(detail(), 0x0u | (2u << 16) | (1u << 20));
    (void)vpci_mmio_read(f.core, 0, 0x12345, 1);
    EXPECT_EQ(code(), (uint32_t)VPCI_ERROR_CODE_REG_RANGE);
    EXPECT_EQ(detail(), 0x2345u | (1u << 16));
    (void)vpci_mmio_read(f.core, 0, 0x10, 3);
    EXPECT_EQ(code(), (uint32_t)VPCI_ERROR_CODE_REG_UNALIGNED);
    EXPECT_EQ(detail(), 0x10u | (3u << 16));
}

TEST_F(Adapter, WindowAccessDuringResetBusyIsAbsentWithoutError)
{
    // M4, spec §4.4 step 1 and §2.5: no error recorded, no direct pointer.
    fake_pci_enable(&f);
    std::vector<uint8_t> host(4096, 0x77);
    vpci_res r{};
    r.kind = VPCI_RES_MEM;
    r.host = host.data();
    r.size = host.size();
    r.cookie = 9;
    int idx = vpci_window_place(f.core, 0, 4096, 0, &r);
    ASSERT_GE(idx, 0);
    vpci_window_arm(f.core, (unsigned)idx);
    ASSERT_NE(vpci_window_ptr(f.core, 2, 0, 16), nullptr);
    ASSERT_EQ(vpci_mmio_read(f.core, 2, 0, 1), 0x77u);
    vpci_csr_hw_set(f.core, VPCI_REG_ADAPTER_CONTROL, VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK);
    vpci_csr_set(f.core, VPCI_REG_ADAPTER_ERROR_CAUSE, 0);
    EXPECT_EQ(vpci_mmio_read(f.core, 2, 0, 4), 0xffffffffu);
    vpci_mmio_write(f.core, 2, 0, 4, 0);
    EXPECT_EQ(vpci_mmio_read(f.core, 4, 0, 2), 0xffffu);
    EXPECT_EQ(host[0], 0x77);
    EXPECT_EQ(vpci_csr_get(f.core, VPCI_REG_ADAPTER_ERROR_CAUSE), 0u);
    EXPECT_EQ(vpci_window_ptr(f.core, 2, 0, 16), nullptr);
    f.core->csr.val[VPCI_REG_ADAPTER_CONTROL] = 0;
    ASSERT_NE(vpci_window_ptr(f.core, 2, 0, 16), nullptr);
    vpci_cfg_write(f.core, VPCI_CFG_COMMAND_OFFSET, 2, 0); // MEM_EN = 0
    EXPECT_EQ(vpci_window_ptr(f.core, 2, 0, 16), nullptr);
}

} // namespace
