// SPDX-License-Identifier: MIT
// replay_run.cpp - replay runners of replay_run.h.
#include "replay_run.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "fw_host.h"
#include "hal_core.h"
#include "net.h"
#include "trace.h"
#include "vp_run.h"

#ifndef VPCI_SESSIONS_DIR
#error "VPCI_SESSIONS_DIR (tests/tlm/sessions) must be defined by the build"
#endif

namespace replay {

namespace {

constexpr unsigned kSettleSteps = 200000; // steps a settle may take before it gives up

// The adapter and firmware the recording bridge had (the header's keys).
struct header {
    fw_host_opts fo{};
    unsigned index = 0;
    vpci_params p{};
    uint8_t mac[6] = {};
    uint64_t disk_bytes = 0;
};

bool get(const vpci_replay *r, const char *key, std::string *v)
{
    char buf[256];
    if (vpci_replay_info_get(r, key, buf, sizeof(buf)) < 0)
        return false;
    *v = buf;
    return true;
}

std::string parse_header(const vpci_replay *r, header *h)
{
    std::string v;
    auto num = [&](const char *key, uint64_t *out) {
        if (!get(r, key, &v) || v.empty())
            return false;
        char *end = nullptr;
        *out = strtoull(v.c_str(), &end, 0);
        return *end == 0;
    };
    uint64_t n = 0;
    if (!get(r, "backend", &v) || vb_backend_parse(v.c_str()) < 0)
        return "header: backend '" + v + "' is not one this replay can host";
    h->fo.backend = static_cast<vb_backend>(vb_backend_parse(v.c_str()));
    vpci_params_default(&h->p);
    if (!num("index", &n))
        return "header: index";
    h->index = static_cast<unsigned>(n);
    if (!num("queues", &n))
        return "header: queues";
    h->fo.queues = static_cast<unsigned>(n);
    if (!num("num_vqs", &n))
        return "header: num_vqs";
    h->p.num_vqs = static_cast<uint32_t>(n);
    if (!num("msix_vectors", &n))
        return "header: msix_vectors";
    h->p.msix_vectors = static_cast<uint32_t>(n);
    if (!num("mem_win_log2", &n))
        return "header: mem_win_log2";
    h->p.mem_win_log2 = static_cast<uint32_t>(n);
    if (get(r, "msix", &v) && v == "external")
        h->p.msix_mode = VPCI_MSIX_EXTERNAL;
    h->fo.mode = VPF_MODE_INTERRUPT;
    if (get(r, "mode", &v))
        h->fo.mode = v == "poll" ? VPF_MODE_POLL : v == "adaptive" ? VPF_MODE_ADAPTIVE
                                                                   : VPF_MODE_INTERRUPT;
    if (!num("disk_bytes", &h->disk_bytes))
        return "header: disk_bytes";
    if (num("read_only", &n))
        h->fo.read_only = n != 0;
    if (num("txonly_len", &n))
        h->fo.txonly_len = static_cast<uint32_t>(n);
    if (num("txonly_count", &n))
        h->fo.txonly_count = n;
    if (num("no_check", &n))
        h->fo.no_check = n != 0;
    unsigned m[6];
    if (!get(r, "mac", &v) || sscanf(v.c_str(), "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3],
                                     &m[4], &m[5]) != 6)
        return "header: mac";
    for (unsigned i = 0; i < 6; i++)
        h->mac[i] = static_cast<uint8_t>(m[i]);
    h->fo.mac = h->mac;
    return "";
}

// The recording bridge's firmware device on another HAL.
class device {
public:
    device(header &h, const vpci_hal *hal)
    {
        vb_trace_init(&tr_, stderr, VB_WARN, false);
        blk_ = h.fo.backend == VB_BE_BLK;
        if (blk_) {
            char path[] = "/tmp/vpci-replay-disk-XXXXXX";
            int fd = mkstemp(path);
            if (fd < 0 || ftruncate(fd, static_cast<off_t>(h.disk_bytes)) < 0) {
                err = "temporary disk";
                if (fd >= 0)
                    close(fd);
                return;
            }
            close(fd);
            disk_ = path;
            h.fo.disk = disk_.c_str();
        } else {
            sw_ = vpf_net_switch_create(nullptr);
        }
        char e[256] = "";
        fh_ = fw_host_create(&h.fo, hal, h.index, "replay", sw_, &tr_, e, sizeof(e));
        if (!fh_)
            err = std::string("firmware: ") + e;
    }
    ~device()
    {
        stop();
        if (!disk_.empty())
            unlink(disk_.c_str());
    }
    bool start()
    {
        if (!fh_)
            return false;
        if (blk_)
            return fw_host_start(fh_) == 0;
        if (vpf_net_switch_start(sw_) != VPF_OK)
            return false;
        fw_host_started(fh_);
        return true;
    }
    int step()
    {
        if (!fh_)
            return 0;
        return blk_ ? fw_host_step(fh_) : vpf_net_switch_step(sw_, 0);
    }
    // The device's counters (before stop()).
    void counters(outcome &o)
    {
        if (!fh_)
            return;
        const char *names[32];
        uint64_t vals[32];
        unsigned n = fw_host_counters(fh_, names, vals, 32);
        for (unsigned i = 0; i < n; i++)
            o.counters[names[i]] = vals[i];
        char *text = nullptr;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        if (!f)
            return;
        fw_host_report(fh_, "replay", f);
        fclose(f);
        std::istringstream lines(std::string(text, len));
        free(text);
        std::string line;
        while (std::getline(lines, line)) {
            std::istringstream w(line);
            std::string who, what, tok;
            w >> who >> what;
            if (what != "last_frame" && what.rfind("template", 0) != 0)
                continue;
            while (w >> tok)
                if (tok.rfind("hex=", 0) == 0)
                    o.frames[what] = tok.substr(4);
        }
    }
    // Destroy the firmware (its teardown talks to the adapter).
    void stop()
    {
        if (sw_) {
            vpf_net_switch_destroy(sw_);
            sw_ = nullptr;
            if (fh_)
                fw_host_gone(fh_);
        }
        fw_host_destroy(fh_);
        fh_ = nullptr;
    }
    // The disk file's contents (after stop()).
    std::vector<uint8_t> disk() const
    {
        std::vector<uint8_t> d;
        if (disk_.empty())
            return d;
        std::ifstream f(disk_, std::ios::binary);
        d.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
        return d;
    }
    std::string err;

private:
    vb_trace tr_{};
    bool blk_ = false;
    fw_host *fh_ = nullptr;
    vpf_net_switch *sw_ = nullptr;
    std::string disk_;
};

struct opened {
    vpci_replay *r = nullptr;
    header h;
    std::string err;
    explicit opened(const std::string &path)
    {
        char e[256];
        r = vpci_replay_open(path.c_str(), e, sizeof(e));
        if (!r) {
            err = e;
            return;
        }
        err = parse_header(r, &h);
    }
    ~opened() { vpci_replay_close(r); }
};

void observe(vpci_replay_host *host, outcome *o)
{
    host->on_message = scenario::on_message;
    host->on_notify = scenario::on_notify;
    host->observe_ctx = &o->t;
}

void finish(vpci_replay *r, outcome &o, int rc, const char *err)
{
    if (rc < 0 && o.err.empty())
        o.err = err;
    vpci_replay_get_stats(r, &o.st);
    o.mismatch = vpci_replay_first_mismatch(r);
}

} // namespace

std::string session_path(const std::string &name)
{
    const char *dir = getenv("VPCI_SESSIONS_DIR");
    return std::string(dir && *dir ? dir : VPCI_SESSIONS_DIR) + "/" + name;
}

std::map<std::string, std::string> read_expect(const std::string &name)
{
    std::map<std::string, std::string> kv;
    std::string base = name.substr(0, name.rfind('.'));
    std::ifstream f(session_path(base + ".expect"));
    std::string line;
    while (std::getline(f, line)) {
        size_t eq = line.find('=');
        if (line.empty() || line[0] == '#' || eq == std::string::npos)
            continue;
        kv[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return kv;
}

std::string fnv64(const std::vector<uint8_t> &d)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (uint8_t b : d) {
        h ^= b;
        h *= 0x100000001b3ull;
    }
    char s[17];
    snprintf(s, sizeof(s), "%016llx", static_cast<unsigned long long>(h));
    return s;
}

outcome run_direct(const std::string &path)
{
    outcome o;
    opened rec(path);
    if (!rec.err.empty()) {
        o.err = rec.err;
        return o;
    }
    vpci_hal_core *hc = vpci_hal_core_create(&rec.h.p, 0);
    if (!hc) {
        o.err = "adapter core";
        return o;
    }
    {
        device dev(rec.h, vpci_hal_core_hal(hc));
        vpci_replay_host host{};
        host.opaque = &dev;
        host.pump = [](void *d) { static_cast<device *>(d)->step(); };
        host.settle = [](void *d) {
            for (unsigned i = 0, idle = 0; i < kSettleSteps && idle < 2; i++)
                idle = static_cast<device *>(d)->step() > 0 ? 0 : idle + 1;
        };
        observe(&host, &o);
        char err[256] = "";
        if (!dev.err.empty())
            o.err = dev.err;
        else if (!dev.start())
            o.err = "firmware start";
        else if (vpci_replay_attach(rec.r, vpci_hal_core_core(hc), &host) != VPCI_OK)
            o.err = "attach";
        else
            finish(rec.r, o, vpci_replay_run(rec.r, err, sizeof(err)), err);
        dev.counters(o);
        dev.stop();
        vpci_replay_close(rec.r); // the session ends; master memory goes
        rec.r = nullptr;
        o.disk = dev.disk();
    }
    vpci_hal_core_destroy(hc);
    return o;
}

namespace {

// Progress of the firmware thread, for the master thread's settle.
struct fw_progress {
    uint64_t steps = 0;
    unsigned idle = 0; // steps in a row without work
};

} // namespace

outcome run_vp(const std::string &path, bool win_pointers)
{
    outcome o;
    opened rec(path);
    if (!rec.err.empty()) {
        o.err = rec.err;
        return o;
    }
    vp::config cfg;
    cfg.params = rec.h.p;
    vp::platform plat("vp", cfg);
    plat.cpu.set_win_pointers(win_pointers);
    device dev(rec.h, plat.hal());
    fw_progress fp;
    vpci_replay_host host{};
    host.opaque = &fp;
    host.pump = [](void *) { sc_core::wait(sc_core::sc_time(1, sc_core::SC_US)); };
    host.settle = [](void *f) {
        auto *p = static_cast<fw_progress *>(f);
        uint64_t s0 = p->steps;
        for (unsigned i = 0; i < kSettleSteps && !(p->steps >= s0 + 2 && p->idle >= 2); i++)
            sc_core::wait(sc_core::sc_time(1, sc_core::SC_US));
    };
    observe(&host, &o);
    bool started = false;
    vprun::session s(
        "session",
        plat, [&] { started = dev.err.empty() && dev.start(); },
        [&] {
            int w = started ? dev.step() : 0;
            fp.steps++;
            fp.idle = w > 0 ? 0 : fp.idle + 1;
            if (w <= 0)
                sc_core::wait(sc_core::sc_time(1, sc_core::SC_US));
        },
        [&] {
            dev.counters(o);
            dev.stop();
        },
        [&]() -> std::string {
            if (!started)
                return dev.err.empty() ? "firmware start" : dev.err;
            if (vpci_replay_attach(rec.r, plat.adapter.core(), &host) != VPCI_OK)
                return "attach";
            char err[256] = "";
            int rc = vpci_replay_run(rec.r, err, sizeof(err));
            finish(rec.r, o, rc, err);
            return o.err;
        });
    sc_core::sc_start();
    if (o.err.empty())
        o.err = s.err;
    o.sim_seconds = sc_core::sc_time_stamp().to_seconds();
    o.adapter = plat.adapter.stats();
    o.cpu = plat.cpu.stats();
    dev.stop(); // no-op unless the simulation ended early
    vpci_replay_close(rec.r); // the session ends (DMI invalidated); master memory goes
    rec.r = nullptr;
    o.disk = dev.disk();
    return o;
}

} // namespace replay
