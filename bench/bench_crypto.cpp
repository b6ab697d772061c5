// Google Benchmark of the crypto boundary and of sealing/opening one data
// message. `ratio_open_vs_primitives` = openData time / (Ed25519 verify +
// AES-256-CTR + SHA-256 of the same sizes), all measured in this run: how much
// the protocol layer adds on top of the primitives it cannot avoid.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>

#include "mpenc/codec/plaintext.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/proto/data_message.h"
#include "mpenc/proto/ids.h"

using namespace mpenc;
namespace crypto = mpenc::crypto;
namespace proto = mpenc::proto;
namespace codec = mpenc::codec;

namespace {

struct Fixture {
  crypto::SeededRng rng{2024};
  crypto::X25519Secret xs = crypto::X25519Secret::random(rng);
  FixedBytes<32> point = crypto::x25519Base(crypto::X25519Secret::random(rng));
  crypto::Ed25519KeyPair kp = crypto::Ed25519KeyPair::generate(rng);
  Bytes kib = rng.bytes(1024);
  Bytes msg100 = rng.bytes(100);
  crypto::Ed25519Signature sig100 = kp.sign(msg100);
  FixedBytes<32> aesKey = rng.bytes<32>();
  FixedBytes<16> iv = rng.bytes<16>();
  proto::SubsessionKeys keys = [this] {
    proto::SubsessionKeys k;
    k.sid = rng.bytes<32>();
    k.groupKey = crypto::SecretKey<32>::random(rng);
    return k;
  }();
  codec::Plaintext plaintext = [] {
    codec::Plaintext p;
    p.body = codec::Body::payload(std::string(100, 'm'));
    return p;
  }();
  proto::SealedData sealed = proto::sealData(keys, kp, plaintext, rng);
  // The signed message openData verifies: "datamsgsig" ‖ hash ‖ S.
  Bytes openSigned = [this] {
    Bytes m = toBytes("datamsgsig");
    append(m, keys.sidKeyHash());
    append(m, sealed.packet.signedContent);
    return m;
  }();
};

Fixture& fx() {
  static Fixture f;
  return f;
}

template <class F>
double secondsPerCall(F&& f, int iterations) {
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) f();
  const auto t1 = std::chrono::steady_clock::now();
  return std::chrono::duration<double>(t1 - t0).count() / iterations;
}

void BM_X25519(benchmark::State& st) {
  auto& f = fx();
  for (auto _ : st) benchmark::DoNotOptimize(crypto::x25519(f.xs, f.point));
}
void BM_X25519Base(benchmark::State& st) {
  auto& f = fx();
  for (auto _ : st) benchmark::DoNotOptimize(crypto::x25519Base(f.xs));
}
void BM_Ed25519Sign100(benchmark::State& st) {
  auto& f = fx();
  for (auto _ : st) benchmark::DoNotOptimize(f.kp.sign(f.msg100));
}
void BM_Ed25519Verify100(benchmark::State& st) {
  auto& f = fx();
  for (auto _ : st) benchmark::DoNotOptimize(crypto::ed25519Verify(f.kp.publicKey(), f.msg100, f.sig100));
}
void BM_Sha256_1KiB(benchmark::State& st) {
  auto& f = fx();
  for (auto _ : st) benchmark::DoNotOptimize(crypto::sha256(f.kib));
  st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations()) * 1024);
}
void BM_Aes256Ctr_1KiB(benchmark::State& st) {
  auto& f = fx();
  const std::span<const std::uint8_t, 32> key(f.aesKey);
  for (auto _ : st) benchmark::DoNotOptimize(crypto::aes256Ctr(key, f.iv, f.kib));
  st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations()) * 1024);
}
void BM_HkdfGroupKey(benchmark::State& st) {
  auto& f = fx();
  for (auto _ : st) benchmark::DoNotOptimize(proto::deriveGroupKey(f.keys.groupKey));
}
void BM_SealData100(benchmark::State& st) {
  auto& f = fx();
  for (auto _ : st) benchmark::DoNotOptimize(proto::sealData(f.keys, f.kp, f.plaintext, f.rng));
}
void BM_OpenData100(benchmark::State& st) {
  auto& f = fx();
  const crypto::Ed25519Public cands[] = {f.kp.publicKey()};
  for (auto _ : st) {
    auto r = proto::openData(f.keys, cands, f.sealed.packet);
    if (!r) st.SkipWithError("openData failed");
    benchmark::DoNotOptimize(r);
  }
  // The floor, measured now on the same machine: one verify of the same
  // message, one AES-256-CTR pass over the ciphertext, one SHA-256 (message ID).
  const std::span<const std::uint8_t, 32> key(f.aesKey);
  const int n = 2000;
  const double verify = secondsPerCall(
      [&] {
        benchmark::DoNotOptimize(
            crypto::ed25519Verify(f.kp.publicKey(), f.openSigned, f.sealed.packet.signature));
      },
      n);
  const double aes = secondsPerCall(
      [&] { benchmark::DoNotOptimize(crypto::aes256Ctr(key, f.iv, f.sealed.packet.ciphertext)); }, n);
  const double sha = secondsPerCall([&] { benchmark::DoNotOptimize(crypto::sha256(f.openSigned)); }, n);
  const double open =
      secondsPerCall([&] { benchmark::DoNotOptimize(proto::openData(f.keys, cands, f.sealed.packet)); }, n);
  st.counters["ratio_open_vs_primitives"] = open / (verify + aes + sha);
}

}  // namespace

BENCHMARK(BM_X25519);
BENCHMARK(BM_X25519Base);
BENCHMARK(BM_Ed25519Sign100);
BENCHMARK(BM_Ed25519Verify100);
BENCHMARK(BM_Sha256_1KiB);
BENCHMARK(BM_Aes256Ctr_1KiB);
BENCHMARK(BM_HkdfGroupKey);
BENCHMARK(BM_SealData100);
BENCHMARK(BM_OpenData100);

int main(int argc, char** argv) {
  if (!crypto::initialize()) {
    std::fprintf(stderr, "libsodium initialisation failed\n");
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
