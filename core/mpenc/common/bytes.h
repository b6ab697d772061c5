// Byte containers and views used across the engine.
// All protocol "strings" (member IDs, bodies) are byte strings (protocol-wire.md §1).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mpenc {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;
template <std::size_t N>
using FixedBytes = std::array<std::uint8_t, N>;

/// View the bytes of a string (no copy).
inline ByteView asBytes(std::string_view s) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};  // NOLINT
}
/// Copy the bytes of a string.
inline Bytes toBytes(std::string_view s) {
  return Bytes(s.begin(), s.end());
}
/// Copy bytes into a std::string (byte-for-byte, no encoding applied).
inline std::string toString(ByteView b) {
  return std::string(b.begin(), b.end());
}

inline void append(Bytes& out, ByteView in) {
  out.insert(out.end(), in.begin(), in.end());
}
inline void append(Bytes& out, std::string_view in) {
  append(out, asBytes(in));
}

/// Lower-case hex.
std::string toHex(ByteView b);
/// Strict hex decode (even length, [0-9a-fA-F] only); nullopt on any error.
std::optional<Bytes> fromHex(std::string_view hex);

/// Copy a view of exactly N bytes into a FixedBytes; nullopt if the size differs.
template <std::size_t N>
std::optional<FixedBytes<N>> toFixed(ByteView b) {
  if (b.size() != N) return std::nullopt;
  FixedBytes<N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = b[i];
  return out;
}

}  // namespace mpenc
