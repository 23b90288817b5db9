// SPDX-License-Identifier: MIT
// test_vfu.cpp - the bridge's vfio-user server (the driver face, --vfio-user)
// against a raw vfio-user client, no QEMU: version negotiation, device and
// region info, config space and BAR0 through REGION_READ/WRITE, posted
// writes, DMA maps (memfd: the core's queue DMA lands in it; fd-less: served
// by DMA_READ/DMA_WRITE messages without blocking), MSI-X eventfds,
// DEVICE_RESET, disconnects, malformed messages (dropped, no fd leak).
// docs/spec.md §12.4, QEMU docs/interop/vfio-user.rst.
#include <poll.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bridge_fixture.h"
#include "vfu_client.h"
#include "vfu_server.h"
#include "vhost_pci_regs.h"

namespace {

constexpr int kTo = 3000;
constexpr uint32_t kCfg = 7;
constexpr uint64_t kIova = 0x100000;    // DMA map base
constexpr uint64_t kMemSize = 1u << 20; // 1 MiB of "guest memory"
constexpr uint64_t kRing = kIova, kCpl = kIova + 0x1000, kBufs = kIova + 0x2000;
constexpr unsigned kLog2 = 3, kN = 1u << kLog2;

class VfuTest : public ::testing::Test {
  protected:
    TempDir dir;
    std::string sock = dir / "vu.sock";
    std::string vsock = dir / "vfu.sock";
    std::vector<std::string> Args() { return {"--socket", sock, "--vfio-user", vsock}; }
};

vfu_server_stats VStats(TestBridge &b)
{
    vfu_server_stats st{};
    vfu_server_get_stats(vb_adapter_vfu(vb_bridge_adapter(b.get(), 0)), &st);
    return st;
}

// Enable memory and bus mastering in config space.
void EnableFunction(int fd)
{
    uint16_t cmd = 0x6;
    ASSERT_EQ(vfc_write(fd, kCfg, 4, 2, &cmd, false), 0);
}

// Driver bring-up per spec §9.1 up to DRIVER_OK with the M2S queue's rings
// and buffers at the DMA addresses above (the memory behind them is the
// caller's: @mem, kMemSize bytes from kIova).
void BringUp(int fd, uint8_t *mem)
{
    EnableFunction(fd);
    EXPECT_EQ(vfc_read32(fd, 0, VPCI_ADAPTER_MAGIC_OFFSET), 0x56504349u);
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_ADAPTER_STATUS_OFFSET, VPCI_ADAPTER_STATUS_DRIVER_BIT), 0);
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_ADAPTER_DRV_FEATURES_SEL_OFFSET, 1), 0);
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_ADAPTER_DRV_FEATURES_OFFSET, 1), 0); // VERSION_1
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_ADAPTER_STATUS_OFFSET, 3), 0);
    EXPECT_EQ(vfc_read32(fd, 0, VPCI_ADAPTER_STATUS_OFFSET) & 3u, 3u);
    memset(mem, 0, 0x2000);
    for (unsigned i = 0; i < kN; i++) {
        uint8_t *d = mem + (kRing - kIova) + 16 * i;
        uint64_t a = kBufs + 4096ull * i;
        uint32_t len = 4096;
        uint16_t id = (uint16_t)i;
        memcpy(d, &a, 8);
        memcpy(d + 8, &len, 4);
        memcpy(d + 12, &id, 2);
    }
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_M2S_RING_BASE_LO_OFFSET, (uint32_t)kRing), 0);
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_M2S_RING_BASE_HI_OFFSET, 0), 0);
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_M2S_CPL_BASE_LO_OFFSET, (uint32_t)kCpl), 0);
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_M2S_CPL_BASE_HI_OFFSET, 0), 0);
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_M2S_SIZE_OFFSET, kLog2), 0);
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_M2S_CTRL_OFFSET, 1), 0);
    EXPECT_EQ(vfc_read32(fd, 0, VPCI_M2S_QSTATUS_OFFSET) & 3u, 1u); // ENABLED, no ERROR
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_M2S_TAIL_OFFSET, kN), 0);
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_ADAPTER_STATUS_OFFSET, 7), 0);
}

// Wait for M2S completion @i (phase 1) in @mem, serving DMA messages of the
// server from @served when given (fd-less maps). True if it arrived.
bool WaitCpl(int fd, const uint8_t *mem, unsigned i, vfc_mem *served = nullptr)
{
    const volatile uint8_t *c = mem + (kCpl - kIova) + 16 * i;
    for (int t = 0; t < 300; t++) {
        if (c[7] & 1)
            return true;
        if (served)
            vfc_serve_one(fd, served, 10);
        else
            usleep(10000);
    }
    return false;
}

void *MapMem(int memfd)
{
    void *p = mmap(nullptr, kMemSize, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
    return p == MAP_FAILED ? nullptr : p;
}

TEST_F(VfuTest, VersionNegotiationAndReplyFitsTheRequest)
{
    TestBridge b(Args());
    ASSERT_TRUE(b.ok());
    int fd = vc_connect(vsock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    // Full capabilities when the request leaves room for them.
    std::string caps = "{\"capabilities\":{\"max_msg_fds\":16,\"max_data_xfer_size\":1048576,"
                       "\"pgsizes\":4096,\"max_dma_maps\":65535,\"write_multiple\":true,"
                       "\"migration\":{\"pgsize\":4096}}}";
    std::vector<uint8_t> p(4 + caps.size() + 1, 0);
    memcpy(p.data() + 4, caps.c_str(), caps.size() + 1);
    ASSERT_EQ(vfc_send(fd, 7, 1, 0, p.data(), p.size(), nullptr, 0), 0);
    auto m = std::make_unique<vfc_msg>();
    ASSERT_EQ(vfc_recv(fd, m.get(), kTo), 1);
    EXPECT_EQ(m->id, 7);
    EXPECT_EQ(m->cmd, 1);
    EXPECT_EQ(m->flags, 1u);
    ASSERT_GE(m->len, 5u);
    EXPECT_LE(m->size, 16 + p.size());
    uint16_t major, minor;
    memcpy(&major, m->payload, 2);
    memcpy(&minor, m->payload + 2, 2);
    EXPECT_EQ(major, 0);
    EXPECT_EQ(minor, 0);
    std::string js((const char *)m->payload + 4);
    EXPECT_EQ(m->payload[m->len - 1], 0);
    EXPECT_NE(js.find("\"max_msg_fds\":16"), std::string::npos) << js;
    EXPECT_NE(js.find("\"max_data_xfer_size\":65536"), std::string::npos) << js;
    EXPECT_EQ(js.find("write_multiple"), std::string::npos) << js; // a subset of the client's
    close(fd);

    // A request without capabilities gets a reply no longer than itself.
    fd = vc_connect(vsock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    uint8_t v[4] = {0, 0, 0, 0};
    ASSERT_EQ(vfc_send(fd, 8, 1, 0, v, 4, nullptr, 0), 0);
    ASSERT_EQ(vfc_recv(fd, m.get(), kTo), 1);
    EXPECT_EQ(m->size, 20u);
    // Major 1 is refused: the client is dropped.
    close(fd);
    fd = vc_connect(vsock.c_str(), kTo);
    uint16_t one = 1;
    memcpy(v, &one, 2);
    ASSERT_EQ(vfc_send(fd, 9, 1, 0, v, 4, nullptr, 0), 0);
    EXPECT_TRUE(vc_wait_eof(fd, kTo));
    close(fd);
}

TEST_F(VfuTest, DeviceAndRegionInfo)
{
    TestBridge b({"--socket", sock, "--vfio-user", vsock, "--mem-win-log2", "24"});
    ASSERT_TRUE(b.ok());
    int fd = vfc_open(vsock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    auto m = std::make_unique<vfc_msg>();
    uint32_t gi[4] = {16, 0, 0, 0};
    ASSERT_EQ(vfc_send(fd, 2, 4, 0, gi, sizeof(gi), nullptr, 0), 0);
    ASSERT_EQ(vfc_wait_reply(fd, 2, m.get(), nullptr, kTo), 1);
    ASSERT_EQ(m->len, 16u);
    uint32_t r[4];
    memcpy(r, m->payload, 16);
    EXPECT_EQ(r[1], 3u); // RESET | PCI
    EXPECT_EQ(r[2], 9u);
    EXPECT_EQ(r[3], 5u);
    const uint64_t want[9] = {0x8000, 0, 1u << 24, 0, 1u << 20, 0, 0, 4096, 0};
    for (uint32_t i = 0; i < 9; i++) {
        uint8_t q[32] = {0};
        uint32_t argsz = 32;
        memcpy(q, &argsz, 4);
        memcpy(q + 8, &i, 4);
        ASSERT_EQ(vfc_send(fd, (uint16_t)(10 + i), 5, 0, q, 32, nullptr, 0), 0);
        ASSERT_EQ(vfc_wait_reply(fd, (uint16_t)(10 + i), m.get(), nullptr, kTo), 1);
        ASSERT_EQ(m->len, 32u) << i;
        uint32_t flags, idx;
        uint64_t size;
        memcpy(&flags, m->payload + 4, 4);
        memcpy(&idx, m->payload + 8, 4);
        memcpy(&size, m->payload + 16, 8);
        EXPECT_EQ(idx, i);
        EXPECT_EQ(size, want[i]) << "region " << i;
        EXPECT_EQ(flags, want[i] ? 3u : 0u) << "region " << i; // never MMAP
    }
    // Index 9: an error reply, the client stays.
    uint8_t q[32] = {0};
    uint32_t argsz = 32, nine = 9;
    memcpy(q, &argsz, 4);
    memcpy(q + 8, &nine, 4);
    ASSERT_EQ(vfc_send(fd, 30, 5, 0, q, 32, nullptr, 0), 0);
    ASSERT_EQ(vfc_wait_reply(fd, 30, m.get(), nullptr, kTo), 1);
    EXPECT_EQ(m->flags, 0x21u);
    EXPECT_EQ(m->error, (uint32_t)EINVAL);
    // IRQ info: MSI-X with NUM_VQS + 1 vectors (net, 1 queue pair: 3).
    uint32_t ii[4] = {16, 0, 2, 0};
    ASSERT_EQ(vfc_send(fd, 31, 7, 0, ii, 16, nullptr, 0), 0);
    ASSERT_EQ(vfc_wait_reply(fd, 31, m.get(), nullptr, kTo), 1);
    memcpy(r, m->payload, 16);
    EXPECT_EQ(r[1], 1u); // EVENTFD
    EXPECT_EQ(r[3], 3u);
    // Unsupported but known commands get ENOTSUP and the client stays.
    uint32_t feat[2] = {8, 0x10001};
    ASSERT_EQ(vfc_send(fd, 32, 16, 0, feat, 8, nullptr, 0), 0);
    ASSERT_EQ(vfc_wait_reply(fd, 32, m.get(), nullptr, kTo), 1);
    EXPECT_EQ(m->flags, 0x21u);
    EXPECT_EQ(vfc_read32(fd, kCfg, 0), 0x01101b36u);
    close(fd);
}

TEST_F(VfuTest, ConfigSpaceAndBar0ReadsMatchTheCore)
{
    TestBridge b(Args());
    ASSERT_TRUE(b.ok());
    int fd = vfc_open(vsock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    EXPECT_EQ(vfc_read32(fd, kCfg, 0), 0x01101b36u); // vendor 0x1b36, device 0x0110
    uint16_t vid = 0;
    ASSERT_EQ(vfc_read(fd, kCfg, 0, 2, &vid), 0);
    EXPECT_EQ(vid, 0x1b36);
    // QEMU reads the whole config space at once: split into 4-byte pieces.
    std::vector<uint8_t> cfg(4096);
    ASSERT_EQ(vfc_read(fd, kCfg, 0, 4096, cfg.data()), 0);
    for (uint32_t off = 0; off < 0x100; off += 4) {
        uint32_t w;
        memcpy(&w, cfg.data() + off, 4);
        EXPECT_EQ(w, vfc_read32(fd, kCfg, off)) << off;
    }
    EXPECT_EQ(cfg[0x34], 0x40); // CAP_PTR
    // BAR0 reads all-ones until MEM_EN.
    EXPECT_EQ(vfc_read32(fd, 0, VPCI_ADAPTER_MAGIC_OFFSET), 0xffffffffu);
    EnableFunction(fd);
    EXPECT_EQ(vfc_read32(fd, 0, VPCI_ADAPTER_MAGIC_OFFSET), 0x56504349u);
    EXPECT_EQ(vfc_read32(fd, 0, VPCI_ADAPTER_SPEC_VERSION_OFFSET) >> 16, 1u);
    // One 256-byte read (split into 8-byte accesses) equals 4-byte reads.
    std::vector<uint8_t> blk(256);
    ASSERT_EQ(vfc_read(fd, 0, 0, 256, blk.data()), 0);
    for (uint32_t off = 0; off < 256; off += 4) {
        uint32_t w;
        memcpy(&w, blk.data() + off, 4);
        EXPECT_EQ(w, vfc_read32(fd, 0, off)) << off;
    }
    // Beyond the BAR: error reply, no access.
    uint32_t v;
    EXPECT_LT(vfc_read(fd, 0, 0x8000 - 2, 4, &v), 0);
    EXPECT_EQ(vfc_read32(fd, kCfg, 0), 0x01101b36u); // still served
    close(fd);
}

TEST_F(VfuTest, PostedWritesGetNoReplyAndKeepTheirOrder)
{
    TestBridge b(Args());
    ASSERT_TRUE(b.ok());
    int fd = vfc_open(vsock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    EnableFunction(fd);
    for (uint32_t i = 0; i < 100; i++) {
        uint32_t v = 1u << (i % 4);
        ASSERT_EQ(vfc_write(fd, 0, VPCI_ADAPTER_INT_ENABLE_OFFSET, 4, &v, true), 0);
    }
    // The first message back is the read's reply: no reply to posted writes,
    // and the read sees the last write.
    uint8_t q[16];
    uint64_t off = VPCI_ADAPTER_INT_ENABLE_OFFSET;
    uint32_t region = 0, count = 4;
    memcpy(q, &off, 8);
    memcpy(q + 8, &region, 4);
    memcpy(q + 12, &count, 4);
    ASSERT_EQ(vfc_send(fd, 0xbeef, 9, 0, q, 16, nullptr, 0), 0);
    auto m = std::make_unique<vfc_msg>();
    ASSERT_EQ(vfc_recv(fd, m.get(), kTo), 1);
    EXPECT_EQ(m->id, 0xbeef);
    uint32_t v;
    memcpy(&v, m->payload + 16, 4);
    EXPECT_EQ(v, 8u);
    EXPECT_EQ(vfc_recv(fd, m.get(), 200), -1); // nothing else queued
    EXPECT_EQ(VStats(b).posted, 100u);
    // DEVICE_RESET: config and BAR0 back to their reset values.
    ASSERT_EQ(vfc_send(fd, 0x100, 13, 0, nullptr, 0, nullptr, 0), 0);
    ASSERT_EQ(vfc_wait_reply(fd, 0x100, m.get(), nullptr, kTo), 1);
    EXPECT_EQ(m->flags, 1u);
    EXPECT_EQ(vfc_read32(fd, kCfg, 4) & 0xffff, 0u);
    EnableFunction(fd);
    EXPECT_EQ(vfc_read32(fd, 0, VPCI_ADAPTER_INT_ENABLE_OFFSET), 0u);
    close(fd);
}

TEST_F(VfuTest, QueueDmaLandsInMemfdAndKickFiresVectorEventfd)
{
    TestBridge b(Args());
    ASSERT_TRUE(b.ok());
    int baseline = vc_count_fds();
    int fd = vfc_open(vsock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    int memfd = vc_memfd("vfu-guest", kMemSize);
    ASSERT_GE(memfd, 0);
    auto *mem = (uint8_t *)MapMem(memfd);
    ASSERT_NE(mem, nullptr);
    ASSERT_EQ(vfc_dma_map(fd, kIova, kMemSize, 0, memfd), 0);
    EXPECT_EQ(VStats(b).dma_maps, 1u);
    // Eventfds for the 3 vectors, in two chunks.
    int efd[3];
    for (int &e : efd)
        e = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    ASSERT_EQ(vfc_set_irqs(fd, 0, 2, efd, 2), 0);
    ASSERT_EQ(vfc_set_irqs(fd, 2, 1, efd + 2, 1), 0);
    BringUp(fd, mem);
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_VQ_SEL_OFFSET, 0), 0);
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_VQ_VECTOR_OFFSET, 1), 0);
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_ADAPTER_INT_VECTOR_OFFSET, 0), 0);
    EXPECT_EQ(vfc_write32(fd, 0, VPCI_ADAPTER_INT_ENABLE_OFFSET, 2), 0); // M2S_CPL

    // The master's message is relayed into the M2S queue: the core's DMA
    // reads the descriptor and writes message and completion into the memfd.
    int vu = vc_connect(sock.c_str(), kTo);
    ASSERT_GE(vu, 0);
    ASSERT_EQ(vc_send(vu, 1 /* GET_FEATURES */, 1, nullptr, 0, nullptr, 0), 0);
    ASSERT_TRUE(WaitCpl(fd, mem, 0));
    const uint8_t *c = mem + (kCpl - kIova);
    uint32_t len, req;
    memcpy(&len, c, 4);
    memcpy(&req, c + 12, 4);
    EXPECT_EQ(c[6], VPCI_CPL_STATUS_OK);
    EXPECT_EQ(len, 12u);
    EXPECT_EQ(req, 1u);
    memcpy(&req, mem + (kBufs - kIova), 4);
    EXPECT_EQ(req, 1u); // the message itself, in buffer 0
    uint64_t n = 0;
    for (int i = 0; i < 200 && read(efd[0], &n, 8) != 8; i++)
        usleep(10000);
    EXPECT_EQ(n, 1u) << "vector 0 (M2S_CPL) did not fire";

    // SET_VRING_KICK(vq 0): once its completion is written the kick source
    // is armed; a kick sets KICK_PENDING and sends VQ.VECTOR = 1.
    int kick = vc_eventfd();
    uint64_t vq = 0;
    ASSERT_EQ(vc_send(vu, 12, 1, &vq, 8, &kick, 1), 0);
    ASSERT_TRUE(WaitCpl(fd, mem, 1));
    uint64_t one = 1;
    ASSERT_EQ(write(kick, &one, 8), 8);
    n = 0;
    for (int i = 0; i < 200 && read(efd[1], &n, 8) != 8; i++)
        usleep(10000);
    EXPECT_EQ(n, 1u) << "vector 1 (the kick) did not fire";
    EXPECT_EQ(vfc_read32(fd, 0, VPCI_VQ_KICK_PENDING_OFFSET(0)) & 1u, 1u);
    EXPECT_GT(VStats(b).dma_direct, 0u);
    EXPECT_GE(VStats(b).irqs, 2u);

    // Vector 1 without an eventfd (SET_IRQS with no fds): a kick leaves it
    // pending in the PBA; a new eventfd delivers it at once.
    ASSERT_EQ(vfc_set_irqs(fd, 1, 1, nullptr, 0), 0);
    ASSERT_EQ(write(kick, &one, 8), 8);
    uint32_t pba = 0;
    for (int i = 0; i < 200 && !(pba & 2u); i++) {
        usleep(10000);
        pba = vfc_read32(fd, 0, 0x4000);
    }
    EXPECT_EQ(pba & 2u, 2u) << "vector 1 not pending";
    EXPECT_NE(read(efd[1], &n, 8), 8) << "the uninstalled eventfd was written";
    int e1 = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    ASSERT_EQ(vfc_set_irqs(fd, 1, 1, &e1, 1), 0);
    n = 0;
    for (int i = 0; i < 200 && read(e1, &n, 8) != 8; i++)
        usleep(10000);
    EXPECT_EQ(n, 1u) << "the pending vector was not delivered to the new eventfd";
    EXPECT_EQ(vfc_read32(fd, 0, 0x4000) & 2u, 0u);
    close(e1);

    // The backend VM goes away: the bound session ends (the master sees
    // EOF), every map and eventfd is released, a new client is served.
    close(fd);
    EXPECT_TRUE(vc_wait_eof(vu, kTo));
    close(vu);
    close(kick);
    for (int e : efd)
        close(e);
    munmap(mem, kMemSize);
    close(memfd);
    EXPECT_EQ(WaitMaps("vfu-guest", 0), 0);
    EXPECT_EQ(WaitFds(baseline), baseline);
    fd = vfc_open(vsock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    EXPECT_EQ(vfc_read32(fd, kCfg, 4) & 0xffff, 0u); // reset by the disconnect
    EXPECT_EQ(VStats(b).dma_maps, 0u);
    close(fd);
}

TEST_F(VfuTest, FdLessMapsAreServedByMessagesWithoutBlocking)
{
    TestBridge b(Args());
    ASSERT_TRUE(b.ok());
    int fd = vfc_open(vsock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    std::vector<uint8_t> guest(kMemSize);
    vfc_mem served{kIova, guest.data(), kMemSize, 0, 0};
    ASSERT_EQ(vfc_dma_map(fd, kIova, kMemSize, 0, -1), 0);
    vfc_set_default_mem(&served);
    BringUp(fd, guest.data());
    vfc_set_default_mem(nullptr);
    int vu = vc_connect(sock.c_str(), kTo);
    ASSERT_GE(vu, 0);
    ASSERT_EQ(vc_send(vu, 1, 1, nullptr, 0, nullptr, 0), 0);
    // The descriptor read arrives as a DMA_READ; before answering it, a
    // region read is served (the server does not wait for the client).
    auto m = std::make_unique<vfc_msg>();
    ASSERT_EQ(vfc_recv(fd, m.get(), kTo), 1);
    ASSERT_EQ(m->cmd, 11) << "expected DMA_READ";
    EXPECT_EQ(m->flags, 0u);
    auto held = std::make_unique<vfc_msg>(*m);
    uint8_t q[16];
    uint64_t off = VPCI_ADAPTER_MAGIC_OFFSET;
    uint32_t region = 0, count = 4;
    memcpy(q, &off, 8);
    memcpy(q + 8, &region, 4);
    memcpy(q + 12, &count, 4);
    ASSERT_EQ(vfc_send(fd, 0x4242, 9, 0, q, 16, nullptr, 0), 0);
    ASSERT_EQ(vfc_recv(fd, m.get(), kTo), 1);
    EXPECT_EQ(m->id, 0x4242);
    uint32_t magic;
    memcpy(&magic, m->payload + 16, 4);
    EXPECT_EQ(magic, 0x56504349u);
    // Now answer the held DMA_READ, then serve the rest until completion.
    uint64_t addr, cnt;
    memcpy(&addr, held->payload, 8);
    memcpy(&cnt, held->payload + 8, 8);
    ASSERT_EQ(addr, kRing);
    std::vector<uint8_t> rep(16 + cnt);
    memcpy(rep.data(), held->payload, 16);
    memcpy(rep.data() + 16, guest.data() + (addr - kIova), cnt);
    ASSERT_EQ(vfc_send(fd, held->id, 11, 1, rep.data(), rep.size(), nullptr, 0), 0);
    ASSERT_TRUE(WaitCpl(fd, guest.data(), 0, &served));
    uint32_t req;
    memcpy(&req, guest.data() + (kBufs - kIova), 4);
    EXPECT_EQ(req, 1u);
    EXPECT_GT(served.writes, 0u);
    EXPECT_GT(VStats(b).dma_msgs, 0u);

    close(vu);
    close(fd);
}

TEST_F(VfuTest, DmaOutsideTheMapsFails)
{
    TestBridge b(Args());
    ASSERT_TRUE(b.ok());
    int fd = vfc_open(vsock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    int memfd = vc_memfd("vfu-small", 0x2000);
    ASSERT_GE(memfd, 0);
    // Only the first 8 KiB (ring and completions) are mapped: the buffers are not.
    ASSERT_EQ(vfc_dma_map(fd, kIova, 0x2000, 0, memfd), 0);
    // Overlapping map: EEXIST; unknown unmap: error; the client stays.
    EXPECT_LT(vfc_dma_map(fd, kIova + 0x1000, 0x1000, 0, memfd), 0);
    void *p = mmap(nullptr, 0x2000, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
    ASSERT_NE(p, MAP_FAILED);
    BringUp(fd, (uint8_t *)p); // rings in the mapped part, buffers beyond it
    int vu = vc_connect(sock.c_str(), kTo);
    ASSERT_GE(vu, 0);
    ASSERT_EQ(vc_send(vu, 1, 1, nullptr, 0, nullptr, 0), 0);
    ASSERT_TRUE(WaitCpl(fd, (uint8_t *)p, 0));
    EXPECT_EQ(((uint8_t *)p)[(kCpl - kIova) + 6], VPCI_CPL_STATUS_DMA_ERR);
    EXPECT_NE(vfc_read32(fd, 0, VPCI_ADAPTER_ERROR_CAUSE_OFFSET), 0u);
    EXPECT_GT(VStats(b).dma_failed, 0u);
    munmap(p, 0x2000);
    close(memfd);
    close(vu);
    close(fd);
}

// Malformed input: each case on a fresh client after VERSION; the client is
// dropped, its fds closed, and the next client is served.
TEST_F(VfuTest, MalformedMessagesDropTheClientWithoutLeaks)
{
    int before = vc_count_fds();
    TestBridge b(Args());
    ASSERT_TRUE(b.ok());
    int baseline = vc_count_fds();
    struct Case {
        const char *name;
        std::function<void(int)> send;
    };
    auto hdr = [](int fd, uint16_t cmd, uint32_t size, uint32_t flags, const int *fds,
                  unsigned nfds) {
        uint8_t h[16] = {0};
        memcpy(h + 2, &cmd, 2);
        memcpy(h + 4, &size, 4);
        memcpy(h + 8, &flags, 4);
        vc_send_raw(fd, h, 16, fds, nfds);
    };
    std::vector<Case> cases = {
        {"size below the header", [&](int fd) { hdr(fd, 4, 8, 0, nullptr, 0); }},
        {"huge size", [&](int fd) { hdr(fd, 10, 1u << 30, 0, nullptr, 0); }},
        {"bad type", [&](int fd) { hdr(fd, 4, 16, 7, nullptr, 0); }},
        {"unknown command", [&](int fd) { hdr(fd, 99, 16, 0, nullptr, 0); }},
        {"DMA_READ from the client", [&](int fd) {
             uint8_t p[16] = {0};
             vfc_send(fd, 1, 11, 0, p, 16, nullptr, 0);
         }},
        {"reply nobody waits for", [&](int fd) {
             uint8_t p[16] = {0};
             vfc_send(fd, 5, 11, 1, p, 16, nullptr, 0);
         }},
        {"REGION_READ of 12 bytes", [&](int fd) {
             uint8_t p[12] = {0};
             vfc_send(fd, 1, 9, 0, p, 12, nullptr, 0);
         }},
        {"REGION_WRITE count beyond the payload", [&](int fd) {
             uint8_t p[16 + 50] = {0};
             uint32_t c = 100;
             memcpy(p + 12, &c, 4);
             vfc_send(fd, 1, 10, 0, p, sizeof(p), nullptr, 0);
         }},
        {"REGION_READ count above max_data_xfer_size", [&](int fd) {
             uint8_t p[16] = {0};
             uint32_t c = 1u << 20, r = 7;
             memcpy(p + 8, &r, 4);
             memcpy(p + 12, &c, 4);
             vfc_send(fd, 1, 9, 0, p, 16, nullptr, 0);
         }},
        {"DMA_MAP with 2 fds", [&](int fd) {
             int f[2] = {vc_memfd("vfu-bad", 4096), vc_eventfd()};
             uint8_t p[32] = {0};
             uint64_t sz = 4096;
             memcpy(p + 24, &sz, 8);
             vfc_send(fd, 1, 2, 0, p, 32, f, 2);
             close(f[0]);
             close(f[1]);
         }},
        {"SET_IRQS 3 vectors with 2 fds", [&](int fd) {
             int f[2] = {vc_eventfd(), vc_eventfd()};
             uint32_t p[5] = {20, 4 | 32, 2, 0, 3};
             vfc_send(fd, 1, 8, 0, p, 20, f, 2);
             close(f[0]);
             close(f[1]);
         }},
        {"20 fds on one message", [&](int fd) {
             int f[20];
             for (int &x : f)
                 x = vc_eventfd();
             uint32_t p[5] = {20, 4 | 32, 2, 0, 20};
             vfc_send(fd, 1, 8, 0, p, 20, f, 20);
             for (int x : f)
                 close(x);
         }},
        {"VERSION twice", [&](int fd) {
             uint8_t v[4] = {0};
             vfc_send(fd, 1, 1, 0, v, 4, nullptr, 0);
         }},
        {"capabilities that are not JSON", [&](int) {}},
    };
    for (auto &c : cases) {
        SCOPED_TRACE(c.name);
        int fd;
        if (std::string(c.name) == "capabilities that are not JSON") {
            fd = vc_connect(vsock.c_str(), kTo);
            ASSERT_GE(fd, 0);
            const char bad[] = "{\"capabilities\":";
            uint8_t p[4 + sizeof(bad)] = {0};
            memcpy(p + 4, bad, sizeof(bad));
            vfc_send(fd, 1, 1, 0, p, sizeof(p), nullptr, 0);
        } else {
            fd = vfc_open(vsock.c_str(), kTo);
            ASSERT_GE(fd, 0);
            c.send(fd);
        }
        EXPECT_TRUE(vc_wait_eof(fd, kTo));
        close(fd);
        EXPECT_EQ(WaitFds(baseline), baseline);
    }
    // A command before VERSION.
    int fd = vc_connect(vsock.c_str(), kTo);
    uint32_t gi[4] = {16, 0, 0, 0};
    vfc_send(fd, 1, 4, 0, gi, 16, nullptr, 0);
    EXPECT_TRUE(vc_wait_eof(fd, kTo));
    close(fd);
    EXPECT_EQ(VStats(b).violations, cases.size() + 1);
    fd = vfc_open(vsock.c_str(), kTo);
    ASSERT_GE(fd, 0);
    EXPECT_EQ(vfc_read32(fd, kCfg, 0), 0x01101b36u);
    close(fd);
    b.Stop();
    EXPECT_EQ(WaitFds(before), before);
}

// A client that stalls in the middle of a message, and one that floods
// commands without reading the replies, never hold up the loop: the other
// adapter's client is served meanwhile; the flooder is dropped at the
// transmit limit, the staller stays until it goes.
TEST_F(VfuTest, StallingAndFloodingClientsDoNotBlockTheLoop)
{
    std::string sock1 = dir / "vu1.sock", vsock1 = dir / "vfu1.sock";
    TestBridge b({"--socket", sock, "--vfio-user", vsock, "--socket", sock1, "--vfio-user", vsock1});
    ASSERT_TRUE(b.ok());
    int stall = vfc_open(vsock.c_str(), kTo);
    ASSERT_GE(stall, 0);
    uint8_t half[8] = {1, 0, 9, 0, 32, 0, 0, 0};
    ASSERT_EQ(vc_send_raw(stall, half, sizeof(half), nullptr, 0), 0);
    int other = vfc_open(vsock1.c_str(), kTo);
    ASSERT_GE(other, 0);
    EXPECT_EQ(vfc_read32(other, kCfg, 0), 0x01101b36u);
    close(stall);

    int flood = vfc_open(vsock.c_str(), kTo);
    ASSERT_GE(flood, 0);
    uint8_t q[16];
    uint64_t off = 0;
    uint32_t region = kCfg, count = 4096;
    memcpy(q, &off, 8);
    memcpy(q + 8, &region, 4);
    memcpy(q + 12, &count, 4);
    int sent = 0;
    while (sent < 20000 && vfc_send(flood, (uint16_t)sent, 9, 0, q, 16, nullptr, 0) == 0) {
        sent++;
        if (sent % 500 == 0) { // the other client is served all along
            EXPECT_EQ(vfc_read32(other, kCfg, 0), 0x01101b36u);
        }
    }
    int dropped_at = sent;
    EXPECT_TRUE(vc_wait_eof(flood, 10000)) << "sent " << dropped_at;
    close(flood);
    EXPECT_EQ(vfc_read32(other, kCfg, 0), 0x01101b36u);
    vfu_server_stats st{};
    for (int i = 0; i < 200 && st.violations == 0; i++) {
        usleep(10000);
        st = VStats(b);
    }
    EXPECT_EQ(st.violations, 1u);
    EXPECT_NE(std::string(st.last_drop).find("does not read"), std::string::npos) << st.last_drop;
    int again = vfc_open(vsock.c_str(), kTo);
    ASSERT_GE(again, 0);
    EXPECT_EQ(vfc_read32(again, kCfg, 0), 0x01101b36u);
    close(again);
    close(other);
}

TEST(VfuOpts, VfioUserImpliesNoFirmwareAndExternalMsix)
{
    vb_opts o;
    char err[256];
    char p0[] = "x", p1[] = "--socket", p2[] = "/tmp/a", p3[] = "--vfio-user", p4[] = "/tmp/b";
    char *argv[] = {p0, p1, p2, p3, p4};
    ASSERT_EQ(vb_opts_parse(&o, 5, argv, stdout, err, sizeof(err)), 0) << err;
    EXPECT_TRUE(o.ad[0].no_firmware);
    EXPECT_TRUE(o.ad[0].msix_external);
    EXPECT_STREQ(o.ad[0].vfio_user, "/tmp/b");
    char q4[] = "/tmp/a";
    char *argv2[] = {p0, p1, p2, p3, q4};
    EXPECT_EQ(vb_opts_parse(&o, 5, argv2, stdout, err, sizeof(err)), -1);
    char *argv3[] = {p0, p1, p2, p3};
    EXPECT_EQ(vb_opts_parse(&o, 4, argv3, stdout, err, sizeof(err)), -1);
}

} // namespace
