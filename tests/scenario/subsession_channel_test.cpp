// Seeded group simulations of one subsession (n = 3..8 members sharing the
// same keys) over an in-memory channel with faults: drops to single members,
// duplicates, per-link delay (reordering between members), and a malicious
// insider sending forged, replayed and rule-breaking packets.
// Properties (protocol-rules.md §2): an honest channel gives no warning and
// identical transcripts; with drops, resends (A-13..A-16) recover every
// message to full-ack, each W-3 being cancelled later (U-15); nothing crashes.
#include <set>
#include <string>

#include "../unit/subsession_harness.h"
#include "catch.h"
#include "mpenc/codec/wire.h"

using namespace mpenc;
using namespace mpenc::session;
using namespace mpenc::session::testing;
using codec::BodyType;
using namespace std::chrono_literals;

namespace {

enum class Fault { None, Drop, DupReorder, Insider };

std::set<MessageId> nonAckIds(const Subsession& s) {
  std::set<MessageId> out;
  const auto& t = s.transcript();
  for (transcript::Pos p = 0; p < t.size(); ++p)
    if (t.bodyType(p) != BodyType::ExplicitAck) out.insert(t.id(p));
  return out;
}
std::set<MessageId> allIds(const Subsession& s) {
  std::set<MessageId> out;
  for (transcript::Pos p = 0; p < s.transcript().size(); ++p) out.insert(s.transcript().id(p));
  return out;
}

struct Run {
  std::size_t n;
  std::size_t honest;  // members 0..honest-1 are honest
};

Run simulate(std::uint64_t seed, Fault fault, Group*& out, std::unique_ptr<Group>& holder) {
  crypto::SeededRng dice(seed * 7919 + 1);
  const std::size_t n = 3 + dice.uniform(6);
  holder = std::make_unique<Group>(n, seed);
  Group& g = *holder;
  out = &g;
  if (fault == Fault::Drop)
    g.drop = [&dice](const std::string&, std::size_t, const std::string&) { return dice.uniform(100) < 8; };
  if (fault == Fault::DupReorder) {
    g.duplicate = [&dice](const std::string&, std::size_t, const std::string&) {
      return dice.uniform(100) < 15;
    };
    g.extraDelay = [&dice](const std::string&, std::size_t) { return Millis{dice.uniform(2000)}; };
  }
  const std::size_t honest = fault == Fault::Insider ? n - 1 : n;
  const std::size_t messages = 4 + dice.uniform(10);
  for (std::size_t k = 0; k < messages; ++k) {
    g.runFor(Millis{dice.uniform(8000)});
    const std::size_t who = dice.uniform(static_cast<std::uint32_t>(n));
    if (auto sent = g[who].sendPayload("msg " + std::to_string(k), g.now))
      g.take(who, std::move(*sent));
    else
      REQUIRE(g[who].state() == SubsessionState::Failed);  // C-9(a): only after a fork
    if (fault == Fault::Insider && dice.uniform(2) == 0) {
      const std::size_t bad = n - 1;
      switch (dice.uniform(4)) {
        case 0:  // replay an old packet
          if (!g.sent.empty())
            g.broadcast(g.names[bad],
                        {g.sent[dice.uniform(static_cast<std::uint32_t>(g.sent.size()))].second});
          break;
        case 1:  // garbage
          g.broadcast(g.names[bad], {"?mpENC:" + std::string(1 + dice.uniform(40), 'A') + "."});
          break;
        case 2: {  // signed with a key that is not a member's (never opens)
          auto k2 = crypto::Ed25519KeyPair::generate(g.rng);
          auto s = proto::sealData(g.keys, k2, {{}, codec::Body::payload("forged")}, g.rng);
          g.broadcast(g.names[bad], {s.wire});
          break;
        }
        default: {  // a fork of its own chain: parents = {} (C-6/C-9 at receivers)
          auto s =
              proto::sealData(g.keys, g.ephemeral[bad], {{}, codec::Body::payload("equivocation")}, g.rng);
          if (g[bad].transcript().latestBy(static_cast<transcript::MemberIdx>(bad)))
            g.broadcast(g.names[bad], {s.wire});
          break;
        }
      }
    }
  }
  g.runFor(900s);  // quiet period
  return {n, honest};
}

}  // namespace

TEST_CASE("Subsession scenario: honest channel, no warnings, identical transcripts", "[scenario][session]") {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    CAPTURE(seed);
    Group* g = nullptr;
    std::unique_ptr<Group> h;
    const Run r = simulate(seed, Fault::None, g, h);
    CAPTURE(r.n);
    for (std::size_t i = 0; i < r.n; ++i) {
      CAPTURE(i);
      CHECK(g->warnings(i) == 0);
      CHECK(allIds((*g)[i]) == allIds((*g)[0]));
      CHECK((*g)[i].isConsistent());
      CHECK((*g)[i].monitor().monitored() == 0);  // every non-ack message fully acked
      CHECK((*g)[i].held() == 0);
    }
  }
}

TEST_CASE("Subsession scenario: drops are recovered by resends, W-3 cancelled", "[scenario][session]") {
  for (std::uint64_t seed = 100; seed < 180; ++seed) {
    CAPTURE(seed);
    Group* g = nullptr;
    std::unique_ptr<Group> h;
    const Run r = simulate(seed, Fault::Drop, g, h);
    CAPTURE(r.n);
    for (std::size_t i = 0; i < r.n; ++i) {
      CAPTURE(i);
      CHECK(nonAckIds((*g)[i]) == nonAckIds((*g)[0]));
      CHECK((*g)[i].isConsistent());
      CHECK((*g)[i].monitor().monitored() == 0);
      CHECK((*g)[i].held() == 0);
      std::set<MessageId> warned, cancelled;
      for (const auto& w : g->noticesOf<NotFullyAcked>(i)) warned.insert(w.id);
      for (const auto& f : g->noticesOf<FullyAcked>(i))
        if (f.afterWarning) cancelled.insert(f.id);
      CHECK(warned == cancelled);
      CHECK(g->noticesOf<InvalidMessage>(i).empty());
      CHECK(g->noticesOf<ForkDetected>(i).empty());
    }
  }
}

TEST_CASE("Subsession scenario: duplicates and reordering converge", "[scenario][session]") {
  for (std::uint64_t seed = 200; seed < 240; ++seed) {
    CAPTURE(seed);
    Group* g = nullptr;
    std::unique_ptr<Group> h;
    const Run r = simulate(seed, Fault::DupReorder, g, h);
    for (std::size_t i = 0; i < r.n; ++i) {
      CAPTURE(i);
      CHECK(allIds((*g)[i]) == allIds((*g)[0]));
      CHECK((*g)[i].isConsistent());
      CHECK(g->noticesOf<NotFullyAcked>(i).empty());  // 2 hops ≤ BC_LAT − 1 s: no W-3
      CHECK(g->noticesOf<InvalidMessage>(i).empty());
    }
  }
}

TEST_CASE("Subsession scenario: a malicious insider cannot crash or split honest members",
          "[scenario][session]") {
  for (std::uint64_t seed = 300; seed < 330; ++seed) {
    CAPTURE(seed);
    Group* g = nullptr;
    std::unique_ptr<Group> h;
    const Run r = simulate(seed, Fault::Insider, g, h);
    bool forked = false;
    for (std::size_t i = 0; i < r.honest; ++i) forked = forked || (*g)[i].state() == SubsessionState::Failed;
    for (std::size_t i = 0; i < r.honest; ++i) {
      CAPTURE(i);
      if (!forked) {
        CHECK(nonAckIds((*g)[i]) == nonAckIds((*g)[0]));
        CHECK((*g)[i].isConsistent());
      } else {
        // C-9: an honest member that saw the fork stops; its NACK was sent.
        if ((*g)[i].state() == SubsessionState::Failed) CHECK(g->noticesOf<ForkDetected>(i).size() == 1);
      }
      CHECK(g->pending[i].size() <= g->pending[i].capacity());
    }
  }
}
