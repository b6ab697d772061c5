// The excluded member's last messages (H-18 with A-19..A-23, [JS] taskLeave),
// and members who left no longer owing acks for a parting subsession's FIN.
#include <set>
#include <string>

#include "catch.h"
#include "session_net.h"

using namespace sesstest;

namespace {

std::size_t resends(const Net& net) {
  std::set<std::string> seen;
  std::size_t n = 0;
  for (const auto& [from, wire] : net.ch.packetLog()) n += seen.insert(wire).second ? 0 : 1;
  return n;
}

bool sawFinOf(const Node& n, const std::string& member) {
  for (const auto* f : n.all<PeerFin>())
    if (f->member == member) return true;
  return false;
}

}  // namespace

TEST_CASE("H-18/A-19: an excluded member's FIN reaches the others before its kick; no W-6/W-11 (taskLeave)",
          "[session][scenario]") {
  Net net(4242);
  auto ids = net.startGroup(3);
  const auto a = ids[0], b = ids[1], c = ids[2];
  REQUIRE(net.s(a).send("before the exclusion", net.now));
  net.run();
  REQUIRE(net.s(a).exclude({c}, net.now));
  net.run();
  net.advance(Millis{3000});
  CHECK_FALSE(net.present(c));  // kicked, well before the FIN timeout (8 s here)
  CHECK(net.kicksOf(c) >= 1);
  for (const auto& id : {a, b}) {
    INFO(id << " warnings: " << describeWarnings(net.node(id)));
    CHECK(sawFinOf(net.node(id), c));  // its FIN for the old subsession got out
    CHECK(net.node(id).warnings().empty());
    CHECK(net.s(id).isConsistent());
    CHECK(net.s(id).previousCount() == 0);  // the old subsession ended (PARTED)
  }
  CHECK(net.node(c).warnings().empty());
  CHECK(resends(net) <= 2);
  net.checkAgreement({a, b});
}

TEST_CASE("A-23/T-P2: a member leaving the channel mid-parting no longer blocks the old subsession's FIN",
          "[session][scenario]") {
  Net net(4243);
  auto ids = net.startGroup(4);
  const auto a = ids[0], d = ids[3];
  REQUIRE(net.s(a).refresh(net.now));
  net.run();           // the rotation: everyone's FIN for the old subsession is out
  net.serverDrops(d);  // d's connection drops before it acked those FINs
  net.run();
  net.advance(Millis{2500});  // the FIN timeout is 8 s here
  for (const auto& id : {ids[0], ids[1], ids[2]}) {
    INFO(id << " warnings: " << describeWarnings(net.node(id))
            << " events: " << describeEvents(net.node(id)));
    CHECK(net.s(id).previousCount() == 0);              // the old subsession reached its end quickly
    CHECK(net.node(id).count<FinNotConfirmed>() == 0);  // d had acked every message (W-6 is for content)
  }
  CHECK(resends(net) <= 3);
}
