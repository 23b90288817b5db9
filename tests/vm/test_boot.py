#!/usr/bin/python3
"""vm.boot: builds the test guest (scripts/build-guest.sh, up to date = a few
ms) and boots it once with no vhost-user device (vpci.test=boot): the modules
load, /init reports, the guest powers off. Measures the bare TCG boot time.
The other VM tests need this one (CTest fixture)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vmharness as vh  # noqa: E402

h = vh.Harness("vm.boot", __doc__, timeout=90)
with h:
    vm = h.vm("guest", "boot")
    m, _ = vm.expect(r"VPCI: init test=boot uptime=(\S+) kernel=(\S+)", 60)
    vm.expect_pass(30)
    h.finish_vm(vm)
    mods = [l for _, l in vm.lines if "VPCI: modules loaded" in l]
    h.check(bool(mods), "guest kernel %s booted to /init and loaded the virtio modules" % m.group(2),
            mods[0].split("VPCI: ")[1] if mods else "no 'modules loaded' line")
    h.record_boot(vm)
    h.timing("guest kernel uptime at /init (guest clock)", float(m.group(1)))
    h.timing("QEMU start -> QEMU exit", vm.t_exit - vm.t_start)
h.exit()
