import CoreMetrics
import PerfLog
import Synchronization

/// A meter: each interval in which it changed writes one `meter` line with its `last` value and
/// the interval's `min` and `max` (see ``PerfLogMetricsFactory``).
final class PerfLogMeter: MeterHandler, MetricSeries {
    let naming: MetricOpNaming.Naming
    let createdNanoseconds = MonotonicClock.nanoseconds()
    let kind: StaticString = "meter"
    private let state = Mutex<(value: Double, summary: ValueSummary)>((0, ValueSummary()))

    init(_ naming: MetricOpNaming.Naming) { self.naming = naming }

    func set(_ v: Int64) { update { _ in Double(v) } }
    func set(_ v: Double) { update { _ in v } }
    func increment(by amount: Double) { update { $0 + amount } }
    func decrement(by amount: Double) { update { $0 - amount } }

    private func update(_ f: (Double) -> Double) {
        state.withLock { s in
            s.value = f(s.value)
            s.summary.record(s.value)
        }
    }

    func drain() -> [(key: StaticString, value: JSONNumber)]? {
        state.withLock { s in
            guard s.summary.count > 0 else { return nil }
            defer { s.summary.reset() }
            return [
                ("last", .double(s.summary.last)), ("min", .double(s.summary.min)), ("max", .double(s.summary.max)),
            ]
        }
    }
}
