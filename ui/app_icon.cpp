#include "ui/app_icon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace mpenc::ui {

QPixmap appIconPixmap(int size, qreal dpr, int unread) {
  QPixmap pm(QSize(size, size) * dpr);
  pm.setDevicePixelRatio(dpr);
  pm.fill(Qt::transparent);
  QPainter p(&pm);
  p.setRenderHint(QPainter::Antialiasing);
  p.scale(size / 64.0, size / 64.0);  // the SVG's 64 × 64 view box
  const QColor green(0x2e, 0x7d, 0x5b);
  p.setPen(Qt::NoPen);
  p.setBrush(green);
  p.drawRoundedRect(QRectF(4, 8, 56, 40), 8, 8);
  QPainterPath tail;
  tail.moveTo(16, 48);
  tail.lineTo(12, 60);
  tail.lineTo(28, 48);
  tail.closeSubpath();
  p.drawPath(tail);
  p.setBrush(Qt::white);
  p.drawRoundedRect(QRectF(24, 26, 16, 14), 2, 2);
  QPainterPath shackle;
  shackle.moveTo(27, 26);
  shackle.lineTo(27, 21);
  shackle.arcTo(QRectF(27, 16, 10, 10), 180, -180);
  shackle.lineTo(37, 26);
  p.setBrush(Qt::NoBrush);
  p.setPen(QPen(Qt::white, 3));
  p.drawPath(shackle);
  if (unread > 0) {
    const QString n = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
    const QRectF badge(n.size() > 2 ? 22 : 32, 0, n.size() > 2 ? 42 : 32, 32);
    p.setPen(QPen(Qt::white, 2));
    p.setBrush(QColor(0xe5, 0x48, 0x4d));
    p.drawRoundedRect(badge, 16, 16);
    QFont f = p.font();
    f.setBold(true);
    f.setPixelSize(n.size() > 2 ? 17 : 22);
    p.setFont(f);
    p.setPen(Qt::white);
    p.drawText(badge, Qt::AlignCenter, n);
  }
  return pm;
}

QIcon appIcon(int unread) {
  if (unread <= 0) {
    const QIcon themed = QIcon::fromTheme(QStringLiteral("mpenc-chat"));
    if (!themed.isNull()) return themed;
  }
  QIcon icon;
  for (int size : {16, 22, 24, 32, 48, 64, 96, 128, 256, 512}) {
    icon.addPixmap(appIconPixmap(size, 1.0, unread));  // QIcon picks by device pixels
  }
  return icon;
}

}  // namespace mpenc::ui
