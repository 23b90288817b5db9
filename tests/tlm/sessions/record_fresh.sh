#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tlm.record_fresh_testpmd: record a new DPDK testpmd session with
# vhost-pci-bridge --record (capture.py net) and replay it with the replay
# tests (test_tlm_replay, VPCI_SESSIONS_DIR pointing at the new files): the
# recorder works against today's DPDK, not only in the checked-in file.
# Usage: record_fresh.sh BRIDGE TEST_TLM_REPLAY. Exit 77: no DPDK here.
set -euo pipefail
bridge=$1 replay=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if ! command -v dpdk-testpmd >/dev/null; then
    echo "SKIP: dpdk-testpmd not found (scripts/install-deps.sh --group dpdk)" >&2
    exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
/usr/bin/python3 "$here/capture.py" net --bridge "$bridge" --out "$out"
/usr/bin/python3 "$here/../../../scripts/vpci-rec.py" --summary "$out/testpmd-rxonly.vpcirec"
for t in TestpmdSessionOnTheCoreAloneReproducesTheRecording TestpmdSessionOnTheVpMatchesTheCoreAlone; do
    VPCI_SESSIONS_DIR=$out "$replay" --gtest_filter="TlmReplay.$t"
done
