// Membership driver scenarios with real crypto (protocol-rules.md §3): START,
// INCLUDE/EXCLUDE one and several, REFRESH and chains of them for n = 2, 3, 5,
// 16 (and 64: START + one INCLUDE), over an echoing, totally ordered channel.
#include <chrono>

#include "catch.h"
#include "membership_net.h"

using namespace memtest;

namespace {

bool canDerive(const greet::GreetStore& old, const greet::GreetStore& current) {
  for (const auto& k : current.intKeys) {
    auto s = greet::applyContributions(k, old.contributions);
    if (s && proto::deriveGroupKey(*s) == current.groupKey) return true;
  }
  return false;
}

std::vector<std::string> erased(std::vector<std::string> v, const std::vector<std::string>& gone) {
  std::erase_if(v,
                [&](const std::string& x) { return std::find(gone.begin(), gone.end(), x) != gone.end(); });
  return v;
}

std::size_t count_notice(Net& net, const std::string& id) {
  return count<notice::JoinRequest>(net.notices(id));
}

void includeNew(Net& net, std::vector<std::string>& cur, const std::string& by, std::size_t count,
                std::size_t& next) {
  std::vector<std::string> add;
  for (std::size_t i = 0; i < count; ++i) add.push_back(mid(next++));
  for (const auto& a : add) {
    net.add(a);
    net.ch.enter(a);
  }
  net.run();
  for (const auto& a : add) CHECK_FALSE(net.eng(a).synced());  // waiting to be included (seniority)
  CHECK(count_notice(net, by) > 0);
  auto target = net.eng(by).members();
  target.insert(target.end(), add.begin(), add.end());
  net.propose(by, target);
  net.run();
  cur.insert(cur.end(), add.begin(), add.end());
  net.checkAgreement(cur);
}

}  // namespace

TEST_CASE("membership: chains of operations for n = 2, 3, 5, 16", "[membership]") {
  const std::size_t n = GENERATE(std::size_t{2}, std::size_t{3}, std::size_t{5}, std::size_t{16});
  CAPTURE(n);
  Net net(n);
  auto cur = net.startGroup(n);
  net.checkAgreement(cur);
  for (const auto& id : cur) {
    INFO(id);
    CHECK(count<notice::OperationSucceeded>(net.notices(id)) == 1);
    CHECK(count<notice::PacketRejected>(net.notices(id)) == 0);
  }
  CHECK(count<notice::ProposalAccepted>(net.notices(cur[0])) == 1);
  CHECK(count<notice::SyncedNew>(net.notices(cur[0])) == 1);
  CHECK(count<notice::Synced>(net.notices(cur[1])) == 1);  // T-EII
  std::size_t next = n;

  SECTION("include one, include several, exclude one, exclude several, refresh") {
    includeNew(net, cur, cur[1 % cur.size()], 1, next);
    includeNew(net, cur, cur.back(), 2, next);  // the newest member includes
    for (std::size_t k : {std::size_t{1}, std::size_t{2}}) {
      std::vector<std::string> gone(cur.end() - static_cast<std::ptrdiff_t>(k), cur.end());
      std::map<std::string, greet::GreetStore> old;
      for (const auto& g : gone) old.emplace(g, net.eng(g).session()->clone());
      const auto sid = net.eng(cur[0]).session()->sessionId();
      net.clearNotices();
      net.propose(cur[0], erased(cur, gone));
      net.run();
      cur = erased(cur, gone);
      net.checkAgreement(cur);
      CHECK(net.eng(cur[0]).session()->sessionId() != sid);
      for (const auto& g : gone) {
        INFO(g);
        CHECK_FALSE(net.ch.present(g));  // H-18: kicked
        CHECK_FALSE(net.eng(g).inChannel());
        CHECK(net.eng(g).session() == nullptr);  // T-LI
        CHECK(count<notice::OperationSucceeded>(net.notices(g)) >= 1);
        CHECK_FALSE(canDerive(old.at(g), *net.eng(cur[0]).session()));
      }
      CHECK(canDerive(*net.eng(cur[0]).session(), *net.eng(cur[0]).session()));
    }
    const auto key = net.eng(cur[0]).session()->groupKey.clone();
    const auto sid = net.eng(cur[0]).session()->sessionId();
    net.propose(cur.back(), cur);  // REFRESH
    net.run();
    net.checkAgreement(cur);
    CHECK(net.eng(cur[0]).session()->sessionId() == sid);
    CHECK_FALSE(net.eng(cur[0]).session()->groupKey == key);
  }

  SECTION("exclude down to one member, then START again") {
    if (n == 2) {
      net.propose(cur[1], {cur[1]});  // one-packet EXCLUDE (H-7)
      net.run();
      CHECK(net.eng(cur[1]).session() == nullptr);  // solo (T-P4)
      CHECK(net.eng(cur[1]).synced());
      net.ch.enter(cur[0]);
      net.run();
      net.propose(cur[1], {cur[1], cur[0]});
      net.run();
      net.checkAgreement({cur[1], cur[0]});
    }
  }
}

TEST_CASE("membership: n = 64, START and one INCLUDE", "[membership][large]") {
  const auto t0 = std::chrono::steady_clock::now();
  Net net(64);
  auto cur = net.startGroup(64);
  net.checkAgreement(cur);
  std::size_t next = 64;
  includeNew(net, cur, cur[7], 1, next);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  WARN("n = 64 START + INCLUDE: " << secs << " s");
}

TEST_CASE("membership: propose refusals", "[membership]") {
  Net net(7);
  auto cur = net.startGroup(3);
  auto& a = net.eng(cur[0]);
  auto code = [&](const std::vector<std::string>& t) {
    auto r = a.propose(t);
    REQUIRE_FALSE(r.has_value());
    return r.error().code;
  };
  net.add(mid(9));
  net.ch.enter(mid(9));
  net.run();
  CHECK(code({cur[0], cur[1], mid(9)}) == ProposeErrc::IncludeAndExclude);
  CHECK(code({cur[1], cur[2]}) == ProposeErrc::SelfExclusion);                           // T-P3
  CHECK(code({cur[0], cur[1], cur[2], "nobody@x"}) == ProposeErrc::TargetNotInChannel);  // H-3
  auto ok = a.propose(cur);
  REQUIRE(ok.has_value());
  net.apply(cur[0], std::move(*ok));
  CHECK(code(cur) == ProposeErrc::OperationOngoing);  // H-4 (own pending)
  CHECK(net.eng(mid(9)).propose({mid(9), cur[0]}).error().code == ProposeErrc::NotSynced);
  net.run();
  net.checkAgreement(cur);
}
