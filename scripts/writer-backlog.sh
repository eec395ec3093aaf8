#!/usr/bin/env bash
# Does the writer keep up? Runs `perflog demo --rate RATE --rotate-bytes 4194304` for SECONDS,
# samples the log folder every 50 ms for plain segments waiting for compression, then prints the
# most that waited at once, the events/s reached, and the archives' size against `gzip -6` of the
# same lines (BENCHMARKS.md, "Writer").
#   scripts/writer-backlog.sh [--rate N] [--seconds S] [--perflog BIN]   (defaults 1000000, 20)
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=1000000 SECS=20 BIN=.build/release/perflog
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rate) RATE=$2; shift 2 ;;
        --seconds) SECS=$2; shift 2 ;;
        --perflog) BIN=$2; shift 2 ;;
        *) echo "usage: $0 [--rate N] [--seconds S] [--perflog BIN]" >&2; exit 2 ;;
    esac
done
[[ -x "$BIN" ]] || swift build -c release --product perflog >/dev/null
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
start=$(date +%s.%N)
"$BIN" demo --dir "$DIR/log" --name app --rate "$RATE" --seconds "$SECS" --rotate-bytes 4194304 >"$DIR/demo.out" 2>&1 &
pid=$!
most=0
while kill -0 "$pid" 2>/dev/null; do
    n=$( (find "$DIR/log" -maxdepth 1 -name 'app-*.log' 2>/dev/null || true) | wc -l)
    if (( n > most )); then most=$n; fi
    sleep 0.05
done
wait "$pid"
end=$(date +%s.%N)
left=$(find "$DIR/log" -maxdepth 1 -name 'app-*.log' | wc -l)
cat "$DIR"/log/app-*.log.gz | gzip -dc >"$DIR/archived.ndjson"
archived_lines=$(wc -l <"$DIR/archived.ndjson")
plain_lines=$( (shopt -s nullglob; cat "$DIR"/log/app.log "$DIR"/log/app-*.log) | wc -l)
archives=$(cat "$DIR"/log/app-*.log.gz | wc -c)
gzip6=$(gzip -6 -c "$DIR/archived.ndjson" | wc -c)
lines=$((archived_lines + plain_lines))
python3 - "$most" "$left" "$lines" "$start" "$end" "$archives" "$gzip6" "$RATE" "$SECS" <<'PY'
import sys
most, left, lines, t0, t1, arch, gz, rate, secs = sys.argv[1:]
wall = float(t1) - float(t0)
print("writer: --rate %s for %s s: %d events in %.1f s = %.0f events/s; plain segments waiting: at most %s, %s at exit"
      % (rate, secs, int(lines), wall, int(lines) / wall, most, left))
print("archives: %.1f MB, gzip -6 of the same lines %.1f MB (ratio %.3f)" % (int(arch) / 1e6, int(gz) / 1e6, int(arch) / int(gz)))
PY
