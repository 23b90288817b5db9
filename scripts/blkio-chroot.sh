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
set -euo pipefail

SUITE=trixie
MIRROR=${VPCI_CHROOT_MIRROR:-http://deb.debian.org/debian}
CACHE=${VPCI_CHROOT_CACHE:-/var/cache/vhost-pci}
# qemu-storage-daemon, qemu-io and qemu-img are in qemu-utils on trixie (dpkg -S in the
# chroot; bookworm had the daemon in qemu-system-common); the block-blkio module in
# qemu-block-extra; qemu-system-common carries the firmware and module paths QEMU expects.
PKGS=(libblkio1 qemu-utils qemu-block-extra qemu-system-common)
SKIP=77

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }
log() { [ "$quiet" -eq 1 ] || echo "blkio-chroot: $*" >&2; }
skip() { echo "SKIP: blkio-chroot: $*" >&2; exit "$SKIP"; }

key=$(printf '%s\n' "$SUITE" "$MIRROR" "${PKGS[@]}" | sha256sum | cut -c1-12)
DIR="$CACHE/blkio-chroot-$key"

built() { [ -f "$DIR/.vpci-complete" ]; }

# in_ns ROOT CMD...: CMD chrooted into ROOT in a private mount namespace with
# /dev, /proc, /sys and the BINDS directories mounted; the namespace (and so every
# mount) ends with the process. With EXEC=exec the shell becomes CMD (same pid:
# signals sent to the script reach CMD).
BINDS=()
EXEC=
in_ns() {
    local root=$1; shift
    # shellcheck disable=SC2016 # the script's variables are its own ($1...)
    $EXEC unshare -m --propagation private /bin/sh -eu -c '
        root=$1; shift
        nb=$1; shift
        mount --rbind /dev "$root/dev"
        mount -t proc proc "$root/proc"
        mount --rbind /sys "$root/sys"
        i=0
        while [ "$i" -lt "$nb" ]; do
            d=$1; shift; i=$((i + 1))
            mkdir -p "$root$d"
            mount --bind "$d" "$root$d"
        done
        exec chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" DEBIAN_FRONTEND=noninteractive "$@"
    ' sh "$root" "${#BINDS[@]}" "${BINDS[@]}" "$@"
}

build() {
    if built; then
        log "cached: $DIR"
        return 0
    fi
    [ "$(id -u)" -eq 0 ] || skip "needs root to build the chroot (sudo $0)"
    command -v debootstrap >/dev/null || skip "debootstrap not installed (scripts/install-deps.sh --group vm)"
    command -v unshare >/dev/null || skip "unshare not found (util-linux)"
    mkdir -p "$CACHE"
    exec 9>"$CACHE/blkio-chroot.lock"
    if ! flock -n 9; then
        log "another build of the chroot is running; waiting for it"
        flock 9
    fi
    if built; then
        log "cached: $DIR (built by another process)"
        return 0
    fi
    local tmp="$DIR.tmp" t0 rc=0
    t0=$(date +%s)
    rm -rf "$tmp"
    log "building $DIR ($SUITE from $MIRROR; ${PKGS[*]}); about 3 minutes"
    log "[1/3] debootstrap --variant=minbase $SUITE (about 2 min)"
    # In a private mount namespace: mounts debootstrap leaves behind on failure go too.
    unshare -m --propagation private debootstrap --variant=minbase "$SUITE" "$tmp" "$MIRROR" \
        >"$CACHE/blkio-chroot-$key.log" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ]; then
        tail -20 "$CACHE/blkio-chroot-$key.log" >&2
        rm -rf "$tmp"
        if ! timeout 20 getent hosts "$(sed -E 's#^[a-z]+://([^/:]+).*#\1#' <<<"$MIRROR")" >/dev/null; then
            skip "debootstrap failed and the mirror $MIRROR does not resolve (no network?)"
        fi
        echo "blkio-chroot: debootstrap failed (exit $rc); log: $CACHE/blkio-chroot-$key.log" >&2
        exit 1
    fi
    # The archive's Release file may be past its Valid-Until date on these machines.
    printf 'Acquire::Check-Valid-Until "false";\n' >"$tmp/etc/apt/apt.conf.d/99vpci-no-valid-until"
    printf 'APT::Install-Recommends "false";\n' >"$tmp/etc/apt/apt.conf.d/99vpci-no-recommends"
    log "[2/3] apt-get install ${PKGS[*]} (about 40 s)"
    if ! in_ns "$tmp" /bin/sh -ec "apt-get -q update && apt-get -q -y install --no-install-recommends ${PKGS[*]} && apt-get clean" \
            >>"$CACHE/blkio-chroot-$key.log" 2>&1; then
        tail -20 "$CACHE/blkio-chroot-$key.log" >&2
        rm -rf "$tmp"
        echo "blkio-chroot: apt-get in the chroot failed; log: $CACHE/blkio-chroot-$key.log" >&2
        exit 1
    fi
    log "[3/3] checking the tools"
    local tool
    for tool in qemu-io qemu-img qemu-storage-daemon; do
        if ! in_ns "$tmp" /bin/sh -c "command -v $tool" >/dev/null; then
            rm -rf "$tmp"
            echo "blkio-chroot: $tool missing in the chroot after installing ${PKGS[*]}" >&2
            exit 1
        fi
    done
    if ! in_ns "$tmp" /bin/sh -c 'ls /usr/lib/x86_64-linux-gnu/qemu/block-blkio.so /usr/lib/*/libblkio.so.1' >/dev/null 2>&1; then
        rm -rf "$tmp"
        echo "blkio-chroot: QEMU's block-blkio module or libblkio.so.1 missing in the chroot" >&2
        exit 1
    fi
    # shellcheck disable=SC2016 # dpkg-query's format
    { printf '%s\n' "suite=$SUITE" "mirror=$MIRROR" "packages=${PKGS[*]}"
      in_ns "$tmp" dpkg-query -W -f '${Package}=${Version}\n' "${PKGS[@]}"; } >"$tmp/.vpci-complete"
    mv "$tmp" "$DIR"
    log "built $DIR in $(( $(date +%s) - t0 )) s ($(du -sh "$DIR" | cut -f1))"
}

quiet=0
case "${1:-}" in
    -h|--help) usage; exit 0 ;;
    --print-path)
        echo "$DIR"
        built && exit 0
        exit 3 ;;
    --remove)
        [ "$(id -u)" -eq 0 ] || { echo "blkio-chroot: needs root" >&2; exit 1; }
        rm -rf "$DIR" "$DIR.tmp"
        echo "blkio-chroot: removed $DIR"
        exit 0 ;;
    --run)
        shift
        while [ $# -gt 0 ]; do
            case "$1" in
                --bind) [ $# -ge 2 ] || { usage >&2; exit 2; }
                        d=$(realpath -e "$2") || { echo "blkio-chroot: --bind $2: no such directory" >&2; exit 2; }
                        BINDS+=("$d"); shift 2 ;;
                --) shift; break ;;
                *) break ;;
            esac
        done
        [ $# -gt 0 ] || { echo "blkio-chroot: --run needs a command" >&2; usage >&2; exit 2; }
        built || skip "the chroot is not built ($DIR): run sudo $0"
        [ "$(id -u)" -eq 0 ] || skip "needs root to enter the chroot"
        EXEC="exec"
        in_ns "$DIR" "$@" ;;
    --quiet) quiet=1 ;;
    "") ;;
    *) echo "blkio-chroot: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
esac
build
echo "$DIR"
