// Membership driver (protocol-rules.md §3; rule numbers in the comments).
#include "mpenc/session/membership.h"

#include <algorithm>
#include <iterator>

#include "mpenc/proto/ids.h"
#include "mpenc/session/membership_internal.h"

namespace mpenc::session {

using namespace membership_detail;

using codec::GreetingPacket;
using codec::GreetOperation;
using greet::GreetStatus;

std::string_view proposeErrcName(ProposeErrc e) noexcept {
  switch (e) {
    case ProposeErrc::NotInChannel:
      return "NotInChannel";
    case ProposeErrc::NotSynced:
      return "NotSynced";
    case ProposeErrc::OperationOngoing:
      return "OperationOngoing";
    case ProposeErrc::BeingExcluded:
      return "BeingExcluded";
    case ProposeErrc::TargetNotInChannel:
      return "TargetNotInChannel";
    case ProposeErrc::IncludesExcludedMember:
      return "IncludesExcludedMember";
    case ProposeErrc::IncludeAndExclude:
      return "IncludeAndExclude";
    case ProposeErrc::SelfExclusion:
      return "SelfExclusion";
    case ProposeErrc::NoChange:
      return "NoChange";
    case ProposeErrc::Greet:
      return "Greet";
  }
  return "?";
}

MembershipEngine::MembershipEngine(MembershipConfig cfg, crypto::Rng& rng)
    : cfg_(std::move(cfg)),
      rng_(rng),
      greeter_(std::make_unique<greet::Greeter>(cfg_.self, cfg_.identity.clone(), cfg_.staticKeyOf)),
      order_(cfg_.self) {}

MembershipEngine::~MembershipEngine() = default;

std::vector<std::string> MembershipEngine::members() const {
  if (store_) return store_->members();
  return {cfg_.self};
}

std::vector<std::string> MembershipEngine::channelVec() const {
  return {channel_.begin(), channel_.end()};
}

bool MembershipEngine::allSupportAbort() const {
  if (!cfg_.supportAbort) return false;
  auto ok = [&](const std::string& m) { return m == cfg_.self || abortPeers_.count(m) != 0; };
  for (const auto& m : members())
    if (!ok(m)) return false;
  if (const auto* ms = opMembers())
    for (const auto& m : *ms)
      if (!ok(m)) return false;
  return true;
}

bool MembershipEngine::abortUsable() const {
  if (!store_) return allSupportAbort();
  if (!cfg_.supportAbort) return false;
  for (const auto& m : members())
    if (m != cfg_.self && abortPeers_.count(m) == 0) return false;
  return true;
}

const std::vector<std::string>* MembershipEngine::opMembers() const {
  if (op_) return &op_->members();
  if (observer_) return &observer_->tracker().members();
  return nullptr;
}

order::OpPacket MembershipEngine::opPacket(const std::string& sender, const std::string& wire,
                                           const GreetingPacket& p) const {
  order::OpPacket op;
  op.packetId = proto::packetId(wire, sender, channelVec());
  op.sender = sender;
  op.type = p.greetType;
  for (const auto& m : p.members) op.members.push_back(toString(m));
  op.wireHash = crypto::sha256(asBytes(wire));
  return op;
}

// ---- channel events ------------------------------------------------------------

Actions MembershipEngine::onChannelEvent(const ChannelEvent& ev) {
  Actions out;
  switch (ev.kind) {
    case ChannelEvent::Kind::SelfEnter:
      onSelfEnter(ev.members, out);
      break;
    case ChannelEvent::Kind::SelfLeave:
      onSelfLeave(out);
      break;
    case ChannelEvent::Kind::OthersEnter:
      onOthersEnter(ev.members, out);
      break;
    case ChannelEvent::Kind::OthersLeave:
      onOthersLeave(ev.members, out);
      break;
    case ChannelEvent::Kind::Packet:
      onPacket(ev.sender, ev.wire, out);
      break;
  }
  return out;
}

void MembershipEngine::syncNew(Actions& out) {
  order_.syncNew(rng_);
  seniors_.clear();
  out.notices.emplace_back(notice::SyncedNew{});
}

// Seniority bootstrap ([JS]): alone → a brand-new chain; else wait to be included.
void MembershipEngine::onSelfEnter(const MemberSet& present, Actions& out) {
  onSelfLeave(out);  // a fresh start whatever we had (H-M2: enter follows leave)
  out.notices.clear();
  inChannel_ = true;
  channel_ = present;
  channel_.insert(cfg_.self);
  seniors_ = channel_;
  seniors_.erase(cfg_.self);
  if (seniors_.empty()) syncNew(out);
}

// T-LI: clear everything. An operation that included us fails; one that
// excluded us is assumed to have succeeded ([JS]).
void MembershipEngine::onSelfLeave(Actions& out) {
  const bool wasIn = inChannel_;
  auto r = order_.onSelfLeft();
  if (wasIn && r.ongoing) {
    if (r.ongoingIncludedUs) {
      out.notices.emplace_back(
          notice::OperationFailed{notice::OperationFailed::Cause::SelfLeft, {}, {}, {}, {}});
    } else {
      notice::OperationSucceeded s;
      s.weAreExcluded = true;
      out.notices.emplace_back(std::move(s));
    }
  }
  if (own_) {
    out.notices.emplace_back(notice::ProposalRejected{std::nullopt, own_->automatic, "we left the channel"});
    own_.reset();
  }
  clearOperation();
  syncedByOp_ = false;
  inChannel_ = false;
  channel_.clear();
  seniors_.clear();
  store_.reset();
  toExclude_.clear();
  excludedStayed_.clear();
  nonResponders_.clear();
  excludedAt_.reset();
}

void MembershipEngine::onOthersEnter(const MemberSet& who, Actions& out) {
  if (!inChannel_) return;
  std::vector<std::string> fresh;
  for (const auto& m : who) {
    if (m == cfg_.self) continue;
    channel_.insert(m);
    if (!synced() || excludedAt_) continue;
    if (toExclude_.count(m) || (order_.hasOngoingOp() && cfg_.kickEnteringDuringOperation)) {
      out.kick.push_back(m);  // T-EAL / T-EO (they cannot be in the pending subsession, H-3)
    } else if (!has(members(), m)) {
      fresh.push_back(m);
    }
  }
  if (fresh.empty()) return;
  std::vector<std::string> ask;  // T-ES: tell the user they probably want to join
  bool autoInclude = false;
  for (const auto& m : fresh) {
    if (autoIncludable(m))
      autoInclude = true;
    else
      ask.push_back(m);
  }
  if (!ask.empty()) out.notices.emplace_back(notice::JoinRequest{sorted(ask)});
  if (autoInclude) maybeAutoPropose(out);
}

void MembershipEngine::onOthersLeave(const MemberSet& who, Actions& out) {
  if (!inChannel_) return;
  std::vector<std::string> leavers;
  for (const auto& m : who) {
    if (m == cfg_.self) continue;
    channel_.erase(m);
    excludedStayed_.erase(m);
    nonResponders_.erase(m);
    leavers.push_back(m);
  }
  if (leavers.empty()) return;
  if (!synced()) {  // bootstrap: every senior left while we were unsynced → our own chain
    const bool hadSeniors = !seniors_.empty();
    for (const auto& m : leavers) seniors_.erase(m);
    if (hadSeniors && seniors_.empty()) syncNew(out);
    return;
  }
  if (excludedAt_) return;
  // T-LS / T-LOX: session members who left are excluded when idle.
  const auto ms = members();
  for (const auto& m : leavers)
    if (has(ms, m)) toExclude_.insert(m);
  // T-LOI: a target member of the ongoing operation left → failure pseudo-pF.
  const auto cv = channelVec();
  if (auto lo = order_.onOthersLeft(leavers, cv)) {
    settleOwn(lo->own, out);
    notice::OperationFailed f;
    f.cause = notice::OperationFailed::Cause::MemberLeft;
    f.leavers = lo->leavers;
    failed(std::move(f), out);
    return;
  }
  maybeAutoPropose(out);
}

// ---- packets -------------------------------------------------------------------

void MembershipEngine::onPacket(const std::string& sender, const std::string& wire, Actions& out) {
  if (!inChannel_) return;
  auto pk = codec::decodeWire(wire);
  if (!pk) {
    out.notices.emplace_back(notice::PacketRejected{sender, "Malformed: " + pk.error().describe()});
    return;
  }
  const auto* p = std::get_if<GreetingPacket>(&*pk);
  if (p == nullptr) return;  // not a greeting: the session layer's business
  onGreetingPacket(sender, wire, *p, out);
}

Actions MembershipEngine::onGreeting(const std::string& sender, const std::string& wire,
                                     const GreetingPacket& p) {
  Actions out;
  if (inChannel_) onGreetingPacket(sender, wire, p, out);
  return out;
}

// Everything below works on the packet decoded once (issue 12): `wire` only
// names it (packet ID, wire hash); every check of the packet's content stays.
void MembershipEngine::onGreetingPacket(const std::string& sender, const std::string& wire,
                                        const GreetingPacket& p, Actions& out) {
  if (p.greetType.isAbort())
    onAbort(sender, wire, p, out);
  else if (p.prevPf)
    onInitial(sender, wire, p, out);
  else
    onOther(sender, wire, p, out);
}

void MembershipEngine::onInitial(const std::string& sender, const std::string& wire, const GreetingPacket& p,
                                 Actions& out) {
  const auto cv = channelVec();
  const bool own = sender == cfg_.self;
  const greet::Greeting* ownG = own_ ? &own_->proposal.greeting : nullptr;
  auto op = greeter_->initialCandidate(p, wire, sender, cv, nullptr, ownG);
  if (!op) {
    out.notices.emplace_back(notice::PacketRejected{sender, "not a valid initial packet"});
    return;
  }
  const bool includesUs = has(op->members, cfg_.self);
  const bool inPrev = store_ && store_->pub.indexOf(sender) && store_->pub.indexOf(cfg_.self);
  // Would the resolver reject it anyway (H-2, H-4)? Then skip the crypto.
  const bool loses = synced() && (order_.hasOngoingOp() || op->prevPf != order_.prevPf());
  std::optional<greet::Greeting> g;
  std::optional<greet::GreetObserver> obs;
  if (!loses && !own && (includesUs || inPrev)) {
    // Check the pI completely BEFORE the resolver sees it: an invalid pI is
    // not a proposal (every member of M' has the same previous state and
    // decides the same). A newcomer takes part only in START / INCLUDE.
    const auto opn = p.greetType.operation();
    if (!store_ && opn != GreetOperation::Start && opn != GreetOperation::Include) {
      out.notices.emplace_back(notice::PacketRejected{sender, "an operation on a session we do not have"});
      return;
    }
    auto j = greeter_->join(store_ ? &*store_ : nullptr, sender, p);
    if (!j) {
      out.notices.emplace_back(notice::PacketRejected{sender, j.error().describe()});
      return;
    }
    if (j->status() == GreetStatus::Excluded) {
      auto o = greet::GreetObserver::start(&store_->pub, cfg_.staticKeyOf, sender, p);
      if (!o) {
        out.notices.emplace_back(notice::PacketRejected{sender, o.error().describe()});
        return;
      }
      obs.emplace(std::move(*o));
    } else {
      auto v = j->check(sender, p);
      if (!v) {
        out.notices.emplace_back(notice::PacketRejected{sender, v.error().describe()});
        return;
      }
      g.emplace(std::move(*j));
    }
  }
  const bool onePacket = greet::isOnePacketOperation(*op);
  const auto ms = members();
  const auto res =
      order_.tryOpPacket(*op, cv, ms, onePacket ? order::Finality::ofCurrent() : order::Finality{});
  settleOwn(res.own, out);
  if (!res.accepted()) {  // a losing or ignored proposal: never an operation
    if (res.own) maybeAutoPropose(out);
    return;
  }

  syncedByOp_ = res.syncedNow;
  if (res.syncedNow) {
    seniors_.clear();
    out.notices.emplace_back(notice::Synced{res.packetId});
  }
  if (res.prevChMismatch) out.notices.emplace_back(notice::ChainMismatch{res.packetId});
  clearOperation();
  opStart_ = now_;
  if (own && own_) {
    g.emplace(std::move(own_->proposal.greeting));
    own_.reset();
  }
  // Who the operation adds: INCLUDE appends them to the previous members and
  // addresses its initial packet to the first of them (greeter.cpp); a
  // newcomer cannot know the previous members otherwise.
  opIncluded_.clear();
  if (op->operation() == GreetOperation::Include && !p.dest.empty()) {
    const std::string first(p.dest.begin(), p.dest.end());
    auto it = std::find(op->members.begin(), op->members.end(), first);
    opIncluded_.assign(it, op->members.end());
  } else if (op->operation() == GreetOperation::Start) {
    for (const auto& m : op->members)
      if (m != sender) opIncluded_.push_back(m);
  }
  std::sort(opIncluded_.begin(), opIncluded_.end());
  out.notices.emplace_back(
      notice::OperationStarted{res.packetId, sender, op->operation(), op->members, !includesUs});
  if (obs) {
    observer_.emplace(std::move(*obs));
    if (observer_->completed()) excludedUs(out);  // a one-packet exclude of us
    return;
  }
  if (!g) return;  // not ours to run (e.g. excluded from a pI we did not check)
  op_.emplace(std::move(*g));
  auto r = op_->recv(sender, p, rng_);
  if (!r) {  // cannot happen after check(); the timeout will abort the operation
    out.notices.emplace_back(notice::PacketRejected{sender, r.error().describe()});
    return;
  }
  for (auto& o : r->send) out.send.push_back(std::move(o.wire));
  if (r->completed) succeeded(op_->takeResult(), out);
}

// Finality decided on receipt (H-G4): the resolver accepts it as the pF.
bool MembershipEngine::acceptFinal(const std::string& sender, const std::string& wire,
                                   const GreetingPacket& p, const order::Finality& f, Actions& out) {
  const auto res = order_.tryOpPacket(opPacket(sender, wire, p), channelVec(), members(), f);
  settleOwn(res.own, out);
  if (!res.accepted())
    out.notices.emplace_back(notice::PacketRejected{
        sender, "final candidate rejected: " + std::string(order::reasonName(res.reason))});
  return res.accepted();
}

void MembershipEngine::onOther(const std::string& sender, const std::string& wire, const GreetingPacket& p,
                               Actions& out) {
  if (op_ && op_->status() == GreetStatus::Pending) {
    const bool final = op_->isFinalCandidate(sender, p);
    if (final && !acceptFinal(sender, wire, p, order::Finality::ofCurrent(), out)) return;
    auto r = op_->recv(sender, p, rng_);
    if (!r) {  // H-19: a corrupt packet is ignored, never an implicit failure
      out.notices.emplace_back(notice::PacketRejected{sender, r.error().describe()});
      return;
    }
    for (auto& o : r->send) out.send.push_back(std::move(o.wire));
    if (r->completed) succeeded(op_->takeResult(), out);
    return;
  }
  if (observer_) {  // the operation excludes us: identify its pF all the same (H-G5)
    const bool final = observer_->wouldComplete(sender, p);
    if (final && !acceptFinal(sender, wire, p, order::Finality::ofCurrent(), out)) return;
    auto st = observer_->observe(sender, p);
    if (!st) {
      out.notices.emplace_back(notice::PacketRejected{sender, st.error().describe()});
      return;
    }
    if (st->completed) excludedUs(out);
    return;
  }
  if (synced() && !excludedAt_ && !order_.hasOngoingOp())
    out.notices.emplace_back(notice::PacketRejected{sender, "no ongoing operation"});  // not queued
}

// An abort is a final candidate of the current pI only (docs/extension-abort.md).
void MembershipEngine::onAbort(const std::string& sender, const std::string& wire, const GreetingPacket& p,
                               Actions& out) {
  const auto* ms = opMembers();
  const auto pI = order_.currentPi();
  if (ms == nullptr || !pI) {
    if (synced() && !excludedAt_)
      out.notices.emplace_back(notice::PacketRejected{sender, "abort without an ongoing operation"});
    return;
  }
  if (auto st = greet::checkAbort(sender, p, *pI, *ms, cfg_.staticKeyOf); !st) {
    out.notices.emplace_back(notice::PacketRejected{sender, "abort: " + st.error().describe()});
    return;
  }
  if (!acceptFinal(sender, wire, p, order::Finality::ofInitial(*pI), out)) return;
  notice::OperationFailed f;
  f.cause = notice::OperationFailed::Cause::Aborted;
  f.abortedBy = sender;
  f.abortReason = static_cast<greet::AbortReason>(*p.abortReason);
  failed(std::move(f), out);
}

// ---- outcomes ------------------------------------------------------------------

void MembershipEngine::settleOwn(const std::optional<order::OwnProposalResult>& r, Actions& out) {
  if (!r) return;
  const bool automatic = own_ && own_->automatic;
  if (r->accepted) {
    out.notices.emplace_back(notice::ProposalAccepted{*r->acceptedPacketId, automatic});
    return;  // own_ is consumed by onInitial
  }
  out.notices.emplace_back(
      notice::ProposalRejected{r->acceptedPacketId, automatic,
                               r->acceptedPacketId ? "another proposal won" : "our proposal broke a rule"});
  own_.reset();  // H-9: no auto-retry of the user's operation
}

void MembershipEngine::clearOperation() {
  op_.reset();
  observer_.reset();
  opActed_ = false;
}

void MembershipEngine::succeeded(greet::GreetStore result, Actions& out) {
  const auto before = members();
  notice::OperationSucceeded s;
  s.members = result.members();
  s.sessionId = result.sessionId();
  s.included = minus(s.members, before);
  if (!store_ && !opIncluded_.empty()) s.included = opIncluded_;  // a newcomer: see onInitial
  s.excluded = minus(before, s.members);
  for (const auto& m : s.included) nonResponders_.erase(m);  // it answered after all (a hand include)
  clearOperation();
  syncedByOp_ = false;
  if (s.members.size() == 1)
    store_.reset();  // [JS] a result of {self} is "no subsession" (T-P4)
  else
    store_ = std::move(result);
  const auto now = members();
  for (auto it = toExclude_.begin(); it != toExclude_.end();)
    it = has(now, *it) ? std::next(it) : toExclude_.erase(it);
  for (const auto& x : s.excluded) {  // H-18: M kicks X = M' − M
    if (channel_.count(x)) {
      out.kick.push_back(x);
      excludedStayed_.insert(x);
    }
  }
  out.notices.emplace_back(std::move(s));
  maybeAutoPropose(out);
}

void MembershipEngine::excludedUs(Actions& out) {
  notice::OperationSucceeded s;
  s.members = observer_->result().members;
  s.sessionId = observer_->result().sessionId;
  s.excluded = minus(members(), s.members);
  s.weAreExcluded = true;
  clearOperation();
  store_.reset();
  toExclude_.clear();
  excludedAt_ = now_;  // T-P3: wait to be kicked (T-TO2: or leave after a timeout)
  out.notices.emplace_back(std::move(s));
}

void MembershipEngine::failed(notice::OperationFailed why, Actions& out) {
  // After a timed-out operation, the members that did confirm propose to
  // exclude the session members whose confirmation is missing (docs/extension-abort.md).
  const bool timedOut = (why.cause == notice::OperationFailed::Cause::Aborted &&
                         why.abortReason == greet::AbortReason::Timeout) ||
                        now_ - opStart_ >= cfg_.operationTimeout;
  if (timedOut && op_ && store_) {
    // Issue 14: the newcomers that never answered are marked, so that the
    // auto-include does not retry them in a loop (cleared when they leave).
    const auto& t = op_->tracker();
    const auto ms = members();
    for (std::size_t i = 0; i < t.members().size(); ++i) {
      const auto& m = t.members()[i];
      if (m == cfg_.self || has(ms, m) || t.authenticated(i)) continue;
      why.nonResponders.push_back(m);
      if (channel_.count(m)) nonResponders_.insert(m);
    }
    std::sort(why.nonResponders.begin(), why.nonResponders.end());
  }
  if (timedOut && op_ && op_->tracker().sessionFixed()) {
    const auto& t = op_->tracker();
    const auto me = t.indexOf(cfg_.self);
    if (me && t.authenticated(*me)) {
      const auto ms = members();
      for (std::size_t i = 0; i < t.members().size(); ++i)
        if (!t.authenticated(i) && has(ms, t.members()[i])) toExclude_.insert(t.members()[i]);
    }
  }
  clearOperation();
  out.notices.emplace_back(std::move(why));
  if (syncedByOp_ && !store_) {
    // The operation that synced us (T-EII) failed and we have no session: back
    // to waiting to be included, with everyone present as seniors.
    order_.onSelfLeft();
    seniors_ = channel_;
    seniors_.erase(cfg_.self);
    syncedByOp_ = false;
    if (seniors_.empty()) syncNew(out);
    return;
  }
  maybeAutoPropose(out);
}

}  // namespace mpenc::session
