// Test harness for Subsession: n members sharing one subsession's keys (no
// greeting: the keys are constructed directly) and an in-memory broadcast
// channel with simulated time and optional faults. Shared by the unit and
// scenario suites.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "mpenc/crypto/rng.h"
#include "mpenc/proto/data_message.h"
#include "mpenc/session/subsession.h"

namespace mpenc::session::testing {

inline proto::SubsessionKeys makeKeys(crypto::Rng& rng) {
  proto::SubsessionKeys k;
  k.sid = rng.bytes<32>();
  k.groupKey = crypto::SecretKey<32>::random(rng);
  return k;
}

inline proto::SubsessionKeys cloneKeys(const proto::SubsessionKeys& k) {
  proto::SubsessionKeys c;
  c.sid = k.sid;
  c.groupKey = k.groupKey.clone();
  return c;
}

/// n members ("m0", "m1", …) on a broadcast channel. Every packet sent gets a
/// channel sequence number and is delivered to every member, the sender
/// included (reflection), after `latency` (+ `extraDelay(from, to)`), unless
/// `drop(from, to, wire)` says otherwise.
class Group {
 public:
  struct Pending {
    Millis at;
    std::uint64_t seq;
    std::size_t to;
    std::string from;
    std::string wire;
  };

  explicit Group(std::size_t n, std::uint64_t seed = 1, Timing timing = Timing{}) : rng(seed) {
    keys = makeKeys(rng);
    std::vector<MessageSecurity::Member> members;
    for (std::size_t i = 0; i < n; ++i) {
      names.push_back("m" + std::to_string(i));
      ephemeral.push_back(crypto::Ed25519KeyPair::generate(rng));
      members.push_back({names.back(), ephemeral.back().publicKey()});
    }
    for (std::size_t i = 0; i < n; ++i) {
      SubsessionConfig cfg{names[i], members, timing, 0};
      subs.push_back(std::make_unique<Subsession>(cfg, cloneKeys(keys), ephemeral[i].clone(), rng, now));
      pending.emplace_back();
      notices.emplace_back();
    }
  }

  std::size_t size() const { return subs.size(); }
  Subsession& operator[](std::size_t i) { return *subs[i]; }

  /// Queue `wires` from member `from` (or any channel sender name).
  void broadcast(const std::string& from, const std::vector<std::string>& wires) {
    for (const auto& w : wires) {
      ++channelSeq;
      sent.push_back({from, w});
      for (std::size_t to = 0; to < size(); ++to) {
        if (drop && drop(from, to, w)) continue;
        const Millis d = latency + (extraDelay ? extraDelay(from, to) : Millis{0});
        queue.emplace(std::make_tuple(now + d, channelSeq, to), Pending{now + d, channelSeq, to, from, w});
        if (duplicate && duplicate(from, to, w)) {
          ++channelSeq;
          queue.emplace(std::make_tuple(now + d + latency, channelSeq, to),
                        Pending{now + d + latency, channelSeq, to, from, w});
        }
      }
    }
  }

  void take(std::size_t i, Output&& out) {
    for (auto& n : out.notices) notices[i].push_back(std::move(n));
    broadcast(names[i], out.send);
  }
  template <class R>
  void takeOk(std::size_t i, R&& r) {
    if (!r) throw std::runtime_error("send refused: " + r.error().detail);
    take(i, std::move(*r));
  }
  void say(std::size_t i, const std::string& text) { takeOk(i, subs[i]->sendPayload(text, now)); }

  /// Deliver one queued packet.
  void deliver(const Pending& p) {
    Subsession* c[] = {subs[p.to].get()};
    RouteResult r = receiveData(c, pending[p.to], p.from, p.wire, now);
    take(p.to, std::move(r.out));
  }

  /// Run every packet and timer until `until` (inclusive).
  void runUntil(Millis until) {
    for (;;) {
      std::optional<Millis> next;
      if (!queue.empty()) next = std::get<0>(queue.begin()->first);
      for (const auto& s : subs)
        if (auto d = s->nextDeadline()) next = next ? std::min(*next, *d) : *d;
      for (const auto& pb : pending)
        if (auto d = pb.nextDeadline()) next = next ? std::min(*next, *d) : *d;
      if (!next || *next > until) break;
      now = std::max(now, *next);
      while (!queue.empty() && std::get<0>(queue.begin()->first) <= now) {
        Pending p = queue.begin()->second;
        queue.erase(queue.begin());
        deliver(p);
      }
      for (std::size_t i = 0; i < size(); ++i) {
        auto d = subs[i]->nextDeadline();
        if (d && *d <= now) take(i, subs[i]->advance(now));
        Output w;
        for (auto& u : pending[i].tick(now)) w.notices.emplace_back(std::move(u));
        take(i, std::move(w));
      }
      if (++steps > 2000000) throw std::runtime_error("simulation does not converge");
    }
    now = std::max(now, until);
  }
  void runFor(Millis d) { runUntil(now + d); }

  template <class T>
  std::vector<T> noticesOf(std::size_t i) const {
    std::vector<T> out;
    for (const auto& n : notices[i])
      if (const T* p = std::get_if<T>(&n)) out.push_back(*p);
    return out;
  }
  std::size_t warnings(std::size_t i) const {
    return static_cast<std::size_t>(std::count_if(notices[i].begin(), notices[i].end(), isWarning));
  }
  std::size_t sentBy(const std::string& who, codec::BodyType type) const {
    std::size_t n = 0;
    for (const auto& d : noticesOfMember(who))
      if (d.own && d.body.type == type) ++n;
    return n;
  }
  std::vector<Delivered> noticesOfMember(const std::string& who) const {
    auto it = std::find(names.begin(), names.end(), who);
    return noticesOf<Delivered>(static_cast<std::size_t>(it - names.begin()));
  }
  std::size_t timesSent(const std::string& wire) const {
    return static_cast<std::size_t>(
        std::count_if(sent.begin(), sent.end(), [&](const auto& s) { return s.second == wire; }));
  }

  crypto::SeededRng rng;
  proto::SubsessionKeys keys;
  std::vector<std::string> names;
  std::vector<crypto::Ed25519KeyPair> ephemeral;
  std::vector<std::unique_ptr<Subsession>> subs;
  std::vector<UndecryptableBuffer> pending;
  std::vector<std::vector<Notice>> notices;
  std::map<std::tuple<Millis, std::uint64_t, std::size_t>, Pending> queue;
  std::vector<std::pair<std::string, std::string>> sent;  // (sender, wire), channel order
  Millis now{0};
  Millis latency{100};
  std::function<bool(const std::string&, std::size_t, const std::string&)> drop;
  std::function<bool(const std::string&, std::size_t, const std::string&)> duplicate;
  std::function<Millis(const std::string&, std::size_t)> extraDelay;
  std::uint64_t channelSeq = 0;
  std::uint64_t steps = 0;
};

}  // namespace mpenc::session::testing
