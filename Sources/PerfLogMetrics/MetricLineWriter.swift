import Logging
import PerfLog

/// Writes the `counter`, `recorder`, `gauge` and `meter` events of one metric.
struct MetricLineWriter: Sendable {
    let sink: any LineSink
    let logger: String
    let op: String
    let dimensions: Logger.Metadata

    init(sink: any LineSink, logger: String, op: String, dimensions: [(String, String)]) {
        self.sink = sink
        self.logger = logger
        self.op = op
        var md: Logger.Metadata = [:]
        for (k, v) in dimensions { md[k] = .string(v) }
        self.dimensions = md
    }

    func write(kind: String, values: Logger.Metadata) {
        var md = dimensions
        md.merge(values) { _, new in new }
        let event = PerfEvent(level: .info, logger: logger, message: op, event: kind, op: op, metadata: md)
        LineEncoder.withStackBuffer { e in
            e.encode(event)
            e.withBytes { sink.write(line: $0) }
        }
    }
}
