// CausalBuffer: verified messages whose parents are not yet in the transcript
// (protocol-rules.md §1.5, rules C-11..C-16, warning W-1).
//
// - C-11: a message whose parents are all accepted goes straight into the
//   transcript; otherwise it is held. After every accept the buffer releases
//   every held message that became deliverable, in topological order (ties by
//   arrival), so upper layers see parents before children (C-3).
// - C-12: at most `capacity` held entries (default 4·max(16, 8·√n), [JS]).
//   Eviction policy "largest holder first": when full, the victim is the
//   oldest held entry of the author holding the most entries (ties: the author
//   being inserted). Held messages are verified, so each entry is charged to a
//   real member; a member flooding junk evicts only its own entries once it
//   holds more than anyone else. Guarantee: an author holding at most
//   capacity/k entries (k = authors with held entries ≤ n) is never evicted
//   to make room for another author's message. A plain "evict the oldest"
//   would let one insider flush every honest held message.
// - C-13/C-14: a grace period starts for each absent parent (neither accepted
//   nor held) when first referenced; tick(now) returns one W-1 warning per held
//   message with a parent overdue; `resolved` in a later Outcome cancels it
//   when the parent arrives. Wording is neutral (C-15). On timeout we warn and
//   keep ([JS] choice for O-10); the size bound does the dropping.
// - C-16: a second copy of a held message is ignored.
// - Messages depending on a message the transcript rejected can never be
//   delivered: they are dropped at once (reported in `dropped`).
//
// Time is the caller's monotonic clock in any unit (the default grace period
// assumes milliseconds: BC_LAT = 5000). Never shows content (U-12): payloads
// of held messages are returned only once delivered, rejected or evicted.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "mpenc/transcript/transcript.h"

namespace mpenc::transcript {

/// C-12 [JS]: 4·max(16, 8·√n) entries for n members.
inline std::size_t defaultBufferCapacity(std::size_t members) {
  const double s = 8.0 * std::sqrt(static_cast<double>(members));
  return 4 * std::max<std::size_t>(16, static_cast<std::size_t>(s));
}

/// W-1: a referenced message has not arrived within the grace period.
struct HeldWarning {
  MessageId held{};                ///< the message we hold (not shown, U-12)
  std::string author;              ///< its author
  std::vector<MessageId> missing;  ///< its parents that have not arrived
  std::uint64_t waitingSince = 0;  ///< earliest time one of them was first referenced
};

template <class Payload = std::monostate>
class CausalBuffer {
 public:
  struct Config {
    std::size_t capacity = 64;
    std::uint64_t gracePeriod = 5000;  ///< BC_LAT [JS]
  };
  struct Delivered {
    Message msg;
    Payload payload;
    AddResult result;
  };
  struct Rejected {
    Message msg;
    Payload payload;
    TranscriptError error;
  };
  enum class Disposition : std::uint8_t {
    Delivered,      ///< accepted now (first entry of `delivered`)
    Held,           ///< waiting for parents
    Duplicate,      ///< identical to an accepted message (C-17, A-16); see `duplicate`
    DuplicateHeld,  ///< a copy is already held (C-16)
    Rejected,       ///< first entry of `rejected`
  };
  struct Outcome {
    Disposition disposition = Disposition::Held;
    std::optional<AddResult> duplicate;  ///< for Disposition::Duplicate
    std::vector<Delivered> delivered;    ///< accept order
    std::vector<Rejected> rejected;
    std::vector<MessageId> evicted;   ///< C-12
    std::vector<MessageId> dropped;   ///< held messages depending on a rejected one
    std::vector<MessageId> resolved;  ///< C-14: parents whose W-1 warning is cancelled
  };

  explicit CausalBuffer(std::size_t members) : cfg_{defaultBufferCapacity(members), 5000} {}
  explicit CausalBuffer(Config cfg) : cfg_(cfg) {
    if (cfg_.capacity == 0) cfg_.capacity = 1;
  }

  /// Offer a verified message (rule C-18 step 3).
  Outcome receive(Transcript& t, Message msg, Payload payload, std::uint64_t now) {
    Outcome out;
    if (held_.count(msg.id) != 0) {
      out.disposition = Disposition::DuplicateHeld;
      return out;
    }
    if (auto e = t.checkStateless(msg)) {
      out.disposition = Disposition::Rejected;
      out.rejected.push_back({std::move(msg), std::move(payload), std::move(*e)});
      return out;
    }
    arrived(msg.id, out);
    if (!t.missingParents(msg).empty()) {
      hold(t, std::move(msg), std::move(payload), now, out);
      out.disposition = Disposition::Held;
      return out;
    }
    const MessageId id = msg.id;
    auto r = t.add(msg);
    if (!r) {
      out.disposition = Disposition::Rejected;
      out.rejected.push_back({std::move(msg), std::move(payload), r.error()});
      dropDependents(id, out);
      return out;
    }
    if (r->status == AddResult::Status::Duplicate) {
      out.disposition = Disposition::Duplicate;
      out.duplicate = std::move(*r);
      return out;
    }
    out.disposition = Disposition::Delivered;
    out.delivered.push_back({std::move(msg), std::move(payload), std::move(*r)});
    release(t, id, out);
    return out;
  }

  /// C-13: W-1 warnings for held messages whose absent parents' grace period
  /// has expired since the last tick. Each absent parent warns once.
  std::vector<HeldWarning> tick(std::uint64_t now) {
    std::map<std::uint64_t, HeldWarning> byArrival;  // deterministic order
    for (auto it = absent_.begin(); it != absent_.end();) {
      Absent& a = it->second;
      const auto live = liveWaiters(it->first);
      if (live.empty()) {
        it = absent_.erase(it);
        continue;
      }
      if (!a.warned && now >= a.since && now - a.since >= cfg_.gracePeriod) {
        a.warned = true;
        for (const MessageId& w : live) {
          const Entry& e = held_.at(w);
          if (byArrival.count(e.arrival) != 0) continue;
          HeldWarning hw{w, e.msg.author, {}, a.since};
          for (const auto& p : e.msg.parents) {
            auto ab = absent_.find(p);
            if (ab == absent_.end()) continue;
            hw.missing.push_back(p);
            hw.waitingSince = std::min(hw.waitingSince, ab->second.since);
          }
          byArrival.emplace(e.arrival, std::move(hw));
        }
      }
      ++it;
    }
    std::vector<HeldWarning> out;
    out.reserve(byArrival.size());
    for (auto& [k, w] : byArrival) out.push_back(std::move(w));
    return out;
  }

  /// Earliest time at which tick() may report a new W-1 (nullopt: none
  /// pending). Lets a sans-IO owner compute its next deadline.
  std::optional<std::uint64_t> nextDeadline() const {
    std::optional<std::uint64_t> d;
    for (const auto& [id, a] : absent_) {
      if (a.warned || liveWaiters(id).empty()) continue;
      const std::uint64_t x = a.since + cfg_.gracePeriod;
      d = d ? std::min(*d, x) : x;
    }
    return d;
  }

  bool holds(const MessageId& id) const { return held_.count(id) != 0; }
  std::size_t size() const noexcept { return held_.size(); }
  bool empty() const noexcept { return held_.empty(); }  ///< U-20(a)
  std::size_t capacity() const noexcept { return cfg_.capacity; }
  std::size_t heldBy(const std::string& author) const {
    auto it = authors_.find(author);
    return it == authors_.end() ? 0 : it->second.count;
  }
  /// Parents referenced by held messages that have not arrived (sorted).
  std::vector<MessageId> absentParents() const {
    std::vector<MessageId> out;
    for (const auto& [id, a] : absent_)
      if (!liveWaiters(id).empty()) out.push_back(id);
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  struct Entry {
    Message msg;
    Payload payload;
    std::uint64_t arrival = 0;
  };
  struct Absent {
    std::uint64_t since = 0;
    bool warned = false;
  };
  struct AuthorQueue {
    std::deque<std::pair<std::uint64_t, MessageId>> order;  // arrival order; lazily pruned
    std::size_t count = 0;
  };
  using IdHash = MessageIdHash;

  std::vector<MessageId> liveWaiters(const MessageId& parent) const {
    std::vector<MessageId> out;
    auto it = waiters_.find(parent);
    if (it == waiters_.end()) return out;
    for (const auto& w : it->second) {
      auto h = held_.find(w);
      if (h == held_.end()) continue;
      const auto& ps = h->second.msg.parents;
      if (std::find(ps.begin(), ps.end(), parent) != ps.end() &&
          std::find(out.begin(), out.end(), w) == out.end())
        out.push_back(w);
    }
    return out;
  }

  // A message with this ID has arrived (held or accepted): C-14.
  void arrived(const MessageId& id, Outcome& out) {
    auto it = absent_.find(id);
    if (it == absent_.end()) return;
    if (it->second.warned) out.resolved.push_back(id);
    absent_.erase(it);
  }

  void hold(const Transcript& t, Message msg, Payload payload, std::uint64_t now, Outcome& out) {
    while (held_.size() >= cfg_.capacity)
      if (!evictOne(msg.author, now, out)) break;
    const std::uint64_t arrival = nextArrival_++;
    for (const auto& p : msg.parents) {
      if (t.contains(p)) continue;
      waiters_[p].push_back(msg.id);
      if (held_.count(p) == 0) absent_.try_emplace(p, Absent{now, false});
    }
    auto& q = authors_[msg.author];
    q.order.emplace_back(arrival, msg.id);
    ++q.count;
    const MessageId id = msg.id;
    held_.emplace(id, Entry{std::move(msg), std::move(payload), arrival});
  }

  bool evictOne(const std::string& inserting, std::uint64_t now, Outcome& out) {
    auto victim = authors_.end();
    for (auto it = authors_.begin(); it != authors_.end(); ++it) {
      if (it->second.count == 0) continue;
      if (victim == authors_.end() || it->second.count > victim->second.count ||
          (it->second.count == victim->second.count && it->first == inserting))
        victim = it;
    }
    if (victim == authors_.end()) return false;
    auto& q = victim->second;
    while (!q.order.empty()) {
      auto [arrival, id] = q.order.front();
      q.order.pop_front();
      auto h = held_.find(id);
      if (h == held_.end() || h->second.arrival != arrival) continue;  // already gone
      removeHeld(h);
      out.evicted.push_back(id);
      // Its held children now wait for an absent parent again.
      if (!liveWaiters(id).empty()) absent_.try_emplace(id, Absent{now, false});
      return true;
    }
    return false;
  }

  // Forget a held entry and every registration it made, so that bookkeeping
  // stays bounded by the live entries (a flood cannot grow it).
  void removeHeld(typename std::unordered_map<MessageId, Entry, IdHash>::iterator h) {
    const MessageId id = h->first;
    for (const auto& p : h->second.msg.parents) {
      auto w = waiters_.find(p);
      if (w == waiters_.end()) continue;
      std::erase(w->second, id);
      if (w->second.empty()) {
        waiters_.erase(w);
        absent_.erase(p);
      }
    }
    auto a = authors_.find(h->second.msg.author);
    held_.erase(h);
    if (a == authors_.end()) return;
    if (a->second.count > 0 && --a->second.count == 0) {
      authors_.erase(a);
      return;
    }
    auto& q = a->second.order;
    while (!q.empty()) {
      auto f = held_.find(q.front().second);
      if (f != held_.end() && f->second.arrival == q.front().first) break;
      q.pop_front();
    }
  }

  // Take a held entry out of the buffer (delivery or drop).
  Entry take(const MessageId& id) {
    auto h = held_.find(id);
    Entry e = std::move(h->second);
    removeHeld(h);
    return e;
  }

  // C-11: deliver every held message that became deliverable, topologically.
  void release(Transcript& t, const MessageId& accepted, Outcome& out) {
    std::map<std::uint64_t, MessageId> ready;  // by arrival
    auto scan = [&](const MessageId& p) {
      auto w = waiters_.find(p);
      if (w == waiters_.end()) return;
      std::vector<MessageId> ws = std::move(w->second);
      waiters_.erase(w);
      for (const auto& c : ws) {
        auto h = held_.find(c);
        if (h != held_.end() && t.missingParents(h->second.msg).empty()) ready.emplace(h->second.arrival, c);
      }
    };
    scan(accepted);
    while (!ready.empty()) {
      const MessageId id = ready.begin()->second;
      ready.erase(ready.begin());
      if (held_.count(id) == 0) continue;
      Entry e = take(id);
      auto r = t.add(e.msg);
      if (!r) {
        out.rejected.push_back({std::move(e.msg), std::move(e.payload), r.error()});
        dropDependents(id, out);
        continue;
      }
      if (r->status == AddResult::Status::Duplicate) continue;  // cannot happen: held ⇒ not accepted
      out.delivered.push_back({std::move(e.msg), std::move(e.payload), std::move(*r)});
      scan(id);
    }
  }

  // Held messages that (transitively) depend on a rejected message.
  void dropDependents(const MessageId& rejected, Outcome& out) {
    std::vector<MessageId> stack{rejected};
    while (!stack.empty()) {
      const MessageId p = stack.back();
      stack.pop_back();
      absent_.erase(p);
      auto w = waiters_.find(p);
      if (w == waiters_.end()) continue;
      std::vector<MessageId> ws = std::move(w->second);
      waiters_.erase(w);
      for (const auto& c : ws) {
        if (held_.count(c) == 0) continue;
        take(c);
        out.dropped.push_back(c);
        stack.push_back(c);
      }
    }
  }

  Config cfg_;
  std::uint64_t nextArrival_ = 0;
  std::unordered_map<MessageId, Entry, IdHash> held_;
  std::unordered_map<MessageId, std::vector<MessageId>, IdHash> waiters_;  // parent → held children
  std::unordered_map<MessageId, Absent, IdHash> absent_;                   // C-13 grace bookkeeping
  std::map<std::string, AuthorQueue, std::less<>> authors_;
};

}  // namespace mpenc::transcript
