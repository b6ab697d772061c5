// SessionPresenter, part 2: members, summary indicators (U-20) and the room
// status, re-read from the session. Signals are emitted only on change, so the
// 1 s tick and every notice may call these freely.
#include <algorithm>
#include <set>

#include "ui/presentation/session_presenter.h"
#include "ui/presentation/session_presenter_util.h"
#include "ui/presentation/wording.h"

namespace mpenc::present {

using namespace mpenc::session;  // NOLINT(google-build-using-namespace)
using presenter_util::hexOf;
using presenter_util::qs;
using presenter_util::qsl;

namespace {

bool same(const MemberInfo& a, const MemberInfo& b) {
  return a.id == b.id && a.name == b.name && a.self == b.self && a.inSession == b.inSession &&
         a.inRoom == b.inRoom && a.plain == b.plain && a.trust == b.trust && a.fingerprint == b.fingerprint &&
         a.previousFingerprint == b.previousFingerprint && a.responsive == b.responsive &&
         a.silentForS == b.silentForS && a.pending == b.pending;
}

bool same(const QVector<MemberInfo>& a, const QVector<MemberInfo>& b) {
  if (a.size() != b.size()) return false;
  for (int i = 0; i < a.size(); ++i)
    if (!same(a[i], b[i])) return false;
  return true;
}

bool same(const Indicators& a, const Indicators& b) {
  return a.nothingMissing == b.nothingMissing && a.held == b.held && a.unreadable == b.unreadable &&
         a.everyoneResponsive == b.everyoneResponsive && a.unresponsive == b.unresponsive &&
         a.allAcked == b.allAcked && a.awaitingAcks == b.awaitingAcks;
}

bool same(const RoomStatus& a, const RoomStatus& b) {
  return a.phase == b.phase && a.roomJid == b.roomJid && a.title == b.title && a.encrypted == b.encrypted &&
         a.sessionId == b.sessionId && a.members == b.members && a.since == b.since &&
         a.canSend == b.canSend && a.cannotSendReason == b.cannotSendReason && a.operation == b.operation &&
         a.detail == b.detail && a.maxMessageBytes == b.maxMessageBytes &&
         a.waitingToBeIncluded == b.waitingToBeIncluded;
}

}  // namespace

void SessionPresenter::refresh() {
  sessionChanged();
  refreshMembers();
  refreshIndicators();
  refreshStatus();
}

void SessionPresenter::refreshMembers() {
  const Session& s = session_();
  const QString self = qs(s.self());
  const bool inSubsession = s.current() != nullptr;
  const qint64 now = QDateTime::currentMSecsSinceEpoch();
  QVector<MemberInfo> out;
  std::set<QString> listed;
  auto add = [&](const QString& id, bool inSession, bool inRoom, bool plain) {
    if (!listed.insert(id).second) return;
    MemberInfo m;
    m.id = id;
    m.name = nickOf(id);
    m.self = id == self;
    m.inSession = inSession;
    m.inRoom = inRoom;
    m.plain = plain;
    if (const auto k = keys_.constFind(id); k != keys_.constEnd()) {
      m.trust = k->trust;
      m.fingerprint = k->fingerprint;
      m.previousFingerprint = k->previousFingerprint;
    }
    if (const auto q = silentSinceMs_.constFind(id); q != silentSinceMs_.constEnd() && inSession) {
      // U-19 / W-8: counted from the warning (the engine's clock is not ours).
      m.responsive = false;
      m.silentForS = static_cast<int>(std::max<qint64>(0, now - *q) / 1000);
    }
    m.pending = pending_.value(id);
    out.push_back(std::move(m));
  };
  const auto& channel = s.channelMembers();
  // The session members (us first), then the channel members not in the
  // session, then plain occupants without mpENC.
  add(self, inSubsession, s.inChannel(), false);
  for (const auto& id : s.members()) {
    const QString q = qs(id);
    add(q, inSubsession, channel.count(id) != 0, false);
  }
  for (const auto& id : channel) add(qs(id), false, true, false);
  for (const auto& id : plain_) add(id, false, true, true);
  if (!same(out, state_->members())) state_->setMembers(std::move(out));
}

void SessionPresenter::refreshIndicators() {
  const Session& s = session_();
  Indicators i;
  i.held = static_cast<int>(heldMessages_.size());
  i.unreadable = unreadable_;
  i.nothingMissing = i.held == 0 && i.unreadable == 0;  // U-20 (a)
  QStringList members;
  if (s.current())
    for (const auto& m : s.members()) members << qs(m);
  for (auto it = silentSinceMs_.constBegin(); it != silentSinceMs_.constEnd(); ++it)
    if (members.contains(it.key())) i.unresponsive << nickOf(it.key());
  std::sort(i.unresponsive.begin(), i.unresponsive.end());
  i.everyoneResponsive = i.unresponsive.isEmpty();  // U-20 (b)
  i.awaitingAcks = static_cast<int>(unackedRows_.size());
  i.allAcked = i.awaitingAcks == 0;  // U-20 (c)
  if (!same(i, state_->indicators())) state_->setIndicators(i);
}

void SessionPresenter::refreshStatus() {
  const Session& s = session_();
  RoomStatus st = state_->status();  // keeps what only the room sets (encrypted, maxMessageBytes)
  st.roomJid = roomJid_;
  st.title = title_;
  const QString self = qs(s.self());
  bool others = false;
  for (const auto& m : s.channelMembers()) others = others || qs(m) != self;
  const bool stopped = fatal_ || s.stopped();
  const SessionState ss = s.state();
  if (stopped)
    st.phase = Phase::Stopped;  // U-22
  else if (!connected_ && ss == SessionState::Parted)
    st.phase = Phase::Offline;
  else if (ss == SessionState::Parting)
    st.phase = Phase::Parting;
  else if (ss == SessionState::Parted)
    st.phase = inRoom_ ? Phase::Joining : Phase::Left;
  else if (ss == SessionState::Joining)
    st.phase = others ? Phase::Establishing : Phase::Alone;
  else
    st.phase = Phase::Established;

  const Subsession* sub = s.current();
  const auto sid = s.sessionId();
  st.sessionId = sub && sid ? hexOf(*sid) : QString();
  st.members = sub ? static_cast<int>(s.members().size()) : 0;
  if (sub && !since_.isValid()) since_ = QDateTime::currentDateTime();
  st.since = sub ? since_ : QDateTime();

  // Sending works exactly when the engine accepts a message (U-8: a running
  // operation does not block it; it still goes to the current members).
  st.canSend = false;
  switch (st.phase) {
    case Phase::Stopped:
      st.cannotSendReason = cannotSendStoppedText();
      break;
    case Phase::Offline:
      st.cannotSendReason = cannotSendOfflineText();
      break;
    case Phase::Joining:
    case Phase::Left:
      st.cannotSendReason = cannotSendNotJoinedText();
      break;
    case Phase::Alone:
      st.cannotSendReason = cannotSendAloneText();
      break;
    case Phase::Establishing:
      st.cannotSendReason = cannotSendEstablishingText();
      break;
    case Phase::Parting:
      st.cannotSendReason = cannotSendPartingText();
      break;
    case Phase::Established:
      if (!sub || s.membership().beingExcluded() || sub->state() != SubsessionState::Active) {
        st.cannotSendReason = cannotSendPartingText();
      } else {
        st.canSend = true;
        st.cannotSendReason.clear();
      }
      break;
  }
  st.operation = s.operationOngoing() ? operation_ : QString();
  if (stopped)
    st.detail = fatalText_.isEmpty() ? cannotSendStoppedText() : fatalText_;
  else if (st.phase == Phase::Left || st.phase == Phase::Offline)
    st.detail = leftDetail_;
  else
    st.detail.clear();
  // In the room with others, nobody adding us: say so instead of a spinner
  // that never ends (T-TO1 re-enters now and then to ask again).
  if (sub) reentered_ = false;
  st.waitingToBeIncluded = st.phase == Phase::Establishing && !sub && !s.operationOngoing();
  if (st.waitingToBeIncluded) st.detail = reentered_ ? stillNotIncludedText() : waitingToBeIncludedText();
  if (!same(st, state_->status())) state_->setStatus(st);
}

}  // namespace mpenc::present
