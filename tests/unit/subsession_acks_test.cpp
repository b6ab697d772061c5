// Subsession acks, auto-acks, resends and FIN (protocol-rules.md §2; §6 "Acks"
// matrix items 1–6). Each test names the rule it would catch.
#include <string>

#include "catch.h"
#include "subsession_harness.h"

using namespace mpenc;
using namespace mpenc::session;
using namespace mpenc::session::testing;
using codec::BodyType;
using namespace std::chrono_literals;

namespace {

std::optional<transcript::Pos> posOf(Subsession& s, const MessageId& id) {
  return s.transcript().find(id);
}

MessageId lastOwn(Group& g, std::size_t i) {
  const auto& t = g[i].transcript();
  return t.id(*t.latestBy(*t.members().find(g.names[i])));
}

}  // namespace

TEST_CASE("Acks 1 (A-5): unackby shrinks for transitive acks", "[session][acks]") {
  Group g(3);
  g.say(0, "a");
  g.runFor(1s);
  const MessageId a = lastOwn(g, 0);
  g.say(1, "b");
  g.runFor(1s);
  const auto pa = *posOf(g[0], a);
  CHECK(g[0].transcript().unackedBy(pa) == std::vector<std::string>{"m2"});
  g.say(2, "c");
  const MessageId c = lastOwn(g, 2);
  // c references only b, yet acks a for m2 (A-1, A-5 walk).
  CHECK(g[2].transcript().parents(*posOf(g[2], c)).size() == 1);
  g.runFor(1s);
  CHECK(g[0].transcript().isFullyAcked(pa));
  CHECK(g.noticesOf<FullyAcked>(0).size() >= 1);
}

TEST_CASE("Acks 2 (A-9): one auto-ack covers a burst of three messages", "[session][acks]") {
  Group g(3);
  g.say(0, "one");
  g.runFor(1s);
  g.say(1, "two");
  g.runFor(1s);
  g.say(0, "three");
  g.runFor(120s);
  CHECK(g.sentBy("m2", BodyType::ExplicitAck) == 1);  // exactly one, not three
  CHECK(g.sentBy("m2", BodyType::Payload) == 0);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(g[i].isConsistent());
    CHECK(g.warnings(i) == 0);
  }
}

TEST_CASE("Acks 2b (A-9): a content message we send first cancels the auto-ack", "[session][acks]") {
  Group g(2);
  g.say(0, "hello");
  g.runFor(10s);
  g.say(1, "hi");
  g.runFor(120s);
  CHECK(g.sentBy("m1", BodyType::ExplicitAck) == 0);
  CHECK(g.sentBy("m0", BodyType::ExplicitAck) == 1);  // m0 acks "hi"
}

TEST_CASE("Acks 3 (A-10): two idle members exchange at most one auto-ack each per batch", "[session][acks]") {
  Group g(2);
  g.say(0, "x");
  g.say(1, "y");  // concurrent batch
  g.runFor(60s);
  const auto sentAt60 = g.sent.size();
  g.runFor(600s);
  CHECK(g.sentBy("m0", BodyType::ExplicitAck) <= 1);
  CHECK(g.sentBy("m1", BodyType::ExplicitAck) <= 1);
  CHECK(g.sent.size() == sentAt60);  // no ack ping-pong, no resends
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(g[i].monitor().monitored() == 0);
    CHECK(g.warnings(i) == 0);
  }
}

TEST_CASE("Acks 4 (A-16): a duplicate of a message we acked explicitly makes us resend that ack",
          "[session][acks][resend]") {
  Group g(3);
  g.say(0, "a");
  const std::string aWire = g.sent.back().second;
  g.runFor(30s);  // m1 and m2 auto-ack a at 21 s
  REQUIRE(g.sentBy("m1", BodyType::ExplicitAck) == 1);
  const std::string ackWire = [&] {
    for (const auto& [from, w] : g.sent)
      if (from == "m1" && w != aWire) return w;
    return std::string{};
  }();
  // Someone (m2, a channel sender other than the author) resends a.
  Subsession* c[] = {&g[1]};
  auto r = receiveData(c, g.pending[1], "m2", aWire, g.now);
  CHECK(r.duplicate);
  // m2 acked a visibly before (its ack is concurrent with m1's): m1 cannot tell
  // m2 has its ack, so it resends it.
  REQUIRE(r.out.send.size() == 1);
  CHECK(r.out.send[0] == ackWire);
  // Throttle: not again within ackResendGap.
  auto again = receiveData(c, g.pending[1], "m2", aWire, g.now + 1s);
  CHECK(again.out.send.empty());
  // Our own reflection is not a reason to resend.
  auto self = receiveData(c, g.pending[1], "m1", aWire, g.now + 10s);
  CHECK(self.out.send.empty());
}

TEST_CASE("A-16 recovery: a lost trailing explicit ack is recovered by the author's resend",
          "[session][acks][resend]") {
  Group g(3);
  int dropped = 0;
  g.drop = [&](const std::string& from, std::size_t to, const std::string&) {
    // Lose m2's auto-ack on its way to m0 (once).
    if (from == "m2" && to == 0 && g.now > 20s && dropped == 0) return ++dropped, true;
    return false;
  };
  g.say(0, "a");
  const MessageId a = lastOwn(g, 0);
  g.runFor(200s);
  REQUIRE(dropped == 1);
  // W-3 at m0 naming m2, then cancelled by full-ack (U-15).
  auto w3 = g.noticesOf<NotFullyAcked>(0);
  REQUIRE(w3.size() == 1);
  CHECK(w3[0].id == a);
  CHECK(w3[0].unackedBy == std::vector<std::string>{"m2"});
  bool cancelled = false;
  for (const auto& f : g.noticesOf<FullyAcked>(0)) cancelled = cancelled || (f.id == a && f.afterWarning);
  CHECK(cancelled);
  CHECK(g[0].transcript().isFullyAcked(*posOf(g[0], a)));
  CHECK(g[2].monitor().resendsSent() >= 1);  // m2 resent its ack
}

TEST_CASE("Resend (A-13, A-14): a packet dropped to one member is resent and becomes fully acked",
          "[session][resend]") {
  for (std::size_t n : {3u, 5u}) {
    CAPTURE(n);
    Group g(n, 7 + n);
    std::string lost;
    g.drop = [&](const std::string& from, std::size_t to, const std::string& w) {
      if (from == "m0" && to == n - 1 && lost.empty()) return lost = w, true;
      return false;
    };
    g.say(0, "dropped to the last member");
    const MessageId a = lastOwn(g, 0);
    g.runFor(300s);
    for (std::size_t i = 0; i < n; ++i) {
      CAPTURE(i);
      const auto p = posOf(g[i], a);
      REQUIRE(p);
      CHECK(g[i].transcript().isFullyAcked(*p));
      CHECK(g[i].isConsistent());
    }
    // The right W-3 meanwhile: at the author, the unacker is the last member.
    auto w3 = g.noticesOf<NotFullyAcked>(0);
    REQUIRE(!w3.empty());
    CHECK(w3[0].unackedBy == std::vector<std::string>{g.names[n - 1]});
    // Throttle: original + a bounded number of resends of the same packet.
    CHECK(g.timesSent(lost) >= 2);
    CHECK(g.timesSent(lost) <= 3);
  }
}

TEST_CASE("Acks 5 (A-23): FIN ends in PARTED when fully acked", "[session][fin]") {
  Group g(3);
  g.say(1, "before");
  g.runFor(1s);
  g.takeOk(0, g[0].fin(g.now));
  CHECK(g[0].state() == SubsessionState::Parting);
  CHECK_FALSE(g[0].sendPayload("more", g.now));
  CHECK(g[0].sendExplicitAck(true, g.now));      // O-4: acks still allowed
  g.runFor(10s);                                 // prompt acks (A-21) + 1·BC_LAT settle
  CHECK(g[0].state() == SubsessionState::Parted);
  CHECK(g.warnings(0) == 0);
  const auto fins = g.noticesOf<PeerFin>(1);
  REQUIRE(fins.size() == 1);
  CHECK_FALSE(fins[0].leaveIntent);
}

TEST_CASE("Acks 5 (A-23): FIN ends in PART_FAILED after 16·BC_LAT with a Payload unacked", "[session][fin]") {
  Group g(3);
  g.drop = [](const std::string& from, std::size_t to, const std::string&) {
    return from == "m0" && to != 0;
  };
  g.say(0, "nobody hears this");
  const MessageId x = lastOwn(g, 0);
  g.takeOk(0, g[0].fin(g.now));
  const MessageId f = *g[0].ownFin();
  g.runFor(79s);
  CHECK(g[0].state() == SubsessionState::Parting);
  g.runFor(2s);
  CHECK(g[0].state() == SubsessionState::PartFailed);
  auto w6 = g.noticesOf<FinNotConfirmed>(0);
  REQUIRE(w6.size() == 1);
  CHECK(w6[0].fin == f);
  CHECK(std::find(w6[0].unconfirmed.begin(), w6[0].unconfirmed.end(), x) != w6[0].unconfirmed.end());
  CHECK(g[0].flag(x) == Subsession::Flag::FinUnconfirmed);
  CHECK_FALSE(g[0].isConsistent());
}

TEST_CASE("Acks 6 (A-22): content received after our FIN is flagged permanently", "[session][fin]") {
  Group g(3);
  g.say(1, "seen before the FIN");
  g.runFor(1s);
  const MessageId before = lastOwn(g, 1);
  g.takeOk(0, g[0].fin(g.now));
  g.say(2, "concurrent with the FIN");  // not in anc(FIN)
  const MessageId after = lastOwn(g, 2);
  g.runFor(30s);
  auto w7 = g.noticesOf<ContentAfterFin>(0);
  REQUIRE(w7.size() == 1);
  CHECK(w7[0].id == after);
  CHECK(w7[0].author == "m2");
  CHECK(g[0].flag(after) == Subsession::Flag::ContentAfterFin);
  CHECK_FALSE(g[0].flag(before));
  CHECK(g.noticesOf<ContentAfterFin>(1).empty());  // only the FIN sender flags
}

TEST_CASE("A-25: two FINs in a row signal leave intent", "[session][fin]") {
  Group g(3);
  g.takeOk(2, g[2].finLeave(g.now));
  g.runFor(10s);
  const auto fins = g.noticesOf<PeerFin>(0);
  REQUIRE(fins.size() == 2);
  CHECK_FALSE(fins[0].leaveIntent);
  CHECK(fins[1].leaveIntent);
  CHECK(fins[1].member == "m2");
  const auto& t = g[0].transcript();
  const auto second = *t.find(fins[1].id);
  CHECK(t.parents(second) == std::vector<transcript::Pos>{*t.find(fins[0].id)});
  CHECK(g[2].state() == SubsessionState::Parted);
}

TEST_CASE("A-11, A-26: Consistency(close=false) gets a monitor and prompt acks", "[session][acks]") {
  Group g(3);
  g.takeOk(0, g[0].requestConsistency(g.now));
  g.runFor(3s);  // promptAck = 1 s, not 21 s
  CHECK(g.sentBy("m1", BodyType::ExplicitAck) == 1);
  CHECK(g.sentBy("m2", BodyType::ExplicitAck) == 1);
  CHECK(g[0].transcript().unackedCount() <= 2);  // only the two trailing acks
  CHECK(g[0].isConsistent());
}

TEST_CASE("Heartbeats (§2.9, O-17): off by default; when on, idle members send one and silence warns (W-8)",
          "[session][heartbeat]") {
  {
    Group g(2);
    g.runFor(600s);
    CHECK(g.sent.empty());
  }
  Timing t;
  t.heartbeats = true;
  Group g(3, 3, t);
  g.drop = [](const std::string& from, std::size_t, const std::string&) { return from == "m2"; };
  g.runFor(130s);
  CHECK(g.sentBy("m0", BodyType::HeartBeat) == 1);
  auto w8 = g.noticesOf<MemberNotResponding>(0);
  REQUIRE(w8.size() == 1);
  CHECK(w8[0].member == "m2");
  CHECK(g.noticesOf<MemberNotResponding>(1).size() == 1);
}
