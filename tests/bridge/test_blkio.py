#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""libblkio (qemu-io / qemu-img from the trixie chroot of scripts/blkio-chroot.sh,
QEMU's virtio-blk-vhost-user driver) as a real vhost-user-blk master without a
VM, through the vhost-pci bridge into the firmware's blk backend (issues 12, 14):

  1  qemu-io writes 1 MiB of 0xab at 0 and reads it back with -P 0xab
     (qemu-io checks every byte: "Pattern verification failed" otherwise);
  2  a read of the same range expecting 0xcd must report a pattern failure
     (the check can fail; qemu-io 10.0 exits 1 then, older ones 0, so the
     output is what is checked);
  3  reconnects: several qemu-io sessions in a row, each writing its own
     pattern at its own offset and reading it back, then a last session reads
     every pattern again, including the 0xab of session 1;
  4  qemu-img bench, 2000 requests of 4 KiB at queue depth 32 (reads, then
     writes): many requests in flight in one session;
  5  the bridge's report: sessions = connections made, refused = 0,
     violations = 0, blk counters: ioerr = 0, unsupp = 0, at least the
     requests and bytes the tools issued;
  6  a second bridge in poll mode serving a disk file on tmpfs (--disk,
     what bench_blk.py measures): a pattern written and read back through
     libblkio is in the file at its offset, and qemu-img bench -d 32 runs;
     its report has no error either.

Exit 77 (ctest SKIP_RETURN_CODE), with a SKIP line, when the chroot cannot be
built or entered (no root, no network); scripts/test.sh builds it first.
"""
import argparse
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "scripts"))
import vpci_blkio  # noqa: E402
import vpci_bridge_proc as vbp  # noqa: E402

MiB = 1 << 20


def fail(why):
    print(f"FAIL: {why}", flush=True)
    sys.exit(1)


def report(text, prefix, key):
    """key=value on the report line starting with @prefix, as an integer."""
    v = vbp.report_value(text, prefix, key)
    if v is None:
        fail(f"'{prefix}' {key} missing from the report:\n{text}")
    return int(v)


def qemu_io(br, sock, cmds, binds):
    rc, out = vpci_blkio.qemu_io(sock, cmds, binds)
    if rc != 0:
        fail(f"qemu-io {cmds} exited {rc}:\n{out}\nbridge log:\n{br.log()[-3000:]}")
    return out


def expect_ok(out, what, ops):
    """Every op of @ops ('wrote N' / 'read N') completed, no pattern failure."""
    if "Pattern verification failed" in out or "error" in out.lower():
        fail(f"{what}: qemu-io reported an error:\n{out}")
    for verb, n in ops:
        if not re.search(rf"\b{verb} {n}/{n} bytes", out):
            fail(f"{what}: no '{verb} {n}/{n} bytes' in qemu-io's output:\n{out}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bridge", required=True)
    ap.add_argument("--reconnects", type=int, default=4)
    a = ap.parse_args()
    if not os.path.exists(a.bridge):
        fail(f"{a.bridge} not built")
    try:
        path = vpci_blkio.ensure_chroot()
    except vpci_blkio.Skip as e:
        print(f"SKIP: libblkio chroot not available: {e}", flush=True)
        return vpci_blkio.SKIP
    except RuntimeError as e:
        fail(str(e))
    print(f"chroot: {path}", flush=True)

    work = tempfile.mkdtemp(prefix="vpci-blkio-")
    os.chmod(work, 0o755)
    binds = [work]
    sock = os.path.join(work, "blk.sock")
    br = vbp.Bridge(a.bridge, work, ["--socket", sock, "--backend", "blk", "--ram-disk", "64M"],
                    on_error=fail)
    sessions = 0
    results = []
    try:
        # 1: write and read back a pattern
        out = qemu_io(br, sock, ["write -P 0xab 0 1M", "read -P 0xab 0 1M"], binds)
        sessions += 1
        expect_ok(out, "write/read 0xab", [("wrote", MiB), ("read", MiB)])
        results.append("qemu-io wrote 1 MiB of 0xab and read it back, every byte checked")

        # 2: a wrong pattern must be caught
        rc, out = vpci_blkio.qemu_io(sock, ["read -P 0xcd 0 1M"], binds)
        sessions += 1
        if "Pattern verification failed" not in out:
            fail(f"a read expecting 0xcd over 0xab data passed (exit {rc}):\n{out}")
        results.append("a read expecting 0xcd over the 0xab data reports 'Pattern verification "
                       "failed'")

        # 3: reconnects, each session its own pattern at its own offset
        pats = []
        for i in range(a.reconnects):
            pat, off = 0x10 + i, (2 + i) * MiB
            out = qemu_io(br, sock, [f"write -P {pat:#x} {off} 512k",
                                     f"read -P {pat:#x} {off} 512k"], binds)
            sessions += 1
            expect_ok(out, f"reconnect {i + 1}", [("wrote", 512 << 10), ("read", 512 << 10)])
            pats.append((pat, off))
        cmds = ["read -P 0xab 0 1M"] + [f"read -P {p:#x} {o} 512k" for p, o in pats]
        out = qemu_io(br, sock, cmds, binds)
        sessions += 1
        expect_ok(out, "read-back after reconnects", [("read", MiB)] + [("read", 512 << 10)] * len(pats))
        results.append(f"{a.reconnects} more sessions (connect, write own pattern, read, "
                       f"disconnect), then all {a.reconnects + 1} patterns read back in a new "
                       f"session")

        # 4: queue depth 32
        iops = []
        for write in (False, True):
            rc, out = vpci_blkio.qemu_img_bench(sock, 2000, 32, write, binds=binds, timeout=120)
            sessions += 1
            m = re.search(r"Run completed in ([0-9.]+) seconds", out)
            if rc != 0 or not m:
                fail(f"qemu-img bench {'-w ' if write else ''}exited {rc}:\n{out}\n"
                     f"bridge log:\n{br.log()[-3000:]}")
            iops.append(2000 / max(float(m.group(1)), 1e-6))
        results.append(f"qemu-img bench -d 32 -c 2000: reads {iops[0]:.0f} IOPS, "
                       f"writes {iops[1]:.0f} IOPS (interrupt mode, not a benchmark)")
    finally:
        text = br.stop()
    print(text)

    # 5: the bridge's report
    n_sess = report(text, "adapter0", "sessions")
    if n_sess != sessions:
        fail(f"report: sessions={n_sess}, the test connected {sessions} times")
    for key in ("refused", "violations"):
        if report(text, "adapter0", key) != 0:
            fail(f"report: {key} != 0 with a real master\n{br.log()[-3000:]}")
    for key in ("ioerr", "unsupp"):
        if report(text, "adapter0 blocks", key) != 0:
            fail(f"report: blocks {key} != 0")
    reqs = report(text, "adapter0 blocks", "reqs")
    wbytes = report(text, "adapter0 blocks", "bytes_written")
    rbytes = report(text, "adapter0 blocks", "bytes_read")
    want_w = MiB + a.reconnects * (512 << 10) + 2000 * 4096
    want_r = 2 * MiB + 2 * a.reconnects * (512 << 10) + 2000 * 4096 + MiB
    if wbytes < want_w or rbytes < want_r or reqs < 4000:
        fail(f"report: reqs={reqs} bytes_written={wbytes} bytes_read={rbytes}, want at least "
             f"4000 / {want_w} / {want_r}")
    results.append(f"report: sessions={n_sess} refused=0 violations=0, reqs={reqs} "
                   f"bytes_written={wbytes} bytes_read={rbytes} ioerr=0 unsupp=0")

    # 6: poll mode, a disk file on tmpfs
    shm = tempfile.mkdtemp(prefix="vpci-blkio-", dir="/dev/shm")
    os.chmod(shm, 0o755)
    img = os.path.join(shm, "disk.img")
    with open(img, "wb") as f:
        f.truncate(16 * MiB)
    sock2 = os.path.join(shm, "blk.sock")
    br = vbp.Bridge(a.bridge, shm, ["--mode", "poll", "--socket", sock2, "--backend", "blk",
                                "--disk", img], on_error=fail)
    try:
        out = qemu_io(br, sock2, ["write -P 0x5a 12M 64k", "read -P 0x5a 12M 64k"], [shm])
        expect_ok(out, "poll mode, --disk", [("wrote", 64 << 10), ("read", 64 << 10)])
        rc, out = vpci_blkio.qemu_img_bench(sock2, 2000, 32, True, binds=[shm], timeout=120)
        if rc != 0 or "Run completed" not in out:
            fail(f"poll mode: qemu-img bench -w exited {rc}:\n{out}\n{br.log()[-3000:]}")
    finally:
        text2 = br.stop()
    with open(img, "rb") as f:
        f.seek(12 * MiB)
        data = f.read(64 << 10)
    shutil.rmtree(shm, ignore_errors=True)
    if data != b"\x5a" * (64 << 10):
        fail("poll mode: the pattern written through libblkio is not in the disk file")
    if report(text2, "adapter0", "violations") != 0 or report(text2, "adapter0", "refused") != 0 \
            or report(text2, "adapter0 blocks", "ioerr") != 0 or \
            report(text2, "adapter0 blocks", "writes") < 2001:
        fail(f"poll mode: report:\n{text2}")
    results.append("poll mode, --disk on tmpfs: 64 KiB of 0x5a written through libblkio is in "
                   "the file at 12 MiB (past the 8 MiB qemu-img bench -w -d 32 wrote after "
                   "it); no errors in the report")
    for r in results:
        print("PASS " + r)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
