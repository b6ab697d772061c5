// Shared JSON helpers of the headless front end (app/headless*.cpp): byte and
// string conversions, and the names and warning objects that both the event
// mapping (headless_events.cpp) and the command replies (headless_commands.cpp)
// use. Internal to mpenc-chat.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <string_view>

#include "mpenc/common/bytes.h"
#include "mpenc/session/session.h"
#include "xmpp/session_host.h"

namespace mpenc::app::headless_json {

inline QString str(std::string_view s) {
  return QString::fromUtf8(s.data(), static_cast<int>(s.size()));
}

inline QString hex(mpenc::ByteView b) {
  return QString::fromStdString(mpenc::toHex(b));
}

template <class Ids>
QJsonArray hexArray(const Ids& ids) {
  QJsonArray out;
  for (const auto& id : ids) out.append(hex(id));
  return out;
}

template <class Strings>
QJsonArray strArray(const Strings& v) {
  QJsonArray out;
  for (const auto& s : v) out.append(str(s));
  return out;
}

QString stateName(session::SessionState s);
QString trustName(xmpp::SessionHost::KeyTrust t);
/// KeyInfo::kind as the protocol's `peer_kind`: "jid" or "nick".
QString peerKindName(xmpp::TrustStore::PeerKind k);
QJsonObject warning(const char* code, const char* kind, const QString& text);

}  // namespace mpenc::app::headless_json
