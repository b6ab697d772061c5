#!/usr/bin/env bash
# One package test (tests/package/CMakeLists.txt):
#   deb_test.sh cpack RELEASE BUILD_DIR ARTIFACTS VERSION   cpack -G DEB in BUILD_DIR first
#   deb_test.sh deb   RELEASE PACKAGE_DIR ARTIFACTS VERSION the .deb already in PACKAGE_DIR
# then lintian (fails on errors and warnings; see packaging/cpack-deb.cmake)
# and tools/package-test.sh RELEASE DEB (install, run, purge in a clean chroot).
set -euo pipefail
[ $# -eq 5 ] || { echo "usage: deb_test.sh cpack|deb RELEASE DIR ARTIFACTS VERSION" >&2; exit 2; }
mode=$1 rel=$2 dir=$3 artifacts=$4 version=$5
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
mkdir -p "$artifacts"
arch=$(dpkg --print-architecture)
deb="$dir/mpenc-chat_${version}_$arch.deb"
if [ "$mode" = cpack ]; then
  t0=$SECONDS
  rm -f "$dir/packages/mpenc-chat_"*.deb
  if ! (cd "$dir" && cpack -G DEB -B "$dir/packages") >"$artifacts/cpack.log" 2>&1; then
    tail -n 30 "$artifacts/cpack.log" >&2
    echo "FAIL $rel: cpack -G DEB in $dir (log $artifacts/cpack.log)" >&2
    exit 1
  fi
  deb="$dir/packages/mpenc-chat_${version}_$arch.deb"
  echo "PASS $rel: cpack -G DEB ($((SECONDS - t0)) s): $deb"
elif [ ! -f "$deb" ]; then
  echo "FAIL $rel: no Qt 6 lane package at $deb: run tools/qt6-lane.sh (it runs cpack after its tests)" >&2
  exit 1
fi
[ -f "$deb" ] || { echo "FAIL $rel: cpack made no $deb" >&2; exit 1; }
echo "package: $deb"
dpkg-deb -f "$deb" Package Version Depends Recommends | sed 's/^/  /'

if command -v lintian >/dev/null; then
  t0=$SECONDS
  rc=0
  lintian --display-info --fail-on error,warning "$deb" >"$artifacts/lintian.txt" 2>&1 || rc=$?
  sed 's/^/  lintian: /' "$artifacts/lintian.txt"
  if [ $rc -ne 0 ]; then
    echo "FAIL $rel: lintian reported errors or warnings (exit $rc)" >&2
    exit 1
  fi
  echo "PASS $rel: lintian ($((SECONDS - t0)) s, $(grep -c . "$artifacts/lintian.txt" || true) info line(s))"
else
  echo "FAIL $rel: lintian missing (tools/deps.sh qt5)" >&2
  exit 1
fi

MPENC_EXPECT_VERSION=$version exec "$src/tools/package-test.sh" --artifacts "$artifacts" "$rel" "$deb"
