// SPDX-License-Identifier: MIT
// test_loop.cpp - the bridge's event loop: posted work (vb_loop_post), the
// mechanism that lets the core's callbacks ask for a connection drop without
// re-entering the vhost-user face (issue 8).
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "loop.h"

namespace {

struct Rec {
    vb_loop *l;
    std::string log;
    vb_work a{}, b{}, c{};
};

TEST(Loop, PostedWorkRunsOnceInOrderAfterTheBatch)
{
    Rec r{vb_loop_create(), {}};
    ASSERT_NE(r.l, nullptr);
    auto fa = [](void *o) { static_cast<Rec *>(o)->log += "a"; };
    auto fb = [](void *o) { static_cast<Rec *>(o)->log += "b"; };
    vb_loop_post(r.l, &r.a, fa, &r);
    vb_loop_post(r.l, &r.b, fb, &r);
    vb_loop_post(r.l, &r.a, fa, &r); // already queued: no second run
    EXPECT_TRUE(r.a.queued);
    EXPECT_EQ(r.log, "") << "posted work ran inside the post call";
    vb_loop_once(r.l, 0);
    EXPECT_EQ(r.log, "ab");
    EXPECT_FALSE(r.a.queued);
    vb_loop_once(r.l, 0);
    EXPECT_EQ(r.log, "ab");
    vb_loop_destroy(r.l);
}

TEST(Loop, WorkPostedByWorkRunsInTheSameTurnAndCancelUnqueues)
{
    Rec r{vb_loop_create(), {}};
    auto fc = [](void *o) { static_cast<Rec *>(o)->log += "c"; };
    auto fb = [](void *o) { static_cast<Rec *>(o)->log += "b"; };
    static vb_timer_cb s_fc;
    s_fc = fc;
    auto fa = [](void *o) {
        auto *x = static_cast<Rec *>(o);
        x->log += "a";
        vb_loop_post(x->l, &x->c, s_fc, x);
        vb_loop_cancel(x->l, &x->b); // b was queued behind a: never runs
    };
    vb_loop_post(r.l, &r.a, fa, &r);
    vb_loop_post(r.l, &r.b, fb, &r);
    vb_loop_once(r.l, 0);
    EXPECT_EQ(r.log, "ac");
    EXPECT_FALSE(r.b.queued);
    vb_loop_cancel(r.l, &r.b); // not queued: no-op
    vb_loop_destroy(r.l);
}

TEST(Loop, RunDoesNotSleepWhileWorkIsQueued)
{
    Rec r{vb_loop_create(), {}};
    vb_loop_set_idle_ms(r.l, 5000);
    static int left;
    left = 50;
    static vb_timer_cb again;
    again = [](void *o) {
        auto *x = static_cast<Rec *>(o);
        if (--left > 0)
            vb_loop_post(x->l, &x->a, again, x);
        else
            vb_loop_stop(x->l);
    };
    auto t0 = std::chrono::steady_clock::now();
    vb_loop_post(r.l, &r.a, again, &r);
    ASSERT_EQ(vb_loop_run(r.l), 0);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - t0).count();
    EXPECT_EQ(left, 0);
    EXPECT_LT(ms, 4000) << "the loop slept its idle time with work queued";
    vb_loop_destroy(r.l);
}

} // namespace
