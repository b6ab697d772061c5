// Fault catalogue (issue 14): an occupant that advertises the mpENC capability
// but never answers. The INCLUDE that waits for it times out; the operation is
// aborted (docs/extension-abort.md, O-8/H-19) and the running subsession goes
// on for everyone: no member that is in a session leaves the room on an
// operation timeout, no message is lost or refused, no warning is raised, and
// the non-responder is marked and not included again automatically.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "catch.h"
#include "session_net.h"

using namespace sesstest;

namespace {

struct Traffic {
  std::vector<std::string> sent;  // "author: text" of every accepted send
  int refused = 0;
};

/// Every member of `ids` in turn sends one message every 2 s, `n` in all;
/// after every step each of them is still in the room, joined, in the same
/// subsession as before.
Traffic talk(Net& net, const std::vector<std::string>& ids, int n, const std::string& tag,
             const std::map<std::string, std::optional<transcript::SubsessionIdx>>& sub) {
  Traffic t;
  for (int k = 0; k < n; ++k) {
    const auto& from = ids[static_cast<std::size_t>(k) % ids.size()];
    const std::string text = tag + std::to_string(k);
    auto r = net.s(from).send(text, net.now);
    if (r)
      t.sent.push_back(from + ": " + text);
    else
      ++t.refused;
    net.run();
    net.advance(Millis{2000});
    for (const auto& id : ids) {
      INFO(id << " at " << net.now.count() << " ms: " << describeEvents(net.node(id)));
      CHECK(net.present(id));
      CHECK(net.s(id).state() == SessionState::Joined);
      CHECK(net.s(id).currentIndex() == sub.at(id));
    }
  }
  net.advance(Millis{10000});
  return t;
}

void checkDelivered(Net& net, const std::vector<std::string>& ids, const Traffic& t, int n) {
  CHECK(t.refused == 0);
  CHECK(t.sent.size() == static_cast<std::size_t>(n));
  for (const auto& id : ids) {
    INFO(id << " warnings: " << describeWarnings(net.node(id)));
    const auto lines = net.node(id).payloads();
    std::size_t got = 0;
    for (const auto& s : t.sent) got += std::count(lines.begin(), lines.end(), s) == 1 ? 1 : 0;
    std::printf("[silent] %s: %zu/%zu delivered, %d refused, warnings: %s, timeout-leaves: %zu\n", id.c_str(),
                got, t.sent.size(), t.refused, describeWarnings(net.node(id)).c_str(),
                net.node(id).count<notice::TimeoutLeave>());
    CHECK(got == t.sent.size());
    CHECK(net.node(id).warnings().empty());
    CHECK(net.node(id).count<notice::TimeoutLeave>() == 0);
  }
}

}  // namespace

TEST_CASE("fault: a silent occupant advertising mpENC → its INCLUDE is aborted, nobody leaves, no retry loop",
          "[session][faults][silent]") {
  const bool withAbort = GENERATE(true, false);  // what the silent occupant advertises
  INFO("silent occupant advertises greet-abort-1: " << withAbort);
  Net net(1401);
  auto ids = net.startGroup(3);  // auto-include on (session_net.h)
  net.checkAgreement(ids);
  const auto sessionId = net.s(ids[0]).sessionId();
  std::map<std::string, std::optional<transcript::SubsessionIdx>> sub;
  for (const auto& id : ids) sub[id] = net.s(id).currentIndex();
  for (auto& [id, n] : net.nodes) n->events.clear();

  const auto silent = sid(3);
  net.features[silent] =
      withAbort ? std::set<std::string>{std::string(kFeatureAbort)} : std::set<std::string>{};
  net.add(silent).mute = true;  // enters, then never sends anything (and never leaves)
  net.s(silent).join(net.now);
  net.run();

  // 30 messages over 60 s: long enough for several operation timeouts (5 s)
  // and for the silent occupant's own T-TO1 (20 s).
  const auto t = talk(net, ids, 30, "m", sub);
  checkDelivered(net, ids, t, 30);
  for (const auto& id : ids) {
    INFO(id << ": " << describeEvents(net.node(id)));
    CHECK(net.s(id).sessionId() == sessionId);
    CHECK(net.s(id).members() == ids);
    // exactly one automatic INCLUDE of the silent occupant, aborted on the timeout
    CHECK(net.node(id).count<notice::OperationStarted>() == 1);
    const auto fails = net.node(id).all<notice::OperationFailed>();
    REQUIRE(fails.size() == 1);
    CHECK(fails[0]->cause == notice::OperationFailed::Cause::Aborted);
    CHECK(fails[0]->abortReason == greet::AbortReason::Timeout);
    CHECK(fails[0]->nonResponders == std::vector<std::string>{silent});
    CHECK(net.s(id).membership().nonResponders() == std::set<std::string>{silent});
  }
  CHECK(net.present(silent));
  CHECK(net.s(silent).state() != SessionState::Joined);

  // By hand: the same holds, and a hand include is not turned into a loop either.
  for (auto& [id, n] : net.nodes) n->events.clear();
  auto r = net.s(ids[1]).include({silent}, net.now);
  INFO("include: " << (r ? std::string() : r.error().detail));
  REQUIRE(r);
  const auto t2 = talk(net, ids, 15, "h", sub);
  checkDelivered(net, ids, t2, 15);
  for (const auto& id : ids) {
    INFO(id << ": " << describeEvents(net.node(id)));
    CHECK(net.s(id).sessionId() == sessionId);
    CHECK(net.node(id).count<notice::OperationStarted>() == 1);
    const auto fails = net.node(id).all<notice::OperationFailed>();
    REQUIRE(fails.size() == 1);
    CHECK(fails[0]->cause == notice::OperationFailed::Cause::Aborted);
  }
  exchangeFullyAcked(net, ids, "after the silent occupant");

  // Once it leaves the room the mark goes; a fresh entry is auto-included again.
  net.serverDrops(silent);
  net.settle();
  for (const auto& id : ids) CHECK(net.s(id).membership().nonResponders().empty());
  net.nodes.erase(silent);
  net.restart(silent);
  net.settle();
  auto all = ids;
  all.push_back(silent);
  net.checkAgreement(all);
}
