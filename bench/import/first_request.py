#!/usr/bin/env python3
"""Runs a command, timing when its stderr first shows a line containing MARK.

    first_request.py MARK COMMAND [ARG ...]

Prints `first MARK after S s` and then the command's stderr lines that do not contain MARK (the
summary, /usr/bin/time's report); exits with the command's status.
"""
import subprocess
import sys
import time

mark, command = sys.argv[1], sys.argv[2:]
started = time.monotonic()
process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
first = None
rest = []
for line in process.stderr:
    if mark in line:
        if first is None:
            first = time.monotonic() - started
    else:
        rest.append(line)
status = process.wait()
print(f"first {mark!r} after {first:.2f} s" if first is not None else f"no {mark!r} at all")
sys.stdout.write("".join(rest))
sys.exit(status)
