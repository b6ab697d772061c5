#include "mpenc/codec/greeting_rules.h"

#include <string>

namespace mpenc::codec::detail {

namespace {
DecodeError ruleError(DecodeErrc code, RecordType t, std::size_t offset, std::string detail) {
  return DecodeError{code, static_cast<std::uint16_t>(t), offset, std::move(detail)};
}
}  // namespace

std::optional<DecodeError> checkGreeting(const GreetingPacket& p, const GreetingOffsets& at) {
  const GreetType gt = p.greetType;
  if (p.members.empty())
    return ruleError(DecodeErrc::MissingRecord, RecordType::Member, at.members, "no MEMBER");
  if (gt.isAbort()) {  // extension "greet-abort-1": MEMBER*, ABORT_PI, ABORT_REASON only
    if (!p.abortPi || !p.abortReason)
      return ruleError(DecodeErrc::MissingRecord, RecordType::AbortPi, at.prevPf, "abort without ABORT_PI");
    if (*p.abortReason > kMaxAbortReason)
      return ruleError(DecodeErrc::BadValue, RecordType::AbortReason, at.prevPf, "abort reason out of range");
    if (!p.dest.empty())
      return ruleError(DecodeErrc::BadValue, RecordType::Dest, at.members, "an abort is a broadcast");
    if (!p.intKeys.empty() || !p.nonces.empty() || !p.pubKeys.empty() || p.prevPf || p.chainHash ||
        !p.latestPm.empty() || p.sessionSignature)
      return ruleError(DecodeErrc::UnexpectedRecord, RecordType::AbortPi, at.prevPf,
                       "an abort carries MEMBER, ABORT_PI and ABORT_REASON only");
    return std::nullopt;
  }
  if (p.abortPi || p.abortReason)
    return ruleError(DecodeErrc::UnexpectedRecord, RecordType::AbortPi, at.prevPf,
                     "ABORT_PI/ABORT_REASON only in ABORT_AUX_DOWN");
  for (const auto& k : p.intKeys) {
    if (!k.empty() && k.size() != kKeySize) {
      return ruleError(DecodeErrc::BadLength, RecordType::IntKey, at.intKeys,
                       "INT_KEY must be empty or 32 bytes");
    }
  }
  if (!gt.gka() && !p.intKeys.empty()) {
    return ruleError(DecodeErrc::UnexpectedRecord, RecordType::IntKey, at.intKeys,
                     "INT_KEY in a greeting type without GKA");
  }
  if (!gt.ske()) {
    if (!p.nonces.empty()) {
      return ruleError(DecodeErrc::UnexpectedRecord, RecordType::Nonce, at.nonces,
                       "NONCE in a greeting type without SKE");
    }
    if (!p.pubKeys.empty()) {
      return ruleError(DecodeErrc::UnexpectedRecord, RecordType::PubKey, at.pubKeys,
                       "PUB_KEY in a greeting type without SKE");
    }
  }
  if (p.sessionSignature && (!gt.ske() || !gt.down())) {
    return ruleError(DecodeErrc::UnexpectedRecord, RecordType::SessionSignature, at.sessionSignature,
                     "SESSION_SIGNATURE only in SKE downflow greetings");
  }
  if (p.prevPf.has_value() != p.chainHash.has_value()) {
    return ruleError(DecodeErrc::MissingRecord, p.prevPf ? RecordType::ChainHash : RecordType::PrevPf,
                     at.prevPf, "PREV_PF and CHAIN_HASH come together");
  }
  if (!p.prevPf && !p.latestPm.empty()) {
    return ruleError(DecodeErrc::MissingRecord, RecordType::PrevPf, at.prevPf, "LATEST_PM without PREV_PF");
  }
  if (!gt.init() && p.prevPf) {
    return ruleError(DecodeErrc::UnexpectedRecord, RecordType::PrevPf, at.prevPf,
                     "PREV_PF only in initial (INIT) greetings");
  }
  if (p.nonces.size() != p.pubKeys.size()) {
    return ruleError(
        DecodeErrc::InconsistentCounts, RecordType::PubKey, at.pubKeys,
        std::to_string(p.nonces.size()) + " NONCE but " + std::to_string(p.pubKeys.size()) + " PUB_KEY");
  }
  if (p.intKeys.size() > p.members.size()) {
    return ruleError(
        DecodeErrc::InconsistentCounts, RecordType::IntKey, at.intKeys,
        std::to_string(p.intKeys.size()) + " INT_KEY for " + std::to_string(p.members.size()) + " MEMBER");
  }
  if (p.nonces.size() > p.members.size()) {
    return ruleError(
        DecodeErrc::InconsistentCounts, RecordType::Nonce, at.nonces,
        std::to_string(p.nonces.size()) + " NONCE for " + std::to_string(p.members.size()) + " MEMBER");
  }
  return std::nullopt;
}

}  // namespace mpenc::codec::detail
