// WindowState: the main window's geometry and the room panes' splitters
// ("roomSplitter": transcript | side column, "rightColumn": details | members)
// saved in AppSettings and restored on the next start. The geometry is saved
// when the window closes; a splitter's state when the user moves it, and it
// is given to every room view opened afterwards.
#pragma once

#include <QObject>

class QSplitter;

namespace mpenc::present {
class ClientBackend;
class RoomBackend;
}  // namespace mpenc::present

namespace mpenc::ui {

class AppSettings;
class MainWindow;

class WindowState : public QObject {
  Q_OBJECT

 public:
  WindowState(MainWindow* window, present::ClientBackend* client, AppSettings* settings,
              QObject* parent = nullptr);

  /// Restore the saved geometry (call before show()); false when none is saved.
  bool restoreGeometry();
  /// Save the geometry and the splitters of the room shown now.
  void save();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void adopt(present::RoomBackend* room);
  void saveSplitter(QSplitter* splitter);

  MainWindow* window_;
  AppSettings* settings_;
  bool restoring_ = false;
};

}  // namespace mpenc::ui
