// Membership driver: proposals, automatic proposals (T-LS, T-LOX, T-ES,
// A-25), timers (operation timeout, T-TO2). See membership.h.
#include <algorithm>

#include "mpenc/crypto/primitives.h"
#include "mpenc/session/membership.h"
#include "mpenc/session/membership_internal.h"

namespace mpenc::session {

using greet::GreetStatus;
using namespace membership_detail;

// JS taskExclude: exclude members who left (T-LS, T-LOX) or stalled, when idle.
// A member never proposes its own exclusion (T-P3); toExclude_ never holds us.
void MembershipEngine::maybeAutoPropose(Actions& out) {
  if (!inChannel_ || !synced() || excludedAt_ || own_ || order_.hasOngoingOp()) return;
  if (cfg_.autoExcludeLeavers && store_) {
    std::vector<std::string> target;
    bool any = false;
    for (const auto& m : store_->members()) {
      if (toExclude_.count(m) && m != cfg_.self)
        any = true;
      else
        target.push_back(m);
    }
    if (any) {
      if (auto r = propose(target)) {
        own_->automatic = true;
        for (auto& w : r->send) out.send.push_back(std::move(w));
      }
      return;
    }
  }
  if (cfg_.autoIncludeJoiners || cfg_.rejoining) {
    auto target = members();
    for (const auto& m : channel_)
      if (!has(target, m) && !excludedStayed_.count(m) && !nonResponders_.count(m) && autoIncludable(m))
        target.push_back(m);
    if (target.size() > members().size()) {
      if (auto r = propose(target)) {
        own_->automatic = true;
        for (auto& w : r->send) out.send.push_back(std::move(w));
      }
    }
  }
}

// ---- local requests ------------------------------------------------------------

Expected<Actions, ProposeError> MembershipEngine::propose(const std::vector<std::string>& target,
                                                          const std::vector<codec::MessageId>& latestPm) {
  if (!inChannel_) return fail(ProposeError{ProposeErrc::NotInChannel, "not in the channel"});
  if (!synced()) return fail(ProposeError{ProposeErrc::NotSynced, "waiting to be included"});
  if (excludedAt_) return fail(ProposeError{ProposeErrc::BeingExcluded, "we were excluded"});
  if (own_ || order_.hasOngoingOp())
    return fail(ProposeError{ProposeErrc::OperationOngoing, "one operation at a time (H-4)"});
  auto choice =
      greet::chooseOperation(cfg_.self, store_ ? store_->members() : std::vector<std::string>{}, target);
  if (!choice) return fail(ProposeError{mapGreetErrc(choice.error().code), choice.error().describe()});
  for (const auto& m : target)
    if (!channel_.count(m))
      return fail(ProposeError{ProposeErrc::TargetNotInChannel, m + " is not in the channel (H-3)"});
  Actions out;
  for (const auto& m : choice->included) {
    if (excludedStayed_.count(m))  // T-IAL: it must leave and reset first
      return fail(ProposeError{ProposeErrc::IncludesExcludedMember,
                               m + " was excluded and is still present: removing it from the room first",
                               {m}});
  }
  greet::Metadata md{*order_.prevPf(), *order_.prevCh(), latestPm};
  if (md.latestPm.empty() && cfg_.latestPm) md.latestPm = cfg_.latestPm();  // H-C2
  auto p = greeter_->propose(store_ ? &*store_ : nullptr, target, md, rng_);
  if (!p) return fail(ProposeError{mapGreetErrc(p.error().code), p.error().describe()});
  if (!order_.recordOwnProposal({md.prevPf, crypto::sha256(asBytes(p->wire))}))
    return fail(ProposeError{ProposeErrc::OperationOngoing, "a proposal is pending"});
  out.send.push_back(p->wire);
  own_ = std::make_unique<OwnPending>(OwnPending{std::move(*p), false});
  return out;
}

Expected<Actions, ProposeError> MembershipEngine::abortOperation() {
  const auto pI = order_.currentPi();
  if (!op_ || !pI) return fail(ProposeError{ProposeErrc::Greet, "no ongoing operation of ours"});
  auto w = op_->makeAbort(static_cast<int>(greet::AbortReason::UserCancel), *pI, abortUsable());
  if (!w) return fail(ProposeError{ProposeErrc::Greet, w.error().describe()});
  Actions out;
  out.send.push_back(std::move(*w));
  opActed_ = true;
  return out;
}

Actions MembershipEngine::onTimer(Millis now) {
  Actions out;
  now_ = std::max(now_, now);
  if (!inChannel_) return out;
  if (excludedAt_ && now_ - *excludedAt_ >= cfg_.excludedLeaveTimeout) {  // T-TO2
    out.leaveChannel = true;
    excludedAt_.reset();
    return out;
  }
  const auto pI = order_.currentPi();
  if (!op_ || !pI || opActed_ || op_->status() != GreetStatus::Pending) return out;
  // Stagger by rank in sorted M so that usually exactly one member acts.
  const auto ms = sorted(op_->members());
  const auto rank = static_cast<std::size_t>(std::find(ms.begin(), ms.end(), cfg_.self) - ms.begin());
  const Millis deadline =
      opStart_ + cfg_.operationTimeout + cfg_.timeoutStagger * static_cast<Millis::rep>(rank);
  if (now_ < deadline) return out;
  opActed_ = true;
  if (abortUsable()) {  // issue 14: a silent newcomer never makes a session member leave
    if (auto w = op_->makeAbort(static_cast<int>(greet::AbortReason::Timeout), *pI, true))
      out.send.push_back(std::move(*w));
  } else {  // v1 peers: leave; T-LOI makes it a failure for everyone
    out.leaveChannel = true;
    out.notices.emplace_back(notice::TimeoutLeave{*pI});
  }
  return out;
}

std::optional<Millis> MembershipEngine::nextDeadline() const {
  if (!inChannel_) return std::nullopt;
  if (excludedAt_) return *excludedAt_ + cfg_.excludedLeaveTimeout;  // T-TO2
  if (!op_ || !order_.currentPi() || opActed_ || op_->status() != GreetStatus::Pending) return std::nullopt;
  const auto ms = sorted(op_->members());
  const auto rank = static_cast<std::size_t>(std::find(ms.begin(), ms.end(), cfg_.self) - ms.begin());
  return opStart_ + cfg_.operationTimeout + cfg_.timeoutStagger * static_cast<Millis::rep>(rank);
}

Actions MembershipEngine::scheduleExclude(const std::string& member) {
  Actions out;
  if (member == cfg_.self || !store_ || !store_->pub.indexOf(member)) return out;
  toExclude_.insert(member);
  maybeAutoPropose(out);
  return out;
}

bool MembershipEngine::autoIncludable(const std::string& m) const {
  if (cfg_.autoIncludeVeto && cfg_.autoIncludeVeto(m)) return false;  // consent first
  return cfg_.autoIncludeJoiners || (cfg_.rejoining && cfg_.rejoining(m));
}

}  // namespace mpenc::session
