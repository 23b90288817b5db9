// SPDX-License-Identifier: MIT
// sc_test.h - helpers for SystemC GoogleTest executables (label tlm): the
// main (sc_test_main.cpp) runs RUN_ALL_TESTS from sc_main and turns SystemC
// warnings and errors into failures; each test elaborates once, so CTest
// runs every test case in its own process (gtest_discover_tests).
#ifndef VPCI_SC_TEST_H
#define VPCI_SC_TEST_H

#include <functional>

#include <gtest/gtest.h>
#include <systemc>

namespace sctest {

// Fails the test if this process already elaborated a SystemC design
// (SystemC allows one elaboration per process: run one test per process).
void RequireFirstElaboration();

// Runs @body in an SC_THREAD (transactions may wait there).
class thread : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(thread);
    thread(sc_core::sc_module_name name, std::function<void()> body)
        : sc_module(name), body_(std::move(body))
    {
        SC_THREAD(run);
    }

private:
    void run()
    {
        body_();
        sc_core::sc_stop();
    }
    std::function<void()> body_;
};

} // namespace sctest

#endif // VPCI_SC_TEST_H
