import Testing

@_spi(Internals) @testable import PerfLog

@Suite struct GzipMemberTests {
    /// Builds one perflog member around `payload`.
    static func member(_ payload: [UInt8], range: ClosedRange<Timestamp>?) throws -> [UInt8] {
        let d = try Deflater(level: 6)
        var body: [UInt8] = []
        try payload.withUnsafeBytes { _ = try d.compress($0, appendingTo: &body) }
        let crc = payload.withUnsafeBytes { CRC32.update(0, $0) }
        let size = UInt64(GzipMember.perflogHeaderSize + body.count + GzipMember.trailerSize)
        let lines = UInt64(payload.filter { $0 == 0x0A }.count)
        var m = GzipMember.header(
            index: MemberIndex(
                memberSize: size, uncompressedSize: UInt64(payload.count), lineCount: lines, timeRange: range), level: 6
        )
        m += body
        GzipMember.appendTrailer(crc: crc, size: UInt64(payload.count), to: &m)
        return m
    }

    @Test func headerCarriesTheIndexAndParsesBack() throws {
        let r = Timestamp(microseconds: 10)...Timestamp(microseconds: 20)
        let m = try Self.member(Array("a\nb\n".utf8), range: r)
        let h = try #require(try? m.withUnsafeBytes { try GzipMember.parseHeader($0).get() })
        #expect(h.length == GzipMember.perflogHeaderSize)
        #expect(h.index == MemberIndex(memberSize: UInt64(m.count), uncompressedSize: 4, lineCount: 2, timeRange: r))
    }

    @Test func streamDecoderReadsConcatenatedMembersInAnyPieces() throws {
        let a = try Self.member(Array("one\n".utf8), range: nil)
        let b = try Self.member(Array(String(repeating: "two\n", count: 1000).utf8), range: nil)
        let file = a + b
        for piece in [1, 3, 7, 64, 100_000] {
            let (out, members) = try GzipStreamDecoder.decode(file, pieceSize: piece, outputBufferSize: 100)
            #expect(out == Array(("one\n" + String(repeating: "two\n", count: 1000)).utf8))
            #expect(members == 2)
        }
    }

    @Test func streamDecoderReportsTruncationAndBadCRC() throws {
        let m = try Self.member(Array(String(repeating: "line\n", count: 100).utf8), range: nil)
        let truncatedAt = UInt64(m.count - 3)
        #expect(throws: GzipStreamDecoder.Problem(kind: .truncatedTrailer, offset: truncatedAt - 5, memberStart: 0)) {
            try GzipStreamDecoder.decode(Array(m.dropLast(3)))
        }

        var bad = m
        bad[bad.count - 8] ^= 0xFF
        #expect(throws: GzipStreamDecoder.Problem(kind: .crcMismatch, offset: UInt64(m.count - 8), memberStart: 0)) {
            try GzipStreamDecoder.decode(bad)
        }
    }
}
