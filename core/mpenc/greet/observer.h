// Verification and progress tracking of one membership operation, shared by
// participants (Greeting) and by observers: a member who is not a participant,
// or a test replaying a capture through the resolver.
//
// Every packet is checked completely (layout for its GREET_TYPE, MESSAGE_SIGNATURE
// with the sender's known ephemeral key — else PUB_KEY[index of SOURCE in
// MEMBER] —, consistency of PUB_KEY/NONCE with what is known, sid, and
// SESSION_SIGNATURE against the static key) BEFORE anything is recorded:
// check() is const and apply() only commits a verdict check() produced.
//
// Completion (the final packet, decided on receipt, rule H-G4): REFRESH
// completes with its initial packet; every other operation completes with the
// packet that brings the last missing SESSION_SIGNATURE of a target member
// (the last upflow member's downflow counts as its confirmation; an EXCLUDE's
// initial packet carries the initiator's).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mpenc/codec/packets.h"
#include "mpenc/common/expected.h"
#include "mpenc/greet/errors.h"
#include "mpenc/greet/store.h"

namespace mpenc::greet {

/// What check() found out about a packet.
struct Verdict {
  enum class Kind { Upflow, Downflow, Confirmation } kind = Kind::Upflow;
  std::size_t source = 0;     ///< index of SOURCE in MEMBER
  bool initial = false;       ///< the operation's initial packet
  bool gkaDown = false;       ///< broadcast of all INT_KEYs (0x1e, 0x2f, 0xbf, 0xc7)
  bool fixesSession = false;  ///< first packet with ASKE data of the whole group: fixes sid
  Hash32 sid{};               ///< the session ID the packet's ASKE data gives
  bool newAuth = false;       ///< brings a SESSION_SIGNATURE we did not have
  bool duplicate = false;     ///< a SESSION_SIGNATURE we already had: ignore
  bool completes = false;     ///< this packet finishes the operation
};

class Tracker {
 public:
  /// `prev`: public state of the previous subsession (nullptr for START or
  /// for a newcomer). `pI`: the operation's initial packet (not yet applied:
  /// feed it through check()/apply() like any other packet).
  static Expected<Tracker, GreetError> create(const PublicGreetState* prev, StaticKeyLookup staticKeyOf,
                                              const codec::GreetingPacket& pI);

  /// Check one packet received through the channel from `sender`. `trusted`
  /// skips signature verification (only for bytes we sent ourselves).
  Expected<Verdict, GreetError> check(std::string_view sender, const codec::GreetingPacket& p,
                                      bool trusted = false) const;
  /// Commit a verdict check() returned for `p`.
  void apply(const Verdict& v, const codec::GreetingPacket& p);

  codec::GreetOperation operation() const noexcept { return op_; }
  const std::string& initiator() const noexcept { return initiator_; }
  const std::vector<std::string>& members() const noexcept { return members_; }
  std::optional<std::size_t> indexOf(std::string_view m) const;
  std::size_t oldMemberCount() const noexcept { return oldCount_; }
  bool initialSeen() const noexcept { return piSeen_; }
  bool sessionFixed() const noexcept { return fixed_; }
  bool completed() const noexcept { return complete_; }
  bool authenticated(std::size_t i) const noexcept { return i < auth_.size() && auth_[i]; }
  /// Members, sid, nonces and ephemeral keys of the resulting subsession
  /// (meaningful once completed()).
  PublicGreetState result() const;

 private:
  Tracker() = default;
  Status<GreetError> checkKeysAndNonces(const codec::GreetingPacket& p, std::size_t s) const;

  codec::GreetOperation op_ = codec::GreetOperation::Start;
  std::string initiator_;
  std::vector<std::string> members_;
  std::vector<std::uint32_t> slots_;  // hash table of positions in members_ + 1 (indexOf)
  bool hasPrev_ = false;
  // REFRESH only (its result is the previous state; members_ equals its members)
  Hash32 prevSid_{};
  std::vector<Nonce32> prevNonces_;
  std::vector<Ed25519Public> prevKeys_;
  std::vector<std::optional<Ed25519Public>> prevKeyAt_;  // by position in members_
  std::vector<std::optional<Nonce32>> prevNonceAt_;
  StaticKeyLookup staticKeyOf_;
  codec::Signature piSig_{};
  Bytes piContent_;
  std::size_t oldCount_ = 0;  // INCLUDE: members before the newcomers
  bool piSeen_ = false;
  bool fixed_ = false;
  std::vector<Nonce32> nonces_;
  std::vector<Ed25519Public> pubKeys_;
  Hash32 sid_{};
  std::vector<bool> auth_;
  std::size_t authCount_ = 0;
  bool complete_ = false;
};

/// Observer mode: verify an operation's packets without taking part in it and
/// tell which packet completes it.
class GreetObserver {
 public:
  struct Step {
    bool completed = false;  ///< this packet completed the operation (it is the final packet)
    bool ignored = false;    ///< a duplicate: nothing new
  };

  /// Start from the initial packet (it is checked and applied; a REFRESH
  /// completes here: see lastStep()).
  static Expected<GreetObserver, GreetError> start(const PublicGreetState* prev, StaticKeyLookup staticKeyOf,
                                                   std::string_view sender, const codec::GreetingPacket& pI);
  /// Every following greeting packet of the channel, in channel order. An
  /// error leaves the observer unchanged.
  Expected<Step, GreetError> observe(std::string_view sender, const codec::GreetingPacket& p);
  /// Would this packet complete the operation? (No state change.)
  bool wouldComplete(std::string_view sender, const codec::GreetingPacket& p) const;

  bool completed() const noexcept { return tracker_.completed(); }
  const Step& lastStep() const noexcept { return last_; }
  const Tracker& tracker() const noexcept { return tracker_; }
  PublicGreetState result() const { return tracker_.result(); }

 private:
  explicit GreetObserver(Tracker t) : tracker_(std::move(t)) {}
  Tracker tracker_;
  Step last_{};
};

/// Structural rules of each GREET_TYPE against the MEMBER list (record counts,
/// DEST, position of SOURCE, empty INT_KEYs only in a START's first packet).
/// `oldCount`: an INCLUDE's number of previous members (0 if unknown).
Status<GreetError> checkLayout(const codec::GreetingPacket& p, std::size_t source,
                               const std::vector<std::string>& members, std::size_t oldCount);

/// A packet that is at once initial and final (rule H-7): a REFRESH, or an
/// EXCLUDE that leaves only its initiator.
bool isOnePacketOperation(const codec::GreetingPacket& pI) noexcept;

}  // namespace mpenc::greet
