#!/usr/bin/env bash
# clang-format the C++ sources of the repository (tracked and new, not ignored).
#   tools/format.sh           reformat in place
#   tools/format.sh --check   report violations and fail (what CI runs)
#   tools/format.sh [--check] PATH...   only these files or directories (relative to the checkout)
# Uses clang-format 14 (Debian 12) when present: other versions format a few
# constructs differently.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dirs=(core app ui xmpp tests bench)
check=0
if [ "${1:-}" = --check ]; then
  check=1
  shift
fi
[ $# -gt 0 ] && dirs=("$@")

cf=$(command -v clang-format-14 || command -v clang-format) || {
  echo "format.sh: clang-format not found (apt-get install clang-format)" >&2
  exit 1
}
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  files=$(git ls-files -co --exclude-standard -- "${dirs[@]}" | grep -E '\.(h|cpp)$' || true)
else
  files=$(find "${dirs[@]}" \( -name '*.h' -o -name '*.cpp' \) 2>/dev/null || true)
fi
[ -n "$files" ] || exit 0

if [ $check = 1 ]; then
  echo "$("$cf" --version): checking $(echo "$files" | wc -l) files"
  echo "$files" | xargs -d '\n' "$cf" --dry-run --Werror || {
    echo "format.sh: run tools/format.sh to fix the files above" >&2
    exit 1
  }
else
  echo "$files" | xargs -d '\n' "$cf" -i
fi
