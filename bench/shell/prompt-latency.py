#!/usr/bin/env python3
"""Start-to-prompt time of `routectl shell`: launches it on a pseudo-terminal with fresh XDG
directories (a history of 2,000 lines) and times until the prompt appears. With several
executables, their runs are interleaved, so that a shared machine's changing load falls on all
alike. Prints, per executable, the median wall time and the median CPU time the process used
until the prompt (the latter barely moves with the load; 10 ms resolution).

usage: bench/shell/prompt-latency.py [RUNS] [ROUTECTL...]   (default 20, .build/debug/routectl)
"""
import os, pty, select, statistics, subprocess, sys, tempfile, time

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
binaries = sys.argv[2:] or [".build/debug/routectl"]
home = tempfile.mkdtemp(prefix="routectl-prompt-")
state = os.path.join(home, "state", "routectl")
os.makedirs(state)
for name in ["history.sandbox", "history"]:  # the file of today's versions, and of earlier ones
    with open(os.path.join(state, name), "w") as history:
        history.write("_HiStOrY_V2_\n" + "".join(f"routes\\040show\\040CRID-{n}\n" for n in range(2000)))
environment = {"HOME": home, "PATH": "/usr/bin:/bin", "TERM": "xterm",
               "XDG_CONFIG_HOME": os.path.join(home, "config"), "XDG_STATE_HOME": os.path.join(home, "state"),
               "XDG_DATA_HOME": os.path.join(home, "data")}

def once(binary):
    master, slave = pty.openpty()
    started = time.perf_counter()
    process = subprocess.Popen([binary, "shell"], stdin=slave, stdout=slave, stderr=slave, env=environment,
                               start_new_session=True)
    os.close(slave)
    seen = b""
    while b"routectl telegent@sandbox>" not in seen:
        ready, _, _ = select.select([master], [], [], 10)
        if not ready:
            raise SystemExit("no prompt after 10 s")
        seen += os.read(master, 4096)
    elapsed = time.perf_counter() - started
    fields = open(f"/proc/{process.pid}/stat").read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    process.terminate()
    process.wait(timeout=10)
    os.close(master)
    return elapsed * 1000, cpu * 1000

results = {binary: [] for binary in binaries}
for run in range(runs):
    for binary in binaries[run % len(binaries):] + binaries[:run % len(binaries)]:
        results[binary].append(once(binary))
for binary, measured in results.items():
    print(f"{binary}: median {statistics.median(w for w, _ in measured):.1f} ms to the prompt, "
          f"{statistics.median(c for _, c in measured):.0f} ms of CPU, over {runs} runs")
