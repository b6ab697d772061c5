// Sealing and opening data messages (protocol-wire.md §5): padding,
// AES-256-CTR under the 32-byte group key, the author's ephemeral signature,
// SIDKEY_HINT, and the message ID.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "mpenc/codec/errors.h"
#include "mpenc/codec/packets.h"
#include "mpenc/codec/plaintext.h"
#include "mpenc/crypto/primitives.h"

namespace mpenc::proto {

/// The keys of one subsession (sid, group key).
struct SubsessionKeys {
  codec::Hash32 sid{};
  crypto::SecretKey<32> groupKey;

  /// SHA-256(sid ‖ groupKey) and its first byte (the SIDKEY_HINT).
  codec::Hash32 sidKeyHash() const;
};

struct SealedData {
  codec::DataPacket packet;
  std::string wire;
  codec::MessageId id{};
};

/// Encrypt and sign. Throws std::length_error if the records exceed v1's limit.
SealedData sealData(const SubsessionKeys& keys, const crypto::Ed25519KeyPair& authorEphemeral,
                    const codec::Plaintext& plaintext, crypto::Rng& rng);

enum class OpenErrc : std::uint8_t {
  BadSignature,  ///< no candidate author key verifies the signature
  BadPlaintext,  ///< verified, but the decrypted plaintext is malformed (see decode)
};
struct OpenError {
  OpenErrc code{};
  codec::DecodeError decode;  ///< for BadPlaintext
};

struct OpenedData {
  codec::Plaintext plaintext;
  codec::MessageId id{};
  std::size_t authorIndex = 0;  ///< index into the candidate keys that verified
};

/// Verify against each candidate ephemeral key (the subsession members'),
/// then decrypt. Nothing is decrypted before a signature verifies.
Expected<OpenedData, OpenError> openData(const SubsessionKeys& keys,
                                         std::span<const crypto::Ed25519Public> candidateAuthors,
                                         const codec::DataPacket& packet);

}  // namespace mpenc::proto
