import Synchronization

/// Writes `ts` values like ``Timestamp/write(into:)`` does, faster: the calendar date of the
/// most recent day is cached (one atomic word), so a timestamp costs a few multiplications.
enum TimestampFormatter {
    /// Bit 63 set when valid; bits 32…62 the day number; then year (16 bits), month, day (8 each).
    static let dayCache = Atomic<UInt64>(0)

    /// "00" … "99".
    static let pairs: StaticString =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// Writes the 27-byte form of `ts` at `b`.
    @inline(__always)
    static func write(_ ts: Timestamp, into b: UnsafeMutablePointer<UInt8>) {
        let us = ts.microseconds
        // Fast path: 1970 to 9999; anything else takes the general path.
        guard us >= 0 && us < 253_402_300_800_000_000 else {
            ts.write(into: UnsafeMutableRawPointer(b))
            return
        }
        let secs = us / 1_000_000
        let frac = Int(us - secs * 1_000_000)
        let days = UInt64(secs / 86_400)
        let sod = Int(secs - Int64(days) * 86_400)
        var packed = dayCache.load(ordering: .relaxed)
        if packed >> 63 == 0 || (packed >> 32) & 0x7FFF_FFFF != days {
            let (y, m, d) = Timestamp.civil(fromDays: Int64(days))
            packed = 1 << 63 | days << 32 | UInt64(y) << 16 | UInt64(m) << 8 | UInt64(d)
            dayCache.store(packed, ordering: .relaxed)
        }
        let year = Int((packed >> 16) & 0xFFFF)
        let t = pairs.utf8Start
        @inline(__always) func put2(_ at: Int, _ v: Int) {
            b[at] = t[2 * v]
            b[at + 1] = t[2 * v + 1]
        }
        put2(0, year / 100)
        put2(2, year % 100)
        b[4] = 0x2D
        put2(5, Int((packed >> 8) & 0xFF))
        b[7] = 0x2D
        put2(8, Int(packed & 0xFF))
        b[10] = 0x54
        put2(11, sod / 3600)
        b[13] = 0x3A
        put2(14, (sod / 60) % 60)
        b[16] = 0x3A
        put2(17, sod % 60)
        b[19] = 0x2E
        put2(20, frac / 10_000)
        put2(22, (frac / 100) % 100)
        put2(24, frac % 100)
        b[26] = 0x5A
    }
}
