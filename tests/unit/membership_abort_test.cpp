// The abort extension "greet-abort-1" (docs/extension-abort.md): codec layout and
// strictness, signature, and the checks every member applies identically.
#include "catch.h"
#include "mpenc/codec/packets.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/greet/abort.h"

using namespace mpenc;
using namespace mpenc::greet;

namespace {

struct Fixture {
  crypto::SeededRng rng{77};
  crypto::Ed25519KeyPair alice = crypto::Ed25519KeyPair::generate(rng);
  crypto::Ed25519KeyPair bob = crypto::Ed25519KeyPair::generate(rng);
  std::vector<std::string> members{"alice", "bob", "carol"};
  Hash32 pI = rng.bytes<32>();
  StaticKeyLookup lookup() {
    return [this](std::string_view id) -> std::optional<crypto::Ed25519Public> {
      if (id == "alice") return alice.publicKey();
      if (id == "bob") return bob.publicKey();
      return std::nullopt;
    };
  }
};

}  // namespace

TEST_CASE("abort: layout, byte order and round trip", "[membership][abort]") {
  Fixture f;
  auto a = makeAbort("alice", f.alice, f.members, f.pI, AbortReason::Timeout, true);
  REQUIRE(a.has_value());
  auto pk = codec::decodeWire(a->wire);
  REQUIRE(pk.has_value());
  const auto& p = std::get<codec::GreetingPacket>(*pk);
  CHECK(p == a->packet);
  CHECK(p.greetType.bits() == 0x63);
  CHECK(p.greetType.name() == "ABORT_AUX_DOWN");
  CHECK(p.greetType.operation() == codec::GreetOperation::Abort);
  CHECK(codec::encodeWire(codec::Packet{p}) == a->wire);
  // MESSAGE_SIGNATURE, PROTOCOL_VERSION, MESSAGE_TYPE, GREET_TYPE, SOURCE, DEST, MEMBER×3, ABORT_PI,
  // ABORT_REASON
  const Bytes tlv = codec::encodeGreeting(p);
  std::vector<std::uint16_t> types;
  for (std::size_t i = 0; i + 4 <= tlv.size();) {
    types.push_back(static_cast<std::uint16_t>(tlv[i] << 8 | tlv[i + 1]));
    i += 4 + static_cast<std::size_t>(tlv[i + 2] << 8 | tlv[i + 3]);
  }
  CHECK(types == std::vector<std::uint16_t>{0x0003, 0x0001, 0x0002, 0x01ff, 0x0100, 0x0101, 0x0102, 0x0102,
                                            0x0102, 0x0304, 0x0305});
  CHECK(static_cast<bool>(checkAbort("alice", p, f.pI, f.members, f.lookup())));
}

TEST_CASE("abort: checks", "[membership][abort]") {
  Fixture f;
  auto a = makeAbort("alice", f.alice, f.members, f.pI, AbortReason::UserCancel, true);
  REQUIRE(a.has_value());
  const auto& p = a->packet;
  auto code = [&](std::string_view sender, const codec::GreetingPacket& q, const Hash32& pI,
                  const std::vector<std::string>& ms) {
    auto st = checkAbort(sender, q, pI, ms, f.lookup());
    REQUIRE_FALSE(static_cast<bool>(st));
    return st.error().code;
  };
  CHECK(code("bob", p, f.pI, f.members) == GreetErrc::SenderMismatch);
  CHECK(code("alice", p, f.rng.bytes<32>(), f.members) == GreetErrc::NotForThisOperation);     // other pI
  CHECK(code("alice", p, f.pI, {"alice", "carol", "bob"}) == GreetErrc::NotForThisOperation);  // order
  CHECK(code("alice", p, f.pI, {"bob", "carol"}) == GreetErrc::NotForThisOperation);  // alice excluded
  auto forged = p;
  forged.signature = f.bob.sign(toBytes("x"));
  forged.signedContent.clear();
  CHECK(code("alice", forged, f.pI, f.members) == GreetErrc::BadMessageSignature);
  // an excluded member may not abort its own exclusion; capability required
  CHECK(makeAbort("alice", f.alice, {"bob", "carol"}, f.pI, AbortReason::Timeout, true).error().code ==
        GreetErrc::BadState);
  CHECK(makeAbort("alice", f.alice, f.members, f.pI, AbortReason::Timeout, false).error().code ==
        GreetErrc::AbortUnsupported);
}

TEST_CASE("abort: the codec stays strict", "[membership][abort][codec]") {
  Fixture f;
  auto a = makeAbort("bob", f.bob, f.members, f.pI, AbortReason::LocalFailure, true);
  REQUIRE(a.has_value());
  const Bytes good = codec::encodeGreeting(a->packet);
  auto decode = [](const Bytes& b) { return codec::decodeGreeting(b); };
  REQUIRE(decode(good).has_value());
  // reason out of range
  Bytes bad = good;
  bad.back() = 3;
  CHECK(decode(bad).error().code == codec::DecodeErrc::BadValue);
  // trailing record after ABORT_REASON
  bad = good;
  for (std::uint8_t b : {0x03, 0x05, 0x00, 0x01, 0x00}) bad.push_back(b);
  CHECK_FALSE(decode(bad).has_value());
  // missing ABORT_REASON
  bad.assign(good.begin(), good.end() - 5);
  CHECK(decode(bad).error().code == codec::DecodeErrc::MissingRecord);
  // ABORT_PI in a v1 greeting type is not accepted, and encoding refuses it
  auto p = a->packet;
  p.greetType = codec::GreetType(codec::GreetType::RefreshAuxInitiatorDown);
  CHECK_THROWS(codec::encodeGreetingContent(p));
  // an abort with a DEST or with GKA records is refused
  p = a->packet;
  p.dest = toBytes("carol");
  CHECK_THROWS(codec::encodeGreetingContent(p));
}
