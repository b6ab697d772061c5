// What mpenc-chat was built with and runs with: the text of --version and the
// library list of Help ▸ About (the ui/ layer gets plain strings from here).
#pragma once

#include <QList>
#include <QString>

namespace mpenc::app {

struct LibraryVersion {
  QString name;     //!< "Qt", "QXmpp", "libsodium"
  QString running;  //!< the version loaded now
  QString built;    //!< the version of the headers compiled against
};

//! Qt, QXmpp and libsodium, in that order.
QList<LibraryVersion> libraryVersions();

//! "mpENC Chat 0.1.0", then one line per library: "Qt 5.15.8 (built with 5.15.8)".
QString versionText();

}  // namespace mpenc::app
