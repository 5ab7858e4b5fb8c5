#!/usr/bin/env python3
"""Loads the dashboard in a real browser: Debian's headless chromium.

usage: dashboard_check.py MKBA SCREENSHOT_DIR

Writes a synthetic series (`mkba synth --series 3`), synthetic episodes for its last extract
(`mkba synth-episodes`) and the dashboard (`--episodes`, Chart.js inlined), then, with a fresh
chromium profile each time and a timeout:
  - dumps the DOM after the scripts ran, for the default filter (regio) and for a link that selects
    gemeente 0 and the second pair of extracts (dashboard.html#gemeente=0&overgang=1): both charts
    were drawn (Chart.js sized their canvases), the tables are filled, and the chosen filter shows
    other numbers than the default one; the ZRM, outcome ("wat werkt voor wie"), month/quarter and
    summary tables are filled and their charts drawn; the quarterly view has fewer rows than the
    monthly one; with a synthetic realisatie (--realisatie) its table and chart are filled, follow the
    gemeente, group by quarter, and the summary of a quarter with realised months shows them;
  - checks that no JavaScript error was logged (chromium's console log on stderr);
  - takes a screenshot of each view into SCREENSHOT_DIR (ctest attaches them: ATTACHED_FILES).

Skipped (exit 77) without chromium or without Chart.js (libjs-chart.js), unless
MKBA_REQUIRE_CHROMIUM=1 (CI), as render_check.py.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
TIMEOUT = int(os.environ.get("MKBA_CHROMIUM_TIMEOUT", "120"))
CHART_JS = "/usr/share/javascript/chart.js/chart.min.js"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio",
         "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000"]


def chromium():
    if "MKBA_CHROMIUM" in os.environ:
        return shutil.which(os.environ["MKBA_CHROMIUM"])
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def table(dom, tid):
    m = re.search(r'<table id="%s"[^>]*>(.*?)</table>' % tid, dom, re.S)
    return re.findall(r"<td[^>]*>([^<]*)</td>", m.group(1)) if m else []


def main():
    mkba, shots = sys.argv[1:3]
    browser = chromium()
    missing = None if browser else "chromium"
    if not missing and not os.path.exists(CHART_JS):
        missing = "libjs-chart.js"
    if missing:
        if os.environ.get("MKBA_REQUIRE_CHROMIUM") == "1":
            print("FAIL: %s not installed and MKBA_REQUIRE_CHROMIUM=1 (run scripts/setup.sh --tests)" % missing)
            return 1
        print("SKIP: %s not installed (bash scripts/setup.sh --tests installs it)" % missing)
        return SKIP
    failures = []

    def check(cond, what):
        if not cond:
            failures.append(what)
            print("FAIL:", what)

    os.makedirs(shots, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        series = os.path.join(tmp, "series")
        subprocess.run([mkba, "synth", "--series", "3", "--persons", "1500", "--seed", "4", "--peildatum", "2024-01-01",
                        "--out", series], check=True, stdout=subprocess.DEVNULL, timeout=120)
        out = os.path.join(tmp, "dash")
        files = sorted(os.path.join(series, f) for f in os.listdir(series) if f.endswith(".csv"))
        episodes = os.path.join(tmp, "episodes.csv")
        # Episodes up to the last extract's peildatum: its latest screening (as the dashboard takes it).
        with open(files[-1], encoding="utf-8") as f:
            peil = max(line.split(",")[3] for line in list(f)[1:])
        scenario = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scenarios", "data",
                                "true-rates-synthetic.yaml")
        subprocess.run([mkba, "synth-episodes", "--screening", files[-1], "--scenario", scenario, "--peildatum", peil,
                        "--history", "36", "--out", episodes], check=True, stdout=subprocess.DEVNULL, timeout=120)
        # A synthetic realisatie (the default scenario's region) for the second half of 2024.
        realisatie = os.path.join(tmp, "realisatie.csv")
        default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scenarios", "default.yaml")
        subprocess.run([mkba, "synth", "--realisatie", default, "--set", "time.start=2024-07", "--from", "2024-07",
                        "--until", "2024-12", "--out", realisatie], check=True, stdout=subprocess.DEVNULL, timeout=120)
        subprocess.run([mkba, "dashboard"] + files + ["--episodes", episodes, "--realisatie", realisatie, "--out", out], check=True,
                       stdout=subprocess.DEVNULL, timeout=120)
        url = "file://" + os.path.abspath(os.path.join(out, "dashboard.html"))

        def browse(args, what):
            profile = tempfile.mkdtemp(dir=tmp)
            try:
                p = subprocess.run([browser] + FLAGS + ["--user-data-dir=" + profile] + args,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                check(False, "%s: chromium did not finish within %d s" % (what, TIMEOUT))
                return "", ""
            check(p.returncode == 0, "%s: chromium exit status %d" % (what, p.returncode))
            err = p.stderr.decode("utf-8", "replace")
            js_errors = [l for l in err.splitlines() if "CONSOLE" in l and ("Uncaught" in l or "Error" in l)]
            check(not js_errors, "%s: JavaScript errors: %s" % (what, js_errors[:3]))
            return p.stdout.decode("utf-8", "replace"), err

        views = {"regio": url, "gemeente0": url + "#gemeente=0&overgang=1",
                 "kwadrant4": url + "#gemeente=0&kwadrant=4&van=1&tot=2&overgang=1&weergave=1&domein=5"}
        doms = {}
        for name, u in views.items():
            dom, _ = browse(["--dump-dom", u], name)
            doms[name] = dom
            for cid in ("grafiek-bestand", "grafiek-overgang", "grafiek-zrm", "grafiek-uitkomsten", "grafiek-maanden",
                        "grafiek-realisatie"):
                m = re.search(r'<canvas id="%s"[^>]*>' % cid, dom)
                check(m is not None and "box-sizing" in m.group(0) and "height" in m.group(0),
                      "%s: chart %s not drawn (canvas %s)" % (name, cid, m.group(0) if m else "missing"))
            # kwadrant4: the fourth kwadrant only (kwadrant 4), peildata 2 and 3: 2 rows x (4 + total).
            rows, cols, tr_rows = (2, 2, 1) if name == "kwadrant4" else (3, 6, 6)
            cells = table(dom, "tabel-bestand")
            check(len(cells) == rows * cols, "%s: bestand table has %d cells, expected %d" % (name, len(cells), rows * cols))
            check(len(table(dom, "tabel-overgang")) == tr_rows * 7, "%s: transition table not filled" % name)
            check(len(table(dom, "tabel-screening")) == rows * 4, "%s: screening table not filled" % name)
            check(len(table(dom, "tabel-zrm-gemiddeld")) == rows * 13, "%s: ZRM means not filled" % name)
            check(len(table(dom, "tabel-zrm")) == rows * 7, "%s: ZRM distribution not filled" % name)
            check(len(table(dom, "tabel-uitkomsten")) >= 3 * 3, "%s: outcome table not filled" % name)
            check(len(table(dom, "tabel-maanden")) > 0, "%s: month table not filled" % name)
            check(len(table(dom, "tabel-samenvatting-bestand")) == 6 * 3, "%s: summary not filled" % name)
            check(len(table(dom, "tabel-samenvatting-stand")) > 0 and len(table(dom, "tabel-samenvatting-werk")) > 0,
                  "%s: summary of states and outcomes not filled" % name)
            check(len(table(dom, "tabel-realisatie")) > 0, "%s: realisatie table not filled" % name)
            shot = os.path.join(shots, "dashboard-%s.png" % name)
            browse(["--window-size=1000,6000", "--screenshot=" + shot, u], name + " screenshot")
            check(os.path.exists(shot) and os.path.getsize(shot) > 20000, "%s: no screenshot" % name)
            print("%s: %d cells in the bestand table; screenshot %s" % (name, len(cells), shot))
        check(table(doms["regio"], "tabel-bestand") != table(doms["gemeente0"], "tabel-bestand"),
              "the gemeente filter does not change the bestand table")
        check(table(doms["regio"], "tabel-screening") != table(doms["gemeente0"], "tabel-screening"),
              "the gemeente filter does not change the screening table")
        check(table(doms["regio"], "tabel-overgang") != table(doms["gemeente0"], "tabel-overgang"),
              "the filters do not change the transition table")
        check(table(doms["regio"], "tabel-uitkomsten") != table(doms["gemeente0"], "tabel-uitkomsten"),
              "the gemeente filter does not change the outcome table")
        check(table(doms["regio"], "tabel-realisatie") != table(doms["gemeente0"], "tabel-realisatie"),
              "the gemeente filter does not change the realisatie table")
        # Realisatie: six months, two quarters (kwadrant4 is the quarterly view); in the summary of
        # 2024-K4 (the fourth quarter of 2024-01..2025-01) the realised stand per state.
        r_rows = [len(re.findall(r"<tr>", re.search(r'<table id="tabel-realisatie"[^>]*>(.*?)</table>', doms[v], re.S).group(1)))
                  for v in ("gemeente0", "kwadrant4")]
        check(r_rows == [7, 3], "realisatie rows (header included) monthly and quarterly: %s, expected [7, 3]" % r_rows)
        dom, _ = browse(["--dump-dom", url + "#gemeente=0&weergave=1&tijdvak=3"], "realisatie summary")
        check("Kwartaaloverzicht" in dom and "2024-K4" in dom and len(table(dom, "tabel-samenvatting-realisatie")) > 0,
              "the summary of 2024-K4 has no realisatie")
        check(re.search(r'<div id="samenvatting-realisatie" hidden', doms["regio"]) is not None,
              "the summary of 2025-K1 (no realised months) still shows a realisatie")
        # Quarters (kwadrant4 view, peildata 2-3: 7 months) have fewer rows than months (same range:
        # the regio view has 13 months for peildata 1-3, gemeente 0 the same months).
        m_rows = len(re.findall(r"<tr>", re.search(r'<table id="tabel-maanden">(.*?)</table>', doms["gemeente0"], re.S).group(1)))
        q_rows = len(re.findall(r"<tr>", re.search(r'<table id="tabel-maanden">(.*?)</table>', doms["kwadrant4"], re.S).group(1)))
        check(0 < q_rows < m_rows, "quarterly view: %d rows, monthly %d" % (q_rows, m_rows))
        check("Kwartaaloverzicht" in doms["kwadrant4"] and "Maandoverzicht" in doms["regio"], "summary titles")
        # Printing: the whole page, and through #samenvatting=1 the summary of one gemeente alone
        # (print CSS): fewer pages, and both PDFs were written.
        pages = {}
        for name, u in (("pagina", url + "#gemeente=0"), ("samenvatting", url + "#gemeente=0&weergave=1&samenvatting=1")):
            pdf = os.path.join(tmp, name + ".pdf")
            browse(["--print-to-pdf=" + pdf, "--no-pdf-header-footer", u], name + " print")
            data = open(pdf, "rb").read() if os.path.exists(pdf) else b""
            pages[name] = len(re.findall(rb"/Type\s*/Page[^s]", data))
        print("printed pages: %s" % pages)
        check(0 < pages["samenvatting"] < pages["pagina"], "print: summary %(samenvatting)d page(s), page %(pagina)d" % pages)
        # The kwadrant and period filters show a part of the same numbers: kwadrant 4 and the total of
        # peildata 2 and 3 are the last two rows' columns 4 and 6 of the gemeente-0 view.
        g0, k4 = table(doms["gemeente0"], "tabel-bestand"), table(doms["kwadrant4"], "tabel-bestand")
        check(len(g0) == 18 and k4 == [g0[6 + 3], g0[6 + 5], g0[12 + 3], g0[12 + 5]],
              "kwadrant/period filter: %s is not the part %s of %s" % (k4, "kwadrant 4, peildata 2-3", g0))
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
