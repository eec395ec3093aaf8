import Foundation
import Testing

@testable import PerfLogAnalysis

@Suite struct DiffTests {
    typealias D = WorkflowData

    static func stats(_ count: Int64, errors: Int64 = 0, p95: Double, p99: Double) -> DiffStats {
        DiffStats(count: count, errors: errors, p50Ms: p95 / 2, p95Ms: p95, p99Ms: p99)
    }

    @Test func theGateJudgesP95P99AndErrorRate() {
        let gate = DiffGate(failAbove: 0.10, minCount: 30, minErrorRateDelta: 0.01)
        let base = Self.stats(100, errors: 1, p95: 100, p99: 200)
        // exactly +10%
        #expect(gate.regressions(base: base, current: Self.stats(100, errors: 1, p95: 110, p99: 220)).isEmpty)
        #expect(gate.regressions(base: base, current: Self.stats(100, errors: 1, p95: 110.1, p99: 200)) == [.p95])
        #expect(gate.regressions(base: base, current: Self.stats(100, errors: 1, p95: 90, p99: 250)) == [.p99])
        // 1% -> 2%: +100% relative and +1 point absolute.
        #expect(gate.regressions(base: base, current: Self.stats(100, errors: 2, p95: 100, p99: 200)) == [.errorRate])
        // 0.1% -> 0.2%: relative +100% but only +0.1 point: not a regression.
        let big = Self.stats(1000, errors: 1, p95: 100, p99: 200)
        #expect(gate.regressions(base: big, current: Self.stats(1000, errors: 2, p95: 100, p99: 200)).isEmpty)
        // From zero errors only the absolute rise counts.
        let clean = Self.stats(100, errors: 0, p95: 100, p99: 200)
        #expect(gate.regressions(base: clean, current: Self.stats(100, errors: 1, p95: 100, p99: 200)) == [.errorRate])
        // Too few events on one side: never judged.
        #expect(
            gate.regressions(base: Self.stats(29, p95: 100, p99: 200), current: Self.stats(100, p95: 900, p99: 900))
                .isEmpty)
        #expect(gate.regressions(base: base, current: Self.stats(29, errors: 29, p95: 900, p99: 900)).isEmpty)
    }

    @Test func comparesLogsPerOpWithChangesAndNewAndGoneGroups() throws {
        let baseLines =
            D.series("api.x", from: 0, to: 60, count: 100, durations: [10, 20, 30, 40, 100])
            + D.series("db.gone", from: 0, to: 60, count: 40, durations: [5])
        let currentLines =
            D.series("api.x", from: 0, to: 60, count: 100, durations: [10, 20, 30, 40, 150])
            + D.series("llm.new", from: 0, to: 60, count: 40, durations: [900])
        let diff = ReportDiff(
            base: DiffSide(result: try D.analyze(baseLines)), current: DiffSide(result: try D.analyze(currentLines)),
            gate: DiffGate())
        #expect(diff.rows.map(\.key) == ["api.x", "db.gone", "llm.new"])
        #expect(diff.rows.map(\.status) == ["regressed", "gone", "new"])
        #expect(diff.rows[0].regressions == [.p95, .p99])
        #expect(diff.rows[0].base?.p95Ms == 100)
        #expect(diff.rows[0].current?.p95Ms == 150)
        #expect(diff.rows[0].absoluteChange(.p95) == 50)
        #expect(diff.rows[0].relativeChange(.p95) == 0.5)
        #expect(diff.rows[0].relativeChange(.p50) == 0)
        #expect(diff.regressed)
        let lenient = ReportDiff(
            base: DiffSide(result: try D.analyze(baseLines)), current: DiffSide(result: try D.analyze(currentLines)),
            gate: DiffGate(failAbove: 0.6))
        #expect(!lenient.regressed)
    }

    @Test func aSavedReportReadsBackAsTheSameSide() throws {
        let lines =
            D.series("api.x", from: 0, to: 60, count: 100, durations: [10, 20, 30, 40, 100], errorEvery: 20)
            + D.series("db.q", from: 0, to: 60, count: 10, durations: [1.5])
        let result = try D.analyze(lines)
        let json = ReportJSONRenderer.render(result, kind: .analyze)
        #expect(DiffSide.looksLikeReport(Array(json.utf8)))
        #expect(DiffSide.looksLikeReport(Array("  {\n  \"schema\" : \"perflog.report/1\"".utf8)))
        #expect(!DiffSide.looksLikeReport(Array(lines[0].utf8)))
        let parsed = try DiffSide.parseReport(Data(json.utf8), file: "r.json")
        let direct = DiffSide(result: result)
        #expect(parsed.fields == ["op"])
        #expect(parsed.groups.map(\.key) == direct.groups.map(\.key))
        // The report keeps three decimals of milliseconds.
        for (a, b) in zip(parsed.groups.map(\.stats), direct.groups.map(\.stats)) {
            #expect(a.count == b.count && a.errors == b.errors)
            for m in [DiffMetric.p50, .p95, .p99] { #expect(abs((a.value(m) ?? -1) - (b.value(m) ?? -2)) < 0.0005) }
        }
    }

    @Test func reportsWithWindowsOrOtherSchemasAreRefused() throws {
        let lines = D.series("api.x", from: 0, to: 600, count: 10, durations: [10])
        let windowed = ReportJSONRenderer.render(
            try D.analyze(lines, spec: AnalysisSpec(everyMicroseconds: 60_000_000)), kind: .analyze)
        #expect(throws: DiffInputError.self) { try DiffSide.parseReport(Data(windowed.utf8), file: "w.json") }
        do {
            _ = try DiffSide.parseReport(Data(#"{"schema":"other/1"}"#.utf8), file: "o.json")
            Issue.record("accepted another schema")
        } catch {
            #expect(error.description == "o.json: not a perflog.report/1 report (schema: other/1)")
        }
    }

    @Test func rendersTableAndJSON() throws {
        let base = DiffSide(fields: ["op"], groups: [("api.x", Self.stats(100, errors: 1, p95: 100, p99: 200))])
        let current = DiffSide(fields: ["op"], groups: [("api.x", Self.stats(100, errors: 1, p95: 125, p99: 200))])
        let d = ReportDiff(base: base, current: current, gate: DiffGate())
        #expect(
            DiffRenderer.json(d) == """
                {"schema":"perflog.diff/1","fields":["op"],"gate":{"fail_above":0.100000,"min_count":30,"min_error_rate_delta":0.010000},"regressed":true,"groups":[{"key":"api.x","status":"regressed","regressions":["p95"],"base":{"count":100,"errors":1,"error_rate":0.010000,"p50_ms":50.000,"p95_ms":100.000,"p99_ms":200.000},"current":{"count":100,"errors":1,"error_rate":0.010000,"p50_ms":62.500,"p95_ms":125.000,"p99_ms":200.000},"change":{"p50":{"absolute_ms":12.500,"relative":0.250000},"p95":{"absolute_ms":25.000,"relative":0.250000},"p99":{"absolute_ms":0.000,"relative":0.000000},"error_rate":{"absolute":0.000000,"relative":0.000000}}}]}

                """)
        let table = DiffRenderer.table(d)
        #expect(table.contains("REGRESSED p95"))
        #expect(table.contains("100.0 ms → 125.0 ms (+25.0%)"))
        #expect(
            table.hasSuffix(
                "1 groups compared, 1 regressed (gate: p95 or p99 worse by more than 10.00%, or the error rate worse by more than 10.00% and by at least 1.00 percentage points (--min-error-rate-delta); groups with at least 30 events on both sides)\n"
            ))
    }

    @Test func fieldsAreComparedInNameOrderWhateverTheByOrder() throws {
        let lines = [D.perf(0, "api.x", 10, status: 200), D.perf(1, "api.x", 20, status: 500)]
        let a = DiffSide(
            result: try D.analyze(lines, spec: AnalysisSpec(groupBy: [FieldPath("status"), FieldPath("op")])))
        let b = DiffSide(
            result: try D.analyze(lines, spec: AnalysisSpec(groupBy: [FieldPath("op"), FieldPath("status")])))
        #expect(a.fields == ["op", "status"])
        #expect(a.fields == b.fields)
        #expect(a.groups.map(\.key).sorted() == ["api.x, 200", "api.x, 500"])
        #expect(a.groups.map(\.key).sorted() == b.groups.map(\.key).sorted())
    }
}
