/// The numbers `diff` compares for one group on one side.
public struct DiffStats: Sendable, Equatable {
    /// `perf` events.
    public var count: Int64
    /// Events with an error outcome.
    public var errors: Int64
    /// Quantiles in milliseconds (`nil` when no event had a duration).
    public var p50Ms: Double?
    /// The 95th percentile in milliseconds (`nil`: no duration).
    public var p95Ms: Double?
    /// The 99th percentile in milliseconds (`nil`: no duration).
    public var p99Ms: Double?

    /// Statistics as a saved report gives them.
    public init(count: Int64, errors: Int64, p50Ms: Double?, p95Ms: Double?, p99Ms: Double?) {
        self.count = count
        self.errors = errors
        self.p50Ms = p50Ms
        self.p95Ms = p95Ms
        self.p99Ms = p99Ms
    }

    /// Errors divided by count (0 when empty).
    public var errorRate: Double { count == 0 ? 0 : Double(errors) / Double(count) }

    /// The statistics of one engine cell.
    public init(_ cell: LatencyCell) {
        count = cell.errors.count
        errors = cell.errors.errors
        if cell.latency.count > 0 {
            let q = cell.latency.quantilesNanoseconds([0.5, 0.95, 0.99])
            p50Ms = q[0] / 1e6
            p95Ms = q[1] / 1e6
            p99Ms = q[2] / 1e6
        }
    }

    /// The value of `metric`, in milliseconds or as a fraction.
    public func value(_ metric: DiffMetric) -> Double? {
        switch metric {
        case .p50: p50Ms
        case .p95: p95Ms
        case .p99: p99Ms
        case .errorRate: count == 0 ? nil : errorRate
        }
    }
}

/// A compared statistic.
public enum DiffMetric: String, Sendable, CaseIterable, Equatable {
    /// The median latency, in milliseconds.
    case p50
    /// The 95th percentile latency, in milliseconds.
    case p95
    /// The 99th percentile latency, in milliseconds.
    case p99
    /// Errors over events, a fraction (0.05 is 5%).
    case errorRate = "error_rate"
}
