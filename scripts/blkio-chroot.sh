#!/usr/bin/env bash
# The libblkio chroot: a Debian trixie tree (debootstrap --variant=minbase) with
# libblkio 1.5, QEMU's block-blkio module (qemu-io, qemu-img) and
# qemu-storage-daemon, for a vhost-user-blk master without a VM (bookworm has no
# libblkio; trixie binaries need trixie's libc, hence a chroot).
#
# Usage: scripts/blkio-chroot.sh [--quiet]       build it unless cached; print its path
#        scripts/blkio-chroot.sh --print-path    print its path; exit 0 if it is built,
#                                                3 if not (nothing is built)
#        scripts/blkio-chroot.sh --run [--bind DIR]... [--] CMD [ARGS...]
#                                                run CMD inside (the chroot must be built):
#                                                /dev (with /dev/pts, /dev/shm), /proc, /sys
#                                                and each DIR (same path inside) are mounted
#                                                in a private mount namespace (unshare -m),
#                                                so every mount goes with the command, also
#                                                when it fails or is killed; CMD replaces the
#                                                script (same pid, signals reach it); exit
#                                                code of CMD
#        scripts/blkio-chroot.sh --remove        delete the cached chroot
#        scripts/blkio-chroot.sh --help          this text
#
# Cache: $VPCI_CHROOT_CACHE (default /var/cache/vhost-pci)/blkio-chroot-<hash>, where
# <hash> is a short hash of the suite, the mirror and the package list: a change of
# either builds a new one; the same list is built once per machine (about 3 min and
# 400 MB; apt's package cache is emptied afterwards). Built in <path>.tmp and renamed
# when complete, under a lock (<cache>/blkio-chroot.lock), so an interrupted or
# concurrent build never leaves a half tree at <path>.
# Needs root (debootstrap, chroot, mounts) and network access to the mirror; without
# them it exits 77 with a SKIP line (the tests' skip code).
# Environment: VPCI_CHROOT_CACHE, VPCI_CHROOT_MIRROR (default http://deb.debian.org/debian).
# The machinery is scripts/lib/chroot.sh (shared with scripts/qemu-vfio-user-chroot.sh).
set -euo pipefail

NAME=blkio-chroot
SUITE=trixie
# qemu-storage-daemon, qemu-io and qemu-img are in qemu-utils on trixie (dpkg -S in the
# chroot; bookworm had the daemon in qemu-system-common); the block-blkio module in
# qemu-block-extra; qemu-system-common carries the firmware and module paths QEMU expects.
PKGS=(libblkio1 qemu-utils qemu-block-extra qemu-system-common)
BACKPORTS_PKGS=()

# chroot_check ROOT: the tools and QEMU's blkio module are there.
chroot_check() {
    local tool
    for tool in qemu-io qemu-img qemu-storage-daemon; do
        if ! in_ns "$1" /bin/sh -c "command -v $tool" >/dev/null; then
            echo "$NAME: $tool missing in the chroot after installing ${PKGS[*]}" >&2
            return 1
        fi
    done
    if ! in_ns "$1" /bin/sh -c 'ls /usr/lib/x86_64-linux-gnu/qemu/block-blkio.so /usr/lib/*/libblkio.so.1' >/dev/null 2>&1; then
        echo "$NAME: QEMU's block-blkio module or libblkio.so.1 missing in the chroot" >&2
        return 1
    fi
}

# shellcheck source=scripts/lib/chroot.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/chroot.sh"
chroot_main "$@"
