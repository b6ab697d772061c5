// Transcript benchmarks: insert cost per message (all accept-time checks, the
// vector clock and the A-5 ack walk), isAncestor query time, and memory per
// message, at 10k and 100k messages with 5 and 50 authors.
//
// Histories are generated once per size: each author sees a lagging prefix of
// the global history (lag 0..2·authors messages) plus its own messages and
// uses max(view) as parents (C-E3), so the DAG has realistic concurrency.
//
// Counters: s_per_msg (insert time per message), bytes_per_msg (live heap growth measured by
// a counting global allocator), est_bytes_per_msg (Transcript::memoryBytes()).
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <map>
#include <new>
#include <random>
#include <string>
#include <vector>

#include "mpenc/transcript/transcript.h"

// ---- counting allocator (live heap bytes) ----
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"  // malloc/free pairs below are matched
#endif
namespace {
std::atomic<std::int64_t> gLiveBytes{0};
}  // namespace

void* operator new(std::size_t n) {
  void* p = std::malloc(n == 0 ? 1 : n);
  if (p == nullptr) throw std::bad_alloc();
  gLiveBytes += static_cast<std::int64_t>(malloc_usable_size(p));
  return p;
}
void* operator new[](std::size_t n) {
  return operator new(n);
}
void operator delete(void* p) noexcept {
  if (p == nullptr) return;
  gLiveBytes -= static_cast<std::int64_t>(malloc_usable_size(p));
  std::free(p);
}
void operator delete[](void* p) noexcept {
  operator delete(p);
}
void operator delete(void* p, std::size_t) noexcept {
  operator delete(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  operator delete(p);
}

using namespace mpenc::transcript;

namespace {

struct History {
  std::vector<std::string> members;
  std::vector<Message> msgs;
};

MessageId idOf(std::size_t k) {
  MessageId id{};
  std::uint64_t x = (k + 1) * 0x9E3779B97F4A7C15ull;
  for (std::size_t i = 0; i < id.size(); ++i) {
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    id[i] = static_cast<std::uint8_t>(x >> 56);
  }
  return id;
}

History generate(std::size_t n, std::size_t authors) {
  History h;
  for (std::size_t i = 0; i < authors; ++i)
    h.members.push_back("member" + std::to_string(i) + "@example.org/x");
  std::mt19937_64 rng(42);
  std::vector<std::vector<std::size_t>> pre;
  std::vector<std::vector<bool>> inView(authors, std::vector<bool>(n, false));
  std::vector<std::vector<std::size_t>> viewMax(authors);
  std::vector<std::size_t> prefix(authors, 0);  // next global index to take into view
  auto addToView = [&](std::size_t u, std::size_t x) {
    if (inView[u][x]) return;
    inView[u][x] = true;
    auto& mx = viewMax[u];
    std::erase_if(mx,
                  [&](std::size_t p) { return std::find(pre[x].begin(), pre[x].end(), p) != pre[x].end(); });
    mx.push_back(x);
  };
  std::uniform_int_distribution<std::size_t> who(0, authors - 1), lagD(0, 2 * authors);
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t u = who(rng);
    const std::size_t lag = lagD(rng);
    const std::size_t upto = k > lag ? k - lag : 0;
    for (; prefix[u] < upto; ++prefix[u]) addToView(u, prefix[u]);
    Message m;
    m.id = idOf(k);
    m.author = h.members[u];
    for (std::size_t r = 0; r < authors; ++r)
      if (r != u) m.readers.push_back(h.members[r]);
    std::vector<std::size_t> ps = viewMax[u];
    for (std::size_t p : ps) m.parents.push_back(h.msgs[p].id);
    m.bodyType = (k % 4 == 3) ? BodyType::ExplicitAck : BodyType::Payload;
    m.bodyTag = k;
    h.msgs.push_back(std::move(m));
    pre.push_back(std::move(ps));
    addToView(u, k);
  }
  return h;
}

const History& history(std::size_t n, std::size_t authors) {
  static std::map<std::pair<std::size_t, std::size_t>, History> cache;
  auto key = std::make_pair(n, authors);
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, generate(n, authors)).first;
  return it->second;
}

void BM_TranscriptInsert(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto a = static_cast<std::size_t>(state.range(1));
  const History& h = history(n, a);
  std::int64_t bytes = 0;
  std::size_t est = 0, parents = 0;
  for (auto _ : state) {
    const std::int64_t before = gLiveBytes.load();
    Transcript t{h.members};
    for (const auto& m : h.msgs) {
      auto r = t.add(m);
      if (!r) state.SkipWithError(std::string(toString(r.error().code)).c_str());
      benchmark::DoNotOptimize(r);
    }
    bytes = gLiveBytes.load() - before;
    est = t.memoryBytes();
    state.PauseTiming();
    parents = 0;
    for (const auto& m : h.msgs) parents += m.parents.size();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  // seconds per inserted message (shown with an SI prefix, e.g. "850n")
  state.counters["s_per_msg"] = benchmark::Counter(
      static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["bytes_per_msg"] = static_cast<double>(bytes) / static_cast<double>(n);
  state.counters["est_bytes_per_msg"] = static_cast<double>(est) / static_cast<double>(n);
  state.counters["avg_parents"] = static_cast<double>(parents) / static_cast<double>(n);
}

void BM_TranscriptIsAncestor(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto a = static_cast<std::size_t>(state.range(1));
  const History& h = history(n, a);
  Transcript t{h.members};
  for (const auto& m : h.msgs) (void)t.add(m);
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<Pos> pick(0, static_cast<Pos>(n - 1));
  std::vector<std::pair<Pos, Pos>> qs(4096);
  for (auto& q : qs) q = {pick(rng), pick(rng)};
  std::size_t i = 0, yes = 0;
  for (auto _ : state) {
    const auto& q = qs[i++ & 4095];
    const bool r = t.isAncestor(q.first, q.second);
    yes += r ? 1 : 0;
    benchmark::DoNotOptimize(r);
  }
  state.counters["true_ratio"] = static_cast<double>(yes) / static_cast<double>(state.iterations());
}

void BM_TranscriptUnackedBy(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto a = static_cast<std::size_t>(state.range(1));
  const History& h = history(n, a);
  Transcript t{h.members};
  for (const auto& m : h.msgs) (void)t.add(m);
  Pos p = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(t.unackedByIdx(p));
    p = (p + 7919) % static_cast<Pos>(n);
  }
}

}  // namespace

BENCHMARK(BM_TranscriptInsert)
    ->Args({10000, 5})
    ->Args({10000, 50})
    ->Args({100000, 5})
    ->Args({100000, 50})
    ->Args({1000000, 50})  // growth to 10^6 (issue 12: "say how it grows")
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TranscriptIsAncestor)
    ->Args({10000, 5})
    ->Args({10000, 50})
    ->Args({100000, 5})
    ->Args({100000, 50});
BENCHMARK(BM_TranscriptUnackedBy)->Args({100000, 50});

BENCHMARK_MAIN();
