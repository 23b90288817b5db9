// SPDX-License-Identifier: MIT
// test_relay.cpp - the master face (model/relay.c): the relay table of
// docs/spec.md §6 message by message, master-face validation (§6.5), resource
// building and gating (§7.5, §8), reply matching (§5.6, §5.10), session end
// (§10), and adversarial master input. Every test ends by checking that each
// resource the core took ownership of was released exactly once.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

extern "C" {
#include "fake_platform.h"
#include "vpci_internal.h"
#include "vpci_relay.h"
}

namespace {

constexpr uint64_t MiB = 1ull << 20;

std::string repo_path(const char *rel)
{
    std::string f = __FILE__; // <repo>/tests/core/test_relay.cpp
    for (int i = 0; i < 3; i++)
        f = f.substr(0, f.rfind('/'));
    return f + "/" + rel;
}

struct Region {
    uint64_t gpa, size, uaddr, mmap_off;
};

std::vector<uint8_t> mem_table(const std::vector<Region> &rs, uint32_t n_override = ~0u)
{
    std::vector<uint8_t> p(8 + 32 * rs.size());
    uint32_t n = n_override != ~0u ? n_override : (uint32_t)rs.size();
    memcpy(p.data(), &n, 4);
    for (size_t i = 0; i < rs.size(); i++)
        memcpy(p.data() + 8 + 32 * i, &rs[i], 32);
    return p;
}

std::vector<uint8_t> mem_reg(const Region &r)
{
    std::vector<uint8_t> p(40, 0);
    memcpy(p.data() + 8, &r, 32);
    return p;
}

std::vector<uint8_t> u64(uint64_t v)
{
    std::vector<uint8_t> p(8);
    memcpy(p.data(), &v, 8);
    return p;
}

std::vector<uint8_t> vring_state(uint32_t index, uint32_t num)
{
    std::vector<uint8_t> p(8);
    memcpy(p.data(), &index, 4);
    memcpy(p.data() + 4, &num, 4);
    return p;
}

class Relay : public ::testing::Test {
protected:
    fake_platform f{};
    vpci_core *c = nullptr;
    std::vector<void *> bufs;
    std::map<uint64_t, unsigned> owned; // cookie -> times handed to the core with ownership
    std::vector<uint64_t> not_owned;    // handed in but returned (EAGAIN/ENOTCONN/EINVAL)
    uint64_t next_cookie = 1000;

    static constexpr uint64_t FEAT_ALL =
        (1ull << VPCI_ADAPTER_FEATURE_BACKEND_CHAN) | (1ull << VPCI_ADAPTER_FEATURE_LOG_WIN) |
        (1ull << VPCI_ADAPTER_FEATURE_KICK_LATCH) | (1ull << VPCI_ADAPTER_FEATURE_VERSION_1);

    void SetUp() override { init(nullptr); }

    void init(const vpci_params *p, uint64_t features = FEAT_ALL)
    {
        vpci_params def;
        vpci_params_default(&def);
        def.mem_win_log2 = 24; // 16 MiB: small malloc'd regions fill it
        def.log_win_log2 = 16;
        fake_init(&f, p ? p : &def);
        c = f.core;
        ASSERT_NE(c, nullptr);
        fake_pci_enable(&f);
        accept(features);
        ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
    }

    // Driver features as after negotiation (no DRIVER_OK: the FIFO holds messages).
    void accept(uint64_t features)
    {
        c->adapter.drv_features[0] = (uint32_t)features;
        c->adapter.drv_features[1] = (uint32_t)(features >> 32);
        c->adapter.status |= VPCI_ADAPTER_STATUS_DRIVER_MASK | VPCI_ADAPTER_STATUS_FEATURES_OK_MASK;
    }

    void TearDown() override
    {
        if (f.core)
            fake_fini(&f);
        for (auto &[cookie, n] : owned) {
            EXPECT_EQ(releases(cookie), n) << "cookie " << cookie;
        }
        for (uint64_t cookie : not_owned)
            if (!owned.count(cookie)) {
                EXPECT_EQ(releases(cookie), 0u) << "cookie " << cookie;
            }
        unsigned total = 0;
        for (auto &[cookie, n] : owned)
            total += n;
        EXPECT_EQ(f.releases, total);
        for (void *b : bufs)
            free(b);
    }

    unsigned releases(uint64_t cookie) const
    {
        unsigned n = 0;
        for (unsigned i = 0; i < f.nev; i++)
            n += f.ev[i].type == FAKE_EV_RELEASE && f.ev[i].a == cookie;
        return n;
    }

    vpci_res mem(uint64_t size, uint8_t fill = 0)
    {
        void *b = malloc(size);
        memset(b, fill, size);
        bufs.push_back(b);
        return vpci_res{VPCI_RES_MEM, b, size, next_cookie++};
    }
    vpci_res res(vpci_res_kind k) { return vpci_res{k, nullptr, 0, next_cookie++}; }

    static std::vector<uint8_t> raw(uint32_t req, uint32_t flags, const std::vector<uint8_t> &pl)
    {
        std::vector<uint8_t> m(12 + pl.size());
        uint32_t size = (uint32_t)pl.size();
        memcpy(m.data(), &req, 4);
        memcpy(m.data() + 4, &flags, 4);
        memcpy(m.data() + 8, &size, 4);
        if (!pl.empty())
            memcpy(m.data() + 12, pl.data(), pl.size());
        return m;
    }

    int send_raw(const std::vector<uint8_t> &m, std::vector<vpci_res> rs = {},
                 vpci_channel chan = VPCI_CHAN_MASTER)
    {
        int rc = vpci_master_msg(c, chan, m.data(), m.size(), rs.data(), (unsigned)rs.size());
        for (auto &r : rs) {
            if (r.kind == VPCI_RES_NONE)
                continue;
            if (rc == VPCI_OK || rc == VPCI_EREFUSED)
                owned[r.cookie]++;
            else
                not_owned.push_back(r.cookie);
        }
        return rc;
    }

    int send(uint32_t req, const std::vector<uint8_t> &pl = {}, std::vector<vpci_res> rs = {},
             uint32_t flags = 0)
    {
        return send_raw(raw(req, VPCI_VU_FLAG_VERSION | flags, pl), rs);
    }

    uint8_t s2m(uint8_t chan, uint32_t req, uint32_t flags, const std::vector<uint8_t> &pl,
                int session = -1)
    {
        auto m = raw(req, flags, pl);
        return vpci_relay_s2m(c, chan, session < 0 ? vpci_relay_session(c) : (uint8_t)session,
                              m.data(), (uint32_t)m.size());
    }
    uint8_t reply(uint32_t req, const std::vector<uint8_t> &pl)
    {
        return s2m(VPCI_CHAN_MASTER, req, VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, pl);
    }

    unsigned fifo_count() const { return vpci_fifo_count(c); }
    vpci_msg_slot *slot(unsigned i) { return vpci_fifo_at(c, i); }
    vpci_msg_slot *last() { return slot(fifo_count() - 1); }

    // What the M2S engine does once the completion is written.
    bool deliver()
    {
        if (!fifo_count())
            return false;
        vpci_relay_delivered(c, slot(0));
        vpci_fifo_pop(c);
        return true;
    }
    void deliver_all()
    {
        while (deliver())
            ;
    }

    uint64_t payload64(const vpci_msg_slot *s, unsigned off) const
    {
        uint64_t v;
        memcpy(&v, s->data + 12 + off, 8);
        return v;
    }
    // The latest VPCI_EV_MASTER_REFUSED event (a zeroed one if there is none).
    vpci_event refusal() const
    {
        const fake_mevent *m = fake_mev_last(&f, VPCI_EV_MASTER_REFUSED);
        EXPECT_NE(m, nullptr) << "no MASTER_REFUSED event";
        return m ? m->ev : vpci_event{};
    }
    uint32_t err_code() const { return c->adapter.error_info & 0xff; }
    uint32_t err_detail() const { return c->adapter.error_info >> 8; }
    uint32_t err_cause() const { return vpci_csr_get(c, VPCI_REG_ADAPTER_ERROR_CAUSE); }

    // Negotiate protocol features as a master would (message delivered).
    void negotiate(uint64_t proto)
    {
        ASSERT_EQ(send(VPCI_VU_REQ_SET_PROTOCOL_FEATURES, u64(proto)), VPCI_OK);
        deliver_all();
    }

    void reconnect()
    {
        vpci_master_disconnect(c);
        ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
    }

    // The state spec §6.1/§10.2 defines after a refusal.
    void expect_refused(int rc, uint32_t code, uint32_t detail, unsigned closes = 1)
    {
        EXPECT_EQ(rc, VPCI_EREFUSED);
        EXPECT_FALSE(vpci_relay_connected(c));
        EXPECT_TRUE(err_cause() & VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_MASK);
        EXPECT_EQ(err_code(), code);
        EXPECT_EQ(err_detail(), detail);
        EXPECT_EQ(f.closes, closes);
        ASSERT_GT(f.nev, 0u);
        EXPECT_EQ(f.ev[f.nev - 1].type, FAKE_EV_CLOSE);
        EXPECT_EQ(f.ev[f.nev - 1].c, (uint32_t)VPCI_CLOSE_REFUSED);
        EXPECT_EQ(fifo_count(), 0u);
        EXPECT_EQ(c->relay.rep_count, 0u);
        EXPECT_TRUE(vpci_csr_get(c, VPCI_REG_ADAPTER_INT_CAUSE) &
                    VPCI_ADAPTER_INT_CAUSE_LINK_CHANGE_MASK);
        // Reported as events: the session end, then the refusal with what
        // ERROR_INFO recorded (the refusal is the last thing reported).
        const fake_mevent *last = fake_mev_last(&f, FAKE_MEV_ANY);
        ASSERT_NE(last, nullptr);
        EXPECT_EQ(last->ev.code, VPCI_EV_MASTER_REFUSED) << last->text;
        EXPECT_EQ(last->ev.cause, VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_MASK);
        EXPECT_EQ(last->ev.err_code, code);
        EXPECT_EQ(last->ev.detail, detail);
        EXPECT_EQ(std::string(last->text).rfind("vhost-pci: ", 0), 0u) << last->text;
        const fake_mevent *end = fake_mev_last(&f, VPCI_EV_SESSION_ENDED);
        ASSERT_NE(end, nullptr);
        EXPECT_EQ(end->ev.reason, (uint32_t)VPCI_SESSION_END_REFUSED);
        EXPECT_EQ(end->ev.session, last->ev.session);
        for (unsigned i = 0; i < VPCI_MAX_REGIONS; i++) {
            EXPECT_EQ(c->win.xlat[i].state, VPCI_XLAT_FREE);
        }
    }
};

// ---------------------------------------------------------------------------
// The table itself
// ---------------------------------------------------------------------------

std::vector<std::vector<std::string>> spec_table(const char *marker)
{
    std::ifstream in(repo_path("docs/spec.md"));
    std::vector<std::vector<std::string>> rows;
    std::string line;
    bool on = false;
    while (std::getline(in, line)) {
        if (line.find(marker) != std::string::npos) {
            on = true;
            continue;
        }
        if (!on)
            continue;
        if (line.empty() || line[0] != '|') {
            if (!rows.empty())
                break;
            continue;
        }
        std::vector<std::string> cells;
        std::stringstream ss(line.substr(1));
        std::string cell;
        while (std::getline(ss, cell, '|')) {
            auto b = cell.find_first_not_of(' '), e = cell.find_last_not_of(' ');
            cells.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
        }
        if (cells.empty() || cells[0].empty() || !isdigit((unsigned char)cells[0][0]))
            continue; // header and separator rows
        rows.push_back(cells);
    }
    return rows;
}

std::string backticked(const std::string &s)
{
    auto a = s.find('`'), b = s.find('`', a + 1);
    return a == std::string::npos ? s : s.substr(a + 1, b - a - 1);
}

const char *class_name(vpci_relay_class k)
{
    switch (k) {
    case VPCI_CLASS_RELAY: return "RELAY";
    case VPCI_CLASS_XLATE: return "XLATE";
    case VPCI_CLASS_ADAPTER: return "ADAPTER";
    default: return "REFUSE";
    }
}

TEST(RelayTable, NamesEveryRequestOfThePinnedRevisionWithItsId)
{
    std::ifstream in(repo_path("docs/vhost-user-requests.txt"));
    ASSERT_TRUE(in.good());
    std::string kind, name;
    unsigned id, nfront = 0, nback = 0, maxfront = 0;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream ls(line);
        ls >> kind >> id >> name;
        if (kind == "frontend") {
            const vpci_relay_entry *e = vpci_relay_lookup(0, id);
            ASSERT_NE(e, nullptr) << name;
            EXPECT_EQ(e->request, id);
            EXPECT_STREQ(e->name, name.c_str());
            nfront++;
            maxfront = std::max(maxfront, id);
        } else if (kind == "backend") {
            const vpci_relay_entry *e = vpci_relay_lookup(1, id);
            ASSERT_NE(e, nullptr) << name;
            EXPECT_EQ(e->request, id);
            EXPECT_STREQ(e->name, name.c_str());
            nback++;
        }
    }
    EXPECT_EQ(nfront, VPCI_RELAY_FRONTEND_MAX);
    EXPECT_EQ(maxfront, VPCI_RELAY_FRONTEND_MAX);
    EXPECT_EQ(nback, VPCI_RELAY_BACKEND_MAX);
    EXPECT_EQ(vpci_relay_lookup(0, 0), nullptr);
    EXPECT_EQ(vpci_relay_lookup(0, VPCI_RELAY_FRONTEND_MAX + 1), nullptr);
    EXPECT_EQ(vpci_relay_lookup(1, 0), nullptr);
    EXPECT_EQ(vpci_relay_lookup(1, VPCI_RELAY_BACKEND_MAX + 1), nullptr);
}

TEST(RelayTable, ClassesAreThoseOfTheSpecTables)
{
    auto front = spec_table("<!-- relay-table: frontend -->");
    ASSERT_EQ(front.size(), VPCI_RELAY_FRONTEND_MAX);
    for (auto &row : front) {
        unsigned id = (unsigned)std::stoul(row[0]);
        const vpci_relay_entry *e = vpci_relay_lookup(0, id);
        ASSERT_NE(e, nullptr) << id;
        EXPECT_EQ(backticked(row[1]), e->name) << id;
        EXPECT_EQ(row[2], class_name(e->cls)) << e->name;
    }
    auto back = spec_table("<!-- relay-table: backend -->");
    ASSERT_EQ(back.size(), VPCI_RELAY_BACKEND_MAX);
    for (auto &row : back) {
        unsigned id = (unsigned)std::stoul(row[0]);
        const vpci_relay_entry *e = vpci_relay_lookup(1, id);
        ASSERT_NE(e, nullptr) << id;
        EXPECT_EQ(backticked(row[1]), e->name) << id;
        EXPECT_EQ(row[2], class_name(e->cls)) << e->name;
    }
    uint64_t pass = 0;
    for (auto &row : spec_table("<!-- relay-table: protocol-features -->"))
        if (row[2] == "PASS")
            pass |= 1ull << std::stoul(row[0]);
    EXPECT_EQ(pass, VPCI_PROTO_PASS_ALL);
}

// ---------------------------------------------------------------------------
// Every front-end request of the pinned revision, one by one
// ---------------------------------------------------------------------------

TEST_F(Relay, WalkEveryFrontendRequestOfThePinnedRevision)
{
    for (uint32_t code = 1; code <= VPCI_RELAY_FRONTEND_MAX; code++) {
        SCOPED_TRACE(code);
        const vpci_relay_entry *e = vpci_relay_lookup(0, code);
        ASSERT_NE(e, nullptr);
        if (!vpci_relay_connected(c)) {
            ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
        }
        else
            reconnect();
        negotiate(VPCI_PROTO_PASS_ALL);
        if (code == VPCI_VU_REQ_REM_MEM_REG) { // needs a live region
            ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG,
                           mem_reg({0x40000000, 2 * MiB, 0x7f0040000000, 0}), {mem(2 * MiB)}),
                      VPCI_OK);
            deliver_all();
        }

        std::vector<uint8_t> pl;
        std::vector<vpci_res> rs;
        switch (e->payload) {
        case VPCI_PL_U64: pl = u64(0); break;
        case VPCI_PL_VRING_STATE: pl = vring_state(3, 256); break;
        case VPCI_PL_VRING_ADDR: pl.assign(40, 0x11); memset(pl.data(), 0, 4); pl[0] = 3; break;
        case VPCI_PL_VRING_FD: pl = u64(3); break;
        case VPCI_PL_MEM_TABLE: pl = mem_table({{0, 3 * MiB, 0x7f0000000000, 0x1000}}); break;
        case VPCI_PL_LOG: pl = u64(4096); pl.resize(16, 0x77); break;
        case VPCI_PL_MEM_REG: pl = mem_reg({0x40000000, 2 * MiB, 0x7f0040000000, 0x9000}); break;
        case VPCI_PL_IOTLB: pl.assign(32, 0x22); break;
        case VPCI_PL_CONFIG: pl = {0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}; break;
        case VPCI_PL_ANY: pl.assign(20, 0x33); break;
        case VPCI_PL_NONE: break;
        }
        if (e->fds == VPCI_FD_REGIONS || (e->fds == VPCI_FD_1 && e->res_kind == VPCI_RES_MEM))
            rs.push_back(mem(code == VPCI_VU_REQ_SET_LOG_BASE ? 4096 : 3 * MiB));
        else if (e->fds == VPCI_FD_1 || e->fds == VPCI_FD_VRING)
            rs.push_back(res((vpci_res_kind)e->res_kind));

        auto msg = raw(code, VPCI_VU_FLAG_VERSION, pl);
        size_t sent_before = f.nsent;
        unsigned fifo_before = fifo_count();
        int rc = send_raw(msg, rs);

        switch (e->cls) {
        case VPCI_CLASS_REFUSE:
            expect_refused(rc, VPCI_ERROR_CODE_MASTER_REFUSED, code, f.closes);
            EXPECT_EQ(f.nsent, sent_before);
            break;
        case VPCI_CLASS_ADAPTER:
            ASSERT_EQ(rc, VPCI_OK);
            EXPECT_EQ(fifo_count(), fifo_before);
            ASSERT_EQ(f.nsent, sent_before + 1);
            EXPECT_EQ(f.sent[f.nsent - 1].len, 20u);
            EXPECT_EQ(
                memcmp(f.sent[f.nsent - 1].data,
                       raw(code, VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, u64(VPCI_MAX_REGIONS))
                           .data(),
                       20),
                0);
            break;
        case VPCI_CLASS_RELAY:
            ASSERT_EQ(rc, VPCI_OK);
            ASSERT_EQ(fifo_count(), fifo_before + 1);
            EXPECT_EQ(last()->len, msg.size());
            EXPECT_EQ(memcmp(last()->data, msg.data(), msg.size()), 0); // relayed as received
            EXPECT_EQ(last()->nact, 0u);
            EXPECT_EQ(last()->chan, VPCI_CHAN_MASTER);
            EXPECT_EQ(last()->session, vpci_relay_session(c));
            EXPECT_EQ(c->relay.rep_count, e->reply == VPCI_REPLY_ACK_ONLY ? 0u : 1u);
            break;
        case VPCI_CLASS_XLATE: {
            ASSERT_EQ(rc, VPCI_OK);
            ASSERT_EQ(fifo_count(), fifo_before + 1);
            vpci_msg_slot *s = last();
            EXPECT_GE(s->nact, 1u);
            EXPECT_EQ(memcmp(s->data, msg.data(), 12), 0);
            if (e->rewrite == VPCI_RW_NONE) {
                EXPECT_EQ(memcmp(s->data, msg.data(), msg.size()), 0);
            }
            if (code == VPCI_VU_REQ_SET_MEM_TABLE) {
                EXPECT_EQ(payload64(s, 8 + 24), 0u); // mmap offset := window offset 0
                EXPECT_EQ(vpci_mmio_read(c, 2, 0, 1), 0xffu); // gated
            }
            if (code == VPCI_VU_REQ_ADD_MEM_REG || code == VPCI_VU_REQ_REM_MEM_REG) {
                EXPECT_EQ(payload64(s, 8 + 24), 0u); // the region sits at window offset 0
            }
            if (code == VPCI_VU_REQ_SET_LOG_BASE) {
                EXPECT_EQ(payload64(s, 0), 4096u);
                EXPECT_EQ(payload64(s, 8), 0u);
            }
            deliver_all();
            if (code == VPCI_VU_REQ_SET_MEM_TABLE || code == VPCI_VU_REQ_ADD_MEM_REG) {
                EXPECT_EQ(vpci_mmio_read(c, 2, 0, 1), 0u);
            }
            if (code == VPCI_VU_REQ_REM_MEM_REG) {
                EXPECT_EQ(vpci_mmio_read(c, 2, 0, 1), 0xffu);
            }
            if (code == VPCI_VU_REQ_SET_LOG_BASE) {
                EXPECT_TRUE(c->win.log_armed);
            }
            if (code == VPCI_VU_REQ_SET_LOG_FD) {
                EXPECT_NE(vpci_relay_logfd(c), nullptr);
            }
            if (code == VPCI_VU_REQ_SET_VRING_KICK) {
                EXPECT_TRUE(c->vq[3].kick_armed);
            }
            if (code == VPCI_VU_REQ_SET_VRING_CALL) {
                EXPECT_TRUE(c->vq[3].call_armed);
            }
            if (code == VPCI_VU_REQ_SET_VRING_ERR) {
                EXPECT_TRUE(c->vq[3].err_armed);
            }
            if (code == VPCI_VU_REQ_SET_BACKEND_REQ_FD) {
                EXPECT_TRUE(vpci_relay_chan_armed(c));
            }
            break;
        }
        }
    }
}

// ---------------------------------------------------------------------------
// XLATE: resources before the message, armed at delivery, fields rewritten
// ---------------------------------------------------------------------------

TEST_F(Relay, SetMemTableRewritesMmapOffsetsToWindowOffsetsAndArmsAtDelivery)
{
    vpci_res r0 = mem(0xa0000, 0x10), r1 = mem(3 * MiB, 0x20);
    auto pl = mem_table({{0x0, 0xa0000, 0x7f0000000000, 0x0},
                         {0xc0000, 3 * MiB, 0x7f00000c0000, 0xc0000}});
    ASSERT_EQ(send(VPCI_VU_REQ_SET_MEM_TABLE, pl, {r0, r1}), VPCI_OK);
    vpci_msg_slot *s = last();
    // Guest address, size, user address unchanged; mmap offset = window offset.
    EXPECT_EQ(payload64(s, 8 + 0), 0x0u);
    EXPECT_EQ(payload64(s, 8 + 8), 0xa0000u);
    EXPECT_EQ(payload64(s, 8 + 16), 0x7f0000000000u);
    EXPECT_EQ(payload64(s, 8 + 24), 0x0u);
    EXPECT_EQ(payload64(s, 40 + 0), 0xc0000u);
    EXPECT_EQ(payload64(s, 40 + 8), 3 * MiB);
    EXPECT_EQ(payload64(s, 40 + 16), 0x7f00000c0000u);
    EXPECT_EQ(payload64(s, 40 + 24), 2 * MiB);
    // The resource exists before the message is visible, but is not usable.
    EXPECT_EQ(c->win.xlat[0].state, VPCI_XLAT_PENDING);
    EXPECT_EQ(c->win.xlat[1].state, VPCI_XLAT_PENDING);
    EXPECT_EQ(vpci_mmio_read(c, 2, 2 * MiB, 1), 0xffu);
    EXPECT_EQ(vpci_window_ext_read(c, VPCI_REG_WINDOW_MEM_STATUS), 0u);
    deliver();
    EXPECT_EQ(vpci_mmio_read(c, 2, 0x10, 1), 0x10u);
    EXPECT_EQ(vpci_mmio_read(c, 2, 2 * MiB + 0x40000, 1), 0x20u);
    EXPECT_EQ(vpci_mmio_read(c, 2, 0xa0000, 1), 0xffu); // padding up to 2 MiB is absent
    EXPECT_EQ(vpci_window_mem_status_regions_get(
                  vpci_window_ext_read(c, VPCI_REG_WINDOW_MEM_STATUS)),
              2u);
}

TEST_F(Relay, SetMemTableKeepsEqualRegionsAndWithdrawsTheOthersBeforeItIsVisible)
{
    vpci_res a = mem(2 * MiB, 1), b = mem(2 * MiB, 2);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_MEM_TABLE,
                   mem_table({{0, 2 * MiB, 0x1000000, 0}, {4 * MiB, 2 * MiB, 0x2000000, 0}}),
                   {a, b}),
              VPCI_OK);
    deliver();
    // Re-sent: region a unchanged (same mapping), b replaced by c.
    vpci_res a2 = a;
    a2.cookie = next_cookie++;
    vpci_res cc = mem(4 * MiB, 3);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_MEM_TABLE,
                   mem_table({{0, 2 * MiB, 0x1000000, 0}, {8 * MiB, 4 * MiB, 0x3000000, 0}}),
                   {a2, cc}),
              VPCI_OK);
    EXPECT_EQ(releases(b.cookie), 1u);  // withdrawn before the message is visible
    EXPECT_EQ(releases(a2.cookie), 1u); // duplicate mapping of a kept translation
    EXPECT_EQ(releases(a.cookie), 0u);
    EXPECT_EQ(vpci_mmio_read(c, 2, 0, 1), 1u); // kept: no gap
    EXPECT_EQ(vpci_mmio_read(c, 2, 2 * MiB, 1), 0xffu);
    EXPECT_EQ(payload64(last(), 8 + 24), 0u);
    EXPECT_EQ(payload64(last(), 40 + 24), 2 * MiB); // first fit reuses b's old place
    deliver();
    EXPECT_EQ(vpci_mmio_read(c, 2, 2 * MiB, 1), 3u);
}

TEST_F(Relay, SetMemTableScrubsQueuedWindowActionsOfReplacedTranslations)
{
    // ADD queued (pending at index 0), then a SET_MEM_TABLE replaces it; the new
    // table's first region reuses index 0 and must not be armed by the ADD.
    ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0, 2 * MiB, 0x1000000, 0}), {mem(2 * MiB, 1)}),
              VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_MEM_TABLE, mem_table({{8 * MiB, 2 * MiB, 0x5000000, 0}}),
                   {mem(2 * MiB, 9)}),
              VPCI_OK);
    deliver(); // the ADD
    EXPECT_EQ(vpci_mmio_read(c, 2, 0, 1), 0xffu);
    deliver(); // the SET_MEM_TABLE
    EXPECT_EQ(vpci_mmio_read(c, 2, 0, 1), 9u);
}

TEST_F(Relay, AddAndRemMemRegPlaceRewriteAndWithdrawAtCompletion)
{
    vpci_res r = mem(2 * MiB, 5);
    ASSERT_EQ(
        send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0x100000000, 2 * MiB, 0x7f1000000000, 0x5000}), {r}),
        VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0x200000000, 1 * MiB, 0x7f2000000000, 0}),
                   {mem(1 * MiB, 6)}),
              VPCI_OK);
    EXPECT_EQ(payload64(last(), 8 + 24), 2 * MiB);
    deliver_all();
    ASSERT_EQ(
        send(VPCI_VU_REQ_REM_MEM_REG, mem_reg({0x100000000, 2 * MiB, 0x7f1000000000, 0xdead})),
        VPCI_OK);
    EXPECT_EQ(payload64(last(), 8 + 24), 0u); // mmap offset := window offset
    EXPECT_EQ(vpci_mmio_read(c, 2, 0, 1), 5u); // still armed until the completion
    EXPECT_EQ(c->win.xlat[0].state, VPCI_XLAT_REMOVING);
    deliver();
    EXPECT_EQ(vpci_mmio_read(c, 2, 0, 1), 0xffu);
    EXPECT_EQ(releases(r.cookie), 1u);
    EXPECT_EQ(vpci_mmio_read(c, 2, 2 * MiB, 1), 6u);
}

TEST_F(Relay, RemMemRegFdIsClosedUnusedAndAddBeforeRemBothQueuedWorks)
{
    vpci_res r = mem(2 * MiB, 5), extra = mem(2 * MiB);
    ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0, 2 * MiB, 0x1000, 0}), {r}), VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_REM_MEM_REG, mem_reg({0, 2 * MiB, 0x1000, 0}), {extra}), VPCI_OK);
    EXPECT_EQ(releases(extra.cookie), 1u);
    // A second REM of the same region finds no live region: refused.
    deliver(); // ADD: armed, removal queued -> still accessible
    EXPECT_EQ(vpci_mmio_read(c, 2, 0, 1), 5u);
    deliver(); // REM
    EXPECT_EQ(vpci_mmio_read(c, 2, 0, 1), 0xffu);
    EXPECT_EQ(releases(r.cookie), 1u);
}

TEST_F(Relay, AddMemRegMayOverlapARegionWhoseRemovalIsQueued)
{
    ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0, 2 * MiB, 0x1000, 0}), {mem(2 * MiB)}),
              VPCI_OK);
    deliver();
    ASSERT_EQ(send(VPCI_VU_REQ_REM_MEM_REG, mem_reg({0, 2 * MiB, 0x1000, 0})), VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0, 4 * MiB, 0x1000, 0}), {mem(4 * MiB, 4)}),
              VPCI_OK);
    EXPECT_EQ(payload64(last(), 8 + 24), 2 * MiB); // old one still occupies offset 0
    deliver_all();
    EXPECT_EQ(vpci_mmio_read(c, 2, 2 * MiB, 1), 4u);
}

TEST_F(Relay, SetLogBaseRewritesOffsetAndReplacesTheOldLogAtCompletion)
{
    negotiate(VPCI_PROTO_PASS_ALL);
    vpci_res l1 = mem(4096, 1), l2 = mem(8192, 2);
    std::vector<uint8_t> pl = u64(4096);
    auto off = u64(0x3000);
    pl.insert(pl.end(), off.begin(), off.end());
    ASSERT_EQ(send(VPCI_VU_REQ_SET_LOG_BASE, pl, {l1}), VPCI_OK);
    EXPECT_EQ(payload64(last(), 8), 0u);
    EXPECT_EQ(c->relay.rep_count, 1u); // the driver's u64 reply is awaited
    EXPECT_FALSE(c->win.log_armed);
    deliver();
    EXPECT_EQ(vpci_mmio_read(c, 4, 0, 1), 1u);
    memcpy(pl.data(), u64(8192).data(), 8);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_LOG_BASE, pl, {l2}), VPCI_OK);
    EXPECT_EQ(vpci_mmio_read(c, 4, 0, 1), 1u); // old log until the completion
    EXPECT_EQ(releases(l1.cookie), 0u);
    deliver();
    EXPECT_EQ(releases(l1.cookie), 1u);
    EXPECT_EQ(vpci_mmio_read(c, 4, 4096, 1), 2u);
    EXPECT_EQ(vpci_window_ext_read(c, VPCI_REG_WINDOW_LOG_SIZE_LO), 8192u);
}

TEST_F(Relay, VringFdRequestsCarryTheirResourceUntilDelivery)
{
    vpci_res k = res(VPCI_RES_KICK), call = res(VPCI_RES_NOTIFIER);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_VRING_KICK, u64(5), {k}), VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_VRING_CALL, u64(5), {call}), VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_VRING_ERR, u64(7 | VPCI_VU_VRING_NOFD)),
              VPCI_OK); // NOFD: polling
    EXPECT_EQ(slot(0)->act[0].op, VPCI_ACT_ARM_KICK);
    EXPECT_EQ(slot(0)->act[0].arg, 5u);
    EXPECT_EQ(slot(0)->act[0].res.cookie, k.cookie);
    EXPECT_EQ(slot(2)->act[0].op, VPCI_ACT_ARM_ERR);
    EXPECT_EQ(slot(2)->act[0].res.kind, VPCI_RES_NONE);
    // Gating: a kick before delivery is dropped.
    vpci_master_kick(c, 5);
    EXPECT_EQ(vpci_csr_get(c, VPCI_REG_VQ_KICK_PENDING_0), 0u);
    deliver_all();
    EXPECT_TRUE(c->vq[5].kick_armed);
    EXPECT_TRUE(c->vq[5].call_armed);
    EXPECT_FALSE(c->vq[7].err_armed);
    vpci_master_kick(c, 5);
    EXPECT_EQ(vpci_csr_get(c, VPCI_REG_VQ_KICK_PENDING_0), 1u << 5);
    // Replacing a kick fd releases the old one when the new message is delivered.
    vpci_res k2 = res(VPCI_RES_KICK);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_VRING_KICK, u64(5), {k2}), VPCI_OK);
    EXPECT_EQ(releases(k.cookie), 0u);
    deliver();
    EXPECT_EQ(releases(k.cookie), 1u);
}

TEST_F(Relay, BackendChannelIsArmedAtDeliveryAndCarriesBackendRequests)
{
    negotiate(VPCI_PROTO_PASS_ALL);
    std::vector<uint8_t> iotlb(32, 0x5);
    EXPECT_EQ(s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_IOTLB_MSG, VPCI_VU_FLAG_VERSION, iotlb),
              VPCI_CPL_STATUS_NO_PEER);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_BACKEND_REQ_FD, {}, {res(VPCI_RES_CHANNEL)}), VPCI_OK);
    EXPECT_EQ(s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_IOTLB_MSG, VPCI_VU_FLAG_VERSION, iotlb),
              VPCI_CPL_STATUS_NO_PEER); // gated
    deliver();
    EXPECT_TRUE(vpci_mmio_read(c, 0, VPCI_ADAPTER_LINK_OFFSET, 4) &
                VPCI_ADAPTER_LINK_BACKEND_CHAN_MASK);
    EXPECT_EQ(s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_IOTLB_MSG, VPCI_VU_FLAG_VERSION, iotlb),
              VPCI_CPL_STATUS_OK);
    EXPECT_EQ(f.sent[f.nsent - 1].chan, (uint32_t)VPCI_CHAN_BACKEND);
    for (uint32_t code : {0u, (uint32_t)VPCI_VU_REQ_BACKEND_VRING_HOST_NOTIFIER_MSG,
                          (uint32_t)VPCI_VU_REQ_BACKEND_VRING_CALL,
                          (uint32_t)VPCI_VU_REQ_BACKEND_VRING_ERR,
                          (uint32_t)VPCI_VU_REQ_BACKEND_SHARED_OBJECT_ADD,
                          (uint32_t)VPCI_VU_REQ_BACKEND_SHARED_OBJECT_REMOVE,
                          (uint32_t)VPCI_VU_REQ_BACKEND_SHARED_OBJECT_LOOKUP,
                          VPCI_RELAY_BACKEND_MAX + 1, 1000u}) {
        // The S2M_REFUSED error is recorded by the queue engine with the
        // completion (test_msgq: S2mRefusedErrorComesWithItsCompletion).
        EXPECT_EQ(s2m(VPCI_CHAN_BACKEND, code, VPCI_VU_FLAG_VERSION, {}), VPCI_CPL_STATUS_REFUSED)
            << code;
    }
    EXPECT_EQ(
        s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG, VPCI_VU_FLAG_VERSION, {}),
        VPCI_CPL_STATUS_OK); // CONFIG_CHANGE_MSG
    EXPECT_EQ(
        s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG, VPCI_VU_FLAG_VERSION, u64(0)),
        VPCI_CPL_STATUS_BAD_MSG);
    EXPECT_EQ(s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_IOTLB_MSG, VPCI_VU_FLAG_VERSION,
                  std::vector<uint8_t>(20)),
              VPCI_CPL_STATUS_BAD_MSG);
    EXPECT_EQ(s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_IOTLB_MSG,
                  VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, iotlb),
              VPCI_CPL_STATUS_BAD_MSG);

    // NEED_REPLY with REPLY_ACK: the master's reply comes back on M2S channel 1.
    EXPECT_EQ(s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_IOTLB_MSG,
                  VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_NEED_REPLY, iotlb),
              VPCI_CPL_STATUS_OK);
    auto rep =
        raw(VPCI_VU_REQ_BACKEND_IOTLB_MSG, VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, u64(0));
    ASSERT_EQ(send_raw(rep, {}, VPCI_CHAN_BACKEND), VPCI_OK);
    EXPECT_EQ(last()->chan, VPCI_CHAN_BACKEND);
    EXPECT_EQ(memcmp(last()->data, rep.data(), rep.size()), 0);
    // A second, unexpected reply is a master protocol error.
    expect_refused(send_raw(rep, {}, VPCI_CHAN_BACKEND), VPCI_ERROR_CODE_MASTER_REFUSED,
                   1u | (1u << 23));
    EXPECT_FALSE(vpci_mmio_read(c, 0, VPCI_ADAPTER_LINK_OFFSET, 4) &
                 VPCI_ADAPTER_LINK_BACKEND_CHAN_MASK);
}

// A backend request with NEED_REPLY while REPLY_ACK was not negotiated
// (spec §5.6 step 9): QEMU answers every NEED_REPLY on the backend channel;
// that answer matched no backend-reply entry and ended the session. The
// adapter sends the request with NEED_REPLY cleared: no reply is owed.
TEST_F(Relay, BackendRequestNeedReplyWithoutReplyAckIsSentWithoutIt)
{
    negotiate(VPCI_PROTO_PASS_ALL & ~(1ull << VPCI_PROTO_F_REPLY_ACK));
    ASSERT_EQ(send(VPCI_VU_REQ_SET_BACKEND_REQ_FD, {}, {res(VPCI_RES_CHANNEL)}), VPCI_OK);
    deliver();
    EXPECT_EQ(s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG,
                  VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_NEED_REPLY, {}),
              VPCI_CPL_STATUS_OK);
    ASSERT_GT(f.nsent, 0u);
    const fake_sent &m = f.sent[f.nsent - 1];
    EXPECT_EQ(m.chan, (uint32_t)VPCI_CHAN_BACKEND);
    uint32_t flags;
    memcpy(&flags, m.data + 4, 4);
    EXPECT_EQ(flags, (uint32_t)VPCI_VU_FLAG_VERSION);
    EXPECT_EQ(c->relay.brep_count, 0u);
    // A QEMU-like master answers what it saw with NEED_REPLY set.
    if (flags & VPCI_VU_FLAG_NEED_REPLY)
        send_raw(raw(VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG,
                     VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, u64(0)),
                 {}, VPCI_CHAN_BACKEND);
    EXPECT_TRUE(vpci_relay_connected(c)) << "the session ended";
    EXPECT_EQ(f.closes, 0u);
    EXPECT_TRUE(vpci_mmio_read(c, 0, VPCI_ADAPTER_LINK_OFFSET, 4) &
                VPCI_ADAPTER_LINK_BACKEND_CHAN_MASK);
}

// Extra flag bits of the driver's messages never reach the master (spec
// §5.6 step 9): QEMU drops the connection on a reply whose flags are not
// exactly version | REPLY.
TEST_F(Relay, DriverFlagBitsAreReplacedByTheAdaptersOwn)
{
    negotiate(VPCI_PROTO_PASS_ALL);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_BACKEND_REQ_FD, {}, {res(VPCI_RES_CHANNEL)}), VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_GET_FEATURES), VPCI_OK);
    deliver_all();
    auto sent_flags = [&] {
        uint32_t fl = 0;
        memcpy(&fl, f.sent[f.nsent - 1].data + 4, 4);
        return fl;
    };
    const uint32_t extra = VPCI_VU_FLAG_NEED_REPLY | 0x10u | 0x100u | 0x80000000u;
    EXPECT_EQ(s2m(VPCI_CHAN_MASTER, VPCI_VU_REQ_GET_FEATURES,
                  VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY | extra, u64(0x1234)),
              VPCI_CPL_STATUS_OK);
    EXPECT_EQ(f.sent[f.nsent - 1].chan, (uint32_t)VPCI_CHAN_MASTER);
    EXPECT_EQ(sent_flags(), (uint32_t)(VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY));
    uint64_t v;
    memcpy(&v, f.sent[f.nsent - 1].data + 12, 8);
    EXPECT_EQ(v, 0x1234u); // the payload as the driver wrote it
    EXPECT_EQ(s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG,
                  VPCI_VU_FLAG_VERSION | 0x10u | 0x100u, {}),
              VPCI_CPL_STATUS_OK);
    EXPECT_EQ(f.sent[f.nsent - 1].chan, (uint32_t)VPCI_CHAN_BACKEND);
    EXPECT_EQ(sent_flags(), (uint32_t)VPCI_VU_FLAG_VERSION);
    EXPECT_EQ(s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG,
                  VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_NEED_REPLY | 0x40u, {}),
              VPCI_CPL_STATUS_OK);
    EXPECT_EQ(sent_flags(), (uint32_t)(VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_NEED_REPLY));
    EXPECT_TRUE(vpci_relay_connected(c));
}

// The master closed the backend channel (spec §10.6): withdrawn at once,
// the backend-reply list goes, the session stays; a SET_BACKEND_REQ_FD still
// held whose socket closed arms nothing.
TEST_F(Relay, BackendChannelGoneIsWithdrawnAndTheSessionStays)
{
    negotiate(VPCI_PROTO_PASS_ALL);
    vpci_res ch = res(VPCI_RES_CHANNEL);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_BACKEND_REQ_FD, {}, {ch}), VPCI_OK);
    deliver();
    ASSERT_TRUE(vpci_relay_chan_armed(c));
    EXPECT_EQ(s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG,
                  VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_NEED_REPLY, {}),
              VPCI_CPL_STATUS_OK);
    EXPECT_EQ(c->relay.brep_count, 1u);
    vpci_master_backend_gone(c, ch.cookie + 12345); // not ours: nothing
    EXPECT_TRUE(vpci_relay_chan_armed(c));
    vpci_master_backend_gone(c, ch.cookie);
    EXPECT_EQ(releases(ch.cookie), 1u);
    EXPECT_FALSE(vpci_relay_chan_armed(c));
    EXPECT_FALSE(vpci_mmio_read(c, 0, VPCI_ADAPTER_LINK_OFFSET, 4) &
                 VPCI_ADAPTER_LINK_BACKEND_CHAN_MASK);
    EXPECT_EQ(c->relay.brep_count, 0u);
    EXPECT_EQ(s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG, VPCI_VU_FLAG_VERSION,
                  {}),
              VPCI_CPL_STATUS_NO_PEER);
    EXPECT_TRUE(vpci_relay_connected(c));
    EXPECT_EQ(f.closes, 0u);
    // A new channel, gone before its message was delivered: arms nothing.
    vpci_res ch2 = res(VPCI_RES_CHANNEL);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_BACKEND_REQ_FD, {}, {ch2}), VPCI_OK);
    vpci_master_backend_gone(c, ch2.cookie);
    EXPECT_EQ(releases(ch2.cookie), 1u);
    deliver();
    EXPECT_FALSE(vpci_relay_chan_armed(c));
    EXPECT_EQ(releases(ch2.cookie), 1u); // once
    // A third one works.
    ASSERT_EQ(send(VPCI_VU_REQ_SET_BACKEND_REQ_FD, {}, {res(VPCI_RES_CHANNEL)}), VPCI_OK);
    deliver();
    EXPECT_TRUE(vpci_relay_chan_armed(c));
}

TEST_F(Relay, LogFdArmsTheLogDoorbellNotifierAtDelivery)
{
    vpci_res n = res(VPCI_RES_NOTIFIER);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_LOG_FD, {}, {n}), VPCI_OK);
    EXPECT_EQ(vpci_relay_logfd(c), nullptr);
    deliver();
    ASSERT_NE(vpci_relay_logfd(c), nullptr);
    EXPECT_EQ(vpci_relay_logfd(c)->cookie, n.cookie);
}

// ---------------------------------------------------------------------------
// Replies (spec §5.6, §5.10)
// ---------------------------------------------------------------------------

TEST_F(Relay, ReplyMustAnswerTheOldestWaitingRequest)
{
    ASSERT_EQ(send(VPCI_VU_REQ_GET_FEATURES), VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_GET_PROTOCOL_FEATURES), VPCI_OK);
    EXPECT_EQ(reply(VPCI_VU_REQ_GET_PROTOCOL_FEATURES, u64(1)), VPCI_CPL_STATUS_BAD_MSG);
    EXPECT_EQ(reply(VPCI_VU_REQ_GET_FEATURES, {1, 2, 3, 4}), VPCI_CPL_STATUS_BAD_MSG); // wrong size
    EXPECT_EQ(s2m(VPCI_CHAN_MASTER, VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, u64(7)),
              VPCI_CPL_STATUS_BAD_MSG);
    EXPECT_EQ(s2m(VPCI_CHAN_MASTER, VPCI_VU_REQ_GET_FEATURES, 2 | VPCI_VU_FLAG_REPLY, u64(7)),
              VPCI_CPL_STATUS_BAD_MSG);
    unsigned sent = f.nsent;
    EXPECT_EQ(reply(VPCI_VU_REQ_GET_FEATURES, u64(0x140000000ull)), VPCI_CPL_STATUS_OK);
    ASSERT_EQ(f.nsent, sent + 1);
    EXPECT_EQ(memcmp(f.sent[sent].data,
                     raw(VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY,
                         u64(0x140000000ull))
                         .data(),
                     20),
              0);
    EXPECT_EQ(reply(VPCI_VU_REQ_GET_PROTOCOL_FEATURES, u64(~0ull)), VPCI_CPL_STATUS_OK);
    EXPECT_EQ(reply(VPCI_VU_REQ_GET_PROTOCOL_FEATURES, u64(~0ull)),
              VPCI_CPL_STATUS_BAD_MSG); // none waits
    EXPECT_EQ(c->relay.rep_count, 0u);
}

TEST_F(Relay, ProtocolFeaturesReplyIsAndedWithThePassMask)
{
    ASSERT_EQ(send(VPCI_VU_REQ_GET_PROTOCOL_FEATURES), VPCI_OK);
    ASSERT_EQ(reply(VPCI_VU_REQ_GET_PROTOCOL_FEATURES, u64(~0ull)), VPCI_CPL_STATUS_OK);
    uint64_t v;
    memcpy(&v, f.sent[f.nsent - 1].data + 12, 8);
    EXPECT_EQ(v, 0x1a2ffull);
    // Without LOG_WIN and BACKEND_CHAN, LOG_SHMFD and BACKEND_REQ are masked too.
    accept((1ull << VPCI_ADAPTER_FEATURE_VERSION_1));
    ASSERT_EQ(send(VPCI_VU_REQ_GET_PROTOCOL_FEATURES), VPCI_OK);
    ASSERT_EQ(reply(VPCI_VU_REQ_GET_PROTOCOL_FEATURES, u64(~0ull)), VPCI_CPL_STATUS_OK);
    memcpy(&v, f.sent[f.nsent - 1].data + 12, 8);
    EXPECT_EQ(v, 0x1a2ffull &
                     ~((1ull << VPCI_PROTO_F_LOG_SHMFD) | (1ull << VPCI_PROTO_F_BACKEND_REQ)));
}

TEST_F(Relay, QueueNumReplyIsClampedToNumVqs)
{
    ASSERT_EQ(send(VPCI_VU_REQ_GET_QUEUE_NUM), VPCI_OK);
    ASSERT_EQ(reply(VPCI_VU_REQ_GET_QUEUE_NUM, u64(1000)), VPCI_CPL_STATUS_OK);
    uint64_t v;
    memcpy(&v, f.sent[f.nsent - 1].data + 12, 8);
    EXPECT_EQ(v, (uint64_t)c->p.num_vqs);
    ASSERT_EQ(send(VPCI_VU_REQ_GET_QUEUE_NUM), VPCI_OK);
    ASSERT_EQ(reply(VPCI_VU_REQ_GET_QUEUE_NUM, u64(2)), VPCI_CPL_STATUS_OK);
    memcpy(&v, f.sent[f.nsent - 1].data + 12, 8);
    EXPECT_EQ(v, 2u);
}

TEST_F(Relay, NeedReplyIsAnsweredOnlyOnceReplyAckIsNegotiated)
{
    ASSERT_EQ(send(VPCI_VU_REQ_SET_FEATURES, u64(0), {}, VPCI_VU_FLAG_NEED_REPLY), VPCI_OK);
    EXPECT_EQ(c->relay.rep_count, 0u);
    EXPECT_EQ(reply(VPCI_VU_REQ_SET_FEATURES, u64(0)), VPCI_CPL_STATUS_BAD_MSG);
    negotiate(1ull << VPCI_PROTO_F_REPLY_ACK);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_FEATURES, u64(0), {}, VPCI_VU_FLAG_NEED_REPLY), VPCI_OK);
    EXPECT_EQ(c->relay.rep_count, 1u);
    EXPECT_EQ(reply(VPCI_VU_REQ_SET_FEATURES, u64(0)), VPCI_CPL_STATUS_OK);
}

TEST_F(Relay, GetConfigReplyMustEqualTheRequestedSize)
{
    // spec §5.6 step 8: 12 + the config size asked, exactly, or 0 bytes (error).
    std::vector<uint8_t> req = {0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0};
    req.resize(20, 0);
    ASSERT_EQ(send(VPCI_VU_REQ_GET_CONFIG, req), VPCI_OK);
    std::vector<uint8_t> big = {0, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0};
    big.resize(28, 0);
    EXPECT_EQ(reply(VPCI_VU_REQ_GET_CONFIG, big), VPCI_CPL_STATUS_BAD_MSG);
    std::vector<uint8_t> small = {0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0};
    small.resize(16, 0);
    EXPECT_EQ(reply(VPCI_VU_REQ_GET_CONFIG, small), VPCI_CPL_STATUS_BAD_MSG);
    EXPECT_EQ(reply(VPCI_VU_REQ_GET_CONFIG, std::vector<uint8_t>(12, 0)), VPCI_CPL_STATUS_BAD_MSG);
    EXPECT_EQ(reply(VPCI_VU_REQ_GET_CONFIG, req), VPCI_CPL_STATUS_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_GET_CONFIG, req), VPCI_OK);
    EXPECT_EQ(reply(VPCI_VU_REQ_GET_CONFIG, {}), VPCI_CPL_STATUS_OK); // the backend's error reply
}

TEST_F(Relay, AdapterAnswerWaitsForEarlierDriverReplies)
{
    unsigned sent = f.nsent;
    ASSERT_EQ(send(VPCI_VU_REQ_GET_MAX_MEM_SLOTS), VPCI_OK);
    EXPECT_EQ(f.nsent, sent + 1); // nothing earlier waits: at once
    ASSERT_EQ(send(VPCI_VU_REQ_GET_FEATURES), VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_GET_MAX_MEM_SLOTS, u64(0)), VPCI_OK); // unused u64 is accepted
    EXPECT_EQ(f.nsent, sent + 1);
    EXPECT_EQ(fifo_count(), 1u); // ADAPTER requests never enter the FIFO
    EXPECT_EQ(reply(VPCI_VU_REQ_GET_MAX_MEM_SLOTS, u64(32)), VPCI_CPL_STATUS_BAD_MSG);
    ASSERT_EQ(reply(VPCI_VU_REQ_GET_FEATURES, u64(1)), VPCI_CPL_STATUS_OK);
    ASSERT_EQ(f.nsent, sent + 3);
    EXPECT_EQ(f.sent[sent + 1].data[0], VPCI_VU_REQ_GET_FEATURES);
    EXPECT_EQ(memcmp(f.sent[sent + 2].data,
                     raw(VPCI_VU_REQ_GET_MAX_MEM_SLOTS, VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY,
                         u64(32))
                         .data(),
                     20),
              0);
    vpci_stats st;
    vpci_core_stats(c, &st);
    EXPECT_EQ(st.adapter_replies, 2u);
}

TEST_F(Relay, S2mOfAnEndedSessionIsStaleOrNoPeer)
{
    ASSERT_EQ(send(VPCI_VU_REQ_GET_FEATURES), VPCI_OK);
    uint8_t old = vpci_relay_session(c);
    vpci_master_disconnect(c);
    EXPECT_EQ(s2m(VPCI_CHAN_MASTER, VPCI_VU_REQ_GET_FEATURES,
                  VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, u64(0), old),
              VPCI_CPL_STATUS_NO_PEER);
    ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
    EXPECT_EQ(vpci_relay_session(c), (uint8_t)(old + 1));
    EXPECT_EQ(s2m(VPCI_CHAN_MASTER, VPCI_VU_REQ_GET_FEATURES,
                  VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, u64(0), old),
              VPCI_CPL_STATUS_STALE);
    EXPECT_EQ(reply(VPCI_VU_REQ_GET_FEATURES, u64(0)),
              VPCI_CPL_STATUS_BAD_MSG); // old request is gone
    EXPECT_EQ(vpci_relay_s2m(c, 0, vpci_relay_session(c), nullptr, 0), VPCI_CPL_STATUS_BAD_MSG);
    uint8_t m[12] = {};
    EXPECT_EQ(vpci_relay_s2m(c, 0, vpci_relay_session(c), m, 11), VPCI_CPL_STATUS_BAD_MSG);
    EXPECT_EQ(vpci_relay_s2m(c, 2, vpci_relay_session(c), m, 12), VPCI_CPL_STATUS_BAD_MSG);
}

// ---------------------------------------------------------------------------
// Session end, back-pressure, API misuse
// ---------------------------------------------------------------------------

TEST_F(Relay, DisconnectDiscardsHeldMessagesAndWithdrawsEveryResourceOnce)
{
    negotiate(VPCI_PROTO_PASS_ALL);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_MEM_TABLE, mem_table({{0, 2 * MiB, 0x1000, 0}}), {mem(2 * MiB)}),
              VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_VRING_KICK, u64(1), {res(VPCI_RES_KICK)}), VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_VRING_CALL, u64(1), {res(VPCI_RES_NOTIFIER)}), VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_LOG_FD, {}, {res(VPCI_RES_NOTIFIER)}), VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_BACKEND_REQ_FD, {}, {res(VPCI_RES_CHANNEL)}), VPCI_OK);
    deliver_all();
    ASSERT_EQ(
        send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({8 * MiB, 2 * MiB, 0x9000000, 0}), {mem(2 * MiB)}),
        VPCI_OK);
    std::vector<uint8_t> lg = u64(4096);
    lg.resize(16, 0);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_LOG_BASE, lg, {mem(4096)}), VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_VRING_ERR, u64(2), {res(VPCI_RES_NOTIFIER)}), VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_GET_FEATURES), VPCI_OK);
    uint16_t gen = c->win.gen;
    vpci_master_disconnect(c);
    EXPECT_EQ(fifo_count(), 0u);
    EXPECT_EQ(c->relay.rep_count, 0u);
    EXPECT_FALSE(vpci_relay_chan_armed(c));
    EXPECT_EQ(vpci_relay_logfd(c), nullptr);
    EXPECT_FALSE(c->vq[1].kick_armed);
    EXPECT_NE(c->win.gen, gen);
    unsigned total = 0;
    for (auto &[cookie, n] : owned)
        total += n;
    EXPECT_EQ(f.releases, total); // all of them, now
    EXPECT_EQ(send(VPCI_VU_REQ_GET_FEATURES), VPCI_ENOTCONN);
}

TEST_F(Relay, FullFifoPushesBackWithoutTakingOwnership)
{
    for (unsigned i = 0; i < VPCI_FIFO_DEPTH; i++) {
        ASSERT_EQ(send(VPCI_VU_REQ_SET_OWNER), VPCI_OK) << i;
    }
    vpci_res k = res(VPCI_RES_KICK);
    EXPECT_EQ(send(VPCI_VU_REQ_SET_VRING_KICK, u64(1), {k}), VPCI_EAGAIN);
    EXPECT_EQ(releases(k.cookie), 0u);
    EXPECT_EQ(fifo_count(), VPCI_FIFO_DEPTH);
    EXPECT_TRUE(vpci_relay_connected(c));
    deliver();
    EXPECT_EQ(send(VPCI_VU_REQ_SET_VRING_KICK, u64(1), {k}), VPCI_OK); // offered again
}

TEST_F(Relay, FullReplyWaitListPushesBack)
{
    for (unsigned i = 0; i < VPCI_MAX_PENDING_REPLIES; i++) {
        ASSERT_EQ(send(VPCI_VU_REQ_GET_FEATURES), VPCI_OK);
        deliver();
    }
    EXPECT_EQ(send(VPCI_VU_REQ_GET_STATUS), VPCI_EAGAIN);
    EXPECT_EQ(send(VPCI_VU_REQ_GET_MAX_MEM_SLOTS), VPCI_EAGAIN);
    EXPECT_EQ(send(VPCI_VU_REQ_SET_OWNER), VPCI_OK); // no reply: not limited
    EXPECT_EQ(reply(VPCI_VU_REQ_GET_FEATURES, u64(0)), VPCI_CPL_STATUS_OK);
    EXPECT_EQ(send(VPCI_VU_REQ_GET_MAX_MEM_SLOTS), VPCI_OK);
}

TEST_F(Relay, BadPlatformArgumentsAreRejectedWithoutEffect)
{
    vpci_res k = res(VPCI_RES_KICK);
    auto m = raw(VPCI_VU_REQ_SET_VRING_KICK, VPCI_VU_FLAG_VERSION, u64(1));
    EXPECT_EQ(vpci_master_msg(c, VPCI_CHAN_MASTER, nullptr, 12, nullptr, 0), VPCI_EINVAL);
    EXPECT_EQ(vpci_master_msg(c, VPCI_CHAN_MASTER, m.data(), m.size(), nullptr, 1), VPCI_EINVAL);
    EXPECT_EQ(vpci_master_msg(c, (vpci_channel)7, m.data(), m.size(), &k, 1), VPCI_EINVAL);
    EXPECT_TRUE(vpci_relay_connected(c));
    EXPECT_EQ(fifo_count(), 0u);
    EXPECT_EQ(f.releases, 0u);
}

TEST_F(Relay, ResetKeepsTheSessionCounterMonotonic)
{
    uint8_t s = vpci_relay_session(c);
    vpci_mmio_write(c, 0, VPCI_ADAPTER_CONTROL_OFFSET, 4, VPCI_ADAPTER_CONTROL_RESET_MASK);
    EXPECT_EQ(vpci_relay_session(c), s);
    vpci_master_disconnect(c);
    ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
    EXPECT_EQ(vpci_relay_session(c), (uint8_t)(s + 1));
}

TEST_F(Relay, ZeroByteRequestsAcceptAnUnusedU64RelayedUnchanged)
{
    auto pl = u64(0x1122334455667788ull);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_OWNER, pl), VPCI_OK);
    EXPECT_EQ(payload64(last(), 0), 0x1122334455667788ull);
    EXPECT_EQ(send(VPCI_VU_REQ_SET_OWNER, {1, 2, 3, 4}), VPCI_EREFUSED);
}

// ---------------------------------------------------------------------------
// Adversarial master input: each ends refused, session closed, all released
// ---------------------------------------------------------------------------

TEST_F(Relay, TruncatedMessageIsRefused)
{
    uint8_t m[8] = {1, 0, 0, 0, 1, 0, 0, 0};
    vpci_res k = res(VPCI_RES_KICK);
    int rc = vpci_master_msg(c, VPCI_CHAN_MASTER, m, sizeof(m), &k, 1);
    owned[k.cookie]++;
    expect_refused(rc, VPCI_ERROR_CODE_MASTER_REFUSED, 1);
}

TEST_F(Relay, MessageShorterThanItsHeaderSizeIsRefused)
{
    auto m = raw(VPCI_VU_REQ_SET_FEATURES, VPCI_VU_FLAG_VERSION, u64(0));
    m.pop_back();
    expect_refused(send_raw(m), VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_FEATURES);
}

TEST_F(Relay, MessageLongerThanItsHeaderSizeIsRefused)
{
    auto m = raw(VPCI_VU_REQ_SET_FEATURES, VPCI_VU_FLAG_VERSION, u64(0));
    m.push_back(0);
    expect_refused(send_raw(m), VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_FEATURES);
}

TEST_F(Relay, OversizedMessageIsRefused)
{
    std::vector<uint8_t> pl(4085, 0);
    expect_refused(send(VPCI_VU_REQ_CREATE_CRYPTO_SESSION, pl), VPCI_ERROR_CODE_MASTER_REFUSED,
                   VPCI_VU_REQ_CREATE_CRYPTO_SESSION);
}

TEST_F(Relay, HeaderSizeBeyondMaxIsRefusedEvenIfTheBufferIsShort)
{
    auto m = raw(VPCI_VU_REQ_SET_FEATURES, VPCI_VU_FLAG_VERSION, u64(0));
    uint32_t huge = 0xfffffff0u;
    memcpy(m.data() + 8, &huge, 4);
    expect_refused(send_raw(m), VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_FEATURES);
}

TEST_F(Relay, MaximalCryptoSessionMessageIsRelayed)
{
    std::vector<uint8_t> pl(4084, 0x5c);
    ASSERT_EQ(send(VPCI_VU_REQ_CREATE_CRYPTO_SESSION, pl), VPCI_OK);
    EXPECT_EQ(last()->len, 4096u);
}

TEST_F(Relay, BadVersionOrReplyFlagIsRefused)
{
    unsigned n = 0;
    for (uint32_t flags :
         {0u, 2u, 3u, VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, 0x8u, 0xffffffffu}) {
        SCOPED_TRACE(flags);
        if (n) {
            ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
        }
        expect_refused(send_raw(raw(VPCI_VU_REQ_GET_FEATURES, flags, {})),
                       VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_GET_FEATURES, ++n);
    }
}

TEST_F(Relay, OtherFlagBitsAreRelayedUnchanged)
{
    ASSERT_EQ(send_raw(raw(VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION | 0x100, {})), VPCI_OK);
    EXPECT_EQ(last()->data[5], 0x1);
}

TEST_F(Relay, UnknownRequestCodeIsRefused)
{
    unsigned n = 0;
    for (uint32_t code : {0u, 44u, 45u, 100u, 0x7fffffffu, 0xffffffffu}) {
        SCOPED_TRACE(code);
        if (n) {
            ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
        }
        expect_refused(send(code), VPCI_ERROR_CODE_MASTER_REFUSED, code & 0xffffff, ++n);
    }
}

TEST_F(Relay, RefuseClassRequestIsRefusedWithItsFdsReleased)
{
    vpci_res r = mem(4096);
    expect_refused(send(VPCI_VU_REQ_POSTCOPY_ADVISE, {}, {r}), VPCI_ERROR_CODE_MASTER_REFUSED,
                   VPCI_VU_REQ_POSTCOPY_ADVISE);
    EXPECT_EQ(releases(r.cookie), 1u);
    vpci_event ev = refusal();
    EXPECT_EQ(ev.request, (uint32_t)VPCI_VU_REQ_POSTCOPY_ADVISE);
    EXPECT_EQ(ev.chan, VPCI_CHAN_MASTER);
    EXPECT_EQ(ev.reason, (uint32_t)VPCI_REFUSE_NOT_RELAYED);
}

TEST_F(Relay, RefusalReleasesResourcesOfQueuedMessagesExactlyOnce)
{
    ASSERT_EQ(send(VPCI_VU_REQ_SET_MEM_TABLE, mem_table({{0, 2 * MiB, 0x1000, 0}}), {mem(2 * MiB)}),
              VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_VRING_KICK, u64(1), {res(VPCI_RES_KICK)}), VPCI_OK);
    deliver();
    ASSERT_EQ(send(VPCI_VU_REQ_SET_VRING_CALL, u64(1), {res(VPCI_RES_NOTIFIER)}), VPCI_OK);
    expect_refused(send(VPCI_VU_REQ_VRING_KICK, u64(1)), VPCI_ERROR_CODE_MASTER_REFUSED,
                   VPCI_VU_REQ_VRING_KICK);
    unsigned total = 0;
    for (auto &[cookie, n] : owned)
        total += n;
    EXPECT_EQ(f.releases, total);
    EXPECT_EQ(vpci_mmio_read(c, 2, 0, 1), 0xffu);
    EXPECT_EQ(send(VPCI_VU_REQ_GET_FEATURES), VPCI_ENOTCONN);
}

TEST_F(Relay, TooManyFdsAreRefused)
{
    std::vector<vpci_res> rs;
    for (int i = 0; i < 9; i++)
        rs.push_back(res(VPCI_RES_NOTIFIER));
    expect_refused(send(VPCI_VU_REQ_GET_FEATURES, {}, rs), VPCI_ERROR_CODE_MASTER_REFUSED,
                   VPCI_VU_REQ_GET_FEATURES);
}

TEST_F(Relay, RelayRequestWithAnFdIsRefused)
{
    expect_refused(send(VPCI_VU_REQ_SET_FEATURES, u64(0), {res(VPCI_RES_NOTIFIER)}),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_FEATURES);
}

TEST_F(Relay, MemTableWithNineRegionsIsRefused)
{
    std::vector<Region> rs;
    std::vector<vpci_res> fds;
    for (uint64_t i = 0; i < 9; i++) {
        rs.push_back({i * 0x100000, 4096, 0x1000000 + i * 0x100000, 0});
        fds.push_back(mem(4096));
    }
    expect_refused(send(VPCI_VU_REQ_SET_MEM_TABLE, mem_table(rs), fds),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_MEM_TABLE);
}

TEST_F(Relay, MemTableWithZeroRegionsIsRefused)
{
    expect_refused(send(VPCI_VU_REQ_SET_MEM_TABLE, mem_table({})), VPCI_ERROR_CODE_MASTER_REFUSED,
                   VPCI_VU_REQ_SET_MEM_TABLE);
}

TEST_F(Relay, MemTableRegionCountMismatchingThePayloadIsRefused)
{
    expect_refused(
        send(VPCI_VU_REQ_SET_MEM_TABLE, mem_table({{0, 4096, 0x1000, 0}}, 2), {mem(4096)}),
        VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_MEM_TABLE);
}

TEST_F(Relay, MemTableWithFewerFdsThanRegionsIsRefused)
{
    expect_refused(send(VPCI_VU_REQ_SET_MEM_TABLE,
                        mem_table({{0, 4096, 0x1000, 0}, {0x100000, 4096, 0x200000, 0}}),
                        {mem(4096)}),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_MEM_TABLE);
}

TEST_F(Relay, MemTableWithAWrongResourceKindIsRefused)
{
    expect_refused(send(VPCI_VU_REQ_SET_MEM_TABLE, mem_table({{0, 4096, 0x1000, 0}}),
                        {res(VPCI_RES_NOTIFIER)}),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_MEM_TABLE);
}

TEST_F(Relay, ZeroSizeRegionIsRefused)
{
    expect_refused(send(VPCI_VU_REQ_SET_MEM_TABLE, mem_table({{0, 0, 0x1000, 0}}), {mem(4096)}),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_MEM_TABLE);
}

TEST_F(Relay, RegionsOverlappingInGuestAddressesAreRefused)
{
    expect_refused(send(VPCI_VU_REQ_SET_MEM_TABLE,
                        mem_table({{0, 2 * MiB, 0x10000000, 0}, {1 * MiB, 2 * MiB, 0x20000000, 0}}),
                        {mem(2 * MiB), mem(2 * MiB)}),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_MEM_TABLE);
    vpci_event ev = refusal();
    EXPECT_EQ(ev.request, (uint32_t)VPCI_VU_REQ_SET_MEM_TABLE);
    EXPECT_EQ(ev.reason, (uint32_t)VPCI_REFUSE_OVERLAP_GUEST);
    EXPECT_EQ(ev.value, 1u); // the second region overlaps the first
}

TEST_F(Relay, RegionsOverlappingInUserAddressesAreRefused)
{
    expect_refused(send(VPCI_VU_REQ_SET_MEM_TABLE,
                        mem_table({{0, 2 * MiB, 0x10000000, 0}, {4 * MiB, 2 * MiB, 0x10100000, 0}}),
                        {mem(2 * MiB), mem(2 * MiB)}),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_MEM_TABLE);
}

TEST_F(Relay, WrappingRegionIsRefused)
{
    expect_refused(
        send(VPCI_VU_REQ_SET_MEM_TABLE, mem_table({{~0ull - 4095, 8192, 0x1000, 0}}), {mem(8192)}),
        VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_MEM_TABLE);
}

TEST_F(Relay, RegionBeyondItsFdMappingIsRefused)
{
    expect_refused(
        send(VPCI_VU_REQ_SET_MEM_TABLE, mem_table({{0, 2 * MiB, 0x1000, 0}}), {mem(1 * MiB)}),
        VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_MEM_TABLE);
    vpci_event ev = refusal();
    EXPECT_EQ(ev.reason, (uint32_t)VPCI_REFUSE_REGION_BEYOND_FD);
    EXPECT_EQ(ev.value, 0u); // region 0
}

TEST_F(Relay, RegionWithoutMappingIsRefused)
{
    vpci_res r = mem(4096);
    r.host = nullptr;
    expect_refused(send(VPCI_VU_REQ_SET_MEM_TABLE, mem_table({{0, 4096, 0x1000, 0}}), {r}),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_MEM_TABLE);
}

TEST_F(Relay, MasterLargerThanTheWindowIsRefusedWithAClearReason)
{
    // 16 MiB window; the master has 8 + 8 + 2 MiB (the fd size is what is claimed).
    vpci_res a = mem(4096), b = mem(4096), d = mem(4096);
    a.size = b.size = 8 * MiB;
    d.size = 2 * MiB;
    expect_refused(send(VPCI_VU_REQ_SET_MEM_TABLE,
                        mem_table({{0, 8 * MiB, 0x10000000, 0},
                                   {8 * MiB, 8 * MiB, 0x20000000, 0},
                                   {16 * MiB, 2 * MiB, 0x30000000, 0}}),
                        {a, b, d}),
                   VPCI_ERROR_CODE_WIN_FULL, 18);
    vpci_event ev = refusal();
    EXPECT_EQ(ev.request, (uint32_t)VPCI_VU_REQ_SET_MEM_TABLE);
    EXPECT_EQ(ev.reason, (uint32_t)VPCI_REFUSE_WIN_FULL);
    EXPECT_EQ(ev.value, 18u); // MiB
    EXPECT_EQ(ev.err_code, VPCI_ERROR_CODE_WIN_FULL);
    EXPECT_EQ(ev.detail, 18u);
    EXPECT_EQ(ev.session, 1u);
    // The line of spec §8.5, which the platform logs and closes the master with.
    EXPECT_STREQ(fake_mev_last(&f, VPCI_EV_MASTER_REFUSED)->text,
                 "vhost-pci: master memory 18 MiB does not fit the 16 MiB window "
                 "(MEM_WIN_LOG2=24) (request 5 SET_MEM_TABLE); session 1 closed");
}

TEST_F(Relay, AddMemRegBeyondTheWindowIsRefusedWinFull)
{
    vpci_res a = mem(4096);
    a.size = 14 * MiB;
    ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0, 14 * MiB, 0x1000000, 0}), {a}), VPCI_OK);
    vpci_res b = mem(4096);
    b.size = 4 * MiB;
    expect_refused(
        send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0x10000000, 4 * MiB, 0x20000000, 0}), {b}),
        VPCI_ERROR_CODE_WIN_FULL, 18);
}

TEST_F(Relay, ThirtyThirdRegionIsRefused)
{
    fake_fini(&f);
    vpci_params p;
    vpci_params_default(&p);
    init(&p);
    for (uint64_t i = 0; i < VPCI_MAX_REGIONS; i++)
        ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG,
                       mem_reg({i * 0x100000, 4096, 0x1000000 + i * 0x100000, 0}), {mem(4096)}),
                  VPCI_OK);
    expect_refused(
        send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({1ull << 40, 4096, 1ull << 41, 0}), {mem(4096)}),
        VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_ADD_MEM_REG);
}

TEST_F(Relay, AddMemRegOverlappingALiveRegionIsRefused)
{
    ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0, 2 * MiB, 0x1000000, 0}), {mem(2 * MiB)}),
              VPCI_OK);
    expect_refused(
        send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({1 * MiB, 2 * MiB, 0x9000000, 0}), {mem(2 * MiB)}),
        VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_ADD_MEM_REG);
}

TEST_F(Relay, RemMemRegWithoutMatchIsRefused)
{
    ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0, 2 * MiB, 0x1000000, 0}), {mem(2 * MiB)}),
              VPCI_OK);
    expect_refused(send(VPCI_VU_REQ_REM_MEM_REG, mem_reg({0, 1 * MiB, 0x1000000, 0})),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_REM_MEM_REG);
}

TEST_F(Relay, SecondRemOfTheSameRegionIsRefused)
{
    ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0, 2 * MiB, 0x1000000, 0}), {mem(2 * MiB)}),
              VPCI_OK);
    ASSERT_EQ(send(VPCI_VU_REQ_REM_MEM_REG, mem_reg({0, 2 * MiB, 0x1000000, 0})), VPCI_OK);
    expect_refused(send(VPCI_VU_REQ_REM_MEM_REG, mem_reg({0, 2 * MiB, 0x1000000, 0})),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_REM_MEM_REG);
}

struct VqCase {
    uint32_t req;
    std::vector<uint8_t> pl;
    bool with_fd;
};

TEST_F(Relay, BadVqIndexReservedBitsOrFdsAreRefused)
{
    const VqCase cases[] = {
        VqCase{VPCI_VU_REQ_SET_VRING_NUM, vring_state(64, 256), false},
        VqCase{VPCI_VU_REQ_SET_VRING_NUM, vring_state(0xffffffff, 256), false},
        VqCase{VPCI_VU_REQ_GET_VRING_BASE, vring_state(300, 0), false},
        VqCase{VPCI_VU_REQ_SET_VRING_ADDR,
               std::vector<uint8_t>{64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                    0,  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
               false},
        VqCase{VPCI_VU_REQ_SET_VRING_KICK, u64(64), true},
        VqCase{VPCI_VU_REQ_SET_VRING_KICK, u64(1 | (1ull << 9)), true},        // reserved bit
        VqCase{VPCI_VU_REQ_SET_VRING_CALL, u64(1ull << 63), true},             // reserved bit
        VqCase{VPCI_VU_REQ_SET_VRING_CALL, u64(1 | VPCI_VU_VRING_NOFD), true}, // NOFD with fd
        VqCase{VPCI_VU_REQ_SET_VRING_ERR, u64(1), false},                      // fd missing
        VqCase{VPCI_VU_REQ_SET_VRING_KICK, std::vector<uint8_t>{1, 0, 0, 0}, true}};
    unsigned n = 0;
    for (const VqCase &k : cases) {
        SCOPED_TRACE(n);
        if (n) {
            ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
        }
        std::vector<vpci_res> rs;
        if (k.with_fd)
            rs.push_back(
                res(k.req == VPCI_VU_REQ_SET_VRING_KICK ? VPCI_RES_KICK : VPCI_RES_NOTIFIER));
        expect_refused(send(k.req, k.pl, rs), VPCI_ERROR_CODE_MASTER_REFUSED, k.req, ++n);
    }
}

TEST_F(Relay, VringFdOfTheWrongKindIsRefused)
{
    expect_refused(send(VPCI_VU_REQ_SET_VRING_KICK, u64(1), {res(VPCI_RES_NOTIFIER)}),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_VRING_KICK);
}

TEST_F(Relay, MaskedProtocolFeatureIsRefused)
{
    expect_refused(send(VPCI_VU_REQ_SET_PROTOCOL_FEATURES,
                        u64((1ull << VPCI_PROTO_F_REPLY_ACK) | (1ull << VPCI_PROTO_F_PAGEFAULT))),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_PROTOCOL_FEATURES);
    vpci_event ev = refusal();
    EXPECT_EQ(ev.reason, (uint32_t)VPCI_REFUSE_MASKED_FEATURES);
    EXPECT_EQ(ev.value, 0x100u);
}

TEST_F(Relay, UnknownProtocolFeatureBitIsRefused)
{
    expect_refused(send(VPCI_VU_REQ_SET_PROTOCOL_FEATURES, u64(1ull << 40)),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_PROTOCOL_FEATURES);
}

TEST_F(Relay, LogShmfdIsMaskedWhenTheDriverRefusedLogWin)
{
    accept((1ull << VPCI_ADAPTER_FEATURE_VERSION_1) | (1ull << VPCI_ADAPTER_FEATURE_BACKEND_CHAN));
    expect_refused(send(VPCI_VU_REQ_SET_PROTOCOL_FEATURES, u64(1ull << VPCI_PROTO_F_LOG_SHMFD)),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_PROTOCOL_FEATURES);
}

TEST_F(Relay, LogBaseWithoutLogShmfdNegotiatedIsRefused)
{
    std::vector<uint8_t> pl = u64(4096);
    pl.resize(16, 0);
    expect_refused(send(VPCI_VU_REQ_SET_LOG_BASE, pl, {mem(4096)}), VPCI_ERROR_CODE_MASTER_REFUSED,
                   VPCI_VU_REQ_SET_LOG_BASE);
}

TEST_F(Relay, LogFdWithoutLogWinIsRefused)
{
    accept(1ull << VPCI_ADAPTER_FEATURE_VERSION_1);
    expect_refused(send(VPCI_VU_REQ_SET_LOG_FD, {}, {res(VPCI_RES_NOTIFIER)}),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_LOG_FD);
}

TEST_F(Relay, LogLargerThanTheLogWindowIsRefusedWinFull)
{
    negotiate(VPCI_PROTO_PASS_ALL);
    vpci_res r = mem(4096);
    r.size = 128 * 1024;
    std::vector<uint8_t> pl = u64(128 * 1024);
    pl.resize(16, 0);
    expect_refused(send(VPCI_VU_REQ_SET_LOG_BASE, pl, {r}), VPCI_ERROR_CODE_WIN_FULL, 128);
}

TEST_F(Relay, BackendReqFdWithoutBackendReqNegotiatedIsRefused)
{
    expect_refused(send(VPCI_VU_REQ_SET_BACKEND_REQ_FD, {}, {res(VPCI_RES_CHANNEL)}),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_BACKEND_REQ_FD);
}

TEST_F(Relay, ConfigLargerThanVhostUserMaxIsRefused)
{
    std::vector<uint8_t> pl = {0, 0, 0, 0, 0x2c, 1, 0, 0, 0, 0, 0, 0}; // size 300
    pl.resize(12 + 300, 0);
    expect_refused(send(VPCI_VU_REQ_SET_CONFIG, pl), VPCI_ERROR_CODE_MASTER_REFUSED,
                   VPCI_VU_REQ_SET_CONFIG);
}

TEST_F(Relay, ConfigSizeDisagreeingWithThePayloadIsRefused)
{
    std::vector<uint8_t> pl = {0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4};
    expect_refused(send(VPCI_VU_REQ_GET_CONFIG, pl), VPCI_ERROR_CODE_MASTER_REFUSED,
                   VPCI_VU_REQ_GET_CONFIG);
}

TEST_F(Relay, IotlbMessageOfTheWrongSizeIsRefused)
{
    ASSERT_EQ(send(VPCI_VU_REQ_IOTLB_MSG, std::vector<uint8_t>(26, 0)), VPCI_OK);
    expect_refused(send(VPCI_VU_REQ_IOTLB_MSG, std::vector<uint8_t>(24, 0)),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_IOTLB_MSG);
}

TEST_F(Relay, MalformedBackendChannelReplyIsRefusedWithBit23)
{
    expect_refused(send_raw(raw(VPCI_VU_REQ_BACKEND_IOTLB_MSG,
                                VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, {1, 2, 3}),
                            {}, VPCI_CHAN_BACKEND),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_BACKEND_IOTLB_MSG | (1u << 23));
}

// ---------------------------------------------------------------------------
// End to end through the test driver and the M2S/S2M engines
// ---------------------------------------------------------------------------

class RelayE2E : public Relay {
protected:
    fake_driver d{};
    void SetUp() override
    {
        vpci_params p;
        vpci_params_default(&p);
        p.mem_win_log2 = 24;
        fake_init(&f, &p);
        c = f.core;
        ASSERT_TRUE(fake_driver_init(&d, &f, 3));
        ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
    }
    bool next(std::vector<uint8_t> &msg, uint8_t *status = nullptr, uint8_t *session = nullptr)
    {
        uint8_t buf[4096], st, ch, se;
        uint32_t len;
        if (!fake_driver_m2s_next(&d, buf, sizeof(buf), &len, &st, &ch, &se))
            return false;
        msg.assign(buf, buf + (st == 0 ? len : 0));
        if (status)
            *status = st;
        if (session)
            *session = se;
        fake_driver_repost(&d, 1);
        return true;
    }
};

TEST_F(RelayE2E, SetMemTableIsGatedUntilItsCompletionIsWritten)
{
    vpci_res r = mem(2 * MiB, 0x6b);
    f.defer_dma = true;
    ASSERT_EQ(
        send(VPCI_VU_REQ_SET_MEM_TABLE, mem_table({{0, 2 * MiB, 0x7f0000000000, 0x4000}}), {r}),
        VPCI_OK);
    EXPECT_EQ(c->win.xlat[0].state, VPCI_XLAT_PENDING); // built before the data is written
    // Complete DMA one request at a time; the window opens exactly when the
    // completion write has completed.
    bool seen_cpl_write = false;
    for (int guard = 0; guard < 32 && f.npending; guard++) {
        vpci_dma_req req = f.pending[0];
        bool is_cpl = req.dir == VPCI_DMA_WRITE && req.addr >= d.m2s.cpl &&
                      req.addr < d.m2s.cpl + 16 * 8;
        EXPECT_EQ(vpci_mmio_read(c, 2, 0, 1), 0xffu);
        fake_complete_one(&f);
        if (is_cpl) {
            seen_cpl_write = true;
            break;
        }
    }
    ASSERT_TRUE(seen_cpl_write);
    EXPECT_EQ(vpci_mmio_read(c, 2, 0, 1), 0x6bu);
    f.defer_dma = false;
    fake_complete_all(&f);
    std::vector<uint8_t> msg;
    ASSERT_TRUE(next(msg));
    ASSERT_EQ(msg.size(), 12u + 40u);
    uint64_t off;
    memcpy(&off, msg.data() + 12 + 8 + 24, 8);
    EXPECT_EQ(off, 0u); // window offset, not the master's 0x4000
}

TEST_F(RelayE2E, GetFeaturesRoundTripThroughTheQueues)
{
    ASSERT_EQ(send(VPCI_VU_REQ_GET_FEATURES), VPCI_OK);
    std::vector<uint8_t> msg;
    uint8_t st, se;
    ASSERT_TRUE(next(msg, &st, &se));
    EXPECT_EQ(st, VPCI_CPL_STATUS_OK);
    EXPECT_EQ(se, vpci_relay_session(c));
    EXPECT_EQ(msg, raw(VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION, {}));
    auto rep =
        raw(VPCI_VU_REQ_GET_FEATURES, VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, u64(1ull << 32));
    fake_driver_s2m_post(&d, rep.data(), (uint32_t)rep.size(), 0, se);
    ASSERT_TRUE(fake_driver_s2m_next(&d, &st));
    EXPECT_EQ(st, VPCI_CPL_STATUS_OK);
    ASSERT_GE(f.nsent, 1u);
    EXPECT_EQ(memcmp(f.sent[f.nsent - 1].data, rep.data(), rep.size()), 0);
    // A second reply matches nothing: BAD_MSG.
    fake_driver_s2m_post(&d, rep.data(), (uint32_t)rep.size(), 0, se);
    ASSERT_TRUE(fake_driver_s2m_next(&d, &st));
    EXPECT_EQ(st, VPCI_CPL_STATUS_BAD_MSG);
    // A reply of another session: STALE.
    fake_driver_s2m_post(&d, rep.data(), (uint32_t)rep.size(), 0, (uint8_t)(se + 7));
    ASSERT_TRUE(fake_driver_s2m_next(&d, &st));
    EXPECT_EQ(st, VPCI_CPL_STATUS_STALE);
}

TEST_F(RelayE2E, CallDoorbellIsAbsentUntilSetVringCallIsDelivered)
{
    vpci_res n = res(VPCI_RES_NOTIFIER);
    f.defer_dma = true;
    ASSERT_EQ(send(VPCI_VU_REQ_SET_VRING_CALL, u64(2), {n}), VPCI_OK);
    uint32_t db = VPCI_DOORBELL_CALL_BASE + 8 * 2;
    vpci_mmio_write(c, 0, db, 4, 1);
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 0u);
    f.defer_dma = false;
    fake_complete_all(&f);
    std::vector<uint8_t> msg;
    ASSERT_TRUE(next(msg));
    vpci_mmio_write(c, 0, db, 4, 1);
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 1u);
}

TEST_F(RelayE2E, RefusedMasterSeesNothingRelayedAndTheDriverSeesLinkDown)
{
    ASSERT_EQ(send(VPCI_VU_REQ_SET_OWNER), VPCI_OK);
    f.defer_dma = true; // hold delivery
    expect_refused(send(VPCI_VU_REQ_VRING_KICK, u64(0)), VPCI_ERROR_CODE_MASTER_REFUSED,
                   VPCI_VU_REQ_VRING_KICK);
    uint32_t link = (uint32_t)vpci_mmio_read(c, 0, VPCI_ADAPTER_LINK_OFFSET, 4);
    EXPECT_FALSE(link & VPCI_ADAPTER_LINK_MASTER_UP_MASK);
    EXPECT_EQ(vpci_mmio_read(c, 0, VPCI_ADAPTER_ERROR_INFO_OFFSET, 4),
              VPCI_ERROR_CODE_MASTER_REFUSED | (VPCI_VU_REQ_VRING_KICK << 8));
    f.defer_dma = false;
    fake_complete_all(&f);
}


// ---------------------------------------------------------------------------
// Review fixes (B1, B3, S1, L2)
// ---------------------------------------------------------------------------

TEST_F(Relay, ConnectStartsWithEmptyReplyWaitLists)
{
    // B1: nothing owed in an earlier session survives into the next one, even
    // an entry the core recorded after the session ended.
    ASSERT_EQ(send(VPCI_VU_REQ_GET_FEATURES), VPCI_OK);
    vpci_master_disconnect(c);
    c->relay.rep_count = 1; // as left by a callback racing the session end
    c->relay.brep_count = 1;
    ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
    EXPECT_EQ(c->relay.rep_count, 0u);
    EXPECT_EQ(c->relay.brep_count, 0u);
    EXPECT_EQ(reply(VPCI_VU_REQ_GET_FEATURES, u64(1)), VPCI_CPL_STATUS_BAD_MSG);
}

TEST_F(Relay, AddMemRegAtThirtyTwoRegionsWaitsForAQueuedRemoval)
{
    // B3: the 32nd slot is only taken by a region whose REM_MEM_REG is queued:
    // back-pressure (VPCI_EAGAIN, no ownership), accepted once it completed.
    fake_fini(&f);
    vpci_params p;
    vpci_params_default(&p);
    init(&p);
    for (uint64_t i = 0; i < VPCI_MAX_REGIONS; i++)
        ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG,
                       mem_reg({i * 0x100000, 4096, 0x1000000 + i * 0x100000, 0}), {mem(4096)}),
                  VPCI_OK);
    deliver_all();
    ASSERT_EQ(send(VPCI_VU_REQ_REM_MEM_REG, mem_reg({0, 4096, 0x1000000, 0})), VPCI_OK);
    auto add = mem_reg({1ull << 40, 4096, 1ull << 41, 0});
    vpci_res r = mem(4096);
    EXPECT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, add, {r}), VPCI_EAGAIN);
    EXPECT_TRUE(vpci_relay_connected(c));
    EXPECT_EQ(fifo_count(), 1u);
    deliver_all(); // the removal's completion: the slot is free
    EXPECT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, add, {r}), VPCI_OK);
}

TEST_F(Relay, AddMemRegIntoAFullWindowWaitsForAQueuedRemoval)
{
    // B3: the window (16 MiB) is full only because of a region being removed.
    ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0, 8 * MiB, 0x10000000, 0}), {mem(8 * MiB)}),
              VPCI_OK);
    ASSERT_EQ(
        send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({8 * MiB, 8 * MiB, 0x20000000, 0}), {mem(8 * MiB)}),
        VPCI_OK);
    deliver_all();
    ASSERT_EQ(send(VPCI_VU_REQ_REM_MEM_REG, mem_reg({0, 8 * MiB, 0x10000000, 0})), VPCI_OK);
    auto add = mem_reg({32 * MiB, 4 * MiB, 0x30000000, 0});
    vpci_res r = mem(4 * MiB);
    EXPECT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, add, {r}), VPCI_EAGAIN);
    EXPECT_TRUE(vpci_relay_connected(c));
    deliver_all();
    ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, add, {r}), VPCI_OK);
    EXPECT_EQ(payload64(last(), 8 + 24), 0u); // first fit reuses the freed range
    // Still too big after every queued removal: refused as before.
    ASSERT_EQ(send(VPCI_VU_REQ_REM_MEM_REG, mem_reg({32 * MiB, 4 * MiB, 0x30000000, 0})), VPCI_OK);
    expect_refused(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({64 * MiB, 16 * MiB, 0x40000000, 0}),
                        {mem(16 * MiB)}),
                   VPCI_ERROR_CODE_WIN_FULL, 24);
}

class RelayPersistent : public Relay {
protected:
    void SetUp() override
    {
        vpci_params p;
        vpci_params_default(&p);
        p.mem_win_log2 = 24;
        p.log_win_log2 = 16;
        p.win_mode = VPCI_WIN_PERSISTENT;
        init(&p);
    }
    // A region of the platform's window file.
    vpci_res wf(uint64_t size)
    {
        vpci_res r = mem(size);
        r.flags = VPCI_RES_F_WINDOW_FILE;
        return r;
    }
};

TEST_F(RelayPersistent, RegionsArePlacedAtTheirMmapOffsetInTheWindowFile)
{
    // S1, spec §8.2 identity placement: window offset = mmap offset, unaligned too.
    ASSERT_EQ(send(VPCI_VU_REQ_SET_MEM_TABLE,
                   mem_table({{0, 0xa0000, 0x7f0000000000, 0}, {0xc0000, 0x100000, 0x7f00000c0000,
                                                                  0xc0000}}),
                   {wf(0xa0000), wf(0x100000)}),
              VPCI_OK);
    EXPECT_EQ(payload64(last(), 8 + 24), 0u);
    EXPECT_EQ(payload64(last(), 8 + 32 + 24), 0xc0000u);
    ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0x1000000, 0x3000, 0x7f0001000000, 0x300000}),
                   {wf(0x3000)}),
              VPCI_OK);
    EXPECT_EQ(payload64(last(), 8 + 24), 0x300000u);
    deliver_all();
    uint32_t v = 0x11223344;
    memcpy((uint8_t *)c->win.xlat[2].res.host + 0x10, &v, 4);
    EXPECT_EQ(vpci_mmio_read(c, 2, 0x300010, 4), v);
    // A re-sent table keeps its regions at the same offsets.
    ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0x2000000, 0x1000, 0x7f0002000000, 0xfff000}),
                   {wf(0x1000)}),
              VPCI_OK); // ends exactly at the window's end
    EXPECT_EQ(payload64(last(), 8 + 24), 0xfff000u);
}

TEST_F(RelayPersistent, RegionNotFromTheWindowFileIsRefused)
{
    expect_refused(
        send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0, 0x1000, 0x7f0000000000, 0}), {mem(0x1000)}),
        VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_ADD_MEM_REG);
}

TEST_F(RelayPersistent, RegionBeyondTheWindowIsRefusedWinFull)
{
    expect_refused(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0, 0x2000, 0x7f0000000000, 0xfff000}),
                        {wf(0x2000)}),
                   VPCI_ERROR_CODE_WIN_FULL, 17);
}

TEST_F(RelayPersistent, MemTableRegionBeyondTheWindowIsRefusedWinFull)
{
    expect_refused(send(VPCI_VU_REQ_SET_MEM_TABLE,
                        mem_table({{0, 0x1000, 0x7f0000000000, 16 * MiB}}), {wf(0x1000)}),
                   VPCI_ERROR_CODE_WIN_FULL, 17);
}

TEST_F(RelayPersistent, RegionsOverlappingInTheWindowFileAreRefused)
{
    expect_refused(send(VPCI_VU_REQ_SET_MEM_TABLE,
                        mem_table({{0, 0x2000, 0x7f0000000000, 0},
                                   {0x10000, 0x1000, 0x7f0000010000, 0x1000}}),
                        {wf(0x2000), wf(0x1000)}),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_SET_MEM_TABLE);
}

TEST_F(RelayPersistent, AddMemRegOverlappingInTheWindowFileIsRefusedUnlessBeingRemoved)
{
    ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0, 0x2000, 0x7f0000000000, 0}), {wf(0x2000)}),
              VPCI_OK);
    deliver_all();
    ASSERT_EQ(send(VPCI_VU_REQ_REM_MEM_REG, mem_reg({0, 0x2000, 0x7f0000000000, 0})), VPCI_OK);
    auto add = mem_reg({0x10000, 0x1000, 0x7f0000010000, 0x1000});
    vpci_res r = wf(0x1000);
    EXPECT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, add, {r}),
              VPCI_EAGAIN); // only the removal is in the way
    deliver_all();
    ASSERT_EQ(send(VPCI_VU_REQ_ADD_MEM_REG, add, {r}), VPCI_OK);
    expect_refused(send(VPCI_VU_REQ_ADD_MEM_REG, mem_reg({0x20000, 0x1000, 0x7f0000020000, 0x1800}),
                        {wf(0x1000)}),
                   VPCI_ERROR_CODE_MASTER_REFUSED, VPCI_VU_REQ_ADD_MEM_REG);
}

TEST_F(Relay, BackendRequestWaitsWhileTheBackendReplyListIsFull)
{
    // L2: a NEED_REPLY backend request with 64 backend replies owed waits
    // (VPCI_S2M_HOLD: the S2M descriptor stays pending), whatever the master
    // channel's list holds; it goes once the master answered one.
    negotiate(VPCI_PROTO_PASS_ALL);
    ASSERT_EQ(send(VPCI_VU_REQ_SET_BACKEND_REQ_FD, {}, {res(VPCI_RES_CHANNEL)}), VPCI_OK);
    deliver_all();
    for (unsigned i = 0; i < VPCI_MAX_PENDING_REPLIES; i++)
        ASSERT_EQ(send(VPCI_VU_REQ_GET_FEATURES), VPCI_OK); // master-channel list full
    deliver_all();                              // (the driver has not replied yet)
    ASSERT_EQ(c->relay.rep_count, VPCI_MAX_PENDING_REPLIES);
    EXPECT_EQ(s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG,
                  VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_NEED_REPLY, {}),
              VPCI_CPL_STATUS_OK);
    for (unsigned i = 1; i < VPCI_MAX_PENDING_REPLIES; i++)
        ASSERT_EQ(s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG,
                      VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_NEED_REPLY, {}),
                  VPCI_CPL_STATUS_OK);
    unsigned sent = f.nsent;
    EXPECT_EQ(s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG,
                  VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_NEED_REPLY, {}),
              VPCI_S2M_HOLD);
    EXPECT_EQ(f.nsent, sent);
    EXPECT_EQ(err_cause() & VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_MASK, 0u);
    EXPECT_EQ(
        s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG, VPCI_VU_FLAG_VERSION, {}),
        VPCI_CPL_STATUS_OK); // no reply owed: goes
    ASSERT_EQ(send_raw(raw(VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG,
                           VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_REPLY, u64(0)),
                       {}, VPCI_CHAN_BACKEND),
              VPCI_OK);
    EXPECT_EQ(s2m(VPCI_CHAN_BACKEND, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG,
                  VPCI_VU_FLAG_VERSION | VPCI_VU_FLAG_NEED_REPLY, {}),
              VPCI_CPL_STATUS_OK);
}

} // namespace
