#include "xmpp/xmpp_room.h"

#include <QCoreApplication>
#include <QPointer>
#include <utility>

#include "xmpp/account_connection.h"
#include "xmpp/room_history.h"
#include "xmpp/trust_store.h"

namespace mpenc::xmpp {

using mpenc::present::ActionOutcome;
using mpenc::present::LeaveReason;
using mpenc::present::NoticeKind;
using mpenc::present::Severity;

namespace {

constexpr int kRestartWaitMs = 8000;  // startNewSession: wait for the old session's leave
constexpr int kRejoinAfterMs = 1500;  // a forced replacement: let the old leave reach the room first
constexpr int kRejoinCheckMs = 5000;  // after a reconnect: the channel should be back by then
constexpr int kLeaveWaitMs = 10000;   // leave(): double FIN, then the room's answer

/// The translation context of the texts below (lupdate reads it too).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(mpenc::xmpp::XmppRoom)
};

mpenc::present::Trust trustOf(SessionHost::KeyTrust t) {
  switch (t) {
    case SessionHost::KeyTrust::New:
    case SessionHost::KeyTrust::Pinned:
      return mpenc::present::Trust::Unverified;
    case SessionHost::KeyTrust::Verified:
      return mpenc::present::Trust::Verified;
    case SessionHost::KeyTrust::Changed:
      return mpenc::present::Trust::Changed;
    case SessionHost::KeyTrust::Unknown:
      return mpenc::present::Trust::Unknown;
  }
  return mpenc::present::Trust::Unknown;
}

/// SessionHost reports a refused proposal as "propose" with the ProposeErrc
/// name first in the detail ("NotSynced: waiting to be included").
QString explainPropose(const QString& detail) {
  const QString code = detail.section(QLatin1Char(':'), 0, 0).trimmed();
  if (code == QLatin1String("NotSynced"))
    return Tr::tr(
        "You are waiting to be included by the members who were in the room before you. Once you are "
        "in the encrypted session you can add others.");
  if (code == QLatin1String("OperationOngoing"))
    return Tr::tr("Another change to the encrypted session is running. Try again when it is finished.");
  if (code == QLatin1String("BeingExcluded"))
    return Tr::tr("You are being removed from this encrypted session, so you cannot change it now.");
  if (code == QLatin1String("TargetNotInChannel"))
    return Tr::tr("Someone you chose is not in the room any more. Check the member list and try again.");
  if (code == QLatin1String("IncludesExcludedMember"))
    return Tr::tr(
        "Someone you chose was just removed and still has to leave the room. Try again in a moment.");
  if (code == QLatin1String("IncludeAndExclude"))
    return Tr::tr("Add and remove people in two separate steps.");
  if (code == QLatin1String("SelfExclusion"))
    return Tr::tr("To leave the encrypted session, leave the room instead.");
  if (code == QLatin1String("NoChange"))
    return Tr::tr("Nothing to change: the people you chose are in the encrypted session already.");
  if (code == QLatin1String("NotInChannel"))
    return Tr::tr("You are not in the room. Wait for the room to be joined again or rejoin it.");
  return Tr::tr("The change could not be proposed now. Try again in a moment.");
}

QString withDetail(const QString& sentence, const QString& detail) {
  return detail.isEmpty() ? sentence : sentence + QLatin1Char(' ') + Tr::tr("(Details: %1.)").arg(detail);
}

}  // namespace

XmppRoom::XmppRoom(AccountConnection* account, const QString& roomJid, const QString& nick,
                   const mpenc::crypto::Ed25519KeyPair& identity, const SessionHostOptions& options,
                   TrustStore* trust, QObject* parent)
    : RoomBackend(parent),
      account_(account),
      roomJid_(roomJid.trimmed().toLower()),
      nick_(nick.trimmed()),
      identity_(identity.clone()),
      options_(options),
      trust_(trust) {
  restartTimer_.setSingleShot(true);
  restartTimer_.setInterval(kRestartWaitMs);
  connect(&restartTimer_, &QTimer::timeout, this, &XmppRoom::rebuild);
  rejoinCheck_.setSingleShot(true);
  rejoinCheck_.setInterval(kRejoinCheckMs);
  connect(&rejoinCheck_, &QTimer::timeout, this, &XmppRoom::checkRejoined);
  leaveTimer_.setSingleShot(true);
  leaveTimer_.setInterval(kLeaveWaitMs);
  connect(&leaveTimer_, &QTimer::timeout, this, &XmppRoom::finishLeave);

  connect(account_, &AccountConnection::connected, this, &XmppRoom::onAccountConnected);
  connect(account_, &AccountConnection::disconnected, this, &XmppRoom::onAccountDisconnected);
  connect(account_, &AccountConnection::stateChanged, this, [this](AccountConnection::State) {
    if (presenter_) presenter_->setConnected(account_->isConnected());
  });
  buildHost();
}

XmppRoom::~XmppRoom() {
  // The presenter reads the host's session: it goes first. The history saves
  // what the state shows until then (and closes the session's record).
  presenter_.reset();
  host_.reset();
  history_.reset();
}

void XmppRoom::attachHistory(history::HistoryStore* store) {
  history_ = std::make_unique<RoomHistory>(store, roomJid_, &state_);
  history_->loadInitial();
  connect(history_.get(), &RoomHistory::saveFailed, this, [this](const QString& text) {
    if (presenter_) presenter_->onTransportWarning(text);
  });
  if (!history_->problem().isEmpty() && presenter_) presenter_->onTransportWarning(history_->problem());
}

void XmppRoom::setHistoryProblem(const QString& text) {
  historyProblem_ = text;
  if (presenter_ && !text.isEmpty()) presenter_->onTransportWarning(text);
}

bool XmppRoom::hasOlderHistory() const {
  return history_ && history_->hasOlder();
}

int XmppRoom::loadOlderHistory() {
  return history_ ? history_->loadOlder() : 0;
}

QVector<mpenc::present::HistoryMatch> XmppRoom::searchHistory(const QString& query) {
  if (!history_) return {};
  history_->flush();  // what was just said is found too
  return history_->search(query);
}

int XmppRoom::revealHistory(const mpenc::present::HistoryMatch& match) {
  return history_ ? history_->reveal(match.key) : -1;
}

QString XmppRoom::historyProblem() const {
  if (history_) return history_->problem();
  return historyProblem_;
}

void XmppRoom::buildHost() {
  host_ = std::make_unique<SessionHost>(account_, roomJid_, nick_, identity_, options_, trust_);
  presenter_ = std::make_unique<mpenc::present::SessionPresenter>(
      [this]() -> const mpenc::session::Session& { return host_->session(); }, &state_);
  const int at = roomJid_.indexOf(QLatin1Char('@'));
  presenter_->setRoom(roomJid_, at > 0 ? roomJid_.left(at) : roomJid_);
  presenter_->setOwnFingerprint(host_->ownFingerprint());
  presenter_->setConnected(account_->isConnected());
  wireHost();
}

void XmppRoom::wireHost() {
  SessionHost* h = host_.get();
  auto* p = presenter_.get();
  connect(h, &SessionHost::sessionEvent, this, &XmppRoom::onSessionEvent);
  connect(h, &SessionHost::keyObserved, this, &XmppRoom::onKey);
  connect(h, &SessionHost::plainOccupantsChanged, p, &mpenc::present::SessionPresenter::setPlainOccupants);
  connect(h, &SessionHost::unencryptedMessage, p, &mpenc::present::SessionPresenter::onUnencryptedMessage);
  connect(h, &SessionHost::channelWarning, p, &mpenc::present::SessionPresenter::onTransportWarning);
  connect(h, &SessionHost::roomLeft, this, &XmppRoom::onRoomLeft);
  connect(h, &SessionHost::joinFailed, this, [this](const QString& text) {
    presenter_->onJoinFailed(text);
    if (leaving_) finishLeave();
  });
  connect(h, &SessionHost::kickFailed, p, &mpenc::present::SessionPresenter::onKickFailed);
}

// ---- inputs from the host ---------------------------------------------------------

void XmppRoom::onSessionEvent(const mpenc::session::SessionEvent& event) {
  presenter_->onSessionEvent(event);
  if (!roleExplained_ && host_->session().inChannel()) {
    // Say up front what the room does not let us do (issue 11), not when it fails later.
    roleExplained_ = true;
    if (!host_->isModerator())
      presenter_->onActionNotice(
          mpenc::present::NoticeKind::Info, mpenc::present::Severity::Info,
          tr("You are not a moderator of this room: members you remove from the encrypted session stay in "
             "the room (they cannot read what is said after their removal). To remove them from the room "
             "too, ask a room owner to make you a moderator."));
  }
  if (const auto* s = event.as<mpenc::session::event::SessionStateChanged>()) {
    if (s->to == mpenc::session::SessionState::Parted) {
      if (restartPending_) QTimer::singleShot(0, this, &XmppRoom::rebuild);
      if (leaving_) finishLeave();
    }
  }
}

void XmppRoom::onKey(const SessionHost::KeyInfo& key) {
  mpenc::present::KeyView view;
  view.member = key.member;
  view.fingerprint = key.fingerprint;
  view.trust = trustOf(key.trust);
  if (key.trust == SessionHost::KeyTrust::Changed && trust_) {
    if (const auto entry = trust_->entry(account_->jid(), key.peer, key.kind))
      view.previousFingerprint = TrustStore::fingerprint(entry->pinnedKey);
  }
  presenter_->setKey(view);
}

void XmppRoom::onRoomLeft(LeaveReason reason, const QString& text) {
  presenter_->onLeft(reason, text);
  if (reason == LeaveReason::Kicked || reason == LeaveReason::Banned || reason == LeaveReason::Removed)
    wantIn_ = false;  // the user decides whether to come back (startNewSession)
  if (restartPending_) QTimer::singleShot(0, this, &XmppRoom::rebuild);
  if (leaving_) finishLeave();
}

// ---- the account's connection (reconnect → rejoin, visibly) ---------------------------

void XmppRoom::onAccountDisconnected() {
  presenter_->setConnected(false);
  if (!wantIn_ || leaving_) return;
  if (!lostConnection_) {
    if (disconnectRequested_)
      presenter_->onActionNotice(NoticeKind::Info, Severity::Info,
                                 Tr::tr("You disconnected from the server. The room is joined again when you "
                                        "connect."));
    else
      presenter_->onActionNotice(NoticeKind::Info, Severity::Warning,
                                 Tr::tr("Lost the connection to the server. Reconnecting…"));
  }
  lostConnection_ = true;
}

void XmppRoom::onAccountConnected() {
  presenter_->setConnected(true);
  if (!wantIn_ || leaving_ || !lostConnection_) return;
  lostConnection_ = false;
  presenter_->onActionNotice(NoticeKind::Info, Severity::Progress,
                             Tr::tr("Reconnected to the server. Rejoining %1…").arg(roomJid_));
  presenter_->onJoining();
  rejoinCheck_.start();
}

void XmppRoom::checkRejoined() {
  if (!wantIn_ || leaving_ || !account_->isConnected()) return;
  if (host_->state() != mpenc::session::SessionState::Parted) return;
  // The channel did not come back by itself: ask again, visibly.
  presenter_->onActionNotice(NoticeKind::Info, Severity::Progress,
                             Tr::tr("Still not back in the room: joining again…"));
  presenter_->onJoining();
  host_->join();
}

// ---- actions ----------------------------------------------------------------------------

QString XmppRoom::explain(const SessionHost::ActionResult& r) {
  const QString& e = r.error;
  QString s;
  if (e == QLatin1String("not-in-channel")) {
    s = Tr::tr("You are not in the room. Wait for the room to be joined again or rejoin it.");
  } else if (e == QLatin1String("no-subsession")) {
    s = Tr::tr(
        "There is no encrypted session with anyone yet. Wait until the others include you, or invite "
        "someone from the member list.");
  } else if (e == QLatin1String("parting")) {
    s = Tr::tr("You are leaving this encrypted session. Start a new session to continue.");
  } else if (e == QLatin1String("stopped")) {
    s = Tr::tr(
        "This encrypted session was stopped after an integrity error. Start a new session to continue.");
  } else if (e == QLatin1String("send")) {
    s = Tr::tr("The message was not sent. Shorten it, or try again once the session is set up.");
  } else if (e == QLatin1String("propose")) {
    s = explainPropose(r.detail);
  } else if (e == QLatin1String("unknown-member")) {
    s = Tr::tr("That member is not in the room or the session. Check the member list and try again.");
  } else if (e == QLatin1String("busy")) {
    s = Tr::tr("The room is busy. Try again in a moment.");
  } else {
    s = Tr::tr("That did not work. Try again in a moment.");
  }
  return withDetail(s, r.detail);
}

ActionOutcome XmppRoom::outcome(const SessionHost::ActionResult& r, const QString& what) {
  if (r.ok) return ActionOutcome::success();
  Q_UNUSED(what)
  return ActionOutcome::failure(explain(r));
}

QString XmppRoom::nameOf(const QString& member) const {
  const int slash = member.indexOf(QLatin1Char('/'));
  return slash >= 0 ? member.mid(slash + 1) : member;
}

ActionOutcome XmppRoom::send(const QString& text) {
  if (text.trimmed().isEmpty())
    return ActionOutcome::failure(Tr::tr("The message is empty. Type something first."));
  const int bytes = static_cast<int>(text.toUtf8().size());
  const int max = state_.status().maxMessageBytes;
  if (max > 0 && bytes > max)
    return ActionOutcome::failure(
        Tr::tr("The message is too long (%1 bytes, at most %2). Shorten it or split it.")
            .arg(bytes)
            .arg(max));
  return outcome(host_->send(text), QStringLiteral("send"));
}

ActionOutcome XmppRoom::include(const QStringList& members) {
  if (members.isEmpty()) return ActionOutcome::failure(Tr::tr("Choose whom to include first."));
  const auto r = host_->include(members);
  if (!r.ok) return outcome(r, QStringLiteral("include"));
  QStringList names;
  for (const QString& m : members) names << nameOf(m);
  presenter_->onActionNotice(
      NoticeKind::OperationProposed, Severity::Progress,
      Tr::tr("You proposed adding %1 to the encrypted session.").arg(names.join(QStringLiteral(", "))),
      members);
  return ActionOutcome::success();
}

ActionOutcome XmppRoom::exclude(const QStringList& members) {
  if (members.isEmpty()) return ActionOutcome::failure(Tr::tr("Choose whom to remove first."));
  const auto r = host_->exclude(members);
  if (!r.ok) return outcome(r, QStringLiteral("exclude"));
  QStringList names;
  for (const QString& m : members) names << nameOf(m);
  presenter_->onActionNotice(
      NoticeKind::OperationProposed, Severity::Progress,
      Tr::tr("You proposed removing %1 from the encrypted session.").arg(names.join(QStringLiteral(", "))),
      members);
  return ActionOutcome::success();
}

ActionOutcome XmppRoom::verify(const QString& member, const QString& fingerprint) {
  QString detail;
  if (host_->verify(member, fingerprint, &detail)) return ActionOutcome::success();
  return ActionOutcome::failure(withDetail(
      Tr::tr(
          "The fingerprint does not match %1's key, so it was not marked verified. Compare it again with %1 "
          "over another channel (in person or by phone).")
          .arg(nameOf(member)),
      detail));
}

ActionOutcome XmppRoom::acceptKey(const QString& member) {
  QString detail;
  if (host_->acceptKey(member, &detail)) return ActionOutcome::success();
  return ActionOutcome::failure(
      withDetail(Tr::tr("There is no changed key of %1 waiting to be accepted. Check the member list.")
                     .arg(nameOf(member)),
                 detail));
}

void XmppRoom::join() {
  wantIn_ = true;
  leaving_ = false;
  leftDone_ = false;
  presenter_->setConnected(account_->isConnected());
  presenter_->onJoining();
  host_->join();
}

ActionOutcome XmppRoom::startNewSession() {
  if (restartPending_)
    return ActionOutcome::failure(Tr::tr("A new session is being started already. Please wait."));
  if (leaving_)
    return ActionOutcome::failure(Tr::tr("This room is being closed. Join it again from the room list."));
  wantIn_ = true;
  restartPending_ = true;
  presenter_->onActionNotice(NoticeKind::Info, Severity::Progress,
                             Tr::tr("Starting a new encrypted session: leaving and rejoining the room…"));
  if (host_->state() == mpenc::session::SessionState::Parted) {
    QTimer::singleShot(0, this, &XmppRoom::rebuild);
  } else {
    restartTimer_.start();
    host_->part();
  }
  return ActionOutcome::success();
}

void XmppRoom::rebuild() {
  if (!restartPending_) return;  // already done (several triggers)
  restartPending_ = false;
  restartTimer_.stop();
  // The old host's room may still be in (the leave timed out): its destructor
  // sends the leave presence; give it a moment before the new join.
  const bool stillIn = host_->state() != mpenc::session::SessionState::Parted;
  host_->disconnect(this);
  presenter_.reset();
  host_.reset();
  buildHost();
  presenter_->onJoining();
  if (stillIn) {
    QPointer<XmppRoom> self(this);
    QTimer::singleShot(kRejoinAfterMs, this, [self] {
      if (self && self->wantIn_) self->host_->join();
    });
  } else {
    host_->join();
  }
}

void XmppRoom::leave() {
  if (leaving_) return;
  leaving_ = true;
  wantIn_ = false;
  restartPending_ = false;
  restartTimer_.stop();
  rejoinCheck_.stop();
  if (host_->state() == mpenc::session::SessionState::Parted) {
    QTimer::singleShot(0, this, &XmppRoom::finishLeave);
    return;
  }
  leaveTimer_.start();
  host_->part();
}

void XmppRoom::finishLeave() {
  if (!leaving_ || leftDone_) return;
  leftDone_ = true;
  leaveTimer_.stop();
  emit leaveFinished();
}

}  // namespace mpenc::xmpp
