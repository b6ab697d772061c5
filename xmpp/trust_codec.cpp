#include "xmpp/trust_codec.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include "xmpp/identity_store.h"

namespace mpenc::xmpp::trust {

namespace {

using PeerKind = TrustStore::PeerKind;

constexpr char kFormat[] = "mpenc-trust-v1";
constexpr char kFormatPrefix[] = "mpenc-trust-v";
constexpr int kKeySize = 32;
constexpr int kMaxPeerLength = 3071;

QString kindName(PeerKind kind) {
  return kind == PeerKind::Jid ? QStringLiteral("jid") : QStringLiteral("nick");
}

std::optional<PeerKind> kindFromName(const QString& name) {
  if (name == QLatin1String("jid")) return PeerKind::Jid;
  if (name == QLatin1String("nick")) return PeerKind::Nick;
  return std::nullopt;
}

QString keyToText(const QByteArray& key) {
  return QString::fromLatin1(key.toBase64());
}

/// Strict: canonical padded base64 of exactly 32 bytes.
std::optional<QByteArray> keyFromText(const QJsonValue& v) {
  if (!v.isString()) return std::nullopt;
  const QByteArray text = v.toString().toLatin1();
  auto res = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
  if (res.decodingStatus != QByteArray::Base64DecodingStatus::Ok || res.decoded.size() != kKeySize ||
      res.decoded.toBase64() != text) {
    return std::nullopt;
  }
  return res.decoded;
}

QString timeToText(const QDateTime& t) {
  return t.toUTC().toString(Qt::ISODate);
}

/// Absent → invalid QDateTime (ok); present but not an ISO date → nullopt.
std::optional<QDateTime> timeFromJson(const QJsonObject& o, const QString& name) {
  const QJsonValue v = o.value(name);
  if (v.isUndefined()) return QDateTime();
  if (!v.isString()) return std::nullopt;
  const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODate).toUTC();
  if (!t.isValid()) return std::nullopt;
  // Only a time that survives a save (written in UTC, to the second): an
  // offset can move it out of the four-digit years of ISO dates, e.g.
  // 0001-01-01T00:00:00+14:00, and the saved file would then be corrupt and
  // every pin lost on the next start (regressions/trust/utc-time-*.json).
  const QDateTime back = QDateTime::fromString(timeToText(t), Qt::ISODate);
  if (!back.isValid() || back.toSecsSinceEpoch() != t.toSecsSinceEpoch()) return std::nullopt;
  return t;
}

/// One entry of the list, or the problem with it.
std::optional<QString> parseEntry(const QJsonValue& value, const Entries& parsed, Key* keyOut,
                                  TrustStore::Entry* out) {
  if (!value.isObject()) return QStringLiteral("not an object");
  const QJsonObject o = value.toObject();
  const QJsonValue account = o.value(QStringLiteral("account"));
  const QJsonValue peer = o.value(QStringLiteral("peer"));
  const auto kind = kindFromName(o.value(QStringLiteral("kind")).toString());
  if (!account.isString() || !peer.isString() || !kind) return QStringLiteral("bad account/peer/kind");
  const auto key = makeKey(account.toString(), peer.toString(), *kind);
  if (!key || std::get<0>(*key) != account.toString() || std::get<1>(*key) != peer.toString())
    return QStringLiteral("account or peer not normalised");
  if (parsed.contains(*key)) return QStringLiteral("duplicate");
  TrustStore::Entry e;
  const auto pinned = keyFromText(o.value(QStringLiteral("key")));
  if (!pinned) return QStringLiteral("bad key");
  e.pinnedKey = *pinned;
  const QJsonValue verified = o.value(QStringLiteral("verified"));
  if (!verified.isBool()) return QStringLiteral("bad verified flag");
  e.verified = verified.toBool();
  if (o.contains(QStringLiteral("pending"))) {
    const auto pending = keyFromText(o.value(QStringLiteral("pending")));
    if (!pending || *pending == e.pinnedKey) return QStringLiteral("bad pending key");
    e.pendingKey = *pending;
  }
  const auto firstSeen = timeFromJson(o, QStringLiteral("firstSeen"));
  const auto changedAt = timeFromJson(o, QStringLiteral("changedAt"));
  if (!firstSeen || !changedAt) return QStringLiteral("bad time");
  e.firstSeen = *firstSeen;
  e.changedAt = e.pendingKey.isEmpty() ? QDateTime() : *changedAt;
  *keyOut = *key;
  *out = e;
  return std::nullopt;
}

}  // namespace

std::optional<Key> makeKey(const QString& account, const QString& peer, PeerKind kind) {
  const QString acc = normalizeBareJid(account);
  if (acc.isEmpty()) return std::nullopt;
  QString p;
  if (kind == PeerKind::Jid) {
    p = normalizeBareJid(peer);
  } else {
    p = peer;
    if (p.size() > kMaxPeerLength) return std::nullopt;
  }
  if (p.isEmpty()) return std::nullopt;
  return Key{acc, p, static_cast<int>(kind)};
}

Parsed parseTrustFile(const QByteArray& data) {
  Parsed out;
  const auto corrupt = [&](const QString& problem) {
    out.status = Parsed::Status::Corrupt;
    out.entries.clear();
    out.problem = problem;
    return out;
  };
  if (data.size() > kMaxFileSize) return corrupt(QStringLiteral("too large"));
  QJsonParseError err{};
  const QJsonDocument doc = QJsonDocument::fromJson(data, &err);
  if (err.error != QJsonParseError::NoError || !doc.isObject())
    return corrupt(QStringLiteral("not a JSON object"));
  const QJsonObject root = doc.object();
  const QString format = root.value(QStringLiteral("format")).toString();
  if (format != QLatin1String(kFormat)) {
    if (!format.startsWith(QLatin1String(kFormatPrefix))) return corrupt(QStringLiteral("unknown format"));
    out.status = Parsed::Status::Newer;
    out.newerFormat = format.left(64);
    return out;
  }
  const QJsonValue entriesValue = root.value(QStringLiteral("entries"));
  if (!entriesValue.isArray()) return corrupt(QStringLiteral("no entries list"));
  const QJsonArray entries = entriesValue.toArray();
  for (int i = 0; i < entries.size(); ++i) {
    Key key;
    TrustStore::Entry e;
    if (const auto problem = parseEntry(entries.at(i), out.entries, &key, &e))
      return corrupt(QStringLiteral("entry %1: %2").arg(i).arg(*problem));
    out.entries.insert(key, e);
  }
  out.status = Parsed::Status::Ok;
  return out;
}

QByteArray encodeTrustFile(const Entries& entries) {
  QJsonArray list;
  for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
    const TrustStore::Entry& e = it.value();
    QJsonObject o;
    o.insert(QStringLiteral("account"), std::get<0>(it.key()));
    o.insert(QStringLiteral("peer"), std::get<1>(it.key()));
    o.insert(QStringLiteral("kind"), kindName(static_cast<PeerKind>(std::get<2>(it.key()))));
    o.insert(QStringLiteral("key"), keyToText(e.pinnedKey));
    o.insert(QStringLiteral("verified"), e.verified);
    if (e.firstSeen.isValid()) o.insert(QStringLiteral("firstSeen"), timeToText(e.firstSeen));
    if (!e.pendingKey.isEmpty()) {
      o.insert(QStringLiteral("pending"), keyToText(e.pendingKey));
      if (e.changedAt.isValid()) o.insert(QStringLiteral("changedAt"), timeToText(e.changedAt));
    }
    list.append(o);
  }
  QJsonObject root;
  root.insert(QStringLiteral("format"), QLatin1String(kFormat));
  root.insert(QStringLiteral("entries"), list);
  return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

}  // namespace mpenc::xmpp::trust
