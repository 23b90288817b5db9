// SPDX-License-Identifier: MIT
// test_vfu_msg.cpp - the pure vfio-user message checker (bridge/vfu_msg.c).
#include <gtest/gtest.h>
#include <string.h>

#include <string>
#include <vector>

#include "vfu_msg.h"

namespace {

std::vector<uint8_t> Msg(uint16_t cmd, uint32_t flags, const std::vector<uint8_t> &payload)
{
    std::vector<uint8_t> m(16 + payload.size());
    vfu_hdr h = {7, cmd, (uint32_t)m.size(), flags, 0};
    vfu_hdr_encode(m.data(), &h);
    if (!payload.empty())
        memcpy(m.data() + 16, payload.data(), payload.size());
    return m;
}

int Parse(const std::vector<uint8_t> &m, unsigned nfds, vfu_req *r, std::string *why = nullptr)
{
    char w[256];
    int rc = vfu_msg_parse(m.data(), m.size(), nfds, r, w, sizeof(w));
    if (why)
        *why = w;
    return rc;
}

TEST(VfuMsg, VersionCapabilities)
{
    std::string js = "{\"capabilities\":{\"max_msg_fds\":16,\"max_data_xfer_size\":4096,"
                     "\"write_multiple\":true,\"twin_socket\":{\"supported\":true}}}";
    std::vector<uint8_t> p(4 + js.size() + 1, 0);
    memcpy(p.data() + 4, js.c_str(), js.size());
    vfu_req r;
    ASSERT_EQ(Parse(Msg(1, 0, p), 0, &r), VFU_OK);
    EXPECT_EQ(r.u.version.caps.max_msg_fds, 16u);
    EXPECT_EQ(r.u.version.caps.max_data_xfer_size, 4096u);
    EXPECT_TRUE(r.u.version.caps.write_multiple);
    EXPECT_TRUE(r.u.version.caps.twin_socket);
    EXPECT_EQ(Parse(Msg(1, 0, {0, 0, 0, 0}), 0, &r), VFU_OK);
    EXPECT_EQ(r.u.version.caps.max_msg_fds, 1u); // default
    std::string bad[] = {"{\"capabilities\":{\"max_msg_fds\":-1}}", "[1]", "{} x",
                         "{\"capabilities\":{\"pgsizes\":\"4096\"}}", "{\"capabilities\":3}"};
    for (auto &b : bad) {
        std::vector<uint8_t> q(4 + b.size() + 1, 0);
        memcpy(q.data() + 4, b.c_str(), b.size());
        std::string why;
        EXPECT_EQ(Parse(Msg(1, 0, q), 0, &r, &why), VFU_VIOLATION) << b;
        EXPECT_FALSE(why.empty());
    }
    std::vector<uint8_t> unterminated = {0, 0, 0, 0, '{', '}'};
    EXPECT_EQ(Parse(Msg(1, 0, unterminated), 0, &r), VFU_VIOLATION);
}

TEST(VfuMsg, VersionReplyNeverExceedsTheLimit)
{
    uint8_t out[512];
    for (size_t lim = 0; lim < 200; lim++) {
        size_t n = vfu_version_reply(out, sizeof(out), lim);
        EXPECT_LE(n, lim < 4 ? 0 : lim);
        if (n > 4) {
            EXPECT_EQ(out[n - 1], 0);
        }
    }
    size_t n = vfu_version_reply(out, sizeof(out), sizeof(out));
    vfu_req r;
    ASSERT_EQ(Parse(Msg(1, 0, std::vector<uint8_t>(out, out + n)), 0, &r), VFU_OK);
    EXPECT_EQ(r.u.version.caps.max_msg_fds, VFU_MAX_FDS);
    EXPECT_EQ(r.u.version.caps.max_data_xfer_size, VFU_MAX_XFER);
}

TEST(VfuMsg, SizesAndFdCounts)
{
    vfu_req r;
    std::vector<uint8_t> map(32, 0);
    EXPECT_EQ(Parse(Msg(2, 0, map), 0, &r), VFU_OK);
    EXPECT_EQ(Parse(Msg(2, 0, map), 1, &r), VFU_OK);
    EXPECT_EQ(Parse(Msg(2, 0, map), 2, &r), VFU_VIOLATION);
    EXPECT_EQ(Parse(Msg(2, 0, std::vector<uint8_t>(31)), 0, &r), VFU_VIOLATION);
    EXPECT_EQ(Parse(Msg(3, 0, std::vector<uint8_t>(24)), 1, &r), VFU_VIOLATION);
    EXPECT_EQ(Parse(Msg(13, 0, {}), 0, &r), VFU_OK);
    EXPECT_EQ(Parse(Msg(13, 0, {1}), 0, &r), VFU_VIOLATION);
    // SET_IRQS: 0 or count fds with DATA_EVENTFD, none otherwise.
    uint32_t si[5] = {20, 4 | 32, 2, 0, 3};
    std::vector<uint8_t> p((uint8_t *)si, (uint8_t *)si + 20);
    EXPECT_EQ(Parse(Msg(8, 0, p), 3, &r), VFU_OK);
    EXPECT_EQ(Parse(Msg(8, 0, p), 0, &r), VFU_OK);
    EXPECT_EQ(Parse(Msg(8, 0, p), 2, &r), VFU_VIOLATION);
    si[1] = 1 | 32; // DATA_NONE
    p.assign((uint8_t *)si, (uint8_t *)si + 20);
    EXPECT_EQ(Parse(Msg(8, 0, p), 1, &r), VFU_VIOLATION);
    si[1] = 3 | 32; // two data flags
    p.assign((uint8_t *)si, (uint8_t *)si + 20);
    EXPECT_EQ(Parse(Msg(8, 0, p), 0, &r), VFU_VIOLATION);
    // REGION_WRITE: payload = 16 + count; count within max_data_xfer_size.
    std::vector<uint8_t> w(16 + 4, 0);
    uint32_t c = 4;
    memcpy(w.data() + 12, &c, 4);
    EXPECT_EQ(Parse(Msg(10, 0x10, w), 0, &r), VFU_OK);
    EXPECT_TRUE(r.no_reply);
    c = 5;
    memcpy(w.data() + 12, &c, 4);
    EXPECT_EQ(Parse(Msg(10, 0, w), 0, &r), VFU_VIOLATION);
    // Unsupported commands and server-to-client ones.
    std::string why;
    EXPECT_EQ(Parse(Msg(16, 0, std::vector<uint8_t>(8)), 0, &r, &why), VFU_UNSUPPORTED);
    EXPECT_NE(why.find("DEVICE_FEATURE"), std::string::npos);
    EXPECT_EQ(Parse(Msg(11, 0, std::vector<uint8_t>(16)), 0, &r), VFU_VIOLATION);
    EXPECT_EQ(Parse(Msg(99, 0, {}), 0, &r), VFU_VIOLATION);
    EXPECT_EQ(Parse(Msg(4, 1, std::vector<uint8_t>(16)), 0, &r), VFU_VIOLATION); // a reply
    // Header size must equal the bytes.
    auto m = Msg(4, 0, std::vector<uint8_t>(16));
    m.push_back(0);
    EXPECT_EQ(Parse(m, 0, &r), VFU_VIOLATION);
    // WRITE_MULTI: entries of 24 bytes with counts 1..8.
    std::vector<uint8_t> mw(8 + 24, 0);
    uint64_t n = 1;
    memcpy(mw.data(), &n, 8);
    c = 4;
    memcpy(mw.data() + 8 + 12, &c, 4);
    EXPECT_EQ(Parse(Msg(15, 0x10, mw), 0, &r), VFU_OK);
    c = 9;
    memcpy(mw.data() + 8 + 12, &c, 4);
    EXPECT_EQ(Parse(Msg(15, 0x10, mw), 0, &r), VFU_VIOLATION);
}

TEST(VfuMsg, Replies)
{
    vfu_reply r;
    char why[128];
    std::vector<uint8_t> p(16 + 8, 0);
    uint64_t cnt = 8;
    memcpy(p.data() + 8, &cnt, 8);
    auto m = Msg(11, 1, p);
    EXPECT_EQ(vfu_reply_parse(m.data(), m.size(), 0, &r, why, sizeof(why)), 0);
    EXPECT_EQ(r.count, 8u);
    EXPECT_EQ(vfu_reply_parse(m.data(), m.size(), 1, &r, why, sizeof(why)), -1);
    cnt = 9;
    memcpy(p.data() + 8, &cnt, 8);
    m = Msg(11, 1, p);
    EXPECT_EQ(vfu_reply_parse(m.data(), m.size(), 0, &r, why, sizeof(why)), -1);
    m = Msg(11, 1 | 0x20, {});
    EXPECT_EQ(vfu_reply_parse(m.data(), m.size(), 0, &r, why, sizeof(why)), 0);
    EXPECT_TRUE(r.error);
    m = Msg(9, 1, {});
    EXPECT_EQ(vfu_reply_parse(m.data(), m.size(), 0, &r, why, sizeof(why)), -1);
}

} // namespace
