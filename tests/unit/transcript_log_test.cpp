// The user-level linear view (protocol-rules.md §1.6, §4 U-1..U-4, U-15/U-16).
#include <string>
#include <vector>

#include "catch.h"
#include "mpenc/transcript/message_log.h"
#include "transcript_fixtures.h"

using namespace mpenc::transcript;
using mpenc::transcript::testing::mid;
using mpenc::transcript::testing::msgTo;

namespace {

const std::vector<std::string> kABC{"alice", "bob", "chuck"};

struct Session {
  Transcript t{kABC};
  MessageLog log;
  SubsessionIdx s = log.beginSubsession();
  LogUpdate say(std::string_view name, const std::string& author, std::vector<std::string_view> parents,
                BodyType type = BodyType::Payload) {
    auto r = t.add(msgTo(kABC, name, author, std::move(parents), type));
    REQUIRE(r);
    return log.onDelivered(s, t, *r);
  }
};

}  // namespace

TEST_CASE("C-21/U-2: a reply to a message two rows up shows [2]", "[transcript][log][U-2]") {
  Session x;
  x.say("Q1", "alice", {});
  x.say("Q2", "chuck", {});  // concurrent with Q1
  auto up = x.say("R", "bob", {"Q1"});
  REQUIRE(up.appended == 2);
  const LogRow& r = x.log.row(2);
  CHECK(r.offsets == std::vector<std::size_t>{2});
  CHECK(x.log.shouldHighlight(2));
  CHECK(r.parents == std::vector<MessageId>{mid("Q1")});
  // The first row and concurrent roots carry no annotation (no display parents).
  CHECK_FALSE(x.log.shouldHighlight(0));
  CHECK(x.log.row(0).offsets.empty());
  CHECK_FALSE(x.log.shouldHighlight(1));
  // An ordinary reply to the row just above: [1], no annotation.
  x.say("S", "alice", {"R"});
  CHECK(x.log.row(3).offsets == std::vector<std::size_t>{1});
  CHECK_FALSE(x.log.shouldHighlight(3));
  // A merge of two branches: several numbers.
  x.say("T", "chuck", {"Q2", "S"});
  CHECK(x.log.row(4).offsets == std::vector<std::size_t>{1, 3});
  CHECK(x.log.shouldHighlight(4));
}

TEST_CASE("C-22/U-4: hidden messages are transparent to annotations", "[transcript][log][C-22]") {
  Session x;
  x.say("c1", "alice", {});
  auto ack = x.say("h1", "bob", {"c1"}, BodyType::ExplicitAck);
  CHECK_FALSE(ack.appended);  // U-4: no row
  x.say("hb", "chuck", {"h1"}, BodyType::HeartBeat);
  x.say("c2", "bob", {"hb"});  // its only parent is hidden: resolves through hb, h1 to c1
  REQUIRE(x.log.size() == 2);
  CHECK(x.log.row(1).displayParents == std::vector<Row>{0});
  CHECK(x.log.row(1).offsets == std::vector<std::size_t>{1});
  CHECK_FALSE(x.log.shouldHighlight(1));
  CHECK(x.log.row(1).parents == std::vector<MessageId>{mid("hb")});  // real parents kept

  // Through a Consistency message too.
  x.say("c3", "chuck", {"c2"});
  x.say("f1", "alice", {"c3"}, BodyType::Consistency);
  x.say("c4", "bob", {"f1"});
  CHECK(x.log.row(3).displayParents == std::vector<Row>{2});
  CHECK(x.log.rowOf(mid("f1")) == std::nullopt);
  CHECK(x.log.rowOf(mid("c4")) == 3);
}

TEST_CASE("C-22: resolution keeps only the nearest content ancestors", "[transcript][log][C-22]") {
  Session x;
  x.say("c1", "alice", {});
  x.say("h1", "bob", {"c1"}, BodyType::ExplicitAck);
  x.say("c2", "chuck", {"c1"});
  x.say("h2", "alice", {"h1", "c2"}, BodyType::ExplicitAck);  // resolves to {c1, c2}; c1 ≤ c2
  x.say("c3", "bob", {"h2"});
  CHECK(x.log.row(2).displayParents == std::vector<Row>{1});
  CHECK(x.log.row(2).offsets == std::vector<std::size_t>{1});
  CHECK_FALSE(x.log.shouldHighlight(2));
}

TEST_CASE("C-22: a new subsession's roots take LATEST_PM as display parents", "[transcript][log][C-22]") {
  Session x;
  x.say("a1", "alice", {});
  x.say("b1", "bob", {});
  x.say("fin", "alice", {"a1", "b1"}, BodyType::Consistency);
  // the greeting's LATEST_PM referenced {b1} only (say) and then the fin
  Transcript t2{kABC};
  const SubsessionIdx s2 = x.log.beginSubsession({mid("fin")});
  auto r = t2.add(msgTo(kABC, "n1", "chuck", {}));
  REQUIRE(r);
  auto up = x.log.onDelivered(s2, t2, *r);
  REQUIRE(up.appended == 2);
  CHECK(x.log.row(2).displayParents == std::vector<Row>{0, 1});
  CHECK(x.log.row(2).offsets == std::vector<std::size_t>{1, 2});
  CHECK(x.log.row(2).subsession == s2);
  CHECK(x.log.shouldHighlight(2));
  // A reply in the new subsession refers to the new row only.
  auto r2 = t2.add(msgTo(kABC, "n2", "alice", {"n1"}));
  REQUIRE(r2);
  (void)x.log.onDelivered(s2, t2, *r2);
  CHECK(x.log.row(3).offsets == std::vector<std::size_t>{1});
}

TEST_CASE("U-15/U-16: ack state is live and only changed rows are reported", "[transcript][log][A-5]") {
  Session x;
  std::vector<LogUpdate> seen;
  x.log.setListener([&](const LogUpdate& u) { seen.push_back(u); });
  x.say("a1", "alice", {});
  CHECK(x.log.row(0).unackedBy == std::vector<std::string>{"bob", "chuck"});
  CHECK_FALSE(x.log.row(0).fullyAcked);
  x.say("a2", "alice", {"a1"});
  auto up = x.say("b1", "bob", {"a2"}, BodyType::ExplicitAck);
  CHECK(up.changed == std::vector<Row>{0, 1});
  CHECK(x.log.row(0).unackedBy == std::vector<std::string>{"chuck"});
  auto up2 = x.say("c1", "chuck", {"b1"});
  CHECK(up2.appended == 2);
  CHECK(up2.changed == std::vector<Row>{0, 1});  // the hidden b1 has no row
  CHECK(x.log.row(0).fullyAcked);
  CHECK(x.log.row(1).fullyAcked);
  CHECK_FALSE(x.log.row(2).fullyAcked);
  REQUIRE(seen.size() == 4);
  CHECK(seen.back().appended == 2);
}
