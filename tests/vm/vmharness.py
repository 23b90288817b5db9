"""Harness of the VM tests (CTest label `vm`): QEMU master VMs against a
vhost-user backend, the bridge (vhost-pci-bridge + firmware backend) or a
baseline host backend (qemu-storage-daemon's vhost-user-blk export, DPDK
testpmd's vhost PMD).

A test script does:

    h = Harness("vm.blk", __doc__)
    with h:                              # cleanup of every process/file on any exit
        be = h.blk_backend(disk)         # Backend: pid, sockets, fd_count()
        vm = h.vm("m0", "blk", blk=be.socket(0), params={"seed": "..."})
        vm.expect(r"result PASS", 60)
        h.check(cond, "what was checked")
    # h.exit() -> 0 pass, 1 fail, 77 skip

Guests: scripts/build-guest.sh builds kernel + initramfs; the kernel command
line (vpci.test=...) selects the guest's variant (scripts/guest/init). Guests
run under TCG with memfd guest RAM shared with the backend. No VM gets a host
network backend (-nodefaults; only vhost-user netdevs), and guest addresses
are 169.254.0.0/16 and IPv6 link-local only.

Cleanup: every child runs under `setpriv --pdeathsig KILL` (dies with the
harness even on SIGKILL), SIGTERM/SIGINT/SIGHUP and the harness's own deadline
end the test through the same cleanup path, and temp dirs of harnesses that
died anyway are swept at the next start.

Environment:
  VPCI_VM_BACKEND   bridge | baseline | auto (default auto: the bridge if its
                    binary exists, else the baseline, said loudly)
  VPCI_BRIDGE       path of vhost-pci-bridge (default from CMake / build/bridge)
  VPCI_VM_BRIDGE_MODE  firmware mode of the bridge: irq (default) | adaptive | poll
  VPCI_VM_TRACE=1   run the bridge with --trace (one line per vhost-user message)
  VPCI_VM_RECORD=DIR  run the bridge with --record DIR/<kind><i>.vpcirec per
                    adapter (recorded sessions, docs/session-trace.md)
  VPCI_VM_BLK_PROPS extra vhost-user-blk-pci properties (debugging: event_idx=off)
  VPCI_VM_KEEP_ON_FAIL=1  keep the temp dir when the test fails
  VPCI_GUEST_DIR    guest cache dir (default <repo>/build/guest)
  VPCI_VM_KEEP=1    keep the temp dir (logs, disk images)
  VPCI_VM_VERBOSE=1 stream every console and backend log line
  CI=true           a missing prerequisite fails instead of skipping
"""

import argparse
import glob
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SKIP = 77
TMP_PREFIX = "vpci-vm-"
BLOCK = 4096


class TestFailure(Exception):
    """A check failed; the message says which."""


class TestSkip(Exception):
    """A prerequisite is missing on this machine."""


class Deadline(Exception):
    """The harness's own time limit ran out."""


def log(msg):
    print(msg, flush=True)


# --------------------------------------------------------------------------
# Pattern of the blk test (same bytes as gen_pattern in scripts/guest/init)
# --------------------------------------------------------------------------

def pattern_block(seed, index):
    unit = ("%s:%08x|" % (seed, index)).encode()
    return (unit * (BLOCK // len(unit) + 1))[:BLOCK]


def check_disk_pattern(path, seed):
    """Compare a disk image with the pattern; returns (ok, description)."""
    size = os.path.getsize(path)
    if size % BLOCK:
        return False, "size %d is not a multiple of %d" % (size, BLOCK)
    with open(path, "rb") as f:
        for i in range(size // BLOCK):
            got = f.read(BLOCK)
            want = pattern_block(seed, i)
            if got != want:
                off = next(k for k in range(BLOCK) if got[k:k + 1] != want[k:k + 1])
                return False, ("block %d (byte %d) differs: got %r, want %r"
                               % (i, i * BLOCK + off, got[off:off + 18], want[off:off + 18]))
    return True, "%d bytes = %d blocks match seed %s" % (size, size // BLOCK, seed)


def mac_to_ll6(mac):
    """IPv6 link-local address (EUI-64) of a MAC address."""
    b = [int(x, 16) for x in mac.split(":")]
    b[0] ^= 0x02
    eui = b[:3] + [0xff, 0xfe] + b[3:]
    groups = ["%x" % (eui[i] << 8 | eui[i + 1]) for i in range(0, 8, 2)]
    return "fe80::" + ":".join(groups)


def dpdk_runtime_base():
    """Where DPDK's EAL puts its runtime dirs (eal_get_runtime_dir)."""
    if os.getuid() == 0:
        return "/var/run/dpdk"
    return os.path.join(os.environ.get("XDG_RUNTIME_DIR", "/tmp"), "dpdk")


def fd_count(pid):
    try:
        return len(os.listdir("/proc/%d/fd" % pid))
    except OSError:
        return -1


def fd_listing(pid):
    """fd -> target, for a failure report."""
    out = {}
    try:
        for fd in os.listdir("/proc/%d/fd" % pid):
            try:
                out[int(fd)] = os.readlink("/proc/%d/fd/%s" % (pid, fd))
            except OSError:
                pass
    except OSError:
        pass
    return out


# --------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------

class Proc:
    """A child process whose output lines are collected by a reader thread."""

    def __init__(self, harness, name, argv, stdin_pipe=False, nice=0):
        self.h = harness
        self.name = name
        self.argv = argv
        self.lines = []              # (t, line)
        self.cond = threading.Condition()
        self.logpath = os.path.join(harness.tmp, name + ".log")
        self.logf = open(self.logpath, "w")
        self.logf.write("$ %s\n" % " ".join(argv))
        self.logf.flush()
        pre = ["setpriv", "--pdeathsig", "KILL", "--"]
        if nice:
            pre += ["nice", "-n", str(nice)]
        self.t_start = time.monotonic()
        self.p = subprocess.Popen(pre + argv, stdin=subprocess.PIPE if stdin_pipe else subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  cwd=harness.tmp)
        self.pid = self.p.pid
        self.t_exit = None
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        harness.procs.append(self)

    def _read(self):
        for raw in iter(self.p.stdout.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\r\n").replace("\r", "")
            t = time.monotonic()
            with self.cond:
                self.lines.append((t, line))
                self.cond.notify_all()
            self.logf.write("%8.3f %s\n" % (t - self.t_start, line))
            self.logf.flush()
            if self.h.verbose:
                log("  [%s %6.2f] %s" % (self.name, t - self.t_start, line))
        self.p.wait()
        with self.cond:
            self.t_exit = time.monotonic()
            self.cond.notify_all()

    def alive(self):
        return self.p.poll() is None

    def expect(self, pattern, timeout, start=0, fail=None):
        """Wait for a line matching pattern (regex) at index >= start.

        Returns (match, index). Raises TestFailure on timeout, on exit of the
        process, or when a line matches `fail` (regex) first.
        """
        rx = re.compile(pattern)
        frx = re.compile(fail) if fail else None
        end = time.monotonic() + timeout
        i = start
        with self.cond:
            while True:
                while i < len(self.lines):
                    line = self.lines[i][1]
                    m = rx.search(line)
                    if m:
                        return m, i
                    if frx and frx.search(line):
                        raise TestFailure("%s: %s" % (self.name, line.strip()))
                    i += 1
                if self.t_exit is not None:
                    raise TestFailure("%s exited (status %s) before /%s/"
                                      % (self.name, self.p.returncode, pattern))
                left = end - time.monotonic()
                if left <= 0:
                    raise TestFailure("%s: no /%s/ within %.0f s" % (self.name, pattern, timeout))
                self.cond.wait(min(left, 0.5))

    def line_time(self, index):
        """Seconds from start to the line at index."""
        return self.lines[index][0] - self.t_start

    def wait_exit(self, timeout):
        try:
            return self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            raise TestFailure("%s still running after %.0f s" % (self.name, timeout))

    def kill(self, sig=signal.SIGKILL):
        if self.alive():
            try:
                self.p.send_signal(sig)
            except ProcessLookupError:
                pass

    def stop(self, grace=3.0):
        """SIGTERM, then SIGKILL after grace seconds."""
        if self.alive():
            self.kill(signal.SIGTERM)
            try:
                self.p.wait(grace)
            except subprocess.TimeoutExpired:
                self.kill(signal.SIGKILL)
                self.p.wait(5)
        self.reader.join(2)

    def tail(self, n=40):
        with self.cond:
            return [l for _, l in self.lines[-n:]]


class VM(Proc):
    """A QEMU master VM (TCG) whose serial console is the process's stdio."""

    def __init__(self, harness, name, test, params=None, blk=None, net=None, mac=None,
                 server=False, reconnect=False, mem="256M", extra=None, q35=False,
                 viommu=False, kernel_args=None):
        """q35: machine q35, the blk device behind a PCIe root port.
        viommu: also an intel-iommu (device-iotlb=on, caching-mode=on) and
        the blk device with iommu_platform=on,ats=on (implies q35)."""
        self.test = test
        self.mac = mac
        # Guests that end in the command loop wait for "exit".
        self.holds = test in ("shell", "net-serve") or str((params or {}).get("hold")) == "1"
        g = harness.guest
        append = ["console=ttyS0", "panic=-1", "quiet", "vpci.test=" + test]
        for k, v in (params or {}).items():
            append.append("vpci.%s=%s" % (k, v))
        append += kernel_args or []
        q35 = q35 or viommu
        argv = [harness.qemu, "-accel", "tcg", "-m", mem, "-smp", "1",
                "-nodefaults", "-no-user-config", "-display", "none",
                "-serial", "stdio", "-monitor", "none", "-no-reboot",
                "-object", "memory-backend-memfd,id=mem,size=%s,share=on" % mem,
                "-numa", "node,memdev=mem",
                "-kernel", g["vmlinuz"], "-initrd", g["initrd"],
                "-append", " ".join(append)]
        blk_dev = "vhost-user-blk-pci,chardev=vu0,num-queues=1"
        if q35:
            # The IOMMU comes before the devices it translates for; ATS needs
            # a PCIe device (behind a root port, not on pcie.0).
            argv += ["-machine", "q35"]
            if viommu:
                argv += ["-device", "intel-iommu,intremap=off,device-iotlb=on,caching-mode=on"]
                blk_dev += ",iommu_platform=on,ats=on"
            argv += ["-device", "pcie-root-port,id=rp0,bus=pcie.0,chassis=1"]
            blk_dev += ",bus=rp0"

        def chardev(cid, path):
            s = "socket,id=%s,path=%s" % (cid, path)
            if server:
                s += ",server=on,wait=on"
            elif reconnect:
                s += ",reconnect=1"
            return s

        if blk:
            props = os.environ.get("VPCI_VM_BLK_PROPS")   # debugging, e.g. event_idx=off
            argv += ["-chardev", chardev("vu0", blk),
                     "-device", blk_dev + ("," + props if props else "")]
        if net:
            # vectors=0: QEMU 7.2 crashes on vhost-user net with MSI-X under TCG.
            argv += ["-chardev", chardev("vu1", net),
                     "-netdev", "vhost-user,id=n1,chardev=vu1",
                     "-device", "virtio-net-pci,netdev=n1,mac=%s,vectors=0" % mac]
        argv += extra or []
        Proc.__init__(self, harness, name, argv, stdin_pipe=True)

    def send(self, line):
        """Send one command line to the guest's console (command loop)."""
        self.p.stdin.write((line + "\n").encode())
        self.p.stdin.flush()

    def run(self, cmd, timeout=30):
        """Run a command in the guest's command loop; returns its status."""
        start = len(self.lines)
        self.send(cmd)
        m, _ = self.expect(r"VPCI: cmd rc=(\d+)", timeout, start=start)
        return int(m.group(1))

    def boot_times(self):
        """(seconds to /init, seconds to ready) measured on the host."""
        t_init = t_ready = None
        for t, l in self.lines:
            if t_init is None and "VPCI: init " in l:
                t_init = t - self.t_start
            if t_ready is None and ("VPCI: ready" in l or "VPCI: shell ready" in l):
                t_ready = t - self.t_start
        return t_init, t_ready

    def expect_pass(self, timeout):
        m, i = self.expect(r"VPCI: result PASS(.*)", timeout, fail=r"VPCI: result FAIL")
        return m.group(1).strip()


# --------------------------------------------------------------------------
# Backends
# --------------------------------------------------------------------------

class Backend(Proc):
    """A vhost-user backend process serving one socket per port."""

    def __init__(self, harness, name, argv, sockets, client, kind, nice=0):
        self.sockets = sockets
        self.client = client
        self.kind = kind
        self.is_bridge = harness.backend_kind == "bridge"
        Proc.__init__(self, harness, name, argv, stdin_pipe=True, nice=nice)

    def socket(self, i):
        return self.sockets[i]

    def wait_ready(self, timeout=20):
        """The bridge: until it prints its ready line. Baseline: until every
        socket it serves (server mode) exists."""
        if self.is_bridge:
            self.expect(r"vhost-pci-bridge: ready", timeout)
            return
        clients = self.client if isinstance(self.client, list) else [self.client] * len(self.sockets)
        served = [s for s, c in zip(self.sockets, clients) if not c]
        end = time.monotonic() + timeout
        while not all(os.path.exists(s) for s in served):
            if not self.alive():
                raise TestFailure("%s exited (status %s) before its sockets appeared"
                                  % (self.name, self.p.returncode))
            if time.monotonic() > end:
                raise TestFailure("%s: sockets %s not there after %.0f s"
                                  % (self.name, self.sockets, timeout))
            time.sleep(0.05)
        time.sleep(0.2)   # bind() before listen(): give it a moment

    def fd_count(self):
        return fd_count(self.pid)


# --------------------------------------------------------------------------
# The harness
# --------------------------------------------------------------------------

class Harness:
    def __init__(self, name, doc=None, timeout=150):
        ap = argparse.ArgumentParser(prog=name, description=doc,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
        ap.add_argument("--backend", default=os.environ.get("VPCI_VM_BACKEND", "auto"),
                        choices=["auto", "bridge", "baseline"],
                        help="bridge (vhost-pci-bridge), baseline (qemu-storage-daemon / "
                             "testpmd vhost PMD) or auto (default: bridge if built)")
        ap.add_argument("--bridge", default=os.environ.get("VPCI_BRIDGE"),
                        help="path of vhost-pci-bridge")
        ap.add_argument("--guest-dir", default=os.environ.get(
            "VPCI_GUEST_DIR", os.path.join(ROOT, "build", "guest")))
        ap.add_argument("--timeout", type=float, default=timeout,
                        help="the harness's own deadline in seconds (default %(default)s)")
        ap.add_argument("--keep", action="store_true",
                        default=os.environ.get("VPCI_VM_KEEP") == "1")
        ap.add_argument("--part", action="append", default=[],
                        help="run only this part of a multi-part test (blk, net; repeatable)")
        ap.add_argument("--verbose", "-v", action="store_true",
                        default=os.environ.get("VPCI_VM_VERBOSE") == "1")
        self.args = ap.parse_args()
        self.name = name
        self.verbose = self.args.verbose
        self.procs = []
        self.checks = []
        self.timings = []
        self.failed = None
        self.skipped = None
        self.tmp = None
        self.t0 = time.monotonic()
        self._mac = 0
        self.leftovers = []          # paths outside tmp to remove at cleanup

    # -- lifecycle ---------------------------------------------------------
    def __enter__(self):
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, self._on_signal)
        signal.signal(signal.SIGALRM, self._on_alarm)
        signal.alarm(int(self.args.timeout))
        self._sweep_stale()
        self.tmp = tempfile.mkdtemp(prefix="%s%d-" % (TMP_PREFIX, os.getpid()))
        log("=== %s (deadline %d s, temp %s)" % (self.name, self.args.timeout, self.tmp))
        try:
            self._prerequisites()
        except Exception:
            # The with-body cannot be skipped from here: report and exit.
            self.__exit__(*sys.exc_info())
            self.exit()
        return self

    def __exit__(self, etype, exc, tb):
        signal.alarm(0)
        if etype is TestSkip:
            self.skipped = str(exc)
        elif etype is TestFailure:
            self.failed = str(exc)
        elif etype is Deadline:
            self.failed = "deadline of %d s reached" % self.args.timeout
        elif etype is not None:
            import traceback
            self.failed = "%s: %s" % (etype.__name__, exc)
            traceback.print_exception(etype, exc, tb)
        if self.failed:
            self._report_failure()
        self.cleanup()
        # Every error is reported by exit(); only BaseExceptions such as
        # SystemExit pass through.
        return etype is None or issubclass(etype, Exception)

    def _on_signal(self, signum, frame):
        signal.signal(signum, signal.SIG_IGN)
        raise TestFailure("killed by signal %d" % signum)

    def _on_alarm(self, signum, frame):
        raise Deadline()

    def _sweep_stale(self):
        """Remove temp dirs (and DPDK runtime dirs) left by harnesses that
        were SIGKILLed."""
        for d in glob.glob(os.path.join(tempfile.gettempdir(), TMP_PREFIX + "*")):
            m = re.match(r".*/%s(\d+)-" % TMP_PREFIX, d)
            if m and not os.path.exists("/proc/%s" % m.group(1)):
                shutil.rmtree(d, ignore_errors=True)
        for d in glob.glob(os.path.join(dpdk_runtime_base(), "vpcivm*")):
            m = re.match(r".*/vpcivm(\d+)$", d)
            if m and not os.path.exists("/proc/%s" % m.group(1)):
                shutil.rmtree(d, ignore_errors=True)

    def cleanup(self):
        signal.alarm(0)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)   # a second signal must not cut cleanup short
        for p in reversed(self.procs):
            try:
                p.stop(grace=2.0)
            except Exception as e:    # keep cleaning up the others
                log("cleanup: %s: %s" % (p.name, e))
            try:
                p.logf.close()
            except Exception:
                pass
        for path in self.leftovers:
            shutil.rmtree(path, ignore_errors=True)
        left = [p.name for p in self.procs if p.alive()]
        if left:
            log("cleanup: still alive: %s" % left)
        if self.tmp and os.path.isdir(self.tmp):
            if self.args.keep or (self.failed and os.environ.get("VPCI_VM_KEEP_ON_FAIL") == "1"):
                log("kept %s" % self.tmp)
            else:
                shutil.rmtree(self.tmp, ignore_errors=True)

    def _report_failure(self):
        log("--- FAILURE: %s" % self.failed)
        for p in self.procs:
            log("--- last lines of %s (pid %d, %s):" % (
                p.name, p.pid, "running" if p.alive() else "exit %s" % p.p.returncode))
            for l in p.tail(25):
                log("    | " + l)

    def exit(self):
        wall = time.monotonic() - self.t0
        log("--- %s summary" % self.name)
        for c in self.checks:
            log("  checked: " + c)
        for what, secs in self.timings:
            log("  time: %-44s %6.2f s" % (what, secs))
        if self.skipped:
            msg = "SKIPPED: %s: %s" % (self.name, self.skipped)
            if os.environ.get("CI") == "true":
                log("!!! %s -- CI=true: a VM test must not skip, failing instead" % msg)
                sys.exit(1)
            bar = "!" * 72
            log(bar)
            log("!!! " + msg)
            log(bar)
            sys.stderr.write(msg + "\n")
            sys.exit(SKIP)
        if self.failed:
            log("FAIL: %s (%.1f s): %s" % (self.name, wall, self.failed))
            sys.exit(1)
        log("PASS: %s (%.1f s, backend %s)" % (self.name, wall, self.backend_kind))
        sys.exit(0)

    # -- prerequisites -----------------------------------------------------
    def _prerequisites(self):
        self.qemu = shutil.which("qemu-system-x86_64")
        if not self.qemu:
            raise TestSkip("qemu-system-x86_64 not found (install: scripts/install-deps.sh --group vm)")
        if not shutil.which("setpriv"):
            raise TestSkip("setpriv (util-linux) not found")
        gd = self.args.guest_dir
        r = subprocess.run([os.path.join(ROOT, "scripts", "build-guest.sh"), "--out", gd, "--quiet"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode == 3:
            raise TestSkip("guest cannot be built: " + r.stdout.strip().replace("\n", " / "))
        if r.returncode != 0:
            raise TestFailure("scripts/build-guest.sh failed:\n" + r.stdout)
        log(r.stdout.strip())
        self.guest = {"vmlinuz": os.path.join(gd, "vmlinuz"),
                      "initrd": os.path.join(gd, "initrd.cpio.gz")}
        # Backend selection.
        # A bridge named explicitly (--bridge, as CMake does once the target
        # exists, or VPCI_BRIDGE) must be there: no quiet fallback to the
        # baseline. VPCI_VM_BACKEND=baseline still selects the baseline.
        want = self.args.backend
        explicit = bool(self.args.bridge)
        bridge = self.args.bridge or os.path.join(ROOT, "build", "bridge", "vhost-pci-bridge")
        have_bridge = os.path.isfile(bridge) and os.access(bridge, os.X_OK)
        if want == "auto" and explicit:
            want = "bridge"
        if want == "bridge" and not have_bridge:
            raise TestFailure("backend bridge but %s is not an executable (build it first, "
                              "or VPCI_VM_BACKEND=baseline)" % bridge)
        if want == "auto":
            want = "bridge" if have_bridge else "baseline"
            if want == "baseline":
                log("!!! NOTE: vhost-pci-bridge not found at %s: running against the BASELINE "
                    "host backends (qemu-storage-daemon / testpmd vhost PMD), not the bridge" % bridge)
        self.backend_kind = want
        self.bridge = bridge
        self.bridge_mode = os.environ.get("VPCI_VM_BRIDGE_MODE", "irq")
        log("backend: %s%s" % (want, " (%s)" % bridge if want == "bridge" else ""))

    def need(self, prog, why):
        path = shutil.which(prog)
        if not path:
            raise TestSkip("%s not found: %s (install: scripts/install-deps.sh --group vm)" % (prog, why))
        return path

    # -- checks and timings ------------------------------------------------
    def check(self, cond, what, detail=""):
        if not cond:
            raise TestFailure("check failed: %s%s" % (what, (": " + detail) if detail else ""))
        self.checks.append(what + ((" (" + detail + ")") if detail else ""))
        log("CHECK ok: %s%s" % (what, (" (" + detail + ")") if detail else ""))

    def timing(self, what, secs):
        self.timings.append((what, secs))
        log("TIME: %s %.2f s" % (what, secs))

    def part(self, name):
        """Whether the part `name` of a multi-part test runs (--part)."""
        if self.args.part and name not in self.args.part:
            log("--- part %s: not selected (--part %s)" % (name, " ".join(self.args.part)))
            return False
        log("--- part %s" % name)
        return True

    def path(self, name):
        return os.path.join(self.tmp, name)

    def mac(self):
        self._mac += 1
        return "02:00:00:00:00:%02x" % self._mac

    # -- VMs ---------------------------------------------------------------
    def vm(self, name, test, **kw):
        v = VM(self, name, test, **kw)
        log("started %s (pid %d): vpci.test=%s%s" % (
            name, v.pid, test, " mac=%s" % kw["mac"] if kw.get("mac") else ""))
        return v

    def record_boot(self, vm, note=""):
        t_init, t_ready = vm.boot_times()
        if t_init is not None:
            self.timing("%s boot: QEMU start -> guest /init%s" % (vm.name, note), t_init)
        if t_ready is not None:
            self.timing("%s boot: QEMU start -> devices ready%s" % (vm.name, note), t_ready)

    def stable_fds(self, be, quiet=0.5, timeout=10.0):
        """The backend's fd count once it has not changed for `quiet` seconds."""
        end = time.monotonic() + timeout
        n, since = be.fd_count(), time.monotonic()
        while time.monotonic() < end:
            time.sleep(0.1)
            m = be.fd_count()
            if m != n:
                n, since = m, time.monotonic()
            elif time.monotonic() - since >= quiet:
                break
        return n

    def settle_fds(self, be, want, timeout=10.0):
        """Poll the backend's fd count until it equals want (a disconnect is
        processed asynchronously); returns the last count."""
        end = time.monotonic() + timeout
        n = be.fd_count()
        while n != want and time.monotonic() < end:
            time.sleep(0.1)
            n = be.fd_count()
        return n

    def finish_vm(self, vm, timeout=20):
        """Wait for a guest's poweroff (a guest in its command loop is told
        to "exit" first); QEMU must exit with status 0."""
        if vm.holds and vm.alive():
            vm.expect(r"VPCI: shell ready", timeout)
            vm.send("exit")
        rc = vm.wait_exit(timeout)
        vm.reader.join(2)
        self.check(rc == 0, "%s powered off, QEMU exit status 0" % vm.name, "status %s" % rc)

    # -- backends ----------------------------------------------------------
    def blk_backend(self, disk, client=False, name="blk-backend", start_delay_ms=0):
        """One vhost-user-blk socket serving the raw image `disk`.
        start_delay_ms (bridge only): the firmware starts that much after
        the socket opens."""
        sock = self.path(name + ".sock")
        if self.backend_kind == "bridge":
            argv = self.bridge_argv("blk", [sock], client, disk=disk, start_delay_ms=start_delay_ms)
        else:
            if client:
                raise TestSkip("qemu-storage-daemon's vhost-user-blk export has no client mode")
            qsd = self.need("qemu-storage-daemon", "baseline vhost-user-blk backend")
            argv = [qsd, "--blockdev",
                    "driver=file,node-name=file0,filename=%s" % disk,
                    "--export", "type=vhost-user-blk,id=exp0,node-name=file0,addr.type=unix,"
                    "addr.path=%s,writable=on,num-queues=1" % sock]
        be = Backend(self, name, argv, [sock], client, "blk")
        log("started %s (pid %d, %s): %s" % (name, be.pid, self.backend_kind, " ".join(argv)))
        return be

    def net_backend(self, ports=2, client=False, name="net-backend", start_delay_ms=0):
        """`ports` vhost-user net sockets joined by an L2 switch (bridge) or
        by testpmd's io forwarding (baseline: port 2k <-> 2k+1)."""
        socks = [self.path("%s%d.sock" % (name, i)) for i in range(ports)]
        # client: one bool for every port, or a list with one per port.
        clients = list(client) if isinstance(client, (list, tuple)) else [bool(client)] * ports
        if self.backend_kind == "bridge":
            argv = self.bridge_argv("net", socks, clients, start_delay_ms=start_delay_ms)
            nice = 0
        else:
            tp = self.need("dpdk-testpmd", "baseline vhost-user net backend")
            if ports % 2:
                raise TestFailure("baseline net backend needs an even number of ports")
            # Both lcores on CPU 0 (the main lcore only waits on stdin):
            # the forwarding lcore busy-polls one CPU, not both.
            argv = [tp, "--lcores", "0@0,1@0", "--main-lcore", "0", "--no-pci", "--no-huge", "--no-shconf", "-m", "256",
                    "--file-prefix", "vpcivm%d" % os.getpid(), "--log-level", "lib.eal:error"]
            for i, s in enumerate(socks):
                argv += ["--vdev", "net_vhost%d,iface=%s,queues=1%s" % (i, s, ",client=1" if clients[i] else "")]
            argv += ["--", "--forward-mode=io", "--nb-cores=1", "--total-num-mbufs=8192",
                     "--no-lsc-interrupt"]
            # testpmd busy-polls a core: let the TCG guests go first.
            nice = 19
            # EAL leaves its (empty) runtime dir behind: removed at cleanup.
            self.leftovers.append(os.path.join(dpdk_runtime_base(), "vpcivm%d" % os.getpid()))
        be = Backend(self, name, argv, socks, clients, "net", nice=nice)
        log("started %s (pid %d, %s): %s" % (name, be.pid, self.backend_kind, " ".join(argv)))
        return be

    def bridge_argv(self, kind, socks, client, disk=None, start_delay_ms=0):
        """Command line of vhost-pci-bridge (bridge/README.md, --help): global
        options, then per adapter --socket PATH and its options. Net adapters
        of one process are ports of one firmware L2 switch."""
        argv = [self.bridge, "--mode", self.bridge_mode, "--log-level", "info"]
        if os.environ.get("VPCI_VM_TRACE") == "1":
            argv.append("--trace")
        if start_delay_ms:
            argv += ["--start-delay", str(start_delay_ms)]
        clients = client if isinstance(client, (list, tuple)) else [client] * len(socks)
        record = os.environ.get("VPCI_VM_RECORD")
        for i, (s, c) in enumerate(zip(socks, clients)):
            argv += ["--socket", s, "--backend", kind]
            if record:
                argv += ["--record", os.path.join(record, "%s%d.vpcirec" % (kind, i))]
            if c:
                argv.append("--client")
            if disk:
                argv += ["--disk", disk]
        return argv


def make_disk(path, size):
    """A sparse raw image filled with a byte that is no part of any pattern."""
    with open(path, "wb") as f:
        f.write(b"\xa5" * size)
    return path
