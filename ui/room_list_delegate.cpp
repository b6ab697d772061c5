#include "ui/room_list_delegate.h"

#include <QPainter>

#include "ui/main_window.h"

namespace mpenc::ui::sidebar {

void drawLock(QPainter* p, const QRectF& r, const QColor& c) {
  p->save();
  p->setRenderHint(QPainter::Antialiasing);
  const QRectF body(r.left(), r.top() + r.height() * 0.45, r.width(), r.height() * 0.55);
  QPen pen(c, 1.6);
  p->setPen(pen);
  p->setBrush(Qt::NoBrush);
  const QRectF shackle(r.left() + r.width() * 0.2, r.top(), r.width() * 0.6, r.height() * 0.7);
  p->drawArc(shackle, 0, 180 * 16);
  p->drawLine(QPointF(shackle.left(), shackle.center().y()), QPointF(shackle.left(), body.top()));
  p->drawLine(QPointF(shackle.right(), shackle.center().y()), QPointF(shackle.right(), body.top()));
  p->setBrush(c);
  p->drawRoundedRect(body, 1.5, 1.5);
  p->restore();
}

QSize RoomListDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
  return QSize(200, option.fontMetrics.height() + 16);
}

void RoomListDelegate::paint(QPainter* p, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const {
  p->save();
  const QRect r = option.rect;
  if (option.state & QStyle::State_Selected)
    p->fillRect(r, kSidebarSelected);
  else if (option.state & QStyle::State_MouseOver)
    p->fillRect(r, QColor(0x29, 0x2f, 0x37));
  const bool encrypted = index.data(EncryptedRole).toBool();
  const QRectF glyph(r.left() + 12, r.center().y() - 6, 9, 12);
  if (encrypted) {
    drawLock(p, glyph, kGreen);
  } else {
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(kAmber, 1.4));
    p->drawEllipse(QRectF(glyph.left(), glyph.top() + 2, 9, 9));
  }
  const int unread = index.data(UnreadRole).toInt();
  int right = r.right() - 10;
  if (unread > 0) {
    const QString n = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
    QFont f = option.font;
    f.setPointSizeF(f.pointSizeF() * 0.8);
    f.setBold(true);
    const QFontMetrics fm(f);
    const int h = fm.height() + 4;
    const int w = qMax(h, fm.horizontalAdvance(n) + 10);
    const QRect badge(right - w, r.center().y() - h / 2, w, h);
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(Qt::NoPen);
    p->setBrush(QColor(0x3b, 0x82, 0xf6));
    p->drawRoundedRect(badge, h / 2.0, h / 2.0);
    p->setFont(f);
    p->setPen(Qt::white);
    p->drawText(badge, Qt::AlignCenter, n);
    right = badge.left() - 6;
  }
  p->setFont(option.font);
  const QFontMetrics fm(option.font);
  const QString name = index.data(Qt::DisplayRole).toString();
  int x = r.left() + 28;
  QFont nameFont = option.font;
  if (unread > 0) nameFont.setBold(true);
  p->setFont(nameFont);
  p->setPen(kSidebarText);
  const QString shown = QFontMetrics(nameFont).elidedText(name, Qt::ElideRight, right - x);
  p->drawText(QRect(x, r.top(), right - x, r.height()), Qt::AlignLeft | Qt::AlignVCenter, shown);
  if (!encrypted) {
    x += QFontMetrics(nameFont).horizontalAdvance(shown) + 10;
    p->setFont(option.font);
    p->setPen(kSidebarMuted);
    if (x < right)
      p->drawText(QRect(x, r.top(), right - x, r.height()), Qt::AlignLeft | Qt::AlignVCenter,
                  fm.elidedText(MainWindow::tr("(not encrypted)"), Qt::ElideRight, right - x));
  }
  p->restore();
}

}  // namespace mpenc::ui::sidebar
