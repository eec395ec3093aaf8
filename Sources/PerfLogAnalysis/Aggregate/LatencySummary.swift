/// The numbers a latency row shows, computed once from ``LatencyStats`` (all in nanoseconds).
///
/// Count, mean, min and max are exact; the quantiles follow ``LatencyStats``' definition. All are
/// 0 when the stats are empty.
public struct LatencySummary: Sendable, Equatable {
    /// Number of durations.
    public var count: Int64
    /// Exact mean, nanoseconds.
    public var mean: Double
    /// Exact minimum, nanoseconds.
    public var min: Double
    /// Median, nanoseconds.
    public var p50: Double
    /// 90th percentile, nanoseconds.
    public var p90: Double
    /// 95th percentile, nanoseconds.
    public var p95: Double
    /// 99th percentile, nanoseconds.
    public var p99: Double
    /// 99.9th percentile, nanoseconds.
    public var p999: Double
    /// Exact maximum, nanoseconds.
    public var max: Double

    /// The quantiles every report lists.
    public static let quantiles: [Double] = [0.5, 0.9, 0.95, 0.99, 0.999]

    /// Computes the summary of `s` (one pass over its histogram for all quantiles).
    public init(_ s: LatencyStats) {
        count = s.count
        mean = s.meanNanoseconds
        let q = s.quantilesNanoseconds(LatencySummary.quantiles)
        p50 = q[0]
        p90 = q[1]
        p95 = q[2]
        p99 = q[3]
        p999 = q[4]
        min = s.count == 0 ? 0 : Double(s.minNanoseconds)
        max = s.count == 0 ? 0 : Double(s.maxNanoseconds)
    }
}
