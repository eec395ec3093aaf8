import Histogram
import PerfLog

/// Latency statistics of one group (or one group in one time window, or one query fingerprint).
///
/// Count, sum, minimum and maximum are exact: durations are kept as integer nanoseconds, so the
/// sum of any split of the input adds up to the same value (merging is order-independent). The sum
/// is 128 bits wide: durations up to ``maxMilliseconds`` cannot make it wrap, whatever their
/// number (the readers leave longer ones out and count them, see ``InputStats``).
///
/// Quantiles use one definition everywhere: linear interpolation between the two nearest order
/// statistics at rank `h = (n - 1) · q` (zero-based), the definition of DuckDB's `quantile_cont`,
/// numpy's default and Python's `statistics.quantiles(method: "inclusive")`.
/// - Up to ``inlineCapacity`` durations are kept exactly, so the quantiles of small groups are
///   exact and memory follows the events actually seen (a `--by meta.user_id` report with 20,000
///   users, or 5-minute windows over a day, stays small).
/// - Beyond that the durations move into an HdrHistogram of integer microseconds with three
///   significant digits; an order statistic is then its bucket's median-equivalent value clamped to
///   the exact `[min, max]`, within 0.05% of the true value (plus half a microsecond).
///
/// ```swift
/// var s = LatencyStats()
/// s.record(nanoseconds: 12_345_000)          // 12.345 ms
/// s.quantileNanoseconds(0.95)                // 12345000
/// ```
public struct LatencyStats: Sendable {
    /// How many exact durations a group keeps before it promotes them to a histogram: 1,024
    /// durations take 8 KiB, less than one histogram of millisecond-range latencies (about
    /// 36–60 KiB), so small groups and windows stay both exact and smaller.
    public static let inlineCapacity = 1024

    /// Number of durations recorded.
    public private(set) var count: Int64 = 0
    /// Sum of all durations, in nanoseconds (exact, never wraps).
    public private(set) var sumNanoseconds: Int128 = 0
    /// Smallest duration, in nanoseconds (`Int64.max` while empty).
    public private(set) var minNanoseconds: Int64 = .max
    /// Largest duration, in nanoseconds (`Int64.min` while empty).
    public private(set) var maxNanoseconds: Int64 = .min
    /// Exact durations (nanoseconds) while the group is small; empty once promoted.
    public private(set) var exactNanoseconds: [Int64] = []
    /// The histogram of durations in integer microseconds, once the group outgrew the inline values.
    public private(set) var histogram: Histogram<UInt32>?
    /// `histogram != nil`, tested by pattern: the `!=` operator on an optional is generic and
    /// copied the whole histogram (retain, release) on every record.
    @inline(__always)
    private var promoted: Bool {
        if case .some = histogram { return true }
        return false
    }
    /// Once promoted: how many durations fall in each power-of-two range of microseconds (index
    /// `64 - leadingZeroBitCount`, so `[2^(k-1), 2^k)` at `k`, and 0 at 0). Order statistics find
    /// their range here and walk only that range's histogram buckets, instead of iterating every
    /// bucket from zero (BENCHMARKS.md).
    private var rangeCounts: [Int64] = []

    /// No duration recorded yet.
    public init() {}

    /// The longest duration the analyzer accepts, in milliseconds: 9×10¹² ms, about 285 years,
    /// longer than any real measurement and still exact in 64-bit integer nanoseconds (the writer
    /// switches to exponent notation at the same value, docs/FORMAT.md). A `duration_ms` above it
    /// (`1e300`) is left out of the statistics and counted in
    /// ``InputStats/outOfRangeDurations``.
    public static let maxMilliseconds: Double = 9e12

    /// Converts a duration in milliseconds to integer nanoseconds (negative and non-finite
    /// durations become 0).
    @inlinable
    public static func nanoseconds(milliseconds ms: Double) -> Int64 {
        guard ms.isFinite, ms > 0 else { return 0 }
        let x = ms * 1_000_000
        guard x < 9.2e18 else { return Int64.max / 2 }
        return Rounding.halfAwayFromZero(x)
    }

    /// Records one duration, in nanoseconds.
    public mutating func record(nanoseconds ns: Int64) {
        let v = max(0, ns)
        count += 1
        sumNanoseconds &+= Int128(v)
        if v < minNanoseconds { minNanoseconds = v }
        if v > maxNanoseconds { maxNanoseconds = v }
        if promoted {
            let us = LatencyStats.microseconds(v)
            histogram!.record(us)
            rangeCounts[64 &- us.leadingZeroBitCount] &+= 1
        } else {
            exactNanoseconds.append(v)
            if exactNanoseconds.count > LatencyStats.inlineCapacity { promote() }
        }
    }

    /// Adds everything `other` recorded (order-independent: `a.merge(b)` and `b.merge(a)` give the
    /// same statistics).
    public mutating func merge(_ other: LatencyStats) {
        guard other.count > 0 else { return }
        count += other.count
        sumNanoseconds &+= other.sumNanoseconds
        minNanoseconds = min(minNanoseconds, other.minNanoseconds)
        maxNanoseconds = max(maxNanoseconds, other.maxNanoseconds)
        if !promoted && !other.promoted
            && exactNanoseconds.count + other.exactNanoseconds.count <= LatencyStats.inlineCapacity
        {
            exactNanoseconds.append(contentsOf: other.exactNanoseconds)
            return
        }
        if !promoted { promote() }
        if let h = other.histogram {
            histogram!.add(h)
            for k in rangeCounts.indices { rangeCounts[k] += other.rangeCounts[k] }
        } else {
            for v in other.exactNanoseconds {
                let us = LatencyStats.microseconds(v)
                histogram!.record(us)
                rangeCounts[64 - us.leadingZeroBitCount] += 1
            }
        }
    }

    /// Mean duration in nanoseconds (0 when empty).
    public var meanNanoseconds: Double {
        count == 0 ? 0 : Double(sumNanoseconds) / Double(count)
    }

    /// The quantile `q` (0...1) in nanoseconds, by linear interpolation between order statistics
    /// (see the type's discussion). 0 when empty.
    public func quantileNanoseconds(_ q: Double) -> Double {
        quantilesNanoseconds([q])[0]
    }

    /// Several quantiles at once (one pass over the histogram), in nanoseconds.
    public func quantilesNanoseconds(_ qs: [Double]) -> [Double] {
        guard count > 0 else { return qs.map { _ in 0 } }
        let n = Int64(count)
        // The ranks needed, zero-based.
        var ranks: [Int64] = []
        ranks.reserveCapacity(qs.count * 2)
        for q in qs {
            let h = Double(n - 1) * min(max(q, 0), 1)
            let lo = Int64(h.rounded(.down))
            ranks.append(lo)
            ranks.append(min(lo + 1, n - 1))
        }
        let values = orderStatistics(ranks)
        var out: [Double] = []
        out.reserveCapacity(qs.count)
        for (i, q) in qs.enumerated() {
            let h = Double(n - 1) * min(max(q, 0), 1)
            let frac = h - h.rounded(.down)
            let a = Double(values[2 * i])
            let b = Double(values[2 * i + 1])
            out.append(a + frac * (b - a))
        }
        return out
    }

    /// The order statistics at zero-based `ranks`, in nanoseconds.
    func orderStatistics(_ ranks: [Int64]) -> [Int64] {
        if !promoted {
            let sorted = exactNanoseconds.sorted()
            return ranks.map { sorted[Int($0)] }
        }
        let h = histogram!
        let order = ranks.indices.sorted { ranks[$0] < ranks[$1] }
        var result = [Int64](repeating: 0, count: ranks.count)
        var next = 0
        var cumulative: Int64 = 0
        let top = h.maxRecorded
        // The bucket holding the rank-th duration (zero-based) gives its median-equivalent value,
        // clamped to the exact extremes. Ranges without a wanted rank are skipped whole.
        for k in rangeCounts.indices where next < order.count {
            let inRange = rangeCounts[k]
            if inRange == 0 { continue }
            if ranks[order[next]] >= cumulative + inRange {
                cumulative += inRange
                continue
            }
            var v: UInt64 = k == 0 ? 0 : 1 << UInt64(k - 1)
            let last: UInt64 = min(top, k == 0 ? 0 : k >= 64 ? .max : (1 << UInt64(k)) - 1)
            let rangeStart = cumulative
            // Every sub-bucket of a power-of-two range has the same width (HdrHistogram's buckets
            // start at powers of two), and `v` starts on a sub-bucket's lowest value: so the
            // median-equivalent of `v` is `v + width / 2` and the next sub-bucket starts at
            // `v + width`, as `medianEquivalentForValue` and `nextNonEquivalentForValue` would
            // compute at about seven times the cost per step.
            let width = h.sizeOfEquivalentRangeForValue(v)
            while next < order.count && v <= last {
                let n = Int64(h.countForValue(v))
                if n > 0 {
                    cumulative += n
                    let rep = Int64(clamping: v + width >> 1) * 1000
                    let value = min(max(rep, minNanoseconds), maxNanoseconds)
                    while next < order.count, ranks[order[next]] < cumulative {
                        result[order[next]] = value
                        next += 1
                    }
                }
                let (following, overflow) = v.addingReportingOverflow(width)
                if overflow { break }
                v = following
            }
            cumulative = rangeStart + inRange
        }
        while next < order.count {
            result[order[next]] = maxNanoseconds
            next += 1
        }
        return result
    }

    private mutating func promote() {
        // Size the histogram for four times the largest duration so far: growing it one bucket
        // at a time (autoResize) is slow, and later durations rarely exceed that.
        let highest = max(4096, LatencyStats.microseconds(max(0, maxNanoseconds)) &* 4)
        var h = Histogram<UInt32>(
            lowestDiscernibleValue: 1, highestTrackableValue: highest, numberOfSignificantValueDigits: .three)
        h.autoResize = true
        var ranges = [Int64](repeating: 0, count: 65)
        for v in exactNanoseconds {
            let us = LatencyStats.microseconds(v)
            h.record(us)
            ranges[64 - us.leadingZeroBitCount] += 1
        }
        histogram = h
        rangeCounts = ranges
        exactNanoseconds = []
    }

    @inline(__always)
    static func microseconds(_ ns: Int64) -> UInt64 { UInt64((ns + 500) / 1000) }
}
