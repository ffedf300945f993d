#!/usr/bin/env bash
# test_robust.sh OMPSCALE DATA_DIR: nothing lost, nothing hanging (suite report), as TAP.
# Ordinary ways of using ompscale that once lost finished results, mixed a
# CSV with another run's JSON, replaced an input, or hung: runs started in
# the same second, a run interrupted before its first cell over an earlier
# result, two runs of one --out at once, import-hyperfine over its own
# input, a plot with its standard streams closed, a gnuplot that never
# returns, signals while plotting, SIGHUP to a --wait-policy parent,
# --timeout, a montecarlo recomputation too long to run, an OpenMP runtime
# that cannot create a thread; and the smaller ones: messages stay one line,
# a hostile host name is escaped, files follow the umask, a too-long --out
# and conflicting repetition options are refused before any measuring.
set -u
set -m # job control: background runs keep SIGINT
bin=$(realpath "$1") # the test changes directory
data=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"
# no_leftovers DIR: no temporary or lock file under DIR.
no_leftovers() { [ -z "$(find "$1" -name '*.tmp-*' -o -name '*.lock')" ]; }
# quick: the smallest verified sweep.
quick=(run --quick --kernel squares --threads 1,2 --reps 3)
# slow PREFIX [more]: a latency-bound sweep (each element sleeps 2 ms), about 4 s per cell.
slow() {
    local prefix=$1
    shift
    "$bin" run --kernel squares --sleep-us 2000 --size 400 --threads 1-4 --reps 5 \
        --out "$prefix" "$@" >"$tmp/out" 2>"$tmp/err" &
    pid=$!
}
# gone PATTERN: no process whose command line matches PATTERN is left.
gone() { command -v pgrep >/dev/null && ! pgrep -f -- "$1" >/dev/null; }

# 1. Runs in the same second (a default name each) keep every result.
mkdir "$tmp/same" && cd "$tmp/same" || exit 1
for k in squares rangesum quadrature; do
    "$bin" run --quick --kernel "$k" --threads 1,2 --reps 3 >/dev/null 2>>"$tmp/err"
done
"$bin" run --quick --kernel squares --threads 1 --reps 3 >/dev/null 2>>"$tmp/err" &
p1=$!
"$bin" run --quick --kernel rangesum --threads 1 --reps 3 >/dev/null 2>>"$tmp/err" &
p2=$!
wait $p1 $p2
what="default names: five runs, three in a row and two at once, leave five pairs"
cond '[ "$(ls results/*.csv | wc -l)" -eq 5 ] && [ "$(ls results/*.json | wc -l)" -eq 5 ]'
what="default names: each kernel of the runs in a row is in a file of its own"
cond '[ "$(for k in squares rangesum quadrature; do grep -q ",$k," results/*.csv && echo "$k"; done | wc -l)" -eq 3 ]'
what="default names: each CSV holds one run's kernel only"
cond '[ "$(for f in results/*.csv; do tail -n +2 "$f" | cut -d, -f5 | sort -u | wc -l; done | sort -u)" = 1 ]'
what="default names: no lock or temporary file left"
cond 'no_leftovers results'
cd "$tmp" || exit 1

# 2. An existing result is not replaced without --force; an interrupt before the first cell
# finishes writes nothing.
"$bin" "${quick[@]}" --out "$tmp/r" >/dev/null 2>&1
cp "$tmp/r.csv" "$tmp/r.csv.before" && cp "$tmp/r.json" "$tmp/r.json.before"
"$bin" "${quick[@]}" --out "$tmp/r" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="an existing --out without --force: exit 2, says --force, files unchanged"
cond '[ $rc -eq 2 ] && grep -q "r.csv exists (an earlier result): give --force" "$tmp/err" &&
    cmp -s "$tmp/r.csv" "$tmp/r.csv.before" && cmp -s "$tmp/r.json" "$tmp/r.json.before"'
slow "$tmp/r" --force
sleep 1.5
kill -INT "$pid"
finish
what="interrupted before any cell finished: exit 130, says nothing was written"
cond '[ $rc -eq 130 ] && grep -q "before any cell finished: nothing written" "$tmp/err"'
what="interrupted before any cell finished: the earlier CSV and JSON are untouched"
cond 'cmp -s "$tmp/r.csv" "$tmp/r.csv.before" && cmp -s "$tmp/r.json" "$tmp/r.json.before"'
what="interrupted before any cell finished: no lock or temporary file left"
cond 'no_leftovers "$tmp"'

# 3. Two runs of one --out at once: the second is refused; the pair is one run's.
slow "$tmp/c" --reps 1 --warmup 0 --size 40 --order sequential
first=$pid
for _ in $(seq 100); do [ -e "$tmp/c.lock" ] && break; sleep 0.05; done
"$bin" "${quick[@]}" --out "$tmp/c" --force >"$tmp/out2" 2>"$tmp/err2"
rc2=$?
pid=$first
finish
what="a second run of the same --out: exit 2, names the other run's pid"
cond '[ $rc2 -eq 2 ] && grep -q "another ompscale (pid $first) is writing .*c.csv and .json" "$tmp/err2"'
what="the first run finishes: CSV and JSON are its own (same medians, sleep-us 2000 rows)"
cond '[ $rc -eq 0 ] && python3 - "$tmp/c" <<EOF
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1] + ".csv")))
doc = json.load(open(sys.argv[1] + ".json"))
assert len(rows) == len(doc["rows"]) == 5, (len(rows), len(doc["rows"]))
for r, j in zip(rows, doc["rows"]):
    assert "sleep-us=2000" in r["params"], r["params"]
    assert abs(float(r["median_s"]) - j["median_s"]) <= 1e-8 * j["median_s"], (r["median_s"], j["median_s"])
EOF'
what="two runs of one --out: no lock left"
cond '[ ! -e "$tmp/c.lock" ]'

# 4. import-hyperfine never replaces its own input, by any name.
cp "$data/hyperfine-squares.json" "$tmp/X.json"
ln -s "$tmp/X.json" "$tmp/Y.json"
"$bin" import-hyperfine "$tmp/X.json" --out "$tmp/X" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="import-hyperfine X.json --out X: exit 2, the input unchanged"
cond '[ $rc -eq 2 ] && grep -q "X.json is an input of this command" "$tmp/err" &&
    cmp -s "$tmp/X.json" "$data/hyperfine-squares.json" && [ ! -e "$tmp/X.csv" ]'
"$bin" import-hyperfine "$tmp/Y.json" --out "$tmp/X" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="import-hyperfine through a symbolic link to the output: refused too"
cond '[ $rc -eq 2 ] && cmp -s "$tmp/X.json" "$data/hyperfine-squares.json"'
mkdir "$tmp/pl" && cp "$data/plot-fixture.csv" "$tmp/pl/in.csv"
ln "$tmp/pl/in.csv" "$tmp/pl/p-squares.svg"
"$bin" plot "$tmp/pl/in.csv" --stem p --format svg >"$tmp/out" 2>"$tmp/err"
rc=$?
what="plot never replaces an input (a CSV also named as one of its plots): exit 2, input kept"
cond '[ $rc -eq 2 ] && grep -q "would replace .*in.csv, an input" "$tmp/err" &&
    cmp -s "$tmp/pl/in.csv" "$data/plot-fixture.csv" && no_leftovers "$tmp/pl"'

# 6. A plot with standard output and error closed finishes and writes its files.
mkdir "$tmp/closed" && cp "$data/plot-fixture.csv" "$tmp/closed/B.csv"
timeout 60 "$bin" plot "$tmp/closed/B.csv" --format svg >&- 2>&-
rc=$?
what="plot with stdout and stderr closed: exit 0 (not a hang), the SVGs written, no temporary"
cond '[ $rc -eq 0 ] && [ -s "$tmp/closed/B-squares.svg" ] && no_leftovers "$tmp/closed"'

# 7. Helper processes are bounded and stopped: a gnuplot that never returns.
mkdir -p "$tmp/fakebin" "$tmp/hang"
nap=$((400000 + $$)) # this test's own: no other test's process matches "sleep $nap"
printf '#!/bin/sh\nexec sleep %s\n' "$nap" >"$tmp/fakebin/gnuplot"
chmod +x "$tmp/fakebin/gnuplot"
cp "$data/plot-fixture.csv" "$tmp/hang/B.csv"
start=$SECONDS
PATH=$tmp/fakebin:$PATH OMPSCALE_GNUPLOT_TIMEOUT=1 timeout 60 "$bin" plot "$tmp/hang/B.csv" \
    --format svg >"$tmp/out" 2>"$tmp/err"
rc=$?
what="a gnuplot that never returns: stopped after OMPSCALE_GNUPLOT_TIMEOUT, exit 1, says so"
cond '[ $rc -eq 1 ] && [ $((SECONDS - start)) -lt 30 ] && grep -q "did not finish within 1 s and was stopped" "$tmp/err"'
what="a gnuplot that never returns: no plot, no temporary, no gnuplot left running"
cond '[ -z "$(ls "$tmp/hang" | grep -v "^B.csv$")" ] && gone "sleep $nap"'
PATH=$tmp/fakebin:$PATH "$bin" plot "$tmp/hang/B.csv" --format svg >"$tmp/out" 2>"$tmp/err" &
pid=$!
# while gnuplot runs: once it is there (a fixed pause loses the race on a busy machine)
for _ in $(seq 200); do pgrep -f "sleep $nap" >/dev/null && break; sleep 0.05; done
kill -INT "$pid"
finish
what="SIGINT to plot while gnuplot runs: exit 130 at once, gnuplot stopped, no temporary"
cond '[ $rc -eq 130 ] && gone "sleep $nap" && [ -z "$(ls "$tmp/hang" | grep -v "^B.csv$")" ]'
mkdir "$tmp/rp"
PATH=$tmp/fakebin:$PATH "$bin" "${quick[@]}" --plot --out "$tmp/rp/r" >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 200); do pgrep -f "sleep $nap" >/dev/null && break; sleep 0.05; done
kill -INT "$pid"
finish
what="SIGINT to run --plot while plotting: exit 130 at once, says the results are complete"
cond '[ $rc -eq 130 ] && grep -q "interrupted while plotting: .*r.csv and .json are complete" "$tmp/err"'
what="SIGINT to run --plot while plotting: CSV and JSON whole, no plot, temporary or gnuplot left"
cond 'python3 -c "import json,sys; assert json.load(open(sys.argv[1]))[\"complete\"] is True" "$tmp/rp/r.json" &&
    [ "$(ls "$tmp/rp")" = "$(printf "r.csv\nr.json")" ] && gone "sleep $nap"'

# SIGHUP (a closed terminal) to a --wait-policy parent: the child stops too, nothing runs on.
p=$tmp/wp
"$bin" run --wait-policy active,passive --kernel squares --sleep-us 2000 --sizes 4,400 \
    --threads 1-4 --reps 5 --order sequential --out "$p" >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 300); do [ -e "$p-active.json" ] && break; sleep 0.05; done
sleep 0.5
kill -HUP "$pid"
finish
sleep 0.5
what="SIGHUP to a --wait-policy parent: exit 129, the child stopped (no process left)"
cond '[ $rc -eq 129 ] && gone "$p-active" && grep -q "interrupted by SIGHUP during OMP_WAIT_POLICY=active" "$tmp/err"'
what="SIGHUP to a --wait-policy parent: no passive run, nothing written afterwards, no leftovers"
cond '[ ! -e "$p-passive.csv" ] && no_leftovers "$tmp" && sleep 1 && [ ! -e "$p-passive.csv" ]'

# --timeout: the sweep stops after the cell in progress and keeps what finished.
start=$SECONDS
"$bin" run --kernel squares --sleep-us 2000 --sizes 4,400 --threads 1-4 --reps 5 \
    --order sequential --timeout 1.5 --out "$tmp/to" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="--timeout: exit 124 within the cell in progress, says so"
cond '[ $rc -eq 124 ] && [ $((SECONDS - start)) -lt 30 ] && grep -q "stopped by --timeout 1.5 s: [0-9]* of 10 cells finished" "$tmp/err"'
what="--timeout: the JSON is marked incomplete, its rows all verified"
cond 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"complete\"] is False and 5 <= len(d[\"rows\"]) < 10 and all(r[\"verified\"] == \"true\" for r in d[\"rows\"])" "$tmp/to.json"'
"$bin" run --wait-policy active,passive --kernel squares --sleep-us 2000 --sizes 4,400 \
    --threads 1-4 --reps 5 --order sequential --timeout 1.5 --out "$tmp/wpt" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="--timeout with --wait-policy: bounds the children together (exit 124, no passive run)"
cond '[ $rc -eq 124 ] && [ -e "$tmp/wpt-active.json" ] && [ ! -e "$tmp/wpt-passive.csv" ] && no_leftovers "$tmp"'

# plot's montecarlo recomputation is bounded by what the file's times foresee.
python3 - "$data/plot-fixture.csv" "$tmp/bigmc.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for r in rows:
    if r["kernel"] == "montecarlo":
        r["median_s"] = str(float(r["median_s"]) * 1e6)  # about 1000 s serial
        r["ci95_low_s"] = str(float(r["ci95_low_s"]) * 1e6)
        r["ci95_high_s"] = str(float(r["ci95_high_s"]) * 1e6)
        r["min_s"] = str(float(r["min_s"]) * 1e6)
        r["mean_s"] = str(float(r["mean_s"]) * 1e6)
        r["params"] = r["params"].replace("samples=200", "samples=1000000000")
w = csv.DictWriter(open(sys.argv[2], "w", newline=""), fieldnames=rows[0].keys())
w.writeheader()
w.writerows(rows)
EOF
start=$SECONDS
timeout 60 "$bin" plot "$tmp/bigmc.csv" --format svg >"$tmp/out" 2>"$tmp/err"
rc=$?
what="plot of a montecarlo run that would take ~1000 s to recompute: not run, a note says why"
cond '[ $rc -eq 0 ] && [ $((SECONDS - start)) -lt 30 ] && grep -q "would take about 1[0-9]* s .*over the limit of 60 s (plot --recompute-limit)" "$tmp/err" &&
    [ ! -e "$tmp/bigmc-montecarlo-convergence.svg" ] && [ -s "$tmp/bigmc-squares.svg" ]'

# The OpenMP runtime ends the process when it cannot create a thread (libgomp calls exit):
# run as an unused uid allowed 2 tasks (RLIMIT_NPROC, which root ignores), the 4-thread cell
# cannot get its threads.  (A copy of the binary in a directory that uid may use.)
mkdir -m 777 "$tmp/nproc" && chmod 755 "$tmp" && cp "$bin" "$tmp/nproc/ompscale"
cp "$tmp/r.csv.before" "$tmp/nproc/t.csv" && cp "$tmp/r.json.before" "$tmp/nproc/t.json"
chmod 666 "$tmp/nproc/t.csv" "$tmp/nproc/t.json"
# (LeakSanitizer, in the sanitizer build, needs a task of its own at exit: not here.)
(cd "$tmp/nproc" && ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 exec setpriv --reuid=54321 --regid=54321 --clear-groups bash -c \
    'ulimit -u 2 && exec ./ompscale run --kernel squares --sleep-us 100 --size 8 --threads 1,2,4 \
     --reps 3 --force --out t') >"$tmp/out" 2>"$tmp/err"
rc=$?
what="thread creation fails: exit 1, libgomp's message, then ompscale's saying what was kept"
cond '[ $rc -eq 1 ] && grep -q "^libgomp: Thread creation failed" "$tmp/err" &&
    grep -q "^ompscale: the sweep was ended from inside a kernel .*before any cell was saved: nothing written" "$tmp/err"'
what="thread creation fails: the earlier files untouched, no lock or temporary left"
cond 'cmp -s "$tmp/nproc/t.csv" "$tmp/r.csv.before" && cmp -s "$tmp/nproc/t.json" "$tmp/r.json.before" &&
    no_leftovers "$tmp"'

# Smaller: one line per message, escaped host names, the umask, --out length, repetitions.
"$bin" run --kernel "$(printf 'sq\nuares\033[2J')" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="an argument with a newline and an escape sequence: exit 2, one line, escaped"
cond '[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -qF "unknown kernel '"'"'sq\nuares\e[2J'"'"'" "$tmp/err"'
unshare -u python3 - "$bin" >"$tmp/out" 2>"$tmp/err" <<'EOF'
import socket, subprocess, sys
socket.sethostname("evil\x1b]0;owned\x07\nhost")
print(subprocess.run([sys.argv[1], "info"], capture_output=True, text=True).stdout)
EOF
what="a host name with escape sequences and a newline: info shows it escaped, on one line"
cond 'grep -qF "host:              evil\e]0;owned\x07\nhost" "$tmp/out" && ! grep -q $'"'"'\x1b'"'"' "$tmp/out"'
python3 - "$data/compare-a.csv" "$tmp/evil-a.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for r in rows:
    r["host"] = "evil\x1b[31m\nhost"
w = csv.DictWriter(open(sys.argv[2], "w", newline=""), fieldnames=rows[0].keys())
w.writeheader()
w.writerows(rows)
EOF
"$bin" compare "$tmp/evil-a.csv" "$data/compare-b.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="compare of a file whose host holds escape sequences: shown escaped, none reaches the terminal"
cond '[ $rc -eq 0 ] && grep -qF "evil\e[31m\nhost" "$tmp/out" && ! grep -q $'"'"'\x1b'"'"' "$tmp/out" "$tmp/err"'
(umask 027 && exec "$bin" "${quick[@]}" --out "$tmp/um") >/dev/null 2>&1
what="files follow the umask (027: rw-r-----)"
cond '[ "$(stat -c %a "$tmp/um.csv")" = 640 ] && [ "$(stat -c %a "$tmp/um.json")" = 640 ]'
chmod 600 "$tmp/um.csv"
"$bin" "${quick[@]}" --out "$tmp/um" --force >/dev/null 2>&1
what="a replaced file keeps its own mode (600)"
cond '[ "$(stat -c %a "$tmp/um.csv")" = 600 ]'
long=$tmp/$(printf 'a%.0s' $(seq 230))
start=$SECONDS
"$bin" run --kernel squares --sleep-us 2000 --size 400 --out "$long" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="a too-long --out: refused at once (exit 2) before any measuring, nothing written"
cond '[ $rc -eq 2 ] && [ $((SECONDS - start)) -lt 5 ] && grep -q "prefix is too long" "$tmp/err" && no_leftovers "$tmp"'
"$bin" "${quick[@]}" --min-reps 5 --reps 3 --out "$tmp/x" >"$tmp/out" 2>"$tmp/err"
a=$?
"$bin" "${quick[@]}" --reps 3 --min-reps 5 --out "$tmp/x" >"$tmp/out" 2>"$tmp/err"
b=$?
what="--reps with --min-reps is refused in either order (exit 2 both)"
cond '[ $a -eq 2 ] && [ $b -eq 2 ] && grep -q "fixes the repetitions" "$tmp/err" && [ ! -e "$tmp/x.csv" ]'
"$bin" run --quick --kernel squares --threads 1 --min-reps 7 --out "$tmp/mr" >/dev/null 2>&1
what="--min-reps above --quick's maximum (5) raises the maximum: 7 repetitions"
cond '[ "$(python3 -c "import csv,sys; print({r[\"reps\"] for r in csv.DictReader(open(sys.argv[1]))})" "$tmp/mr.csv")" = "{'"'"'7'"'"'}" ]'

tap_done
