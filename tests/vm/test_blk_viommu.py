#!/usr/bin/python3
"""vm.blk_viommu: the device IOTLB (spec §8.8, issue 11). A q35 master VM
with an intel-iommu (device-iotlb=on, caching-mode=on) and
vhost-user-blk-pci,iommu_platform=on,ats=on behind a PCIe root port; the
guest boots with intel_iommu=on, so every ring and buffer address the
firmware sees is an IOVA. The guest runs the blk pattern test (write the
whole 16 MiB disk with O_DIRECT, read back, compare; the host checks the
disk file). The bridge's report shows that IOTLB misses, updates and
invalidations really travelled and that no queue failed. Part `plain`: the
same q35 VM without the vIOMMU (no ACCESS_PLATFORM: no IOTLB traffic), for
the throughput comparison."""
import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vmharness as vh  # noqa: E402

DISK_SIZE = 16 << 20


def iotlb_report(be):
    """The firmware's 'adapter0 iotlb ...' report line as a dict."""
    rep = [l for _, l in be.lines if re.match(r"adapter0 iotlb ", l)]
    return (dict((k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", rep[-1])) if rep else {}), \
        (rep[-1] if rep else "no iotlb line")


def run(h, name, viommu):
    disk = vh.make_disk(h.path(name + "-disk.img"), DISK_SIZE)
    seed = os.urandom(4).hex()
    be = h.blk_backend(disk, name=name + "-backend")
    be.wait_ready()
    kargs = ["intel_iommu=on"] if viommu else []
    vm = h.vm(name, "blk", blk=be.socket(0), params={"seed": seed}, q35=True, viommu=viommu,
              kernel_args=kargs)
    vm.expect(r"VPCI: ready disk=vda bytes=(\d+)", 60)
    res = vm.expect_pass(90)
    h.record_boot(vm)
    kv = dict(re.findall(r"(\w+)=(\S+)", res))
    want = hashlib.md5(b"".join(vh.pattern_block(seed, i)
                                for i in range(DISK_SIZE // vh.BLOCK))).hexdigest()
    h.check(kv.get("read_md5") == want and kv.get("pattern_md5") == want,
            "%s: the guest read back the pattern it wrote (O_DIRECT)" % name, "md5 %s" % want)
    rates = {}
    for what in ("write", "read"):
        secs = float(kv.get(what + "_s", "0"))
        rates[what] = (DISK_SIZE >> 20) / max(secs, 0.01)
        h.timing("%s: guest %s %d MiB (%.1f MiB/s, guest clock)"
                 % (name, what, DISK_SIZE >> 20, rates[what]), secs)
    h.finish_vm(vm)
    ok, why = vh.check_disk_pattern(disk, seed)
    h.check(ok, "%s: host: disk file holds the pattern" % name, why)
    be.stop()
    st, line = iotlb_report(be)
    h.check(bool(st), "%s: the bridge reports the firmware's IOTLB counters" % name, line)
    return st, line, rates


h = vh.Harness("vm.blk_viommu", __doc__, timeout=120)
with h:
    if h.backend_kind != "bridge":
        raise vh.TestSkip("needs the bridge (the baseline backend is not under test here)")
    res = {}
    if h.part("viommu"):
        st, line, rates = run(h, "viommu", True)
        res["viommu"] = rates
        h.check(st.get("misses", 0) > 0 and st.get("updates", 0) > 0,
                "viommu: IOTLB misses went to the master and its updates came back", line)
        h.check(st.get("invalidations", 0) > 0,
                "viommu: the master's IOTLB invalidations reached the firmware", line)
        h.check(st.get("faults", 1) == 0 and st.get("timeouts", 1) == 0 and st.get("bad_chains", 1) == 0,
                "viommu: no permission fault, no unanswered miss, no failed queue", line)
        vh.log("FIGURE: viommu iotlb misses=%d updates=%d invalidations=%d"
               % (st.get("misses", 0), st.get("updates", 0), st.get("invalidations", 0)))
    if h.part("plain"):
        st, line, rates = run(h, "plain", False)
        res["plain"] = rates
        h.check(st.get("misses", 1) == 0 and st.get("updates", 1) == 0,
                "plain: without the vIOMMU no IOTLB traffic (guest/user addresses)", line)
    if len(res) == 2:
        for what in ("write", "read"):
            vh.log("FIGURE: %s viommu %.2f MiB/s, plain %.2f MiB/s (%.0f%%)"
                   % (what, res["viommu"][what], res["plain"][what],
                      100.0 * res["viommu"][what] / max(res["plain"][what], 0.01)))
h.exit()
