// Seeded property tests: random valid packets round-trip exactly; random
// mutations of valid packets never crash and either decode to something that
// re-encodes to the same bytes or fail with a typed error.
#include <random>
#include <string>

#include "catch.h"
#include "codec_test_util.h"
#include "mpenc/codec/packets.h"
#include "mpenc/codec/plaintext.h"
#include "mpenc/codec/wire.h"

using namespace mpenc;
using namespace mpenc::codec;
using namespace mpenc::codec::testutil;

namespace {

using Rng = std::mt19937_64;

std::size_t below(Rng& rng, std::size_t n) {
  return n == 0 ? 0 : static_cast<std::size_t>(rng() % n);
}
bool coin(Rng& rng) {
  return (rng() & 1) != 0;
}

Bytes randomBytes(Rng& rng, std::size_t n) {
  Bytes b(n);
  for (auto& x : b) x = static_cast<std::uint8_t>(rng());
  return b;
}
template <std::size_t N>
FixedBytes<N> randomFixed(Rng& rng) {
  FixedBytes<N> out{};
  for (auto& x : out) x = static_cast<std::uint8_t>(rng());
  return out;
}

/// A random Unicode string as UTF-8 (controls, ASCII, 2/3/4-byte, no surrogates).
std::string randomUtf8(Rng& rng, std::size_t maxChars) {
  std::string s;
  const std::size_t n = below(rng, maxChars + 1);
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t cp = 0;
    switch (below(rng, 5)) {
      case 0:
        cp = static_cast<std::uint32_t>(below(rng, 0x20));
        break;
      case 1:
        cp = static_cast<std::uint32_t>(0x20 + below(rng, 0x60));
        break;
      case 2:
        cp = static_cast<std::uint32_t>(0x80 + below(rng, 0x780));
        break;
      case 3:
        cp = static_cast<std::uint32_t>(0x800 + below(rng, 0xf800));
        break;
      default:
        cp = static_cast<std::uint32_t>(0x10000 + below(rng, 0x100000));
        break;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = '?';
    if (cp < 0x80) {
      s.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      s.push_back(static_cast<char>(0xc0 | (cp >> 6)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
      s.push_back(static_cast<char>(0xe0 | (cp >> 12)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
      s.push_back(static_cast<char>(0xf0 | (cp >> 18)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
  }
  return s;
}

GreetingPacket randomGreeting(Rng& rng) {
  static constexpr std::uint8_t kTypes[] = {0x9c, 0x1c, 0x1e, 0x1a, 0xad, 0x2d, 0x2f, 0x2b, 0xbf, 0x3b, 0xc7};
  GreetingPacket p;
  p.signature = randomFixed<64>(rng);
  p.greetType = GreetType(kTypes[below(rng, std::size(kTypes))]);
  p.source = randomBytes(rng, below(rng, 24));
  p.dest = coin(rng) ? Bytes{} : randomBytes(rng, below(rng, 24));
  const std::size_t n = 1 + below(rng, 8);
  for (std::size_t i = 0; i < n; ++i) p.members.push_back(randomBytes(rng, below(rng, 24)));
  if (p.greetType.gka()) {
    const std::size_t k = below(rng, n + 1);
    for (std::size_t i = 0; i < k; ++i)
      p.intKeys.push_back(below(rng, 4) == 0 ? Bytes{} : randomBytes(rng, 32));
  }
  if (p.greetType.ske()) {
    const std::size_t k = below(rng, n + 1);
    for (std::size_t i = 0; i < k; ++i) {
      p.nonces.push_back(randomFixed<32>(rng));
      p.pubKeys.push_back(randomFixed<32>(rng));
    }
    if (p.greetType.down() && coin(rng)) p.sessionSignature = randomFixed<64>(rng);
  }
  if (p.greetType.init() && coin(rng)) {
    p.prevPf = randomFixed<32>(rng);
    p.chainHash = randomFixed<32>(rng);
    const std::size_t k = below(rng, 5);
    for (std::size_t i = 0; i < k; ++i) p.latestPm.push_back(randomFixed<20>(rng));
  }
  return p;
}

DataPacket randomData(Rng& rng) {
  DataPacket d;
  d.sidkeyHint = static_cast<std::uint8_t>(rng());
  d.signature = randomFixed<64>(rng);
  d.iv = randomFixed<12>(rng);
  d.ciphertext = randomBytes(rng, coin(rng) ? 128 * (1 + below(rng, 4)) : below(rng, 300));
  return d;
}

ErrorPacket randomError(Rng& rng) {
  ErrorPacket e;
  if (coin(rng)) e.signature = randomFixed<64>(rng);
  e.source = randomBytes(rng, below(rng, 40));
  e.severity = static_cast<Severity>(below(rng, 3));
  const std::string text = randomUtf8(rng, 60);
  e.text = toBytes(text);
  return e;
}

Packet randomPacket(Rng& rng) {
  switch (below(rng, 7)) {
    case 0:
      return QueryPacket{};
    case 1:
    case 2:
    case 3:
      return randomGreeting(rng);
    case 4:
    case 5:
      return randomData(rng);
    default:
      return randomError(rng);
  }
}

/// The packet as decode would return it (signedContent filled in).
Packet withSignedContent(Packet p) {
  if (auto* g = std::get_if<GreetingPacket>(&p)) g->signedContent = encodeGreetingContent(*g);
  if (auto* d = std::get_if<DataPacket>(&p)) d->signedContent = encodeDataContent(d->iv, d->ciphertext);
  if (auto* e = std::get_if<ErrorPacket>(&p)) e->signedContent = encodeErrorContent(*e);
  return p;
}

Bytes mutateBytes(Rng& rng, Bytes b) {
  const std::size_t rounds = 1 + below(rng, 4);
  for (std::size_t r = 0; r < rounds; ++r) {
    switch (below(rng, 7)) {
      case 0:  // flip bits
        if (!b.empty()) b[below(rng, b.size())] ^= static_cast<std::uint8_t>(1u << below(rng, 8));
        break;
      case 1:  // random byte
        if (!b.empty()) b[below(rng, b.size())] = static_cast<std::uint8_t>(rng());
        break;
      case 2:  // insert
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(below(rng, b.size() + 1)),
                 static_cast<std::uint8_t>(rng()));
        break;
      case 3:  // delete
        if (!b.empty()) b.erase(b.begin() + static_cast<std::ptrdiff_t>(below(rng, b.size())));
        break;
      case 4:  // truncate
        b.resize(below(rng, b.size() + 1));
        break;
      case 5: {  // duplicate a range
        if (b.empty()) break;
        const std::size_t from = below(rng, b.size());
        const std::size_t len = 1 + below(rng, std::min<std::size_t>(b.size() - from, 80));
        const Bytes chunk(b.begin() + static_cast<std::ptrdiff_t>(from),
                          b.begin() + static_cast<std::ptrdiff_t>(from + len));
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(below(rng, b.size() + 1)), chunk.begin(),
                 chunk.end());
        break;
      }
      default: {  // patch a plausible record length or type (big-endian 16-bit)
        if (b.size() < 2) break;
        const std::size_t at = below(rng, b.size() - 1);
        const std::uint16_t v = static_cast<std::uint16_t>(coin(rng) ? below(rng, 70) : rng());
        b[at] = static_cast<std::uint8_t>(v >> 8);
        b[at + 1] = static_cast<std::uint8_t>(v & 0xff);
        break;
      }
    }
  }
  return b;
}

bool validErrc(DecodeErrc c) {
  return static_cast<int>(c) <= static_cast<int>(DecodeErrc::BadBody);
}

}  // namespace

TEST_CASE("codec: random valid packets round-trip", "[codec][property]") {
  const std::uint64_t seed = GENERATE(1ULL, 2ULL, 0xC0DECULL);
  Rng rng(seed);
  CAPTURE(seed);
  for (int i = 0; i < 1500; ++i) {
    const Packet p = randomPacket(rng);
    const Bytes tlv = encodePacket(p);
    auto back = decodePacket(tlv);
    if (!back) FAIL("decode failed: " << back.error().describe() << " for " << summary(tlv));
    CHECK(*back == withSignedContent(p));
    CHECK(encodePacket(*back) == tlv);
    const std::string wire = encodeWire(p);
    auto viaWire = decodeWire(wire);
    REQUIRE(viaWire);
    CHECK(*viaWire == *back);
  }
}

TEST_CASE("codec: mutated packets decode canonically or fail with a typed error", "[codec][property]") {
  const std::uint64_t seed = GENERATE(11ULL, 12ULL, 0xF022ULL);
  Rng rng(seed);
  CAPTURE(seed);
  int decoded = 0, rejected = 0;
  for (int i = 0; i < 3000; ++i) {
    const Bytes valid = encodePacket(randomPacket(rng));
    const Bytes bad = mutateBytes(rng, valid);
    auto r = decodePacket(bad);
    if (r) {
      ++decoded;
      CHECK(encodePacket(*r) == bad);
    } else {
      ++rejected;
      CHECK(validErrc(r.error().code));
      CHECK(r.error().offset <= bad.size());
      CHECK_FALSE(r.error().describe().empty());
    }
    // The same through the wire framing, with the text itself mutated too.
    std::string wire = frame(valid);
    if (!wire.empty()) wire[below(rng, wire.size())] = static_cast<char>(rng());
    auto w = decodeWire(wire);
    if (w) CHECK(encodeWire(*w) == wire);
  }
  CHECK(rejected > 0);
  CHECK(decoded > 0);
}

TEST_CASE("codec: random plaintexts round-trip through records and padding", "[codec][property]") {
  Rng rng(0x7e47ULL);
  for (int i = 0; i < 2000; ++i) {
    Plaintext p;
    const std::size_t k = below(rng, 6);
    for (std::size_t j = 0; j < k; ++j) p.parents.push_back(randomFixed<20>(rng));
    switch (below(rng, 4)) {
      case 0:
        p.body = Body::payload(randomUtf8(rng, coin(rng) ? 20 : 400));
        break;
      case 1:
        p.body = Body::explicitAck(coin(rng));
        break;
      case 2:
        p.body = Body::heartBeat();
        break;
      default:
        p.body = Body::consistency(coin(rng));
        break;
    }
    const Bytes t = encodePlaintextRecords(p);
    const Bytes padded = pad(t);
    CHECK(padded.size() == paddedSize(t.size()));
    auto unpadded = unpad(padded);
    REQUIRE(unpadded);
    auto back = decodePlaintextRecords(*unpadded);
    if (!back) FAIL(back.error().describe());
    CHECK(*back == p);
  }
}

TEST_CASE("codec: mutated plaintexts never crash", "[codec][property]") {
  Rng rng(0x7e48ULL);
  int accepted = 0;
  for (int i = 0; i < 3000; ++i) {
    Plaintext p;
    if (coin(rng)) p.parents.push_back(randomFixed<20>(rng));
    p.body = coin(rng) ? Body::payload(randomUtf8(rng, 30)) : Body::consistency(coin(rng));
    const Bytes bad = mutateBytes(rng, pad(encodePlaintextRecords(p)));
    auto t = unpad(bad);
    if (!t) {
      CHECK(t.error().code == DecodeErrc::BadPadding);
      continue;
    }
    auto q = decodePlaintextRecords(*t);
    if (!q) {
      CHECK(validErrc(q.error().code));
      continue;
    }
    ++accepted;
    // Not byte-canonical (JSON allows whitespace/escapes), but stable.
    auto again = decodePlaintextRecords(encodePlaintextRecords(*q));
    REQUIRE(again);
    CHECK(*again == *q);
  }
  CHECK(accepted > 0);
}
