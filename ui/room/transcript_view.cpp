#include "ui/room/transcript_view.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QSignalBlocker>

#include "ui/presentation/room_state.h"
#include "ui/room/message_delegate.h"
#include "ui/room/transcript_model.h"

namespace mpenc::ui {

using present::RoomState;

TranscriptView::TranscriptView(RoomState* state, QWidget* parent)
    : QListView(parent),
      state_(state),
      model_(new TranscriptModel(state, this)),
      delegate_(new MessageDelegate(model_, this)) {
  setObjectName(QStringLiteral("transcriptView"));
  setAccessibleName(tr("Messages"));
  setAccessibleDescription(
      tr("The encrypted conversation. Select a message to see what its author had seen: "
         "Up and Down move, Home and End go to the first and last message, Escape clears."));
  setModel(model_);
  setItemDelegate(delegate_);
  // The selection is the model's (U-3: one selected message and its ancestors);
  // the delegate draws it. The view's own selection model stays empty.
  setSelectionMode(QAbstractItemView::NoSelection);
  setEditTriggers(QAbstractItemView::NoEditTriggers);
  setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setResizeMode(QListView::Adjust);
  // One pass over every row: the delegate's size hints are estimates (no
  // text shaping), so even a 100,000-message room lays out in tens of ms, and
  // the scroll range is right from the first paint (the newest message at
  // the bottom).
  setLayoutMode(QListView::SinglePass);
  setUniformItemSizes(false);
  setWordWrap(true);
  setFrameShape(QFrame::NoFrame);
  setMouseTracking(true);
  verticalScrollBar()->setSingleStep(24);
  setFocusPolicy(Qt::StrongFocus);

  connect(model_, &TranscriptModel::selectionStateChanged, this, [this](int row) {
    // Highlight and dim change on many rows at once: repaint what is visible, nothing else.
    viewport()->update();
    emit selectionChangedTo(row);
  });
  connect(model_, &QAbstractItemModel::rowsAboutToBeInserted, this,
          [this](const QModelIndex&, int first, int) {
            wasAtBottom_ = atBottom();
            prepending_ = first == 0 && model_->rowCount() > 0;
            anchorValue_ = verticalScrollBar()->value();
            anchorMax_ = verticalScrollBar()->maximum();
          });
  connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
    if (value <= verticalScrollBar()->minimum() && verticalScrollBar()->maximum() > 0) emit olderWanted();
  });
  connect(model_, &QAbstractItemModel::rowsInserted, this, &TranscriptView::onRowsInserted);
  connect(state_, &RoomState::itemChanged, this, &TranscriptView::onItemChanged);
}

int TranscriptView::selectedMessageRow() const {
  return model_->selectedMessageRow();
}

void TranscriptView::selectMessageRow(int messageRow) {
  model_->setSelectedMessageRow(messageRow);
  const int item = state_->itemOfMessageRow(model_->selectedMessageRow());
  if (item >= 0) {
    const QModelIndex idx = model_->index(item);
    // The current index follows the selection, for screen readers and scrolling.
    setCurrentIndex(idx);
    scrollTo(idx, QAbstractItemView::EnsureVisible);
  }
}

void TranscriptView::clearSelection() {
  model_->setSelectedMessageRow(-1);
}

int TranscriptView::neighbourMessageRow(int from, int step) const {
  const int n = state_->messageCount();
  if (n == 0) return -1;
  if (from < 0) return step > 0 ? 0 : n - 1;
  const int to = from + step;
  return to >= 0 && to < n ? to : from;
}

void TranscriptView::keyPressEvent(QKeyEvent* event) {
  const int current = model_->selectedMessageRow();
  switch (event->key()) {
    case Qt::Key_Up:
      selectMessageRow(neighbourMessageRow(current, -1));
      event->accept();
      return;
    case Qt::Key_Down:
      selectMessageRow(neighbourMessageRow(current, +1));
      event->accept();
      return;
    case Qt::Key_Home:
      if (state_->messageCount() > 0) selectMessageRow(0);
      event->accept();
      return;
    case Qt::Key_End:
      if (state_->messageCount() > 0) selectMessageRow(state_->messageCount() - 1);
      event->accept();
      return;
    case Qt::Key_Escape:
      if (current >= 0) {
        clearSelection();
        event->accept();
        return;
      }
      break;
    default:
      break;
  }
  QListView::keyPressEvent(event);
}

void TranscriptView::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) {
    QListView::mousePressEvent(event);
    return;
  }
  setFocus(Qt::MouseFocusReason);
  const QModelIndex idx = indexAt(event->pos());
  if (!idx.isValid()) {
    clearSelection();
    event->accept();
    return;
  }
  const auto& item = model_->itemAt(idx.row());
  if (!item.isMessage()) {
    QStyleOptionViewItem option;
    option.initFrom(this);
    option.rect = visualRect(idx);
    option.font = font();
    if (delegate_->actionRect(option, idx).contains(event->pos())) emit noticeActionTriggered(idx.row());
    event->accept();
    return;
  }
  // A second click on the selected message clears the selection.
  selectMessageRow(item.messageRow == model_->selectedMessageRow() ? -1 : item.messageRow);
  event->accept();
}

void TranscriptView::resizeEvent(QResizeEvent* event) {
  const bool bottom = atBottom();
  QListView::resizeEvent(event);
  // Laying out can show or hide the scroll bar, which resizes the viewport
  // again and comes back here: on Qt 6.8 that recursed until the stack ran
  // out (tests/gui/test_desktop.cpp). The outer call scrolls to the bottom.
  if (bottom && !inResizeLayout_) {
    const QScopedValueRollback<bool> guard(inResizeLayout_, true);
    executeDelayedItemsLayout();  // the range must include every row first
    scrollToBottom();
  }
}

void TranscriptView::showEvent(QShowEvent* event) {
  QListView::showEvent(event);
  if (!shownOnce_) {
    // A room opened with saved history starts at its newest row, like any chat.
    shownOnce_ = true;
    executeDelayedItemsLayout();
    scrollToBottom();
  }
}

void TranscriptView::onRowsInserted(const QModelIndex& /*parent*/, int first, int /*last*/) {
  if (first == 0 && prepending_) {
    // Earlier history above: keep the rows being read where they were.
    prepending_ = false;
    executeDelayedItemsLayout();
    QScrollBar* bar = verticalScrollBar();
    const QSignalBlocker block(bar);  // not another olderWanted for this move
    bar->setValue(anchorValue_ + (bar->maximum() - anchorMax_));
    return;
  }
  // Follow new messages only when the user was already at the end; someone
  // reading older messages is not pulled away from them.
  if (wasAtBottom_) scrollToBottom();
}

void TranscriptView::onItemChanged(int index) {
  // Ack states and marks live in fixed-size columns (the row height does not
  // change): repainting the row is enough.
  if (index >= 0 && index < model_->rowCount()) update(model_->index(index));
}

bool TranscriptView::atBottom() const {
  const QScrollBar* bar = verticalScrollBar();
  return bar->value() >= bar->maximum() - 4;
}

}  // namespace mpenc::ui
