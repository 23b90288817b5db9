// axil_master.h - AXI4-Lite master driver for the BAR0 port, with a protocol checker of
// what the slave drives (valid/ready stability, responses only for accepted requests,
// OKAY responses: spec §3.2, §12.3) and random back-pressure on every channel.
#ifndef TB_AXIL_MASTER_H
#define TB_AXIL_MASTER_H

#include <cstdint>
#include <functional>
#include <random>
#include <string>

// One BAR0 access: a 4-byte read, or a write of data under the byte strobes.
struct AxilTxn {
    bool write = false;
    uint32_t addr = 0;
    uint32_t data = 0;
    uint8_t strb = 0xf;
    uint64_t id = 0;      // transaction number (for reports)
};

// Drives one transaction at a time; the caller samples and advances it once per cycle.
class AxilMaster {
  public:
    using Fail = std::function<void(const std::string &)>;

    AxilMaster(std::mt19937_64 &rng, Fail fail) : rng_(rng), fail_(std::move(fail)) {}

    // Back-pressure: percentage of cycles a valid is held back / a ready is low.
    void set_pressure(unsigned pct) { pressure_ = pct; }
    bool busy() const { return active_; }
    void start(const AxilTxn &t);
    // Outputs for this cycle (before the clock edge).
    struct Out {
        bool awvalid, wvalid, bready, arvalid, rready;
        uint32_t awaddr, wdata, araddr;
        uint8_t wstrb;
    };
    Out drive();
    // Slave outputs sampled in the same cycle; returns true when the transaction ended
    // (read data in *rdata).
    bool sample(bool awready, bool wready, bool bvalid, unsigned bresp, bool arready,
                bool rvalid, unsigned rresp, uint32_t rdata, uint32_t *rdata_out);

    uint64_t stalls = 0; // cycles a valid or ready was held back

  private:
    bool coin() { return pressure_ && (rng_() % 100) < pressure_; }

    std::mt19937_64 &rng_;
    Fail fail_;
    unsigned pressure_ = 0;
    AxilTxn t_{};
    bool active_ = false;
    bool aw_done_ = false, w_done_ = false, ar_done_ = false;
    bool awv_ = false, wv_ = false, arv_ = false, bready_ = false, rready_ = false;
    // checker state
    bool prev_bvalid_ = false, prev_rvalid_ = false;
    bool prev_bhs_ = false, prev_rhs_ = false;
    uint32_t prev_rdata_ = 0;
};

#endif
