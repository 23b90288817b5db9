# Build options and compiler flags of the vhost-pci project.
#
# Warnings are attached per target through the interface library
# vpci::warnings, so -Werror applies to our own code only: third-party
# sources we compile (Verilator output, test frameworks) are not forced to
# build warning-free. Sanitizer and coverage flags are global, because every
# object of a sanitized or instrumented binary must be built with them.

option(VPCI_SANITIZE "Build with AddressSanitizer + UndefinedBehaviorSanitizer" OFF)
option(VPCI_COVERAGE "Build with gcov instrumentation (line coverage)" OFF)
option(VPCI_FUZZ "Build the libFuzzer targets in fuzz/ (needs clang)" OFF)
option(VPCI_WERROR "Treat warnings in our own targets as errors" ON)

add_library(vpci_warnings INTERFACE)
add_library(vpci::warnings ALIAS vpci_warnings)
# -Wno-missing-field-initializers: public structs of the core API (e.g.
# struct vpci_res) grow by members appended at the end; a positional
# initializer written against the older layout stays valid C/C++ (the new
# members are zero) and must keep building.
target_compile_options(vpci_warnings INTERFACE
    $<$<COMPILE_LANGUAGE:C,CXX>:-Wall -Wextra -Wno-missing-field-initializers>
    $<$<AND:$<COMPILE_LANGUAGE:C,CXX>,$<BOOL:${VPCI_WERROR}>>:-Werror>)

if(VPCI_SANITIZE)
    set(_vpci_san_flags
        -fsanitize=address,undefined
        -fno-sanitize-recover=all
        -fno-omit-frame-pointer)
    add_compile_options(${_vpci_san_flags})
    add_link_options(-fsanitize=address,undefined)
    message(STATUS "vhost-pci: ASan + UBSan enabled")
endif()

if(VPCI_COVERAGE)
    if(NOT CMAKE_C_COMPILER_ID STREQUAL "GNU")
        message(WARNING "VPCI_COVERAGE is meant for gcc (gcov/lcov); "
                        "compiler is ${CMAKE_C_COMPILER_ID}")
    endif()
    add_compile_options(--coverage -O0 -fno-inline)
    add_link_options(--coverage)
    message(STATUS "vhost-pci: gcov coverage enabled")
endif()

if(VPCI_FUZZ)
    if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang" OR NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "VPCI_FUZZ needs clang (libFuzzer): configure with "
            "-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++")
    endif()
    message(STATUS "vhost-pci: libFuzzer targets enabled")
endif()
