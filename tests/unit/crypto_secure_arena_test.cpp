// SecureArena (core/mpenc/crypto/secure_arena.h): slots are wiped when
// returned, reused, aligned, locked and excluded from core dumps; the pool
// falls back to sodium_malloc when exhausted; it survives two threads; a
// corrupted canary or a double free aborts. Ed25519KeyPair::clone() copies
// the derived key instead of re-deriving it.
#ifndef _WIN32  // the mapping and abort checks below need POSIX (fork, rlimit, /proc)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "catch.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/crypto/secret.h"
#include "mpenc/crypto/secure_arena.h"

using namespace mpenc;
using namespace mpenc::crypto;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAsan = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAsan = true;
#else
constexpr bool kAsan = false;
#endif
#else
constexpr bool kAsan = false;
#endif

std::uintptr_t addr(const void* p) {
  return reinterpret_cast<std::uintptr_t>(p);  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
}

bool allZero(const void* p, std::size_t n) {
  const auto* b = static_cast<const std::uint8_t*>(p);
  return std::all_of(b, b + n, [](std::uint8_t x) { return x == 0; });
}

bool allEqual(const void* p, std::size_t n, std::uint8_t v) {
  const auto* b = static_cast<const std::uint8_t*>(p);
  return std::all_of(b, b + n, [v](std::uint8_t x) { return x == v; });
}

#ifndef _WIN32
// Runs `f` in a child process; returns its wait status.
template <typename F>
int inChild(F f) {
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    // The test framework's handlers would report the abort as a failure of
    // this (the parent's) test run: restore the default actions, and keep
    // the child's output (a sanitizer report, if any) out of the log.
    for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE}) std::signal(sig, SIG_DFL);
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    f();
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

// The heap detected the misuse: abort() (or, in the sanitizer lane, an
// AddressSanitizer report, which exits non-zero).
bool diedOfCorruption(int status) {
  if (WIFSIGNALED(status)) return WTERMSIG(status) == SIGABRT;
  return kAsan && WIFEXITED(status) && WEXITSTATUS(status) != 0;
}

struct Mapping {
  std::uintptr_t begin = 0, end = 0;
  std::string perms, flags;
  std::size_t lockedKb = 0;
};

// The /proc/self/smaps entries around `p`: the one holding it, and its neighbours.
std::vector<Mapping> mappingsAround(const void* p, std::size_t& holding) {
  std::ifstream in("/proc/self/smaps");
  std::vector<Mapping> all;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string first;
    ls >> first;
    const auto dash = first.find('-');
    if (dash != std::string::npos && first.find(':') == std::string::npos && dash > 0) {
      Mapping m;
      m.begin = std::stoull(first.substr(0, dash), nullptr, 16);
      m.end = std::stoull(first.substr(dash + 1), nullptr, 16);
      ls >> m.perms;
      all.push_back(m);
    } else if (!all.empty() && first == "Locked:") {
      ls >> all.back().lockedKb;
    } else if (!all.empty() && first == "VmFlags:") {
      all.back().flags = line;
    }
  }
  holding = all.size();
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i].begin <= addr(p) && addr(p) < all[i].end) holding = i;
  return all;
}
#endif  // _WIN32

}  // namespace

TEST_CASE("arena: a returned slot is wiped and handed out again zero-filled", "[crypto][arena]") {
  SecureArena arena;
  for (std::size_t size : SecureArena::kSlotClasses) {
    CAPTURE(size);
    auto* p = static_cast<std::uint8_t*>(arena.allocate(size));
    REQUIRE(arena.pooled(p));
    REQUIRE(allZero(p, size));
    std::fill(p, p + size, std::uint8_t{0xA5});
    arena.deallocate(p, size);
    // The free list is last-in first-out: the same slot comes back, and it
    // reads zero although nothing zeroes it on the way out (allocate does not
    // write to it): the wipe happened when it was returned.
    auto* q = static_cast<std::uint8_t*>(arena.allocate(size));
    CHECK(q == p);
    CHECK(allZero(q, size));
    arena.deallocate(q, size);
  }
  CHECK(arena.stats().pooledInUse == 0);
}

TEST_CASE("arena: secrets reuse wiped slots of the global arena", "[crypto][arena][secret]") {
  SeededRng rng(9);
  const std::uint8_t* where = nullptr;
  {
    auto k = SecretKey<32>::random(rng);
    REQUIRE_FALSE(allZero(k.data(), 32));
    where = k.data();
    CHECK(SecureArena::global().pooled(where));
  }
  const SecretKey<32> again;  // the slot just freed (single-threaded: nothing else took it)
  CHECK(again.data() == where);
  CHECK(allZero(again.data(), 32));

  auto s = SecretBytes::fromBytes(asBytes("correct horse battery staple"));
  const std::uint8_t* sw = s.view().data();
  s = SecretBytes();  // moving an empty buffer in frees and wipes the old one
  const SecretBytes t(28);
  CHECK(t.view().data() == sw);
  CHECK(allZero(t.view().data(), 28));
}

TEST_CASE("arena: many allocation and free cycles keep contents and reuse chunks", "[crypto][arena]") {
  SecureArena arena;
  std::mt19937 gen(12345);  // NOLINT(cert-msc51-cpp): a reproducible workload
  std::uniform_int_distribution<std::size_t> sizeOf(0, 1500);  // includes 0 and the fallback range
  struct Block {
    std::uint8_t* p;
    std::size_t n;
    std::uint8_t tag;
  };
  std::vector<Block> live;
  std::size_t chunksAfterFirstRound = 0;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 4000; ++i) {
      if (!live.empty() && gen() % 3 == 0) {  // free a random live block, checking it first
        const std::size_t j = gen() % live.size();
        const Block b = live[j];
        REQUIRE(allEqual(b.p, std::max<std::size_t>(b.n, 1), b.tag));
        arena.deallocate(b.p, b.n);
        live[j] = live.back();
        live.pop_back();
        continue;
      }
      const std::size_t n = sizeOf(gen);
      auto* p = static_cast<std::uint8_t*>(arena.allocate(n));
      REQUIRE(allZero(p, std::max<std::size_t>(n, 1)));
      const auto tag = static_cast<std::uint8_t>(1 + gen() % 255);
      std::fill(p, p + std::max<std::size_t>(n, 1), tag);
      live.push_back({p, n, tag});
    }
    for (const Block& b : live) {
      REQUIRE(allEqual(b.p, std::max<std::size_t>(b.n, 1), b.tag));
      arena.deallocate(b.p, b.n);
    }
    live.clear();
    const auto st = arena.stats();
    CHECK(st.pooledInUse == 0);
    CHECK(st.fallbackInUse == 0);
    if (round == 0) chunksAfterFirstRound = st.chunks;
  }
  CHECK(chunksAfterFirstRound > 0);
  // Later rounds reuse the first round's slots: the same workload needs no
  // more than one extra chunk per class for a different interleaving.
  CHECK(arena.stats().chunks <= chunksAfterFirstRound + SecureArena::kSlotClasses.size());
}

TEST_CASE("arena: exhaustion and large requests fall back to sodium_malloc", "[crypto][arena]") {
  SecureArena arena(SecureArena::Config{4096, 1});  // one chunk of one page
  std::vector<void*> pooled;
  void* p = nullptr;
  for (;;) {  // fill the only chunk with 32-byte slots
    p = arena.allocate(32);
    if (!arena.pooled(p)) break;
    pooled.push_back(p);
    REQUIRE(pooled.size() < 4096 / 32);
  }
  CHECK(pooled.size() >= 64);  // (4096 - 16 - 16) / (32 + 16) = 84 with 4 KiB pages
  CHECK(arena.stats().chunks == 1);
  CHECK(arena.stats().fallbackInUse == 1);
  CHECK(allZero(p, 32));
  CHECK(addr(p) % SecureArena::kAlignment == 0);
  // Another class needs a second chunk: not allowed, so it falls back too.
  void* q = arena.allocate(100);
  CHECK_FALSE(arena.pooled(q));
  CHECK(allZero(q, 100));
  CHECK(arena.stats().fallbackInUse == 2);
  std::fill_n(static_cast<std::uint8_t*>(p), 32, std::uint8_t{1});
  arena.deallocate(p, 32);
  arena.deallocate(q, 100);
  CHECK(arena.stats().fallbackInUse == 0);
  // A returned slot is pooled again.
  arena.deallocate(pooled.back(), 32);
  void* r = arena.allocate(32);
  CHECK(r == pooled.back());
  pooled.back() = r;
  for (void* x : pooled) arena.deallocate(x, 32);
  CHECK(arena.stats().pooledInUse == 0);

  // Above the largest class: one sodium_malloc per request, in any arena.
  SecureArena big;
  const std::size_t large = SecureArena::kSlotClasses.back() + 1;
  CHECK(SecureArena::slotSizeFor(large) == 0);
  void* l = big.allocate(large);
  CHECK_FALSE(big.pooled(l));
  CHECK(allZero(l, large));
  big.deallocate(l, large);
  CHECK(big.stats().chunks == 0);
}

TEST_CASE("arena: two threads allocate and free concurrently", "[crypto][arena]") {
  SecureArena arena;
  constexpr int kRounds = 20000;
  auto work = [&arena](std::uint8_t tag, bool* ok) {
    std::vector<std::pair<std::uint8_t*, std::size_t>> mine;
    std::mt19937 gen(tag);
    for (int i = 0; i < kRounds; ++i) {
      const std::size_t n = 1 + gen() % 300;
      auto* p = static_cast<std::uint8_t*>(arena.allocate(n));
      if (!allZero(p, n)) *ok = false;
      std::fill(p, p + n, tag);
      mine.emplace_back(p, n);
      if (mine.size() > 40 || gen() % 2 == 0) {
        const std::size_t j = gen() % mine.size();
        if (!allEqual(mine[j].first, mine[j].second, tag)) *ok = false;  // nobody else wrote here
        arena.deallocate(mine[j].first, mine[j].second);
        mine[j] = mine.back();
        mine.pop_back();
      }
    }
    for (auto& [p, n] : mine) {
      if (!allEqual(p, n, tag)) *ok = false;
      arena.deallocate(p, n);
    }
  };
  bool ok1 = true, ok2 = true;
  std::thread t1(work, std::uint8_t{0x11}, &ok1);
  std::thread t2(work, std::uint8_t{0x22}, &ok2);
  t1.join();
  t2.join();
  CHECK(ok1);
  CHECK(ok2);
  CHECK(arena.stats().pooledInUse == 0);
  CHECK(arena.stats().fallbackInUse == 0);
}

TEST_CASE("arena: every block is aligned, pooled or not", "[crypto][arena]") {
  SecureArena arena;
  std::vector<std::pair<void*, std::size_t>> blocks;
  for (std::size_t n = 0; n <= 1100; n += (n < 70 ? 1 : 37)) {
    void* p = arena.allocate(n);
    CAPTURE(n);
    CHECK(addr(p) % SecureArena::kAlignment == 0);
    CHECK(arena.pooled(p) == (SecureArena::slotSizeFor(n) != 0));
    blocks.emplace_back(p, n);
  }
  for (auto& [p, n] : blocks) arena.deallocate(p, n);
  CHECK(SecureArena::slotSizeFor(0) == 32);
  CHECK(SecureArena::slotSizeFor(33) == 64);
  CHECK(SecureArena::slotSizeFor(1024) == 1024);
}

#ifndef _WIN32  // Windows: no fork() or /proc; VirtualLock is sodium_mlock's business there
TEST_CASE("arena: chunks are locked, excluded from core dumps and guarded", "[crypto][arena]") {
  SecureArena arena;
  void* p = arena.allocate(32);
  REQUIRE(arena.pooled(p));
  std::size_t i = 0;
  const auto maps = mappingsAround(p, i);
  if (maps.empty()) {
    arena.deallocate(p, 32);
    WARN("no /proc/self/smaps here: not checked");
    return;
  }
  REQUIRE(i < maps.size());
  const Mapping& m = maps[i];
  CAPTURE(m.perms, m.flags);
  CHECK(m.perms.rfind("rw", 0) == 0);
  CHECK(m.flags.find(" dd") != std::string::npos);  // MADV_DONTDUMP
  // AddressSanitizer's interceptor turns mlock() into a no-op (for every
  // allocator, sodium_malloc included): only the plain builds can check it.
  rlimit lim{};
  if (!kAsan && getrlimit(RLIMIT_MEMLOCK, &lim) == 0 &&
      (lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur >= (1u << 20))) {
    CHECK(m.flags.find(" lo") != std::string::npos);  // mlock'd: never swapped
    CHECK(m.lockedKb * 1024 >= m.end - m.begin);
  }
  // Inaccessible guard pages directly before and after the chunk.
  REQUIRE(i > 0);
  REQUIRE(i + 1 < maps.size());
  CHECK(maps[i - 1].end == m.begin);
  CHECK(maps[i - 1].perms.rfind("---", 0) == 0);
  CHECK(maps[i + 1].begin == m.end);
  CHECK(maps[i + 1].perms.rfind("---", 0) == 0);
  arena.deallocate(p, 32);
}

TEST_CASE("arena: an overflow into the canary or a double free aborts", "[crypto][arena]") {
  // Overflow: one byte past a 32-byte slot lands in the next slot's canary.
  const int overflow = inChild([] {
    SecureArena arena;
    auto* p = static_cast<std::uint8_t*>(arena.allocate(32));
    volatile std::uint8_t* v = p;
    v[32] = static_cast<std::uint8_t>(v[32] ^ 0xFF);
    arena.deallocate(p, 32);
  });
  CHECK(diedOfCorruption(overflow));
  const int twice = inChild([] {
    SecureArena arena;
    void* p = arena.allocate(64);
    arena.deallocate(p, 64);
    arena.deallocate(p, 64);
  });
  CHECK(diedOfCorruption(twice));
  const int wrongSize = inChild([] {
    SecureArena arena;
    void* p = arena.allocate(64);
    arena.deallocate(p, 32);  // another class than the slot's
  });
  CHECK(diedOfCorruption(wrongSize));
  if (kAsan) {  // the sanitizer lane also sees a read of a returned (poisoned) slot
    const int useAfterFree = inChild([] {
      SecureArena arena;
      auto* p = static_cast<std::uint8_t*>(arena.allocate(32));
      arena.deallocate(p, 32);
      const volatile std::uint8_t* v = p;
      static_cast<void>(v[0]);
    });
    CHECK(diedOfCorruption(useAfterFree));
  }
  const int fine = inChild([] {  // the same steps without the misuse exit normally
    SecureArena arena;
    void* p = arena.allocate(64);
    arena.deallocate(p, 64);
  });
  CHECK((WIFEXITED(fine) && WEXITSTATUS(fine) == 0));
}
#endif  // _WIN32

TEST_CASE("Ed25519KeyPair::clone copies the derived key", "[crypto][arena]") {
  SeededRng rng(77);
  const auto kp = Ed25519KeyPair::generate(rng);
  const auto c = kp.clone();
  CHECK(c.publicKey() == kp.publicKey());
  CHECK(c.seed() == kp.seed());
  CHECK(c.seed().data() != kp.seed().data());
  const Bytes msg = toBytes("greetmsgsig");
  CHECK(c.sign(msg) == kp.sign(msg));  // Ed25519 is deterministic: the same expanded key
  CHECK(ed25519Verify(kp.publicKey(), msg, c.sign(msg)));
  // The same as deriving it afresh from the seed.
  CHECK(Ed25519KeyPair::fromSeed(kp.seed()).publicKey() == c.publicKey());
  // generate() draws the seed as Ed25519Seed::random did (replays stay stable).
  SeededRng a(5), b(5);
  CHECK(Ed25519KeyPair::generate(a).publicKey() ==
        Ed25519KeyPair::fromSeed(Ed25519Seed::random(b)).publicKey());
}
