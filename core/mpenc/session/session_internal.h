// Internals shared by session.cpp and session_actions.cpp.
#pragma once

#include "mpenc/session/session.h"

namespace mpenc::session::session_detail {

inline bool terminal(SubsessionState s) {
  return s == SubsessionState::Parted || s == SubsessionState::PartFailed || s == SubsessionState::Failed;
}

inline SessionError sendError(const SendError& e) {
  if (e.code == SendErrc::Stopped) return {SessionErrc::Stopped, e.detail, std::nullopt};
  return {SessionErrc::Send, e.detail, std::nullopt};
}

}  // namespace mpenc::session::session_detail
