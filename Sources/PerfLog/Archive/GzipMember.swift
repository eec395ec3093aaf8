/// gzip member framing (RFC 1952): the header perflog writes, the header parser that reads
/// any tool's members, and the trailer.
@_spi(Internals) public enum GzipMember {
    /// Size of the header perflog writes: 10 fixed bytes, XLEN, and the 46-byte `PL` subfield.
    public static let perflogHeaderSize = 10 + 2 + 4 + MemberIndex.dataLength
    /// Size of the trailer: CRC-32 and ISIZE.
    public static let trailerSize = 8

    /// A parsed member header.
    public struct Header: Sendable, Equatable {
        /// Bytes the header occupies (where the deflate data starts).
        public var length: Int
        /// perflog's index, when the FEXTRA field carries a valid `PL` subfield.
        public var index: MemberIndex?
    }

    /// Why a header could not be read.
    public enum HeaderProblem: Error, Sendable, Equatable {
        /// Fewer bytes than the header needs: the file ends inside it (or more input is needed).
        case truncated
        /// Not a gzip header (bad magic or compression method, reserved flags set).
        case notGzip
    }

    /// Builds the header perflog writes for a member with `index`, whose ``MemberIndex/memberSize``
    /// must already count this header, the deflate data and the trailer.
    ///
    /// - Parameter level: the deflate level, for the XFL byte (2 = best, 4 = fastest).
    public static func header(index: MemberIndex, level: Int32) -> [UInt8] {
        var h: [UInt8] = [0x1F, 0x8B, 8, 0x04, 0, 0, 0, 0, level >= 9 ? 2 : (level <= 1 ? 4 : 0), 3]
        let xlen = 4 + MemberIndex.dataLength
        h.append(UInt8(xlen & 0xFF))
        h.append(UInt8(xlen >> 8))
        h.append(MemberIndex.subfieldID.0)
        h.append(MemberIndex.subfieldID.1)
        h.append(UInt8(MemberIndex.dataLength & 0xFF))
        h.append(UInt8(MemberIndex.dataLength >> 8))
        index.encode(into: &h)
        return h
    }

    /// Appends the 8-byte trailer (CRC-32 and size modulo 2^32, little-endian).
    public static func appendTrailer(crc: UInt32, size: UInt64, to out: inout [UInt8]) {
        for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: crc >> (8 * UInt32(i)))) }
        for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: size >> (8 * UInt64(i)))) }
    }

    /// Reads the trailer at the start of `bytes`: (CRC-32, ISIZE), or `nil` if fewer than 8 bytes.
    public static func trailer(_ bytes: UnsafeRawBufferPointer) -> (crc: UInt32, isize: UInt32)? {
        guard bytes.count >= 8 else { return nil }
        var crc: UInt32 = 0
        var isize: UInt32 = 0
        for i in 0..<4 {
            crc |= UInt32(bytes[i]) << (8 * UInt32(i))
            isize |= UInt32(bytes[4 + i]) << (8 * UInt32(i))
        }
        return (crc, isize)
    }

    /// Parses a gzip member header at the start of `bytes`: any tool's (FEXTRA, FNAME, FCOMMENT,
    /// FHCRC are skipped), with perflog's index when present and valid.
    public static func parseHeader(_ bytes: UnsafeRawBufferPointer) -> Result<Header, HeaderProblem> {
        let n = bytes.count
        guard n >= 10 else {
            if n >= 1 && bytes[0] != 0x1F || n >= 2 && bytes[1] != 0x8B { return .failure(.notGzip) }
            return .failure(.truncated)
        }
        guard bytes[0] == 0x1F, bytes[1] == 0x8B, bytes[2] == 8, bytes[3] & 0xE0 == 0 else { return .failure(.notGzip) }
        let flags = bytes[3]
        var i = 10
        var index: MemberIndex?
        if flags & 0x04 != 0 {
            guard i + 2 <= n else { return .failure(.truncated) }
            let xlen = Int(bytes[i]) | Int(bytes[i + 1]) << 8
            i += 2
            guard i + xlen <= n else { return .failure(.truncated) }
            var j = i
            let end = i + xlen
            while j + 4 <= end {
                let len = Int(bytes[j + 2]) | Int(bytes[j + 3]) << 8
                guard j + 4 + len <= end else { break }
                if bytes[j] == MemberIndex.subfieldID.0 && bytes[j + 1] == MemberIndex.subfieldID.1 {
                    index = MemberIndex(data: UnsafeRawBufferPointer(rebasing: bytes[(j + 4)..<(j + 4 + len)]))
                }
                j += 4 + len
            }
            i = end
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
            while i < n && bytes[i] != 0 { i += 1 }
            guard i < n else { return .failure(.truncated) }
            i += 1
        }
        if flags & 0x02 != 0 { i += 2 }  // FHCRC
        guard i <= n else { return .failure(.truncated) }
        return .success(Header(length: i, index: index))
    }
}
