// Helpers shared by the codec unit tests (tests/unit/codec_*.cpp).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "mpenc/codec/packets.h"
#include "mpenc/codec/plaintext.h"
#include "mpenc/codec/records.h"
#include "mpenc/codec/tlv.h"
#include "mpenc/common/bytes.h"

namespace mpenc::codec::testutil {

/// Hex → bytes; throws on bad hex (test data is ours).
inline Bytes hex(std::string_view h) {
  auto b = fromHex(h);
  if (!b) throw std::invalid_argument("bad hex in test data");
  return *b;
}

/// A record as a plain value, for building mutated packets.
struct Rec {
  std::uint16_t type = 0;
  Bytes value;
};

inline Rec rec(RecordType t, Bytes v) {
  return {static_cast<std::uint16_t>(t), std::move(v)};
}

/// Split a well-formed TLV blob into records (throws if it is not well formed).
inline std::vector<Rec> split(ByteView tlv) {
  std::vector<Rec> out;
  TlvReader r(tlv);
  while (!r.atEnd()) {
    auto next = r.next();
    if (!next) throw std::invalid_argument("split(): not a TLV blob");
    out.push_back({next->type, Bytes(next->value.begin(), next->value.end())});
  }
  return out;
}

/// Join records back (raw: lengths are written modulo 0x10000 on purpose, so
/// tests can build inconsistent headers with rawHeader instead).
inline Bytes join(const std::vector<Rec>& recs) {
  Bytes out;
  for (const auto& r : recs) {
    out.push_back(static_cast<std::uint8_t>(r.type >> 8));
    out.push_back(static_cast<std::uint8_t>(r.type & 0xff));
    out.push_back(static_cast<std::uint8_t>((r.value.size() >> 8) & 0xff));
    out.push_back(static_cast<std::uint8_t>(r.value.size() & 0xff));
    append(out, r.value);
  }
  return out;
}

/// Index of the n-th (0-based) record of type t; throws if absent.
inline std::size_t indexOf(const std::vector<Rec>& recs, RecordType t, std::size_t nth = 0) {
  for (std::size_t i = 0; i < recs.size(); ++i) {
    if (recs[i].type == static_cast<std::uint16_t>(t) && nth-- == 0) return i;
  }
  throw std::invalid_argument("indexOf(): record not present");
}

/// "NAME(len) NAME(len) …", the format of the `records` summaries in the
/// reference captures. Stops with "<bad>" at a malformed record.
inline std::string summary(ByteView tlv) {
  std::string out;
  TlvReader r(tlv);
  while (!r.atEnd()) {
    auto next = r.next();
    if (!next) return out + " <bad>";
    if (!out.empty()) out += ' ';
    out += recordTypeName(next->type);
    out += "(" + std::to_string(next->value.size()) + ")";
  }
  return out;
}

template <std::size_t N>
FixedBytes<N> filled(std::uint8_t v) {
  FixedBytes<N> out{};
  out.fill(v);
  return out;
}

/// A START broadcast (INIT_PARTICIPANT_DOWN) for 3 members, every group filled.
inline GreetingPacket sampleDownflow() {
  GreetingPacket p;
  p.signature = filled<64>(0x51);
  p.greetType = GreetType(GreetType::InitParticipantDown);
  p.source = toBytes("carol@x/1");
  p.members = {toBytes("alice@x/1"), toBytes("bob@x/1"), toBytes("carol@x/1")};
  p.intKeys = {Bytes(32, 0x11), Bytes(32, 0x12), Bytes(32, 0x13)};
  p.nonces = {filled<32>(0x21), filled<32>(0x22), filled<32>(0x23)};
  p.pubKeys = {filled<32>(0x31), filled<32>(0x32), filled<32>(0x33)};
  p.sessionSignature = filled<64>(0x61);
  return p;
}

/// An EXCLUDE broadcast (EXCLUDE_AUX_INITIATOR_DOWN): every record type a greeting can carry.
inline GreetingPacket sampleExclude() {
  GreetingPacket p;
  p.signature = filled<64>(0x52);
  p.greetType = GreetType(GreetType::ExcludeAuxInitiatorDown);
  p.source = toBytes("bob@x/1");
  p.members = {toBytes("alice@x/1"), toBytes("bob@x/1")};
  p.intKeys = {Bytes(32, 0x14), Bytes(32, 0x15)};
  p.nonces = {filled<32>(0x24), filled<32>(0x25)};
  p.pubKeys = {filled<32>(0x34), filled<32>(0x35)};
  p.prevPf = filled<32>(0x41);
  p.chainHash = filled<32>(0x42);
  p.latestPm = {filled<20>(0x71), filled<20>(0x72)};
  p.sessionSignature = filled<64>(0x62);
  return p;
}

inline DataPacket sampleData() {
  DataPacket d;
  d.sidkeyHint = 0xb8;
  d.signature = filled<64>(0x53);
  d.iv = filled<12>(0x0c);
  d.ciphertext = Bytes(128, 0xcc);
  return d;
}

inline ErrorPacket sampleError() {
  ErrorPacket e;
  e.signature = filled<64>(0x54);
  e.source = toBytes("alice@x/1");
  e.severity = Severity::Terminal;
  e.text = toBytes("Signature verification failed.");
  return e;
}

}  // namespace mpenc::codec::testutil
