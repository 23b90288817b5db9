#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Show a recorded vhost-pci session (vhost-pci-bridge --record FILE; the format
is docs/session-trace.md): its header, then one line per record, or with
--summary the record counts only. Exit status 1 if the file is malformed."""
import argparse
import struct
import sys

TYPES = {1: "CONNECT", 2: "DISCONNECT", 3: "MSG", 4: "KICK", 5: "MEM", 6: "SEND",
         7: "NOTIFY", 8: "NOTE", 9: "CHANNEL_GONE"}
NOTIFY = {0: "call", 1: "err", 2: "log"}
RES = {0: "none", 1: "mem", 2: "notifier", 3: "kick", 4: "channel"}
MAX_PAYLOAD = 64 << 20


def records(data):
    """Yield (offset, type, a, b, payload); raise ValueError if malformed."""
    if len(data) < 16 or data[:8] != b"VPCIREC\0":
        raise ValueError("not a vhost-pci session recording (magic)")
    version, info_len = struct.unpack_from("<II", data, 8)
    if version != 1:
        raise ValueError("unsupported version %d" % version)
    off = 16 + info_len
    if off > len(data):
        raise ValueError("header info runs past the end")
    yield 0, 0, 0, 0, data[16:off]
    while off < len(data):
        if off + 8 > len(data):
            raise ValueError("record header at %d cut short" % off)
        t, a, b, n = struct.unpack_from("<BBHI", data, off)
        if t not in TYPES or n > MAX_PAYLOAD or off + 8 + n > len(data):
            raise ValueError("bad record at offset %d (type %d, length %d)" % (off, t, n))
        yield off, t, a, b, data[off + 8:off + 8 + n]
        off += 8 + n


def describe(t, a, b, p):
    if t == 3:
        res = [struct.unpack_from("<IIQ", p, 16 * i) for i in range(b)]
        msg = p[16 * b:]
        req, flags, size = struct.unpack_from("<III", msg, 0) if len(msg) >= 12 else (0, 0, 0)
        rs = " ".join("%s%s" % (RES.get(k, "?"), ":%d" % s if k == 1 else "") for k, _, s in res)
        return "ch%d request=%d flags=0x%x size=%d%s" % (a, req, flags, size,
                                                         (" res=[" + rs + "]") if rs else "")
    if t == 6:
        req, flags, size = struct.unpack_from("<III", p, 0) if len(p) >= 12 else (0, 0, 0)
        return "ch%d request=%d flags=0x%x size=%d" % (a, req, flags, size)
    if t == 4:
        return "vq=%d" % b
    if t == 5:
        return "gpa=0x%x len=%d" % (struct.unpack_from("<Q", p, 0)[0], len(p) - 8)
    if t == 7:
        return "%s vq=%d" % (NOTIFY.get(a, "?"), b)
    if t == 8:
        return p.decode(errors="replace")
    return ""


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("file", help="the recording")
    ap.add_argument("--summary", action="store_true", help="record counts and bytes only")
    args = ap.parse_args()
    with open(args.file, "rb") as f:
        data = f.read()
    counts, mem = {}, 0
    try:
        for off, t, a, b, p in records(data):
            if t == 0:
                print(p.decode(errors="replace").rstrip("\n"))
                continue
            counts[TYPES[t]] = counts.get(TYPES[t], 0) + 1
            if t == 5:
                mem += len(p) - 8
            if not args.summary:
                print("%8d %-10s %s" % (off, TYPES[t], describe(t, a, b, p)))
    except ValueError as e:
        print("vpci-rec: %s: %s" % (args.file, e), file=sys.stderr)
        return 1
    print("records: " + " ".join("%s=%d" % kv for kv in sorted(counts.items())) +
          " mem_bytes=%d file_bytes=%d" % (mem, len(data)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
