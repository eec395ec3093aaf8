#!/usr/bin/env bash
# Macro benchmark of the analyzer and writer targets (issue 5), self-contained.
#   scripts/bench.sh [--static] [--events N] [--runs K] [--quick]   (defaults: 1,000,000 events, 3 runs)
# Builds the release binary, generates data with scripts/gen-events.py, runs perflog and its peers
# side by side, and prints ratios. See BENCHMARKS.md for the figures and the machine.
#   --static   measure the release build linked with --static-swift-stdlib (as a server tool is
#              shipped: it starts in ~12 ms instead of ~19), built into .build-static/.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pigz >/dev/null || { echo "bench: installing pigz"; apt-get install -y -qq pigz >/dev/null; }
if [[ "${1:-}" == "--static" ]]; then
    shift
    swift build -c release --product perflog --static-swift-stdlib --scratch-path .build-static >/dev/null
    exec python3 scripts/bench.py --perflog .build-static/release/perflog "$@"
fi
swift build -c release --product perflog >/dev/null
exec python3 scripts/bench.py --perflog .build/release/perflog "$@"
