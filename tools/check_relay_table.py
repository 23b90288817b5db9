#!/usr/bin/python3
"""Check the relay tables of docs/spec.md against the pinned vhost-user request list.

The spec marks each table with an HTML comment on the line before it:
    <!-- relay-table: frontend -->           columns: id | request | class | ...
    <!-- relay-table: backend -->            columns: id | request | class | ...
    <!-- relay-table: protocol-features -->  columns: bit | feature | decision | ...
The request list (docs/vhost-user-requests.txt) has one item per line:
    frontend <id> <NAME> / backend <id> <NAME> / protocol-feature <bit> <NAME>

Every listed item must appear exactly once in its table, with the same id and a valid
class (RELAY, XLATE, ADAPTER, REFUSE) or decision (PASS, MASK); nothing else may appear.

With --table, the request table regs/vhost_user_requests.yaml (validated by
tools/regs_gen.py with its register map, --regs) is checked too: every listed request and
protocol feature has an entry with the same code (bit) and name, nothing else has one,
and each entry's class (decision) is the one the spec's table gives. The table's `message`
section is checked against the values the spec's text states (SPEC_MESSAGE: header flag
bits of §5.3, the KICK/CALL/ERR u64 and the memory table of §6.2, the feature bit of
§6.4, the fd limit of §6.5); a statement the checker cannot find is an input error.
Exit status: 0 all consistent, 1 mismatch, 2 usage or file error.
"""
import argparse
import os
import re
import sys

TOOLS = os.path.dirname(os.path.abspath(__file__))
DEFAULT_REGS = os.path.join(os.path.dirname(TOOLS), "regs", "vhost_pci_regs.yaml")

KINDS = ("frontend", "backend", "protocol-feature")
MARKERS = {"frontend": "frontend", "backend": "backend",
           "protocol-feature": "protocol-features"}
VALID = {"frontend": {"RELAY", "XLATE", "ADAPTER", "REFUSE"},
         "backend": {"RELAY", "XLATE", "ADAPTER", "REFUSE"},
         "protocol-feature": {"PASS", "MASK"}}
MARKER_RE = re.compile(r"<!--\s*relay-table:\s*([A-Za-z-]+)\s*-->")
NAME_RE = re.compile(r"[A-Z][A-Z0-9_]*")


# Message constants of the request table (`message:` keys) as the spec states them:
# (keys, regex over the spec text, function of the match giving {key: value}). Every
# regex must match at least once, and all its matches must agree.
def _bits(msb, lsb):
    """Mask of bits msb..lsb."""
    return ((1 << (int(msb) + 1)) - 1) & ~((1 << int(lsb)) - 1)


SPEC_MESSAGE = [
    (r"flags: bits (\d+):(\d+) version \((\d+)\)",
     lambda m: {"flag_version_mask": _bits(m[1], m[2]), "flag_version": int(m[3])}),
    (r"bit (\d+) REPLY\b", lambda m: {"flag_reply": 1 << int(m[1])}),
    (r"bit (\d+) NEED_REPLY\b", lambda m: {"flag_need_reply": 1 << int(m[1])}),
    (r"vq in bits (\d+):(\d+), bit (\d+) NOFD",
     lambda m: {"vring_index_mask": _bits(m[1], m[2]), "vring_nofd": 1 << int(m[3])}),
    (r"8 \+ 32n B, n = 1\.\.(\d+)", lambda m: {"mem_regions_max": int(m[1])}),
    (r"at most (\d+) fds on any message", lambda m: {"fds_max": int(m[1])}),
    (r"VHOST_USER_F_PROTOCOL_FEATURES,\s+bit (\d+)",
     lambda m: {"f_protocol_features": int(m[1])}),
]


class InputError(Exception):
    """A file that cannot be read or parsed at all."""


def parse_requests(path):
    """Return {kind: [(id, name, line)]} from the request list file."""
    items = {k: [] for k in KINDS}
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError as e:
        raise InputError(f"{path}: {e.strerror}")
    for n, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        parts = text.split()
        if len(parts) != 3 or parts[0] not in KINDS or not parts[1].isdigit() \
                or not NAME_RE.fullmatch(parts[2]):
            raise InputError(f"{path}:{n}: expected '<frontend|backend|protocol-feature> "
                             f"<number> <NAME>', got: {line.strip()}")
        items[parts[0]].append((int(parts[1]), parts[2], n))
    return items


def split_row(line):
    """Split a Markdown table row into stripped cells."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [c.strip() for c in body.split("|")]


def cell_name(cell):
    """The item name of a table cell: first `backticked` name, else the first word."""
    m = re.search(r"`([^`]+)`", cell)
    text = m.group(1) if m else (cell.split()[0] if cell.split() else "")
    for prefix in ("VHOST_USER_PROTOCOL_F_", "VHOST_USER_"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text


def parse_spec(path):
    """Return {kind: [(id_text, name, class, line)]} from the marked tables of the spec."""
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError as e:
        raise InputError(f"{path}: {e.strerror}")
    tables = {}
    i = 0
    while i < len(lines):
        m = MARKER_RE.search(lines[i])
        if not m:
            i += 1
            continue
        marker = m.group(1)
        kind = next((k for k, v in MARKERS.items() if v == marker), None)
        if kind is None:
            raise InputError(f"{path}:{i + 1}: unknown relay-table marker '{marker}'")
        if kind in tables:
            raise InputError(f"{path}:{i + 1}: second '{marker}' table")
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j + 1 >= len(lines) or not lines[j].lstrip().startswith("|"):
            raise InputError(f"{path}:{i + 1}: marker '{marker}' is not followed by a table")
        header = [h.lower() for h in split_row(lines[j])]
        if len(header) < 3:
            raise InputError(f"{path}:{j + 1}: table needs id, name and class columns")
        rows = []
        j += 2  # header and separator line
        while j < len(lines) and lines[j].lstrip().startswith("|"):
            cells = split_row(lines[j])
            if len(cells) < 3:
                raise InputError(f"{path}:{j + 1}: row has fewer than 3 cells")
            rows.append((cells[0], cell_name(cells[1]), cells[2].strip("` *"), j + 1))
            j += 1
        tables[kind] = rows
        i = j
    for kind in KINDS:
        if kind not in tables:
            raise InputError(f"{path}: no '<!-- relay-table: {MARKERS[kind]} -->' table")
    return tables


def compare(requests, tables, spec_path):
    """Return a list of human-readable problems (empty if consistent)."""
    problems = []
    for kind in KINDS:
        want = {}
        for num, name, _ in requests[kind]:
            if name in want:
                problems.append(f"request list: {kind} {name} listed twice")
            want[name] = num
        seen = {}
        for id_text, name, cls, line in tables[kind]:
            where = f"{spec_path}:{line}"
            if name in seen:
                problems.append(f"{where}: duplicate {kind} {name} (first at line {seen[name]})")
                continue
            seen[name] = line
            if name not in want:
                problems.append(f"{where}: extra {kind} '{name}' (id {id_text}) "
                                f"is not in the pinned request list")
                continue
            if not id_text.isdigit():
                problems.append(f"{where}: {kind} {name}: id '{id_text}' is not a number "
                                f"(expected {want[name]})")
            elif int(id_text) != want[name]:
                problems.append(f"{where}: {kind} {name}: id {id_text} in the spec, "
                                f"{want[name]} in the pinned list")
            if cls not in VALID[kind]:
                problems.append(f"{where}: {kind} {name}: class '{cls}' is not one of "
                                f"{', '.join(sorted(VALID[kind]))}")
        for num, name, _ in requests[kind]:
            if name not in seen:
                problems.append(f"{spec_path}: missing {kind} {num} {name} "
                                f"(no row in the '{MARKERS[kind]}' table)")
    return problems


def parse_spec_message(path):
    """Return {message key: (value, line)} as the spec's text states them."""
    try:
        text = open(path, encoding="utf-8").read()
    except OSError as e:
        raise InputError(f"{path}: {e.strerror}")
    out = {}
    for regex, values in SPEC_MESSAGE:
        found = list(re.finditer(regex, text))
        if not found:
            raise InputError(f"{path}: no text matching /{regex}/ (the statement the request "
                             f"table's message section is checked against)")
        for m in found:
            line = text.count("\n", 0, m.start()) + 1
            for key, v in values(m).items():
                if key in out and out[key][0] != v:
                    raise InputError(f"{path}:{line}: {key} is {v:#x} here, {out[key][0]:#x} "
                                     f"at line {out[key][1]}")
                out.setdefault(key, (v, line))
    return out


def load_table(table_path, regs_path):
    """Return {kind: [(id, name, class or decision, line)]} of the request table."""
    sys.path.insert(0, TOOLS)
    import regs_gen  # noqa: E402 (PyYAML only when --table is used)
    try:
        rq = regs_gen.load(regs_path, table_path).requests
    except regs_gen.RegsError as e:
        raise InputError(str(e))
    except OSError as e:
        raise InputError("%s: %s" % (e.filename, e.strerror))
    return {"frontend": [(e.code, e.name, e.cls, e.line) for e in rq.frontend],
            "backend": [(e.code, e.name, e.cls, e.line) for e in rq.backend],
            "protocol-feature": [(f.bit, f.name, f.decision, f.line)
                                 for f in rq.protocol_features],
            "message": [(k.key, k.value, k.line) for k in rq.message]}


def compare_table(requests, tables, table, table_path):
    """Problems between the request table and the pinned list (ids, names) and the
    spec's tables (classes, decisions)."""
    problems = []
    for kind in KINDS:
        want = {num: name for num, name, _ in requests[kind]}
        spec_cls = {name: cls for _, name, cls, _ in tables[kind]}
        have = set()
        for num, name, cls, line in table[kind]:
            where = "%s:%d" % (table_path, line)
            have.add(num)
            if num not in want:
                problems.append(f"{where}: extra {kind} {num} {name} is not in the pinned "
                                f"request list")
                continue
            if name != want[num]:
                problems.append(f"{where}: {kind} {num} is named {name}, the pinned list "
                                f"names it {want[num]}")
                continue
            if name in spec_cls and cls != spec_cls[name]:
                what = "decision" if kind == "protocol-feature" else "class"
                problems.append(f"{where}: {kind} {name}: {what} {cls} in the table, "
                                f"{spec_cls[name]} in the spec")
        for num, name, _ in requests[kind]:
            if num not in have:
                problems.append(f"{table_path}: missing {kind} {num} {name} "
                                f"(no entry in the request table)")
    return problems


def compare_message(spec_msg, table, table_path, spec_path):
    """Problems between the table's message section and the values the spec states."""
    problems = []
    have = {key: (value, line) for key, value, line in table["message"]}
    if not have:
        return [f"{table_path}: no message section (the spec states "
                f"{', '.join(sorted(spec_msg))})"]
    for key, (want, sline) in sorted(spec_msg.items()):
        if key in have and have[key][0] != want:
            problems.append(f"{table_path}:{have[key][1]}: message {key} is {have[key][0]:#x} "
                            f"in the table, {want:#x} in the spec ({spec_path}:{sline})")
    return problems


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Check that the relay tables and the protocol feature table of "
                    "docs/spec.md name every request and protocol feature of the pinned "
                    "vhost-user revision (docs/vhost-user-requests.txt) exactly once, with "
                    "the same id and a valid class, and nothing else; with --table, that "
                    "the request table has the same requests and features, with the "
                    "spec's classes and decisions, and the message constants the spec "
                    "states.")
    ap.add_argument("--spec", required=True, help="path of docs/spec.md")
    ap.add_argument("--requests", required=True, help="path of docs/vhost-user-requests.txt")
    ap.add_argument("--table", help="also check this request table "
                                    "(regs/vhost_user_requests.yaml)")
    ap.add_argument("--regs", default=DEFAULT_REGS,
                    help="register map the request table is validated with "
                         "(default regs/vhost_pci_regs.yaml)")
    ap.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    args = ap.parse_args(argv)
    try:
        requests = parse_requests(args.requests)
        tables = parse_spec(args.spec)
        table = load_table(args.table, args.regs) if args.table else None
        spec_msg = parse_spec_message(args.spec) if args.table else None
    except InputError as e:
        print(f"check_relay_table: error: {e}", file=sys.stderr)
        return 2
    problems = compare(requests, tables, args.spec)
    if table is not None:
        problems += compare_table(requests, tables, table, args.table)
        problems += compare_message(spec_msg, table, args.table, args.spec)
    if problems:
        print(f"check_relay_table: {len(problems)} mismatch(es) between {args.spec}"
              f"{', ' + args.table if table is not None else ''} "
              f"and {args.requests}:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    if not args.quiet:
        counts = ", ".join(f"{len(requests[k])} {k}" for k in KINDS)
        print(f"check_relay_table: OK ({counts}{'; request table too' if table else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
