// Session-lifecycle scenarios with 3–8 real headless mpENC clients
// (`mpenc-chat --headless --fast-timers`, one process each) in one MUC room on
// a private Prosody (label xmpp): establishing a session, messages fully acked,
// a late joiner, an exclusion and a clean part. The fault scenarios (a killed
// process, a server restart, foreign occupants) are in test_headless_faults.cpp;
// the shared fixture is headless_scenario_support.*. Each scenario uses its
// own room and its own processes; one Prosody serves the whole binary. Every
// client's transcript (commands, events) and standard error go to
// <build>/test-artifacts/xmpp/<scenario>/. Exit code 77 (skipped) when Prosody
// is not installed.
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <map>
#include <memory>

#include "headless_scenario_support.h"

using namespace mpenc::test;  // the fixture, the driver and the constants

class TestHeadlessScenarios : public mpenc::test::HeadlessScenarioFixture {
  Q_OBJECT

 private slots:
  // (a) three clients, the first including joiners automatically: all reach
  // "joined" with identical member lists and session ID.
  void establishSession() {
    const Clients cs = startGroup({QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")});
    QCOMPARE(cs.size(), size_t{3});
    QVERIFY(waitSession(cs));
    const QString diff = checkStatus(cs);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    for (auto* c : cs) {
      QVERIFY2(c->all(isWarning).empty(), qPrintable(describeWarnings(*c, 0)));
      // Every other member's key was seen (TOFU: new).
      for (auto* o : cs)
        if (o != c)
          QVERIFY2(c->find([&](const HeadlessEvent& e) {
            return e.event() == QLatin1String("key") && e.str("member") == o->occupantJid();
          }) >= 0,
                   qPrintable(c->name() + QStringLiteral(" saw no key of ") + o->name()));
    }
  }

  // (b) eight members: every member's messages arrive everywhere, once, in
  // each author's order, and become fully acked at every client.
  void messagesFullyAcked() {
    const Clients cs = startGroup({QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol"),
                                   QStringLiteral("dave"), QStringLiteral("erin"), QStringLiteral("frank"),
                                   QStringLiteral("grace"), QStringLiteral("heidi")});
    QCOMPARE(cs.size(), size_t{8});
    QVERIFY(waitSession(cs));
    QStringList ids;
    for (int round = 0; round < 3; ++round) ids << sayAll(cs, QStringLiteral("round %1").arg(round));
    QCOMPARE(ids.size(), 24);
    QVERIFY2(!ids.contains(QString()), "a send was refused");
    QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 24);
    QVERIFY(waitDeliveredAndAcked(cs, ids));
    for (auto* c : cs) {
      for (const auto& id : ids) {
        const auto m = c->message(id);
        const int k = static_cast<int>(ids.indexOf(id)) % 8;
        QCOMPARE(m->str("author"), cs[static_cast<size_t>(k)]->occupantJid());
        QCOMPARE(m->flag("own"), cs[static_cast<size_t>(k)] == c);
        QVERIFY(m->str("text").endsWith(QStringLiteral(" from ") + cs[static_cast<size_t>(k)]->name()));
      }
      // Nothing twice.
      QCOMPARE(c->count([](const HeadlessEvent& e) { return e.event() == QLatin1String("message"); }), 24);
      QVERIFY2(c->all(isWarning).empty(), qPrintable(describeWarnings(*c, 0)));
      const QJsonObject s = c->status();
      QCOMPARE(s.value(QStringLiteral("unacked")).toInt(-1), 0);
      QVERIFY(s.value(QStringLiteral("consistent")).toBool());
    }
    // One message order per author everywhere (each author's messages in send order).
    for (auto* c : cs) {
      std::map<QString, int> lastRow;
      for (const auto& id : ids) {
        const auto m = c->message(id);
        const int row = m->json.value(QStringLiteral("row")).toInt();
        const QString a = m->str("author");
        if (lastRow.count(a))
          QVERIFY2(row > lastRow[a], qPrintable(c->name() + QStringLiteral(" reordered ") + a));
        lastRow[a] = row;
      }
    }
  }

  // (c) a late joiner is included; it gets what is said after, not before.
  void lateJoiner() {
    Clients cs = startGroup({QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")});
    QCOMPARE(cs.size(), size_t{3});
    QVERIFY(waitSession(cs));
    const QStringList before = sayAll(cs, QStringLiteral("before dave"));
    QVERIFY(!before.contains(QString()));
    QVERIFY(waitDeliveredAndAcked(cs, before));
    const QString oldSid = lastSubsession(*cs[0])->str("sid");

    HeadlessClient* dave = spawn(QStringLiteral("dave"));
    QVERIFY(dave);
    cs.push_back(dave);
    QVERIFY(waitSession(cs));
    QVERIFY(lastSubsession(*cs[0])->str("sid") != oldSid);  // a new group key
    for (auto* c : cs)
      QVERIFY2(c->find([&](const HeadlessEvent& e) {
        // The others see dave included; dave sees himself in a 4-member subsession.
        return e.event() == QLatin1String("membership") &&
               e.str("kind") == QLatin1String("subsession-started") && e.list("members").size() == 4 &&
               e.list("members").contains(dave->occupantJid()) &&
               (c == dave || e.list("included") == QStringList{dave->occupantJid()});
      }) >= 0,
               qPrintable(c->name() + QStringLiteral(": no subsession including dave")));
    const QString diff = checkStatus(cs);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    const QStringList after = sayAll(cs, QStringLiteral("after dave"));
    QVERIFY(!after.contains(QString()));
    QVERIFY(waitDeliveredAndAcked(cs, after));
    for (const auto& id : before) QVERIFY2(!dave->hasMessage(id), "dave got a message from before his join");
    QCOMPARE(dave->count([](const HeadlessEvent& e) { return e.event() == QLatin1String("message"); }), 4);
    for (auto* c : cs) QVERIFY2(c->all(isWarning).empty(), qPrintable(describeWarnings(*c, 0)));
  }

  // (d) a member excludes another: membership events everywhere, the excluded
  // one ends parted and cannot send, the others go on.
  void excludeMember() {
    const Clients cs = startGroup(
        {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol"), QStringLiteral("dave")});
    QCOMPARE(cs.size(), size_t{4});
    QVERIFY(waitSession(cs));
    HeadlessClient* carol = cs[2];
    const Clients rest{cs[0], cs[1], cs[3]};
    std::map<HeadlessClient*, int> from;
    for (auto* c : cs) from[c] = c->mark();

    const auto r = cs[1]->request(QStringLiteral("exclude"),
                                  {{QStringLiteral("members"), QJsonArray{QStringLiteral("carol")}}});
    QVERIFY(r && r->value(QStringLiteral("ok")).toBool());
    QVERIFY(waitSession(rest));
    QVERIFY(sawExclusion(rest, from, QStringLiteral("succeeded"), *carol));
    // carol learns she was excluded and ends parted.
    QVERIFY(carol->waitForEvent(
                [](const HeadlessEvent& e) {
                  return e.event() == QLatin1String("membership") &&
                         e.str("kind") == QLatin1String("succeeded") && e.flag("excludes_us");
                },
                kWait, QStringLiteral("excludes_us"), from[carol]) >= 0);
    QVERIFY(carol->waitState(QStringLiteral("parted"), kWait, from[carol]));
    const QString refused = carol->say(QStringLiteral("carol after exclusion"));
    QVERIFY2(refused.isEmpty(), "an excluded member could send");
    QVERIFY(!carol->lastReply().value(QStringLiteral("ok")).toBool());

    const QStringList after = sayAll(rest, QStringLiteral("without carol"));
    QVERIFY(!after.contains(QString()));
    QVERIFY(waitDeliveredAndAcked(rest, after));
    for (const auto& id : after) QVERIFY(!carol->hasMessage(id));
    for (auto* c : rest) QVERIFY2(c->all(isWarning).empty(), qPrintable(describeWarnings(*c, 0)));
  }

  // (e) a member parts cleanly: the others see it removed, without warnings.
  void memberParts() {
    Departure d;
    startDeparture(3, d);
    if (QTest::currentTestFailed()) return;
    HeadlessClient* dave = d.leaver;

    const auto r = dave->request(QStringLiteral("part"));
    QVERIFY(r && r->value(QStringLiteral("ok")).toBool());
    QVERIFY(dave->waitState(QStringLiteral("parted"), kWait, d.from[dave]));
    QVERIFY(waitSession(d.rest));
    QVERIFY(sawExclusion(d.rest, d.from, QStringLiteral("subsession-started"), *dave));
    const QStringList after = sayAll(d.rest, QStringLiteral("after dave left"));
    QVERIFY(waitDeliveredAndAcked(d.rest, after));
    for (auto* c : d.rest) QVERIFY2(c->all(isWarning).empty(), qPrintable(describeWarnings(*c, 0)));
    QVERIFY2(dave->all(isWarning, d.from[dave]).empty(), qPrintable(describeWarnings(*dave, d.from[dave])));
    for (const auto& id : after) QVERIFY(!dave->hasMessage(id));
  }
};

int main(int argc, char** argv) {
  return mpenc::test::runScenarioTests(argc, argv, [] { return std::make_unique<TestHeadlessScenarios>(); });
}

#include "test_headless_scenarios.moc"
