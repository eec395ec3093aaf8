import CoreMetrics
import PerfLog

/// A timer whose recordings are `perf` events, one per recording (see ``PerfLogMetricsFactory``).
final class PerfLogTimer: TimerHandler {
    let performance: PerformanceLogger
    let naming: MetricOpNaming.Naming

    init(sink: any LineSink, logger: String, naming: MetricOpNaming.Naming) {
        self.naming = naming
        performance = PerformanceLogger(label: logger, sink: sink, metadata: naming.meta)
    }

    func recordNanoseconds(_ duration: Int64) {
        let ms = Double(duration) / 1_000_000
        if let status = naming.status {
            performance.recordRequest(op: naming.op, durationMs: ms, status: status)
        } else {
            performance.record(op: naming.op, durationMs: ms)
        }
    }

    func preferDisplayUnit(_ unit: TimeUnit) {}
}
