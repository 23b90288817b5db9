#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The Debian package (issue 14): `cpack -G DEB` in the build tree, the package
# installed with apt-get (its runtime dependencies resolved by apt), then the
# installed /usr/bin/vhost-pci-bridge: --version, the man page, and a short
# DPDK testpmd session through it (the README's main job in its short mode,
# tests/bridge/test_demo.py). The package is
# removed again at the end (also on failure).
# Needs root (it installs a package): exits 77 (skip, loudly) otherwise.
# Usage: test_deb.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
fail() { echo "FAIL: $*"; exit 1; }
if [ "$(id -u)" != 0 ]; then
    echo "SKIP: installing a .deb needs root (CI runs as root)"
    exit 77
fi
if dpkg -s vhost-pci >/dev/null 2>&1; then
    fail "a vhost-pci package is already installed; remove it first (dpkg -r vhost-pci)"
fi
tmp=$(mktemp -d /tmp/vpci-deb-XXXXXX)
cleanup() { dpkg -r vhost-pci >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap cleanup EXIT

(cd "$build" && cpack -G DEB -B "$tmp" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; fail "cpack -G DEB"; }
deb=$(find "$tmp" -maxdepth 1 -name "vhost-pci_*.deb" | head -1)
[ -f "$deb" ] || fail "no .deb produced"
echo "package: $(basename "$deb")"
dpkg-deb -f "$deb" Package Version Architecture Depends
depends=$(dpkg-deb -f "$deb" Depends)
case "$depends" in *libc6*) ;; *) fail "Depends lacks libc6: '$depends'";; esac
dpkg-deb -c "$deb" >"$tmp/contents"
grep -q '\./usr/bin/vhost-pci-bridge$' "$tmp/contents" || fail "no /usr/bin/vhost-pci-bridge in the package"

DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >"$tmp/apt.log" 2>&1 \
    || { cat "$tmp/apt.log"; fail "apt-get install ./$(basename "$deb")"; }
v=$(/usr/bin/vhost-pci-bridge --version)
echo "installed: $v"
case "$v" in "vhost-pci-bridge 1.0"*) ;; *) fail "--version: $v";; esac
[ -f /usr/share/man/man1/vhost-pci-bridge.1.gz ] || [ -f /usr/share/man/man1/vhost-pci-bridge.1 ] \
    || fail "man page not installed"
pkg-config --exists vhost-pci-firmware || fail "pkg-config does not find vhost-pci-firmware"
echo "pkg-config: vhost-pci-firmware $(pkg-config --modversion vhost-pci-firmware): $(pkg-config --libs vhost-pci-firmware)"

# A short DPDK session against the installed binary (77 without DPDK).
set +e
/usr/bin/python3 "$src/tests/bridge/test_demo.py" /usr/bin/vhost-pci-bridge
rc=$?
set -e
[ $rc -eq 0 ] || [ $rc -eq 77 ] || fail "DPDK session through the installed bridge (exit $rc)"
[ $rc -eq 77 ] && { echo "SKIP: DPDK missing, the package was installed and runs"; exit 77; }
echo "PASS: the .deb installs with apt-get and its bridge serves DPDK testpmd"
