// Identity keys (xmpp/identity_store.*) and account passwords
// (xmpp/password_store.*) against a REAL Secret Service: a private
// gnome-keyring-daemon on a private session bus, started by
// tests/xmpp/run-with-secret-service.sh (which this binary needs; without it,
// or in a build without QtKeychain, it exits 77 = skipped).
//
// The slots run in order, each leaving the keyring as the next expects:
// unlocked (key and password round trips, seen from outside with secret-tool),
// hung (SIGSTOP) and resumed, locked (Service.Lock over D-Bus), then gone
// (SIGKILL). "At start" cases run a fresh process of this binary
// (--child-load), so nothing cached in this process (libsecret's connection,
// QtKeychain's backend choice) helps them. Secrets are compared, never printed.
#include <signal.h>
#include <sys/types.h>

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>
#include <memory>
#include <span>

#include "mpenc/crypto/primitives.h"
#include "xmpp/account_identity.h"
#include "xmpp/identity_store.h"
#include "xmpp/keychain_job.h"
#include "xmpp/password_store.h"

using namespace mpenc::xmpp;

namespace {

const QString kAlice = QStringLiteral("alice@example.org");
constexpr qint64 kBoundMs = 9000;  // one 5 s keychain job (keychain_job.cpp) plus slack
QString gSelf;                     // argv[0], for --child-load

QByteArray bytesOf(const mpenc::crypto::Ed25519Public& p) {
  return QByteArray(reinterpret_cast<const char*>(p.data()), static_cast<int>(p.size()));  // NOLINT
}

QByteArray seedOf(const IdentityStore::Loaded& l) {
  const auto s = l.key.seed().view();
  return QByteArray(reinterpret_cast<const char*>(s.data()), static_cast<int>(s.size()));  // NOLINT
}

/// Runs a tool; its stdout (may hold a secret: the caller never prints it).
int runTool(const QString& program, const QStringList& args, QByteArray* out = nullptr) {
  QProcess p;
  p.start(program, args);
  if (!p.waitForFinished(10000)) {
    p.kill();
    p.waitForFinished();
    return -1;
  }
  if (out) *out = p.readAllStandardOutput();
  return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

bool secretServiceOnBus() {
  QByteArray out;
  runTool(
      QStringLiteral("dbus-send"),
      {QStringLiteral("--session"), QStringLiteral("--print-reply"),
       QStringLiteral("--dest=org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
       QStringLiteral("org.freedesktop.DBus.NameHasOwner"), QStringLiteral("string:org.freedesktop.secrets")},
      &out);
  return out.contains("boolean true");
}

/// What QtKeychain stored under this key (service mpenc-chat), read from
/// outside with secret-tool: decoded bytes; empty if not found.
QByteArray lookupFromOutside(const QString& key) {
  QByteArray out;
  const int rc =
      runTool(QStringLiteral("secret-tool"),
              {QStringLiteral("lookup"), QStringLiteral("user"), key, QStringLiteral("server"),
               QString::fromLatin1(kKeychainService), QStringLiteral("type"), QStringLiteral("base64")},
              &out);
  if (rc != 0) return {};
  return QByteArray::fromBase64(out.trimmed());
}

/// Files under `dir` whose content contains `needle`.
QStringList filesContaining(const QString& dir, const QByteArray& needle) {
  QStringList hits;
  QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString path = it.next();
    QFile f(path);
    if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle)) hits << path;
  }
  return hits;
}

struct ChildResult {
  bool ok = false;
  bool inKeychain = false;
  int kind = -1;
  QByteArray publicKey;
  QString text;  ///< the warning (ok) or the error message
};

/// loadOrCreate in a fresh process of this binary ("at start").
ChildResult loadInChild(const QString& dataDir, const QString& jid, qint64* elapsedMs) {
  QElapsedTimer t;
  t.start();
  QByteArray out;
  const int rc = runTool(gSelf, {QStringLiteral("--child-load"), dataDir, jid}, &out);
  *elapsedMs = t.elapsed();
  ChildResult r;
  if (rc != 0) return r;
  const int nl = out.indexOf('\n');
  const QList<QByteArray> head = out.left(nl).split(' ');
  r.text = QString::fromUtf8(out.mid(nl + 1)).trimmed();
  if (head.value(0) == "ok") {
    r.ok = true;
    r.inKeychain = head.value(1) == "1";
    r.publicKey = QByteArray::fromHex(head.value(2));
  } else {
    r.kind = head.value(1).toInt();
  }
  return r;
}

int childLoad(const QString& dataDir, const QString& jid) {
  QString error;
  IdentityError kind{};
  const auto l = IdentityStore(dataDir, true).loadOrCreate(jid, &error, &kind);
  if (l) {
    std::printf("ok %d %s\n%s\n", l->inKeychain ? 1 : 0, bytesOf(l->key.publicKey()).toHex().constData(),
                l->warning.toUtf8().constData());
  } else {
    std::printf("error %d\n%s\n", static_cast<int>(kind), error.toUtf8().constData());
  }
  return 0;
}

}  // namespace

class KeychainTest : public QObject {
  Q_OBJECT

 private:
  pid_t keyring_ = 0;
  std::unique_ptr<QTemporaryDir> aliceDir_;  // alice's data dir (her marker), shared by the slots
  QByteArray alicePublic_;

  void assertNoKeyOnDisk(const QString& dir, const QString& jid) {
    QVERIFY2(!QFileInfo::exists(IdentityStore(dir, true).keyFilePath(jid)), "a key file was written");
  }

 private slots:
  void initTestCase() {
    keyring_ = static_cast<pid_t>(qEnvironmentVariableIntValue("MPENC_TEST_KEYRING_PID"));
    QVERIFY(keyring_ > 0);
    QVERIFY(secretServiceOnBus());
    aliceDir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(aliceDir_->isValid());
  }

  // Created with the keychain on: in the keychain (seen by a second store, by a
  // store with another data directory and by secret-tool), nowhere on disk.
  void identityGoesToKeychainNotDisk() {
    const QString dir = aliceDir_->path();
    IdentityStore store(dir, true);
    QVERIFY(store.keychainEnabled());
    QString error;
    const auto created = store.loadOrCreate(QStringLiteral("Alice@Example.org/laptop"), &error);
    QVERIFY2(created, qPrintable(error));
    QVERIFY(created->created);
    QVERIFY(created->inKeychain);
    QVERIFY2(created->warning.isEmpty(), qPrintable(created->warning));
    alicePublic_ = bytesOf(created->key.publicKey());

    assertNoKeyOnDisk(dir, kAlice);
    const QByteArray seed = seedOf(*created);
    QVERIFY2(filesContaining(dir, seed).isEmpty(), "the raw seed is in a file");
    QVERIFY2(filesContaining(dir, seed.toBase64()).isEmpty(), "the seed (base64) is in a file");

    const auto again = IdentityStore(dir, true).loadOrCreate(kAlice, &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(!again->created);
    QVERIFY(again->inKeychain);
    QCOMPARE(bytesOf(again->key.publicKey()), alicePublic_);
    QCOMPARE(fingerprintOf(again->key.publicKey()), fingerprintOf(created->key.publicKey()));

    QTemporaryDir otherDir;  // nothing of alice's in it: the key can only come from the keychain
    const auto elsewhere = IdentityStore(otherDir.path(), true).loadOrCreate(kAlice, &error);
    QVERIFY2(elsewhere, qPrintable(error));
    QVERIFY(!elsewhere->created);
    QCOMPARE(bytesOf(elsewhere->key.publicKey()), alicePublic_);

    QByteArray text = lookupFromOutside(QStringLiteral("identity-v1/") + kAlice);
    QVERIFY2(!text.isEmpty(), "secret-tool finds no identity entry");
    const auto parsed = parseIdentityKeyText(text, &error);
    text.fill('\0');
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(bytesOf(parsed->publicKey()), alicePublic_);

    qint64 ms = 0;  // a fresh process, as at the next start of the app
    const ChildResult child = loadInChild(dir, kAlice, &ms);
    QVERIFY2(child.ok, qPrintable(child.text));
    QVERIFY(child.inKeychain);
    QCOMPARE(child.publicKey, alicePublic_);
  }

  void passwordRoundTrip() {
    PasswordStore passwords(true);
    QVERIFY(passwords.available());
    const QString pw = QStringLiteral("correct horse battery staple \u00e9");
    QString error;
    QVERIFY2(passwords.write(kAlice, pw, &error), qPrintable(error));
    const auto read = passwords.read(QStringLiteral("ALICE@example.org/phone"), &error);
    QVERIFY2(read, qPrintable(error));
    QVERIFY(*read == pw);  // QVERIFY, not QCOMPARE: a failure must not print it
    QVERIFY(lookupFromOutside(QStringLiteral("password-v1/") + kAlice) == pw.toUtf8());
    QVERIFY2(passwords.remove(kAlice, &error), qPrintable(error));
    QVERIFY(!passwords.read(kAlice, &error));
    QVERIFY2(error.contains(QStringLiteral("No password is remembered")), qPrintable(error));
    QVERIFY(lookupFromOutside(QStringLiteral("password-v1/") + kAlice).isEmpty());
  }

  // The keychain stops answering mid-session (SIGSTOP): every keychain
  // operation fails typed and specific within the bound, the key in memory
  // still signs, nothing is written in the clear; resumed, all is as before.
  void hungKeychainMidSession() {
    const QString dir = aliceDir_->path();
    QString error;
    const auto inMemory = IdentityStore(dir, true).loadOrCreate(kAlice, &error);
    QVERIFY2(inMemory, qPrintable(error));

    QCOMPARE(::kill(keyring_, SIGSTOP), 0);
    auto resume = qScopeGuard([this] { ::kill(keyring_, SIGCONT); });
    QElapsedTimer t;
    t.start();
    IdentityError kind{};
    QVERIFY2(!IdentityStore(dir, true).loadOrCreate(kAlice, &error, &kind),
             "loaded or made a key although the keychain does not give alice's out");
    const qint64 loadMs = t.elapsed();
    QCOMPARE(kind, IdentityError::KeychainUnavailable);
    QVERIFY2(error.contains(QStringLiteral("no answer within 5 s")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("Unlock the keychain and try again")), qPrintable(error));
    QVERIFY2(loadMs < kBoundMs, qPrintable(QString::number(loadMs)));
    assertNoKeyOnDisk(dir, kAlice);

    t.restart();  // a password saved on (re)connect
    PasswordStore passwords(true);
    QVERIFY(!passwords.write(kAlice, QStringLiteral("hunter2"), &error));
    QVERIFY2(t.elapsed() < kBoundMs, qPrintable(QString::number(t.elapsed())));
    QVERIFY2(error.contains(QStringLiteral("did not store the password")) &&
                 error.contains(QStringLiteral("no answer within 5 s")),
             qPrintable(error));

    const QByteArray msg("still usable");  // the key in memory is untouched
    const auto view = std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(msg.constData()),
                                                    static_cast<std::size_t>(msg.size()));  // NOLINT
    QVERIFY(mpenc::crypto::ed25519Verify(inMemory->key.publicKey(), view, inMemory->key.sign(view)));
    QVERIFY(filesContaining(dir, seedOf(*inMemory).toBase64()).isEmpty());

    resume.dismiss();
    QCOMPARE(::kill(keyring_, SIGCONT), 0);
    const auto after = IdentityStore(dir, true).loadOrCreate(kAlice, &error);
    QVERIFY2(after, qPrintable(error));
    QCOMPARE(bytesOf(after->key.publicKey()), alicePublic_);
  }

  // Locked (mid-session, then at start): a locked Secret Service answers
  // "not found", which must never become a new identity in a file.
  void lockedKeychain() {
    QCOMPARE(
        runTool(QStringLiteral("dbus-send"),
                {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                 QStringLiteral("--dest=org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
                 QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                 QStringLiteral("array:objpath:/org/freedesktop/secrets/collection/login")}),
        0);
    const QString dir = aliceDir_->path();
    QString error;
    IdentityError kind{};
    QElapsedTimer t;
    t.start();
    QVERIFY2(!IdentityStore(dir, true).loadOrCreate(kAlice, &error, &kind),
             "loaded or made a key although the keychain does not give alice's out");
    QVERIFY2(t.elapsed() < kBoundMs, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(kind, IdentityError::KeychainUnavailable);
    QVERIFY2(error.contains(
                 QStringLiteral("is stored in the system keychain, but the keychain does not give it out")),
             qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("No new key was made")), qPrintable(error));
    assertNoKeyOnDisk(dir, kAlice);

    QTemporaryDir bobDir;  // an account never seen: still no key in a file (its key may be in there)
    const QString bob = QStringLiteral("bob@example.org");
    QVERIFY2(!IdentityStore(bobDir.path(), true).loadOrCreate(bob, &error, &kind),
             "made a key in a file although the keychain is only locked");
    QCOMPARE(kind, IdentityError::KeychainUnavailable);
    QVERIFY2(error.contains(QStringLiteral("did not accept a new identity key")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("Unlock the keychain")), qPrintable(error));
    assertNoKeyOnDisk(bobDir.path(), bob);

    PasswordStore passwords(true);
    QVERIFY(!passwords.write(kAlice, QStringLiteral("hunter2"), &error));
    QVERIFY2(error.contains(QStringLiteral("did not store the password")), qPrintable(error));

    qint64 ms = 0;  // at start: a fresh process
    const ChildResult child = loadInChild(dir, kAlice, &ms);
    QVERIFY2(!child.ok, qPrintable(child.text));
    QCOMPARE(child.kind, static_cast<int>(IdentityError::KeychainUnavailable));
    QVERIFY2(child.text.contains(QStringLiteral("does not give it out now")), qPrintable(child.text));
    QVERIFY2(ms < kBoundMs, qPrintable(QString::number(ms)));
    assertNoKeyOnDisk(dir, kAlice);
  }

  // The keychain daemon dies mid-session (SIGKILL), then is absent at start.
  void keychainGone() {
    QCOMPARE(::kill(keyring_, SIGKILL), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!secretServiceOnBus(), 5000);
    const QString dir = aliceDir_->path();
    QString error;
    IdentityError kind{};
    QElapsedTimer t;
    t.start();
    QVERIFY2(!IdentityStore(dir, true).loadOrCreate(kAlice, &error, &kind),
             "loaded or made a key although the keychain does not give alice's out");
    QVERIFY2(t.elapsed() < kBoundMs, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(kind, IdentityError::KeychainUnavailable);
    QVERIFY2(error.contains(QStringLiteral("does not give it out now")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral(".in-keychain")), qPrintable(error));  // how to start over
    assertNoKeyOnDisk(dir, kAlice);

    PasswordStore passwords(true);
    QVERIFY(!passwords.write(kAlice, QStringLiteral("hunter2"), &error));
    QVERIFY2(error.contains(QStringLiteral("did not store the password")), qPrintable(error));

    qint64 ms = 0;
    const ChildResult child = loadInChild(dir, kAlice, &ms);
    QVERIFY2(!child.ok, qPrintable(child.text));
    QCOMPARE(child.kind, static_cast<int>(IdentityError::KeychainUnavailable));
    QVERIFY2(ms < kBoundMs, qPrintable(QString::number(ms)));

    // A new account with no keychain at all: the designed file fallback, said so.
    QTemporaryDir carolDir;
    const QString carol = QStringLiteral("carol@example.org");
    const ChildResult fresh = loadInChild(carolDir.path(), carol, &ms);
    QVERIFY2(fresh.ok, qPrintable(fresh.text));
    QVERIFY(!fresh.inKeychain);
    QVERIFY2(fresh.text.contains(QStringLiteral("protected only by its file permissions")) &&
                 fresh.text.contains(QStringLiteral("no system keychain is available")),
             qPrintable(fresh.text));
    QVERIFY(QFileInfo::exists(IdentityStore(carolDir.path(), true).keyFilePath(carol)));
  }
};

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  gSelf = QString::fromLocal8Bit(argv[0]);
  if (argc == 4 && qstrcmp(argv[1], "--child-load") == 0)
    return childLoad(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
  if (!IdentityStore(QString(), true).keychainEnabled()) {
    std::fprintf(stderr, "SKIP: this build has no QtKeychain (or MPENC_NO_KEYCHAIN is set)\n");
    return 77;
  }
  if (qEnvironmentVariable("MPENC_TEST_SECRET_SERVICE") != QStringLiteral("1")) {
    std::fprintf(stderr,
                 "SKIP: run through tests/xmpp/run-with-secret-service.sh (a private Secret Service)\n");
    return 77;
  }
  KeychainTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "test_keychain.moc"
