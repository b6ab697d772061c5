// RoomState: everything the room window shows about one room, kept as plain Qt
// data (room_types.h) and announced by signals. A SessionPresenter writes it;
// the models of ui/room/ read it. Append-only transcript (U-1): items are
// appended, and only their ack state and marks change afterwards.
//
// Cost: appending and updating are O(1) (plus the changed item's copy in the
// signal), lookups by message ID or message row are O(1).
#pragma once

#include <QHash>
#include <QObject>
#include <QVector>

#include "ui/presentation/room_types.h"

namespace mpenc::present {

class RoomState : public QObject {
  Q_OBJECT

 public:
  explicit RoomState(QObject* parent = nullptr);

  // ---- reading (views) ------------------------------------------------------
  const QVector<TranscriptItem>& items() const { return items_; }
  int itemCount() const { return static_cast<int>(items_.size()); }
  const TranscriptItem& item(int i) const { return items_.at(i); }
  /// Item index of message row `row` (the engine's log row), -1 if none.
  int itemOfMessageRow(int row) const;
  /// Item index of the message with ID `id` (hex), -1 if none.
  int itemOfMessage(const QString& id) const;
  int messageCount() const { return static_cast<int>(messageItems_.size()); }

  const QVector<MemberInfo>& members() const { return members_; }
  /// The member with ID `id`, nullptr if unknown.
  const MemberInfo* member(const QString& id) const;
  const Indicators& indicators() const { return indicators_; }
  const RoomStatus& status() const { return status_; }
  /// Our own fingerprint (8 groups of 8 hex digits).
  QString ownFingerprint() const { return ownFingerprint_; }

  /// Message rows that are ancestors of message row `row` among displayed
  /// messages (transitive closure of parentRows, C-22), ascending, without `row`.
  /// One sequential sweep over a compact parent index: O(row), ~1 ms at 100,000.
  QVector<int> ancestorRows(int row) const;

  // ---- writing (presenters) ---------------------------------------------------
  /// Append a message item; its messageRow must be messageCount() (delivery
  /// order, U-1). Returns the item index.
  int appendMessage(TranscriptItem item);
  int appendNotice(TranscriptItem item);
  /// Update an existing message's ack state (U-15/U-16).
  void setAck(int messageRow, const QStringList& unackedBy, AckState ack);
  /// Add a mark; a mark with the same code replaces the old one.
  void addMark(int messageRow, const MessageMark& mark);
  /// Remove a non-permanent mark (a W-3 cancelled by a late full ack).
  void clearMark(int messageRow, const QString& code);
  void setMembers(QVector<MemberInfo> members);
  void setIndicators(const Indicators& i);
  void setStatus(const RoomStatus& s);
  void setOwnFingerprint(const QString& fp);
  /// Mark an actionable notice done (e.g. its "Invite" was used): removes its action.
  void clearAction(int itemIndex);
  /// Put earlier items (from the local history) before everything shown so
  /// far, oldest first. Their messages' parentRows count message rows of the
  /// block (0 = its first message; negative = a parent not loaded yet);
  /// the parents of the items already shown move with them. Emits
  /// itemsAboutToBePrepended then itemsPrepended: every item index and
  /// message row shown before grows by the block's item / message count.
  /// O(items shown).
  void prependItems(QVector<TranscriptItem> items);

 signals:
  void itemAppended(int index);
  void itemChanged(int index);
  void itemsAboutToBePrepended(int count);
  void itemsPrepended(int count, int messages);
  void membersChanged();
  void indicatorsChanged();
  void statusChanged();

 private:
  QVector<TranscriptItem> items_;
  QVector<int> messageItems_;  // message row -> item index
  QVector<int> parentStart_;   // message row -> first entry in parentIndex_ (CSR, n + 1 entries)
  QVector<int> parentIndex_;   // parent rows of every message, row after row
  QHash<QString, int> byId_;   // message ID -> item index
  void rebuildIndexes();
  QVector<MemberInfo> members_;
  Indicators indicators_;
  RoomStatus status_;
  QString ownFingerprint_;
};

}  // namespace mpenc::present
