#!/usr/bin/env bash
# test_options.sh OMPSCALE DATA: the option syntax of every command (suite
# cli), as TAP.  "--opt=value" means what "--opt value" means, for each
# command and for kernel parameters; the order of run's and once's options
# does not change the result (the preset and the kernels decide the defaults
# before the parameters apply); "--" ends the options; -V and -h are
# --version and --help, and -h or --help anywhere prints the help; options
# are never abbreviated (getopt_long's abbreviations are refused, naming the
# option meant), and a flag given a value is refused.  Each refusal exits 2
# with one "ompscale: ..." line and nothing on stdout.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # absolute: some cases run elsewhere
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

# columns CSV COLUMN...: the CSV's rows as those columns (by header name), tab-separated.
columns() {
    python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    print("\t".join(r[c] for c in sys.argv[2:]))' "$@"
}
# same DESCRIPTION A B: files A and B exist, are not empty, and are equal.
same() {
    if [ -s "$2" ] && cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1"; diff "$2" "$3" | sed 's/^/#   /' | head; fi
}

# ompscale's own options
"$bin" -V >"$tmp/V" 2>&1 && "$bin" --version >"$tmp/version" 2>&1
same "-V prints what --version prints" "$tmp/V" "$tmp/version"
"$bin" -h >"$tmp/h" 2>&1 && "$bin" --help >"$tmp/help" 2>&1
same "-h prints what --help prints" "$tmp/h" "$tmp/help"
expect_ok "--help-all has the help of every command" "^  usage: ompscale import-hyperfine " --help-all
expect_usage "--version takes no value" "--version takes no value" --version=1
expect_usage "--vers is not --version: no abbreviations" "options are not abbreviated: did you mean --version" --vers

# -h and --help: wherever they are, whatever else is there
"$bin" run -h >"$tmp/h" 2>&1 && "$bin" run --help >"$tmp/help" 2>&1
same "run -h prints what run --help prints" "$tmp/h" "$tmp/help"
expect_ok "run --bogus 1 --help prints run's help" "^usage: ompscale run " run --bogus 1 --help
expect_ok "once cubes --threads 0 -h prints once's help" "^usage: ompscale once " once cubes --threads 0 -h
expect_ok "compare --help: the help, though compare needs two files" "^usage: ompscale compare " \
    compare --help

# once: --opt=value and any order
"$bin" once squares --threads 2 --size 1000 --work 3 --schedule dynamic:4 >"$tmp/spaced" 2>&1
"$bin" once squares --threads=2 --size=1000 --work=3 --schedule=dynamic:4 >"$tmp/joined" 2>&1
grep -E '^(kernel|parameters|result|verified) ' "$tmp/spaced" >"$tmp/a"
grep -E '^(kernel|parameters|result|verified) ' "$tmp/joined" >"$tmp/b"
same "once: --threads=2 --size=1000 --work=3 --schedule=dynamic:4 as with spaces" "$tmp/a" "$tmp/b"
what="... which is 2 threads of dynamic:4 at n=1000, work=3"
cond 'grep -q "2 threads asked, 2 obtained, schedule dynamic:4" "$tmp/b" && grep -q "n=1000 work=3 " "$tmp/b"'
expect_ok "once: parameters override the preset wherever it is (5+6+7)" "^result +18$" \
    once rangesum --n=3 --lo=5 --preset=tutorial --threads=2
expect_ok "once: ... and before it (5+6+7)" "^result +18$" \
    once rangesum --preset tutorial --lo 5 --n 3 --threads 2
expect_usage "once: --quiet takes no value" "--quiet takes no value" once squares --quiet=yes
expect_usage "once: --wor is not --work: no abbreviations" "did you mean --work\?" once squares --wor 3
expect_usage "once: --threads= is an empty value" "--threads '': must be a whole number" \
    once squares --threads=

# run: --opt=value, any order, and the --wait-policy children
"$bin" run --kernel squares --quick --threads 1,2 --reps 3 --n 2048 --format csv \
    --out "$tmp/spaced" >/dev/null 2>"$tmp/err"
"$bin" run --n=2048 --format=csv --reps=3 --threads=1,2 --quick --kernel=squares \
    --out="$tmp/joined" >/dev/null 2>"$tmp/err"
columns "$tmp/spaced.csv" kernel variant threads params reps verified >"$tmp/a"
columns "$tmp/joined.csv" kernel variant threads params reps verified >"$tmp/b"
same "run: --opt=value in another order makes the same sweep" "$tmp/a" "$tmp/b"
what="... of squares at 1 and 2 threads, n=2048 over the quick preset, 3 repetitions"
cond '[ "$(cut -f1,3 "$tmp/b" | tr "\t\n" ": ")" = "squares:1 squares:1 squares:2 " ] &&
      grep -q "n=2048" "$tmp/b" && [ "$(cut -f5 "$tmp/b" | sort -u)" = 3 ]'
what="run --wait-policy=passive --out=PREFIX: the child writes PREFIX-passive.csv"
"$bin" run --wait-policy=passive --out="$tmp/w" --kernel=squares --quick --threads=1 --reps=3 \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
cond '[ $rc -eq 0 ] && [ -s "$tmp/w-passive.csv" ] && [ "$(ls "$tmp" | grep -c "^w")" -eq 2 ]'
expect_usage "run: --thr is not --threads: no abbreviations" \
    "run: unknown option '--thr': options are not abbreviated: did you mean --threads\?" run --thr 2
expect_usage "run: --m names every option it could be, kernel parameters too" \
    "did you mean --min-reps, --max-reps, --min-time( or --[a-z-]+|(, --[a-z-]+)+ or --[a-z-]+)\?$" \
    run --m 2
expect_usage "run: --size is itself, not an abbreviation of --sizes" "--n 'x'" \
    run --kernel squares --size x
expect_usage "run: --kernel=rangesum --work=4: not a parameter of the selected kernels" \
    "unknown option '--work': not an option of run nor a parameter of the selected kernels" \
    run --kernel=rangesum --work=4
expect_usage "run: -- ends the options: what follows is no option" \
    "run: unexpected argument '--quick'" run -- --quick

# list and info
expect_usage "list: --names takes no value" "--names takes no value" list --names=yes
expect_usage "list: --plugin=PATH is the plugin PATH" "--plugin $tmp/none.so: " \
    list --plugin="$tmp/none.so"
expect_ok "info: --plan --threads=1,2,P" "^1,2(,[0-9]+)?$" info --plan --threads=1,2,P
expect_usage "info: --pl is not --plan: no abbreviations" "did you mean --plan\?" info --pl

# compare, plot, import-hyperfine: files among the options
a=$data/compare-a.csv b=$data/compare-b.csv
"$bin" compare "$a" "$b" --format csv >"$tmp/spaced" 2>/dev/null
"$bin" compare --format=csv "$a" "$b" >"$tmp/joined" 2>/dev/null
same "compare: --format=csv before the files as --format csv after them" "$tmp/spaced" "$tmp/joined"
"$bin" compare --format=markdown --output="$tmp/c.md" -- "$a" "$b" 2>/dev/null
what="compare: --output=FILE --format=markdown, then -- and the files"
cond 'grep -q "^| " "$tmp/c.md"'
expect_usage "compare: --form is not --format: no abbreviations" "did you mean --format\?" \
    compare "$a" "$b" --form csv
mkdir "$tmp/plots"
"$bin" plot "$data/plot-fixture.csv" --out-dir="$tmp/plots" --stem=eq --format=svg >"$tmp/out" 2>&1
rc=$?
what="plot: --out-dir=DIR --stem=eq --format=svg draws SVGs only, named eq-*"
cond '[ $rc -eq 0 ] && ls "$tmp/plots"/eq-*.svg >/dev/null 2>&1 && ! ls "$tmp/plots" | grep -qv "^eq-.*\.svg$"'
expect_usage "plot: --stem= is an empty stem" "--stem ''" plot "$data/plot-fixture.csv" --stem=
# import-hyperfine reads once's words back with once's parser: --opt=value too
python3 - "$data/hyperfine-squares.json" "$tmp/joined.json" <<'EOF'
import json, re, sys
d = json.load(open(sys.argv[1]))
for r in d["results"]:
    r["command"] = re.sub(r"--(variant|threads|warmup|size) (\S+)", r"--\1=\2", r["command"])
json.dump(d, open(sys.argv[2], "w"))
EOF
"$bin" import-hyperfine "$data/hyperfine-squares.json" --out "$tmp/imported" >/dev/null 2>&1
"$bin" import-hyperfine "$tmp/joined.json" --out="$tmp/imported-eq" >/dev/null 2>&1
columns "$tmp/imported.csv" kernel variant threads params reps median_s >"$tmp/a"
columns "$tmp/imported-eq.csv" kernel variant threads params reps median_s >"$tmp/b"
same "import-hyperfine: once --threads=2 --size=1024 ... read back as with spaces" "$tmp/a" "$tmp/b"
what="... with the commands written with '='"
cond 'grep -q -- "--threads=2 " "$tmp/joined.json" && [ "$(wc -l <"$tmp/b")" -eq 4 ]'
expect_usage "import-hyperfine: --ou is not --out: no abbreviations" "did you mean --out\?" \
    import-hyperfine "$data/hyperfine-squares.json" --ou x

tap_done
exit $((fails > 0))
