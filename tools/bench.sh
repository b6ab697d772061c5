#!/usr/bin/env bash
# Every benchmark, in a Release build, one at a time, and a summary table.
#
#   tools/bench.sh [CTEST-REGEX]
#
# Configures and builds the "bench" preset (Release, with the Prosody fixture
# the XMPP benchmark needs), runs the CTest tests labelled "bench" serially
# (-j1: benchmarks must not share the cores with each other), and writes
#   build/bench/bench-results/<name>.json   Google Benchmark JSON, one per executable
#   build/bench/bench-results/summary.md    operation, n, time, floor, ratio
# The summary is printed too. Run it on an otherwise idle machine: the load
# average at start and end is recorded in the summary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
results=build/bench/bench-results
filter=()
[ $# -gt 0 ] && filter=(-R "$1")

cmake --preset bench >/dev/null
cmake --build --preset bench
rm -f "$results"/*.json
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$SECONDS
ctest --test-dir build/bench -L bench -j1 --output-on-failure "${filter[@]}"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
python3 tools/bench_summary.py "$results" \
  --note "Release build, $(nproc) cores, $((SECONDS - t0)) s; load average at start $load_start, at end $load_end" \
  >"$results/summary.md"
cat "$results/summary.md"
echo "bench.sh: JSON and summary in $results/"
