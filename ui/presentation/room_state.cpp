#include "ui/presentation/room_state.h"

#include <algorithm>
#include <vector>

namespace mpenc::present {

QString toString(Trust t) {
  switch (t) {
    case Trust::Unknown:
      return QObject::tr("no key");
    case Trust::Unverified:
      return QObject::tr("unverified");
    case Trust::Verified:
      return QObject::tr("verified");
    case Trust::Changed:
      return QObject::tr("key changed");
  }
  return {};
}

QString toString(Phase p) {
  switch (p) {
    case Phase::Offline:
      return QObject::tr("offline");
    case Phase::Joining:
      return QObject::tr("joining the room");
    case Phase::Establishing:
      return QObject::tr("setting up the encrypted session");
    case Phase::Alone:
      return QObject::tr("nobody else with encryption here yet");
    case Phase::Established:
      return QObject::tr("encrypted session");
    case Phase::Parting:
      return QObject::tr("leaving");
    case Phase::Left:
      return QObject::tr("not in the room");
    case Phase::Stopped:
      return QObject::tr("session stopped");
  }
  return {};
}

RoomState::RoomState(QObject* parent) : QObject(parent) {
  static const int kItemType = qRegisterMetaType<TranscriptItem>();
  static const int kMemberType = qRegisterMetaType<MemberInfo>();
  Q_UNUSED(kItemType)
  Q_UNUSED(kMemberType)
}

int RoomState::itemOfMessageRow(int row) const {
  if (row < 0 || row >= messageItems_.size()) return -1;
  return messageItems_[row];
}

int RoomState::itemOfMessage(const QString& id) const {
  return byId_.value(id, -1);
}

const MemberInfo* RoomState::member(const QString& id) const {
  for (const auto& m : members_)
    if (m.id == id) return &m;
  return nullptr;
}

QVector<int> RoomState::ancestorRows(int row) const {
  QVector<int> out;
  const int n = static_cast<int>(messageItems_.size());
  if (row < 0 || row >= n) return out;
  // Parents always come before their children (the transcript is in
  // topological order, C-3), so one downward sweep over the compact parent
  // index marks the whole closure: O(row) sequential reads, no sort.
  std::vector<char> mark(static_cast<std::size_t>(row) + 1, 0);
  mark[static_cast<std::size_t>(row)] = 1;
  int count = 0;
  for (int r = row; r >= 0; --r) {
    if (!mark[static_cast<std::size_t>(r)]) continue;
    if (r != row) ++count;
    for (int k = parentStart_[r]; k < parentStart_[r + 1]; ++k) {
      const int p = parentIndex_[k];
      if (p >= 0 && p < r) mark[static_cast<std::size_t>(p)] = 1;
    }
  }
  out.reserve(count);
  for (int r = 0; r < row; ++r)
    if (mark[static_cast<std::size_t>(r)]) out.push_back(r);
  return out;
}

int RoomState::appendMessage(TranscriptItem item) {
  item.kind = TranscriptItem::Kind::Message;
  item.messageRow = static_cast<int>(messageItems_.size());
  const int index = static_cast<int>(items_.size());
  if (!item.id.isEmpty()) byId_.insert(item.id, index);
  messageItems_.push_back(index);
  if (parentStart_.isEmpty()) parentStart_.push_back(0);
  for (int p : item.parentRows) parentIndex_.push_back(p);
  parentStart_.push_back(static_cast<int>(parentIndex_.size()));
  items_.push_back(std::move(item));
  emit itemAppended(index);
  return index;
}

int RoomState::appendNotice(TranscriptItem item) {
  item.kind = TranscriptItem::Kind::Notice;
  item.messageRow = -1;
  const int index = static_cast<int>(items_.size());
  items_.push_back(std::move(item));
  emit itemAppended(index);
  return index;
}

void RoomState::setAck(int messageRow, const QStringList& unackedBy, AckState ack) {
  const int i = itemOfMessageRow(messageRow);
  if (i < 0) return;
  auto& it = items_[i];
  if (it.unackedBy == unackedBy && it.ack == ack) return;
  it.unackedBy = unackedBy;
  it.ack = ack;
  emit itemChanged(i);
}

void RoomState::addMark(int messageRow, const MessageMark& mark) {
  const int i = itemOfMessageRow(messageRow);
  if (i < 0) return;
  auto& marks = items_[i].marks;
  for (auto& m : marks) {
    if (m.code == mark.code) {
      if (m.text == mark.text && m.permanent == mark.permanent) return;
      m.text = mark.text;
      m.permanent = m.permanent || mark.permanent;
      emit itemChanged(i);
      return;
    }
  }
  marks.push_back(mark);
  emit itemChanged(i);
}

void RoomState::clearMark(int messageRow, const QString& code) {
  const int i = itemOfMessageRow(messageRow);
  if (i < 0) return;
  auto& marks = items_[i].marks;
  const auto before = marks.size();
  marks.erase(std::remove_if(marks.begin(), marks.end(),
                             [&](const MessageMark& m) { return m.code == code && !m.permanent; }),
              marks.end());
  if (marks.size() != before) emit itemChanged(i);
}

void RoomState::setMembers(QVector<MemberInfo> members) {
  members_ = std::move(members);
  emit membersChanged();
}

void RoomState::setIndicators(const Indicators& i) {
  indicators_ = i;
  emit indicatorsChanged();
}

void RoomState::setStatus(const RoomStatus& s) {
  status_ = s;
  emit statusChanged();
}

void RoomState::setOwnFingerprint(const QString& fp) {
  ownFingerprint_ = fp;
  emit statusChanged();
}

void RoomState::clearAction(int itemIndex) {
  if (itemIndex < 0 || itemIndex >= items_.size()) return;
  if (items_[itemIndex].action.isEmpty()) return;
  items_[itemIndex].action.clear();
  emit itemChanged(itemIndex);
}

void RoomState::prependItems(QVector<TranscriptItem> items) {
  if (items.isEmpty()) return;
  int messages = 0;
  for (const auto& it : items)
    if (it.isMessage()) ++messages;
  const int count = static_cast<int>(items.size());
  emit itemsAboutToBePrepended(count);
  for (auto& it : items_) {
    if (!it.isMessage()) continue;
    it.messageRow += messages;
    for (int& p : it.parentRows) p += messages;
  }
  int row = 0;
  for (auto& it : items) it.messageRow = it.isMessage() ? row++ : -1;
  items.reserve(items.size() + items_.size());
  for (auto& it : items_) items.push_back(std::move(it));
  items_ = std::move(items);
  rebuildIndexes();
  emit itemsPrepended(count, messages);
}

void RoomState::rebuildIndexes() {
  messageItems_.clear();
  byId_.clear();
  parentStart_.clear();
  parentIndex_.clear();
  parentStart_.push_back(0);
  for (int i = 0; i < items_.size(); ++i) {
    const auto& it = items_[i];
    if (!it.isMessage()) continue;
    if (!it.id.isEmpty()) byId_.insert(it.id, i);
    messageItems_.push_back(i);
    for (int p : it.parentRows) parentIndex_.push_back(p);
    parentStart_.push_back(static_cast<int>(parentIndex_.size()));
  }
}

}  // namespace mpenc::present
