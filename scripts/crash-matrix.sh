#!/usr/bin/env bash
# Crash matrix for perflog's rotating writer.
#
#   scripts/crash-matrix.sh [TRIALS]      (default 200; CI runs e.g. 10)
#
# Runs `perflog-writer-driver` writing sequence-numbered events at full speed with rotation every
# 64 KiB, compression (16 KiB members) and a retention pass after every segment; kills it with
# SIGKILL at a random moment (inside writing, rotation, compression or retention alike); restarts
# it (recovery runs at every start). At the end a clean run recovers and finishes compression,
# then every archive is checked with `gzip -t`, all events are counted, every line must parse as
# a JSON object (recovery cuts a line torn by a kill and writes a `recovered` record instead), and
# `perflog analyze` must read the directory as complete input (exit 0). Prints one line:
#   trials N, corrupt 0, duplicated 0, lost-after-flush 0, malformed-after-recovery 0
# (and the events kept and torn lines cut on stderr), and exits 1 if any figure other than trials
# is not 0 or the analyzer does not exit 0. Needs bash, gzip, python3.
set -euo pipefail
TRIALS=${1:-200}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# PERFLOG names the analyzer binary, PERFLOG_WRITER_DRIVER the writer's test driver (default: the
# one next to the analyzer, else a release build of it).
BIN=${PERFLOG:-$ROOT/.build/release/perflog}
if [[ ! -x $BIN ]]; then
    BIN=$ROOT/.build/debug/perflog
    [[ -x $BIN ]] || (cd "$ROOT" && swift build --product perflog >/dev/null)
fi
DRIVER=${PERFLOG_WRITER_DRIVER:-$(dirname "$BIN")/perflog-writer-driver}
if [[ ! -x $DRIVER ]]; then
    (cd "$ROOT" && swift build -c release --product perflog-writer-driver >/dev/null)
    DRIVER=$ROOT/.build/release/perflog-writer-driver
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/perflog-crash.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
DIR=$WORK/logs
STRIDE=100000000
: > "$WORK/flushed"
for ((t = 0; t < TRIALS; t++)); do
    out=$WORK/out.$t
    "$DRIVER" --dir "$DIR" --start-seq $((t * STRIDE)) --events 2000000000 \
        --max-bytes 65536 --member-size 16384 --checkpoint-every 500 --max-segments 100000000 >"$out" 2>/dev/null &
    pid=$!
    # A random moment between 20 ms and 620 ms after start.
    sleep "0.$(printf '%03d' $((20 + RANDOM % 600)))" 2>/dev/null || sleep 0.3
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    last=$( (grep "^flushed " "$out" || true) | tail -1 | cut -d" " -f2)
    echo "$t ${last:-$((t * STRIDE))}" >>"$WORK/flushed"
done
"$DRIVER" --dir "$DIR" --events 0 --max-segments 100000000 >/dev/null
corrupt=0
for f in "$DIR"/*.log.gz; do
    [[ -e $f ]] || continue
    gzip -t "$f" 2>/dev/null || corrupt=$((corrupt + 1))
done
leftovers=$(find "$DIR" -name '*.tmp' -o -name 'app-*.log' | wc -l)
corrupt=$((corrupt + leftovers))
analyzed=0
"$BIN" analyze "$DIR" --format json >"$WORK/report.json" 2>"$WORK/analyze.err" || analyzed=$?
python3 - "$DIR" "$WORK/flushed" "$TRIALS" "$corrupt" "$STRIDE" "$analyzed" "$WORK/report.json" <<'PY'
import glob, gzip, json, sys
d, flushed_file, trials, corrupt, stride = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
analyzed, report = int(sys.argv[6]), sys.argv[7]
seen, duplicated, malformed, recovered, cut = set(), 0, 0, 0, 0
def lines():
    for f in sorted(glob.glob(d + "/app-*.log.gz")):
        with gzip.open(f, "rb") as g:
            yield from g
    with open(d + "/app.log", "rb") as g:
        yield from g
for raw in lines():
    try:
        obj = json.loads(raw)
        if not isinstance(obj, dict):
            raise ValueError("not an object")
    except Exception:
        malformed += 1  # a fragment of a line torn by a kill that recovery did not cut
        continue
    if obj.get("logger") == "perflog" and obj.get("event") == "recovered":
        recovered += 1
        cut += int(obj["bytes"])
        continue
    if obj.get("logger") == "perflog":
        continue  # another writer record (dropped events)
    seq = int(obj["meta"]["seq"])
    if seq in seen:
        duplicated += 1
    seen.add(seq)
lost = 0
for line in open(flushed_file):
    t, upto = map(int, line.split())
    lost += sum(1 for s in range(t * stride, upto) if s not in seen)
print(f"trials {trials}, corrupt {corrupt}, duplicated {duplicated}, lost-after-flush {lost}, malformed-after-recovery {malformed}")
print(f"(events kept {len(seen)}; torn lines cut at recovery {recovered}, {cut} bytes)", file=sys.stderr)
if analyzed != 0:
    print(f"perflog analyze exited {analyzed} (expected 0)", file=sys.stderr)
else:
    inp = json.load(open(report))["input"]
    if inp["malformed"] != 0 or inp.get("recovered", 0) != recovered or inp.get("recovered_bytes", 0) != cut:
        print(f"perflog analyze disagrees: {inp}", file=sys.stderr)
        analyzed = -1
sys.exit(1 if corrupt or duplicated or lost or malformed or analyzed else 0)
PY
