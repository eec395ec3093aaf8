import Logging
@_spi(Internals) import PerfLog

/// A counter, meter, gauge or recorder: values aggregated in memory and written as one line per
/// interval (see ``PerfLogMetricsFactory``).
protocol MetricSeries: AnyObject, Sendable {
    /// The series' `op`, `status` and `meta`.
    var naming: MetricOpNaming.Naming { get }
    /// When the series was created (monotonic nanoseconds).
    var createdNanoseconds: Int64 { get }
    /// The `event` of its lines.
    var kind: StaticString { get }
    /// The numbers of the interval just ended, resetting the interval; `nil` when nothing was
    /// recorded in it.
    func drain() -> [(key: StaticString, value: JSONNumber)]?
}

extension MetricSeries {
    /// Writes the interval line, if anything was recorded.
    ///
    /// - Parameters:
    ///   - intervalMs: the time the interval covered, in milliseconds.
    func writeInterval(to sink: any LineSink, logger: String, timestamp: Timestamp, intervalMs: Double) {
        guard let numbers = drain() else { return }
        let n = naming
        let event = PerfEvent(
            timestamp: timestamp, level: .info, logger: logger, message: n.op, event: String(describing: kind),
            op: n.op,
            status: n.status, metadata: n.meta.isEmpty ? nil : n.meta)
        let fields =
            [(key: StaticString("interval_ms"), value: JSONNumber.double((intervalMs * 1000).rounded() / 1000))]
            + numbers
        LineEncoder.withStackBuffer { e in
            e.encode(event, fields: fields)
            e.withBytes { sink.write(line: $0) }
        }
    }
}

/// Count, sum, minimum, maximum and last value of one interval (gauges, meters, recorders).
struct ValueSummary: Sendable {
    var count: Int64 = 0
    var sum: Double = 0
    var min: Double = .infinity
    var max: Double = -.infinity
    var last: Double = 0

    mutating func record(_ v: Double) {
        count += 1
        sum += v
        if v < min { min = v }
        if v > max { max = v }
        last = v
    }

    /// Starts the next interval (the last value stays).
    mutating func reset() {
        count = 0
        sum = 0
        min = .infinity
        max = -.infinity
    }
}
