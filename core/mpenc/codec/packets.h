// Typed mpENC v1 packets with strict encode/decode (protocol-wire.md §2, §4.2, §5.1).
//
// Decoding keeps `signedContent`: the exact bytes after the MESSAGE_SIGNATURE
// record (greeting, error) or from PROTOCOL_VERSION through MESSAGE_PAYLOAD
// (data), as received — signatures and message IDs are computed over these.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "mpenc/codec/errors.h"
#include "mpenc/codec/greet_type.h"
#include "mpenc/codec/records.h"
#include "mpenc/common/bytes.h"
#include "mpenc/common/expected.h"

namespace mpenc::codec {

using Signature = FixedBytes<kSignatureSize>;
using Key32 = FixedBytes<kKeySize>;
using Nonce32 = FixedBytes<kNonceSize>;
using Hash32 = FixedBytes<kHashSize>;
using MessageId = FixedBytes<kMessageIdSize>;
using Iv = FixedBytes<kIvSize>;

/// QUERY: PROTOCOL_VERSION + MESSAGE_TYPE(0x01). Wire: "?mpENC:AAEAAQEAAgABAQ==."
struct QueryPacket {
  friend bool operator==(const QueryPacket&, const QueryPacket&) = default;
};

/// GREET (protocol-wire.md §4.2), strict order:
/// MESSAGE_SIGNATURE, PROTOCOL_VERSION, MESSAGE_TYPE(0x02), GREET_TYPE, SOURCE,
/// DEST, MEMBER*, INT_KEY*, NONCE*, PUB_KEY*, [PREV_PF, CHAIN_HASH, LATEST_PM*],
/// [SESSION_SIGNATURE].
/// Beyond the order, decode (and encode) enforce the consistency the format
/// implies; every packet of the reference captures satisfies it:
///  - ≥ 1 MEMBER; INT_KEY empty or 32 bytes;
///  - GKA clear → no INT_KEY (confirmations); SKE clear → no NONCE, PUB_KEY,
///    SESSION_SIGNATURE (REFRESH); SESSION_SIGNATURE only with SKE and DOWN;
///  - PREV_PF/CHAIN_HASH/LATEST_PM only with INIT; CHAIN_HASH iff PREV_PF;
///    LATEST_PM only with them (an INIT packet may omit all three);
///  - #NONCE == #PUB_KEY; #INT_KEY ≤ #MEMBER; #NONCE ≤ #MEMBER.
/// The abort extension (GREET_TYPE 0x63) has its own layout: see abortPi.
/// Real layouts (5-member capture): 0x9c MEMBER×n INT_KEY×2 NONCE×1 PUB_KEY×1
/// PREV_PF CHAIN_HASH; 0xad MEMBER×n INT_KEY×(n-1) NONCE×k PUB_KEY×k PREV_PF
/// CHAIN_HASH LATEST_PM*; 0x1e/0x2f/0xbf INT_KEY×n NONCE×n PUB_KEY×n + SESSION_SIGNATURE;
/// confirmations 0x1a/0x2b/0x3b NONCE×n PUB_KEY×n SESSION_SIGNATURE (no INT_KEY);
/// 0xc7 INT_KEY×n PREV_PF CHAIN_HASH LATEST_PM* (no NONCE/PUB_KEY/SESSION_SIGNATURE).
inline constexpr std::uint8_t kMaxAbortReason = 2;

struct GreetingPacket {
  Signature signature{};
  GreetType greetType;
  Bytes source;
  Bytes dest;  ///< empty = broadcast
  std::vector<Bytes> members;
  std::vector<Bytes> intKeys;  ///< each empty (none yet) or 32 bytes
  std::vector<Nonce32> nonces;
  std::vector<Key32> pubKeys;
  std::optional<Hash32> prevPf;     ///< initial packets only, with chainHash
  std::optional<Hash32> chainHash;  ///< present iff prevPf is
  std::vector<MessageId> latestPm;  ///< only with prevPf/chainHash
  std::optional<Signature> sessionSignature;
  /// Extension "greet-abort-1" (docs/extension-abort.md): present iff GREET_TYPE is
  /// ABORT_AUX_DOWN, whose layout is MEMBER* then ABORT_PI, ABORT_REASON
  /// (no INT_KEY/NONCE/PUB_KEY/PREV_PF/SESSION_SIGNATURE; DEST empty).
  std::optional<Hash32> abortPi;
  std::optional<std::uint8_t> abortReason;  ///< 0 timeout, 1 local failure, 2 user cancel
  Bytes signedContent;                      ///< filled by decode/encode: bytes after MESSAGE_SIGNATURE

  friend bool operator==(const GreetingPacket&, const GreetingPacket&) = default;
};

/// DATA (protocol-wire.md §5.1): SIDKEY_HINT, MESSAGE_SIGNATURE, PROTOCOL_VERSION,
/// MESSAGE_TYPE(0x03), MESSAGE_IV, MESSAGE_PAYLOAD.
struct DataPacket {
  std::uint8_t sidkeyHint = 0;
  Signature signature{};
  Iv iv{};
  Bytes ciphertext;
  Bytes signedContent;  ///< PROTOCOL_VERSION … MESSAGE_PAYLOAD bytes

  friend bool operator==(const DataPacket&, const DataPacket&) = default;
};

/// ERROR: [MESSAGE_SIGNATURE], PROTOCOL_VERSION, MESSAGE_TYPE(0x04), SOURCE,
/// SEVERITY, MESSAGE_PAYLOAD (UTF-8 text). Signature context "errormsgsig".
struct ErrorPacket {
  std::optional<Signature> signature;
  Bytes source;
  Severity severity = Severity::Info;
  Bytes text;
  Bytes signedContent;  ///< bytes after MESSAGE_SIGNATURE (or all, if unsigned)

  friend bool operator==(const ErrorPacket&, const ErrorPacket&) = default;
};

using Packet = std::variant<QueryPacket, GreetingPacket, DataPacket, ErrorPacket>;

MessageType packetType(const Packet& p) noexcept;

// ---- encoding -------------------------------------------------------------
// encode*Content produce the signed content S (what a signature covers);
// encode* produce the full TLV given the signature already in the struct.
// Sizes are validated; a value that cannot be encoded (e.g. a member ID longer
// than 0xffff bytes, an INT_KEY neither empty nor 32 bytes) throws
// std::invalid_argument — callers construct packets, peers never do.

Bytes encodeQuery();
Bytes encodeGreetingContent(const GreetingPacket& p);
Bytes encodeGreeting(const GreetingPacket& p);
Bytes encodeDataContent(const Iv& iv, ByteView ciphertext);
Bytes encodeData(const DataPacket& p);
Bytes encodeErrorContent(const ErrorPacket& p);
Bytes encodeError(const ErrorPacket& p);
Bytes encodePacket(const Packet& p);

// ---- decoding (strict, total: never crashes on any input) -----------------

/// Dispatches on MESSAGE_TYPE (found after the optional SIDKEY_HINT and
/// MESSAGE_SIGNATURE and PROTOCOL_VERSION), then applies the per-type decoder.
Expected<Packet, DecodeError> decodePacket(ByteView tlv);
Expected<GreetingPacket, DecodeError> decodeGreeting(ByteView tlv);
Expected<DataPacket, DecodeError> decodeData(ByteView tlv);
Expected<ErrorPacket, DecodeError> decodeError(ByteView tlv);

/// Wire string → packet: unframe + decodePacket. NotMpenc for plain text.
/// Error offsets: framing/base64 errors count characters of `wire`; record
/// errors count bytes of the decoded TLV.
Expected<Packet, DecodeError> decodeWire(std::string_view wire);
/// Packet → wire string.
std::string encodeWire(const Packet& p);

}  // namespace mpenc::codec
