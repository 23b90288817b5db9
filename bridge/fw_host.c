/* SPDX-License-Identifier: MIT */
/*
 * fw_host.c - the in-process firmware of one adapter (see fw_host.h).
 */
#define _GNU_SOURCE
#include "fw_host.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "blk.h"
#include "net.h"

struct fw_host {
    enum vb_backend backend;
    char name[32];
    struct vb_trace *tr;
    struct vpf_blk *blk;
    struct vpf_net_port *port;
    int disk_fd;
    bool started;
    bool failed_logged;
    bool no_check;
};

const char *vb_backend_name(enum vb_backend b)
{
    static const char *const n[] = {"net", "rxonly", "txonly", "reflect", "blk"};
    return (unsigned)b < 5 ? n[b] : "?";
}

int vb_backend_parse(const char *s)
{
    for (int i = 0; i < 5; i++)
        if (!strcmp(s, vb_backend_name((enum vb_backend)i)))
            return i;
    return -1;
}

struct fw_host *fw_host_create(const struct fw_host_opts *o, const struct vpci_hal *hal,
                               unsigned index, const char *name, struct vpf_net_switch *sw,
                               struct vb_trace *tr, char *err, size_t errlen)
{
    struct fw_host *h = calloc(1, sizeof(*h));
    if (!h) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    h->backend = o->backend;
    h->tr = tr;
    h->disk_fd = -1;
    h->no_check = o->no_check;
    snprintf(h->name, sizeof(h->name), "%s", name);
    unsigned q = o->queues ? o->queues : 1;

    if (o->backend == VB_BE_BLK) {
        struct vpf_blk_opts bo = {.mode = o->mode, .fd = -1, .num_queues = q,
                                  .read_only = o->read_only, .discard = true,
                                  .write_zeroes = true};
        snprintf(bo.serial, sizeof(bo.serial), "vhost-pci-%u", index);
        if (o->disk && o->disk[0]) {
            h->disk_fd = open(o->disk, (o->read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
            if (h->disk_fd < 0) {
                snprintf(err, errlen, "%s: %s: %s", name, o->disk, strerror(errno));
                fw_host_destroy(h);
                return NULL;
            }
            bo.fd = h->disk_fd;
        } else {
            bo.capacity = o->ram_disk ? o->ram_disk : (64ull << 20);
        }
        h->blk = vpf_blk_create(hal, &bo);
        if (!h->blk) {
            snprintf(err, errlen, "%s: cannot create the blk device (capacity a multiple of "
                     "512? file size?)", name);
            fw_host_destroy(h);
            return NULL;
        }
        return h;
    }
    static const enum vpf_net_port_mode pm[] = {VPF_NET_PORT_SWITCH, VPF_NET_PORT_RXONLY,
                                                VPF_NET_PORT_TXONLY, VPF_NET_PORT_REFLECT};
    struct vpf_net_opts no = {.mode = o->mode, .port_mode = pm[o->backend],
                              .txonly_len = o->txonly_len, .txonly_count = o->txonly_count,
                              .no_check = o->no_check};
    if (o->mac) {
        memcpy(no.mac, o->mac, 6);
    } else {
        uint8_t mac[6] = {0x02, 0, 0, 0, (uint8_t)(index >> 8), (uint8_t)(index + 1)};
        memcpy(no.mac, mac, 6);
    }
    h->port = sw ? vpf_net_switch_add_port(sw, hal, &no) : NULL;
    if (!h->port) {
        snprintf(err, errlen, "%s: cannot add a net port (at most %u)", name, VPF_NET_MAX_PORTS);
        fw_host_destroy(h);
        return NULL;
    }
    return h;
}

int fw_host_start(struct fw_host *h)
{
    if (!h->blk)
        return 0;
    int rc = vpf_blk_start(h->blk);
    h->started = rc == 0;
    return rc;
}

void fw_host_started(struct fw_host *h)
{
    h->started = true;
}

struct vpf_dev *fw_host_dev(struct fw_host *h)
{
    if (h->blk)
        return vpf_blk_dev(h->blk);
    if (h->port)
        return vpf_net_port_dev(h->port);
    return NULL;
}

enum vb_backend fw_host_backend(const struct fw_host *h) { return h->backend; }

static bool running(struct fw_host *h)
{
    struct vpf_dev *d = fw_host_dev(h);
    return h->started && d && vpf_state(d) == VPF_STATE_RUNNING;
}

int fw_host_step(struct fw_host *h)
{
    int work = 0;
    struct vpf_dev *d = fw_host_dev(h);
    if (h->started && d && vpf_state(d) == VPF_STATE_FAILED && !h->failed_logged) {
        vb_log(h->tr, VB_ERROR, h->name, "firmware failed (adapter NEEDS_RESET or init "
               "refused); restart the bridge");
        h->failed_logged = true;
    }
    if (!h->blk || !h->started)
        return 0;
    for (int i = 0; i < 16; i++) {
        int n = vpf_blk_step(h->blk, 0);
        if (n <= 0)
            break;
        work += n;
    }
    return work;
}

bool fw_host_driver_holds(void *o, uint64_t *epoch)
{
    struct fw_host *h = o;
    if (!running(h))
        return false;
    *epoch = vpf_session(fw_host_dev(h));
    return true;
}

bool fw_host_driver_past(void *o, uint64_t epoch, bool driver_idle)
{
    struct fw_host *h = o;
    if (driver_idle || !running(h))
        return true;
    struct vpf_dev *d = fw_host_dev(h);
    return !vpf_master_up(d) || vpf_session(d) != epoch;
}

void fw_host_gone(struct fw_host *h)
{
    if (h->blk)
        vpf_blk_destroy(h->blk);
    h->blk = NULL;
    h->port = NULL;
    h->started = false;
}

void fw_host_remove(struct fw_host *h, struct vpf_net_switch *sw)
{
    if (h->port && sw)
        vpf_net_switch_remove_port(sw, h->port);
    h->port = NULL;
    fw_host_gone(h);
}

unsigned fw_host_counters(struct fw_host *h, const char **names, uint64_t *vals, unsigned max)
{
    unsigned n = 0;
#define PUT(k, v)                                                                     \
    do {                                                                              \
        if (n < max) {                                                                \
            names[n] = k;                                                             \
            vals[n++] = v;                                                            \
        }                                                                             \
    } while (0)
    if (h->port) {
        struct vpf_net_port_stats ns;
        vpf_net_port_get_stats(h->port, &ns);
        PUT("tx_frames", ns.tx_frames);
        PUT("tx_bytes", ns.tx_bytes);
        PUT("rx_frames", ns.rx_frames);
        PUT("rx_bytes", ns.rx_bytes);
        PUT("drop_no_buf", ns.drop_no_buf);
        PUT("drop_bad", ns.drop_bad);
        PUT("bad_layout", ns.bad_layout);
        if (h->backend == VB_BE_RXONLY && !h->no_check) {
            PUT("frames_ok", ns.frames_ok);
            PUT("frames_bad", ns.frames_bad);
        }
    }
    if (h->blk) {
        struct vpf_blk_stats bs;
        vpf_blk_get_stats(h->blk, &bs);
        PUT("reqs", bs.reqs);
        PUT("reads", bs.reads);
        PUT("writes", bs.writes);
        PUT("flushes", bs.flushes);
        PUT("bytes_read", bs.bytes_read);
        PUT("bytes_written", bs.bytes_written);
        PUT("ioerr", bs.ioerr);
    }
#undef PUT
    return n;
}

void fw_host_destroy(struct fw_host *h)
{
    if (!h)
        return;
    fw_host_gone(h);
    if (h->disk_fd >= 0)
        close(h->disk_fd);
    free(h);
}

/* One report line "<name> <what> len=<len> hex=<first max bytes>". */
static void report_hex(FILE *f, const char *name, const char *what, const uint8_t *p,
                       uint32_t len, uint32_t max)
{
    fprintf(f, "%s %s len=%u hex=", name, what, len);
    for (uint32_t i = 0; i < len && i < max; i++)
        fprintf(f, "%02x", p[i]);
    fputc('\n', f);
}

void fw_host_report(struct fw_host *h, const char *name, FILE *f)
{
    struct vpf_dev *d = fw_host_dev(h);
    if (d) {
        /* The device IOTLB of a master with a vIOMMU (spec §8.8). */
        struct vpf_stats ls;
        vpf_get_stats(d, &ls);
        fprintf(f,
                "%s iotlb misses=%llu updates=%llu invalidations=%llu faults=%llu timeouts=%llu "
                "bad_chains=%llu\n",
                name, (unsigned long long)ls.iotlb_misses, (unsigned long long)ls.iotlb_updates,
                (unsigned long long)ls.iotlb_invalidations, (unsigned long long)ls.iotlb_faults,
                (unsigned long long)ls.iotlb_timeouts, (unsigned long long)ls.bad_chains);
    }
    if (h->port) {
        struct vpf_net_port_stats ns;
        vpf_net_port_get_stats(h->port, &ns);
        fprintf(f,
                "%s frames tx_frames=%llu tx_bytes=%llu rx_frames=%llu rx_bytes=%llu "
                "drop_no_buf=%llu drop_bad=%llu bad_layout=%llu\n",
                name, (unsigned long long)ns.tx_frames, (unsigned long long)ns.tx_bytes,
                (unsigned long long)ns.rx_frames, (unsigned long long)ns.rx_bytes,
                (unsigned long long)ns.drop_no_buf, (unsigned long long)ns.drop_bad,
                (unsigned long long)ns.bad_layout);
        uint32_t len = 0;
        const uint8_t *fr = vpf_net_port_last_frame(h->port, &len);
        if (fr && len)
            report_hex(f, name, "last_frame", fr, len, 128);
        if (h->backend == VB_BE_RXONLY && !h->no_check) {
            fprintf(f, "%s check frames_ok=%llu frames_bad=%llu frames_unchecked=%llu templates=%llu",
                    name, (unsigned long long)ns.frames_ok, (unsigned long long)ns.frames_bad,
                    (unsigned long long)ns.frames_unchecked, (unsigned long long)ns.templates);
            if (ns.frames_bad)
                fprintf(f, " first_bad=%llu", (unsigned long long)ns.first_bad);
            fputc('\n', f);
            uint32_t tl;
            const uint8_t *t;
            for (unsigned i = 0; (t = vpf_net_port_template(h->port, i, &tl)) != NULL; i++) {
                char what[24];
                snprintf(what, sizeof(what), "template%u", i);
                report_hex(f, name, what, t, tl, 64);
            }
        }
    }
    if (h->blk) {
        struct vpf_blk_stats bs;
        vpf_blk_get_stats(h->blk, &bs);
        fprintf(f,
                "%s blocks reqs=%llu reads=%llu writes=%llu flushes=%llu bytes_read=%llu "
                "bytes_written=%llu ioerr=%llu unsupp=%llu\n",
                name, (unsigned long long)bs.reqs, (unsigned long long)bs.reads,
                (unsigned long long)bs.writes, (unsigned long long)bs.flushes,
                (unsigned long long)bs.bytes_read, (unsigned long long)bs.bytes_written,
                (unsigned long long)bs.ioerr, (unsigned long long)bs.unsupp);
    }
}
