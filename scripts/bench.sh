#!/usr/bin/env bash
# Macro benchmark of the analyzer and writer targets (issue 5), self-contained.
#   scripts/bench.sh [--events N] [--runs K] [--quick]   (defaults: 1,000,000 events, 3 runs)
# Builds the release binary (the Swift runtime and Foundation linked statically, as shipped:
# README, "Using the CLI"), generates data with scripts/gen-events.py, runs perflog and its peers side
# by side, and prints ratios. See BENCHMARKS.md for the figures and the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pigz >/dev/null || { echo "bench: installing pigz"; apt-get install -y -qq pigz >/dev/null; }
command -v igzip >/dev/null || { echo "bench: installing isal (igzip)"; apt-get install -y -qq isal >/dev/null; }
swift build -c release --static-swift-stdlib --product perflog >/dev/null
exec python3 scripts/bench.py --perflog .build/release/perflog "$@"
