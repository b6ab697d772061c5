#include "capture_util.h"

#include <array>
#include <stdexcept>

#include "vectors.h"

namespace mpenc::testcap {

nlohmann::json loadVectors(const char* fileName) {
  auto dir = testsupport::vectorsDir();
  if (!dir) throw std::runtime_error("vectors directory not found");
  return nlohmann::json::parse(testsupport::readFile(*dir / fileName));
}

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
int b64Value(char c) {
  for (int i = 0; i < 64; ++i) {
    if (kAlphabet[i] == c) return i;
  }
  return -1;
}
}  // namespace

Bytes b64(std::string_view text) {
  if (text.size() % 4 != 0) throw std::invalid_argument("base64: length");
  Bytes out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    std::array<int, 4> v{};
    int pad = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const char c = text[i + j];
      if (c == '=' && i + 4 == text.size() && j >= 2) {
        v[j] = 0;
        ++pad;
        continue;
      }
      if (pad != 0) throw std::invalid_argument("base64: data after padding");
      v[j] = b64Value(c);
      if (v[j] < 0) throw std::invalid_argument("base64: bad character");
    }
    const unsigned n = (static_cast<unsigned>(v[0]) << 18) | (static_cast<unsigned>(v[1]) << 12) |
                       (static_cast<unsigned>(v[2]) << 6) | static_cast<unsigned>(v[3]);
    out.push_back(static_cast<std::uint8_t>(n >> 16));
    if (pad < 2) out.push_back(static_cast<std::uint8_t>(n >> 8));
    if (pad < 1) out.push_back(static_cast<std::uint8_t>(n));
  }
  return out;
}

std::string toB64(ByteView b) {
  std::string out;
  for (std::size_t i = 0; i < b.size(); i += 3) {
    unsigned n = static_cast<unsigned>(b[i]) << 16;
    if (i + 1 < b.size()) n |= static_cast<unsigned>(b[i + 1]) << 8;
    if (i + 2 < b.size()) n |= b[i + 2];
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(i + 1 < b.size() ? kAlphabet[(n >> 6) & 63] : '=');
    out.push_back(i + 2 < b.size() ? kAlphabet[n & 63] : '=');
  }
  return out;
}

Bytes hexBytes(std::string_view hex) {
  auto b = fromHex(hex);
  if (!b) throw std::invalid_argument("bad hex");
  return *b;
}

}  // namespace mpenc::testcap
