// The main window (mockup/room-window.png): a dark sidebar on the left with
// the account bar (JID, connection state, own key), the open rooms (lock for
// encrypted, "(not encrypted)" otherwise, unread badge), bookmarks and
// "+ Join room…"; in the centre one RoomView per open room, or a welcome page
// when none is open. Talks only to a present::ClientBackend (the real XMPP
// client or the offline demo, the same code path).
//
// Object names (stable for tests): "roomList", "welcomeText", "accountBar",
// "joinRoomButton", "bookmarkList", "setupAccountButton", "demoHint",
// "centreStack", "busyIndicator", "statusText".
#pragma once

#include <QHash>
#include <QMainWindow>

#include "ui/dialogs/about_dialog.h"

class QLabel;
class QListWidget;
namespace mpenc::ui {
class BookmarkList;
}
class QListWidgetItem;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace mpenc::present {
class ClientBackend;
class RoomBackend;
}  // namespace mpenc::present

namespace mpenc::ui {

class RoomView;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  //! \a versionInfo is shown in the welcome text and About, e.g. "Qt 6.8.2, QXmpp 1.10.3".
  explicit MainWindow(present::ClientBackend* client, const QString& versionInfo = {},
                      QWidget* parent = nullptr);
  ~MainWindow() override;

  QListWidget* roomList() const { return roomList_; }
  QLabel* welcomeText() const { return welcomeText_; }
  QPushButton* accountBar() const { return accountBar_; }
  /// The view of `room`, nullptr if it is not open.
  RoomView* roomView(present::RoomBackend* room) const { return views_.value(room, nullptr); }
  /// The room shown now, nullptr on the welcome page.
  RoomView* currentRoomView() const;
  /// Messages appended to `room` while it was not the current room.
  int unreadCount(present::RoomBackend* room) const;
  /// The status bar text (connecting, joining, establishing …).
  QString statusText() const;
  /// The sum of unreadCount over the open rooms.
  int totalUnread() const;
  /// Raise and activate the window and show `room` (a notification was clicked).
  void showRoom(present::RoomBackend* room);
  /// What Help ▸ About shows (version, licence, libraries); set by main().
  void setAboutInfo(const AboutInfo& info) { about_ = info; }

 signals:
  /// An unread count changed (the tray shows the total).
  void unreadChanged();
  /// Account ▸ Settings… (the desktop shell opens the dialog).
  void settingsRequested();

 public slots:
  void openAccountDialog();
  void openJoinRoomDialog();
  void leaveCurrentRoom();
  void bookmarkCurrentRoom();
  /// Account ▸ Add another account…: a second (third …) account in this window.
  void addAccount();
  void showAbout();

 private:
  void buildMenus();
  QWidget* buildSidebar();
  QWidget* buildWelcomePage();
  void addRoom(present::RoomBackend* room);
  void removeRoom(present::RoomBackend* room);
  void refreshConnection();
  void refreshRoomItem(present::RoomBackend* room);
  void refreshProgress();
  void refreshTitle();
  void onCurrentRoomChanged();
  void onAccountBarClicked();
  void showOwnAccount();
  /// Put the keyboard focus in the composer of `room` if it is shown and usable.
  void focusComposerOf(present::RoomBackend* room);
  QListWidgetItem* itemOf(present::RoomBackend* room) const;
  void showProblem(const QString& title, const QString& text);

  present::ClientBackend* client_;
  QString versionInfo_;
  AboutInfo about_;
  QListWidget* roomList_ = nullptr;
  BookmarkList* bookmarks_ = nullptr;
  QLabel* welcomeText_ = nullptr;
  QLabel* demoHint_ = nullptr;
  QPushButton* accountBar_ = nullptr;
  QLabel* accountName_ = nullptr;
  QLabel* accountState_ = nullptr;
  QStackedWidget* stack_ = nullptr;
  QWidget* welcomePage_ = nullptr;
  QProgressBar* busy_ = nullptr;
  QLabel* statusText_ = nullptr;
  QHash<present::RoomBackend*, RoomView*> views_;
  QHash<present::RoomBackend*, int> unread_;
};

}  // namespace mpenc::ui
