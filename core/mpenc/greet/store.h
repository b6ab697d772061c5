// What a completed membership operation leaves behind (the next operation's
// starting point) and the public part of it that observers work with.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mpenc/codec/packets.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/greet/cliques.h"

namespace mpenc::greet {

using codec::Hash32;
using codec::Nonce32;
using crypto::Ed25519Public;

/// Static identity public key of a member, or nullopt if unknown.
using StaticKeyLookup = std::function<std::optional<Ed25519Public>(std::string_view memberId)>;

/// Context-preserving fields of an initial packet (rules H-C1..H-C3).
struct Metadata {
  Hash32 prevPf{};
  Hash32 prevChainHash{};
  std::vector<codec::MessageId> latestPm;
};

/// Public state of a subsession: enough to verify the next operation's packets.
struct PublicGreetState {
  std::vector<std::string> members;
  Hash32 sessionId{};
  std::vector<Nonce32> nonces;               ///< by member position
  std::vector<Ed25519Public> ephemeralKeys;  ///< by member position

  /// Position of a member, or nullopt.
  std::optional<std::size_t> indexOf(std::string_view member) const;
  friend bool operator==(const PublicGreetState&, const PublicGreetState&) = default;
};

/// Everything a member keeps from a completed operation (secrets included).
/// Move-only; clone() is the explicit copy.
struct GreetStore {
  PublicGreetState pub;
  crypto::SecretKey<32> groupKey;                   ///< HKDF(secret, "", "mpenc group key", 32)
  std::optional<crypto::Ed25519KeyPair> ephemeral;  ///< our session signing key (reused along the chain)
  std::vector<Bytes> intKeys;                       ///< CLIQUES intermediate keys by member position
  Contributions contributions;                      ///< our CLIQUES contributions, in order applied

  const std::vector<std::string>& members() const { return pub.members; }
  const Hash32& sessionId() const { return pub.sessionId; }
  GreetStore clone() const;
};

}  // namespace mpenc::greet
