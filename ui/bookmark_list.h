// BookmarkList: the sidebar's BOOKMARKS section (mockup/room-window.png): the
// account's saved rooms (ClientBackend::bookmarks). Activating one (click,
// Enter) joins it, or shows it when it is open already; its context menu
// toggles "Join automatically" and removes it. "No bookmarks yet" when empty.
//
// Object names: "bookmarkList", "noBookmarks".
#pragma once

#include <QWidget>

class QLabel;
class QListWidget;

namespace mpenc::present {
class ClientBackend;
}

namespace mpenc::ui {

class BookmarkList : public QWidget {
  Q_OBJECT

 public:
  BookmarkList(present::ClientBackend* client, QWidget* parent = nullptr);

  QListWidget* list() const { return list_; }
  /// Re-read the bookmarks from the backend.
  void refresh();

 signals:
  /// The bookmarked room is open: show it.
  void showRoomRequested(const QString& roomJid);
  /// Joining failed: what happened and what to do.
  void joinFailed(const QString& message);

 private:
  void activate(int row);
  void contextMenu(const QPoint& pos);

  present::ClientBackend* client_;
  QLabel* empty_;
  QListWidget* list_;
};

}  // namespace mpenc::ui
