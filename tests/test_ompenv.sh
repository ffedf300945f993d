#!/usr/bin/env bash
# test_ompenv.sh OMPSCALE: `ompscale run` under OpenMP environments (suite
# report), as TAP.  A quick sweep of squares at 1, 2 and 4 threads runs with
# every OMP_* and GOMP_* variable removed, then under OMP_NUM_THREADS,
# OMP_THREAD_LIMIT, OMP_DYNAMIC, OMP_PROC_BIND with OMP_PLACES, and a
# one-CPU affinity mask (taskset -c 0).  Each is read back from the CSV and
# JSON (check_results.py and a few lines of python): every row verified, the
# threads obtained what the setting allows, efficiency over them, the context
# recording the setting; and stderr has one line naming the variable and its
# value where the setting changes the sweep, none where it does not.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

# Every OMP_* and GOMP_* variable of the caller's environment removed.
clean=(env)
for v in $(env | grep -oE '^G?OMP_[A-Za-z0-9_]*'); do clean+=(-u "$v"); done

# sweep NAME [VAR=VALUE ... | taskset ...] -- [RUN OPTIONS]: a quick sweep into $tmp/NAME.*,
# the table in $tmp/NAME.out, stderr in $tmp/NAME.err, exit status in $rc.
sweep() {
    local name=$1
    shift
    local pre=()
    while [ "$1" != -- ]; do pre+=("$1"); shift; done
    shift
    "${clean[@]}" "${pre[@]}" "$bin" run --quick --kernel squares --reps 3 --min-time 0 \
        --out "$tmp/$name" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    rc=$?
    cp "$tmp/$name.out" "$tmp/out"
    cp "$tmp/$name.err" "$tmp/err"
}

# results NAME [check_results.py options]: the schema, every row verified, threads obtained.
results() {
    local name=$1
    shift
    what="$name: exits 0, CSV and JSON verified, threads obtained as the setting allows"
    if [ "$rc" -eq 0 ]; then
        check python3 "$here/check_results.py" --ompscale "$bin" "$tmp/$name.csv" "$tmp/$name.json" --kernels squares "$@"
    else
        not_ok "$what (exit $rc)"
    fi
}

# json NAME DESCRIPTION EXPR: EXPR holds of the JSON document j (c: its context).
json() {
    what="$1: $2"
    check python3 -c "import json,sys
j = json.load(open(sys.argv[1])); c = j['context']
sys.exit(0 if ($3) else 1)" "$tmp/$1.json"
}

# lines NAME DESCRIPTION COUNT PATTERN: stderr has COUNT lines matching PATTERN (grep -E).
lines() {
    what="$1: $2"
    local got
    got=$(grep -cE -- "$4" "$tmp/$1.err")
    if [ "$got" -eq "$3" ]; then ok "$what"; else not_ok "$what ($got lines, not $3)"; fi
}

# Any line the environment checks write.
envline='^ompscale: (warning|note): .*(OMP_|GOMP_|affinity mask|fewer threads|bind)'

sweep plain -- --threads 1,2,4
results plain
json plain "no OMP_* or GOMP_* recorded, unbound, no limit" \
    "c['omp_env'] == {} and c['omp_in_force']['bound_cpus'] is None and c['omp_in_force']['thread_limit'] >= 4 and c['omp_in_force']['dynamic'] is False"
lines plain "an ordinary run prints no environment warning or note" 0 "$envline"

sweep nt1 OMP_NUM_THREADS=1 -- --threads 1,2,4
results nt1
json nt1 "the context records OMP_NUM_THREADS=1" "c['omp_env'].get('OMP_NUM_THREADS') == '1'"
lines nt1 "one note says the sweep overrides OMP_NUM_THREADS=1" 1 \
    '^ompscale: note: OMP_NUM_THREADS=1 is overridden: .*\(1 to 4 here'
lines nt1 "and no warning" 0 '^ompscale: warning: .*OMP_'

sweep ntlist OMP_NUM_THREADS=4,2 -- --threads 1,2,4
results ntlist
lines ntlist "a list is overridden too" 1 '^ompscale: note: OMP_NUM_THREADS=4,2 is overridden'

sweep defplan --
sweep ntplan OMP_NUM_THREADS=1 --
json ntplan "the default plan still comes from P, as without OMP_NUM_THREADS" \
    "[r['threads'] for r in j['rows']] == [r['threads'] for r in json.load(open('$tmp/defplan.json'))['rows']] and max(r['threads'] for r in j['rows']) == 2 * c['logical_cpus']"

sweep lim2 OMP_THREAD_LIMIT=2 -- --threads 1,2,4
results lim2 --threads 1,2,4 --thread-limit 2
json lim2 "the 4-thread row obtained 2; efficiency is its speedup / 2" \
    "[(r['threads_obtained'], r['threads_obtained_max']) for r in j['rows'] if r['threads'] == 4] == [(2, 2)] and all(abs(r['efficiency'] * 2 - r['speedup']) < 1e-9 * r['speedup'] for r in j['rows'] if r['threads'] == 4)"
json lim2 "the scaling summary leaves the 4-thread cell out" \
    "all(s['best_threads'] <= 2 and s['flattens_at'] <= 2 and all(k['threads'] <= 2 for k in s['karp_flatt']) for s in j['scaling'])"
json lim2 "the context records the limit" \
    "c['omp_env'].get('OMP_THREAD_LIMIT') == '2' and c['omp_in_force']['thread_limit'] == 2"
lines lim2 "one warning names OMP_THREAD_LIMIT=2 and the 4-thread cells" 1 \
    '^ompscale: warning: OMP_THREAD_LIMIT=2 caps every parallel region at 2 threads: at 4 threads only 2 run'
lines lim2 "no line per cell" 0 'asked for|cells obtained fewer'
what="lim2: the table marks the 4-thread cell '<' and says what the mark means"
check grep -qE "^ +E +[0-9.]+ +[0-9.]+ +[0-9.]+< *$" "$tmp/lim2.out"
what="lim2: the legend of '<'"
check grep -q "^'<': fewer threads obtained than asked" "$tmp/lim2.out"

sweep lim1 OMP_THREAD_LIMIT=1 -- --threads 1,2,4
results lim1 --threads 1,2,4 --obtained 1
lines lim1 "the warning names OMP_THREAD_LIMIT=1 and both cut thread counts" 1 \
    'OMP_THREAD_LIMIT=1 caps every parallel region at 1 thread: at 2, 4 threads only 1 run'
what="lim1: the summary claims no scaling it did not measure"
check grep -q "squares/omp (static): only 1 thread count ran with the threads it asked for, so no scaling is measured\." "$tmp/lim1.out"

sweep dyn OMP_DYNAMIC=true -- --threads 1,2,4
results dyn --threads 1,2,4 --dynamic
json dyn "the context records dynamic adjustment in force" \
    "c['omp_env'].get('OMP_DYNAMIC') == 'true' and c['omp_in_force']['dynamic'] is True"
lines dyn "one warning names OMP_DYNAMIC=true" 1 \
    '^ompscale: warning: OMP_DYNAMIC=true lets the runtime give a parallel region fewer threads'
json dyn "the summary's best thread count is a cell that obtained all its threads" \
    "all(s['best_threads'] in [r['threads'] for r in j['rows'] if r['variant'] != 'serial' and r['threads_obtained'] == r['threads']] for s in j['scaling'])"

if [ "$(nproc)" -ge 2 ]; then
    sweep bind OMP_PROC_BIND=true 'OMP_PLACES={0}' -- --threads 1,2,4
    results bind --threads 1,2,4
    json bind "the context records the binding: place {0}, 1 CPU" \
        "c['omp_in_force']['proc_bind'] == 'true' and c['omp_in_force']['places'] == '{0}' and c['omp_in_force']['place_cpus'] == 1 and c['omp_in_force']['bound_cpus'] == 1 and c['omp_env'].get('OMP_PLACES') == '{0}'"
    lines bind "one warning names both variables and the sharing thread counts" 1 \
        '^ompscale: warning: OMP_PROC_BIND=true OMP_PLACES=\{0\} bind each team of threads to 1 of the [0-9]+ CPUs .*: at 2, 4 threads, several threads share one CPU'
    lines bind "the run's header names the binding" 1 'threads bound to 1 CPU \(proc_bind true, places \{0\}\)'

    sweep primary OMP_PROC_BIND=primary OMP_PLACES=threads -- --threads 1,2,4
    results primary --threads 1,2,4
    json primary "proc_bind primary binds the team to the primary thread's one place" \
        "c['omp_in_force']['proc_bind'] == 'primary' and c['omp_in_force']['bound_cpus'] == 1 and c['omp_in_force']['place_cpus'] == c['logical_cpus']"
    lines primary "one warning names both variables" 1 \
        '^ompscale: warning: OMP_PROC_BIND=primary OMP_PLACES=threads bind each team .*at 2, 4 threads'

    sweep mask taskset -c 0 --
    results mask --threads 1,2
    json mask "P and the physical cores follow the mask: 1 and 1, of the machine's CPUs" \
        "c['logical_cpus'] == 1 and c['physical_cores'] == 1 and c['machine_pus'] >= 1 and all(r['logical_cpus'] == 1 and r['physical_cores'] == 1 for r in j['rows'])"
    lines mask "one warning says the mask allows 1 of the machine's CPUs" 1 \
        "^ompscale: warning: the CPU affinity mask allows 1 of the machine's $(python3 -c "import json; print(json.load(open('$tmp/mask.json'))['context']['machine_pus'])") CPUs"
else
    for t in bind primary mask; do
        echo "ok $((n += 1)) - $t # SKIP one CPU: no binding or mask can leave fewer"
    done
fi

sweep spread OMP_PROC_BIND=spread OMP_PLACES=threads -- --threads 1,2,4
results spread --threads 1,2,4
json spread "the context records spread over one place per CPU" \
    "c['omp_in_force']['proc_bind'] == 'spread' and c['omp_in_force']['num_places'] == c['logical_cpus'] and c['omp_in_force']['bound_cpus'] == c['logical_cpus']"
lines spread "a binding that shares no CPU gets no warning" 0 "$envline"

what="once under OMP_THREAD_LIMIT=1 warns before the run, and reports 1 obtained"
"${clean[@]}" OMP_THREAD_LIMIT=1 "$bin" once squares --preset quick --threads 2 >"$tmp/out" 2>"$tmp/err"
check grep -q "2 threads asked, 1 obtained" "$tmp/out"
what="once: one warning names OMP_THREAD_LIMIT=1"
check test "$(grep -c "^ompscale: warning: OMP_THREAD_LIMIT=1 caps" "$tmp/err")" -eq 1

tap_done
