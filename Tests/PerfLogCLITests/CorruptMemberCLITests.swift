import Foundation
import Testing

@_spi(Internals) @testable import PerfLog

/// A gzip member that the deflate libraries read differently (README.md, "Compression") through
/// the built `perflog`: whichever library the binary was built with, the report counts the same
/// events and the error names the same member.
@Suite struct CorruptMemberCLITests {
    @Test func aMatchBeforeACorruptMembersStartIsReportedAtThatMember() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = Array(CompressCommandTests.lines(100).utf8)
        var deflate: [UInt8] = []
        try lines.withUnsafeBytes { _ = try Deflater(level: 6, backend: .zlib).compress($0, appendingTo: &deflate) }
        var file: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3] + deflate
        GzipMember.appendTrailer(
            crc: lines.withUnsafeBytes { CRC32.update(0, $0) }, size: UInt64(lines.count), to: &file)
        let second = file.count
        // zlib: "invalid distance too far back" at the first match; ISA-L writes it first.
        file += [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3] + DeflateBackendLeniencyTestsData.matchBeforeTheStart
        file += [0, 0, 0, 0, 0, 0, 0, 0]
        try Data(file).write(to: dir.appendingPathComponent("corrupt.gz"))
        let r = try PerfLogBinary.run(["analyze", "corrupt.gz"], directory: dir)
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stdout.contains(" 100 events"), "\(r.stdout)")
        #expect(
            r.stderr.contains(
                "corrupt.gz@\(second): corrupt deflate data in the gzip member at byte \(second); read up to the break"),
            "\(r.stderr)")
    }
}

/// The reduced deflate data of `DeflateBackendLeniencyTests` (in another test target).
enum DeflateBackendLeniencyTestsData {
    /// A fixed-Huffman block whose first match reaches 9 bytes before the stream's start.
    static let matchBeforeTheStart: [UInt8] = [
        0x23, 0xA4, 0xAA, 0xC9, 0xCF, 0xA4, 0x01, 0x4B, 0x60, 0x14, 0x00, 0x01, 0x4B, 0x60, 0x14, 0x00,
    ]
}
