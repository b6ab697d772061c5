// Data-message plaintext (protocol-wire.md §5.2, §5.3):
//   T = MESSAGE_PARENT(20-byte id)* ‖ MESSAGE_BODY(type byte ‖ UTF-8 JSON array)
//   padded = uint16-be(len T) ‖ T ‖ zeros, to 128·2^ceil(log2(ceil((len T + 2)/128))) bytes.
#pragma once

#include <string>
#include <vector>

#include "mpenc/codec/errors.h"
#include "mpenc/codec/packets.h"
#include "mpenc/common/bytes.h"
#include "mpenc/common/expected.h"

namespace mpenc::codec {

enum class BodyType : std::uint8_t {
  Payload = 0x00,
  ExplicitAck = 0x01,
  HeartBeat = 0x02,
  Consistency = 0x03,
  /// Extension `chain-ack-1` (docs/protocol.md §9.2, rule H-13): sent only when
  /// every member advertises it; a v1 peer rejects this type byte.
  ChainAck = 0x04
};

/// One data-message body. `content` is used by Payload (the user's UTF-8 text);
/// `flag` is ExplicitAck.manual or Consistency.close; HeartBeat has no fields;
/// `chainPacketId`/`chainHash` are ChainAck's (last accepted packet ID, chain
/// hash after it) and stay zero for every other type.
struct Body {
  BodyType type = BodyType::Payload;
  std::string content;
  bool flag = false;
  Hash32 chainPacketId{};
  Hash32 chainHash{};

  static Body payload(std::string text) { return {BodyType::Payload, std::move(text), false}; }
  static Body explicitAck(bool manual) { return {BodyType::ExplicitAck, {}, manual}; }
  static Body heartBeat() { return {BodyType::HeartBeat, {}, false}; }
  static Body consistency(bool close) { return {BodyType::Consistency, {}, close}; }
  static Body chainAck(const Hash32& packetId, const Hash32& hash) {
    return {BodyType::ChainAck, {}, false, packetId, hash};
  }
  bool isFin() const noexcept { return type == BodyType::Consistency && flag; }

  friend bool operator==(const Body&, const Body&) = default;
};

/// Body → type byte ‖ JSON, JSON written exactly as JavaScript's JSON.stringify
/// would (no spaces; non-ASCII as raw UTF-8; \" \\ \b \f \n \r \t and \u00XX
/// for other control characters). Throws std::invalid_argument if `content`
/// is not valid UTF-8. ChainAck: `["<base64 packet ID>","<base64 chain hash>"]`
/// (standard base64 with padding, 44 characters each).
Bytes encodeBody(const Body& b);
/// Strict: known type byte, a JSON array with exactly the fields of that type.
/// The v1 types accept any JSON that JSON.parse would (whitespace, escapes);
/// ChainAck accepts only its exact encoding (two canonical base64 strings of
/// 32 bytes each, no whitespace, no escapes): one value, one byte string.
Expected<Body, DecodeError> decodeBody(ByteView bytes);

struct Plaintext {
  std::vector<MessageId> parents;  ///< in wire order (any order accepted)
  Body body;
  friend bool operator==(const Plaintext&, const Plaintext&) = default;
};

/// Records T (MESSAGE_PARENT* ‖ MESSAGE_BODY), unpadded.
Bytes encodePlaintextRecords(const Plaintext& p);
Expected<Plaintext, DecodeError> decodePlaintextRecords(ByteView t);

/// The padded plaintext travels in MESSAGE_PAYLOAD, whose TLV length is 16
/// bits, and is a power of two: at most 32 KiB. So the records T are at most
/// kMaxPaddedSize - 2 bytes, and a message text of kMaxTextBytes UTF-8 bytes
/// that needs no JSON escaping fits with up to kMaxTextParents parents
/// (tests/unit/codec_plaintext_test.cpp). The composer's limit
/// (present::RoomStatus::maxMessageBytes) is this number.
inline constexpr std::size_t kMaxPaddedSize = 32768;
inline constexpr std::size_t kMaxTextBytes = std::size_t{30} * 1024;
inline constexpr std::size_t kMaxTextParents = 64;

/// Padded size for a record blob of length n (n must be < 0xffff).
std::size_t paddedSize(std::size_t n) noexcept;
/// Throws std::length_error if t.size() >= 0xffff (too large for v1).
Bytes pad(ByteView t);
/// Strict: length prefix within bounds, total size exactly paddedSize(len), zero fill.
Expected<Bytes, DecodeError> unpad(ByteView padded);

}  // namespace mpenc::codec
