import Foundation
import Testing

@_spi(Internals) @testable import PerfLog

@Suite struct ArchiveWriterTests {
    typealias F = WriterFixture

    /// Lines with increasing timestamps, some without `ts`, of varied length.
    static func sampleLines(_ n: Int) -> [UInt8] {
        var out: [UInt8] = []
        for i in 0..<n {
            if i % 97 == 5 {
                out += Array(#"{"level":"info","logger":"x","msg":"no timestamp \#(i)"}"#.utf8) + [0x0A]
            } else {
                out += F.line(seq: i, ts: Timestamp(microseconds: F.t0.microseconds + Int64(i) * 1_000), pad: i % 50)
            }
        }
        return out
    }

    static func archive(_ input: [UInt8], memberInputSize: Int, pieces: Int = 1 << 20) throws -> (
        bytes: [UInt8], writer: ArchiveWriter
    ) {
        nonisolated(unsafe) var out: [UInt8] = []
        let w = try ArchiveWriter(level: 6, memberInputSize: memberInputSize) { out += $0 }
        var i = 0
        while i < input.count {
            let j = min(input.count, i + pieces)
            try input[i..<j].withUnsafeBytes { try w.append($0) }
            i = j
        }
        try w.finish()
        return (out, w)
    }

    @Test func everyMembersIndexAgreesWithItsRealSizesLineCountAndTimestamps() throws {
        let input = Self.sampleLines(5000)
        for pieces in [7, 4096, 1 << 20] {
            let (bytes, w) = try Self.archive(input, memberInputSize: 64 * 1024, pieces: pieces)
            var offset = 0
            var members = 0
            var joined: [UInt8] = []
            while offset < bytes.count {
                let h = try bytes[offset...].withUnsafeBytes { try GzipMember.parseHeader($0).get() }
                let index = try #require(h.index)
                let member = Array(bytes[offset..<(offset + Int(index.memberSize))])
                let (payload, decodedMembers) = try GzipStreamDecoder.decode(member)
                #expect(decodedMembers == 1)
                #expect(UInt64(payload.count) == index.uncompressedSize)
                #expect(payload.last == 0x0A)  // whole lines only
                let lines = payload.split(separator: 0x0A)
                #expect(UInt64(lines.count) == index.lineCount)
                let stamps = lines.compactMap { l in l.withUnsafeBytes { ArchiveWriter.timestamp(inLine: $0) } }
                #expect(index.timeRange == stamps.min()!...stamps.max()!)
                // A member holds about memberInputSize bytes: never less unless it is the last one.
                if offset + member.count < bytes.count { #expect(payload.count >= 64 * 1024 - 400) }
                joined += payload
                offset += member.count
                members += 1
            }
            #expect(joined == input)
            #expect(members == w.membersWritten)
            #expect(w.linesWritten == 5000)
            #expect(
                members == Int((Double(input.count) / Double(64 * 1024)).rounded(.up))
                    || members == input.count / (64 * 1024))
        }
    }

    @Test func linesWithoutATimestampDoNotContributeAndTimestampsAreFoundAnywhere() {
        func ts(_ s: String) -> Timestamp? { Array(s.utf8).withUnsafeBytes { ArchiveWriter.timestamp(inLine: $0) } }
        #expect(
            ts(#"{"ts":"2026-11-28T10:00:00.123456Z","level":"info"}"#)
                == Timestamp(parsing: "2026-11-28T10:00:00.123456Z"))
        #expect(ts(#"{"level":"info", "ts" : "2026-11-28T10:00:00Z"}"#) == Timestamp(parsing: "2026-11-28T10:00:00Z"))
        #expect(ts(#"{"msg":"a \"ts\":\"2026-11-28T10:00:00Z\""}"#) == nil)
        #expect(ts(#"{"ts":"yesterday"}"#) == nil)
        #expect(ts("not json") == nil)
        let scan = Array("{\"a\":1}\n{\"ts\":\"2026-11-28T10:00:00Z\"}\n".utf8).withUnsafeBytes {
            ArchiveWriter.scan($0)
        }
        #expect(scan.lines == 2)
        #expect(scan.range == Timestamp(parsing: "2026-11-28T10:00:00Z")!...Timestamp(parsing: "2026-11-28T10:00:00Z")!)
        let none = Array("{\"a\":1}\n".utf8).withUnsafeBytes { ArchiveWriter.scan($0) }
        #expect(none.range == nil)
    }

    @Test func anUnterminatedLastLineIsTerminatedAndEmptyInputWritesNothing() throws {
        let (bytes, w) = try Self.archive(Array("a\nb".utf8), memberInputSize: 1024)
        #expect(w.terminatedLastLine)
        #expect(try GzipStreamDecoder.decode(bytes).bytes == Array("a\nb\n".utf8))
        let (empty, _) = try Self.archive([], memberInputSize: 1024)
        #expect(empty.isEmpty)
    }

    @Test func aLineLongerThanAMemberStaysWhole() throws {
        let long = Array(repeating: UInt8(0x61), count: 10_000) + [0x0A]
        let input = Array("x\n".utf8) + long + Array("y\n".utf8)
        let (_, w) = try Self.archive(input, memberInputSize: 100, pieces: 33)
        #expect(w.membersWritten == 2)  // "x\n"+long reaches the size; "y\n" is the last member
        #expect(w.linesWritten == 3)
    }

    /// A line is held until it ends, so its length is capped by `maxLineBytes`: the error names
    /// the line and where it starts. Only the bytes that arrived since the last search are
    /// searched for its end (a 3 MiB line in 100-byte pieces, which would rescan megabytes per
    /// piece otherwise).
    @Test func aLineLongerThanMaxLineBytesIsAnErrorNamingIt() throws {
        let first = Array("x\n".utf8) + Array(repeating: UInt8(0x62), count: 299) + [0x0A]  // lines 1 and 2
        let long = Array(repeating: UInt8(0x61), count: 3 << 20)
        nonisolated(unsafe) var out: [UInt8] = []
        let w = try ArchiveWriter(level: 1, memberInputSize: 100) { out += $0 }
        w.maxLineBytes = 1 << 20
        var thrown: ArchiveWriter.LineTooLong?
        do {
            let input = first + long + [0x0A]
            var i = 0
            while i < input.count {
                try input[i..<min(input.count, i + 100)].withUnsafeBytes { try w.append($0) }
                i += 100
            }
        } catch let e as ArchiveWriter.LineTooLong {
            thrown = e
        }
        let e = try #require(thrown)
        #expect(e.line == 3)
        #expect(e.offset == UInt64(first.count))
        #expect(e.limit == 1 << 20)
        #expect(e.description == "line 3 (from byte 302) is longer than 1048576 bytes without a newline")
        // Within the limit, the same line is written whole.
        let ok = try ArchiveWriter(level: 1, memberInputSize: 100) { _ in }
        ok.maxLineBytes = 4 << 20
        let input = first + long + [0x0A] + Array("y\n".utf8)
        var i = 0
        while i < input.count {
            try input[i..<min(input.count, i + 100)].withUnsafeBytes { try ok.append($0) }
            i += 100
        }
        try ok.finish()
        #expect(ok.linesWritten == 4)
        #expect(ok.uncompressedBytes == UInt64(input.count))
    }

    @Test func archivesReadWithGzipZcatPythonAndDuckDB() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = Self.sampleLines(3000)
        let (bytes, w) = try Self.archive(input, memberInputSize: 32 * 1024)
        #expect(w.membersWritten > 5)
        let path = dir + "/a.log.gz"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try F.shell("gzip -t \(path)").0 == 0)
        let (zs, zout) = try F.shell("zcat \(path) | wc -l")
        #expect(zs == 0 && zout.trimmingCharacters(in: .whitespacesAndNewlines) == "3000")
        let (ps, pout) = try F.shell(
            "python3 -c 'import gzip,sys; print(len(gzip.open(sys.argv[1]).read().splitlines()))' \(path)")
        #expect(ps == 0 && pout.trimmingCharacters(in: .whitespacesAndNewlines) == "3000")
        let (hasDuck, _) = try F.shell("python3 -c 'import duckdb'")
        guard hasDuck == 0 else {
            print("ArchiveWriterTests: skipping the DuckDB check: python3 cannot import duckdb (pip install duckdb)")
            return
        }
        let script = dir + "/duck.py"
        try #"""
        import duckdb, sys
        rows = duckdb.sql("select count(*), count(distinct meta.seq) from read_json('" + sys.argv[1] + "', format='newline_delimited')").fetchall()
        print(rows[0][0])
        """#.write(toFile: script, atomically: true, encoding: .utf8)
        let (ds, dout) = try F.shell("python3 \(script) \(path)")
        #expect(ds == 0)
        #expect(dout.trimmingCharacters(in: .whitespacesAndNewlines) == "3000", "duckdb said: \(dout)")
    }
}
