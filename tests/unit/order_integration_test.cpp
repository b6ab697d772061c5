// Transport-integration rules that concern the resolver (T-EIO, T-EII, T-LOI,
// T-LI; protocol-rules.md §3.7) and the §6 "Resolver" and "Integration" test
// matrices, as far as they concern ordering.
#include <algorithm>

#include "catch.h"
#include "order_fixtures.h"

using namespace mpenc;
using namespace mpenc::order;
using namespace mpenc::order::testing;

namespace {

const std::string A = "alice@x/1", B = "bob@x/1", C = "carol@x/1", D = "dave@x/1", E = "erin@x/1";
const Members ABC{A, B, C};
const Members ABCD{A, B, C, D};
const Members ABCDE{A, B, C, D, E};
const Hash32 kPrev = label("prev_pF of the test chain");

}  // namespace

TEST_CASE("T-EIO unsynced: a pI that excludes us is ignored and its prev_pF blacklisted") {
  ServerOrder newcomer(D);
  const Members mine{D};
  const auto notForUs = initialPacket(A, ABC, kPrev, label("ch"), ABCD, "abc");
  const auto r = newcomer.tryOpPacket(notForUs, ABCD, mine, false);
  CHECK(r.verdict == Verdict::Rejected);
  CHECK(r.reason == Reason::NotForUs);
  CHECK(!newcomer.synced());
  CHECK(newcomer.isBlacklisted(kPrev));
  // A later proposal with that prev_pF that does include us: rejected.
  const auto late = initialPacket(B, ABCD, kPrev, label("ch"), ABCD, "abcd");
  const auto r2 = newcomer.tryOpPacket(late, ABCD, mine, false);
  CHECK(r2.verdict == Verdict::Rejected);
  CHECK(r2.reason == Reason::BlacklistedPrevPf);
  CHECK(!newcomer.synced());
  SECTION("a pI failing XP is not taken as evidence: no blacklisting") {
    ServerOrder n2(D);
    const auto failsXp = initialPacket(A, ABCDE, label("other"), label("ch"), ABCD);
    CHECK(n2.tryOpPacket(failsXp, ABCD, mine, false).reason == Reason::TargetNotInChannel);
    CHECK(!n2.isBlacklisted(label("other")));
  }
  SECTION("a pI with a fresh prev_pF that includes us still syncs us") {
    const auto fresh = initialPacket(B, ABCD, label("next pF"), label("ch2"), ABCD);
    CHECK(newcomer.tryOpPacket(fresh, ABCD, mine, false).verdict == Verdict::Initial);
    CHECK(newcomer.synced());
  }
}

TEST_CASE("T-EII unsynced: a pI that includes us is accepted opportunistically and syncs the chain") {
  ServerOrder newcomer(D);
  const Hash32 prevCh = label("their chain hash");
  const auto pI = initialPacket(A, ABCD, kPrev, prevCh, ABCD);
  const auto r = newcomer.tryOpPacket(pI, ABCD, Members{D}, false);
  CHECK(r.verdict == Verdict::Initial);
  CHECK(r.syncedNow);
  REQUIRE(newcomer.synced());
  // The chain starts at the claimed (prev_pF, prev_CH) (H-12), then the pI.
  REQUIRE(newcomer.chain().size() == 2);
  CHECK(newcomer.chain()[0].packetId == kPrev);
  CHECK(newcomer.chain()[0].chainHash == prevCh);
  CHECK(newcomer.chain()[1].chainHash == proto::chainHash(prevCh, pI.packetId, ChainType::Initial));
  CHECK(r.operation->prevPf == kPrev);
  CHECK(r.operation->prevCh == prevCh);
  SECTION("unsynced members ignore final candidates") {
    ServerOrder other(E);
    const auto fin = laterPacket(B, ABCD, ABCDE, "fin");
    CHECK(other.tryOpPacket(fin, ABCDE, Members{E}, true).reason == Reason::UnsyncedFinal);
  }
}

TEST_CASE("T-LOI a target member leaves mid-operation: failure pseudo-pF accepted at once, byte-exact ID") {
  Peer a(A, kPrev, ABC);
  const auto pI = initialPacket(A, ABCD, kPrev, *a.order.prevCh(), ABCD);
  REQUIRE(a.recv(pI, ABCD).verdict == Verdict::Initial);
  const Hash32 chAtPi = *a.order.prevCh();
  const Members leavers{D};
  const Members after{A, B, C};
  const auto lo = a.order.onOthersLeft(leavers, after);
  REQUIRE(lo);
  CHECK(!a.order.hasOngoingOp());
  CHECK(lo->operation.failedByLeave);
  // protocol-wire.md §6: sender "__server__", channel ∪ {"__server__"},
  // bytes "\xffleave " ‖ pI ‖ "\n" ‖ sorted leavers joined by ",".
  std::string body = "\xffleave ";
  body.append(pI.packetId.begin(), pI.packetId.end());
  body += "\n" + D;
  CHECK(lo->pseudoFinal == proto::packetId(body, "__server__", Members{A, B, C, "__server__"}));
  CHECK(lo->chainHash == proto::chainHash(chAtPi, lo->pseudoFinal, ChainType::Leave));
  CHECK(a.order.chain().back().type == ChainType::Leave);
  CHECK(a.order.prevPf() == lo->pseudoFinal);
  // The real final arriving later is rejected (no ongoing operation).
  CHECK(a.recv(laterPacket(B, ABCD, after, "late final"), after, true).verdict == Verdict::Rejected);
  SECTION("a leaver who is not a target member of the operation does not fail it") {
    Peer b(B, kPrev, ABCD);
    const auto excl = initialPacket(A, ABC, kPrev, *b.order.prevCh(), ABCD, "exclude dave");
    REQUIRE(b.recv(excl, ABCD).verdict == Verdict::Initial);
    CHECK(!b.order.onOthersLeft(Members{D}, ABC));
    CHECK(b.order.hasOngoingOp());
  }
  SECTION("no ongoing operation: nothing to fail") {
    Peer c(C, kPrev, ABC);
    CHECK(!c.order.onOthersLeft(Members{B}, Members{A, C}));
    CHECK(c.order.chain().size() == 1);
  }
}

TEST_CASE("T-LI our own leave clears all resolver state") {
  Peer a(A, kPrev, ABC);
  const auto pI = initialPacket(B, ABC, kPrev, *a.order.prevCh(), ABC);
  REQUIRE(a.recv(pI, ABC).verdict == Verdict::Initial);
  REQUIRE(a.order.recordOwnProposal({pI.packetId, label("my final")}));
  const auto out = a.order.onSelfLeft();
  CHECK(out.wasSynced);
  REQUIRE(out.ongoing);
  CHECK(out.ongoing->initial == pI.packetId);
  CHECK(out.ongoingIncludedUs);
  CHECK(out.droppedOwnProposal);
  CHECK(!a.order.synced());
  CHECK(a.order.chain().empty());
  CHECK(a.order.operations().empty());
  CHECK(!a.order.ownProposal());
  CHECK(a.order == ServerOrder(A));
  // Re-entered: behaves as a newcomer (T-EIO applies again).
  CHECK(a.recv(laterPacket(C, ABC, ABC, "fin"), ABC, true).reason == Reason::UnsyncedFinal);
  SECTION("the blacklist is cleared too") {
    ServerOrder d(D);
    (void)d.tryOpPacket(initialPacket(A, ABC, kPrev, label("ch"), ABCD), ABCD, Members{D}, false);
    REQUIRE(d.isBlacklisted(kPrev));
    d.onSelfLeft();
    CHECK(!d.isBlacklisted(kPrev));
  }
}

// ---- §6 Resolver matrix ----------------------------------------------------

TEST_CASE(
    "Resolver matrix 1: concurrent pIs with the same prev_pF; first echoed wins, second proposer sees "
    "rejected") {
  Peer b(B, kPrev, ABC), c(C, kPrev, ABC), a(A, kPrev, ABC);
  const Hash32 ch = *a.order.prevCh();
  REQUIRE(b.order.recordOwnProposal({kPrev, initialWireHash(B, kPrev, "b")}));
  REQUIRE(c.order.recordOwnProposal({kPrev, initialWireHash(C, kPrev, "c")}));
  const auto pb = initialPacket(B, ABC, kPrev, ch, ABC, "b");
  const auto pc = initialPacket(C, ABC, kPrev, ch, ABC, "c");
  for (Peer* p : {&a, &b, &c}) {
    const auto r1 = p->recv(pb, ABC);
    const auto r2 = p->recv(pc, ABC);
    CHECK(r1.verdict == Verdict::Initial);
    CHECK(r2.verdict == Verdict::Rejected);
    if (p == &b) {
      REQUIRE(r1.own);
      CHECK(r1.own->accepted);
    }
    if (p == &c) {
      REQUIRE(r1.own);  // settled by the winner, before our own echo arrives
      CHECK(!r1.own->accepted);
      CHECK(r1.own->acceptedPacketId == pb.packetId);
    }
  }
  CHECK(a.order.chain() == b.order.chain());
  CHECK(b.order.chain() == c.order.chain());
}

TEST_CASE("Resolver matrix 2: a pI echoed while a target is missing from the channel is ignored") {
  Peer a(A, kPrev, ABC);
  const Members ab{A, B};
  const auto r = a.recv(initialPacket(B, ABC, kPrev, *a.order.prevCh(), ab), ab);
  CHECK(r.verdict == Verdict::Rejected);
  CHECK(r.ignored());
  CHECK(a.order.operations().empty());
}

TEST_CASE("Resolver matrix 3: a pI during an ongoing operation is rejected") {
  Peer a(A, kPrev, ABC);
  const Hash32 ch = *a.order.prevCh();
  REQUIRE(a.recv(initialPacket(B, ABC, kPrev, ch, ABC, "1"), ABC).accepted());
  CHECK(a.recv(initialPacket(A, ABC, kPrev, ch, ABC, "2"), ABC).reason == Reason::OngoingOperation);
}

TEST_CASE("Resolver matrix 4: a pF referencing a stale pI is rejected") {
  Peer a(A, kPrev, ABC);
  const auto op1 = initialPacket(B, ABC, kPrev, *a.order.prevCh(), ABC, "op1");
  REQUIRE(a.recv(op1, ABC).accepted());
  REQUIRE(a.recv(laterPacket(C, ABC, ABC, "f1"), ABC, Finality::ofInitial(op1.packetId)).accepted());
  const auto op2 = initialPacket(C, ABC, *a.order.prevPf(), *a.order.prevCh(), ABC, "op2");
  REQUIRE(a.recv(op2, ABC).accepted());
  // A (delayed) final candidate of op1 arrives during op2.
  const auto r = a.recv(laterPacket(A, ABC, ABC, "f1-late"), ABC, Finality::ofInitial(op1.packetId));
  CHECK(r.verdict == Verdict::Rejected);
  CHECK(r.reason == Reason::StaleInitial);
  CHECK(a.order.currentPi() == op2.packetId);
}

TEST_CASE("Resolver matrix 5: a one-packet exclude is accepted as pI and pF with chain type 3") {
  const Members ab{A, B};
  Peer a(A, kPrev, ab);
  const auto exclB = initialPacket(A, Members{A}, kPrev, *a.order.prevCh(), ab, "exclude bob");
  const auto r = a.recv(exclB, ab, true);
  CHECK(r.verdict == Verdict::InitialFinal);
  CHECK(a.order.chain().back().type == ChainType::InitialFinal);
  CHECK(r.operation->final == exclB.packetId);
}

TEST_CASE("Resolver matrix 6: chain hashes match across members; a forged recipient list changes pId") {
  const std::string wire = "the exact wire string";
  Peer a(A, kPrev, ABC), b(B, kPrev, ABC), c(C, kPrev, ABC);
  const Hash32 ch = *a.order.prevCh();
  auto atReceipt = [&](const Members& channel) {
    OpPacket op = initialPacket(B, ABC, kPrev, ch, channel);
    op.packetId = proto::packetId(wire, B, channel);
    return op;
  };
  REQUIRE(a.recv(atReceipt(ABC), ABC).accepted());
  REQUIRE(b.recv(atReceipt(ABC), ABC).accepted());
  // The server shows carol a channel with dave in it: same bytes, different pId.
  REQUIRE(c.recv(atReceipt(ABCD), ABCD).accepted());
  CHECK(a.order.prevCh() == b.order.prevCh());
  CHECK(a.order.prevCh() != c.order.prevCh());
  CHECK(proto::packetId(wire, B, ABC) == proto::packetId(wire, B, Members{C, A, B, B}));  // order-free
}

// ---- §6 Integration matrix (resolver part) -----------------------------------

TEST_CASE("Integration matrix 1: a newcomer ignores a pI that excludes it and blacklists its prev_pF") {
  ServerOrder e(E);
  const auto r = e.tryOpPacket(initialPacket(A, ABCD, kPrev, label("ch"), ABCDE), ABCDE, Members{E}, false);
  CHECK(r.reason == Reason::NotForUs);
  CHECK(e.isBlacklisted(kPrev));
}

TEST_CASE("Integration matrix 2: a newcomer accepts the pI that includes it and then its final") {
  ServerOrder e(E);
  const auto pI = initialPacket(A, ABCDE, kPrev, label("ch"), ABCDE);
  REQUIRE(e.tryOpPacket(pI, ABCDE, Members{E}, false).verdict == Verdict::Initial);
  const auto f = e.tryOpPacket(laterPacket(D, ABCDE, ABCDE, "f"), ABCDE, Members{E}, true);
  CHECK(f.verdict == Verdict::Final);
  CHECK(e.prevPf() == f.packetId);
}

TEST_CASE("Integration matrix 4: our own leave wipes state, including an op that excluded us") {
  Peer c(C, kPrev, ABC);
  const Members ab{A, B};
  REQUIRE(c.recv(initialPacket(A, ab, kPrev, *c.order.prevCh(), ABC), ABC).accepted());
  const auto out = c.order.onSelfLeft();
  REQUIRE(out.ongoing);
  CHECK(!out.ongoingIncludedUs);  // JS assumes such an operation succeeded
  CHECK(!c.order.synced());
}

TEST_CASE(
    "Integration matrix 5: member leaves mid-operation -> failure pseudo-pF, then an exclude proposal") {
  Peer a(A, kPrev, ABCD), b(B, kPrev, ABCD);
  const auto refresh = initialPacket(A, ABCD, kPrev, *a.order.prevCh(), ABCD, "op");
  REQUIRE(a.recv(refresh, ABCD).accepted());
  REQUIRE(b.recv(refresh, ABCD).accepted());
  const auto la = a.order.onOthersLeft(Members{D}, ABC);
  const auto lb = b.order.onOthersLeft(Members{D}, ABC);
  REQUIRE(la);
  REQUIRE(lb);
  CHECK(la->pseudoFinal == lb->pseudoFinal);
  CHECK(a.order.prevCh() == b.order.prevCh());
  // T-LOX: the session layer now proposes to exclude dave on the pseudo-pF.
  const auto excl = initialPacket(B, ABC, la->pseudoFinal, la->chainHash, ABC, "exclude dave");
  CHECK(a.recv(excl, ABC).verdict == Verdict::Initial);
  CHECK(b.recv(excl, ABC).verdict == Verdict::Initial);
  CHECK(a.order.prevCh() == b.order.prevCh());
}
