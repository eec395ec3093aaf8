import Synchronization

/// Writes `ts` values like ``Timestamp/write(into:)`` does, faster: the first 20 bytes of the
/// most recent second (`2026-11-28T14:03:07.`) are cached, so a timestamp in that second costs a
/// comparison, a 20-byte copy and six digits; the calendar date of the most recent day is cached
/// too, for the first timestamp of each second.
///
/// The second's cache is a sequence lock of atomic words shared by every thread: a reader takes
/// the bytes only when the sequence number was even and unchanged around its reads; a writer
/// updates it only when it wins the sequence number, otherwise it just formats its own timestamp.
enum TimestampFormatter {
    /// Even when the cached second is stable; odd while one writer updates it.
    static let secondSequence = Atomic<UInt64>(0)
    /// The cached second (Unix seconds); -1 before the first.
    static let secondKey = Atomic<Int64>(-1)
    /// Bytes 0–7, 8–15 and 16–19 of the cached second's text.
    static let secondText0 = Atomic<UInt64>(0)
    static let secondText1 = Atomic<UInt64>(0)
    static let secondText2 = Atomic<UInt32>(0)

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
        let frac = Int(us &- secs &* 1_000_000)
        let t = pairs.utf8Start
        @inline(__always) func put2(_ at: Int, _ v: Int) {
            b[at] = t[2 &* v]
            b[at &+ 1] = t[2 &* v &+ 1]
        }
        let raw = UnsafeMutableRawPointer(b)
        let seq = secondSequence.load(ordering: .acquiring)
        if !copyCachedSecond(secs, sequence: seq, into: raw) {
            let days = UInt64(secs / 86_400)
            let sod = Int(secs &- Int64(days) &* 86_400)
            var packed = dayCache.load(ordering: .relaxed)
            if packed >> 63 == 0 || (packed >> 32) & 0x7FFF_FFFF != days {
                let (y, m, d) = Timestamp.civil(fromDays: Int64(days))
                packed = 1 << 63 | days << 32 | UInt64(y) << 16 | UInt64(m) << 8 | UInt64(d)
                dayCache.store(packed, ordering: .relaxed)
            }
            let year = Int((packed >> 16) & 0xFFFF)
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
            // Publish this second, unless another thread is publishing one right now.
            if seq & 1 == 0
                && secondSequence.compareExchange(expected: seq, desired: seq &+ 1, ordering: .acquiring).exchanged
            {
                atomicMemoryFence(ordering: .releasing)
                secondKey.store(secs, ordering: .relaxed)
                secondText0.store(raw.loadUnaligned(as: UInt64.self), ordering: .relaxed)
                secondText1.store(raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self), ordering: .relaxed)
                secondText2.store(raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self), ordering: .relaxed)
                secondSequence.store(seq &+ 2, ordering: .releasing)
            }
        }
        put2(20, frac / 10_000)
        put2(22, (frac / 100) % 100)
        put2(24, frac % 100)
        b[26] = 0x5A
    }

    /// Copies the cached 20 bytes of second `secs` to `raw`, when the cache holds that second and
    /// no writer changed it during the copy (`sequence` was loaded before, with acquire ordering).
    @inline(__always)
    static func copyCachedSecond(_ secs: Int64, sequence seq: UInt64, into raw: UnsafeMutableRawPointer) -> Bool {
        guard seq & 1 == 0 && secondKey.load(ordering: .relaxed) == secs else { return false }
        let w0 = secondText0.load(ordering: .relaxed)
        let w1 = secondText1.load(ordering: .relaxed)
        let w2 = secondText2.load(ordering: .relaxed)
        atomicMemoryFence(ordering: .acquiring)
        guard secondSequence.load(ordering: .relaxed) == seq else { return false }
        raw.storeBytes(of: w0, as: UInt64.self)
        raw.storeBytes(of: w1, toByteOffset: 8, as: UInt64.self)
        raw.storeBytes(of: w2, toByteOffset: 16, as: UInt32.self)
        return true
    }
}
