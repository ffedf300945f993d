#!/usr/bin/env bash
# test_docs.sh MESON BUILDDIR: the manual page and the bash completion, as
# installed (suite cli), as TAP.  meson install --destdir stages the build in
# a temporary directory (nothing outside it is touched); the staged
# ompscale(1) must render with groff and hold every command of ompscale
# --help with every option of its own --help, and the staged completion,
# sourced in bash, must complete commands, options, kernels and presets when
# its function is called as bash calls it (COMP_WORDS, COMP_CWORD), the way
# bash-completion's own tests drive completions.
set -u
meson=$1
builddir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

what="meson install --destdir stages the program, its manual page and its completion"
stage "$meson" "$builddir"
bin=$(staged '*/bin/ompscale')
page=$(staged '*/share/man/man1/ompscale.1')
completion=$(staged '*/share/bash-completion/completions/ompscale')
cond '[ $rc -eq 0 ] && [ -x "$bin" ] && [ -s "$page" ] && [ -s "$completion" ]'
[ -x "$bin" ] || { tap_done; exit 1; }

what="groff renders ompscale(1)"
groff -man -Tascii -P-cbou "$page" >"$tmp/page" 2>"$tmp/err"
rc=$?
cond '[ $rc -eq 0 ] && grep -q "^NAME" "$tmp/page" && grep -q "ompscale - OpenMP" "$tmp/page"'
what="ompscale(1) is of this build's version"
version=$("$bin" --version | awk '{print $2}')
cond '[ -n "$version" ] && grep -q "ompscale $version" "$page"'

# The commands are those ompscale --help lists; the page has a section for
# each, holding every option its --help names: the page is made from the help.
commands=$("$bin" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p')
what="ompscale --help lists commands"
cond '[ "$(wc -w <<<"$commands")" -ge 7 ]'
# squeezed: the page's words one a line, so that a line break inside an option's text matters not
tr -s ' \n' '\n' <"$tmp/page" | sed 's/\[=[A-Z]*\]$//' >"$tmp/words" # --opt[=VALUE]: the option's word
for c in $commands; do
    what="ompscale(1) has a section for $c with every option of ompscale $c --help"
    missing=""
    for opt in $("$bin" "$c" --help | grep -oE '^ +(-h, )?--[a-z-]+' | grep -oE -- '--[a-z-]+'); do
        grep -qxF -- "$opt" "$tmp/words" || missing="$missing $opt"
    done
    cond 'grep -qE "^ +ompscale $c:$" "$tmp/page" && [ -z "$missing" ]'
    [ -z "$missing" ] || echo "# missing:$missing"
done

# completes WORDS...: the candidates _ompscale gives for the last word, one a
# line, from a bash that sourced the installed completion and runs the staged
# ompscale; "=" is a word of its own, as bash splits "--kernel=sq".
completes() {
    PATH="${bin%/*}:$PATH" bash --norc --noprofile -c '
        source "$1" || exit 3
        shift
        complete -p ompscale | grep -q -- "-F _ompscale" || exit 4
        COMP_WORDS=(ompscale "$@")
        COMP_CWORD=$#
        COMP_LINE="ompscale $*"
        COMP_POINT=${#COMP_LINE}
        _ompscale ompscale "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf "%s\n" "${COMPREPLY[@]}"' completes "$completion" "$@" 2>"$tmp/err"
}
# expect_completion DESCRIPTION EXPECTED WORDS...: the candidates are exactly EXPECTED (lines).
expect_completion() {
    local what=$1 expected=$2
    shift 2
    local got
    got=$(completes "$@")
    if [ "$got" = "$expected" ]; then ok "$what"; else not_ok "$what: got '$got'"; fi
}

what="the completion, sourced, is bash's completion of ompscale (complete -p)"
PATH="${bin%/*}:$PATH" bash --norc --noprofile -c 'source "$1" && complete -p ompscale' x \
    "$completion" >"$tmp/out" 2>"$tmp/err"
cond 'grep -q "^complete -F _ompscale ompscale$" "$tmp/out"'
expect_completion "ompscale ru<TAB> completes to run" "run" ru
expect_completion "ompscale run --ker<TAB> completes to --kernel" "--kernel" run --ker
expect_completion "ompscale run --kernel sq<TAB> completes to squares" "squares" run --kernel sq
expect_completion "ompscale run --kernel=sq<TAB> completes to squares" "squares" run --kernel = sq
what="ompscale run --preset <TAB> offers quick and tutorial"
got=$(completes run --preset "")
cond 'grep -qx quick <<<"$got" && grep -qx tutorial <<<"$got"'
expect_completion "ompscale run --kernel <TAB> offers every kernel of ompscale list --names" \
    "$("$bin" list --names)" run --kernel ""
expect_completion "ompscale run --kernel squares,ra<TAB> completes the list's last item" \
    "squares,rangesum" run --kernel squares,ra
expect_completion "ompscale once squares --wo<TAB> completes a parameter of the kernel" \
    "--work" once squares --wo
expect_completion "ompscale once rangesum --wo<TAB>: rangesum has no such parameter" \
    "" once rangesum --wo
expect_completion "ompscale run --order <TAB> offers its two orders" \
    "$(printf 'interleaved\nsequential')" run --order ""
mkdir "$tmp/files" && touch "$tmp/files/a.csv" "$tmp/files/b.csv"
expect_completion "ompscale compare <TAB> completes file names" \
    "$(printf '%s\n' "$tmp/files/a.csv" "$tmp/files/b.csv")" compare "$tmp/files/"

tap_done
exit $((fails > 0))
