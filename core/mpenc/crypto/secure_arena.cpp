// SecureArena (secure_arena.h) on libsodium's guarded heap. libsodium is a
// private dependency of mpenc_core: its header appears only in crypto/*.cpp.
#include "mpenc/crypto/secure_arena.h"

#include <sodium.h>

#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define MPENC_ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MPENC_ARENA_ASAN 1
#endif
#endif
#ifdef MPENC_ARENA_ASAN
#include <sanitizer/asan_interface.h>
#endif

namespace mpenc::crypto {

namespace {

// What sodium_malloc puts in front of the block inside the same pages; asking
// for chunkBytes minus this keeps a chunk to exactly chunkBytes/page pages.
constexpr std::size_t kSodiumCanary = 16;

void poison(const void* p, std::size_t n) noexcept {
#ifdef MPENC_ARENA_ASAN
  __asan_poison_memory_region(p, n);
#else
  (void)p;
  (void)n;
#endif
}

void unpoison(const void* p, std::size_t n) noexcept {
#ifdef MPENC_ARENA_ASAN
  __asan_unpoison_memory_region(p, n);
#else
  (void)p;
  (void)n;
#endif
}

std::uintptr_t addr(const void* p) noexcept {
  return reinterpret_cast<std::uintptr_t>(p);  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
}

// Heap corruption or a misused pointer: continuing could hand one secret's
// memory to two owners. Nothing is printed (core/ does no IO).
[[noreturn]] void corrupted() noexcept {
  std::abort();
}

}  // namespace

SecureArena::SecureArena() : SecureArena(Config{}) {}

SecureArena::SecureArena(Config cfg) : cfg_(cfg) {
  // sodium_malloc needs libsodium initialised (its page size, its canary);
  // idempotent and thread-safe, so a secret made before initialize() works
  // (a failure is reported by initialize(), after which no crypto may be used).
  [[maybe_unused]] const int initialised = sodium_init();
  randombytes_buf(canary_.data(), canary_.size());
}

SecureArena::~SecureArena() {
  for (auto& c : chunks_) {
    unpoison(c.block, c.blockBytes);
    sodium_free(c.block);  // wipes the whole block, unlocks, unmaps
  }
}

SecureArena& SecureArena::global() {
  // Deliberately never destroyed: a secret in a static object may be freed
  // after this arena would otherwise have died.
  static SecureArena* const arena = new SecureArena();  // NOLINT(cppcoreguidelines-owning-memory)
  return *arena;
}

std::size_t SecureArena::classFor(std::size_t n) noexcept {
  for (std::size_t i = 0; i < kSlotClasses.size(); ++i)
    if (n <= kSlotClasses[i]) return i;
  return kSlotClasses.size();
}

std::size_t SecureArena::slotSizeFor(std::size_t n) noexcept {
  const std::size_t cls = classFor(n == 0 ? 1 : n);
  return cls < kSlotClasses.size() ? kSlotClasses[cls] : 0;
}

std::uint8_t* SecureArena::canaryBefore(const Chunk& c, std::size_t slot) const noexcept {
  const std::size_t stride = kSlotClasses[c.cls] + kCanaryBytes;
  return c.first + slot * stride - kCanaryBytes;  // slot == count: the final canary
}

bool SecureArena::canariesIntact(const Chunk& c, std::size_t slot) const noexcept {
  bool ok = true;
  for (std::size_t s : {slot, slot + 1}) {
    const std::uint8_t* k = canaryBefore(c, s);
    unpoison(k, kCanaryBytes);
    ok = ok && sodium_memcmp(k, canary_.data(), kCanaryBytes) == 0;
    poison(k, kCanaryBytes);
  }
  return ok;
}

bool SecureArena::addChunk(std::size_t cls) {
  if (chunks_.size() >= cfg_.maxChunks) return false;
  const std::size_t slotBytes = kSlotClasses[cls];
  const std::size_t stride = slotBytes + kCanaryBytes;
  if (cfg_.chunkBytes < kSodiumCanary + kAlignment + kCanaryBytes + stride) return false;
  const std::size_t blockBytes = cfg_.chunkBytes - kSodiumCanary;
  auto* block = static_cast<std::uint8_t*>(sodium_malloc(blockBytes));
  if (block == nullptr) return false;
  // sodium_malloc aligns the END of the block to its guard page; align the start ourselves.
  const std::size_t skip = (kAlignment - addr(block) % kAlignment) % kAlignment;
  const std::size_t count = (blockBytes - skip - kCanaryBytes) / stride;
  Chunk c;
  c.block = block;
  c.blockBytes = blockBytes;
  c.first = block + skip + kCanaryBytes;
  c.cls = cls;
  c.count = count;
  try {
    c.inUse.assign(count, 0);
    chunks_.reserve(chunks_.size() + 1);
    free_[cls].reserve(free_[cls].size() + count);  // deallocate never grows a free list
    byAddress_.emplace(addr(block), chunks_.size());
  } catch (...) {
    sodium_free(block);
    return false;
  }
  sodium_memzero(block, blockBytes);  // sodium_malloc fills with 0xdb: free slots are all-zero
  for (std::size_t s = 0; s <= count; ++s) {
    std::uint8_t* k = canaryBefore(c, s);
    for (std::size_t i = 0; i < kCanaryBytes; ++i) k[i] = canary_[i];
  }
  poison(block, blockBytes);
  for (std::size_t s = count; s-- > 0;) free_[cls].push_back(c.first + s * stride);  // lowest first
  chunks_.push_back(std::move(c));
  return true;
}

std::size_t SecureArena::chunkOf(const void* p) const noexcept {
  const std::uintptr_t a = addr(p);
  auto it = byAddress_.upper_bound(a);
  if (it == byAddress_.begin()) return kNone;
  --it;
  return a < it->first + chunks_[it->second].blockBytes ? it->second : kNone;
}

bool SecureArena::pooled(const void* p) const noexcept {
  std::lock_guard<std::mutex> lock(mu_);
  return chunkOf(p) != kNone;
}

SecureArena::Stats SecureArena::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return Stats{chunks_.size(), pooledInUse_, fallbackInUse_};
}

void* SecureArena::fallbackAllocate(std::size_t n) {
  // sodium_malloc aligns the end of the block; a multiple of kAlignment keeps its start aligned.
  const std::size_t rounded = (n + kAlignment - 1) / kAlignment * kAlignment;
  void* p = sodium_malloc(rounded);
  if (p == nullptr) throw std::bad_alloc();
  sodium_memzero(p, rounded);  // sodium_malloc fills with 0xdb
  std::lock_guard<std::mutex> lock(mu_);
  ++fallbackInUse_;
  return p;
}

void* SecureArena::allocate(std::size_t n) {
  if (n == 0) n = 1;
  const std::size_t cls = classFor(n);
  if (cls == kSlotClasses.size()) return fallbackAllocate(n);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!free_[cls].empty() || addChunk(cls)) {
      std::uint8_t* p = free_[cls].back();
      free_[cls].pop_back();
      Chunk& c = chunks_[chunkOf(p)];
      const std::size_t slot = static_cast<std::size_t>(p - c.first) / (kSlotClasses[cls] + kCanaryBytes);
      if (c.inUse[slot] != 0 || !canariesIntact(c, slot)) corrupted();
      c.inUse[slot] = 1;
      ++pooledInUse_;
      unpoison(p, n);  // the rest of the slot stays poisoned: ASan sees an overflow at once
      return p;
    }
  }
  return fallbackAllocate(n);  // the pool is exhausted (maxChunks) or no chunk could be had
}

void SecureArena::deallocate(void* p, std::size_t n) noexcept {
  if (p == nullptr) return;
  if (n == 0) n = 1;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (const std::size_t i = chunkOf(p); i != kNone) {
      Chunk* c = &chunks_[i];
      const std::size_t slotBytes = kSlotClasses[c->cls];
      const std::size_t stride = slotBytes + kCanaryBytes;
      auto* b = static_cast<std::uint8_t*>(p);
      if (b < c->first || classFor(n) != c->cls) corrupted();
      const auto off = static_cast<std::size_t>(b - c->first);
      const std::size_t slot = off / stride;
      if (off % stride != 0 || slot >= c->count || c->inUse[slot] == 0) corrupted();
      if (!canariesIntact(*c, slot)) corrupted();
      unpoison(b, slotBytes);
      sodium_memzero(b, slotBytes);  // the whole slot, whatever was written to it
      poison(b, slotBytes);
      c->inUse[slot] = 0;
      --pooledInUse_;
      free_[c->cls].push_back(b);  // capacity reserved in addChunk: does not allocate
      return;
    }
    --fallbackInUse_;
  }
  sodium_free(p);  // wipes the whole block before unmapping it
}

}  // namespace mpenc::crypto
