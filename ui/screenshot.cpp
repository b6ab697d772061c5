#include "ui/screenshot.h"

#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QWidget>

namespace mpenc::ui {

bool saveScreenshot(QWidget& widget, const QString& path, QString* error) {
  auto fail = [error](const QString& why) {
    if (error) *error = why;
    return false;
  };
  const QPixmap pixmap = widget.grab();
  if (pixmap.isNull()) return fail(QStringLiteral("the window rendered to an empty image"));
  const QFileInfo info(path);
  if (!QDir().mkpath(info.absolutePath()))
    return fail(QStringLiteral("cannot create directory %1").arg(info.absolutePath()));
  if (!pixmap.save(path, "PNG")) return fail(QStringLiteral("cannot write %1").arg(path));
  return true;
}

}  // namespace mpenc::ui
