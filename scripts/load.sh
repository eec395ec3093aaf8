#!/usr/bin/env bash
# Load and overflow (issue 7, item 2): 16 threads log as fast as they can through one rotating
# writer (rotation every 1 MiB, compression, retention of 4 segments) for SECONDS (default 60),
# then two exactness runs without retention:
#   - `block`: every event written is in the files exactly once;
#   - `dropNewest` with a small queue: the drop count the writer reports equals what is missing.
# Prints the figures (peak RSS, events/s) and one closing line:
#   load: N passed, M failed
# Usage: scripts/load.sh [SECONDS] | scripts/load.sh --short   (CI: 5 s and smaller exact runs)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=60
PER_THREAD=100000
if [[ "${1:-}" == "--short" ]]; then SECS=5; PER_THREAD=20000; elif [[ -n "${1:-}" ]]; then SECS=$1; fi

nice -n 10 swift build -c release --product perflog >&2
BIN=$(swift build -c release --show-bin-path)/perflog
WORK=$(mktemp -d /tmp/perflog-load.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

python3 - "$BIN" "$WORK" "$SECS" "$PER_THREAD" <<'PY'
import gzip, os, re, resource, subprocess, sys, time

binary, work, secs, per_thread = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
THREADS, STRIDE = 16, 1_000_000_000_000
passed = failed = 0

def check(ok, what):
    global passed, failed
    print(("ok     " if ok else "FAILED ") + what, flush=True)
    if ok: passed += 1
    else: failed += 1

def drive(name, *args):
    d = os.path.join(work, name)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    p = subprocess.run([binary, "load-driver", "--dir", d, "--threads", str(THREADS), *args],
                       capture_output=True, text=True)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if p.returncode != 0:
        print(p.stderr, file=sys.stderr)
        raise SystemExit(f"load-driver failed with {p.returncode}")
    wrote = [int(m) for m in re.findall(r"^thread \d+ wrote (\d+)$", p.stdout, re.M)]
    done = dict(zip(*[iter(re.search(r"^done (.*)$", p.stdout, re.M).group(1).split())] * 2))
    return d, wrote, done, max(peak_kib, before)

def seqs(d):
    out = []
    for name in sorted(os.listdir(d)):
        path = os.path.join(d, name)
        if name.endswith(".gz"):
            data = gzip.open(path).read()
        elif name.endswith(".log"):
            data = open(path, "rb").read()
        else:
            continue
        out += [int(x) for x in re.findall(rb'"seq":"(\d+)"', data)]
    return out

# 1. Sustained load with retention: memory and throughput.
d, wrote, done, peak = drive("load", "--seconds", str(secs), "--max-bytes", str(1 << 20), "--max-segments", "4")
events, elapsed = int(done["events"]), float(done["seconds"])
print(f"load: {THREADS} threads, {elapsed:.1f} s, {events} events, {events / elapsed:,.0f} events/s, "
      f"peak RSS {peak / 1024:.1f} MiB, rotations {done['rotations']}, compressed {done['compressed']}, "
      f"deleted by retention {done['deleted']}")
check(int(done["accepted"]) == events and int(done["dropped"]) == 0 and int(done["lost"]) == 0,
      f"block policy under load accepted every event ({done['accepted']} of {events}, lost {done['lost']})")
check(peak < 64 * 1024, f"peak RSS {peak / 1024:.1f} MiB < 64 MiB")
segments = [n for n in os.listdir(d) if n.endswith(".gz")]
check(len(segments) <= 4, f"retention kept {len(segments)} segments (max 4)")

# 2. block: nothing lost, nothing repeated (small queue so that threads really block).
d, wrote, done, _ = drive("block", "--seconds", "600", "--events-per-thread", str(per_thread), "--queue-bytes", "65536")
found = seqs(d)
expected = {t * STRIDE + i for t, n in enumerate(wrote) for i in range(n)}
dup = len(found) - len(set(found))
missing = len(expected - set(found))
extra = len(set(found) - expected)
print(f"block: {sum(wrote)} written, {len(found)} found, missing {missing}, duplicated {dup}, unexpected {extra}")
check(missing == 0 and dup == 0 and extra == 0 and int(done["dropped"]) == 0, "block policy loses nothing")

# 3. dropNewest: the reported drop count is exactly what is missing.
d, wrote, done, _ = drive("drop", "--seconds", "600", "--events-per-thread", str(per_thread),
                          "--queue-bytes", "65536", "--drop-newest")
found = seqs(d)
expected = {t * STRIDE + i for t, n in enumerate(wrote) for i in range(n)}
dup = len(found) - len(set(found))
missing = len(expected - set(found))
extra = len(set(found) - expected)
dropped = int(done["dropped"])
print(f"dropNewest: {sum(wrote)} written, {len(found)} found, reported dropped {dropped}, missing {missing}, "
      f"duplicated {dup}, unexpected {extra}")
check(dropped == missing and dup == 0 and extra == 0 and int(done["lost"]) == 0,
      "dropNewest reports exactly the events that are missing")

print(f"load: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
