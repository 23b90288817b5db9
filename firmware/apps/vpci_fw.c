/* SPDX-License-Identifier: MIT */
/*
 * vpci_fw.c - vpci-fw: the firmware as a Linux program that owns vhost-pci
 * adapters through VFIO (HAL port hal/ports/hal_vfio.c), for the backend VM
 * of issue 13. Runs the blk backend (RAM disk or a disk file of the guest)
 * on one adapter, or the net L2 switch (or rxonly/txonly/reflect ports) on
 * one or more adapters, in interrupt, adaptive or poll mode, until SIGINT or
 * SIGTERM. Status lines on stdout start with "vpci-fw: " (see usage()).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "blk.h"
#include "hal_vfio.h"
#include "net.h"
#include "vpf.h"

#define MAX_PCI 8u

enum backend { BE_BLK, BE_NET, BE_RXONLY, BE_TXONLY, BE_REFLECT };

struct opts {
    const char *pci[MAX_PCI];
    unsigned npci;
    enum backend backend;
    enum vpf_mode mode;
    const char *disk;
    uint64_t ram_disk;
    bool read_only;
    unsigned queues;
    enum vpci_hal_vfio_win_mode win_mode;
    size_t dma_size;
    uint64_t dma_iova;
    double report_s;
    unsigned exit_after_sessions;
};

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: vpci-fw --pci DDDD:BB:DD.F [--pci ...] [options]\n"
        "  Owns vhost-pci adapters bound to vfio-pci (VFIO type1; in a VM: a vIOMMU,\n"
        "  intel_iommu=on) and serves their masters with a firmware backend.\n"
        "  --pci ADDR          an adapter (blk: exactly one; net kinds: one port each)\n"
        "  --backend KIND      blk (default), net (L2 switch), rxonly, txonly, reflect\n"
        "  --ram-disk SIZE     blk: RAM disk, K/M/G suffix (default 16M)\n"
        "  --disk FILE         blk: serve FILE instead (pread/pwrite)\n"
        "  --read-only         blk: read-only disk\n"
        "  --queues N          blk request queues (default 1)\n"
        "  --mode MODE         irq (default), adaptive, poll\n"
        "  --window MODE       accessor (default: every window access through the BAR,\n"
        "                      for a trapped BAR2) or pointer (BAR2 mapped as memory:\n"
        "                      vfio-user persistent windows)\n"
        "  --dma-size SIZE     DMA buffer (default 4M), --iova ADDR its IOVA (0x10000000)\n"
        "  --report-interval S status line every S seconds (default: at exit only)\n"
        "  --exit-after-sessions N  exit once N master sessions have ended\n"
        "Output: 'vpci-fw: opened ...', 'vpci-fw: ready ...', 'vpci-fw: session ...' on\n"
        "link changes, 'vpci-fw: report ...' (counters), 'vpci-fw: exit ...'. Exit 0 on\n"
        "SIGINT/SIGTERM, 1 on a failure, 2 on bad options.\n");
}

static bool parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s)
        return false;
    switch (*end) {
    case 'k': case 'K': v <<= 10; end++; break;
    case 'm': case 'M': v <<= 20; end++; break;
    case 'g': case 'G': v <<= 30; end++; break;
    default: break;
    }
    if (*end)
        return false;
    *out = v;
    return true;
}

static int parse(int argc, char **argv, struct opts *o)
{
    static const struct option lo[] = {
        {"pci", required_argument, 0, 'p'},       {"backend", required_argument, 0, 'b'},
        {"ram-disk", required_argument, 0, 'r'},  {"disk", required_argument, 0, 'd'},
        {"read-only", no_argument, 0, 'R'},       {"queues", required_argument, 0, 'q'},
        {"mode", required_argument, 0, 'm'},      {"window", required_argument, 0, 'w'},
        {"dma-size", required_argument, 0, 'D'},  {"iova", required_argument, 0, 'I'},
        {"report-interval", required_argument, 0, 'i'},
        {"exit-after-sessions", required_argument, 0, 'x'},
        {"help", no_argument, 0, 'h'},            {0, 0, 0, 0}};
    static const char *const be[] = {"blk", "net", "rxonly", "txonly", "reflect"};
    uint64_t v;
    int c;

    *o = (struct opts){.backend = BE_BLK, .mode = VPF_MODE_INTERRUPT, .ram_disk = 16u << 20,
                       .queues = 1};
    while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        switch (c) {
        case 'p':
            if (o->npci == MAX_PCI) {
                fprintf(stderr, "vpci-fw: at most %u --pci\n", MAX_PCI);
                return 2;
            }
            o->pci[o->npci++] = optarg;
            break;
        case 'b': {
            unsigned i;
            for (i = 0; i < 5 && strcmp(optarg, be[i]); i++)
                ;
            if (i == 5) {
                fprintf(stderr, "vpci-fw: --backend %s: blk, net, rxonly, txonly or reflect\n", optarg);
                return 2;
            }
            o->backend = (enum backend)i;
            break;
        }
        case 'r':
            if (!parse_size(optarg, &o->ram_disk) || !o->ram_disk || o->ram_disk % 512) {
                fprintf(stderr, "vpci-fw: --ram-disk %s: a size, a multiple of 512\n", optarg);
                return 2;
            }
            break;
        case 'd': o->disk = optarg; break;
        case 'R': o->read_only = true; break;
        case 'q':
            if (!parse_size(optarg, &v) || v < 1 || v > 64) {
                fprintf(stderr, "vpci-fw: --queues %s: 1..64\n", optarg);
                return 2;
            }
            o->queues = (unsigned)v;
            break;
        case 'm':
            if (!strcmp(optarg, "irq"))
                o->mode = VPF_MODE_INTERRUPT;
            else if (!strcmp(optarg, "adaptive"))
                o->mode = VPF_MODE_ADAPTIVE;
            else if (!strcmp(optarg, "poll"))
                o->mode = VPF_MODE_POLL;
            else {
                fprintf(stderr, "vpci-fw: --mode %s: irq, adaptive or poll\n", optarg);
                return 2;
            }
            break;
        case 'w':
            if (!strcmp(optarg, "accessor"))
                o->win_mode = VPCI_HAL_VFIO_WIN_ACCESSOR;
            else if (!strcmp(optarg, "pointer"))
                o->win_mode = VPCI_HAL_VFIO_WIN_POINTER;
            else {
                fprintf(stderr, "vpci-fw: --window %s: accessor or pointer\n", optarg);
                return 2;
            }
            break;
        case 'D':
            if (!parse_size(optarg, &v) || v < 65536) {
                fprintf(stderr, "vpci-fw: --dma-size %s: at least 64K\n", optarg);
                return 2;
            }
            o->dma_size = (size_t)v;
            break;
        case 'I':
            if (!parse_size(optarg, &o->dma_iova) || o->dma_iova % 4096) {
                fprintf(stderr, "vpci-fw: --iova %s: a page-aligned address\n", optarg);
                return 2;
            }
            break;
        case 'i':
            o->report_s = atof(optarg);
            break;
        case 'x':
            if (!parse_size(optarg, &v)) {
                fprintf(stderr, "vpci-fw: --exit-after-sessions %s: a number\n", optarg);
                return 2;
            }
            o->exit_after_sessions = (unsigned)v;
            break;
        case 'h': usage(stdout); exit(0);
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc || o->npci == 0) {
        fprintf(stderr, "vpci-fw: %s\n", o->npci ? "unexpected argument" : "--pci is required");
        usage(stderr);
        return 2;
    }
    if (o->backend == BE_BLK && o->npci != 1) {
        fprintf(stderr, "vpci-fw: the blk backend takes exactly one --pci\n");
        return 2;
    }
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *mode_name(enum vpf_mode m)
{
    return m == VPF_MODE_POLL ? "poll" : m == VPF_MODE_ADAPTIVE ? "adaptive" : "irq";
}

/* Per adapter: what the main loop watches for status lines. */
struct port {
    struct vpci_hal_vfio *hv;
    struct vpf_dev *dev;
    struct vpf_net_port *net;
    bool up;
    uint8_t session;
    uint64_t ended;
};

static void report(const struct opts *o, struct port *ports, struct vpf_blk *blk, double t0)
{
    for (unsigned i = 0; i < o->npci; i++) {
        struct vpf_stats s;
        struct vpci_hal_vfio_stats hs;
        vpf_get_stats(ports[i].dev, &s);
        vpci_hal_vfio_stats(ports[i].hv, &hs);
        printf("vpci-fw: report %s uptime_s=%.1f sessions=%" PRIu64 " msgs=%" PRIu64
               " replies=%" PRIu64 " replies_dropped=%" PRIu64 " kicks=%" PRIu64 " calls=%" PRIu64
               " chains=%" PRIu64 " bad_chains=%" PRIu64 " bad_msgs=%" PRIu64 " irqs=%" PRIu64
               " mmio_reads=%" PRIu64 " mmio_writes=%" PRIu64 " win_reads=%" PRIu64
               " win_writes=%" PRIu64 " win_bytes=%" PRIu64 " io_errors=%" PRIu64 "\n",
               o->pci[i], now_s() - t0, s.sessions, s.msgs, s.replies, s.replies_dropped, s.kicks,
               s.calls, s.chains, s.bad_chains, s.bad_msgs, hs.irqs, hs.mmio_reads,
               hs.mmio_writes, hs.win_reads, hs.win_writes, hs.win_bytes, hs.io_errors);
        if (ports[i].net) {
            struct vpf_net_port_stats ns;
            vpf_net_port_get_stats(ports[i].net, &ns);
            printf("vpci-fw: frames %s tx_frames=%" PRIu64 " tx_bytes=%" PRIu64 " rx_frames=%" PRIu64
                   " rx_bytes=%" PRIu64 " drop_no_buf=%" PRIu64 " drop_bad=%" PRIu64 "\n",
                   o->pci[i], ns.tx_frames, ns.tx_bytes, ns.rx_frames, ns.rx_bytes, ns.drop_no_buf,
                   ns.drop_bad);
        }
    }
    if (blk) {
        struct vpf_blk_stats bs;
        vpf_blk_get_stats(blk, &bs);
        printf("vpci-fw: blocks reqs=%" PRIu64 " reads=%" PRIu64 " writes=%" PRIu64
               " flushes=%" PRIu64 " bytes_read=%" PRIu64 " bytes_written=%" PRIu64
               " ioerr=%" PRIu64 " unsupp=%" PRIu64 " bad_layout=%" PRIu64 "\n",
               bs.reqs, bs.reads, bs.writes, bs.flushes, bs.bytes_read, bs.bytes_written,
               bs.ioerr, bs.unsupp, bs.bad_layout);
    }
    fflush(stdout);
}

/* Status lines for link changes; returns the number of sessions ended. */
static uint64_t watch(const struct opts *o, struct port *ports)
{
    uint64_t ended = 0;
    for (unsigned i = 0; i < o->npci; i++) {
        struct port *p = &ports[i];
        bool up = vpf_master_up(p->dev);
        uint8_t sess = vpf_session(p->dev);
        if (up != p->up || (up && sess != p->session)) {
            if (p->up)
                p->ended++;
            printf("vpci-fw: session %s session=%u master_up=%d\n", o->pci[i], sess, up);
            fflush(stdout);
            p->up = up;
            p->session = sess;
        }
        ended += p->ended;
    }
    return ended;
}

int main(int argc, char **argv)
{
    struct opts o;
    struct port ports[MAX_PCI];
    struct vpf_blk *blk = NULL;
    struct vpf_net_switch *sw = NULL;
    int disk_fd = -1, rc = parse(argc, argv, &o), status = 1;
    char err[256];

    if (rc)
        return rc;
    setvbuf(stdout, NULL, _IOLBF, 0);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    memset(ports, 0, sizeof(ports));
    double t0 = now_s();

    for (unsigned i = 0; i < o.npci; i++) {
        struct vpci_hal_vfio_opts ho = {.pci = o.pci[i], .dma_size = o.dma_size,
                                        .dma_iova = o.dma_iova, .win_mode = o.win_mode};
        ports[i].hv = vpci_hal_vfio_open(&ho, err, sizeof(err));
        if (!ports[i].hv) {
            printf("vpci-fw: error: %s: %s\n", o.pci[i], err);
            goto out;
        }
        printf("vpci-fw: opened %s\n", vpci_hal_vfio_describe(ports[i].hv));
    }

    if (o.backend == BE_BLK) {
        struct vpf_blk_opts bo = {.mode = o.mode, .fd = -1, .num_queues = o.queues,
                                  .read_only = o.read_only, .discard = true,
                                  .write_zeroes = true};
        snprintf(bo.serial, sizeof(bo.serial), "vpci-fw-vfio");
        if (o.disk) {
            disk_fd = open(o.disk, (o.read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
            if (disk_fd < 0) {
                printf("vpci-fw: error: %s: %s\n", o.disk, strerror(errno));
                goto out;
            }
            bo.fd = disk_fd;
        } else {
            bo.capacity = o.ram_disk;
        }
        blk = vpf_blk_create(vpci_hal_vfio_hal(ports[0].hv), &bo);
        if (!blk) {
            printf("vpci-fw: error: cannot create the blk device\n");
            goto out;
        }
        ports[0].dev = vpf_blk_dev(blk);
        rc = vpf_blk_start(blk);
    } else {
        static const enum vpf_net_port_mode pm[] = {VPF_NET_PORT_SWITCH, VPF_NET_PORT_SWITCH,
                                                    VPF_NET_PORT_RXONLY, VPF_NET_PORT_TXONLY,
                                                    VPF_NET_PORT_REFLECT};
        sw = vpf_net_switch_create(NULL);
        if (!sw)
            goto out;
        for (unsigned i = 0; i < o.npci; i++) {
            struct vpf_net_opts no = {.mode = o.mode, .port_mode = pm[o.backend],
                                      .mac = {0x02, 0, 0, 0, 0x10, (uint8_t)(i + 1)}};
            ports[i].net = vpf_net_switch_add_port(sw, vpci_hal_vfio_hal(ports[i].hv), &no);
            if (!ports[i].net) {
                printf("vpci-fw: error: cannot add net port %s\n", o.pci[i]);
                goto out;
            }
            ports[i].dev = vpf_net_port_dev(ports[i].net);
        }
        rc = vpf_net_switch_start(sw);
    }
    if (rc != VPF_OK) {
        printf("vpci-fw: error: adapter init failed: %s\n", vpf_strerror(rc));
        goto out;
    }
    static const char *const be_name[] = {"blk", "net", "rxonly", "txonly", "reflect"};
    printf("vpci-fw: ready backend=%s mode=%s adapters=%u disk=%s\n", be_name[o.backend],
           mode_name(o.mode), o.npci, o.backend != BE_BLK ? "-" : o.disk ? o.disk : "ram");
    if (blk)
        printf("vpci-fw: blk capacity=%" PRIu64 " bytes\n", vpf_blk_sectors(blk) * 512u);
    fflush(stdout);

    double next_report = o.report_s > 0 ? now_s() + o.report_s : 0;
    status = 0;
    while (!stop_flag) {
        int n = blk ? vpf_blk_step(blk, 100) : vpf_net_switch_step(sw, 100);
        if (n < 0 && blk && vpf_state(ports[0].dev) == VPF_STATE_FAILED) {
            printf("vpci-fw: adapter needs a reset: restarting\n");
            rc = vpf_blk_start(blk);
            if (rc != VPF_OK) {
                printf("vpci-fw: error: restart failed: %s\n", vpf_strerror(rc));
                status = 1;
                break;
            }
        }
        uint64_t ended = watch(&o, ports);
        if (o.exit_after_sessions && ended >= o.exit_after_sessions)
            break;
        if (next_report && now_s() >= next_report) {
            report(&o, ports, blk, t0);
            next_report = now_s() + o.report_s;
        }
    }
    report(&o, ports, blk, t0);
    printf("vpci-fw: exit status=%d\n", status);

out:
    if (blk)
        vpf_blk_destroy(blk);
    if (sw)
        vpf_net_switch_destroy(sw);
    if (disk_fd >= 0)
        close(disk_fd);
    for (unsigned i = 0; i < o.npci; i++)
        vpci_hal_vfio_close(ports[i].hv);
    fflush(stdout);
    return status;
}
