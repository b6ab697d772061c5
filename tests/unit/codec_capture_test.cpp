// Every packet of the reference session captures decodes, re-encodes byte for
// byte, and has the record layout listed in the capture's `records` summary.
// Data: /work/shared/vectors/mpenc-js-session-{3,5}members.json (read at test
// time; when the vectors are absent these cases only print a note).
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "catch.h"
#include "codec_test_util.h"
#include "mpenc/codec/packets.h"
#include "mpenc/codec/wire.h"
#include "vectors.h"

using namespace mpenc;
using namespace mpenc::codec;
using namespace mpenc::codec::testutil;

namespace {

std::optional<nlohmann::json> loadCapture(const char* name) {
  const auto dir = testsupport::vectorsDir();
  if (!dir) {
    std::printf("note: reference vectors not found; %s not checked here\n", name);
    return std::nullopt;
  }
  return nlohmann::json::parse(testsupport::readFile(*dir / name));
}

/// Returns {greetType name → count} of the checked greetings.
std::map<std::string, int> checkCapture(const nlohmann::json& cap) {
  std::map<std::string, int> seen;
  for (const auto& pkt : cap.at("packets")) {
    if (!pkt.contains("pubtxt")) continue;
    const std::string wire = pkt.at("pubtxt").get<std::string>();
    const std::string records = pkt.at("records").get<std::string>();
    INFO("packet: " << records);
    auto tlv = unframe(wire);
    REQUIRE(tlv);
    CHECK(summary(*tlv) == records);
    auto p = decodePacket(*tlv);
    if (!p) FAIL(p.error().describe());
    CHECK(encodePacket(*p) == *tlv);
    CHECK(encodeWire(*p) == wire);
    auto viaWire = decodeWire(wire);
    REQUIRE(viaWire);
    CHECK(*viaWire == *p);

    const std::string msgType = pkt.at("msgType").get<std::string>();
    if (msgType == "MPENC_GREET_MESSAGE") {
      REQUIRE(std::holds_alternative<GreetingPacket>(*p));
      const auto& g = std::get<GreetingPacket>(*p);
      CHECK(g.greetType.name() == pkt.at("greetType").get<std::string>());
      CHECK(toString(g.source) == pkt.at("from").get<std::string>());
      CHECK(g.signedContent == Bytes(tlv->begin() + 68, tlv->end()));
      CHECK(encodeGreetingContent(g) == g.signedContent);
      ++seen[std::string(g.greetType.name())];
    } else {
      REQUIRE(msgType == "MPENC_DATA_MESSAGE");
      REQUIRE(std::holds_alternative<DataPacket>(*p));
      const auto& d = std::get<DataPacket>(*p);
      CHECK(d.signedContent == encodeDataContent(d.iv, d.ciphertext));
      CHECK(d.ciphertext.size() % 128 == 0);
      ++seen["DATA"];
    }
  }
  return seen;
}

}  // namespace

TEST_CASE("codec: 3-member capture packets decode and re-encode exactly", "[codec][capture]") {
  auto cap = loadCapture("mpenc-js-session-3members.json");
  if (!cap) return;
  auto seen = checkCapture(*cap);
  CHECK(seen["DATA"] == 9);
  CHECK(seen["INIT_INITIATOR_UP"] == 1);
  CHECK(seen["INIT_PARTICIPANT_CONFIRM_DOWN"] == 2);
  CHECK(seen["EXCLUDE_AUX_INITIATOR_DOWN"] == 1);
}

TEST_CASE("codec: 5-member capture packets decode and re-encode exactly", "[codec][capture]") {
  auto cap = loadCapture("mpenc-js-session-5members.json");
  if (!cap) return;
  auto seen = checkCapture(*cap);
  CHECK(seen["DATA"] == 70);
  CHECK(seen["REFRESH_AUX_INITIATOR_DOWN"] == 1);
  CHECK(seen["INCLUDE_AUX_INITIATOR_UP"] == 1);
  CHECK(seen["INCLUDE_AUX_PARTICIPANT_CONFIRM_DOWN"] == 4);
  CHECK(seen["EXCLUDE_AUX_INITIATOR_DOWN"] == 5);
  CHECK(seen.size() == 12);  // 11 greeting types + DATA
}
