#!/usr/bin/env python3
"""Runs a command, timing each line of its stderr that contains MARK (routectl --verbose logs one
per answered request), and prints the rate between the 10th and the 90th percentile of them:
the steady state, without the set-up before the first request and the checks after the last.

    steady_rate.py MARK COMMAND [ARG ...]

Prints `steady R/s` and then the command's stderr lines that do not contain MARK; exits with the
command's status.
"""
import subprocess
import sys
import time

mark, command = sys.argv[1], sys.argv[2:]
process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
times = []
rest = []
for line in process.stderr:
    if mark in line:
        times.append(time.monotonic())
    else:
        rest.append(line)
status = process.wait()
low, high = len(times) // 10, len(times) * 9 // 10
if high > low and times[high] > times[low]:
    print(f"steady {(high - low) / (times[high] - times[low]):.1f}/s")
else:
    print("steady: too few answers to tell")
sys.stdout.write("".join(rest))
sys.exit(status)
