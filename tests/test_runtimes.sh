#!/usr/bin/env bash
# test_runtimes.sh OMPSCALE SOURCE_ROOT: the two OpenMP runtimes (suite
# report), as TAP.  Builds the program with clang and LLVM's libomp
# (-Dopenmp_runtime=libomp) in a temporary directory, checks that each build
# records the runtime it runs on and that -Dopenmp_runtime refuses a compiler
# that cannot give it, then runs scripts/runtimes on both binaries: two
# verified sweeps whose JSONs name their compiler and runtime, compared.  A
# missing clang or libomp fails the test (scripts/setup --checks installs them).
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

what="clang and libomp are installed (scripts/setup --checks)"
check command -v clang
lomp=$tmp/libomp/ompscale
CC=clang meson setup "$tmp/libomp" "$src" -Dopenmp_runtime=libomp >"$tmp/setup.log" 2>&1 &&
    meson compile -C "$tmp/libomp" ompscale >>"$tmp/setup.log" 2>&1
rc=$?
what="a clang build with -Dopenmp_runtime=libomp configures and compiles"
check test $rc -eq 0
[ $rc -eq 0 ] || sed 's/^/# /' "$tmp/setup.log" | tail -20
what="the gcc build runs on libgomp, the clang build on libomp (ompscale info)"
check test "$("$bin" info | sed -n 's/^openmp runtime: *//p' | cut -c1-10)" = libgomp.so
check test "$("$lomp" info | sed -n 's/^openmp runtime: *//p' | cut -c1-9)" = libomp.so
what="-Dopenmp_runtime=libomp with gcc is refused, saying how to get it"
CC=gcc meson setup "$tmp/wrong" "$src" -Dopenmp_runtime=libomp >"$tmp/wrong.log" 2>&1
rc=$?
check test $rc -ne 0
check grep -q 'openmp_runtime=libomp needs clang: CC=clang meson setup' "$tmp/wrong.log"

out=$tmp/results
OMPSCALE_LIBGOMP=$bin OMPSCALE_LIBOMP=$lomp "$src/scripts/runtimes" --out-dir "$out" --quick \
    --kernel overhead-barrier,squares --threads 1,2 >"$tmp/out" 2>"$tmp/err"
rc=$?
what="scripts/runtimes: exit 0, one sweep per runtime, then the comparison"
check test $rc -eq 0
check test "$(ls "$out"/*-libgomp-*.json "$out"/*-libomp-*.json 2>/dev/null | wc -l)" -eq 2
check grep -q 'overhead-barrier' "$tmp/out"
what="the comparison names each side by its runtime and warns that the builds differ"
check grep -qE '^  gcc-libgomp \(baseline\) .*libgomp\.so' "$tmp/out"
check grep -qE '^  clang-libomp .*libomp\.so' "$tmp/out"
check grep -q 'built with different compilers' "$tmp/err"
what="each JSON names its compiler and runtime, and every row verified"
check python3 - "$out" <<'PY'
import glob, json, sys
ok = True
for rt, cc in (("libgomp", "gcc "), ("libomp", "clang ")):
    doc = json.load(open(glob.glob(f"{sys.argv[1]}/*-{rt}-*.json")[0]))
    ctx = doc["context"]
    ok &= ctx["openmp_runtime"].startswith(rt + ".so") and ctx["compiler"].startswith(cc)
    ok &= all(r["verified"] == "true" for r in doc["rows"]) and len(doc["rows"]) == 6
sys.exit(0 if ok else 1)
PY
what="libomp's own wait knob: --kmp-blocktime runs one child per KMP_BLOCKTIME"
"$lomp" run --quick --kernel overhead-barrier --threads 1,3 --kmp-blocktime 0,infinite \
    --out "$tmp/kmp" >"$tmp/out" 2>"$tmp/err"
check test $? -eq 0 -a -s "$tmp/kmp-block0.json" -a -s "$tmp/kmp-blockinfinite.json"
check python3 - "$tmp/kmp-block0.json" "$tmp/kmp-blockinfinite.json" <<'PY'
import json, sys
a, b = (json.load(open(f))["context"]["omp_env"] for f in sys.argv[1:])
sys.exit(a.get("KMP_BLOCKTIME") != "0" or b.get("KMP_BLOCKTIME") != "infinite")
PY
check grep -q '^KMP_BLOCKTIME: ' "$tmp/out"

what="scripts/runtimes refuses binaries swapped: exit 2, saying which runtime each has"
OMPSCALE_LIBGOMP=$lomp OMPSCALE_LIBOMP=$bin "$src/scripts/runtimes" --out-dir "$tmp/swapped" \
    --quick >"$tmp/out" 2>"$tmp/err"
rc=$?
check test $rc -eq 2 -a ! -e "$tmp/swapped"
check grep -q "runs on 'libomp.so.5.*', not libgomp" "$tmp/err"
what="scripts/runtimes refuses --out (the files are named per runtime)"
OMPSCALE_LIBGOMP=$bin OMPSCALE_LIBOMP=$lomp "$src/scripts/runtimes" --out x >/dev/null 2>"$tmp/err"
check test $? -eq 2
tap_done
exit $((fails > 0))
