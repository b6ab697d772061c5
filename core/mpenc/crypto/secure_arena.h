// A pooled arena of secure memory for secret.h: the system calls of a
// guarded, locked allocation are paid once per chunk, not once per secret.
//
//  - Chunks come from libsodium's guarded heap (sodium_malloc): guard pages
//    on both sides, mlock where RLIMIT_MEMLOCK permits, and MADV_DONTDUMP
//    (excluded from core dumps) where the OS has it — sodium_mlock does both.
//  - A chunk is cut into slots of one size class (kSlotClasses). Between
//    slots, and at both ends, sits a 16-byte random canary; it is checked
//    when a slot is handed out and when it is returned, and a mismatch (an
//    overflow from a neighbour, a stray write) aborts the process, as
//    sodium_free does for its own canary. Under AddressSanitizer every
//    canary, every free slot and the unused tail of every live slot is
//    poisoned, so the sanitizer lane reports the first bad access.
//  - Every slot is wiped (sodium_memzero, all of it) when it is returned:
//    a free slot is all-zero, so a slot handed out is zero-filled.
//  - Returning a pointer twice, a pointer that is not a slot start, or a
//    size of another class aborts (heap corruption is not recoverable).
//  - Requests above the largest class, or once maxChunks are in use, or if
//    a chunk cannot be obtained, fall back to one sodium_malloc per object.
//  - Thread-safe: one mutex guards the free lists.
//
// Compared with a sodium_malloc per secret, a linear overflow within a chunk
// is caught by the canary at the next check instead of faulting on a guard
// page; the chunk's own edges keep their guard pages. Secrets never appear
// in logs: this file only moves bytes it never prints.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <vector>

namespace mpenc::crypto {

class SecureArena {
 public:
  /// Slot sizes; a request takes the smallest class that holds it.
  static constexpr std::array<std::size_t, 6> kSlotClasses{32, 64, 128, 256, 512, 1024};
  /// Every pointer handed out (pooled or not) is aligned to this.
  static constexpr std::size_t kAlignment = 16;
  /// Canary bytes before each slot and after the last one.
  static constexpr std::size_t kCanaryBytes = 16;

  struct Config {
    std::size_t chunkBytes = 16384;  ///< bytes asked of sodium_malloc per chunk (a page multiple)
    std::size_t maxChunks = 512;     ///< beyond this, every request falls back to sodium_malloc
  };

  struct Stats {
    std::size_t chunks = 0;         ///< chunks obtained (never returned before the arena dies)
    std::size_t pooledInUse = 0;    ///< slots handed out and not yet returned
    std::size_t fallbackInUse = 0;  ///< per-object sodium_malloc blocks not yet returned
  };

  SecureArena();
  explicit SecureArena(Config cfg);
  /// Every allocation must have been returned; wipes and frees the chunks.
  ~SecureArena();
  SecureArena(const SecureArena&) = delete;
  SecureArena& operator=(const SecureArena&) = delete;
  SecureArena(SecureArena&&) = delete;
  SecureArena& operator=(SecureArena&&) = delete;

  /// The process-wide arena behind secret.h (never destroyed, so secrets in
  /// static objects can be freed at exit in any order).
  static SecureArena& global();

  /// `n` zero-filled bytes, aligned to kAlignment (n = 0 is served as 1).
  /// Throws std::bad_alloc if neither a slot nor sodium_malloc can serve it.
  void* allocate(std::size_t n);
  /// Wipes and returns a block from allocate(p's n); nullptr is a no-op.
  void deallocate(void* p, std::size_t n) noexcept;

  /// True if `p` lies in one of this arena's chunks.
  bool pooled(const void* p) const noexcept;
  Stats stats() const;
  /// The slot size serving `n` bytes, or 0 if `n` falls back to sodium_malloc.
  static std::size_t slotSizeFor(std::size_t n) noexcept;

 private:
  struct Chunk {
    std::uint8_t* block = nullptr;  ///< what sodium_malloc returned
    std::size_t blockBytes = 0;
    std::uint8_t* first = nullptr;  ///< data of slot 0
    std::size_t cls = 0;            ///< index into kSlotClasses
    std::size_t count = 0;          ///< slots in this chunk
    std::vector<std::uint8_t> inUse;
  };

  static std::size_t classFor(std::size_t n) noexcept;  // kSlotClasses.size() = none
  bool addChunk(std::size_t cls);                       // under mu_
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t chunkOf(const void* p) const noexcept;  // index into chunks_ or kNone; under mu_
  std::uint8_t* canaryBefore(const Chunk& c, std::size_t slot) const noexcept;
  bool canariesIntact(const Chunk& c, std::size_t slot) const noexcept;  // under mu_
  void* fallbackAllocate(std::size_t n);

  Config cfg_;
  std::array<std::uint8_t, kCanaryBytes> canary_{};
  mutable std::mutex mu_;
  std::vector<Chunk> chunks_;
  std::map<std::uintptr_t, std::size_t> byAddress_;  ///< chunk block address -> index in chunks_
  std::array<std::vector<std::uint8_t*>, kSlotClasses.size()> free_;
  std::size_t pooledInUse_ = 0;
  std::size_t fallbackInUse_ = 0;
};

}  // namespace mpenc::crypto
