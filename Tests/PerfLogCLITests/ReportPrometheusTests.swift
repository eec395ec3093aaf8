import Foundation
import Testing

/// `perflog analyze --format prometheus` end to end.
@Suite struct ReportPrometheusTests {
    @Test func analyzeWritesTheExpositionWithTheChosenPrefix() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try WorkflowLines.write(
            WorkflowLines.series("db.q", count: 4, durations: [10, 20, 30, 40], errorEvery: 4), "app.log", in: dir)
        let r = try PerfLogBinary.run(["analyze", log, "--format", "prometheus", "--metric-prefix", "tta_"])
        #expect(r.status == 0)
        #expect(
            r.stdout.hasPrefix(
                """
                # HELP tta_duration_seconds Duration of perf events, in seconds.
                # TYPE tta_duration_seconds summary
                tta_duration_seconds{op="db.q",quantile="0.5"} 0.025
                tta_duration_seconds{op="db.q",quantile="0.9"} 0.037
                tta_duration_seconds{op="db.q",quantile="0.95"} 0.0385
                tta_duration_seconds{op="db.q",quantile="0.99"} 0.0397
                tta_duration_seconds{op="db.q",quantile="0.999"} 0.03997
                tta_duration_seconds_sum{op="db.q"} 0.1
                tta_duration_seconds_count{op="db.q"} 4
                # HELP tta_events_total Perf events.
                # TYPE tta_events_total counter
                tta_events_total{op="db.q"} 4
                # HELP tta_errors_total Perf events whose outcome is an error.
                # TYPE tta_errors_total counter
                tta_errors_total{op="db.q"} 1

                """))
        let plain = try PerfLogBinary.run(["analyze", log, "--format", "prometheus", "--by", "op,meta.x"])
        #expect(plain.stdout.contains(#"perflog_events_total{op="db.q",meta_x=""} 4"#))
    }
}
