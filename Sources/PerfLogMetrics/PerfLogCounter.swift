import CoreMetrics
import Synchronization

/// A counter whose increments are `counter` events (see ``PerfLogMetricsFactory``).
final class PerfLogCounter: CounterHandler {
    let writer: MetricLineWriter
    let total = Atomic<Int64>(0)

    init(_ writer: MetricLineWriter) { self.writer = writer }

    func increment(by amount: Int64) {
        let now = total.wrappingAdd(amount, ordering: .relaxed).newValue
        writer.write(kind: "counter", values: ["value": .string(String(amount)), "total": .string(String(now))])
    }

    func reset() { total.store(0, ordering: .relaxed) }
}
