#!/usr/bin/env bash
# CPU per request of the HTTP client alone (async-http-client, 32 in flight, 20,000 creates)
# against a standalone routectl sandbox, next to routectl import's CPU per row in the same run.
#
#   bench/client-floor/run.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")"
rows="${1:-20000}"
swift build -c release >/dev/null 2>&1
(cd ../.. && swift build -c release --product routectl >/dev/null 2>&1)
BIN="$PWD/../../.build/release/routectl"
WORK="$(mktemp -d)"
trap 'kill $SANDBOX 2>/dev/null || true; rm -rf "$WORK"' EXIT
export XDG_CONFIG_HOME="$WORK" XDG_DATA_HOME="$WORK" ROUTECTL_ACCOUNT_KEY=floor ROUTECTL_ACCOUNT_SECRET=floor-secret
"$BIN" sandbox serve --port 0 --db :memory: --account floor:floor-secret >"$WORK/sandbox.out" 2>&1 &
SANDBOX=$!
until grep -q Telegent "$WORK/sandbox.out" 2>/dev/null; do sleep 0.1; done
base="$(awk '/Telegent/ { print $2 }' "$WORK/sandbox.out")"
token="$(curl -s -X POST "$base/oauth2/tokens" -H 'Content-Type: application/json' \
    -d "{\"AccountKey\":\"floor\",\"AccountSecret\":\"floor-secret\",\"ApiEndpoint\":\"$base/voice/routes\"}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
per_row() { awk -F' ' -v r="$rows" '{ printf "%.0f µs per request (user %s s, sys %s s)", ($1 + $2) * 1e6 / r, $1, $2 }' "$1"; }
/usr/bin/time -f "%U %S" -o "$WORK/floor.time" .build/release/ClientFloor "$base/voice/routes" "$token" "$rows" 32
echo "client alone:    $(per_row "$WORK/floor.time")"
awk -v n="$rows" 'BEGIN { print "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1"
    for (i = 0; i < n; i++) printf "row-%d,Trunk,10.0.%d.%d,5061,UDP\n", i, int(i / 250) % 250, i % 250 + 1 }' >"$WORK/rows.csv"
ROUTECTL_BASE_URL="$base" /usr/bin/time -f "%U %S" -o "$WORK/import.time" "$BIN" import "$WORK/rows.csv" --concurrency 32 --quiet
echo "routectl import: $(per_row "$WORK/import.time")"
