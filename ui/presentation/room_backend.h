// The one narrow interface the room window talks to. A real XMPP room
// (xmpp/xmpp_room.h) and the offline demo room (app/demo/demo_room.h) both
// implement it; ui/ has no other way to reach a room, and no demo-only branch.
//
// Data flows out through state() (RoomState: items, members, indicators,
// status); user actions flow in through the methods below. Every action
// returns at once; its effects arrive as state changes. An action that cannot
// be done returns ok = false and a message that says what happened and what
// to do.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include "ui/presentation/room_state.h"

namespace mpenc::present {

struct ActionOutcome {
  bool ok = true;
  QString message;  ///< user-facing: what went wrong and what to do; empty on success
  static ActionOutcome success() { return {}; }
  static ActionOutcome failure(QString m) { return {false, std::move(m)}; }
};

class RoomBackend : public QObject {
  Q_OBJECT

 public:
  using QObject::QObject;
  ~RoomBackend() override = default;

  virtual RoomState* state() = 0;

  /// Send a chat message to the current encrypted session.
  virtual ActionOutcome send(const QString& text) = 0;
  /// Propose adding these members (IDs from MemberInfo::id) to the session.
  virtual ActionOutcome include(const QStringList& members) = 0;
  /// Propose removing these members from the session.
  virtual ActionOutcome exclude(const QStringList& members) = 0;
  /// Mark `member`'s key verified when `fingerprint` (as the user typed or
  /// confirmed it) matches the key it advertises.
  virtual ActionOutcome verify(const QString& member, const QString& fingerprint) = 0;
  /// Accept `member`'s changed key without verifying it (re-pinned, unverified).
  virtual ActionOutcome acceptKey(const QString& member) = 0;
  /// After a fatal error (U-22) or a leave: start a new encrypted session in this room.
  virtual ActionOutcome startNewSession() = 0;
  /// Leave the room (double FIN, then leave the channel).
  virtual void leave() = 0;
  // ---- local history (issue 11): rows of earlier sessions, saved on this device ----
  /// Whether this room's transcript is saved on this device (searchable with Ctrl+F).
  virtual bool keepsHistory() const { return false; }
  /// Whether earlier rows than the ones shown are saved (scrolling up loads them).
  virtual bool hasOlderHistory() const { return false; }
  /// Put the next page of earlier rows before the ones shown; returns how many
  /// items were added (0 when there are no more).
  virtual int loadOlderHistory() { return 0; }
  /// Saved messages of this room containing `query` (case-insensitive), newest first.
  virtual QVector<HistoryMatch> searchHistory(const QString& query) {
    Q_UNUSED(query)
    return {};
  }
  /// Load earlier pages until `match` is shown; its message row, -1 if it is gone.
  virtual int revealHistory(const HistoryMatch& match) {
    Q_UNUSED(match)
    return -1;
  }
  /// Why the history is not being saved (user-facing); empty when it is.
  virtual QString historyProblem() const { return {}; }

  /// The room uses short timers (demo, tests): only changes wording of waits.
  virtual bool isDemo() const { return false; }
};

}  // namespace mpenc::present
