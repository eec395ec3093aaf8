import PerfLog

/// The `perflog.report/1` JSON schema as `Codable` values, for tools that read a saved report
/// back (`perflog diff` compares two of them). perflog itself writes reports with
/// ``ReportJSONRenderer`` so that key order is fixed; decoding with `JSONDecoder` reads them.
///
/// ```swift
/// let doc = try JSONDecoder().decode(ReportDocument.self, from: data)
/// doc.latency?.first { $0.group["op"] == .string("db.get_user") }?.p95Ms
/// ```
public struct ReportDocument: Codable, Sendable, Equatable {
    /// Always ``ReportJSONRenderer/schema``.
    public var schema: String
    public var input: Input
    /// `analyze` only.
    public var latency: [LatencyRow]?
    /// `analyze` and `slow`.
    public var slowQueries: SlowQueries?
    /// `analyze` and `errors`.
    public var errors: Errors?

    enum CodingKeys: String, CodingKey {
        case schema, input, latency, slowQueries = "slow_queries", errors
    }

    /// The document `ReportJSONRenderer.render(result, kind:)` writes, as values.
    public init(_ r: AnalysisResult, kind: ReportKind) {
        schema = ReportJSONRenderer.schema
        input = Input(
            files: r.input.files, bytes: r.input.bytes, lines: r.input.lines, events: r.input.events,
            malformed: r.input.malformed, from: r.input.from?.description, to: r.input.to?.description,
            outOfRangeDurations: r.input.outOfRangeDurations > 0 ? r.input.outOfRangeDurations : nil)
        func group(_ c: LatencyCell) -> [String: GroupScalar] {
            var g: [String: GroupScalar] = [:]
            for (p, v) in zip(r.spec.groupBy, c.group) { g[p.description] = GroupScalar(v) }
            return g
        }
        func ms(_ ns: Double) -> Double { Double(UnitFormat.milliseconds(nanoseconds: ns))! }
        func rate(_ f: Double) -> Double { Double(JSONWriter.fixed(f, decimals: 6))! }
        let window = r.spec.everyMicroseconds != nil
        if kind == .analyze {
            latency = r.rows.map { c in
                let s = LatencySummary(c.latency)
                let q: (Double) -> Double? = { s.count == 0 ? nil : ms($0) }
                return LatencyRow(
                    group: group(c), windowStart: window ? c.windowStart?.description : nil, count: s.count,
                    errors: c.errors.errors, errorRate: rate(c.errors.errorRate), meanMs: q(s.mean), minMs: q(s.min),
                    p50Ms: q(s.p50), p90Ms: q(s.p90), p95Ms: q(s.p95), p99Ms: q(s.p99), p999Ms: q(s.p999), maxMs: q(s.max))
            }
        }
        if kind != .errors {
            slowQueries = SlowQueries(
                thresholdMs: Double(JSONWriter.fixed(r.spec.slowThresholdMilliseconds, decimals: 3))!, count: r.slowCount,
                groups: r.slowGroups.map { g in
                    let s = LatencySummary(g.stats)
                    return SlowGroup(
                        fingerprint: g.fingerprint, count: s.count, totalMs: ms(Double(g.stats.sumNanoseconds)), meanMs: ms(s.mean),
                        p95Ms: ms(s.p95), maxMs: ms(s.max), first: g.first?.description, last: g.last?.description,
                        ops: g.ops.sorted(), example: g.fingerprint)
                })
        }
        if kind != .slow {
            func counts(_ e: ErrorCounts, _ g: [String: GroupScalar], _ w: String?) -> ErrorRow {
                ErrorRow(group: g, windowStart: w, count: e.count, errors: e.errors, errorRate: rate(e.errorRate),
                         status4xx: e.status4xx, status5xx: e.status5xx)
            }
            errors = Errors(
                total: counts(r.errorsTotal, [:], nil),
                groups: r.rows.map { counts($0.errors, group($0), window ? $0.windowStart?.description : nil) },
                topErrors: r.topErrors.map { TopError(error: $0.error, count: $0.count) })
        }
    }

    public struct Input: Codable, Sendable, Equatable {
        public var files: Int
        public var bytes: UInt64
        public var lines: Int64
        public var events: Int64
        public var malformed: Int64
        public var from: String?
        public var to: String?
        /// Durations over ``LatencyStats/maxMilliseconds`` left out of the statistics (absent: none).
        public var outOfRangeDurations: Int64?

        enum CodingKeys: String, CodingKey {
            case files, bytes, lines, events, malformed, from, to, outOfRangeDurations = "out_of_range_durations"
        }
    }

    /// A group field's value: a string, a number, a boolean, or null (missing).
    public enum GroupScalar: Codable, Sendable, Equatable {
        case string(String), number(Double), bool(Bool), null

        init(_ v: GroupValue) {
            switch v {
            case .missing: self = .null
            case .string(let s): self = .string(s)
            case .number(let s): self = Double(s).map { .number($0) } ?? .string(s)
            case .literal(let s): self = s == "true" ? .bool(true) : s == "false" ? .bool(false) : s == "null" ? .null : .string(s)
            }
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let d = try? c.decode(Double.self) { self = .number(d) }
            else { self = .string(try c.decode(String.self)) }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .string(let s): try c.encode(s)
            case .number(let d): try c.encode(d)
            case .bool(let b): try c.encode(b)
            case .null: try c.encodeNil()
            }
        }
    }

    /// Any key of a row object (group fields have names chosen by `--by`).
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// What every row object starts with: the group fields (every key that is not one of the
    /// row's `statKeys`), the window, the count, the errors and the error rate.
    struct RowHead {
        var group: [String: GroupScalar] = [:]
        var windowStart: String?
        var count: Int64
        var errors: Int64
        var errorRate: Double

        init(from c: KeyedDecodingContainer<AnyKey>, statKeys: [String]) throws {
            for k in c.allKeys where !statKeys.contains(k.stringValue) {
                group[k.stringValue] = try c.decode(GroupScalar.self, forKey: k)
            }
            windowStart = try c.decodeIfPresent(String.self, forKey: AnyKey("window_start"))
            count = try c.decode(Int64.self, forKey: AnyKey("count"))
            errors = try c.decode(Int64.self, forKey: AnyKey("errors"))
            errorRate = try c.decode(Double.self, forKey: AnyKey("error_rate"))
        }

        static func encode(
            _ group: [String: GroupScalar], _ windowStart: String?, _ count: Int64, _ errors: Int64, _ errorRate: Double,
            into c: inout KeyedEncodingContainer<AnyKey>
        ) throws {
            for (k, v) in group { try c.encode(v, forKey: AnyKey(k)) }
            try c.encodeIfPresent(windowStart, forKey: AnyKey("window_start"))
            try c.encode(count, forKey: AnyKey("count"))
            try c.encode(errors, forKey: AnyKey("errors"))
            try c.encode(errorRate, forKey: AnyKey("error_rate"))
        }
    }

    public struct LatencyRow: Codable, Sendable, Equatable {
        /// The group fields by name (`op`, `status`, `meta.user_id`, …).
        public var group: [String: GroupScalar]
        public var windowStart: String?
        public var count: Int64
        public var errors: Int64
        public var errorRate: Double
        public var meanMs, minMs, p50Ms, p90Ms, p95Ms, p99Ms, p999Ms, maxMs: Double?

        static let statKeys = ["window_start", "count", "errors", "error_rate", "mean_ms", "min_ms", "p50_ms", "p90_ms",
                               "p95_ms", "p99_ms", "p999_ms", "max_ms"]

        init(group: [String: GroupScalar], windowStart: String?, count: Int64, errors: Int64, errorRate: Double,
             meanMs: Double?, minMs: Double?, p50Ms: Double?, p90Ms: Double?, p95Ms: Double?, p99Ms: Double?,
             p999Ms: Double?, maxMs: Double?) {
            self.group = group
            self.windowStart = windowStart
            self.count = count
            self.errors = errors
            self.errorRate = errorRate
            self.meanMs = meanMs
            self.minMs = minMs
            self.p50Ms = p50Ms
            self.p90Ms = p90Ms
            self.p95Ms = p95Ms
            self.p99Ms = p99Ms
            self.p999Ms = p999Ms
            self.maxMs = maxMs
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            let h = try RowHead(from: c, statKeys: LatencyRow.statKeys)
            (group, windowStart, count, errors, errorRate) = (h.group, h.windowStart, h.count, h.errors, h.errorRate)
            func d(_ k: String) throws -> Double? { try c.decodeIfPresent(Double.self, forKey: AnyKey(k)) }
            meanMs = try d("mean_ms"); minMs = try d("min_ms"); p50Ms = try d("p50_ms"); p90Ms = try d("p90_ms")
            p95Ms = try d("p95_ms"); p99Ms = try d("p99_ms"); p999Ms = try d("p999_ms"); maxMs = try d("max_ms")
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try RowHead.encode(group, windowStart, count, errors, errorRate, into: &c)
            for (k, v) in [("mean_ms", meanMs), ("min_ms", minMs), ("p50_ms", p50Ms), ("p90_ms", p90Ms), ("p95_ms", p95Ms),
                           ("p99_ms", p99Ms), ("p999_ms", p999Ms), ("max_ms", maxMs)] {
                try c.encode(v, forKey: AnyKey(k))
            }
        }
    }

    public struct SlowQueries: Codable, Sendable, Equatable {
        public var thresholdMs: Double
        public var count: Int64
        public var groups: [SlowGroup]
        enum CodingKeys: String, CodingKey { case thresholdMs = "threshold_ms", count, groups }
    }

    public struct SlowGroup: Codable, Sendable, Equatable {
        public var fingerprint: String
        public var count: Int64
        public var totalMs, meanMs, p95Ms, maxMs: Double
        public var first, last: String?
        public var ops: [String]
        public var example: String
        enum CodingKeys: String, CodingKey {
            case fingerprint, count, totalMs = "total_ms", meanMs = "mean_ms", p95Ms = "p95_ms", maxMs = "max_ms", first, last, ops, example
        }
    }

    public struct Errors: Codable, Sendable, Equatable {
        public var total: ErrorRow
        public var groups: [ErrorRow]
        public var topErrors: [TopError]
        enum CodingKeys: String, CodingKey { case total, groups, topErrors = "top_errors" }
    }

    public struct ErrorRow: Codable, Sendable, Equatable {
        /// The group fields (empty for `total`).
        public var group: [String: GroupScalar]
        public var windowStart: String?
        public var count, errors: Int64
        public var errorRate: Double
        public var status4xx, status5xx: Int64

        static let statKeys = ["window_start", "count", "errors", "error_rate", "status_4xx", "status_5xx"]

        init(group: [String: GroupScalar], windowStart: String?, count: Int64, errors: Int64, errorRate: Double, status4xx: Int64, status5xx: Int64) {
            self.group = group
            self.windowStart = windowStart
            self.count = count
            self.errors = errors
            self.errorRate = errorRate
            self.status4xx = status4xx
            self.status5xx = status5xx
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            let h = try RowHead(from: c, statKeys: ErrorRow.statKeys)
            (group, windowStart, count, errors, errorRate) = (h.group, h.windowStart, h.count, h.errors, h.errorRate)
            status4xx = try c.decode(Int64.self, forKey: AnyKey("status_4xx"))
            status5xx = try c.decode(Int64.self, forKey: AnyKey("status_5xx"))
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try RowHead.encode(group, windowStart, count, errors, errorRate, into: &c)
            try c.encode(status4xx, forKey: AnyKey("status_4xx"))
            try c.encode(status5xx, forKey: AnyKey("status_5xx"))
        }
    }

    public struct TopError: Codable, Sendable, Equatable {
        public var error: String?
        public var count: Int64
    }
}
