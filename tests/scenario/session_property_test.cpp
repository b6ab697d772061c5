// Session-level properties over seeds (protocol-rules.md §1–§3), on the
// simulated channel of session_net.h:
//  (a) honest channel, random n in 2..6, a random interleaving of sends,
//      joins (auto-include), excludes, parts, refreshes and rejoins: no
//      warning ever fires (isWarning), all members end with identical
//      members / sid / chain hash, identical sets of delivered payloads per
//      subsession, and everything fully acked;
//  (b) the same with one kind of fault injected while the actions run: no
//      crash, only the warning kinds that fault can cause, and after the
//      faults stop and the net settles the remaining members agree and can
//      exchange a message that becomes fully acked.
//
// Seeds: by default a few hundred in total (the whole session suite stays
// well under two minutes in a Debug build). Soak runs (tens of thousands of
// seeds, different from the default ones):
//
//   MPENC_SOAK_SEEDS=20000 build/<dir>/tests/mpenc_scenario_tests "[session-property]"
//
// or, configured with -DMPENC_SOAK=ON, `ctest -L soak` (CTest test
// mpenc_session_soak, label "soak", never part of the default presets).
// MPENC_SOAK_SEEDS=<k> runs k seeds for each property (and for each fault
// kind of (b)), from 1000000 on. A failure names its seed (CAPTURE) and what
// happened (the action trace); rerun exactly that seed with MPENC_SEED=<seed>.
#include <cstdint>
#include <set>
#include <string>

#include "catch.h"
#include "session_world.h"

using namespace sesstest;

namespace {
void honestRun(std::uint64_t seed) {
  CAPTURE(seed);
  World w(seed, Fault::None, false);
  w.run();
  INFO(w.trace());
  // No warning, anywhere, ever (W-1..W-11).
  for (const auto& [id, n] : w.net.nodes) {
    INFO(id << " warnings: " << describeWarnings(*n));
    INFO(id << " events: " << describeEvents(*n));
    CHECK(n->warnings().empty());
    CHECK(n->session->isConsistent());
  }
  checkHonestOutcome(w);
}
}  // namespace

TEST_CASE(
    "session property (a): honest channel, random interleavings → no warning, one session, same "
    "payloads, all fully acked",
    "[session][session-property]") {
  // Users act on what they have seen: each action's packets reach everyone
  // before the next user action (timers, acks and operations still interleave).
  const auto range = seeds(1, 100);
  for (std::uint64_t seed = range.first; seed < range.first + range.count; ++seed) honestRun(seed);
}

namespace {

/// Warnings and resends over the seeds of one property, for the before/after
/// figures of the excluded member's last messages (A-22/A-23, W-11).
struct Tally {
  std::map<std::string, std::size_t> rules;  // warnings by rule (summed over every member)
  std::size_t resends = 0;                   // packets sent again (the same wire, A-13/A-16)
  std::size_t seedsWithW11 = 0;

  void add(const World& w) {
    bool w11 = false;
    for (const auto& [id, n] : w.net.nodes)
      for (const auto* e : n->warnings()) {
        const auto r = warningRule(*e);
        ++rules[r];
        w11 = w11 || r == "W-11";
      }
    seedsWithW11 += w11 ? 1 : 0;
    std::set<std::string> seen;
    for (const auto& [from, wire] : w.net.ch.packetLog())
      if (!seen.insert(wire).second) ++resends;
  }
  std::size_t of(const std::string& r) const {
    auto it = rules.find(r);
    return it == rules.end() ? 0 : it->second;
  }
  std::string summary() const {
    return "W-3 " + std::to_string(of("W-3")) + ", W-6 " + std::to_string(of("W-6")) + ", W-7 " +
           std::to_string(of("W-7")) + ", W-11 " + std::to_string(of("W-11")) + " (in " +
           std::to_string(seedsWithW11) + " seeds), resends " + std::to_string(resends);
  }
};

}  // namespace

namespace {
void racingRun(std::uint64_t seed, Tally& tally) {
  CAPTURE(seed);
  World w(seed, Fault::None, true);
  w.run();
  tally.add(w);
  INFO(w.trace());
  std::set<std::string> left;
  for (const auto& [id, sids] : w.departed()) left.insert(id);
  for (const auto& [id, n] : w.net.nodes) {
    INFO(id << " warnings: " << describeWarnings(*n));
    INFO(id << " events: " << describeEvents(*n));
    for (const auto& r : warningRules(*n)) {
      INFO("unexpected " << r);
      CHECK(Rules{"W-3", "W-6", "W-7", "W-11"}.count(r) == 1);
    }
    for (const auto* x : n->all<NotFullyAcked>())
      for (const auto& m : x->unackedBy) {
        INFO(m << " did not ack, and did not leave");
        CHECK(left.count(m) == 1);
      }
  }
  checkHonestOutcome(w);
}
}  // namespace

// With user actions racing packets still in flight (someone sends while a
// part or an exclusion is on its way), an honest run does show warnings, as
// the rules prescribe: content that crosses one's own FIN (W-7, A-22), and
// messages the leaving member never acked (W-3 naming it, then W-6 / W-11
// when the subsession ends). Nothing else, and the outcome is the same.
TEST_CASE(
    "session property (a, racing): honest channel, actions racing packets in flight → only the "
    "race warnings of A-22/A-23 about members who left, same outcome",
    "[session][session-property]") {
  const auto range = seeds(5001, 50);
  Tally tally;
  for (std::uint64_t seed = range.first; seed < range.first + range.count; ++seed) racingRun(seed, tally);
  WARN("racing property, " << range.count << " seeds: " << tally.summary());
  // Before the excluded member's kick waited for its FIN and members who left
  // stopped owing acks, the 50 default seeds gave W-3 48, W-6 29, W-7 25,
  // W-11 46 (in 13 seeds) and 4306 resends; now W-3 0, W-11 29 (7 seeds), 0 resends.
  if (range.count == 50 && range.first == 5001) {
    CHECK(tally.of("W-11") <= 30);
    CHECK(tally.of("W-3") <= 5);
    CHECK(tally.resends <= 200);
  }
}

// Seeds the first 10^4-seed soak (MPENC_SOAK_SEEDS=1000) failed on, kept in
// the default run: an excluded member's undecryptable last packets left held
// at a newcomer (1000027) or reported as W-2 after the member came back
// (1000932, 1005015); racing actions taking a group below two members (1005963,
// a generator bug). docs/fuzzing.md "Simulator soak".
TEST_CASE("session property: the seeds the soak found", "[session][session-property]") {
  for (std::uint64_t seed : {1000026U, 1000027U, 1000035U, 1000932U}) honestRun(seed);
  Tally tally;
  for (std::uint64_t seed : {1005015U, 1005963U}) racingRun(seed, tally);
}
