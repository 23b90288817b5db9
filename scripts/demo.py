#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The embedded default scenario of vhost-pci (run by scripts/run-demo.sh),
no VM: one vhost-pci-bridge process with two adapters, each running the
firmware's virtio-net backend, and DPDK testpmd (net_virtio_user) as the
real vhost-user master of both.

  phase 1  testpmd txonly (64 B frames, --seconds) -> adapter0, firmware
           rxonly: every frame is copied out of the ring and compared byte
           for byte with the template (the first frame, itself checked to be
           testpmd's Ethernet/IPv4/UDP frame): frames_ok / frames_bad.
  phase 2  adapter1, firmware txonly (N generated 128 B frames) -> testpmd
           rxonly with per-frame output: every frame seen, with the adapter's
           source MAC, broadcast destination and length.

Ends with a report: vhost-user messages relayed, frames verified, throughput,
and one machine-readable line "demo result: ..." (tests/bridge/test_demo.py).
Exit 0 on success, 1 on a failed check, 77 without dpdk-testpmd.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vpci_testpmd  # noqa: E402

SKIP = 77
TXONLY_FRAMES = 2000


def fail(msg):
    print(f"demo: FAILED: {msg}", flush=True)
    sys.exit(1)


def kv(report, prefix, key):
    """Value of @key on the last report line starting with @prefix (the
    report at exit comes after the periodic ones)."""
    for line in reversed(report.splitlines()):
        if line.startswith(prefix + " "):
            m = re.search(r"\b" + key + r"=(\S+)", line)
            if m:
                return m.group(1)
    fail(f"'{prefix}' {key} missing from the bridge report:\n{report}")


def testpmd(sock, prefix, script):
    try:
        out, _, cmd = vpci_testpmd.run(sock, prefix, script)
    except vpci_testpmd.TestpmdError as e:
        fail(str(e))
    return out, cmd


def all_sent(out_path):
    """Predicate: the bridge's periodic report (--report-interval 1) shows that
    the firmware txonly source sent every phase-2 frame into testpmd's rings."""
    def done(_out):
        rep = open(out_path).read()
        m = re.findall(r"^adapter1 frames .*?\brx_frames=(\d+)", rep, re.M)
        return bool(m) and int(m[-1]) >= TXONLY_FRAMES
    return done


def fwd_stat(out, key):
    m = re.search(r"Forward statistics for port 0.*?" + key + r":\s+(\d+)", out, re.S)
    return int(m.group(1)) if m else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bridge", required=True, help="vhost-pci-bridge executable")
    ap.add_argument("--seconds", type=float, default=3.0, help="phase 1 traffic (default 3)")
    ap.add_argument("--mode", default="irq", choices=("irq", "poll", "adaptive"),
                    help="firmware mode (default irq)")
    a = ap.parse_args()
    if not shutil.which("dpdk-testpmd"):
        print("SKIP: dpdk-testpmd not found (sudo scripts/install-deps.sh --group dpdk)")
        return SKIP
    work = tempfile.mkdtemp(prefix="vpci-demo-")
    rx_sock, tx_sock = os.path.join(work, "rx.sock"), os.path.join(work, "tx.sock")
    out_path, log_path = os.path.join(work, "bridge.out"), os.path.join(work, "bridge.log")
    bcmd = [a.bridge, "--mode", a.mode, "--log-file", log_path,
            "--socket", rx_sock, "--backend", "rxonly",
            "--socket", tx_sock, "--backend", "txonly",
            "--txonly-count", str(TXONLY_FRAMES), "--txonly-len", "128",
            "--report-interval", "1"]
    print("demo: " + " ".join(bcmd), flush=True)
    outf = open(out_path, "w")
    br = subprocess.Popen(bcmd, stdout=outf, stderr=subprocess.STDOUT)
    deadline = time.time() + 10
    while "vhost-pci-bridge: ready" not in open(out_path).read():
        if br.poll() is not None or time.time() > deadline:
            fail("the bridge did not start:\n" + open(out_path).read() +
                 (open(log_path).read() if os.path.exists(log_path) else ""))
        time.sleep(0.05)
    try:
        print(f"demo: phase 1: testpmd txonly, 64 B frames, {a.seconds:g} s -> adapter0 "
              f"(firmware rxonly, payload check)", flush=True)
        t0 = time.time()
        out1, cmd1 = testpmd(rx_sock, f"vpcidemo{os.getpid()}a", [
            ("set fwd txonly", 0.1), ("set txpkts 64", 0.1), ("start", a.seconds),
            ("stop", 0.5)])
        sent = fwd_stat(out1, "TX-packets")
        print(f"demo:   {cmd1}\n        (set fwd txonly; set txpkts 64; start; stop)", flush=True)
        print(f"demo: phase 2: adapter1 (firmware txonly, {TXONLY_FRAMES} x 128 B) -> testpmd "
              f"rxonly", flush=True)
        out2, cmd2 = testpmd(tx_sock, f"vpcidemo{os.getpid()}b", [
            ("set fwd rxonly", 0.1), ("set verbose 1", 0.1),
            # until the firmware sent every frame (at most 30 s on a loaded machine)
            ("start", 30.0, all_sent(out_path)),
            ("stop", 0.5)])
        print(f"demo:   {cmd2}\n        (set fwd rxonly; set verbose 1; start; stop)", flush=True)
        elapsed = time.time() - t0
    finally:
        br.send_signal(signal.SIGINT)
        try:
            br.wait(timeout=15)
        except subprocess.TimeoutExpired:
            br.kill()
        outf.close()
    report = open(out_path).read()
    # The report at exit: from the last "bridge adapters=" line on (the
    # periodic reports before it only served the phase-2 wait).
    last = report.rfind("bridge adapters=")
    report = report[last:] if last >= 0 else report
    if br.returncode != 0:
        fail(f"bridge exit code {br.returncode}:\n{report}")

    # ---- checks ----
    got = int(kv(report, "adapter0 frames", "tx_frames"))
    ok = int(kv(report, "adapter0 check", "frames_ok"))
    bad = int(kv(report, "adapter0 check", "frames_bad"))
    tl = int(kv(report, "adapter0 template0", "len"))
    tpl = bytes.fromhex(kv(report, "adapter0 template0", "hex"))
    # testpmd txonly: Ethernet type IPv4, 198.18.0.1 -> 198.18.0.2, UDP 9 -> 9
    tpl_ok = tl == 64 and tpl[12:14] == b"\x08\x00" and tpl[23] == 17 and \
        tpl[26:30] == bytes([198, 18, 0, 1]) and tpl[30:34] == bytes([198, 18, 0, 2]) and \
        tpl[34:38] == b"\x00\x09\x00\x09"
    lines = re.findall(r"src=([0-9A-F:]+) - dst=([0-9A-F:]+) .*?length=(\d+)", out2)
    good2 = sum(1 for s, d, n in lines
                if s == "02:00:00:00:00:02" and d == "FF:FF:FF:FF:FF:FF" and n == "128")
    fw_sent = int(kv(report, "adapter1 frames", "rx_frames"))
    msgs = sum(int(kv(report, f"adapter{i}", k)) for i in (0, 1) for k in ("m2s", "s2m"))
    viol = sum(int(kv(report, f"adapter{i}", "violations")) for i in (0, 1))
    mpps = sent / a.seconds / 1e6
    problems = []
    if sent == 0 or got != sent:
        problems.append(f"phase 1: testpmd sent {sent} frames, the firmware counted {got}")
    if bad or ok != got:
        problems.append(f"phase 1: payload check frames_ok={ok} frames_bad={bad} of {got}")
    if not tpl_ok:
        problems.append(f"phase 1: the template is not testpmd's 64 B frame: {tpl.hex()}")
    # testpmd prints frames from concurrent lcores: a line or two may garble.
    if fw_sent != TXONLY_FRAMES or good2 < TXONLY_FRAMES - 4 or len(lines) - good2 > 4:
        problems.append(f"phase 2: firmware sent {fw_sent}, testpmd showed {len(lines)}, "
                        f"{good2} as expected (want {TXONLY_FRAMES})")
    if viol:
        problems.append(f"{viol} intake violations")

    print()
    print("=== vhost-pci demo report")
    print(f"  bridge: 2 adapters (firmware virtio-net rxonly + txonly), mode {a.mode}, "
          f"master DPDK testpmd (net_virtio_user), {elapsed:.1f} s")
    print(f"  vhost-user messages relayed through the adapters: {msgs} "
          f"(master->firmware and firmware->master, both sessions)")
    print(f"  phase 1 testpmd -> firmware: {got} frames of 64 B received, "
          f"{ok} payloads equal to testpmd's frame, {bad} bad")
    print(f"  phase 2 firmware -> testpmd: {fw_sent} frames of 128 B sent, {good2} seen by "
          f"testpmd with the right source, destination and length (testpmd's per-frame lines; "
          f"its two lcores print concurrently, a garbled line is not counted)")
    print(f"  throughput (phase 1, {a.mode} mode, not a benchmark: see scripts/bench.sh "
          f"dpdk): {mpps:.3f} Mpps, {mpps * 64 * 8 / 1e3:.3f} Gbit/s")
    verdict = "FAIL" if problems else "PASS"
    print(f"demo result: {verdict} messages={msgs} frames={got} frames_ok={ok} frames_bad={bad} "
          f"tx_frames_seen={good2} mpps={mpps:.3f}")
    for p in problems:
        print(f"demo: FAILED: {p}")
    if problems:
        print("bridge report:\n" + report)
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
