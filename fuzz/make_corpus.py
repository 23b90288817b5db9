#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the seed corpora fuzz/corpus/<target>/ of the core's fuzz targets.

Each seed is a short operation sequence in the byte encoding that
fuzz_master_msg.c / fuzz_mmio_dma.c decode (see their op enums and
fuzz_common.c): a driver bring-up, a master session and a few typical
vhost-user messages, so that fuzzing starts from deep states. Seeds are
tiny and deterministic; re-run after changing the encoding:
    /usr/bin/python3 fuzz/make_corpus.py
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Request codes and protocol feature bits: the request table's generated constants
# (regs/vhost_user_requests.yaml -> gen/vhost_pci_regs.py).
sys.path.insert(0, os.path.join(os.path.dirname(HERE), 'gen'))
from vhost_pci_regs import (VPCI_PROTO_F_LOG_SHMFD, VPCI_RELAY_BACKEND_MAX,  # noqa: E402
                            VPCI_VU_REQ_ADD_MEM_REG, VPCI_VU_REQ_GET_FEATURES,
                            VPCI_VU_REQ_GET_PROTOCOL_FEATURES, VPCI_VU_REQ_GET_QUEUE_NUM,
                            VPCI_VU_REQ_POSTCOPY_ADVISE, VPCI_VU_REQ_REM_MEM_REG,
                            VPCI_VU_REQ_SET_BACKEND_REQ_FD, VPCI_VU_REQ_SET_FEATURES,
                            VPCI_VU_REQ_SET_LOG_BASE, VPCI_VU_REQ_SET_MEM_TABLE,
                            VPCI_VU_REQ_SET_PROTOCOL_FEATURES, VPCI_VU_REQ_SET_VRING_CALL,
                            VPCI_VU_REQ_SET_VRING_KICK)

def u8(*v): return bytes(v)
def u16(v): return struct.pack('<H', v)
def u32(v): return struct.pack('<I', v)
def u64(v): return struct.pack('<Q', v)

# fuzz_master_msg opcodes (OP_COUNT = 18; 0..7 = structured message)
M_MSG, M_RAW, M_CONNECT, M_DISCONNECT, M_KICK, M_DOORBELL, M_WINDOW, M_WPTR, M_S2M, \
    M_DRIVER, M_RESET = 0, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17

# params (fz_params): vqs[a & 7], vecs[(a >> 3) & 7], a bit 6 external MSI-X,
# bit 7 persistent windows; b bits 1:0 mem window 2^(20+n), bits 4:2 log window.
PARAMS = u8(0x0c, 0x0a)           # 64 vqs, 2 vectors, internal, trapped, 4 MiB window, 16 KiB log
PARAMS_EXT = u8(0x4a, 0x01)       # external MSI-X, 4 vqs, 2 vectors, 2 MiB window
DRIVER_FIRST = u8(0x00, 0x02)     # setup: driver first; driver cfg: rings of 4
REPLY = u8(0x00) + u64(1 << 32)   # driver poll: reply with VERSION_1

def msg(req, mut=0, body=b''):
    return u8(M_MSG, req, mut) + body

def master_seeds():
    s = {}
    s['get_features'] = PARAMS + DRIVER_FIRST + msg(VPCI_VU_REQ_GET_FEATURES) + REPLY
    s['set_features'] = PARAMS + DRIVER_FIRST + msg(VPCI_VU_REQ_SET_FEATURES, 0, u64(1 << 32))
    # SET_MEM_TABLE: n byte 0 -> 1 region; size index 2 (1 MiB); mode 0; res size as declared
    s['set_mem_table'] = PARAMS + DRIVER_FIRST + msg(VPCI_VU_REQ_SET_MEM_TABLE, 0, u8(0, 2, 0, 0)) + \
        u8(M_WINDOW, 0x86, 0) + u16(16) + u64(0x1122334455667788) + u8(M_WPTR, 0) + u16(0) + u16(0) + u16(63)
    s['set_mem_table_2'] = PARAMS + DRIVER_FIRST + msg(VPCI_VU_REQ_SET_MEM_TABLE, 0, u8(1, 0, 0, 1, 0, 0, 0))
    s['add_rem_mem_reg'] = PARAMS + DRIVER_FIRST + msg(VPCI_VU_REQ_ADD_MEM_REG, 0, u8(0, 0, 0, 0)) + msg(VPCI_VU_REQ_REM_MEM_REG, 0, u8(0, 0, 0))
    s['vring_kick_kick'] = PARAMS + DRIVER_FIRST + msg(VPCI_VU_REQ_SET_VRING_KICK, 0, u8(0)) + u8(M_KICK, 0) + u8(M_KICK, 0)
    s['vring_call_doorbell'] = PARAMS + DRIVER_FIRST + msg(VPCI_VU_REQ_SET_VRING_CALL, 0, u8(0)) + u8(M_DOORBELL, 0, 0)
    s['log_base'] = PARAMS + DRIVER_FIRST + msg(VPCI_VU_REQ_SET_PROTOCOL_FEATURES, 0, u64(1 << VPCI_PROTO_F_LOG_SHMFD)) + msg(VPCI_VU_REQ_SET_LOG_BASE, 0, u8(3, 0)) + \
        u8(M_DOORBELL, 3, 0)
    s['protocol_features'] = PARAMS + DRIVER_FIRST + msg(VPCI_VU_REQ_GET_PROTOCOL_FEATURES) + u8(0) + u64(0xffffffffffffffff)
    s['queue_num'] = PARAMS_EXT + DRIVER_FIRST + msg(VPCI_VU_REQ_GET_QUEUE_NUM) + u8(0) + u64(1000)
    s['backend_req_fd'] = PARAMS + DRIVER_FIRST + msg(VPCI_VU_REQ_SET_BACKEND_REQ_FD) + \
        u8(M_S2M, 0x01, VPCI_RELAY_BACKEND_MAX + 1) + b''
    s['master_first'] = PARAMS + u8(0x02) + msg(VPCI_VU_REQ_GET_FEATURES) + msg(VPCI_VU_REQ_SET_FEATURES, 0, u64(1 << 32)) + \
        u8(M_DRIVER, 0x02) + REPLY
    s['reconnect'] = PARAMS + DRIVER_FIRST + msg(VPCI_VU_REQ_GET_FEATURES) + REPLY + u8(M_DISCONNECT, M_CONNECT) + msg(VPCI_VU_REQ_GET_FEATURES) + REPLY
    s['refused'] = PARAMS + DRIVER_FIRST + msg(VPCI_VU_REQ_POSTCOPY_ADVISE) + u8(M_CONNECT) + msg(VPCI_VU_REQ_GET_FEATURES) + REPLY
    s['reset'] = PARAMS + DRIVER_FIRST + msg(VPCI_VU_REQ_SET_MEM_TABLE, 0, u8(0, 2, 0, 0)) + u8(M_RESET, 0, M_DRIVER, 0x02, M_CONNECT)
    return s

# fuzz_mmio_dma opcodes (OP_COUNT = 20)
(D_RD, D_WR, D_WR2, D_CFG_RD, D_CFG_WR, D_DMA_ONE, D_DMA_ALL, D_DMA_MODE, D_DMA_BOGUS, D_RESET,
 D_CONNECT, D_DISCONNECT, D_MSG, D_KICK, D_INIT, D_POLL, D_S2M, D_POKE, D_EXT_MASK, D_WPTR) = range(20)

def mmio_seeds():
    s = {}
    init = PARAMS + u8(D_INIT, 0x02, D_CONNECT)
    s['init'] = init
    s['init_msg_deferred'] = init + u8(D_MSG, 0) + u8(VPCI_VU_REQ_GET_FEATURES, 0) + u8(D_DMA_ONE, 0, D_DMA_ONE, 0, D_DMA_ONE, 0, D_POLL, 0) + u64(1 << 32) + u8(D_DMA_ALL)
    s['dma_error'] = init + u8(D_MSG, 0) + u8(VPCI_VU_REQ_GET_FEATURES, 0) + u8(D_DMA_ONE, 0x80, D_DMA_ALL)
    s['late_after_reset'] = init + u8(D_MSG, 0) + u8(VPCI_VU_REQ_GET_FEATURES, 0) + u8(D_RESET, 0, D_DMA_ALL)
    s['flr'] = init + u8(D_MSG, 0) + u8(VPCI_VU_REQ_SET_MEM_TABLE, 0, 0, 2, 0, 0) + u8(D_RESET, 1, D_DMA_ALL)
    s['s2m'] = init + u8(D_S2M, 0x00, VPCI_VU_REQ_GET_FEATURES) + u8(D_DMA_ALL)
    s['regs'] = PARAMS + u8(D_CFG_WR, 0x00, 0x04) + u32(6) + u8(D_WR, 0x00) + u16(0x34) + u8(0) + u64(0xff) + \
        u8(D_RD, 0x00) + u16(0x30) + u8(3) + u8(D_WR, 0x20) + u16(0x10) + u8(0) + u64(1) + \
        u8(D_RD, 0x30) + u8(1)
    s['msix_table'] = init + u8(D_WR, 0x20) + u16(0xc) + u8(0) + u64(1) + u8(D_CFG_WR, 0, 0x82) + u32(0xc000) + \
        u8(D_RD, 0x28) + u16(0x3000) + u8(0)
    s['bad_ring'] = init + u8(D_WR, 0x00) + u16(0x110) + u8(0) + u64(0x13) + u8(D_WR, 0x00) + u16(0x124) + u8(0) + u64(0) + \
        u8(D_WR, 0x00) + u16(0x124) + u8(0) + u64(1)
    s['overflow'] = init + u8(D_WR, 0x00) + u16(0x12c) + u8(0) + u64(0x9999)
    s['window'] = init + u8(D_MSG, 0) + u8(VPCI_VU_REQ_SET_MEM_TABLE, 0, 0, 2, 0, 0) + u8(D_DMA_ALL, D_POLL, D_RD, 0x04) + u16(1) + u8(3)
    s['external'] = PARAMS_EXT + u8(D_INIT, 0x02, D_CONNECT, D_EXT_MASK) + u16(0) + u8(1) + \
        u8(D_MSG, 0) + u8(VPCI_VU_REQ_GET_FEATURES, 0, D_DMA_ALL, D_EXT_MASK) + u16(0) + u8(0)
    return s

def main():
    for target, seeds in (('fuzz_master_msg', master_seeds()), ('fuzz_mmio_dma', mmio_seeds())):
        d = os.path.join(HERE, 'corpus', target)
        os.makedirs(d, exist_ok=True)
        for name, data in sorted(seeds.items()):
            with open(os.path.join(d, name), 'wb') as f:
                f.write(data)
        print(f'{target}: {len(seeds)} seeds in {os.path.relpath(d)}')
    return 0

if __name__ == '__main__':
    sys.exit(main())
