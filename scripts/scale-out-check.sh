#!/usr/bin/env bash
# Loads a perflog archive into DuckDB (read_json) and, when the chdb package is installed, into
# ClickHouse's engine (chdb), runs the SQL of docs/SCALE-OUT.md and checks that per op the counts
# and errors agree EXACTLY with `perflog analyze --format json` and p50/p95/p99 within 0.1%.
#
#   scripts/scale-out-check.sh                 # generates 100,000 events, compresses them, checks
#   N=1000000 scripts/scale-out-check.sh       # more events
#   scripts/scale-out-check.sh logs/*.gz       # your own archives (perflog's or any gzip NDJSON)
#
# Needs python3 with the duckdb package (pip install duckdb). chdb (pip install chdb, ~500 MB) is
# optional and not part of CI. PERFLOG=/path/to/perflog picks the binary; otherwise the package's
# release build (built if missing). Prints one line per engine and exits 1 on any disagreement.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-100000}

if [ -z "${PERFLOG:-}" ]; then
    PERFLOG="$ROOT/.build/release/perflog"
    if [ ! -x "$PERFLOG" ]; then
        echo "building perflog (release)..." >&2
        swift build -c release --package-path "$ROOT" --product perflog >&2
    fi
fi
python3 -c 'import duckdb' 2>/dev/null || { echo "scale-out-check: python3 with the duckdb package is required (pip install duckdb)" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ $# -eq 0 ]; then
    # The script's own data: format-v1 lines like the logger writes (perf events of the platform's
    # kinds of operation, errors, HTTP statuses, slow_query records, plain lines), one day, in order.
    python3 - "$WORK/app.log" "$N" <<'PY'
import json, math, random, sys
path, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(7)
ops = [("api.GET /api/v1/user/profile", 25, True), ("api.POST /api/v1/chat/message", 60, True),
       ("db.get_user_profile", 6, False), ("db.insert_message", 9, False), ("llm.respond", 950, False),
       ("page.load", 420, False), ("therapeutic.assessment", 170, False)]
weights = [20, 25, 15, 15, 8, 7, 10]
t0 = 1795824000_000000  # 2026-11-28T00:00:00Z in microseconds
def ts(us):
    s, frac = divmod(us, 1_000_000)
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(s)) + ".%06dZ" % frac
with open(path, "w") as f:
    for i in range(n):
        us = t0 + i * 86_400_000_000 // n
        op, median, http = rnd.choices(ops, weights)[0]
        d = round(median * math.exp(0.7 * rnd.gauss(0, 1)), 3) or 0.001
        err = rnd.random() < 0.02
        rec = {"ts": ts(us), "level": "error" if err else "info", "logger": "tta." + op.split(".")[0],
               "msg": op + " done", "event": "perf", "op": op, "duration_ms": d,
               "outcome": "error" if err else "success"}
        if err: rec["error"] = rnd.choice(["Timeout", "DBError", "HTTP 500"])
        if http: rec["status"] = (500 if err else rnd.choice([200] * 30 + [404]))
        rec["meta"] = {"user_id": "u%04d" % rnd.randrange(2000)}
        f.write(json.dumps(rec, separators=(",", ":")) + "\n")
        if op.startswith("db.") and d >= 20:
            f.write(json.dumps({"ts": ts(us), "level": "warning", "logger": "tta.db", "msg": "slow query",
                                "event": "slow_query", "op": op, "duration_ms": d, "threshold_ms": 100.0,
                                "query": "SELECT * FROM messages WHERE session_id = ?"}, separators=(",", ":")) + "\n")
        if i % 1000 == 0:
            f.write(json.dumps({"ts": ts(us), "level": "info", "logger": "app", "msg": "heartbeat"}) + "\n")
PY
    "$PERFLOG" compress -q --member-size 4194304 -o "$WORK/app.log.gz" "$WORK/app.log"
    rm "$WORK/app.log"
    set -- "$WORK/app.log.gz"
fi

status=0
"$PERFLOG" analyze "$@" --format json > "$WORK/perflog.json" || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
    echo "scale-out-check: perflog analyze failed with status $status" >&2
    exit 1
fi

python3 - "$WORK/perflog.json" "$@" <<'PY'
import json, sys
report, files = sys.argv[1], sys.argv[2:]
perflog = {row["op"]: row for row in json.load(open(report))["latency"]}

def duckdb_rows():
    import duckdb
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    return con.execute("""
        SELECT op,
               count(duration_ms)                                              AS count,
               count(*) FILTER (WHERE outcome = 'error'
                                   OR (outcome IS NULL AND status >= 500))     AS errors,
               quantile_cont(duration_ms, 0.5)                                 AS p50_ms,
               quantile_cont(duration_ms, 0.95)                                AS p95_ms,
               quantile_cont(duration_ms, 0.99)                                AS p99_ms
        FROM read_json(?, format = 'newline_delimited', ignore_errors = true,
                       columns = {ts: 'VARCHAR', event: 'VARCHAR', op: 'VARCHAR',
                                  duration_ms: 'DOUBLE', outcome: 'VARCHAR', status: 'BIGINT'})
        WHERE event = 'perf'
        GROUP BY op ORDER BY count DESC
    """, [files]).fetchall()

def chdb_rows():
    import chdb
    sources = " UNION ALL ".join(
        "SELECT * FROM file('%s', 'JSONEachRow', 'ts String, event Nullable(String), op Nullable(String), "
        "duration_ms Nullable(Float64), outcome Nullable(String), status Nullable(Int64)')" % p.replace("'", "\\'")
        for p in files)
    sql = """
        SELECT op, count(duration_ms) AS count,
               countIf(outcome = 'error' OR (outcome IS NULL AND status >= 500)) AS errors,
               quantileExactInclusive(0.5)(duration_ms) AS p50_ms,
               quantileExactInclusive(0.95)(duration_ms) AS p95_ms,
               quantileExactInclusive(0.99)(duration_ms) AS p99_ms
        FROM (%s) WHERE event = 'perf' GROUP BY op ORDER BY count DESC
        SETTINGS input_format_skip_unknown_fields = 1, input_format_allow_errors_ratio = 1
    """ % sources
    res = chdb.query(sql, "JSONCompact")
    return [tuple(r) for r in json.loads(res.bytes() if hasattr(res, "bytes") else str(res))["data"]]

def compare(name, rows):
    bad, worst = [], 0.0
    seen = set()
    for op, count, errors, p50, p95, p99 in rows:
        seen.add(op)
        p = perflog.get(op)
        if p is None:
            bad.append(f"{op}: missing from perflog"); continue
        if int(count) != p["count"] or int(errors) != p["errors"]:
            bad.append(f"{op}: count/errors {count}/{errors} vs perflog {p['count']}/{p['errors']}")
        for q, v in (("p50_ms", p50), ("p95_ms", p95), ("p99_ms", p99)):
            v = float(v)
            # perflog's JSON keeps three decimals of milliseconds: allow that rounding too.
            diff = abs(p[q] - v)
            rel = diff / v if v else diff
            if q == "p95_ms": worst = max(worst, rel)
            if diff > max(0.001 * v, 0.0005 + 1e-9):
                bad.append(f"{op}: {q} {v:.4f} vs perflog {p[q]:.3f} ({rel:.4%})")
    for op in perflog:
        if op not in seen and perflog[op]["count"] > 0: bad.append(f"{op}: missing from {name}")
    events = sum(int(r[1]) for r in rows)
    print(f"{name}: {len(rows)} ops, {events} events; counts and errors "
          f"{'agree exactly' if not any('count' in b for b in bad) else 'DIFFER'}; "
          f"p95 max relative difference {worst:.4%} (limit 0.1%) -> {'OK' if not bad else 'FAIL'}")
    for b in bad[:20]: print("  " + b)
    return not bad

ok = compare("duckdb (quantile_cont)", duckdb_rows())
try:
    import chdb  # noqa: F401
except ImportError:
    print("chdb: not installed (pip install chdb, ~500 MB); skipped")
else:
    ok = compare("chdb/ClickHouse (quantileExactInclusive)", chdb_rows()) and ok
sys.exit(0 if ok else 1)
PY
