// Internals shared by membership.cpp and membership_actions.cpp (not part of
// the engine's interface).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "mpenc/greet/errors.h"
#include "mpenc/greet/greeter.h"
#include "mpenc/session/membership.h"

namespace mpenc::session {

struct MembershipEngine::OwnPending {
  greet::Greeter::Proposal proposal;
  bool automatic = false;
};

namespace membership_detail {

template <class C>
inline bool has(const C& c, const std::string& x) {
  return std::find(c.begin(), c.end(), x) != c.end();
}

inline std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

inline std::vector<std::string> minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const auto& x : a)
    if (!has(b, x)) out.push_back(x);
  return sorted(out);
}

inline ProposeErrc mapGreetErrc(greet::GreetErrc e) {
  switch (e) {
    case greet::GreetErrc::IncludeAndExclude:
      return ProposeErrc::IncludeAndExclude;
    case greet::GreetErrc::SelfExclusion:
    case greet::GreetErrc::SelfNotInTarget:
      return ProposeErrc::SelfExclusion;
    case greet::GreetErrc::NoChange:
      return ProposeErrc::NoChange;
    default:
      return ProposeErrc::Greet;
  }
}

}  // namespace membership_detail

}  // namespace mpenc::session
