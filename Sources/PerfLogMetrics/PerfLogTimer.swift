import CoreMetrics
import Logging
import PerfLog

/// A timer whose recordings are `perf` events (see ``PerfLogMetricsFactory``).
final class PerfLogTimer: TimerHandler {
    let performance: PerformanceLogger
    let op: String
    let status: Int?

    static let statusKeys: Set<String> = ["status", "status_code", "http.status_code", "http.response.status_code"]

    init(sink: any LineSink, logger: String, label: String, dimensions: [(String, String)]) {
        var md: Logger.Metadata = [:]
        var status: Int?
        for (k, v) in dimensions {
            md[k] = .string(v)
            if PerfLogTimer.statusKeys.contains(k), let s = Int(v) { status = s }
        }
        self.performance = PerformanceLogger(label: logger, sink: sink, metadata: md)
        self.op = PerfLogMetricsFactory.operationName(label: label, dimensions: dimensions)
        self.status = status
    }

    func recordNanoseconds(_ duration: Int64) {
        let ms = Double(duration) / 1_000_000
        if let status {
            performance.recordRequest(op: op, durationMs: ms, status: status)
        } else {
            performance.record(op: op, durationMs: ms)
        }
    }

    func preferDisplayUnit(_ unit: TimeUnit) {}
}
