import Foundation
import Testing

@testable import PerfLogAnalysis

/// Latency sums never wrap, and a duration beyond any real one is counted and left out instead of
/// being folded into the statistics.
@Suite struct LatencySumTests {
    typealias D = WorkflowData

    @Test func theSumOfHugeDurationsIsExact() {
        var s = LatencyStats()
        for _ in 0..<3 { s.record(nanoseconds: 9_000_000_000_000_000_000) }
        #expect(s.sumNanoseconds == Int128(27_000_000_000_000_000_000))
        #expect(s.meanNanoseconds == 9e18)
        var merged = LatencyStats()
        merged.merge(s)
        merged.merge(s)
        #expect(merged.sumNanoseconds == Int128(54_000_000_000_000_000_000))
    }

    /// The issue's case: 100 lines of 500 ms and two of `1e300` gave a negative mean and `_sum`.
    static var hugeDurations: [String] {
        D.series("db.q", from: 0, to: 100, count: 100, durations: [500])
            + [D.perf(50, "db.q", 1e300), D.perf(51, "db.q", 1e300)]
    }

    @Test func durationsOverTheBoundAreCountedAndLeftOut() throws {
        let r = try D.analyze(Self.hugeDurations)
        #expect(r.input.outOfRangeDurations == 2)
        #expect(r.input.events == 102)
        #expect(r.rows.count == 1)
        #expect(r.rows[0].errors.count == 102)
        #expect(r.rows[0].latency.count == 100)
        #expect(r.rows[0].latency.sumNanoseconds == 50_000_000_000)
        #expect(r.rows[0].latency.meanNanoseconds == 500_000_000)
        #expect(r.rows[0].latency.maxNanoseconds == 500_000_000)
        let text = PrometheusRenderer.render(r)
        #expect(text.contains("perflog_duration_seconds_sum{op=\"db.q\"} 50\n"))
        #expect(text.contains("perflog_duration_seconds_count{op=\"db.q\"} 100\n"))
        let json = ReportJSONRenderer.render(r, kind: .analyze)
        #expect(json.contains(#""to":"2026-11-28T10:01:39.000000Z","out_of_range_durations":2},"#), "\(json)")
        #expect(json.contains(#""mean_ms":500.000"#))
        let doc = try ReportDocument(json: Data(json.utf8))
        #expect(doc.input.outOfRangeDurations == 2)
        #expect(TableRenderer.render(r, kind: .analyze).contains(", 2 durations out of range\n"))
    }

    @Test func theBoundItselfIsAcceptedAndCleanInputHasNoKey() throws {
        let r = try D.analyze([D.perf(0, "db.q", 9e12), D.perf(1, "db.q", 9.000001e12)])
        #expect(r.input.outOfRangeDurations == 1)
        #expect(r.rows[0].latency.sumNanoseconds == 9_000_000_000_000_000_000)
        let clean = try D.analyze([D.perf(0, "db.q", 5)])
        #expect(clean.input.outOfRangeDurations == 0)
        #expect(!ReportJSONRenderer.render(clean, kind: .analyze).contains("out_of_range"))
    }

    @Test func aMeanRuleFiresOnTheCleanDurations() throws {
        let rule = SLORule(name: "mean", match: RuleMatch(), stat: .mean, comparison: .greater, threshold: 200)
        let results = try D.check(Self.hugeDurations, rules: [rule])
        #expect(results[0].state == .fired)
        #expect(results[0].value == 500)
    }
}
