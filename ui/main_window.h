// The main window: rooms on the left, the open room (or a welcome text) on the
// right. A placeholder until the room view lands; object names are stable for
// tests: "roomList", "welcomeText".
#pragma once

#include <QMainWindow>

class QListWidget;
class QLabel;

namespace mpenc::ui {

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  //! \a versionInfo is shown in the welcome text, e.g. "Qt 6.8.2, QXmpp 1.10.3".
  explicit MainWindow(const QString& versionInfo = {}, QWidget* parent = nullptr);

  QListWidget* roomList() const { return roomList_; }
  QLabel* welcomeText() const { return welcomeText_; }

 private:
  QListWidget* roomList_;
  QLabel* welcomeText_;
};

}  // namespace mpenc::ui
