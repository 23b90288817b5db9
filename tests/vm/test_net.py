#!/usr/bin/python3
"""vm.net: two QEMU master VMs, each with -netdev vhost-user + virtio-net-pci
(vectors=0: QEMU 7.2 + TCG + MSI-X crashes) on one port of the backend (the
bridge's firmware L2 switch, or the baseline testpmd vhost PMD forwarding port
0 <-> 1), ping each other over IPv4 169.254.0.0/16 and IPv6 link-local.
No host network backend, no other addresses."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vmharness as vh  # noqa: E402

COUNT = 5

h = vh.Harness("vm.net", __doc__, timeout=150)
with h:
    be = h.net_backend(2)
    be.wait_ready()
    mac = [h.mac(), h.mac()]
    ip = ["169.254.10.1", "169.254.10.2"]
    vms = []
    for i in range(2):
        j = 1 - i
        vms.append(h.vm("master%d" % i, "net", net=be.socket(i), mac=mac[i],
                        params={"ip": ip[i] + "/16", "peer": ip[j], "peer6": vh.mac_to_ll6(mac[j]),
                                "count": COUNT, "wait": 60, "hold": 1}))
    # Each guest holds (command loop) after its verdict, so that neither
    # powers off while the other still pings it.
    results = [vm.expect_pass(120) for vm in vms]
    for vm, res in zip(vms, results):
        h.record_boot(vm)
        kv = dict(re.findall(r"(\w+)=(\S+)", res))
        m, i = vm.expect(r"VPCI: peer (\S+) answered after (\S+) s", 1)
        h.timing("%s: first echo reply from %s after" % (vm.name, m.group(1)), float(m.group(2)))
        h.check(kv.get("rx4") == str(COUNT) and kv.get("tx4") == str(COUNT),
                "%s: IPv4 169.254/16 ping of its peer" % vm.name, "%s/%s replies" % (kv.get("rx4"), kv.get("tx4")))
        h.check(kv.get("rx6") == str(COUNT) and kv.get("tx6") == str(COUNT),
                "%s: IPv6 link-local ping of its peer" % vm.name, "%s/%s replies" % (kv.get("rx6"), kv.get("tx6")))
    for vm in vms:
        h.finish_vm(vm)
        h.timing("%s VM wall time" % vm.name, vm.t_exit - vm.t_start)
    h.check(be.alive(), "backend still running after both masters left")
h.exit()
