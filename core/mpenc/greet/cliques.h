// CLIQUES group Diffie-Hellman over X25519 (protocol-wire.md §4.3).
//
// Each member keeps the LIST of its private contributions; they are never
// multiplied together (X25519 clamping would corrupt the product). The
// cardinal key is the member's own intermediate key raised by each own
// contribution in order; an empty INT_KEY stands for the base point.
// Every function here is pure: it returns new values and leaves its inputs
// untouched, so a caller can commit the result only once everything else
// about a packet has been checked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mpenc/common/bytes.h"
#include "mpenc/common/expected.h"
#include "mpenc/crypto/secret.h"
#include "mpenc/greet/errors.h"

namespace mpenc::greet {

using Contribution = crypto::SecretKey<32>;
using Contributions = std::vector<Contribution>;
using GroupSecret = crypto::SecretKey<32>;

/// Explicit copy of a contribution list (secrets are move-only).
Contributions cloneContributions(const Contributions& c);

/// `point` (empty = base point) raised by every contribution in order.
/// LowOrderPoint if any step yields the all-zero output; BadIntKey if the
/// point is neither empty nor 32 bytes.
Expected<GroupSecret, GreetError> applyContributions(ByteView point, const Contributions& contributions);

/// The result of a renewal: a fresh contribution raised into every slot but
/// ours, and the new cardinal key (own slot raised by all contributions).
struct Renewal {
  std::vector<Bytes> intKeys;  ///< same length as the input
  Contribution added;          ///< the fresh contribution (append it to the list)
  GroupSecret cardinal;        ///< own slot ^ (old contributions…, added)
};

/// Renew our contribution at position `pos` of `intKeys`.
Expected<Renewal, GreetError> renew(const std::vector<Bytes>& intKeys, std::size_t pos,
                                    const Contributions& contributions, crypto::Rng& rng);

/// Upflow step of a member at `pos` that has no contribution yet (START, or a
/// newcomer of an INCLUDE): `received` must hold exactly pos+1 keys (pos 0 with
/// none: the START initiator). Non-last members append the cardinal (public:
/// it still lacks the next members' contributions); the last one keeps it as
/// the group secret.
struct UpflowResult {
  std::vector<Bytes> intKeys;         ///< keys to send on (pos+2 if not last, n if last)
  Contribution contribution;          ///< our first contribution
  std::optional<GroupSecret> secret;  ///< set only for the last member
};
Expected<UpflowResult, GreetError> upflow(const std::vector<Bytes>& received, std::size_t pos,
                                          std::size_t memberCount, crypto::Rng& rng);

/// Downflow: the group secret from our own slot of a broadcast list.
inline Expected<GroupSecret, GreetError> downflow(const std::vector<Bytes>& intKeys, std::size_t pos,
                                                  const Contributions& contributions) {
  if (pos >= intKeys.size()) return fail(greetError(GreetErrc::BadLayout, "no INT_KEY at own position"));
  if (intKeys[pos].empty()) return fail(greetError(GreetErrc::BadIntKey, "own INT_KEY is empty"));
  return applyContributions(intKeys[pos], contributions);
}

}  // namespace mpenc::greet
