#!/usr/bin/python3
"""Tests of tools/regs_gen.py (python unittest, no other tools needed).

  /usr/bin/python3 tests/regs/test_regs_gen.py            # all
  /usr/bin/python3 tests/regs/test_regs_gen.py Negative   # one class

Negative: every tests/regs/bad/<id>.yaml must fail with error id <id>, and the
CLI's message must match the file's first-line `# expect: <regex>` (which
includes file:line: path). Every id in regs_gen.ERRORS has such a file. Files
named req_*.yaml are request tables, loaded with the real register map
(--requests); the others are register maps.
Positive: good_min.yaml (with good_min_requests.yaml) and the real register map
(with regs/vhost_user_requests.yaml) generate, deterministically.
"""
import glob
import os
import shutil
import re
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GEN = os.path.join(ROOT, "tools", "regs_gen.py")
REAL_MAP = "regs/vhost_pci_regs.yaml"
PY = "/usr/bin/python3"
sys.path.insert(0, os.path.join(ROOT, "tools"))
import regs_gen  # noqa: E402


def run_gen(*args):
    return subprocess.run([PY, GEN] + list(args), capture_output=True, text=True, cwd=ROOT)


def bad_files():
    return sorted(glob.glob(os.path.join(HERE, "bad", "*.yaml")))


class Negative(unittest.TestCase):
    def test_every_error_has_a_negative_input(self):
        have = {os.path.splitext(os.path.basename(p))[0] for p in bad_files()}
        missing = sorted(set(regs_gen.ERRORS) - have)
        extra = sorted(have - set(regs_gen.ERRORS))
        self.assertEqual(missing, [], "error ids without tests/regs/bad/<id>.yaml")
        self.assertEqual(extra, [], "bad inputs named after no error id")

    def test_every_raise_uses_a_known_id(self):
        src = open(GEN, encoding="utf-8").read()
        body = src.split("class RegsError", 1)[1]
        used = set(re.findall(r'\.err\(\s*"([a-z_0-9]+)"', body))
        self.assertEqual(sorted(used - set(regs_gen.ERRORS)), [])
        quoted = set(re.findall(r'"([a-z_0-9]+)"', body))
        self.assertEqual(sorted(set(regs_gen.ERRORS) - quoted), [], "unused error ids")
        self.assertNotRegex(src, r"\n\s*assert ", "validation must not use assert")

    def test_bad_inputs(self):
        for path in bad_files():
            eid = os.path.splitext(os.path.basename(path))[0]
            with self.subTest(eid=eid):
                first = open(path, encoding="utf-8").readline()
                m = re.match(r"# expect: (.*)$", first.rstrip("\n"))
                self.assertIsNotNone(m, "first line must be '# expect: <regex>'")
                rel = os.path.relpath(path, ROOT)
                if eid.startswith("req_"):  # a request table, checked with the real map
                    load_args, cli = (os.path.join(ROOT, REAL_MAP), path), \
                        ("--yaml", REAL_MAP, "--requests", rel)
                else:
                    load_args, cli = (path,), ("--yaml", rel)
                with self.assertRaises(regs_gen.RegsError) as cm:
                    regs_gen.load(*load_args)
                self.assertEqual(cm.exception.eid, eid)
                with tempfile.TemporaryDirectory() as tmp:
                    p = run_gen(*cli, "--out-dir", tmp)
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertEqual(os.listdir(tmp) if os.path.isdir(tmp) else [], [])
                line = p.stderr.strip().splitlines()[-1]
                self.assertRegex(line, r"^error: %s:\d+: \S+: " % re.escape(rel))
                self.assertRegex(line, m.group(1))


class Positive(unittest.TestCase):
    def gen(self, yaml_path, out):
        p = run_gen("--yaml", yaml_path, "--out-dir", out, "--docs", os.path.join(out, "r.md"))
        self.assertEqual(p.returncode, 0, p.stderr)
        return {f: open(os.path.join(out, f), "rb").read() for f in sorted(os.listdir(out))}

    def test_min_and_real_deterministic(self):
        for y in ("tests/regs/good_min.yaml", "regs/vhost_pci_regs.yaml"):
            with self.subTest(yaml=y), tempfile.TemporaryDirectory() as a, \
                    tempfile.TemporaryDirectory() as b:
                fa, fb = self.gen(y, a), self.gen(y, b)
                self.assertEqual(len(fa), 11)
                self.assertEqual(fa, fb, "output differs between runs")
                for name, data in fa.items():
                    head = data[:400].decode()
                    self.assertIn("GENERATED FILE - DO NOT EDIT", head, name)
                    self.assertIn(regs_gen.REGEN_CMD, head, name)

    def test_csr_top_lints(self):
        """The AXI4-Lite CSR slave of the small map (every access type) is lint-clean."""
        verilator = shutil.which("verilator")
        if not verilator:
            self.skipTest("verilator not installed")
        with tempfile.TemporaryDirectory() as d:
            self.gen("tests/regs/good_min.yaml", d)
            p = subprocess.run([verilator, "--lint-only", "-Wall",
                                os.path.join(d, "mini_csr_top.sv")],
                               capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)

    def test_check_mode(self):
        with tempfile.TemporaryDirectory() as d:
            self.gen("regs/vhost_pci_regs.yaml", d)
            p = run_gen("--check", "--out-dir", d, "--docs", os.path.join(d, "r.md"))
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(os.path.join(d, "vhost_pci_regs.h"), "a") as f:
                f.write("/* edited */\n")
            p = run_gen("--check", "--out-dir", d, "--docs", os.path.join(d, "r.md"))
            self.assertEqual(p.returncode, 1)
            self.assertIn("vhost_pci_regs.h", p.stderr)
            self.assertIn(regs_gen.REGEN_CMD, p.stderr)

    def test_python_module_and_vectors(self):
        with tempfile.TemporaryDirectory() as d:
            self.gen("regs/vhost_pci_regs.yaml", d)
            ns = {}
            exec(open(os.path.join(d, "vhost_pci_regs.py")).read(), ns)  # noqa: S102
            self.assertEqual(ns["VPCI_ADAPTER_STATUS_OFFSET"], 0x28)
            self.assertEqual(ns["VPCI_MAGIC"], 0x56504349)
            self.assertEqual(ns["REGISTERS"]["VQ.KICK_PENDING"]["count"], 8)
        dev = regs_gen.load(os.path.join(ROOT, "regs", "vhost_pci_regs.yaml"))
        vec = regs_gen.gen_vectors(dev)
        self.assertLess(len(vec), 20000)
        self.assertEqual(vec[0][1], "RESET")
        tests = {v[0] for v in vec}
        self.assertEqual(tests, {"RESET", "RW", "BIT_BASH", "ALIASING", "W1C"})
        # No vector may write 1 to a pulse (r0w1c) bit or touch an all-excluded register.
        for (t, op, sp, size, off, data, mask, rid, _) in vec:
            if op == "RESET":
                continue
            r = dev.insts[rid].reg
            self.assertEqual(data & regs_gen.reg_masks(r)["pulse"], 0 if op == "WRITE" else 0)
            self.assertNotIn(t.lower(), r.excl)
            self.assertEqual(size, r.nbytes)


    def test_request_table(self):
        dev = regs_gen.load(os.path.join(ROOT, REAL_MAP))
        rq = dev.requests
        self.assertEqual([e.code for e in rq.frontend], list(range(1, 44)))
        self.assertEqual([e.code for e in rq.backend], list(range(1, 9)))
        self.assertEqual(rq.pass_mask, 0x1a2ff)
        byname = {e.name: e for e in rq.frontend}
        self.assertEqual(byname["SET_LOG_BASE"].needs, ["LOG_WIN", "LOG_SHMFD"])
        self.assertEqual(byname["SET_LOG_BASE"].need_mask, 0x3)
        self.assertEqual(byname["GET_MAX_MEM_SLOTS"].reply, "ADAPTER")
        self.assertEqual(byname["VRING_KICK"].payload, "ANY")
        with tempfile.TemporaryDirectory() as d:
            self.gen(REAL_MAP, d)
            h = open(os.path.join(d, "vhost_pci_requests.h")).read()
            self.assertIn("enum vpci_vu_frontend_req {", h)
            self.assertIn("    VPCI_VU_REQ_GET_FEATURES = 1,", h)
            self.assertIn("enum vpci_vu_backend_req {", h)
            self.assertIn("    VPCI_VU_REQ_BACKEND_IOTLB_MSG = 1,", h)
            self.assertIn("#define VPCI_RELAY_FRONTEND_MAX 43u", h)
            self.assertIn("#define VPCI_PROTO_PASS_ALL 0x1a2ffull", h)
            sv = open(os.path.join(d, "vhost_pci_requests_pkg.sv")).read()
            self.assertIn("package vhost_pci_requests_pkg;", sv)
            self.assertIn("function automatic vpci_relay_entry_t vpci_relay_frontend_entry(", sv)
        # A register map without `requests:` generates no request table.
        with tempfile.TemporaryDirectory() as d:
            src = open(os.path.join(HERE, "good_min.yaml")).read()
            y = os.path.join(d, "noreq.yaml")
            with open(y, "w") as f:
                f.write(src.replace("requests: good_min_requests.yaml\n", ""))
            out = os.path.join(d, "out")
            self.assertEqual(len(self.gen(y, out)), 8)


if __name__ == "__main__":
    unittest.main()
