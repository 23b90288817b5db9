// SPDX-License-Identifier: MIT
// sc_test_main.cpp - sc_main of the SystemC GoogleTest executables: SystemC
// warnings and errors fail the run (vp::install_report_handler()).
#include <systemc>

#include <gtest/gtest.h>

#include "sc_test.h"
#include "vp.h"

namespace sctest {

void RequireFirstElaboration()
{
    static unsigned elaborations = 0;
    ASSERT_EQ(elaborations++, 0u)
        << "one SystemC elaboration per process: run one test case per process "
           "(--gtest_filter; ctest does)";
}

} // namespace sctest

namespace {

// At the end of the run: no SystemC warning or error was reported.
class ReportCheck : public ::testing::Environment {
public:
    void TearDown() override
    {
        EXPECT_EQ(vp::reports(), 0u) << "SystemC reported warnings or errors (see above)";
    }
};

} // namespace

int sc_main(int argc, char **argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    vp::install_report_handler();
    ::testing::AddGlobalTestEnvironment(new ReportCheck);
    return RUN_ALL_TESTS();
}
