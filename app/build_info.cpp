#include "app/build_info.h"

#include <QXmppGlobal.h>
#include <sodium.h>

#include <QtGlobal>

#include "mpenc_version.h"

namespace mpenc::app {

namespace {

QString fromHexVersion(unsigned v) {
  return QStringLiteral("%1.%2.%3").arg((v >> 16) & 0xffU).arg((v >> 8) & 0xffU).arg(v & 0xffU);
}

}  // namespace

QList<LibraryVersion> libraryVersions() {
  return {
      {QStringLiteral("Qt"), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)},
      {QStringLiteral("QXmpp"), QXmppVersion(), fromHexVersion(QXMPP_VERSION)},
      {QStringLiteral("libsodium"), QString::fromLatin1(sodium_version_string()),
       QStringLiteral(SODIUM_VERSION_STRING)},
  };
}

QString versionText() {
  QString text = QStringLiteral("mpENC Chat " MPENC_VERSION_STRING "\n");
  for (const LibraryVersion& lib : libraryVersions())
    text += QStringLiteral("%1 %2 (built with %3)\n").arg(lib.name, lib.running, lib.built);
  return text;
}

}  // namespace mpenc::app
