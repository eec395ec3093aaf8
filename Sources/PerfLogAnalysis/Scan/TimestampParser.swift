import PerfLog

/// Parses `ts` values quickly: a fast path for format v1's exact 27-byte form
/// (`2026-11-28T10:00:00.123456Z`) with a one-entry cache of the last date seen (consecutive lines
/// share their date), and ``Timestamp/init(bytes:)`` for everything else.
///
/// Results are identical to `Timestamp(bytes:)` for every input.
struct TimestampParser: Sendable {
    private var cachedDate: UInt64 = 0
    private var cachedDay: UInt16 = 0
    private var cachedDays: Int64 = 0

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
        let date = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
        let day = UnsafeRawPointer(p + 8).loadUnaligned(as: UInt16.self)
        let days: Int64
        if date == cachedDate && day == cachedDay && cachedDate != 0 {
            days = cachedDays
        } else {
            guard let v = TimestampParser.days(p) else { return nil }
            days = v
            cachedDate = date
            cachedDay = day
            cachedDays = v
        }
        var acc: UInt8 = 0
        @inline(__always) func d(_ k: Int) -> Int64 {
            let v = p[k] &- 0x30
            acc |= v > 9 ? 0x80 : 0
            return Int64(v)
        }
        let h = d(11) * 10 + d(12)
        let mi = d(14) * 10 + d(15)
        let s = d(17) * 10 + d(18)
        var frac = d(20) * 100_000 + d(21) * 10_000 + d(22) * 1000
        frac += d(23) * 100 + d(24) * 10 + d(25)
        guard acc == 0, h <= 23, mi <= 59, s <= 60 else { return nil }
        let secs = days * 86_400 + h * 3600 + mi * 60 + min(s, 59)
        return Timestamp(microseconds: secs * 1_000_000 + frac)
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
