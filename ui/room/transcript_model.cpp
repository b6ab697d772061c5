#include "ui/room/transcript_model.h"

#include <QDateTime>
#include <QLocale>
#include <QStringList>

#include "ui/presentation/room_state.h"
#include "ui/room/transcript_text.h"

namespace mpenc::ui {

using present::AckState;
using present::RoomState;
using present::TranscriptItem;

using transcript::nameOf;

TranscriptModel::TranscriptModel(RoomState* state, QObject* parent)
    : QAbstractListModel(parent), state_(state), rows_(state->itemCount()) {
  connect(state_, &RoomState::itemAppended, this, &TranscriptModel::onItemAppended);
  connect(state_, &RoomState::itemChanged, this, &TranscriptModel::onItemChanged);
  // Earlier history put before the rows shown (scrolling up, or at open).
  connect(state_, &RoomState::itemsAboutToBePrepended, this,
          [this](int count) { beginInsertRows(QModelIndex(), 0, count - 1); });
  connect(state_, &RoomState::itemsPrepended, this, [this](int count, int messages) {
    rows_ += count;
    if (selected_ >= 0) {
      selected_ += messages;
      for (int r : ancestorList_) ancestors_.clearBit(r);
      ancestors_.resize(state_->messageCount());
      ancestorList_ = state_->ancestorRows(selected_);
      for (int r : ancestorList_) ancestors_.setBit(r);
    }
    endInsertRows();
    if (selected_ >= 0) emit selectionStateChanged(selected_);
  });
}

int TranscriptModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : rows_;
}

const TranscriptItem& TranscriptModel::itemAt(int row) const {
  return state_->item(row);
}

bool TranscriptModel::isAncestor(int messageRow) const {
  return messageRow >= 0 && messageRow < ancestors_.size() && ancestors_.testBit(messageRow);
}

QVariant TranscriptModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() < 0 || index.row() >= rows_) return {};
  const TranscriptItem& it = state_->item(index.row());
  switch (role) {
    case Qt::DisplayRole:
      return it.text;
    case Qt::AccessibleTextRole:
      return accessibleText(index.row());
    case Qt::ToolTipRole:
      if (it.isMessage() && !it.marks.isEmpty()) {
        QStringList lines;
        for (const auto& m : it.marks) lines << m.text;
        return lines.join(QLatin1Char('\n'));
      }
      return {};
    case ItemRole:
      return QVariant::fromValue(it);
    case MessageRowRole:
      return it.isMessage() ? it.messageRow : -1;
    case KindRole:
      return static_cast<int>(it.kind);
    case HighlightRole:
      return it.isMessage() && isAncestor(it.messageRow);
    case DimmedRole:
      return it.isMessage() && selected_ >= 0 && it.messageRow != selected_ && !isAncestor(it.messageRow);
    case SelectedRole:
      return it.isMessage() && selected_ >= 0 && it.messageRow == selected_;
    default:
      return {};
  }
}

Qt::ItemFlags TranscriptModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  // Notices are not selectable (U-3 selects messages); they stay enabled so
  // their action can be used.
  if (!state_->item(index.row()).isMessage()) return Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
  return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> TranscriptModel::roleNames() const {
  auto names = QAbstractListModel::roleNames();
  names.insert(ItemRole, "item");
  names.insert(MessageRowRole, "messageRow");
  names.insert(KindRole, "kind");
  names.insert(HighlightRole, "highlighted");
  names.insert(DimmedRole, "dimmed");
  names.insert(SelectedRole, "selected");
  return names;
}

void TranscriptModel::setSelectedMessageRow(int messageRow) {
  if (messageRow < -1 || messageRow >= state_->messageCount()) messageRow = -1;
  if (messageRow == selected_) return;
  const int oldSelected = selected_;
  // Clear the old ancestors' bits only: O(old ancestors), not O(rows).
  for (int r : ancestorList_) ancestors_.clearBit(r);
  ancestorList_.clear();
  selected_ = messageRow;
  if (selected_ >= 0) {
    if (ancestors_.size() < state_->messageCount()) ancestors_.resize(state_->messageCount());
    ancestorList_ = state_->ancestorRows(selected_);
    for (int r : ancestorList_) ancestors_.setBit(r);
  }
  // The selected row itself changes look; the highlight/dim of every other row
  // is announced once by selectionStateChanged (views repaint what is visible)
  // instead of a dataChanged over all rows.
  for (int r : {oldSelected, selected_}) {
    const int item = state_->itemOfMessageRow(r);
    if (item >= 0 && item < rows_) {
      const QModelIndex i = index(item);
      emit dataChanged(i, i, {SelectedRole, DimmedRole, HighlightRole});
    }
  }
  emit selectionStateChanged(selected_);
}

QString TranscriptModel::accessibleText(int itemIndex) const {
  const TranscriptItem& it = state_->item(itemIndex);
  if (!it.isMessage()) {
    if (it.action.isEmpty()) return it.text;
    return tr("%1 Action available: %2.").arg(it.text, it.action);
  }
  const QString time = QLocale().toString(it.received.toLocalTime().time(), QLocale::ShortFormat);
  QString who = it.authorName.isEmpty() ? nameOf(*state_, it.author) : it.authorName;
  if (it.own) who = tr("%1 (you)").arg(who);
  QString s = tr("%1, %2: %3").arg(who, time, it.text);
  if (!s.endsWith(QLatin1Char('.')) && !s.endsWith(QLatin1Char('!')) && !s.endsWith(QLatin1Char('?')))
    s += QLatin1Char('.');
  // U-2: where the real parents are.
  if (!it.offsets.isEmpty()) {
    QStringList ups;
    for (int k : it.offsets) ups << QString::number(k);
    s += QLatin1Char(' ');
    if (it.offsets.size() == 1)
      s += tr("Replies to the message %n up.", nullptr, it.offsets.first());
    else
      s += tr("Replies to messages %1 up.").arg(ups.join(tr(" and ")));
  }
  // U-6: a different membership.
  if (it.differentMembership)
    s += QLatin1Char(' ') + tr("Sent to %n member(s).", nullptr, static_cast<int>(it.readers.size()));
  // U-15/U-16: ack state.
  int others = 0;
  for (const auto& r : it.readers)
    if (r != it.author) ++others;
  switch (it.ack) {
    case AckState::FullyAcked:
      s += QLatin1Char(' ') + tr("Seen by all %1.").arg(others);
      break;
    case AckState::Waiting: {
      QStringList names;
      for (const auto& id : it.unackedBy) names << nameOf(*state_, id);
      s += QLatin1Char(' ') + tr("Waiting for %1.").arg(names.join(tr(", ")));
      break;
    }
    case AckState::Young:
      s += QLatin1Char(' ') + tr("Not yet seen by everyone.");
      break;
  }
  for (const auto& m : it.marks)
    if (m.permanent) s += QLatin1Char(' ') + tr("Warning: %1").arg(m.text);
  return s;
}

void TranscriptModel::onItemAppended(int index) {
  if (index < rows_) return;  // already counted (the model was built after it)
  beginInsertRows(QModelIndex(), rows_, index);
  rows_ = index + 1;
  endInsertRows();
}

void TranscriptModel::onItemChanged(int index) {
  if (index < 0 || index >= rows_) return;
  const QModelIndex i = this->index(index);
  emit dataChanged(i, i);
}

}  // namespace mpenc::ui
