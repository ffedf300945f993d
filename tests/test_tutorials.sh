#!/usr/bin/env bash
# test_tutorials.sh OMPSCALE ROOT: the tutorials' Python programs (ROOT/tutorials, run by
# $PYTHON, default /usr/bin/python3: Debian's, with python3-numpy and python3-scipy) and
# scripts/versus-python (suite report), as TAP.  Each program, at small sizes, sequential and
# with 2 workers, must check its answer and exit 0, and exit 1 when given a wrong reference
# (--reference), so that a program that computed a wrong answer fails; bad usage exits 2.
# scripts/versus-python --quick must time both sides, import them (Python rows verified
# foreign, ompscale's true) and print one table row per job and worker count.  No timing is
# asserted.  Without numpy and scipy every test fails, saying what to install: none is skipped.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$2
python=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

what="$python imports numpy and scipy (scripts/setup installs python3-numpy python3-scipy)"
check "$python" -c 'import numpy, scipy'

# program JOB EXPECTED_STATUS PATTERN ARGS...: tutorials/JOB.py ARGS exits EXPECTED_STATUS and
# its output matches PATTERN.
program() {
    local job=$1 status=$2 pattern=$3
    shift 3
    what="$job.py $*: exit $status, '$pattern'"
    "$python" "$root/tutorials/$job.py" "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    if [ $rc -eq "$status" ] && grep -qE -- "$pattern" "$tmp/out" "$tmp/err"; then
        ok "$what"
    else
        not_ok "$what (exit $rc)"
    fi
}

# Each job at a small size: sequential, 2 workers, and 2 workers against a wrong reference.
program squares 0 "result 14 reference 14 error 0 tolerance 0: verified" --serial --n 4 --sleep-us 1000
program squares 0 "result 55 reference 55 error 0 tolerance 0: verified" --workers 2 --n 6 --sleep-us 1000
program squares 1 "result 55 reference 56.0 .*WRONG" --workers 2 --n 6 --sleep-us 1000 --reference 56
program rangesum 0 "result 210.0 reference 210 error 0 tolerance 0: verified" --serial
program rangesum 0 "result 2009000.0 reference 2009000 error 0 .*verified" --workers 2 --lo 5 --n 2000
program rangesum 1 "WRONG" --workers 2 --lo 5 --n 2000 --reference 2008999
program rangesum 2 "below 2\^53" --n 100000000 --lo 100000000
program montecarlo 0 "reference 0.7853981633974483 .*verified" --serial --samples 300
program montecarlo 0 "reference 0.7853981633974483 .*verified" --workers 2 --samples 300
program montecarlo 0 "reference 0.5279172811653224 .*verified" --workers 2 --samples 300 --f sin_x2
program montecarlo 0 "reference 0.8820813907624216 .*verified" --workers 2 --samples 300 --f exp_mx2
program montecarlo 1 "reference 0.82 error 0.0386 tolerance 0.0131: WRONG" --workers 2 --samples 300 --reference 0.82
program quadrature 0 "reference 0.52791728116532.* verified" --serial
program quadrature 0 "reference 0.63981600617583.* verified" --workers 2 --a 0 --b 20 --k 40 --epsabs 1.49e-8 --epsrel 1.49e-8
program quadrature 1 "WRONG" --workers 2 --a 0 --b 20 --k 40 --epsabs 1.49e-8 --epsrel 1.49e-8 --reference 0.6398
program quadrature 2 "give a < b" --a 5 --b 0
program squares 2 "--workers 0: give a whole number from 1" --workers 0

OMPSCALE=$bin "$root/scripts/versus-python" --quick --runs 2 --warmup 0 --out-dir "$tmp/v" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
what="versus-python --quick: exit 0, a table row per job, serial and 1, 2 workers"
cond '[ $rc -eq 0 ] && [ "$(grep -cE "^\| (squares|rangesum|montecarlo|quadrature) \| (serial|1|2) \| [0-9.e-]+ s \[" "$tmp/out")" -eq 12 ] && cmp -s "$tmp/out" "$tmp/v/versus-python.txt"'
what="versus-python --quick: the Python rows verified foreign, ompscale's true, both whole-process"
check python3 - "$tmp/v" <<'EOF'
import csv, sys
for job in ("squares", "rangesum", "montecarlo", "quadrature"):
    for side, verdict in (("python", "foreign"), ("ompscale", "true")):
        rows = list(csv.DictReader(open(f"{sys.argv[1]}/{job}-{side}.csv")))
        assert [r["threads"] for r in rows] == ["1", "1", "2"], (job, side, rows)
        assert {r["verified"] for r in rows} == {verdict}, (job, side, rows)
        assert {r["kernel"] for r in rows} == {job}, (job, side, rows)
        assert rows[0]["variant"] == "serial" and rows[1]["variant"] != "serial", (job, side)
EOF
what="versus-python --quick: compare set Python (the baseline) and ompscale side by side"
cond 'grep -q "time ratio at best" "$tmp/v/montecarlo-compare.txt" && grep -q "montecarlo-ompscale.csv" "$tmp/v/montecarlo-compare.txt"'
OMPSCALE=$bin "$root/scripts/versus-python" --jobs squares,cubes --out-dir "$tmp/bad" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="versus-python --jobs with an unknown job: exit 2 naming the valid ones, nothing written"
cond '[ $rc -eq 2 ] && grep -q "valid: squares, rangesum, montecarlo, quadrature" "$tmp/err" && [ ! -e "$tmp/bad" ]'
PYTHON=$tmp/nothing OMPSCALE=$bin "$root/scripts/versus-python" --out-dir "$tmp/bad" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="versus-python without a Python that has numpy and scipy: exit 2 saying what to install"
cond '[ $rc -eq 2 ] && grep -q "python3-numpy and python3-scipy" "$tmp/err" && [ ! -e "$tmp/bad" ]'

tap_done
