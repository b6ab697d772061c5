// Randomness is injected: everything in core/ that needs random bytes takes an
// Rng&. Tests use SeededRng for deterministic runs.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "mpenc/common/bytes.h"

namespace mpenc::crypto {

class Rng {
 public:
  virtual ~Rng() = default;
  virtual void fill(std::span<std::uint8_t> out) = 0;

  template <std::size_t N>
  FixedBytes<N> bytes() {
    FixedBytes<N> out{};
    fill(out);
    return out;
  }
  Bytes bytes(std::size_t n) {
    Bytes out(n);
    fill(out);
    return out;
  }
  /// Uniform in [0, bound) (bound > 0), without modulo bias.
  std::uint32_t uniform(std::uint32_t bound);
};

/// The operating system's CSPRNG (libsodium randombytes_buf).
class SystemRng final : public Rng {
 public:
  void fill(std::span<std::uint8_t> out) override;
};

/// Deterministic stream from a 32-byte seed (ChaCha20 keystream). Not for
/// production keys: tests, simulations and fuzzing only.
class SeededRng final : public Rng {
 public:
  explicit SeededRng(std::uint64_t seed);
  explicit SeededRng(const FixedBytes<32>& seed);
  ~SeededRng() override;
  SeededRng(const SeededRng&) = delete;
  SeededRng& operator=(const SeededRng&) = delete;
  SeededRng(SeededRng&&) = delete;
  SeededRng& operator=(SeededRng&&) = delete;
  void fill(std::span<std::uint8_t> out) override;

 private:
  FixedBytes<32> key_{};
  std::uint64_t counter_ = 0;  // block counter (nonce) for the next fill
};

}  // namespace mpenc::crypto
