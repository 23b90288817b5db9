// vhost_pci_vq.sv - the VQ block (docs/spec.md §4.8, §7.2). Reference: model/vq.c.
//
// SEL selects the virtqueue shown by VECTOR and VSTATUS; a SEL write >= NUM_VQS records
// VQ_RANGE (DETAIL = the index) and SEL keeps it; VECTOR then reads NO_VECTOR and a
// VECTOR write records VQ_RANGE (DETAIL = SEL). A VECTOR write of a vector >= MSIX_VECTORS
// other than NO_VECTOR is dropped with VECTOR_RANGE (DETAIL = the vector).
// A kick of an armed kick source sets KICK_PENDING bit vq, then (next cycle, §5.7 rule 6)
// signals the vq's vector; a kick of an unarmed source is dropped.
module vhost_pci_vq #(
  parameter int unsigned NUM_VQS = 8,
  parameter int unsigned NVEC    = 9
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  input  logic                  soft_rst_i,
  // CSR
  input  logic                  sel_qe_i,
  input  logic [15:0]           sel_i,
  input  logic                  vector_we_i,
  input  logic [31:0]           wdata_i,
  input  logic [31:0]           wmask_i,
  output logic [31:0]           vector_rd_o,
  output logic [31:0]           vstatus_rd_o,
  input  logic [255:0]          kick_pending_i,
  output logic [255:0]          kick_pending_d_o,
  output logic [7:0]            kick_pending_de_o,
  // resource state and kicks (master face; see rtl/README.md)
  input  logic [NUM_VQS-1:0]    kick_armed_i,
  input  logic [NUM_VQS-1:0]    call_armed_i,
  input  logic [NUM_VQS-1:0]    err_armed_i,
  input  logic [NUM_VQS-1:0]    kick_nofd_i,
  input  logic [NUM_VQS-1:0]    call_nofd_i,
  input  logic                  kick_valid_i,
  input  logic [7:0]            kick_vq_i,
  output logic                  kick_ready_o,
  // vector signal towards MSI-X
  output logic                  sig_o,
  output logic [15:0]           sig_vec_o,
  // errors
  output logic                  err_o,
  output logic [7:0]            err_code_o,
  output logic [23:0]           err_detail_o
);
  localparam logic [7:0] CODE_VQ_RANGE     = 8'd11;
  localparam logic [7:0] CODE_VECTOR_RANGE = 8'd12;
  localparam int unsigned VQW = (NUM_VQS > 1) ? $clog2(NUM_VQS) : 1;

  logic [15:0] vector_q [NUM_VQS];
  logic        sel_ok;
  logic [VQW-1:0] sel;
  logic [15:0] cur, merged;
  assign sel_ok = 32'(sel_i) < NUM_VQS;
  assign sel    = VQW'(sel_i);
  assign cur    = sel_ok ? vector_q[sel] : 16'hffff;
  assign merged = (cur & ~wmask_i[15:0]) | (wdata_i[15:0] & wmask_i[15:0]);
  assign vector_rd_o  = {16'h0, cur};
  assign vstatus_rd_o = sel_ok ? {27'd0, call_nofd_i[sel], kick_nofd_i[sel], err_armed_i[sel],
                                  call_armed_i[sel], kick_armed_i[sel]} : 32'd0;

  logic [31:0] unused_wbits;
  assign unused_wbits = {wdata_i[31:16], wmask_i[31:16]};

  always_comb begin
    err_o        = 1'b0;
    err_code_o   = CODE_VQ_RANGE;
    err_detail_o = {8'h00, sel_i};
    if (sel_qe_i && !sel_ok) begin
      err_o = 1'b1;
    end else if (vector_we_i && !sel_ok) begin
      err_o = 1'b1;
    end else if (vector_we_i && merged != 16'hffff && 32'(merged) >= NVEC) begin
      err_o        = 1'b1;
      err_code_o   = CODE_VECTOR_RANGE;
      err_detail_o = {8'h00, merged};
    end
  end

  for (genvar i = 0; i < NUM_VQS; i++) begin : g_vec
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) vector_q[i] <= 16'hffff;
      else if (soft_rst_i) vector_q[i] <= 16'hffff;
      else if (vector_we_i && sel_ok && 32'(sel) == i &&
               !(merged != 16'hffff && 32'(merged) >= NVEC))
        vector_q[i] <= merged;
    end
  end

  // kicks: latch now, signal the vector in the next cycle
  logic          kick_ok;
  logic [VQW-1:0] kq;
  logic          sig_q;
  logic [15:0]   sig_vec_q;
  assign kick_ready_o = 1'b1;
  assign kq      = VQW'(kick_vq_i);
  assign kick_ok = kick_valid_i && 32'(kick_vq_i) < NUM_VQS && kick_armed_i[kq] && !soft_rst_i;
  always_comb begin
    kick_pending_d_o  = kick_pending_i;
    kick_pending_de_o = '0;
    if (kick_ok) begin
      kick_pending_d_o[kick_vq_i] = 1'b1;
      kick_pending_de_o[kick_vq_i[7:5]] = 1'b1;
    end
  end
  assign sig_o     = sig_q;
  assign sig_vec_o = sig_vec_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sig_q <= 1'b0; sig_vec_q <= 16'hffff;
    end else if (soft_rst_i) begin
      sig_q <= 1'b0; sig_vec_q <= 16'hffff;
    end else begin
      sig_q     <= kick_ok;
      sig_vec_q <= vector_q[kq];
    end
  end
endmodule : vhost_pci_vq
