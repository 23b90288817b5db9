#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Capture the recorded sessions that the TLM replay tests use (this folder;
the format is docs/session-trace.md). Each capture writes NAME.vpcirec (the
bridge's --record file) and NAME.expect (what the recording bridge's report
said, which every replay must reproduce).

  net  testpmd-rxonly: DPDK testpmd (net_virtio_user, io forwarding) sends
       one burst of 64 frames (`start tx_first`, burst 64) into the bridge's
       rxonly sink, which checks every frame's payload.
  blk  qemu-blk: a QEMU master VM (Debian guest kernel, vhost-user-blk-pci,
       TCG) writes a seeded pattern over a 256 KiB disk served by the
       bridge's blk backend and reads it back (scripts/guest/init, run_blk).

Run by hand after a change of the format or of what the bridge sends; the
files are checked in. Needs dpdk-testpmd (net), QEMU and the guest kernel
of scripts/build-guest.sh (blk)."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "tests", "vm"))

BLK_DISK = 256 << 10
BLK_SEED = "c0ffee01"


def report(text, adapter="adapter0"):
    """key=value pairs of the adapter's report lines; a frame line
    ("adapter0 last_frame len=N hex=..", "adapter0 template0 ...") gives
    its name = its hex bytes."""
    kv = {}
    for line in text.splitlines():
        if not line.startswith(adapter + " "):
            continue
        what = line.split()[1]
        m = re.search(r"hex=(\S+)", line)
        if m and (what == "last_frame" or what.startswith("template")):
            kv[what] = m.group(1)
        else:
            kv.update(re.findall(r"(\w+)=(\S+)", line))
    return kv


def fnv64(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
    return "%016x" % h


def write_expect(path, what, kv):
    with open(path, "w") as f:
        f.write("# %s\n# Written by tests/tlm/sessions/capture.py from the recording bridge's "
                "report; the replays must give the same figures.\n" % what)
        for k, v in kv.items():
            f.write("%s=%s\n" % (k, v))


def check_recording(kv):
    for k in ("record_late", "record_skipped", "record_failed"):
        if kv.get(k) != "0":
            sys.exit("capture: %s=%s: the recording is not exact, not kept" % (k, kv.get(k)))


def capture_net(bridge, out):
    import vpci_testpmd
    tmp = tempfile.mkdtemp(prefix="vpci-capture-")
    try:
        sock, rec = os.path.join(tmp, "net.sock"), os.path.join(out, "testpmd-rxonly.vpcirec")
        b = subprocess.Popen([bridge, "--socket", sock, "--backend", "rxonly", "--record", rec,
                              "--exit-after-sessions", "1"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        if b.stdout.readline().strip() != "vhost-pci-bridge: ready":
            sys.exit("capture: the bridge did not start: " + b.stderr.read())
        tp, _, cmd = vpci_testpmd.run(sock, "vpcicap%d" % os.getpid(), [
            ("set fwd io", 0.2), ("set burst 64", 0.2), ("start tx_first", 3.0),
            ("stop", 0.5), ("show port stats 0", 0.5)])
        print("capture: " + cmd)
        rest, err = b.communicate(timeout=30)
        kv = report(rest)
        sys.stderr.write(err)
        check_recording(kv)
        if kv.get("tx_frames") != "64" or kv.get("frames_ok") != "64":
            sys.exit("capture: the sink counted %s frames (%s ok), not 64" %
                     (kv.get("tx_frames"), kv.get("frames_ok")))
        keep = {k: kv[k] for k in ("tx_frames", "tx_bytes", "rx_frames", "drop_bad", "bad_layout",
                                   "frames_ok", "frames_bad", "msgs_in", "msgs_out", "kicks",
                                   "template0", "last_frame")}
        write_expect(os.path.join(out, "testpmd-rxonly.expect"),
                     "DPDK testpmd, io forwarding, start tx_first at burst 64 -> bridge rxonly",
                     keep)
        print("capture: %s (%d bytes)" % (rec, os.path.getsize(rec)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def capture_blk(bridge, out):
    import vmharness as vh
    rec_dir = tempfile.mkdtemp(prefix="vpci-capture-")
    os.environ["VPCI_VM_RECORD"] = rec_dir
    sys.argv = [sys.argv[0], "--backend", "bridge", "--bridge", bridge]
    h = vh.Harness("capture.blk", __doc__, timeout=240)
    with h:
        disk = vh.make_disk(h.path("disk.img"), BLK_DISK)
        be = h.blk_backend(disk)
        be.wait_ready()
        vm = h.vm("master", "blk", blk=be.socket(0), params={"seed": BLK_SEED})
        res = vm.expect_pass(180)
        h.check("read_md5=" in res, "guest wrote and read back its pattern")
        h.finish_vm(vm)
        be.stop()
        with be.cond:
            kv = report("\n".join(line for _, line in be.lines))
        check_recording(kv)
        with open(disk, "rb") as f:
            image = f.read()
        ok, why = vh.check_disk_pattern(disk, BLK_SEED)
        h.check(ok, "the disk holds the guest's pattern", why)
        rec = os.path.join(out, "qemu-blk.vpcirec")
        shutil.copyfile(os.path.join(rec_dir, "blk0.vpcirec"), rec)
        keep = {k: kv[k] for k in ("reqs", "reads", "writes", "flushes", "bytes_read",
                                   "bytes_written", "ioerr", "msgs_in", "msgs_out", "kicks")}
        keep["disk_bytes"] = str(len(image))
        keep["disk_fnv"] = fnv64(image)
        write_expect(os.path.join(out, "qemu-blk.expect"),
                     "QEMU master VM (vhost-user-blk-pci), guest writes seed %s over %d bytes and "
                     "reads it back -> bridge blk" % (BLK_SEED, BLK_DISK), keep)
        print("capture: %s (%d bytes)" % (rec, os.path.getsize(rec)))
        shutil.rmtree(rec_dir, ignore_errors=True)
    h.exit()


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", nargs="*", choices=["net", "blk"], default=["net", "blk"])
    ap.add_argument("--bridge", default=os.path.join(ROOT, "build", "bridge", "vhost-pci-bridge"))
    ap.add_argument("--out", default=HERE, help="where the files go (default: this folder)")
    args = ap.parse_args()
    if "net" in args.what:
        capture_net(os.path.abspath(args.bridge), args.out)
    if "blk" in args.what:
        capture_blk(os.path.abspath(args.bridge), args.out)  # exits
    return 0


if __name__ == "__main__":
    sys.exit(main())
