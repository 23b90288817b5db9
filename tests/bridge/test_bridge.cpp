// SPDX-License-Identifier: MIT
// test_bridge.cpp - the bridge over real UNIX sockets, no VM: raw vhost-user
// messages from a test client against a bridge running in a thread of this
// process (its fds and mappings show in /proc/self; ASan covers it).
// docs/spec.md §6 (relay, master-face validation), §9.3 (start orders),
// §10 (disconnect/reconnect), issue 5 "Message intake", "No peer can stall".
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "bridge_fixture.h"

namespace {

constexpr int kTo = 3000; // ms for any expected reply / EOF

std::string ReadFile(const std::string &p)
{
    std::ifstream f(p);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}


struct Region {
    uint64_t gpa, size, uaddr, off;
};

std::vector<uint8_t> MemTable(const std::vector<Region> &r, uint32_t n_override = ~0u)
{
    std::vector<uint8_t> p(8 + 32 * r.size(), 0);
    uint32_t n = n_override == ~0u ? (uint32_t)r.size() : n_override;
    memcpy(p.data(), &n, 4);
    for (size_t i = 0; i < r.size(); i++)
        memcpy(p.data() + 8 + 32 * i, &r[i], 32);
    return p;
}

class BridgeTest : public ::testing::Test {
  protected:
    TempDir dir;
    std::string sock = dir / "a.sock";
};

TEST_F(BridgeTest, FullSessionRelaysAndTracesBothDirections)
{
    std::string log = dir / "trace.log";
    {
        TestBridge b({"--socket", sock, "--backend", "reflect", "--trace", "--log-file", log});
        ASSERT_TRUE(b.ok());
        EXPECT_TRUE(FullSession(sock));
        for (int i = 0; i < 200 && ReadFile(log).find("peer closed") == std::string::npos; i++)
            usleep(10000);
        b.Stop();
    }
    std::string t = ReadFile(log);
    EXPECT_NE(t.find("adapter0 M>A ch0 GET_FEATURES(1) flags=0x1 size=0 fds=0"), std::string::npos)
        << t;
    EXPECT_NE(t.find("adapter0 A>M ch0 GET_FEATURES(1) flags=0x5 size=8 fds=0 u64=0x"),
              std::string::npos);
    EXPECT_NE(t.find("M>A ch0 SET_MEM_TABLE(5) flags=0x9 size=40 fds=1 regions=1 NEED_REPLY"),
              std::string::npos);
    EXPECT_NE(t.find("M>A ch0 SET_VRING_KICK(12) flags=0x1 size=8 fds=1 u64=0x1"),
              std::string::npos);
    EXPECT_NE(t.find("A>M ch0 GET_VRING_BASE(11)"), std::string::npos);
    EXPECT_NE(t.find("master connection closed: peer closed"), std::string::npos);
}

TEST_F(BridgeTest, MaskedProtocolFeaturesAreNeverOffered)
{
    TestBridge b({"--socket", sock, "--backend", "net"});
    ASSERT_TRUE(b.ok());
    int fd = vc_connect(sock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(vc_send(fd, VPCI_VU_REQ_GET_PROTOCOL_FEATURES, VPCI_VU_FLAG_VERSION, nullptr, 0,
                      nullptr, 0),
              0);
    vc_msg m;
    ASSERT_EQ(vc_recv(fd, &m, kTo), 1);
    uint64_t pf;
    memcpy(&pf, m.payload, 8);
    // spec §6.4: pass mask 0x1a2ff at most (minus LOG_SHMFD without LOG_WIN).
    EXPECT_EQ(pf & ~0x1a2ffull, 0u) << std::hex << pf;
    for (unsigned bit : {8u, 10u, 11u, 12u, 14u, 17u, 18u, 19u})
        EXPECT_FALSE(pf & (1ull << bit)) << "masked bit " << bit << " offered";
    close(fd);
}

// A master that uses a masked feature anyway is refused: its connection is
// closed, the fds it sent are closed, and the next master works.
class MaskedUse : public BridgeTest, public ::testing::WithParamInterface<int> {};

TEST_P(MaskedUse, RefusedCleanlyAndNextSessionWorks)
{
    TestBridge b({"--socket", sock, "--backend", "reflect"});
    ASSERT_TRUE(b.ok());
    int base = WaitFds(vc_count_fds());
    int fd = vc_connect(sock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(vc_send(fd, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, nullptr, 0, nullptr, 0),
              0);
    vc_msg m;
    ASSERT_EQ(vc_recv(fd, &m, kTo), 1);
    int efd = vc_eventfd(), mfd = vc_memfd("vc-inflight", 1 << 20);
    uint64_t u = 0;
    uint8_t inflight[32] = {0};
    switch (GetParam()) {
    case 0: // INFLIGHT_SHMFD (bit 12)
        u = 1ull << VPCI_PROTO_F_INFLIGHT_SHMFD;
        ASSERT_EQ(
            vc_send(fd, VPCI_VU_REQ_SET_PROTOCOL_FEATURES, VPCI_VU_FLAG_VERSION, &u, 8, nullptr, 0),
            0);
        break;
    case 1: // PAGEFAULT (bit 8) + postcopy
        u = 1ull << VPCI_PROTO_F_PAGEFAULT;
        ASSERT_EQ(
            vc_send(fd, VPCI_VU_REQ_SET_PROTOCOL_FEATURES, VPCI_VU_FLAG_VERSION, &u, 8, nullptr, 0),
            0);
        break;
    case 2:
        ASSERT_EQ(vc_send(fd, VPCI_VU_REQ_GET_INFLIGHT_FD, VPCI_VU_FLAG_VERSION, inflight, 32,
                          nullptr, 0),
                  0);
        break;
    case 3:
        ASSERT_EQ(
            vc_send(fd, VPCI_VU_REQ_SET_INFLIGHT_FD, VPCI_VU_FLAG_VERSION, inflight, 32, &mfd, 1),
            0);
        break;
    case 4: // INBAND_NOTIFICATIONS
        u = 0;
        ASSERT_EQ(vc_send(fd, VPCI_VU_REQ_VRING_KICK, VPCI_VU_FLAG_VERSION, &u, 8, nullptr, 0), 0);
        break;
    case 5:
        ASSERT_EQ(
            vc_send(fd, VPCI_VU_REQ_POSTCOPY_ADVISE, VPCI_VU_FLAG_VERSION, nullptr, 0, nullptr, 0),
            0);
        break;
    case 6: // DEVICE_STATE
        ASSERT_EQ(vc_send(fd, VPCI_VU_REQ_SET_DEVICE_STATE_FD, VPCI_VU_FLAG_VERSION, inflight, 8,
                          &efd, 1),
                  0);
        break;
    case 7: // unknown request code
        ASSERT_EQ(vc_send(fd, 99, VPCI_VU_FLAG_VERSION, nullptr, 0, &efd, 1), 0);
        break;
    }
    close(efd);
    close(mfd);
    EXPECT_TRUE(vc_wait_eof(fd, kTo));
    close(fd);
    EXPECT_EQ(WaitFds(base), base) << "fds of the refused message leaked";
    EXPECT_EQ(WaitMaps("vc-inflight", 0), 0);
    EXPECT_TRUE(FullSession(sock));
    EXPECT_GE(b.Stats(0).refused, 1u);
}

INSTANTIATE_TEST_SUITE_P(Bridge, MaskedUse, ::testing::Range(0, 8));

// Intake checks: each malformed message drops the connection, its fds are
// closed, memory is never mapped, and the adapter serves the next master.
struct BadCase {
    const char *name;
    std::function<void(int fd, int memfd, int small, int efd)> send;
};

class Intake : public BridgeTest, public ::testing::WithParamInterface<int> {};

static void SendHdr(int fd, uint32_t req, uint32_t flags, uint32_t size)
{
    uint32_t h[3] = {req, flags, size};
    vc_send_raw(fd, h, 12, nullptr, 0);
}

static const BadCase kBad[] = {
    {"version0", [](int fd, int, int, int) { SendHdr(fd, VPCI_VU_REQ_GET_FEATURES, 0, 0); }},
    {"version2", [](int fd, int, int, int) { SendHdr(fd, VPCI_VU_REQ_GET_FEATURES, 2, 0); }},
    {"reply_flag", [](int fd, int, int, int) { SendHdr(fd, VPCI_VU_REQ_GET_FEATURES, 5, 0); }},
    {"size_too_big",
     [](int fd, int, int, int) {
         SendHdr(fd, VPCI_VU_REQ_SET_FEATURES, VPCI_VU_FLAG_VERSION, 4085);
     }},
    {"u64_short",
     [](int fd, int, int, int) {
         uint32_t x = 1;
         vc_send(fd, VPCI_VU_REQ_SET_FEATURES, VPCI_VU_FLAG_VERSION, &x, 4, nullptr, 0);
     }},
    {"fds_on_get_features",
     [](int fd, int, int, int efd) {
         int f[2] = {efd, efd};
         vc_send(fd, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, nullptr, 0, f, 2);
     }},
    {"nine_fds",
     [](int fd, int, int, int efd) {
         int f[9];
         for (int &x : f)
             x = efd;
         vc_send(fd, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, nullptr, 0, f, 9);
     }},
    {"mem_table_0_regions",
     [](int fd, int memfd, int, int) {
         auto p = MemTable({{0, 1 << 20, 0x10000000, 0}}, 0);
         vc_send(fd, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, p.data(), (uint32_t)p.size(),
                 &memfd, 1);
     }},
    {"mem_table_9_regions",
     [](int fd, int memfd, int, int) {
         std::vector<Region> r;
         for (uint64_t i = 0; i < 9; i++)
             r.push_back({i << 30, 1 << 20, (i << 30) + 0x10000000, 0});
         auto p = MemTable(r);
         int f[9];
         for (int &x : f)
             x = memfd;
         vc_send(fd, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, p.data(), (uint32_t)p.size(),
                 f, 9);
     }},
    {"mem_table_fewer_fds",
     [](int fd, int memfd, int, int) {
         auto p = MemTable({{0, 1 << 20, 0x10000000, 0}, {1 << 30, 1 << 20, 0x20000000, 0}});
         vc_send(fd, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, p.data(), (uint32_t)p.size(),
                 &memfd, 1);
     }},
    {"mem_table_gpa_overlap",
     [](int fd, int memfd, int, int) {
         auto p = MemTable({{0, 2 << 20, 0x10000000, 0}, {1 << 20, 1 << 20, 0x20000000, 0}});
         int f[2] = {memfd, memfd};
         vc_send(fd, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, p.data(), (uint32_t)p.size(),
                 f, 2);
     }},
    {"mem_table_uaddr_overlap",
     [](int fd, int memfd, int, int) {
         auto p = MemTable({{0, 1 << 20, 0x10000000, 0}, {1 << 30, 1 << 20, 0x10080000, 0}});
         int f[2] = {memfd, memfd};
         vc_send(fd, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, p.data(), (uint32_t)p.size(),
                 f, 2);
     }},
    {"mem_table_zero_size",
     [](int fd, int memfd, int, int) {
         auto p = MemTable({{0, 0, 0x10000000, 0}});
         vc_send(fd, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, p.data(), (uint32_t)p.size(),
                 &memfd, 1);
     }},
    {"mem_table_wraps",
     [](int fd, int memfd, int, int) {
         auto p = MemTable({{~0ull - 4095, 1 << 20, 0x10000000, 0}});
         vc_send(fd, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, p.data(), (uint32_t)p.size(),
                 &memfd, 1);
     }},
    {"mem_fd_smaller_than_region",
     [](int fd, int, int small, int) {
         auto p = MemTable({{0, 2 << 20, 0x10000000, 0}});
         vc_send(fd, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, p.data(), (uint32_t)p.size(),
                 &small, 1);
     }},
    {"mem_offset_beyond_fd",
     [](int fd, int, int small, int) {
         auto p = MemTable({{0, 4096, 0x10000000, 1 << 20}});
         vc_send(fd, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, p.data(), (uint32_t)p.size(),
                 &small, 1);
     }},
    {"mem_fd_is_eventfd",
     [](int fd, int, int, int efd) {
         auto p = MemTable({{0, 4096, 0x10000000, 0}});
         vc_send(fd, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, p.data(), (uint32_t)p.size(),
                 &efd, 1);
     }},
    {"add_mem_reg_small_fd",
     [](int fd, int, int small, int) {
         uint8_t p[40] = {0};
         Region r{0, 2 << 20, 0x10000000, 0};
         memcpy(p + 8, &r, 32);
         vc_send(fd, VPCI_VU_REQ_ADD_MEM_REG, VPCI_VU_FLAG_VERSION, p, 40, &small, 1);
     }},
    {"log_base_beyond_fd",
     [](int fd, int, int small, int) {
         uint64_t p[2] = {2 << 20, 0};
         vc_send(fd, VPCI_VU_REQ_SET_LOG_BASE, VPCI_VU_FLAG_VERSION, p, 16, &small, 1);
     }},
    {"kick_nofd_with_fd",
     [](int fd, int, int, int efd) {
         uint64_t v = VPCI_VU_VRING_NOFD;
         vc_send(fd, VPCI_VU_REQ_SET_VRING_KICK, VPCI_VU_FLAG_VERSION, &v, 8, &efd, 1);
     }},
    {"kick_without_fd",
     [](int fd, int, int, int) {
         uint64_t v = 0;
         vc_send(fd, VPCI_VU_REQ_SET_VRING_KICK, VPCI_VU_FLAG_VERSION, &v, 8, nullptr, 0);
     }},
    {"kick_reserved_bits",
     [](int fd, int, int, int efd) {
         uint64_t v = 1ull << 20;
         vc_send(fd, VPCI_VU_REQ_SET_VRING_KICK, VPCI_VU_FLAG_VERSION, &v, 8, &efd, 1);
     }},
    {"call_fd_not_eventfd",
     [](int fd, int memfd, int, int) {
         uint64_t v = 0;
         vc_send(fd, VPCI_VU_REQ_SET_VRING_CALL, VPCI_VU_FLAG_VERSION, &v, 8, &memfd, 1);
     }},
    {"backend_req_fd_not_socket",
     [](int fd, int, int, int efd) {
         vc_send(fd, VPCI_VU_REQ_SET_BACKEND_REQ_FD, VPCI_VU_FLAG_VERSION, nullptr, 0, &efd, 1);
     }},
};

TEST_P(Intake, ViolationDropsConnectionClosesFdsNeverMaps)
{
    const BadCase &c = kBad[GetParam()];
    SCOPED_TRACE(c.name);
    TestBridge b({"--socket", sock, "--backend", "reflect"});
    ASSERT_TRUE(b.ok());
    int base = WaitFds(vc_count_fds());
    int fd = vc_connect(sock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    int memfd = vc_memfd("vc-intake-big", 4 << 20);
    int small = vc_memfd("vc-intake-small", 1 << 20);
    int efd = vc_eventfd();
    c.send(fd, memfd, small, efd);
    close(memfd);
    close(small);
    close(efd);
    EXPECT_TRUE(vc_wait_eof(fd, kTo)) << c.name << ": connection not dropped";
    close(fd);
    EXPECT_EQ(WaitFds(base), base) << c.name << ": fds leaked";
    EXPECT_EQ(WaitMaps("vc-intake", 0), 0) << c.name << ": memory still mapped";
    auto st = b.Stats(0);
    EXPECT_EQ(st.maps, st.unmaps);
    if (strncmp(c.name, "mem_fd_smaller", 14) == 0 || strncmp(c.name, "mem_offset", 10) == 0 ||
        strncmp(c.name, "add_mem_reg_small", 17) == 0 || strncmp(c.name, "log_base", 8) == 0) {
        EXPECT_EQ(st.maps, 0u) << c.name << ": a too-small memory fd was mapped";
    }
    EXPECT_GE(st.violations + st.refused, 1u);
    EXPECT_TRUE(FullSession(sock)) << c.name << ": next master not served";
}

INSTANTIATE_TEST_SUITE_P(Bridge, Intake,
                         ::testing::Range(0, (int)(sizeof(kBad) / sizeof(kBad[0]))),
                         [](const ::testing::TestParamInfo<int> &i) {
                             return std::string(kBad[i.param].name);
                         });

// Non-blocking: a master that sends half a message, floods, or stops reading
// its replies does not stall another adapter served by the same process.
TEST_F(BridgeTest, HalfMessageFloodAndNonReaderDoNotStallOtherAdapter)
{
    std::string sb = dir / "b.sock", sc = dir / "c.sock";
    TestBridge b({"--socket", sock, "--backend", "reflect", "--socket", sb, "--backend",
                  "reflect", "--socket", sc, "--backend", "reflect"});
    ASSERT_TRUE(b.ok());
    // adapter0: half a header, then nothing.
    int half = vc_connect(sock.c_str(), kTo);
    ASSERT_GE(half, 0);
    uint32_t h[3] = {VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, 8};
    ASSERT_EQ(vc_send_raw(half, h, 6, nullptr, 0), 0);
    // adapter1: floods GET_FEATURES and never reads a reply.
    int flood = vc_connect(sb.c_str(), kTo);
    ASSERT_GE(flood, 0);
    fcntl(flood, F_SETFL, O_NONBLOCK);
    unsigned sent = 0;
    for (int i = 0; i < 200000; i++) {
        uint32_t m[3] = {VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, 0};
        if (send(flood, m, 12, MSG_DONTWAIT | MSG_NOSIGNAL) != 12)
            break;
        sent++;
    }
    EXPECT_GT(sent, 0u);
    // adapter2 is served normally, promptly.
    auto t0 = std::chrono::steady_clock::now();
    EXPECT_TRUE(FullSession(sc));
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(ms, 2000);
    // The half message is still pending (not an error): the peer is connected.
    struct pollfd p = {half, POLLIN, 0};
    EXPECT_EQ(poll(&p, 1, 100), 0);
    // Keep flooding: the flooder is either back-pressured (socket full) or
    // dropped once its unread replies pass the bound; it never blocks others.
    for (int round = 0; round < 50; round++) {
        uint32_t m[3] = {VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, 0};
        while (send(flood, m, 12, MSG_DONTWAIT | MSG_NOSIGNAL) == 12)
            sent++;
        usleep(20000);
    }
    EXPECT_TRUE(FullSession(sc));
    auto st1 = b.Stats(1);
    EXPECT_GT(st1.msgs_out, 0u);
    EXPECT_TRUE(st1.eagain > 0 || st1.violations > 0 || !st1.connected)
        << "flooder neither back-pressured nor dropped";
    close(flood);
    close(half);
}

// Disconnect at every message boundary of a QEMU-like session, then a full
// session on a new connection; fds and mappings come back to the baseline.
TEST_F(BridgeTest, DisconnectAtEveryBoundaryThenReconnect)
{
    TestBridge b({"--socket", sock, "--backend", "reflect"});
    ASSERT_TRUE(b.ok());
    int base = WaitFds(vc_count_fds());
    vc_session s0;
    ASSERT_TRUE(vc_session_init(&s0, "vc-probe"));
    unsigned n = s0.nsteps;
    vc_session_fini(&s0);
    for (unsigned k = 0; k <= n; k++) {
        SCOPED_TRACE("disconnect after step " + std::to_string(k));
        vc_session s;
        ASSERT_TRUE(vc_session_init(&s, "vc-boundary"));
        int fd = vc_connect(sock.c_str(), kTo);
        ASSERT_GE(fd, 0);
        ASSERT_EQ(vc_session_run(&s, fd, k, kTo), k);
        close(fd);
        vc_session_fini(&s);
        EXPECT_TRUE(FullSession(sock, "vc-again"));
        EXPECT_EQ(WaitFds(base), base);
        EXPECT_EQ(WaitMaps("vc-boundary", 0), 0);
        EXPECT_EQ(WaitMaps("vc-again", 0), 0);
    }
    auto st = b.Stats(0);
    EXPECT_EQ(st.sessions, 2u * (n + 1));
    EXPECT_EQ(st.violations, 0u);
    EXPECT_EQ(st.maps, st.unmaps);
}

// Master first: the firmware starts later; the master's first request waits
// inside the adapter and is answered once the driver is ready (spec §9.3).
TEST_F(BridgeTest, MasterFirstStartOrder)
{
    TestBridge b({"--socket", sock, "--backend", "reflect", "--start-delay", "600"});
    ASSERT_TRUE(b.ok());
    int fd = vc_connect(sock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(vc_send(fd, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, nullptr, 0, nullptr, 0),
              0);
    vc_msg m;
    EXPECT_EQ(vc_recv(fd, &m, 200), -1) << "answered before the firmware started";
    ASSERT_EQ(vc_recv(fd, &m, kTo), 1);
    EXPECT_EQ(m.request, (uint32_t)VPCI_VU_REQ_GET_FEATURES);
    close(fd);
    EXPECT_TRUE(FullSession(sock));
}

// Driver first: the firmware is running long before the master connects.
TEST_F(BridgeTest, DriverFirstStartOrder)
{
    TestBridge b({"--socket", sock, "--backend", "reflect"});
    ASSERT_TRUE(b.ok());
    usleep(300000);
    EXPECT_TRUE(FullSession(sock));
}

// Client mode: the bridge connects to a listening master and reconnects after
// the master goes away.
TEST_F(BridgeTest, ClientModeConnectsAndReconnects)
{
    int lfd = vc_listen(sock.c_str());
    ASSERT_GE(lfd, 0);
    TestBridge b({"--socket", sock, "--client", "--backend", "reflect", "--reconnect-ms", "50"});
    ASSERT_TRUE(b.ok());
    for (int round = 0; round < 3; round++) {
        int fd = vc_accept(lfd, kTo);
        ASSERT_GE(fd, 0) << "round " << round;
        vc_session s;
        ASSERT_TRUE(vc_session_init(&s, "vc-client"));
        EXPECT_EQ(vc_session_run(&s, fd, s.nsteps, kTo), s.nsteps);
        close(fd);
        vc_session_fini(&s);
    }
    close(lfd);
    EXPECT_EQ(b.Stats(0).sessions, 3u);
}

// Connect to @sock, negotiate BACKEND_REQ (+ REPLY_ACK) and hand over the
// backend channel: *fd is the master socket, *chan our end of the channel
// (-1 on failure, with the failed expectation reported).
void OpenBackendChannel(const std::string &sock, int *fd, int *chan)
{
    *fd = vc_connect(sock.c_str(), kTo);
    ASSERT_GE(*fd, 0);
    vc_msg m;
    ASSERT_EQ(vc_send(*fd, VPCI_VU_REQ_GET_PROTOCOL_FEATURES, VPCI_VU_FLAG_VERSION, nullptr, 0,
                      nullptr, 0),
              0);
    ASSERT_EQ(vc_recv(*fd, &m, kTo), 1);
    uint64_t pf;
    memcpy(&pf, m.payload, 8);
    ASSERT_TRUE(pf & (1ull << VPCI_PROTO_F_BACKEND_REQ)) << "BACKEND_REQ not offered";
    uint64_t want = pf & ((1ull << VPCI_PROTO_F_BACKEND_REQ) | (1ull << VPCI_PROTO_F_REPLY_ACK));
    ASSERT_EQ(vc_send(*fd, VPCI_VU_REQ_SET_PROTOCOL_FEATURES, VPCI_VU_FLAG_VERSION, &want, 8,
                      nullptr, 0),
              0);
    int sp[2];
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp), 0);
    ASSERT_EQ(vc_send(*fd, VPCI_VU_REQ_SET_BACKEND_REQ_FD,
                      VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_NEED_REPLY, nullptr, 0, &sp[1], 1),
              0);
    close(sp[1]);
    ASSERT_EQ(vc_recv(*fd, &m, kTo), 1);
    EXPECT_EQ(m.request, (uint32_t)VPCI_VU_REQ_SET_BACKEND_REQ_FD);
    uint64_t ack;
    memcpy(&ack, m.payload, 8);
    EXPECT_EQ(ack, 0u);
    *chan = sp[0];
}

// The backend channel: SET_BACKEND_REQ_FD with a socket is accepted and the
// socket is closed when the session ends.
TEST_F(BridgeTest, BackendChannelAcceptedAndReleased)
{
    TestBridge b({"--socket", sock, "--backend", "reflect"});
    ASSERT_TRUE(b.ok());
    int base = WaitFds(vc_count_fds());
    int fd = -1, chan = -1;
    OpenBackendChannel(sock, &fd, &chan);
    ASSERT_GE(chan, 0);
    close(fd);
    EXPECT_TRUE(vc_wait_eof(chan, kTo)) << "backend channel not closed at session end";
    close(chan);
    EXPECT_EQ(WaitFds(base), base);
}

// The backend channel carries the driver's requests (S2M channel 1) to the
// master: the firmware's device IOTLB misses a ring of a master that acked
// VIRTIO_F_ACCESS_PLATFORM (spec §8.8) and the miss arrives on the channel
// (before the fix the face never recorded the channel in use and dropped
// every backend request: "backend channel gone").
TEST_F(BridgeTest, BackendChannelCarriesTheDriversRequests)
{
    TestBridge b({"--socket", sock, "--backend", "blk", "--ram-disk", "1M"});
    ASSERT_TRUE(b.ok());
    int fd = -1, chan = -1;
    OpenBackendChannel(sock, &fd, &chan);
    ASSERT_GE(chan, 0);
    vc_msg m;
    ASSERT_EQ(vc_send(fd, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, nullptr, 0, nullptr, 0), 0);
    ASSERT_EQ(vc_recv(fd, &m, kTo), 1);
    uint64_t f;
    memcpy(&f, m.payload, 8);
    const uint64_t ap = 1ull << 33; // VIRTIO_F_ACCESS_PLATFORM
    ASSERT_TRUE(f & ap) << "ACCESS_PLATFORM not offered";
    uint64_t want = f & (ap | (1ull << 32) | (1ull << VPCI_VU_F_PROTOCOL_FEATURES));
    ASSERT_EQ(vc_send(fd, VPCI_VU_REQ_SET_FEATURES, VPCI_VU_FLAG_VERSION, &want, 8, nullptr, 0), 0);
    uint32_t num[2] = {0, 256};
    ASSERT_EQ(vc_send(fd, VPCI_VU_REQ_SET_VRING_NUM, VPCI_VU_FLAG_VERSION, num, 8, nullptr, 0), 0);
    struct {
        uint32_t index, flags;
        uint64_t desc, used, avail, log;
    } addr = {0, 0, 0x123450000ull, 0x123452000ull, 0x123451000ull, 0};
    ASSERT_EQ(vc_send(fd, VPCI_VU_REQ_SET_VRING_ADDR, VPCI_VU_FLAG_VERSION, &addr, 40, nullptr, 0), 0);
    ASSERT_EQ(vc_recv(chan, &m, kTo), 1) << "no request on the backend channel";
    EXPECT_EQ(m.request, (uint32_t)VPCI_VU_REQ_BACKEND_IOTLB_MSG);
    ASSERT_EQ(m.size, 32u);
    uint64_t iova;
    memcpy(&iova, m.payload, 8);
    EXPECT_EQ(iova, addr.desc);
    EXPECT_EQ(m.payload[25], 1u) << "VHOST_IOTLB_MISS";
    EXPECT_EQ(m.payload[24], 1u) << "the descriptor table is read: RO";
    close(fd);
    close(chan);
}

// A reply on the backend channel that answers no request: the core refuses
// it and ends the session, which releases the channel while the face is still
// delivering that very message (a use-after-free before the fix; ASan sees
// it). The master is dropped cleanly and the next one is served.
TEST_F(BridgeTest, UnsolicitedBackendReplyEndsTheSessionCleanly)
{
    TestBridge b({"--socket", sock, "--backend", "reflect"});
    ASSERT_TRUE(b.ok());
    int base = WaitFds(vc_count_fds());
    int fd = -1, chan = -1;
    OpenBackendChannel(sock, &fd, &chan);
    ASSERT_GE(chan, 0);
    uint64_t zero = 0;
    ASSERT_EQ(vc_send(chan, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG,
                      VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, &zero, 8, nullptr, 0),
              0);
    EXPECT_TRUE(vc_wait_eof(fd, kTo)) << "the session did not end";
    EXPECT_TRUE(vc_wait_eof(chan, kTo)) << "the backend channel was not closed";
    close(fd);
    close(chan);
    EXPECT_EQ(WaitFds(base), base);
    EXPECT_TRUE(FullSession(sock));
}

// A socket path something still listens on is never taken over.
TEST_F(BridgeTest, ALiveSocketIsNotTakenOver)
{
    TestBridge b({"--socket", sock, "--backend", "reflect"});
    ASSERT_TRUE(b.ok());
    vb_opts o;
    char err[256];
    std::string s = sock;
    const char *argv[] = {"x", "--socket", s.c_str(), "--backend", "blk"};
    ASSERT_EQ(vb_opts_parse(&o, 5, const_cast<char **>(argv), stdout, err, sizeof(err)), 0);
    EXPECT_EQ(vb_bridge_create(&o, err, sizeof(err)), nullptr);
    EXPECT_NE(std::string(err).find("Address already in use"), std::string::npos) << err;
    EXPECT_TRUE(FullSession(sock)) << "the first bridge lost its socket";
}

// The whole bridge leaves no fd behind.
TEST_F(BridgeTest, NoFdLeakAcrossBridgeLifetime)
{
    int before = vc_count_fds();
    {
        TestBridge b({"--socket", sock, "--backend", "net", "--socket", dir / "b.sock",
                      "--backend", "blk", "--ram-disk", "4M"});
        ASSERT_TRUE(b.ok());
        EXPECT_TRUE(FullSession(sock));
    }
    EXPECT_EQ(WaitFds(before), before);
    EXPECT_EQ(access(sock.c_str(), F_OK), -1) << "socket file left behind";
}

// The adapter modes the bridge can now create (issue 8: the bridge could only
// make internal MSI-X, trapped windows): each serves a full session and
// carries frames through the firmware's reflect backend.
struct ModeCase {
    const char *name;
    bool ext_msix, persistent;
};
class Modes : public ::testing::TestWithParam<ModeCase> {
  protected:
    TempDir dir;
};

TEST_P(Modes, FullSessionWithTraffic)
{
    const ModeCase &m = GetParam();
    std::string sock = dir / "m.sock", wfile = dir / "guest-ram";
    std::vector<std::string> args = {"--socket", sock, "--backend", "reflect", "--msix",
                                     m.ext_msix ? "external" : "internal"};
    if (m.persistent) {
        args.insert(args.end(), {"--window", "persistent", "--window-file", wfile});
    }
    TestBridge b(args);
    ASSERT_TRUE(b.ok());
    vc_session s;
    ASSERT_TRUE(m.persistent ? vc_session_init_file(&s, wfile.c_str())
                             : vc_session_init(&s, "vc-mode"));
    int fd = vc_connect(sock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(vc_session_run(&s, fd, VC_SESSION_RUNNING_STEPS, kTo), VC_SESSION_RUNNING_STEPS);
    EXPECT_EQ(vc_session_reflect(&s, 20, kTo), 20u);
    vpci_core *core = vb_adapter_core(vb_bridge_adapter(b.get(), 0));
    EXPECT_EQ(vpci_core_params(core)->msix_mode,
              m.ext_msix ? VPCI_MSIX_EXTERNAL : VPCI_MSIX_INTERNAL);
    EXPECT_EQ(vpci_core_params(core)->win_mode,
              m.persistent ? VPCI_WIN_PERSISTENT : VPCI_WIN_TRAPPED);
    close(fd);
    vc_session_fini(&s);
}

void PrintTo(const ModeCase &m, std::ostream *os) { *os << m.name; }

INSTANTIATE_TEST_SUITE_P(Bridge, Modes,
                         ::testing::Values(ModeCase{"internal_trapped", false, false},
                                           ModeCase{"external_trapped", true, false},
                                           ModeCase{"internal_persistent", false, true},
                                           ModeCase{"external_persistent", true, true}),
                         [](const auto &i) { return std::string(i.param.name); });

// Persistent windows (spec §8.7): the core refuses memory that is not the
// window file; the face recognises the window file by its identity.
TEST_F(BridgeTest, PersistentWindowTakesOnlyTheWindowFile)
{
    std::string wfile = dir / "guest-ram";
    TestBridge b({"--socket", sock, "--backend", "reflect", "--window", "persistent",
                  "--window-file", wfile});
    ASSERT_TRUE(b.ok());
    {
        vc_session s; // memfd: not the window file
        ASSERT_TRUE(vc_session_init(&s, "vc-not-window"));
        int fd = vc_connect(sock.c_str(), kTo);
        ASSERT_GE(fd, 0);
        EXPECT_EQ(vc_session_run(&s, fd, s.nsteps, kTo), 6u) << "SET_MEM_TABLE was taken";
        EXPECT_TRUE(vc_wait_eof(fd, kTo));
        close(fd);
        vc_session_fini(&s);
    }
    EXPECT_NE(std::string(b.Stats(0).last_drop).find("not the window file"), std::string::npos)
        << b.Stats(0).last_drop;
    {
        vc_session s; // a copy of the file under another name is another file
        std::string other = dir / "other-ram";
        ASSERT_TRUE(vc_session_init_file(&s, other.c_str()));
        int fd = vc_connect(sock.c_str(), kTo);
        ASSERT_GE(fd, 0);
        EXPECT_EQ(vc_session_run(&s, fd, s.nsteps, kTo), 6u);
        close(fd);
        vc_session_fini(&s);
    }
    vc_session s;
    ASSERT_TRUE(vc_session_init_file(&s, wfile.c_str()));
    int fd = vc_connect(sock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(vc_session_run(&s, fd, VC_SESSION_RUNNING_STEPS, kTo), VC_SESSION_RUNNING_STEPS);
    EXPECT_EQ(vc_session_reflect(&s, 4, kTo), 4u);
    close(fd);
    vc_session_fini(&s);
}

// --no-firmware: the vhost-user face alone on a core whose driver face has no
// driver. The master connects and its messages wait in the adapter's queue
// (no reply: nobody serves them); the session ends cleanly, nothing leaks,
// and the next master is taken.
TEST_F(BridgeTest, NoFirmwareFaceAloneHoldsTheMasterAndLeaksNothing)
{
    int before = vc_count_fds();
    {
        TestBridge b({"--socket", sock, "--backend", "blk", "--no-firmware"});
        ASSERT_TRUE(b.ok());
        EXPECT_EQ(vb_adapter_dev(vb_bridge_adapter(b.get(), 0)), nullptr);
        for (int round = 0; round < 2; round++) {
            int fd = vc_connect(sock.c_str(), kTo);
            ASSERT_GE(fd, 0);
            ASSERT_EQ(vc_send(fd, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, nullptr, 0, nullptr, 0), 0);
            vc_msg m;
            EXPECT_EQ(vc_recv(fd, &m, 300), -1) << "a reply without a driver";
            vc_session s;
            ASSERT_TRUE(vc_session_init(&s, "vc-nofw"));
            uint64_t r[4] = {0x100000000ull, s.mem_size, (uint64_t)(uintptr_t)s.mem, 0};
            std::vector<uint8_t> p(40, 0);
            uint32_t n = 1;
            memcpy(p.data(), &n, 4);
            memcpy(p.data() + 8, r, 32);
            ASSERT_EQ(vc_send(fd, VPCI_VU_REQ_SET_MEM_TABLE, VPCI_VU_FLAG_VERSION, p.data(), 40, &s.memfd, 1), 0);
            for (int i = 0; i < 200 && b.Stats(0).msgs_in < 2u * (round + 1); i++)
                usleep(5000);
            EXPECT_EQ(b.Stats(0).msgs_in, 2u * (round + 1));
            EXPECT_EQ(b.Stats(0).sessions, (uint64_t)round + 1);
            close(fd);
            vc_session_fini(&s);
            for (int i = 0; i < 200 && b.Stats(0).connected; i++)
                usleep(5000);
            EXPECT_FALSE(b.Stats(0).connected);
            EXPECT_EQ(b.Stats(0).live_res, 0u);
            EXPECT_EQ(WaitMaps("vc-nofw", 0), 0) << "a mapping outlived the session";
        }
    }
    EXPECT_EQ(WaitFds(before), before);
}

TEST(BridgeOpts, HelpAndErrors)
{
    vb_opts o;
    char err[256];
    char *argv1[] = {(char *)"x", (char *)"--help"};
    FILE *f = tmpfile();
    EXPECT_EQ(vb_opts_parse(&o, 2, argv1, f, err, sizeof(err)), 1);
    fclose(f);
    char *argv2[] = {(char *)"x", (char *)"--backend", (char *)"net"};
    EXPECT_EQ(vb_opts_parse(&o, 3, argv2, stdout, err, sizeof(err)), -1);
    char *argv3[] = {(char *)"x", (char *)"--socket", (char *)"/tmp/s", (char *)"--backend",
                     (char *)"bogus"};
    EXPECT_EQ(vb_opts_parse(&o, 5, argv3, stdout, err, sizeof(err)), -1);
    char *argv4[] = {(char *)"x", (char *)"--socket", (char *)"/tmp/s", (char *)"--backend",
                     (char *)"blk", (char *)"--ram-disk", (char *)"8M", (char *)"--mode",
                     (char *)"poll"};
    ASSERT_EQ(vb_opts_parse(&o, 9, argv4, stdout, err, sizeof(err)), 0) << err;
    EXPECT_EQ(o.ad[0].ram_disk, 8u << 20);
    EXPECT_EQ(o.mode, VPF_MODE_POLL);
    EXPECT_FALSE(o.ad[0].msix_external);
    EXPECT_FALSE(o.ad[0].win_persistent);
    EXPECT_FALSE(o.ad[0].no_firmware);
}

// --config FILE: the command line's options as "key = value" lines and
// [adapter] sections; the command line still works and wins.
TEST(BridgeOpts, ConfigFileBecomesTheCommandLine)
{
    TempDir dir;
    std::string cfg = dir / "b.conf";
    auto write = [&](const std::string &text) {
        FILE *f = fopen(cfg.c_str(), "w");
        fputs(text.c_str(), f);
        fclose(f);
    };
    write("# comment\n"
          "mode = poll\n"
          "trace = true\n"
          "reconnect-ms = 50\n"
          "\n"
          "[adapter]\n"
          "backend = blk\n"
          "socket = /tmp/blk.sock   \n"
          "ram-disk = 8M\n"
          "read-only = yes\n"
          "[adapter]\n"
          "  socket=/tmp/net.sock\n"
          "no-check = false\n");
    vb_opts o;
    char err[256];
    auto parse = [&](std::vector<const char *> a) {
        a.insert(a.begin(), "x");
        return vb_opts_parse(&o, (int)a.size(), const_cast<char **>(a.data()), stdout, err,
                             sizeof(err));
    };
    ASSERT_EQ(parse({"--config", cfg.c_str()}), 0) << err;
    EXPECT_EQ(o.mode, VPF_MODE_POLL);
    EXPECT_TRUE(o.trace);
    EXPECT_EQ(o.reconnect_ms, 50u);
    ASSERT_EQ(o.nad, 2u);
    EXPECT_STREQ(o.ad[0].socket, "/tmp/blk.sock");
    EXPECT_EQ(o.ad[0].backend, VB_BE_BLK);
    EXPECT_EQ(o.ad[0].ram_disk, 8u << 20);
    EXPECT_TRUE(o.ad[0].read_only);
    EXPECT_STREQ(o.ad[1].socket, "/tmp/net.sock");
    EXPECT_FALSE(o.ad[1].no_check);
    // the command line: a global wins, an adapter comes after the file's
    ASSERT_EQ(parse({"--mode", "irq", "--config", cfg.c_str(), "--socket", "/tmp/c.sock"}), 0)
        << err;
    EXPECT_EQ(o.mode, VPF_MODE_INTERRUPT);
    ASSERT_EQ(o.nad, 3u);
    EXPECT_STREQ(o.ad[2].socket, "/tmp/c.sock");
    // errors name the file and the line
    struct {
        const char *text, *want;
    } bad[] = {
        {"mode = poll\nbogus line\n", ":2: expected 'key = value', got 'bogus line'"},
        {"[adapter]\nbackend = net\n", ":1: [adapter] without a socket = PATH"},
        {"[vm]\n", ":1: unknown section '[vm]' (only [adapter])"},
        {"socket = /tmp/s\n", ":1: socket belongs in an [adapter] section"},
        {"[adapter]\nsocket = /a\nsocket = /b\n", ":3: a second socket in one [adapter]"},
        {"trace = maybe\n", ":1: trace is a flag: true or false, not 'maybe'"},
        {"config = /etc/other.conf\n", ":1: 'config' cannot be set in a configuration file"},
    };
    for (auto &b : bad) {
        write(b.text);
        EXPECT_EQ(parse({"--config", cfg.c_str()}), -1) << b.text;
        EXPECT_EQ(std::string(err), cfg + b.want) << b.text;
    }
    // values are checked by the option parser itself
    write("mode = fast\n");
    EXPECT_EQ(parse({"--config", cfg.c_str()}), -1);
    EXPECT_STREQ(err, "bad value for --mode: 'fast'");
    EXPECT_EQ(parse({"--config", "/nonexistent/x.conf"}), -1);
    EXPECT_STREQ(err, "/nonexistent/x.conf: No such file or directory");
    EXPECT_EQ(parse({"--config", cfg.c_str(), "--config", cfg.c_str()}), -1);
    EXPECT_STREQ(err, "--config given twice");
}

TEST(BridgeOpts, AdapterModes)
{
    vb_opts o;
    char err[256];
    auto parse = [&](std::vector<const char *> a) {
        a.insert(a.begin(), "x");
        return vb_opts_parse(&o, (int)a.size(), const_cast<char **>(a.data()), stdout, err,
                             sizeof(err));
    };
    ASSERT_EQ(parse({"--socket", "/tmp/s", "--msix", "external", "--window", "persistent",
                     "--window-file", "/tmp/ram", "--no-firmware"}),
              0)
        << err;
    EXPECT_TRUE(o.ad[0].msix_external);
    EXPECT_TRUE(o.ad[0].win_persistent);
    EXPECT_STREQ(o.ad[0].window_file, "/tmp/ram");
    EXPECT_TRUE(o.ad[0].no_firmware);
    EXPECT_EQ(parse({"--socket", "/tmp/s", "--msix", "both"}), -1);
    EXPECT_STREQ(err, "bad value for --msix: 'both'");
    EXPECT_EQ(parse({"--socket", "/tmp/s", "--window", "mapped"}), -1);
    EXPECT_EQ(parse({"--socket", "/tmp/s", "--window", "persistent"}), -1);
    EXPECT_STREQ(err, "/tmp/s: --window persistent and --window-file FILE go together");
    EXPECT_EQ(parse({"--socket", "/tmp/s", "--window-file", "/tmp/ram"}), -1);
    EXPECT_EQ(parse({"--no-firmware"}), -1);
    EXPECT_STREQ(err, "--no-firmware must follow a --socket");
}

} // namespace
