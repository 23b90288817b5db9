// SPDX-License-Identifier: MIT
// test_reentrancy.cpp - platform callbacks that re-enter the core
// (model/vhost_pci_core.h "Re-entrancy"; docs/spec.md §10.2, §10.4, §12.1).
//
// A whole session (driver bring-up, memory table, call/kick notifiers,
// adapter and driver replies, doorbells, kicks, resource replacement,
// disconnect) runs while one platform op (->dma, ->msi, ->notify, ->send,
// ->release, ->close) calls vpci_master_disconnect(), vpci_master_connect()
// (after a disconnect) or writes CONTROL.RESET from inside the callback, at
// its 1st, 2nd or 3rd invocation. Whatever happens, the core must not crash
// or touch freed state (ASan build), must release every resource it took
// exactly once, never release one it did not take, and keep its lists
// within bounds.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

extern "C" {
#include "fake_platform.h"
#include "vpci_internal.h"
}

namespace {

enum class Act { Disconnect, Reconnect, Reset };

struct Probe {
    Act act;
    unsigned skip; // invocations to let pass before firing
    unsigned fired;
};

Probe *g_probe; // the hook has no opaque of its own: one test at a time

void hook(fake_platform *f)
{
    Probe *p = g_probe;
    if (p->skip) {
        p->skip--;
        f->hook_left++; // not fired yet: stay armed
        return;
    }
    p->fired++;
    switch (p->act) {
    case Act::Disconnect:
        vpci_master_disconnect(f->core);
        break;
    case Act::Reconnect:
        vpci_master_disconnect(f->core);
        vpci_master_connect(f->core);
        break;
    case Act::Reset:
        fake_wr32(f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
        break;
    }
}

using Param = std::tuple<fake_ev_type, Act, unsigned>;

class Reentry : public ::testing::TestWithParam<Param> {
protected:
    std::unique_ptr<fake_platform> fp{new fake_platform};
    fake_platform &f = *fp;
    fake_driver d{};
    Probe probe{};
    std::map<uint64_t, unsigned> owned;
    std::vector<uint64_t> not_owned;
    std::vector<std::vector<uint8_t>> mems;
    uint64_t next_cookie = 5000;

    void SetUp() override
    {
        vpci_params p;
        vpci_params_default(&p);
        p.mem_win_log2 = 24;
        fake_init(&f, &p);
        ASSERT_NE(f.core, nullptr);
        ASSERT_TRUE(fake_driver_init(&d, &f, 3));
        // Adapter interrupts through MSI-X vector 0 (->msi).
        vpci_cfg_write(f.core, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
        vpci_mmio_write(f.core, 0, VPCI_MSIX_TBL_OFFSET + 0, 4, 0xfee00000u);
        vpci_mmio_write(f.core, 0, VPCI_MSIX_TBL_OFFSET + 8, 4, 0x41);
        vpci_mmio_write(f.core, 0, VPCI_MSIX_TBL_OFFSET + 12, 4, 0);
        fake_wr32(&f, VPCI_ADAPTER_INT_VECTOR_OFFSET, 0);
        fake_wr32(&f, VPCI_ADAPTER_INT_ENABLE_OFFSET, 0xf);
        // Kicks of vq 0 use vector 0 too.
        fake_wr32(&f, VPCI_VQ_SEL_OFFSET, 0);
        fake_wr32(&f, VPCI_VQ_VECTOR_OFFSET, 0);
    }

    void TearDown() override { g_probe = nullptr; }

    void arm(fake_ev_type on, Act act, unsigned nth)
    {
        probe = Probe{act, nth - 1, 0};
        g_probe = &probe;
        f.hook = hook;
        f.hook_on = on;
        f.hook_left = 1;
    }

    vpci_res mem(uint64_t size)
    {
        mems.emplace_back(size, 0x5a);
        vpci_res r{};
        r.kind = VPCI_RES_MEM;
        r.host = mems.back().data();
        r.size = size;
        r.cookie = next_cookie++;
        return r;
    }
    vpci_res fd(vpci_res_kind k)
    {
        vpci_res r{};
        r.kind = k;
        r.cookie = next_cookie++;
        return r;
    }

    int send(uint32_t req, const void *pl, uint32_t size, std::vector<vpci_res> rs = {})
    {
        uint8_t m[300];
        uint32_t len = fake_vu_msg(m, req, 0, pl, size);
        int rc = vpci_master_msg(f.core, VPCI_CHAN_MASTER, m, len, rs.data(), (unsigned)rs.size());
        for (auto &r : rs) {
            if (rc == VPCI_OK || rc == VPCI_EREFUSED)
                owned[r.cookie]++;
            else
                not_owned.push_back(r.cookie);
        }
        return rc;
    }

    // Driver side: consume M2S messages, answer GET_FEATURES, re-post buffers.
    void drive()
    {
        for (int round = 0; round < 8; round++) {
            uint8_t msg[512], st, chan, sess;
            uint32_t len;
            unsigned got = 0;
            while (fake_driver_m2s_next(&d, msg, sizeof(msg), &len, &st, &chan, &sess)) {
                got++;
                if (st == VPCI_CPL_STATUS_OK && len >= 12 && vpci_le32(msg) == 1) {
                    uint64_t feat = 1ull << 32;
                    uint8_t r[20];
                    uint32_t rl =
                        fake_vu_msg(r, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_REPLY, &feat, 8);
                    fake_driver_s2m_post(&d, r, rl, 0, sess);
                    uint8_t s2 = 0;
                    (void)fake_driver_s2m_next(&d, &s2);
                }
            }
            if (!got)
                break;
            fake_driver_repost(&d, got);
        }
    }

    void check_bounds()
    {
        const vpci_core *c = f.core;
        EXPECT_LE(c->relay.rep_count, VPCI_MAX_PENDING_REPLIES);
        EXPECT_LE(c->relay.brep_count, VPCI_MAX_PENDING_REPLIES);
        EXPECT_LE(vpci_fifo_count(f.core), VPCI_FIFO_DEPTH);
        EXPECT_EQ(c->depth, 0u);
        bool up = fake_rd32(&f, VPCI_ADAPTER_LINK_OFFSET) & VPCI_ADAPTER_LINK_MASTER_UP_MASK;
        if (!(fake_rd32(&f, VPCI_ADAPTER_CONTROL_OFFSET) & VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK)) {
            EXPECT_EQ(up, vpci_relay_connected(c));
        }
        if (!vpci_relay_connected(c)) {
            EXPECT_FALSE(vpci_relay_chan_armed(c));
        }
    }

    unsigned releases(uint64_t cookie) const
    {
        unsigned n = 0;
        for (unsigned i = 0; i < f.nev; i++)
            n += f.ev[i].type == FAKE_EV_RELEASE && f.ev[i].a == cookie;
        return n;
    }
};

TEST_P(Reentry, SessionSurvivesAnOpThatReentersTheCore)
{
    auto [on, act, nth] = GetParam();
    vpci_core *c = f.core;

    arm(on, act, nth);
    ASSERT_EQ(vpci_master_connect(c), VPCI_OK);

    // SET_MEM_TABLE with two regions, call and kick notifiers for vq 0.
    struct {
        uint32_t n, pad;
        uint64_t r[2][4];
    } mt = {2, 0, {{0, 2 << 20, 0x7f0000000000ull, 0}, {4 << 20, 2 << 20, 0x7f0000400000ull, 0}}};
    send(VPCI_VU_REQ_SET_MEM_TABLE, &mt, sizeof(mt), {mem(2 << 20), mem(2 << 20)});
    uint64_t vq0 = 0;
    send(VPCI_VU_REQ_SET_VRING_CALL, &vq0, 8, {fd(VPCI_RES_NOTIFIER)});
    send(VPCI_VU_REQ_SET_VRING_KICK, &vq0, 8, {fd(VPCI_RES_KICK)});
    send(VPCI_VU_REQ_SET_VRING_ERR, &vq0, 8, {fd(VPCI_RES_NOTIFIER)});
    send(VPCI_VU_REQ_GET_FEATURES, nullptr, 0);
    send(VPCI_VU_REQ_GET_MAX_MEM_SLOTS /* answered by the adapter */, nullptr, 0);
    drive();
    check_bounds();

    // Doorbells (->notify), kicks (->msi), window traffic.
    fake_wr32(&f, VPCI_DOORBELL_CALL_BASE, 1);
    fake_wr32(&f, VPCI_DOORBELL_CALL_BASE + 4, 1);
    vpci_master_kick(c, 0);
    vpci_mmio_write(c, 2, 0x100, 4, 0x12345678);
    (void)vpci_window_ptr(c, 2, 0, 64);
    check_bounds();

    // Replacements release the old resources during delivery.
    send(VPCI_VU_REQ_SET_VRING_CALL, &vq0, 8, {fd(VPCI_RES_NOTIFIER)});
    send(VPCI_VU_REQ_SET_VRING_KICK, &vq0, 8, {fd(VPCI_RES_KICK)});
    struct {
        uint32_t n, pad;
        uint64_t r[1][4];
    } mt2 = {1, 0, {{8 << 20, 2 << 20, 0x7f0000800000ull, 0}}};
    send(VPCI_VU_REQ_SET_MEM_TABLE, &mt2, sizeof(mt2), {mem(2 << 20)});
    send(VPCI_VU_REQ_GET_FEATURES, nullptr, 0);
    send(VPCI_VU_REQ_GET_MAX_MEM_SLOTS, nullptr, 0);
    drive();
    fake_wr32(&f, VPCI_DOORBELL_CALL_BASE, 1);
    vpci_master_kick(c, 0);
    check_bounds();

    // A refusal (->close, ->release of the refused message's fds).
    if (vpci_relay_connected(c))
        send(VPCI_VU_REQ_POSTCOPY_ADVISE /* REFUSE class */, nullptr, 0, {fd(VPCI_RES_NOTIFIER)});
    check_bounds();

    // A fresh session, then an orderly end.
    if (!vpci_relay_connected(c)) {
        ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
    }
    send(VPCI_VU_REQ_SET_VRING_CALL, &vq0, 8, {fd(VPCI_RES_NOTIFIER)});
    send(VPCI_VU_REQ_GET_FEATURES, nullptr, 0);
    drive();
    for (int i = 0; i < 3; i++)
        fake_wr32(&f, VPCI_DOORBELL_CALL_BASE, 1);
    // The driver resets a bound session (->close), then the master returns.
    fake_wr32(&f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    check_bounds();
    if (!vpci_relay_connected(c)) {
        ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
    }
    ASSERT_TRUE(fake_driver_init(&d, &f, 3));
    send(VPCI_VU_REQ_SET_VRING_CALL, &vq0, 8, {fd(VPCI_RES_NOTIFIER)});
    drive();
    fake_wr32(&f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    vpci_master_disconnect(c);
    check_bounds();
    f.hook = nullptr;

    fake_fini(&f);
    unsigned total = 0;
    for (auto &[cookie, n] : owned) {
        EXPECT_EQ(releases(cookie), n) << "cookie " << cookie;
        total += n;
    }
    for (uint64_t cookie : not_owned) {
        if (!owned.count(cookie)) {
            EXPECT_EQ(releases(cookie), 0u) << "cookie " << cookie;
        }
    }
    EXPECT_EQ(f.releases, total);
    EXPECT_GT(probe.fired, 0u) << "the op under test was never re-entered";
}

std::string name(const ::testing::TestParamInfo<Param> &i)
{
    static const char *ops[] = {"", "Dma", "DmaDone", "Msi", "Irq", "Notify", "Send", "Close",
                                "Release"};
    static const char *acts[] = {"Disconnect", "Reconnect", "Reset"};
    return std::string(ops[std::get<0>(i.param)]) + "Reenters" +
           acts[(int)std::get<1>(i.param)] + "AtCall" + std::to_string(std::get<2>(i.param));
}

INSTANTIATE_TEST_SUITE_P(
    EveryOp, Reentry,
    ::testing::Combine(::testing::Values(FAKE_EV_DMA_ISSUE, FAKE_EV_MSI, FAKE_EV_NOTIFY,
                                         FAKE_EV_SEND, FAKE_EV_CLOSE, FAKE_EV_RELEASE),
                       ::testing::Values(Act::Disconnect, Act::Reconnect, Act::Reset),
                       ::testing::Values(1u, 2u, 3u)),
    name);

} // namespace
