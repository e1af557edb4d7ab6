#!/usr/bin/env bash
# Read throughput by input format: `routectl csv inspect FILE --count` on the same routes as a
# UTF-8 CSV, a Windows-1252 CSV (--encoding windows-1252) and an .xlsx sheet beside a UTF-8 CSV
# of the same rows. Needs python3 with openpyxl (pip install openpyxl) to write the .xlsx.
#
# Usage: bench/csv/formats.sh [SIZE_MB [XLSX_ROWS]]   (defaults 100 and 100000;
#        env: ROUTECTL=path/to/routectl, BENCH_DIR, RUNS)
# Prints, per file: records, median wall time of RUNS runs, MB/s of the file, rows/s, peak RSS.
set -euo pipefail
cd "$(dirname "$0")/../.."
size="${1:-100}"
xlsx_rows="${2:-100000}"
dir="${BENCH_DIR:-/tmp/routectl-bench}"
runs="${RUNS:-5}"
routectl="${ROUTECTL:-.build/release/routectl}"
mkdir -p "$dir"

if [[ ! -x "$routectl" ]]; then
    swift build -c release --product routectl
fi
stem="$dir/routes-${size}MB"
if [[ ! -f "$stem-cp1252.csv" || ! -f "$dir/routes-$xlsx_rows.xlsx" ]]; then
    python3 bench/csv/formats.py "$dir" "$size" "$xlsx_rows"
fi

median_seconds() {
    python3 - "$runs" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, command = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
    times.append(time.perf_counter() - start)
print(f"{statistics.median(times):.3f}")
PY
}

peak_mib() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }'
}

printf '%-28s %10s %8s %9s %9s %11s %8s\n' file MB records seconds "MB/s" "rows/s" MiB
measure() {
    local file="$1"; shift
    local count seconds
    count=$("$routectl" csv inspect "$file" --count "$@")
    seconds=$(median_seconds "$routectl" csv inspect "$file" --count "$@")
    python3 - "$file" "$count" "$seconds" "$(peak_mib "$routectl" csv inspect "$file" --count "$@")" <<'PY'
import os, sys
file, count, seconds, mib = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
mb = os.path.getsize(file) / 1e6
print(f"{os.path.basename(file):<28} {mb:10.1f} {count:8} {seconds:9.3f} {mb / seconds:9.0f} {count / seconds:11.0f} {mib:>8}")
PY
}
measure "$stem-utf8.csv"
measure "$stem-cp1252.csv" --encoding windows-1252
measure "$dir/routes-$xlsx_rows-utf8.csv"
measure "$dir/routes-$xlsx_rows.xlsx"
