// Timing constants of the consistency machinery (protocol-rules.md §2.6).
//
// Defaults are the reference implementation's [JS] values for a synchronous
// XMPP deployment (rough 95th-percentile estimates, O-15). Everything is
// expressed in the caller's monotonic milliseconds; core/ never reads a clock.
#pragma once

#include <chrono>
#include <cstdint>

namespace mpenc::session {

using Millis = std::chrono::milliseconds;

struct Timing {
  /// BC_LAT: time for one packet to reach all recipients.
  Millis bcLat{5000};
  /// FA_INTV = 2·BC_LAT + M_INTV (M_INTV = 16 s).
  Millis faIntv{26000};
  /// auto explicit ack after FA_INTV − BC_LAT if we still have not acked.
  Millis autoAck{21000};
  /// A-21 (inference): prompt auto-ack for FIN / Consistency messages and for
  /// messages that arrive late (others already acked them: a resend recovered
  /// them). "Within a small fraction of BC_LAT"; [JS] does not special-case.
  Millis promptAck{1000};
  /// W-3: not-fully-acked warning, [JS] FA_INTV.
  Millis notFullyAcked{26000};
  /// our FIN's full-ack timeout, [JS] 16·BC_LAT.
  Millis finTimeout{80000};
  /// settle time after our FIN is fully acked, [JS] 1·BC_LAT.
  Millis finSettle{5000};
  /// C-13 / W-1: grace for a missing parent, [JS] BC_LAT.
  Millis heldGrace{5000};
  // W-2 (grace for a packet no known key opens) is not here: it is the
  // undecryptable buffer's, SessionConfig::undecryptable.grace.

  // ---- resends (A-13, A-14; O-16, our choices) ----------------------------
  /// First resend at acceptance + FA_INTV (+ authorPreference for non-authors)
  /// + jitter; then exponential backoff base·2^k up to cap, + jitter each time.
  Millis resendFirst{26000};
  Millis resendBase{5000};
  Millis resendCap{40000};
  /// Uniform random [0, jitter) added to every resend time (throttle).
  Millis resendJitter{2500};
  /// The author resends first; others wait this much longer (throttle).
  Millis authorPreference{5000};
  /// minimum gap between two resends of one of our explicit acks.
  Millis ackResendGap{5000};

  // ---- heartbeats / presence (§2.9, O-17) ---------------------------------
  /// Send a HeartBeat body after this much idleness. Off by default: [JS]
  /// peers cannot decode body type 0x02 (its class is a placeholder).
  bool heartbeats = false;
  /// [JS] 4·FA_INTV of idleness.
  Millis heartbeatIdle{104000};
  /// W-8 after heartbeatIdle·17/16 without hearing from a member ([JS] ×1.0625).
  /// Only active together with `heartbeats` (idle members are silent otherwise).
  Millis presenceExpiry{110500};
  /// W-8 without heartbeats (JS-compatible): a member that owes an ack for a
  /// monitored message and from whom nothing was heard for this long, counted
  /// from the later of that message's acceptance and the last message heard
  /// from it. FA_INTV + BC_LAT: an honest member's auto-ack (A-8, FA_INTV −
  /// BC_LAT after it accepted the message, at most BC_LAT after us) reaches
  /// us within BC_LAT more.
  Millis notResponding{31000};

  /// All values derived from BC_LAT and FA_INTV as [JS] does.
  static constexpr Timing fromBase(Millis bc, Millis fa) {
    Timing t;
    t.bcLat = bc;
    t.faIntv = fa;
    t.autoAck = fa - bc;
    t.promptAck = bc / 5;
    t.notFullyAcked = fa;
    t.finTimeout = 16 * bc;
    t.finSettle = bc;
    t.heldGrace = bc;
    t.resendFirst = fa;
    t.resendBase = bc;
    t.resendCap = 8 * bc;
    t.resendJitter = bc / 2;
    t.authorPreference = bc;
    t.ackResendGap = bc;
    t.heartbeatIdle = 4 * fa;
    t.presenceExpiry = t.heartbeatIdle * 17 / 16;
    t.notResponding = fa + bc;
    return t;
  }
};

}  // namespace mpenc::session
