// The seeded world of the session property tests (session_property_test.cpp,
// session_fault_property_test.cpp): a group on the simulated channel of
// session_net.h, a random sequence of user actions, one kind of fault, and the
// checks of the outcome. Seeds: see session_property_test.cpp.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "catch.h"
#include "mpenc/codec/wire.h"
#include "mpenc/proto/data_message.h"
#include "session_net.h"

namespace sesstest {

using Rules = std::set<std::string>;

struct SeedRange {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
};

/// The default range, the soak range (MPENC_SOAK_SEEDS = k: k seeds from
/// 1000000 + the default first, none of them a default seed), or exactly one
/// seed to reproduce a failure (MPENC_SEED = s).
inline SeedRange seeds(std::uint64_t defaultFirst, std::uint64_t defaultCount) {
  if (const char* one = std::getenv("MPENC_SEED"); one != nullptr && *one != '\0')
    return {std::strtoull(one, nullptr, 10), 1};
  const char* n = std::getenv("MPENC_SOAK_SEEDS");
  if (n == nullptr || *n == '\0') return {defaultFirst, defaultCount};
  return {1000000 + defaultFirst, std::strtoull(n, nullptr, 10)};
}

enum class Fault { None, Drop, Duplicate, Reorder, Delay, Crash, LeaveRejoin, Partition, Insider };

inline const char* name(Fault f) {
  switch (f) {
    case Fault::None:
      return "none";
    case Fault::Drop:
      return "drop";
    case Fault::Duplicate:
      return "duplicate";
    case Fault::Reorder:
      return "reorder";
    case Fault::Delay:
      return "delay";
    case Fault::Crash:
      return "crash";
    case Fault::LeaveRejoin:
      return "leave-rejoin";
    case Fault::Partition:
      return "partition";
    case Fault::Insider:
      return "insider";
  }
  return "?";
}

/// The warnings each fault may cause. Never: W-5 (no member forks), W-9
/// mismatches (the channel order is the same for everyone: nothing may
/// diverge). W-8 only where a member's answers can be missing for longer than
/// Timing::notResponding (heartbeats are off: an owed ack, §2.9).
inline Rules allowedFor(Fault f) {
  switch (f) {
    case Fault::None:
    case Fault::Duplicate:  // C-17, A-16: duplicates are no-ops
      return {};
    case Fault::Reorder:  // data overtaken by later packets, no time passing: content may cross our
                          // rotation FIN (W-7, A-22), an ack may come after its sender was kicked (W-6, W-11)
      return {"W-6", "W-7", "W-11"};
    case Fault::Drop:  // a missing parent, missing acks (also chain acks), an unconfirmed FIN, content
                       // after our FIN, a subsession ended unacked; W-10 when nobody who could resend a
                       // message named by the next pI (H-C6) is left
      return {"W-1", "W-3", "W-6", "W-7", "W-8", "W-9-missing", "W-10", "W-11"};
    case Fault::Delay:      // data late by up to several seconds
    case Fault::Partition:  // everything late for one member; operations time out
      return {"W-1", "W-2", "W-3", "W-6", "W-7", "W-8", "W-9-missing", "W-11"};
    case Fault::Crash:  // the crashed member's acks never come; operations stall until it is dropped
    case Fault::LeaveRejoin:
      return {"W-1", "W-3", "W-6", "W-7", "W-8", "W-9-missing", "W-11"};
    case Fault::Insider:  // garbage (W-4), replays of old subsessions / foreign keys (W-2)
      return {"W-2", "W-4"};
  }
  return {};
}

inline bool isData(const session::ChannelEvent& ev) {
  if (ev.kind != session::ChannelEvent::Kind::Packet) return false;
  auto p = codec::decodeWire(ev.wire);
  return p && std::holds_alternative<codec::DataPacket>(*p);
}

/// One seeded run: a group, a random sequence of user actions, a fault.
class World {
 public:
  World(std::uint64_t seed, Fault fault, bool races = true)
      : net(seed), dice(seed * 7919 + 17), fault_(fault), races_(races) {}

  Net net;
  crypto::SeededRng dice;

  std::uint32_t roll(std::uint32_t n) { return dice.uniform(n); }
  bool chance(std::uint32_t percent) { return roll(100) < percent; }

  void run() {
    const std::size_t n = 2 + roll(5);
    for (std::size_t i = 0; i < n; ++i) ids_.push_back(sid(i));
    net.startGroup(n);
    next_ = n;
    note("group of " + std::to_string(n));
    armFaults();
    net.onTick = [this] { releaseDue(); };
    const std::size_t steps = 6 + roll(9);
    for (std::size_t k = 0; k < steps; ++k) {
      act(k);
      injectStep();
      if (!races_ || chance(50)) {
        note("run");
        net.run();
      }
      releaseDue();
      if (chance(40)) net.advance(Millis{roll(3000)});
      releaseDue();
    }
    stopFaults();
    // Settle: kicked joiners re-enter after 50–75 % of the join estimate.
    for (int i = 0; i < 3; ++i) {
      net.settle();
      net.advance(Millis{20000});
    }
    net.settle();
  }

  /// Members that should form the final session: present, alive, not stopped.
  std::vector<std::string> remaining() const {
    std::vector<std::string> out;
    for (const auto& [id, n] : net.nodes)
      if (!n->crashed && net.present(id) && !n->session->stopped()) out.push_back(id);
    return out;
  }
  const std::map<std::string, std::set<codec::Hash32>>& departed() const { return departed_; }
  /// What happened, for failure messages.
  const std::string& trace() const { return trace_; }

 private:
  std::vector<std::string> joinedIds() {
    std::vector<std::string> out;
    for (const auto& id : ids_) {
      const Node& n = net.node(id);
      if (!n.crashed && n.session->state() == SessionState::Joined) out.push_back(id);
    }
    return out;
  }
  static bool sawLeaveIntent(const Node& n) {
    const auto cur = n.session->currentIndex();
    for (const auto& e : n.events)
      if (const auto* f = e.as<PeerFin>(); f && f->leaveIntent && e.subsession == cur) return true;
    return false;
  }
  template <class V>
  const std::string& pick(const V& v) {
    return v[roll(static_cast<std::uint32_t>(v.size()))];
  }
  void markDeparted(const std::string& id) {
    if (auto s = net.s(id).sessionId()) departed_[id].insert(*s);
  }
  /// Its part or exclusion is still on its way (racing actions run nothing in between).
  bool leaving(const std::string& id) {
    const auto s = net.s(id).sessionId();
    const auto it = departed_.find(id);
    return s && it != departed_.end() && it->second.count(*s) != 0;
  }
  std::size_t staying(const std::vector<std::string>& ids) {
    return static_cast<std::size_t>(
        std::count_if(ids.begin(), ids.end(), [&](const std::string& id) { return !leaving(id); }));
  }

  void act(std::size_t k) {
    const auto joined = joinedIds();
    const std::uint32_t r = roll(100);
    if (r < 40) {  // messages
      if (joined.empty()) return;
      const auto& who = pick(joined);
      // Without races, nobody writes to a member that announced its leave
      // that content is outside its transcript by definition.
      if (!races_ && sawLeaveIntent(net.node(who))) return;
      const std::size_t m = 1 + roll(3);
      for (std::size_t i = 0; i < m; ++i) {
        note(who + " sends");
        auto sent =
            net.s(who).send("m" + std::to_string(k) + "." + std::to_string(i) + " by " + who, net.now);
        if (!sent) {
          // Refused sends are fine (parting, excluded, between subsessions); never a crash.
          CHECK(sent.error().code != SessionErrc::Send);
        }
        if (!races_ || chance(50)) net.run();
      }
    } else if (r < 52) {  // a new member enters (auto-include, or T-EO kick and re-entry)
      if (ids_.size() >= 7) return;
      const auto id = sid(next_++);
      ids_.push_back(id);
      note(id + " enters");
      net.add(id);
      net.s(id).join(net.now);
    } else if (r < 62) {  // an exclusion
      if (joined.empty()) return;
      const auto& who = pick(joined);
      auto ms = net.s(who).members();
      if (ms.size() < 3 || staying(ms) < 3) return;  // never below two members, also when racing
      std::erase(ms, who);
      const auto victim = pick(ms);
      note(who + " excludes " + victim);
      if (net.s(who).exclude({victim}, net.now)) markDeparted(victim);
    } else if (r < 70) {  // a part (A-25, T-P3)
      if (joined.size() < 3 || staying(joined) < 3) return;
      const auto& who = pick(joined);
      markDeparted(who);
      note(who + " parts");
      net.s(who).part(net.now);
    } else if (r < 76) {  // a refresh
      if (joined.empty()) return;
      const auto& who = pick(joined);
      note(who + " refreshes");
      (void)net.s(who).refresh(net.now);
    } else if (r < 84) {  // someone who left enters again (the same Session)
      std::vector<std::string> out;
      for (const auto& id : ids_) {
        const Node& n = net.node(id);
        if (!n.crashed && !n.session->inChannel() && !n.session->stopped()) out.push_back(id);
      }
      if (!out.empty()) {
        const auto& who = pick(out);
        note(who + " joins again");
        net.s(who).join(net.now);
      }
    } else {  // time passes
      net.advance(Millis{roll(6000)});
    }
  }

  void armFaults() {
    switch (fault_) {
      case Fault::Drop:
        net.drop = [this](const std::string&, const session::ChannelEvent& ev) {
          return faultsOn_ && isData(ev) && chance(10);
        };
        break;
      case Fault::Duplicate:
        net.duplicate = [this](const std::string&, const session::ChannelEvent&) {
          return faultsOn_ && chance(30);
        };
        break;
      case Fault::Reorder:
      case Fault::Delay:
        // A data packet to one member is kept back and delivered after later
        // ones (the total order of greeting packets and channel changes stays):
        // Reorder releases it before any time passes, Delay after a while.
        net.hold = [this](const std::string& to, const session::ChannelEvent& ev) {
          if (!faultsOn_ || !isData(ev)) return false;
          if (holdUntil_.count(to)) return true;  // keep the member's data in order behind it
          if (!chance(10)) return false;
          holdUntil_[to] = net.now + (fault_ == Fault::Delay ? Millis{roll(4000)} : Millis{0});
          return true;
        };
        break;
      default:
        break;
    }
  }

  void injectStep() {
    if (!faultsOn_) return;
    const auto joined = joinedIds();
    switch (fault_) {
      case Fault::Crash:
        if (!crashed_ && joined.size() >= 3 && chance(25)) {
          crashed_ = pick(joined);
          markDeparted(*crashed_);
          net.crash(*crashed_);
          dropAt_ = net.now + Millis{1000 + roll(5000)};
        }
        break;
      case Fault::LeaveRejoin:
        if (chance(20) && !joined.empty()) {
          const auto who = pick(joined);
          markDeparted(who);
          net.serverDrops(who);
          rejoin_[who] = net.now + Millis{roll(4000)};
        }
        break;
      case Fault::Partition:
        if (net.partitioned.empty() && !joined.empty() && chance(25)) {
          const auto who = pick(joined);
          markDeparted(who);  // it may be excluded meanwhile (an operation times out)
          net.partitioned.insert(who);
          healAt_ = net.now + Millis{1000 + roll(9000)};
        }
        break;
      case Fault::Insider:
        if (chance(50) && !joined.empty()) insider(pick(joined));
        break;
      default:
        break;
    }
  }

  void insider(const std::string& bad) {
    switch (roll(3)) {
      case 0: {  // a replay of anything seen so far (C-17)
        const auto& log = net.ch.packetLog();
        if (!log.empty()) net.ch.send(bad, log[roll(static_cast<std::uint32_t>(log.size()))].second);
        break;
      }
      case 1:  // garbage (W-4)
        net.ch.send(bad, "?mpENC:" + std::string(1 + roll(40), 'A') + ".");
        break;
      default: {  // signed with a key that is no member's (never opens: W-2)
        const auto* store = net.s(bad).membership().session();
        if (store == nullptr) break;
        proto::SubsessionKeys keys{store->sessionId(), store->groupKey.clone()};
        auto foreign = crypto::Ed25519KeyPair::generate(dice);
        net.ch.send(bad, proto::sealData(keys, foreign, {{}, codec::Body::payload("forged")}, dice).wire);
        break;
      }
    }
  }

  void releaseDue() {
    for (auto it = holdUntil_.begin(); it != holdUntil_.end();) {
      if (net.now >= it->second || !faultsOn_) {
        const auto id = it->first;
        it = holdUntil_.erase(it);
        net.release(id);
      } else {
        ++it;
      }
    }
    if (crashed_ && dropAt_ && net.now >= *dropAt_) {
      net.serverDrops(*crashed_);
      dropAt_.reset();
    }
    for (auto it = rejoin_.begin(); it != rejoin_.end();) {
      if (net.now >= it->second || !faultsOn_) {
        if (!net.s(it->first).inChannel()) net.s(it->first).join(net.now);
        it = rejoin_.erase(it);
      } else {
        ++it;
      }
    }
    if (healAt_ && (net.now >= *healAt_ || !faultsOn_)) {
      net.heal();
      healAt_.reset();
    }
  }

  void stopFaults() {
    faultsOn_ = false;
    releaseDue();
    net.drop = nullptr;
    net.duplicate = nullptr;
    net.hold = nullptr;
    net.run();
    if (crashed_ && net.present(*crashed_)) net.serverDrops(*crashed_);
  }

  void note(const std::string& what) { trace_ += "t=" + std::to_string(net.now.count()) + " " + what + "\n"; }

  Fault fault_;
  bool races_ = true;  // user actions while earlier packets are still in flight
  std::string trace_;
  bool faultsOn_ = true;
  std::vector<std::string> ids_;
  std::size_t next_ = 0;
  std::map<std::string, std::set<codec::Hash32>> departed_;  // sids each member left (or may have)
  std::map<std::string, Millis> holdUntil_;
  std::optional<std::string> crashed_;
  std::optional<Millis> dropAt_;
  std::map<std::string, Millis> rejoin_;
  std::optional<Millis> healAt_;
};

/// Payloads a member delivered, by the session ID of their subsession.
inline std::map<codec::Hash32, std::set<std::string>> payloadsBySid(const Node& n) {
  std::map<transcript::SubsessionIdx, codec::Hash32> sidOf;
  for (const auto& e : n.events)
    if (const auto* s = e.as<event::SubsessionStarted>()) sidOf[s->index] = s->sessionId;
  std::map<codec::Hash32, std::set<std::string>> out;
  for (const auto& e : n.events) {
    const auto* d = e.as<Delivered>();
    if (d == nullptr || d->body.type != codec::BodyType::Payload || !e.subsession) continue;
    auto it = sidOf.find(*e.subsession);
    REQUIRE(it != sidOf.end());
    out[it->second].insert(d->author + ": " + d->body.content);
  }
  return out;
}

/// The remaining members agree and can exchange fully acked messages.
inline void checkRecovered(World& w, const std::vector<std::string>& rest, const std::string& tag) {
  Net& net = w.net;
  if (rest.size() < 2) return;  // alone (or nobody): nothing to agree on
  net.checkAgreement(rest);
  for (const auto& id : rest) {
    auto r = net.s(id).send(tag + " from " + id, net.now);
    INFO(id << ": " << (r ? std::string() : r.error().detail));
    REQUIRE(r.has_value());
    net.run();
  }
  net.advance(Millis{8000});
  for (const auto& id : rest) {
    INFO(id << " warnings: " << describeWarnings(net.node(id)));
    const auto lines = net.node(id).payloads();
    for (const auto& from : rest)
      CHECK(std::count(lines.begin(), lines.end(), from + ": " + tag + " from " + from) == 1);
    const auto& rows = net.s(id).log().rows();
    REQUIRE(rows.size() >= rest.size());
    for (std::size_t k = rows.size() - rest.size(); k < rows.size(); ++k) CHECK(rows[k].fullyAcked);
  }
}

/// (a): one session of everyone present, all fully acked, identical payloads
/// per subsession among the members that stayed in it (one that left it early
/// has a subset, never anything else).
inline void checkHonestOutcome(World& w) {
  Net& net = w.net;
  const auto rest = w.remaining();
  CAPTURE(rest.size());
  CHECK(rest.size() >= 2);  // parts and exclusions never go below two members here
  for (const auto& [id, n] : net.nodes) CHECK_FALSE(n->session->stopped());
  if (rest.size() >= 2) {
    net.checkAgreement(rest);
    for (const auto& id : rest) {
      INFO(id);
      const Session& s = net.s(id);
      REQUIRE(s.current() != nullptr);
      CHECK(s.current()->monitor().monitored() == 0);  // everything fully acked
      CHECK(s.current()->held() == 0);
      CHECK(s.undecryptableHeld() == 0);
      for (const auto& r : s.log().rows())
        if (r.subsession == *s.currentIndex()) CHECK(r.fullyAcked);
    }
  } else {
    for (const auto& id : rest) CHECK(net.s(id).state() != SessionState::Joined);
  }
  std::map<codec::Hash32, std::map<std::string, std::set<std::string>>> bySid;
  for (const auto& [id, n] : net.nodes)
    for (auto& [s, p] : payloadsBySid(*n)) bySid[s][id] = std::move(p);
  for (const auto& [s, who] : bySid) {
    std::set<std::string> all;
    for (const auto& [id, p] : who) all.insert(p.begin(), p.end());
    for (const auto& [id, p] : who) {
      INFO("member " << id);
      const auto dep = w.departed().find(id);
      const bool left = dep != w.departed().end() && dep->second.count(s);
      if (left)
        CHECK(std::includes(all.begin(), all.end(), p.begin(), p.end()));
      else
        CHECK(p == all);
    }
  }
  checkRecovered(w, rest, "final");
}

}  // namespace sesstest
