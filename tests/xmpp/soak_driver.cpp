// The soak driver's steps (see soak_driver.h and soak_server.cpp).
#include "soak_driver.h"

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

namespace mpenc::test::soak {

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

}  // namespace mpenc::test::soak
