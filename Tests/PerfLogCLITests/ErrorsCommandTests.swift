import Foundation
import Testing

@Suite struct ErrorsCommandTests {
    @Test func jsonReportInWindowsMatchesTheCommittedExpectationExactly() throws {
        let r = try PerfLogBinary.run(["errors", AnalyzeFixture.small.path, "--every", "5m", "--format", "json"])
        #expect(r.stdout == (try AnalyzeFixture.expected("small.errors-every-5m.json")))
        #expect(r.status == 3)
    }

    @Test func tableShowsRatesByStatusClassAndTopErrorTypes() throws {
        let r = try PerfLogBinary.run(["errors", AnalyzeFixture.small.path])
        #expect(r.stdout.contains("Errors: 7 of 53 perf events (13.21%); HTTP 4xx 4 (7.55%), 5xx 3 (5.66%)"))
        #expect(r.stdout.contains("Top error types"))
        #expect(r.stdout.contains("Timeout"))
    }

    @Test func helpHasExamples() throws {
        let r = try PerfLogBinary.run(["errors", "--help"])
        #expect(r.stdout.contains("perflog errors logs/ --every 5m"))
    }
}
