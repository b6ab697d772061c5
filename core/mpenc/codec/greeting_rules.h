// Internal: structural rules of a greeting that both the decoder and the
// encoder enforce, so that everything we can encode we also accept.
#pragma once

#include <optional>

#include "mpenc/codec/errors.h"
#include "mpenc/codec/packets.h"

namespace mpenc::codec::detail {

/// Where each record group starts in the TLV (for error offsets; 0 when encoding).
struct GreetingOffsets {
  std::size_t members = 0, intKeys = 0, nonces = 0, pubKeys = 0, prevPf = 0, sessionSignature = 0;
};

/// The consistency rules implied by GREET_TYPE and by the record groups
/// (protocol-wire.md §4.1, §4.2), checked after the layout has been parsed:
///  - at least one MEMBER;
///  - INT_KEY values are empty or 32 bytes;
///  - GKA clear  → no INT_KEY;
///  - SKE clear  → no NONCE, PUB_KEY or SESSION_SIGNATURE;
///  - DOWN clear → no SESSION_SIGNATURE (only the last member/broadcasts sign the session);
///  - INIT clear → no PREV_PF/CHAIN_HASH/LATEST_PM (initial packets only);
///  - CHAIN_HASH iff PREV_PF; LATEST_PM only with them;
///  - NONCE count == PUB_KEY count; INT_KEY, NONCE counts ≤ MEMBER count.
/// Every packet of the reference captures satisfies them.
std::optional<DecodeError> checkGreeting(const GreetingPacket& p, const GreetingOffsets& at);

}  // namespace mpenc::codec::detail
