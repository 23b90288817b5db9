/* SPDX-License-Identifier: MIT */
/*
 * config.h - the bridge's configuration file (--config FILE): the command
 * line's options, one per line, so that a service's long command line moves
 * into a file (bridge/README.md, "Configuration file").
 *
 *   # comment
 *   mode = irq                  global options first: "key = value"
 *   control = /run/vhost-pci/ctl.sock
 *   trace = true                flags: true/false (yes/no, 1/0)
 *
 *   [adapter]                   one section per adapter
 *   socket = /run/vhost-pci/net0.sock   (required, whatever its place)
 *   backend = net
 *
 * Keys are the long options without "--". The file becomes command-line
 * arguments (globals, then each adapter starting with its --socket), parsed
 * by vb_opts_parse() like any others: both accept exactly the same.
 */
#ifndef VB_CONFIG_H
#define VB_CONFIG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Read @path into an argument vector (*argv_out: *argc_out strings, free
 * each and the vector with vb_config_free). 0, or -1 with "FILE:LINE: why"
 * in @err. */
int vb_config_read(const char *path, char ***argv_out, int *argc_out, char *err,
                   size_t errlen);
void vb_config_free(char **argv, int argc);

#ifdef __cplusplus
}
#endif

#endif /* VB_CONFIG_H */
