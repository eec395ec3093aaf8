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
        #expect(
            json.stdout.contains(
                #""threshold_ms":100.000,"count":10,"groups":[{"fingerprint":"SELECT * FROM messages WHERE session_id IN (?) AND email = ? LIMIT ?","count":10,"#
            ))
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

@Suite struct SlowCommandDialectTests {
    /// Two slow queries written raw by another tool: a PostgreSQL path ending in a backslash, and a
    /// MySQL `#` comment.
    static let log =
        [
            #"{"ts":"2026-11-28T10:00:01.000000Z","level":"warning","event":"slow_query","op":"db.files","duration_ms":150.0,"query":"SELECT * FROM files WHERE path = 'C:\\dir\\' AND owner = 'Johnathan SECRET'"}"#,
            #"{"ts":"2026-11-28T10:00:02.000000Z","level":"warning","event":"slow_query","op":"db.users","duration_ms":250.0,"query":"SELECT * FROM users WHERE id = 7 # owner's SECRET note\nAND b = 2"}"#,
        ].joined(separator: "\n") + "\n"

    func slow(_ extra: [String]) throws -> PerfLogBinary.Run {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("raw.log")
        try Data(Self.log.utf8).write(to: file)
        return try PerfLogBinary.run(["slow", file.path, "--format", "csv"] + extra)
    }

    @Test func genericFailsClosedAndEachDialectReadsItsOwnQueries() throws {
        let generic = try slow([])
        #expect(generic.status == 0)
        #expect(!generic.stdout.lowercased().contains("secret"))
        #expect(generic.stdout.contains("\nSELECT * FROM files WHERE path = ?,"))
        #expect(generic.stdout.contains("\nSELECT * FROM users WHERE id = ? ?,"))
        let pg = try slow(["--dialect", "postgresql"])
        #expect(pg.stdout.contains("\nSELECT * FROM files WHERE path = ? AND owner = ?,"))
        let mysql = try slow(["--dialect", "mysql"])
        #expect(mysql.stdout.contains("\nSELECT * FROM users WHERE id = ? AND b = ?,"))
        let bad = try slow(["--dialect", "oracle"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("--dialect"))
        let help = try PerfLogBinary.run(["slow", "--help"])
        #expect(help.stdout.contains("--dialect <generic|mysql|postgresql|sqlite>"))
    }
}
