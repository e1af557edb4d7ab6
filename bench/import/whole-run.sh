#!/usr/bin/env bash
# The whole-run rate at 50 ms × 32: the wall time of one `routectl import` process, from its start
# to its exit (start-up listing, every row, the result file and the final check included),
# against a fresh standalone sandbox with `--latency 50`, as a share of Little's law (640/s).
#
#   bench/import/whole-run.sh                  # 12,800 rows: 20 s at best
#   ROWS=64000 bench/import/whole-run.sh       # a longer run
#   ROUTECTL=path/to/routectl bench/import/whole-run.sh   # another binary, no build
set -euo pipefail

cd "$(dirname "$0")/../.."
if [ -z "${ROUTECTL:-}" ]; then
    swift build -c release --product routectl >/dev/null 2>&1
fi
BIN="${ROUTECTL:-$PWD/.build/release/routectl}"
ROWS="${ROWS:-12800}"
WORK="$(mktemp -d)"
SANDBOX_PID=""
trap '[ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
export ROUTECTL_ACCOUNT_KEY=bench ROUTECTL_ACCOUNT_SECRET=bench-secret

"$BIN" sandbox serve --port 0 --db :memory: --account bench:bench-secret --latency 50 >"$WORK/sandbox.out" 2>&1 &
SANDBOX_PID=$!
until grep -q Telegent "$WORK/sandbox.out" 2>/dev/null; do sleep 0.1; done
ROUTECTL_BASE_URL="$(awk '/Telegent/ { print $2 }' "$WORK/sandbox.out")"
export ROUTECTL_BASE_URL

awk -v n="$ROWS" 'BEGIN {
    print "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1"
    for (i = 0; i < n; i++)
        printf "lat-%d,Trunk,10.%d.%d.%d,5061,UDP\n", i, int(i / 62500) % 250, int(i / 250) % 250, i % 250 + 1
}' >"$WORK/rows.csv"

started="$(date +%s.%N)"
"$BIN" import "$WORK/rows.csv" --concurrency 32 2>"$WORK/import.err" || true
ended="$(date +%s.%N)"
summary="$(grep 'rows/s' "$WORK/import.err" || cat "$WORK/import.err")"
awk -v s="$started" -v e="$ended" -v n="$ROWS" -v summary="$summary" 'BEGIN {
    printf "%d rows at 50 ms x 32: wall %.3f s = %.2f %% of 640/s (%s)\n", n, e - s, n / (e - s) / 640 * 100, summary
}'
