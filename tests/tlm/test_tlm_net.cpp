// SPDX-License-Identifier: MIT
// test_tlm_net.cpp - the virtio-net firmware (a REFLECT port of the L2
// switch) on the virtual platform: frames sent by the test master come back
// with the MACs swapped, in interrupt and polling mode.
#include <gtest/gtest.h>

#include "net.h"
#include "sc_test.h"
#include "vp_run.h"

namespace {

vp::config NetConfig()
{
    vp::config c;
    vpci_params_default(&c.params);
    c.params.num_vqs = 2;
    c.params.msix_vectors = 3;
    c.params.mem_win_log2 = 24;
    return c;
}

TEST(TlmNet, ReflectScenarioRunsToCompletionWithInterrupts)
{
    sctest::RequireFirstElaboration();
    vprun::result r = vprun::net_vp(NetConfig(), VPF_MODE_INTERRUPT, 64);
    EXPECT_EQ(r.err, "");
    EXPECT_GT(r.msis, 0u);
    EXPECT_GT(r.cpu.win_maps, 0u);
}

TEST(TlmNet, ReflectScenarioRunsToCompletionPolling)
{
    sctest::RequireFirstElaboration();
    vprun::result r = vprun::net_vp(NetConfig(), VPF_MODE_POLL, 64);
    EXPECT_EQ(r.err, "");
}

} // namespace
