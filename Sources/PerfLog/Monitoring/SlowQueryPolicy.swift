/// When a database query counts as slow: its duration reaches the threshold for its op.
///
/// The default threshold is 100 ms, as in the seed's `log_slow_query`; per-op overrides take
/// precedence.
///
/// ```swift
/// var policy = SlowQueryPolicy(thresholdMs: 50)
/// policy.overrides["db.search_messages"] = 500
/// policy.dialect = .postgresql  // read backslashes, #, /* /* */ */ and $$…$$ as PostgreSQL does
/// ```
public struct SlowQueryPolicy: Sendable, Hashable {
    /// The default threshold in milliseconds (100 ms unless configured).
    public var thresholdMs: Double
    /// Thresholds in milliseconds for particular ops, by exact op name.
    public var overrides: [String: Double]
    /// Options for fingerprinting the query written in `slow_query` records.
    public var fingerprint: QueryFingerprint

    /// The SQL dialect queries are fingerprinted in (the `dialect` of ``fingerprint``; default
    /// ``SQLDialect/generic``, which writes one `?` from the first construct the dialects read
    /// differently to the end of the query).
    public var dialect: SQLDialect {
        get { fingerprint.dialect }
        set { fingerprint.dialect = newValue }
    }

    /// The seed's default threshold, 100 ms.
    public static let defaultThresholdMs = 100.0

    /// Creates a policy (default: 100 ms for every op, default fingerprinting).
    public init(
        thresholdMs: Double = SlowQueryPolicy.defaultThresholdMs,
        overrides: [String: Double] = [:],
        fingerprint: QueryFingerprint = QueryFingerprint()
    ) {
        self.thresholdMs = thresholdMs
        self.overrides = overrides
        self.fingerprint = fingerprint
    }

    /// The threshold in milliseconds that applies to `op`.
    @inlinable
    public func threshold(for op: String) -> Double {
        if overrides.isEmpty { return thresholdMs }
        return overrides[op] ?? thresholdMs
    }
}
