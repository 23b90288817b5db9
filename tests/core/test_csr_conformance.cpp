// SPDX-License-Identifier: MIT
// Register conformance of the core: runs the generated register test vectors
// (gen/vhost_pci_csr_vectors.h: reset values, read/write, bit bash, aliasing
// and write-1-to-clear semantics over config space and BAR0) through the
// public access functions vpci_cfg_* and vpci_mmio_*. The same vectors drive
// the RTL testbench.
//
// Vector format (tools/regs_gen.py, gen_vectors): each test group starts with
// a RESET op (PCI-level reset of the device), followed by the setup writes
// (COMMAND.MEM_EN, so BAR0 decodes), then WRITE and READ_EXPECT ops in order.
// READ_EXPECT compares (read & mask) == data. Vectors assume default
// parameters and idle hardware.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

extern "C" {
#include "fake_platform.h"
#include "vhost_pci_csr_vectors.h"
#include "vhost_pci_regs_decode.h"
}

namespace {

std::string describe(const vpci_csr_vec &v, size_t i)
{
    std::ostringstream o;
    o << "vector " << i << " ("
      << (v.reg_id < VPCI_REG_COUNT ? vpci_regs[v.reg_id].name : "-") << ", space "
      << unsigned(v.space) << " offset 0x" << std::hex << v.offset << " size " << std::dec
      << unsigned(v.size) << ")";
    return o.str();
}

class CsrConformance : public ::testing::TestWithParam<int> {
protected:
    void TearDown() override
    {
        if (f.core)
            fake_fini(&f);
    }
    // RESET op: a fresh instance the first time, a PCI-level reset afterwards
    // (both must give the same state).
    void reset()
    {
        if (!f.core) {
            fake_init(&f, nullptr);
            ASSERT_NE(f.core, nullptr);
        } else {
            vpci_core_pci_reset(f.core);
        }
    }
    uint32_t read(const vpci_csr_vec &v)
    {
        if (v.space == VPCI_SPACE_CFG)
            return vpci_cfg_read(f.core, v.offset, v.size);
        return (uint32_t)vpci_mmio_read(f.core, 0, v.offset, v.size);
    }
    void write(const vpci_csr_vec &v)
    {
        if (v.space == VPCI_SPACE_CFG)
            vpci_cfg_write(f.core, v.offset, v.size, v.data);
        else
            vpci_mmio_write(f.core, 0, v.offset, v.size, v.data);
    }
    // Run every vector of test group @test; returns the number of reads checked.
    unsigned run(int test)
    {
        const vpci_csr_vec *vec = vpci_csr_vectors_get();
        unsigned checked = 0;
        for (size_t i = 0; i < VPCI_CSR_VEC_COUNT; i++) {
            const vpci_csr_vec &v = vec[i];
            if (v.test != test)
                continue;
            switch (v.op) {
            case VPCI_CSR_OP_RESET:
                reset();
                break;
            case VPCI_CSR_OP_WRITE:
                write(v);
                break;
            case VPCI_CSR_OP_READ_EXPECT: {
                uint32_t got = read(v) & v.mask;
                EXPECT_EQ(got, v.data) << describe(v, i) << " mask 0x" << std::hex << v.mask;
                checked++;
                break;
            }
            default:
                ADD_FAILURE() << "unknown op " << unsigned(v.op) << " in " << describe(v, i);
            }
        }
        return checked;
    }
    fake_platform f{};
};

class CsrConformanceSeq : public CsrConformance {};

TEST_P(CsrConformance, GeneratedVectorsPassOnTheCore)
{
    unsigned n = run(GetParam());
    EXPECT_GT(n, 0u) << "no READ_EXPECT vectors in this group";
    // Idle hardware: the register tests must not have provoked any traffic.
    EXPECT_EQ(fake_count(&f, FAKE_EV_DMA_ISSUE), 0u);
    EXPECT_EQ(fake_count(&f, FAKE_EV_NOTIFY), 0u);
}

std::string group_name(const ::testing::TestParamInfo<int> &i)
{
    switch (i.param) {
    case VPCI_CSR_TEST_RESET:
        return "Reset";
    case VPCI_CSR_TEST_RW:
        return "ReadWrite";
    case VPCI_CSR_TEST_BIT_BASH:
        return "BitBash";
    case VPCI_CSR_TEST_ALIASING:
        return "Aliasing";
    default:
        return "W1c";
    }
}

INSTANTIATE_TEST_SUITE_P(Groups, CsrConformance,
                         ::testing::Values(VPCI_CSR_TEST_RESET, VPCI_CSR_TEST_RW,
                                           VPCI_CSR_TEST_BIT_BASH, VPCI_CSR_TEST_ALIASING,
                                           VPCI_CSR_TEST_W1C),
                         group_name);

TEST(CsrVectors, EveryGroupStartsWithAResetAndNamesValidRegisters)
{
    const vpci_csr_vec *vec = vpci_csr_vectors_get();
    int group = -1;
    for (size_t i = 0; i < VPCI_CSR_VEC_COUNT; i++) {
        const vpci_csr_vec &v = vec[i];
        if (v.test != group) {
            EXPECT_EQ(v.op, VPCI_CSR_OP_RESET) << "group " << unsigned(v.test) << " at " << i;
            group = v.test;
        }
        if (v.op == VPCI_CSR_OP_RESET) {
            EXPECT_EQ(v.reg_id, VPCI_CSR_NO_REG);
            continue;
        }
        ASSERT_LT(v.reg_id, VPCI_REG_COUNT) << i;
        const vpci_reg_desc &r = vpci_regs[v.reg_id];
        EXPECT_EQ(r.space, v.space) << describe(v, i);
        EXPECT_EQ(r.offset, v.offset) << describe(v, i);
        EXPECT_EQ(r.size, v.size) << describe(v, i);
    }
}

// The groups above each start on a fresh instance. Running the reset group
// after the read/write and bit-bash groups makes its RESET op a PCI-level
// reset of a disturbed instance, which must restore every reset value.
TEST_F(CsrConformanceSeq, PciResetOfADisturbedInstanceRestoresResetValues)
{
    run(VPCI_CSR_TEST_RW);
    run(VPCI_CSR_TEST_BIT_BASH);
    run(VPCI_CSR_TEST_ALIASING);
    EXPECT_GT(run(VPCI_CSR_TEST_RESET), 100u);
}

} // namespace
