// The settings' "include people who enter a room automatically" on the real
// XMPP backend (ClientBackend::setAutoIncludeJoiners → XmppRoom → SessionHost,
// T-ES), against a private Prosody: switched on while Alice's room is open,
// Bob entering is included by Alice's engine without anyone asking; switched
// off again, Carol entering is only offered (U-10 JoinRequest), not included.
// The checks read the engines' own state (session members, autoIncludable).
// Exit code 77 (skipped) when Prosody is not installed.
#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>

#include "prosody_fixture.h"
#include "ui/presentation/room_state.h"
#include "xmpp/muc_channel.h"
#include "xmpp/session_host.h"
#include "xmpp/xmpp_client.h"
#include "xmpp/xmpp_room.h"

using mpenc::present::AccountForm;
using mpenc::present::ConnectionPhase;
using mpenc::present::NoticeKind;
using mpenc::present::TlsChoice;
using mpenc::test::ProsodyFixture;
using mpenc::xmpp::XmppClient;
using mpenc::xmpp::XmppClientOptions;
using mpenc::xmpp::XmppRoom;

namespace {

constexpr int kWait = 30000;

QString password(const QString& user) {
  return QStringLiteral("pw-xmpp-desktop-") + user;
}

QStringList sessionMembers(const XmppRoom& r) {
  QStringList out;
  for (const auto& m : r.host()->session().members()) out << mpenc::xmpp::fromMemberId(m);
  return out;
}

bool hasJoinRequestFor(const mpenc::present::RoomState& s, const QString& member) {
  for (const auto& it : s.items())
    if (!it.isMessage() && it.notice == NoticeKind::JoinRequest && it.members.contains(member)) return true;
  return false;
}

}  // namespace

class TestXmppDesktop : public QObject {
  Q_OBJECT

 private:
  ProsodyFixture server_;
  QTemporaryDir dir_;

  XmppClientOptions options(const QString& name) const {
    XmppClientOptions o;
    o.dataDir = dir_.filePath(name + QStringLiteral("-data"));
    o.settingsFile = dir_.filePath(name + QStringLiteral(".ini"));
    o.fastTimers = true;
    o.useKeychain = false;
    return o;
  }
  bool connect(XmppClient& c, const QString& user) const {
    AccountForm f;
    f.jid = user + QLatin1Char('@') + server_.domain();
    f.password = password(user);
    f.host = QStringLiteral("127.0.0.1");
    f.port = server_.port();
    f.tls = TlsChoice::DisabledUnsafe;  // loopback test server without certificates
    f.rememberPassword = false;
    return c.connectAccount(f).ok &&
           QTest::qWaitFor([&] { return c.connection().phase == ConnectionPhase::Connected; }, kWait);
  }
  XmppRoom* join(XmppClient& c, const QString& nick) const {
    if (!c.joinRoom(room(), nick).ok) return nullptr;
    XmppRoom* r = c.room(room());
    if (r == nullptr) return nullptr;
    if (!QTest::qWaitFor([&] { return r->host()->session().membership().inChannel(); }, kWait))
      return nullptr;
    return r;
  }
  QString room() const { return QStringLiteral("desk@") + server_.mucDomain(); }
  QString occupant(const char* nick) const { return room() + QLatin1Char('/') + QLatin1String(nick); }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QVERIFY2(server_.start(), qPrintable(server_.lastError()));
    for (const QString& u : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")})
      QVERIFY2(server_.registerUser(u, password(u)), qPrintable(server_.lastError()));
  }

  void cleanupTestCase() {
    if (server_.isRunning()) QVERIFY2(server_.stop(), qPrintable(server_.lastError()));
  }

  void autoIncludeSwitchesWhileTheRoomIsOpen() {
    XmppClient alice(options(QStringLiteral("alice")));
    XmppClient bob(options(QStringLiteral("bob")));
    XmppClient carol(options(QStringLiteral("carol")));
    QVERIFY(connect(alice, QStringLiteral("alice")));
    QVERIFY(connect(bob, QStringLiteral("bob")));
    QVERIFY(connect(carol, QStringLiteral("carol")));

    XmppRoom* a = join(alice, QStringLiteral("alice"));
    QVERIFY(a != nullptr);
    QVERIFY(QTest::qWaitFor([&] { return a->host()->session().membership().synced(); }, kWait));
    const std::string bobId = mpenc::xmpp::toMemberId(occupant("bob"));
    QVERIFY(!a->host()->session().membership().autoIncludable(bobId));

    // On: the running engine's answer changes, and Bob entering is included.
    alice.setAutoIncludeJoiners(true);
    QVERIFY(a->host()->autoIncludeJoiners());
    QVERIFY(a->host()->session().membership().autoIncludable(bobId));
    XmppRoom* b = join(bob, QStringLiteral("bob"));
    QVERIFY(b != nullptr);
    QVERIFY2(QTest::qWaitFor([&] { return sessionMembers(*a).contains(occupant("bob")); }, kWait),
             qPrintable(sessionMembers(*a).join(QLatin1Char(' '))));
    QVERIFY(QTest::qWaitFor([&] { return sessionMembers(*b).contains(occupant("alice")); }, kWait));

    // Off again: Carol entering is offered to Alice, not included.
    alice.setAutoIncludeJoiners(false);
    QVERIFY(!a->host()->autoIncludeJoiners());
    XmppRoom* c = join(carol, QStringLiteral("carol"));
    QVERIFY(c != nullptr);
    QVERIFY(QTest::qWaitFor([&] { return hasJoinRequestFor(*a->state(), occupant("carol")); }, kWait));
    QTest::qWait(3000);  // fast timers: an automatic proposal would have run by now
    QVERIFY2(!sessionMembers(*a).contains(occupant("carol")),
             qPrintable(sessionMembers(*a).join(QLatin1Char(' '))));
    QVERIFY(!a->host()->session().membership().autoIncludable(mpenc::xmpp::toMemberId(occupant("carol"))));
  }
};

int main(int argc, char** argv) {
  if (!ProsodyFixture::available()) {
    std::fputs("prosody is not installed: skipped\n", stderr);
    return 77;
  }
  QCoreApplication app(argc, argv);
  TestXmppDesktop t;
  return QTest::qExec(&t, argc, argv);
}

#include "test_xmpp_desktop.moc"
