/*
 * Compiled self-test of the generated register headers (C11).
 * Checks named offsets against the brief, the decode table against its own
 * masks, the field helpers, vpci_reg_lookup(), the structs' little-endian
 * accessors, and runs the CSR vectors against a generic register file built
 * from the decode table (the vectors must agree with the access types), and
 * the request table: lookups, entries against their codes, size rules.
 * Exit 0 on success; prints each failed check.
 */
#include "vhost_pci_regs.h"
#include "vhost_pci_regs_decode.h"
#include "vhost_pci_csr_vectors.h"
#include "vhost_pci_requests.h"

#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(c)                                                              \
    do {                                                                      \
        if (!(c)) {                                                           \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
            failures++;                                                       \
        }                                                                     \
    } while (0)

static void test_named(void)
{
    CHECK(VPCI_ADAPTER_MAGIC_OFFSET == 0x0c);
    CHECK(VPCI_ADAPTER_MAGIC_RESET == VPCI_MAGIC);
    CHECK(VPCI_ADAPTER_STATUS_OFFSET == 0x28);
    CHECK(VPCI_M2S_RB_TYPE_OFFSET == 0x100 && VPCI_S2M_RB_TYPE_OFFSET == 0x140);
    CHECK(VPCI_VQ_KICK_PENDING_OFFSET(3) == 0x24c && VPCI_VQ_KICK_PENDING_COUNT == 8);
    CHECK(VPCI_DOORBELL_CALL_OFFSET(1) == 0x1008 && VPCI_DOORBELL_ERR_OFFSET(0) == 0x1004);
    CHECK(VPCI_DOORBELL_LOG_OFFSET == 0x1800);
    CHECK(VPCI_MSIX_TBL_OFFSET == 0x2000 && VPCI_MSIX_PBA_OFFSET == 0x4000);
    CHECK(VPCI_CFG_VENDOR_ID_RESET == 0x1b36 && VPCI_CFG_DEVICE_ID_RESET == 0x0110);
    CHECK(VPCI_PCIE_CAP_DEVCTL_INITIATE_FLR_BIT == 0x8000);
    CHECK(VPCI_ADAPTER_INT_VECTOR_RESET == VPCI_NO_VECTOR);
    CHECK(VPCI_BAR0_SIZE == 0x8000 && VPCI_BAR2_SIZE_DEFAULT == (1ull << 30));
    CHECK(VPCI_ERROR_CODE_QUEUE_OVERFLOW == 16 && VPCI_CPL_STATUS_NO_PEER == 6);
    CHECK(vpci_adapter_link_session_get(0x00002a03u) == 0x2a);
    CHECK(vpci_adapter_link_session_set(0xffffffffu, 0x12) == 0xffff12ffu);
    CHECK(vpci_adapter_error_info_detail_set(0, 0xffffffffu) == 0xffffff00u);
    CHECK(vpci_adapter_status_driver_ok_set(0, 1) == VPCI_ADAPTER_STATUS_DRIVER_OK_BIT);
}

static void test_table(void)
{
    unsigned i, j;
    CHECK(vpci_regs[VPCI_REG_ADAPTER_STATUS].offset == VPCI_ADAPTER_STATUS_OFFSET);
    CHECK(vpci_regs[VPCI_REG_VQ_KICK_PENDING_0 + 3].offset == VPCI_VQ_KICK_PENDING_OFFSET(3));
    CHECK(vpci_regs[VPCI_REG_VQ_KICK_PENDING_3].mr_index == 3);
    CHECK(strcmp(vpci_regs[VPCI_REG_VQ_KICK_PENDING_3].name, "VQ.KICK_PENDING[3]") == 0);
    for (i = 0; i < VPCI_REG_COUNT; i++) {
        const struct vpci_reg_desc *r = &vpci_regs[i];
        uint32_t impl = 0, reset = 0, full = r->size == 4 ? 0xffffffffu : (1u << (8 * r->size)) - 1;
        CHECK(r->id == i);
        CHECK(r->size == 1 || r->size == 2 || r->size == 4);
        CHECK(r->offset % r->size == 0);
        CHECK(r->mr_index < r->mr_count);
        for (j = 0; j < r->nfields; j++) {
            const struct vpci_field_desc *f = &r->fields[j];
            uint32_t m = (f->width == 32 ? 0xffffffffu : ((1u << f->width) - 1)) << f->lsb;
            CHECK((impl & m) == 0);
            impl |= m;
            reset |= f->reset << f->lsb;
        }
        CHECK(impl == r->impl_mask && (impl & ~full) == 0);
        CHECK(reset == r->reset);
        CHECK((r->rd_mask & ~impl) == 0 && (r->wr_mask & ~r->rd_mask) == 0);
        CHECK((r->pulse_mask & r->rd_mask) == 0);
        CHECK(vpci_reg_lookup(r->space, r->offset) == r);
        CHECK(vpci_reg_lookup(r->space, r->offset + r->size - 1) == r);
    }
    CHECK(vpci_reg_lookup(VPCI_SPACE_BAR0, 0x0050) == NULL); /* hole after ADAPTER */
    CHECK(vpci_reg_lookup(VPCI_SPACE_BAR0, 0x2000) == NULL); /* window, not a register */
    CHECK(vpci_window_lookup(VPCI_SPACE_BAR0, 0x2010) == &vpci_windows[VPCI_WIN_MSIX_TBL]);
    CHECK(vpci_reg_lookup(VPCI_SPACE_COUNT, 0) == NULL);
    CHECK(vpci_reg_lookup(VPCI_SPACE_CFG, 0x05) == &vpci_regs[VPCI_REG_CFG_COMMAND]);
}

static void test_structs(void)
{
    uint8_t buf[VPCI_DESC_SIZE];
    memset(buf, 0, sizeof(buf));
    vpci_desc_addr_store(buf, 0x1122334455667788ull);
    vpci_desc_len_store(buf, 0xaabbccddu);
    vpci_desc_id_store(buf, 0x1234);
    CHECK(buf[0] == 0x88 && buf[7] == 0x11 && buf[8] == 0xdd && buf[12] == 0x34);
    CHECK(vpci_desc_addr_load(buf) == 0x1122334455667788ull);
    CHECK(vpci_desc_len_load(buf) == 0xaabbccddu && vpci_desc_id_load(buf) == 0x1234);
    CHECK(sizeof(struct vpci_cpl) == VPCI_CPL_SIZE && VPCI_CPL_REQUEST_OFFSET == 12);
}

/* Generic register file driven only by the decode table masks. */
static uint32_t state[VPCI_REG_COUNT];

static void rf_reset(void)
{
    unsigned i;
    for (i = 0; i < VPCI_REG_COUNT; i++)
        state[i] = vpci_regs[i].reset;
}

static void rf_write(const struct vpci_reg_desc *r, uint32_t d)
{
    uint32_t v = state[r->id];
    v = (v & ~r->wr_mask) | (d & r->wr_mask);
    v = (v & ~r->wo_mask) | (d & r->wo_mask);
    v &= ~(d & r->w1c_mask);
    v |= d & r->w1s_mask;
    v &= ~(~d & r->w0c_mask);
    state[r->id] = v & r->impl_mask & ~r->pulse_mask;
}

static uint32_t rf_read(const struct vpci_reg_desc *r)
{
    uint32_t v = state[r->id] & r->rd_mask;
    state[r->id] &= ~r->rc_mask;
    return v;
}

static void test_vectors(void)
{
    const struct vpci_csr_vec *v = vpci_csr_vectors_get();
    unsigned i, resets = 0, reads = 0;
    CHECK(VPCI_CSR_VEC_COUNT > 0 && v[0].op == VPCI_CSR_OP_RESET);
    for (i = 0; i < VPCI_CSR_VEC_COUNT; i++) {
        const struct vpci_reg_desc *r;
        if (v[i].op == VPCI_CSR_OP_RESET) {
            CHECK(v[i].reg_id == VPCI_CSR_NO_REG);
            rf_reset();
            resets++;
            continue;
        }
        CHECK(v[i].reg_id < VPCI_REG_COUNT);
        if (v[i].reg_id >= VPCI_REG_COUNT)
            continue;
        r = &vpci_regs[v[i].reg_id];
        CHECK(vpci_reg_lookup(v[i].space, v[i].offset) == r && v[i].size == r->size);
        if (v[i].op == VPCI_CSR_OP_WRITE) {
            CHECK((v[i].data & r->pulse_mask) == 0);
            rf_write(r, v[i].data);
        } else {
            uint32_t got = rf_read(r) & v[i].mask;
            reads++;
            if (got != v[i].data) {
                fprintf(stderr, "vector %u (%s test %u): read 0x%x expected 0x%x mask 0x%x\n",
                        i, r->name, v[i].test, got, v[i].data, v[i].mask);
                failures++;
            }
        }
    }
    CHECK(resets == 5 && reads > 100);
}

/* The request table: indexed by code, lookups, a few entries, the size rules. */
static void test_requests(void)
{
    static const uint8_t two_regions[8 + 64] = {2};
    static const uint8_t config4[12 + 4] = {0, 0, 0, 0, 4};
    unsigned i;

    for (i = 1; i <= VPCI_RELAY_FRONTEND_MAX; i++) {
        CHECK(vpci_relay_frontend[i].request == i && vpci_relay_frontend[i].name != NULL);
        CHECK(vpci_relay_lookup(0, i) == &vpci_relay_frontend[i]);
    }
    for (i = 1; i <= VPCI_RELAY_BACKEND_MAX; i++)
        CHECK(vpci_relay_lookup(1, i) == &vpci_relay_backend[i]);
    CHECK(vpci_relay_lookup(0, 0) == NULL && vpci_relay_lookup(1, 0) == NULL);
    CHECK(vpci_relay_lookup(0, VPCI_RELAY_FRONTEND_MAX + 1) == NULL);
    CHECK(vpci_relay_lookup(1, VPCI_RELAY_BACKEND_MAX + 1) == NULL);
    CHECK(VPCI_VU_REQ_GET_MAX_MEM_SLOTS == 36 && VPCI_VU_REQ_BACKEND_VRING_CALL == 4);
    CHECK(strcmp(vpci_relay_lookup(0, VPCI_VU_REQ_REM_MEM_REG)->name, "REM_MEM_REG") == 0);
    CHECK(vpci_relay_frontend[VPCI_VU_REQ_SET_LOG_BASE].need ==
          (VPCI_NEED_LOG_WIN | VPCI_NEED_LOG_SHMFD));
    CHECK(vpci_relay_frontend[VPCI_VU_REQ_GET_QUEUE_NUM].rewrite == VPCI_RW_REPLY_CLAMP);
    CHECK(vpci_relay_frontend[VPCI_VU_REQ_POSTCOPY_END].cls == VPCI_CLASS_REFUSE &&
          vpci_relay_frontend[VPCI_VU_REQ_POSTCOPY_END].reply == VPCI_REPLY_NONE);
    CHECK(VPCI_PROTO_PASS_ALL == 0x1a2ffull && VPCI_PROTO_F_REPLY_ACK == 3);
    CHECK(VPCI_NEED_LOG_WIN_ADAPTER_FEATURE == VPCI_ADAPTER_FEATURE_LOG_WIN);
    CHECK(vpci_payload_size_ok(VPCI_PL_NONE, two_regions, 0, 0));
    CHECK(vpci_payload_size_ok(VPCI_PL_NONE, two_regions, 8, 1));
    CHECK(!vpci_payload_size_ok(VPCI_PL_NONE, two_regions, 8, 0));
    CHECK(vpci_payload_size_ok(VPCI_PL_MEM_TABLE, two_regions, 8 + 64, 1));
    CHECK(!vpci_payload_size_ok(VPCI_PL_MEM_TABLE, two_regions, 8 + 32, 1));
    CHECK(vpci_payload_size_ok(VPCI_PL_CONFIG, config4, 16, 1));
    CHECK(!vpci_payload_size_ok(VPCI_PL_CONFIG, config4, 15, 1));
    CHECK(vpci_payload_size_ok(VPCI_PL_IOTLB, config4, 26, 1));
    CHECK(!vpci_payload_size_ok(VPCI_PL_IOTLB, config4, 33, 1));
    CHECK(!vpci_payload_size_ok((enum vpci_payload)VPCI_PL_COUNT, config4, 0, 1));
    /* The message section: the spec's header flags and KICK/CALL/ERR layout; the NOFD
     * test must see bits 63:32 (64-bit constants). */
    CHECK(VPCI_VU_FLAG_VERSION == 1 && VPCI_VU_FLAG_REPLY == 4 && VPCI_VU_FLAG_NEED_REPLY == 8);
    CHECK((VPCI_VU_FLAG_VERSION & ~VPCI_VU_FLAG_VERSION_MASK) == 0);
    CHECK((~(VPCI_VU_VRING_INDEX_MASK | VPCI_VU_VRING_NOFD) >> 32) == 0xffffffffull);
    CHECK(VPCI_VU_MEM_REGIONS_MAX == VPCI_PL_MEM_TABLE_COUNT_MAX &&
          VPCI_VU_FDS_MAX >= VPCI_VU_MEM_REGIONS_MAX && VPCI_VU_F_PROTOCOL_FEATURES == 30);
}

int main(void)
{
    test_named();
    test_table();
    test_structs();
    test_vectors();
    test_requests();
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    else
        printf("test_header: ok (%u registers, %u vectors)\n", (unsigned)VPCI_REG_COUNT,
               (unsigned)VPCI_CSR_VEC_COUNT);
    return failures ? 1 : 0;
}
