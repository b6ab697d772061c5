// Typed notices of one subsession: the consistency warnings W-1..W-8 of
// protocol-rules.md §2.10 with the data a UI needs, plus the non-warning
// events (deliveries, full-acks, state changes). W-9..W-11 belong to the
// hybrid session (membership layer) and are declared here so that one Notice
// type serves the whole session.
//
// Wording rule C-15: no notice blames the author or the transport; the text
// a UI renders must stay neutral ("has not arrived", "could not be read").
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "mpenc/codec/packets.h"
#include "mpenc/codec/plaintext.h"
#include "mpenc/session/timing.h"
#include "mpenc/transcript/message_log.h"
#include "mpenc/transcript/transcript.h"

namespace mpenc::session {

using codec::MessageId;

// ---- deliveries and state -------------------------------------------------

/// A message entered the transcript (C-3: in topological order). Hidden kinds
/// (U-4) are reported too, with `displayed = false`.
struct Delivered {
  MessageId id{};
  std::string author;
  codec::Body body;
  bool own = false;
  std::optional<transcript::LogUpdate> log;  ///< when a MessageLog is attached
};

/// A-5 / U-15: the message became fully acked. `afterWarning` = a W-3 for it
/// was shown and is now cancelled (downgraded).
struct FullyAcked {
  MessageId id{};
  bool afterWarning = false;
};

enum class SubsessionState : std::uint8_t {
  Active,      ///< normal operation
  Parting,     ///< A-19: our FIN is sent; no more Payload/FIN (acks allowed, O-4)
  Parted,      ///< A-23: FIN fully acked and settled: transcript consistent
  PartFailed,  ///< A-23: FIN timed out with Payload messages unacked
  Failed,      ///< C-9 / W-5: a fork was detected; we stopped participating
};
std::string_view toString(SubsessionState s) noexcept;

struct StateChanged {
  SubsessionState from{};
  SubsessionState to{};
};

/// Another member sent a FIN. `leaveIntent`: it was the second of two
/// FINs in a row: the hybrid session should schedule its exclusion.
struct PeerFin {
  std::string member;
  MessageId id{};
  bool leaveIntent = false;
};

// ---- warnings (§2.10) -------------------------------------------------------

/// W-1 (C-13): a held message references parents that have not arrived.
struct HeldMessageLate {
  MessageId held{};
  std::string author;
  std::vector<MessageId> missing;
  Millis waitingSince{0};
};
/// C-14: the missing message arrived; cancel the W-1 that named it.
struct HeldMessageResolved {
  MessageId arrived{};
};

/// W-2: packets from `sender` could not be read with any known key after the
/// grace period. Secondary UI (they may belong to keys not known yet).
struct Undecryptable {
  std::string sender;  ///< the channel sender (unauthenticated)
  std::size_t count = 0;
  Millis since{0};
};

/// W-3: not fully acked after the timeout. Persistent on the message;
/// cancelled by FullyAcked{afterWarning = true}.
struct NotFullyAcked {
  MessageId id{};
  std::string author;
  codec::BodyType kind{};
  std::vector<std::string> unackedBy;
  Millis acceptedAt{0};
};

/// W-4: an invalid message was dropped.
struct InvalidMessage {
  enum class Reason : std::uint8_t {
    Malformed,     ///< decode failure before authentication (source = channel sender)
    BadPlaintext,  ///< signature verified, plaintext malformed
    Rejected,      ///< transcript rule (see `rule`)
    Dependent,     ///< held message dropped: it depends on a rejected one
  };
  Reason reason{};
  std::string source;  ///< channel sender that delivered it
  std::string author;  ///< verified author, empty if not authenticated
  std::optional<MessageId> id;
  std::optional<transcript::TranscriptErrorCode> rule;
  std::string detail;
};

/// W-5 (C-9): `author` equivocated. Fatal: the subsession stopped; a signed
/// TERMINAL ERROR packet naming both branches was queued for sending.
struct ForkDetected {
  std::string author;
  MessageId first{};   ///< the earlier message the new one does not descend from
  MessageId second{};  ///< the new, conflicting message
};

/// W-6: our FIN was not fully acked in time; these messages are
/// permanently flagged "consistency not confirmed".
struct FinNotConfirmed {
  MessageId fin{};
  std::vector<MessageId> unconfirmed;
};

/// W-7: content delivered after our FIN, outside anc(FIN); permanent.
struct ContentAfterFin {
  MessageId id{};
  std::string author;
};

/// W-8 (§2.9): nothing heard from `member` for longer than the presence
/// expiry (heartbeats on), or for Timing::notResponding while it owes an ack
/// for a message (heartbeats on or off). Cancelled by MemberResponding, on
/// the next authenticated message from `member`.
struct MemberNotResponding {
  std::string member;
  Millis lastHeard{0};  ///< the caller's clock
  Millis silentFor{0};  ///< since lastHeard, when this was reported (U-19 "no response for N s")
};
struct MemberResponding {
  std::string member;
};

using Notice = std::variant<Delivered, FullyAcked, StateChanged, PeerFin, HeldMessageLate,
                            HeldMessageResolved, Undecryptable, NotFullyAcked, InvalidMessage, ForkDetected,
                            FinNotConfirmed, ContentAfterFin, MemberNotResponding, MemberResponding>;

/// True for the W-x warnings (the kinds an honest, loss-free run never shows).
inline bool isWarning(const Notice& n) {
  return std::holds_alternative<HeldMessageLate>(n) || std::holds_alternative<Undecryptable>(n) ||
         std::holds_alternative<NotFullyAcked>(n) || std::holds_alternative<InvalidMessage>(n) ||
         std::holds_alternative<ForkDetected>(n) || std::holds_alternative<FinNotConfirmed>(n) ||
         std::holds_alternative<ContentAfterFin>(n) || std::holds_alternative<MemberNotResponding>(n);
}

/// Everything one call produced, returned as a value (sans-IO): wire strings
/// to broadcast in order, and notices in the order they happened.
struct Output {
  std::vector<std::string> send;
  std::vector<Notice> notices;

  void append(Output&& o) {
    for (auto& s : o.send) send.push_back(std::move(s));
    for (auto& n : o.notices) notices.push_back(std::move(n));
  }
  template <class T>
  std::vector<const T*> all() const {
    std::vector<const T*> out;
    for (const auto& n : notices)
      if (const T* p = std::get_if<T>(&n)) out.push_back(p);
    return out;
  }
};

}  // namespace mpenc::session
