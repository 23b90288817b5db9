// Lint harness for the generated packages: verilator needs a top module.
// Run: verilator --lint-only -Wall gen/vhost_pci_regs_pkg.sv gen/vhost_pci_requests_pkg.sv
//      tests/regs/sv_lint_top.sv
module sv_lint_top
  import vhost_pci_regs_pkg::*;
  import vhost_pci_requests_pkg::*;
(
  input  logic [31:0]       code_i,
  input  logic [31:0]       size_i,
  input  logic [31:0]       count_i,
  output logic [31:0]       magic_o,
  output vpci_desc_t        desc_o,
  output vpci_relay_entry_t front_o,
  output vpci_relay_entry_t back_o,
  output logic              size_ok_o
);
  assign magic_o   = VPCI_MAGIC;
  assign desc_o    = '0;
  assign front_o   = vpci_relay_frontend_entry(code_i);
  assign back_o    = vpci_relay_backend_entry(code_i);
  assign size_ok_o = vpci_payload_size_ok(front_o.payload, size_i, count_i, 1'b1);
endmodule
