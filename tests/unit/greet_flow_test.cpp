// Membership operations end to end over a simulated channel: START, INCLUDE,
// EXCLUDE, REFRESH and chains of them; everyone agrees on members, sid, key
// and final packet; excluded members cannot derive the new key.
#include "greet_harness.h"

using namespace greettest;

namespace {

std::vector<std::string> names(std::size_t from, std::size_t to) {
  std::vector<std::string> v;
  for (std::size_t i = from; i < to; ++i) v.push_back(name(i));
  return v;
}

void chain(std::size_t n, std::uint64_t seed) {
  Sim sim(seed);
  for (std::size_t i = 0; i < n + 3; ++i) sim.add(name(i));
  for (std::size_t i = n; i < n + 3; ++i) sim.channel.erase(name(i));  // not yet in the channel
  auto cur = names(0, n);

  // START
  REQUIRE(sim.propose(name(0), cur).has_value());
  sim.run();
  CHECK(sim.errors.empty());
  sim.checkAgreement(cur);
  CHECK(sim.members.at(name(0)).store->members().front() == name(0));

  // INCLUDE one
  sim.channel.insert(name(n));
  cur.push_back(name(n));
  REQUIRE(sim.propose(name(n > 1 ? 1 : 0), cur).has_value());
  sim.run();
  CHECK(sim.errors.empty());
  sim.checkAgreement(cur);

  // INCLUDE several
  sim.channel.insert(name(n + 1));
  sim.channel.insert(name(n + 2));
  cur.push_back(name(n + 1));
  cur.push_back(name(n + 2));
  REQUIRE(sim.propose(name(0), cur).has_value());
  sim.run();
  CHECK(sim.errors.empty());
  sim.checkAgreement(cur);

  // REFRESH: same sid, new key
  const auto sidBefore = sim.members.at(name(0)).store->sessionId();
  const auto keyBefore = sim.members.at(name(0)).store->groupKey.clone();
  REQUIRE(sim.propose(name(n), cur).has_value());
  sim.run();
  CHECK(sim.errors.empty());
  sim.checkAgreement(cur);
  CHECK(sim.members.at(name(0)).store->sessionId() == sidBefore);
  CHECK_FALSE(sim.members.at(name(0)).store->groupKey == keyBefore);

  // EXCLUDE one (the newest), then several
  for (std::size_t count : {std::size_t{1}, std::size_t{2}}) {
    std::vector<std::string> gone(cur.end() - static_cast<std::ptrdiff_t>(count), cur.end());
    cur.resize(cur.size() - count);
    std::map<std::string, GreetStore> old;
    for (const auto& g : gone) old.emplace(g, sim.members.at(g).store->clone());
    const auto sid = sim.members.at(name(0)).store->sessionId();
    REQUIRE(sim.propose(name(0), cur).has_value());
    sim.run();
    CHECK(sim.errors.empty());
    sim.checkAgreement(cur);
    CHECK(sim.members.at(name(0)).store->sessionId() != sid);  // the initiator's nonce changed
    for (const auto& g : gone) {
      INFO(g);
      auto& m = sim.members.at(g);
      REQUIRE(m.op.has_value());
      CHECK(m.op->status() == GreetStatus::Excluded);
      CHECK_FALSE(m.finalAt == sim.members.at(name(0)).finalAt);
      CHECK_FALSE(Sim::canDerive(old.at(g), *sim.members.at(name(0)).store));
      CHECK(Sim::canDerive(*sim.members.at(name(0)).store, *sim.members.at(name(0)).store));
    }
    sim.kick(gone);
  }
}

}  // namespace

TEST_CASE("greet: chains of operations for n = 2, 3, 5", "[greet]") {
  for (std::size_t n : {2, 3, 5}) {
    INFO("n = " << n);
    chain(n, 1000 + n);
  }
}

TEST_CASE("greet: chain of operations for n = 16", "[greet]") {
  chain(16, 16);
}

TEST_CASE("greet: chain of operations for n = 64", "[greet][.slow]") {
  chain(64, 64);
}

TEST_CASE("greet: EXCLUDE down to the initiator alone is a one-packet operation", "[greet]") {
  Sim sim(7);
  sim.add(name(0));
  sim.add(name(1));
  REQUIRE(sim.propose(name(0), {name(0), name(1)}).has_value());
  sim.run();
  sim.checkAgreement({name(0), name(1)});
  REQUIRE(sim.propose(name(0), {name(0)}).has_value());
  const std::size_t at = sim.delivered;
  sim.run();
  CHECK(sim.errors.empty());
  CHECK(sim.members.at(name(0)).finalAt == at);
  CHECK(sim.members.at(name(0)).store->members() == std::vector<std::string>{name(0)});
}

TEST_CASE("greet: operation choice", "[greet]") {
  const std::vector<std::string> prev{"a", "b", "c"};
  auto inc = chooseOperation("a", prev, {"a", "b", "c", "e", "d"});
  REQUIRE(inc.has_value());
  CHECK(inc->operation == codec::GreetOperation::Include);
  CHECK(inc->included == std::vector<std::string>{"d", "e"});
  auto exc = chooseOperation("a", prev, {"a", "c"});
  REQUIRE(exc.has_value());
  CHECK(exc->operation == codec::GreetOperation::Exclude);
  CHECK(chooseOperation("a", prev, {"c", "b", "a"})->operation == codec::GreetOperation::Refresh);
  CHECK(chooseOperation("a", {}, {"a", "b"})->operation == codec::GreetOperation::Start);
  CHECK(chooseOperation("a", {"a"}, {"a", "b"})->operation == codec::GreetOperation::Start);

  auto both = chooseOperation("a", prev, {"a", "b", "d"});
  REQUIRE_FALSE(both.has_value());
  CHECK(both.error().code == GreetErrc::IncludeAndExclude);
  CHECK(both.error().describe().find("exclude first") != std::string::npos);
  auto self = chooseOperation("a", prev, {"b", "c"});
  REQUIRE_FALSE(self.has_value());
  CHECK(self.error().code == GreetErrc::SelfExclusion);
  CHECK(chooseOperation("a", {}, {"a"}).error().code == GreetErrc::NoChange);
  CHECK(chooseOperation("a", {}, {"a", "b", "b"}).error().code == GreetErrc::DuplicateMember);

  // The Greeter refuses them too, without sending anything.
  Sim sim(3);
  for (std::size_t i = 0; i < 4; ++i) sim.add(name(i));
  REQUIRE(sim.propose(name(0), {name(0), name(1), name(2)}).has_value());
  sim.run();
  auto r = sim.propose(name(0), {name(0), name(1), name(3)});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == GreetErrc::IncludeAndExclude);
  r = sim.propose(name(1), {name(0), name(2)});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == GreetErrc::SelfExclusion);
  CHECK(sim.queue.empty());
}
