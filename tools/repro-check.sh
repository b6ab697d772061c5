#!/usr/bin/env bash
# Is the Debian package reproducible? Build it twice and compare.
#
#   tools/repro-check.sh [DIR_A DIR_B]     default build/repro-a build/repro-bb
#
# For each directory: configure it (RelWithDebInfo, no tests, no benchmarks;
# an existing build directory keeps its objects, the test targets are dropped),
# build it (the app, its man page and icons), cpack -G DEB. The
# two directories differ in name and length, so a build path that leaks into
# the package shows. Then compares the two .debs: the `dpkg-deb -c` listings
# (modes, owners, sizes, mtimes, paths), the control fields, the sha256 of
# every extracted file, and the .deb files themselves. Prints the figures;
# exit 0 only when the two packages are bit-for-bit identical.
#
# Environment: MPENC_JOBS (default 2), SOURCE_DATE_EPOCH (default: the last
# commit's time). A directory built before without it keeps its rcc output:
# delete its qrc_*.cpp files to have them made again.
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
a=${1:-$src/build/repro-a}
b=${2:-$src/build/repro-bb}
jobs=${MPENC_JOBS:-2}
# Like dpkg-buildpackage: one timestamp in the build environment. rcc (the
# compiled-in translations) stamps every resource with its file's mtime unless
# SOURCE_DATE_EPOCH is set. Same default as packaging/cpack-deb.cmake.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$src" log -1 --format=%ct 2>/dev/null || echo 1763769600)}
export SOURCE_DATE_EPOCH
arch=$(dpkg --print-architecture)
work=$(mktemp -d "${TMPDIR:-/tmp}/mpenc-repro.XXXXXX")
trap 'rm -rf "$work"' EXIT

build_deb() { # build_deb DIR: prints the .deb's path
  local dir=$1 t0=$SECONDS
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd -P)
  cmake -S "$src" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMPENC_TESTS=OFF \
    -DMPENC_BENCH=OFF >"$work/$(basename "$dir").configure.log" 2>&1 ||
    { tail -n 30 "$work/$(basename "$dir").configure.log" >&2; exit 1; }
  cmake --build "$dir" -j "$jobs" >"$work/$(basename "$dir").build.log" 2>&1 ||
    { tail -n 30 "$work/$(basename "$dir").build.log" >&2; exit 1; }
  rm -f "$dir/packages/mpenc-chat_"*.deb
  (cd "$dir" && cpack -G DEB -B "$dir/packages") >"$work/$(basename "$dir").cpack.log" 2>&1 ||
    { tail -n 30 "$work/$(basename "$dir").cpack.log" >&2; exit 1; }
  local deb
  deb=$(ls "$dir/packages/mpenc-chat_"*"_$arch.deb")
  echo "repro-check: $deb ($((SECONDS - t0)) s)" >&2
  echo "$deb"
}

unpack() { # unpack DEB NAME: data and control trees under $work/NAME
  mkdir -p "$work/$2/data" "$work/$2/control"
  dpkg-deb -x "$1" "$work/$2/data"
  dpkg-deb -e "$1" "$work/$2/control"
  dpkg-deb -c "$1" >"$work/$2.listing"
  (cd "$work/$2" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) >"$work/$2.sha256"
}

deb_a=$(build_deb "$a")
deb_b=$(build_deb "$b")
unpack "$deb_a" a
unpack "$deb_b" b

files=$(wc -l <"$work/a.sha256")
same_listing=yes
diff -u "$work/a.listing" "$work/b.listing" >"$work/listing.diff" || same_listing=no
differing=$(diff <(sort "$work/a.sha256") <(sort "$work/b.sha256") | grep -c '^<' || true)
sum_a=$(sha256sum "$deb_a" | cut -d' ' -f1)
sum_b=$(sha256sum "$deb_b" | cut -d' ' -f1)

echo "repro-check: $(basename "$deb_a"): $files files (data + control), $(grep -c . "$work/a.listing") entries in dpkg-deb -c"
echo "repro-check: listings identical: $same_listing"
echo "repro-check: files with a different sha256: $differing of $files"
if [ "$differing" -gt 0 ]; then
  diff <(sort "$work/a.sha256") <(sort "$work/b.sha256") | sed -n 's/^< [0-9a-f]*  /  differs: /p' || true
fi
[ $same_listing = yes ] || sed 's/^/  /' "$work/listing.diff" | head -n 20
echo "repro-check: .deb sha256 $sum_a (A)"
echo "repro-check: .deb sha256 $sum_b (B)"
if [ "$sum_a" = "$sum_b" ]; then
  echo "repro-check: PASS: the two packages are bit-for-bit identical"
else
  echo "repro-check: FAIL: the packages differ"
  exit 1
fi
