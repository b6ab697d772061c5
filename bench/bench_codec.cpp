// Codec micro-benchmarks: greeting and data packet encode/decode, wire
// framing (base64), padding and body JSON.
#include <benchmark/benchmark.h>

#include <string>

#include "mpenc/codec/packets.h"
#include "mpenc/codec/plaintext.h"
#include "mpenc/codec/wire.h"

using namespace mpenc;
using namespace mpenc::codec;

namespace {

template <std::size_t N>
FixedBytes<N> filled(std::uint8_t v) {
  FixedBytes<N> out{};
  out.fill(v);
  return out;
}

/// A typical 5-member START broadcast (INIT_PARTICIPANT_DOWN), ~770 bytes.
GreetingPacket typicalGreeting() {
  GreetingPacket p;
  p.signature = filled<64>(1);
  p.greetType = GreetType(GreetType::InitParticipantDown);
  p.source = toBytes("erin@example.org/phone");
  for (const char* m : {"alice@example.org/laptop", "bob@example.org/desk", "carol@example.org/phone",
                        "dave@example.org/tablet", "erin@example.org/phone"}) {
    p.members.push_back(toBytes(m));
    p.intKeys.emplace_back(32, 0x22);
    p.nonces.push_back(filled<32>(0x33));
    p.pubKeys.push_back(filled<32>(0x44));
  }
  p.sessionSignature = filled<64>(5);
  return p;
}

DataPacket typicalData() {
  DataPacket d;
  d.sidkeyHint = 0x42;
  d.signature = filled<64>(7);
  d.iv = filled<12>(9);
  d.ciphertext = Bytes(256, 0xab);
  return d;
}

const std::string kText =
    "hello from alice \xe2\x80\x94 gr\xc3\xbc\xc3\x9f"
    "e \xf0\x9f\x98\x80 with a \"quote\", a tab\t and a newline\n";

void BM_GreetingEncode(benchmark::State& state) {
  const GreetingPacket p = typicalGreeting();
  for (auto _ : state) benchmark::DoNotOptimize(encodeGreeting(p));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(encodeGreeting(p).size()));
}
BENCHMARK(BM_GreetingEncode);

void BM_GreetingDecode(benchmark::State& state) {
  const Bytes tlv = encodeGreeting(typicalGreeting());
  for (auto _ : state) benchmark::DoNotOptimize(decodePacket(tlv));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(tlv.size()));
}
BENCHMARK(BM_GreetingDecode);

void BM_DataEncode(benchmark::State& state) {
  const DataPacket d = typicalData();
  for (auto _ : state) benchmark::DoNotOptimize(encodeData(d));
}
BENCHMARK(BM_DataEncode);

void BM_DataDecode(benchmark::State& state) {
  const Bytes tlv = encodeData(typicalData());
  for (auto _ : state) benchmark::DoNotOptimize(decodePacket(tlv));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(tlv.size()));
}
BENCHMARK(BM_DataDecode);

void BM_WireFrame(benchmark::State& state) {
  const Bytes tlv = encodeGreeting(typicalGreeting());
  for (auto _ : state) benchmark::DoNotOptimize(frame(tlv));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(tlv.size()));
}
BENCHMARK(BM_WireFrame);

void BM_WireDecode(benchmark::State& state) {
  const std::string wire = encodeWire(typicalGreeting());
  for (auto _ : state) benchmark::DoNotOptimize(decodeWire(wire));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(wire.size()));
}
BENCHMARK(BM_WireDecode);

void BM_Pad(benchmark::State& state) {
  const Bytes t(static_cast<std::size_t>(state.range(0)), 0x61);
  for (auto _ : state) benchmark::DoNotOptimize(pad(t));
}
BENCHMARK(BM_Pad)->Arg(100)->Arg(1000)->Arg(30000);

void BM_Unpad(benchmark::State& state) {
  const Bytes padded = pad(Bytes(static_cast<std::size_t>(state.range(0)), 0x61));
  for (auto _ : state) benchmark::DoNotOptimize(unpad(padded));
}
BENCHMARK(BM_Unpad)->Arg(100)->Arg(1000)->Arg(30000);

void BM_BodyEncode(benchmark::State& state) {
  const Body b = Body::payload(kText);
  for (auto _ : state) benchmark::DoNotOptimize(encodeBody(b));
}
BENCHMARK(BM_BodyEncode);

void BM_BodyDecode(benchmark::State& state) {
  const Bytes enc = encodeBody(Body::payload(kText));
  for (auto _ : state) benchmark::DoNotOptimize(decodeBody(enc));
}
BENCHMARK(BM_BodyDecode);

void BM_PlaintextRoundTrip(benchmark::State& state) {
  Plaintext p;
  p.parents = {filled<20>(1), filled<20>(2)};
  p.body = Body::payload(kText);
  for (auto _ : state) {
    auto t = unpad(pad(encodePlaintextRecords(p)));
    benchmark::DoNotOptimize(decodePlaintextRecords(*t));
  }
}
BENCHMARK(BM_PlaintextRoundTrip);

}  // namespace

BENCHMARK_MAIN();
