#include "sim_channel.h"

#include <algorithm>

namespace mpenc::testing {

using session::ChannelEvent;

void SimChannel::enter(const std::string& who) {
  queue_.push_back({Action::Kind::Enter, who, {}});
}

void SimChannel::leave(const std::string& who) {
  queue_.push_back({Action::Kind::Leave, who, {}});
}

void SimChannel::send(const std::string& from, std::string wire) {
  queue_.push_back({Action::Kind::Packet, from, std::move(wire)});
}

void SimChannel::injectFront(const std::string& from, std::string wire) {
  queue_.push_front({Action::Kind::Packet, from, std::move(wire)});
}

void SimChannel::injectAt(std::size_t index, const std::string& from, std::string wire) {
  index = std::min(index, queue_.size());
  queue_.insert(queue_.begin() + static_cast<std::ptrdiff_t>(index),
                Action{Action::Kind::Packet, from, std::move(wire)});
}

bool SimChannel::step() {
  if (queue_.empty()) return false;
  Action a = std::move(queue_.front());
  queue_.pop_front();
  ++index_;
  switch (a.kind) {
    case Action::Kind::Enter: {
      if (members_.count(a.who)) return true;
      const std::set<std::string> before = members_;
      members_.insert(a.who);
      deliver_(a.who, ChannelEvent::selfEnter(members_));
      for (const auto& m : before) deliver_(m, ChannelEvent::othersEnter({a.who}));
      return true;
    }
    case Action::Kind::Leave: {
      if (!members_.count(a.who)) return true;
      members_.erase(a.who);
      deliver_(a.who, ChannelEvent::selfLeave());
      const std::set<std::string> after = members_;
      for (const auto& m : after) deliver_(m, ChannelEvent::othersLeave({a.who}));
      return true;
    }
    case Action::Kind::Packet: {
      if (!members_.count(a.who)) return true;  // the sender left before its send was placed
      log_.emplace_back(a.who, a.wire);
      const std::set<std::string> to = members_;
      for (const auto& m : to) deliver_(m, ChannelEvent::packet(a.who, a.wire));
      return true;
    }
  }
  return true;
}

std::size_t SimChannel::run(std::size_t maxSteps) {
  std::size_t n = 0;
  while (n < maxSteps && step()) ++n;
  return n;
}

}  // namespace mpenc::testing
