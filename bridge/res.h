/* SPDX-License-Identifier: MIT */
/*
 * res.h - turning a master message's fds into adapter resources
 * (struct vpci_res of model/vhost_pci_core.h), and giving them back.
 *
 *  - memory (SET_MEM_TABLE / ADD_MEM_REG regions, SET_LOG_BASE log): the fd
 *    must be a regular file at least offset + size bytes long (fstat) or it
 *    is refused and never mapped; mapped MAP_SHARED, the fd closed at once.
 *    Release: while the firmware may still hold pointers into the region, the
 *    mapping is replaced in place (MAP_FIXED) by private anonymous memory,
 *    which reads zeros and takes the firmware's writes without passing them
 *    to the master, and unmapped once the firmware has seen the session end
 *    (quarantine). No byte of it is touched: filling it (with 0xff) cost
 *    about 0.8 s per GiB inside the session end;
 *  - call / err / log notifiers and kicks: the fd must be an eventfd;
 *  - backend channel: the fd must be a socket.
 * The epoll side (kick watch, channel connection) is the face's (vu_face.c).
 */
#ifndef VB_RES_H
#define VB_RES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "loop.h"
#include "vhost_pci_core.h"
#include "vu_msg.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vb_conn;

struct vb_res {
    enum vu_fd_kind kind;
    int fd;                  /* eventfd / socket; -1 for memory (closed after mmap) */
    void *map;               /* memory: the whole mapping                          */
    size_t map_len;
    int vq;                  /* kick / call / err: vring index, else -1            */
    uint32_t request;        /* request that brought it                            */
    struct vpci_res core;    /* descriptor handed to the core; cookie = this        */
    struct vb_watch w;       /* kick: eventfd watch                                */
    struct vb_conn *chan;    /* backend channel connection                         */
    dev_t dev;               /* memory: identity of the fd's file (st_dev/st_ino)  */
    ino_t ino;
    uint64_t epoch;          /* quarantine: the driver's session at release        */
    void *owner;             /* the vhost-user face                                */
    struct vb_res *next;     /* face's live or quarantine list                     */
};

/* Build a memory resource from @fd for [off, off + size). On success the
 * fd is closed and 0 returned; on failure -1 with a reason (fd untouched). */
int vb_res_mem(struct vb_res *r, int fd, uint64_t off, uint64_t size, char *why, size_t whylen);
/* Check that @fd is an eventfd (kind NOTIFIER or KICK) and take it. */
int vb_res_eventfd(struct vb_res *r, int fd, enum vu_fd_kind kind, char *why, size_t whylen);
/* Check that @fd is a socket and take it. */
int vb_res_socket(struct vb_res *r, int fd, char *why, size_t whylen);

/* Signal a notifier (eventfd write of 1; never blocks). */
void vb_res_signal(struct vb_res *r);
/* Drain a kick eventfd; returns true if it had fired. */
bool vb_res_drain_kick(struct vb_res *r);

/* Memory: replace the mapping with private anonymous memory, untouched
 * (reads zeros; pointers stay valid and never reach the master's memory
 * again). Returns 0, or -1 if the replacement failed (then unmapped). */
int vb_res_mem_poison(struct vb_res *r);
/* Memory: unmap. Others: close the fd. Safe to call twice. */
void vb_res_close(struct vb_res *r);

#ifdef __cplusplus
}
#endif

#endif /* VB_RES_H */
