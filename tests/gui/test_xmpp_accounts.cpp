// Several accounts in one window (issue 11): xmpp/account_set.* behind the
// real MainWindow, on a private Prosody. Alice and Carol are two accounts of
// one user; each joins a room; the window lists both rooms and names the
// account of each; the account bar switches between them; an "add" that is
// cancelled leaves nothing behind; the same account cannot be added twice;
// and after a restart both accounts are there again and, once connected,
// each reopens its own room. Screenshot: artifacts/two-accounts.png.
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include "prosody_fixture.h"
#include "ui/main_window.h"
#include "ui/screenshot.h"
#include "xmpp/account_set.h"
#include "xmpp/session_host.h"
#include "xmpp/xmpp_room.h"

using mpenc::present::AccountForm;
using mpenc::present::ConnectionPhase;
using mpenc::present::TlsChoice;
using mpenc::test::ProsodyFixture;
using mpenc::xmpp::AccountSet;
using mpenc::xmpp::XmppClientOptions;
using mpenc::xmpp::XmppRoom;

namespace {
constexpr int kWait = 30000;
}

class TestXmppAccounts : public QObject {
  Q_OBJECT

  ProsodyFixture server_;
  QTemporaryDir dir_;

  AccountForm form(const QString& user) const {
    AccountForm f;
    f.jid = user + QLatin1Char('@') + server_.domain();
    f.password = QStringLiteral("pw-accounts-") + user;
    f.host = QStringLiteral("127.0.0.1");
    f.port = server_.port();
    f.tls = TlsChoice::DisabledUnsafe;  // loopback test server without certificates
    f.rememberPassword = false;
    return f;
  }
  XmppClientOptions base() const {
    XmppClientOptions o;
    o.dataDir = dir_.filePath(QStringLiteral("data"));
    o.settingsFile = dir_.filePath(QStringLiteral("config/settings.ini"));
    o.fastTimers = true;
    o.useKeychain = false;
    return o;
  }
  QString roomOf(const char* name) const {
    return QLatin1String(name) + QLatin1Char('@') + server_.mucDomain();
  }
  bool connected(const AccountSet& set) const {
    return QTest::qWaitFor([&] { return set.connection().phase == ConnectionPhase::Connected; }, kWait);
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QVERIFY2(server_.start(), qPrintable(server_.lastError()));
    for (const QString& u : {QStringLiteral("alice"), QStringLiteral("carol")})
      QVERIFY2(server_.registerUser(u, QStringLiteral("pw-accounts-") + u), qPrintable(server_.lastError()));
  }
  void cleanupTestCase() { QVERIFY2(server_.stop(), qPrintable(server_.lastError())); }

  void twoAccountsInOneWindow() {
    const QString alice = QStringLiteral("alice@") + server_.domain();
    const QString carol = QStringLiteral("carol@") + server_.domain();
    const QString aliceRoom = roomOf("alices-team");
    const QString carolRoom = roomOf("carols-team");
    {
      AccountSet set(base());
      QVERIFY(set.canAddAccounts());
      QCOMPARE(set.count(), 1);
      mpenc::ui::MainWindow window(&set, QStringLiteral("test"));
      window.resize(1100, 700);
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));

      // The first account is set up in place (no second slot for it).
      QVERIFY(set.beginAddAccount());
      QCOMPARE(set.count(), 1);
      QVERIFY(set.connectAccount(form(QStringLiteral("alice"))).ok);
      QVERIFY2(connected(set), qPrintable(set.connection().detail));
      QCOMPARE(set.connection().account, alice);
      QVERIFY(set.joinRoom(aliceRoom, QStringLiteral("alice")).ok);

      // An add that is cancelled leaves nothing behind.
      QVERIFY(set.beginAddAccount());
      QCOMPARE(set.count(), 2);
      QCOMPARE(set.connection().phase, ConnectionPhase::NoAccount);
      set.cancelAddAccount();
      QCOMPARE(set.count(), 1);
      QCOMPARE(set.connection().account, alice);
      QCOMPARE(
          QDir(dir_.filePath(QStringLiteral("config"))).entryList({QStringLiteral("account-*.ini")}).size(),
          0);

      // The same account cannot be added twice.
      QVERIFY(set.beginAddAccount());
      QVERIFY(!set.connectAccount(form(QStringLiteral("alice"))).ok);
      // Carol, the second account.
      QVERIFY(set.connectAccount(form(QStringLiteral("carol"))).ok);
      QVERIFY2(connected(set), qPrintable(set.connection().detail));
      QCOMPARE(set.accounts(), (QStringList{alice, carol}));
      QCOMPARE(set.currentAccount(), 1);
      QVERIFY(set.joinRoom(carolRoom, QStringLiteral("carol")).ok);

      // Both rooms are in the window, each with its account.
      QCOMPARE(set.rooms().size(), 2);
      QVERIFY(QTest::qWaitFor(
          [&] {
            for (auto* r : set.rooms())
              if (!qobject_cast<XmppRoom*>(r)->host()->session().inChannel()) return false;
            return true;
          },
          kWait));
      QCOMPARE(window.roomList()->count(), 2);
      for (auto* r : set.rooms()) {
        const QString expect = r->state()->status().roomJid == aliceRoom ? alice : carol;
        QCOMPARE(set.accountOf(r), expect);
      }
      bool tooltipsNameAccounts = true;
      for (int i = 0; i < window.roomList()->count(); ++i) {
        const QString tip = window.roomList()->item(i)->toolTip();
        tooltipsNameAccounts &= tip.contains(alice) || tip.contains(carol);
      }
      QVERIFY(tooltipsNameAccounts);
      // The account bar shows the current account and offers the switch.
      auto* name = window.findChild<QLabel*>(QStringLiteral("accountName"));
      QVERIFY(name);
      QVERIFY(name->text().startsWith(carol));
      QVERIFY(name->text().contains(QStringLiteral("▾")));
      set.setCurrentAccount(0);
      QCOMPARE(set.connection().account, alice);
      QVERIFY(name->text().startsWith(alice));
      // Showing a room makes its account the current one.
      auto roomNamed = [&](const QString& jid) -> mpenc::present::RoomBackend* {
        for (auto* r : set.rooms())
          if (r->state()->status().roomJid == jid) return r;
        return nullptr;
      };
      window.showRoom(roomNamed(aliceRoom));
      QCOMPARE(set.connection().account, alice);
      window.showRoom(roomNamed(carolRoom));
      QCOMPARE(set.connection().account, carol);
      QVERIFY(name->text().startsWith(carol));
      QTest::qWait(100);
      QString error;
      QVERIFY2(
          mpenc::ui::saveScreenshot(window, QStringLiteral(MPENC_GUI_ARTIFACTS "/two-accounts.png"), &error),
          qPrintable(error));
      // The app quits with both rooms open.
    }

    // Restart: both accounts are back; once connected, each reopens its room.
    AccountSet again(base());
    QCOMPARE(again.accounts(), (QStringList{alice, carol}));
    again.connectSaved();  // no remembered passwords (no keychain in tests): nothing connects by itself
    QCOMPARE(again.connection().phase, ConnectionPhase::Disconnected);
    for (int i = 0; i < 2; ++i) {
      again.setCurrentAccount(i);
      QVERIFY(again.connectAccount(form(i == 0 ? QStringLiteral("alice") : QStringLiteral("carol"))).ok);
      QVERIFY2(connected(again), qPrintable(again.connection().detail));
    }
    QVERIFY(QTest::qWaitFor([&] { return again.rooms().size() == 2; }, kWait));
    for (auto* r : again.rooms()) {
      const QString jid = r->state()->status().roomJid;
      QCOMPARE(again.accountOf(r), jid == aliceRoom ? alice : carol);
    }
  }
};

QTEST_MAIN(TestXmppAccounts)
#include "test_xmpp_accounts.moc"
