// Where the window's data lives. By default the QStandardPaths locations:
// identity keys and trust.json in AppDataLocation, the settings and the saved
// account in the application's QSettings (ConfigLocation). With a profile
// (`--profile DIR`, or MPENC_PROFILE=DIR) everything is under DIR:
// DIR/settings.ini and DIR/data/ — separate accounts, or isolated tests.
#pragma once

#include <QString>

namespace mpenc::app {

struct Profile {
  QString dir;           ///< empty = the default locations
  QString settingsFile;  ///< empty = the application's QSettings
  QString dataDir;       ///< identity keys, trust store
  /// What identifies the profile for SingleInstance (the data directory).
  QString key() const;
};

/// The profile for `--profile` (`option`, may be empty), else MPENC_PROFILE,
/// else the default locations. Creates the data directory.
Profile resolveProfile(const QString& option);

}  // namespace mpenc::app
