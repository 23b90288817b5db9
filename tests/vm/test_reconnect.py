#!/usr/bin/python3
"""vm.reconnect: masters killed (SIGKILL) in the middle of traffic, then
replaced by new ones on the same socket. The new session must work, and the
backend's open fds (/proc/<pid>/fd) must not grow across sessions.

net: master A stays up (command loop). Master B floods A with echo requests
     and is killed mid-burst, twice; a third B pings A, and A pings it back.
     fd count checked: with only A connected before B's first session and
     after each kill (equal); during each B session (equal); after all
     masters left = before any came.
blk: a master loops write + O_DIRECT read-back of the whole disk and is
     killed mid-I/O; a new master runs the full pattern test with a new seed;
     the host checks the disk file. fd count before, after the kill and after
     the end are equal."""
import os
import re
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vmharness as vh  # noqa: E402

KILLS = 2
DISK_SIZE = 8 << 20

h = vh.Harness("vm.reconnect", __doc__, timeout=240)


def kill_vm(vm):
    t = time.monotonic()
    vm.kill(signal.SIGKILL)
    vm.wait_exit(10)
    vm.reader.join(2)
    return time.monotonic() - t


with h:
    # --- net ----------------------------------------------------------------
    if h.part("net"):
        be = h.net_backend(2)
        be.wait_ready()
        fd_idle = be.fd_count()
        log_fds = ["idle %d" % fd_idle]
        mac_a, mac_b = h.mac(), h.mac()
        ip_a, ip_b = "169.254.30.1", "169.254.30.2"
        a = h.vm("net-A", "net-serve", net=be.socket(0), mac=mac_a,
                 params={"ip": ip_a + "/16", "peer": ip_b})
        a.expect(r"VPCI: shell ready", 90)
        h.record_boot(a)
        fd_a = h.stable_fds(be)   # with A's session up
        log_fds.append("A %d" % fd_a)
        fd_sessions = []
        for k in range(1, KILLS + 1):
            b = h.vm("net-B%d" % k, "net-flood", net=be.socket(1), mac=mac_b,
                     params={"ip": ip_b + "/16", "peer": ip_a, "wait": 60})
            m, i = b.expect(r"VPCI: flood burst=2 tx=(\d+) rx=(\d+)", 90)
            h.check(int(m.group(2)) > 0, "net: B%d floods A (traffic flowing before the kill)" % k,
                    "burst 2: %s/%s replies" % (m.group(2), m.group(1)))
            fd_sessions.append(be.fd_count())
            log_fds.append("A+B%d %d" % (k, fd_sessions[-1]))
            secs = kill_vm(b)
            h.check(be.alive(), "net: backend survived SIGKILL of B%d mid-traffic" % k)
            n = h.settle_fds(be, fd_a)
            log_fds.append("A after kill %d: %d" % (k, n))
            h.check(n == fd_a, "net: backend fds back to A-only count after kill %d" % k,
                    "%d, want %d" % (n, fd_a))
            h.timing("net: SIGKILL of B%d -> QEMU gone" % k, secs)
        h.check(len(set(fd_sessions)) == 1, "net: backend fd count equal in every B session",
                " ".join(map(str, fd_sessions)))
        b = h.vm("net-B%d" % (KILLS + 1), "net", net=be.socket(1), mac=mac_b,
                 params={"ip": ip_b + "/16", "peer": ip_a, "peer6": vh.mac_to_ll6(mac_a),
                         "count": 3, "wait": 60, "hold": 1})
        res = b.expect_pass(120)
        kv = dict(re.findall(r"(\w+)=(\S+)", res))
        h.record_boot(b)
        h.check(kv.get("rx4") == "3" and kv.get("rx6") == "3",
                "net: new B session pings A (IPv4 + IPv6 link-local)", res)
        rc = a.run("ping -c 3 -i 0.2 -W 2 %s && ping -6 -c 3 -i 0.2 -W 2 -I eth0 %s"
                   % (ip_b, vh.mac_to_ll6(mac_b)), 30)
        h.check(rc == 0, "net: A (session untouched by B's kills) pings the new B")
        n = be.fd_count()
        log_fds.append("A+B%d %d" % (KILLS + 1, n))
        h.check(n == fd_sessions[0], "net: fd count in the new session = in the killed ones",
                "%d vs %d" % (n, fd_sessions[0]))
        h.finish_vm(b)
        h.finish_vm(a)
        n = h.settle_fds(be, fd_idle)
        log_fds.append("end %d" % n)
        h.check(n == fd_idle, "net: backend fds after all masters left = before any came",
                "%d, want %d; %s" % (n, fd_idle, ", ".join(log_fds)))
        be.stop()

    # --- blk ----------------------------------------------------------------
    if h.part("blk"):
        disk = vh.make_disk(h.path("disk.img"), DISK_SIZE)
        be = h.blk_backend(disk)
        be.wait_ready()
        fd_idle = be.fd_count()
        m1 = h.vm("blk-1", "blk-loop", blk=be.socket(0), params={"seed": os.urandom(4).hex()})
        m1.expect(r"VPCI: blk pass=1 ", 90, fail=r"VPCI: result FAIL")
        fd_session = be.fd_count()
        time.sleep(0.3)   # inside pass 2: write (~0.2 s) then read (~1 s)
        secs = kill_vm(m1)
        h.check(be.alive(), "blk: backend survived SIGKILL of the master mid-I/O")
        n = h.settle_fds(be, fd_idle)
        h.check(n == fd_idle, "blk: backend fds after the kill = before the master came",
                "%d, want %d (%d during the session)" % (n, fd_idle, fd_session))
        seed = os.urandom(4).hex()
        m2 = h.vm("blk-2", "blk", blk=be.socket(0), params={"seed": seed})
        res = m2.expect_pass(120)
        h.record_boot(m2)
        kv = dict(re.findall(r"(\w+)=(\S+)", res))
        h.check(kv.get("read_md5") == kv.get("pattern_md5") and kv.get("bytes") == str(DISK_SIZE),
                "blk: new master wrote and read back the whole disk", "md5 %s" % kv.get("read_md5"))
        h.finish_vm(m2)
        ok, why = vh.check_disk_pattern(disk, seed)
        h.check(ok, "blk: host disk file holds the new session's pattern", why)
        n = h.settle_fds(be, fd_idle)
        h.check(n == fd_idle, "blk: backend fds after the second master left = idle count",
                "%d, want %d" % (n, fd_idle))
h.exit()
