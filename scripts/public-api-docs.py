#!/usr/bin/env python3
"""Counts the public symbols of perflog's library modules and lists those without a `///` doc.

usage: public-api-docs.py SYMBOLGRAPH_DIR

SYMBOLGRAPH_DIR is what `swift package dump-symbol-graph --minimum-access-level public
--include-spi-symbols` writes (it prints the folder). Symbols declared in Sources/ count; SPI
symbols (`@_spi(Internals)`) are counted apart. A symbol whose only doc is the one it inherits from
a protocol of another package (swift-log's `LogHandler`, swift-metrics' `MetricsFactory`) counts as
undocumented. Prints one line per module and one per undocumented symbol; exits 1 if there is any.
"""
import collections
import glob
import json
import os
import sys

MODULES = ["PerfLog", "PerfLogAnalysis", "PerfLogMetrics", "PerfLogTracing", "PerfLogLifecycle"]


def main():
    folder = sys.argv[1]
    sources = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "Sources")) + "/"
    total, undocumented, missing, seen = collections.Counter(), collections.Counter(), [], set()
    for path in sorted(glob.glob(os.path.join(folder, "*.symbols.json"))):
        module = os.path.basename(path).split(".")[0].split("@")[0]
        if module not in MODULES:
            continue
        for s in json.load(open(path))["symbols"]:
            where = (s.get("location") or {}).get("uri", "").replace("file://", "")
            if not where.startswith(sources) or s.get("accessLevel") not in ("public", "open"):
                continue
            key = s["identifier"]["precise"]
            if key in seen:
                continue
            seen.add(key)
            group = module + (" (SPI)" if s.get("spi") else "")
            total[group] += 1
            doc = s.get("docComment") or {}
            doc_file = doc.get("uri", "").replace("file://", "")
            if not any(line["text"].strip() for line in doc.get("lines", [])) or (doc_file and not doc_file.startswith(sources)):
                undocumented[group] += 1
                line = s["location"]["position"]["line"] + 1
                missing.append("%s:%d: %s has no /// doc" % (where[len(sources):], line, ".".join(s["pathComponents"])))
    for group in sorted(total):
        print("%-22s %5d public, %d undocumented" % (group, total[group], undocumented[group]))
    for m in sorted(missing):
        print("Sources/" + m)
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
