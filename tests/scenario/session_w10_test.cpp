// W-10 (H-C6) and its recovery (docs/w10-insider-dos.md, option D): an
// insider that names bogus LATEST_PM no longer ends everyone's participation;
// the members that cannot find the named messages exclude the claimant and go
// on without it, and a transport that withheld a message from one member only
// costs that member's trust in the claimant, nothing else.
#include "catch.h"
#include "session_net.h"

using namespace sesstest;
using session::SessionConfig;

namespace {

codec::MessageId bogusId() {
  codec::MessageId b{};
  b.fill(0x5a);
  return b;
}

// ids[0] is the insider: once `lying` is set, every LATEST_PM it proposes names
// a message nobody has, and it never leaves the channel on its own (it ignores
// its own W-10). Until then it proposes max(G) like everyone.
std::vector<std::string> groupWithInsider(Net& net, std::size_t n, const bool& lying) {
  const auto bogus = bogusId();
  net.tweak = [bogus, &net, &lying](SessionConfig& c) {
    if (c.membership.self != sid(0)) return;
    c.membership.latestPm = [bogus, &net, &lying] {
      if (lying) return std::vector<codec::MessageId>{bogus};
      const auto* cur = net.s(sid(0)).current();
      return cur ? cur->transcript().max() : std::vector<codec::MessageId>{};
    };
  };
  auto ids = net.startGroup(n);
  net.node(ids[0]).stays = true;
  net.checkAgreement(ids);
  return ids;
}

std::vector<std::string> without(std::vector<std::string> ids, const std::string& who) {
  std::erase(ids, who);
  return ids;
}

}  // namespace

TEST_CASE(
    "W-10 recovery: the victims of a bogus LATEST_PM exclude the claimant and continue (H-C6, option D)",
    "[session][w10]") {
  Net net(1001);
  bool lying = false;
  const auto ids = groupWithInsider(net, 4, lying);
  const std::string insider = ids[0];
  const auto honest = without(ids, insider);
  REQUIRE(net.s(ids[1]).send("before the claim", net.now).has_value());
  net.settle();

  lying = true;
  REQUIRE(net.s(insider).refresh(net.now));  // a REFRESH needs nobody's consent
  net.settle();
  net.advance(Millis{15000});  // the old subsession ends (FIN), then W-10, then the exclusion
  net.settle();

  for (const auto& id : honest) {
    INFO(id);
    const auto& n = net.node(id);
    REQUIRE(n.count<event::TranscriptBroken>() == 1);
    const auto* b = n.all<event::TranscriptBroken>()[0];
    CHECK(b->unknown == std::vector<codec::MessageId>{bogusId()});
    CHECK(b->claimant == insider);
    CHECK(b->continuing);
    CHECK_FALSE(net.s(id).stopped());
    CHECK(net.s(id).inChannel());
    CHECK(net.s(id).isClaimant(insider));
  }
  net.checkAgreement(honest);         // one new subsession of the honest members, without the insider
  CHECK_FALSE(net.present(insider));  // excluded and kicked (H-18), once its old subsession ended
  CHECK(net.kicksOf(insider) >= 1);

  // The honest members talk on, fully acknowledged, with no further warning.
  std::vector<std::size_t> before;
  for (const auto& id : honest) before.push_back(net.node(id).warnings().size());
  REQUIRE(net.s(honest[0]).send("after the claim", net.now).has_value());
  net.settle();
  net.advance(Millis{10000});
  for (std::size_t i = 0; i < honest.size(); ++i) {
    INFO(honest[i]);
    CHECK(net.node(honest[i]).payloads().back() == honest[0] + ": after the claim");
    CHECK(net.s(honest[i]).current()->isConsistent());
    CHECK(net.node(honest[i]).warnings().size() == before[i]);
  }

  // It comes back: auto-include (on in this net) does not take it in again.
  net.node(insider).stays = false;
  net.restart(insider);
  net.settle();
  net.advance(Millis{10000});
  for (const auto& id : honest)
    CHECK(net.s(id).members() == [&] {
      auto m = honest;
      std::sort(m.begin(), m.end());
      return m;
    }());

  // A user who includes it by hand clears the mark; a new bogus claim costs it its place again.
  REQUIRE(net.s(honest[0]).include({insider}, net.now));
  net.settle();
  net.checkAgreement(ids);
  CHECK_FALSE(net.s(honest[0]).isClaimant(insider));
  net.node(insider).stays = true;
  REQUIRE(net.s(insider).refresh(net.now));
  net.settle();
  net.advance(Millis{15000});
  net.settle();
  net.checkAgreement(honest);
  for (const auto& id : honest) CHECK_FALSE(net.s(id).stopped());
}

TEST_CASE("W-10 with recovery off is fatal as in the reference implementation (U-22)", "[session][w10]") {
  Net net(1002);
  const auto bogus = bogusId();
  net.tweak = [bogus](SessionConfig& c) {
    c.recoverFromBrokenTranscript = false;
    if (c.membership.self == sid(0))
      c.membership.latestPm = [bogus] { return std::vector<codec::MessageId>{bogus}; };
  };
  auto ids = net.startGroup(2);  // the insider includes its peer; no earlier subsession: nothing to name yet
  net.node(ids[0]).stays = true;
  REQUIRE(net.s(ids[0]).refresh(net.now));
  net.settle();
  net.advance(Millis{15000});
  for (const auto& id : {ids[1]}) {
    INFO(id);
    REQUIRE(net.node(id).count<event::TranscriptBroken>() == 1);
    CHECK_FALSE(net.node(id).all<event::TranscriptBroken>()[0]->continuing);
    CHECK(net.s(id).stopped());
    CHECK_FALSE(net.s(id).inChannel());
  }
}

TEST_CASE(
    "W-10: a message the transport withheld from one member makes only that member exclude the claimant",
    "[session][w10]") {
  Net net(1003);
  net.tweak = [](SessionConfig& c) { c.membership.autoIncludeJoiners = false; };
  auto ids = net.startGroup(3);
  const std::string victim = ids[2], claimant = ids[1];
  // ids[0]'s message never reaches the victim: not from its author, not as a
  // resend, not rebroadcast by another member (the same packet).
  bool withholding = true;
  std::string withheld;
  net.drop = [&](const std::string& to, const session::ChannelEvent& ev) {
    if (!withholding || to != victim) return false;
    if (withheld.empty() && ev.sender == ids[0]) withheld = ev.wire;
    return ev.wire == withheld;
  };
  const auto hidden = net.s(ids[0]).send("the victim never sees this", net.now);
  REQUIRE(hidden.has_value());
  net.run();
  REQUIRE(net.s(claimant).refresh(net.now));  // honest: its LATEST_PM names that message
  net.settle();
  net.advance(Millis{15000});
  net.settle();

  INFO(describeEvents(net.node(victim)));
  for (const auto* d : net.node(victim).all<Delivered>()) CHECK(d->id != *hidden);
  withholding = false;
  REQUIRE(net.node(victim).count<event::TranscriptBroken>() == 1);
  CHECK(net.node(victim).all<event::TranscriptBroken>()[0]->claimant == claimant);
  CHECK(net.node(victim).all<event::TranscriptBroken>()[0]->continuing);
  CHECK(net.node(ids[0]).count<event::TranscriptBroken>() == 0);  // it had the message
  CHECK(net.node(claimant).count<event::TranscriptBroken>() == 0);
  CHECK_FALSE(net.s(victim).stopped());
  CHECK_FALSE(net.s(ids[0]).stopped());
  net.checkAgreement({ids[0], victim});  // the claimant was excluded; the rest go on together
  REQUIRE(net.s(victim).send("still here", net.now).has_value());
  net.settle();
  CHECK(net.node(ids[0]).payloads().back() == victim + ": still here");
}

TEST_CASE("W-10 naming our own proposal (a tampered LATEST_PM of ours) still stops us", "[session][w10]") {
  Net net(1004);
  bool lying = false;
  const auto ids = groupWithInsider(net, 2, lying);
  net.node(ids[0]).stays = false;
  lying = true;
  REQUIRE(net.s(ids[0]).refresh(net.now));
  net.settle();
  net.advance(Millis{15000});
  REQUIRE(net.node(ids[0]).count<event::TranscriptBroken>() == 1);
  CHECK(net.node(ids[0]).all<event::TranscriptBroken>()[0]->claimant == ids[0]);
  CHECK_FALSE(net.node(ids[0]).all<event::TranscriptBroken>()[0]->continuing);
  CHECK(net.s(ids[0]).stopped());
  // Its peer names it and goes on alone in the room.
  REQUIRE(net.node(ids[1]).count<event::TranscriptBroken>() == 1);
  CHECK(net.node(ids[1]).all<event::TranscriptBroken>()[0]->continuing);
  CHECK_FALSE(net.s(ids[1]).stopped());
  CHECK(net.s(ids[1]).inChannel());
}
