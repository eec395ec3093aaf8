#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The monotonic clock durations are measured with (`CLOCK_MONOTONIC`: unaffected by wall-clock
/// changes).
@usableFromInline package enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point.
    @inlinable @inline(__always)
    package static func nanoseconds() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Int64(t.tv_sec) &* 1_000_000_000 &+ Int64(t.tv_nsec)
    }
}
