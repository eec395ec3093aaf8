import PerfLog

extension AggregationState {
    /// The numeric fields of a resource sample, each summarised as a gauge named `process.<field>`
    /// (docs/FORMAT.md, "Resource samples").
    static let resourceFields: [StaticString] = ["cpu_percent", "rss_bytes", "open_fds", "threads", "load1"]

    /// Records a metric line (`counter`, `gauge`, `meter`, `recorder`) or a resource sample; any
    /// other record is left alone. Called only for records whose `event` is none of perflog's
    /// measured kinds, so `perf` lines never pay for it.
    mutating func recordMetric(_ record: inout ScannedRecord) {
        guard let ev = record.eventRaw, ev.kind == .string, !ev.hasEscapes else { return }
        let line = record.line
        func number(_ key: StaticString) -> Double? {
            guard let v = JSONObjectWalker.member(of: line, named: StaticText.bytes(key)), v.kind == .number else {
                return nil
            }
            return v.number
        }
        if let kind = MetricKind(event: ev.raw) {
            var values = MetricLineValues(intervalMs: number("interval_ms"))
            switch kind {
            case .counter:
                values.delta = number("delta")
                values.total = number("total")
            case .gauge, .meter:
                values.last = number("last")
                values.min = number("min")
                values.max = number("max")
            case .recorder:
                values.count = number("count").flatMap { $0 >= 0 && $0 < 9e18 ? Int64($0) : nil }
                values.sum = number("sum")
                values.min = number("min")
                values.max = number("max")
                values.last = number("last")
            }
            recordSeries(kind, op: record.op, status: record.status, record: record, values: values)
        } else if ev.raw.elementsEqual("resource".utf8) {
            let interval = number("interval_ms")
            for field in AggregationState.resourceFields {
                guard let v = number(field) else { continue }
                let op = StaticText.string(field)
                recordSeries(
                    .gauge, op: op, resourcePrefix: true, status: nil, record: record,
                    values: MetricLineValues(intervalMs: interval, last: v))
            }
        }
    }

    private mutating func recordSeries(
        _ kind: MetricKind, op: JSONValueRef?, resourcePrefix: Bool = false, status: Int?, record: ScannedRecord,
        values: MetricLineValues
    ) {
        metricKey.removeAll()
        metricKey.append(byte: resourcePrefix ? 0x80 | UInt8(kind.hashValueByte) : UInt8(kind.hashValueByte))
        GroupValue.appendKey(op, to: metricKey)
        metricKey.append(Int64(status ?? -1))
        GroupValue.appendKey(record.meta, to: metricKey)
        var window: Timestamp?
        if let every = spec.everyMicroseconds, every > 0, let ts = record.timestamp {
            let start = RuleEvaluator.align(ts.microseconds, every)
            window = Timestamp(microseconds: start)
            metricKey.append(start)
        }
        let (index, inserted) = metricTable.findOrInsert(metricKey.bytes)
        if inserted {
            var labels: [MetricLabel] = []
            if let meta = record.meta, meta.kind == .object {
                JSONObjectWalker.forEachMember(of: meta.raw) { key, value in
                    labels.append(
                        MetricLabel(
                            key: key,
                            value: value.kind == .string ? value.string : String(decoding: value.raw, as: UTF8.self)))
                }
            }
            let name = op.map { $0.kind == .string ? $0.string : String(decoding: $0.raw, as: UTF8.self) } ?? "-"
            metrics.append(
                MetricSeriesStats(
                    kind: kind, op: resourcePrefix ? "process." + name : name, status: status, labels: labels.sorted(),
                    windowStart: window))
        }
        metrics[index].record(values, timestamp: record.timestamp)
    }
}

extension MetricKind {
    /// A stable byte for group keys.
    var hashValueByte: Int {
        switch self {
        case .counter: 1
        case .gauge: 2
        case .meter: 3
        case .recorder: 4
        }
    }
}
