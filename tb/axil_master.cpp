// axil_master.cpp - AXI4-Lite master driver and checker (see axil_master.h).
#include "axil_master.h"

#include <cstdio>

void AxilMaster::start(const AxilTxn &t)
{
    t_ = t;
    active_ = true;
    aw_done_ = w_done_ = ar_done_ = false;
    awv_ = wv_ = arv_ = false;
}

AxilMaster::Out AxilMaster::drive()
{
    Out o{};
    if (active_ && t_.write) {
        // a valid, once raised, stays until its handshake (AXI rule)
        if (!aw_done_ && !awv_) {
            if (coin()) stalls++; else awv_ = true;
        }
        if (!w_done_ && !wv_) {
            if (coin()) stalls++; else wv_ = true;
        }
    }
    if (active_ && !t_.write && !ar_done_ && !arv_) {
        if (coin()) stalls++; else arv_ = true;
    }
    bready_ = !coin();
    rready_ = !coin();
    o.awvalid = awv_;
    o.wvalid = wv_;
    o.arvalid = arv_;
    o.bready = bready_;
    o.rready = rready_;
    o.awaddr = t_.addr;
    o.wdata = t_.data;
    o.wstrb = t_.strb;
    o.araddr = t_.addr;
    return o;
}

bool AxilMaster::sample(bool awready, bool wready, bool bvalid, unsigned bresp, bool arready,
                        bool rvalid, unsigned rresp, uint32_t rdata, uint32_t *rdata_out)
{
    char msg[256];
    bool done = false;

    // slave-side rules: a raised valid stays until its handshake, payload stable
    if (prev_bvalid_ && !prev_bhs_ && !bvalid)
        fail_("AXI-Lite: BVALID dropped before BREADY");
    if (prev_rvalid_ && !prev_rhs_ && (!rvalid || rdata != prev_rdata_))
        fail_("AXI-Lite: RVALID dropped or RDATA changed before RREADY");
    if (bvalid && !(active_ && t_.write && aw_done_ && w_done_))
        fail_("AXI-Lite: B response without an accepted write");
    if (rvalid && !(active_ && !t_.write && ar_done_))
        fail_("AXI-Lite: R response without an accepted read");

    if (awv_ && awready) { aw_done_ = true; awv_ = false; }
    if (wv_ && wready) { w_done_ = true; wv_ = false; }
    if (arv_ && arready) { ar_done_ = true; arv_ = false; }
    bool bhs = bvalid && bready_;
    bool rhs = rvalid && rready_;
    if (bhs) {
        if (bresp != 0) {
            snprintf(msg, sizeof(msg), "AXI-Lite: BRESP %u (spec §3.2: always OKAY)", bresp);
            fail_(msg);
        }
        active_ = false;
        done = true;
    }
    if (rhs) {
        if (rresp != 0) {
            snprintf(msg, sizeof(msg), "AXI-Lite: RRESP %u (spec §3.2: always OKAY)", rresp);
            fail_(msg);
        }
        *rdata_out = rdata;
        active_ = false;
        done = true;
    }
    prev_bvalid_ = bvalid;
    prev_rvalid_ = rvalid;
    prev_bhs_ = bhs;
    prev_rhs_ = rhs;
    prev_rdata_ = rdata;
    return done;
}
