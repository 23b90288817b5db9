// vhost_pci_top.sv - the vhost-pci adapter RTL (docs/spec.md §12.3): the generated BAR0
// CSR slave (gen/vhost_pci_csr_top.sv) with the hand-written units beside it.
//
//   vhost_pci_adapter   ADAPTER block behaviour: features, STATUS, reset, LINK, interrupts,
//                       errors
//   vhost_pci_doorbell  doorbell page -> notify stream
//   vhost_pci_vq        VQ block: SEL, VECTOR, VSTATUS, KICK_PENDING, kicks
//   vhost_pci_msix      MSI-X table, PBA, MSI writes (AXI4) or vector output (external mode)
//
// Not in the RTL yet (stubs, see rtl/README.md): the queue DMA engine (M2S/S2M QSTATUS and
// HEAD read 0, CTRL and TAIL are stored without effect, no completion causes), the memory
// and log window datapath (no BAR2/BAR4 port; WINDOW registers read 0: nothing is ever
// armed) and the master face (no session: LINK.MASTER_UP = 0, no resource is armed, so
// every doorbell is DB_ABSENT / DB_RANGE and kicks are dropped). Their inputs are tied
// here to the values the spec gives for "no master, queues idle".
//
// Config space lives in the PCIe hard IP (§2.4, §12.3): its state arrives on cfg_*_i.
module vhost_pci_top #(
  parameter int unsigned NUM_VQS      = 8,
  parameter int unsigned MSIX_VECTORS = 9,
  parameter int unsigned EXT_MSIX     = 0,   // 1: external MSI-X mode
  parameter int unsigned MSI_QDEPTH   = 4
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // configuration state from the hard IP
  input  logic        cfg_mem_en_i,
  input  logic        cfg_bus_master_i,
  input  logic        cfg_msix_enable_i,
  input  logic        cfg_msix_func_mask_i,
  input  logic        cfg_flr_i,                // one-cycle pulse: FLR / PCI reset
  output logic        cfg_rcvd_master_abort_o,  // pulse: set STATUS.RCVD_MASTER_ABORT
  // external MSI-X state (EXT_MSIX = 1)
  input  logic        ext_msix_enable_i,
  input  logic        ext_msix_func_mask_i,
  input  logic [MSIX_VECTORS-1:0] ext_msix_mask_i,
  // BAR0: AXI4-Lite slave
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
  // MSI writes: AXI4 master, write channels only (single 4-byte beats)
  output logic [63:0] m_axi_awaddr,
  output logic [7:0]  m_axi_awlen,
  output logic [2:0]  m_axi_awsize,
  output logic [1:0]  m_axi_awburst,
  output logic        m_axi_awvalid,
  input  logic        m_axi_awready,
  output logic [31:0] m_axi_wdata,
  output logic [3:0]  m_axi_wstrb,
  output logic        m_axi_wlast,
  output logic        m_axi_wvalid,
  input  logic        m_axi_wready,
  input  logic [1:0]  m_axi_bresp,
  input  logic        m_axi_bvalid,
  output logic        m_axi_bready,
  // external MSI-X: vector towards the bridge's interrupt interface
  output logic        msix_vec_valid_o,
  output logic [15:0] msix_vec_o,
  input  logic        msix_vec_ready_i,
  // master face: notifications out (kind 0 CALL, 1 ERR, 2 LOG)
  output logic        notify_valid_o,
  input  logic        notify_ready_i,
  output logic [1:0]  notify_kind_o,
  output logic [7:0]  notify_vq_o,
  // observation (testbench, debug)
  output logic        reset_busy_o,
  output logic        msix_undecided_o,
  output logic        msix_idle_o
);
  localparam int unsigned NERR = 4;

  // ---- stubs: master face and queue engine not in the RTL yet ----
  logic [NUM_VQS-1:0] no_res;
  assign no_res = '0;
  logic       master_up, backend_chan, needs_reset;
  logic [7:0] session;
  logic [2:0] cause_set;
  assign master_up    = 1'b0;
  assign backend_chan = 1'b0;
  assign session      = 8'd0;
  assign needs_reset  = 1'b0;
  assign cause_set    = 3'b000;

  // ---- CSR slave wiring ----
  logic        soft_rst, csr_busy;
  logic        wr_err;
  logic [14:0] wr_err_off, win_addr;
  logic [3:0]  wr_err_size;
  logic [31:0] ext_wdata, ext_wmask;
  logic [15:0] ext_idx;
  logic [31:0] dev_features_sel, drv_features_sel;
  logic        drv_features_we, status_we, control_qe;
  logic [0:0]  control_reset_pulse;
  logic [31:0] caps_rd, dev_features_rd, drv_features_rd, status_rd, link_rd, error_info_rd,
               win_info_rd;
  logic        reset_busy;
  logic [3:0]  ic_q, ic_d, ic_de, ie_q;
  logic [15:0] ivec_q, ivec_d;
  logic        ivec_qe, ivec_de;
  logic [8:0]  ec_q, ec_d, ec_de;
  logic        vq_sel_qe, vq_vector_we;
  logic [15:0] vq_sel;
  logic [31:0] vq_vector_rd, vq_vstatus_rd;
  logic [255:0] kp_q, kp_d;
  logic [7:0]  kp_de;
  logic        db_call_we, db_err_we, db_log_we, tbl_we;
  logic [31:0] tbl_rdata, pba_rdata;
  // stored queue and window registers without a unit yet (see the stub note above)
  logic [25:0] m2s_rbl, m2s_cbl, s2m_rbl, s2m_cbl;
  logic [31:0] m2s_rbh, m2s_cbh, s2m_rbh, s2m_cbh;
  logic [3:0]  m2s_log2, s2m_log2;
  logic [0:0]  m2s_en, s2m_en;
  logic        m2s_tail_qe, s2m_tail_qe;
  logic [15:0] m2s_tail, s2m_tail;
  logic [7:0]  xlat_sel;
  logic        unused_stub;
  assign unused_stub = ^{m2s_rbl, m2s_cbl, s2m_rbl, s2m_cbl, m2s_rbh, m2s_cbh, s2m_rbh, s2m_cbh,
                         m2s_log2, s2m_log2, m2s_en, s2m_en, m2s_tail_qe, s2m_tail_qe,
                         m2s_tail, s2m_tail, xlat_sel, control_qe, wr_err_size[3]};

  vhost_pci_csr_top u_csr (
    .clk_i, .rst_ni,
    .soft_rst_i (soft_rst),
    .sw_en_i    (cfg_mem_en_i),
    .sw_gate_i  (reset_busy),
    .s_axil_awaddr, .s_axil_awvalid, .s_axil_awready, .s_axil_wdata, .s_axil_wstrb,
    .s_axil_wvalid, .s_axil_wready, .s_axil_bresp, .s_axil_bvalid, .s_axil_bready,
    .s_axil_araddr, .s_axil_arvalid, .s_axil_arready, .s_axil_rdata, .s_axil_rresp,
    .s_axil_rvalid, .s_axil_rready,
    .wr_err_o (wr_err), .wr_err_off_o (wr_err_off), .wr_err_size_o (wr_err_size),
    .ext_wdata_o (ext_wdata), .ext_wmask_o (ext_wmask), .ext_idx_o (ext_idx),
    .win_addr_o (win_addr), .busy_o (csr_busy),
    .adapter_caps_rd (caps_rd),
    .adapter_dev_features_sel_val_q (dev_features_sel),
    .adapter_dev_features_rd (dev_features_rd),
    .adapter_drv_features_sel_val_q (drv_features_sel),
    .adapter_drv_features_we (drv_features_we),
    .adapter_drv_features_rd (drv_features_rd),
    .adapter_status_we (status_we),
    .adapter_status_rd (status_rd),
    .adapter_control_qe (control_qe),
    .adapter_control_reset_pulse (control_reset_pulse),
    .adapter_control_reset_busy_i (reset_busy),
    .adapter_link_rd (link_rd),
    .adapter_int_cause_link_change_q (ic_q[0]),
    .adapter_int_cause_link_change_d (ic_d[0]),
    .adapter_int_cause_link_change_de (ic_de[0]),
    .adapter_int_cause_m2s_cpl_q (ic_q[1]),
    .adapter_int_cause_m2s_cpl_d (ic_d[1]),
    .adapter_int_cause_m2s_cpl_de (ic_de[1]),
    .adapter_int_cause_s2m_cpl_q (ic_q[2]),
    .adapter_int_cause_s2m_cpl_d (ic_d[2]),
    .adapter_int_cause_s2m_cpl_de (ic_de[2]),
    .adapter_int_cause_error_q (ic_q[3]),
    .adapter_int_cause_error_d (ic_d[3]),
    .adapter_int_cause_error_de (ic_de[3]),
    .adapter_int_enable_link_change_q (ie_q[0]),
    .adapter_int_enable_m2s_cpl_q (ie_q[1]),
    .adapter_int_enable_s2m_cpl_q (ie_q[2]),
    .adapter_int_enable_error_q (ie_q[3]),
    .adapter_int_vector_qe (ivec_qe),
    .adapter_int_vector_val_q (ivec_q),
    .adapter_int_vector_val_d (ivec_d),
    .adapter_int_vector_val_de (ivec_de),
    .adapter_error_cause_reg_access_q (ec_q[0]),
    .adapter_error_cause_reg_access_d (ec_d[0]),
    .adapter_error_cause_reg_access_de (ec_de[0]),
    .adapter_error_cause_db_absent_q (ec_q[1]),
    .adapter_error_cause_db_absent_d (ec_d[1]),
    .adapter_error_cause_db_absent_de (ec_de[1]),
    .adapter_error_cause_win_absent_q (ec_q[2]),
    .adapter_error_cause_win_absent_d (ec_d[2]),
    .adapter_error_cause_win_absent_de (ec_de[2]),
    .adapter_error_cause_dma_err_q (ec_q[3]),
    .adapter_error_cause_dma_err_d (ec_d[3]),
    .adapter_error_cause_dma_err_de (ec_de[3]),
    .adapter_error_cause_m2s_err_q (ec_q[4]),
    .adapter_error_cause_m2s_err_d (ec_d[4]),
    .adapter_error_cause_m2s_err_de (ec_de[4]),
    .adapter_error_cause_s2m_err_q (ec_q[5]),
    .adapter_error_cause_s2m_err_d (ec_d[5]),
    .adapter_error_cause_s2m_err_de (ec_de[5]),
    .adapter_error_cause_vq_range_q (ec_q[6]),
    .adapter_error_cause_vq_range_d (ec_d[6]),
    .adapter_error_cause_vq_range_de (ec_de[6]),
    .adapter_error_cause_master_refused_q (ec_q[7]),
    .adapter_error_cause_master_refused_d (ec_d[7]),
    .adapter_error_cause_master_refused_de (ec_de[7]),
    .adapter_error_cause_features_q (ec_q[8]),
    .adapter_error_cause_features_d (ec_d[8]),
    .adapter_error_cause_features_de (ec_de[8]),
    .adapter_error_info_rd (error_info_rd),
    .adapter_win_info_rd (win_info_rd),
    .m2s_ring_base_lo_val_q (m2s_rbl), .m2s_ring_base_hi_val_q (m2s_rbh),
    .m2s_cpl_base_lo_val_q (m2s_cbl), .m2s_cpl_base_hi_val_q (m2s_cbh),
    .m2s_size_log2_q (m2s_log2), .m2s_ctrl_enable_q (m2s_en),
    .m2s_qstatus_rd (32'd0), .m2s_tail_qe (m2s_tail_qe), .m2s_tail_val_q (m2s_tail),
    .m2s_head_rd (32'd0),
    .s2m_ring_base_lo_val_q (s2m_rbl), .s2m_ring_base_hi_val_q (s2m_rbh),
    .s2m_cpl_base_lo_val_q (s2m_cbl), .s2m_cpl_base_hi_val_q (s2m_cbh),
    .s2m_size_log2_q (s2m_log2), .s2m_ctrl_enable_q (s2m_en),
    .s2m_qstatus_rd (32'd0), .s2m_tail_qe (s2m_tail_qe), .s2m_tail_val_q (s2m_tail),
    .s2m_head_rd (32'd0),
    .vq_sel_qe (vq_sel_qe), .vq_sel_val_q (vq_sel),
    .vq_vector_we (vq_vector_we), .vq_vector_rd (vq_vector_rd), .vq_vstatus_rd (vq_vstatus_rd),
    .vq_kick_pending_val_q (kp_q), .vq_kick_pending_val_d (kp_d),
    .vq_kick_pending_val_de (kp_de),
    .window_mem_status_rd (32'd0), .window_log_status_rd (32'd0),
    .window_log_size_lo_rd (32'd0), .window_log_size_hi_rd (32'd0),
    .window_xlat_sel_val_q (xlat_sel),
    .window_xlat_status_rd (32'd0),
    .window_xlat_win_off_lo_rd (32'd0), .window_xlat_win_off_hi_rd (32'd0),
    .window_xlat_size_lo_rd (32'd0), .window_xlat_size_hi_rd (32'd0),
    .window_xlat_gpa_lo_rd (32'd0), .window_xlat_gpa_hi_rd (32'd0),
    .window_xlat_uaddr_lo_rd (32'd0), .window_xlat_uaddr_hi_rd (32'd0),
    .window_absent_addr_lo_rd (32'd0), .window_absent_addr_hi_rd (32'd0),
    .doorbell_call_we (db_call_we), .doorbell_err_we (db_err_we), .doorbell_log_we (db_log_we),
    .msix_tbl_we (tbl_we), .msix_tbl_rdata (tbl_rdata), .msix_pba_rdata (pba_rdata)
  );

  // ---- error events: 0 register access, 1 doorbell, 2 VQ, 3 MSI write ----
  logic [NERR-1:0]    err;
  logic [NERR*9-1:0]  err_cause;
  logic [NERR*8-1:0]  err_code;
  logic [NERR*24-1:0] err_detail;
  logic               db_err, vq_err, msi_err;
  logic [7:0]         db_code, vq_code;
  logic [23:0]        db_detail, vq_detail;
  assign err        = {msi_err, vq_err, db_err, wr_err};
  assign err_cause  = {9'h008, 9'h040, 9'h002, 9'h001};
  assign err_code   = {8'd6, vq_code, db_code, 8'd1};
  // REG_UNALIGNED DETAIL: bits 14:0 offset, 19:16 size, bit 20 write (§11.3)
  assign err_detail = {24'd7, vq_detail, db_detail,
                       {3'd0, 1'b1, 1'b0, wr_err_size[2:0], 1'b0, wr_err_off}};
  assign cfg_rcvd_master_abort_o = msi_err;

  logic msix_idle, int_sig, vq_sig, driver_ready;
  logic [15:0] int_sig_vec, vq_sig_vec;
  logic kick_ready;
  logic [3:0] unused_misc;
  assign unused_misc = {driver_ready, kick_ready, win_addr[14:13]};

  vhost_pci_adapter #(.NUM_VQS(NUM_VQS), .NVEC(MSIX_VECTORS), .EXT(EXT_MSIX != 0), .NERR(NERR))
  u_adapter (
    .clk_i, .rst_ni, .flr_i (cfg_flr_i),
    .dev_features_sel_i (dev_features_sel), .drv_features_sel_i (drv_features_sel),
    .drv_features_we_i (drv_features_we), .status_we_i (status_we),
    .wdata_i (ext_wdata), .wmask_i (ext_wmask), .reset_pulse_i (control_reset_pulse[0]),
    .int_cause_i (ic_q), .int_cause_d_o (ic_d), .int_cause_de_o (ic_de),
    .int_enable_i (ie_q), .int_vector_qe_i (ivec_qe), .int_vector_i (ivec_q),
    .int_vector_d_o (ivec_d), .int_vector_de_o (ivec_de),
    .error_cause_i (ec_q), .error_cause_d_o (ec_d), .error_cause_de_o (ec_de),
    .caps_rd_o (caps_rd), .dev_features_rd_o (dev_features_rd),
    .drv_features_rd_o (drv_features_rd), .status_rd_o (status_rd), .link_rd_o (link_rd),
    .error_info_rd_o (error_info_rd), .win_info_rd_o (win_info_rd),
    .reset_busy_o (reset_busy),
    .err_i (err), .err_cause_i (err_cause), .err_code_i (err_code), .err_detail_i (err_detail),
    .master_up_i (master_up), .backend_chan_i (backend_chan), .session_i (session),
    .needs_reset_i (needs_reset), .cause_set_i (cause_set), .wr_idle_i (msix_idle),
    .soft_rst_o (soft_rst), .driver_ready_o (driver_ready),
    .sig_o (int_sig), .sig_vec_o (int_sig_vec)
  );

  vhost_pci_doorbell #(.NUM_VQS(NUM_VQS)) u_doorbell (
    .clk_i, .rst_ni, .soft_rst_i (soft_rst),
    .call_we_i (db_call_we), .err_we_i (db_err_we), .log_we_i (db_log_we), .idx_i (ext_idx),
    .call_armed_i (no_res), .err_armed_i (no_res), .call_nofd_i (no_res), .err_nofd_i (no_res),
    .log_armed_i (1'b0), .win_wr_idle_i (1'b1),
    .notify_valid_o, .notify_ready_i, .notify_kind_o, .notify_vq_o,
    .err_o (db_err), .err_code_o (db_code), .err_detail_o (db_detail)
  );

  vhost_pci_vq #(.NUM_VQS(NUM_VQS), .NVEC(MSIX_VECTORS)) u_vq (
    .clk_i, .rst_ni, .soft_rst_i (soft_rst),
    .sel_qe_i (vq_sel_qe), .sel_i (vq_sel), .vector_we_i (vq_vector_we),
    .wdata_i (ext_wdata), .wmask_i (ext_wmask),
    .vector_rd_o (vq_vector_rd), .vstatus_rd_o (vq_vstatus_rd),
    .kick_pending_i (kp_q), .kick_pending_d_o (kp_d), .kick_pending_de_o (kp_de),
    .kick_armed_i (no_res), .call_armed_i (no_res), .err_armed_i (no_res),
    .kick_nofd_i (no_res), .call_nofd_i (no_res),
    .kick_valid_i (1'b0), .kick_vq_i (8'd0), .kick_ready_o (kick_ready),
    .sig_o (vq_sig), .sig_vec_o (vq_sig_vec),
    .err_o (vq_err), .err_code_o (vq_code), .err_detail_o (vq_detail)
  );

  logic [63:0] msi_awaddr;
  logic [31:0] msi_wdata;
  vhost_pci_msix #(.NVEC(MSIX_VECTORS), .EXT(EXT_MSIX != 0), .QDEPTH(MSI_QDEPTH)) u_msix (
    .clk_i, .rst_ni, .soft_rst_i (soft_rst), .flush_i (cfg_flr_i), .hold_i (csr_busy),
    .bus_master_i (cfg_bus_master_i), .msix_enable_i (cfg_msix_enable_i),
    .func_mask_i (cfg_msix_func_mask_i),
    .ext_enable_i (ext_msix_enable_i), .ext_func_mask_i (ext_msix_func_mask_i),
    .ext_mask_i (ext_msix_mask_i), .dma_wr_idle_i (1'b1),
    .sig0_i (int_sig), .sig0_vec_i (int_sig_vec), .sig1_i (vq_sig), .sig1_vec_i (vq_sig_vec),
    .tbl_we_i (tbl_we), .tbl_addr_i (win_addr[12:0]), .wdata_i (ext_wdata), .wmask_i (ext_wmask),
    .tbl_rdata_o (tbl_rdata), .pba_addr_i (win_addr[11:0]), .pba_rdata_o (pba_rdata),
    .m_awaddr_o (msi_awaddr), .m_awvalid_o (m_axi_awvalid), .m_awready_i (m_axi_awready),
    .m_wdata_o (msi_wdata), .m_wvalid_o (m_axi_wvalid), .m_wready_i (m_axi_wready),
    .m_bresp_i (m_axi_bresp), .m_bvalid_i (m_axi_bvalid), .m_bready_o (m_axi_bready),
    .vec_valid_o (msix_vec_valid_o), .vec_o (msix_vec_o), .vec_ready_i (msix_vec_ready_i),
    .wr_err_o (msi_err), .undecided_o (msix_undecided_o), .idle_o (msix_idle)
  );
  assign m_axi_awaddr  = msi_awaddr;
  assign m_axi_awlen   = 8'd0;
  assign m_axi_awsize  = 3'd2;
  assign m_axi_awburst = 2'b01;
  assign m_axi_wdata   = msi_wdata;
  assign m_axi_wstrb   = 4'hf;
  assign m_axi_wlast   = 1'b1;
  assign msix_idle_o   = msix_idle;
  assign reset_busy_o  = reset_busy;
endmodule : vhost_pci_top
