import Synchronization

/// Writes `ts` values like ``Timestamp/write(into:)`` does, faster: the first 20 bytes of the
/// most recent second (`2026-11-28T14:03:07.`) are cached, so a timestamp in that second costs a
/// comparison, a 20-byte copy and six digits. The first timestamp of a second is written by
/// ``Timestamp/write(into:)`` itself and its first 20 bytes cached.
///
/// The cache is a sequence lock of atomic words shared by every thread: a reader takes the bytes
/// only when the sequence number was even and unchanged around its reads; a writer updates it
/// only when it wins the sequence number, otherwise it just writes its own timestamp.
enum TimestampFormatter {
    /// Even when the cached second is stable; odd while one writer updates it.
    static let secondSequence = Atomic<UInt64>(0)
    /// The cached second (Unix seconds); -1 before the first.
    static let secondKey = Atomic<Int64>(-1)
    /// Bytes 0–7, 8–15 and 16–19 of the cached second's text.
    static let secondText0 = Atomic<UInt64>(0)
    static let secondText1 = Atomic<UInt64>(0)
    static let secondText2 = Atomic<UInt32>(0)

    /// "00" … "99".
    static let pairs: StaticString =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// Writes the 27-byte form of `ts` at `b`.
    @inline(__always)
    static func write(_ ts: Timestamp, into b: UnsafeMutablePointer<UInt8>) {
        let us = ts.microseconds
        let raw = UnsafeMutableRawPointer(b)
        // The cache covers 1970 to 9999; anything else takes the general path.
        guard us >= 0 && us < 253_402_300_800_000_000 else {
            ts.write(into: raw)
            return
        }
        let secs = us / 1_000_000
        let seq = secondSequence.load(ordering: .acquiring)
        guard copyCachedSecond(secs, sequence: seq, into: raw) else {
            ts.write(into: raw)
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
            return
        }
        let frac = Int(us &- secs &* 1_000_000)
        let t = pairs.utf8Start
        @inline(__always) func put2(_ at: Int, _ v: Int) {
            b[at] = t[2 &* v]
            b[at &+ 1] = t[2 &* v &+ 1]
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
