#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""DPDK benchmark of the vhost-pci bridge (issue 5, "Benchmark"): DPDK
testpmd txonly (net_virtio_user, a real vhost-user master) at 64 B and at
1518 B into

  ours   vhost-pci-bridge --mode poll --backend rxonly: the bridge relays the
         session into the adapter model; the firmware (direct HAL port, same
         process) polls the TX virtqueue, walks each chain, copies each frame
         out of the master's ring into its own buffer (vpf_iov_to_buf),
         counts it and returns the chain (used ring, published per batch).
  base   dpdk-testpmd's own vhost PMD (net_vhost, --forward-mode=rxonly):
         rte_vhost dequeues each frame (walks the chain, copies it out of the
         ring into an mbuf), testpmd's rxonly frees the mbufs.

Both sinks copy every frame out of the ring once; the baseline also
allocates and frees an mbuf per frame, ours does not. With --check the
firmware also compares every frame with its template (rxonly payload check):
more work than the baseline, reported separately.

Placement (2 cores): the sink runs on core A (the bridge under taskset; the
vhost testpmd forwards on lcore A, its main lcore idles on B), the source
testpmd forwards on lcore B (main lcore A). Each round starts a fresh sink
and source per side, measures every frame size after a warm-up, and the
sides alternate (the first side rotates from round to round). Rate:
testpmd's own Tx-pps between two "show port stats" --seconds apart (frames
the sink took: the source drops what does not fit in the ring). Figures:
median over rounds per side; ratio = median of the per-round ratios
ours/base. Gbit/s = Mpps * frame bytes * 8 (no CRC, preamble or gap).

"ring full" is the share of the source's frames that found the ring full
(testpmd TX-dropped): near 0 % the source, not the sink, set the rate.

Exit 77 (SKIP) without dpdk-testpmd; 1 when a run fails or the sinks'
counters disagree with the source.
"""
import argparse
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import vpci_bridge_proc as vbp  # noqa: E402

SKIP = 77


def die(msg, code=1):
    print(f"bench_dpdk: {msg}", file=sys.stderr, flush=True)
    sys.exit(code)


def eal_args(cores, main, prefix):
    return ["-l", cores, "--main-lcore", str(main), "--no-pci", "--no-huge", "-m", "256",
            "--file-prefix", prefix]


class Sink:
    """The measured side: the bridge (ours) or testpmd's vhost PMD (base)."""

    def __init__(self, side, a, work, sock, tag):
        self.side = side
        self.out_path = os.path.join(work, f"{tag}.out")
        if side in ("ours", "alt"):
            cmd = ["taskset", "-c", str(a.core_sink), a.bridge if side == "ours" else a.alt_bridge,
                   "--mode", "poll",
                   "--log-file", os.path.join(work, f"{tag}.log"),
                   "--socket", sock, "--backend", "rxonly"]
            if not a.check and side == "ours":
                cmd.append("--no-check")
            ready = "vhost-pci-bridge: ready"
        else:
            cmd = ["dpdk-testpmd"] + eal_args(a.cores, a.core_src, f"{tag}v") + [
                "--vdev", f"net_vhost0,iface={sock},queues=1", "--",
                "--forward-mode=rxonly", "--nb-cores=1", "--total-num-mbufs=16384"]
            ready = "binding succeeded"  # listens; the link comes up with the source
        self.cmd = cmd
        self.srv = vbp.Served(cmd, self.out_path, lambda t: ready in t and os.path.exists(sock),
                              f"{side} sink", die, stdin=True)

    def stop(self):
        """Stop the sink; frames it took."""
        if self.side != "base":
            self.srv.p.send_signal(signal.SIGINT)
        else:
            try:
                self.srv.p.stdin.write("\n")
                self.srv.p.stdin.flush()
            except BrokenPipeError:
                pass
        t = self.srv.wait_exit()
        if self.side != "base":
            m = re.search(r"adapter0 frames tx_frames=(\d+)", t)
            v = re.search(r"violations=(\d+)", t)
            if not m or not v or v.group(1) != "0":
                die(f"bridge report incomplete or with violations:\n{t[-3000:]}")
            bad = re.search(r"frames_bad=(\d+)", t)
            if bad and bad.group(1) != "0":
                die(f"bridge payload check failed:\n{t[-3000:]}")
            return int(m.group(1))
        m = re.findall(r"RX-packets:\s+(\d+)", t)
        if not m:
            die(f"vhost testpmd printed no RX-packets:\n{t[-3000:]}")
        return int(m[-1])


def run_source(a, sock, tag, sizes):
    """testpmd txonly on @sock: {size: Tx-pps}, total TX-packets."""
    cmd = ["dpdk-testpmd"] + eal_args(a.cores, a.core_sink, f"{tag}u") + [
        "--vdev", f"net_virtio_user0,path={sock},queues=1", "--",
        "-i", "--nb-cores=1", "--total-num-mbufs=16384"]
    logf = tempfile.TemporaryFile(mode="w+")
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=logf, stderr=subprocess.STDOUT,
                         text=True)

    def say(c, wait=0.0):
        p.stdin.write(c + "\n")
        p.stdin.flush()
        if wait:
            time.sleep(wait)

    try:
        say("set fwd txonly", 0.1)
        for size in sizes:
            say(f"set txpkts {size}", 0.1)
            say("start", a.warmup)
            say("show port stats 0", a.seconds)
            say("show port stats 0", 0.1)
            say("stop", 0.3)
        say("quit")
        p.stdin.close()
        p.wait(timeout=30)
    except (subprocess.TimeoutExpired, BrokenPipeError):
        p.kill()
        p.wait()
        logf.seek(0)
        die("source testpmd did not finish:\n" + logf.read()[-3000:])
    logf.seek(0)
    out = logf.read()
    pps = [int(x) for x in re.findall(r"Tx-pps:\s+(\d+)", out)]
    sent = [int(x) for x in re.findall(r"TX-packets:\s+(\d+)\s+TX-dropped", out)]
    if len(pps) != 2 * len(sizes) or len(sent) < len(sizes):
        die(f"cannot parse the source's statistics ({cmd}):\n{out[-3000:]}")
    # Forward statistics of each stop (the "Accumulated" block repeats them).
    stops = out.split("Forward statistics for port 0")[1:]
    total = 0
    full = {}
    for i, blk in enumerate(stops[:len(sizes)]):
        m = re.search(r"TX-packets:\s+(\d+)\s+TX-dropped:\s+(\d+)", blk)
        if m:
            total += int(m.group(1))
            tried = int(m.group(1)) + int(m.group(2))
            full[sizes[i]] = int(m.group(2)) / tried if tried else 0.0
    return {s: pps[2 * i + 1] for i, s in enumerate(sizes)}, total, " ".join(cmd), full


def machine_state(a):
    info = {}
    info["host"] = f"{platform.node()} {platform.machine()} {os.cpu_count()} CPU(s), " \
                   f"kernel {platform.release()}"
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.*)", f.read())
            info["cpu"] = m.group(1) if m else "?"
    except OSError:
        info["cpu"] = "?"
    info["load"] = " ".join(open("/proc/loadavg").read().split()[:3])
    try:
        v = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "dpdk"], capture_output=True,
                           text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        v = ""
    info["dpdk"] = v or "?"
    try:
        top = subprocess.run(["ps", "-eo", "pcpu,comm", "--sort=-pcpu", "--no-headers"],
                             capture_output=True, text=True, timeout=10).stdout.splitlines()[:4]
        info["busiest"] = ", ".join(" ".join(t.split()) for t in top)
    except (OSError, subprocess.TimeoutExpired):
        info["busiest"] = "?"
    try:
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        info["tree"] = subprocess.run(["git", "-C", root, "describe", "--always", "--dirty"],
                                      capture_output=True, text=True,
                                      timeout=10).stdout.strip() or "?"
    except (OSError, subprocess.TimeoutExpired):
        info["tree"] = "?"
    return info


def main():
    ap = argparse.ArgumentParser(
        description="testpmd txonly (virtio-user) into the vhost-pci bridge's firmware rxonly "
                    "backend vs. into testpmd's own vhost PMD (rxonly): Mpps, Gbit/s, ratio.",
        epilog="Docs: docs/perf.md. Run through scripts/bench.sh dpdk (builds in Release).")
    ap.add_argument("--bridge", required=True, help="vhost-pci-bridge executable (Release)")
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    ap.add_argument("--seconds", type=float, default=3.0,
                    help="measured seconds per size and round (default 3)")
    ap.add_argument("--warmup", type=float, default=1.0,
                    help="seconds of traffic before each measurement (default 1)")
    ap.add_argument("--sizes", default="64,1518", help="frame sizes in bytes (default 64,1518)")
    ap.add_argument("--cores", default="0,1",
                    help="two cores: sink,source (default 0,1; the sink's core first)")
    ap.add_argument("--check", action="store_true",
                    help="keep the firmware's per-frame payload check on (more work than the "
                         "baseline; default off: both sides only copy frames out)")
    ap.add_argument("--csv", help="write the figures as CSV to this file (one row per frame "
                                  "size: Mpps, Gbit/s, ratio and its range)")
    # Development: --sides ours,base,alt --alt-bridge OTHER_EXE compares another
    # build of the bridge (e.g. before a change) in the same alternating rounds.
    ap.add_argument("--sides", default="ours,base", help=argparse.SUPPRESS)
    ap.add_argument("--alt-bridge", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.rounds < 1 or a.seconds <= 0 or a.warmup < 0:
        die("--rounds >= 1, --seconds > 0, --warmup >= 0", 2)
    try:
        sizes = [int(s) for s in a.sizes.split(",")]
        c = [int(x) for x in a.cores.split(",")]
        if len(c) != 2 or c[0] == c[1] or any(s < 60 or s > 9000 for s in sizes):
            raise ValueError
    except ValueError:
        die("--sizes: 60..9000 each; --cores: two different cores", 2)
    a.core_sink, a.core_src = c
    a.cores = f"{min(c)},{max(c)}"
    if not shutil.which("dpdk-testpmd"):
        print("SKIP: dpdk-testpmd not found (scripts/install-deps.sh --group vm)", flush=True)
        return SKIP
    if not os.access(a.bridge, os.X_OK):
        die(f"{a.bridge}: not an executable (build it: scripts/bench.sh dpdk)", 2)
    sides = a.sides.split(",")

    st = machine_state(a)
    print(f"bench_dpdk: tree {st['tree']}; {st['host']}; {st['cpu']}; DPDK {st['dpdk']}; "
          f"load {st['load']}", flush=True)
    print(f"bench_dpdk: {a.rounds} rounds x {len(sizes)} sizes x {a.seconds:g} s "
          f"(+{a.warmup:g} s warm-up), sink core {a.core_sink}, source core {a.core_src}, "
          f"firmware payload check {'on' if a.check else 'off'}", flush=True)
    work = tempfile.mkdtemp(prefix="vpci-bench-")
    res = {side: {s: [] for s in sizes} for side in sides}
    cmds = {}
    tag0 = f"vb{os.getpid()}"
    try:
        for r in range(a.rounds):
            order = sides[r % len(sides):] + sides[:r % len(sides)]
            for side in order:
                tag = f"{tag0}{side[0]}{r}"
                sock = os.path.join(work, f"{tag}.sock")
                sink = Sink(side, a, work, sock, tag)
                try:
                    pps, sent, scmd, full = run_source(a, sock, tag, sizes)
                finally:
                    if sink.srv.p.poll() is None:
                        time.sleep(0.2)
                took = sink.stop()
                cmds[side] = (" ".join(sink.cmd), scmd)
                # The sink took every frame the source enqueued (the ring drains).
                if took < sent or took > sent + 1024:
                    die(f"round {r} {side}: source sent {sent} frames, sink counted {took}")
                for s in sizes:
                    res[side][s].append(pps[s] / 1e6)
                print(f"  round {r + 1} {side:4}: " +
                      "  ".join(f"{s} B {pps[s] / 1e6:6.3f} Mpps (ring full {100 * full.get(s, 0):.0f}%)"
                                for s in sizes) +
                      f"  (sink counted {took} of {sent} frames)", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    print("commands (SOCK = a fresh socket per round):")
    for side in sides:
        if side in cmds:
            print(f"  {side} sink:   {cmds[side][0]}")
            print(f"  {side} source: {cmds[side][1]}  (interactive: set fwd txonly; "
                  f"set txpkts N; start; show port stats 0 x2; stop)")
    print()
    hdr = f"{'frame':>6} | {'ours Mpps':>9} {'Gbit/s':>7} | {'base Mpps':>9} {'Gbit/s':>7} | " \
          f"{'ratio':>6} {'(range)':>13} | {'best ours/base':>20}"
    print(hdr)
    print("-" * len(hdr))
    for s in sizes:
        if "alt" in res:
            alt = statistics.median(res["alt"][s])
            ra = statistics.median([x / y for x, y in zip(res["alt"][s], res["base"][s])])
            print(f"{s:>5}B | alt {alt:.3f} Mpps, ratio alt/base {ra:.2f}x, best "
                  f"{max(res['alt'][s]):.3f}")
        if "ours" not in res or "base" not in res:
            for side in sides:
                m = statistics.median(res[side][s])
                print(f"{s:>5}B | {side} {m:.3f} Mpps {m * s * 8 / 1e3:.2f} Gbit/s")
            continue
        o = statistics.median(res["ours"][s])
        b = statistics.median(res["base"][s])
        ratios = [x / y for x, y in zip(res["ours"][s], res["base"][s]) if y > 0]
        rm = statistics.median(ratios) if ratios else 0.0
        bo, bb = max(res["ours"][s]), max(res["base"][s])
        print(f"{s:>5}B | {o:9.3f} {o * s * 8 / 1e3:7.2f} | {b:9.3f} {b * s * 8 / 1e3:7.2f} | "
              f"{rm:5.2f}x ({min(ratios):.2f}-{max(ratios):.2f}x) | "
              f"{bo:.3f}/{bb:.3f} = {bo / bb:.2f}x")
        if s == 64:
            print(f"target at 64 B: >= 0.90x the baseline -> "
                  f"{'MET' if rm >= 0.9 else 'NOT MET'} ({rm:.2f}x)")
    if a.csv and "ours" in res and "base" in res:
        with open(a.csv, "w") as f:
            f.write("frame,ours_mpps,base_mpps,ratio,ratio_min,ratio_max,ours_gbps,base_gbps,"
                    "ours_best,base_best\n")
            for s in sizes:
                o = statistics.median(res["ours"][s])
                b = statistics.median(res["base"][s])
                ratios = [x / y for x, y in zip(res["ours"][s], res["base"][s]) if y > 0] or [0.0]
                f.write(f"{s},{o:.4f},{b:.4f},{statistics.median(ratios):.4f},{min(ratios):.4f},"
                        f"{max(ratios):.4f},{o * s * 8 / 1e3:.3f},{b * s * 8 / 1e3:.3f},"
                        f"{max(res['ours'][s]):.4f},{max(res['base'][s]):.4f}\n")
        print(f"bench_dpdk: figures written to {a.csv}")
    print(f"ratio = median over rounds of ours/base (per-round pairs); Mpps = median over "
          f"{a.rounds} rounds; best = fastest round of each side (least disturbed by other "
          f"load); load at the end {open('/proc/loadavg').read().split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
