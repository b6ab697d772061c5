// Membership operations through the whole Session facade (routing, packet
// decoding, membership engine, greeting, subsession rotation) on the
// simulated channel, where bench_greet drives the greeting layer directly.
// One REFRESH by the first member per iteration, n members.
// BM_SessionRefresh counters (thread CPU time):
//  - us_op_total: compute of all members for the whole operation (every
//    channel event it causes: greeting packets, chain acks, FINs);
//  - us_greeting_receive: mean time of one member's onChannelEvent() for one
//    received greeting packet (the path issue 12 decodes once);
//  - greeting_packets: greeting packets delivered per operation (all members).
#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "mpenc/codec/packets.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/session/session.h"
#include "sim_channel.h"

using namespace mpenc;
using namespace mpenc::session;
namespace {

// Thread CPU time: this benchmark runs every member in one thread, and the
// machine it runs on is shared (builds beside it); CPU time is what the
// operation costs, wall time would add whatever else was scheduled.
struct Clock {
  using duration = std::chrono::nanoseconds;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<Clock>;
  static constexpr bool is_steady = true;
  static time_point now() noexcept {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return time_point(duration(static_cast<rep>(ts.tv_sec) * 1000000000 + ts.tv_nsec));
  }
};

class BenchChannel : public GroupChannel {
 public:
  BenchChannel(testing::SimChannel& ch, std::string self) : ch_(ch), self_(std::move(self)) {}
  void send(const std::string& wire, const MemberSet&) override { ch_.send(self_, wire); }
  void enter() override { ch_.enter(self_); }
  void leave() override { ch_.leave(self_); }
  bool kick(const MemberId& m) override {
    ch_.kick(m);
    return true;
  }
  std::optional<MemberSet> members() const override { return ch_.members(); }

 private:
  testing::SimChannel& ch_;
  std::string self_;
};

bool isGreeting(const ChannelEvent& ev) {
  if (ev.kind != ChannelEvent::Kind::Packet) return false;
  auto p = codec::decodeWire(ev.wire);
  return p && std::holds_alternative<codec::GreetingPacket>(*p);
}

void BM_SessionRefresh(benchmark::State& state) {
  if (!crypto::initialize()) {
    state.SkipWithError("crypto init failed");
    return;
  }
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  crypto::SeededRng rng(11);
  std::vector<std::string> ids;
  std::map<std::string, crypto::Ed25519Public> directory;
  std::vector<std::unique_ptr<crypto::SeededRng>> rngs;
  std::vector<std::unique_ptr<BenchChannel>> chans;
  std::vector<std::unique_ptr<Session>> sessions;
  std::map<std::string, Session*> byId;
  Millis now{0};
  bool measuring = false;
  Clock::duration opT{}, greetT{};
  std::uint64_t greetings = 0;
  testing::SimChannel ch([&](const std::string& to, const ChannelEvent& ev) {
    Session* s = byId.at(to);
    const bool greet = measuring && isGreeting(ev);  // classified outside the timed region
    const auto t0 = Clock::now();
    s->onChannelEvent(ev, now);
    const auto dt = Clock::now() - t0;
    if (!measuring) return;
    opT += dt;
    if (greet) {
      greetT += dt;
      ++greetings;
    }
  });
  for (std::size_t i = 0; i < n; ++i) {
    ids.push_back("room@muc.x/m" + std::to_string(i));
    auto key = crypto::Ed25519KeyPair::generate(rng);
    directory[ids.back()] = key.publicKey();
    MembershipConfig m{ids.back(), std::move(key), [&directory](std::string_view x) {
                         auto it = directory.find(std::string(x));
                         return it == directory.end() ? std::nullopt
                                                      : std::optional<crypto::Ed25519Public>(it->second);
                       }};
    m.autoIncludeJoiners = true;
    SessionConfig cfg{std::move(m)};
    rngs.push_back(std::make_unique<crypto::SeededRng>(200 + i));
    chans.push_back(std::make_unique<BenchChannel>(ch, ids.back()));
    sessions.push_back(std::make_unique<Session>(std::move(cfg), *chans.back(), *rngs.back()));
    byId[ids.back()] = sessions.back().get();
    for (std::size_t j = 0; j < i; ++j) {
      sessions[j]->setPeerFeatures(ids[i], {"abort", "chain-ack"});
      sessions[i]->setPeerFeatures(ids[j], {"abort", "chain-ack"});
    }
    sessions.back()->join(now);
    for (int k = 0; k < 50 && ch.pending(); ++k) ch.run();
  }
  for (const auto& s : sessions)
    if (s->state() != SessionState::Joined || s->members().size() != n) {
      state.SkipWithError("session not established");
      return;
    }
  std::uint64_t ops = 0;
  for (auto _ : state) {
    // Between operations (untimed): let the previous subsessions shut down.
    now += Millis{100000};
    for (auto& s : sessions) s->advance(now);
    ch.run();
    const auto before = sessions[0]->sessionId();
    std::vector<std::optional<transcript::SubsessionIdx>> idx;  // each member numbers its own
    for (const auto& s : sessions) idx.push_back(s->currentIndex());
    measuring = true;
    const auto t0 = Clock::now();
    auto r = sessions[0]->refresh(now);
    opT += Clock::now() - t0;
    if (!r) {
      state.SkipWithError("refresh refused");
      return;
    }
    ch.run();
    measuring = false;
    ++ops;
    for (std::size_t i = 0; i < n; ++i)
      if (sessions[i]->currentIndex() == idx[i] || sessions[i]->sessionId() != before ||
          sessions[i]->operationOngoing()) {
        state.SkipWithError("refresh did not complete for every member");
        return;
      }
  }
  const double o = static_cast<double>(ops);
  state.counters["us_op_total"] = 1e6 * std::chrono::duration<double>(opT).count() / o;
  state.counters["us_greeting_receive"] =
      greetings ? 1e6 * std::chrono::duration<double>(greetT).count() / static_cast<double>(greetings) : 0.0;
  state.counters["greeting_packets"] = static_cast<double>(greetings) / o;
}

// What decoding one greeting packet costs (codec::decodeWire), over every
// greeting packet a group of n produced while forming (START + INCLUDEs,
// downflows with n intermediate keys): the work issue 12 removed, twice per
// received initial or final candidate and once per other greeting packet.
void BM_DecodeGreeting(benchmark::State& state) {
  if (!crypto::initialize()) {
    state.SkipWithError("crypto init failed");
    return;
  }
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  std::vector<std::string> wires;
  {
    crypto::SeededRng rng(13);
    std::map<std::string, crypto::Ed25519Public> directory;
    std::vector<std::unique_ptr<crypto::SeededRng>> rngs;
    std::vector<std::unique_ptr<BenchChannel>> chans;
    std::vector<std::unique_ptr<Session>> sessions;
    std::map<std::string, Session*> byId;
    testing::SimChannel ch(
        [&](const std::string& to, const ChannelEvent& ev) { byId.at(to)->onChannelEvent(ev, Millis{0}); });
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < n; ++i) {
      ids.push_back("room@muc.x/m" + std::to_string(i));
      auto key = crypto::Ed25519KeyPair::generate(rng);
      directory[ids.back()] = key.publicKey();
      MembershipConfig m{ids.back(), std::move(key), [&directory](std::string_view x) {
                           auto it = directory.find(std::string(x));
                           return it == directory.end() ? std::nullopt
                                                        : std::optional<crypto::Ed25519Public>(it->second);
                         }};
      m.autoIncludeJoiners = true;
      rngs.push_back(std::make_unique<crypto::SeededRng>(300 + i));
      chans.push_back(std::make_unique<BenchChannel>(ch, ids.back()));
      sessions.push_back(std::make_unique<Session>(SessionConfig{std::move(m)}, *chans.back(), *rngs.back()));
      byId[ids.back()] = sessions.back().get();
      sessions.back()->join(Millis{0});
      for (int k = 0; k < 50 && ch.pending(); ++k) ch.run();
    }
    for (const auto& [from, w] : ch.packetLog()) {
      auto p = codec::decodeWire(w);
      if (p && std::holds_alternative<codec::GreetingPacket>(*p)) wires.push_back(w);
    }
  }
  if (wires.empty()) {
    state.SkipWithError("no greeting packets");
    return;
  }
  std::size_t bytes = 0, biggest = 0;
  for (const auto& w : wires) bytes += w.size(), biggest = std::max(biggest, w.size());
  std::uint64_t decodes = 0;
  for (auto _ : state)
    for (const auto& w : wires) {
      benchmark::DoNotOptimize(codec::decodeWire(w));
      ++decodes;
    }
  state.SetItemsProcessed(static_cast<std::int64_t>(decodes));
  // kIsRate | kInvert: elapsed time per (decodes × 1e-6), i.e. µs per decode.
  state.counters["us_per_decode"] = benchmark::Counter(
      static_cast<double>(decodes) * 1e-6, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["packets"] = static_cast<double>(wires.size());
  state.counters["mean_bytes"] = static_cast<double>(bytes) / static_cast<double>(wires.size());
  state.counters["max_bytes"] = static_cast<double>(biggest);
}

}  // namespace

BENCHMARK(BM_SessionRefresh)->Arg(2)->Arg(4)->Arg(8)->Iterations(10)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DecodeGreeting)->Arg(4)->Arg(8)->Arg(16)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
