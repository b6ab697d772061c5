#include "bench_xmpp_measure.h"

#include <unistd.h>

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>
#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <memory>

#include "mpenc/codec/packets.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/greet/greeter.h"

namespace mpenc::test::bench {

namespace {
using Clock = std::chrono::steady_clock;
}  // namespace

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<size_t>(
      std::min<double>(static_cast<double>(v.size()) - 1, p * static_cast<double>(v.size() - 1) + 0.5));
  return v[i];
}

double processCpuSeconds(qint64 pid) {
  QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
  if (!f.open(QIODevice::ReadOnly)) return 0;
  const QByteArray line = f.readAll();
  const auto close = line.lastIndexOf(')');  // the command name may hold spaces
  if (close < 0) return 0;
  const QList<QByteArray> fields = line.mid(close + 2).split(' ');
  // after "pid (comm) ": state is field 0, utime field 11, stime field 12
  if (fields.size() < 13) return 0;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  return (fields[11].toDouble() + fields[12].toDouble()) / ticks;
}

namespace {

struct GreetNet {
  mpenc::crypto::SeededRng rng{7};
  std::map<std::string, mpenc::crypto::Ed25519Public> dir;
  struct M {
    std::unique_ptr<mpenc::greet::Greeter> g;
    std::optional<mpenc::greet::GreetStore> store;
    std::optional<mpenc::greet::Greeting> op;
  };
  std::map<std::string, M> ms;
  std::deque<std::pair<std::string, std::string>> q;
  double critical = 0;
  double total = 0;  // every member's greeting work, summed

  void add(const std::string& who) {
    auto idk = mpenc::crypto::Ed25519KeyPair::generate(rng);
    dir[who] = idk.publicKey();
    ms[who].g = std::make_unique<mpenc::greet::Greeter>(
        who, std::move(idk), [this](std::string_view x) -> std::optional<mpenc::crypto::Ed25519Public> {
          auto it = dir.find(std::string(x));
          if (it == dir.end()) return std::nullopt;
          return it->second;
        });
  }
  bool start(const std::vector<std::string>& target) {
    auto& m = ms.at(target[0]);
    const auto t0 = Clock::now();
    auto p = m.g->propose(nullptr, target, mpenc::greet::Metadata{}, rng);
    critical += std::chrono::duration<double>(Clock::now() - t0).count();
    total += critical;
    if (!p) return false;
    q.emplace_back(target[0], p->wire);
    m.op.emplace(std::move(p->greeting));
    std::map<std::string, double> broadcast;
    while (!q.empty()) {
      auto [s, w] = q.front();
      q.pop_front();
      auto pk = mpenc::codec::decodeWire(w);
      const auto& gp = std::get<mpenc::codec::GreetingPacket>(*pk);
      const bool upflow = !gp.greetType.down();
      for (auto& [who, mm] : ms) {
        const auto t1 = Clock::now();
        if (!mm.op) {
          if (!gp.prevPf) continue;
          auto j = mm.g->join(nullptr, s, gp);
          if (!j) continue;
          mm.op.emplace(std::move(*j));
        }
        auto r = mm.op->recv(s, gp, rng);
        if (r && r->completed) mm.store = mm.op->takeResult(), mm.op.reset();
        const double dt = std::chrono::duration<double>(Clock::now() - t1).count();
        total += dt;
        if (upflow && mpenc::toString(gp.dest) == who)
          critical += dt;
        else
          broadcast[who] += dt;
        if (r)
          for (auto& o : r->send) q.emplace_back(who, o.wire);
      }
    }
    double mx = 0;
    for (auto& [w, t] : broadcast) mx = std::max(mx, t);
    critical += mx;
    for (const auto& t : target)
      if (!ms.at(t).store) return false;
    return true;
  }
};

}  // namespace

std::optional<Compute> startCompute(const std::vector<std::string>& ids) {
  mpenc::crypto::initialize();
  std::vector<double> crit, tot;
  for (int k = 0; k < 3; ++k) {
    GreetNet net;
    std::vector<std::string> target;
    for (const auto& id : ids) {
      net.add(id);
      target.push_back(id);
    }
    if (!net.start(target)) return std::nullopt;
    crit.push_back(net.critical);
    tot.push_back(net.total);
  }
  return Compute{median(crit), median(tot)};
}

}  // namespace mpenc::test::bench
