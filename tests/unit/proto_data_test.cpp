// sealData / openData round trips, layout, and verify-before-decrypt.
#include "catch.h"
#include "mpenc/codec/packets.h"
#include "mpenc/codec/plaintext.h"
#include "mpenc/codec/wire.h"
#include "mpenc/proto/data_message.h"
#include "mpenc/proto/ids.h"
#include "mpenc/proto/signatures.h"

using namespace mpenc;
using namespace mpenc::proto;
namespace crypto = mpenc::crypto;

namespace {

SubsessionKeys makeKeys(crypto::Rng& rng) {
  SubsessionKeys k;
  k.sid = rng.bytes<32>();
  k.groupKey = crypto::SecretKey<32>::random(rng);
  return k;
}

}  // namespace

TEST_CASE("sealData then openData round-trips", "[proto][data]") {
  crypto::SeededRng rng(77);
  const auto keys = makeKeys(rng);
  const auto alice = crypto::Ed25519KeyPair::generate(rng);
  const auto bob = crypto::Ed25519KeyPair::generate(rng);

  codec::Plaintext pt;
  pt.parents.push_back(rng.bytes<20>());
  pt.parents.push_back(rng.bytes<20>());
  pt.body = codec::Body::payload("hello \xc3\xa9");
  const SealedData sealed = sealData(keys, alice, pt, rng);

  const auto skh = keys.sidKeyHash();
  CHECK(sealed.packet.sidkeyHint == skh[0]);
  CHECK(sealed.id == messageId(sealed.packet.signature, sealed.packet.signedContent));
  CHECK(sealed.packet.ciphertext.size() == 128);  // padded
  CHECK(codec::hasWirePrefix(sealed.wire));

  // Decode from the wire, then open with bob first in the candidate list.
  auto decoded = codec::decodeWire(sealed.wire);
  REQUIRE(decoded);
  REQUIRE(std::holds_alternative<codec::DataPacket>(*decoded));
  const auto& dp = std::get<codec::DataPacket>(*decoded);
  CHECK(dp == sealed.packet);

  const crypto::Ed25519Public cands[] = {bob.publicKey(), alice.publicKey()};
  auto opened = openData(keys, cands, dp);
  REQUIRE(opened);
  CHECK(opened->authorIndex == 1);
  CHECK(opened->plaintext == pt);
  CHECK(opened->id == sealed.id);

  // The plaintext is AES-256-CTR(groupKey, IV ‖ 0^4) of pad(records).
  FixedBytes<16> ctr{};
  std::copy(dp.iv.begin(), dp.iv.end(), ctr.begin());
  CHECK(crypto::aes256Ctr(keys.groupKey.view(), ctr, dp.ciphertext) ==
        codec::pad(codec::encodePlaintextRecords(pt)));
}

TEST_CASE("openData rejects before decrypting", "[proto][data]") {
  crypto::SeededRng rng(78);
  const auto keys = makeKeys(rng);
  const auto alice = crypto::Ed25519KeyPair::generate(rng);
  const auto mallory = crypto::Ed25519KeyPair::generate(rng);
  codec::Plaintext pt;
  pt.body = codec::Body::consistency(true);
  const SealedData sealed = sealData(keys, alice, pt, rng);

  SECTION("unknown author") {
    const crypto::Ed25519Public cands[] = {mallory.publicKey()};
    auto r = openData(keys, cands, sealed.packet);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == OpenErrc::BadSignature);
  }
  SECTION("no candidates") {
    auto r = openData(keys, {}, sealed.packet);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == OpenErrc::BadSignature);
  }
  SECTION("wrong subsession (same sid, another group key, e.g. after REFRESH)") {
    SubsessionKeys other;
    other.sid = keys.sid;
    other.groupKey = crypto::SecretKey<32>::random(rng);
    const crypto::Ed25519Public cands[] = {alice.publicKey()};
    auto r = openData(other, cands, sealed.packet);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == OpenErrc::BadSignature);
  }
  SECTION("tampered ciphertext") {
    codec::DataPacket p = sealed.packet;
    p.ciphertext[5] ^= 1;
    p.signedContent = codec::encodeDataContent(p.iv, p.ciphertext);
    const crypto::Ed25519Public cands[] = {alice.publicKey()};
    auto r = openData(keys, cands, p);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == OpenErrc::BadSignature);
  }
  SECTION("signed garbage: verified, then malformed plaintext is reported") {
    codec::DataPacket p;
    p.iv = rng.bytes<12>();
    p.ciphertext = rng.bytes(128);
    p.signedContent = codec::encodeDataContent(p.iv, p.ciphertext);
    p.signature = signData(alice, keys.sidKeyHash(), p.signedContent);
    const crypto::Ed25519Public cands[] = {alice.publicKey()};
    auto r = openData(keys, cands, p);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == OpenErrc::BadPlaintext);
  }
}

TEST_CASE("sealData uses fresh IVs and pads to the next size class", "[proto][data]") {
  crypto::SeededRng rng(79);
  const auto keys = makeKeys(rng);
  const auto alice = crypto::Ed25519KeyPair::generate(rng);
  codec::Plaintext pt;
  pt.body = codec::Body::payload(std::string(200, 'x'));
  const auto a = sealData(keys, alice, pt, rng);
  const auto b = sealData(keys, alice, pt, rng);
  CHECK(a.packet.iv != b.packet.iv);
  CHECK(a.id != b.id);
  CHECK(a.packet.ciphertext.size() == 256);
  pt.body = codec::Body::payload(std::string(70000, 'x'));
  CHECK_THROWS_AS(sealData(keys, alice, pt, rng), std::length_error);
}
