import Foundation
import Synchronization
import Testing

@_spi(Internals) @testable import PerfLog

/// The encoder's shortcuts that keep state or replace a library call: the shared cache of the
/// current second's timestamp text, the libm-free rounding and the loop-free digit writing,
/// each against the plain computation it replaces.
@Suite struct LineEncoderCacheTests {
    static func encoded(_ ts: Timestamp) -> String {
        var enc = LineEncoder(capacity: 64)
        enc.appendTimestamp(ts)
        return String(decoding: enc.bytes, as: UTF8.self)
    }

    /// Timestamps that mostly stay in one second (cache hits), step over seconds, minutes, a
    /// year's end and a leap day, and jump back and forth between two seconds (cache misses).
    @Test func cachedSecondsWriteWhatTimestampWrites() {
        var g = SplitMix64(seed: 2028)
        let starts: [Int64] = [
            1_830_297_590_000_000,  // 2027-12-31T23:59:50Z
            1_835_395_190_000_000,  // 2028-02-28T23:59:50Z, into 29 February
            0, 253_402_300_790_000_000,  // the first and the last seconds the fast path covers
        ]
        for start in starts {
            var us = start
            for i in 0..<40_000 {
                us += Int64(g.next() % 2_000)
                let ts = Timestamp(microseconds: us)
                #expect(Self.encoded(ts) == "\"\(ts.description)\"", "\(us)")
                if i % 97 == 0 {
                    // Another second in between, and back.
                    let other = Timestamp(microseconds: us - 5_000_000 - Int64(g.next() % 1_000_000))
                    #expect(Self.encoded(other) == "\"\(other.description)\"", "\(other.microseconds)")
                }
            }
        }
    }

    /// Threads writing timestamps of different seconds at the same time each get their own
    /// second's text: the sequence lock never hands out a half-updated cache.
    @Test func concurrentThreadsNeverGetAnotherThreadsSecond() {
        let threads = 4
        let perThread = 60_000
        let mismatches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            var g = SplitMix64(seed: UInt64(t) + 1)
            var bad = 0
            // Each thread walks its own day, a few seconds at a time, so the seconds clash.
            var us = 1_795_860_000_000_000 + Int64(t) * 86_400_000_000 + 3_600_000_000 * Int64(t)
            for _ in 0..<perThread {
                us += Int64(g.next() % 400_000)
                let ts = Timestamp(microseconds: us)
                if Self.encoded(ts) != "\"\(ts.description)\"" { bad += 1 }
            }
            mismatches.withLock { $0 += bad }
        }
        #expect(mismatches.withLock { $0 } == 0)
    }

    @Test func roundingWithoutLibmEqualsRounded() {
        var values: [Double] = [
            0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
            4_503_599_627_370_495.5, -4_503_599_627_370_495.5, 4_503_599_627_370_496,
            8_999_999_999_999_999, -8_999_999_999_999_999, 1e-300, 123_456.5,
        ]
        var g = SplitMix64(seed: 5)
        for _ in 0..<200_000 {
            let mantissa = Double(g.next() % 100_000_000) / 8  // many exact halves and quarters
            let scale = [1.0, 0.001, 1_000, 1e9][Int(g.next() % 4)]
            values.append((g.next() % 2 == 0 ? 1 : -1) * mantissa * scale)
        }
        for x in values where x.magnitude < 9e15 {
            #expect(Rounding.halfAwayFromZero(x) == Int64(x.rounded()), "\(x)")
        }
    }

    /// `appendMilliseconds` against the plain computation: round to microseconds, then whole
    /// milliseconds, a point, and the fraction without trailing zeros (at least one digit).
    @Test func millisecondsMatchThePlainComputation() {
        func reference(_ ms: Double) -> String {
            let micros = Int64((ms * 1000).rounded())
            let sign = micros < 0 ? "-" : ""
            let m = micros.magnitude
            var frac = String(m % 1000)
            frac = String(repeating: "0", count: 3 - frac.count) + frac
            while frac.count > 1 && frac.hasSuffix("0") { frac.removeLast() }
            return "\(sign)\(m / 1000).\(frac)"
        }
        var g = SplitMix64(seed: 11)
        var values: [Double] = [0.0005, -0.0005, 0.9995, 9.9995, 99.9995, 999.9995, 1_000, 9_999.999, 123_456_789.125]
        for _ in 0..<200_000 {
            let digits = Int(g.next() % 16)
            var p: UInt64 = 1
            for _ in 0..<digits { p *= 10 }
            let micros = Double(g.next() % p) + [0, 0.5, 0.25, 0.75][Int(g.next() % 4)]
            values.append((g.next() % 5 == 0 ? -1 : 1) * micros / 1000)
        }
        for ms in values where (ms * 1000).magnitude < 9e15 {
            var enc = LineEncoder(capacity: 64)
            enc.appendMilliseconds(ms)
            #expect(String(decoding: enc.bytes, as: UTF8.self) == reference(ms), "\(ms)")
        }
    }
}
