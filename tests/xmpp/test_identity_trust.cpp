// Identity keys (xmpp/identity_store.*) and the TOFU trust store
// (xmpp/trust_store.*), without a server and without the OS keychain: keys
// are created once and reloaded, files are owner-only from the start, unsafe
// or corrupt files are refused and left untouched, and pins follow the TOFU
// rules across restarts (docs/xmpp-binding.md, "Identity keys and trust").
#include <QDebug>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <sstream>

#include "xmpp/identity_store.h"
#include "xmpp/trust_store.h"

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace mpenc::xmpp;
using Trust = TrustStore::Trust;
using Kind = TrustStore::PeerKind;

namespace {

constexpr QFileDevice::Permissions kAllBits =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup |
    QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther |
    QFileDevice::ExeOther;

QFileDevice::Permissions modeOf(const QString& path) {
  return QFileInfo(path).permissions() & kAllBits;
}

QByteArray pub(const IdentityStore::Loaded& l) {
  const auto& p = l.key.publicKey();
  return QByteArray(reinterpret_cast<const char*>(p.data()), static_cast<int>(p.size()));  // NOLINT
}

QByteArray seed(const IdentityStore::Loaded& l) {
  const auto s = l.key.seed().view();
  return QByteArray(reinterpret_cast<const char*>(s.data()), static_cast<int>(s.size()));  // NOLINT
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.readAll();
}

bool writeFile(const QString& path, const QByteArray& data) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
  if (!f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) return false;
  return f.write(data) == data.size();
}

QByteArray key32(char fill) {
  return QByteArray(32, fill);
}

/// Runs `fn` with the process umask set to `mask` (Unix only).
void withUmask(int mask, const std::function<void()>& fn) {
#ifdef Q_OS_UNIX
  const mode_t old = ::umask(static_cast<mode_t>(mask));
  fn();
  ::umask(old);
#else
  Q_UNUSED(mask)
  fn();
#endif
}

QString kAlice() {
  return QStringLiteral("alice@example.com");
}

}  // namespace

class TestIdentityTrust : public QObject {
  Q_OBJECT

 private slots:
  // ---- identity keys ------------------------------------------------------
  void createThenReloadGivesTheSameKey() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray firstPub;
    QByteArray firstSeed;
    {
      IdentityStore store(dir.path(), false);
      QVERIFY(!store.keychainEnabled());
      QString error;
      auto loaded = store.loadOrCreate(QStringLiteral("Alice@Example.com/laptop"), &error);
      QVERIFY2(loaded.has_value(), qPrintable(error));
      QVERIFY(loaded->created);
      QVERIFY(!loaded->inKeychain);
      QVERIFY2(loaded->warning.contains(QStringLiteral("file")), qPrintable(loaded->warning));
      QVERIFY(QFileInfo::exists(store.keyFilePath(kAlice())));
      firstPub = pub(*loaded);
      firstSeed = seed(*loaded);
      QVERIFY(firstSeed != QByteArray(32, '\0'));
      // The signature verifies under the public key: a real key pair.
      const auto sig = loaded->key.sign(mpenc::asBytes("hello"));
      QVERIFY(mpenc::crypto::ed25519Verify(loaded->key.publicKey(), mpenc::asBytes("hello"), sig));
    }
    IdentityStore again(dir.path(), false);
    QString error;
    auto reloaded = again.loadOrCreate(kAlice(), &error);
    QVERIFY2(reloaded.has_value(), qPrintable(error));
    QVERIFY(!reloaded->created);
    QCOMPARE(pub(*reloaded), firstPub);
    QCOMPARE(seed(*reloaded), firstSeed);
    // The file names the account only through a hash.
    const QString path = again.keyFilePath(kAlice());
    QVERIFY(!path.contains(QStringLiteral("alice")));
    QVERIFY(!readAll(path).contains("alice"));
    QVERIFY(readAll(path).startsWith("mpenc-identity-v1\n"));
  }

  void keyFileIsOwnerOnlyFromTheStart() {
#ifndef Q_OS_UNIX
    QSKIP("POSIX permissions only");
#endif
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    IdentityStore store(dir.path(), false);
    std::optional<IdentityStore::Loaded> loaded;
    QString error;
    // Even with a umask that would leave new files world-readable/writable.
    withUmask(0, [&] { loaded = store.loadOrCreate(kAlice(), &error); });
    QVERIFY2(loaded.has_value(), qPrintable(error));
    const QString path = store.keyFilePath(kAlice());
    QCOMPARE(modeOf(path), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QCOMPARE(modeOf(QFileInfo(path).absolutePath()),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // No temporary file is left behind.
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files).size(), 1);
  }

  void looseIdentityDirectoryIsTightened() {
#ifndef Q_OS_UNIX
    QSKIP("POSIX permissions only");
#endif
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString idDir = dir.filePath(QStringLiteral("identity"));
    QVERIFY(QDir().mkpath(idDir));
    QVERIFY(QFile::setPermissions(idDir, kAllBits & ~(QFileDevice::WriteGroup | QFileDevice::WriteOther)));
    IdentityStore store(dir.path(), false);
    QString error;
    auto loaded = store.loadOrCreate(kAlice(), &error);
    QVERIFY2(loaded.has_value(), qPrintable(error));
    QCOMPARE(modeOf(idDir), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QVERIFY2(loaded->warning.contains(QStringLiteral("700")), qPrintable(loaded->warning));
  }

  void groupReadableKeyIsRefusedAndLeftAlone() {
#ifndef Q_OS_UNIX
    QSKIP("POSIX permissions only");
#endif
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray original;
    QString path;
    {
      IdentityStore store(dir.path(), false);
      QString error;
      auto loaded = store.loadOrCreate(kAlice(), &error);
      QVERIFY2(loaded.has_value(), qPrintable(error));
      original = pub(*loaded);
      path = store.keyFilePath(kAlice());
    }
    const QByteArray bytes = readAll(path);
    const auto loose = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup;
    QVERIFY(QFile::setPermissions(path, loose));

    IdentityStore store(dir.path(), false);
    QString error;
    IdentityError kind = IdentityError::Io;
    QVERIFY(!store.loadOrCreate(kAlice(), &error, &kind).has_value());
    QCOMPARE(kind, IdentityError::InsecurePermissions);
    QVERIFY2(error.contains(QStringLiteral("chmod 600")), qPrintable(error));
    QCOMPARE(readAll(path), bytes);  // neither replaced nor "fixed"
    QCOMPARE(modeOf(path), loose);

    // World-writable too.
    QVERIFY(QFile::setPermissions(
        path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::WriteOther));
    QVERIFY(!store.loadOrCreate(kAlice(), &error, &kind).has_value());
    QCOMPARE(kind, IdentityError::InsecurePermissions);

    // After the fix the user was told about, the same key loads.
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    auto loaded = store.loadOrCreate(kAlice(), &error, &kind);
    QVERIFY2(loaded.has_value(), qPrintable(error));
    QCOMPARE(pub(*loaded), original);
  }

  void corruptKeyFileIsAnErrorAndUntouched_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("expected");
    const int corrupt = static_cast<int>(IdentityError::Corrupt);
    const QByteArray seed64 = QByteArray(32, '\x11').toBase64();
    QTest::newRow("empty") << QByteArray() << corrupt;
    QTest::newRow("garbage") << QByteArray("\x00\xff garbage\n", 11) << corrupt;
    QTest::newRow("header only") << QByteArray("mpenc-identity-v1\n") << corrupt;
    QTest::newRow("bad base64") << QByteArray("mpenc-identity-v1\n!!!notbase64!!!\nAAAA\n") << corrupt;
    QTest::newRow("short seed") << QByteArray(QByteArray("mpenc-identity-v1\n") +
                                              QByteArray(16, 'A').toBase64() + "\n" + seed64 + "\n")
                                << corrupt;
    QTest::newRow("public key mismatch")
        << QByteArray(QByteArray("mpenc-identity-v1\n") + seed64 + "\n" + seed64 + "\n") << corrupt;
    QTest::newRow("huge") << QByteArray(5000, 'A') << corrupt;
    QTest::newRow("newer format") << QByteArray("mpenc-identity-v2\nwhatever\n")
                                  << static_cast<int>(IdentityError::UnsupportedVersion);
  }

  void corruptKeyFileIsAnErrorAndUntouched() {
    QFETCH(QByteArray, content);
    QFETCH(int, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    IdentityStore store(dir.path(), false);
    const QString path = store.keyFilePath(kAlice());
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QVERIFY(QFile::setPermissions(QFileInfo(path).absolutePath(),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    QVERIFY(writeFile(path, content));
    for (int attempt = 0; attempt < 2; ++attempt) {
      QString error;
      IdentityError kind = IdentityError::Io;
      QVERIFY(!store.loadOrCreate(kAlice(), &error, &kind).has_value());
      QCOMPARE(static_cast<int>(kind), expected);
      QVERIFY2(error.contains(QStringLiteral("untouched")), qPrintable(error));
      QCOMPARE(readAll(path), content);
    }
  }

  void aValidFileWithTrailingDataIsCorrupt() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    IdentityStore store(dir.path(), false);
    QString error;
    QVERIFY(store.loadOrCreate(kAlice(), &error).has_value());
    const QString path = store.keyFilePath(kAlice());
    const QByteArray good = readAll(path);
    QVERIFY(writeFile(path, good + "extra\n"));
    IdentityError kind = IdentityError::Io;
    QVERIFY(!store.loadOrCreate(kAlice(), &error, &kind).has_value());
    QCOMPARE(kind, IdentityError::Corrupt);
    QVERIFY(writeFile(path, good));
    QVERIFY(store.loadOrCreate(kAlice(), &error).has_value());
  }

  void twoAccountsHaveTwoKeys() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    IdentityStore store(dir.path(), false);
    QString error;
    auto a = store.loadOrCreate(kAlice(), &error);
    auto b = store.loadOrCreate(QStringLiteral("bob@example.com"), &error);
    QVERIFY(a && b);
    QVERIFY(b->created);
    QVERIFY(pub(*a) != pub(*b));
    QVERIFY(store.keyFilePath(kAlice()) != store.keyFilePath(QStringLiteral("bob@example.com")));
    // Same account spelled differently: same key, not a new one.
    auto a2 = store.loadOrCreate(QStringLiteral(" ALICE@example.COM/phone "), &error);
    QVERIFY(a2 && !a2->created);
    QCOMPARE(pub(*a2), pub(*a));
  }

  void invalidAccountsAreRefused() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    IdentityStore store(dir.path(), false);
    const QStringList bad = {QString(),
                             QStringLiteral("   "),
                             QStringLiteral("@example.com"),
                             QStringLiteral("alice@"),
                             QStringLiteral("a b@example.com"),
                             QStringLiteral("a@b@example.com")};
    for (const QString& jid : bad) {
      QString error;
      IdentityError kind = IdentityError::Io;
      QVERIFY2(!store.loadOrCreate(jid, &error, &kind).has_value(), qPrintable(jid));
      QCOMPARE(kind, IdentityError::InvalidAccount);
      QVERIFY(store.keyFilePath(jid).isEmpty());
    }
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("identity"))));
  }

  void environmentDisablesTheKeychain() {
    qputenv("MPENC_NO_KEYCHAIN", "1");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    IdentityStore store(dir.path(), true);
    QVERIFY(!store.keychainEnabled());
    QString error;
    auto loaded = store.loadOrCreate(kAlice(), &error);
    QVERIFY2(loaded.has_value(), qPrintable(error));
    QVERIFY(!loaded->inKeychain);
    QVERIFY(QFileInfo::exists(store.keyFilePath(kAlice())));
  }

  void printingRedactsTheSeed() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    IdentityStore store(dir.path(), false);
    QString error;
    auto loaded = store.loadOrCreate(kAlice(), &error);
    QVERIFY(loaded.has_value());
    QString printed;
    QDebug(&printed) << *loaded;
    QVERIFY2(printed.contains(QStringLiteral("<redacted>")), qPrintable(printed));
    QVERIFY2(printed.contains(QString::fromLatin1(pub(*loaded).toHex())), qPrintable(printed));
    QVERIFY(!printed.contains(QString::fromLatin1(seed(*loaded).toHex()), Qt::CaseInsensitive));
    QVERIFY(!printed.contains(QString::fromLatin1(seed(*loaded).toBase64())));
    std::ostringstream os;
    os << loaded->key.seed();
    QCOMPARE(QString::fromStdString(os.str()), QStringLiteral("<redacted>"));
  }

  // ---- trust store ----------------------------------------------------------
  void fingerprintIsTheWholeKeyInGroupsOfEight() {
    QByteArray key;
    for (int i = 0; i < 32; ++i) key.append(static_cast<char>(i));
    QCOMPARE(TrustStore::fingerprint(key),
             QStringLiteral("00010203 04050607 08090a0b 0c0d0e0f 10111213 14151617 18191a1b 1c1d1e1f"));
  }

  void tofuPinsWarnsOnChangeAndVerifies() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    TrustStore store(dir.path());
    QCOMPARE(store.loadError().kind, TrustStore::ErrorKind::None);
    const QString bob = QStringLiteral("bob@example.org");
    const QByteArray k1 = key32('\x01');
    const QByteArray k2 = key32('\x02');

    auto o = store.observe(kAlice(), bob, Kind::Jid, k1);
    QCOMPARE(o.trust, Trust::New);
    QCOMPARE(o.pinnedKey, k1);
    QCOMPARE(o.fingerprint, TrustStore::fingerprint(k1));
    QCOMPARE(store.observe(kAlice(), QStringLiteral("Bob@Example.org/phone"), Kind::Jid, k1).trust,
             Trust::Pinned);

    o = store.observe(kAlice(), bob, Kind::Jid, k2);
    QCOMPARE(o.trust, Trust::Changed);
    QCOMPARE(o.pinnedKey, k1);  // the old pin is kept
    QCOMPARE(o.seenKey, k2);
    QCOMPARE(o.fingerprint, TrustStore::fingerprint(k2));
    // Still loud the next time: never silently re-pinned.
    QCOMPARE(store.observe(kAlice(), bob, Kind::Jid, k2).trust, Trust::Changed);
    QCOMPARE(store.entry(kAlice(), bob, Kind::Jid)->pinnedKey, k1);
    QCOMPARE(store.entry(kAlice(), bob, Kind::Jid)->pendingKey, k2);
    QVERIFY(store.entry(kAlice(), bob, Kind::Jid)->changedAt.isValid());

    // Verification is against the key now seen, not the old pin.
    QVERIFY(!store.verify(kAlice(), bob, Kind::Jid, TrustStore::fingerprint(k1)));
    QVERIFY(!store.verify(kAlice(), bob, Kind::Jid, QString()));
    QVERIFY(!store.verify(kAlice(), bob, Kind::Jid, TrustStore::fingerprint(k2).left(40)));
    QCOMPARE(store.observe(kAlice(), bob, Kind::Jid, k2).trust, Trust::Changed);
    QString typed = TrustStore::fingerprint(k2).toUpper();
    typed.remove(QLatin1Char(' '));
    QVERIFY(store.verify(kAlice(), bob, Kind::Jid, typed));
    o = store.observe(kAlice(), bob, Kind::Jid, k2);
    QCOMPARE(o.trust, Trust::Verified);
    QCOMPARE(o.pinnedKey, k2);
    // And now the old key is the changed one.
    QCOMPARE(store.observe(kAlice(), bob, Kind::Jid, k1).trust, Trust::Changed);
    QVERIFY(!store.verify(kAlice(), QStringLiteral("nobody@example.org"), Kind::Jid, typed));
  }

  void acceptNewKeyRepinsUnverified() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    TrustStore store(dir.path());
    const QString bob = QStringLiteral("room@muc.example.org/bob");
    const QByteArray k1 = key32('\x01');
    const QByteArray k2 = key32('\x02');
    QCOMPARE(store.observe(kAlice(), bob, Kind::Nick, k1).trust, Trust::New);
    QVERIFY(store.verify(kAlice(), bob, Kind::Nick, TrustStore::fingerprint(k1)));
    QCOMPARE(store.observe(kAlice(), bob, Kind::Nick, k1).trust, Trust::Verified);
    QVERIFY(!store.acceptNewKey(kAlice(), bob, Kind::Nick));  // nothing pending
    QCOMPARE(store.observe(kAlice(), bob, Kind::Nick, k2).trust, Trust::Changed);
    QVERIFY(store.acceptNewKey(kAlice(), bob, Kind::Nick));
    QCOMPARE(store.observe(kAlice(), bob, Kind::Nick, k2).trust, Trust::Pinned);  // verification was for k1
    QVERIFY(!store.acceptNewKey(kAlice(), bob, Kind::Nick));
  }

  void seeingThePinAgainWithdrawsTheChange() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    TrustStore store(dir.path());
    const QString bob = QStringLiteral("bob@example.org");
    QCOMPARE(store.observe(kAlice(), bob, Kind::Jid, key32('\x01')).trust, Trust::New);
    QCOMPARE(store.observe(kAlice(), bob, Kind::Jid, key32('\x02')).trust, Trust::Changed);
    QCOMPARE(store.observe(kAlice(), bob, Kind::Jid, key32('\x01')).trust, Trust::Pinned);
    QVERIFY(!store.acceptNewKey(kAlice(), bob, Kind::Jid));
    QCOMPARE(store.observe(kAlice(), bob, Kind::Jid, key32('\x01')).trust, Trust::Pinned);
  }

  void entriesAreSeparatedByAccountAndKind() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    TrustStore store(dir.path());
    const QString bob = QStringLiteral("bob@example.org");
    QCOMPARE(store.observe(kAlice(), bob, Kind::Jid, key32('\x01')).trust, Trust::New);
    QCOMPARE(store.observe(kAlice(), bob, Kind::Nick, key32('\x02')).trust, Trust::New);
    QCOMPARE(store.observe(QStringLiteral("carol@example.com"), bob, Kind::Jid, key32('\x03')).trust,
             Trust::New);
    QCOMPARE(store.observe(kAlice(), bob, Kind::Jid, key32('\x01')).trust, Trust::Pinned);
    // Nicks are opaque: case matters.
    QCOMPARE(store.observe(kAlice(), QStringLiteral("BOB@example.org"), Kind::Nick, key32('\x02')).trust,
             Trust::New);
  }

  void invalidInputIsNeverPinned() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    TrustStore store(dir.path());
    const QString bob = QStringLiteral("bob@example.org");
    QCOMPARE(store.observe(kAlice(), bob, Kind::Jid, QByteArray(31, '\x01')).trust, Trust::Invalid);
    QCOMPARE(store.observe(kAlice(), bob, Kind::Jid, QByteArray()).trust, Trust::Invalid);
    QCOMPARE(store.observe(kAlice(), QString(), Kind::Nick, key32('\x01')).trust, Trust::Invalid);
    QCOMPARE(store.observe(QStringLiteral("not a jid"), bob, Kind::Jid, key32('\x01')).trust, Trust::Invalid);
    QVERIFY(!store.entry(kAlice(), bob, Kind::Jid).has_value());
    QVERIFY(!QFileInfo::exists(store.filePath()));
    QCOMPARE(store.observe(kAlice(), bob, Kind::Jid, key32('\x01')).trust, Trust::New);
  }

  void pinsPersistAcrossInstances() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString bob = QStringLiteral("bob@example.org");
    const QString dave = QStringLiteral("room@muc.example.org/dave");
    {
      TrustStore store(dir.path());
      QCOMPARE(store.observe(kAlice(), bob, Kind::Jid, key32('\x01')).trust, Trust::New);
      QVERIFY(store.verify(kAlice(), bob, Kind::Jid, TrustStore::fingerprint(key32('\x01'))));
      QCOMPARE(store.observe(kAlice(), dave, Kind::Nick, key32('\x04')).trust, Trust::New);
      QCOMPARE(store.observe(kAlice(), dave, Kind::Nick, key32('\x05')).trust, Trust::Changed);
      QCOMPARE(store.lastSaveError().kind, TrustStore::ErrorKind::None);
    }
    TrustStore store(dir.path());
    QCOMPARE(store.loadError().kind, TrustStore::ErrorKind::None);
    QCOMPARE(store.observe(kAlice(), bob, Kind::Jid, key32('\x01')).trust, Trust::Verified);
    // The pending change survived the restart, and so did the old pin.
    const auto e = store.entry(kAlice(), dave, Kind::Nick);
    QVERIFY(e.has_value());
    QCOMPARE(e->pinnedKey, key32('\x04'));
    QCOMPARE(e->pendingKey, key32('\x05'));
    QVERIFY(e->firstSeen.isValid());
    QCOMPARE(store.observe(kAlice(), dave, Kind::Nick, key32('\x05')).trust, Trust::Changed);
  }

  void trustFileIsOwnerOnly() {
#ifndef Q_OS_UNIX
    QSKIP("POSIX permissions only");
#endif
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    TrustStore store(dir.path());
    withUmask(0,
              [&] { store.observe(kAlice(), QStringLiteral("bob@example.org"), Kind::Jid, key32('\x01')); });
    QCOMPARE(modeOf(store.filePath()), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    // A later save tightens a file someone loosened.
    QVERIFY(QFile::setPermissions(store.filePath(), kAllBits));
    store.observe(kAlice(), QStringLiteral("carol@example.org"), Kind::Jid, key32('\x02'));
    QCOMPARE(modeOf(store.filePath()), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
  }

  void corruptTrustFileIsKeptAside_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("not json") << QByteArray("{\"format\": \"mpenc-trust-v1\", \"entries\": [");
    QTest::newRow("not an object") << QByteArray("[]");
    QTest::newRow("no format") << QByteArray("{\"entries\": []}");
    QTest::newRow("bad key") << QByteArray(
        "{\"format\":\"mpenc-trust-v1\",\"entries\":[{\"account\":\"alice@example.com\","
        "\"peer\":\"bob@example.org\",\"kind\":\"jid\",\"key\":\"AAAA\",\"verified\":false}]}");
    QTest::newRow("bad kind") << QByteArray(
        "{\"format\":\"mpenc-trust-v1\",\"entries\":[{\"account\":\"alice@example.com\","
        "\"peer\":\"bob@example.org\",\"kind\":\"email\",\"key\":\"" +
        key32('\x01').toBase64() + "\",\"verified\":false}]}");
    QTest::newRow("verified not bool") << QByteArray(
        "{\"format\":\"mpenc-trust-v1\",\"entries\":[{\"account\":\"alice@example.com\","
        "\"peer\":\"bob@example.org\",\"kind\":\"jid\",\"key\":\"" +
        key32('\x01').toBase64() + "\",\"verified\":\"yes\"}]}");
  }

  void corruptTrustFileIsKeptAside() {
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("trust.json"));
    QVERIFY(writeFile(path, content));
    TrustStore store(dir.path());
    QCOMPARE(store.loadError().kind, TrustStore::ErrorKind::Corrupt);
    QVERIFY(!store.readOnly());
    const QStringList aside =
        QDir(dir.path()).entryList({QStringLiteral("trust.json.corrupt-*")}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    QVERIFY2(store.loadError().message.contains(aside.first()), qPrintable(store.loadError().message));
    QCOMPARE(readAll(dir.filePath(aside.first())), content);
    QVERIFY(!QFileInfo::exists(path));
    // The store goes on (every key is new again) without touching the kept file.
    QCOMPARE(store.observe(kAlice(), QStringLiteral("bob@example.org"), Kind::Jid, key32('\x01')).trust,
             Trust::New);
    QVERIFY(QFileInfo::exists(path));
    QCOMPARE(readAll(dir.filePath(aside.first())), content);
    TrustStore reloaded(dir.path());
    QCOMPARE(reloaded.loadError().kind, TrustStore::ErrorKind::None);
  }

  void newerTrustFileIsLeftAloneAndNotOverwritten() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("trust.json"));
    const QByteArray content("{\"format\":\"mpenc-trust-v2\",\"entries\":{}}");
    QVERIFY(writeFile(path, content));
    TrustStore store(dir.path());
    QCOMPARE(store.loadError().kind, TrustStore::ErrorKind::UnsupportedVersion);
    QVERIFY(store.readOnly());
    QCOMPARE(store.observe(kAlice(), QStringLiteral("bob@example.org"), Kind::Jid, key32('\x01')).trust,
             Trust::New);
    QCOMPARE(store.lastSaveError().kind, TrustStore::ErrorKind::Io);
    QCOMPARE(readAll(path), content);
    QVERIFY(QDir(dir.path()).entryList({QStringLiteral("trust.json.*")}, QDir::Files).isEmpty());
  }

  void noSecretEndsUpInTheTrustFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    IdentityStore ids(dir.path(), false);
    QString error;
    auto me = ids.loadOrCreate(kAlice(), &error);
    QVERIFY(me.has_value());
    TrustStore store(dir.path());
    // Our own key as others in the room would see it, pinned by our other account.
    QCOMPARE(store.observe(QStringLiteral("alice2@example.com"), kAlice(), Kind::Jid, pub(*me)).trust,
             Trust::New);
    const QByteArray json = readAll(store.filePath());
    QVERIFY(json.contains(pub(*me).toBase64()));
    const QByteArray s = seed(*me);
    QVERIFY(!json.contains(s));
    QVERIFY(!json.contains(s.toBase64()));
    QVERIFY(!json.contains(s.toHex()));
    QVERIFY(!json.toLower().contains(s.toHex()));
  }
};

QTEST_GUILESS_MAIN(TestIdentityTrust)
#include "test_identity_trust.moc"
