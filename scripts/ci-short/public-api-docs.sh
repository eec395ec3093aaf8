#!/usr/bin/env bash
# Every public symbol of the library modules, SPI included, has a /// doc (README.md, "Layout");
# scripts/public-api-docs.py names any that has none and fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(swift package dump-symbol-graph --minimum-access-level public --include-spi-symbols 2>&1 | tail -1)
python3 scripts/public-api-docs.py "${out##* }"
