#!/usr/bin/env bash
# Load test: how many Telegent creates per second the sandbox sustains on loopback, no faults.
#
#   bench/sandbox/run.sh [DURATION_SECONDS] [CONNECTIONS] [DATABASE]
#
# Builds routectl in release, serves `routectl sandbox serve` with a file database in WAL mode (or
# the given one, e.g. :memory:), gets a token, drives POST /v1.0/voice/routes with wrk for DURATION
# seconds over CONNECTIONS keep-alive connections, then checks that the sandbox holds as many routes
# as wrk saw 2xx answers. Needs wrk, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10}
connections=${2:-64}
work=$(mktemp -d)
database=${3:-$work/bench.sqlite}
port=${PORT:-18080}

swift build -c release --product routectl >&2
routectl=$(swift build -c release --show-bin-path)/routectl
"$routectl" sandbox serve --port "$port" --db "$database" --account bench-key:bench-secret > "$work/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; wait $server_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q listening "$work/server.log" && break; sleep 0.1; done

base=http://127.0.0.1:$port/v1.0
token=$(curl -sf "$base/oauth2/tokens" -H 'Content-Type: application/json' \
    -d '{"AccountKey": "bench-key", "AccountSecret": "bench-secret"}' |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')

wrk -t2 -c"$connections" -d"${duration}s" --latency -s bench/sandbox/create.lua "http://127.0.0.1:$port" -- "$token" | tee "$work/wrk.txt"

stored=$(curl -sf "$base/account/voice/routes" -H "Authorization: Bearer $token" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["TotalRoutes"])')
requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
failed=$(awk '/Non-2xx/ {print $5}' "$work/wrk.txt")
echo "routes stored: $stored (requests: $requests, non-2xx: ${failed:-0})"
