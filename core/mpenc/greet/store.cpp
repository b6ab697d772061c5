#include "mpenc/greet/store.h"

namespace mpenc::greet {

std::optional<std::size_t> PublicGreetState::indexOf(std::string_view member) const {
  for (std::size_t i = 0; i < members.size(); ++i)
    if (members[i] == member) return i;
  return std::nullopt;
}

GreetStore GreetStore::clone() const {
  GreetStore out;
  out.pub = pub;
  out.groupKey = groupKey.clone();
  if (ephemeral) out.ephemeral.emplace(ephemeral->clone());
  out.intKeys = intKeys;
  out.contributions = cloneContributions(contributions);
  return out;
}

}  // namespace mpenc::greet
