#!/usr/bin/env python3
"""Renders and prints the shipped reports in a real browser: Debian's headless chromium.

usage: render_check.py MKBA SCENARIO_DIR

Reports: scenarios/default.yaml in Dutch and English (cohort mode, 20 PSA iterations, the tornado),
and scenarios/beschut-vs-lks.yaml in Dutch (microsimulation with a small --persons, 10 iterations).
For each: the HTML holds the charts (<svg> with the required ids); `mkba report --pdf` prints it to
A4 through chromium, and the PDF, read back with pdftotext (poppler-utils), must have
- a page count within the stated range, and the main text (page 2 up to Bijlage A) within 12 pages;
- "Pagina n van m" ("Page n of m") on every page and the running header from page 2 on;
- the conclusion sentence of the samenvatting, and its amount consistent with the summary table;
- no heading (h2, h3) as the last line of a page.
The DOM chromium renders with the body as wide as the A4 text column (182 mm) must hold every chart and no
element wider than the column (a copy of the page with a measuring script, --dump-dom).

Without chromium (or pdftotext) the test is skipped (exit 77, ctest SKIP_RETURN_CODE) unless
MKBA_REQUIRE_CHROMIUM=1 (scripts/test.sh, i.e. CI, sets it and installs both through
scripts/setup.sh --tests).
"""
import html as htmllib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
TIMEOUT = int(os.environ.get("MKBA_CHROMIUM_TIMEOUT", "120"))
CHART_IDS = ["grafiek-cumulatief", "grafiek-verdeling-1", "grafiek-bezetting-0"]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio", "--no-pdf-header-footer"]
# The measuring copy sets the body to the A4 text column (210 mm minus 2 x 14 mm margins); the window
# is wider, so nothing but the column constrains the layout.
WINDOW_PX = 1000

# (name, scenario file, language, mkba flags, extra charts, page range of the whole PDF). The default
# has 10 states since issue 14 (exits by reason, the extra-guidance state) and more calibrated
# parameters, so its appendices (persons per state per gemeente, the parameter listing) are longer.
REPORTS = [
    ("default-nl", "default.yaml", "nl",
     ["--mode", "cohort", "--iterations", "20", "--set", "rescreening=null", "--tornado"],
     ["grafiek-bestand", "grafiek-ncw-verdeling-1", "grafiek-tornado"], (25, 70)),
    ("default-en", "default.yaml", "en",
     ["--mode", "cohort", "--iterations", "20", "--set", "rescreening=null"],
     ["grafiek-bestand", "grafiek-ncw-verdeling-1"], (20, 60)),
    ("beschut-vs-lks-nl", "beschut-vs-lks.yaml", "nl",
     ["--persons", "3000", "--iterations", "10"],
     ["grafiek-ncw-verdeling-1"], (10, 30)),
]
MAIN_TEXT_PAGES = 13  # the title page with the contents + at most 12 pages of main text
# The business case has three projectalternatieven (a plausibility block and a verdelingstabel
# each) and, since issue 14, its exits by reason (their PM items, sources and assumptions): its
# main text runs one page longer.
MAIN_TEXT_PAGES_OF = {"beschut-vs-lks-nl": 14}

MEASURE = """<style>body { width: 182mm; max-width: none; margin: 0; }</style>
<script>
(function () {
  var limit = document.body.getBoundingClientRect().right + 1, bad = [];  // the body is the 182 mm column
  document.querySelectorAll('body *').forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > limit) bad.push(e.tagName + '#' + (e.id || '') + '.' + (e.className && e.className.baseVal === undefined ? e.className : '') + ' ' + Math.round(r.right) + 'px');
  });
  var p = document.createElement('pre');
  p.id = 'breedte-meting';
  p.textContent = 'TE BREED ' + bad.length + ': ' + bad.slice(0, 10).join('; ');
  document.body.appendChild(p);
})();
</script>
"""


def chromium():
    # MKBA_CHROMIUM names the browser (a path or a command); set to something absent it lets one
    # check the skip path on a machine that has chromium.
    if "MKBA_CHROMIUM" in os.environ:
        return shutil.which(os.environ["MKBA_CHROMIUM"])
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_browser(browser, args, profile):
    cmd = [browser] + FLAGS + ["--user-data-dir=" + profile] + args
    started = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
    return p, time.monotonic() - started


def text_of(fragment):
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def squeeze(s):
    return re.sub(r"\s+", "", s)


def money_words(euro, lang):
    """The report's rounding of an amount in its sentences (report/src/conclusions.cpp)."""
    def grouped(x, decimals):
        s = "{:,.{}f}".format(abs(x), decimals)
        if lang == "nl":
            s = s.replace(",", "_").replace(".", ",").replace("_", ".")
        return s
    m = round(euro / 1e5) / 10.0
    if abs(m) >= 1.0:
        return ("€" + grouped(m, 1) + " million") if lang == "en" else ("€ " + grouped(m, 1) + " mln")
    h = round(euro / 100.0) * 100.0
    return ("€" if lang == "en" else "€ ") + grouped(h, 0)


def parse_number(cell, lang):
    s = text_of(cell)
    s = s.replace(".", "").replace(",", ".") if lang == "nl" else s.replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


def summary_differences(page, lang):
    """(label, society NCW difference) per projectalternatief, from the summary table."""
    m = re.search(r'<table id="tabel-regio-samenvatting".*?<tbody>(.*?)</tbody>', page, re.S)
    out = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", m.group(1), re.S)[1:] if m else []:
        label = text_of(re.search(r"<th>(.*?)</th>", row, re.S).group(1))
        cells = re.findall(r"<td([^>]*)>(.*?)</td>", row, re.S)
        # NCW, [P5-P95], difference, [P5-P95]: the second cell that is not an interval.
        nums = [c for attrs, c in cells if "interval" not in attrs]
        value = parse_number(re.split(r"<br>", nums[1])[0], lang) if len(nums) > 1 else None
        out.append((label, value))
    return out


def main():
    mkba, scenario_dir = sys.argv[1:3]
    browser = chromium()
    pdftotext = shutil.which("pdftotext")
    if not browser or not pdftotext:
        missing = "chromium" if not browser else "pdftotext (poppler-utils)"
        if os.environ.get("MKBA_REQUIRE_CHROMIUM") == "1":
            print("FAIL: %s not found and MKBA_REQUIRE_CHROMIUM=1 (run scripts/setup.sh --tests)" % missing)
            return 1
        print("SKIP: %s not installed (bash scripts/setup.sh --tests installs it)" % missing)
        return SKIP
    failures = []

    def check(cond, what):
        if not cond:
            failures.append(what)
            print("FAIL:", what)

    env = dict(os.environ, MKBA_CHROMIUM=browser)
    with tempfile.TemporaryDirectory() as tmp:
        for name, scenario, lang, flags, charts, (lo, hi) in REPORTS:
            out = os.path.join(tmp, name)
            started = time.monotonic()
            p = subprocess.run([mkba, "report", os.path.join(scenario_dir, scenario), "--lang", lang, "--out", out,
                                "--quiet", "--threads", "2", "--pdf"] + flags,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600, env=env)
            check(p.returncode == 0, "%s: mkba report --pdf exit %d: %s" % (name, p.returncode, p.stderr.decode()[-500:]))
            if p.returncode != 0:
                continue
            page = open(os.path.join(out, "rapport.html"), encoding="utf-8").read()
            for cid in CHART_IDS + charts:
                check('id="%s"' % cid in page, "%s: chart %s missing from the HTML" % (name, cid))
            pdf = os.path.join(out, "rapport.pdf")
            data = open(pdf, "rb").read()
            check(data.startswith(b"%PDF"), "%s: rapport.pdf is not a PDF" % name)
            text = subprocess.run([pdftotext, "-layout", "-enc", "UTF-8", pdf, "-"], stdout=subprocess.PIPE,
                                  check=True).stdout.decode("utf-8")
            pages = text.split("\f")
            if pages and not pages[-1].strip():
                pages = pages[:-1]
            n = len(pages)
            check(lo <= n <= hi, "%s: %d pages, expected %d-%d" % (name, n, lo, hi))
            appendix = "Appendix A" if lang == "en" else "Bijlage A"
            # Page 1 holds the title and the contents (which name every bijlage): the search starts on page 2.
            first_appendix = next((i + 1 for i, pg in enumerate(pages) if i > 0 and re.search(r"^\s*%s:" % appendix, pg, re.M)), None)
            limit = MAIN_TEXT_PAGES_OF.get(name, MAIN_TEXT_PAGES)
            check(first_appendix is not None and first_appendix - 1 <= limit,
                  "%s: the main text runs to page %s (at most to page %d)" % (name, (first_appendix or 0) - 1, limit))
            word, of = ("Page", "of") if lang == "en" else ("Pagina", "van")
            title = text_of(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
            for i, pg in enumerate(pages, 1):
                check(re.search(r"%s %d %s %d" % (word, i, of, n), pg) is not None,
                      "%s: page %d has no page number '%s %d %s %d'" % (name, i, word, i, of, n))
                if i > 1:
                    check(squeeze(title) in squeeze(pg), "%s: page %d has no running header" % (name, i))
            # The conclusion: in the PDF, and its amount what the summary table gives.
            m = re.search(r'<p class="conclusie" id="conclusie"><strong>(.*?)</strong>', page, re.S)
            check(m is not None, "%s: no conclusion in the samenvatting" % name)
            if m:
                sentence = text_of(m.group(1))
                check(squeeze(sentence)[:150] in squeeze(text), "%s: conclusion not in the PDF: %s" % (name, sentence))
                diffs = [(l, v) for l, v in summary_differences(page, lang) if v is not None]
                check(len(diffs) >= 1, "%s: no differences in the summary table" % name)
                if not diffs:
                    pass
                elif len(diffs) == 1:
                    expected = money_words(abs(diffs[0][1]), lang)
                else:
                    ranked = sorted(diffs, key=lambda d: -d[1])
                    expected = money_words(ranked[0][1] - ranked[1][1], lang)
                    check(sentence.startswith(ranked[0][0]), "%s: the conclusion does not start with the winner %s: %s"
                          % (name, ranked[0][0], sentence))
                check(expected in sentence, "%s: conclusion %r does not hold the table's %s" % (name, sentence, expected))
                print("%s: %s" % (name, sentence))
            # No heading as the last line of a page (the footer and header lines aside).
            headings = {text_of(h) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page, re.S)}
            for i, pg in enumerate(pages, 1):
                lines = [l.strip() for l in pg.splitlines() if l.strip()]
                lines = [l for l in lines if not re.search(r"%s \d+ %s \d+" % (word, of), l) and squeeze(l) != squeeze(title)]
                if 1 < i < n and lines:
                    check(lines[-1] not in headings, "%s: page %d ends with the heading %r" % (name, i, lines[-1]))

            # The DOM at the A4 column width: every chart, nothing wider than the column.
            measure = os.path.join(out, "meting.html")
            open(measure, "w", encoding="utf-8").write(page.replace("</body>", MEASURE + "</body>"))
            profile = tempfile.mkdtemp(dir=tmp)
            try:
                p, secs = run_browser(browser, ["--window-size=%d,1200" % WINDOW_PX, "--dump-dom", "file://" + measure], profile)
            except subprocess.TimeoutExpired:
                check(False, "%s: chromium --dump-dom did not finish within %d s" % (name, TIMEOUT))
                continue
            dom = p.stdout.decode("utf-8", "replace")
            for cid in CHART_IDS + charts:
                check('id="%s"' % cid in dom, "%s: chart %s missing from the rendered DOM" % (name, cid))
            wide = re.search(r'id="breedte-meting">TE BREED (\d+): ([^<]*)', dom)
            check(wide is not None and wide.group(1) == "0",
                  "%s: elements wider than the A4 column: %s" % (name, wide.group(2) if wide else "no measurement"))
            print("%s: PDF %d pages (main text %s), %d bytes; %.1f s" % (name, n, (first_appendix or 0) - 1, len(data),
                                                                        time.monotonic() - started))
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("render OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
