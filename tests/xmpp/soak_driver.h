// The soak driver (tests/xmpp/soak_server.cpp runs it): the state it keeps
// of every member's current life and the steps of the seeded schedule.
#pragma once

#include <QFile>
#include <QJsonObject>
#include <QString>
#include <map>
#include <random>
#include <vector>

#include "prosody_fixture.h"
#include "soak_report.h"
#include "soak_support.h"

namespace mpenc::test::soak {

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

}  // namespace mpenc::test::soak
