// SPDX-License-Identifier: MIT
// test_ctl.cpp - the bridge's control socket (issue 14): newline-delimited
// JSON over a UNIX socket against a bridge running in a thread of this
// process: the greeting, query-adapters with the report's figures, adding an
// adapter that then serves a master, removing one that has a master (its
// session ends, nothing leaks), and hostile input: malformed JSON, wrong
// shapes and types, an oversized line, too many clients, a client that never
// reads while another keeps working.
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <string>

#include "bridge_fixture.h"
#include "vfu_client.h"
#include "ctl.h"

namespace {

constexpr int kTo = 3000;

int Connect(const std::string &path)
{
    for (int i = 0; i < 300; i++) {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        snprintf(a.sun_path, sizeof(a.sun_path), "%s", path.c_str());
        if (connect(fd, (sockaddr *)&a, sizeof(a)) == 0)
            return fd;
        close(fd);
        usleep(10000);
    }
    return -1;
}

// One reply line ("" on timeout or EOF).
std::string Line(int fd, int to = kTo)
{
    std::string s;
    char ch;
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, to) <= 0)
            return "";
        if (read(fd, &ch, 1) != 1)
            return "";
        if (ch == '\n')
            return s;
        s += ch;
    }
}

bool Send(int fd, const std::string &s)
{
    return write(fd, s.data(), s.size()) == (ssize_t)s.size();
}

std::string Cmd(int fd, const std::string &s)
{
    return Send(fd, s + "\n") ? Line(fd) : "";
}

bool Has(const std::string &s, const std::string &what) { return s.find(what) != std::string::npos; }

class Ctl : public ::testing::Test {
  protected:
    TempDir dir;
    std::string ctl = dir / "ctl.sock";
    std::string a = dir / "a.sock";
};

TEST_F(Ctl, GreetingQueryAndTheReportsFigures)
{
    TestBridge b({"--control", ctl, "--socket", a, "--backend", "reflect"});
    ASSERT_TRUE(b.ok());
    int fd = Connect(ctl);
    ASSERT_GE(fd, 0);
    std::string g = Line(fd);
    EXPECT_TRUE(Has(g, "\"vhost-pci-bridge\":{\"version\":\"1.0\",\"spec\":1}")) << g;
    EXPECT_EQ(Cmd(fd, R"({"execute":"query-version","id":7})"),
              R"({"return":{"version":"1.0","spec":1},"id":7})");
    vc_session s;
    ASSERT_TRUE(vc_session_init(&s, "vc-ctl"));
    int m = vc_connect(a.c_str(), kTo);
    ASSERT_EQ(vc_session_run(&s, m, s.nsteps, kTo), s.nsteps);
    std::string q = Cmd(fd, R"({"execute":"query-adapters","id":"q"})");
    EXPECT_TRUE(Has(q, R"("name":"adapter0")")) << q;
    EXPECT_TRUE(Has(q, R"("backend":"reflect")")) << q;
    EXPECT_TRUE(Has(q, R"("connected":true)")) << q;
    EXPECT_TRUE(Has(q, R"("sessions":1)")) << q;
    EXPECT_TRUE(Has(q, R"("msgs_in":)" + std::to_string(b.Stats(0).msgs_in))) << q;
    EXPECT_TRUE(Has(q, R"("core":{"m2s":)")) << q;
    EXPECT_TRUE(Has(q, R"("firmware":{"tx_frames":0)")) << q;
    EXPECT_TRUE(Has(q, R"("id":"q")")) << q;
    close(m);
    vc_session_fini(&s);
    close(fd);
}

// add-adapter with "vfio-user": a driver face for a backend VM; removing the
// adapter drops its vfio-user client and its socket file goes.
TEST_F(Ctl, AddAndRemoveAVfioUserAdapter)
{
    TestBridge b({"--control", ctl, "--socket", a, "--backend", "net"});
    ASSERT_TRUE(b.ok());
    int fd = Connect(ctl);
    ASSERT_GE(fd, 0);
    Line(fd);
    std::string s2 = dir / "b.sock", v2 = dir / "b-vfu.sock";
    std::string r = Cmd(fd, R"({"execute":"add-adapter","arguments":{"socket":")" + s2 +
                                R"(","vfio-user":")" + v2 + R"("},"id":1})");
    EXPECT_TRUE(Has(r, R"("backend":"none")")) << r;
    int c = vfc_open(v2.c_str(), kTo);
    ASSERT_GE(c, 0);
    EXPECT_EQ(vfc_read32(c, 7, 0), 0x01101b36u);
    r = Cmd(fd, R"({"execute":"remove-adapter","arguments":{"name":"adapter1"},"id":2})");
    EXPECT_EQ(r, R"({"return":{},"id":2})");
    EXPECT_TRUE(vc_wait_eof(c, kTo));
    close(c);
    EXPECT_NE(access(v2.c_str(), F_OK), 0) << "the vfio-user socket file stayed";
    close(fd);
}

TEST_F(Ctl, AddAnAdapterThatServesAMasterThenRemoveItWithItsSession)
{
    int before = vc_count_fds();
    {
        TestBridge b({"--control", ctl, "--socket", a, "--backend", "net"});
        ASSERT_TRUE(b.ok());
        int fd = Connect(ctl);
        ASSERT_GE(fd, 0);
        Line(fd);
        std::string s2 = dir / "b.sock", s3 = dir / "c.sock";
        std::string r = Cmd(fd, R"({"execute":"add-adapter","arguments":{"socket":")" + s2 +
                                    R"(","backend":"reflect"},"id":1})");
        EXPECT_TRUE(Has(r, R"("return":{"name":"adapter1")")) << r;
        r = Cmd(fd, R"({"execute":"add-adapter","arguments":{"socket":")" + s3 +
                        R"(","backend":"blk","ram-disk":"4M","queues":2},"id":2})");
        EXPECT_TRUE(Has(r, R"("name":"adapter2")")) << r;
        // the same socket twice, and the parser's own errors
        r = Cmd(fd, R"({"execute":"add-adapter","arguments":{"socket":")" + s2 + R"("}})");
        EXPECT_TRUE(Has(r, "already serves this socket")) << r;
        r = Cmd(fd, R"({"execute":"add-adapter","arguments":{"socket":"/tmp/x.sock","backend":"bogus"}})");
        EXPECT_EQ(r, R"({"error":{"class":"GenericError","desc":"bad value for --backend: 'bogus'"}})");
        r = Cmd(fd, R"({"execute":"add-adapter","arguments":{"socket":"/tmp/x.sock","queues":"2"}})");
        EXPECT_TRUE(Has(r, "\\\"queues\\\" must be a int")) << r;
        r = Cmd(fd, R"({"execute":"add-adapter","arguments":{"socket":"/tmp/x.sock","evil":1}})");
        EXPECT_TRUE(Has(r, "unknown argument")) << r;
        // the control socket's own path, a live socket: never taken over
        r = Cmd(fd, R"({"execute":"add-adapter","arguments":{"socket":")" + ctl + R"("}})");
        EXPECT_TRUE(Has(r, "Address already in use")) << r;
        // the largest integer json-c holds reaches the parser intact
        r = Cmd(fd, R"({"execute":"add-adapter","arguments":{"socket":")" + (dir / "y.sock") +
                        R"(","backend":"txonly","txonly-count":18446744073709551615}})");
        EXPECT_TRUE(Has(r, R"("name":"adapter3")")) << r;
        // the new adapters serve masters
        {
            vc_session s;
            ASSERT_TRUE(vc_session_init(&s, "vc-ctl-add"));
            int m = vc_connect(s2.c_str(), kTo);
            ASSERT_EQ(vc_session_run(&s, m, VC_SESSION_RUNNING_STEPS, kTo), VC_SESSION_RUNNING_STEPS);
            EXPECT_EQ(vc_session_reflect(&s, 8, kTo), 8u);
            // remove it with its master connected: the master sees EOF
            r = Cmd(fd, R"({"execute":"remove-adapter","arguments":{"name":"adapter1"},"id":3})");
            EXPECT_EQ(r, R"({"return":{},"id":3})");
            EXPECT_TRUE(vc_wait_eof(m, kTo)) << "the master's session did not end";
            close(m);
            vc_session_fini(&s);
            EXPECT_EQ(WaitMaps("vc-ctl-add", 0), 0) << "its memory is still mapped";
        }
        EXPECT_EQ(access(s2.c_str(), F_OK), -1) << "its socket file is left";
        EXPECT_TRUE(FullSession(s3));
        r = Cmd(fd, R"({"execute":"remove-adapter","arguments":{"name":"adapter1"}})");
        EXPECT_EQ(r, R"({"error":{"class":"DeviceNotFound","desc":"no adapter named 'adapter1'"}})");
        r = Cmd(fd, R"({"execute":"query-adapters"})");
        EXPECT_TRUE(Has(r, "adapter0") && Has(r, "adapter2") && !Has(r, "adapter1")) << r;
        // the first adapter (net) still works after its neighbour left
        EXPECT_TRUE(FullSession(a));
        // a removed name is never reused
        r = Cmd(fd, R"({"execute":"add-adapter","arguments":{"socket":")" + s2 + R"("}})");
        EXPECT_TRUE(Has(r, R"("name":"adapter4")")) << r;
        close(fd);
    }
    EXPECT_EQ(WaitFds(before), before);
}

TEST_F(Ctl, HostileInputGetsErrorObjectsAndTheBridgeGoesOn)
{
    TestBridge b({"--control", ctl, "--socket", a, "--backend", "reflect"});
    ASSERT_TRUE(b.ok());
    int fd = Connect(ctl);
    ASSERT_GE(fd, 0);
    Line(fd);
    struct {
        const char *in, *want;
    } cases[] = {
        {"{", "malformed JSON"},
        {"{\"execute\":", "malformed JSON"},
        {"not json at all", "malformed JSON"},
        {"[1,2,3]", "a command is a JSON object"},
        {"\"query-version\"", "a command is a JSON object"},
        {"{}", "\\\"execute\\\" (a string) is missing"},
        {"{\"execute\":42}", "\\\"execute\\\" (a string) is missing"},
        {"{\"execute\":\"query-adapters\",\"arguments\":[]}", "\\\"arguments\\\" must be an object"},
        {"{\"execute\":\"launch-missiles\"}", "CommandNotFound"},
        {"{\"execute\":\"remove-adapter\"}", "needs \\\"name\\\""},
        {"{\"execute\":\"query-version\"} {\"x\":1}", "trailing data"},
        {"{\"execute\":\"query-version\",\"id\":{\"deep\":[1,{\"a\":null}]}}", "\"id\":{\"deep\""},
    };
    for (auto &c : cases) {
        std::string r = Cmd(fd, c.in);
        EXPECT_TRUE(Has(r, c.want)) << c.in << " -> " << r;
    }
    // An oversized line: one error, then the connection works again.
    std::string big(3 * VB_CTL_LINE_MAX, 'x');
    ASSERT_TRUE(Send(fd, big + "\n"));
    EXPECT_TRUE(Has(Line(fd), "LineTooLong"));
    EXPECT_TRUE(Has(Cmd(fd, R"({"execute":"query-version"})"), "\"return\""));
    // A line of exactly VB_CTL_LINE_MAX bytes is not too long.
    std::string pad = R"({"execute":"query-version","pad":")";
    std::string exact = pad + std::string(VB_CTL_LINE_MAX - pad.size() - 2, 'p') + "\"}";
    ASSERT_EQ(exact.size(), VB_CTL_LINE_MAX);
    EXPECT_TRUE(Has(Cmd(fd, exact), "\"return\"")) << "a line of exactly the limit";
    // A NUL inside a JSON string.
    EXPECT_TRUE(Has(Cmd(fd, R"({"execute":"query-version\u0000x"})"), "is missing"));
    // Binary garbage with NULs.
    std::string bin("\x00\xff{\x01}\n", 6);
    ASSERT_TRUE(Send(fd, bin));
    EXPECT_TRUE(Has(Line(fd), "\"error\""));
    EXPECT_TRUE(Has(Cmd(fd, R"({"execute":"query-version"})"), "\"return\""));
    // Too many clients: the ninth gets an error line and is closed.
    std::vector<int> more;
    for (unsigned i = 1; i < VB_CTL_CLIENTS; i++) {
        more.push_back(Connect(ctl));
        EXPECT_TRUE(Has(Line(more.back()), "vhost-pci-bridge"));
    }
    int extra = Connect(ctl);
    EXPECT_TRUE(Has(Line(extra), "TooManyClients"));
    EXPECT_EQ(Line(extra, 500), "");
    close(extra);
    for (int m : more)
        close(m);
    close(fd);
    // The data path still works.
    EXPECT_TRUE(FullSession(a));
}

TEST_F(Ctl, ALastCommandWithoutNewlineIsAnsweredAndIntegersStandForSizes)
{
    TestBridge b({"--control", ctl, "--socket", a, "--backend", "reflect"});
    ASSERT_TRUE(b.ok());
    int fd = Connect(ctl);
    ASSERT_GE(fd, 0);
    Line(fd);
    std::string s2 = dir / "b.sock";
    std::string r = Cmd(fd, R"({"execute":"add-adapter","arguments":{"socket":")" + s2 +
                                R"(","backend":"blk","ram-disk":4194304}})");
    EXPECT_TRUE(Has(r, R"("name":"adapter1")")) << r;
    ASSERT_TRUE(Send(fd, R"({"execute":"query-version","id":9})"));
    shutdown(fd, SHUT_WR);
    EXPECT_EQ(Line(fd), R"({"return":{"version":"1.0","spec":1},"id":9})");
    close(fd);
}

TEST_F(Ctl, AClientThatNeverReadsIsClosedAndNeverStallsTheLoop)
{
    TestBridge b({"--control", ctl, "--socket", a, "--backend", "reflect"});
    ASSERT_TRUE(b.ok());
    int slow = Connect(ctl);
    ASSERT_GE(slow, 0);
    int small = 4096;
    setsockopt(slow, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
    std::string q = R"({"execute":"query-adapters"})" "\n";
    std::string burst;
    for (int i = 0; i < 200; i++)
        burst += q;
    bool closed = false;
    for (int i = 0; i < 100 && !closed; i++) {
        pollfd p{slow, POLLOUT, 0};
        if (poll(&p, 1, 100) <= 0)
            continue; // its own send buffer is full: the bridge stopped reading it
        if (send(slow, burst.data(), burst.size(), MSG_NOSIGNAL | MSG_DONTWAIT) < 0 &&
            errno != EAGAIN)
            closed = true;
        // meanwhile another client and the data path are served
        int fd = Connect(ctl);
        ASSERT_GE(fd, 0);
        ASSERT_TRUE(Has(Line(fd), "vhost-pci-bridge"));
        ASSERT_TRUE(Has(Cmd(fd, R"({"execute":"query-version"})"), "\"return\"")) << i;
        close(fd);
    }
    EXPECT_TRUE(closed) << "a client that never reads was never closed";
    EXPECT_TRUE(FullSession(a));
    close(slow);
}

} // namespace
