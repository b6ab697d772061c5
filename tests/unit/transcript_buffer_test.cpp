// Out-of-order receipt (protocol-rules.md §1.5): the causal buffer.
#include <string>
#include <vector>

#include "catch.h"
#include "mpenc/transcript/causal_buffer.h"
#include "transcript_fixtures.h"

using namespace mpenc::transcript;
using mpenc::transcript::testing::mid;
using mpenc::transcript::testing::msgTo;

namespace {

const std::vector<std::string> kABC{"alice", "bob", "chuck"};
using Buffer = CausalBuffer<std::string>;

Message m(std::string_view name, const std::string& author, std::vector<std::string_view> parents) {
  return msgTo(kABC, name, author, std::move(parents));
}

std::vector<MessageId> deliveredIds(const Buffer::Outcome& o) {
  std::vector<MessageId> out;
  for (const auto& d : o.delivered) out.push_back(d.msg.id);
  return out;
}

}  // namespace

TEST_CASE("C-3/C-11: an out-of-order pair is delivered in order", "[transcript][buffer][C-3]") {
  Transcript t{kABC};
  Buffer buf{kABC.size()};
  auto o2 = buf.receive(t, m("m2", "bob", {"m1"}), "second", 0);
  CHECK(o2.disposition == Buffer::Disposition::Held);
  CHECK(o2.delivered.empty());
  CHECK_FALSE(t.contains(mid("m2")));  // not delivered before its parent
  CHECK(buf.holds(mid("m2")));

  auto o1 = buf.receive(t, m("m1", "alice", {}), "first", 10);
  CHECK(o1.disposition == Buffer::Disposition::Delivered);
  REQUIRE(deliveredIds(o1) == std::vector<MessageId>{mid("m1"), mid("m2")});
  CHECK(o1.delivered[1].payload == "second");
  CHECK(t.size() == 2);
  CHECK(buf.empty());
}

TEST_CASE("C-11: a reversed chain is released topologically", "[transcript][buffer][C-11]") {
  Transcript t{kABC};
  Buffer buf{kABC.size()};
  CHECK(buf.receive(t, m("c1", "chuck", {"b1", "a2"}), "", 0).disposition == Buffer::Disposition::Held);
  CHECK(buf.receive(t, m("b1", "bob", {"a1"}), "", 0).disposition == Buffer::Disposition::Held);
  CHECK(buf.receive(t, m("a2", "alice", {"a1"}), "", 0).disposition == Buffer::Disposition::Held);
  CHECK(buf.absentParents() == std::vector<MessageId>{mid("a1")});
  auto o = buf.receive(t, m("a1", "alice", {}), "", 0);
  CHECK(deliveredIds(o) == std::vector<MessageId>{mid("a1"), mid("b1"), mid("a2"), mid("c1")});
  CHECK(buf.empty());
}

TEST_CASE("C-12: the buffer is bounded; a junk flood cannot evict an honest author",
          "[transcript][buffer][C-12]") {
  CHECK(defaultBufferCapacity(3) == 64);    // 4·max(16, 8·√3 ≈ 13.9)
  CHECK(defaultBufferCapacity(50) == 224);  // 4·max(16, ⌊8·√50⌋ = 56)

  const std::vector<std::string> members{"alice", "bob", "mallory"};
  Transcript t{members};
  Buffer buf{Buffer::Config{8, 5000}};
  // bob's two held messages, waiting for alice's a1
  REQUIRE(buf.receive(t, msgTo(members, "b1", "bob", {"a1"}), "", 0).disposition ==
          Buffer::Disposition::Held);
  REQUIRE(buf.receive(t, msgTo(members, "b2", "bob", {"b1"}), "", 0).disposition ==
          Buffer::Disposition::Held);
  // mallory floods messages referencing nothing that exists
  std::vector<MessageId> evicted;
  for (int i = 0; i < 100; ++i) {
    auto o = buf.receive(t, msgTo(members, "j" + std::to_string(i), "mallory", {"nope" + std::to_string(i)}),
                         "", 1);
    evicted.insert(evicted.end(), o.evicted.begin(), o.evicted.end());
  }
  CHECK(buf.size() == 8);
  CHECK(evicted.size() == 94);
  CHECK(buf.heldBy("bob") == 2);
  CHECK(buf.heldBy("mallory") == 6);
  CHECK(evicted.front() == mid("j0"));  // mallory's oldest first
  // Bookkeeping stays bounded by what is held.
  CHECK(buf.absentParents().size() == 7);  // a1 + six junk parents
  // bob's messages are still delivered
  auto o = buf.receive(t, msgTo(members, "a1", "alice", {}), "", 2);
  CHECK(o.delivered.size() == 3);

  SECTION("a single author beyond capacity loses its oldest entries") {
    Buffer small{Buffer::Config{2, 5000}};
    Transcript t2{kABC};
    (void)small.receive(t2, m("x1", "bob", {"p1"}), "", 0);
    (void)small.receive(t2, m("x2", "bob", {"p2"}), "", 0);
    auto o3 = small.receive(t2, m("x3", "bob", {"p3"}), "", 0);
    CHECK(o3.evicted == std::vector<MessageId>{mid("x1")});
    CHECK(small.size() == 2);
  }
}

TEST_CASE("C-13/C-14: grace-period warnings fire once and cancel on arrival", "[transcript][buffer][C-13]") {
  Transcript t{kABC};
  Buffer buf{Buffer::Config{64, 5000}};
  REQUIRE(buf.receive(t, m("a1", "alice", {}), "", 0).disposition == Buffer::Disposition::Delivered);
  (void)buf.receive(t, m("c1", "chuck", {"a1", "b1"}), "", 1000);
  CHECK(buf.tick(5999).empty());  // still within grace
  auto w = buf.tick(6000);
  REQUIRE(w.size() == 1);
  CHECK(w[0].held == mid("c1"));
  CHECK(w[0].author == "chuck");
  CHECK(w[0].missing == std::vector<MessageId>{mid("b1")});
  CHECK(w[0].waitingSince == 1000);
  CHECK(buf.tick(20000).empty());  // once per missing parent

  auto o = buf.receive(t, m("b1", "bob", {}), "", 21000);  // concurrent with a1
  CHECK(o.resolved == std::vector<MessageId>{mid("b1")});  // C-14: cancel the warning
  CHECK(o.delivered.size() == 2);

  SECTION("no cancel notice for a parent that arrived within grace") {
    (void)buf.receive(t, m("c3", "chuck", {"b2"}), "", 30000);
    auto o2 = buf.receive(t, m("b2", "bob", {"c1"}), "", 31000);
    CHECK(o2.resolved.empty());
    CHECK(buf.tick(40000).empty());
  }
}

TEST_CASE("C-16: a duplicate of a held message is ignored", "[transcript][buffer][C-16]") {
  Transcript t{kABC};
  Buffer buf{kABC.size()};
  (void)buf.receive(t, m("b1", "bob", {"a1"}), "one", 0);
  auto o = buf.receive(t, m("b1", "bob", {"a1"}), "two", 0);
  CHECK(o.disposition == Buffer::Disposition::DuplicateHeld);
  CHECK(buf.size() == 1);
  auto d = buf.receive(t, m("a1", "alice", {}), "", 0);
  REQUIRE(d.delivered.size() == 2);
  CHECK(d.delivered[1].payload == "one");
}

TEST_CASE("C-17: a replayed packet is a duplicate no-op", "[transcript][buffer][C-17]") {
  Transcript t{kABC};
  Buffer buf{kABC.size()};
  (void)buf.receive(t, m("a1", "alice", {}), "", 0);
  (void)buf.receive(t, m("b1", "bob", {"a1"}), "", 0);
  auto r = buf.receive(t, m("a1", "alice", {}), "", 5);
  CHECK(r.disposition == Buffer::Disposition::Duplicate);
  REQUIRE(r.duplicate);
  CHECK(r.duplicate->pos == 0);
  CHECK(r.delivered.empty());
  CHECK(t.size() == 2);
  CHECK(t.unackedBy(0) == std::vector<std::string>{"chuck"});  // ack state untouched
}

TEST_CASE("Held messages depending on a rejected message are dropped", "[transcript][buffer][W-4]") {
  Transcript t{kABC};
  Buffer buf{kABC.size()};
  (void)buf.receive(t, m("a1", "alice", {}), "", 0);
  (void)buf.receive(t, m("b1", "bob", {"a1"}), "", 0);
  (void)buf.receive(t, m("c2", "chuck", {"x"}), "", 0);
  // x is not an anti-chain: rejected once its parents are there; c2 can never be delivered.
  auto o = buf.receive(t, m("x", "chuck", {"a1", "b1"}), "", 0);
  CHECK(o.disposition == Buffer::Disposition::Rejected);
  CHECK(o.rejected.at(0).error.code == TranscriptErrorCode::NotAntichain);
  CHECK(o.dropped == std::vector<MessageId>{mid("c2")});
  CHECK(buf.empty());
  CHECK(buf.tick(100000).empty());
}
