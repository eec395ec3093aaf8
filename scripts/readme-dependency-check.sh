#!/usr/bin/env bash
# Builds a tiny app package whose manifest is README.md's dependency snippet, against a clone of
# this repository (its committed HEAD), and runs it: the README's way of depending on perflog
# works from a clone. Takes a few minutes (perflog and swift-log are compiled for the app).
#
#   scripts/readme-dependency-check.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/perflog"
mkdir -p "$work/App/Sources/App"
# The snippet: from the line after "// Package.swift of your app" to the end of its code block.
snippet=$(awk '/^\/\/ Package.swift of your app/ {on=1; next} on && /^```/ {exit} on {print}' "$root/README.md")
[ -n "$snippet" ] || { echo "readme-dependency-check: no Package.swift snippet in README.md" >&2; exit 1; }
{
    echo '// swift-tools-version:6.0'
    echo 'import PackageDescription'
    echo 'let package = Package('
    echo '    name: "App",'
    echo '    platforms: [.macOS(.v15)],'
    echo "$snippet"
    echo ')'
} > "$work/App/Package.swift"
cat > "$work/App/Sources/App/main.swift" <<'SWIFT'
import Logging
import PerfLog

let config = RotatingFileWriter.Configuration(directory: CommandLine.arguments[1], name: "api")
let writer = try RotatingFileWriter(configuration: config)
LoggingSystem.bootstrapPerfLog(sink: writer)
let perf = PerformanceLogger(logger: Logger(label: "app"))
perf.recordRequest(op: "api.GET /x", durationMs: 12.5, status: 200)
writer.close()
SWIFT
(cd "$work/App" && swift build -j 1 >"$work/build.log" 2>&1) || { tail -30 "$work/build.log" >&2; exit 1; }
(cd "$work/App" && "$(swift build --show-bin-path)/App" "$work/logs")
grep -q '"op":"api.GET /x"' "$work/logs/api.log" || { echo "readme-dependency-check: the app wrote no perf line" >&2; exit 1; }
echo "readme-dependency-check: the README's dependency lines build and run against a clone: ok"
