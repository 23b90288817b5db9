#!/usr/bin/python3
"""vm.blk: a QEMU master VM with vhost-user-blk-pci on the backend's socket
(the bridge's firmware blk backend, or the baseline qemu-storage-daemon).
The guest writes a seeded pattern over the whole disk with O_DIRECT, reads it
back and compares; the host then checks every block of the disk file."""
import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vmharness as vh  # noqa: E402

DISK_SIZE = 16 << 20

h = vh.Harness("vm.blk", __doc__, timeout=150)
with h:
    disk = vh.make_disk(h.path("disk.img"), DISK_SIZE)
    seed = os.urandom(4).hex()
    be = h.blk_backend(disk)
    be.wait_ready()
    fd_idle = be.fd_count()
    vm = h.vm("master", "blk", blk=be.socket(0), params={"seed": seed})
    vm.expect(r"VPCI: ready disk=vda bytes=(\d+)", 60)
    res = vm.expect_pass(120)
    h.record_boot(vm)
    kv = dict(re.findall(r"(\w+)=(\S+)", res))
    want = hashlib.md5(b"".join(vh.pattern_block(seed, i)
                                for i in range(DISK_SIZE // vh.BLOCK))).hexdigest()
    h.check(kv.get("bytes") == str(DISK_SIZE), "guest sees the whole disk", "%s bytes" % kv.get("bytes"))
    h.check(kv.get("pattern_md5") == want, "guest pattern = host pattern", "md5 %s" % want)
    h.check(kv.get("read_md5") == want, "guest read back the pattern it wrote (O_DIRECT)")
    for what in ("write", "read"):
        secs = float(kv.get(what + "_s", "0"))
        h.timing("guest %s %d MiB (%.1f MiB/s, guest clock)"
                 % (what, DISK_SIZE >> 20, (DISK_SIZE >> 20) / max(secs, 0.01)), secs)
    h.finish_vm(vm)
    ok, why = vh.check_disk_pattern(disk, seed)
    h.check(ok, "host: disk file holds the pattern", why)
    h.check(be.alive(), "backend still running after the master left")
    h.timing("master VM wall time", vm.t_exit - vm.t_start)
h.exit()
