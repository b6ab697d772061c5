// Forged, tampered and replayed greeting packets, static-key mismatches and
// low-order points: every member refuses them with a typed error, nothing
// changes, and the honest packet still completes the operation.
#include "greet_harness.h"
#include "mpenc/proto/signatures.h"

using namespace greettest;

namespace {

codec::GreetingPacket decode(const std::string& wire) {
  auto pk = codec::decodeWire(wire);
  REQUIRE(pk.has_value());
  return std::get<codec::GreetingPacket>(*pk);
}

std::string reencode(codec::GreetingPacket p) {  // keeps the (now stale) signature
  p.signedContent = codec::encodeGreetingContent(p);
  return codec::encodeWire(codec::Packet{p});
}

bool isDownflow(const std::string& wire) {
  auto p = decode(wire);
  return p.greetType.bits() == codec::GreetType::InitParticipantDown;
}

}  // namespace

TEST_CASE("greet: tampered downflow is refused by everyone, honest one completes", "[greet]") {
  Sim sim(42);
  const std::vector<std::string> ids{name(0), name(1), name(2)};
  for (const auto& id : ids) sim.add(id);
  REQUIRE(sim.propose(name(0), ids).has_value());
  sim.runUntil([](const std::string&, const std::string& w) { return isDownflow(w); });
  REQUIRE(!sim.queue.empty());
  const auto [sender, honest] = sim.queue.front();
  sim.queue.pop_front();
  auto p = decode(honest);
  std::string bad;
  GreetErrc expect = GreetErrc::BadMessageSignature;
  SECTION("INT_KEY") {
    p.intKeys[0][5] ^= 1;
    bad = reencode(p);
  }
  SECTION("NONCE") {
    p.nonces[1][0] ^= 0x80;
    bad = reencode(p);
  }
  SECTION("PUB_KEY") {
    p.pubKeys[0][31] ^= 1;
    bad = reencode(p);
  }
  SECTION("SESSION_SIGNATURE") {
    (*p.sessionSignature)[10] ^= 1;
    bad = reencode(p);
  }
  SECTION("MESSAGE_SIGNATURE") {
    p.signature[0] ^= 1;
    bad = reencode(p);
  }
  SECTION("static key mismatch") {
    const auto real = sim.directory.at(sender);
    sim.directory[sender] = sim.directory.at(name(0));
    sim.deliver(sender, honest);
    sim.directory[sender] = real;
    bad.clear();
    expect = GreetErrc::BadSessionSignature;
  }
  if (!bad.empty()) sim.deliver(sender, bad);
  // the two others refuse it with the expected code; the sender calls it forged
  REQUIRE(sim.errorCodes.size() == (bad.empty() ? 2u : 3u));
  std::size_t expected = 0, forged = 0;
  for (auto c : sim.errorCodes) {
    if (c == expect) ++expected;
    if (c == GreetErrc::Forged) ++forged;
  }
  if (expect == GreetErrc::BadSessionSignature) {
    CHECK(expected == 2);  // the sender trusts its own bytes
  } else {
    CHECK(expected == 2);
    CHECK(forged == 1);
  }
  CHECK(sim.queue.empty());  // nobody answered
  for (const auto& id : ids) CHECK(sim.members.at(id).op->status() == GreetStatus::Pending);
  sim.errors.clear();
  sim.deliver(sender, honest);
  sim.run();
  CHECK(sim.errors.empty());
  sim.checkAgreement(ids);
}

TEST_CASE("greet: a confirmation replayed from a previous operation is refused", "[greet]") {
  Sim sim(5);
  const std::vector<std::string> four{name(0), name(1), name(2), name(3)};
  const std::vector<std::string> three{name(0), name(1), name(2)};
  for (const auto& id : four) sim.add(id);
  REQUIRE(sim.propose(name(0), four).has_value());
  sim.run();
  REQUIRE(sim.propose(name(0), three).has_value());  // exclude m103
  sim.run();
  sim.checkAgreement(three);
  std::string replay;
  for (const auto& [s, w] : sim.log)
    if (s == name(1) && decode(w).greetType.bits() == codec::GreetType::ExcludeAuxParticipantConfirmDown)
      replay = w;
  REQUIRE(!replay.empty());
  sim.kick({name(3)});
  sim.channel.insert(name(3));
  sim.members.at(name(3)).store.reset();
  REQUIRE(sim.propose(name(0), four).has_value());  // include it back
  sim.run();
  sim.checkAgreement(four);
  REQUIRE(sim.propose(name(0), three).has_value());  // same members as the replayed packet's operation
  sim.deliver(sim.queue.front().first, sim.queue.front().second);  // the new pI
  sim.queue.pop_front();
  sim.errors.clear();
  sim.errorCodes.clear();
  sim.deliver(name(1), replay);
  CHECK(sim.errorCodes.size() == 3);  // m100, m102 refuse it; m101 did not send it now
  for (auto c : sim.errorCodes) CHECK((c == GreetErrc::SessionMismatch || c == GreetErrc::Forged));
  sim.errors.clear();
  sim.run();
  CHECK(sim.errors.empty());
  sim.checkAgreement(three);
}

TEST_CASE("greet: a low-order INT_KEY fails cleanly; the honest downflow then works", "[greet]") {
  Sim sim(9);
  sim.add(name(0));
  // "mallory" is played by the test itself, from the wire format alone.
  auto identity = crypto::Ed25519KeyPair::generate(sim.rng);
  const std::string mallory = "mallory@x/1";
  sim.directory[mallory] = identity.publicKey();
  sim.channel.insert(name(0));
  REQUIRE(sim.propose(name(0), {name(0), mallory}).has_value());
  const std::string piWire = sim.queue.front().second;
  sim.run();  // alice sees her echo
  const auto pI = decode(piWire);
  REQUIRE(pI.members.size() == 2);
  CHECK(toString(pI.members[1]) == mallory);

  const auto m = crypto::SecretKey<32>::random(sim.rng);
  const auto eph = crypto::Ed25519KeyPair::generate(sim.rng);
  const auto nonce = sim.rng.bytes<32>();
  auto make = [&](Bytes slot0) {
    codec::GreetingPacket q;
    q.greetType = codec::GreetType(codec::GreetType::InitParticipantDown);
    q.source = toBytes(mallory);
    q.members = pI.members;
    q.intKeys = {std::move(slot0), pI.intKeys[1]};
    q.nonces = {pI.nonces[0], nonce};
    q.pubKeys = {pI.pubKeys[0], eph.publicKey()};
    std::vector<Bytes> ms{pI.members[0], pI.members[1]}, ns;
    for (const auto& n : q.nonces) ns.emplace_back(n.begin(), n.end());
    q.sessionSignature =
        proto::signSession(identity, asBytes(mallory), eph.publicKey(), nonce, proto::sessionId(ms, ns));
    q.signedContent = codec::encodeGreetingContent(q);
    q.signature = proto::signGreeting(eph, q.signedContent);
    return codec::encodeWire(codec::Packet{q});
  };
  for (Bytes low : {Bytes(32, 0), [] {
                      Bytes b(32, 0);
                      b[0] = 1;
                      return b;
                    }()}) {
    sim.errorCodes.clear();
    sim.deliver(mallory, make(low));
    REQUIRE(sim.errorCodes.size() == 1);
    CHECK(sim.errorCodes[0] == GreetErrc::LowOrderPoint);
    CHECK(sim.queue.empty());
  }
  const auto pub = crypto::x25519Base(m);
  sim.errors.clear();
  sim.deliver(mallory, make(Bytes(pub.begin(), pub.end())));
  REQUIRE(sim.queue.size() == 1);  // alice's confirmation
  sim.run();
  CHECK(sim.errors.empty());
  const auto& st = sim.members.at(name(0)).store;
  REQUIRE(st.has_value());
  // mallory's view of the key: her contribution on her own slot (g^a)
  auto ga = toFixed<32>(pI.intKeys[1]);
  auto shared = crypto::x25519(m, *ga);
  REQUIRE(shared.has_value());
  CHECK(proto::deriveGroupKey(crypto::SecretKey<32>::fromBytes(*shared)) == st->groupKey);
}

TEST_CASE("greet: a packet claiming to be ours that we did not send is forged", "[greet]") {
  Sim sim(11);
  for (std::size_t i = 0; i < 3; ++i) sim.add(name(i));
  REQUIRE(sim.propose(name(0), {name(0), name(1), name(2)}).has_value());
  auto [s, w] = sim.queue.front();
  auto p = decode(w);
  p.latestPm.push_back(codec::MessageId{});
  sim.queue.pop_front();
  sim.deliver(s, reencode(p));
  // alice: Forged; the others join it as an initial packet and refuse the stale signature
  CHECK(std::count(sim.errorCodes.begin(), sim.errorCodes.end(), GreetErrc::Forged) == 1);
}
