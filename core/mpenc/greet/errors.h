// Typed failures of the membership-operation layer (greet/). Every error a
// peer can cause is returned as a value; a rejected packet never changes the
// state of the operation it was offered to (processing is transactional).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "mpenc/codec/errors.h"
#include "mpenc/codec/packets.h"
#include "mpenc/common/expected.h"

namespace mpenc::greet {

enum class GreetErrc : std::uint8_t {
  // ---- local requests (never caused by a peer) ----
  IncludeAndExclude,  ///< target membership both adds and removes members (two operations needed)
  SelfExclusion,      ///< a member never proposes its own exclusion (rule T-P3)
  NoChange,           ///< START needs at least one other member
  SelfNotInTarget,    ///< the target membership must contain ourselves
  DuplicateMember,    ///< a member ID appears twice
  BadState,           ///< the call does not fit the operation's state (e.g. completed, aborted)
  AbortUnsupported,   ///< an abort needs every session member to advertise support (docs/extension-abort.md)
  // ---- packets ----
  Malformed,            ///< not a well-formed greeting packet (see decode detail)
  SenderMismatch,       ///< SOURCE is not the channel sender
  BadLayout,            ///< record counts/DEST/positions do not fit the GREET_TYPE
  UnknownSigningKey,    ///< no ephemeral key to verify the sender's MESSAGE_SIGNATURE with
  BadMessageSignature,  ///< greeting MESSAGE_SIGNATURE does not verify
  UnknownStaticKey,     ///< staticKeyOf(member) returned nothing
  BadSessionSignature,  ///< SESSION_SIGNATURE does not verify against the static key
  KeyMismatch,          ///< a PUB_KEY/NONCE contradicts what we already know for that member
  SessionMismatch,      ///< members/nonces/keys differ from the ones fixed by the downflow (sid differs)
  LowOrderPoint,        ///< an INT_KEY gave an all-zero X25519 output (low-order point)
  BadIntKey,            ///< an INT_KEY is empty where a point is required
  NotForThisOperation,  ///< packet of another operation (e.g. a second initial packet, a replay)
  Forged,               ///< claims to come from us but is not what we sent
  WrongOperation,       ///< the packet's operation differs from the ongoing one
};

/// Short stable identifier, e.g. "BadSessionSignature".
std::string_view errcName(GreetErrc e) noexcept;

struct GreetError {
  GreetErrc code = GreetErrc::Malformed;
  std::string detail;  ///< human-readable context; never secret material

  /// "BadSessionSignature: bob@x/1" style one-liner.
  std::string describe() const;
};

inline GreetError greetError(GreetErrc c, std::string detail = {}) {
  return {c, std::move(detail)};
}

/// Decode a wire string as a greeting packet; any codec error, or another
/// packet type, becomes GreetErrc::Malformed with the codec's description.
Expected<codec::GreetingPacket, GreetError> decodeGreetingWire(std::string_view wire);

}  // namespace mpenc::greet
