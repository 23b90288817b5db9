#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The installed vhost-pci, used from outside this tree (issue 14):
#  1. cmake --install of the build tree into a temporary prefix, and again
#     with DESTDIR: both trees hold the same files;
#  2. a consumer project built with find_package(vhost_pci CONFIG) against
#     the prefix, run;
#  3. the same consumer built with pkg-config (vhost-pci-firmware), run;
#  4. the header-only register package alone (vhost-pci-regs) compiles;
#  5. the installed Python register constants import with /usr/bin/python3;
#  6. the SystemC TLM module (when built): a SystemC consumer with
#     find_package (vhost_pci::tlm) and one with pkg-config (vhost-pci-tlm).
# Usage: test_consumers.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d /tmp/vpci-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install"; }
DESTDIR=$tmp/dest cmake --install "$build" --prefix /opt/vhost-pci >/dev/null || fail "DESTDIR install"
(cd "$prefix" && find . -type f | sort) >"$tmp/a"
(cd "$tmp/dest/opt/vhost-pci" && find . -type f | sort) >"$tmp/b"
diff -u "$tmp/a" "$tmp/b" || fail "DESTDIR install differs from the --prefix install"
for f in include/vhost-pci/vhost_pci_regs.h include/vhost-pci/vpf.h bin/vhost-pci-bridge \
         share/man/man1/vhost-pci-bridge.1 lib/python3/dist-packages/vhost_pci_regs.py \
         share/doc/vhost-pci/spec.md; do
    [ -f "$prefix/$f" ] || fail "not installed: $f"
done
echo "install: $(wc -l <"$tmp/a") files under $prefix"

# 2. find_package
cmake -S "$here/consumer" -B "$tmp/c1" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
      >"$tmp/c1.log" 2>&1 || { cat "$tmp/c1.log"; fail "find_package consumer: configure"; }
cmake --build "$tmp/c1" >>"$tmp/c1.log" 2>&1 || { cat "$tmp/c1.log"; fail "find_package consumer: build"; }
"$tmp/c1/consumer" || fail "find_package consumer: run"

# 3. pkg-config
libdir=$(cd "$prefix" && find lib* -maxdepth 2 -type d -name pkgconfig | head -1)
export PKG_CONFIG_PATH=$prefix/$libdir
pkg-config --exists --print-errors vhost-pci-firmware || fail "pkg-config vhost-pci-firmware"
# shellcheck disable=SC2046
cc -Wall -Wextra -Werror -o "$tmp/c2" "$here/consumer/consumer.c" \
   $(pkg-config --cflags --libs vhost-pci-firmware) || fail "pkg-config consumer: build"
"$tmp/c2" || fail "pkg-config consumer: run"

# 4. header only
printf '#include "vhost_pci_regs.h"\n#include "vhost_pci_requests.h"\nint main(void) { return VPCI_MAGIC == 0x56504349u ? 0 : 1; }\n' >"$tmp/r.c"
# shellcheck disable=SC2046
cc -Wall -Wextra -Werror -o "$tmp/r" "$tmp/r.c" $(pkg-config --cflags vhost-pci-regs) \
   || fail "vhost-pci-regs: header-only build"
"$tmp/r" || fail "vhost-pci-regs: run"

# 6. the TLM module (when this build has it): find_package and pkg-config
if [ -f "$prefix/include/vhost-pci/vhost_pci_tlm.h" ]; then
    cmake -S "$here/consumer_tlm" -B "$tmp/c3" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
          >"$tmp/c3.log" 2>&1 || { cat "$tmp/c3.log"; fail "TLM consumer: configure"; }
    cmake --build "$tmp/c3" >>"$tmp/c3.log" 2>&1 || { cat "$tmp/c3.log"; fail "TLM consumer: build"; }
    "$tmp/c3/consumer_tlm" | grep -v "^$" | grep -v "SystemC\|Copyright\|ALL RIGHTS\|^ *$" || true
    "$tmp/c3/consumer_tlm" >/dev/null || fail "TLM consumer (find_package): run"
    # shellcheck disable=SC2046
    c++ -std=c++17 -Wall -Wextra -Werror -o "$tmp/c4" "$here/consumer_tlm/consumer_tlm.cpp" \
        $(pkg-config --cflags --libs vhost-pci-tlm) || fail "TLM consumer (pkg-config): build"
    "$tmp/c4" >/dev/null || fail "TLM consumer (pkg-config): run"
    echo "tlm: find_package and pkg-config SystemC consumers built and ran"
else
    echo "NOTE: this build has no TLM module (SystemC missing): its consumers are not tested"
fi

# 5. Python
PYTHONPATH=$prefix/lib/python3/dist-packages /usr/bin/python3 -c \
    'import vhost_pci_regs as r; assert r.VPCI_MAGIC == 0x56504349, r.VPCI_MAGIC' \
    || fail "python constants"
echo "PASS: find_package and pkg-config consumers built and ran against $prefix"
