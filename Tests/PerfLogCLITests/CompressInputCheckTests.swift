import Foundation
import Testing

/// `perflog compress` on inputs that are not NDJSON logs: an empty file is refused (no 0-byte
/// archive that gzip and analyze reject), and lines that are not JSON objects are counted aloud.
@Suite struct CompressInputCheckTests {
    @Test func anEmptyInputIsRefusedByNameAndTheOthersAreStillCompressed() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("empty.log").path, contents: Data())
        let line =
            #"{"ts":"2026-11-28T10:00:00.000000Z","level":"info","logger":"t","msg":"m","event":"perf","op":"x","duration_ms":1}"#
        try (line + "\n").write(to: dir.appendingPathComponent("one.log"), atomically: true, encoding: .utf8)

        let r = try PerfLogBinary.run(["compress", "empty.log", "one.log"], directory: dir)
        #expect(r.status == 1)
        #expect(r.stderr == "Error: empty.log is empty: nothing to compress, empty.log.gz not written\n")
        #expect(r.stdout == "one.log -> one.log.gz\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("empty.log.gz").path))
        #expect(try WriterCLIShell.run("gzip -t \(dir.path)/one.log.gz").0 == 0)
        let analyzed = try PerfLogBinary.run([
            "analyze", "--format", "json", dir.appendingPathComponent("one.log.gz").path,
        ])
        #expect(analyzed.status == 0, "\(analyzed.stderr)")

        // With -o, an output that would hold nothing is not written either.
        let o = try PerfLogBinary.run(["compress", "-o", "all.gz", "empty.log"], directory: dir)
        #expect(o.status == 1)
        #expect(o.stderr.contains("empty.log is empty: nothing to compress, all.gz not written"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("all.gz").path))
        // An empty gzip stream is empty too.
        _ = try WriterCLIShell.run("cd \(dir.path) && gzip -c empty.log > empty2.log.gz")
        let gz = try PerfLogBinary.run(["compress", "empty2.log.gz"], directory: dir)
        #expect(gz.status == 1)
        #expect(gz.stderr.contains("empty2.log.gz is empty"))
    }

    @Test func linesThatAreNotJSONObjectsAreCountedInAWarning() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = #"{"ts":"2026-11-28T10:00:00.000000Z","level":"info","logger":"t","msg":"m"}"#
        try ([good, "not json", good, "", "[1,2]", good].joined(separator: "\n") + "\n")
            .write(to: dir.appendingPathComponent("mixed.log"), atomically: true, encoding: .utf8)
        var binary = [UInt8](repeating: 0, count: 3000)
        for i in binary.indices { binary[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 7) | 0x80 }
        for i in stride(from: 700, to: 3000, by: 700) { binary[i] = 0x0A }
        try Data(binary).write(to: dir.appendingPathComponent("blob.bin"))

        let r = try PerfLogBinary.run(["compress", "mixed.log", "blob.bin"], directory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stderr == """
                perflog compress: warning: mixed.log: 2 of its 6 lines are not JSON objects (the first is line 2); they are kept as they are, and perflog analyze counts them as malformed
                perflog compress: warning: blob.bin: none of its 5 lines is a JSON object (the first is line 1); they are kept as they are, and perflog analyze counts them as malformed

                """)
        // Nothing is lost: the archive holds the input byte for byte (its last line gets a newline).
        #expect(
            try WriterCLIShell.run(
                "cd \(dir.path) && zcat blob.bin.gz > back && (cat blob.bin; printf '\\n') | cmp - back"
            ).0 == 0)

        let clean = try PerfLogBinary.run(["compress", "-o", "clean.gz", "--force", "mixed.log"], directory: dir)
        #expect(clean.stderr.contains("2 of its 6 lines"))
        try (good + "\n").write(to: dir.appendingPathComponent("good.log"), atomically: true, encoding: .utf8)
        let quiet = try PerfLogBinary.run(["compress", "good.log"], directory: dir)
        #expect(quiet.status == 0)
        #expect(quiet.stderr == "")
    }
}
