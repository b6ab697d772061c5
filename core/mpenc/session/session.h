// The hybrid session of one member (the design's HybridSession;
// protocol-rules.md §3.7 and §2.7 ): the `Session` interface the UI
// and the headless front end talk to. It combines
//  - the membership driver (MembershipEngine: resolver, greeting, T-rules),
//  - the current subsession (Subsession: transcript, acks, FIN) and the
//    previous ones still shutting down (A-26: a single FIN each, alongside),
//  - trial decryption across them with the undecryptable buffer (C-18 3–5),
//  - the user-level MessageLog across subsessions (C-19..C-22),
//  - the session-level checks: H-13 chain-hash acknowledgements (extension
//    "chain-ack-1", docs/protocol.md §9.2), which also authenticate the
//    initial packet's PREV_PF/CHAIN_HASH/LATEST_PM (H-C5), H-C6 (W-10) and
//    W-11 (a subsession dropped while inconsistent),
//  - leave intent (A-25 double FIN → exclusion), part (T-P3/T-P4), joining
//    with re-entry when never included (T-TO1), and the task sets ([JS]
//    taskLeave: an excluded member is kicked once the old subsession ended).
//
// Transport: the session acts on a GroupChannel (send/enter/leave/kick) and is
// fed that channel's events in channel order through onChannelEvent(). Sans-IO
// otherwise: time is the caller's monotonic `now`, randomness the Rng& given
// at construction. Notices go to one listener, synchronously, in order.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "mpenc/common/expected.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/session/group_channel.h"
#include "mpenc/session/membership.h"
#include "mpenc/session/message_security.h"
#include "mpenc/session/notices.h"
#include "mpenc/session/subsession.h"
#include "mpenc/transcript/message_log.h"

namespace mpenc::session {

/// Feature names advertised in the capability element (docs/xmpp-binding.md).
inline constexpr std::string_view kFeatureAbort = "abort";
inline constexpr std::string_view kFeatureChainAck = "chain-ack";

struct SessionConfig {
  MembershipConfig membership;
  Timing timing{};
  /// C-12 causal-buffer size per subsession; 0 = [JS] 4·max(16, 8·√n).
  std::size_t heldCapacity = 0;
  /// C-18 / W-2: the undecryptable buffer (capacity, per sender, and the W-2 grace).
  UndecryptableBuffer::Config undecryptable{};
  /// H-13 chain-hash acks ("chain-ack-1"); sent only when every member of the
  /// resulting session advertises kFeatureChainAck (v1 peers cannot decode them).
  bool chainAcks = true;
  /// W-9 "missing chain-hash acks": how long after an operation ends every
  /// member's chain ack must have arrived. Default: [JS] FA_INTV.
  Millis chainAckTimeout{26000};
  /// T-TO1: in the channel with others, never included: leave and re-enter
  /// after this long (O-21: derived from the operation timeout).
  Millis joinTimeout{60000};
  /// W-10 recovery (docs/w10-insider-dos.md, option D): the transcript of the
  /// subsession that misses the named messages is never passed off as
  /// consistent, but instead of stopping (the reference behaviour, false) we
  /// exclude the claimant — the initiator of the operation whose LATEST_PM
  /// named them — and go on without it; it is not included automatically
  /// again (only by hand). Needs MembershipConfig::autoExcludeLeavers.
  bool recoverFromBrokenTranscript = true;
};

/// [JS] reported session states (protocol-rules.md §3.7 "Internal states").
enum class SessionState : std::uint8_t {
  Parted,   ///< not in the channel
  Joining,  ///< in the channel, no subsession with others yet (or alone)
  Joined,   ///< in a subsession with at least one other member
  Parting,  ///< part() requested, or an operation excluded us: waiting to leave
};
std::string_view toString(SessionState s) noexcept;

// ---- session-level notices ---------------------------------------------------
namespace event {
struct SessionStateChanged {
  SessionState from{};
  SessionState to{};
};
/// A new subsession started (an operation succeeded and we are in it).
struct SubsessionStarted {
  transcript::SubsessionIdx index = 0;
  codec::Hash32 sessionId{};
  std::vector<std::string> members;  ///< sorted
  std::vector<std::string> included, excluded;
};
/// A subsession finished shutting down (or was dropped: T-LI, W-5).
struct SubsessionEnded {
  transcript::SubsessionIdx index = 0;
  SubsessionState finalState{};
  bool consistent = true;
};
/// W-9: a member's authenticated chain-hash ack differs from our chain.
struct ChainHashMismatch {
  std::string member;
  codec::Hash32 packetId{};           ///< the last accepted packet they name
  codec::Hash32 theirs{};             ///< their chain hash
  std::optional<codec::Hash32> ours;  ///< ours at that packet; nullopt = unknown packet
};
/// W-9: chain-hash acks missing after chainAckTimeout.
struct ChainAckMissing {
  codec::Hash32 packetId{};
  std::vector<std::string> missing;
};
/// H-13 / H-C5: every member acked our chain hash at `packetId`.
struct ChainConfirmed {
  codec::Hash32 packetId{};
  codec::Hash32 chainHash{};
};
/// W-10 (H-C6): the initial packet named messages of the previous subsession
/// that never reached our transcript. Either fatal (U-22: we leave the
/// session), or, with SessionConfig::recoverFromBrokenTranscript, the claimant
/// is being excluded and the session goes on without it (`continuing`).
struct TranscriptBroken {
  codec::Hash32 initial{};
  std::vector<MessageId> unknown;
  std::string claimant;     ///< the initiator of that operation (its signed pI named them)
  bool continuing = false;  ///< true: the claimant is excluded, we stay; false: stopped
};
/// W-11: a subsession ended or was dropped while some of its messages were
/// not fully acked: these were possibly not delivered to everyone.
struct InconsistentDropped {
  transcript::SubsessionIdx index = 0;
  std::vector<MessageId> unacked;  ///< Payload messages, ours included
  std::vector<MessageId> ownUnacked;
};
/// A signed ERROR packet from a member (e.g. the fork NACK of C-9).
struct PeerError {
  std::string sender;
  codec::Severity severity{};
  std::string text;
  bool authenticated = false;  ///< signature verified against a subsession key of `sender`
};
/// T-TO1: never included; we leave and re-enter the channel.
struct Reentering {
  Millis at{0};
};
}  // namespace event

using SessionNotice =
    std::variant<event::SessionStateChanged, event::SubsessionStarted, event::SubsessionEnded,
                 event::ChainHashMismatch, event::ChainAckMissing, event::ChainConfirmed,
                 event::TranscriptBroken, event::InconsistentDropped, event::PeerError, event::Reentering>;

/// One notice of any layer, tagged with its subsession when it has one.
struct SessionEvent {
  std::optional<transcript::SubsessionIdx> subsession;
  std::variant<Notice, MembershipNotice, SessionNotice> what;

  template <class T>
  const T* as() const {
    if (const auto* n = std::get_if<Notice>(&what)) {
      if constexpr (holds<T, Notice>::value) return std::get_if<T>(n);
    } else if (const auto* m = std::get_if<MembershipNotice>(&what)) {
      if constexpr (holds<T, MembershipNotice>::value) return std::get_if<T>(m);
    } else if (const auto* s = std::get_if<SessionNotice>(&what)) {
      if constexpr (holds<T, SessionNotice>::value) return std::get_if<T>(s);
    }
    return nullptr;
  }

 private:
  template <class T, class V>
  struct holds;
  template <class T, class... A>
  struct holds<T, std::variant<A...>> : std::bool_constant<(std::is_same_v<T, A> || ...)> {};
};
/// W-1..W-11 (the kinds an honest, loss-free run never shows).
bool isWarning(const SessionEvent& e);

enum class SessionErrc : std::uint8_t {
  NotInChannel,   ///< join() first
  NoSubsession,   ///< nobody to talk to yet (joining, or alone)
  Parting,        ///< part() was requested, or we are being excluded
  Stopped,        ///< W-5/W-10: this session can no longer be used
  Send,           ///< the subsession refused (see detail: AfterFin, Invalid, TooLarge)
  Propose,        ///< the membership layer refused (see propose)
  UnknownMember,  ///< include/exclude names nobody in the channel / session
};
std::string_view toString(SessionErrc e) noexcept;
struct SessionError {
  SessionErrc code{};
  std::string detail;
  std::optional<ProposeErrc> propose;
};

class Session {
 public:
  using Listener = std::function<void(const SessionEvent&)>;

  Session(SessionConfig cfg, GroupChannel& channel, crypto::Rng& rng);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  Session(Session&&) = delete;
  Session& operator=(Session&&) = delete;

  void setListener(Listener l) { listener_ = std::move(l); }

  // ---- transport in -----------------------------------------------------------
  /// One channel event, in channel order (H-M1).
  void onChannelEvent(const ChannelEvent& ev, Millis now);
  /// Fire every timer due at `now`; call no later than nextDeadline().
  void advance(Millis now);
  std::optional<Millis> nextDeadline() const;
  /// Features a member advertises (kFeatureAbort, kFeatureChainAck); learnt
  /// out of band (the capability element). Unknown members have none.
  void setPeerFeatures(const MemberId& member, std::set<std::string> features);

  // ---- user actions ---------------------------------------------------------
  /// Enter the channel (joining: wait to be included by the members present).
  void join(Millis now);
  /// Send a chat message to the current subsession; returns its message ID.
  Expected<MessageId, SessionError> send(std::string text, Millis now);
  /// Propose adding / removing members (the result comes as notices).
  Status<SessionError> include(const std::vector<std::string>& members, Millis now);
  Status<SessionError> exclude(const std::vector<std::string>& members, Millis now);
  /// REFRESH: new group key, same members.
  Status<SessionError> refresh(Millis now);
  /// Cancel the ongoing operation (extension greet-abort-1).
  Status<SessionError> abortOperation(Millis now);
  /// A manual explicit ack ("I have read up to here", §2.3).
  Status<SessionError> ackNow(Millis now);
  /// ask everyone to ack now (Consistency(close = false)).
  Status<SessionError> requestConsistency(Millis now);
  /// T-P3/A-25: double FIN, wait for it to finish (or time out), then leave
  /// the channel (T-P4). Without a subsession: leave at once.
  void part(Millis now);

  // ---- queries ----------------------------------------------------------------
  SessionState state() const noexcept { return state_; }
  const std::string& self() const noexcept { return mem_.self(); }
  /// Session membership (sorted; {self} when alone or outside a session).
  std::vector<std::string> members() const;
  const std::set<std::string>& channelMembers() const noexcept { return mem_.channel(); }
  bool inChannel() const noexcept { return mem_.inChannel(); }
  bool operationOngoing() const noexcept { return mem_.operationOngoing(); }
  std::optional<codec::Hash32> sessionId() const;
  std::optional<codec::Hash32> chainHash() const { return mem_.chainHash(); }
  const MembershipEngine& membership() const noexcept { return mem_; }
  const Subsession* current() const noexcept { return current_ ? current_->sub.get() : nullptr; }
  std::optional<transcript::SubsessionIdx> currentIndex() const;
  std::size_t previousCount() const noexcept { return previous_.size(); }
  const transcript::MessageLog& log() const noexcept { return log_; }
  /// W-11: false once a subsession was dropped while inconsistent, and while
  /// the current one has unacked Payload messages.
  bool isConsistent() const;
  /// W-5/W-10 stopped this session (U-22).
  bool stopped() const noexcept { return stopped_; }
  /// W-10 claimants we excluded (recoverFromBrokenTranscript): never included
  /// automatically again; a hand include() clears the mark.
  bool isClaimant(const std::string& member) const { return claimants_.count(member) != 0; }
  std::size_t undecryptableHeld() const noexcept { return pending_.size(); }
  /// A former member whose leave from the channel (not a decision: no leave
  /// intent, not excluded by our user) excluded it: re-included automatically
  /// when it enters again (reconnects, server restarts).
  bool isRejoining(const std::string& member) const { return rejoinable_.count(member) != 0; }

 private:
  struct Live {
    std::unique_ptr<Subsession> sub;
    transcript::SubsessionIdx index = 0;
    std::vector<MessageId> awaitedLatestPm;  // H-C6: named by the next pI, not yet delivered here
    codec::Hash32 awaitedFor{};
    std::string awaitedFrom;  // that pI's initiator (the W-10 claimant)
  };
  struct ChainCheck {
    codec::Hash32 packetId{};
    codec::Hash32 chainHash{};
    transcript::SubsessionIdx index = 0;
    std::set<std::string> waiting;
    Millis deadline{0};
    bool mismatch = false;
    bool reported = false;
  };

  /// Builds the event only when someone listens (the hot path sends without one).
  template <class N>
  void notify(std::optional<transcript::SubsessionIdx> idx, N&& n) {
    if (listener_) listener_(SessionEvent{idx, std::forward<N>(n)});
  }
  void applyMembership(Actions a, Millis now);
  void kickExcluded(const std::string& member);
  void kickAfterEnd(transcript::SubsessionIdx index);
  void applyOutput(Live& l, Output o, Millis now);
  void handleMembershipNotice(const MembershipNotice& n, Millis now);
  void onSucceeded(const notice::OperationSucceeded& s, Millis now);
  void onFailed(Millis now);
  void startSubsession(const notice::OperationSucceeded& s, Millis now);
  void retire(std::unique_ptr<Live> l, Millis now, bool finish);
  void endLive(Live& l);
  void brokenTranscript(const Live& l);
  void dropAll(Millis now);
  void onPacket(const std::string& sender, const std::string& wire, Millis now);
  void onData(const std::string& sender, const std::string& wire, codec::DataPacket packet, Millis now);
  void onErrorPacket(const std::string& sender, const codec::ErrorPacket& e);
  void onDelivered(Live& l, const Delivered& d, Millis now);
  void sendChainAck(Live& l, Millis now);
  void checkChainAck(const std::string& member, const codec::Hash32& pid, const codec::Hash32& ch);
  void reapPrevious(Millis now);
  void maybeFinishPart(Millis now);
  void updateState();
  void stop();
  void leaveChannel(bool reenter);
  void retryPending(Millis now);
  std::vector<Live*> lives();
  static std::vector<Subsession*> candidates(const std::vector<Live*>& ls);
  Live* liveByIndex(transcript::SubsessionIdx idx);
  Status<SessionError> proposeTarget(const std::vector<std::string>& target, Millis now);
  bool allHave(const std::vector<std::string>& members, std::string_view feature) const;

  SessionConfig cfg_;
  GroupChannel& channel_;
  crypto::Rng& rng_;
  MembershipEngine mem_;
  Listener listener_;
  transcript::MessageLog log_;
  std::unique_ptr<Live> current_;
  std::vector<std::unique_ptr<Live>> previous_;
  UndecryptableBuffer pending_;
  std::map<std::string, std::set<std::string>> features_;
  std::optional<ChainCheck> chainCheck_;
  std::set<std::string> rejoinable_;   // former members whose channel leave excluded them
  std::set<std::string> leaveIntent_;  // these left on purpose
  // H-18 kicks of excluded members still present, carried out once the old
  // subsession they were in has ended ([JS] taskLeave): their last FIN and
  // acks get out first (A-19..A-23), W-11 stays for what they really missed.
  std::map<std::string, transcript::SubsessionIdx> kickAfterFin_;
  std::set<std::string> claimants_;              // W-10 claimants excluded by the recovery: no auto-include
  std::vector<std::string> claimantsToExclude_;  // scheduled once the subsessions are reaped
  SessionState state_ = SessionState::Parted;
  Millis now_{0};
  bool parting_ = false;
  bool stopped_ = false;
  bool droppedInconsistent_ = false;
  bool leaveRequested_ = false;            // we asked the channel to let us leave
  bool reenterOnLeave_ = false;            // T-TO1 / v1 timeout fallback: come back after leaving
  std::optional<Millis> joinDeadline_;     // T-TO1
  std::optional<Millis> reenterAt_;        // T-TO1 / kicked while joining
  Millis rotationQuietUntil_{0};           // stragglers of the previous subsession are expected until then
  std::set<std::string> stragglers_;       // occupants outside the new subsession then (e.g. excluded, H-18)
  std::vector<Undecryptable> deferredW2_;  // their W-2, until rotationQuietUntil_
};

}  // namespace mpenc::session
