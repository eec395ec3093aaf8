import Testing

@testable import PerfLogAnalysis

/// `LatencyStats.nanoseconds(milliseconds:)` rounds without libm; it must equal
/// `(ms * 1e6).rounded()` (half away from zero) for every duration.
@Suite struct LatencyConversionTests {
    static func reference(_ ms: Double) -> Int64 {
        guard ms.isFinite, ms > 0 else { return 0 }
        let ns = (ms * 1_000_000).rounded()
        return ns >= 9.2e18 ? Int64.max / 2 : Int64(ns)
    }

    @Test func halfwayAndEdgeValuesRoundLikeRounded() {
        let values: [Double] = [
            0, -1, .nan, .infinity, -.infinity, 1e-7, 4e-7, 5e-7, 6e-7, 0.0000015, 0.0000025, 1.5e-6, 23.468, 41.155,
            0.4999999999999999e-6, 0.49999999999999994e-6, 1, 1e3, 4503599627.3704955, 4503599627.370496,
            9007199254.740993, 9.2e12, 9.19999e12, 1e300, Double.leastNonzeroMagnitude, Double.ulpOfOne,
        ]
        for v in values {
            #expect(LatencyStats.nanoseconds(milliseconds: v) == LatencyConversionTests.reference(v), "\(v)")
        }
    }

    @Test func randomDurationsRoundLikeRounded() {
        var rng = SplitMix64(seed: 7)
        for i in 0..<200_000 {
            let bits = rng.next()
            let v: Double
            switch i % 4 {
            case 0: v = Double(bits % 100_000_000) / 1000  // writer-style: three decimals
            case 1: v = Double(bits % 2_000_000) / 2_000_000  // many exact halves of a nanosecond
            case 2:
                v = Double(
                    bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3E00_0000_0000_0000 + ((bits >> 52) % 0x0700) << 52)
            default: v = Double(bits >> 11) * 0x1p-53 * 1e7
            }
            #expect(LatencyStats.nanoseconds(milliseconds: v) == LatencyConversionTests.reference(v), "\(v)")
        }
    }
}
