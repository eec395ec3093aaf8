import PerfLog

/// The kind of a metric line (its `event`; docs/FORMAT.md, "Metric lines" and "Resource samples").
public enum MetricKind: String, Sendable, Hashable, Comparable, CaseIterable {
    /// A swift-metrics counter: `delta` and `total` per interval.
    case counter
    /// A gauge (and a resource sample's values): the last, minimum and maximum value per interval.
    case gauge
    /// A swift-metrics meter: like a gauge, set and incremented.
    case meter
    /// A swift-metrics recorder: count, sum, minimum, maximum and last value per interval.
    case recorder

    /// The kind of an `event` value, or `nil` for any other event.
    init?(event raw: UnsafeRawBufferPointer) {
        switch raw.count {
        case 7 where raw.elementsEqual("counter".utf8): self = .counter
        case 5 where raw.elementsEqual("gauge".utf8): self = .gauge
        case 5 where raw.elementsEqual("meter".utf8): self = .meter
        case 8 where raw.elementsEqual("recorder".utf8): self = .recorder
        default: return nil
        }
    }

    public static func < (a: MetricKind, b: MetricKind) -> Bool { a.order < b.order }

    private var order: Int {
        switch self {
        case .counter: 0
        case .gauge: 1
        case .meter: 2
        case .recorder: 3
        }
    }
}

/// One `meta` entry of a metric series: a dimension of the metric, or of a resource sample.
public struct MetricLabel: Sendable, Hashable, Comparable {
    /// The label's key (the `meta` field name).
    public var key: String
    /// The label's value.
    public var value: String

    /// A label `key`=`value`.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    public static func < (a: MetricLabel, b: MetricLabel) -> Bool { (a.key, a.value) < (b.key, b.value) }
}

/// What the metric lines of one series (kind, `op`, `status` and `meta`; per window with
/// `--every`) add up to.
///
/// - counters: ``delta`` (the sum of the lines' `delta`), ``total`` (the latest line's `total`),
///   ``ratePerSecond`` (``delta`` over the time the lines cover, their `interval_ms`);
/// - gauges and meters: ``last`` (of the latest line), ``min`` and ``max`` (of the lines' `min`
///   and `max`), ``mean`` (of the lines' `last`: one value per interval);
/// - recorders: ``count`` and ``sum`` (of the lines' `count` and `sum`), ``mean`` (`sum/count`),
///   ``min``, ``max``, ``last``.
public struct MetricSeriesStats: Sendable {
    /// The kind of the series' lines.
    public var kind: MetricKind
    /// The series' `op` (the metric's label, or the sampler's `process.*` name).
    public var op: String
    /// The series' HTTP `status`, if its lines carry one.
    public var status: Int?
    /// `meta`, sorted by key.
    public var labels: [MetricLabel]
    /// The window's start with `--every`, else `nil`.
    public var windowStart: Timestamp?
    /// Metric lines of the series.
    public var lines: Int64 = 0
    /// The time the lines cover (the sum of their `interval_ms`), in microseconds.
    public var intervalMicroseconds: Int64 = 0
    /// Counters: the sum of `delta`.
    public var delta: Double = 0
    /// Counters: `total` of the latest line.
    public var total: Double?
    /// Recorders: the sum of `count`; gauges and meters: lines with a `last`.
    public var count: Int64 = 0
    /// Recorders: the sum of `sum`; gauges and meters: the sum of `last`.
    public var sum: Double = 0
    /// Gauges, meters and recorders: the smallest `min` of the lines.
    public var min: Double?
    /// Gauges, meters and recorders: the largest `max` of the lines.
    public var max: Double?
    /// `last` of the latest line.
    public var last: Double?
    /// The latest line's time (for ``last`` and ``total``).
    public var lastTimestamp: Timestamp?

    /// An empty series (no line added yet) of `kind` for `op`, `status` and `labels`, in the window
    /// starting at `windowStart` (`nil` without `--every`).
    public init(
        kind: MetricKind, op: String, status: Int? = nil, labels: [MetricLabel] = [], windowStart: Timestamp? = nil
    ) {
        self.kind = kind
        self.op = op
        self.status = status
        self.labels = labels
        self.windowStart = windowStart
    }

    /// Counters: events per second over the time the lines cover; `nil` without any.
    public var ratePerSecond: Double? {
        guard kind == .counter, intervalMicroseconds > 0 else { return nil }
        return delta / (Double(intervalMicroseconds) / 1_000_000)
    }

    /// Gauges, meters and recorders: the mean (see the type's discussion).
    public var mean: Double? {
        guard kind != .counter, count > 0 else { return nil }
        return sum / Double(count)
    }

    /// `labels` as `key=value,…` (empty without labels).
    public var labelText: String { labels.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }

    /// Adds one line's numbers.
    mutating func record(_ line: MetricLineValues, timestamp: Timestamp?) {
        lines += 1
        if let ms = line.intervalMs, ms.isFinite, ms > 0 { intervalMicroseconds += Int64((ms * 1000).rounded()) }
        switch kind {
        case .counter:
            delta += line.delta ?? 0
            if let t = line.total { takeLatest(timestamp) { $0.total = t } }
        case .gauge, .meter:
            if let l = line.last {
                count += 1
                sum += l
                takeLatest(timestamp) { $0.last = l }
            }
        case .recorder:
            count += line.count ?? 0
            sum += line.sum ?? 0
            if let l = line.last { takeLatest(timestamp) { $0.last = l } }
        }
        if let v = line.min ?? (kind == .counter ? nil : line.last) { min = Swift.min(min ?? v, v) }
        if let v = line.max ?? (kind == .counter ? nil : line.last) { max = Swift.max(max ?? v, v) }
    }

    /// Applies `update` when `timestamp` is not older than the latest line seen.
    private mutating func takeLatest(_ timestamp: Timestamp?, _ update: (inout MetricSeriesStats) -> Void) {
        if lastTimestamp == nil || (timestamp.map { $0 >= lastTimestamp! } ?? false) {
            lastTimestamp = timestamp ?? lastTimestamp
            update(&self)
        }
    }

    /// Adds another worker's lines of the same series (order-independent: on equal times the
    /// larger `last` and `total` win).
    mutating func merge(_ o: MetricSeriesStats) {
        lines += o.lines
        intervalMicroseconds += o.intervalMicroseconds
        delta += o.delta
        count += o.count
        sum += o.sum
        if let v = o.min { min = Swift.min(min ?? v, v) }
        if let v = o.max { max = Swift.max(max ?? v, v) }
        let later: Bool
        switch (lastTimestamp, o.lastTimestamp) {
        case (nil, nil):
            later = (o.last ?? -.infinity) > (last ?? -.infinity) || (o.total ?? -.infinity) > (total ?? -.infinity)
        case (nil, _): later = true
        case (_, nil): later = false
        case (let a?, let b?):
            later =
                b > a
                || (b == a
                    && ((o.last ?? -.infinity) > (last ?? -.infinity)
                        || (o.total ?? -.infinity) > (total ?? -.infinity)))
        }
        if later {
            lastTimestamp = o.lastTimestamp
            if o.last != nil { last = o.last }
            if o.total != nil { total = o.total }
        } else {
            if last == nil { last = o.last }
            if total == nil { total = o.total }
        }
    }
}

/// The numbers of one metric line.
struct MetricLineValues {
    var intervalMs: Double?
    var delta: Double?
    var total: Double?
    var count: Int64?
    var sum: Double?
    var min: Double?
    var max: Double?
    var last: Double?
}

extension MetricSeriesStats {
    /// Identifies the series whatever the window: kind, op, status and labels.
    public var seriesKey: String {
        "\(kind.rawValue)\u{0}\(op)\u{0}\(status ?? -1)\u{0}"
            + labels.map { $0.key + "\u{1}" + $0.value }.joined(separator: "\u{0}")
    }

    /// The series with their windows merged into one (order kept by first appearance).
    public static func mergingWindows(_ cells: [MetricSeriesStats]) -> [MetricSeriesStats] {
        var index: [String: Int] = [:]
        var out: [MetricSeriesStats] = []
        for c in cells {
            let key = c.seriesKey
            if let i = index[key] {
                out[i].merge(c)
            } else {
                index[key] = out.count
                var first = c
                first.windowStart = nil
                out.append(first)
            }
        }
        return out
    }
}
