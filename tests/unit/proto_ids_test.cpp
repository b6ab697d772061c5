// Identifiers, hashes and signature contexts (protocol-wire.md §4.3-§6).
// Each test would fail if a byte order, separator or tag were wrong.
#include <string>

#include "catch.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/proto/ids.h"
#include "mpenc/proto/signatures.h"

using namespace mpenc;
using namespace mpenc::proto;
namespace crypto = mpenc::crypto;

namespace {

Hash32 sha(std::string_view s) {
  return crypto::sha256(asBytes(s));
}
Hash32 sha(ByteView b) {
  return crypto::sha256(b);
}
std::vector<Bytes> bl(std::initializer_list<std::string_view> xs) {
  std::vector<Bytes> out;
  for (auto x : xs) out.push_back(toBytes(x));
  return out;
}

}  // namespace

TEST_CASE("sessionId sorts members byte-wise and carries nonces along", "[proto][ids]") {
  const Hash32 sid = sessionId(bl({"bob", "alice", "carol"}), bl({"NB", "NA", "NC"}));
  CHECK(sid == sha("alicebobcarolNANBNC"));
  // Independent of input order...
  CHECK(sessionId(bl({"carol", "bob", "alice"}), bl({"NC", "NB", "NA"})) == sid);
  // ...but dependent on which nonce belongs to whom.
  CHECK(sessionId(bl({"bob", "alice", "carol"}), bl({"NA", "NB", "NC"})) != sid);
  // Byte-wise, not locale or case-insensitive: 'B' (0x42) < 'a' (0x61); 0xc3 sorts last.
  CHECK(sessionId(bl({"a", "B", "\xc3\xa9"}), bl({"1", "2", "3"})) == sha("Ba\xc3\xa9"
                                                                          "213"));
  CHECK_THROWS_AS(sessionId(bl({"a"}), {}), std::invalid_argument);
}

TEST_CASE("sidKeyHash = SHA-256(sid ‖ groupKey)", "[proto][ids]") {
  Hash32 sid{};
  sid[0] = 1;
  auto gk = crypto::SecretKey<32>::fromBytes(Bytes(32, 2));
  Bytes cat(sid.begin(), sid.end());
  append(cat, Bytes(32, 2));
  CHECK(sidKeyHash(sid, gk) == sha(cat));
}

TEST_CASE("packetId excludes the sender, sorts the rest, joins with newlines", "[proto][ids]") {
  const std::vector<std::string> chan = {"carol", "alice", "bob"};
  const Hash32 pid = packetId("?mpENC:X.", "bob", chan);
  CHECK(pid == sha("bob\nalice\ncarol\n\n?mpENC:X."));
  CHECK(packetId("?mpENC:X.", "bob", {"alice", "carol"}) == pid);           // sender need not be listed
  CHECK(packetId("?mpENC:X.", "bob", {"alice", "carol", "alice"}) == pid);  // a set
  CHECK(packetId("?mpENC:X.", "alice", chan) != pid);
  CHECK(packetId("?mpENC:Y.", "bob", chan) != pid);
  // Lone sender: no members, still the "\n" and "\n\n" separators.
  CHECK(packetId("w", "alice", {"alice"}) == sha("alice\n\n\nw"));
}

TEST_CASE("chain hash tags and the initial chain hash", "[proto][ids]") {
  CHECK(chainTypeTag(ChainType::Initial) == "2");
  CHECK(chainTypeTag(ChainType::Final) == "1");
  CHECK(chainTypeTag(ChainType::InitialFinal) == "3");
  CHECK(chainTypeTag(ChainType::Leave) == std::string_view("\xffleave", 6));

  Hash32 prev{}, pid{};
  prev.fill(0xaa);
  pid.fill(0xbb);
  Bytes m(prev.begin(), prev.end());
  append(m, pid);
  Bytes m2 = m;
  append(m, "2");
  CHECK(chainHash(prev, pid, ChainType::Initial) == sha(m));
  append(m2, std::string_view("\xffleave", 6));
  CHECK(chainHash(prev, pid, ChainType::Leave) == sha(m2));
  CHECK(chainHash(prev, pid, ChainType::Initial) != chainHash(prev, pid, ChainType::Final));
  CHECK(chainHash(prev, pid, ChainType::Final) != chainHash(prev, pid, ChainType::InitialFinal));
  CHECK(chainHash(prev, pid, ChainType::Initial) != chainHash(pid, prev, ChainType::Initial));

  Bytes p0(prev.begin(), prev.end());
  p0.push_back(0xff);
  CHECK(initialChainHash(prev) == sha(p0));
}

TEST_CASE("leave pseudo-packet ID", "[proto][ids]") {
  Hash32 init{};
  init.fill(0x11);
  std::string body = std::string("\xffleave ", 7) + std::string(32, '\x11') + "\nbob,carol";
  const Hash32 expect = sha("__server__\nalice\nbob\ncarol\n\n" + body);
  CHECK(leavePacketId(init, {"carol", "bob"}, {"alice", "bob", "carol"}) == expect);
  CHECK(leavePacketId(init, {"bob", "carol"}, {"carol", "alice", "bob"}) == expect);
}

TEST_CASE("messageId = SHA-256(signature ‖ S)[0:20]", "[proto][ids]") {
  codec::Signature sig{};
  sig.fill(0x5a);
  Bytes m(sig.begin(), sig.end());
  append(m, "content");
  const auto full = sha(m);
  const auto id = messageId(sig, asBytes("content"));
  CHECK(std::equal(id.begin(), id.end(), full.begin()));
}

TEST_CASE("deriveGroupKey = HKDF(secret, salt '', info 'mpenc group key', 32)", "[proto][ids]") {
  // Same values as the reference test data (kat hkdf), padded to a 32-byte secret here.
  auto s = crypto::SecretKey<32>::fromBytes(Bytes(32, 0x0b));
  auto okm = crypto::hkdfSha256(Bytes(32, 0x0b), {}, asBytes("mpenc group key"), 32);
  CHECK(deriveGroupKey(s) == crypto::SecretKey<32>::fromBytes(okm.view()));
  auto other = crypto::hkdfSha256(Bytes(32, 0x0b), {}, asBytes("mpenc group kez"), 32);
  CHECK_FALSE(deriveGroupKey(s) == crypto::SecretKey<32>::fromBytes(other.view()));
}

TEST_CASE("session signature signs SHA-256 of the authenticator", "[proto][sig]") {
  crypto::SeededRng rng(9);
  const auto id = crypto::Ed25519KeyPair::generate(rng);
  const auto eph = crypto::Ed25519KeyPair::generate(rng);
  const Bytes nonce = rng.bytes(32);
  const Hash32 sid = sha("sid");
  const Bytes member = toBytes("alice@x/1");

  Bytes auth = toBytes("acksig");
  append(auth, member);
  append(auth, eph.publicKey());
  append(auth, nonce);
  append(auth, sid);
  CHECK(sessionAuthenticator(member, eph.publicKey(), nonce, sid) == sha(auth));

  const auto sig = signSession(id, member, eph.publicKey(), nonce, sid);
  CHECK(crypto::ed25519Verify(id.publicKey(), sha(auth), sig));  // the 32-byte hash is what is signed
  CHECK(verifySession(id.publicKey(), member, eph.publicKey(), nonce, sid, sig));
  CHECK_FALSE(verifySession(eph.publicKey(), member, eph.publicKey(), nonce, sid, sig));
  CHECK_FALSE(verifySession(id.publicKey(), toBytes("alice@x/2"), eph.publicKey(), nonce, sid, sig));
  CHECK_FALSE(verifySession(id.publicKey(), member, eph.publicKey(), nonce, sha("other"), sig));
}

TEST_CASE("greeting/data/error signatures are domain-separated", "[proto][sig]") {
  crypto::SeededRng rng(10);
  const auto eph = crypto::Ed25519KeyPair::generate(rng);
  const Bytes content = toBytes("S-bytes");
  const Hash32 skh = sha("skh");

  codec::GreetingPacket g;
  g.signedContent = content;
  g.signature = signGreeting(eph, content);
  CHECK(verifyGreeting(eph.publicKey(), g));
  CHECK(crypto::ed25519Verify(eph.publicKey(), toBytes("greetmsgsigS-bytes"), g.signature));

  codec::DataPacket d;
  d.signedContent = content;
  d.signature = signData(eph, skh, content);
  CHECK(verifyData(eph.publicKey(), skh, d));
  CHECK_FALSE(verifyData(eph.publicKey(), sha("other"), d));
  Bytes dm = toBytes("datamsgsig");
  append(dm, skh);
  append(dm, content);
  CHECK(crypto::ed25519Verify(eph.publicKey(), dm, d.signature));

  codec::ErrorPacket e;
  e.signedContent = content;
  CHECK_FALSE(verifyError(eph.publicKey(), e));  // unsigned
  e.signature = signError(eph, content);
  CHECK(verifyError(eph.publicKey(), e));

  // A signature from one context never verifies in another.
  d.signature = g.signature;
  CHECK_FALSE(verifyData(eph.publicKey(), skh, d));
  g.signature = *e.signature;
  CHECK_FALSE(verifyGreeting(eph.publicKey(), g));
}
