import Foundation
import Synchronization

@_spi(Internals) @testable import PerfLog
@_spi(Internals) @testable import PerfLogAnalysis

/// A consumer that keeps every line it is given (tests only: real consumers scan and drop).
final class CollectingConsumer: ChunkConsumer {
    var lines: [String] = []
    var oversized: [(line: Int?, offset: UInt64, length: UInt64)] = []
    /// (firstLine, number of lines) per chunk, to check line numbering.
    var chunkStarts: [(Int?, Int)] = []
    /// Each line of a chunk that carried its first line's number, by that number.
    var numbered: [Int: String] = [:]
    var badChunks = 0
    /// Microseconds to sleep per chunk: a slow scanner.
    var pauseMicroseconds: UInt32 = 0

    func consume(_ chunk: LineChunk) -> Int {
        if pauseMicroseconds > 0 { usleep(pauseMicroseconds) }
        let b = chunk.bytes
        if b.isEmpty || b[b.count - 1] != 0x0A { badChunks += 1 }
        var start = 0
        var n = 0
        for i in 0..<b.count where b[i] == 0x0A {
            let line = String(decoding: UnsafeRawBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            lines.append(line)
            if let first = chunk.firstLine { numbered[first + n] = line }
            start = i + 1
            n += 1
        }
        chunkStarts.append((chunk.firstLine, n))
        return n
    }

    func oversizedLine(sourceIndex: Int, line: Int?, byteOffset: UInt64, length: UInt64) {
        oversized.append((line, byteOffset, length))
    }
}

/// Helpers for building input files.
enum InputFixtures {
    /// A fresh temporary directory.
    static func tempDir() -> String {
        let dir = NSTemporaryDirectory() + "perflog-input-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ bytes: [UInt8], to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    /// `count` distinct lines `prefix-<n> ...padding`, each `\n`-terminated.
    static func lines(_ count: Int, prefix: String = "line", from: Int = 0) -> [String] {
        (from..<(from + count)).map { i in
            "{\"ts\":\"2026-11-28T10:00:00.000000Z\",\"msg\":\"\(prefix)-\(i)\",\"pad\":\"\(String(repeating: "x", count: i % 37))\"}"
        }
    }

    static func bytes(_ lines: [String]) -> [UInt8] {
        Array(lines.map { $0 + "\n" }.joined().utf8)
    }

    /// Builds one perflog member around `payload` (as Tests/PerfLogTests/GzipMemberTests.swift does),
    /// with optional lies in its index.
    static func member(
        _ payload: [UInt8], range: ClosedRange<Timestamp>? = nil,
        sizeDelta: Int64 = 0, uncompressedDelta: Int64 = 0, linesDelta: Int64 = 0
    ) -> [UInt8] {
        let d = try! Deflater(level: 6)
        var body: [UInt8] = []
        payload.withUnsafeBytes { _ = try! d.compress($0, appendingTo: &body) }
        let crc = payload.withUnsafeBytes { CRC32.update(0, $0) }
        let size = UInt64(GzipMember.perflogHeaderSize + body.count + GzipMember.trailerSize)
        let lines = UInt64(payload.filter { $0 == 0x0A }.count)
        let index = MemberIndex(
            memberSize: UInt64(Int64(size) + sizeDelta),
            uncompressedSize: UInt64(Int64(payload.count) + uncompressedDelta),
            lineCount: UInt64(Int64(lines) + linesDelta), timeRange: range)
        var m = GzipMember.header(index: index, level: 6)
        m += body
        GzipMember.appendTrailer(crc: crc, size: UInt64(payload.count), to: &m)
        return m
    }

    /// A plain gzip member (no FEXTRA), as `gzip` writes.
    static func plainMember(_ payload: [UInt8]) -> [UInt8] {
        let d = try! Deflater(level: 6)
        var m: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        payload.withUnsafeBytes { _ = try! d.compress($0, appendingTo: &m) }
        let crc = payload.withUnsafeBytes { CRC32.update(0, $0) }
        GzipMember.appendTrailer(crc: crc, size: UInt64(payload.count), to: &m)
        return m
    }

    /// Writes `lines` to `path` as one gzip stream made by `gzip` with `arguments` (a member of
    /// perflog's own when `gzip` is missing); returns the plain bytes and the file's bytes.
    static func writeGzipStream(_ lines: [String], to path: String, arguments: [String] = ["-6", "-c"])
        -> (payload: [UInt8], gz: [UInt8])
    {
        let payload = bytes(lines)
        let gz = compress(payload, tool: "gzip", arguments: arguments) ?? plainMember(payload)
        write(gz, to: path)
        return (payload, gz)
    }

    /// Compresses with an installed tool (`gzip`, `pigz`), or `nil` when it is not installed.
    static func compress(_ payload: [UInt8], tool: String, arguments: [String] = ["-c"]) -> [UInt8]? {
        let candidates = ["/usr/bin/\(tool)", "/bin/\(tool)", "/usr/local/bin/\(tool)"]
        guard let exe = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return nil
        }
        let dir = tempDir()
        let input = dir + "/in"
        write(payload, to: input)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = arguments + [input]
        let pipe = Pipe()
        p.standardOutput = pipe
        try? p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? Array(data) : nil
    }

    /// Reads `sources` with `threads` workers, `configure` adjusting worker `i`'s consumer;
    /// returns all lines, the consumers and the summary.
    static func read(
        _ sources: [InputSource], threads: Int, maxLineBytes: Int = 4 << 20, window: ClosedRange<Timestamp>? = nil,
        configure: (Int, CollectingConsumer) -> Void = { _, _ in }
    ) -> (lines: [String], consumers: [CollectingConsumer], summary: InputSummary) {
        let reader = InputReader(
            sources: sources, options: InputOptions(threads: threads, maxLineBytes: maxLineBytes, timeWindow: window))
        let (consumers, summary) = reader.run { i in
            let c = CollectingConsumer()
            configure(i, c)
            return c
        }
        return (consumers.flatMap(\.lines), consumers, summary)
    }

    static func read(_ path: String, threads: Int, maxLineBytes: Int = 4 << 20, window: ClosedRange<Timestamp>? = nil)
        -> (lines: [String], consumers: [CollectingConsumer], summary: InputSummary)
    {
        read([.file(path)], threads: threads, maxLineBytes: maxLineBytes, window: window)
    }

    /// The lines the consumers got with line numbers, in line-number order; empty when a number
    /// repeats or one is missing, so a gap or a double shows up as a mismatch.
    static func numberedLines(_ consumers: [CollectingConsumer]) -> [String] {
        var all: [Int: String] = [:]
        for c in consumers {
            for (n, line) in c.numbered where all.updateValue(line, forKey: n) != nil { return [] }
        }
        guard all.keys.min() == 1, all.keys.max() == all.count else { return [] }
        return (1...all.count).map { all[$0]! }
    }
}
