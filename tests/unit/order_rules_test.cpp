// The resolver's numbered rules H-1..H-11 (protocol-rules.md §3.4, §3.5), one
// named test per rule. Each test breaks if its rule is removed from
// core/mpenc/order/server_order.cpp.
#include "catch.h"
#include "order_fixtures.h"

using namespace mpenc;
using namespace mpenc::order;
using namespace mpenc::order::testing;

namespace {

const std::string A = "alice@x/1", B = "bob@x/1", C = "carol@x/1", D = "dave@x/1";
const Members ABC{A, B, C};
const Members ABCD{A, B, C, D};
const Hash32 kPrev = label("prev_pF of the test chain");

}  // namespace

TEST_CASE("H-1 accepted chain alternates pI, pF and each accepted proposal has one accepted child") {
  Peer a(A, kPrev, ABC);
  const auto pI = initialPacket(B, ABC, kPrev, *a.order.prevCh(), ABC);
  REQUIRE(a.recv(pI, ABC).verdict == Verdict::Initial);
  const auto f1 = laterPacket(C, ABC, ABC, "final-1");
  const auto f2 = laterPacket(A, ABC, ABC, "final-2");
  REQUIRE(a.recv(f1, ABC, true).verdict == Verdict::Final);
  // A second final candidate for the same pI: the pI already has its child.
  const auto second = a.recv(f2, ABC, Finality::ofInitial(pI.packetId));
  CHECK(second.verdict == Verdict::Rejected);
  // Next pI must be a child of the pF, and the chain types alternate.
  const auto pI2 = initialPacket(C, ABC, f1.packetId, *a.order.prevCh(), ABC);
  REQUIRE(a.recv(pI2, ABC).verdict == Verdict::Initial);
  const auto& chain = a.order.chain();
  REQUIRE(chain.size() == 4);
  CHECK(!chain[0].type);
  CHECK(chain[1].type == ChainType::Initial);
  CHECK(chain[2].type == ChainType::Final);
  CHECK(chain[3].type == ChainType::Initial);
  CHECK(a.order.operations().size() == 2);
  CHECK(a.order.operations()[0].final == f1.packetId);
}

TEST_CASE("H-2 first valid proposal in channel order wins; later ones with the same parent are rejected") {
  Peer a(A, kPrev, ABC);
  const Hash32 ch = *a.order.prevCh();
  const auto first = initialPacket(B, ABC, kPrev, ch, ABC, "b");
  const auto second = initialPacket(C, ABC, kPrev, ch, ABC, "c");
  const auto r1 = a.recv(first, ABC);
  CHECK(r1.verdict == Verdict::Initial);
  const auto r2 = a.recv(second, ABC);
  CHECK(r2.verdict == Verdict::Rejected);
  CHECK(!r2.ignored());
  // Rejected packets never enter the chain hash.
  REQUIRE(a.order.chain().size() == 2);
  CHECK(a.order.chain().back().packetId == first.packetId);

  SECTION("an earlier invalid proposal does not win: the first *valid* one does") {
    Peer b(B, kPrev, ABC);
    const auto invalid = initialPacket(C, ABCD, kPrev, ch, ABC, "needs-dave");  // fails XP
    CHECK(b.recv(invalid, ABC).verdict == Verdict::Rejected);
    CHECK(b.recv(first, ABC).verdict == Verdict::Initial);
  }
  SECTION("after the winner's operation ends, a late loser is still rejected") {
    const auto fin = laterPacket(A, ABC, ABC, "fin");
    REQUIRE(a.recv(fin, ABC, true).verdict == Verdict::Final);
    const auto late = a.recv(initialPacket(C, ABC, kPrev, ch, ABC, "late"), ABC);
    CHECK(late.verdict == Verdict::Rejected);
    CHECK(late.reason == Reason::StalePrevPf);
  }
}

TEST_CASE("H-3 XP: a proposal is ignored unless every target member is in the channel at receipt") {
  Peer a(A, kPrev, ABC);
  const Members channelWithoutD{A, B, C};
  const auto pI = initialPacket(B, ABCD, kPrev, *a.order.prevCh(), channelWithoutD);
  const auto r = a.recv(pI, channelWithoutD);
  CHECK(r.verdict == Verdict::Rejected);
  CHECK(r.reason == Reason::TargetNotInChannel);
  CHECK(r.ignored());
  CHECK(!a.order.hasOngoingOp());
  CHECK(a.order.chain().size() == 1);
  // The same proposal, echoed when dave is in the channel, is accepted.
  const auto ok = initialPacket(B, ABCD, kPrev, *a.order.prevCh(), ABCD);
  CHECK(a.recv(ok, ABCD).verdict == Verdict::Initial);
}

TEST_CASE("H-4 one operation at a time: a pI is rejected while an operation is ongoing") {
  Peer a(A, kPrev, ABC);
  const Hash32 ch = *a.order.prevCh();
  REQUIRE(a.recv(initialPacket(B, ABC, kPrev, ch, ABC, "1"), ABC).verdict == Verdict::Initial);
  // Even a pI that names the current prev_pF is rejected while the op runs.
  const auto r = a.recv(initialPacket(C, ABC, kPrev, ch, ABC, "2"), ABC);
  CHECK(r.verdict == Verdict::Rejected);
  CHECK(r.reason == Reason::OngoingOperation);
  SECTION("and prev_pF must equal the last accepted pF") {
    REQUIRE(a.recv(laterPacket(C, ABC, ABC, "f"), ABC, true).verdict == Verdict::Final);
    const auto wrongParent = a.recv(initialPacket(C, ABC, label("some other pF"), ch, ABC), ABC);
    CHECK(wrongParent.verdict == Verdict::Rejected);
    CHECK(wrongParent.reason == Reason::StalePrevPf);
  }
}

TEST_CASE("H-5 finals only while an operation is ongoing, only for the current pI; duplicates rejected") {
  Peer a(A, kPrev, ABC);
  const auto early = laterPacket(B, ABC, ABC, "early");
  SECTION("no ongoing operation") {
    const auto r = a.recv(early, ABC, true);
    CHECK(r.verdict == Verdict::Rejected);
    CHECK(r.reason == Reason::NoOngoingOperation);
  }
  const auto pI = initialPacket(B, ABC, kPrev, *a.order.prevCh(), ABC);
  REQUIRE(a.recv(pI, ABC).verdict == Verdict::Initial);
  SECTION("stale pI: the final names a pI that is not the current one") {
    const auto r = a.recv(laterPacket(C, ABC, ABC, "stale"), ABC, Finality::ofInitial(label("old pI")));
    CHECK(r.verdict == Verdict::Rejected);
    CHECK(r.reason == Reason::StaleInitial);
    CHECK(a.order.hasOngoingOp());
  }
  SECTION("duplicate by ID") {
    const auto fin = laterPacket(C, ABC, ABC, "fin");
    REQUIRE(a.recv(fin, ABC, Finality::ofInitial(pI.packetId)).verdict == Verdict::Final);
    const auto r = a.recv(fin, ABC, Finality::ofInitial(pI.packetId));
    CHECK(r.verdict == Verdict::Rejected);
    CHECK(r.reason == Reason::DuplicateFinal);
    CHECK(a.order.chain().size() == 3);
    // A new final candidate after the operation ended: no ongoing operation.
    const auto after = a.recv(laterPacket(B, ABC, ABC, "after"), ABC, true);
    CHECK(after.verdict == Verdict::Rejected);
    CHECK(after.reason == Reason::NoOngoingOperation);
  }
}

TEST_CASE("H-6 once synced, a pI whose author is not a session member is ignored") {
  Peer a(A, kPrev, Members{A, B});  // session {A, B}; C is only in the channel
  const auto fromC = initialPacket(C, ABC, kPrev, *a.order.prevCh(), ABC);
  const auto r = a.recv(fromC, ABC);
  CHECK(r.verdict == Verdict::Rejected);
  CHECK(r.reason == Reason::AuthorNotMember);
  CHECK(r.ignored());
  CHECK(!a.order.hasOngoingOp());
  // The same operation proposed by a member is accepted.
  CHECK(a.recv(initialPacket(B, ABC, kPrev, *a.order.prevCh(), ABC), ABC).verdict == Verdict::Initial);
}

TEST_CASE("H-7 one-packet operation: accepted as pI and immediately pF, chain type 3, bookkeeping once") {
  Peer a(A, kPrev, ABC);
  const Hash32 ch0 = *a.order.prevCh();
  REQUIRE(a.order.recordOwnProposal({kPrev, initialWireHash(A, kPrev, "refresh")}));
  const auto refresh = initialPacket(A, ABC, kPrev, ch0, ABC, "refresh");
  const auto r = a.recv(refresh, ABC, true);
  CHECK(r.verdict == Verdict::InitialFinal);
  CHECK(!a.order.hasOngoingOp());
  // Folded once, with "3".
  REQUIRE(a.order.chain().size() == 2);
  CHECK(a.order.chain().back().type == ChainType::InitialFinal);
  CHECK(*r.chainHash == proto::chainHash(ch0, refresh.packetId, ChainType::InitialFinal));
  // Own-proposal bookkeeping ran exactly once, as the initial step.
  REQUIRE(r.own);
  CHECK(r.own->accepted);
  CHECK(r.own->acceptedPacketId == refresh.packetId);
  CHECK(!a.order.ownProposal());
  // The next operation's prev_pF is that packet's ID.
  CHECK(a.order.prevPf() == refresh.packetId);
  CHECK(a.recv(initialPacket(B, ABC, refresh.packetId, *r.chainHash, ABC), ABC).verdict == Verdict::Initial);
}

TEST_CASE("H-8 middle packets of an operation are not resolved") {
  Peer a(A, kPrev, ABC);
  const auto pI = initialPacket(B, ABC, kPrev, *a.order.prevCh(), ABC);
  REQUIRE(a.recv(pI, ABC).verdict == Verdict::Initial);
  const auto chainBefore = a.order.chain();
  const auto mid = a.recv(laterPacket(C, ABC, ABC, "upflow"), ABC, false);
  CHECK(mid.verdict == Verdict::Other);
  CHECK(mid.reason == Reason::NotCandidate);
  CHECK(a.order.chain() == chainBefore);
  CHECK(a.order.hasOngoingOp());
}

TEST_CASE("H-9 own proposals: accepted on our echo, rejected when another with the same parent wins") {
  Peer a(A, kPrev, ABC);
  const Hash32 ch = *a.order.prevCh();
  SECTION("our echo is accepted") {
    REQUIRE(a.order.recordOwnProposal({kPrev, initialWireHash(A, kPrev)}));
    CHECK(!a.order.recordOwnProposal({kPrev, label("second")}));  // one at a time
    const auto r = a.recv(initialPacket(A, ABC, kPrev, ch, ABC), ABC);
    REQUIRE(r.own);
    CHECK(r.own->accepted);
  }
  SECTION("another proposal with our parent is accepted first; no auto-retry") {
    REQUIRE(a.order.recordOwnProposal({kPrev, initialWireHash(A, kPrev)}));
    const auto winner = initialPacket(B, ABC, kPrev, ch, ABC);
    const auto r = a.recv(winner, ABC);
    REQUIRE(r.own);
    CHECK(!r.own->accepted);
    CHECK(r.own->acceptedPacketId == winner.packetId);
    CHECK(!a.order.ownProposal());
    // Our echo arrives later: rejected, and nothing is re-proposed.
    const auto echo = a.recv(initialPacket(A, ABC, kPrev, ch, ABC), ABC);
    CHECK(echo.verdict == Verdict::Rejected);
    CHECK(!echo.own);
    CHECK(!a.order.ownProposal());
  }
  SECTION("a packet with our bytes but another sender is not our echo") {
    REQUIRE(a.order.recordOwnProposal({kPrev, initialWireHash(A, kPrev)}));
    auto forged = initialPacket(A, ABC, kPrev, ch, ABC);
    forged.sender = B;
    const auto r = a.recv(forged, ABC);
    REQUIRE(r.own);
    CHECK(!r.own->accepted);
  }
  SECTION("our own echo rejected by a rule settles the proposal as rejected") {
    REQUIRE(a.order.recordOwnProposal({kPrev, initialWireHash(A, kPrev)}));
    const Members noC{A, B};
    const auto r = a.recv(initialPacket(A, ABC, kPrev, ch, noC), noC);
    CHECK(r.reason == Reason::TargetNotInChannel);
    REQUIRE(r.own);
    CHECK(!r.own->accepted);
    CHECK(!r.own->acceptedPacketId);
  }
}

TEST_CASE("H-11 chain hash: CH = H(prevCH || pId || type), ASCII 2 initial, 1 final; CH0 per H-C4") {
  crypto::SeededRng rng(7);
  ServerOrder o(A);
  o.syncNew(rng);
  REQUIRE(o.synced());
  const Hash32 prevPf = o.chain().front().packetId;
  const Hash32 ch0 = o.chain().front().chainHash;
  // H-C4: CH0 = SHA-256(PREV_PF || 0xFF)
  Bytes in(prevPf.begin(), prevPf.end());
  in.push_back(0xff);
  CHECK(ch0 == crypto::sha256(in));
  const Members ab{A, B};
  const auto pI = initialPacket(A, ab, prevPf, ch0, ab);
  const auto r1 = o.tryOpPacket(pI, ab, Members{A}, false);
  REQUIRE(r1.accepted());
  Bytes exp1(ch0.begin(), ch0.end());
  exp1.insert(exp1.end(), pI.packetId.begin(), pI.packetId.end());
  exp1.push_back('2');
  CHECK(*r1.chainHash == crypto::sha256(exp1));
  const auto pF = laterPacket(B, ab, ab, "f");
  const auto r2 = o.tryOpPacket(pF, ab, Members{A}, true);
  REQUIRE(r2.accepted());
  Bytes exp2(r1.chainHash->begin(), r1.chainHash->end());
  exp2.insert(exp2.end(), pF.packetId.begin(), pF.packetId.end());
  exp2.push_back('1');
  CHECK(*r2.chainHash == crypto::sha256(exp2));
  CHECK(o.prevCh() == r2.chainHash);
  CHECK(o.prevPf() == pF.packetId);
  // Deterministic with the injected RNG.
  crypto::SeededRng rng2(7);
  ServerOrder o2(A);
  o2.syncNew(rng2);
  CHECK(o2.chain().front() == o.chain().front());
}
