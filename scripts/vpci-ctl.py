#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""vpci-ctl: a small client of vhost-pci-bridge's control socket (--control).

  vpci-ctl.py SOCKET query-adapters
  vpci-ctl.py SOCKET add-adapter socket=/tmp/b.sock backend=blk ram-disk=64M
  vpci-ctl.py SOCKET remove-adapter name=adapter1
  vpci-ctl.py SOCKET --raw '{"execute":"query-version"}'

Arguments key=value become the command's "arguments": true/false are
booleans, integers are numbers, anything else a string. Prints the reply's
"return" as indented JSON; on an error object prints it to stderr and exits 1.
Protocol: bridge/README.md, "Control socket"."""
import argparse
import json
import socket
import sys


def value(v):
    if v in ("true", "false"):
        return v == "true"
    try:
        return int(v, 0)
    except ValueError:
        return v


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="\n".join(__doc__.split("\n")[2:7]),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("socket", help="the bridge's --control socket")
    ap.add_argument("command", help="command name, or a JSON line with --raw")
    ap.add_argument("args", nargs="*", help="key=value arguments")
    ap.add_argument("--raw", action="store_true", help="send COMMAND as it is (one JSON line)")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds (default 10)")
    a = ap.parse_args()
    if a.raw:
        line = a.command
    else:
        args = {}
        for kv in a.args:
            if "=" not in kv:
                ap.error(f"argument '{kv}' is not key=value")
            k, v = kv.split("=", 1)
            args[k] = value(v)
        line = json.dumps({"execute": a.command, "arguments": args})
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(a.timeout)
    s.connect(a.socket)
    f = s.makefile("rwb")
    greeting = json.loads(f.readline())
    if "vhost-pci-bridge" not in greeting:
        sys.exit(f"vpci-ctl: unexpected greeting {greeting}")
    f.write(line.encode() + b"\n")
    f.flush()
    reply = f.readline()
    if not reply:
        sys.exit("vpci-ctl: the bridge closed the connection")
    r = json.loads(reply)
    if "error" in r:
        print(json.dumps(r["error"]), file=sys.stderr)
        return 1
    print(json.dumps(r.get("return"), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
