import Foundation
import Testing

@Suite struct MetricsCommandTests {
    static let lines =
        [
            #"{"ts":"2026-11-28T10:00:10Z","level":"info","logger":"metrics","msg":"hb.requests POST /chat","event":"counter","op":"hb.requests POST /chat","status":500,"interval_ms":10000,"delta":20,"total":20}"#,
            #"{"ts":"2026-11-28T10:00:20Z","level":"info","logger":"metrics","msg":"hb.requests POST /chat","event":"counter","op":"hb.requests POST /chat","status":500,"interval_ms":10000,"delta":10,"total":30}"#,
            #"{"ts":"2026-11-28T10:00:20Z","level":"info","logger":"r","msg":"resources","event":"resource","op":"process","interval_ms":10000,"cpu_percent":12.5,"rss_bytes":600000000,"threads":3,"open_fds":7,"load1":0.5,"meta":{"pid":"1","process":"srv"}}"#,
            #"{"ts":"2026-11-28T10:00:30Z","event":"perf","op":"api.POST /chat","duration_ms":5}"#,
        ].joined(separator: "\n") + "\n"

    @Test func analyzeReportsMetricSeriesInJSONAndTable() throws {
        let json = try PerfLogBinary.run(["analyze", "-", "--format", "json"], stdin: Data(Self.lines.utf8))
        #expect(json.status == 0)
        #expect(
            json.stdout.contains(
                #""metrics":[{"kind":"counter","op":"hb.requests POST /chat","status":500,"labels":{},"lines":2,"delta":30,"total":30,"rate_per_s":1.500},{"kind":"gauge","op":"process.cpu_percent","status":null,"labels":{"pid":"1","process":"srv"},"lines":1,"last":12.500,"min":12.500,"mean":12.500,"max":12.500}"#
            ))
        let table = try PerfLogBinary.run(["analyze", "-"], stdin: Data(Self.lines.utf8))
        #expect(table.stdout.contains("Metrics (6 series)"))
        #expect(table.stdout.contains("counter  hb.requests POST /chat     500"))
    }

    @Test func checkAddsTheResourceLimitsWhenSamplesExist() throws {
        let r = try PerfLogBinary.run(["check", "-", "--format", "json"], stdin: Data(Self.lines.utf8))
        #expect(r.status == 2)
        #expect(r.stdout.contains(#""name":"memory""#))
        #expect(r.stdout.contains(#""name":"cpu""#))
        let plain = try PerfLogBinary.run(
            ["check", "-", "--format", "json"], stdin: Data(Self.lines.split(separator: "\n").last!.utf8 + [0x0A]))
        #expect(plain.status == 0)
        #expect(!plain.stdout.contains(#""name":"memory""#))
    }

    @Test func eventFilterSelectsCounterLines() throws {
        let r = try PerfLogBinary.run(
            ["analyze", "-", "--event", "counter", "--format", "json"], stdin: Data(Self.lines.utf8))
        #expect(r.stdout.contains(#""events":2"#))
        #expect(r.stdout.contains(#""metrics":[{"kind":"counter""#))
        #expect(!r.stdout.contains("process.cpu_percent"))
    }
}

extension MetricsCommandTests {
    @Test func prometheusHasCountersAsCountersAndGaugesAsGauges() throws {
        let r = try PerfLogBinary.run(["analyze", "-", "--format", "prometheus"], stdin: Data(Self.lines.utf8))
        #expect(
            r.stdout.contains(
                "# TYPE perflog_metric_total counter\nperflog_metric_total{op=\"hb.requests POST /chat\",status=\"500\"} 30\n"
            ))
        #expect(
            r.stdout.contains(
                "# TYPE perflog_metric_gauge gauge\nperflog_metric_gauge{op=\"process.cpu_percent\",pid=\"1\",process=\"srv\"} 12.5\n"
            ))
        #expect(
            r.stdout.contains(
                "perflog_metric_gauge_max{op=\"process.rss_bytes\",pid=\"1\",process=\"srv\"} 600000000\n"))
    }
}

extension MetricsCommandTests {
    @Test func csvListsTheSeriesAfterTheLatencyTable() throws {
        let r = try PerfLogBinary.run(["analyze", "-", "--format", "csv"], stdin: Data(Self.lines.utf8))
        let parts = r.stdout.components(separatedBy: "\r\n\r\n")
        #expect(parts.count == 2)
        let rows = parts[1].components(separatedBy: "\r\n")
        #expect(rows[0] == "kind,op,status,labels,lines,delta,total,rate_per_s,count,sum,last,min,mean,max")
        #expect(rows[1] == "counter,hb.requests POST /chat,500,,2,30,30,1.500,,,,,,")
        #expect(rows[2] == "gauge,process.cpu_percent,,\"pid=1,process=srv\",1,,,,,,12.500,12.500,12.500,12.500")
    }
}

extension MetricsCommandTests {
    @Test func theHTMLReportChartsEachGaugeOverTime() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("m.log")
        try Data(Self.lines.utf8).write(to: log)
        let html = dir.appendingPathComponent("r.html")
        let r = try PerfLogBinary.run(["report", log.path, "--html", html.path])
        #expect(r.status == 0)
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("<h2>Gauges over time</h2>"))
        #expect(page.components(separatedBy: "<figcaption>process.").count - 1 == 5)
        #expect(page.contains("mean, min and max of process.rss_bytes (pid=1,process=srv) over time"))
        #expect(page.contains(">memory<"))
    }
}
