#!/usr/bin/env bash
# The main job of vhost-pci: the embedded default scenario, no VM.
#
# Usage: sudo scripts/run-demo.sh [--seconds S] [--mode irq|poll|adaptive] [--no-deps]
#        sudo scripts/run-demo.sh --socket PATH [--backend KIND] [BRIDGE OPTIONS...]
#        sudo scripts/run-demo.sh --vp [--no-deps]
#
# Default: installs the packages (scripts/install-deps.sh --group base --group dpdk,
# the DPDK part of the vm group), builds vhost-pci-bridge (build/), and runs one bridge
# process with two adapters, each with the firmware's virtio-net backend, and
# DPDK testpmd (net_virtio_user) as the real vhost-user master:
#   1. testpmd txonly, 64 B frames, S seconds (default 3) -> firmware rxonly:
#      every frame counted and compared byte for byte with testpmd's frame;
#   2. firmware txonly, 2000 frames of 128 B -> testpmd rxonly: every frame
#      seen by testpmd with the adapter's MAC, broadcast destination, length.
# Ends with a report: vhost-user messages relayed, frames verified,
# throughput, and "demo result: PASS|FAIL ...". Exit 0 when every check holds.
# About a minute on a prepared machine (package installation comes on top).
#
# --socket PATH: serve PATH for your own master (QEMU, DPDK) instead: prints
# the QEMU command line to use and runs the bridge in the foreground until
# Ctrl-C, then prints its report. --backend net|blk|rxonly|txonly|reflect
# (default blk); further arguments go to vhost-pci-bridge (see
# vhost-pci-bridge --help, e.g. --disk FILE, --ram-disk 256M, --trace).
#
# --vp: the virtual-platform scenario instead (no DPDK, no sockets): installs
# --group base --group hdl (SystemC), builds vpci-vp-demo (build/) and runs the
# firmware's virtio-blk and virtio-net backends on the SystemC TLM-2.0 virtual
# platform (tests/tlm, docs/tlm.md) with the test master as the vhost-user
# master; ends with "vp result: PASS|FAIL".
#
# Options: --seconds S, --mode M (firmware mode of the demo, default irq),
# --no-deps (skip the package step), --bridge EXE (use this bridge, no build),
# -h/--help. Environment: VPCI_JOBS (build parallelism, default 2).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
JOBS=${VPCI_JOBS:-2}

do_deps=1
seconds=3
mode=irq
bridge=
socket=
backend=blk
vp=0
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --no-deps) do_deps=0 ;;
        --seconds) seconds=${2:?--seconds needs a value}; shift ;;
        --mode) mode=${2:?--mode needs a value}; shift ;;
        --bridge) bridge=${2:?--bridge needs a path}; shift ;;
        --socket) socket=${2:?--socket needs a path}; shift ;;
        --backend) backend=${2:?--backend needs a kind}; shift ;;
        --vp) vp=1 ;;
        -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
        *)
            if [ -n "$socket" ]; then
                extra+=("$1")
            else
                echo "run-demo: unknown argument '$1' (see --help)" >&2
                exit 2
            fi ;;
    esac
    shift
done
case "$backend" in net|blk|rxonly|txonly|reflect) ;; *)
    echo "run-demo: --backend net|blk|rxonly|txonly|reflect, not '$backend'" >&2; exit 2 ;;
esac

# build_target T: configure build/ (Ninja when it is new and available) and
# build target T only.
build_target() {
    local gen=()
    if [ ! -f build/CMakeCache.txt ] && command -v ninja >/dev/null; then
        gen=(-G Ninja)
    fi
    echo "run-demo: building $1 in build/"
    cmake -S . -B build "${gen[@]}" >/dev/null
    cmake --build build --target "$1" -j"$JOBS" >/dev/null
}

if [ "$vp" -eq 1 ]; then
    if [ "$do_deps" -eq 1 ]; then
        if [ "$(id -u)" -eq 0 ]; then
            scripts/install-deps.sh --group base --group hdl
        elif ! scripts/install-deps.sh --group base --group hdl --check; then
            echo "run-demo: packages are missing and this is not root: run 'sudo $0 --vp'" >&2
            exit 1
        fi
    fi
    build_target vpci-vp-demo
    exec build/tests/tlm/vpci-vp-demo
fi

if [ "$do_deps" -eq 1 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        scripts/install-deps.sh --group base --group dpdk
    elif ! scripts/install-deps.sh --group base --group dpdk --check; then
        echo "run-demo: packages are missing and this is not root: run 'sudo $0'" >&2
        exit 1
    fi
fi

if [ -z "$bridge" ]; then
    build_target vhost-pci-bridge
    bridge=build/bridge/vhost-pci-bridge
fi
[ -x "$bridge" ] || { echo "run-demo: $bridge is not built" >&2; exit 1; }

if [ -z "$socket" ]; then
    exec /usr/bin/python3 scripts/demo.py --bridge "$bridge" --seconds "$seconds" --mode "$mode"
fi

# ---- serve a socket for the user's own master ----
mem="-object memory-backend-memfd,id=mem,size=512M,share=on -numa node,memdev=mem -m 512M"
case "$backend" in
    blk) dev="-chardev socket,id=vpci0,path=$socket -device vhost-user-blk-pci,chardev=vpci0,num-queues=1" ;;
    *)   dev="-chardev socket,id=vpci0,path=$socket -netdev vhost-user,id=net0,chardev=vpci0 -device virtio-net-pci,netdev=net0,mac=52:54:00:00:00:01,vectors=0" ;;
esac
cat <<EOF
run-demo: serving $socket (backend $backend); start your master, for example QEMU:

  qemu-system-x86_64 -machine q35 -accel tcg $mem \\
    $dev \\
    -kernel ... -initrd ... -nographic

Guest RAM must be shared memory (memory-backend-memfd share=on) and fit the
adapter's window (1 GiB by default, --mem-win-log2). QEMU 7.2 under TCG needs
vectors=0 on virtio-net-pci (docs: bridge/README.md).
EOF
if [ "$backend" != blk ]; then
    echo "DPDK instead: dpdk-testpmd --no-pci --no-huge -m 256 --vdev net_virtio_user0,path=$socket -- -i"
fi
echo "Ctrl-C stops the bridge and prints its report."
echo
exec "$bridge" --socket "$socket" --backend "$backend" "${extra[@]}"
