#!/usr/bin/env bash
# fuzz.sh FUZZER WORKDIR [LIBFUZZER_OPTION ... SEED_DIR ...]: fuzzes one
# target for $OMPSCALE_FUZZ_SECONDS (default 60) seconds, starting from the
# seed directories; new inputs go to WORKDIR/corpus, and an input that
# crashes, leaks, hits UB, breaks a promise (fuzz.h), runs over 5 s or over
# 2 GB is saved as WORKDIR/crash-*, leak-*, timeout-* or oom-*, and fails
# the test (libFuzzer's exit status).  Add such an input to regress/NAME
# once it is fixed, so that every build replays it.
set -u
fuzzer=$1
work=$2
shift 2
seconds=${OMPSCALE_FUZZ_SECONDS:-60}
mkdir -p "$work/corpus" || exit 1
echo "fuzzing $(basename "$fuzzer") for $seconds s; failing inputs go to $work/"
exec "$fuzzer" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=65536 \
    -error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" "$@"
