// A test participant: one account connection plus one MucChannel, recording
// everything the channel reports.
#pragma once

#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

#include "mpenc/session/group_channel.h"
#include "xmpp/account_connection.h"
#include "xmpp/muc_channel.h"

namespace mpenc::test {

class ProsodyFixture;

struct Peer {
  QString name;
  std::unique_ptr<xmpp::AccountConnection> account;
  std::unique_ptr<xmpp::MucChannel> room;
  std::vector<mpenc::session::ChannelEvent> events;
  QStringList warnings;
  QStringList unencrypted;  // "sender: body"
  QStringList plainOccupants;
  QList<xmpp::MucChannel::LeaveReason> leaves;
  int reconnectsScheduled = 0;

  /// Account `name`@localhost on the fixture's server, no TLS (loopback), fast reconnects.
  Peer(const ProsodyFixture& server, const QString& name, const QString& roomJid);
  ~Peer();

  QString occupantJid() const { return room->selfJid(); }
  std::string memberId() const { return xmpp::toMemberId(room->selfJid()); }
  int count(mpenc::session::ChannelEvent::Kind kind) const;
  int packets() const { return count(mpenc::session::ChannelEvent::Kind::Packet); }
  /// The events as a global, client-independent sequence: "enter X", "leave X",
  /// "packet X wire" (our own enter/leave named by our occupant JID).
  QStringList globalView() const;
};

/// A deterministic 32-byte "identity key" for a test name.
QByteArray testIdentityKey(const QString& name);
/// Valid wire strings: an unsigned ERROR packet carrying `text` (control)
/// and a DATA packet with `text` as ciphertext (data).
std::string controlPacket(const std::string& text);
std::string dataPacket(const std::string& text);

/// Checks H-M2 for two clients: from the later joiner's enter until either
/// leaves, both saw the same events. Returns an empty string or the difference.
QString compareViews(const Peer& a, const Peer& b);

}  // namespace mpenc::test
