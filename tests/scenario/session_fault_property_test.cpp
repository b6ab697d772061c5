// Session property (b) over seeds (see session_property_test.cpp for (a), the
// seeds and the soak): one kind of fault injected while the random actions run
// — no crash, only the warning kinds that fault can cause (allowedFor), and
// after the faults stop and the net settles the remaining members agree and
// exchange messages that become fully acked.
#include <cstdint>
#include <string>

#include "catch.h"
#include "session_world.h"

using namespace sesstest;

namespace {

/// (b) for one fault kind: no crash, only that fault's warnings, then the
/// remaining members agree and recover.
void faultProperty(Fault f, std::uint64_t first, std::uint64_t count) {
  const auto range = seeds(first, count);
  const auto allowed = allowedFor(f);
  for (std::uint64_t seed = range.first; seed < range.first + range.count; ++seed) {
    CAPTURE(name(f), seed);
    World w(seed, f, false);
    w.run();
    INFO(w.trace());
    Net& net = w.net;
    for (const auto& [id, n] : net.nodes) {
      INFO(id << " warnings: " << describeWarnings(*n));
      INFO(id << " events: " << describeEvents(*n));
      for (const auto& r : warningRules(*n)) {
        INFO("unexpected " << r);
        CHECK(allowed.count(r) == 1);
      }
    }
    const auto rest = w.remaining();
    CAPTURE(rest.size());
    checkRecovered(w, rest, "after the faults");
  }
}

}  // namespace

TEST_CASE("session property (b): drops of data packets (resends recover)", "[session][session-property]") {
  faultProperty(Fault::Drop, 10001, 16);
}
TEST_CASE("session property (b): duplicates (no effect)", "[session][session-property]") {
  faultProperty(Fault::Duplicate, 11001, 16);
}
TEST_CASE("session property (b): reordered data packets", "[session][session-property]") {
  faultProperty(Fault::Reorder, 12001, 16);
}
TEST_CASE("session property (b): delayed data packets", "[session][session-property]") {
  faultProperty(Fault::Delay, 13001, 16);
}
TEST_CASE("session property (b): a member crashes, the server notices later", "[session][session-property]") {
  faultProperty(Fault::Crash, 14001, 16);
}
TEST_CASE("session property (b): connections drop and come back", "[session][session-property]") {
  faultProperty(Fault::LeaveRejoin, 15001, 16);
}
TEST_CASE("session property (b): a member partitioned, then healed", "[session][session-property]") {
  faultProperty(Fault::Partition, 16001, 16);
}
TEST_CASE("session property (b): a malicious insider injects packets", "[session][session-property]") {
  faultProperty(Fault::Insider, 17001, 16);
}
