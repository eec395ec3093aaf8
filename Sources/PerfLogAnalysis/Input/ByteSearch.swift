#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fast searches for `\n` over raw bytes.
enum ByteSearch {
    /// Index of the first `\n` in `p[0..<count]`, or `nil`.
    @inline(__always)
    static func firstNewline(_ p: UnsafeRawPointer, _ count: Int) -> Int? {
        guard count > 0, let hit = memchr(p, 0x0A, count) else { return nil }
        return UnsafeRawPointer(hit) - p
    }

    /// Index of the last `\n` in `p[0..<count]`, or `nil`.
    @inline(__always)
    static func lastNewline(_ p: UnsafeRawPointer, _ count: Int) -> Int? {
        // Lines are short, so the last one is found within a few hundred bytes of the end.
        let b = p.assumingMemoryBound(to: UInt8.self)
        var i = count - 1
        while i >= 0 {
            if b[i] == 0x0A { return i }
            i -= 1
        }
        return nil
    }

    /// The number of `\n` bytes in `p[0..<count]` (eight bytes at a time).
    ///
    /// Each word's newline bytes become 0x01 bytes that are summed per byte lane for up to 255
    /// words, then folded with one multiplication: no `popcount` per word (Swift's baseline
    /// x86-64 target has no POPCNT instruction, and its emulation cost ~4 instructions per byte
    /// under callgrind; this costs under 1).
    static func countNewlines(_ p: UnsafeRawPointer, _ count: Int) -> Int {
        var n = 0
        var i = 0
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let nl: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        let ones: UInt64 = 0x0101_0101_0101_0101
        while i + 8 <= count {
            var lanes: UInt64 = 0
            let stop = min(count - 8, i + 254 * 8)
            while i <= stop {
                let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ nl
                // Exact zero-byte test, no carries between bytes: the high bit stays set only where w's byte is 0.
                let t = ~(((w & low7) &+ low7) | w | low7)
                lanes &+= t >> 7
                i += 8
            }
            // Fold the eight byte lanes (each at most 255) into one sum.
            let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
            n += Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
        }
        let b = p.assumingMemoryBound(to: UInt8.self)
        while i < count {
            if b[i] == 0x0A { n += 1 }
            i += 1
        }
        return n
    }
}
