// Secret byte buffers: non-copyable, kept in secure memory (slots of the
// pooled SecureArena, secure_arena.h: locked, guarded and dump-excluded
// chunks of libsodium's heap, canaries between slots), wiped on destruction,
// printed as "<redacted>". A copy must be asked for by name (clone()).
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <span>
#include <stdexcept>

#include "mpenc/common/bytes.h"

namespace mpenc::crypto {

class Rng;

namespace detail {
void* secureAlloc(std::size_t n);                  // zero-filled; throws std::bad_alloc
void secureFree(void* p, std::size_t n) noexcept;  // wipes, then frees; n as given to secureAlloc
void wipe(void* p, std::size_t n) noexcept;
bool ctEqual(const void* a, const void* b, std::size_t n) noexcept;
}  // namespace detail

/// A fixed-size secret (keys, seeds, group secrets).
template <std::size_t N>
class SecretKey {
 public:
  static constexpr std::size_t kSize = N;

  SecretKey() : p_(static_cast<std::uint8_t*>(detail::secureAlloc(N))) {}
  ~SecretKey() {
    if (p_ != nullptr) detail::secureFree(p_, N);
  }
  SecretKey(const SecretKey&) = delete;
  SecretKey& operator=(const SecretKey&) = delete;
  SecretKey(SecretKey&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
  SecretKey& operator=(SecretKey&& o) noexcept {
    if (this != &o) {
      if (p_ != nullptr) detail::secureFree(p_, N);
      p_ = o.p_;
      o.p_ = nullptr;
    }
    return *this;
  }

  /// Copies `b` (must be exactly N bytes, else std::invalid_argument).
  static SecretKey fromBytes(ByteView b);
  static SecretKey random(Rng& rng);

  /// An explicit, named copy (the only way to duplicate a secret).
  SecretKey clone() const { return fromBytes(view()); }

  std::span<const std::uint8_t, N> view() const noexcept { return std::span<const std::uint8_t, N>(p_, N); }
  std::span<std::uint8_t, N> mutableView() noexcept { return std::span<std::uint8_t, N>(p_, N); }
  const std::uint8_t* data() const noexcept { return p_; }
  std::uint8_t* data() noexcept { return p_; }
  static constexpr std::size_t size() noexcept { return N; }
  bool valid() const noexcept { return p_ != nullptr; }

  /// Constant-time comparison.
  friend bool operator==(const SecretKey& a, const SecretKey& b) noexcept {
    return detail::ctEqual(a.p_, b.p_, N);
  }

 private:
  std::uint8_t* p_;
};

/// A variable-size secret buffer.
class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::size_t n);
  static SecretBytes fromBytes(ByteView b);
  ~SecretBytes();
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  SecretBytes(SecretBytes&& o) noexcept;
  SecretBytes& operator=(SecretBytes&& o) noexcept;
  SecretBytes clone() const { return fromBytes(view()); }

  ByteView view() const noexcept { return {p_, n_}; }
  std::span<std::uint8_t> mutableView() noexcept { return {p_, n_}; }
  std::size_t size() const noexcept { return n_; }

 private:
  std::uint8_t* p_ = nullptr;
  std::size_t n_ = 0;
};

template <std::size_t N>
SecretKey<N> SecretKey<N>::fromBytes(ByteView b) {
  if (b.size() != N) throw std::invalid_argument("SecretKey: wrong size");
  SecretKey k;
  for (std::size_t i = 0; i < N; ++i) k.p_[i] = b[i];
  return k;
}

/// Never prints secret material.
template <std::size_t N>
std::ostream& operator<<(std::ostream& os, const SecretKey<N>&) {
  return os << "<redacted>";
}
std::ostream& operator<<(std::ostream& os, const SecretBytes&);

/// Wipe an ordinary buffer that held secret bytes.
inline void wipe(std::span<std::uint8_t> b) noexcept {
  detail::wipe(b.data(), b.size());
}

}  // namespace mpenc::crypto

#include "mpenc/crypto/rng.h"  // SecretKey::random needs Rng

namespace mpenc::crypto {
template <std::size_t N>
SecretKey<N> SecretKey<N>::random(Rng& rng) {
  SecretKey k;
  rng.fill(k.mutableView());
  return k;
}
}  // namespace mpenc::crypto
