// Rng implementations: the OS CSPRNG and a deterministic ChaCha20 stream.
#include "mpenc/crypto/rng.h"

#include <sodium.h>

#include <cstring>

namespace mpenc::crypto {

std::uint32_t Rng::uniform(std::uint32_t bound) {
  if (bound <= 1) return 0;
  // Reject the lowest (2^32 mod bound) values so every residue is equally likely.
  const std::uint32_t threshold = static_cast<std::uint32_t>(0u - bound) % bound;
  for (;;) {
    FixedBytes<4> b = bytes<4>();
    const std::uint32_t r = static_cast<std::uint32_t>(b[0]) | (static_cast<std::uint32_t>(b[1]) << 8) |
                            (static_cast<std::uint32_t>(b[2]) << 16) |
                            (static_cast<std::uint32_t>(b[3]) << 24);
    if (r >= threshold) return r % bound;
  }
}

void SystemRng::fill(std::span<std::uint8_t> out) {
  if (!out.empty()) randombytes_buf(out.data(), out.size());
}

SeededRng::SeededRng(std::uint64_t seed) {
  // Little-endian seed in the first 8 key bytes; the rest stays zero.
  for (std::size_t i = 0; i < 8; ++i) key_[i] = static_cast<std::uint8_t>(seed >> (8 * i));
}

SeededRng::SeededRng(const FixedBytes<32>& seed) : key_(seed) {}

SeededRng::~SeededRng() {
  sodium_memzero(key_.data(), key_.size());
}

void SeededRng::fill(std::span<std::uint8_t> out) {
  // Every fill() takes a fresh keystream under nonce = 32-bit zero ‖ 64-bit
  // little-endian call counter, so the output depends on how requests are split.
  static_assert(crypto_stream_chacha20_ietf_NONCEBYTES == 12);
  static_assert(crypto_stream_chacha20_ietf_KEYBYTES == 32);
  unsigned char nonce[crypto_stream_chacha20_ietf_NONCEBYTES] = {};
  for (std::size_t i = 0; i < 8; ++i) nonce[4 + i] = static_cast<unsigned char>(counter_ >> (8 * i));
  ++counter_;
  if (out.empty()) return;
  crypto_stream_chacha20_ietf(out.data(), out.size(), nonce, key_.data());
}

}  // namespace mpenc::crypto
