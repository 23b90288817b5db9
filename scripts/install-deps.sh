#!/usr/bin/env bash
# Install the Debian 12 packages the vhost-pci build and tests need.
#
# Usage: scripts/install-deps.sh [--group base|hdl|vm|dpdk|bench|all] [--check] [--list]
#   --group G   which package group(s) to install (repeatable; default: all)
#                 base  compilers, CMake/Ninja, Python+PyYAML, GoogleTest,
#                       sanitizer/libFuzzer runtimes, coverage tools
#                 hdl   Verilator (RTL), yosys (RTL synthesis counts) and SystemC (TLM model)
#                 vm    QEMU, guest kernel, busybox, DPDK, debootstrap (VM tests;
#                       debootstrap also builds the libblkio chroot of bridge.blkio,
#                       scripts/blkio-chroot.sh)
#                 dpdk  only the DPDK part of vm (testpmd, virtio-user and vhost
#                       PMDs): what scripts/run-demo.sh needs besides base
#                 bench gnuplot (gnuplot-nox): scripts/bench.sh draws its figures
#                 all   base + hdl + vm + bench (what CI uses)
#   --check     only report missing packages; exit 1 if any are missing
#   --list      print the package names of the selected groups and exit
#
# Idempotent: when every package is already installed, apt is not called at
# all, so reruns take well under a second. Needs root for the install step.
set -euo pipefail

# One package per line: adding a dependency is adding one line.
PKGS_BASE=(
    build-essential
    cmake
    ninja-build
    pkg-config
    git
    python3
    python3-yaml
    clang
    llvm                # llvm-profdata / llvm-cov for clang builds
    libclang-rt-14-dev  # ASan/UBSan/libFuzzer runtimes for clang
    lcov
    gcovr
    googletest
    libgtest-dev
    libgmock-dev
    libjson-c-dev       # the bridge's control socket (json-c)
    shellcheck
    groff-base          # man page check (tests/install)
)
PKGS_HDL=(
    verilator
    yosys
    libsystemc-dev
)
PKGS_BENCH=(
    gnuplot-nox         # scripts/bench.sh: figures (SVG) from the benchmarks' CSV files
)
PKGS_VM=(
    qemu-system-x86
    qemu-utils
    busybox-static
    linux-image-cloud-amd64
    kmod
    cpio
    debootstrap         # scripts/blkio-chroot.sh: trixie chroot with libblkio (bridge.blkio)
    dpdk
    dpdk-dev
    librte-net-vhost23
    librte-mempool-ring23
)

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }

groups=()
mode=install
while [ $# -gt 0 ]; do
    case "$1" in
        --group) [ $# -ge 2 ] || { usage >&2; exit 2; }; groups+=("$2"); shift 2 ;;
        --group=*) groups+=("${1#--group=}"); shift ;;
        --check) mode=check; shift ;;
        --list) mode=list; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install-deps: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
[ ${#groups[@]} -gt 0 ] || groups=(all)

want=()
for g in "${groups[@]}"; do
    case "$g" in
        base) want+=("${PKGS_BASE[@]}") ;;
        hdl)  want+=("${PKGS_HDL[@]}") ;;
        vm)   want+=("${PKGS_VM[@]}") ;;
        dpdk) want+=(dpdk dpdk-dev librte-net-vhost23 librte-mempool-ring23) ;;
        bench) want+=("${PKGS_BENCH[@]}") ;;
        all)  want+=("${PKGS_BASE[@]}" "${PKGS_HDL[@]}" "${PKGS_VM[@]}" "${PKGS_BENCH[@]}") ;;
        *) echo "install-deps: unknown group '$g' (base|hdl|vm|dpdk|bench|all)" >&2; exit 2 ;;
    esac
done

if [ "$mode" = list ]; then
    printf '%s\n' "${want[@]}"
    exit 0
fi

# A package counts as present only when dpkg reports it fully installed.
missing=()
for p in "${want[@]}"; do
    st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
    case "$st" in
        ii*) ;;
        *) missing+=("$p") ;;
    esac
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#want[@]} packages of group(s) ${groups[*]} are installed"
    exit 0
fi

echo "install-deps: missing (${#missing[@]}): ${missing[*]}"
if [ "$mode" = check ]; then
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: need root to install; run: sudo $0 ${groups[*]/#/--group }" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt_opts=(-y -q -o DPkg::Lock::Timeout=600)
t0=$(date +%s)
apt-get "${apt_opts[@]}" update
apt-get "${apt_opts[@]}" install --no-install-recommends "${missing[@]}"
echo "install-deps: installed ${#missing[@]} packages in $(( $(date +%s) - t0 )) s: ${missing[*]}"
