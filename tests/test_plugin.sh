#!/usr/bin/env bash
# test_plugin.sh MESON BUILDDIR SOURCEDIR CC: your own kernels, end to end
# (suite plugin), as TAP.  Installs the build into a staging directory
# (meson install --destdir: nothing outside it is touched), builds
# examples/plugin against the staged files with pkg-config and its Makefile,
# as a user would, and runs the installed ompscale with it through list,
# once, run (in this process and in --wait-policy children), compare and
# plot.  Then the plugins of tests/data/plugins/tiny.c: one without presets
# runs under --quick, a wrong one fails verification (exit 1), and each
# malformed one is refused with exit 2 and one line naming the file and what
# is wrong.  Every plugin is compiled with the compiler of this build (CC).
set -u
meson=$1
builddir=$2
srcdir=$3
cc=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

what="meson install --destdir stages the program, headers, library and ompscale.pc"
stage "$meson" "$builddir"
pc=$(staged '*/ompscale.pc')
bin=$(staged '*/bin/ompscale')
header=$(staged '*/include/ompscale/kernel.h')
lib=$(staged '*/libompscale-kernel.a')
cond '[ $rc -eq 0 ] && [ -n "$pc" ] && [ -x "$bin" ] && [ -n "$header" ] && [ -n "$lib" ]'
# pkg-config finds the staged .pc, and its paths point into the staging directory.
export PKG_CONFIG_PATH=${pc%/*} PKG_CONFIG_SYSROOT_DIR=$tmp/stage
what="pkg-config --cflags --libs ompscale names the staged headers and library"
flags=$(pkg-config --cflags --libs ompscale 2>"$tmp/err")
cond '[[ "$flags" == *"-I$tmp/stage/"*"include"* && "$flags" == *"-L$tmp/stage/"* && "$flags" == *-lompscale-kernel* && "$flags" == *-fopenmp* ]]'

what="examples/plugin builds with its Makefile against the installed files"
cp -r "$srcdir/examples/plugin" "$tmp/jacobi"
rm -f "$tmp/jacobi/jacobi.so"
check make -C "$tmp/jacobi" CC="$cc"
so=$tmp/jacobi/jacobi.so

expect_ok "list --plugin names the plugin's kernel and where it is from" \
    "^  from the plugin $so$" list --plugin "$so"
expect_ok "list --names --plugin adds jacobi after the built-in kernels" "^squares$" \
    list --names --plugin "$so"
what="list --names --plugin ends with jacobi"
cond '[ "$(tail -1 "$tmp/out")" = jacobi ]'
expect_ok "the same plugin given twice is loaded once" "^jacobi$" \
    list --names --plugin "$so" --plugin "$tmp/jacobi/../jacobi/jacobi.so"
what="... and lists its kernel once"
cond '[ "$(grep -c "^jacobi$" "$tmp/out")" -eq 1 ]'
expect_ok "once jacobi --plugin verifies at 2 threads" "^verified +yes: closed form" \
    once jacobi --plugin "$so" --threads 2 --preset quick
what="... with the 2 threads it asked for"
cond 'grep -q "2 threads asked, 2 obtained" "$tmp/out"'
expect_ok "the completion offers the kernels of the plugins the line names" "^jacobi$" \
    --complete -- run --plugin "$so" --kernel jac
expect_ok "... and their parameters, with --plugin=PATH too" "^--iters$" \
    --complete -- once jacobi --plugin="$so" --it
(cd "$tmp/jacobi" && "$bin" once jacobi --plugin jacobi.so --variant serial --n 64 --iters 5 \
    >"$tmp/out" 2>"$tmp/err")
rc=$?
what="--plugin NAME without a slash is the file in the current directory"
cond '[ $rc -eq 0 ] && grep -qE "^verified +yes" "$tmp/out"'

# rows CSV KERNEL VERIFIED...: the CSV's rows are all of KERNEL, one per
# VERIFIED word (true or false), their verified column in that order.
rows() {
    python3 - "$@" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
sys.exit(0 if [(r["kernel"], r["verified"]) for r in rows] ==
         [(sys.argv[2], v) for v in sys.argv[3:]] else 1)
EOF
}
for f in a b; do
    what="run --quick --plugin --kernel jacobi --threads 1,2 ($f): exit 0, 3 rows, all verified"
    "$bin" run --quick --plugin "$so" --kernel jacobi --threads 1,2 --reps 3 --out "$tmp/$f" \
        >"$tmp/out" 2>"$tmp/err"
    rc=$?
    cond '[ $rc -eq 0 ] && rows "$tmp/$f.csv" jacobi true true true'
done
what="the JSON names the plugin's kernel"
cond 'grep -q "\"kernel\": \"jacobi\"" "$tmp/a.json"'
what="run --wait-policy: each child loads the plugin again"
"$bin" run --quick --plugin "$so" --kernel jacobi --threads 1,2 --reps 3 --wait-policy passive \
    --out "$tmp/w" >"$tmp/out" 2>"$tmp/err"
rc=$?
cond '[ $rc -eq 0 ] && rows "$tmp/w-passive.csv" jacobi true true true'
expect_ok "compare reads the plugin kernel's CSVs without the plugin" "^jacobi " \
    compare "$tmp/a.csv" "$tmp/b.csv"
what="plot draws the plugin kernel's CSV without the plugin"
(cd "$tmp" && "$bin" plot a.csv >"$tmp/out" 2>"$tmp/err")
rc=$?
cond '[ $rc -eq 0 ] && [ -s "$tmp/a-jacobi.png" ] && [ -s "$tmp/a-jacobi.svg" ]'

# tiny PLUGIN FLAGS...: tests/data/plugins/tiny.c as $tmp/PLUGIN.so, built with FLAGS.
tiny() {
    local out=$tmp/$1.so
    shift
    # shellcheck disable=SC2046 # pkg-config's output is a list of words
    $cc -std=c17 -fPIC -shared $(pkg-config --cflags ompscale) "$@" \
        "$srcdir/tests/data/plugins/tiny.c" -o "$out" $(pkg-config --libs ompscale)
}
tiny_all() {
    tiny tiny && tiny notable -DTINY_NO_TABLE && tiny abi -DTINY_ABI=999 &&
        tiny noserial -DTINY_NO_SERIAL && tiny clash -DTINY_NAME='"squares"' &&
        tiny twice -DTINY_TWICE && tiny wrong -DTINY_WRONG
}
what="tests/data/plugins/tiny.c builds as each plugin, good and malformed"
check tiny_all
what="run --quick runs a plugin kernel without a quick preset at its defaults"
"$bin" run --quick --plugin "$tmp/tiny.so" --kernel tiny --threads 1,2 --reps 3 --out "$tmp/t" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
cond '[ $rc -eq 0 ] && rows "$tmp/t.csv" tiny true true true && grep -q ",n=100000," "$tmp/t.csv"'
what="a plugin kernel that computes wrongly does not verify: once exits 1"
"$bin" once tiny --plugin "$tmp/wrong.so" --threads 2 >"$tmp/out" 2>"$tmp/err"
rc=$?
cond '[ $rc -eq 1 ] && grep -q "did not verify: the sum is wrong" "$tmp/err"'
what="... and run exits 1 with its rows verified=false"
"$bin" run --quick --plugin "$tmp/wrong.so" --kernel tiny --threads 1,2 --reps 3 --out "$tmp/x" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
cond '[ $rc -eq 1 ] && rows "$tmp/x.csv" tiny true false false'

# refused DESCRIPTION PATTERN ARGS...: exit 2, nothing on stdout, one stderr line
# "ompscale: --plugin PATH: ..." matching PATTERN.
refused() {
    local what=$1 pattern=$2
    shift 2
    expect_usage "$what" "--plugin [^ ]+: $pattern" "$@"
}
printf 'not a shared object\n' >"$tmp/text.so"
refused "a file that is not a shared object" "cannot load it \(.*text.so: .*\): give a shared object" \
    list --plugin "$tmp/text.so"
refused "a file that does not exist" "cannot load it \(.*No such file" list --plugin "$tmp/none.so"
refused "a shared object without the table" "it has no table 'ompscale_plugin_table'" \
    list --plugin "$tmp/notable.so"
refused "a table of another ABI version (once)" \
    "it was built for kernel ABI 999, and this ompscale takes ABI [0-9]+: rebuild it" \
    once tiny --plugin "$tmp/abi.so"
refused "a row without a serial variant (run)" \
    "kernel 'tiny': variant 0 is 'omp': variant 0 must be 'serial'" \
    run --quick --plugin "$tmp/noserial.so" --kernel tiny --out "$tmp/never"
refused "a kernel named as a built-in one" \
    "kernel 'squares' clashes with the kernel of that name built into ompscale" \
    list --plugin "$tmp/clash.so"
refused "a kernel listed twice in one plugin" "kernel 'tiny' is listed twice in the table" \
    list --plugin "$tmp/twice.so"
cp "$so" "$tmp/jacobi-copy.so"
refused "two plugins with a kernel of one name" \
    "kernel 'jacobi' clashes with the kernel of that name from $so" \
    list --plugin "$so" --plugin "$tmp/jacobi-copy.so"
what="--plugin without a value"
"$bin" list --plugin >"$tmp/out" 2>"$tmp/err"
rc=$?
cond '[ $rc -eq 2 ] && [ "$(cat "$tmp/err")" = "ompscale: --plugin needs a value" ]'
what="a refused run wrote nothing"
cond '[ ! -e "$tmp/never.csv" ] && [ ! -e "$tmp/never.json" ]'
tap_done
