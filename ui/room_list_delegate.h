// The sidebar's room list rows (mockup/room-window.png): a padlock for an
// encrypted room or an open circle, the name, "(not encrypted)", and the
// unread badge; and the sidebar's colours, shared with the main window.
#pragma once

#include <QColor>
#include <QStyledItemDelegate>

namespace mpenc::ui::sidebar {

enum RoomRole { RoomPtrRole = Qt::UserRole + 1, UnreadRole, EncryptedRole };

inline const QColor kSidebar(0x1f, 0x24, 0x2b);
inline const QColor kSidebarSelected(0x33, 0x3b, 0x46);
inline const QColor kSidebarText(0xe6, 0xe8, 0xeb);
inline const QColor kSidebarMuted(0x8b, 0x93, 0x9e);
inline const QColor kGreen(0x3f, 0xb9, 0x50);
inline const QColor kAmber(0xe0, 0xa1, 0x2b);
inline const QColor kRed(0xf0, 0x5a, 0x4f);

/// A small padlock (encrypted rooms) drawn with QPainter: no emoji font needed.
void drawLock(QPainter* p, const QRectF& r, const QColor& c);

/// Rows of the room list: lock or open circle, name, "(not encrypted)", unread badge.
class RoomListDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const override;
  void paint(QPainter* p, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace mpenc::ui::sidebar
