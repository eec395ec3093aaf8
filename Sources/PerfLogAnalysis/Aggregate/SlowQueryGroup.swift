import PerfLog

/// The slow records of one query fingerprint.
public struct SlowQueryGroup: Sendable {
    /// The normalised query (literals replaced by `?`): also the example shown, so that no literal
    /// from a query is ever printed.
    public var fingerprint: String
    /// Durations of the slow records.
    public var stats = LatencyStats()
    /// Earliest and latest `ts` seen.
    public var first: Timestamp?
    /// When the fingerprint last occurred.
    public var last: Timestamp?
    /// The ops that ran this query.
    public var ops: Set<String> = []

    /// An empty group for `fingerprint`.
    public init(fingerprint: String) { self.fingerprint = fingerprint }

    /// Adds `other` (same fingerprint), order-independently.
    mutating func merge(_ other: SlowQueryGroup) {
        stats.merge(other.stats)
        if let f = other.first { first = min(first ?? f, f) }
        if let l = other.last { last = max(last ?? l, l) }
        ops.formUnion(other.ops)
    }
}
