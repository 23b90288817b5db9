// tb_main.cpp - Verilator testbench of rtl/vhost_pci_top.sv with the C core
// (model/) as scoreboard. See tb/README.md.
//
// Every BAR0 access goes to the RTL through the AXI4-Lite port and, once the RTL has
// answered it, to the core (vpci_mmio_*); every read is compared. MSI writes of the RTL
// (AXI4 master, internal mode) or vector outputs (external mode) are compared in order
// with the core's ->msi / ->irq. Config space belongs to the hard IP: the testbench
// writes it into the core and drives the RTL's cfg_* inputs with the core's values.
// A mismatch stops the run with the cycle, the transaction and both values.
// Verilator's headers are not -Wextra clean (unused parameters).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <verilated.h>
#if VM_TRACE
#include <verilated_fst_c.h>
#endif
#if VM_COVERAGE
#include <verilated_cov.h>
#endif
#include "Vvhost_pci_top.h"
#pragma GCC diagnostic pop

#include <chrono>
#include <cinttypes>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "axil_master.h"
#include "vhost_pci_core.h"
#include "vhost_pci_csr_vectors.h"
#include "vhost_pci_regs.h"
#include "vhost_pci_regs_decode.h"

#ifndef TB_NUM_VQS
#define TB_NUM_VQS 64
#endif
#ifndef TB_MSIX_VECTORS
#define TB_MSIX_VECTORS 65
#endif
#ifndef TB_EXT_MSIX
#define TB_EXT_MSIX 0
#endif

namespace {

struct Options {
    uint64_t seed = 0;
    bool seed_given = false;
    uint64_t cycles = 1000000;
    std::string test = "all"; // directed, vectors, random, all
    bool scoreboard = true;
    bool trace = false;
    std::string trace_file = "tb_rtl.fst";
    unsigned pressure = 30;   // % back-pressure on every port
    bool quiet = false;
    std::string cov_out;      // --cov-out: functional coverage bins of this run
    std::string code_cov;     // --code-cov: Verilator code coverage (tb_rtl_cov builds)
    std::vector<std::string> merge; // --merge-cov: files to merge instead of a run
};

// Functional coverage, bin name -> hits (see Tb::bins()).
using Bins = std::map<std::string, uint64_t>;

// An MSI message (internal: address/data; external: vector).
struct Msi {
    uint64_t addr = 0;
    uint32_t data = 0;
    int vector = -1;
    uint64_t cycle = 0;
};

class Tb {
  public:
    explicit Tb(const Options &o);
    ~Tb();
    int run();

  private:
    // --- simulation ---
    void tick();
    void idle(unsigned n) { for (unsigned i = 0; i < n; i++) tick(); }
    uint32_t access(const AxilTxn &t);
    uint32_t rd(uint32_t off) { AxilTxn t; t.addr = off; return access(t); }
    void wr(uint32_t off, uint32_t v, uint8_t strb = 0xf)
    {
        AxilTxn t; t.write = true; t.addr = off; t.data = v; t.strb = strb; access(t);
    }
    void settle();
    void drain();
    void fail(const std::string &why);
    // --- config space (the hard IP's state), applied to the core and the RTL ---
    void cfg_write(uint32_t off, unsigned size, uint32_t v);
    void cfg_sync();
    void flr();
    void set_ext(bool en, bool fmask);
    void set_ext_mask(unsigned v, bool m);
    // --- tests ---
    void test_vectors();
    void test_directed();
    void test_random(uint64_t cycles);
    void report();
    Bins bins() const;
    // --- scoreboard callbacks ---
    static void cb_dma(void *o, const vpci_dma_req *r);
    static void cb_msi(void *o, uint16_t v, uint64_t a, uint32_t d);
    static void cb_irq(void *o, uint16_t v);
    void match_msi();
    uint32_t model_pba0();

    Options o_;
    std::mt19937_64 rng_;
    std::unique_ptr<VerilatedContext> ctx_;
    std::unique_ptr<Vvhost_pci_top> top_;
#if VM_TRACE
    std::unique_ptr<VerilatedFstC> fst_;
#endif
    vpci_core *core_ = nullptr;
    AxilMaster axil_;
    uint64_t cycle_ = 0, txn_ = 0;
    AxilTxn cur_{};
    // MSI sink state (AXI write responder / vector acknowledge)
    bool aw_seen_ = false, w_seen_ = false, b_pend_ = false;
    unsigned b_delay_ = 0;
    uint64_t aw_addr_ = 0;
    uint32_t w_data_ = 0;
    bool vec_ready_ = false;
    bool stall_b_ = false; // directed: hold B responses
    bool slverr_next_ = false; // directed: the next MSI write gets SLVERR
    uint64_t master_aborts_ = 0;
    std::deque<Msi> rtl_msi_, model_msi_;
    // config mirror
    bool ext_en_ = true, ext_fmask_ = false;
    std::vector<bool> ext_mask_;
    bool flr_pulse_ = false;
    // coverage
    std::map<uint16_t, uint64_t> cov_reg_rd_, cov_reg_wr_;
    std::map<std::string, uint64_t> cov_;
    std::vector<uint64_t> cov_db_[3];
    uint64_t msi_matched_ = 0;
    bool random_ran_ = false;
};

Tb *g_tb;

Tb::Tb(const Options &o)
    : o_(o), rng_(o.seed), ctx_(new VerilatedContext), axil_(rng_, [this](const std::string &s) { fail(s); })
{
    ctx_->traceEverOn(o.trace);
    top_.reset(new Vvhost_pci_top{ctx_.get()});
#if VM_TRACE
    if (o.trace) {
        fst_.reset(new VerilatedFstC);
        top_->trace(fst_.get(), 99);
        fst_->open(o.trace_file.c_str());
    }
#else
    if (o.trace)
        fprintf(stderr, "tb: built without tracing; --trace-fst ignored\n");
#endif
    axil_.set_pressure(o.pressure);
    ext_mask_.assign(TB_MSIX_VECTORS, false);
    for (auto &v : cov_db_)
        v.assign(TB_NUM_VQS + 1, 0);

    vpci_params p;
    vpci_params_default(&p);
    p.num_vqs = TB_NUM_VQS;
    p.msix_vectors = TB_MSIX_VECTORS;
    p.msix_mode = TB_EXT_MSIX ? VPCI_MSIX_EXTERNAL : VPCI_MSIX_INTERNAL;
    static const vpci_driver_ops ops = {cb_dma, cb_msi, cb_irq, nullptr};
    if (o_.scoreboard) {
        core_ = vpci_core_create(&p, &ops, this, nullptr, nullptr);
        if (!core_) {
            fprintf(stderr, "tb: vpci_core_create failed\n");
            exit(2);
        }
    }
    top_->ext_msix_enable_i = 1; // enabled, nothing masked until reported (model/msix.c)
    // reset
    top_->rst_ni = 0;
    top_->clk_i = 0;
    top_->eval();
    idle(3);
    top_->rst_ni = 1;
    cfg_sync();
    idle(2);
}

Tb::~Tb()
{
#if VM_TRACE
    if (fst_)
        fst_->close();
#endif
    if (core_)
        vpci_core_destroy(core_);
    top_->final();
}

void Tb::fail(const std::string &why)
{
    fprintf(stderr,
            "MISMATCH at cycle %" PRIu64 ", transaction %" PRIu64 " (%s 0x%04x data 0x%08x strb 0x%x): %s\n"
            "replay: --seed %" PRIu64 "\n",
            cycle_, cur_.id, cur_.write ? "write" : "read", cur_.addr, cur_.data, cur_.strb,
            why.c_str(), o_.seed);
#if VM_TRACE
    if (fst_)
        fst_->close();
#endif
    exit(1);
}

// ---- scoreboard callbacks ----
void Tb::cb_dma(void *o, const vpci_dma_req *r)
{
    char m[128];
    snprintf(m, sizeof(m), "core issued a DMA request (addr 0x%" PRIx64 ", len %u): no DMA in phase 1",
             r->addr, r->len);
    static_cast<Tb *>(o)->fail(m);
}

void Tb::cb_msi(void *o, uint16_t v, uint64_t a, uint32_t d)
{
    Tb *t = static_cast<Tb *>(o);
    t->model_msi_.push_back(Msi{a, d, v, t->cycle_});
    t->match_msi();
}

void Tb::cb_irq(void *o, uint16_t v)
{
    Tb *t = static_cast<Tb *>(o);
    t->model_msi_.push_back(Msi{0, 0, v, t->cycle_});
    t->match_msi();
}

void Tb::match_msi()
{
    if (!o_.scoreboard) {
        msi_matched_ += rtl_msi_.size();
        rtl_msi_.clear();
        return;
    }
    while (!rtl_msi_.empty() && !model_msi_.empty()) {
        const Msi &r = rtl_msi_.front(), &m = model_msi_.front();
        bool ok = TB_EXT_MSIX ? r.vector == m.vector : (r.addr == m.addr && r.data == m.data);
        if (!ok) {
            char s[256];
            snprintf(s, sizeof(s),
                     "MSI #%" PRIu64 ": RTL addr 0x%" PRIx64 " data 0x%08x vector %d (cycle %" PRIu64
                     "), model addr 0x%" PRIx64 " data 0x%08x vector %d",
                     msi_matched_, r.addr, r.data, r.vector, r.cycle, m.addr, m.data, m.vector);
            fail(s);
        }
        msi_matched_++;
        rtl_msi_.pop_front();
        model_msi_.pop_front();
    }
}

// ---- one clock cycle: drive, evaluate, sample, edge ----
void Tb::tick()
{
    Vvhost_pci_top *t = top_.get();
    AxilMaster::Out a = axil_.drive();
    t->s_axil_awvalid = a.awvalid;
    t->s_axil_awaddr = a.awaddr & 0x7fff;
    t->s_axil_wvalid = a.wvalid;
    t->s_axil_wdata = a.wdata;
    t->s_axil_wstrb = a.wstrb;
    t->s_axil_bready = a.bready;
    t->s_axil_arvalid = a.arvalid;
    t->s_axil_araddr = a.araddr & 0x7fff;
    t->s_axil_rready = a.rready;
    // MSI sink: random ready, B after a random delay
    unsigned pr = o_.pressure;
    auto coin = [&] { return pr && (rng_() % 100) < pr; };
    t->m_axi_awready = !coin();
    t->m_axi_wready = !coin();
    t->m_axi_bvalid = b_pend_ && b_delay_ == 0 && !stall_b_;
    t->m_axi_bresp = slverr_next_ ? 2 : 0;
    vec_ready_ = !coin() && !stall_b_;
    t->msix_vec_ready_i = vec_ready_;
    t->notify_ready_i = !coin();
    t->cfg_flr_i = flr_pulse_;
    t->clk_i = 0;
    t->eval();

    // sample handshakes of this cycle
    uint32_t rdata = 0;
    bool done = axil_.sample(t->s_axil_awready, t->s_axil_wready, t->s_axil_bvalid, t->s_axil_bresp,
                             t->s_axil_arready, t->s_axil_rvalid, t->s_axil_rresp, t->s_axil_rdata,
                             &rdata);
    if (done)
        cur_.data = cur_.write ? cur_.data : rdata;
    // MSI AXI4 checker: single beats, one write at a time (spec §12.3)
    if (t->m_axi_awvalid && t->m_axi_awready) {
        if (aw_seen_ || b_pend_)
            fail("MSI AXI: a second AW before the previous write's B response");
        if (t->m_axi_awlen != 0 || t->m_axi_awsize != 2)
            fail("MSI AXI: AWLEN/AWSIZE not a single 4-byte beat");
        aw_seen_ = true;
        aw_addr_ = t->m_axi_awaddr;
    }
    if (t->m_axi_wvalid && t->m_axi_wready) {
        if (w_seen_ || b_pend_)
            fail("MSI AXI: a second W before the previous write's B response");
        if (!t->m_axi_wlast || t->m_axi_wstrb != 0xf)
            fail("MSI AXI: W beat not WLAST with WSTRB 0xf");
        w_seen_ = true;
        w_data_ = t->m_axi_wdata;
    }
    if (t->m_axi_bvalid && t->m_axi_bready) {
        b_pend_ = false;
        slverr_next_ = false;
    }
    if (t->cfg_rcvd_master_abort_o)
        master_aborts_++;
    if (aw_seen_ && w_seen_ && !b_pend_) {
        aw_seen_ = w_seen_ = false;
        b_pend_ = true;
        b_delay_ = pr ? rng_() % 4 : 0;
        rtl_msi_.push_back(Msi{aw_addr_, w_data_, -1, cycle_});
        match_msi();
    } else if (b_pend_ && b_delay_) {
        b_delay_--;
    }
    if (t->msix_vec_valid_o && vec_ready_) {
        rtl_msi_.push_back(Msi{0, 0, (int)t->msix_vec_o, cycle_});
        match_msi();
    }
    if (t->notify_valid_o && t->notify_ready_i)
        fail("notify from the RTL: no resource can be armed without a master face");

    t->clk_i = 1;
    t->eval();
#if VM_TRACE
    if (fst_)
        fst_->dump(ctx_->time());
#endif
    ctx_->timeInc(1);
    cycle_++;
    flr_pulse_ = false;
}

// Wait until the RTL has taken every interrupt decision (so its state is the core's).
void Tb::settle()
{
    unsigned guard = 0;
    do {
        tick();
        if (++guard > 100000)
            fail("RTL MSI-X decisions do not settle");
    } while (top_->msix_undecided_o || top_->reset_busy_o);
}

// Wait until every queued MSI left the RTL and was matched.
void Tb::drain()
{
    unsigned guard = 0;
    settle();
    while (!top_->msix_idle_o || b_pend_) {
        tick();
        if (++guard > 100000)
            fail("RTL MSI queue does not drain");
    }
    idle(2);
    match_msi();
    if (o_.scoreboard && (!rtl_msi_.empty() || !model_msi_.empty())) {
        char s[160];
        snprintf(s, sizeof(s), "MSI count differs: %zu RTL messages and %zu model messages unmatched",
                 rtl_msi_.size(), model_msi_.size());
        fail(s);
    }
}

// Strobes -> the core's access: offset of the lowest byte and size (0: not contiguous).
static void strobe_access(uint32_t addr, uint8_t strb, uint32_t *off, unsigned *size, unsigned *lo)
{
    unsigned l = 0, h = 0, n = 0;
    for (unsigned b = 0; b < 4; b++)
        if (strb & (1u << b)) {
            if (!n) l = b;
            h = b;
            n++;
        }
    *lo = l;
    *off = (addr & ~3u) + l;
    *size = (h - l + 1 == n) ? n : 0;
}

uint32_t Tb::access(const AxilTxn &in)
{
    settle();
    cur_ = in;
    cur_.id = ++txn_;
    cur_.addr &= 0x7ffc;
    axil_.start(cur_);
    unsigned guard = 0;
    while (axil_.busy()) {
        tick();
        if (++guard > 10000)
            fail("AXI-Lite transaction does not complete");
    }
    uint32_t off = cur_.addr;
    if (cur_.write) {
        cov_reg_wr_[vpci_reg_lookup(VPCI_SPACE_BAR0, off) ? vpci_reg_lookup(VPCI_SPACE_BAR0, off)->id : 0xffff]++;
        if (core_ && cur_.strb) {
            uint32_t coff;
            unsigned size, lo;
            strobe_access(off, cur_.strb, &coff, &size, &lo);
            uint32_t v = cur_.data >> (8 * lo);
            if (size && size < 4)
                v &= (1u << (8 * size)) - 1;
            vpci_mmio_write(core_, 0, coff, size, v);
        }
        return 0;
    }
    uint32_t got = cur_.data;
    const vpci_reg_desc *r = vpci_reg_lookup(VPCI_SPACE_BAR0, off);
    cov_reg_rd_[r ? r->id : 0xffff]++;
    if (core_) {
        uint32_t want = (uint32_t)vpci_mmio_read(core_, 0, off, 4);
        if (got != want) {
            char s[200];
            snprintf(s, sizeof(s), "read 0x%04x (%s): RTL 0x%08x, model 0x%08x", off,
                     r ? r->name : (off >= 0x2000 && off < 0x5000 ? "MSIX" : "hole/doorbell"), got, want);
            fail(s);
        }
    }
    return got;
}

// ---- config space ----
void Tb::cfg_sync()
{
    if (!core_) return;
    uint32_t cmd = vpci_cfg_read(core_, VPCI_CFG_COMMAND_OFFSET, 2);
    uint32_t mc = vpci_cfg_read(core_, VPCI_MSIX_CAP_MSGCTL_OFFSET, 2);
    top_->cfg_mem_en_i = (cmd & VPCI_CFG_COMMAND_MEM_EN_MASK) != 0;
    top_->cfg_bus_master_i = (cmd & VPCI_CFG_COMMAND_BUS_MASTER_MASK) != 0;
    top_->cfg_msix_enable_i = (mc & VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK) != 0;
    top_->cfg_msix_func_mask_i = (mc & VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_MASK) != 0;
}

void Tb::cfg_write(uint32_t off, unsigned size, uint32_t v)
{
    settle();
    if (core_) {
        // clearing BUS_MASTER with messages queued: the core sent them already (tb rule)
        drain();
        vpci_cfg_write(core_, off, size, v);
    }
    cfg_sync();
    settle();
}

void Tb::flr()
{
    drain();
    if (core_)
        vpci_cfg_write(core_, VPCI_PCIE_CAP_DEVCTL_OFFSET, 2, VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK);
    flr_pulse_ = true;
    tick();
    cfg_sync();
    settle();
    cov_["flr"]++;
}

void Tb::set_ext(bool en, bool fmask)
{
    ext_en_ = en;
    ext_fmask_ = fmask;
    top_->ext_msix_enable_i = en;
    top_->ext_msix_func_mask_i = fmask;
    if (core_)
        vpci_msix_ext_state(core_, en, fmask);
    settle();
}

void Tb::set_ext_mask(unsigned v, bool m)
{
    ext_mask_[v] = m;
#if TB_MSIX_VECTORS <= 64
    uint64_t w = 0;
    for (unsigned i = 0; i < TB_MSIX_VECTORS; i++)
        if (ext_mask_[i]) w |= 1ull << i;
    top_->ext_msix_mask_i = w;
#else
    for (unsigned i = 0; i < TB_MSIX_VECTORS; i++) {
        if (ext_mask_[i]) top_->ext_msix_mask_i[i / 32] |= 1u << (i % 32);
        else top_->ext_msix_mask_i[i / 32] &= ~(1u << (i % 32));
    }
#endif
    if (core_)
        vpci_msix_ext_mask(core_, (uint16_t)v, m);
    settle();
}

uint32_t Tb::model_pba0()
{
    return core_ ? (uint32_t)vpci_mmio_read(core_, 0, VPCI_MSIX_PBA_OFFSET, 4) : 0;
}

// ---- generated register tests (gen/vhost_pci_csr_vectors.h) ----
void Tb::test_vectors()
{
    unsigned n = 0;
    for (unsigned i = 0; i < VPCI_CSR_VEC_COUNT; i++) {
        const vpci_csr_vec &v = vpci_csr_vectors[i];
        if (v.op == VPCI_CSR_OP_RESET) {
            flr();
            continue;
        }
        if (v.space == VPCI_SPACE_CFG) {
            if (v.op == VPCI_CSR_OP_WRITE)
                cfg_write(v.offset, v.size, v.data);
            continue; // config reads: the hard IP's, not the RTL's
        }
        uint8_t strb = (uint8_t)(((1u << v.size) - 1) << (v.offset & 3));
        uint32_t data = v.data << (8 * (v.offset & 3));
        if (v.op == VPCI_CSR_OP_WRITE) {
            wr(v.offset, data, strb);
        } else {
            uint32_t got = rd(v.offset) >> (8 * (v.offset & 3));
            if ((got & v.mask) != v.data) {
                char s[200];
                snprintf(s, sizeof(s), "register vector %u (test %u, %s): read 0x%08x mask 0x%08x, want 0x%08x",
                         i, v.test, vpci_regs[v.reg_id].name, got, v.mask, v.data);
                fail(s);
            }
            n++;
        }
        cov_["vector"]++;
    }
    drain();
    if (!o_.quiet)
        printf("vectors: %u register expectations on BAR0 passed\n", n);
}

// ---- directed tests ----
void Tb::test_directed()
{
    auto expect = [&](bool c, const char *what) {
        if (!c) fail(std::string("directed: ") + what);
    };
    flr();
    cfg_write(VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK | VPCI_CFG_COMMAND_BUS_MASTER_MASK);
    cfg_write(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
    // identity and block list (§4.1, §4.3)
    expect(rd(VPCI_ADAPTER_MAGIC_OFFSET) == VPCI_MAGIC, "MAGIC");
    expect(rd(VPCI_ADAPTER_CAPS_OFFSET) == ((TB_EXT_MSIX ? 1u << 31 : 0) | (TB_MSIX_VECTORS << 16) | TB_NUM_VQS), "CAPS");
    // MEM_EN = 0: all-ones, writes dropped (§2.5)
    cfg_write(VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_BUS_MASTER_MASK);
    expect(rd(VPCI_ADAPTER_MAGIC_OFFSET) == 0xffffffffu, "MEM_EN=0 reads all-ones");
    wr(VPCI_ADAPTER_INT_ENABLE_OFFSET, 0xf);
    cfg_write(VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK | VPCI_CFG_COMMAND_BUS_MASTER_MASK);
    expect(rd(VPCI_ADAPTER_INT_ENABLE_OFFSET) == 0, "MEM_EN=0 write dropped");
    // bad strobes: REG_UNALIGNED (§3.2, §12.3)
    wr(VPCI_ADAPTER_INT_ENABLE_OFFSET, 0x0f0f0f0f, 0x6);
    expect(rd(VPCI_ADAPTER_ERROR_INFO_OFFSET) == (1u | ((VPCI_ADAPTER_INT_ENABLE_OFFSET + 1) | 2u << 16 | 1u << 20) << 8),
           "REG_UNALIGNED detail");
    wr(VPCI_ADAPTER_ERROR_CAUSE_OFFSET, 0x1ff);
    wr(VPCI_ADAPTER_INT_CAUSE_OFFSET, 0xf);
    // MSI-X: entry 0 -> error interrupt (§4.6, §7.3)
    wr(VPCI_MSIX_TBL_OFFSET + 0, 0xfee00000);
    wr(VPCI_MSIX_TBL_OFFSET + 4, 0x1);
    wr(VPCI_MSIX_TBL_OFFSET + 8, 0x4242);
    wr(VPCI_ADAPTER_INT_VECTOR_OFFSET, 0);
    wr(VPCI_ADAPTER_INT_ENABLE_OFFSET, VPCI_ADAPTER_INT_ENABLE_ERROR_MASK);
    if (TB_EXT_MSIX) set_ext_mask(0, true);
    wr(VPCI_DOORBELL_CALL_BASE, 1); // absent: DB_ABSENT -> ERROR cause, vector 0 masked -> PBA
    expect(rd(VPCI_MSIX_PBA_OFFSET) == 1, "masked vector pending");
    uint64_t before = msi_matched_ + rtl_msi_.size();
    wr(VPCI_MSIX_TBL_OFFSET + 12, 0); // unmask: pending vector sent
    if (TB_EXT_MSIX) set_ext_mask(0, false);
    drain();
    expect(rd(VPCI_MSIX_PBA_OFFSET) == 0, "PBA cleared on unmask");
    expect(msi_matched_ + rtl_msi_.size() == before + 1 || !core_, "one MSI after unmask");
    wr(VPCI_ADAPTER_INT_CAUSE_OFFSET, 0xf);
    wr(VPCI_DOORBELL_ERR_BASE + 8 * (TB_NUM_VQS - 1), 1); // direct send
    drain();
    // function mask and BUS_MASTER = 0 hold the vector (§7.3 step 2)
    cfg_write(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK | VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_MASK);
    if (TB_EXT_MSIX) set_ext(true, true);
    wr(VPCI_ADAPTER_INT_CAUSE_OFFSET, 0xf);
    wr(VPCI_DOORBELL_LOG_OFFSET, 1);
    expect(rd(VPCI_MSIX_PBA_OFFSET) == 1, "function mask: pending");
    cfg_write(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
    if (TB_EXT_MSIX) set_ext(true, false);
    drain();
    expect(rd(VPCI_MSIX_PBA_OFFSET) == 0, "function unmask delivers");
    cfg_write(VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK);
    wr(VPCI_ADAPTER_INT_CAUSE_OFFSET, 0xf);
    wr(VPCI_DOORBELL_CALL_BASE + 8 * TB_NUM_VQS, 1); // DB_RANGE
    expect(rd(VPCI_MSIX_PBA_OFFSET) == 1, "BUS_MASTER=0: pending");
    expect((rd(VPCI_ADAPTER_ERROR_INFO_OFFSET) & 0xff) == VPCI_ERROR_CODE_DB_RANGE, "DB_RANGE");
    cfg_write(VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK | VPCI_CFG_COMMAND_BUS_MASTER_MASK);
    drain();
    // INT_VECTOR out of range: dropped with VECTOR_RANGE (§4.6)
    wr(VPCI_ADAPTER_INT_VECTOR_OFFSET, TB_MSIX_VECTORS);
    expect(rd(VPCI_ADAPTER_INT_VECTOR_OFFSET) == 0, "INT_VECTOR write dropped");
    expect(rd(VPCI_ADAPTER_ERROR_INFO_OFFSET) == (VPCI_ERROR_CODE_VECTOR_RANGE | TB_MSIX_VECTORS << 8), "VECTOR_RANGE");
    // VQ.SEL / VECTOR (§4.8, §7.2)
    wr(VPCI_VQ_SEL_OFFSET, TB_NUM_VQS);
    expect(rd(VPCI_VQ_VECTOR_OFFSET) == 0xffff, "VECTOR of SEL >= NUM_VQS");
    wr(VPCI_VQ_SEL_OFFSET, 1);
    wr(VPCI_VQ_VECTOR_OFFSET, 3);
    expect(rd(VPCI_VQ_VECTOR_OFFSET) == 3, "VECTOR stored");
    // feature negotiation (§4.2, §4.4)
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_OK_MASK);
    expect((rd(VPCI_ADAPTER_ERROR_INFO_OFFSET)) == (VPCI_ERROR_CODE_FEATURES | 1u << 8), "DRIVER_OK before FEATURES_OK");
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_MASK);
    wr(VPCI_ADAPTER_DRV_FEATURES_SEL_OFFSET, 1);
    wr(VPCI_ADAPTER_DRV_FEATURES_OFFSET, 1);
    wr(VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_FEATURES_OK_MASK | VPCI_ADAPTER_STATUS_DRIVER_OK_MASK);
    expect(rd(VPCI_ADAPTER_STATUS_OFFSET) == 7, "negotiated");
    expect(rd(VPCI_ADAPTER_LINK_OFFSET) == 2, "DRIVER_READY");
    // CONTROL.RESET while an MSI write waits for its B: RESET_BUSY (§4.4 step 5)
    wr(VPCI_ADAPTER_INT_VECTOR_OFFSET, 0);
    wr(VPCI_ADAPTER_INT_CAUSE_OFFSET, 0xf);
    stall_b_ = true;
    wr(VPCI_DOORBELL_CALL_BASE, 1);
    {
        unsigned g = 0;
        auto issued = [&] { return TB_EXT_MSIX ? (bool)top_->msix_vec_valid_o : b_pend_; };
        while (!issued() && ++g < 1000) tick();
        expect(issued(), "MSI write / vector issued");
        // not through access(): the RTL is busy, the core is not (its ->msi completed)
        AxilTxn t; t.write = true; t.addr = VPCI_ADAPTER_CONTROL_OFFSET; t.data = 1; cur_ = t;
        axil_.start(t);
        while (axil_.busy()) tick();
        if (core_) vpci_mmio_write(core_, 0, VPCI_ADAPTER_CONTROL_OFFSET, 4, 1);
        expect(top_->reset_busy_o, "RESET_BUSY while an MSI write is outstanding");
        AxilTxn r; r.addr = VPCI_ADAPTER_MAGIC_OFFSET; cur_ = r;
        axil_.start(r);
        while (axil_.busy()) tick();
        expect(cur_.data == 0, "registers read 0 while RESET_BUSY");
        r.addr = VPCI_ADAPTER_CONTROL_OFFSET; cur_ = r;
        axil_.start(r);
        while (axil_.busy()) tick();
        expect(cur_.data == VPCI_ADAPTER_CONTROL_RESET_BUSY_MASK, "CONTROL shows RESET_BUSY");
        stall_b_ = false;
        cov_["reset_busy"]++;
    }
    drain();
    expect(rd(VPCI_ADAPTER_STATUS_OFFSET) == 0, "reset cleared STATUS");
    expect(rd(VPCI_ADAPTER_MAGIC_OFFSET) == VPCI_MAGIC, "MAGIC after RESET_BUSY");
    // MSI write with an error response: DMA_ERR, ERROR_INFO DMA / source 7, STATUS
    // RCVD_MASTER_ABORT (§11.3). The core's ->msi cannot fail: RTL-only expectations,
    // then an FLR brings both back to the same state.
    if (!TB_EXT_MSIX) {
        wr(VPCI_MSIX_TBL_OFFSET + 16, 0xfee01000);
        wr(VPCI_MSIX_TBL_OFFSET + 24, 0x77);
        wr(VPCI_MSIX_TBL_OFFSET + 28, 0);
        wr(VPCI_ADAPTER_INT_VECTOR_OFFSET, 1);
        wr(VPCI_ADAPTER_INT_ENABLE_OFFSET, VPCI_ADAPTER_INT_ENABLE_ERROR_MASK);
        slverr_next_ = true;
        wr(VPCI_DOORBELL_ERR_BASE, 1);
        drain();
        expect(!slverr_next_, "the MSI write got its SLVERR");
        auto raw = [&](uint32_t off) {
            AxilTxn r; r.addr = off; cur_ = r;
            axil_.start(r);
            while (axil_.busy()) tick();
            return cur_.data;
        };
        expect(raw(VPCI_ADAPTER_ERROR_INFO_OFFSET) == (VPCI_ERROR_CODE_DMA | 7u << 8), "MSI write error: DMA / source 7");
        expect(raw(VPCI_ADAPTER_ERROR_CAUSE_OFFSET) & VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_MASK, "MSI write error: DMA_ERR");
        expect(master_aborts_ == 1, "MSI write error: RCVD_MASTER_ABORT");
        cov_["msi_write_error"]++;
        flr();
    }
    if (!o_.quiet)
        printf("directed: passed (%" PRIu64 " MSI messages compared)\n", msi_matched_);
}

// ---- constrained random ----
void Tb::test_random(uint64_t cycles)
{
    std::vector<uint32_t> regs;
    for (unsigned i = 0; i < VPCI_REG_COUNT; i++) {
        const vpci_reg_desc &r = vpci_regs[i];
        if (r.space != VPCI_SPACE_BAR0 || r.offset >= VPCI_DOORBELL_CALL_BASE)
            continue;
        regs.push_back(r.offset);
    }
    auto R = [&](uint32_t n) { return (uint32_t)(rng_() % n); };
    auto strobe = [&]() -> uint8_t {
        static const uint8_t ok[] = {0xf, 0xf, 0xf, 0xf, 0x1, 0x2, 0x4, 0x8, 0x3, 0xc};
        if (R(100) < 4) return (uint8_t)R(16); // any pattern: unaligned, holes, none
        return ok[R(sizeof(ok))];
    };
    auto vec = [&]() -> uint32_t {
        uint32_t x = R(100);
        if (x < 10) return 0xffff;
        if (x < 14) return TB_MSIX_VECTORS + R(8);
        return R(TB_MSIX_VECTORS);
    };
    // start: decoded, bus master, MSI-X enabled
    cfg_write(VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK | VPCI_CFG_COMMAND_BUS_MASTER_MASK);
    cfg_write(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
    uint64_t end = cycle_ + cycles;
    while (cycle_ < end) {
        uint32_t k = R(1000);
        uint32_t pba_before = model_pba0();
        uint64_t msi_before = model_msi_.size() + msi_matched_;
        if (k < 300) { // read anything in BAR0
            uint32_t x = R(10), a;
            if (x < 5) a = regs[R((uint32_t)regs.size())];
            else if (x < 6) a = VPCI_DOORBELL_CALL_BASE + 4 * R(0x201);
            else if (x < 8) a = VPCI_MSIX_TBL_OFFSET + R(16 * (TB_MSIX_VECTORS + 2));
            else if (x < 9) a = VPCI_MSIX_PBA_OFFSET + R(0x50);
            else a = R(0x8000);
            rd(a);
            cov_["read"]++;
        } else if (k < 420) { // MSI-X table
            uint32_t v = R(TB_MSIX_VECTORS + 1), w = R(4);
            uint32_t d = w == 3 ? (R(10) < 7 ? 0 : 1) : (uint32_t)rng_();
            wr(VPCI_MSIX_TBL_OFFSET + 16 * v + 4 * w, d, w == 3 ? 0xf : strobe());
            cov_[w == 3 ? (d ? "msix_mask" : "msix_unmask") : "msix_entry_write"]++;
        } else if (k < 560) { // doorbells
            uint32_t kind = R(3), vq = R(TB_NUM_VQS + 2);
            uint32_t a = kind == 2 ? VPCI_DOORBELL_LOG_OFFSET : VPCI_DOORBELL_CALL_BASE + 8 * vq + 4 * kind;
            wr(a, (uint32_t)rng_(), strobe());
            cov_db_[kind][kind == 2 ? 0 : (vq < TB_NUM_VQS ? vq : TB_NUM_VQS)]++;
        } else if (k < 700) { // interrupt registers
            uint32_t x = R(4);
            if (x == 0) wr(VPCI_ADAPTER_INT_CAUSE_OFFSET, R(4) ? 0xf : R(16), strobe());
            else if (x == 1) wr(VPCI_ADAPTER_INT_ENABLE_OFFSET, R(3) ? 0xf : R(16), strobe());
            else if (x == 2) wr(VPCI_ADAPTER_INT_VECTOR_OFFSET, vec(), strobe());
            else wr(VPCI_ADAPTER_ERROR_CAUSE_OFFSET, (uint32_t)rng_(), strobe());
            cov_["int_write"]++;
        } else if (k < 800) { // VQ block
            if (R(2)) wr(VPCI_VQ_SEL_OFFSET, R(10) ? R(TB_NUM_VQS) : R(0x10000), strobe());
            else wr(VPCI_VQ_VECTOR_OFFSET, vec(), strobe());
            cov_["vq_write"]++;
        } else if (k < 880) { // features and status
            uint32_t x = R(5);
            if (x == 0) wr(VPCI_ADAPTER_DEV_FEATURES_SEL_OFFSET, R(3));
            else if (x == 1) wr(VPCI_ADAPTER_DRV_FEATURES_SEL_OFFSET, R(3));
            else if (x == 2) wr(VPCI_ADAPTER_DRV_FEATURES_OFFSET, R(2) ? (uint32_t)rng_() : R(2) ? 7 : 1, strobe());
            else wr(VPCI_ADAPTER_STATUS_OFFSET, R(2) ? (1u << R(8)) : R(256), strobe());
            cov_["status_features"]++;
        } else if (k < 960) { // any other register (not queue CTRL/TAIL: no queue engine yet)
            uint32_t a = regs[R((uint32_t)regs.size())];
            if (a == VPCI_M2S_CTRL_OFFSET || a == VPCI_S2M_CTRL_OFFSET || a == VPCI_M2S_TAIL_OFFSET ||
                a == VPCI_S2M_TAIL_OFFSET || a == VPCI_ADAPTER_CONTROL_OFFSET)
                continue;
            wr(a, (uint32_t)rng_(), strobe());
            cov_["other_write"]++;
        } else if (k < 975) { // config space: bus master, MSI-X enable and function mask
            uint32_t x = R(TB_EXT_MSIX ? 5 : 3);
            if (x == 0) {
                cfg_write(VPCI_CFG_COMMAND_OFFSET, 2,
                          (R(40) ? VPCI_CFG_COMMAND_MEM_EN_MASK : 0) | (R(4) ? VPCI_CFG_COMMAND_BUS_MASTER_MASK : 0));
                cov_["cfg_command"]++;
            } else if (x < 3) {
                cfg_write(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2,
                          (R(8) ? VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK : 0) | (R(3) ? 0 : VPCI_MSIX_CAP_MSGCTL_FUNC_MASK_MASK));
                cov_["cfg_msgctl"]++;
            } else if (x == 3) {
                set_ext(R(8) != 0, R(3) == 0);
                cov_["ext_state"]++;
            } else {
                set_ext_mask(R(TB_MSIX_VECTORS), R(2));
                cov_["ext_mask"]++;
            }
        } else if (k < 993) {
            wr(VPCI_ADAPTER_INT_CAUSE_OFFSET, 0xf); // serve the causes: the next error signals again
            cov_["int_cause_clear"]++;
        } else if (k < 996) {
            drain();
            wr(VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK, strobe());
            cov_["control_reset"]++;
        } else {
            if (R(4) == 0) {
                flr();
                cfg_write(VPCI_CFG_COMMAND_OFFSET, 2, VPCI_CFG_COMMAND_MEM_EN_MASK | VPCI_CFG_COMMAND_BUS_MASTER_MASK);
                cfg_write(VPCI_MSIX_CAP_MSGCTL_OFFSET, 2, VPCI_MSIX_CAP_MSGCTL_ENABLE_MASK);
            }
        }
        // MSI paths from the model's PBA (coverage)
        uint32_t pba_after = model_pba0();
        uint64_t sent = model_msi_.size() + msi_matched_ - msi_before;
        if (pba_after & ~pba_before) cov_["msi_masked_to_pba"]++;
        if (pba_before & ~pba_after & ((1ull << (TB_MSIX_VECTORS < 32 ? TB_MSIX_VECTORS : 32)) - 1)) {
            if (sent) cov_["msi_pending_delivered"]++;
            else cov_["msi_pending_reset_or_dropped"]++;
        } else if (sent) {
            cov_["msi_unmasked_direct"]++;
        }
    }
    drain();
}

static const char *kinds[3] = {"CALL", "ERR", "LOG"};
static const char *swaccess_names[] = {"ro", "rw", "wo", "rc", "rw1c", "rw1s", "rw0c", "r0w1c"};

// The parameters a coverage file was taken with: files of another build do not merge.
std::string cov_header()
{
    char h[128];
    snprintf(h, sizeof(h), "# tb_rtl coverage v1 NUM_VQS=%u MSIX_VECTORS=%u EXT_MSIX=%u", TB_NUM_VQS,
             TB_MSIX_VECTORS, TB_EXT_MSIX);
    return h;
}

// Doorbell bin name: "db:CALL:5", "db:ERR:out" (vq out of range), "db:LOG".
std::string db_bin(unsigned kind, unsigned vq)
{
    if (kind == 2)
        return "db:LOG";
    return std::string("db:") + kinds[kind] + ":" + (vq < TB_NUM_VQS ? std::to_string(vq) : "out");
}

// Every bin of this run, zero counts included: the set of bins is the same for every
// run of one build, so files of a campaign sum bin by bin (merge_coverage).
Bins Tb::bins() const
{
    Bins b;
    for (unsigned i = 0; i < VPCI_REG_COUNT; i++) {
        const vpci_reg_desc &r = vpci_regs[i];
        if (r.space != VPCI_SPACE_BAR0)
            continue;
        auto rd = cov_reg_rd_.find(r.id), wr = cov_reg_wr_.find(r.id);
        b[std::string("rd:") + r.name] = rd == cov_reg_rd_.end() ? 0 : rd->second;
        b[std::string("wr:") + r.name] = wr == cov_reg_wr_.end() ? 0 : wr->second;
    }
    for (const char *a : swaccess_names)
        b[std::string("write:") + a] = 0;
    b["write:hole/window"] = 0;
    for (auto &kv : cov_reg_wr_) {
        if (kv.first == 0xffff) { b["write:hole/window"] += kv.second; continue; }
        const vpci_reg_desc &r = vpci_regs[kv.first];
        for (unsigned f = 0; f < r.nfields; f++)
            b[std::string("write:") + swaccess_names[r.fields[f].swaccess & 7]] += kv.second;
    }
    for (unsigned k = 0; k < 3; k++)
        for (unsigned v = 0; v < (k == 2 ? 1u : TB_NUM_VQS + 1u); v++)
            b[db_bin(k, v)] = cov_db_[k][v];
    for (const char *c : {"read", "msix_mask", "msix_unmask", "msix_entry_write", "int_write", "vq_write",
                          "status_features", "other_write", "cfg_command", "cfg_msgctl", "ext_state",
                          "ext_mask", "int_cause_clear", "control_reset", "msi_masked_to_pba",
                          "msi_pending_delivered", "msi_pending_reset_or_dropped", "msi_unmasked_direct"})
        b[std::string("ev:") + c] = 0;
    for (auto &kv : cov_)
        b["ev:" + kv.first] += kv.second;
    b["run:msi_compared"] = msi_matched_;
    b["run:axil_stalls"] = axil_.stalls;
    b["run:random_cycles"] = random_ran_ ? o_.cycles : 0;
    b["run:runs"] = 1;
    return b;
}

// Print the functional coverage of @b (one run or a merged campaign) and, when it holds
// at least 2x10^5 random cycles, check the goals: every register of the blocks read,
// every doorbell rung (and out of range), every access type written, every MSI path
// taken, resets and config changes. Returns the goals not met (empty: met or not checked).
std::vector<std::string> report_bins(const Bins &b)
{
    auto get = [&](const std::string &k) -> uint64_t {
        auto it = b.find(k);
        return it == b.end() ? 0 : it->second;
    };
    unsigned rd_regs = 0, wr_regs = 0, total = 0;
    for (unsigned i = 0; i < VPCI_REG_COUNT; i++) {
        const vpci_reg_desc &r = vpci_regs[i];
        if (r.space != VPCI_SPACE_BAR0)
            continue;
        total++;
        if (get(std::string("rd:") + r.name)) rd_regs++;
        if (get(std::string("wr:") + r.name)) wr_regs++;
    }
    printf("coverage: BAR0 registers read %u/%u, written %u/%u\n", rd_regs, total, wr_regs, total);
    for (auto &kv : b)
        if (kv.first.compare(0, 6, "write:") == 0 && kv.second)
            printf("coverage: %-34s %" PRIu64 "\n", kv.first.c_str(), kv.second);
    for (unsigned k = 0; k < 3; k++) {
        unsigned hit = 0, n = k == 2 ? 1 : TB_NUM_VQS;
        for (unsigned v = 0; v < n; v++)
            if (get(db_bin(k, v))) hit++;
        printf("coverage: doorbell %-4s vqs rung %u/%u%s\n", kinds[k], hit, n,
               k == 2 ? "" : (get(db_bin(k, TB_NUM_VQS)) ? " (+ out of range)" : ""));
    }
    for (auto &kv : b)
        if (kv.first.compare(0, 3, "ev:") == 0 && kv.second)
            printf("coverage: %-34s %" PRIu64 "\n", kv.first.c_str() + 3, kv.second);
    printf("coverage: MSI messages compared %" PRIu64 "; AXI-Lite stall cycles %" PRIu64 "\n",
           get("run:msi_compared"), get("run:axil_stalls"));
    std::vector<std::string> unmet;
    if (get("run:random_cycles") < 200000)
        return unmet;
    for (unsigned i = 0; i < VPCI_REG_COUNT; i++) {
        const vpci_reg_desc &r = vpci_regs[i];
        if (r.space == VPCI_SPACE_BAR0 && r.offset < VPCI_DOORBELL_CALL_BASE && !get(std::string("rd:") + r.name))
            unmet.push_back(std::string("read ") + r.name);
    }
    for (unsigned k = 0; k < 3; k++)
        for (unsigned v = 0; v < (k == 2 ? 1u : TB_NUM_VQS + 1u); v++)
            if (!get(db_bin(k, v)))
                unmet.push_back("doorbell " + db_bin(k, v).substr(3));
    for (const char *a : {"write:ro", "write:rw", "write:wo", "write:rw1c", "write:rw1s", "write:r0w1c"})
        if (!get(a)) unmet.push_back(a);
    for (const char *c : {"msi_masked_to_pba", "msi_pending_delivered", "msi_unmasked_direct",
                          "control_reset", "cfg_command", "cfg_msgctl"})
        if (!get(std::string("ev:") + c)) unmet.push_back(c);
    if (TB_EXT_MSIX && (!get("ev:ext_state") || !get("ev:ext_mask")))
        unmet.push_back("ext_state/ext_mask");
    if (unmet.empty())
        printf("coverage goals: met\n");
    for (auto &u : unmet)
        printf("coverage goal not met: %s\n", u.c_str());
    return unmet;
}

// Write @b to @path: the header, then "bin count" per line.
bool write_bins(const Bins &b, const std::string &path)
{
    FILE *f = fopen(path.c_str(), "w");
    if (!f) {
        fprintf(stderr, "tb_rtl: %s: %s\n", path.c_str(), strerror(errno));
        return false;
    }
    fprintf(f, "%s\n", cov_header().c_str());
    for (auto &kv : b)
        fprintf(f, "%s %" PRIu64 "\n", kv.first.c_str(), kv.second);
    return fclose(f) == 0;
}

// Add the bins of coverage file @path to @b; false (with the file and line) if it is
// not a coverage file of this build.
bool read_bins(const std::string &path, Bins &b)
{
    FILE *f = fopen(path.c_str(), "r");
    if (!f) {
        fprintf(stderr, "tb_rtl: %s: %s\n", path.c_str(), strerror(errno));
        return false;
    }
    char line[512];
    unsigned no = 0;
    bool ok = true;
    while (ok && fgets(line, sizeof(line), f)) {
        no++;
        line[strcspn(line, "\n")] = 0;
        if (no == 1) {
            if (cov_header() != line) {
                fprintf(stderr, "tb_rtl: %s:1: not a coverage file of this build (want \"%s\")\n",
                        path.c_str(), cov_header().c_str());
                ok = false;
            }
            continue;
        }
        char *sp = strrchr(line, ' ');
        char *end = nullptr;
        uint64_t n = sp ? strtoull(sp + 1, &end, 10) : 0;
        if (!sp || sp == line || !end || *end || end == sp + 1) {
            fprintf(stderr, "tb_rtl: %s:%u: malformed line \"%s\"\n", path.c_str(), no, line);
            ok = false;
            continue;
        }
        *sp = 0;
        b[line] += n;
    }
    if (ok && no == 0) {
        fprintf(stderr, "tb_rtl: %s: empty\n", path.c_str());
        ok = false;
    }
    fclose(f);
    return ok;
}

// --merge-cov: sum the coverage files of a campaign and check the goals on the sum.
int merge_coverage(const std::vector<std::string> &files, const std::string &out)
{
    Bins b;
    for (auto &f : files)
        if (!read_bins(f, b))
            return 2;
    printf("tb_rtl: merged %zu coverage files, %" PRIu64 " runs, %" PRIu64 " random cycles\n", files.size(),
           b["run:runs"], b["run:random_cycles"]);
    auto unmet = report_bins(b);
    if (!out.empty() && !write_bins(b, out))
        return 2;
    if (b["run:random_cycles"] < 200000) {
        printf("tb_rtl: FAIL (fewer than 2x10^5 random cycles: goals not checked)\n");
        return 1;
    }
    return unmet.empty() ? 0 : 1;
}

void Tb::report()
{
    Bins b = bins();
    auto unmet = report_bins(b);
    if (!o_.cov_out.empty() && !write_bins(b, o_.cov_out))
        exit(2);
#if VM_COVERAGE
    if (!o_.code_cov.empty())
        ctx_->coveragep()->write(o_.code_cov.c_str());
#endif
    if (!unmet.empty()) {
        printf("tb_rtl: FAIL (coverage goals), seed %" PRIu64 "\n", o_.seed);
        exit(1);
    }
}

int Tb::run()
{
    auto t0 = std::chrono::steady_clock::now();
    printf("tb_rtl: seed %" PRIu64 " (replay: --seed %" PRIu64 "), NUM_VQS %u, MSIX_VECTORS %u, %s MSI-X, scoreboard %s\n",
           o_.seed, o_.seed, TB_NUM_VQS, TB_MSIX_VECTORS, TB_EXT_MSIX ? "external" : "internal",
           o_.scoreboard ? "on" : "off");
    bool defaults = TB_NUM_VQS == VPCI_PARAM_NUM_VQS_DEFAULT &&
                    TB_MSIX_VECTORS == VPCI_PARAM_MSIX_VECTORS_DEFAULT && !TB_EXT_MSIX;
    if (o_.test == "vectors" && !defaults) {
        fprintf(stderr, "tb_rtl: the register vectors assume the default parameters (tb_rtl)\n");
        return 2;
    }
    if ((o_.test == "vectors" || o_.test == "all") && defaults)
        test_vectors();
    if (o_.test == "directed" || o_.test == "all")
        test_directed();
    uint64_t c0 = cycle_;
    auto r0 = std::chrono::steady_clock::now();
    if (o_.test == "random" || o_.test == "all") {
        test_random(o_.cycles);
        random_ran_ = true;
    }
    double rs = std::chrono::duration<double>(std::chrono::steady_clock::now() - r0).count();
    double ts = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    report();
    uint64_t rc = cycle_ - c0;
    printf("tb_rtl: PASS, %" PRIu64 " cycles (%" PRIu64 " random) in %.2f s; random: %.0f cycles/s; %" PRIu64
           " transactions, 0 mismatches\n", cycle_, rc, ts, rs > 0 ? rc / rs : 0.0, txn_);
    return 0;
}

void usage()
{
    printf("usage: tb_rtl [--seed N] [--cycles N] [--test all|vectors|directed|random]\n"
           "              [--no-scoreboard] [--pressure PCT] [--trace-fst [FILE]] [--quiet]\n"
           "              [--cov-out FILE] [--code-cov FILE]\n"
           "       tb_rtl --merge-cov FILE... [--cov-out FILE]\n"
           "  --seed N          random seed (default: time); printed, replays a run\n"
           "  --cycles N        cycles of the random run (default 1000000)\n"
           "  --test T          which tests (default all: vectors, directed, random)\n"
           "  --no-scoreboard   run the RTL alone (no C core, nothing compared)\n"
           "  --pressure PCT    back-pressure on every port, percent of cycles (default 30)\n"
           "  --trace-fst FILE  write FST waves (default tb_rtl.fst)\n"
           "  --cov-out FILE    write the functional coverage bins (with --merge-cov: the sum)\n"
           "  --code-cov FILE   write Verilator code coverage (builds with coverage: tb_rtl_cov)\n"
           "  --merge-cov F...  sum the coverage files of a campaign (same build) and check the\n"
           "                    goals on the sum; exit 0 only if they are met\n");
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) { usage(); exit(2); }
            return argv[++i];
        };
        if (a == "--seed") { o.seed = strtoull(next().c_str(), nullptr, 0); o.seed_given = true; }
        else if (a == "--cycles") o.cycles = strtoull(next().c_str(), nullptr, 0);
        else if (a == "--test") o.test = next();
        else if (a == "--no-scoreboard") o.scoreboard = false;
        else if (a == "--pressure") o.pressure = (unsigned)strtoul(next().c_str(), nullptr, 0);
        else if (a == "--trace-fst") {
            o.trace = true;
            if (i + 1 < argc && argv[i + 1][0] != '-') o.trace_file = argv[++i];
        } else if (a == "--quiet") o.quiet = true;
        else if (a == "--cov-out") o.cov_out = next();
        else if (a == "--code-cov") o.code_cov = next();
        else if (a == "--merge-cov") {
            while (i + 1 < argc && argv[i + 1][0] != '-')
                o.merge.push_back(argv[++i]);
            if (o.merge.empty()) { usage(); return 2; }
        }
        else if (a == "--help" || a == "-h") { usage(); return 0; }
        else { usage(); return 2; }
    }
    if (!o.merge.empty())
        return merge_coverage(o.merge, o.cov_out);
#if !VM_COVERAGE
    if (!o.code_cov.empty()) {
        fprintf(stderr, "tb_rtl: built without code coverage; --code-cov needs tb_rtl_cov\n");
        return 2;
    }
#endif
    if (!o.seed_given)
        o.seed = (uint64_t)std::chrono::system_clock::now().time_since_epoch().count() & 0xffffffffu;
    if (o.test != "all" && o.test != "vectors" && o.test != "directed" && o.test != "random") {
        usage();
        return 2;
    }
    if (!o.scoreboard && o.test != "random") {
        fprintf(stderr, "tb_rtl: --no-scoreboard needs --test random\n");
        return 2;
    }
    Tb tb(o);
    g_tb = &tb;
    return tb.run();
}
