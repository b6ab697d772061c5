// mpENC v1 TLV record types and message types (protocol-wire.md §2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mpenc::codec {

enum class RecordType : std::uint16_t {
  ProtocolVersion = 0x0001,
  MessageType = 0x0002,
  MessageSignature = 0x0003,
  MessagePayload = 0x0010,
  MessageIv = 0x0011,
  SidkeyHint = 0x0012,
  MessageParent = 0x0013,
  MessageBody = 0x0014,
  Source = 0x0100,
  Dest = 0x0101,
  Member = 0x0102,
  IntKey = 0x0103,
  Nonce = 0x0104,
  PubKey = 0x0105,
  SessionSignature = 0x0106,
  SigningKey = 0x0107,
  GreetType = 0x01FF,
  Severity = 0x0201,
  PrevPf = 0x0301,
  ChainHash = 0x0302,
  LatestPm = 0x0303,
  // Extension "greet-abort-1" (docs/extension-abort.md); only in GREET_TYPE ABORT_AUX_DOWN.
  AbortPi = 0x0304,
  AbortReason = 0x0305,
};

/// True for the codes listed in protocol-wire.md §2 (and the abort extension's).
bool isKnownRecordType(std::uint16_t code) noexcept;
/// "MESSAGE_SIGNATURE", … ; "UNKNOWN" for codes not in the table.
std::string_view recordTypeName(std::uint16_t code) noexcept;
inline std::string_view recordTypeName(RecordType t) noexcept {
  return recordTypeName(static_cast<std::uint16_t>(t));
}

/// MESSAGE_TYPE values. Plain (0x00) is internal only and never encoded.
enum class MessageType : std::uint8_t { Plain = 0x00, Query = 0x01, Greet = 0x02, Data = 0x03, Error = 0x04 };

/// ERROR packet SEVERITY values.
enum class Severity : std::uint8_t { Info = 0, Warning = 1, Terminal = 2 };

inline constexpr std::uint8_t kProtocolVersion = 0x01;

// Fixed value sizes.
inline constexpr std::size_t kSignatureSize = 64;
inline constexpr std::size_t kIvSize = 12;
inline constexpr std::size_t kMessageIdSize = 20;
inline constexpr std::size_t kKeySize = 32;
inline constexpr std::size_t kNonceSize = 32;
inline constexpr std::size_t kHashSize = 32;

}  // namespace mpenc::codec
