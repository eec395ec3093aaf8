import CoreMetrics
import Synchronization

/// A meter whose changes are `meter` events carrying the new value (see ``PerfLogMetricsFactory``).
final class PerfLogMeter: MeterHandler {
    let writer: MetricLineWriter
    let value = Mutex<Double>(0)

    init(_ writer: MetricLineWriter) { self.writer = writer }

    func set(_ v: Int64) { update { _ in Double(v) } }
    func set(_ v: Double) { update { _ in v } }
    func increment(by amount: Double) { update { $0 + amount } }
    func decrement(by amount: Double) { update { $0 - amount } }

    private func update(_ f: (Double) -> Double) {
        let now = value.withLock { v in
            v = f(v)
            return v
        }
        writer.write(kind: "meter", values: ["value": .string(String(now))])
    }
}
