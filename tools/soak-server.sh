#!/usr/bin/env bash
# The real-server soak (issue 14; docs/soak.md): N headless members in one
# Prosody room for M minutes of random sends, includes, excludes, kill -9s with
# restarts and one server restart; then every message ID is accounted for at
# every member.
#
#   tools/soak-server.sh [-m MINUTES] [-n MEMBERS] [-s SEED] [-o OUTDIR] [-r MSGS_PER_S] [-f]
#
# Defaults: 30 minutes, 10 members, seed 1, 2 messages/s, real protocol timers
# (-f: --fast-timers), OUTDIR build/default/soak-<date>. Builds mpenc-chat and
# mpenc_server_soak in the default preset (nice, -j2), runs the driver under
# nice -n 5 and leaves in OUTDIR: summary.md (the summary line first),
# messages.csv (one row per message ID, one fate letter per member),
# warnings.csv, driver.log and logs/<member>.<life>/ (every line in and out).
# Exit status: the driver's (0 PASS, 1 FAIL, 77 no Prosody).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
minutes=30 members=10 seed=1 rate=2 out="" fast=()
while getopts "m:n:s:o:r:fh" opt; do
  case "$opt" in
    m) minutes=$OPTARG ;;
    n) members=$OPTARG ;;
    s) seed=$OPTARG ;;
    o) out=$OPTARG ;;
    r) rate=$OPTARG ;;
    f) fast=(--fast-timers) ;;
    *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
[ -n "$out" ] || out="build/default/soak-$(date -u +%Y%m%dT%H%M%SZ)"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
nice -n 5 cmake --preset default "${launcher[@]}" >/dev/null
nice -n 5 cmake --build --preset default --target mpenc-chat mpenc_server_soak -j2
echo "soak-server.sh: $members members, $minutes min, seed $seed, $rate msg/s -> $out (load $(cut -d' ' -f1-3 /proc/loadavg))"
rc=0
QT_QPA_PLATFORM=offscreen MPENC_NO_KEYCHAIN=1 nice -n 5 build/default/tests/xmpp/mpenc_server_soak \
  --minutes "$minutes" --members "$members" --seed "$seed" --rate "$rate" --out "$out" "${fast[@]}" || rc=$?
echo "soak-server.sh: exit $rc; summary: $out/summary.md"
exit "$rc"
