// Ack monitors of one subsession (protocol-rules.md §2.4, §2.5: A-7..A-18).
//
// Pure bookkeeping over a Transcript: no crypto, no IO, no clock. The owner
// (Subsession) reports accepted messages and duplicates, calls advance(now)
// at nextDeadline(), and sends the explicit ack advance() asks for.
//
// - one monitor per accepted message except explicit acks; W-3 at
//   `notFullyAcked` with the unacked-by list; FullyAcked{afterWarning} cancels
//   it (U-15). Our own FIN gets no W-3: the FIN timeout (W-6) covers it.
// - for another member's message, an auto-ack is due at `autoAck`
//   after acceptance (`promptAck` for FIN/Consistency, ChainAck (H-13) and
//   late arrivals; the owner decides, see AcceptInfo) if we
//   are still in unackby(m) then. advance() returns one flag for all due
//   monitors: one explicit ack acks every pending message (acks are
//   transitive), and any message we send first removes us from unackby.
// - A-13..A-15 resends (O-16, our choices): each monitor resends m's cached
//   packet (single ciphertext: the exact wire received or sent) plus the run
//   of explicit acks directly before m, first at `resendFirst` (+
//   `authorPreference` if we are not the author) + jitter, then with backoff
//   resendBase·2^k capped at resendCap, + jitter. Throttle: a duplicate of m
//   from another member counts as the group's resend: it advances our backoff
//   step and pushes our next resend past it ("suppress if someone else resent
//   it recently"). Any member resends any message.
// - a duplicate from s of a message we acked with an explicit ack am
//   makes us resend am at once (at most once per `ackResendGap`, and not if s
//   has visibly acked am already).
// - Cache: each message's wire is kept until it is fully acked.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "mpenc/crypto/rng.h"
#include "mpenc/session/notices.h"
#include "mpenc/session/timing.h"
#include "mpenc/transcript/transcript.h"

namespace mpenc::session {

using transcript::MemberIdx;
using transcript::Pos;
using transcript::Transcript;

class ConsistencyMonitor {
 public:
  ConsistencyMonitor(const Timing& timing, MemberIdx self) : timing_(timing), self_(self) {}

  struct AcceptInfo {
    bool promptAck = false;  ///< ack within promptAck (FIN/Consistency, ChainAck, late arrival)
    bool ownFin = false;     ///< our FIN: no W-3 (the FIN timeout reports it)
  };
  /// m (at p) entered the transcript; `wire` is its exact packet.
  void onAccepted(const Transcript& t, Pos p, std::string wire, AcceptInfo info, Millis now,
                  crypto::Rng& rng);
  /// these messages just became fully acked: cancel their monitors, drop
  /// their cached packets, report FullyAcked (not for explicit acks).
  void onFullyAcked(const Transcript& t, const std::vector<MessageId>& ids, Output& out);
  /// an identical copy of m (at p) arrived from channel sender `sender`
  /// (nullopt: not a member). Our own reflections must not be passed here.
  void onDuplicate(const Transcript& t, Pos p, std::optional<MemberIdx> sender, Millis now, crypto::Rng& rng,
                   Output& out);
  /// Fire due timers: W-3 notices and resends into `out`. Returns true if an
  /// auto explicit ack is due (send exactly one, parents = max(G)).
  bool advance(const Transcript& t, Millis now, crypto::Rng& rng, Output& out);
  std::optional<Millis> nextDeadline() const;
  /// Stop every monitor (W-5: we no longer participate). The cache stays.
  void stopAll() { watches_.clear(); }

  bool monitors(Pos p) const { return watches_.count(p) != 0; }
  bool warned(Pos p) const;
  std::size_t monitored() const noexcept { return watches_.size(); }
  std::size_t cached() const noexcept { return cache_.size(); }
  std::optional<std::string> cachedWire(Pos p) const;
  /// Packets we resent, for tests and statistics.
  std::uint64_t resendsSent() const noexcept { return resendsSent_; }

 private:
  struct Watch {
    Millis acceptedAt{0};
    std::optional<Millis> warnAt;
    std::optional<Millis> autoAckAt;
    Millis resendAt{0};
    std::uint32_t step = 0;  ///< resends so far (ours or seen from others)
    bool warned = false;
  };
  struct Cached {
    std::string wire;
    std::optional<Millis> lastSent;
  };
  Millis jitter(crypto::Rng& rng) const;
  Millis backoff(std::uint32_t step) const;
  /// Wires of the run of explicit acks directly before p (ancestors first),
  /// then p itself; each at most once per `sentNow`.
  void resend(const Transcript& t, Pos p, Millis now, std::vector<Pos>& sentNow, Output& out);
  std::optional<Pos> earliestOwnDescendant(const Transcript& t, Pos p) const;

  Timing timing_;
  MemberIdx self_;
  std::map<Pos, Watch> watches_;
  std::unordered_map<Pos, Cached> cache_;
  std::uint64_t resendsSent_ = 0;
};

}  // namespace mpenc::session
