// The window's real XMPP side (xmpp/xmpp_client.*, xmpp/xmpp_room.*) against a
// private Prosody on 127.0.0.1: an XmppClient with fast timers ("alice", the
// window's backend) and a headless mpenc-chat process ("bob", a different
// front end over the same engine) join one room. Alice includes Bob through
// RoomBackend::include; the RoomState must reach Phase::Established with 2
// members; messages go both ways and each side's view is checked against the
// other side's engine data: Bob's message is a TranscriptItem with Bob's
// occupant JID, nick, text and message ID as Bob's engine reported them;
// Alice's own message reaches AckState::FullyAcked and Bob received it under
// the same ID; members() lists both, with Bob's fingerprint equal to what Bob
// reports as his own, and Bob sees Alice's key under the fingerprint her
// ConnectionStatus shows.
//
// Also: bad input to the client gives clear refusals (no crash); a wrong
// password, "TLS required" on a server without TLS and an unknown server end
// in Failed with a specific detail (never the password) and are not retried;
// the saved account round-trips through QSettings without the password; with
// the room open, the MainWindow renders (screenshot artifacts/xmpp-room.png);
// the consent veto (a member whose identity key changed is never re-included
// automatically: MembershipConfig::autoIncludeVeto as SessionHost sets it)
// holds in a real room; and, last, a server restart is Reconnecting → Connected with the room
// entered again.
// Exit code 77 (skipped) when Prosody is not installed.
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>
#include <memory>
#include <optional>

#include "headless_client.h"
#include "prosody_fixture.h"
#include "ui/main_window.h"
#include "ui/presentation/room_state.h"
#include "ui/screenshot.h"
#include "xmpp/account_connection.h"
#include "xmpp/muc_channel.h"
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
using mpenc::xmpp::SessionHost;
using mpenc::xmpp::XmppClient;
using mpenc::xmpp::XmppClientOptions;
using mpenc::xmpp::XmppRoom;

namespace {

constexpr int kWait = 30000;     // joins, deliveries
constexpr int kAckWait = 60000;  // full acks (fast timers: a few seconds)

QString password(const QString& user) {
  return QStringLiteral("pw-xmpp-room-") + user;
}

/// The message item with this text (and author, when given); -1 if none.
int findMessage(const mpenc::present::RoomState& s, const QString& text, bool own) {
  for (int i = 0; i < s.itemCount(); ++i) {
    const TranscriptItem& it = s.item(i);
    if (it.isMessage() && it.text == text && it.own == own) return i;
  }
  return -1;
}

/// The session membership as the engine has it (member IDs = occupant JIDs).
QStringList sessionMembers(const XmppRoom& r) {
  QStringList out;
  for (const auto& m : r.host()->session().members()) out << mpenc::xmpp::fromMemberId(m);
  return out;
}

/// The host's key record of `member`, if it advertised one.
std::optional<SessionHost::KeyInfo> keyOf(const XmppRoom& r, const QString& member) {
  for (const auto& k : r.host()->keys())
    if (k.member == member) return k;
  return std::nullopt;
}

/// Index of the first notice of `kind` at or after `from` that concerns `member`; -1 if none.
int findNotice(const mpenc::present::RoomState& s, mpenc::present::NoticeKind kind, const QString& member,
               int from) {
  for (int i = from; i < s.itemCount(); ++i) {
    const TranscriptItem& it = s.item(i);
    if (!it.isMessage() && it.notice == kind && it.members.contains(member)) return i;
  }
  return -1;
}

QString describe(const mpenc::present::RoomState& s) {
  QString out = QStringLiteral("phase=%1 members=%2 detail=%3\n")
                    .arg(mpenc::present::toString(s.status().phase))
                    .arg(s.status().members)
                    .arg(s.status().detail);
  for (const TranscriptItem& it : s.items())
    out += (it.isMessage() ? QStringLiteral("  [msg %1] %2\n").arg(it.author, it.text)
                           : QStringLiteral("  [notice] %1\n").arg(it.text));
  return out;
}

}  // namespace

class TestXmppRoom : public QObject {
  Q_OBJECT

 private:
  ProsodyFixture server_;
  QTemporaryDir dir_;

  AccountForm form(const QString& user, const QString& pw) const {
    AccountForm f;
    f.jid = user + QLatin1Char('@') + server_.domain();
    f.password = pw;
    f.host = QStringLiteral("127.0.0.1");
    f.port = server_.port();
    f.tls = TlsChoice::DisabledUnsafe;  // loopback test server without certificates
    f.rememberPassword = true;
    return f;
  }
  XmppClientOptions options(const QString& name) const {
    XmppClientOptions o;
    o.dataDir = dir_.filePath(name + QStringLiteral("-data"));
    o.settingsFile = dir_.filePath(name + QStringLiteral(".ini"));
    o.fastTimers = true;
    o.useKeychain = false;   // never the developer's real keychain (ctest also sets MPENC_NO_KEYCHAIN=1)
    o.restoreRooms = false;  // each test opens its own rooms
    return o;
  }
  QString roomJid(const char* name) const {
    return QLatin1String(name) + QLatin1Char('@') + server_.mucDomain();
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QVERIFY2(server_.start(), qPrintable(server_.lastError()));
    for (const QString& u : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")})
      QVERIFY2(server_.registerUser(u, password(u)), qPrintable(server_.lastError()));
  }

  void cleanupTestCase() { QVERIFY2(server_.stop(), qPrintable(server_.lastError())); }

  void badInputIsRefusedClearly() {
    XmppClient client(options(QStringLiteral("bad")));
    QCOMPARE(client.connection().phase, ConnectionPhase::NoAccount);
    QVERIFY(!client.savedAccount());
    auto r = client.joinRoom(roomJid("team"), QStringLiteral("carol"));
    QVERIFY(!r.ok);
    QVERIFY(!r.message.isEmpty());

    AccountForm f = form(QStringLiteral("carol"), password(QStringLiteral("carol")));
    f.jid = QStringLiteral("not a jid");
    r = client.connectAccount(f);
    QVERIFY(!r.ok);
    QVERIFY(r.message.contains(QStringLiteral("@")));
    QVERIFY(!client.account());

    QVERIFY(client.connectAccount(form(QStringLiteral("carol"), password(QStringLiteral("carol")))).ok);
    QVERIFY2(QTest::qWaitFor([&] { return client.connection().phase == ConnectionPhase::Connected; }, kWait),
             qPrintable(client.connection().detail));
    for (const QString& bad :
         {QString(), QStringLiteral("no-at-sign"), QStringLiteral("@conference.localhost"),
          QStringLiteral("team@"), QStringLiteral("team@conference.localhost/nick"),
          QStringLiteral("te am@conference.localhost"), QStringLiteral("a@b@c"),
          QStringLiteral("team@.localhost")}) {
      r = client.joinRoom(bad, QStringLiteral("carol"));
      QVERIFY2(!r.ok, qPrintable(bad));
      QVERIFY2(!r.message.isEmpty(), qPrintable(bad));
    }
    r = client.joinRoom(roomJid("team"), QStringLiteral("   "));
    QVERIFY(!r.ok);
    QVERIFY(!r.message.isEmpty());
    QCOMPARE(client.rooms().size(), 0);

    // Joining an open room again only says so.
    QSignalSpy opened(&client, &XmppClient::roomOpened);
    QVERIFY(client.joinRoom(QStringLiteral("  Lonely@") + server_.mucDomain(), QStringLiteral("carol")).ok);
    QCOMPARE(opened.count(), 1);
    r = client.joinRoom(roomJid("lonely"), QStringLiteral("carol"));
    QVERIFY(!r.ok);
    QVERIFY(r.message.contains(roomJid("lonely")));
    QCOMPARE(opened.count(), 1);
    QCOMPARE(client.rooms().size(), 1);

    // Close: leaves, then roomClosed, then the room is gone.
    QSignalSpy closed(&client, &XmppClient::roomClosed);
    client.closeRoom(client.rooms().constFirst());
    QVERIFY(QTest::qWaitFor([&] { return closed.count() == 1; }, kWait));
    QCOMPARE(client.rooms().size(), 0);

    // Disconnecting on purpose: Disconnected, and no automatic reconnect.
    client.disconnectAccount();
    QCOMPARE(client.connection().phase, ConnectionPhase::Disconnected);
    QVERIFY(QTest::qWaitFor([&] { return !client.account()->isConnected(); }, kWait));
    QTest::qWait(2500);
    QCOMPARE(client.connection().phase, ConnectionPhase::Disconnected);
    QVERIFY(!client.account()->isConnected());
  }

  void wrongPasswordFailsWithAReason() {
    XmppClient client(options(QStringLiteral("wrongpw")));
    const QString wrong = QStringLiteral("definitely-not-the-password");
    QVERIFY(client.connectAccount(form(QStringLiteral("carol"), wrong)).ok);
    QVERIFY(QTest::qWaitFor([&] { return client.connection().phase == ConnectionPhase::Failed; }, kWait));
    const auto st = client.connection();
    qInfo("wrong-password detail: %s", qPrintable(st.detail));
    QVERIFY2(st.detail.contains(QStringLiteral("password")), qPrintable(st.detail));
    QVERIFY(!st.detail.contains(wrong));
    // No automatic retry with a password the server refused.
    QTest::qWait(2500);
    QCOMPARE(client.connection().phase, ConnectionPhase::Failed);
    // The user corrects it: connected, the problem is gone.
    QVERIFY(client.connectAccount(form(QStringLiteral("carol"), password(QStringLiteral("carol")))).ok);
    QVERIFY2(QTest::qWaitFor([&] { return client.connection().phase == ConnectionPhase::Connected; }, kWait),
             qPrintable(client.connection().detail));
    QVERIFY(client.connection().detail.isEmpty());
  }

  void tlsRequiredWithoutTlsFailsWithAReason() {
    // The fixture's Prosody has no TLS module: "TLS required" cannot work.
    XmppClient client(options(QStringLiteral("tls")));
    AccountForm f = form(QStringLiteral("carol"), password(QStringLiteral("carol")));
    f.tls = TlsChoice::Required;
    QVERIFY(client.connectAccount(f).ok);
    QVERIFY2(QTest::qWaitFor([&] { return client.connection().phase == ConnectionPhase::Failed; }, kWait),
             qPrintable(client.connection().detail));
    qInfo("TLS detail: %s", qPrintable(client.connection().detail));
    QVERIFY2(client.connection().detail.contains(QStringLiteral("TLS")),
             qPrintable(client.connection().detail));
    QTest::qWait(2500);  // and it stays there: retrying cannot help
    QCOMPARE(client.connection().phase, ConnectionPhase::Failed);
  }

  void unknownServerFailsWithAReason() {
    XmppClient client(options(QStringLiteral("nohost")));
    AccountForm f = form(QStringLiteral("carol"), password(QStringLiteral("carol")));
    f.host = QStringLiteral("no-such-server.invalid");  // RFC 6761: never resolves
    QVERIFY(client.connectAccount(f).ok);
    QVERIFY2(QTest::qWaitFor([&] { return client.connection().phase == ConnectionPhase::Failed; }, kWait),
             qPrintable(client.connection().detail));
    qInfo("unknown-server detail: %s", qPrintable(client.connection().detail));
    QVERIFY2(client.connection().detail.contains(f.host), qPrintable(client.connection().detail));
  }

  void savedAccountHasNoPasswordWithoutKeychain() {
    const XmppClientOptions o = options(QStringLiteral("saved"));
    {
      XmppClient client(o);
      QVERIFY(client.connectAccount(form(QStringLiteral("carol"), password(QStringLiteral("carol")))).ok);
      const auto st = client.connection();
      QCOMPARE(st.account, QStringLiteral("carol@localhost"));
      QCOMPARE(st.ownFingerprint.split(QLatin1Char(' ')).size(), 8);
      // No keychain (useKeychain false, MPENC_NO_KEYCHAIN=1): the honest file fallback.
      QVERIFY(st.keyStorageWarning);
      QVERIFY(!st.keyStorage.isEmpty());
    }
    XmppClient again(o);
    QCOMPARE(again.connection().phase, ConnectionPhase::Disconnected);
    const auto saved = again.savedAccount();
    QVERIFY(saved);
    QCOMPARE(saved->jid, QStringLiteral("carol@localhost"));
    QCOMPARE(saved->host, QStringLiteral("127.0.0.1"));
    QCOMPARE(saved->port, server_.port());
    QCOMPARE(saved->tls, TlsChoice::DisabledUnsafe);
    QVERIFY(saved->password.isEmpty());  // no keychain: not remembered anywhere
    QFile ini(o.settingsFile);
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY(!ini.readAll().contains(password(QStringLiteral("carol")).toUtf8()));
  }

  void twoMembersChat() {
    const QString room = roomJid("window");
    const QString aliceOcc = room + QStringLiteral("/alice");
    const QString bobOcc = room + QStringLiteral("/bob");

    // Alice: the window's backend, in the room first (the senior member includes joiners).
    XmppClient alice(options(QStringLiteral("alice")));
    QVector<mpenc::present::RoomBackend*> opened;
    connect(&alice, &XmppClient::roomOpened, this, [&](mpenc::present::RoomBackend* b) { opened << b; });
    QVERIFY(alice.connectAccount(form(QStringLiteral("alice"), password(QStringLiteral("alice")))).ok);
    QVERIFY2(QTest::qWaitFor([&] { return alice.connection().phase == ConnectionPhase::Connected; }, kWait),
             qPrintable(alice.connection().detail));
    const QString aliceFingerprint = alice.connection().ownFingerprint;
    QCOMPARE(aliceFingerprint.split(QLatin1Char(' ')).size(), 8);

    QVERIFY(alice.joinRoom(room, QStringLiteral("alice")).ok);
    QCOMPARE(opened.size(), 1);
    auto* r = qobject_cast<XmppRoom*>(opened.constFirst());
    QVERIFY(r);
    QCOMPARE(alice.rooms().size(), 1);
    mpenc::present::RoomState& state = *r->state();
    QVERIFY2(QTest::qWaitFor([&] { return r->host()->session().inChannel(); }, kWait),
             qPrintable(describe(state)));

    // Bob: a headless mpenc-chat process (another front end, same engine).
    HeadlessClient bob(QStringLiteral("bob"), dir_.filePath(QStringLiteral("bob-data")),
                       mpenc::test::artifactsRoot() + QStringLiteral("/gui_xmpp_room"));
    QVERIFY2(bob.start(), qPrintable(bob.lastError()));
    QVERIFY(bob.connectTo(server_, password(QStringLiteral("bob"))));
    const QString bobFingerprint = bob.lastReply().value(QStringLiteral("fingerprint")).toString();
    QCOMPARE(bobFingerprint.split(QLatin1Char(' ')).size(), 8);
    QVERIFY(aliceFingerprint != bobFingerprint);
    QVERIFY(bob.join(room));

    // Bob is a channel member (engine data), then Alice includes him.
    QVERIFY2(QTest::qWaitFor([&] { return r->host()->channelMembers().contains(bobOcc); }, kWait),
             qPrintable(describe(state)));
    const auto inc = r->include({bobOcc});
    QVERIFY2(inc.ok, qPrintable(inc.message));
    QVERIFY2(
        QTest::qWaitFor(
            [&] { return state.status().phase == Phase::Established && state.status().members == 2; }, kWait),
        qPrintable(describe(state)));
    QVERIFY(r->host()->state() == mpenc::session::SessionState::Joined);
    QCOMPARE(r->host()->session().members().size(), std::size_t{2});
    QVERIFY(state.status().canSend);
    QVERIFY(bob.waitState(QStringLiteral("joined"), kWait));

    // Alice → Bob.
    const QString hello = QStringLiteral("hello from the window");
    const auto sent = r->send(hello);
    QVERIFY2(sent.ok, qPrintable(sent.message));
    const int atBob = bob.waitMessage(hello, aliceOcc, kWait);
    QVERIFY(atBob >= 0);
    const QString helloId = bob.events().at(static_cast<size_t>(atBob)).str("id");
    QVERIFY(!helloId.isEmpty());

    // Bob → Alice.
    const QString reply = QStringLiteral("hello from headless ✓");
    const QString replyId = bob.say(reply);
    QVERIFY(!replyId.isEmpty());
    QVERIFY2(QTest::qWaitFor([&] { return findMessage(state, reply, false) >= 0; }, kWait),
             qPrintable(describe(state)));
    const TranscriptItem& theirs = state.item(findMessage(state, reply, false));
    QCOMPARE(theirs.author, bobOcc);
    QCOMPARE(theirs.authorName, QStringLiteral("bob"));
    QCOMPARE(theirs.id, replyId);
    QVERIFY(!theirs.own);

    // Alice's own message: the ID Bob's engine saw, fully acked (Bob acks it).
    const int mine = findMessage(state, hello, true);
    QVERIFY2(mine >= 0, qPrintable(describe(state)));
    QCOMPARE(state.item(mine).id, helloId);
    QCOMPARE(state.item(mine).author, aliceOcc);
    QVERIFY2(QTest::qWaitFor(
                 [&] { return state.item(findMessage(state, hello, true)).ack == AckState::FullyAcked; },
                 kAckWait),
             qPrintable(QStringLiteral("unacked by: ") +
                        state.item(findMessage(state, hello, true)).unackedBy.join(QStringLiteral(", "))));
    QVERIFY(state.item(findMessage(state, hello, true)).unackedBy.isEmpty());

    // Members: both, each with the fingerprint its own side reports.
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                   const auto* b = state.member(bobOcc);
                   return b && b->inSession && !b->fingerprint.isEmpty();
                 },
                 kWait),
             qPrintable(describe(state)));
    const auto* bm = state.member(bobOcc);
    const auto* am = state.member(aliceOcc);
    QVERIFY(bm && am);
    QCOMPARE(bm->fingerprint, bobFingerprint);
    QCOMPARE(bm->name, QStringLiteral("bob"));
    QVERIFY(!bm->self);
    QVERIFY(am->self);
    QVERIFY(am->inSession);
    int inSession = 0;
    for (const auto& m : state.members()) inSession += m.inSession ? 1 : 0;
    QCOMPARE(inSession, 2);
    QCOMPARE(state.ownFingerprint(), aliceFingerprint);
    // Bob's engine saw Alice's key under the fingerprint her status shows.
    const int key = bob.find([&](const mpenc::test::HeadlessEvent& e) {
      return e.event() == QLatin1String("key") && e.str("member") == aliceOcc;
    });
    QVERIFY(key >= 0);
    QCOMPARE(bob.events().at(static_cast<size_t>(key)).str("fingerprint"), aliceFingerprint);

    // The window over this client renders (the widgets are the real ones).
    {
      mpenc::ui::MainWindow window(&alice, QStringLiteral("test"));
      window.resize(1200, 760);
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      QTest::qWait(200);
      const QString path = QStringLiteral(MPENC_GUI_ARTIFACTS "/xmpp-room.png");
      QString error;
      QVERIFY2(mpenc::ui::saveScreenshot(window, path, &error), qPrintable(error));
      QImage image;
      QVERIFY(image.load(path));
      QVERIFY(image.width() >= 400 && image.height() >= 300);
    }

    // Close the room: leave (double FIN), then it is gone; Bob sees Alice leave.
    QSignalSpy closed(&alice, &XmppClient::roomClosed);
    const int mark = bob.mark();
    alice.closeRoom(r);
    QVERIFY(QTest::qWaitFor([&] { return closed.count() == 1; }, kWait));
    QCOMPARE(alice.rooms().size(), 0);
    QVERIFY(bob.waitState(QStringLiteral("joining"), kWait, mark));
    bob.stop();
  }

  /// The consent veto in a real room. Bob is in Alice's session; his process
  /// dies (no leave intent: T-P2 makes him a former member to re-include).
  /// Control: he comes back with the same identity and is re-included
  /// automatically. Then he dies again and a NEW identity (new data dir) joins
  /// under the same nick and account: Alice's room says the key changed, and
  /// although the engine still counts Bob as rejoining, he is NOT included
  /// automatically (autoIncludeVeto: trust Changed) while he waits in the
  /// room; Alice is offered to invite him (U-10), and after she accepts the
  /// new key and includes him the session has both again.
  void changedKeyIsNotReincludedWithoutConsent() {
    const QString room = roomJid("veto");
    const QString aliceOcc = room + QStringLiteral("/alice");
    const QString bobOcc = room + QStringLiteral("/bob");
    const auto bobId = mpenc::xmpp::toMemberId(bobOcc);
    const QString artifacts = mpenc::test::artifactsRoot() + QStringLiteral("/gui_xmpp_room_veto");
    const QStringList both{aliceOcc, bobOcc};
    const QStringList aloneList{aliceOcc};

    XmppClient alice(options(QStringLiteral("alice-veto")));
    QVERIFY(alice.connectAccount(form(QStringLiteral("alice"), password(QStringLiteral("alice")))).ok);
    QVERIFY2(QTest::qWaitFor([&] { return alice.connection().phase == ConnectionPhase::Connected; }, kWait),
             qPrintable(alice.connection().detail));
    QVERIFY(alice.joinRoom(room, QStringLiteral("alice")).ok);
    XmppRoom* r = alice.room(room);
    QVERIFY(r);
    mpenc::present::RoomState& state = *r->state();
    QVERIFY2(QTest::qWaitFor([&] { return r->host()->session().inChannel(); }, kWait),
             qPrintable(describe(state)));
    // After bob's process died: he is out of the room and excluded (T-LS), nothing runs.
    const auto aliceAloneAndIdle = [&] {
      return sessionMembers(*r) == aloneList && !r->host()->session().operationOngoing() &&
             !r->host()->channelMembers().contains(bobOcc);
    };

    // Bob, first identity: included by hand.
    const QString bobDir = dir_.filePath(QStringLiteral("veto-bob-data"));
    auto bob =
        std::make_unique<HeadlessClient>(QStringLiteral("bob"), bobDir, artifacts + QStringLiteral("/1"));
    QVERIFY2(bob->start(), qPrintable(bob->lastError()));
    QVERIFY(bob->connectTo(server_, password(QStringLiteral("bob"))));
    const QString oldFingerprint = bob->lastReply().value(QStringLiteral("fingerprint")).toString();
    QVERIFY(bob->join(room));
    QVERIFY2(QTest::qWaitFor([&] { return r->host()->channelMembers().contains(bobOcc); }, kWait),
             qPrintable(describe(state)));
    QVERIFY2(r->include({bobOcc}).ok, qPrintable(describe(state)));
    QVERIFY2(QTest::qWaitFor([&] { return sessionMembers(*r) == both; }, kWait), qPrintable(describe(state)));
    QVERIFY(bob->waitState(QStringLiteral("joined"), kWait));
    const auto firstKey = keyOf(*r, bobOcc);
    QVERIFY(firstKey);
    QCOMPARE(firstKey->fingerprint, oldFingerprint);
    QVERIFY(firstKey->trust == SessionHost::KeyTrust::New ||
            firstKey->trust == SessionHost::KeyTrust::Pinned);
    qInfo("bob's key is pinned to %s (%s)", qPrintable(firstKey->peer),
          firstKey->kind == mpenc::xmpp::TrustStore::PeerKind::Jid ? "real JID" : "occupant JID");

    // Control: the process dies and comes back with the same identity → re-included automatically.
    bob->kill();
    QVERIFY2(QTest::qWaitFor(aliceAloneAndIdle, kWait), qPrintable(describe(state)));
    QVERIFY(r->host()->session().isRejoining(bobId));
    bob = std::make_unique<HeadlessClient>(QStringLiteral("bob"), bobDir, artifacts + QStringLiteral("/2"));
    QVERIFY2(bob->start(), qPrintable(bob->lastError()));
    QVERIFY(bob->connectTo(server_, password(QStringLiteral("bob"))));
    QCOMPARE(bob->lastReply().value(QStringLiteral("fingerprint")).toString(), oldFingerprint);
    QVERIFY(bob->join(room));
    QVERIFY2(QTest::qWaitFor([&] { return sessionMembers(*r) == both; }, kWait), qPrintable(describe(state)));
    QVERIFY(bob->waitState(QStringLiteral("joined"), kWait));
    QVERIFY(keyOf(*r, bobOcc) && keyOf(*r, bobOcc)->trust == SessionHost::KeyTrust::Pinned);

    // The process dies again; a new identity joins as bob (same account, same nick).
    bob->kill();
    QVERIFY2(QTest::qWaitFor(aliceAloneAndIdle, kWait), qPrintable(describe(state)));
    QVERIFY(r->host()->session().isRejoining(bobId));  // without the veto he would be re-included
    const int mark = state.itemCount();
    bob =
        std::make_unique<HeadlessClient>(QStringLiteral("bob"), dir_.filePath(QStringLiteral("veto-bob-new")),
                                         artifacts + QStringLiteral("/3"));
    QVERIFY2(bob->start(), qPrintable(bob->lastError()));
    QVERIFY(bob->connectTo(server_, password(QStringLiteral("bob"))));
    const QString newFingerprint = bob->lastReply().value(QStringLiteral("fingerprint")).toString();
    QCOMPARE(newFingerprint.split(QLatin1Char(' ')).size(), 8);
    QVERIFY(newFingerprint != oldFingerprint);
    QVERIFY(bob->join(room));

    // Alice's room: a KeyChanged notice for bob, the member shown as Changed with both fingerprints.
    QVERIFY2(QTest::qWaitFor(
                 [&] { return findNotice(state, mpenc::present::NoticeKind::KeyChanged, bobOcc, mark) >= 0; },
                 kWait),
             qPrintable(describe(state)));
    const auto changed = keyOf(*r, bobOcc);
    QVERIFY(changed);
    QVERIFY(changed->trust == SessionHost::KeyTrust::Changed);
    QCOMPARE(changed->fingerprint, newFingerprint);
    QCOMPARE(changed->peer, firstKey->peer);
    QVERIFY(changed->kind == firstKey->kind);
    const auto* shown = state.member(bobOcc);
    QVERIFY(shown);
    QVERIFY(shown->trust == mpenc::present::Trust::Changed);
    QCOMPARE(shown->fingerprint, newFingerprint);
    QCOMPARE(shown->previousFingerprint, oldFingerprint);

    // Not re-included automatically: a few seconds with bob in the room, Alice's session stays {alice}.
    QVERIFY(r->host()->channelMembers().contains(bobOcc));
    QVERIFY(r->host()->session().isRejoining(bobId));
    QVERIFY(!r->host()->session().membership().autoIncludable(bobId));
    QElapsedTimer held;
    held.start();
    while (held.elapsed() < 4000) {
      QCOMPARE(sessionMembers(*r), aloneList);
      QVERIFY2(!r->host()->session().operationOngoing(), qPrintable(describe(state)));
      QTest::qWait(100);
    }
    QVERIFY2(r->host()->channelMembers().contains(bobOcc), qPrintable(describe(state)));
    QCOMPARE(bob->lastState(), QStringLiteral("joining"));
    // U-10: the user is offered to invite him.
    const int ask = findNotice(state, mpenc::present::NoticeKind::JoinRequest, bobOcc, mark);
    QVERIFY2(ask >= 0, qPrintable(describe(state)));
    QVERIFY(!state.item(ask).action.isEmpty());

    // Consent: accept the new key, include him; the session has both again.
    const auto accepted = r->acceptKey(bobOcc);
    QVERIFY2(accepted.ok, qPrintable(accepted.message));
    QVERIFY(keyOf(*r, bobOcc)->trust == SessionHost::KeyTrust::Pinned);
    const auto inc = r->include({bobOcc});
    QVERIFY2(inc.ok, qPrintable(inc.message));
    QVERIFY2(QTest::qWaitFor([&] { return sessionMembers(*r) == both; }, kWait), qPrintable(describe(state)));
    QVERIFY(bob->waitState(QStringLiteral("joined"), kWait));
    const QString text = QStringLiteral("back with a new key");
    QVERIFY(!bob->say(text).isEmpty());
    QVERIFY2(QTest::qWaitFor([&] { return findMessage(state, text, false) >= 0; }, kWait),
             qPrintable(describe(state)));

    QSignalSpy closed(&alice, &XmppClient::roomClosed);
    alice.closeRoom(r);
    QVERIFY(QTest::qWaitFor([&] { return closed.count() == 1; }, kWait));
    bob->stop();
  }

  /// Last: stops and restarts the server. The account reconnects (Reconnecting
  /// with a reason, then Connected) and the room is entered again.
  void reconnectsAndRejoinsTheRoom() {
    XmppClient alice(options(QStringLiteral("alice-reconnect")));
    QVERIFY(alice.connectAccount(form(QStringLiteral("alice"), password(QStringLiteral("alice")))).ok);
    QVERIFY2(QTest::qWaitFor([&] { return alice.connection().phase == ConnectionPhase::Connected; }, kWait),
             qPrintable(alice.connection().detail));
    QVERIFY(alice.joinRoom(roomJid("again"), QStringLiteral("alice")).ok);
    auto* r = alice.room(roomJid("again"));
    QVERIFY(r);
    QVERIFY2(QTest::qWaitFor([&] { return r->host()->session().inChannel(); }, kWait),
             qPrintable(describe(*r->state())));
    const int before = r->state()->itemCount();

    QVERIFY2(server_.stop(), qPrintable(server_.lastError()));
    QVERIFY2(
        QTest::qWaitFor([&] { return alice.connection().phase == ConnectionPhase::Reconnecting; }, kWait),
        qPrintable(alice.connection().detail));
    QVERIFY(!alice.connection().detail.isEmpty());
    qInfo("reconnecting detail: %s (next attempt in %d s)", qPrintable(alice.connection().detail),
          alice.connection().reconnectInS);
    QVERIFY(!r->host()->session().inChannel());
    QVERIFY2(QTest::qWaitFor([&] { return r->state()->status().phase == Phase::Offline; }, kWait),
             qPrintable(describe(*r->state())));

    QVERIFY2(server_.start(), qPrintable(server_.lastError()));
    QVERIFY2(QTest::qWaitFor([&] { return alice.connection().phase == ConnectionPhase::Connected; }, 60000),
             qPrintable(alice.connection().detail));
    QVERIFY(alice.connection().detail.isEmpty());
    QVERIFY2(QTest::qWaitFor([&] { return r->host()->session().inChannel(); }, kWait),
             qPrintable(describe(*r->state())));
    QVERIFY2(QTest::qWaitFor([&] { return r->state()->status().phase != Phase::Offline; }, kWait),
             qPrintable(describe(*r->state())));
    // The loss and the rejoin were said in the transcript, not silently.
    QVERIFY(r->state()->itemCount() >= before + 2);
  }
};

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  if (!ProsodyFixture::available()) {
    std::printf("SKIP: prosody/prosodyctl not installed\n");
    return 77;
  }
  TestXmppRoom t;
  return QTest::qExec(&t, argc, argv);
}

#include "test_xmpp_room.moc"
