// Secure memory for secret.h: slots of the pooled SecureArena (locked,
// guarded chunks of libsodium's heap, canaries between slots, wiped on
// free; large blocks fall back to one sodium_malloc each). libsodium is a
// private dependency of mpenc_core: its headers appear only in crypto/*.cpp.
#include <sodium.h>

#include <ostream>

#include "mpenc/crypto/secret.h"
#include "mpenc/crypto/secure_arena.h"

namespace mpenc::crypto {

namespace detail {

void* secureAlloc(std::size_t n) {
  return SecureArena::global().allocate(n);  // zero-filled; never a zero-sized block
}

void secureFree(void* p, std::size_t n) noexcept {
  SecureArena::global().deallocate(p, n);  // wipes the whole slot (or block) first
}

void wipe(void* p, std::size_t n) noexcept {
  if (p != nullptr && n != 0) sodium_memzero(p, n);
}

bool ctEqual(const void* a, const void* b, std::size_t n) noexcept {
  if (n == 0) return true;
  if (a == nullptr || b == nullptr) return a == b;
  return sodium_memcmp(a, b, n) == 0;
}

}  // namespace detail

SecretBytes::SecretBytes(std::size_t n)
    : p_(n == 0 ? nullptr : static_cast<std::uint8_t*>(detail::secureAlloc(n))), n_(n) {}

SecretBytes SecretBytes::fromBytes(ByteView b) {
  SecretBytes s(b.size());
  for (std::size_t i = 0; i < b.size(); ++i) s.p_[i] = b[i];
  return s;
}

SecretBytes::~SecretBytes() {
  if (p_ != nullptr) detail::secureFree(p_, n_);
}

SecretBytes::SecretBytes(SecretBytes&& o) noexcept : p_(o.p_), n_(o.n_) {
  o.p_ = nullptr;
  o.n_ = 0;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& o) noexcept {
  if (this != &o) {
    if (p_ != nullptr) detail::secureFree(p_, n_);
    p_ = o.p_;
    n_ = o.n_;
    o.p_ = nullptr;
    o.n_ = 0;
  }
  return *this;
}

std::ostream& operator<<(std::ostream& os, const SecretBytes&) {
  return os << "<redacted>";
}

}  // namespace mpenc::crypto
