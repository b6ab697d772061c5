// TrayNotifier: the system tray icon and notifications for new messages.
//
//  - The tray icon (QSystemTrayIcon, shown when the platform has a tray)
//    carries the window's total unread count (MainWindow::unreadCount, the
//    same numbers as the sidebar's badges) in its tooltip and as a badge on
//    the icon; clicking it raises the window.
//  - A message from someone else notifies per AppSettings::notify(): Off;
//    Unfocused (the default): the room is not the one shown or the window is
//    not active; All. The notification names the room and the author; the
//    text only when AppSettings::notificationBody() allows it (default: "New
//    encrypted message in <room>": the notification daemon, its history and
//    the lock screen never see plaintext unless the user asks for it).
//  - A burst (the demo's fast-forwarded intro, a room catching up after a
//    reconnect) is one notification per room: within kBurstMs of the last one
//    for a room, messages are merged into one shown when the interval ends
//    ("3 new encrypted messages in <room>").
//  - Without a tray the notification is shown inside the window (a bar at the
//    bottom, object name "inWindowNotification") and the window asks for
//    attention (QApplication::alert). Clicking either raises the window and
//    opens that room.
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

class QSystemTrayIcon;
class QPushButton;
class QTimer;

namespace mpenc::present {
class ClientBackend;
class RoomBackend;
}  // namespace mpenc::present

namespace mpenc::ui {

class AppSettings;
class MainWindow;

class TrayNotifier : public QObject {
  Q_OBJECT

 public:
  struct Notification {
    QString title;
    QString text;
  };

  TrayNotifier(MainWindow* window, present::ClientBackend* client, AppSettings* settings,
               QObject* parent = nullptr);
  ~TrayNotifier() override;

  /// The tray icon object (exists even when the platform has no tray; shown only with one).
  QSystemTrayIcon* trayIcon() const { return tray_; }
  bool trayShown() const;
  /// The tooltip the tray carries now ("mpENC Chat — 3 unread messages").
  QString toolTip() const;
  /// The last notification shown (tray or in-window), and how many so far.
  Notification lastNotification() const { return last_; }
  int notificationCount() const { return count_; }
  /// The room the last notification was about (nullptr when closed since).
  present::RoomBackend* lastRoom() const { return lastRoom_; }
  /// The in-window fallback bar (nullptr before the first fallback notification).
  QPushButton* inWindowBar() const { return bar_; }

  /// AppSettings::Notify as a rule: notify for a message in a room that is or
  /// is not the one shown, with the window active or not?
  static bool shouldNotify(int mode, bool windowActive, bool roomShown);

 public slots:
  /// Raise the window and open the room of the last notification.
  void openLastRoom();

 private:
  void watch(present::RoomBackend* room);
  void onItemAppended(present::RoomBackend* room, int index);
  void refreshTray();
  /// Show now, or merge into the room's pending one during a burst.
  void queue(present::RoomBackend* room, const Notification& n, const QString& roomName, bool encrypted);
  void flush(present::RoomBackend* room);
  void notify(present::RoomBackend* room, const Notification& n);

  struct Pending {
    int count = 0;
    Notification latest;
    QString roomName;
    bool encrypted = true;
    bool scheduled = false;
    qint64 lastShownMs = -1;  // clock_ time of the room's last notification
  };

  MainWindow* window_;
  present::ClientBackend* client_;
  AppSettings* settings_;
  QSystemTrayIcon* tray_ = nullptr;
  QPushButton* bar_ = nullptr;
  QTimer* barTimer_ = nullptr;
  QPointer<present::RoomBackend> lastRoom_;
  Notification last_;
  int count_ = 0;
  int shownUnread_ = -1;
  QElapsedTimer clock_;
  QHash<present::RoomBackend*, Pending> pending_;
};

}  // namespace mpenc::ui
