// Real-server soak (issue 14, label soak, never in a default run): N headless
// members (`mpenc-chat --headless`, one process each, own data dir) in one
// MUC room on a private Prosody (tests/xmpp/prosody_fixture.*) for M minutes
// of a seeded random schedule: sends from random members, a member excluding
// another (who parts, rejoins and is included again by a third), SIGKILL of a
// member's process and its restart on the same data dir (same identity key),
// and exactly one server restart half way. Then everyone settles, quits, and
// soak_report.* accounts for every message ID at every member (delivered, or
// absent for a stated reason, or LOST) and checks that all copies of a message
// agree. Exit 0 = PASS, 1 = FAIL (a LOST message, a disagreement, an order
// violation, a crash, a driver problem), 2 = bad arguments, 77 = no Prosody.
//
//   mpenc_server_soak [--minutes M] [--members N] [--seed S] [--out DIR]
//                     [--rate MSGS_PER_S] [--window S] [--fast-timers] [--inject-lost]
// (or MPENC_SOAK_MINUTES, _MEMBERS, _SEED, _OUT, _RATE, _FAST_TIMERS=1).
// tools/soak-server.sh builds and runs it; docs/soak.md describes the run.
#include <sys/resource.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>
#include <cstdio>
#include <random>

#include "soak_driver.h"

using namespace mpenc::test;
using namespace mpenc::test::soak;

namespace mpenc::test::soak {

int Soak::run() {
  QDir().mkpath(cfg_.out);
  driverLog_.setFileName(QDir(cfg_.out).filePath(QStringLiteral("driver.log")));
  driverLog_.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text);
  run_.windowUs = static_cast<qint64>(cfg_.windowS * 1e6);
  run_.room = QStringLiteral("soak@") + server_.mucDomain();
  run_.startUs = now();
  const QString started = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
  if (!server_.start()) {
    std::fprintf(stderr, "prosody: %s\n", qPrintable(server_.lastError()));
    return 1;
  }
  for (int m = 0; m < cfg_.members; ++m) {
    Member mem;
    mem.name = QStringLiteral("m%1").arg(m + 1, 2, 10, QLatin1Char('0'));
    mem.occupant = run_.room + QLatin1Char('/') + mem.name;
    if (!server_.registerUser(mem.name, QStringLiteral("pw-") + mem.name)) {
      std::fprintf(stderr, "%s\n", qPrintable(server_.lastError()));
      return 1;
    }
    run_.members.push_back(std::move(mem));
  }
  st_.resize(run_.members.size());
  run_.notes << QStringLiteral(
                    "started %1 UTC; seed %2, %3 members, %4 min, %5 msg/s, window %6 s, %7 timers")
                    .arg(started)
                    .arg(cfg_.seed)
                    .arg(cfg_.members)
                    .arg(cfg_.minutes)
                    .arg(cfg_.rate)
                    .arg(cfg_.windowS)
                    .arg(cfg_.fastTimers ? QStringLiteral("fast (--fast-timers)")
                                         : QStringLiteral("real (default)"));
  run_.notes << QStringLiteral("load average at start: %1").arg(loadavg());

  // Everyone enters; the first includes the others; one session of all.
  // m01 first (it starts the room's chain alone), then the others.
  startLife(0);
  const qint64 firstDeadline = now() + 30'000'000;
  while (now() < firstDeadline && run_.members[0].current()->lastState() != QLatin1String("joining")) {
    pump(100);
    step(0);
  }
  for (int m = 1; m < cfg_.members; ++m) startLife(m);
  const qint64 formDeadline = now() + 180'000'000;
  bool asked = false;
  QString why;
  while (!oneSession(&why) && now() < formDeadline) {
    pump(100);
    for (int m = 0; m < cfg_.members; ++m) step(m);
    includePass();
    bool allIn = true;
    for (int m = 0; m < cfg_.members; ++m)
      allIn = allIn && run_.members[static_cast<size_t>(m)].current()->lastState() != QLatin1String("parted");
    if (allIn && !asked) {
      QJsonArray others;
      for (int m = 1; m < cfg_.members; ++m) others.append(run_.members[static_cast<size_t>(m)].name);
      command(0, QStringLiteral("include"), {{QStringLiteral("members"), others}});
      run_.includesAsked += 1;
      asked = true;
    }
  }
  if (!oneSession(&why)) {
    run_.problems << QStringLiteral("no session of all members within 180 s: ") + why;
  } else {
    log(QStringLiteral("one session of %1 members after %2 s")
            .arg(cfg_.members)
            .arg(static_cast<double>(now() - run_.startUs) / 1e6, 0, 'f', 1));
  }

  const qint64 t0 = now();
  run_.scheduleEndUs = t0 + static_cast<qint64>(cfg_.minutes * 60e6);
  const qint64 restartAt = t0 + (run_.scheduleEndUs - t0) / 2;
  const double span = cfg_.minutes * 60;
  // Roughly: a kill every ~2.5 min and an exclusion every ~3 min for a 30-min run, at least one of each.
  const double killMean = std::min(150.0, span / 3), excludeMean = std::min(180.0, span / 3);
  qint64 nextKill = t0 + randUs(killMean * 0.5, killMean * 1.5);
  qint64 nextExclude = t0 + randUs(excludeMean * 0.5, excludeMean * 1.5);
  bool restarted = false;
  while (run_.problems.isEmpty() && now() < run_.scheduleEndUs) {
    pump(100);
    const qint64 t = now();
    for (int m = 0; m < cfg_.members; ++m) step(m);
    includePass();
    if (std::bernoulli_distribution(std::min(1.0, cfg_.rate * 0.1))(rng_)) doSend();
    if (t >= nextKill) {
      doKill();
      nextKill = t + randUs(killMean * 0.5, killMean * 1.5);
    }
    if (t >= nextExclude) {
      doExclude();
      nextExclude = t + randUs(excludeMean * 0.5, excludeMean * 1.5);
    }
    if (!restarted && t >= restartAt) {
      restarted = true;
      restartServer();
    }
  }

  // Settle: nothing new is scheduled; the dead come back, the excluded are
  // included again; then wait until one session of all and 15 s of quiet.
  log(QStringLiteral("schedule over; settling (load %1)").arg(loadavg()));
  run_.notes << QStringLiteral("load average at the end of the schedule: %1").arg(loadavg());
  const qint64 settleDeadline = now() + 240'000'000;
  size_t lastTotal = 0;
  qint64 quietSince = now();
  while (run_.problems.isEmpty() && now() < settleDeadline) {
    pump(200);
    for (int m = 0; m < cfg_.members; ++m) step(m);
    includePass();
    size_t total = 0;
    for (const auto& mem : run_.members)
      for (const auto& l : mem.lives) total += l.client->events().size();
    if (total != lastTotal) {
      lastTotal = total;
      quietSince = now();
    }
    bool pendingSends = false;
    for (const auto& s : st_)
      for (const auto& [id, cmd] : s.pending)
        pendingSends = pendingSends || cmd.kind == QLatin1String("send");
    if (oneSession(&why) && !pendingSends && now() - quietSince > 15'000'000) break;
  }
  if (!oneSession(&why)) run_.problems << QStringLiteral("not one session of all members at the end: ") + why;
  log(QStringLiteral("settled: %1").arg(oneSession(&why) ? QStringLiteral("one session") : why));
  QStringList finals;
  for (int m = 0; m < cfg_.members; ++m) {
    HeadlessClient* c = run_.members[static_cast<size_t>(m)].current();
    if (!c || !c->running()) continue;
    const QJsonObject s = c->status(20000);
    finals << QStringLiteral("%1 held %2 undecryptable %3 unacked %4")
                  .arg(run_.members[static_cast<size_t>(m)].name)
                  .arg(s.value(QStringLiteral("held")).toInt())
                  .arg(s.value(QStringLiteral("undecryptable")).toInt())
                  .arg(s.value(QStringLiteral("unacked")).toInt());
  }
  run_.notes << QStringLiteral("final status: ") + finals.join(QStringLiteral("; "));
  finishing_ = true;
  std::vector<HeadlessClient*> live;
  for (auto& mem : run_.members)
    if (mem.current() && mem.current()->running()) {
      live.push_back(mem.current());
      clientCpuS_ += cpuSeconds(mem.current()->pid());
    }
  stopAll(live, 20000);
  for (size_t m = 0; m < run_.members.size(); ++m) {
    Life& l = run_.members[m].lives.back();
    if (l.endUs >= 0) continue;
    scan(static_cast<int>(m));
    l.endUs = now();
    if (!l.client->exitedNormally() || l.client->exitCode() != 0)
      run_.crashes << QStringLiteral("%1: quit ended with %2 exit, code %3")
                          .arg(run_.members[m].name)
                          .arg(l.client->exitedNormally() ? QStringLiteral("normal")
                                                          : QStringLiteral("crash"))
                          .arg(l.client->exitCode());
  }
  for (const auto& mem : run_.members)
    for (const auto& l : mem.lives)
      if (!l.client->badLines().isEmpty())
        run_.problems << mem.name + QStringLiteral(": non-JSON stdout lines: ") +
                             QString::number(l.client->badLines().size());
  run_.endUs = now();
  serverCpuS_ += cpuSeconds(server_.pid());
  server_.stop();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const double selfCpu = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  const double wall = static_cast<double>(run_.endUs - run_.startUs) / 1e6;
  run_.notes << QStringLiteral(
                    "wall %1 s; CPU (user + system): clients %2 s (%3 cores on average), Prosody %4 s, "
                    "driver %5 s; load average at the end: %6")
                    .arg(wall, 0, 'f', 0)
                    .arg(clientCpuS_, 0, 'f', 1)
                    .arg(clientCpuS_ / wall, 0, 'f', 3)
                    .arg(serverCpuS_, 0, 'f', 1)
                    .arg(selfCpu, 0, 'f', 1)
                    .arg(loadavg());
  if (cfg_.injectLost) {  // a send reply nobody's transcript matches: LOST everywhere
    run_.sent.push_back(Sent{QString(40, QLatin1Char('0')), 0, 0, run_.scheduleEndUs - 1'000'000,
                             QStringLiteral("injected")});
    run_.notes
        << QStringLiteral("--inject-lost: message %1 added to the sent table").arg(run_.sent.back().id);
  }
  const Report rep = analyze(run_);
  writeReport(run_, rep, cfg_.out);
  std::printf("soak: table and summary in %s\n", qPrintable(cfg_.out));
  return rep.failed(run_) ? 1 : 0;
}

}  // namespace mpenc::test::soak

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  Config cfg;
  if (!parseArgs(QCoreApplication::arguments(), cfg)) {
    std::fprintf(stderr,
                 "usage: mpenc_server_soak [--minutes M] [--members N>=3] [--seed S] [--out DIR] [--rate R] "
                 "[--window S] [--fast-timers] [--inject-lost]\n");
    return 2;
  }
  if (!ProsodyFixture::available()) {
    std::printf("SKIP: prosody/prosodyctl not installed\n");
    return 77;
  }
  return Soak(cfg).run();
}
