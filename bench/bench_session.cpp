// Per-message cost of the subsession engine vs the bare primitives it must
// run anyway, measured in the same run.
//  - send    = seal (pad, AES-256-CTR, Ed25519 sign, message ID) + transcript
//              insert + monitor bookkeeping;
//  - receive = decode + ID pre-check + verify + decrypt + causal buffer +
//              transcript insert + ack bookkeeping.
//  - primitive floor: send = AES-256-CTR + Ed25519 sign + SHA-256 (ID);
//                     receive = Ed25519 verify + AES-256-CTR + SHA-256 (ID).
// Counters ratio_send / ratio_receive = engine / floor (goal ≤ 1.3).
#include <benchmark/benchmark.h>

#include <chrono>
#include <memory>
#include <string>

#include "mpenc/codec/plaintext.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/proto/data_message.h"
#include "mpenc/session/subsession.h"

using namespace mpenc;
using namespace mpenc::session;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

void BM_SubsessionPingPong(benchmark::State& state) {
  if (!crypto::initialize()) {
    state.SkipWithError("crypto init failed");
    return;
  }
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  crypto::SeededRng rng(42);
  proto::SubsessionKeys keys;
  keys.sid = rng.bytes<32>();
  keys.groupKey = crypto::SecretKey<32>::random(rng);
  std::vector<crypto::Ed25519KeyPair> eph;
  std::vector<MessageSecurity::Member> members;
  for (std::size_t i = 0; i < n; ++i) {
    eph.push_back(crypto::Ed25519KeyPair::generate(rng));
    members.push_back({"member" + std::to_string(i), eph.back().publicKey()});
  }
  std::vector<std::unique_ptr<Subsession>> subs;
  for (std::size_t i = 0; i < n; ++i) {
    proto::SubsessionKeys k;
    k.sid = keys.sid;
    k.groupKey = keys.groupKey.clone();
    subs.push_back(std::make_unique<Subsession>(SubsessionConfig{members[i].id, members, Timing{}, 0},
                                                std::move(k), eph[i].clone(), rng, Millis{0}));
  }
  const std::string text(100, 'x');  // a typical chat line
  Clock::duration sendT{}, recvT{}, primSendT{}, primRecvT{};
  std::uint64_t sends = 0, receives = 0;
  Millis now{0};
  std::size_t who = 0;
  for (auto _ : state) {
    now += Millis{10};
    auto t0 = Clock::now();
    auto out = subs[who]->sendPayload(text, now);
    sendT += Clock::now() - t0;
    ++sends;
    if (!out) {
      state.SkipWithError("send refused");
      return;
    }
    // Deliver to every other member (not the reflection: measured separately by the duplicate path).
    for (std::size_t j = 0; j < n; ++j) {
      if (j == who) continue;
      Subsession* c[] = {subs[j].get()};
      UndecryptableBuffer pending;
      const auto t1 = Clock::now();
      auto r = receiveData(c, pending, members[who].id, out->send[0], now);
      recvT += Clock::now() - t1;
      ++receives;
      benchmark::DoNotOptimize(r);
    }
    who = (who + 1) % n;

    // The floor, same sizes, same run.
    const Bytes padded = codec::pad(codec::encodePlaintextRecords({{}, codec::Body::payload(text)}));
    FixedBytes<16> iv{};
    const auto t2 = Clock::now();
    Bytes c = crypto::aes256Ctr(keys.groupKey.view(), iv, padded);
    auto sig = eph[0].sign(c);
    auto id = crypto::sha256(c);
    primSendT += Clock::now() - t2;
    const auto t3 = Clock::now();
    const bool ok = crypto::ed25519Verify(eph[0].publicKey(), c, sig);
    Bytes p = crypto::aes256Ctr(keys.groupKey.view(), iv, c);
    auto id2 = crypto::sha256(c);
    primRecvT += Clock::now() - t3;
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(p);
    benchmark::DoNotOptimize(id);
    benchmark::DoNotOptimize(id2);
  }
  const double s = seconds(sendT) / static_cast<double>(sends);
  const double r = seconds(recvT) / static_cast<double>(receives);
  const double ps = seconds(primSendT) / static_cast<double>(sends);
  const double pr = seconds(primRecvT) / static_cast<double>(sends);
  state.counters["us_send"] = s * 1e6;
  state.counters["us_receive"] = r * 1e6;
  state.counters["us_floor_send"] = ps * 1e6;
  state.counters["us_floor_receive"] = pr * 1e6;
  state.counters["ratio_send"] = s / ps;
  state.counters["ratio_receive"] = r / pr;
  state.counters["transcript"] = static_cast<double>(subs[0]->transcript().size());
}

}  // namespace

BENCHMARK(BM_SubsessionPingPong)->Arg(2)->Arg(5)->Arg(8)->Iterations(3000)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
