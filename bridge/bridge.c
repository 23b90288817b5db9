/* SPDX-License-Identifier: MIT */
/*
 * bridge.c - options, the process object and its event loop step (see
 * bridge.h, bridge/README.md). The firmware of every adapter is stepped
 * after each batch of events, without blocking; the loop sleeps only when
 * nothing had work (interrupt mode), never in poll mode.
 */
#define _GNU_SOURCE
#include "bridge.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ctl.h"
#include "net.h"
#include "vhost_pci_regs.h"
#include "vpf.h"

#define ADAPTIVE_SPINS 256u /* idle loop turns before an adaptive bridge sleeps */
#define IDLE_MS 20u         /* longest sleep (housekeeping, switch retries)     */

struct vb_bridge {
    struct vb_opts o;
    struct vb_trace tr;
    FILE *logf;
    struct vb_loop *loop;
    struct vb_env env;
    struct vpf_net_switch *sw;
    struct vb_adapter *ad[VB_MAX_ADAPTERS]; /* slots; NULL: free (removed) */
    unsigned nad;                           /* slots in use (high-water mark) */
    unsigned next_index;                    /* adapter<N> names are never reused */
    uint64_t ended_removed;                 /* sessions ended of removed adapters */
    struct vb_ctl *ctl;
    bool fw_started;
    unsigned idle_turns;
    struct vb_timer start_t, report_t;
    uint64_t t_start_ns;
};

void vb_usage(FILE *f)
{
    fputs(
        "Usage: vhost-pci-bridge [GLOBAL OPTIONS] --socket PATH [ADAPTER OPTIONS]\n"
        "                        [--socket PATH [ADAPTER OPTIONS]]...\n"
        "\n"
        "Serves one vhost-user socket per vhost-pci adapter. Each adapter is the C model\n"
        "of the adapter with the vhost-pci firmware (the vhost-user backend) on it, all\n"
        "in this process and one event loop. Connect a vhost-user master (QEMU, DPDK\n"
        "virtio-user) to PATH.\n"
        "\n"
        "Adapter options (apply to the preceding --socket):\n"
        "  --socket PATH         vhost-user UNIX socket of a new adapter (server mode)\n"
        "  --client              connect to a master listening on PATH instead (retried;\n"
        "                        reconnects after the master goes away)\n"
        "  --backend KIND        net (L2 switch port, default) | rxonly | txonly |\n"
        "                        reflect | blk\n"
        "  --disk FILE           blk: serve FILE (opened read-write)\n"
        "  --ram-disk SIZE       blk: RAM disk of SIZE bytes, suffix K/M/G (default 64M)\n"
        "  --read-only           blk: read-only disk\n"
        "  --queues N            blk request queues / net queue pairs (default 1)\n"
        "  --mac XX:XX:XX:XX:XX:XX  net: MAC in config space (default 02:00:00:00:00:<i+1>)\n"
        "  --txonly-len N        txonly: frame length in bytes (default 64)\n"
        "  --txonly-count N      txonly: frames to send (default 0 = unlimited)\n"
        "  --no-check            rxonly: skip the per-frame payload check (the first\n"
        "                        frame of each length in a session is the template, every\n"
        "                        frame is compared with it: frames_ok / frames_bad)\n"
        "  --msix internal|external  MSI-X mode of the adapter core (default internal:\n"
        "                        the adapter owns its table; external: vectors are\n"
        "                        signalled to the platform, spec 5.8)\n"
        "  --window trapped|persistent  memory window mode (default trapped; persistent:\n"
        "                        identity placement in the window file, spec 8.7)\n"
        "  --window-file FILE    persistent: the master's RAM file (created if absent;\n"
        "                        give it to the master as its memory backend). Memory\n"
        "                        fds that are not this file are refused.\n"
        "  --no-firmware         no in-process firmware: the core's driver face waits\n"
        "                        for a driver hosted elsewhere (the master connects, its\n"
        "                        messages wait in the adapter's queue)\n"
        "  --vfio-user PATH      the driver face is a vfio-user server on PATH: a backend\n"
        "                        VM's QEMU (-device vfio-user-pci) drives the adapter as a\n"
        "                        PCI function (implies --no-firmware, --msix external)\n"
        "  --record FILE         record every session of this adapter into FILE (messages,\n"
        "                        kicks, the master memory the device reads; replayable\n"
        "                        on the core alone or in the virtual platform,\n"
        "                        docs/session-trace.md)\n"
        "\n"
        "Global options:\n"
        "  --mode irq|poll|adaptive  firmware mode (default irq)\n"
        "  --trace               one line per vhost-user message, both directions\n"
        "  --log-level LEVEL     error | warn | info (default) | debug\n"
        "  --log-file FILE       log and trace lines to FILE (default stderr)\n"
        "  --start-delay MS      start the firmware MS ms after the sockets open\n"
        "  --reconnect-ms MS     client mode: retry interval (default 200)\n"
        "  --mem-win-log2 N      memory window of 2^N bytes (21..34, default 30)\n"
        "  --report-interval S   print the report every S seconds (default: at exit)\n"
        "  --exit-after-sessions N  exit once N master sessions have ended\n"
        "  --quiet-ready         do not print the ready line\n"
        "  --config FILE         read options from FILE first (key = value lines,\n"
        "                        [adapter] sections; see bridge/README.md)\n"
        "  --control PATH        control socket: newline-delimited JSON commands\n"
        "                        (query-adapters, add-adapter, remove-adapter,\n"
        "                        query-version; see bridge/README.md)\n"
        "  -h, --help            this text;  --version  the version\n"
        "\n"
        "stdout: \"vhost-pci-bridge: ready\" once every socket listens, then the report\n"
        "(key=value lines per adapter) at exit (SIGINT/SIGTERM) and every --report-interval.\n"
        "stderr: log lines \"<seconds> <adapter> <level>: <text>\" and, with --trace,\n"
        "\"<seconds> <adapter> M>A|A>M ch0|ch1 <REQUEST>(<code>) flags=0x.. size=N fds=N ...\".\n"
        "\n"
        "Examples:\n"
        "  vhost-pci-bridge --socket /tmp/net.sock --backend rxonly\n"
        "  vhost-pci-bridge --socket /tmp/a.sock --socket /tmp/b.sock   # 2-port switch\n"
        "  vhost-pci-bridge --socket /tmp/blk.sock --backend blk --disk disk.img\n",
        f);
}

static int parse_u64(const char *s, uint64_t *v, bool suffix)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 0);
    if (errno || end == s || *s == '-')
        return -1;
    if (suffix && *end) {
        unsigned sh = *end == 'K' || *end == 'k' ? 10 : *end == 'M' || *end == 'm' ? 20
                    : *end == 'G' || *end == 'g' ? 30 : 0;
        if (!sh || end[1] || x > (~0ull >> sh))
            return -1;
        x <<= sh;
        end++;
    }
    if (*end)
        return -1;
    *v = x;
    return 0;
}

static int parse_mac(const char *s, uint8_t mac[6])
{
    unsigned m[6];
    char tail;
    if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5], &tail) != 6)
        return -1;
    for (int i = 0; i < 6; i++) {
        if (m[i] > 255)
            return -1;
        mac[i] = (uint8_t)m[i];
    }
    return 0;
}

static int parse_args(struct vb_opts *o, int argc, char *const *argv, FILE *out, char *err,
                      size_t errlen)
{
    memset(o, 0, sizeof(*o));
    o->mode = VPF_MODE_INTERRUPT;
    o->level = VB_INFO;
    o->reconnect_ms = 200;
    struct vb_adapter_opts *cur = NULL;

#define NEED_ARG()                                                                    \
    do {                                                                              \
        if (i + 1 >= argc) {                                                          \
            snprintf(err, errlen, "%s needs an argument", arg);                       \
            return -1;                                                                \
        }                                                                             \
        val = argv[++i];                                                              \
    } while (0)
#define NEED_ADAPTER()                                                                \
    do {                                                                              \
        if (!cur) {                                                                   \
            snprintf(err, errlen, "%s must follow a --socket", arg);                  \
            return -1;                                                                \
        }                                                                             \
    } while (0)
#define BAD()                                                                         \
    do {                                                                              \
        snprintf(err, errlen, "bad value for %s: '%s'", arg, val);                    \
        return -1;                                                                    \
    } while (0)

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *val = NULL;
        uint64_t v;
        if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            vb_usage(out);
            return 1;
        } else if (!strcmp(arg, "--version")) {
            fprintf(out, "vhost-pci-bridge " VPCI_BRIDGE_VERSION " (vhost-pci spec v1)\n");
            return 1;
        } else if (!strcmp(arg, "--socket")) {
            NEED_ARG();
            if (o->nad >= VB_MAX_ADAPTERS) {
                snprintf(err, errlen, "at most %u adapters", VB_MAX_ADAPTERS);
                return -1;
            }
            if (strlen(val) >= sizeof(cur->socket))
                BAD();
            cur = &o->ad[o->nad++];
            memset(cur, 0, sizeof(*cur));
            strcpy(cur->socket, val);
            cur->backend = VB_BE_NET;
        } else if (!strcmp(arg, "--client")) {
            NEED_ADAPTER();
            cur->client = true;
        } else if (!strcmp(arg, "--backend")) {
            NEED_ARG();
            NEED_ADAPTER();
            int b = vb_backend_parse(val);
            if (b < 0)
                BAD();
            cur->backend = (enum vb_backend)b;
        } else if (!strcmp(arg, "--disk")) {
            NEED_ARG();
            NEED_ADAPTER();
            if (strlen(val) >= sizeof(cur->disk))
                BAD();
            strcpy(cur->disk, val);
        } else if (!strcmp(arg, "--ram-disk")) {
            NEED_ARG();
            NEED_ADAPTER();
            if (parse_u64(val, &v, true) || v == 0 || v % 512)
                BAD();
            cur->ram_disk = v;
        } else if (!strcmp(arg, "--read-only")) {
            NEED_ADAPTER();
            cur->read_only = true;
        } else if (!strcmp(arg, "--queues")) {
            NEED_ARG();
            NEED_ADAPTER();
            if (parse_u64(val, &v, false) || v == 0 || v > 64)
                BAD();
            cur->queues = (unsigned)v;
        } else if (!strcmp(arg, "--mac")) {
            NEED_ARG();
            NEED_ADAPTER();
            if (parse_mac(val, cur->mac))
                BAD();
            cur->mac_set = true;
        } else if (!strcmp(arg, "--txonly-len")) {
            NEED_ARG();
            NEED_ADAPTER();
            if (parse_u64(val, &v, false) || v < 14 || v > 65536)
                BAD();
            cur->txonly_len = (uint32_t)v;
        } else if (!strcmp(arg, "--txonly-count")) {
            NEED_ARG();
            NEED_ADAPTER();
            if (parse_u64(val, &v, false))
                BAD();
            cur->txonly_count = v;
        } else if (!strcmp(arg, "--no-check")) {
            NEED_ADAPTER();
            cur->no_check = true;
        } else if (!strcmp(arg, "--msix")) {
            NEED_ARG();
            NEED_ADAPTER();
            if (!strcmp(val, "internal"))
                cur->msix_external = false;
            else if (!strcmp(val, "external"))
                cur->msix_external = true;
            else
                BAD();
        } else if (!strcmp(arg, "--window")) {
            NEED_ARG();
            NEED_ADAPTER();
            if (!strcmp(val, "trapped"))
                cur->win_persistent = false;
            else if (!strcmp(val, "persistent"))
                cur->win_persistent = true;
            else
                BAD();
        } else if (!strcmp(arg, "--window-file")) {
            NEED_ARG();
            NEED_ADAPTER();
            if (!val[0] || strlen(val) >= sizeof(cur->window_file))
                BAD();
            strcpy(cur->window_file, val);
        } else if (!strcmp(arg, "--record")) {
            NEED_ARG();
            NEED_ADAPTER();
            if (!val[0] || strlen(val) >= sizeof(cur->record))
                BAD();
            strcpy(cur->record, val);
        } else if (!strcmp(arg, "--vfio-user")) {
            NEED_ARG();
            NEED_ADAPTER();
            if (!val[0] || strlen(val) >= sizeof(cur->vfio_user))
                BAD();
            strcpy(cur->vfio_user, val);
            cur->no_firmware = true;
            cur->msix_external = true;
        } else if (!strcmp(arg, "--no-firmware")) {
            NEED_ADAPTER();
            cur->no_firmware = true;
        } else if (!strcmp(arg, "--mode")) {
            NEED_ARG();
            if (!strcmp(val, "irq") || !strcmp(val, "interrupt"))
                o->mode = VPF_MODE_INTERRUPT;
            else if (!strcmp(val, "poll"))
                o->mode = VPF_MODE_POLL;
            else if (!strcmp(val, "adaptive"))
                o->mode = VPF_MODE_ADAPTIVE;
            else
                BAD();
        } else if (!strcmp(arg, "--trace")) {
            o->trace = true;
        } else if (!strcmp(arg, "--log-level")) {
            NEED_ARG();
            int l = vb_level_parse(val);
            if (l < 0)
                BAD();
            o->level = (enum vb_level)l;
        } else if (!strcmp(arg, "--log-file")) {
            NEED_ARG();
            if (strlen(val) >= sizeof(o->log_file))
                BAD();
            strcpy(o->log_file, val);
        } else if (!strcmp(arg, "--start-delay")) {
            NEED_ARG();
            if (parse_u64(val, &v, false) || v > 3600000)
                BAD();
            o->start_delay_ms = (uint32_t)v;
        } else if (!strcmp(arg, "--reconnect-ms")) {
            NEED_ARG();
            if (parse_u64(val, &v, false) || v == 0 || v > 60000)
                BAD();
            o->reconnect_ms = (uint32_t)v;
        } else if (!strcmp(arg, "--mem-win-log2")) {
            NEED_ARG();
            if (parse_u64(val, &v, false) || v < VPCI_PARAM_MEM_WIN_LOG2_MIN ||
                v > VPCI_PARAM_MEM_WIN_LOG2_MAX)
                BAD();
            o->mem_win_log2 = (uint32_t)v;
        } else if (!strcmp(arg, "--report-interval")) {
            NEED_ARG();
            if (parse_u64(val, &v, false) || v > 86400)
                BAD();
            o->report_interval_s = (uint32_t)v;
        } else if (!strcmp(arg, "--exit-after-sessions")) {
            NEED_ARG();
            if (parse_u64(val, &v, false))
                BAD();
            o->exit_after_sessions = v;
        } else if (!strcmp(arg, "--quiet-ready")) {
            o->quiet_ready = true;
        } else if (!strcmp(arg, "--control")) {
            NEED_ARG();
            if (!val[0] || strlen(val) >= sizeof(o->control))
                BAD();
            strcpy(o->control, val);
        } else {
            snprintf(err, errlen, "unknown option '%s' (see --help)", arg);
            return -1;
        }
    }
    if (o->nad == 0) {
        snprintf(err, errlen, "no adapter: give at least one --socket PATH (see --help)");
        return -1;
    }
    for (unsigned i = 0; i < o->nad; i++) {
        const struct vb_adapter_opts *a = &o->ad[i];
        if (a->backend != VB_BE_BLK && (a->disk[0] || a->ram_disk || a->read_only)) {
            snprintf(err, errlen, "%s: --disk/--ram-disk/--read-only need --backend blk",
                     a->socket);
            return -1;
        }
        if (a->disk[0] && a->ram_disk) {
            snprintf(err, errlen, "%s: --disk and --ram-disk exclude each other", a->socket);
            return -1;
        }
        if (a->vfio_user[0] && !strcmp(a->vfio_user, a->socket)) {
            snprintf(err, errlen, "%s: --vfio-user needs a socket of its own", a->socket);
            return -1;
        }
        if (a->win_persistent != (a->window_file[0] != 0)) {
            snprintf(err, errlen, "%s: --window persistent and --window-file FILE go together",
                     a->socket);
            return -1;
        }
    }
    return 0;
#undef NEED_ARG
#undef NEED_ADAPTER
#undef BAD
}

int vb_opts_parse(struct vb_opts *o, int argc, char *const *argv, FILE *out, char *err,
                  size_t errlen)
{
    int at = -1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--config"))
            continue;
        if (at >= 0) {
            snprintf(err, errlen, "--config given twice");
            return -1;
        }
        if (i + 1 >= argc) {
            snprintf(err, errlen, "--config needs an argument");
            return -1;
        }
        at = i++;
    }
    if (at < 0)
        return parse_args(o, argc, argv, out, err, errlen);
    /* The file's options first, then the command line's: a global given on
     * the command line wins, adapters given there come after the file's. */
    char **cv;
    int cn;
    if (vb_config_read(argv[at + 1], &cv, &cn, err, errlen) < 0)
        return -1;
    char **all = calloc((size_t)(argc + cn), sizeof(*all));
    if (!all) {
        vb_config_free(cv, cn);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int n = 0;
    all[n++] = argv[0];
    for (int i = 0; i < cn; i++)
        all[n++] = cv[i];
    for (int i = 1; i < argc; i++)
        if (i != at && i != at + 1)
            all[n++] = argv[i];
    int rc = parse_args(o, n, all, out, err, errlen);
    free(all);
    vb_config_free(cv, cn);
    return rc;
}

static void start_fw(void *o)
{
    struct vb_bridge *b = o;
    int failed = 0;
    for (unsigned i = 0; i < b->nad; i++)
        if (b->ad[i] && vb_adapter_backend(b->ad[i]) == VB_BE_BLK &&
            vb_adapter_start_fw(b->ad[i]) != 0) {
            vb_log(&b->tr, VB_ERROR, vb_adapter_name(b->ad[i]), "firmware init failed");
            failed++;
        }
    if (b->sw) {
        if (vpf_net_switch_start(b->sw) != 0) {
            vb_log(&b->tr, VB_ERROR, "bridge", "net firmware init failed");
            failed++;
        }
        for (unsigned i = 0; i < b->nad; i++)
            if (b->ad[i] && vb_adapter_backend(b->ad[i]) != VB_BE_BLK)
                vb_adapter_fw_started(b->ad[i]);
    }
    b->fw_started = true;
    vb_log(&b->tr, failed ? VB_ERROR : VB_INFO, "bridge", "firmware %s (mode %s)",
           failed ? "started with failures" : "running",
           b->o.mode == VPF_MODE_POLL ? "poll" : b->o.mode == VPF_MODE_ADAPTIVE ? "adaptive" : "irq");
}

static void report_tick(void *o)
{
    struct vb_bridge *b = o;
    vb_bridge_report(b, stdout);
    fflush(stdout);
    vb_timer_arm(b->loop, &b->report_t, b->o.report_interval_s * 1000u, report_tick, b);
}

static bool bridge_step(void *o)
{
    struct vb_bridge *b = o;
    int work = 0;

    if (b->fw_started) {
        for (unsigned i = 0; i < b->nad; i++)
            if (b->ad[i]) {
                vb_adapter_pre_step(b->ad[i]);
                work += vb_adapter_step_fw(b->ad[i]);
            }
        if (b->sw)
            for (int k = 0; k < 16; k++) {
                for (unsigned i = 0; i < b->nad; i++)
                    if (b->ad[i])
                        vb_adapter_pre_step(b->ad[i]);
                int n = vpf_net_switch_step(b->sw, 0);
                if (n <= 0)
                    break;
                work += n;
            }
    }
    bool busy = work > 0;
    for (unsigned i = 0; i < b->nad; i++)
        if (b->ad[i])
            busy |= vb_adapter_post(b->ad[i], work == 0);

    if (b->o.exit_after_sessions) {
        uint64_t ended = b->ended_removed;
        for (unsigned i = 0; i < b->nad; i++) {
            if (!b->ad[i])
                continue;
            struct vu_face_stats s;
            vb_adapter_get_stats(b->ad[i], &s);
            ended += s.sessions - (s.connected ? 1 : 0);
        }
        if (ended >= b->o.exit_after_sessions)
            vb_loop_stop(b->loop);
    }
    if (!b->fw_started)
        return busy;
    if (b->o.mode == VPF_MODE_POLL)
        return true;
    if (b->o.mode == VPF_MODE_ADAPTIVE) {
        b->idle_turns = busy ? 0 : b->idle_turns + 1;
        return b->idle_turns < ADAPTIVE_SPINS;
    }
    return busy;
}

struct vb_bridge *vb_bridge_create(const struct vb_opts *o, char *err, size_t errlen)
{
    struct vb_bridge *b = calloc(1, sizeof(*b));
    if (!b) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    b->o = *o;
    if (o->log_file[0]) {
        b->logf = fopen(o->log_file, "ae");
        if (!b->logf) {
            snprintf(err, errlen, "%s: %s", o->log_file, strerror(errno));
            free(b);
            return NULL;
        }
    }
    vb_trace_init(&b->tr, b->logf, o->level, o->trace);
    b->loop = vb_loop_create();
    if (!b->loop) {
        snprintf(err, errlen, "cannot create the event loop");
        vb_bridge_destroy(b);
        return NULL;
    }
    vb_loop_set_idle_ms(b->loop, IDLE_MS);
    b->env = (struct vb_env){.loop = b->loop, .tr = &b->tr, .mode = o->mode,
                             .reconnect_ms = o->reconnect_ms, .mem_win_log2 = o->mem_win_log2};
    for (unsigned i = 0; i < o->nad; i++)
        if (vb_bridge_add_adapter(b, &o->ad[i], err, errlen) < 0) {
            vb_bridge_destroy(b);
            return NULL;
        }
    if (o->control[0]) {
        b->ctl = vb_ctl_create(b->loop, &b->tr, o->control, vb_bridge_command, b, err, errlen);
        if (!b->ctl) {
            vb_bridge_destroy(b);
            return NULL;
        }
    }
    vb_loop_set_step(b->loop, bridge_step, b);
    if (o->start_delay_ms)
        vb_timer_arm(b->loop, &b->start_t, o->start_delay_ms, start_fw, b);
    else
        start_fw(b);
    if (o->report_interval_s)
        vb_timer_arm(b->loop, &b->report_t, o->report_interval_s * 1000u, report_tick, b);
    b->t_start_ns = vb_now_ns();
    return b;
}

int vb_bridge_run(struct vb_bridge *b)
{
    if (!b->o.quiet_ready) {
        printf("vhost-pci-bridge: ready\n");
        fflush(stdout);
    }
    return vb_loop_run(b->loop);
}

void vb_bridge_stop(struct vb_bridge *b)
{
    vb_loop_stop(b->loop);
}

void vb_bridge_report(struct vb_bridge *b, FILE *f)
{
    double secs = (double)(vb_now_ns() - b->t_start_ns) / 1e9;
    unsigned live = 0;
    for (unsigned i = 0; i < b->nad; i++)
        live += b->ad[i] != NULL;
    fprintf(f, "bridge adapters=%u mode=%s uptime_s=%.3f\n", live,
            b->o.mode == VPF_MODE_POLL ? "poll" : b->o.mode == VPF_MODE_ADAPTIVE ? "adaptive" : "irq",
            secs);
    for (unsigned i = 0; i < b->nad; i++)
        if (b->ad[i])
            vb_adapter_report(b->ad[i], f);
}

void vb_bridge_destroy(struct vb_bridge *b)
{
    if (!b)
        return;
    vb_ctl_destroy(b->ctl);
    for (unsigned i = 0; i < b->nad; i++)
        if (b->ad[i])
            vb_adapter_close(b->ad[i]);
    if (b->sw) {
        vpf_net_switch_destroy(b->sw);
        b->sw = NULL;
        for (unsigned i = 0; i < b->nad; i++)
            if (b->ad[i] && vb_adapter_backend(b->ad[i]) != VB_BE_BLK)
                vb_adapter_fw_gone(b->ad[i]);
    }
    for (unsigned i = 0; i < b->nad; i++)
        vb_adapter_destroy(b->ad[i]);
    if (b->loop) {
        vb_timer_cancel(b->loop, &b->start_t);
        vb_timer_cancel(b->loop, &b->report_t);
        vb_loop_destroy(b->loop);
    }
    if (b->logf)
        fclose(b->logf);
    free(b);
}

int vb_bridge_add_adapter(struct vb_bridge *b, const struct vb_adapter_opts *ao, char *err,
                          size_t errlen)
{
    unsigned slot = 0;
    while (slot < VB_MAX_ADAPTERS && b->ad[slot])
        slot++;
    if (slot == VB_MAX_ADAPTERS) {
        snprintf(err, errlen, "at most %u adapters", VB_MAX_ADAPTERS);
        return -1;
    }
    for (unsigned i = 0; i < b->nad; i++)
        if (b->ad[i] && !strcmp(vb_adapter_opts(b->ad[i])->socket, ao->socket)) {
            snprintf(err, errlen, "%s: %s already serves this socket", ao->socket,
                     vb_adapter_name(b->ad[i]));
            return -1;
        }
    bool net = ao->backend != VB_BE_BLK && !ao->no_firmware;
    if (net && !b->sw) {
        b->sw = vpf_net_switch_create(NULL);
        if (!b->sw) {
            snprintf(err, errlen, "cannot create the net switch");
            return -1;
        }
    }
    struct vb_adapter *a = vb_adapter_create(&b->env, ao, b->next_index, b->sw, err, errlen);
    if (!a)
        return -1;
    int rc = vb_adapter_open(a);
    if (rc < 0) {
        snprintf(err, errlen, "%s: %s", ao->socket, strerror(-rc));
        vb_adapter_remove_fw(a, b->sw);
        vb_adapter_destroy(a);
        return -1;
    }
    b->next_index++;
    b->ad[slot] = a;
    if (slot >= b->nad)
        b->nad = slot + 1;
    if (b->fw_started && !ao->no_firmware) {
        /* The firmware already runs: this adapter's starts now. */
        if (ao->backend == VB_BE_BLK) {
            if (vb_adapter_start_fw(a) != 0)
                vb_log(&b->tr, VB_ERROR, vb_adapter_name(a), "firmware init failed");
        } else {
            /* this port only: a port that failed earlier stays failed */
            if (vpf_start(vb_adapter_dev(a)) != VPF_OK)
                vb_log(&b->tr, VB_ERROR, vb_adapter_name(a), "net firmware init failed");
            vb_adapter_fw_started(a);
        }
    }
    return (int)slot;
}

int vb_bridge_remove_adapter(struct vb_bridge *b, const char *name, char *err, size_t errlen)
{
    for (unsigned i = 0; i < b->nad; i++) {
        struct vb_adapter *a = b->ad[i];
        if (!a || strcmp(vb_adapter_name(a), name))
            continue;
        vb_log(&b->tr, VB_INFO, name, "removed (socket %s)", vb_adapter_opts(a)->socket);
        vb_adapter_close(a); /* ends the session: the master sees EOF */
        struct vu_face_stats st;
        vb_adapter_get_stats(a, &st);
        b->ended_removed += st.sessions;
        vb_adapter_remove_fw(a, b->sw);
        vb_adapter_destroy(a);
        b->ad[i] = NULL;
        return 0;
    }
    snprintf(err, errlen, "no adapter named '%s'", name);
    return -1;
}

unsigned vb_bridge_adapters(const struct vb_bridge *b) { return b->nad; }
struct vb_adapter *vb_bridge_adapter(struct vb_bridge *b, unsigned i)
{
    return i < b->nad ? b->ad[i] : NULL;
}
struct vb_loop *vb_bridge_loop(struct vb_bridge *b) { return b->loop; }

/* ------------------------------------------------------------------ */
/* control-socket commands (ctl.h; protocol in bridge/README.md)        */
/* ------------------------------------------------------------------ */

static void put_u64(struct json_object *o, const char *k, uint64_t v)
{
    json_object_object_add(o, k, json_object_new_uint64(v));
}

static struct json_object *adapter_json(struct vb_adapter *a)
{
    const struct vb_adapter_opts *ao = vb_adapter_opts(a);
    struct vu_face_stats st;
    struct vpci_stats cs;
    vb_adapter_get_stats(a, &st);
    vpci_core_stats(vb_adapter_core(a), &cs);
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, "name", json_object_new_string(vb_adapter_name(a)));
    json_object_object_add(o, "socket", json_object_new_string(ao->socket));
    json_object_object_add(o, "client", json_object_new_boolean(ao->client));
    json_object_object_add(o, "backend", json_object_new_string(
                                             ao->no_firmware ? "none"
                                                             : vb_backend_name(ao->backend)));
    json_object_object_add(o, "connected", json_object_new_boolean(st.connected));
    put_u64(o, "sessions", st.sessions);
    put_u64(o, "msgs_in", st.msgs_in);
    put_u64(o, "msgs_out", st.msgs_out);
    put_u64(o, "violations", st.violations);
    put_u64(o, "refused", st.refused);
    put_u64(o, "kicks", st.kicks);
    put_u64(o, "notifies", st.notifies);
    put_u64(o, "maps", st.maps);
    put_u64(o, "unmaps", st.unmaps);
    put_u64(o, "live_res", st.live_res);
    json_object_object_add(o, "last_drop", json_object_new_string(st.last_drop));
    struct json_object *core = json_object_new_object();
    put_u64(core, "m2s", cs.m2s_msgs);
    put_u64(core, "s2m", cs.s2m_msgs);
    put_u64(core, "adapter_replies", cs.adapter_replies);
    put_u64(core, "refused", cs.refused);
    put_u64(core, "kicks", cs.kicks);
    put_u64(core, "doorbells", cs.doorbells);
    json_object_object_add(o, "core", core);
    const char *names[16];
    uint64_t vals[16];
    unsigned n = vb_adapter_fw_counters(a, names, vals, 16);
    if (n) {
        struct json_object *fw = json_object_new_object();
        for (unsigned i = 0; i < n; i++)
            put_u64(fw, names[i], vals[i]);
        json_object_object_add(o, "firmware", fw);
    }
    return o;
}

/* add-adapter's arguments, each the adapter option of the same name. */
static const struct {
    const char *key;
    enum json_type type; /* json_type_boolean: a flag */
} add_args[] = {
    {"socket", json_type_string},     {"client", json_type_boolean},
    {"backend", json_type_string},    {"disk", json_type_string},
    {"ram-disk", json_type_string},   {"read-only", json_type_boolean},
    {"queues", json_type_int},        {"mac", json_type_string},
    {"txonly-len", json_type_int},    {"txonly-count", json_type_int},
    {"no-check", json_type_boolean},  {"msix", json_type_string},
    {"window", json_type_string},     {"window-file", json_type_string},
    {"no-firmware", json_type_boolean}, {"record", json_type_string},
    {"vfio-user", json_type_string},
};

/* add-adapter: the arguments become the adapter options of the command line
 * and go through the same parser, so both accept exactly the same. */
static struct json_object *cmd_add(struct vb_bridge *b, struct json_object *args,
                                   const char **cls, char *err, size_t errlen)
{
    char *argv[2 + 2 * (sizeof(add_args) / sizeof(add_args[0]))];
    char store[sizeof(add_args) / sizeof(add_args[0])][2][300];
    int argc = 0, ns = 0;
    struct json_object *sock;
    argv[argc++] = (char *)"add-adapter";
    if (!json_object_object_get_ex(args, "socket", &sock) ||
        !json_object_is_type(sock, json_type_string) ||
        strlen(json_object_get_string(sock)) != (size_t)json_object_get_string_len(sock) ||
        strlen(json_object_get_string(sock)) >= sizeof(store[0][1])) {
        *cls = "GenericError";
        snprintf(err, errlen, "add-adapter needs \"socket\" (a string without NUL bytes)");
        return NULL;
    }
    /* --socket first: the other options apply to it. */
    snprintf(store[ns][0], sizeof(store[ns][0]), "--socket");
    snprintf(store[ns][1], sizeof(store[ns][1]), "%s", json_object_get_string(sock));
    argv[argc++] = store[ns][0];
    argv[argc++] = store[ns][1];
    ns++;
    json_object_object_foreach(args, key, val)
    {
        unsigned i = 0;
        while (i < sizeof(add_args) / sizeof(add_args[0]) && strcmp(add_args[i].key, key))
            i++;
        if (i == sizeof(add_args) / sizeof(add_args[0])) {
            *cls = "GenericError";
            snprintf(err, errlen, "add-adapter: unknown argument \"%.64s\"", key);
            return NULL;
        }
        if (!strcmp(key, "socket"))
            continue;
        /* an integer may stand for a string (ram-disk = 1048576) */
        bool int_as_string = add_args[i].type == json_type_string &&
                             json_object_is_type(val, json_type_int);
        if (!json_object_is_type(val, add_args[i].type) && !int_as_string) {
            *cls = "GenericError";
            snprintf(err, errlen, "add-adapter: \"%s\" must be a %s", key,
                     json_type_to_name(add_args[i].type));
            return NULL;
        }
        if (add_args[i].type == json_type_boolean && !json_object_get_boolean(val))
            continue;
        snprintf(store[ns][0], sizeof(store[ns][0]), "--%s", key);
        argv[argc++] = store[ns][0];
        if (json_object_is_type(val, json_type_string)) {
            const char *v = json_object_get_string(val);
            if (strlen(v) != (size_t)json_object_get_string_len(val) ||
                strlen(v) >= sizeof(store[ns][1])) {
                *cls = "GenericError";
                snprintf(err, errlen, "add-adapter: \"%s\" holds a NUL byte or is too long", key);
                return NULL;
            }
            snprintf(store[ns][1], sizeof(store[ns][1]), "%s", v);
        } else if (json_object_is_type(val, json_type_int)) {
            /* json-c keeps integers up to UINT64_MAX; negative ones reach
             * the option parser as they are (and are refused there). */
            if (json_object_get_int64(val) < 0)
                snprintf(store[ns][1], sizeof(store[ns][1]), "%lld",
                         (long long)json_object_get_int64(val));
            else
                snprintf(store[ns][1], sizeof(store[ns][1]), "%llu",
                         (unsigned long long)json_object_get_uint64(val));
        }
        if (add_args[i].type != json_type_boolean)
            argv[argc++] = store[ns][1];
        ns++;
    }
    struct vb_opts *o = malloc(sizeof(*o));
    if (!o) {
        *cls = "GenericError";
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    int rc = vb_opts_parse(o, argc, argv, stderr, err, errlen);
    int slot = rc == 0 ? vb_bridge_add_adapter(b, &o->ad[0], err, errlen) : -1;
    free(o);
    if (slot < 0) {
        *cls = "GenericError";
        return NULL;
    }
    return adapter_json(b->ad[slot]);
}

struct json_object *vb_bridge_command(void *bridge, const char *cmd, struct json_object *args,
                                      const char **cls, char *err, size_t errlen)
{
    struct vb_bridge *b = bridge;
    if (!strcmp(cmd, "query-version")) {
        struct json_object *r = json_object_new_object();
        json_object_object_add(r, "version", json_object_new_string(VPCI_BRIDGE_VERSION));
        json_object_object_add(r, "spec", json_object_new_int(1));
        return r;
    }
    if (!strcmp(cmd, "query-adapters")) {
        struct json_object *r = json_object_new_array();
        for (unsigned i = 0; i < b->nad; i++)
            if (b->ad[i])
                json_object_array_add(r, adapter_json(b->ad[i]));
        return r;
    }
    if (!strcmp(cmd, "add-adapter"))
        return cmd_add(b, args, cls, err, errlen);
    if (!strcmp(cmd, "remove-adapter")) {
        struct json_object *name;
        if (!json_object_object_get_ex(args, "name", &name) ||
            !json_object_is_type(name, json_type_string) ||
            strlen(json_object_get_string(name)) != (size_t)json_object_get_string_len(name)) {
            *cls = "GenericError";
            snprintf(err, errlen, "remove-adapter needs \"name\" (a string)");
            return NULL;
        }
        if (vb_bridge_remove_adapter(b, json_object_get_string(name), err, errlen) < 0) {
            *cls = "DeviceNotFound";
            return NULL;
        }
        return NULL;
    }
    *cls = "CommandNotFound";
    snprintf(err, errlen, "unknown command \"%.64s\" (query-version, query-adapters, "
             "add-adapter, remove-adapter)", cmd);
    return NULL;
}
