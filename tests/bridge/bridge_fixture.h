// SPDX-License-Identifier: MIT
// bridge_fixture.h - runs a bridge (the vpci_bridge library) in a thread of
// the test process, with sockets in a private temp dir, so that the tests see
// its fds and mappings in /proc/self and ASan sees its memory.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include "bridge.h"
#include "vu_client.h"

class TestBridge {
  public:
    explicit TestBridge(std::vector<std::string> args, bool quiet = true) : args_(std::move(args))
    {
        std::vector<char *> argv;
        static char prog[] = "vhost-pci-bridge";
        argv.push_back(prog);
        for (auto &a : args_)
            argv.push_back(a.data());
        if (quiet) {
            static char q[] = "--quiet-ready";
            argv.push_back(q);
        }
        char err[512];
        int rc = vb_opts_parse(&o_, (int)argv.size(), argv.data(), stdout, err, sizeof(err));
        EXPECT_EQ(rc, 0) << err;
        if (rc != 0)
            return;
        b_ = vb_bridge_create(&o_, err, sizeof(err));
        EXPECT_NE(b_, nullptr) << err;
        if (b_)
            th_ = std::thread([this] { vb_bridge_run(b_); });
    }
    ~TestBridge() { Stop(); }
    void Stop()
    {
        if (b_) {
            vb_bridge_stop(b_);
            th_.join();
            vb_bridge_destroy(b_);
            b_ = nullptr;
        }
    }
    // Counters (read from the test thread; the tests read them after the
    // observable effect -- EOF, a reply -- happened, or after Stop()).
    vu_face_stats Stats(unsigned i)
    {
        vu_face_stats s{};
        vb_adapter_get_stats(vb_bridge_adapter(b_, i), &s);
        return s;
    }
    bool ok() const { return b_ != nullptr; }
    vb_bridge *get() { return b_; }

  private:
    std::vector<std::string> args_;
    vb_opts o_{};
    vb_bridge *b_ = nullptr;
    std::thread th_;
};

class TempDir {
  public:
    TempDir()
    {
        char t[] = "/tmp/vpci-bridge-test-XXXXXX";
        path_ = mkdtemp(t) ? t : "/tmp";
    }
    ~TempDir()
    {
        std::string cmd = "rm -rf '" + path_ + "'";
        if (path_ != "/tmp" && system(cmd.c_str()) != 0) {
        }
    }
    std::string operator/(const std::string &n) const { return path_ + "/" + n; }

  private:
    std::string path_;
};

// Wait until the process' fd count is @want (other threads close lazily).
inline int WaitFds(int want, int ms = 2000)
{
    int n = vc_count_fds();
    for (int i = 0; i < ms / 10 && n != want; i++) {
        usleep(10000);
        n = vc_count_fds();
    }
    return n;
}

inline int WaitMaps(const char *needle, int want, int ms = 2000)
{
    int n = vc_count_maps(needle);
    for (int i = 0; i < ms / 10 && n != want; i++) {
        usleep(10000);
        n = vc_count_maps(needle);
    }
    return n;
}

// A full QEMU-like session (vu_client's) on a fresh connection to @sock,
// memory named @memname; true if every step got its expected reply.
inline bool FullSession(const std::string &sock, const char *memname = "vc-mem",
                        int timeout_ms = 3000)
{
    vc_session s;
    if (!vc_session_init(&s, memname))
        return false;
    int fd = vc_connect(sock.c_str(), timeout_ms);
    bool ok = fd >= 0 && vc_session_run(&s, fd, s.nsteps, timeout_ms) == s.nsteps;
    if (fd >= 0)
        close(fd);
    vc_session_fini(&s);
    return ok;
}
