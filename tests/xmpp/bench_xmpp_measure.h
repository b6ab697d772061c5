// What the XMPP session benchmark measures besides the server: statistics,
// a process's CPU time, and the same START computed in-process (the
// critical path and the summed work of all members, as bench_greet).
#pragma once

#include <QtGlobal>
#include <optional>
#include <string>
#include <vector>

namespace mpenc::test::bench {

double median(std::vector<double> v);
/// The p-quantile (0..1) of v, nearest rank.
double percentile(std::vector<double> v, double p);

/// CPU time (user + system) process `pid` has used so far, in seconds, from
/// /proc/<pid>/stat; 0 where that cannot be read (not Linux).
double processCpuSeconds(qint64 pid);

/// One START in-process: seconds of compute.
struct Compute {
  double critical = 0;  ///< seconds on the critical path (n machines)
  double total = 0;     ///< seconds of all members' work together
};

/// One START of the members `ids` (the first proposes) in one process, no
/// network: the median of 3 runs. nullopt if it did not complete.
std::optional<Compute> startCompute(const std::vector<std::string>& ids);

}  // namespace mpenc::test::bench
