// Signature contexts of mpENC v1 (protocol-wire.md §2, §4.4, §4.5, §5.1).
// Every signature is domain-separated by its context string.
#pragma once

#include <string_view>

#include "mpenc/codec/packets.h"
#include "mpenc/crypto/primitives.h"

namespace mpenc::proto {

inline constexpr std::string_view kGreetSigContext = "greetmsgsig";
inline constexpr std::string_view kDataSigContext = "datamsgsig";
inline constexpr std::string_view kErrorSigContext = "errormsgsig";
inline constexpr std::string_view kSessionSigContext = "acksig";

/// Greeting MESSAGE_SIGNATURE: ephemeral key over "greetmsgsig" ‖ S.
codec::Signature signGreeting(const crypto::Ed25519KeyPair& ephemeral, ByteView signedContent);
bool verifyGreeting(const crypto::Ed25519Public& ephemeralPub, const codec::GreetingPacket& p) noexcept;

/// Data MESSAGE_SIGNATURE: ephemeral key over "datamsgsig" ‖ SHA-256(sid ‖ groupKey) ‖ S.
codec::Signature signData(const crypto::Ed25519KeyPair& ephemeral, const codec::Hash32& sidKeyHash,
                          ByteView signedContent);
bool verifyData(const crypto::Ed25519Public& ephemeralPub, const codec::Hash32& sidKeyHash,
                const codec::DataPacket& p) noexcept;

/// Error MESSAGE_SIGNATURE: over "errormsgsig" ‖ S.
codec::Signature signError(const crypto::Ed25519KeyPair& key, ByteView signedContent);
bool verifyError(const crypto::Ed25519Public& pub, const codec::ErrorPacket& p) noexcept;

/// ASKE SESSION_SIGNATURE: static identity key over
/// SHA-256("acksig" ‖ memberId ‖ ephemeralPub ‖ nonce ‖ sid) (§4.4; the 32-byte hash is signed).
codec::Hash32 sessionAuthenticator(ByteView memberId, const crypto::Ed25519Public& ephemeralPub,
                                   ByteView nonce, const codec::Hash32& sid);
codec::Signature signSession(const crypto::Ed25519KeyPair& identity, ByteView memberId,
                             const crypto::Ed25519Public& ephemeralPub, ByteView nonce,
                             const codec::Hash32& sid);
bool verifySession(const crypto::Ed25519Public& identityPub, ByteView memberId,
                   const crypto::Ed25519Public& ephemeralPub, ByteView nonce, const codec::Hash32& sid,
                   const codec::Signature& sig) noexcept;

}  // namespace mpenc::proto
