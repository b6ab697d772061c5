// XmppRoom: one real XMPP room behind the window's RoomBackend interface.
//
// It owns one SessionHost (the MUC room and the mpENC Session over it) and one
// SessionPresenter that turns everything the host reports into the room's
// RoomState. Every SessionHost signal goes to the presenter; user actions go
// to the SessionHost and come back as ActionOutcome with a sentence that says
// what to do (translated from SessionHost::ActionResult's error codes).
//
// Connection: the account's state is shown through the presenter; a lost
// connection and the rejoin after the reconnect are notices and room phases
// ("reconnecting…", "rejoining…"), never a silent failure. The MucChannel
// rejoins by itself after a reconnect; if the session is still out a few
// seconds later, this object asks it to join again.
//
// startNewSession() (U-22, or after a leave): leaves the room (double FIN when
// there is a session), then replaces the SessionHost with a fresh one (new
// Session, new identity of the session; the same identity key) and joins again.
// The transcript (RoomState) is kept: items are only ever appended (U-1).
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <memory>

#include "mpenc/crypto/primitives.h"
#include "ui/presentation/room_backend.h"
#include "ui/presentation/session_presenter.h"
#include "xmpp/session_host.h"

namespace mpenc::xmpp {

class AccountConnection;
class RoomHistory;
class TrustStore;
namespace history {
class HistoryStore;
}

class XmppRoom : public mpenc::present::RoomBackend {
  Q_OBJECT

 public:
  /// `account` and `trust` (optional) must outlive this object. Does not join
  /// yet (join()).
  XmppRoom(AccountConnection* account, const QString& roomJid, const QString& nick,
           const mpenc::crypto::Ed25519KeyPair& identity, const SessionHostOptions& options,
           TrustStore* trust = nullptr, QObject* parent = nullptr);
  ~XmppRoom() override;

  // ---- RoomBackend -------------------------------------------------------------
  mpenc::present::RoomState* state() override { return &state_; }
  mpenc::present::ActionOutcome send(const QString& text) override;
  mpenc::present::ActionOutcome include(const QStringList& members) override;
  mpenc::present::ActionOutcome exclude(const QStringList& members) override;
  mpenc::present::ActionOutcome verify(const QString& member, const QString& fingerprint) override;
  mpenc::present::ActionOutcome acceptKey(const QString& member) override;
  mpenc::present::ActionOutcome startNewSession() override;
  void leave() override;
  bool isDemo() const override { return shortTimers_; }
  bool keepsHistory() const override { return history_ != nullptr; }
  bool hasOlderHistory() const override;
  int loadOlderHistory() override;
  QVector<mpenc::present::HistoryMatch> searchHistory(const QString& query) override;
  int revealHistory(const mpenc::present::HistoryMatch& match) override;
  QString historyProblem() const override;

  // ---- beyond the interface ------------------------------------------------------
  /// Enter the room now (or as soon as the account connects).
  void join();
  /// Keep this room's transcript in `store` (open; outlives the room) and show
  /// its newest saved page now. Call before join().
  void attachHistory(history::HistoryStore* store);
  /// The history cannot be kept (the store did not open): say so in the room.
  void setHistoryProblem(const QString& text);
  RoomHistory* history() const { return history_.get(); }
  /// The room uses test timers (SessionHostOptions::fast): waits are worded as short.
  void setShortTimers(bool on) { shortTimers_ = on; }
  /// The user disconnects the account on purpose: a loss is worded as such, not "reconnecting".
  void setDisconnectRequested(bool on) { disconnectRequested_ = on; }
  QString roomJid() const { return roomJid_; }
  QString nick() const { return nick_; }
  /// SessionHost::setAutoIncludeJoiners, kept for the hosts startNewSession() builds.
  void setAutoIncludeJoiners(bool on) {
    options_.autoIncludeJoiners = on;
    if (host_) host_->setAutoIncludeJoiners(on);
  }
  /// The current host (replaced by startNewSession()).
  SessionHost* host() const { return host_.get(); }
  mpenc::present::SessionPresenter* presenter() const { return presenter_.get(); }
  /// leave() was called and the room is out (or gave up waiting for it).
  bool hasLeft() const { return leaving_ && leftDone_; }
  /// leave() was called (the room may still be on its way out).
  bool isLeaving() const { return leaving_; }

  /// A user-facing sentence for a SessionHost::ActionResult error code.
  static QString explain(const SessionHost::ActionResult& result);

 signals:
  /// After leave(): the room is left (or the wait for it timed out); safe to delete.
  void leaveFinished();

 private:
  void buildHost();
  void wireHost();
  void onRoomLeft(mpenc::present::LeaveReason reason, const QString& text);
  void onKey(const SessionHost::KeyInfo& key);
  void onSessionEvent(const mpenc::session::SessionEvent& event);
  void onAccountConnected();
  void onAccountDisconnected();
  void checkRejoined();
  void rebuild();
  void finishLeave();
  mpenc::present::ActionOutcome outcome(const SessionHost::ActionResult& r, const QString& what);
  QString nameOf(const QString& member) const;

  AccountConnection* account_;
  QString roomJid_;
  QString nick_;
  mpenc::crypto::Ed25519KeyPair identity_;
  SessionHostOptions options_;
  TrustStore* trust_;
  mpenc::present::RoomState state_;
  std::unique_ptr<SessionHost> host_;
  std::unique_ptr<mpenc::present::SessionPresenter> presenter_;
  std::unique_ptr<RoomHistory> history_;  // after state_: saves it until the end
  QString historyProblem_;
  bool roleExplained_ = false;  // the "not a moderator" line was shown (once per room)
  bool shortTimers_ = false;
  bool wantIn_ = false;               // the user wants to be in the room
  bool disconnectRequested_ = false;  // the account is disconnected on purpose
  bool lostConnection_ = false;       // disconnected while in (or joining) the room
  bool restartPending_ = false;       // startNewSession(): waiting for the old session to leave
  bool leaving_ = false;              // leave() was called
  bool leftDone_ = false;
  QTimer restartTimer_;  // bound on the wait for the old session to leave
  QTimer rejoinCheck_;   // after a reconnect: is the session back in the room?
  QTimer leaveTimer_;    // bound on the wait for leave()
};

}  // namespace mpenc::xmpp
