// Primitives that exist ONLY so tests can check reference data of the
// original implementation. Never call these from protocol code: mpENC v1 on
// the wire uses AES-256-CTR (protocol-wire.md §5.2, §8.1).
#pragma once

#include <cstdint>
#include <span>

#include "mpenc/common/bytes.h"

namespace mpenc::crypto::testonly {

/// AES-128-CTR (counter block = iv, incremented big-endian). The reference
/// test suite's `data_packets_aes128` vectors were made with a 16-byte key;
/// this decrypts them to pin the CTR counter layout (IV ‖ 00000000).
Bytes aes128CtrLegacy(std::span<const std::uint8_t, 16> key, const FixedBytes<16>& iv, ByteView data);

}  // namespace mpenc::crypto::testonly
