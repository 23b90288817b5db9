#!/usr/bin/env bash
# Builds the benchmark of the C golden model in Release (build-bench/) and
# runs it: register accesses/s, messages relayed/s, kick -> MSI-X/s, each with
# a ratio to a baseline loop of the same run. Figures: docs/perf.md.
#
# Usage: scripts/bench.sh [bench_core args...]   (e.g. --iters 4000000, --help)
# Environment: VPCI_JOBS (build parallelism, default 2).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
gen=()
if [ ! -f build-bench/CMakeCache.txt ] && command -v ninja >/dev/null; then gen=(-G Ninja); fi
cmake -S "$ROOT" -B build-bench "${gen[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-bench --target bench_core -j"${VPCI_JOBS:-2}" >/dev/null
echo "bench.sh: $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown), $(uname -m), $(nproc) CPU(s), $(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' build-bench/CMakeCache.txt)"
exec build-bench/bench/bench_core "$@"
