#!/usr/bin/env bash
# Load and overflow test for perflog's rotating writer (issue 7, item 2).
#
#   scripts/load.sh [SECONDS]     (default 60; the dropNewest phase runs SECONDS/6, at least 2 s)
#
# Phase 1, policy block: 16 threads log as fast as they can for SECONDS with rotation every 1 MiB,
# compression (level 1) and retention (newest 256 MiB kept). Prints the rate and the peak RSS,
# and checks that every accepted event was written (nothing lost, nothing dropped) and that the
# kept files hold no duplicate and no unparseable line.
# Phase 2, policy dropNewest with a 64 KiB queue and no retention: checks that the events missing
# from the files are exactly the drop count, and that the `dropped events` lines add up to it.
# Exits 1 when a check fails. Needs bash, python3, GNU time (/usr/bin/time).
set -euo pipefail
SECONDS_1=${1:-60}
SECONDS_2=$(( SECONDS_1 / 6 > 2 ? SECONDS_1 / 6 : 2 ))
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${PERFLOG_WRITER_DRIVER:-$ROOT/.build/release/perflog-writer-driver}
[[ -x $BIN ]] || (cd "$ROOT" && swift build -c release --product perflog-writer-driver >/dev/null)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/perflog-load.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

check() {  # DIR OUT POLICY
    python3 - "$@" <<'PY'
import glob, gzip, json, re, sys
d, out, policy = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(out).read()
done = re.search(r"accepted (\d+) dropped (\d+) lost (\d+)", text)
accepted, dropped, lost = map(int, done.groups())
written = sum(int(n) for n in re.findall(r"thread \d+ wrote (\d+)", text))
seen, dup, bad, reported = set(), 0, 0, 0
files = sorted(glob.glob(d + "/app-*.log.gz"))
def lines():
    for f in files:
        with gzip.open(f, "rb") as g: yield from g
    for f in sorted(glob.glob(d + "/app-*.log")):
        with open(f, "rb") as g: yield from g
    with open(d + "/app.log", "rb") as g: yield from g
for raw in lines():
    try: o = json.loads(raw)
    except Exception: bad += 1; continue
    if o.get("event") == "dropped": reported += o["count"]; continue
    s = int(o["meta"]["seq"])
    if s in seen: dup += 1
    seen.add(s)
ok = dup == 0 and bad == 0 and lost == 0 and accepted + dropped == written
if policy == "block":
    ok = ok and dropped == 0
    print(f"block: {written} events, {written / float(sys.argv[4]):,.0f}/s, lost 0: {lost == 0 and dropped == 0}, "
          f"kept {len(seen)} in {len(files)} archives, duplicates {dup}, unparseable {bad}")
else:
    missing = written - len(seen)
    ok = ok and missing == dropped and reported == dropped
    print(f"dropNewest: {written} events, dropped {dropped}, missing {missing}, reported in the log {reported}, "
          f"duplicates {dup}, unparseable {bad}: {'exact' if missing == dropped == reported else 'MISMATCH'}")
sys.exit(0 if ok else 1)
PY
}

status=0
/usr/bin/time -f "%M" -o "$WORK/rss1" "$BIN" --dir "$WORK/block" --threads 16 --seconds "$SECONDS_1" \
    --max-bytes 1048576 --level 1 --max-total-bytes 268435456 --queue-bytes 4194304 >"$WORK/out1"
check "$WORK/block" "$WORK/out1" block "$SECONDS_1" || status=1
echo "block: peak RSS $(( $(cat "$WORK/rss1") / 1024 )) MiB (queue 4 MiB)"
/usr/bin/time -f "%M" -o "$WORK/rss2" "$BIN" --dir "$WORK/drop" --threads 16 --seconds "$SECONDS_2" \
    --max-bytes 1048576 --level 1 --queue-bytes 65536 --drop-newest >"$WORK/out2"
check "$WORK/drop" "$WORK/out2" drop "$SECONDS_2" || status=1
echo "dropNewest: peak RSS $(( $(cat "$WORK/rss2") / 1024 )) MiB (queue 64 KiB)"
exit $status
