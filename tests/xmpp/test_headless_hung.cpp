// A hung member with real headless mpENC clients (`mpenc-chat --headless
// --fast-timers`, one process each) on a private Prosody (label xmpp): carol's
// process is stopped (SIGSTOP) with its TCP connection open, so the server
// sees nothing and the room keeps her as an occupant. W-8 without heartbeats
// (protocol-rules.md §2.9, O-17: implicit heartbeats only): alice and bob keep
// talking (everything delivered between them), both report carol as not
// responding within the threshold (Timing::notResponding = FA_INTV + BC_LAT,
// 3 s with the fast timers) plus a few seconds, once each; alice excludes her
// and the exclusion succeeds; then carol resumes (SIGCONT), learns she was
// excluded and ends outside the session without a crash, and alice's and bob's
// transcripts are identical with nothing of carol's after the exclusion.
// The stopped process is always continued (a guard), and stopped by the
// fixture's cleanup, even when a check fails. Exit code 77 without Prosody.
#include <signal.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <cstdio>
#include <map>

#include "headless_scenario_support.h"

using namespace mpenc::test;  // the fixture, the driver and the constants

namespace {

/// SIGSTOPs a process and always SIGCONTs it again (at resume() or on scope
/// exit), so that a failing check never leaves a stopped process behind.
class Stopped {
 public:
  explicit Stopped(qint64 pid) : pid_(static_cast<pid_t>(pid)) {
    stopped_ = pid_ > 0 && ::kill(pid_, SIGSTOP) == 0;
  }
  ~Stopped() { resume(); }
  Stopped(const Stopped&) = delete;
  Stopped& operator=(const Stopped&) = delete;
  bool stopped() const { return stopped_; }
  void resume() {
    if (stopped_) ::kill(pid_, SIGCONT);
    stopped_ = false;
  }

 private:
  pid_t pid_;
  bool stopped_ = false;
};

bool isW8For(const HeadlessEvent& e, const QString& member) {
  return e.event() == QLatin1String("warning") && e.str("code") == QLatin1String("W-8") &&
         e.str("member") == member;
}

/// A client's delivered messages from event `from` on: "id author text", one a line.
QStringList messagesOf(const HeadlessClient& c, int from = 0) {
  QStringList out;
  for (const auto& e :
       c.all([](const HeadlessEvent& x) { return x.event() == QLatin1String("message"); }, from))
    out << e.str("id") + QLatin1Char(' ') + e.str("author") + QLatin1Char(' ') + e.str("text");
  out.sort();
  return out;
}

}  // namespace

class TestHeadlessHung : public mpenc::test::HeadlessScenarioFixture {
  Q_OBJECT

 private slots:
  void hungMemberIsReportedExcludedAndLearnsIt() {
    // No --auto-include anywhere: alice includes by hand, and nobody takes
    // carol back in automatically when she resumes.
    const Clients cs = startGroup({QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")},
                                  /*autoFirst=*/false);
    QCOMPARE(cs.size(), size_t{3});
    HeadlessClient* alice = cs[0];
    HeadlessClient* bob = cs[1];
    HeadlessClient* carol = cs[2];
    const Clients rest{alice, bob};
    for (auto* c : cs) QVERIFY(c->waitState(QStringLiteral("joining"), kWait));
    QVERIFY(waitUntil(
        [&] {
          return alice->find([](const HeadlessEvent& e) {
            return e.event() == QLatin1String("key") && e.str("member").endsWith(QLatin1String("/carol"));
          }) >= 0;
        },
        kWait, QStringLiteral("alice sees carol"), cs));
    const auto inc = alice->request(
        QStringLiteral("include"),
        {{QStringLiteral("members"), QJsonArray{QStringLiteral("bob"), QStringLiteral("carol")}}});
    QVERIFY(inc && inc->value(QStringLiteral("ok")).toBool());
    QVERIFY(waitSession(cs));
    const QStringList hello = sayAll(cs, QStringLiteral("hello"));
    QVERIFY(!hello.contains(QString()));
    QVERIFY(waitDeliveredAndAcked(cs, hello));
    for (auto* c : cs) QVERIFY2(c->all(isWarning).empty(), qPrintable(describeWarnings(*c, 0)));
    std::map<HeadlessClient*, int> from;
    for (auto* c : cs) from[c] = c->mark();
    const QString carolJid = carol->occupantJid();

    // carol hangs: her connection stays open, she answers nothing.
    Stopped hang(carol->pid());
    QVERIFY(hang.stopped());
    carol->note(QStringLiteral("SIGSTOP"));
    const qint64 stopUs = HeadlessClient::nowUs();
    QElapsedTimer t;
    t.start();
    QStringList during;
    qint64 firstSentMs = -1;
    for (int k = 0; k < 6; ++k) {  // one message from each every second
      for (const auto& id : sayAll(rest, QStringLiteral("while carol hangs %1").arg(k))) {
        QVERIFY2(!id.isEmpty(), "a send was refused while carol hangs");
        during << id;
      }
      if (firstSentMs < 0) firstSentMs = t.elapsed();
      QTest::qWait(1000);
    }
    // Everyone else keeps working: every message reaches alice and bob.
    QVERIFY(waitUntil(
        [&] {
          for (auto* c : rest)
            for (const auto& id : during)
              if (!c->hasMessage(id)) return false;
          return true;
        },
        kWait, QStringLiteral("delivered between alice and bob"), rest));
    // W-8 for carol at both, within the threshold (3 s) + 3 s of the first
    // message she owes an ack for; once, not once per message.
    for (auto* c : rest) {
      const int at = c->waitForEvent([&](const HeadlessEvent& e) { return isW8For(e, carolJid); }, 6000,
                                     QStringLiteral("W-8 for carol"), from[c]);
      QVERIFY(at >= 0);
      const HeadlessEvent& w = c->events()[static_cast<size_t>(at)];
      const qint64 afterMs = (w.rxUs - stopUs) / 1000;
      std::printf(
          "[hung] %s: W-8 for carol %lld ms after the stop (first message at %lld ms), silent %lld ms\n",
          qPrintable(c->name()), static_cast<long long>(afterMs), static_cast<long long>(firstSentMs),
          static_cast<long long>(w.json.value(QStringLiteral("silent_ms")).toDouble()));
      QVERIFY(static_cast<long long>(w.json.value(QStringLiteral("silent_ms")).toDouble()) >= 3000);
      QVERIFY2(afterMs <= firstSentMs + 3000 + 3000, "W-8 later than the threshold + 3 s");
      QCOMPARE(c->count([&](const HeadlessEvent& e) { return isW8For(e, carolJid); }, from[c]), 1);
      // Nobody but carol is reported.
      for (const auto& e : c->all(isWarning, from[c]))
        if (e.str("code") == QLatin1String("W-8")) QCOMPARE(e.str("member"), carolJid);
    }

    // alice excludes her; the exclusion succeeds without carol's input.
    std::map<HeadlessClient*, int> beforeExclusion;
    for (auto* c : rest) beforeExclusion[c] = c->mark();
    const auto exc = alice->request(QStringLiteral("exclude"),
                                    {{QStringLiteral("members"), QJsonArray{QStringLiteral("carol")}}});
    QVERIFY(exc && exc->value(QStringLiteral("ok")).toBool());
    QVERIFY(waitSession(rest, kLongWait));
    QVERIFY(sawExclusion(rest, beforeExclusion, QStringLiteral("subsession-started"), *carol));
    std::printf("[hung] excluded %lld ms after the stop\n", static_cast<long long>(t.elapsed()));
    std::map<HeadlessClient*, int> afterExclusion;
    for (auto* c : rest) afterExclusion[c] = c->mark();
    const QStringList after = sayAll(rest, QStringLiteral("after the exclusion"));
    QVERIFY(!after.contains(QString()));
    QVERIFY(waitDeliveredAndAcked(rest, after));

    // carol resumes: she learns she was excluded and ends outside the session.
    hang.resume();
    carol->note(QStringLiteral("SIGCONT"));
    QVERIFY(waitUntil(
        [&] {
          return carol->find(
                     [](const HeadlessEvent& e) {
                       return e.event() == QLatin1String("membership") && e.flag("excludes_us");
                     },
                     from[carol]) >= 0 &&
                 carol->lastState() != QLatin1String("joined");
        },
        kWait, QStringLiteral("carol learns she was excluded"), cs));
    QVERIFY(carol->running());
    const QJsonObject cst = carol->status();
    QVERIFY(!cst.isEmpty());
    QVERIFY2(cst.value(QStringLiteral("state")).toString() != QLatin1String("joined"),
             qPrintable(cst.value(QStringLiteral("state")).toString()));
    // What she tries to say now reaches nobody's transcript.
    const QString late = carol->say(QStringLiteral("carol after her exclusion"));
    std::printf("[hung] carol resumed in state %s; her send %s\n",
                qPrintable(cst.value(QStringLiteral("state")).toString()),
                late.isEmpty() ? "was refused" : "was accepted locally");
    const QStringList last = sayAll(rest, QStringLiteral("after carol resumed"));
    QVERIFY(!last.contains(QString()));
    QVERIFY(waitDeliveredAndAcked(rest, last));
    QTest::qWait(1000);

    // alice's and bob's transcripts are identical, complete, and hold nothing
    // of carol's after the exclusion.
    QCOMPARE(messagesOf(*alice), messagesOf(*bob));
    for (const auto& id : hello + during + after + last)
      for (auto* c : rest)
        QVERIFY2(c->hasMessage(id), qPrintable(c->name() + QStringLiteral(" lacks ") + id));
    for (auto* c : rest) {
      for (const QString& line : messagesOf(*c, afterExclusion[c]))
        QVERIFY2(!line.contains(carolJid), qPrintable(c->name() + QStringLiteral(": ") + line));
      if (!late.isEmpty()) QVERIFY(!c->hasMessage(late));
      QVERIFY(!c->status().value(QStringLiteral("members")).toArray().contains(carolJid));
    }
    const QString diff = checkStatus(rest);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    std::printf("[hung] done after %lld ms\n", static_cast<long long>(t.elapsed()));
  }
};

int main(int argc, char** argv) {
  return mpenc::test::runScenarioTests(argc, argv, [] { return std::make_unique<TestHeadlessHung>(); });
}

#include "test_headless_hung.moc"
