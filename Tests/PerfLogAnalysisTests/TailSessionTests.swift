import Foundation
import Testing

@_spi(Internals) @testable import PerfLog
@_spi(Internals) @testable import PerfLogAnalysis

/// The library side of `perflog tail`: resolving what to tail, fixed column widths, long lines
/// reported with their place, and the NDJSON check of `compress`.
@Suite struct TailSessionTests {
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("perflog-tail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func aDirectoryIsTailedThroughItsActiveFileNeverASegment() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in [
            "app-2026-11-28T10-00-00.123Z.log", "app-2026-11-28T10-00-00.123Z_002.log",
            "app-2026-11-28T09-00-00.000Z.log.gz", "app.log",
        ] {
            _ = FileManager.default.createFile(
                atPath: dir.appendingPathComponent(name).path, contents: Data("x\n".utf8))
        }
        #expect(
            try TailTarget.resolve([dir.path]) == [
                TailTarget(path: dir.appendingPathComponent("app.log").path, kind: .plain)
            ])
        #expect(TailTarget.isSegment("app-2026-11-28T10-00-00.123Z.log"))
        #expect(TailTarget.isSegment("my-app-2026-11-28T10-00-00.123Z_002.log"))
        #expect(!TailTarget.isSegment("my-app.log"))
        #expect(!TailTarget.isSegment("app-2026-11-28.log"))

        try FileManager.default.removeItem(at: dir.appendingPathComponent("app.log"))
        #expect(
            throws: TailError(
                .noActiveFile,
                "no active *.log file in \(dir.path); name a file to tail, e.g. \(dir.appendingPathComponent("app-2026-11-28T09-00-00.000Z.log.gz").path)"
            )
        ) {
            try TailTarget.resolve([dir.path])
        }
    }

    @Test func aGzipFileIsAnArchiveWhateverItsName() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("looks-plain.log").path
        _ = FileManager.default.createFile(atPath: path, contents: Data([0x1F, 0x8B, 8, 0]))
        #expect(
            try TailTarget.resolve([path, "-"]) == [
                TailTarget(path: path, kind: .archive), TailTarget(path: "-", kind: .standardInput),
            ])
        #expect(throws: TailError.self) { try TailTarget.resolve(["-", "-"]) }
        let printer = TailPrinter(filter: RecordFilter(), json: true, color: false)
        #expect(throws: TailError.self) {
            try TailSession(
                targets: [TailTarget(path: path, kind: .archive)], options: .init(follow: true), printer: printer,
                diagnostics: { _ in })
        }
    }

    @Test func fixedWidthsDoNotWidenForLaterValues() {
        var f = TailFormatter(color: false)
        var scanner = LineScanner()
        var record = ScannedRecord()
        func human(_ line: String) -> String {
            var s = line
            return s.withUTF8 { b in
                _ = scanner.scan(UnsafeRawBufferPointer(b), into: &record)
                return f.human(record)
            }
        }
        let short =
            #"{"ts":"2026-11-28T10:00:00.000000Z","level":"info","logger":"l","msg":"m","op":"a","duration_ms":1}"#
        let long =
            #"{"ts":"2026-11-28T10:00:00.000000Z","level":"info","logger":"a.long.logger.name","msg":"m","op":"a.much.longer.operation.name","duration_ms":1}"#
        f.fixWidths()
        let before = human(short)
        _ = human(long)
        #expect(human(short) == before)
        #expect(before == "2026-11-28 10:00:00.000 INFO     l         a                           1.000ms m")
    }

    @Test func theFollowerReportsALongLineWithItsOffsetAndLineNumber() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("app.log").path
        let text = "one\ntwo\n" + String(repeating: "x", count: 300) + "\nfour\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let f = Follower(path: path, maxLineBytes: 100)
        var reported: [(UInt64, UInt64)] = []
        f.onOversized = { reported.append(($0, $1)) }
        let lines = try f.lastLines(10)
        #expect(lines.map { String(decoding: $0, as: UTF8.self) } == ["one", "two", "four"])
        #expect(reported.count == 1)
        #expect(reported.first?.0 == 8)
        #expect(reported.first?.1 == 300)
        #expect(f.lineNumber(atByteOffset: 8) == 3)

        // A long line that arrives in pieces while following is reported once, where it starts.
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.seekToEnd()
        try h.write(contentsOf: Data(String(repeating: "y", count: 80).utf8))
        f.poll { _ in }
        try h.write(contentsOf: Data((String(repeating: "y", count: 80) + "\nfive\n").utf8))
        try h.close()
        var got: [String] = []
        f.poll { got.append(String(decoding: $0, as: UTF8.self)) }
        #expect(got == ["five"])
        #expect(reported.count == 2)
        #expect(reported.last?.0 == UInt64(text.utf8.count))
        #expect(reported.last?.1 == 160)
        #expect(f.lineNumber(atByteOffset: UInt64(text.utf8.count)) == 5)
    }

    @Test func theLastLinesOfAStreamAreTakenFromTheEndsOfItsChunks() {
        let consumer = TailLineConsumer(mode: .last(3), chunkEnd: {}, oversized: { _, _, _ in })
        var counts: [Int] = []
        for text in ["a\nb\n", "\nc\nd\n", "e\n"] {
            var bytes = Array(text.utf8)
            counts.append(
                bytes.withUnsafeMutableBytes {
                    consumer.consume(
                        LineChunk(bytes: UnsafeRawBufferPointer($0), sourceIndex: 0, firstLine: nil, byteOffset: 0))
                })
        }
        #expect(counts == [2, 3, 1])
        #expect(consumer.lastLines.map { String(decoding: $0, as: UTF8.self) } == ["c", "d", "e"])
        consumer.oversizedLine(sourceIndex: 0, line: nil, byteOffset: 9, length: 500)
        var reported: [Int] = []
        let numbered = TailLineConsumer(
            mode: .lastKept(1, { $0.first == 0x62 }), chunkEnd: {}, oversized: { line, _, _ in reported.append(line) })
        var bytes = Array("a\nb\nc\n".utf8)
        _ = bytes.withUnsafeMutableBytes {
            numbered.consume(
                LineChunk(bytes: UnsafeRawBufferPointer($0), sourceIndex: 0, firstLine: nil, byteOffset: 0))
        }
        numbered.oversizedLine(sourceIndex: 0, line: nil, byteOffset: 6, length: 500)
        #expect(reported == [4])
        #expect(numbered.lastLines.map { String(decoding: $0, as: UTF8.self) } == ["b"])
    }

    @Test func objectLineCountCountsLinesThatAreNotJSONObjectsAcrossPieces() {
        var c = ObjectLineCount()
        let text = #"{"a":1}"# + "\nnot json\n\n" + #"{"b":"# + "2}\n[1]\ntail"
        let bytes = Array(text.utf8)
        for piece in stride(from: 0, to: bytes.count, by: 5) {
            bytes[piece..<min(piece + 5, bytes.count)].withUnsafeBytes { c.feed($0) }
        }
        c.finish()
        #expect(c.lines == 6)
        #expect(c.nonObjects == 3)
        #expect(c.firstNonObjectLine == 2)
    }
}
