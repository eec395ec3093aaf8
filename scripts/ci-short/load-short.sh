#!/usr/bin/env bash
# CI's short load run: scripts/load.sh for 12 s (its dropNewest phase then runs 2 s).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec scripts/load.sh 12
