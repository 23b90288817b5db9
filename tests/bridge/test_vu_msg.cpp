// SPDX-License-Identifier: MIT
// test_vu_msg.cpp - the pure intake checker bridge/vu_msg.c (spec §6.2, §6.5).
#include <gtest/gtest.h>
#include <string.h>

#include <array>
#include <initializer_list>
#include <vector>

#include "vu_msg.h"

namespace {

std::vector<uint8_t> Msg(uint32_t req, uint32_t flags, const std::vector<uint8_t> &pl)
{
    std::vector<uint8_t> m(VPCI_MSG_HDR_SIZE + pl.size());
    uint32_t size = (uint32_t)pl.size();
    memcpy(m.data(), &req, 4);
    memcpy(m.data() + 4, &flags, 4);
    memcpy(m.data() + 8, &size, 4);
    if (!pl.empty())
        memcpy(m.data() + VPCI_MSG_HDR_SIZE, pl.data(), pl.size());
    return m;
}

std::vector<uint8_t> U64(uint64_t v)
{
    std::vector<uint8_t> p(8);
    memcpy(p.data(), &v, 8);
    return p;
}

std::vector<uint8_t> Table(std::vector<std::array<uint64_t, 4>> r, uint32_t n = ~0u)
{
    std::vector<uint8_t> p(8 + 32 * r.size(), 0);
    uint32_t k = n == ~0u ? (uint32_t)r.size() : n;
    memcpy(p.data(), &k, 4);
    for (size_t i = 0; i < r.size(); i++)
        memcpy(p.data() + 8 + 32 * i, r[i].data(), 32);
    return p;
}

int Check(const std::vector<uint8_t> &m, unsigned nfds, vu_plan *plan = nullptr,
          vu_chan ch = VU_CHAN_MASTER)
{
    vu_plan p;
    char why[256];
    int rc = vu_msg_check(m.data(), m.size(), nfds, ch, plan ? plan : &p, why, sizeof(why));
    return rc;
}

TEST(VuMsg, HeaderRules)
{
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, {}), 0), 0);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_GET_FEATURES, 0, {}), 0), -1);          // version 0
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_GET_FEATURES, 2, {}), 0), -1);          // version 2
    EXPECT_EQ(
        Check(Msg(VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, {}), 0),
        -1); // reply flag on a request
    EXPECT_EQ(
        Check(Msg(VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_NEED_REPLY, {}), 0),
        0); // NEED_REPLY fine
    auto m = Msg(VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, {});
    vu_plan p;
    EXPECT_EQ(vu_msg_check(m.data(), 11, 0, VU_CHAN_MASTER, &p, nullptr, 0), -1); // truncated
    uint32_t big[3] = {VPCI_VU_REQ_SET_FEATURES, VPCI_VU_FLAG_VERSION, 4085};
    char why[128];
    EXPECT_EQ(vu_hdr_check((const uint8_t *)big, VU_CHAN_MASTER, why, sizeof(why)), -1);
}

TEST(VuMsg, PayloadSizes)
{
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, U64(0)), 0),
              0); // 0-B request with an unused u64
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, {1, 2, 3, 4}), 0), -1);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_SET_FEATURES, VPCI_VU_FLAG_VERSION, {1, 2, 3, 4}), 0), -1);
    EXPECT_EQ(
        Check(Msg(VPCI_VU_REQ_SET_VRING_ADDR, VPCI_VU_FLAG_VERSION, std::vector<uint8_t>(40)), 0),
        0);
    EXPECT_EQ(
        Check(Msg(VPCI_VU_REQ_SET_VRING_ADDR, VPCI_VU_FLAG_VERSION, std::vector<uint8_t>(39)), 0),
        -1);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_IOTLB_MSG, VPCI_VU_FLAG_VERSION, std::vector<uint8_t>(26)), 0),
              0);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_IOTLB_MSG, VPCI_VU_FLAG_VERSION, std::vector<uint8_t>(33)), 0),
              -1);
    std::vector<uint8_t> cfg(12 + 256, 0);
    uint32_t cs = 256;
    memcpy(cfg.data() + 4, &cs, 4);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_GET_CONFIG, VPCI_VU_FLAG_VERSION, cfg), 0), 0);
    cs = 257;
    memcpy(cfg.data() + 4, &cs, 4);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_GET_CONFIG, VPCI_VU_FLAG_VERSION, cfg), 0), -1);
}

TEST(VuMsg, FdCounts)
{
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, {}), 1), -1);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_SET_VRING_KICK, VPCI_VU_FLAG_VERSION, U64(0)), 1), 0);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_SET_VRING_KICK, VPCI_VU_FLAG_VERSION, U64(0)), 0), -1);
    EXPECT_EQ(
        Check(Msg(VPCI_VU_REQ_SET_VRING_KICK, VPCI_VU_FLAG_VERSION, U64(VPCI_VU_VRING_NOFD)), 0),
        0);
    EXPECT_EQ(
        Check(Msg(VPCI_VU_REQ_SET_VRING_KICK, VPCI_VU_FLAG_VERSION, U64(VPCI_VU_VRING_NOFD)), 1),
        -1);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_SET_VRING_KICK, VPCI_VU_FLAG_VERSION, U64(0x200)), 1),
              -1); // reserved bit
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_SET_BACKEND_REQ_FD, VPCI_VU_FLAG_VERSION, {}), 1), 0);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_SET_BACKEND_REQ_FD, VPCI_VU_FLAG_VERSION, {}), 0), -1);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, {}), VPCI_VU_FDS_MAX + 1),
              -1);
    std::vector<uint8_t> rem(40, 0);
    uint64_t sz = 4096;
    memcpy(rem.data() + 16, &sz, 8);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_REM_MEM_REG, VPCI_VU_FLAG_VERSION, rem), 0), 0);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_REM_MEM_REG, VPCI_VU_FLAG_VERSION, rem), 1), 0);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_REM_MEM_REG, VPCI_VU_FLAG_VERSION, rem), 2), -1);
}

TEST(VuMsg, MemTablePlanAndRegionChecks)
{
    vu_plan p;
    auto t = Table({{0, 1 << 20, 0x1000000, 4096}, {1 << 30, 2 << 20, 0x2000000, 0}});
    ASSERT_EQ(Check(Msg(VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, t), 2, &p), 0);
    EXPECT_EQ(p.nfds, 2u);
    EXPECT_EQ(p.fd[0].kind, VU_FD_MEM);
    EXPECT_EQ(p.fd[0].offset, 4096u);
    EXPECT_EQ(p.fd[0].size, 1u << 20);
    EXPECT_EQ(p.fd[1].size, 2u << 20);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, t), 1), -1);
    EXPECT_EQ(
        Check(Msg(VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, Table({{0, 4096, 0, 0}}, 0)), 0),
        -1);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, Table({{0, 0, 0, 0}})), 1),
              -1);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION,
                        Table({{0, 8192, 0, 0}, {4096, 8192, 0x10000, 0}})),
                    2),
              -1);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION,
                        Table({{0, 8192, 0, 0}, {0x10000, 8192, 4096, 0}})),
                    2),
              -1);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION,
                        Table({{~0ull - 10, 4096, 0, 0}})),
                    1),
              -1);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION,
                        Table({{0, 4096, 0, ~0ull - 10}})),
                    1),
              -1);
    std::vector<std::array<uint64_t, 4>> nine;
    for (uint64_t i = 0; i < VPCI_VU_MEM_REGIONS_MAX + 1; i++)
        nine.push_back({i << 30, 4096, i << 30, 0});
    EXPECT_EQ(
        Check(Msg(VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, Table(nine)), VPCI_VU_FDS_MAX),
        -1);
}

TEST(VuMsg, RefusedRequestsPassBareToTheCore)
{
    vu_plan p;
    for (uint32_t req : std::initializer_list<uint32_t>{
             VPCI_VU_REQ_POSTCOPY_ADVISE, VPCI_VU_REQ_GET_INFLIGHT_FD, VPCI_VU_REQ_SET_INFLIGHT_FD,
             VPCI_VU_REQ_VRING_KICK, VPCI_VU_REQ_GET_SHARED_OBJECT, VPCI_VU_REQ_SET_DEVICE_STATE_FD,
             VPCI_VU_REQ_CHECK_DEVICE_STATE, 0u, VPCI_RELAY_FRONTEND_MAX + 1, 1000u}) {
        ASSERT_EQ(Check(Msg(req, 1, U64(1)), 1, &p), 0) << req;
        EXPECT_EQ(p.pass_bare, 1) << req;
    }
}

TEST(VuMsg, BackendChannelReplies)
{
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG,
                        VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, U64(0)),
                    0, nullptr, VU_CHAN_BACKEND),
              0);
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG, VPCI_VU_FLAG_VERSION, U64(0)), 0,
                    nullptr, VU_CHAN_BACKEND),
              -1); // not a reply
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG,
                        VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, U64(0)),
                    1, nullptr, VU_CHAN_BACKEND),
              -1); // fds
    EXPECT_EQ(Check(Msg(VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG,
                        VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, {}),
                    0, nullptr, VU_CHAN_BACKEND),
              -1); // size
}

TEST(VuMsg, Names)
{
    EXPECT_STREQ(vu_request_name(0, VPCI_VU_REQ_SET_MEM_TABLE), "SET_MEM_TABLE");
    EXPECT_STREQ(vu_request_name(1, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG),
                 "BACKEND_CONFIG_CHANGE_MSG");
    EXPECT_STREQ(vu_request_name(0, 99), "?");
}

} // namespace
