// Cost of membership operations (START, INCLUDE 1, EXCLUDE 1, REFRESH) for
// n members: total compute over all members and on the critical path, next to
// the floor = (X25519 ops, Ed25519 signs and verifies the protocol needs) ×
// unit costs measured in the same run. Counters: ratio_total, ratio_critical.
#include <benchmark/benchmark.h>

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mpenc/codec/packets.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/greet/greeter.h"

using namespace mpenc;
using namespace mpenc::greet;
using Clock = std::chrono::steady_clock;

namespace {

struct Unit {
  double x25519 = 0, sign = 0, verify = 0, keygen = 0;  // seconds
};

Unit measureUnits() {
  static std::optional<Unit> u;
  if (u) return *u;
  crypto::SeededRng rng(1);
  auto k = crypto::SecretKey<32>::random(rng);
  auto p = crypto::x25519Base(k);
  auto kp = crypto::Ed25519KeyPair::generate(rng);
  Bytes msg(300, 7);
  auto sig = kp.sign(msg);
  constexpr int N = 400;
  Unit r;
  auto t0 = Clock::now();
  for (int i = 0; i < N; ++i) benchmark::DoNotOptimize(crypto::x25519(k, p));
  auto t1 = Clock::now();
  for (int i = 0; i < N; ++i) benchmark::DoNotOptimize(kp.sign(msg));
  auto t2 = Clock::now();
  for (int i = 0; i < N; ++i) benchmark::DoNotOptimize(crypto::ed25519Verify(kp.publicKey(), msg, sig));
  auto t3 = Clock::now();
  for (int i = 0; i < N; ++i) benchmark::DoNotOptimize(crypto::Ed25519KeyPair::generate(rng));
  auto t4 = Clock::now();
  r.keygen = std::chrono::duration<double>(t4 - t3).count() / N;
  r.x25519 = std::chrono::duration<double>(t1 - t0).count() / N;
  r.sign = std::chrono::duration<double>(t2 - t1).count() / N;
  r.verify = std::chrono::duration<double>(t3 - t2).count() / N;
  u = r;
  return r;
}

std::string id(std::size_t i) {
  return "member" + std::to_string(1000 + i) + "@example.org/r";
}

struct Net {
  struct M {
    std::unique_ptr<Greeter> g;
    std::optional<GreetStore> store;
    std::optional<Greeting> op;
    double busy = 0;  // seconds spent in this member's greeting code during the timed op
  };
  crypto::SeededRng rng{2};
  std::map<std::string, Ed25519Public> dir;
  std::map<std::string, M> ms;
  std::deque<std::pair<std::string, std::string>> q;
  double critical = 0;  // upflow chain + slowest member's broadcast phase

  void add(const std::string& who) {
    auto idk = crypto::Ed25519KeyPair::generate(rng);
    dir[who] = idk.publicKey();
    ms[who].g = std::make_unique<Greeter>(who, std::move(idk),
                                          [this](std::string_view x) -> std::optional<Ed25519Public> {
                                            auto it = dir.find(std::string(x));
                                            if (it == dir.end()) return std::nullopt;
                                            return it->second;
                                          });
  }
  void propose(const std::string& by, const std::vector<std::string>& target) {
    auto& m = ms.at(by);
    auto t0 = Clock::now();
    auto p = m.g->propose(m.store ? &*m.store : nullptr, target, Metadata{}, rng);
    const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
    m.busy += dt;
    critical += dt;
    q.emplace_back(by, p->wire);
    m.op.emplace(std::move(p->greeting));
  }
  void run() {
    std::map<std::string, double> broadcastPhase;
    while (!q.empty()) {
      auto [s, w] = q.front();
      q.pop_front();
      auto pk = codec::decodeWire(w);
      const auto& gp = std::get<codec::GreetingPacket>(*pk);
      const bool upflowTo = !gp.greetType.down();
      for (auto& [who, m] : ms) {
        auto t0 = Clock::now();
        if (!m.op) {
          if (!gp.prevPf) continue;
          m.op.emplace(std::move(*m.g->join(m.store ? &*m.store : nullptr, s, gp)));
        }
        auto r = m.op->recv(s, gp, rng);
        if (r && r->completed) m.store = m.op->takeResult(), m.op.reset();
        const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
        m.busy += dt;
        if (upflowTo && toString(gp.dest) == who)
          critical += dt;
        else
          broadcastPhase[who] += dt;
        if (r)
          for (auto& o : r->send) q.emplace_back(who, o.wire);
      }
    }
    double mx = 0;
    for (auto& [w, t] : broadcastPhase) mx = std::max(mx, t);
    critical += mx;
  }
  void reset() {
    critical = 0;
    for (auto& [w, m] : ms) m.busy = 0;
  }
  double total() const {
    double t = 0;
    for (auto& [w, m] : ms) t += m.busy;
    return t;
  }
};

enum Op { kStart, kInclude, kExclude, kRefresh };

// Primitive operations the protocol needs (not what this implementation
// happens to do), from protocol-wire.md §4.3/§4.4 (CLIQUES + ASKE), for n =
// members after the operation. Accounting as in Net: "critical" = the
// sequential upflow chain (proposal + each upflow recipient) + the slowest
// member's remaining work. Counts: x = X25519 scalar mults, s = Ed25519 signs,
// v = Ed25519 verifies, k = Ed25519 key generations (ephemeral keys).
//  - An upflow member at position j ≥ 1 raises the j other slots and computes
//    its cardinal: j+1 mults; position 0 computes g^a: 1. A downflow costs one
//    mult per own contribution (the initiator of a later operation holds 2
//    contributions here: the START's and the renewed one).
//  - Each member verifies every packet it must act on: the pI (initial
//    candidate, every member), upflows addressed to it, every broadcast
//    (downflow/confirmation: MESSAGE_SIGNATURE + SESSION_SIGNATURE).
//    Upflows addressed to others need no verification (they change nothing).
struct Floor {
  double x = 0, s = 0, v = 0, k = 0, xc = 0, sc = 0, vc = 0, kc = 0;  // total and critical path
};
Floor floorFor(Op op, double n) {
  Floor f;
  switch (op) {
    case kStart:
      f.x = 1 + (n - 1) * (n + 2) / 2 + (n - 1);  // upflow chain + n-1 downflows
      f.s = (n - 1) + 2 + 2 * (n - 1);  // n-1 upflows, downflow (+session), n-1 confirmations (+session)
      f.v =
          (n - 1) + n * 2 * (n - 1);  // upflow recipients; every broadcast (n of them, 2 sigs) by n-1 others
      f.k = n;
      f.xc = 1 + (n - 1) * (n + 2) / 2 + 1;
      f.sc = (n - 1) + 2 + 2;
      f.vc = (n - 1) + 2 * (n - 1);
      f.kc = n;
      break;
    case kInclude: {  // k = n-1 old members, 1 newcomer (last)
      const double k = n - 1;
      f.x = (k - 1 + 2) + (k + 1) + (k - 1 + 2);  // renew, newcomer upflow, old members' downflows
      f.s = 1 + 2 + 2 * k;
      f.v = (n - 1) + 2 * (n - 1) + 2 * k * (n - 1);  // pI, downflow, k confirmations: by n-1 others each
      f.k = 1;
      f.xc = (k + 1) + (k + 1) + 1;
      f.sc = 1 + 2 + 2;
      f.vc = 1 + (1 + 2 * k);
      f.kc = 1;
      break;
    }
    case kExclude:  // n = members after the exclusion
      f.x = (n - 1 + 2) + (n - 1);
      f.s = 2 + 2 * (n - 1);
      f.v = 2 * (n - 1) + 2 * (n - 1) * (n - 1);
      f.xc = (n - 1 + 2) + 1;
      f.sc = 2 + 2;
      f.vc = 2 * (n - 1);
      break;
    case kRefresh:
      f.x = (n - 1 + 2) + (n - 1);
      f.s = 1;
      f.v = n - 1;
      f.xc = (n - 1 + 2) + 1;
      f.sc = 1;
      f.vc = 1;
      break;
  }
  return f;
}

void BM_Greet(benchmark::State& state, Op op) {
  crypto::initialize();
  const auto n = static_cast<std::size_t>(state.range(0));
  const Unit u = measureUnits();
  double total = 0, critical = 0;
  std::size_t iters = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Net net;
    std::vector<std::string> all;
    for (std::size_t i = 0; i < n + 1; ++i) net.add(id(i)), all.push_back(id(i));
    std::vector<std::string> start(all.begin(),
                                   all.begin() + static_cast<std::ptrdiff_t>(op == kStart ? n : n));
    std::vector<std::string> target;
    if (op != kStart) {
      std::vector<std::string> first(all.begin(),
                                     all.begin() + static_cast<std::ptrdiff_t>(op == kInclude ? n - 1 : n));
      if (op == kExclude && n >= 2) first.push_back(all[n]);  // n+1 members, exclude one → n
      net.propose(all[0], first);
      net.run();
      net.reset();
      target = op == kInclude
                   ? std::vector<std::string>(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n))
                   : std::vector<std::string>(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
      if (op == kExclude) net.ms.erase(all[n]);  // the excluded member does no work for the new key
      if (op != kExclude) net.ms.erase(all[n]);  // not part of this benchmark
      // Members outside the setup START kept its (Excluded) Greeting: without
      // this reset the newcomer ignored the INCLUDE and it never completed.
      for (auto& [who, m] : net.ms) m.op.reset();
    } else {
      target = start;
      net.ms.erase(all[n]);
    }
    state.ResumeTiming();
    net.propose(all[0], target);
    net.run();
    total += net.total();
    critical += net.critical;
    ++iters;
    state.PauseTiming();
    for (const auto& t : target) {  // the operation must have completed for every target member
      auto& m = net.ms.at(t);
      if (!m.store || m.op || m.store->members().size() != target.size() ||
          !(m.store->groupKey == net.ms.at(target[0]).store->groupKey)) {
        state.SkipWithError("operation did not complete for every target member");
        return;
      }
    }
    state.ResumeTiming();
  }
  const Floor f = floorFor(op, static_cast<double>(n));
  const double floorTotal = f.x * u.x25519 + f.s * u.sign + f.v * u.verify + f.k * u.keygen;
  const double floorCrit = f.xc * u.x25519 + f.sc * u.sign + f.vc * u.verify + f.kc * u.keygen;
  const double it = static_cast<double>(iters);
  state.counters["total_ms"] = 1e3 * total / it;
  state.counters["critical_ms"] = 1e3 * critical / it;
  state.counters["floor_total_ms"] = 1e3 * floorTotal;
  state.counters["floor_critical_ms"] = 1e3 * floorCrit;
  state.counters["ratio_total"] = (total / it) / floorTotal;
  state.counters["ratio_critical"] = (critical / it) / floorCrit;
  state.counters["unit_x25519_us"] = 1e6 * u.x25519;
  state.counters["unit_sign_us"] = 1e6 * u.sign;
  state.counters["unit_verify_us"] = 1e6 * u.verify;
}

}  // namespace

BENCHMARK_CAPTURE(BM_Greet, start, kStart)
    ->RangeMultiplier(2)
    ->Range(2, 128)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_Greet, include1, kInclude)
    ->RangeMultiplier(2)
    ->Range(4, 128)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_Greet, exclude1, kExclude)
    ->RangeMultiplier(2)
    ->Range(2, 128)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_Greet, refresh, kRefresh)
    ->RangeMultiplier(2)
    ->Range(2, 128)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

BENCHMARK_MAIN();
