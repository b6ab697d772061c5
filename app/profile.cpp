#include "app/profile.h"

#include <QDir>
#include <QStandardPaths>

namespace mpenc::app {

QString Profile::key() const {
  return dataDir;
}

Profile resolveProfile(const QString& option) {
  Profile p;
  p.dir = option.isEmpty() ? qEnvironmentVariable("MPENC_PROFILE") : option;
  if (p.dir.isEmpty()) {
    p.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  } else {
    p.dir = QDir(p.dir).absolutePath();
    p.settingsFile = p.dir + QStringLiteral("/settings.ini");
    p.dataDir = p.dir + QStringLiteral("/data");
  }
  // It exists before SingleInstance hashes its canonical path (the same name
  // whichever start created it).
  QDir().mkpath(p.dataDir);
  return p;
}

}  // namespace mpenc::app
