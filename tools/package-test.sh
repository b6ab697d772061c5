#!/usr/bin/env bash
# Install a .deb into a clean Debian chroot and check that it works and purges cleanly.
#
#   tools/package-test.sh [--artifacts DIR] RELEASE DEB   test DEB on RELEASE (bookworm, trixie)
#   tools/package-test.sh --prepare RELEASE...            only make the cached base tarballs
#
# The base is a `debootstrap --variant=minbase RELEASE` that has never seen the
# build tree, kept as $MPENC_PKG_CACHE/RELEASE-base.tar.zst (made once, remade
# after a week, never modified). Every test extracts a fresh copy into a
# temporary directory, copies only the .deb in, and, inside it:
#   1. installs the package's Depends (apt-get satisfy, --no-install-recommends)
#      and the test's own tool (prosody), then lists every file: the baseline;
#   2. apt-get install ./DEB: apt must resolve it with nothing more to install;
#   3. checks the desktop file (/usr/share/applications), its icon and binary;
#   4. mpenc-chat --version: must print the expected version;
#   5. the offscreen demo (--demo --smoke-test --screenshot): the PNG is copied
#      out and must be a real image of the expected size, not a blank one;
#   6. headless: Prosody on 127.0.0.1 (own config, free port, stopped by PID),
#      two `mpenc-chat --headless` clients join a room, one sends, the other
#      must receive the decrypted text;
#   7. apt-get purge mpenc-chat: the file list must equal the baseline again
#      (ignoring /tmp, /root, apt/dpkg state, caches and logs).
# Each step prints PASS/FAIL and its duration; the first failure stops the test
# (exit 1). Mounts, processes and the temporary directory are cleaned up on
# every exit. Needs root (or sudo -n), debootstrap, zstd, python3.
#
# Environment: MPENC_PKG_CACHE (default /var/cache/mpenc-pkg), MPENC_MIRROR
# (default: debootstrap's), MPENC_EXPECT_VERSION (default: the .deb's Version),
# MPENC_PKG_ARTIFACTS (default: DEB's directory/package-test-RELEASE).
# shellcheck disable=SC2016  # the dpkg-query formats are single-quoted on purpose
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cache=${MPENC_PKG_CACHE:-/var/cache/mpenc-pkg}
mirror=${MPENC_MIRROR:-}
max_age_days=7

usage() { sed -n '2,5s/^# \{0,1\}//p' "$0" >&2; exit 2; }
say() { echo "package-test: $*"; }
die() { echo "package-test: FAIL: $*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || die "needs root (or sudo)"
  exec sudo -n --preserve-env=MPENC_PKG_CACHE,MPENC_MIRROR,MPENC_EXPECT_VERSION,MPENC_PKG_ARTIFACTS,CI "$0" "$@"
fi

# Mounts and processes of this run, undone by cleanup (trap) in reverse order.
mounts=() pids=() tmp=""
cleanup() {
  local i rc=$?
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$p" 2>/dev/null || true
  done
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" || echo "package-test: could not unmount ${mounts[i]}" >&2
  done
  if [ -n "$tmp" ] && [ -d "$tmp" ]; then
    # Never rm -rf across a mount that is still there (it would empty the cache).
    if grep -q " ${tmp}[/ ]" /proc/mounts; then
      echo "package-test: mounts left under $tmp: not removing it" >&2
    else
      rm -rf "$tmp"
    fi
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bind() { # bind SRC DEST: bind-mount SRC at DEST (recorded for cleanup)
  mkdir -p "$2"
  mount --bind "$1" "$2"
  mounts+=("$2")
}
# A clean environment inside (chroot ROOT "${clean_env[@]}" CMD... directly,
# not through a function, where the PID of a background process matters).
clean_env=(/usr/bin/env -i HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
in_root() { # in_root ROOT CMD...: run in the chroot with a clean environment
  local root=$1
  shift
  chroot "$root" "${clean_env[@]}" "$@"
}

# --- base tarballs ----------------------------------------------------------
base_of() { echo "$cache/$1-base.tar.zst"; }
archives_of() { echo "$cache/$1-archives"; } # apt's downloaded .debs, kept between runs

# Packages fetched into the archive cache when a base is made, so that the
# first test after it downloads little (best effort: names that do not exist
# are skipped). The test installs only what the .deb's Depends name.
seed_packages() {
  case "$1" in
    bookworm) echo prosody libqt5widgets5 libqt5network5 libqt5xml5 libqt5sql5-sqlite libqt5svg5 \
      libqxmpp3 libqt5keychain1 libsodium23 libssl3 fonts-dejavu-core ;;
    trixie) echo prosody libqt6widgets6 libqt6network6 libqt6xml6 libqt6sql6-sqlite qt6-svg-plugins \
      libqxmppqt6-5 libqt6keychain1 libsodium23 libssl3t64 fonts-dejavu-core ;;
    *) echo prosody ;;
  esac
}

prepare() { # prepare RELEASE: make the base tarball unless a fresh one exists
  local rel=$1 base work t0=$SECONDS
  base=$(base_of "$rel")
  mkdir -p "$cache" "$(archives_of "$rel")"
  exec 8>"$cache/$rel.lock"
  flock -w 1800 8 || die "timed out waiting for $cache/$rel.lock"
  if [ -s "$base" ] && [ -z "$(find "$base" -mtime +$max_age_days)" ]; then
    say "base $base is ready"
    flock -u 8
    return 0
  fi
  command -v debootstrap >/dev/null || die "debootstrap missing (tools/deps.sh qt5)"
  command -v zstd >/dev/null || die "zstd missing (tools/deps.sh qt5)"
  work=$(mktemp -d "$cache/$rel-work.XXXXXX")
  local log="$cache/$rel-prepare.log" # kept: the last preparation's details
  say "debootstrap --variant=minbase $rel (log $log)"
  : >"$log"
  if ! debootstrap --variant=minbase "$rel" "$work/root" ${mirror:+"$mirror"} >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    rm -rf "$work"
    die "debootstrap $rel failed (log $log)"
  fi
  cp -L /etc/resolv.conf "$work/root/etc/resolv.conf"
  # Maintainer scripts must not start services (prosody's would listen on 5222).
  printf '#!/bin/sh\nexit 101\n' >"$work/root/usr/sbin/policy-rc.d"
  chmod 0755 "$work/root/usr/sbin/policy-rc.d"
  in_root "$work/root" apt-get -qq update >>"$log" 2>&1 || { tail -n 30 "$log" >&2; die "apt-get update in $rel failed"; }
  bind "$(archives_of "$rel")" "$work/root/var/cache/apt/archives"
  local p seeds=()
  for p in $(seed_packages "$rel"); do
    in_root "$work/root" apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]' && seeds+=("$p")
  done
  in_root "$work/root" apt-get -qq -y --no-install-recommends install --download-only "${seeds[@]}" >>"$log" 2>&1 ||
    say "note: seeding the archive cache failed (see $log); the test will download"
  umount "$work/root/var/cache/apt/archives"
  unset 'mounts[-1]'
  tar --zstd -C "$work/root" -cpf "$base.tmp" . && mv -f "$base.tmp" "$base"
  rm -rf "$work"
  say "base $base made in $((SECONDS - t0)) s ($(du -h "$base" | cut -f1))"
  flock -u 8
}

if [ "${1:-}" = --prepare ]; then
  shift
  [ $# -ge 1 ] || usage
  for rel in "$@"; do prepare "$rel"; done
  exit 0
fi

# --- the test ---------------------------------------------------------------
artifacts=${MPENC_PKG_ARTIFACTS:-}
if [ "${1:-}" = --artifacts ]; then
  artifacts=$2
  shift 2
fi
[ $# -eq 2 ] || usage
rel=$1
deb=$(readlink -f "$2")
[ -f "$deb" ] || die "no package at $2"
command -v python3 >/dev/null || die "python3 missing"
version=${MPENC_EXPECT_VERSION:-$(dpkg-deb -f "$deb" Version)}
artifacts=${artifacts:-$(dirname "$deb")/package-test-$rel}
mkdir -p "$artifacts"
artifacts=$(cd "$artifacts" && pwd -P)
(cd "$artifacts" && rm -f files-*.txt demo-*.png headless-*.log prosody*.log satisfy*.log install*.log \
  purge*.log smoke.log) # its own files of an earlier run (deb_test.sh's are beside them)

t_all=$SECONDS
step_name="" step_t0=0
step() { step_name=$1 step_t0=$SECONDS; echo "--- $rel: $step_name"; }
pass() { echo "PASS $rel: $step_name ($((SECONDS - step_t0)) s)${1:+: $1}"; }
fail() {
  echo "FAIL $rel: $step_name ($((SECONDS - step_t0)) s): $1" >&2
  [ -z "${2:-}" ] || { tail -n 40 "$2" >&2; echo "(full log: $2)" >&2; }
  exit 1
}
logged() { # logged NAME CMD...: output to $artifacts/NAME.log
  local log="$artifacts/$1.log"
  shift
  "$@" </dev/null >"$log" 2>&1
}

step "base tarball"
prepare "$rel"
pass "$(base_of "$rel")"

step "fresh chroot"
tmp=$(mktemp -d "/var/tmp/mpenc-pkgtest-$rel.XXXXXX")
# The chroot lives in its own tmpfs: fast, and removed by unmounting it.
mount -t tmpfs -o size=8g,mode=0755 mpenc-pkgtest "$tmp"
mounts+=("$tmp")
root=$tmp/root
mkdir "$root"
depends=$(dpkg-deb -f "$deb" Depends)
[ -n "$depends" ] || fail "the package has no Depends"
# Installing the ~200 Depends takes minutes: the resulting tree (minbase + the
# Depends + prosody, still nothing of the build) is cached, keyed by the base
# tarball and the Depends, and extracted instead of the base when it exists.
key=$(printf '%s\n' "$(stat -c %Y "$(base_of "$rel")")" "$depends" | sha256sum | cut -c1-16)
deps_tar="$cache/$rel-deps-$key.tar.zst"
if [ -s "$deps_tar" ]; then
  tar --zstd -C "$root" -xpf "$deps_tar"
else
  tar --zstd -C "$root" -xpf "$(base_of "$rel")"
fi
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
# Like sbuild and pbuilder: no fsync in a throw-away chroot (much faster installs).
echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/mpenc-unsafe-io"
bind "$(archives_of "$rel")" "$root/var/cache/apt/archives"
if ! in_root "$root" /bin/sh -c 'head -c1 /dev/urandom >/dev/null' 2>/dev/null; then
  bind /dev "$root/dev"
fi
cp "$deb" "$root/tmp/"
debname=$(basename "$deb")
pass "$root"

apt_in_root() { # apt with one retry after an index refresh (the mirror moves on)
  local name=$1
  shift
  logged "$name" in_root "$root" apt-get -y --no-install-recommends "$@" && return 0
  logged "$name-update" in_root "$root" apt-get -qq update || return 1
  logged "$name" in_root "$root" apt-get -y --no-install-recommends "$@"
}
# The file list of the chroot, without what legitimately changes: temporary
# files, the user's data (/root), apt/dpkg state, caches, logs.
snapshot() {
  (cd "$root" && find . -xdev \( -path ./tmp -o -path ./var/tmp -o -path ./root -o -path ./run \
    -o -path ./dev -o -path ./proc -o -path ./var/lib/apt -o -path ./var/lib/dpkg \
    -o -path ./var/cache/apt -o -path ./var/cache/debconf -o -path ./var/cache/ldconfig -o -path ./var/cache/man \
    -o -path ./var/log \) -prune -o -printf '%y %m %p\n' | LC_ALL=C sort) >"$1"
}

step "install the Depends and the test tools"
if [ -s "$deps_tar" ]; then
  how="from the cache $(basename "$deps_tar")"
else
  apt_in_root satisfy satisfy "$depends" || fail "apt-get satisfy failed" "$artifacts/satisfy.log"
  apt_in_root prosody install prosody || fail "installing prosody failed" "$artifacts/prosody.log"
  rm -f "$cache/$rel-deps-"*.tar.zst
  tar --zstd --one-file-system -C "$root" -cpf "$deps_tar.tmp.$$" . && mv -f "$deps_tar.tmp.$$" "$deps_tar"
  how="installed, cached as $(basename "$deps_tar")"
fi
snapshot "$artifacts/files-before.txt"
pass "$(in_root "$root" dpkg-query -W -f='${db:Status-Abbrev}\n' | grep -c '^ii') packages, $how"

step "apt-get install ./$debname"
apt_in_root install install "/tmp/$debname" || fail "apt-get install failed" "$artifacts/install.log"
newly=$(grep -Eo '[0-9]+ newly installed' "$artifacts/install.log" | cut -d' ' -f1 || true)
[ "$newly" = 1 ] || fail "expected 1 newly installed package (the Depends were installed), got '$newly'" "$artifacts/install.log"
in_root "$root" dpkg-query -W -f='${Status}' mpenc-chat | grep -q 'install ok installed' || fail "mpenc-chat not installed"
pass

step "desktop file, icon, man page"
desktop_file=$(in_root "$root" dpkg -L mpenc-chat | grep -m1 '^/usr/share/applications/[^/]*\.desktop$' || true)
[ -n "$desktop_file" ] || fail "the package puts no .desktop file in /usr/share/applications"
desktop=$root$desktop_file
icon=$(sed -n 's/^Icon=//p' "$desktop" | head -n1)
exe=$(sed -n 's/^Exec=//p' "$desktop" | head -n1 | cut -d' ' -f1)
[ -n "$icon" ] || fail "the desktop file has no Icon="
icons=$(find "$root/usr/share/icons/hicolor" \( -name "$icon.svg" -o -name "$icon.png" \) 2>/dev/null | sort || true)
[ -n "$icons" ] || fail "icon '$icon' not found under /usr/share/icons/hicolor"
in_root "$root" /bin/sh -c "command -v '$exe'" >/dev/null || fail "Exec=$exe is not on PATH"
man=$(find "$root/usr/share/man" -name 'mpenc-chat.1*' 2>/dev/null | head -n1 || true)
man=${man#"$root"}
[ -n "$man" ] || fail "no man page mpenc-chat.1 under /usr/share/man"
pass "$desktop_file: Icon=$icon ($(echo "$icons" | wc -l) file(s)), Exec=$exe, $man"

step "mpenc-chat --version"
out=$(in_root "$root" mpenc-chat --version 2>&1) || fail "exit $?: $out"
case "$out" in *"$version"*) ;; *) fail "output '$out' does not contain $version" ;; esac
pass "$out"

step "offscreen demo screenshot"
# Qt 6's offscreen screen is 800x800 and would clamp the 1200x760 window: give
# it a desktop-sized screen (Qt 5's plugin takes no configuration).
platform=offscreen
if dpkg-deb -f "$deb" Depends | grep -q libqt6; then
  cp "$src/tests/gui/offscreen-screen.json" "$root/tmp/offscreen-screen.json"
  platform=offscreen:configfile=/tmp/offscreen-screen.json
fi
mkdir -m 0700 "$root/tmp/xdg"
logged smoke in_root "$root" QT_QPA_PLATFORM="$platform" XDG_RUNTIME_DIR=/tmp/xdg \
  timeout 60 mpenc-chat --demo --smoke-test --smoke-wait 1500 --screenshot /tmp/demo.png ||
  fail "mpenc-chat --demo --smoke-test failed" "$artifacts/smoke.log"
[ -f "$root/tmp/demo.png" ] || fail "no screenshot written" "$artifacts/smoke.log"
cp "$root/tmp/demo.png" "$artifacts/demo-$rel.png"
check=$(python3 "$src/tools/png-check.py" "$artifacts/demo-$rel.png" 1200 760) || fail "$check"
pass "$check; $artifacts/demo-$rel.png"

step "headless clients on a Prosody in the chroot"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pd=$root/tmp/prosody
mkdir -p "$pd/data"
cat >"$pd/prosody.cfg.lua" <<EOF
run_as_root = true
daemonize = false
pidfile = "/tmp/prosody/prosody.pid"
data_path = "/tmp/prosody/data"
log = { { levels = { min = "info" }, to = "file", filename = "/tmp/prosody/prosody.log" } }
interfaces = { "127.0.0.1" }
c2s_ports = { $port }
http_ports = { }
https_ports = { }
c2s_direct_tls_ports = { }
modules_enabled = { "roster", "saslauth", "disco", "ping", "posix" }
modules_disabled = { "s2s", "tls" }
authentication = "internal_plain"
storage = "internal"
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
VirtualHost "localhost"
Component "conference.localhost" "muc"
  restrict_room_creation = false
  muc_room_locking = false
  muc_room_default_history_length = 0
EOF
chroot "$root" "${clean_env[@]}" timeout 300 prosody --config /tmp/prosody/prosody.cfg.lua \
  >"$artifacts/prosody-stdout.log" 2>&1 </dev/null &
pids+=($!)
prosody_pid=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 $prosody_pid 2>/dev/null || { cp "$pd/prosody.log" "$artifacts/" 2>/dev/null; fail "prosody exited" "$artifacts/prosody-stdout.log"; }
  sleep 0.2
done
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || fail "prosody did not open port $port"
for u in alice bob; do
  in_root "$root" prosodyctl --config /tmp/prosody/prosody.cfg.lua register $u localhost "pw-$u" \
    >>"$artifacts/prosodyctl.log" 2>&1 || fail "prosodyctl register $u" "$artifacts/prosodyctl.log"
done
start_client() { # start_client NAME: headless client reading the FIFO /tmp/NAME.in
  mkfifo "$root/tmp/$1.in"
  chroot "$root" "${clean_env[@]}" XDG_RUNTIME_DIR=/tmp/xdg timeout 120 mpenc-chat --headless --data-dir "/tmp/$1" \
    --auto-include --fast-timers <"$root/tmp/$1.in" >"$artifacts/headless-$1.log" 2>"$artifacts/headless-$1.stderr.log" &
  pids+=($!)
}
wait_for() { # wait_for NAME REGEX SECONDS
  local i
  for ((i = 0; i < $3 * 5; i++)); do
    grep -Eq "$2" "$artifacts/headless-$1.log" && return 0
    sleep 0.2
  done
  fail "$1: no line matching '$2' within $3 s" "$artifacts/headless-$1.log"
}
start_client alice
exec 7>"$root/tmp/alice.in"
start_client bob
exec 6>"$root/tmp/bob.in"
room=pkgtest@conference.localhost
for u in alice bob; do
  fd=7
  [ $u = bob ] && fd=6
  echo "{\"cmd\":\"connect\",\"id\":1,\"jid\":\"$u@localhost\",\"password\":\"pw-$u\",\"host\":\"127.0.0.1\",\"port\":$port,\"tls\":\"disabled-unsafe\"}" >&$fd
  wait_for $u '"event":"connection".*"state":"connected"' 30
  echo "{\"cmd\":\"join\",\"id\":2,\"room\":\"$room\",\"nick\":\"$u\"}" >&$fd
  wait_for $u '"cmd":"join".*"ok":true' 30
done
wait_for alice '"to":"joined"' 30
wait_for bob '"to":"joined"' 30
echo '{"cmd":"send","id":3,"text":"installed from the package"}' >&7
wait_for bob '"event":"message".*"text":"installed from the package"' 30
echo '{"cmd":"quit","id":9}' >&7
echo '{"cmd":"quit","id":9}' >&6
exec 7>&- 6>&-
for p in "${pids[@]:1}"; do wait "$p" || fail "a headless client exited with $?"; done
kill -TERM $prosody_pid
wait $prosody_pid || true
pids=()
cp "$pd/prosody.log" "$artifacts/prosody.log"
grep -q "identity_created" "$artifacts/headless-alice.log" || fail "no identity key created" "$artifacts/headless-alice.log"
pass "port $port; bob decrypted alice's message"

step "apt-get purge mpenc-chat"
apt_in_root purge purge mpenc-chat || fail "apt-get purge failed" "$artifacts/purge.log"
snapshot "$artifacts/files-after.txt"
if ! diff -u "$artifacts/files-before.txt" "$artifacts/files-after.txt" >"$artifacts/files-diff.txt"; then
  fail "the file list differs from the one before the install ($artifacts/files-diff.txt)" "$artifacts/files-diff.txt"
fi
left=$(dpkg-deb --fsys-tarfile "$deb" | tar -t | sed 's|^\./|/|' | grep -v '/$' | while read -r f; do
  [ -e "$root$f" ] && echo "$f"
done || true)
[ -z "$left" ] || fail "files of the package left after purge: $left"
pass "$(wc -l <"$artifacts/files-after.txt") paths, as before"

echo "PASS $rel: $(basename "$deb") in $((SECONDS - t_all)) s (artifacts: $artifacts)"
