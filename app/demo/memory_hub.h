// MemoryHub: an in-memory group channel for several Sessions in one process
// (the offline demo, and tests of the presenter). It behaves like an honest
// MUC server (protocol-rules.md §3.1, H-M1..H-M3): one global order of
// enters, leaves and packets; every member present sees that same sequence
// from its own enter to its own leave; a sender's packet counts when it is
// reflected back to it.
//
// Time is virtual: the caller passes `now` (the demo fast-forwards its first
// minute into its first second). Per member it can add a delivery delay (a
// slow member: it receives everything late, in the same order) or freeze
// delivery entirely (an unresponsive member: nothing reaches it, and it sends
// nothing, until unfrozen).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "mpenc/session/group_channel.h"
#include "mpenc/session/timing.h"

namespace mpenc::demo {

class MemoryHub {
 public:
  using Millis = mpenc::session::Millis;
  /// Receives the channel events of one member, in channel order.
  using Sink = std::function<void(const mpenc::session::ChannelEvent& event, Millis now)>;

  MemoryHub();
  ~MemoryHub();
  MemoryHub(const MemoryHub&) = delete;
  MemoryHub& operator=(const MemoryHub&) = delete;

  /// Register `member`; the returned channel (owned by the hub) is what its
  /// Session acts on. enter()/leave()/send() on it are queued as hub actions.
  mpenc::session::GroupChannel& attach(const std::string& member, Sink sink);
  /// The hub's current time: actions the channels queue (send, enter, leave)
  /// happen at this time. deliver(now) advances it too; it never goes back.
  void setNow(Millis now);
  /// Delivery: queued events whose time has come are handed to their sinks,
  /// in order, until none is due at `now`. Returns how many were delivered.
  std::size_t deliver(Millis now);
  /// The earliest time at which deliver() has something to do.
  std::optional<Millis> nextDue() const;

  /// Every event for `member` reaches it `delay` after it happened (0 = at once).
  void setDelay(const std::string& member, Millis delay);
  /// Frozen: nothing is delivered to `member` and its sends are dropped
  /// (a hung client); events queue up and arrive, in order, when unfrozen.
  void setFrozen(const std::string& member, bool frozen);
  bool frozen(const std::string& member) const;

  /// Members currently in the channel.
  mpenc::session::MemberSet present() const;
  /// A packet injected as if `from` had sent it (hostile input in tests).
  void inject(const std::string& from, std::string wire, Millis now);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mpenc::demo
