/* SPDX-License-Identifier: MIT */
/*
 * adapter.c - one adapter of the bridge: the core on the direct HAL port,
 * its vhost-user face and its in-process firmware, wired together (see
 * adapter.h). docs/spec.md §8.7 (persistent windows and the window file),
 * §5.8 (external MSI-X), §12.1 (the two faces of the core).
 */
#define _GNU_SOURCE
#include "adapter.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hal_core.h"
#include "session_rec.h"
#include "vfu_server.h"

struct vb_adapter {
    struct vb_env env;
    struct vb_adapter_opts o;
    unsigned index;
    char name[32];
    struct vpci_hal_core *hc; /* direct HAL port (NULL with vfio-user)   */
    struct vfu_server *vfu;   /* vfio-user driver face (--vfio-user)     */
    struct vpci_core *core;
    struct vu_face *face;
    struct fw_host *fw;      /* NULL: --no-firmware */
    int window_fd;           /* persistent: the window file, kept open */
    struct vb_rec *rec;      /* --record: the session recorder, or NULL */
};

/* Open (or create) the window file of persistent windows and learn its
 * identity, so that the face can tell the master's memory fds apart. */
static int open_window_file(struct vb_adapter *a, struct vu_face_opts *fo, char *err,
                            size_t errlen)
{
    struct stat st;
    a->window_fd = open(a->o.window_file, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (a->window_fd < 0 || fstat(a->window_fd, &st) < 0) {
        snprintf(err, errlen, "%s: window file %s: %s", a->name, a->o.window_file,
                 strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: window file %s is not a regular file", a->name,
                 a->o.window_file);
        return -1;
    }
    fo->window_file_set = true;
    fo->window_dev = st.st_dev;
    fo->window_ino = st.st_ino;
    return 0;
}

struct vb_adapter *vb_adapter_create(const struct vb_env *env, const struct vb_adapter_opts *o,
                                     unsigned index, struct vpf_net_switch *sw, char *err,
                                     size_t errlen)
{
    struct vb_adapter *a = calloc(1, sizeof(*a));
    if (!a) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    a->env = *env;
    a->o = *o;
    a->index = index;
    a->window_fd = -1;
    if (o->vfio_user[0])
        a->o.no_firmware = true; /* the driver runs in the backend VM */
    o = &a->o;
    snprintf(a->name, sizeof(a->name), "adapter%u", index);
    unsigned q = o->queues ? o->queues : 1;

    struct vpci_params p;
    vpci_params_default(&p);
    p.num_vqs = o->backend == VB_BE_BLK ? q : 2 * q;
    p.msix_vectors = p.num_vqs + 1;
    if (env->mem_win_log2)
        p.mem_win_log2 = env->mem_win_log2;
    p.msix_mode = o->msix_external || o->vfio_user[0] ? VPCI_MSIX_EXTERNAL : VPCI_MSIX_INTERNAL;
    p.win_mode = o->win_persistent ? VPCI_WIN_PERSISTENT : VPCI_WIN_TRAPPED;
    if (o->vfio_user[0]) {
        struct vfu_server_opts vo;
        snprintf(vo.socket, sizeof(vo.socket), "%s", o->vfio_user);
        a->vfu = vfu_server_create(env->loop, env->tr, a->name, &p, &vo, err, errlen);
        if (!a->vfu) {
            free(a);
            return NULL;
        }
        a->core = vfu_server_core(a->vfu);
    } else {
        a->hc = vpci_hal_core_create(&p, 0);
        if (!a->hc) {
            snprintf(err, errlen, "%s: cannot create the adapter core", a->name);
            free(a);
            return NULL;
        }
        a->core = vpci_hal_core_core(a->hc);
    }

    struct vu_face_opts fo = {.client = o->client, .reconnect_ms = env->reconnect_ms};
    snprintf(fo.socket, sizeof(fo.socket), "%s", o->socket);
    if (o->win_persistent && open_window_file(a, &fo, err, errlen) < 0) {
        vb_adapter_destroy(a);
        return NULL;
    }
    a->face = vu_face_create(env->loop, env->tr, a->name, a->core, &fo, err, errlen);
    if (!a->face) {
        vb_adapter_destroy(a);
        return NULL;
    }
    if (o->record[0]) {
        /* What a replay needs to rebuild this adapter and its firmware
         * (docs/session-trace.md, "Header"). */
        char info[768];
        struct stat dst;
        uint64_t disk_bytes = o->ram_disk ? o->ram_disk : (64ull << 20);
        if (o->disk[0])
            disk_bytes = stat(o->disk, &dst) == 0 ? (uint64_t)dst.st_size : 0;
        uint8_t mac[6] = {0x02, 0, 0, 0, (uint8_t)(index >> 8), (uint8_t)(index + 1)};
        if (o->mac_set)
            memcpy(mac, o->mac, 6);
        snprintf(info, sizeof(info),
                 "producer=vhost-pci-bridge %s\nindex=%u\nbackend=%s\nqueues=%u\n"
                 "num_vqs=%u\nmsix_vectors=%u\nmem_win_log2=%u\nmsix=%s\nmode=%s\n"
                 "disk_bytes=%llu\nread_only=%d\nmac=%02x:%02x:%02x:%02x:%02x:%02x\n"
                 "txonly_len=%u\ntxonly_count=%llu\nno_check=%d\n",
                 VPCI_BRIDGE_VERSION, index,
                 o->no_firmware ? "none" : vb_backend_name(o->backend), q, p.num_vqs,
                 p.msix_vectors, p.mem_win_log2, o->msix_external ? "external" : "internal",
                 env->mode == VPF_MODE_POLL       ? "poll"
                 : env->mode == VPF_MODE_ADAPTIVE ? "adaptive"
                                                  : "irq",
                 (unsigned long long)disk_bytes, o->read_only ? 1 : 0, mac[0], mac[1], mac[2],
                 mac[3], mac[4], mac[5], o->txonly_len, (unsigned long long)o->txonly_count,
                 o->no_check ? 1 : 0);
        a->rec = vb_rec_open(o->record, info, err, errlen);
        if (!a->rec) {
            vb_adapter_destroy(a);
            return NULL;
        }
        vu_face_set_recorder(a->face, a->rec);
    }
    if (o->no_firmware)
        return a;

    struct fw_host_opts ho = {.backend = o->backend, .mode = env->mode, .disk = o->disk,
                              .ram_disk = o->ram_disk, .read_only = o->read_only, .queues = q,
                              .mac = o->mac_set ? o->mac : NULL, .txonly_len = o->txonly_len,
                              .txonly_count = o->txonly_count, .no_check = o->no_check};
    a->fw = fw_host_create(&ho, vpci_hal_core_hal(a->hc), index, a->name, sw, env->tr, err,
                           errlen);
    if (!a->fw) {
        vb_adapter_destroy(a);
        return NULL;
    }
    const struct vu_face_release_hooks hooks = {
        .driver_holds = fw_host_driver_holds, .driver_past = fw_host_driver_past,
        .opaque = a->fw};
    vu_face_set_release_hooks(a->face, &hooks);
    return a;
}

int vb_adapter_open(struct vb_adapter *a)
{
    int rc = vu_face_open(a->face);
    if (rc == 0 && !a->o.client)
        vb_log(a->env.tr, VB_INFO, a->name, "listening on %s (backend %s%s)", a->o.socket,
               a->fw ? vb_backend_name(a->o.backend) : "none",
               a->fw    ? ""
               : a->vfu ? ": the driver face is the vfio-user server"
                        : ": no firmware, the driver face waits");
    if (rc == 0 && a->vfu)
        rc = vfu_server_open(a->vfu);
    return rc;
}

int vb_adapter_start_fw(struct vb_adapter *a)
{
    return a->fw ? fw_host_start(a->fw) : 0;
}

void vb_adapter_fw_started(struct vb_adapter *a)
{
    if (a->fw)
        fw_host_started(a->fw);
}

int vb_adapter_step_fw(struct vb_adapter *a)
{
    return a->fw ? fw_host_step(a->fw) : 0;
}

void vb_adapter_pre_step(struct vb_adapter *a)
{
    vu_face_capture(a->face);
}

bool vb_adapter_post(struct vb_adapter *a, bool fw_idle)
{
    return vu_face_poll(a->face, fw_idle);
}

void vb_adapter_close(struct vb_adapter *a)
{
    if (a->face)
        vu_face_close(a->face);
    vfu_server_close(a->vfu);
}

void vb_adapter_fw_gone(struct vb_adapter *a)
{
    if (!a->fw)
        return;
    fw_host_gone(a->fw);
    /* No driver holds pointers any more: quarantined memory can go. */
    if (a->face) {
        vu_face_set_release_hooks(a->face, NULL);
        vu_face_flush(a->face);
    }
}

void vb_adapter_remove_fw(struct vb_adapter *a, struct vpf_net_switch *sw)
{
    if (!a->fw)
        return;
    fw_host_remove(a->fw, sw);
    vb_adapter_fw_gone(a);
}

void vb_adapter_destroy(struct vb_adapter *a)
{
    if (!a)
        return;
    vb_adapter_close(a);
    /* The firmware first (it may still use windows), then the core (its
     * session end comes back to the face as ->release calls), then the face. */
    vb_adapter_fw_gone(a);
    fw_host_destroy(a->fw);
    if (a->vfu)
        vfu_server_destroy(a->vfu);
    else
        vpci_hal_core_destroy(a->hc);
    vu_face_destroy(a->face);
    vb_rec_close(a->rec);
    if (a->window_fd >= 0)
        close(a->window_fd);
    free(a);
}

const char *vb_adapter_name(const struct vb_adapter *a) { return a->name; }
enum vb_backend vb_adapter_backend(const struct vb_adapter *a) { return a->o.backend; }
struct vpci_core *vb_adapter_core(struct vb_adapter *a) { return a->core; }
struct vfu_server *vb_adapter_vfu(struct vb_adapter *a) { return a->vfu; }

const struct vb_adapter_opts *vb_adapter_opts(const struct vb_adapter *a) { return &a->o; }

unsigned vb_adapter_fw_counters(struct vb_adapter *a, const char **names, uint64_t *vals,
                                unsigned max)
{
    return a->fw ? fw_host_counters(a->fw, names, vals, max) : 0;
}

struct vpf_dev *vb_adapter_dev(struct vb_adapter *a)
{
    return a->fw ? fw_host_dev(a->fw) : NULL;
}

void vb_adapter_get_stats(const struct vb_adapter *a, struct vu_face_stats *s)
{
    vu_face_get_stats(a->face, s);
}

void vb_adapter_report(struct vb_adapter *a, FILE *f)
{
    struct vpci_stats cs;
    struct vu_face_stats st;
    vpci_core_stats(a->core, &cs);
    vu_face_get_stats(a->face, &st);
    fprintf(f,
            "%s backend=%s socket=%s sessions=%llu msgs_in=%llu msgs_out=%llu m2s=%llu s2m=%llu "
            "adapter_replies=%llu refused=%llu violations=%llu kicks=%llu doorbells=%llu "
            "notifies=%llu maps=%llu unmaps=%llu\n",
            a->name, a->fw ? vb_backend_name(a->o.backend) : "none", a->o.socket,
            (unsigned long long)st.sessions, (unsigned long long)st.msgs_in,
            (unsigned long long)st.msgs_out, (unsigned long long)cs.m2s_msgs,
            (unsigned long long)cs.s2m_msgs, (unsigned long long)cs.adapter_replies,
            (unsigned long long)cs.refused, (unsigned long long)st.violations,
            (unsigned long long)cs.kicks, (unsigned long long)cs.doorbells,
            (unsigned long long)st.notifies, (unsigned long long)st.maps,
            (unsigned long long)st.unmaps);
    if (a->rec) {
        struct vb_rec_stats rs;
        vb_rec_flush(a->rec);
        vb_rec_get_stats(a->rec, &rs);
        fprintf(f,
                "%s record=%s record_records=%llu record_bytes=%llu record_chains=%llu "
                "record_mem_bytes=%llu record_late=%llu record_skipped=%llu record_failed=%d\n",
                a->name, a->o.record, (unsigned long long)rs.records,
                (unsigned long long)rs.bytes, (unsigned long long)rs.chains,
                (unsigned long long)rs.mem_bytes, (unsigned long long)rs.late,
                (unsigned long long)rs.skipped, rs.failed ? 1 : 0);
    }
    if (a->vfu)
        vfu_server_report(a->vfu, a->name, f);
    if (a->fw)
        fw_host_report(a->fw, a->name, f);
}
