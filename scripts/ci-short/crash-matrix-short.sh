#!/usr/bin/env bash
# CI's short crash matrix: 10 random SIGKILLs of the writer (the full run is 200, RELIABILITY.md).
# Fails unless it prints exactly the all-zero line.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -x .build/release/perflog ]] || swift build -c release --product perflog >&2
[[ -x .build/release/perflog-writer-driver ]] || swift build -c release --product perflog-writer-driver >&2
line=$(scripts/crash-matrix.sh 10)
echo "$line"
[[ $line == "trials 10, corrupt 0, duplicated 0, lost-after-flush 0, malformed-after-recovery 0" ]]
