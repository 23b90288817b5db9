// GENERATED FILE - DO NOT EDIT.
// AXI4-Lite CSR slave, generated from regs/vhost_pci_regs.yaml by tools/regs_gen.py:
//   /usr/bin/python3 tools/regs_gen.py --out-dir gen --docs docs/registers.md
// Edit the YAML (schema: regs/README.md) and rerun that command.
//
// Register storage, decode and software access types of space 'bar0' (32768 bytes)
// behind an AXI4-Lite slave with 32-bit data. One transaction at a time; a write
// takes effect in its data phase and its B response follows WR_SETTLE cycles later,
// so the effects of hand-written logic (rtl/) are visible to the next access.
// Always OKAY responses (spec §3.2). Hardware-side ports per field (lowercase
// BLOCK_REG_FIELD):
//   <r>_<f>_q      out  stored value (rw, wo, rw1c, rw1s, rw0c, rc; hwaccess hro/hrw)
//   <r>_<f>_d/_de  in   hardware write (hwaccess hrw): the value before software's write
//   <r>_<f>_i      in   hardware value of an ro/hwo field (not stored here)
//   <r>_<f>_pulse  out  one-cycle pulse of the bits written 1 (r0w1c)
//   <r>_qe         out  one-cycle write strobe (hwqe), aligned with the new _q
//   <r>_we         out  write strobe of a hwext register, in the write cycle, with
//                       ext_wdata_o / ext_wmask_o (register bit positions) and
//                       ext_idx_o (multireg instance)
//   <r>_rd         in   read value of a hwext register (multireg: COUNT x 32 bits)
//   <w>_we, <w>_rdata   windows: strobe and read value at win_addr_o
// Multireg ports are flattened vectors, instance n at [n*W +: W].
// sw_en_i = 0: reads return all-ones, writes are dropped (COMMAND.MEM_EN = 0).
// sw_gate_i = 1: every register but ADAPTER.CONTROL reads 0 and writes are dropped.
// A write whose WSTRB is not a 1-, 2- or 4-byte naturally aligned access is dropped
// and reported on wr_err_o (offset of its lowest byte, size 0 if not contiguous).

module vhost_pci_csr_top #(
  parameter int unsigned WR_SETTLE = 4  // cycles from a write to its B response
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        soft_rst_i,   // every register back to its reset value
  input  logic        sw_en_i,
  input  logic        sw_gate_i,
  // AXI4-Lite slave
  input  logic [14:0] s_axil_awaddr,
  input  logic        s_axil_awvalid,
  output logic        s_axil_awready,
  input  logic [31:0] s_axil_wdata,
  input  logic [3:0]  s_axil_wstrb,
  input  logic        s_axil_wvalid,
  output logic        s_axil_wready,
  output logic [1:0]  s_axil_bresp,
  output logic        s_axil_bvalid,
  input  logic        s_axil_bready,
  input  logic [14:0] s_axil_araddr,
  input  logic        s_axil_arvalid,
  output logic        s_axil_arready,
  output logic [31:0] s_axil_rdata,
  output logic [1:0]  s_axil_rresp,
  output logic        s_axil_rvalid,
  input  logic        s_axil_rready,
  // bad write strobes
  output logic        wr_err_o,
  output logic [14:0] wr_err_off_o,
  output logic [3:0]  wr_err_size_o,
  // shared hwext / window write data
  output logic [31:0] ext_wdata_o,
  output logic [31:0] ext_wmask_o,
  output logic [15:0] ext_idx_o,
  output logic [14:0] win_addr_o,
  output logic        busy_o,       // a write is taking effect (data phase, settle)
  input  logic [31:0] adapter_caps_rd,
  output logic [31:0] adapter_dev_features_sel_val_q,
  input  logic [31:0] adapter_dev_features_rd,
  output logic [31:0] adapter_drv_features_sel_val_q,
  output logic adapter_drv_features_we,
  input  logic [31:0] adapter_drv_features_rd,
  output logic adapter_status_we,
  input  logic [31:0] adapter_status_rd,
  output logic adapter_control_qe,
  output logic [0:0] adapter_control_reset_pulse,
  input  logic [0:0] adapter_control_reset_busy_i,
  input  logic [31:0] adapter_link_rd,
  output logic [0:0] adapter_int_cause_link_change_q,
  input  logic [0:0] adapter_int_cause_link_change_d,
  input  logic [0:0] adapter_int_cause_link_change_de,
  output logic [0:0] adapter_int_cause_m2s_cpl_q,
  input  logic [0:0] adapter_int_cause_m2s_cpl_d,
  input  logic [0:0] adapter_int_cause_m2s_cpl_de,
  output logic [0:0] adapter_int_cause_s2m_cpl_q,
  input  logic [0:0] adapter_int_cause_s2m_cpl_d,
  input  logic [0:0] adapter_int_cause_s2m_cpl_de,
  output logic [0:0] adapter_int_cause_error_q,
  input  logic [0:0] adapter_int_cause_error_d,
  input  logic [0:0] adapter_int_cause_error_de,
  output logic [0:0] adapter_int_enable_link_change_q,
  output logic [0:0] adapter_int_enable_m2s_cpl_q,
  output logic [0:0] adapter_int_enable_s2m_cpl_q,
  output logic [0:0] adapter_int_enable_error_q,
  output logic adapter_int_vector_qe,
  output logic [15:0] adapter_int_vector_val_q,
  input  logic [15:0] adapter_int_vector_val_d,
  input  logic [0:0] adapter_int_vector_val_de,
  output logic [0:0] adapter_error_cause_reg_access_q,
  input  logic [0:0] adapter_error_cause_reg_access_d,
  input  logic [0:0] adapter_error_cause_reg_access_de,
  output logic [0:0] adapter_error_cause_db_absent_q,
  input  logic [0:0] adapter_error_cause_db_absent_d,
  input  logic [0:0] adapter_error_cause_db_absent_de,
  output logic [0:0] adapter_error_cause_win_absent_q,
  input  logic [0:0] adapter_error_cause_win_absent_d,
  input  logic [0:0] adapter_error_cause_win_absent_de,
  output logic [0:0] adapter_error_cause_dma_err_q,
  input  logic [0:0] adapter_error_cause_dma_err_d,
  input  logic [0:0] adapter_error_cause_dma_err_de,
  output logic [0:0] adapter_error_cause_m2s_err_q,
  input  logic [0:0] adapter_error_cause_m2s_err_d,
  input  logic [0:0] adapter_error_cause_m2s_err_de,
  output logic [0:0] adapter_error_cause_s2m_err_q,
  input  logic [0:0] adapter_error_cause_s2m_err_d,
  input  logic [0:0] adapter_error_cause_s2m_err_de,
  output logic [0:0] adapter_error_cause_vq_range_q,
  input  logic [0:0] adapter_error_cause_vq_range_d,
  input  logic [0:0] adapter_error_cause_vq_range_de,
  output logic [0:0] adapter_error_cause_master_refused_q,
  input  logic [0:0] adapter_error_cause_master_refused_d,
  input  logic [0:0] adapter_error_cause_master_refused_de,
  output logic [0:0] adapter_error_cause_features_q,
  input  logic [0:0] adapter_error_cause_features_d,
  input  logic [0:0] adapter_error_cause_features_de,
  input  logic [31:0] adapter_error_info_rd,
  input  logic [31:0] adapter_win_info_rd,
  output logic [25:0] m2s_ring_base_lo_val_q,
  output logic [31:0] m2s_ring_base_hi_val_q,
  output logic [25:0] m2s_cpl_base_lo_val_q,
  output logic [31:0] m2s_cpl_base_hi_val_q,
  output logic [3:0] m2s_size_log2_q,
  output logic [0:0] m2s_ctrl_enable_q,
  input  logic [31:0] m2s_qstatus_rd,
  output logic m2s_tail_qe,
  output logic [15:0] m2s_tail_val_q,
  input  logic [31:0] m2s_head_rd,
  output logic [25:0] s2m_ring_base_lo_val_q,
  output logic [31:0] s2m_ring_base_hi_val_q,
  output logic [25:0] s2m_cpl_base_lo_val_q,
  output logic [31:0] s2m_cpl_base_hi_val_q,
  output logic [3:0] s2m_size_log2_q,
  output logic [0:0] s2m_ctrl_enable_q,
  input  logic [31:0] s2m_qstatus_rd,
  output logic s2m_tail_qe,
  output logic [15:0] s2m_tail_val_q,
  input  logic [31:0] s2m_head_rd,
  output logic vq_sel_qe,
  output logic [15:0] vq_sel_val_q,
  output logic vq_vector_we,
  input  logic [31:0] vq_vector_rd,
  input  logic [31:0] vq_vstatus_rd,
  output logic [255:0] vq_kick_pending_val_q,
  input  logic [255:0] vq_kick_pending_val_d,
  input  logic [7:0] vq_kick_pending_val_de,
  input  logic [31:0] window_mem_status_rd,
  input  logic [31:0] window_log_status_rd,
  input  logic [31:0] window_log_size_lo_rd,
  input  logic [31:0] window_log_size_hi_rd,
  output logic [7:0] window_xlat_sel_val_q,
  input  logic [31:0] window_xlat_status_rd,
  input  logic [31:0] window_xlat_win_off_lo_rd,
  input  logic [31:0] window_xlat_win_off_hi_rd,
  input  logic [31:0] window_xlat_size_lo_rd,
  input  logic [31:0] window_xlat_size_hi_rd,
  input  logic [31:0] window_xlat_gpa_lo_rd,
  input  logic [31:0] window_xlat_gpa_hi_rd,
  input  logic [31:0] window_xlat_uaddr_lo_rd,
  input  logic [31:0] window_xlat_uaddr_hi_rd,
  input  logic [31:0] window_absent_addr_lo_rd,
  input  logic [31:0] window_absent_addr_hi_rd,
  output logic doorbell_call_we,
  output logic doorbell_err_we,
  output logic doorbell_log_we,
  output logic msix_tbl_we,
  input  logic [31:0] msix_tbl_rdata,
  input  logic [31:0] msix_pba_rdata
);

  // ---- AXI4-Lite transaction engine ----
  typedef enum logic [2:0] {S_IDLE, S_WR, S_SETTLE, S_B, S_RD, S_R} state_e;
  state_e st_q;
  logic [14:0] a_q;        // word address of the transaction
  logic [31:0] wd_q, wm_q;  // write data, write mask (from WSTRB)
  logic [3:0]  ws_q;
  logic [7:0]  cnt_q;
  logic        rr_q;        // read/write round robin
  logic        wr_go, rd_go, gated, strb_ok;
  logic [31:0] rd_d, rdata_q;
  logic        exempt;
  logic [31:0] a32;
  logic [3:0]  unused_addr_lsbs;
  logic adapter_rb_type_hit;
  logic adapter_rb_ver_hit;
  logic adapter_rb_next_hit;
  logic adapter_magic_hit;
  logic adapter_spec_version_hit;
  logic adapter_caps_hit;
  logic adapter_dev_features_sel_hit;
  logic adapter_dev_features_hit;
  logic adapter_drv_features_sel_hit;
  logic adapter_drv_features_hit;
  logic adapter_status_hit;
  logic adapter_control_hit;
  logic adapter_link_hit;
  logic adapter_int_cause_hit;
  logic adapter_int_enable_hit;
  logic adapter_int_vector_hit;
  logic adapter_error_cause_hit;
  logic adapter_error_info_hit;
  logic adapter_win_info_hit;
  logic adapter_max_msg_hit;
  logic m2s_rb_type_hit;
  logic m2s_rb_ver_hit;
  logic m2s_rb_next_hit;
  logic m2s_dir_hit;
  logic m2s_ring_base_lo_hit;
  logic m2s_ring_base_hi_hit;
  logic m2s_cpl_base_lo_hit;
  logic m2s_cpl_base_hi_hit;
  logic m2s_size_hit;
  logic m2s_ctrl_hit;
  logic m2s_qstatus_hit;
  logic m2s_tail_hit;
  logic m2s_head_hit;
  logic s2m_rb_type_hit;
  logic s2m_rb_ver_hit;
  logic s2m_rb_next_hit;
  logic s2m_dir_hit;
  logic s2m_ring_base_lo_hit;
  logic s2m_ring_base_hi_hit;
  logic s2m_cpl_base_lo_hit;
  logic s2m_cpl_base_hi_hit;
  logic s2m_size_hit;
  logic s2m_ctrl_hit;
  logic s2m_qstatus_hit;
  logic s2m_tail_hit;
  logic s2m_head_hit;
  logic vq_rb_type_hit;
  logic vq_rb_ver_hit;
  logic vq_rb_next_hit;
  logic vq_sel_hit;
  logic vq_vector_hit;
  logic vq_vstatus_hit;
  logic vq_kick_pending_hit;
  logic [15:0] vq_kick_pending_idx;
  logic window_rb_type_hit;
  logic window_rb_ver_hit;
  logic window_rb_next_hit;
  logic window_mem_status_hit;
  logic window_log_status_hit;
  logic window_log_size_lo_hit;
  logic window_log_size_hi_hit;
  logic window_xlat_sel_hit;
  logic window_xlat_status_hit;
  logic window_xlat_win_off_lo_hit;
  logic window_xlat_win_off_hi_hit;
  logic window_xlat_size_lo_hit;
  logic window_xlat_size_hi_hit;
  logic window_xlat_gpa_lo_hit;
  logic window_xlat_gpa_hi_hit;
  logic window_xlat_uaddr_lo_hit;
  logic window_xlat_uaddr_hi_hit;
  logic window_absent_addr_lo_hit;
  logic window_absent_addr_hi_hit;
  logic dbinfo_rb_type_hit;
  logic dbinfo_rb_ver_hit;
  logic dbinfo_rb_next_hit;
  logic dbinfo_db_base_hit;
  logic dbinfo_db_stride_hit;
  logic dbinfo_db_log_hit;
  logic doorbell_call_hit;
  logic [15:0] doorbell_call_idx;
  logic doorbell_err_hit;
  logic [15:0] doorbell_err_idx;
  logic doorbell_log_hit;
  logic msix_tbl_hit;
  logic msix_pba_hit;

  assign s_axil_awready = (st_q == S_IDLE) && s_axil_awvalid && s_axil_wvalid &&
                          !(s_axil_arvalid && rr_q);
  assign s_axil_wready  = s_axil_awready;
  assign s_axil_arready = (st_q == S_IDLE) && s_axil_arvalid &&
                          !(s_axil_awvalid && s_axil_wvalid && !rr_q);
  assign s_axil_bvalid  = (st_q == S_B);
  assign s_axil_bresp   = 2'b00;
  assign s_axil_rvalid  = (st_q == S_R);
  assign s_axil_rresp   = 2'b00;
  assign s_axil_rdata   = rdata_q;

  // WSTRB of a 1-, 2- or 4-byte naturally aligned access (spec §3.2, §12.3)
  always_comb begin
    unique case (ws_q)
      4'b0001, 4'b0010, 4'b0100, 4'b1000, 4'b0011, 4'b1100, 4'b1111: strb_ok = 1'b1;
      default: strb_ok = 1'b0;
    endcase
  end
  assign exempt  = adapter_control_hit;
  assign gated   = sw_gate_i && !exempt;
  assign wr_go   = (st_q == S_WR) && sw_en_i && strb_ok && !gated && !soft_rst_i;
  assign rd_go   = (st_q == S_RD) && sw_en_i && !gated && !soft_rst_i;
  assign a32 = 32'(a_q);
  assign busy_o = (st_q == S_WR) || (st_q == S_SETTLE);
  assign unused_addr_lsbs = {s_axil_awaddr[1:0], s_axil_araddr[1:0]};
  assign ext_wdata_o = wd_q;
  assign ext_wmask_o = wm_q;
  assign win_addr_o  = a_q;

  // bad strobes: lowest enabled byte and size (0: not contiguous)
  always_comb begin
    wr_err_o      = (st_q == S_WR) && sw_en_i && !strb_ok && (ws_q != 4'b0000);
    wr_err_off_o  = a_q;
    wr_err_size_o = 4'd0;
    unique case (ws_q)
      4'b0110: begin wr_err_off_o = a_q | 15'd1; wr_err_size_o = 4'd2; end
      4'b0111: begin wr_err_size_o = 4'd3; end
      4'b1110: begin wr_err_off_o = a_q | 15'd1; wr_err_size_o = 4'd3; end
      4'b0101, 4'b1001, 4'b1011, 4'b1101: wr_err_off_o = a_q;
      4'b1010: wr_err_off_o = a_q | 15'd1;
      default: ;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st_q <= S_IDLE; a_q <= '0; wd_q <= '0; wm_q <= '0; ws_q <= '0; cnt_q <= '0;
      rr_q <= 1'b0; rdata_q <= '0;
    end else begin
      unique case (st_q)
        S_IDLE:
          if (s_axil_awready) begin
            st_q <= S_WR; rr_q <= 1'b1;
            a_q  <= {s_axil_awaddr[14:2], 2'b00};
            wd_q <= s_axil_wdata; ws_q <= s_axil_wstrb;
            wm_q <= {{8{s_axil_wstrb[3]}}, {8{s_axil_wstrb[2]}},
                     {8{s_axil_wstrb[1]}}, {8{s_axil_wstrb[0]}}};
          end else if (s_axil_arready) begin
            st_q <= S_RD; rr_q <= 1'b0;
            a_q  <= {s_axil_araddr[14:2], 2'b00};
          end
        S_WR: begin st_q <= S_SETTLE; cnt_q <= 8'(WR_SETTLE); end
        S_SETTLE:
          if (cnt_q == 0) st_q <= S_B;
          else cnt_q <= cnt_q - 8'd1;
        S_B: if (s_axil_bready) st_q <= S_IDLE;
        S_RD: begin
          st_q <= S_R;
          rdata_q <= !sw_en_i ? 32'hffffffff : (rd_go ? rd_d : 32'h0);
        end
        S_R: if (s_axil_rready) st_q <= S_IDLE;
        default: st_q <= S_IDLE;
      endcase
    end
  end

  // multireg instance of the transaction (hwext multiregs)
  always_comb begin
    ext_idx_o = '0;
    if (vq_kick_pending_hit) ext_idx_o = vq_kick_pending_idx;
    if (doorbell_call_hit) ext_idx_o = doorbell_call_idx;
    if (doorbell_err_hit) ext_idx_o = doorbell_err_idx;
  end

  // ---- registers ----
  // ADAPTER.RB_TYPE: Register block type.
  assign adapter_rb_type_hit = (a_q == 15'h0);
  // ADAPTER.RB_VER: Register block version (major.minor in 16:16).
  assign adapter_rb_ver_hit = (a_q == 15'h4);
  // ADAPTER.RB_NEXT: BAR0 offset of the next register block, 0 at the end of the list.
  assign adapter_rb_next_hit = (a_q == 15'h8);
  // ADAPTER.MAGIC: Identifies a vhost-pci control BAR: ASCII 'VPCI'.
  assign adapter_magic_hit = (a_q == 15'hc);
  // ADAPTER.SPEC_VERSION: Version of docs/spec.md the adapter implements.
  assign adapter_spec_version_hit = (a_q == 15'h10);
  // ADAPTER.CAPS: Creation-time parameters of this instance.
  assign adapter_caps_hit = (a_q == 15'h14);
  // ADAPTER.DEV_FEATURES_SEL: Selects which 32-bit word of the device features DEV_FEATURES shows.
  assign adapter_dev_features_sel_hit = (a_q == 15'h18);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_dev_features_sel_val_q <= {1{32'h0}};
    else if (soft_rst_i) adapter_dev_features_sel_val_q <= {1{32'h0}};
    else begin
      if (wr_go && adapter_dev_features_sel_hit) adapter_dev_features_sel_val_q[31:0] <= (adapter_dev_features_sel_val_q[31:0] & ~wm_q[31:0]) | (wd_q[31:0] & wm_q[31:0]);
    end
  // ADAPTER.DEV_FEATURES: Adapter features, word DEV_FEATURES_SEL (ADAPTER_FEATURE bit numbers).
  assign adapter_dev_features_hit = (a_q == 15'h1c);
  // ADAPTER.DRV_FEATURES_SEL: Selects which 32-bit word of the driver features DRV_FEATURES accesses.
  assign adapter_drv_features_sel_hit = (a_q == 15'h20);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_drv_features_sel_val_q <= {1{32'h0}};
    else if (soft_rst_i) adapter_drv_features_sel_val_q <= {1{32'h0}};
    else begin
      if (wr_go && adapter_drv_features_sel_hit) adapter_drv_features_sel_val_q[31:0] <= (adapter_drv_features_sel_val_q[31:0] & ~wm_q[31:0]) | (wd_q[31:0] & wm_q[31:0]);
    end
  // ADAPTER.DRV_FEATURES: Features accepted by the driver, word DRV_FEATURES_SEL.
  assign adapter_drv_features_hit = (a_q == 15'h24);
  assign adapter_drv_features_we = wr_go && adapter_drv_features_hit;
  // ADAPTER.STATUS: Device status (virtio-like). Bits are set by writing 1 and cleared only by a reset (CONTRO
  assign adapter_status_hit = (a_q == 15'h28);
  assign adapter_status_we = wr_go && adapter_status_hit;
  // ADAPTER.CONTROL: 
  assign adapter_control_hit = (a_q == 15'h2c);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_control_qe <= 1'b0;
    else adapter_control_qe <= wr_go && adapter_control_hit && !soft_rst_i;
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_control_reset_pulse <= '0;
    else begin
      adapter_control_reset_pulse[0:0] <= (wr_go && adapter_control_hit && !soft_rst_i) ? (wd_q[0:0] & wm_q[0:0]) : '0;
    end
  // ADAPTER.LINK: Link state.
  assign adapter_link_hit = (a_q == 15'h30);
  // ADAPTER.INT_CAUSE: Adapter event causes, signalled on INT_VECTOR when enabled in INT_ENABLE.
  assign adapter_int_cause_hit = (a_q == 15'h34);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_int_cause_link_change_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_int_cause_link_change_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_int_cause_hit) adapter_int_cause_link_change_q[0:0] <= (adapter_int_cause_link_change_de[0] ? adapter_int_cause_link_change_d[0:0] : adapter_int_cause_link_change_q[0:0]) & ~(wd_q[0:0] & wm_q[0:0]);
      else if (adapter_int_cause_link_change_de[0]) adapter_int_cause_link_change_q[0:0] <= adapter_int_cause_link_change_d[0:0];
    end
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_int_cause_m2s_cpl_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_int_cause_m2s_cpl_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_int_cause_hit) adapter_int_cause_m2s_cpl_q[0:0] <= (adapter_int_cause_m2s_cpl_de[0] ? adapter_int_cause_m2s_cpl_d[0:0] : adapter_int_cause_m2s_cpl_q[0:0]) & ~(wd_q[1:1] & wm_q[1:1]);
      else if (adapter_int_cause_m2s_cpl_de[0]) adapter_int_cause_m2s_cpl_q[0:0] <= adapter_int_cause_m2s_cpl_d[0:0];
    end
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_int_cause_s2m_cpl_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_int_cause_s2m_cpl_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_int_cause_hit) adapter_int_cause_s2m_cpl_q[0:0] <= (adapter_int_cause_s2m_cpl_de[0] ? adapter_int_cause_s2m_cpl_d[0:0] : adapter_int_cause_s2m_cpl_q[0:0]) & ~(wd_q[2:2] & wm_q[2:2]);
      else if (adapter_int_cause_s2m_cpl_de[0]) adapter_int_cause_s2m_cpl_q[0:0] <= adapter_int_cause_s2m_cpl_d[0:0];
    end
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_int_cause_error_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_int_cause_error_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_int_cause_hit) adapter_int_cause_error_q[0:0] <= (adapter_int_cause_error_de[0] ? adapter_int_cause_error_d[0:0] : adapter_int_cause_error_q[0:0]) & ~(wd_q[3:3] & wm_q[3:3]);
      else if (adapter_int_cause_error_de[0]) adapter_int_cause_error_q[0:0] <= adapter_int_cause_error_d[0:0];
    end
  // ADAPTER.INT_ENABLE: 
  assign adapter_int_enable_hit = (a_q == 15'h38);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_int_enable_link_change_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_int_enable_link_change_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_int_enable_hit) adapter_int_enable_link_change_q[0:0] <= (adapter_int_enable_link_change_q[0:0] & ~wm_q[0:0]) | (wd_q[0:0] & wm_q[0:0]);
    end
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_int_enable_m2s_cpl_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_int_enable_m2s_cpl_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_int_enable_hit) adapter_int_enable_m2s_cpl_q[0:0] <= (adapter_int_enable_m2s_cpl_q[0:0] & ~wm_q[1:1]) | (wd_q[1:1] & wm_q[1:1]);
    end
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_int_enable_s2m_cpl_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_int_enable_s2m_cpl_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_int_enable_hit) adapter_int_enable_s2m_cpl_q[0:0] <= (adapter_int_enable_s2m_cpl_q[0:0] & ~wm_q[2:2]) | (wd_q[2:2] & wm_q[2:2]);
    end
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_int_enable_error_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_int_enable_error_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_int_enable_hit) adapter_int_enable_error_q[0:0] <= (adapter_int_enable_error_q[0:0] & ~wm_q[3:3]) | (wd_q[3:3] & wm_q[3:3]);
    end
  // ADAPTER.INT_VECTOR: MSI-X vector of adapter events; NO_VECTOR (0xffff) disables it.
  assign adapter_int_vector_hit = (a_q == 15'h3c);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_int_vector_qe <= 1'b0;
    else adapter_int_vector_qe <= wr_go && adapter_int_vector_hit && !soft_rst_i;
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_int_vector_val_q <= {1{16'hffff}};
    else if (soft_rst_i) adapter_int_vector_val_q <= {1{16'hffff}};
    else begin
      if (wr_go && adapter_int_vector_hit) adapter_int_vector_val_q[15:0] <= ((adapter_int_vector_val_de[0] ? adapter_int_vector_val_d[15:0] : adapter_int_vector_val_q[15:0]) & ~wm_q[15:0]) | (wd_q[15:0] & wm_q[15:0]);
      else if (adapter_int_vector_val_de[0]) adapter_int_vector_val_q[15:0] <= adapter_int_vector_val_d[15:0];
    end
  // ADAPTER.ERROR_CAUSE: Sticky error causes. ERROR_INFO holds the detail of the most recent one.
  assign adapter_error_cause_hit = (a_q == 15'h40);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_error_cause_reg_access_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_error_cause_reg_access_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_error_cause_hit) adapter_error_cause_reg_access_q[0:0] <= (adapter_error_cause_reg_access_de[0] ? adapter_error_cause_reg_access_d[0:0] : adapter_error_cause_reg_access_q[0:0]) & ~(wd_q[0:0] & wm_q[0:0]);
      else if (adapter_error_cause_reg_access_de[0]) adapter_error_cause_reg_access_q[0:0] <= adapter_error_cause_reg_access_d[0:0];
    end
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_error_cause_db_absent_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_error_cause_db_absent_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_error_cause_hit) adapter_error_cause_db_absent_q[0:0] <= (adapter_error_cause_db_absent_de[0] ? adapter_error_cause_db_absent_d[0:0] : adapter_error_cause_db_absent_q[0:0]) & ~(wd_q[1:1] & wm_q[1:1]);
      else if (adapter_error_cause_db_absent_de[0]) adapter_error_cause_db_absent_q[0:0] <= adapter_error_cause_db_absent_d[0:0];
    end
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_error_cause_win_absent_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_error_cause_win_absent_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_error_cause_hit) adapter_error_cause_win_absent_q[0:0] <= (adapter_error_cause_win_absent_de[0] ? adapter_error_cause_win_absent_d[0:0] : adapter_error_cause_win_absent_q[0:0]) & ~(wd_q[2:2] & wm_q[2:2]);
      else if (adapter_error_cause_win_absent_de[0]) adapter_error_cause_win_absent_q[0:0] <= adapter_error_cause_win_absent_d[0:0];
    end
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_error_cause_dma_err_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_error_cause_dma_err_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_error_cause_hit) adapter_error_cause_dma_err_q[0:0] <= (adapter_error_cause_dma_err_de[0] ? adapter_error_cause_dma_err_d[0:0] : adapter_error_cause_dma_err_q[0:0]) & ~(wd_q[3:3] & wm_q[3:3]);
      else if (adapter_error_cause_dma_err_de[0]) adapter_error_cause_dma_err_q[0:0] <= adapter_error_cause_dma_err_d[0:0];
    end
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_error_cause_m2s_err_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_error_cause_m2s_err_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_error_cause_hit) adapter_error_cause_m2s_err_q[0:0] <= (adapter_error_cause_m2s_err_de[0] ? adapter_error_cause_m2s_err_d[0:0] : adapter_error_cause_m2s_err_q[0:0]) & ~(wd_q[4:4] & wm_q[4:4]);
      else if (adapter_error_cause_m2s_err_de[0]) adapter_error_cause_m2s_err_q[0:0] <= adapter_error_cause_m2s_err_d[0:0];
    end
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_error_cause_s2m_err_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_error_cause_s2m_err_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_error_cause_hit) adapter_error_cause_s2m_err_q[0:0] <= (adapter_error_cause_s2m_err_de[0] ? adapter_error_cause_s2m_err_d[0:0] : adapter_error_cause_s2m_err_q[0:0]) & ~(wd_q[5:5] & wm_q[5:5]);
      else if (adapter_error_cause_s2m_err_de[0]) adapter_error_cause_s2m_err_q[0:0] <= adapter_error_cause_s2m_err_d[0:0];
    end
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_error_cause_vq_range_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_error_cause_vq_range_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_error_cause_hit) adapter_error_cause_vq_range_q[0:0] <= (adapter_error_cause_vq_range_de[0] ? adapter_error_cause_vq_range_d[0:0] : adapter_error_cause_vq_range_q[0:0]) & ~(wd_q[6:6] & wm_q[6:6]);
      else if (adapter_error_cause_vq_range_de[0]) adapter_error_cause_vq_range_q[0:0] <= adapter_error_cause_vq_range_d[0:0];
    end
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_error_cause_master_refused_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_error_cause_master_refused_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_error_cause_hit) adapter_error_cause_master_refused_q[0:0] <= (adapter_error_cause_master_refused_de[0] ? adapter_error_cause_master_refused_d[0:0] : adapter_error_cause_master_refused_q[0:0]) & ~(wd_q[7:7] & wm_q[7:7]);
      else if (adapter_error_cause_master_refused_de[0]) adapter_error_cause_master_refused_q[0:0] <= adapter_error_cause_master_refused_d[0:0];
    end
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) adapter_error_cause_features_q <= {1{1'h0}};
    else if (soft_rst_i) adapter_error_cause_features_q <= {1{1'h0}};
    else begin
      if (wr_go && adapter_error_cause_hit) adapter_error_cause_features_q[0:0] <= (adapter_error_cause_features_de[0] ? adapter_error_cause_features_d[0:0] : adapter_error_cause_features_q[0:0]) & ~(wd_q[8:8] & wm_q[8:8]);
      else if (adapter_error_cause_features_de[0]) adapter_error_cause_features_q[0:0] <= adapter_error_cause_features_d[0:0];
    end
  // ADAPTER.ERROR_INFO: Detail of the most recent error.
  assign adapter_error_info_hit = (a_q == 15'h44);
  // ADAPTER.WIN_INFO: Window geometry of this instance.
  assign adapter_win_info_hit = (a_q == 15'h48);
  // ADAPTER.MAX_MSG: Largest message the adapter relays, header included.
  assign adapter_max_msg_hit = (a_q == 15'h4c);
  // M2S.RB_TYPE: 
  assign m2s_rb_type_hit = (a_q == 15'h100);
  // M2S.RB_VER: 
  assign m2s_rb_ver_hit = (a_q == 15'h104);
  // M2S.RB_NEXT: 
  assign m2s_rb_next_hit = (a_q == 15'h108);
  // M2S.DIR: Queue direction.
  assign m2s_dir_hit = (a_q == 15'h10c);
  // M2S.RING_BASE_LO: Descriptor ring bus address, bits 31:0 (RING_ALIGN aligned).
  assign m2s_ring_base_lo_hit = (a_q == 15'h110);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) m2s_ring_base_lo_val_q <= {1{26'h0}};
    else if (soft_rst_i) m2s_ring_base_lo_val_q <= {1{26'h0}};
    else begin
      if (wr_go && m2s_ring_base_lo_hit) m2s_ring_base_lo_val_q[25:0] <= (m2s_ring_base_lo_val_q[25:0] & ~wm_q[31:6]) | (wd_q[31:6] & wm_q[31:6]);
    end
  // M2S.RING_BASE_HI: 
  assign m2s_ring_base_hi_hit = (a_q == 15'h114);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) m2s_ring_base_hi_val_q <= {1{32'h0}};
    else if (soft_rst_i) m2s_ring_base_hi_val_q <= {1{32'h0}};
    else begin
      if (wr_go && m2s_ring_base_hi_hit) m2s_ring_base_hi_val_q[31:0] <= (m2s_ring_base_hi_val_q[31:0] & ~wm_q[31:0]) | (wd_q[31:0] & wm_q[31:0]);
    end
  // M2S.CPL_BASE_LO: Completion ring bus address, bits 31:0 (RING_ALIGN aligned).
  assign m2s_cpl_base_lo_hit = (a_q == 15'h118);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) m2s_cpl_base_lo_val_q <= {1{26'h0}};
    else if (soft_rst_i) m2s_cpl_base_lo_val_q <= {1{26'h0}};
    else begin
      if (wr_go && m2s_cpl_base_lo_hit) m2s_cpl_base_lo_val_q[25:0] <= (m2s_cpl_base_lo_val_q[25:0] & ~wm_q[31:6]) | (wd_q[31:6] & wm_q[31:6]);
    end
  // M2S.CPL_BASE_HI: 
  assign m2s_cpl_base_hi_hit = (a_q == 15'h11c);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) m2s_cpl_base_hi_val_q <= {1{32'h0}};
    else if (soft_rst_i) m2s_cpl_base_hi_val_q <= {1{32'h0}};
    else begin
      if (wr_go && m2s_cpl_base_hi_hit) m2s_cpl_base_hi_val_q[31:0] <= (m2s_cpl_base_hi_val_q[31:0] & ~wm_q[31:0]) | (wd_q[31:0] & wm_q[31:0]);
    end
  // M2S.SIZE: Ring size, 2^LOG2 entries in both rings. Values above RING_LOG2_MAX fail at enable.
  assign m2s_size_hit = (a_q == 15'h120);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) m2s_size_log2_q <= {1{4'h0}};
    else if (soft_rst_i) m2s_size_log2_q <= {1{4'h0}};
    else begin
      if (wr_go && m2s_size_hit) m2s_size_log2_q[3:0] <= (m2s_size_log2_q[3:0] & ~wm_q[3:0]) | (wd_q[3:0] & wm_q[3:0]);
    end
  // M2S.CTRL: 
  assign m2s_ctrl_hit = (a_q == 15'h124);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) m2s_ctrl_enable_q <= {1{1'h0}};
    else if (soft_rst_i) m2s_ctrl_enable_q <= {1{1'h0}};
    else begin
      if (wr_go && m2s_ctrl_hit) m2s_ctrl_enable_q[0:0] <= (m2s_ctrl_enable_q[0:0] & ~wm_q[0:0]) | (wd_q[0:0] & wm_q[0:0]);
    end
  // M2S.QSTATUS: 
  assign m2s_qstatus_hit = (a_q == 15'h128);
  // M2S.TAIL: Driver producer index (free-running, 16 bits). Writing it is the queue doorbell.
  assign m2s_tail_hit = (a_q == 15'h12c);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) m2s_tail_qe <= 1'b0;
    else m2s_tail_qe <= wr_go && m2s_tail_hit && !soft_rst_i;
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) m2s_tail_val_q <= {1{16'h0}};
    else if (soft_rst_i) m2s_tail_val_q <= {1{16'h0}};
    else begin
      if (wr_go && m2s_tail_hit) m2s_tail_val_q[15:0] <= (m2s_tail_val_q[15:0] & ~wm_q[15:0]) | (wd_q[15:0] & wm_q[15:0]);
    end
  // M2S.HEAD: Adapter consumer index (free-running, 16 bits); completions written up to here.
  assign m2s_head_hit = (a_q == 15'h130);
  // S2M.RB_TYPE: 
  assign s2m_rb_type_hit = (a_q == 15'h140);
  // S2M.RB_VER: 
  assign s2m_rb_ver_hit = (a_q == 15'h144);
  // S2M.RB_NEXT: 
  assign s2m_rb_next_hit = (a_q == 15'h148);
  // S2M.DIR: Queue direction.
  assign s2m_dir_hit = (a_q == 15'h14c);
  // S2M.RING_BASE_LO: Descriptor ring bus address, bits 31:0 (RING_ALIGN aligned).
  assign s2m_ring_base_lo_hit = (a_q == 15'h150);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) s2m_ring_base_lo_val_q <= {1{26'h0}};
    else if (soft_rst_i) s2m_ring_base_lo_val_q <= {1{26'h0}};
    else begin
      if (wr_go && s2m_ring_base_lo_hit) s2m_ring_base_lo_val_q[25:0] <= (s2m_ring_base_lo_val_q[25:0] & ~wm_q[31:6]) | (wd_q[31:6] & wm_q[31:6]);
    end
  // S2M.RING_BASE_HI: 
  assign s2m_ring_base_hi_hit = (a_q == 15'h154);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) s2m_ring_base_hi_val_q <= {1{32'h0}};
    else if (soft_rst_i) s2m_ring_base_hi_val_q <= {1{32'h0}};
    else begin
      if (wr_go && s2m_ring_base_hi_hit) s2m_ring_base_hi_val_q[31:0] <= (s2m_ring_base_hi_val_q[31:0] & ~wm_q[31:0]) | (wd_q[31:0] & wm_q[31:0]);
    end
  // S2M.CPL_BASE_LO: Completion ring bus address, bits 31:0 (RING_ALIGN aligned).
  assign s2m_cpl_base_lo_hit = (a_q == 15'h158);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) s2m_cpl_base_lo_val_q <= {1{26'h0}};
    else if (soft_rst_i) s2m_cpl_base_lo_val_q <= {1{26'h0}};
    else begin
      if (wr_go && s2m_cpl_base_lo_hit) s2m_cpl_base_lo_val_q[25:0] <= (s2m_cpl_base_lo_val_q[25:0] & ~wm_q[31:6]) | (wd_q[31:6] & wm_q[31:6]);
    end
  // S2M.CPL_BASE_HI: 
  assign s2m_cpl_base_hi_hit = (a_q == 15'h15c);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) s2m_cpl_base_hi_val_q <= {1{32'h0}};
    else if (soft_rst_i) s2m_cpl_base_hi_val_q <= {1{32'h0}};
    else begin
      if (wr_go && s2m_cpl_base_hi_hit) s2m_cpl_base_hi_val_q[31:0] <= (s2m_cpl_base_hi_val_q[31:0] & ~wm_q[31:0]) | (wd_q[31:0] & wm_q[31:0]);
    end
  // S2M.SIZE: Ring size, 2^LOG2 entries in both rings. Values above RING_LOG2_MAX fail at enable.
  assign s2m_size_hit = (a_q == 15'h160);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) s2m_size_log2_q <= {1{4'h0}};
    else if (soft_rst_i) s2m_size_log2_q <= {1{4'h0}};
    else begin
      if (wr_go && s2m_size_hit) s2m_size_log2_q[3:0] <= (s2m_size_log2_q[3:0] & ~wm_q[3:0]) | (wd_q[3:0] & wm_q[3:0]);
    end
  // S2M.CTRL: 
  assign s2m_ctrl_hit = (a_q == 15'h164);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) s2m_ctrl_enable_q <= {1{1'h0}};
    else if (soft_rst_i) s2m_ctrl_enable_q <= {1{1'h0}};
    else begin
      if (wr_go && s2m_ctrl_hit) s2m_ctrl_enable_q[0:0] <= (s2m_ctrl_enable_q[0:0] & ~wm_q[0:0]) | (wd_q[0:0] & wm_q[0:0]);
    end
  // S2M.QSTATUS: 
  assign s2m_qstatus_hit = (a_q == 15'h168);
  // S2M.TAIL: Driver producer index (free-running, 16 bits). Writing it is the queue doorbell.
  assign s2m_tail_hit = (a_q == 15'h16c);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) s2m_tail_qe <= 1'b0;
    else s2m_tail_qe <= wr_go && s2m_tail_hit && !soft_rst_i;
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) s2m_tail_val_q <= {1{16'h0}};
    else if (soft_rst_i) s2m_tail_val_q <= {1{16'h0}};
    else begin
      if (wr_go && s2m_tail_hit) s2m_tail_val_q[15:0] <= (s2m_tail_val_q[15:0] & ~wm_q[15:0]) | (wd_q[15:0] & wm_q[15:0]);
    end
  // S2M.HEAD: Adapter consumer index (free-running, 16 bits); completions written up to here.
  assign s2m_head_hit = (a_q == 15'h170);
  // VQ.RB_TYPE: 
  assign vq_rb_type_hit = (a_q == 15'h200);
  // VQ.RB_VER: 
  assign vq_rb_ver_hit = (a_q == 15'h204);
  // VQ.RB_NEXT: 
  assign vq_rb_next_hit = (a_q == 15'h208);
  // VQ.SEL: Selects the virtqueue that VECTOR and VSTATUS show.
  assign vq_sel_hit = (a_q == 15'h210);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) vq_sel_qe <= 1'b0;
    else vq_sel_qe <= wr_go && vq_sel_hit && !soft_rst_i;
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) vq_sel_val_q <= {1{16'h0}};
    else if (soft_rst_i) vq_sel_val_q <= {1{16'h0}};
    else begin
      if (wr_go && vq_sel_hit) vq_sel_val_q[15:0] <= (vq_sel_val_q[15:0] & ~wm_q[15:0]) | (wd_q[15:0] & wm_q[15:0]);
    end
  // VQ.VECTOR: MSI-X vector raised on a kick of the selected virtqueue; NO_VECTOR disables it. Vectors ma
  assign vq_vector_hit = (a_q == 15'h214);
  assign vq_vector_we = wr_go && vq_vector_hit;
  // VQ.VSTATUS: Resources of the selected virtqueue (set once their message is visible to the driver).
  assign vq_vstatus_hit = (a_q == 15'h218);
  // VQ.KICK_PENDING[8]: Kick latch, one bit per virtqueue (word n holds vq 32n..32n+31). Set by every ki
  assign vq_kick_pending_hit = (a32 >= 32'h240) && (a32 < 32'h260) && (((a32 - 32'h240) % 32'h4) == 32'h0);
  assign vq_kick_pending_idx = 16'((a32 - 32'h240) / 32'h4);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) vq_kick_pending_val_q <= {8{32'h0}};
    else if (soft_rst_i) vq_kick_pending_val_q <= {8{32'h0}};
    else begin
      if (wr_go && vq_kick_pending_hit && vq_kick_pending_idx == 16'd0) vq_kick_pending_val_q[31:0] <= (vq_kick_pending_val_de[0] ? vq_kick_pending_val_d[31:0] : vq_kick_pending_val_q[31:0]) & ~(wd_q[31:0] & wm_q[31:0]);
      else if (vq_kick_pending_val_de[0]) vq_kick_pending_val_q[31:0] <= vq_kick_pending_val_d[31:0];
      if (wr_go && vq_kick_pending_hit && vq_kick_pending_idx == 16'd1) vq_kick_pending_val_q[63:32] <= (vq_kick_pending_val_de[1] ? vq_kick_pending_val_d[63:32] : vq_kick_pending_val_q[63:32]) & ~(wd_q[31:0] & wm_q[31:0]);
      else if (vq_kick_pending_val_de[1]) vq_kick_pending_val_q[63:32] <= vq_kick_pending_val_d[63:32];
      if (wr_go && vq_kick_pending_hit && vq_kick_pending_idx == 16'd2) vq_kick_pending_val_q[95:64] <= (vq_kick_pending_val_de[2] ? vq_kick_pending_val_d[95:64] : vq_kick_pending_val_q[95:64]) & ~(wd_q[31:0] & wm_q[31:0]);
      else if (vq_kick_pending_val_de[2]) vq_kick_pending_val_q[95:64] <= vq_kick_pending_val_d[95:64];
      if (wr_go && vq_kick_pending_hit && vq_kick_pending_idx == 16'd3) vq_kick_pending_val_q[127:96] <= (vq_kick_pending_val_de[3] ? vq_kick_pending_val_d[127:96] : vq_kick_pending_val_q[127:96]) & ~(wd_q[31:0] & wm_q[31:0]);
      else if (vq_kick_pending_val_de[3]) vq_kick_pending_val_q[127:96] <= vq_kick_pending_val_d[127:96];
      if (wr_go && vq_kick_pending_hit && vq_kick_pending_idx == 16'd4) vq_kick_pending_val_q[159:128] <= (vq_kick_pending_val_de[4] ? vq_kick_pending_val_d[159:128] : vq_kick_pending_val_q[159:128]) & ~(wd_q[31:0] & wm_q[31:0]);
      else if (vq_kick_pending_val_de[4]) vq_kick_pending_val_q[159:128] <= vq_kick_pending_val_d[159:128];
      if (wr_go && vq_kick_pending_hit && vq_kick_pending_idx == 16'd5) vq_kick_pending_val_q[191:160] <= (vq_kick_pending_val_de[5] ? vq_kick_pending_val_d[191:160] : vq_kick_pending_val_q[191:160]) & ~(wd_q[31:0] & wm_q[31:0]);
      else if (vq_kick_pending_val_de[5]) vq_kick_pending_val_q[191:160] <= vq_kick_pending_val_d[191:160];
      if (wr_go && vq_kick_pending_hit && vq_kick_pending_idx == 16'd6) vq_kick_pending_val_q[223:192] <= (vq_kick_pending_val_de[6] ? vq_kick_pending_val_d[223:192] : vq_kick_pending_val_q[223:192]) & ~(wd_q[31:0] & wm_q[31:0]);
      else if (vq_kick_pending_val_de[6]) vq_kick_pending_val_q[223:192] <= vq_kick_pending_val_d[223:192];
      if (wr_go && vq_kick_pending_hit && vq_kick_pending_idx == 16'd7) vq_kick_pending_val_q[255:224] <= (vq_kick_pending_val_de[7] ? vq_kick_pending_val_d[255:224] : vq_kick_pending_val_q[255:224]) & ~(wd_q[31:0] & wm_q[31:0]);
      else if (vq_kick_pending_val_de[7]) vq_kick_pending_val_q[255:224] <= vq_kick_pending_val_d[255:224];
    end
  // WINDOW.RB_TYPE: 
  assign window_rb_type_hit = (a_q == 15'h300);
  // WINDOW.RB_VER: 
  assign window_rb_ver_hit = (a_q == 15'h304);
  // WINDOW.RB_NEXT: 
  assign window_rb_next_hit = (a_q == 15'h308);
  // WINDOW.MEM_STATUS: 
  assign window_mem_status_hit = (a_q == 15'h310);
  // WINDOW.LOG_STATUS: 
  assign window_log_status_hit = (a_q == 15'h314);
  // WINDOW.LOG_SIZE_LO: 
  assign window_log_size_lo_hit = (a_q == 15'h318);
  // WINDOW.LOG_SIZE_HI: 
  assign window_log_size_hi_hit = (a_q == 15'h31c);
  // WINDOW.XLAT_SEL: Selects the translation table entry shown by the XLAT registers.
  assign window_xlat_sel_hit = (a_q == 15'h320);
  always_ff @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) window_xlat_sel_val_q <= {1{8'h0}};
    else if (soft_rst_i) window_xlat_sel_val_q <= {1{8'h0}};
    else begin
      if (wr_go && window_xlat_sel_hit) window_xlat_sel_val_q[7:0] <= (window_xlat_sel_val_q[7:0] & ~wm_q[7:0]) | (wd_q[7:0] & wm_q[7:0]);
    end
  // WINDOW.XLAT_STATUS: 
  assign window_xlat_status_hit = (a_q == 15'h324);
  // WINDOW.XLAT_WIN_OFF_LO: 
  assign window_xlat_win_off_lo_hit = (a_q == 15'h328);
  // WINDOW.XLAT_WIN_OFF_HI: 
  assign window_xlat_win_off_hi_hit = (a_q == 15'h32c);
  // WINDOW.XLAT_SIZE_LO: 
  assign window_xlat_size_lo_hit = (a_q == 15'h330);
  // WINDOW.XLAT_SIZE_HI: 
  assign window_xlat_size_hi_hit = (a_q == 15'h334);
  // WINDOW.XLAT_GPA_LO: 
  assign window_xlat_gpa_lo_hit = (a_q == 15'h338);
  // WINDOW.XLAT_GPA_HI: 
  assign window_xlat_gpa_hi_hit = (a_q == 15'h33c);
  // WINDOW.XLAT_UADDR_LO: 
  assign window_xlat_uaddr_lo_hit = (a_q == 15'h340);
  // WINDOW.XLAT_UADDR_HI: 
  assign window_xlat_uaddr_hi_hit = (a_q == 15'h344);
  // WINDOW.ABSENT_ADDR_LO: BAR offset of the most recent window access with no translation (bit 63 selects the log wi
  assign window_absent_addr_lo_hit = (a_q == 15'h348);
  // WINDOW.ABSENT_ADDR_HI: 
  assign window_absent_addr_hi_hit = (a_q == 15'h34c);
  // DBINFO.RB_TYPE: 
  assign dbinfo_rb_type_hit = (a_q == 15'h380);
  // DBINFO.RB_VER: 
  assign dbinfo_rb_ver_hit = (a_q == 15'h384);
  // DBINFO.RB_NEXT: End of the register block list.
  assign dbinfo_rb_next_hit = (a_q == 15'h388);
  // DBINFO.DB_BASE: BAR0 offset of the doorbell page.
  assign dbinfo_db_base_hit = (a_q == 15'h390);
  // DBINFO.DB_STRIDE: Bytes between the doorbells of consecutive virtqueues (CALL at +0, ERR at +4).
  assign dbinfo_db_stride_hit = (a_q == 15'h394);
  // DBINFO.DB_LOG: Offset of the LOG doorbell inside the doorbell page.
  assign dbinfo_db_log_hit = (a_q == 15'h398);
  // DOORBELL.CALL[256]: Vring call doorbell of virtqueue n; signals the master's call fd.
  assign doorbell_call_hit = (a32 >= 32'h1000) && (a32 < 32'h1800) && (((a32 - 32'h1000) % 32'h8) == 32'h0);
  assign doorbell_call_idx = 16'((a32 - 32'h1000) / 32'h8);
  assign doorbell_call_we = wr_go && doorbell_call_hit && (doorbell_call_idx < 16'd256);
  // DOORBELL.ERR[256]: Vring err doorbell of virtqueue n; signals the master's err fd.
  assign doorbell_err_hit = (a32 >= 32'h1004) && (a32 < 32'h1804) && (((a32 - 32'h1004) % 32'h8) == 32'h0);
  assign doorbell_err_idx = 16'((a32 - 32'h1004) / 32'h8);
  assign doorbell_err_we = wr_go && doorbell_err_hit && (doorbell_err_idx < 16'd256);
  // DOORBELL.LOG: Log changed doorbell; signals the master's log fd (SET_LOG_FD).
  assign doorbell_log_hit = (a_q == 15'h1800);
  assign doorbell_log_we = wr_go && doorbell_log_hit;
  // window MSIX.TBL
  assign msix_tbl_hit = (a32 >= 32'h2000) && (a32 < 32'h4000);
  assign msix_tbl_we = wr_go && msix_tbl_hit;
  // window MSIX.PBA
  assign msix_pba_hit = (a32 >= 32'h4000) && (a32 < 32'h5000);

  // ---- read mux (word at a_q) ----
  always_comb begin
    rd_d = '0;
    if (adapter_rb_type_hit) rd_d[31:0] = 32'h1;
    if (adapter_rb_ver_hit) rd_d[31:0] = 32'h10000;
    if (adapter_rb_next_hit) rd_d[31:0] = 32'h100;
    if (adapter_magic_hit) rd_d[31:0] = 32'h56504349;
    if (adapter_spec_version_hit) rd_d[15:0] = 16'h0;
    if (adapter_spec_version_hit) rd_d[31:16] = 16'h1;
    if (adapter_caps_hit) rd_d = 32'((adapter_caps_rd & 32'h8fffffff) << 0);
    if (adapter_dev_features_sel_hit) rd_d[31:0] = adapter_dev_features_sel_val_q[31:0];
    if (adapter_dev_features_hit) rd_d = 32'((adapter_dev_features_rd & 32'hffffffff) << 0);
    if (adapter_drv_features_sel_hit) rd_d[31:0] = adapter_drv_features_sel_val_q[31:0];
    if (adapter_drv_features_hit) rd_d = 32'((adapter_drv_features_rd & 32'hffffffff) << 0);
    if (adapter_status_hit) rd_d = 32'((adapter_status_rd & 32'hc7) << 0);
    if (adapter_control_hit) rd_d[1:1] = adapter_control_reset_busy_i[0:0];
    if (adapter_link_hit) rd_d = 32'((adapter_link_rd & 32'hff07) << 0);
    if (adapter_int_cause_hit) rd_d[0:0] = adapter_int_cause_link_change_q[0:0];
    if (adapter_int_cause_hit) rd_d[1:1] = adapter_int_cause_m2s_cpl_q[0:0];
    if (adapter_int_cause_hit) rd_d[2:2] = adapter_int_cause_s2m_cpl_q[0:0];
    if (adapter_int_cause_hit) rd_d[3:3] = adapter_int_cause_error_q[0:0];
    if (adapter_int_enable_hit) rd_d[0:0] = adapter_int_enable_link_change_q[0:0];
    if (adapter_int_enable_hit) rd_d[1:1] = adapter_int_enable_m2s_cpl_q[0:0];
    if (adapter_int_enable_hit) rd_d[2:2] = adapter_int_enable_s2m_cpl_q[0:0];
    if (adapter_int_enable_hit) rd_d[3:3] = adapter_int_enable_error_q[0:0];
    if (adapter_int_vector_hit) rd_d[15:0] = adapter_int_vector_val_q[15:0];
    if (adapter_error_cause_hit) rd_d[0:0] = adapter_error_cause_reg_access_q[0:0];
    if (adapter_error_cause_hit) rd_d[1:1] = adapter_error_cause_db_absent_q[0:0];
    if (adapter_error_cause_hit) rd_d[2:2] = adapter_error_cause_win_absent_q[0:0];
    if (adapter_error_cause_hit) rd_d[3:3] = adapter_error_cause_dma_err_q[0:0];
    if (adapter_error_cause_hit) rd_d[4:4] = adapter_error_cause_m2s_err_q[0:0];
    if (adapter_error_cause_hit) rd_d[5:5] = adapter_error_cause_s2m_err_q[0:0];
    if (adapter_error_cause_hit) rd_d[6:6] = adapter_error_cause_vq_range_q[0:0];
    if (adapter_error_cause_hit) rd_d[7:7] = adapter_error_cause_master_refused_q[0:0];
    if (adapter_error_cause_hit) rd_d[8:8] = adapter_error_cause_features_q[0:0];
    if (adapter_error_info_hit) rd_d = 32'((adapter_error_info_rd & 32'hffffffff) << 0);
    if (adapter_win_info_hit) rd_d = 32'((adapter_win_info_rd & 32'h1ffffff) << 0);
    if (adapter_max_msg_hit) rd_d[31:0] = 32'h1000;
    if (m2s_rb_type_hit) rd_d[31:0] = 32'h2;
    if (m2s_rb_ver_hit) rd_d[31:0] = 32'h10000;
    if (m2s_rb_next_hit) rd_d[31:0] = 32'h140;
    if (m2s_dir_hit) rd_d[0:0] = 1'h0;
    if (m2s_ring_base_lo_hit) rd_d[31:6] = m2s_ring_base_lo_val_q[25:0];
    if (m2s_ring_base_hi_hit) rd_d[31:0] = m2s_ring_base_hi_val_q[31:0];
    if (m2s_cpl_base_lo_hit) rd_d[31:6] = m2s_cpl_base_lo_val_q[25:0];
    if (m2s_cpl_base_hi_hit) rd_d[31:0] = m2s_cpl_base_hi_val_q[31:0];
    if (m2s_size_hit) rd_d[3:0] = m2s_size_log2_q[3:0];
    if (m2s_ctrl_hit) rd_d[0:0] = m2s_ctrl_enable_q[0:0];
    if (m2s_qstatus_hit) rd_d = 32'((m2s_qstatus_rd & 32'h3) << 0);
    if (m2s_tail_hit) rd_d[15:0] = m2s_tail_val_q[15:0];
    if (m2s_head_hit) rd_d = 32'((m2s_head_rd & 32'hffff) << 0);
    if (s2m_rb_type_hit) rd_d[31:0] = 32'h2;
    if (s2m_rb_ver_hit) rd_d[31:0] = 32'h10000;
    if (s2m_rb_next_hit) rd_d[31:0] = 32'h200;
    if (s2m_dir_hit) rd_d[0:0] = 1'h1;
    if (s2m_ring_base_lo_hit) rd_d[31:6] = s2m_ring_base_lo_val_q[25:0];
    if (s2m_ring_base_hi_hit) rd_d[31:0] = s2m_ring_base_hi_val_q[31:0];
    if (s2m_cpl_base_lo_hit) rd_d[31:6] = s2m_cpl_base_lo_val_q[25:0];
    if (s2m_cpl_base_hi_hit) rd_d[31:0] = s2m_cpl_base_hi_val_q[31:0];
    if (s2m_size_hit) rd_d[3:0] = s2m_size_log2_q[3:0];
    if (s2m_ctrl_hit) rd_d[0:0] = s2m_ctrl_enable_q[0:0];
    if (s2m_qstatus_hit) rd_d = 32'((s2m_qstatus_rd & 32'h3) << 0);
    if (s2m_tail_hit) rd_d[15:0] = s2m_tail_val_q[15:0];
    if (s2m_head_hit) rd_d = 32'((s2m_head_rd & 32'hffff) << 0);
    if (vq_rb_type_hit) rd_d[31:0] = 32'h3;
    if (vq_rb_ver_hit) rd_d[31:0] = 32'h10000;
    if (vq_rb_next_hit) rd_d[31:0] = 32'h300;
    if (vq_sel_hit) rd_d[15:0] = vq_sel_val_q[15:0];
    if (vq_vector_hit) rd_d = 32'((vq_vector_rd & 32'hffff) << 0);
    if (vq_vstatus_hit) rd_d = 32'((vq_vstatus_rd & 32'h1f) << 0);
    if (vq_kick_pending_hit && vq_kick_pending_idx == 16'd0) rd_d[31:0] = vq_kick_pending_val_q[31:0];
    if (vq_kick_pending_hit && vq_kick_pending_idx == 16'd1) rd_d[31:0] = vq_kick_pending_val_q[63:32];
    if (vq_kick_pending_hit && vq_kick_pending_idx == 16'd2) rd_d[31:0] = vq_kick_pending_val_q[95:64];
    if (vq_kick_pending_hit && vq_kick_pending_idx == 16'd3) rd_d[31:0] = vq_kick_pending_val_q[127:96];
    if (vq_kick_pending_hit && vq_kick_pending_idx == 16'd4) rd_d[31:0] = vq_kick_pending_val_q[159:128];
    if (vq_kick_pending_hit && vq_kick_pending_idx == 16'd5) rd_d[31:0] = vq_kick_pending_val_q[191:160];
    if (vq_kick_pending_hit && vq_kick_pending_idx == 16'd6) rd_d[31:0] = vq_kick_pending_val_q[223:192];
    if (vq_kick_pending_hit && vq_kick_pending_idx == 16'd7) rd_d[31:0] = vq_kick_pending_val_q[255:224];
    if (window_rb_type_hit) rd_d[31:0] = 32'h4;
    if (window_rb_ver_hit) rd_d[31:0] = 32'h10000;
    if (window_rb_next_hit) rd_d[31:0] = 32'h380;
    if (window_mem_status_hit) rd_d = 32'((window_mem_status_rd & 32'hffffff01) << 0);
    if (window_log_status_hit) rd_d = 32'((window_log_status_rd & 32'h1) << 0);
    if (window_log_size_lo_hit) rd_d = 32'((window_log_size_lo_rd & 32'hffffffff) << 0);
    if (window_log_size_hi_hit) rd_d = 32'((window_log_size_hi_rd & 32'hffffffff) << 0);
    if (window_xlat_sel_hit) rd_d[7:0] = window_xlat_sel_val_q[7:0];
    if (window_xlat_status_hit) rd_d = 32'((window_xlat_status_rd & 32'h1) << 0);
    if (window_xlat_win_off_lo_hit) rd_d = 32'((window_xlat_win_off_lo_rd & 32'hffffffff) << 0);
    if (window_xlat_win_off_hi_hit) rd_d = 32'((window_xlat_win_off_hi_rd & 32'hffffffff) << 0);
    if (window_xlat_size_lo_hit) rd_d = 32'((window_xlat_size_lo_rd & 32'hffffffff) << 0);
    if (window_xlat_size_hi_hit) rd_d = 32'((window_xlat_size_hi_rd & 32'hffffffff) << 0);
    if (window_xlat_gpa_lo_hit) rd_d = 32'((window_xlat_gpa_lo_rd & 32'hffffffff) << 0);
    if (window_xlat_gpa_hi_hit) rd_d = 32'((window_xlat_gpa_hi_rd & 32'hffffffff) << 0);
    if (window_xlat_uaddr_lo_hit) rd_d = 32'((window_xlat_uaddr_lo_rd & 32'hffffffff) << 0);
    if (window_xlat_uaddr_hi_hit) rd_d = 32'((window_xlat_uaddr_hi_rd & 32'hffffffff) << 0);
    if (window_absent_addr_lo_hit) rd_d = 32'((window_absent_addr_lo_rd & 32'hffffffff) << 0);
    if (window_absent_addr_hi_hit) rd_d = 32'((window_absent_addr_hi_rd & 32'hffffffff) << 0);
    if (dbinfo_rb_type_hit) rd_d[31:0] = 32'h5;
    if (dbinfo_rb_ver_hit) rd_d[31:0] = 32'h10000;
    if (dbinfo_rb_next_hit) rd_d[31:0] = 32'h0;
    if (dbinfo_db_base_hit) rd_d[31:0] = 32'h1000;
    if (dbinfo_db_stride_hit) rd_d[31:0] = 32'h8;
    if (dbinfo_db_log_hit) rd_d[31:0] = 32'h800;
    if (msix_tbl_hit) rd_d = msix_tbl_rdata;
    if (msix_pba_hit) rd_d = msix_pba_rdata;
  end

endmodule : vhost_pci_csr_top
