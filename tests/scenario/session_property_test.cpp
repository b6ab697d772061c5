// Session-level properties over seeds (protocol-rules.md §1–§3), on the
// simulated channel of session_net.h:
//  (a) honest channel, random n in 2..6, a random interleaving of sends,
//      joins (auto-include), excludes, parts, refreshes and rejoins: no
//      warning ever fires (isWarning), all members end with identical
//      members / sid / chain hash, identical sets of delivered payloads per
//      subsession, and everything fully acked;
//  (b) the same with one kind of fault injected while the actions run: no
//      crash, only the warning kinds that fault can cause, and after the
//      faults stop and the net settles the remaining members agree and can
//      exchange a message that becomes fully acked.
//
// Seeds: by default a few hundred in total (the whole session suite stays
// well under two minutes in a Debug build). Soak runs (tens of thousands of
// seeds, different from the default ones):
//
//   MPENC_SOAK_SEEDS=20000 build/<dir>/tests/mpenc_scenario_tests "[session-property]"
//
// or, configured with -DMPENC_SOAK=ON, `ctest -L soak` (CTest test
// mpenc_session_soak, label "soak", never part of the default presets).
// MPENC_SOAK_SEEDS=<k> runs k seeds for each property (and for each fault
// kind of (b)), from 1000000 on. A failure names its seed (CAPTURE) and what
// happened (the action trace); rerun exactly that seed with MPENC_SEED=<seed>.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "catch.h"
#include "mpenc/codec/wire.h"
#include "mpenc/proto/data_message.h"
#include "session_net.h"

using namespace sesstest;

namespace {

using Rules = std::set<std::string>;

struct SeedRange {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
};

/// The default range, the soak range (MPENC_SOAK_SEEDS = k: k seeds from
/// 1000000 + the default first, none of them a default seed), or exactly one
/// seed to reproduce a failure (MPENC_SEED = s).
SeedRange seeds(std::uint64_t defaultFirst, std::uint64_t defaultCount) {
  if (const char* one = std::getenv("MPENC_SEED"); one != nullptr && *one != '\0')
    return {std::strtoull(one, nullptr, 10), 1};
  const char* n = std::getenv("MPENC_SOAK_SEEDS");
  if (n == nullptr || *n == '\0') return {defaultFirst, defaultCount};
  return {1000000 + defaultFirst, std::strtoull(n, nullptr, 10)};
}

enum class Fault { None, Drop, Duplicate, Reorder, Delay, Crash, LeaveRejoin, Partition, Insider };

const char* name(Fault f) {
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
Rules allowedFor(Fault f) {
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

bool isData(const session::ChannelEvent& ev) {
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
std::map<codec::Hash32, std::set<std::string>> payloadsBySid(const Node& n) {
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
void checkRecovered(World& w, const std::vector<std::string>& rest, const std::string& tag) {
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

}  // namespace

/// (a): one session of everyone present, all fully acked, identical payloads
/// per subsession among the members that stayed in it (one that left it early
/// has a subset, never anything else).
void checkHonestOutcome(World& w) {
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

namespace {
void honestRun(std::uint64_t seed) {
  CAPTURE(seed);
  World w(seed, Fault::None, false);
  w.run();
  INFO(w.trace());
  // No warning, anywhere, ever (W-1..W-11).
  for (const auto& [id, n] : w.net.nodes) {
    INFO(id << " warnings: " << describeWarnings(*n));
    INFO(id << " events: " << describeEvents(*n));
    CHECK(n->warnings().empty());
    CHECK(n->session->isConsistent());
  }
  checkHonestOutcome(w);
}
}  // namespace

TEST_CASE(
    "session property (a): honest channel, random interleavings → no warning, one session, same "
    "payloads, all fully acked",
    "[session][session-property]") {
  // Users act on what they have seen: each action's packets reach everyone
  // before the next user action (timers, acks and operations still interleave).
  const auto range = seeds(1, 100);
  for (std::uint64_t seed = range.first; seed < range.first + range.count; ++seed) honestRun(seed);
}

namespace {

/// Warnings and resends over the seeds of one property, for the before/after
/// figures of the excluded member's last messages (A-22/A-23, W-11).
struct Tally {
  std::map<std::string, std::size_t> rules;  // warnings by rule (summed over every member)
  std::size_t resends = 0;                   // packets sent again (the same wire, A-13/A-16)
  std::size_t seedsWithW11 = 0;

  void add(const World& w) {
    bool w11 = false;
    for (const auto& [id, n] : w.net.nodes)
      for (const auto* e : n->warnings()) {
        const auto r = warningRule(*e);
        ++rules[r];
        w11 = w11 || r == "W-11";
      }
    seedsWithW11 += w11 ? 1 : 0;
    std::set<std::string> seen;
    for (const auto& [from, wire] : w.net.ch.packetLog())
      if (!seen.insert(wire).second) ++resends;
  }
  std::size_t of(const std::string& r) const {
    auto it = rules.find(r);
    return it == rules.end() ? 0 : it->second;
  }
  std::string summary() const {
    return "W-3 " + std::to_string(of("W-3")) + ", W-6 " + std::to_string(of("W-6")) + ", W-7 " +
           std::to_string(of("W-7")) + ", W-11 " + std::to_string(of("W-11")) + " (in " +
           std::to_string(seedsWithW11) + " seeds), resends " + std::to_string(resends);
  }
};

}  // namespace

namespace {
void racingRun(std::uint64_t seed, Tally& tally) {
  CAPTURE(seed);
  World w(seed, Fault::None, true);
  w.run();
  tally.add(w);
  INFO(w.trace());
  std::set<std::string> left;
  for (const auto& [id, sids] : w.departed()) left.insert(id);
  for (const auto& [id, n] : w.net.nodes) {
    INFO(id << " warnings: " << describeWarnings(*n));
    INFO(id << " events: " << describeEvents(*n));
    for (const auto& r : warningRules(*n)) {
      INFO("unexpected " << r);
      CHECK(Rules{"W-3", "W-6", "W-7", "W-11"}.count(r) == 1);
    }
    for (const auto* x : n->all<NotFullyAcked>())
      for (const auto& m : x->unackedBy) {
        INFO(m << " did not ack, and did not leave");
        CHECK(left.count(m) == 1);
      }
  }
  checkHonestOutcome(w);
}
}  // namespace

// With user actions racing packets still in flight (someone sends while a
// part or an exclusion is on its way), an honest run does show warnings, as
// the rules prescribe: content that crosses one's own FIN (W-7, A-22), and
// messages the leaving member never acked (W-3 naming it, then W-6 / W-11
// when the subsession ends). Nothing else, and the outcome is the same.
TEST_CASE(
    "session property (a, racing): honest channel, actions racing packets in flight → only the "
    "race warnings of A-22/A-23 about members who left, same outcome",
    "[session][session-property]") {
  const auto range = seeds(5001, 50);
  Tally tally;
  for (std::uint64_t seed = range.first; seed < range.first + range.count; ++seed) racingRun(seed, tally);
  WARN("racing property, " << range.count << " seeds: " << tally.summary());
  // Before the excluded member's kick waited for its FIN and members who left
  // stopped owing acks, the 50 default seeds gave W-3 48, W-6 29, W-7 25,
  // W-11 46 (in 13 seeds) and 4306 resends; now W-3 0, W-11 29 (7 seeds), 0 resends.
  if (range.count == 50 && range.first == 5001) {
    CHECK(tally.of("W-11") <= 30);
    CHECK(tally.of("W-3") <= 5);
    CHECK(tally.resends <= 200);
  }
}

namespace {

/// (b) for one fault kind: no crash, only that fault's warnings, then the
/// remaining members agree and recover.
void faultProperty(Fault f, std::uint64_t first, std::uint64_t count) {
  const auto range = seeds(first, count);
  const auto allowed = allowedFor(f);
  for (std::uint64_t seed = range.first; seed < range.first + range.count; ++seed) {
    CAPTURE(name(f), seed);
    World w(seed, f, false);
    w.run();
    INFO(w.trace());
    Net& net = w.net;
    for (const auto& [id, n] : net.nodes) {
      INFO(id << " warnings: " << describeWarnings(*n));
      INFO(id << " events: " << describeEvents(*n));
      for (const auto& r : warningRules(*n)) {
        INFO("unexpected " << r);
        CHECK(allowed.count(r) == 1);
      }
    }
    const auto rest = w.remaining();
    CAPTURE(rest.size());
    checkRecovered(w, rest, "after the faults");
  }
}

}  // namespace

TEST_CASE("session property (b): drops of data packets (resends recover)", "[session][session-property]") {
  faultProperty(Fault::Drop, 10001, 16);
}
TEST_CASE("session property (b): duplicates (no effect)", "[session][session-property]") {
  faultProperty(Fault::Duplicate, 11001, 16);
}
TEST_CASE("session property (b): reordered data packets", "[session][session-property]") {
  faultProperty(Fault::Reorder, 12001, 16);
}
TEST_CASE("session property (b): delayed data packets", "[session][session-property]") {
  faultProperty(Fault::Delay, 13001, 16);
}
TEST_CASE("session property (b): a member crashes, the server notices later", "[session][session-property]") {
  faultProperty(Fault::Crash, 14001, 16);
}
TEST_CASE("session property (b): connections drop and come back", "[session][session-property]") {
  faultProperty(Fault::LeaveRejoin, 15001, 16);
}
TEST_CASE("session property (b): a member partitioned, then healed", "[session][session-property]") {
  faultProperty(Fault::Partition, 16001, 16);
}
TEST_CASE("session property (b): a malicious insider injects packets", "[session][session-property]") {
  faultProperty(Fault::Insider, 17001, 16);
}

// Seeds the first 10^4-seed soak (MPENC_SOAK_SEEDS=1000) failed on, kept in
// the default run: an excluded member's undecryptable last packets left held
// at a newcomer (1000027) or reported as W-2 after the member came back
// (1000932, 1005015); racing actions taking a group below two members (1005963,
// a generator bug). docs/fuzzing.md "Simulator soak".
TEST_CASE("session property: the seeds the soak found", "[session][session-property]") {
  for (std::uint64_t seed : {1000026U, 1000027U, 1000035U, 1000932U}) honestRun(seed);
  Tally tally;
  for (std::uint64_t seed : {1005015U, 1005963U}) racingRun(seed, tally);
}
