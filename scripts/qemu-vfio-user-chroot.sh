#!/usr/bin/env bash
# The QEMU chroot of the backend VM (issue 13): a Debian trixie tree
# (debootstrap --variant=minbase) with qemu-system-x86 from trixie-backports
# (11.1.x), whose vfio-user-pci device drives the bridge's vfio-user server
# (bridge --vfio-user PATH). QEMU >= 10.1.1 is required (10.1.0 had a vfio-user
# regression; bookworm-backports' 10.0 has no vfio-user-pci); trixie binaries
# need trixie's libc, hence a chroot. docs: /work/shared/testbed/RECIPE.md §5.
#
# Usage: scripts/qemu-vfio-user-chroot.sh [--quiet]     build it unless cached; print its path
#        scripts/qemu-vfio-user-chroot.sh --print-path  print its path; exit 0 if it is built,
#                                                       3 if not (nothing is built)
#        scripts/qemu-vfio-user-chroot.sh --run [--bind DIR]... [--] CMD [ARGS...]
#                                                       run CMD inside (the chroot must be
#                                                       built), as scripts/blkio-chroot.sh
#                                                       --run: /dev, /proc, /sys and each DIR
#                                                       mounted in a private mount namespace;
#                                                       CMD replaces the script
#        scripts/qemu-vfio-user-chroot.sh --remove      delete the cached chroot
#        scripts/qemu-vfio-user-chroot.sh --help        this text
#
# The build checks that qemu-system-x86_64 is >= 10.1.1 and has vfio-user-pci, and
# prints the version it got. Cache: $VPCI_CHROOT_CACHE (default /var/cache/vhost-pci)/
# qemu-vfio-user-chroot-<hash> (suite, mirror and packages), built atomically under a
# lock (scripts/lib/chroot.sh). Needs root and network access to the mirror; without
# them it exits 77 with a SKIP line.
# Environment: VPCI_CHROOT_CACHE, VPCI_CHROOT_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail

NAME=qemu-vfio-user-chroot
SUITE=trixie
PKGS=()
BACKPORTS_PKGS=(qemu-system-x86)
MIN_VERSION=10.1.1

# chroot_check ROOT: QEMU >= MIN_VERSION with the vfio-user-pci device.
chroot_check() {
    local v
    v=$(in_ns "$1" qemu-system-x86_64 --version 2>/dev/null | sed -n 's/^QEMU emulator version \([0-9.]*\).*/\1/p')
    if [ -z "$v" ]; then
        echo "$NAME: qemu-system-x86_64 missing or silent in the chroot" >&2
        return 1
    fi
    if [ "$(printf '%s\n%s\n' "$MIN_VERSION" "$v" | sort -V | head -n1)" != "$MIN_VERSION" ]; then
        echo "$NAME: QEMU $v is older than $MIN_VERSION (vfio-user-pci needs >= $MIN_VERSION)" >&2
        return 1
    fi
    if ! in_ns "$1" qemu-system-x86_64 -device help 2>/dev/null | grep -q '"vfio-user-pci"'; then
        echo "$NAME: QEMU $v has no vfio-user-pci device" >&2
        return 1
    fi
    echo "$NAME: QEMU $v with vfio-user-pci" >&2
}

# shellcheck source=scripts/lib/chroot.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/chroot.sh"
chroot_main "$@"
