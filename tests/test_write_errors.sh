#!/usr/bin/env bash
# test_write_errors.sh OMPSCALE DATA: writes that fail (suite report), as TAP.
# Standard output on /dev/full (every write refused: ENOSPC) for every
# command that prints; files past a file size limit (ulimit -f: writes fail
# with EFBIG, ompscale ignoring SIGXFSZ itself), which stands in for a full
# disk without root; an --output directory that does not exist; and a run's
# --out directory removed while it runs.  Each must say so on stderr, exit
# non-zero, and leave no file cut short under a final name (nor a temporary).
set -u
set -m # job control: the background run keeps its own process group
bin=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"
# cond SHELL-CONDITION: ok "$what" if it holds.
cond() { if eval "$1"; then ok "$what"; else not_ok "$what (exit $rc)"; fi; }
entries() { find "$1" -mindepth 1 | wc -l; }

[ -w /dev/full ] || echo "# /dev/full is missing: the standard-output checks below fail"

# full ARGS...: standard output on /dev/full: exit 1, and the last line on stderr says why.
full() {
    "$bin" "$@" >/dev/full 2>"$tmp/err"
    rc=$?
    what="stdout refused: ompscale $* exits 1 and says so once"
    cond '[ $rc -eq 1 ] && [ "$(tail -n 1 "$tmp/err")" = "ompscale: writing standard output: No space left on device" ] &&
        [ "$(grep -c "standard output" "$tmp/err")" -eq 1 ]'
}
full list
full list --names
full info
full info --json
full --help
full --version
full compare "$data/compare-a.csv" "$data/compare-b.csv"
full compare "$data/compare-a.csv" "$data/compare-b.csv" --format csv
full import-hyperfine "$data/hyperfine-squares.json"
full plot "$data/plot-fixture.csv" --out-dir "$tmp" --format svg
full run --quick --kernel squares --threads 1 --out "$tmp/ran"
what="stdout refused during a run: its files were still written whole"
cond 'python3 -c "import json, sys; assert json.load(open(sys.argv[1]))[\"complete\"] is True" "$tmp/ran.json" &&
    [ "$(wc -l <"$tmp/ran.csv")" -eq 3 ]'
rm -f "$tmp"/ran.* "$tmp"/plot-fixture-*

# An output in a directory that does not exist: bad usage, nothing written.
"$bin" compare "$data/compare-a.csv" "$data/compare-b.csv" --output "$tmp/none/cmp.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="compare --output into a missing directory: exit 2, one message naming it, nothing written"
cond '[ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
    grep -q "^ompscale: --output: cannot write in .*/none" "$tmp/err" && [ ! -e "$tmp/none" ]'

# A symbolic link as --output (say /dev/stdout): rename() would replace the link, so it is refused.
echo keep >"$tmp/target.txt"
ln -s "$tmp/target.txt" "$tmp/link.txt"
"$bin" compare "$data/compare-a.csv" "$data/compare-b.csv" --output "$tmp/link.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="compare --output a symbolic link: exit 2, one message, the link and its target unchanged"
cond '[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "a symbolic link" "$tmp/err" &&
    [ -L "$tmp/link.txt" ] && [ "$(cat "$tmp/target.txt")" = keep ]'
rm -f "$tmp/link.txt" "$tmp/target.txt"

# limited LIMIT DIR ARGS...: makes DIR, runs ompscale ARGS under `ulimit -f LIMIT` (KiB); stderr
# (through a pipe, beyond the limit) in $tmp/err, the exit status in $rc.
limited() {
    local limit=$1 dir=$2
    shift 2
    mkdir -p "$dir"
    (ulimit -f "$limit" && exec "$bin" "$@") 2>&1 >/dev/null | cat >"$tmp/err"
    rc=${PIPESTATUS[0]}
}
d=$tmp/limit-run
limited 0 "$d" run --quick --kernel squares --threads 1 --out "$d/r"
what="file size limit 0, run: exit 1, names the CSV and why, no file left"
cond '[ $rc -eq 1 ] && grep -q "^ompscale: writing $d/r.csv failed: File too large$" "$tmp/err" &&
    [ "$(entries "$d")" -eq 0 ]'
d=$tmp/limit-json
limited 2 "$d" run --quick --kernel squares --threads 1 --out "$d/r"
what="file size limit 2 KiB, run: the CSV fits, the JSON does not: exit 1, names the JSON"
cond '[ $rc -eq 1 ] && grep -q "^ompscale: writing $d/r.json failed: File too large$" "$tmp/err"'
what="file size limit 2 KiB, run: the CSV and JSON are one set: neither is left, nor a temporary"
cond '[ "$(entries "$d")" -eq 0 ]'
# The same over an earlier run's files: they stay, and still match each other.
"$bin" run --quick --kernel squares --threads 1 --out "$d/r" >/dev/null 2>&1
cp "$d/r.csv" "$tmp/before.csv" && cp "$d/r.json" "$tmp/before.json"
limited 2 "$d" run --quick --kernel stream-copy --threads 1,2 --force --out "$d/r"
what="file size limit 2 KiB over an earlier run: exit 1; both earlier files unchanged, no temporary"
cond '[ $rc -eq 1 ] && cmp -s "$d/r.csv" "$tmp/before.csv" && cmp -s "$d/r.json" "$tmp/before.json" &&
    [ "$(entries "$d")" -eq 2 ]'
d=$tmp/limit-compare
limited 0 "$d" compare "$data/compare-a.csv" "$data/compare-b.csv" --output "$d/cmp.txt"
what="file size limit 0, compare --output: exit 1, says why, no file left"
cond '[ $rc -eq 1 ] && grep -q "^ompscale: --output: writing $d/cmp.txt failed: File too large$" "$tmp/err" &&
    [ "$(entries "$d")" -eq 0 ]'
d=$tmp/limit-import
limited 0 "$d" import-hyperfine "$data/hyperfine-squares.json" --out "$d/h"
what="file size limit 0, import-hyperfine --out: exit 1, says why, no file left"
cond '[ $rc -eq 1 ] && grep -q "^ompscale: writing $d/h.csv failed: File too large$" "$tmp/err" &&
    [ "$(entries "$d")" -eq 0 ]'
d=$tmp/limit-plot
limited 4 "$d" plot "$data/plot-fixture.csv" --out-dir "$d"
what="file size limit 4 KiB, plot: gnuplot's cut-short file is caught: exit 1, no plot left"
cond '[ $rc -eq 1 ] && grep -qE "^ompscale: drawing $d/plot-fixture-.*: gnuplot exited 0 but (the file is cut short|wrote nothing)" "$tmp/err" &&
    [ "$(entries "$d")" -eq 0 ]'

# The --out directory removed while the run sleeps through its second configuration.
d=$tmp/gone
mkdir "$d"
"$bin" run --kernel squares --sleep-us 2000 --sizes 4,40 --threads 1-2 --reps 5 --out "$d/r" \
    >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 600); do [ -e "$d/r.json" ] || ! kill -0 $pid 2>/dev/null && break; sleep 0.1; done
rm -rf "$d"
wait $pid
rc=$?
what="--out directory removed mid-run: exit 1, the message names the file and why"
cond '[ $rc -eq 1 ] && grep -q "^ompscale: cannot create a temporary file for $d/r.csv: No such file or directory$" "$tmp/err"'
what="--out directory removed mid-run: it stopped there (no later save, no summary), nothing recreated"
cond '! grep -q "the sweep took" "$tmp/err" && [ ! -s "$tmp/out" ] && [ ! -e "$d" ]'

tap_done
