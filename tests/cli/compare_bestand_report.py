#!/usr/bin/env python3
"""Issue 19: `mkba bestand` and `mkba report` on the same extract publish the same pattern.

Usage: compare_bestand_report.py BESTAND_CONSOLE.txt REPORT_DIR STATE_ID...

Compares, per gemeente, the bestand's "totaal" row (persons per state, console overview) with the
first row of the report's bezetting-nulalternatief.csv for that gemeente (the same persons at the
start). A count hidden in one ("x" or "<N") must be hidden in the other; a published count must be
the same number. The bestand prints a zero as "<N"; the report prints it as 0. Exit 1 on a mismatch.
"""
import csv
import os
import re
import sys


def slug(name):
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]", "-", name.lower())).strip("-")


def main():
    console, report_dir, states = sys.argv[1], sys.argv[2], sys.argv[3:]
    text = open(console, encoding="utf-8").read()
    blocks = re.findall(r"Kwadrant x status: (.+)\n(kwadrant .*)\n(?:.*\n)*?(totaal .*)", text)
    if not blocks:
        print("no 'Kwadrant x status' blocks in", console)
        return 1
    bad = compared = 0
    for gemeente, header, total in blocks:
        if gemeente.startswith("regio"):
            continue
        cols = header.split()[1:]  # state ids of the columns shown, then "totaal"
        vals = total.split()[1:]
        shown = dict(zip(cols, vals))
        path = os.path.join(report_dir, "bijlagen", slug(gemeente), "bezetting-nulalternatief.csv")
        with open(path, encoding="utf-8") as f:
            rows = list(csv.reader(f))
        first = rows[1][1:]  # after the month
        for i, sid in enumerate(states + ["totaal"]):
            b = shown.get(sid, "0")  # a state column the bestand leaves out holds nobody
            r = first[i]
            b_hidden, r_hidden = b == "x" or b.startswith("<"), r == "x" or r.startswith("<")
            ok = (b == "x") == (r == "x") if (b_hidden or r_hidden) else float(b) == float(r)
            if b.startswith("<") and r_hidden is False and float(r) == 0:
                ok = True  # a zero
            if b_hidden and not r_hidden and float(r) != 0:
                ok = False
            if r_hidden and not b_hidden:
                ok = False
            compared += 1
            if not ok:
                bad += 1
                print(f"{gemeente} {sid}: bestand '{b}', report '{r}'")
    print(f"{compared} cells compared, {bad} differ")
    return 1 if bad or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
