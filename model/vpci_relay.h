/* SPDX-License-Identifier: MIT */
/*
 * vpci_relay.h - the relay table of docs/spec.md §6 as data: one entry per
 * vhost-user request code of the pinned revision (front-end requests on the
 * master channel, back-end requests on the backend channel), with the class,
 * the payload and fd layout the master face checks, and the reply it
 * expects. The table, its enums and vpci_relay_lookup() are generated from
 * regs/vhost_user_requests.yaml into vhost_pci_requests.h (regs/README.md).
 * relay.c drives everything from these tables; tests walk them.
 * Internal to the core (like vpci_internal.h).
 */
#ifndef VPCI_RELAY_H
#define VPCI_RELAY_H

#include <stdint.h>

#include "vhost_pci_requests.h"

#ifdef __cplusplus
extern "C" {
#endif

/* vhost-user header flag bits (spec §5.3). */
#define VPCI_VU_VERSION_MASK 0x3u
#define VPCI_VU_VERSION 0x1u
#define VPCI_VU_REPLY 0x4u
#define VPCI_VU_NEED_REPLY 0x8u

struct vpci_core;
/* Pass mask of protocol features for this instance's accepted adapter features. */
uint64_t vpci_relay_pass_mask(const struct vpci_core *c);

#ifdef __cplusplus
}
#endif

#endif /* VPCI_RELAY_H */
