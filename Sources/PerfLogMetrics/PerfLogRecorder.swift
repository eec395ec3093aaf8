import CoreMetrics

/// A recorder (or gauge) whose values are `recorder` (`gauge`) events (see ``PerfLogMetricsFactory``).
final class PerfLogRecorder: RecorderHandler {
    let writer: MetricLineWriter
    let kind: String

    init(_ writer: MetricLineWriter, kind: String) {
        self.writer = writer
        self.kind = kind
    }

    func record(_ value: Int64) { writer.write(kind: kind, values: ["value": .string(String(value))]) }
    func record(_ value: Double) { writer.write(kind: kind, values: ["value": .string(String(value))]) }
}
