@_spi(Internals) import PerfLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads an indexed gzip member whole: one pread of the member, one libdeflate call into a
/// buffer of the size the index gives, then the CRC-32 and ISIZE checked against the trailer.
///
/// It only succeeds when everything agrees (the deflate stream ends exactly where the index
/// puts the trailer, the sizes match, the CRC-32 matches); anything else returns `nil` and the
/// member is read again by the streaming decoder, which reports the problem. Its buffers are
/// reused member after member: one reader per thread.
final class WholeMemberReader {
    /// Members whose index promises more than this (compressed or decompressed) are streamed.
    static let maxMemberBytes: UInt64 = 8 << 20

    private let inflater: MemberInflater
    private var compressed = UnsafeMutableRawBufferPointer.allocate(byteCount: 0, alignment: 16)
    private var decoded = UnsafeMutableRawBufferPointer.allocate(byteCount: 0, alignment: 16)

    /// `nil` when perflog was built without libdeflate.
    init?() {
        guard let inflater = MemberInflater() else { return nil }
        self.inflater = inflater
    }

    deinit {
        compressed.deallocate()
        decoded.deallocate()
    }

    private static func reserve(_ buffer: inout UnsafeMutableRawBufferPointer, _ count: Int) {
        guard buffer.count < count else { return }
        buffer.deallocate()
        buffer = .allocate(byteCount: count, alignment: 16)
    }

    /// The member's decoded bytes (valid until the next call), or `nil` when it does not read
    /// cleanly whole.
    func read(_ m: MemberPlan.Member, fd: Int32, context: ReadContext) -> UnsafeRawBufferPointer? {
        let size = m.index.memberSize
        let expected = m.index.uncompressedSize
        guard size <= Self.maxMemberBytes, expected <= Self.maxMemberBytes, expected > 0 else { return nil }
        WholeMemberReader.reserve(&compressed, Int(size))
        WholeMemberReader.reserve(&decoded, Int(expected))
        var got = 0
        while got < Int(size) {
            let n = pread(fd, compressed.baseAddress! + got, Int(size) - got, off_t(m.offset + UInt64(got)))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            got += n
        }
        let member = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(compressed)[0..<Int(size)])
        guard case .success(let header) = GzipMember.parseHeader(member),
            header.length + GzipMember.trailerSize <= member.count
        else { return nil }
        let deflateEnd = member.count - GzipMember.trailerSize
        let deflate = UnsafeRawBufferPointer(rebasing: member[header.length..<deflateEnd])
        let out = UnsafeMutableRawBufferPointer(rebasing: decoded[0..<Int(expected)])
        guard case .success(let used) = inflater.inflate(deflate, into: out), used.consumed == deflate.count,
            used.produced == Int(expected),
            let trailer = GzipMember.trailer(UnsafeRawBufferPointer(rebasing: member[deflateEnd...])),
            trailer.isize == UInt32(truncatingIfNeeded: expected)
        else { return nil }
        let bytes = UnsafeRawBufferPointer(out)
        guard CRC32.update(0, bytes) == trailer.crc else { return nil }
        context.counters.addRead(Int(size))
        return bytes
    }
}
