# shellcheck shell=bash
# scripts/lib/chroot.sh - cached Debian chroots for tools this machine's Debian
# lacks (sourced by scripts/blkio-chroot.sh and scripts/qemu-vfio-user-chroot.sh):
# debootstrap --variant=minbase into $CACHE/$NAME-<hash>, apt-get install of
# PKGS (and of BACKPORTS_PKGS from <suite>-backports), a check, an atomic rename;
# --run enters it in a private mount namespace. The CLI is documented by each
# wrapper (its header comment is its --help).
#
# The wrapper sets: NAME (e.g. blkio-chroot), SUITE, PKGS (array), optionally
# BACKPORTS_PKGS (array: installed with -t $SUITE-backports, the backports
# source is added), and defines chroot_check ROOT (exit non-zero with a message
# if the tree lacks what it needs; may print lines for the log); then it calls
# chroot_main "$@". Environment: VPCI_CHROOT_CACHE, VPCI_CHROOT_MIRROR.

MIRROR=${VPCI_CHROOT_MIRROR:-http://deb.debian.org/debian}
CACHE=${VPCI_CHROOT_CACHE:-/var/cache/vhost-pci}
SKIP=77

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }
log() { [ "$quiet" -eq 1 ] || echo "$NAME: $*" >&2; }
skip() { echo "SKIP: $NAME: $*" >&2; exit "$SKIP"; }

# The key of the blkio chroot predates BACKPORTS_PKGS: an empty list adds no line.
key=$(printf '%s\n' "$SUITE" "$MIRROR" "${PKGS[@]}" "${BACKPORTS_PKGS[@]}" | sha256sum | cut -c1-12)
DIR="$CACHE/$NAME-$key"
LOG="$CACHE/$NAME-$key.log"

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
    exec 9>"$CACHE/$NAME.lock"
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
    log "building $DIR ($SUITE from $MIRROR; ${PKGS[*]} ${BACKPORTS_PKGS[*]}); about 3 minutes"
    log "[1/3] debootstrap --variant=minbase $SUITE (about 2 min)"
    # In a private mount namespace: mounts debootstrap leaves behind on failure go too.
    unshare -m --propagation private debootstrap --variant=minbase "$SUITE" "$tmp" "$MIRROR" \
        >"$LOG" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ]; then
        tail -20 "$LOG" >&2
        rm -rf "$tmp"
        if ! timeout 20 getent hosts "$(sed -E 's#^[a-z]+://([^/:]+).*#\1#' <<<"$MIRROR")" >/dev/null; then
            skip "debootstrap failed and the mirror $MIRROR does not resolve (no network?)"
        fi
        echo "$NAME: debootstrap failed (exit $rc); log: $LOG" >&2
        exit 1
    fi
    # The archive's Release file may be past its Valid-Until date on these machines.
    printf 'Acquire::Check-Valid-Until "false";\n' >"$tmp/etc/apt/apt.conf.d/99vpci-no-valid-until"
    printf 'APT::Install-Recommends "false";\n' >"$tmp/etc/apt/apt.conf.d/99vpci-no-recommends"
    local install="apt-get -q -y install --no-install-recommends ${PKGS[*]}"
    if [ "${#BACKPORTS_PKGS[@]}" -gt 0 ]; then
        printf 'deb %s %s-backports main\n' "$MIRROR" "$SUITE" >"$tmp/etc/apt/sources.list.d/backports.list"
        install="$install && apt-get -q -y install --no-install-recommends -t $SUITE-backports ${BACKPORTS_PKGS[*]}"
    fi
    log "[2/3] apt-get install ${PKGS[*]} ${BACKPORTS_PKGS[*]} (about 40 s)"
    if ! in_ns "$tmp" /bin/sh -ec "apt-get -q update && $install && apt-get clean" \
            >>"$LOG" 2>&1; then
        tail -20 "$LOG" >&2
        rm -rf "$tmp"
        echo "$NAME: apt-get in the chroot failed; log: $LOG" >&2
        exit 1
    fi
    log "[3/3] checking the tools"
    if ! chroot_check "$tmp"; then
        rm -rf "$tmp"
        exit 1
    fi
    # shellcheck disable=SC2016 # dpkg-query's format
    { printf '%s\n' "suite=$SUITE" "mirror=$MIRROR" "packages=${PKGS[*]}"
      in_ns "$tmp" dpkg-query -W -f '${Package}=${Version}\n' "${PKGS[@]}" "${BACKPORTS_PKGS[@]}"; } >"$tmp/.vpci-complete"
    mv "$tmp" "$DIR"
    log "built $DIR in $(( $(date +%s) - t0 )) s ($(du -sh "$DIR" | cut -f1))"
}

chroot_main() {
    quiet=0
    case "${1:-}" in
        -h|--help) usage; exit 0 ;;
        --print-path)
            echo "$DIR"
            built && exit 0
            exit 3 ;;
        --remove)
            [ "$(id -u)" -eq 0 ] || { echo "$NAME: needs root" >&2; exit 1; }
            rm -rf "$DIR" "$DIR.tmp"
            echo "$NAME: removed $DIR"
            exit 0 ;;
        --run)
            shift
            while [ $# -gt 0 ]; do
                case "$1" in
                    --bind) [ $# -ge 2 ] || { usage >&2; exit 2; }
                            d=$(realpath -e "$2") || { echo "$NAME: --bind $2: no such directory" >&2; exit 2; }
                            BINDS+=("$d"); shift 2 ;;
                    --) shift; break ;;
                    *) break ;;
                esac
            done
            [ $# -gt 0 ] || { echo "$NAME: --run needs a command" >&2; usage >&2; exit 2; }
            built || skip "the chroot is not built ($DIR): run sudo $0"
            [ "$(id -u)" -eq 0 ] || skip "needs root to enter the chroot"
            EXEC="exec"
            in_ns "$DIR" "$@" ;;
        --quiet) quiet=1 ;;
        "") ;;
        *) echo "$NAME: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
    build
    echo "$DIR"
}
