// Fault scenarios with real headless mpENC clients (`mpenc-chat --headless
// --fast-timers`, one process each) in one MUC room on a private Prosody
// (label xmpp): a member's process killed, the server restarted mid-session, a
// plain XMPP client in the room, and a hostile occupant injecting malformed,
// replayed and forged packets. The session-lifecycle scenarios are in
// test_headless_scenarios.cpp; the shared fixture is headless_scenario_support.*.
// Each scenario uses its own room and its own processes; one Prosody serves
// the whole binary. Every client's transcript (commands, events) and standard
// error go to <build>/test-artifacts/xmpp/<scenario>/. Exit code 77 (skipped)
// when Prosody is not installed.
#include <QXmppClient.h>
#include <QXmppMessage.h>
#include <QXmppPresence.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <variant>

#include "headless_scenario_support.h"
#include "mpenc/codec/packets.h"
#include "xmpp/mpenc_stanzas.h"
#include "xmpp_peer.h"

using namespace mpenc::test;  // the fixture, the driver and the constants

namespace {

/// A raw client (no mpENC engine) enters `room` as `nick`, advertising the
/// capability with a random identity key and `features`; its occupant JID.
QString enterAdvertising(mpenc::test::Peer& peer, const QString& room, const QString& nick,
                         const QStringList& features) {
  const QString jid = room + QLatin1Char('/') + nick;
  mpenc::xmpp::Capability cap;
  QByteArray key(32, '\0');
  for (auto& b : key) b = static_cast<char>(QRandomGenerator::global()->bounded(256));
  cap.identityKey = key;
  cap.features = features;
  peer.account->client()->sendPacket(mpenc::xmpp::makeJoinPresence(jid, cap));
  return jid;
}

}  // namespace

class TestHeadlessFaults : public mpenc::test::HeadlessScenarioFixture {
  Q_OBJECT

 private slots:
  // (f) a member's process is killed: the rest exclude it and go on with
  // fully acked messages. SIGKILL makes the kernel close the client's TCP
  // connection, so Prosody sees the stream end at once and the room sends its
  // unavailable presence (measured: excluded ~0.1 s after the kill). A client
  // that hangs with its connection open (SIGSTOP, a partition) would only be
  // noticed by a keep-alive timeout (XMPP ping / TCP keep-alive, tens of
  // seconds); that case is test_dead_network.cpp (a freezing relay).
  void memberKilled() {
    Departure d;
    startDeparture(2, d);
    if (QTest::currentTestFailed()) return;
    HeadlessClient* carol = d.leaver;

    QElapsedTimer t;
    t.start();
    carol->kill();
    QVERIFY(!carol->running());
    QVERIFY(waitSession(d.rest, kLongWait));
    std::printf("killed member excluded after %lld ms\n", static_cast<long long>(t.elapsed()));
    QVERIFY(sawExclusion(d.rest, d.from, QStringLiteral("subsession-started"), *carol));
    const QStringList after = sayAll(d.rest, QStringLiteral("after carol died"));
    QVERIFY(!after.contains(QString()));
    QVERIFY(waitDeliveredAndAcked(d.rest, after));
    const QString diff = checkStatus(d.rest);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
  }

  // (g) the server restarts mid-session: everyone reconnects, rejoins and is
  // in one session again; no message is silently lost: each sent message is
  // delivered to every other member, or reported (W-11, or a refused send).
  void serverRestart() {
    const Clients cs = startGroup(
        {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol"), QStringLiteral("dave")});
    QCOMPARE(cs.size(), size_t{4});
    QVERIFY(waitSession(cs));
    const QString oldSid = lastSubsession(*cs[0])->str("sid");
    std::map<QString, HeadlessClient*> sentBy;  // message ID -> sender
    int refused = 0;
    auto record = [&](HeadlessClient* c, const QString& id) {
      if (id.isEmpty())
        ++refused;
      else
        sentBy[id] = c;
    };
    const QStringList settled = sayAll(cs, QStringLiteral("settled"));
    for (size_t i = 0; i < cs.size(); ++i) record(cs[i], settled[static_cast<int>(i)]);
    QVERIFY(waitDeliveredAndAcked(cs, settled));

    // Messages in flight when the server goes away.
    std::map<HeadlessClient*, int> inFlight;  // command IDs
    for (auto* c : cs)
      inFlight[c] = c->send(QStringLiteral("send"),
                            {{QStringLiteral("text"), QString(c->name() + QStringLiteral(" in flight"))}});
    QVERIFY2(server_.stop(), qPrintable(server_.lastError()));
    // Every client notices; sends while the server is down are refused or reported.
    for (auto* c : cs)
      QVERIFY(c->waitForEvent(
                  [](const HeadlessEvent& e) {
                    return e.event() == QLatin1String("connection") &&
                           e.str("state") != QLatin1String("connected") &&
                           e.str("state") != QLatin1String("connecting");
                  },
                  kWait, QStringLiteral("disconnected")) >= 0);
    for (auto* c : cs) record(c, c->say(c->name() + QStringLiteral(" while down")));
    QTest::qWait(500);
    QVERIFY2(server_.start(), qPrintable(server_.lastError()));
    QVERIFY(waitSession(cs, kLongWait));
    QVERIFY(lastSubsession(*cs[0])->str("sid") != oldSid);
    const QString diff = checkStatus(cs);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    const QStringList afterIds = sayAll(cs, QStringLiteral("after restart"));
    for (size_t i = 0; i < cs.size(); ++i) record(cs[i], afterIds[static_cast<int>(i)]);
    QVERIFY(!afterIds.contains(QString()));
    QVERIFY(waitDeliveredAndAcked(cs, afterIds, kLongWait));

    // The in-flight sends' replies (written before the stop).
    for (auto* c : cs) {
      const auto r = c->replyTo(inFlight[c]);
      QVERIFY2(r, qPrintable(c->name() + QStringLiteral(": no reply to the in-flight send")));
      record(c, r->value(QStringLiteral("ok")).toBool() ? r->value(QStringLiteral("message")).toString()
                                                        : QString());
    }
    // W-11 reports of the dropped subsession came before the new session (waited for above).
    QStringList lost;
    int delivered = 0, reportedCount = 0;
    for (const auto& [id, sender] : sentBy) {
      bool everywhere = true;
      for (auto* c : cs) everywhere = everywhere && c->hasMessage(id);
      bool reported = false;
      for (const auto& w : sender->all([](const HeadlessEvent& e) {
             return e.event() == QLatin1String("warning") && e.str("code") == QLatin1String("W-11");
           }))
        reported = reported || w.list("messages").contains(id) || w.list("own").contains(id);
      if (!everywhere && !reported) lost << sender->name() + QLatin1Char(':') + id;
      (everywhere ? delivered : reportedCount) += 1;
    }
    std::printf("restart: %zu messages sent: %d delivered everywhere, %d reported (W-11); %d sends refused\n",
                sentBy.size(), delivered, reportedCount, refused);
    QVERIFY2(lost.isEmpty(), qPrintable(QStringLiteral("silently lost: ") + lost.join(QLatin1Char(' '))));
  }

  // (h) a plain XMPP client in the room: it disturbs nothing; its message
  // arrives as a "plain" event, never as a "message".
  void plainOccupant() {
    const Clients cs = startGroup({QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")});
    QCOMPARE(cs.size(), size_t{3});
    QVERIFY(waitSession(cs));
    const QString sid = lastSubsession(*cs[0])->str("sid");

    mpenc::test::Peer plain(server_, QStringLiteral("plain"), room_);  // its MucChannel is never entered
    plain.account->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(plain.account->isConnected(), kWait);
    const QString plainJid = room_ + QStringLiteral("/plain");
    QXmppPresence join(QXmppPresence::Available);
    join.setTo(plainJid);
    join.setMucSupported(true);
    plain.account->client()->sendPacket(join);
    for (auto* c : cs)
      QVERIFY(c->waitForEvent(
                  [&](const HeadlessEvent& e) {
                    return e.event() == QLatin1String("occupants") && e.list("plain").contains(plainJid);
                  },
                  kWait, QStringLiteral("plain occupant")) >= 0);
    const QString text = QStringLiteral("hello from a plain client");
    QXmppMessage hello;
    hello.setTo(room_);
    hello.setType(QXmppMessage::GroupChat);
    hello.setBody(text);
    plain.account->client()->sendPacket(hello);
    for (auto* c : cs)
      QVERIFY(c->waitForEvent(
                  [&](const HeadlessEvent& e) {
                    return e.event() == QLatin1String("plain") && e.str("from") == plainJid &&
                           e.str("text") == text;
                  },
                  kWait, QStringLiteral("plain message")) >= 0);
    const QStringList ids = sayAll(cs, QStringLiteral("with a plain occupant"));
    QVERIFY(!ids.contains(QString()));
    QVERIFY(waitDeliveredAndAcked(cs, ids));
    for (auto* c : cs) {
      QCOMPARE(c->count([&](const HeadlessEvent& e) {
        return e.event() == QLatin1String("message") && e.str("text") == text;
      }),
               0);
      QCOMPARE(lastSubsession(*c)->str("sid"), sid);  // no new operation
      QVERIFY2(c->all(isWarning).empty(), qPrintable(describeWarnings(*c, 0)));
      const QJsonObject s = c->status();
      QVERIFY(s.value(QStringLiteral("plain_occupants")).toArray().contains(plainJid));
      QVERIFY(!s.value(QStringLiteral("members")).toArray().contains(plainJid));
    }
    const QString diff = checkStatus(cs);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    plain.account->client()->sendPacket(mpenc::xmpp::makeLeavePresence(plainJid));
  }

  // (i) a hostile occupant advertising the capability with a random identity
  // key injects malformed packets, replays captured ones and forges others: no
  // crash, the right warnings, and the session goes on.
  void hostileOccupant() {
    const Clients cs = startGroup({QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")},
                                  /*autoFirst=*/false);
    QCOMPARE(cs.size(), size_t{3});
    for (auto* c : cs) QVERIFY(c->waitState(QStringLiteral("joining"), kWait));
    QVERIFY(mpenc::test::waitUntil(
        [&] {
          return cs[0]->find([](const HeadlessEvent& e) {
            return e.event() == QLatin1String("key") && e.str("member").endsWith(QLatin1String("/carol"));
          }) >= 0;
        },
        kWait, QStringLiteral("alice sees carol"), cs));
    const auto inc = cs[0]->request(
        QStringLiteral("include"),
        {{QStringLiteral("members"), QJsonArray{QStringLiteral("bob"), QStringLiteral("carol")}}});
    QVERIFY(inc && inc->value(QStringLiteral("ok")).toBool());
    QVERIFY(waitSession(cs));

    // mallory: a raw client advertising the capability with a random key.
    mpenc::test::Peer mallory(server_, QStringLiteral("mallory"), room_);  // MucChannel never entered
    std::vector<std::pair<QString, QString>> captured;                     // (sender, wire)
    QObject::connect(mallory.account->client(), &QXmppClient::messageReceived, [&](const QXmppMessage& m) {
      const auto x = mpenc::xmpp::extractPacket(m);
      if (x.source != mpenc::xmpp::PacketExtract::Source::None && x.problem.isEmpty())
        captured.emplace_back(m.from(), x.wire);
    });
    mallory.account->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(mallory.account->isConnected(), kWait);
    const QString malloryJid = enterAdvertising(mallory, room_, QStringLiteral("mallory"),
                                                {QStringLiteral("abort"), QStringLiteral("chain-ack")});
    for (auto* c : cs)
      QVERIFY(c->waitForEvent(
                  [&](const HeadlessEvent& e) {
                    return e.event() == QLatin1String("key") && e.str("member") == malloryJid;
                  },
                  kWait, QStringLiteral("mallory's key")) >= 0);
    // REFRESH: a new group key for the same members (a new subsession; the sid may stay).
    auto indexOf = [](const HeadlessClient& c) {
      return lastSubsession(c)->json.value(QStringLiteral("index")).toInt();
    };
    std::map<HeadlessClient*, int> oldIndex;
    for (auto* c : cs) oldIndex[c] = indexOf(*c);
    // The subsession indexes are read before the refresh: it may complete
    // before the request's reply has been read (a race the test had).
    // A refresh while mallory listens: greeting packets to replay and forge.
    const auto ref = cs[0]->request(QStringLiteral("refresh"));
    QVERIFY(ref && ref->value(QStringLiteral("ok")).toBool());
    QVERIFY(mpenc::test::waitUntil(
        [&] {
          return inOneSession(cs) && std::all_of(cs.begin(), cs.end(), [&](HeadlessClient* c) {
                   return indexOf(*c) > oldIndex[c];
                 });
        },
        kWait, QStringLiteral("refreshed session"), cs));
    const QString sid = lastSubsession(*cs[0])->str("sid");
    std::map<HeadlessClient*, int> from;
    for (auto* c : cs) from[c] = c->mark();

    // Traffic to capture: a message from everyone, fully acked.
    const QStringList ids = sayAll(cs, QStringLiteral("before the attack"));
    QVERIFY(waitDeliveredAndAcked(cs, ids));
    QTRY_VERIFY_WITH_TIMEOUT(captured.size() >= 3, kWait);

    auto inject = [&](const QString& wire, mpenc::xmpp::StanzaKind kind) {
      mallory.account->client()->sendPacket(mpenc::xmpp::makePacketMessage(
          room_, wire, kind, QStringLiteral("m%1").arg(QRandomGenerator::global()->generate())));
    };
    auto injectBody = [&](const QString& body) {
      QXmppMessage m;
      m.setTo(room_);
      m.setType(QXmppMessage::GroupChat);
      m.setBody(body);
      mallory.account->client()->sendPacket(m);
    };
    // 1. malformed: not base64, a truncated TLV, a data packet without fields.
    injectBody(QStringLiteral("?mpENC:not*base64!."));
    injectBody(QStringLiteral("?mpENC:AAEAAQEAAgABAQ==AAAA."));
    inject(QStringLiteral("?mpENC:AAAA."), mpenc::xmpp::StanzaKind::Data);
    // 2. replays of everything captured (data and greeting packets).
    int replayedData = 0, replayedGreetings = 0;
    for (const auto& [sender, wire] : captured) {
      const auto p = mpenc::codec::decodeWire(wire.toStdString());
      if (!p) continue;
      if (std::holds_alternative<mpenc::codec::DataPacket>(*p)) ++replayedData;
      if (std::holds_alternative<mpenc::codec::GreetingPacket>(*p)) ++replayedGreetings;
      inject(wire, mpenc::xmpp::StanzaKind::Data);
    }
    QVERIFY(replayedData >= 3);
    QVERIFY(replayedGreetings >= 1);
    // 3. forged: a data packet with its signature flipped; a greeting claiming
    //    to be alice's with a bad signature; an unsigned ERROR in alice's name.
    for (const auto& [sender, wire] : captured) {
      auto p = mpenc::codec::decodeWire(wire.toStdString());
      if (!p) continue;
      if (auto* d = std::get_if<mpenc::codec::DataPacket>(&*p)) {
        d->signature[0] ^= 0x55;
        inject(QString::fromStdString(mpenc::codec::encodeWire(*p)), mpenc::xmpp::StanzaKind::Data);
        break;
      }
    }
    for (const auto& [sender, wire] : captured) {
      auto p = mpenc::codec::decodeWire(wire.toStdString());
      if (!p) continue;
      if (auto* g = std::get_if<mpenc::codec::GreetingPacket>(&*p)) {
        g->signature[0] ^= 0x55;
        inject(QString::fromStdString(mpenc::codec::encodeWire(*p)), mpenc::xmpp::StanzaKind::Control);
      }
    }
    inject(QString::fromStdString(mpenc::test::controlPacket("terminal from mallory")),
           mpenc::xmpp::StanzaKind::Control);
    std::printf("hostile: %zu packets captured, %d data and %d greeting replays\n", captured.size(),
                replayedData, replayedGreetings);

    // The session goes on: a message after the attack becomes fully acked.
    const QStringList after = sayAll(cs, QStringLiteral("after the attack"));
    QVERIFY(!after.contains(QString()));
    QVERIFY(waitDeliveredAndAcked(cs, after));
    // W-2 for mallory's undecryptable packets arrives after the grace period.
    for (auto* c : cs)
      QVERIFY(c->waitForEvent(
                  [&](const HeadlessEvent& e) {
                    return isWarning(e) && e.str("code") == QLatin1String("W-2") &&
                           e.str("member") == malloryJid;
                  },
                  kWait, QStringLiteral("W-2 naming mallory"), from[c]) >= 0);
    // The notices for the injected control packets arrive in channel order, before "after the attack".
    const int greetingsInjected = replayedGreetings + 1;  // replays + one forged
    for (auto* c : cs) {
      QVERIFY(c->running());
      // Undecodable input is dropped by the channel layer with a warning naming the sender.
      QCOMPARE(c->count(
                   [&](const HeadlessEvent& e) {
                     return e.event() == QLatin1String("warning") &&
                            e.str("code") == QLatin1String("channel") && e.str("text").contains(malloryJid);
                   },
                   from[c]),
               3);
      // Replayed and forged greetings are rejected (mallory is no member and forged signatures fail).
      QCOMPARE(c->count(
                   [&](const HeadlessEvent& e) {
                     return e.event() == QLatin1String("notice") &&
                            e.str("kind") == QLatin1String("packet-rejected") &&
                            e.str("member") == malloryJid;
                   },
                   from[c]),
               greetingsInjected);
      // An ERROR packet from a non-member is reported, unauthenticated.
      QVERIFY(c->find(
                  [&](const HeadlessEvent& e) {
                    return e.event() == QLatin1String("notice") &&
                           e.str("kind") == QLatin1String("peer-error") && e.str("member") == malloryJid &&
                           !e.flag("authenticated");
                  },
                  from[c]) >= 0);
      // Data packets (replays, forgeries) from a non-member open with no key: W-2 naming mallory, nothing
      // else. W-4 needs a packet that is well formed at the channel and authenticated by a member key:
      // an outsider cannot produce one (see the report).
      for (const auto& w : c->all(isWarning, from[c])) {
        QVERIFY2(w.str("code") == QLatin1String("W-2"), qPrintable(describeWarnings(*c, from[c])));
        QCOMPARE(w.str("member"), malloryJid);
      }
      // No message was delivered twice and nothing of mallory's entered a transcript.
      QCOMPARE(c->count([](const HeadlessEvent& e) { return e.event() == QLatin1String("message"); }), 6);
      QCOMPARE(lastSubsession(*c)->str("sid"), sid);
      const QJsonObject s = c->status();
      QVERIFY(!s.value(QStringLiteral("members")).toArray().contains(malloryJid));
      QVERIFY(s.value(QStringLiteral("consistent")).toBool());
    }
    const QString diff = checkStatus(cs);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
  }
  // (j) issue 14: an occupant that advertises the capability but never answers.
  // alice includes it automatically; the INCLUDE times out and is aborted
  // (greet-abort-1); nobody leaves the room, every message reaches everyone,
  // no warning, and the silent occupant is marked and not retried. The same
  // for an include by hand.
  void silentOccupant() {
    const Clients cs = startGroup({QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")});
    QCOMPARE(cs.size(), size_t{3});
    QVERIFY(waitSession(cs));
    const QString sid = lastSubsession(*cs[0])->str("sid");
    std::map<HeadlessClient*, int> from;
    for (auto* c : cs) from[c] = c->mark();

    mpenc::test::Peer quiet(server_, QStringLiteral("mallory"), room_);  // never answers, never leaves
    quiet.account->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(quiet.account->isConnected(), kWait);
    // No extension advertised: the case that made everyone leave.
    const QString quietJid = enterAdvertising(quiet, room_, QStringLiteral("mallory"), {});

    auto isFailed = [](const HeadlessEvent& e) {
      return e.event() == QLatin1String("membership") && e.str("kind") == QLatin1String("failed");
    };
    auto isStarted = [](const HeadlessEvent& e) {
      return e.event() == QLatin1String("membership") && e.str("kind") == QLatin1String("started");
    };
    auto isLeaveOrPart = [](const HeadlessEvent& e) {
      return (e.event() == QLatin1String("membership") && e.str("kind") == QLatin1String("timeout-leave")) ||
             (e.event() == QLatin1String("state") && e.str("to") != QLatin1String("joined"));
    };
    auto checkRound = [&](const QString& tag, int rounds) {
      QStringList ids;
      for (int k = 0; k < rounds; ++k) {  // one message from each every second, across the timeout
        ids += sayAll(cs, tag + QString::number(k));
        QTest::qWait(1000);
      }
      std::printf("[silent] %s: %lld of %lld sends refused\n", qPrintable(tag),
                  static_cast<long long>(ids.count(QString())), static_cast<long long>(ids.size()));
      QVERIFY(!ids.contains(QString()));  // nothing refused ("not in the room", "nobody to send to")
      QVERIFY(waitDeliveredAndAcked(cs, ids));
      for (auto* c : cs)
        QVERIFY(c->waitForEvent(isFailed, kWait, QStringLiteral("the aborted include"), from[c]) >= 0);
      QTest::qWait(8000);  // longer than an operation timeout (5 s): no retry may start
      for (auto* c : cs) {
        const auto fails = c->all(isFailed, from[c]);
        std::printf("[silent] %s %s: %lld started, %zu failed, %lld left/parted, warnings: %s\n",
                    qPrintable(tag), qPrintable(c->occupantJid()),
                    static_cast<long long>(c->count(isStarted, from[c])), fails.size(),
                    static_cast<long long>(c->count(isLeaveOrPart, from[c])),
                    qPrintable(describeWarnings(*c, from[c])));
        QCOMPARE(c->count(isStarted, from[c]), 1);
        QCOMPARE(fails.size(), size_t{1});
        QCOMPARE(fails[0].str("reason"), QStringLiteral("aborted"));
        QCOMPARE(fails[0].list("non_responders"), QStringList{quietJid});
        QCOMPARE(c->count(isLeaveOrPart, from[c]), 0);
        QVERIFY2(c->all(isWarning, from[c]).empty(), qPrintable(describeWarnings(*c, from[c])));
        QCOMPARE(lastSubsession(*c)->str("sid"), sid);
        QVERIFY(!c->status().value(QStringLiteral("members")).toArray().contains(quietJid));
      }
      const QString diff = checkStatus(cs);
      QVERIFY2(diff.isEmpty(), qPrintable(diff));
    };
    checkRound(QStringLiteral("auto"), 10);  // 30 messages
    if (QTest::currentTestFailed()) return;
    for (auto* c : cs) from[c] = c->mark();
    const auto inc = cs[1]->request(QStringLiteral("include"),
                                    {{QStringLiteral("members"), QJsonArray{QStringLiteral("mallory")}}});
    QVERIFY(inc && inc->value(QStringLiteral("ok")).toBool());
    checkRound(QStringLiteral("by hand"), 5);
    quiet.account->client()->sendPacket(mpenc::xmpp::makeLeavePresence(quietJid));
  }
};

int main(int argc, char** argv) {
  return mpenc::test::runScenarioTests(argc, argv, [] { return std::make_unique<TestHeadlessFaults>(); });
}

#include "test_headless_faults.moc"
