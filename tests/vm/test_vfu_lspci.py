#!/usr/bin/python3
"""vm.vfu_lspci: a backend VM sees the adapter as a PCI function (issue 13).
A bridge with --vfio-user serves the adapter's driver face; QEMU (>= 10.1.1,
from the chroot of scripts/qemu-vfio-user-chroot.sh; q35, TCG) boots the test
guest with -device vfio-user-pci on that socket. In the guest, sysfs shows the
function 1b36:0110 of class 0x058000 with BAR0 = 32 KiB, BAR2 = the memory
window (2^mem-win-log2) and BAR4 = the log window (1 MiB), its capability list
(PCIe at 0x40, MSI-X at 0x80: read through REGION_READ from the core's config
space); the guest enables the function and reads ADAPTER.MAGIC from BAR0 and
writes INT_ENABLE and reads it back (busybox devmem: QEMU posts the write);
then the guest powers off and the bridge reports one vfio-user client, posted
writes, no violation and no error reply. The guest's busybox has no lspci: sysfs
and od stand in for it. Skips (77) without root or without the chroot
(scripts/test.sh builds it in its chroot phase); fails under CI=true."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vmharness as vh  # noqa: E402

WIN_LOG2 = 24
h = vh.Harness("vm.vfu_lspci", __doc__, timeout=150)
with h:
    script = os.path.join(vh.ROOT, "scripts", "qemu-vfio-user-chroot.sh")
    if os.geteuid() != 0:
        raise vh.TestSkip("needs root to enter the QEMU chroot")
    if subprocess.run([script, "--print-path"], stdout=subprocess.DEVNULL).returncode != 0:
        raise vh.TestSkip("the QEMU chroot is not built: run sudo scripts/qemu-vfio-user-chroot.sh")
    if h.backend_kind != "bridge":
        raise vh.TestSkip("needs the bridge (vfio-user server)")
    sock, vsock = h.path("vu.sock"), h.path("vfu.sock")
    be = vh.Backend(h, "bridge", [h.bridge, "--socket", sock, "--vfio-user", vsock,
                                  "--mem-win-log2", str(WIN_LOG2)], [sock], False, "bridge")
    be.wait_ready()
    # QEMU from the chroot, with the test's directory and the guest bound in.
    wrapper = h.path("qemu-chroot")
    with open(wrapper, "w") as f:
        f.write('#!/bin/sh\nexec %s --run --bind %s --bind %s -- qemu-system-x86_64 "$@"\n'
                % (script, h.tmp, os.path.dirname(h.guest["vmlinuz"])))
    os.chmod(wrapper, 0o755)
    h.qemu = wrapper
    dev = '{"driver":"vfio-user-pci","socket":{"type":"unix","path":"%s"}}' % vsock
    vm = h.vm("backend-vm", "shell", mem="512M", extra=["-machine", "q35", "-device", dev])
    vm.expect(r"VPCI: shell ready", 120)
    h.record_boot(vm, " (QEMU from the chroot, vfio-user-pci)")
    start = len(vm.lines)
    rc = vm.run('for x in /sys/bus/pci/devices/*; do '
                'if [ "$(cat $x/vendor):$(cat $x/device)" = 0x1b36:0x0110 ]; then '
                'echo "VFU dev $x class=$(cat $x/class)"; '
                'i=0; while read a b c; do echo "VFU bar$i $a $b $c"; i=$((i+1)); done < $x/resource; '
                'echo "VFU cap34=$(od -An -tx1 -j52 -N1 $x/config) cap40=$(od -An -tx1 -j64 -N1 $x/config)'
                ' cap80=$(od -An -tx1 -j128 -N1 $x/config)"; fi; done', 60)
    h.check(rc == 0, "the guest's command ran")
    out = [l for _, l in vm.lines[start:] if l.startswith("VFU ")]
    text = "\n".join(out)
    m = re.search(r"VFU dev (\S+) class=(\S+)", text)
    h.check(m is not None, "the guest sees a PCI function 1b36:0110", m.group(1) if m else text)
    h.check(m.group(2) == "0x058000", "class 0x058000 (memory controller, other)", m.group(2))
    bars = {}
    for b in re.finditer(r"VFU bar(\d) (0x[0-9a-f]+) (0x[0-9a-f]+) (0x[0-9a-f]+)", text):
        s, e = int(b.group(2), 16), int(b.group(3), 16)
        bars[int(b.group(1))] = e - s + 1 if e else 0
    h.check(bars.get(0) == 0x8000, "BAR0 is 32 KiB", str(bars.get(0)))
    h.check(bars.get(2) == 1 << WIN_LOG2, "BAR2 is the memory window (2^%d)" % WIN_LOG2, str(bars.get(2)))
    h.check(bars.get(4) == 1 << 20, "BAR4 is the log window (1 MiB)", str(bars.get(4)))
    c = re.search(r"cap34=\s*(\S+) cap40=\s*(\S+) cap80=\s*(\S+)", text)
    h.check(c is not None and c.groups() == ("40", "10", "11"),
            "capabilities: CAP_PTR 0x40, PCIe (0x10) at 0x40, MSI-X (0x11) at 0x80",
            str(c.groups() if c else text))
    # BAR0 from the guest: enable the function (COMMAND.MEM_EN through a config
    # write), read ADAPTER.MAGIC, write INT_ENABLE (a posted REGION_WRITE: QEMU
    # posts BAR writes when no region is mmap-able) and read it back.
    bar0 = int(re.search(r"VFU bar0 (0x[0-9a-f]+)", text).group(1), 16)
    start = len(vm.lines)
    rc = vm.run('echo 1 > %s/enable && echo "VFU magic=$(devmem 0x%x 32)" && devmem 0x%x 32 0x8 && '
                'echo "VFU int_enable=$(devmem 0x%x 32)"' % (m.group(1), bar0 + 0xc, bar0 + 0x38,
                                                            bar0 + 0x38), 60)
    text = "\n".join(l for _, l in vm.lines[start:] if l.startswith("VFU "))
    h.check(rc == 0 and "VFU magic=0x56504349" in text,
            "the guest reads ADAPTER.MAGIC = 0x56504349 from BAR0 (devmem)", text)
    h.check("VFU int_enable=0x00000008" in text,
            "a BAR0 write from the guest (INT_ENABLE = 8) reads back", text)
    h.finish_vm(vm, 60)
    be.stop()
    rep = [l for _, l in be.lines if " vfio_user=" in l]
    h.check(len(rep) == 1, "the bridge reports its vfio-user face", rep[0] if rep else "no line")
    kv = dict(re.findall(r"(\w+)=(\S+)", rep[0]))
    h.check(int(kv.get("posted", "0")) > 0, "QEMU posted BAR writes (NO_REPLY), none answered",
            "posted=%s" % kv.get("posted"))
    h.check(kv.get("clients") == "1" and kv.get("vfu_violations") == "0" and kv.get("vfu_errors") == "0",
            "one client, no violation, no error reply",
            "clients=%s vfu_violations=%s vfu_errors=%s region_reads=%s dma_maps=%s" % (
                kv.get("clients"), kv.get("vfu_violations"), kv.get("vfu_errors"),
                kv.get("region_reads"), kv.get("dma_maps")))
h.exit()
