// Explicit abort of a membership operation: extension "greet-abort-1"
// (docs/extension-abort.md; rules O-8, H-19, protocol-wire.md §9). The abort is a final
// candidate of exactly one operation (its ABORT_PI), signed with the sender's
// STATIC identity key so that every member of M' ∪ M can verify it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mpenc/codec/packets.h"
#include "mpenc/common/expected.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/greet/errors.h"
#include "mpenc/greet/store.h"

namespace mpenc::greet {

inline constexpr std::string_view kAbortSigContext = "greetabortsig";
inline constexpr std::string_view kAbortCapability = "greet-abort-1";

enum class AbortReason : std::uint8_t { Timeout = 0, LocalFailure = 1, UserCancel = 2 };
std::string_view abortReasonName(AbortReason r) noexcept;

struct AbortPacket {
  std::string wire;
  codec::GreetingPacket packet;
};

/// Build and sign an abort of the operation whose initial packet has packet ID
/// `pI` (as computed on receipt) and MEMBER list `members` (the target
/// membership M, in pI's order). `self` must be in `members` (a member being
/// excluded may not abort its own exclusion). AbortUnsupported unless every
/// member of M' ∪ M advertises the capability (`allSupportAbort`).
Expected<AbortPacket, GreetError> makeAbort(std::string_view self, const crypto::Ed25519KeyPair& identity,
                                            const std::vector<std::string>& members, const Hash32& pI,
                                            AbortReason reason, bool allSupportAbort);

/// Is `p`, received from channel sender `sender`, a valid abort of the
/// operation (pI, members)? Checks, in order: GREET_TYPE, SOURCE = sender,
/// sender ∈ members, MEMBER = members (same order), ABORT_PI = pI, and the
/// signature against staticKeyOf(sender). Deterministic given the same static
/// key directory: every member of M' ∪ M reaches the same answer.
Status<GreetError> checkAbort(std::string_view sender, const codec::GreetingPacket& p, const Hash32& pI,
                              const std::vector<std::string>& members, const StaticKeyLookup& staticKeyOf);

}  // namespace mpenc::greet
