// SPDX-License-Identifier: MIT
// vp_run.cpp - scenario runners of vp_run.h.
#include "vp_run.h"

#include <cstring>
#include <memory>

#include "hal_core.h"
#include "net.h"
#include "vpf.h"

namespace vprun {

vpci_params blk_params()
{
    vpci_params p;
    vpci_params_default(&p);
    p.num_vqs = 2;
    p.msix_vectors = 3;
    p.mem_win_log2 = 26; // 64 MiB: both regions
    return p;
}

result blk_direct(enum vpf_mode mode, unsigned nreq, uint64_t seed)
{
    result r;
    test_master m{};
    vpci_params p = blk_params();
    struct vpci_hal_core *hc = nullptr;
    struct vpf_blk *b = nullptr;
    if (!tm_init(&m, 2, kRegion) || !(hc = vpci_hal_core_create(&p, 0))) {
        r.err = "setup";
    } else {
        tm_attach(&m, vpci_hal_core_core(hc));
        vpf_blk_opts o = scenario::blk_opts(mode);
        b = vpf_blk_create(vpci_hal_core_hal(hc), &o);
        m.pump = [](void *ctx) {
            auto *bb = static_cast<vpf_blk *>(ctx);
            if (vpf_state(vpf_blk_dev(bb)) == VPF_STATE_RUNNING)
                vpf_blk_step(bb, 0);
        };
        m.pump_ctx = b;
        if (!b || vpf_blk_start(b) != VPF_OK)
            r.err = "firmware start";
        else
            r.err = scenario::run_blk(&m, b, nreq, seed, &r.t);
    }
    vpf_blk_destroy(b);
    vpci_hal_core_destroy(hc);
    tm_fini(&m);
    return r;
}

namespace {

// The master's pump on the VP: let simulated time pass.
void WaitPump(void *)
{
    sc_core::wait(sc_core::sc_time(1, sc_core::SC_US));
}

// End the master side before the test master goes away: the core releases
// what the session still holds now (a scenario that failed midway), and the
// master face is detached, so destroying the platform calls nobody.
void Detach(vp::platform &plat)
{
    vpci_master_disconnect(plat.adapter.core());
    vpci_core_set_master(plat.adapter.core(), nullptr, nullptr);
}

void Collect(result &r, vp::platform &plat)
{
    r.sim_seconds = sc_core::sc_time_stamp().to_seconds();
    r.adapter = plat.adapter.stats();
    r.cpu = plat.cpu.stats();
    r.msis = plat.intc.received();
}

} // namespace

result blk_vp(const vp::config &cfg, enum vpf_mode mode, bool win_pointers, unsigned nreq,
              uint64_t seed, const hooks &h)
{
    result r;
    vp::platform plat("vp", cfg);
    plat.cpu.set_win_pointers(win_pointers);
    test_master m{};
    if (!tm_init(&m, 2, kRegion)) {
        r.err = "setup";
        return r;
    }
    tm_attach(&m, plat.adapter.core());
    m.pump = WaitPump;
    vpf_blk_opts o = scenario::blk_opts(mode);
    vpf_blk *b = vpf_blk_create(plat.hal(), &o);
    bool started = false;
    session s(
        "session",
        plat, [&] { started = b && vpf_blk_start(b) == VPF_OK; },
        [&] {
            if (started && vpf_state(vpf_blk_dev(b)) == VPF_STATE_RUNNING)
                vpf_blk_step(b, 1);
            else
                sc_core::wait(sc_core::sc_time(1, sc_core::SC_US));
        },
        [&] {
            vpf_blk_destroy(b);
            b = nullptr;
        },
        [&]() -> std::string {
            if (!started)
                return "firmware start";
            std::function<std::string(const char *)> ph;
            if (h.phase)
                ph = [&](const char *phase) { return h.phase(plat, m, phase); };
            return scenario::run_blk(&m, b, nreq, seed, &r.t, ph);
        });
    if (h.setup)
        h.setup(plat, m);
    sc_core::sc_start();
    r.err = s.err;
    Collect(r, plat);
    if (h.finish)
        h.finish(plat, m);
    vpf_blk_destroy(b); // NULL unless the simulation ended early
    Detach(plat);
    tm_fini(&m);
    return r;
}

result net_vp(const vp::config &cfg, enum vpf_mode mode, unsigned nframes)
{
    result r;
    vp::platform plat("vp", cfg);
    test_master m{};
    if (!tm_init(&m, 1, kRegion)) {
        r.err = "setup";
        return r;
    }
    tm_attach(&m, plat.adapter.core());
    m.pump = WaitPump;
    vpf_net_switch *sw = vpf_net_switch_create(nullptr);
    vpf_net_opts o{};
    o.mode = mode;
    o.port_mode = VPF_NET_PORT_REFLECT;
    const uint8_t mac[6] = {0x02, 0, 0, 0, 0, 0x20};
    memcpy(o.mac, mac, 6);
    vpf_net_port *port = sw ? vpf_net_switch_add_port(sw, plat.hal(), &o) : nullptr;
    bool started = false, have_st = false;
    vpf_net_port_stats st{};
    session s(
        "session",
        plat, [&] { started = port && vpf_net_switch_start(sw) == VPF_OK; },
        [&] {
            if (started)
                vpf_net_switch_step(sw, 1);
            else
                sc_core::wait(sc_core::sc_time(1, sc_core::SC_US));
        },
        [&] {
            if (port) {
                vpf_net_port_get_stats(port, &st);
                have_st = true;
            }
            vpf_net_switch_destroy(sw);
            sw = nullptr;
        },
        [&]() -> std::string {
            if (!started)
                return "firmware start";
            return scenario::run_net_reflect(&m, nframes, &r.t);
        });
    sc_core::sc_start();
    r.err = s.err;
    Collect(r, plat);
    if (have_st && r.err.empty()) {
        if (st.rx_frames != nframes || st.tx_frames != nframes)
            r.err = "port counters: tx " + std::to_string(st.tx_frames) + " rx " +
                    std::to_string(st.rx_frames);
    }
    vpf_net_switch_destroy(sw); // NULL unless the simulation ended early
    Detach(plat);
    tm_fini(&m);
    return r;
}

} // namespace vprun
