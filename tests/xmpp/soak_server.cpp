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

#include "prosody_fixture.h"
#include "soak_report.h"
#include "soak_support.h"

using namespace mpenc::test;
using namespace mpenc::test::soak;

namespace {

enum class Phase { Down, Connecting, InRoom, Excluded, Parting };

struct PendingCmd {
  QString kind;  // send, include, exclude, join, part, connect
  QString text;
  qint64 issuedUs = 0;
};

/// The driver's view of one member (its current life).
struct State {
  Phase phase = Phase::Down;
  qint64 dueUs = 0;  // Down: restart; Excluded: part; Parting: join
  size_t cursor = 0;
  std::map<int, PendingCmd> pending;
  bool connected = false;
  qint64 notJoinedSinceUs = -1;
  qint64 stateSinceUs = 0;  // the last "state" event
  qint64 nextIncludeUs = 0;
  int seq = 0;
};

class Soak {
 public:
  explicit Soak(Config c) : cfg_(std::move(c)), rng_(cfg_.seed) {}
  int run();

 private:
  qint64 now() const { return HeadlessClient::nowUs(); }
  qint64 randUs(double loS, double hiS) {
    return static_cast<qint64>(std::uniform_real_distribution<double>(loS, hiS)(rng_) * 1e6);
  }
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool joined(int m) const {
    const HeadlessClient* c = run_.members[static_cast<size_t>(m)].current();
    return st_[static_cast<size_t>(m)].phase == Phase::InRoom && c && c->running() &&
           c->lastState() == QLatin1String("joined");
  }
  std::vector<int> joinedMembers() const {
    std::vector<int> out;
    for (int m = 0; m < static_cast<int>(run_.members.size()); ++m)
      if (joined(m)) out.push_back(m);
    return out;
  }
  bool startLife(int m);
  void endLife(int m, bool killed);
  void command(int m, const QString& kind, QJsonObject fields, const QString& text = {});
  void scan(int m);
  void onReply(int m, const HeadlessEvent& e);
  void step(int m);
  void includePass();
  void doSend();
  void doKill();
  void doExclude();
  bool restartServer();
  bool oneSession(QString* why) const;
  void log(const QString& text);

  Config cfg_;
  std::mt19937_64 rng_;
  ProsodyFixture server_;
  Run run_;
  std::vector<State> st_;
  QFile driverLog_;
  bool finishing_ = false;
  double clientCpuS_ = 0;  // utime + stime of every client life, sampled just before it ended
  double serverCpuS_ = 0;  // quitting: a part excludes us, no rejoin
};

void Soak::log(const QString& text) {
  const QString line =
      QStringLiteral("%1 %2\n").arg(static_cast<double>(now() - run_.startUs) / 1e6, 8, 'f', 1).arg(text);
  driverLog_.write(line.toUtf8());
  driverLog_.flush();
}

bool Soak::startLife(int m) {
  Member& mem = run_.members[static_cast<size_t>(m)];
  State& s = st_[static_cast<size_t>(m)];
  HeadlessClient::Options o;
  o.fastTimers = cfg_.fastTimers;
  o.keepAckEvents = false;
  const QString arts =
      QDir(cfg_.out).filePath(QStringLiteral("logs/%1.%2").arg(mem.name).arg(mem.lives.size()));
  Life life;
  life.client = std::make_unique<HeadlessClient>(
      mem.name, QDir(cfg_.out).filePath(QStringLiteral("data/") + mem.name), arts, o);
  life.startUs = now();
  mem.lives.push_back(std::move(life));
  const int seq = s.seq;
  s = State{};
  s.phase = Phase::Connecting;
  s.stateSinceUs = now();
  s.seq = seq;
  if (!mem.current()->start()) {
    run_.problems << mem.name + QStringLiteral(": ") + mem.current()->lastError();
    return false;
  }
  command(m, QStringLiteral("connect"),
          {{QStringLiteral("jid"), QString(mem.name + QStringLiteral("@localhost"))},
           {QStringLiteral("password"), QString(QStringLiteral("pw-") + mem.name)},
           {QStringLiteral("host"), QStringLiteral("127.0.0.1")},
           {QStringLiteral("port"), static_cast<int>(server_.port())},
           {QStringLiteral("tls"), QStringLiteral("disabled-unsafe")}});
  log(QStringLiteral("%1: life %2 started, pid %3")
          .arg(mem.name)
          .arg(mem.lives.size() - 1)
          .arg(mem.current()->pid()));
  return true;
}

void Soak::command(int m, const QString& kind, QJsonObject fields, const QString& text) {
  HeadlessClient* c = run_.members[static_cast<size_t>(m)].current();
  const int id = c->send(kind, std::move(fields));
  st_[static_cast<size_t>(m)].pending[id] = PendingCmd{kind, text, now()};
}

void Soak::onReply(int m, const HeadlessEvent& e) {
  State& s = st_[static_cast<size_t>(m)];
  const int id = e.json.value(QStringLiteral("id")).toInt(-1);
  const auto it = s.pending.find(id);
  if (it == s.pending.end()) return;
  const PendingCmd cmd = it->second;
  s.pending.erase(it);
  const bool ok = e.flag("ok");
  const Member& mem = run_.members[static_cast<size_t>(m)];
  if (cmd.kind == QLatin1String("send")) {
    if (ok)
      run_.sent.push_back(
          Sent{e.str("message"), m, static_cast<int>(mem.lives.size()) - 1, e.rxUs, cmd.text});
    else
      run_.refused[e.str("error")] += 1;
    return;
  }
  if (cmd.kind == QLatin1String("include")) run_.includesOk += ok ? 1 : 0;
  if (cmd.kind == QLatin1String("exclude")) run_.excludesOk += ok ? 1 : 0;
  if (!ok)
    log(QStringLiteral("%1: %2 refused: %3 %4").arg(mem.name, cmd.kind, e.str("error"), e.str("detail")));
  if (cmd.kind == QLatin1String("join") && !ok && s.phase == Phase::InRoom) {
    s.phase = Phase::Excluded;  // part first, then join again
    s.dueUs = now() + 2'000'000;
  }
}

/// New events of the current life: replies, the connection, an exclusion.
void Soak::scan(int m) {
  State& s = st_[static_cast<size_t>(m)];
  HeadlessClient* c = run_.members[static_cast<size_t>(m)].current();
  const auto& evs = c->events();
  for (; s.cursor < evs.size(); ++s.cursor) {
    const HeadlessEvent& e = evs[s.cursor];
    const QString kind = e.event();
    if (kind == QLatin1String("reply")) {
      onReply(m, e);
    } else if (kind == QLatin1String("state")) {
      s.stateSinceUs = e.rxUs;
    } else if (kind == QLatin1String("connection")) {
      s.connected = e.str("state") == QLatin1String("connected");
    } else if (kind == QLatin1String("membership") && e.str("kind") == QLatin1String("succeeded") &&
               e.flag("excludes_us") && s.phase == Phase::InRoom && !finishing_) {
      s.phase = Phase::Excluded;
      s.dueUs = now() + randUs(3, 10);
      log(QStringLiteral("%1: excluded; parts and rejoins in %2 s")
              .arg(run_.members[static_cast<size_t>(m)].name)
              .arg(static_cast<double>(s.dueUs - now()) / 1e6, 0, 'f', 1));
    }
  }
}

void Soak::endLife(int m, bool killed) {
  Member& mem = run_.members[static_cast<size_t>(m)];
  State& s = st_[static_cast<size_t>(m)];
  Life& life = mem.lives.back();
  clientCpuS_ += cpuSeconds(life.client->pid());
  if (killed) {
    life.client->kill();
    life.killed = true;
  }
  life.endUs = now();
  scan(m);
  for (const auto& [id, cmd] : s.pending)
    if (cmd.kind == QLatin1String("send")) run_.noReply += 1;
  s.pending.clear();
  s.phase = Phase::Down;
  s.dueUs = now() + randUs(5, 20);
}

void Soak::step(int m) {
  State& s = st_[static_cast<size_t>(m)];
  Member& mem = run_.members[static_cast<size_t>(m)];
  const qint64 t = now();
  if (s.phase == Phase::Down) {
    if (t >= s.dueUs) startLife(m);
    return;
  }
  HeadlessClient* c = mem.current();
  scan(m);
  if (!c->running()) {  // not our kill: a crash (or an exit nobody asked for)
    c->stop(1000);
    run_.crashes << QStringLiteral(
                        "%1 life %2 (pid %3) ended unexpectedly at %4 s: %5 exit, code %6; stderr: %7")
                        .arg(mem.name)
                        .arg(mem.lives.size() - 1)
                        .arg(c->pid())
                        .arg(static_cast<double>(t - run_.startUs) / 1e6, 0, 'f', 1)
                        .arg(c->exitedNormally() ? QStringLiteral("normal") : QStringLiteral("crash"))
                        .arg(c->exitCode())
                        .arg(QString::fromUtf8(c->stderrText().right(300)));
    log(run_.crashes.back());
    endLife(m, false);
    return;
  }
  switch (s.phase) {
    case Phase::Connecting:
      if (s.connected) {
        command(m, QStringLiteral("join"),
                {{QStringLiteral("room"), run_.room}, {QStringLiteral("nick"), mem.name}});
        s.phase = Phase::InRoom;
        s.notJoinedSinceUs = t;
      }
      break;
    case Phase::Excluded:
      if (t >= s.dueUs) {
        command(m, QStringLiteral("part"), {});
        s.phase = Phase::Parting;
        s.dueUs = t + 2'000'000;
      }
      break;
    case Phase::Parting:
      if (t >= s.dueUs && c->lastState() == QLatin1String("parted")) {
        command(m, QStringLiteral("join"),
                {{QStringLiteral("room"), run_.room}, {QStringLiteral("nick"), mem.name}});
        s.phase = Phase::InRoom;
        s.notJoinedSinceUs = t;
        s.nextIncludeUs = t + randUs(3, 8);  // the include action: someone takes it back in
      }
      break;
    case Phase::InRoom: {
      if (c->lastState() == QLatin1String("joined")) {
        s.notJoinedSinceUs = -1;
        break;
      }
      if (s.notJoinedSinceUs < 0) {
        s.notJoinedSinceUs = t;
        s.nextIncludeUs = t + 20'000'000;  // not re-included on its own (rejoining) within 20 s
      }
      // Kicked while joining (T-EO) or timed out (T-TO1), the session re-enters by itself after
      // 50-75 % of the join timeout (60 s with real timers): the driver steps in only after that.
      if (c->lastState() == QLatin1String("parted") && t - s.stateSinceUs > 60'000'000) {
        log(mem.name + QStringLiteral(": parted for 60 s: part and join again"));
        s.phase = Phase::Excluded;
        s.dueUs = t;
      }
      break;
    }
    case Phase::Down:
      break;
  }
}

// The include action, as a user would do it on a join request: the members
// waiting in the room (not joined for 20 s, or 3-8 s after the driver's own
// rejoin of an excluded member) are included together by one member who can:
// a random joined one or, when nobody is joined (after the server restart, a
// member that came back first alone), one alone with its own chain.
void Soak::includePass() {
  const qint64 t = now();
  std::vector<int> waiting, includers, lone;
  for (int m = 0; m < static_cast<int>(run_.members.size()); ++m) {
    const State& s = st_[static_cast<size_t>(m)];
    const HeadlessClient* c = run_.members[static_cast<size_t>(m)].current();
    if (s.phase != Phase::InRoom || !c || !c->running()) continue;
    if (joined(m)) {
      includers.push_back(m);
    } else if (c->lastState() == QLatin1String("joining")) {
      if (ownChain(*c))
        lone.push_back(m);
      else if (t >= s.nextIncludeUs)
        waiting.push_back(m);
    }
  }
  if (includers.empty()) includers = lone;
  if (waiting.empty() || includers.empty()) return;
  const int by = includers[static_cast<size_t>(pick(static_cast<int>(includers.size())))];
  QJsonArray names;
  QStringList shown;
  for (const int m : waiting) {
    names.append(run_.members[static_cast<size_t>(m)].name);
    shown << run_.members[static_cast<size_t>(m)].name;
    st_[static_cast<size_t>(m)].nextIncludeUs = t + 15'000'000;
  }
  command(by, QStringLiteral("include"), {{QStringLiteral("members"), names}});
  run_.includesAsked += 1;
  log(QStringLiteral("%1 includes %2")
          .arg(run_.members[static_cast<size_t>(by)].name, shown.join(QLatin1Char(' '))));
}

void Soak::doSend() {
  std::vector<int> from = joinedMembers();
  if (from.empty() || pick(20) == 0) {  // now and then from anyone running (may be refused)
    from.clear();
    for (int m = 0; m < static_cast<int>(run_.members.size()); ++m)
      if (st_[static_cast<size_t>(m)].phase == Phase::InRoom) from.push_back(m);
  }
  if (from.empty()) return;
  const int m = from[static_cast<size_t>(pick(static_cast<int>(from.size())))];
  State& s = st_[static_cast<size_t>(m)];
  QString pad;
  for (int i = pick(120); i > 0; --i) pad += QLatin1Char(static_cast<char>('a' + pick(26)));
  const QString text =
      QStringLiteral("soak %1 #%2 %3").arg(run_.members[static_cast<size_t>(m)].name).arg(++s.seq).arg(pad);
  command(m, QStringLiteral("send"), {{QStringLiteral("text"), text}}, text);
}

void Soak::doKill() {
  const auto in = joinedMembers();
  if (in.size() < 3) return;
  const int m = in[static_cast<size_t>(pick(static_cast<int>(in.size())))];
  log(QStringLiteral("kill -9 %1 (pid %2)")
          .arg(run_.members[static_cast<size_t>(m)].name)
          .arg(run_.members[static_cast<size_t>(m)].current()->pid()));
  endLife(m, true);
  run_.kills += 1;
}

void Soak::doExclude() {
  const auto in = joinedMembers();
  if (in.size() < 3) return;
  const int by = in[static_cast<size_t>(pick(static_cast<int>(in.size())))];
  int target = by;
  while (target == by) target = in[static_cast<size_t>(pick(static_cast<int>(in.size())))];
  const QString name = run_.members[static_cast<size_t>(target)].name;
  log(QStringLiteral("%1 excludes %2").arg(run_.members[static_cast<size_t>(by)].name, name));
  command(by, QStringLiteral("exclude"), {{QStringLiteral("members"), QJsonArray{name}}});
  run_.excludesAsked += 1;
}

bool Soak::restartServer() {
  log(QStringLiteral("server restart: stop (load %1)").arg(loadavg()));
  run_.notes << QStringLiteral("load average at the server restart: %1").arg(loadavg());
  run_.serverStopUs = now();
  serverCpuS_ += cpuSeconds(server_.pid());
  if (!server_.stop()) {
    run_.problems << server_.lastError();
    return false;
  }
  pump(3000);
  if (!server_.start()) {
    run_.problems << QStringLiteral("the server did not restart: ") + server_.lastError();
    return false;
  }
  run_.serverUpUs = now();
  log(QStringLiteral("server restart: up again after %1 s")
          .arg(static_cast<double>(run_.serverUpUs - run_.serverStopUs) / 1e6, 0, 'f', 1));
  return true;
}

bool Soak::oneSession(QString* why) const {
  QStringList all;
  for (const auto& m : run_.members) all << m.occupant;
  all.sort();
  QString sid;
  for (size_t m = 0; m < run_.members.size(); ++m) {
    const HeadlessClient* c = run_.members[m].current();
    if (!joined(static_cast<int>(m)) || !c) {
      *why = run_.members[m].name + QStringLiteral(" not joined");
      return false;
    }
    const auto subs = c->all([](const HeadlessEvent& e) {
      return e.event() == QLatin1String("membership") && e.str("kind") == QLatin1String("subsession-started");
    });
    if (subs.empty()) return false;
    QStringList members = subs.back().list("members");
    members.sort();
    if (members != all) {
      *why = run_.members[m].name + QStringLiteral(" has ") + QString::number(members.size()) +
             QStringLiteral(" members");
      return false;
    }
    if (sid.isEmpty()) sid = subs.back().str("sid");
    if (subs.back().str("sid") != sid) {
      *why = run_.members[m].name + QStringLiteral(" in another sid");
      return false;
    }
  }
  return true;
}

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

}  // namespace

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
