#!/usr/bin/env python3
"""The yardstick: counts the data records of a CSV file with Python's csv module (C reader)."""
import csv
import sys

with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = sum(1 for row in csv.reader(f) if row)
print(max(rows - 1, 0))
