# Register-map generation wired into the build.
#
# tools/regs_gen.py turns regs/vhost_pci_regs.yaml into the C header, the
# decode tables, the SystemVerilog package, the Python constants, the register
# test vectors and the register documentation, and the request table it names
# (regs/vhost_user_requests.yaml) into the C relay table and its SystemVerilog
# package. The build regenerates all of them into ${VPCI_GEN_DIR} and compiles
# from there; the committed copies in gen/ and docs/registers.md are checked
# against them by the `regs` tests.
#
# Provides: target vpci_gen (ALL), library vpci_regs (alias vpci::regs: decode
# table and request table) with ${VPCI_GEN_DIR} as PUBLIC include directory,
# variables VPCI_GEN_DIR, VPCI_REGS_YAML, VPCI_REQUESTS_YAML, VPCI_REGS_GEN,
# VPCI_GEN_OUTPUTS, VPCI_HAVE_REGS.

set(VPCI_GEN_DIR ${CMAKE_BINARY_DIR}/gen)
set(VPCI_REGS_YAML ${CMAKE_SOURCE_DIR}/regs/vhost_pci_regs.yaml)
set(VPCI_REQUESTS_YAML ${CMAKE_SOURCE_DIR}/regs/vhost_user_requests.yaml)
set(VPCI_REGS_GEN ${CMAKE_SOURCE_DIR}/tools/regs_gen.py)
set(VPCI_GEN_OUTPUTS
    ${VPCI_GEN_DIR}/vhost_pci_regs.h
    ${VPCI_GEN_DIR}/vhost_pci_regs_decode.h
    ${VPCI_GEN_DIR}/vhost_pci_regs_decode.c
    ${VPCI_GEN_DIR}/vhost_pci_regs_pkg.sv
    ${VPCI_GEN_DIR}/vhost_pci_regs.py
    ${VPCI_GEN_DIR}/vhost_pci_csr_vectors.h
    ${VPCI_GEN_DIR}/vhost_pci_csr_top.sv
    ${VPCI_GEN_DIR}/vhost_pci_requests.h
    ${VPCI_GEN_DIR}/vhost_pci_requests.c
    ${VPCI_GEN_DIR}/vhost_pci_requests_pkg.sv
    ${VPCI_GEN_DIR}/registers.md)

if(NOT EXISTS ${VPCI_REGS_GEN} OR NOT EXISTS ${VPCI_REGS_YAML} OR NOT EXISTS ${VPCI_REQUESTS_YAML})
    message(WARNING "vhost-pci: ${VPCI_REGS_GEN}, ${VPCI_REGS_YAML} or ${VPCI_REQUESTS_YAML} missing; "
                    "register generation and vpci_regs are not built")
    set(VPCI_HAVE_REGS OFF)
    return()
endif()
set(VPCI_HAVE_REGS ON)

# Generate once at configure time when an output is missing (a fresh build
# tree): Verilator's verilate() (tb/) runs Verilator while CMake configures
# and needs the generated SystemVerilog then. The build keeps them fresh.
foreach(out ${VPCI_GEN_OUTPUTS})
    if(NOT EXISTS ${out})
        file(MAKE_DIRECTORY ${VPCI_GEN_DIR})
        execute_process(
            COMMAND ${VPCI_PYTHON} ${VPCI_REGS_GEN} --yaml ${VPCI_REGS_YAML}
                    --out-dir ${VPCI_GEN_DIR} --docs ${VPCI_GEN_DIR}/registers.md
            WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
            RESULT_VARIABLE rc OUTPUT_VARIABLE out_text ERROR_VARIABLE out_text)
        if(NOT rc EQUAL 0)
            message(FATAL_ERROR "vhost-pci: tools/regs_gen.py failed:\n${out_text}")
        endif()
        break()
    endif()
endforeach()

add_custom_command(
    OUTPUT ${VPCI_GEN_OUTPUTS}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${VPCI_GEN_DIR}
    COMMAND ${VPCI_PYTHON} ${VPCI_REGS_GEN}
            --yaml ${VPCI_REGS_YAML}
            --out-dir ${VPCI_GEN_DIR}
            --docs ${VPCI_GEN_DIR}/registers.md
    DEPENDS ${VPCI_REGS_YAML} ${VPCI_REQUESTS_YAML} ${VPCI_REGS_GEN}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
    COMMENT "Generating register map and request table outputs from regs/"
    VERBATIM)
add_custom_target(vpci_gen ALL DEPENDS ${VPCI_GEN_OUTPUTS})

add_library(vpci_regs STATIC ${VPCI_GEN_DIR}/vhost_pci_regs_decode.c
                             ${VPCI_GEN_DIR}/vhost_pci_requests.c)
add_library(vpci::regs ALIAS vpci_regs)
add_dependencies(vpci_regs vpci_gen)
target_include_directories(vpci_regs PUBLIC $<BUILD_INTERFACE:${VPCI_GEN_DIR}>)
target_link_libraries(vpci_regs PRIVATE vpci::warnings)
