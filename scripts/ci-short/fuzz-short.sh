#!/usr/bin/env bash
# CI's short fuzzing: builds every libFuzzer target (scripts/fuzz.sh --build-all) and runs each
# for 20 s on its committed seed corpus only. Fails on any finding.
set -uo pipefail
cd "$(dirname "$0")/../.."
SECS=${FUZZ_SHORT_SECONDS:-20}
scripts/fuzz.sh --build-all || { echo "fuzz: 0 passed, 1 failed"; exit 1; }
passed=0 failed=0
for t in $(grep -o '"Fuzz[A-Za-z]*"' Fuzz/Package.swift | tr -d '"' | grep -v FuzzSupport | sort -u); do
    if PERFLOG_FUZZ_SEED=1 PERFLOG_FUZZ_NO_SCRATCH=1 PERFLOG_FUZZ_WORK=$(mktemp -d) scripts/fuzz.sh "$t" "$SECS"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done
echo "fuzz: $passed passed, $failed failed"
[[ $failed == 0 ]]
