#!/usr/bin/env python3
"""Renders rapport.html in a real browser: Debian's headless chromium.

usage: render_check.py MKBA SCENARIO [--lang nl|en]...

For each language: runs `mkba report` (cohort mode, 20 PSA iterations, quick), checks the HTML holds the charts
(<svg> elements with the required chart ids), then starts chromium headless with a fresh profile
and prints the page to PDF (A4, the report's own @page rules), with a timeout. It checks the exit
status, that the PDF exists, starts with %PDF, has at least two pages and a non-trivial size, and
that the DOM chromium rendered (--dump-dom) still holds every chart as <svg>.

Without chromium the test is skipped (exit 77, ctest SKIP_RETURN_CODE) unless MKBA_REQUIRE_CHROMIUM=1
(scripts/test.sh, i.e. CI, sets it and installs chromium through scripts/setup.sh --tests).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
TIMEOUT = int(os.environ.get("MKBA_CHROMIUM_TIMEOUT", "120"))
# Charts every report draws (ids of the <figure> around each inline SVG); the bestandsanalyse
# chart only when the caseload comes from a screening file, which the test scenario's does.
CHART_IDS = ["grafiek-cumulatief", "grafiek-verdeling-1", "grafiek-bezetting-0", "grafiek-bestand"]
PSA_CHART_IDS = ["grafiek-ncw-verdeling-1"]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio", "--no-pdf-header-footer"]


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


def main():
    mkba, scenario = sys.argv[1:3]
    langs = sys.argv[3:] or ["nl"]
    browser = chromium()
    if not browser:
        if os.environ.get("MKBA_REQUIRE_CHROMIUM") == "1":
            print("FAIL: chromium not found and MKBA_REQUIRE_CHROMIUM=1 (run scripts/setup.sh --tests)")
            return 1
        print("SKIP: chromium not installed (bash scripts/setup.sh --tests installs it)")
        return SKIP
    failures = []

    def check(cond, what):
        if not cond:
            failures.append(what)
            print("FAIL:", what)

    with tempfile.TemporaryDirectory() as tmp:
        for lang in langs:
            out = os.path.join(tmp, "rapport-" + lang)
            # Expected values (cohort) with a few PSA iterations: quick, and every chart is drawn,
            # the NCW distribution and the tornado included.
            subprocess.run([mkba, "report", scenario, "--mode", "cohort", "--iterations", "20",
                            "--set", "rescreening=null", "--lang", lang, "--out", out, "--quiet", "--threads", "2"],
                           check=True, stdout=subprocess.DEVNULL, timeout=600)
            page = os.path.join(out, "rapport.html")
            html = open(page, encoding="utf-8").read()
            svgs = len(re.findall(r"<svg\b", html))
            check(svgs >= 6, "%s: only %d <svg> charts in the HTML" % (lang, svgs))
            for cid in CHART_IDS + PSA_CHART_IDS:
                check('id="%s"' % cid in html, "%s: chart %s missing from the HTML" % (lang, cid))
            check('id="grafiek-tornado"' in html or "--tornado" in html,
                  "%s: no tornado chart and no explanation how to get one" % lang)

            url = "file://" + os.path.abspath(page)
            pdf = os.path.join(tmp, "rapport-%s.pdf" % lang)
            profile = tempfile.mkdtemp(dir=tmp)
            try:
                p, secs = run_browser(browser, ["--print-to-pdf=" + pdf, url], profile)
            except subprocess.TimeoutExpired:
                check(False, "%s: chromium did not finish within %d s" % (lang, TIMEOUT))
                continue
            check(p.returncode == 0, "%s: chromium exit status %d: %s" % (lang, p.returncode, p.stderr.decode()[-500:]))
            check(os.path.exists(pdf), "%s: no PDF written" % lang)
            if os.path.exists(pdf):
                data = open(pdf, "rb").read()
                pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
                check(data.startswith(b"%PDF"), "%s: not a PDF" % lang)
                check(pages >= 2, "%s: PDF has %d pages" % (lang, pages))
                check(len(data) > 50000, "%s: PDF only %d bytes" % (lang, len(data)))
                print("%s: PDF %d pages, %d bytes, %.1f s" % (lang, pages, len(data), secs))

            profile = tempfile.mkdtemp(dir=tmp)
            try:
                p, secs = run_browser(browser, ["--dump-dom", url], profile)
            except subprocess.TimeoutExpired:
                check(False, "%s: chromium --dump-dom did not finish within %d s" % (lang, TIMEOUT))
                continue
            dom = p.stdout.decode("utf-8", "replace")
            check(p.returncode == 0, "%s: chromium --dump-dom exit status %d" % (lang, p.returncode))
            dom_svgs = len(re.findall(r"<svg\b", dom))
            check(dom_svgs == svgs, "%s: rendered DOM has %d <svg>, the HTML %d" % (lang, dom_svgs, svgs))
            for cid in CHART_IDS + PSA_CHART_IDS:
                check('id="%s"' % cid in dom, "%s: chart %s missing from the rendered DOM" % (lang, cid))
            check(("<html lang=\"%s\"" % lang) in dom, "%s: rendered page has another lang" % lang)
            print("%s: DOM %d charts, %.1f s" % (lang, dom_svgs, secs))
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("render OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
