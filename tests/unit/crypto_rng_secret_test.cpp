// Rng (determinism, uniform) and secret types (redaction, moves, clone, wipe).
#include <set>
#include <sstream>

#include "catch.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/crypto/secret.h"

using namespace mpenc;
using namespace mpenc::crypto;

TEST_CASE("SeededRng is deterministic and seed-dependent", "[crypto][rng]") {
  SeededRng a(42), b(42), c(43);
  const Bytes x = a.bytes(100), y = b.bytes(100), z = c.bytes(100);
  CHECK(x == y);
  CHECK(x != z);
  // Successive fills differ (a fresh nonce per fill).
  const Bytes x2 = a.bytes(100);
  CHECK(x2 != x);
  CHECK(b.bytes(100) == x2);

  FixedBytes<32> seed{};
  seed[31] = 7;
  SeededRng d(seed), e(seed);
  CHECK(d.bytes<32>() == e.bytes<32>());
  CHECK(d.bytes<12>() == e.bytes<12>());
  // Known answer: the first fill is the ChaCha20-IETF keystream under key = seed,
  // nonce = 0 (so it is stable across releases; changing it breaks replays).
  SeededRng f(FixedBytes<32>{});
  CHECK(toHex(f.bytes(16)) == "76b8e0ada0f13d90405d6ae55386bd28");
}

TEST_CASE("Rng::uniform stays in range and covers it", "[crypto][rng]") {
  SeededRng r(1);
  std::set<std::uint32_t> seen;
  for (int i = 0; i < 2000; ++i) {
    const auto v = r.uniform(7);
    REQUIRE(v < 7);
    seen.insert(v);
  }
  CHECK(seen.size() == 7);
  CHECK(r.uniform(1) == 0);
  CHECK(r.uniform(0) == 0);
  // A bound just above 2^31 forces frequent rejection; still in range.
  for (int i = 0; i < 100; ++i) CHECK(r.uniform(0x80000001u) < 0x80000001u);
}

TEST_CASE("SystemRng produces bytes", "[crypto][rng]") {
  SystemRng r;
  CHECK(r.bytes(32) != r.bytes(32));
  CHECK(r.bytes(0).empty());
}

TEST_CASE("secrets print <redacted>", "[crypto][secret]") {
  auto k = SecretKey<32>::fromBytes(Bytes(32, 0x41));
  auto s = SecretBytes::fromBytes(asBytes("hunter2"));
  std::ostringstream os;
  os << k << ' ' << s;
  CHECK(os.str() == "<redacted> <redacted>");
  CHECK(os.str().find("AAAA") == std::string::npos);
  CHECK(os.str().find("hunter2") == std::string::npos);
}

TEST_CASE("SecretKey and SecretBytes semantics", "[crypto][secret]") {
  SeededRng rng(5);
  auto a = SecretKey<32>::random(rng);
  auto b = a.clone();
  CHECK(a == b);
  CHECK(a.data() != b.data());
  b.mutableView()[0] ^= 1;
  CHECK_FALSE(a == b);

  auto c = std::move(a);
  CHECK_FALSE(a.valid());  // NOLINT(bugprone-use-after-move): moved-from state is defined
  CHECK(c.valid());
  CHECK_THROWS_AS(SecretKey<32>::fromBytes(Bytes(31)), std::invalid_argument);
  CHECK(toHex(SecretKey<4>().view()) == "00000000");  // zero-initialised

  auto s = SecretBytes::fromBytes(asBytes("abc"));
  auto t = std::move(s);
  CHECK(s.size() == 0);  // NOLINT(bugprone-use-after-move)
  CHECK(toString(t.view()) == "abc");
  SecretBytes empty(0);
  CHECK(empty.view().empty());
  t = SecretBytes::fromBytes(asBytes("de"));
  CHECK(toString(t.clone().view()) == "de");

  Bytes plain = toBytes("secret");
  wipe(plain);
  CHECK(plain == Bytes(6, 0));
}
