#include "xmpp/room_history.h"

#include <QDateTime>

namespace mpenc::xmpp {

using present::NoticeKind;
using present::Severity;
using present::TranscriptItem;

RoomHistory::RoomHistory(history::HistoryStore* store, const QString& roomJid, present::RoomState* state,
                         QObject* parent)
    : QObject(parent), store_(store), tag_(store->roomTag(roomJid)), state_(state) {
  seqOf_.fill(-1, state_->itemCount());  // what was shown before us is not ours to save
  flushTimer_.setSingleShot(true);
  flushTimer_.setInterval(kFlushMs);
  connect(&flushTimer_, &QTimer::timeout, this, &RoomHistory::flush);
  connect(state_, &present::RoomState::itemAppended, this, &RoomHistory::onAppended);
  connect(state_, &present::RoomState::itemChanged, this, &RoomHistory::onChanged);
  connect(state_, &present::RoomState::itemsAboutToBePrepended, this, &RoomHistory::onAboutToPrepend);
  connect(state_, &present::RoomState::itemsPrepended, this, &RoomHistory::onPrepended);
}

RoomHistory::~RoomHistory() {
  state_->disconnect(this);
  flush();
  // Close the session's record: after a restart the line says where it ended.
  if (!lastWasSessionEnd_ && store_->isOpen()) {
    history::StoredItem s;
    s.item.kind = TranscriptItem::Kind::Notice;
    s.item.notice = NoticeKind::SessionEnded;
    s.item.severity = Severity::Info;
    s.item.text = tr("Session ended: mpENC Chat was closed.");
    s.item.received = QDateTime::currentDateTime();
    store_->append(tag_, s);
  }
}

history::StoredItem RoomHistory::toStored(const TranscriptItem& it) const {
  history::StoredItem s;
  s.item = it;
  s.item.action.clear();  // a past session's buttons do nothing
  if (it.isMessage()) {
    s.ordinal = ordinalBase_ + it.messageRow;
    for (int& p : s.item.parentRows) p = static_cast<int>(ordinalBase_ + p);
  }
  s.sessionId = state_->status().sessionId;
  return s;
}

QVector<TranscriptItem> RoomHistory::toItems(const QVector<history::HistoryRow>& rows,
                                             qint64* firstOrdinal) const {
  QVector<TranscriptItem> out;
  out.reserve(rows.size());
  *firstOrdinal = -1;
  for (const auto& r : rows) {
    if (r.stored.item.isMessage() && *firstOrdinal < 0) *firstOrdinal = r.stored.ordinal;
  }
  for (const auto& r : rows) {
    TranscriptItem it = r.stored.item;
    if (it.isMessage()) {
      for (int& p : it.parentRows) p = static_cast<int>(p - *firstOrdinal);
    }
    out.push_back(std::move(it));
  }
  return out;
}

void RoomHistory::loadInitial(int items) {
  if (!store_->isOpen()) return;
  const qint64 total = store_->messageCount(tag_);
  int skipped = 0;
  const auto rows = store_->page(tag_, 0, items, &skipped);
  qint64 first = -1;
  QVector<TranscriptItem> block = toItems(rows, &first);
  ordinalBase_ = total;  // onPrepended moves it back by the block's messages
  if (!rows.isEmpty()) {
    oldestSeq_ = rows.first().seq;
    more_ = store_->rowCount(tag_, oldestSeq_) > 0;
  }
  incoming_.clear();
  for (const auto& r : rows) incoming_.push_back(r.seq);
  // A session whose end was never saved (the app stopped): say so.
  if (!block.isEmpty() && !(block.last().kind == TranscriptItem::Kind::Notice &&
                            block.last().notice == NoticeKind::SessionEnded)) {
    TranscriptItem end;
    end.kind = TranscriptItem::Kind::Notice;
    end.notice = NoticeKind::SessionEnded;
    end.severity = Severity::Info;
    end.text = tr("Session ended: mpENC Chat stopped without closing it.");
    end.received = block.last().received;
    block.push_back(end);
    incoming_.push_back(-1);
  }
  state_->prependItems(std::move(block));
  incoming_.clear();
  if (skipped > 0) {
    problem_ =
        tr("%n saved row(s) of this room could not be read and are not shown: the history file "
           "may be damaged.",
           nullptr, skipped);
    emit saveFailed(problem_);
  }
}

int RoomHistory::loadOlder(int items) {
  if (!more_ || !store_->isOpen()) return 0;
  int skipped = 0;
  const auto rows = store_->page(tag_, oldestSeq_, items, &skipped);
  if (rows.isEmpty()) {
    more_ = false;
    return 0;
  }
  qint64 first = -1;
  QVector<TranscriptItem> block = toItems(rows, &first);
  oldestSeq_ = rows.first().seq;
  more_ = store_->rowCount(tag_, oldestSeq_) > 0;
  incoming_.clear();
  for (const auto& r : rows) incoming_.push_back(r.seq);
  const int n = static_cast<int>(block.size());
  state_->prependItems(std::move(block));  // onPrepended moves ordinalBase_
  incoming_.clear();
  return n;
}

int RoomHistory::reveal(qint64 ordinal) {
  while (ordinal < ordinalBase_ && loadOlder(kPageItems * 5) > 0) {
  }
  const qint64 row = ordinal - ordinalBase_;
  return row >= 0 && row < state_->messageCount() ? static_cast<int>(row) : -1;
}

QVector<present::HistoryMatch> RoomHistory::search(const QString& query, int limit) const {
  QVector<present::HistoryMatch> out;
  for (const auto& h : store_->search(tag_, query, limit)) {
    present::HistoryMatch m;
    m.key = h.stored.ordinal;
    m.text = h.stored.item.text;
    m.authorName = h.stored.item.authorName;
    m.own = h.stored.item.own;
    m.received = h.stored.item.received;
    out.push_back(m);
  }
  return out;
}

void RoomHistory::onAppended(int index) {
  if (index >= seqOf_.size()) seqOf_.resize(index + 1);
  seqOf_[index] = 0;
  pendingAppend_.push_back(index);
  schedule();
}

void RoomHistory::onChanged(int index) {
  if (index < 0 || index >= seqOf_.size() || seqOf_[index] < 0) return;
  if (seqOf_[index] > 0) dirty_.insert(index);  // not saved yet: saved as it is then
  schedule();
}

void RoomHistory::onAboutToPrepend(int) {
  flush();  // indexes move: write what is pending first
}

void RoomHistory::onPrepended(int count, int messages) {
  QVector<qint64> front = incoming_.size() == count ? incoming_ : QVector<qint64>(count, -1);
  seqOf_ = front + seqOf_;
  ordinalBase_ -= messages;
}

void RoomHistory::schedule() {
  if (!flushTimer_.isActive()) flushTimer_.start();
}

void RoomHistory::flush() {
  flushTimer_.stop();
  if (pendingAppend_.isEmpty() && dirty_.isEmpty()) return;
  if (!store_->isOpen()) {
    pendingAppend_.clear();
    dirty_.clear();
    return;
  }
  bool ok = store_->begin();
  for (int index : std::as_const(pendingAppend_)) {
    if (!ok) break;
    if (index < 0 || index >= state_->itemCount()) continue;
    const TranscriptItem& it = state_->item(index);
    const qint64 seq = store_->append(tag_, toStored(it));
    ok = seq > 0;
    if (ok) {
      seqOf_[index] = seq;
      lastWasSessionEnd_ = !it.isMessage() && it.notice == NoticeKind::SessionEnded;
    }
  }
  for (int index : std::as_const(dirty_)) {
    if (!ok) break;
    if (index < 0 || index >= state_->itemCount() || seqOf_[index] <= 0) continue;
    ok = store_->update(tag_, seqOf_[index], toStored(state_->item(index)));
  }
  ok = ok && store_->commit();
  if (!ok) {
    store_->rollback();  // nothing of a failed batch is kept half-written
    for (int index : std::as_const(pendingAppend_))
      if (index >= 0 && index < seqOf_.size()) seqOf_[index] = 0;
    const QString text =
        tr("Messages of this room are shown but could not be saved (%1). Check that the disk is not full.")
            .arg(store_->lastError());
    if (text != problem_) {
      problem_ = text;
      emit saveFailed(text);
    }
    return;  // kept pending: the next batch tries again
  }
  problem_.clear();
  pendingAppend_.clear();
  dirty_.clear();
}

}  // namespace mpenc::xmpp
