#include "xmpp/trust_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QtGlobal>
#include <utility>

#include "ui/presentation/wording.h"
#include "xmpp/trust_codec.h"

namespace mpenc::xmpp {

namespace {

/// The translation context of the texts below (lupdate reads it too).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(mpenc::xmpp::TrustStore)
};

constexpr int kKeySize = 32;

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
  return trust::makeKey(account, peer, kind);
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
    if (f.size() <= trust::kMaxFileSize) data = f.read(trust::kMaxFileSize + 1);
    tooLarge = f.size() > trust::kMaxFileSize || data.size() > trust::kMaxFileSize;
  }

  // Parse into a temporary map (trust_codec.h); any deviation rejects the whole file.
  trust::Parsed parsed;
  if (tooLarge) {
    parsed.problem = QStringLiteral("too large");  // not read: status stays Corrupt
  } else {
    parsed = trust::parseTrustFile(data);
  }
  const QString& problem = parsed.problem;

  if (parsed.status == trust::Parsed::Status::Newer) {
    return fail(ErrorKind::UnsupportedVersion,
                Tr::tr("The trust store %1 was written by a newer version of mpENC (format \"%2\"). "
                       "It was left untouched; known keys are not available and nothing will be "
                       "saved in this session.")
                    .arg(QDir::toNativeSeparators(path), parsed.newerFormat));
  }
  if (parsed.status == trust::Parsed::Status::Corrupt) {
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
  entries_ = std::move(parsed.entries);
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
  QSaveFile f(filePath());
  bool ok = f.open(QIODevice::WriteOnly);
  // Owner-only before anything is written (QSaveFile writes a temporary file
  // and renames it over trust.json on commit).
  ok = ok && f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
  const QByteArray json = trust::encodeTrustFile(entries_);
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
