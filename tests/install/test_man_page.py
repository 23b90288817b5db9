#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The man page vhost-pci-bridge.1 is kept true to `vhost-pci-bridge --help`:
the same options in both (each direction), the version in its title equals
--version's, and groff formats it without a warning.
Usage: test_man_page.py VHOST_PCI_BRIDGE MAN_PAGE"""
import re
import shutil
import subprocess
import sys

exe, page = sys.argv[1], sys.argv[2]
help_text = subprocess.run([exe, "--help"], capture_output=True, text=True, check=True).stdout
version = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True).stdout
src = open(page).read()
# roff writes a hyphen as \- ; comments (.\") do not count
body = "\n".join(l for l in src.splitlines() if not l.startswith('.\\"')).replace("\\-", "-")
opt = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*|-h)\b")
in_help, in_man = set(opt.findall(help_text)), set(opt.findall(body))
problems = []
if in_help - in_man:
    problems.append(f"in --help, not in the man page: {sorted(in_help - in_man)}")
if in_man - in_help:
    problems.append(f"in the man page, not in --help: {sorted(in_man - in_help)}")
m = re.search(r'^\.TH .*"vhost-pci ([0-9.]+)"', src, re.M)
v = re.search(r"vhost-pci-bridge ([0-9.]+)", version)
if not m or not v or m.group(1) != v.group(1):
    problems.append(f"version: man page {m.group(1) if m else '?'}, --version {version.strip()}")
if shutil.which("groff"):
    g = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", page], capture_output=True,
                       text=True)
    if g.returncode or g.stderr.strip():
        problems.append(f"groff: {g.stderr.strip()}")
else:
    print("note: groff not installed, formatting not checked")
if problems:
    print("FAIL: " + "\nFAIL: ".join(problems))
    sys.exit(1)
print(f"PASS: {len(in_help)} options in --help and the man page, version {v.group(1)}")
