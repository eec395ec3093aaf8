import Foundation
import Testing

@Suite struct DiffCommandTests {
    static let base =
        WorkflowLines.series("api.x", count: 100, durations: [10, 20, 30, 40, 100])
        + WorkflowLines.series("db.q", count: 40, durations: [5])
    static let current =
        WorkflowLines.series("api.x", count: 100, durations: [10, 20, 30, 40, 130])
        + WorkflowLines.series("db.q", count: 40, durations: [5])

    @Test func aRegressionBeyondTheGateExitsWith2() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let b = try WorkflowLines.write(Self.base, "base.log", in: dir)
        let c = try WorkflowLines.write(Self.current, "current.log", in: dir)
        let r = try PerfLogBinary.run(["diff", b, c])
        #expect(r.status == 2)
        #expect(
            r.stdout == """
                  status             op         count                        p50                           p95                           p99     error rate
                  REGRESSED p95,p99  api.x  100 → 100  30.0 ms → 30.0 ms (+0.0%)  100.0 ms → 130.0 ms (+30.0%)  100.0 ms → 130.0 ms (+30.0%)  0.00% → 0.00%
                  ok                 db.q     40 → 40  5.00 ms → 5.00 ms (+0.0%)     5.00 ms → 5.00 ms (+0.0%)     5.00 ms → 5.00 ms (+0.0%)  0.00% → 0.00%

                2 groups compared, 1 regressed (gate: p95 or p99 worse by more than 10.00%, or the error rate worse by more than 10.00% and by at least 1.00 percentage points (--min-error-rate-delta); groups with at least 30 events on both sides)

                """)
        // A wider gate lets the same change pass.
        #expect(try PerfLogBinary.run(["diff", b, c, "--fail-above", "35%"]).status == 0)
        // Too few events to judge: nothing regresses.
        #expect(try PerfLogBinary.run(["diff", b, c, "--min-count", "101"]).status == 0)
    }

    @Test func aSavedJSONReportServesAsTheBase() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let b = try WorkflowLines.write(Self.base, "base.log", in: dir)
        let c = try WorkflowLines.write(Self.current, "current.log", in: dir)
        let saved = try PerfLogBinary.run(["analyze", b, "--format", "json"])
        #expect(saved.status == 0)
        let report = dir.appendingPathComponent("base.json")
        try Data(saved.stdout.utf8).write(to: report)
        let same = try PerfLogBinary.run(["diff", report.path, b, "--format", "json"])
        #expect(same.status == 0)
        #expect(same.stdout.contains(#""regressed":false"#))
        let worse = try PerfLogBinary.run(["diff", report.path, c, "--format", "json"])
        #expect(worse.status == 2)
        #expect(worse.stdout.contains(#"{"key":"api.x","status":"regressed","regressions":["p95","p99"]"#))
        #expect(worse.stdout.contains(#""p95":{"absolute_ms":30.000,"relative":0.300000}"#))
    }

    @Test func badArgumentsAndInputsExitWith1() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let b = try WorkflowLines.write(Self.base, "base.log", in: dir)
        let r = try PerfLogBinary.run(["diff", b, b, "--fail-above", "lots"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("--fail-above: expected a percentage such as 10% (got 'lots')"))
        let windowed = dir.appendingPathComponent("w.json")
        try Data(try PerfLogBinary.run(["analyze", b, "--every", "1m", "--format", "json"]).stdout.utf8).write(
            to: windowed)
        let w = try PerfLogBinary.run(["diff", windowed.path, b])
        #expect(w.status == 1)
        #expect(
            w.stderr
                == "perflog: \(windowed.path): the report has time windows (--every); diff needs a report without --every\n"
        )
        #expect(try PerfLogBinary.run(["diff", b, dir.appendingPathComponent("missing.log").path]).status == 1)
    }
}
