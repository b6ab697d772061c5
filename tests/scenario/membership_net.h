// Scenario harness: N MembershipEngines over one SimChannel, real crypto,
// deterministic (SeededRng per member). Applies every Actions value: sends go
// to the channel, kicks and leaves become channel leaves.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "catch.h"
#include "mpenc/codec/packets.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/session/membership.h"
#include "sim_channel.h"

namespace memtest {

using namespace mpenc;
using namespace mpenc::session;

inline std::string mid(std::size_t i) {
  return "u" + std::to_string(100 + i) + "@x.org/r";
}

template <class T>
std::size_t count(const std::vector<MembershipNotice>& ns) {
  return static_cast<std::size_t>(std::count_if(
      ns.begin(), ns.end(), [](const MembershipNotice& n) { return std::holds_alternative<T>(n); }));
}

struct Net {
  struct Node {
    std::unique_ptr<crypto::SeededRng> rng;
    std::unique_ptr<MembershipEngine> eng;
    std::vector<MembershipNotice> notices;
    bool mute = false;  // a stalled client: it processes events but none of its actions happen
  };
  crypto::SeededRng rng;
  std::map<std::string, crypto::Ed25519Public> directory;
  std::map<std::string, Node> nodes;
  testing::SimChannel ch;
  Millis now{0};
  std::size_t seedBase;
  /// Deliver greeting packets as Session does: decoded once here, then
  /// MembershipEngine::onGreeting (issue 12). Otherwise onChannelEvent decodes.
  bool decodeOnce = false;

  explicit Net(std::uint64_t seed)
      : rng(seed),
        ch([this](const std::string& to, const ChannelEvent& ev) { deliver(to, ev); }),
        seedBase(static_cast<std::size_t>(seed) * 1000) {}

  MembershipConfig config(const std::string& id) {
    auto identity = crypto::Ed25519KeyPair::generate(rng);
    directory[id] = identity.publicKey();
    MembershipConfig c{id, std::move(identity), {}};
    c.staticKeyOf = [this](std::string_view x) -> std::optional<crypto::Ed25519Public> {
      auto it = directory.find(std::string(x));
      if (it == directory.end()) return std::nullopt;
      return it->second;
    };
    return c;
  }
  MembershipEngine& add(const std::string& id) { return add(config(id)); }
  MembershipEngine& add(MembershipConfig c) {
    const std::string id = c.self;
    Node n;
    n.rng = std::make_unique<crypto::SeededRng>(seedBase + nodes.size() + 1);
    n.eng = std::make_unique<MembershipEngine>(std::move(c), *n.rng);
    auto& ref = *n.eng;
    nodes[id] = std::move(n);
    return ref;
  }
  MembershipEngine& eng(const std::string& id) { return *nodes.at(id).eng; }
  std::vector<MembershipNotice>& notices(const std::string& id) { return nodes.at(id).notices; }

  void apply(const std::string& who, Actions a) {
    if (nodes.at(who).mute) return;
    for (auto& w : a.send) ch.send(who, std::move(w));
    for (auto& k : a.kick) ch.kick(k);
    if (a.leaveChannel) ch.leave(who);
    auto& ns = nodes.at(who).notices;
    for (auto& n : a.notices) ns.push_back(std::move(n));
  }
  void deliver(const std::string& to, const ChannelEvent& ev) {
    auto it = nodes.find(to);
    if (it == nodes.end()) return;  // a raw channel occupant (attacker) without an engine
    if (decodeOnce && ev.kind == ChannelEvent::Kind::Packet) {
      auto p = codec::decodeWire(ev.wire);
      if (const auto* g = p ? std::get_if<codec::GreetingPacket>(&*p) : nullptr) {
        apply(to, it->second.eng->onGreeting(ev.sender, ev.wire, *g));
        return;
      }
    }
    apply(to, it->second.eng->onChannelEvent(ev));
  }
  void propose(const std::string& by, const std::vector<std::string>& target) {
    auto r = eng(by).propose(target);
    INFO(by << ": " << (r ? "" : r.error().detail));
    REQUIRE(r.has_value());
    apply(by, std::move(*r));
  }
  void run() { ch.run(); }
  /// Advance the clock by `dt` in `steps` ticks, firing timers and draining the channel.
  void advance(Millis dt, int steps = 10) {
    for (int i = 0; i < steps; ++i) {
      now += dt / steps;
      for (auto& [id, n] : nodes) apply(id, n.eng->onTimer(now));
      ch.run();
    }
  }
  /// Members 0..n-1 enter one by one; member 0 STARTs with everyone.
  std::vector<std::string> startGroup(std::size_t n) {
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < n; ++i) {
      ids.push_back(mid(i));
      if (!nodes.count(ids.back())) add(ids.back());
      ch.enter(ids.back());
    }
    run();
    propose(ids[0], ids);
    run();
    return ids;
  }

  /// Every engine in `ids` agrees on members, sid, group key and chain hash.
  void checkAgreement(const std::vector<std::string>& ids) {
    REQUIRE(!ids.empty());
    auto& a = eng(ids[0]);
    REQUIRE(a.session() != nullptr);
    auto want = ids;
    std::sort(want.begin(), want.end());
    auto got = a.members();
    std::sort(got.begin(), got.end());
    CHECK(got == want);
    for (const auto& id : ids) {
      INFO(id);
      auto& b = eng(id);
      REQUIRE(b.session() != nullptr);
      CHECK_FALSE(b.operationOngoing());
      CHECK(b.members() == a.members());
      CHECK(b.session()->sessionId() == a.session()->sessionId());
      CHECK(b.session()->groupKey == a.session()->groupKey);
      CHECK(b.chainHash() == a.chainHash());
    }
  }
  void clearNotices() {
    for (auto& [id, n] : nodes) n.notices.clear();
  }
};

}  // namespace memtest
