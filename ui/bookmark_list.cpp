#include "ui/bookmark_list.h"

#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QVBoxLayout>

#include "ui/presentation/client_backend.h"

namespace mpenc::ui {

using present::Bookmark;

namespace {
constexpr int kJidRole = Qt::UserRole + 1;
}

BookmarkList::BookmarkList(present::ClientBackend* client, QWidget* parent)
    : QWidget(parent), client_(client), empty_(new QLabel(tr("No bookmarks yet"))), list_(new QListWidget) {
  empty_->setObjectName(QStringLiteral("noBookmarks"));
  empty_->setStyleSheet(QStringLiteral("color: #8b939e; padding: 0 3px;"));
  empty_->setToolTip(tr("Bookmark a room from the Room menu to find it here and join it at start."));
  list_->setObjectName(QStringLiteral("bookmarkList"));
  list_->setAccessibleName(tr("Bookmarks"));
  list_->setMaximumHeight(120);
  list_->setContextMenuPolicy(Qt::CustomContextMenu);
  list_->setTextElideMode(Qt::ElideRight);
  list_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  list_->setFrameShape(QFrame::NoFrame);
  list_->setCursor(Qt::PointingHandCursor);
  list_->setStyleSheet(
      QStringLiteral("QListWidget#bookmarkList { background: transparent; border: none; }"
                     "QListWidget#bookmarkList::item { padding: 5px 4px; }"
                     "QListWidget#bookmarkList::item:hover { background: rgba(255, 255, 255, 0.06); }"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(9, 0, 6, 0);
  layout->setSpacing(0);
  layout->addWidget(empty_);
  layout->addWidget(list_);
  layout->addStretch(1);
  connect(list_, &QListWidget::itemActivated, this,
          [this](QListWidgetItem* it) { activate(list_->row(it)); });
  connect(list_, &QListWidget::itemClicked, this, [this](QListWidgetItem* it) { activate(list_->row(it)); });
  connect(list_, &QWidget::customContextMenuRequested, this, &BookmarkList::contextMenu);
  connect(client_, &present::ClientBackend::bookmarksChanged, this, &BookmarkList::refresh);
  connect(client_, &present::ClientBackend::connectionChanged, this, &BookmarkList::refresh);
  refresh();
}

void BookmarkList::refresh() {
  const QVector<Bookmark> marks = client_->bookmarks();
  list_->clear();
  for (const Bookmark& b : marks) {
    auto* item = new QListWidgetItem(b.roomJid);
    item->setData(kJidRole, b.roomJid);
    item->setToolTip(b.autojoin ? tr("%1 as %2 · joined automatically at start").arg(b.roomJid, b.nick)
                                : tr("%1 as %2").arg(b.roomJid, b.nick));
    item->setData(Qt::AccessibleTextRole, item->toolTip());
    list_->addItem(item);
  }
  list_->setVisible(!marks.isEmpty());
  empty_->setVisible(marks.isEmpty());
}

void BookmarkList::activate(int row) {
  const QVector<Bookmark> marks = client_->bookmarks();
  if (row < 0 || row >= marks.size()) return;
  const Bookmark& b = marks[row];
  for (present::RoomBackend* r : client_->rooms()) {
    if (r->state()->status().roomJid.compare(b.roomJid, Qt::CaseInsensitive) == 0) {
      emit showRoomRequested(b.roomJid);
      return;
    }
  }
  const auto outcome = client_->joinRoom(b.roomJid, b.nick);
  if (!outcome.ok) emit joinFailed(outcome.message);
}

void BookmarkList::contextMenu(const QPoint& pos) {
  const int row = list_->row(list_->itemAt(pos));
  const QVector<Bookmark> marks = client_->bookmarks();
  if (row < 0 || row >= marks.size()) return;
  Bookmark b = marks[row];
  QMenu menu(this);
  QAction* join = menu.addAction(tr("Join"));
  QAction* autojoin = menu.addAction(tr("Join automatically at start"));
  autojoin->setCheckable(true);
  autojoin->setChecked(b.autojoin);
  menu.addSeparator();
  QAction* remove = menu.addAction(tr("Remove bookmark"));
  QAction* chosen = menu.exec(list_->viewport()->mapToGlobal(pos));
  if (chosen == join) {
    activate(row);
  } else if (chosen == autojoin) {
    b.autojoin = !b.autojoin;
    client_->setBookmark(b);
  } else if (chosen == remove) {
    client_->removeBookmark(b.roomJid);
  }
}

}  // namespace mpenc::ui
