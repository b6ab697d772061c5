#include "mpenc/session/consistency_monitor.h"

#include <algorithm>

namespace mpenc::session {

using codec::BodyType;

Millis ConsistencyMonitor::jitter(crypto::Rng& rng) const {
  const auto j = timing_.resendJitter.count();
  if (j <= 0) return Millis{0};
  const auto bound = static_cast<std::uint32_t>(std::min<std::int64_t>(j, 0x7fffffff));
  return Millis{rng.uniform(bound)};
}

Millis ConsistencyMonitor::backoff(std::uint32_t step) const {
  // resendBase·2^(step−1), capped; step ≥ 1 after the first resend.
  Millis d = timing_.resendBase;
  for (std::uint32_t i = 1; i < step && d < timing_.resendCap; ++i) d *= 2;
  return std::min(d, timing_.resendCap);
}

void ConsistencyMonitor::onAccepted(const Transcript& t, Pos p, std::string wire, AcceptInfo info, Millis now,
                                    crypto::Rng& rng) {
  if (!t.isFullyAcked(p)) cache_[p] = Cached{std::move(wire), std::nullopt};
  if (t.bodyType(p) == BodyType::ExplicitAck) return;                         // no monitor
  if (t.isFullyAcked(p)) return;                                              // C-8: no readers
  Watch w;
  w.acceptedAt = now;
  // W-3 lives on a displayed message (U-15); hidden kinds (U-4) are still
  // monitored for auto-acks and resends, and their failures surface as W-6
  // (our FIN), W-9 (chain acks) or as the W-3 of the content they ack.
  if (!info.ownFin && t.isContent(p)) w.warnAt = now + timing_.notFullyAcked;
  const bool own = t.authorIdx(p) == self_;
  if (!own && t.isReader(p, self_))
    w.autoAckAt = now + (info.promptAck ? timing_.promptAck : timing_.autoAck);
  w.resendAt = now + timing_.resendFirst + (own ? Millis{0} : timing_.authorPreference) + jitter(rng);
  watches_[p] = w;
}

void ConsistencyMonitor::onFullyAcked(const Transcript& t, const std::vector<MessageId>& ids, Output& out) {
  for (const auto& id : ids) {
    const auto p = t.find(id);
    if (!p) continue;
    cache_.erase(*p);
    bool wasWarned = false;
    if (auto it = watches_.find(*p); it != watches_.end()) {
      wasWarned = it->second.warned;
      watches_.erase(it);
    }
    if (t.bodyType(*p) != BodyType::ExplicitAck) out.notices.emplace_back(FullyAcked{id, wasWarned});
  }
}

std::optional<Pos> ConsistencyMonitor::earliestOwnDescendant(const Transcript& t, Pos p) const {
  const auto& mine = t.byAuthor(self_);
  // by(self) is a chain: the messages descending from p form a suffix.
  auto it =
      std::partition_point(mine.begin(), mine.end(), [&](Pos q) { return !(q != p && t.isAncestor(p, q)); });
  if (it == mine.end()) return std::nullopt;
  return *it;
}

void ConsistencyMonitor::onDuplicate(const Transcript& t, Pos p, std::optional<MemberIdx> sender, Millis now,
                                     crypto::Rng& rng, Output& out) {
  if (auto it = watches_.find(p); it != watches_.end()) {
    // Someone resent m: that is the group's resend for this step (throttle).
    Watch& w = it->second;
    ++w.step;
    w.resendAt = std::max(w.resendAt, now + backoff(w.step) + jitter(rng));
    if (w.autoAckAt && t.isReader(p, self_) && !t.ackedBy(p, self_))
      w.autoAckAt = std::min(*w.autoAckAt, now + timing_.promptAck);
  }
  if (t.authorIdx(p) == self_) return;                 // we authored m
  if (t.bodyType(p) == BodyType::ExplicitAck) return;  // not ours to ack
  if (!t.ackedBy(p, self_)) return;                    // our monitor will ack it
  const auto am = earliestOwnDescendant(t, p);
  if (!am || t.bodyType(*am) != BodyType::ExplicitAck) return;  // am's own monitor resends it
  if (sender && t.ackedBy(*am, *sender)) return;                // s already has am
  auto c = cache_.find(*am);
  if (c == cache_.end()) return;  // am is fully acked: everyone has it
  if (c->second.lastSent && now - *c->second.lastSent < timing_.ackResendGap) return;
  c->second.lastSent = now;
  out.send.push_back(c->second.wire);
  ++resendsSent_;
}

void ConsistencyMonitor::resend(const Transcript& t, Pos p, Millis now, std::vector<Pos>& sentNow,
                                Output& out) {
  // explicit acks p' < m with no non-ack message strictly between.
  std::vector<Pos> run;
  std::vector<Pos> stack = t.parents(p);
  while (!stack.empty()) {
    const Pos q = stack.back();
    stack.pop_back();
    if (t.bodyType(q) != BodyType::ExplicitAck || std::find(run.begin(), run.end(), q) != run.end()) continue;
    run.push_back(q);
    for (Pos r : t.parents(q)) stack.push_back(r);
  }
  std::sort(run.begin(), run.end());  // accept order is a topological order
  run.push_back(p);
  for (Pos q : run) {
    auto c = cache_.find(q);
    if (c == cache_.end() || std::find(sentNow.begin(), sentNow.end(), q) != sentNow.end()) continue;
    sentNow.push_back(q);
    c->second.lastSent = now;
    out.send.push_back(c->second.wire);
    ++resendsSent_;
  }
}

bool ConsistencyMonitor::advance(const Transcript& t, Millis now, crypto::Rng& rng, Output& out) {
  bool ack = false;
  std::vector<Pos> sentNow;
  for (auto& [p, w] : watches_) {
    if (w.autoAckAt && now >= *w.autoAckAt) {
      w.autoAckAt.reset();
      if (t.isReader(p, self_) && !t.ackedBy(p, self_)) ack = true;  // A-8 (A-9: one for all)
    }
    if (!w.warned && w.warnAt && now >= *w.warnAt) {
      w.warned = true;
      out.notices.emplace_back(
          NotFullyAcked{t.id(p), t.author(p), t.bodyType(p), t.unackedBy(p), w.acceptedAt});
    }
    if (now >= w.resendAt) {
      resend(t, p, now, sentNow, out);
      ++w.step;
      w.resendAt = now + backoff(w.step) + jitter(rng);
    }
  }
  return ack;
}

std::optional<Millis> ConsistencyMonitor::nextDeadline() const {
  std::optional<Millis> d;
  auto consider = [&](Millis x) { d = d ? std::min(*d, x) : x; };
  for (const auto& [p, w] : watches_) {
    if (w.autoAckAt) consider(*w.autoAckAt);
    if (!w.warned && w.warnAt) consider(*w.warnAt);
    consider(w.resendAt);
  }
  return d;
}

bool ConsistencyMonitor::warned(Pos p) const {
  auto it = watches_.find(p);
  return it != watches_.end() && it->second.warned;
}

std::optional<std::string> ConsistencyMonitor::cachedWire(Pos p) const {
  auto it = cache_.find(p);
  if (it == cache_.end()) return std::nullopt;
  return it->second.wire;
}

}  // namespace mpenc::session
