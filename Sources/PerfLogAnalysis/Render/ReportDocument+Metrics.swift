import PerfLog

extension ReportDocument {
    /// One `metrics[]` row (docs/REPORT.md): a metric series (and window) and its numbers by kind.
    public struct MetricRow: Sendable, Equatable, Decodable {
        /// `counter`, `gauge`, `meter` or `recorder`.
        public var kind: String
        /// The series' `op`.
        public var op: String
        /// The series' HTTP `status`, when its lines carry one.
        public var status: Int?
        /// The series' `meta`.
        public var labels: [String: String]
        /// The window's start (RFC 3339), when the report is windowed.
        public var windowStart: String?
        /// Metric lines of the series.
        public var lines: Int64
        /// Counters.
        public var delta, total, ratePerS: Double?
        /// Gauges, meters and recorders.
        public var last, min, mean, max: Double?
        /// Recorders: the number of recorded values.
        public var count: Int64?
        /// Recorders: the sum of the recorded values.
        public var sum: Double?

        enum CodingKeys: String, CodingKey {
            case kind, op, status, labels
            case windowStart = "window_start"
            case lines, delta, total
            case ratePerS = "rate_per_s"
            case last, min,
                mean, max, count, sum
        }

        /// The row of one series of an analysis.
        public init(_ m: MetricSeriesStats, windowed: Bool) {
            kind = m.kind.rawValue
            op = m.op
            status = m.status
            labels = Dictionary(m.labels.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
            windowStart = windowed ? m.windowStart?.description : nil
            lines = m.lines
            switch m.kind {
            case .counter:
                delta = m.delta
                total = m.total
                ratePerS = m.ratePerSecond
            case .gauge, .meter:
                (last, min, mean, max) = (m.last, m.min, m.mean, m.max)
            case .recorder:
                (last, min, mean, max) = (m.last, m.min, m.mean, m.max)
                count = m.count
                sum = m.sum
            }
        }
    }

    /// A metric value: an integer when it is one (below 1e15), else three decimals; `null` when
    /// absent or not finite.
    static func metricNumber(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "null" }
        if v == v.rounded(), v.magnitude < 1e15 { return String(Int64(v)) }
        return JSONWriter.fixed(v, decimals: 3)
    }

    func write(_ m: MetricRow, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("kind")
        w.string(m.kind)
        w.key("op")
        w.string(m.op)
        w.key("status")
        if let s = m.status { w.int(s) } else { w.null() }
        w.key("labels")
        w.beginObject()
        for k in m.labels.keys.sorted() {
            w.key(k)
            w.string(m.labels[k])
        }
        w.endObject()
        if windowed {
            w.key("window_start")
            w.string(m.windowStart)
        }
        w.key("lines")
        w.int(m.lines)
        func number(_ key: String, _ v: Double?) {
            w.key(key)
            w.raw(Self.metricNumber(v))
        }
        switch m.kind {
        case "counter":
            number("delta", m.delta)
            number("total", m.total)
            number("rate_per_s", m.ratePerS)
        case "recorder":
            w.key("count")
            w.int(m.count ?? 0)
            number("sum", m.sum)
            number("mean", m.mean)
            number("min", m.min)
            number("max", m.max)
            number("last", m.last)
        default:
            number("last", m.last)
            number("min", m.min)
            number("mean", m.mean)
            number("max", m.max)
        }
        w.endObject()
    }
}
