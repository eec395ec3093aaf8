#!/usr/bin/env python3
"""perflog's own deterministic generator of format-v1 NDJSON for benchmarks and interop checks.

usage: gen-events.py N [--seed S] [--start 2026-11-28T00:00:00Z] [--hours H] > out.ndjson

The op mix follows the platform's monitoring guide: API endpoints, database queries (some slow,
with a slow_query record), LLM calls, therapeutic processing and page loads, log-normal latencies,
errors, HTTP 4xx/5xx, and ~15% plain log lines. Deterministic for a given seed.
"""
import argparse, datetime, json, math, random, sys

# op, median ms, log-normal sigma, error rate, weight
OPS = [
    ("api.POST /api/v1/chat/message", 45, 0.7, 0.015, 30),
    ("api.GET /api/v1/chat/history", 30, 0.6, 0.01, 12),
    ("api.GET /api/v1/user/profile", 18, 0.5, 0.005, 12),
    ("api.POST /api/v1/auth/login", 60, 0.5, 0.03, 4),
    ("db.get_user_profile", 6, 0.9, 0.002, 14),
    ("db.insert_message", 9, 0.8, 0.004, 14),
    ("db.session_statistics", 25, 1.0, 0.003, 4),
    ("db.list_history", 14, 1.1, 0.002, 6),
    ("llm.respond", 900, 0.45, 0.02, 10),
    ("therapeutic.assessment", 160, 0.55, 0.01, 8),
    ("page.load", 420, 0.5, 0.004, 6),
]
SQL = {
    "db.get_user_profile": "SELECT id, name, prefs FROM user_profile WHERE id = '%(u)s'",
    "db.insert_message": "INSERT INTO messages (session_id, body) VALUES ('%(s)s', 'text %(n)d')",
    "db.session_statistics": "SELECT count(id) FROM therapeutic_session WHERE user_id = '%(u)s' AND day > %(n)d",
    "db.list_history": "SELECT * FROM messages WHERE session_id IN (%(ins)s) LIMIT %(n)d",
}
FAIL = {"api": "HTTPError", "db": "ConnectionError", "llm": "TimeoutError", "therapeutic": "ValidationError", "page": "RenderError"}
NOTES = ["session started", "cache miss", "websocket connected", "config reloaded"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--start", default="2026-11-28T00:00:00Z")
    ap.add_argument("--hours", type=float, default=24.0)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    t0 = datetime.datetime.fromisoformat(a.start.replace("Z", "+00:00")).timestamp()
    step = a.hours * 3600.0 / max(1, a.n)
    cum, total = [], 0
    for op in OPS:
        total += op[4]
        cum.append(total)
    enc = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    out = []
    w = sys.stdout.write
    for i in range(a.n):
        t = t0 + (i + rnd.random()) * step
        us = int(round(t * 1e6))
        ts = datetime.datetime.fromtimestamp(us // 1_000_000, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + ".%06dZ" % (us % 1_000_000)
        user = "u%05d" % rnd.randrange(20000)
        meta = {"request_id": "%08x" % rnd.getrandbits(32), "user_id": user}
        if rnd.random() < 0.15:
            out.append(enc({"ts": ts, "level": "info", "logger": "tta.app", "msg": rnd.choice(NOTES), "meta": meta}))
        else:
            r = rnd.random() * total
            k = next(j for j, c in enumerate(cum) if r < c)
            op, med, sig, er, _ = OPS[k]
            kind = op.split(".", 1)[0]
            d = round(med * math.exp(rnd.gauss(0, sig)), 3)
            bad = rnd.random() < er
            rec = {"ts": ts, "level": "error" if bad else "info", "logger": "tta." + kind, "msg": "done",
                   "event": "perf", "op": op, "duration_ms": d, "outcome": "error" if bad else "success"}
            if bad:
                rec["error"] = FAIL[kind]
            if kind == "api":
                rec["status"] = rnd.choice([500, 502, 503]) if bad else (200 if rnd.random() > 0.03 else rnd.choice([400, 404, 429]))
            rec["meta"] = meta
            out.append(enc(rec))
            if kind == "db" and d >= 100:
                q = SQL[op] % {"u": user, "s": "s%06d" % rnd.randrange(10**6), "n": rnd.randrange(1, 500),
                               "ins": ", ".join(str(rnd.randrange(1000)) for _ in range(rnd.randrange(1, 5)))}
                out.append(enc({"ts": ts, "level": "warning", "logger": "tta.db", "msg": "slow query",
                                 "event": "slow_query", "op": op, "duration_ms": d, "outcome": rec["outcome"],
                                 "query": q, "threshold_ms": 100.0}))
        if len(out) >= 10000:
            w("\n".join(out)); w("\n"); out = []
    if out:
        w("\n".join(out)); w("\n")


if __name__ == "__main__":
    main()
