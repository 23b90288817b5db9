// Lint harness for the generated package: verilator needs a top module.
// Run: verilator --lint-only -Wall gen/vhost_pci_regs_pkg.sv tests/regs/sv_lint_top.sv
module sv_lint_top
  import vhost_pci_regs_pkg::*;
(
  output logic [31:0] magic_o,
  output vpci_desc_t  desc_o
);
  assign magic_o = VPCI_MAGIC;
  assign desc_o  = '0;
endmodule
