#include "mpenc/codec/wire.h"

#include <array>
#include <string>

namespace mpenc::codec {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> makeDecodeTable() {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  return t;
}
constexpr auto kDecodeTable = makeDecodeTable();

DecodeError base64Error(std::size_t offset, std::string detail) {
  return DecodeError{DecodeErrc::BadBase64, 0, offset, std::move(detail)};
}

}  // namespace

std::string base64Encode(ByteView data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  // Whole quanta written in place (issue 12: no per-character capacity checks).
  out.resize(data.size() / 3 * 4);
  for (std::size_t o = 0; i + 3 <= data.size(); i += 3, o += 4) {
    const std::uint32_t v = (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) | data[i + 2];
    out[o] = kAlphabet[(v >> 18) & 0x3f];
    out[o + 1] = kAlphabet[(v >> 12) & 0x3f];
    out[o + 2] = kAlphabet[(v >> 6) & 0x3f];
    out[o + 3] = kAlphabet[v & 0x3f];
  }
  const std::size_t rest = data.size() - i;
  if (rest == 1) {
    const std::uint32_t v = std::uint32_t{data[i]} << 16;
    out.push_back(kAlphabet[(v >> 18) & 0x3f]);
    out.push_back(kAlphabet[(v >> 12) & 0x3f]);
    out += "==";
  } else if (rest == 2) {
    const std::uint32_t v = (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8);
    out.push_back(kAlphabet[(v >> 18) & 0x3f]);
    out.push_back(kAlphabet[(v >> 12) & 0x3f]);
    out.push_back(kAlphabet[(v >> 6) & 0x3f]);
    out.push_back('=');
  }
  return out;
}

Expected<Bytes, DecodeError> base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return fail(
        base64Error(text.size(), "length " + std::to_string(text.size()) + " is not a multiple of 4"));
  }
  Bytes out;
  out.reserve(text.size() / 4 * 3);
  std::size_t i = 0;
  // Fast path: every quantum but the last has no padding, so four table
  // lookups whose OR tells whether any character is outside the alphabet.
  if (text.size() > 4) {
    const std::size_t whole = text.size() / 4 - 1;
    out.resize(whole * 3);
    std::size_t o = 0;
    for (; i < whole * 4; i += 4, o += 3) {
      const std::int8_t a = kDecodeTable[static_cast<unsigned char>(text[i])];
      const std::int8_t b = kDecodeTable[static_cast<unsigned char>(text[i + 1])];
      const std::int8_t c = kDecodeTable[static_cast<unsigned char>(text[i + 2])];
      const std::int8_t d = kDecodeTable[static_cast<unsigned char>(text[i + 3])];
      if ((a | b | c | d) < 0) break;  // the exact error from the general loop below
      const std::uint32_t v = (static_cast<std::uint32_t>(a) << 18) | (static_cast<std::uint32_t>(b) << 12) |
                              (static_cast<std::uint32_t>(c) << 6) | static_cast<std::uint32_t>(d);
      out[o] = static_cast<std::uint8_t>(v >> 16);
      out[o + 1] = static_cast<std::uint8_t>((v >> 8) & 0xff);
      out[o + 2] = static_cast<std::uint8_t>(v & 0xff);
    }
    out.resize(o);
  }
  for (; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    std::uint32_t v = 0;
    std::size_t pads = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const auto c = static_cast<unsigned char>(text[i + j]);
      if (c == '=') {
        // Padding only in the last quantum, only in its last two places, and
        // nothing but padding after it.
        if (!last || j < 2) return fail(base64Error(i + j, "misplaced '='"));
        ++pads;
        v <<= 6;
        continue;
      }
      if (pads != 0) return fail(base64Error(i + j, "data after '='"));
      const std::int8_t d = kDecodeTable[c];
      if (d < 0) return fail(base64Error(i + j, "character outside the base64 alphabet"));
      v = (v << 6) | static_cast<std::uint32_t>(d);
    }
    // Canonical form: the bits dropped by the padding must be zero.
    if ((pads == 1 && (v & 0xff) != 0) || (pads == 2 && (v & 0xffff) != 0)) {
      return fail(base64Error(i + 3 - pads, "non-zero bits under the padding (non-canonical)"));
    }
    out.push_back(static_cast<std::uint8_t>(v >> 16));
    if (pads < 2) out.push_back(static_cast<std::uint8_t>((v >> 8) & 0xff));
    if (pads < 1) out.push_back(static_cast<std::uint8_t>(v & 0xff));
  }
  return out;
}

bool hasWirePrefix(std::string_view text) noexcept {
  return text.substr(0, kWirePrefix.size()) == kWirePrefix;
}

std::string frame(ByteView tlv) {
  std::string out;
  out.reserve(kWirePrefix.size() + 2 + (tlv.size() + 2) / 3 * 4);
  out += kWirePrefix;
  out += ':';
  out += base64Encode(tlv);
  out += '.';
  return out;
}

Expected<Bytes, DecodeError> unframe(std::string_view wire) {
  if (wire.empty()) return fail(DecodeError{DecodeErrc::Empty, 0, 0, "empty input"});
  if (!hasWirePrefix(wire)) return fail(DecodeError{DecodeErrc::NotMpenc, 0, 0, "no ?mpENC prefix"});
  if (wire.size() > kMaxWireSize) {
    return fail(DecodeError{DecodeErrc::TooLarge, 0, kMaxWireSize,
                            std::to_string(wire.size()) + " bytes exceed the wire size limit"});
  }
  const std::size_t colon = kWirePrefix.size();
  if (wire.size() <= colon || wire[colon] != ':') {
    return fail(DecodeError{DecodeErrc::BadFraming, 0, colon, "expected ':' after ?mpENC"});
  }
  if (wire.size() < colon + 2 || wire.back() != '.') {
    return fail(DecodeError{DecodeErrc::BadFraming, 0, wire.size(), "expected '.' at the end"});
  }
  const std::size_t start = colon + 1;
  const std::string_view body = wire.substr(start, wire.size() - start - 1);
  if (body.empty()) return fail(DecodeError{DecodeErrc::Empty, 0, start, "empty packet in frame"});
  auto bytes = base64Decode(body);
  if (!bytes) {
    DecodeError e = bytes.error();
    e.offset += start;
    return fail(std::move(e));
  }
  return bytes;
}

}  // namespace mpenc::codec
