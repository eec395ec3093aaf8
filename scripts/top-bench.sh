#!/usr/bin/env bash
# How fast a stream `perflog top` keeps up with, and its CPU and memory meanwhile:
# `perflog demo --rate 0` writes as fast as it can for SECONDS while `perflog top` follows the
# same directory; at the end the top process's CPU time (from /proc) and peak RSS are printed,
# with the events demo wrote and the last snapshot's count.
#   scripts/top-bench.sh [SECONDS]     (default 20; release build)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
swift build -c release --product perflog >/dev/null
bin=.build/release/perflog
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" demo --dir "$dir" --rate 0 --seconds "$seconds" --rotate-bytes 67108864 >"$dir/demo.out" 2>&1 &
demo=$!
sleep 0.5
"$bin" top "$dir" --batch "$seconds" --interval 1s >"$dir/top.out" 2>&1 &
top=$!
sleep $((seconds - 1))
ticks=$(awk '{print $14 + $15}' /proc/$top/stat)
hwm=$(awk '/VmHWM/ {print $2}' /proc/$top/status)
wait $demo
wait $top
hz=$(getconf CLK_TCK)
echo "demo: $(cat "$dir/demo.out")"
echo "top:  last snapshot: $(grep '^events' "$dir/top.out" | tail -1)"
awk -v t="$ticks" -v hz="$hz" -v s="$seconds" -v m="$hwm" 'BEGIN {
    printf "top:  CPU %.1f s in %d s (%.0f%% of one core), peak RSS %.1f MiB\n", t / hz, s - 1, 100 * t / hz / (s - 1), m / 1024 }'
echo "load: $(uptime | sed 's/.*load average: //')"
