/* SPDX-License-Identifier: MIT */
/*
 * vpci_relay.h - the relay table of docs/spec.md §6 as data: one entry per
 * vhost-user request code of the pinned revision (front-end requests on the
 * master channel, back-end requests on the backend channel), with the class,
 * the payload and fd layout the master face checks, and the reply it
 * expects. The table, its enums, the message constants (header flags,
 * VPCI_VU_FLAG_*) and vpci_relay_lookup() are generated from
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

struct vpci_core;
/* Pass mask of protocol features for this instance's accepted adapter features. */
uint64_t vpci_relay_pass_mask(const struct vpci_core *c);

#ifdef __cplusplus
}
#endif

#endif /* VPCI_RELAY_H */
