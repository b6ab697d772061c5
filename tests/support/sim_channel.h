// An in-memory, totally ordered group channel (protocol-rules.md §3.1, H-M1..H-M3)
// for tests: one global FIFO of actions; each is turned into ChannelEvents
// when it reaches the head, in exactly the same order for everyone present.
//  - A packet goes to everyone in the channel at that point, its sender
//    included (the echo, H-M3); a packet whose sender has left is dropped.
//  - A membership change goes to the old and the new members (H-M1): the
//    mover gets SelfEnter(members) / SelfLeave, the others OthersEnter / OthersLeave.
//  - Entering twice, or leaving/kicking someone absent, is a no-op.
// Sans-IO: the owner pumps step() and receives events through a callback.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "mpenc/session/group_channel.h"

namespace mpenc::testing {

class SimChannel {
 public:
  using Deliver = std::function<void(const std::string& to, const session::ChannelEvent& ev)>;

  explicit SimChannel(Deliver deliver) : deliver_(std::move(deliver)) {}

  void enter(const std::string& who);
  void leave(const std::string& who);
  void kick(const std::string& who) { leave(who); }
  void send(const std::string& from, std::string wire);
  /// Fault injection: a packet placed at the head of the queue (delivered next).
  void injectFront(const std::string& from, std::string wire);
  /// Insert at position `index` of the queue (clamped): reorders relative to others.
  void injectAt(std::size_t index, const std::string& from, std::string wire);

  /// Process the next queued action; false when the queue is empty.
  bool step();
  /// step() until empty or `maxSteps` (returns the number of steps).
  std::size_t run(std::size_t maxSteps = static_cast<std::size_t>(-1));

  const std::set<std::string>& members() const noexcept { return members_; }
  bool present(const std::string& who) const { return members_.count(who) != 0; }
  std::size_t pending() const noexcept { return queue_.size(); }
  std::size_t delivered() const noexcept { return index_; }
  /// Every packet delivered so far: (sender, wire), in channel order.
  const std::vector<std::pair<std::string, std::string>>& packetLog() const noexcept { return log_; }

 private:
  struct Action {
    enum class Kind { Enter, Leave, Packet } kind;
    std::string who;
    std::string wire;
  };
  Deliver deliver_;
  std::deque<Action> queue_;
  std::set<std::string> members_;
  std::size_t index_ = 0;
  std::vector<std::pair<std::string, std::string>> log_;
};

}  // namespace mpenc::testing
