#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""scripts/vpci-ctl.py against a vhost-pci-bridge process with --control:
query, add an adapter, see it, remove it, an error exits 1.
Usage: test_vpci_ctl.py VHOST_PCI_BRIDGE VPCI_CTL_PY"""
import json
import os
import subprocess
import sys
import tempfile
import time

bridge, ctl = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="vpci-ctl-")
csock, a = os.path.join(work, "ctl.sock"), os.path.join(work, "a.sock")
p = subprocess.Popen([bridge, "--control", csock, "--socket", a, "--backend", "rxonly",
                      "--log-file", os.path.join(work, "log")], stdout=subprocess.PIPE, text=True)
try:
    assert p.stdout.readline().strip() == "vhost-pci-bridge: ready"

    def run(*args, ok=True):
        r = subprocess.run([sys.executable, ctl, csock, *args], capture_output=True, text=True,
                           timeout=20)
        if (r.returncode == 0) != ok:
            sys.exit(f"FAIL: vpci-ctl {' '.join(args)}: exit {r.returncode}\n{r.stdout}{r.stderr}")
        return r
    ads = json.loads(run("query-adapters").stdout)
    assert [x["name"] for x in ads] == ["adapter0"] and ads[0]["backend"] == "rxonly", ads
    b = os.path.join(work, "b.sock")
    new = json.loads(run("add-adapter", f"socket={b}", "backend=blk", "ram-disk=4M").stdout)
    assert new["name"] == "adapter1" and os.path.exists(b), new
    assert len(json.loads(run("query-adapters").stdout)) == 2
    run("remove-adapter", "name=adapter1")
    assert not os.path.exists(b)
    err = run("remove-adapter", "name=adapter1", ok=False)
    assert "DeviceNotFound" in err.stderr, err.stderr
    ver = json.loads(run("--raw", '{"execute":"query-version"}').stdout)
    assert ver == {"version": "1.0", "spec": 1}, ver
finally:
    p.terminate()
    p.wait(timeout=10)
print("PASS: vpci-ctl query, add, remove, error, raw")
