// vhost_pci_msix.sv - MSI-X table, PBA and message generation (docs/spec.md §2.5, §3.1,
// §5.7 rule 2, §7.3, §7.4). Reference: model/msix.c.
//
// Sending vector v (sig*_i):
//   1. MSI-X disabled: dropped, PBA unchanged;
//   2. function or vector masked, or BUS_MASTER = 0: PBA bit v := 1;
//   3. otherwise v waits (wait_q) for the barrier: every earlier DMA write completed
//      (dma_wr_idle_i) and room in the message queue. Then steps 1 and 2 are applied
//      again with the state of that moment, the entry is read and the message is
//      queued: internal mode a 4-byte AXI4 write of the entry's data to its address,
//      issued after the B response of the previous one; external mode the vector on
//      vec_o (valid/ready: the bridge's interrupt interface acknowledges it).
// Pending vectors are sent through step 3 once deliverable again (unmask, FUNC_MASK
// cleared, BUS_MASTER set, MSI-X enabled). Decisions are taken one vector per cycle,
// lowest first, and not while hold_i (a register write is settling), so every signal of
// one register access is collected before the first decision, as in the model.
// A queued message is not recalled (it was sent); it leaves when BUS_MASTER = 1.
// External mode: the table is plain storage; steps 1 and 2 use ext_*_i.
module vhost_pci_msix #(
  parameter int unsigned NVEC    = 9,
  parameter bit          EXT     = 1'b0,
  parameter int unsigned QDEPTH  = 4
) (
  input  logic              clk_i,
  input  logic              rst_ni,
  input  logic              soft_rst_i,   // CONTROL.RESET: table, PBA, waiting vectors
  input  logic              flush_i,      // FLR: also forget queued messages
  input  logic              hold_i,
  // configuration state
  input  logic              bus_master_i,
  input  logic              msix_enable_i,
  input  logic              func_mask_i,
  input  logic              ext_enable_i,
  input  logic              ext_func_mask_i,
  input  logic [NVEC-1:0]   ext_mask_i,
  input  logic              dma_wr_idle_i,
  // vector signals (two sources per cycle)
  input  logic              sig0_i,
  input  logic [15:0]       sig0_vec_i,
  input  logic              sig1_i,
  input  logic [15:0]       sig1_vec_i,
  // BAR0 windows (word offsets inside the MSIX block: table at 0, PBA at 0x2000)
  input  logic              tbl_we_i,
  input  logic [12:0]       tbl_addr_i,   // byte offset in the table window
  input  logic [31:0]       wdata_i,
  input  logic [31:0]       wmask_i,
  output logic [31:0]       tbl_rdata_o,
  input  logic [11:0]       pba_addr_i,   // byte offset in the PBA window
  output logic [31:0]       pba_rdata_o,
  // internal mode: AXI4 write (one beat, 4 bytes)
  output logic [63:0]       m_awaddr_o,
  output logic              m_awvalid_o,
  input  logic              m_awready_i,
  output logic [31:0]       m_wdata_o,
  output logic              m_wvalid_o,
  input  logic              m_wready_i,
  input  logic [1:0]        m_bresp_i,
  input  logic              m_bvalid_i,
  output logic              m_bready_o,
  // external mode: vector towards the bridge
  output logic              vec_valid_o,
  output logic [15:0]       vec_o,
  input  logic              vec_ready_i,
  // status
  output logic              wr_err_o,      // an MSI write got an error response
  output logic              undecided_o,   // vectors wait for a decision
  output logic              idle_o         // nothing queued or in flight
);
  localparam int unsigned VW = (NVEC > 1) ? $clog2(NVEC) : 1;
  localparam int unsigned QW = (QDEPTH > 1) ? $clog2(QDEPTH) : 1;

  // ---- table and PBA ----
  logic [29:0] addr_lo_q [NVEC];   // address bits 31:2
  logic [31:0] addr_hi_q [NVEC];
  logic [31:0] data_q    [NVEC];
  logic [NVEC-1:0] mask_q, pba_q, wait_q;

  logic enabled;
  logic [NVEC-1:0] held;
  assign enabled = EXT ? ext_enable_i : msix_enable_i;
  always_comb begin
    for (int v = 0; v < NVEC; v++)
      held[v] = !bus_master_i || (EXT ? (ext_func_mask_i || ext_mask_i[v])
                                      : (func_mask_i || mask_q[v]));
  end

  // table window
  logic [8:0] tv;       // entry
  logic [1:0] tw;       // word in the entry
  logic       tv_ok;
  logic [1:0] unused_tbl_lsbs;
  assign unused_tbl_lsbs = tbl_addr_i[1:0];
  assign tv    = tbl_addr_i[12:4];
  assign tw    = tbl_addr_i[3:2];
  assign tv_ok = 32'(tv) < NVEC;
  always_comb begin
    tbl_rdata_o = '0;
    if (tv_ok) begin
      unique case (tw)
        2'd0: tbl_rdata_o = {addr_lo_q[VW'(tv)], 2'b00};
        2'd1: tbl_rdata_o = addr_hi_q[VW'(tv)];
        2'd2: tbl_rdata_o = data_q[VW'(tv)];
        default: tbl_rdata_o = {31'd0, mask_q[VW'(tv)]};
      endcase
    end
  end
  // PBA window: bits of implemented vectors, the rest reads 0
  always_comb begin
    pba_rdata_o = '0;
    for (int b = 0; b < 32; b++) begin
      if (32'(pba_addr_i[11:2]) * 32 + b < NVEC && pba_addr_i < 12'h40)
        pba_rdata_o[b] = pba_q[32'(pba_addr_i[11:2]) * 32 + b];
    end
  end

  // ---- signals (steps 1 and 2 at signal time) ----
  logic [NVEC-1:0] sig_pba, sig_wait;
  always_comb begin
    sig_pba  = '0;
    sig_wait = '0;
    if (sig0_i && 32'(sig0_vec_i) < NVEC && enabled) begin
      if (held[VW'(sig0_vec_i)]) sig_pba[VW'(sig0_vec_i)] = 1'b1;
      else sig_wait[VW'(sig0_vec_i)] = 1'b1;
    end
    if (sig1_i && 32'(sig1_vec_i) < NVEC && enabled) begin
      if (held[VW'(sig1_vec_i)]) sig_pba[VW'(sig1_vec_i)] = 1'b1;
      else sig_wait[VW'(sig1_vec_i)] = 1'b1;
    end
  end

  // ---- decision: lowest vector waiting or pending and deliverable ----
  logic [NVEC-1:0] cand;
  logic            dec_go, dec_any, q_full;
  logic [VW-1:0]   dv;
  assign cand = wait_q | (pba_q & ~held & {NVEC{enabled}});
  always_comb begin
    dec_any = 1'b0;
    dv      = '0;
    for (int v = NVEC - 1; v >= 0; v--)
      if (cand[v]) begin dec_any = 1'b1; dv = VW'(v); end
  end
  assign dec_go = dec_any && !hold_i && dma_wr_idle_i && !q_full && !soft_rst_i && !flush_i;

  // ---- message queue ----
  logic [15:0] qv  [QDEPTH];
  logic [63:0] qa  [QDEPTH];
  logic [31:0] qd  [QDEPTH];
  logic [QW:0] q_cnt;
  logic [QW-1:0] q_rd, q_wr;
  logic        push, pop;
  assign q_full = q_cnt == (QW + 1)'(QDEPTH);
  assign push   = dec_go && enabled && !held[dv];

  // ---- issue ----
  typedef enum logic [1:0] {I_IDLE, I_SEND, I_RESP} issue_e;
  issue_e ist_q;
  logic aw_done_q, w_done_q;
  logic [63:0] cur_a_q;
  logic [31:0] cur_d_q;
  logic [15:0] cur_v_q;
  assign pop = (ist_q == I_IDLE) && (q_cnt != 0) && bus_master_i && !flush_i;

  assign m_awaddr_o  = cur_a_q;
  assign m_wdata_o   = cur_d_q;
  assign m_awvalid_o = !EXT && (ist_q == I_SEND) && !aw_done_q;
  assign m_wvalid_o  = !EXT && (ist_q == I_SEND) && !w_done_q;
  assign m_bready_o  = !EXT && (ist_q == I_RESP);
  assign vec_valid_o = EXT && (ist_q == I_SEND);
  assign vec_o       = cur_v_q;
  assign wr_err_o    = !EXT && (ist_q == I_RESP) && m_bvalid_i && (m_bresp_i != 2'b00);
  assign undecided_o = dec_any;
  assign idle_o      = (q_cnt == 0) && (ist_q == I_IDLE);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ist_q <= I_IDLE; aw_done_q <= 1'b0; w_done_q <= 1'b0;
      cur_a_q <= '0; cur_d_q <= '0; cur_v_q <= '0;
    end else begin
      unique case (ist_q)
        I_IDLE: if (pop) begin
          ist_q <= I_SEND; aw_done_q <= 1'b0; w_done_q <= 1'b0;
          cur_a_q <= qa[q_rd]; cur_d_q <= qd[q_rd]; cur_v_q <= qv[q_rd];
        end
        I_SEND:
          if (EXT) begin
            if (vec_ready_i) ist_q <= I_IDLE;
          end else begin
            if (m_awready_i) aw_done_q <= 1'b1;
            if (m_wready_i) w_done_q <= 1'b1;
            if ((aw_done_q || m_awready_i) && (w_done_q || m_wready_i)) ist_q <= I_RESP;
          end
        I_RESP: if (m_bvalid_i) ist_q <= I_IDLE;
        default: ist_q <= I_IDLE;
      endcase
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      q_cnt <= '0; q_rd <= '0; q_wr <= '0;
    end else if (flush_i) begin
      q_cnt <= '0; q_rd <= '0; q_wr <= '0;
    end else begin
      if (push) begin
        qv[q_wr] <= 16'(dv);
        qa[q_wr] <= {addr_hi_q[dv], addr_lo_q[dv], 2'b00};
        qd[q_wr] <= data_q[dv];
        q_wr <= (32'(q_wr) == QDEPTH - 1) ? '0 : q_wr + 1'b1;
      end
      if (pop) q_rd <= (32'(q_rd) == QDEPTH - 1) ? '0 : q_rd + 1'b1;
      q_cnt <= q_cnt + (QW + 1)'(push) - (QW + 1)'(pop);
    end
  end

  // ---- table entries (one flop group per entry) ----
  for (genvar v = 0; v < NVEC; v++) begin : g_entry
    logic we;
    assign we = tbl_we_i && (32'(tv) == v);
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        addr_lo_q[v] <= '0; addr_hi_q[v] <= '0; data_q[v] <= '0; mask_q[v] <= 1'b1;
      end else if (soft_rst_i || flush_i) begin
        addr_lo_q[v] <= '0; addr_hi_q[v] <= '0; data_q[v] <= '0; mask_q[v] <= 1'b1;
      end else if (we) begin
        unique case (tw)
          2'd0: addr_lo_q[v] <= (addr_lo_q[v] & ~wmask_i[31:2]) | (wdata_i[31:2] & wmask_i[31:2]);
          2'd1: addr_hi_q[v] <= (addr_hi_q[v] & ~wmask_i) | (wdata_i & wmask_i);
          2'd2: data_q[v] <= (data_q[v] & ~wmask_i) | (wdata_i & wmask_i);
          default: if (wmask_i[0]) mask_q[v] <= wdata_i[0];
        endcase
      end
    end
  end

  // ---- PBA and waiting vectors ----
  // decision of vector dv: leaves wait and PBA; back to PBA if held (step 2)
  logic [NVEC-1:0] dclr, dset;
  always_comb begin
    dclr = '0;
    dset = '0;
    if (dec_go) begin
      dclr[dv] = 1'b1;
      if (enabled && held[dv]) dset[dv] = 1'b1;
    end
  end
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pba_q <= '0; wait_q <= '0;
    end else if (soft_rst_i || flush_i) begin
      pba_q <= '0; wait_q <= '0;
    end else begin
      wait_q <= (wait_q & ~dclr) | sig_wait;
      pba_q  <= (pba_q & ~dclr) | dset | sig_pba;
    end
  end
endmodule : vhost_pci_msix
