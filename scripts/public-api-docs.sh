#!/usr/bin/env bash
# Every public symbol of the library modules, SPI included, has a /// doc (README.md, "Layout");
# scripts/public-api-docs.py names any that has none and fails. Built with the Tracing trait so
# that PerfLogTracing's symbols count too (without it that module is empty); .ci/run calls it
# after the tracing suites, which build the package the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(swift package dump-symbol-graph --traits Tracing --minimum-access-level public --include-spi-symbols 2>&1 | tail -1)
python3 scripts/public-api-docs.py "${out##* }"
