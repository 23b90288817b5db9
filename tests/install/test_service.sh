#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The bridge as a service (issue 14):
#  1. the systemd unit template passes `systemd-analyze verify` without a
#     single warning (ExecStart pointed at the built bridge);
#  2. the example configuration file, with its /run/vhost-pci paths moved to
#     a temporary directory, starts the built bridge with --config alone: its
#     three adapters listen, the control socket reports them (vpci-ctl), and
#     SIGTERM (the unit's stop) ends it with its report and exit code 0;
#  3. a command-line option still wins over the file's.
# Usage: test_service.sh VHOST_PCI_BRIDGE SOURCE_DIR
set -euo pipefail
bridge=$1
src=$(cd "$2" && pwd)
tmp=$(mktemp -d /tmp/vpci-svc-XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# 1. the unit
if command -v systemd-analyze >/dev/null; then
    sed "s|/usr/bin/vhost-pci-bridge|$bridge|" "$src/packaging/vhost-pci-bridge@.service" \
        >"$tmp/vhost-pci-bridge@test.service"
    out=$(cd "$tmp" && systemd-analyze verify --man=no "vhost-pci-bridge@test.service" 2>&1) \
        || fail "systemd-analyze verify: $out"
    [ -z "$out" ] || fail "systemd-analyze verify warns: $out"
    echo "unit: systemd-analyze verify clean"
else
    echo "NOTE: systemd-analyze missing: the unit file is not verified (package systemd)"
fi

# 2. the example configuration
sed "s|/run/vhost-pci|$tmp|g" "$src/packaging/bridge.conf.example" >"$tmp/bridge.conf"
"$bridge" --config "$tmp/bridge.conf" --log-file "$tmp/log" >"$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q "vhost-pci-bridge: ready" "$tmp/out" && break; sleep 0.05; done
grep -q "vhost-pci-bridge: ready" "$tmp/out" || { cat "$tmp/out" "$tmp/log"; fail "not ready"; }
for s in example-net0 example-net1 example-blk0; do
    [ -S "$tmp/$s.sock" ] || fail "no socket $s.sock"
done
q=$(/usr/bin/python3 "$src/scripts/vpci-ctl.py" "$tmp/example-ctl.sock" query-adapters)
n=$(printf '%s' "$q" | /usr/bin/python3 -c 'import json,sys; a=json.load(sys.stdin); print(len(a), a[2]["backend"], a[1]["socket"].endswith("example-net1.sock"))')
[ "$n" = "3 blk True" ] || fail "query-adapters: $n"
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
pid=
[ $rc -eq 0 ] || fail "exit code $rc after SIGTERM"
grep -q "^adapter2 backend=blk" "$tmp/out" || fail "no report at stop: $(cat "$tmp/out")"
echo "config: 3 adapters from the example file, control socket, report at SIGTERM"

# 3. the command line wins
"$bridge" --config "$tmp/bridge.conf" --mode poll --exit-after-sessions 1 \
    --log-file "$tmp/log2" >"$tmp/out2" 2>&1 &
pid=$!
# the ready line comes after the signal handlers are in place
for _ in $(seq 200); do grep -q "vhost-pci-bridge: ready" "$tmp/out2" && break; sleep 0.05; done
kill -TERM "$pid"
wait "$pid" || true
pid=
grep -q "^bridge adapters=3 mode=poll" "$tmp/out2" || fail "--mode poll did not win: $(head -2 "$tmp/out2")"
echo "PASS: unit verified, the example configuration runs, the command line overrides it"
