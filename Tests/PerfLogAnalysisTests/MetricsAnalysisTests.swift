import Foundation
import PerfLog
import Testing

@testable import PerfLogAnalysis

@Suite struct MetricsAnalysisTests {
    static let lines = [
        #"{"ts":"2026-11-28T10:00:10Z","level":"info","logger":"metrics","msg":"hb.requests POST /chat","event":"counter","op":"hb.requests POST /chat","status":500,"interval_ms":10000,"delta":20,"total":20}"#,
        #"{"ts":"2026-11-28T10:00:20Z","level":"info","logger":"metrics","msg":"hb.requests POST /chat","event":"counter","op":"hb.requests POST /chat","status":500,"interval_ms":10000,"delta":10,"total":30}"#,
        #"{"ts":"2026-11-28T10:00:10Z","level":"info","logger":"metrics","msg":"sessions","event":"gauge","op":"sessions","interval_ms":10000,"last":4,"min":1,"max":9,"meta":{"region":"eu"}}"#,
        #"{"ts":"2026-11-28T10:00:20Z","level":"info","logger":"metrics","msg":"sessions","event":"gauge","op":"sessions","interval_ms":10000,"last":2,"min":2,"max":5,"meta":{"region":"eu"}}"#,
        #"{"ts":"2026-11-28T10:00:20Z","level":"info","logger":"metrics","msg":"payload","event":"recorder","op":"payload","interval_ms":10000,"count":4,"sum":1000,"min":100,"max":400,"last":300}"#,
        #"{"ts":"2026-11-28T10:00:20Z","level":"info","logger":"r","msg":"resources","event":"resource","op":"process","interval_ms":10000,"cpu_percent":12.5,"rss_bytes":1000,"threads":3,"open_fds":7,"load1":0.5,"meta":{"pid":"1","process":"srv"}}"#,
        #"{"ts":"2026-11-28T10:00:30Z","level":"info","logger":"r","msg":"resources","event":"resource","op":"process","interval_ms":10000,"cpu_percent":90,"rss_bytes":3000,"threads":4,"open_fds":7,"load1":0.7,"meta":{"pid":"1","process":"srv"}}"#,
        #"{"ts":"2026-11-28T10:00:30Z","event":"perf","op":"api.POST /chat","duration_ms":5}"#,
    ]

    @Test func countersGaugesRecordersAndResourceSamplesAreSummarised() throws {
        let r = try WorkflowData.analyze(Self.lines)
        #expect(
            r.metrics.map { "\($0.kind.rawValue) \($0.op) \($0.labelText)" } == [
                "counter hb.requests POST /chat ",
                "gauge process.cpu_percent pid=1,process=srv", "gauge process.load1 pid=1,process=srv",
                "gauge process.open_fds pid=1,process=srv", "gauge process.rss_bytes pid=1,process=srv",
                "gauge process.threads pid=1,process=srv", "gauge sessions region=eu",
                "recorder payload ",
            ])
        let c = r.metrics[0]
        #expect(c.status == 500)
        #expect(c.delta == 30)
        #expect(c.total == 30)
        #expect(c.ratePerSecond == 1.5)
        let cpu = r.metrics[1]
        #expect([cpu.min, cpu.mean, cpu.max, cpu.last] == [12.5, 51.25, 90, 90])
        let g = r.metrics[6]
        #expect([g.last, g.min, g.max, g.mean] == [2, 1, 9, 3])
        let rec = r.metrics[7]
        #expect(rec.count == 4)
        #expect(rec.mean == 250)
        #expect(r.rows.map(\.latency.count) == [1])
        let json = ReportJSONRenderer.render(r, kind: .analyze)
        #expect(
            json.contains(
                #""metrics":[{"kind":"counter","op":"hb.requests POST /chat","status":500,"labels":{},"lines":2,"delta":30,"total":30,"rate_per_s":1.500}"#
            ))
        #expect(
            json.contains(
                #"{"kind":"gauge","op":"sessions","status":null,"labels":{"region":"eu"},"lines":2,"last":2,"min":1,"mean":3,"max":9}"#
            ))
        let back = try ReportDocument(json: Data(json.utf8))
        #expect(back.metrics == ReportDocument(r, kind: .analyze).metrics)
        #expect(back.metrics?.first?.ratePerS == 1.5)
        #expect(
            json.contains(
                #"{"kind":"recorder","op":"payload","status":null,"labels":{},"lines":1,"count":4,"sum":1000,"mean":250,"min":100,"max":400,"last":300}]}"#
            ))
    }

    @Test func windowsSplitCounterRates() throws {
        let r = try WorkflowData.analyze(Array(Self.lines[0..<2]), spec: AnalysisSpec(everyMicroseconds: 15_000_000))
        #expect(r.metrics.map(\.delta) == [20, 10])
        #expect(r.metrics.map(\.ratePerSecond) == [2, 1])
        #expect(
            r.metrics.map { $0.windowStart?.description } == [
                "2026-11-28T10:00:00.000000Z", "2026-11-28T10:00:15.000000Z",
            ])
    }

    @Test func logsWithoutMetricsKeepTheirReportUnchanged() throws {
        let r = try WorkflowData.analyze([Self.lines[7]])
        #expect(r.metrics.isEmpty)
        #expect(!ReportJSONRenderer.render(r, kind: .analyze).contains("metrics"))
        #expect(!TableRenderer.render(r, kind: .analyze).contains("Metrics"))
    }

    @Test func rulesOnCounterRatesAndGaugesFire() throws {
        func rule(_ name: String, _ glob: String, _ stat: SLOStat, _ t: Double, for f: Int64? = nil) -> SLORule {
            SLORule(
                name: name, match: RuleMatch(opGlobs: [glob]), stat: stat, comparison: .greater, threshold: t,
                forMicroseconds: f)
        }
        let results = try WorkflowData.check(
            Self.lines,
            rules: [
                rule("rate", "hb.requests *", .counterRatePerSecond, 1),
                rule("rate-high", "hb.requests *", .counterRatePerSecond, 2),
                rule("mem", "process.rss_bytes", .gaugeMax, 2000),
                rule("cpu", "process.cpu_percent", .gaugeMean, 80, for: 10_000_000),
                rule("none", "nothing", .gaugeMax, 1),
            ])
        #expect(results.map(\.state) == [.fired, .ok, .fired, .ok, .noData])
        #expect(results.map(\.value) == [1.5, 1.5, 3000, 51.25, nil])
        // cpu: the window at 10:00:10 has no sample (no data, does not hold), 10:00:20 12.5, 10:00:30 90.
        #expect(results[3].windows.map(\.value) == [nil, 12.5, 90])
    }

    @Test func resourceRulesAreDroppedWithoutResourceSamples() throws {
        let all = try WorkflowData.check([Self.lines[7]], rules: DefaultRules.all)
        #expect(
            DefaultRules.applicable(all).map(\.rule.name) == [
                "api-p95", "db-p95", "llm-p95", "page-p95", "therapeutic-p95", "error-rate",
            ])
        let withSamples = try WorkflowData.check(Self.lines, rules: DefaultRules.all)
        let kept = DefaultRules.applicable(withSamples)
        #expect(kept.map(\.rule.name).suffix(2) == ["memory", "cpu"])
        #expect(kept.suffix(2).map(\.state) == [.ok, .ok])
    }

    @Test func metricThresholdsParseUnits() throws {
        #expect(try SLOStat.gaugeMax.parseThreshold("512MB").get() == 536_870_912)
        #expect(try SLOStat.gaugeMean.parseThreshold("80%").get() == 80)
        #expect(try SLOStat.counterRatePerSecond.parseThreshold("600/min").get() == 10)
        func v(_ s: SLOStat, _ t: String) -> Double? { try? s.parseThreshold(t).get() }
        #expect(v(.counterRatePerSecond, "10/s") == 10)
        #expect(v(.counterRatePerSecond, " 10 ") == 10)
        #expect(v(.counterRatePerSecond, "-1/s") == nil)
        #expect(v(.counterRatePerSecond, "fast/min") == nil)
        #expect(v(.ratePerMinute, "-600/min") == nil)
        #expect(v(.gaugeMax, "1.5KB") == 1536)
        #expect(v(.gaugeMax, "2 GB") == 2_147_483_648)
        #expect(v(.gaugeMean, "-5") == -5)
        #expect(v(.gaugeMean, "inf") == nil)
    }
}
