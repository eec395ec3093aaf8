import Histogram

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LatencyStats {
    /// The recorded durations as (value, count) pairs in ascending order, in nanoseconds: the exact
    /// values of a small group, or each histogram bucket's median-equivalent value (clamped to the
    /// exact minimum and maximum) with its count. For charts.
    public func distribution() -> [(nanoseconds: Int64, count: Int64)] {
        var out: [(nanoseconds: Int64, count: Int64)] = []
        if let h = histogram {
            for bucket in h.recordedValues() where bucket.count > 0 {
                let rep = Int64(clamping: h.medianEquivalentForValue(bucket.value)) * 1000
                out.append((min(max(rep, minNanoseconds), maxNanoseconds), Int64(bucket.count)))
            }
            return out
        }
        for v in exactNanoseconds.sorted() {
            if let last = out.last, last.nanoseconds == v { out[out.count - 1].count += 1 } else { out.append((v, 1)) }
        }
        return out
    }

    /// The durations counted into `bins` log-spaced bins from the minimum to the maximum (one bin
    /// when they are equal). Each bin is `[lower, upper)` in nanoseconds, the last one closed; the
    /// counts add up to ``count``.
    public func logBins(_ bins: Int = 24) -> [(lowerNanoseconds: Double, upperNanoseconds: Double, count: Int64)] {
        guard count > 0 else { return [] }
        let lo = Double(max(minNanoseconds, 1))
        let hi = Double(max(maxNanoseconds, 1))
        if hi <= lo * 1.000001 { return [(lo, hi, count)] }
        let n = max(1, bins)
        let a = log(lo)
        let b = log(hi)
        var out: [(lowerNanoseconds: Double, upperNanoseconds: Double, count: Int64)] = (0..<n).map { i in
            (
                i == 0 ? lo : exp(a + (b - a) * Double(i) / Double(n)),
                i == n - 1 ? hi : exp(a + (b - a) * Double(i + 1) / Double(n)), 0
            )
        }
        for i in 1..<n { out[i].lowerNanoseconds = out[i - 1].upperNanoseconds }
        for (v, c) in distribution() {
            let x = Double(max(v, 1))
            let i = min(max(Int(((log(x) - a) / (b - a) * Double(n)).rounded(.down)), 0), n - 1)
            out[i].count += c
        }
        return out
    }
}
