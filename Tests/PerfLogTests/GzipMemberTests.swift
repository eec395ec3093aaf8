import Testing
@testable import PerfLog

@Suite struct GzipMemberTests {
    /// Builds one perflog member around `payload`.
    static func member(_ payload: [UInt8], range: ClosedRange<Timestamp>?) throws -> [UInt8] {
        let d = try Deflater(level: 6)
        var body: [UInt8] = []
        try payload.withUnsafeBytes { _ = try d.compress($0, appendingTo: &body) }
        let crc = payload.withUnsafeBytes { CRC32.update(0, $0) }
        let size = UInt64(GzipMember.perflogHeaderSize + body.count + GzipMember.trailerSize)
        let lines = UInt64(payload.filter { $0 == 0x0A }.count)
        var m = GzipMember.header(index: MemberIndex(memberSize: size, uncompressedSize: UInt64(payload.count), lineCount: lines, timeRange: range), level: 6)
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
            let dec = try GzipStreamDecoder(outputBufferSize: 100)
            var out: [UInt8] = []
            var i = 0
            while i < file.count {
                let j = min(file.count, i + piece)
                try file[i..<j].withUnsafeBytes { try dec.feed($0) { out += $0 } }
                i = j
            }
            try dec.finish()
            #expect(out == Array(("one\n" + String(repeating: "two\n", count: 1000)).utf8))
            #expect(dec.membersDecoded == 2)
        }
    }

    @Test func streamDecoderReportsTruncationAndBadCRC() throws {
        let m = try Self.member(Array(String(repeating: "line\n", count: 100).utf8), range: nil)
        let dec = try GzipStreamDecoder()
        try m.dropLast(3).withUnsafeBytes { try dec.feed($0) { _ in } }
        #expect(throws: GzipStreamDecoder.Failure.self) { try dec.finish() }

        var bad = m
        bad[bad.count - 8] ^= 0xFF
        let dec2 = try GzipStreamDecoder()
        #expect(throws: GzipStreamDecoder.Failure.self) { try bad.withUnsafeBytes { try dec2.feed($0) { _ in } } }
    }
}
