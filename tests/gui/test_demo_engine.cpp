// The offline demo runs the real engine: MemoryHub (honest MUC ordering H-M1..
// H-M3, per-member delay, frozen members) and DemoRoom, checked from the
// engine's own data (the user's Session: log, members, notices) and compared
// with what the RoomState shows.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>

#include "app/demo/demo_client.h"
#include "app/demo/demo_room.h"
#include "app/demo/memory_hub.h"
#include "mpenc/session/session.h"

using mpenc::demo::DemoRoom;
using mpenc::demo::MemoryHub;
using mpenc::present::AckState;
using mpenc::present::NoticeKind;
using mpenc::present::Trust;
using mpenc::session::ChannelEvent;
using mpenc::session::Millis;

namespace {

struct Seen {
  std::string to;
  ChannelEvent ev;
  Millis at;
};

std::string describe(const ChannelEvent& e) {
  switch (e.kind) {
    case ChannelEvent::Kind::SelfEnter:
      return "self-enter";
    case ChannelEvent::Kind::SelfLeave:
      return "self-leave";
    case ChannelEvent::Kind::OthersEnter:
      return "enter:" + *e.members.begin();
    case ChannelEvent::Kind::OthersLeave:
      return "leave:" + *e.members.begin();
    case ChannelEvent::Kind::Packet:
      return e.sender + ":" + e.wire;
  }
  return "?";
}

/// What `who` saw, in order (events that concern others, as every member sees them).
std::vector<std::string> seq(const std::vector<Seen>& log, const std::string& who) {
  std::vector<std::string> out;
  for (const auto& s : log)
    if (s.to == who) out.push_back(describe(s.ev));
  return out;
}

template <class T>
std::vector<const T*> all(const DemoRoom& room) {
  std::vector<const T*> out;
  for (const auto& e : room.userEvents())
    if (const T* p = e.as<T>()) out.push_back(p);
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

class DemoEngineTest : public QObject {
  Q_OBJECT

 private slots:
  // ---- MemoryHub ---------------------------------------------------------------

  void hubGivesEveryoneTheSameOrderAndReflectsPackets() {
    MemoryHub hub;
    std::vector<Seen> log;
    auto sink = [&](const std::string& who) {
      return [&log, who](const ChannelEvent& e, Millis now) { log.push_back({who, e, now}); };
    };
    auto& a = hub.attach("a", sink("a"));
    auto& b = hub.attach("b", sink("b"));
    auto& c = hub.attach("c", sink("c"));
    a.enter();
    b.enter();
    hub.deliver(Millis{0});
    QVERIFY(!c.members().has_value());  // H-M2: not in the channel differs from alone
    a.send("1", {});
    b.send("2", {});
    c.enter();
    a.send("3", {});
    hub.deliver(Millis{10});
    // H-M3: the sender gets its own packet back, in its place in the order.
    const std::vector<std::string> wantA{"self-enter", "enter:b", "a:1", "b:2", "enter:c", "a:3"};
    QVERIFY(seq(log, "a") == wantA);
    const std::vector<std::string> wantB{"self-enter", "a:1", "b:2", "enter:c", "a:3"};
    QVERIFY(seq(log, "b") == wantB);
    // H-M2: c sees the same sequence from its own enter on, nothing earlier.
    const std::vector<std::string> wantC{"self-enter", "a:3"};
    QVERIFY(seq(log, "c") == wantC);
    QVERIFY(*c.members() == (mpenc::session::MemberSet{"a", "b", "c"}));
    // A kick is the member's leave; a packet from someone gone is dropped.
    QVERIFY(a.kick("b"));
    b.send("4", {});
    hub.deliver(Millis{20});
    QVERIFY(seq(log, "b").back() == std::string("self-leave"));
    QVERIFY(seq(log, "c").back() == std::string("leave:b"));
    QVERIFY(hub.present() == (mpenc::session::MemberSet{"a", "c"}));
    QVERIFY(!b.members().has_value());
  }

  void hubDelaysOneMemberInOrder() {
    MemoryHub hub;
    std::vector<Seen> log;
    auto& a = hub.attach("a", [&](const ChannelEvent& e, Millis now) { log.push_back({"a", e, now}); });
    auto& s = hub.attach("slow", [&](const ChannelEvent& e, Millis now) { log.push_back({"slow", e, now}); });
    a.enter();
    s.enter();
    hub.deliver(Millis{0});
    hub.setDelay("slow", Millis{300});
    hub.setNow(Millis{100});
    a.send("x", {});
    hub.setNow(Millis{150});
    s.send("y", {});  // its own sends reach the others at once
    QVERIFY(hub.deliver(Millis{150}) == std::size_t{2});
    QVERIFY(seq(log, "a").back() == std::string("slow:y"));
    QVERIFY(hub.nextDue().value() == Millis{400});
    QVERIFY(hub.deliver(Millis{399}) == std::size_t{0});
    QVERIFY(hub.deliver(Millis{400}) == std::size_t{1});
    QVERIFY(log.back().ev.wire == std::string("x"));
    QVERIFY(log.back().at == Millis{400});
    hub.setDelay("slow", Millis{0});  // never overtakes what is already on its way
    QVERIFY(hub.deliver(Millis{450}) == std::size_t{1});
    QVERIFY(log.back().ev.wire == std::string("y"));
  }

  void hubFrozenMemberGetsNothingAndSendsNothingUntilThawed() {
    MemoryHub hub;
    std::vector<Seen> log;
    auto& a = hub.attach("a", [&](const ChannelEvent& e, Millis now) { log.push_back({"a", e, now}); });
    auto& f = hub.attach("f", [&](const ChannelEvent& e, Millis now) { log.push_back({"f", e, now}); });
    a.enter();
    f.enter();
    hub.deliver(Millis{0});
    hub.setFrozen("f", true);
    QVERIFY(hub.frozen("f"));
    a.send("p", {});
    f.send("dropped", {});
    a.send("q", {});
    hub.deliver(Millis{1000});
    const std::vector<std::string> wantA{"self-enter", "enter:f", "a:p", "a:q"};
    QVERIFY(seq(log, "a") == wantA);
    QVERIFY(seq(log, "f") == std::vector<std::string>{"self-enter"});
    QVERIFY(!hub.nextDue().has_value());  // nothing deliverable while frozen
    hub.setFrozen("f", false);
    QVERIFY(hub.deliver(Millis{2000}) == std::size_t{2});
    const std::vector<std::string> wantF{"self-enter", "a:p", "a:q"};
    QVERIFY(seq(log, "f") == wantF);
  }

  // ---- DemoRoom ----------------------------------------------------------------

  void introRunsTheRealEngine() {
    DemoRoom room;
    // The ack history of every message, as the window was told (U-15/U-16).
    std::vector<std::pair<int, QStringList>> waiting;  // (message row, unackedBy) while Waiting
    connect(room.state(), &mpenc::present::RoomState::itemChanged, this, [&](int index) {
      const auto& it = room.state()->item(index);
      if (it.isMessage() && it.ack == AckState::Waiting) waiting.emplace_back(it.messageRow, it.unackedBy);
    });
    QElapsedTimer t;
    t.start();
    QTRY_VERIFY_WITH_TIMEOUT(room.introFinished(), 2000);
    qInfo("intro took %lld ms", static_cast<long long>(t.elapsed()));
    for (const auto& it : room.state()->items())
      qInfo("%s", qPrintable(it.isMessage() ? QStringLiteral("[%1] %2: %3 (ack %4, unacked %5)")
                                                  .arg(it.messageRow)
                                                  .arg(it.authorName, it.text)
                                                  .arg(static_cast<int>(it.ack))
                                                  .arg(it.unackedBy.join(QLatin1Char(',')))
                                            : QStringLiteral("  -- %1 %2").arg(it.code, it.text)));

    const auto& s = room.userSession();
    const std::string you = room.memberId("you");
    // An established session (alice, bob, carol and us; dave removed, frank outside).
    QVERIFY(s.state() == mpenc::session::SessionState::Joined);
    QVERIFY(s.members().size() >= 3);
    QVERIFY(contains(s.members(), you));
    QVERIFY(contains(s.members(), room.memberId("alice")));
    QVERIFY(!contains(s.members(), room.memberId("dave")));

    // The transcript is the engine's log: same rows, same display parents (C-22).
    const auto& rows = s.log().rows();
    QVERIFY(rows.size() >= 7);
    QCOMPARE(room.state()->messageCount(), static_cast<int>(rows.size()));
    bool marker = false;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const int i = room.state()->itemOfMessageRow(static_cast<int>(r));
      QVERIFY(i >= 0);
      const auto& item = room.state()->item(i);
      QVector<int> parents;
      for (auto p : rows[r].displayParents) parents.push_back(static_cast<int>(p));
      QVERIFY(item.parentRows == parents);
      // U-2: the marker is shown exactly when the log highlights the row.
      QVERIFY(item.offsets.isEmpty() == !rows[r].highlight);
      if (rows[r].highlight) {
        QVector<int> offsets;
        for (auto o : rows[r].offsets) offsets.push_back(static_cast<int>(o));
        QVERIFY(item.offsets == offsets);
      }
      marker = marker || (rows[r].highlight && !item.offsets.isEmpty());
    }
    QVERIFY2(marker, "the concurrent replies give at least one [k] marker (U-2)");

    // An include (frank) and an exclude (dave), from the engine's notices.
    bool included = false, excluded = false;
    for (const auto* ok : all<mpenc::session::notice::OperationSucceeded>(room)) {
      included = included || contains(ok->included, room.memberId("frank"));
      excluded = excluded || contains(ok->excluded, room.memberId("dave"));
    }
    QVERIFY(included);
    QVERIFY(excluded);
    int opNotices = 0;
    for (const auto& it : room.state()->items())
      opNotices += !it.isMessage() && it.notice == NoticeKind::OperationSucceeded ? 1 : 0;
    QVERIFY(opNotices >= 2);

    // The slow member: a message waited for carol's ack (W-3) and is fully acked now.
    const std::string carol = room.memberId("carol");
    std::optional<mpenc::session::MessageId> waited;
    for (const auto* w : all<mpenc::session::NotFullyAcked>(room))
      if (w->kind == mpenc::codec::BodyType::Payload && contains(w->unackedBy, carol)) waited = w->id;
    QVERIFY2(waited.has_value(), "W-3 named the slow member");
    const auto waitedRow = s.log().rowOf(*waited);
    QVERIFY(waitedRow.has_value());
    QVERIFY(s.log().row(*waitedRow).fullyAcked);
    const bool shown = std::any_of(waiting.begin(), waiting.end(), [&](const auto& w) {
      return w.first == static_cast<int>(*waitedRow) && w.second.contains(QString::fromStdString(carol));
    });
    QVERIFY2(shown, "the window showed \"waiting for carol\" on that message");
    QCOMPARE(room.state()->item(room.state()->itemOfMessageRow(static_cast<int>(*waitedRow))).ack,
             AckState::FullyAcked);

    // The frozen member: W-8 from the engine, unresponsive in the member list.
    const std::string bob = room.memberId("bob");
    bool silent = false;
    for (const auto* n : all<mpenc::session::MemberNotResponding>(room)) silent = silent || n->member == bob;
    QVERIFY(silent);
    const auto* bobInfo = room.state()->member(QString::fromStdString(bob));
    QVERIFY(bobInfo);
    QVERIFY(!bobInfo->responsive);

    // Frank came back with a new key: loud, and not re-included without consent.
    const QString frank = QString::fromStdString(room.memberId("frank"));
    const auto* frankInfo = room.state()->member(frank);
    QVERIFY(frankInfo);
    QVERIFY(frankInfo->trust == Trust::Changed);
    QVERIFY(!contains(s.members(), frank.toStdString()));
    QVERIFY(s.channelMembers().count(frank.toStdString()) == 1);
    // The engine alone would re-include him (a former member back after a lost
    // connection): the demo's veto on the changed key is what keeps him out.
    QVERIFY(s.isRejoining(frank.toStdString()));

    // The user's message: sent, answered, fully acked within a few seconds (U-15).
    const std::size_t before = rows.size();
    const auto sent = room.send(QStringLiteral("The release checklist is done"));
    QVERIFY2(sent.ok, qPrintable(sent.message));
    auto ownRow = [&]() -> std::optional<std::size_t> {
      for (std::size_t r = before; r < s.log().size(); ++r)
        if (s.log().row(r).author == you) return r;
      return std::nullopt;
    };
    QTRY_VERIFY_WITH_TIMEOUT(ownRow().has_value(), 1000);
    QTRY_VERIFY_WITH_TIMEOUT(s.log().row(*ownRow()).fullyAcked, 10000);
    const int ownItem = room.state()->itemOfMessageRow(static_cast<int>(*ownRow()));
    QTRY_COMPARE_WITH_TIMEOUT(room.state()->item(ownItem).ack, AckState::FullyAcked, 1000);
    // Someone answered it.
    QTRY_VERIFY_WITH_TIMEOUT(s.log().size() > *ownRow() + 1, 3000);
    // Bob recovered; frank is still outside: no consent yet.
    QTRY_VERIFY_WITH_TIMEOUT(room.state()->member(QString::fromStdString(bob))->responsive, 3000);
    QVERIFY(!contains(s.members(), frank.toStdString()));

    // Consent: accepting the changed key lets the user add frank again.
    QVERIFY(!room.include({frank}).ok);  // refused while the key change is unresolved
    QVERIFY(room.acceptKey(frank).ok);
    QVERIFY(room.state()->member(frank)->trust == Trust::Unverified);
    const auto inc = room.include({frank});
    QVERIFY2(inc.ok, qPrintable(inc.message));
    QTRY_VERIFY_WITH_TIMEOUT(contains(s.members(), frank.toStdString()), 5000);
  }

  void actionsFailPolitelyAndVerifyComparesTheFingerprint() {
    DemoRoom room(QStringLiteral("quiet@demo.invalid"), QStringLiteral("you"), /*intro=*/false);
    QVERIFY(room.isDemo());
    QTRY_VERIFY_WITH_TIMEOUT(room.userSession().state() == mpenc::session::SessionState::Joined, 3000);
    const auto nobody = room.include({QStringLiteral("nobody")});
    QVERIFY(!nobody.ok);
    QVERIFY(!nobody.message.isEmpty());
    QVERIFY(!room.send(QStringLiteral("   ")).ok);
    const QString carol = QString::fromStdString(room.memberId("carol"));
    QVERIFY(!room.verify(carol, QStringLiteral("00000000 11111111")).ok);
    QVERIFY(!room.acceptKey(carol).ok);  // nothing changed
    QVERIFY(room.verify(carol, room.fingerprintOf(carol).toUpper()).ok);
    QVERIFY(room.state()->member(carol)->trust == Trust::Verified);
    QCOMPARE(room.ownFingerprint(), DemoRoom::userFingerprint());
    QCOMPARE(room.ownFingerprint().split(QLatin1Char(' ')).size(), 8);

    // Leaving, then a new session: included again by the others.
    room.leave();
    QTRY_VERIFY_WITH_TIMEOUT(!room.userSession().inChannel(), 8000);
    QVERIFY(!room.send(QStringLiteral("anyone?")).ok);
    QVERIFY(room.startNewSession().ok);
    QTRY_VERIFY_WITH_TIMEOUT(room.userSession().state() == mpenc::session::SessionState::Joined, 8000);
    QVERIFY(room.send(QStringLiteral("back again")).ok);

    // A new session while still in one: leave at once, re-enter, included again.
    const auto oldSid = room.userSession().sessionId();
    QVERIFY(oldSid.has_value());
    QVERIFY(room.startNewSession().ok);
    QVERIFY(!room.userSession().inChannel());
    QTRY_VERIFY_WITH_TIMEOUT(room.userSession().state() == mpenc::session::SessionState::Joined, 8000);
    QVERIFY(room.userSession().sessionId() != oldSid);
    QVERIFY(room.userSession().members().size() == 5);  // alice, bob, carol, dave and us
  }

  // Long-running: MPENC_DEMO_SOAK_S=<seconds> (skipped otherwise). After bob
  // recovers, an idle demo room stays quiet: heartbeats keep everyone
  // responsive and nothing else warns.
  void idleDemoStaysQuiet() {
    const int seconds = qEnvironmentVariableIntValue("MPENC_DEMO_SOAK_S");
    if (seconds <= 0) QSKIP("set MPENC_DEMO_SOAK_S to run");
    DemoRoom room;
    QTRY_VERIFY_WITH_TIMEOUT(room.introFinished(), 2000);
    QTest::qWait(6000);  // bob recovers (4 s into real time) and catches up
    const std::size_t before = room.userEvents().size();
    QTest::qWait(seconds * 1000);
    std::vector<std::string> warnings;
    for (std::size_t i = before; i < room.userEvents().size(); ++i)
      if (const auto& e = room.userEvents()[i]; mpenc::session::isWarning(e)) {
        std::string w = std::to_string(e.what.index());
        if (const auto* n = std::get_if<mpenc::session::Notice>(&e.what))
          w.append("/").append(
              std::to_string(n->index()));  // not "/" + …: GCC 12 -O3 -Wrestrict false positive
        if (const auto* n = e.as<mpenc::session::NotFullyAcked>()) {
          w.append(" W-3 kind ")
              .append(std::to_string(static_cast<int>(n->kind)))
              .append(" by ")
              .append(n->author);
          w.append(" unacked:");
          for (const auto& u : n->unackedBy) w += " " + u;
        }
        if (const auto* n = e.as<mpenc::session::MemberNotResponding>()) w += " W-8 " + n->member;
        if (const auto* n = e.as<mpenc::session::Undecryptable>())
          w += " W-2 from " + n->sender + " x" + std::to_string(n->count) + " since " +
               std::to_string(n->since.count());
        qInfo("warning: %s", w.c_str());
        warnings.push_back(w);
      }
    QVERIFY2(warnings.empty(), "an idle demo room warned");
    for (const auto& m : room.state()->members())
      if (m.inSession) QVERIFY2(m.responsive, qPrintable(m.id));
    QVERIFY(room.userSession().isConsistent());
  }

  void clientOpensTheDemoRoomAndJoinsMore() {
    mpenc::demo::DemoClient client;
    QSignalSpy opened(&client, &mpenc::present::ClientBackend::roomOpened);
    QCOMPARE(client.rooms().size(), 1);  // listed at once, announced from the event loop
    QCOMPARE(opened.count(), 0);
    QTRY_COMPARE(opened.count(), 1);
    auto* team = qobject_cast<DemoRoom*>(client.rooms().first());
    QVERIFY(team);
    QCOMPARE(team->roomJid(), QStringLiteral("team@demo.invalid"));
    const auto c = client.connection();
    QVERIFY(c.demo);
    QVERIFY(c.phase == mpenc::present::ConnectionPhase::Connected);
    QCOMPARE(c.account, QStringLiteral("you@demo.invalid"));
    QCOMPARE(c.ownFingerprint, team->ownFingerprint());
    QVERIFY(!c.keyStorage.isEmpty());
    QVERIFY(!client.connectAccount({}).ok);
    QVERIFY(!client.joinRoom(QStringLiteral("not a room"), QStringLiteral("you")).ok);
    QVERIFY(!client.joinRoom(QStringLiteral("team@demo.invalid"), QStringLiteral("you")).ok);
    QVERIFY(!client.joinRoom(QStringLiteral("design@demo.invalid"), QStringLiteral("alice")).ok);  // taken
    QVERIFY(client.joinRoom(QStringLiteral("design@demo.invalid"), QStringLiteral("me")).ok);
    QTRY_COMPARE(opened.count(), 2);
    auto* design = qobject_cast<DemoRoom*>(opened.at(1).at(0).value<mpenc::present::RoomBackend*>());
    QVERIFY(design);
    QTRY_VERIFY_WITH_TIMEOUT(design->userSession().state() == mpenc::session::SessionState::Joined, 3000);
    QVERIFY(design->userSession().self() == "design@demo.invalid/me");
    QSignalSpy closed(&client, &mpenc::present::ClientBackend::roomClosed);
    client.closeRoom(design);
    QCOMPARE(closed.count(), 1);
    QCOMPARE(client.rooms().size(), 1);
  }
};

QTEST_MAIN(DemoEngineTest)
#include "test_demo_engine.moc"
