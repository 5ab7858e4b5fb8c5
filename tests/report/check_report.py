#!/usr/bin/env python3
"""Reads back what `mkba report` writes, with other tools than the ones that wrote it.

usage: check_report.py MKBA DEFAULT_SCENARIO TWO_GEMEENTEN_SCENARIO

- rapport.html parses with html.parser: every element closed in order, unique ids, every section,
  inline SVG charts, nothing external;
- bijlagen.xlsx opens in openpyxl with the expected sheets, number formats and a value equal to the
  plain CSV;
- in a scenario with a tiny gemeente no published count is below the threshold in any format;
- a rerun gives byte-identical files apart from manifest.json's run_time.
"""
import csv
import filecmp
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile

import openpyxl

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SECTIONS = ["samenvatting", "aanleiding", "nulalternatief", "projectalternatieven", "effecten", "indicatoren", "vergelijking",
            "verdelingstabel", "gevoeligheid", "pm-posten", "plausibiliteit", "beperkingen", "bronnen", "aannames", "colofon"]
THRESHOLD = 10
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


class Structure(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.sections, self.errors = [], [], [], []
        self.svgs = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "section":
            self.sections.append(a.get("id"))
        if tag == "svg":
            self.svgs += 1
        if tag in ("script", "iframe", "img", "link", "object"):
            self.errors.append("forbidden element <%s>" % tag)
        for k, v in attrs:
            if k in ("src",) or (k == "href" and v and not v.startswith("#")):
                self.errors.append("external reference %s=%s" % (k, v))
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append("unexpected </%s> at %s (open: %s)" % (tag, self.getpos(), self.stack[-1:] or None))
            return
        self.stack.pop()


def run_report(mkba, scenario, out, *extra):
    subprocess.run([mkba, "report", scenario, "--mode", "cohort", "--set", "rescreening=null", "--out", out, "--quiet"] + list(extra),
                   check=True, stdout=subprocess.DEVNULL)


def check_html(path, gemeenten, extra_sections=()):
    p = Structure()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    check(not p.errors, "%s: %s" % (path, p.errors[:3]))
    check(not p.stack, "%s: unclosed elements %s" % (path, p.stack[:3]))
    check(len(p.ids) == len(set(p.ids)), "%s: duplicate ids" % path)
    for s in SECTIONS + list(extra_sections) + ["bijlage-" + g for g in gemeenten]:
        check(s in p.sections, "%s: section %s missing" % (path, s))
    check(p.svgs >= 4, "%s: expected at least 4 charts, found %d" % (path, p.svgs))


def check_xlsx(path, out, sheets):
    wb = openpyxl.load_workbook(path)
    # With a PSA the iterations sheet (the rows of psa-iteraties.csv) comes before the assumptions.
    psa = os.path.exists(os.path.join(out, "psa-iteraties.csv"))
    check(wb.sheetnames == ["Samenvatting"] + sheets + (["PSA-iteraties"] if psa else []) + ["Aannames", "Bronnen"],
          "xlsx sheets: %s" % wb.sheetnames)
    if psa:
        with open(os.path.join(out, "psa-iteraties.csv"), newline="") as f:
            iterations = list(csv.reader(f))
        sheet = [list(r) for r in wb["PSA-iteraties"].iter_rows(values_only=True)]
        check(sheet[0] == iterations[0] and len(sheet) == len(iterations), "xlsx PSA-iteraties differs from the csv")
    ws = wb[sheets[0]]
    # The first verdelingstabel, after the sheet's two title rows, the NCW table (stakeholders and
    # society) and the indicators (five rows): its title, header, first category.
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Categorie")
    check(str(ws.cell(first - 1, 1).value).startswith("Verdelingstabel"), "xlsx header: %r" % ws.cell(first - 1, 1).value)
    slug = sheets[0].lower()
    with open(os.path.join(out, "bijlagen", slug, "verdelingstabel-intensivering.csv"), newline="") as f:
        rows = list(csv.reader(f))
    want = float(rows[1][1])
    got = ws.cell(first + 1, 2).value
    check(isinstance(got, (int, float)) and abs(got - want) <= 0.01, "xlsx value %r, csv %r" % (got, want))
    check("\u20ac" in ws.cell(first + 1, 2).number_format, "xlsx euro format: %r" % ws.cell(first + 1, 2).number_format)
    counts = [c for row in ws.iter_rows() for c in row if c.number_format == "#,##0"]
    check(counts, "xlsx: no count-formatted cells")
    return wb


def small_counts_in_xlsx(wb, sheet):
    """Numbers in the occupancy tables of a sheet that are under the threshold (and not zero)."""
    leaks = []
    for row in wb[sheet].iter_rows():
        for c in row:
            if c.number_format == "#,##0" and isinstance(c.value, (int, float)) and 0 < c.value < THRESHOLD:
                leaks.append((c.coordinate, c.value))
    return leaks


def small_counts_in_csv(path, sep, decimal):
    leaks = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.reader(f, delimiter=sep):
            for cell in row[1:]:
                try:
                    v = float(cell.replace(decimal, "."))
                except ValueError:
                    continue
                if 0 < v < THRESHOLD:
                    leaks.append(cell)
    return leaks


def same_apart_from_run_time(a, b):
    cmp = filecmp.dircmp(a, b)
    diffs = []

    def walk(c, prefix=""):
        for name in c.diff_files:
            diffs.append(prefix + name)
        for name in c.left_only + c.right_only:
            diffs.append(prefix + name + " (only one side)")
        for sub, sc in c.subdirs.items():
            walk(sc, prefix + sub + "/")

    walk(cmp)
    if diffs != ["manifest.json"]:
        return diffs
    strip = lambda p: re.sub(r'"run_time": "[^"]*"', "", open(p).read())
    return [] if strip(os.path.join(a, "manifest.json")) == strip(os.path.join(b, "manifest.json")) else ["manifest.json"]


def main():
    mkba, default, two = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "default")
        run_report(mkba, default, out, "--tornado")
        check_html(os.path.join(out, "rapport.html"), ["zoetermeer"], ["bestandsanalyse"])
        page = open(os.path.join(out, "rapport.html"), encoding="utf-8").read()
        for chart in ("grafiek-cumulatief", "grafiek-bestand", "grafiek-ncw-verdeling-1", "grafiek-tornado"):
            check('id="%s"' % chart in page, "rapport.html: chart %s missing" % chart)
        check('<th class="interval">P5-P95</th>' in page, "rapport.html: no P5-P95 interval column")
        check(os.path.exists(os.path.join(out, "psa-iteraties.csv")), "default report: no psa-iteraties.csv")
        check_xlsx(os.path.join(out, "bijlagen.xlsx"), out, ["Zoetermeer", "Lansingerland", "Pijnacker-Nootdorp", "Leidschendam-Voorburg", "Wassenaar", "Voorschoten"])
        manifest = json.load(open(os.path.join(out, "manifest.json")))
        for key in ("version", "git_commit", "inputs", "seed", "simulated_persons", "threads", "files", "run_time"):
            check(key in manifest, "manifest.json: %s missing" % key)
        check(re.fullmatch("[0-9a-f]{64}", manifest["inputs"][0]["sha256"]) is not None, "manifest: scenario sha256")
        roles = [i["role"] for i in manifest["inputs"]]
        check(roles.count("scenario") == 1 and "include" in roles and "screening" in roles, "manifest inputs: %s" % roles)
        for i in manifest["inputs"]:
            check(re.fullmatch("[0-9a-f]{64}", i["sha256"]) is not None and i["sha256"] in page,
                  "manifest input %s: sha256 missing or not in the colofon" % i["file"])
        # The bestandsanalyse in the workbook's summary sheet: no count under the threshold.
        wb = openpyxl.load_workbook(os.path.join(out, "bijlagen.xlsx"))
        leaks = small_counts_in_xlsx(wb, "Samenvatting")
        check(not leaks, "xlsx Samenvatting: counts under the threshold %s" % leaks[:5])

        english = os.path.join(tmp, "english")
        run_report(mkba, default, english, "--lang", "en", "--no-tornado")
        check_html(os.path.join(english, "rapport.html"), ["zoetermeer"], ["bestandsanalyse"])
        page = open(os.path.join(english, "rapport.html"), encoding="utf-8").read()
        for text in ('<html lang="en">', "<h2>1. Summary</h2>", "Caseload analysis", 'id="tornado-ontbreekt"'):
            check(text in page, "English report: %r missing" % text)
        wb = openpyxl.load_workbook(os.path.join(english, "bijlagen.xlsx"))
        check(wb.sheetnames[0] == "Summary" and wb.sheetnames[-2:] == ["Assumptions", "Sources"], "English xlsx sheets: %s" % wb.sheetnames)

        # Byte-identical rerun, on the English report: the tornado (716 cohort runs of the default)
        # is the costliest part of a report under the sanitizers, and its determinism is pinned in
        # tests/models/test_tornado.cpp.
        again = os.path.join(tmp, "again")
        run_report(mkba, default, again, "--lang", "en", "--no-tornado")
        diffs = same_apart_from_run_time(english, again)
        check(not diffs, "rerun differs: %s" % diffs)

        small = os.path.join(tmp, "two")
        run_report(mkba, two, small)
        check_html(os.path.join(small, "rapport.html"), ["zoetermeer", "wassenaar"])
        # Persons per state under the threshold never appear in the HTML tables either.
        page = open(os.path.join(small, "rapport.html"), encoding="utf-8").read()
        for m in re.finditer(r'<table id="tabel-wassenaar-bezetting[^"]*">(.*?)</table>', page, re.S):
            for cell in re.findall(r'<td class="num[^"]*">([^<]*)</td>', m.group(1)):
                v = cell.replace(".", "")
                check(not (v.isdigit() and 0 < int(v) < THRESHOLD), "rapport.html wassenaar: count %s under the threshold" % cell)
        wb = check_xlsx(os.path.join(small, "bijlagen.xlsx"), small, ["Zoetermeer", "Wassenaar"])
        for sheet in ("Zoetermeer", "Wassenaar"):
            leaks = small_counts_in_xlsx(wb, sheet)
            check(not leaks, "xlsx %s: counts under the threshold %s" % (sheet, leaks[:5]))
        texts = [c.value for row in wb["Wassenaar"].iter_rows() for c in row if isinstance(c.value, str)]
        check("<10" in texts, "xlsx Wassenaar: no '<10' cell")
        for g in ("zoetermeer", "wassenaar"):
            d = os.path.join(small, "bijlagen", g)
            for name in sorted(os.listdir(d)):
                if not name.startswith("bezetting"):
                    continue
                nl = name.endswith("-excel-nl.csv")
                leaks = small_counts_in_csv(os.path.join(d, name), ";" if nl else ",", "," if nl else ".")
                check(not leaks, "%s/%s: counts under the threshold %s" % (g, name, leaks[:5]))
        md = open(os.path.join(small, "bijlagen", "wassenaar.md"), encoding="utf-8").read()
        for m in re.finditer(r"^\| (jan \d{4}) \|(.*)\|$", md, re.M):
            for cell in m.group(2).split("|"):
                cell = cell.strip().replace(".", "")
                if cell.isdigit() and 0 < int(cell) < THRESHOLD:
                    check(False, "wassenaar.md %s: count %s under the threshold" % (m.group(1), cell))
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("report files OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
