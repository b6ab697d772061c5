// Internal: strict UTF-8 helpers (no overlongs, no surrogates, ≤ U+10FFFF).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mpenc::codec {

/// Length (1-4) of the well-formed UTF-8 sequence at the start of `s`, 0 if
/// it is not well formed (or `s` is empty).
std::size_t utf8SequenceLength(std::string_view s) noexcept;
/// True if all of `s` is well-formed UTF-8.
bool isValidUtf8(std::string_view s) noexcept;
/// Append the UTF-8 encoding of a Unicode scalar value (cp ≤ 0x10ffff, not a surrogate).
void appendUtf8(std::string& out, std::uint32_t cp);

}  // namespace mpenc::codec
