// Packet encoders (protocol-wire.md §2, §4.2, §5.1). Decoders: packets.cpp.
#include <stdexcept>
#include <string>

#include "mpenc/codec/greeting_rules.h"
#include "mpenc/codec/packets.h"
#include "mpenc/codec/tlv.h"
#include "mpenc/codec/wire.h"

namespace mpenc::codec {

namespace {

void checkValueSize(ByteView v, RecordType t) {
  if (v.size() > 0xffff) {
    throw std::invalid_argument(std::string(recordTypeName(t)) + " value longer than 0xffff bytes");
  }
}

void addHeader(TlvWriter& w, MessageType type) {
  w.addByte(RecordType::ProtocolVersion, kProtocolVersion);
  w.addByte(RecordType::MessageType, static_cast<std::uint8_t>(type));
}

}  // namespace

MessageType packetType(const Packet& p) noexcept {
  switch (p.index()) {
    case 0:
      return MessageType::Query;
    case 1:
      return MessageType::Greet;
    case 2:
      return MessageType::Data;
    default:
      return MessageType::Error;
  }
}

Bytes encodeQuery() {
  TlvWriter w;
  addHeader(w, MessageType::Query);
  return std::move(w).bytes();
}

Bytes encodeGreetingContent(const GreetingPacket& p) {
  if (!GreetType::isDefined(p.greetType.bits())) {
    throw std::invalid_argument("GREET_TYPE is not a defined combination");
  }
  if (auto e = detail::checkGreeting(p, {}))
    throw std::invalid_argument("invalid greeting: " + e->describe());
  checkValueSize(p.source, RecordType::Source);
  checkValueSize(p.dest, RecordType::Dest);
  for (const auto& m : p.members) checkValueSize(m, RecordType::Member);

  TlvWriter w;
  addHeader(w, MessageType::Greet);
  const std::uint8_t gt[2] = {0x00, p.greetType.bits()};
  w.add(RecordType::GreetType, ByteView(gt, 2));
  w.add(RecordType::Source, p.source);
  w.add(RecordType::Dest, p.dest);
  for (const auto& m : p.members) w.add(RecordType::Member, m);
  if (p.greetType.isAbort()) {  // extension layout (docs/extension-abort.md)
    w.add(RecordType::AbortPi, *p.abortPi);
    w.addByte(RecordType::AbortReason, *p.abortReason);
    return std::move(w).bytes();
  }
  for (const auto& k : p.intKeys) w.add(RecordType::IntKey, k);
  for (const auto& n : p.nonces) w.add(RecordType::Nonce, n);
  for (const auto& k : p.pubKeys) w.add(RecordType::PubKey, k);
  if (p.prevPf) {
    w.add(RecordType::PrevPf, *p.prevPf);
    w.add(RecordType::ChainHash, *p.chainHash);
    for (const auto& id : p.latestPm) w.add(RecordType::LatestPm, id);
  }
  if (p.sessionSignature) w.add(RecordType::SessionSignature, *p.sessionSignature);
  return std::move(w).bytes();
}

Bytes encodeGreeting(const GreetingPacket& p) {
  TlvWriter w;
  w.add(RecordType::MessageSignature, p.signature);
  Bytes out = std::move(w).bytes();
  append(out, encodeGreetingContent(p));
  return out;
}

Bytes encodeDataContent(const Iv& iv, ByteView ciphertext) {
  checkValueSize(ciphertext, RecordType::MessagePayload);
  TlvWriter w;
  addHeader(w, MessageType::Data);
  w.add(RecordType::MessageIv, iv);
  w.add(RecordType::MessagePayload, ciphertext);
  return std::move(w).bytes();
}

Bytes encodeData(const DataPacket& p) {
  TlvWriter w;
  w.addByte(RecordType::SidkeyHint, p.sidkeyHint);
  w.add(RecordType::MessageSignature, p.signature);
  Bytes out = std::move(w).bytes();
  append(out, encodeDataContent(p.iv, p.ciphertext));
  return out;
}

Bytes encodeErrorContent(const ErrorPacket& p) {
  checkValueSize(p.source, RecordType::Source);
  checkValueSize(p.text, RecordType::MessagePayload);
  if (static_cast<std::uint8_t>(p.severity) > static_cast<std::uint8_t>(Severity::Terminal)) {
    throw std::invalid_argument("SEVERITY out of range");
  }
  TlvWriter w;
  addHeader(w, MessageType::Error);
  w.add(RecordType::Source, p.source);
  w.addByte(RecordType::Severity, static_cast<std::uint8_t>(p.severity));
  w.add(RecordType::MessagePayload, p.text);
  return std::move(w).bytes();
}

Bytes encodeError(const ErrorPacket& p) {
  Bytes out;
  if (p.signature) {
    TlvWriter w;
    w.add(RecordType::MessageSignature, *p.signature);
    out = std::move(w).bytes();
  }
  append(out, encodeErrorContent(p));
  return out;
}

Bytes encodePacket(const Packet& p) {
  switch (p.index()) {
    case 0:
      return encodeQuery();
    case 1:
      return encodeGreeting(std::get<GreetingPacket>(p));
    case 2:
      return encodeData(std::get<DataPacket>(p));
    default:
      return encodeError(std::get<ErrorPacket>(p));
  }
}

std::string encodeWire(const Packet& p) {
  return frame(encodePacket(p));
}

}  // namespace mpenc::codec
