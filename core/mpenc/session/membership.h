// The membership driver of one member (protocol-rules.md §3, rule C-18 steps
// 1–2): it is fed the channel's events in channel order and runs them through
// the concurrency resolver (order::ServerOrder) and the ongoing membership
// operation (greet::Greeting), applying the transport-integration rules
// (T-EIO, T-EII, T-EO, T-ES, T-EAL, T-LI, T-LS, T-LOI, T-LOX, T-TO2, seniority
// bootstrap) and the explicit abort extension (docs/extension-abort.md).
//
// Sans-IO: no sockets, no clock, randomness only through the Rng& given at
// construction. Every input returns an Actions value: wire strings to
// broadcast through the channel, members to kick, whether to leave the
// channel, and typed notices for the session layer / UI.
//
// Routing (C-18): channel membership changes → integration rules; greeting
// packets → the resolver if they are initial or final candidates, else the
// ongoing operation, else rejected (PacketRejected; nothing is queued).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "mpenc/common/expected.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/greet/abort.h"
#include "mpenc/greet/greeter.h"
#include "mpenc/greet/observer.h"
#include "mpenc/order/server_order.h"
#include "mpenc/session/group_channel.h"

namespace mpenc::session {

using Hash32 = codec::Hash32;
using Millis = std::chrono::milliseconds;

struct MembershipConfig {
  std::string self;
  crypto::Ed25519KeyPair identity;
  greet::StaticKeyLookup staticKeyOf;
  /// T-LS / T-LOX ([JS] taskExclude): propose to exclude members who left the
  /// channel, and (after a timed-out operation) members that never confirmed,
  /// automatically when idle. Such proposals are tagged `automatic`.
  bool autoExcludeLeavers = true;
  /// T-ES ([JS] autoIncludeExtra, default false): propose to include members
  /// who entered the channel, when idle. Otherwise a JoinRequest notice.
  bool autoIncludeJoiners = false;
  /// T-EO: kick members who enter while an operation is running.
  bool kickEnteringDuringOperation = true;
  /// We implement and advertise "greet-abort-1".
  bool supportAbort = true;
  /// Operation timeout (docs/extension-abort.md "T_abort"), counted from the pI's acceptance.
  /// The target member of rank r (sorted M) acts at timeout + r × stagger.
  Millis operationTimeout{25000};
  Millis timeoutStagger{2500};
  /// T-TO2: an excluded member that was never kicked leaves after this.
  Millis excludedLeaveTimeout{30000};
  /// H-C2: the LATEST_PM of our proposals when the caller gives none (also for
  /// automatic ones): the session supplies max(G) of the current subsession.
  std::function<std::vector<codec::MessageId>()> latestPm{};
  /// Members to include automatically when they enter, even without
  /// autoIncludeJoiners: the session's own former members coming back after a
  /// reconnect (their leave excluded them, T-P2). Never asked for members the
  /// user excluded.
  std::function<bool(const std::string&)> rejoining{};
  /// Consent veto: a member for whom this returns true is never included
  /// automatically (neither by autoIncludeJoiners nor as `rejoining`); the
  /// user includes them by hand. Used for a former member whose identity key
  /// changed and was not accepted or verified yet.
  std::function<bool(const std::string&)> autoIncludeVeto{};
};

enum class ProposeErrc {
  NotInChannel,            ///< H-M2: not in the channel
  NotSynced,               ///< still waiting to be included (seniority bootstrap)
  OperationOngoing,        ///< H-4: an operation (or our own proposal) is in flight
  BeingExcluded,           ///< the last operation excluded us (T-P3: wait to be kicked)
  TargetNotInChannel,      ///< H-3 (XP) precheck: M ⊆ channel
  IncludesExcludedMember,  ///< T-IAL: an excluded member is still in the channel (it is kicked)
  IncludeAndExclude,       ///< two operations needed
  SelfExclusion,           ///< T-P3
  NoChange,                ///< START without anyone else, or nothing to do
  Greet,                   ///< any other refusal of the greeting layer (see detail)
};
std::string_view proposeErrcName(ProposeErrc e) noexcept;

struct ProposeError {
  ProposeErrc code = ProposeErrc::Greet;
  std::string detail;
  /// Kicks to carry out despite the refusal (T-IAL: an excluded member still
  /// present must leave and reset before it can be included).
  std::vector<std::string> kick{};
};

// ---- notices -------------------------------------------------------------------
namespace notice {
struct ProposalAccepted {  ///< H-9: the echo of our proposal was accepted as pI
  Hash32 packetId{};
  bool automatic = false;
};
struct ProposalRejected {  ///< H-9: another proposal won (no auto-retry), or ours broke a rule
  std::optional<Hash32> winner;
  bool automatic = false;
  std::string reason;
};
struct OperationStarted {
  Hash32 initial{};
  std::string initiator;
  codec::GreetOperation operation = codec::GreetOperation::Start;
  std::vector<std::string> members;  ///< target membership M (pI order)
  bool excludesUs = false;
};
struct OperationSucceeded {
  std::vector<std::string> members;  ///< new session membership M (empty when we were excluded)
  Hash32 sessionId{};
  std::vector<std::string> included, excluded;  ///< sorted
  bool weAreExcluded = false;                   ///< we were excluded: wait to be kicked (T-P3)
};
struct OperationFailed {
  enum class Cause { MemberLeft, Aborted, SelfLeft } cause = Cause::MemberLeft;
  std::vector<std::string> leavers;  ///< MemberLeft (T-LOI)
  std::string abortedBy;             ///< Aborted
  greet::AbortReason abortReason = greet::AbortReason::Timeout;
  /// A timed-out operation: the newcomers it waited for that never answered
  /// (sorted). They are not included automatically again until they leave the
  /// channel (MembershipEngine::nonResponders); a user may still include them.
  std::vector<std::string> nonResponders;
};
struct SyncedNew {};  ///< H-C4: a brand-new chain (alone, or every senior left)
struct Synced {       ///< T-EII: synced on a pI that includes us
  Hash32 initial{};
};
struct ChainMismatch {  ///< W-9: the accepted pI's CHAIN_HASH differs from ours at its prev_pF
  Hash32 initial{};
};
struct PacketRejected {  ///< an invalid or unexpected greeting packet (H-19: never an implicit failure)
  std::string sender;
  std::string reason;
};
struct JoinRequest {  ///< T-ES: they probably want to be included
  std::vector<std::string> members;
};
struct TimeoutLeave {  ///< the v1 fallback of a timed-out operation: we leave the channel (T-LOI for others)
  Hash32 initial{};
};
}  // namespace notice

using MembershipNotice =
    std::variant<notice::ProposalAccepted, notice::ProposalRejected, notice::OperationStarted,
                 notice::OperationSucceeded, notice::OperationFailed, notice::SyncedNew, notice::Synced,
                 notice::ChainMismatch, notice::PacketRejected, notice::JoinRequest, notice::TimeoutLeave>;

struct Actions {
  std::vector<std::string> send;  ///< broadcast through the channel, in order
  std::vector<std::string> kick;  ///< H-18, T-EO, T-EAL, T-IAL
  bool leaveChannel = false;  ///< T-TO2, or the v1 timeout fallback (re-enter after 0.5–0.75 × estimate)
  std::vector<MembershipNotice> notices;
};

class MembershipEngine {
 public:
  MembershipEngine(MembershipConfig cfg, crypto::Rng& rng);
  ~MembershipEngine();
  MembershipEngine(const MembershipEngine&) = delete;
  MembershipEngine& operator=(const MembershipEngine&) = delete;
  MembershipEngine(MembershipEngine&&) = delete;
  MembershipEngine& operator=(MembershipEngine&&) = delete;

  /// One channel event, in channel order. A Packet event is decoded here.
  Actions onChannelEvent(const ChannelEvent& ev);
  /// A greeting packet from the channel, in channel order, that the caller
  /// already decoded from `wire` (Session::onPacket decodes every packet once):
  /// the same as onChannelEvent(ChannelEvent::packet(sender, wire)) without
  /// decoding it again. `wire` still names the packet (packet ID, wire hash).
  Actions onGreeting(const std::string& sender, const std::string& wire, const codec::GreetingPacket& p);
  /// Time passes (monotonic). Operation timeouts and T-TO2 fire from here; the
  /// start of an operation is the last `now` seen before its pI was accepted.
  Actions onTimer(Millis now);
  /// Propose turning the session into `target` (START / INCLUDE / EXCLUDE /
  /// REFRESH, chosen by greet::chooseOperation). The result is known on the
  /// echo (ProposalAccepted / ProposalRejected).
  Expected<Actions, ProposeError> propose(const std::vector<std::string>& target,
                                          const std::vector<codec::MessageId>& latestPm = {});
  /// When onTimer() next has something to do (operation timeout, T-TO2).
  std::optional<Millis> nextDeadline() const;
  /// `member` sent a leave intent (double FIN): exclude it when idle, as
  /// for members who left the channel (task set taskExclude).
  Actions scheduleExclude(const std::string& member);
  /// User cancel of the ongoing operation (abort reason 2); needs abort support.
  Expected<Actions, ProposeError> abortOperation();
  /// Members that advertise "greet-abort-1" (the session layer learns it out of band).
  void setPeersSupportingAbort(std::set<std::string> peers) { abortPeers_ = std::move(peers); }

  // ---- state -------------------------------------------------------------------
  const std::string& self() const noexcept { return cfg_.self; }
  bool inChannel() const noexcept { return inChannel_; }
  bool synced() const noexcept { return order_.synced(); }
  /// T-ES / T-P2 with the consent veto: would `m` be included automatically?
  bool autoIncludable(const std::string& m) const;
  const std::set<std::string>& channel() const noexcept { return channel_; }
  /// MembershipConfig::autoExcludeLeavers: does scheduleExclude() propose anything?
  bool autoExcludes() const noexcept { return cfg_.autoExcludeLeavers; }
  /// Session membership M' ({self} when solo or outside a session).
  std::vector<std::string> members() const;
  /// The current subsession (nullptr when solo / none).
  const greet::GreetStore* session() const noexcept { return store_ ? &*store_ : nullptr; }
  const order::ServerOrder& order() const noexcept { return order_; }
  std::optional<Hash32> chainHash() const { return order_.prevCh(); }
  bool operationOngoing() const noexcept { return order_.hasOngoingOp(); }
  bool proposalPending() const noexcept { return own_ != nullptr; }
  bool beingExcluded() const noexcept { return excludedAt_.has_value(); }
  const std::set<std::string>& pendingExcludes() const noexcept { return toExclude_; }
  bool allSupportAbort() const;
  /// Can an abort end the ongoing operation for everyone it matters to? Every
  /// member of our session M' must advertise greet-abort-1; newcomers need not
  /// (they have no session to keep consistent, and a v1 newcomer drops the
  /// abort: its own join timeout, T-TO1, takes it out). Outside a session: allSupportAbort().
  bool abortUsable() const;
  /// Occupants marked as non-responders by a timed-out operation (see OperationFailed).
  const std::set<std::string>& nonResponders() const noexcept { return nonResponders_; }

 private:
  struct OwnPending;
  void onSelfEnter(const MemberSet& present, Actions& out);
  void onSelfLeave(Actions& out);
  void onOthersEnter(const MemberSet& who, Actions& out);
  void onOthersLeave(const MemberSet& who, Actions& out);
  void onPacket(const std::string& sender, const std::string& wire, Actions& out);
  void onGreetingPacket(const std::string& sender, const std::string& wire, const codec::GreetingPacket& p,
                        Actions& out);
  void onInitial(const std::string& sender, const std::string& wire, const codec::GreetingPacket& p,
                 Actions& out);
  void onOther(const std::string& sender, const std::string& wire, const codec::GreetingPacket& p,
               Actions& out);
  void onAbort(const std::string& sender, const std::string& wire, const codec::GreetingPacket& p,
               Actions& out);
  bool acceptFinal(const std::string& sender, const std::string& wire, const codec::GreetingPacket& p,
                   const order::Finality& f, Actions& out);
  void settleOwn(const std::optional<order::OwnProposalResult>& r, Actions& out);
  void succeeded(greet::GreetStore result, Actions& out);
  void excludedUs(Actions& out);
  void failed(notice::OperationFailed why, Actions& out);
  void clearOperation();
  void maybeAutoPropose(Actions& out);
  void syncNew(Actions& out);
  std::vector<std::string> channelVec() const;
  order::OpPacket opPacket(const std::string& sender, const std::string& wire,
                           const codec::GreetingPacket& p) const;
  const std::vector<std::string>* opMembers() const;

  MembershipConfig cfg_;
  crypto::Rng& rng_;
  std::unique_ptr<greet::Greeter> greeter_;
  order::ServerOrder order_;
  bool inChannel_ = false;
  std::set<std::string> channel_;
  std::set<std::string> seniors_;  // present when we entered, while unsynced
  std::optional<greet::GreetStore> store_;
  std::optional<greet::Greeting> op_;             // the ongoing operation, when we take part
  std::optional<greet::GreetObserver> observer_;  // the ongoing operation, when it excludes us
  std::unique_ptr<OwnPending> own_;
  std::set<std::string> toExclude_;       // T-LS/T-LOX task set (JS taskExclude)
  std::set<std::string> excludedStayed_;  // excluded but still in the channel (H-18, T-IAL)
  std::set<std::string> abortPeers_;
  std::set<std::string> nonResponders_;  // newcomers that let an operation time out (issue 14)
  Millis now_{0};
  Millis opStart_{0};
  bool opActed_ = false;     // we already sent an abort / left for the ongoing operation
  bool syncedByOp_ = false;  // T-EII synced us on the ongoing operation's pI
  std::optional<Millis> excludedAt_;
  std::vector<std::string> opIncluded_;  // members the ongoing operation adds (sorted)
};

}  // namespace mpenc::session
