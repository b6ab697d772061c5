// Secure memory for secret.h, on libsodium's guarded heap (sodium_malloc:
// guard pages, canary, mlock where permitted). libsodium is a private
// dependency of mpenc_core: its headers appear only in crypto/*.cpp.
#include <sodium.h>

#include <new>
#include <ostream>

#include "mpenc/crypto/secret.h"

namespace mpenc::crypto {

namespace detail {

void* secureAlloc(std::size_t n) {
  // sodium_malloc(0) is allowed but we never hand out zero-sized blocks.
  void* p = sodium_malloc(n == 0 ? 1 : n);
  if (p == nullptr) throw std::bad_alloc();
  sodium_memzero(p, n == 0 ? 1 : n);  // sodium_malloc fills with 0xdb
  return p;
}

void secureFree(void* p, std::size_t /*n*/) noexcept {
  // sodium_free wipes the whole allocation before unmapping it.
  sodium_free(p);
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
