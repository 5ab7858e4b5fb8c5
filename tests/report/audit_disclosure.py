#!/usr/bin/env python3
"""Issue 19 audit: disclosure is a property of everything published, by every command together.

usage: audit_disclosure.py MKBA SCENARIO_TEMPLATE [WORK_DIR (kept; default a temporary folder)]

SCENARIO_TEMPLATE is tests/data/report/screening_tiny.yaml (two gemeenten, caseload from a
screening extract). The audit makes a synthetic extract with `mkba synth` in which one gemeente
(Wassenaar) has only 3 persons, far under the threshold of 10, and runs on it every command that
publishes numbers: run (with its report), report, bestand, compare (against the nul and between two
projectalternatieven; kosteneffectiviteit.csv and ceac.csv too), over a series of such extracts bestand
on each and dashboard, and calibrate
--by gemeente and --by kwadrant,gemeente on synthetic episodes of the extract. Then it
reads back ALL files written (CSV in both dialects, Markdown, the tables of rapport.html, the data
embedded in the dashboard) into one set of cells, keyed so that the same number in two outputs is
one cell (a cell is published when any output publishes it), with the additive relations between
them (row and column totals, region = sum of gemeenten, kwadrant totals, per-kwadrant totals = the
comparison's cells, the bestand's counts = the first row of the occupancy tables and the dashboard's
counts, A - B = (A - nul) - (B - nul), per candidate = difference / caseload; for calibrate, pooled
= sum of the segments and months at risk = staying + moves out = staying + moves per destination).

It fails when
- a published number of the tiny gemeente is not zero (all its numbers rest on 3 persons), or a
  published count is between 0 and the threshold;
- any hidden cell follows from published ones by subtraction: repeatedly, a relation with one
  unknown cell left gives that cell (T minus the sum of the published parts); every cell found so
  is listed with the relation and the files that published the others.
"""
import csv
import glob
import html.parser
import io
import json
import os
import re
import subprocess
import sys
import tempfile

THRESHOLD = 10
TINY, BIG = "Wassenaar", "Zoetermeer"
TINY_PERSONS = 3
CE_THRESHOLDS = (20000, 50000)
CE_SECTION = f"\ncost_effectiveness:\n  effect: qaly\n  thresholds: [{', '.join(map(str, CE_THRESHOLDS))}]\n"


def slug(name):
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]", "-", name.lower())).strip("-") or "gemeente"


def norm(label):
    return label.strip().lower().replace("_", " ")


# ---------------------------------------------------------------- numbers as printed

def parse(text, dutch):
    """(hidden, value): hidden for "x", "<N" or null; value None for text that is no number."""
    if text is None:
        return True, None
    t = text.strip().replace("\u202f", "").replace("\xa0", "").replace("€", "").replace("%", "").strip()
    if t == "x" or t.startswith("<"):
        return True, None
    if dutch:
        t = t.replace(".", "").replace(",", ".")
    else:
        t = t.replace(",", "")
    try:
        return False, float(t)
    except ValueError:
        return False, None


class Cells:
    """Every published or hidden cell, by key, with the outputs that print it."""

    def __init__(self):
        self.value = {}      # key -> float (published somewhere)
        self.hidden = {}     # key -> [sources hiding it]
        self.sources = {}    # key -> [sources publishing it]
        self.tiny = set()    # keys of the tiny gemeente
        self.counts = set()  # keys that are counts of persons
        self.relations = []  # [(what, [(key, coefficient)])]: sum of coefficient * value == 0
        self.failures = []

    def add(self, key, text, source, dutch=False, tiny=False, count=False):
        hidden, v = parse(text, dutch)
        if not hidden and v is None:
            return
        if tiny:
            self.tiny.add(key)
        if count:
            self.counts.add(key)
        if hidden:
            self.hidden.setdefault(key, []).append(source)
            return
        self.sources.setdefault(key, []).append(source)
        self.value.setdefault(key, v)
        if tiny and abs(v) > 0.005:
            self.failures.append(f"published number of the tiny gemeente: {source} {key} = {text}")
        elif count and 0 < v < THRESHOLD - 1e-9 and round(v) == v:
            self.failures.append(f"published count under the threshold: {source} {key} = {text}")

    def relate(self, what, total, parts, coefficients=None):
        terms = [(total, -1.0)] + [(p, 1.0 if coefficients is None else c) for p, c in
                                   zip(parts, coefficients or [None] * len(parts))]
        self.relations.append((what, terms))

    def known(self, key):
        return key in self.value

    def audit(self):
        """Peel relations with one unknown cell; a hidden cell found so is a leak."""
        value = dict(self.value)
        found = {}
        changed = True
        while changed:
            changed = False
            for what, terms in self.relations:
                # A cell no output prints (a bestand total over the states) is an unknown like a
                # hidden one; only hidden cells found are leaks (an unprinted one is a step).
                unknown = [(k, c) for k, c in terms if k not in value]
                if len(unknown) != 1:
                    continue
                k, c = unknown[0]
                v = -sum(value[kk] * cc for kk, cc in terms if kk != k) / c
                value[k] = v
                found[k] = (v, what, terms)
                changed = True
        zeros = 0
        for k, (v, what, terms) in found.items():
            if k not in self.hidden:
                continue
            if abs(v) < 0.005:
                # An exact zero: no person behind it, published as known by the report's rule
                # (docs/report.md; the bestand prints it as "<N" but its problem knows it too).
                zeros += 1
                continue
            others = "; ".join(f"{kk}={value[kk]:.6g} ({','.join(sorted(set(self.sources.get(kk, ['recovered']))))})"
                               for kk, _ in terms if kk != k)
            kind = "tiny gemeente" if k in self.tiny else "count" if k in self.counts else "hidden cell"
            self.failures.append(f"recoverable {kind} {k} = {v:.6g} via {what}: {others}; hidden in "
                                 f"{','.join(sorted(set(self.hidden[k])))}")
        self.zeros = zeros
        return {k: x for k, x in found.items() if k in self.hidden and abs(x[0]) >= 0.005}


# ---------------------------------------------------------------- readers

class HtmlTables(html.parser.HTMLParser):
    """Every <table id="tabel-SCOPE-ID"> of rapport.html as (scope-id, header, rows of cells)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.cur, self.row, self.cell, self.skip = [], None, None, None, 0
        self.cell_class = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and a.get("id", "").startswith("tabel-"):
            self.cur = {"id": a["id"][len("tabel-"):], "rows": []}
        elif self.cur is not None and tag == "tr":
            self.row = []
        elif self.cur is not None and tag in ("td", "th") and self.row is not None:
            self.cell = ""
            self.cell_class = a.get("class") or ""
        elif self.cur is not None and tag == "span" and "interval" in (a.get("class") or ""):
            self.skip += 1

    def handle_endtag(self, tag):
        if self.cur is None:
            return
        if tag == "span" and self.skip:
            self.skip -= 1
        elif tag in ("td", "th") and self.cell is not None:
            if "interval" not in self.cell_class:
                self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.cur["rows"].append(self.row)
            self.row = None
        elif tag == "table":
            self.tables.append(self.cur)
            self.cur = None

    def handle_data(self, data):
        if self.cell is not None and not self.skip:
            self.cell += data


COUNT_TABLES = ("bezetting-", "bestand-")
MONEY_TABLES = ("verdelingstabel-", "vergelijking", "samenvatting", "paarsgewijs")


def grid_relations(cells, scope, tid, header, rows, key):
    """Row totals (last column Totaal/Maatschappij) and column totals (last row Totaal)."""
    if len(header) > 2 and norm(header[-1]) in ("totaal", "maatschappij", "total", "society"):
        for i in range(len(rows)):
            cells.relate(f"row total of {scope}/{tid}", key(i, len(header) - 2), [key(i, j) for j in range(len(header) - 2)])
    if len(rows) > 2 and norm(rows[-1][0]) in ("totaal", "total") and not tid.startswith("vergelijking"):
        n = len(rows) - 1
        for j in range(len(header) - 1):
            cells.relate(f"column total of {scope}/{tid}", key(n, j), [key(i, j) for i in range(n)])


def read_html(cells, path, source, gemeenten):
    p = HtmlTables()
    p.feed(open(path, encoding="utf-8").read())
    grids = {}
    slugs = {slug(g): g for g in gemeenten}
    for t in p.tables:
        scope, _, tid = t["id"].partition("-")
        if scope not in slugs and scope != "regio":
            continue
        header, rows = t["rows"][0], t["rows"][1:]
        grids[(scope, tid)] = (header, rows)
        count = tid.startswith(COUNT_TABLES)
        if not (count or tid.startswith(MONEY_TABLES)):
            continue
        for i, row in enumerate(rows):
            for j, text in enumerate(row[1:]):
                tiny = scope == slug(TINY) or row[0] == TINY
                cells.add(("t", scope, tid, i, j), text, source, dutch=True, tiny=tiny, count=count)
        if tid.startswith("vergelijking") or tid == "samenvatting" or tid.startswith("paarsgewijs"):
            continue
        grid_relations(cells, scope, tid, header, rows, lambda i, j, s=scope, d=tid: ("t", s, d, i, j))
    return grids


def read_csv_grid(cells, path, scope, tid, source, dutch):
    text = open(path, encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if dutch else ","))
    header = rows[0]
    keep = [j for j in range(1, len(header)) if not header[j].endswith("P5-P95")]
    count = tid.startswith(COUNT_TABLES)
    for i, row in enumerate(rows[1:]):
        for jj, j in enumerate(keep):
            cells.add(("t", scope, tid, i, jj), row[j], source, dutch=dutch, tiny=scope == slug(TINY), count=count)


def long_relations(cells, rows, keys, value_col, total_labels, prefix, source, tiny_col=None, count=True, where=None):
    """A long CSV (one number per row, keyed by `keys`): for each key with a total label, the total
    row is the sum of the others with the same remaining keys."""
    index = {}
    for r in rows:
        if where and not where(r):
            continue
        k = prefix + tuple(r[c] for c in keys)
        index[tuple(r[c] for c in keys)] = k
        cells.add(k, r[value_col], source, tiny=tiny_col is not None and r[tiny_col] == TINY, count=count)
    for d, c in enumerate(keys):
        groups = {}
        for kv in index:
            rest = kv[:d] + kv[d + 1:]
            groups.setdefault(rest, []).append(kv)
        for rest, members in groups.items():
            totals = [m for m in members if m[d] in total_labels]
            parts = [m for m in members if m[d] not in total_labels]
            for t in totals:
                if parts:
                    cells.relate(f"{c} total in {source}", index[t], [index[m] for m in parts])
    return index


def bestand_rows(path):
    """A bestand CSV's rows, its region row ("regio (totaal)") named "regio" like the other outputs'."""
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r.get("gemeente", "").startswith("regio"):
            r["gemeente"] = "regio"
    return rows


def read_bestand(cells, folder, extract, source):
    """mkba bestand's CSVs; the kwadrant counts keyed by extract so the dashboard's are the same cells."""
    rows = bestand_rows(os.path.join(folder, "bestand_kwadranten.csv"))
    long_relations(cells, rows, ["gemeente", "kwadrant", "status"], "personen", {"regio", "totaal"},
                   ("bestand", extract), source + "/bestand_kwadranten.csv", tiny_col="gemeente")
    # The file has no totals over statuses or kwadranten; other outputs do (the report's start
    # tables, the dashboard): those cells, unprinted here, are the sums of these.
    gem = sorted({r["gemeente"] for r in rows})
    kws = sorted({r["kwadrant"] for r in rows})
    sts = sorted({r["status"] for r in rows})
    key = lambda g, k, st: ("bestand", extract, g, k, st)
    for g in gem:
        for k in kws:
            cells.relate("bestand total over the states", key(g, k, "totaal"), [key(g, k, st) for st in sts])
        for st in sts + ["totaal"]:
            cells.relate("bestand total over the kwadranten", key(g, "totaal", st), [key(g, k, st) for k in kws])
    for name, what in (("bestand_afstand.csv", "afstand_tot_werk"), ("bestand_escalatie.csv", "escalatierisico")):
        rows = bestand_rows(os.path.join(folder, name))
        long_relations(cells, rows, ["gemeente", what], "personen", {"regio", "totaal"}, ("bestand-" + what, extract),
                       source + "/" + name, tiny_col="gemeente")
    rows = bestand_rows(os.path.join(folder, "bestand_screening.csv"))
    for col in ("personen", "gescreend_12_maanden", "ontheffing", "aandeel_gescreend_pct", "aandeel_ontheffing_pct"):
        pct = col.endswith("_pct")
        idx = long_relations(cells, rows, ["gemeente"], col, set() if pct else {"regio", "totaal"},
                             ("bestand-screening-" + col, extract), source + "/bestand_screening.csv",
                             tiny_col="gemeente", count=not pct)
        if col == "personen":  # the same persons as the kwadrant table's totals
            for (g,), k in idx.items():
                cells.relate("bestand_screening personen = kwadrant total", k, [("bestand", extract, g, "totaal", "totaal")])


def read_dashboard(cells, path, source):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'<script type="application/json" id="dashboard-data">(.*?)</script>', text, re.S)
    data = json.loads(m.group(1).replace("\\u003c", "<"))
    gem, kw = data["gemeenten"], data["kwadranten"]
    G, K = len(gem), len(kw)
    # The bestand's kwadrant labels in the dashboard's order (onbekend, 1..4, totaal).
    labels = ["onbekend", "1", "2", "3", "4", "totaal"] if K == 6 else [str(i) for i in range(K)]

    def flat(x):
        return [y for z in x for y in flat(z)] if isinstance(x, list) else [x]

    for e in data["extracts"]:
        vals = flat(e["kwadrant"])
        for g in range(G):
            for k in range(K):
                key = ("bestand", e["peildatum"], gem[g], labels[k], "totaal")
                v = vals[g * K + k]
                cells.add(key, None if v is None else repr(v), source, tiny=gem[g] == TINY, count=True)
        for g in range(G):
            cells.relate("dashboard kwadrant total", ("bestand", e["peildatum"], gem[g], "totaal", "totaal"),
                         [("bestand", e["peildatum"], gem[g], labels[k], "totaal") for k in range(K - 1)])
        for k in range(K):
            cells.relate("dashboard region", ("bestand", e["peildatum"], "regio", labels[k], "totaal"),
                         [("bestand", e["peildatum"], gem[g], labels[k], "totaal") for g in range(G - 1)])
        scr = flat(e["gescreend"])
        for g in range(G):
            cells.add(("dash-screened", e["peildatum"], gem[g]), None if scr[g] is None else repr(scr[g]), source,
                      tiny=gem[g] == TINY, count=True)
        cells.relate("dashboard screened region", ("dash-screened", e["peildatum"], "regio"),
                     [("dash-screened", e["peildatum"], gem[g]) for g in range(G - 1)])
    for tr in data["transitions"]:
        vals = flat(tr["counts"])
        to_n = len(vals) // (G * K)
        key = lambda g, k, t: ("dash-transition", tr["from"], gem[g], k, t)
        for g in range(G):
            for k in range(K):
                for t in range(to_n):
                    v = vals[(g * K + k) * to_n + t]
                    cells.add(key(g, k, t), None if v is None else repr(v), source, tiny=gem[g] == TINY, count=True)
        for g in range(G):
            for k in range(K - 1):  # a row of the transition table: the persons of that cell of the earlier extract
                cells.relate("dashboard transition row", ("bestand", tr["from"], gem[g], labels[k], "totaal"),
                             [key(g, k, t) for t in range(to_n)])
            for t in range(to_n):
                cells.relate("dashboard transition column", key(g, K - 1, t), [key(g, k, t) for k in range(K - 1)])
        for k in range(K):
            for t in range(to_n):
                cells.relate("dashboard transition region", key(G - 1, k, t), [key(g, k, t) for g in range(G - 1)])


def read_markdown_scan(cells, path, source, tiny_file):
    """Markdown tables: each number once (keys by file, line, column); the tiny gemeente's must be hidden."""
    for n, line in enumerate(open(path, encoding="utf-8")):
        if not line.startswith("|") or set(line.strip()) <= set("|-: "):
            continue
        fields = [f.strip().strip("*") for f in line.strip().strip("|").split("|")]
        tiny = tiny_file or fields[0] == TINY
        for j, f in enumerate(fields[1:]):
            if re.fullmatch(r"-?[\d.,]+", f) or f == "x" or f.startswith("<"):
                cells.add(("md", path, n, j), f, source, dutch=True, tiny=tiny)


def read_xlsx_scan(cells, path, source):
    """bijlagen.xlsx (the CSVs' copies, as numbers): the tiny gemeente's sheets and rows hold no number."""
    try:
        import openpyxl
    except ImportError:  # Debian's python3-openpyxl; report.files needs it already
        return
    wb = openpyxl.load_workbook(path, read_only=True)
    for ws in wb.worksheets:
        tiny_sheet = TINY.lower() in ws.title.lower()
        for i, row in enumerate(ws.iter_rows(values_only=True)):
            tiny = tiny_sheet or (row and row[0] == TINY)
            for j, v in enumerate(row[1:] if row else []):
                if isinstance(v, (int, float)) or (isinstance(v, str) and (v == "x" or v.startswith("<"))):
                    cells.add(("xlsx", source, ws.title, i, j), v if isinstance(v, str) else repr(v), source, tiny=tiny)


def read_json_scan(cells, path, source):
    """manifest.json: any object that names the tiny gemeente holds no number of it."""
    def walk(x, where, tiny):
        if isinstance(x, dict):
            tiny = tiny or TINY in x.values() or TINY in x
            for k, v in x.items():
                walk(v, where + (k,), tiny)
        elif isinstance(x, list):
            for i, v in enumerate(x):
                walk(v, where + (i,), tiny)
        elif isinstance(x, (int, float)) and not isinstance(x, bool) and tiny:
            cells.add(("json", source) + where, repr(x), source, tiny=True)
    walk(json.load(open(path, encoding="utf-8")), (), False)


# ---------------------------------------------------------------- the run

def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f"command failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr}")
    return r.stdout


def tiny_extract(raw, out, keep_ids=None):
    """The synthetic extract with BIG as it is and TINY cut to three persons (the same ones in a series)."""
    with open(raw, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    gi = header.index("gemeente")
    tiny_rows = [r for r in body if r[gi] == TINY]
    if keep_ids is None:
        keep_ids = [r[0] for r in tiny_rows[:TINY_PERSONS]]
    kept = [r for r in body if r[gi] == BIG or (r[gi] == TINY and r[0] in keep_ids)]
    with open(out, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header] + kept)
    return keep_ids, sum(1 for r in kept if r[gi] == TINY)


def make_outputs(mkba, template, work):
    """Every command that publishes numbers, on the extract with the tiny gemeente; returns the scenario text."""
    run([mkba, "synth", "--persons", "700", "--seed", "19", "--out", os.path.join(work, "raw.csv")])
    ids, n = tiny_extract(os.path.join(work, "raw.csv"), os.path.join(work, "extract.csv"))
    assert n == TINY_PERSONS, f"the synthetic extract has {n} persons in {TINY}"
    scen = open(template, encoding="utf-8").read().replace("screening_tiny.csv", "extract.csv")
    # The health-economic view too, so `mkba run` writes kosteneffectiviteit.csv and ceac.csv.
    scen += CE_SECTION
    yaml = os.path.join(work, "scenario.yaml")
    open(yaml, "w", encoding="utf-8").write(scen)
    common = ["--iterations", "5", "--threads", "2", "--quiet"]
    run([mkba, "run", yaml, "--out", os.path.join(work, "run")] + common)
    run([mkba, "report", yaml, "--out", os.path.join(work, "report"), "--period", "2026-H1"] + common)
    run([mkba, "bestand", os.path.join(work, "extract.csv"), "--gemeenten", f"{BIG},{TINY}",
         "--out", os.path.join(work, "bestand")])
    run([mkba, "compare", yaml, "intensivering", "nul", "--out", os.path.join(work, "compare")] + common)
    run([mkba, "compare", yaml, "intensivering", "meer_beschut", "--out", os.path.join(work, "compare")] + common)
    # A series with the same three persons in the tiny gemeente; bestand on each and the dashboard.
    run([mkba, "synth", "--series", "3", "--persons", "700", "--seed", "19", "--peildatum", "2024-01-01",
         "--out", os.path.join(work, "series-raw")])
    os.makedirs(os.path.join(work, "series"), exist_ok=True)
    series = sorted(glob.glob(os.path.join(work, "series-raw", "*.csv")))
    keep = None
    for path in series:
        keep, _ = tiny_extract(path, os.path.join(work, "series", os.path.basename(path)), keep)
    for path in sorted(glob.glob(os.path.join(work, "series", "*.csv"))):
        peil = re.search(r"(\d{4}-\d{2}-\d{2})", os.path.basename(path)).group(1)
        run([mkba, "bestand", path, "--gemeenten", f"{BIG},{TINY}", "--out", os.path.join(work, "bestand-" + peil)])
    run([mkba, "dashboard", *sorted(glob.glob(os.path.join(work, "series", "*.csv"))), "--no-charts",
         "--out", os.path.join(work, "dashboard")])
    return scen


def collect(work, scen, swaps):
    """Every output of `work` read into one Cells; swaps: {relative path: file to read instead}."""

    def src(work_dir, rel):
        return swaps.get(rel, os.path.join(work_dir, rel))

    cells = Cells()
    gemeenten = [BIG, TINY]
    alts = ["nulalternatief", "intensivering", "meer_beschut"]
    grids = {}
    for cmd in ("run", "report"):
        d = os.path.join(work, cmd)
        grids = read_html(cells, os.path.join(d, "rapport.html"), cmd + "/rapport.html", gemeenten)
        for path in glob.glob(os.path.join(d, "bijlagen", "*", "*.csv")):
            scope = os.path.basename(os.path.dirname(path))
            name = os.path.basename(path)[:-4]
            dutch = name.endswith("-excel-nl")
            read_csv_grid(cells, path, scope, name[:-len("-excel-nl")] if dutch else name,
                          os.path.relpath(path, work), dutch)
        read_xlsx_scan(cells, os.path.join(d, "bijlagen.xlsx"), cmd + "/bijlagen.xlsx")
        read_json_scan(cells, os.path.join(d, "manifest.json"), cmd + "/manifest.json")
        for path in glob.glob(os.path.join(d, "bijlagen", "*.md")):
            read_markdown_scan(cells, path, os.path.relpath(path, work), os.path.basename(path) == slug(TINY) + ".md")
    # Region = sum of the gemeenten, cell by cell, for every table the gemeenten have too.
    for (scope, tid), (header, rows) in grids.items():
        if scope != "regio" or not all((slug(g), tid) in grids for g in gemeenten):
            continue
        for i in range(len(rows)):
            for j in range(len(header) - 1):
                cells.relate(f"region = gemeenten in {tid}", ("t", "regio", tid, i, j),
                             [("t", slug(g), tid, i, j) for g in gemeenten])
    # The startbestand in the report is the bestand's cells (same extract, same threshold).
    if ("regio", "bestand-kwadranten") in grids:
        header, rows = grids[("regio", "bestand-kwadranten")]
        kw = ["1", "2", "3", "4", "onbekend", "totaal"]
        for i, row in enumerate(rows):
            g = "regio" if norm(row[0]) == "regio" else row[0]
            for j in range(len(header) - 1):
                cells.relate("report startbestand = mkba bestand", ("t", "regio", "bestand-kwadranten", i, j),
                             [("bestand", "main", g, kw[j], "totaal")])
    # The first row of the occupancy tables: the same persons per gemeente and state as the bestand.
    block = scen.split("\nstates:\n", 1)[1].split("\n\n", 1)[0]  # the scenario's states, in order
    states = re.findall(r"^\s*-\s*\{id:\s*(\w+)", block, re.M)
    for a in alts:
        for scope, g in [("regio", "regio")] + [(slug(x), x) for x in gemeenten]:
            for j, st in enumerate(states + ["totaal"]):
                cells.relate("occupancy start = bestand", ("t", scope, "bezetting-" + slug(a), 0, j),
                             [("bestand", "main", g, "totaal", st)])
    # bezetting.csv: the region's occupancy tables.
    with open(src(work, "run/bezetting.csv"), encoding="utf-8") as f:
        rows = list(csv.reader(f))
    seen = {}
    for row in rows[1:]:
        i = seen.get(row[0], 0)
        seen[row[0]] = i + 1
        for j, text in enumerate(row[2:]):
            cells.add(("t", "regio", "bezetting-" + slug(row[0]), i, j), text, "run/bezetting.csv", count=True)
    # summary.csv / summary.md: the comparison table's cells, and per candidate = difference / caseload.
    header_v, rows_v = grids[("regio", "vergelijking")]
    A = len(alts)
    for name in ("summary.csv",):
        with open(src(work, "run/" + name), encoding="utf-8") as f:
            rows = list(csv.reader(f))
        for i, row in enumerate(rows[1:]):
            for j, text in enumerate(row[1:]):
                if j < 2 * A - 1:
                    cells.add(("t", "regio", "vergelijking", i, j), text, "run/" + name)
                else:
                    a = j - (2 * A - 1)
                    key = ("per-kandidaat", i, a)
                    cells.add(key, text, "run/" + name)
                    caseload = sum(1 for _ in open(os.path.join(work, "extract.csv"))) - 1
                    cells.relate("per candidate = difference / caseload", ("t", "regio", "vergelijking", i, A + a),
                                 [key], [float(caseload)])
    read_markdown_scan(cells, os.path.join(work, "run", "summary.md"), "run/summary.md", False)
    # per-kwadrant.csv: kwadranten add up to the total, stakeholders to society; the total is the
    # comparison's (levels) or the region verdelingstabel's total row (differences).
    with open(src(work, "run/per-kwadrant.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    idx = long_relations(cells, rows, ["vergelijking", "kwadrant", "indicator"], "basis", {"totaal"}, ("pk",),
                         "run/per-kwadrant.csv", count=False)
    stakeholders = [norm(r[0]) for r in grids[("regio", "vergelijking")][1]][:-1]
    for (v, k, ind), key in idx.items():
        if ind == "maatschappij":
            cells.relate("per-kwadrant society", key, [idx[(v, k, s)] for s in stakeholders if (v, k, s) in idx])
        if k != "totaal" or ind not in stakeholders + ["maatschappij"]:
            continue
        row = (stakeholders + ["maatschappij"]).index(ind)
        if v.endswith(" - nulalternatief"):
            tid = "verdelingstabel-" + slug(v[:-len(" - nulalternatief")])
            header, trows = grids[("regio", tid)]
            cells.relate("per-kwadrant total = verdelingstabel", ("t", "regio", tid, len(trows) - 1, row), [key])
        else:
            cells.relate("per-kwadrant total = comparison", ("t", "regio", "vergelijking", row, alts.index(v)), [key])
    # vergelijking-A-B.csv: A - B = (A - nul) - (B - nul), per category and total.
    for path in [src(work, os.path.relpath(p, work)) for p in glob.glob(os.path.join(work, "compare", "vergelijking-*.csv"))]:
        with open(path, encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        for r in rows:
            a_id, b_id = r["vergelijking"].split(" - ")
            key = ("compare", a_id, b_id, r["stakeholder"], r["categorie"])
            cells.add(key, r["basis"], "compare/" + os.path.basename(path).replace("-open", ""))
            col = (stakeholders + ["maatschappij"]).index(norm(r["stakeholder"]))

            def verdeling(alt):
                header, trows = grids[("regio", "verdelingstabel-" + slug(alt))]
                labels = [norm(x[0]) for x in trows]
                i = len(trows) - 1 if r["categorie"] == "totaal" else labels.index(norm(r["categorie"]))
                return ("t", "regio", "verdelingstabel-" + slug(alt), i, col)

            parts, coef = [], []
            for alt, c in ((a_id, 1.0), (b_id, -1.0)):
                if alt not in ("nul", "nulalternatief"):
                    parts.append(verdeling(alt))
                    coef.append(c)
            cells.relate("compare = difference of the differences from the nul", key, parts, coef)
    # kosteneffectiviteit.csv and ceac.csv (region-level PSA aggregates, through the same control):
    # cost = minus society's NCW level (the comparison's cell; costs_of is everyone), effect = the
    # alternative's outcome total (per-kwadrant.csv), NMB = threshold x effect - cost, and each
    # increment the difference of its row and the previous non-dominated one.
    with open(src(work, "run/kosteneffectiviteit.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["alternative"] for r in rows] and set(r["alternative"] for r in rows) == set(alts), rows
    ce_src = "run/kosteneffectiviteit.csv"
    previous = None
    for r in rows:
        a = r["alternative"]
        for col in ("cost", "effect", "incremental_cost", "incremental_effect", "icer") + tuple(f"nmb_{k}" for k in CE_THRESHOLDS):
            cells.add(("ce", a, col), r[col], ce_src)
        cells.relate("cost = minus the society NCW level", ("ce", a, "cost"),
                     [("t", "regio", "vergelijking", len(stakeholders), alts.index(a))], [-1.0])
        cells.relate("effect = the per-kwadrant outcome total", ("ce", a, "effect"), [("pk", a, "totaal", "qaly")])
        for k in CE_THRESHOLDS:
            cells.relate("NMB = threshold x effect - cost", ("ce", a, f"nmb_{k}"),
                         [("ce", a, "effect"), ("ce", a, "cost")], [float(k), -1.0])
        if r["status"] == "ND":
            if previous is not None:
                for inc, col in (("incremental_cost", "cost"), ("incremental_effect", "effect")):
                    cells.relate(f"{inc} = difference of the non-dominated rows", ("ce", a, inc),
                                 [("ce", a, col), ("ce", previous, col)], [1.0, -1.0])
            previous = a
    with open(src(work, "run/ceac.csv"), encoding="utf-8") as f:
        ceac = list(csv.DictReader(f))
    assert len(ceac) == len(CE_THRESHOLDS) * len(alts), ceac
    for r in ceac:
        cells.add(("ceac", r["threshold"], r["alternative"]), r["probability"], "run/ceac.csv")
    for k in CE_THRESHOLDS:  # the probabilities of one threshold add up to 1
        cells.relate("CEAC sums to one", ("ceac-one",), [("ceac", str(k), a) for a in alts])
    cells.value.setdefault(("ceac-one",), 1.0)
    # The series: bestand per extract and the dashboard share the kwadrant cells.
    read_bestand(cells, os.path.join(work, "bestand"), "main", "bestand")
    for folder in sorted(glob.glob(os.path.join(work, "bestand-*"))):
        peil = folder.rsplit("bestand-", 1)[1]
        read_bestand(cells, folder, peil, os.path.basename(folder))
    read_dashboard(cells, os.path.join(work, "dashboard", "dashboard.html"), "dashboard/dashboard.html")

    return cells


def report(cells, work, label="LEAK"):
    found = cells.audit()
    published = len(cells.value)
    hidden = len([k for k in cells.hidden if k not in cells.value])
    both = [k for k in cells.hidden if k in cells.value]
    for k in both:
        cells.failures.append(f"hidden in {','.join(sorted(set(cells.hidden[k])))} but published in "
                              f"{','.join(sorted(set(cells.sources[k])))}: {k} = {cells.value[k]:.6g}")
    print(f"{published} published cells, {hidden} hidden, {len(cells.relations)} relations, "
          f"{len(found)} recovered by subtraction (and {cells.zeros} exact zeros), {len(both)} hidden in one output and published in another "
          f"(work dir {work})")
    for f in cells.failures:
        print(f"{label}:", f)
    return cells.failures


def read_calibration(cells, folder, run_id, source):
    """rates_fit.csv, rates_fit.txt and rates.yaml of one `mkba calibrate --by ...` into `cells`.
    Keys ("cal", run, segment, band, from[, to], what): M months at risk, n moves (staying
    included), out moves out of the state. Relations: pooled = sum of the segments, M = sum of n,
    out = sum of the n to other states. A segment's cell missing from the CSV is a zero, except for
    a segment the CSV says is pooled (under the threshold): its cells are hidden."""
    tiny = slug(TINY)
    yaml_text = open(os.path.join(folder, "rates.yaml"), encoding="utf-8").read()
    segments = [x.strip() for x in re.search(r"segments: ([^;]+);", yaml_text).group(1).split(",")]
    with open(os.path.join(folder, "rates_fit.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    pooled_segments = {r["segment"] for r in rows if r["flag"].startswith("gepoold")}
    rows = [r for r in rows if not r["flag"].startswith("gepoold")]
    states, bands, published = [], [], {}
    for r in rows:
        for st in (r["from"], r["to"]):
            if st not in states:
                states.append(st)
        if r["band_from_month"] not in bands:
            bands.append(r["band_from_month"])
        seg, b, i, j = r["segment"], r["band_from_month"], r["from"], r["to"]
        is_tiny = tiny in seg.split("_")
        published[(seg, b, i)] = True
        cells.add(("cal", run_id, seg, b, i, "M"), r["exposure_months"], source + "/rates_fit.csv", tiny=is_tiny)
        cells.add(("cal", run_id, seg, b, i, j, "n"), r["observed"], source + "/rates_fit.csv", tiny=is_tiny)
        if is_tiny:  # every number of the tiny gemeente is a leak
            for col in ("expected_pooled", "mle", "ci_lo", "ci_hi", "posterior_alpha", "posterior_mean", "own_weight"):
                cells.add(("cal", run_id, seg, b, i, j, col), r[col], source + "/rates_fit.csv", tiny=True)
    for seg in segments:
        if seg in pooled_segments and tiny not in seg.split("_"):
            continue
        assert seg not in pooled_segments or tiny in seg.split("_"), seg
    # Cells the CSV leaves out: zeros of a published segment, hidden ones of a pooled segment.
    for seg in ["pooled"] + segments:
        for b in bands:
            for i in states:
                keys = [("cal", run_id, seg, b, i, "M"), ("cal", run_id, seg, b, i, "out")] + \
                       [("cal", run_id, seg, b, i, j, "n") for j in states]
                for k in keys:
                    if k in cells.value or k in cells.hidden:
                        continue
                    if seg in pooled_segments:
                        cells.hidden.setdefault(k, []).append(source + " (pooled segment)")
                        cells.tiny.add(k)
                    elif k[-1] != "out":
                        cells.value[k] = 0.0
                cells.relate("calibrate: months at risk = moves incl. staying", keys[0], keys[2:])
                cells.relate("calibrate: moves out = moves to other states", keys[1],
                             [("cal", run_id, seg, b, i, j, "n") for j in states if j != i])
    for b in bands:
        for i in states:
            for what in ("M", "out"):
                cells.relate("calibrate: pooled = sum of the segments", ("cal", run_id, "pooled", b, i, what),
                             [("cal", run_id, seg, b, i, what) for seg in segments])
            for j in states:
                cells.relate("calibrate: pooled = sum of the segments", ("cal", run_id, "pooled", b, i, j, "n"),
                             [("cal", run_id, seg, b, i, j, "n") for seg in segments])
    # The text report: months at risk, moves out and the moves per target, as printed.
    txt = open(os.path.join(folder, "rates_fit.txt"), encoding="utf-8").read()
    seg = b = i = None
    for line in txt.splitlines():
        m = re.match(r"^(\S+) \| band vanaf maand (\d+) \| (\w+): (\S+) maanden, (\S+) overgangen", line)
        if m:
            seg, b, i = m.group(1), m.group(2), m.group(3)
            is_tiny = tiny in seg.split("_")
            cells.add(("cal", run_id, seg, b, i, "M"), m.group(4), source + "/rates_fit.txt", tiny=is_tiny)
            cells.add(("cal", run_id, seg, b, i, "out"), m.group(5), source + "/rates_fit.txt", tiny=is_tiny)
            continue
        m = re.match(r"^\s+-> (\w+)\s+waargenomen\s+(\S+)", line)
        if m and seg is not None:
            cells.add(("cal", run_id, seg, b, i, m.group(1), "n"), m.group(2), source + "/rates_fit.txt",
                      tiny=tiny in seg.split("_"))
    # rates.yaml: the pooled rows' posterior counts are the counts; any row or parameter of the tiny
    # gemeente is a leak; the parameters' sources print the counts.
    for m in re.finditer(r"^#   (\S+) d(\d+) (\w+): sum=(\S+)((?: \w+=\S+)*)$", yaml_text, re.M):
        seg, b, i = m.group(1), m.group(2), m.group(3)
        if tiny in seg.split("_"):
            cells.failures.append(f"rates.yaml prints a posterior row of {seg}: {m.group(0)}")
        if seg == "pooled":
            cells.add(("cal", run_id, seg, b, i, "M"), m.group(4), source + "/rates.yaml")
            for cell in m.group(5).split():
                j, v = cell.split("=")
                cells.add(("cal", run_id, seg, b, i, j, "n"), v, source + "/rates.yaml")
    for m in re.finditer(r"^  p_(\w+): \{distribution: beta.*?: (\S+) of (\S+) months at risk moved", yaml_text, re.M):
        pid = m.group(1)
        if tiny in pid.split("_"):
            cells.failures.append(f"rates.yaml has a parameter of {TINY}: p_{pid}")
        for i in states:
            for j in states:
                if len(bands) == 1 and pid == f"{i}_{j}":
                    cells.add(("cal", run_id, "pooled", bands[0], i, j, "n"), m.group(2), source + "/rates.yaml")
                    cells.add(("cal", run_id, "pooled", bands[0], i, "M"), m.group(3), source + "/rates.yaml")
    return pooled_segments


def calibrate_outputs(mkba, work, threshold=None):
    """`mkba calibrate` by gemeente and by kwadrant x gemeente on the episodes of the extract."""
    ep = os.path.join(work, "episodes.csv")
    if not os.path.exists(ep):
        run([mkba, "synth-episodes", "--screening", os.path.join(work, "extract.csv"), "--scenario",
             os.path.join(work, "scenario.yaml"), "--gemeenten", f"{BIG},{TINY}", "--out", ep])
    folders = {}
    for by in ("gemeente", "kwadrant,gemeente"):
        folder = os.path.join(work, "calibrate" + ("-open" if threshold is not None else ""), by.replace(",", "-"))
        os.makedirs(folder, exist_ok=True)
        # Threshold 0 (no control) only on explicit request: --onbeschermd, into intern-onbeschermd/.
        extra = [] if threshold is None else ["--onbeschermd"] if threshold == 0 else ["--threshold", str(threshold)]
        run([mkba, "calibrate", "--episodes", ep, "--screening", os.path.join(work, "extract.csv"), "--by", by,
             "--scenario", os.path.join(work, "scenario.yaml"), "--gemeenten", f"{BIG},{TINY}",
             "--out", os.path.join(folder, "rates.yaml")] + extra)
        folders[by] = os.path.join(folder, "intern-onbeschermd") if threshold == 0 else folder
    return folders


def audit_calibrate(mkba, work, threshold=None, label="LEAK"):
    """Every count of the calibration outputs through the same audit; returns the failures."""
    cells = Cells()
    for by, folder in calibrate_outputs(mkba, work, threshold).items():
        pooled = read_calibration(cells, folder, by, os.path.relpath(folder, work))
        if threshold is None and not any(TINY.lower() in p for p in pooled):
            cells.failures.append(f"calibrate --by {by}: {TINY} ({TINY_PERSONS} persons) is not pooled")
    print(f"\ncalibrate{'' if threshold is None else ' --onbeschermd' if threshold == 0 else f' --threshold {threshold}'}:")
    return report(cells, work, label)


def calibrate_pooled_open(work):
    """The protected calibrate output with the pooled rows of the unprotected one (--onbeschermd) in
    its CSV: the audit must recover the tiny gemeente's counts by subtraction (pooled - Zoetermeer)."""
    folder = os.path.join(work, "calibrate-doctored")
    os.makedirs(folder, exist_ok=True)
    for name in ("rates.yaml", "rates_fit.txt"):
        with open(os.path.join(work, "calibrate", "gemeente", name), encoding="utf-8") as f:
            open(os.path.join(folder, name), "w", encoding="utf-8").write(f.read())
    lines = open(os.path.join(work, "calibrate", "gemeente", "rates_fit.csv"), encoding="utf-8").read().splitlines()
    open_lines = open(os.path.join(work, "calibrate-open", "gemeente", "intern-onbeschermd", "rates_fit.csv"),
                      encoding="utf-8").read().splitlines()
    doctored = [lines[0]] + [x for x in open_lines[1:] if x.startswith("pooled,")] + \
               [x for x in lines[1:] if not x.startswith("pooled,")]
    open(os.path.join(folder, "rates_fit.csv"), "w", encoding="utf-8").write("\n".join(doctored) + "\n")
    cells = Cells()
    read_calibration(cells, folder, "gemeente", "calibrate-doctored")
    print("\ncalibrate with the unprotected pooled rows in rates_fit.csv:")
    report(cells, work, "found, as it should")
    return any(f.startswith("recoverable tiny gemeente") for f in cells.failures)


def main():
    if len(sys.argv) > 3:
        os.makedirs(sys.argv[3], exist_ok=True)
        return audit(sys.argv[1], sys.argv[2], sys.argv[3])
    with tempfile.TemporaryDirectory(prefix="mkba-audit-") as work:
        return audit(sys.argv[1], sys.argv[2], work)


def audit(mkba, template, work):
    scen = make_outputs(mkba, template, work)
    if report(collect(work, scen, {}), work):
        return 1
    # mkba calibrate --by gemeente (issue 19): its counts per segment under the same control.
    if audit_calibrate(mkba, work):
        return 1
    # The audit must see a leak: the files as they were published before issue 19 (no disclosure
    # control: the same run at threshold 1, which hides nothing) in place of the protected ones.
    yaml = os.path.join(work, "scenario.yaml")
    common = ["--iterations", "5", "--threads", "2", "--quiet", "--threshold", "1"]
    run([mkba, "run", yaml, "--no-report", "--out", os.path.join(work, "open")] + common)
    run([mkba, "compare", yaml, "intensivering", "nul", "--out", os.path.join(work, "open-compare")] + common)
    missed = []
    if not audit_calibrate(mkba, work, threshold=0, label="found, as it should"):
        missed.append("calibrate (--onbeschermd)")
    if not calibrate_pooled_open(work):
        missed.append("calibrate (unprotected pooled rows)")
    for rel, open_rel in (("run/bezetting.csv", "open/bezetting.csv"), ("run/summary.csv", "open/summary.csv"),
                          ("run/per-kwadrant.csv", "open/per-kwadrant.csv"),
                          ("compare/vergelijking-intensivering-nulalternatief.csv",
                           "open-compare/vergelijking-intensivering-nulalternatief.csv")):
        print(f"\nwith an unprotected {rel}:")
        if not report(collect(work, scen, {rel: os.path.join(work, open_rel)}), work, "found, as it should"):
            missed.append(rel)
    if missed:
        print("the audit finds no leak in unprotected", ", ".join(missed))
    return 0 if "run/bezetting.csv" not in missed and not any(m.startswith(("compare/", "calibrate")) for m in missed) else 1


if __name__ == "__main__":
    sys.exit(main())
