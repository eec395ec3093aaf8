import CoreMetrics
import PerfLog
import Synchronization

/// A counter: increments are summed in memory; each interval writes one `counter` line with the
/// interval's `delta` and the running `total` (see ``PerfLogMetricsFactory``).
final class PerfLogCounter: CounterHandler, MetricSeries {
    let naming: MetricOpNaming.Naming
    let createdNanoseconds = MonotonicClock.nanoseconds()
    let kind: StaticString = "counter"
    private let pending = Atomic<Int64>(0)
    private let total = Mutex<Int64>(0)

    init(_ naming: MetricOpNaming.Naming) { self.naming = naming }

    func increment(by amount: Int64) { pending.wrappingAdd(amount, ordering: .relaxed) }

    /// Sets the total back to zero; increments not yet written are dropped with it.
    func reset() {
        total.withLock { t in
            pending.store(0, ordering: .relaxed)
            t = 0
        }
    }

    func drain() -> [(key: StaticString, value: JSONNumber)]? {
        total.withLock { t in
            let delta = pending.exchange(0, ordering: .relaxed)
            guard delta != 0 else { return nil }
            t &+= delta
            return [("delta", .int(delta)), ("total", .int(t))]
        }
    }
}
