// One subsession of an mpENC session (the design's SessionBase; [JS]
// `impl/session.js` SessionBase): fixed members and keys (sid, groupKey),
// the transcript with its causal buffer, the ack monitors, FIN/part, and
// optional heartbeats. protocol-rules.md §1.4–1.5, §2.
//
// Sans-IO: time is the caller's monotonic `now`; randomness comes from the
// Rng& given at construction (which must outlive the subsession). Every call
// returns an Output value (packets to broadcast, typed notices); the owner
// calls advance(now) no later than nextDeadline().
//
// Receive path (C-18 step 3): receiveData() below decodes a wire packet,
// spots duplicates by message ID before any crypto (A-16, C-17), tries the
// candidate subsessions (SIDKEY_HINT match first, then the others), and
// queues what no key opens (step 5). The chosen subsession verifies against
// its members' ephemeral keys, decrypts, offers the message to the causal
// buffer (C-11) and applies the transcript rules (C-2..C-9).
//
// Sending: parents = max(G) (C-E3), except the second FIN of a leave.
// Our own message enters our transcript at once; its reflection from the
// channel is then an ignored duplicate.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "mpenc/common/expected.h"
#include "mpenc/session/consistency_monitor.h"
#include "mpenc/session/message_security.h"
#include "mpenc/session/notices.h"
#include "mpenc/session/timing.h"
#include "mpenc/transcript/causal_buffer.h"
#include "mpenc/transcript/message_log.h"
#include "mpenc/transcript/transcript.h"

namespace mpenc::session {

struct SubsessionConfig {
  std::string self;
  /// All members with their ephemeral public keys, us included (the result
  /// of the greeting that created this subsession).
  std::vector<MessageSecurity::Member> members;
  Timing timing{};
  /// C-12 causal-buffer size; 0 = [JS] 4·max(16, 8·√n).
  std::size_t heldCapacity = 0;
};

enum class SendErrc : std::uint8_t {
  Stopped,   ///< W-5: a fork was detected; we no longer participate (C-9a)
  AfterFin,  ///< A-19: no Payload/FIN/Consistency/ChainAck after our FIN
  Invalid,   ///< content is not valid UTF-8, or empty Payload ([JS] requires content)
  TooLarge,  ///< exceeds the v1 size limit
};
struct SendError {
  SendErrc code{};
  std::string detail;
};

class Subsession {
 public:
  Subsession(const SubsessionConfig& cfg, proto::SubsessionKeys keys, crypto::Ed25519KeyPair ownEphemeral,
             crypto::Rng& rng, Millis now);

  // ---- sending ------------------------------------------------------------
  Expected<Output, SendError> sendPayload(std::string text, Millis now);
  /// A manual (user-requested) or automatic explicit ack (§2.3). Allowed after
  /// our FIN (O-4).
  Expected<Output, SendError> sendExplicitAck(bool manual, Millis now);
  /// Consistency(close = false): ask everyone to ack now.
  Expected<Output, SendError> requestConsistency(Millis now);
  /// H-13 extension `chain-ack-1` (docs/protocol.md §9.2): our authenticated
  /// (last accepted packet ID, chain hash after it). Hidden (U-4) but
  /// monitored like Consistency(close = false): others ack it promptly, it is
  /// resent until fully acked and gets W-3 if it is not. Only while ACTIVE.
  /// The caller (session layer) sends it only when every member supports it.
  Expected<Output, SendError> sendChainAck(const codec::Hash32& packetId, const codec::Hash32& chainHash,
                                           Millis now);
  /// send the FIN; state → PARTING.
  Expected<Output, SendError> fin(Millis now);
  /// A-25 leave intent: two FINs in a row, the second with exactly the first
  /// as its only parent.
  Expected<Output, SendError> finLeave(Millis now);

  // ---- receiving (normally through receiveData) ---------------------------
  /// The message is accepted or held here.
  bool knows(const MessageId& id) const { return transcript_.contains(id) || buffer_.holds(id); }
  /// A-16 / C-16 / C-17: an identical copy of a known message arrived.
  Output onDuplicate(const MessageId& id, const std::string& sender, Millis now);
  /// Try to open `packet` with this subsession's keys; nullopt if no member
  /// key verifies it (not ours). Otherwise the packet is processed.
  /// `senderOnly`: try the channel sender's key alone (see route()).
  std::optional<Output> tryReceive(const codec::DataPacket& packet, const std::string& wire,
                                   const std::string& sender, Millis now, bool senderOnly = false);

  /// T-P2: `member` left the channel. It can ack nothing more here (back in
  /// the channel it starts afresh, T-LI), so our FIN stops waiting for its
  /// ack: once every member still present acked it, the FIN settles.
  /// Its unacked messages are not acked by this: they end unconfirmed (W-6).
  void memberLeft(const std::string& member, Millis now);

  // ---- timers ---------------------------------------------------------------
  Output advance(Millis now);
  std::optional<Millis> nextDeadline() const;

  // ---- state ----------------------------------------------------------------
  SubsessionState state() const noexcept { return state_; }
  const std::string& self() const noexcept { return security_.self(); }
  const transcript::Transcript& transcript() const noexcept { return transcript_; }
  const MessageSecurity& security() const noexcept { return security_; }
  const ConsistencyMonitor& monitor() const noexcept { return monitor_; }
  /// W-8 (§2.9): members currently reported not responding (heartbeat
  /// presence expiry, or an owed ack with nothing heard for Timing::notResponding).
  std::vector<std::string> notResponding() const;
  std::size_t held() const noexcept { return buffer_.size(); }
  std::optional<MessageId> ownFin() const;
  /// [JS] isConsistent(): no Payload message is not fully acked.
  bool isConsistent() const;
  /// Permanent flags (A-22 W-7, A-23 W-6).
  enum class Flag : std::uint8_t { ContentAfterFin, FinUnconfirmed };
  std::optional<Flag> flag(const MessageId& id) const;
  /// Record deliveries into a user-level log as subsession `idx` (C-19..C-22).
  /// The log must outlive this subsession (or be detached with nullptr).
  void attachLog(transcript::MessageLog* log, transcript::SubsessionIdx idx) {
    log_ = log;
    logIdx_ = idx;
  }

 private:
  struct Held {
    codec::Body body;
    std::string wire;
    std::string sender;
  };
  using Buffer = transcript::CausalBuffer<Held>;

  Expected<Output, SendError> send(codec::Body body, std::vector<MessageId> parents, Millis now);
  void process(Buffer::Outcome&& o, Millis now, Output& out);
  void accepted(const transcript::Message& msg, const codec::Body& body, std::string wire, bool own,
                const transcript::AddResult& r, Millis now, Output& out);
  void forkDetected(const std::string& author, const MessageId& first, const MessageId& second,
                    const std::string& secondWire, Output& out);
  void setState(SubsessionState s, Output& out);
  bool finAckedByPresent() const;
  void maybeSettle(Millis now);
  void endUnconfirmed(Output& out);
  void finTimers(Millis now, Output& out);
  void presence(Millis now, Output& out);
  /// W-8 bookkeeping for the accepted message at p (see owedSince_).
  void trackOwed(transcript::Pos p, transcript::MemberIdx author, bool own, Millis now);
  bool owesAck(transcript::MemberIdx member) const;
  transcript::Message toMessage(const MessageId& id, const std::string& author,
                                const codec::Plaintext& pt) const;

  MessageSecurity security_;
  Timing timing_;
  crypto::Rng& rng_;
  transcript::Transcript transcript_;
  Buffer buffer_;
  ConsistencyMonitor monitor_;
  SubsessionState state_ = SubsessionState::Active;
  transcript::MemberIdx selfIdx_ = 0;

  std::optional<transcript::Pos> finPos_;
  Millis finSentAt_{0};
  std::optional<Millis> settleAt_;
  std::map<MessageId, Flag> flags_;
  std::set<transcript::Pos> fins_;  // every FIN accepted (A-25 detection)

  Millis lastOwnNonAck_{0};
  std::vector<Millis> lastHeard_;  // by member index (W-8)
  std::vector<bool> silent_;
  // W-8 without heartbeats, by member index: since when the member owes an ack
  // (the later of the owed message's acceptance and the last time we heard
  // from it); nullopt = it owes nothing. Members whose FIN we accepted are
  // intentionally absent (§2.9) and never owe.
  std::vector<std::optional<Millis>> owedSince_;
  std::vector<bool> finned_;
  std::vector<bool> absent_;  // by member index: left the channel (memberLeft)

  transcript::MessageLog* log_ = nullptr;
  transcript::SubsessionIdx logIdx_ = 0;
};

// ---- C-18 steps 3–5 across subsessions ---------------------------------------

struct RouteResult {
  /// Index into `candidates` of the subsession that took the packet.
  std::optional<std::size_t> subsession;
  bool duplicate = false;  ///< known message (no crypto was done)
  bool queued = false;     ///< kept in `pending` for a later trial (step 5)
  Output out;
};

/// Decode `wire` (a data packet from channel sender `sender`) and hand it to
/// the right subsession. `candidates` in the caller's order (current first,
/// then previous ones); those whose SIDKEY_HINT matches are tried first.
/// Non-data packets and decode errors give a W-4 (Malformed).
RouteResult receiveData(std::span<Subsession* const> candidates, UndecryptableBuffer& pending,
                        const std::string& sender, std::string wire, Millis now);
/// The same for a packet the caller already decoded from `wire`.
RouteResult receiveData(std::span<Subsession* const> candidates, UndecryptableBuffer& pending,
                        const std::string& sender, std::string wire, codec::DataPacket packet, Millis now);

/// Retry every queued packet (e.g. after a new subsession was created); what
/// still fails stays queued with its original arrival time.
Output retryUndecryptable(std::span<Subsession* const> candidates, UndecryptableBuffer& pending, Millis now);

}  // namespace mpenc::session
