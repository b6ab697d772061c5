// The crypto boundary: the only place core/ reaches libsodium and OpenSSL.
// Their headers are included only in the .cpp files next to this one, and
// both libraries are linked PRIVATE to mpenc_core (style.md habit 4).
//
//  - X25519 (libsodium crypto_scalarmult), Ed25519 (libsodium crypto_sign),
//  - AES-256-CTR, SHA-256, HKDF-SHA256 (OpenSSL libcrypto).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "mpenc/common/bytes.h"
#include "mpenc/crypto/secret.h"

namespace mpenc::crypto {

/// Call once before anything else (idempotent, thread-safe). Returns false
/// if libsodium could not initialise (then no crypto may be used).
bool initialize() noexcept;

using Sha256Digest = FixedBytes<32>;
using X25519Public = FixedBytes<32>;
using Ed25519Public = FixedBytes<32>;
using Ed25519Signature = FixedBytes<64>;
using X25519Secret = SecretKey<32>;
using Ed25519Seed = SecretKey<32>;

// ---- SHA-256 ----------------------------------------------------------------
Sha256Digest sha256(ByteView data);

/// Incremental SHA-256, to hash concatenations without copying.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  Sha256(Sha256&&) = delete;
  Sha256& operator=(Sha256&&) = delete;
  Sha256& update(ByteView data);
  Sha256& update(std::string_view s) { return update(asBytes(s)); }
  Sha256Digest finish();

 private:
  void* ctx_;  // EVP_MD_CTX*
};

// ---- HKDF-SHA256 (RFC 5869) -------------------------------------------------
/// Throws std::invalid_argument if length > 255*32.
SecretBytes hkdfSha256(ByteView ikm, ByteView salt, ByteView info, std::size_t length);

// ---- X25519 -------------------------------------------------------------------
/// scalar · basepoint.
X25519Public x25519Base(const X25519Secret& scalar);
/// scalar · point; nullopt if the result is the all-zero point (a low-order
/// input a peer could send), which callers must treat as an invalid key.
std::optional<FixedBytes<32>> x25519(const X25519Secret& scalar, const FixedBytes<32>& point);

// ---- Ed25519 ------------------------------------------------------------------
/// An Ed25519 key pair from a 32-byte seed (the form mpENC stores keys in).
class Ed25519KeyPair {
 public:
  static Ed25519KeyPair fromSeed(const Ed25519Seed& seed);
  static Ed25519KeyPair generate(Rng& rng);
  ~Ed25519KeyPair() = default;
  Ed25519KeyPair(const Ed25519KeyPair&) = delete;  // secrets: clone() by name
  Ed25519KeyPair& operator=(const Ed25519KeyPair&) = delete;
  Ed25519KeyPair(Ed25519KeyPair&&) noexcept = default;
  Ed25519KeyPair& operator=(Ed25519KeyPair&&) noexcept = default;
  /// Copies the seed, the expanded key and the cached public key: no
  /// re-derivation (the public key is derived once, in fromSeed()).
  Ed25519KeyPair clone() const;

  const Ed25519Public& publicKey() const noexcept { return pub_; }
  const Ed25519Seed& seed() const noexcept { return seed_; }
  Ed25519Signature sign(ByteView message) const;

 private:
  Ed25519KeyPair() = default;
  Ed25519Seed seed_;
  SecretKey<64> expanded_;  // libsodium's secret key form (seed ‖ pub)
  Ed25519Public pub_{};
};

bool ed25519Verify(const Ed25519Public& pub, ByteView message, const Ed25519Signature& sig) noexcept;

// ---- AES-256-CTR --------------------------------------------------------------
/// XOR `data` with the AES-256-CTR keystream; counter block = iv (16 bytes),
/// incremented big-endian as a 128-bit integer. Encrypt = decrypt.
Bytes aes256Ctr(std::span<const std::uint8_t, 32> key, const FixedBytes<16>& iv, ByteView data);

// ---- misc -----------------------------------------------------------------------
bool constantTimeEqual(ByteView a, ByteView b) noexcept;

}  // namespace mpenc::crypto
