// A dead network detected by the client itself (label xmpp): the window's
// real XMPP side (XmppClient: AccountConnection, XmppRoom, the presenter's
// RoomState) reaches the fixture's Prosody through a TcpRelay
// (tests/xmpp/tcp_relay.h) in this process; bob, a headless mpenc-chat with
// --auto-include, talks to Prosody directly.
//
// The relay freezes: TCP stays up on both sides, nothing gets through. The
// client must notice by itself, through its XMPP keep-alive pings (XEP-0199,
// QXmppConfiguration keep-alive interval/timeout, set short here), within
// interval + timeout + slack: Reconnecting, with a reason that says the
// server stopped answering a ping. A message typed while frozen never reached
// the room: the test asserts the honest outcome the user sees (it is not shown
// as delivered or acknowledged, and bob never gets it). The network comes
// back (thaw): the client reconnects, rejoins the room, is included again
// and messages go both ways.
// Exit code 77 (skipped) when Prosody is not installed.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdio>

#include "headless_client.h"
#include "prosody_fixture.h"
#include "tcp_relay.h"
#include "ui/presentation/room_state.h"
#include "xmpp/account_connection.h"
#include "xmpp/session_host.h"
#include "xmpp/xmpp_client.h"
#include "xmpp/xmpp_room.h"

using mpenc::present::AccountForm;
using mpenc::present::AckState;
using mpenc::present::ConnectionPhase;
using mpenc::present::Phase;
using mpenc::present::TlsChoice;
using mpenc::present::TranscriptItem;
using mpenc::test::HeadlessClient;
using mpenc::test::ProsodyFixture;
using mpenc::test::TcpRelay;
using mpenc::xmpp::XmppClient;
using mpenc::xmpp::XmppClientOptions;
using mpenc::xmpp::XmppRoom;

namespace {

constexpr int kWait = 30000;
constexpr int kPingIntervalS = 2;  // keep-alive for the test (the app's default: 60 s / 20 s)
constexpr int kPingTimeoutS = 1;
constexpr int kSlackMs = 2000;

QString password(const QString& user) {
  return QStringLiteral("pw-dead-") + user;
}

const TranscriptItem* findMessage(const mpenc::present::RoomState& s, const QString& text) {
  for (const TranscriptItem& it : s.items())
    if (it.isMessage() && it.text == text) return &it;
  return nullptr;
}

QString describe(const mpenc::present::RoomState& s) {
  QString out = QStringLiteral("phase=%1 members=%2 detail=%3\n")
                    .arg(mpenc::present::toString(s.status().phase))
                    .arg(s.status().members)
                    .arg(s.status().detail);
  for (const TranscriptItem& it : s.items())
    out += it.isMessage() ? QStringLiteral("  [msg %1 own=%2 ack=%3 marks=%4] %5\n")
                                .arg(it.author)
                                .arg(it.own)
                                .arg(static_cast<int>(it.ack))
                                .arg(it.marks.size())
                                .arg(it.text)
                          : QStringLiteral("  [notice] %1\n").arg(it.text);
  return out;
}

}  // namespace

class TestDeadNetwork : public QObject {
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

  void deadNetworkIsDetectedByPingAndRecovered() {
    const QString room = QStringLiteral("deadnet@") + server_.mucDomain();
    TcpRelay relay(server_.port());
    QVERIFY(relay.listen());

    HeadlessClient::Options bo;
    bo.autoInclude = true;
    HeadlessClient bob(QStringLiteral("bob"), dir_.filePath(QStringLiteral("bob")),
                       QDir(mpenc::test::artifactsRoot()).filePath(QStringLiteral("dead_network")), bo);
    QVERIFY2(bob.start(), qPrintable(bob.lastError()));
    QVERIFY(bob.connectTo(server_, password(QStringLiteral("bob"))));
    QVERIFY(bob.join(room));
    QVERIFY(bob.waitState(QStringLiteral("joining"), kWait));

    XmppClientOptions o;
    o.dataDir = dir_.filePath(QStringLiteral("alice"));
    o.settingsFile = dir_.filePath(QStringLiteral("alice.ini"));
    o.fastTimers = true;
    o.useKeychain = false;
    o.restoreRooms = false;
    o.keepAliveIntervalS = kPingIntervalS;
    o.keepAliveTimeoutS = kPingTimeoutS;
    XmppClient alice(o);
    AccountForm f;
    f.jid = QStringLiteral("alice@") + server_.domain();
    f.password = password(QStringLiteral("alice"));
    f.host = QStringLiteral("127.0.0.1");
    f.port = relay.port();  // through the relay
    f.tls = TlsChoice::DisabledUnsafe;
    f.rememberPassword = false;
    QVERIFY(alice.connectAccount(f).ok);
    QVERIFY2(QTest::qWaitFor([&] { return alice.connection().phase == ConnectionPhase::Connected; }, kWait),
             qPrintable(alice.connection().detail));
    QCOMPARE(relay.accepted(), 1);
    QVERIFY(alice.joinRoom(room, QStringLiteral("alice")).ok);
    XmppRoom* r = alice.room(room);
    QVERIFY(r);
    QVERIFY2(QTest::qWaitFor([&] { return r->state()->status().phase == Phase::Established; }, kWait),
             qPrintable(describe(*r->state())));
    QVERIFY(r->send(QStringLiteral("before the outage")).ok);
    QVERIFY(bob.waitMessage(QStringLiteral("before the outage"), QStringLiteral("alice"), kWait) >= 0);
    // Idle for longer than a ping interval: pings are answered, nothing happens.
    QTest::qWait(kPingIntervalS * 1000 + 1000);
    QCOMPARE(alice.connection().phase, ConnectionPhase::Connected);

    // The network dies; TCP stays up.
    relay.freeze();
    QElapsedTimer t;
    t.start();
    const QString frozenText = QStringLiteral("typed while the network was down");
    const auto typed = r->send(frozenText);
    const int bound = (kPingIntervalS + kPingTimeoutS) * 1000 + kSlackMs;
    QVERIFY2(QTest::qWaitFor([&] { return alice.connection().phase != ConnectionPhase::Connected; }, bound),
             qPrintable(QStringLiteral("still connected after %1 ms").arg(t.elapsed())));
    const qint64 noticedMs = t.elapsed();
    QVERIFY2(QTest::qWaitFor([&] { return alice.connection().phase == ConnectionPhase::Reconnecting; }, 1000),
             qPrintable(alice.connection().detail));
    const QString detail = alice.connection().detail;
    std::printf("dead network noticed after %lld ms (bound %d ms): %s\n", static_cast<long long>(noticedMs),
                bound, qPrintable(detail));
    QVERIFY2(detail.contains(QStringLiteral("no reply to a ping within %1 s").arg(kPingTimeoutS)),
             qPrintable(detail));
    QVERIFY2(QTest::qWaitFor([&] { return r->state()->status().phase == Phase::Offline; }, 1000),
             qPrintable(describe(*r->state())));
    QVERIFY(!r->state()->status().canSend);  // the composer says why instead of pretending
    QVERIFY(!r->state()->status().cannotSendReason.isEmpty());

    // Offline for a while (reconnect attempts go nowhere either), then back.
    QTest::qWait(3000);
    QVERIFY(alice.connection().phase != ConnectionPhase::Connected);
    relay.thaw();
    QVERIFY2(QTest::qWaitFor([&] { return alice.connection().phase == ConnectionPhase::Connected; }, kWait),
             qPrintable(alice.connection().detail));
    std::printf("reconnected %lld ms after the freeze, %d connection(s) through the relay\n",
                static_cast<long long>(t.elapsed()), relay.accepted());
    QVERIFY(alice.connection().detail.isEmpty());
    QVERIFY2(QTest::qWaitFor([&] { return r->state()->status().phase == Phase::Established; }, kWait),
             qPrintable(describe(*r->state())));
    QVERIFY(bob.waitState(QStringLiteral("joined"), kWait));

    const QString after = QStringLiteral("after the outage");
    const auto sent = r->send(after);
    QVERIFY2(sent.ok, qPrintable(sent.message));
    QVERIFY(bob.waitMessage(after, QStringLiteral("alice"), kWait) >= 0);
    QVERIFY(!bob.say(QStringLiteral("welcome back")).isEmpty());
    QVERIFY2(QTest::qWaitFor([&] { return findMessage(*r->state(), QStringLiteral("welcome back")); }, kWait),
             qPrintable(describe(*r->state())));

    // The message typed while frozen (U-18): the room never reflected it, so
    // bob has not got it, and alice's view keeps it, as hers, never
    // acknowledged, with a permanent mark that says it was not confirmed.
    QVERIFY2(typed.ok, qPrintable(typed.message));  // accepted: the loss was not known yet
    QTest::qWait(1000);
    QCOMPARE(bob.count([&](const mpenc::test::HeadlessEvent& e) {
      return e.event() == QLatin1String("message") && e.str("text") == frozenText;
    }),
             0);
    const TranscriptItem* lost = findMessage(*r->state(), frozenText);
    QVERIFY2(lost, qPrintable(describe(*r->state())));
    QVERIFY(lost->own);
    QVERIFY(lost->ack != AckState::FullyAcked);
    QVERIFY2(
        std::any_of(lost->marks.cbegin(), lost->marks.cend(),
                    [](const mpenc::present::MessageMark& m) { return m.permanent && !m.text.isEmpty(); }),
        qPrintable(describe(*r->state())));
    std::printf("typed while frozen: marked \"%s\"\n", qPrintable(lost->marks.constFirst().text));
    const TranscriptItem* before = findMessage(*r->state(), QStringLiteral("before the outage"));
    QVERIFY(before && before->ack == AckState::FullyAcked && before->marks.isEmpty());
    bob.stop();
  }
};

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  if (!ProsodyFixture::available()) {
    std::printf("SKIP: prosody/prosodyctl not installed\n");
    return 77;
  }
  TestDeadNetwork t;
  return QTest::qExec(&t, argc, argv);
}

#include "test_dead_network.moc"
