// A simulated channel for greeting tests: every packet goes through one FIFO
// channel and is delivered, in order, to every member in the channel
// (its sender included: the echo). Deterministic (SeededRng).
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catch.h"
#include "mpenc/codec/packets.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/greet/greeter.h"
#include "mpenc/proto/ids.h"

namespace greettest {

using namespace mpenc;
using namespace mpenc::greet;

inline std::string name(std::size_t i) {
  return "m" + std::to_string(100 + i) + "@x/1";
}

struct Sim {
  struct Member {
    std::string id;
    std::unique_ptr<Greeter> greeter;
    std::optional<GreetStore> store;
    std::optional<Greeting> op;
    std::optional<std::size_t> finalAt;  // channel index of the packet that completed its op
  };
  crypto::SeededRng rng;
  std::map<std::string, Ed25519Public> directory;
  std::map<std::string, Member> members;
  std::set<std::string> channel;  // who is in the channel
  std::deque<std::pair<std::string, std::string>> queue;
  std::size_t delivered = 0;
  std::vector<std::string> errors;  // "member: describe" of refused packets
  std::vector<GreetErrc> errorCodes;
  std::vector<std::pair<std::string, std::string>> log;  // every delivered packet

  explicit Sim(std::uint64_t seed) : rng(seed) {}

  StaticKeyLookup lookup() {
    return [this](std::string_view id) -> std::optional<Ed25519Public> {
      auto it = directory.find(std::string(id));
      if (it == directory.end()) return std::nullopt;
      return it->second;
    };
  }
  void add(const std::string& id) {
    auto identity = crypto::Ed25519KeyPair::generate(rng);
    directory[id] = identity.publicKey();
    members[id] = Member{id, std::make_unique<Greeter>(id, std::move(identity), lookup()), {}, {}, {}};
    channel.insert(id);
  }
  Metadata md() { return Metadata{rng.bytes<32>(), rng.bytes<32>(), {}}; }

  Expected<bool, GreetError> propose(const std::string& by, const std::vector<std::string>& target) {
    auto& m = members.at(by);
    auto p = m.greeter->propose(m.store ? &*m.store : nullptr, target, md(), rng);
    if (!p) return fail(p.error());
    queue.emplace_back(by, p->wire);
    m.op.emplace(std::move(p->greeting));
    return true;
  }

  /// Deliver one packet to every channel member.
  void deliver(const std::string& sender, const std::string& wire) {
    const std::size_t index = delivered++;
    log.emplace_back(sender, wire);
    for (const auto& id : channel) {
      auto& m = members.at(id);
      if (!m.op) {
        auto pk = codec::decodeWire(wire);
        REQUIRE(pk.has_value());
        const auto& gp = std::get<codec::GreetingPacket>(*pk);
        if (!gp.prevPf) continue;  // no operation for us
        auto g = m.greeter->join(m.store ? &*m.store : nullptr, sender, gp);
        REQUIRE(g.has_value());
        m.op.emplace(std::move(*g));
      }
      const bool final = m.op->isFinalCandidate(sender, wire);
      auto r = m.op->recv(sender, wire, rng);
      if (!r) {
        errors.push_back(id + ": " + r.error().describe());
        errorCodes.push_back(r.error().code);
        CHECK_FALSE(final);
        continue;
      }
      CHECK(final == r->completed);
      for (auto& o : r->send) {
        checkStructure(o);
        queue.emplace_back(id, o.wire);
      }
      if (r->completed) {
        m.store = m.op->takeResult();
        m.op.reset();
        m.finalAt = index;
      }
    }
  }
  /// Deliver queued packets until `pred(sender, wire)` holds for the next one (not delivered).
  template <class Pred>
  void runUntil(Pred pred) {
    while (!queue.empty() && !pred(queue.front().first, queue.front().second)) {
      auto [s, w] = queue.front();
      queue.pop_front();
      deliver(s, w);
    }
  }
  void run() {
    while (!queue.empty()) {
      auto [s, w] = queue.front();
      queue.pop_front();
      deliver(s, w);
    }
  }
  /// Kick members the last operation excluded (rule H-18) and clear their state.
  void kick(const std::vector<std::string>& ids) {
    for (const auto& id : ids) {
      channel.erase(id);
      members.at(id).op.reset();
    }
  }

  static void checkStructure(const Outgoing& o) {
    auto pk = codec::decodeWire(o.wire);
    REQUIRE(pk.has_value());
    REQUIRE(std::holds_alternative<codec::GreetingPacket>(*pk));
    const auto& p = std::get<codec::GreetingPacket>(*pk);
    CHECK(p == o.packet);                                  // decode ∘ encode = id
    CHECK(codec::encodeWire(codec::Packet{p}) == o.wire);  // canonical
    CHECK(o.dest == toString(p.dest));
  }

  /// All of `ids` completed at the same packet with the same members, sid and key.
  void checkAgreement(const std::vector<std::string>& ids) {
    REQUIRE(!ids.empty());
    const auto& first = members.at(ids[0]);
    REQUIRE(first.store.has_value());
    for (const auto& id : ids) {
      const auto& m = members.at(id);
      INFO(id);
      REQUIRE(m.store.has_value());
      CHECK_FALSE(m.op.has_value());
      CHECK(m.finalAt == first.finalAt);
      CHECK(m.store->pub == first.store->pub);
      CHECK(m.store->groupKey == first.store->groupKey);
      std::vector<std::string> sorted = m.store->members();
      std::sort(sorted.begin(), sorted.end());
      std::vector<std::string> want = ids;
      std::sort(want.begin(), want.end());
      CHECK(sorted == want);
      // sid recomputes from members and nonces
      std::vector<Bytes> ms, ns;
      for (std::size_t i = 0; i < m.store->members().size(); ++i) {
        ms.push_back(toBytes(m.store->members()[i]));
        ns.emplace_back(m.store->pub.nonces[i].begin(), m.store->pub.nonces[i].end());
      }
      CHECK(proto::sessionId(ms, ns) == m.store->sessionId());
    }
  }

  /// The member's stored contributions applied to any of `store`'s intermediate keys never give its key.
  static bool canDerive(const GreetStore& old, const GreetStore& current) {
    for (const auto& k : current.intKeys) {
      auto s = applyContributions(k, old.contributions);
      if (s && proto::deriveGroupKey(*s) == current.groupKey) return true;
    }
    return false;
  }
};

}  // namespace greettest
