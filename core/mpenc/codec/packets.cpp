// Strict packet decoders (protocol-wire.md §2, §4.2, §5.1). Encoders: packets_encode.cpp.
#include "mpenc/codec/packets.h"

#include <string>

#include "mpenc/codec/greeting_rules.h"
#include "mpenc/codec/tlv.h"
#include "mpenc/codec/wire.h"

// Propagate the error of an Expected/Status expression (local to this file).
// `var` is a declared name: it cannot be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define MPENC_TRY(var, expr) \
  auto var = (expr);         \
  if (!var) return fail((var).error())
// NOLINTEND(bugprone-macro-parentheses)

namespace mpenc::codec {

namespace {

constexpr std::size_t kHeaderSize = 4;

/// Offset of the record header of a value view taken from `all`.
std::size_t recordOffset(ByteView all, ByteView value) noexcept {
  return static_cast<std::size_t>(value.data() - all.data()) - kHeaderSize;
}

DecodeError badLength(ByteView all, ByteView v, RecordType t, const std::string& want) {
  return DecodeError{DecodeErrc::BadLength, static_cast<std::uint16_t>(t), recordOffset(all, v),
                     "length " + std::to_string(v.size()) + ", expected " + want};
}

template <std::size_t N>
Expected<FixedBytes<N>, DecodeError> fixedValue(ByteView all, ByteView v, RecordType t) {
  auto f = toFixed<N>(v);
  if (!f) return fail(badLength(all, v, t, std::to_string(N)));
  return *f;
}

template <std::size_t N>
Expected<std::vector<FixedBytes<N>>, DecodeError> fixedValues(ByteView all, const std::vector<ByteView>& vs,
                                                              RecordType t) {
  std::vector<FixedBytes<N>> out;
  out.reserve(vs.size());
  for (ByteView v : vs) {
    MPENC_TRY(f, fixedValue<N>(all, v, t));
    out.push_back(*f);
  }
  return out;
}

Status<DecodeError> checkVersion(ByteView all, ByteView v) {
  if (v.size() != 1) return fail(badLength(all, v, RecordType::ProtocolVersion, "1"));
  if (v[0] != kProtocolVersion) {
    return fail(DecodeError{DecodeErrc::BadVersion, static_cast<std::uint16_t>(RecordType::ProtocolVersion),
                            recordOffset(all, v), "version " + std::to_string(v[0]) + ", expected 1"});
  }
  return {};
}

Expected<MessageType, DecodeError> readMessageType(ByteView all, ByteView v) {
  if (v.size() != 1) return fail(badLength(all, v, RecordType::MessageType, "1"));
  if (v[0] < 0x01 || v[0] > 0x04) {
    return fail(DecodeError{DecodeErrc::UnknownMessageType,
                            static_cast<std::uint16_t>(RecordType::MessageType), recordOffset(all, v),
                            "message type " + std::to_string(v[0])});
  }
  return static_cast<MessageType>(v[0]);
}

/// PROTOCOL_VERSION then MESSAGE_TYPE, which must be `want`.
Status<DecodeError> readHeader(TlvReader& r, ByteView all, MessageType want) {
  MPENC_TRY(ver, r.required(RecordType::ProtocolVersion));
  MPENC_TRY(okVersion, checkVersion(all, *ver));
  MPENC_TRY(mt, r.required(RecordType::MessageType));
  MPENC_TRY(type, readMessageType(all, *mt));
  if (*type != want) {
    return fail(DecodeError{DecodeErrc::BadValue, static_cast<std::uint16_t>(RecordType::MessageType),
                            recordOffset(all, *mt),
                            "message type " + std::to_string(static_cast<int>(*type)) + ", expected " +
                                std::to_string(static_cast<int>(want))});
  }
  return {};
}

Expected<GreetType, DecodeError> readGreetType(ByteView all, ByteView v) {
  const auto code = static_cast<std::uint16_t>(RecordType::GreetType);
  if (v.size() != 2) return fail(badLength(all, v, RecordType::GreetType, "2"));
  if (v[0] != 0x00) {
    return fail(DecodeError{DecodeErrc::BadGreetType, code, recordOffset(all, v), "first byte must be 0x00"});
  }
  if (v[1] == GreetType::QuitDown) {
    return fail(DecodeError{DecodeErrc::ObsoleteGreetType, code, recordOffset(all, v),
                            "QUIT_DOWN (0xd3) is obsolete"});
  }
  if (!GreetType::isDefined(v[1])) {
    return fail(DecodeError{DecodeErrc::BadGreetType, code, recordOffset(all, v),
                            "undefined greet type 0x" + toHex(v.subspan(1, 1))});
  }
  return GreetType(v[1]);
}

Expected<QueryPacket, DecodeError> decodeQuery(ByteView tlv) {
  TlvReader r(tlv);
  MPENC_TRY(header, readHeader(r, tlv, MessageType::Query));
  MPENC_TRY(end, r.finish());
  return QueryPacket{};
}

Status<DecodeError> notEmpty(ByteView tlv) {
  if (tlv.empty()) return fail(DecodeError{DecodeErrc::Empty, 0, 0, "empty packet"});
  return {};
}

}  // namespace

Expected<GreetingPacket, DecodeError> decodeGreeting(ByteView tlv) {
  MPENC_TRY(nonEmpty, notEmpty(tlv));
  TlvReader r(tlv);
  GreetingPacket p;
  detail::GreetingOffsets at;

  MPENC_TRY(sig, r.required(RecordType::MessageSignature));
  MPENC_TRY(sigValue, fixedValue<kSignatureSize>(tlv, *sig, RecordType::MessageSignature));
  p.signature = *sigValue;
  const std::size_t signedStart = r.offset();
  MPENC_TRY(header, readHeader(r, tlv, MessageType::Greet));
  MPENC_TRY(gtRaw, r.required(RecordType::GreetType));
  MPENC_TRY(gt, readGreetType(tlv, *gtRaw));
  p.greetType = *gt;
  MPENC_TRY(source, r.required(RecordType::Source));
  p.source.assign(source->begin(), source->end());
  MPENC_TRY(dest, r.required(RecordType::Dest));
  p.dest.assign(dest->begin(), dest->end());

  at.members = r.offset();
  MPENC_TRY(members, r.repeated(RecordType::Member));
  if (members->empty()) {
    MPENC_TRY(missing, r.required(RecordType::Member));  // names what came instead
  }
  for (ByteView m : *members) p.members.emplace_back(m.begin(), m.end());

  if (p.greetType.isAbort()) {  // extension layout (docs/extension-abort.md): MEMBER* ABORT_PI ABORT_REASON
    MPENC_TRY(piRaw, r.required(RecordType::AbortPi));
    MPENC_TRY(pi, fixedValue<kHashSize>(tlv, *piRaw, RecordType::AbortPi));
    p.abortPi = *pi;
    MPENC_TRY(reasonRaw, r.required(RecordType::AbortReason));
    if (reasonRaw->size() != 1) return fail(badLength(tlv, *reasonRaw, RecordType::AbortReason, "1"));
    if ((*reasonRaw)[0] > kMaxAbortReason) {
      return fail(DecodeError{DecodeErrc::BadValue, static_cast<std::uint16_t>(RecordType::AbortReason),
                              recordOffset(tlv, *reasonRaw),
                              "abort reason " + std::to_string((*reasonRaw)[0])});
    }
    p.abortReason = (*reasonRaw)[0];
    MPENC_TRY(abortEnd, r.finish());
    if (auto e = detail::checkGreeting(p, at)) return fail(std::move(*e));
    p.signedContent.assign(tlv.begin() + static_cast<std::ptrdiff_t>(signedStart), tlv.end());
    return p;
  }

  at.intKeys = r.offset();
  MPENC_TRY(intKeys, r.repeated(RecordType::IntKey));
  for (ByteView k : *intKeys) {
    if (!k.empty() && k.size() != kKeySize) return fail(badLength(tlv, k, RecordType::IntKey, "0 or 32"));
    p.intKeys.emplace_back(k.begin(), k.end());
  }
  at.nonces = r.offset();
  MPENC_TRY(nonceViews, r.repeated(RecordType::Nonce));
  MPENC_TRY(nonces, fixedValues<kNonceSize>(tlv, *nonceViews, RecordType::Nonce));
  p.nonces = std::move(*nonces);
  at.pubKeys = r.offset();
  MPENC_TRY(pubViews, r.repeated(RecordType::PubKey));
  MPENC_TRY(pubKeys, fixedValues<kKeySize>(tlv, *pubViews, RecordType::PubKey));
  p.pubKeys = std::move(*pubKeys);

  at.prevPf = r.offset();
  MPENC_TRY(prevPf, r.optional(RecordType::PrevPf));
  if (*prevPf) {
    MPENC_TRY(prev, fixedValue<kHashSize>(tlv, **prevPf, RecordType::PrevPf));
    p.prevPf = *prev;
    MPENC_TRY(chainRaw, r.required(RecordType::ChainHash));
    MPENC_TRY(chain, fixedValue<kHashSize>(tlv, *chainRaw, RecordType::ChainHash));
    p.chainHash = *chain;
    MPENC_TRY(latestViews, r.repeated(RecordType::LatestPm));
    MPENC_TRY(latest, fixedValues<kMessageIdSize>(tlv, *latestViews, RecordType::LatestPm));
    p.latestPm = std::move(*latest);
    // NOLINTNEXTLINE(misc-redundant-expression): two different record types are compared.
  } else if (const auto t = r.peekType(); t == static_cast<std::uint16_t>(RecordType::ChainHash) ||
                                          t == static_cast<std::uint16_t>(RecordType::LatestPm)) {
    return fail(DecodeError{DecodeErrc::MissingRecord, static_cast<std::uint16_t>(RecordType::PrevPf),
                            r.offset(), std::string(recordTypeName(*t)) + " without PREV_PF"});
  }

  at.sessionSignature = r.offset();
  MPENC_TRY(sessionSig, r.optional(RecordType::SessionSignature));
  if (*sessionSig) {
    MPENC_TRY(ss, fixedValue<kSignatureSize>(tlv, **sessionSig, RecordType::SessionSignature));
    p.sessionSignature = *ss;
  }
  MPENC_TRY(end, r.finish());
  if (auto e = detail::checkGreeting(p, at)) return fail(std::move(*e));
  p.signedContent.assign(tlv.begin() + static_cast<std::ptrdiff_t>(signedStart), tlv.end());
  return p;
}

Expected<DataPacket, DecodeError> decodeData(ByteView tlv) {
  MPENC_TRY(nonEmpty, notEmpty(tlv));
  TlvReader r(tlv);
  DataPacket p;
  MPENC_TRY(hint, r.required(RecordType::SidkeyHint));
  if (hint->size() != 1) return fail(badLength(tlv, *hint, RecordType::SidkeyHint, "1"));
  p.sidkeyHint = (*hint)[0];
  MPENC_TRY(sig, r.required(RecordType::MessageSignature));
  MPENC_TRY(sigValue, fixedValue<kSignatureSize>(tlv, *sig, RecordType::MessageSignature));
  p.signature = *sigValue;
  const std::size_t signedStart = r.offset();
  MPENC_TRY(header, readHeader(r, tlv, MessageType::Data));
  MPENC_TRY(ivRaw, r.required(RecordType::MessageIv));
  MPENC_TRY(iv, fixedValue<kIvSize>(tlv, *ivRaw, RecordType::MessageIv));
  p.iv = *iv;
  MPENC_TRY(payload, r.required(RecordType::MessagePayload));
  p.ciphertext.assign(payload->begin(), payload->end());
  MPENC_TRY(end, r.finish());
  p.signedContent.assign(tlv.begin() + static_cast<std::ptrdiff_t>(signedStart), tlv.end());
  return p;
}

Expected<ErrorPacket, DecodeError> decodeError(ByteView tlv) {
  MPENC_TRY(nonEmpty, notEmpty(tlv));
  TlvReader r(tlv);
  ErrorPacket p;
  MPENC_TRY(sig, r.optional(RecordType::MessageSignature));
  if (*sig) {
    MPENC_TRY(sigValue, fixedValue<kSignatureSize>(tlv, **sig, RecordType::MessageSignature));
    p.signature = *sigValue;
  }
  const std::size_t signedStart = r.offset();
  MPENC_TRY(header, readHeader(r, tlv, MessageType::Error));
  MPENC_TRY(source, r.required(RecordType::Source));
  p.source.assign(source->begin(), source->end());
  MPENC_TRY(severity, r.required(RecordType::Severity));
  if (severity->size() != 1) return fail(badLength(tlv, *severity, RecordType::Severity, "1"));
  if ((*severity)[0] > static_cast<std::uint8_t>(Severity::Terminal)) {
    return fail(DecodeError{DecodeErrc::BadValue, static_cast<std::uint16_t>(RecordType::Severity),
                            recordOffset(tlv, *severity), "severity " + std::to_string((*severity)[0])});
  }
  p.severity = static_cast<Severity>((*severity)[0]);
  MPENC_TRY(text, r.required(RecordType::MessagePayload));
  p.text.assign(text->begin(), text->end());
  MPENC_TRY(end, r.finish());
  p.signedContent.assign(tlv.begin() + static_cast<std::ptrdiff_t>(signedStart), tlv.end());
  return p;
}

Expected<Packet, DecodeError> decodePacket(ByteView tlv) {
  MPENC_TRY(nonEmpty, notEmpty(tlv));
  // Find MESSAGE_TYPE: it follows the optional SIDKEY_HINT and MESSAGE_SIGNATURE
  // and PROTOCOL_VERSION. The per-type decoder then checks the whole layout.
  TlvReader r(tlv);
  MPENC_TRY(hint, r.optional(RecordType::SidkeyHint));
  if (*hint && (*hint)->size() != 1) return fail(badLength(tlv, **hint, RecordType::SidkeyHint, "1"));
  MPENC_TRY(sig, r.optional(RecordType::MessageSignature));
  if (*sig && (*sig)->size() != kSignatureSize) {
    return fail(badLength(tlv, **sig, RecordType::MessageSignature, std::to_string(kSignatureSize)));
  }
  MPENC_TRY(ver, r.required(RecordType::ProtocolVersion));
  MPENC_TRY(okVersion, checkVersion(tlv, *ver));
  MPENC_TRY(mt, r.required(RecordType::MessageType));
  MPENC_TRY(type, readMessageType(tlv, *mt));
  switch (*type) {
    case MessageType::Query: {
      MPENC_TRY(q, decodeQuery(tlv));
      return Packet{*q};
    }
    case MessageType::Greet: {
      MPENC_TRY(g, decodeGreeting(tlv));
      return Packet{std::move(*g)};
    }
    case MessageType::Data: {
      MPENC_TRY(d, decodeData(tlv));
      return Packet{std::move(*d)};
    }
    default: {
      MPENC_TRY(e, decodeError(tlv));
      return Packet{std::move(*e)};
    }
  }
}

Expected<Packet, DecodeError> decodeWire(std::string_view wire) {
  MPENC_TRY(tlv, unframe(wire));
  return decodePacket(*tlv);
}

}  // namespace mpenc::codec

#undef MPENC_TRY
