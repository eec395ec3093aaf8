/// Rounding that does not call into libm.
///
/// `Double.rounded()` calls libm's `round` on the baseline x86-64 target, which has no rounding
/// instruction; the encoder (every duration it writes) and the analyzer (every duration it reads)
/// round on their hot paths, so both use this instead.
@usableFromInline
package enum Rounding {
    /// `Int64(x.rounded())`: the nearest integer, halves away from zero, for `|x| < 9.2e18`.
    ///
    /// Below 2^52 the fraction `x - trunc(x)` is exact; from 2^52 up, `x` is already an integer.
    @inlinable @inline(__always)
    package static func halfAwayFromZero(_ x: Double) -> Int64 {
        let t = Int64(x)
        let f = x - Double(t)
        return f >= 0.5 ? t &+ 1 : f <= -0.5 ? t &- 1 : t
    }
}
