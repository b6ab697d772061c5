// Subsession message security and warnings: trial decryption by SIDKEY_HINT
// (C-18 steps 3–5), the undecryptable buffer (W-2), invalid messages (W-4),
// forks (W-5, C-9), held messages (W-1, C-13/C-14).
#include <string>

#include "catch.h"
#include "mpenc/codec/wire.h"
#include "mpenc/proto/signatures.h"
#include "subsession_harness.h"

using namespace mpenc;
using namespace mpenc::session;
using namespace mpenc::session::testing;
using codec::BodyType;
using namespace std::chrono_literals;

namespace {

/// Seal a message as member i of g (bypassing its Subsession: crafted input).
proto::SealedData craft(Group& g, std::size_t i, std::vector<MessageId> parents, codec::Body body) {
  return proto::sealData(g.keys, g.ephemeral[i], codec::Plaintext{std::move(parents), std::move(body)},
                         g.rng);
}

MessageId lastOwn(Group& g, std::size_t i) {
  const auto& t = g[i].transcript();
  return t.id(*t.latestBy(*t.members().find(g.names[i])));
}

}  // namespace

TEST_CASE("C-18: trial decryption picks the subsession by SIDKEY_HINT and falls back on a wrong hint",
          "[session][security]") {
  Group previous(3, 11);
  Group current(3, 12);
  REQUIRE(previous[1].security().hint() != current[1].security().hint());
  auto sealed = craft(previous, 0, {}, codec::Body::payload("old keys"));
  Subsession* cands[] = {&current[1], &previous[1]};  // current first
  UndecryptableBuffer pending;

  auto r = receiveData(cands, pending, "m0", sealed.wire, 0ms);
  REQUIRE(r.subsession == std::size_t{1});
  CHECK(previous[1].transcript().contains(sealed.id));
  CHECK_FALSE(current[1].transcript().contains(sealed.id));

  // SIDKEY_HINT is not signed: a wrong hint still opens, by fallback.
  auto other = craft(previous, 0, {sealed.id}, codec::Body::payload("wrong hint"));
  other.packet.sidkeyHint = current[1].security().hint();
  const std::string wrong = codec::encodeWire(codec::Packet{other.packet});
  auto r2 = receiveData(cands, pending, "m0", wrong, 1ms);
  REQUIRE(r2.subsession == std::size_t{1});
  CHECK(previous[1].transcript().contains(other.id));
  CHECK(pending.size() == 0);

  // A resend by another member (sender ≠ author) still opens.
  auto third = craft(previous, 2, {other.id}, codec::Body::payload("resent by m0"));
  auto r3 = receiveData(cands, pending, "m0", third.wire, 2ms);
  REQUIRE(r3.subsession == std::size_t{1});
  CHECK(previous[1].transcript().author(*previous[1].transcript().find(third.id)) == "m2");
}

TEST_CASE("W-2: an undecryptable packet warns after the grace period and opens once its keys exist",
          "[session][security]") {
  Group later(3, 21);
  Group now(3, 22);
  auto sealed = craft(later, 0, {}, codec::Body::payload("from the future"));
  Subsession* cands[] = {&now[1]};
  UndecryptableBuffer pending;
  auto r = receiveData(cands, pending, "m0", sealed.wire, 1000ms);
  CHECK_FALSE(r.subsession);
  CHECK(r.queued);
  CHECK(pending.tick(5999ms).empty());
  auto w2 = pending.tick(6000ms);
  REQUIRE(w2.size() == 1);
  CHECK(w2[0].sender == "m0");
  CHECK(w2[0].count == 1);
  CHECK(w2[0].since == 1000ms);
  CHECK(pending.tick(7000ms).empty());  // once
  Subsession* both[] = {&now[1], &later[1]};
  auto out = retryUndecryptable(both, pending, 8000ms);
  CHECK(pending.size() == 0);
  CHECK(later[1].transcript().contains(sealed.id));
  CHECK(out.all<Delivered>().size() == 1);
}

TEST_CASE("W-2 buffer: a flooding sender cannot evict others' packets", "[session][security]") {
  Group other(3, 31);
  UndecryptableBuffer pending;  // capacity 16, 4 per sender
  Group here(3, 32);
  Subsession* cands[] = {&here[1]};
  auto good1 = craft(other, 0, {}, codec::Body::payload("g1"));
  auto good2 = craft(other, 0, {good1.id}, codec::Body::payload("g2"));
  CHECK(receiveData(cands, pending, "honest", good1.wire, 0ms).queued);
  CHECK(receiveData(cands, pending, "honest", good2.wire, 0ms).queued);
  for (int i = 0; i < 200; ++i) {
    auto junk = craft(other, 2, {}, codec::Body::payload("junk " + std::to_string(i)));
    (void)receiveData(cands, pending, "flooder", junk.wire, Millis{i});
  }
  for (int k = 0; k < 3; ++k)
    for (int i = 0; i < 10; ++i) {
      auto junk = craft(other, 2, {}, codec::Body::payload("sybil " + std::to_string(i)));
      (void)receiveData(cands, pending, "flooder" + std::to_string(k), junk.wire, Millis{i});
    }
  CHECK(pending.size() <= pending.capacity());
  CHECK(pending.heldFrom("honest") == 2);
  CHECK(pending.heldFrom("flooder") <= 4);
}

TEST_CASE("W-4: malformed packets and rule violations are dropped, naming their source",
          "[session][security]") {
  Group g(3);
  Subsession* c[] = {&g[0]};
  auto bad = receiveData(c, g.pending[0], "m2", "?mpENC:AAAA.", 0ms);
  auto w = bad.out.all<InvalidMessage>();
  REQUIRE(w.size() == 1);
  CHECK(w[0]->reason == InvalidMessage::Reason::Malformed);
  CHECK(w[0]->source == "m2");

  // C-5: b2 lists a1 and its descendant b1 as parents.
  g.say(0, "a1");
  g.runFor(1s);
  const MessageId a1 = lastOwn(g, 0);
  g.say(1, "b1");
  g.runFor(1s);
  const MessageId b1 = lastOwn(g, 1);
  auto b2 = craft(g, 1, {a1, b1}, codec::Body::payload("b2"));
  auto r = receiveData(c, g.pending[0], "m1", b2.wire, g.now);
  auto w4 = r.out.all<InvalidMessage>();
  REQUIRE(w4.size() == 1);
  CHECK(w4[0]->reason == InvalidMessage::Reason::Rejected);
  CHECK(w4[0]->rule == transcript::TranscriptErrorCode::NotAntichain);
  CHECK(w4[0]->author == "m1");
  CHECK(w4[0]->source == "m1");
  CHECK(w4[0]->id == b2.id);
  CHECK_FALSE(g[0].transcript().contains(b2.id));
  CHECK(g[0].state() == SubsessionState::Active);
}

TEST_CASE("W-5 (C-9): a fork stops the subsession and sends a signed TERMINAL NACK naming both messages",
          "[session][security]") {
  Group g(3);
  g.say(1, "b1");
  g.runFor(1s);
  const MessageId b1 = lastOwn(g, 1);
  auto b2 = craft(g, 1, {}, codec::Body::payload("b2 forks"));  // does not descend from b1
  Subsession* c[] = {&g[0]};
  auto r = receiveData(c, g.pending[0], "m1", b2.wire, g.now);
  auto w5 = r.out.all<ForkDetected>();
  REQUIRE(w5.size() == 1);
  CHECK(w5[0]->author == "m1");
  CHECK(w5[0]->first == b1);
  CHECK(w5[0]->second == b2.id);
  CHECK(g[0].state() == SubsessionState::Failed);
  // C-9(b) both branches rebroadcast, (c) NACK last.
  REQUIRE(r.out.send.size() == 3);
  CHECK(r.out.send[1] == b2.wire);
  auto nack = codec::decodeWire(r.out.send[2]);
  REQUIRE(nack);
  const auto* e = std::get_if<codec::ErrorPacket>(&*nack);
  REQUIRE(e);
  CHECK(e->severity == codec::Severity::Terminal);
  CHECK(proto::verifyError(g.ephemeral[0].publicKey(), *e));
  const std::string text(e->text.begin(), e->text.end());
  CHECK(text.find(toHex(b1)) != std::string::npos);
  CHECK(text.find(toHex(b2.id)) != std::string::npos);
  auto refused = g[0].sendPayload("still here?", g.now);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == SendErrc::Stopped);
  CHECK(g[0].advance(g.now + 100s).send.empty());  // no acks, no resends
}

TEST_CASE("W-1 (C-13, C-14): a held message warns after BC_LAT and the warning resolves on arrival",
          "[session][security]") {
  Group g(3);
  std::string lost;
  g.drop = [&](const std::string& from, std::size_t to, const std::string& w) {
    if (from == "m0" && to == 2 && lost.empty()) return lost = w, true;
    return false;
  };
  g.say(0, "a");
  g.runFor(1s);
  const MessageId a = lastOwn(g, 0);
  g.say(1, "b replies to a");
  g.runFor(7s);
  auto w1 = g.noticesOf<HeldMessageLate>(2);
  REQUIRE(w1.size() == 1);
  CHECK(w1[0].author == "m1");
  CHECK(w1[0].missing == std::vector<MessageId>{a});
  CHECK(g[2].held() == 1);
  g.runFor(120s);  // a is resent
  auto res = g.noticesOf<HeldMessageResolved>(2);
  REQUIRE(res.size() == 1);
  CHECK(res[0].arrived == a);
  CHECK(g[2].held() == 0);
  CHECK(g[2].isConsistent());
}

TEST_CASE("C-17: a replayed packet is a no-op without crypto", "[session][security]") {
  Group g(2);
  g.say(0, "once");
  g.runFor(1s);
  const auto before = g[1].transcript().size();
  Subsession* c[] = {&g[1]};
  auto r = receiveData(c, g.pending[1], "m0", g.sent[0].second, g.now);
  CHECK(r.duplicate);
  CHECK(r.out.send.empty());
  CHECK(g[1].transcript().size() == before);
}
