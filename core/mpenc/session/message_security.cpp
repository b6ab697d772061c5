#include "mpenc/session/message_security.h"

#include <algorithm>
#include <stdexcept>

namespace mpenc::session {

MessageSecurity::MessageSecurity(std::string self, std::vector<Member> members, proto::SubsessionKeys keys,
                                 crypto::Ed25519KeyPair ownEphemeral)
    : self_(std::move(self)), keys_(std::move(keys)), own_(std::move(ownEphemeral)) {
  bool selfFound = false;
  for (auto& m : members) {
    if (m.id == self_) {
      if (m.ephemeralPub != own_.publicKey())
        throw std::invalid_argument("MessageSecurity: own ephemeral key does not match the member list");
      selfFound = true;
    }
    ids_.push_back(std::move(m.id));
    pubs_.push_back(m.ephemeralPub);
  }
  if (!selfFound) throw std::invalid_argument("MessageSecurity: self is not a member");
  sidKeyHash_ = keys_.sidKeyHash();
}

proto::SealedData MessageSecurity::seal(const codec::Plaintext& plaintext, crypto::Rng& rng) const {
  return proto::sealData(keys_, own_, plaintext, rng);
}

Expected<MessageSecurity::Opened, proto::OpenError> MessageSecurity::open(const codec::DataPacket& packet,
                                                                          std::string_view senderHint,
                                                                          bool senderOnly) const {
  // Candidate order: the channel sender first (one verify in the common
  // case), then everyone else in member order (resends by others, A-15).
  const auto it = std::find(ids_.begin(), ids_.end(), senderHint);
  std::size_t first = it == ids_.end() ? ids_.size() : static_cast<std::size_t>(it - ids_.begin());
  if (first < ids_.size()) {
    auto r = proto::openData(keys_, std::span<const crypto::Ed25519Public>(&pubs_[first], 1), packet);
    if (r) return Opened{ids_[first], std::move(r->plaintext), r->id};
    if (r.error().code == proto::OpenErrc::BadPlaintext) return fail(r.error());
  }
  if (senderOnly) return fail(proto::OpenError{proto::OpenErrc::BadSignature, {}});
  for (std::size_t i = 0; i < pubs_.size(); ++i) {
    if (i == first) continue;
    auto r = proto::openData(keys_, std::span<const crypto::Ed25519Public>(&pubs_[i], 1), packet);
    if (r) return Opened{ids_[i], std::move(r->plaintext), r->id};
    if (r.error().code == proto::OpenErrc::BadPlaintext) return fail(r.error());
  }
  return fail(proto::OpenError{proto::OpenErrc::BadSignature, {}});
}

// ---- UndecryptableBuffer ----------------------------------------------------

std::size_t UndecryptableBuffer::heldFrom(const std::string& sender) const {
  return static_cast<std::size_t>(
      std::count_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.sender == sender; }));
}

void UndecryptableBuffer::evictOldestOf(const std::string& sender) {
  auto it =
      std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.sender == sender; });
  if (it != entries_.end()) entries_.erase(it);
}

bool UndecryptableBuffer::add(std::string sender, std::string wire, codec::DataPacket packet, Millis now) {
  if (cfg_.capacity == 0 || cfg_.perSender == 0) return false;
  for (const auto& e : entries_)
    if (e.wire == wire) return false;  // already kept
  if (heldFrom(sender) >= cfg_.perSender) {
    evictOldestOf(sender);
  } else if (entries_.size() >= cfg_.capacity) {
    // Largest holder first; ties go to the sender being inserted, then to
    // the holder of the oldest entry.
    std::map<std::string, std::size_t> counts;
    for (const auto& e : entries_) ++counts[e.sender];
    std::string victim;
    std::size_t most = 0;
    for (const auto& e : entries_) {
      const std::size_t c = counts[e.sender];
      if (c > most) {
        most = c;
        victim = e.sender;
      }
    }
    if (counts.count(sender) != 0 && counts[sender] == most) victim = sender;
    evictOldestOf(victim);
  }
  entries_.push_back(Entry{std::move(sender), std::move(wire), std::move(packet), now, false});
  return true;
}

std::vector<UndecryptableBuffer::Entry> UndecryptableBuffer::takeAll() {
  std::vector<Entry> out(std::make_move_iterator(entries_.begin()), std::make_move_iterator(entries_.end()));
  entries_.clear();
  return out;
}

std::vector<Undecryptable> UndecryptableBuffer::tick(Millis now) {
  std::vector<Undecryptable> out;
  for (auto& e : entries_) {
    if (e.warned || now - e.arrival < cfg_.grace) continue;
    e.warned = true;
    auto it =
        std::find_if(out.begin(), out.end(), [&](const Undecryptable& u) { return u.sender == e.sender; });
    if (it == out.end()) {
      out.push_back(Undecryptable{e.sender, 1, e.arrival});
    } else {
      ++it->count;
      it->since = std::min(it->since, e.arrival);
    }
  }
  return out;
}

void UndecryptableBuffer::dropFrom(const std::string& sender) {
  std::erase_if(entries_, [&](const Entry& e) { return e.sender == sender; });
}

std::optional<Millis> UndecryptableBuffer::nextDeadline() const {
  std::optional<Millis> d;
  for (const auto& e : entries_)
    if (!e.warned) d = d ? std::min(*d, e.arrival + cfg_.grace) : e.arrival + cfg_.grace;
  return d;
}

}  // namespace mpenc::session
