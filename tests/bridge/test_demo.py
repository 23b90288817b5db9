#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The README's main job, proven by the test suite: runs scripts/run-demo.sh
(the embedded default scenario: bridge + firmware net backends + DPDK
testpmd, no VM) in a short mode with a built bridge, and checks its report:
"demo result: PASS", frames > 0, frames_bad == 0, frames_ok == frames,
messages relayed > 0. Exit 77 (skip) without dpdk-testpmd."""
import os
import re
import shutil
import subprocess
import sys

if len(sys.argv) != 2:
    sys.exit("usage: test_demo.py VHOST_PCI_BRIDGE")
if not shutil.which("dpdk-testpmd"):
    print("SKIP: dpdk-testpmd not found (scripts/install-deps.sh --group vm)")
    sys.exit(77)
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
p = subprocess.run([os.path.join(root, "scripts", "run-demo.sh"), "--no-deps", "--bridge",
                    sys.argv[1], "--seconds", "1"], capture_output=True, text=True, timeout=120)
print(p.stdout[-4000:], p.stderr[-2000:])
m = re.search(r"^demo result: (\w+) messages=(\d+) frames=(\d+) frames_ok=(\d+) frames_bad=(\d+) "
              r"tx_frames_seen=(\d+)", p.stdout, re.M)
if p.returncode != 0 or not m:
    sys.exit(f"FAIL: run-demo.sh exit {p.returncode}, result line {'found' if m else 'missing'}")
verdict, msgs, frames, ok, bad, seen = m.group(1), *map(int, m.groups()[1:])
if verdict != "PASS" or frames == 0 or bad != 0 or ok != frames or msgs == 0 or seen == 0:
    sys.exit(f"FAIL: {m.group(0)}")
print(f"PASS: demo verified {frames} frames (frames_bad=0), {seen} frames to testpmd, "
      f"{msgs} messages relayed")
