#!/usr/bin/env bash
# Short mode of scripts/e2e-server.sh: 50 requests per route, 500 for the throughput comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."
E2E_THROUGHPUT_REQUESTS=500 exec bash scripts/e2e-server.sh 50
