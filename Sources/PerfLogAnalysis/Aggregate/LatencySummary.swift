/// The numbers a latency row shows, computed once from ``LatencyStats`` (all in nanoseconds).
public struct LatencySummary: Sendable, Equatable {
    public var count: Int64
    public var mean: Double
    public var min: Double
    public var p50: Double
    public var p90: Double
    public var p95: Double
    public var p99: Double
    public var p999: Double
    public var max: Double

    /// The quantiles every report lists.
    public static let quantiles: [Double] = [0.5, 0.9, 0.95, 0.99, 0.999]

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
