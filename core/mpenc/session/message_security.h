// Message security of one subsession (protocol-rules.md C-18 steps 3–5,
// protocol-wire.md §5): sealing our messages, verify-then-decrypt of others'
// against the subsession members' ephemeral keys, and the bounded buffer of
// packets that no known key opens yet.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mpenc/codec/packets.h"
#include "mpenc/common/expected.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/proto/data_message.h"
#include "mpenc/session/notices.h"
#include "mpenc/session/timing.h"

namespace mpenc::session {

/// Keys and identities of one subsession: seal with our ephemeral key, open
/// against the members' ephemeral public keys.
class MessageSecurity {
 public:
  struct Member {
    std::string id;
    crypto::Ed25519Public ephemeralPub{};
  };
  /// `members` includes us; our ephemeral public key must match `ownEphemeral`
  /// (std::invalid_argument otherwise, a caller bug).
  MessageSecurity(std::string self, std::vector<Member> members, proto::SubsessionKeys keys,
                  crypto::Ed25519KeyPair ownEphemeral);

  /// C-E3 parents are the caller's; this only encrypts and signs.
  proto::SealedData seal(const codec::Plaintext& plaintext, crypto::Rng& rng) const;

  struct Opened {
    std::string author;
    codec::Plaintext plaintext;
    MessageId id{};
  };
  /// Verify against every member key, `senderHint` (the channel sender) first
  /// — it is the author unless this is a resend by someone else — then
  /// decrypt. Nothing is decrypted before a signature verifies. With
  /// `senderOnly`, only the sender's key is tried (one verify).
  Expected<Opened, proto::OpenError> open(const codec::DataPacket& packet, std::string_view senderHint,
                                          bool senderOnly = false) const;

  /// SIDKEY_HINT of this subsession (protocol-wire.md §5.1).
  std::uint8_t hint() const noexcept { return sidKeyHash_[0]; }
  /// SHA-256(sid ‖ groupKey): identifies the subsession's keys exactly.
  const codec::Hash32& sidKeyHash() const noexcept { return sidKeyHash_; }
  const codec::Hash32& sid() const noexcept { return keys_.sid; }
  const std::string& self() const noexcept { return self_; }
  const std::vector<std::string>& memberIds() const noexcept { return ids_; }
  /// A member's ephemeral public key in this subsession, or nullopt.
  std::optional<crypto::Ed25519Public> memberKey(std::string_view id) const {
    for (std::size_t i = 0; i < ids_.size(); ++i)
      if (ids_[i] == id) return pubs_[i];
    return std::nullopt;
  }
  const crypto::Ed25519KeyPair& ownEphemeral() const noexcept { return own_; }

 private:
  std::string self_;
  std::vector<std::string> ids_;
  std::vector<crypto::Ed25519Public> pubs_;
  proto::SubsessionKeys keys_;
  codec::Hash32 sidKeyHash_{};
  crypto::Ed25519KeyPair own_;
};

/// C-18 step 5: packets no current key opens, kept for a later trial (they may
/// belong to keys not known yet) and reported as W-2 after a grace period.
///
/// Flood resistance: the channel sender is assigned by the server, so each
/// entry is charged to it. A sender holds at most `perSender` entries (its own
/// oldest is replaced first); when the whole buffer is full, the victim is the
/// oldest entry of the sender holding the most. A member sending junk thus
/// evicts only its own entries once it holds more than anyone else, and an
/// honest sender's ≤ capacity/k entries survive. [JS] keeps 4 in total.
class UndecryptableBuffer {
 public:
  struct Config {
    std::size_t capacity = 16;
    std::size_t perSender = 4;
    /// W-2: grace for a packet no known key opens ([JS] BC_LAT). The one
    /// setting for it (Timing has none, Timing::fromBase leaves it alone).
    Millis grace{5000};
  };
  struct Entry {
    std::string sender;
    std::string wire;
    codec::DataPacket packet;
    Millis arrival{0};
    bool warned = false;
  };

  UndecryptableBuffer() = default;
  explicit UndecryptableBuffer(Config cfg) : cfg_(cfg) {}

  /// Keep a packet. Identical wires are kept once. Returns false if dropped.
  bool add(std::string sender, std::string wire, codec::DataPacket packet, Millis now);
  /// Remove and return every entry (to retry them, e.g. after a new subsession
  /// was created); the caller re-adds what still fails.
  std::vector<Entry> takeAll();
  /// Return an entry taken by takeAll() (keeps its arrival and warned state).
  void putBack(Entry e) { entries_.push_back(std::move(e)); }
  /// W-2: one notice per sender for entries past the grace period, once each.
  std::vector<Undecryptable> tick(Millis now);
  std::optional<Millis> nextDeadline() const;

  std::size_t size() const noexcept { return entries_.size(); }
  std::size_t heldFrom(const std::string& sender) const;
  /// Forget every entry of `sender` (its packets are known to be for nobody here).
  void dropFrom(const std::string& sender);
  std::size_t capacity() const noexcept { return cfg_.capacity; }

 private:
  void evictOldestOf(const std::string& sender);
  Config cfg_{};
  std::deque<Entry> entries_;  // arrival order
};

}  // namespace mpenc::session
