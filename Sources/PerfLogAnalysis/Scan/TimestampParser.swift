import PerfLog

/// Parses `ts` values quickly: a fast path for format v1's exact 27-byte form
/// (`2026-11-28T10:00:00.123456Z`) with a one-entry cache of the last minute seen (consecutive
/// lines share it), and ``Timestamp/init(bytes:)`` for everything else.
///
/// Results are identical to `Timestamp(bytes:)` for every input.
struct TimestampParser: Sendable {
    private var cachedMinuteW0: UInt64 = 0
    private var cachedMinuteW1: UInt64 = 0
    private var cachedMinute: Int64 = 0
    private var hasCachedMinute = false

    init() {}

    @inline(__always)
    static func digit(_ c: UInt8) -> Int64? {
        let d = c &- 0x30
        return d < 10 ? Int64(d) : nil
    }

    @inline(__always)
    mutating func parse(_ b: UnsafeRawBufferPointer) -> Timestamp? {
        guard b.count == 27, let base = b.baseAddress else { return Timestamp(bytes: b) }
        let p = base.assumingMemoryBound(to: UInt8.self)
        guard p[10] == 0x54, p[13] == 0x3A, p[16] == 0x3A, p[19] == 0x2E, p[26] == 0x5A else {
            return Timestamp(bytes: b)
        }
        // Lines come in time order: `YYYY-MM-DDTHH:MM` is usually the previous line's, whose
        // value (microseconds at the minute) is cached; only seconds and fraction are parsed.
        let w0 = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
        let w1 = UnsafeRawPointer(p + 8).loadUnaligned(as: UInt64.self)
        let minute: Int64
        if w0 == cachedMinuteW0 && w1 == cachedMinuteW1 && hasCachedMinute {
            minute = cachedMinute
        } else {
            guard let m = TimestampParser.minuteMicroseconds(p) else { return nil }
            minute = m
            cachedMinuteW0 = w0
            cachedMinuteW1 = w1
            cachedMinute = m
            hasCachedMinute = true
        }
        // `SS` and `ffffff` as one 8-digit number `00SSffff` would not line up; parse the two
        // seconds digits and the six fraction digits (one 8-byte load) and validate all at once.
        let s0 = p[17] &- 0x30
        let s1 = p[18] &- 0x30
        let f = UnsafeRawPointer(p + 20).loadUnaligned(as: UInt32.self)
        let g = UnsafeRawPointer(p + 24).loadUnaligned(as: UInt16.self)
        let fd = (UInt64(f) | UInt64(g) << 32) &- 0x3030_3030_3030
        // Every fraction byte a digit: no byte borrowed below '0' or exceeds 9.
        guard s0 < 10, s1 < 10,
            (fd & 0xF0F0_F0F0_F0F0) == 0, ((fd &+ 0x0606_0606_0606) & 0xF0F0_F0F0_F0F0) == 0
        else { return nil }
        let s = Int64(s0) * 10 + Int64(s1)
        guard s <= 60 else { return nil }
        // Pairs of digits at once: byte 2k of `pairs` is 10 × digit 2k + digit 2k+1 (at most 99,
        // so no byte carries into the next).
        let pairs = fd &* 10 &+ (fd &>> 8)
        let frac =
            Int64(pairs & 0xFF) * 10_000 + Int64((pairs &>> 16) & 0xFF) * 100 + Int64((pairs &>> 32) & 0xFF)
        return Timestamp(microseconds: minute + min(s, 59) * 1_000_000 + frac)
    }

    /// Microseconds since the epoch of the validated `YYYY-MM-DDTHH:MM` at `p`, or nil. Called
    /// once per minute of log time (the minute is cached), so the date is not cached apart.
    private static func minuteMicroseconds(_ p: UnsafePointer<UInt8>) -> Int64? {
        guard let days = TimestampParser.days(p) else { return nil }
        let h0 = p[11] &- 0x30
        let h1 = p[12] &- 0x30
        let m0 = p[14] &- 0x30
        let m1 = p[15] &- 0x30
        guard h0 < 10, h1 < 10, m0 < 10, m1 < 10 else { return nil }
        let h = Int64(h0) * 10 + Int64(h1)
        let mi = Int64(m0) * 10 + Int64(m1)
        guard h <= 23, mi <= 59 else { return nil }
        return ((days * 86_400) + h * 3600 + mi * 60) * 1_000_000
    }

    /// Days since 1970-01-01 of the validated `YYYY-MM-DD` at `p`, or nil.
    private static func days(_ p: UnsafePointer<UInt8>) -> Int64? {
        guard p[4] == 0x2D, p[7] == 0x2D,
            let y0 = digit(p[0]), let y1 = digit(p[1]), let y2 = digit(p[2]), let y3 = digit(p[3]),
            let m0 = digit(p[5]), let m1 = digit(p[6]), let d0 = digit(p[8]), let d1 = digit(p[9])
        else { return nil }
        let y = y0 * 1000 + y1 * 100 + y2 * 10 + y3
        let m = m0 * 10 + m1
        let d = d0 * 10 + d1
        guard m >= 1, m <= 12, d >= 1, d <= Timestamp.daysInMonth(y, m) else { return nil }
        return Timestamp.days(fromCivil: y, m, d)
    }
}
