#!/usr/bin/env bash
# Long fuzz runs (issue 14): builds the libFuzzer targets of tests/fuzz with
# ASan+UBSan (the "fuzz" preset's options, in its own build directory) and runs
# each target, one at a time, for N executions (-runs=N) from its seed corpus
# and regression files. Crash inputs are kept in tests/fuzz/regressions/<target>/
# (promote each to a named file and fix the parser: a typed error, never a
# crash). Prints a summary table: target, executions, seconds, exec/s, crashes.
#
# Usage: tools/fuzz-long.sh [-n RUNS] [-t MAX_SECONDS] [-b BUILD_DIR] [TARGET...]
#   -n RUNS         executions per target (default 10000000)
#   -t MAX_SECONDS  also stop a target after this many seconds (default: none)
#   -b BUILD_DIR    build directory (default build/fuzz-long)
#   TARGET          wire packet plaintext identity history trust headless
#                   (default: all built)
# Exit status: 0 if no target crashed, 1 otherwise.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs=10000000
max_seconds=0
build="$root/build/fuzz-long"
while getopts "n:t:b:" opt; do
  case "$opt" in
    n) runs="$OPTARG" ;;
    t) max_seconds="$OPTARG" ;;
    b) build="$OPTARG" ;;
    *) sed -n '2,16p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(wire packet plaintext identity history trust headless)

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DMPENC_CORE_ONLY=ON -DMPENC_FUZZ=ON -DMPENC_BENCH=OFF >"$build.configure.log" 2>&1 ||
  { cat "$build.configure.log"; exit 2; }
built=()
all_targets=$(ninja -C "$build" -t targets all 2>/dev/null)  # not piped into grep -q: pipefail + SIGPIPE
for t in "${targets[@]}"; do
  if grep -q "^mpenc_fuzz_$t:" <<<"$all_targets"; then
    built+=("$t")
  else
    echo "fuzz-long: no target mpenc_fuzz_$t in this configuration (QtCore missing?); skipped" >&2
  fi
done
[ ${#built[@]} -gt 0 ] || { echo "fuzz-long: nothing to run" >&2; exit 2; }
ninja -C "$build" -j2 $(printf 'mpenc_fuzz_%s ' "${built[@]}")

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
logs="$build/fuzz-long-logs"
mkdir -p "$logs"
summary=()
failed=0
for t in "${built[@]}"; do
  exe="$build/tests/fuzz/mpenc_fuzz_$t"
  work="$build/tests/fuzz/long-corpus-$t"
  art="$build/tests/fuzz/long-artifacts-$t/"
  regressions="$root/tests/fuzz/regressions/$t"
  mkdir -p "$work" "$art" "$regressions"
  extra=()
  [ "$max_seconds" -gt 0 ] && extra+=("-max_total_time=$max_seconds")
  lsan="${LSAN_OPTIONS:-}"
  case "$t" in  # Qt 5's JSON parser leaks on duplicate keys (tests/fuzz/lsan-qt5-json.supp)
    trust | headless) [ -n "$lsan" ] || lsan="suppressions=$root/tests/fuzz/lsan-qt5-json.supp" ;;
  esac
  start=$(date +%s.%N)
  set +e
  LSAN_OPTIONS="$lsan" "$exe" -runs="$runs" "${extra[@]}" -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
    -artifact_prefix="$art" "$work" "$root/tests/fuzz/corpus/$t" "$regressions" >"$logs/$t.log" 2>&1
  rc=$?
  set -e
  end=$(date +%s.%N)
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  execs=$(awk '/stat::number_of_executed_units:/ { n = $2 } END { print n + 0 }' "$logs/$t.log")
  crashes=0
  for f in "$art"crash-* "$art"leak-* "$art"timeout-* "$art"oom-*; do
    [ -e "$f" ] || continue
    cp "$f" "$regressions/"
    crashes=$((crashes + 1))
  done
  rm -f "$art"crash-* "$art"leak-* "$art"timeout-* "$art"oom-*
  if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi  # died without an artifact: count it
  [ "$crashes" -eq 0 ] || failed=1
  rate=$(awk -v n="$execs" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
  summary+=("$(printf '%-10s %12s %9s %9s %7s' "$t" "$execs" "$secs" "$rate" "$crashes")")
  echo "fuzz-long: $t: $execs executions in $secs s, $crashes crash(es) (log: $logs/$t.log)" >&2
done

printf '%-10s %12s %9s %9s %7s\n' target executions seconds exec/s crashes
printf '%s\n' "${summary[@]}"
exit $failed
