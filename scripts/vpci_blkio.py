# SPDX-License-Identifier: MIT
"""libblkio tools (qemu-io, qemu-img, qemu-storage-daemon) from the trixie
chroot of scripts/blkio-chroot.sh, as vhost-user-blk masters without a VM.

Shared by tests/bridge/test_blkio.py and bench/bench_blk.py (stdlib only)."""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHROOT_SH = os.path.join(ROOT, "scripts", "blkio-chroot.sh")
SKIP = 77


class Skip(Exception):
    """The chroot cannot be built or entered here (no root, no network)."""


def ensure_chroot(quiet=True):
    """Build the chroot unless cached (scripts/blkio-chroot.sh); its path.
    Raises Skip when the script exits 77 or this is not root (entering the
    chroot needs root), RuntimeError on other failures."""
    if os.geteuid() != 0:
        raise Skip("entering the chroot needs root (run the tests as root: sudo scripts/test.sh)")
    cmd = [CHROOT_SH] + (["--quiet"] if quiet else [])
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode == SKIP:
        raise Skip((p.stderr.strip() or p.stdout.strip()).replace("SKIP: ", ""))
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed (exit {p.returncode}):\n{p.stderr[-3000:]}")
    return p.stdout.strip().splitlines()[-1]


def chroot_cmd(argv, binds=()):
    """The command line that runs @argv inside the chroot with @binds mounted."""
    cmd = [CHROOT_SH, "--run"]
    for b in binds:
        cmd += ["--bind", b]
    return cmd + ["--"] + list(argv)


def run(argv, binds=(), timeout=120):
    """Run @argv in the chroot; (exit code, stdout+stderr)."""
    p = subprocess.run(chroot_cmd(argv, binds), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=timeout)
    return p.returncode, p.stdout


def image_opts(sock):
    """qemu --image-opts of a virtio-blk-vhost-user (libblkio) disk on @sock."""
    return f"driver=virtio-blk-vhost-user,path={sock},cache.direct=on"


def qemu_io(sock, commands, binds=(), timeout=120):
    """qemu-io on the vhost-user-blk socket @sock with -c @commands (one
    connection, one session); (exit code, output). qemu-io's exit code may be 0
    even when a command failed (pattern mismatch): check the output."""
    argv = ["qemu-io", "--image-opts", image_opts(sock)]
    for c in commands:
        argv += ["-c", c]
    return run(argv, binds, timeout)


def qemu_img_bench(sock, count, depth, write=False, size="4k", binds=(), timeout=600):
    """qemu-img bench on @sock; (exit code, output)."""
    argv = ["qemu-img", "bench", "-t", "none", "-s", size, "-d", str(depth), "-c", str(count)]
    if write:
        argv.append("-w")
    argv += ["--image-opts", image_opts(sock)]
    return run(argv, binds, timeout)
