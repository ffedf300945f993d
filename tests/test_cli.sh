#!/usr/bin/env bash
# test_cli.sh OMPSCALE: the command line end to end (suite cli), as TAP.
# Good commands print verified results; each bad command line exits 2 with
# exactly one "ompscale: ..." line on stderr and nothing on stdout.
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"


expect_ok "list names every kernel" "^quadrature$" list --names
# The names, in order, are the headings of the full listing (both ask the registry), each once,
# and each is a kernel once accepts.
names=$("$bin" list --names)
headings=$("$bin" list | sed -nE 's/^([a-z0-9-]+): .*/\1/p')
[ -n "$names" ] && [ "$names" = "$headings" ] && [ "$(sort -u <<<"$names" | wc -l)" -eq "$(wc -l <<<"$names")" ] &&
    ok "list --names: the full listing's headings, in order, each once" ||
    not_ok "list --names: the full listing's headings, in order, each once"
bad=""
for k in $names; do "$bin" once "$k" --variant serial --preset quick --warmup 0 --quiet 2>/dev/null || bad="$bad $k"; done
[ -z "$bad" ] && ok "every listed name is a kernel once runs and verifies (serial, quick)" ||
    not_ok "every listed name is a kernel once runs and verifies (not:$bad)"
expect_ok "list shows parameters with defaults" "--sleep-us +default 0" list
expect_ok "--version" "^ompscale [0-9]+\.[0-9]+\.[0-9]+ " --version
expect_ok "--help" "once" --help
expect_ok "once --help" "--schedule" once --help
expect_ok "tutorial rangesum is 210" "^result +210$" once rangesum --preset tutorial --threads 2
expect_ok "tutorial squares verify" "^verified +yes" once squares --preset tutorial --threads 3 --schedule dynamic:2
expect_ok "tutorial quadrature verifies" "^verified +yes" once quadrature --preset tutorial --threads 2 --schedule guided
expect_ok "quick montecarlo verifies" "^verified +yes" once montecarlo --preset quick --variant serial
expect_ok "threads obtained are printed" "2 threads asked, 2 obtained" once squares --preset quick --threads 2
expect_ok "--size sets the size parameter" "n=1000 " once squares --size 1000
expect_ok "kernel parameters as options" "work=3" once squares --size 100 --work 3
"$bin" once squares --preset quick --quiet >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ] && ok "--quiet prints nothing" || not_ok "--quiet prints nothing"

expect_usage "no command" "usage|command"
expect_usage "unknown command" "unknown command 'frob'.*list" frob
expect_usage "unknown kernel" "unknown kernel 'cubes'.*squares" once cubes
expect_usage "no kernel" "name a kernel" once --threads 2
expect_usage "unknown variant" "--variant 'gpu'.*serial omp" once squares --variant gpu
expect_usage "threads 0" "--threads '0'.*1 to" once squares --threads 0
expect_usage "threads negative" "--threads '-3'" once squares --threads -3
expect_usage "threads not a number" "--threads 'many'" once squares --threads many
expect_usage "threads above the cap" "--threads '100000'" once squares --threads 100000
expect_usage "threads missing value" "--threads needs a value" once squares --threads
expect_usage "unknown schedule" "unknown schedule 'runtime'" once squares --schedule runtime
expect_usage "bad chunk" "chunk" once squares --schedule dynamic:0
expect_usage "unknown parameter" "unknown option '--bogus'.*--work" once squares --bogus 1
expect_usage "size zero" "--n '0'" once squares --size 0
expect_usage "size not a number" "--n '1e3x'" once squares --size 1e3x
expect_usage "size too big for memory" "more than half" once squares --size 2^40
expect_usage "bad choice" "--f 'cos'.*inv1px2" once montecarlo --f cos
expect_usage "unknown preset" "no preset 'huge'" once squares --preset huge
expect_usage "range past 2^63" "largest valid n" once rangesum --lo 9223372036854775807 --n 2
expect_usage "quadrature b below a" "b" once quadrature --a 2 --b 1
expect_usage "stray argument" "unexpected argument" once squares extra
expect_usage "list bad option" "unknown option" list --all

tap_done
exit $((fails > 0))
