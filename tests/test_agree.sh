#!/usr/bin/env bash
# test_agree.sh OMPSCALE DATA: compare and plot accept and refuse the same
# files (suite report), as TAP.  Every result CSV fixture (DATA/*.csv,
# DATA/bad/*.csv, DATA/agree/*.csv) is given to `compare F F` and to `plot F`,
# and some pairs to `compare A B` and `plot A B`: both must exit with the same
# status, 0 or 2, and on 2 print the same one-line message (the reader's).
# DATA/agree holds the files where they once disagreed, each with the status
# expected: a repeated cell and a series of 65 thread counts (compare refused
# them, plot drew them) are refused by both; a file of serial rows only,
# failed cells, unknown physical cores, 49 lines of one kernel, 65 kernels,
# montecarlo parameters this machine refuses, and two files of 80 thread
# counts together (plot or compare refused them) are read by both.  So are
# the result JSON fixtures (DATA/json: a sweep's JSON of schema version 1 and
# 0, a failed cell; and JSONs every reader must refuse).  gnuplot
# is a stand-in that writes a complete SVG: the drawing is test_plot.sh's.
set -u
bin=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

fake_gnuplot "$tmp/fakebin"

# agree EXPECTED DESCRIPTION FILE...: compare FILE... (FILE FILE for one) and plot FILE...
# exit with the same status, EXPECTED unless it is "-", and on 2 say the same.
agree() {
    local expected=$1 what=$2
    shift 2
    local files=("$@")
    [ ${#files[@]} -eq 1 ] && files+=("$1")
    "$bin" compare "${files[@]}" >"$tmp/out" 2>"$tmp/compare.err"
    local rc_compare=$?
    rm -rf "$tmp/plots"
    mkdir "$tmp/plots"
    PATH=$tmp/fakebin:$PATH "$bin" plot "$@" --out-dir "$tmp/plots" --format svg \
        >"$tmp/out" 2>"$tmp/plot.err"
    local rc_plot=$?
    local why=""
    [ $rc_compare -eq $rc_plot ] || why="compare exits $rc_compare, plot $rc_plot;"
    [ "$expected" = - ] || [ $rc_compare -eq "$expected" ] || why="$why expected $expected;"
    case $rc_compare in 0|2) ;; *) why="$why compare exits $rc_compare;" ;; esac
    if [ $rc_compare -eq 2 ] && ! cmp -s "$tmp/compare.err" "$tmp/plot.err"; then
        why="$why the messages differ;"
    fi
    if [ -z "$why" ]; then
        ok "$what"
    else
        not_ok "$what: $why"
        sed 's/^/#   compare: /' "$tmp/compare.err" | head -3
        sed 's/^/#   plot: /' "$tmp/plot.err" | head -3
    fi
}

for f in "$data"/*.csv "$data"/bad/*.csv "$data"/json/*.json; do
    agree - "$(basename "$(dirname "$f")")/$(basename "$f")" "$f"
done
agree 2 "a repeated cell is refused by both" "$data/agree/repeated-cell.csv"
agree 2 "65 thread counts in one series are refused by both" "$data/agree/threads-65.csv"
agree 2 "a row of 0 repetitions marked verified is refused by both" \
    "$data/agree/failed-but-verified.csv"
agree 2 "a row of 0 repetitions with a time is refused by both" "$data/agree/failed-with-a-time.csv"
agree 0 "serial rows only: nothing to draw, something to compare" "$data/agree/serial-only.csv"
agree 0 "failed cells (run's own CSV of a failing quadrature) are read by both" \
    "$data/agree/failed-cells.csv"
agree 0 "unknown physical cores (run's own CSV, hwloc seeing no cores) are read by both" \
    "$data/agree/cores-unknown.csv"
agree 0 "49 lines of one kernel are read by both" "$data/agree/lines-49.csv"
agree 0 "65 kernels are read by both" "$data/agree/kernels-65.csv"
agree 0 "montecarlo parameters this machine refuses are read by both" \
    "$data/agree/montecarlo-params.csv"
agree 0 "two files of 40 thread counts, 80 together, are read by both" \
    "$data/agree/threads-1-40.csv" "$data/agree/threads-41-80.csv"
agree 0 "two machines' files, one with failed cells" "$data/compare-a.csv" \
    "$data/agree/failed-cells.csv"
agree 0 "a result JSON of schema version 1 is read by both" "$data/json/run-v1.json"
agree 0 "a result JSON of schema version 0 (no times) is read by both" "$data/json/v0.json"
agree 0 "a version 0 JSON's times_s (a field of version 1) is ignored by both" \
    "$data/json/v0-with-times.json"
agree 0 "a JSON with a failed cell (times_s []) is read by both" "$data/json/failed-cell.json"
agree 0 "a CSV and a JSON together" "$data/compare-a.csv" "$data/json/run-v1.json"
agree 2 "a JSON of a newer schema version is refused by both" "$data/json/newer-version.json"
agree 2 "a JSON whose times_s is short of reps is refused by both" "$data/json/times-short.json"
agree 2 "a JSON of version 1 without times_s is refused by both" "$data/json/times-missing.json"
agree 2 "a JSON whose threads is a string is refused by both" "$data/json/threads-string.json"
agree 2 "a JSON that repeats a cell is refused by both" "$data/json/repeated-row.json"
agree 0 "two machines' files, one with its cores unknown" "$data/agree/cores-unknown.csv" \
    "$data/compare-b.csv"
agree 2 "a good file and a bad one" "$data/compare-a.csv" "$data/agree/repeated-cell.csv"

tap_done
