#include "xmpp/client_info.h"

#include <QXmppClient.h>
#include <QXmppGlobal.h>
#include <QXmppMucManager.h>

#include <QtGlobal>

namespace mpenc::xmpp {

QString qxmppVersion() {
  return QStringLiteral("QXmpp ") + QXmppVersion();
}

QString qtVersion() {
  return QStringLiteral("Qt ") + QLatin1String(qVersion());
}

std::unique_ptr<QXmppClient> makeClient(QObject* parent) {
  auto client = std::make_unique<QXmppClient>(parent);
#if QXMPP_VERSION >= QT_VERSION_CHECK(1, 5, 0)
  client->addNewExtension<QXmppMucManager>();
#else
  client->addExtension(new QXmppMucManager);  // the client takes ownership
#endif
  return client;
}

}  // namespace mpenc::xmpp
