// X25519, Ed25519, HKDF-SHA256, constant-time comparison and library
// initialisation on libsodium (a private dependency: its headers appear only in crypto/*.cpp).
#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "mpenc/crypto/primitives.h"

namespace mpenc::crypto {

static_assert(crypto_scalarmult_BYTES == 32 && crypto_scalarmult_SCALARBYTES == 32);
static_assert(crypto_sign_SEEDBYTES == 32 && crypto_sign_PUBLICKEYBYTES == 32);
static_assert(crypto_sign_SECRETKEYBYTES == 64 && crypto_sign_BYTES == 64);

namespace detail {
bool prefetchOpenSsl() noexcept;  // openssl_primitives.cpp
}  // namespace detail

bool initialize() noexcept {
  static const bool ok = sodium_init() >= 0 && detail::prefetchOpenSsl();
  return ok;
}

// ---- X25519 -------------------------------------------------------------------

X25519Public x25519Base(const X25519Secret& scalar) {
  X25519Public out{};
  // Fails only if the (clamped) scalar maps to the identity, which cannot
  // happen for a clamped scalar; treat it as an internal error.
  if (crypto_scalarmult_base(out.data(), scalar.data()) != 0) {
    throw std::runtime_error("x25519Base: degenerate result");
  }
  return out;
}

std::optional<FixedBytes<32>> x25519(const X25519Secret& scalar, const FixedBytes<32>& point) {
  FixedBytes<32> out{};
  // libsodium returns -1 when the result is all zero (a low-order input point).
  if (crypto_scalarmult(out.data(), scalar.data(), point.data()) != 0) {
    sodium_memzero(out.data(), out.size());
    return std::nullopt;
  }
  return out;
}

// ---- HKDF-SHA256 (RFC 5869) ---------------------------------------------------
// Extract and expand over libsodium's HMAC-SHA256. Not OpenSSL's EVP_KDF:
// OpenSSL 3.0 fetches HMAC and SHA-256 by name inside every derivation and,
// measured in the greeting benchmark (issue 12), its first derivation after
// the X25519/Ed25519 work of an operation took 25–55 µs (the next one 4 µs),
// a sixth of a two-member REFRESH. Checked against RFC 5869 A.1–A.3.

SecretBytes hkdfSha256(ByteView ikm, ByteView salt, ByteView info, std::size_t length) {
  constexpr std::size_t kHashLen = crypto_auth_hmacsha256_BYTES;
  if (length > std::size_t{255} * kHashLen) throw std::invalid_argument("hkdfSha256: length > 255*HashLen");
  SecretBytes out(length);
  if (length == 0) return out;
  static const std::uint8_t kZeros[kHashLen] = {};
  crypto_auth_hmacsha256_state st;
  // Extract: PRK = HMAC(salt, IKM); an absent salt is HashLen zero bytes.
  SecretKey<kHashLen> prk;
  if (salt.empty())
    crypto_auth_hmacsha256_init(&st, kZeros, kHashLen);
  else
    crypto_auth_hmacsha256_init(&st, salt.data(), salt.size());
  if (!ikm.empty()) crypto_auth_hmacsha256_update(&st, ikm.data(), ikm.size());
  crypto_auth_hmacsha256_final(&st, prk.mutableView().data());
  // Expand: T(i) = HMAC(PRK, T(i-1) | info | i).
  std::uint8_t t[kHashLen] = {};
  std::size_t done = 0;
  for (std::uint8_t i = 1; done < length; ++i) {
    crypto_auth_hmacsha256_init(&st, prk.data(), kHashLen);
    if (i > 1) crypto_auth_hmacsha256_update(&st, t, kHashLen);
    if (!info.empty()) crypto_auth_hmacsha256_update(&st, info.data(), info.size());
    crypto_auth_hmacsha256_update(&st, &i, 1);
    crypto_auth_hmacsha256_final(&st, t);
    const std::size_t take = std::min(kHashLen, length - done);
    std::copy(t, t + take, out.mutableView().begin() + static_cast<std::ptrdiff_t>(done));
    done += take;
  }
  sodium_memzero(t, sizeof t);
  sodium_memzero(&st, sizeof st);
  return out;
}

// ---- Ed25519 ------------------------------------------------------------------

Ed25519KeyPair Ed25519KeyPair::fromSeed(const Ed25519Seed& seed) {
  Ed25519KeyPair kp;
  std::copy(seed.view().begin(), seed.view().end(), kp.seed_.mutableView().begin());
  if (crypto_sign_seed_keypair(kp.pub_.data(), kp.expanded_.data(), kp.seed_.data()) != 0) {
    throw std::runtime_error("Ed25519KeyPair: key derivation failed");
  }
  return kp;
}

Ed25519KeyPair Ed25519KeyPair::generate(Rng& rng) {
  Ed25519KeyPair kp;
  rng.fill(kp.seed_.mutableView());
  if (crypto_sign_seed_keypair(kp.pub_.data(), kp.expanded_.data(), kp.seed_.data()) != 0) {
    throw std::runtime_error("Ed25519KeyPair: key derivation failed");
  }
  return kp;
}

Ed25519KeyPair Ed25519KeyPair::clone() const {
  Ed25519KeyPair kp;
  std::copy(seed_.view().begin(), seed_.view().end(), kp.seed_.mutableView().begin());
  std::copy(expanded_.view().begin(), expanded_.view().end(), kp.expanded_.mutableView().begin());
  kp.pub_ = pub_;
  return kp;
}

Ed25519Signature Ed25519KeyPair::sign(ByteView message) const {
  Ed25519Signature sig{};
  static const unsigned char kEmpty = 0;
  const unsigned char* m = message.empty() ? &kEmpty : message.data();
  if (crypto_sign_detached(sig.data(), nullptr, m, message.size(), expanded_.data()) != 0) {
    throw std::runtime_error("Ed25519: signing failed");
  }
  return sig;
}

bool ed25519Verify(const Ed25519Public& pub, ByteView message, const Ed25519Signature& sig) noexcept {
  static const unsigned char kEmpty = 0;
  const unsigned char* m = message.empty() ? &kEmpty : message.data();
  return crypto_sign_verify_detached(sig.data(), m, message.size(), pub.data()) == 0;
}

// ---- misc -----------------------------------------------------------------------

bool constantTimeEqual(ByteView a, ByteView b) noexcept {
  if (a.size() != b.size()) return false;  // lengths are public
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace mpenc::crypto
