#!/usr/bin/env python3
"""Writes the same routes three ways for bench/csv/formats.sh: UTF-8 CSV, Windows-1252 CSV and .xlsx.

The rows are bench/csv/gen.py's with accented city names mixed in (so that Windows-1252 has
bytes to decode), CRLF line ends. The .xlsx (written by openpyxl in write-only mode, as a
spreadsheet export would be) holds the first XLSX_ROWS rows, with a UTF-8 CSV of the same rows
beside it for a like-for-like comparison.
Usage: formats.py DIR SIZE_MB XLSX_ROWS
"""
import csv
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
import gen  # noqa: E402

CITIES = ["Montréal", "Zürich", "São Paulo", "Québec", "Málaga", "Øresund", "Göteborg", "Kraków"]


def rows(size_bytes):
    rng = random.Random(4)
    n = 0
    written = 0
    while written < size_bytes:
        n += 1
        row = gen.row(rng, n)
        row[0] = f"{row[0]} {CITIES[n % len(CITIES)]}"
        written += sum(len(cell) for cell in row) + len(row) + 1
        yield row


def main():
    directory, size_mb, xlsx_rows = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    stem = os.path.join(directory, f"routes-{int(size_mb)}MB")
    with open(stem + "-utf8.csv", "w", newline="", encoding="utf-8") as utf8, \
            open(stem + "-cp1252.csv", "w", newline="", encoding="cp1252") as cp1252:
        writers = [csv.writer(utf8, lineterminator="\r\n"), csv.writer(cp1252, lineterminator="\r\n")]
        for writer in writers:
            writer.writerow(gen.HEADER)
        for row in rows(int(size_mb * 1_000_000)):
            for writer in writers:
                writer.writerow(row)

    import openpyxl
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Routes")
    with open(os.path.join(directory, f"routes-{xlsx_rows}-utf8.csv"), "w", newline="", encoding="utf-8") as twin:
        writer = csv.writer(twin, lineterminator="\r\n")
        sheet.append(gen.HEADER)
        writer.writerow(gen.HEADER)
        for index, row in enumerate(rows(10**12)):
            if index == xlsx_rows:
                break
            sheet.append(row)
            writer.writerow(row)
    book.save(os.path.join(directory, f"routes-{xlsx_rows}.xlsx"))


if __name__ == "__main__":
    main()
