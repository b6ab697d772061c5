// SessionPresenter: the one place where the engine's notices become what a
// user reads (protocol-rules.md §4, U-1 … U-23). It is fed every SessionEvent
// of one room's Session, in order, plus what the session does not know
// (display names, keys and their trust, plain occupants, leave reasons), and
// keeps a RoomState up to date. The real XMPP room and the offline demo use it
// alike; the headless front end uses its wording (wording.h).
//
// Reads core data types (notices, MessageLog rows); never crypto, never QXmpp.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <functional>

#include "mpenc/session/session.h"
#include "ui/presentation/room_state.h"

namespace mpenc::present {

/// Why we are not in the room any more (typed; the wording is the presenter's).
enum class LeaveReason { Requested, Kicked, Banned, Removed, Disconnected, Timeout };

/// A member's key as the room's key store sees it.
struct KeyView {
  QString member;  ///< member ID (occupant JID)
  QString fingerprint;
  QString previousFingerprint;  ///< Trust::Changed: the pinned one
  Trust trust = Trust::Unknown;
};

class SessionPresenter : public QObject {
  Q_OBJECT

 public:
  /// `session` returns the room's current Session (it may be rebuilt, e.g.
  /// when the server assigns another nick); `state` is written, not owned.
  SessionPresenter(std::function<const mpenc::session::Session&()> session, RoomState* state,
                   QObject* parent = nullptr);

  /// Room identity for the header.
  void setRoom(const QString& roomJid, const QString& title);
  void setOwnFingerprint(const QString& fp);
  /// The channel-level state the session cannot know.
  void setConnected(bool connected);
  void setPlainOccupants(const QStringList& occupantIds);
  /// A member's key was observed / verified / accepted. A change to Changed
  /// adds a KeyChanged notice (loud, once per change).
  void setKey(const KeyView& key);
  /// Whether a key changed and was not accepted or verified yet (for the
  /// re-include veto: a former member whose key changed is never re-included
  /// without the user's consent).
  bool keyChangeUnresolved(const QString& member) const;

  // ---- inputs ---------------------------------------------------------------
  /// Every SessionEvent of the room's session, in order.
  void onSessionEvent(const mpenc::session::SessionEvent& event);
  /// Transport-level facts.
  void onJoining();
  void onLeft(LeaveReason reason, const QString& detail);
  void onJoinFailed(const QString& detail);
  void onUnencryptedMessage(const QString& from, const QString& text);
  void onTransportWarning(const QString& text);
  void onKickFailed(const QString& member, const QString& text);
  /// A user action failed or did something worth a line ("You proposed adding Frank").
  void onActionNotice(NoticeKind kind, Severity severity, const QString& text,
                      const QStringList& members = {});

  /// Re-read members, indicators and status from the session (also run once a
  /// second for "no response for N s").
  void refresh();

 private:
  void refreshMembers();
  void refreshIndicators();
  void refreshStatus();
  // Additions (session_presenter.cpp): one handler per layer of notices.
  void onNotice(const mpenc::session::Notice& n);
  void onMembershipNotice(const mpenc::session::MembershipNotice& n);
  void onSubsessionNotice(const mpenc::session::SessionNotice& n);
  void onDelivered(const mpenc::session::Delivered& d);
  void updateAck(std::size_t logRow, bool fullyAcked);
  void markRows(const std::vector<mpenc::session::MessageId>& ids, const MessageMark& mark);
  void fatal(const QString& code, const QString& text);
  /// Clear the action of the W-8 lines whose member `member` selects.
  void clearNotRespondingActions(const std::function<bool(const QString&)>& member);
  void notice(NoticeKind kind, Severity severity, const QString& text, const QString& code = {},
              const QStringList& members = {}, const QString& action = {});
  /// State row of a log row of the current session (-1 if it has none).
  int stateRow(std::size_t logRow) const;
  void sessionChanged();

  std::function<const mpenc::session::Session&()> session_;
  RoomState* state_;
  QTimer tick_;
  QString roomJid_;
  QString title_;
  bool connected_ = false;
  bool inRoom_ = false;
  QString leftDetail_;
  QStringList plain_;
  QHash<QString, KeyView> keys_;
  QHash<QString, qint64> silentSinceMs_;  // W-8: member -> when it was reported
  QSet<QString> heldMessages_;            // W-1 outstanding (message IDs)
  int unreadable_ = 0;
  bool fatal_ = false;
  QString fatalText_;
  QDateTime since_;
  bool reentered_ = false;   // T-TO1 re-entered since the last subsession
  QStringList lastMembers_;  // the membership shown (U-6)
  // Additions: the log row ↔ transcript row mapping (a rebuilt Session starts
  // its log at 0 while the RoomState keeps the earlier rows), ack and
  // operation bookkeeping.
  const mpenc::session::Session* seen_ = nullptr;
  int rowBase_ = 0;                            // state row of the current session's log row 0
  std::size_t firstLogRow_ = 0;                // the first log row shown (earlier ones are not ours)
  QSet<int> waitingRows_;                      // W-3 outstanding (log rows)
  QSet<int> unackedRows_;                      // displayed, not fully acked (log rows), live subsessions
  QHash<QString, QSet<QString>> heldMissing_;  // W-1: held message ID -> missing parent IDs
  QHash<QString, QString> pending_;            // member -> "being added" / "being removed"
  QString operation_;                          // the running operation (status line)
};

}  // namespace mpenc::present
