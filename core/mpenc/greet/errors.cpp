#include "mpenc/greet/errors.h"

#include <variant>

namespace mpenc::greet {

std::string_view errcName(GreetErrc e) noexcept {
  switch (e) {
    case GreetErrc::IncludeAndExclude:
      return "IncludeAndExclude";
    case GreetErrc::SelfExclusion:
      return "SelfExclusion";
    case GreetErrc::NoChange:
      return "NoChange";
    case GreetErrc::SelfNotInTarget:
      return "SelfNotInTarget";
    case GreetErrc::DuplicateMember:
      return "DuplicateMember";
    case GreetErrc::BadState:
      return "BadState";
    case GreetErrc::AbortUnsupported:
      return "AbortUnsupported";
    case GreetErrc::Malformed:
      return "Malformed";
    case GreetErrc::SenderMismatch:
      return "SenderMismatch";
    case GreetErrc::BadLayout:
      return "BadLayout";
    case GreetErrc::UnknownSigningKey:
      return "UnknownSigningKey";
    case GreetErrc::BadMessageSignature:
      return "BadMessageSignature";
    case GreetErrc::UnknownStaticKey:
      return "UnknownStaticKey";
    case GreetErrc::BadSessionSignature:
      return "BadSessionSignature";
    case GreetErrc::KeyMismatch:
      return "KeyMismatch";
    case GreetErrc::SessionMismatch:
      return "SessionMismatch";
    case GreetErrc::LowOrderPoint:
      return "LowOrderPoint";
    case GreetErrc::BadIntKey:
      return "BadIntKey";
    case GreetErrc::NotForThisOperation:
      return "NotForThisOperation";
    case GreetErrc::Forged:
      return "Forged";
    case GreetErrc::WrongOperation:
      return "WrongOperation";
  }
  return "Unknown";
}

std::string GreetError::describe() const {
  std::string out(errcName(code));
  if (!detail.empty()) {
    out += ": ";
    out += detail;
  }
  return out;
}

Expected<codec::GreetingPacket, GreetError> decodeGreetingWire(std::string_view wire) {
  auto pk = codec::decodeWire(wire);
  if (!pk) return fail(greetError(GreetErrc::Malformed, pk.error().describe()));
  if (!std::holds_alternative<codec::GreetingPacket>(*pk))
    return fail(greetError(GreetErrc::Malformed, "not a greeting packet"));
  return std::get<codec::GreetingPacket>(std::move(*pk));
}

}  // namespace mpenc::greet
