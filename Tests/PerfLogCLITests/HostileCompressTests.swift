import Foundation
@_spi(Internals) import PerfLog
import Testing

/// Hostile input through the built binary (issue 7). `perflog compress` is the command that reads
/// arbitrary logs and archives end to end today: whatever bytes a line holds (invalid UTF-8, NUL,
/// CR, a BOM) it is archived unchanged, and a broken gzip input is refused with the file's name
/// and leaves nothing behind.
@Suite struct HostileCompressTests {
    static func gunzip(_ url: URL) throws -> [UInt8] {
        let data = try [UInt8](Data(contentsOf: url))
        return try GzipStreamDecoder.decode(data).bytes
    }

    @Test func hostileBytesAreArchivedExactlyAsTheyWere() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"msg":"bom"}"#.utf8) + [0x0D, 0x0A]
        bytes += Array(#"{"msg":"bad "#.utf8) + [0xFF, 0xFE, 0xC3, 0x22, 0x7D, 0x0A]
        bytes += [UInt8](repeating: 0, count: 3000) + [0x0A]
        bytes += Array("\u{1B}[2J{\"msg\":\"esc\"}\n".utf8)
        bytes += Array(("{\"msg\":\"" + String(repeating: "y", count: 300_000) + "\"}").utf8)  // no final newline
        try Data(bytes).write(to: dir.appendingPathComponent("hostile.log"))
        let r = try PerfLogBinary.run(["compress", "--member-size", "1024", "hostile.log"], directory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let back = try Self.gunzip(dir.appendingPathComponent("hostile.log.gz"))
        #expect(back == bytes + [0x0A])  // a last line without a newline gets one
    }

    @Test func brokenGzipInputsAreRefusedByNameAndLeaveNothingBehind() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let payload = Array((0..<2000).map { #"{"msg":"line \#($0)"}"# + "\n" }.joined().utf8)
        var member: [UInt8] = []
        let d = try Deflater(level: 6)
        member = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        payload.withUnsafeBytes { _ = try? d.compress($0, appendingTo: &member) }
        GzipMember.appendTrailer(
            crc: payload.withUnsafeBytes { CRC32.update(0, $0) }, size: UInt64(payload.count), to: &member)
        var badCRC = member
        badCRC[badCRC.count - 6] ^= 0xFF
        var badSize = member
        badSize[badSize.count - 2] ^= 0xFF
        let cases: [(String, [UInt8])] = [
            ("crc.gz", badCRC), ("isize.gz", badSize), ("cut.gz", Array(member.dropLast(40))),
            ("empty.gz", [0x1F, 0x8B]),
        ]
        for (name, bytes) in cases {
            try Data(bytes).write(to: dir.appendingPathComponent(name))
            let r = try PerfLogBinary.run(["compress", name], directory: dir)
            #expect(r.status == 1, "\(name): \(r.stderr)")
            #expect(r.stderr.contains(name), "\(name): \(r.stderr)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == cases.map(\.0).sorted())
    }
}
