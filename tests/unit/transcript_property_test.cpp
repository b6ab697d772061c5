// Seeded property test (style.md habit 11): random causal histories that obey
// the rules, delivered to independent transcripts in different orders, must
// give identical ack states, and isAncestor must agree with a brute-force walk.
#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "catch.h"
#include "mpenc/transcript/causal_buffer.h"
#include "transcript_fixtures.h"

using namespace mpenc::transcript;
using mpenc::transcript::testing::mid;

namespace {

struct History {
  std::vector<std::string> members;
  std::vector<Message> msgs;                  // creation order (topological)
  std::vector<std::vector<std::size_t>> pre;  // parent indices
  std::vector<std::vector<bool>> anc;         // anc[i][j]: j ≤ i (brute force, reflexive)
};

std::size_t pick(std::mt19937_64& rng, std::size_t n) {
  return static_cast<std::size_t>(std::uniform_int_distribution<std::size_t>(0, n - 1)(rng));
}

History generate(std::uint64_t seed, std::size_t nMembers, std::size_t nMsgs) {
  std::mt19937_64 rng(seed);
  History h;
  for (std::size_t i = 0; i < nMembers; ++i) h.members.push_back("u" + std::to_string(i));
  std::vector<std::vector<bool>> known(nMembers);  // a down-set per member
  std::vector<std::optional<std::size_t>> latest(nMembers);
  for (std::size_t k = 0; k < nMsgs; ++k) {
    const std::size_t u = pick(rng, nMembers);
    for (auto& v : known) v.resize(k, false);
    // Learn some history (everything below a random message).
    if (k > 0 && pick(rng, 2) == 0) {
      const std::size_t x = pick(rng, k);
      for (std::size_t j = 0; j < k; ++j)
        if (h.anc[x][j]) known[u][j] = true;
    }
    // max(known[u])
    std::vector<std::size_t> mx;
    for (std::size_t j = 0; j < k; ++j) {
      if (!known[u][j]) continue;
      bool isMax = true;
      for (std::size_t i = 0; i < k && isMax; ++i)
        if (i != j && known[u][i] && h.anc[i][j]) isMax = false;
      if (isMax) mx.push_back(j);
    }
    // A random subset of it that keeps u's own chain (C-6).
    std::vector<std::size_t> parents;
    std::size_t must = SIZE_MAX;
    if (latest[u])
      for (std::size_t j : mx)
        if (h.anc[j][*latest[u]]) must = j;
    for (std::size_t j : mx)
      if (j == must || pick(rng, 3) != 0) parents.push_back(j);
    std::shuffle(parents.begin(), parents.end(), rng);

    Message m;
    m.id = mid("m" + std::to_string(seed) + "/" + std::to_string(k));
    m.author = h.members[u];
    for (std::size_t r = 0; r < nMembers; ++r)
      if (r != u) m.readers.push_back(h.members[r]);
    for (std::size_t p : parents) m.parents.push_back(h.msgs[p].id);
    const std::size_t kind = pick(rng, 10);
    m.bodyType = kind < 7 ? BodyType::Payload : kind < 9 ? BodyType::ExplicitAck : BodyType::Consistency;
    m.bodyTag = k;
    h.msgs.push_back(m);
    h.pre.push_back(parents);
    std::vector<bool> a(k + 1, false);
    a[k] = true;
    for (std::size_t p : parents)
      for (std::size_t j = 0; j < k; ++j)
        if (h.anc[p][j]) a[j] = true;
    for (auto& row : h.anc) row.resize(k + 1, false);
    h.anc.push_back(a);
    for (auto& v : known) v.resize(k + 1, false);
    for (std::size_t j = 0; j <= k; ++j)
      if (a[j]) known[u][j] = true;
    latest[u] = k;
  }
  return h;
}

std::vector<std::size_t> randomTopoOrder(const History& h, std::mt19937_64& rng) {
  const std::size_t n = h.msgs.size();
  std::vector<std::size_t> indeg(n, 0);
  std::vector<std::vector<std::size_t>> kids(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t p : h.pre[i]) {
      ++indeg[i];
      kids[p].push_back(i);
    }
  std::vector<std::size_t> ready, out;
  for (std::size_t i = 0; i < n; ++i)
    if (indeg[i] == 0) ready.push_back(i);
  while (!ready.empty()) {
    const std::size_t k = pick(rng, ready.size());
    const std::size_t i = ready[k];
    ready.erase(ready.begin() + static_cast<std::ptrdiff_t>(k));
    out.push_back(i);
    for (std::size_t c : kids[i])
      if (--indeg[c] == 0) ready.push_back(c);
  }
  return out;
}

struct Observed {
  std::map<MessageId, std::vector<std::string>> unacked;
  std::map<MessageId, std::vector<MessageId>> context;  // ⊥ → all-zero ID
  std::map<MessageId, int> emitted;                     // fully-acked emissions
  std::vector<MessageId> max;
};

Observed observe(const Transcript& t, const std::map<MessageId, int>& emitted) {
  Observed o;
  o.emitted = emitted;
  for (Pos p = 0; p < t.size(); ++p) {
    o.unacked[t.id(p)] = t.unackedBy(p);
    std::vector<MessageId> c;
    for (MemberIdx u = 0; u < t.members().size(); ++u) {
      auto q = t.context(p, u);
      c.push_back(q ? t.id(*q) : MessageId{});
    }
    o.context[t.id(p)] = c;
  }
  o.max = t.max();
  std::sort(o.max.begin(), o.max.end());
  return o;
}

void record(std::map<MessageId, int>& emitted, const AddResult& r) {
  for (const auto& id : r.fullyAcked) ++emitted[id];
}

}  // namespace

TEST_CASE("Property: delivery order does not change ack state; isAncestor is exact",
          "[transcript][property][A-5][C-3]") {
  const std::uint64_t seed = GENERATE(range<std::uint64_t>(1, 61));
  std::mt19937_64 rng(seed * 7919);
  const std::size_t nMembers = 2 + pick(rng, 4);
  const std::size_t nMsgs = 1 + pick(rng, 48);
  const History h = generate(seed, nMembers, nMsgs);
  CAPTURE(seed, nMembers, nMsgs);

  // 1. creation order
  Transcript t1{h.members};
  std::map<MessageId, int> em1;
  for (const auto& m : h.msgs) {
    auto r = t1.add(m);
    INFO((r ? "" : r.error().detail));
    REQUIRE(r);
    record(em1, *r);
  }
  // 2. another topological order
  Transcript t2{h.members};
  std::map<MessageId, int> em2;
  for (std::size_t i : randomTopoOrder(h, rng)) {
    auto r = t2.add(h.msgs[i]);
    REQUIRE(r);
    record(em2, *r);
  }
  // 3. any order, through the causal buffer (with duplicates)
  Transcript t3{h.members};
  std::map<MessageId, int> em3;
  {
    CausalBuffer<> buf{CausalBuffer<>::Config{1000, 10}};
    std::vector<std::size_t> order(h.msgs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t i = 0; i < order.size(); i += 3) order.push_back(order[i]);  // replays
    std::uint64_t now = 0;
    for (std::size_t i : order) {
      auto o = buf.receive(t3, h.msgs[i], {}, now++);
      REQUIRE(o.rejected.empty());
      for (const auto& d : o.delivered) {
        for (const auto& p : d.msg.parents) REQUIRE(t3.find(p) < t3.find(d.msg.id));  // C-3
        record(em3, d.result);
      }
    }
    CHECK(buf.empty());
  }
  REQUIRE(t1.size() == h.msgs.size());
  REQUIRE(t2.size() == h.msgs.size());
  REQUIRE(t3.size() == h.msgs.size());

  const Observed o1 = observe(t1, em1), o2 = observe(t2, em2), o3 = observe(t3, em3);
  CHECK(o1.unacked == o2.unacked);
  CHECK(o1.unacked == o3.unacked);
  CHECK(o1.context == o2.context);
  CHECK(o1.context == o3.context);
  CHECK(o1.emitted == o2.emitted);
  CHECK(o1.emitted == o3.emitted);
  CHECK(o1.max == o2.max);
  CHECK(o1.max == o3.max);

  // Brute force against the definitions.
  const std::size_t n = h.msgs.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Pos pi = *t2.find(h.msgs[i].id);
    // unackby(m) = readers with no message strictly after m.
    std::vector<std::string> unacked;
    for (const auto& r : h.msgs[i].readers) {
      bool acked = false;
      for (std::size_t x = 0; x < n && !acked; ++x)
        if (x != i && h.msgs[x].author == r && h.anc[x][i]) acked = true;
      if (!acked) unacked.push_back(r);
    }
    std::sort(unacked.begin(), unacked.end());
    CHECK(t2.unackedBy(pi) == unacked);
    CHECK(t2.isFullyAcked(pi) == unacked.empty());
    CHECK(o2.emitted.count(h.msgs[i].id) == (unacked.empty() ? 1u : 0u));  // emitted exactly once
    for (std::size_t j = 0; j < n; ++j) {
      const Pos pj = *t2.find(h.msgs[j].id);
      CHECK(t2.isAncestor(pj, pi) == h.anc[i][j]);
    }
    std::vector<Pos> anc;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i && h.anc[i][j]) anc.push_back(*t2.find(h.msgs[j].id));
    std::sort(anc.begin(), anc.end());
    CHECK(t2.ancestors(pi) == anc);
  }
}
