// SPDX-License-Identifier: MIT
// test_events.cpp - the model events of the core (vhost_pci_core.h
// vpci_core_set_event_sink(), spec §12.1): every event code is reported
// where it happens, with its typed arguments, and every ->log line is the
// text of exactly one event.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "core_fixture.h"

extern "C" {
#include "vpci_internal.h"
}

namespace {

class Events : public CoreTest {
protected:
    fake_driver d{};

    uint32_t link() { return fake_rd32(&f, VPCI_ADAPTER_LINK_OFFSET); }

    std::string last_text(vpci_event_code code)
    {
        const fake_mevent *m = fake_mev_last(&f, code);
        return m ? m->text : "";
    }

    void send_get_features()
    {
        uint8_t msg[12];
        uint32_t len = fake_vu_msg(msg, VPCI_VU_REQ_GET_FEATURES, 0, nullptr, 0);
        ASSERT_EQ(vpci_master_msg(f.core, VPCI_CHAN_MASTER, msg, len, nullptr, 0), VPCI_OK);
    }
    // Driver up, master connected, one message delivered: a bound session.
    void bound_session()
    {
        ASSERT_TRUE(fake_driver_init(&d, &f, 2));
        ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
        send_get_features();
        uint8_t st, ch, se;
        uint32_t len;
        ASSERT_TRUE(fake_driver_m2s_next(&d, nullptr, 0, &len, &st, &ch, &se));
    }
    // Queue registers of M2S (q = 0) or S2M (q = 1).
    static uint32_t qreg(unsigned q, uint32_t m2s_off)
    {
        return m2s_off + (q ? VPCI_S2M_RB_TYPE_OFFSET - VPCI_M2S_RB_TYPE_OFFSET : 0);
    }
};

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

TEST(EventNames, EveryCodeAndReasonHasAName)
{
    for (unsigned code = VPCI_EV_GUEST_ERROR; code <= VPCI_EV_RESET; code++)
        EXPECT_STRNE(vpci_event_name((vpci_event_code)code), "?") << code;
    EXPECT_STREQ(vpci_event_name(VPCI_EV_MASTER_REFUSED), "MASTER_REFUSED");
    EXPECT_STREQ(vpci_event_name((vpci_event_code)0), "?");
    EXPECT_STREQ(vpci_event_name((vpci_event_code)99), "?");
    for (unsigned r = VPCI_REFUSE_TRUNCATED; r <= VPCI_REFUSE_UNEXPECTED_REPLY; r++)
        EXPECT_STRNE(vpci_event_reason_name(VPCI_EV_MASTER_REFUSED, r), "?") << r;
    for (unsigned r = VPCI_SESSION_END_DISCONNECT; r <= VPCI_SESSION_END_DESTROY; r++)
        EXPECT_STRNE(vpci_event_reason_name(VPCI_EV_SESSION_ENDED, r), "?") << r;
    for (unsigned r = VPCI_RESET_ADAPTER; r <= VPCI_RESET_PCI; r++)
        EXPECT_STRNE(vpci_event_reason_name(VPCI_EV_RESET, r), "?") << r;
    EXPECT_STREQ(vpci_event_reason_name(VPCI_EV_MASTER_REFUSED, VPCI_REFUSE_VQ_RANGE), "VQ_RANGE");
    EXPECT_STREQ(vpci_event_reason_name(VPCI_EV_SESSION_ENDED, VPCI_SESSION_END_REFUSED),
                 "REFUSED");
    EXPECT_STREQ(vpci_event_reason_name(VPCI_EV_RESET, VPCI_RESET_FLR), "FLR");
    EXPECT_STREQ(vpci_event_reason_name(VPCI_EV_MASTER_REFUSED, 0), "?");
    EXPECT_STREQ(vpci_event_reason_name(VPCI_EV_RESET, 1000), "?");
    EXPECT_STREQ(vpci_event_reason_name(VPCI_EV_LINK_CHANGE, 1), "");
}

// ---------------------------------------------------------------------------
// Guest errors
// ---------------------------------------------------------------------------

TEST_F(Events, BarAccessErrorIsAGuestErrorAndNotLogged)
{
    unsigned logs = f.nlogs;
    (void)vpci_mmio_read(f.core, 0, 0x11, 4); // unaligned
    vpci_event ev = last_event(VPCI_EV_GUEST_ERROR);
    EXPECT_EQ(ev.cause, VPCI_ADAPTER_ERROR_CAUSE_REG_ACCESS_MASK);
    EXPECT_EQ(ev.err_code, VPCI_ERROR_CODE_REG_UNALIGNED);
    EXPECT_EQ(ev.detail, 0x11u | (4u << 16)); // offset, size, read (spec §11.3)
    EXPECT_EQ(ev.detail, fake_rd32(&f, VPCI_ADAPTER_ERROR_INFO_OFFSET) >> 8);
    EXPECT_EQ(f.nlogs, logs);
}

TEST_F(Events, DoorbellWithoutResourceIsAGuestError)
{
    ASSERT_TRUE(fake_driver_init(&d, &f, 2));
    fake_wr32(&f, VPCI_DOORBELL_CALL_BASE + 8 * 3 + 4, 1); // ERR of vq 3, nothing armed
    vpci_event ev = last_event(VPCI_EV_GUEST_ERROR);
    EXPECT_EQ(ev.cause, VPCI_ADAPTER_ERROR_CAUSE_DB_ABSENT_MASK);
    EXPECT_EQ(ev.err_code, VPCI_ERROR_CODE_DB_ABSENT);
    EXPECT_EQ(ev.detail, 3u | (1u << 16));
}

TEST_F(Events, RingRejectedAtEnableIsALoggedGuestError)
{
    ASSERT_TRUE(fake_driver_init(&d, &f, 2));
    fake_wr32(&f, qreg(1, VPCI_M2S_CTRL_OFFSET), 0);
    fake_wr32(&f, qreg(1, VPCI_M2S_RING_BASE_LO_OFFSET), 0); // base 0
    fake_wr32(&f, qreg(1, VPCI_M2S_RING_BASE_HI_OFFSET), 0);
    fake_wr32(&f, qreg(1, VPCI_M2S_CTRL_OFFSET), VPCI_M2S_CTRL_ENABLE_MASK);
    vpci_event ev = last_event(VPCI_EV_GUEST_ERROR);
    EXPECT_EQ(ev.cause, VPCI_ADAPTER_ERROR_CAUSE_S2M_ERR_MASK);
    EXPECT_EQ(ev.err_code, VPCI_ERROR_CODE_RING_BAD);
    EXPECT_EQ(ev.detail, 1u); // S2M
    EXPECT_EQ(last_text(VPCI_EV_GUEST_ERROR), "S2M ring rejected at enable");
    EXPECT_STREQ(f.last_log, "S2M ring rejected at enable");
}

TEST_F(Events, QueueOverflowIsALoggedGuestError)
{
    ASSERT_TRUE(fake_driver_init(&d, &f, 2));
    fake_wr32(&f, VPCI_M2S_TAIL_OFFSET, 9); // 4-entry ring, HEAD 0
    vpci_event ev = last_event(VPCI_EV_GUEST_ERROR);
    EXPECT_EQ(ev.cause, VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_MASK);
    EXPECT_EQ(ev.err_code, VPCI_ERROR_CODE_QUEUE_OVERFLOW);
    EXPECT_EQ(ev.detail, 0u);
    EXPECT_EQ(last_text(VPCI_EV_GUEST_ERROR), "M2S TAIL 9 overflows HEAD 0");
    EXPECT_STREQ(f.last_log, "M2S TAIL 9 overflows HEAD 0");
}

TEST_F(Events, RingDmaErrorIsAGuestErrorThenNeedsReset)
{
    ASSERT_TRUE(fake_driver_init(&d, &f, 2));
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    // The M2S descriptor read fails.
    f.fail_lo = d.m2s.desc;
    f.fail_hi = d.m2s.desc + 16;
    unsigned before = f.nmev;
    send_get_features();
    vpci_event err = last_event(VPCI_EV_GUEST_ERROR);
    EXPECT_EQ(err.cause, VPCI_ADAPTER_ERROR_CAUSE_DMA_ERR_MASK |
                             VPCI_ADAPTER_ERROR_CAUSE_M2S_ERR_MASK);
    EXPECT_EQ(err.err_code, VPCI_ERROR_CODE_DMA);
    EXPECT_EQ(err.detail, (uint32_t)VPCI_DMA_SRC_M2S_DESC);
    vpci_event nr = last_event(VPCI_EV_NEEDS_RESET);
    EXPECT_EQ(nr.queue, 0u);
    EXPECT_EQ(nr.old_status & VPCI_ADAPTER_STATUS_NEEDS_RESET_MASK, 0u);
    EXPECT_EQ(nr.status, fake_rd32(&f, VPCI_ADAPTER_STATUS_OFFSET));
    EXPECT_TRUE(nr.status & VPCI_ADAPTER_STATUS_NEEDS_RESET_MASK);
    EXPECT_EQ(last_text(VPCI_EV_NEEDS_RESET), "M2S ring DMA failed: adapter needs reset");
    EXPECT_STREQ(f.last_log, "M2S ring DMA failed: adapter needs reset");
    // The DMA error was reported before the adapter decided it needs a reset.
    unsigned first_err = ~0u, first_nr = ~0u;
    for (unsigned n = f.nmev; n-- > before;) {
        const fake_mevent *m = fake_mev_at(&f, n);
        ASSERT_NE(m, nullptr);
        if (m->ev.code == VPCI_EV_GUEST_ERROR)
            first_err = n;
        if (m->ev.code == VPCI_EV_NEEDS_RESET)
            first_nr = n;
    }
    ASSERT_NE(first_nr, ~0u);
    EXPECT_LT(first_err, first_nr);
}

// ---------------------------------------------------------------------------
// Master refusals
// ---------------------------------------------------------------------------

TEST_F(Events, TruncatedMessageIsRefusedWithItsLength)
{
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    uint8_t m[8] = {1, 0, 0, 0, 1, 0, 0, 0};
    ASSERT_EQ(vpci_master_msg(f.core, VPCI_CHAN_MASTER, m, sizeof(m), nullptr, 0),
              VPCI_EREFUSED);
    vpci_event ev = last_event(VPCI_EV_MASTER_REFUSED);
    EXPECT_EQ(ev.chan, VPCI_CHAN_MASTER);
    EXPECT_EQ(ev.request, VPCI_VU_REQ_GET_FEATURES);
    EXPECT_EQ(ev.reason, (uint32_t)VPCI_REFUSE_TRUNCATED);
    EXPECT_EQ(ev.value, 8u);
    EXPECT_EQ(ev.cause, VPCI_ADAPTER_ERROR_CAUSE_MASTER_REFUSED_MASK);
    EXPECT_EQ(ev.err_code, VPCI_ERROR_CODE_MASTER_REFUSED);
    EXPECT_EQ(ev.detail, VPCI_VU_REQ_GET_FEATURES);
    EXPECT_EQ(ev.session, 1u);
    EXPECT_EQ(last_text(VPCI_EV_MASTER_REFUSED),
              "vhost-pci: truncated message of 8 bytes (request 1 GET_FEATURES); session 1 "
              "closed");
    EXPECT_EQ(last_text(VPCI_EV_MASTER_REFUSED), f.last_log);
    // A refusal is no guest error.
    EXPECT_EQ(fake_mev_count(&f, VPCI_EV_GUEST_ERROR), 0u);
}

TEST_F(Events, BackendReplyWithFdsIsRefusedOnTheBackendChannel)
{
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    uint8_t m[20];
    uint64_t v = 0;
    uint32_t len = fake_vu_msg(m, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG, VPCI_VU_FLAG_REPLY, &v, 8);
    vpci_res r{VPCI_RES_NOTIFIER, nullptr, 0, 77};
    ASSERT_EQ(vpci_master_msg(f.core, VPCI_CHAN_BACKEND, m, len, &r, 1), VPCI_EREFUSED);
    vpci_event ev = last_event(VPCI_EV_MASTER_REFUSED);
    EXPECT_EQ(ev.chan, VPCI_CHAN_BACKEND);
    EXPECT_EQ(ev.request, (uint32_t)VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG);
    EXPECT_EQ(ev.reason, (uint32_t)VPCI_REFUSE_FDS);
    EXPECT_EQ(ev.value, 1u);
    EXPECT_EQ(ev.detail, VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG |
                             (1u << 23)); // bit 23: a reply on the backend channel
}

TEST_F(Events, VqOutOfRangeIsRefusedWithTheVq)
{
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    uint8_t m[20];
    uint32_t st[2] = {200, 256}; // SET_VRING_NUM of vq 200 (NUM_VQS 64)
    uint32_t len = fake_vu_msg(m, VPCI_VU_REQ_SET_VRING_NUM, 0, st, 8);
    ASSERT_EQ(vpci_master_msg(f.core, VPCI_CHAN_MASTER, m, len, nullptr, 0), VPCI_EREFUSED);
    vpci_event ev = last_event(VPCI_EV_MASTER_REFUSED);
    EXPECT_EQ(ev.request, VPCI_VU_REQ_SET_VRING_NUM);
    EXPECT_EQ(ev.reason, (uint32_t)VPCI_REFUSE_VQ_RANGE);
    EXPECT_EQ(ev.value, 200u);
}

// ---------------------------------------------------------------------------
// Sessions, link, status, resets
// ---------------------------------------------------------------------------

TEST_F(Events, ConnectReportsTheSessionThenTheLinkChange)
{
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    const fake_mevent *a = fake_mev_at(&f, f.nmev - 2), *b = fake_mev_at(&f, f.nmev - 1);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->ev.code, VPCI_EV_SESSION_CONNECTED);
    EXPECT_EQ(a->ev.session, 1u);
    EXPECT_STREQ(a->text, "master connected, session 1");
    EXPECT_STREQ(f.last_log, "master connected, session 1");
    EXPECT_EQ(b->ev.code, VPCI_EV_LINK_CHANGE);
    EXPECT_EQ(b->ev.link, link());
    EXPECT_TRUE(b->ev.link & VPCI_ADAPTER_LINK_MASTER_UP_MASK);
    EXPECT_EQ(vpci_adapter_link_session_get(b->ev.link), 1u);
}

TEST_F(Events, DisconnectEndsTheSessionLogged)
{
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    vpci_master_disconnect(f.core);
    const fake_mevent *a = fake_mev_at(&f, f.nmev - 2), *b = fake_mev_at(&f, f.nmev - 1);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->ev.code, VPCI_EV_SESSION_ENDED);
    EXPECT_EQ(a->ev.reason, (uint32_t)VPCI_SESSION_END_DISCONNECT);
    EXPECT_EQ(a->ev.session, 1u);
    EXPECT_STREQ(f.last_log, "master disconnected, session 1 ended");
    EXPECT_EQ(b->ev.code, VPCI_EV_LINK_CHANGE);
    EXPECT_FALSE(b->ev.link & VPCI_ADAPTER_LINK_MASTER_UP_MASK);
}

TEST_F(Events, ResetOfABoundSessionEndsItUnlogged)
{
    bound_session();
    unsigned logs = f.nlogs;
    fake_wr32(&f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    vpci_event rs = last_event(VPCI_EV_RESET);
    EXPECT_EQ(rs.reason, (uint32_t)VPCI_RESET_ADAPTER);
    EXPECT_EQ(last_text(VPCI_EV_RESET), "adapter reset");
    vpci_event end = last_event(VPCI_EV_SESSION_ENDED);
    EXPECT_EQ(end.reason, (uint32_t)VPCI_SESSION_END_RESET);
    EXPECT_EQ(end.session, 1u);
    EXPECT_EQ(f.nlogs, logs + 1); // "adapter reset" only
    EXPECT_STREQ(f.last_log, "adapter reset");
}

TEST_F(Events, FailedEndsABoundSessionLogged)
{
    bound_session();
    fake_wr32(&f, VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_FAILED_MASK);
    vpci_event st = last_event(VPCI_EV_STATUS);
    EXPECT_TRUE(st.status & VPCI_ADAPTER_STATUS_FAILED_MASK);
    EXPECT_FALSE(st.old_status & VPCI_ADAPTER_STATUS_FAILED_MASK);
    vpci_event end = last_event(VPCI_EV_SESSION_ENDED);
    EXPECT_EQ(end.reason, (uint32_t)VPCI_SESSION_END_DRIVER_FAILED);
    EXPECT_EQ(last_text(VPCI_EV_SESSION_ENDED), "driver failed: session 1 ended");
    EXPECT_STREQ(f.last_log, "driver failed: session 1 ended");
    EXPECT_EQ(fake_mev_last(&f, FAKE_MEV_ANY)->ev.code, VPCI_EV_LINK_CHANGE);
}

TEST_F(Events, DestroyEndsAnOpenSession)
{
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    fake_fini(&f);
    vpci_event end = last_event(VPCI_EV_SESSION_ENDED);
    EXPECT_EQ(end.reason, (uint32_t)VPCI_SESSION_END_DESTROY);
    EXPECT_EQ(end.session, 1u);
}

TEST_F(Events, StatusWritesReportOldAndNewStatus)
{
    fake_wr32(&f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    unsigned logs = f.nlogs;
    fake_wr32(&f, VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_MASK);
    vpci_event ev = last_event(VPCI_EV_STATUS);
    EXPECT_EQ(ev.old_status, 0u);
    EXPECT_EQ(ev.status, VPCI_ADAPTER_STATUS_DRIVER_MASK);
    EXPECT_EQ(f.nlogs, logs);
    // A write that changes nothing reports nothing.
    unsigned n = fake_mev_count(&f, VPCI_EV_STATUS);
    fake_wr32(&f, VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_MASK);
    EXPECT_EQ(fake_mev_count(&f, VPCI_EV_STATUS), n);
    // DRIVER_OK: "driver ready", logged.
    ASSERT_TRUE(fake_driver_init(&d, &f, 2));
    ev = last_event(VPCI_EV_STATUS);
    EXPECT_TRUE(ev.status & VPCI_ADAPTER_STATUS_DRIVER_OK_MASK);
    EXPECT_FALSE(ev.old_status & VPCI_ADAPTER_STATUS_DRIVER_OK_MASK);
    EXPECT_EQ(last_text(VPCI_EV_STATUS), "driver ready");
    EXPECT_STREQ(f.last_log, "driver ready");
}

TEST_F(Events, EachResetKindIsReported)
{
    fake_wr32(&f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    EXPECT_EQ(last_event(VPCI_EV_RESET).reason, (uint32_t)VPCI_RESET_ADAPTER);
    EXPECT_STREQ(f.last_log, "adapter reset");
    vpci_cfg_write(f.core, VPCI_PCIE_CAP_DEVCTL_OFFSET, 2, VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_MASK);
    EXPECT_EQ(last_event(VPCI_EV_RESET).reason, (uint32_t)VPCI_RESET_FLR);
    EXPECT_STREQ(f.last_log, "function level reset");
    unsigned logs = f.nlogs, resets = fake_mev_count(&f, VPCI_EV_RESET);
    vpci_core_pci_reset(f.core);
    EXPECT_EQ(fake_mev_count(&f, VPCI_EV_RESET), resets + 1); // one event per reset
    EXPECT_EQ(last_event(VPCI_EV_RESET).reason, (uint32_t)VPCI_RESET_PCI);
    EXPECT_EQ(f.nlogs, logs); // not logged
}

// ---------------------------------------------------------------------------
// The sink and ->log
// ---------------------------------------------------------------------------

TEST_F(Events, EveryLogLineIsTheTextOfAnEvent)
{
    bound_session();
    fake_wr32(&f, VPCI_M2S_TAIL_OFFSET, 0x100);                     // QUEUE_OVERFLOW
    fake_wr32(&f, VPCI_ADAPTER_CONTROL_OFFSET, VPCI_ADAPTER_CONTROL_RESET_MASK);
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    uint8_t m[4] = {1, 0, 0, 0};
    EXPECT_EQ(vpci_master_msg(f.core, VPCI_CHAN_MASTER, m, 4, nullptr, 0), VPCI_EREFUSED);
    ASSERT_GE(f.nlogs, 6u);
    EXPECT_EQ(f.nmev_logged, f.nlogs);
    EXPECT_GT(f.nmev, f.nlogs); // and more events than lines
}

TEST_F(Events, DetachedSinkSeesNothingAndLogStays)
{
    vpci_core_set_event_sink(f.core, nullptr, nullptr);
    unsigned n = f.nmev;
    ASSERT_EQ(vpci_master_connect(f.core), VPCI_OK);
    (void)vpci_mmio_read(f.core, 0, 0x11, 4);
    EXPECT_EQ(f.nmev, n);
    EXPECT_STREQ(f.last_log, "master connected, session 1");
}

TEST(EventsNoLog, ACoreWithoutLogStillReportsEvents)
{
    struct Rec {
        unsigned n = 0;
        vpci_event_code last{};
        std::string text;
    } rec;
    vpci_driver_ops drv{};
    drv.dma = [](void *, const vpci_dma_req *) {};
    drv.msi = [](void *, uint16_t, uint64_t, uint32_t) {};
    vpci_master_ops mst{};
    mst.notify = [](void *, vpci_notify_kind, uint16_t, uint64_t) {};
    mst.send = [](void *, vpci_channel, const void *, size_t) {};
    mst.close = [](void *, vpci_close_reason, const char *) {};
    mst.release = [](void *, const vpci_res *) {};
    vpci_core *c = vpci_core_create(nullptr, &drv, nullptr, &mst, nullptr);
    ASSERT_NE(c, nullptr);
    vpci_core_set_event_sink(
        c,
        [](void *o, const vpci_event *ev) {
            Rec *r = static_cast<Rec *>(o);
            r->n++;
            r->last = ev->code;
            r->text = ev->text;
        },
        &rec);
    ASSERT_EQ(vpci_master_connect(c), VPCI_OK);
    EXPECT_EQ(rec.n, 2u);
    EXPECT_EQ(rec.last, VPCI_EV_LINK_CHANGE);
    vpci_core_destroy(c);
    EXPECT_EQ(rec.last, VPCI_EV_SESSION_ENDED);
}

} // namespace
