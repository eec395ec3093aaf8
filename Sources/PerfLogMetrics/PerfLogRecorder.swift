import CoreMetrics
import PerfLog
import Synchronization

/// A recorder, or a gauge (`aggregate: false`): values are summarised in memory; each interval
/// with values writes one line — a gauge `last`, `min`, `max`; a recorder `count`, `sum`, `min`,
/// `max`, `last` (see ``PerfLogMetricsFactory``). A timer summarised (``TimerRecording/summary``)
/// is a recorder of milliseconds.
final class PerfLogRecorder: RecorderHandler, TimerHandler, MetricSeries {
    let naming: MetricOpNaming.Naming
    let createdNanoseconds = MonotonicClock.nanoseconds()
    let kind: StaticString
    let isGauge: Bool
    private let summary = Mutex(ValueSummary())

    init(_ naming: MetricOpNaming.Naming, gauge: Bool) {
        self.naming = naming
        isGauge = gauge
        kind = gauge ? "gauge" : "recorder"
    }

    func record(_ value: Int64) { record(Double(value)) }
    func record(_ value: Double) { summary.withLock { $0.record(value) } }
    func recordNanoseconds(_ duration: Int64) { record(Double(duration) / 1_000_000) }

    func drain() -> [(key: StaticString, value: JSONNumber)]? {
        summary.withLock { s in
            guard s.count > 0 else { return nil }
            defer { s.reset() }
            if isGauge { return [("last", .double(s.last)), ("min", .double(s.min)), ("max", .double(s.max))] }
            return [
                ("count", .int(s.count)), ("sum", .double(s.sum)), ("min", .double(s.min)), ("max", .double(s.max)),
                ("last", .double(s.last)),
            ]
        }
    }
}
