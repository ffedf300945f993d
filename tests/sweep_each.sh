#!/usr/bin/env bash
# sweep_each.sh OMPSCALE OUTDIR JOBS [RUN OPTIONS...]: a quick verified sweep of
# every kernel the registry has (`ompscale list --names`: no other list of
# kernels exists), one `ompscale run --quick --kernel K` each, as TAP: one
# result per kernel, with the tail of its output when it fails.  JOBS sweeps
# run at once (1 for the benchmark targets, whose times are the point, and
# whose tables then go into meson's log as TAP comments).
# $OMPSCALE_WRAPPER, when set, goes before each sweep's command: the
# valgrind test setup sets it, so that valgrind wraps ompscale, not bash.
set -u
bin=$1
out=$2
jobs=$3
shift 3
mkdir -p "$out" || exit 1
names=$("$bin" list --names) || { echo "Bail out! ompscale list --names failed"; exit 1; }
[ -n "$names" ] || { echo "Bail out! the registry lists no kernel"; exit 1; }
read -r -a wrapper <<<"${OMPSCALE_WRAPPER-}"

# sweep K: K's sweep, its output in OUTDIR/sweep-K.log and its exit status in OUTDIR/sweep-K.rc.
sweep() {
    local k=$1
    shift
    "${wrapper[@]}" "$bin" run --quick --kernel "$k" --force --out "$out/sweep-$k" "$@" \
        >"$out/sweep-$k.log" 2>&1
    echo $? >"$out/sweep-$k.rc"
}

n=0 fails=0 running=0
opts=("$@")
for k in $names; do
    rm -f "$out/sweep-$k.rc"
    sweep "$k" "${opts[@]}" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait
for k in $names; do
    n=$((n + 1))
    rc=$(cat "$out/sweep-$k.rc" 2>/dev/null || echo missing)
    if [ "$rc" = 0 ]; then
        echo "ok $n - $k: quick sweep, every repetition verified"
        [ "$jobs" -eq 1 ] && sed 's/^/# /' "$out/sweep-$k.log" # a benchmark: its table in the log
    else
        fails=$((fails + 1))
        echo "not ok $n - $k: quick sweep exited $rc"
        tail -30 "$out/sweep-$k.log" | sed 's/^/# /'
    fi
done
echo "1..$n"
[ "$fails" -eq 0 ]
