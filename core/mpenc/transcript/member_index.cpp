#include "mpenc/transcript/member_index.h"

#include <bit>
#include <stdexcept>

namespace mpenc::transcript {

MemberIndex::MemberIndex(std::vector<std::string> members) : names_(std::move(members)) {
  if (names_.size() > kMaxMembers) throw std::invalid_argument("MemberIndex: too many members");
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (!index_.emplace(names_[i], static_cast<MemberIdx>(i)).second)
      throw std::invalid_argument("MemberIndex: duplicate member ID");
  }
}

std::optional<MemberIdx> MemberIndex::find(std::string_view member) const {
  auto it = index_.find(member);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::size_t MemberIndex::memoryBytes() const {
  std::size_t n = names_.capacity() * sizeof(std::string);
  for (const auto& s : names_) n += 2 * s.capacity();  // name + map key copy
  n += index_.size() * (sizeof(std::string) + 48);     // map node overhead (approx.)
  return n;
}

namespace bits {
std::vector<MemberIdx> members(std::span<const std::uint64_t> w) {
  std::vector<MemberIdx> out;
  for (std::size_t k = 0; k < w.size(); ++k) {
    std::uint64_t x = w[k];
    while (x != 0) {
      const int b = std::countr_zero(x);
      out.push_back(static_cast<MemberIdx>(k * 64 + static_cast<std::size_t>(b)));
      x &= x - 1;
    }
  }
  return out;
}
}  // namespace bits

}  // namespace mpenc::transcript
