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
}
