import CFastDeflate

/// The gzip CRC-32 (ISA-L's when perflog was built with it, else libdeflate's, else zlib's),
/// over buffers of any size.
package enum CRC32 {
    /// Continues `crc` over `bytes`. Start with 0.
    package static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let p = bytes.baseAddress, bytes.count > 0 else { return crc }
        return CFastDeflate_crc32(crc, p, bytes.count)
    }
}
