// Session: timers and user actions (see session.h).
#include <algorithm>
#include <utility>

#include "mpenc/session/session.h"
#include "mpenc/session/session_internal.h"

namespace mpenc::session {

using namespace session_detail;

// ---- timers --------------------------------------------------------------------------------

void Session::advance(Millis now) {
  now_ = std::max(now_, now);
  applyMembership(mem_.onTimer(now), now);
  if (current_) applyOutput(*current_, current_->sub->advance(now), now);
  // By index: applyOutput may retire the current subsession into previous_.
  for (std::size_t i = 0; i < previous_.size(); ++i) {  // NOLINT(modernize-loop-convert)
    Live& l = *previous_[i];
    applyOutput(l, l.sub->advance(now), now);
  }
  // W-2, once we have keys to try: while joining, everything is someone else's.
  if (current_ || !previous_.empty())
    for (auto& w : pending_.tick(now)) {
      if (now < rotationQuietUntil_ && stragglers_.count(w.sender) != 0) {
        deferredW2_.push_back(std::move(w));  // H-18: maybe an excluded member's last packets
        continue;
      }
      notify(std::nullopt, Notice{std::move(w)});
    }
  if (!deferredW2_.empty() && now >= rotationQuietUntil_) {
    for (auto& w : deferredW2_) {  // still here after the window: not a kicked excluded member
      if (mem_.inChannel() && mem_.channel().count(w.sender) != 0)
        notify(std::nullopt, Notice{std::move(w)});
      else  // gone: its last packets were for a subsession we were not in; nothing to keep
        pending_.dropFrom(w.sender);
    }
    deferredW2_.clear();
  }
  if (chainCheck_ && !chainCheck_->reported && now >= chainCheck_->deadline) {
    chainCheck_->reported = true;
    if (!chainCheck_->waiting.empty())  // W-9: missing chain-hash acks
      notify(chainCheck_->index,
             SessionNotice{event::ChainAckMissing{
                 chainCheck_->packetId, {chainCheck_->waiting.begin(), chainCheck_->waiting.end()}}});
  }
  if (joinDeadline_ && now >= *joinDeadline_) {  // T-TO1
    joinDeadline_.reset();
    if (!current_ && mem_.inChannel() && mem_.channel().size() > 1 && !mem_.operationOngoing()) {
      notify(std::nullopt, SessionNotice{event::Reentering{now}});
      leaveChannel(true);
    }
  }
  if (reenterAt_ && now >= *reenterAt_) {
    reenterAt_.reset();
    if (!mem_.inChannel() && !stopped_) channel_.enter();
  }
  reapPrevious(now);
  maybeFinishPart(now);
  updateState();
}

std::optional<Millis> Session::nextDeadline() const {
  std::optional<Millis> best;
  auto take = [&best](std::optional<Millis> t) {
    if (t && (!best || *t < *best)) best = t;
  };
  take(mem_.nextDeadline());
  if (current_) take(current_->sub->nextDeadline());
  for (const auto& l : previous_) take(l->sub->nextDeadline());
  if (current_ || !previous_.empty()) take(pending_.nextDeadline());
  if (!deferredW2_.empty()) take(rotationQuietUntil_);
  if (chainCheck_ && !chainCheck_->reported) take(chainCheck_->deadline);
  take(joinDeadline_);
  take(reenterAt_);
  return best;
}

// ---- user actions ------------------------------------------------------------------------------

void Session::join(Millis now) {
  now_ = std::max(now_, now);
  if (stopped_ || mem_.inChannel()) return;
  parting_ = false;
  channel_.enter();
}

Expected<MessageId, SessionError> Session::send(std::string text, Millis now) {
  now_ = std::max(now_, now);
  if (stopped_) return fail(SessionError{SessionErrc::Stopped, "this session was stopped", std::nullopt});
  if (!mem_.inChannel())
    return fail(SessionError{SessionErrc::NotInChannel, "not in the room", std::nullopt});
  if (parting_ || mem_.beingExcluded())
    return fail(SessionError{SessionErrc::Parting, "leaving the session", std::nullopt});
  if (!current_) return fail(SessionError{SessionErrc::NoSubsession, "nobody to send to yet", std::nullopt});
  auto r = current_->sub->sendPayload(std::move(text), now);
  if (!r) return fail(sendError(r.error()));
  MessageId id{};
  for (const auto& n : r->notices)
    if (const auto* d = std::get_if<Delivered>(&n); d && d->own) id = d->id;
  applyOutput(*current_, std::move(*r), now);
  updateState();
  return id;
}

Status<SessionError> Session::proposeTarget(const std::vector<std::string>& target, Millis now) {
  now_ = std::max(now_, now);
  if (stopped_) return fail(SessionError{SessionErrc::Stopped, "this session was stopped", std::nullopt});
  if (parting_) return fail(SessionError{SessionErrc::Parting, "leaving the session", std::nullopt});
  auto r = mem_.propose(target);
  if (!r) {
    for (const auto& k : r.error().kick) channel_.kick(k);  // T-IAL
    return fail(SessionError{SessionErrc::Propose, r.error().detail, r.error().code});
  }
  applyMembership(std::move(*r), now);
  updateState();
  return {};
}

Status<SessionError> Session::include(const std::vector<std::string>& members, Millis now) {
  for (const auto& m : members) {
    leaveIntent_.erase(m);
    claimants_.erase(m);  // W-10: the user includes a claimant again by hand
  }
  auto target = mem_.members();
  for (const auto& m : members) {
    if (!mem_.channel().count(m))
      return fail(SessionError{SessionErrc::UnknownMember, m + " is not in the room", std::nullopt});
    if (std::find(target.begin(), target.end(), m) == target.end()) target.push_back(m);
  }
  return proposeTarget(target, now);
}

Status<SessionError> Session::exclude(const std::vector<std::string>& members, Millis now) {
  for (const auto& m : members) rejoinable_.erase(m);  // the user's decision sticks
  auto target = mem_.members();
  for (const auto& m : members) {
    auto it = std::find(target.begin(), target.end(), m);
    if (it == target.end())
      return fail(SessionError{SessionErrc::UnknownMember, m + " is not a session member", std::nullopt});
    target.erase(it);
  }
  return proposeTarget(target, now);
}

Status<SessionError> Session::refresh(Millis now) {
  return proposeTarget(mem_.members(), now);
}

Status<SessionError> Session::abortOperation(Millis now) {
  now_ = std::max(now_, now);
  auto r = mem_.abortOperation();
  if (!r) return fail(SessionError{SessionErrc::Propose, r.error().detail, r.error().code});
  applyMembership(std::move(*r), now);
  updateState();
  return {};
}

Status<SessionError> Session::ackNow(Millis now) {
  now_ = std::max(now_, now);
  if (!current_) return fail(SessionError{SessionErrc::NoSubsession, "nothing to acknowledge", std::nullopt});
  auto r = current_->sub->sendExplicitAck(true, now);
  if (!r) return fail(sendError(r.error()));
  applyOutput(*current_, std::move(*r), now);
  return {};
}

Status<SessionError> Session::requestConsistency(Millis now) {
  now_ = std::max(now_, now);
  if (!current_) return fail(SessionError{SessionErrc::NoSubsession, "no subsession", std::nullopt});
  auto r = current_->sub->requestConsistency(now);
  if (!r) return fail(sendError(r.error()));
  applyOutput(*current_, std::move(*r), now);
  return {};
}

void Session::part(Millis now) {
  now_ = std::max(now_, now);
  joinDeadline_.reset();
  reenterAt_.reset();
  if (!mem_.inChannel()) return;
  parting_ = true;
  if (current_ && current_->sub->state() == SubsessionState::Active) {
    if (auto r = current_->sub->finLeave(now)) applyOutput(*current_, std::move(*r), now);
  }
  maybeFinishPart(now);
  updateState();
}

void Session::maybeFinishPart(Millis /*now*/) {
  if (!parting_ || !mem_.inChannel()) return;
  if (current_ && !terminal(current_->sub->state())) return;  // wait for our FINs
  leaveChannel(false);                                        // T-P4: solo only after leaving the channel
}

void Session::stop() {
  stopped_ = true;
  joinDeadline_.reset();
  reenterAt_.reset();
  leaveChannel(false);
}

}  // namespace mpenc::session
