import Foundation
import Testing

@testable import PerfLog

@Suite struct SinkTests {
    static func tempDir() -> String {
        let dir = NSTemporaryDirectory() + "perflog-sink-\(UInt64.random(in: 0...UInt64.max))"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ sink: some LineSink, _ text: String) {
        var t = text
        t.withUTF8 { sink.write(line: UnsafeRawBufferPointer($0)) }
    }

    @Test func appendsLinesToAPlainFileCreatedWithMode0640() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.ndjson"
        let old = umask(0o022)
        defer { umask(old) }
        do {
            let sink = try PlainFileSink(path: path)
            Self.write(sink, "{\"a\":1}\n")
            Self.write(sink, "{\"b\":2}\n")
            #expect(sink.status.linesWritten == 2)
            #expect(sink.status.bytesWritten == 16)
        }
        do {
            let again = try PlainFileSink(path: path)
            Self.write(again, "{\"c\":3}\n")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n")
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o640)
    }

    @Test func refusesToFollowASymbolicLink() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "x".write(toFile: dir + "/target", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir + "/target")
        #expect(throws: SinkError.self) { try PlainFileSink(path: dir + "/link") }
        do {
            _ = try PlainFileSink(path: dir + "/link")
        } catch {
            #expect(error.isSymlinkRefused)
            #expect(error.description.contains("symbolic link"))
        }
        #expect(try String(contentsOfFile: dir + "/target", encoding: .utf8) == "x")
    }

    @Test func reportsAnUnopenablePath() {
        do {
            _ = try PlainFileSink(path: "/nonexistent-dir-perflog/x.log")
            Issue.record("opened")
        } catch {
            #expect(
                error.description == "cannot open log file /nonexistent-dir-perflog/x.log: No such file or directory")
        }
    }

    @Test func buffersLinesUntilFullOrFlushed() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/b.ndjson"
        let sink = try PlainFileSink(path: path, bufferCapacity: 20)
        Self.write(sink, "{\"a\":1}\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "")
        Self.write(sink, "{\"b\":2}\n")
        Self.write(sink, "{\"c\":3}\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8).count == 24)
        Self.write(sink, "{\"d\":4}\n")
        sink.flush()
        #expect(try String(contentsOfFile: path, encoding: .utf8).count == 32)
        #expect(sink.status.linesWritten == 4)
    }

    @Test func countsWriteFailuresWithoutThrowing() throws {
        // /dev/full fails every write with ENOSPC.
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let sink = try PlainFileSink(path: "/dev/full")
        for _ in 0..<3 { Self.write(sink, "{\"a\":1}\n") }
        #expect(sink.status.failedLines == 3)
        #expect(sink.status.linesWritten == 0)
        #expect(sink.status.lastErrno == ENOSPC)
        let buffered = try PlainFileSink(path: "/dev/full", bufferCapacity: 1000)
        for _ in 0..<5 { Self.write(buffered, "{\"a\":1}\n") }
        buffered.flush()
        #expect(buffered.status.failedLines == 5)
    }

    @Test func keepsLinesWholeUnderConcurrentWriters() async throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/c.ndjson"
        let sink = try PlainFileSink(path: path, bufferCapacity: 4096)
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<8 {
                group.addTask {
                    let perf = PerformanceLogger(label: "t\(t)", sink: sink)
                    for i in 0..<500 { perf.record(op: "op.\(i)", durationMs: Double(i)) }
                }
            }
        }
        sink.flush()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4000)
        #expect(lines.allSatisfy { LineTestSupport.json(String($0)) != nil })
        #expect(sink.status.linesWritten == 4000)
    }

    @Test func keepsLinesInMemoryForTests() {
        let sink = InMemorySink()
        Self.write(sink, "{\"a\":1}\n")
        Self.write(sink, "{\"b\":2}\n")
        #expect(sink.lines == ["{\"a\":1}", "{\"b\":2}"])
        #expect(sink.contents.count == 16)
        sink.removeAll()
        #expect(sink.lines.isEmpty)
    }

    @Test func writesToStandardStreams() {
        let sink = StandardStreamSink(.standardError)
        Self.write(sink, "{\"perflog_test\":\"standard error sink\"}\n")
        #expect(sink.status.linesWritten == 1)
        #expect(sink.status.failedLines == 0)
    }
}

@Suite struct SinkRefusalTests {
    @Test func refusesAFIFOWithoutBlockingAndADirectory() throws {
        let dir = SinkTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/fifo", 0o600) == 0)
        #expect(throws: SinkError.self) { try PlainFileSink(path: dir + "/fifo") }
        #expect(throws: SinkError.self) { try PlainFileSink(path: dir) }
        #expect(throws: Never.self) { try PlainFileSink(path: "/dev/null") }
    }
}
