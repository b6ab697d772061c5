// A connection attempt that never gets an answer (label xmpp): the TCP
// connection opens, but nothing comes back — a hung server, or a network that
// died between the reconnect's SYN and the stream header. QXmpp has no timeout
// of its own for that phase, so before AccountSettings::connectTimeoutS the
// client stayed "connecting…" for ever. Now the attempt is given up after the
// timeout, the user is told why, and the backoff tries again; once the server
// answers, the client connects.
//
// The server is the fixture's real Prosody behind a TcpRelay
// (tests/xmpp/tcp_relay.h) that is frozen from the start: connections are
// accepted, nothing is forwarded. Exit code 77 (skipped) without Prosody.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>

#include "prosody_fixture.h"
#include "tcp_relay.h"
#include "xmpp/account_connection.h"
#include "xmpp/xmpp_client.h"

using mpenc::present::AccountForm;
using mpenc::present::ConnectionPhase;
using mpenc::present::TlsChoice;
using mpenc::test::ProsodyFixture;
using mpenc::test::TcpRelay;
using mpenc::xmpp::AccountConnection;
using mpenc::xmpp::AccountSettings;
using mpenc::xmpp::TlsPolicy;
using mpenc::xmpp::XmppClient;
using mpenc::xmpp::XmppClientOptions;

namespace {

constexpr int kTimeoutS = 2;
constexpr int kSlackMs = 2000;
constexpr int kWait = 30000;

QString password(const QString& user) {
  return QStringLiteral("pw-connect-") + user;
}

}  // namespace

class TestConnectTimeout : public QObject {
  Q_OBJECT

 private:
  ProsodyFixture server_;
  QTemporaryDir dir_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QVERIFY2(server_.start(), qPrintable(server_.lastError()));
    for (const QString& u : {QStringLiteral("alice"), QStringLiteral("bob")})
      QVERIFY2(server_.registerUser(u, password(u)), qPrintable(server_.lastError()));
  }

  void cleanupTestCase() { QVERIFY2(server_.stop(), qPrintable(server_.lastError())); }

  // The account layer: each silent attempt ends after the timeout and the
  // backoff retries; after the thaw the next attempt connects.
  void silentAttemptIsGivenUpAndRetried() {
    TcpRelay relay(server_.port());
    QVERIFY(relay.listen());
    relay.freeze();
    AccountSettings s;
    s.jid = QStringLiteral("alice@") + server_.domain();
    s.password = password(QStringLiteral("alice"));
    s.host = QStringLiteral("127.0.0.1");
    s.port = relay.port();
    s.tls = TlsPolicy::DisabledUnsafe;
    s.connectTimeoutS = kTimeoutS;
    s.reconnect.initialDelayMs = 300;
    s.reconnect.maxDelayMs = 600;
    AccountConnection account(s);
    QSignalSpy timedOut(&account, &AccountConnection::attemptTimedOut);
    QSignalSpy scheduled(&account, &AccountConnection::reconnectScheduled);
    QElapsedTimer clock;
    clock.start();
    account.connectToServer();
    QCOMPARE(account.state(), AccountConnection::State::Connecting);

    QVERIFY(QTest::qWaitFor([&] { return timedOut.count() >= 1; }, kTimeoutS * 1000 + kSlackMs));
    const qint64 first = clock.elapsed();
    QVERIFY2(first >= kTimeoutS * 1000 - 100, qPrintable(QString::number(first)));
    QCOMPARE(timedOut.first().first().toInt(), kTimeoutS);
    QVERIFY(QTest::qWaitFor([&] { return scheduled.count() >= 1; }, kSlackMs));
    QVERIFY(account.state() != AccountConnection::State::Connected);

    // The retry is silent too: given up again, a third attempt scheduled.
    QVERIFY(QTest::qWaitFor([&] { return timedOut.count() >= 2; }, kTimeoutS * 1000 + 2 * kSlackMs));
    QVERIFY(relay.accepted() >= 2);  // a new TCP connection for each attempt
    QVERIFY(relay.open() <= 1);      // the given-up ones were closed

    relay.thaw();
    QVERIFY(QTest::qWaitFor([&] { return account.isConnected(); }, kWait));
    const int after = timedOut.count();
    QTest::qWait(kTimeoutS * 1000 + 500);  // the timer of the attempt that worked never fires
    QCOMPARE(timedOut.count(), after);
    QVERIFY(account.isConnected());
    account.disconnectFromServer();
    QVERIFY(
        QTest::qWaitFor([&] { return account.state() == AccountConnection::State::Disconnected; }, kWait));
  }

  // What the user sees: reconnecting, with the reason, never "connecting"
  // for ever; then connected.
  void userIsToldWhyAndItConnectsLater() {
    TcpRelay relay(server_.port());
    QVERIFY(relay.listen());
    relay.freeze();
    XmppClientOptions o;
    o.dataDir = dir_.filePath(QStringLiteral("bob"));
    o.settingsFile = dir_.filePath(QStringLiteral("bob.ini"));
    o.fastTimers = true;
    o.useKeychain = false;
    o.restoreRooms = false;
    o.connectTimeoutS = kTimeoutS;
    XmppClient bob(o);
    AccountForm f;
    f.jid = QStringLiteral("bob@") + server_.domain();
    f.password = password(QStringLiteral("bob"));
    f.host = QStringLiteral("127.0.0.1");
    f.port = relay.port();
    f.tls = TlsChoice::DisabledUnsafe;
    f.rememberPassword = false;
    QVERIFY(bob.connectAccount(f).ok);
    QCOMPARE(bob.connection().phase, ConnectionPhase::Connecting);
    const QString why =
        XmppClient::tr(
            "The server accepted the connection but did not answer within %1 s. Trying again; "
            "check your network connection.")
            .arg(kTimeoutS);
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                   return bob.connection().phase == ConnectionPhase::Reconnecting &&
                          bob.connection().detail == why;
                 },
                 kTimeoutS * 1000 + kSlackMs),
             qPrintable(bob.connection().detail));
    relay.thaw();
    QVERIFY2(QTest::qWaitFor([&] { return bob.connection().phase == ConnectionPhase::Connected; }, kWait),
             qPrintable(bob.connection().detail));
    QVERIFY(bob.connection().detail.isEmpty());
  }
};

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  if (!ProsodyFixture::available()) {
    std::fputs("prosody not installed: skipped\n", stderr);
    return 77;
  }
  TestConnectTimeout t;
  return QTest::qExec(&t, argc, argv);
}

#include "test_connect_timeout.moc"
