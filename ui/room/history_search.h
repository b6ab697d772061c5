// HistorySearch: the search bar of a room (Ctrl+F), over the room's saved
// history (RoomBackend::searchHistory). Typing searches (after a short pause);
// the matches list author, day and time and the text; activating one loads
// the history up to it (RoomBackend::revealHistory) and selects it in the
// transcript, so its ancestors light up like any other message (U-3).
// Esc closes the bar.
//
// Object names: "historySearch", "historySearchField", "historySearchResults",
// "historySearchStatus".
#pragma once

#include <QTimer>
#include <QVector>
#include <QWidget>

#include "ui/presentation/room_types.h"

class QLabel;
class QLineEdit;
class QListWidget;

namespace mpenc::present {
class RoomBackend;
}

namespace mpenc::ui {

class HistorySearch : public QWidget {
  Q_OBJECT

 public:
  explicit HistorySearch(present::RoomBackend* room, QWidget* parent = nullptr);

  /// Show the bar and focus the field.
  void open();
  /// Run the search now (tests; typing runs it after a pause).
  void searchNow();
  QLineEdit* field() const { return field_; }
  QListWidget* results() const { return results_; }

 signals:
  /// A match was chosen and is shown at this message row.
  void revealed(int messageRow);
  void closed();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void activate(int index);
  void close();

  present::RoomBackend* room_;
  QLineEdit* field_;
  QLabel* status_;
  QListWidget* results_;
  QTimer debounce_;
  QVector<present::HistoryMatch> matches_;
};

}  // namespace mpenc::ui
