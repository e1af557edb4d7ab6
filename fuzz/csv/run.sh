#!/usr/bin/env bash
# Builds the CSV fuzz target with libFuzzer and runs it.
# Usage: fuzz/csv/run.sh [SECONDS (default 60)] [extra libFuzzer flags…]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
shift || true
work="${FUZZ_WORK:-/tmp/routecsv-fuzz}"
mkdir -p "$work/corpus"

swiftc -O -sanitize=fuzzer,address -parse-as-library -swift-version 6 \
    -module-name RouteCSVFuzz Sources/RouteCSV/*.swift fuzz/csv/FuzzTarget.swift \
    -o "$work/csv-fuzz"

# Seeds: the shapes the reader must get right.
printf 'a,b\r\n"x,""y""","p\r\nq"\r\n\r\n' > "$work/corpus/seed-crlf"
printf '\xef\xbb\xbfsep=;\na;b\n"1;2";3\n' > "$work/corpus/seed-excel"
printf 'a,b\n1,x"y\n"q"z,2\n"open' > "$work/corpus/seed-errors"
printf 'a\rb\r\r"c\rd"\r' > "$work/corpus/seed-cr"

"$work/csv-fuzz" "$work/corpus" -max_len=4096 -max_total_time="$seconds" -print_final_stats=1 "$@"
