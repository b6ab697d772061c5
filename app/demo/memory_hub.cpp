// MemoryHub (memory_hub.h): an honest in-memory MUC with virtual time.
//
// Every action a channel takes (enter, leave, send, kick) becomes one step of
// the global sequence at the hub's current time (H-M1). The step is fanned out
// at once into the inbox of every member present at that point (H-M2), the
// sender included (its reflection, H-M3), each event stamped with the time it
// is due for that member: the step's time plus that member's delay, never
// earlier than the member's previous event (a slow member receives late, in
// the same order). deliver() hands due events to their sinks in (due, step)
// order; a frozen member's inbox just waits.
#include "app/demo/memory_hub.h"

#include <algorithm>
#include <deque>
#include <limits>

namespace mpenc::demo {

using mpenc::session::ChannelEvent;
using mpenc::session::GroupChannel;
using mpenc::session::MemberId;
using mpenc::session::MemberSet;

namespace {

struct Queued {
  std::uint64_t step = 0;
  MemoryHub::Millis due{0};
  ChannelEvent event;
};

// A runaway guard for deliver(): an honest run never comes close.
constexpr std::size_t kMaxDeliveriesPerCall = 1'000'000;

}  // namespace

struct MemoryHub::Impl {
  class Channel;
  struct Member {
    std::unique_ptr<Channel> channel;
    Sink sink;
    Millis delay{0};
    bool frozen = false;
    std::deque<Queued> inbox;
    Millis lastDue{0};
    std::optional<MemberSet> view;  // the channel as this member has seen it so far
  };

  std::map<std::string, Member> members;
  MemberSet present;  // the server's membership after the last step
  Millis now{0};
  std::uint64_t steps = 0;

  void push(const std::string& to, ChannelEvent ev) {
    auto it = members.find(to);
    if (it == members.end()) return;  // injected members without a channel
    Member& m = it->second;
    const Millis due = std::max(now + m.delay, m.lastDue);
    m.lastDue = due;
    m.inbox.push_back({steps, due, std::move(ev)});
  }

  void enter(const std::string& who) {
    if (present.count(who)) return;  // entering twice is a no-op
    ++steps;
    const MemberSet before = present;
    present.insert(who);
    push(who, ChannelEvent::selfEnter(present));
    for (const auto& m : before) push(m, ChannelEvent::othersEnter({who}));
  }

  void leave(const std::string& who) {
    if (!present.count(who)) return;  // leaving (or kicking) someone absent is a no-op
    ++steps;
    present.erase(who);
    push(who, ChannelEvent::selfLeave());
    for (const auto& m : present) push(m, ChannelEvent::othersLeave({who}));
  }

  void packet(const std::string& from, const std::string& wire) {
    ++steps;
    for (const auto& m : present) push(m, ChannelEvent::packet(from, wire));
  }

  bool isFrozen(const std::string& who) const {
    const auto it = members.find(who);
    return it != members.end() && it->second.frozen;
  }
};

class MemoryHub::Impl::Channel final : public GroupChannel {
 public:
  Channel(Impl& hub, std::string self) : hub_(hub), self_(std::move(self)) {}

  void send(const std::string& wire, const MemberSet& /*intendedRecipients*/) override {
    // A hung client sends nothing; an absent one cannot (the server drops it).
    if (hub_.isFrozen(self_) || !hub_.present.count(self_)) return;
    hub_.packet(self_, wire);
  }
  void enter() override {
    if (!hub_.isFrozen(self_)) hub_.enter(self_);
  }
  void leave() override {
    if (!hub_.isFrozen(self_)) hub_.leave(self_);
  }
  bool kick(const MemberId& member) override {
    // Everyone is a moderator in the demo room: a kick is the member's leave.
    if (hub_.isFrozen(self_) || !hub_.present.count(self_)) return false;
    hub_.leave(member);
    return true;
  }
  std::optional<MemberSet> members() const override {
    const auto it = hub_.members.find(self_);
    if (it == hub_.members.end()) return std::nullopt;
    return it->second.view;
  }

 private:
  Impl& hub_;
  std::string self_;
};

MemoryHub::MemoryHub() : impl_(std::make_unique<Impl>()) {}
MemoryHub::~MemoryHub() = default;

mpenc::session::GroupChannel& MemoryHub::attach(const std::string& member, Sink sink) {
  auto& m = impl_->members[member];
  if (!m.channel) m.channel = std::make_unique<Impl::Channel>(*impl_, member);
  m.sink = std::move(sink);  // attaching again replaces the receiver (a restarted client)
  return *m.channel;
}

void MemoryHub::setNow(Millis now) {
  impl_->now = std::max(impl_->now, now);
}

std::size_t MemoryHub::deliver(Millis now) {
  setNow(now);
  std::size_t n = 0;
  while (n < kMaxDeliveriesPerCall) {
    Impl::Member* next = nullptr;
    for (auto& [id, m] : impl_->members) {
      if (m.frozen || m.inbox.empty() || m.inbox.front().due > impl_->now) continue;
      const Queued& q = m.inbox.front();
      if (!next || q.due < next->inbox.front().due ||
          (q.due == next->inbox.front().due && q.step < next->inbox.front().step))
        next = &m;
    }
    if (!next) break;
    Queued q = std::move(next->inbox.front());
    next->inbox.pop_front();
    switch (q.event.kind) {
      case ChannelEvent::Kind::SelfEnter:
        next->view = q.event.members;
        break;
      case ChannelEvent::Kind::SelfLeave:
        next->view.reset();
        break;
      case ChannelEvent::Kind::OthersEnter:
        if (next->view) next->view->insert(q.event.members.begin(), q.event.members.end());
        break;
      case ChannelEvent::Kind::OthersLeave:
        if (next->view)
          for (const auto& x : q.event.members) next->view->erase(x);
        break;
      case ChannelEvent::Kind::Packet:
        break;
    }
    ++n;
    // The sink may act on the channel (send, leave, kick): that only queues.
    if (next->sink) next->sink(q.event, impl_->now);
  }
  return n;
}

std::optional<MemoryHub::Millis> MemoryHub::nextDue() const {
  std::optional<Millis> best;
  for (const auto& [id, m] : impl_->members) {
    if (m.frozen || m.inbox.empty()) continue;
    const Millis due = m.inbox.front().due;
    if (!best || due < *best) best = due;
  }
  return best;
}

void MemoryHub::setDelay(const std::string& member, Millis delay) {
  impl_->members[member].delay = std::max(Millis{0}, delay);
}

void MemoryHub::setFrozen(const std::string& member, bool frozen) {
  impl_->members[member].frozen = frozen;
}

bool MemoryHub::frozen(const std::string& member) const {
  return impl_->isFrozen(member);
}

mpenc::session::MemberSet MemoryHub::present() const {
  return impl_->present;
}

void MemoryHub::inject(const std::string& from, std::string wire, Millis now) {
  setNow(now);
  impl_->packet(from, wire);
}

}  // namespace mpenc::demo
