#!/bin/sh
# scripts/rtl-synth.sh - generic yosys synthesis of the RTL (rtl/ + gen/vhost_pci_csr_top.sv)
# and cell counts per block. Not part of the default test suite.
#
# Usage: scripts/rtl-synth.sh [--vqs N] [--vectors N] [--ext] [--out DIR]
#   --vqs N       NUM_VQS of the top (default 8)
#   --vectors N   MSIX_VECTORS of the top (default 9)
#   --ext         external MSI-X mode
#   --out DIR     keep the yosys logs there (default: a temporary directory)
# Needs yosys (Debian 0.23: scripts/install-deps.sh --group hdl). Prints one line per
# block: cells and flip-flop bits after `synth -top <block>` (generic gates, no FPGA
# mapping), then the whole top.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
vqs=8 vectors=9 ext=0 out=
while [ $# -gt 0 ]; do
    case "$1" in
        --vqs) vqs=$2; shift 2 ;;
        --vectors) vectors=$2; shift 2 ;;
        --ext) ext=1; shift ;;
        --out) out=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "rtl-synth: unknown option $1" >&2; exit 2 ;;
    esac
done
command -v yosys >/dev/null || { echo "rtl-synth: yosys not found (scripts/install-deps.sh --group hdl)" >&2; exit 77; }
if [ -z "$out" ]; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"
srcs="$here/gen/vhost_pci_regs_pkg.sv $here/gen/vhost_pci_csr_top.sv $here/rtl/vhost_pci_adapter.sv
      $here/rtl/vhost_pci_doorbell.sv $here/rtl/vhost_pci_vq.sv $here/rtl/vhost_pci_msix.sv
      $here/rtl/vhost_pci_top.sv"
printf '%-22s %10s %10s   (NUM_VQS %s, MSIX_VECTORS %s, EXT_MSIX %s)\n' block cells ff_bits "$vqs" "$vectors" "$ext"
for blk in vhost_pci_csr_top vhost_pci_adapter vhost_pci_doorbell vhost_pci_vq vhost_pci_msix vhost_pci_top; do
    case $blk in
        vhost_pci_csr_top) params= ;;
        vhost_pci_adapter) params="-set NUM_VQS $vqs -set NVEC $vectors -set EXT $ext" ;;
        vhost_pci_doorbell) params="-set NUM_VQS $vqs" ;;
        vhost_pci_vq) params="-set NUM_VQS $vqs -set NVEC $vectors" ;;
        vhost_pci_msix) params="-set NVEC $vectors -set EXT $ext" ;;
        vhost_pci_top) params="-set NUM_VQS $vqs -set MSIX_VECTORS $vectors -set EXT_MSIX $ext" ;;
    esac
    log="$out/$blk.log"
    # shellcheck disable=SC2086
    yosys -q -l "$log" -p "read_verilog -sv $(echo $srcs); chparam $params $blk; synth -flatten -top $blk; stat" >/dev/null 2>&1 || {
        echo "rtl-synth: yosys failed on $blk, see $log" >&2
        tail -5 "$log" >&2
        exit 1
    }
    cells=$(awk '/Number of cells:/ {n=$4} END {print n}' "$log")
    ffs=$(awk '/\$_(S?DFF|DFFE|SDFF|SDFFE|ADFF|ADFFE|DLATCH)[A-Z_]*_/ {s+=$2} END {print s+0}' "$log")
    printf '%-22s %10s %10s\n' "$blk" "$cells" "$ffs"
done
