import Foundation
import Testing

@Suite struct SlowCommandTests {
    @Test func jsonReportMatchesTheCommittedExpectationExactly() throws {
        let r = try PerfLogBinary.run(["slow", AnalyzeFixture.small.path, "--threshold", "150ms", "--format", "json"])
        #expect(r.stdout == (try AnalyzeFixture.expected("small.slow-150ms.json")))
        #expect(r.status == 3)
    }

    @Test func rawSqlAndLoggedFingerprintsGroupTogetherAndNoLiteralIsPrinted() throws {
        for format in ["table", "json", "csv"] {
            let r = try PerfLogBinary.run(["slow", AnalyzeFixture.small.path, "--format", format])
            #expect(!r.stdout.contains("example.org"))
            #expect(!r.stdout.contains("x@y.z"))
            #expect(r.stdout.contains("SELECT * FROM messages WHERE session_id IN (?) AND email = ? LIMIT ?"))
        }
        let json = try PerfLogBinary.run(["slow", AnalyzeFixture.small.path, "--format", "json"])
        // 9 slow_query records plus the raw-SQL perf record, all one fingerprint.
        #expect(json.stdout.contains(#""threshold_ms":100.000,"count":10,"groups":[{"fingerprint":"SELECT * FROM messages WHERE session_id IN (?) AND email = ? LIMIT ?","count":10,"#))
    }

    @Test func topLimitsTheGroupsAndHelpHasExamples() throws {
        let r = try PerfLogBinary.run(["slow", "--help"])
        #expect(r.stdout.contains("--top"))
        #expect(r.stdout.contains("perflog slow logs/ --threshold 250ms --top 10"))
        let bad = try PerfLogBinary.run(["slow", AnalyzeFixture.small.path, "--threshold", "fast"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("--threshold"))
    }
}
