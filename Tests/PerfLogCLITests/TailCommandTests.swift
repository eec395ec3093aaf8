import Foundation
import Testing

/// `perflog tail` end to end: the built binary follows a log across rename rotations and a
/// truncation, printing every line exactly once, and filters and neutralises what it prints.
@Suite struct TailCommandTests {
    static func line(_ seq: Int, op: String = "api.GET /x", msg: String = "done") -> String {
        #"{"ts":"2026-11-28T10:00:00.000000Z","level":"info","logger":"t","msg":"\#(msg)","event":"perf","op":"\#(op)","duration_ms":\#(seq).5,"outcome":"success","meta":{"seq":\#(seq)}}"#
    }

    static func append(_ text: String, to url: URL) throws {
        let h = try FileHandle(forWritingTo: url)
        try h.seekToEnd()
        try h.write(contentsOf: Data(text.utf8))
        try h.close()
    }

    /// Waits until `file` holds at least `lines` lines (at most `seconds`), returning its lines.
    static func waitForLines(_ file: URL, _ lines: Int, seconds: Double = 20) -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        var got: [String] = []
        repeat {
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            got = text.split(separator: "\n").map(String.init)
            if got.count >= lines { break }
            usleep(50_000)
        } while Date() < deadline
        return got
    }

    @Test func followsFiveRotationsAndATruncationPrintingEveryLineOnce() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let active = dir.appendingPathComponent("app.log")
        let out = dir.appendingPathComponent("tail.out")
        try (Self.line(0) + "\n").write(to: active, atomically: false, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)

        let p = Process()
        p.executableURL = PerfLogBinary.url
        p.arguments = ["tail", "-f", "-n", "5", "--json", active.path]
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { p.terminate() } }

        var expected = [Self.line(0)]
        #expect(Self.waitForLines(out, 1) == expected)
        var seq = 1
        for rotation in 1...5 {
            for _ in 0..<20 {
                try Self.append(Self.line(seq) + "\n", to: active)
                expected.append(Self.line(seq))
                seq += 1
            }
            // Let the follower see some lines, then rotate: rename and start a new file.
            _ = Self.waitForLines(out, expected.count - 10)
            try FileManager.default.moveItem(at: active, to: dir.appendingPathComponent("app-\(rotation).log"))
            try (Self.line(seq) + "\n").write(to: active, atomically: false, encoding: .utf8)
            expected.append(Self.line(seq))
            seq += 1
        }
        #expect(Self.waitForLines(out, expected.count) == expected)

        // Truncation in place: the file is emptied and written again from the start.
        let truncate = try FileHandle(forWritingTo: active)
        try truncate.truncate(atOffset: 0)
        try truncate.close()
        usleep(400_000)
        for _ in 0..<3 {
            try Self.append(Self.line(seq) + "\n", to: active)
            expected.append(Self.line(seq))
            seq += 1
        }
        let final = Self.waitForLines(out, expected.count)
        #expect(final == expected)
        #expect(Set(final).count == final.count)
        p.terminate()
        p.waitUntilExit()
    }

    @Test func printsTheLastLinesThatPassTheFiltersAndNeutralisesEscapes() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("app.log")
        var text = ""
        for i in 0..<30 { text += Self.line(i, op: i % 2 == 0 ? "db.q" : "api.GET /x") + "\n" }
        text += Self.line(99, op: "db.q", msg: #"evil \u001b]0;pwned\u0007 \u001b[31mred"#) + "\n"
        try text.write(to: file, atomically: false, encoding: .utf8)

        let r = try PerfLogBinary.run(["tail", "-n", "3", "--op", "db.*", "--color", "never", file.path])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.contains("db.q") })
        #expect(!r.stdout.utf8.contains(0x1B))
        #expect(!r.stdout.utf8.contains(0x07))
        #expect(lines[2].contains("99.500ms"))

        let json = try PerfLogBinary.run(["tail", "-n", "2", "--json", "--where", "duration_ms < 29", file.path])
        #expect(json.stdout == Self.line(27) + "\n" + Self.line(28, op: "db.q") + "\n")

        let bad = try PerfLogBinary.run(["tail", "--where", "duration >", file.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("column"))
    }
}
