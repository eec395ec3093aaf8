import PerfLog

/// A `perflog.report/1` JSON report as values: the one model of the format (docs/REPORT.md).
/// ``ReportJSONRenderer`` writes it, `perflog diff` reads a saved one back with
/// ``init(json:)``.
///
/// Written with ``jsonLine``: keys in the documented order, durations in milliseconds with three
/// decimals, rates as fractions with six. Read back, the values are those numbers (a written
/// duration has three decimals); group fields come back in name order.
///
/// ```swift
/// let doc = ReportDocument(result, kind: .analyze)
/// let text = doc.jsonLine                                   // what `--format json` prints
/// let again = try ReportDocument(json: Data(text.utf8))
/// again.latency?.first?.p95Ms                               // 212.4
/// ```
public struct ReportDocument: Sendable, Equatable {
    /// The schema identifier written in every report.
    public static let schema = "perflog.report/1"

    /// What was read.
    public var input: Input
    /// The group fields (`--by`), in the order of each row's ``LatencyRow/group`` values.
    public var groupFields: [String]
    /// Whether rows are per time window (`--every`) and carry a `window_start` (read back: whether
    /// a row has one; a `slow` report has no group rows).
    public var windowed: Bool
    /// Latency per group (`analyze` only).
    public var latency: [LatencyRow]?
    /// Slow queries by fingerprint (`analyze` and `slow`).
    public var slowQueries: SlowQueries?
    /// Error counts (`analyze` and `errors`).
    public var errors: Errors?
    /// Metric series (`analyze`, only when the input has metric lines or resource samples).
    public var metrics: [MetricRow]?

    /// The `input` section.
    public struct Input: Sendable, Equatable {
        /// Input sources read.
        public var files: Int
        /// Bytes read (compressed size for archives).
        public var bytes: UInt64
        /// Lines seen.
        public var lines: Int64
        /// Records that parsed and passed the filters.
        public var events: Int64
        /// Lines that were not a record.
        public var malformed: Int64
        /// `recovered` records: torn lines a writer cut at restart (`nil`: none).
        public var recovered: Int64?
        /// Bytes those records say were cut (`nil` with ``recovered``).
        public var recoveredBytes: Int64?
        /// Earliest `ts` of a counted record (RFC 3339).
        public var from: String?
        /// Latest `ts` of a counted record (RFC 3339).
        public var to: String?
        /// Durations over ``LatencyStats/maxMilliseconds`` left out of the statistics (`nil`: none).
        public var outOfRangeDurations: Int64?

        /// Writes the section as a JSON object (also the `input` of `perflog check`'s JSON).
        package func write(_ w: inout JSONWriter) {
            w.beginObject()
            w.key("files")
            w.int(files)
            w.key("bytes")
            w.raw(String(bytes))
            w.key("lines")
            w.int(lines)
            w.key("events")
            w.int(events)
            w.key("malformed")
            w.int(malformed)
            if let recovered {
                w.key("recovered")
                w.int(recovered)
                w.key("recovered_bytes")
                w.int(recoveredBytes ?? 0)
            }
            w.key("from")
            w.string(from)
            w.key("to")
            w.string(to)
            if let outOfRangeDurations {
                w.key("out_of_range_durations")
                w.int(outOfRangeDurations)
            }
            w.endObject()
        }
    }

    /// One `latency[]` row: a group (and window), its counts and its duration statistics in
    /// milliseconds (`nil` when the group has no duration).
    public struct LatencyRow: Sendable, Equatable {
        /// The group's values, in ``ReportDocument/groupFields`` order.
        public var group: [GroupValue]
        /// The window's start (RFC 3339), when the report is windowed.
        public var windowStart: String?
        /// Events with a duration.
        public var count: Int64
        /// Events whose outcome was an error.
        public var errors: Int64
        /// `errors / count` as a fraction.
        public var errorRate: Double
        /// Duration statistics in milliseconds.
        public var meanMs, minMs, p50Ms, p90Ms, p95Ms, p99Ms, p999Ms, maxMs: Double?
    }

    /// The `slow_queries` section.
    public struct SlowQueries: Sendable, Equatable {
        /// The threshold in milliseconds.
        public var thresholdMs: Double
        /// Slow-query records counted.
        public var count: Int64
        /// One entry per fingerprint, busiest first.
        public var groups: [SlowGroup]
    }

    /// One slow-query fingerprint.
    public struct SlowGroup: Sendable, Equatable {
        /// The fingerprinted query.
        public var fingerprint: String
        /// Records with this fingerprint.
        public var count: Int64
        /// Duration statistics in milliseconds.
        public var totalMs, meanMs, p95Ms, maxMs: Double
        /// First and last occurrence (RFC 3339).
        public var first, last: String?
        /// The ops that ran it, sorted.
        public var ops: [String]
        /// An example query: the fingerprint (the raw text is never logged).
        public var example: String
    }

    /// The `errors` section.
    public struct Errors: Sendable, Equatable {
        /// Over every group.
        public var total: ErrorRow
        /// Per group (and window).
        public var groups: [ErrorRow]
        /// The most frequent error types.
        public var topErrors: [TopError]
    }

    /// Error counts of a group (empty `group` for the total).
    public struct ErrorRow: Sendable, Equatable {
        /// The group's values, in ``ReportDocument/groupFields`` order.
        public var group: [GroupValue]
        /// The window's start (RFC 3339), when the report is windowed.
        public var windowStart: String?
        /// Events, errors, and their ratio as a fraction.
        public var count, errors: Int64
        /// `errors / count`.
        public var errorRate: Double
        /// Events with an HTTP 4xx or 5xx status.
        public var status4xx, status5xx: Int64
    }

    /// One of the most frequent error types.
    public struct TopError: Sendable, Equatable {
        /// The error type (`nil`: an error without one).
        public var error: String?
        /// How often it occurred.
        public var count: Int64
    }

    /// The report of `kind` for an analysis result.
    public init(_ r: AnalysisResult, kind: ReportKind) {
        input = Input(r.input)
        groupFields = r.spec.groupBy.map(\.description)
        windowed = r.spec.everyMicroseconds != nil
        let window: (LatencyCell) -> String? = { [windowed] c in windowed ? c.windowStart?.description : nil }
        func ms(_ ns: Double) -> Double { ns / 1_000_000 }
        if kind == .analyze {
            latency = r.rows.map { c in
                let s = LatencySummary(c.latency)
                let q: (Double) -> Double? = { s.count == 0 ? nil : ms($0) }
                return LatencyRow(
                    group: c.group, windowStart: window(c), count: s.count, errors: c.errors.errors,
                    errorRate: c.errors.errorRate, meanMs: q(s.mean), minMs: q(s.min), p50Ms: q(s.p50), p90Ms: q(s.p90),
                    p95Ms: q(s.p95), p99Ms: q(s.p99), p999Ms: q(s.p999), maxMs: q(s.max))
            }
        }
        if kind == .analyze || kind == .slow {
            slowQueries = SlowQueries(
                thresholdMs: r.spec.slowThresholdMilliseconds, count: r.slowCount,
                groups: r.slowGroups.map { g in
                    let s = LatencySummary(g.stats)
                    return SlowGroup(
                        fingerprint: g.fingerprint, count: s.count, totalMs: ms(Double(g.stats.sumNanoseconds)),
                        meanMs: ms(s.mean), p95Ms: ms(s.p95), maxMs: ms(s.max), first: g.first?.description,
                        last: g.last?.description, ops: g.ops.sorted(), example: g.fingerprint)
                })
        }
        if kind == .analyze || kind == .errors {
            func row(_ e: ErrorCounts, _ group: [GroupValue], _ windowStart: String?) -> ErrorRow {
                ErrorRow(
                    group: group, windowStart: windowStart, count: e.count, errors: e.errors, errorRate: e.errorRate,
                    status4xx: e.status4xx, status5xx: e.status5xx)
            }
            errors = Errors(
                total: row(r.errorsTotal, [], nil),
                groups: r.rows.map { row($0.errors, $0.group, window($0)) },
                topErrors: r.topErrors.map { TopError(error: $0.error, count: $0.count) })
        }
        if kind == .analyze && !r.metrics.isEmpty {
            metrics = r.metrics.map { [windowed] in MetricRow($0, windowed: windowed) }
        }
    }
}

extension ReportDocument.Input {
    /// The section for what an analysis read.
    public init(_ i: InputStats) {
        self.init(
            files: i.files, bytes: i.bytes, lines: i.lines, events: i.events, malformed: i.malformed,
            recovered: i.recovered > 0 ? i.recovered : nil, recoveredBytes: i.recovered > 0 ? i.recoveredBytes : nil,
            from: i.from?.description, to: i.to?.description,
            outOfRangeDurations: i.outOfRangeDurations > 0 ? i.outOfRangeDurations : nil)
    }
}
