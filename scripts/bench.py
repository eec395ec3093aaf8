#!/usr/bin/env python3
"""perflog's macro benchmark: the analyzer and writer targets of BENCHMARKS.md, measured side by
side with the tools a user would pick instead, in one run, interleaved, several times.

usage: bench.py [--perflog BIN] [--events N] [--runs K] [--work DIR] [--quick]
Self-contained: generates its data with scripts/gen-events.py; peers (pigz, DuckDB, jq, Python)
are run when installed and skipped otherwise. Prints medians, peak RSS and each target's ratio.
"""
import argparse, json, os, shlex, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))

DUCK = r'''
import duckdb, sys
con = duckdb.connect(); con.execute("SET threads=2")
r = con.execute("""SELECT op, count(*), quantile_cont(duration_ms, 0.95),
  sum(CASE WHEN outcome='error' THEN 1 ELSE 0 END) FROM read_json(?, format='newline_delimited',
  columns={event:'VARCHAR', op:'VARCHAR', duration_ms:'DOUBLE', outcome:'VARCHAR'})
  WHERE event='perf' GROUP BY op ORDER BY op""", [sys.argv[1]]).fetchall()
print(len(r))
'''
PY = r'''
import gzip, json, sys, statistics
from collections import defaultdict
d = defaultdict(list); e = defaultdict(int)
f = gzip.open(sys.argv[1], 'rt') if sys.argv[1].endswith('.gz') else open(sys.argv[1])
for line in f:
    r = json.loads(line)
    if r.get('event') == 'perf':
        d[r['op']].append(r['duration_ms']); e[r['op']] += r.get('outcome') == 'error'
for k in sorted(d):
    v = sorted(d[k]); print(k, len(v), statistics.quantiles(v, n=100, method='inclusive')[94], e[k])
'''


def timed(cmd, rss=False):
    """Runs `cmd`; returns (wall seconds, peak RSS MiB or None, stdout).

    Wall time is taken with a monotonic clock around the process itself (microsecond resolution;
    /usr/bin/time's %e has only 10 ms, too coarse for the 35 ms one-hour analysis). With `rss`,
    the command runs under /usr/bin/time instead, for its peak RSS (%M): /usr/bin/time forks from
    a small process, where a fork of Python would report Python's own size. Those runs are not
    timed: /usr/bin/time's fork and exec add about 1.3 ms, 4% of the one-hour analysis."""
    # Run the command itself, not through bash, when it is a plain argv (optionally with stdout
    # sent to /dev/null): a shell adds a few milliseconds, a lot next to a 35 ms run.
    argv, sink = shlex.split(cmd), subprocess.PIPE
    if argv[-2:] == [">", "/dev/null"]:
        argv, sink = argv[:-2], subprocess.DEVNULL
    if any(t in (">", "<", "|", "&&", ";", "||") for t in argv):
        argv, sink = ["bash", "-c", cmd], subprocess.PIPE
    prefix = ["/usr/bin/time", "-f", "@@ %e %M"] if rss else []
    t0 = time.perf_counter()
    p = subprocess.run(prefix + argv, stdout=sink, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if p.returncode not in (0, 3):
        raise SystemExit("bench: command failed (%d): %s\n%s" % (p.returncode, cmd, p.stderr[-1500:]))
    if not rss:
        return wall, None, p.stdout or ""
    tail = [l for l in p.stderr.splitlines() if l.startswith("@@ ")]
    if not tail:
        raise SystemExit("bench: /usr/bin/time gave no figures: %s\n%s" % (cmd, p.stderr[-1500:]))
    _, _, peak = tail[-1].split()
    return wall, int(peak) / 1024.0, p.stdout or ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--perflog", default=os.path.join(HERE, "..", ".build", "release", "perflog"))
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "perflog-bench-own"))
    ap.add_argument("--quick", action="store_true", help="skip the slow peers (jq, Python)")
    a = ap.parse_args()
    pl = os.path.abspath(a.perflog)
    if not os.access(pl, os.X_OK):
        raise SystemExit("bench: %s not found; build it with: swift build -c release" % pl)
    os.makedirs(a.work, exist_ok=True)
    plain = os.path.join(a.work, "events-%d.ndjson" % a.events)
    gz, own = plain + ".gz", os.path.join(a.work, "events-%d.perflog.log.gz" % a.events)
    if not os.path.exists(plain):
        subprocess.run("%s %s/gen-events.py %d > %s.tmp && mv %s.tmp %s" % (sys.executable, HERE, a.events, plain, plain, plain), shell=True, check=True)
    if not os.path.exists(gz):
        subprocess.run("gzip -6 -c %s > %s.tmp && mv %s.tmp %s" % (plain, gz, gz, gz), shell=True, check=True)
    # The archive the analyses read is made once, before timing: the timed compression writes
    # elsewhere, so no analysis runs while the kernel is still writing back a fresh archive.
    subprocess.run([pl, "compress", plain, "-o", own], check=True)
    subprocess.run(["sync"], check=True)
    have = {t: shutil.which(t) is not None for t in ("pigz", "jq", "igzip")}
    try:
        import duckdb  # noqa: F401
        have["duckdb"] = True
    except ImportError:
        have["duckdb"] = False
    duck, py = os.path.join(a.work, "duck.py"), os.path.join(a.work, "py.py")
    open(duck, "w").write(DUCK)
    open(py, "w").write(PY)
    small = os.path.join(a.work, "events-100k.ndjson")
    if not os.path.exists(small):
        subprocess.run("head -100000 %s > %s" % (plain, small), shell=True, check=True)

    an = "%s analyze --format json" % pl
    since, until = "2026-11-28T06:00:00Z", "2026-11-28T07:00:00Z"
    cases = [
        ("compress: perflog compress (level 6)", "%s compress %s -o %s.timed" % (pl, plain, own)),
        ("compress: pigz -p 1 -6 (raw zlib deflate)", "pigz -p 1 -6 -c %s > /dev/null" % plain),
        ("pigz -dc (gzip -6 file)", "pigz -dc %s > /dev/null" % gz),
        ("pigz -dc (own archive)", "pigz -dc %s > /dev/null" % own),
        ("igzip -dc (gzip -6 file)", "igzip -dc %s > /dev/null" % gz),
        ("igzip -dc (own archive)", "igzip -dc %s > /dev/null" % own),
        ("perflog analyze, gzip -6 file", "%s %s" % (an, gz)),
        ("perflog analyze, own archive", "%s %s" % (an, own)),
        ("perflog analyze, own archive, --threads 1", "%s --threads 1 %s" % (an, own)),
        ("perflog analyze, own archive, 1 hour", "%s --since %s --until %s %s" % (an, since, until, own)),
        ("perflog analyze, plain", "%s %s" % (an, plain)),
    ]
    if have["duckdb"]:
        cases += [("DuckDB 2 threads, .gz", "%s %s %s" % (sys.executable, duck, gz)),
                  ("DuckDB 2 threads, plain", "%s %s %s" % (sys.executable, duck, plain))]
    if not a.quick:
        cases += [("Python json+statistics, .gz", "%s %s %s" % (sys.executable, py, gz))]
        if have["jq"]:
            jq = ('[inputs | select(.event=="perf") | {op, d: .duration_ms}] | group_by(.op) | '
                  'map({op: .[0].op, n: length, p95: (map(.d) | sort | .[(length*0.95|floor)])})')
            cases += [("jq, 100k lines (x scale)", "jq -n -c '%s' %s > /dev/null" % (jq, small))]
    if not have["pigz"]:
        raise SystemExit("bench: pigz is needed (apt-get install pigz)")
    if not have["igzip"]:
        cases = [c for c in cases if not c[0].startswith("igzip")]
    res, outs, peak = {n: [] for n, _ in cases}, {}, {}
    for name, cmd in cases:  # peak RSS: one untimed run of each case under /usr/bin/time
        peak[name] = timed(cmd, rss=True)[1]
        subprocess.run(["sync"])
    for _ in range(a.runs):
        for name, cmd in cases:
            w, _, o = timed(cmd)
            subprocess.run(["sync"])  # untimed: write back what the case wrote before the next one
            if name.startswith("jq"):
                w *= a.events / 100_000.0
            res[name].append(w)
            outs[name] = o
    med = {n: (statistics.median(v), peak[n]) for n, v in res.items()}
    size = os.path.getsize(plain)
    print("data: %d events, %.0f MB plain, %.1f MB gzip -6, %.1f MB own archive; runs %d; nproc %d"
          % (a.events, size / 1e6, os.path.getsize(gz) / 1e6, os.path.getsize(own) / 1e6, a.runs, os.cpu_count()))
    lim = med["pigz -dc (gzip -6 file)"][0]
    print("%-46s %9s %9s %10s" % ("command", "wall s", "peak MiB", "/pigz -dc"))
    for name, _ in cases:
        w, m = med[name]
        print("%-46s %9.3f %9.1f %10.2f" % (name, w, m, w / lim))
    t = lambda n: med[n][0]
    targets = [
        ("1 analyze gzip -6 / pigz -dc same file", t("perflog analyze, gzip -6 file") / lim, "<= 1.15"),
        ("2 analyze own archive (2 threads) / pigz -dc same file", t("perflog analyze, own archive") / t("pigz -dc (own archive)"), "<= 0.65"),
        ("3 analyze plain, GB/s", size / t("perflog analyze, plain") / 1e9, ">= 1.0"),
        ("4 full / one-hour analysis of own archive", t("perflog analyze, own archive") / t("perflog analyze, own archive, 1 hour"), ">= 10"),
        ("5 peak RSS MiB, analyze (max over modes)", max(med[n][1] for n in med if n.startswith("perflog analyze")), "<= 64"),
        ("8 compress throughput / raw zlib (pigz -p 1 -6)", t("compress: pigz -p 1 -6 (raw zlib deflate)") / t("compress: perflog compress (level 6)"), ">= 0.9"),
        # Issue 16: libdeflate and ISA-L.
        ("16.1 compress level 6: speed / zlib (pigz -p 1 -6)", t("compress: pigz -p 1 -6 (raw zlib deflate)") / t("compress: perflog compress (level 6)"), ">= 2.0"),
        ("16.1 compress level 6: own archive size / gzip -6 size", os.path.getsize(own) / os.path.getsize(gz), "<= 1.0"),
        ("16.2 analyze single-stream gzip -6 / pigz -dc same file", t("perflog analyze, gzip -6 file") / lim, "<= 0.50"),
        ("16.2 analyze own archive (2 threads) / pigz -dc same file", t("perflog analyze, own archive") / t("pigz -dc (own archive)"), "<= 0.35"),
        ("16.2 peak RSS MiB, analyze (max over modes)", max(med[n][1] for n in med if n.startswith("perflog analyze")), "<= 32"),
    ]
    print("\ntargets (issues 5 and 16):")
    for name, v, goal in targets:
        ok = eval("%r %s" % (v, goal))
        print("  %-58s %8.2f  goal %-8s %s" % (name, v, goal, "met" if ok else "NOT MET"))
    # Target 3 is absolute; the anchor run had pigz -dc at 0.46 s for 235 MB, where 1 GB/s
    # is 0.52 x pigz -dc (0.24 / 0.46). The same ratio in this run shows it at the machine's speed of the moment.
    rel = t("perflog analyze, plain") / lim
    print("  %-58s %8.2f  (1 GB/s at the issue's anchor speed: <= 0.52)" % ("3 as a ratio: analyze plain / pigz -dc (gzip -6 file)", rel))
    # Correctness: thread-count invariance and agreement with an exact computation.
    same = outs["perflog analyze, own archive"] == outs["perflog analyze, own archive, --threads 1"]
    print("\ncorrectness: --threads 2 and --threads 1 JSON %s" % ("identical" if same else "DIFFER"))
    if have["duckdb"]:
        import duckdb
        exact = {r[0]: r[1:] for r in duckdb.connect().execute(
            "SELECT op, count(*), quantile_cont(duration_ms, 0.95) FROM read_json(?, format='newline_delimited', "
            "columns={event:'VARCHAR', op:'VARCHAR', duration_ms:'DOUBLE'}) WHERE event='perf' GROUP BY op", [plain]).fetchall()}
        rows = {r["op"]: r for r in json.loads(outs["perflog analyze, gzip -6 file"])["latency"]}
        bad = [op for op, (n, p95) in exact.items()
               if op not in rows or rows[op]["count"] != n or abs(rows[op]["p95_ms"] - p95) > 0.002 * p95 + 0.001]
        print("correctness vs DuckDB: %s" % ("all %d ops agree (count exact, p95 within 0.2%%)" % len(exact) if not bad else "DISAGREE: %s" % bad))


if __name__ == "__main__":
    main()
