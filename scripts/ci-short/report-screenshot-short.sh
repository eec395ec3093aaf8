#!/usr/bin/env bash
# The HTML report rendered by headless Chromium: the screenshot exists, has its size, is not blank.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/report-screenshot.sh
