// MucChannel against a real Prosody on 127.0.0.1 (label xmpp): joins, the
// identical interleaving of joins, leaves and packets at every client (H-M2),
// reflection, plain occupants, kicks, malformed input and server restarts,
// and TCP_NODELAY on every client's stream socket (issue 12).
// Exit code 77 (skipped) when Prosody is not installed.
#include <QXmppClient.h>
#include <QXmppElement.h>
#include <QXmppMessage.h>
#include <QXmppPresence.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <QAbstractSocket>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTest>
#include <QTimer>
#include <cstdio>

#include "prosody_fixture.h"
#include "xmpp/mpenc_stanzas.h"
#include "xmpp_peer.h"

using mpenc::session::ChannelEvent;
using mpenc::session::MemberSet;
using mpenc::test::Peer;
using Kind = mpenc::session::ChannelEvent::Kind;
using Reason = mpenc::xmpp::MucChannel::LeaveReason;

namespace {

constexpr int kWait = 15000;  // bound on every wait for the server

const QStringList kUsers = {QStringLiteral("alice"), QStringLiteral("bob"),  QStringLiteral("carol"),
                            QStringLiteral("dave"),  QStringLiteral("erin"), QStringLiteral("plain")};

MemberSet memberSet(std::initializer_list<const Peer*> peers) {
  MemberSet out;
  for (const Peer* p : peers) out.insert(p->memberId());
  return out;
}

QXmppMessage rawGroupchat(const QString& room) {
  QXmppMessage m;
  m.setTo(room);
  m.setType(QXmppMessage::GroupChat);
  return m;
}

QXmppElement mpencElement(const QString& text) {
  QXmppElement e;
  e.setTagName(QStringLiteral("mpenc"));
  e.setAttribute(QStringLiteral("xmlns"), QString::fromLatin1(mpenc::xmpp::kMpencNs));
  e.setValue(text);
  return e;
}

// TCP_NODELAY as the kernel sees it on the account's connected stream
// socket(s), next to Qt's view; an empty string when set, else what is wrong.
QString lowDelayProblem(const mpenc::xmpp::AccountConnection& a) {
  const auto sockets = a.streamSockets();
  int connected = 0;
  for (QAbstractSocket* s : sockets) {
    if (s->state() != QAbstractSocket::ConnectedState) continue;
    ++connected;
    int on = 0;
    socklen_t len = sizeof on;
    if (::getsockopt(static_cast<int>(s->socketDescriptor()), IPPROTO_TCP, TCP_NODELAY, &on, &len) != 0)
      return QStringLiteral("getsockopt(TCP_NODELAY) failed");
    if (on == 0) return QStringLiteral("TCP_NODELAY is off on the stream socket");
    if (s->socketOption(QAbstractSocket::LowDelayOption).toInt() == 0)
      return QStringLiteral("Qt reports LowDelayOption off");
  }
  if (connected != 1)
    return QStringLiteral("%1 connected stream sockets of %2 (expected one)")
        .arg(connected)
        .arg(sockets.size());
  return {};
}

}  // namespace

class TestMucChannel : public QObject {
  Q_OBJECT

 private:
  mpenc::test::ProsodyFixture server_;
  int rooms_ = 0;

  QString newRoom() { return QStringLiteral("room%1@").arg(++rooms_) + server_.mucDomain(); }

  std::unique_ptr<Peer> join(const QString& name, const QString& room) {
    auto p = std::make_unique<Peer>(server_, name, room);
    p->account->connectToServer();
    p->room->enter();
    return p;
  }
  static bool isIn(const Peer& p) { return p.room->state() == mpenc::xmpp::MucChannel::State::In; }

 private slots:
  void initTestCase() {
    QVERIFY2(server_.start(), qPrintable(server_.lastError()));
    for (const QString& u : kUsers)
      QVERIFY2(server_.registerUser(u, QStringLiteral("pw-") + u), qPrintable(server_.lastError()));
  }

  void cleanupTestCase() { QVERIFY2(server_.stop(), qPrintable(server_.lastError())); }

  // (a) joins, (b) interleaved packets with reflection, (d) a leave.
  void joinsPacketsAndLeavesInOneOrder() {
    const QString room = newRoom();
    auto alice = join(QStringLiteral("alice"), room);
    QTRY_VERIFY_WITH_TIMEOUT(isIn(*alice), kWait);
    QCOMPARE(alice->events.size(), size_t{1});
    QCOMPARE(alice->events[0].kind, Kind::SelfEnter);
    QCOMPARE(alice->events[0].members, memberSet({alice.get()}));
    QVERIFY(alice->room->isModerator());  // the creator owns the room

    auto bob = join(QStringLiteral("bob"), room);
    QTRY_VERIFY_WITH_TIMEOUT(isIn(*bob), kWait);
    QCOMPARE(bob->events[0].members, memberSet({alice.get(), bob.get()}));
    QTRY_COMPARE_WITH_TIMEOUT(alice->count(Kind::OthersEnter), 1, kWait);
    QCOMPARE(alice->events.back().members, memberSet({bob.get()}));

    // Packets flow while carol and dave join.
    int sent = 0;
    auto burst = [&](std::initializer_list<Peer*> peers, int n) {
      for (int i = 0; i < n; ++i)
        for (Peer* p : peers) {
          const std::string text = p->name.toStdString() + "-" + std::to_string(sent++);
          p->room->send(i % 2 ? mpenc::test::dataPacket(text) : mpenc::test::controlPacket(text), {});
        }
    };
    // A timer keeps the members that are in sending while carol and dave join,
    // so their enters interleave with packets in the room's order.
    std::vector<Peer*> senders{alice.get(), bob.get()};
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, [&] {
      for (Peer* p : senders) burst({p}, 1);
    });
    ticker.start(3);
    auto carol = join(QStringLiteral("carol"), room);
    QTRY_VERIFY_WITH_TIMEOUT(isIn(*carol), kWait);
    senders.push_back(carol.get());
    auto dave = join(QStringLiteral("dave"), room);
    QTRY_VERIFY_WITH_TIMEOUT(isIn(*dave), kWait);
    QTest::qWait(50);
    ticker.stop();
    QVERIFY(carol->events.front().members.size() == 3);
    QCOMPARE(dave->events[0].members, memberSet({alice.get(), bob.get(), carol.get(), dave.get()}));
    burst({alice.get(), bob.get(), carol.get(), dave.get()}, 20);
    const std::vector<Peer*> all{alice.get(), bob.get(), carol.get(), dave.get()};
    for (Peer* p : all) p->room->send(mpenc::test::controlPacket("end-" + p->name.toStdString()), {});

    auto sawEnds = [&](const Peer& p) {
      const QStringList v = p.globalView();
      for (const Peer* q : all) {
        bool found = false;
        for (const QString& line : v)
          found = found || line.contains(QString::fromStdString(
                               mpenc::test::controlPacket("end-" + q->name.toStdString())));
        if (!found) return false;
      }
      return true;
    };
    for (Peer* p : all) QTRY_VERIFY_WITH_TIMEOUT(sawEnds(*p), kWait);
    for (Peer* p : all) {
      QCOMPARE(p->room->pendingReflections(), 0);  // every own packet came back
      QVERIFY2(p->warnings.isEmpty(), qPrintable(p->warnings.join(QLatin1Char('\n'))));
      for (Peer* q : all) {
        const QString diff = mpenc::test::compareViews(*p, *q);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
      }
    }
    // Each saw its own packets sent after its enter (reflection), with the sender's member ID.
    QCOMPARE(alice->packets(), sent + 4);  // alice was in for every send
    // Joins happened between packets: someone's enter is preceded and followed by packets.
    const QStringList av = alice->globalView();
    const auto carolAt = av.indexOf(QStringLiteral("enter ") + carol->occupantJid());
    const auto daveAt = av.indexOf(QStringLiteral("enter ") + dave->occupantJid());
    QVERIFY(carolAt > 1 && daveAt > carolAt + 1 && daveAt + 1 < av.size());
    qInfo("packets seen: alice %d, bob %d, carol %d, dave %d (sent %d + 4 markers)", alice->packets(),
          bob->packets(), carol->packets(), dave->packets(), sent);

    // (d) bob leaves: SelfLeave at bob, OthersLeave{bob} everywhere else.
    const auto bobId = bob->memberId();
    bob->room->leave();
    QTRY_VERIFY_WITH_TIMEOUT(!bob->events.empty() && bob->events.back().kind == Kind::SelfLeave, kWait);
    QCOMPARE(bob->leaves, QList<Reason>{Reason::Requested});
    QVERIFY(!bob->room->members().has_value());
    for (Peer* p : {alice.get(), carol.get(), dave.get()}) {
      QTRY_VERIFY_WITH_TIMEOUT(p->events.back().kind == Kind::OthersLeave, kWait);
      QCOMPARE(p->events.back().members, MemberSet{bobId});
      QCOMPARE(*p->room->members(), memberSet({alice.get(), carol.get(), dave.get()}));
    }
    for (Peer* p : all)
      for (Peer* q : all)
        QVERIFY2(mpenc::test::compareViews(*p, *q).isEmpty(), qPrintable(mpenc::test::compareViews(*p, *q)));
  }

  // (c) an occupant without the capability is a plain occupant; its messages are unencrypted messages.
  void plainOccupantIsNotAMember() {
    const QString room = newRoom();
    auto alice = join(QStringLiteral("alice"), room);
    QTRY_VERIFY_WITH_TIMEOUT(isIn(*alice), kWait);
    auto bob = join(QStringLiteral("bob"), room);
    QTRY_VERIFY_WITH_TIMEOUT(isIn(*bob), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(alice->events.size(), size_t{2}, kWait);

    Peer plain(server_, QStringLiteral("plain"), room);  // its MucChannel is never entered
    plain.account->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(plain.account->isConnected(), kWait);
    const QString plainJid = room + QStringLiteral("/plain");
    QXmppPresence join(QXmppPresence::Available);
    join.setTo(plainJid);
    join.setMucSupported(true);
    plain.account->client()->sendPacket(join);
    for (Peer* p : {alice.get(), bob.get()})
      QTRY_COMPARE_WITH_TIMEOUT(p->plainOccupants, QStringList{plainJid}, kWait);

    QXmppMessage hello = rawGroupchat(room);
    hello.setBody(QStringLiteral("hello from a plain client"));
    plain.account->client()->sendPacket(hello);
    QXmppMessage fake = rawGroupchat(room);
    fake.setBody(QString::fromStdString(mpenc::test::controlPacket("not a member")));
    plain.account->client()->sendPacket(fake);
    // A member's plain text is unencrypted too.
    QXmppMessage memberText = rawGroupchat(room);
    memberText.setBody(QStringLiteral("plain text from bob"));
    bob->account->client()->sendPacket(memberText);
    for (Peer* p : {alice.get(), bob.get()}) {
      QTRY_COMPARE_WITH_TIMEOUT(p->unencrypted.size(), 2, kWait);
      // Two senders: the room may order them either way.
      QVERIFY(p->unencrypted.contains(plainJid + QStringLiteral(": hello from a plain client")));
      QVERIFY(p->unencrypted.contains(bob->occupantJid() + QStringLiteral(": plain text from bob")));
      QCOMPARE(p->warnings.size(), 1);  // the packet from the plain occupant
      QVERIFY(p->warnings[0].contains(QStringLiteral("not in the encrypted channel")));
      QCOMPARE(p->packets(), 0);
      QCOMPARE(*p->room->members(), memberSet({alice.get(), bob.get()}));
    }
    plain.account->client()->sendPacket(mpenc::xmpp::makeLeavePresence(plainJid));
    for (Peer* p : {alice.get(), bob.get()}) {
      QTRY_VERIFY_WITH_TIMEOUT(p->plainOccupants.isEmpty(), kWait);
      QCOMPARE(p->count(Kind::OthersEnter) + p->count(Kind::OthersLeave), p == alice.get() ? 1 : 0);
    }
  }

  // (e) the owner kicks; a participant cannot.
  void kickByModeratorOnly() {
    const QString room = newRoom();
    auto alice = join(QStringLiteral("alice"), room);
    QTRY_VERIFY_WITH_TIMEOUT(isIn(*alice), kWait);
    auto bob = join(QStringLiteral("bob"), room);
    QTRY_VERIFY_WITH_TIMEOUT(isIn(*bob), kWait);
    auto carol = join(QStringLiteral("carol"), room);
    QTRY_VERIFY_WITH_TIMEOUT(isIn(*carol), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(alice->count(Kind::OthersEnter), 2, kWait);

    QVERIFY(!bob->room->isModerator());
    QVERIFY(!bob->room->kick(carol->memberId()));         // no rights
    QVERIFY(!alice->room->kick(alice->memberId()));       // not ourselves
    QVERIFY(!alice->room->kick("nobody@example.org/x"));  // not an occupant
    const auto bobId = bob->memberId();
    QVERIFY(alice->room->kick(bobId));
    QTRY_VERIFY_WITH_TIMEOUT(!bob->events.empty() && bob->events.back().kind == Kind::SelfLeave, kWait);
    QCOMPARE(bob->leaves, QList<Reason>{Reason::Kicked});
    for (Peer* p : {alice.get(), carol.get()}) {
      QTRY_VERIFY_WITH_TIMEOUT(p->events.back().kind == Kind::OthersLeave, kWait);
      QCOMPARE(p->events.back().members, MemberSet{bobId});
    }
    QTest::qWait(500);  // a kicked client does not rejoin by itself
    QCOMPARE(bob->room->state(), mpenc::xmpp::MucChannel::State::Out);
    QCOMPARE(bob->count(Kind::SelfEnter), 1);
  }

  // (f) malformed and oversize input: warnings, no events, state intact.
  void malformedInputIsIgnored() {
    const QString room = newRoom();
    auto alice = join(QStringLiteral("alice"), room);
    QTRY_VERIFY_WITH_TIMEOUT(isIn(*alice), kWait);
    auto bob = join(QStringLiteral("bob"), room);
    QTRY_VERIFY_WITH_TIMEOUT(isIn(*bob), kWait);
    auto carol = join(QStringLiteral("carol"), room);
    QTRY_VERIFY_WITH_TIMEOUT(isIn(*carol), kWait);
    carol->room->setMaxPacketSize(64 * 1024);
    for (Peer* p : {alice.get(), bob.get()})
      QTRY_COMPARE_WITH_TIMEOUT(p->room->members()->size(), size_t{3}, kWait);
    const std::vector<Peer*> all{alice.get(), bob.get(), carol.get()};
    const auto eventsBefore = [&] {
      std::vector<size_t> n;
      for (Peer* p : all) n.push_back(p->events.size());
      return n;
    }();

    QXmppClient* raw = bob->account->client();
    QXmppMessage badBase64 = rawGroupchat(room);
    badBase64.setBody(QStringLiteral("?mpENC:not*base64!."));
    raw->sendPacket(badBase64);
    QXmppMessage garbageElement = rawGroupchat(room);
    QXmppElement junk = mpencElement(QStringLiteral("hello"));
    QXmppElement child;
    child.setTagName(QStringLiteral("junk"));
    junk.appendChild(child);
    garbageElement.setExtensions({junk});
    raw->sendPacket(garbageElement);
    QXmppMessage badTlv = rawGroupchat(room);
    badTlv.setExtensions({mpencElement(QStringLiteral("?mpENC:AAEAAQEAAgABAQ==AAAA."))});
    raw->sendPacket(badTlv);
    // Just under Prosody's 256 KiB stanza limit: valid base64 of zero bytes (no valid TLV).
    QXmppMessage huge = rawGroupchat(room);
    huge.setExtensions({mpencElement(QStringLiteral("?mpENC:") + QString(200 * 1024, QLatin1Char('A')) +
                                     QStringLiteral("."))});
    raw->sendPacket(huge);
    bob->room->send("?mpENC:broken", {});  // refused at send time
    const std::string after = mpenc::test::controlPacket("after the garbage");
    bob->room->send(after, {});

    for (Peer* p : all) {
      QTRY_COMPARE_WITH_TIMEOUT(p->packets(), 1, kWait);
      QCOMPARE(p->events.back().wire, after);
      QCOMPARE(p->events.back().sender, bob->memberId());
      QCOMPARE(p->warnings.size(), p == bob.get() ? 5 : 4);
      QCOMPARE(p->room->members()->size(), size_t{3});
      QVERIFY(p->account->isConnected());
    }
    for (size_t i = 0; i < all.size(); ++i) QCOMPARE(all[i]->events.size(), eventsBefore[i] + 1);
    QVERIFY(carol->warnings.filter(QStringLiteral("oversize")).size() == 1);
    QVERIFY(alice->warnings.filter(QStringLiteral("malformed packet")).size() == 3);
    QVERIFY(alice->warnings.filter(QStringLiteral("without a packet")).size() == 1);

    // A presence whose capability is garbage: a plain occupant with a warning.
    Peer odd(server_, QStringLiteral("plain"), room);
    odd.account->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(odd.account->isConnected(), kWait);
    QXmppPresence presence(QXmppPresence::Available);
    presence.setTo(room + QStringLiteral("/odd"));
    presence.setMucSupported(true);
    QXmppElement badCap = mpencElement({});
    badCap.setAttribute(QStringLiteral("version"), QStringLiteral("one"));
    presence.setExtensions({badCap});
    odd.account->client()->sendPacket(presence);
    QTRY_COMPARE_WITH_TIMEOUT(alice->plainOccupants, QStringList{room + QStringLiteral("/odd")}, kWait);
    QVERIFY(alice->warnings.last().contains(QStringLiteral("malformed mpENC capability")));
    QCOMPARE(alice->room->members()->size(), size_t{3});
  }

  // Issue 12: the stream socket has TCP_NODELAY once connected (Nagle held
  // every small stanza ~40 ms behind an unacked one), and again after a
  // reconnect (a new descriptor). The restart case is in serverRestartRejoins.
  void streamSocketIsLowDelay() {
    Peer alice(server_, QStringLiteral("alice"), newRoom());
    QVERIFY(!alice.account->streamSockets().isEmpty());  // reachable before connecting
    alice.account->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(alice.account->isConnected(), kWait);
    QVERIFY2(lowDelayProblem(*alice.account).isEmpty(), qPrintable(lowDelayProblem(*alice.account)));
    alice.account->disconnectFromServer();
    QTRY_VERIFY_WITH_TIMEOUT(!alice.account->isConnected(), kWait);
    alice.account->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(alice.account->isConnected(), kWait);
    QVERIFY2(lowDelayProblem(*alice.account).isEmpty(), qPrintable(lowDelayProblem(*alice.account)));
  }

  // Account errors: a wrong password is final (no reconnect loop); TLS required
  // against a server without TLS never logs in in plaintext.
  void accountErrors() {
    mpenc::xmpp::AccountSettings s;
    s.jid = QStringLiteral("alice@") + server_.domain();
    s.password = QStringLiteral("wrong");
    s.host = QStringLiteral("127.0.0.1");
    s.port = server_.port();
    s.tls = mpenc::xmpp::TlsPolicy::DisabledUnsafe;
    s.reconnect.initialDelayMs = 100;
    mpenc::xmpp::AccountConnection bad(s);
    QStringList errors;
    int retries = 0;
    connect(&bad, &mpenc::xmpp::AccountConnection::errorOccurred, [&](const QString& e) { errors << e; });
    connect(&bad, &mpenc::xmpp::AccountConnection::reconnectScheduled, [&](int, int) { ++retries; });
    bad.connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), kWait);
    QVERIFY2(errors.first().contains(QStringLiteral("Authentication failed")),
             qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY(!errors.first().contains(QStringLiteral("wrong")));  // never the password
    QTest::qWait(500);
    QCOMPARE(retries, 0);
    QCOMPARE(bad.state(), mpenc::xmpp::AccountConnection::State::Disconnected);

    s.password = QStringLiteral("pw-alice");
    s.tls = mpenc::xmpp::TlsPolicy::Required;  // the test server offers no TLS
    mpenc::xmpp::AccountConnection strict(s);
    int strictRetries = 0;
    connect(&strict, &mpenc::xmpp::AccountConnection::reconnectScheduled, [&](int, int) { ++strictRetries; });
    strict.connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(strictRetries >= 1, kWait);
    QVERIFY(!strict.isConnected());
    strict.disconnectFromServer();
  }

  // (g) server restart: every client sees SelfLeave, reconnects with backoff, rejoins: SelfEnter.
  void serverRestartRejoins() {
    const QString room = newRoom();
    std::vector<std::unique_ptr<Peer>> peers;
    for (const QString& n : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")}) {
      peers.push_back(join(n, room));
      QTRY_VERIFY_WITH_TIMEOUT(isIn(*peers.back()), kWait);
    }
    for (auto& p : peers) QTRY_COMPARE_WITH_TIMEOUT(p->room->members()->size(), size_t{3}, kWait);

    QElapsedTimer t;
    t.start();
    QVERIFY2(server_.stop(), qPrintable(server_.lastError()));
    for (auto& p : peers) {
      QTRY_VERIFY_WITH_TIMEOUT(p->events.back().kind == Kind::SelfLeave, kWait);
      QCOMPARE(p->leaves, QList<Reason>{Reason::Disconnected});
      QVERIFY(!p->room->members().has_value());
    }
    QTest::qWait(1000);  // let a few reconnect attempts fail
    QVERIFY2(server_.start(), qPrintable(server_.lastError()));
    for (auto& p : peers) {
      QTRY_VERIFY_WITH_TIMEOUT(isIn(*p), kWait);
      QVERIFY(p->reconnectsScheduled >= 1);
      QCOMPARE(p->count(Kind::SelfEnter), 2);
      QCOMPARE(p->count(Kind::SelfLeave), 1);
      QVERIFY2(lowDelayProblem(*p->account).isEmpty(), qPrintable(lowDelayProblem(*p->account)));  // issue 12
    }
    MemberSet everyone;
    for (auto& p : peers) everyone.insert(p->memberId());
    for (auto& p : peers) QTRY_COMPARE_WITH_TIMEOUT(*p->room->members(), everyone, kWait);
    qInfo("restart: all rejoined %lld ms after the stop", static_cast<long long>(t.elapsed()));
    // The channel works after the rejoin.
    const std::string ping = mpenc::test::controlPacket("after restart");
    peers[0]->room->send(ping, {});
    for (auto& p : peers) QTRY_COMPARE_WITH_TIMEOUT(p->events.back().wire, ping, kWait);
  }
};

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  if (!mpenc::test::ProsodyFixture::available()) {
    std::printf("SKIP: prosody/prosodyctl not installed\n");
    return 77;
  }
  TestMucChannel t;
  return QTest::qExec(&t, argc, argv);
}

#include "test_muc_channel.moc"
