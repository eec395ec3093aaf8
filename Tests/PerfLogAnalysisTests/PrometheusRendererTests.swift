import Foundation
import Testing

@testable import PerfLogAnalysis

@Suite struct PrometheusRendererTests {
    typealias D = WorkflowData

    @Test func rendersSummariesCountersAndInputInSeconds() throws {
        let lines =
            D.series("db.q", from: 0, to: 10, count: 4, durations: [10, 20, 30, 40], errorEvery: 4)
            + [D.perf(1, "api.x", 250, status: 503)]
        let r = try D.analyze(lines)
        let text = PrometheusRenderer.render(r, prefix: "tta_")
        #expect(
            text == """
                # HELP tta_duration_seconds Duration of perf events, in seconds.
                # TYPE tta_duration_seconds summary
                tta_duration_seconds{op="db.q",quantile="0.5"} 0.025
                tta_duration_seconds{op="db.q",quantile="0.9"} 0.037
                tta_duration_seconds{op="db.q",quantile="0.95"} 0.0385
                tta_duration_seconds{op="db.q",quantile="0.99"} 0.0397
                tta_duration_seconds{op="db.q",quantile="0.999"} 0.03997
                tta_duration_seconds_sum{op="db.q"} 0.1
                tta_duration_seconds_count{op="db.q"} 4
                tta_duration_seconds{op="api.x",quantile="0.5"} 0.25
                tta_duration_seconds{op="api.x",quantile="0.9"} 0.25
                tta_duration_seconds{op="api.x",quantile="0.95"} 0.25
                tta_duration_seconds{op="api.x",quantile="0.99"} 0.25
                tta_duration_seconds{op="api.x",quantile="0.999"} 0.25
                tta_duration_seconds_sum{op="api.x"} 0.25
                tta_duration_seconds_count{op="api.x"} 1
                # HELP tta_events_total Perf events.
                # TYPE tta_events_total counter
                tta_events_total{op="db.q"} 4
                tta_events_total{op="api.x"} 1
                # HELP tta_errors_total Perf events whose outcome is an error.
                # TYPE tta_errors_total counter
                tta_errors_total{op="db.q"} 1
                tta_errors_total{op="api.x"} 0
                # HELP tta_http_responses_total Perf events with an HTTP status of 400-499 (class 4xx) or 500-599 (class 5xx).
                # TYPE tta_http_responses_total counter
                tta_http_responses_total{op="db.q",class="4xx"} 0
                tta_http_responses_total{op="db.q",class="5xx"} 0
                tta_http_responses_total{op="api.x",class="4xx"} 0
                tta_http_responses_total{op="api.x",class="5xx"} 1
                # HELP tta_slow_queries_total Slow query records at or over the threshold of 0.1 seconds.
                # TYPE tta_slow_queries_total counter
                tta_slow_queries_total 0
                # HELP tta_slow_query_fingerprint_total Slow query records per query fingerprint (the top fingerprints by total time).
                # TYPE tta_slow_query_fingerprint_total counter
                # HELP tta_input_lines_total Lines read.
                # TYPE tta_input_lines_total counter
                tta_input_lines_total 5
                # HELP tta_input_malformed_lines_total Lines that were not valid records and were skipped.
                # TYPE tta_input_malformed_lines_total counter
                tta_input_malformed_lines_total 0

                """)
    }

    @Test func escapesLabelValuesAndSanitisesNames() {
        #expect(PrometheusRenderer.escapeLabelValue("a\\b\"c\nd") == #"a\\b\"c\nd"#)
        #expect(PrometheusRenderer.metricName("my-app.v2:") == "my_app_v2:")
        #expect(PrometheusRenderer.metricName("2fast_") == "_2fast_")
        #expect(PrometheusRenderer.labelName("meta.user_id") == "meta_user_id")
        #expect(PrometheusRenderer.labelName("__name") == "_name")
        #expect(PrometheusRenderer.labelName("quantile") == "group_quantile")
        #expect(PrometheusRenderer.number(0.1 + 0.2) == "0.3")
        #expect(PrometheusRenderer.number(.infinity) == "+Inf")
    }

    /// Runs Python's `prometheus_client` parser over `text`; returns its stdout, or nil (with
    /// the reason) when python3 or prometheus_client is missing.
    static func parseWithPython(_ text: String) throws -> (output: String?, skipped: String?) {
        let script = """
            import sys
            try:
                from prometheus_client.parser import text_string_to_metric_families
            except ImportError:
                print("SKIP prometheus_client is not installed"); sys.exit(0)
            for fam in text_string_to_metric_families(sys.stdin.read()):
                for s in fam.samples:
                    labels = ",".join(f"{k}={v!r}" for k, v in sorted(s.labels.items()))
                    print(f"{fam.name}|{fam.type}|{s.name}|{labels}|{float(s.value)!r}")
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script]
        let inp = Pipe()
        let out = Pipe()
        p.standardInput = inp
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return (nil, "python3 cannot be run: \(error)") }
        inp.fileHandleForWriting.write(Data(text.utf8))
        try inp.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if p.terminationStatus == 127 { return (nil, "python3 is not installed") }
        let s = String(decoding: data, as: UTF8.self)
        if s.hasPrefix("SKIP ") { return (nil, String(s.dropFirst(5))) }
        #expect(p.terminationStatus == 0, "the Python parser rejected the exposition")
        return (s, nil)
    }

    @Test func pythonsPrometheusParserReadsTheExposition() throws {
        let hostile = "api.GET /a\\\"b\"\nc"  // backslash, quote, newline in an op
        let lines =
            D.series("db.q", from: 0, to: 10, count: 100, durations: [1, 2, 3, 4, 5], errorEvery: 10)
            + [
                #"{"ts":"2026-11-28T10:00:01Z","level":"info","logger":"a","msg":"","event":"perf","op":"api.GET /a\\\"b\"\nc","duration_ms":12.5,"outcome":"success","status":404}"#
            ]
            + [
                #"{"ts":"2026-11-28T10:00:02Z","level":"warning","logger":"db","msg":"","event":"slow_query","op":"db.q","duration_ms":150,"query":"SELECT * FROM t WHERE id = 7","threshold_ms":100}"#
            ]
        let r = try D.analyze(lines)
        #expect(r.rows.map { $0.group.map(\.description) } == [["db.q"], [hostile]])
        let (parsed, skipped) = try Self.parseWithPython(PrometheusRenderer.render(r))
        guard let parsed else {
            print("skipped: \(skipped ?? "")")  // recorded reason: the parser is not available here
            return
        }
        let rows = parsed.split(separator: "\n").map(String.init)
        #expect(
            rows.contains("perflog_duration_seconds|summary|perflog_duration_seconds|op='db.q',quantile='0.95'|0.005"))
        #expect(rows.contains("perflog_duration_seconds|summary|perflog_duration_seconds_count|op='db.q'|100.0"))
        #expect(rows.contains("perflog_duration_seconds|summary|perflog_duration_seconds_sum|op='db.q'|0.3"))
        #expect(rows.contains("perflog_errors|counter|perflog_errors_total|op='db.q'|10.0"))
        #expect(
            rows.contains(
                "perflog_duration_seconds|summary|perflog_duration_seconds_count|op='api.GET /a\\\\\"b\"\\nc'|1.0"))
        #expect(
            rows.contains(
                "perflog_http_responses|counter|perflog_http_responses_total|class='4xx',op='api.GET /a\\\\\"b\"\\nc'|1.0"
            ))
        #expect(rows.contains("perflog_slow_queries|counter|perflog_slow_queries_total||1.0"))
        #expect(
            rows.contains(
                "perflog_slow_query_fingerprint|counter|perflog_slow_query_fingerprint_total|fingerprint='SELECT * FROM t WHERE id = ?'|1.0"
            ))
        #expect(rows.filter { $0.hasPrefix("perflog_duration_seconds|") }.count == 14)
    }
}
