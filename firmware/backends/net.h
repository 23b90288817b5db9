/* SPDX-License-Identifier: MIT */
/*
 * net.h - virtio-net device backend on the firmware library (vpf.h).
 *
 * A switch object owns ports; each port is one virtio-net device on its own
 * adapter (its own vpf_dev / HAL / core instance). Virtqueue 0 is receiveq1
 * (device -> master), 1 is transmitq1 (master -> device). Port modes:
 *  - VPF_NET_PORT_SWITCH: an L2 learning switch between all SWITCH ports:
 *    source MACs are learned per port; frames to a known unicast MAC go to
 *    that port only (not back to their own port), unknown unicast, multicast
 *    and broadcast are flooded to every other SWITCH port. Each frame is
 *    copied from the TX chain of one port into RX buffers of another.
 *    Unicast to a port without free RX buffers waits (the TX chain stays in
 *    the ring: back-pressure, retried on every step); a flooded copy for a
 *    port without room is dropped (counted).
 *  - VPF_NET_PORT_RXONLY: benchmark sink; every TX frame is copied out of
 *    the ring into the port's buffer and counted, nothing is forwarded.
 *    Payload check (unless no_check): the first frame of each length (up
 *    to VPF_NET_CHECK_TEMPLATES lengths) becomes that length's template,
 *    every frame is compared with it byte for byte: frames_ok / frames_bad
 *    (a source of identical frames per length, like DPDK testpmd txonly,
 *    must give frames_bad == 0; frames of further lengths count as
 *    frames_unchecked).
 *  - VPF_NET_PORT_TXONLY: benchmark source; fills every RX buffer with a
 *    generated frame (port MAC -> txonly_dst, an 8-byte sequence number then
 *    a byte pattern; up to txonly_count frames, 0 = unlimited); TX frames are
 *    consumed and counted.
 *  - VPF_NET_PORT_REFLECT: every TX frame goes back to the sender's RX with
 *    source and destination MAC swapped (back-pressure as unicast).
 * virtio_net_hdr: 12 bytes with VIRTIO_F_VERSION_1 or VIRTIO_NET_F_MRG_RXBUF,
 * 10 bytes otherwise; the device writes a zero header (no offloads; offload
 * features are not offered) with num_buffers. MRG_RXBUF (optional, on by
 * default) spreads a frame over several RX chains. Config space: MAC and
 * status (VIRTIO_NET_F_STATUS, link up while the port runs).
 *
 *     struct vpf_net_switch *sw = vpf_net_switch_create(NULL);
 *     struct vpf_net_opts o = { .mode = VPF_MODE_ADAPTIVE, .mac = {2,0,0,0,0,1} };
 *     struct vpf_net_port *p = vpf_net_switch_add_port(sw, hal, &o);
 *     vpf_net_switch_start(sw);
 *     for (;;) vpf_net_switch_step(sw, 10);
 */
#ifndef VPF_NET_H
#define VPF_NET_H

#include <stdbool.h>
#include <stdint.h>

#include "vpf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* virtio-net feature bits (virtio 1.x §5.1.3). */
#define VPF_NET_F_MTU 3
#define VPF_NET_F_MAC 5
#define VPF_NET_F_MRG_RXBUF 15
#define VPF_NET_F_STATUS 16
#define VPF_NET_S_LINK_UP 1u

#define VPF_NET_RXQ 0u
#define VPF_NET_TXQ 1u
#define VPF_NET_HDR_LEN 12u          /* struct virtio_net_hdr_mrg_rxbuf     */
#define VPF_NET_HDR_LEN_LEGACY 10u   /* without VERSION_1 and MRG_RXBUF     */
#define VPF_NET_MAX_FRAME 65536u     /* largest frame accepted (bytes)      */
#define VPF_NET_MIN_FRAME 14u        /* an Ethernet header                  */
#define VPF_NET_MAX_PORTS 16u
#define VPF_NET_CHECK_TEMPLATES 8u   /* RXONLY check: frame lengths kept    */

/* struct virtio_net_config (the fields this device uses), 12 bytes. */
struct vpf_net_config {
    uint8_t mac[6];
    uint16_t status;
    uint16_t max_virtqueue_pairs;
    uint16_t mtu;
} __attribute__((packed));

enum vpf_net_port_mode {
    VPF_NET_PORT_SWITCH = 0,
    VPF_NET_PORT_RXONLY,
    VPF_NET_PORT_TXONLY,
    VPF_NET_PORT_REFLECT,
};

struct vpf_net_opts {
    enum vpf_mode mode;             /* polling, interrupt or adaptive     */
    enum vpf_net_port_mode port_mode;
    uint8_t mac[6];                 /* config-space MAC (VIRTIO_NET_F_MAC) */
    bool no_mrg_rxbuf;              /* do not offer VIRTIO_NET_F_MRG_RXBUF */
    uint16_t mtu;                   /* config mtu (0: 1500; F_MTU not offered) */
    uint32_t txonly_len;            /* generated frame length (0: 64)     */
    uint64_t txonly_count;          /* frames to generate (0: unlimited)  */
    uint8_t txonly_dst[6];          /* destination MAC (all zero: broadcast) */
    bool no_check;                  /* RXONLY: no per-frame payload check  */
    unsigned m2s_log2, s2m_log2, idle_spins; /* passed to vpf_config      */
};

struct vpf_net_port_stats {
    uint64_t tx_frames, tx_bytes;   /* frames the master sent (TX queue)  */
    uint64_t rx_frames, rx_bytes;   /* frames written to the master (RX)  */
    uint64_t rx_chains;             /* RX chains used (> frames with MRG) */
    uint64_t drop_no_buf;           /* flooded copies without room         */
    uint64_t drop_bad;              /* runt / oversize / unroutable TX frames */
    uint64_t tx_waits;              /* TX stopped for a full destination   */
    uint64_t flooded;               /* TX frames flooded                   */
    uint64_t bad_layout;            /* chains rejected (virtqueue broken)  */
    uint64_t tx_disabled;           /* TX chains discarded: ring disabled  */
    /* RXONLY payload check */
    uint64_t frames_ok;             /* equal to their length's template    */
    uint64_t frames_bad;            /* differing from it                   */
    uint64_t frames_unchecked;      /* lengths beyond the template table   */
    uint64_t templates;             /* templates taken                     */
    uint64_t first_bad;             /* tx_frames index of the first bad one */
};

struct vpf_net_switch_opts {
    unsigned mac_table;             /* learning table entries (0: 256, <= 4096) */
};

struct vpf_net_switch;
struct vpf_net_port;

/* Create an empty switch (@o may be NULL). */
struct vpf_net_switch *vpf_net_switch_create(const struct vpf_net_switch_opts *o);
/* Destroy the switch and every port (their library instances stop). */
void vpf_net_switch_destroy(struct vpf_net_switch *sw);
/* Add a port on the adapter behind @hal. NULL on bad options, too many
 * ports or allocation failure. Not started. */
struct vpf_net_port *vpf_net_switch_add_port(struct vpf_net_switch *sw, const struct vpci_hal *hal,
                                             const struct vpf_net_opts *o);
/* Remove port @p while the switch runs: its library instance stops
 * (vpf_destroy; its session ends), the stations learned on it are forgotten,
 * the ports after it move down by one index. 0, or -1 if @p is not a port
 * of @sw. Call before the adapter behind its HAL goes away. */
int vpf_net_switch_remove_port(struct vpf_net_switch *sw, struct vpf_net_port *p);
/* Start every port not running yet (vpf_start): VPF_OK if all are running,
 * else the vpf_start code of the last port that failed. */
enum vpf_status vpf_net_switch_start(struct vpf_net_switch *sw);
/* One iteration over all ports: each port's vpf_process (waiting only when
 * no port had work and @timeout_ms > 0: each port then waits up to
 * @timeout_ms / ports), then retries waiting TX queues. Returns work done. */
int vpf_net_switch_step(struct vpf_net_switch *sw, uint32_t timeout_ms);

unsigned vpf_net_switch_ports(const struct vpf_net_switch *sw);
struct vpf_net_port *vpf_net_switch_port(struct vpf_net_switch *sw, unsigned i);
/* Port index the switch learned @mac on, or -1. */
int vpf_net_switch_lookup(const struct vpf_net_switch *sw, const uint8_t mac[6]);

struct vpf_dev *vpf_net_port_dev(struct vpf_net_port *p);
void vpf_net_port_get_stats(const struct vpf_net_port *p, struct vpf_net_port_stats *s);
/* RXONLY check: template @i (NULL past the last), its length in @len. The
 * templates of a session stay readable after it ended, until the next
 * session's first frame replaces them. */
const uint8_t *vpf_net_port_template(const struct vpf_net_port *p, unsigned i, uint32_t *len);
/* RXONLY check: forget the templates (the next frames become new ones). */
void vpf_net_port_reset_check(struct vpf_net_port *p);
/* Last frame an RXONLY port copied out (without virtio_net_hdr). */
const uint8_t *vpf_net_port_last_frame(const struct vpf_net_port *p, uint32_t *len);

#ifdef __cplusplus
}
#endif

#endif /* VPF_NET_H */
