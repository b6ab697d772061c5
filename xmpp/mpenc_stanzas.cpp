#include "xmpp/mpenc_stanzas.h"

#include <QXmppElement.h>
#include <QXmppMessage.h>
#include <QXmppPresence.h>

namespace mpenc::xmpp {

namespace {

QString ns(const char* s) {
  return QString::fromLatin1(s);
}

QXmppElement element(const QString& name, const QString& xmlns = {}) {
  QXmppElement e;
  e.setTagName(name);
  if (!xmlns.isEmpty()) e.setAttribute(QStringLiteral("xmlns"), xmlns);
  return e;
}

QXmppElement capabilityElement(const Capability& cap) {
  QXmppElement root = element(QStringLiteral("mpenc"), ns(kMpencNs));
  root.setAttribute(QStringLiteral("version"), QString::number(cap.version));
  QXmppElement identity = element(QStringLiteral("identity"));
  identity.setAttribute(QStringLiteral("type"), QStringLiteral("ed25519"));
  identity.setValue(QString::fromLatin1(cap.identityKey.toBase64()));
  root.appendChild(identity);
  for (const QString& f : cap.features) {
    QXmppElement feature = element(QStringLiteral("feature"));
    feature.setAttribute(QStringLiteral("var"), f);
    root.appendChild(feature);
  }
  return root;
}

bool isOurs(const QXmppElement& e) {
  return e.tagName() == QLatin1String("mpenc") && e.attribute(QStringLiteral("xmlns")) == ns(kMpencNs);
}

// Strict base64 of exactly `size` bytes (canonical: re-encoding gives the text back).
std::optional<QByteArray> strictBase64(const QString& text, int size) {
  const QByteArray ascii = text.trimmed().toLatin1();
  const QByteArray raw = QByteArray::fromBase64(ascii);
  if (raw.size() != size || raw.toBase64() != ascii) return std::nullopt;
  return raw;
}

}  // namespace

QXmppPresence makeJoinPresence(const QString& occupantJid, const Capability& cap) {
  QXmppPresence p(QXmppPresence::Available);
  p.setTo(occupantJid);
  QXmppElement x = element(QStringLiteral("x"), ns(kMucNs));
  QXmppElement history = element(QStringLiteral("history"));
  history.setAttribute(QStringLiteral("maxstanzas"), QStringLiteral("0"));
  x.appendChild(history);
  p.setExtensions({x, capabilityElement(cap)});
  return p;
}

QXmppPresence makeLeavePresence(const QString& occupantJid) {
  QXmppPresence p(QXmppPresence::Unavailable);
  p.setTo(occupantJid);
  return p;
}

CapabilityParse parseCapability(const QXmppPresence& presence) {
  CapabilityParse out;
  for (const QXmppElement& e : presence.extensions()) {
    if (!isOurs(e)) continue;
    if (out.present) {
      out.cap.reset();
      out.problem = QStringLiteral("more than one capability element");
      return out;
    }
    out.present = true;
    bool ok = false;
    const int version = e.attribute(QStringLiteral("version")).toInt(&ok);
    if (!ok || version < 1) {
      out.problem = QStringLiteral("missing or invalid version attribute");
      continue;
    }
    const QXmppElement identity = e.firstChildElement(QStringLiteral("identity"));
    if (identity.isNull() || identity.attribute(QStringLiteral("type")) != QLatin1String("ed25519")) {
      out.problem = QStringLiteral("missing ed25519 identity");
      continue;
    }
    auto key = strictBase64(identity.value(), kIdentityKeySize);
    if (!key) {
      out.problem = QStringLiteral("identity is not base64 of a 32-byte key");
      continue;
    }
    Capability cap;
    cap.version = version;
    cap.identityKey = *key;
    for (QXmppElement f = e.firstChildElement(QStringLiteral("feature")); !f.isNull();
         f = f.nextSiblingElement(QStringLiteral("feature"))) {
      const QString var = f.attribute(QStringLiteral("var"));
      if (!var.isEmpty() && var.size() <= 64 && cap.features.size() < 64) cap.features << var;
    }
    out.cap = std::move(cap);
  }
  return out;
}

QXmppMessage makePacketMessage(const QString& roomJid, const QString& wire, StanzaKind kind,
                               const QString& originId) {
  QXmppMessage m;
  m.setTo(roomJid);
  m.setType(QXmppMessage::GroupChat);
  m.setId(originId);
  m.setOriginId(originId);
  QXmppElement packet = element(QStringLiteral("mpenc"), ns(kMpencNs));
  packet.setValue(wire);
  QXmppElementList ext{packet};
  if (kind == StanzaKind::Data) {
    m.setBody(QString::fromLatin1(kDataFallbackBody));
    QXmppElement eme = element(QStringLiteral("encryption"), ns(kEmeNs));
    eme.setAttribute(QStringLiteral("namespace"), ns(kMpencNs));
    eme.setAttribute(QStringLiteral("name"), QStringLiteral("mpENC"));
    ext << eme;
  }
  ext << element(QStringLiteral("no-permanent-store"), ns(kHintsNs));
  m.setExtensions(ext);
  return m;
}

PacketExtract extractPacket(const QXmppMessage& message) {
  PacketExtract out;
  for (const QXmppElement& e : message.extensions()) {
    if (!isOurs(e)) continue;
    const QString text = e.value().trimmed();
    if (!text.startsWith(QLatin1String("?mpENC"))) {
      out.problem = QStringLiteral("mpENC element without a packet");
      continue;
    }
    if (out.source == PacketExtract::Source::Element) {
      out.problem = QStringLiteral("more than one mpENC packet element");
      out.source = PacketExtract::Source::None;
      out.wire.clear();
      return out;
    }
    out.source = PacketExtract::Source::Element;
    out.wire = text;
  }
  if (out.source == PacketExtract::Source::None && out.problem.isEmpty() &&
      message.body().startsWith(QLatin1String("?mpENC"))) {
    out.source = PacketExtract::Source::Body;
    out.wire = message.body().trimmed();
  }
  return out;
}

QString resourceOf(const QString& jid) {
  const auto slash = jid.indexOf(QLatin1Char('/'));
  return slash < 0 ? QString() : jid.mid(slash + 1);
}

QString bareOf(const QString& jid) {
  const auto slash = jid.indexOf(QLatin1Char('/'));
  return slash < 0 ? jid : jid.left(slash);
}

}  // namespace mpenc::xmpp
