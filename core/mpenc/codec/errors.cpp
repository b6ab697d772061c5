#include "mpenc/codec/errors.h"

#include "mpenc/codec/records.h"

namespace mpenc::codec {

std::string_view errcName(DecodeErrc e) noexcept {
  switch (e) {
    case DecodeErrc::Empty:
      return "Empty";
    case DecodeErrc::NotMpenc:
      return "NotMpenc";
    case DecodeErrc::BadFraming:
      return "BadFraming";
    case DecodeErrc::BadBase64:
      return "BadBase64";
    case DecodeErrc::TooLarge:
      return "TooLarge";
    case DecodeErrc::TruncatedHeader:
      return "TruncatedHeader";
    case DecodeErrc::TruncatedValue:
      return "TruncatedValue";
    case DecodeErrc::UnknownRecord:
      return "UnknownRecord";
    case DecodeErrc::UnexpectedRecord:
      return "UnexpectedRecord";
    case DecodeErrc::MissingRecord:
      return "MissingRecord";
    case DecodeErrc::DuplicateRecord:
      return "DuplicateRecord";
    case DecodeErrc::BadLength:
      return "BadLength";
    case DecodeErrc::BadValue:
      return "BadValue";
    case DecodeErrc::BadVersion:
      return "BadVersion";
    case DecodeErrc::UnknownMessageType:
      return "UnknownMessageType";
    case DecodeErrc::BadGreetType:
      return "BadGreetType";
    case DecodeErrc::ObsoleteGreetType:
      return "ObsoleteGreetType";
    case DecodeErrc::InconsistentCounts:
      return "InconsistentCounts";
    case DecodeErrc::TrailingBytes:
      return "TrailingBytes";
    case DecodeErrc::BadPadding:
      return "BadPadding";
    case DecodeErrc::BadBody:
      return "BadBody";
  }
  return "Unknown";
}

std::string DecodeError::describe() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(errcName(code));
  out += ":";
  if (record != 0) {
    out += " record ";
    out += recordTypeName(record);
    out += " (0x";
    for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(record >> shift) & 0x0f]);
    out += ")";
  }
  out += " at offset ";
  out += std::to_string(offset);
  if (!detail.empty()) {
    out += ": ";
    out += detail;
  }
  return out;
}

}  // namespace mpenc::codec
