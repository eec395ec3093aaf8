import Foundation
import Testing

/// The analyzer against hostile input and arguments, end to end through the built binary: exact
/// sums, bounded rule windows, files read once, defused CSV and Prometheus output, bounded regex
/// matching, argument ranges.
@Suite struct AnalyzerHardeningTests {
    typealias L = WorkflowLines

    @Test func maxLineBytesOutOfRangeIsRefusedWithTheRange() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try L.write(L.series("db.q", count: 3, durations: [10]), "app.log", in: dir)
        for value in ["9223372036854775807", "-1", "0", "63", "1073741825"] {
            for command in ["analyze", "check"] {
                let r = try PerfLogBinary.run([command, log, "--max-line-bytes", value])
                #expect(r.status == 1, "\(command) \(value): \(r.stderr)")
                #expect(
                    r.stderr.hasPrefix(
                        "Error: --max-line-bytes must be between 64 and 1073741824 (1 GiB) (got \(value))\n"),
                    "\(r.stderr)")
                #expect(r.stdout == "")
            }
        }
        let largest = try PerfLogBinary.run(["analyze", log, "--max-line-bytes", "1073741824", "--format", "csv"])
        #expect(largest.status == 0, "\(largest.stderr)")
        #expect(largest.stdout.hasPrefix("op,count,"))
    }

    @Test func csvOutputDefusesFormulasFromTheLogs() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try L.write(
            [L.perf(0, #"=HYPERLINK(\"http://evil.example\",\"open\")"#, 12), L.perf(1, "db.q", 3)], "app.log", in: dir)
        let r = try PerfLogBinary.run(["errors", log, "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout == "op,count,errors,error_rate,status_4xx,status_5xx\r\n"
                + "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")\",1,0,0.000000,0,0\r\n"
                + "db.q,1,0,0.000000,0,0\r\n")
    }

    @Test func prometheusOutputCarriesNoTerminalControl() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try L.write([L.perf(0, #"a\u001b[2J\u0007\u0000\r\u009bz"#, 12)], "app.log", in: dir)
        let r = try PerfLogBinary.run(["analyze", log, "--format", "prometheus"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            !r.stdout.unicodeScalars.contains {
                ($0.value < 0x20 && $0 != "\n") || ($0.value >= 0x7F && $0.value < 0xA0)
            })
        #expect(r.stdout.contains(#"perflog_events_total{op="a\\x1B[2J\\x07\\x00\\x0D\\x9Bz"} 1"#))
    }
}

extension AnalyzerHardeningTests {
    @Test func aSymlinkedFileInADirectoryIsCountedOnceAndStderrSaysSo() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let logs = dir.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try L.write(L.series("db.q", count: 10, durations: [5]), "app.log", in: logs)
        try FileManager.default.createSymbolicLink(atPath: logs.path + "/latest.log", withDestinationPath: "app.log")
        let r = try PerfLogBinary.run(["analyze", "logs", "--format", "json"], directory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix(#"{"schema":"perflog.report/1","input":{"files":1,"#), "\(r.stdout)")
        #expect(r.stdout.contains(#""lines":10,"events":10,"#))
        #expect(r.stderr == "perflog: logs/latest.log is the same file as logs/app.log; read once\n")
        let check = try PerfLogBinary.run(["check", "logs", "logs/app.log"], directory: dir)
        #expect(check.stdout.hasPrefix("SLO check: 10 events"), "\(check.stdout)")
        #expect(
            check.stderr == "perflog: logs/latest.log is the same file as logs/app.log; read once\n"
                + "perflog: logs/app.log is given more than once; read once\n")
    }
}

extension AnalyzerHardeningTests {
    /// 100 lines of 500 ms and two of `1e300`: the issue's case.
    static var hugeDurations: [String] {
        L.series("db.q", count: 100, step: 1, durations: [500]) + [
            L.perf(50, "db.q", 1e300), L.perf(51, "db.q", 1e300),
        ]
    }

    @Test func durationsBeyondAnyRealOneAreReportedAndLeftOut() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try L.write(Self.hugeDurations, "app.log", in: dir)
        let r = try PerfLogBinary.run(["analyze", log, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "perflog: 2 durations over 9e12 ms (about 285 years) left out of the latency statistics\n")
        #expect(
            r.stdout.contains(
                #""out_of_range_durations":2},"latency":[{"op":"db.q","count":100,"errors":0,"error_rate":0.000000,"mean_ms":500.000,"#
            ), "\(r.stdout)")
        let prom = try PerfLogBinary.run(["analyze", log, "--format", "prometheus"])
        #expect(prom.stdout.contains("perflog_duration_seconds_sum{op=\"db.q\"} 50\n"))
        let rules = dir.appendingPathComponent("rules.yml")
        try Data(
            """
            groups:
              - name: g
                rules:
                  - name: SlowMean
                    stat: mean
                    op: ">"
                    threshold: 200ms

            """.utf8
        ).write(to: rules)
        let check = try PerfLogBinary.run(["check", log, "--rules", rules.path])
        #expect(check.status == 2, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("FIRED"))
        #expect(check.stdout.contains("500.0 ms"), "\(check.stdout)")
    }
}

extension AnalyzerHardeningTests {
    /// Runs `perflog` under `ulimit -v` (1 GiB of address space): a command that built a window per
    /// 5 minutes of two thousand years (2-4 GB) dies there instead of passing.
    static func runBounded(_ arguments: [String], in dir: URL) throws -> PerfLogBinary.Run {
        let quoted = ([PerfLogBinary.url.path] + arguments).map { "'" + $0.replacing("'", with: "'\\''") + "'" }
        return try PerfLogBinary.run(
            ["-c", "ulimit -v 1048576 && exec " + quoted.joined(separator: " ")], directory: dir,
            executable: URL(fileURLWithPath: "/bin/sh"))
    }

    @Test func aLineFromYearOneCostsNoMemoryInCheckAndReport() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ancient = #"{"ts":"0001-01-01T00:00:00.000000Z","level":"info","logger":"x","msg":"planted"}"#
        try L.write(
            [ancient]
                + L.series("api.x", count: 100, step: 9, durations: [100, 100, 100, 100, 100, 100, 100, 100, 100, 250]),
            "app.log", in: dir)
        try Data(
            """
            groups:
              - name: g
                rules:
                  - {name: P95, match: "api.*", stat: p95, op: ">", threshold: 200ms, for: 5m}
                  - {name: P95us, match: "api.*", stat: p95, op: ">", threshold: 200ms, for: 1us}
                  - {name: Quiet, match: "api.*", stat: rate_per_min, op: "<", threshold: 10, for: 5m}

            """.utf8
        ).write(to: dir.appendingPathComponent("rules.yml"))
        let r = try Self.runBounded(["check", "app.log", "--rules", "rules.yml"], in: dir)
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        }
        #expect(
            rows.contains([
                "ok", "P95", "api.*", "p95", ">", "200.0", "ms", "for", "5m", "250.0", "ms", "100", "3/213104859",
                "warning",
            ]), "\(r.stdout)")
        #expect(
            rows.contains([
                "ok", "P95us", "api.*", "p95", ">", "200.0", "ms", "for", "1us", "250.0", "ms", "100",
                "10/63931457691000001", "warning",
            ]), "\(r.stdout)")
        #expect(
            rows.contains { $0.first == "FIRED" && $0.contains("Quiet") && $0.contains("213104859/213104859") },
            "\(r.stdout)")
        let json = try Self.runBounded(["check", "app.log", "--rules", "rules.yml", "--format", "json"], in: dir)
        #expect(
            json.stdout.contains(
                #""windows":[{"start":"0001-01-01T00:00:00.000000Z","windows":213104856,"count":0,"value":null,"holds":false},"#
            ))
        let report = try Self.runBounded(["report", "app.log", "--rules", "rules.yml", "--html", "r.html"], in: dir)
        #expect(report.status == 0, "\(report.stderr)")
        let page = try String(contentsOf: dir.appendingPathComponent("r.html"), encoding: .utf8)
        #expect(page.contains("3/213104859"))
    }
}

extension AnalyzerHardeningTests {
    @Test func aCatastrophicRegexAnswersAtOnce() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let evil = String(repeating: "a", count: 25) + "!"
        let log = try L.write(
            [L.perf(0, evil, 5), L.perf(1, String(repeating: "a", count: 25), 7)]
                + (0..<2_000).map { L.perf($0 % 600, String(repeating: "a", count: 200) + "!", 1) },
            "app.log", in: dir)
        // A backtracking matcher took 35 s for one op of 20 a's and a '!'; here 2,000 ops of 200 would
        // never end, and timeout(1) stops the run (status 124) instead of letting the test hang.
        let r = try PerfLogBinary.run(
            ["120", PerfLogBinary.url.path, "analyze", log, "--where", "op ~ /^(a+)+$/", "--format", "csv"],
            executable: URL(fileURLWithPath: "/usr/bin/timeout"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout == "op,count,errors,error_rate,mean_ms,min_ms,p50_ms,p90_ms,p95_ms,p99_ms,p999_ms,max_ms\r\n"
                + "aaaaaaaaaaaaaaaaaaaaaaaaa,1,0,0.000000,7.000,7.000,7.000,7.000,7.000,7.000,7.000,7.000\r\n")
        let bad = try PerfLogBinary.run(["analyze", log, "--where", #"op ~ /(a)\1/"#])
        #expect(bad.status == 1)
        #expect(
            bad.stderr.contains(#"invalid regular expression /(a)\1/: backreferences (\1) are not supported"#),
            "\(bad.stderr)")
    }
}
