// GENERATED FILE - DO NOT EDIT.
// SystemVerilog vhost-user request table, generated from regs/vhost_user_requests.yaml by tools/regs_gen.py:
//   /usr/bin/python3 tools/regs_gen.py --out-dir gen --docs docs/registers.md
// Edit the YAML (schema: regs/README.md) and rerun that command.

package vhost_pci_requests_pkg;

  // A constants package: most users import a few names, so unused
  // parameters are expected here (waiver scoped to this package).
  /* verilator lint_off UNUSEDPARAM */

  typedef enum logic [31:0] {
    VPCI_VU_REQ_GET_FEATURES = 32'd1,
    VPCI_VU_REQ_SET_FEATURES = 32'd2,
    VPCI_VU_REQ_SET_OWNER = 32'd3,
    VPCI_VU_REQ_RESET_OWNER = 32'd4,
    VPCI_VU_REQ_SET_MEM_TABLE = 32'd5,
    VPCI_VU_REQ_SET_LOG_BASE = 32'd6,
    VPCI_VU_REQ_SET_LOG_FD = 32'd7,
    VPCI_VU_REQ_SET_VRING_NUM = 32'd8,
    VPCI_VU_REQ_SET_VRING_ADDR = 32'd9,
    VPCI_VU_REQ_SET_VRING_BASE = 32'd10,
    VPCI_VU_REQ_GET_VRING_BASE = 32'd11,
    VPCI_VU_REQ_SET_VRING_KICK = 32'd12,
    VPCI_VU_REQ_SET_VRING_CALL = 32'd13,
    VPCI_VU_REQ_SET_VRING_ERR = 32'd14,
    VPCI_VU_REQ_GET_PROTOCOL_FEATURES = 32'd15,
    VPCI_VU_REQ_SET_PROTOCOL_FEATURES = 32'd16,
    VPCI_VU_REQ_GET_QUEUE_NUM = 32'd17,
    VPCI_VU_REQ_SET_VRING_ENABLE = 32'd18,
    VPCI_VU_REQ_SEND_RARP = 32'd19,
    VPCI_VU_REQ_NET_SET_MTU = 32'd20,
    VPCI_VU_REQ_SET_BACKEND_REQ_FD = 32'd21,
    VPCI_VU_REQ_IOTLB_MSG = 32'd22,
    VPCI_VU_REQ_SET_VRING_ENDIAN = 32'd23,
    VPCI_VU_REQ_GET_CONFIG = 32'd24,
    VPCI_VU_REQ_SET_CONFIG = 32'd25,
    VPCI_VU_REQ_CREATE_CRYPTO_SESSION = 32'd26,
    VPCI_VU_REQ_CLOSE_CRYPTO_SESSION = 32'd27,
    VPCI_VU_REQ_POSTCOPY_ADVISE = 32'd28,
    VPCI_VU_REQ_POSTCOPY_LISTEN = 32'd29,
    VPCI_VU_REQ_POSTCOPY_END = 32'd30,
    VPCI_VU_REQ_GET_INFLIGHT_FD = 32'd31,
    VPCI_VU_REQ_SET_INFLIGHT_FD = 32'd32,
    VPCI_VU_REQ_GPU_SET_SOCKET = 32'd33,
    VPCI_VU_REQ_RESET_DEVICE = 32'd34,
    VPCI_VU_REQ_VRING_KICK = 32'd35,
    VPCI_VU_REQ_GET_MAX_MEM_SLOTS = 32'd36,
    VPCI_VU_REQ_ADD_MEM_REG = 32'd37,
    VPCI_VU_REQ_REM_MEM_REG = 32'd38,
    VPCI_VU_REQ_SET_STATUS = 32'd39,
    VPCI_VU_REQ_GET_STATUS = 32'd40,
    VPCI_VU_REQ_GET_SHARED_OBJECT = 32'd41,
    VPCI_VU_REQ_SET_DEVICE_STATE_FD = 32'd42,
    VPCI_VU_REQ_CHECK_DEVICE_STATE = 32'd43
  } vpci_vu_frontend_req_e;
  localparam int unsigned VPCI_RELAY_FRONTEND_MAX = 32'd43;

  typedef enum logic [31:0] {
    VPCI_VU_REQ_BACKEND_IOTLB_MSG = 32'd1,
    VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG = 32'd2,
    VPCI_VU_REQ_BACKEND_VRING_HOST_NOTIFIER_MSG = 32'd3,
    VPCI_VU_REQ_BACKEND_VRING_CALL = 32'd4,
    VPCI_VU_REQ_BACKEND_VRING_ERR = 32'd5,
    VPCI_VU_REQ_BACKEND_SHARED_OBJECT_ADD = 32'd6,
    VPCI_VU_REQ_BACKEND_SHARED_OBJECT_REMOVE = 32'd7,
    VPCI_VU_REQ_BACKEND_SHARED_OBJECT_LOOKUP = 32'd8
  } vpci_vu_backend_req_e;
  localparam int unsigned VPCI_RELAY_BACKEND_MAX = 32'd8;

  localparam int unsigned VPCI_PROTO_F_MQ = 32'd0; // PASS
  localparam int unsigned VPCI_PROTO_F_LOG_SHMFD = 32'd1; // PASS
  localparam int unsigned VPCI_PROTO_F_RARP = 32'd2; // PASS
  localparam int unsigned VPCI_PROTO_F_REPLY_ACK = 32'd3; // PASS
  localparam int unsigned VPCI_PROTO_F_MTU = 32'd4; // PASS
  localparam int unsigned VPCI_PROTO_F_BACKEND_REQ = 32'd5; // PASS
  localparam int unsigned VPCI_PROTO_F_CROSS_ENDIAN = 32'd6; // PASS
  localparam int unsigned VPCI_PROTO_F_CRYPTO_SESSION = 32'd7; // PASS
  localparam int unsigned VPCI_PROTO_F_PAGEFAULT = 32'd8; // MASK
  localparam int unsigned VPCI_PROTO_F_CONFIG = 32'd9; // PASS
  localparam int unsigned VPCI_PROTO_F_BACKEND_SEND_FD = 32'd10; // MASK
  localparam int unsigned VPCI_PROTO_F_HOST_NOTIFIER = 32'd11; // MASK
  localparam int unsigned VPCI_PROTO_F_INFLIGHT_SHMFD = 32'd12; // MASK
  localparam int unsigned VPCI_PROTO_F_RESET_DEVICE = 32'd13; // PASS
  localparam int unsigned VPCI_PROTO_F_INBAND_NOTIFICATIONS = 32'd14; // MASK
  localparam int unsigned VPCI_PROTO_F_CONFIGURE_MEM_SLOTS = 32'd15; // PASS
  localparam int unsigned VPCI_PROTO_F_STATUS = 32'd16; // PASS
  localparam int unsigned VPCI_PROTO_F_XEN_MMAP = 32'd17; // MASK
  localparam int unsigned VPCI_PROTO_F_SHARED_OBJECT = 32'd18; // MASK
  localparam int unsigned VPCI_PROTO_F_DEVICE_STATE = 32'd19; // MASK
  localparam longint unsigned VPCI_PROTO_PASS_ALL = 64'h1a2ff;
  localparam int unsigned VPCI_VU_FLAG_VERSION_MASK = 32'h3; // hdr.flags: the version bits
  localparam int unsigned VPCI_VU_FLAG_VERSION = 32'h1; // hdr.flags: the version of the protocol (in the version bits)
  localparam int unsigned VPCI_VU_FLAG_REPLY = 32'h4; // hdr.flags: the message is a reply
  localparam int unsigned VPCI_VU_FLAG_NEED_REPLY = 32'h8; // hdr.flags: the sender asks for a reply (REPLY_ACK)
  localparam longint unsigned VPCI_VU_VRING_INDEX_MASK = 64'hff; // SET_VRING_KICK/CALL/ERR u64: the vring index bits
  localparam longint unsigned VPCI_VU_VRING_NOFD = 64'h100; // SET_VRING_KICK/CALL/ERR u64: no fd (polling), the bit above the index
  localparam int unsigned VPCI_VU_FDS_MAX = 32'd8; // fds one message may carry
  localparam int unsigned VPCI_VU_MEM_REGIONS_MAX = 32'd8; // regions of one memory table (SET_MEM_TABLE)
  localparam int unsigned VPCI_VU_F_PROTOCOL_FEATURES = 32'd30; // virtio feature bit VHOST_USER_F_PROTOCOL_FEATURES
  localparam logic [7:0] VPCI_NEED_LOG_WIN = 8'h1; // adapter feature LOG_WIN
  localparam int unsigned VPCI_NEED_LOG_WIN_ADAPTER_FEATURE = 32'd1;
  localparam logic [7:0] VPCI_NEED_LOG_SHMFD = 8'h2; // protocol feature LOG_SHMFD
  localparam int unsigned VPCI_NEED_LOG_SHMFD_PROTOCOL_FEATURE = 32'd1;
  localparam logic [7:0] VPCI_NEED_BACKEND_CHAN = 8'h4; // adapter feature BACKEND_CHAN
  localparam int unsigned VPCI_NEED_BACKEND_CHAN_ADAPTER_FEATURE = 32'd0;
  localparam logic [7:0] VPCI_NEED_BACKEND_REQ = 8'h8; // protocol feature BACKEND_REQ
  localparam int unsigned VPCI_NEED_BACKEND_REQ_PROTOCOL_FEATURE = 32'd5;

  typedef enum logic [7:0] {
    VPCI_CLASS_REFUSE = 8'd0,
    VPCI_CLASS_RELAY = 8'd1,
    VPCI_CLASS_XLATE = 8'd2,
    VPCI_CLASS_ADAPTER = 8'd3
  } vpci_relay_class_e;
  typedef enum logic [7:0] {
    VPCI_PL_NONE = 8'd0,
    VPCI_PL_U64 = 8'd1,
    VPCI_PL_VRING_STATE = 8'd2,
    VPCI_PL_VRING_ADDR = 8'd3,
    VPCI_PL_VRING_FD = 8'd4,
    VPCI_PL_MEM_TABLE = 8'd5,
    VPCI_PL_LOG = 8'd6,
    VPCI_PL_MEM_REG = 8'd7,
    VPCI_PL_IOTLB = 8'd8,
    VPCI_PL_CONFIG = 8'd9,
    VPCI_PL_ANY = 8'd10
  } vpci_payload_e;
  typedef enum logic [7:0] {
    VPCI_FD_0 = 8'd0,
    VPCI_FD_1 = 8'd1,
    VPCI_FD_REGIONS = 8'd2,
    VPCI_FD_VRING = 8'd3,
    VPCI_FD_0_OR_1 = 8'd4
  } vpci_fds_e;
  typedef enum logic [7:0] {
    VPCI_RELAY_RES_NONE = 8'd0,
    VPCI_RELAY_RES_MEM = 8'd1,
    VPCI_RELAY_RES_NOTIFIER = 8'd2,
    VPCI_RELAY_RES_KICK = 8'd3,
    VPCI_RELAY_RES_CHANNEL = 8'd4
  } vpci_relay_res_e;
  typedef enum logic [7:0] {
    VPCI_REPLY_ACK_ONLY = 8'd0,
    VPCI_REPLY_U64 = 8'd1,
    VPCI_REPLY_VRING_STATE = 8'd2,
    VPCI_REPLY_CONFIG = 8'd3,
    VPCI_REPLY_ANY = 8'd4,
    VPCI_REPLY_ADAPTER = 8'd5,
    VPCI_REPLY_NONE = 8'd6
  } vpci_reply_e;
  typedef enum logic [7:0] {
    VPCI_RW_NONE = 8'd0,
    VPCI_RW_MMAP_OFFSETS = 8'd1,
    VPCI_RW_LOG_OFFSET = 8'd2,
    VPCI_RW_REPLY_MASK = 8'd3,
    VPCI_RW_REPLY_CLAMP = 8'd4
  } vpci_rewrite_e;

  // One request (spec §6.2, §6.3); need: VPCI_NEED_* bits.
  typedef struct packed {
    vpci_relay_class_e cls;
    vpci_payload_e payload;
    vpci_fds_e fds;
    vpci_relay_res_e res_kind;
    logic [7:0] need;
    vpci_reply_e reply;
    vpci_rewrite_e rewrite;
  } vpci_relay_entry_t;

  // Entry of a front-end request code; unknown codes are refused.
  function automatic vpci_relay_entry_t vpci_relay_frontend_entry(input logic [31:0] code);
    case (code)
      VPCI_VU_REQ_GET_FEATURES: return '{VPCI_CLASS_RELAY, VPCI_PL_NONE, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_U64, VPCI_RW_NONE};
      VPCI_VU_REQ_SET_FEATURES: return '{VPCI_CLASS_RELAY, VPCI_PL_U64, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_SET_OWNER: return '{VPCI_CLASS_RELAY, VPCI_PL_NONE, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_RESET_OWNER: return '{VPCI_CLASS_RELAY, VPCI_PL_NONE, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_SET_MEM_TABLE: return '{VPCI_CLASS_XLATE, VPCI_PL_MEM_TABLE, VPCI_FD_REGIONS, VPCI_RELAY_RES_MEM, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_MMAP_OFFSETS};
      VPCI_VU_REQ_SET_LOG_BASE: return '{VPCI_CLASS_XLATE, VPCI_PL_LOG, VPCI_FD_1, VPCI_RELAY_RES_MEM, VPCI_NEED_LOG_WIN | VPCI_NEED_LOG_SHMFD, VPCI_REPLY_U64, VPCI_RW_LOG_OFFSET};
      VPCI_VU_REQ_SET_LOG_FD: return '{VPCI_CLASS_XLATE, VPCI_PL_NONE, VPCI_FD_1, VPCI_RELAY_RES_NOTIFIER, VPCI_NEED_LOG_WIN, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_SET_VRING_NUM: return '{VPCI_CLASS_RELAY, VPCI_PL_VRING_STATE, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_SET_VRING_ADDR: return '{VPCI_CLASS_RELAY, VPCI_PL_VRING_ADDR, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_SET_VRING_BASE: return '{VPCI_CLASS_RELAY, VPCI_PL_VRING_STATE, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_GET_VRING_BASE: return '{VPCI_CLASS_RELAY, VPCI_PL_VRING_STATE, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_VRING_STATE, VPCI_RW_NONE};
      VPCI_VU_REQ_SET_VRING_KICK: return '{VPCI_CLASS_XLATE, VPCI_PL_VRING_FD, VPCI_FD_VRING, VPCI_RELAY_RES_KICK, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_SET_VRING_CALL: return '{VPCI_CLASS_XLATE, VPCI_PL_VRING_FD, VPCI_FD_VRING, VPCI_RELAY_RES_NOTIFIER, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_SET_VRING_ERR: return '{VPCI_CLASS_XLATE, VPCI_PL_VRING_FD, VPCI_FD_VRING, VPCI_RELAY_RES_NOTIFIER, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_GET_PROTOCOL_FEATURES: return '{VPCI_CLASS_RELAY, VPCI_PL_NONE, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_U64, VPCI_RW_REPLY_MASK};
      VPCI_VU_REQ_SET_PROTOCOL_FEATURES: return '{VPCI_CLASS_RELAY, VPCI_PL_U64, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_GET_QUEUE_NUM: return '{VPCI_CLASS_RELAY, VPCI_PL_NONE, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_U64, VPCI_RW_REPLY_CLAMP};
      VPCI_VU_REQ_SET_VRING_ENABLE: return '{VPCI_CLASS_RELAY, VPCI_PL_VRING_STATE, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_SEND_RARP: return '{VPCI_CLASS_RELAY, VPCI_PL_U64, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_NET_SET_MTU: return '{VPCI_CLASS_RELAY, VPCI_PL_U64, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_SET_BACKEND_REQ_FD: return '{VPCI_CLASS_XLATE, VPCI_PL_NONE, VPCI_FD_1, VPCI_RELAY_RES_CHANNEL, VPCI_NEED_BACKEND_CHAN | VPCI_NEED_BACKEND_REQ, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_IOTLB_MSG: return '{VPCI_CLASS_RELAY, VPCI_PL_IOTLB, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_U64, VPCI_RW_NONE};
      VPCI_VU_REQ_SET_VRING_ENDIAN: return '{VPCI_CLASS_RELAY, VPCI_PL_VRING_STATE, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_GET_CONFIG: return '{VPCI_CLASS_RELAY, VPCI_PL_CONFIG, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_CONFIG, VPCI_RW_NONE};
      VPCI_VU_REQ_SET_CONFIG: return '{VPCI_CLASS_RELAY, VPCI_PL_CONFIG, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_CREATE_CRYPTO_SESSION: return '{VPCI_CLASS_RELAY, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ANY, VPCI_RW_NONE};
      VPCI_VU_REQ_CLOSE_CRYPTO_SESSION: return '{VPCI_CLASS_RELAY, VPCI_PL_U64, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_POSTCOPY_ADVISE: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      VPCI_VU_REQ_POSTCOPY_LISTEN: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      VPCI_VU_REQ_POSTCOPY_END: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      VPCI_VU_REQ_GET_INFLIGHT_FD: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      VPCI_VU_REQ_SET_INFLIGHT_FD: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      VPCI_VU_REQ_GPU_SET_SOCKET: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      VPCI_VU_REQ_RESET_DEVICE: return '{VPCI_CLASS_RELAY, VPCI_PL_NONE, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_VRING_KICK: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      VPCI_VU_REQ_GET_MAX_MEM_SLOTS: return '{VPCI_CLASS_ADAPTER, VPCI_PL_NONE, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ADAPTER, VPCI_RW_NONE};
      VPCI_VU_REQ_ADD_MEM_REG: return '{VPCI_CLASS_XLATE, VPCI_PL_MEM_REG, VPCI_FD_1, VPCI_RELAY_RES_MEM, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_MMAP_OFFSETS};
      VPCI_VU_REQ_REM_MEM_REG: return '{VPCI_CLASS_XLATE, VPCI_PL_MEM_REG, VPCI_FD_0_OR_1, VPCI_RELAY_RES_MEM, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_MMAP_OFFSETS};
      VPCI_VU_REQ_SET_STATUS: return '{VPCI_CLASS_RELAY, VPCI_PL_U64, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_GET_STATUS: return '{VPCI_CLASS_RELAY, VPCI_PL_NONE, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_U64, VPCI_RW_NONE};
      VPCI_VU_REQ_GET_SHARED_OBJECT: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      VPCI_VU_REQ_SET_DEVICE_STATE_FD: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      VPCI_VU_REQ_CHECK_DEVICE_STATE: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      default: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
    endcase
  endfunction

  // Entry of a back-end request code; unknown codes are refused.
  function automatic vpci_relay_entry_t vpci_relay_backend_entry(input logic [31:0] code);
    case (code)
      VPCI_VU_REQ_BACKEND_IOTLB_MSG: return '{VPCI_CLASS_RELAY, VPCI_PL_IOTLB, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_BACKEND_CONFIG_CHANGE_MSG: return '{VPCI_CLASS_RELAY, VPCI_PL_NONE, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_ACK_ONLY, VPCI_RW_NONE};
      VPCI_VU_REQ_BACKEND_VRING_HOST_NOTIFIER_MSG: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      VPCI_VU_REQ_BACKEND_VRING_CALL: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      VPCI_VU_REQ_BACKEND_VRING_ERR: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      VPCI_VU_REQ_BACKEND_SHARED_OBJECT_ADD: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      VPCI_VU_REQ_BACKEND_SHARED_OBJECT_REMOVE: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      VPCI_VU_REQ_BACKEND_SHARED_OBJECT_LOOKUP: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
      default: return '{VPCI_CLASS_REFUSE, VPCI_PL_ANY, VPCI_FD_0, VPCI_RELAY_RES_NONE, 8'h0, VPCI_REPLY_NONE, VPCI_RW_NONE};
    endcase
  endfunction

  // Size rule of a payload layout (see struct vpci_payload_rule in vhost_pci_requests.h).
  typedef struct packed {
    logic [15:0] size_min;
    logic [15:0] size_max;
    logic [15:0] base;
    logic [15:0] unit;
    logic [15:0] count_at;
    logic [31:0] count_min;
    logic [31:0] count_max;
    logic unused_u64;
  } vpci_payload_rule_t;

  function automatic vpci_payload_rule_t vpci_payload_rule(input vpci_payload_e pl);
    case (pl)
      VPCI_PL_NONE: return '{16'd0, 16'd0, 16'd0, 16'd0, 16'd0, 32'd0, 32'd0, 1'b1};
      VPCI_PL_U64: return '{16'd8, 16'd8, 16'd0, 16'd0, 16'd0, 32'd0, 32'd0, 1'b0};
      VPCI_PL_VRING_STATE: return '{16'd8, 16'd8, 16'd0, 16'd0, 16'd0, 32'd0, 32'd0, 1'b0};
      VPCI_PL_VRING_ADDR: return '{16'd40, 16'd40, 16'd0, 16'd0, 16'd0, 32'd0, 32'd0, 1'b0};
      VPCI_PL_VRING_FD: return '{16'd8, 16'd8, 16'd0, 16'd0, 16'd0, 32'd0, 32'd0, 1'b0};
      VPCI_PL_MEM_TABLE: return '{16'd40, 16'd264, 16'd8, 16'd32, 16'd0, 32'd1, 32'd8, 1'b0};
      VPCI_PL_LOG: return '{16'd16, 16'd16, 16'd0, 16'd0, 16'd0, 32'd0, 32'd0, 1'b0};
      VPCI_PL_MEM_REG: return '{16'd40, 16'd40, 16'd0, 16'd0, 16'd0, 32'd0, 32'd0, 1'b0};
      VPCI_PL_IOTLB: return '{16'd26, 16'd32, 16'd0, 16'd0, 16'd0, 32'd0, 32'd0, 1'b0};
      VPCI_PL_CONFIG: return '{16'd12, 16'd268, 16'd12, 16'd1, 16'd4, 32'd0, 32'd256, 1'b0};
      VPCI_PL_ANY: return '{16'd0, 16'd4084, 16'd0, 16'd0, 16'd0, 32'd0, 32'd0, 1'b0};
      default: return '0;
    endcase
  endfunction

  // hdr.size follows the rule of pl; count: the u32 at rule.count_at of the payload
  // (counted layouts only); from_master: an unused u64 is accepted where allowed.
  function automatic logic vpci_payload_size_ok(input vpci_payload_e pl, input logic [31:0] size,
                                  input logic [31:0] count, input logic from_master);
    /* verilator lint_off UNUSEDSIGNAL */ // count_at: where the caller read count
    vpci_payload_rule_t r;
    /* verilator lint_on UNUSEDSIGNAL */
    r = vpci_payload_rule(pl);
    if (from_master && r.unused_u64 && size == 32'd8) return 1'b1;
    if (size < 32'(r.size_min) || size > 32'(r.size_max)) return 1'b0;
    if (r.unit == 16'd0) return 1'b1;
    return count >= r.count_min && count <= r.count_max &&
           size == 32'(r.base) + 32'(r.unit) * count;
  endfunction

  /* verilator lint_on UNUSEDPARAM */

endpackage : vhost_pci_requests_pkg
