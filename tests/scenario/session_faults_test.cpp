// Fault catalogue at the session level: one TEST_CASE per fault of the
// simulated channel (session_net.h). Each checks that the right warning
// (protocol-rules.md §2.10, W-1..W-11) fires for the right members, that
// nothing crashes, that nothing diverges silently, and that after the fault
// stops the session recovers: the remaining members agree (members, sid,
// chain hash) and can exchange messages that become fully acked.
#include <algorithm>
#include <map>
#include <set>

#include "catch.h"
#include "mpenc/codec/wire.h"
#include "mpenc/proto/data_message.h"
#include "session_net.h"

using namespace sesstest;

namespace {

using Rules = std::set<std::string>;

void requireRulesWithin(Net& net, const std::string& id, const Rules& allowed) {
  INFO(id << " warnings: " << describeWarnings(net.node(id)));
  for (const auto& r : warningRules(net.node(id))) {
    INFO("unexpected " << r);
    CHECK(allowed.count(r) == 1);
  }
}

void requireNoWarnings(Net& net, const std::vector<std::string>& ids) {
  for (const auto& id : ids) requireRulesWithin(net, id, {});
}

/// W-3s at `id`: the messages named and everyone they name as not having acked.
std::pair<std::set<MessageId>, std::set<std::string>> notFullyAcked(const Node& n) {
  std::pair<std::set<MessageId>, std::set<std::string>> out;
  for (const auto* w : n.all<NotFullyAcked>()) {
    out.first.insert(w->id);
    out.second.insert(w->unackedBy.begin(), w->unackedBy.end());
  }
  return out;
}
/// U-15: every W-3 was cancelled by a later full-ack.
bool everyW3Cancelled(const Node& n) {
  std::set<MessageId> cancelled;
  for (const auto* f : n.all<FullyAcked>())
    if (f->afterWarning) cancelled.insert(f->id);
  for (const auto* w : n.all<NotFullyAcked>())
    if (!cancelled.count(w->id)) return false;
  return true;
}

/// Drop (or hold) exactly the next packet `from` sends, for `to` only.
struct OneShot {
  std::string from, to;
  bool armed = false;
  bool operator()(const std::string& t, const session::ChannelEvent& ev) {
    if (!armed || t != to || ev.kind != session::ChannelEvent::Kind::Packet || ev.sender != from)
      return false;
    armed = false;
    return true;
  }
};

}  // namespace

TEST_CASE("fault: a packet dropped for one member → W-3 at the others, cancelled once resends recover it",
          "[session][faults]") {
  Net net(201);
  auto ids = net.startGroup(3);
  const auto a = ids[0], b = ids[1], c = ids[2];
  net.advance(Millis{10000});
  auto shot = std::make_shared<OneShot>(OneShot{a, b, false});
  net.drop = [shot](const std::string& t, const session::ChannelEvent& ev) { return (*shot)(t, ev); };
  shot->armed = true;
  auto id = net.s(a).send("lost once for b", net.now);
  REQUIRE(id.has_value());
  net.run();
  REQUIRE_FALSE(shot->armed);  // it was dropped
  net.advance(Millis{3000});
  // W-3 for that message, at the members that track its acks, naming only b.
  for (const auto& x : {a, c}) {
    INFO(x << ": " << describeWarnings(net.node(x)));
    auto [msgs, who] = notFullyAcked(net.node(x));
    CHECK(msgs.count(*id) == 1);
    CHECK(who == std::set<std::string>{b});
  }
  net.advance(Millis{20000});
  // A-13..A-16: resends recover it; U-15: each W-3 is cancelled (FullyAcked.afterWarning).
  for (const auto& x : ids) {
    INFO(x << ": " << describeWarnings(net.node(x)));
    CHECK(everyW3Cancelled(net.node(x)));
    const auto lines = net.node(x).payloads();
    CHECK(std::count(lines.begin(), lines.end(), a + ": lost once for b") == 1);
    CHECK(net.s(x).isConsistent());
  }
  bool cancelledAtA = false;
  for (const auto* f : net.node(a).all<FullyAcked>())
    cancelledAtA = cancelledAtA || (f->id == *id && f->afterWarning);
  CHECK(cancelledAtA);
  // b missed a parent for a while (W-1 at most, C-13), nothing else; the others only W-3.
  requireRulesWithin(net, a, {"W-3"});
  requireRulesWithin(net, c, {"W-3"});
  requireRulesWithin(net, b, {"W-1"});
  for (const auto* w : net.node(b).all<HeldMessageLate>()) CHECK(w->missing == std::vector<MessageId>{*id});
  net.checkAgreement(ids);
  exchangeFullyAcked(net, ids, "after the drop");
}

TEST_CASE(
    "fault: a message dropped for one member just before an operation names it (LATEST_PM) → "
    "recovered by resends, not a broken transcript (H-C6)",
    "[session][faults]") {
  Net net(212);
  auto ids = net.startGroup(3);
  const auto a = ids[0], b = ids[1], c = ids[2], d = sid(3);
  net.advance(Millis{10000});
  auto shot = std::make_shared<OneShot>(OneShot{a, b, false});
  net.drop = [shot](const std::string& t, const session::ChannelEvent& ev) { return (*shot)(t, ev); };
  shot->armed = true;
  auto m = net.s(a).send("b misses this at first", net.now);
  REQUIRE(m.has_value());
  net.run();
  REQUIRE_FALSE(shot->armed);
  // d enters: a includes it at once; the pI's LATEST_PM names m, which b lacks.
  net.add(d);
  net.s(d).join(net.now);
  net.run();
  ids.push_back(d);
  net.checkAgreement(ids);
  REQUIRE(net.s(a).membership().order().operations().back().latestPm == std::vector<MessageId>{*m});
  net.advance(Millis{20000});
  net.settle();
  const auto& nb = net.node(b);
  INFO(b << ": " << describeWarnings(nb));
  CHECK(nb.count<event::TranscriptBroken>() == 0);  // W-10 only if it never came
  CHECK_FALSE(net.s(b).stopped());
  const auto lines = nb.payloads();
  CHECK(std::count(lines.begin(), lines.end(), a + ": b misses this at first") == 1);
  // It arrived after b's rotation FIN: flagged (W-7, A-22), and it was late (W-3 at the others).
  requireRulesWithin(net, b, {"W-1", "W-7"});
  for (const auto& x : {a, c}) requireRulesWithin(net, x, {"W-3"});
  net.checkAgreement(ids);
  exchangeFullyAcked(net, ids, "after the late delivery");
}

TEST_CASE("fault: every packet duplicated → no effect at all (C-17, A-16)", "[session][faults]") {
  Net net(202);
  net.duplicate = [](const std::string&, const session::ChannelEvent&) { return true; };
  auto ids = net.startGroup(3);
  net.checkAgreement(ids);
  exchangeFullyAcked(net, ids, "twice");
  // A membership operation and a part under duplication.
  net.add(sid(3));
  net.s(sid(3)).join(net.now);
  net.settle();
  ids.push_back(sid(3));
  net.checkAgreement(ids);
  exchangeFullyAcked(net, ids, "four");
  for (const auto& id : ids) {
    INFO(id);
    auto lines = net.node(id).payloads();
    std::set<std::string> unique(lines.begin(), lines.end());
    CHECK(unique.size() == lines.size());  // delivered once each
  }
  requireNoWarnings(net, ids);
}

TEST_CASE("fault: a delayed packet → W-1 only when held past the grace, then resolved (C-13, C-14)",
          "[session][faults]") {
  for (const Millis delay : {Millis{200}, Millis{1500}}) {
    CAPTURE(delay.count());
    Net net(203);
    auto ids = net.startGroup(3);
    const auto a = ids[0], b = ids[1], c = ids[2];
    net.advance(Millis{10000});
    auto shot = std::make_shared<OneShot>(OneShot{a, b, false});
    net.hold = [shot](const std::string& t, const session::ChannelEvent& ev) { return (*shot)(t, ev); };
    shot->armed = true;
    auto first = net.s(a).send("first", net.now);
    REQUIRE(first.has_value());
    net.run();
    REQUIRE(net.node(b).held.size() == 1);
    auto reply = net.s(c).send("reply to first", net.now);  // parent: a's message (C-E3)
    REQUIRE(reply.has_value());
    net.run();
    net.advance(delay);
    net.release(b);  // the server delivers it late: after c's reply
    net.run();
    net.advance(Millis{6000});
    const auto& nb = net.node(b);
    // C-3: delivered in causal order anyway.
    const auto lines = nb.payloads();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == a + ": first");
    CHECK(lines[1] == c + ": reply to first");
    if (delay < Net::fastTiming().heldGrace) {
      requireNoWarnings(net, ids);
    } else {
      REQUIRE(nb.count<HeldMessageLate>() == 1);
      const auto* late = nb.all<HeldMessageLate>()[0];
      CHECK(late->held == *reply);
      CHECK(late->missing == std::vector<MessageId>{*first});
      REQUIRE(nb.count<HeldMessageResolved>() == 1);
      CHECK(nb.all<HeldMessageResolved>()[0]->arrived == *first);
      requireRulesWithin(net, b, {"W-1"});
      requireNoWarnings(net, {a, c});
    }
    net.checkAgreement(ids);
    exchangeFullyAcked(net, ids, "after the delay");
  }
}

TEST_CASE("fault: a member crashes → W-3 naming it, exclusion when the server notices, W-11; it restarts",
          "[session][faults]") {
  Net net(204);
  auto ids = net.startGroup(3);
  const auto a = ids[0], b = ids[1], c = ids[2];
  net.crash(c);
  auto m = net.s(a).send("did c crash?", net.now);
  REQUIRE(m.has_value());
  net.advance(Millis{4000});
  for (const auto& x : {a, b}) {
    INFO(x << ": " << describeWarnings(net.node(x)));
    auto [msgs, who] = notFullyAcked(net.node(x));
    CHECK(msgs.count(*m) == 1);
    CHECK(who == std::set<std::string>{c});  // the right member is named
  }
  net.serverDrops(c);
  net.settle();
  net.advance(Millis{12000});
  net.checkAgreement({a, b});
  for (const auto& x : {a, b}) {
    INFO(x << ": " << describeWarnings(net.node(x)));
    // W-11: the old subsession was dropped with a's message unacked by c.
    REQUIRE(net.node(x).count<event::InconsistentDropped>() == 1);
    const auto* d = net.node(x).all<event::InconsistentDropped>()[0];
    CHECK(std::count(d->unacked.begin(), d->unacked.end(), *m) == 1);
    CHECK(std::count(d->ownUnacked.begin(), d->ownUnacked.end(), *m) == (x == a ? 1 : 0));
    CHECK_FALSE(net.s(x).isConsistent());
    // W-8: the crashed member owed acks and was silent past Timing::notResponding.
    requireRulesWithin(net, x, {"W-3", "W-6", "W-8", "W-11"});
    for (const auto* w : net.node(x).all<MemberNotResponding>()) CHECK(w->member == c);
    CHECK(notFullyAcked(net.node(x)).second == std::set<std::string>{c});
  }
  exchangeFullyAcked(net, {a, b}, "without c");
  net.restart(c);
  net.settle();
  net.checkAgreement(ids);
  exchangeFullyAcked(net, ids, "c is back");
  requireNoWarnings(net, {c});
}

TEST_CASE("fault: a member's connection drops and it rejoins at once → excluded, then included again",
          "[session][faults]") {
  Net net(205);
  auto ids = net.startGroup(3);
  const auto c = ids[2];
  exchangeFullyAcked(net, ids, "before");
  const auto oldSid = net.s(ids[0]).sessionId();
  net.serverDrops(c);
  net.run();
  CHECK(net.s(c).state() == SessionState::Parted);  // T-LI
  net.s(c).join(net.now);                           // reconnect
  net.settle();
  net.advance(
      Millis{20000});  // a T-EAL kick (if any) is followed by a re-entry after 50–75 % of the estimate
  net.settle();
  net.checkAgreement(ids);
  CHECK(net.s(c).sessionId() != oldSid);
  // Everything was fully acked before the drop: no W-11 anywhere, and c itself saw nothing wrong.
  for (const auto& x : ids) CHECK(net.node(x).count<event::InconsistentDropped>() == 0);
  requireNoWarnings(net, {c});
  // The rotation FIN of the old subsession cannot be acked by c any more: the
  // others may flag it (W-3/W-6, naming only c; the lead is working on this).
  for (const auto& x : {ids[0], ids[1]}) {
    requireRulesWithin(net, x, {"W-3", "W-6"});
    for (const auto* w : net.node(x).all<NotFullyAcked>()) CHECK(w->unackedBy == std::vector<std::string>{c});
  }
  exchangeFullyAcked(net, ids, "after the rejoin");
}

TEST_CASE("fault: a partitioned member → W-3 naming it at the others, all cancelled after the heal",
          "[session][faults]") {
  Net net(206);
  auto ids = net.startGroup(3);
  const auto a = ids[0], b = ids[1], c = ids[2];
  net.advance(Millis{10000});
  net.partitioned.insert(b);
  REQUIRE(net.s(a).send("while b is away", net.now).has_value());
  net.run();
  REQUIRE(net.s(c).send("yes, while b is away", net.now).has_value());
  net.advance(Millis{4000});
  for (const auto& x : {a, c}) {
    INFO(x << ": " << describeWarnings(net.node(x)));
    CHECK(net.node(x).count<NotFullyAcked>() >= 1);
    CHECK(notFullyAcked(net.node(x)).second == std::set<std::string>{b});
  }
  CHECK(net.node(b).payloads().empty());
  net.heal();
  net.run();
  net.advance(Millis{10000});
  for (const auto& x : ids) {
    INFO(x << ": " << describeWarnings(net.node(x)));
    CHECK(everyW3Cancelled(net.node(x)));
    CHECK(net.s(x).isConsistent());
    CHECK(net.node(x).payloads().size() == 2);
  }
  // W-8 (§2.9, heartbeats off): b owed acks and was silent past
  // Timing::notResponding; once each, naming only b, cleared by b's answer.
  for (const auto& x : {a, c}) {
    requireRulesWithin(net, x, {"W-3", "W-8"});
    REQUIRE(net.node(x).count<MemberNotResponding>() == 1);
    CHECK(net.node(x).all<MemberNotResponding>()[0]->member == b);
    REQUIRE(net.node(x).count<MemberResponding>() == 1);
    CHECK(net.node(x).all<MemberResponding>()[0]->member == b);
  }
  requireNoWarnings(net, {b});  // everything reached b late but in order
  net.checkAgreement(ids);
  exchangeFullyAcked(net, ids, "healed");
}

TEST_CASE(
    "fault: a partition across a membership operation → the operation fails, the member is excluded, "
    "then rejoins",
    "[session][faults]") {
  Net net(207);
  auto ids = net.startGroup(3);
  const auto a = ids[0], b = ids[1], c = ids[2];
  net.partitioned.insert(b);
  net.add(sid(3));
  net.s(sid(3)).join(net.now);  // auto-included by a; b does not answer
  net.advance(Millis{20000});
  net.settle();
  // The timed-out operation was aborted for everyone who saw it; b, which
  // never confirmed, was then excluded (docs/extension-abort.md).
  for (const auto& x : {a, c}) {
    INFO(x);
    CHECK(net.node(x).count<notice::OperationFailed>() >= 1);
    const auto ms = net.s(x).members();
    CHECK(std::find(ms.begin(), ms.end(), b) == ms.end());
  }
  net.heal();
  net.settle();
  net.advance(Millis{20000});
  net.settle();
  // b, now out, enters again and is included.
  if (!net.s(b).inChannel()) net.s(b).join(net.now);
  net.settle();
  net.advance(Millis{20000});
  net.settle();
  std::vector<std::string> all{a, b, c, sid(3)};
  net.checkAgreement(all);
  for (const auto& x : all) requireRulesWithin(net, x, {"W-1", "W-2", "W-3", "W-6", "W-8", "W-11"});
  exchangeFullyAcked(net, all, "after the partition");
}

TEST_CASE(
    "fault: a malicious insider injects replays, garbage and foreign-key packets → W-4/W-2 only, "
    "nothing changes",
    "[session][faults]") {
  Net net(208);
  auto ids = net.startGroup(3);
  const auto a = ids[0], b = ids[1], bad = ids[2];
  exchangeFullyAcked(net, ids, "before");
  net.advance(Millis{10000});  // past the rotation grace (stragglers of a previous subsession)
  const auto log = net.ch.packetLog();
  std::map<std::string, std::size_t> rowsBefore, warnBefore;
  for (const auto& x : ids) {
    rowsBefore[x] = net.s(x).log().size();
    warnBefore[x] = net.node(x).warnings().size();
  }
  const auto sidBefore = net.s(a).sessionId();
  const auto chBefore = net.s(a).chainHash();
  // 1. Replays (C-17): every packet ever seen, sent again by the insider.
  //    Those of the current subsession are duplicates (no effect, no warning);
  //    those of earlier subsessions no key opens any more (W-2, named by the
  //    channel sender); old greeting packets are rejected (not warnings).
  for (const auto& [from, wire] : log) net.ch.send(bad, wire);
  net.run();
  net.advance(Millis{8000});  // past the W-2 grace (5 s by default)
  for (const auto& x : ids) {
    INFO(x << ": " << describeWarnings(net.node(x)));
    CHECK(net.s(x).log().size() == rowsBefore[x]);
    requireRulesWithin(net, x, {"W-2"});
    for (const auto* w : net.node(x).all<Undecryptable>()) CHECK(w->sender == bad);
  }
  // 2. Garbage: W-4, named by its channel sender, at everyone who receives it.
  net.ch.send(bad, "?mpENC:AAAA.");
  net.ch.send(bad, "?mpENC:not base64!.");
  net.run();
  for (const auto& x : ids) {
    INFO(x);
    std::size_t invalid = 0;
    for (const auto* w : net.node(x).all<InvalidMessage>()) {
      CHECK(w->source == bad);
      CHECK(w->author.empty());  // not authenticated
      invalid += w->reason == InvalidMessage::Reason::Malformed ? 1 : 0;
    }
    CHECK(invalid >= 2);
  }
  // 3. A data packet signed with a key that is no member's: no key opens it.
  //    It may belong to a subsession we do not know yet (C-18 step 5), so it
  //    is W-2 after the grace, not W-4.
  {
    const auto* store = net.s(bad).membership().session();
    REQUIRE(store != nullptr);
    proto::SubsessionKeys keys{store->sessionId(), store->groupKey.clone()};
    auto foreign = crypto::Ed25519KeyPair::generate(net.rng);
    auto sealed = proto::sealData(keys, foreign, {{}, codec::Body::payload("forged")}, net.rng);
    std::map<std::string, std::size_t> w2;
    for (const auto& x : ids) w2[x] = net.node(x).count<Undecryptable>();
    net.ch.send(bad, sealed.wire);
    net.run();
    net.advance(Millis{8000});
    for (const auto& x : ids) {
      INFO(x << ": " << describeWarnings(net.node(x)));
      REQUIRE(net.node(x).count<Undecryptable>() == w2[x] + 1);
      CHECK(net.node(x).all<Undecryptable>().back()->sender == bad);
      CHECK(net.node(x).all<Undecryptable>().back()->count == 1);
    }
  }
  for (const auto& x : ids) {
    INFO(x);
    requireRulesWithin(net, x, {"W-2", "W-4"});
    CHECK(net.s(x).log().size() == rowsBefore[x]);
    CHECK(net.s(x).sessionId() == sidBefore);
    CHECK(net.s(x).chainHash() == chBefore);
    CHECK(net.s(x).isConsistent());
    CHECK(net.s(x).state() == SessionState::Joined);
  }
  net.checkAgreement(ids);
  exchangeFullyAcked(net, ids, "after the insider");
  (void)b;
}

TEST_CASE(
    "fault: an insider equivocates (a fork of its own messages) → W-5 at the honest members, it is "
    "excluded, they continue",
    "[session][faults]") {
  Net net(209);
  auto ids = net.startGroup(3);
  const auto a = ids[0], b = ids[1], bad = ids[2];
  exchangeFullyAcked(net, ids, "before");
  // A second message of the insider that does not descend from its first
  // one, signed with its real ephemeral key (C-6 / C-9).
  const auto* store = net.s(bad).membership().session();
  REQUIRE(store != nullptr);
  proto::SubsessionKeys keys{store->sessionId(), store->groupKey.clone()};
  auto sealed = proto::sealData(keys, *store->ephemeral, {{}, codec::Body::payload("equivocation")}, net.rng);
  net.ch.send(bad, sealed.wire);
  net.run();
  for (const auto& x : {a, b}) {
    INFO(x << ": " << describeWarnings(net.node(x)));
    REQUIRE(net.node(x).count<ForkDetected>() == 1);
    CHECK(net.node(x).all<ForkDetected>()[0]->author == bad);
  }
  net.settle();
  net.advance(Millis{12000});
  net.settle();
  net.checkAgreement({a, b});
  CHECK_FALSE(net.present(bad));
  for (const auto& x : {a, b}) requireRulesWithin(net, x, {"W-3", "W-5", "W-6", "W-11"});
  exchangeFullyAcked(net, {a, b}, "after the fork");
}

TEST_CASE("fault: the server shows two members a different channel order → W-9 exactly between the two sides",
          "[session][faults]") {
  Net net(210);
  net.tweak = [](SessionConfig& c) { c.membership.autoIncludeJoiners = false; };
  auto ids = net.startGroup(4);
  const auto a = ids[0], b = ids[1], c = ids[2], d = ids[3];
  net.advance(Millis{6000});
  const std::set<std::string> late{b, c};
  bool holding = true;
  net.hold = [&](const std::string& to, const session::ChannelEvent& ev) {
    return holding && late.count(to) && ev.kind != session::ChannelEvent::Kind::Packet;
  };
  net.ch.enter("room@muc.x/ghost");  // b and c are shown this entry only after the REFRESH (H-10b)
  net.run();
  holding = false;
  std::map<std::string, std::size_t> confirmed;
  for (const auto& x : ids) confirmed[x] = net.node(x).count<event::ChainConfirmed>();
  REQUIRE(net.s(a).refresh(net.now));
  net.run();
  net.release(b);
  net.release(c);
  net.settle();
  net.advance(Millis{5000});
  auto mismatching = [&](const std::string& x) {
    std::set<std::string> out;
    for (const auto* m : net.node(x).all<event::ChainHashMismatch>()) out.insert(m->member);
    return out;
  };
  CHECK(mismatching(a) == std::set<std::string>{b, c});
  CHECK(mismatching(d) == std::set<std::string>{b, c});
  CHECK(mismatching(b) == std::set<std::string>{a, d});
  CHECK(mismatching(c) == std::set<std::string>{a, d});
  CHECK(net.s(a).chainHash() == net.s(d).chainHash());
  CHECK(net.s(b).chainHash() == net.s(c).chainHash());
  CHECK(net.s(a).chainHash() != net.s(b).chainHash());
  for (const auto& x : ids) {
    CHECK(net.node(x).count<event::ChainConfirmed>() == confirmed[x]);  // not this operation
    // The mismatching acks are not counted: at the deadline they are reported missing too.
    requireRulesWithin(net, x, {"W-9", "W-9-missing"});
  }
  auto missing = [&](const std::string& x) {
    std::set<std::string> out;
    for (const auto* m : net.node(x).all<event::ChainAckMissing>())
      out.insert(m->missing.begin(), m->missing.end());
    return out;
  };
  CHECK(missing(a) == std::set<std::string>{b, c});
  CHECK(missing(b) == std::set<std::string>{a, d});
  // The subsession itself is shared (same keys): messages still flow.
  exchangeFullyAcked(net, ids, "after the fork of the chain");
}

TEST_CASE("fault: a v1 peer → no chain acks; a stalled operation fails by the leave fallback (T-LOI)",
          "[session][faults]") {
  Net net(211);
  net.tweak = [](SessionConfig& c) { c.membership.autoIncludeJoiners = false; };
  net.features[sid(2)] = {};  // a v1 client: no abort, no chain acks
  auto ids = net.startGroup(3);
  const auto a = ids[0], b = ids[1], v1 = ids[2];
  net.checkAgreement(ids);
  // a and b confirmed their two-member chain before v1 came; nothing after that.
  std::map<std::string, std::size_t> confirmed;
  for (const auto& x : ids) confirmed[x] = net.node(x).count<event::ChainConfirmed>();
  CHECK(confirmed[v1] == 0);
  const auto stalled = sid(3);
  net.add(stalled);
  net.s(stalled).join(net.now);
  net.run();
  net.node(stalled).mute = true;  // it will never answer
  REQUIRE(net.s(b).include({stalled}, net.now));
  net.run();
  REQUIRE(net.s(a).operationOngoing());
  net.advance(Millis{7000});  // operationTimeout 5 s, rank stagger 0.5 s: rank 0 (a) acts first
  REQUIRE(net.node(a).count<notice::TimeoutLeave>() == 1);
  CHECK(net.node(b).count<notice::TimeoutLeave>() == 0);
  CHECK(net.node(v1).count<notice::TimeoutLeave>() == 0);
  for (const auto& x : {b, v1}) {
    INFO(x);
    const auto fails = net.node(x).all<notice::OperationFailed>();
    REQUIRE(fails.size() == 1);
    CHECK(fails[0]->cause == notice::OperationFailed::Cause::MemberLeft);
    CHECK(fails[0]->leavers == std::vector<std::string>{a});
  }
  net.serverDrops(stalled);
  net.settle();
  // a re-enters after the fallback leave and is included again.
  net.advance(Millis{20000});
  net.settle();
  if (net.s(a).state() == SessionState::Joining) REQUIRE(net.s(b).include({a}, net.now));
  net.settle();
  net.checkAgreement(ids);
  for (const auto& x : ids) {
    INFO(x);
    CHECK(net.node(x).count<event::ChainConfirmed>() == confirmed[x]);
    CHECK(net.node(x).count<event::ChainAckMissing>() == 0);
    for (const auto* d : net.node(x).all<Delivered>())
      if (d->author == v1 || x == v1) CHECK(d->body.type != codec::BodyType::ChainAck);
  }
  exchangeFullyAcked(net, ids, "with v1");
}
