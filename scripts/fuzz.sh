#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS (default 60) on its committed seed corpus
# Fuzz/Corpus/<Target>/ plus a scratch corpus outside git, and prints one line:
#   target <Target>: <N> execs, <F> findings
# A finding's input is kept in $PERFLOG_FUZZ_WORK/<Target>/artifacts/ (default /tmp/perflog-fuzz).
#
# Usage: scripts/fuzz.sh TARGET [SECONDS]      TARGET: LineScanner, GzipReader, DeflateBackends, WhereExpression,
#        scripts/fuzz.sh --build-all            TimeParser, QueryFingerprint, RulesLoader,
#                                               QueryPrivacy
#                                               (with or without the Fuzz prefix)
# Env: PERFLOG_FUZZ_WORK (scratch folder), PERFLOG_FUZZ_JOBS_NICE (nice level, default 15),
#      PERFLOG_FUZZ_NO_SCRATCH=1 (seed corpus only, nothing kept: CI's short mode).
#      PERFLOG_FUZZ_SEED=N (fixed libFuzzer seed: the same mutations every run, as CI uses).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
NICE=${PERFLOG_FUZZ_JOBS_NICE:-15}
WORK=${PERFLOG_FUZZ_WORK:-/tmp/perflog-fuzz}
ALL=$(grep -o '"Fuzz[A-Za-z]*"' Fuzz/Package.swift | tr -d '"' | grep -v FuzzSupport | sort -u)

build() {
    # The one command that builds a fuzz target here: libFuzzer's main is linked by
    # -sanitize=fuzzer, and -parse-as-library keeps Swift from emitting its own.
    nice -n "$NICE" swift build --package-path Fuzz -c release \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product "$1" >&2
}

if [[ "${1:-}" == "--build-all" ]]; then
    for t in $ALL; do build "$t"; done
    exit 0
fi

TARGET=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}
[[ "$TARGET" == Fuzz* ]] || TARGET="Fuzz$TARGET"
SECONDS_TO_RUN=${2:-60}
BIN="$ROOT/Fuzz/.build/release/$TARGET"
SEEDS="$ROOT/Fuzz/Corpus/$TARGET"
[[ -d "$SEEDS" ]] || { echo "no seed corpus $SEEDS" >&2; exit 1; }

# Build when missing or older than any source it depends on.
if [[ ! -x "$BIN" ]] || [[ -n "$(find Sources Fuzz/Sources Fuzz/Package.swift Package.swift -newer "$BIN" -name '*.swift' -print -quit)" ]]; then
    build "$TARGET"
fi

mkdir -p "$WORK/$TARGET/artifacts"
if [[ "${PERFLOG_FUZZ_NO_SCRATCH:-0}" == 1 ]]; then
    SCRATCH=$(mktemp -d)
    trap 'rm -rf "$SCRATCH"' EXIT
else
    SCRATCH="$WORK/$TARGET/corpus"
    mkdir -p "$SCRATCH"
fi
ARTIFACTS="$WORK/$TARGET/artifacts/"
before=$(ls "$ARTIFACTS" | wc -l)
LOG="$WORK/$TARGET/last-run.log"

MAXLEN=4096
[[ "$TARGET" == FuzzGzipReader || "$TARGET" == FuzzDeflateBackends ]] && MAXLEN=65536

set +e
# Swift's own crash backtracer would run under ASan and report itself: leave it to libFuzzer.
SWIFT_BACKTRACE=enable=no nice -n "$NICE" "$BIN" "$SCRATCH" "$SEEDS" \
    -max_total_time="$SECONDS_TO_RUN" -max_len="$MAXLEN" -timeout=20 -rss_limit_mb=2048 ${PERFLOG_FUZZ_SEED:+-seed=$PERFLOG_FUZZ_SEED} \
    -artifact_prefix="$ARTIFACTS" -print_final_stats=1 >"$LOG" 2>&1
status=$?
set -e

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOG" | tail -1)
[[ -n "$execs" ]] || execs=$(sed -n 's/.*Done \([0-9]*\) runs.*/\1/p' "$LOG" | tail -1)
[[ -n "$execs" ]] || execs=0
after=$(ls "$ARTIFACTS" | wc -l)
findings=$((after - before))
echo "target $TARGET: $execs execs, $findings findings (${SECONDS_TO_RUN}s, exit $status, log $LOG)"
if (( findings > 0 )); then
    grep -m3 -E 'ERROR|Fatal error|Precondition|SUMMARY' "$LOG" >&2 || true
    exit 1
fi
[[ $status == 0 ]]
