#!/usr/bin/python3
"""vhost-pci register generator.

Reads the register map (regs/vhost_pci_regs.yaml, schema in regs/README.md) and the
vhost-user request table it names (regs/vhost_user_requests.yaml), validates them
strictly and writes everything derived from them:

  OUT/vhost_pci_regs.h          C header (drivers, model): offsets, fields, helpers
  OUT/vhost_pci_regs_decode.h   decode table interface (model)
  OUT/vhost_pci_regs_decode.c   decode table data and vpci_reg_lookup()
  OUT/vhost_pci_regs_pkg.sv     SystemVerilog package vhost_pci_regs_pkg
  OUT/vhost_pci_regs.py         Python constants (with request codes and message constants)
  OUT/vhost_pci_csr_vectors.h   register conformance vectors (data)
  OUT/vhost_pci_csr_top.sv      AXI4-Lite CSR slave of the BAR0 space (module vhost_pci_csr_top)
  OUT/vhost_pci_requests.h, .c  request enums, message constants, relay table, payload size rules
  OUT/vhost_pci_requests_pkg.sv SystemVerilog package vhost_pci_requests_pkg
  DOCS                          Markdown register reference (docs/registers.md)

Usage:
  /usr/bin/python3 tools/regs_gen.py [--yaml regs/vhost_pci_regs.yaml] --out-dir DIR
                                     [--requests PATH] [--docs PATH] [--check]

Errors are reported as `FILE:LINE: YAML.PATH: message` and exit status 2;
--check reports stale files and exits 1. Every message the generator can raise
is listed in ERRORS (one negative test per entry in tests/regs/bad/).
"""

import argparse
import os
import re
import sys

import yaml

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGEN_CMD = "/usr/bin/python3 tools/regs_gen.py --out-dir gen --docs docs/registers.md"
DEFAULT_YAML = os.path.join("regs", "vhost_pci_regs.yaml")

# ---------------------------------------------------------------------------
# Error messages. Every error the generator raises has an id here; the test
# suite has one negative input per id (tests/regs/bad/<id>.yaml).
# ---------------------------------------------------------------------------
ERRORS = {
    "yaml_syntax": "YAML syntax error: {detail}",
    "dup_key": "duplicate key '{key}' (first at line {first})",
    "unknown_key": "unknown key '{key}' (allowed: {allowed})",
    "missing_key": "missing required key '{key}'",
    "bad_type": "expected {want}, got {got}",
    "empty_list": "list must not be empty",
    "bad_name": "'{name}' is not an identifier ([A-Za-z_][A-Za-z0-9_]*)",
    "keyword": "name '{name}' clashes with a C or SystemVerilog keyword",
    "dup_name": "duplicate {what} name '{name}' (first at line {first})",
    "out_of_range": "{what} {value} out of range {lo}..{hi}",
    "reg_item": "register list entry must have exactly one of 'name' (register), 'multireg' or 'window'",
    "reg_size": "register size {size} must be 8, 16 or 32 (bits)",
    "reg_align": "offset 0x{offset:x} is not aligned to the {nbytes}-byte register size",
    "outside_block": "{what} 0x{start:x}..0x{end:x} lies outside block {block} (size 0x{size:x})",
    "outside_space": "{what} 0x{start:x}..0x{end:x} lies outside space {space} (size 0x{size:x})",
    "overlap": "{what} 0x{start:x}..0x{end:x} overlaps {other} 0x{ostart:x}..0x{oend:x}",
    "block_overlap": "block {name} 0x{start:x}..0x{end:x} overlaps block {other} 0x{ostart:x}..0x{oend:x}",
    "bits_syntax": "bad bit range '{bits}': expected \"msb:lsb\" or \"n\"",
    "bits_order": "bit range '{bits}': msb < lsb",
    "bits_width": "bit range '{bits}' exceeds the {width}-bit register",
    "field_overlap": "field {name} (bits {bits}) overlaps field {other}",
    "reset_fit": "reset 0x{reset:x} does not fit the {width}-bit field",
    "enum_unknown": "unknown enum '{name}'",
    "enum_fit": "enum {enum} value {vname}=0x{value:x} does not fit the {width}-bit field",
    "enum_dup_value": "enum value {value} of '{name}' already used by '{other}'",
    "swaccess": "unknown swaccess '{acc}' (allowed: {allowed})",
    "hwaccess": "unknown hwaccess '{acc}' (allowed: {allowed})",
    "access_combo": "swaccess {sw} needs hardware that sets the bits (hwaccess hwo or hrw), got {hw}",
    "hw_unreadable": "hwaccess {hw} writes bits that software cannot read (swaccess {sw})",
    "hwqe_ro": "hwqe on {what} with no software-writable bits",
    "csr_excl": "unknown csr_excl test '{test}' (allowed: {allowed})",
    "csr_setup": "csr_setup 0x{value:x} sets bits outside the rw fields (mask 0x{mask:x})",
    "param_range": "param {name}: need min <= default <= max, got {min} <= {default} <= {max}",
    "bar_size": "BAR size 0x{size:x} must be a power of two >= 16",
    "bar_size_keys": "BAR needs exactly one of 'size' and 'size_log2_param'",
    "bar_param": "size_log2_param '{name}' is not a param",
    "bar_param_range": "size_log2_param {name}: min {min} gives a BAR smaller than 16 bytes or max {max} > 63",
    "bar_slot": "BAR{index} needs slot {slot}, already used by BAR{other}",
    "bar_space": "BAR space '{space}' is not a space",
    "bar_space_size": "BAR size 0x{size:x} differs from space {space} size 0x{ssize:x}",
    "struct_bits": "struct field bits {bits} must be 8, 16, 32 or 64",
    "struct_size": "struct field {name} at {offset}..{end} exceeds struct size {size}",
    "struct_overlap": "struct field {name} at {offset}..{end} overlaps {other}",
    "struct_align": "struct field {name} offset {offset} is not aligned to its {nbytes}-byte size",
    "rb_missing": "block with rb_type needs register {reg} at offset 0x{offset:x}",
    "rb_value": "{reg} reset 0x{reset:x} differs from block {key} 0x{want:x}",
    "rb_next": "RB_NEXT 0x{value:x} is neither 0 nor the base of a block with rb_type in space {space}",
    "symbol_clash": "generated symbol {sym} also generated by {other}",
    # Request table (regs/vhost_user_requests.yaml); negative inputs tests/regs/bad/req_*.yaml.
    "requests_file": "cannot read the request table '{file}': {why}",
    "req_order": "{what} {value} is out of order: expected {want} (numbered in order, without holes)",
    "req_vocab": "unknown {what} '{value}' (allowed: {allowed})",
    "req_refuse_attr": "a REFUSE request is not relayed and has no '{key}'",
    "req_fds_res": "fds {fds} with resource {res}: a request with fds names their resource kind, one without fds has resource NONE",
    "req_fds_payload": "fds {fds} reads the fd count from payload {want}, not {payload}",
    "req_relay_fds": "a RELAY request carries no fds (spec 6.5 step 5), got fds {fds}",
    "req_xlate_fds": "an XLATE request translates the resources of its fds: fds must not be 0",
    "req_adapter_reply": "class {cls} with reply {reply}: class ADAPTER and reply ADAPTER go together",
    "req_rewrite": "rewrite {rw} needs {rule}",
    "req_backend": "backend-channel request with {key} '{value}': backend requests are RELAY or REFUSE, carry no fds, need no feature, are answered with REPLY_ACK only and rewrite nothing",
    "req_need_kind": "a need names exactly one of 'adapter_feature' and 'protocol_feature'",
    "req_need_masked": "need {name}: protocol feature {feature} is masked (decision MASK), so no session could meet it",
    "req_size_form": "size is an integer, {{min, max}} or {{base, unit, count_at, count_min, count_max}}; got keys {keys}",
    "req_size_range": "payload size {lo}..{hi} is not a range within 0..{limit} bytes",
    "req_size_count": "the u32 count at offset {at} must lie inside the {base}-byte fixed part",
    "req_payload_any": "payloads must define {name} (0..{limit} B, not checked): refused requests are recorded with it",
    "req_msg_low_mask": "{key} 0x{value:x} is not a mask of low bits (2^n - 1)",
    "req_msg_version": "flag_version 0x{value:x} must be nonzero and inside flag_version_mask 0x{mask:x}",
    "req_msg_flag_bit": "{key} 0x{value:x} must be one bit outside the version mask and the other flags (taken: 0x{taken:x})",
    "req_msg_vring_nofd": "vring_nofd 0x{value:x} must be the bit just above vring_index_mask 0x{mask:x}",
    "req_msg_regions": "mem_regions_max {value} differs from count_max {want} of payload {payload} (the regions of one memory table)",
    "req_msg_fds": "fds_max {value} is below mem_regions_max {regions}: a full memory table carries one fd per region",
}


class RegsError(Exception):
    """A validation error: FILE:LINE: YAML.PATH: message (attribute eid = ERRORS id)."""

    def __init__(self, fname, line, path, eid, **kw):
        self.fname, self.line, self.path, self.eid = fname, line, path, eid
        self.msg = ERRORS[eid].format(**kw)
        super().__init__("%s:%d: %s: %s" % (fname, line, path, self.msg))


# ---------------------------------------------------------------------------
# YAML loading with line numbers and duplicate-key detection.
# ---------------------------------------------------------------------------
class LMap(dict):
    """Mapping that remembers its line and the line of every value."""
    line = 0
    lines = None


class LList(list):
    line = 0
    lines = None


def _make_loader(fname):
    class Loader(yaml.SafeLoader):
        pass

    def construct_mapping(loader, node):
        loader.flatten_mapping(node)
        m = LMap()
        m.line = node.start_mark.line + 1
        m.lines = {}
        keylines = {}
        for knode, vnode in node.value:
            key = loader.construct_object(knode, deep=True)
            if key in m:
                raise RegsError(fname, knode.start_mark.line + 1, "(document)", "dup_key",
                                key=key, first=keylines[key])
            m[key] = loader.construct_object(vnode, deep=True)
            keylines[key] = knode.start_mark.line + 1
            m.lines[key] = vnode.start_mark.line + 1
        return m

    def construct_seq(loader, node):
        lst = LList()
        lst.line = node.start_mark.line + 1
        lst.lines = []
        for v in node.value:
            lst.append(loader.construct_object(v, deep=True))
            lst.lines.append(v.start_mark.line + 1)
        return lst

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_seq)
    return Loader


def load_yaml(fname):
    with open(fname, encoding="utf-8") as f:
        text = f.read()
    try:
        return yaml.load(text, Loader=_make_loader(fname))  # noqa: S506 (SafeLoader subclass)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        raise RegsError(fname, line, "(document)", "yaml_syntax",
                        detail=(e.problem or str(e)).strip())


class Ctx:
    """Where a node is: file, YAML path and line, for error messages."""

    def __init__(self, fname, path, line):
        self.fname, self.path, self.line = fname, path, line

    def err(self, eid, **kw):
        return RegsError(self.fname, self.line, self.path or "(top)", eid, **kw)

    def key(self, m, k):
        line = m.lines.get(k, m.line) if isinstance(m, LMap) and m.lines else self.line
        return Ctx(self.fname, "%s.%s" % (self.path, k) if self.path else k, line)

    def idx(self, lst, i):
        line = lst.lines[i] if isinstance(lst, LList) else self.line
        return Ctx(self.fname, "%s[%d]" % (self.path, i), line)


# ---------------------------------------------------------------------------
# Vocabulary.
# ---------------------------------------------------------------------------
SWACCESS = ["ro", "rw", "wo", "rc", "rw1c", "rw1s", "rw0c", "r0w1c"]
HWACCESS = ["hro", "hrw", "hwo", "none"]
CSR_TESTS = ["reset", "rw", "bit_bash", "aliasing", "w1c"]
CSR_EXCL = CSR_TESTS + ["all"]
SW_READABLE = {"ro", "rw", "rc", "rw1c", "rw1s", "rw0c"}
SW_WRITABLE = {"rw", "wo", "rw1c", "rw1s", "rw0c", "r0w1c"}

C_KEYWORDS = """auto break case char const continue default do double else enum extern
float for goto if inline int long register restrict return short signed sizeof static
struct switch typedef union unsigned void volatile while _Alignas _Alignof _Atomic _Bool
_Complex _Generic _Imaginary _Noreturn _Static_assert _Thread_local alignas alignof
and and_eq asm bitand bitor bool catch char8_t char16_t char32_t class compl concept
consteval constexpr constinit const_cast co_await co_return co_yield decltype delete
dynamic_cast explicit export false friend mutable namespace new noexcept not not_eq
nullptr operator or or_eq private protected public reinterpret_cast requires
static_assert static_cast template this thread_local throw true try typeid typename
using virtual wchar_t xor xor_eq""".split()

SV_KEYWORDS = """accept_on alias always always_comb always_ff always_latch and assert
assign assume automatic before begin bind bins binsof bit break buf bufif0 bufif1 byte
case casex casez cell chandle checker class clocking cmos config const constraint
context continue cover covergroup coverpoint cross deassign default defparam design
disable dist do edge else end endcase endchecker endclass endclocking endconfig
endfunction endgenerate endgroup endinterface endmodule endpackage endprimitive
endprogram endproperty endspecify endsequence endtable endtask enum event eventually
expect export extends extern final first_match for force foreach forever fork forkjoin
function generate genvar global highz0 highz1 if iff ifnone ignore_bins illegal_bins
implements implies import incdir include initial inout input inside instance int
integer interconnect interface intersect join join_any join_none large let liblist
library local localparam logic longint macromodule matches medium modport module nand
negedge nettype new nexttime nmos nor noshowcancelled not notif0 notif1 null or output
package packed parameter pmos posedge primitive priority program property protected
pull0 pull1 pulldown pullup pulsestyle_ondetect pulsestyle_onevent pure rand randc
randcase randsequence rcmos real realtime ref reg reject_on release repeat restrict
return rnmos rpmos rtran rtranif0 rtranif1 s_always s_eventually s_nexttime s_until
s_until_with scalared sequence shortint shortreal showcancelled signed small soft solve
specify specparam static string strong strong0 strong1 struct super supply0 supply1
sync_accept_on sync_reject_on table tagged task this throughout time timeprecision
timeunit tran tranif0 tranif1 tri tri0 tri1 triand trior trireg type typedef union
unique unique0 unsigned until until_with untyped use uwire var vectored virtual void
wait wait_order wand weak weak0 weak1 while wildcard wire with within wor xnor xor""".split()

KEYWORDS = {k.lower() for k in C_KEYWORDS + SV_KEYWORDS}
IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
BITS_RE = re.compile(r"^\s*(\d+)\s*(?::\s*(\d+)\s*)?$")


# ---------------------------------------------------------------------------
# Model objects (plain attribute bags).
# ---------------------------------------------------------------------------
class Obj:
    def __init__(self, **kw):
        self.__dict__.update(kw)


# ---------------------------------------------------------------------------
# Validation helpers.
# ---------------------------------------------------------------------------
def _tname(v):
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "list"
    if isinstance(v, dict):
        return "mapping"
    if v is None:
        return "null"
    return type(v).__name__


def check_map(ctx, m, required, optional):
    """Check that m is a mapping with the required keys and no unknown keys."""
    if not isinstance(m, dict):
        raise ctx.err("bad_type", want="mapping", got=_tname(m))
    allowed = list(required) + list(optional)
    for k in m:
        if k not in allowed:
            raise ctx.key(m, k).err("unknown_key", key=k, allowed=", ".join(allowed))
    for k in required:
        if k not in m:
            raise ctx.err("missing_key", key=k)


def get(ctx, m, key, kind, default=None):
    """Typed lookup: kind is 'int', 'str', 'bool', 'list'."""
    if key not in m:
        return default
    v = m[key]
    c = ctx.key(m, key)
    ok = {
        "int": isinstance(v, int) and not isinstance(v, bool),
        "str": isinstance(v, str),
        "bool": isinstance(v, bool),
        "list": isinstance(v, list),
    }[kind]
    if not ok:
        want = {"int": "integer", "str": "string", "bool": "boolean", "list": "list"}[kind]
        raise c.err("bad_type", want=want, got=_tname(v))
    return v


def get_list(ctx, m, key, required=True):
    v = get(ctx, m, key, "list")
    if v is None:
        return LList()
    if required and not v:
        raise ctx.key(m, key).err("empty_list")
    return v


def check_name(ctx, name):
    if not IDENT_RE.match(name):
        raise ctx.err("bad_name", name=name)
    if name.lower() in KEYWORDS:
        raise ctx.err("keyword", name=name)


def get_name(ctx, m, seen, what):
    name = get(ctx, m, "name", "str")
    c = ctx.key(m, "name")
    check_name(c, name)
    if seen is not None:
        if name in seen:
            raise c.err("dup_name", what=what, name=name, first=seen[name])
        seen[name] = c.line
    return name


def in_range(ctx, what, value, lo, hi):
    if value < lo or value > hi:
        raise ctx.err("out_of_range", what=what, value=value, lo=lo, hi=hi)


def get_excl(ctx, m):
    lst = get(ctx, m, "csr_excl", "list", LList())
    out = set()
    for i, t in enumerate(lst):
        c = ctx.key(m, "csr_excl").idx(lst, i)
        if not isinstance(t, str):
            raise c.err("bad_type", want="string", got=_tname(t))
        if t not in CSR_EXCL:
            raise c.err("csr_excl", test=t, allowed=", ".join(CSR_EXCL))
        out.update(CSR_TESTS if t == "all" else [t])
    return out


# ---------------------------------------------------------------------------
# Validation proper: YAML tree -> model.
# ---------------------------------------------------------------------------
TOP_REQ = ["name", "prefix", "spaces"]
TOP_OPT = ["version", "desc", "params", "constants", "bars", "structs", "enums", "requests"]


def validate(tree, fname):
    ctx = Ctx(fname, "", 1)
    root = Ctx(fname, "", getattr(tree, "line", 1))
    check_map(root, tree, TOP_REQ, TOP_OPT)
    dev = Obj(name=get(ctx, tree, "name", "str"), prefix=get(ctx, tree, "prefix", "str"),
              version=str(tree.get("version", "")), desc=get(ctx, tree, "desc", "str", ""))
    check_name(ctx.key(tree, "prefix"), dev.prefix)
    dev.requests_ref = get(ctx, tree, "requests", "str")
    dev.requests_ctx = ctx.key(tree, "requests")
    dev.requests = None
    dev.params = _params(ctx, tree)
    dev.constants = _constants(ctx, tree)
    dev.enums = _enums(ctx, tree)
    dev.structs = _structs(ctx, tree)
    dev.spaces = _spaces(ctx, tree, dev)
    dev.bars = _bars(ctx, tree, dev)
    _assign_ids(dev)
    dev.symbols = _check_symbols(dev)
    return dev


def _params(ctx, tree):
    out, seen = [], {}
    lst = get_list(ctx, tree, "params", required=False)
    for i, p in enumerate(lst):
        c = ctx.key(tree, "params").idx(lst, i)
        check_map(c, p, ["name", "default", "min", "max"], ["desc"])
        name = get_name(c, p, seen, "param")
        d, lo, hi = (get(c, p, k, "int") for k in ("default", "min", "max"))
        if not lo <= d <= hi:
            raise c.err("param_range", name=name, min=lo, default=d, max=hi)
        out.append(Obj(name=name, default=d, min=lo, max=hi, desc=get(c, p, "desc", "str", ""),
                       line=c.line))
    return out


def _constants(ctx, tree):
    out, seen = [], {}
    lst = get_list(ctx, tree, "constants", required=False)
    for i, k in enumerate(lst):
        c = ctx.key(tree, "constants").idx(lst, i)
        check_map(c, k, ["name", "value"], ["desc"])
        name = get_name(c, k, seen, "constant")
        v = get(c, k, "value", "int")
        in_range(c.key(k, "value"), "value", v, 0, (1 << 64) - 1)
        out.append(Obj(name=name, value=v, desc=get(c, k, "desc", "str", ""), line=c.line))
    return out


def _enums(ctx, tree):
    out, seen = [], {}
    lst = get_list(ctx, tree, "enums", required=False)
    for i, e in enumerate(lst):
        c = ctx.key(tree, "enums").idx(lst, i)
        check_map(c, e, ["name", "values"], ["desc"])
        name = get_name(c, e, seen, "enum")
        vals, vseen, byval = [], {}, {}
        vl = get_list(c, e, "values")
        for j, v in enumerate(vl):
            vc = c.key(e, "values").idx(vl, j)
            check_map(vc, v, ["name", "value"], ["desc"])
            vname = get_name(vc, v, vseen, "enum value")
            val = get(vc, v, "value", "int")
            in_range(vc.key(v, "value"), "value", val, 0, 0xFFFFFFFF)
            if val in byval:
                raise vc.key(v, "value").err("enum_dup_value", value=val, name=vname,
                                             other=byval[val])
            byval[val] = vname
            vals.append(Obj(name=vname, value=val, desc=get(vc, v, "desc", "str", "")))
        out.append(Obj(name=name, desc=get(c, e, "desc", "str", ""), values=vals, line=c.line))
    return out


def _structs(ctx, tree):
    out, seen = [], {}
    lst = get_list(ctx, tree, "structs", required=False)
    for i, s in enumerate(lst):
        c = ctx.key(tree, "structs").idx(lst, i)
        check_map(c, s, ["name", "size", "fields"], ["desc"])
        name = get_name(c, s, seen, "struct")
        size = get(c, s, "size", "int")
        in_range(c.key(s, "size"), "size", size, 1, 4096)
        fields, fseen = [], {}
        fl = get_list(c, s, "fields")
        for j, f in enumerate(fl):
            fc = c.key(s, "fields").idx(fl, j)
            check_map(fc, f, ["name", "offset", "bits"], ["desc"])
            fname = get_name(fc, f, fseen, "struct field")
            off = get(fc, f, "offset", "int")
            bits = get(fc, f, "bits", "int")
            if bits not in (8, 16, 32, 64):
                raise fc.key(f, "bits").err("struct_bits", bits=bits)
            nb = bits // 8
            oc = fc.key(f, "offset")
            in_range(oc, "offset", off, 0, size)
            if off % nb:
                raise oc.err("struct_align", name=fname, offset=off, nbytes=nb)
            if off + nb > size:
                raise oc.err("struct_size", name=fname, offset=off, end=off + nb, size=size)
            for o in fields:
                if off < o.offset + o.bits // 8 and o.offset < off + nb:
                    raise oc.err("struct_overlap", name=fname, offset=off, end=off + nb,
                                 other=o.name)
            fields.append(Obj(name=fname, offset=off, bits=bits, desc=get(fc, f, "desc", "str", "")))
        out.append(Obj(name=name, size=size, desc=get(c, s, "desc", "str", ""), fields=fields))
    return out


def _bars(ctx, tree, dev):
    out, seen, slots = [], {}, {}
    lst = get_list(ctx, tree, "bars", required=False)
    spaces = {s.name: s for s in dev.spaces}
    params = {p.name: p for p in dev.params}
    for i, b in enumerate(lst):
        c = ctx.key(tree, "bars").idx(lst, i)
        check_map(c, b, ["index", "name"],
                  ["desc", "space", "size", "size_log2_param", "is64", "prefetchable"])
        name = get_name(c, b, seen, "BAR")
        idx = get(c, b, "index", "int")
        in_range(c.key(b, "index"), "BAR index", idx, 0, 5)
        is64 = get(c, b, "is64", "bool", False)
        for slot in ([idx, idx + 1] if is64 else [idx]):
            if slot > 5:
                raise c.key(b, "index").err("out_of_range", what="64-bit BAR upper slot",
                                            value=slot, lo=0, hi=5)
            if slot in slots:
                raise c.key(b, "index").err("bar_slot", index=idx, slot=slot, other=slots[slot])
            slots[slot] = idx
        size = get(c, b, "size", "int")
        plog = get(c, b, "size_log2_param", "str")
        if (size is None) == (plog is None):
            raise c.err("bar_size_keys")
        bar = Obj(index=idx, name=name, desc=get(c, b, "desc", "str", ""), is64=is64,
                  prefetchable=get(c, b, "prefetchable", "bool", False), size=size,
                  param=None, space=None)
        if size is not None:
            if size < 16 or size & (size - 1):
                raise c.key(b, "size").err("bar_size", size=size)
            if not is64 and size > (1 << 32):
                raise c.key(b, "size").err("out_of_range", what="32-bit BAR size", value=size,
                                           lo=16, hi=1 << 32)
        else:
            pc = c.key(b, "size_log2_param")
            if plog not in params:
                raise pc.err("bar_param", name=plog)
            p = params[plog]
            if p.min < 4 or p.max > 63 or (not is64 and p.max > 32):
                raise pc.err("bar_param_range", name=plog, min=p.min, max=p.max)
            bar.param = p
        sp = get(c, b, "space", "str")
        if sp is not None:
            sc = c.key(b, "space")
            if sp not in spaces:
                raise sc.err("bar_space", space=sp)
            bar.space = spaces[sp]
            if size is not None and size != bar.space.size:
                raise sc.err("bar_space_size", size=size, space=sp, ssize=bar.space.size)
        out.append(bar)
    return sorted(out, key=lambda x: x.index)


def parse_bits(ctx, bits, width):
    if isinstance(bits, int) and not isinstance(bits, bool):
        bits = str(bits)
    if not isinstance(bits, str):
        raise ctx.err("bad_type", want="string", got=_tname(bits))
    m = BITS_RE.match(bits)
    if not m:
        raise ctx.err("bits_syntax", bits=bits)
    msb = int(m.group(1))
    lsb = int(m.group(2)) if m.group(2) is not None else msb
    if msb < lsb:
        raise ctx.err("bits_order", bits=bits)
    if msb >= width:
        raise ctx.err("bits_width", bits=bits, width=width)
    return msb, lsb


FIELD_REQ = ["bits", "name", "swaccess"]
FIELD_OPT = ["hwaccess", "reset", "desc", "enum", "hwqe", "csr_excl"]


def _fields(c, r, width, enums, what):
    fields, seen = [], {}
    fl = get_list(c, r, "fields")
    for j, f in enumerate(fl):
        fc = c.key(r, "fields").idx(fl, j)
        check_map(fc, f, FIELD_REQ, FIELD_OPT)
        name = get_name(fc, f, seen, "field")
        bc = fc.key(f, "bits")
        msb, lsb = parse_bits(bc, f["bits"], width)
        fw = msb - lsb + 1
        sw = get(fc, f, "swaccess", "str")
        if sw not in SWACCESS:
            raise fc.key(f, "swaccess").err("swaccess", acc=sw, allowed=", ".join(SWACCESS))
        hw = get(fc, f, "hwaccess", "str", "hro")
        hc = fc.key(f, "hwaccess")
        if hw not in HWACCESS:
            raise hc.err("hwaccess", acc=hw, allowed=", ".join(HWACCESS))
        if sw in ("rc", "rw1c", "rw0c") and hw not in ("hwo", "hrw"):
            raise hc.err("access_combo", sw=sw, hw=hw)
        if sw in ("wo", "r0w1c") and hw in ("hwo", "hrw"):
            raise hc.err("hw_unreadable", sw=sw, hw=hw)
        reset = get(fc, f, "reset", "int", 0)
        if reset < 0 or reset >> fw:
            raise fc.key(f, "reset").err("reset_fit", reset=reset, width=fw)
        hwqe = get(fc, f, "hwqe", "bool", False)
        if hwqe and sw not in SW_WRITABLE:
            raise fc.key(f, "hwqe").err("hwqe_ro", what="field " + name)
        enum = get(fc, f, "enum", "str")
        if enum is not None:
            ec = fc.key(f, "enum")
            if enum not in enums:
                raise ec.err("enum_unknown", name=enum)
            for v in enums[enum].values:
                if v.value >> fw:
                    raise ec.err("enum_fit", enum=enum, vname=v.name, value=v.value, width=fw)
        mask = ((1 << fw) - 1) << lsb
        for o in fields:
            if o.mask & mask:
                raise bc.err("field_overlap", name=name, bits=f["bits"], other=o.name)
        fields.append(Obj(name=name, msb=msb, lsb=lsb, width=fw, mask=mask, swaccess=sw,
                          hwaccess=hw, reset=reset, desc=get(fc, f, "desc", "str", ""),
                          enum=enum, hwqe=hwqe, excl=get_excl(fc, f), line=fc.line))
    return fields


REG_OPT = ["size", "desc", "hwext", "hwqe", "csr_excl", "csr_setup"]


def _register(c, r, block, enums, multi):
    req = ["name", "offset", "fields"] + (["count", "stride"] if multi else [])
    check_map(c, r, req, REG_OPT)
    size = get(c, r, "size", "int", 32)
    if size not in (8, 16, 32):
        raise c.key(r, "size").err("reg_size", size=size)
    nb = size // 8
    off = get(c, r, "offset", "int")
    oc = c.key(r, "offset")
    in_range(oc, "offset", off, 0, 0xFFFFFFFF)
    if (block.base + off) % nb:
        raise oc.err("reg_align", offset=block.base + off, nbytes=nb)
    count = stride = None
    if multi:
        count = get(c, r, "count", "int")
        in_range(c.key(r, "count"), "count", count, 1, 4096)
        stride = get(c, r, "stride", "int")
        sc = c.key(r, "stride")
        in_range(sc, "stride", stride, nb, 0x10000)
        if stride % nb:
            raise sc.err("reg_align", offset=stride, nbytes=nb)
    fields = _fields(c, r, size, enums, "register")
    hwqe = get(c, r, "hwqe", "bool", False)
    wmask = 0
    for f in fields:
        if f.swaccess in SW_WRITABLE:
            wmask |= f.mask
    if hwqe and not wmask:
        raise c.key(r, "hwqe").err("hwqe_ro", what="register")
    setup = get(c, r, "csr_setup", "int")
    if setup is not None:
        rwmask = sum(f.mask for f in fields if f.swaccess == "rw")
        if setup & ~rwmask:
            raise c.key(r, "csr_setup").err("csr_setup", value=setup, mask=rwmask)
    reg = Obj(name=None, block=block, offset=off, abs=block.base + off, bits=size, nbytes=nb,
              desc=get(c, r, "desc", "str", ""), hwext=get(c, r, "hwext", "bool", False),
              hwqe=hwqe or any(f.hwqe for f in fields), fields=fields, count=count,
              stride=stride, excl=get_excl(c, r), setup=setup, line=c.line, ctx=c)
    return reg


def _spaces(ctx, tree, dev):
    enums = {e.name: e for e in dev.enums}
    spaces, sseen, bseen = [], {}, {}
    sl = get_list(ctx, tree, "spaces")
    for si, s in enumerate(sl):
        sc = ctx.key(tree, "spaces").idx(sl, si)
        check_map(sc, s, ["name", "size", "blocks"], ["desc"])
        space = Obj(name=get_name(sc, s, sseen, "space"), size=get(sc, s, "size", "int"),
                    desc=get(sc, s, "desc", "str", ""), blocks=[], index=si)
        in_range(sc.key(s, "size"), "size", space.size, 1, 1 << 32)
        items = []  # (start, end, what, ctx) for overlap checks
        bl = get_list(sc, s, "blocks")
        for bi, b in enumerate(bl):
            bc = sc.key(s, "blocks").idx(bl, bi)
            check_map(bc, b, ["name", "base", "registers"],
                      ["desc", "size", "rb_type", "rb_version"])
            block = Obj(name=get_name(bc, b, bseen, "block"), base=get(bc, b, "base", "int"),
                        desc=get(bc, b, "desc", "str", ""), size=get(bc, b, "size", "int"),
                        rb_type=get(bc, b, "rb_type", "int"),
                        rb_version=get(bc, b, "rb_version", "int"),
                        regs=[], windows=[], space=space, line=bc.line, ctx=bc)
            in_range(bc.key(b, "base"), "base", block.base, 0, space.size - 1)
            if block.size is not None:
                in_range(bc.key(b, "size"), "size", block.size, 1, space.size)
            rseen = {}
            rl = get_list(bc, b, "registers")
            for ri, r in enumerate(rl):
                rc = bc.key(b, "registers").idx(rl, ri)
                if not isinstance(r, dict):
                    raise rc.err("bad_type", want="mapping", got=_tname(r))
                kinds = [k for k in ("name", "multireg", "window") if k in r]
                if len(kinds) != 1 or (kinds[0] != "name" and len(r) != 1):
                    raise rc.err("reg_item")
                kind = kinds[0]
                if kind == "window":
                    wc = rc.key(r, "window")
                    w = r["window"]
                    check_map(wc, w, ["name", "offset", "size", "swaccess"], ["desc"])
                    name = get_name(wc, w, rseen, "register")
                    off = get(wc, w, "offset", "int")
                    size = get(wc, w, "size", "int")
                    in_range(wc.key(w, "size"), "size", size, 4, space.size)
                    sw = get(wc, w, "swaccess", "str")
                    if sw not in ("ro", "rw", "wo"):
                        raise wc.key(w, "swaccess").err("swaccess", acc=sw, allowed="ro, rw, wo")
                    if (block.base + off) % 4:
                        raise wc.key(w, "offset").err("reg_align", offset=block.base + off,
                                                      nbytes=4)
                    win = Obj(name=name, block=block, offset=off, abs=block.base + off,
                              size=size, swaccess=sw, desc=get(wc, w, "desc", "str", ""),
                              line=wc.line)
                    block.windows.append(win)
                    items.append((win.abs, win.abs + size, "window %s.%s" % (block.name, name),
                                  wc, off, off + size))
                    continue
                if kind == "multireg":
                    rc = rc.key(r, "multireg")
                    r = r["multireg"]
                    if not isinstance(r, dict):
                        raise rc.err("bad_type", want="mapping", got=_tname(r))
                name = get_name(rc, r, rseen, "register")
                reg = _register(rc, r, block, enums, kind == "multireg")
                reg.name = name
                block.regs.append(reg)
                for n in range(reg.count or 1):
                    o = reg.offset + n * (reg.stride or 0)
                    label = "register %s.%s%s" % (block.name, name,
                                                  "[%d]" % n if reg.count else "")
                    items.append((block.base + o, block.base + o + reg.nbytes, label, rc,
                                  o, o + reg.nbytes))
            # Containment in block and space.
            bend = block.base
            for (start, end, what, c, rstart, rend) in items:
                if not what.split(" ", 1)[1].startswith(block.name + "."):
                    continue
                if block.size is not None and rend > block.size:
                    raise c.err("outside_block", what=what, start=rstart, end=rend - 1,
                                block=block.name, size=block.size)
                if end > space.size:
                    raise c.err("outside_space", what=what, start=start, end=end - 1,
                                space=space.name, size=space.size)
                bend = max(bend, end)
            block.end = block.base + block.size if block.size is not None else bend
            if block.end > space.size:
                raise bc.key(b, "size").err("outside_space", what="block " + block.name,
                                            start=block.base, end=block.end - 1,
                                            space=space.name, size=space.size)
            space.blocks.append(block)
        # Block overlap (by declared or computed extent).
        bs = sorted(space.blocks, key=lambda x: (x.base, x.line))
        for a, b2 in zip(bs, bs[1:]):
            if b2.base < a.end:
                raise b2.ctx.err("block_overlap", name=b2.name, start=b2.base, end=b2.end - 1,
                                 other=a.name, ostart=a.base, oend=a.end - 1)
        # Register / multireg instance / window overlap after expansion.
        items.sort(key=lambda t: (t[0], t[3].line))
        prev = None
        for it in items:
            if prev is not None and it[0] < prev[1]:
                later = it if it[3].line >= prev[3].line else prev
                other = prev if later is it else it
                raise later[3].err("overlap", what=later[2], start=later[0], end=later[1] - 1,
                                   other=other[2], ostart=other[0], oend=other[1] - 1)
            if prev is None or it[1] > prev[1]:
                prev = it
        _check_rb(space)
        spaces.append(space)
    return spaces


def _check_rb(space):
    bases = {b.base for b in space.blocks if b.rb_type is not None}
    for b in space.blocks:
        if b.rb_type is None:
            continue
        regs = {r.offset: r for r in b.regs if r.count is None}
        for off, rname, key in ((0, "RB_TYPE", "rb_type"), (4, "RB_VER", "rb_version"),
                                (8, "RB_NEXT", None)):
            r = regs.get(off)
            if r is None or r.name != rname:
                raise b.ctx.err("rb_missing", reg=rname, offset=off)
            rv = reset_of(r)
            if key is not None:
                want = getattr(b, key)
                if want is None:
                    raise b.ctx.err("missing_key", key=key)
                if rv != want:
                    raise r.ctx.err("rb_value", reg=rname, reset=rv, key=key, want=want)
            elif rv != 0 and rv not in bases:
                raise r.ctx.err("rb_next", value=rv, space=space.name)


def reset_of(reg):
    v = 0
    for f in reg.fields:
        v |= f.reset << f.lsb
    return v


def _assign_ids(dev):
    """Expand multiregs into instances with register ids (decode order)."""
    dev.insts = []
    dev.windows = []
    for s in dev.spaces:
        for b in s.blocks:
            for r in b.regs:
                r.insts = []
                for n in range(r.count or 1):
                    i = Obj(reg=r, n=n if r.count else None, id=len(dev.insts), space=s,
                            abs=r.abs + n * (r.stride or 0))
                    i.label = "%s.%s%s" % (b.name, r.name, "[%d]" % n if r.count else "")
                    i.enum = "%s_REG_%s_%s%s" % (dev.prefix, b.name, r.name,
                                                 "_%d" % n if r.count else "")
                    r.insts.append(i)
                    dev.insts.append(i)
            for w in b.windows:
                w.id = len(dev.windows)
                w.space = s
                dev.windows.append(w)


def _check_symbols(dev):
    """Every generated C macro name must be unique (e.g. block A_B reg C vs block A reg B_C)."""
    syms = {}

    def add(sym, origin, ctx):
        if sym in syms and syms[sym] != origin:
            raise ctx.err("symbol_clash", sym=sym, other=syms[sym])
        syms[sym] = origin

    P = dev.prefix
    for p in dev.params:
        for suf in ("DEFAULT", "MIN", "MAX"):
            add("%s_PARAM_%s_%s" % (P, p.name, suf), "param " + p.name,
                Ctx("", "params." + p.name, p.line))
    for k in dev.constants:
        add("%s_%s" % (P, k.name), "constant " + k.name, Ctx("", "constants." + k.name, k.line))
    for e in dev.enums:
        for v in e.values:
            add("%s_%s_%s" % (P, e.name, v.name), "enum %s.%s" % (e.name, v.name),
                Ctx("", "enums." + e.name, e.line))
    for s in dev.spaces:
        for b in s.blocks:
            for r in b.regs:
                origin = "register %s.%s" % (b.name, r.name)
                base = "%s_%s_%s" % (P, b.name, r.name)
                for suf in ("OFFSET", "SIZE", "RESET", "BASE", "COUNT", "STRIDE"):
                    add(base + "_" + suf, origin, r.ctx)
                for f in r.fields:
                    fo = "field %s.%s.%s" % (b.name, r.name, f.name)
                    for suf in ("SHIFT", "WIDTH", "MASK", "RESET", "BIT"):
                        add("%s_%s_%s" % (base, f.name, suf), fo, r.ctx)
            for w in b.windows:
                for suf in ("OFFSET", "SIZE"):
                    add("%s_%s_%s_%s" % (P, b.name, w.name, suf), "window " + w.name,
                        Ctx(b.ctx.fname, b.ctx.path, w.line))
    for e in dev.insts:
        add(e.enum, "register id " + e.label, e.reg.ctx)
    return syms


# ---------------------------------------------------------------------------
# Request table (regs/vhost_user_requests.yaml, named by the register map's
# `requests:` key): the vhost-user requests of the pinned revision and what
# the master face does with each (spec §6), validated against the register
# map (adapter features, symbol clashes).
# ---------------------------------------------------------------------------
# Fixed vocabularies: (name, description), in C enum order. The code that acts
# on a request switches over these names, so YAML cannot add to them.
REQ_CLASSES = [
    ("REFUSE", "not relayed; master: session ended; backend: REFUSED"),
    ("RELAY", "relayed as received"),
    ("XLATE", "relayed after resource translation"),
    ("ADAPTER", "answered by the adapter"),
]
REQ_FDS = [
    ("0", "none"),
    ("1", "exactly one, of the request's resource kind"),
    ("REGIONS", "one of the resource kind per region of the payload"),
    ("VRING", "one of the resource kind, or none with NOFD"),
    ("0_OR_1", "none or one (the platform closes it unused)"),
]
REQ_RESOURCES = [
    ("NONE", "no resource"),
    ("MEM", "memory region or log: host mapping"),
    ("NOTIFIER", "call/err/log eventfd: signalled by the platform"),
    ("KICK", "kick eventfd: watched by the platform"),
    ("CHANNEL", "backend channel socket"),
]
REQ_REPLIES = [
    ("ACK_ONLY", "only with NEED_REPLY + REPLY_ACK: u64"),
    ("U64", "driver's u64 on S2M channel 0"),
    ("VRING_STATE", "driver's 8 B vring state"),
    ("CONFIG", "driver's 12 + size (<= asked) or 0 B"),
    ("ANY", "driver's reply, any size"),
    ("ADAPTER", "the adapter answers (u64)"),
    ("NONE", "refused: never answered"),
]
REQ_REWRITES = [
    ("NONE", "nothing rewritten"),
    ("MMAP_OFFSETS", "every region's mmap offset := its window offset"),
    ("LOG_OFFSET", "log offset := 0"),
    ("REPLY_MASK", "reply u64 &= pass mask"),
    ("REPLY_CLAMP", "reply u64 := min(reply, NUM_VQS)"),
]
REQ_DECISIONS = ["PASS", "MASK"]
# fd rules that read the fd count from the payload, and the payload they read.
REQ_FDS_PAYLOAD = {"REGIONS": "MEM_TABLE", "VRING": "VRING_FD"}
# rewrite -> (class, payloads, reply) it needs (None: any).
REQ_REWRITE_NEEDS = {
    "MMAP_OFFSETS": ("XLATE", ("MEM_TABLE", "MEM_REG"), None),
    "LOG_OFFSET": ("XLATE", ("LOG",), None),
    "REPLY_MASK": (None, None, "U64"),
    "REPLY_CLAMP": (None, None, "U64"),
}
# What a REFUSE request is recorded with (it is refused before any of it is looked at).
REQ_REFUSED = {"payload": "ANY", "fds": "0", "resource": "NONE", "needs": [], "reply": "NONE",
               "rewrite": "NONE"}
REQ_ATTRS = ["payload", "fds", "resource", "needs", "reply", "rewrite"]
PAYLOAD_COUNTED = ["base", "unit", "count_at", "count_min", "count_max"]
ADAPTER_FEATURE_ENUM = "ADAPTER_FEATURE"

REQ_TOP_REQ = ["payloads", "frontend"]
REQ_TOP_OPT = ["revision", "desc", "message", "needs", "protocol_features", "backend"]
# Message-level constants (`message:`): key, lowest and highest value, C type suffix,
# description. C name: <PREFIX>_VU_<KEY>. Every key is required in the section.
REQ_MESSAGE = [
    ("flag_version_mask", 1, 0xFFFFFFFF, "u", "hdr.flags: the version bits"),
    ("flag_version", 1, 0xFFFFFFFF, "u", "hdr.flags: the version of the protocol (in the version bits)"),
    ("flag_reply", 1, 0xFFFFFFFF, "u", "hdr.flags: the message is a reply"),
    ("flag_need_reply", 1, 0xFFFFFFFF, "u", "hdr.flags: the sender asks for a reply (REPLY_ACK)"),
    ("vring_index_mask", 1, 0xFFFFFFFFFFFFFFFF, "ull",
     "SET_VRING_KICK/CALL/ERR u64: the vring index bits"),
    ("vring_nofd", 1, 0xFFFFFFFFFFFFFFFF, "ull",
     "SET_VRING_KICK/CALL/ERR u64: no fd (polling), the bit above the index"),
    ("fds_max", 1, 253, "u", "fds one message may carry"),
    ("mem_regions_max", 1, 253, "u", "regions of one memory table (SET_MEM_TABLE)"),
    ("f_protocol_features", 0, 63, "u", "virtio feature bit VHOST_USER_F_PROTOCOL_FEATURES"),
]


def _names(vocab):
    """The names of a fixed vocabulary."""
    return [n for n, _ in vocab]


def get_req_name(ctx, m, seen, what):
    """Name of a request-table item: an identifier. Generated code always prefixes it
    (VPCI_VU_REQ_CONFIG), so C and SystemVerilog keywords are fine here."""
    name = get(ctx, m, "name", "str")
    c = ctx.key(m, "name")
    if not IDENT_RE.match(name):
        raise c.err("bad_name", name=name)
    if name in seen:
        raise c.err("dup_name", what=what, name=name, first=seen[name])
    seen[name] = c.line
    return name


def get_vocab(ctx, m, key, allowed, what, default=None):
    """A string from a fixed list (the fd rule also takes the integers 0 and 1)."""
    if key not in m:
        return default
    v = m[key]
    c = ctx.key(m, key)
    if key == "fds" and isinstance(v, int) and not isinstance(v, bool):
        v = str(v)
    if not isinstance(v, str):
        raise c.err("bad_type", want="string", got=_tname(v))
    if v not in allowed:
        raise c.err("req_vocab", what=what, value=v, allowed=", ".join(allowed) or "none")
    return v


def payload_limit(dev):
    """Largest payload (hdr.size): MAX_MSG_SIZE - MSG_HDR_SIZE of the register map."""
    k = {c.name: c.value for c in dev.constants}
    if "MAX_MSG_SIZE" in k and "MSG_HDR_SIZE" in k and k["MAX_MSG_SIZE"] > k["MSG_HDR_SIZE"]:
        return min(k["MAX_MSG_SIZE"] - k["MSG_HDR_SIZE"], 0xFFFF)
    return 0xFFFF


def validate_requests(tree, fname, dev):
    """Request table YAML tree -> model (rq); cross-checked against the register map dev."""
    ctx = Ctx(fname, "", getattr(tree, "line", 1))
    check_map(ctx, tree, REQ_TOP_REQ, REQ_TOP_OPT)
    rq = Obj(fname=fname, revision=get(ctx, tree, "revision", "str", ""),
             desc=get(ctx, tree, "desc", "str", ""))
    rq.payloads = _req_payloads(ctx, tree, payload_limit(dev))
    rq.protocol_features = _req_protocol_features(ctx, tree)
    rq.needs = _req_needs(ctx, tree, dev, rq)
    names = {}  # one C enum namespace (VPCI_VU_REQ_*) for both channels
    rq.frontend = _req_list(ctx, tree, "frontend", rq, names)
    rq.backend = _req_list(ctx, tree, "backend", rq, names)
    rq.pass_mask = sum(1 << f.bit for f in rq.protocol_features if f.decision == "PASS")
    rq.message = _req_message(ctx, tree, rq)
    _check_request_symbols(dev, rq)
    return rq


def _req_payloads(ctx, tree, limit):
    out, seen = [], {}
    lst = get_list(ctx, tree, "payloads")
    for i, p in enumerate(lst):
        c = ctx.key(tree, "payloads").idx(lst, i)
        check_map(c, p, ["name", "size"], ["unused_u64", "desc"])
        name = get_req_name(c, p, seen, "payload")
        sc = c.key(p, "size")
        s = p["size"]
        pl = Obj(name=name, desc=get(c, p, "desc", "str", ""), line=c.line,
                 unused_u64=get(c, p, "unused_u64", "bool", False),
                 base=0, unit=0, count_at=0, count_min=0, count_max=0)
        if isinstance(s, int) and not isinstance(s, bool):
            pl.min = pl.max = s
        elif isinstance(s, dict):
            if set(s) == {"min", "max"}:
                pl.min, pl.max = get(sc, s, "min", "int"), get(sc, s, "max", "int")
            elif set(s) == set(PAYLOAD_COUNTED):
                pl.base, pl.unit, pl.count_at, pl.count_min, pl.count_max = (
                    get(sc, s, k, "int") for k in PAYLOAD_COUNTED)
                in_range(sc.key(s, "unit"), "unit", pl.unit, 1, limit)
                if pl.count_at < 0 or pl.count_at + 4 > pl.base:
                    raise sc.key(s, "count_at").err("req_size_count", at=pl.count_at,
                                                    base=pl.base)
                pl.min = pl.base + pl.unit * pl.count_min
                pl.max = pl.base + pl.unit * pl.count_max
            else:
                raise sc.err("req_size_form", keys=", ".join(sorted(s)) or "none")
        else:
            raise sc.err("bad_type", want="integer or mapping", got=_tname(s))
        if not 0 <= pl.min <= pl.max <= limit:
            raise sc.err("req_size_range", lo=pl.min, hi=pl.max, limit=limit)
        out.append(pl)
    if REQ_REFUSED["payload"] not in seen:
        raise ctx.key(tree, "payloads").err("req_payload_any", name=REQ_REFUSED["payload"],
                                            limit=limit)
    for i, pl in enumerate(out):
        pl.value = i
    return out


def _low_mask(v):
    """True when v is 2^n - 1 (n >= 1)."""
    return v > 0 and (v & (v + 1)) == 0


def _req_message(ctx, tree, rq):
    """The `message:` section: [(key, value, suffix, desc, line)] in REQ_MESSAGE order,
    or [] when the table has none."""
    if "message" not in tree:
        return []
    c = ctx.key(tree, "message")
    m = tree["message"]
    check_map(c, m, [k for k, *_ in REQ_MESSAGE], [])
    v, out = {}, []
    for key, lo, hi, suf, desc in REQ_MESSAGE:
        v[key] = get(c, m, key, "int")
        in_range(c.key(m, key), key, v[key], lo, hi)
        out.append(Obj(key=key, value=v[key], suffix=suf, desc=desc, line=c.key(m, key).line))
    for key in ("flag_version_mask", "vring_index_mask"):
        if not _low_mask(v[key]):
            raise c.key(m, key).err("req_msg_low_mask", key=key, value=v[key])
    if v["flag_version"] & ~v["flag_version_mask"]:
        raise c.key(m, "flag_version").err("req_msg_version", value=v["flag_version"],
                                           mask=v["flag_version_mask"])
    taken = v["flag_version_mask"]
    for key in ("flag_reply", "flag_need_reply"):
        if v[key] & (v[key] - 1) or v[key] & taken:
            raise c.key(m, key).err("req_msg_flag_bit", key=key, value=v[key], taken=taken)
        taken |= v[key]
    if v["vring_nofd"] != v["vring_index_mask"] + 1:
        raise c.key(m, "vring_nofd").err("req_msg_vring_nofd", value=v["vring_nofd"],
                                         mask=v["vring_index_mask"])
    table = next((p for p in rq.payloads if p.name == REQ_FDS_PAYLOAD["REGIONS"]), None)
    if table is not None and table.unit and v["mem_regions_max"] != table.count_max:
        raise c.key(m, "mem_regions_max").err("req_msg_regions", value=v["mem_regions_max"],
                                              want=table.count_max, payload=table.name)
    if v["fds_max"] < v["mem_regions_max"]:
        raise c.key(m, "fds_max").err("req_msg_fds", value=v["fds_max"],
                                      regions=v["mem_regions_max"])
    return out


def _req_protocol_features(ctx, tree):
    out, seen = [], {}
    lst = get_list(ctx, tree, "protocol_features", required=False)
    for i, f in enumerate(lst):
        c = ctx.key(tree, "protocol_features").idx(lst, i)
        check_map(c, f, ["bit", "name", "decision"], ["desc"])
        name = get_req_name(c, f, seen, "protocol feature")
        bit = get(c, f, "bit", "int")
        in_range(c.key(f, "bit"), "protocol feature bit", bit, 0, 63)
        if bit != i:
            raise c.key(f, "bit").err("req_order", what="protocol feature bit", value=bit, want=i)
        dec = get_vocab(c, f, "decision", REQ_DECISIONS, "decision")
        if dec is None:
            raise c.err("missing_key", key="decision")
        out.append(Obj(name=name, bit=bit, decision=dec, desc=get(c, f, "desc", "str", ""),
                       line=c.line))
    return out


def _req_needs(ctx, tree, dev, rq):
    out, seen = [], {}
    lst = get_list(ctx, tree, "needs", required=False)
    in_range(ctx.key(tree, "needs"), "number of needs", len(lst), 0, 8)
    enum = next((e for e in dev.enums if e.name == ADAPTER_FEATURE_ENUM), None)
    adapter = {v.name: v.value for v in enum.values} if enum else {}
    proto = {f.name: f for f in rq.protocol_features}
    for i, n in enumerate(lst):
        c = ctx.key(tree, "needs").idx(lst, i)
        check_map(c, n, ["name"], ["adapter_feature", "protocol_feature", "desc"])
        name = get_req_name(c, n, seen, "need")
        if ("adapter_feature" in n) == ("protocol_feature" in n):
            raise c.err("req_need_kind")
        need = Obj(name=name, mask=1 << i, desc=get(c, n, "desc", "str", ""), line=c.line)
        if "adapter_feature" in n:
            need.kind, need.feature = "adapter", get_vocab(
                c, n, "adapter_feature", list(adapter),
                "adapter feature (enum %s of the register map)" % ADAPTER_FEATURE_ENUM)
            need.bit = adapter[need.feature]
        else:
            need.kind, need.feature = "protocol", get_vocab(c, n, "protocol_feature", list(proto),
                                                            "protocol feature")
            f = proto[need.feature]
            if f.decision != "PASS":
                raise c.key(n, "protocol_feature").err("req_need_masked", name=name,
                                                       feature=f.name)
            need.bit = f.bit
        out.append(need)
    return out


def _req_list(ctx, tree, key, rq, names):
    backend = key == "backend"
    out = []
    lst = get_list(ctx, tree, key, required=not backend)
    payloads = [p.name for p in rq.payloads]
    needs = {n.name: n for n in rq.needs}
    for i, r in enumerate(lst):
        c = ctx.key(tree, key).idx(lst, i)
        check_map(c, r, ["code", "name", "class"], REQ_ATTRS + ["desc"])
        code = get(c, r, "code", "int")
        if code != i + 1:
            raise c.key(r, "code").err("req_order", what=key + " code", value=code, want=i + 1)
        e = Obj(code=code, name=get_req_name(c, r, names, "request"), channel=key, line=c.line,
                cls=get_vocab(c, r, "class", _names(REQ_CLASSES), "class"),
                desc=get(c, r, "desc", "str", ""))
        if e.cls == "REFUSE":
            for k in REQ_ATTRS:
                if k in r:
                    raise c.key(r, k).err("req_refuse_attr", key=k)
            for k, v in REQ_REFUSED.items():
                setattr(e, k, v)
        else:
            for k in ("payload", "reply"):
                if k not in r:
                    raise c.err("missing_key", key=k)
            e.payload = get_vocab(c, r, "payload", payloads, "payload")
            e.fds = get_vocab(c, r, "fds", _names(REQ_FDS), "fd rule", "0")
            e.resource = get_vocab(c, r, "resource", _names(REQ_RESOURCES), "resource", "NONE")
            e.reply = get_vocab(c, r, "reply", _names(REQ_REPLIES)[:-1], "reply")
            e.rewrite = get_vocab(c, r, "rewrite", _names(REQ_REWRITES), "rewrite", "NONE")
            e.needs, nseen = [], {}
            nl = get(c, r, "needs", "list", LList())
            for j, nm in enumerate(nl):
                nc = c.key(r, "needs").idx(nl, j)
                if not isinstance(nm, str):
                    raise nc.err("bad_type", want="string", got=_tname(nm))
                if nm not in needs:
                    raise nc.err("req_vocab", what="need", value=nm, allowed=", ".join(needs))
                if nm in nseen:
                    raise nc.err("dup_name", what="need", name=nm, first=nseen[nm])
                nseen[nm] = nc.line
                e.needs.append(nm)
            _req_rules(c, r, e, backend)
        e.need_mask = sum(needs[n].mask for n in e.needs)
        out.append(e)
    return out


def _req_rules(c, r, e, backend):
    """What the attributes of one relayed request must agree on."""
    if backend:
        for k, v, ok in (("class", e.cls, e.cls == "RELAY"), ("fds", e.fds, e.fds == "0"),
                         ("needs", ", ".join(e.needs), not e.needs),
                         ("reply", e.reply, e.reply == "ACK_ONLY"),
                         ("rewrite", e.rewrite, e.rewrite == "NONE")):
            if not ok:
                raise c.key(r, k).err("req_backend", key=k, value=v)
    if (e.fds == "0") != (e.resource == "NONE"):
        raise c.key(r, "resource" if "resource" in r else "fds").err(
            "req_fds_res", fds=e.fds, res=e.resource)
    want = REQ_FDS_PAYLOAD.get(e.fds)
    if want and e.payload != want:
        raise c.key(r, "fds").err("req_fds_payload", fds=e.fds, want=want, payload=e.payload)
    if e.cls == "RELAY" and e.fds != "0":
        raise c.key(r, "fds").err("req_relay_fds", fds=e.fds)
    if e.cls == "XLATE" and e.fds == "0":
        raise c.key(r, "class").err("req_xlate_fds")
    if (e.cls == "ADAPTER") != (e.reply == "ADAPTER"):
        raise c.key(r, "reply").err("req_adapter_reply", cls=e.cls, reply=e.reply)
    if e.rewrite in REQ_REWRITE_NEEDS:
        cls, pls, reply = REQ_REWRITE_NEEDS[e.rewrite]
        if (cls and e.cls != cls) or (pls and e.payload not in pls) or (reply and e.reply != reply):
            rule = []
            if cls:
                rule.append("class " + cls)
            if pls:
                rule.append("payload " + " or ".join(pls))
            if reply:
                rule.append("reply " + reply)
            raise c.key(r, "rewrite").err("req_rewrite", rw=e.rewrite, rule=" and ".join(rule))


def request_symbols(dev, rq):
    """[(C symbol, origin, Ctx)] of every name the request table generates."""
    P = dev.prefix
    f = rq.fname
    out = []
    for chan in (rq.frontend, rq.backend):
        for e in chan:
            out.append(("%s_VU_REQ_%s" % (P, e.name), "request " + e.name,
                        Ctx(f, "%s.%s" % (e.channel, e.name), e.line)))
    top = Ctx(f, "", 1)
    for s in ("RELAY_FRONTEND_MAX", "RELAY_BACKEND_MAX", "PL_COUNT", "PROTO_PASS_ALL"):
        out.append(("%s_%s" % (P, s), "request table", top))
    for pre, vocab in (("CLASS", REQ_CLASSES), ("FD", REQ_FDS), ("RELAY_RES", REQ_RESOURCES),
                       ("REPLY", REQ_REPLIES), ("RW", REQ_REWRITES)):
        for n, _ in vocab:
            out.append(("%s_%s_%s" % (P, pre, n), "request vocabulary " + pre, top))
    for p in rq.payloads:
        c = Ctx(f, "payloads." + p.name, p.line)
        out.append(("%s_PL_%s" % (P, p.name), "payload " + p.name, c))
        for suf in ("SIZE_MIN", "SIZE_MAX", "BASE", "UNIT", "COUNT_AT", "COUNT_MIN", "COUNT_MAX"):
            out.append(("%s_PL_%s_%s" % (P, p.name, suf), "payload " + p.name, c))
    for n in rq.needs:
        c = Ctx(f, "needs." + n.name, n.line)
        out.append(("%s_NEED_%s" % (P, n.name), "need " + n.name, c))
        out.append(("%s_NEED_%s_%s_FEATURE" % (P, n.name, n.kind.upper()), "need " + n.name, c))
    for pf in rq.protocol_features:
        out.append(("%s_PROTO_F_%s" % (P, pf.name), "protocol feature " + pf.name,
                    Ctx(f, "protocol_features." + pf.name, pf.line)))
    for k in rq.message:
        out.append(("%s_VU_%s" % (P, k.key.upper()), "message " + k.key,
                    Ctx(f, "message." + k.key, k.line)))
    return out


def _check_request_symbols(dev, rq):
    """The request table's C names must not clash with each other or the register map's."""
    for sym_, origin, c in request_symbols(dev, rq):
        if sym_ in dev.symbols and dev.symbols[sym_] != origin:
            raise c.err("symbol_clash", sym=sym_, other=dev.symbols[sym_])
        dev.symbols[sym_] = origin


# ---------------------------------------------------------------------------
# Output helpers.
# ---------------------------------------------------------------------------
def hx(v, digits=0):
    return "0x%0*x" % (digits, v)


def cu(v):
    """C unsigned literal."""
    return ("0x%xull" % v) if v > 0xFFFFFFFF else ("0x%xu" % v)


def header_lines(src, comment, what):
    c = comment
    return [
        "%s GENERATED FILE - DO NOT EDIT." % c,
        "%s %s, generated from %s by tools/regs_gen.py:" % (c, what, src),
        "%s   %s" % (c, REGEN_CMD),
        "%s Edit the YAML (schema: regs/README.md) and rerun that command." % c,
    ]


def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def one_line(s):
    return " ".join((s or "").split())


def ccomment(s):
    return one_line(s).replace("*/", "* /")


def sym(dev, *parts):
    return "_".join([dev.prefix] + [p for p in parts if p])


def field_access_summary(r):
    acc = sorted({f.swaccess for f in r.fields}, key=SWACCESS.index)
    return "/".join(acc)


def reg_masks(r):
    m = {k: 0 for k in ("impl", "rd", "wr", "wo", "w1c", "w1s", "w0c", "rc", "pulse", "hw")}
    for f in r.fields:
        m["impl"] |= f.mask
        if f.swaccess in SW_READABLE:
            m["rd"] |= f.mask
        key = {"rw": "wr", "wo": "wo", "rw1c": "w1c", "rw1s": "w1s", "rw0c": "w0c",
               "rc": "rc", "r0w1c": "pulse"}.get(f.swaccess)
        if key:
            m[key] |= f.mask
        if f.hwaccess in ("hwo", "hrw"):
            m["hw"] |= f.mask
    return m


def all_regs(dev):
    for s in dev.spaces:
        for b in s.blocks:
            for r in b.regs:
                yield s, b, r


# ---------------------------------------------------------------------------
# C header.
# ---------------------------------------------------------------------------
def gen_c_header(dev, src):
    P = dev.prefix
    p = P.lower()
    L = ["/*"] + [" * " + l[2:] for l in header_lines(src, "*", "C register header")] + [" */"]
    guard = "%s_REGS_H" % P
    L += ["#ifndef " + guard, "#define " + guard, "",
          "#include <stddef.h>", "#include <stdint.h>", "",
          "#ifdef __cplusplus",
          "#define %s_STATIC_ASSERT(c, m) static_assert(c, m)" % P,
          "#else",
          "#define %s_STATIC_ASSERT(c, m) _Static_assert(c, m)" % P,
          "#endif",
          "#if defined(__GNUC__) || defined(__clang__)",
          "#define %s_PACKED __attribute__((packed))" % P,
          "#else",
          "#define %s_PACKED" % P,
          "#endif", ""]
    L += ["/* ---- Creation-time parameters ---- */"]
    for q in dev.params:
        L.append("/* %s */" % ccomment(q.desc or q.name))
        for suf, v in (("DEFAULT", q.default), ("MIN", q.min), ("MAX", q.max)):
            L.append("#define %s_PARAM_%s_%s %s" % (P, q.name, suf, cu(v)))
    L += ["", "/* ---- Constants ---- */"]
    for k in dev.constants:
        L.append("#define %s_%s %s /* %s */" % (P, k.name, cu(k.value), ccomment(k.desc)))
    L += ["", "/* ---- Enumerations ---- */"]
    for e in dev.enums:
        L.append("/* %s: %s */" % (e.name, ccomment(e.desc)))
        for v in e.values:
            L.append("#define %s_%s_%s %s /* %s */" % (P, e.name, v.name, cu(v.value),
                                                        ccomment(v.desc)))
    L += ["", "/* ---- Base address registers ---- */"]
    for b in dev.bars:
        base = "%s_BAR%d" % (P, b.index)
        L.append("/* BAR%d %s: %s */" % (b.index, b.name, ccomment(b.desc)))
        L.append("#define %s_BAR_%s %du" % (P, b.name, b.index))
        L.append("#define %s_IS64 %du" % (base, int(b.is64)))
        L.append("#define %s_PREFETCHABLE %du" % (base, int(b.prefetchable)))
        if b.size is not None:
            L.append("#define %s_SIZE %s" % (base, cu(b.size)))
        else:
            q = "%s_PARAM_%s" % (P, b.param.name)
            L.append("#define %s_SIZE_LOG2_DEFAULT %s_DEFAULT" % (base, q))
            L.append("#define %s_SIZE_LOG2_MIN %s_MIN" % (base, q))
            L.append("#define %s_SIZE_LOG2_MAX %s_MAX" % (base, q))
            L.append("#define %s_SIZE_DEFAULT %s" % (base, cu(1 << b.param.default)))
            L.append("#define %s_SIZE(log2) (1ull << (log2))" % base)
    L += ["", "/* ---- Spaces ---- */"]
    for s in dev.spaces:
        L.append("#define %s_%s_SPACE_SIZE %s /* %s */" % (P, s.name.upper(), cu(s.size),
                                                         ccomment(s.desc)))
    for s in dev.spaces:
        for b in s.blocks:
            L += ["", "/* ==== %s space, block %s @ %s: %s ==== */"
                  % (s.name, b.name, hx(b.base, 4), ccomment(b.desc))]
            L.append("#define %s_%s_BLOCK_BASE %s" % (P, b.name, cu(b.base)))
            if b.rb_type is not None:
                L.append("#define %s_%s_RB_TYPE_ID %s" % (P, b.name, cu(b.rb_type)))
                L.append("#define %s_%s_RB_VERSION %s" % (P, b.name, cu(b.rb_version)))
            for r in b.regs:
                L += _c_reg(dev, b, r)
            for w in b.windows:
                base = sym(dev, b.name, w.name)
                L.append("/* window %s.%s (%s): %s */" % (b.name, w.name, w.swaccess,
                                                          ccomment(w.desc)))
                L.append("#define %s_OFFSET %s" % (base, cu(w.abs)))
                L.append("#define %s_SIZE %s" % (base, cu(w.size)))
    L += ["", "/* ---- In-memory structures (little-endian, packed) ---- */"]
    for st in dev.structs:
        L += _c_struct(dev, st)
    L += ["", "#endif /* %s */" % guard, ""]
    return "\n".join(L)


def _c_reg(dev, b, r):
    P = dev.prefix
    base = sym(dev, b.name, r.name)
    L = [""]
    L.append("/* %s.%s%s: %s */" % (b.name, r.name,
                                    " [%d x, stride %s]" % (r.count, hx(r.stride)) if r.count
                                    else "", ccomment(r.desc) or "-"))
    if r.count:
        L.append("#define %s_BASE %s" % (base, cu(r.abs)))
        L.append("#define %s_COUNT %du" % (base, r.count))
        L.append("#define %s_STRIDE %s" % (base, cu(r.stride)))
        L.append("#define %s_OFFSET(n) (%s_BASE + (uint32_t)(n) * %s_STRIDE)" % (base, base, base))
    else:
        L.append("#define %s_OFFSET %s" % (base, cu(r.abs)))
    L.append("#define %s_SIZE %du" % (base, r.nbytes))
    L.append("#define %s_RESET %s" % (base, cu(reset_of(r))))
    for f in r.fields:
        fb = "%s_%s" % (base, f.name)
        L.append("#define %s_SHIFT %du" % (fb, f.lsb))
        L.append("#define %s_WIDTH %du" % (fb, f.width))
        L.append("#define %s_MASK %s" % (fb, cu(f.mask)))
        L.append("#define %s_RESET %s" % (fb, cu(f.reset)))
        if f.width == 1:
            L.append("#define %s_BIT %s" % (fb, cu(f.mask)))
        fn = ("%s_%s_%s_%s" % (P, b.name, r.name, f.name)).lower()
        L.append("static inline uint32_t %s_get(uint32_t v) { return (v & %s_MASK) >> %s_SHIFT; }"
                 % (fn, fb, fb))
        L.append("static inline uint32_t %s_set(uint32_t v, uint32_t field)" % fn)
        L.append("{ return (v & ~(uint32_t)%s_MASK) | ((field << %s_SHIFT) & %s_MASK); }"
                 % (fb, fb, fb))
    return L


CTYPES = {8: "uint8_t", 16: "uint16_t", 32: "uint32_t", 64: "uint64_t"}


def _c_struct(dev, st):
    P = dev.prefix
    sn = "%s_%s" % (P.lower(), st.name.lower())
    L = ["", "/* struct %s: %s */" % (sn, ccomment(st.desc)), "struct %s {" % sn]
    pos = 0
    for f in sorted(st.fields, key=lambda x: x.offset):
        if f.offset > pos:
            L.append("    uint8_t pad_%d[%d];" % (pos, f.offset - pos))
        L.append("    %s %s; /* %s */" % (CTYPES[f.bits], f.name.lower(), ccomment(f.desc)))
        pos = f.offset + f.bits // 8
    if pos < st.size:
        L.append("    uint8_t pad_%d[%d];" % (pos, st.size - pos))
    L.append("} %s_PACKED;" % P)
    L.append("#define %s_%s_SIZE %du" % (P, st.name, st.size))
    L.append("%s_STATIC_ASSERT(sizeof(struct %s) == %d, \"struct %s size\");"
             % (P, sn, st.size, sn))
    for f in st.fields:
        fb = "%s_%s_%s" % (P, st.name, f.name)
        L.append("#define %s_OFFSET %du" % (fb, f.offset))
        L.append("#define %s_BITS %du" % (fb, f.bits))
        L.append("%s_STATIC_ASSERT(offsetof(struct %s, %s) == %d, \"%s.%s offset\");"
                 % (P, sn, f.name.lower(), f.offset, sn, f.name.lower()))
    # Explicit little-endian accessors on byte buffers (no reliance on host order).
    for f in st.fields:
        t = CTYPES[f.bits]
        fn = "%s_%s" % (sn, f.name.lower())
        nb = f.bits // 8
        loads = " | ".join("((%s)b[%d] << %d)" % (t, f.offset + i, 8 * i) for i in range(nb))
        L.append("static inline %s %s_load(const void *buf)" % (t, fn))
        L.append("{ const uint8_t *b = (const uint8_t *)buf; return (%s)(%s); }" % (t, loads))
        L.append("static inline void %s_store(void *buf, %s v)" % (fn, t))
        stores = " ".join("b[%d] = (uint8_t)(v >> %d);" % (f.offset + i, 8 * i)
                          for i in range(nb))
        L.append("{ uint8_t *b = (uint8_t *)buf; %s }" % stores)
    return L


# ---------------------------------------------------------------------------
# Decode table (model).
# ---------------------------------------------------------------------------
REG_FLAGS = [("HWEXT", 1 << 0), ("HWQE", 1 << 1), ("CSR_EXCL_RESET", 1 << 2),
             ("CSR_EXCL_RW", 1 << 3), ("CSR_EXCL_BIT_BASH", 1 << 4),
             ("CSR_EXCL_ALIASING", 1 << 5), ("CSR_EXCL_W1C", 1 << 6)]


def reg_flags(r):
    f = 0
    if r.hwext:
        f |= 1
    if r.hwqe:
        f |= 2
    for t in r.excl:
        f |= dict(REG_FLAGS)["CSR_EXCL_" + t.upper()]
    return f


def gen_decode_h(dev, src):
    P = dev.prefix
    p = P.lower()
    L = ["/*"] + [" * " + l[2:] for l in header_lines(src, "*", "Register decode table")] + [" */"]
    guard = "%s_REGS_DECODE_H" % P
    L += ["#ifndef " + guard, "#define " + guard, "", "#include <stdint.h>", "",
          "#ifdef __cplusplus", 'extern "C" {', "#endif", ""]
    L.append("enum %s_space {" % p)
    L += ["    %s_SPACE_%s = %d," % (P, s.name.upper(), s.index) for s in dev.spaces]
    L.append("};")
    L.append("#define %s_SPACE_COUNT %du" % (P, len(dev.spaces)))
    L += ["", "enum %s_swaccess {" % p]
    L += ["    %s_SW_%s = %d," % (P, a.upper(), i) for i, a in enumerate(SWACCESS)]
    L += ["};", "", "enum %s_hwaccess {" % p]
    hw_order = ["none", "hro", "hrw", "hwo"]
    L += ["    %s_HW_%s = %d," % (P, a.upper(), i) for i, a in enumerate(hw_order)]
    L += ["};", "", "/* vpci_reg_desc.flags */"]
    L += ["#define %s_REG_F_%s %s" % (P, n, cu(v)) for n, v in REG_FLAGS]
    L += ["", "struct %s_field_desc {" % p,
          "    const char *name;",
          "    uint8_t lsb, width, swaccess, hwaccess;",
          "    uint32_t reset;",
          "    uint8_t hwqe; /* 1: hardware sees the write strobe */",
          "};", "",
          "struct %s_reg_desc {" % p,
          '    const char *name;   /* "ADAPTER.STATUS", "VQ.KICK_PENDING[3]" */',
          "    uint16_t id;        /* index in %s_regs[] */" % p,
          "    uint8_t space;      /* enum %s_space */" % p,
          "    uint8_t size;       /* bytes */",
          "    uint32_t offset;    /* absolute in space */",
          "    uint32_t flags;     /* %s_REG_F_* */" % P,
          "    uint32_t reset;",
          "    uint32_t impl_mask; /* bits of some field */",
          "    uint32_t rd_mask;   /* bits that read back (ro rw rc rw1c rw1s rw0c) */",
          "    uint32_t wr_mask;   /* rw bits */",
          "    uint32_t w1c_mask, w1s_mask, w0c_mask, rc_mask;",
          "    uint32_t pulse_mask; /* r0w1c: write 1 acts, reads 0 */",
          "    uint32_t hw_mask;   /* hwo/hrw bits (hardware writes them) */",
          "    uint16_t mr_index, mr_count; /* multireg instance n of count; 0, 1 otherwise */",
          "    const struct %s_field_desc *fields;" % p,
          "    uint8_t nfields;",
          "    uint32_t wo_mask;   /* wo bits: written, read as 0 */",
          "};", "",
          "struct %s_window_desc {" % p,
          '    const char *name;   /* "MSIX.TBL" */',
          "    uint8_t space;",
          "    uint8_t swaccess;",
          "    uint32_t offset;    /* absolute in space */",
          "    uint32_t size;      /* bytes */",
          "};", ""]
    L.append("/* Register ids: index into %s_regs[]. */" % p)
    L.append("enum %s_reg_id {" % p)
    for i in dev.insts:
        L.append("    %s = %d," % (i.enum, i.id))
    L.append("};")
    L.append("#define %s_REG_COUNT %du" % (P, len(dev.insts)))
    L.append("")
    L.append("enum %s_window_id {" % p)
    for w in dev.windows:
        L.append("    %s_WIN_%s_%s = %d," % (P, w.block.name, w.name, w.id))
    L.append("};")
    L.append("#define %s_WINDOW_COUNT %du" % (P, len(dev.windows)))
    L += ["",
          "/* All registers (multireg instances expanded), indexed by enum %s_reg_id. */" % p,
          "extern const struct %s_reg_desc %s_regs[];" % (p, p),
          "/* All windows, indexed by enum %s_window_id. */" % p,
          "extern const struct %s_window_desc %s_windows[];" % (p, p), "",
          "/*",
          " * %s_reg_lookup() - find the register containing a byte offset." % p,
          " * @space:  enum %s_space" % p,
          " * @offset: byte offset in that space",
          " * Returns the register whose [offset, offset + size) contains @offset, or NULL",
          " * (unknown space, hole or window). Binary search over a sorted per-space index.",
          " */",
          "const struct %s_reg_desc *%s_reg_lookup(unsigned space, uint32_t offset);" % (p, p),
          "",
          "/*",
          " * %s_window_lookup() - find the window containing a byte offset, or NULL." % p,
          " */",
          "const struct %s_window_desc *%s_window_lookup(unsigned space, uint32_t offset);"
          % (p, p),
          "", "#ifdef __cplusplus", "}", "#endif", "", "#endif /* %s */" % guard, ""]
    return "\n".join(L)


def gen_decode_c(dev, src):
    P = dev.prefix
    p = P.lower()
    hw_order = ["none", "hro", "hrw", "hwo"]
    L = ["/*"] + [" * " + l[2:] for l in header_lines(src, "*", "Register decode table")] + [" */"]
    L += ['#include "%s_regs_decode.h"' % dev.name, "", "#include <stddef.h>", ""]
    for s, b, r in all_regs(dev):
        L.append("static const struct %s_field_desc %s_f_%s_%s[] = {"
                 % (p, p, b.name.lower(), r.name.lower()))
        for f in r.fields:
            L.append('    {"%s", %d, %d, %s_SW_%s, %s_HW_%s, %s, %d},'
                     % (f.name, f.lsb, f.width, P, f.swaccess.upper(), P, f.hwaccess.upper(),
                        cu(f.reset), int(f.hwqe)))
        L.append("};")
    L += ["", "const struct %s_reg_desc %s_regs[] = {" % (p, p)]
    for i in dev.insts:
        r = i.reg
        m = reg_masks(r)
        L.append("    {%s, %s, %s_SPACE_%s, %d, %s, %s, %s," % (
            cstr(i.label), i.enum, P, i.space.name.upper(), r.nbytes, cu(i.abs),
            cu(reg_flags(r)), cu(reset_of(r))))
        L.append("     %s, %s, %s, %s, %s, %s, %s, %s, %s," % tuple(
            cu(m[k]) for k in ("impl", "rd", "wr", "w1c", "w1s", "w0c", "rc", "pulse", "hw")))
        L.append("     %d, %d, %s_f_%s_%s, %d, %s}," % (
            i.n or 0, r.count or 1, p, r.block.name.lower(), r.name.lower(), len(r.fields),
            cu(m["wo"])))
    L.append("};")
    L += ["", "const struct %s_window_desc %s_windows[] = {" % (p, p)]
    for w in dev.windows:
        L.append('    {"%s.%s", %s_SPACE_%s, %s_SW_%s, %s, %s},' % (
            w.block.name, w.name, P, w.space.name.upper(), P, w.swaccess.upper(), cu(w.abs),
            cu(w.size)))
    if not dev.windows:
        L.append("    {NULL, 0, 0, 0, 0},")
    L.append("};")
    L.append("")
    for s in dev.spaces:
        ids = sorted((i for i in dev.insts if i.space is s), key=lambda x: x.abs)
        L.append("static const uint16_t %s_idx_%s[] = {" % (p, s.name.lower()))
        for k in range(0, len(ids), 8):
            L.append("    " + " ".join("%d," % i.id for i in ids[k:k + 8]))
        if not ids:
            L.append("    0,")
        L.append("};")
    L += ["", "static const struct {", "    const uint16_t *idx;", "    size_t n;",
          "} %s_space_idx[%s_SPACE_COUNT] = {" % (p, P)]
    for s in dev.spaces:
        n = sum(1 for i in dev.insts if i.space is s)
        L.append("    {%s_idx_%s, %d}," % (p, s.name.lower(), n))
    L += ["};", "",
          "const struct %s_reg_desc *%s_reg_lookup(unsigned space, uint32_t offset)" % (p, p),
          "{",
          "    const uint16_t *idx;",
          "    size_t lo = 0, hi;",
          "    const struct %s_reg_desc *r;" % p, "",
          "    if (space >= %s_SPACE_COUNT)" % P,
          "        return NULL;",
          "    idx = %s_space_idx[space].idx;" % p,
          "    hi = %s_space_idx[space].n;" % p,
          "    /* Find the first register starting above offset; the candidate precedes it. */",
          "    while (lo < hi) {",
          "        size_t mid = lo + (hi - lo) / 2;",
          "        if (%s_regs[idx[mid]].offset <= offset)" % p,
          "            lo = mid + 1;",
          "        else",
          "            hi = mid;",
          "    }",
          "    if (lo == 0)",
          "        return NULL;",
          "    r = &%s_regs[idx[lo - 1]];" % p,
          "    return offset - r->offset < r->size ? r : NULL;",
          "}", "",
          "const struct %s_window_desc *%s_window_lookup(unsigned space, uint32_t offset)"
          % (p, p),
          "{",
          "    size_t i;", "",
          "    for (i = 0; i < %s_WINDOW_COUNT; i++) {" % P,
          "        const struct %s_window_desc *w = &%s_windows[i];" % (p, p),
          "        if (w->space == space && offset - w->offset < w->size)",
          "            return w;",
          "    }",
          "    return NULL;",
          "}", ""]
    return "\n".join(L)


# ---------------------------------------------------------------------------
# SystemVerilog package.
# ---------------------------------------------------------------------------
def sv_lit(v, bits=32):
    return "%d'h%x" % (bits, v)


def gen_sv(dev, src):
    P = dev.prefix
    pkg = "%s_regs_pkg" % dev.name
    L = header_lines(src, "//", "SystemVerilog register package")
    L += ["", "package %s;" % pkg, "",
          "  // A constants package: most users import a few names, so unused",
          "  // parameters are expected here (waiver scoped to this package).",
          "  /* verilator lint_off UNUSEDPARAM */", ""]

    def lp(name, v, bits=32, comment=None):
        t = "int unsigned" if bits == 32 else "longint unsigned"
        s = "  localparam %s %s = %s;" % (t, name, sv_lit(v, bits))
        if comment:
            s += " // " + one_line(comment)
        L.append(s)

    L.append("  // ---- Parameters (creation time) ----")
    for q in dev.params:
        for suf, v in (("DEFAULT", q.default), ("MIN", q.min), ("MAX", q.max)):
            lp("%s_PARAM_%s_%s" % (P, q.name, suf), v)
    L += ["", "  // ---- Constants ----"]
    for k in dev.constants:
        lp("%s_%s" % (P, k.name), k.value, 64 if k.value > 0xFFFFFFFF else 32, k.desc)
    L += ["", "  // ---- Enumerations ----"]
    widths = {}
    for _, _, r in all_regs(dev):
        for f in r.fields:
            if f.enum:
                widths[f.enum] = max(widths.get(f.enum, 0), f.width)
    for e in dev.enums:
        need = max(v.value for v in e.values).bit_length()
        w = widths.get(e.name, max(8, (need + 7) // 8 * 8))
        L.append("  typedef enum logic [%d:0] {" % (w - 1))
        for j, v in enumerate(e.values):
            L.append("    %s_%s_%s = %d'd%d%s" % (P, e.name, v.name, w, v.value,
                                                  "," if j + 1 < len(e.values) else ""))
        L.append("  } %s_%s_e;" % (P.lower(), e.name.lower()))
    L += ["", "  // ---- Base address registers ----"]
    for b in dev.bars:
        base = "%s_BAR%d" % (P, b.index)
        lp("%s_IS64" % base, int(b.is64))
        lp("%s_PREFETCHABLE" % base, int(b.prefetchable))
        if b.size is not None:
            lp("%s_SIZE" % base, b.size, 64)
        else:
            lp("%s_SIZE_LOG2_DEFAULT" % base, b.param.default)
            lp("%s_SIZE_LOG2_MIN" % base, b.param.min)
            lp("%s_SIZE_LOG2_MAX" % base, b.param.max)
    L += ["", "  // ---- Spaces ----"]
    for s in dev.spaces:
        lp("%s_SPACE_%s" % (P, s.name.upper()), s.index)
        lp("%s_%s_SPACE_SIZE" % (P, s.name.upper()), s.size, 64 if s.size > 0xFFFFFFFF else 32)
    for s in dev.spaces:
        for b in s.blocks:
            L += ["", "  // ==== %s: block %s ====" % (s.name, b.name)]
            lp("%s_%s_BLOCK_BASE" % (P, b.name), b.base)
            for r in b.regs:
                base = sym(dev, b.name, r.name)
                if r.count:
                    lp(base + "_BASE", r.abs)
                    lp(base + "_COUNT", r.count)
                    lp(base + "_STRIDE", r.stride)
                else:
                    lp(base + "_OFFSET", r.abs, comment=r.desc)
                lp(base + "_SIZE", r.nbytes)
                lp(base + "_RESET", reset_of(r))
                for f in r.fields:
                    fb = "%s_%s" % (base, f.name)
                    lp(fb + "_SHIFT", f.lsb)
                    lp(fb + "_WIDTH", f.width)
                    lp(fb + "_MASK", f.mask)
                    lp(fb + "_RESET", f.reset)
            for w in b.windows:
                base = sym(dev, b.name, w.name)
                lp(base + "_OFFSET", w.abs, comment=w.desc)
                lp(base + "_SIZE", w.size)
    L += ["", "  // ---- In-memory structures (little-endian) ----"]
    for st in dev.structs:
        lp("%s_%s_SIZE" % (P, st.name), st.size)
        for f in st.fields:
            lp("%s_%s_%s_OFFSET" % (P, st.name, f.name), f.offset)
            lp("%s_%s_%s_BITS" % (P, st.name, f.name), f.bits)
        # Packed struct, last field first: bits [7:0] are byte 0 of the memory image.
        L.append("  typedef struct packed {")
        pos = st.size
        for f in sorted(st.fields, key=lambda x: -x.offset):
            end = f.offset + f.bits // 8
            if end < pos:
                L.append("    logic [%d:0] pad_%d;" % ((pos - end) * 8 - 1, end))
            L.append("    logic [%d:0] %s;" % (f.bits - 1, f.name.lower()))
            pos = f.offset
        if pos > 0:
            L.append("    logic [%d:0] pad_0;" % (pos * 8 - 1))
        L.append("  } %s_%s_t;" % (P.lower(), st.name.lower()))
    L += ["", "  /* verilator lint_on UNUSEDPARAM */", "", "endpackage : %s" % pkg, ""]
    return "\n".join(L)



# ---------------------------------------------------------------------------
# AXI4-Lite CSR slave (<name>_csr_top.sv): the register storage and decode of the
# space the lowest BAR with `space:` maps (BAR0), with hardware-side ports per
# access type. Hand-written logic (rtl/) sits beside it, as OpenTitan splits
# uart_reg_top (generated) from uart_core (hand-written).
# ---------------------------------------------------------------------------
# The register that stays accessible while `sw_gate_i` (RESET_BUSY) blocks the
# others (spec §3.2, §4.4); absent in other maps: then nothing is exempt.
CSR_GATE_EXEMPT = ("ADAPTER", "CONTROL")
CSR_STORED = {"rw", "wo", "rw1c", "rw1s", "rw0c", "rc"}


def csr_space(dev):
    """The space the CSR slave decodes, or None."""
    bars = sorted((b for b in dev.bars if b.space is not None), key=lambda b: b.index)
    return bars[0].space if bars else None


def _sv_id(*parts):
    return "_".join(p.lower() for p in parts if p)


def gen_csr_top(dev, src):
    space = csr_space(dev)
    mod = "%s_csr_top" % dev.name
    aw = max(3, (space.size - 1).bit_length())
    L = header_lines(src, "//", "AXI4-Lite CSR slave")
    L += [
        "//",
        "// Register storage, decode and software access types of space '%s' (%d bytes)" % (
            space.name, space.size),
        "// behind an AXI4-Lite slave with 32-bit data. One transaction at a time; a write",
        "// takes effect in its data phase and its B response follows WR_SETTLE cycles later,",
        "// so the effects of hand-written logic (rtl/) are visible to the next access.",
        "// Always OKAY responses (spec §3.2). Hardware-side ports per field (lowercase",
        "// BLOCK_REG_FIELD):",
        "//   <r>_<f>_q      out  stored value (rw, wo, rw1c, rw1s, rw0c, rc; hwaccess hro/hrw)",
        "//   <r>_<f>_d/_de  in   hardware write (hwaccess hrw): the value before software's write",
        "//   <r>_<f>_i      in   hardware value of an ro/hwo field (not stored here)",
        "//   <r>_<f>_pulse  out  one-cycle pulse of the bits written 1 (r0w1c)",
        "//   <r>_qe         out  one-cycle write strobe (hwqe), aligned with the new _q",
        "//   <r>_we         out  write strobe of a hwext register, in the write cycle, with",
        "//                       ext_wdata_o / ext_wmask_o (register bit positions) and",
        "//                       ext_idx_o (multireg instance)",
        "//   <r>_rd         in   read value of a hwext register (multireg: COUNT x 32 bits)",
        "//   <w>_we, <w>_rdata   windows: strobe and read value at win_addr_o",
        "// Multireg ports are flattened vectors, instance n at [n*W +: W].",
        "// sw_en_i = 0: reads return all-ones, writes are dropped (COMMAND.MEM_EN = 0).",
        "// sw_gate_i = 1: every register but %s reads 0 and writes are dropped." % (
            ".".join(CSR_GATE_EXEMPT)),
        "// A write whose WSTRB is not a 1-, 2- or 4-byte naturally aligned access is dropped",
        "// and reported on wr_err_o (offset of its lowest byte, size 0 if not contiguous).",
        "",
        "module %s #(" % mod,
        "  parameter int unsigned WR_SETTLE = 4  // cycles from a write to its B response",
        ") (",
        "  input  logic        clk_i,",
        "  input  logic        rst_ni,",
        "  input  logic        soft_rst_i,   // every register back to its reset value",
        "  input  logic        sw_en_i,",
        "  input  logic        sw_gate_i,",
        "  // AXI4-Lite slave",
        "  input  logic [%d:0] s_axil_awaddr," % (aw - 1),
        "  input  logic        s_axil_awvalid,",
        "  output logic        s_axil_awready,",
        "  input  logic [31:0] s_axil_wdata,",
        "  input  logic [3:0]  s_axil_wstrb,",
        "  input  logic        s_axil_wvalid,",
        "  output logic        s_axil_wready,",
        "  output logic [1:0]  s_axil_bresp,",
        "  output logic        s_axil_bvalid,",
        "  input  logic        s_axil_bready,",
        "  input  logic [%d:0] s_axil_araddr," % (aw - 1),
        "  input  logic        s_axil_arvalid,",
        "  output logic        s_axil_arready,",
        "  output logic [31:0] s_axil_rdata,",
        "  output logic [1:0]  s_axil_rresp,",
        "  output logic        s_axil_rvalid,",
        "  input  logic        s_axil_rready,",
        "  // bad write strobes",
        "  output logic        wr_err_o,",
        "  output logic [%d:0] wr_err_off_o," % (aw - 1),
        "  output logic [3:0]  wr_err_size_o,",
        "  // shared hwext / window write data",
        "  output logic [31:0] ext_wdata_o,",
        "  output logic [31:0] ext_wmask_o,",
        "  output logic [15:0] ext_idx_o,",
        "  output logic [%d:0] win_addr_o," % (aw - 1),
        "  output logic        busy_o,       // a write is taking effect (data phase, settle)",
    ]
    ports = []      # port declarations (without trailing comma)
    body = []       # storage and write logic
    rd = []         # read mux lines
    decl = []
    rc_clear = []   # rc fields cleared on read

    def port(s):
        ports.append("  " + s)

    insts = []
    for b in space.blocks:
        for r in b.regs:
            insts.append((b, r))
    exempt_hits = []
    for b, r in insts:
        base = _sv_id(b.name, r.name)
        cnt = r.count or 1
        multi = r.count is not None
        lane = r.abs & 3
        W = r.bits
        # hit signals (per instance) for the registered transaction address
        if multi:
            decl.append("  logic %s_hit;" % base)
            decl.append("  logic [15:0] %s_idx;" % base)
            wa0 = r.abs & ~3
            body.append("  // %s.%s[%d]: %s" % (b.name, r.name, cnt, one_line(r.desc)[:80]))
            body.append("  assign %s_hit = (a32 >= 32'h%x) && (a32 < 32'h%x) && "
                        "(((a32 - 32'h%x) %% 32'h%x) == 32'h0);" % (
                            base, wa0, wa0 + cnt * r.stride, wa0, r.stride))
            body.append("  assign %s_idx = 16'((a32 - 32'h%x) / 32'h%x);" % (
                base, wa0, r.stride))
        else:
            decl.append("  logic %s_hit;" % base)
            body.append("  // %s.%s: %s" % (b.name, r.name, one_line(r.desc)[:90]))
            body.append("  assign %s_hit = (a_q == %d'h%x);" % (base, aw, r.abs & ~3))
        if (b.name, r.name) == CSR_GATE_EXEMPT:
            exempt_hits.append("%s_hit" % base)
        wmask_reg = "wm_q[%d:%d]" % (8 * lane + W - 1, 8 * lane)
        wd_reg = "wd_q[%d:%d]" % (8 * lane + W - 1, 8 * lane)
        if r.hwext:
            writable = any(f.swaccess in SW_WRITABLE for f in r.fields)
            readable = any(f.swaccess in SW_READABLE for f in r.fields)
            if writable:
                port("output logic %s_we," % base)
                body.append("  assign %s_we = wr_go && %s_hit%s;" % (
                    base, base, " && (%s_idx < 16'd%d)" % (base, cnt) if multi else ""))
            if readable:
                rmask = sum(f.mask for f in r.fields if f.swaccess in SW_READABLE)
                if multi:
                    port("input  logic [%d:0] %s_rd," % (cnt * 32 - 1, base))
                    rd.append("    if (%s_hit) rd_d = 32'((%s_rd[32 * int'(%s_idx) +: 32] & 32'h%x) << %d);"
                              % (base, base, base, rmask, 8 * lane))
                else:
                    port("input  logic [31:0] %s_rd," % base)
                    rd.append("    if (%s_hit) rd_d = 32'((%s_rd & 32'h%x) << %d);" % (
                        base, base, rmask, 8 * lane))
            continue
        if r.hwqe:
            port("output logic %s_qe," % base)
            body.append("  always_ff @(posedge clk_i or negedge rst_ni)")
            body.append("    if (!rst_ni) %s_qe <= 1'b0;" % base)
            body.append("    else %s_qe <= wr_go && %s_hit%s && !soft_rst_i;" % (
                base, base, " && (%s_idx < 16'd%d)" % (base, cnt) if multi else ""))
        for f in r.fields:
            fb = "%s_%s" % (base, f.name.lower())
            fw = f.width
            lo = 8 * lane + f.lsb
            wd = "wd_q[%d:%d]" % (lo + fw - 1, lo)
            wm = "wm_q[%d:%d]" % (lo + fw - 1, lo)
            rsv = "%d'h%x" % (fw, f.reset)
            rbits = "%d:%d" % (lo + fw - 1, lo)
            if f.swaccess == "ro":
                if f.hwaccess in ("hwo", "hrw"):
                    port("input  logic [%d:0] %s_i," % (fw - 1, fb) if not multi else
                         "input  logic [%d:0] %s_i," % (cnt * fw - 1, fb))
                    for n in range(cnt):
                        src_ = "%s_i[%d:%d]" % (fb, n * fw + fw - 1, n * fw)
                        cond = "%s_hit%s" % (base, " && %s_idx == 16'd%d" % (base, n) if multi else "")
                        rd.append("    if (%s) rd_d[%s] = %s;" % (cond, rbits, src_))
                else:
                    if True:  # constant (a zero one still reads: keeps the decode visible)
                        for n in range(cnt):
                            cond = "%s_hit%s" % (base, " && %s_idx == 16'd%d" % (base, n) if multi else "")
                            rd.append("    if (%s) rd_d[%s] = %s;" % (cond, rbits, rsv))
                continue
            if f.swaccess == "r0w1c":
                port("output logic [%d:0] %s_pulse," % (cnt * fw - 1, fb))
                body.append("  always_ff @(posedge clk_i or negedge rst_ni)")
                body.append("    if (!rst_ni) %s_pulse <= '0;" % fb)
                body.append("    else begin")
                for n in range(cnt):
                    cond = "wr_go && %s_hit%s && !soft_rst_i" % (
                        base, " && %s_idx == 16'd%d" % (base, n) if multi else "")
                    body.append("      %s_pulse[%d:%d] <= (%s) ? (%s & %s) : '0;" % (
                        fb, n * fw + fw - 1, n * fw, cond, wd, wm))
                body.append("    end")
                continue
            if f.swaccess == "wo" and f.hwaccess == "none":
                continue  # reads 0, nobody uses the value
            # stored field
            outp = f.hwaccess in ("hro", "hrw")
            if outp:
                port("output logic [%d:0] %s_q," % (cnt * fw - 1, fb))
            else:
                decl.append("  logic [%d:0] %s_q;" % (cnt * fw - 1, fb))
            hw = f.hwaccess in ("hrw", "hwo")
            if hw:
                port("input  logic [%d:0] %s_d," % (cnt * fw - 1, fb))
                port("input  logic [%d:0] %s_de," % (cnt - 1, fb))
            body.append("  always_ff @(posedge clk_i or negedge rst_ni)")
            body.append("    if (!rst_ni) %s_q <= {%d{%s}};" % (fb, cnt, rsv))
            body.append("    else if (soft_rst_i) %s_q <= {%d{%s}};" % (fb, cnt, rsv))
            body.append("    else begin")
            for n in range(cnt):
                sl = "[%d:%d]" % (n * fw + fw - 1, n * fw)
                cur = "%s_q%s" % (fb, sl)
                bse = "(%s_de[%d] ? %s_d%s : %s)" % (fb, n, fb, sl, cur) if hw else cur
                cond = "wr_go && %s_hit%s" % (base, " && %s_idx == 16'd%d" % (base, n) if multi else "")
                if f.swaccess in ("rw", "wo"):
                    nv = "(%s & ~%s) | (%s & %s)" % (bse, wm, wd, wm)
                elif f.swaccess == "rw1c":
                    nv = "%s & ~(%s & %s)" % (bse, wd, wm)
                elif f.swaccess == "rw1s":
                    nv = "%s | (%s & %s)" % (bse, wd, wm)
                elif f.swaccess == "rw0c":
                    nv = "%s & ~(~%s & %s)" % (bse, wd, wm)
                else:  # rc: software writes ignored
                    nv = bse
                rdc = ""
                if f.swaccess == "rc":
                    rdc = "rd_go && %s_hit%s" % (base, " && %s_idx == 16'd%d" % (base, n) if multi else "")
                    body.append("      if (%s) %s <= '0;" % (rdc, cur))
                    body.append("      else %s <= %s;" % (cur, bse))
                    continue
                body.append("      if (%s) %s <= %s;" % (cond, cur, nv))
                if hw:
                    body.append("      else if (%s_de[%d]) %s <= %s_d%s;" % (fb, n, cur, fb, sl))
            body.append("    end")
            if f.swaccess != "wo":
                for n in range(cnt):
                    cond = "%s_hit%s" % (base, " && %s_idx == 16'd%d" % (base, n) if multi else "")
                    rd.append("    if (%s) rd_d[%s] = %s_q[%d:%d];" % (
                        cond, rbits, fb, n * fw + fw - 1, n * fw))
    windows = []
    for b in space.blocks:
        for w in b.windows:
            wb = _sv_id(b.name, w.name)
            decl.append("  logic %s_hit;" % wb)
            body.append("  // window %s.%s" % (b.name, w.name))
            body.append("  assign %s_hit = (a32 >= 32'h%x) && (a32 < 32'h%x);" % (
                wb, w.abs, w.abs + w.size))
            if w.swaccess in ("rw", "wo"):
                port("output logic %s_we," % wb)
                body.append("  assign %s_we = wr_go && %s_hit;" % (wb, wb))
            if w.swaccess in ("rw", "ro"):
                port("input  logic [31:0] %s_rdata," % wb)
                rd.append("    if (%s_hit) rd_d = %s_rdata;" % (wb, wb))
            windows.append((wb, w))
    # drop the trailing comma of the last port
    ports[-1] = ports[-1].rstrip(",")
    L += ports
    L += [");", ""]
    L += [
        "  // ---- AXI4-Lite transaction engine ----",
        "  typedef enum logic [2:0] {S_IDLE, S_WR, S_SETTLE, S_B, S_RD, S_R} state_e;",
        "  state_e st_q;",
        "  logic [%d:0] a_q;        // word address of the transaction" % (aw - 1),
        "  logic [31:0] wd_q, wm_q;  // write data, write mask (from WSTRB)",
        "  logic [3:0]  ws_q;",
        "  logic [7:0]  cnt_q;",
        "  logic        rr_q;        // read/write round robin",
        "  logic        wr_go, rd_go, gated, strb_ok;",
        "  logic [31:0] rd_d, rdata_q;",
        "  logic        exempt;",
        "  logic [31:0] a32;",
        "  logic [3:0]  unused_addr_lsbs;",
    ]
    L += decl
    L += [
        "",
        "  assign s_axil_awready = (st_q == S_IDLE) && s_axil_awvalid && s_axil_wvalid &&",
        "                          !(s_axil_arvalid && rr_q);",
        "  assign s_axil_wready  = s_axil_awready;",
        "  assign s_axil_arready = (st_q == S_IDLE) && s_axil_arvalid &&",
        "                          !(s_axil_awvalid && s_axil_wvalid && !rr_q);",
        "  assign s_axil_bvalid  = (st_q == S_B);",
        "  assign s_axil_bresp   = 2'b00;",
        "  assign s_axil_rvalid  = (st_q == S_R);",
        "  assign s_axil_rresp   = 2'b00;",
        "  assign s_axil_rdata   = rdata_q;",
        "",
        "  // WSTRB of a 1-, 2- or 4-byte naturally aligned access (spec §3.2, §12.3)",
        "  always_comb begin",
        "    unique case (ws_q)",
        "      4'b0001, 4'b0010, 4'b0100, 4'b1000, 4'b0011, 4'b1100, 4'b1111: strb_ok = 1'b1;",
        "      default: strb_ok = 1'b0;",
        "    endcase",
        "  end",
        "  assign exempt  = %s;" % (" || ".join(exempt_hits) if exempt_hits else "1'b0"),
        "  assign gated   = sw_gate_i && !exempt;",
        "  assign wr_go   = (st_q == S_WR) && sw_en_i && strb_ok && !gated && !soft_rst_i;",
        "  assign rd_go   = (st_q == S_RD) && sw_en_i && !gated && !soft_rst_i;",
        "  assign a32 = 32'(a_q);",
        "  assign busy_o = (st_q == S_WR) || (st_q == S_SETTLE);",
        "  assign unused_addr_lsbs = {s_axil_awaddr[1:0], s_axil_araddr[1:0]};",
        "  assign ext_wdata_o = wd_q;",
        "  assign ext_wmask_o = wm_q;",
        "  assign win_addr_o  = a_q;",
        "",
        "  // bad strobes: lowest enabled byte and size (0: not contiguous)",
        "  always_comb begin",
        "    wr_err_o      = (st_q == S_WR) && sw_en_i && !strb_ok && (ws_q != 4'b0000);",
        "    wr_err_off_o  = a_q;",
        "    wr_err_size_o = 4'd0;",
        "    unique case (ws_q)",
        "      4'b0110: begin wr_err_off_o = a_q | %d'd1; wr_err_size_o = 4'd2; end" % aw,
        "      4'b0111: begin wr_err_size_o = 4'd3; end",
        "      4'b1110: begin wr_err_off_o = a_q | %d'd1; wr_err_size_o = 4'd3; end" % aw,
        "      4'b0101, 4'b1001, 4'b1011, 4'b1101: wr_err_off_o = a_q;",
        "      4'b1010: wr_err_off_o = a_q | %d'd1;" % aw,
        "      default: ;",
        "    endcase",
        "  end",
        "",
        "  always_ff @(posedge clk_i or negedge rst_ni) begin",
        "    if (!rst_ni) begin",
        "      st_q <= S_IDLE; a_q <= '0; wd_q <= '0; wm_q <= '0; ws_q <= '0; cnt_q <= '0;",
        "      rr_q <= 1'b0; rdata_q <= '0;",
        "    end else begin",
        "      unique case (st_q)",
        "        S_IDLE:",
        "          if (s_axil_awready) begin",
        "            st_q <= S_WR; rr_q <= 1'b1;",
        "            a_q  <= {s_axil_awaddr[%d:2], 2'b00};" % (aw - 1),
        "            wd_q <= s_axil_wdata; ws_q <= s_axil_wstrb;",
        "            wm_q <= {{8{s_axil_wstrb[3]}}, {8{s_axil_wstrb[2]}},",
        "                     {8{s_axil_wstrb[1]}}, {8{s_axil_wstrb[0]}}};",
        "          end else if (s_axil_arready) begin",
        "            st_q <= S_RD; rr_q <= 1'b0;",
        "            a_q  <= {s_axil_araddr[%d:2], 2'b00};" % (aw - 1),
        "          end",
        "        S_WR: begin st_q <= S_SETTLE; cnt_q <= 8'(WR_SETTLE); end",
        "        S_SETTLE:",
        "          if (cnt_q == 0) st_q <= S_B;",
        "          else cnt_q <= cnt_q - 8'd1;",
        "        S_B: if (s_axil_bready) st_q <= S_IDLE;",
        "        S_RD: begin",
        "          st_q <= S_R;",
        "          rdata_q <= !sw_en_i ? 32'hffffffff : (rd_go ? rd_d : 32'h0);",
        "        end",
        "        S_R: if (s_axil_rready) st_q <= S_IDLE;",
        "        default: st_q <= S_IDLE;",
        "      endcase",
        "    end",
        "  end",
        "",
        "  // multireg instance of the transaction (hwext multiregs)",
        "  always_comb begin",
        "    ext_idx_o = '0;",
    ]
    for b, r in insts:
        if r.count is not None:
            L.append("    if (%s_hit) ext_idx_o = %s_idx;" % (_sv_id(b.name, r.name),
                                                           _sv_id(b.name, r.name)))
    L += ["  end", "", "  // ---- registers ----"]
    L += body
    L += ["", "  // ---- read mux (word at a_q) ----", "  always_comb begin", "    rd_d = '0;"]
    L += rd
    L += ["  end", "", "endmodule : %s" % mod, ""]
    return "\n".join(L)


# ---------------------------------------------------------------------------
# Python constants.
# ---------------------------------------------------------------------------
def gen_py(dev, src):
    P = dev.prefix
    L = header_lines(src, "#", "Python register constants")
    L += ['"""%s register map constants (generated; see regs/README.md)."""' % dev.name, ""]
    for q in dev.params:
        for suf, v in (("DEFAULT", q.default), ("MIN", q.min), ("MAX", q.max)):
            L.append("%s_PARAM_%s_%s = %s" % (P, q.name, suf, hx(v)))
    L.append("")
    for k in dev.constants:
        L.append("%s_%s = %s" % (P, k.name, hx(k.value)))
    L.append("")
    for e in dev.enums:
        for v in e.values:
            L.append("%s_%s_%s = %d" % (P, e.name, v.name, v.value))
    L.append("")
    for s in dev.spaces:
        L.append("%s_SPACE_%s = %d" % (P, s.name.upper(), s.index))
    for b in dev.bars:
        base = "%s_BAR%d" % (P, b.index)
        L.append("%s_IS64 = %d" % (base, int(b.is64)))
        L.append("%s_PREFETCHABLE = %d" % (base, int(b.prefetchable)))
        if b.size is not None:
            L.append("%s_SIZE = %s" % (base, hx(b.size)))
        else:
            L.append("%s_SIZE_LOG2_PARAM = %r" % (base, b.param.name))
    L.append("")
    for s, b, r in all_regs(dev):
        base = sym(dev, b.name, r.name)
        if r.count:
            L.append("%s_BASE = %s" % (base, hx(r.abs)))
            L.append("%s_COUNT = %d" % (base, r.count))
            L.append("%s_STRIDE = %s" % (base, hx(r.stride)))
        else:
            L.append("%s_OFFSET = %s" % (base, hx(r.abs)))
        L.append("%s_SIZE = %d" % (base, r.nbytes))
        L.append("%s_RESET = %s" % (base, hx(reset_of(r))))
        for f in r.fields:
            fb = "%s_%s" % (base, f.name)
            L.append("%s_SHIFT = %d" % (fb, f.lsb))
            L.append("%s_WIDTH = %d" % (fb, f.width))
            L.append("%s_MASK = %s" % (fb, hx(f.mask)))
            L.append("%s_RESET = %s" % (fb, hx(f.reset)))
    for s in dev.spaces:
        for b in s.blocks:
            for w in b.windows:
                base = sym(dev, b.name, w.name)
                L.append("%s_OFFSET = %s" % (base, hx(w.abs)))
                L.append("%s_SIZE = %s" % (base, hx(w.size)))
    L.append("")
    for st in dev.structs:
        L.append("%s_%s_SIZE = %d" % (P, st.name, st.size))
        for f in st.fields:
            L.append("%s_%s_%s_OFFSET = %d" % (P, st.name, f.name, f.offset))
            L.append("%s_%s_%s_BITS = %d" % (P, st.name, f.name, f.bits))
    if dev.requests:
        rq = dev.requests
        L += ["", "# vhost-user request table (%s): request codes, protocol feature bits,"
              % source_name(rq.fname), "# message constants."]
        for e in rq.frontend + rq.backend:
            L.append("%s_VU_REQ_%s = %d" % (P, e.name, e.code))
        L.append("%s_RELAY_FRONTEND_MAX = %d" % (P, len(rq.frontend)))
        L.append("%s_RELAY_BACKEND_MAX = %d" % (P, len(rq.backend)))
        for f in rq.protocol_features:
            L.append("%s_PROTO_F_%s = %d" % (P, f.name, f.bit))
        for k in rq.message:
            L.append("%s_VU_%s = %s" % (P, k.key.upper(), hx(k.value)))
    L += ["", "# Structured view: name -> attributes.",
          "PARAMS = {"]
    for q in dev.params:
        L.append("    %r: {'default': %d, 'min': %d, 'max': %d}," % (q.name, q.default, q.min, q.max))
    L += ["}", "", "ENUMS = {"]
    for e in dev.enums:
        L.append("    %r: {%s}," % (e.name, ", ".join("%r: %d" % (v.name, v.value)
                                                       for v in e.values)))
    L += ["}", "", "# 'BLOCK.REG' -> register; multiregs have count/stride (offset = base).",
          "REGISTERS = {"]
    for s, b, r in all_regs(dev):
        fl = ", ".join("%r: (%d, %d, %r, %r, %s)" % (f.name, f.lsb, f.width, f.swaccess,
                                                      f.hwaccess, hx(f.reset))
                       for f in r.fields)
        L.append("    %r: {'space': %r, 'offset': %s, 'size': %d, 'reset': %s, 'count': %d, "
                 "'stride': %d, 'hwext': %r, 'hwqe': %r, 'csr_excl': %r,"
                 % ("%s.%s" % (b.name, r.name), s.name, hx(r.abs), r.nbytes, hx(reset_of(r)),
                    r.count or 1, r.stride or 0, r.hwext, r.hwqe,
                    sorted(r.excl, key=CSR_TESTS.index)))
        L.append("        'fields': {%s}}," % fl)
    L += ["}", "# field tuple: (lsb, width, swaccess, hwaccess, reset)", ""]
    return "\n".join(L)


# ---------------------------------------------------------------------------
# Register conformance vectors.
# ---------------------------------------------------------------------------
CSR_OPS = ["RESET", "WRITE", "READ_EXPECT"]


def _rand(seed):
    """Deterministic 32-bit mix (splitmix-like), independent of Python's hash."""
    x = (seed * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & (2 ** 64 - 1)
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & (2 ** 64 - 1)
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & (2 ** 64 - 1)
    x ^= x >> 31
    return x & 0xFFFFFFFF


class RegState:
    """Predicts what a register reads back after a sequence of writes (idle hardware)."""

    def __init__(self, r):
        self.r = r
        self.m = reg_masks(r)
        self.value = reset_of(r)

    def write(self, d):
        m = self.m
        v = self.value
        v = (v & ~m["wr"]) | (d & m["wr"])
        v = (v & ~m["wo"]) | (d & m["wo"])
        v &= ~(d & m["w1c"])
        v |= d & m["w1s"]
        v &= ~(~d & m["w0c"])
        self.value = v & m["impl"] & ~m["pulse"]

    def read(self):
        v = self.value & self.m["rd"]
        self.value &= ~self.m["rc"]
        return v


def _test_mask(r, test):
    """Bits of register r that take part in a test (fields excluded by csr_excl dropped)."""
    full = (1 << r.bits) - 1
    for f in r.fields:
        if test in f.excl:
            full &= ~f.mask
    return full


def gen_vectors(dev):
    """Return list of (test, op, space, size, offset, data, mask, reg_id, comment)."""
    V = []
    setup_regs = [(i, i.reg) for i in dev.insts if i.reg.setup is not None]

    def group(test, before=None):
        V.append((test, "RESET", 0, 0, 0, 0, 0, 0xFFFF, "%s: reset the device" % test))
        if before:
            before()
        for i, r in setup_regs:
            V.append((test, "WRITE", i.space.index, r.nbytes, i.abs, r.setup, 0, i.id,
                      "setup %s" % i.label))

    def participants(test):
        for i in dev.insts:
            if test not in i.reg.excl:
                yield i

    def state(i):
        st = RegState(i.reg)
        if i.reg.setup is not None:
            st.write(i.reg.setup)
        return st

    def wr(test, i, d, what=""):
        V.append((test, "WRITE", i.space.index, i.reg.nbytes, i.abs, d, 0, i.id, what))

    def rd(test, i, exp, mask, what=""):
        V.append((test, "READ_EXPECT", i.space.index, i.reg.nbytes, i.abs, exp & mask, mask,
                  i.id, what))

    def safe(i, d, test):
        """Write data restricted to the register's test bits; pulse bits never written 1."""
        r = i.reg
        st = state(i)
        tm = _test_mask(r, test)
        m = reg_masks(r)
        base = st.value
        return ((d & tm) | (base & ~tm)) & ~m["pulse"] & ((1 << r.bits) - 1)

    # RESET: every register reads its reset value right after reset.
    # Registers with csr_setup are read before the setup writes, the rest after.
    def reset_reads(setup):
        for i in participants("reset"):
            if (i.reg.setup is not None) == setup:
                st = RegState(i.reg) if setup else state(i)
                rd("RESET", i, st.read(), _test_mask(i.reg, "reset"), i.label)

    group("RESET", lambda: reset_reads(True))
    reset_reads(False)

    # RW: write a pseudo-random value and its complement, read back the prediction.
    group("RW")
    for i in participants("rw"):
        m = reg_masks(i.reg)
        if not (m["wr"] | m["wo"]) & _test_mask(i.reg, "rw"):
            continue
        st = state(i)
        tm = _test_mask(i.reg, "rw")
        for k, d in enumerate((_rand(i.id * 4 + 1), ~_rand(i.id * 4 + 1) & 0xFFFFFFFF)):
            d = safe(i, d, "rw")
            wr("RW", i, d, i.label)
            st.write(d)
            rd("RW", i, st.read(), tm, i.label)
        restore = state(i).value
        wr("RW", i, safe(i, restore, "rw"), "restore " + i.label)

    # BIT_BASH: walk a 1 and then a 0 through every writable bit.
    group("BIT_BASH")
    for i in participants("bit_bash"):
        m = reg_masks(i.reg)
        tm = _test_mask(i.reg, "bit_bash")
        wbits = (m["wr"] | m["wo"]) & tm
        if not wbits:
            continue
        st = state(i)
        base = st.value
        for b in range(i.reg.bits):
            if not (wbits >> b) & 1:
                continue
            for d in (base | (1 << b), base & ~(1 << b)):
                d = safe(i, d, "bit_bash")
                wr("BIT_BASH", i, d, "%s bit %d" % (i.label, b))
                st.write(d)
                rd("BIT_BASH", i, st.read(), tm, "%s bit %d" % (i.label, b))
        wr("BIT_BASH", i, safe(i, state(i).value, "bit_bash"), "restore " + i.label)

    # ALIASING: write a distinct value to every writable register, then read all back.
    # A decode error that maps two registers onto one storage shows as a mismatch.
    group("ALIASING")
    parts = list(participants("aliasing"))
    states = {}
    for i in parts:
        states[i.id] = state(i)
        m = reg_masks(i.reg)
        tm = _test_mask(i.reg, "aliasing")
        if not (m["wr"] | m["wo"]) & tm:
            continue
        d = safe(i, _rand(0x10000 + i.id), "aliasing")
        if i.reg.setup is not None:
            d |= i.reg.setup  # keep setup bits (e.g. memory decode) enabled
        wr("ALIASING", i, d, i.label)
        states[i.id].write(d)
    for i in parts:
        rd("ALIASING", i, states[i.id].read(), _test_mask(i.reg, "aliasing"), i.label)

    # W1C: special write semantics (rw1c rw1s rw0c rc r0w1c) at idle hardware:
    # write ones then zeros to those bits (never 1 to pulse bits), read twice (rc clears).
    group("W1C")
    for i in participants("w1c"):
        m = reg_masks(i.reg)
        tm = _test_mask(i.reg, "w1c")
        special = (m["w1c"] | m["w1s"] | m["w0c"] | m["rc"]) & tm
        if not special:
            continue
        st = state(i)
        for d in (0xFFFFFFFF, 0):
            d = safe(i, (st.value & ~special) | (d & special), "w1c")
            wr("W1C", i, d, i.label)
            st.write(d)
            rd("W1C", i, st.read(), tm, i.label)
            rd("W1C", i, st.read(), tm, i.label + " again")
    return V


def gen_vectors_h(dev, src):
    P = dev.prefix
    p = P.lower()
    V = gen_vectors(dev)
    L = ["/*"] + [" * " + l[2:] for l in header_lines(src, "*", "Register test vectors")]
    L += [" *",
          " * Register conformance tests as data (OpenTitan csr_hw_reset / csr_rw /",
          " * csr_bit_bash / csr_aliasing style), run against the C model and the RTL.",
          " * Run the vectors in order. Op RESET: reset the device (PCI-level reset).",
          " * WRITE: write `data` (size bytes) at space/offset. READ_EXPECT: read size",
          " * bytes, compare (value & mask) == data. Vectors assume default params and",
          " * idle hardware (no master, no DMA). Registers or fields with side effects",
          " * are excluded by csr_excl in the YAML (regs/README.md).",
          " */"]
    guard = "%s_CSR_VECTORS_H" % P
    L += ["#ifndef " + guard, "#define " + guard, "", "#include <stdint.h>", ""]
    L.append("enum %s_csr_test {" % p)
    L += ["    %s_CSR_TEST_%s = %d," % (P, t.upper(), k)
          for k, t in enumerate(["RESET", "RW", "BIT_BASH", "ALIASING", "W1C"])]
    L += ["};", "", "enum %s_csr_op {" % p]
    L += ["    %s_CSR_OP_%s = %d," % (P, o, k) for k, o in enumerate(CSR_OPS)]
    L += ["};", "", "#define %s_CSR_NO_REG 0xffffu /* reg_id of RESET ops */" % P, "",
          "struct %s_csr_vec {" % p,
          "    uint8_t test;   /* enum %s_csr_test */" % p,
          "    uint8_t op;     /* enum %s_csr_op */" % p,
          "    uint8_t space;  /* enum %s_space */" % p,
          "    uint8_t size;   /* bytes */",
          "    uint32_t offset;",
          "    uint32_t data;  /* WRITE: value; READ_EXPECT: expected (already masked) */",
          "    uint32_t mask;  /* READ_EXPECT: compare mask */",
          "    uint16_t reg_id; /* enum %s_reg_id, or %s_CSR_NO_REG */" % (p, P),
          "};", "",
          "#define %s_CSR_VEC_COUNT %du" % (P, len(V)), "",
          "static const struct %s_csr_vec %s_csr_vectors[%s_CSR_VEC_COUNT] = {" % (p, p, P)]
    tnames = {"RESET": "RESET", "RW": "RW", "BIT_BASH": "BIT_BASH", "ALIASING": "ALIASING",
              "W1C": "W1C"}
    for (t, op, sp, size, off, data, mask, rid, c) in V:
        L.append("    {%s_CSR_TEST_%s, %s_CSR_OP_%s, %d, %d, 0x%x, 0x%x, 0x%x, 0x%x}, /* %s */"
                 % (P, tnames[t], P, op, sp, size, off, data, mask, rid, ccomment(c)))
    L += ["};", "",
          "/* %s_csr_vectors_get() - the vector table (avoids unused-variable warnings). */" % p,
          "static inline const struct %s_csr_vec *%s_csr_vectors_get(void)" % (p, p),
          "{", "    return %s_csr_vectors;" % p, "}", "",
          "#endif /* %s */" % guard, ""]
    return "\n".join(L)


# ---------------------------------------------------------------------------
# Request table outputs: C header + table, SystemVerilog package.
# ---------------------------------------------------------------------------
def req_c_names(dev):
    """C names of the request table: {key: name} (prefix-dependent)."""
    P, p = dev.prefix, dev.prefix.lower()
    return {
        "front_enum": "%s_vu_frontend_req" % p, "back_enum": "%s_vu_backend_req" % p,
        "req": "%s_VU_REQ_" % P, "front_max": "%s_RELAY_FRONTEND_MAX" % P,
        "back_max": "%s_RELAY_BACKEND_MAX" % P, "entry": "%s_relay_entry" % p,
        "front_tab": "%s_relay_frontend" % p, "back_tab": "%s_relay_backend" % p,
        "lookup": "%s_relay_lookup" % p, "rule": "%s_payload_rule" % p,
        "rules": "%s_payload_rules" % p, "size_ok": "%s_payload_size_ok" % p,
        "pf_enum": "%s_proto_feature" % p, "pass": "%s_PROTO_PASS_ALL" % P,
    }


# (C enum tag suffix, enumerator infix, vocabulary, what) of the fixed vocabularies.
REQ_C_VOCABS = [
    ("relay_class", "CLASS", REQ_CLASSES, "Classes (spec §6.1)."),
    ("fds", "FD", REQ_FDS, "fds a request carries, as resource descriptors (spec §6.5 step 5)."),
    ("relay_res", "RELAY_RES", REQ_RESOURCES,
     "Resource kind made from a request's fds (the model's enum vpci_res_kind)."),
    ("reply", "REPLY", REQ_REPLIES, "Reply the master waits for (spec §6.2 reply path, §5.6 step 8)."),
    ("rewrite", "RW", REQ_REWRITES, "Rewrite done on the relayed payload or on the reply."),
]


def _req_entry_c(dev, e):
    """The C initializer lines of one entry."""
    P = dev.prefix
    need = " | ".join("%s_NEED_%s" % (P, n) for n in e.needs) or "0"
    return ["{.request = %s%s, .name = \"%s\"," % (req_c_names(dev)["req"], e.name, e.name),
            " .cls = %s_CLASS_%s, .payload = %s_PL_%s, .fds = %s_FD_%s, .res_kind = %s_RELAY_RES_%s,"
            % (P, e.cls, P, e.payload, P, e.fds, P, e.resource),
            " .need = %s, .reply = %s_REPLY_%s, .rewrite = %s_RW_%s}," % (need, P, e.reply, P,
                                                                          e.rewrite)]


def gen_requests_h(dev, src):
    """C header of the request table: enums, constants, structs, declarations."""
    P, p, rq = dev.prefix, dev.prefix.lower(), dev.requests
    N = req_c_names(dev)
    L = ["/*"] + [" * " + l[2:] for l in header_lines(src, "*", "vhost-user request table")]
    L += [" *", " * The relay table of docs/spec.md §6 as data: one entry per request code of the",
          " * pinned revision (%s)," % ccomment(rq.revision),
          " * front-end requests on the master channel, back-end requests on the backend",
          " * channel, with the class, the payload and fd rules the master face checks, the",
          " * features a request needs, the reply the master waits for and what is rewritten.",
          " */"]
    guard = "%s_REQUESTS_H" % P
    L += ["#ifndef " + guard, "#define " + guard, "", "#include <stdint.h>", "",
          "#ifdef __cplusplus", 'extern "C" {', "#endif", ""]
    for chan, enum, mx, what in ((rq.frontend, N["front_enum"], N["front_max"],
                                  "Front-end requests (the master's main socket, spec §6.2)"),
                                 (rq.backend, N["back_enum"], N["back_max"],
                                  "Back-end requests (the backend channel, spec §6.3)")):
        L.append("/* %s. */" % what)
        L.append("enum %s {" % enum)
        L += ["    %s%s = %d," % (N["req"], e.name, e.code) for e in chan]
        if not chan:
            L.append("    %s%s_NONE_ = 0," % (N["req"], enum.upper()))
        L.append("};")
        L.append("/* Highest request code (the table has no holes: 1..max). */")
        L.append("#define %s %du" % (mx, len(chan)))
        L.append("")
    L.append("/* Protocol features (VHOST_USER_PROTOCOL_F_*, spec §6.4). */")
    L.append("enum %s {" % N["pf_enum"])
    for f in rq.protocol_features:
        L.append("    %s_PROTO_F_%s = %d, /* %s%s */" % (P, f.name, f.bit, f.decision,
                                                      ": " + ccomment(f.desc) if f.desc else ""))
    if not rq.protocol_features:
        L.append("    %s_PROTO_F_NONE_ = 0," % P)
    L.append("};")
    L.append("/* Protocol feature bits with decision PASS (the pass mask before the removals")
    L.append(" * that depend on the accepted adapter features). */")
    L.append("#define %s %s" % (N["pass"], "0x%xull" % rq.pass_mask))
    L.append("")
    if rq.message:
        L.append("/* Message-level constants of vhost-user (spec §5.3, §6.2, §6.5). */")
        for k in rq.message:
            val = hx(k.value) if k.key.startswith(("flag_", "vring_")) else str(k.value)
            L.append("#define %s_VU_%s %s%s /* %s */" % (P, k.key.upper(), val, k.suffix,
                                                        ccomment(k.desc)))
        L.append("")
    for tag, infix, vocab, what in REQ_C_VOCABS:
        L.append("/* %s */" % what)
        L.append("enum %s_%s {" % (p, tag))
        for i, (n, d) in enumerate(vocab):
            L.append("    %s_%s_%s = %d, /* %s */" % (P, infix, n, i, ccomment(d)))
        L.append("};")
        L.append("")
    L.append("/* Payload layouts: size rules of hdr.size (spec §6.2 and §6.5 step 4). */")
    L.append("enum %s_payload {" % p)
    for pl in rq.payloads:
        L.append("    %s_PL_%s = %d, /* %s */" % (P, pl.name, pl.value, ccomment(pl.desc)))
    L.append("};")
    L.append("#define %s_PL_COUNT %du" % (P, len(rq.payloads)))
    for pl in rq.payloads:
        b = "%s_PL_%s" % (P, pl.name)
        L.append("#define %s_SIZE_MIN %du" % (b, pl.min))
        L.append("#define %s_SIZE_MAX %du" % (b, pl.max))
        if pl.unit:
            L.append("#define %s_BASE %du" % (b, pl.base))
            L.append("#define %s_UNIT %du" % (b, pl.unit))
            L.append("#define %s_COUNT_AT %du" % (b, pl.count_at))
            L.append("#define %s_COUNT_MIN %du" % (b, pl.count_min))
            L.append("#define %s_COUNT_MAX %du" % (b, pl.count_max))
    L.append("")
    L.append("/* Preconditions on negotiated features (spec §6.2), entry.need bits; each names")
    L.append(" * the adapter feature (accepted by the driver) or protocol feature (negotiated). */")
    for n in rq.needs:
        L.append("#define %s_NEED_%s 0x%xu /* %s */" % (P, n.name, n.mask, ccomment(n.desc)))
        L.append("#define %s_NEED_%s_%s_FEATURE %du /* %s feature %s */" % (
            P, n.name, n.kind.upper(), n.bit, n.kind, n.feature))
    L += ["",
          "/* One request: index = code in %s[] / %s[]. */" % (N["front_tab"], N["back_tab"]),
          "struct %s {" % N["entry"],
          "    uint32_t request;             /* vhost-user request code          */",
          "    const char *name;             /* name in the pinned revision      */",
          "    enum %s_relay_class cls;" % p,
          "    enum %s_payload payload;" % p,
          "    enum %s_fds fds;" % p,
          "    uint8_t res_kind;             /* enum %s_relay_res for its fds   */" % p,
          "    uint8_t need;                 /* %s_NEED_* bits                  */" % P,
          "    enum %s_reply reply;" % p,
          "    enum %s_rewrite rewrite;" % p,
          "};", "",
          "/* Size rule of a payload layout: hdr.size in [size_min, size_max]; a counted",
          " * layout (unit != 0) also needs size = base + unit * count, with the u32 count",
          " * (little-endian, at byte count_at) in [count_min, count_max]. */",
          "struct %s {" % N["rule"],
          "    const char *name;",
          "    uint16_t size_min, size_max;",
          "    uint16_t base, unit, count_at;",
          "    uint32_t count_min, count_max;",
          "    uint8_t unused_u64;           /* 1: from the master also 8 B of any content */",
          "};", "",
          "/* Front-end entries, index = request code (0 unused: code 0 is unknown). */",
          "extern const struct %s %s[%s + 1];" % (N["entry"], N["front_tab"], N["front_max"]),
          "/* Back-end entries, index = request code (0 unused). */",
          "extern const struct %s %s[%s + 1];" % (N["entry"], N["back_tab"], N["back_max"]),
          "/* Size rules, indexed by enum %s_payload. */" % p,
          "extern const struct %s %s[%s_PL_COUNT];" % (N["rule"], N["rules"], P), "",
          "/* Entry of a front-end (@backend = 0) or back-end request code, or NULL when the",
          " * code is unknown (refused). */",
          "const struct %s *%s(int backend, uint32_t request);" % (N["entry"], N["lookup"]), "",
          "/* 1 when @size payload bytes at @p (readable up to @size) follow the size rule of",
          " * @payload; @from_master: the message came from the master (an unused u64 is",
          " * accepted where the layout allows it). */",
          "int %s(enum %s_payload payload, const uint8_t *p, uint32_t size, int from_master);"
          % (N["size_ok"], p), "",
          "#ifdef __cplusplus", "}", "#endif", "", "#endif /* %s */" % guard, ""]
    return "\n".join(L)


def gen_requests_c(dev, src):
    """C tables (index = code), size rules, vpci_relay_lookup(), vpci_payload_size_ok()."""
    P, rq = dev.prefix, dev.requests
    N = req_c_names(dev)
    L = ["/*"] + [" * " + l[2:] for l in header_lines(src, "*", "vhost-user request table")]
    L += [" */", '#include "%s_requests.h"' % dev.name, "", "#include <stddef.h>", ""]
    for chan, tab, mx in ((rq.frontend, N["front_tab"], N["front_max"]),
                          (rq.backend, N["back_tab"], N["back_max"])):
        L.append("const struct %s %s[%s + 1] = {" % (N["entry"], tab, mx))
        for e in chan:
            L.append("    [%s%s] =" % (N["req"], e.name))
            L += ["        " + l for l in _req_entry_c(dev, e)]
        L.append("};")
        L.append("")
    L.append("const struct %s %s[%s_PL_COUNT] = {" % (N["rule"], N["rules"], P))
    for pl in rq.payloads:
        L.append("    [%s_PL_%s] = {\"%s\", %d, %d, %d, %d, %d, %du, %du, %d}," % (
            P, pl.name, pl.name, pl.min, pl.max, pl.base, pl.unit, pl.count_at, pl.count_min,
            pl.count_max, int(pl.unused_u64)))
    L += ["};", "",
          "const struct %s *%s(int backend, uint32_t request)" % (N["entry"], N["lookup"]),
          "{",
          "    if (backend)",
          "        return request >= 1 && request <= %s ? &%s[request] : NULL;"
          % (N["back_max"], N["back_tab"]),
          "    return request >= 1 && request <= %s ? &%s[request] : NULL;"
          % (N["front_max"], N["front_tab"]),
          "}", "",
          "int %s(enum %s_payload payload, const uint8_t *p, uint32_t size, int from_master)"
          % (N["size_ok"], P.lower()),
          "{",
          "    const struct %s *r;" % N["rule"],
          "    uint32_t n;", "",
          "    if ((unsigned)payload >= %s_PL_COUNT)" % P,
          "        return 0;",
          "    r = &%s[payload];" % N["rules"],
          "    if (from_master && r->unused_u64 && size == 8)",
          "        return 1;",
          "    if (size < r->size_min || size > r->size_max)",
          "        return 0;",
          "    if (!r->unit)",
          "        return 1;",
          "    /* size >= size_min >= base >= count_at + 4: the count is inside the payload. */",
          "    n = (uint32_t)p[r->count_at] | (uint32_t)p[r->count_at + 1] << 8 |",
          "        (uint32_t)p[r->count_at + 2] << 16 | (uint32_t)p[r->count_at + 3] << 24;",
          "    return n >= r->count_min && n <= r->count_max && size == r->base + r->unit * n;",
          "}", ""]
    return "\n".join(L)


def gen_requests_sv(dev, src):
    """SystemVerilog package: the same enums and constants, entries and size rules as
    functions."""
    P, p, rq = dev.prefix, dev.prefix.lower(), dev.requests
    N = req_c_names(dev)
    pkg = "%s_requests_pkg" % dev.name
    L = header_lines(src, "//", "SystemVerilog vhost-user request table")
    L += ["", "package %s;" % pkg, "",
          "  // A constants package: most users import a few names, so unused",
          "  // parameters are expected here (waiver scoped to this package).",
          "  /* verilator lint_off UNUSEDPARAM */", ""]
    for chan, enum, mx in ((rq.frontend, N["front_enum"], N["front_max"]),
                           (rq.backend, N["back_enum"], N["back_max"])):
        L.append("  typedef enum logic [31:0] {")
        vals = ["    %s%s = 32'd%d" % (N["req"], e.name, e.code) for e in chan] or [
            "    %s%s_NONE_ = 32'd0" % (N["req"], enum.upper())]
        L.append(",\n".join(vals))
        L.append("  } %s_e;" % enum)
        L.append("  localparam int unsigned %s = 32'd%d;" % (mx, len(chan)))
        L.append("")
    for f in rq.protocol_features:
        L.append("  localparam int unsigned %s_PROTO_F_%s = 32'd%d; // %s" % (P, f.name, f.bit,
                                                                          f.decision))
    L.append("  localparam longint unsigned %s = 64'h%x;" % (N["pass"], rq.pass_mask))
    for k in rq.message:
        if k.suffix == "ull":
            L.append("  localparam longint unsigned %s_VU_%s = 64'h%x; // %s" % (
                P, k.key.upper(), k.value, k.desc))
        else:
            L.append("  localparam int unsigned %s_VU_%s = 32'%s; // %s" % (
                P, k.key.upper(), ("h%x" if k.key.startswith("flag_") else "d%d") % k.value,
                k.desc))
    for n in rq.needs:
        L.append("  localparam logic [7:0] %s_NEED_%s = 8'h%x; // %s feature %s" % (
            P, n.name, n.mask, n.kind, n.feature))
        L.append("  localparam int unsigned %s_NEED_%s_%s_FEATURE = 32'd%d;" % (
            P, n.name, n.kind.upper(), n.bit))
    L.append("")
    vocabs = [(tag, infix, _names(v)) for tag, infix, v, _ in REQ_C_VOCABS]
    vocabs.insert(1, ("payload", "PL", [pl.name for pl in rq.payloads]))
    for tag, infix, names in vocabs:
        L.append("  typedef enum logic [7:0] {")
        L.append(",\n".join("    %s_%s_%s = 8'd%d" % (P, infix, n, i) for i, n in enumerate(names)))
        L.append("  } %s_%s_e;" % (p, tag))
    L += ["",
          "  // One request (spec §6.2, §6.3); need: %s_NEED_* bits." % P,
          "  typedef struct packed {",
          "    %s_relay_class_e cls;" % p,
          "    %s_payload_e payload;" % p,
          "    %s_fds_e fds;" % p,
          "    %s_relay_res_e res_kind;" % p,
          "    logic [7:0] need;",
          "    %s_reply_e reply;" % p,
          "    %s_rewrite_e rewrite;" % p,
          "  } %s_t;" % N["entry"], ""]

    def entry_sv(e):
        need = " | ".join("%s_NEED_%s" % (P, n) for n in e.needs) or "8'h0"
        return "'{%s_CLASS_%s, %s_PL_%s, %s_FD_%s, %s_RELAY_RES_%s, %s, %s_REPLY_%s, %s_RW_%s}" % (
            P, e.cls, P, e.payload, P, e.fds, P, e.resource, need, P, e.reply, P, e.rewrite)

    refused = Obj(cls="REFUSE", **REQ_REFUSED)
    for chan, fn, what in ((rq.frontend, N["front_tab"], "front-end"),
                           (rq.backend, N["back_tab"], "back-end")):
        L += ["  // Entry of a %s request code; unknown codes are refused." % what,
              "  function automatic %s_t %s_entry(input logic [31:0] code);" % (N["entry"], fn),
              "    case (code)"]
        for e in chan:
            L.append("      %s%s: return %s;" % (N["req"], e.name, entry_sv(e)))
        L += ["      default: return %s;" % entry_sv(refused), "    endcase", "  endfunction", ""]
    L += ["  // Size rule of a payload layout (see struct %s in %s_requests.h)." % (N["rule"],
                                                                                  dev.name),
          "  typedef struct packed {",
          "    logic [15:0] size_min;",
          "    logic [15:0] size_max;",
          "    logic [15:0] base;",
          "    logic [15:0] unit;",
          "    logic [15:0] count_at;",
          "    logic [31:0] count_min;",
          "    logic [31:0] count_max;",
          "    logic unused_u64;",
          "  } %s_t;" % N["rule"], "",
          "  function automatic %s_t %s(input %s_payload_e pl);" % (N["rule"], N["rule"], p),
          "    case (pl)"]
    for pl in rq.payloads:
        L.append("      %s_PL_%s: return '{16'd%d, 16'd%d, 16'd%d, 16'd%d, 16'd%d, 32'd%d, "
                 "32'd%d, 1'b%d};" % (P, pl.name, pl.min, pl.max, pl.base, pl.unit, pl.count_at,
                                      pl.count_min, pl.count_max, int(pl.unused_u64)))
    L += ["      default: return '0;", "    endcase", "  endfunction", "",
          "  // hdr.size follows the rule of pl; count: the u32 at rule.count_at of the payload",
          "  // (counted layouts only); from_master: an unused u64 is accepted where allowed.",
          "  function automatic logic %s(input %s_payload_e pl, input logic [31:0] size,"
          % (N["size_ok"], p),
          "                                  input logic [31:0] count, input logic from_master);",
          "    /* verilator lint_off UNUSEDSIGNAL */ // count_at: where the caller read count",
          "    %s_t r;" % N["rule"],
          "    /* verilator lint_on UNUSEDSIGNAL */",
          "    r = %s(pl);" % N["rule"],
          "    if (from_master && r.unused_u64 && size == 32'd8) return 1'b1;",
          "    if (size < 32'(r.size_min) || size > 32'(r.size_max)) return 1'b0;",
          "    if (r.unit == 16'd0) return 1'b1;",
          "    return count >= r.count_min && count <= r.count_max &&",
          "           size == 32'(r.base) + 32'(r.unit) * count;",
          "  endfunction", "",
          "  /* verilator lint_on UNUSEDPARAM */", "", "endpackage : %s" % pkg, ""]
    return "\n".join(L)


# ---------------------------------------------------------------------------
# Markdown documentation.
# ---------------------------------------------------------------------------
def md(s):
    return one_line(s).replace("|", "\\|")


def gen_docs(dev, src):
    P = dev.prefix
    L = ["<!-- " + l.strip() + " -->" for l in header_lines(src, "", "Register reference")]
    L += ["", "# %s register reference (version %s)" % (dev.name, dev.version), "",
          md(dev.desc), "",
          "Access types (reggen names): `ro` read-only, `rw` read/write, `wo` write-only "
          "(reads 0), `rc` read clears, `rw1c` write 1 to clear, `rw1s` write 1 to set, "
          "`rw0c` write 0 to clear, `r0w1c` reads 0, write 1 triggers an action. "
          "Hardware access: `hro` hardware reads, `hrw` hardware reads and writes, `hwo` "
          "hardware writes, `none`. `hwext`: the value is kept outside the register block "
          "(computed by the device). `hwqe`: hardware sees the write strobe.", "",
          "## Contents", ""]
    for s in dev.spaces:
        L.append("- Space `%s`: %s" % (s.name, ", ".join("[%s](#%s)" % (b.name, ("block-" + b.name).lower().replace("_", "_"))
                                                         for b in s.blocks)))
    L += ["- [BARs](#bars), [Parameters](#parameters), [Constants](#constants), "
          "[Structures](#structures), [Enumerations](#enumerations)%s" % (
              ", [vhost-user requests](#vhost-user-requests)" if dev.requests else ""), ""]
    for s in dev.spaces:
        L += ["## Space `%s`" % s.name, "", "%s Size %s." % (md(s.desc), hx(s.size)), "",
              "| Block | Base | Extent | Description |", "|---|---|---|---|"]
        for b in s.blocks:
            L.append("| %s | %s | %s..%s | %s |" % (b.name, hx(b.base, 4), hx(b.base, 4),
                                                   hx(b.end - 1, 4), md(b.desc)))
        L.append("")
        for b in s.blocks:
            L += ["### Block %s" % b.name, "", md(b.desc), "",
                  "Space `%s`, base %s%s." % (s.name, hx(b.base, 4),
                                              ", register block type %s version %s" % (
                                                  hx(b.rb_type), hx(b.rb_version, 8))
                                              if b.rb_type is not None else ""), "",
                  "| Offset | Name | Size | Access | Reset | Description |",
                  "|---|---|---|---|---|---|"]
            items = [(r.abs, "r", r) for r in b.regs] + [(w.abs, "w", w) for w in b.windows]
            for _, kind, x in sorted(items, key=lambda t: t[0]):
                if kind == "w":
                    L.append("| %s..%s | %s (window) | %s | %s | - | %s |" % (
                        hx(x.abs, 4), hx(x.abs + x.size - 1, 4), x.name, hx(x.size), x.swaccess,
                        md(x.desc)))
                    continue
                r = x
                off = hx(r.abs, 4)
                nm = r.name
                if r.count:
                    off = "%s + n*%s" % (hx(r.abs, 4), hx(r.stride))
                    nm = "%s[0..%d]" % (r.name, r.count - 1)
                flags = [k for k, v in (("hwext", r.hwext), ("hwqe", r.hwqe)) if v]
                L.append("| %s | %s | %d | %s%s | %s | %s |" % (
                    off, nm, r.nbytes, field_access_summary(r),
                    " (%s)" % ", ".join(flags) if flags else "", hx(reset_of(r), r.nbytes * 2),
                    md(r.desc)))
            L.append("")
            for r in b.regs:
                L += ["#### %s.%s" % (b.name, r.name), ""]
                if r.desc:
                    L += [md(r.desc), ""]
                where = ("offset %s" % hx(r.abs, 4) if not r.count else
                         "offset %s + n * %s, n = 0..%d" % (hx(r.abs, 4), hx(r.stride),
                                                             r.count - 1))
                extra = []
                if r.hwext:
                    extra.append("hwext")
                if r.hwqe:
                    extra.append("hwqe")
                if r.excl:
                    extra.append("csr_excl: %s" % ", ".join(sorted(r.excl,
                                                                   key=CSR_TESTS.index)))
                if r.setup is not None:
                    extra.append("csr_setup: %s" % hx(r.setup))
                L += ["`%s_%s_%s`: %s, %d bytes, reset %s%s." % (
                    P, b.name, r.name, where, r.nbytes, hx(reset_of(r), r.nbytes * 2),
                    "; " + "; ".join(extra) if extra else ""), "",
                      "| Bits | Field | SW | HW | Reset | Description |",
                      "|---|---|---|---|---|---|"]
                for f in sorted(r.fields, key=lambda x: -x.lsb):
                    bits = "%d:%d" % (f.msb, f.lsb) if f.width > 1 else "%d" % f.lsb
                    d = md(f.desc)
                    if f.enum:
                        e = next(x for x in dev.enums if x.name == f.enum)
                        d += (" " if d else "") + "Enum %s: %s." % (
                            e.name, ", ".join("%d %s" % (v.value, v.name) for v in e.values))
                    if f.hwqe:
                        d += (" " if d else "") + "(hwqe)"
                    if f.excl:
                        d += (" " if d else "") + "(csr_excl: %s)" % ", ".join(
                            sorted(f.excl, key=CSR_TESTS.index))
                    L.append("| %s | %s | %s | %s | %s | %s |" % (
                        bits, f.name, f.swaccess, f.hwaccess, hx(f.reset), d))
                L.append("")
    L += ["## BARs", "", "| BAR | Name | Size | 64-bit | Prefetchable | Description |",
          "|---|---|---|---|---|---|"]
    for b in dev.bars:
        size = (hx(b.size) if b.size is not None else
                "2^%s (%d..%d, default %d)" % (b.param.name, b.param.min, b.param.max,
                                               b.param.default))
        L.append("| %d%s | %s | %s | %s | %s | %s |" % (
            b.index, "/%d" % (b.index + 1) if b.is64 else "", b.name, size,
            "yes" if b.is64 else "no", "yes" if b.prefetchable else "no",
            md(b.desc) + (" Space `%s`." % b.space.name if b.space else "")))
    L += ["", "## Parameters", "", "| Name | Default | Min | Max | Description |",
          "|---|---|---|---|---|"]
    for q in dev.params:
        L.append("| %s | %d | %d | %d | %s |" % (q.name, q.default, q.min, q.max, md(q.desc)))
    L += ["", "## Constants", "", "| Name | Value | Description |", "|---|---|---|"]
    for k in dev.constants:
        L.append("| %s | %s (%d) | %s |" % (k.name, hx(k.value), k.value, md(k.desc)))
    L += ["", "## Structures", ""]
    for st in dev.structs:
        L += ["### %s (%d bytes)" % (st.name, st.size), "", md(st.desc), "",
              "| Offset | Bits | Field | Description |", "|---|---|---|---|"]
        for f in st.fields:
            L.append("| %d | %d | %s | %s |" % (f.offset, f.bits, f.name, md(f.desc)))
        L.append("")
    L += ["## Enumerations", ""]
    for e in dev.enums:
        L += ["### %s" % e.name, "", md(e.desc), "", "| Value | Name | Description |",
              "|---|---|---|"]
        for v in e.values:
            L.append("| %d | %s | %s |" % (v.value, v.name, md(v.desc)))
        L.append("")
    if dev.requests:
        L += gen_requests_docs(dev)
    return "\n".join(L).rstrip("\n") + "\n"


def gen_requests_docs(dev):
    """Markdown section of the request table (appended to the register reference)."""
    rq = dev.requests
    N = req_c_names(dev)
    L = ["## vhost-user requests", "",
         "Generated from `%s`; the reasons for each decision are in docs/spec.md §6. "
         "Pinned revision: %s. C: `%s_requests.h` (`enum %s`, `enum %s`, `%s[]`, `%s[]`, "
         "`%s()`), SystemVerilog: package `%s_requests_pkg`." % (
             source_name(rq.fname), md(rq.revision), dev.name, N["front_enum"],
             N["back_enum"], N["front_tab"], N["back_tab"], N["lookup"], dev.name), ""]
    if rq.desc:
        L += [md(rq.desc), ""]
    cols = ("| Code | Request | Class | Payload | fds | Resource | Needs | Reply | Rewrite |",
            "|---|---|---|---|---|---|---|---|---|")
    for chan, title in ((rq.frontend, "Front-end requests (master channel, spec §6.2)"),
                        (rq.backend, "Back-end requests (backend channel, spec §6.3)")):
        L += ["### %s" % title, "", cols[0], cols[1]]
        for e in chan:
            if e.cls == "REFUSE":
                L.append("| %d | `%s` | REFUSE | - | - | - | - | - | - |" % (e.code, e.name))
                continue
            L.append("| %d | `%s` | %s | %s | %s | %s | %s | %s | %s |" % (
                e.code, e.name, e.cls, e.payload, e.fds, e.resource,
                ", ".join(e.needs) or "-", e.reply, e.rewrite))
        L.append("")
    L += ["### Payload layouts", "", "| Layout | hdr.size | Description |", "|---|---|---|"]
    for pl in rq.payloads:
        if pl.unit:
            size = "%d + %d * n, n = u32 at %d, %d..%d" % (pl.base, pl.unit, pl.count_at,
                                                          pl.count_min, pl.count_max)
        else:
            size = "%d" % pl.min if pl.min == pl.max else "%d..%d" % (pl.min, pl.max)
        if pl.unused_u64:
            size += " (master: or 8)"
        L.append("| %s | %s | %s |" % (pl.name, size, md(pl.desc)))
    if rq.message:
        L += ["", "### Message constants", "", "| Name | Value | Description |", "|---|---|---|"]
        for k in rq.message:
            L.append("| %s (`%s_VU_%s`) | %s (%d) | %s |" % (k.key, dev.prefix, k.key.upper(),
                                                            hx(k.value), k.value, md(k.desc)))
    L += ["", "### Vocabulary", ""]
    for what, vocab in (("Class", REQ_CLASSES), ("fds", REQ_FDS), ("Resource", REQ_RESOURCES),
                        ("Reply", REQ_REPLIES), ("Rewrite", REQ_REWRITES)):
        L.append("- %s: %s." % (what, "; ".join("`%s` %s" % (n, md(d)) for n, d in vocab)))
    L += ["", "### Needs", "", "| Need | Feature | Description |", "|---|---|---|"]
    for n in rq.needs:
        L.append("| %s | %s feature %s (bit %d) | %s |" % (n.name, n.kind, n.feature, n.bit,
                                                          md(n.desc)))
    L += ["", "### Protocol features (spec §6.4)", "",
          "Pass mask (PASS bits): `0x%x` (`%s`)." % (rq.pass_mask, N["pass"]), "",
          "| Bit | Feature | Decision | Description |", "|---|---|---|---|"]
    for f in rq.protocol_features:
        L.append("| %d | %s | %s | %s |" % (f.bit, f.name, f.decision, md(f.desc)))
    L.append("")
    return L


# ---------------------------------------------------------------------------
# Driver.
# ---------------------------------------------------------------------------
def source_name(yaml_path):
    """Path of the YAML as written into generated files (repo-relative, stable)."""
    ap = os.path.abspath(yaml_path)
    if ap.startswith(REPO_ROOT + os.sep):
        return os.path.relpath(ap, REPO_ROOT).replace(os.sep, "/")
    return os.path.basename(ap)


def load(yaml_path, requests_path=None):
    """Load and validate the register map and its request table (the map's `requests:`
    file, or @requests_path instead); returns the model or raises RegsError."""
    tree = load_yaml(yaml_path)
    if tree is None:
        raise RegsError(yaml_path, 1, "(top)", "bad_type", want="mapping", got="null")
    dev = validate(tree, yaml_path)
    path = requests_path
    if path is None and dev.requests_ref is not None:
        path = os.path.join(os.path.dirname(yaml_path), dev.requests_ref)
        try:
            with open(path, encoding="utf-8"):
                pass
        except OSError as e:
            raise dev.requests_ctx.err("requests_file", file=path, why=e.strerror)
    if path is not None:
        rtree = load_yaml(path)
        if rtree is None:
            raise RegsError(path, 1, "(top)", "bad_type", want="mapping", got="null")
        dev.requests = validate_requests(rtree, path, dev)
    return dev


def render(dev, src):
    """Return {basename: text} of all generated files except the docs."""
    n = dev.name
    out = {
        "%s_regs.h" % n: gen_c_header(dev, src),
        "%s_regs_decode.h" % n: gen_decode_h(dev, src),
        "%s_regs_decode.c" % n: gen_decode_c(dev, src),
        "%s_regs_pkg.sv" % n: gen_sv(dev, src),
        "%s_regs.py" % n: gen_py(dev, src),
        "%s_csr_vectors.h" % n: gen_vectors_h(dev, src),
    }
    if csr_space(dev) is not None:
        out["%s_csr_top.sv" % n] = gen_csr_top(dev, src)
    if dev.requests:
        rsrc = source_name(dev.requests.fname)
        out["%s_requests.h" % n] = gen_requests_h(dev, rsrc)
        out["%s_requests.c" % n] = gen_requests_c(dev, rsrc)
        out["%s_requests_pkg.sv" % n] = gen_requests_sv(dev, rsrc)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description="vhost-pci register generator (regs/README.md)")
    ap.add_argument("--yaml", default=None, help="register map (default regs/vhost_pci_regs.yaml)")
    ap.add_argument("--out-dir", required=True, help="directory for generated sources")
    ap.add_argument("--docs", default=None, help="path of the Markdown reference to write")
    ap.add_argument("--requests", default=None,
                    help="request table (default: the register map's `requests:` file)")
    ap.add_argument("--check", action="store_true",
                    help="compare with existing files instead of writing; exit 1 if stale")
    args = ap.parse_args(argv)
    yaml_path = args.yaml or os.path.join(REPO_ROOT, DEFAULT_YAML)
    try:
        dev = load(yaml_path, args.requests)
    except RegsError as e:
        print("error: %s" % e, file=sys.stderr)
        return 2
    except OSError as e:
        print("error: %s" % e, file=sys.stderr)
        return 2
    src = source_name(yaml_path)
    files = {os.path.join(args.out_dir, k): v for k, v in render(dev, src).items()}
    if args.docs:
        files[args.docs] = gen_docs(dev, src)
    if args.check:
        stale = []
        for path in sorted(files):
            try:
                with open(path, encoding="utf-8", newline="") as f:
                    cur = f.read()
            except OSError:
                cur = None
            if cur != files[path]:
                stale.append(path)
        for path in stale:
            print("stale: %s" % path, file=sys.stderr)
        if stale:
            print("generated files are out of date; regenerate with:\n  %s" % REGEN_CMD,
                  file=sys.stderr)
            return 1
        return 0
    for path in sorted(files):
        d = os.path.dirname(path)
        if d:
            os.makedirs(d, exist_ok=True)
        try:
            with open(path, encoding="utf-8", newline="") as f:
                if f.read() == files[path]:
                    continue  # unchanged: keep the timestamp (no needless rebuilds)
        except OSError:
            pass
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(files[path])
    return 0


if __name__ == "__main__":
    sys.exit(main())
