#!/usr/bin/env bash
# CI's short crash matrix: 10 random SIGKILLs of the writer (the full run is 200, RELIABILITY.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -x .build/release/perflog ]] || swift build -c release --product perflog >&2
exec scripts/crash-matrix.sh 10
