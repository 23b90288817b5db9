// vhost_pci_adapter.sv - the ADAPTER block's behaviour (docs/spec.md §4.2 - §4.7, §11.3):
// feature negotiation, STATUS, CONTROL.RESET / RESET_BUSY, LINK, interrupt causes and
// their MSI-X signalling, ERROR_CAUSE / ERROR_INFO. Reference: model/vhost_pci_core.c.
//
// Errors arrive as events (cause bits, code, detail) from the other units; ERROR_CAUSE
// accumulates, ERROR_INFO takes the event of the lowest-numbered source when several
// arrive in one cycle (each register access causes at most one). INT_CAUSE & INT_ENABLE
// is edge-detected: every bit that goes 0 -> 1 sends INT_VECTOR (§4.6).
module vhost_pci_adapter #(
  parameter int unsigned NUM_VQS      = 8,
  parameter int unsigned NVEC         = 9,
  parameter bit          EXT          = 1'b0,
  parameter int unsigned MEM_WIN_LOG2 = 30,
  parameter int unsigned LOG_WIN_LOG2 = 20,
  parameter bit          PERSISTENT   = 1'b0,
  parameter int unsigned NERR         = 4
) (
  input  logic              clk_i,
  input  logic              rst_ni,
  input  logic              flr_i,
  // CSR
  input  logic [31:0]       dev_features_sel_i,
  input  logic [31:0]       drv_features_sel_i,
  input  logic              drv_features_we_i,
  input  logic              status_we_i,
  input  logic [31:0]       wdata_i,
  input  logic [31:0]       wmask_i,
  input  logic              reset_pulse_i,
  input  logic [3:0]        int_cause_i,
  output logic [3:0]        int_cause_d_o,
  output logic [3:0]        int_cause_de_o,
  input  logic [3:0]        int_enable_i,
  input  logic              int_vector_qe_i,
  input  logic [15:0]       int_vector_i,
  output logic [15:0]       int_vector_d_o,
  output logic              int_vector_de_o,
  input  logic [8:0]        error_cause_i,
  output logic [8:0]        error_cause_d_o,
  output logic [8:0]        error_cause_de_o,
  output logic [31:0]       caps_rd_o,
  output logic [31:0]       dev_features_rd_o,
  output logic [31:0]       drv_features_rd_o,
  output logic [31:0]       status_rd_o,
  output logic [31:0]       link_rd_o,
  output logic [31:0]       error_info_rd_o,
  output logic [31:0]       win_info_rd_o,
  output logic              reset_busy_o,
  // error events
  input  logic [NERR-1:0]   err_i,
  input  logic [NERR*9-1:0] err_cause_i,
  input  logic [NERR*8-1:0] err_code_i,
  input  logic [NERR*24-1:0] err_detail_i,
  // other causes and state (master face, queue engine; see rtl/README.md)
  input  logic              master_up_i,
  input  logic              backend_chan_i,
  input  logic [7:0]        session_i,
  input  logic              needs_reset_i,
  input  logic [2:0]        cause_set_i,     // LINK_CHANGE, M2S_CPL, S2M_CPL
  input  logic              wr_idle_i,       // no DMA / MSI-X write outstanding
  // to the other units
  output logic              soft_rst_o,
  output logic              driver_ready_o,
  output logic              sig_o,
  output logic [15:0]       sig_vec_o
);
  localparam logic [7:0] CODE_FEATURES     = 8'd15;
  localparam logic [7:0] CODE_VECTOR_RANGE = 8'd12;
  localparam logic [8:0] CAUSE_VQ_RANGE    = 9'h040;
  localparam logic [8:0] CAUSE_FEATURES    = 9'h100;
  localparam logic [63:0] DEV_FEATURES = 64'h1_0000_0007 | (EXT ? 64'h8 : 64'h0) |
                                         (PERSISTENT ? 64'h10 : 64'h0);

  logic [31:0] drv_q [2];
  logic [7:0]  st_q;
  logic [31:0] info_q;
  logic        busy_q;
  logic [3:0]  ce_prev_q;
  logic [15:0] ivec_prev_q;

  assign soft_rst_o = reset_pulse_i || flr_i;

  // ---- read values ----
  assign caps_rd_o = {EXT, 3'd0, 12'(NVEC), 16'(NUM_VQS)};
  assign win_info_rd_o = {7'd0, PERSISTENT, 8'd32, 8'(LOG_WIN_LOG2), 8'(MEM_WIN_LOG2)};
  assign dev_features_rd_o = dev_features_sel_i == 32'd0 ? DEV_FEATURES[31:0] :
                             dev_features_sel_i == 32'd1 ? DEV_FEATURES[63:32] : 32'd0;
  assign drv_features_rd_o = drv_features_sel_i < 32'd2 ? drv_q[drv_features_sel_i[0]] : 32'd0;
  assign status_rd_o = {24'd0, st_q};
  assign driver_ready_o = st_q[2] && !st_q[6] && !st_q[7];
  assign link_rd_o = {16'd0, session_i, 5'd0, backend_chan_i, driver_ready_o, master_up_i};
  assign error_info_rd_o = info_q;
  assign reset_busy_o = busy_q;

  // ---- STATUS write (§4.4) and its feature check (§4.2) ----
  logic [7:0]  set;
  logic        feat_err, dok_err;
  logic [63:0] drv;
  always_comb begin
    drv      = {drv_q[1], drv_q[0]};
    set      = wdata_i[7:0] & wmask_i[7:0] & 8'h87;
    feat_err = 1'b0;
    dok_err  = 1'b0;
    if (!status_we_i) set = '0;
    if (set[1] && !st_q[1]) begin
      if (!(st_q[0] || set[0]) || !drv[32] || |(drv & ~DEV_FEATURES)) begin
        set[1]   = 1'b0;
        feat_err = 1'b1;
      end
    end
    if (set[2] && !(st_q[1] || set[1])) begin
      set[2]  = 1'b0;
      dok_err = !feat_err;
    end
  end

  // ---- INT_VECTOR range check: a dropped write is undone ----
  logic ivec_bad;
  assign ivec_bad = int_vector_qe_i && int_vector_i != 16'hffff && 32'(int_vector_i) >= NVEC;
  assign int_vector_d_o  = ivec_prev_q;
  assign int_vector_de_o = ivec_bad;

  // ---- error events ----
  logic [8:0]  ecause;
  logic [31:0] einfo;
  logic        eany;
  always_comb begin
    ecause = '0;
    eany   = 1'b0;
    einfo  = info_q;
    for (int i = NERR - 1; i >= 0; i--) begin
      if (err_i[i]) begin
        ecause = ecause | err_cause_i[i*9 +: 9];
        einfo  = {err_detail_i[i*24 +: 24], err_code_i[i*8 +: 8]};
        eany   = 1'b1;
      end
    end
    if (ivec_bad) begin
      ecause = ecause | CAUSE_VQ_RANGE;
      einfo  = {8'd0, int_vector_i, CODE_VECTOR_RANGE};
      eany   = 1'b1;
    end
    if (feat_err || dok_err) begin
      ecause = ecause | CAUSE_FEATURES;
      einfo  = {23'd0, dok_err, CODE_FEATURES};
      eany   = 1'b1;
    end
  end
  assign error_cause_d_o  = error_cause_i | ecause;
  assign error_cause_de_o = {9{eany && !soft_rst_o}};
  always_comb begin
    int_cause_d_o  = int_cause_i | {eany, cause_set_i[2], cause_set_i[1], cause_set_i[0]};
    int_cause_de_o = {4{(eany || |cause_set_i) && !soft_rst_o}};
  end

  // ---- interrupt signalling (§4.6) ----
  logic [3:0] ce;
  assign ce        = int_cause_i & int_enable_i;
  assign sig_o     = |(ce & ~ce_prev_q) && !soft_rst_o;
  assign sig_vec_o = int_vector_i;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      drv_q[0] <= '0; drv_q[1] <= '0; st_q <= '0; info_q <= '0; busy_q <= 1'b0;
      ce_prev_q <= '0; ivec_prev_q <= 16'hffff;
    end else if (soft_rst_o) begin
      drv_q[0] <= '0; drv_q[1] <= '0; st_q <= '0; info_q <= '0;
      busy_q <= !wr_idle_i;
      ce_prev_q <= '0; ivec_prev_q <= 16'hffff;
    end else begin
      if (drv_features_we_i && drv_features_sel_i < 32'd2 && st_q[0] && !st_q[1])
        drv_q[drv_features_sel_i[0]] <= (drv_q[drv_features_sel_i[0]] & ~wmask_i) |
                                        (wdata_i & wmask_i);
      st_q <= st_q | set | {1'b0, needs_reset_i, 6'd0};
      if (eany) info_q <= einfo;
      if (busy_q && wr_idle_i) busy_q <= 1'b0;
      ce_prev_q   <= ce;
      ivec_prev_q <= ivec_bad ? ivec_prev_q : int_vector_i;
    end
  end
endmodule : vhost_pci_adapter
