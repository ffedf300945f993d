#!/usr/bin/env bash
# test_report_html.sh OMPSCALE BROWSER_CHECK LOG_DIR: the HTML report end to end (suite
# report), as TAP.  A real quick run (--report) writes PREFIX.html next to its CSV and JSON;
# the page is self-contained (no URL, src, script, link or import in it), valid by
# html-tidy, and in headless chromium (tests/browser_check.py, over the DevTools protocol)
# loads with no console error and no request but itself, every plot has a rendered size and
# every kernel its section; a screenshot of it at 1280 pixels wide is saved in LOG_DIR as
# report-screenshot.png.  Text from the files is escaped (a host name and parameters with
# <script> in them); a CSV's report says what it lacks; two files get the comparison; bad
# input exits 2 with one message and nothing written, and gnuplot missing exits 1.  chromium
# or tidy missing is a failure, never a skip (scripts/setup installs both).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # the bad-input checks run elsewhere
browser_check=$2
logdir=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"
check() { if "$@"; then ok "$what"; else not_ok "$what"; fi; }
kernels=squares,stream-copy,overhead-parallel,montecarlo

have() { command -v "$1" >/dev/null; }
what="chromium is installed (scripts/setup installs it)"
check have chromium
what="tidy is installed (scripts/setup installs it)"
check have tidy

# Nothing outside the page: no URL anywhere, no element that loads or runs something, no
# src, no href but to a place in the page, no style that imports or points outside.
self_contained() {
    ! grep -qiE 'https?://|@import' "$1" &&
        ! grep -qiE '<(script|link|img|iframe|object|embed|base|audio|video|source)[[:space:]>]' "$1" &&
        ! grep -qiE "<[^>]*[[:space:]]src=" "$1" &&
        ! grep -qiE "<[^>]*[[:space:]](xlink:)?href=[\"']?[^#\"']" "$1" &&
        ! grep -oE 'url\([^)]*\)' "$1" | grep -qv '^url(#'
}
# tidy finds no error (-errors: warnings are not printed; exit 2 on an error, 1 on a warning).
valid() { tidy -errors -q "$1" >/dev/null 2>"$tmp/tidy"; local rc=$?; cat "$tmp/tidy" >&2; [ $rc -eq 0 ]; }
only() { [ "$(ls "$1" | sort | tr '\n' ' ')" = "$2" ]; }

# A real quick run, with its report.
mkdir "$tmp/run"
"$bin" run --quick --kernel "$kernels" --out "$tmp/run/X" --report >"$tmp/out" 2>"$tmp/err"
rc=$?
page=$tmp/run/X.html
what="run --report exits 0 and says where the page went"
check test $rc -eq 0 -a -s "$page" && grep -q "wrote $page" "$tmp/err"
what="next to the CSV and JSON, and no temporary file left"
check only "$tmp/run" "X.csv X.html X.json "
what="the page is self-contained: no URL, src, script, link or import"
check self_contained "$page"
what="every plot is inline SVG (5: four kernels and montecarlo's convergence)"
check test "$(grep -c '<svg class="plot"' "$page")" -eq 5
what="tidy finds no error in the page"
check valid "$page"
what="the summary comes first, then the machines, then each kernel's section"
check test "$(grep -oE 'id="(summary|machines|k-[a-z-]+)"' "$page" | tr '\n' ' ')" = \
    'id="summary" id="machines" id="k-squares" id="k-stream-copy" id="k-overhead-parallel" id="k-montecarlo" '
what="the machine context from the JSON: caches"
check grep -qE '>caches<.*L1 data' "$page"
what="... compiler"
check grep -qE '>compiler</th><td>(gcc|clang) ' "$page"
what="... OpenMP runtime"
check grep -qE '>OpenMP runtime</th><td>lib(g|)omp' "$page"
what="... version and commit"
check grep -qE '>program</th><td>ompscale [0-9.]+, commit ' "$page"
what="... load during the run"
check grep -qE '>load during the run</th><td>(other processes|not recorded)' "$page"
what="a kernel's table has time and speedup with their intervals"
check grep -qE '<th>median (s|ms|&micro;s) \[95% CI\]</th><th>speedup \[95% CI\]</th>' "$page"
what="... and its fits"
check grep -q '<b>Amdahl</b>' "$page"
# The summary's figures are the run's own: each series' best speedup and thread count as the
# JSON's scaling[] has them, in the page's order.
best_of_json() {
    python3 - "$1" <<'PY'
import json, sys
for s in json.load(open(sys.argv[1]))["scaling"]:
    if not s["kernel"].startswith("overhead-"):
        print("<b>%.2f&times;</b> at %d" % (s["max_speedup"], s["best_threads"]))
PY
}
best_of_page() { grep -oE '<b>[0-9.]+&times;</b> at [0-9]+' "$1"; }
what="the summary's best speedups are the JSON's scaling[] (its series in order)"
check test "$(best_of_page "$page")" = "$(best_of_json "$tmp/run/X.json")" -a -n "$(best_of_page "$page")"
what="an overhead kernel's table has microseconds per construct with their interval"
check grep -q '&micro;s per construct \[95% CI\]' "$page"

# The page in a real browser, and its screenshot beside the test log.
mkdir -p "$logdir"
shot=$logdir/report-screenshot.png
rm -f "$shot"
python3 "$browser_check" "$page" "$kernels" "$shot" >"$tmp/browser" 2>&1
rc=$?
cat "$tmp/browser"
what="chromium loads it: no console error, no request, plots with a size, a section per kernel"
check test $rc -eq 0
what="the screenshot is a PNG 1280 pixels wide"
check test "$(od -An -tx1 -j12 -N8 "$shot" 2>/dev/null | tr -d ' \n')" = 4948445200000500

# Text from the files is escaped: a host name and parameters that would be markup.
python3 - "$tmp/run/X.json" "$tmp/hostile.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
evil = '<script>alert("host")</script>&\'x'
d["context"]["host"] = evil
for row in d["rows"]:
    row["host"] = evil
    row["params"] += ' tag=<script>alert(1)</script>'
for s in d["scaling"]:
    s["params"] += ' tag=<script>alert(1)</script>'
    s["diagnosis"] = '<img src=x onerror=alert(2)>'
json.dump(d, open(sys.argv[2], "w"))
PY
"$bin" report "$tmp/hostile.json" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="a report of a file with <script> in its host and parameters"
check test $rc -eq 0 -a "$(cat "$tmp/out")" = "$tmp/hostile.html"
what="... has the host name escaped"
check grep -q '&lt;script&gt;alert(&quot;host&quot;)&lt;/script&gt;&amp;&#39;x' "$tmp/hostile.html"
what="... and the diagnosis"
check grep -q '&lt;img src=x onerror=alert(2)&gt;' "$tmp/hostile.html"
what="... and no <script> or other element of theirs"
check self_contained "$tmp/hostile.html"
what="... and is valid"
check valid "$tmp/hostile.html"
python3 "$browser_check" "$tmp/hostile.html" "$kernels" >"$tmp/browser" 2>&1
rc=$?
cat "$tmp/browser"
what="... and chromium runs none of it"
check test $rc -eq 0

# A CSV has less, and says so; two files are compared.
mkdir "$tmp/tmpdir"
TMPDIR=$tmp/tmpdir "$bin" report "$tmp/run/X.csv" -o "$tmp/csv.html" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="report of the CSV: exit 0"
check test $rc -eq 0
what="... and its plots' temporary directory (in TMPDIR) is gone"
check test -z "$(ls "$tmp/tmpdir")"
what="... says what a CSV lacks"
check grep -q 'A CSV records the machine' "$tmp/csv.html"
what="... and that its summaries are analysed from its rows"
check grep -q "analysed from the CSV's rows" "$tmp/csv.html"
what="... and is valid"
check valid "$tmp/csv.html"
what="... with the same best speedups as the JSON's page (the same analysis, of its rows)"
check test "$(best_of_page "$tmp/csv.html")" = "$(best_of_page "$page")"
"$bin" report "$tmp/run/X.json" "$tmp/run/X.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="two files: report.html next to the first"
check test $rc -eq 0 -a "$(cat "$tmp/out")" = "$tmp/run/report.html"
what="... with the comparison of time ratios per kernel and thread count"
check grep -q '<section id="comparison">' "$tmp/run/report.html"
what="... valid"
check valid "$tmp/run/report.html"
what="... and self-contained"
check self_contained "$tmp/run/report.html"

# Bad input: exit 2, one line "ompscale: ...", nothing written.
bad() {
    local what=$1 pattern=$2
    shift 2
    mkdir -p "$tmp/bad"
    (cd "$tmp/bad" && "$bin" report "$@" >"$tmp/out" 2>"$tmp/err")
    local rc=$?
    if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
        grep -qE "^ompscale: .*$pattern" "$tmp/err" && [ -z "$(ls "$tmp/bad")" ]; then
        ok "bad input: $what"
    else
        not_ok "bad input: $what (exit $rc)"
    fi
}
printf 'a,b\n1,2\n' >"$tmp/notresult.csv"
bad "no file" "name at least one result file"
bad "a missing file" "missing.json: cannot read" "$tmp/missing.json"
bad "not a result CSV" "notresult.csv:1: not an ompscale result CSV" "$tmp/notresult.csv" -o x.html
bad "-o into a missing directory" "--output: cannot write in" "$tmp/run/X.json" -o "$tmp/nowhere/x.html"
bad "-o an input" "--output: .* is an input" "$tmp/run/X.json" -o "$tmp/run/X.json"
bad "-o without a value" "-o needs a value" "$tmp/run/X.json" -o
bad "an unknown option" "--bogus" "$tmp/run/X.json" --bogus

# gnuplot missing: exit 1, nothing written.
mkdir "$tmp/nobin" "$tmp/nognuplot"
PATH=$tmp/nobin "$bin" report "$tmp/run/X.json" -o "$tmp/nognuplot/x.html" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="gnuplot missing: exit 1, says so, nothing written"
check test $rc -eq 1 -a -z "$(ls "$tmp/nognuplot")" && grep -q gnuplot "$tmp/err"

tap_done
