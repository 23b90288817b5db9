# SPDX-License-Identifier: MIT
"""Drive an interactive dpdk-testpmd (net_virtio_user) as a vhost-user master.

Shared by scripts/demo.py and tests/bridge/test_dpdk.py (stdlib only)."""
import os
import subprocess
import tempfile
import time


class TestpmdError(Exception):
    """testpmd did not start or did not finish; the message holds its output tail."""


def _output(logf):
    """What testpmd wrote so far (the file is still being written)."""
    fd = logf.fileno()
    return os.pread(fd, os.fstat(fd).st_size, 0).decode(errors="replace")


def run(sock, prefix, script, extra=()):
    """Run testpmd on vhost-user socket @sock, feeding (command, seconds-to-wait)
    pairs, then quit. A triple (command, seconds, until) waits at most that long,
    and less once until(output so far) is true (a loaded machine gets the time it
    needs, an idle one does not wait for nothing). Returns (output,
    {command: [send times]}, command line)."""
    cmd = ["dpdk-testpmd", "-l", "0,1", "--main-lcore", "1", "--no-pci", "--no-huge",
           "-m", "256", "--file-prefix", prefix,
           "--vdev", f"net_virtio_user0,path={sock},queues=1",
           "--", "-i", "--nb-cores=1", "--total-num-mbufs=16384", *extra]
    # Output to a file, never a pipe read only at the end: verbose output
    # would fill the pipe and stall testpmd's forwarding lcore.
    logf = tempfile.TemporaryFile(mode="w+")
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=logf,
                         stderr=subprocess.STDOUT, text=True)
    times = {}
    try:
        for c, wait, *until in script:
            p.stdin.write(c + "\n")
            p.stdin.flush()
            times.setdefault(c, []).append(time.time())
            if not until:
                time.sleep(wait)
                continue
            end = time.time() + wait
            while time.time() < end and not until[0](_output(logf)):
                time.sleep(0.1)
        p.stdin.write("quit\n")
        p.stdin.flush()
        p.stdin.close()
        p.wait(timeout=30)
    except (subprocess.TimeoutExpired, BrokenPipeError):
        p.kill()
        p.wait()
        logf.seek(0)
        raise TestpmdError("testpmd did not finish:\n" + logf.read()[-3000:])
    logf.seek(0)
    out = logf.read()
    if "Cause:" in out or "No probed ethernet devices" in out:
        raise TestpmdError("testpmd could not start:\n" + out[-3000:])
    return out, times, " ".join(cmd)
