#!/usr/bin/env bash
# clang-tidy over core/ with the curated .clang-tidy; any warning fails.
#   tools/tidy.sh [BUILD_DIR]   (default build/tidy-db: a core-only configure
#                                that only produces compile_commands.json)
# Runs two files at a time. What CI runs after the sanitizer stage.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
db=${1:-build/tidy-db}
tidy=$(command -v clang-tidy-14 || command -v clang-tidy) || {
  echo "tidy.sh: clang-tidy not found (apt-get install clang-tidy)" >&2
  exit 1
}
if [ ! -f "$db/compile_commands.json" ]; then
  cmake -S . -B "$db" -G Ninja -DMPENC_CORE_ONLY=ON -DMPENC_TESTS=OFF -DMPENC_BENCH=OFF >/dev/null
fi
files=$(git ls-files -co --exclude-standard -- 'core/*.cpp')
echo "$("$tidy" --version | grep -i version | head -1): $(echo "$files" | wc -l) files in core/"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "$files" | xargs -d '\n' -P 2 -n 4 "$tidy" -p "$db" --quiet --warnings-as-errors='*' >"$log" 2>/dev/null || {
  grep -E 'warning:|error:' "$log" | sort -u
  echo "tidy.sh: clang-tidy found problems (above)" >&2
  exit 1
}
echo "tidy.sh: no findings"
