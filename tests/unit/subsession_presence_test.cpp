// W-8 without heartbeats (protocol-rules.md §2.9, §2.10 W-8; O-17 "implicit
// heartbeats only"): a member that owes an ack for a message and from whom
// nothing was heard for Timing::notResponding (FA_INTV + BC_LAT) is reported
// not responding; the next authenticated message from it clears that. Pure
// simulator clock (subsession_harness.h): every time below is exact.
#include <string>

#include "catch.h"
#include "subsession_harness.h"

using namespace mpenc;
using namespace mpenc::session;
using namespace mpenc::session::testing;
using namespace std::chrono_literals;

TEST_CASE("W-8 owed ack: an idle room raises nothing, heartbeats off", "[session][presence]") {
  Group g(3);
  g.say(0, "hello");
  g.runFor(60s);  // everyone acks, then nobody owes anything
  g.runFor(600s);
  for (std::size_t i = 0; i < g.size(); ++i) {
    CHECK(g.noticesOf<MemberNotResponding>(i).empty());
    CHECK(g[i].notResponding().empty());
  }
  // A member silent from the start, with nothing sent to it, owes nothing either.
  Group quiet(3, 2);
  quiet.drop = [](const std::string& from, std::size_t, const std::string&) { return from == "m2"; };
  quiet.runFor(600s);
  CHECK(quiet.noticesOf<MemberNotResponding>(0).empty());
}

TEST_CASE("W-8 owed ack: a member that stops answering after a message is reported after the threshold",
          "[session][presence]") {
  const Timing t;  // defaults: FA_INTV 26 s, BC_LAT 5 s, notResponding 31 s
  REQUIRE(t.notResponding == t.faIntv + t.bcLat);
  Group g(3, 7, t);
  g.say(0, "before");
  g.runFor(40s);  // fully acked by everyone
  REQUIRE(g[0].isConsistent());
  // m2 hangs (SIGSTOP) for 60 s: it processes nothing; what is sent to it
  // waits in the transport (TCP) and arrives when it resumes.
  const Millis resumeAt = g.now + 60s;
  g.extraDelay = [&g, resumeAt](const std::string& from, std::size_t to) {
    return (from == "m2" || to == 2) && g.now < resumeAt ? resumeAt - g.now : Millis{0};
  };
  const Millis sentAt = g.now;
  g.say(0, "to a hung member");
  g.runUntil(sentAt + t.notResponding - 1ms);
  CHECK(g.noticesOf<MemberNotResponding>(0).empty());  // not before the threshold
  CHECK(g.noticesOf<MemberNotResponding>(1).empty());
  g.runUntil(sentAt + t.notResponding);
  auto w0 = g.noticesOf<MemberNotResponding>(0);
  REQUIRE(w0.size() == 1);
  CHECK(w0[0].member == "m2");
  // Last heard: m2's auto-ack of "before" (21 s after it, +100 ms latency).
  CHECK(w0[0].silentFor == g.now - w0[0].lastHeard);
  CHECK(w0[0].silentFor > t.notResponding);
  CHECK(g[0].notResponding() == std::vector<std::string>{"m2"});
  // m1 owes m0 an ack too but answered: only m2 is reported, at m1 as well
  // (100 ms later: m1 accepted the message 100 ms after m0).
  g.runFor(1s);
  auto w1 = g.noticesOf<MemberNotResponding>(1);
  REQUIRE(w1.size() == 1);
  CHECK(w1[0].member == "m2");
  // Once per silence, not once per message: more traffic, no second W-8.
  for (int k = 0; k < 2; ++k) {
    g.say(1, "more " + std::to_string(k));
    g.runFor(10s);
  }
  CHECK(g.noticesOf<MemberNotResponding>(0).size() == 1);
  CHECK(g.noticesOf<MemberNotResponding>(1).size() == 1);
  CHECK(g.noticesOf<MemberNotResponding>(2).empty());  // m2 is stopped: it owes, nobody owes it
  REQUIRE(g.now < resumeAt);
  // m2 resumes: it reads everything queued and acks promptly (A-21: late
  // arrivals); cleared on its first authenticated message.
  g.runUntil(resumeAt + 2s);
  REQUIRE(g.noticesOf<MemberResponding>(0).size() == 1);
  CHECK(g.noticesOf<MemberResponding>(0)[0].member == "m2");
  CHECK(g[0].notResponding().empty());
  CHECK(g[1].notResponding().empty());
  g.runFor(120s);
  CHECK(g.noticesOf<MemberNotResponding>(0).size() == 1);  // nothing new once it answers
  CHECK(g[0].isConsistent());
}

TEST_CASE("W-8 owed ack: an honest slow member that answers within the threshold is not reported",
          "[session][presence]") {
  const Timing t;
  Group g(3, 11, t);
  // m2's link is slow both ways: 4.5 s extra each way (within BC_LAT): its
  // auto-ack arrives 21 + 2·4.6 = 30.2 s after our message (threshold 31 s).
  g.extraDelay = [](const std::string& from, std::size_t to) {
    return (from == "m2" || to == 2) ? Millis{4500} : Millis{0};
  };
  for (int k = 0; k < 6; ++k) {
    g.say(static_cast<std::size_t>(k % 2), "msg " + std::to_string(k));
    g.runFor(20s);
  }
  g.runFor(60s);
  for (std::size_t i = 0; i < g.size(); ++i) CHECK(g.noticesOf<MemberNotResponding>(i).empty());
  CHECK(g[0].isConsistent());
}

TEST_CASE("W-8 owed ack: a concurrent message from the member restarts its clock", "[session][presence]") {
  const Timing t;
  Group g(2, 13, t);
  // m1's message crosses ours; it does not ack ours, and then m1 hangs.
  g.say(0, "ours");
  g.say(1, "theirs, concurrent");
  g.runFor(50ms);
  g.drop = [](const std::string& from, std::size_t, const std::string&) { return from == "m1"; };
  const Millis heard = g.now + 50ms;  // "theirs" reaches m0 at 100 ms
  g.runUntil(heard + t.notResponding - 1ms);
  CHECK(g.noticesOf<MemberNotResponding>(0).empty());
  g.runUntil(heard + t.notResponding);
  REQUIRE(g.noticesOf<MemberNotResponding>(0).size() == 1);
  CHECK(g.noticesOf<MemberNotResponding>(0)[0].lastHeard == heard);
}

TEST_CASE("W-8 owed ack: a member that sent its FIN is intentionally absent", "[session][presence]") {
  Group g(3, 17);
  g.takeOk(2, g[2].fin(g.now));
  g.runFor(2s);
  g.drop = [](const std::string& from, std::size_t, const std::string&) { return from == "m2"; };
  g.say(0, "after m2's FIN");
  g.runFor(120s);
  CHECK(g.noticesOf<MemberNotResponding>(0).empty());
}
