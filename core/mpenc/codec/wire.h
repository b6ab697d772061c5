// Wire framing: "?mpENC:" + base64(TLV) + "." (protocol-wire.md §1).
#pragma once

#include <string>
#include <string_view>

#include "mpenc/codec/errors.h"
#include "mpenc/common/bytes.h"
#include "mpenc/common/expected.h"

namespace mpenc::codec {

inline constexpr std::string_view kWirePrefix = "?mpENC";
/// Upper bound on a wire string we are willing to decode (well above any
/// legitimate v1 packet; XMPP servers cap stanzas at 256 KiB by default).
inline constexpr std::size_t kMaxWireSize = 1u << 20;

/// Standard base64 with padding.
std::string base64Encode(ByteView data);
/// Strict: standard alphabet, canonical padding, no whitespace, unused bits zero.
Expected<Bytes, DecodeError> base64Decode(std::string_view text);

/// True if the text starts with "?mpENC" (it is meant as a protocol packet;
/// whether it is well formed is decided by unframe()).
bool hasWirePrefix(std::string_view text) noexcept;

/// Frame TLV bytes for the wire.
std::string frame(ByteView tlv);
/// Strip the frame: NotMpenc for plain text, BadFraming/BadBase64/TooLarge/Empty otherwise.
Expected<Bytes, DecodeError> unframe(std::string_view wire);

}  // namespace mpenc::codec
