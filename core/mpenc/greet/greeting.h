// One membership operation (START / INCLUDE / EXCLUDE / REFRESH) as a sans-IO
// state machine: packets in (as received through the channel, in channel
// order), packets out (with their destination) and, at the end, the new
// subsession's state (rules H-G1..H-G5).
//
//  - Every packet is verified (observer.h: layout, MESSAGE_SIGNATURE,
//    PUB_KEY/NONCE consistency, sid, SESSION_SIGNATURE) before anything is
//    recorded; a rejected packet leaves the Greeting exactly as it was
//    (transactional: results are computed into locals and committed last).
//  - Nothing reaches the session before completion: the operation completes
//    only when every target member's SESSION_SIGNATURE has been verified and
//    our own has come back through the channel.
//  - Our own packets are recognised on their echo by their exact bytes; a
//    packet claiming to be ours that we did not send is Forged.
//  - A corrupt packet is never an implicit failure (rule H-19): recv() returns
//    the error and the operation keeps waiting for the honest packet.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mpenc/codec/packets.h"
#include "mpenc/common/expected.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/greet/cliques.h"
#include "mpenc/greet/errors.h"
#include "mpenc/greet/observer.h"
#include "mpenc/greet/store.h"

namespace mpenc::greet {

/// Static context of a member: its ID, its static identity key, and the
/// directory of the others' static public keys.
struct GreeterContext {
  std::string self;
  crypto::Ed25519KeyPair identity;
  StaticKeyLookup staticKeyOf;
};

/// A packet to send. Upflow packets are addressed to one member (`dest`);
/// downflows and confirmations are broadcast (`dest` empty). Either way the
/// caller sends `wire` through the channel (final candidates must go there).
struct Outgoing {
  std::string dest;
  std::string wire;
  codec::GreetingPacket packet;
};

struct RecvResult {
  std::vector<Outgoing> send;
  bool completed = false;  ///< this packet completed the operation: result() is ready
  bool ignored = false;    ///< nothing for us in it (upflow to someone else, duplicate, we are excluded)
};

enum class GreetStatus {
  Pending,    ///< running
  Completed,  ///< result() is available
  Excluded,   ///< the operation removes us: we never see it complete (wait to be kicked, rule T-P3)
};

class Greeting {
 public:
  Greeting(const Greeting&) = delete;
  Greeting& operator=(const Greeting&) = delete;
  Greeting(Greeting&&) noexcept = default;
  Greeting& operator=(Greeting&&) noexcept = default;
  ~Greeting();

  GreetStatus status() const noexcept;
  codec::GreetOperation operation() const noexcept { return tracker_.operation(); }
  const std::vector<std::string>& members() const noexcept { return tracker_.members(); }
  const std::string& initiator() const noexcept { return tracker_.initiator(); }
  const Tracker& tracker() const noexcept { return tracker_; }

  /// Check a packet completely (layout, signatures, keys) without changing
  /// state. The verdict is remembered so that the recv() of the same packet
  /// right after it does not verify the signatures again.
  Expected<Verdict, GreetError> check(std::string_view sender, const codec::GreetingPacket& p) const;

  /// A signed abort of this operation (docs/extension-abort.md); `pI` = the packet ID of
  /// its initial packet as computed on receipt. Only target members may abort.
  Expected<std::string, GreetError> makeAbort(int reason, const Hash32& pI, bool allSupportAbort) const;

  /// Would this packet, received now from `sender`, complete the operation?
  /// (Decided on receipt, rule H-G4; checks the packet fully; no state change.)
  bool isFinalCandidate(std::string_view sender, const codec::GreetingPacket& p) const;
  bool isFinalCandidate(std::string_view sender, std::string_view wire) const;

  /// Process a packet received through the channel (the initial packet first).
  Expected<RecvResult, GreetError> recv(std::string_view sender, const codec::GreetingPacket& p,
                                        crypto::Rng& rng);
  Expected<RecvResult, GreetError> recv(std::string_view sender, std::string_view wire, crypto::Rng& rng);

  /// The new subsession's state; throws std::logic_error unless Completed.
  const GreetStore& result() const;
  GreetStore takeResult();

 private:
  friend class Greeter;
  Greeting(std::shared_ptr<const GreeterContext> ctx, Tracker tracker);
  bool isOwn(const codec::GreetingPacket& p) const;
  Outgoing seal(codec::GreetingPacket p, const crypto::Ed25519KeyPair& eph) const;

  std::shared_ptr<const GreeterContext> ctx_;
  Tracker tracker_;
  bool excluded_ = false;
  std::size_t pos_ = 0;  // our position in members()
  // CLIQUES / ASKE working state (secrets committed only after a packet passed every check).
  std::vector<Bytes> intKeys_;
  Contributions contribs_;
  std::optional<crypto::Ed25519KeyPair> eph_;
  std::optional<Nonce32> nonce_;
  std::optional<GroupSecret> secret_;
  bool upflowDone_ = false;
  bool signedSession_ = false;                            // our SESSION_SIGNATURE is out
  std::vector<std::pair<codec::Signature, Bytes>> sent_;  // own packets: signature + signed content
  std::optional<GreetStore> result_;
  bool done_ = false;
  // isFinalCandidate() remembers its verdict so that the recv() of the same
  // packet right after it does not verify the signatures twice.
  struct Cached {
    std::string sender;
    codec::Signature signature{};
    Bytes content;
    Verdict verdict;
  };
  mutable std::optional<Cached> cache_;
};

}  // namespace mpenc::greet
