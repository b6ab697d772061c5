// RoomHistory: one room's RoomState kept in the account's HistoryStore.
//
// At open it puts the newest page of saved rows before anything live
// (loadInitial), then records every item the presenter appends and every
// later change of one (ack state, marks: U-18 marks stay permanent after a
// restart), in one transaction per batch (at most kFlushMs after the first
// change, and at once on flush() / destruction). Scrolling up loads older
// pages (loadOlder); search decrypts bodies in memory.
//
// Row mapping: a message's ordinal in the room's whole history is
// ordinalBase_ + its message row in the state; stored parents are ordinals,
// so a page loaded later links to the rows already shown. A saved row that
// does not open any more is shown as a placeholder, never dropped silently.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>
#include <QVector>

#include "ui/presentation/room_state.h"
#include "xmpp/history_store.h"

namespace mpenc::xmpp {

class RoomHistory : public QObject {
  Q_OBJECT

 public:
  static constexpr int kPageItems = 200;
  static constexpr int kFlushMs = 150;

  /// `store` must be open and outlive this object; `state` is not owned.
  RoomHistory(history::HistoryStore* store, const QString& roomJid, present::RoomState* state,
              QObject* parent = nullptr);
  ~RoomHistory() override;

  /// Put the newest saved page before what the state shows (call once, at open).
  void loadInitial(int items = kPageItems);
  bool hasOlder() const { return more_; }
  /// Put the next older page before the rows shown; returns the items added.
  int loadOlder(int items = kPageItems);
  QVector<present::HistoryMatch> search(const QString& query, int limit = 200) const;
  /// Load older pages until the message with this ordinal is shown; its message row or -1.
  int reveal(qint64 ordinal);
  /// Write what is pending now, in one transaction.
  void flush();
  /// Why rows are not being saved (user-facing), empty when all is well.
  QString problem() const { return problem_; }

 signals:
  /// Saving failed (disk full, file gone …): the text says what to do. Once per problem.
  void saveFailed(const QString& text);

 private:
  void onAppended(int index);
  void onChanged(int index);
  void onAboutToPrepend(int count);
  void onPrepended(int count, int messages);
  void schedule();
  history::StoredItem toStored(const present::TranscriptItem& it) const;
  /// Turn saved rows (oldest first) into items for RoomState::prependItems.
  QVector<present::TranscriptItem> toItems(const QVector<history::HistoryRow>& rows,
                                           qint64* firstOrdinal) const;

  history::HistoryStore* store_;
  QByteArray tag_;
  present::RoomState* state_;
  QVector<qint64> seqOf_;       // per state item: its seq; 0 = not saved yet; -1 = never saved
  QVector<qint64> incoming_;    // the seqs of the block being prepended
  QVector<int> pendingAppend_;  // state item indexes to append, in order
  QSet<int> dirty_;             // saved items whose state changed
  qint64 ordinalBase_ = 0;      // ordinal of state message row 0
  qint64 oldestSeq_ = 0;        // the oldest seq loaded (0 = none)
  bool more_ = false;
  bool lastWasSessionEnd_ = true;  // the last saved row closes a session
  QString problem_;
  QTimer flushTimer_;
};

}  // namespace mpenc::xmpp
