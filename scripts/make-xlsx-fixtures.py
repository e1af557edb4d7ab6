#!/usr/bin/env python3
"""Writes the .xlsx fixtures of Tests/RouteXLSXTests/Fixtures with real spreadsheet writers.

openpyxl writes routes.xlsx (inline strings, rich text, numbers, booleans, dates,
empty rows and cells, text-formatted leading zeros, several sheets, and a formula it cannot
compute, so without a saved value). XlsxWriter writes formulas.xlsx: formulas with the values
a spreadsheet application would have saved, and a shared strings table (openpyxl writes
inline strings).

Usage: pip install openpyxl xlsxwriter && scripts/make-xlsx-fixtures.py
"""
import datetime
import os

import openpyxl
import xlsxwriter
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "RouteXLSXTests", "Fixtures")


def routes():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Routes"
    sheet.append(["RouteName", "RouteType", "TrunkIp1", "TrunkPort1", "Number", "Enabled", "Since", "Extension"])
    sheet.append(["Montréal trunk", "Trunk", "10.0.0.1", 5060, 16476998778, True,
                  datetime.date(2024, 3, 15), "00123"])
    sheet["A3"].number_format = "@"  # a styled cell with no value: an empty row
    sheet.append([])
    sheet.append(["Zürich trunk", "Trunk", None, 5061.0, 1.6476998778e10, False,
                  datetime.datetime(2024, 3, 15, 13, 45), "007"])
    sheet.append([CellRichText([TextBlock(InlineFont(b=True), "São"), " Paulo"]), "Trunk", "10.0.0.3",
                  0.1 + 0.2, -12.5, None, None, 42])
    for row in range(2, 7):
        sheet.cell(row=row, column=8).number_format = "@"
    sheet.cell(row=6, column=8).number_format = "00000"

    numbers = book.create_sheet("Numbers")
    numbers.append(["Number", "Route"])
    numbers.append(["+14165550100", "Montréal trunk"])
    numbers.append([14165550101, "Zürich trunk"])

    broken = book.create_sheet("Broken")
    broken.append(["RouteName", "TrunkPort1"])
    broken.append(["A", "=1+1"])
    broken.append(["B", 5060])
    book.save(os.path.join(OUT, "routes.xlsx"))


def formulas():
    book = xlsxwriter.Workbook(os.path.join(OUT, "formulas.xlsx"))
    sheet = book.add_worksheet("Computed")
    for column, name in enumerate(["RouteName", "TrunkPort1", "Enabled", "Label"]):
        sheet.write_string(0, column, name)
    sheet.write_string(1, 0, "Ottawa trunk")
    sheet.write_formula(1, 1, "=5000+60", None, 5060)
    sheet.write_formula(1, 2, "=1=1", None, True)
    sheet.write_formula(1, 3, '=A2&" (main)"', None, "Ottawa trunk (main)")
    sheet.write_string(2, 0, "Quebec trunk")
    sheet.write_formula(2, 1, "=B2+1", None, 5061)
    sheet.write_formula(2, 2, "=1=2", None, False)
    sheet.write_formula(2, 3, "=NA()", None, "#N/A")
    book.close()


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    routes()
    formulas()
