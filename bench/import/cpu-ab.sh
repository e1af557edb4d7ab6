#!/usr/bin/env bash
# CPU per imported row (user + sys ÷ rows) of several routectl binaries, interleaved over ROUNDS
# rounds so that a shared machine's drifting speed falls on all alike: a 20,000-row import at 32 in
# flight into a fresh standalone sandbox (served by the first binary) each time.
#
#   bench/import/cpu-ab.sh ROUNDS ROUTECTL...
set -euo pipefail
rounds="$1"
shift
WORK="$(mktemp -d)"
SANDBOX=""
trap '[ -n "$SANDBOX" ] && kill "$SANDBOX" 2>/dev/null; rm -rf "$WORK"' EXIT
export XDG_CONFIG_HOME="$WORK" XDG_DATA_HOME="$WORK" XDG_STATE_HOME="$WORK" ROUTECTL_ACCOUNT_KEY=ab ROUTECTL_ACCOUNT_SECRET=ab-secret
awk 'BEGIN { print "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1"
    for (i = 0; i < 20000; i++) printf "row-%d,Trunk,10.0.%d.%d,5061,UDP\n", i, int(i / 250) % 250, i % 250 + 1 }' >"$WORK/rows.csv"
for _ in $(seq "$rounds"); do
    for binary in "$@"; do
        "$1" sandbox serve --port 0 --db :memory: --account ab:ab-secret >"$WORK/sandbox.out" 2>&1 &
        SANDBOX=$!
        until grep -q Telegent "$WORK/sandbox.out" 2>/dev/null; do sleep 0.1; done
        rm -f "$WORK"/rows.results.csv*
        ROUTECTL_BASE_URL="$(awk '/Telegent/ { print $2 }' "$WORK/sandbox.out")" \
            /usr/bin/time -f "%U %S" -o "$WORK/time" "$binary" import "$WORK/rows.csv" --concurrency 32 --quiet
        kill "$SANDBOX"; wait "$SANDBOX" 2>/dev/null || true; SANDBOX=""
        echo "$binary $(awk '{ printf "%.0f", ($1 + $2) * 1e6 / 20000 }' "$WORK/time") µs per row"
    done
done
