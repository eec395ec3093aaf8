#!/usr/bin/env bash
# CI's short load run: 5 s of 16-thread load, then the block and dropNewest exactness checks.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec scripts/load.sh --short
