#!/usr/bin/env bash
# Two routectl builds on the same file, run alternately so that load on the machine falls on both:
# `routectl csv inspect FILE --count`, RUNS times each; median and fastest CPU time (getrusage).
#
# Usage: bench/csv/compare.sh BEFORE_BINARY AFTER_BINARY [FILE]   (env: RUNS, default 21;
#        FILE defaults to run.sh's 100 MB file, which run.sh or gen.py writes)
set -euo pipefail
file="${3:-${BENCH_DIR:-/tmp/routectl-bench}/routes-100MB.csv}"
python3 - "$1" "$2" "$file" "${RUNS:-21}" <<'PY'
import resource, statistics, subprocess, sys
before, after, path, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
seconds = {before: [], after: []}
for _ in range(runs):
    for binary in (before, after):
        start = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([binary, "csv", "inspect", path, "--count"], stdout=subprocess.DEVNULL, check=True)
        end = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds[binary].append(end.ru_utime - start.ru_utime + end.ru_stime - start.ru_stime)
for binary, times in seconds.items():
    print(f"{binary}: median {statistics.median(times):.3f} s, fastest {min(times):.3f} s")
PY
