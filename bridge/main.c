/* SPDX-License-Identifier: MIT */
/*
 * main.c - the vhost-pci-bridge executable: parse the command line (see
 * --help and bridge/README.md), run the bridge until SIGINT/SIGTERM, print
 * the report.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "bridge.h"

static struct vb_bridge *g_bridge; /* for the signal handler only */

static void on_signal(int sig)
{
    (void)sig;
    if (g_bridge)
        vb_bridge_stop(g_bridge);
}

int main(int argc, char **argv)
{
    struct vb_opts o;
    char err[512];

    int rc = vb_opts_parse(&o, argc, argv, stdout, err, sizeof(err));
    if (rc == 1)
        return 0;
    if (rc < 0) {
        fprintf(stderr, "vhost-pci-bridge: %s\n", err);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    struct vb_bridge *b = vb_bridge_create(&o, err, sizeof(err));
    if (!b) {
        fprintf(stderr, "vhost-pci-bridge: %s\n", err);
        return 1;
    }
    g_bridge = b;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    rc = vb_bridge_run(b);
    vb_bridge_report(b, stdout);
    fflush(stdout);
    g_bridge = NULL;
    vb_bridge_destroy(b);
    return rc < 0 ? 1 : 0;
}
