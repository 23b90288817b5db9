#!/usr/bin/env bash
# Builds the benchmarks in Release (build-bench/) and runs them. Figures and
# how to read them: docs/perf.md.
#
# Usage: scripts/bench.sh                    core and dpdk benchmarks with their defaults
#        scripts/bench.sh core [ARGS...]     the C golden model: register accesses/s,
#                                            messages relayed/s, kick -> MSI-X/s, each
#                                            against a baseline loop (bench_core --help)
#        scripts/bench.sh dpdk [ARGS...]     DPDK testpmd txonly at 64 B and 1518 B
#                                            through the adapter (bridge, firmware
#                                            rxonly, poll mode) vs. testpmd's own vhost
#                                            PMD: Mpps, Gbit/s, ratio (bench_dpdk.py
#                                            --help: --rounds, --seconds, --check...)
#        scripts/bench.sh tlm [ARGS...]      the SystemC TLM module: b_transport register
#                                            reads vs. direct MMIO, window reads via
#                                            b_transport / DMI vs. memcpy, the firmware
#                                            blk scenario's simulated vs. wall time
#                                            (bench_tlm --help: micro|blk, --iters, --reqs)
#        scripts/bench.sh --iters N ...      (old form) = core --iters N ...
# Environment: VPCI_JOBS (build parallelism, default 2).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

what=all
case "${1:-}" in
    core|dpdk|tlm|all) what=$1; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    "") ;;
    *) what=core ;;
esac
if [ "$what" = all ] && [ $# -gt 0 ]; then
    echo "bench.sh: arguments go with 'core', 'dpdk' or 'tlm' (see --help)" >&2
    exit 2
fi

gen=()
if [ ! -f build-bench/CMakeCache.txt ] && command -v ninja >/dev/null; then gen=(-G Ninja); fi
cmake -S "$ROOT" -B build-bench "${gen[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
targets=()
case "$what" in
    core) targets+=(bench_core) ;;
    dpdk) targets+=(vhost-pci-bridge) ;;
    tlm) targets+=(bench_tlm) ;;
    all) targets+=(bench_core vhost-pci-bridge) ;;
esac
cmake --build build-bench --target "${targets[@]}" -j"${VPCI_JOBS:-2}" >/dev/null
echo "bench.sh: $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown), $(uname -m), $(nproc) CPU(s), $(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' build-bench/CMakeCache.txt)"

rc=0
if [ "$what" = tlm ]; then
    echo "=== TLM benchmark (bench/bench_tlm.cpp)"
    build-bench/bench/bench_tlm "$@" || rc=$?
    exit "$rc"
fi
if [ "$what" != dpdk ]; then
    echo "=== core benchmark (bench/bench_core.c)"
    build-bench/bench/bench_core "$@" || rc=$?
fi
if [ "$what" != core ]; then
    echo "=== DPDK benchmark (bench/bench_dpdk.py)"
    /usr/bin/python3 bench/bench_dpdk.py --bridge build-bench/bridge/vhost-pci-bridge "$@" || rc=$?
fi
exit "$rc"
