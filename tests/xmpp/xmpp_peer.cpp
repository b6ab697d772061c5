#include "xmpp_peer.h"

#include <QXmppClient.h>

#include <QCryptographicHash>

#include "mpenc/codec/packets.h"
#include "prosody_fixture.h"

namespace mpenc::test {

using mpenc::session::ChannelEvent;

QByteArray testIdentityKey(const QString& name) {
  return QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256);
}

std::string controlPacket(const std::string& text) {
  mpenc::codec::ErrorPacket p;
  p.source = mpenc::Bytes(text.begin(), text.end());
  p.severity = mpenc::codec::Severity::Info;
  p.text = mpenc::Bytes(text.begin(), text.end());
  return mpenc::codec::encodeWire(mpenc::codec::Packet{p});
}

std::string dataPacket(const std::string& text) {
  mpenc::codec::DataPacket p;
  p.ciphertext = mpenc::Bytes(text.begin(), text.end());
  return mpenc::codec::encodeWire(mpenc::codec::Packet{p});
}

Peer::Peer(const ProsodyFixture& server, const QString& n, const QString& roomJid) : name(n) {
  xmpp::AccountSettings s;
  s.jid = name + QStringLiteral("@") + server.domain();
  s.password = QStringLiteral("pw-") + name;
  s.host = QStringLiteral("127.0.0.1");
  s.port = server.port();
  s.tls = xmpp::TlsPolicy::DisabledUnsafe;  // loopback test server
  s.reconnect.initialDelayMs = 200;
  s.reconnect.maxDelayMs = 2000;
  account = std::make_unique<xmpp::AccountConnection>(s);
  QObject::connect(account.get(), &xmpp::AccountConnection::reconnectScheduled,
                   [this](int, int) { ++reconnectsScheduled; });
  xmpp::Capability cap;
  cap.identityKey = testIdentityKey(name);
  cap.features = QStringList{QStringLiteral("abort")};
  room = std::make_unique<xmpp::MucChannel>(account.get(), roomJid, name, cap);
  room->setEventSink([this](const ChannelEvent& ev) { events.push_back(ev); });
  QObject::connect(room.get(), &xmpp::MucChannel::warning, [this](const QString& w) { warnings << w; });
  QObject::connect(room.get(), &xmpp::MucChannel::unencryptedMessage,
                   [this](const QString& from, const QString& body) {
                     unencrypted << from + QStringLiteral(": ") + body;
                   });
  QObject::connect(room.get(), &xmpp::MucChannel::plainOccupantsChanged,
                   [this](const QStringList& occupants) { plainOccupants = occupants; });
  QObject::connect(room.get(), &xmpp::MucChannel::left,
                   [this](xmpp::MucChannel::LeaveReason r, const QString&) { leaves << r; });
}

Peer::~Peer() {
  room.reset();
  account.reset();
}

int Peer::count(ChannelEvent::Kind kind) const {
  int n = 0;
  for (const auto& e : events) n += e.kind == kind ? 1 : 0;
  return n;
}

QStringList Peer::globalView() const {
  QStringList out;
  QString self;
  for (const auto& e : events) {
    switch (e.kind) {
      case ChannelEvent::Kind::SelfEnter:
        // Our own member ID is the one in `members` that the room gave us:
        // the selfJid at the time; for a single session that is the current one.
        self = room->selfJid().isEmpty() ? QString() : room->selfJid();
        out << QStringLiteral("enter ") + (self.isEmpty() ? name : self);
        break;
      case ChannelEvent::Kind::SelfLeave:
        out << QStringLiteral("leave ") + (self.isEmpty() ? name : self);
        break;
      case ChannelEvent::Kind::OthersEnter:
        for (const auto& m : e.members) out << QStringLiteral("enter ") + xmpp::fromMemberId(m);
        break;
      case ChannelEvent::Kind::OthersLeave:
        for (const auto& m : e.members) out << QStringLiteral("leave ") + xmpp::fromMemberId(m);
        break;
      case ChannelEvent::Kind::Packet:
        out << QStringLiteral("packet ") + xmpp::fromMemberId(e.sender) + QLatin1Char(' ') +
                   QString::fromStdString(e.wire);
        break;
    }
  }
  return out;
}

QString compareViews(const Peer& a, const Peer& b) {
  const QStringList va = a.globalView();
  const QStringList vb = b.globalView();
  if (va.isEmpty() || vb.isEmpty()) return QStringLiteral("empty view");
  // The later joiner's first event is its own enter; find it in the other's view.
  const QStringList* later = &va;
  const QStringList* earlier = &vb;
  qsizetype offset = vb.indexOf(va.first());
  if (offset < 0) {
    later = &vb;
    earlier = &va;
    offset = va.indexOf(vb.first());
  }
  if (offset < 0) return QStringLiteral("neither saw the other's enter");
  const qsizetype n = std::min<qsizetype>(later->size(), earlier->size() - offset);
  for (qsizetype i = 0; i < n; ++i) {
    if (later->at(i) != earlier->at(offset + i))
      return QStringLiteral("%1 vs %2 differ at %3: '%4' vs '%5'")
          .arg(a.name, b.name)
          .arg(i)
          .arg(later->at(i).left(120), earlier->at(offset + i).left(120));
  }
  return {};
}

}  // namespace mpenc::test
