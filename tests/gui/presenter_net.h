// Harness of test_presenter.cpp: alice, bob and carol as real Sessions (real
// crypto, virtual clock) over the in-memory SimChannel of tests/support, with
// per-member partitions, muting, holds and kick refusal; alice's SessionEvents
// go to a SessionPresenter after each Session call returns, as SessionHost and
// the demo room deliver them.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/session/session.h"
#include "sim_channel.h"
#include "ui/presentation/room_state.h"
#include "ui/presentation/session_presenter.h"

namespace presenter_test {

using namespace mpenc::session;  // NOLINT(google-build-using-namespace)
using mpenc::present::NoticeKind;
using mpenc::present::RoomState;
using mpenc::present::SessionPresenter;
using mpenc::present::TranscriptItem;
namespace crypto = mpenc::crypto;

inline const std::string kAlice = "room@muc.x/alice";
inline const std::string kBob = "room@muc.x/bob";
inline const std::string kCarol = "room@muc.x/carol";

inline QString q(const std::string& s) {
  return QString::fromStdString(s);
}
inline QStringList ql(const std::vector<std::string>& v) {
  QStringList out;
  for (const auto& s : v) out << q(s);
  return out;
}
inline QString hex(const MessageId& id) {
  return QString::fromLatin1(
      QByteArray(reinterpret_cast<const char*>(id.data()), static_cast<int>(id.size())).toHex());
}

struct Net;

class NodeChannel : public GroupChannel {
 public:
  NodeChannel(Net& net, std::string self) : net_(net), self_(std::move(self)) {}
  void send(const std::string& wire, const MemberSet&) override;
  void enter() override;
  void leave() override;
  bool kick(const MemberId& member) override;
  std::optional<MemberSet> members() const override;

 private:
  Net& net_;
  std::string self_;
};

struct Node {
  std::unique_ptr<crypto::SeededRng> rng;
  std::unique_ptr<NodeChannel> channel;
  std::unique_ptr<Session> session;
  std::vector<SessionEvent> events;
  template <class T>
  std::vector<const T*> all() const {
    std::vector<const T*> out;
    for (const auto& e : events)
      if (const T* p = e.as<T>()) out.push_back(p);
    return out;
  }
};

/// Alice, Bob and Carol over one SimChannel; alice's events go to a presenter.
struct Net {
  crypto::SeededRng rng;
  std::map<std::string, crypto::Ed25519Public> directory;
  std::map<std::string, crypto::Ed25519KeyPair> identities;
  std::map<std::string, std::unique_ptr<Node>> nodes;
  mpenc::testing::SimChannel ch;
  std::set<std::string> partitioned;
  std::set<std::string> muted;  // what these send is lost (a stalled client)
  bool noKickRights = false;    // kicks fail: an excluded member stays until T-TO2
  /// Events this returns true for are held back from that member until heal().
  std::function<bool(const std::string& to, const ChannelEvent& ev)> holdIf;
  std::function<void(SessionConfig&)> tweak;  // adjusts every new member's config
  std::map<std::string, std::deque<ChannelEvent>> held;
  Millis now{0};
  std::uint64_t seed;
  std::size_t created = 0;
  RoomState state;
  std::unique_ptr<SessionPresenter> presenter;
  // As SessionHost and the demo room do: alice's events reach the presenter
  // after the Session call that raised them returned (the log may be ahead).
  std::deque<SessionEvent> toPresenter;

  void flush() {
    while (!toPresenter.empty()) {
      const SessionEvent e = std::move(toPresenter.front());
      toPresenter.pop_front();
      if (presenter) presenter->onSessionEvent(e);
    }
  }

  explicit Net(std::uint64_t s)
      : rng(s), ch([this](const std::string& to, const ChannelEvent& ev) { deliver(to, ev); }), seed(s) {}

  SessionConfig config(const std::string& id) {
    if (!identities.count(id)) {
      auto k = crypto::Ed25519KeyPair::generate(rng);
      directory[id] = k.publicKey();
      identities.emplace(id, std::move(k));
    }
    MembershipConfig m{id, identities.at(id).clone(),
                       [this](std::string_view x) -> std::optional<crypto::Ed25519Public> {
                         auto it = directory.find(std::string(x));
                         if (it == directory.end()) return std::nullopt;
                         return it->second;
                       }};
    SessionConfig c{std::move(m)};
    c.membership.autoIncludeJoiners = false;  // U-10: alice is offered to invite
    c.membership.operationTimeout = Millis{5000};
    c.membership.timeoutStagger = Millis{500};
    c.membership.excludedLeaveTimeout = Millis{8000};
    c.timing = Timing::fromBase(Millis{500}, Millis{2500});
    c.chainAckTimeout = Millis{3000};
    c.joinTimeout = Millis{60000};
    if (tweak) tweak(c);
    return c;
  }

  Node& add(const std::string& id, std::optional<SessionConfig> cfg = std::nullopt) {
    auto n = std::make_unique<Node>();
    n->rng = std::make_unique<crypto::SeededRng>(seed * 1000 + ++created);
    n->channel = std::make_unique<NodeChannel>(*this, id);
    n->session = std::make_unique<Session>(cfg ? std::move(*cfg) : config(id), *n->channel, *n->rng);
    Node* raw = n.get();
    const bool observed = id == kAlice;
    n->session->setListener([this, raw, observed](const SessionEvent& e) {
      raw->events.push_back(e);
      if (observed) toPresenter.push_back(e);
    });
    nodes[id] = std::move(n);
    const std::set<std::string> features{std::string(kFeatureAbort), std::string(kFeatureChainAck)};
    for (auto& [a, na] : nodes)
      for (auto& [b, nb] : nodes)
        if (a != b) na->session->setPeerFeatures(b, features);
    if (observed) {
      presenter =
          std::make_unique<SessionPresenter>([this]() -> const Session& { return s(kAlice); }, &state);
      presenter->setRoom(QStringLiteral("room@muc.x"), QStringLiteral("room"));
      presenter->setConnected(true);
    }
    return *nodes[id];
  }
  Node& node(const std::string& id) { return *nodes.at(id); }
  Session& s(const std::string& id) { return *nodes.at(id)->session; }

  void deliver(const std::string& to, const ChannelEvent& ev) {
    auto it = nodes.find(to);
    if (it == nodes.end()) return;
    if (partitioned.count(to) || (holdIf && holdIf(to, ev))) {
      held[to].push_back(ev);
      return;
    }
    it->second->session->onChannelEvent(ev, now);
    flush();
  }
  void heal(const std::string& id) {
    partitioned.erase(id);
    auto events = std::move(held[id]);
    held[id].clear();
    for (const auto& ev : events) s(id).onChannelEvent(ev, now);
    flush();
  }
  void run() {
    flush();
    ch.run();
    flush();
  }
  void advance(Millis dt) {
    const Millis end = now + dt;
    while (now < end) {
      now = std::min(end, now + Millis{100});
      for (auto& [id, n] : nodes)
        if (auto d = n->session->nextDeadline(); d && *d <= now) n->session->advance(now);
      run();
    }
  }
  void settle() {
    for (int i = 0; i < 120; ++i) {
      advance(Millis{500});
      bool busy = ch.pending() != 0;
      for (auto& [id, n] : nodes)
        busy = busy || (n->session->inChannel() && n->session->operationOngoing()) ||
               n->session->membership().proposalPending();
      if (!busy) return;
    }
  }
  /// alice alone, then bob (and carol) enter and alice invites them.
  void startGroup(const std::vector<std::string>& others) {
    add(kAlice);
    s(kAlice).join(now);
    run();
    settle();
    for (const auto& id : others) {
      add(id);
      s(id).join(now);
      run();
      settle();
      if (!s(kAlice).include({id}, now)) return;
      settle();
    }
  }
  bool stepUntil(const std::function<bool()>& pred) {
    flush();
    if (pred()) return true;
    while (ch.step()) {
      flush();
      if (pred()) return true;
    }
    return false;
  }

  // ---- RoomState queries ----
  std::vector<const TranscriptItem*> notices(NoticeKind kind) const {
    std::vector<const TranscriptItem*> out;
    for (const auto& it : state.items())
      if (!it.isMessage() && it.notice == kind) out.push_back(&it);
    return out;
  }
  const TranscriptItem* lastNotice(NoticeKind kind) const {
    const auto v = notices(kind);
    return v.empty() ? nullptr : v.back();
  }
  const TranscriptItem& message(std::size_t logRow) const {
    const int i = state.itemOfMessageRow(static_cast<int>(logRow));
    Q_ASSERT(i >= 0);
    return state.item(i);
  }
};

inline void NodeChannel::send(const std::string& wire, const MemberSet&) {
  if (net_.muted.count(self_)) return;
  net_.ch.send(self_, wire);
}
inline void NodeChannel::enter() {
  net_.ch.enter(self_);
}
inline void NodeChannel::leave() {
  net_.ch.leave(self_);
}
inline bool NodeChannel::kick(const MemberId& member) {
  if (net_.noKickRights) return false;
  net_.ch.kick(member);
  return true;
}
inline std::optional<MemberSet> NodeChannel::members() const {
  if (!net_.ch.present(self_)) return std::nullopt;
  return net_.ch.members();
}

}  // namespace presenter_test
