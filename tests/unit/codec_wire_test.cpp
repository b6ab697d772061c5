// Wire framing and strict base64 (protocol-wire.md §1).
#include <random>
#include <string>

#include "catch.h"
#include "codec_test_util.h"
#include "mpenc/codec/wire.h"

using namespace mpenc;
using namespace mpenc::codec;
using namespace mpenc::codec::testutil;

TEST_CASE("codec: base64 RFC 4648 test vectors", "[codec][wire]") {
  const std::pair<std::string, std::string> table[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, enc] : table) {
    CHECK(base64Encode(asBytes(plain)) == enc);
    auto dec = base64Decode(enc);
    REQUIRE(dec);
    CHECK(toString(*dec) == plain);
  }
  CHECK(base64Encode(Bytes{0xfb, 0xff, 0xbf}) == "+/+/");
}

TEST_CASE("codec: base64 round-trips random data and is canonical", "[codec][wire]") {
  std::mt19937_64 rng(0x6d70454e43ULL);
  for (int i = 0; i < 2000; ++i) {
    Bytes data(rng() % 80);
    for (auto& b : data) b = static_cast<std::uint8_t>(rng());
    const std::string enc = base64Encode(data);
    CHECK(enc.size() % 4 == 0);
    auto dec = base64Decode(enc);
    REQUIRE(dec);
    CHECK(*dec == data);
  }
  // Exactly one of the 4 (resp. 16) encodings of a 2-byte (1-byte) tail is accepted.
  int accepted = 0;
  for (char c : std::string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")) {
    accepted += base64Decode(std::string("QQ") + c + "=") ? 1 : 0;
  }
  CHECK(accepted == 16);  // third char carries 4 data bits and 2 zero bits: 16 of 64 valid
  accepted = 0;
  for (char c : std::string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")) {
    accepted += base64Decode(std::string("Q") + c + "==") ? 1 : 0;
  }
  CHECK(accepted == 4);  // second char carries 2 data bits and 4 zero bits
}

TEST_CASE("codec: framing", "[codec][wire]") {
  CHECK(hasWirePrefix("?mpENC:AAEAAQEAAgABAQ==."));
  CHECK(hasWirePrefix("?mpENC"));
  CHECK_FALSE(hasWirePrefix("?mpEN"));
  CHECK_FALSE(hasWirePrefix(" ?mpENC:"));
  CHECK(frame(encodeQuery()) == "?mpENC:AAEAAQEAAgABAQ==.");
  auto tlv = unframe("?mpENC:AAEAAQEAAgABAQ==.");
  REQUIRE(tlv);
  CHECK(*tlv == encodeQuery());
  auto plain = unframe("hi there");
  REQUIRE_FALSE(plain);
  CHECK(plain.error().code == DecodeErrc::NotMpenc);
  // A framed packet just under the size limit is not rejected for its size.
  const std::string big = frame(Bytes(kMaxWireSize / 4 * 3 - 12, 0));
  REQUIRE(big.size() <= kMaxWireSize);
  auto bigTlv = unframe(big);
  REQUIRE(bigTlv);
  auto bigPacket = decodePacket(*bigTlv);
  REQUIRE_FALSE(bigPacket);
  CHECK(bigPacket.error().code == DecodeErrc::UnknownRecord);
}
