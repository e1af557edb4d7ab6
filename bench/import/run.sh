#!/usr/bin/env bash
# Benchmarks of `routectl import` against a standalone `routectl sandbox serve` on loopback.
#
#   bench/import/run.sh            # every case
#   bench/import/run.sh latency    # one case: latency | whole | speed | cpu | memory | account | faults | kill
#   ROUTECTL=path/to/routectl bench/import/run.sh latency   # another binary, no build
#   LATENCY_ROWS=64000 bench/import/run.sh latency           # a longer run (12,800 rows: 20 s; also for whole)
#   PIN=1 bench/import/run.sh latency whole   # the sandbox on CPU 1, the import (and wrk) on CPU 0
#
# PIN gives the sandbox a core of its own, as a remote service has a machine of its own: without
# it the two processes share both cores of a 2-core machine, and each one's bursts delay the other.
#
# Each case starts its own sandbox (in memory), generates its input, checks the outcome (every
# row created once, no duplicate name on the server) and prints one line of figures. The latency
# case also runs wrk, when it is installed, as the ceiling.
set -euo pipefail

cd "$(dirname "$0")/../.."
if [ -z "${ROUTECTL:-}" ]; then
    swift build -c release --product routectl >/dev/null 2>&1
fi
BIN="${ROUTECTL:-$PWD/.build/release/routectl}"
WORK="$(mktemp -d)"
SANDBOX_PID=""

cleanup() {
    [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
export ROUTECTL_ACCOUNT_KEY=bench ROUTECTL_ACCOUNT_SECRET=bench-secret

# generate ROWS PREFIX > FILE: a Telegent CSV of valid Trunk routes.
generate() {
    awk -v n="$1" -v p="$2" 'BEGIN {
        print "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1"
        for (i = 0; i < n; i++)
            printf "%s-%d,Trunk,10.%d.%d.%d,5061,UDP\n", p, i, int(i / 62500) % 250, int(i / 250) % 250, i % 250 + 1
    }'
}

# start_sandbox [sandbox serve options…]: a fresh in-memory sandbox; sets ROUTECTL_BASE_URL.
start_sandbox() {
    stop_sandbox
    ${PIN:+taskset -c 1} "$BIN" sandbox serve --port 0 --db :memory: --account "$ROUTECTL_ACCOUNT_KEY:$ROUTECTL_ACCOUNT_SECRET" "$@" \
        >"$WORK/sandbox.out" 2>&1 &
    SANDBOX_PID=$!
    # Up to two minutes: --seed-routes fills the account before listening.
    for _ in $(seq 1200); do
        grep -q 'Telegent' "$WORK/sandbox.out" 2>/dev/null && break
        sleep 0.1
    done
    ROUTECTL_BASE_URL="$(awk '/Telegent/ { print $2 }' "$WORK/sandbox.out")"
    export ROUTECTL_BASE_URL
}

stop_sandbox() {
    if [ -n "$SANDBOX_PID" ]; then
        kill "$SANDBOX_PID" 2>/dev/null || true
        wait "$SANDBOX_PID" 2>/dev/null || true
        SANDBOX_PID=""
    fi
}

# timed_import FILE [import options…]: runs the import under /usr/bin/time -v; sets WALL (s),
# RSS_MB, RATE (rows/s as the importer reports it) and STATUS.
timed_import() {
    local file="$1"
    shift
    set +e
    /usr/bin/time -v ${PIN:+taskset -c 0} "$BIN" import "$file" "$@" 2>"$WORK/time.err"
    STATUS=$?
    set -e
    USER_S="$(awk -F': ' '/User time \(seconds\)/ { print $2 }' "$WORK/time.err")"
    SYS_S="$(awk -F': ' '/System time \(seconds\)/ { print $2 }' "$WORK/time.err")"
    WALL="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$WORK/time.err")"
    RSS_MB="$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/time.err")"
    RATE="$(sed -n 's/.*(\([0-9,]*\) rows\/s).*/\1/p' "$WORK/time.err" | tr -d ,)"
}

# check RESULTS ROWS: every row created once or failed with its reason (a fault run may exhaust a
# row's attempts), and the server holds exactly the created routes, with distinct names.
check() {
    local results="$1" rows="$2"
    local created failed
    created="$(awk -F, 'NR > 1 && $4 == "created"' "$results" | wc -l)"
    failed="$(awk -F, 'NR > 1 && $4 == "failed"' "$results" | wc -l)"
    "$BIN" export "$WORK/server.csv" --quiet
    local on_server distinct
    on_server="$(($(wc -l <"$WORK/server.csv") - 1))"
    distinct="$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "RouteName") c = i; next } { print $c }' "$WORK/server.csv" | sort -u | wc -l)"
    CHECK="created $created/$rows, failed $failed, on server $on_server, distinct names $distinct"
    if [ $((created + failed)) -ne "$rows" ] || [ "$on_server" -ne "$created" ] || [ "$distinct" -ne "$created" ]; then
        CHECK="$CHECK  FAILED"
    fi
}

case_latency() {
    # Little's law: 32 requests in flight for 50 ms each allow 640 answers a second. The import's
    # rate over the whole run (set-up, listing and the final check included) and in its steady
    # state (the middle 80 % of its answers), and, when wrk is installed, that of wrk (a C load
    # generator that does nothing but the requests) against the same sandbox: the ceiling.
    local rows="${LATENCY_ROWS:-12800}"
    start_sandbox --latency 50
    generate $rows lat >"$WORK/latency.csv"
    python3 bench/import/steady_rate.py "POST /v1.0/voice/routes " \
        ${PIN:+taskset -c 0} "$BIN" import "$WORK/latency.csv" --concurrency 32 --verbose >"$WORK/latency.out" || true
    RATE="$(sed -n 's/.*(\([0-9,]*\) rows\/s).*/\1/p' "$WORK/latency.out" | tr -d ,)"
    local steady
    steady="$(awk '/^steady/ { print $2 + 0 }' "$WORK/latency.out")"
    check "$WORK/latency.results.csv" $rows
    echo "latency 50 ms, 32 in flight, $rows rows: $RATE rows/s over the run ($(percent_of_640 "$RATE")), $steady/s steady" \
        "($(percent_of_640 "$steady")); $CHECK"
    if command -v wrk >/dev/null; then
        start_sandbox --latency 50
        local token peer
        token="$(curl -sf "$ROUTECTL_BASE_URL/oauth2/tokens" -H 'Content-Type: application/json' \
            -d "{\"AccountKey\": \"$ROUTECTL_ACCOUNT_KEY\", \"AccountSecret\": \"$ROUTECTL_ACCOUNT_SECRET\"}" |
            python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
        peer="$(${PIN:+taskset -c 0} wrk -t1 -c32 -d20s -s bench/sandbox/create.lua "${ROUTECTL_BASE_URL%/v1.0}" -- "$token" | awk '/Requests\/sec/ { print $2 }')"
        echo "latency 50 ms, wrk with 32 connections for 20 s against the same sandbox: $peer/s ($(percent_of_640 "$peer"))"
    fi
}

percent_of_640() {
    awk -v r="$1" 'BEGIN { printf "%.1f %% of 640", r / 6.4 }'
}

case_whole() {
    # The same import without --verbose, timed from the process's start to its exit (the set-up
    # listing, every row, the result file and the final check), as a share of Little's law.
    local rows="${LATENCY_ROWS:-12800}"
    start_sandbox --latency 50
    generate $rows whole >"$WORK/whole.csv"
    timed_import "$WORK/whole.csv" --concurrency 32
    check "$WORK/whole.results.csv" $rows
    echo "latency 50 ms, 32 in flight, $rows rows, the whole process: wall ${WALL}s," \
        "$(awk -v n=$rows -v w="$WALL" 'BEGIN { printf "%.1f %% of 640/s", n / w / 6.4 }')" \
        "(the import's own rate $RATE rows/s, $(percent_of_640 "$RATE")); $CHECK"
}

case_speed() {
    local rows=60000
    start_sandbox
    generate $rows fast >"$WORK/speed.csv"
    timed_import "$WORK/speed.csv" --concurrency 32
    check "$WORK/speed.results.csv" $rows
    echo "no latency, 32 in flight, $rows rows: $RATE rows/s, wall ${WALL}s; $CHECK"
}

case_memory() {
    # The RSS curve: the same import at 20k, 200k and 1M rows into an empty account.
    local small_rss=""
    for rows in 20000 200000 1000000; do
        start_sandbox
        generate $rows mem >"$WORK/memory.csv"
        timed_import "$WORK/memory.csv" --concurrency 32 --quiet
        echo "memory, $rows rows: peak RSS ${RSS_MB} MB, $RATE rows/s, wall ${WALL}s, exit $STATUS"
        [ -z "$small_rss" ] && small_rss="$RSS_MB"
        echo "memory: ${rows}/20k peak RSS ratio $(awk -v a="$RSS_MB" -v b="$small_rss" 'BEGIN { printf "%.2f", a / b }')"
    done
}

case_cpu() {
    # Client CPU per imported row: user + sys of the import process, 20,000 rows, 32 in flight.
    local rows=20000
    start_sandbox
    generate $rows cpu >"$WORK/cpu.csv"
    timed_import "$WORK/cpu.csv" --concurrency 32 --quiet
    check "$WORK/cpu.results.csv" $rows
    echo "cpu, $rows rows: $(awk -v u="$USER_S" -v s="$SYS_S" -v r="$rows" 'BEGIN { printf "%.0f", (u + s) * 1e6 / r }') µs user+sys per row" \
        "(user ${USER_S}s, sys ${SYS_S}s), $RATE rows/s; $CHECK"
}

case_account() {
    # 1,000 rows into an account that already holds 300,000 routes: peak RSS, how soon the first
    # create leaves (the whole account is listed and indexed first), and the client's CPU for the
    # run, which lists all 300,000 twice (before sending and for the final check).
    start_sandbox --seed-routes 300000
    generate 1000 acct >"$WORK/account.csv"
    set +e
    python3 bench/import/first_request.py "POST /v1.0/voice/routes " \
        /usr/bin/time -v "$BIN" import "$WORK/account.csv" --concurrency 32 --verbose >"$WORK/account.out"
    STATUS=$?
    set -e
    RSS_MB="$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/account.out")"
    local cpu
    cpu="$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$WORK/account.out")"
    echo "account of 300,000 routes, 1,000 rows: exit $STATUS, peak RSS ${RSS_MB} MB, $(head -n 1 "$WORK/account.out");" \
        "client CPU ${cpu}s (user + sys, both listings); $(grep -m 1 'rows in' "$WORK/account.out")"
}

# The faults real gateways have, each at 10 %, with the sandbox's own failures, a rate limit and
# expiring tokens. The client's request timeout is 1 s, so late commits (2 s) land after it gave up.
FAULTS=(--late-commit-rate 0.1 --late-commit-delay 2 --commit-then-fail-rate 0.1 --cut-body-rate 0.1
        --fail-rate 0.1 --ambiguous-rate 0.05 --rate-limit 400 --token-ttl 3 --seed 42)

# writes WORK/sandbox.out's POST lines to the voice routes endpoint: creates the server received.
count_creates() {
    grep -c 'POST /v1.0/voice/routes ' "$WORK/sandbox.out" || true
}

case_faults() {
    local rows=10000
    start_sandbox "${FAULTS[@]}" --verbose
    generate $rows fault >"$WORK/faults.csv"
    timed_import "$WORK/faults.csv" --concurrency 32 --request-timeout 1
    check "$WORK/faults.results.csv" $rows
    local retried settled creates
    retried="$(awk -F, 'NR > 1 && $7 > 1' "$WORK/faults.results.csv" | wc -l)"
    settled="$(grep -c 'found by name' "$WORK/faults.results.csv" || true)"
    creates="$(count_creates)"
    echo "gateway faults at 10 % + fail 0.1, ambiguous 0.05, rate limit 400/s, token 3 s, $rows rows: exit $STATUS," \
        "$RATE rows/s, $(awk -v c="$creates" -v r="$rows" 'BEGIN { printf "%.3f", c / r }') create requests per created row," \
        "$settled rows settled by name, $retried rows needed more than one attempt; $CHECK"
}

case_kill() {
    local rows=20000
    start_sandbox "${FAULTS[@]}"
    generate $rows kill >"$WORK/kill.csv"
    local round
    for round in 1 2 3 4; do
        # Killed at a different moment each round: 1, 2, 3 and 4 s after it started.
        "$BIN" import "$WORK/kill.csv" --concurrency 32 --request-timeout 1 --quiet $([ $round -gt 1 ] && echo --resume) &
        local pid=$!
        sleep "$round"
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    timed_import "$WORK/kill.csv" --resume --concurrency 32 --request-timeout 1
    check "$WORK/kill.results.csv" $rows
    echo "4 × kill -9 (after 1, 2, 3, 4 s of successive runs) under the gateway faults, then --resume: exit $STATUS; $CHECK"
}

cases=("${@:-latency whole speed cpu memory account faults kill}")
for name in ${cases[*]}; do
    "case_$name"
    stop_sandbox
done
