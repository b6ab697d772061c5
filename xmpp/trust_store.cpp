#include "xmpp/trust_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QSaveFile>
#include <QSet>
#include <QtGlobal>
#include <utility>

#include "ui/presentation/wording.h"
#include "xmpp/identity_store.h"

namespace mpenc::xmpp {

namespace {

/// The translation context of the texts below (lupdate reads it too).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(mpenc::xmpp::TrustStore)
};

constexpr char kFormat[] = "mpenc-trust-v1";
constexpr char kFormatPrefix[] = "mpenc-trust-v";
constexpr qint64 kMaxFileSize = qint64{16} * 1024 * 1024;
constexpr int kKeySize = 32;
constexpr int kMaxPeerLength = 3071;

QString kindName(TrustStore::PeerKind kind) {
  return kind == TrustStore::PeerKind::Jid ? QStringLiteral("jid") : QStringLiteral("nick");
}

std::optional<TrustStore::PeerKind> kindFromName(const QString& name) {
  if (name == QLatin1String("jid")) return TrustStore::PeerKind::Jid;
  if (name == QLatin1String("nick")) return TrustStore::PeerKind::Nick;
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
  QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODate);
  if (!t.isValid()) return std::nullopt;
  return t.toUTC();
}

QString normalizedFingerprintInput(const QString& typed) {
  QString out;
  out.reserve(typed.size());
  for (const QChar c : typed) {
    if (c.isSpace() || c == QLatin1Char(':') || c == QLatin1Char('-')) continue;
    out.append(c.toLower());
  }
  return out;
}

QDateTime now() {
  return QDateTime::currentDateTimeUtc();
}

}  // namespace

TrustStore::TrustStore(QString dataDir) : dataDir_(std::move(dataDir)) {
  load();
}

QString TrustStore::filePath() const {
  return QDir(dataDir_).filePath(QStringLiteral("trust.json"));
}

QString TrustStore::fingerprint(const QByteArray& key) {
  return mpenc::present::fingerprintText(key);
}

std::optional<TrustStore::Key> TrustStore::makeKey(const QString& account, const QString& peer,
                                                   PeerKind kind) const {
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

TrustStore::Error TrustStore::load() {
  entries_.clear();
  readOnly_ = false;
  loadError_ = {};
  const QString path = filePath();
  const auto fail = [&](ErrorKind kind, const QString& message) {
    readOnly_ = true;
    entries_.clear();
    loadError_ = {kind, message};
    return loadError_;
  };
  const QFileInfo info(path);
  if (!info.exists() && !info.isSymLink()) return loadError_;

  QByteArray data;
  bool tooLarge = false;
  {
    QFile f(path);
    if (!info.isFile() || !f.open(QIODevice::ReadOnly)) {
      return fail(ErrorKind::Io,
                  Tr::tr("Could not read the trust store %1 (%2). Known keys are not available "
                         "and nothing will be saved until this is fixed.")
                      .arg(QDir::toNativeSeparators(path), f.errorString()));
    }
    if (f.size() <= kMaxFileSize) data = f.read(kMaxFileSize + 1);
    tooLarge = f.size() > kMaxFileSize || data.size() > kMaxFileSize;
  }

  // Parse into a temporary map; any deviation rejects the whole file.
  QMap<Key, Entry> parsed;
  QString problem;
  bool newer = false;
  QString newerFormat;
  [&] {
    if (tooLarge) {
      problem = QStringLiteral("too large");
      return;
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
      problem = QStringLiteral("not a JSON object");
      return;
    }
    const QJsonObject root = doc.object();
    const QString format = root.value(QStringLiteral("format")).toString();
    if (format != QLatin1String(kFormat)) {
      if (format.startsWith(QLatin1String(kFormatPrefix))) {
        newer = true;
        newerFormat = format.left(64);
      } else {
        problem = QStringLiteral("unknown format");
      }
      return;
    }
    const QJsonValue entriesValue = root.value(QStringLiteral("entries"));
    if (!entriesValue.isArray()) {
      problem = QStringLiteral("no entries list");
      return;
    }
    const QJsonArray entries = entriesValue.toArray();
    for (int i = 0; i < entries.size(); ++i) {
      const auto bad = [&](const QString& what) {
        problem = QStringLiteral("entry %1: %2").arg(i).arg(what);
      };
      if (!entries.at(i).isObject()) return bad(QStringLiteral("not an object"));
      const QJsonObject o = entries.at(i).toObject();
      const QJsonValue account = o.value(QStringLiteral("account"));
      const QJsonValue peer = o.value(QStringLiteral("peer"));
      const auto kind = kindFromName(o.value(QStringLiteral("kind")).toString());
      if (!account.isString() || !peer.isString() || !kind)
        return bad(QStringLiteral("bad account/peer/kind"));
      const auto key = makeKey(account.toString(), peer.toString(), *kind);
      if (!key || std::get<0>(*key) != account.toString() || std::get<1>(*key) != peer.toString()) {
        return bad(QStringLiteral("account or peer not normalised"));
      }
      if (parsed.contains(*key)) return bad(QStringLiteral("duplicate"));
      Entry e;
      const auto pinned = keyFromText(o.value(QStringLiteral("key")));
      if (!pinned) return bad(QStringLiteral("bad key"));
      e.pinnedKey = *pinned;
      const QJsonValue verified = o.value(QStringLiteral("verified"));
      if (!verified.isBool()) return bad(QStringLiteral("bad verified flag"));
      e.verified = verified.toBool();
      if (o.contains(QStringLiteral("pending"))) {
        const auto pending = keyFromText(o.value(QStringLiteral("pending")));
        if (!pending || *pending == e.pinnedKey) return bad(QStringLiteral("bad pending key"));
        e.pendingKey = *pending;
      }
      const auto firstSeen = timeFromJson(o, QStringLiteral("firstSeen"));
      const auto changedAt = timeFromJson(o, QStringLiteral("changedAt"));
      if (!firstSeen || !changedAt) return bad(QStringLiteral("bad time"));
      e.firstSeen = *firstSeen;
      e.changedAt = e.pendingKey.isEmpty() ? QDateTime() : *changedAt;
      parsed.insert(*key, e);
    }
  }();

  if (newer) {
    return fail(ErrorKind::UnsupportedVersion,
                Tr::tr("The trust store %1 was written by a newer version of mpENC (format \"%2\"). "
                       "It was left untouched; known keys are not available and nothing will be "
                       "saved in this session.")
                    .arg(QDir::toNativeSeparators(path), newerFormat));
  }
  if (!problem.isEmpty()) {
    // Keep the file: move it aside under a name that does not exist yet.
    const QString stamp = now().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QString aside = path + QStringLiteral(".corrupt-") + stamp;
    for (int n = 1; QFileInfo::exists(aside) && n < 1000; ++n) {
      aside = path + QStringLiteral(".corrupt-") + stamp + QStringLiteral("-%1").arg(n);
    }
    if (QFileInfo::exists(aside) || !QFile::rename(path, aside)) {
      return fail(ErrorKind::Io,
                  Tr::tr("The trust store %1 is corrupt (%2) and could not be moved aside. It was "
                         "left untouched; known keys are not available and nothing will be saved "
                         "until it is repaired or removed.")
                      .arg(QDir::toNativeSeparators(path), problem));
    }
    loadError_ = {ErrorKind::Corrupt,
                  Tr::tr("The trust store was corrupt (%1). It was kept as %2 and a new one was "
                         "started: every contact's key will be treated as new (first use) again.")
                      .arg(problem, QDir::toNativeSeparators(aside))};
    return loadError_;
  }
  entries_ = std::move(parsed);
  return loadError_;
}

bool TrustStore::save() {
  if (readOnly_) {
    saveError_ = {ErrorKind::Io, loadError_.message};
    return false;
  }
  if (!QDir().mkpath(dataDir_)) {
    saveError_ = {ErrorKind::Io,
                  Tr::tr("Could not create the directory %1.").arg(QDir::toNativeSeparators(dataDir_))};
    return false;
  }
  QJsonArray list;
  for (auto it = entries_.cbegin(); it != entries_.cend(); ++it) {
    const Entry& e = it.value();
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

  QSaveFile f(filePath());
  bool ok = f.open(QIODevice::WriteOnly);
  // Owner-only before anything is written (QSaveFile writes a temporary file
  // and renames it over trust.json on commit).
  ok = ok && f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
  const QByteArray json = QJsonDocument(root).toJson(QJsonDocument::Indented);
  ok = ok && f.write(json) == json.size();
  ok = ok && f.commit();
  if (!ok) {
    const QString why = f.errorString();
    f.cancelWriting();
    saveError_ = {
        ErrorKind::Io,
        Tr::tr("Could not save the trust store %1: %2").arg(QDir::toNativeSeparators(filePath()), why)};
    qWarning("mpENC: %s", qUtf8Printable(saveError_.message));
    return false;
  }
  saveError_ = {};
  return true;
}

TrustStore::Observation TrustStore::observe(const QString& account, const QString& peer, PeerKind kind,
                                            const QByteArray& identityKey) {
  Observation obs;
  obs.seenKey = identityKey;
  obs.fingerprint = fingerprint(identityKey);
  const auto key = makeKey(account, peer, kind);
  if (!key || identityKey.size() != kKeySize) {
    obs.trust = Trust::Invalid;
    return obs;
  }
  auto it = entries_.find(*key);
  if (it == entries_.end()) {
    Entry e;
    e.pinnedKey = identityKey;
    e.firstSeen = now();
    entries_.insert(*key, e);
    save();
    obs.trust = Trust::New;
    obs.pinnedKey = identityKey;
    return obs;
  }
  Entry& e = it.value();
  obs.pinnedKey = e.pinnedKey;
  if (e.pinnedKey == identityKey) {
    if (!e.pendingKey.isEmpty()) {  // back to the pinned key: the change is withdrawn
      e.pendingKey.clear();
      e.changedAt = QDateTime();
      save();
    }
    obs.trust = e.verified ? Trust::Verified : Trust::Pinned;
    return obs;
  }
  if (e.pendingKey != identityKey) {
    e.pendingKey = identityKey;
    e.changedAt = now();
    save();
  }
  obs.trust = Trust::Changed;
  return obs;
}

bool TrustStore::verify(const QString& account, const QString& peer, PeerKind kind,
                        const QString& fingerprintTyped) {
  const auto key = makeKey(account, peer, kind);
  if (!key) return false;
  auto it = entries_.find(*key);
  if (it == entries_.end()) return false;
  Entry& e = it.value();
  const QByteArray seen = e.pendingKey.isEmpty() ? e.pinnedKey : e.pendingKey;
  const QString typed = normalizedFingerprintInput(fingerprintTyped);
  const QString expected = normalizedFingerprintInput(fingerprint(seen));
  if (typed.isEmpty() || typed != expected) return false;
  if (!e.pendingKey.isEmpty()) {
    e.pinnedKey = e.pendingKey;
    e.pendingKey.clear();
    e.changedAt = QDateTime();
    e.firstSeen = now();
  }
  e.verified = true;
  save();
  return true;
}

bool TrustStore::acceptNewKey(const QString& account, const QString& peer, PeerKind kind) {
  const auto key = makeKey(account, peer, kind);
  if (!key) return false;
  auto it = entries_.find(*key);
  if (it == entries_.end() || it.value().pendingKey.isEmpty()) return false;
  Entry& e = it.value();
  e.pinnedKey = e.pendingKey;
  e.pendingKey.clear();
  e.changedAt = QDateTime();
  e.firstSeen = now();
  e.verified = false;
  save();
  return true;
}

std::optional<TrustStore::Entry> TrustStore::entry(const QString& account, const QString& peer,
                                                   PeerKind kind) const {
  const auto key = makeKey(account, peer, kind);
  if (!key) return std::nullopt;
  const auto it = entries_.constFind(*key);
  if (it == entries_.cend()) return std::nullopt;
  return it.value();
}

}  // namespace mpenc::xmpp
