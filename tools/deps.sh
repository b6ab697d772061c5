#!/usr/bin/env bash
# Install the build and test dependencies of one lane with apt.
#
#   tools/deps.sh qt5        Debian 12: Qt 5.15 + QXmpp 1.4 + Catch2 2 (+ debootstrap for the Qt 6 lane)
#   tools/deps.sh qt6        Debian 13 / Ubuntu 24.04+: Qt 6 + QXmpp >= 1.5 + Catch2 3
#   tools/deps.sh qt6-min    only what the Qt 6 lane builds and tests with (used inside the chroot)
#   tools/deps.sh all        every lane this distribution can build natively
#   tools/deps.sh --list L   print the package list of lane L and exit
#
# Idempotent: when every package is installed already, apt is not run at all.
# Runs as root directly, otherwise through sudo. Never prompts.
set -euo pipefail

common=(build-essential cmake ninja-build pkg-config libsodium-dev libssl-dev catch2
        nlohmann-json3-dev libbenchmark-dev prosody xvfb xauth fonts-dejavu-core file
        gnome-keyring libsecret-tools dbus-daemon)  # the real Secret Service of mpenc_keychain_tests
tools=(clang libclang-rt-dev clang-format clang-tidy)
qt5=(qtbase5-dev libqxmpp-dev qtkeychain-qt5-dev libqt5sql5-sqlite qttools5-dev qttools5-dev-tools
     libqt5svg5-dev desktop-file-utils appstream groff-base
     lintian zstd python3)  # package tests: lintian, the chroot base tarballs, tools/png-check.py
qt6=(qt6-base-dev libqxmppqt6-dev qtkeychain-qt6-dev libgl-dev libqt6sql6-sqlite qt6-tools-dev qt6-l10n-tools
     qt6-svg-dev desktop-file-utils appstream groff-base)

usage() { sed -n '2,11s/^# \{0,1\}//p' "$0" >&2; exit 2; }

available() { # does apt know a candidate for this package?
  apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [^(]'
}

packages_for() {
  case "$1" in
    qt5) echo "${common[@]}" "${tools[@]}" "${qt5[@]}" debootstrap ;;
    qt6) echo "${common[@]}" "${tools[@]}" "${qt6[@]}" ;;
    qt6-min) echo "${common[@]}" "${qt6[@]}" ;;
    all)
      if available libqxmppqt6-dev; then
        echo "${common[@]}" "${tools[@]}" "${qt6[@]}"
        if available libqxmpp-dev; then echo "${qt5[@]}"; fi
      else
        echo "${common[@]}" "${tools[@]}" "${qt5[@]}" debootstrap
      fi ;;
  esac
}
valid_lane() { case "${1:-}" in qt5 | qt6 | qt6-min | all) return 0 ;; *) usage ;; esac; }

[ $# -ge 1 ] || usage
if [ "$1" = --list ]; then
  [ $# -eq 2 ] && valid_lane "$2" || usage
  packages_for "$2" | tr ' ' '\n'
  exit 0
fi
[ $# -eq 1 ] && valid_lane "$1" || usage
read -r -a wanted <<<"$(packages_for "$1" | tr '\n' ' ')"

missing=()
for p in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps.sh: all ${#wanted[@]} packages for '$1' are installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=(env)
elif command -v sudo >/dev/null; then
  as_root=(sudo -n env)
else
  echo "deps.sh: need root (or sudo) to install: ${missing[*]}" >&2
  exit 1
fi

log=$(mktemp "${TMPDIR:-/tmp}/mpenc-deps.XXXXXX.log")
run() { # run quietly; on failure show the log
  if ! "${as_root[@]}" DEBIAN_FRONTEND=noninteractive "$@" </dev/null >>"$log" 2>&1; then
    echo "deps.sh: failed: $*" >&2
    tail -n 40 "$log" >&2
    echo "deps.sh: full log in $log" >&2
    exit 1
  fi
}

echo "deps.sh: installing ${#missing[@]} package(s): ${missing[*]}"
# Refresh the package index only when it is absent or does not know a package.
need_update=0
for p in "${missing[@]}"; do available "$p" || need_update=1; done
if [ $need_update = 1 ]; then
  echo "deps.sh: apt-get update"
  run apt-get -qq update
fi
install=(apt-get -qq -y --no-install-recommends install "${missing[@]}")
if [ $need_update = 0 ] && ! "${as_root[@]}" DEBIAN_FRONTEND=noninteractive "${install[@]}" </dev/null >>"$log" 2>&1; then
  echo "deps.sh: install failed with the current index: apt-get update and retry"
  run apt-get -qq update
  run "${install[@]}"
elif [ $need_update = 1 ]; then
  run "${install[@]}"
fi
rm -f "$log"
echo "deps.sh: done"
