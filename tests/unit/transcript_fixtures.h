// Helpers for the transcript tests: readable message IDs and a small builder.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "mpenc/transcript/transcript.h"

namespace mpenc::transcript::testing {

/// A deterministic 20-byte ID from a short name ("a1", "b2", …).
inline MessageId mid(std::string_view name) {
  MessageId id{};
  std::uint64_t h = 1469598103934665603ull;
  for (char c : name) h = (h ^ static_cast<std::uint8_t>(c)) * 1099511628211ull;
  for (std::size_t i = 0; i < id.size(); ++i) {
    id[i] =
        i < name.size() ? static_cast<std::uint8_t>(name[i]) : static_cast<std::uint8_t>(h >> (8 * (i % 8)));
  }
  return id;
}

/// A message whose readers are all `members` except the author (mpENC's rule).
inline Message msgTo(const std::vector<std::string>& members, std::string_view name, std::string author,
                     std::vector<std::string_view> parents, BodyType type = BodyType::Payload) {
  Message m;
  m.id = mid(name);
  for (const auto& x : members)
    if (x != author) m.readers.push_back(x);
  m.author = std::move(author);
  for (auto p : parents) m.parents.push_back(mid(p));
  m.bodyType = type;
  m.bodyTag = std::hash<std::string_view>{}(name);
  return m;
}

inline bool sameIds(std::vector<MessageId> a, std::vector<MessageId> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

}  // namespace mpenc::transcript::testing
