import CZlib

/// The gzip CRC-32 (zlib's `crc32`), over buffers of any size.
public enum CRC32 {
    /// Continues `crc` over `bytes`. Start with 0.
    @inlinable
    public static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard var p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return crc }
        var left = bytes.count
        var c = UInt(crc)
        while left > 0 {
            let n = min(left, 1 << 30)
            c = CZlib.crc32(c, p, UInt32(n))
            p += n
            left -= n
        }
        return UInt32(truncatingIfNeeded: c)
    }
}
