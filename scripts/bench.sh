#!/usr/bin/env bash
# Builds the benchmarks in Release (build-bench/) and runs them. Figures and
# how to read them: docs/perf.md.
#
# Usage: scripts/bench.sh [--out DIR]                core and dpdk benchmarks with their defaults
#        scripts/bench.sh [--out DIR] core [ARGS...] the C golden model: register accesses/s,
#                                            messages relayed/s, kick -> MSI-X/s, each
#                                            against a baseline loop (bench_core --help)
#        scripts/bench.sh [--out DIR] dpdk [ARGS...] DPDK testpmd txonly at 64 B and 1518 B
#                                            (--sizes for more) through the adapter (bridge,
#                                            firmware rxonly, poll mode) vs. testpmd's own
#                                            vhost PMD: Mpps, Gbit/s, ratio (bench_dpdk.py
#                                            --help: --rounds, --seconds, --sizes, --check...);
#                                            writes DIR/dpdk.csv and draws DIR/dpdk.svg
#        scripts/bench.sh [--out DIR] blk [ARGS...]  qemu-img bench (libblkio, 4 KiB, depths 1
#                                            and 32, reads and writes) into the adapter
#                                            (bridge, firmware blk, --disk on tmpfs, poll
#                                            mode) vs. qemu-storage-daemon on the same file:
#                                            IOPS, ratio (bench_blk.py --help: --rounds,
#                                            --count, --depths, --mode...); needs root (the
#                                            libblkio chroot, scripts/blkio-chroot.sh, built
#                                            on first use); writes DIR/blk.csv, draws DIR/blk.svg
#        scripts/bench.sh [--out DIR] plot   draw DIR/dpdk.svg and DIR/blk.svg again from
#                                            the CSV files in DIR
#        scripts/bench.sh [--out DIR] tlm [ARGS...]  the SystemC TLM module: b_transport register
#                                            reads vs. direct MMIO, window reads via
#                                            b_transport / DMI vs. memcpy, the firmware
#                                            blk scenario's simulated vs. wall time
#                                            (bench_tlm --help: micro|blk, --iters, --reqs)
#        scripts/bench.sh --iters N ...      (old form) = core --iters N ...
# --out DIR: where the CSV files and SVG figures go (default bench-results/ in the
# clone, not committed; the figures docs/perf.md shows are copied to docs/perf/).
# Figures are drawn with gnuplot (Debian: gnuplot-nox, scripts/install-deps.sh
# --group bench); without it the CSV files are still written.
# Environment: VPCI_JOBS (build parallelism, default 2).
# Take the build lock around a run on a shared machine, so no build competes with it:
#   flock /tmp/vpci-build.lock scripts/bench.sh blk
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }

OUT=$ROOT/bench-results
if [ "${1:-}" = --out ]; then
    [ $# -ge 2 ] || { usage >&2; exit 2; }
    OUT=$2
    shift 2
fi
what=all
case "${1:-}" in
    core|dpdk|tlm|blk|plot|all) what=$1; shift ;;
    -h|--help) usage; exit 0 ;;
    "") ;;
    *) what=core ;;
esac
if { [ "$what" = all ] || [ "$what" = plot ]; } && [ $# -gt 0 ]; then
    echo "bench.sh: arguments go with 'core', 'dpdk', 'blk' or 'tlm' (see --help)" >&2
    exit 2
fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# plot NAME: DIR/NAME.svg from DIR/NAME.csv with bench/plot_NAME.gp; the
# subtitle is DIR/NAME.meta (what produced the CSV).
plot() {
    local name=$1 sub=""
    [ -f "$OUT/$name.csv" ] || return 0
    if ! command -v gnuplot >/dev/null; then
        echo "bench.sh: gnuplot not installed (scripts/install-deps.sh --group bench): $OUT/$name.svg not drawn" >&2
        return 0
    fi
    [ -f "$OUT/$name.meta" ] && sub=$(tr -d "'\\\\" <"$OUT/$name.meta")
    gnuplot -e "csv='$OUT/$name.csv'; out='$OUT/$name.svg'; subtitle='$sub'" "bench/plot_$name.gp"
    echo "bench.sh: figure $OUT/$name.svg (data $OUT/$name.csv)"
}

# meta NAME ARGS...: one line naming the run, the subtitle of its figure.
meta() {
    local name=$1; shift
    echo "scripts/bench.sh $name $*; tree $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?'); $(date +%Y-%m-%d); $(nproc) CPUs" >"$OUT/$name.meta"
}

if [ "$what" = plot ]; then
    plot dpdk
    plot blk
    exit 0
fi

gen=()
if [ ! -f build-bench/CMakeCache.txt ] && command -v ninja >/dev/null; then gen=(-G Ninja); fi
cmake -S "$ROOT" -B build-bench "${gen[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
targets=()
case "$what" in
    core) targets+=(bench_core) ;;
    dpdk|blk) targets+=(vhost-pci-bridge) ;;
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
if [ "$what" = blk ]; then
    echo "=== blk benchmark (bench/bench_blk.py)"
    meta blk "$@"
    /usr/bin/python3 bench/bench_blk.py --bridge build-bench/bridge/vhost-pci-bridge \
        --csv "$OUT/blk.csv" "$@" || rc=$?
    [ "$rc" -ne 0 ] || plot blk
    exit "$rc"
fi
if [ "$what" != dpdk ]; then
    echo "=== core benchmark (bench/bench_core.c)"
    build-bench/bench/bench_core "$@" || rc=$?
fi
if [ "$what" != core ]; then
    echo "=== DPDK benchmark (bench/bench_dpdk.py)"
    meta dpdk "$@"
    drc=0
    /usr/bin/python3 bench/bench_dpdk.py --bridge build-bench/bridge/vhost-pci-bridge \
        --csv "$OUT/dpdk.csv" "$@" || drc=$?
    [ "$drc" -ne 0 ] || plot dpdk
    [ "$drc" -eq 0 ] || rc=$drc
fi
exit "$rc"
