// Entry point of the membership-operation layer for one member: proposes
// operations, decodes received initial packets for the concurrency resolver
// (order/), and creates the Greeting of an accepted operation.
//
// Typical flow (rules H-2..H-9):
//   1. propose(): send Proposal::wire through the channel; keep Proposal::greeting.
//   2. on receipt of any greeting packet (decoded once by the caller):
//      initialCandidate() → the resolver decides (initial candidates); for the ongoing operation,
//      Greeting::isFinalCandidate() tells whether the packet would finish it.
//   3. accepted pI: our own → feed it to the kept proposal's greeting.recv();
//      someone else's → join() and then recv() it; later packets → recv().
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mpenc/codec/packets.h"
#include "mpenc/common/expected.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/greet/errors.h"
#include "mpenc/greet/greeting.h"
#include "mpenc/greet/store.h"
#include "mpenc/order/op_packet.h"

namespace mpenc::greet {

/// Which operation turns `previous` into `target` for `self` (protocol-wire.md §4):
/// START (no previous session, or we were alone), INCLUDE, EXCLUDE, REFRESH
/// (same members). Including and excluding at once, excluding ourselves
/// (rule T-P3), duplicates and a START without anyone else are refused.
struct OperationChoice {
  codec::GreetOperation operation = codec::GreetOperation::Start;
  std::vector<std::string> included;  ///< sorted
  std::vector<std::string> excluded;  ///< sorted
};
Expected<OperationChoice, GreetError> chooseOperation(std::string_view self,
                                                      const std::vector<std::string>& previous,
                                                      const std::vector<std::string>& target);

/// Same test as isOnePacketOperation(GreetingPacket) on the resolver's view.
bool isOnePacketOperation(const order::OpPacket& p) noexcept;

class Greeter {
 public:
  Greeter(std::string self, crypto::Ed25519KeyPair identity, StaticKeyLookup staticKeyOf);

  const std::string& self() const noexcept { return ctx_->self; }

  struct Proposal {
    std::string wire;              ///< send through the channel
    codec::GreetingPacket packet;  ///< the same, decoded
    Greeting greeting;             ///< pending until the resolver accepts our packet's echo
  };
  /// Propose turning the current subsession (`prev`, nullptr if none) into
  /// `target`. Nothing changes anywhere until the echo is accepted and fed to
  /// proposal.greeting.recv().
  Expected<Proposal, GreetError> propose(const GreetStore* prev, const std::vector<std::string>& target,
                                         const Metadata& metadata, crypto::Rng& rng) const;

  /// The resolver's view of a received greeting packet `p` (decoded once by
  /// the caller from `wire`, which the packet ID and wire hash are taken
  /// from): an OpPacket for an initial candidate (an initial greeting type
  /// carrying PREV_PF whose SOURCE is the channel sender), nullopt otherwise.
  /// When `prev` knows the sender's ephemeral key its MESSAGE_SIGNATURE is
  /// checked too; a packet claiming to be ours must be `ownProposal`'s.
  std::optional<order::OpPacket> initialCandidate(const codec::GreetingPacket& p, std::string_view wire,
                                                  std::string_view sender,
                                                  const std::vector<std::string>& channelMembers,
                                                  const PublicGreetState* prev = nullptr,
                                                  const Greeting* ownProposal = nullptr) const;

  /// The Greeting of someone else's accepted initial packet (then recv() it).
  /// `prev`: our current subsession (nullptr if we are a newcomer). If the
  /// operation excludes us the Greeting is GreetStatus::Excluded.
  Expected<Greeting, GreetError> join(const GreetStore* prev, std::string_view sender,
                                      const codec::GreetingPacket& pI) const;
  Expected<Greeting, GreetError> join(const GreetStore* prev, std::string_view sender,
                                      std::string_view wire) const;

 private:
  std::shared_ptr<const GreeterContext> ctx_;
};

}  // namespace mpenc::greet
