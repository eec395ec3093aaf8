import Foundation
import Synchronization
import Testing

@_spi(Internals) @testable import PerfLog

/// A clock the test moves by hand.
final class ManualClock: WriterClock {
    private let value: Mutex<Int64>
    init(_ t: Timestamp) { value = Mutex(t.microseconds) }
    func now() -> Timestamp { Timestamp(microseconds: value.withLock { $0 }) }
    func set(_ t: Timestamp) { value.withLock { $0 = t.microseconds } }
    func advance(seconds: Double) { value.withLock { $0 += Int64(seconds * 1_000_000) } }
}

enum WriterFixture {
    /// 2026-11-28T10:00:00Z
    static let t0 = Timestamp(parsing: "2026-11-28T10:00:00Z")!

    /// A fresh temporary directory.
    static func directory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("perflog-writer-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func configuration(_ dir: String, clock: ManualClock? = nil) -> RotatingFileWriter.Configuration {
        var c = RotatingFileWriter.Configuration(directory: dir, name: "app")
        if let clock { c.clock = clock }
        c.reportsFailuresOnStandardError = false
        return c
    }

    /// A format-v1 line carrying `seq` in meta.
    static func line(seq: Int, ts: Timestamp = t0, pad: Int = 0) -> [UInt8] {
        let padding = String(repeating: "x", count: pad)
        return Array(
            #"{"ts":"\#(ts)","level":"info","logger":"test","msg":"event\#(padding)","event":"perf","op":"test.op","duration_ms":1.5,"meta":{"seq":"\#(seq)"}}"#
                .utf8) + [0x0A]
    }

    static func write(_ w: RotatingFileWriter, _ bytes: [UInt8]) { bytes.withUnsafeBytes { w.write(line: $0) } }

    /// Decodes a gzip file (any number of members) with the skeleton's decoder.
    static func gunzip(_ path: String) throws -> [UInt8] {
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return try GzipStreamDecoder.decode(data).bytes
    }

    /// Every file of the log in `dir`, sorted by name.
    static func files(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// All lines in the segments (in name order) then the active file.
    static func allLines(_ dir: String, name: String = "app") throws -> [String] {
        var lines: [String] = []
        for f in try files(dir) where f != name + ".log" {
            let bytes =
                f.hasSuffix(".gz")
                ? try gunzip(dir + "/" + f) : try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/" + f)))
            lines += String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast().map(String.init)
        }
        if let active = try? Data(contentsOf: URL(fileURLWithPath: dir + "/" + name + ".log")) {
            lines += String(decoding: active, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast().map(String.init)
        }
        return lines
    }

    /// The `seq` values of lines (every line must parse as JSON).
    static func sequenceNumbers(_ lines: [String]) throws -> [Int] {
        try lines.compactMap { l in
            let obj = try #require(
                try JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any], "line does not parse: \(l)")
            return ((obj["meta"] as? [String: Any])?["seq"] as? String).flatMap { Int($0) }
        }
    }

    /// The `seq` values of fixture lines, found by text search (fast, for large tests); every
    /// `sampleEvery`-th line is also parsed as JSON.
    static func fastSequenceNumbers(_ lines: [String], sampleEvery: Int = 100) throws -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(lines.count)
        for (i, l) in lines.enumerated() {
            if i % sampleEvery == 0 { _ = try sequenceNumbers([l]) }
            let r = try #require(l.range(of: #""seq":""#), "no seq in: \(l)")
            let rest = l[r.upperBound...]
            try #require(rest.hasSuffix("\"}}"), "torn line: \(l)")
            out.append(try #require(Int(rest.dropLast(3))))
        }
        return out
    }

    /// Runs a shell command, returning (status, stdout+stderr).
    @discardableResult
    static func shell(_ command: String) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self))
    }
}

extension WriterFixture {
    /// Checks every member of a perflog archive: its PL index against its real size, inflated
    /// size, line count and the range of its lines' `ts`. Returns the number of members.
    @discardableResult
    static func verifyIndexes(_ path: String) throws -> Int {
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        var offset = 0
        var members = 0
        while offset < data.count {
            let h = try data[offset...].withUnsafeBytes { try GzipMember.parseHeader($0).get() }
            let index = try #require(h.index, "\(path): member at \(offset) has no PL index")
            let end = offset + Int(index.memberSize)
            try #require(end <= data.count, "\(path): member at \(offset) claims more bytes than the file has")
            let (payload, decodedMembers) = try GzipStreamDecoder.decode(Array(data[offset..<end]))
            #expect(decodedMembers == 1, "\(path): member at \(offset): size in the index is wrong")
            #expect(UInt64(payload.count) == index.uncompressedSize)
            #expect(UInt64(payload.filter { $0 == 0x0A }.count) == index.lineCount)
            #expect(payload.last == 0x0A)
            let stamps = payload.split(separator: 0x0A).compactMap { l in
                l.withUnsafeBytes { ArchiveWriter.timestamp(inLine: $0) }
            }
            #expect(index.timeRange == (stamps.isEmpty ? nil : stamps.min()!...stamps.max()!))
            offset = end
            members += 1
        }
        return members
    }
}
