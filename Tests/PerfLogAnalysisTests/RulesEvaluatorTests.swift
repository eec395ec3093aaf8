import PerfLog
import Testing

@testable import PerfLogAnalysis

@Suite struct RulesEvaluatorTests {
    typealias D = WorkflowData

    /// api p95 = 250 ms (100 events, 10 of them at 250 ms and above); db fast; no llm at all.
    static var mixed: [String] {
        D.series(
            "api.GET /a", from: 0, to: 600, count: 100, durations: [100, 100, 100, 100, 100, 100, 100, 100, 100, 250])
            + D.series("db.q", from: 0, to: 600, count: 50, durations: [5, 7])
    }

    @Test func defaultRulesFireForASlowApiAndJudgeTheOthers() throws {
        let all = try D.check(Self.mixed, rules: DefaultRules.all)
        #expect(all.map(\.rule.name).suffix(2) == ["memory", "cpu"])
        #expect(all.suffix(2).map(\.count) == [0, 0])
        let out = DefaultRules.applicable(all)
        #expect(out.map(\.rule.name) == ["api-p95", "db-p95", "llm-p95", "page-p95", "therapeutic-p95", "error-rate"])
        #expect(out.map(\.state) == [.fired, .ok, .noData, .noData, .noData, .ok])
        #expect(out[0].count == 100)
        #expect(out[0].value == 250)
        #expect(out[1].value == 7)
        #expect(out[2].value == nil)
        #expect(out[5].value == 0)
        #expect(out[5].count == 150)
    }

    @Test func aRuleThatHoldsDoesNotFire() throws {
        let rule = SLORule(
            name: "api", match: RuleMatch(opGlobs: ["api.*"]), stat: .p95, comparison: .greater, threshold: 250)
        let out = try D.check(Self.mixed, rules: [rule])
        #expect(out[0].state == .ok)
        #expect(out[0].value == 250)
        let atLeast = SLORule(
            name: "api", match: RuleMatch(opGlobs: ["api.*"]), stat: .p95, comparison: .greaterOrEqual, threshold: 250)
        #expect(try D.check(Self.mixed, rules: [atLeast])[0].state == .fired)
    }

    @Test func forFiresOnlyWhenEveryWindowAcrossTheDataBreaches() throws {
        // Three 5-minute windows (10:00, 10:05, 10:10); db.q slow in all three.
        let slowEverywhere = D.series("db.q", from: 0, to: 900, count: 90, durations: [150])
        let rule = SLORule(
            name: "db", match: RuleMatch(opGlobs: ["db.*"]), stat: .p95, comparison: .greater, threshold: 100,
            forMicroseconds: 300_000_000)
        let fired = try D.check(slowEverywhere, rules: [rule])[0]
        #expect(fired.state == .fired)
        #expect(
            fired.windows.map(\.start.description) == [
                "2026-11-28T10:00:00.000000Z", "2026-11-28T10:05:00.000000Z", "2026-11-28T10:10:00.000000Z",
            ])
        #expect(fired.windows.map(\.count) == [30, 30, 30])
        #expect(fired.windows.allSatisfy { $0.holds })

        // Slow only in the first two windows: the breach did not last, so the rule does not fire.
        let recovered =
            D.series("db.q", from: 0, to: 600, count: 60, durations: [150])
            + D.series("db.q", from: 600, to: 900, count: 30, durations: [20])
        let ok = try D.check(recovered, rules: [rule])[0]
        #expect(ok.state == .ok)
        #expect(ok.windows.map(\.holds) == [true, true, false])
        #expect(ok.windows.map(\.value) == [150, 150, 20])
        // Over all the data the p95 is still 150 ms: without `for` the rule fires.
        var noFor = rule
        noFor.forMicroseconds = nil
        #expect(try D.check(recovered, rules: [noFor])[0].state == .fired)
    }

    @Test func aWindowWithoutMatchingEventsBreaksTheStreak() throws {
        // db.q slow at 10:00-10:05 and 10:10-10:15; nothing from db at 10:05-10:10 (api only).
        let lines =
            D.series("db.q", from: 0, to: 300, count: 10, durations: [150])
            + D.series("api.x", from: 300, to: 600, count: 10, durations: [1])
            + D.series("db.q", from: 600, to: 900, count: 10, durations: [150])
        let rule = SLORule(
            name: "db", match: RuleMatch(opGlobs: ["db.*"]), stat: .p95, comparison: .greater, threshold: 100,
            forMicroseconds: 300_000_000)
        let r = try D.check(lines, rules: [rule])[0]
        #expect(r.state == .ok)
        #expect(r.windows.map(\.count) == [10, 0, 10])
        #expect(r.windows.map(\.value) == [150, nil, 150])
    }

    @Test func errorRateRulesFireAboveTheirThreshold() throws {
        // 100 api events, every 10th an error: 10%.
        let lines = D.series("api.x", from: 0, to: 60, count: 100, durations: [10], errorEvery: 10)
        let out = try D.check(lines, rules: DefaultRules.all)
        #expect(out[5].state == .fired)
        #expect(out[5].value == 0.1)
        let lenient = SLORule(name: "e", match: RuleMatch(), stat: .errorRate, comparison: .greater, threshold: 0.2)
        #expect(try D.check(lines, rules: [lenient])[0].state == .ok)
    }

    @Test func whereExpressionsSelectTheMatchingEvents() throws {
        let lines =
            D.series("api.x", from: 0, to: 60, count: 20, durations: [10], status: 200)
            + D.series("api.x", from: 0, to: 60, count: 5, durations: [900], status: 503)
        let rule = SLORule(
            name: "5xx-latency", match: RuleMatch(where: try WhereExpression(parsing: "status >= 500")), stat: .max,
            comparison: .greater, threshold: 500)
        let r = try D.check(lines, rules: [rule])[0]
        #expect(r.count == 5)
        #expect(r.value == 900)
        #expect(r.state == .fired)
    }

    @Test func ratePerMinuteCountsMatchingEventsOverTheSpan() throws {
        // 600 events from 10:00:00 to 10:09:59: a span of 9.99 minutes.
        let lines = D.series("api.x", from: 0, to: 600, count: 600, durations: [1])
        let low = SLORule(
            name: "traffic", match: RuleMatch(opGlobs: ["api.*"]), stat: .ratePerMinute, comparison: .less,
            threshold: 10)
        let r = try D.check(lines, rules: [low])[0]
        #expect(r.state == .ok)
        #expect(r.value == 600 / (599.0 / 60))
        // Per one-minute window: 60 events each, a rate of 60/min; the rule `< 100/min for 1m` fires.
        var windowed = low
        windowed.threshold = 100
        windowed.forMicroseconds = 60_000_000
        let w = try D.check(lines, rules: [windowed])[0]
        #expect(w.windows.count == 10)
        #expect(w.windows.allSatisfy { $0.value == 60 })
        #expect(w.state == .fired)
    }

    @Test func fewerEventsThanMinCountIsNoData() throws {
        let lines = D.series("api.x", from: 0, to: 60, count: 5, durations: [900])
        var rule = SLORule(
            name: "api", match: RuleMatch(opGlobs: ["api.*"]), stat: .p95, comparison: .greater, threshold: 200)
        rule.minCount = 10
        let r = try D.check(lines, rules: [rule])[0]
        #expect(r.state == .noData)
        #expect(r.value == nil)
        #expect(r.count == 5)
    }

    @Test func thresholdsAreReadInTheirStatsUnits() {
        func v(_ s: SLOStat, _ t: String) -> Double? { try? s.parseThreshold(t).get() }
        #expect(v(.p95, "200ms") == 200)
        #expect(v(.p95, "0.2s") == 200)
        #expect(v(.p95, "200") == 200)
        #expect(v(.max, "1.5s") == 1500)
        #expect(v(.errorRate, "5%") == 0.05)
        #expect(v(.errorRate, "0.05") == 0.05)
        #expect(v(.errorRate, "5") == nil)
        #expect(v(.ratePerMinute, "600") == 600)
        #expect(v(.ratePerMinute, "600/min") == 600)
        #expect(v(.ratePerMinute, "10/s") == 600)
        #expect(v(.p95, "fast") == nil)
        #expect(v(.p95, "-3ms") == nil)
    }

    @Test func windowsRebucketExactly() throws {
        // A result with 1-minute windows merged into 5-minute ones equals the 5-minute analysis.
        let lines = D.series("db.q", from: 0, to: 900, count: 300, durations: [3, 9, 27, 81, 243])
        let fine = try D.analyze(lines, spec: AnalysisSpec(everyMicroseconds: 60_000_000))
        let coarse = try D.analyze(lines, spec: AnalysisSpec(everyMicroseconds: 300_000_000))
        let merged = fine.rebucketed(everyMicroseconds: 300_000_000)
        #expect(merged.map(\.windowStart) == coarse.rows.map(\.windowStart))
        #expect(merged.map { LatencySummary($0.latency) } == coarse.rows.map { LatencySummary($0.latency) })
        #expect(merged.map(\.errors) == coarse.rows.map(\.errors))
    }
}
