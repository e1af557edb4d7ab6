#!/usr/bin/env bash
# CSV reading speed and memory: `routectl csv inspect --count` against Python's csv.reader on
# the same generated routes files (100 MB and 400 MB by default).
#
# Usage: bench/csv/run.sh [SIZE_MB…]       (env: ROUTECTL=path/to/routectl, BENCH_DIR, RUNS)
# Prints, per file: the median wall time of RUNS runs, MB/s, the ratio, and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(100 400)
dir="${BENCH_DIR:-/tmp/routectl-bench}"
runs="${RUNS:-5}"
routectl="${ROUTECTL:-.build/release/routectl}"
mkdir -p "$dir"

if [[ ! -x "$routectl" ]]; then
    swift build -c release --product routectl
fi

# Median wall seconds of $runs runs of a command (output discarded).
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

# Peak resident set size in MiB, from GNU time if it is installed.
peak_mib() {
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }'
    else
        echo "n/a"
    fi
}

printf '%-10s %8s %10s %10s %10s %10s %7s %10s %10s\n' file MB records "python s" "ours s" "ours MB/s" ratio "py MiB" "ours MiB"
for size in "${sizes[@]}"; do
    file="$dir/routes-${size}MB.csv"
    [[ -f "$file" ]] || python3 bench/csv/gen.py "$file" "$size" >/dev/null
    mb=$(python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1]) / 1e6:.1f}')" "$file")
    ours_count=$("$routectl" csv inspect "$file" --count)
    python_count=$(python3 bench/csv/count.py "$file")
    if [[ "$ours_count" != "$python_count" ]]; then
        echo "record counts differ: routectl $ours_count, python $python_count" >&2
        exit 1
    fi
    python_s=$(median_seconds python3 bench/csv/count.py "$file")
    ours_s=$(median_seconds "$routectl" csv inspect "$file" --count)
    python3 - "$file" "$mb" "$ours_count" "$python_s" "$ours_s" "$(peak_mib python3 bench/csv/count.py "$file")" \
        "$(peak_mib "$routectl" csv inspect "$file" --count)" <<'PY'
import os, sys
file, mb, count, py, ours, py_mib, ours_mib = sys.argv[1:]
mb, py, ours = float(mb), float(py), float(ours)
print(f"{os.path.basename(file):<10.10} {mb:8.1f} {count:>10} {py:10.3f} {ours:10.3f} {mb / ours:10.0f} {py / ours:6.1f}x {py_mib:>10} {ours_mib:>10}")
PY
done
