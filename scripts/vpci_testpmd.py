# SPDX-License-Identifier: MIT
"""Drive an interactive dpdk-testpmd (net_virtio_user) as a vhost-user master.

Shared by scripts/demo.py and tests/bridge/test_dpdk.py (stdlib only)."""
import subprocess
import tempfile
import time


class TestpmdError(Exception):
    """testpmd did not start or did not finish; the message holds its output tail."""


def run(sock, prefix, script, extra=()):
    """Run testpmd on vhost-user socket @sock, feeding (command, seconds-to-wait)
    pairs, then quit. Returns (output, {command: [send times]}, command line)."""
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
        for c, wait in script:
            p.stdin.write(c + "\n")
            p.stdin.flush()
            times.setdefault(c, []).append(time.time())
            time.sleep(wait)
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
