// Whole sessions over the simulated channel: establishment, messages across
// subsession rotation, late joiners, exclusion, part (A-25, T-P3,
// T-P4), chain-hash acks (H-13, H-C5) and the session warnings W-9..W-11.
#include <algorithm>

#include "catch.h"
#include "session_net.h"

using namespace sesstest;

namespace {

std::string warningsOf(const Node& n) {
  std::string out;
  for (const auto* e : n.warnings()) {
    if (const auto* x = std::get_if<Notice>(&e->what)) out += "N" + std::to_string(x->index());
    if (const auto* x = std::get_if<MembershipNotice>(&e->what)) out += "M" + std::to_string(x->index());
    if (const auto* x = std::get_if<SessionNotice>(&e->what)) out += "S" + std::to_string(x->index());
    out += " ";
  }
  return out;
}

void requireNoWarnings(Net& net) {
  for (auto& [id, n] : net.nodes) {
    INFO(id << " warnings: " << warningsOf(*n));
    CHECK(n->warnings().empty());
  }
}

std::size_t fullyAckedRows(const Session& s) {
  std::size_t k = 0;
  for (const auto& r : s.log().rows()) k += r.fullyAcked ? 1 : 0;
  return k;
}

}  // namespace

TEST_CASE("session: three members establish, talk, and everything is fully acked without warnings",
          "[session]") {
  Net net(11);
  auto ids = net.startGroup(3);
  net.checkAgreement(ids);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto r = net.s(ids[i]).send("hello from " + std::to_string(i), net.now);
    REQUIRE(r.has_value());
    net.run();
  }
  net.advance(Millis{8000});
  for (const auto& id : ids) {
    INFO(id);
    const auto lines = net.node(id).payloads();
    CHECK(lines.size() == 3);
    CHECK(net.s(id).log().size() == 3);
    CHECK(fullyAckedRows(net.s(id)) == 3);
    CHECK(net.s(id).isConsistent());
    // H-13: every member confirmed the chain hash of every operation it took part in.
    CHECK(net.node(id).count<event::ChainConfirmed>() >= 1);
  }
  // Everyone's log shows the same messages in a causally consistent order.
  auto sortedLines = [&](const std::string& id) {
    auto v = net.node(id).payloads();
    std::sort(v.begin(), v.end());
    return v;
  };
  CHECK(sortedLines(ids[0]) == sortedLines(ids[1]));
  CHECK(sortedLines(ids[0]) == sortedLines(ids[2]));
  requireNoWarnings(net);
}

TEST_CASE("session: a late joiner is included, the old subsession shuts down alongside (A-26)", "[session]") {
  Net net(12);
  auto ids = net.startGroup(2);
  REQUIRE(net.s(ids[0]).send("before", net.now).has_value());
  net.advance(Millis{1000});
  const auto oldSid = net.s(ids[0]).sessionId();
  const auto late = sid(7);
  net.add(late);
  net.s(late).join(net.now);
  net.settle();
  ids.push_back(late);
  net.checkAgreement(ids);
  CHECK(net.s(ids[0]).sessionId() != oldSid);
  // The newcomer has no access to earlier messages (forward privacy of membership).
  CHECK(net.node(late).payloads().empty());
  REQUIRE(net.s(late).send("hi, I am new", net.now).has_value());
  REQUIRE(net.s(ids[1]).send("welcome", net.now).has_value());
  net.advance(Millis{10000});
  for (const auto& id : ids) {
    INFO(id);
    const auto lines = net.node(id).payloads();
    CHECK(std::count(lines.begin(), lines.end(), late + ": hi, I am new") == 1);
    CHECK(std::count(lines.begin(), lines.end(), ids[1] + ": welcome") == 1);
    CHECK(net.s(id).previousCount() == 0);  // the old subsession finished (PARTED) and was dropped
  }
  CHECK(net.node(ids[0]).count<event::SubsessionEnded>() == 1);
  requireNoWarnings(net);
}

TEST_CASE("session: exclusion removes a member who then cannot read new messages (H-18, T-P3)", "[session]") {
  Net net(13);
  auto ids = net.startGroup(3);
  REQUIRE(net.s(ids[0]).exclude({ids[2]}, net.now));
  net.settle();
  net.checkAgreement({ids[0], ids[1]});
  const auto& ex = net.node(ids[2]);
  REQUIRE(ex.count<notice::OperationSucceeded>() >= 1);
  CHECK(ex.all<notice::OperationSucceeded>().back()->weAreExcluded);
  net.advance(Millis{2000});  // the kick follows the old subsession's end ([JS] taskLeave)
  CHECK(net.s(ids[2]).state() == SessionState::Parted);  // kicked (H-18)
  REQUIRE(net.s(ids[1]).send("after", net.now).has_value());
  net.advance(Millis{5000});
  CHECK(net.node(ids[0]).payloads().back() == ids[1] + ": after");
  CHECK(net.node(ids[2]).payloads().empty());
  // The excluded member cannot send any more.
  CHECK_FALSE(net.s(ids[2]).send("still here?", net.now).has_value());
}

TEST_CASE(
    "session: a clean part sends a double FIN, others exclude, the leaver ends parted (A-25, T-P3, T-P4)",
    "[session]") {
  Net net(14);
  auto ids = net.startGroup(3);
  REQUIRE(net.s(ids[2]).send("bye all", net.now).has_value());
  net.run();
  net.s(ids[2]).part(net.now);
  CHECK(net.s(ids[2]).state() == SessionState::Parting);
  CHECK_FALSE(net.s(ids[2]).send("one more", net.now).has_value());
  net.settle();
  net.advance(Millis{10000});
  CHECK(net.s(ids[2]).state() == SessionState::Parted);
  CHECK_FALSE(net.s(ids[2]).inChannel());
  net.checkAgreement({ids[0], ids[1]});
  bool sawIntent = false;
  for (const auto* f : net.node(ids[0]).all<PeerFin>())
    sawIntent = sawIntent || (f->leaveIntent && f->member == ids[2]);
  CHECK(sawIntent);
  // The leaver's last message was fully acked before it left: no W-11 anywhere.
  requireNoWarnings(net);
}

TEST_CASE(
    "session: losing the connection drops the subsession; unacked own messages are reported (T-LI, W-11)",
    "[session]") {
  Net net(15);
  auto ids = net.startGroup(3);
  // ids[1] stops hearing anything: our message cannot be acked by it.
  net.partitioned.insert(ids[1]);
  REQUIRE(net.s(ids[0]).send("are you there?", net.now).has_value());
  net.run();
  net.serverDrops(ids[0]);  // our connection is lost before the ack arrives
  net.run();
  const auto& me = net.node(ids[0]);
  CHECK(net.s(ids[0]).state() == SessionState::Parted);
  REQUIRE(me.count<event::InconsistentDropped>() == 1);
  const auto* d = me.all<event::InconsistentDropped>()[0];
  CHECK(d->ownUnacked.size() == 1);
  CHECK_FALSE(net.s(ids[0]).isConsistent());
}

TEST_CASE("session: a server showing one member a different channel yields W-9 chain-hash mismatches",
          "[session]") {
  Net net(16);
  net.tweak = [](SessionConfig& c) { c.membership.autoIncludeJoiners = false; };
  auto ids = net.startGroup(2);
  // A raw occupant enters; ids[1] is shown this enter only later (forged order),
  // so it computes different packet IDs for the next operation (H-10b, H-11).
  bool holding = true;
  net.hold = [&](const std::string& to, const session::ChannelEvent& ev) {
    return holding && to == ids[1] && ev.kind != session::ChannelEvent::Kind::Packet;
  };
  net.ch.enter("room@muc.x/ghost");
  net.run();
  holding = false;
  auto r = net.s(ids[0]).refresh(net.now);
  INFO((r ? std::string() : r.error().detail));
  REQUIRE(r);
  net.run();
  net.release(ids[1]);
  net.settle();
  net.advance(Millis{5000});
  CHECK(net.node(ids[0]).count<event::ChainHashMismatch>() >= 1);
  CHECK(net.node(ids[1]).count<event::ChainHashMismatch>() >= 1);
}

TEST_CASE("session: with a v1 peer no chain acks are sent and none are missed", "[session]") {
  Net net(17);
  net.features[sid(1)] = {};  // a v1 client: no extensions
  auto ids = net.startGroup(2);
  net.checkAgreement(ids);
  net.advance(Millis{6000});
  for (const auto& id : ids) {
    CHECK(net.node(id).count<event::ChainConfirmed>() == 0);
    CHECK(net.node(id).count<event::ChainAckMissing>() == 0);
  }
  requireNoWarnings(net);
}

TEST_CASE("session: a joiner nobody includes leaves and re-enters after the timeout (T-TO1)", "[session]") {
  Net net(18);
  net.tweak = [](SessionConfig& c) { c.membership.autoIncludeJoiners = false; };
  auto a = sid(0), b = sid(1), c = sid(2);
  net.add(a);
  net.add(b);
  net.s(a).join(net.now);
  net.run();
  net.s(b).join(net.now);
  net.run();
  REQUIRE(net.s(a).include({b}, net.now));
  net.settle();
  net.add(c);
  net.s(c).join(net.now);
  net.run();
  CHECK(net.s(c).state() == SessionState::Joining);
  net.advance(Millis{25000});
  CHECK(net.node(c).count<event::Reentering>() == 1);
  CHECK(net.node(c).count<event::SessionStateChanged>() >= 2);
  net.advance(Millis{20000});
  CHECK(net.s(c).inChannel());  // back in the channel
}

TEST_CASE("session: a crashed member is excluded after the server drops it; the rest continue", "[session]") {
  Net net(19);
  auto ids = net.startGroup(3);
  net.crash(ids[2]);
  REQUIRE(net.s(ids[0]).send("did you crash?", net.now).has_value());
  net.advance(Millis{4000});
  net.serverDrops(ids[2]);
  net.settle();
  net.advance(Millis{12000});
  net.checkAgreement({ids[0], ids[1]});
  // The message sent before the exclusion was never acked by the crashed
  // member: its subsession ended inconsistent, and that is reported (W-3, W-11).
  CHECK(net.node(ids[0]).count<NotFullyAcked>() >= 1);
  CHECK(net.node(ids[0]).count<event::InconsistentDropped>() == 1);
  REQUIRE(net.s(ids[1]).send("we go on", net.now).has_value());
  net.advance(Millis{5000});
  CHECK(net.node(ids[0]).payloads().back() == ids[1] + ": we go on");
  // It restarts with the same identity and is included again.
  net.restart(ids[2]);
  net.settle();
  net.checkAgreement(ids);
}

TEST_CASE("session: garbage and forged packets warn and change nothing (W-4)", "[session]") {
  Net net(20);
  auto ids = net.startGroup(2);
  const auto before = net.s(ids[0]).sessionId();
  net.ch.enter("room@muc.x/mallory");
  net.run();
  net.ch.send("room@muc.x/mallory", "?mpENC:AAAA.");
  net.ch.send("room@muc.x/mallory", "?mpENC:not base64!.");
  net.run();
  CHECK(net.node(ids[0]).count<InvalidMessage>() >= 2);
  CHECK(net.s(ids[0]).sessionId() == before);
  REQUIRE(net.s(ids[0]).send("still fine", net.now).has_value());
  net.advance(Millis{5000});
  CHECK(net.node(ids[1]).payloads().back() == ids[0] + ": still fine");
}

TEST_CASE(
    "session: an initial packet naming messages we never received is fatal at the end of the old subsession "
    "without the recovery (H-C6, W-10, U-22; the recovery: session_w10_test.cpp)",
    "[session]") {
  Net net(21);
  codec::MessageId bogus{};
  bogus.fill(0x5a);
  net.tweak = [bogus](SessionConfig& c) {
    c.recoverFromBrokenTranscript = false;  // the reference behaviour
    if (c.membership.self == sid(0))
      c.membership.latestPm = [bogus] { return std::vector<codec::MessageId>{bogus}; };
  };
  auto ids = net.startGroup(2);
  net.checkAgreement(ids);
  REQUIRE(net.s(ids[0]).refresh(net.now));
  net.settle();
  net.advance(Millis{10000});
  const auto& victim = net.node(ids[1]);
  REQUIRE(victim.count<event::TranscriptBroken>() == 1);
  CHECK(victim.all<event::TranscriptBroken>()[0]->unknown == std::vector<codec::MessageId>{bogus});
  CHECK(net.s(ids[1]).stopped());
  CHECK_FALSE(net.s(ids[1]).inChannel());  // participation ended
  CHECK_FALSE(net.s(ids[1]).send("anything", net.now).has_value());
  // The rule is the same for the initiator: its (tampered) LATEST_PM is not in
  // its transcript either, so it stops too.
  CHECK(net.node(ids[0]).count<event::TranscriptBroken>() == 1);
}

TEST_CASE(
    "session: LATEST_PM naming a message that arrives late is not W-10 (H-C6 waits for the old subsession)",
    "[session]") {
  Net net(22);
  net.tweak = [](SessionConfig& c) { c.membership.autoIncludeJoiners = false; };
  auto ids = net.startGroup(3);
  // ids[2] receives ids[0]'s message only after the REFRESH that names it.
  bool holding = true;
  net.hold = [&](const std::string& to, const session::ChannelEvent& ev) {
    return holding && to == ids[2] && ev.kind == session::ChannelEvent::Kind::Packet && ev.sender == ids[0];
  };
  REQUIRE(net.s(ids[0]).send("named by the next operation", net.now).has_value());
  net.run();
  holding = false;
  REQUIRE(net.s(ids[1]).refresh(net.now));
  net.run();
  net.release(ids[2]);
  net.settle();
  net.advance(Millis{10000});
  for (const auto& id : ids) {
    INFO(id);
    CHECK(net.node(id).count<event::TranscriptBroken>() == 0);
    CHECK_FALSE(net.s(id).stopped());
  }
  net.checkAgreement(ids);
}

TEST_CASE("session: A-26 — an accepted operation makes every member ask for acks in the old subsession",
          "[session]") {
  Net net(23);
  auto ids = net.startGroup(2);
  REQUIRE(net.s(ids[1]).send("pending", net.now).has_value());
  net.run();
  std::size_t consistencyBefore = 0;
  for (const auto* d : net.node(ids[0]).all<Delivered>())
    consistencyBefore += (d->body.type == codec::BodyType::Consistency && !d->body.flag) ? 1 : 0;
  REQUIRE(net.s(ids[0]).refresh(net.now));
  net.settle();
  std::size_t requests = 0;
  for (const auto* d : net.node(ids[0]).all<Delivered>())
    requests += (d->body.type == codec::BodyType::Consistency && !d->body.flag) ? 1 : 0;
  CHECK(requests - consistencyBefore == 2);  // Consistency(close = false) from both members
  requireNoWarnings(net);
}

TEST_CASE(
    "session: after a server restart former members re-establish without anyone re-inviting them (T-LI, "
    "T-P2)",
    "[session]") {
  Net net(24);
  net.tweak = [](SessionConfig& c) { c.membership.autoIncludeJoiners = false; };
  auto ids = net.startGroup(3);
  net.checkAgreement(ids);
  const auto oldSid = net.s(ids[0]).sessionId();
  for (const auto& id : ids) net.ch.leave(id);  // the server goes away: everyone is out
  net.run();
  for (const auto& id : ids) CHECK(net.s(id).state() == SessionState::Parted);
  for (const auto& id : ids) {  // the transport rejoins on reconnect, one after the other
    net.s(id).join(net.now);
    net.run();
  }
  net.settle();
  net.checkAgreement(ids);
  CHECK(net.s(ids[0]).sessionId() != oldSid);
  REQUIRE(net.s(ids[2]).send("back again", net.now).has_value());
  net.advance(Millis{5000});
  CHECK(net.node(ids[0]).payloads().back() == ids[2] + ": back again");
}

TEST_CASE("session: a member our user excluded is not re-included automatically when it comes back (T-ES)",
          "[session]") {
  Net net(25);
  net.tweak = [](SessionConfig& c) { c.membership.autoIncludeJoiners = false; };
  auto ids = net.startGroup(3);
  REQUIRE(net.s(ids[0]).exclude({ids[2]}, net.now));
  net.settle();
  net.checkAgreement({ids[0], ids[1]});
  net.advance(Millis{2000});  // kicked once the old subsession ended (H-18, [JS] taskLeave)
  REQUIRE_FALSE(net.present(ids[2]));
  net.restart(ids[2]);
  net.settle();
  CHECK(net.s(ids[2]).state() == SessionState::Joining);
  CHECK(net.s(ids[0]).members() == std::vector<std::string>{ids[0], ids[1]});
  CHECK(net.node(ids[0]).count<notice::JoinRequest>() >= 1);  // the user decides (U-10)
}

TEST_CASE("session: a member whose connection dropped is re-included when it reconnects (T-LS, then rejoin)",
          "[session]") {
  Net net(26);
  net.tweak = [](SessionConfig& c) { c.membership.autoIncludeJoiners = false; };
  auto ids = net.startGroup(3);
  net.ch.leave(ids[1]);  // its connection drops
  net.run();
  net.settle();
  net.checkAgreement({ids[0], ids[2]});
  net.s(ids[1]).join(net.now);  // the transport rejoins
  net.run();
  net.settle();
  net.checkAgreement(ids);
}

TEST_CASE("session: a former member whose key changed is not re-included without consent (autoIncludeVeto)",
          "[session]") {
  // The same reconnect as above, but the others veto automatic inclusion of
  // ids[1] (its identity key changed and the user has not accepted it): it
  // stays outside, the others are asked (U-10), and including it by hand works.
  Net net(27);
  std::set<std::string> vetoed;
  net.tweak = [&vetoed](SessionConfig& c) {
    c.membership.autoIncludeJoiners = false;
    c.membership.autoIncludeVeto = [&vetoed](const std::string& m) { return vetoed.count(m) != 0; };
  };
  auto ids = net.startGroup(3);
  net.ch.leave(ids[1]);
  net.run();
  net.settle();
  net.checkAgreement({ids[0], ids[2]});
  CHECK(net.s(ids[0]).isRejoining(ids[1]));  // without the veto it would come back by itself
  vetoed.insert(ids[1]);
  const auto asked = net.node(ids[0]).count<notice::JoinRequest>();
  net.s(ids[1]).join(net.now);
  net.run();
  net.settle();
  CHECK(net.s(ids[0]).members() == std::vector<std::string>{ids[0], ids[2]});
  CHECK(net.s(ids[1]).state() == SessionState::Joining);
  CHECK(net.node(ids[0]).count<notice::JoinRequest>() > asked);  // the user decides (U-10)
  // Consent given: the user includes it.
  vetoed.clear();
  REQUIRE(net.s(ids[0]).include({ids[1]}, net.now));
  net.run();
  net.settle();
  net.checkAgreement(ids);
}

TEST_CASE(
    "session: a former member re-included after a drop, then excluded by another member, is not re-included "
    "automatically by anyone when it comes back (T-ES; found by the real-server soak)",
    "[session]") {
  // The rejoin of a member whose connection dropped (T-P2) is consumed when it
  // is included again: otherwise the stale entry made a third member undo a
  // later exclusion by someone else the moment the excluded one re-entered.
  Net net(28);
  net.tweak = [](SessionConfig& c) { c.membership.autoIncludeJoiners = false; };
  auto ids = net.startGroup(3);
  net.ch.leave(ids[2]);  // its connection drops: a former member to take back
  net.run();
  net.settle();
  CHECK(net.s(ids[1]).isRejoining(ids[2]));
  net.s(ids[2]).join(net.now);
  net.run();
  net.settle();
  net.checkAgreement(ids);
  CHECK_FALSE(net.s(ids[1]).isRejoining(ids[2]));  // back in: nothing left to rejoin
  REQUIRE(net.s(ids[0]).exclude({ids[2]}, net.now));
  net.settle();
  net.checkAgreement({ids[0], ids[1]});
  net.advance(Millis{2000});  // kicked once the old subsession ended (H-18)
  REQUIRE_FALSE(net.present(ids[2]));
  net.restart(ids[2]);
  net.settle();
  CHECK(net.s(ids[2]).state() == SessionState::Joining);
  CHECK(net.s(ids[0]).members() == std::vector<std::string>{ids[0], ids[1]});
  CHECK(net.s(ids[1]).members() == std::vector<std::string>{ids[0], ids[1]});
}
