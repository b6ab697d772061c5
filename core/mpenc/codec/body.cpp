// Data-message bodies (protocol-wire.md §5.3): one type byte ‖ UTF-8 JSON array.
// The JSON writer reproduces JavaScript's JSON.stringify for the v1 body shapes;
// the reader accepts exactly what JSON.parse would for them (standard JSON
// whitespace and escapes, \uXXXX surrogate pairs) and rejects everything else.
// The ChainAck extension body (docs/protocol.md §9.2) is stricter: only its
// exact encoding is accepted.
#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "mpenc/codec/plaintext.h"
#include "mpenc/codec/utf8.h"
#include "mpenc/codec/wire.h"

namespace mpenc::codec {

namespace {

constexpr auto kBodyRecord = static_cast<std::uint16_t>(RecordType::MessageBody);

DecodeError bodyError(std::size_t offset, std::string detail) {
  return DecodeError{DecodeErrc::BadBody, kBodyRecord, offset, std::move(detail)};
}

/// Length of the prefix of `s` that a JSON string holds verbatim: no control
/// character, quote or backslash. `alsoAscii` stops at non-ASCII bytes too.
/// Eight bytes per step (SWAR; issue 12: long bodies).
std::size_t plainPrefix(std::string_view s, bool alsoAscii) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto hasZero = [&](std::uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
  auto hasLess = [&](std::uint64_t v, std::uint64_t n) { return ((v - kOnes * n) & ~v & kHigh) != 0; };
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, s.data() + i, 8);
    if (hasLess(w, 0x20) || hasZero(w ^ (kOnes * '"')) || hasZero(w ^ (kOnes * '\\')) ||
        (alsoAscii && (w & kHigh) != 0))
      break;
  }
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\' || (alsoAscii && c >= 0x80)) break;
  }
  return i;
}

void writeJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  out.reserve(out.size() + s.size() + 1);
  // Runs that need no escaping are appended whole (issue 12: the per-char
  // loop was a fifth of a 1 KiB send).
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t j = i + plainPrefix(s.substr(i), false);
    out.append(s.data() + i, j - i);
    if (j == s.size()) break;
    i = j + 1;
    const auto c = static_cast<unsigned char>(s[j]);  // a quote, a backslash or a control character
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:  // the other control characters
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0x0f]);
    }
  }
  out.push_back('"');
}

/// One JSON value of the kinds v1 bodies use.
struct JsonValue {
  enum class Kind { String, Bool } kind = Kind::String;
  std::string str;
  bool flag = false;
};

/// Strict reader for a JSON array of strings and booleans (RFC 8259 grammar
/// restricted to those values). Offsets are relative to `s`; `base` is added.
class JsonArrayReader {
 public:
  JsonArrayReader(std::string_view s, std::size_t base) : s_(s), base_(base) {}

  Expected<std::vector<JsonValue>, DecodeError> parse() {
    std::vector<JsonValue> out;
    skipWs();
    if (!eat('[')) return err("expected '['");
    skipWs();
    if (eat(']')) return finish(std::move(out));
    for (;;) {
      skipWs();
      auto v = value();
      if (!v) return fail(v.error());
      out.push_back(std::move(*v));
      skipWs();
      if (eat(']')) return finish(std::move(out));
      if (!eat(',')) return err("expected ',' or ']'");
    }
  }

 private:
  Expected<std::vector<JsonValue>, DecodeError> finish(std::vector<JsonValue> out) {
    skipWs();
    if (i_ != s_.size()) return err("trailing bytes after the JSON array");
    return out;
  }
  Unexpected<DecodeError> err(std::string detail) const {
    return fail(bodyError(base_ + i_, std::move(detail)));
  }
  void skipWs() noexcept {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  bool eat(char c) noexcept {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool eatWord(std::string_view w) noexcept {
    if (s_.substr(i_, w.size()) == w) {
      i_ += w.size();
      return true;
    }
    return false;
  }

  Expected<JsonValue, DecodeError> value() {
    if (eatWord("true")) return JsonValue{JsonValue::Kind::Bool, {}, true};
    if (eatWord("false")) return JsonValue{JsonValue::Kind::Bool, {}, false};
    if (i_ < s_.size() && s_[i_] == '"') {
      auto str = string();
      if (!str) return fail(str.error());
      return JsonValue{JsonValue::Kind::String, std::move(*str), false};
    }
    return err("expected a string or a boolean");
  }

  std::optional<std::uint32_t> hex4() noexcept {
    if (s_.size() - i_ < 4) return std::nullopt;
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = s_[i_ + k];
      std::uint32_t d = 0;
      if (c >= '0' && c <= '9') {
        d = static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        d = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        d = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return std::nullopt;
      }
      v = (v << 4) | d;
    }
    i_ += 4;
    return v;
  }

  Expected<std::string, DecodeError> string() {
    ++i_;  // opening quote
    std::string out;
    while (i_ < s_.size()) {
      // A run of plain printable ASCII is taken whole (issue 12: long bodies).
      const std::size_t j = i_ + plainPrefix(s_.substr(i_), true);
      out.append(s_.substr(i_, j - i_));
      i_ = j;
      if (i_ >= s_.size()) break;
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return out;
      }
      if (c < 0x20) return err("raw control character in a string");
      if (c >= 0x80) {
        const std::size_t n = utf8SequenceLength(s_.substr(i_));
        if (n == 0) return err("invalid UTF-8");
        out.append(s_.substr(i_, n));
        i_ += n;
        continue;
      }
      ++i_;
      if (c != '\\') {
        out.push_back(static_cast<char>(c));
        continue;
      }
      if (i_ >= s_.size()) break;
      const char e = s_[i_++];
      switch (e) {
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case '/':
          out.push_back('/');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          auto cu = hex4();
          if (!cu) return err("bad \\u escape");
          std::uint32_t cp = *cu;
          if (cp >= 0xdc00 && cp <= 0xdfff) return err("lone low surrogate");
          if (cp >= 0xd800 && cp <= 0xdbff) {
            if (!eatWord("\\u")) return err("lone high surrogate");
            auto lo = hex4();
            if (!lo) return err("bad \\u escape");
            if (*lo < 0xdc00 || *lo > 0xdfff) return err("high surrogate not followed by a low surrogate");
            cp = 0x10000 + ((cp - 0xd800) << 10) + (*lo - 0xdc00);
          }
          appendUtf8(out, cp);
          break;
        }
        default:
          return err("unknown escape");
      }
    }
    return err("unterminated string");
  }

  std::string_view s_;
  std::size_t base_;
  std::size_t i_ = 0;
};

std::string_view bodyTypeName(BodyType t) {
  switch (t) {
    case BodyType::Payload:
      return "Payload";
    case BodyType::ExplicitAck:
      return "ExplicitAck";
    case BodyType::HeartBeat:
      return "HeartBeat";
    case BodyType::Consistency:
      return "Consistency";
    case BodyType::ChainAck:
      return "ChainAck";
  }
  return "?";
}

std::size_t fieldCount(BodyType t) {
  switch (t) {
    case BodyType::HeartBeat:
      return 0;
    case BodyType::ChainAck:
      return 2;
    case BodyType::Payload:
    case BodyType::ExplicitAck:
    case BodyType::Consistency:
      break;
  }
  return 1;
}

void writeChainAckJson(std::string& json, const Body& b) {
  json.push_back('[');
  writeJsonString(json, base64Encode(b.chainPacketId));
  json.push_back(',');
  writeJsonString(json, base64Encode(b.chainHash));
  json.push_back(']');
}

/// ChainAck fields: two strings, each canonical base64 of exactly 32 bytes.
Expected<Body, DecodeError> chainAckFromFields(const std::vector<JsonValue>& fields) {
  static constexpr std::string_view kNames[] = {"packet ID", "chain hash"};
  Body b;
  b.type = BodyType::ChainAck;
  Hash32* const out[] = {&b.chainPacketId, &b.chainHash};
  for (std::size_t k = 0; k < 2; ++k) {
    const std::string what = "ChainAck " + std::string(kNames[k]);
    if (fields[k].kind != JsonValue::Kind::String) return fail(bodyError(1, what + " is not a string"));
    auto raw = base64Decode(fields[k].str);
    if (!raw) return fail(bodyError(1, what + " is not canonical base64: " + raw.error().detail));
    auto fixed = toFixed<kHashSize>(*raw);
    if (!fixed) {
      return fail(bodyError(
          1, what + " is " + std::to_string(raw->size()) + " bytes, want " + std::to_string(kHashSize)));
    }
    *out[k] = *fixed;
  }
  return b;
}

}  // namespace

Bytes encodeBody(const Body& b) {
  std::string json;
  switch (b.type) {
    case BodyType::Payload:
      if (!isValidUtf8(b.content)) throw std::invalid_argument("Payload content is not valid UTF-8");
      // append() rather than operator= on the empty string: GCC 12 at -O3
      // reports a false -Wrestrict on the assignment (GCC bug 105329).
      json.push_back('[');
      writeJsonString(json, b.content);
      json += "]";
      break;
    case BodyType::ExplicitAck:
    case BodyType::Consistency:
      json.append(b.flag ? "[true]" : "[false]");
      break;
    case BodyType::HeartBeat:
      json.append("[]");
      break;
    case BodyType::ChainAck:
      writeChainAckJson(json, b);
      break;
    default:
      throw std::invalid_argument("unknown body type");
  }
  Bytes out;
  out.reserve(1 + json.size());
  out.push_back(static_cast<std::uint8_t>(b.type));
  append(out, json);
  return out;
}

Expected<Body, DecodeError> decodeBody(ByteView bytes) {
  if (bytes.empty()) return fail(bodyError(0, "empty body"));
  if (bytes[0] > static_cast<std::uint8_t>(BodyType::ChainAck)) {
    return fail(bodyError(0, "unknown body type " + std::to_string(bytes[0])));
  }
  const auto type = static_cast<BodyType>(bytes[0]);
  const ByteView json = bytes.subspan(1);
  const std::string_view text(reinterpret_cast<const char*>(json.data()), json.size());  // NOLINT
  auto fields = JsonArrayReader(text, 1).parse();
  if (!fields) return fail(fields.error());

  const std::size_t want = fieldCount(type);
  if (fields->size() != want) {
    return fail(bodyError(1, std::string(bodyTypeName(type)) + " takes " + std::to_string(want) +
                                 " field(s), got " + std::to_string(fields->size())));
  }
  if (type == BodyType::ChainAck) {
    auto b = chainAckFromFields(*fields);
    if (!b) return b;
    // One value, one byte string: no JSON whitespace, no escapes (§9.2).
    std::string canonical;
    writeChainAckJson(canonical, *b);
    if (text != canonical) {
      const auto diff = std::mismatch(text.begin(), text.end(), canonical.begin(), canonical.end());
      return fail(bodyError(1 + static_cast<std::size_t>(diff.first - text.begin()),
                            "ChainAck is not in its exact encoding (whitespace or escapes)"));
    }
    return b;
  }
  Body b;
  b.type = type;
  if (want == 0) return b;
  const JsonValue& f = fields->front();
  const auto wantKind = type == BodyType::Payload ? JsonValue::Kind::String : JsonValue::Kind::Bool;
  if (f.kind != wantKind) {
    return fail(bodyError(1, std::string(bodyTypeName(type)) + " field has the wrong JSON type"));
  }
  if (type == BodyType::Payload) {
    b.content = f.str;
  } else {
    b.flag = f.flag;
  }
  return b;
}

}  // namespace mpenc::codec
