// Known-answer values of the original implementation.
// Source: ../shared/vectors/mpenc-js-kat.json, made from meganz/mpenc_js@f26cc30
// test/test_data.js and test/mpenc/*_test.js (re-encoded as hex).
#include <algorithm>

#include "capture_util.h"
#include "mpenc/codec/packets.h"
#include "mpenc/codec/tlv.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/test_only.h"
#include "mpenc/proto/ids.h"
#include "mpenc/proto/signatures.h"

using namespace mpenc;
using namespace mpenc::testcap;
namespace crypto = mpenc::crypto;
namespace proto = mpenc::proto;
namespace codec = mpenc::codec;

namespace {
const nlohmann::json& kat() {
  static const nlohmann::json j = loadVectors("mpenc-js-kat.json");
  return j;
}
std::string str(const nlohmann::json& j) {
  return j.get<std::string>();
}
}  // namespace

TEST_CASE("kat: key pairs", "[vectors][kat]") {
  const auto& k = kat();
  const auto kp =
      crypto::Ed25519KeyPair::fromSeed(crypto::SecretKey<32>::fromBytes(hexBytes(str(k["ed25519_seed"]))));
  CHECK(toHex(kp.publicKey()) == str(k["ed25519_pub"]));
  const auto x = crypto::SecretKey<32>::fromBytes(hexBytes(str(k["x25519_priv"])));
  CHECK(toHex(crypto::x25519Base(x)) == str(k["x25519_pub"]));
}

TEST_CASE("kat: x25519_keylist is repeated multiplication by the same scalar", "[vectors][kat]") {
  // list[0] = priv·B, list[i+1] = priv·list[i]  (i.e. priv^(i+1)·B): what a
  // CLIQUES member computes when it applies the same contribution repeatedly.
  const auto& k = kat();
  const auto priv = crypto::SecretKey<32>::fromBytes(hexBytes(str(k["x25519_priv"])));
  const auto& list = k["x25519_keylist_b64"];
  REQUIRE(list.size() == 4);
  FixedBytes<32> cur = crypto::x25519Base(priv);
  CHECK(toB64(cur) == str(list[0]));
  for (std::size_t i = 1; i < list.size(); ++i) {
    auto next = crypto::x25519(priv, cur);
    REQUIRE(next);
    cur = *next;
    CAPTURE(i);
    CHECK(toB64(cur) == str(list[i]));
  }
}

TEST_CASE("kat: session_id", "[vectors][kat]") {
  const auto& s = kat()["session_id"];
  std::vector<Bytes> members, nonces;
  for (const auto& m : s["members"]) members.push_back(toBytes(str(m)));
  for (const auto& n : s["nonces"])
    nonces.push_back(toBytes(str(n)));  // ASCII nonces, as in the reference test
  CHECK(toHex(proto::sessionId(members, nonces)) == str(s["sid"]));
}

TEST_CASE("kat: session_signature sign and verify", "[vectors][kat]") {
  const auto& s = kat()["session_signature"];
  const auto id =
      crypto::Ed25519KeyPair::fromSeed(crypto::SecretKey<32>::fromBytes(hexBytes(str(s["static_seed"]))));
  const auto eph = fixedHex<32>(str(s["ephemeral_pub"]));
  const Bytes nonce = hexBytes(str(s["nonce"]));
  const auto sid = fixedHex<32>(str(s["sid"]));
  const Bytes member = toBytes(str(s["id"]));
  const auto sig = proto::signSession(id, member, eph, nonce, sid);
  CHECK(toHex(sig) == str(s["sig"]));  // Ed25519 is deterministic: byte-exact
  CHECK(proto::verifySession(id.publicKey(), member, eph, nonce, sid, fixedHex<64>(str(s["sig"]))));
  CHECK_FALSE(proto::verifySession(id.publicKey(), toBytes("2"), eph, nonce, sid, sig));
}

TEST_CASE("kat: hkdf (group key derivation parameters)", "[vectors][kat]") {
  const auto& h = kat()["hkdf"];
  REQUIRE(str(h["info"]) == "mpenc group key");
  const auto okm = crypto::hkdfSha256(hexBytes(str(h["ikm"])), {}, asBytes(str(h["info"])), 32);
  CHECK(toHex(okm.view()) == str(h["okm"]));
}

TEST_CASE("kat: greet_upflow_packet decodes, verifies and re-encodes", "[vectors][kat]") {
  const auto& k = kat();
  const Bytes raw = hexBytes(str(k["greet_upflow_packet"]));
  const auto pub = fixedHex<32>(str(k["ed25519_pub"]));
  auto g = codec::decodeGreeting(raw);
  REQUIRE(g);
  CHECK(g->greetType.bits() == codec::GreetType::InitInitiatorUp);
  CHECK(toString(g->source) == "1");
  CHECK(toString(g->dest) == "2");
  REQUIRE(g->members.size() == 6);
  for (std::size_t i = 0; i < 6; ++i) CHECK(toString(g->members[i]) == std::to_string(i + 1));
  REQUIRE(g->intKeys.size() == 2);
  CHECK(g->intKeys[0].empty());
  CHECK(toHex(g->intKeys[1]) == str(k["x25519_pub"]));
  REQUIRE(g->pubKeys.size() == 1);
  CHECK(g->pubKeys[0] == pub);
  CHECK_FALSE(g->prevPf.has_value());
  CHECK(g->signedContent == Bytes(raw.begin() + 68, raw.end()));
  // Greeting signature context: "greetmsgsig" ‖ S.
  CHECK(proto::verifyGreeting(pub, *g));
  Bytes msg = toBytes("greetmsgsig");
  append(msg, ByteView(raw).subspan(68));
  CHECK(crypto::ed25519Verify(pub, msg, g->signature));
  CHECK(codec::encodeGreeting(*g) == raw);
}

TEST_CASE("kat: greet_downflow_quit_packet is rejected (obsolete QUIT)", "[vectors][kat]") {
  const auto& k = kat();
  const Bytes raw = hexBytes(str(k["greet_downflow_quit_packet"]));
  // It is a validly signed reference packet...
  Bytes msg = toBytes("greetmsgsig");
  append(msg, ByteView(raw).subspan(68));
  CHECK(crypto::ed25519Verify(fixedHex<32>(str(k["ed25519_pub"])), msg,
                              *toFixed<64>(ByteView(raw).subspan(4, 64))));
  // ...that v1 must refuse to decode.
  auto g = codec::decodeGreeting(raw);
  REQUIRE_FALSE(g);
  CHECK(g.error().code == codec::DecodeErrc::ObsoleteGreetType);
}

TEST_CASE("kat: error_packet", "[vectors][kat]") {
  const auto& k = kat();
  const Bytes raw = hexBytes(str(k["error_packet"]));
  auto e = codec::decodeError(raw);
  REQUIRE(e);
  CHECK(toString(e->source) == "a.dumbledore@hogwarts.ac.uk/android123");
  CHECK(e->severity == codec::Severity::Terminal);
  CHECK(toString(e->text) == "Signature verification for q.quirrell@hogwarts.ac.uk/wp8possessed666 failed.");
  REQUIRE(e->signature.has_value());
  CHECK(proto::verifyError(fixedHex<32>(str(k["ed25519_pub"])), *e));  // "errormsgsig" ‖ S
  CHECK(codec::encodeError(*e) == raw);
}

// The reference test suite's data packets were made with a 16-byte key and an
// older plaintext layout. They still pin: the record order (SIDKEY_HINT first,
// unsigned), the data signature context "datamsgsig" ‖ SHA-256(sid ‖ key) ‖ S
// with sid = the session_id vector, the hint = that hash's first byte, the
// message-ID input, and the CTR counter block IV(12) ‖ 00000000 (decrypted with
// a test-only AES-128-CTR). Their plaintext (uint16 length ‖ MESSAGE_BODY("foo"),
// no body type byte, no padding) predates v1 and is not v1-decodable.
TEST_CASE("kat: data_packets_aes128", "[vectors][kat]") {
  const auto& k = kat();
  const auto pub = fixedHex<32>(str(k["ed25519_pub"]));
  const auto sid = fixedHex<32>(str(k["session_id"]["sid"]));
  const Bytes gk16 = hexBytes(str(k["group_key_16"]));
  REQUIRE(gk16.size() == 16);
  Bytes sk(sid.begin(), sid.end());
  append(sk, gk16);
  const auto skh = crypto::sha256(sk);

  std::vector<codec::MessageId> ids;
  for (const auto& pj : k["data_packets_aes128"]) {
    const Bytes raw = hexBytes(str(pj));
    auto d = codec::decodeData(raw);
    REQUIRE(d);
    CHECK(d->sidkeyHint == skh[0]);
    CHECK(d->signedContent == Bytes(raw.begin() + 4 + 1 + 4 + 64, raw.end()));
    CHECK(proto::verifyData(pub, skh, *d));
    CHECK(codec::encodeData(*d) == raw);

    FixedBytes<16> ctr{};
    std::copy(d->iv.begin(), d->iv.end(), ctr.begin());
    const std::span<const std::uint8_t, 16> key(gk16.data(), 16);
    const Bytes pt = crypto::testonly::aes128CtrLegacy(key, ctr, d->ciphertext);
    codec::TlvWriter w;
    w.add(codec::RecordType::MessageBody, std::string_view(str(k["data_plaintext_body"])));
    Bytes expect = {0x00, static_cast<std::uint8_t>(w.size())};
    append(expect, w.bytes());
    CHECK(toHex(pt) == toHex(expect));
    ids.push_back(proto::messageId(d->signature, d->signedContent));
  }
  REQUIRE(ids.size() == 3);
  CHECK(ids[0] != ids[1]);
  CHECK(ids[1] != ids[2]);
}
