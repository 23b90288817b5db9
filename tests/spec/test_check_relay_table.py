#!/usr/bin/python3
"""Negative and positive checks of tools/check_relay_table.py (ctest spec.relay_checker).

Each case derives a spec from the real docs/spec.md (or a request table from the real
regs/vhost_user_requests.yaml, --table), breaks one thing, runs the checker and expects
the exit status and the diff line that names the problem.
The source tree is VPCI_SOURCE_DIR if set, else two levels above this file.
"""
import os
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SRC = Path(os.environ.get("VPCI_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CHECKER = SRC / "tools" / "check_relay_table.py"
SPEC = SRC / "docs" / "spec.md"
REQUESTS = SRC / "docs" / "vhost-user-requests.txt"
TABLE = SRC / "regs" / "vhost_user_requests.yaml"
REGS = SRC / "regs" / "vhost_pci_regs.yaml"


def row_re(name):
    """Regex of the table row whose request/feature cell names `name`."""
    return re.compile(r"^\|\s*\d+\s*\|\s*`" + re.escape(name) + r"`.*$", re.M)


class CheckRelayTable(unittest.TestCase):
    def run_checker(self, spec_text, requests_text=None):
        with tempfile.TemporaryDirectory() as d:
            spec = Path(d) / "spec.md"
            spec.write_text(spec_text, encoding="utf-8")
            req = REQUESTS
            if requests_text is not None:
                req = Path(d) / "requests.txt"
                req.write_text(requests_text, encoding="utf-8")
            p = subprocess.run([sys.executable, str(CHECKER), "--spec", str(spec),
                                "--requests", str(req)],
                               capture_output=True, text=True, timeout=60)
            return p.returncode, p.stdout + p.stderr

    def setUp(self):
        self.spec = SPEC.read_text(encoding="utf-8")

    def test_real_spec_passes(self):
        rc, out = self.run_checker(self.spec)
        self.assertEqual(rc, 0, out)

    def test_missing_frontend_row(self):
        text, n = row_re("SET_VRING_ERR").subn("", self.spec, count=1)
        self.assertEqual(n, 1)
        rc, out = self.run_checker(text)
        self.assertEqual(rc, 1, out)
        self.assertIn("missing frontend 14 SET_VRING_ERR", out)

    def test_wrong_id(self):
        m = row_re("GET_MAX_MEM_SLOTS").search(self.spec)
        self.assertIsNotNone(m)
        bad = re.sub(r"^\|\s*36\s*\|", "| 63 |", m.group(0))
        rc, out = self.run_checker(self.spec.replace(m.group(0), bad, 1))
        self.assertEqual(rc, 1, out)
        self.assertIn("GET_MAX_MEM_SLOTS: id 63 in the spec, 36 in the pinned list", out)

    def test_missing_backend_row_and_wrong_feature_bit(self):
        text = row_re("BACKEND_VRING_CALL").sub("", self.spec, count=1)
        m = row_re("INBAND_NOTIFICATIONS").search(text)
        text = text.replace(m.group(0), re.sub(r"^\|\s*14\s*\|", "| 15 |", m.group(0)), 1)
        rc, out = self.run_checker(text)
        self.assertEqual(rc, 1, out)
        self.assertIn("missing backend 4 BACKEND_VRING_CALL", out)
        self.assertIn("INBAND_NOTIFICATIONS: id 15 in the spec, 14 in the pinned list", out)

    def test_bad_class(self):
        m = row_re("SET_OWNER").search(self.spec)
        rc, out = self.run_checker(self.spec.replace(m.group(0),
                                                     m.group(0).replace("RELAY", "FORWARD", 1), 1))
        self.assertEqual(rc, 1, out)
        self.assertIn("class 'FORWARD'", out)

    def test_duplicate_and_extra_rows(self):
        m = row_re("SET_OWNER").search(self.spec)
        extra = "| 44 | `GET_SHMEM_CONFIG` | REFUSE | - | - | none | not in the pinned revision |"
        text = self.spec.replace(m.group(0), m.group(0) + "\n" + m.group(0) + "\n" + extra, 1)
        rc, out = self.run_checker(text)
        self.assertEqual(rc, 1, out)
        self.assertIn("duplicate frontend SET_OWNER", out)
        self.assertIn("extra frontend 'GET_SHMEM_CONFIG'", out)

    def test_item_missing_from_spec_list(self):
        req = REQUESTS.read_text(encoding="utf-8") + "frontend 44 GET_SHMEM_CONFIG\n"
        rc, out = self.run_checker(self.spec, req)
        self.assertEqual(rc, 1, out)
        self.assertIn("missing frontend 44 GET_SHMEM_CONFIG", out)

    def test_missing_marker_is_an_error(self):
        text = self.spec.replace("<!-- relay-table: backend -->", "", 1)
        rc, out = self.run_checker(text)
        self.assertNotEqual(rc, 0, out)
        self.assertIn("relay-table: backend", out)



class CheckRequestTable(unittest.TestCase):
    """--table: the generated request table's source against the pinned list and the spec."""

    def run_checker(self, table_text, spec_text=None):
        with tempfile.TemporaryDirectory() as d:
            table = Path(d) / "requests.yaml"
            table.write_text(table_text, encoding="utf-8")
            spec = SPEC
            if spec_text is not None:
                spec = Path(d) / "spec.md"
                spec.write_text(spec_text, encoding="utf-8")
            p = subprocess.run([sys.executable, str(CHECKER), "--spec", str(spec),
                                "--requests", str(REQUESTS), "--table", str(table),
                                "--regs", str(REGS)],
                               capture_output=True, text=True, timeout=60)
            return p.returncode, p.stdout + p.stderr

    def setUp(self):
        self.table = TABLE.read_text(encoding="utf-8")

    def edit(self, old, new):
        self.assertIn(old, self.table)
        return self.table.replace(old, new, 1)

    def test_real_table_passes(self):
        rc, out = self.run_checker(self.table)
        self.assertEqual(rc, 0, out)
        self.assertIn("request table too", out)

    def test_renamed_request(self):
        rc, out = self.run_checker(self.edit("name: GET_STATUS,", "name: GET_STATE,"))
        self.assertEqual(rc, 1, out)
        self.assertIn("frontend 40 is named GET_STATE, the pinned list names it GET_STATUS", out)

    def test_missing_and_extra_requests(self):
        text = self.edit("  - {code: 43, name: CHECK_DEVICE_STATE, class: REFUSE}\n", "")
        text = text.replace("  - {code: 8, name: BACKEND_SHARED_OBJECT_LOOKUP, class: REFUSE}\n",
                            "  - {code: 8, name: BACKEND_SHARED_OBJECT_LOOKUP, class: REFUSE}\n"
                            "  - {code: 9, name: BACKEND_NEW_MSG, class: REFUSE}\n", 1)
        rc, out = self.run_checker(text)
        self.assertEqual(rc, 1, out)
        self.assertIn("missing frontend 43 CHECK_DEVICE_STATE", out)
        self.assertIn("extra backend 9 BACKEND_NEW_MSG is not in the pinned request list", out)

    def test_class_and_decision_differ_from_the_spec(self):
        text = self.edit("{code: 3, name: SET_OWNER, class: RELAY, payload: NONE, reply: ACK_ONLY}",
                         "{code: 3, name: SET_OWNER, class: REFUSE}")
        text = text.replace("{bit: 0, name: MQ, decision: PASS}",
                            "{bit: 0, name: MQ, decision: MASK}", 1)
        rc, out = self.run_checker(text)
        self.assertEqual(rc, 1, out)
        self.assertIn("frontend SET_OWNER: class REFUSE in the table, RELAY in the spec", out)
        self.assertIn("protocol-feature MQ: decision MASK in the table, PASS in the spec", out)

    def test_message_constants_differ_from_the_spec(self):
        text = self.edit("flag_need_reply: 0x8", "flag_need_reply: 0x10")
        text = text.replace("fds_max: 8", "fds_max: 9", 1)
        text = text.replace("f_protocol_features: 30", "f_protocol_features: 31", 1)
        rc, out = self.run_checker(text)
        self.assertEqual(rc, 1, out)
        self.assertIn("message flag_need_reply is 0x10 in the table, 0x8 in the spec", out)
        self.assertIn("message fds_max is 0x9 in the table, 0x8 in the spec", out)
        self.assertIn("message f_protocol_features is 0x1f in the table, 0x1e in the spec", out)

    def test_spec_changing_a_message_constant_fails(self):
        spec = SPEC.read_text(encoding="utf-8")
        old = "vq in bits 7:0, bit 8 NOFD"
        self.assertIn(old, spec)
        rc, out = self.run_checker(self.table, spec.replace(old, "vq in bits 8:0, bit 9 NOFD"))
        self.assertEqual(rc, 1, out)
        self.assertIn("message vring_index_mask is 0xff in the table, 0x1ff in the spec", out)
        self.assertIn("message vring_nofd is 0x100 in the table, 0x200 in the spec", out)

    def test_spec_statement_missing_is_an_error(self):
        spec = SPEC.read_text(encoding="utf-8")
        old = "at most 8 fds on any message"
        self.assertIn(old, spec)
        rc, out = self.run_checker(self.table, spec.replace(old, "a few fds"))
        self.assertEqual(rc, 2, out)
        self.assertIn("no text matching", out)
        self.assertIn("fds on any message", out)

    def test_table_without_message_section_fails(self):
        start = self.table.index("message:\n")
        end = self.table.index("\n\n", start)
        rc, out = self.run_checker(self.table[:start] + self.table[end + 2:])
        self.assertEqual(rc, 1, out)
        self.assertIn("no message section", out)

    def test_invalid_table_is_an_error(self):
        rc, out = self.run_checker(self.edit("class: RELAY", "class: FORWARD"))
        self.assertEqual(rc, 2, out)
        self.assertIn("unknown class 'FORWARD'", out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
