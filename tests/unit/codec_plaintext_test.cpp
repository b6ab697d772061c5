// Plaintext records, padding (protocol-wire.md §5.2) and body JSON (§5.3).
#include <string>
#include <vector>

#include "catch.h"
#include "codec_test_util.h"
#include "mpenc/codec/plaintext.h"

using namespace mpenc;
using namespace mpenc::codec;
using namespace mpenc::codec::testutil;

namespace {

// Padded plaintexts of two data messages of
// /work/shared/vectors/mpenc-js-session-5members.json (seq 8, bob, one parent,
// non-ASCII text; seq 10, alice, two parents), obtained by decrypting their
// MESSAGE_PAYLOAD with AES-256-CTR under the subsession group key in `states`.
constexpr std::string_view kBobPadded =
    "004a00130014195661c8176e2b1b5d5c291f90de9a5f9a97fdbd0014002e005b22626f623a206772c3bcc39f652061757320"
    "4bc3b66c6e20e2809420e697a5e69cace8aa9e20f09f9880225d000000000000000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000000000000000000";
constexpr std::string_view kAlicePadded =
    "00550013001412165a88347c02ee1a0b995169300d52243bc29f0013001467bd03f249eb6883c1735ef11321af50c6968d5f"
    "00140021005b22616c6963652073617720626f7468202874776f20706172656e747329225d00000000000000000000000000"
    "00000000000000000000000000000000000000000000000000000000";

std::string bodyJson(const Body& b) {
  const Bytes e = encodeBody(b);
  return std::string(e.begin() + 1, e.end());
}
Expected<Body, DecodeError> parse(std::uint8_t type, std::string_view json) {
  Bytes b{type};
  append(b, json);
  return decodeBody(b);
}

}  // namespace

TEST_CASE("codec: reference plaintexts decode and re-encode exactly", "[codec][plaintext]") {
  SECTION("one parent, non-ASCII payload") {
    const Bytes padded = hex(kBobPadded);
    REQUIRE(padded.size() == 128);
    auto t = unpad(padded);
    REQUIRE(t);
    CHECK(t->size() == 0x4a);
    auto p = decodePlaintextRecords(*t);
    REQUIRE(p);
    REQUIRE(p->parents.size() == 1);
    CHECK(toHex(p->parents[0]) == "195661c8176e2b1b5d5c291f90de9a5f9a97fdbd");
    CHECK(p->body == Body::payload("bob: gr\xc3\xbc\xc3\x9f"
                                   "e aus K\xc3\xb6ln \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac"
                                   "\xe8\xaa\x9e \xf0\x9f\x98\x80"));
    CHECK(encodePlaintextRecords(*p) == *t);
    CHECK(pad(encodePlaintextRecords(*p)) == padded);
  }
  SECTION("two parents in wire order") {
    const Bytes padded = hex(kAlicePadded);
    auto t = unpad(padded);
    REQUIRE(t);
    auto p = decodePlaintextRecords(*t);
    REQUIRE(p);
    REQUIRE(p->parents.size() == 2);
    CHECK(toHex(p->parents[0]) == "12165a88347c02ee1a0b995169300d52243bc29f");
    CHECK(toHex(p->parents[1]) == "67bd03f249eb6883c1735ef11321af50c6968d5f");
    CHECK(p->body.content == "alice saw both (two parents)");
    CHECK(pad(encodePlaintextRecords(*p)) == padded);
  }
}

TEST_CASE("codec: parents are kept in wire order, any order accepted", "[codec][plaintext]") {
  Plaintext p;
  p.parents = {filled<20>(0x99), filled<20>(0x11), filled<20>(0x55)};
  p.body = Body::consistency(true);
  auto back = decodePlaintextRecords(encodePlaintextRecords(p));
  REQUIRE(back);
  CHECK(*back == p);
  CHECK(back->body.isFin());
}

TEST_CASE("codec: padded sizes follow protocol-wire.md 5.2", "[codec][plaintext]") {
  const std::pair<std::size_t, std::size_t> table[] = {
      {0, 128},   {1, 128},    {126, 128},   {127, 256},   {254, 256},      {255, 512},
      {510, 512}, {511, 1024}, {1022, 1024}, {1023, 2048}, {0xfffe, 65536}, {32767, 65536},
  };
  for (auto [n, size] : table) {
    CAPTURE(n);
    CHECK(paddedSize(n) == size);
    const Bytes t(n, 0x5a);
    const Bytes padded = pad(t);
    REQUIRE(padded.size() == size);
    CHECK(padded[0] == (n >> 8));
    CHECK(padded[1] == (n & 0xff));
    auto back = unpad(padded);
    REQUIRE(back);
    CHECK(*back == t);
  }
  CHECK_THROWS_AS(pad(Bytes(0xffff)), std::length_error);
}

TEST_CASE("codec: body JSON matches JSON.stringify", "[codec][body]") {
  CHECK(encodeBody(Body::payload("hello")) == Bytes{0x00, '[', '"', 'h', 'e', 'l', 'l', 'o', '"', ']'});
  CHECK(bodyJson(Body::payload("")) == "[\"\"]");
  CHECK(encodeBody(Body::explicitAck(false)) == toBytes(std::string("\x01[false]", 8)));
  CHECK(encodeBody(Body::explicitAck(true))[0] == 0x01);
  CHECK(bodyJson(Body::explicitAck(true)) == "[true]");
  CHECK(encodeBody(Body::heartBeat()) == toBytes(std::string("\x02[]", 3)));
  CHECK(encodeBody(Body::consistency(true)) == toBytes(std::string("\x03[true]", 7)));
  // Extension chain-ack-1 (docs/protocol.md §9.2; more in chain_ack_test.cpp):
  // 32 zero bytes are "AAAA…AAA=" (43 × 'A' and one '=').
  CHECK(encodeBody(Body::chainAck(Hash32{}, Hash32{})) ==
        toBytes("\x04[\"" + std::string(43, 'A') + "=\",\"" + std::string(43, 'A') + "=\"]"));
  // JSON.stringify(["q\"b\\s/\b\f\n\r\t\u0001\u001f\u007f"]) in JavaScript:
  CHECK(bodyJson(Body::payload(std::string("q\"b\\s/\b\f\n\r\t\x01\x1f\x7f", 14))) ==
        "[\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\"]");
  CHECK(bodyJson(Body::payload(std::string("\0", 1))) == "[\"\\u0000\"]");
  CHECK(bodyJson(Body::payload("\x0b\x1b")) == "[\"\\u000b\\u001b\"]");
  // Non-ASCII stays raw UTF-8, including U+2028/U+2029 and astral characters.
  CHECK(bodyJson(Body::payload("\xc3\xa9\xe2\x80\xa8\xf0\x9f\x98\x80")) ==
        "[\"\xc3\xa9\xe2\x80\xa8\xf0\x9f\x98\x80\"]");
  CHECK_THROWS_AS(encodeBody(Body::payload("\xff")), std::invalid_argument);
  CHECK_THROWS_AS(encodeBody(Body::payload("\xed\xa0\x80")), std::invalid_argument);
}

TEST_CASE("codec: body reader accepts what JSON.parse accepts for v1 shapes", "[codec][body]") {
  struct Case {
    std::uint8_t type;
    std::string json;
    Body want;
  };
  const Case cases[] = {
      {0, "[\"a\"]", Body::payload("a")},
      {0, " \t\r\n[ \"a\" ] \n", Body::payload("a")},
      {0, "[\"\\/\\\"\\\\\"]", Body::payload("/\"\\")},
      {0, "[\"\\b\\f\\n\\r\\t\"]", Body::payload("\b\f\n\r\t")},
      {0, "[\"\\u00e9\\u00E9\"]", Body::payload("\xc3\xa9\xc3\xa9")},
      {0, "[\"\\u0000x\"]", Body::payload(std::string("\0x", 2))},
      {0, "[\"\\u20ac\"]", Body::payload("\xe2\x82\xac")},
      {0, "[\"\\ud83d\\ude00\"]", Body::payload("\xf0\x9f\x98\x80")},
      {0, "[\"\\uD83D\\uDE00\"]", Body::payload("\xf0\x9f\x98\x80")},
      {0, "[\"\xf0\x9f\x98\x80 \xe6\x97\xa5\"]", Body::payload("\xf0\x9f\x98\x80 \xe6\x97\xa5")},
      {0, "[\"\x7f\"]", Body::payload("\x7f")},
      {1, "[true]", Body::explicitAck(true)},
      {1, "[ false ]", Body::explicitAck(false)},
      {2, "[]", Body::heartBeat()},
      {2, "[ ]", Body::heartBeat()},
      {3, "[true]", Body::consistency(true)},
      {3, "\n[false]\n", Body::consistency(false)},
  };
  for (const auto& c : cases) {
    INFO("json: " << c.json);
    auto b = parse(c.type, c.json);
    if (!b) FAIL(b.error().describe());
    CHECK(*b == c.want);
  }
}

TEST_CASE("codec: body encode/decode round-trips every control and escape", "[codec][body]") {
  std::string all;
  for (int c = 0; c < 0x80; ++c) all.push_back(static_cast<char>(c));
  all += "\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf";
  const Body b = Body::payload(all);
  auto back = decodeBody(encodeBody(b));
  REQUIRE(back);
  CHECK(*back == b);
}

TEST_CASE("codec: body JSON escapes and checks at every offset of a long text", "[codec][body]") {
  // Issue 12: plain runs are scanned eight bytes at a time; a character that
  // needs escaping (or refusing) must be found wherever it falls in a word.
  auto reference = [](const std::string& s) {  // byte-wise JSON.stringify of one string
    std::string out = "[\"";
    for (unsigned char c : s) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c == '\n') {
        out += "\\n";
      } else if (c < 0x20) {
        const char* hex = "0123456789abcdef";
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
      } else {
        out += static_cast<char>(c);
      }
    }
    return out + "\"]";
  };
  const std::vector<std::string> specials{"\"", "\\", "\n", std::string(1, '\x01'), "\x1f", "\xc3\xa9"};
  for (const std::string& special : specials) {
    for (std::size_t at = 0; at < 20; ++at) {
      std::string text(at, 'a');
      text += special;
      text += std::string(21 - at, 'z');
      INFO("special " << static_cast<int>(static_cast<unsigned char>(special[0])) << " at " << at);
      CHECK(bodyJson(Body::payload(text)) == reference(text));
      auto back = decodeBody(encodeBody(Body::payload(text)));
      REQUIRE(back);
      CHECK(back->content == text);
      // Raw (unescaped) control characters and stray bytes are refused at any offset.
      if (special == "\n" || special[0] == '\x01') {
        CHECK_FALSE(parse(0, "[\"" + text + "\"]"));
      }
    }
  }
  std::string bad(30, 'a');
  bad[13] = '\xff';
  CHECK_FALSE(parse(0, "[\"" + bad + "\"]"));
}

TEST_CASE("codec: a text of kMaxTextBytes with kMaxTextParents parents fits v1; 32 KiB does not",
          "[codec][plaintext]") {
  // The composer refuses longer texts up front (RoomStatus::maxMessageBytes);
  // what it lets through must be sendable: padded into at most 32 KiB.
  Plaintext p;
  for (std::size_t i = 0; i < kMaxTextParents; ++i) {
    MessageId id{};
    id[0] = static_cast<std::uint8_t>(i);
    p.parents.push_back(id);
  }
  p.body = Body::payload(std::string(kMaxTextBytes, 'x'));
  const Bytes padded = pad(encodePlaintextRecords(p));
  CHECK(padded.size() <= kMaxPaddedSize);
  // Multi-byte UTF-8 of the same byte length needs no escaping either.
  std::string accents;
  while (accents.size() + 2 <= kMaxTextBytes) accents += "\xc3\xa9";
  p.body = Body::payload(accents);
  CHECK(pad(encodePlaintextRecords(p)).size() <= kMaxPaddedSize);
  // One padding step up is past the MESSAGE_PAYLOAD limit: a 32 KiB body needs 64 KiB.
  p.body = Body::payload(std::string(32 * 1024, 'x'));
  CHECK(pad(encodePlaintextRecords(p)).size() > 0xffff);
}
