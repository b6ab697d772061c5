// Shared by the benchmarks: this thread's CPU time, pinning, medians
// (issue 12: durations that other processes on the machine do not change).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>
#if defined(__linux__)
#include <sched.h>
#include <time.h>
#endif

namespace mpenc::bench {

/// This thread's CPU time in seconds (CLOCK_THREAD_CPUTIME_ID; the steady
/// wall clock where that is unavailable).
inline double cpuNow() {
#if defined(__linux__)
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
#else
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
#endif
}

/// Keep this thread on the core it runs on now (no migrations mid-measurement).
inline void pinToCurrentCore() {
#if defined(__linux__)
  const int cpu = sched_getcpu();
  if (cpu < 0) return;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  (void)sched_setaffinity(0, sizeof set, &set);
#endif
}

/// Median of the values from index `skip` on (the ones before are warm-up).
inline double median(std::vector<double> v, std::size_t skip = 0) {
  v.erase(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(std::min(skip, v.size())));
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t h = v.size() / 2;
  return v.size() % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}

}  // namespace mpenc::bench
