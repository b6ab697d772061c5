// Scenario harness for whole sessions: N real `Session`s (membership driver,
// subsessions, transcripts, real crypto) over one in-memory SimChannel, with
// seeded fault injection at the delivery step:
//  - drop(to, event)      : an event is not delivered to one member (a lossy link);
//  - duplicate(to, event) : delivered twice;
//  - hold(to, event)      : kept back from one member and released later, after
//                           events that came after it: the server showing that
//                           member a different order (forged order, reordering);
//  - crash(member)        : the process dies: it stops acting at once, and the
//                           server notices later (a leave);
//  - restart(member)      : a fresh Session with the same identity enters again;
//  - partition            : every event to a set of members is held until healed.
// Deterministic: SeededRng everywhere, a virtual clock.
#pragma once

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "catch.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/session/session.h"
#include "sim_channel.h"

namespace sesstest {

using namespace mpenc;
using namespace mpenc::session;
using namespace std::chrono_literals;

inline std::string sid(std::size_t i) {
  return "room@muc.x/u" + std::to_string(100 + i);
}

struct Net;

/// One member's view of the channel (its GroupChannel).
class NodeChannel : public GroupChannel {
 public:
  NodeChannel(Net& net, std::string self) : net_(net), self_(std::move(self)) {}
  void send(const std::string& wire, const MemberSet& intendedRecipients) override;
  void enter() override;
  void leave() override;
  bool kick(const MemberId& member) override;
  std::optional<MemberSet> members() const override;

 private:
  Net& net_;
  std::string self_;
};

struct Node {
  std::string id;
  std::unique_ptr<crypto::SeededRng> rng;
  std::unique_ptr<NodeChannel> channel;
  std::unique_ptr<Session> session;
  std::vector<SessionEvent> events;
  std::deque<session::ChannelEvent> held;  // hold() / partition
  bool crashed = false;
  bool mute = false;   // processes events but never acts (a stalled client)
  bool stays = false;  // never leaves the channel by itself (a hostile insider ignoring its own W-10)

  template <class T>
  std::vector<const T*> all() const {
    std::vector<const T*> out;
    for (const auto& e : events)
      if (const T* p = e.as<T>()) out.push_back(p);
    return out;
  }
  template <class T>
  std::size_t count() const {
    return all<T>().size();
  }
  std::vector<const SessionEvent*> warnings() const {
    std::vector<const SessionEvent*> out;
    for (const auto& e : events)
      if (isWarning(e)) out.push_back(&e);
    return out;
  }
  /// Displayed chat lines (MessageLog rows): "author: text" is not kept by the
  /// log, so we collect Delivered payloads.
  std::vector<std::string> payloads() const {
    std::vector<std::string> out;
    for (const auto* d : all<Delivered>())
      if (d->body.type == codec::BodyType::Payload) out.push_back(d->author + ": " + d->body.content);
    return out;
  }
};

struct Net {
  using Fault = std::function<bool(const std::string& to, const session::ChannelEvent& ev)>;

  crypto::SeededRng rng;
  std::map<std::string, crypto::Ed25519Public> directory;
  std::map<std::string, crypto::Ed25519KeyPair> identities;
  std::map<std::string, std::set<std::string>> features;  // what each member advertises
  std::map<std::string, std::unique_ptr<Node>> nodes;
  testing::SimChannel ch;
  Millis now{0};
  std::uint64_t seed;
  std::size_t created = 0;
  std::set<std::string> noKickRights;  // members whose kicks fail (no moderator rights)
  struct KickAttempt {
    std::string by, victim;
    bool done = false;  // false: refused (crashed, mute, or no kick rights)
  };
  std::vector<KickAttempt> kickLog;  // every kick a session asked for, in order
  Fault drop, duplicate, hold;
  std::set<std::string> partitioned;
  std::function<void(SessionConfig&)> tweak;  // adjust every new member's config
  std::function<void()> onTick;               // called after every tick of advance() (fault schedules)

  explicit Net(std::uint64_t s)
      : rng(s),
        ch([this](const std::string& to, const session::ChannelEvent& ev) { deliver(to, ev); }),
        seed(s) {}

  static Timing fastTiming() { return Timing::fromBase(Millis{500}, Millis{2500}); }

  SessionConfig config(const std::string& id) {
    if (!identities.count(id)) {
      auto k = crypto::Ed25519KeyPair::generate(rng);
      directory[id] = k.publicKey();
      identities.emplace(id, std::move(k));
    }
    MembershipConfig m{id, identities.at(id).clone(),
                       [this](std::string_view x) -> std::optional<crypto::Ed25519Public> {
                         auto it = directory.find(std::string(x));
                         if (it == directory.end()) return std::nullopt;
                         return it->second;
                       }};
    SessionConfig c{std::move(m)};
    c.membership.autoIncludeJoiners = true;
    if (features.count(id)) {  // what it advertises is what it implements
      c.membership.supportAbort = features[id].count(std::string(kFeatureAbort)) != 0;
      c.chainAcks = features[id].count(std::string(kFeatureChainAck)) != 0;
    }
    c.membership.operationTimeout = Millis{5000};
    c.membership.timeoutStagger = Millis{500};
    c.membership.excludedLeaveTimeout = Millis{8000};
    c.timing = fastTiming();
    c.chainAckTimeout = Millis{3000};
    c.joinTimeout = Millis{20000};
    if (tweak) tweak(c);
    return c;
  }

  /// A member with a fresh Session (not yet in the channel).
  Node& add(const std::string& id, std::optional<SessionConfig> cfg = std::nullopt) {
    auto n = std::make_unique<Node>();
    n->id = id;
    n->rng = std::make_unique<crypto::SeededRng>(seed * 1000 + ++created);
    n->channel = std::make_unique<NodeChannel>(*this, id);
    n->session = std::make_unique<Session>(cfg ? std::move(*cfg) : config(id), *n->channel, *n->rng);
    Node* raw = n.get();
    n->session->setListener([raw](const SessionEvent& e) { raw->events.push_back(e); });
    if (!features.count(id)) features[id] = {std::string(kFeatureAbort), std::string(kFeatureChainAck)};
    nodes[id] = std::move(n);
    // Everyone learns everyone's advertised features (the capability element).
    for (auto& [a, na] : nodes)
      for (auto& [b, f] : features)
        if (a != b) na->session->setPeerFeatures(b, f);
    return *nodes[id];
  }
  Node& node(const std::string& id) { return *nodes.at(id); }
  Session& s(const std::string& id) { return *nodes.at(id)->session; }

  void deliver(const std::string& to, const session::ChannelEvent& ev) {
    auto it = nodes.find(to);
    if (it == nodes.end()) return;  // a raw occupant (attacker) without a session
    Node& n = *it->second;
    if (n.crashed) return;
    if (partitioned.count(to) || (hold && hold(to, ev))) {
      n.held.push_back(ev);
      return;
    }
    if (drop && ev.kind == session::ChannelEvent::Kind::Packet && drop(to, ev)) return;
    n.session->onChannelEvent(ev, now);
    if (duplicate && ev.kind == session::ChannelEvent::Kind::Packet && duplicate(to, ev))
      n.session->onChannelEvent(ev, now);
  }
  /// Release events held back from `id`, in their original order.
  void release(const std::string& id) {
    Node& n = node(id);
    while (!n.held.empty()) {
      auto ev = std::move(n.held.front());
      n.held.pop_front();
      if (!n.crashed) n.session->onChannelEvent(ev, now);
    }
  }
  void heal() {
    auto p = partitioned;
    partitioned.clear();
    for (const auto& id : p) release(id);
  }

  void run() { ch.run(); }
  /// Advance the clock by `dt` in steps of `tick`, firing due timers and draining the channel.
  void advance(Millis dt, Millis tick = Millis{100}) {
    const Millis end = now + dt;
    while (now < end) {
      now = std::min(end, now + tick);
      for (auto& [id, n] : nodes) {
        if (n->crashed) continue;
        auto d = n->session->nextDeadline();
        if (d && *d <= now) n->session->advance(now);
      }
      ch.run();
      if (onTick) {
        onTick();
        ch.run();
      }
    }
  }

  void crash(const std::string& id) { node(id).crashed = true; }
  /// The server notices a crashed member (its connection timed out).
  void serverDrops(const std::string& id) { ch.leave(id); }
  /// A fresh process for `id` with the same identity key, entering the channel.
  Node& restart(const std::string& id) {
    Node& n = add(id);
    n.session->join(now);
    return n;
  }

  /// Members 0..n-1 enter one by one; with autoIncludeJoiners the first one
  /// includes the others as they come. Returns their IDs.
  std::vector<std::string> startGroup(std::size_t n) {
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < n; ++i) {
      ids.push_back(sid(i));
      if (!nodes.count(ids.back())) add(ids.back());
      s(ids.back()).join(now);
      run();
      settle();
      if (i > 0 && s(ids.back()).current() == nullptr) {  // no auto-include: invite explicitly
        auto r = s(ids[0]).include({ids.back()}, now);
        INFO("include " << ids.back() << ": " << (r ? std::string() : r.error().detail));
        REQUIRE(r);
        settle();
      }
    }
    return ids;
  }
  /// Run until nothing is pending and no operation is running (bounded).
  void settle(Millis limit = Millis{60000}) {
    const Millis end = now + limit;
    while (now < end) {
      advance(Millis{500});
      bool busy = ch.pending() != 0;
      for (auto& [id, n] : nodes)
        if (!n->crashed && n->session->inChannel() && n->session->operationOngoing()) busy = true;
      if (!busy) {
        bool proposal = false;
        for (auto& [id, n] : nodes)
          if (!n->crashed && n->session->membership().proposalPending()) proposal = true;
        if (!proposal) return;
      }
    }
  }

  /// Everyone in `ids` is joined with the same members, sid and chain hash.
  void checkAgreement(const std::vector<std::string>& ids) {
    REQUIRE(!ids.empty());
    auto want = ids;
    std::sort(want.begin(), want.end());
    for (const auto& id : ids) {
      INFO("member " << id);
      Session& x = s(id);
      CHECK(x.state() == SessionState::Joined);
      CHECK(x.members() == want);
      CHECK(x.sessionId() == s(ids[0]).sessionId());
      CHECK(x.chainHash() == s(ids[0]).chainHash());
    }
  }

  // ---- helpers of the matrix / property / soak suites (additive) -----------------

  /// Deliver channel actions one at a time until `pred` holds (true) or the
  /// queue is empty (false). No time passes.
  bool stepUntil(const std::function<bool()>& pred) {
    if (pred()) return true;
    while (ch.step())
      if (pred()) return true;
    return false;
  }
  bool present(const std::string& id) const { return ch.present(id); }
  /// Kicks of `victim` that the channel carried out (kicks of an absent member included).
  std::size_t kicksOf(const std::string& victim) const {
    std::size_t k = 0;
    for (const auto& a : kickLog) k += a.done && a.victim == victim ? 1 : 0;
    return k;
  }
  /// The live members: not crashed, in the channel, with a subsession.
  std::vector<std::string> joined() const {
    std::vector<std::string> out;
    for (const auto& [id, n] : nodes)
      if (!n->crashed && n->session->state() == SessionState::Joined) out.push_back(id);
    return out;
  }
};

/// The rule ID of a warning (W-1..W-11), "" for other events. W-9 has two
/// kinds: a chain-hash mismatch ("W-9") and missing chain-hash acks ("W-9-missing").
inline std::string warningRule(const SessionEvent& e) {
  if (e.as<HeldMessageLate>()) return "W-1";
  if (e.as<Undecryptable>()) return "W-2";
  if (e.as<NotFullyAcked>()) return "W-3";
  if (e.as<InvalidMessage>()) return "W-4";
  if (e.as<ForkDetected>()) return "W-5";
  if (e.as<FinNotConfirmed>()) return "W-6";
  if (e.as<ContentAfterFin>()) return "W-7";
  if (e.as<MemberNotResponding>()) return "W-8";
  if (e.as<notice::ChainMismatch>() || e.as<event::ChainHashMismatch>()) return "W-9";
  if (e.as<event::ChainAckMissing>()) return "W-9-missing";  // W-9: acks late or lost, not a mismatch
  if (e.as<event::TranscriptBroken>()) return "W-10";
  if (e.as<event::InconsistentDropped>()) return "W-11";
  return "";
}
/// The warning rules a member saw (a set, for "only the expected kinds" checks).
inline std::set<std::string> warningRules(const Node& n) {
  std::set<std::string> out;
  for (const auto* e : n.warnings()) out.insert(warningRule(*e));
  return out;
}
/// "W-3 W-3 W-6" (for INFO messages).
inline std::string describeWarnings(const Node& n) {
  std::string out;
  for (const auto* e : n.warnings()) {
    out += warningRule(*e);
    if (const auto* w = e->as<NotFullyAcked>()) {
      out += "(type" + std::to_string(static_cast<int>(w->kind)) + " by " + w->author + ", unacked:";
      for (const auto& m : w->unackedBy) out += " " + m;
      out += ")";
    } else if (const auto* u = e->as<Undecryptable>()) {
      out += "(" + std::to_string(u->count) + " from " + u->sender + " since " +
             std::to_string(u->since.count()) + ")";
    } else if (const auto* c = e->as<ContentAfterFin>()) {
      out += "(by " + c->author + ")";
    } else if (const auto* d = e->as<event::InconsistentDropped>()) {
      out += "(" + std::to_string(d->unacked.size()) + " unacked)";
    }
    out += " ";
  }
  return out;
}

/// A compact list of a member's events (deliveries and full-acks left out), for failure messages.
inline std::string describeEvents(const Node& n) {
  std::string out;
  for (const auto& e : n.events) {
    if (e.as<Delivered>() || e.as<FullyAcked>()) continue;
    std::string w = warningRule(e);
    if (!w.empty()) {
      out += w;
    } else if (const auto* x = std::get_if<MembershipNotice>(&e.what)) {
      static const char* names[] = {"accepted", "rejected",   "started",      "succeeded",
                                    "failed",   "synced-new", "synced",       "W-9",
                                    "pkt-rej",  "join-req",   "timeout-leave"};
      out += x->index() < std::size(names) ? names[x->index()] : "membership";
      if (const auto* ok = e.as<notice::OperationSucceeded>(); ok && ok->weAreExcluded) out += "(us out)";
    } else if (const auto* st = e.as<event::SessionStateChanged>()) {
      out += "->" + std::string(toString(st->to));
    } else if (const auto* ss = e.as<event::SubsessionStarted>()) {
      out += "sub" + std::to_string(ss->index) + "[" + std::to_string(ss->members.size()) + "]";
    } else if (const auto* se = e.as<event::SubsessionEnded>()) {
      out += "end" + std::to_string(se->index);
    } else if (const auto* f = e.as<PeerFin>()) {
      out += f->leaveIntent ? "fin2" : "fin";
    } else if (const auto* sc = e.as<StateChanged>()) {
      out += "s" + std::to_string(e.subsession.value_or(99)) + ":" + std::string(toString(sc->to));
    } else {
      continue;
    }
    out += " ";
  }
  return out;
}

/// Each of `ids` sends one message; afterwards every one of them has all of
/// them, once each, fully acked, and none of them warned about anything new.
inline void exchangeFullyAcked(Net& net, const std::vector<std::string>& ids, const std::string& tag) {
  std::vector<std::size_t> before;
  for (const auto& id : ids) before.push_back(net.node(id).warnings().size());
  for (const auto& id : ids) {
    auto r = net.s(id).send(tag + " from " + id, net.now);
    INFO(id << ": " << (r ? std::string() : r.error().detail));
    REQUIRE(r.has_value());
    net.run();
  }
  net.advance(Millis{6000});
  for (std::size_t i = 0; i < ids.size(); ++i) {
    INFO(ids[i] << " warnings: " << describeWarnings(net.node(ids[i])));
    const auto lines = net.node(ids[i]).payloads();
    for (const auto& from : ids)
      CHECK(std::count(lines.begin(), lines.end(), from + ": " + tag + " from " + from) == 1);
    const auto& rows = net.s(ids[i]).log().rows();
    REQUIRE(rows.size() >= ids.size());
    for (std::size_t k = rows.size() - ids.size(); k < rows.size(); ++k) CHECK(rows[k].fullyAcked);
    CHECK(net.node(ids[i]).warnings().size() == before[i]);
  }
}

inline void NodeChannel::send(const std::string& wire, const MemberSet&) {
  Node& n = net_.node(self_);
  if (n.crashed || n.mute) return;
  net_.ch.send(self_, wire);
}
inline void NodeChannel::enter() {
  if (!net_.node(self_).crashed) net_.ch.enter(self_);
}
inline void NodeChannel::leave() {
  Node& n = net_.node(self_);
  if (!n.crashed && !n.mute && !n.stays) net_.ch.leave(self_);
}
inline bool NodeChannel::kick(const MemberId& member) {
  Node& n = net_.node(self_);
  if (n.crashed || n.mute || net_.noKickRights.count(self_)) {
    net_.kickLog.push_back({self_, member, false});
    return false;
  }
  net_.kickLog.push_back({self_, member, true});
  net_.ch.kick(member);
  return true;
}
inline std::optional<MemberSet> NodeChannel::members() const {
  if (!net_.ch.present(self_)) return std::nullopt;
  return net_.ch.members();
}

}  // namespace sesstest
