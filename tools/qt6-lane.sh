#!/usr/bin/env bash
# Qt 6 lane: configure, build and test with Qt 6 + QXmpp >= 1.5 + Catch2 3.
#
#   tools/qt6-lane.sh             provision the chroot if needed, then build, test, package
#   tools/qt6-lane.sh --prepare   only provision the chroot (debootstrap, apt), no build;
#                                 .ci/run starts this in the background during the Qt 5 lane
#
# With QXmppQt6 on the host (Debian 13, Ubuntu 24.04+) it builds natively.
# Otherwise (Debian 12, whose QXmpp is 1.4 on Qt 5 only) it uses a Debian 13
# chroot: created with debootstrap when absent, reused when present, with the
# package list of `tools/deps.sh --list qt6-min` installed inside (skipped
# when a stamp says the list is unchanged). The parent directory of the
# checkout is bind-mounted at the same path inside, so ../shared beside the
# checkout and the absolute paths in build/qt6 resolve identically. After the
# tests it runs cpack: the lane's .deb is left in build/packages/qt6/.
#
# Environment: MPENC_CHROOT (default /var/cache/mpenc-qt6/trixie),
# MPENC_MIRROR (default: debootstrap's own default Debian mirror), MPENC_JOBS (default nproc),
# MPENC_QT6_CHROOT=1 to use the chroot even when the host could build natively.
set -euo pipefail

prepare_only=0
if [ "${1:-}" = --prepare ]; then prepare_only=1; fi

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
parent=$(dirname "$src")
chroot_dir=${MPENC_CHROOT:-/var/cache/mpenc-qt6/trixie}
mirror=${MPENC_MIRROR:-}  # empty: debootstrap picks its default mirror
jobs=${MPENC_JOBS:-$(nproc)}
lane_cmd="cmake --preset qt6 && cmake --build --preset qt6 -j $jobs && ctest --preset qt6 -j $jobs"
# After the tests: the Debian package of this lane, left in build/packages/qt6/
# for the package tests (tests/package: package_deb_trixie).
pkg_dir="$src/build/packages/qt6"
cpack_cmd="rm -f '$pkg_dir'/mpenc-chat_*.deb && cd '$src/build/qt6' && cpack -G DEB -B '$pkg_dir' >'$pkg_dir.cpack.log' 2>&1 \
  || { tail -n 30 '$pkg_dir.cpack.log'; exit 1; }; ls '$pkg_dir'/mpenc-chat_*.deb"

t_total=$SECONDS
step() { # step NAME CMD...: run, time and report one step
  local name=$1 t0=$SECONDS
  shift
  echo "==> qt6-lane: $name"
  if "$@"; then
    echo "==> qt6-lane: $name: ok ($((SECONDS - t0)) s)"
  else
    local rc=$?
    echo "==> qt6-lane: $name: FAILED (exit $rc after $((SECONDS - t0)) s)" >&2
    exit $rc
  fi
}

host_has_qxmpp_qt6() {
  compgen -G '/usr/lib/*/cmake/QXmppQt6/QXmppQt6Config.cmake' >/dev/null ||
    compgen -G '/usr/lib/cmake/QXmppQt6/QXmppQt6Config.cmake' >/dev/null ||
    compgen -G '/usr/local/lib*/cmake/QXmppQt6/QXmppQt6Config.cmake' >/dev/null
}

if [ "${MPENC_QT6_CHROOT:-0}" != 1 ] && host_has_qxmpp_qt6; then
  if [ $prepare_only = 1 ]; then
    echo "qt6-lane: QXmppQt6 found on the host: nothing to prepare"
    exit 0
  fi
  echo "qt6-lane: QXmppQt6 found on the host: building natively"
  cd "$src"
  step "configure, build, test (native)" bash -c "$lane_cmd"
  mkdir -p "$pkg_dir"
  step "Debian package (cpack, native)" bash -c "$cpack_cmd"
  echo "qt6-lane: passed in $((SECONDS - t_total)) s"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "qt6-lane: the chroot needs root (or sudo)" >&2; exit 1; }
  exec sudo -n --preserve-env=MPENC_CHROOT,MPENC_MIRROR,MPENC_JOBS,MPENC_QT6_CHROOT,CI "$0" "$@"
fi

logdir=$(mktemp -d "${TMPDIR:-/tmp}/mpenc-qt6-lane.XXXXXX")
quiet() { # quiet LOGNAME CMD...: output to a log, shown on failure
  local log="$logdir/$1.log"
  shift
  if ! "$@" </dev/null >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "qt6-lane: full log in $log" >&2
    return 1
  fi
}
in_chroot() {
  chroot "$chroot_dir" /usr/bin/env -i HOME=/root LANG=C.UTF-8 CI="${CI:-}" \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" ||
      echo "qt6-lane: could not unmount ${mounted[i]}" >&2
  done
  mounted=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM
bind() { # bind SRC: mount SRC at the same path inside the chroot
  mkdir -p "$chroot_dir$1"
  mount --bind "$1" "$chroot_dir$1"
  mounted+=("$chroot_dir$1")
}

# Provisioning is serialised: two runs must not debootstrap or apt at once.
mkdir -p "$(dirname "$chroot_dir")"
exec 9>"$chroot_dir.lock"
flock -w 1800 9 || { echo "qt6-lane: timed out waiting for $chroot_dir.lock" >&2; exit 1; }

if [ ! -x "$chroot_dir/usr/bin/apt-get" ] || [ -d "$chroot_dir/debootstrap" ]; then
  command -v debootstrap >/dev/null || { echo "qt6-lane: debootstrap missing: run tools/deps.sh qt5" >&2; exit 1; }
  step "debootstrap trixie into $chroot_dir" \
    quiet debootstrap debootstrap --variant=minbase trixie "$chroot_dir" ${mirror:+"$mirror"}
else
  echo "qt6-lane: reusing the chroot at $chroot_dir"
fi
cp -L /etc/resolv.conf "$chroot_dir/etc/resolv.conf" 2>/dev/null || true

# /dev: debootstrap normally creates the device nodes (/dev/null, /dev/urandom)
# that apt, ctest and libsodium need; bind the host's /dev only when they fail.
if ! in_chroot /bin/sh -c 'head -c1 /dev/urandom >/dev/null' 2>/dev/null; then
  bind /dev
fi

packages=$("$src/tools/deps.sh" --list qt6-min)
stamp="$chroot_dir/var/lib/mpenc-qt6-packages.sha256"
want=$(printf '%s\n' "$packages" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "qt6-lane: chroot packages up to date (stamp $stamp)"
else
  install_script="$chroot_dir/tmp/mpenc-deps.sh"
  cp "$src/tools/deps.sh" "$install_script"
  step "apt install in the chroot ($(echo "$packages" | wc -l) packages)" \
    in_chroot bash /tmp/mpenc-deps.sh qt6-min
  rm -f "$install_script"
  echo "$want" >"$stamp"
fi
flock -u 9
if [ $prepare_only = 1 ]; then
  echo "qt6-lane: chroot prepared in $((SECONDS - t_total)) s"
  exit 0
fi

bind "$parent"
# The reference vectors (../shared/vectors or $MPENC_VECTORS_DIR) may be a
# symlink or live outside the parent directory: mount their real location too,
# and tell the tests where it is, so that they run instead of being skipped.
chroot_cmd="cd '$src' && "
vectors=${MPENC_VECTORS_DIR:-$parent/shared/vectors}
if [ -d "$vectors" ]; then
  vectors=$(readlink -f "$vectors")
  case "$vectors/" in
    "$parent"/*) ;;
    *) bind "$vectors" ;;
  esac
  chroot_cmd+="export MPENC_VECTORS_DIR='$vectors' && "
fi
chroot_cmd+="$lane_cmd"
cd "$src"
step "configure, build, test (chroot)" in_chroot bash -c "$chroot_cmd"
mkdir -p "$pkg_dir"
step "Debian package (cpack, chroot)" in_chroot bash -c "$cpack_cmd"
echo "qt6-lane: passed in $((SECONDS - t_total)) s"
