import Foundation
import Testing

@Suite struct AnalyzeCommandTests {
    @Test func jsonReportMatchesTheCommittedExpectationExactly() throws {
        let r = try PerfLogBinary.run(["analyze", AnalyzeFixture.small.path, "--format", "json"])
        #expect(r.stdout == (try AnalyzeFixture.expected("small.analyze.json")))
        #expect(r.status == 3)  // one torn line: the input was incomplete
        #expect(r.stderr.contains("small.ndjson:21: unexpected end of line"))
    }

    @Test func groupingByAUserInWindowsMatchesTheCommittedExpectation() throws {
        let r = try PerfLogBinary.run([
            "analyze", AnalyzeFixture.small.path, "--by", "meta.user_id", "--every", "10m", "--format", "json",
        ])
        #expect(r.stdout == (try AnalyzeFixture.expected("small.analyze-by-user-every-10m.json")))
    }

    @Test func csvByOpAndStatusMatchesTheCommittedExpectation() throws {
        let r = try PerfLogBinary.run(["analyze", AnalyzeFixture.small.path, "--by", "op,status", "--format", "csv"])
        #expect(r.stdout == (try AnalyzeFixture.expected("small.analyze-by-op-status.csv")))
    }

    @Test func gzipSplitFilesStdinAndThreadCountsGiveTheSameNumbers() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let expected = AnalyzeFixture.withoutSizes(try AnalyzeFixture.expected("small.analyze.json"))
        let gz = dir.appendingPathComponent("small.ndjson.gz")
        try AnalyzeFixture.gzip(AnalyzeFixture.small, to: gz)
        let lines = try String(contentsOf: AnalyzeFixture.small, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let a = dir.appendingPathComponent("a.log")
        let b = dir.appendingPathComponent("b.log")
        try (lines[0..<40].joined(separator: "\n") + "\n").write(to: a, atomically: true, encoding: .utf8)
        try lines[40...].joined(separator: "\n").write(to: b, atomically: true, encoding: .utf8)
        for args in [
            [gz.path], [a.path, b.path], [AnalyzeFixture.small.path, "--threads", "1"],
            [AnalyzeFixture.small.path, "--threads", "2"],
        ] {
            let r = try PerfLogBinary.run(["analyze", "--format", "json"] + args)
            var out = AnalyzeFixture.withoutSizes(r.stdout)
            // The torn line is line 21 of the whole, still line 21 of a.log: the output is the same.
            out = out.replacingOccurrences(of: "\"lines\":80", with: "\"lines\":79")
            #expect(out == expected, "\(args)")
            #expect(r.status == 3)
        }
        let piped = try PerfLogBinary.run(
            ["analyze", "--format", "json", "-"], stdin: try Data(contentsOf: AnalyzeFixture.small))
        #expect(AnalyzeFixture.withoutSizes(piped.stdout) == expected)
    }

    @Test func tableIsReadableAndNeutralisesEscapeSequences() throws {
        let r = try PerfLogBinary.run(["analyze", AnalyzeFixture.small.path])
        #expect(r.stdout.contains("Latency by op (4 rows)"))
        #expect(r.stdout.contains("db.list_history"))
        #expect(r.stdout.contains(" ms "))
        #expect(r.stdout.contains("api.GET /evil\\x1B[2J"))
        #expect(!r.stdout.unicodeScalars.contains { $0.value == 0x1B })
        #expect(!r.stdout.contains("example.org"))
    }

    @Test func filtersApplyBeforeAggregation() throws {
        let r = try PerfLogBinary.run([
            "analyze", AnalyzeFixture.small.path, "--op", "llm.*", "--where", "duration > 1.5s", "--format", "csv",
        ])
        let rows = r.stdout.split(separator: "\r\n")
        #expect(rows.count == 2)
        #expect(rows[1].hasPrefix("llm.respond,"))
    }

    @Test func badArgumentsNameTheArgumentAndExitWithOne() throws {
        let bad = try PerfLogBinary.run(["analyze", AnalyzeFixture.small.path, "--where", "duration >"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("--where: expected a value after '>' at column 11"))
        #expect(bad.stderr.contains("            ^"))
        let every = try PerfLogBinary.run(["analyze", AnalyzeFixture.small.path, "--every", "5x"])
        #expect(every.status == 1)
        #expect(every.stderr.contains("--every"))
        let missing = try PerfLogBinary.run(["analyze", "/nonexistent/perflog-file"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/perflog-file"))
    }

    @Test func cleanInputExitsWithZero() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("ok.log")
        try
            #"{"ts":"2026-11-28T10:00:00.000000Z","level":"info","logger":"t","msg":"","event":"perf","op":"a","duration_ms":1.5,"outcome":"success"}"#
            .appending("\n").write(to: f, atomically: true, encoding: .utf8)
        let r = try PerfLogBinary.run(["analyze", f.path, "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.contains(#""latency":[{"op":"a","count":1,"errors":0,"error_rate":0.000000,"mean_ms":1.500,"#))
    }

    @Test func helpExplainsTheCommandWithExamples() throws {
        let r = try PerfLogBinary.run(["analyze", "--help"])
        #expect(r.status == 0)
        for s in [
            "--by", "--every", "--threshold", "--since", "--where", "--format", "Examples:", "perflog analyze samples/",
        ] {
            #expect(r.stdout.contains(s), "\(s)")
        }
    }

    @Test func timeWindowAndLevelFiltersSelectTheRecords() throws {
        let r = try PerfLogBinary.run([
            "analyze", AnalyzeFixture.small.path, "--since", "2026-11-28T10:10:00Z", "--until", "2026-11-28T10:15:00Z",
            "--format", "json",
        ])
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let input = doc["input"] as! [String: Any]
        #expect((input["from"] as! String) >= "2026-11-28T10:10:00.000000Z")
        #expect((input["to"] as! String) < "2026-11-28T10:15:00.000000Z")
        #expect((input["events"] as! Int) < 77)
        let errors = try PerfLogBinary.run([
            "analyze", AnalyzeFixture.small.path, "--level", "error", "--format", "json",
        ])
        let e = try JSONSerialization.jsonObject(with: Data(errors.stdout.utf8)) as! [String: Any]
        let total = (e["errors"] as! [String: Any])["total"] as! [String: Any]
        #expect(total["count"] as! Int == 7)
        #expect(total["errors"] as! Int == 7)
    }

    @Test func aTruncatedArchiveIsReadUpToTheBreakAndExitsWithThree() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gz = dir.appendingPathComponent("cut.log.gz")
        try AnalyzeFixture.gzip(AnalyzeFixture.small, to: gz)
        let whole = try Data(contentsOf: gz)
        try whole.prefix(whole.count * 2 / 3).write(to: gz)
        let r = try PerfLogBinary.run(["analyze", gz.path, "--format", "json"])
        #expect(r.status == 3)
        #expect(r.stdout.hasPrefix(#"{"schema":"perflog.report/1","#))
        #expect(r.stderr.contains("cut.log.gz"))
        #expect(r.stderr.contains("the input was incomplete"))
    }

    @Test func aBadGroupFieldIsRejected() throws {
        let r = try PerfLogBinary.run(["analyze", AnalyzeFixture.small.path, "--by", "op,,status"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("--by"))
    }
}
