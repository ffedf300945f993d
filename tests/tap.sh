# tap.sh: what the end-to-end TAP tests share (sourced after $tmp is made).
# ok / not_ok number the results; not_ok shows the tail of the last command's
# $tmp/out and $tmp/err; check runs a command as the test named $what and
# shows its output if it fails; tap_done prints the plan and fails if any failed.
# expect_ok and expect_usage run the program under test, "$bin".
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1))
    fails=$((fails + 1))
    echo "not ok $n - $1"
    sed 's/^/# /' "$tmp/out" "$tmp/err" 2>/dev/null | tail -40
}
tap_done() {
    echo "1..$n"
    [ "$fails" -eq 0 ]
}
check() {
    if "$@" >"$tmp/check" 2>&1; then
        ok "$what"
    else
        not_ok "$what"
        sed 's/^/#   /' "$tmp/check"
    fi
}
# finish: waits (up to 60 s) for the background process $pid; its exit status in $rc (137 if
# it had to be killed).
finish() {
    for _ in $(seq 600); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    wait "$pid"
    rc=$?
}
# fake_gnuplot DIR: DIR/gnuplot, a stand-in for gnuplot that writes a complete (empty) SVG
# where the script's first `set output` says and exits 0: for tests of what plot reads, not
# of the drawing (test_plot.sh's).
fake_gnuplot() {
    mkdir -p "$1"
    cat >"$1/gnuplot" <<'FAKE'
#!/bin/sh
out=$(sed -n "s/^set output '\(.*\)'$/\1/p" | head -n 1)
[ -n "$out" ] && printf '<svg xmlns="http://www.w3.org/2000/svg"></svg>\n' >"$out"
exit 0
FAKE
    chmod +x "$1/gnuplot"
}
# run_compare ARGS...: "$bin" compare ARGS into $tmp/out and $tmp/err, its exit status in $rc.
run_compare() {
    "$bin" compare "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}
# cond SHELL-CONDITION: ok "$what" if it holds (a test file may define its own).
cond() { if eval "$1"; then ok "$what"; else not_ok "$what"; fi; }
# expect_ok DESCRIPTION PATTERN ARGS...: "$bin" ARGS exits 0 and its stdout matches PATTERN (grep -E).
expect_ok() {
    local what=$1 pattern=$2
    shift 2
    "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    if [ $rc -eq 0 ] && grep -qE -- "$pattern" "$tmp/out"; then ok "$what"; else not_ok "$what (exit $rc)"; fi
}
# expect_usage DESCRIPTION STDERR_PATTERN ARGS...: "$bin" ARGS exits 2 with one stderr line
# "ompscale: ..." matching, and nothing on stdout; and when $unwritten names a file, it was not
# written.
expect_usage() {
    local what=$1 pattern=$2
    shift 2
    "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
        grep -qE -- "^ompscale: .*$pattern" "$tmp/err" && [ ! -e "${unwritten:-$tmp/out.none}" ]; then
        ok "$what"
    else
        not_ok "$what (exit $rc)"
    fi
}
# unwrap FILE: the table as one line per sentence (a table written to a file wraps its prose
# under 100 columns, continuing 4 spaces deeper: 4 or 6 spaces then text); in place.
unwrap() {
    awk 'NR > 1 && /^(    |      )[^ ]/ { sub(/^ +/, " "); printf "%s", $0; next }
         NR > 1 { print "" } { printf "%s", $0 } END { if (NR) print "" }' "$1" >"$1.unwrapped" &&
        mv "$1.unwrapped" "$1"
}
# stage MESON BUILDDIR: meson install into $tmp/stage (--destdir: nothing outside it is
# touched), its output in $tmp/out and $tmp/err, its exit status in $rc.
stage() {
    "$1" install -C "$2" --no-rebuild --quiet --destdir "$tmp/stage" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}
# staged PATTERN: the first file under $tmp/stage whose path matches PATTERN (find -path).
staged() { find "$tmp/stage" -path "$1" | head -1; }
