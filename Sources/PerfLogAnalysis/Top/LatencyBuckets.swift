/// Durations counted in log-linear buckets: exact below 128 ns, then 128 buckets per power of
/// two, so a bucket's midpoint is within 0.4% of every duration in it.
///
/// `perflog top` keeps one sparse set of buckets per row and time slice (only the buckets that
/// were hit), so its memory follows the distinct latencies seen, not the event rate, and merges
/// the slices of a window into one dense ``Merged`` table when it redraws.
///
/// ```swift
/// var b = LatencyBuckets()
/// b.record(nanoseconds: 12_345_000)
/// var m = LatencyBuckets.Merged()
/// m.add(b)
/// m.quantiles([0.5], min: 12_345_000, max: 12_345_000)   // [12345000.0]
/// ```
struct LatencyBuckets: Sendable {
    /// Sub-buckets per power of two, as a bit count (2^7 = 128).
    static let subBits = 7
    static let subCount = 1 << subBits
    /// Number of buckets: values up to 2^63 - 1.
    static let bucketCount = (64 - subBits + 1) * subCount

    /// Hit buckets and their counts.
    private(set) var counts: [UInt16: UInt32] = [:]

    init() {}

    /// Counts one duration.
    @inline(__always)
    mutating func record(nanoseconds ns: Int64) {
        counts[UInt16(LatencyBuckets.index(UInt64(max(0, ns)))), default: 0] &+= 1
    }

    /// The bucket of `v` nanoseconds.
    @inline(__always)
    static func index(_ v: UInt64) -> Int {
        if v < UInt64(subCount) { return Int(v) }
        let e = 63 - v.leadingZeroBitCount
        let sub = Int((v >> UInt64(e - subBits)) & UInt64(subCount - 1))
        return (e - subBits + 1) * subCount + sub
    }

    /// The lowest value of bucket `i` and the bucket's width.
    static func range(ofBucket i: Int) -> (low: UInt64, width: UInt64) {
        if i < subCount { return (UInt64(i), 1) }
        let e = i / subCount + subBits - 1
        let sub = UInt64(i % subCount)
        let shift = UInt64(e - subBits)
        return ((UInt64(subCount) + sub) << shift, 1 << shift)
    }

    /// The buckets of several slices added up, for quantiles.
    struct Merged {
        private var counts = [UInt64](repeating: 0, count: LatencyBuckets.bucketCount)
        private var touchedLow = Int.max
        private var touchedHigh = -1
        /// Durations counted.
        private(set) var total: UInt64 = 0

        init() {}

        /// Adds one slice's buckets.
        mutating func add(_ b: LatencyBuckets) {
            for (i, n) in b.counts {
                let k = Int(i)
                counts[k] &+= UInt64(n)
                total &+= UInt64(n)
                if k < touchedLow { touchedLow = k }
                if k > touchedHigh { touchedHigh = k }
            }
        }

        /// Empties the table, keeping its storage.
        mutating func removeAll() {
            if touchedHigh >= touchedLow {
                for k in touchedLow...touchedHigh { counts[k] = 0 }
            }
            touchedLow = .max
            touchedHigh = -1
            total = 0
        }

        /// Quantiles `qs` (0…1) in nanoseconds, with the definition every perflog report uses:
        /// linear interpolation between the order statistics at rank `(n - 1) · q`. An order
        /// statistic is its bucket's midpoint, clamped to the exact `[min, max]`.
        func quantiles(_ qs: [Double], min lo: Int64, max hi: Int64) -> [Double] {
            guard total > 0 else { return qs.map { _ in 0 } }
            var ranks: [UInt64] = []
            for q in qs {
                let h = Double(total - 1) * Swift.min(Swift.max(q, 0), 1)
                let r = UInt64(h.rounded(.down))
                ranks.append(r)
                ranks.append(Swift.min(r + 1, total - 1))
            }
            let order = ranks.indices.sorted { ranks[$0] < ranks[$1] }
            var values = [Double](repeating: Double(hi), count: ranks.count)
            var next = 0
            var cumulative: UInt64 = 0
            var k = touchedLow
            while k <= touchedHigh && next < order.count {
                let n = counts[k]
                if n > 0 {
                    cumulative += n
                    let (low, width) = LatencyBuckets.range(ofBucket: k)
                    let mid = Double(low) + Double(width - 1) / 2
                    let v = Swift.min(Swift.max(mid, Double(lo)), Double(hi))
                    while next < order.count && ranks[order[next]] < cumulative {
                        values[order[next]] = v
                        next += 1
                    }
                }
                k += 1
            }
            return qs.indices.map { i in
                let h = Double(total - 1) * Swift.min(Swift.max(qs[i], 0), 1)
                let frac = h - h.rounded(.down)
                return values[2 * i] + frac * (values[2 * i + 1] - values[2 * i])
            }
        }
    }
}
