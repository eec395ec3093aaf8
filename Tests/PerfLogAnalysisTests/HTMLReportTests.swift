import Foundation
import Testing

@testable import PerfLogAnalysis

@Suite struct HTMLReportTests {
    typealias D = WorkflowData

    static func page(_ lines: [String]) throws -> String {
        let rules = DefaultRules.all
        let results = try D.run(lines, lanes: [AnalysisLane(spec: AnalysisSpec())] + RuleEvaluator.lanes(for: rules))
        let series = try D.analyze(lines, spec: AnalysisSpec(everyMicroseconds: 60_000_000))
        let span = results[0].input.from.flatMap { f in results[0].input.to.map { f...$0 } }
        let outcome = RuleEvaluator.evaluate(rules, laneResults: Array(results.dropFirst()), span: span)
        return HTMLReportRenderer.render(
            .init(result: results[0], series: series, everyMicroseconds: 60_000_000, rules: outcome))
    }

    @Test func thePageHasEveryChartAndNoScriptOrExternalResource() throws {
        let lines =
            D.series("api.x", from: 0, to: 600, count: 200, durations: [10, 20, 300], errorEvery: 25, status: 200)
            + D.series("db.q", from: 0, to: 600, count: 100, durations: [2, 3])
        let html = try Self.page(lines)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // 2 ops over time + error rate
        #expect(html.components(separatedBy: "<svg class=\"chart line-chart\"").count - 1 == 3)
        #expect(html.components(separatedBy: "<svg class=\"chart bar-chart\"").count - 1 == 2)  // one histogram per op
        for id in ["slo", "latency", "timeseries", "errors", "histograms", "slow", "top-errors"] {
            #expect(html.contains("<section id=\"\(id)\">"))
        }
        #expect(!html.lowercased().contains("<script"))
        #expect(
            !html.contains("http://")
                || html.components(separatedBy: "http://").count - 1 == html.components(
                    separatedBy: "http://www.w3.org/2000/svg"
                ).count - 1)
        #expect(!html.contains("https://"))
        #expect(html.contains("<span class=\"fired\">FIRED</span>"))  // api p95 = 300 ms
    }

    @Test func everyLogDerivedStringIsEscaped() throws {
        let evil = #"api.<script>alert(1)</script>&"'"#  // as the JSON line below decodes
        let lines = [
            #"{"ts":"2026-11-28T10:00:00Z","level":"info","logger":"a","msg":"","event":"perf","op":"api.<script>alert(1)</script>&\"'","duration_ms":5,"outcome":"error","error":"<img src=x onerror=alert(2)>"}"#,
            #"{"ts":"2026-11-28T10:00:01Z","level":"warning","logger":"db","msg":"","event":"slow_query","op":"db.<b>","duration_ms":150,"query":"SELECT '<x>' FROM t"}"#,
        ]
        let html = try Self.page(lines)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(html.contains(HTMLText.escape(evil)))
        #expect(HTMLText.escape(evil) == "api.&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;")
        #expect(html.contains("&lt;img src=x onerror=alert(2)&gt;"))
    }

    @Test func theChartWindowFollowsTheSpan() {
        #expect(HTMLReportRenderer.autoWindow(spanMicroseconds: 0) == 1_000_000)
        #expect(HTMLReportRenderer.autoWindow(spanMicroseconds: 59_000_000) == 1_000_000)
        #expect(HTMLReportRenderer.autoWindow(spanMicroseconds: 3_600_000_000) == 120_000_000)
        #expect(HTMLReportRenderer.autoWindow(spanMicroseconds: 86_400_000_000) == 1_800_000_000)
    }

    @Test func histogramBinsCountEveryEvent() throws {
        let r = try D.analyze(D.series("api.x", from: 0, to: 60, count: 500, durations: [1, 2, 5, 10, 50, 100, 1000]))
        let bins = r.rows[0].latency.logBins(24)
        #expect(bins.count == 24)
        #expect(bins.reduce(0) { $0 + $1.count } == 500)
        #expect(bins.first!.lowerNanoseconds == 1_000_000)
        #expect(bins.last!.upperNanoseconds == 1_000_000_000)
    }
}
