// SPDX-License-Identifier: MIT
// core_fixture.h - the GoogleTest fixture shared by the block tests of the
// core: one core instance on the fake platform (which records the model
// events, fake_mev_*()), created per test and re-creatable with other
// parameters.
#ifndef CORE_FIXTURE_H
#define CORE_FIXTURE_H

#include <gtest/gtest.h>

extern "C" {
#include "fake_platform.h"
}

class CoreTest : public ::testing::Test {
protected:
    fake_platform f{};

    void SetUp() override { init(nullptr); }
    void TearDown() override
    {
        if (f.core)
            fake_fini(&f);
    }
    // (Re)create the core with @p (NULL: YAML defaults); with @enable, turn on
    // COMMAND.MEM_EN and BUS_MASTER; then the fixture's after_init().
    void init(const vpci_params *p, bool enable = true)
    {
        if (f.core)
            fake_fini(&f);
        fake_init(&f, p);
        ASSERT_NE(f.core, nullptr);
        if (enable)
            fake_pci_enable(&f);
        after_init();
    }
    virtual void after_init() {}

    // The latest model event of @code (FAKE_MEV_ANY: of any code) as the
    // event sink recorded it; fails the test (and returns a zeroed event) if
    // there is none.
    vpci_event last_event(vpci_event_code code) const
    {
        const fake_mevent *m = fake_mev_last(&f, code);
        EXPECT_NE(m, nullptr) << "no " << vpci_event_name(code) << " event";
        return m ? m->ev : vpci_event{};
    }
};

#endif // CORE_FIXTURE_H
