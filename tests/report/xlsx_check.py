#!/usr/bin/env python3
"""Reads back bijlagen.xlsx of `mkba report` with openpyxl (Debian's python3-openpyxl).

usage: xlsx_check.py MKBA SCENARIO

- numbers are stored as numbers: no text cell looks like a formatted number ("2,25 %", "3.150",
  "€ 1.000", "1,5"); every numeric cell of a table carries a number format (euro, count, percent);
- Dutch formats: euro as "€" #,##0, counts #,##0, percentages 0.00%, region NCW in mln;
- every sheet has frozen panes, a print area, repeated title rows, A4, fit to one page wide, and
  landscape when wide; column widths are set;
- one sheet per gemeente (with its NCW per stakeholder and break-even year) plus Samenvatting,
  Aannames and Bronnen (full references).
"""
import os
import re
import subprocess
import sys
import tempfile

import openpyxl

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


# Text that is a number in disguise: grouped thousands, a decimal comma, a percent or euro sign.
FORMATTED = re.compile(r"^[-\u2212]?(\u20ac\s?)?(\d{1,3}(\.\d{3})+(,\d+)?|\d+,\d+|\d+([.,]\d+)?\s?%)$")
YEAR = re.compile(r"^(19|20|21)\d\d$")
EURO = '"\u20ac" #,##0;"\u20ac" -#,##0'
ALLOWED = {EURO, "#,##0", "#,##0.0", "General", "0.0000", "0.00", "0.00%"}


def looks_numeric(text):
    t = text.strip()
    return bool(FORMATTED.match(t)) or (t.isdigit() and not YEAR.match(t))


def rows_of(ws):
    return [[c for c in row] for row in ws.iter_rows()]


def find_row(ws, label):
    for row in ws.iter_rows():
        if row[0].value == label:
            return row
    return None


def main():
    mkba, scenario = sys.argv[1:3]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        subprocess.run([mkba, "report", scenario, "--mode", "cohort", "--set", "rescreening=null", "--out", out, "--quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        wb = openpyxl.load_workbook(os.path.join(out, "bijlagen.xlsx"))

    gemeenten = ["Zoetermeer", "Wassenaar"]
    check(wb.sheetnames == ["Samenvatting"] + gemeenten + ["Aannames", "Bronnen"], "sheets: %s" % wb.sheetnames)

    for ws in wb.worksheets:
        name = ws.title
        # Cell types: text is never a formatted number (the Seed is an identifier, not a number).
        for row in ws.iter_rows():
            label = row[0].value
            for c in row:
                if isinstance(c.value, str) and c.value.strip() not in ("x",) and not c.value.startswith("<"):
                    check(not looks_numeric(c.value) or label == "Seed",
                          "%s!%s: number stored as text %r" % (name, c.coordinate, c.value))
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                    fmt = c.number_format
                    check(fmt in ALLOWED or "mln" in fmt, "%s!%s: unexpected number format %r" % (name, c.coordinate, fmt))
        # Frozen title rows and label column; print set-up.
        check(ws.freeze_panes == "B3", "%s: frozen panes %r, expected B3" % (name, ws.freeze_panes))
        check(ws.print_area is not None, "%s: no print area" % name)
        titles = str(ws.print_title_rows or "")
        check(titles.replace("$", "") == "1:2", "%s: print title rows %r, expected 1:2" % (name, ws.print_title_rows))
        check(str(ws.page_setup.paperSize) == "9", "%s: paper %r, expected A4 (9)" % (name, ws.page_setup.paperSize))
        check(ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage,
              "%s: not fit to page" % name)
        # fitToWidth 1 is the default of the file format (an absent attribute reads as None).
        check(ws.page_setup.fitToWidth in (None, 1, "1"), "%s: fit to width %r" % (name, ws.page_setup.fitToWidth))
        check(str(ws.page_setup.fitToHeight) == "0", "%s: fit to height %r, expected 0 (any)" % (name, ws.page_setup.fitToHeight))
        width_a = ws.column_dimensions["A"].width
        check(width_a is not None and width_a >= 16, "%s: column A width %r" % (name, width_a))
        check("&P" in (ws.oddFooter.right.text or ""), "%s: no page number in the footer" % name)
        used_cols = ws.max_column
        if used_cols > 7:
            check(ws.page_setup.orientation == "landscape", "%s: %d columns but not landscape" % (name, used_cols))

    # Samenvatting: region NCW in millions with one decimal; counts and euros in Dutch formats.
    ws = wb["Samenvatting"]
    formats = {c.number_format for row in ws.iter_rows() for c in row if isinstance(c.value, (int, float))}
    check(any("mln" in f and "0.0,," in f for f in formats), "Samenvatting: no NCW in mln (%s)" % formats)
    check(EURO in formats, "Samenvatting: no euro format")

    # Aannames: the discount rate a percentage, the caseload a count, both numbers.
    ws = wb["Aannames"]
    row = find_row(ws, "Discontovoet")
    check(row is not None and isinstance(row[1].value, float) and abs(row[1].value - 0.0225) < 1e-12
          and row[1].number_format == "0.00%", "Aannames: Discontovoet %r" % ([c.value for c in row] if row else None))
    row = find_row(ws, "Startbestand (personen, regio)")
    check(row is not None and isinstance(row[1].value, (int, float)) and row[1].number_format == "#,##0",
          "Aannames: Startbestand %r" % ([c.value for c in row] if row else None))

    # Each gemeente: its own NCW per stakeholder (euro numbers) and break-even year.
    for g in gemeenten:
        ws = wb[g]
        check(ws["A1"].value == "Bijlage " + g, "%s: title %r" % (g, ws["A1"].value))
        society = [r for r in ws.iter_rows() if r[0].value == "Maatschappij"]
        check(society and any(isinstance(c.value, (int, float)) and c.number_format == EURO for c in society[0]) or g == "Wassenaar",
              "%s: no NCW for society in euro" % g)
        check(find_row(ws, "Terugverdienjaar") is not None, "%s: no Terugverdienjaar row" % g)
        check(any(isinstance(c.value, (int, float)) and c.number_format == "#,##0" for r in ws.iter_rows() for c in r),
              "%s: no count-formatted cell" % g)

    # Bronnen: full references, e.g. CPB/SCP (2020).
    ws = wb["Bronnen"]
    row = find_row(ws, "CPB/SCP (2020)")
    check(row is not None and "De brede baten van werk" in (row[1].value or ""), "Bronnen: CPB/SCP (2020) %r" %
          ([c.value for c in row] if row else None))
    check(find_row(ws, "zorgkosten_ggz") is not None, "Bronnen: the [U] value zorgkosten_ggz is not listed as an assumption")
    check(find_row(ws, "loonheffing") is not None, "Bronnen: loonheffing, citing no reference, is not listed with its text")

    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("xlsx OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
