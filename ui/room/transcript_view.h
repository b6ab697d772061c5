// TranscriptView: the causal transcript (U-1..U-3) as a QListView over a
// TranscriptModel drawn by a MessageDelegate. Keyboard (ux.md): Up/Down move
// the selection between message rows (notices are skipped), Home/End go to the
// first/last message, Esc clears the selection; a click selects; a click on a
// notice's action chip emits noticeActionTriggered. New items scroll the view
// to the bottom only when it already was at the bottom. Scrolling to the top
// asks for earlier history (olderWanted); rows put before the others keep the
// rows being read in place.
//
// Performance: Batched layout, cached size hints, and a selection change
// repaints only the visible rows (viewport()->update()).
#pragma once

#include <QListView>

namespace mpenc::present {
class RoomState;
}

namespace mpenc::ui {

class TranscriptModel;
class MessageDelegate;

class TranscriptView : public QListView {
  Q_OBJECT

 public:
  explicit TranscriptView(present::RoomState* state, QWidget* parent = nullptr);

  TranscriptModel* transcriptModel() const { return model_; }
  MessageDelegate* messageDelegate() const { return delegate_; }
  int selectedMessageRow() const;

 public slots:
  /// Select message row `messageRow` and scroll to it (-1 clears).
  void selectMessageRow(int messageRow);
  void clearSelection();

 signals:
  void selectionChangedTo(int messageRow);  ///< -1 = cleared
  void noticeActionTriggered(int itemIndex);
  /// The user scrolled to the top: earlier history may be loaded now.
  void olderWanted();

 protected:
  void keyPressEvent(QKeyEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  void onRowsInserted(const QModelIndex& parent, int first, int last);
  void onItemChanged(int index);
  bool atBottom() const;
  /// Message row next to `from` in direction `step` (+1/-1), -1 if none.
  int neighbourMessageRow(int from, int step) const;

  present::RoomState* state_;
  TranscriptModel* model_;
  MessageDelegate* delegate_;
  bool wasAtBottom_ = true;
  bool shownOnce_ = false;
  bool inResizeLayout_ = false;  // resizeEvent: no re-entrant layout
  // Rows put before the others (earlier history): the view stays on what the
  // user was reading instead of jumping.
  bool prepending_ = false;
  int anchorValue_ = 0;
  int anchorMax_ = 0;
};

}  // namespace mpenc::ui
