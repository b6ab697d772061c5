// The one way the xmpp layer opens its settings: an INI file when a path is
// given (profiles, tests), else the application's QSettings.
#pragma once

#include <QSettings>
#include <QString>
#include <memory>

namespace mpenc::xmpp {

inline std::unique_ptr<QSettings> openSettingsFile(const QString& file) {
  if (file.isEmpty()) return std::make_unique<QSettings>();
  return std::make_unique<QSettings>(file, QSettings::IniFormat);
}

}  // namespace mpenc::xmpp
