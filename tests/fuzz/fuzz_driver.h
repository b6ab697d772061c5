// One driver for every codec fuzz target (style.md habit 10): each target
// defines mpencFuzzOne(); this header provides the libFuzzer entry point,
// which aborts on any exception escaping the decoders (they must return
// errors as values). Without libFuzzer, replay_main.cpp calls the same entry
// point on the checked-in corpus and regression files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <span>

void mpencFuzzOne(std::span<const std::uint8_t> data);

/// A property the target checks was violated: a real bug.
[[noreturn]] inline void mpencFuzzFailure(const char* what) {
  std::fprintf(stderr, "fuzz property violated: %s\n", what);
  std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    mpencFuzzOne(std::span<const std::uint8_t>(data, size));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "exception escaped: %s\n", e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "unknown exception escaped\n");
    std::abort();
  }
  return 0;
}
