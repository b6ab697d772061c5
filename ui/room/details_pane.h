// DetailsPane: the "SELECTED MESSAGE" panel (U-3, U-6, U-16, U-21, U-23):
// author with verification state, display parents as clickable links, readers,
// acknowledged by / waiting for, received and claimed time (both labelled as
// not verified), the message's marks, and how many ancestors are highlighted.
// Without a selection it shows a short legend of what selecting does.
//
// Object names: "detailsPane", "detailsAuthor", "detailsParents",
// "detailsReaders", "detailsAcked", "detailsUnacked", "detailsWarnings",
// "detailsReceived", "detailsClaimed", "detailsAncestors", "detailsLegend".
#pragma once

#include <QWidget>

class QLabel;
class QFormLayout;

namespace mpenc::present {
class RoomState;
}

namespace mpenc::ui {

class DetailsPane : public QWidget {
  Q_OBJECT

 public:
  explicit DetailsPane(present::RoomState* state, QWidget* parent = nullptr);

  int shownMessageRow() const { return row_; }

 public slots:
  /// Show message row `messageRow`; -1 shows the legend.
  void showMessageRow(int messageRow);

 signals:
  void jumpToMessageRow(int messageRow);

 private:
  void refresh();
  void onItemChanged(int index);

  present::RoomState* state_;
  int row_ = -1;
  QWidget* detailsBox_ = nullptr;
  QFormLayout* form_ = nullptr;
  QLabel* heading_ = nullptr;
  QLabel* author_ = nullptr;
  QLabel* parents_ = nullptr;
  QLabel* readers_ = nullptr;
  QLabel* acked_ = nullptr;
  QLabel* unacked_ = nullptr;
  QLabel* received_ = nullptr;
  QLabel* claimed_ = nullptr;
  QLabel* warnings_ = nullptr;
  QLabel* ancestors_ = nullptr;
  QLabel* legend_ = nullptr;
};

}  // namespace mpenc::ui
