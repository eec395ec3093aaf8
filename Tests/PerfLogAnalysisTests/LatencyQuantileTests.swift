import Histogram
import Testing

@testable import PerfLogAnalysis

/// `LatencyStats.orderStatistics` walks only the power-of-two ranges that hold a wanted rank.
/// It must give exactly what iterating every recorded bucket of the histogram gives.
@Suite struct LatencyQuantileTests {
    /// The straightforward definition: iterate the recorded buckets in order.
    static func reference(_ s: LatencyStats, _ ranks: [Int64]) -> [Int64] {
        let h = s.histogram!
        let order = ranks.indices.sorted { ranks[$0] < ranks[$1] }
        var result = [Int64](repeating: 0, count: ranks.count)
        var next = 0
        var cumulative: Int64 = 0
        for bucket in h.recordedValues() {
            cumulative += Int64(bucket.count)
            let rep = Int64(clamping: h.medianEquivalentForValue(bucket.value)) * 1000
            let value = min(max(rep, s.minNanoseconds), s.maxNanoseconds)
            while next < order.count, ranks[order[next]] < cumulative {
                result[order[next]] = value
                next += 1
            }
            if next == order.count { break }
        }
        while next < order.count {
            result[order[next]] = s.maxNanoseconds
            next += 1
        }
        return result
    }

    static func check(_ s: LatencyStats, _ label: String) {
        #expect(s.histogram != nil, "\(label): promoted")
        let n = s.count
        var ranks: [Int64] = [
            0, n - 1, n / 2, (n - 1) * 95 / 100, (n - 1) * 99 / 100, (n - 1) * 999 / 1000, 1, max(0, n - 2),
        ]
        var rng = SplitMix64(seed: UInt64(n))
        for _ in 0..<24 { ranks.append(Int64(rng.next() % UInt64(n))) }
        #expect(s.orderStatistics(ranks) == reference(s, ranks), "\(label)")
    }

    @Test func rangeWalkEqualsFullIteration() {
        var rng = SplitMix64(seed: 42)
        // Log-uniform from 1 ns to 100 s, with zeros and sub-microsecond values.
        var wide = LatencyStats()
        for i in 0..<20_000 {
            let e = Double(rng.next() % 1_000_000) / 1_000_000 * 11
            wide.record(nanoseconds: i % 97 == 0 ? 0 : Int64(LatencyQuantileTests.pow10(e)))
        }
        LatencyQuantileTests.check(wide, "log-uniform")
        // A tight cluster (one range) plus a far outlier.
        var cluster = LatencyStats()
        for _ in 0..<5_000 { cluster.record(nanoseconds: 12_000_000 + Int64(rng.next() % 50_000)) }
        cluster.record(nanoseconds: 3_600_000_000_000)
        LatencyQuantileTests.check(cluster, "cluster")
        // Uniform over one wide range (1.05–2.1 s: 1,024 sub-buckets, 32 blocks of 32), with a
        // gap of empty blocks in the middle: wanted ranks lie in blocks after skipped ones.
        var dense = LatencyStats()
        for i in 0..<50_000 {
            let us = 1_050_000 + Int64(rng.next() % 1_050_000)
            dense.record(nanoseconds: (i % 2 == 0 && us > 1_400_000 && us < 1_700_000 ? us - 300_000 : us) * 1000)
        }
        LatencyQuantileTests.check(dense, "dense range")
        // Powers of two and their neighbours (range edges).
        var edges = LatencyStats()
        for k in 0..<40 {
            for d in [-1, 0, 1] { edges.record(nanoseconds: max(0, (Int64(1) << Int64(k)) * 1000 + Int64(d) * 1000)) }
        }
        for _ in 0..<1_000 { edges.record(nanoseconds: 2_048_000) }
        LatencyQuantileTests.check(edges, "edges")
        // Merges: promoted into promoted, exact into promoted, promoted into exact.
        var a = LatencyStats()
        var b = LatencyStats()
        var c = LatencyStats()
        for _ in 0..<3_000 { a.record(nanoseconds: Int64(rng.next() % 900_000_000)) }
        for _ in 0..<2_000 { b.record(nanoseconds: Int64(rng.next() % 5_000_000_000)) }
        for _ in 0..<500 { c.record(nanoseconds: Int64(rng.next() % 70_000)) }
        var m1 = a
        m1.merge(b)
        m1.merge(c)
        LatencyQuantileTests.check(m1, "merged")
        var m2 = c
        m2.merge(a)
        LatencyQuantileTests.check(m2, "exact+promoted")
        #expect(m1.quantilesNanoseconds([0.5, 0.95, 0.99]).count == 3)
    }

    static func pow10(_ e: Double) -> Double {
        var v = 1.0
        var x = e
        while x >= 1 {
            v *= 10
            x -= 1
        }
        return v * (1 + x * 9)  // monotone, not exact: only the spread matters
    }
}
