#!/usr/bin/env bash
# Runs one test binary against a real, private Secret Service:
#
#   tests/xmpp/run-with-secret-service.sh TEST_BINARY [ARGS...]
#
# A private D-Bus session bus (dbus-daemon with its own configuration: no
# service directories, so nothing is ever auto-started on it) and a
# gnome-keyring-daemon (secrets component only) with a login collection
# created and unlocked for this run, both in a fresh temporary directory that
# is HOME, XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME and XDG_RUNTIME_DIR:
# the developer's own keyring and session bus are never touched. The test gets
# MPENC_TEST_SECRET_SERVICE=1 and MPENC_TEST_KEYRING_PID (to stop or kill the
# keyring mid-test). Everything is stopped by PID and the directory removed at
# the end. Exit 77 (skip) when gnome-keyring, dbus-daemon, dbus-send or
# secret-tool is missing (tools/deps.sh installs them for every lane).
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 TEST_BINARY [ARGS...]" >&2; exit 2; }
for tool in dbus-daemon dbus-send gnome-keyring-daemon secret-tool; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool is not installed (packages: dbus-daemon gnome-keyring libsecret-tools;" \
      "tools/deps.sh installs them): no real Secret Service to test against" >&2
    exit 77
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mpenc-keychain.XXXXXX")
chmod 700 "$tmp"
mkdir -m 700 "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/run"
pids=()
cleanup() {
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -CONT "${pids[i]}" 2>/dev/null || true # a SIGSTOPped keyring must be able to exit
    kill -TERM "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cat >"$tmp/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=$tmp/run/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
dbus-daemon --config-file="$tmp/bus.conf" --nofork --nopidfile --print-address=1 \
  >"$tmp/bus.address" 2>"$tmp/dbus.log" &
pids+=($!)
for _ in $(seq 50); do
  [ -s "$tmp/bus.address" ] && break
  sleep 0.1
done
[ -s "$tmp/bus.address" ] || { echo "run-with-secret-service: dbus-daemon did not start:" >&2; cat "$tmp/dbus.log" >&2; exit 1; }

export DBUS_SESSION_BUS_ADDRESS
DBUS_SESSION_BUS_ADDRESS=$(head -n 1 "$tmp/bus.address")
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" \
  XDG_RUNTIME_DIR="$tmp/run"
# QtKeychain picks KWallet on a KDE desktop: make sure it takes the Secret
# Service (libsecret) path, which it does outside KDE.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION GNOME_DESKTOP_SESSION_ID \
  GNOME_KEYRING_CONTROL SSH_AUTH_SOCK MPENC_NO_KEYCHAIN DISPLAY WAYLAND_DISPLAY

# The login collection's password: random, for this run only, never printed.
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$tmp/keyring.pw"
gnome-keyring-daemon --foreground --unlock --components=secrets <"$tmp/keyring.pw" >"$tmp/keyring.log" 2>&1 &
keyring_pid=$!
pids+=("$keyring_pid")
has_owner() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}
for _ in $(seq 100); do
  has_owner && break
  sleep 0.1
done
has_owner || { echo "run-with-secret-service: gnome-keyring-daemon did not start:" >&2; cat "$tmp/keyring.log" >&2; exit 1; }
rm -f "$tmp/keyring.pw" # read by now (the collection is unlocked)

export MPENC_TEST_SECRET_SERVICE=1 MPENC_TEST_KEYRING_PID="$keyring_pid"
set +e
"$@"
rc=$?
set -e
if [ $rc -ne 0 ] && [ -s "$tmp/keyring.log" ]; then
  echo "--- gnome-keyring-daemon log:" >&2
  cat "$tmp/keyring.log" >&2
fi
exit $rc
