#!/usr/bin/env bash
# The test command of vhost-pci: sets up a fresh Debian 12 machine, builds
# everything and runs every test layer, then prints a summary with the time
# each layer took against its budget.
#
# Usage: scripts/test.sh [--quick] [--label L]... [--no-deps] [--no-chroot] [--no-coverage] [--help]
#   --quick        normal build and its tests only (no sanitizer or coverage build)
#   --label L      run only the tests labelled L (repeatable); the sanitizer and
#                  coverage phases then run only if L is one of their labels
#   --no-deps      do not call scripts/install-deps.sh
#   --no-chroot    do not build the chroots (scripts/blkio-chroot.sh,
#                  scripts/qemu-vfio-user-chroot.sh); bridge.blkio then builds its
#                  own or skips (exit 77), vm.vfu_lspci skips (exit 77)
#   --no-coverage  skip the coverage build
#   --help         this text
#
# Phases:
#   deps         scripts/install-deps.sh (root)
#   chroot       scripts/blkio-chroot.sh (root; when label bridge runs): the Debian
#                trixie chroot with libblkio and QEMU's tools that bridge.blkio uses
#                as a vhost-user-blk master; about 3 min on a fresh machine, then
#                cached in /var/cache/vhost-pci (instant); and (when label vm runs)
#                scripts/qemu-vfio-user-chroot.sh: trixie + backports QEMU 11.1 for
#                the backend VM of vm.vfu_lspci (about 1.5 min, then cached)
# and the builds, each in its own tree under the repository root:
#   build/       RelWithDebInfo build; ctest by label, in layer order
#   build-asan/  -DVPCI_SANITIZE=ON (ASan+UBSan); labels in SAN_LABELS
#   build-cov/   -DVPCI_COVERAGE=ON; label `core`, line coverage of model/ (lcov);
#                only once model/ has a CMakeLists.txt
#   build-fuzz/  clang, -DVPCI_FUZZ=ON; builds only the libFuzzer targets
#                (fuzz_all) and runs label `fuzz` (~60 s per target); skipped,
#                loudly, without clang. Long campaign: scripts/fuzz-long.sh
# Environment: VPCI_JOBS (build and ctest parallelism, default 2),
#   VPCI_DEPS_GROUP (install-deps group, default all),
#   VPCI_COVERAGE_MIN (fail if model/ line coverage is below this percentage;
#   issue 3 requires more than 90).
# Exit status: 0 only if every test passed and no layer exceeded its budget.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

JOBS=${VPCI_JOBS:-2}
DEFAULT_TEST_TIMEOUT=300

# Time budgets in seconds, one place for all of them. A label without an
# entry gets DEFAULT_BUDGET. The whole run must stay well inside CI's 90 min.
declare -A BUDGET=(
    [deps]=600
    [chroot]=600
    [build]=900
    [regs]=120
    [spec]=120
    [core]=600
    [tlm]=180
    [rtl]=900
    [firmware]=600
    [bridge]=900
    [vm]=900
    [fuzz]=300
    [bench]=600
    [install]=300
    [sanitize]=900
    [coverage]=900
    [total]=4800
)
DEFAULT_BUDGET=300
# Order in which labels run; labels not listed here run after them.
LABEL_ORDER=(regs spec core tlm rtl firmware bridge vm install fuzz bench)
# Labels whose tests also run in the sanitizer build (C code paths).
SAN_LABELS=(regs core tlm firmware bridge)
# Labels whose tests feed the coverage report of model/.
COV_LABELS=(core)

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }

quick=0
do_deps=1
do_chroot=1
do_cov=1
only_labels=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1; shift ;;
        --label) [ $# -ge 2 ] || { usage >&2; exit 2; }; only_labels+=("$2"); shift 2 ;;
        --label=*) only_labels+=("${1#--label=}"); shift ;;
        --no-deps) do_deps=0; shift ;;
        --no-chroot) do_chroot=0; shift ;;
        --no-coverage) do_cov=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "test.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

say() { printf '\n=== test.sh: %s\n' "$*"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
budget_of() { echo "${BUDGET[$1]:-$DEFAULT_BUDGET}"; }
contains() { local x=$1; shift; local y; for y in "$@"; do [ "$x" = "$y" ] && return 0; done; return 1; }

# Summary rows.
R_NAME=(); R_PASS=(); R_FAIL=(); R_SECS=(); R_BUDGET=(); R_STATUS=()
TOTAL_PASS=0
TOTAL_FAIL=0
failed=0
# add_row NAME PASS FAIL SECS BUDGET OK(0/1): marks the row and the run as
# failed if OK is 0 or SECS exceeds BUDGET.
add_row() {
    local status=ok
    if [ "$6" -ne 1 ]; then
        status=FAIL
    elif awk -v s="$4" -v b="$5" 'BEGIN { exit !(s > b) }'; then
        status="OVER BUDGET"
    fi
    [ "$status" = ok ] || failed=1
    R_NAME+=("$1"); R_PASS+=("$2"); R_FAIL+=("$3"); R_SECS+=("$4")
    R_BUDGET+=("$5"); R_STATUS+=("$status")
}

T_START=$(now)
LOGDIR=$(mktemp -d)
trap 'rm -rf "$LOGDIR"' EXIT

# ---------------------------------------------------------------- deps
if [ "$do_deps" -eq 1 ]; then
    say "dependencies (scripts/install-deps.sh)"
    t=$(now)
    if [ "$(id -u)" -eq 0 ]; then
        if scripts/install-deps.sh --group "${VPCI_DEPS_GROUP:-all}"; then ok=1; else ok=0; fi
    elif scripts/install-deps.sh --group "${VPCI_DEPS_GROUP:-all}" --check; then
        ok=1
    else
        echo "test.sh: packages are missing and this is not root: run 'sudo scripts/test.sh'" >&2
        exit 1
    fi
    add_row deps - - "$(elapsed "$t")" "$(budget_of deps)" "$ok"
    [ "$ok" -eq 1 ] || { echo "test.sh: dependency installation failed" >&2; exit 1; }
fi

# ---------------------------------------------------------------- chroot
# The libblkio chroot for bridge.blkio (label bridge): built once per machine and
# cached outside the clone; a build that cannot happen here (no root, no network:
# exit 77) is reported and the test then skips loudly.
if [ "$do_chroot" -eq 1 ] && { [ ${#only_labels[@]} -eq 0 ] || contains bridge "${only_labels[@]}"; }; then
    say "libblkio chroot (scripts/blkio-chroot.sh; about 3 min on a fresh machine, then cached)"
    t=$(now)
    rc=0
    scripts/blkio-chroot.sh || rc=$?
    if [ "$rc" -eq 77 ]; then
        echo "test.sh: WARNING: the libblkio chroot cannot be built here: bridge.blkio will be SKIPPED" >&2
        add_row "chroot (skipped)" - - "$(elapsed "$t")" "$(budget_of chroot)" 1
    else
        add_row chroot - - "$(elapsed "$t")" "$(budget_of chroot)" $((rc == 0 ? 1 : 0))
    fi
fi
# The QEMU (>= 10.1.1, vfio-user-pci) chroot of the backend VM for vm.vfu_lspci.
if [ "$do_chroot" -eq 1 ] && { [ ${#only_labels[@]} -eq 0 ] || contains vm "${only_labels[@]}"; }; then
    say "QEMU vfio-user chroot (scripts/qemu-vfio-user-chroot.sh; about 1.5 min on a fresh machine, then cached)"
    t=$(now)
    rc=0
    scripts/qemu-vfio-user-chroot.sh || rc=$?
    if [ "$rc" -eq 77 ]; then
        echo "test.sh: WARNING: the QEMU chroot cannot be built here: vm.vfu_lspci will be SKIPPED" >&2
        add_row "chroot qemu (skipped)" - - "$(elapsed "$t")" "$(budget_of chroot)" 1
    else
        add_row "chroot qemu" - - "$(elapsed "$t")" "$(budget_of chroot)" $((rc == 0 ? 1 : 0))
    fi
fi

# configure_build DIR ROWNAME [cmake args...]: configures (Ninja when
# available, unless DIR was configured before) and builds DIR; adds a row.
configure_build() {
    local dir=$1 row=$2; shift 2
    local gen=()
    if [ ! -f "$dir/CMakeCache.txt" ] && command -v ninja >/dev/null; then
        gen=(-G Ninja)
    fi
    say "configure and build $dir/ ${*:-(defaults)}"
    local t ok=1
    t=$(now)
    cmake -S "$ROOT" -B "$dir" "${gen[@]}" "$@" || ok=0
    if [ "$ok" -eq 1 ]; then
        cmake --build "$dir" -j"$JOBS" || ok=0
    fi
    add_row "$row" - - "$(elapsed "$t")" "$(budget_of build)" "$ok"
    return $((1 - ok))
}

# labels_of DIR: the CTest labels of DIR, in LABEL_ORDER first, then the rest.
labels_of() {
    local dir=$1 all l
    all=$(ctest --test-dir "$dir" --print-labels 2>/dev/null |
          awk '/^All Labels:/ { on = 1; next } on && NF { print $1 }' | sort -u)
    for l in "${LABEL_ORDER[@]}"; do
        grep -qx -- "$l" <<<"$all" && echo "$l"
    done
    for l in $all; do
        contains "$l" "${LABEL_ORDER[@]}" || echo "$l"
    done
    return 0
}

# run_ctest DIR ROWNAME BUDGET SELECT-ARGS...: runs ctest with the given
# selection, shows its output, and adds a row with its counts and time.
run_ctest() {
    local dir=$1 row=$2 budget=$3; shift 3
    local log="$LOGDIR/ctest.$RANDOM.log" t rc=0 pass=0 fail=0 total=0 line
    say "ctest $row ($dir: $*)"
    t=$(now)
    ctest --test-dir "$dir" --output-on-failure --timeout "$DEFAULT_TEST_TIMEOUT" \
          --parallel "$JOBS" "$@" 2>&1 | tee "$log" || rc=$?
    local secs
    secs=$(elapsed "$t")
    line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -1 || true)
    if [ -n "$line" ]; then
        fail=$(sed -E 's/.* ([0-9]+) tests? failed out of.*/\1/' <<<"$line")
        total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
        pass=$((total - fail))
    fi
    if [ "$total" -eq 0 ]; then
        echo "test.sh: no tests ran for $row"
    fi
    TOTAL_PASS=$((TOTAL_PASS + pass))
    TOTAL_FAIL=$((TOTAL_FAIL + fail))
    local ok=1
    [ "$rc" -eq 0 ] && [ "$fail" -eq 0 ] || ok=0
    add_row "$row" "$pass" "$fail" "$secs" "$budget" "$ok"
}

# run_labels DIR PREFIX LABEL...: one ctest run per label.
run_labels() {
    local dir=$1 prefix=$2 l; shift 2
    for l in "$@"; do
        run_ctest "$dir" "$prefix$l" "$(budget_of "$l")" -L "^${l}\$"
    done
}

# in_set LIST-NAME: the labels of build/ that are also in the named array.
in_set() {
    local -n set=$1
    local l
    for l in "${BUILD_LABELS[@]}"; do
        if contains "$l" "${set[@]}"; then echo "$l"; fi
    done
    return 0
}

# selected LABEL...: the given labels that --label allows, in order.
selected() {
    local l
    for l in "$@"; do
        if [ ${#only_labels[@]} -eq 0 ] || contains "$l" "${only_labels[@]}"; then
            echo "$l"
        fi
    done
}

# ---------------------------------------------------------------- normal build
BUILD_LABELS=()
build_ok=0
if configure_build build build; then
    build_ok=1
    mapfile -t BUILD_LABELS < <(labels_of build)
    mapfile -t labels < <(selected "${BUILD_LABELS[@]}")
    if [ ${#only_labels[@]} -gt 0 ]; then
        for l in "${only_labels[@]}"; do
            # fuzz tests exist only in build-fuzz/ (clang), see below
            if [ "$l" != fuzz ] && ! contains "$l" "${labels[@]}"; then
                echo "test.sh: label '$l' has no tests in build/ (labels: ${BUILD_LABELS[*]})"
                failed=1
            fi
        done
    fi
    run_labels build "" "${labels[@]}"
    # Tests without any label still run, in a row of their own.
    if [ ${#only_labels[@]} -eq 0 ] &&
       ctest --test-dir build -N -LE . 2>/dev/null | grep -Eq 'Total Tests: [1-9]'; then
        run_ctest build "(unlabeled)" "$DEFAULT_BUDGET" -LE .
    fi
fi

# ---------------------------------------------------------------- sanitizers
if [ "$quick" -eq 0 ] && [ "$build_ok" -eq 0 ]; then
    say "sanitizer and coverage builds skipped: the normal build failed"
elif [ "$quick" -eq 0 ]; then
    mapfile -t san < <(in_set SAN_LABELS)
    mapfile -t san < <(selected "${san[@]}")
    if [ ${#san[@]} -eq 0 ]; then
        say "sanitizer build skipped: no tests labelled ${SAN_LABELS[*]}"
    else
        t_san=$(now)
        if configure_build build-asan asan:build -DCMAKE_BUILD_TYPE=Debug \
                -DVPCI_SANITIZE=ON -DCMAKE_C_FLAGS_DEBUG="-g -O1" -DCMAKE_CXX_FLAGS_DEBUG="-g -O1"; then
            ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1} \
            UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
                run_labels build-asan asan: "${san[@]}"
        fi
        add_row "sanitize (total)" - - "$(elapsed "$t_san")" "$(budget_of sanitize)" 1
    fi
fi

# ---------------------------------------------------------------- coverage
if [ "$quick" -eq 0 ] && [ "$build_ok" -eq 1 ] && [ "$do_cov" -eq 1 ] && [ -f model/CMakeLists.txt ]; then
    mapfile -t cov < <(in_set COV_LABELS)
    mapfile -t cov < <(selected "${cov[@]}")
    if [ ${#cov[@]} -eq 0 ]; then
        say "coverage build skipped: no tests labelled ${COV_LABELS[*]}"
    elif ! command -v lcov >/dev/null; then
        say "coverage build skipped: lcov is not installed"
    else
        t_cov=$(now)
        if configure_build build-cov cov:build -DCMAKE_BUILD_TYPE=Debug -DVPCI_COVERAGE=ON; then
            lcov --quiet --zerocounters --directory build-cov
            run_labels build-cov cov: "${cov[@]}"
            cov_ok=1
            # lcov 1.16's geninfo prints perl redefinition noise on stderr:
            # kept in a log, shown only when lcov fails.
            if lcov --quiet --capture --directory build-cov --output-file build-cov/all.info \
                    2>"$LOGDIR/lcov.err" &&
               lcov --quiet --extract build-cov/all.info "$ROOT/model/*" \
                    --output-file build-cov/model.info 2>>"$LOGDIR/lcov.err"; then
                say "line coverage of model/ (tests: ${cov[*]})"
                # Per file, then the total; build-cov/model.info has the detail
                # (genhtml build-cov/model.info -o build-cov/html for a report).
                lcov --list build-cov/model.info 2>/dev/null | sed -n '/^\[/,$p' || true
                lcov --summary build-cov/model.info 2>&1 | grep -E 'lines|functions' || true
                pct=$(lcov --summary build-cov/model.info 2>&1 | sed -nE 's/.*lines\.*: ([0-9.]+)%.*/\1/p')
                echo "test.sh: model/ line coverage: ${pct:-?}% (issue 3 requires more than 90%)"
                if [ -n "${VPCI_COVERAGE_MIN:-}" ] && [ -n "$pct" ] &&
                   awk -v p="$pct" -v m="$VPCI_COVERAGE_MIN" 'BEGIN { exit !(p < m) }'; then
                    echo "test.sh: model/ line coverage $pct% is below VPCI_COVERAGE_MIN=$VPCI_COVERAGE_MIN%"
                    cov_ok=0
                fi
            else
                cat "$LOGDIR/lcov.err"
                echo "test.sh: lcov could not produce a report"
                cov_ok=0
            fi
            add_row "coverage (total)" - - "$(elapsed "$t_cov")" "$(budget_of coverage)" "$cov_ok"
        fi
    fi
fi

# ---------------------------------------------------------------- fuzz
# libFuzzer targets need clang: their own build tree, only the fuzz targets
# are built; ctest label `fuzz` runs each for ~60 s (fuzz/CMakeLists.txt).
if [ "$quick" -eq 0 ] && [ "$build_ok" -eq 1 ] && [ -f fuzz/CMakeLists.txt ] &&
   [ -n "$(selected fuzz)" ]; then
    if ! command -v clang >/dev/null || ! command -v clang++ >/dev/null; then
        say "FUZZ PHASE SKIPPED: clang/clang++ not found (Debian: apt-get install clang)"
        echo "test.sh: WARNING: the fuzz label did not run" >&2
        add_row "fuzz (skipped)" - - 0 "$(budget_of fuzz)" 1
    else
        t_fuzz=$(now)
        say "configure and build build-fuzz/ (clang, -DVPCI_FUZZ=ON, target fuzz_all)"
        fuzz_gen=()
        if [ ! -f build-fuzz/CMakeCache.txt ] && command -v ninja >/dev/null; then
            fuzz_gen=(-G Ninja)
        fi
        ok=1
        CC=clang CXX=clang++ cmake -S "$ROOT" -B build-fuzz "${fuzz_gen[@]}" \
            -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
            -DCMAKE_CXX_COMPILER=clang++ -DVPCI_FUZZ=ON || ok=0
        if [ "$ok" -eq 1 ]; then
            cmake --build build-fuzz --target fuzz_all -j"$JOBS" || ok=0
        fi
        add_row "fuzz:build" - - "$(elapsed "$t_fuzz")" "$(budget_of build)" "$ok"
        if [ "$ok" -eq 1 ]; then
            run_ctest build-fuzz fuzz "$(budget_of fuzz)" -L '^fuzz$'
            # Executions per target, for the issue note.
            for f in build-fuzz/Testing/Temporary/LastTest.log; do
                [ -f "$f" ] && grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|[0-9/]+ Test: fuzz)' "$f" |
                    sed 's/^/test.sh: /' || true
            done
        fi
    fi
fi

# ---------------------------------------------------------------- summary
add_row total "$TOTAL_PASS" "$TOTAL_FAIL" "$(elapsed "$T_START")" "$(budget_of total)" 1

say "summary (seconds per phase and label; budgets in scripts/test.sh)"
printf '%-20s %7s %7s %9s %8s  %s\n' label passed failed seconds budget status
printf '%-20s %7s %7s %9s %8s  %s\n' -------------------- ------- ------- --------- -------- ------
for i in "${!R_NAME[@]}"; do
    printf '%-20s %7s %7s %9s %8s  %s\n' "${R_NAME[$i]}" "${R_PASS[$i]}" "${R_FAIL[$i]}" \
           "${R_SECS[$i]}" "${R_BUDGET[$i]}" "${R_STATUS[$i]}"
done
if [ "$failed" -ne 0 ]; then
    echo "test.sh: FAILED (a build failed, a test failed, or a phase went over its budget)"
elif [ "$TOTAL_PASS" -eq 0 ]; then
    echo "test.sh: no test ran"
fi
echo "total: $TOTAL_PASS passed, $TOTAL_FAIL failed"
exit "$failed"
