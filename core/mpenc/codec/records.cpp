#include "mpenc/codec/records.h"

namespace mpenc::codec {

bool isKnownRecordType(std::uint16_t code) noexcept {
  return recordTypeName(code) != "UNKNOWN";
}

std::string_view recordTypeName(std::uint16_t code) noexcept {
  switch (static_cast<RecordType>(code)) {
    case RecordType::ProtocolVersion:
      return "PROTOCOL_VERSION";
    case RecordType::MessageType:
      return "MESSAGE_TYPE";
    case RecordType::MessageSignature:
      return "MESSAGE_SIGNATURE";
    case RecordType::MessagePayload:
      return "MESSAGE_PAYLOAD";
    case RecordType::MessageIv:
      return "MESSAGE_IV";
    case RecordType::SidkeyHint:
      return "SIDKEY_HINT";
    case RecordType::MessageParent:
      return "MESSAGE_PARENT";
    case RecordType::MessageBody:
      return "MESSAGE_BODY";
    case RecordType::Source:
      return "SOURCE";
    case RecordType::Dest:
      return "DEST";
    case RecordType::Member:
      return "MEMBER";
    case RecordType::IntKey:
      return "INT_KEY";
    case RecordType::Nonce:
      return "NONCE";
    case RecordType::PubKey:
      return "PUB_KEY";
    case RecordType::SessionSignature:
      return "SESSION_SIGNATURE";
    case RecordType::SigningKey:
      return "SIGNING_KEY";
    case RecordType::GreetType:
      return "GREET_TYPE";
    case RecordType::Severity:
      return "SEVERITY";
    case RecordType::PrevPf:
      return "PREV_PF";
    case RecordType::ChainHash:
      return "CHAIN_HASH";
    case RecordType::LatestPm:
      return "LATEST_PM";
    case RecordType::AbortPi:
      return "ABORT_PI";
    case RecordType::AbortReason:
      return "ABORT_REASON";
  }
  return "UNKNOWN";
}

}  // namespace mpenc::codec
