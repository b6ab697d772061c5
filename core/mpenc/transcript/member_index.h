// Member interning for one subsession: member IDs (byte strings) ↔ small
// integer indices, plus fixed-width member bitsets. Subsession membership is
// fixed (protocol-rules.md §1.2, C-23), so the index never grows after
// construction and every per-message vector has the same width.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mpenc::transcript {

/// Index of a member inside one subsession's MemberIndex.
using MemberIdx = std::uint16_t;

class MemberIndex {
 public:
  /// Largest supported membership (indices are 16-bit).
  static constexpr std::size_t kMaxMembers = 0xFFFF;

  MemberIndex() = default;
  /// Members in the order given. Throws std::invalid_argument on a duplicate ID
  /// or more than kMaxMembers members (a programming error of the caller: the
  /// membership comes from the completed greeting, not from a data packet).
  explicit MemberIndex(std::vector<std::string> members);

  std::optional<MemberIdx> find(std::string_view member) const;
  const std::string& name(MemberIdx i) const { return names_.at(i); }
  const std::vector<std::string>& names() const noexcept { return names_; }
  std::size_t size() const noexcept { return names_.size(); }
  /// 64-bit words in one member bitset.
  std::size_t words() const noexcept { return (names_.size() + 63) / 64; }
  /// Approximate heap bytes owned (for benchmarks).
  std::size_t memoryBytes() const;

 private:
  std::vector<std::string> names_;
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, MemberIdx, NameHash, std::equal_to<>> index_;
};

/// Fixed-width member bitset operations over a span of words (the storage
/// lives in the owner's flat arena).
namespace bits {
inline bool test(std::span<const std::uint64_t> w, MemberIdx i) noexcept {
  return ((w[i / 64u] >> (i % 64u)) & 1u) != 0;
}
inline void set(std::span<std::uint64_t> w, MemberIdx i) noexcept {
  w[i / 64u] |= std::uint64_t{1} << (i % 64u);
}
inline void clear(std::span<std::uint64_t> w, MemberIdx i) noexcept {
  w[i / 64u] &= ~(std::uint64_t{1} << (i % 64u));
}
inline bool none(std::span<const std::uint64_t> w) noexcept {
  for (std::uint64_t x : w)
    if (x != 0) return false;
  return true;
}
/// Indices of the set bits, ascending.
std::vector<MemberIdx> members(std::span<const std::uint64_t> w);
}  // namespace bits

}  // namespace mpenc::transcript
