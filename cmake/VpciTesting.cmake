# Test helpers. Every test carries a LABEL (the layer it checks: regs, spec,
# core, tlm, rtl, firmware, bridge, vm, ...) and a TIMEOUT, so that
# scripts/test.sh can run and time the suite layer by layer
# (ctest -L <label>) and enforce each layer's time budget.

include(GoogleTest)

set(VPCI_DEFAULT_TEST_TIMEOUT 120 CACHE STRING "Default per-test timeout in seconds")

# vpci_add_gtest(<name> LABEL <label> SOURCES <src>...
#                [LIBS <lib>...] [INCLUDES <dir>...] [TIMEOUT <s>] [SERIAL]
#                [NO_MAIN])
# Builds the GoogleTest executable <name> (with gtest_main unless NO_MAIN,
# and gmock) from SOURCES, links LIBS and vpci::warnings, and registers each
# of its test cases with CTest as "<name>.<Suite>.<Case>", labelled <label>,
# with a per-test TIMEOUT (default VPCI_DEFAULT_TEST_TIMEOUT). SERIAL marks
# the tests RUN_SERIAL (for tests that must not share the machine).
function(vpci_add_gtest name)
    cmake_parse_arguments(PARSE_ARGV 1 A "SERIAL;NO_MAIN" "LABEL;TIMEOUT"
                          "SOURCES;LIBS;INCLUDES")
    if(NOT A_LABEL)
        message(FATAL_ERROR "vpci_add_gtest(${name}): LABEL is required")
    endif()
    if(NOT A_SOURCES)
        message(FATAL_ERROR "vpci_add_gtest(${name}): SOURCES is required")
    endif()
    if(NOT A_TIMEOUT)
        set(A_TIMEOUT ${VPCI_DEFAULT_TEST_TIMEOUT})
    endif()
    add_executable(${name} ${A_SOURCES})
    if(A_NO_MAIN)
        set(_main GTest::gtest)
    else()
        set(_main GTest::gtest_main)
    endif()
    target_link_libraries(${name} PRIVATE ${A_LIBS} ${_main} GTest::gmock vpci::warnings)
    if(A_INCLUDES)
        target_include_directories(${name} PRIVATE ${A_INCLUDES})
    endif()
    set(_props LABELS ${A_LABEL} TIMEOUT ${A_TIMEOUT})
    if(A_SERIAL)
        list(APPEND _props RUN_SERIAL TRUE)
    endif()
    # PRE_TEST: the test list is read when ctest runs, so a build never runs
    # test binaries (a crashing sanitized binary fails its test, not the build).
    gtest_discover_tests(${name}
        TEST_PREFIX "${name}."
        DISCOVERY_MODE PRE_TEST
        DISCOVERY_TIMEOUT 60
        PROPERTIES ${_props})
endfunction()

# vpci_add_test(<name> LABEL <label> COMMAND <cmd> [<arg>...]
#               [TIMEOUT <s>] [WORKING_DIRECTORY <dir>] [SERIAL])
# Registers a plain command (script, checker, simulation) as a CTest test.
function(vpci_add_test name)
    cmake_parse_arguments(PARSE_ARGV 1 A "SERIAL" "LABEL;TIMEOUT;WORKING_DIRECTORY"
                          "COMMAND")
    if(NOT A_LABEL OR NOT A_COMMAND)
        message(FATAL_ERROR "vpci_add_test(${name}): LABEL and COMMAND are required")
    endif()
    if(NOT A_TIMEOUT)
        set(A_TIMEOUT ${VPCI_DEFAULT_TEST_TIMEOUT})
    endif()
    if(NOT A_WORKING_DIRECTORY)
        set(A_WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
    endif()
    add_test(NAME ${name} COMMAND ${A_COMMAND} WORKING_DIRECTORY ${A_WORKING_DIRECTORY})
    set_tests_properties(${name} PROPERTIES LABELS ${A_LABEL} TIMEOUT ${A_TIMEOUT})
    if(A_SERIAL)
        set_tests_properties(${name} PROPERTIES RUN_SERIAL TRUE)
    endif()
endfunction()

# vpci_add_fuzzer(<name> SOURCES <src>... [LIBS <lib>...] [RUNS <n>]
#                 [SECONDS <s>] [CORPUS <dir>])
# Only with -DVPCI_FUZZ=ON (clang): builds a libFuzzer target with ASan and
# UBSan, and registers a short smoke run (-runs=<n>, default 10000; or
# -max_total_time=<s> with SECONDS) labelled "fuzz", starting from CORPUS
# when given. New corpus units go to <build>/corpus-<name>, never into the
# (committed) CORPUS directory; crash reproducers to <build>/crash-<name>-*.
# The run uses libFuzzer seed VPCI_FUZZ_SEED (default 1), so the suite's
# input sequence is reproducible; 0 lets libFuzzer pick (and print) one.
set(VPCI_FUZZ_SEED 1 CACHE STRING "libFuzzer -seed of the fuzz smoke runs (0: random)")
function(vpci_add_fuzzer name)
    if(NOT VPCI_FUZZ)
        return()
    endif()
    cmake_parse_arguments(PARSE_ARGV 1 A "" "RUNS;SECONDS;CORPUS" "SOURCES;LIBS")
    if(NOT A_RUNS)
        set(A_RUNS 10000)
    endif()
    add_executable(${name} ${A_SOURCES})
    target_compile_options(${name} PRIVATE
        -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_libraries(${name} PRIVATE ${A_LIBS} vpci::warnings)
    if(A_SECONDS)
        set(_args -max_total_time=${A_SECONDS} -print_final_stats=1)
    else()
        set(_args -runs=${A_RUNS})
    endif()
    list(APPEND _args -seed=${VPCI_FUZZ_SEED}
         -artifact_prefix=${CMAKE_CURRENT_BINARY_DIR}/crash-${name}-)
    if(A_CORPUS)
        set(_work ${CMAKE_CURRENT_BINARY_DIR}/corpus-${name})
        file(MAKE_DIRECTORY ${_work})
        list(APPEND _args ${_work} ${A_CORPUS})
    endif()
    add_test(NAME fuzz.${name} COMMAND ${name} ${_args})
    set_tests_properties(fuzz.${name} PROPERTIES LABELS fuzz TIMEOUT 300)
endfunction()
