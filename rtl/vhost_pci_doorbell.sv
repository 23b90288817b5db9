// vhost_pci_doorbell.sv - the doorbell page of BAR0 (docs/spec.md §7.1, §5.7 rule 5).
//
// CALL[vq] / ERR[vq] / LOG strobes come from the generated CSR slave (any valid write of
// 1, 2 or 4 bytes inside the slot). A ring of an armed doorbell sets its pending bit;
// pending rings merge as eventfd counts merge, and the lowest pending one is offered on
// the notify stream (kind, vq) once every earlier window write has been performed
// (win_wr_idle_i). Dropped rings: vq >= NUM_VQS -> DB_RANGE (DETAIL vq); the master
// polls (NOFD) -> silently; not armed -> DB_ABSENT (DETAIL vq | kind << 16).
module vhost_pci_doorbell #(
  parameter int unsigned NUM_VQS = 8
) (
  input  logic               clk_i,
  input  logic               rst_ni,
  input  logic               soft_rst_i,
  // from the CSR slave
  input  logic               call_we_i,
  input  logic               err_we_i,
  input  logic               log_we_i,
  input  logic [15:0]        idx_i,
  // resource state (from the relay logic; see rtl/README.md)
  input  logic [NUM_VQS-1:0] call_armed_i,
  input  logic [NUM_VQS-1:0] err_armed_i,
  input  logic [NUM_VQS-1:0] call_nofd_i,
  input  logic [NUM_VQS-1:0] err_nofd_i,
  input  logic               log_armed_i,
  input  logic               win_wr_idle_i,
  // notify stream towards the master face (kind: 0 CALL, 1 ERR, 2 LOG)
  output logic               notify_valid_o,
  input  logic               notify_ready_i,
  output logic [1:0]         notify_kind_o,
  output logic [7:0]         notify_vq_o,
  // error report (to the adapter block)
  output logic               err_o,
  output logic [7:0]         err_code_o,
  output logic [23:0]        err_detail_o
);
  localparam logic [7:0] CODE_DB_ABSENT = 8'd3;
  localparam logic [7:0] CODE_DB_RANGE  = 8'd4;
  localparam int unsigned VQW = (NUM_VQS > 1) ? $clog2(NUM_VQS) : 1;

  logic [NUM_VQS-1:0] call_pend_q, err_pend_q;
  logic               log_pend_q;
  logic               in_range;
  logic [VQW-1:0]     vq;

  assign in_range = idx_i < 16'(NUM_VQS);
  assign vq       = VQW'(idx_i);

  // ring decision and error report (combinational in the write cycle)
  always_comb begin
    err_o        = 1'b0;
    err_code_o   = CODE_DB_ABSENT;
    err_detail_o = '0;
    if (log_we_i && !log_armed_i) begin
      err_o        = 1'b1;
      err_detail_o = 24'h020000;
    end else if ((call_we_i || err_we_i) && !in_range) begin
      err_o        = 1'b1;
      err_code_o   = CODE_DB_RANGE;
      err_detail_o = {8'h00, idx_i};
    end else if (call_we_i && !call_armed_i[vq] && !call_nofd_i[vq]) begin
      err_o        = 1'b1;
      err_detail_o = {8'h00, idx_i};
    end else if (err_we_i && !err_armed_i[vq] && !err_nofd_i[vq]) begin
      err_o        = 1'b1;
      err_detail_o = {8'h01, idx_i};
    end
  end

  // pending rings and the notify stream (lowest: LOG, then CALL[0], ERR[0], CALL[1], ...)
  logic             sel_valid;
  logic [1:0]       sel_kind;
  logic [VQW-1:0]   sel_vq;
  always_comb begin
    sel_valid = log_pend_q;
    sel_kind  = 2'd2;
    sel_vq    = '0;
    for (int i = NUM_VQS - 1; i >= 0; i--) begin
      if (err_pend_q[i]) begin sel_valid = 1'b1; sel_kind = 2'd1; sel_vq = VQW'(i); end
      if (call_pend_q[i]) begin sel_valid = 1'b1; sel_kind = 2'd0; sel_vq = VQW'(i); end
    end
    if (log_pend_q) begin sel_kind = 2'd2; sel_vq = '0; end
  end

  assign notify_valid_o = nv_q;
  assign notify_kind_o  = nk_q;
  assign notify_vq_o    = 8'(nq_q);

  logic           nv_q;
  logic [1:0]     nk_q;
  logic [VQW-1:0] nq_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      call_pend_q <= '0; err_pend_q <= '0; log_pend_q <= 1'b0;
      nv_q <= 1'b0; nk_q <= '0; nq_q <= '0;
    end else if (soft_rst_i) begin
      // resources are withdrawn by a reset: pending rings go with them
      call_pend_q <= '0; err_pend_q <= '0; log_pend_q <= 1'b0;
      if (notify_ready_i) nv_q <= 1'b0;
    end else begin
      if (nv_q && notify_ready_i) nv_q <= 1'b0;
      if (!nv_q && sel_valid && win_wr_idle_i) begin
        nv_q <= 1'b1; nk_q <= sel_kind; nq_q <= sel_vq;
        if (sel_kind == 2'd2) log_pend_q <= 1'b0;
        else if (sel_kind == 2'd1) err_pend_q[sel_vq] <= 1'b0;
        else call_pend_q[sel_vq] <= 1'b0;
      end
      if (log_we_i && log_armed_i) log_pend_q <= 1'b1;
      if (call_we_i && in_range && call_armed_i[vq]) call_pend_q[vq] <= 1'b1;
      if (err_we_i && in_range && err_armed_i[vq]) err_pend_q[vq] <= 1'b1;
    end
  end
endmodule : vhost_pci_doorbell
