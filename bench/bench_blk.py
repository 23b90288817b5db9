#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""vhost-user-blk benchmark of the vhost-pci bridge (issues 12, 14): QEMU's
`qemu-img bench` (libblkio's virtio-blk-vhost-user driver, a real
vhost-user-blk master without a VM, from the trixie chroot of
scripts/blkio-chroot.sh), 4 KiB requests, reads and writes at queue depths 1
and 32, against two servers of the same disk file on tmpfs:

  ours   vhost-pci-bridge --mode poll --socket SOCK --backend blk --disk IMG:
         the bridge relays the session into the adapter model; the firmware's
         virtio-blk backend (direct HAL port, same process) pops each request
         from the master's ring, preads / pwrites IMG and pushes the status.
  base   qemu-storage-daemon --blockdev driver=file,node-name=f0,filename=IMG
         --export type=vhost-user-blk,...,writable=on (QEMU's own vhost-user-blk
         export, from the same chroot, QEMU 10.0).

Placement (2 cores): the server on core 0, qemu-img on core 1 (taskset; the
chroot's processes inherit it). Each round starts a fresh server per side and
runs every (read/write, depth) case against it; the sides alternate, the
first side rotates from round to round. IOPS = --count / the "Run completed
in" seconds qemu-img reports. Figures: median over rounds per side; ratio =
median of the per-round ratios ours/base.

Exit 77 (SKIP) when the chroot cannot be built or entered (no root, no
network); 1 when a run fails or the bridge reports an error.
"""
import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import vpci_blkio  # noqa: E402
import vpci_bridge_proc as vbp  # noqa: E402


def die(msg, code=1):
    print(f"bench_blk: {msg}", file=sys.stderr, flush=True)
    sys.exit(code)


class Server:
    """The measured side: the bridge (ours) or qemu-storage-daemon (base)."""

    def __init__(self, side, a, work, img, sock, tag):
        self.side = side
        self.out_path = os.path.join(work, f"{tag}.out")
        self.log_path = os.path.join(work, f"{tag}.log")
        if side == "ours":
            self.cmd = [a.bridge, "--mode", a.mode, "--log-file", self.log_path,
                        "--socket", sock, "--backend", "blk", "--disk", img]
        else:
            qsd = ["qemu-storage-daemon"]
            if a.base_iothread:
                qsd += ["--object", "iothread,id=io0"]
            qsd += ["--blockdev", f"driver=file,node-name=f0,filename={img}" +
                    (f",aio={a.base_aio}" if a.base_aio != "threads" else ""),
                    "--export", f"type=vhost-user-blk,id=e0,node-name=f0,addr.type=unix,"
                                f"addr.path={sock},writable=on" +
                    (",iothread=io0" if a.base_iothread else "")]
            self.cmd = vpci_blkio.chroot_cmd(qsd, [work])
        self.srv = vbp.Served(["taskset", "-c", str(a.core_server)] + self.cmd, self.out_path,
                              lambda t: os.path.exists(sock) and (side != "ours" or "ready" in t),
                              f"{side} server", die)

    def stop(self):
        """Stop the server; for ours, the requests its report counted."""
        self.srv.p.send_signal(signal.SIGINT if self.side == "ours" else signal.SIGTERM)
        t = self.srv.wait_exit()
        if self.side != "ours":
            return None
        m = re.search(r"adapter0 blocks reqs=(\d+).* ioerr=(\d+) unsupp=(\d+)", t)
        v = re.search(r"refused=(\d+) violations=(\d+)", t)
        if not m or not v or m.group(2) != "0" or m.group(3) != "0" or v.groups() != ("0", "0"):
            log = open(self.log_path).read() if os.path.exists(self.log_path) else ""
            die(f"bridge report incomplete or with errors:\n{t[-3000:]}\n{log[-2000:]}")
        return int(m.group(1))


def bench_one(a, sock, work, rw, depth):
    """One qemu-img bench run on core 1; IOPS."""
    cmd = ["taskset", "-c", str(a.core_client)] + vpci_blkio.chroot_cmd(
        ["qemu-img", "bench", "-t", "none", "-s", "4k", "-d", str(depth), "-c", str(a.count)] +
        (["-w"] if rw == "write" else []) +
        ["--image-opts", vpci_blkio.image_opts(sock)], [work])
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       timeout=600)
    m = re.search(r"Run completed in ([0-9.]+) seconds", p.stdout)
    if p.returncode != 0 or not m:
        die(f"{' '.join(cmd)} exited {p.returncode}:\n{p.stdout[-3000:]}")
    return a.count / max(float(m.group(1)), 1e-6)


def main():
    ap = argparse.ArgumentParser(
        description="qemu-img bench (libblkio virtio-blk-vhost-user, 4 KiB, -t none) against "
                    "the vhost-pci bridge's blk backend and against qemu-storage-daemon, the "
                    "same disk file on tmpfs: IOPS per queue depth, reads and writes, ratio.",
        epilog="Docs: docs/perf.md. Run through scripts/bench.sh blk (builds in Release, "
               "draws the figure). Needs root (the libblkio chroot of scripts/blkio-chroot.sh).")
    ap.add_argument("--bridge", required=True, help="vhost-pci-bridge executable (Release)")
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    ap.add_argument("--count", type=int, default=50000,
                    help="requests per qemu-img bench run (default 50000)")
    ap.add_argument("--depths", default="1,32", help="queue depths (default 1,32)")
    ap.add_argument("--rw", default="read,write", help="read, write or both (default read,write)")
    ap.add_argument("--mode", default="poll", choices=("irq", "poll", "adaptive"),
                    help="the bridge's firmware mode (default poll)")
    ap.add_argument("--base-aio", default="threads", choices=("threads", "io_uring"),
                    help="the baseline's file I/O (qemu-storage-daemon aio=; default threads, "
                         "QEMU's default)")
    ap.add_argument("--base-iothread", action="store_true",
                    help="the baseline's export in an iothread (QEMU polls there adaptively, "
                         "poll-max-ns 32768) instead of the main loop")
    ap.add_argument("--cores", default="0,1", help="two cores: server,client (default 0,1)")
    ap.add_argument("--dir", default="/dev/shm",
                    help="tmpfs directory for the disk file and sockets (default /dev/shm)")
    ap.add_argument("--csv", help="write the figures as CSV to this file")
    a = ap.parse_args()
    try:
        depths = [int(d) for d in a.depths.split(",")]
        rws = a.rw.split(",")
        c = [int(x) for x in a.cores.split(",")]
        if len(c) != 2 or c[0] == c[1] or a.rounds < 1 or a.count < 1 or \
                any(d < 1 or d > 1024 for d in depths) or \
                not rws or any(r not in ("read", "write") for r in rws):
            raise ValueError
    except ValueError:
        die("--rounds >= 1, --count >= 1, --depths 1..1024 each, --rw read,write, "
            "--cores two different cores", 2)
    a.core_server, a.core_client = c
    if not os.access(a.bridge, os.X_OK):
        die(f"{a.bridge}: not an executable (build it: scripts/bench.sh blk)", 2)
    try:
        path = vpci_blkio.ensure_chroot(quiet=False)
    except vpci_blkio.Skip as e:
        print(f"SKIP: libblkio chroot not available: {e}", flush=True)
        return vpci_blkio.SKIP
    except RuntimeError as e:
        die(str(e))
    ver = vpci_blkio.run(["dpkg-query", "-W", "-f", "${Package} ${Version}; ",
                          "qemu-utils", "libblkio1"])[1].strip("; \n")
    tree = subprocess.run(["git", "-C", vpci_blkio.ROOT, "describe", "--always", "--dirty"],
                          capture_output=True, text=True).stdout.strip() or "?"
    print(f"bench_blk: tree {tree}; {os.cpu_count()} CPU(s); chroot {path} "
          f"({ver}); load {open('/proc/loadavg').read().split()[0]}",
          flush=True)
    print(f"bench_blk: {a.rounds} rounds x {len(rws)} x {len(depths)} runs of {a.count} x 4 KiB "
          f"per side; bridge --mode {a.mode}; qemu-storage-daemon aio={a.base_aio}"
          f"{', iothread' if a.base_iothread else ''}; server core {a.core_server}, qemu-img core "
          f"{a.core_client}", flush=True)

    work = tempfile.mkdtemp(prefix="vpci-bench-blk-", dir=a.dir)
    os.chmod(work, 0o755)
    img = os.path.join(work, "disk.img")
    size = max(64 << 20, (a.count * 4096 + (1 << 20) - 1) & ~((1 << 20) - 1))
    with open(img, "wb") as f:
        f.truncate(size)
    sides = ["ours", "base"]
    cases = [(rw, d) for rw in rws for d in depths]
    res = {s: {k: [] for k in cases} for s in sides}
    cmds = {}
    try:
        for r in range(a.rounds):
            order = sides[r % 2:] + sides[:r % 2]
            for side in order:
                sock = os.path.join(work, f"{side}{r}.sock")
                srv = Server(side, a, work, img, sock, f"{side}{r}")
                cmds[side] = " ".join(srv.cmd)
                try:
                    got = [(k, bench_one(a, sock, work, *k)) for k in cases]
                finally:
                    reqs = srv.stop()
                if reqs is not None and reqs < a.count * len(cases):
                    die(f"round {r + 1}: the bridge counted {reqs} requests, qemu-img issued "
                        f"{a.count * len(cases)}")
                for k, v in got:
                    res[side][k].append(v)
                print(f"  round {r + 1} {side}: " +
                      "  ".join(f"{rw} d={d} {v / 1e3:7.1f}k" for (rw, d), v in got) + " IOPS",
                      flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    print("commands (IMG: a sparse file on tmpfs, SOCK: a fresh socket per round):")
    print(f"  ours: taskset -c {a.core_server} {cmds['ours']}")
    print(f"  base: taskset -c {a.core_server} {cmds['base']}")
    print(f"  master: taskset -c {a.core_client} scripts/blkio-chroot.sh --run --bind DIR -- "
          f"qemu-img bench "
          f"-t none -s 4k -d DEPTH [-w] -c {a.count} --image-opts "
          f"{vpci_blkio.image_opts('SOCK')}")
    print()
    hdr = f"{'case':>11} | {'ours IOPS':>10} | {'base IOPS':>10} | {'ratio':>6} {'(range)':>13} | " \
          f"{'best ours/base':>22}"
    print(hdr)
    print("-" * len(hdr))
    rows = []
    for rw, d in cases:
        o, b = statistics.median(res["ours"][(rw, d)]), statistics.median(res["base"][(rw, d)])
        ratios = [x / y for x, y in zip(res["ours"][(rw, d)], res["base"][(rw, d)])]
        rm = statistics.median(ratios)
        bo, bb = max(res["ours"][(rw, d)]), max(res["base"][(rw, d)])
        print(f"{rw:>5} d={d:<3} | {o:10.0f} | {b:10.0f} | {rm:5.2f}x ({min(ratios):.2f}-"
              f"{max(ratios):.2f}x) | {bo:8.0f}/{bb:8.0f} = {bo / bb:.2f}x")
        rows.append((rw, d, o, b, rm, min(ratios), max(ratios), min(res["ours"][(rw, d)]),
                     bo, min(res["base"][(rw, d)]), bb))
    print(f"IOPS = median over {a.rounds} rounds; ratio = median over rounds of ours/base "
          f"(per-round pairs); best = fastest round of each side; load at the end "
          f"{open('/proc/loadavg').read().split()[0]}")
    if a.csv:
        with open(a.csv, "w") as f:
            f.write("rw,depth,ours_iops,base_iops,ratio,ratio_min,ratio_max,"
                    "ours_min,ours_max,base_min,base_max\n")
            for row in rows:
                f.write(f"{row[0]},{row[1]}," + ",".join(f"{x:.4g}" if isinstance(x, float) and x < 100
                                                          else f"{x:.0f}" for x in row[2:]) + "\n")
        print(f"bench_blk: figures written to {a.csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
