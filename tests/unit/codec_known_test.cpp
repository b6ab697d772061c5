// Known encodings of the original implementation.
// Source of the hex values: /work/shared/vectors/mpenc-js-kat.json
// (meganz/mpenc_js@f26cc30 test data, re-encoded as hex), copied value by value.
#include <string>

#include "catch.h"
#include "codec_test_util.h"
#include "mpenc/codec/packets.h"
#include "mpenc/codec/wire.h"

using namespace mpenc;
using namespace mpenc::codec;
using namespace mpenc::codec::testutil;

namespace {

// mpenc-js-kat.json "greet_upflow_packet"
constexpr std::string_view kGreetUpflowHex =
    "0003004014e66025ae06b50c0db2abed47bcbca95ad251c8cc9f9d192bc13dda8645614ff56382cd4c6d7dd4351fa54ba08baa44"
    "d26d"
    "6215a9b609737320a4adce235c070001000101000200010201ff0002009c01000001310101000132010200013101020001320102"
    "000133"
    "01020001340102000135010200013601030000010300208520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa"
    "9b4e6a"
    "010400208520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a01050020d75a980182b10ab7d54bfed3"
    "c96407"
    "3a0ee172f3daa62325af021a68f707511a";
// mpenc-js-kat.json "greet_downflow_quit_packet"
constexpr std::string_view kQuitHex =
    "00030040423b68bed53e2f9acbbf6ae302267b337849cd6a566a35bd44f7299cf4ddbb63ba28871e837b1fe9ef59db63a2a5aa9f"
    "866e7"
    "3a1a6eec3dc7ea6dd2c5b0e3f0d0001000101000200010201ff000200d3010000013101010000010700209d61b19deffd5a60ba8"
    "44af4"
    "92ec2cc44449c5697b326919703bac031cae7f60";
// mpenc-js-kat.json "error_packet"
constexpr std::string_view kErrorHex =
    "000300403181f25ad4e7239f10435296ff86b689ead038b03e0eeb25c2db21e485e8f2e546108ea3419985b47acf480db0f5fdc7"
    "bb3cc"
    "cd8cb161f59d24e9d2d14775f010001000101000200010401000026612e64756d626c65646f726540686f6777617274732e61632"
    "e756b"
    "2f616e64726f696431323302010001020010004c5369676e617475726520766572696669636174696f6e20666f7220712e717569"
    "727265"
    "6c6c40686f6777617274732e61632e756b2f777038706f73736573736564363636206661696c65642e";
// mpenc-js-kat.json "data_packets_aes128" (made with AES-128: layout only)
constexpr std::string_view kDataHex[] = {
    "001200015400030040b2a71f745069d4ff9e8bd2d35881a95e7d78e1fce2dd4a2bb021bb9a8190ceca0914225e2c961c8f7e7cb8"
    "8490a9"
    "13de8fe9eeb1cb3b3cf70c1f9f066e7d6203000100010100020001030011000c7afb3688694d13c92ca4cbd9001000098c10ec43"
    "1a7ae8"
    "af5e",
    "00120001540003004087f691e4db046c5d1bab08dd223182335d7ae772d7d3b2ef72df3a8e24ae6b01c5eb7376d51f2cfdc3f659"
    "3978fe"
    "3dab55c0f19cc01eaa086737435f23f1b002000100010100020001030011000c60425c8112ae83487e6924810010000964f916da"
    "b6e87b"
    "da05",
    "00120001540003004090937ba720804d279ff4b8b5a26155e0028c7f8cb99280cc126e6e12dc274f50f75a231d26cd9c03b74c87"
    "6258a3"
    "d957b4306dd5869d4664f8710c1aeefdeb08000100010100020001030011000ccb7985a5b887783e05de7d2e00100009f5945d11"
    "3b8a32"
    "dccc",
};
constexpr std::string_view kX25519Pub = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
constexpr std::string_view kEd25519Pub = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

}  // namespace

TEST_CASE("codec: QUERY has the reference wire encoding", "[codec][kat]") {
  CHECK(encodeWire(QueryPacket{}) == "?mpENC:AAEAAQEAAgABAQ==.");
  CHECK(toHex(encodeQuery()) ==
        "000100010100020001"
        "01");
  auto p = decodeWire("?mpENC:AAEAAQEAAgABAQ==.");
  REQUIRE(p);
  CHECK(std::holds_alternative<QueryPacket>(*p));
  CHECK(packetType(*p) == MessageType::Query);
}

TEST_CASE("codec: kat greet_upflow_packet decodes to its fields and re-encodes", "[codec][kat]") {
  const Bytes tlv = hex(kGreetUpflowHex);
  auto g = decodeGreeting(tlv);
  REQUIRE(g);
  CHECK(toHex(g->signature).substr(0, 16) == "14e66025ae06b50c");
  CHECK(g->greetType == GreetType(GreetType::InitInitiatorUp));
  CHECK(g->greetType.init());
  CHECK(g->greetType.operation() == GreetOperation::Start);
  CHECK(toString(g->source) == "1");
  CHECK(toString(g->dest) == "2");
  REQUIRE(g->members.size() == 6);
  for (std::size_t i = 0; i < 6; ++i) CHECK(toString(g->members[i]) == std::to_string(i + 1));
  REQUIRE(g->intKeys.size() == 2);
  CHECK(g->intKeys[0].empty());
  CHECK(toHex(g->intKeys[1]) == kX25519Pub);
  REQUIRE(g->nonces.size() == 1);
  CHECK(toHex(g->nonces[0]) == kX25519Pub);
  REQUIRE(g->pubKeys.size() == 1);
  CHECK(toHex(g->pubKeys[0]) == kEd25519Pub);
  CHECK_FALSE(g->prevPf.has_value());
  CHECK_FALSE(g->sessionSignature.has_value());
  CHECK(g->signedContent == Bytes(tlv.begin() + 68, tlv.end()));
  CHECK(encodeGreeting(*g) == tlv);
  CHECK(encodeGreetingContent(*g) == g->signedContent);
  auto any = decodePacket(tlv);
  REQUIRE(any);
  CHECK(encodePacket(*any) == tlv);
}

TEST_CASE("codec: kat greet_downflow_quit_packet is rejected as obsolete", "[codec][kat]") {
  auto p = decodePacket(hex(kQuitHex));
  REQUIRE_FALSE(p);
  CHECK(p.error().code == DecodeErrc::ObsoleteGreetType);
  CHECK(p.error().record == static_cast<std::uint16_t>(RecordType::GreetType));
  CHECK(p.error().offset == 68 + 5 + 5);
  CHECK(p.error().describe().find("GREET_TYPE") != std::string::npos);
}

TEST_CASE("codec: kat error_packet decodes to its fields and re-encodes", "[codec][kat]") {
  const Bytes tlv = hex(kErrorHex);
  auto e = decodeError(tlv);
  REQUIRE(e);
  REQUIRE(e->signature.has_value());
  CHECK(toHex(*e->signature).substr(0, 8) == "3181f25a");
  CHECK(toString(e->source) == "a.dumbledore@hogwarts.ac.uk/android123");
  CHECK(e->severity == Severity::Terminal);
  CHECK(toString(e->text) == "Signature verification for q.quirrell@hogwarts.ac.uk/wp8possessed666 failed.");
  CHECK(e->signedContent == Bytes(tlv.begin() + 68, tlv.end()));
  CHECK(encodeError(*e) == tlv);
  auto any = decodePacket(tlv);
  REQUIRE(any);
  CHECK(std::holds_alternative<ErrorPacket>(*any));
  CHECK(encodeWire(*any) == frame(tlv));
}

TEST_CASE("codec: unsigned ERROR packet round-trips", "[codec]") {
  ErrorPacket e = sampleError();
  e.signature.reset();
  const Bytes tlv = encodeError(e);
  CHECK(summary(tlv) == "PROTOCOL_VERSION(1) MESSAGE_TYPE(1) SOURCE(9) SEVERITY(1) MESSAGE_PAYLOAD(30)");
  auto d = decodePacket(tlv);
  REQUIRE(d);
  const auto& got = std::get<ErrorPacket>(*d);
  CHECK_FALSE(got.signature.has_value());
  CHECK(got.signedContent == tlv);
}

TEST_CASE("codec: kat data_packets_aes128 have the data layout", "[codec][kat]") {
  for (std::string_view h : kDataHex) {
    const Bytes tlv = hex(h);
    CHECK(summary(tlv) ==
          "SIDKEY_HINT(1) MESSAGE_SIGNATURE(64) PROTOCOL_VERSION(1) MESSAGE_TYPE(1) MESSAGE_IV(12) "
          "MESSAGE_PAYLOAD(9)");
    auto d = decodeData(tlv);
    REQUIRE(d);
    CHECK(d->sidkeyHint == 0x54);
    CHECK(d->ciphertext.size() == 9);
    CHECK(d->signedContent == Bytes(tlv.begin() + 5 + 68, tlv.end()));
    CHECK(d->signedContent == encodeDataContent(d->iv, d->ciphertext));
    CHECK(encodeData(*d) == tlv);
  }
  auto first = decodeData(hex(kDataHex[0]));
  REQUIRE(first);
  CHECK(toHex(first->iv) == "7afb3688694d13c92ca4cbd9");
  CHECK(toHex(first->ciphertext) == "8c10ec431a7ae8af5e");
}

TEST_CASE("codec: greet types", "[codec]") {
  const std::uint8_t defined[] = {0x9c, 0x1c, 0x1e, 0x1a, 0xad, 0x2d, 0x2f, 0x2b, 0xbf, 0x3b, 0xc7, 0x63};
  int count = 0;
  for (int b = 0; b < 256; ++b) {
    const auto bits = static_cast<std::uint8_t>(b);
    const bool isDef = GreetType::isDefined(bits);
    count += isDef ? 1 : 0;
    CHECK((GreetType(bits).name() != "UNDEFINED") == (isDef || bits == GreetType::QuitDown));
  }
  CHECK(count == 12);  // v1's 11 + ABORT_AUX_DOWN (0x63, extension greet-abort-1)
  for (auto b : defined) CHECK(GreetType::isDefined(b));
  CHECK_FALSE(GreetType::isDefined(GreetType::QuitDown));
  CHECK(GreetType(GreetType::QuitDown).isObsolete());
  // Along a flow (protocol-wire.md §4.1).
  const GreetType up(GreetType::InitInitiatorUp);
  CHECK(up.forwarded(false).bits() == GreetType::InitParticipantUp);
  CHECK(up.forwarded(true).bits() == GreetType::InitParticipantDown);
  CHECK(GreetType(GreetType::InitParticipantDown).confirmation().bits() ==
        GreetType::InitParticipantConfirmDown);
  CHECK(GreetType(GreetType::IncludeAuxInitiatorUp).forwarded(true).bits() ==
        GreetType::IncludeAuxParticipantDown);
  CHECK(GreetType(GreetType::IncludeAuxParticipantDown).confirmation().bits() ==
        GreetType::IncludeAuxParticipantConfirmDown);
  CHECK(GreetType(GreetType::ExcludeAuxInitiatorDown).confirmation().bits() ==
        GreetType::ExcludeAuxParticipantConfirmDown);
  CHECK(GreetType(GreetType::RefreshAuxInitiatorDown).operation() == GreetOperation::Refresh);
  CHECK(GreetType(GreetType::ExcludeAuxInitiatorDown).name() == "EXCLUDE_AUX_INITIATOR_DOWN");
}

TEST_CASE("codec: record names and error descriptions", "[codec]") {
  CHECK(recordTypeName(RecordType::LatestPm) == "LATEST_PM");
  CHECK(recordTypeName(std::uint16_t{0x0999}) == "UNKNOWN");
  CHECK(isKnownRecordType(0x01ff));
  CHECK_FALSE(isKnownRecordType(0x0000));
  CHECK_FALSE(isKnownRecordType(0x0108));
  int known = 0;
  for (unsigned c = 0; c <= 0xffff; ++c) known += isKnownRecordType(static_cast<std::uint16_t>(c)) ? 1 : 0;
  CHECK(known == 23);  // v1's 21 + ABORT_PI, ABORT_REASON (extension greet-abort-1)
  DecodeError e{DecodeErrc::TruncatedValue, 0x0102, 42, "length 9 runs past end (5 bytes left)"};
  CHECK(e.describe() ==
        "TruncatedValue: record MEMBER (0x0102) at offset 42: length 9 runs past end (5 bytes left)");
  CHECK(errcName(DecodeErrc::BadBody) == "BadBody");
}

TEST_CASE("codec: encoders refuse values they could not decode", "[codec]") {
  GreetingPacket g = sampleDownflow();
  g.intKeys[1] = Bytes(31, 1);
  CHECK_THROWS_AS(encodeGreeting(g), std::invalid_argument);
  g = sampleDownflow();
  g.greetType = GreetType(GreetType::QuitDown);
  CHECK_THROWS_AS(encodeGreeting(g), std::invalid_argument);
  g = sampleDownflow();
  g.greetType = GreetType(GreetType::InitParticipantConfirmDown);  // no GKA: INT_KEY not allowed
  CHECK_THROWS_AS(encodeGreeting(g), std::invalid_argument);
  g = sampleExclude();
  g.chainHash.reset();
  CHECK_THROWS_AS(encodeGreeting(g), std::invalid_argument);
  g = sampleDownflow();
  g.members.push_back(Bytes(0x10000, 'a'));
  CHECK_THROWS_AS(encodeGreeting(g), std::invalid_argument);
  DataPacket d = sampleData();
  d.ciphertext.resize(0x10000);
  CHECK_THROWS_AS(encodeData(d), std::invalid_argument);
  TlvWriter w;
  CHECK_THROWS_AS(w.add(RecordType::Member, Bytes(0x10000)), std::length_error);
}
