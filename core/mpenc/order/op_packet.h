// The seam between membership operations (greet/) and their ordering (order/):
// what the concurrency resolver needs to know about a greeting packet that
// arrived through the channel (protocol-rules.md §3.2–3.5).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mpenc/codec/greet_type.h"
#include "mpenc/codec/packets.h"

namespace mpenc::order {

using codec::Hash32;
using codec::MessageId;

/// A greeting packet as seen on receipt, with its packet ID (rule H-10b).
struct OpPacket {
  Hash32 packetId{};      ///< proto::packetId(wire, sender, channel members at receipt)
  std::string sender;     ///< channel sender (member ID)
  codec::GreetType type;  ///< GREET_TYPE
  codec::GreetOperation operation() const noexcept { return type.operation(); }
  /// MEMBER records: the operation's target membership M (rule H-3 checks M ⊆ channel).
  std::vector<std::string> members;
  /// Initial packets only (rules H-C1..H-C3): PREV_PF, CHAIN_HASH, LATEST_PM.
  std::optional<Hash32> prevPf;
  std::optional<Hash32> prevChainHash;
  std::vector<MessageId> latestPm;
  /// SHA-256 of the exact wire string (the JS "pHash"). Lets the resolver
  /// recognise the echo of our own proposal (rule H-9) independently of the
  /// channel view; when absent, an echo is recognised by sender and parent only.
  std::optional<Hash32> wireHash;

  /// A pI candidate: carries the context-preserving fields.
  bool isInitialCandidate() const noexcept { return prevPf.has_value(); }
};

/// The resolver's verdict on one packet (mirrors the captures' `acceptedBy`).
enum class Verdict {
  Initial,       ///< accepted as pI (chain type "2")
  Final,         ///< accepted as pF (chain type "1")
  InitialFinal,  ///< one-packet operation: pI and pF at once (chain type "3", rule H-7)
  Rejected,      ///< a proposal that lost or broke a rule (H-2..H-6); never folded into the chain
  Other,         ///< not an initial or final candidate (middle packet of an operation, H-8)
};

}  // namespace mpenc::order
