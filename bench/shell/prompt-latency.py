#!/usr/bin/env python3
"""Start-to-prompt time of `routectl shell`: launches it on a pseudo-terminal with fresh XDG
directories (a history of 2,000 lines) and times until the prompt
appears. Prints each run and the medians of the wall time and of the CPU time the process used
until then (the latter barely moves with the load of a shared machine).

usage: bench/shell/prompt-latency.py [ROUTECTL] [RUNS]   (default .build/debug/routectl, 20)
"""
import os, pty, select, statistics, subprocess, sys, tempfile, time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/routectl"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
home = tempfile.mkdtemp(prefix="routectl-prompt-")
state = os.path.join(home, "state", "routectl")
os.makedirs(state)
for name in ["history.sandbox", "history"]:  # the file of today's versions, and of earlier ones
    with open(os.path.join(state, name), "w") as history:
        history.write("_HiStOrY_V2_\n" + "".join(f"routes\\040show\\040CRID-{n}\n" for n in range(2000)))
environment = {"HOME": home, "PATH": "/usr/bin:/bin", "TERM": "xterm",
               "XDG_CONFIG_HOME": os.path.join(home, "config"), "XDG_STATE_HOME": os.path.join(home, "state"),
               "XDG_DATA_HOME": os.path.join(home, "data")}

def once():
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

runs = [once() for _ in range(runs)]
print(" ".join(f"{wall:.1f}" for wall, _ in runs))
print(f"median {statistics.median(w for w, _ in runs):.1f} ms to the prompt, "
      f"{statistics.median(c for _, c in runs):.0f} ms of CPU, over {len(runs)} runs")
