#!/usr/bin/env bash
# Peak RSS of one import of ROWS generated rows into a fresh standalone sandbox, with an optional
# environment assignment for the importer (e.g. MALLOC_ARENA_MAX=2).
#
#   bench/import/peak-rss.sh ROWS ROUTECTL [NAME=VALUE]
set -euo pipefail
rows="$1" binary="$2" assignment="${3:-ROUTECTL_BENCH=1}"
WORK="$(mktemp -d)"
SANDBOX=""
trap '[ -n "$SANDBOX" ] && kill "$SANDBOX" 2>/dev/null; rm -rf "$WORK"' EXIT
export XDG_CONFIG_HOME="$WORK" XDG_DATA_HOME="$WORK" XDG_STATE_HOME="$WORK" ROUTECTL_ACCOUNT_KEY=rss ROUTECTL_ACCOUNT_SECRET=rss-secret
"$binary" sandbox serve --port 0 --db :memory: --account rss:rss-secret >"$WORK/sandbox.out" 2>&1 &
SANDBOX=$!
until grep -q Telegent "$WORK/sandbox.out" 2>/dev/null; do sleep 0.1; done
export ROUTECTL_BASE_URL="$(awk '/Telegent/ { print $2 }' "$WORK/sandbox.out")"
awk -v n="$rows" 'BEGIN { print "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1"
    for (i = 0; i < n; i++) printf "mem-%d,Trunk,10.%d.%d.%d,5061,UDP\n", i, int(i / 62500) % 250, int(i / 250) % 250, i % 250 + 1 }' >"$WORK/rows.csv"
env "$assignment" /usr/bin/time -f "%M" -o "$WORK/time" "$binary" import "$WORK/rows.csv" --concurrency 32 --quiet
echo "$rows rows, $assignment: peak RSS $(awk '{ printf "%.1f", $1 / 1024 }' "$WORK/time") MB"
