#include "xmpp/identity_store.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDebug>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QtGlobal>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <utility>

#include "mpenc/crypto/rng.h"
#include "mpenc/crypto/secret.h"
#include "xmpp/keychain_job.h"

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#endif

#ifdef MPENC_HAVE_QTKEYCHAIN
#if QT_VERSION_MAJOR >= 6
#include <qt6keychain/keychain.h>
#else
#include <qt5keychain/keychain.h>
#endif
#endif

namespace mpenc::xmpp {

namespace {

/// The translation context of the texts below (lupdate reads it too).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(mpenc::xmpp::IdentityStore)
};

constexpr char kHeader[] = "mpenc-identity-v1";
constexpr char kHeaderPrefix[] = "mpenc-identity-v";
constexpr qint64 kMaxKeyTextSize = 1024;  // the real text is < 120 bytes

/// A QByteArray that held secret bytes: wiped in place, then released.
/// Only call on arrays that are not shared (data() would detach and copy).
void wipeBytes(QByteArray& b) noexcept {
  if (!b.isEmpty()) {
    crypto::wipe(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(b.data()),  // NOLINT
                                         static_cast<std::size_t>(b.size())));
  }
  b.clear();
}

/// RAII for the above.
struct WipedBytes {
  QByteArray b;
  WipedBytes() = default;
  explicit WipedBytes(QByteArray in) : b(std::move(in)) {}
  ~WipedBytes() { wipeBytes(b); }
  WipedBytes(const WipedBytes&) = delete;
  WipedBytes& operator=(const WipedBytes&) = delete;
  WipedBytes(WipedBytes&&) = delete;
  WipedBytes& operator=(WipedBytes&&) = delete;
};

QByteArray rawView(const std::uint8_t* p, std::size_t n) {
  return QByteArray::fromRawData(reinterpret_cast<const char*>(p), static_cast<int>(n));  // NOLINT
}

void setError(QString* error, IdentityError* kind, IdentityError k, const QString& message) {
  if (error != nullptr) *error = message;
  if (kind != nullptr) *kind = k;
}

struct Failure {
  IdentityError kind;
  QString message;
};

/// The stored text of a key (secret: the caller wipes it).
QByteArray encodeKeyText(const crypto::Ed25519KeyPair& kp) {
  const auto seed = kp.seed().view();
  WipedBytes seed64(rawView(seed.data(), seed.size()).toBase64());
  const QByteArray pub64 = rawView(kp.publicKey().data(), kp.publicKey().size()).toBase64();
  QByteArray out;
  out.reserve(static_cast<int>(sizeof(kHeader)) + seed64.b.size() + pub64.size() + 4);
  out.append(kHeader).append('\n').append(seed64.b).append('\n').append(pub64).append('\n');
  return out;
}

/// One line of `text` starting at `*pos` (without the '\n'; a missing final
/// newline is accepted), as a view into `text`; advances `*pos`.
std::optional<QByteArray> nextLine(const QByteArray& text, int* pos) {
  if (*pos >= text.size()) return std::nullopt;
  int end = text.indexOf('\n', *pos);
  if (end < 0) end = text.size();
  QByteArray line = QByteArray::fromRawData(text.constData() + *pos, end - *pos);
  *pos = end + 1;
  return line;
}

/// Strict decode of canonical padded base64 of exactly 32 bytes into `out`
/// (a secret buffer: the caller decides). False on any deviation.
bool decode32(const QByteArray& b64, std::span<std::uint8_t, 32> out) {
  if (b64.size() != 44) return false;
  auto res = QByteArray::fromBase64Encoding(b64, QByteArray::AbortOnBase64DecodingErrors);
  WipedBytes decoded(std::move(res.decoded));
  if (res.decodingStatus != QByteArray::Base64DecodingStatus::Ok || decoded.b.size() != 32) return false;
  WipedBytes again(decoded.b.toBase64());
  if (again.b != b64) return false;  // not canonical
  for (std::size_t i = 0; i < 32; ++i) out[i] = static_cast<std::uint8_t>(decoded.b[static_cast<int>(i)]);
  return true;
}

/// Parses the stored text; `where` names the file or keychain entry in messages.
std::optional<crypto::Ed25519KeyPair> parseKeyText(const QByteArray& text, const QString& where,
                                                   Failure* failure) {
  int pos = 0;
  const auto header = nextLine(text, &pos);
  if (!header || *header != QByteArray(kHeader)) {
    if (header && header->startsWith(kHeaderPrefix)) {
      *failure = {IdentityError::UnsupportedVersion,
                  Tr::tr("The identity key in %1 was written by a newer version of mpENC "
                         "(format \"%2\"); it was left untouched. Use a newer version.")
                      .arg(where, QString::fromLatin1(header->left(64)))};
    } else {
      *failure = {IdentityError::Corrupt,
                  Tr::tr("The identity key in %1 is not an mpENC identity key (bad header); "
                         "it was left untouched. Restore it from a backup or move it away "
                         "to create a new identity (your contacts will see a key change).")
                      .arg(where)};
    }
    return std::nullopt;
  }
  const auto corrupt = [&](const QString& what) {
    *failure = {IdentityError::Corrupt,
                Tr::tr("The identity key in %1 is corrupt (%2); it was left untouched. "
                       "Restore it from a backup or move it away to create a new identity "
                       "(your contacts will see a key change).")
                    .arg(where, what)};
    return std::nullopt;
  };
  const auto seedLine = nextLine(text, &pos);
  const auto pubLine = nextLine(text, &pos);
  if (!seedLine || !pubLine) return corrupt(QStringLiteral("truncated"));
  if (pos < text.size()) return corrupt(QStringLiteral("unexpected trailing data"));
  crypto::Ed25519Seed seed;
  if (!decode32(*seedLine, seed.mutableView())) return corrupt(QStringLiteral("bad seed encoding"));
  FixedBytes<32> pub{};
  if (!decode32(*pubLine, pub)) return corrupt(QStringLiteral("bad public key encoding"));
  auto kp = crypto::Ed25519KeyPair::fromSeed(seed);
  if (!crypto::constantTimeEqual(kp.publicKey(), pub)) {
    return corrupt(QStringLiteral("the public key does not match the seed"));
  }
  return kp;
}

bool groupOrOtherAccess(QFileDevice::Permissions p) {
  return (p & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
               QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther)) != 0;
}

QString nativePath(const QString& path) {
  return QDir::toNativeSeparators(path);
}

/// Creates `dir` (0700) or tightens an existing one to 0700. A warning is
/// appended when an existing directory had to be tightened.
bool ensurePrivateDir(const QString& dir, QString* warning, Failure* failure) {
  QFileInfo info(dir);
  if (!info.exists()) {
    const QString parent = QFileInfo(dir).absolutePath();
    if (!QDir().mkpath(parent)) {
      *failure = {IdentityError::Io, Tr::tr("Could not create the directory %1.").arg(nativePath(parent))};
      return false;
    }
#ifdef Q_OS_UNIX
    const QByteArray native = QFile::encodeName(dir);
    if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST) {
      *failure = {IdentityError::Io, Tr::tr("Could not create the directory %1.").arg(nativePath(dir))};
      return false;
    }
#else
    if (!QDir().mkdir(dir)) {
      *failure = {IdentityError::Io, Tr::tr("Could not create the directory %1.").arg(nativePath(dir))};
      return false;
    }
#endif
    info.refresh();
  }
  if (!info.isDir()) {
    *failure = {IdentityError::Io, Tr::tr("%1 exists but is not a directory.").arg(nativePath(dir))};
    return false;
  }
#ifdef Q_OS_UNIX
  if (groupOrOtherAccess(info.permissions())) {
    if (!QFile::setPermissions(dir,
                               QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)) {
      *failure = {IdentityError::Io,
                  Tr::tr("The directory %1 is accessible by other users and its permissions "
                         "could not be changed; run: chmod 700 %1")
                      .arg(nativePath(dir))};
      return false;
    }
    if (warning != nullptr) {
      *warning = Tr::tr(
                     "The directory %1 was accessible by other users; its permissions were "
                     "set to owner-only (700).")
                     .arg(nativePath(dir));
    }
  }
#else
  Q_UNUSED(warning)
#endif
  return true;
}

/// Reads at most kMaxKeyTextSize bytes of `path`, unbuffered (so no copy of
/// the secret stays in a QIODevice buffer), after the permission checks.
std::optional<QByteArray> readKeyFile(const QString& path, Failure* failure) {
  const QFileInfo info(path);
  if (info.isSymLink() || !info.isFile()) {
    *failure = {
        IdentityError::Io,
        Tr::tr("The identity key %1 is not a regular file; it was left untouched.").arg(nativePath(path))};
    return std::nullopt;
  }
#ifdef Q_OS_UNIX
  if (groupOrOtherAccess(info.permissions())) {
    *failure = {IdentityError::InsecurePermissions,
                Tr::tr("The identity key %1 can be read or changed by other users, so it was "
                       "not used. If nobody else could have read it, restrict it with: "
                       "chmod 600 %1 (otherwise move it away to create a new identity).")
                    .arg(nativePath(path))};
    return std::nullopt;
  }
  if (info.ownerId() != ::getuid()) {
    *failure = {
        IdentityError::InsecurePermissions,
        Tr::tr("The identity key %1 belongs to another user, so it was not used.").arg(nativePath(path))};
    return std::nullopt;
  }
#endif
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
    *failure = {IdentityError::Io,
                Tr::tr("Could not read the identity key %1: %2").arg(nativePath(path), f.errorString())};
    return std::nullopt;
  }
  QByteArray buf(static_cast<int>(kMaxKeyTextSize) + 1, '\0');
  qint64 total = 0;
  while (total < buf.size()) {
    const qint64 n = f.read(buf.data() + total, buf.size() - total);
    if (n < 0) {
      wipeBytes(buf);
      *failure = {IdentityError::Io,
                  Tr::tr("Could not read the identity key %1: %2").arg(nativePath(path), f.errorString())};
      return std::nullopt;
    }
    if (n == 0) break;
    total += n;
  }
  if (total > kMaxKeyTextSize) {
    wipeBytes(buf);
    *failure = {
        IdentityError::Corrupt,
        Tr::tr("The identity key %1 is corrupt (too large); it was left untouched.").arg(nativePath(path))};
    return std::nullopt;
  }
  buf.truncate(static_cast<int>(total));  // shrinking keeps the allocation: wiped later as a whole
  return buf;
}

enum class WriteOutcome { Written, AlreadyExists, Failed };

/// Writes `text` to a new file at `path`, 0600 from its creation, atomically:
/// a temporary file is written and synced, then linked to `path`, which fails
/// (AlreadyExists) rather than replace a key that appeared meanwhile.
WriteOutcome writeNewKeyFile(const QString& path, const QByteArray& text, Failure* failure) {
  const QString tmp = path + QStringLiteral(".tmp-%1-%2")
                                 .arg(QCoreApplication::applicationPid())
                                 .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
  const auto fail = [&](const QString& why) {
    *failure = {IdentityError::Io,
                Tr::tr("Could not write the identity key %1: %2").arg(nativePath(path), why)};
    return WriteOutcome::Failed;
  };
#ifdef Q_OS_UNIX
  const QByteArray nativeTmp = QFile::encodeName(tmp);
  const QByteArray nativePathBytes = QFile::encodeName(path);
  const int fd = ::open(nativeTmp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return fail(QString::fromLocal8Bit(::strerror(errno)));
  qint64 done = 0;
  bool ok = true;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.constData() + done, static_cast<std::size_t>(text.size() - done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    done += n;
  }
  const int savedErrno = errno;
  ok = ok && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(nativeTmp.constData());
    return fail(QString::fromLocal8Bit(::strerror(savedErrno)));
  }
  if (::link(nativeTmp.constData(), nativePathBytes.constData()) != 0) {
    const int linkErrno = errno;
    if (linkErrno == EEXIST) {
      ::unlink(nativeTmp.constData());
      return WriteOutcome::AlreadyExists;
    }
    // Filesystems without hard links: rename, after checking (QFile::rename
    // never replaces an existing file).
    if (!QFile::rename(tmp, path)) {
      ::unlink(nativeTmp.constData());
      if (QFileInfo::exists(path)) return WriteOutcome::AlreadyExists;
      return fail(QString::fromLocal8Bit(::strerror(linkErrno)));
    }
  } else {
    ::unlink(nativeTmp.constData());
  }
  // Make the new directory entry durable.
  const QByteArray nativeDir = QFile::encodeName(QFileInfo(path).absolutePath());
  const int dfd = ::open(nativeDir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return WriteOutcome::Written;
#else
  QFile f(tmp);
  if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered))
    return fail(f.errorString());
  // Restrict the (still empty) file before any secret is written to it.
  if (!f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || f.write(text) != text.size() ||
      !f.flush()) {
    const QString why = f.errorString();
    f.close();
    f.remove();
    return fail(why);
  }
  f.close();
  if (!QFile::rename(tmp, path)) {
    QFile::remove(tmp);
    if (QFileInfo::exists(path)) return WriteOutcome::AlreadyExists;
    return fail(QStringLiteral("rename failed"));
  }
  return WriteOutcome::Written;
#endif
}

QString fileWarning(const QString& path, const QString& why) {
  return Tr::tr(
             "Your identity key is stored in the file %1, protected only by its file "
             "permissions (%2).")
      .arg(nativePath(path), why);
}

#ifdef MPENC_HAVE_QTKEYCHAIN
QString keychainKey(const QString& bareJid) {
  return QStringLiteral("identity-v1/") + bareJid;
}

/// Beside the key file's path: the marker saying that this account's key was
/// put in (or found in) the keychain. No secret in it.
QString keychainMarkerPath(const QString& keyPath) {
  return keyPath.chopped(4) + QStringLiteral(".in-keychain");
}
#endif

}  // namespace

std::optional<crypto::Ed25519KeyPair> parseIdentityKeyText(const QByteArray& text, QString* error,
                                                           IdentityError* kind) {
  Failure failure{IdentityError::Corrupt, {}};
  auto kp = parseKeyText(text, QStringLiteral("the key text"), &failure);
  if (!kp) {
    if (error) *error = failure.message;
    if (kind) *kind = failure.kind;
  }
  return kp;
}

QString normalizeBareJid(const QString& jid) {
  QString s = jid.trimmed();
  const int slash = s.indexOf(QLatin1Char('/'));
  if (slash >= 0) s.truncate(slash);
  s = s.toLower();
  if (s.endsWith(QLatin1Char('.'))) s.chop(1);  // "example.com." = "example.com"
  if (s.isEmpty() || s.size() > 2047) return {};
  for (const QChar c : s) {
    if (c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) return {};
  }
  const int at = s.indexOf(QLatin1Char('@'));
  if (at >= 0) {
    if (at == 0 || s.indexOf(QLatin1Char('@'), at + 1) >= 0) return {};
    if (at == s.size() - 1) return {};
  }
  return s;
}

IdentityStore::IdentityStore(QString dataDir, bool useKeychain) : dataDir_(std::move(dataDir)) {
  keychainEnabled_ = keychainAllowed(useKeychain);
}

QString IdentityStore::keyFilePath(const QString& accountBareJid) const {
  const QString bare = normalizeBareJid(accountBareJid);
  if (bare.isEmpty()) return {};
  const QByteArray digest = QCryptographicHash::hash(bare.toUtf8(), QCryptographicHash::Sha256).toHex();
  return QDir(dataDir_).filePath(QStringLiteral("identity/") + QString::fromLatin1(digest) +
                                 QStringLiteral(".key"));
}

std::optional<IdentityStore::Loaded> IdentityStore::loadOrCreate(const QString& accountBareJid,
                                                                 QString* error, IdentityError* kind) {
  const QString bare = normalizeBareJid(accountBareJid);
  if (bare.isEmpty()) {
    setError(error, kind, IdentityError::InvalidAccount,
             Tr::tr("\"%1\" is not a valid account address (user@domain).").arg(accountBareJid.left(256)));
    return std::nullopt;
  }
  if (!crypto::initialize()) {
    setError(error, kind, IdentityError::CryptoUnavailable,
             Tr::tr("The cryptography library could not be initialised."));
    return std::nullopt;
  }
  const QString path = keyFilePath(bare);
  const QString dir = QFileInfo(path).absolutePath();
  Failure failure{IdentityError::Io, {}};
  const auto failed = [&]() -> std::optional<Loaded> {
    setError(error, kind, failure.kind, failure.message);
    return std::nullopt;
  };

  // Loads the existing file fallback (which then wins over the keychain).
  const auto loadFile = [&](const QString& extraWarning) -> std::optional<Loaded> {
    auto text = readKeyFile(path, &failure);
    if (!text) return failed();
    WipedBytes guard(std::move(*text));
    auto kp = parseKeyText(guard.b, nativePath(path), &failure);
    if (!kp) return failed();
    Loaded out{std::move(*kp), false, false, {}};
    out.warning = fileWarning(path, keychainEnabled_ ? Tr::tr("it was created while the system "
                                                              "keychain was unavailable")
                                                     : Tr::tr("the system keychain is not used"));
    if (!extraWarning.isEmpty()) out.warning += QLatin1Char(' ') + extraWarning;
    return out;
  };

  // Creates a key in the file fallback; if a file appeared meanwhile, loads it.
  const auto createFile = [&](crypto::Ed25519KeyPair kp, const QString& why) -> std::optional<Loaded> {
    QString dirWarning;
    if (!ensurePrivateDir(dir, &dirWarning, &failure)) return failed();
    WipedBytes text(encodeKeyText(kp));
    switch (writeNewKeyFile(path, text.b, &failure)) {
      case WriteOutcome::Failed:
        return failed();
      case WriteOutcome::AlreadyExists:
        return loadFile(dirWarning);
      case WriteOutcome::Written:
        break;
    }
    Loaded out{std::move(kp), true, false, fileWarning(path, why)};
    if (!dirWarning.isEmpty()) out.warning += QLatin1Char(' ') + dirWarning;
    return out;
  };

  const auto generate = [&]() {
    crypto::SystemRng rng;
    return crypto::Ed25519KeyPair::generate(rng);
  };

  const QFileInfo existing(path);
  if (existing.exists() || existing.isSymLink()) {
    QString dirWarning;
    if (!ensurePrivateDir(dir, &dirWarning, &failure)) return failed();
    return loadFile(dirWarning);
  }

  if (!keychainEnabled_) return createFile(generate(), Tr::tr("the system keychain is not used"));

#ifdef MPENC_HAVE_QTKEYCHAIN
  // Once a key is known to be in the keychain, a keychain that does not give
  // it out (a locked Secret Service answers "not found"; a crashed daemon
  // "not provided") never leads to a new key: the identity would change.
  const QString marker = keychainMarkerPath(path);
  const bool wasInKeychain = QFileInfo::exists(marker);
  const auto rememberInKeychain = [&]() {
    if (wasInKeychain) return;
    Failure ignored{IdentityError::Io, {}};
    if (ensurePrivateDir(dir, nullptr, &ignored))
      writeNewKeyFile(marker, QByteArrayLiteral("mpenc-identity-in-keychain-v1\n"), &ignored);
  };
  const auto keychainLost = [&](const QString& why) -> std::optional<Loaded> {
    setError(error, kind, IdentityError::KeychainUnavailable,
             Tr::tr("Your identity key is stored in the system keychain, but the keychain does not "
                    "give it out now (%1). No new key was made, so your contacts keep seeing the "
                    "same identity: unlock or start the keychain and try again. To start over "
                    "with a new identity instead, remove %2.")
                 .arg(why.left(200), nativePath(marker)));
    return std::nullopt;
  };
  {
    auto* job = new QKeychain::ReadPasswordJob(QLatin1String(kKeychainService));
    job->setKey(keychainKey(bare));
    KeychainResult read = runKeychainJob(job, true);
    WipedBytes data(std::move(read.data));
    using S = KeychainResult::Status;
    switch (read.status) {
      case S::Ok: {
        auto kp = parseKeyText(data.b, Tr::tr("the system keychain"), &failure);
        if (!kp) return failed();
        rememberInKeychain();
        return Loaded{std::move(*kp), false, true, {}};
      }
      case S::Unavailable:
        if (wasInKeychain) return keychainLost(read.message);
        return createFile(generate(),
                          Tr::tr("no system keychain is available: %1").arg(read.message.left(200)));
      case S::Denied:
      case S::TimedOut:
        setError(error, kind, IdentityError::KeychainUnavailable,
                 Tr::tr("Could not read your identity key from the system keychain (%1). Unlock "
                        "the keychain and try again, or set MPENC_NO_KEYCHAIN=1 to keep identity "
                        "keys in files instead.")
                     .arg(read.message.left(200)));
        return std::nullopt;
      case S::NotFound:
        if (wasInKeychain) return keychainLost(Tr::tr("no such entry; is the keychain locked?"));
        break;
    }
  }
  auto kp = generate();
  {
    auto* job = new QKeychain::WritePasswordJob(QLatin1String(kKeychainService));
    job->setKey(keychainKey(bare));
    {
      WipedBytes text(encodeKeyText(kp));
      // A deep copy for the job (QtKeychain keeps it unwiped until the job is
      // deleted; nothing to do about that), so ours is not shared and is wiped.
      job->setBinaryData(QByteArray(text.b.constData(), text.b.size()));
    }
    const KeychainResult written = runKeychainJob(job, false);
    if (written.status == KeychainResult::Status::Ok) {
      rememberInKeychain();
      return Loaded{std::move(kp), true, true, {}};
    }
    if (written.status == KeychainResult::Status::Denied) {
      // Locked: its "not found" above proves nothing, so no key in a file either.
      setError(error, kind, IdentityError::KeychainUnavailable,
               Tr::tr("The system keychain did not accept a new identity key (%1); it may be "
                      "locked, and your key may be in it. Unlock the keychain and try again, or "
                      "set MPENC_NO_KEYCHAIN=1 to keep identity keys in files instead.")
                   .arg(written.message.left(200)));
      return std::nullopt;
    }
    return createFile(std::move(kp),
                      Tr::tr("the system keychain refused it: %1").arg(written.message.left(200)));
  }
#else
  return createFile(generate(), Tr::tr("this build has no keychain support"));
#endif
}

QDebug operator<<(QDebug dbg, const IdentityStore::Loaded& loaded) {
  const QDebugStateSaver saver(dbg);
  const auto& pub = loaded.key.publicKey();
  dbg.nospace().noquote() << "IdentityStore::Loaded(public="
                          << QString::fromLatin1(rawView(pub.data(), pub.size()).toHex())
                          << ", seed=<redacted>"
                          << ", created=" << loaded.created << ", inKeychain=" << loaded.inKeychain << ')';
  return dbg;
}

}  // namespace mpenc::xmpp
