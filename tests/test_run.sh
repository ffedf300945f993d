#!/usr/bin/env bash
# test_run.sh OMPSCALE: `ompscale run` end to end (suite report), as TAP.
# A quick sweep's CSV and JSON are read back and checked against the schema
# and against each other; thread lists, OMP_THREAD_LIMIT and every bad
# command line (exit 2, one message, no file written) are tried.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

what="quick sweep of two kernels exits 0"
"$bin" run --quick --kernel rangesum,squares --threads 1-3 --out "$tmp/q" >"$tmp/table" 2>"$tmp/err" &&
    ok "$what" || not_ok "$what"
what="CSV and JSON read back against the schema"
check python3 "$here/check_results.py" --ompscale "$bin" "$tmp/q.csv" "$tmp/q.json" --threads 1,2,3 \
    --kernels rangesum,squares
what="no temporary file left"
check test -z "$(ls "$tmp" | grep -E 'tmp-')"
unwrap "$tmp/table"
what="the table has each kernel's heading with its parameters, and a sentence per series"
check test "$(grep -cE '^(rangesum|squares)  [a-z]+=' "$tmp/table")" -eq 3 # rangesum: 2 configs
check test "$(grep -cE '^  (rangesum/omp|rangesum/omp-atomic|squares/omp) \(static\): ' "$tmp/table")" -eq 5

what="--format csv on stdout is the same CSV"
"$bin" run --quick --kernel quadrature --threads 1,P --format csv --out "$tmp/f" >"$tmp/stdout.csv" 2>"$tmp/err"
check cmp "$tmp/stdout.csv" "$tmp/f.csv"
what="--format json on stdout parses, unequal-work kernel swept over three schedules"
"$bin" run --quick --kernel montecarlo --threads 2 --format json --out "$tmp/m" >"$tmp/m.out" 2>"$tmp/err"
check python3 "$here/check_results.py" --ompscale "$bin" "$tmp/m.csv" "$tmp/m.out" --threads 2 --kernels montecarlo \
    --schedules static,dynamic,guided

what="OMP_THREAD_LIMIT=1: rows record 1 thread obtained, and a warning says so"
OMP_THREAD_LIMIT=1 "$bin" run --quick --kernel squares --threads 2 --out "$tmp/lim" >/dev/null 2>"$tmp/err"
check python3 "$here/check_results.py" --ompscale "$bin" "$tmp/lim.csv" "$tmp/lim.json" --threads 2 --kernels squares \
    --obtained 1
what="the thread-limit warning names the limit and the thread count it cuts"
check grep -q "OMP_THREAD_LIMIT=1 caps every parallel region at 1 thread: at 2 threads only 1 run" "$tmp/err"

# Bad command lines: exit 2, exactly one line on stderr, nothing written.
bad() {
    local what=$1 pattern=$2
    shift 2
    mkdir -p "$tmp/bad"
    "$bin" run "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
        grep -qE -- "^ompscale: .*$pattern" "$tmp/err" && [ -z "$(ls -A "$tmp/bad")" ]; then
        ok "bad: $what"
    else
        not_ok "bad: $what (exit $rc)"
    fi
    rm -rf "$tmp/bad"
}
o=(--out "$tmp/bad/r")
bad "unknown kernel" "unknown kernel 'cubes'" --kernel cubes "${o[@]}"
bad "empty kernel list" "--kernel" --kernel , "${o[@]}"
bad "unknown variant" "--variant 'gpu'" --variant gpu "${o[@]}"
bad "unknown schedule" "unknown schedule 'auto'" --schedule static,auto "${o[@]}"
bad "threads 0" "--threads '0'" --threads 0 "${o[@]}"
bad "threads negative" "--threads '-2'" --threads -2 "${o[@]}"
bad "threads not a number" "--threads 'x'" --threads x "${o[@]}"
bad "threads above the cap" "--threads '1-99999'" --threads 1-99999 "${o[@]}"
bad "threads backwards range" "--threads '4-2'" --threads 4-2 "${o[@]}"
bad "threads trailing comma" "--threads '1,'" --threads 1, "${o[@]}"
bad "size zero" "--n '0'" --kernel squares --size 0 "${o[@]}"
bad "size negative" "--n '-5'" --kernel squares --size -5 "${o[@]}"
bad "size not a number" "--n 'big'" --kernel squares --size big "${o[@]}"
bad "size needs more memory than the machine has" "more than half" --kernel squares --size 2^40 "${o[@]}"
bad "reps zero" "--reps '0'" --reps 0 "${o[@]}"
bad "min-time negative" "--min-time '-1'" --min-time -1 "${o[@]}"
bad "max below min reps" "below --min-reps" --min-reps 9 --max-reps 3 "${o[@]}"
bad "order unknown" "--order 'random'" --order random "${o[@]}"
bad "format unknown" "--format 'xml'" --format xml "${o[@]}"
bad "unknown option" "unknown option '--colour'" --colour red "${o[@]}"
bad "option missing its value" "--threads needs a value" "${o[@]}" --threads
bad "unknown preset" "--preset 'huge'" --preset huge "${o[@]}"
bad "parameter of no selected kernel" "unknown option '--work'" --kernel rangesum --work 3 "${o[@]}"
bad "bad parameter value" "--work '-1'" --kernel squares --work -1 "${o[@]}"
bad "unwritable output directory" "cannot write in" --kernel squares --quick --out "$tmp/nodir/x"
bad "stray argument" "unexpected argument" squares "${o[@]}"

# The table read in ten seconds: a median-time row per series (with its unit), the summary
# across kernels (one line per series), and no line of a file over 99 columns.
"$bin" run --quick --kernel squares,rangesum --threads 1-3 --out "$tmp/read" --force \
    >"$tmp/read.txt" 2>/dev/null
what="every series has a median-time row with its unit"
check test "$(grep -cE '^  omp[^ ]* static +median (s|ms|us) ' "$tmp/read.txt")" -eq 5
what="the summary names every series once (squares omp, rangesum omp and omp-atomic x 2 configs)"
check test "$(sed -n '/^Summary: /,/^$/p' "$tmp/read.txt" | grep -cE '^  (squares|rangesum)/')" -eq 5
what="each rangesum series is named by the parameter that tells its configuration apart, squares by none"
check test "$(sed -n '/^Summary: /,/^$/p' "$tmp/read.txt" | grep -cE '^  rangesum/omp(-atomic)? static \(mode=(int|array)\) ')" -eq 4
check grep -qE '^  squares/omp static  ' "$tmp/read.txt"
what="written to a file, no line is over 99 columns (prose wraps, continued 4 deeper)"
check test "$(awk 'length > 99' "$tmp/read.txt" | wc -l)" -eq 0
what="and the legend says what '~' marks"
check grep -q "'~' a noisy cell" "$tmp/read.txt"

# Configurations below their minimum size (a parallel region would cost over 1% of the work):
# one warning line for all of them, naming each, not one a configuration.  Size 64 (and 64
# constructs) puts every one far below its minimum, however fast or slow the build.
"$bin" run --quick --kernel overhead-parallel,squares,rangesum --threads 1,2 --size 64 \
    --out "$tmp/small" --force >/dev/null 2>"$tmp/err"
what="one warning line names every configuration below its minimum size"
check test "$(grep -c 'below the size where a parallel region' "$tmp/err")" -eq 1
check grep -qE '^ompscale: warning: 3 configurations are below the size .*: squares n = 64 \(from [0-9]+\), rangesum n = 64 \(from [0-9]+\), rangesum n = 64 ' "$tmp/err"

# The progress line on a terminal (script(1) gives the run one): a bar, repetitions done of those
# planned (the plan: 2 configurations x 3 cells x 4 repetitions = 24), elapsed time and an
# estimate of the time left; cleared before each configuration's line.  Not on a log.
script -qec "$bin run --kernel squares --sleep-us 1000 --sizes 50,100 --threads 1,2 --reps 4 \
    --out $tmp/tty --force >/dev/null" "$tmp/typescript" >/dev/null 2>&1
tr '\r' '\n' <"$tmp/typescript" | sed 's/\x1b\[K//g' >"$tmp/ttylines"
what="the progress bar on a terminal: repetitions of ~24 planned, elapsed, time left"
check grep -qE '^\[[#.]{24}\] +[0-9]+% [0-9]+ of ~?24 repetitions, squares \([12] of 2\), [0-9]+ s elapsed, about [0-9]+ s left' "$tmp/ttylines"
what="the bar reaches the second configuration and the last repetitions"
check grep -qE '^\[[#.]{24}\] +[0-9]+% 2[0-3] of ~?24 repetitions, squares \(2 of 2\)' "$tmp/ttylines"
"$bin" run --kernel squares --sleep-us 1000 --sizes 50,100 --threads 1,2 --reps 4 \
    --out "$tmp/log" --force >/dev/null 2>"$tmp/err"
what="no bar and no carriage return when stderr is a file (a short run: no plain progress line)"
check bash -c '! grep -q "repetitions" "$1" && ! grep -q $'"'"'\r'"'"' "$1"' _ "$tmp/err"

tap_done
exit $((fails > 0))
