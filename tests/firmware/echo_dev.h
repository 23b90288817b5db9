// SPDX-License-Identifier: MIT
// echo_dev.h - the test device of the firmware library tests: every chain's
// readable bytes come back XOR 0x5a in its writable segments (vq 0 and 1),
// with counters the tests assert on. Header-only (C++), one copy per test.
#ifndef ECHO_DEV_H
#define ECHO_DEV_H

#include <cstdio>
#include <cstring>
#include <vector>

#include "vpf.h"

constexpr unsigned kEchoQueues = 2;

struct EchoDev {
    uint8_t config[32];
    uint64_t features = 0;
    unsigned started[kEchoQueues] = {0, 0}, stopped[kEchoQueues] = {0, 0};
    unsigned resets = 0, handled = 0, bad = 0, rarp = 0;
    uint8_t status = 0;
    uint64_t backend_replies = 0;
    unsigned logs = 0;          // library log lines (vpf_config.log)
    char last_log[256] = {};
};

inline uint64_t echo_get_features(void *) { return 1ull << VPF_VIRTIO_F_VERSION_1; }
inline void echo_set_features(void *c, uint64_t f) { static_cast<EchoDev *>(c)->features = f; }
inline int echo_get_config(void *c, uint8_t *buf, uint32_t off, uint32_t len)
{
    auto *e = static_cast<EchoDev *>(c);
    if (off > sizeof(e->config) || len > sizeof(e->config) - off)
        return -1;
    memcpy(buf, e->config + off, len);
    return 0;
}
inline int echo_set_config(void *c, const uint8_t *d, uint32_t off, uint32_t len, uint32_t)
{
    auto *e = static_cast<EchoDev *>(c);
    if (off > sizeof(e->config) || len > sizeof(e->config) - off)
        return -1;
    memcpy(e->config + off, d, len);
    return 0;
}
// Queue handler: pop every chain, echo it XOR 0x5a, push, notify once.
inline void echo_queue(void *c, struct vpf_vq *vq)
{
    auto *e = static_cast<EchoDev *>(c);
    static thread_local struct vpf_elem el;
    for (;;) {
        int r = vpf_vq_pop(vq, &el);
        if (r < 0)
            e->bad++;
        if (r <= 0)
            break;
        std::vector<uint8_t> data(el.out_len);
        vpf_iov_to_buf(el.iov, el.out_num, 0, data.data(), data.size());
        for (auto &b : data)
            b ^= 0x5a;
        size_t n = vpf_iov_from_buf(el.iov + el.out_num, el.in_num, 0, data.data(),
                                    data.size() < el.in_len ? data.size() : el.in_len);
        vpf_vq_push(vq, &el, (uint32_t)n);
        e->handled++;
    }
    vpf_vq_notify(vq);
}
inline void echo_started(void *c, unsigned idx, bool on)
{
    auto *e = static_cast<EchoDev *>(c);
    if (idx < kEchoQueues)
        (on ? e->started : e->stopped)[idx]++;
}
inline void echo_reset(void *c) { static_cast<EchoDev *>(c)->resets++; }
// vpf_config.log: count the library's log lines, keep the last one.
inline void echo_log(void *c, const char *line)
{
    auto *e = static_cast<EchoDev *>(c);
    e->logs++;
    snprintf(e->last_log, sizeof(e->last_log), "%s", line);
}

#endif // ECHO_DEV_H
