#!/usr/bin/env bash
# Long fuzzing campaign of the C golden model (issue 3 "Fuzzing"): builds the
# libFuzzer targets (clang, ASan + UBSan) in build-fuzz/ and runs each for
# SECONDS (default 3600), one after the other, growing build-fuzz/fuzz/corpus-<t>
# from the committed seeds fuzz/corpus/<t>/. Prints executions, exec/s, corpus
# size and findings per target; crash reproducers are kept in
# build-fuzz/fuzz/crash-<t>-*.
#
# Usage: scripts/fuzz-long.sh [SECONDS] [--target T]... [--help]
#   SECONDS      run time per target (default 3600)
#   --target T   only this target (repeatable): fuzz_master_msg, fuzz_mmio_dma,
#                fuzz_vu_msg, fuzz_vfu_msg
# Environment: VPCI_JOBS (build parallelism, default 2), FUZZ_JOBS (parallel
#   libFuzzer workers per target, default 1), FUZZ_RELAX_MSI_ORDER=1 (skip the
#   MSI-X-after-DMA-writes invariant; a debugging aid).
# Replay a finding: build-fuzz/fuzz/<target> <crash file>  (FUZZ_VERBOSE=1 traces).
# Exit status: 0 if no target found anything.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }

secs=3600
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --target) [ $# -ge 2 ] || { usage >&2; exit 2; }; targets+=("$2"); shift 2 ;;
        [0-9]*) secs=$1; shift ;;
        *) echo "fuzz-long.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_master_msg fuzz_mmio_dma fuzz_vu_msg fuzz_vfu_msg)

if ! command -v clang >/dev/null || ! command -v clang++ >/dev/null; then
    echo "fuzz-long.sh: clang is not installed (Debian: apt-get install clang)" >&2
    exit 1
fi
gen=()
if [ ! -f build-fuzz/CMakeCache.txt ] && command -v ninja >/dev/null; then gen=(-G Ninja); fi
CC=clang CXX=clang++ cmake -S "$ROOT" -B build-fuzz "${gen[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DVPCI_FUZZ=ON >/dev/null
cmake --build build-fuzz --target fuzz_all -j"${VPCI_JOBS:-2}"

# artifacts T: number of reproducers libFuzzer wrote for target T.
artifacts() { find build-fuzz/fuzz -maxdepth 1 -name "crash-$1-*" | wc -l; }

findings=0
summary=()
for t in "${targets[@]}"; do
    bin=build-fuzz/fuzz/$t
    [ -x "$bin" ] || { echo "fuzz-long.sh: no target $t" >&2; exit 2; }
    work=build-fuzz/fuzz/corpus-$t
    mkdir -p "$work"
    before=$(artifacts "$t")
    log=build-fuzz/fuzz/long-$t.log
    echo "=== fuzz-long.sh: $t for ${secs}s (log: $log)"
    args=(-max_total_time="$secs" -print_final_stats=1 -timeout=25
          -artifact_prefix="$ROOT/build-fuzz/fuzz/crash-$t-")
    if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then
        args+=(-fork="${FUZZ_JOBS}" -ignore_crashes=1)
    fi
    rc=0
    "$bin" "${args[@]}" "$work" "fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
    after=$(artifacts "$t")
    execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
    rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$log" | tail -1)
    if [ -z "$execs" ]; then
        execs=$(sed -nE 's/^Done ([0-9]+) runs.*/\1/p; s/^#([0-9]+).*exec\/s: ([0-9]+).*/\1/p' "$log" | tail -1)
    fi
    new=$((after - before))
    corpus=$(find "$work" -type f | wc -l)
    if [ "$rc" -ne 0 ] || [ "$new" -gt 0 ]; then
        findings=$((findings + 1))
        echo "--- $t: FINDING (exit $rc); first report:"
        grep -m1 -E 'FUZZ INVARIANT|ERROR: AddressSanitizer|runtime error|ERROR: libFuzzer|LeakSanitizer' "$log" || true
        find build-fuzz/fuzz -maxdepth 1 -name "crash-$t-*" | tail -3
    fi
    summary+=("$(printf '%-18s %12s %10s %8s %9s' "$t" "${execs:-?}" "${rate:-?}" "$corpus" "$new")")
done
echo
printf '%-18s %12s %10s %8s %9s\n' target executions exec/s corpus findings
for l in "${summary[@]}"; do echo "$l"; done
exit $((findings > 0))
