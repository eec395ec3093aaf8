/// The `perf` events of one row in one time slice of `perflog top`: counts, exact sum, minimum
/// and maximum, and the durations in ``LatencyBuckets``.
struct TopCell: Sendable {
    /// Events, errors, 4xx and 5xx.
    var errors = ErrorCounts()
    /// Events that had a duration.
    var timed: Int64 = 0
    /// Sum of the durations, in nanoseconds (floating point: never wraps).
    var sumNanoseconds: Double = 0
    var minNanoseconds: Int64 = .max
    var maxNanoseconds: Int64 = .min
    var buckets = LatencyBuckets()

    /// Counts one event.
    @inline(__always)
    mutating func record(nanoseconds: Int64?, isError: Bool, status: Int?) {
        errors.record(isError: isError, status: status)
        guard let ns = nanoseconds else { return }
        timed += 1
        sumNanoseconds += Double(ns)
        if ns < minNanoseconds { minNanoseconds = ns }
        if ns > maxNanoseconds { maxNanoseconds = ns }
        buckets.record(nanoseconds: ns)
    }
}

/// The statistics of one row over a whole window: the cells of its slices added up.
package struct TopStats: Sendable {
    /// Events, errors, 4xx and 5xx.
    package var errors = ErrorCounts()
    /// Events that had a duration.
    package var timed: Int64 = 0
    /// Sum of the durations, in nanoseconds.
    package var sumNanoseconds: Double = 0
    /// Smallest and largest duration, in nanoseconds (`nil` without durations).
    package var minNanoseconds: Int64?
    package var maxNanoseconds: Int64?
    /// p50, p90, p95, p99 and p99.9 in nanoseconds (`nil` without durations).
    package var quantiles: [Double]?

    /// The quantiles ``quantiles`` holds, in order.
    package static let quantileLevels: [Double] = [0.5, 0.9, 0.95, 0.99, 0.999]

    package init() {}

    /// The mean duration in nanoseconds, `nil` without durations.
    package var meanNanoseconds: Double? { timed > 0 ? sumNanoseconds / Double(timed) : nil }

    /// Adds up `cells` into statistics, using `scratch` for the buckets.
    static func merge(_ cells: [TopCell], scratch: inout LatencyBuckets.Merged) -> TopStats {
        var s = TopStats()
        var lo = Int64.max
        var hi = Int64.min
        scratch.removeAll()
        for c in cells {
            s.errors.merge(c.errors)
            s.timed += c.timed
            s.sumNanoseconds += c.sumNanoseconds
            lo = min(lo, c.minNanoseconds)
            hi = max(hi, c.maxNanoseconds)
            scratch.add(c.buckets)
        }
        if s.timed > 0 {
            s.minNanoseconds = lo
            s.maxNanoseconds = hi
            s.quantiles = scratch.quantiles(TopStats.quantileLevels, min: lo, max: hi)
        }
        return s
    }

    /// The value of an SLO statistic over these events: milliseconds for latencies, a fraction
    /// for `error_rate`, events per minute for `rate_per_min` (over `minutes`); `nil` when it
    /// has none (no events, or no durations for a latency).
    package func value(of stat: SLOStat, minutes: Double) -> Double? {
        switch stat {
        case .errorRate: return errors.count == 0 ? nil : errors.errorRate
        case .ratePerMinute: return minutes > 0 ? Double(errors.count) / minutes : nil
        default:
            guard let q = quantiles, let mx = maxNanoseconds, let mean = meanNanoseconds else { return nil }
            let ns: Double
            switch stat {
            case .p50: ns = q[0]
            case .p90: ns = q[1]
            case .p95: ns = q[2]
            case .p99: ns = q[3]
            case .p999: ns = q[4]
            case .mean: ns = mean
            default: ns = Double(mx)
            }
            return ns / 1_000_000
        }
    }
}
