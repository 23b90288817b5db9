# SPDX-License-Identifier: MIT
"""A vhost-pci-bridge process for tests and scripts (stdlib only): start it,
wait for its ready line, stop it with SIGINT and return its report; read
key=value figures from a report. Shared by tests/bridge/test_dpdk.py and
tests/bridge/test_blkio.py."""
import os
import re
import signal
import subprocess
import time


class BridgeError(Exception):
    """The bridge did not start, did not stop, or exited with an error."""


class Bridge:
    """vhost-pci-bridge with @args, its stdout (ready line, report) in
    WORK/bridge.out and its log in WORK/bridge.log. Errors call @on_error
    with a message (a test's fail()), or raise BridgeError without one."""

    def __init__(self, exe, work, args, ready_s=10, on_error=None):
        self.on_error = on_error
        self.out_path = os.path.join(work, "bridge.out")
        self.log_path = os.path.join(work, "bridge.log")
        self.out = open(self.out_path, "w")
        self.p = subprocess.Popen([exe, "--log-file", self.log_path] + list(args),
                                  stdout=self.out, stderr=subprocess.STDOUT)
        deadline = time.time() + ready_s
        while time.time() < deadline:
            with open(self.out_path) as f:
                if "vhost-pci-bridge: ready" in f.read():
                    return
            if self.p.poll() is not None:
                self._error(f"bridge exited:\n{self.log()}")
            time.sleep(0.05)
        self.p.kill()
        self.p.wait()
        self._error(f"bridge not ready within {ready_s} s")

    def _error(self, why):
        if self.on_error:
            self.on_error(why)
        raise BridgeError(why)

    def log(self):
        """The bridge's log so far."""
        return open(self.log_path).read() if os.path.exists(self.log_path) else ""

    def stop(self):
        """SIGINT, wait, return the report (stdout); BridgeError if it did not
        exit in 15 s or exited non-zero."""
        self.p.send_signal(signal.SIGINT)
        try:
            self.p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
            self._error("bridge did not exit on SIGINT")
        self.out.close()
        text = open(self.out_path).read()
        if self.p.returncode != 0:
            self._error(f"bridge exit code {self.p.returncode}\n{text}\n{self.log()}")
        return text


def report_value(text, prefix, key):
    """The value of key=... on the first report line starting with '@prefix ',
    or None."""
    for line in text.splitlines():
        if line.startswith(prefix + " "):
            m = re.search(r"\b" + key + r"=(\S+)", line)
            if m:
                return m.group(1)
    return None


class Served:
    """A server process of a benchmark side (the bridge, or a baseline): @cmd
    with its output in @out_path, ready once @ready(output so far) is true.
    Failures call @die(message) (which must not return). @stdin: a pipe for
    commands (testpmd)."""

    def __init__(self, cmd, out_path, ready, what, die, timeout=30, stdin=False):
        self.what, self.die = what, die
        self.out_path = out_path
        self.out = open(out_path, "w")
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE if stdin else None,
                                  stdout=self.out, stderr=subprocess.STDOUT, text=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if ready(self.text()):
                return
            if self.p.poll() is not None:
                die(f"{what} exited:\n{self.text()[-3000:]}")
            time.sleep(0.05)
        self.kill()
        die(f"{what} not ready within {timeout} s:\n{self.text()[-3000:]}")

    def text(self):
        """Its output so far."""
        with open(self.out_path) as f:
            return f.read()

    def kill(self):
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()

    def wait_exit(self, timeout=30):
        """Wait for the exit asked for; its whole output."""
        try:
            self.p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            self.die(f"{self.what} did not exit")
        self.out.close()
        return self.text()
