// The generated headers must compile as C++17 (drivers, SystemC wrapper, gtest).
#include "vhost_pci_regs.h"
#include "vhost_pci_regs_decode.h"
#include "vhost_pci_csr_vectors.h"
#include "vhost_pci_requests.h"

#include <cstdio>

static_assert(VPCI_ADAPTER_STATUS_OFFSET == 0x28, "STATUS offset");
static_assert(VPCI_VQ_KICK_PENDING_OFFSET(7) == 0x25c, "multireg macro is constant");
static_assert(sizeof(vpci_desc) == 16 && sizeof(vpci_cpl) == 16, "struct sizes");
static_assert(VPCI_REG_COUNT > VPCI_REG_DOORBELL_LOG, "register ids");
static_assert(VPCI_VU_REQ_CHECK_DEVICE_STATE == VPCI_RELAY_FRONTEND_MAX, "request enum");

int main()
{
    const vpci_reg_desc *r = vpci_reg_lookup(VPCI_SPACE_BAR0, VPCI_ADAPTER_LINK_OFFSET + 1);
    uint32_t v = vpci_adapter_link_session_set(0, 0x7f);
    int bad = 0;
    bad |= r == nullptr || r->id != VPCI_REG_ADAPTER_LINK;
    bad |= vpci_adapter_link_session_get(v) != 0x7f;
    bad |= vpci_csr_vectors_get()[0].op != VPCI_CSR_OP_RESET;
    bad |= vpci_relay_lookup(0, VPCI_VU_REQ_GET_FEATURES)->reply != VPCI_REPLY_U64;
    std::printf("test_header_cxx: %s\n", bad ? "FAILED" : "ok");
    return bad;
}
