// The transcript's storage (issue 12, transcript memory): paged rows and the
// int16-to-page-base vector clocks must give back exactly what was stored,
// across page boundaries and for values that do not fit the compact form.
#include <cstdint>
#include <random>
#include <vector>

#include "catch.h"
#include "mpenc/transcript/context_rows.h"
#include "mpenc/transcript/paged_rows.h"
#include "mpenc/transcript/transcript.h"
#include "transcript_fixtures.h"

using namespace mpenc::transcript;

TEST_CASE("PagedRows keeps every row across pages and never moves one", "[transcript][storage]") {
  PagedRows<std::uint32_t> rows(3, 64);  // 64-byte pages: 4 rows of 12 bytes per page
  std::vector<const std::uint32_t*> where;
  for (std::uint32_t i = 0; i < 1000; ++i) {
    rows.push(std::vector<std::uint32_t>{i, i * 7, ~i});
    where.push_back(rows.row(i).data());
  }
  REQUIRE(rows.size() == 1000);
  for (std::uint32_t i = 0; i < 1000; ++i) {
    const auto r = rows.row(i);
    REQUIRE(r.size() == 3);
    CHECK(r[0] == i);
    CHECK(r[1] == i * 7);
    CHECK(r[2] == ~i);
    if (i >= 4) CHECK(r.data() == where[i]);  // past the first page nothing moves
  }
  // Memory: the pages are full except the last; at most one page of slack.
  CHECK(rows.memoryBytes() <= 1000 * 12 + 64 + 8 * 256);
}

TEST_CASE("PagedRows width 1 behaves as an array", "[transcript][storage]") {
  PagedRows<std::uint8_t> a;
  for (int i = 0; i < 200000; ++i) a.push_back(static_cast<std::uint8_t>(i * 31));
  REQUIRE(a.size() == 200000);
  for (int i = 0; i < 200000; i += 997)
    CHECK(a[static_cast<std::size_t>(i)] == static_cast<std::uint8_t>(i * 31));
}

TEST_CASE("ContextRows round-trips vector clocks, far ones through the overflow table",
          "[transcript][storage]") {
  constexpr std::size_t kWidth = 5;
  ContextRows c(kWidth);
  std::mt19937 rng(3);
  std::vector<std::vector<std::uint32_t>> want;
  std::vector<std::uint32_t> clock(kWidth, 0);
  for (int i = 0; i < 20000; ++i) {
    for (auto& v : clock) v += rng() % 3;  // slowly growing, like real clocks
    std::vector<std::uint32_t> row = clock;
    if (i % 1000 == 17) row[1] = 0;            // a lagging view: far below the page base
    if (i % 1000 == 29) row[2] = 4000000000u;  // far above
    c.push(row);
    want.push_back(row);
  }
  REQUIRE(c.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    for (std::size_t u = 0; u < kWidth; ++u) REQUIRE(c.at(i, u) == want[i][u]);
    if (i % 501 == 0) CHECK(c.row(i) == want[i]);
  }
  CHECK(c.overflowCount() >= 20);  // the far values took the exact path
  CHECK(c.overflowCount() < 100);  // and only they did
  // About 2 bytes per entry, not 4.
  CHECK(c.memoryBytes() < want.size() * kWidth * 3);
}

TEST_CASE("Transcript children and contexts survive page boundaries", "[transcript][storage]") {
  // A chain long enough to cross several pages of every per-message array.
  const std::vector<std::string> members{"alice", "bob"};
  Transcript t{members};
  std::vector<std::string> names;
  for (int i = 0; i < 5000; ++i) {
    names.push_back("m" + std::to_string(i));
    std::vector<std::string_view> parents;
    if (i > 0) parents.push_back(names[static_cast<std::size_t>(i - 1)]);
    const auto r = t.add(testing::msgTo(members, names.back(), i % 2 ? "bob" : "alice", parents));
    REQUIRE(r);
  }
  REQUIRE(t.size() == 5000);
  for (Pos p = 0; p + 1 < 5000; p += 37) {
    REQUIRE(t.children(p) == std::vector<Pos>{p + 1});
    REQUIRE(t.parents(p + 1) == std::vector<Pos>{p});
    CHECK(t.isAncestor(p, 4999));
    CHECK_FALSE(t.isAncestor(4999, p));
    // context(p)[other] is the message just before p (by the other author).
    if (p > 0) CHECK(t.context(p, static_cast<MemberIdx>((p + 1) % 2)) == std::optional<Pos>(p - 1));
  }
  CHECK(t.children(4999).empty());
  CHECK(t.find(testing::mid("m4321")) == std::optional<Pos>(4321));
  CHECK_FALSE(t.find(testing::mid("absent")).has_value());
}
