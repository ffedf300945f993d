#!/usr/bin/env bash
# test_regress.sh OMPSCALE REGRESS DATA: every input a fuzzer once failed on
# (REGRESS/resultfile, resultjson, hyperfine, import), fed to the program
# itself as users would (compare against DATA/compare-a.csv, a resultjson
# input under a name ending in .json so that it is read as JSON;
# import-hyperfine): each
# must exit 2 with one "ompscale: ..." line on stderr that names the file,
# nothing on stdout and no file written.  TAP.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # it runs from an empty directory
regress=$2
data=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../tap.sh"

# refused DESCRIPTION FILE COMMAND...: exit 2, one stderr line naming FILE, no stdout, no new file.
refused() {
    local what=$1 file=$2
    shift 2
    (cd "$tmp/cwd" && "$@" >"$tmp/out" 2>"$tmp/err")
    local rc=$?
    if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
        grep -qF -- "ompscale: " "$tmp/err" && grep -qF -- "$(basename "$file")" "$tmp/err" &&
        [ -z "$(ls -A "$tmp/cwd")" ]; then
        ok "$what"
    else
        not_ok "$what (exit $rc)"
    fi
}

mkdir "$tmp/cwd"
for f in "$regress"/resultfile/*; do
    refused "compare refuses resultfile/$(basename "$f")" "$f" "$bin" compare "$data/compare-a.csv" "$f"
done
mkdir "$tmp/json"
for f in "$regress"/resultjson/*; do
    cp "$f" "$tmp/json/$(basename "$f").json"
    refused "compare refuses resultjson/$(basename "$f")" "$f" "$bin" compare "$data/compare-a.csv" \
        "$tmp/json/$(basename "$f").json"
done
for f in "$regress"/hyperfine/* "$regress"/import/*; do
    refused "import-hyperfine refuses $(basename "$(dirname "$f")")/$(basename "$f")" "$f" \
        "$bin" import-hyperfine "$f"
done
tap_done
