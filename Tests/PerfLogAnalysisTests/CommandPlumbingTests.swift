import Foundation
import PerfLog
import Testing

@testable import PerfLogAnalysis

private typealias D = WorkflowData

/// The library functions the commands wire together: check lanes, saved-report sniffing, and the
/// standard-input fallback.
@Suite struct CommandPlumbingTests {
    static let lines =
        D.series(
            "api.GET /a", from: 0, to: 600, count: 100, durations: [100, 100, 100, 100, 100, 100, 100, 100, 100, 250])
        + D.series("db.q", from: 0, to: 600, count: 50, durations: [5, 7])

    @Test func checkLanesPutTheBaseLaneFirstThenOneLanePerRule() {
        let rules = Array(DefaultRules.all.prefix(3))
        let lanes = RuleEvaluator.checkLanes(rules)
        #expect(lanes.count == 4)
        #expect(lanes[0].spec.groupBy == [])
        #expect(lanes[0].spec.slowThresholdMilliseconds == AnalysisSpec.noSlowQueries)
        #expect(lanes[0].spec.top == 1)
        let base = AnalysisSpec(groupBy: [FieldPath("op")], everyMicroseconds: 60_000_000)
        let withBase = RuleEvaluator.checkLanes(rules, base: base)
        #expect(withBase[0].spec.groupBy == [FieldPath("op")])
        #expect(withBase[0].spec.everyMicroseconds == 60_000_000)
        #expect(withBase.count == 4)
    }

    @Test func evaluateCheckJudgesEachRuleOverTheBaseLaneSpan() throws {
        let rules = DefaultRules.all
        let results = try D.run(Self.lines, lanes: RuleEvaluator.checkLanes(rules))
        let span = try #require(results[0].input.span)
        #expect(span.lowerBound.microseconds == D.t0)
        #expect(span.upperBound.microseconds == D.t0 + 594_000_000)
        let outcome = DefaultRules.applicable(RuleEvaluator.evaluateCheck(rules, results: results))
        #expect(
            outcome.map(\.rule.name) == ["api-p95", "db-p95", "llm-p95", "page-p95", "therapeutic-p95", "error-rate"])
        #expect(outcome.map(\.state) == [.fired, .ok, .noData, .noData, .noData, .ok])
        #expect(outcome[0].value == 250)
        #expect(outcome[5].count == 150)
    }

    @Test func anInputWithoutTimestampsHasNoSpan() {
        #expect(InputStats().span == nil)
    }

    @Test func aSavedReportIsRecognisedAndLogsAreNot() throws {
        let result = try D.analyze(Self.lines)
        let report = FileManager.default.temporaryDirectory.appendingPathComponent(
            "perflog-side-\(UUID().uuidString).json")
        try Data(ReportJSONRenderer.render(result, kind: .analyze).utf8).write(to: report)
        defer { try? FileManager.default.removeItem(at: report) }
        let side = try #require(try DiffSide.savedReport(atPath: report.path))
        let direct = DiffSide(result: result)
        #expect(side.fields == direct.fields)
        #expect(side.groups.map(\.key) == direct.groups.map(\.key))
        let logs = try D.file(Self.lines)
        defer { try? FileManager.default.removeItem(atPath: logs) }
        #expect(try DiffSide.savedReport(atPath: logs) == nil)
        #expect(try DiffSide.savedReport(atPath: "/nonexistent/perflog-side.json") == nil)
        #expect(try DiffSide.savedReport(atPath: "-") == nil)
    }

    @Test func aBrokenSavedReportNamesTheFile() throws {
        let path = try D.file([#"{"schema":"perflog.report/1","latency":"#])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: DiffInputError.self) { try DiffSide.savedReport(atPath: path) }
        do {
            _ = try DiffSide.savedReport(atPath: path)
        } catch {
            #expect(error.file == path)
            #expect(error.description.hasPrefix(path + ": "))
        }
    }

    @Test func noPathsMeanStandardInputOnlyWhenLinesArePiped() {
        #expect(
            InputResolver.argumentsOrStandardInput(["a.log", "-"], standardInputIsTerminal: true) == ["a.log", "-"])
        #expect(InputResolver.argumentsOrStandardInput([], standardInputIsTerminal: false) == ["-"])
        #expect(InputResolver.argumentsOrStandardInput([], standardInputIsTerminal: true) == nil)
    }
}
