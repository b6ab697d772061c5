#!/usr/bin/env bash
# Run the built app: tools/run-app.sh BUILD_DIR [mpenc-chat arguments...]
# Without a display (no DISPLAY, no WAYLAND_DISPLAY) it runs on Qt's offscreen
# platform with --smoke-test, saves a screenshot and exits, instead of hanging
# or failing with a platform-plugin error.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: tools/run-app.sh BUILD_DIR [mpenc-chat arguments...]" >&2
  exit 2
fi
build=$1
shift
app="$build/app/mpenc-chat"
if [ ! -x "$app" ]; then
  echo "run-app.sh: no app at $app: build first, e.g. cmake --preset default && cmake --build --preset default" >&2
  exit 1
fi

if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
  XDG_RUNTIME_DIR=$(mktemp -d "${TMPDIR:-/tmp}/mpenc-runtime.XXXXXX")
  chmod 0700 "$XDG_RUNTIME_DIR"
  export XDG_RUNTIME_DIR
  trap 'rm -rf "$XDG_RUNTIME_DIR"' EXIT
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  for a in "$@"; do # informational options print and exit by themselves
    case "$a" in -h | --help | -v | --version | --help-all) QT_QPA_PLATFORM=offscreen exec "$app" "$@" ;; esac
  done
  echo "No display found: running on the offscreen platform (set DISPLAY to see the window)"
  shot="$(cd "$build" && pwd)/mpenc-chat-screenshot.png"
  rc=0
  QT_QPA_PLATFORM=offscreen "$app" --smoke-test --screenshot "$shot" "$@" || rc=$?
  if [ $rc -eq 0 ]; then
    echo "The window opened and closed again; its screenshot is $shot"
  else
    echo "run-app.sh: mpenc-chat exited with status $rc" >&2
  fi
  exit $rc
fi
exec "$app" "$@"
