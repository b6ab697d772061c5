// The concurrency resolver for membership operations (protocol-rules.md §3.4,
// §3.5, §3.7): gives the operations a total, context-preserving order over an
// untrusted, server-ordered channel (XMPP MUC). Sans-IO and value-like: it is
// fed the channel's events in channel order and answers with verdicts; it
// never sends, never reads a clock, and takes randomness only through Rng&.
//
// Division of labour with the greeting layer (greet/): that layer decodes a
// packet into an OpPacket and judges on receipt whether the packet finishes
// an operation (rule H-G4); this class decides which candidates are accepted
// (H-1..H-9), keeps the accepted chain and its hashes (H-10b, H-11), and
// applies the channel-integration rules that concern ordering (T-EIO, T-EII,
// T-LOI, T-LI). The session layer owns the session membership M' (H-6).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mpenc/crypto/rng.h"
#include "mpenc/order/op_packet.h"
#include "mpenc/proto/ids.h"

namespace mpenc::order {

using proto::ChainType;

/// The greeting layer's judgement of a packet on receipt (rule H-G4).
struct Finality {
  bool isFinal = false;
  /// The pI whose operation this packet finishes. nullopt = "the operation the
  /// greeting layer is running": the current pI, or — for an initial candidate —
  /// the packet itself (a one-packet operation, rule H-7). For an initial
  /// candidate any value other than nullopt or its own packet ID is ignored.
  std::optional<Hash32> of;

  static Finality notFinal() { return {}; }
  static Finality ofCurrent() { return {true, std::nullopt}; }
  static Finality ofInitial(const Hash32& pI) { return {true, pI}; }
};

/// Why a packet got its verdict. The "ignored" reasons are those the rules
/// phrase as "ignore" (H-3, H-6, T-EIO); the verdict is Rejected either way.
enum class Reason {
  Accepted,            ///< Initial / Final / InitialFinal
  NotCandidate,        ///< H-8: neither an initial nor a final candidate (verdict Other)
  TargetNotInChannel,  ///< H-3 (XP): a target member was not in the channel at receipt (ignored)
  AuthorNotMember,     ///< H-6: synced, and the pI's author is not in M' (ignored)
  NotForUs,            ///< T-EIO: unsynced, pI excludes us; its prev_pF is now blacklisted (ignored)
  BlacklistedPrevPf,   ///< T-EIO: unsynced, pI refers to a blacklisted prev_pF (ignored)
  UnsyncedFinal,       ///< unsynced: final candidates cannot be judged (ignored)
  DuplicateInitial,    ///< H-4/H-5: this pI was already accepted
  OngoingOperation,    ///< H-4: an operation is ongoing
  StalePrevPf,         ///< H-2/H-4: prev_pF is not the last accepted pF (a later, losing proposal)
  DuplicateFinal,      ///< H-5: this pF was already accepted
  NoOngoingOperation,  ///< H-5: no operation is ongoing
  StaleInitial,        ///< H-5: the pF finishes a pI that is not the current one
};

/// True for the reasons the rules phrase as "ignore" rather than "reject".
bool isIgnoredReason(Reason r) noexcept;
std::string_view reasonName(Reason r) noexcept;

/// An accepted link of the chain (H-11). The first link after a sync is the
/// sync point (prev_pF, prev_CH) and has no type.
struct ChainLink {
  Hash32 packetId{};
  Hash32 chainHash{};
  std::optional<ChainType> type;  ///< nullopt for the sync point
  friend bool operator==(const ChainLink&, const ChainLink&) = default;
};

/// An accepted membership operation (one pI, and its pF once accepted).
struct OperationRecord {
  Hash32 initial{};                  ///< pI packet ID
  Hash32 prevPf{};                   ///< the pI's PREV_PF (= previous accepted pF, H-C1)
  Hash32 prevCh{};                   ///< the pI's CHAIN_HASH (H-C3)
  std::vector<MessageId> latestPm;   ///< the pI's LATEST_PM (H-C2; session checks H-C6)
  std::string initiator;             ///< the pI's channel sender
  std::vector<std::string> members;  ///< target membership M (sorted)
  std::optional<Hash32> final;       ///< pF packet ID (or leave pseudo-packet ID)
  bool failedByLeave = false;        ///< finished by a leave pseudo-packet (T-LOI): failure
  friend bool operator==(const OperationRecord&, const OperationRecord&) = default;
};

/// Our own proposal awaiting its echo (rule H-9).
struct OwnProposal {
  Hash32 parent{};    ///< prev_pF for a pI proposal; the current pI for a final proposal
  Hash32 wireHash{};  ///< SHA-256 of the wire string we sent
  friend bool operator==(const OwnProposal&, const OwnProposal&) = default;
};

/// How our own proposal ended (rule H-9). No auto-retry: report it to the user.
struct OwnProposalResult {
  OwnProposal proposal;
  bool accepted = false;
  /// The accepted packet with the same parent: our echo when accepted, the
  /// winning proposal otherwise; nullopt when our own echo was rejected by a
  /// rule (e.g. XP) and nothing with our parent was accepted.
  std::optional<Hash32> acceptedPacketId;
};

/// The resolver's answer for one packet.
struct Outcome {
  Verdict verdict = Verdict::Other;
  Reason reason = Reason::NotCandidate;
  Hash32 packetId{};
  bool syncedNow = false;  ///< T-EII: this pI synced us (opportunistically)
  /// An accepted pI whose CHAIN_HASH differs from our chain hash at its prev_pF:
  /// the server showed its author a different history (H-13/H-14; warn, W-9).
  bool prevChMismatch = false;
  /// For accepted packets: the operation as now recorded, and the chain hash after it.
  std::optional<OperationRecord> operation;
  std::optional<Hash32> chainHash;
  std::optional<OwnProposalResult> own;  ///< set when our own proposal was settled by this packet

  bool accepted() const noexcept { return reason == Reason::Accepted; }
  bool ignored() const noexcept { return isIgnoredReason(reason); }
};

/// T-LOI: a member of the ongoing operation left; its failure pseudo-pF was accepted.
struct LeaveOutcome {
  Hash32 pseudoFinal{};  ///< proto::leavePacketId(...)
  Hash32 chainHash{};    ///< chain hash after it (ptype "\xffleave")
  std::vector<std::string> leavers;
  OperationRecord operation;  ///< the failed operation (failedByLeave = true)
  std::optional<OwnProposalResult> own;
};

/// T-LI: what was discarded when we left the channel.
struct SelfLeaveOutcome {
  bool wasSynced = false;
  std::optional<OperationRecord> ongoing;  ///< the operation that was running, if any
  /// The ongoing operation included us, so it failed for us. When it excluded
  /// us, JS assumes it succeeded (session layer's decision).
  bool ongoingIncludedUs = false;
  std::optional<OwnProposal> droppedOwnProposal;
};

class ServerOrder {
 public:
  explicit ServerOrder(std::string ownId);

  const std::string& ownId() const noexcept { return ownId_; }
  bool synced() const noexcept { return !chain_.empty(); }

  /// Brand-new chain (H-C4): PREV_PF = 32 random bytes, CH0 = SHA-256(PREV_PF ‖ 0xFF).
  void syncNew(crypto::Rng& rng);
  /// Sync with claimed previous values (T-EII; JS syncWithPrev). Clears any
  /// previous state, including the blacklist.
  void syncWithPrev(const Hash32& prevPf, const Hash32& prevCh);

  /// The accepted chain; empty while unsynced. front() is the sync point.
  const std::vector<ChainLink>& chain() const noexcept { return chain_; }
  /// Accepted operations since the sync point, oldest first.
  const std::vector<OperationRecord>& operations() const noexcept { return ops_; }
  bool hasOngoingOp() const noexcept { return !ops_.empty() && !ops_.back().final; }
  /// The ongoing operation, or nullptr.
  const OperationRecord* ongoing() const noexcept { return hasOngoingOp() ? &ops_.back() : nullptr; }
  /// The last accepted pF (or the sync point's prev_pF): the PREV_PF of the next
  /// proposal (H-C1). nullopt while unsynced.
  std::optional<Hash32> prevPf() const;
  /// The chain hash at the last accepted packet: the next proposal's CHAIN_HASH (H-C3).
  std::optional<Hash32> prevCh() const;
  /// The current pI, when an operation is ongoing.
  std::optional<Hash32> currentPi() const;
  bool isBlacklisted(const Hash32& prevPf) const;

  /// Record our own proposal before sending it (H-9). Fails (false) while
  /// unsynced or when another own proposal is still pending.
  bool recordOwnProposal(const OwnProposal& p);
  const std::optional<OwnProposal>& ownProposal() const noexcept { return own_; }

  /// Resolve one greeting packet received through the channel, in channel order.
  /// channelMembers: the channel at receipt (including us); sessionMembers: the
  /// current session membership M' (H-6; {us} when we have no subsession).
  /// Transactional: a rejected packet leaves the state unchanged (except the
  /// T-EIO blacklist, which is the point of that rule).
  Outcome tryOpPacket(const OpPacket& op, std::span<const std::string> channelMembers,
                      std::span<const std::string> sessionMembers, const Finality& finality);
  /// Convenience: finality given as "final of the current operation" (H-G4).
  Outcome tryOpPacket(const OpPacket& op, std::span<const std::string> channelMembers,
                      std::span<const std::string> sessionMembers, bool isFinalOfCurrent);

  /// Other members left the channel (T-LOI). If an operation is ongoing and
  /// one of them is among its target members, accept the failure pseudo-pF at
  /// once. channelAfter: the channel after they left.
  std::optional<LeaveOutcome> onOthersLeft(std::span<const std::string> leavers,
                                           std::span<const std::string> channelAfter);

  /// We left the channel (T-LI): clear everything; back to unsynced.
  SelfLeaveOutcome onSelfLeft();

  friend bool operator==(const ServerOrder&, const ServerOrder&) = default;

 private:
  void settleOwn(const Hash32& parent, const Hash32& acceptedId, bool ours,
                 std::optional<OwnProposalResult>& out);
  bool isOwnEcho(const OpPacket& op, const Hash32& parent) const;
  void append(const Hash32& pid, ChainType type);

  std::string ownId_;
  std::vector<ChainLink> chain_;
  std::vector<OperationRecord> ops_;
  std::vector<Hash32> blacklist_;  ///< T-EIO; only while unsynced
  std::optional<OwnProposal> own_;
};

}  // namespace mpenc::order
