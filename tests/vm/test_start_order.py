#!/usr/bin/python3
"""vm.start_order: masters started before the backend is ready, and after.

QEMU 7.2 behaviour this relies on (checked here): a vhost-user chardev in
client mode with reconnect=1 blocks device realize, retrying every second,
until the backend's socket accepts (no guest code runs meanwhile); in server
mode (server=on,wait=on) QEMU listens and blocks until the backend connects.

1. blk, master first: QEMU (client, reconnect=1) is started while no backend
   exists; the backend comes 3 s later (the bridge additionally starts its
   firmware 2 s after its socket opens, so the master's first messages wait in
   the adapter). The guest then runs the whole-disk pattern test.
2. net, both orders and both socket roles: master A listens (QEMU server) and
   is started first, the backend connects to it (bridge --client / testpmd
   client=1); the backend serves port 1 and master B connects to it after the
   backend is ready. A and B ping each other (169.254/16 + IPv6 link-local)."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vmharness as vh  # noqa: E402

DISK_SIZE = 8 << 20
DELAY = 3.0

h = vh.Harness("vm.start_order", __doc__, timeout=200)
with h:
    # --- 1. blk, master before backend --------------------------------------
    if h.part("blk"):
        disk = vh.make_disk(h.path("disk.img"), DISK_SIZE)
        seed = os.urandom(4).hex()
        sock = h.path("blk-backend.sock")
        vm = h.vm("blk-master", "blk", blk=sock, reconnect=True, params={"seed": seed})
        time.sleep(DELAY)
        h.check(vm.alive() and not any("VPCI: init" in l for _, l in vm.lines),
                "blk: master started %.0f s before the backend waits in QEMU (no guest code yet)" % DELAY)
        be = h.blk_backend(disk, start_delay_ms=2000)
        be.wait_ready()
        t_be = time.monotonic()
        res = vm.expect_pass(120)
        h.record_boot(vm, " (incl. waiting for the backend)")
        h.timing("blk: backend start -> guest verdict", time.monotonic() - t_be)
        kv = dict(re.findall(r"(\w+)=(\S+)", res))
        h.check(kv.get("read_md5") == kv.get("pattern_md5") and kv.get("bytes") == str(DISK_SIZE),
                "blk: master-first guest wrote and read back the whole disk", "md5 %s" % kv.get("read_md5"))
        h.finish_vm(vm)
        ok, why = vh.check_disk_pattern(disk, seed)
        h.check(ok, "blk: host disk file holds the pattern", why)
        be.stop()
        h.check(be.p.returncode is not None, "blk: backend stopped", "status %s" % be.p.returncode)

    # --- 2. net: A (QEMU server) before the backend, B after ----------------
    if h.part("net"):
        socks = [h.path("net-backend%d.sock" % i) for i in range(2)]
        mac = [h.mac(), h.mac()]
        ip = ["169.254.20.1", "169.254.20.2"]

        def params(i):
            j = 1 - i
            return {"ip": ip[i] + "/16", "peer": ip[j], "peer6": vh.mac_to_ll6(mac[j]),
                    "count": 3, "wait": 60, "hold": 1}

        vm_a = h.vm("net-master-A", "net", net=socks[0], mac=mac[0], server=True, params=params(0))
        t_a = time.monotonic()
        while not os.path.exists(socks[0]):
            if time.monotonic() - t_a > 20:
                raise vh.TestFailure("QEMU server socket %s did not appear" % socks[0])
            time.sleep(0.05)
        time.sleep(DELAY)
        h.check(vm_a.alive() and not any("VPCI: init" in l for _, l in vm_a.lines),
                "net: master A (QEMU server=on,wait=on) started before the backend waits for it")
        be = h.net_backend(2, client=[True, False], start_delay_ms=1000)
        be.wait_ready()
        vm_b = h.vm("net-master-B", "net", net=socks[1], mac=mac[1], params=params(1))
        for v in (vm_a, vm_b):
            res = v.expect_pass(120)
            kv = dict(re.findall(r"(\w+)=(\S+)", res))
            h.record_boot(v, " (incl. waiting for the backend)" if v is vm_a else "")
            h.check(kv.get("rx4") == "3" and kv.get("rx6") == "3",
                    "net: %s pinged its peer (IPv4 + IPv6 link-local)" % v.name,
                    "rx4=%s rx6=%s of 3" % (kv.get("rx4"), kv.get("rx6")))
        for v in (vm_a, vm_b):
            h.finish_vm(v)
        h.check(be.alive(), "net: backend still running after both masters left")
h.exit()
