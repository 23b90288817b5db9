# Lookups of the optional toolchains used by later layers. Each sets a
# VPCI_HAVE_<X> variable; a layer whose tool is missing is skipped with a
# message instead of failing the whole configure (scripts/install-deps.sh
# installs all of them).

# SystemC (Debian libsystemc-dev 2.3.4, built for C++17): imported target
# vpci::systemc.
find_package(PkgConfig QUIET)
set(VPCI_HAVE_SYSTEMC OFF)
if(PKG_CONFIG_FOUND)
    pkg_check_modules(VPCI_SYSTEMC QUIET IMPORTED_TARGET systemc)
    if(VPCI_SYSTEMC_FOUND)
        add_library(vpci::systemc ALIAS PkgConfig::VPCI_SYSTEMC)
        set(VPCI_HAVE_SYSTEMC ON)
    endif()
endif()
if(NOT VPCI_HAVE_SYSTEMC)
    find_library(VPCI_SYSTEMC_LIB systemc)
    find_path(VPCI_SYSTEMC_INC systemc.h PATH_SUFFIXES sysc)
    if(VPCI_SYSTEMC_LIB AND VPCI_SYSTEMC_INC)
        add_library(vpci_systemc INTERFACE)
        target_link_libraries(vpci_systemc INTERFACE ${VPCI_SYSTEMC_LIB})
        target_include_directories(vpci_systemc SYSTEM INTERFACE ${VPCI_SYSTEMC_INC})
        add_library(vpci::systemc ALIAS vpci_systemc)
        set(VPCI_HAVE_SYSTEMC ON)
    endif()
endif()

# Verilator (Debian 5.006 ships its CMake package in /usr/share/verilator):
# provides verilate().
find_package(verilator QUIET HINTS $ENV{VERILATOR_ROOT} /usr/share/verilator)
if(verilator_FOUND)
    set(VPCI_HAVE_VERILATOR ON)
else()
    set(VPCI_HAVE_VERILATOR OFF)
endif()

message(STATUS "vhost-pci: SystemC ${VPCI_HAVE_SYSTEMC}, Verilator ${VPCI_HAVE_VERILATOR}")
