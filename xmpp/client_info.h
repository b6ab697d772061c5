// What the transport layer is built on, and a client set up the way mpENC
// rooms need it. Compiles unchanged against QXmpp 1.4 (Qt 5) and 1.10 (Qt 6).
#pragma once

#include <QString>
#include <memory>

class QXmppClient;
class QObject;

namespace mpenc::xmpp {

//! "QXmpp 1.4.0", the version of the QXmpp library linked at run time.
QString qxmppVersion();

//! "Qt 6.8.2", the version of the Qt library linked at run time.
QString qtVersion();

//! A client with the extensions every account needs (MUC). Not connected.
std::unique_ptr<QXmppClient> makeClient(QObject* parent = nullptr);

}  // namespace mpenc::xmpp
