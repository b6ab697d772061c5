// Accept-time rules of the causal transcript (protocol-rules.md §1.4) and the
// ack bookkeeping (§2.2). One test per rule; each fails without the rule.
#include <string>
#include <vector>

#include "catch.h"
#include "mpenc/transcript/transcript.h"
#include "transcript_fixtures.h"

using namespace mpenc::transcript;
using mpenc::transcript::testing::mid;
using mpenc::transcript::testing::msgTo;
using mpenc::transcript::testing::sameIds;

namespace {

const std::vector<std::string> kABC{"alice", "bob", "chuck"};

struct Fixture {
  Transcript t{kABC};
  mpenc::Expected<AddResult, TranscriptError> add(std::string_view name, const std::string& author,
                                                  std::vector<std::string_view> parents,
                                                  BodyType type = BodyType::Payload) {
    return t.add(msgTo(kABC, name, author, std::move(parents), type));
  }
  Pos pos(std::string_view name) const { return *t.find(mid(name)); }
};

}  // namespace

TEST_CASE("C-2: a message listing itself as a parent is rejected", "[transcript][C-2]") {
  Fixture f;
  REQUIRE(f.add("a1", "alice", {}));
  auto r = f.add("a2", "alice", {"a2"});
  REQUIRE_FALSE(r);
  CHECK(r.error().code == TranscriptErrorCode::SelfParent);
  CHECK_FALSE(f.t.contains(mid("a2")));
  // Also caught before buffering.
  CHECK(f.t.checkStateless(msgTo(kABC, "a2", "alice", {"a2"})).has_value());
}

TEST_CASE("C-4: parents must already be in the transcript", "[transcript][C-4]") {
  Fixture f;
  REQUIRE(f.add("a1", "alice", {}));
  const Message b1 = msgTo(kABC, "b1", "bob", {"a1", "x9"});
  CHECK(f.t.missingParents(b1) == std::vector<MessageId>{mid("x9")});
  auto r = f.t.add(b1);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == TranscriptErrorCode::MissingParents);
  CHECK(r.error().ids == std::vector<MessageId>{mid("x9")});
  CHECK(f.t.size() == 1);
}

TEST_CASE("C-5: parents must form an anti-chain (matrix example)", "[transcript][C-5]") {
  Fixture f;
  REQUIRE(f.add("a1", "alice", {}));
  REQUIRE(f.add("b1", "bob", {"a1"}));
  auto r = f.add("b2", "bob", {"a1", "b1"});
  REQUIRE_FALSE(r);
  CHECK(r.error().code == TranscriptErrorCode::NotAntichain);
  CHECK(r.error().ids == std::vector<MessageId>{mid("a1"), mid("b1")});
  CHECK_FALSE(f.t.contains(mid("b2")));
  // Comparable parents by different authors, found through the vector clock.
  REQUIRE(f.add("c1", "chuck", {"b1"}));
  auto r2 = f.add("a2", "alice", {"b1", "c1"});
  REQUIRE_FALSE(r2);
  CHECK(r2.error().code == TranscriptErrorCode::NotAntichain);
  // Concurrent parents are fine.
  REQUIRE(f.add("b3", "bob", {"b1"}));
  CHECK(f.add("a3", "alice", {"c1", "b3"}));
}

TEST_CASE("C-6: an author skipping its own previous message is rejected", "[transcript][C-6]") {
  Fixture f;
  REQUIRE(f.add("a1", "alice", {}));
  auto r = f.add("a2", "alice", {});
  REQUIRE_FALSE(r);
  CHECK(r.error().code == TranscriptErrorCode::Fork);
  CHECK(r.error().detail.find("does not reference prev-sent") != std::string::npos);
  // Descending transitively is enough.
  REQUIRE(f.add("b1", "bob", {"a1"}));
  CHECK(f.add("a2", "alice", {"b1"}));
  CHECK(f.t.byAuthor("alice") == std::vector<MessageId>{mid("a1"), mid("a2")});
}

TEST_CASE("C-7: a reference to a message the author was not sent is rejected", "[transcript][C-7]") {
  Fixture f;
  Message a1 = msgTo(kABC, "a1", "alice", {});
  a1.readers = {"bob"};  // chuck is not a reader
  REQUIRE(f.t.add(a1));
  auto r = f.add("c1", "chuck", {"a1"});
  REQUIRE_FALSE(r);
  CHECK(r.error().code == TranscriptErrorCode::ParentNotVisible);
  CHECK(r.error().ids == std::vector<MessageId>{mid("a1")});
  CHECK(f.add("b1", "bob", {"a1"}));
}

TEST_CASE("C-8: duplicates, readers containing the author, no readers", "[transcript][C-8]") {
  Fixture f;
  const Message a1 = msgTo(kABC, "a1", "alice", {});
  REQUIRE(f.t.add(a1));

  SECTION("identical duplicate is a no-op") {
    auto r = f.t.add(a1);
    REQUIRE(r);
    CHECK(r->status == AddResult::Status::Duplicate);
    CHECK(r->pos == 0);
    CHECK(r->fullyAcked.empty());
    CHECK(f.t.size() == 1);
  }
  SECTION("same ID, different content is an error") {
    Message other = a1;
    other.bodyTag ^= 1;
    auto r = f.t.add(other);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == TranscriptErrorCode::IdConflict);
    Message fewerReaders = a1;
    fewerReaders.readers = {"bob"};
    CHECK(f.t.add(fewerReaders).error().code == TranscriptErrorCode::IdConflict);
  }
  SECTION("author among its readers") {
    Message b1 = msgTo(kABC, "b1", "bob", {"a1"});
    b1.readers.push_back("bob");
    auto r = f.t.add(b1);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == TranscriptErrorCode::AuthorInReaders);
  }
  SECTION("no readers: warning flag, fully acked at once") {
    Message b1 = msgTo(kABC, "b1", "bob", {"a1"});
    b1.readers.clear();
    auto r = f.t.add(b1);
    REQUIRE(r);
    CHECK(r->noReaders);
    CHECK(r->fullyAcked == std::vector<MessageId>{mid("b1")});
    CHECK(f.t.isFullyAcked(f.pos("b1")));
  }
  SECTION("unknown member") {
    Message m = msgTo(kABC, "m1", "mallory", {});
    CHECK(f.t.add(m).error().code == TranscriptErrorCode::UnknownMember);
  }
}

TEST_CASE("C-9: a fork is detected with both message IDs, in either order", "[transcript][C-9]") {
  // alice: a1 ← a2, and a2' (descends from a1 via b1, not from a2).
  const auto a1 = msgTo(kABC, "a1", "alice", {});
  const auto b1 = msgTo(kABC, "b1", "bob", {"a1"});
  const auto a2 = msgTo(kABC, "a2", "alice", {"a1"});
  const auto a2x = msgTo(kABC, "a2x", "alice", {"b1"});
  for (bool swap : {false, true}) {
    Transcript t{kABC};
    REQUIRE(t.add(a1));
    REQUIRE(t.add(b1));
    REQUIRE(t.add(swap ? a2x : a2));
    auto r = t.add(swap ? a2 : a2x);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == TranscriptErrorCode::Fork);
    CHECK(r.error().ids == (swap ? std::vector<MessageId>{mid("a2x"), mid("a2")}
                                 : std::vector<MessageId>{mid("a2"), mid("a2x")}));
  }
}

TEST_CASE("C-10 / §1.2: context is the max over all parents' contexts", "[transcript][context]") {
  Fixture f;
  REQUIRE(f.add("a1", "alice", {}));
  REQUIRE(f.add("a2", "alice", {"a1"}));
  REQUIRE(f.add("b1", "bob", {"a2"}));
  REQUIRE(f.add("c1", "chuck", {"a1"}));
  auto r = f.add("c2", "chuck", {"b1", "c1"});
  REQUIRE(r);
  // members order: alice, bob, chuck; 1-based positions in by(u)
  CHECK(r->context == std::vector<std::uint32_t>{2, 1, 2});
  const Pos c2 = f.pos("c2");
  CHECK(f.t.context(c2, 0) == f.pos("a2"));
  CHECK(f.t.context(f.pos("c1"), 1) == std::nullopt);
  CHECK(f.t.isAncestor(mid("a1"), mid("c2")));
  CHECK(f.t.isAncestor(mid("c2"), mid("c2")));
  CHECK_FALSE(f.t.isAncestor(mid("c1"), mid("b1")));
  CHECK(f.t.max() == std::vector<MessageId>{mid("c2")});
  CHECK(f.t.children(f.pos("a1")) == std::vector<Pos>{f.pos("a2"), f.pos("c1")});
  CHECK(f.t.ancestors(c2) == std::vector<Pos>{0, 1, 2, 3});
  CHECK(f.t.latestBy(2) == c2);
}

TEST_CASE("C-E3: max() is the anti-chain of latest messages", "[transcript][max]") {
  Fixture f;
  REQUIRE(f.add("a1", "alice", {}));
  REQUIRE(f.add("b1", "bob", {"a1"}));
  REQUIRE(f.add("c1", "chuck", {"a1"}));
  CHECK(sameIds(f.t.max(), {mid("b1"), mid("c1")}));
  REQUIRE(f.add("a2", "alice", {"b1", "c1"}));
  CHECK(f.t.max() == std::vector<MessageId>{mid("a2")});
}

TEST_CASE("A-5: unackby shrinks transitively, fully-acked is emitted once", "[transcript][A-5]") {
  Fixture f;
  auto a1 = f.add("a1", "alice", {});
  REQUIRE(a1);
  CHECK(a1->fullyAcked.empty());
  CHECK(f.t.unackedBy(0) == std::vector<std::string>{"bob", "chuck"});

  auto b1 = f.add("b1", "bob", {"a1"});
  REQUIRE(b1);
  CHECK(f.t.unackedBy(f.pos("a1")) == std::vector<std::string>{"chuck"});
  CHECK(b1->ackProgress == std::vector<Pos>{f.pos("a1")});

  // chuck acks b1 and, transitively, a1.
  auto c1 = f.add("c1", "chuck", {"b1"}, BodyType::ExplicitAck);
  REQUIRE(c1);
  CHECK(c1->fullyAcked == std::vector<MessageId>{mid("a1")});
  CHECK(f.t.isFullyAcked(f.pos("a1")));
  CHECK(f.t.unackedBy(f.pos("b1")) == std::vector<std::string>{"alice"});
  CHECK(f.t.unackedCount() == 2);

  // A second ack by chuck does not re-emit a1.
  auto c2 = f.add("c2", "chuck", {"c1"});
  REQUIRE(c2);
  CHECK(c2->fullyAcked.empty());
  CHECK(c2->ackProgress.empty());

  auto a2 = f.add("a2", "alice", {"c2"});
  REQUIRE(a2);
  CHECK(a2->fullyAcked == std::vector<MessageId>{mid("b1")});
  CHECK(f.t.ackedBy(f.pos("c1"), 0));
  CHECK_FALSE(f.t.ackedBy(f.pos("c1"), 1));
  CHECK(f.t.unacked() == std::vector<Pos>{f.pos("c1"), f.pos("c2"), f.pos("a2")});
}

TEST_CASE("A-4: diracks are the earliest message by each reader after m", "[transcript][A-4]") {
  Fixture f;
  REQUIRE(f.add("a1", "alice", {}));
  REQUIRE(f.add("b1", "bob", {}));  // concurrent with a1: not an ack
  REQUIRE(f.add("b2", "bob", {"a1", "b1"}));
  REQUIRE(f.add("b3", "bob", {"b2"}));
  auto d = f.t.diracks(f.pos("a1"));
  REQUIRE(d.size() == 2);
  CHECK(d[0].first == 1);
  CHECK(d[0].second == f.pos("b2"));
  CHECK(d[1].first == 2);
  CHECK(d[1].second == std::nullopt);
  REQUIRE(f.add("c1", "chuck", {"b3"}));
  d = f.t.diracks(f.pos("a1"));
  CHECK(d[1].second == f.pos("c1"));
  // full-ack position = right after the diracks
  CHECK(f.t.isFullyAcked(f.pos("a1")));
}

TEST_CASE("A-5: a walk through a message one is not a reader of does not re-emit it", "[transcript][A-5]") {
  Fixture f;
  Message a1 = msgTo(kABC, "a1", "alice", {});
  a1.readers = {"bob"};
  REQUIRE(f.t.add(a1));
  auto b1 = f.add("b1", "bob", {"a1"});
  REQUIRE(b1);
  CHECK(b1->fullyAcked == std::vector<MessageId>{mid("a1")});
  // chuck was never sent a1; acking b1 walks past a1 without touching it.
  auto c1 = f.add("c1", "chuck", {"b1"});
  REQUIRE(c1);
  CHECK(c1->fullyAcked.empty());
  CHECK(c1->ackProgress == std::vector<Pos>{f.pos("b1")});
  CHECK(f.t.ackedBy(f.pos("a1"), 2));  // A-2 is graph-based: c1 is after a1
}

TEST_CASE("readersAreOthers: the same reader set as listing every member but the author",
          "[transcript][C-8]") {
  // Issue 12: the subsession marks its messages instead of copying n-1 IDs.
  Transcript listed{kABC}, marked{kABC};
  for (Transcript* t : {&listed, &marked}) {
    Message a1 = msgTo(kABC, "a1", "alice", {});
    if (t == &marked) a1.readers.clear(), a1.readersAreOthers = true;
    REQUIRE(t->add(a1));
  }
  CHECK(marked.readers(0) == listed.readers(0));
  CHECK(marked.readers(0) == std::vector<std::string>{"bob", "chuck"});
  CHECK(marked.unackedBy(0) == listed.unackedBy(0));
  // A duplicate in the other form is the identical message, not an ID conflict.
  Message again = msgTo(kABC, "a1", "alice", {});
  auto dup = marked.add(again);
  REQUIRE(dup);
  CHECK(dup->status == AddResult::Status::Duplicate);
  // An author outside the members is still refused with the flag set.
  Message stranger = msgTo(kABC, "x1", "mallory", {});
  stranger.readersAreOthers = true;
  REQUIRE_FALSE(marked.add(stranger));
  CHECK(marked.add(stranger).error().code == TranscriptErrorCode::UnknownMember);
}
