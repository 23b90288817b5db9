#!/usr/bin/env bash
# Build the test guest of the VM tests (tests/vm/) from Debian packages only:
# the kernel of linux-image-cloud-amd64 (/boot/vmlinuz-*) and a busybox
# initramfs (cpio newc + gzip) holding busybox-static, the virtio modules and
# the guest's /init (scripts/guest/init). One initramfs serves every VM test:
# the kernel command line picks the init variant (vpci.test=blk|net|...; see
# scripts/guest/init).
#
# Usage: scripts/build-guest.sh [--out DIR] [--kernel-version KVER] [--force]
#                               [--quiet] [--help]
#   --out DIR             cache dir (default: $VPCI_GUEST_DIR or <repo>/build/guest)
#   --kernel-version KVER use /boot/vmlinuz-KVER (default: the newest
#                         /boot/vmlinuz-*-cloud-amd64 with modules in /lib/modules)
#   --force               rebuild even when the cache is up to date
#   --quiet               print only the final summary line
#
# Output in DIR: vmlinuz, initrd.cpio.gz, manifest.txt (kernel version,
# modules, sizes, input stamp). Idempotent: when the stamp of every input
# (kernel, modules, busybox, /init, this script) matches manifest.txt nothing
# is rebuilt (a few ms). Concurrent runs serialize on DIR/.lock; files are
# replaced atomically.
# Exit status: 0 built or up to date; 2 usage; 3 a Debian input is missing
# (install with: scripts/install-deps.sh --group vm); 1 other errors.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SELF="$ROOT/scripts/build-guest.sh"
INIT_SRC="$ROOT/scripts/guest/init"

# Loaded in this order by /init: busybox modprobe ignores softdeps, so the
# virtio_pci helpers and failover (for virtio_net) are listed explicitly.
MODULES=(virtio virtio_ring virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci
         virtio_blk failover net_failover virtio_net)

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }

out=${VPCI_GUEST_DIR:-$ROOT/build/guest}
kver=
force=0
quiet=0
while [ $# -gt 0 ]; do
    case "$1" in
        --out) [ $# -ge 2 ] || { usage >&2; exit 2; }; out=$2; shift 2 ;;
        --out=*) out=${1#--out=}; shift ;;
        --kernel-version) [ $# -ge 2 ] || { usage >&2; exit 2; }; kver=$2; shift 2 ;;
        --kernel-version=*) kver=${1#--kernel-version=}; shift ;;
        --force) force=1; shift ;;
        --quiet) quiet=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "build-guest: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

say() { [ "$quiet" = 1 ] || echo "build-guest: $*"; }
missing() {
    echo "build-guest: $*" >&2
    echo "build-guest: install the VM packages with: scripts/install-deps.sh --group vm" >&2
    exit 3
}

# --- inputs ---------------------------------------------------------------
if [ -z "$kver" ]; then
    # Newest cloud kernel that also has its modules installed.
    while read -r k; do
        if [ -d "/lib/modules/$k/kernel" ]; then kver=$k; break; fi
    done < <(for f in /boot/vmlinuz-*-cloud-amd64; do
                 [ -e "$f" ] && echo "${f#/boot/vmlinuz-}"
             done | sort -V -r)
    [ -n "$kver" ] || missing "no /boot/vmlinuz-*-cloud-amd64 with /lib/modules (package linux-image-cloud-amd64)"
fi
vmlinuz=/boot/vmlinuz-$kver
moddir=/lib/modules/$kver
[ -r "$vmlinuz" ] || missing "$vmlinuz missing or unreadable (package linux-image-cloud-amd64)"
[ -d "$moddir/kernel" ] || missing "$moddir missing (package linux-image-cloud-amd64)"
BUSYBOX=/bin/busybox
if ! dpkg-query -W -f='${db:Status-Abbrev}' busybox-static 2>/dev/null | grep -q '^ii'; then
    missing "package busybox-static is not installed (the dynamic busybox cannot run in the initramfs)"
fi
[ -x "$BUSYBOX" ] || missing "$BUSYBOX missing"
for tool in cpio gzip depmod; do
    command -v "$tool" >/dev/null || [ -x "/sbin/$tool" ] || missing "'$tool' not found (packages cpio, gzip, kmod)"
done
[ -r "$INIT_SRC" ] || { echo "build-guest: $INIT_SRC missing" >&2; exit 1; }
DEPMOD=$(command -v depmod || echo /sbin/depmod)

# modules.dep names every module's path: no tree walk needed.
[ -r "$moddir/modules.dep" ] || missing "$moddir/modules.dep missing"
modfiles=()
for m in "${MODULES[@]}"; do
    rel=$(grep -m1 -E "/$m\.ko(\.xz|\.zst|\.gz)?:" "$moddir/modules.dep" | cut -d: -f1 || true)
    if [ -z "$rel" ] || [ ! -r "$moddir/$rel" ]; then
        missing "module $m not found in $moddir/modules.dep"
    fi
    modfiles+=("$moddir/$rel")
done

# The stamp covers every input; a change of any of them rebuilds.
stamp=$( { stat -L -c '%n %s %Y' "$vmlinuz" "$BUSYBOX" "${modfiles[@]}"
           sha256sum "$INIT_SRC" "$SELF"; } | sha256sum | cut -c1-16)

mkdir -p "$out"
out=$(cd "$out" && pwd)
exec 9>"$out/.lock"
flock 9

if [ "$force" = 0 ] && [ -f "$out/manifest.txt" ] && [ -f "$out/vmlinuz" ] && [ -f "$out/initrd.cpio.gz" ] &&
   grep -qx "stamp: $stamp" "$out/manifest.txt"; then
    echo "build-guest: up to date in $out (kernel $kver, initrd $(stat -c %s "$out/initrd.cpio.gz") bytes, stamp $stamp)"
    exit 0
fi

# --- build ----------------------------------------------------------------
t0=$(date +%s%N)
stage=$(mktemp -d "$out/.stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
root=$stage/root
mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,run,etc,root,"lib/modules/$kver/kernel/vpci"}

cp "$BUSYBOX" "$root/bin/busybox"
# One link per applet, all in /bin (so the image does not depend on where
# a given busybox build would install them).
for a in $("$BUSYBOX" --list); do
    [ "$a" = busybox ] || ln -s busybox "$root/bin/$a"
done
ln -s ../bin/modprobe "$root/sbin/modprobe"   # kernel module auto-loading
# Device nodes needed before devtmpfs is mounted (cpio as non-root cannot
# mknod, so /init mounts devtmpfs first thing; console comes from there).

# Modules, decompressed, then depmod so modprobe and modinfo work.
for f in "${modfiles[@]}"; do
    base=$(basename "$f")
    case "$base" in
        *.ko.xz)  xz -dc "$f" > "$root/lib/modules/$kver/kernel/vpci/${base%.xz}" ;;
        *.ko.zst) zstd -qdc "$f" > "$root/lib/modules/$kver/kernel/vpci/${base%.zst}" ;;
        *.ko.gz)  gzip -dc "$f" > "$root/lib/modules/$kver/kernel/vpci/${base%.gz}" ;;
        *)        cp "$f" "$root/lib/modules/$kver/kernel/vpci/" ;;
    esac
done
for f in modules.builtin modules.builtin.modinfo; do
    [ -r "$moddir/$f" ] && cp "$moddir/$f" "$root/lib/modules/$kver/"
done
: > "$root/lib/modules/$kver/modules.order"
"$DEPMOD" -b "$root" "$kver"
printf '%s\n' "${MODULES[@]}" > "$root/etc/vpci-modules"

install -m 0755 "$INIT_SRC" "$root/init"
echo "vpci-guest kernel=$kver stamp=$stamp" > "$root/etc/vpci-release"

( cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
      cpio -o -H newc -R 0:0 --reproducible --quiet ) | gzip -n -6 > "$stage/initrd.cpio.gz"
cp "$vmlinuz" "$stage/vmlinuz"

{
    echo "# vhost-pci test guest, built by scripts/build-guest.sh"
    echo "kernel: $kver ($vmlinuz, $(stat -c %s "$vmlinuz") bytes)"
    echo "busybox: $("$BUSYBOX" | head -n1)"
    echo "modules: ${MODULES[*]}"
    echo "initrd: $(stat -c %s "$stage/initrd.cpio.gz") bytes, $(find "$root" -mindepth 1 | wc -l) entries"
    echo "init variants: $(sed -n 's/^# VARIANT \([a-z0-9-]*\).*/\1/p' "$INIT_SRC" | tr '\n' ' ')"
    echo "stamp: $stamp"
} > "$stage/manifest.txt"

# Atomic replacement; the manifest goes last, so a crash midway never leaves
# a manifest that claims stale files are current.
rm -f "$out/manifest.txt"
mv -f "$stage/vmlinuz" "$out/vmlinuz"
mv -f "$stage/initrd.cpio.gz" "$out/initrd.cpio.gz"
mv -f "$stage/manifest.txt" "$out/manifest.txt"
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
if [ "$quiet" = 0 ]; then sed 's/^/build-guest:   /' "$out/manifest.txt"; fi
echo "build-guest: built $out/vmlinuz + $out/initrd.cpio.gz ($(stat -c %s "$out/initrd.cpio.gz") bytes) for kernel $kver in ${ms} ms"
