// T-TO1 against the real Prosody (label xmpp): a joiner nobody includes.
//
// alice holds the room with "include joiners automatically" off (the
// default): she sees bob's request but never adds him. bob — the window's
// real XMPP side (XmppClient, XmppRoom, the presenter's RoomState), with a
// join timeout shortened to kJoinTimeout — must not sit behind a spinner for
// ever: his room status says he is waiting for a member to add him (no busy
// indicator, RoomStatus::waitingToBeIncluded), after the join timeout he
// leaves and re-enters the room (T-TO1, session event Reentering) and then
// says that nobody has added him yet; the re-entries are bounded by the
// timeout (no tight loop). When alice turns on automatic inclusion
// (ClientBackend::setAutoIncludeJoiners, the setting a user switches), bob's
// next re-entry gets him included, and messages go both ways.
// Exit code 77 (skipped) when Prosody is not installed.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <chrono>
#include <cstdio>

#include "prosody_fixture.h"
#include "ui/presentation/room_state.h"
#include "ui/presentation/wording.h"
#include "xmpp/muc_channel.h"
#include "xmpp/session_host.h"
#include "xmpp/xmpp_client.h"
#include "xmpp/xmpp_room.h"

using mpenc::present::AccountForm;
using mpenc::present::ConnectionPhase;
using mpenc::present::NoticeKind;
using mpenc::present::Phase;
using mpenc::present::TlsChoice;
using mpenc::present::TranscriptItem;
using mpenc::session::SessionState;
using mpenc::test::ProsodyFixture;
using mpenc::xmpp::XmppClient;
using mpenc::xmpp::XmppClientOptions;
using mpenc::xmpp::XmppRoom;

namespace {

constexpr int kWait = 30000;
constexpr std::chrono::milliseconds kJoinTimeout{4000};  // the app's default: 60 s
constexpr int kWatchMs = 20000;                          // how long nobody includes bob

QString password(const QString& user) {
  return QStringLiteral("pw-join-timeout-") + user;
}

QString describe(const mpenc::present::RoomState& s) {
  QString out = QStringLiteral("phase=%1 waiting=%2 detail=%3\n")
                    .arg(mpenc::present::toString(s.status().phase))
                    .arg(s.status().waitingToBeIncluded)
                    .arg(s.status().detail);
  for (const TranscriptItem& it : s.items())
    out += (it.isMessage() ? QStringLiteral("  [msg %1] %2\n").arg(it.author, it.text)
                           : QStringLiteral("  [notice] %1\n").arg(it.text));
  return out;
}

bool hasMessage(const mpenc::present::RoomState& s, const QString& text) {
  for (const TranscriptItem& it : s.items())
    if (it.isMessage() && it.text == text) return true;
  return false;
}

}  // namespace

class TestJoinTimeout : public QObject {
  Q_OBJECT

 private:
  ProsodyFixture server_;
  QTemporaryDir dir_;

  XmppClientOptions options(const QString& name) const {
    XmppClientOptions o;
    o.dataDir = dir_.filePath(name);
    o.settingsFile = dir_.filePath(name + QStringLiteral(".ini"));
    o.fastTimers = true;
    o.useKeychain = false;
    o.restoreRooms = false;
    return o;
  }
  AccountForm form(const QString& user) const {
    AccountForm f;
    f.jid = user + QLatin1Char('@') + server_.domain();
    f.password = password(user);
    f.host = QStringLiteral("127.0.0.1");
    f.port = server_.port();
    f.tls = TlsChoice::DisabledUnsafe;
    f.rememberPassword = false;
    return f;
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QVERIFY2(server_.start(), qPrintable(server_.lastError()));
    for (const QString& u : {QStringLiteral("alice"), QStringLiteral("bob")})
      QVERIFY2(server_.registerUser(u, password(u)), qPrintable(server_.lastError()));
  }

  void cleanupTestCase() { QVERIFY2(server_.stop(), qPrintable(server_.lastError())); }

  void joinerNobodyIncludesReentersThenIsIncluded_T_TO1() {
    const QString room = QStringLiteral("nobody@") + server_.mucDomain();
    XmppClient alice(options(QStringLiteral("alice")));  // autoInclude off: the default
    QVERIFY(alice.connectAccount(form(QStringLiteral("alice"))).ok);
    QVERIFY(QTest::qWaitFor([&] { return alice.connection().phase == ConnectionPhase::Connected; }, kWait));
    QVERIFY(alice.joinRoom(room, QStringLiteral("alice")).ok);
    XmppRoom* ra = alice.room(room);
    QVERIFY(ra);
    QVERIFY2(QTest::qWaitFor([&] { return ra->state()->status().phase == Phase::Alone; }, kWait),
             qPrintable(describe(*ra->state())));

    XmppClientOptions bo = options(QStringLiteral("bob"));
    bo.joinTimeout = kJoinTimeout;
    XmppClient bob(bo);
    QVERIFY(bob.connectAccount(form(QStringLiteral("bob"))).ok);
    QVERIFY(QTest::qWaitFor([&] { return bob.connection().phase == ConnectionPhase::Connected; }, kWait));
    QVERIFY(bob.joinRoom(room, QStringLiteral("bob")).ok);
    XmppRoom* rb = bob.room(room);
    QVERIFY(rb);
    QVector<qint64> reentries;  // ms since bob's join, from the engine's events
    QElapsedTimer t;
    t.start();
    connect(rb->host(), &mpenc::xmpp::SessionHost::sessionEvent, this,
            [&](const mpenc::session::SessionEvent& e) {
              if (e.as<mpenc::session::event::Reentering>()) reentries << t.elapsed();
            });

    // In the room with alice, not included: a clear state, derived from the engine's.
    const auto& st = rb->state()->status();
    QVERIFY2(QTest::qWaitFor([&] { return st.phase == Phase::Establishing; }, kWait),
             qPrintable(describe(*rb->state())));
    const auto& sb = rb->host()->session();
    QVERIFY(sb.state() == SessionState::Joining);
    QVERIFY(!sb.current());
    QCOMPARE(sb.channelMembers().size(), size_t{2});
    QVERIFY(!sb.operationOngoing());
    QVERIFY2(st.waitingToBeIncluded, qPrintable(describe(*rb->state())));
    QCOMPARE(st.detail, mpenc::present::waitingToBeIncludedText());
    QVERIFY(!st.canSend);
    QVERIFY(!st.cannotSendReason.isEmpty());
    // alice was told that bob wants in (U-10), with the action to add him.
    const QString bobJid = rb->host()->selfJid();
    QVERIFY2(
        QTest::qWaitFor(
            [&] {
              for (const TranscriptItem& it : ra->state()->items())
                if (!it.isMessage() && it.notice == NoticeKind::JoinRequest && it.members.contains(bobJid))
                  return true;
              return false;
            },
            kWait),
        qPrintable(describe(*ra->state())));

    // Nobody includes him: T-TO1 takes him out and back in, again and again, but not in a loop.
    QTest::qWait(kWatchMs);
    std::printf("re-entries in %d ms (join timeout %lld ms):", kWatchMs,
                static_cast<long long>(kJoinTimeout.count()));
    for (qint64 ms : reentries) std::printf(" %lld", static_cast<long long>(ms));
    std::printf("\n");
    // The first after one timeout; each next one after re-entering (≥ 50 % of
    // the timeout) and a new timeout: at most watch / 1.5 timeouts.
    const int most = static_cast<int>(kWatchMs / (kJoinTimeout.count() * 3 / 2)) + 1;
    QVERIFY2(reentries.size() >= 2, qPrintable(describe(*rb->state())));
    QVERIFY2(reentries.size() <= most, qPrintable(describe(*rb->state())));
    QVERIFY(reentries.first() >= kJoinTimeout.count());
    for (int i = 1; i < reentries.size(); ++i)
      QVERIFY2(reentries[i] - reentries[i - 1] >= kJoinTimeout.count(), qPrintable(describe(*rb->state())));
    // Back in the room and still waiting, and he is told so (not a spinner).
    QVERIFY2(
        QTest::qWaitFor([&] { return st.phase == Phase::Establishing && st.waitingToBeIncluded; }, kWait),
        qPrintable(describe(*rb->state())));
    QCOMPARE(st.detail, mpenc::present::stillNotIncludedText());
    QVERIFY2(ra->state()->status().members <= 1,
             qPrintable(describe(*ra->state())));  // alice never added him

    // alice switches on automatic inclusion: bob's next re-entry gets him in.
    alice.setAutoIncludeJoiners(true);
    QVERIFY2(QTest::qWaitFor([&] { return st.phase == Phase::Established && st.members == 2; }, kWait),
             qPrintable(describe(*rb->state())));
    QVERIFY(!st.waitingToBeIncluded);
    QVERIFY(st.detail.isEmpty());
    QVERIFY2(QTest::qWaitFor([&] { return ra->state()->status().phase == Phase::Established; }, kWait),
             qPrintable(describe(*ra->state())));
    const int reentered = static_cast<int>(reentries.size());
    QVERIFY(rb->send(QStringLiteral("finally in")).ok);
    QVERIFY(QTest::qWaitFor([&] { return hasMessage(*ra->state(), QStringLiteral("finally in")); }, kWait));
    QVERIFY(ra->send(QStringLiteral("welcome")).ok);
    QVERIFY(QTest::qWaitFor([&] { return hasMessage(*rb->state(), QStringLiteral("welcome")); }, kWait));
    QTest::qWait(kJoinTimeout.count() + 1000);  // included: no more re-entries
    QCOMPARE(static_cast<int>(reentries.size()), reentered);
    QVERIFY(st.phase == Phase::Established);
  }
};

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  if (!ProsodyFixture::available()) {
    std::printf("SKIP: prosody/prosodyctl not installed\n");
    return 77;
  }
  TestJoinTimeout t;
  return QTest::qExec(&t, argc, argv);
}

#include "test_join_timeout.moc"
