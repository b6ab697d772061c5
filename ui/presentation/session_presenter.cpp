// SessionPresenter, part 1: the engine's notices → RoomState (protocol-rules.md
// §4). Part 2 (session_presenter_refresh.cpp) re-reads members, indicators and
// status from the session.
#include "ui/presentation/session_presenter.h"

#include <algorithm>
#include <type_traits>
#include <variant>

#include "ui/presentation/session_presenter_util.h"
#include "ui/presentation/wording.h"

namespace mpenc::present {

using namespace mpenc::session;  // NOLINT(google-build-using-namespace): notice names
using presenter_util::hexOf;
using presenter_util::qs;
using presenter_util::qsl;

SessionPresenter::SessionPresenter(std::function<const Session&()> session, RoomState* state, QObject* parent)
    : QObject(parent), session_(std::move(session)), state_(state) {
  // U-19: "no response for N s" counts up once a second while someone is silent.
  tick_.setInterval(1000);
  connect(&tick_, &QTimer::timeout, this, [this] {
    if (silentSinceMs_.isEmpty()) return;
    refreshMembers();
    refreshIndicators();
  });
  tick_.start();
  // History loaded before the rows shown moves every state row of ours.
  connect(state_, &RoomState::itemsPrepended, this, [this](int, int messages) { rowBase_ += messages; });
}

void SessionPresenter::setRoom(const QString& roomJid, const QString& title) {
  roomJid_ = roomJid;
  title_ = title;
  refreshStatus();
}

void SessionPresenter::setOwnFingerprint(const QString& fp) {
  state_->setOwnFingerprint(fp);
}

void SessionPresenter::setConnected(bool connected) {
  connected_ = connected;
  refreshStatus();
}

void SessionPresenter::setPlainOccupants(const QStringList& occupantIds) {
  plain_ = occupantIds;
  refreshMembers();
}

void SessionPresenter::setKey(const KeyView& key) {
  const auto previous = keys_.constFind(key.member);
  const bool newlyChanged =
      key.trust == Trust::Changed && (previous == keys_.constEnd() || previous->trust != Trust::Changed ||
                                      previous->fingerprint != key.fingerprint);
  keys_.insert(key.member, key);
  if (newlyChanged)  // loud, once per change
    notice(NoticeKind::KeyChanged, Severity::Warning, keyChangedNotice(nickOf(key.member)), {}, {key.member},
           actionCompareKeys());
  refreshMembers();
}

bool SessionPresenter::keyChangeUnresolved(const QString& member) const {
  const auto it = keys_.constFind(member);
  return it != keys_.constEnd() && it->trust == Trust::Changed;
}

// ---- transport-level inputs --------------------------------------------------------------

void SessionPresenter::onJoining() {
  inRoom_ = true;
  leftDetail_.clear();
  refreshStatus();
}

void SessionPresenter::onLeft(LeaveReason reason, const QString& detail) {
  inRoom_ = false;
  leftDetail_ = leaveReasonText(reason, detail);
  notice(NoticeKind::Info, reason == LeaveReason::Requested ? Severity::Info : Severity::Warning,
         leftDetail_);
  refresh();
}

void SessionPresenter::onJoinFailed(const QString& detail) {
  inRoom_ = false;
  leftDetail_ = joinFailedText(detail);
  notice(NoticeKind::Info, Severity::Warning, leftDetail_);
  refresh();
}

void SessionPresenter::onUnencryptedMessage(const QString& from, const QString& text) {
  notice(NoticeKind::Info, Severity::Warning, unencryptedMessageText(nickOf(from), text), {}, {from});
}

void SessionPresenter::onTransportWarning(const QString& text) {
  notice(NoticeKind::Warning, Severity::Warning, text);
}

void SessionPresenter::onKickFailed(const QString& member, const QString& text) {
  notice(NoticeKind::Warning, Severity::Warning, kickFailedText(nickOf(member), text), {}, {member});
}

void SessionPresenter::onActionNotice(NoticeKind kind, Severity severity, const QString& text,
                                      const QStringList& members) {
  notice(kind, severity, text, {}, members);
}

void SessionPresenter::notice(NoticeKind kind, Severity severity, const QString& text, const QString& code,
                              const QStringList& members, const QString& action) {
  TranscriptItem it;
  it.kind = TranscriptItem::Kind::Notice;
  it.notice = kind;
  it.severity = severity;
  it.text = text;
  it.code = code;
  it.members = members;
  it.action = action;
  it.received = QDateTime::currentDateTime();
  state_->appendNotice(std::move(it));
}

void SessionPresenter::clearNotRespondingActions(const std::function<bool(const QString&)>& member) {
  // A W-8 line's "Remove from the session" is done once the member answers
  // or a new subsession (without it, or judging it afresh) started.
  for (int i = 0; i < state_->itemCount(); ++i) {
    const TranscriptItem& it = state_->item(i);
    if (it.isMessage() || it.code != QLatin1String("W-8") || it.action.isEmpty() || it.members.isEmpty())
      continue;
    if (member(it.members.first())) state_->clearAction(i);
  }
}

void SessionPresenter::fatal(const QString& code, const QString& text) {
  // U-22: a clear session-level error, with the way out.
  fatal_ = true;
  fatalText_ = text;
  notice(NoticeKind::Fatal, Severity::Fatal, text, code, {}, actionStartNewSession());
}

// ---- the session's notices ------------------------------------------------------------------

void SessionPresenter::sessionChanged() {
  const Session* s = &session_();
  if (s == seen_) return;
  // A new Session (rebuilt by the room): its log starts again; the rows shown
  // so far stay, the per-session bookkeeping does not.
  seen_ = s;
  firstLogRow_ = s->log().size();
  rowBase_ = state_->messageCount() - static_cast<int>(firstLogRow_);
  waitingRows_.clear();
  unackedRows_.clear();
  heldMissing_.clear();
  heldMessages_.clear();
  pending_.clear();
  operation_.clear();
  silentSinceMs_.clear();
  unreadable_ = 0;
  fatal_ = false;
  fatalText_.clear();
  lastMembers_.clear();
  since_ = {};
}

int SessionPresenter::stateRow(std::size_t logRow) const {
  if (logRow < firstLogRow_) return -1;
  const int row = rowBase_ + static_cast<int>(logRow);
  return row >= 0 && row < state_->messageCount() ? row : -1;
}

void SessionPresenter::onSessionEvent(const SessionEvent& event) {
  sessionChanged();
  bool delivery = false;
  std::visit(
      [&](const auto& w) {
        using W = std::decay_t<decltype(w)>;
        if constexpr (std::is_same_v<W, Notice>) {
          delivery = std::holds_alternative<Delivered>(w) || std::holds_alternative<FullyAcked>(w);
          onNotice(w);
        } else if constexpr (std::is_same_v<W, MembershipNotice>) {
          onMembershipNotice(w);
        } else {
          onSubsessionNotice(w);
        }
      },
      event.what);
  // Deliveries and acks change only the indicators; everything else may
  // change members and status too.
  if (delivery)
    refreshIndicators();
  else
    refresh();
}

void SessionPresenter::onDelivered(const Delivered& d) {
  const QString id = hexOf(d.id);
  if (heldMissing_.remove(id) > 0) heldMessages_.remove(id);  // the held message made it (C-14)
  const auto& log = session_().log();
  // U-4: hidden kinds (acks, FIN, Consistency, heartbeats, chain acks) have no
  // row and are never items. U-12: only delivered content is ever shown.
  if (d.log && d.log->appended && *d.log->appended < log.size()) {
    const std::size_t r = *d.log->appended;
    if (rowBase_ + static_cast<int>(r) != state_->messageCount() || r < firstLogRow_) {
      // Rows we never saw (the presenter came late): the next one is shown next.
      rowBase_ = state_->messageCount() - static_cast<int>(r);
      firstLogRow_ = r;
      waitingRows_.clear();
      unackedRows_.clear();
    }
    const transcript::LogRow& lr = log.row(r);
    TranscriptItem it;
    it.id = id;
    it.author = qs(d.author);
    it.authorName = nickOf(it.author);
    it.own = d.own;
    it.text = qs(d.body.content);
    it.mentionsMe = !it.own && mentions(it.text, nickOf(qs(session_().self())));
    it.received = QDateTime::currentDateTime();  // U-23: local receipt time (v1 bodies claim none)
    it.subsession = static_cast<int>(lr.subsession);
    for (const auto p : lr.displayParents)  // C-22
      if (const int sr = stateRow(p); sr >= 0) it.parentRows << sr;
    std::sort(it.parentRows.begin(), it.parentRows.end());
    if (lr.highlight)  // U-2: [k] markers; none for {1}, the first row, rows without parents
      for (const auto k : lr.offsets) it.offsets << static_cast<int>(k);
    it.readers = qsl(lr.readers);
    it.unackedBy = qsl(lr.unackedBy);
    it.ack = lr.fullyAcked ? AckState::FullyAcked : AckState::Young;
    // U-6: sent to another membership than the one shown here. The log's
    // readers leave out the author (C-8): its membership is readers + author.
    QStringList shown = lastMembers_.isEmpty() ? qsl(session_().members()) : lastMembers_;
    QStringList membership = it.readers;
    if (!membership.contains(it.author)) membership << it.author;
    std::sort(shown.begin(), shown.end());
    std::sort(membership.begin(), membership.end());
    it.differentMembership = membership != shown;
    state_->appendMessage(std::move(it));
    if (!lr.fullyAcked) unackedRows_.insert(static_cast<int>(r));
  }
  if (d.log)
    for (const auto c : d.log->changed) updateAck(c, false);
}

void SessionPresenter::updateAck(std::size_t logRow, bool fullyAcked) {
  const auto& log = session_().log();
  if (logRow >= log.size()) return;
  const int sr = stateRow(logRow);
  if (sr < 0) return;
  const transcript::LogRow& lr = log.row(logRow);
  const int key = static_cast<int>(logRow);
  if (lr.fullyAcked || fullyAcked) {
    unackedRows_.remove(key);
    state_->setAck(sr, {}, AckState::FullyAcked);                                // U-15
    if (waitingRows_.remove(key)) state_->clearMark(sr, QStringLiteral("W-3"));  // cancelled late
    return;
  }
  const QStringList unacked = qsl(lr.unackedBy);  // U-16: live
  const bool waiting = waitingRows_.contains(key);
  state_->setAck(sr, unacked, waiting ? AckState::Waiting : AckState::Young);
  if (waiting) state_->addMark(sr, {QStringLiteral("W-3"), notFullyAckedMark(nicksOf(unacked)), false});
}

void SessionPresenter::markRows(const std::vector<MessageId>& ids, const MessageMark& mark) {
  const auto& log = session_().log();
  for (const auto& id : ids)
    if (const auto row = log.rowOf(id))
      if (const int sr = stateRow(*row); sr >= 0) state_->addMark(sr, mark);
}

void SessionPresenter::onNotice(const Notice& n) {
  const Session& s = session_();
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, Delivered>) {
          onDelivered(x);
        } else if constexpr (std::is_same_v<T, FullyAcked>) {
          if (const auto row = s.log().rowOf(x.id)) updateAck(*row, true);
        } else if constexpr (std::is_same_v<T, NotFullyAcked>) {
          // W-3 (U-15): persistent on the message until the full ack. Hidden
          // kinds have no row (U-4); their trouble surfaces as W-6.
          const auto row = s.log().rowOf(x.id);
          if (!row || stateRow(*row) < 0) return;
          waitingRows_.insert(static_cast<int>(*row));
          const int sr = stateRow(*row);
          const QStringList unacked = qsl(x.unackedBy);
          state_->setAck(sr, unacked, AckState::Waiting);
          state_->addMark(sr, {QStringLiteral("W-3"), notFullyAckedMark(nicksOf(unacked)), false});
        } else if constexpr (std::is_same_v<T, HeldMessageLate>) {
          const QString held = hexOf(x.held);
          QSet<QString> missing;
          for (const auto& m : x.missing) missing.insert(hexOf(m));
          heldMissing_.insert(held, missing);
          heldMessages_.insert(held);
          notice(NoticeKind::Warning, Severity::Warning,
                 heldMessageLateText(nickOf(qs(x.author)), x.missing.size()), QStringLiteral("W-1"),
                 {qs(x.author)});
        } else if constexpr (std::is_same_v<T, HeldMessageResolved>) {
          const QString arrived = hexOf(x.arrived);
          bool resolved = false;
          for (auto it = heldMissing_.begin(); it != heldMissing_.end();) {
            it->remove(arrived);
            if (it->isEmpty()) {
              heldMessages_.remove(it.key());
              it = heldMissing_.erase(it);
              resolved = true;
            } else {
              ++it;
            }
          }
          if (resolved) notice(NoticeKind::Info, Severity::Success, heldMessageResolvedText());
        } else if constexpr (std::is_same_v<T, Undecryptable>) {
          unreadable_ += static_cast<int>(x.count);
          notice(NoticeKind::Warning, Severity::Warning, undecryptableText(nickOf(qs(x.sender)), x.count),
                 QStringLiteral("W-2"), {qs(x.sender)});
        } else if constexpr (std::is_same_v<T, InvalidMessage>) {
          unreadable_ += 1;
          notice(NoticeKind::Warning, Severity::Warning, invalidMessageText(nickOf(qs(x.source))),
                 QStringLiteral("W-4"), {qs(x.source)});
        } else if constexpr (std::is_same_v<T, ForkDetected>) {
          fatal(QStringLiteral("W-5"), forkDetectedText(nickOf(qs(x.author))));
        } else if constexpr (std::is_same_v<T, FinNotConfirmed>) {
          markRows(x.unconfirmed, {QStringLiteral("W-6"), finNotConfirmedMark(), true});  // U-18
          notice(NoticeKind::Warning, Severity::Warning, finNotConfirmedText(x.unconfirmed.size()),
                 QStringLiteral("W-6"));
        } else if constexpr (std::is_same_v<T, ContentAfterFin>) {
          markRows({x.id}, {QStringLiteral("W-7"), contentAfterFinMark(), true});  // U-18
        } else if constexpr (std::is_same_v<T, MemberNotResponding>) {
          // U-19: greyed with "no response for N s", counted from when the
          // engine last heard it (its clock is not ours: silentFor is a span).
          // One line for the member (W-8), not one per unacked message.
          const QString member = qs(x.member);
          const bool already = silentSinceMs_.contains(member);
          silentSinceMs_.insert(member, QDateTime::currentMSecsSinceEpoch() - x.silentFor.count());
          if (!already)
            notice(NoticeKind::Warning, Severity::Warning,
                   memberNotRespondingText(nickOf(member), static_cast<int>(x.silentFor.count() / 1000)),
                   QStringLiteral("W-8"), {member}, actionRemoveFromSession());
        } else if constexpr (std::is_same_v<T, MemberResponding>) {
          if (silentSinceMs_.remove(qs(x.member)) > 0) {
            clearNotRespondingActions([&](const QString& m) { return m == qs(x.member); });
            notice(NoticeKind::Info, Severity::Success, memberRespondingText(nickOf(qs(x.member))), {},
                   {qs(x.member)});
          }
        } else if constexpr (std::is_same_v<T, PeerFin>) {
          if (x.leaveIntent)
            notice(NoticeKind::Info, Severity::Info, peerLeavingText(nickOf(qs(x.member))), {},
                   {qs(x.member)});
        } else {
          static_assert(std::is_same_v<T, StateChanged>);  // status only (refreshStatus)
        }
      },
      n);
}

void SessionPresenter::onMembershipNotice(const MembershipNotice& n) {
  const Session& s = session_();
  const QString self = qs(s.self());
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, notice::ProposalAccepted>) {
          if (!x.automatic) notice(NoticeKind::OperationAccepted, Severity::Progress, proposalAcceptedText());
        } else if constexpr (std::is_same_v<T, notice::ProposalRejected>) {
          // U-11: no automatic retry, only the suggestion to propose again.
          if (!x.automatic)
            notice(NoticeKind::OperationRejected, Severity::Warning,
                   proposalRejectedText(x.winner.has_value()));
        } else if constexpr (std::is_same_v<T, notice::OperationStarted>) {
          const QStringList target = qsl(x.members);
          // Relative to the membership shown (the session may be ahead of us).
          const QStringList current =
              !s.current() ? QStringList{self} : (lastMembers_.isEmpty() ? qsl(s.members()) : lastMembers_);
          QStringList added, removed;
          for (const auto& m : target)
            if (!current.contains(m)) added << m;
          for (const auto& m : current)
            if (!target.contains(m)) removed << m;
          const bool ours = qs(x.initiator) == self;
          const bool youAdded = added.removeAll(self) > 0;
          const bool youRemoved = x.excludesUs || removed.removeAll(self) > 0;
          bool youJoin = youAdded;
          if (!s.current() && !ours) {
            // We are the joiner: we do not know who is in the session yet, so
            // the change is "adding you" (not "adding everyone in the room").
            added.clear();
            removed.clear();
            youJoin = true;
          }
          pending_.clear();
          for (const auto& m : added) pending_.insert(m, beingAddedText());
          for (const auto& m : removed) pending_.insert(m, beingRemovedText());
          operation_ = operationStatusText(nicksOf(added), nicksOf(removed));
          QString text = operationStartedText(ours ? QString() : nickOf(qs(x.initiator)), nicksOf(added),
                                              nicksOf(removed), youJoin && !ours, youRemoved && !ours);
          if (ours && !removed.isEmpty())  // U-8: the old membership still reads along
            text += QLatin1Char(' ') + excludeStillReachesText(nicksOf(removed));
          notice(NoticeKind::OperationStarted, Severity::Progress, text, {}, added + removed);
        } else if constexpr (std::is_same_v<T, notice::OperationSucceeded>) {
          QStringList included = qsl(x.included);
          const QStringList excluded = qsl(x.excluded);
          const bool youIncluded = included.removeAll(self) > 0;
          pending_.clear();
          operation_.clear();
          // The first session we are in is announced once, by SubsessionStarted
          // ("Encrypted session established with …"), not twice.
          const bool first = lastMembers_.size() < 2 || !lastMembers_.contains(self);
          if (first && !x.weAreExcluded) return;
          // U-5: the change completed; from here on, the new membership reads along.
          QString text =
              operationSucceededText(nicksOf(included), nicksOf(excluded), youIncluded, x.weAreExcluded);
          if (!x.weAreExcluded && !x.members.empty())
            text += QLatin1Char(' ') + readableByText(static_cast<int>(x.members.size()));
          notice(NoticeKind::OperationSucceeded, Severity::Success, text, {}, included + excluded);
        } else if constexpr (std::is_same_v<T, notice::OperationFailed>) {
          pending_.clear();
          operation_.clear();
          using C = notice::OperationFailed::Cause;
          QString text;
          QStringList who;
          if (x.cause == C::MemberLeft) {
            who = qsl(x.leavers);
            text = operationFailedText(FailCause::MemberLeft, nicksOf(who));
          } else if (x.cause == C::Aborted) {
            if (!x.abortedBy.empty()) who << qs(x.abortedBy);
            if (!x.nonResponders.empty()) {  // issue 14: say who never answered
              who = qsl(x.nonResponders);
              text = nonResponderText(nicksOf(who));
            } else {
              text = x.abortReason == greet::AbortReason::Timeout
                         ? operationFailedText(FailCause::TimedOut)
                         : operationFailedText(FailCause::Aborted, nicksOf(who));
            }
          } else {
            text = operationFailedText(FailCause::SelfLeft);
          }
          notice(NoticeKind::OperationFailed, Severity::Warning, text, {}, who);
        } else if constexpr (std::is_same_v<T, notice::ChainMismatch>) {
          notice(NoticeKind::Warning, Severity::Warning, chainMismatchText(), QStringLiteral("W-9"));
        } else if constexpr (std::is_same_v<T, notice::PacketRejected>) {
          // Our own greeting packets come back after the operation moved on
          // (a confirmation overtaken by another member's proposal): normal
          // in a busy room and nothing the user can act on, so not a line.
          if (x.sender == session_().self()) return;
          notice(NoticeKind::Warning, Severity::Warning, packetRejectedText(nickOf(qs(x.sender))), {},
                 {qs(x.sender)});
        } else if constexpr (std::is_same_v<T, notice::JoinRequest>) {
          // U-10: offer to invite them.
          const QStringList who = qsl(x.members);
          notice(NoticeKind::JoinRequest, Severity::Info, joinRequestText(nicksOf(who)), {}, who,
                 actionInvite());
        } else if constexpr (std::is_same_v<T, notice::TimeoutLeave>) {
          notice(NoticeKind::Info, Severity::Warning, timeoutLeaveText());
        } else {
          static_assert(std::is_same_v<T, notice::SyncedNew> || std::is_same_v<T, notice::Synced>);
        }
      },
      n);
}

void SessionPresenter::onSubsessionNotice(const SessionNotice& n) {
  const Session& s = session_();
  const QString self = qs(s.self());
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, event::SubsessionStarted>) {
          // The first subsession we are in gets its "established" line; later
          // ones follow a membership change, whose notice says it (U-5).
          const bool fresh = lastMembers_.isEmpty() || !lastMembers_.contains(self);
          lastMembers_ = qsl(x.members);  // the membership shown from here on (U-6)
          since_ = QDateTime::currentDateTime();
          unreadable_ = 0;         // W-2 "recently": counted per subsession
          silentSinceMs_.clear();  // W-8 is judged per subsession: a new one starts fresh
          clearNotRespondingActions([](const QString&) { return true; });
          pending_.clear();
          operation_.clear();
          if (!s.stopped()) {  // W-5 stopped the previous subsession only; the engine went on
            fatal_ = false;
            fatalText_.clear();
          }
          // U-10: an "Invite" offered for someone who is now in the session is done.
          for (int i = 0; i < state_->itemCount(); ++i) {
            const TranscriptItem& it = state_->item(i);
            if (it.isMessage() || it.notice != NoticeKind::JoinRequest || it.action.isEmpty()) continue;
            bool allIn = !it.members.isEmpty();
            for (const auto& m : it.members) allIn = allIn && lastMembers_.contains(m);
            if (allIn) state_->clearAction(i);
          }
          QStringList others = lastMembers_;
          others.removeAll(self);
          if (fresh)
            notice(NoticeKind::SessionStarted, Severity::Success, sessionStartedText(nicksOf(others)), {},
                   lastMembers_);
        } else if constexpr (std::is_same_v<T, event::SubsessionEnded>) {
          const auto& log = s.log();
          for (auto it = unackedRows_.begin(); it != unackedRows_.end();) {
            const auto r = static_cast<std::size_t>(*it);
            if (r < log.size() && log.row(r).subsession == x.index) {
              waitingRows_.remove(*it);  // its marks stay; nothing will update it any more
              it = unackedRows_.erase(it);
            } else {
              ++it;
            }
          }
          // A subsession replaced by the next one ends quietly (SessionStarted said it).
          const auto cur = s.currentIndex();
          if (!cur || *cur == x.index) {
            notice(NoticeKind::SessionEnded, x.consistent ? Severity::Info : Severity::Warning,
                   sessionEndedText(x.consistent));
            lastMembers_.clear();  // the next subsession is a fresh start
          }
        } else if constexpr (std::is_same_v<T, event::ChainHashMismatch>) {
          notice(NoticeKind::Warning, Severity::Warning, chainHashMismatchText(nickOf(qs(x.member))),
                 QStringLiteral("W-9"), {qs(x.member)});
        } else if constexpr (std::is_same_v<T, event::ChainAckMissing>) {
          const QStringList who = qsl(x.missing);
          notice(NoticeKind::Warning, Severity::Warning, chainAckMissingText(nicksOf(who)),
                 QStringLiteral("W-9"), who);
        } else if constexpr (std::is_same_v<T, event::TranscriptBroken>) {
          if (x.continuing)  // the claimant is being excluded; the session goes on (U-22 not needed)
            notice(NoticeKind::Warning, Severity::Warning,
                   transcriptBrokenContinuingText(x.unknown.size(), nickOf(qs(x.claimant))),
                   QStringLiteral("W-10"), {qs(x.claimant)});
          else
            fatal(QStringLiteral("W-10"), transcriptBrokenText(x.unknown.size()));
        } else if constexpr (std::is_same_v<T, event::InconsistentDropped>) {
          markRows(x.unacked, {QStringLiteral("W-11"), inconsistentDroppedMark(), true});  // U-18
          notice(NoticeKind::Warning, Severity::Warning, inconsistentDroppedText(x.unacked.size()),
                 QStringLiteral("W-11"));
        } else if constexpr (std::is_same_v<T, event::PeerError>) {
          // An unauthenticated report could come from anyone in the room: not shown.
          if (x.authenticated)
            notice(NoticeKind::Warning, Severity::Warning,
                   peerErrorText(nickOf(qs(x.sender)), x.severity == codec::Severity::Terminal), {},
                   {qs(x.sender)});
        } else if constexpr (std::is_same_v<T, event::Reentering>) {
          reentered_ = true;
          notice(NoticeKind::Info, Severity::Progress, reenteringText());
        } else {
          static_assert(std::is_same_v<T, event::SessionStateChanged> ||
                        std::is_same_v<T, event::ChainConfirmed>);
        }
      },
      n);
}

}  // namespace mpenc::present
